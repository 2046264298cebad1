"""Union of the insert-only tables of another fieldapp database into this one.

``merge_database(into, source)`` copies every form, form file, attachment, submission,
revision and event that ``into`` lacks, keyed by uuid or sha256, in one transaction.
Nothing already in ``into`` is ever changed, so merging is idempotent, commutative and
associative in content; a row that exists on both sides must be the same row, or the
merge stops, names it, and changes nothing. Every new revision, attachment and form is
re-hashed: content that does not match its hash was altered and is refused.

The source is read through an ``ATTACH`` in read-only mode (after the store's one
opening function has checked what it is), so a device's file is never written to.
Local tables (``meta``, ``working_copies``) and derived ones (``heads``, ``listing``)
are not merged; the derived ones are recomputed for the interviews that changed.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core import crypto, devices, row_bounds, validate
from fieldapp.core.callbacks import Cancel, Progress
from fieldapp.core.central.copies import Claim, set_copies_aside
from fieldapp.core.forms.model import Answers, Form
from fieldapp.core.interview_name import interview_name
from fieldapp.core.messages import FieldappError, Message, text
from fieldapp.core.quarantine import (
    QUARANTINE,
    SIGNED_SINCE,
    UNSIGNED,
    affected_submissions,
    carried,
    may_hold_unsigned,
    quarantine_rows,
    quarantined,
    quarantined_sql,
    signed_since,
    signer_sql,
    skipped,
    skipped_line,
    unsigned_left_out,
)
from fieldapp.core.review import REVIEW_EVENTS
from fieldapp.core.store import signing
from fieldapp.core.store.content import (
    REVISION_HASHED_COLUMNS,
    SHA256_MATCHES,
    canonical_json,
    canonical_sql,
    form_sha256,
    register_sha256_matches,
    revision_canonical_sql,
    revision_content_sha256,
)
from fieldapp.core.store.database import (
    creates_virtual_table,
    failure,
    open_database,
    readonly_uri,
)
from fieldapp.core.store.records import VERSION_ORDER

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

SOURCE_TIMEOUT = 3.0
"""Seconds to wait for a program writing to the source before saying it is locked."""
SOURCE_TIME_LIMIT = 900.0
"""Seconds one source may take, checks included, before it is refused as built to hang."""

_SCHEMA = "merge_source"
_PROGRESS_OPCODES = 20_000
_CACHE_KIB = 64 * 1024


@dataclass(frozen=True)
class _Table:
    name: str
    key: tuple[str, ...]
    compared: tuple[str, ...] | None
    """Columns that must agree when a key is on both sides (None: every column)."""
    noted: tuple[str, ...] = ()
    """Columns of each copied row kept (with the key) in temp.new_<name> for the checks."""
    hashed: str | None = None
    """The column holding the hash of the row's content (the key itself for some)."""


# In foreign-key order. A form's added_at and filename say when and from which file
# each device added it: they may differ, the content (which the key hashes) may not.
# Revisions compare their content hash instead of the answers themselves.
_TABLES = (
    _Table("forms", ("sha256",), ("form_id", "version", "title", "content"), hashed="sha256"),
    _Table("form_files", ("form_sha256", "filename"), ("content",)),
    _Table("attachments", ("sha256",), ("size", "content"), hashed="sha256"),
    _Table("submissions", ("uuid",), None, ("form_sha256", "form_id", "city")),
    _Table(
        "revisions",
        ("uuid",),
        (*REVISION_HASHED_COLUMNS, "content_sha256"),
        ("submission_uuid", "parents", "attachments"),
        hashed="content_sha256",
    ),
    _Table("events", ("uuid",), None, ("submission_uuid", "revision_uuid")),
    _Table(
        "signatures",
        ("row_table", "row_uuid"),
        None,
        (*signing.LINK_FIELDS[2:], "digest", "signature"),
    ),
)
MERGED_TABLES = tuple(table.name for table in _TABLES)
"""The tables a merge copies; every other table is local or derived."""

_STAGES = len(_TABLES) + 4  # checks, tables..., verify, derived, commit


@dataclass(frozen=True)
class GroupCount:
    """What came in for one form in one city."""

    form_id: str
    city: str
    interviews: int = 0
    revisions: int = 0
    events: int = 0
    form_sha256: str = ""
    """The form version of these interviews. A form used in clear and then sealed by a new
    version has a group per version: the list hides the sealed version's interviews only,
    and a screen before a key hides what it hides. ``by_form_and_city`` adds them up."""


@dataclass(frozen=True)
class FormInfo:
    """A form version a merge brought in."""

    form_id: str
    version: str
    title: str
    sha256: str
    fingerprint: str | None
    """The study key it seals for, or None for a form kept in clear."""


@dataclass(frozen=True)
class DeviceInfo:
    """A device whose signed rows a merge brought here for the first time: it is enrolled."""

    device_id: str
    fingerprint: str
    """Of its signing key: what the supervisor compares with the laptop's own."""


@dataclass(frozen=True)
class SupervisorInfo:
    """A supervisor certificate taken with no sealed form held here to check its key
    against (the database's first, come with the forms it is checked against)."""

    device_id: str
    study_key: str
    """The fingerprint of the study key that signed it: what a person must check."""


@dataclass(frozen=True)
class SetAside:
    """A record held from an earlier merge, set aside by this one: it names a device this
    merge enrolled, and carries no signature of that device, which signs every record (or
    this merge took it so, carried by a record written on it, ``quarantine.carried``).
    Also a record such a merge set aside that this one took back: its signature came."""

    table: str
    key: str
    device_id: str


@dataclass(frozen=True)
class LeftOut:
    """A record as ``SetAside``, which this merge leaves out where it may not set it
    aside, and the interview it belongs to (what a person is told)."""

    table: str
    key: str
    device_id: str
    submission_id: str


@dataclass(frozen=True)
class ConflictInfo:
    """An interview that has several heads after the merge."""

    submission_id: str
    form_id: str
    city: str
    heads: int
    new: bool
    """False when the interview was already in conflict before this merge."""
    name: str = ""
    """The interview's instance name in clear (none when sealed, or its form has none)."""
    form_sha256: str = ""
    """Its form version: whether it seals decides, as for the list, if a screen names it."""
    actor_type: str = ""
    created_at: str = ""
    """The actor type and start of the interview: with ``city``, its name when it has none
    in clear, as the list gives it (``interview_name``)."""


