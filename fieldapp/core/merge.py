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

import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms.model import Answers
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store.content import (
    REVISION_HASHED_COLUMNS,
    canonical_json,
    form_sha256,
    revision_canonical_sql,
    revision_content_sha256,
)
from fieldapp.core.store.database import open_database, readonly_uri
from fieldapp.core.store.records import RevisionId, State, SubmissionId

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all) as a merge advances."""
Cancel = Callable[[], bool]
"""Polled during a merge; returning True rolls everything back."""

SOURCE_TIMEOUT = 3.0
"""Seconds to wait for a program writing to the source before saying it is locked."""

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


# In foreign-key order. A form's added_at and filename say when and from which file
# each device added it: they may differ, the content (which the key hashes) may not.
# Revisions compare their content hash instead of the answers themselves.
_TABLES = (
    _Table("forms", ("sha256",), ("form_id", "version", "title", "content")),
    _Table("form_files", ("form_sha256", "filename"), ("content",)),
    _Table("attachments", ("sha256",), ("size",)),
    _Table("submissions", ("uuid",), None, ("form_sha256", "form_id", "city")),
    _Table(
        "revisions",
        ("uuid",),
        (*(c for c in REVISION_HASHED_COLUMNS if c not in ("answers", "sealed")), "content_sha256"),
        ("submission_uuid", "parents", "attachments"),
    ),
    _Table("events", ("uuid",), None, ("submission_uuid", "revision_uuid")),
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


@dataclass(frozen=True)
class ConflictInfo:
    """An interview that has several heads after the merge."""

    submission_id: str
    form_id: str
    city: str
    heads: int
    new: bool
    """False when the interview was already in conflict before this merge."""


@dataclass(frozen=True)
class MergeReport:
    """What one merge brought into the database."""

    source: Path
    database_id: str
    device_id: str
    groups: tuple[GroupCount, ...] = ()
    forms: int = 0
    attachments: int = 0
    conflicts: tuple[ConflictInfo, ...] = ()
    changed_submissions: tuple[str, ...] = field(default=(), repr=False)
    """Interviews that received anything: the ones a view must refresh."""

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
            "by_form_and_city": [
                {
                    "form_id": g.form_id,
                    "city": g.city,
                    "new_interviews": g.interviews,
                    "new_revisions": g.revisions,
                    "new_events": g.events,
                }
                for g in self.groups
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


def summary_lines(
    report: MergeReport,
    language: str | None = None,
    *,
    form_name: Callable[[str], str] = str,
    city_name: Callable[[str], str] = str,
) -> list[str]:
    """Return what a merge brought, as lines for a person (CLI output, dialog summary).

    ``form_name`` and ``city_name`` turn the codes into what a person reads (a form's
    title, a city's label; see ``merge_batch.person_names``); ``to_json`` keeps the codes.
    """
    path = str(report.source)
    if report.nothing_new:
        return [text("merge.nothing_new", language, path=path)]
    lines = [
        text(
            "merge.summary",
            language,
            path=path,
            interviews=report.interviews,
            revisions=report.revisions,
            attachments=report.attachments,
            events=report.events,
            conflicts=len(report.new_conflicts),
        )
    ]
    no_city = text("merge.no_city", language)
    for group in report.groups:
        lines.append(
            text(
                "merge.summary_group",
                language,
                form=form_name(group.form_id),
                city=city_name(group.city) if group.city else no_city,
                interviews=group.interviews,
                revisions=group.revisions,
                events=group.events,
            )
        )
    for conflict in report.conflicts:
        lines.append(
            text(
                "merge.summary_conflict",
                language,
                submission=conflict.submission_id,
                form=form_name(conflict.form_id),
                city=city_name(conflict.city) if conflict.city else no_city,
                heads=conflict.heads,
            )
        )
    return lines


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
    source vanishing or being locked, a cancel) a FieldappError is raised and ``into``
    is left exactly as it was.
    """
    source = Path(source)
    report_progress = progress or (lambda done, total: None)
    is_cancelled = cancel or (lambda: False)
    database_id, device_id, identity = _check_source(into, source)
    report_progress(1, _STAGES)
    conn = into.db.conn
    if conn.in_transaction:
        raise RuntimeError("merge_database needs a connection with no open transaction")
    try:
        conn.execute(f"ATTACH DATABASE ? AS {_SCHEMA}", [readonly_uri(source)])
    except sqlite3.Error as error:
        raise _translate(error, source) from None
    conn.create_function(_HASH_FUNCTION, 2, _sha256_matches, deterministic=True)
    conn.set_progress_handler(lambda: 1 if is_cancelled() else 0, _PROGRESS_OPCODES)
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
                if is_cancelled():
                    raise _Cancelled from None
                raise _translate(error, source) from None
            if _file_identity(source) != identity:
                raise FieldappError("merge.source_vanished", path=str(source))
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
        conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
        conn.execute(f"PRAGMA main.cache_size = {int(cache_size)}")
        conn.execute(f"DETACH DATABASE {_SCHEMA}")
    return MergeReport(source=source, database_id=database_id, device_id=device_id, **report)


# --- checking the source before anything is written ---------------------------------------

SOURCE_SUFFIXES = (".fieldapp", ".db", ".sqlite", ".sqlite3")
"""What a file in a folder of devices' files must end with to be merged."""


def expand_sources(paths: Iterable[Path], *, exclude: Path | None = None) -> list[Path]:
    """Return the files to merge: each file as given, and each folder's database files.

    ``exclude`` (the database merged into) is skipped when a folder holds it.
    """
    skipped = exclude.resolve() if exclude is not None else None
    sources: list[Path] = []
    for path in paths:
        if not path.is_dir():
            sources.append(path)
            continue
        found = sorted(
            entry
            for entry in path.iterdir()
            if entry.is_file()
            and entry.suffix.lower() in SOURCE_SUFFIXES
            and entry.resolve() != skipped
        )
        if not found:
            raise FieldappError("merge.no_sources", path=str(path))
        sources.extend(found)
    return sources


def check_source(into: Store, source: Path) -> None:
    """Refuse a source that cannot be merged into ``into``, without changing anything.

    ``merge_database`` checks the same (and more, while copying); this lets a caller
    refuse a batch of files before merging any of them.
    """
    _check_source(into, Path(source))


_STORE_TO_MERGE = {
    "store.not_found": "merge.source_missing",
    "store.not_sqlite": "merge.not_sqlite",
    "store.truncated": "merge.truncated",
    "store.not_fieldapp": "merge.not_fieldapp",
    "store.corrupt": "merge.corrupt",
    "store.newer_schema": "merge.newer_schema",
    "store.locked": "merge.source_locked",
    "store.cannot_open": "merge.unreadable",
}


def _check_source(into: Store, source: Path) -> tuple[str, str, tuple[int, int]]:
    """Return the source's database id, device id and file identity, or refuse it."""
    if source.is_dir():
        raise FieldappError("merge.source_not_file", path=str(source))
    if source.exists() and source.stat().st_size == 0:
        raise FieldappError("merge.not_sqlite", path=str(source))
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
        conn = opened.db.conn
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


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _translate(error: sqlite3.Error, source: Path) -> FieldappError:
    reason = str(error)
    lowered = reason.lower()
    if isinstance(error, sqlite3.IntegrityError):
        return FieldappError("merge.corrupt", path=str(source), reason=reason)
    if "locked" in lowered or "busy" in lowered:
        return FieldappError("merge.source_locked", path=str(source))
    if "malformed" in lowered or "not a database" in lowered:
        return FieldappError("merge.corrupt", path=str(source), reason=reason)
    if "no such table" in lowered or "no such column" in lowered:
        return FieldappError("merge.not_fieldapp", path=str(source))
    if _file_identity(source) is None:
        return FieldappError("merge.source_vanished", path=str(source))
    return FieldappError("merge.unreadable", path=str(source), reason=reason)


# --- copying ---------------------------------------------------------------------------------


def _merge_rows(
    into: Store, source: Path, progress: Progress, is_cancelled: Cancel
) -> dict[str, Any]:
    conn = into.db.conn
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
    conn.execute(_CHANGED)
    progress(len(_TABLES) + 2, _STAGES)
    affected = [row[0] for row in conn.execute("SELECT uuid FROM temp.merge_changed")]
    in_conflict_before = _changed_in_conflict(conn)
    into.refresh_derived(affected)
    conflicts = _conflicts(conn, in_conflict_before)
    progress(len(_TABLES) + 3, _STAGES)
    return {
        "groups": _group_counts(conn),
        "forms": new_counts["forms"],
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
        noted.append(f"{_HASH_FUNCTION}({revision_canonical_sql('s')}, s.content_sha256)")
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
        raise FieldappError(
            "merge.tampered", path=str(source), table=table.name, key="/".join(map(str, row))
        )


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


_HASH_FUNCTION = "fieldapp_sha256_matches"


def _sha256_matches(content: object, expected: object) -> int:
    return int(isinstance(content, bytes) and hashlib.sha256(content).hexdigest() == expected)


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
        f"WHERE NOT {_HASH_FUNCTION}(a.content, a.sha256) OR length(a.content) IS NOT a.size "
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


# --- what came in ----------------------------------------------------------------------------


# The listing's head count is exact (refreshed with the heads) and its partial index
# holds only the interviews in conflict: a few rows to look at, however many changed.
_CHANGED_IN_CONFLICT = """
SELECT submission_uuid, form_id, city, head_count FROM main.listing
WHERE head_count > 1 AND submission_uuid IN (SELECT uuid FROM temp.merge_changed)
ORDER BY form_id, city, submission_uuid
"""


def _changed_in_conflict(conn: sqlite3.Connection) -> set[str]:
    """Return the changed interviews that have several heads."""
    return {row[0] for row in conn.execute(_CHANGED_IN_CONFLICT)}


def _conflicts(conn: sqlite3.Connection, before: set[str]) -> tuple[ConflictInfo, ...]:
    return tuple(
        ConflictInfo(uuid, form_id, city, heads, new=uuid not in before)
        for uuid, form_id, city, heads in conn.execute(_CHANGED_IN_CONFLICT)
    )


def _group_counts(conn: sqlite3.Connection) -> tuple[GroupCount, ...]:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for kind, query in (
        (
            "interviews",
            "SELECT form_id, city, count(*) FROM temp.new_submissions GROUP BY 1, 2",
        ),
        (
            "revisions",
            "SELECT s.form_id, s.city, sum(n.count) FROM (SELECT submission_uuid, count(*) "
            "AS count FROM temp.new_revisions GROUP BY 1) AS n "
            "JOIN main.submissions AS s ON s.uuid = n.submission_uuid GROUP BY 1, 2",
        ),
        (
            "events",
            "SELECT s.form_id, s.city, count(*) FROM temp.new_events AS n "
            "JOIN main.submissions AS s ON s.uuid = n.submission_uuid GROUP BY 1, 2",
        ),
    ):
        for form_id, city, count in conn.execute(query):
            counts[(form_id, city)][kind] = count
    return tuple(
        GroupCount(form_id, city, **kinds) for (form_id, city), kinds in sorted(counts.items())
    )


def _drop_temp_tables(conn: sqlite3.Connection) -> None:
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


def resolve_conflict(
    store: Store,
    submission_id: SubmissionId,
    answers: Answers,
    *,
    author: str,
    choices: Mapping[str, Any] | None = None,
    state: State | None = None,
) -> RevisionId:
    """End a conflict with ``answers`` chosen field by field; return the new revision.

    The new revision's parents are all the heads; who resolved it, when, and the
    choices made are kept in a ``conflict_resolved`` event. Its state is the heads'
    common state, else ``finalized`` when none is a draft, else ``draft``.
    """
    heads = store.heads(submission_id)
    if len(heads) < 2:
        raise FieldappError("merge.no_conflict", submission=submission_id)
    if state is None:
        states = {head.state for head in heads}
        if len(states) == 1:
            state = heads[0].state
        else:
            state = "draft" if "draft" in states else "finalized"
    return store.resolve_conflict(
        submission_id, answers, state=state, author=author, choices=choices
    )
