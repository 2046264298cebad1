"""Export a fieldapp database: its forms and every interview's current head."""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fieldapp.core.crypto import StudyKey
from fieldapp.core.export.cells import EXCEL_MAX_ROWS
from fieldapp.core.export.columns import city_choices, top_level_key
from fieldapp.core.export.run import (
    CancelCheck,
    ExportInterview,
    ExportOptions,
    ExportResult,
    FormSource,
    Progress,
    write_export,
)
from fieldapp.core.forms.model import (
    Answers,
    Form,
    Labels,
    QuestionType,
    pick_label,
)
from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import held_forms, skipped, unverified_devices
from fieldapp.core.review import DECISIONS
from fieldapp.core.store import (
    STATES,
    FormRecord,
    InterviewFilter,
    State,
    Store,
    SubmissionId,
    bulk,
    queries,
)
from fieldapp.core.store.database import schema_version, translate
from fieldapp.core.store.sealing import PSEUDONYM_KEY_META
from fieldapp.core.store.version import SCHEMA_VERSION

EXPORT_CACHE_KIB = 16 * 1024


def open_to_export(db: Path) -> Store:
    """Open ``db`` read-only for an export, a laptop's file on the previous fieldapp too
    (``Store.open_to_read``): upgraded to write it, as the advice to "open it once in
    fieldapp" had it done, it would no longer open in that laptop's fieldapp."""
    return Store.open_to_read(db)


def _export_pseudonym_key(db: Path, store: Store) -> bytes:
    """Return ``pseudonym_key(db)``, but never write a laptop's file on the previous
    fieldapp (``open_to_export``): writing would upgrade it. Its own key when it holds one,
    else a key for this export alone, as for a file that cannot be written."""
    if schema_version(store.opened.meta) >= SCHEMA_VERSION:
        return pseudonym_key(db)
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", [PSEUDONYM_KEY_META])
    found = row.fetchone()
    return bytes.fromhex(found[0]) if found is not None else os.urandom(32)


def export_workbook(
    db: Path,
    out: Path,
    options: ExportOptions | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
    study_key: StudyKey | None = None,
    hide_sealed: bool = False,
) -> ExportResult:
    """Export the database ``db`` to ``out`` (.xlsx or .zip), atomically.

    Opens its own read-only connection, so it can run on a worker thread while the app
    keeps using the database. ``study_key`` opens sealed interviews (else they are
    exported without answers, with a warning). ``hide_sealed`` (the desktop before its
    drafts passphrase or the study key, ``keys.hides_sealed``): sealed forms' interviews
    are left out whole, as the list leaves them out, and only counted, so that exporting
    tells no more than the screen (who, where, when a security-force interview was held).

    With ``study_key``, ODK Central's copy of a sealed interview that the key shows to
    say what that interview says (``copies.sealed_same``, as ``fieldapp check --key``
    judges it) is left out and counted (``ExportResult.copies_same``): the app sets such a
    copy aside when the key opens, and an export writes nothing, so it leaves it out in
    memory rather than give the analyst the interview twice (claims5).
    """
    options = options or ExportOptions()
    if options.date_from and options.date_to and options.date_from > options.date_to:
        raise FieldappError("export.bad_range", start=options.date_from, end=options.date_to)
    with open_to_export(db) as store:
        # The listing's pages are read between pages of answers; SQLite's usual 2 MiB cache
        # let them go and read them again (a fifth of reading 20,000 interviews). 16 MiB at
        # most, for this connection only, for as long as the export.
        store.db.conn.execute(f"PRAGMA cache_size = -{EXPORT_CACHE_KIB}")
        same: frozenset[str] = frozenset()
        if study_key is not None:
            store.keys.unlock(study_key)
            same = _copies_same(store)
        if options.cities:
            options = replace(options, cities=_known_cities(store, options.cities))
        if options.form_ids:
            options = replace(options, form_ids=_known_forms(store, options.form_ids))
        versions = _versions(store, options)
        hidden, left_out = 0, frozenset[str]()
        if hide_sealed and study_key is None:
            versions, hidden, left_out = _without_sealed(store, versions)
        total = sum(_count(store, form_id, options) for form_id in versions)
        sources = [
            FormSource(form_id, forms, _reader(store, form_id, forms, options, left_out))
            for form_id, forms in versions.items()
        ]
        return write_export(
            out,
            sources,
            options,
            # A de-identified file may travel: its path could name the supervisor's account,
            # and its name the researcher (a package is TJ01-<day>.fieldapp by default).
            database="" if options.deidentify else str(db),
            pseudonym_key=_export_pseudonym_key(db, store) if options.deidentify else b"",
            total=total,
            progress=progress,
            cancel=cancel,
            max_rows=max_rows,
            quarantined=skipped(store.db.conn),
            sealed_hidden=hidden,
            unverified_devices=bool(unverified_devices(store.db.conn, store.device_id)),
            copies_same=same,
        )