@dataclass(frozen=True)
class MergeReport:
    """What one merge brought into the database."""

    source: Path
    database_id: str
    device_id: str
    groups: tuple[GroupCount, ...] = ()
    forms: int = 0
    new_forms: tuple[FormInfo, ...] = ()
    new_devices: tuple[DeviceInfo, ...] = ()
    unchecked_supervisors: tuple[SupervisorInfo, ...] = ()
    attachments: int = 0
    conflicts: tuple[ConflictInfo, ...] = ()
    changed_submissions: tuple[str, ...] = field(default=(), repr=False)
    """Interviews that received anything: the ones a view must refresh."""
    quarantined: int = 0
    """New rows that arrived quarantined: carried as they are, left out by every reader."""
    set_aside: tuple[SetAside, ...] = ()
    """Records already held that this merge set aside (see ``SetAside``)."""
    taken_back: tuple[SetAside, ...] = ()
    """Records an earlier merge set aside as unsigned whose signatures this one brought."""
    left_out: tuple[LeftOut, ...] = ()
    """Records that this merge leaves out from now on, where the database may not set them
    aside (a researcher's laptop once a supervisor is certified): as ``set_aside``, held
    here, left out by every reader, for the supervisor to settle."""
    copies_set_aside: tuple[str, ...] = field(default=(), repr=False)
    """ODK Central's copies this merge found to be interviews held here (``copies``)."""
    claims: tuple[Claim, ...] = ()
    """Interviews carrying the instanceID of ODK Central's copy, which they did not mint,
    with other answers: both kept listed, for the supervisor to compare (``copies``)."""

    @property
    def interviews(self) -> int:
        return sum(group.interviews for group in self.groups)

    @property
    def revisions(self) -> int:
        return sum(group.revisions for group in self.groups)

    @property
    def events(self) -> int:
        return sum(group.events for group in self.groups)

    @property
    def new_conflicts(self) -> tuple[ConflictInfo, ...]:
        return tuple(conflict for conflict in self.conflicts if conflict.new)

    @property
    def nothing_new(self) -> bool:
        return not (self.groups or self.forms or self.attachments)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "database_id": self.database_id,
            "device_id": self.device_id,
            "new_interviews": self.interviews,
            "new_revisions": self.revisions,
            "new_events": self.events,
            "new_attachments": self.attachments,
            "new_forms": self.forms,
            "quarantined": self.quarantined,
            "set_aside": [
                {"table": row.table, "key": row.key, "device_id": row.device_id}
                for row in self.set_aside
            ],
            "taken_back": [
                {"table": row.table, "key": row.key, "device_id": row.device_id}
                for row in self.taken_back
            ],
            "left_out": [
                {
                    "table": row.table,
                    "key": row.key,
                    "device_id": row.device_id,
                    "submission_id": row.submission_id,
                }
                for row in self.left_out
            ],
            "instance_id_claims": [
                {"instance_id": c.instance_id, "central_copy": c.copy, "interview": c.interview}
                for c in self.claims
            ],
            "forms": [
                {
                    "form_id": f.form_id,
                    "version": f.version,
                    "title": f.title,
                    "sha256": f.sha256,
                    "sealed_for": f.fingerprint,
                }
                for f in self.new_forms
            ],
            "new_devices": [
                {"device_id": d.device_id, "fingerprint": d.fingerprint} for d in self.new_devices
            ],
            "unchecked_supervisors": [
                {"device_id": s.device_id, "study_key": s.study_key}
                for s in self.unchecked_supervisors
            ],
            "by_form_and_city": [
                {
                    "form_id": g.form_id,
                    "city": g.city,
                    "new_interviews": g.interviews,
                    "new_revisions": g.revisions,
                    "new_events": g.events,
                }
                for g in by_form_and_city(self.groups)
            ],
            "conflicts": [
                {
                    "submission_id": c.submission_id,
                    "form_id": c.form_id,
                    "city": c.city,
                    "heads": c.heads,
                    "new": c.new,
                }
                for c in self.conflicts
            ],
        }


def by_form_and_city(groups: Iterable[GroupCount]) -> tuple[GroupCount, ...]:
    """Return the counts per form and city, its versions added up (``form_sha256`` empty),
    in the order the groups first name each: what a person and ``--json`` read."""
    summed: dict[tuple[str, str], GroupCount] = {}
    for group in groups:
        key = (group.form_id, group.city)
        seen = summed.get(key, GroupCount(group.form_id, group.city))
        summed[key] = GroupCount(
            group.form_id,
            group.city,
            seen.interviews + group.interviews,
            seen.revisions + group.revisions,
            seen.events + group.events,
        )
    return tuple(summed.values())


def counted(counts: Iterable[tuple[str, int]], language: str | None = None) -> str:
    """Return ``(message code, count)`` pairs said as one list, leaving out every 0."""
    return ", ".join(text(code, language, count=count) for code, count in counts if count)


def came_in(report: MergeReport, language: str | None = None) -> str:
    """Return what a merge brought, in counts, without the 0s ("3 new interviews, 1 new
    form"); empty when nothing came."""
    return counted(
        (
            ("merge.count_interviews", report.interviews),
            ("merge.count_versions", report.revisions),
            ("merge.count_attachments", report.attachments),
            ("merge.count_review_events", report.events),
            ("merge.count_conflicts", len(report.new_conflicts)),
            ("merge.count_forms", report.forms),
        ),
        language,
    )


def _device_lines(report: MergeReport, language: str | None) -> list[str]:
    """Each device enrolled, its fingerprint to check; each supervisor taken unchecked."""
    lines = []
    if report.new_devices:
        lines.append(text("merge.summary_devices", language, count=len(report.new_devices)))
    for device in report.new_devices:
        lines.append(
            text(
                "merge.summary_device",
                language,
                device=device.device_id,
                fingerprint=device.fingerprint,
            )
        )
    for supervisor in report.unchecked_supervisors:
        lines.append(
            text(
                "merge.summary_supervisor_unchecked",
                language,
                device=supervisor.device_id,
                fingerprint=supervisor.study_key,
            )
        )
    return lines


def summary_lines(
    report: MergeReport,
    language: str | None = None,
    *,
    form_name: Callable[[str], str] = str,
    city_name: Callable[[str], str] = str,
    form_order: Callable[[str], Any] | None = None,
) -> list[str]:
    """Return what a merge brought, as lines for a person (CLI output, dialog summary).

    The first line counts what came in. Under it: each new device and form, then each form
    once with the cities that received something under it, then the interviews in
    conflict, each named as the list names it. No count of 0 is said.

    ``form_name`` and ``city_name`` turn the codes into what a person reads (a study
    form's actor, else a form's title; a city's label; see ``merge_batch.person_names``);
    ``to_json`` keeps the codes. ``form_order`` sorts the forms (the study's order of its
    actors, as the Progress desk lists them); without it they come as the report has them.
    """
    path = str(report.source)
    if report.nothing_new:
        # A package may bring only links, and set rows aside with them; or only its
        # laptop's key (every row came before, in a copy): its fingerprint is to check
        # all the same, as the merge window's row says.
        return [
            text("merge.nothing_new", language, path=path),
            *_device_lines(report, language),
            *_set_aside_lines(report, language),
        ]
    lines = [text("merge.summary", language, path=path, counts=came_in(report, language))]
    no_city = text("merge.no_city", language)

    def city(code: str) -> str:
        return city_name(code) if code else no_city

    lines.extend(_device_lines(report, language))
    for form in report.new_forms:
        sealed = ""
        if form.fingerprint:
            sealed = text("merge.summary_form_sealed", language, fingerprint=form.fingerprint)
        lines.append(
            text(
                "merge.summary_form",
                language,
                # its own title (a new version may retitle the form), else as others name it
                form=form.title
                if form.title not in ("", form.form_id)
                else form_name(form.form_id),
                version=form.version,
                sealed=sealed,
            )
        )
    lines.extend(_set_aside_lines(report, language))
    arrived_aside = skipped_line(report.quarantined, language)
    if arrived_aside:
        lines.append(arrived_aside)
    by_form: dict[str, list[GroupCount]] = defaultdict(list)
    for group in by_form_and_city(report.groups):
        by_form[group.form_id].append(group)
    for form_id in sorted(by_form, key=form_order) if form_order else by_form:
        groups = by_form[form_id]
        lines.append(text("merge.summary_form_heading", language, form=form_name(form_id)))
        for group in sorted(groups, key=lambda group: city(group.city).casefold()):
            counts = (
                ("merge.count_interviews", group.interviews),
                ("merge.count_versions", group.revisions),
                ("merge.count_review_events", group.events),
            )
            lines.append(
                text(
                    "merge.summary_city",
                    language,
                    city=city(group.city),
                    counts=counted(counts, language),
                )
            )
    if report.conflicts:
        lines.append(text("merge.summary_conflicts", language))
    for conflict in report.conflicts:
        lines.append(_conflict_line(conflict, language, form_name, city))
    return lines


def _set_aside_lines(report: MergeReport, language: str | None) -> list[str]:
    """Return a line per device whose records held without its signature were set aside,
    then one per device whose records set aside so were taken back, then one per interview
    claiming the instanceID of ODK Central's copy."""
    lines = []
    for code, rows in (
        ("merge.summary_set_aside", report.set_aside),
        ("merge.summary_taken_back", report.taken_back),
    ):
        counts: dict[str, int] = defaultdict(int)
        for row in rows:
            counts[row.device_id] += 1
        lines += [
            text(code, language, count=count, device=device)
            for device, count in sorted(counts.items())
        ]
    for device in sorted({row.device_id for row in report.left_out}):
        lines.append(
            _left_out_line([row for row in report.left_out if row.device_id == device], language)
        )
    lines += [
        text(
            "merge.summary_instance_claimed",
            language,
            instance_id=claim.instance_id,
            copy=claim.copy,
            interview=claim.interview,
        )
        for claim in report.claims
    ]
    return lines


_NAMED = 5
"""The interviews a left-out line names by id; the others are counted."""


def _left_out_line(rows: Sequence[LeftOut], language: str | None) -> str:
    """Return the line naming one device's records this merge leaves out (``left_out``):
    how many versions and review events, of which interviews, and what to do."""
    versions = sum(row.table == "revisions" for row in rows)
    events = len(rows) - versions
    if versions and events:
        what = text("merge.left_out_both", language, versions=versions, events=events)
    elif versions:
        what = text("merge.left_out_versions", language, count=versions)
    else:
        what = text("merge.left_out_events", language, count=events)
    interviews = sorted({row.submission_id for row in rows if row.submission_id})
    ids = ", ".join(interviews[:_NAMED])
    if len(interviews) > _NAMED:
        ids = text("merge.left_out_more", language, ids=ids, count=len(interviews) - _NAMED)
    return text(
        "merge.summary_left_out",
        language,
        what=what,
        interviews=len(interviews),
        ids=ids,
        device=rows[0].device_id,
        count=len(rows),
    )


def _conflict_line(
    conflict: ConflictInfo,
    language: str | None,
    form_name: Callable[[str], str],
    city: Callable[[str], str],
) -> str:
    """Return a conflict's line, naming the interview as the list and the Conflicts desk
    do. A sealed one (or one of a form without an instance name) is named by its actor,
    city and day: its form and city are then said once, in its name."""
    form = form_name(conflict.form_id)
    if conflict.name or not conflict.created_at:  # no start known: an older report's
        return text(
            "merge.summary_conflict",
            language,
            submission=conflict.name or conflict.submission_id[:8],
            form=form,
            city=city(conflict.city),
            heads=conflict.heads,
        )
    name = interview_name(
        None,
        actor_type=conflict.actor_type,
        city=conflict.city,
        created_at=conflict.created_at,
        form_title=form,
        language=language,
    )
    return text("merge.summary_conflict_unnamed", language, name=name, heads=conflict.heads)


class _Cancelled(Exception):
    pass