def _copies_same(store: Store) -> frozenset[str]:
    """Return the copies of ODK Central's that the study key, now open, shows to be the
    interview beside them: ``copies.sealed_same``, which ``fieldapp check --key`` says and
    the app's key dialog settles. Compared in memory: an export writes no database."""
    from fieldapp.core.central.copies import sealed_same

    return frozenset(copy for copy, _ in sealed_same(store))


@dataclass(frozen=True)
class ExportChoices:
    """What an export of a database can be narrowed to, for the export dialog."""

    forms: tuple[tuple[str, str], ...]
    """(form id, title of its newest version), by form id."""
    languages: tuple[str, ...]
    cities: tuple[str, ...]
    city_labels: Mapping[str, Labels] = field(default_factory=dict)
    """The labels of the city codes, from the forms' ``city`` question, by form language."""
    actors: Mapping[str, str] = field(default_factory=dict)
    """The study's actor type (``ACTOR_TYPES``) each study form serves, by form id: the
    dialog names those forms by their actor first, as *New interview* does."""

    def city_label(self, city: str, language: str) -> str:
        """Return ``city`` as a person reads it in ``language`` ("es"): its label, or itself."""
        labels = self.city_labels.get(city)
        if not labels:
            return city
        for name, label in labels.items():
            if resolve_language_code(name) == language:
                return label
        return pick_label(labels, language) or city


def export_choices(db: Path) -> ExportChoices:
    """Return the forms, label languages and cities found in the database ``db``."""
    with open_to_export(db) as store:
        return _choices(store)


def _choices(store: Store) -> ExportChoices:
    from fieldapp.core.demo import actor_of  # the demo reads the export's columns
    from fieldapp.core.study import ACTOR_TYPES

    newest: dict[str, FormRecord] = {}
    for record in held_forms(store):  # by form id, newest first
        newest.setdefault(record.form_id, record)
    languages: list[str] = []
    city_labels: dict[str, Labels] = {}
    actors: dict[str, str] = {}
    for record in newest.values():
        form = store.forms.load(record.sha256)
        try:
            actor = actor_of(form)
        except FieldappError:  # a form whose actor cannot be read keeps its title
            actor = ""
        if actor in ACTOR_TYPES:
            actors[record.form_id] = actor
        for language in form.languages:
            if language not in languages:
                languages.append(language)
        for choice in city_choices(form):
            city_labels.setdefault(choice.name, choice.labels)
    # ``listing`` is one of the tables the store documents for other areas to read.
    rows = store.db.conn.execute(
        "SELECT DISTINCT city FROM listing WHERE city != '' ORDER BY city"
    ).fetchall()
    forms = tuple((form_id, record.title) for form_id, record in sorted(newest.items()))
    cities = tuple(str(row[0]) for row in rows)
    return ExportChoices(forms, tuple(languages), cities, city_labels, actors)


def resolve_language_code(language: str) -> str:
    """Return the code of a form language: "Español (es)" -> "es"; "es" -> "es"."""
    if "(" in language and language.endswith(")"):
        return language.rsplit("(", 1)[1].rstrip(")").strip().casefold()
    return language.strip().casefold()


def _known_cities(store: Store, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """Return the stored city values ``wanted`` names: as stored, any case, or a label.

    A city that matches nothing is refused: it would give an empty export in silence.
    """
    choices = _choices(store)
    by_name: dict[str, str] = {}
    for city in choices.cities:
        for name in (city, *choices.city_labels.get(city, {}).values()):
            by_name.setdefault(name.casefold().strip(), city)
    found: list[str] = []
    for city in wanted:
        stored = city if city in choices.cities else by_name.get(city.casefold().strip())
        if stored is None:
            shown = [choices.city_label(c, "es") for c in choices.cities]
            available = ", ".join(
                c if label == c else f"{c} ({label})"
                for c, label in zip(choices.cities, shown, strict=True)
            )
            raise FieldappError("export.unknown_city", city=city, available=available or "—")
        if stored not in found:
            found.append(stored)
    return tuple(found)


def pseudonym_key(db: Path) -> bytes:
    """Return the secret that makes this database's pseudonyms stable and unguessable.

    32 random bytes made on the first de-identified export and kept in the database's
    ``meta`` only: merge never copies ``meta`` and a package strips it, so nobody holding
    a package and an export can test interviewer codes against the pseudonyms (the old
    key was derived from the database id, which every package carries). A database that
    cannot be written (a read-only copy) gets a key for this export alone.
    """
    try:
        with Store.open(db, create=False) as store, store.transaction() as written:
            conn = written.conn
            row = conn.execute("SELECT value FROM meta WHERE key = ?", [PSEUDONYM_KEY_META])
            found = row.fetchone()
            if found is not None:
                return bytes.fromhex(found[0])
            key = os.urandom(32)
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)", [PSEUDONYM_KEY_META, key.hex()]
            )
            return key
    except FieldappError:
        return os.urandom(32)