def merge_database(
    into: Store,
    source: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> MergeReport:
    """Copy into ``into`` every row of ``source`` it lacks, in one transaction.

    ``source`` is a fieldapp database or a device package. On any problem (not a
    fieldapp database, damaged, newer schema, another study, this same database, a row
    that differs from ours under the same id, content that does not match its hash, the
    source vanishing or being locked, a cancel, a row this fieldapp would not write, a
    form whose key differs from ours, more than ``SOURCE_TIME_LIMIT`` seconds) a FieldappError
    is raised and ``into`` is left exactly as it was.
    """
    source = Path(source)
    report_progress = progress or (lambda done, total: None)
    deadline = _Deadline(source, SOURCE_TIME_LIMIT)
    user_cancel = cancel or (lambda: False)

    def is_cancelled() -> bool:
        return user_cancel() or deadline.passed()

    conn = into.conn
    if conn.in_transaction:
        raise RuntimeError("merge_database needs a connection with no open transaction")
    database_id, device_id, identity = _check_source(into, source, is_cancelled)
    deadline.check()
    report_progress(1, _STAGES)
    # Live before the first statement that reads the source: Cancel and the time bound
    # stop anything a hostile file could make SQLite do.
    conn.set_progress_handler(lambda: 1 if is_cancelled() else 0, _PROGRESS_OPCODES)
    try:
        conn.execute(f"ATTACH DATABASE ? AS {_SCHEMA}", [readonly_uri(source)])
    except sqlite3.Error as error:
        conn.set_progress_handler(None, 0)
        deadline.check()
        raise _translate(error, source) from None
    register_sha256_matches(conn)
    # The noted keys and the statement journals of the big INSERTs stay in memory: on a
    # temp file they doubled the bytes a merge writes. (Setting it drops temp tables;
    # the store keeps none.)
    (temp_store,) = conn.execute("PRAGMA temp_store").fetchone()
    conn.execute("PRAGMA temp_store = MEMORY")
    # A merge's pages stay in memory until COMMIT writes each once; with the default
    # 2 MB cache, pages spilled to the WAL mid-transaction were written again.
    (cache_size,) = conn.execute("PRAGMA main.cache_size").fetchone()
    conn.execute(f"PRAGMA main.cache_size = {-_CACHE_KIB}")
    try:
        with into.transaction():
            # References are checked by hand below, with clear messages; COMMIT still
            # enforces the foreign keys.
            conn.execute("PRAGMA defer_foreign_keys = ON")
            try:
                report = _merge_rows(into, source, report_progress, is_cancelled)
            except sqlite3.Error as error:
                deadline.check()
                if is_cancelled():
                    raise _Cancelled from None
                raise _translate(error, source) from None
            if _file_identity(source) != identity:
                raise FieldappError("merge.source_vanished", path=str(source))
            deadline.check()
            if is_cancelled():
                raise _Cancelled
        report_progress(_STAGES, _STAGES)
    except _Cancelled:
        raise FieldappError("merge.cancelled", path=str(source)) from None
    except sqlite3.Error as error:  # COMMIT refused: a reference our checks missed
        raise _translate(error, source) from None
    finally:
        conn.set_progress_handler(None, 0)
        _drop_temp_tables(conn)
        validate.drop(conn)
        conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
        conn.execute(f"PRAGMA main.cache_size = {int(cache_size)}")
        conn.execute(f"DETACH DATABASE {_SCHEMA}")
    return MergeReport(source=source, database_id=database_id, device_id=device_id, **report)


class _Deadline:
    """The time one source may take; past it the merge is refused, not just cancelled."""

    def __init__(self, source: Path, seconds: float) -> None:
        self.source = source
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() > self.end

    def check(self) -> None:
        if self.passed():
            raise FieldappError(
                "merge.too_slow", path=str(self.source), seconds=f"{self.seconds:g}"
            )


# --- checking the source before anything is written ---------------------------------------

SOURCE_SUFFIXES = (".fieldapp", ".db", ".sqlite", ".sqlite3")
"""What a file in a folder of devices' files must end with to be merged."""


def expand_sources(paths: Iterable[Path], *, exclude: Path | None = None) -> list[Path]:
    """Return the files to merge: each file as given, and each folder's database files,
    then those of its folders one level down (a folder per laptop on the stick).

    ``exclude`` (the database merged into) is skipped when a folder holds it. Hidden
    folders (a stick's trash, ``.Trashes``) and the system's are not looked into.
    """
    skipped = exclude.resolve() if exclude is not None else None
    sources: list[Path] = []
    for path in paths:
        if not path.is_dir():
            sources.append(path)
            continue
        found = _database_files(path, skipped)
        for folder in _folders(path):
            found.extend(_database_files(folder, skipped))
        if not found:
            raise FieldappError("merge.no_sources", path=str(path))
        sources.extend(found)
    return sources


_SYSTEM_FOLDERS = frozenset({"System Volume Information"})
"""A stick's folders the system keeps for itself (Windows; macOS's start with a dot)."""


def _entries(folder: Path) -> list[Path]:
    """Return what is directly in ``folder``, by name; nothing from a folder the
    supervisor may not read."""
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _folders(path: Path) -> list[Path]:
    """Return the folders directly in ``path`` a laptop's package may be in, by name."""
    return [
        entry
        for entry in _entries(path)
        if entry.is_dir()
        and not entry.name.startswith((".", "$"))
        and entry.name not in _SYSTEM_FOLDERS
    ]


def _database_files(folder: Path, skipped: Path | None) -> list[Path]:
    """Return the database files directly in ``folder``, by name."""
    return [
        entry
        for entry in _entries(folder)
        if entry.is_file()
        and entry.suffix.lower() in SOURCE_SUFFIXES
        and entry.resolve() != skipped
    ]


_STORE_TO_MERGE = {
    "store.not_found": "merge.source_missing",
    "store.not_sqlite": "merge.not_sqlite",
    "store.truncated": "merge.truncated",
    "store.not_fieldapp": "merge.not_fieldapp",
    "store.corrupt": "merge.corrupt",
    "store.newer_schema": "merge.newer_schema",
    "store.locked": "merge.source_locked",
    "store.cannot_open": "merge.unreadable",
    "store.foreign_object": "merge.foreign_object",
}


def _check_source(
    into: Store, source: Path, is_cancelled: Cancel
) -> tuple[str, str, tuple[int, int]]:
    """Return the source's database id, device id and file identity, or refuse it."""
    if source.is_dir():
        raise FieldappError("merge.source_not_file", path=str(source))
    if source.exists() and source.stat().st_size == 0:
        raise FieldappError("merge.not_sqlite", path=str(source))
    _refuse_foreign_objects(into, source, is_cancelled)
    try:
        opened = open_database(
            source, create=False, readonly=True, timeout=SOURCE_TIMEOUT, source=True
        )
    except FieldappError as error:
        code = _STORE_TO_MERGE.get(error.code)
        if "locked" in str(error.message.params.get("reason", "")):
            code = "merge.source_locked"
        if code is None:
            raise
        raise FieldappError(code, **{"path": str(source), **error.message.params}) from None
    try:
        conn = opened.conn
        source_meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        identity = _file_identity(source)
    except sqlite3.Error as error:
        raise _translate(error, source) from None
    finally:
        opened.db.close()
    if source_meta.get("study") != into.study:
        raise FieldappError(
            "merge.other_study",
            path=str(source),
            source=source_meta.get("study") or "?",
            ours=into.study or "?",
        )
    if source_meta["database_id"] == into.database_id:
        raise FieldappError("merge.same_database", path=str(source))
    if identity is None:
        raise FieldappError("merge.source_vanished", path=str(source))
    return source_meta["database_id"], source_meta.get("device_id") or "", identity


def _refuse_foreign_objects(into: Store, source: Path, is_cancelled: Cancel) -> None:
    """Refuse a source holding a view, a virtual table or a trigger fieldapp never makes.

    A view named ``revisions`` over an endless recursive query would never return, and
    the store's own opening reads the tables: this runs first, reading only the schema,
    with Cancel and the time bound live. Anything SQLite cannot read here is left for
    the opening to name.
    """
    ours = {
        (kind, name): sql
        for kind, name, sql in into.conn.execute(
            "SELECT type, name, sql FROM main.sqlite_master WHERE type IN ('table', 'trigger')"
        )
    }
    if not source.is_file():
        return
    try:
        conn = sqlite3.connect(readonly_uri(source), uri=True, timeout=SOURCE_TIMEOUT)
    except sqlite3.Error:
        return
    try:
        conn.set_progress_handler(lambda: 1 if is_cancelled() else 0, 1_000)
        entries = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        # A generated column runs an expression on every read (zeroblob(2e9) in each row).
        generated = conn.execute(
            "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS c "
            "WHERE m.type = 'table' AND c.hidden IN (2, 3) LIMIT 1"
        ).fetchone()
    except sqlite3.Error:
        if is_cancelled():
            raise FieldappError("merge.cancelled", path=str(source)) from None
        return
    finally:
        conn.close()
    if generated is not None:
        name = f"{generated[0]}.{generated[1]}"
        raise FieldappError(
            "merge.foreign_object",
            path=str(source),
            kind=Message("merge.object_generated_column"),
            name=name,
        )
    for kind, name, sql in entries:
        virtual = kind == "table" and creates_virtual_table(sql)
        foreign = kind == "view" or virtual or (kind == "trigger" and ours.get((kind, name)) != sql)
        if foreign:
            label = "virtual table" if virtual else kind
            raise FieldappError(
                "merge.foreign_object",
                path=str(source),
                kind=Message(f"merge.object_{label.replace(' ', '_')}"),
                name=name,
            )


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _translate(error: sqlite3.Error, source: Path) -> FieldappError:
    """Say what went wrong reading the merged file (``database.failure`` reads the error)."""
    reason = str(error)
    kind = failure(error)
    if kind in ("integrity", "corrupt"):
        return FieldappError("merge.corrupt", path=str(source), reason=reason)
    if kind == "locked":
        return FieldappError("merge.source_locked", path=str(source))
    if kind == "not_fieldapp":
        return FieldappError("merge.not_fieldapp", path=str(source))
    if _file_identity(source) is None:
        return FieldappError("merge.source_vanished", path=str(source))
    return FieldappError("merge.unreadable", path=str(source), reason=reason)


# --- copying ---------------------------------------------------------------------------------


def _merge_rows(
    into: Store, source: Path, progress: Progress, is_cancelled: Cancel
) -> dict[str, Any]:
    conn = into.conn
    for table in _TABLES:
        _check_columns(conn, source, table.name)
    new_counts: dict[str, int] = {}
    for stage, table in enumerate(_TABLES, start=2):
        _note_new_rows(conn, source, table)
        new_counts[table.name] = _copy_new_rows(conn, table)
        progress(stage, _STAGES)
        if is_cancelled():
            raise _Cancelled
    _refuse_altered_content(conn, source)
    _refuse_dangling_references(conn, source)
    new_devices, arrived = _verify_signatures(conn, source)
    unchecked = devices.check_new_events(into, str(source))
    new_forms = _check_forms(into, source)
    _refuse_bad_rows(conn, source)
    enrolled = [device.device_id for device in new_devices]
    # Left out here from now on (``quarantine.unsigned_of_signer_sql``) before any set-aside.
    # and those a row that travels carried here, which this merge took (``carried``).
    left_out_now = sorted(
        {*_held_unsigned(into, enrolled), *arrived},
        key=lambda row: (row.device_id, row.table, row.key),
    )
    set_aside = _set_aside_unsigned(into, left_out_now)
    # Where nothing may be set aside, each is named all the same, with its interview.
    left_out = () if set_aside else _interviews_of(conn, left_out_now)
    taken_back = _take_back_signed(into)
    conn.execute(_CHANGED)
    progress(len(_TABLES) + 2, _STAGES)
    affected = [row[0] for row in conn.execute("SELECT uuid FROM temp.merge_changed")]
    # A held row whose link came is read again (left out before if its device signed here).
    affected += [
        row[0]
        for row in conn.execute(
            "SELECT x.submission_uuid FROM temp.new_signatures AS n "
            "CROSS JOIN main.revisions AS x ON n.row_table = 'revisions' AND x.uuid = n.row_uuid "
            "UNION SELECT x.submission_uuid FROM temp.new_signatures AS n "
            "CROSS JOIN main.events AS x ON n.row_table = 'events' AND x.uuid = n.row_uuid "
            "WHERE x.submission_uuid <> ''"
        )
    ]
    # A quarantine that came in changes the list entry of the interview it names.
    named = [
        (table, key)
        for table, key in conn.execute(
            "SELECT json_extract(e.payload, '$.table'), json_extract(e.payload, '$.key') "
            "FROM temp.new_events AS n CROSS JOIN main.events AS e ON e.uuid = n.uuid "
            f"WHERE e.kind = '{QUARANTINE}'"
        )
    ]
    # ODK Central's copy of an interview, pulled before the laptop's package: set aside.
    copies, claims = set_copies_aside(
        into,
        [row[0] for row in conn.execute("SELECT uuid FROM temp.new_submissions")],
        # Only a finalized revision goes up to Central (``push.enqueue``): its copy alone
        # can be named after a revision, and each other one would cost a uuid5 here.
        conn.execute(
            # CROSS JOIN: from the new rows (none, merging again), not every revision held
            "SELECT n.uuid, n.submission_uuid FROM temp.new_revisions AS n "
            "CROSS JOIN main.revisions AS r ON r.uuid = n.uuid WHERE r.state = 'finalized'"
        ).fetchall(),
    )
    affected = sorted(
        {
            *affected,
            *affected_submissions(conn, named),
            *affected_submissions(
                conn, [(row.table, row.key) for row in (*left_out_now, *set_aside, *taken_back)]
            ),
            *copies,
        }
    )
    in_conflict_before = _changed_in_conflict(conn)
    into.refresh_derived(affected)
    conflicts = _conflicts(conn, in_conflict_before)
    progress(len(_TABLES) + 3, _STAGES)
    return {
        "quarantined": skipped(conn, new_rows=True),
        "set_aside": set_aside,
        "taken_back": taken_back,
        "left_out": left_out,
        "claims": claims,
        "copies_set_aside": tuple(copies),
        "groups": _group_counts(conn),
        "forms": new_counts["forms"],
        "new_forms": new_forms,
        "new_devices": new_devices,
        "unchecked_supervisors": tuple(SupervisorInfo(*taken) for taken in unchecked),
        "attachments": new_counts["attachments"],
        "conflicts": conflicts,
        "changed_submissions": tuple(affected),
    }


_CHANGED = """
CREATE TEMP TABLE merge_changed AS
SELECT submission_uuid AS uuid FROM temp.new_revisions
UNION SELECT submission_uuid FROM temp.new_events WHERE submission_uuid <> ''
UNION SELECT uuid FROM temp.new_submissions
"""


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _check_columns(conn: sqlite3.Connection, source: Path, table: str) -> None:
    theirs = set(_columns(conn, _SCHEMA, table))
    missing = [c for c in _columns(conn, "main", table) if c not in theirs]
    if missing:
        found = conn.execute(
            f"SELECT value FROM {_SCHEMA}.meta WHERE key = 'schema_version'"
        ).fetchone()
        what = f"{table}" if not theirs else f"{table}.{missing[0]}"
        raise FieldappError(
            "merge.incompatible_schema",
            path=str(source),
            what=what,
            found=found[0] if found else "?",
        )


def _key_match(table: _Table, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in table.key)


def _note_new_rows(conn: sqlite3.Connection, source: Path, table: _Table) -> None:
    """Note in temp.new_<name> the source's rows ``into`` lacks; refuse one that differs.

    One pass over the source: each row's key is looked up here once, a row found is
    compared, a row not found is noted. Only new revisions are hashed (``hash_ok``); a
    mismatch is refused by ``_refuse_altered_content``.
    """
    compared = table.compared or tuple(_columns(conn, "main", table.name))
    differs = " OR ".join(f"s.{c} IS NOT m.{c}" for c in compared if c not in table.key)
    names = [*table.key, *table.noted]
    noted = [f"s.{column}" for column in names]
    if table.name == "revisions":
        names.append("hash_ok")
        noted.append(f"{SHA256_MATCHES}({revision_canonical_sql('s')}, s.content_sha256)")
    conn.execute(f"DROP TABLE IF EXISTS temp.new_{table.name}")
    conn.execute(
        f"CREATE TEMP TABLE new_{table.name} ({', '.join(names)}, here, "
        f"PRIMARY KEY ({', '.join(table.key)}))"
    )
    found = f"m.{table.key[0]} IS NOT NULL"  # a key matched is never NULL
    conn.execute(
        f"INSERT INTO temp.new_{table.name} SELECT {', '.join(noted)}, {found} "
        f"FROM {_SCHEMA}.{table.name} AS s LEFT JOIN main.{table.name} AS m "
        f"ON {_key_match(table, 'm', 's')} WHERE NOT {found} OR {differs}"
    )
    keys = ", ".join(table.key)
    row = conn.execute(f"SELECT {keys} FROM temp.new_{table.name} WHERE here LIMIT 1").fetchone()
    if row is not None:
        code = "merge.tampered"
        if table.hashed is not None:
            # The same hash over other content: a forgery, not an honest edit.
            same = conn.execute(
                f"SELECT s.{table.hashed} = m.{table.hashed} FROM {_SCHEMA}.{table.name} AS s "
                f"JOIN main.{table.name} AS m ON {_key_match(table, 'm', 's')} "
                f"WHERE {' AND '.join(f's.{k} = ?' for k in table.key)}",
                list(row),
            ).fetchone()
            if same and same[0]:
                code = "merge.same_hash_differs"
        raise FieldappError(code, path=str(source), table=table.name, key="/".join(map(str, row)))


def _copy_new_rows(conn: sqlite3.Connection, table: _Table) -> int:
    """Copy the rows noted in temp.new_<name>; return how many."""
    # A row breaking NOT NULL or CHECK fails the merge (OR IGNORE would drop it). In key
    # order, the new rows land on neighbouring pages of the key's index.
    columns = _columns(conn, "main", table.name)
    return conn.execute(
        f"INSERT INTO main.{table.name} ({', '.join(columns)}) "
        f"SELECT {', '.join('s.' + column for column in columns)} "
        f"FROM temp.new_{table.name} AS n CROSS JOIN {_SCHEMA}.{table.name} AS s "
        f"ON {_key_match(table, 's', 'n')} ORDER BY {', '.join('n.' + k for k in table.key)}"
    ).rowcount


def _reference_hash_ok(conn: sqlite3.Connection, uuid: str) -> bool:
    """Check a copied revision's hash the way the store computed it, in Python."""
    cursor = conn.execute("SELECT * FROM main.revisions WHERE uuid = ?", [uuid])
    names = [description[0] for description in cursor.description]
    row: dict[str, Any] = dict(zip(names, cursor.fetchone(), strict=True))
    return bool(revision_content_sha256(row) == row["content_sha256"])


_DANGLING = (
    (
        "submissions",
        "SELECT n.uuid, n.form_sha256 FROM temp.new_submissions AS n "
        "WHERE NOT EXISTS (SELECT 1 FROM main.forms AS f WHERE f.sha256 = n.form_sha256)",
    ),
    (
        "form_files",
        "SELECT n.form_sha256, n.form_sha256 FROM temp.new_form_files AS n "
        "WHERE NOT EXISTS (SELECT 1 FROM main.forms AS f WHERE f.sha256 = n.form_sha256)",
    ),
    (
        "revisions",
        "SELECT n.uuid, n.submission_uuid FROM temp.new_revisions AS n "
        "WHERE NOT EXISTS (SELECT 1 FROM main.submissions AS s WHERE s.uuid = n.submission_uuid)",
    ),
    (
        "revisions",
        "SELECT n.uuid, p.value FROM temp.new_revisions AS n, json_each(n.parents) AS p "
        "WHERE NOT EXISTS (SELECT 1 FROM main.revisions AS x WHERE x.uuid = p.value)",
    ),
    (
        "revisions",
        "SELECT n.uuid, a.value FROM temp.new_revisions AS n, json_each(n.attachments) AS a "
        "WHERE NOT EXISTS (SELECT 1 FROM main.attachments AS x WHERE x.sha256 = a.value)",
    ),
    (
        "events",
        # An event of submission '' is about the whole study (a progress target).
        "SELECT n.uuid, n.submission_uuid FROM temp.new_events AS n WHERE n.submission_uuid <> '' "
        "AND NOT EXISTS (SELECT 1 FROM main.submissions AS s WHERE s.uuid = n.submission_uuid)",
    ),
    (
        "events",
        "SELECT n.uuid, n.revision_uuid FROM temp.new_events AS n "
        "WHERE n.revision_uuid IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM main.revisions AS r WHERE r.uuid = n.revision_uuid)",
    ),
)


def _refuse_dangling_references(conn: sqlite3.Connection, source: Path) -> None:
    for table, query in _DANGLING:
        row = conn.execute(query + " LIMIT 1").fetchone()
        if row is not None:
            raise FieldappError(
                "merge.dangling", path=str(source), table=table, key=row[0], missing=row[1]
            )


def _refuse_altered_content(conn: sqlite3.Connection, source: Path) -> None:
    """Refuse a new revision, attachment or form whose content does not match its hash."""
    # A row the SQL text did not confirm (a value SQLite writes unlike Python's json,
    # or altered content) is refused only if the store's own hash disagrees too.
    unconfirmed = conn.execute("SELECT uuid FROM temp.new_revisions WHERE NOT hash_ok")
    for (uuid,) in unconfirmed.fetchall():
        if not _reference_hash_ok(conn, uuid):
            raise FieldappError("merge.bad_checksum", path=str(source), table="revisions", key=uuid)
    # An attachment's key is the sha256 of its bytes (content.attachment_sha256).
    row = conn.execute(
        "SELECT sha256 FROM temp.new_attachments AS n "
        "CROSS JOIN main.attachments AS a USING (sha256) "
        f"WHERE NOT {SHA256_MATCHES}(a.content, a.sha256) OR length(a.content) IS NOT a.size "
        "LIMIT 1"
    ).fetchone()
    if row is not None:
        raise FieldappError("merge.bad_checksum", path=str(source), table="attachments", key=row[0])
    touched = conn.execute(
        "SELECT sha256 FROM temp.new_forms UNION SELECT form_sha256 FROM temp.new_form_files"
    ).fetchall()
    for (sha256,) in touched:
        (content,) = conn.execute(
            "SELECT content FROM main.forms WHERE sha256 = ?", [sha256]
        ).fetchone()
        files = dict(
            conn.execute(
                "SELECT filename, content FROM main.form_files WHERE form_sha256 = ?", [sha256]
            ).fetchall()
        )
        if form_sha256(content, files) != sha256:
            raise FieldappError("merge.bad_checksum", path=str(source), table="forms", key=sha256)


# --- signatures --------------------------------------------------------------------------------

_LINK_SQL = canonical_sql("g", signing.LINK_FIELDS, integers=("counter",))
_EVENT_SQL = canonical_sql("e", signing.EVENT_HASHED_COLUMNS)

# A row with no link is one an older fieldapp wrote (relayed by a laptop that had it): it
# is taken only while its device has signed nothing here. A device's first link vouches
# that it signs every row it writes (its migration signed those it wrote before), so once a
# device is enrolled, every new row naming it must carry its link, and those held from
# before are set aside (``_set_aside_unsigned``). This database's own device counts as
# enrolled from the start, before it signed anything (``merge.unsigned_of_own``): this
# fieldapp signs every row it writes, so a row naming it with no link was not written here
# (unsigned8). A quarantined row is inert (no reader uses it) and travels as it is,
# vouched for by the signed quarantine event.
_ENROLLED = signer_sql("{row}")  # what every reader leaves out unsigned names such a device

_UNSIGNED = (
    (
        "revisions",
        "SELECT n.uuid, r.device_id, g.row_uuid IS NULL FROM temp.new_revisions AS n "
        "CROSS JOIN main.revisions AS r ON r.uuid = n.uuid LEFT JOIN main.signatures AS g "
        "ON g.row_table = 'revisions' AND g.row_uuid = n.uuid "
        f"WHERE n.uuid NOT IN {quarantined_sql('revisions')} "
        f"AND ((g.row_uuid IS NULL AND {_ENROLLED.format(row='r')}) "
        "OR (g.row_uuid IS NOT NULL "
        "AND (g.row_hash IS NOT r.content_sha256 OR g.device_id IS NOT r.device_id)))",
    ),
    (
        "events",
        "SELECT n.uuid, e.device_id, g.row_uuid IS NULL FROM temp.new_events AS n "
        "CROSS JOIN main.events AS e ON e.uuid = n.uuid LEFT JOIN main.signatures AS g "
        "ON g.row_table = 'events' AND g.row_uuid = n.uuid "
        f"WHERE n.uuid NOT IN {quarantined_sql('events')} "
        f"AND ((g.row_uuid IS NULL AND {_ENROLLED.format(row='e')}) "
        f"OR (g.row_uuid IS NOT NULL AND (NOT {SHA256_MATCHES}({_EVENT_SQL}, g.row_hash) "
        "OR g.device_id IS NOT e.device_id)))",
    ),
    (
        # A new link must sign a row that is here, as it is, and of the device it names.
        "signatures",
        "SELECT n.row_uuid, n.device_id, 0 FROM temp.new_signatures AS n "
        "WHERE n.row_table NOT IN ('revisions', 'events', 'submissions') "
        # A submission's link is held to its row by the row rules (rows.listing_unsigned).
        "OR (n.row_table = 'submissions' AND NOT EXISTS (SELECT 1 FROM main.submissions AS s "
        "WHERE s.uuid = n.row_uuid)) "
        "OR (n.row_table = 'revisions' AND NOT EXISTS (SELECT 1 FROM main.revisions AS r "
        "WHERE r.uuid = n.row_uuid AND r.content_sha256 = n.row_hash "
        "AND r.device_id = n.device_id)) "
        # An event's content is hashed here only when it was held before: a new event is
        # held to its link by the events query above, which hashes it once.
        "OR (n.row_table = 'events' AND NOT EXISTS (SELECT 1 FROM main.events AS e "
        "WHERE e.uuid = n.row_uuid AND e.device_id = n.device_id "
        "AND (e.uuid IN (SELECT uuid FROM temp.new_events) "
        f"OR {SHA256_MATCHES}({_EVENT_SQL}, n.row_hash))))",
    ),
    (
        # Its digest is what it says it signs, and it follows its device's earlier link.
        "signatures",
        "SELECT n.row_uuid, n.device_id, 0 FROM temp.new_signatures AS n "
        "CROSS JOIN main.signatures AS g USING (row_table, row_uuid) "
        f"WHERE NOT {SHA256_MATCHES}({_LINK_SQL}, g.digest) "
        "OR (g.previous <> '' AND NOT EXISTS (SELECT 1 FROM main.signatures AS p "
        "WHERE p.digest = g.previous AND p.device_id = g.device_id "
        "AND p.public_key = g.public_key AND p.counter < g.counter))",
    ),
)


# Every query starts from the few new rows (CROSS JOIN keeps them the outer loop): with
# the planner's choice it hashed every link already here, on every merge.
def _verify_signatures(
    conn: sqlite3.Connection, source: Path
) -> tuple[tuple[DeviceInfo, ...], tuple[SetAside, ...]]:
    """Refuse a new row not signed by its device's one key; return the devices seen first,
    and the new rows taken with no signature of their device, which signs here, because a
    row that travels names them (``quarantine.carried``): left out here as there.

    Every new revision and event needs a link of its own device over its content hash;
    every new link's digest is recomputed and must follow an earlier link of the same
    device and key. Then only the newest links of each chain (those no new link follows)
    have their Ed25519 signature verified: each earlier link is committed by the digest
    of the one after it, so a few verifications vouch for any number of rows.
    """
    of_signer: list[tuple[str, str, str]] = []
    for table, query in _UNSIGNED:
        rows = conn.execute(query).fetchall()
        for row in rows:
            if not row[2]:
                raise FieldappError(
                    "merge.unsigned", path=str(source), table=table, key=row[0], device=row[1]
                )
        of_signer += [(table, str(row[0]), str(row[1])) for row in rows]
    if of_signer:
        # No link at all, of a device that signs: not an older fieldapp's row. Taken only
        # when a row that travels names it (``quarantine.carried``), left out here too.
        taken = carried(conn, unsigned_left_out(conn))
        (own,) = conn.execute("SELECT value FROM main.meta WHERE key = 'device_id'").fetchone()
        for table, key, device in of_signer:
            if (table, key) not in taken:
                raise FieldappError(
                    "merge.unsigned_of_own" if device == own else "merge.unsigned_of_signer",
                    path=str(source),
                    table=table,
                    key=key,
                    device=device,
                )
    # A Lamport counter is one more than a counter the writer held, and a database never
    # loses a link: a counter with no link one below it was made up to jump the order.
    row = conn.execute(
        "SELECT n.row_uuid, n.device_id, n.counter FROM temp.new_signatures AS n "
        "WHERE typeof(n.counter) <> 'integer' OR n.counter < 1 OR (n.counter > 1 "
        "AND NOT EXISTS (SELECT 1 FROM main.signatures AS c WHERE c.counter = n.counter - 1)) "
        "LIMIT 1"
    ).fetchone()
    if row is not None:
        raise FieldappError(
            "merge.counter_jump", path=str(source), key=row[0], device=row[1], counter=row[2]
        )
    # A device signs with one key: a second key for a device known here is a forgery
    # (a re-installed laptop is a new device, see docs/protecting-interviewees.md). This
    # database's own device is known by its key (``signing_key``) before it signs a row:
    # links naming it under another key would enrol a forger as this laptop (attack6).
    row = conn.execute(
        "SELECT device_id, public_key FROM "
        "(SELECT DISTINCT device_id, public_key FROM temp.new_signatures) AS n "
        "WHERE EXISTS (SELECT 1 FROM main.signatures AS g "
        "WHERE g.device_id = n.device_id AND g.public_key <> n.public_key) "
        "OR EXISTS (SELECT 1 FROM main.signing_key AS k "
        "WHERE k.device_id = n.device_id AND k.public_key <> n.public_key) LIMIT 1"
    ).fetchone()
    if row is not None:
        raise FieldappError(
            "merge.device_key_changed",
            path=str(source),
            device=row[0],
            fingerprint=signing.fingerprint(row[1]) if _is_hex(row[1]) else "?",
        )
    conn.execute("CREATE INDEX temp.new_signatures_previous ON new_signatures(previous)")
    heads = conn.execute(
        "SELECT n.row_uuid, n.device_id, n.public_key, n.digest, n.signature "
        "FROM temp.new_signatures AS n WHERE NOT EXISTS "
        "(SELECT 1 FROM temp.new_signatures AS m WHERE m.previous = n.digest)"
    ).fetchall()
    for row_uuid, device_id, public_key, digest, signature in heads:
        if not signing.signature_valid(public_key, digest, signature):
            raise FieldappError(
                "merge.bad_signature", path=str(source), key=row_uuid, device=device_id
            )
    # A device's first link follows none: the devices whose first link is new are enrolled.
    enrolled = conn.execute(
        "SELECT DISTINCT device_id, public_key FROM temp.new_signatures "
        "WHERE previous = '' ORDER BY device_id"
    ).fetchall()
    return (
        tuple(DeviceInfo(device, signing.fingerprint(key)) for device, key in enrolled),
        tuple(SetAside(*row) for row in of_signer),
    )


def _interviews_of(conn: sqlite3.Connection, rows: Sequence[SetAside]) -> tuple[LeftOut, ...]:
    """Return ``rows`` each with its interview (an event about the study, none)."""
    found = []
    for row in rows:
        named = conn.execute(
            f"SELECT submission_uuid FROM main.{row.table} WHERE uuid = ?", [row.key]
        ).fetchone()
        found.append(LeftOut(row.table, row.key, row.device_id, str(named[0]) if named else ""))
    return tuple(found)


_HELD_UNSIGNED = """
SELECT '{table}', x.uuid, x.device_id FROM main.{table} AS x
WHERE x.device_id IN (SELECT value FROM json_each(?))
AND NOT EXISTS (SELECT 1 FROM main.signatures AS g WHERE g.row_table = '{table}'
    AND g.row_uuid = x.uuid)
AND x.uuid NOT IN {quarantined}
"""


def _held_unsigned(into: Store, enrolled: Sequence[str]) -> list[SetAside]:
    """Return the held records naming a device this merge enrolled that it never signed,
    not quarantined: from now on every reader here leaves them out."""
    if not enrolled:
        return []
    conn = into.conn
    return [
        SetAside(str(table), str(key), str(device))
        for held in ("revisions", "events")
        if may_hold_unsigned(conn, held)
        for table, key, device in conn.execute(
            _HELD_UNSIGNED.format(table=held, quarantined=quarantined_sql(held)),
            [canonical_json(sorted(enrolled))],
        )
    ]


def _set_aside_unsigned(into: Store, found: Sequence[SetAside]) -> tuple[SetAside, ...]:
    """Set aside ``found``: the held records naming a device this merge enrolled that it
    never signed (``_held_unsigned``).

    Merge took them while the device had signed nothing here (as an older fieldapp's
    rows); its first link now vouches that it signs every record it writes, so a record
    naming it without its link was not written by it (a copied stick's rows, changed).
    Its genuine older rows came with their links in the same package and are not touched.
    A laptop that may not quarantine for the study leaves them to the supervisor's
    quarantine (``fieldapp check`` lists them), as ``set_copies_aside`` does; its readers
    and packages leave them out meanwhile (``quarantine.unsigned_of_signer_sql``).
    """
    if not found or not devices.may_act_for_study(into):
        return ()
    for device in sorted({row.device_id for row in found}):
        reason = text("rows.unsigned", None, detail=device)
        rows = [(row.table, row.key) for row in found if row.device_id == device]
        quarantine_rows(into, rows, reason=reason, author="fieldapp", code=UNSIGNED)
    return tuple(sorted(found, key=lambda row: (row.device_id, row.table, row.key)))


def _take_back_signed(into: Store) -> tuple[SetAside, ...]:
    """Take back the records set aside as unsigned whose links this merge brought.

    A keyless copy of a laptop's newer package, merged before an older one that enrolled
    the laptop, had the laptop's newer genuine records set aside with the forged ones;
    their links come with its next package. Each quarantine a merge wrote for such a
    record (coded ``UNSIGNED``, here or on a laptop that could quarantine then) is set
    aside in turn, and so counts no more (``quarantine._STANDING``), once the record
    carries a verified link of its device over its content as held
    (``quarantine.signed_since``). A forged record never does.

    Only that quarantine: a supervisor's own (her words, no code), a certificate's
    cascade, a copy of Central's, stay, and a record one of them names stays aside. The
    lift names the quarantine, and a quarantine named once counts no more, whatever
    becomes of the lift: nothing to lift again. Only where the database may quarantine
    for the study (its lifts travel; elsewhere merge would refuse them), as
    ``_set_aside_unsigned``.
    """
    if not devices.may_act_for_study(into):
        return ()
    if into.conn.execute("SELECT 1 FROM temp.new_signatures LIMIT 1").fetchone() is None:
        return ()
    found = signed_since(into.conn, "temp.new_signatures")
    for device in sorted({row[3] for row in found}):
        reason = text("rows.signed_since", None, detail=device)
        lifted = [("events", quarantine) for quarantine, *_, named in found if named == device]
        quarantine_rows(into, lifted, reason=reason, author="fieldapp", code=SIGNED_SINCE)
    # A record another quarantine still names stays aside: not said to be back.
    still = quarantined(into.conn)
    taken = {
        SetAside(table, key, device) for _, table, key, device in found if (table, key) not in still
    }
    return tuple(sorted(taken, key=lambda row: (row.device_id, row.table, row.key)))


def _is_hex(value: object) -> bool:
    try:
        bytes.fromhex(str(value))
    except ValueError:
        return False
    return True


# --- rows as this fieldapp writes them --------------------------------------------------------

_NEW_ROWS = {
    table: f"(SELECT * FROM main.{table} WHERE uuid IN (SELECT uuid FROM temp.new_{table}))"
    for table in ("submissions", "revisions", "events")
}
# A submission whose link is new is held to it too, however old the row.
_NEW_ROWS["submissions"] = (
    "(SELECT * FROM main.submissions WHERE uuid IN (SELECT uuid FROM temp.new_submissions "
    "UNION SELECT row_uuid FROM temp.new_signatures WHERE row_table = 'submissions'))"
)
# The interviews that gained revisions: a long history is a bound of the interview's.
_NEW_ROWS[validate.HISTORIES] = "(SELECT submission_uuid FROM temp.new_revisions)"


def _check_forms(into: Store, source: Path) -> tuple[FormInfo, ...]:
    """Load every form the new rows use; refuse a new one that fails or changes the key.

    A form id the target knows must keep the newest held version's ``public_key`` (or its
    absence): a package cannot switch sealing off for the study, nor seal for a key of
    its own. A version in clear older than a sealed newest one may come: it is retired
    (``form_add.retired_on_arrival``). The forms are then described for the row rules.
    """
    conn = into.conn
    used = conn.execute(
        "SELECT f.sha256, f.form_id FROM main.forms AS f "
        f"WHERE f.sha256 NOT IN {quarantined_sql('forms')} AND f.sha256 IN ("
        "SELECT sha256 FROM temp.new_forms "
        "UNION SELECT form_sha256 FROM main.submissions WHERE uuid IN "
        "(SELECT uuid FROM temp.new_submissions UNION SELECT submission_uuid "
        "FROM temp.new_revisions)) ORDER BY f.sha256"
    ).fetchall()
    forms, unloadable = validate.loaded_forms(used, into.forms.load)
    if unloadable:
        raise _bad_row(source, unloadable[0])
    new = [
        sha256
        for (sha256,) in conn.execute(
            "SELECT sha256 FROM temp.new_forms "
            f"WHERE sha256 NOT IN {quarantined_sql('forms')} ORDER BY sha256"
        )
    ]
    info = []
    published = devices.published(conn) if devices.supervisors(conn) else set()
    for sha256 in new:
        form = forms[sha256]
        mismatch = validate.form_row_mismatch(conn, sha256, form)
        if mismatch is not None:  # before key pinning, which reads the workbook's id
            raise _bad_row(source, mismatch)
        held = conn.execute(
            f"SELECT sha256, version FROM main.forms WHERE form_id = ? "
            f"AND sha256 NOT IN (SELECT sha256 FROM temp.new_forms) ORDER BY {VERSION_ORDER} "
            "LIMIT 1",
            [form.form_id],
        ).fetchone()
        # The certified supervisor may seal a form or change its key (check_new_events
        # refused any new form it did not publish, once the study has a supervisor).
        if held is not None and sha256 not in published:
            try:
                ours = into.forms.load(held[0])
            except Exception:  # a held form that does not load pins nothing
                ours = None  # (fieldapp check lists it)
            if ours is not None:
                _refuse_key_change(source, form, ours)
        fingerprint = crypto.public_key_fingerprint(form.public_key) if form.public_key else None
        info.append(FormInfo(form.form_id, form.version, form.title, sha256, fingerprint))
    validate.prepare(conn, forms)
    return tuple(sorted(info, key=lambda f: (f.form_id, f.version, f.sha256)))


def _refuse_key_change(source: Path, form: Form, ours: Form) -> None:
    from fieldapp.core.form_add import key_change, retired_on_arrival

    change = key_change(form, ours)
    # A laptop's bundled version in clear, where only the sealed one is held (a database
    # made by `demo --form` or `merge --into` a new file): it can never start an interview.
    if change is None or retired_on_arrival(form, ours):
        return
    raise FieldappError(
        "merge.form_key_changed",
        path=str(source),
        form_id=form.form_id,
        version=form.version,
        change=change,
        ours=ours.version,
    )


def _refuse_bad_rows(conn: sqlite3.Connection, source: Path) -> None:
    """Refuse the source at its first new row that this fieldapp would not have written."""
    bad = validate.bad_rows(conn, _NEW_ROWS, first_only=True)
    if bad and bad[0].rule in validate.LISTING_RULES:
        # Listing columns its device never signed: say which laptop's file to suspect.
        found = conn.execute(f"SELECT value FROM {_SCHEMA}.meta WHERE key = 'device_id'")
        device = found.fetchone()
        raise FieldappError(
            "merge.listing_forged",
            path=str(source),
            table=bad[0].table,
            key=bad[0].key,
            rule=Message(bad[0].rule, {"detail": bad[0].detail}),
            device=device[0] if device else "?",
        )
    if bad:
        raise _bad_row(source, bad[0])


def _bad_row(source: Path, row: validate.BadRow) -> FieldappError:
    """The refusal of a source for a row (or a form) breaking one of validate's rules.

    A row within every rule but a bound (``row_bounds``) is one a laptop signed and
    fieldapp never writes: the refusal says which laptop to suspect and what to do.
    """
    return FieldappError(
        "rows.merge_refused" if row.rule in row_bounds.BOUND_RULES else "merge.bad_row",
        path=str(source),
        table=row.table,
        key=row.key,
        rule=Message(row.rule, {"detail": row.detail}),
    )


# --- what came in ----------------------------------------------------------------------------


# The listing's head count is exact (refreshed with the heads) and its partial index
# holds only the interviews in conflict: a few rows to look at, however many changed.
_CHANGED_IN_CONFLICT = """
SELECT l.submission_uuid, l.form_id, l.city, l.head_count, l.instance_name, s.form_sha256,
    l.actor_type, l.created_at
FROM main.listing AS l JOIN main.submissions AS s ON s.uuid = l.submission_uuid
WHERE l.head_count > 1 AND l.submission_uuid IN (SELECT uuid FROM temp.merge_changed)
ORDER BY l.form_id, l.city, l.submission_uuid
"""


def _changed_in_conflict(conn: sqlite3.Connection) -> set[str]:
    """Return the changed interviews that have several heads."""
    return {row[0] for row in conn.execute(_CHANGED_IN_CONFLICT)}


def _conflicts(conn: sqlite3.Connection, before: set[str]) -> tuple[ConflictInfo, ...]:
    return tuple(
        ConflictInfo(
            uuid,
            form_id,
            city,
            heads,
            new=uuid not in before,
            name=name or "",
            form_sha256=sha,
            actor_type=actor,
            created_at=created_at,
        )
        for uuid, form_id, city, heads, name, sha, actor, created_at in conn.execute(
            _CHANGED_IN_CONFLICT
        )
    )


# An interview's city is the one its list entry shows (a sealed one's corrected on its
# first page: ``listing_corrected``), as in the list, progress and the exports; the
# started one only for an interview with no entry (set aside).
_LISTED_CITY = (
    "COALESCE((SELECT l.city FROM main.listing AS l WHERE l.submission_uuid = s.uuid), s.city)"
)


def _group_counts(conn: sqlite3.Connection) -> tuple[GroupCount, ...]:
    counts: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
    for kind, query in (
        (
            "interviews",
            f"SELECT s.form_id, {_LISTED_CITY}, s.form_sha256, count(*) "
            "FROM temp.new_submissions AS s GROUP BY 1, 2, 3",
        ),
        (
            "revisions",
            f"SELECT s.form_id, {_LISTED_CITY}, s.form_sha256, sum(n.count) FROM (SELECT "
            "submission_uuid, count(*) AS count FROM temp.new_revisions GROUP BY 1) AS n "
            "JOIN main.submissions AS s ON s.uuid = n.submission_uuid GROUP BY 1, 2, 3",
        ),
        (
            "events",
            f"SELECT s.form_id, {_LISTED_CITY}, s.form_sha256, count(*) "
            "FROM temp.new_events AS n "
            "JOIN main.submissions AS s ON s.uuid = n.submission_uuid "
            "JOIN main.events AS e ON e.uuid = n.uuid "
            f"WHERE e.kind IN ({', '.join(repr(kind) for kind in REVIEW_EVENTS)}) "
            "GROUP BY 1, 2, 3",
        ),
    ):
        for form_id, city, sha, count in conn.execute(query):
            counts[(form_id, city, sha)][kind] = count
    return tuple(
        GroupCount(form_id, city, **kinds, form_sha256=sha)
        for (form_id, city, sha), kinds in sorted(counts.items())
    )


def _drop_temp_tables(conn: sqlite3.Connection) -> None:
    conn.execute("DROP INDEX IF EXISTS temp.new_signatures_previous")
    for table in (*MERGED_TABLES, "changed"):
        name = f"merge_{table}" if table == "changed" else f"new_{table}"
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


# --- resolving conflicts ---------------------------------------------------------------------


def differing_keys(heads: Sequence[Answers]) -> list[str]:
    """Return the answer keys whose values are not the same in every head, sorted."""
    keys = sorted({key for answers in heads for key in answers})
    return [key for key in keys if len({canonical_json(a.get(key)) for a in heads}) > 1]


def combine_answers(
    heads: Sequence[Answers], choices: Mapping[str, int], *, base: int = 0
) -> Answers:
    """Return head ``base``'s answers with each key in ``choices`` taken from that head.

    A key chosen from a head that left it unanswered is left unanswered.
    """
    combined = dict(heads[base])
    for key, index in choices.items():
        if key in heads[index] and heads[index][key] is not None:
            combined[key] = heads[index][key]
        else:
            combined.pop(key, None)
    return combined