def _known_forms(store: Store, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """Name each wanted form by its id: a study form also by its actor type (informant),
    as ``fieldapp submit --form`` and ``review list --actor`` take it."""
    from fieldapp.core.merge_batch import study_actors

    held = {record.form_id for record in held_forms(store)}
    by_actor = {actor: form_id for form_id, actor in study_actors(store).items()}
    return tuple(name if name in held else by_actor.get(name, name) for name in wanted)


def _versions(store: Store, options: ExportOptions) -> dict[str, dict[str, Form]]:
    """Return form id -> (sha256 -> Form, newest first) for the forms to export."""
    records = held_forms(store)
    known = sorted({record.form_id for record in records})
    for form_id in options.form_ids:
        if form_id not in known:
            raise FieldappError(
                "export.unknown_form", form=form_id, available=", ".join(known) or "—"
            )
    versions: dict[str, dict[str, Form]] = {}
    for record in records:  # by form id, newest first
        if options.form_ids and record.form_id not in options.form_ids:
            continue
        versions.setdefault(record.form_id, {})[record.sha256] = store.forms.load(record.sha256)
    return versions


def _without_sealed(
    store: Store, versions: dict[str, dict[str, Form]]
) -> tuple[dict[str, dict[str, Form]], int, frozenset[str]]:
    """Return ``versions`` without the versions that seal their interviews, how many
    interviews those hold as the list counts them (whatever the filters: the count is all
    the screen shows of them either; those set aside, quarantined, are not listed), and
    the sha256 of those versions: a form sealed by a new version (``forms seal``) keeps
    its clear one, whose reader must pass over the sealed one's interviews."""
    kept: dict[str, dict[str, Form]] = {}
    sealed: list[str] = []
    for form_id, forms in versions.items():
        for sha256, form in forms.items():
            if form.public_key:
                sealed.append(sha256)
            else:
                kept.setdefault(form_id, {})[sha256] = form
    if not sealed:
        return kept, 0, frozenset()
    marks = ", ".join("?" * len(sealed))
    (count,) = store.db.conn.execute(
        "SELECT count(*) FROM listing AS l JOIN submissions AS s ON s.uuid = l.submission_uuid "
        f"WHERE s.form_sha256 IN ({marks})",
        sealed,
    ).fetchone()
    return kept, int(count), frozenset(sealed)


def _states(options: ExportOptions) -> list[State]:
    """Return the states ``options`` asks for; empty for every state."""
    states = [_state(s) for s in options.states]
    if not states and not options.drafts:  # drafts stay out unless asked for
        states = [s for s in STATES if s != "draft"]
    return states


def _filters(form_id: str, options: ExportOptions) -> Iterator[InterviewFilter]:
    """Yield the store filters whose union is what ``options`` asks for."""
    cities: list[str | None] = list(options.cities) or [None]
    states: list[State | None] = list(_states(options)) or [None]
    for city, state in itertools.product(cities, states):
        yield InterviewFilter(
            form_id=form_id,
            city=city,
            state=state,
            date_from=options.date_from,
            date_to=options.date_to,
        )


def _state(value: str) -> State:
    for state in STATES:
        if state == value:
            return state
    raise FieldappError("export.bad_state", value=value, choices=", ".join(STATES))


def _count(store: Store, form_id: str, options: ExportOptions) -> int:
    every = InterviewFilter(form_id=form_id, date_from=options.date_from, date_to=options.date_to)
    return queries.count_interviews(store.db.conn, every, options.cities, _states(options))


def _reader(
    store: Store,
    form_id: str,
    versions: Mapping[str, Form],
    options: ExportOptions,
    left_out: frozenset[str] = frozenset(),
) -> Callable[[], Iterator[ExportInterview]]:
    """Read ``form_id``'s interviews; those of the versions in ``left_out`` (sealed, before
    a key) are passed over, counted by ``_without_sealed``."""
    one = list(_filters(form_id, options))
    # With one city and one state the store filters everything; with several the export
    # reads the form's interviews once (in start order) and ``options.includes`` picks.
    base = (
        one[0]
        if len(one) == 1
        else InterviewFilter(form_id=form_id, date_from=options.date_from, date_to=options.date_to)
    )

    def read() -> Iterator[ExportInterview]:
        conn = store.db.conn
        ends: dict[str, str] = {}
        for sha256, key in _end_keys(versions).items():
            ends.update(bulk.first_finalized_ends(conn, sha256, key))
        decisions = bulk.last_decisions(conn, form_id, DECISIONS)
        try:
            for row in bulk.iter_current_rows(conn, base, shuffled=options.deidentify):
                if row.form_sha256 in left_out:
                    continue
                submission_id, state, answers = row.submission_id, row.state, row.answers
                sealed = False
                if answers is None:
                    answers, sealed = _opened(store, row)
                review = ""
                if state in DECISIONS:
                    review = _review(store, submission_id, state, decisions.get(submission_id))
                yield ExportInterview(
                    submission_id=submission_id,
                    form_sha256=row.form_sha256,
                    interviewer=row.interviewer,
                    device_id=row.device_id,
                    city=row.city,
                    actor_type=row.actor_type,
                    created_at=row.created_at,
                    saved_at=row.saved_at,
                    state=state,
                    answers=answers,
                    has_conflict=row.has_conflict,
                    review_state=review,
                    sealed=sealed,
                    first_ended=ends.get(submission_id, ""),
                )
        except sqlite3.DatabaseError as error:
            translated = translate(error, store.path, store.timeout)
            if translated is None:
                raise
            raise translated from None

    return read


def _opened(store: Store, row: bulk.CurrentRow) -> tuple[Answers, bool]:
    """Return a head's answers as the store opens them (with the study key) and whether
    they stayed sealed; a head without answers nor seal has none."""
    if not row.sealed:
        return {}, False
    head = store.interviews.revision(row.head_revision)
    if head is None:
        return {}, True
    return head.answers or {}, head.answers is None


def _end_keys(versions: Mapping[str, Form]) -> dict[str, str]:
    """Return form version -> the key of its top-level ``end`` question, where it has one.

    Reopening a finalized interview to correct it stamps a new ``end``; the interview
    itself ended when it was first finalized (``fieldapp status`` counts the same).
    Sealed revisions cannot be read there: their interviews use their current ``end``.
    """
    keys: dict[str, str] = {}
    for sha256, form in versions.items():
        key = top_level_key(form, QuestionType.END)
        if key is not None:
            keys[sha256] = key
    return keys


def _review(
    store: Store,
    submission_id: SubmissionId,
    state: str,
    decision: tuple[str, dict[str, Any]] | None,
) -> str:
    """Return the last review decision with its comment: ``returned: falta la sección 3``."""
    if decision is None:
        return state
    kind, payload = decision
    # The store opens a sealed comment when a key at hand can: this one, not them all.
    payload = store.events.open_payload(submission_id, payload)
    comment = str(payload.get("comment") or "").strip()
    return f"{kind}: {comment}" if comment else kind
