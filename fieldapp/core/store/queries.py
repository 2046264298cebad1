"""Read-only queries of the store: rows in, typed records out."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import quarantined_sql, unsigned_of_signer_sql
from fieldapp.core.store import attachment_names
from fieldapp.core.store.derived import written_on_set_aside
from fieldapp.core.store.records import (
    SORT_COLUMNS,
    CurrentInterview,
    EventRecord,
    InterviewRow,
    RevisionId,
    RevisionRecord,
    SubmissionId,
    SubmissionRecord,
)
from fieldapp.core.store.sealing import SEALED_SUBMISSIONS

if TYPE_CHECKING:
    from fieldapp.core.store.records import InterviewFilter, State

REVISION_COLUMNS = (
    "uuid, submission_uuid, parents, device_id, author, saved_at, state, answers, sealed, "
    "attachments, instance_name, content_sha256"
)
SUBMISSION_COLUMNS = (
    "uuid, form_id, form_sha256, created_at, created_on, interviewer, city, actor_type"
)
_LISTING_COLUMNS = (
    "l.submission_uuid, l.form_id, l.form_title, l.actor_type, l.city, l.interviewer, "
    "l.state, l.instance_name, l.created_at, l.last_saved, l.head_count, l.head_revision, "
    "w.submission_uuid IS NOT NULL"
)


def revision_from_row(row: sqlite3.Row | tuple[Any, ...]) -> RevisionRecord:
    (uuid, submission, parents, device, author, saved_at, state, answers, sealed) = row[:9]
    attachments, instance_name, content_sha256 = row[9:12]
    return RevisionRecord(
        revision_id=RevisionId(uuid),
        submission_id=SubmissionId(submission),
        parents=tuple(RevisionId(p) for p in json.loads(parents)),
        device_id=device,
        author=author,
        saved_at=saved_at,
        state=cast("State", state),
        answers=None if answers is None else json.loads(answers),
        sealed=None if sealed is None else bytes(sealed),
        attachments=attachment_names.repaired(json.loads(attachments)),
        instance_name=instance_name,
        content_sha256=content_sha256,
    )


def submission_from_row(row: sqlite3.Row | tuple[Any, ...]) -> SubmissionRecord:
    return SubmissionRecord(
        submission_id=SubmissionId(row[0]),
        form_id=row[1],
        form_sha256=row[2],
        created_at=row[3],
        created_on=row[4],
        interviewer=row[5],
        city=row[6],
        actor_type=row[7],
    )


def submission(conn: sqlite3.Connection, submission_id: str) -> SubmissionRecord:
    row = conn.execute(
        f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE uuid = ?", [submission_id]
    ).fetchone()
    if row is None:
        raise FieldappError("store.unknown_submission", submission=submission_id)
    return submission_from_row(row)


def history(conn: sqlite3.Connection, submission_id: str) -> list[RevisionRecord]:
    rows = conn.execute(
        f"SELECT {REVISION_COLUMNS} FROM revisions WHERE submission_uuid = ? "
        "ORDER BY saved_at, uuid",
        [submission_id],
    ).fetchall()
    return parents_first([revision_from_row(row) for row in rows])


def parents_first(revisions: list[RevisionRecord]) -> list[RevisionRecord]:
    """Order revisions so each comes after its parents, else by time saved.

    Laptop clocks disagree; a child saved on a laptop whose clock is behind must still
    follow the revision it was made from.
    """
    by_id = {r.revision_id: r for r in revisions}
    waiting = {r.revision_id: {p for p in r.parents if p in by_id} for r in revisions}
    ordered: list[RevisionRecord] = []
    ready = [r for r in revisions if not waiting[r.revision_id]]
    children: dict[str, list[RevisionRecord]] = {}
    for revision in revisions:
        for parent in waiting[revision.revision_id]:
            children.setdefault(parent, []).append(revision)
    while ready:
        ready.sort(key=lambda r: (r.saved_at, r.revision_id), reverse=True)
        revision = ready.pop()
        ordered.append(revision)
        for child in children.get(revision.revision_id, []):
            waiting[child.revision_id].discard(revision.revision_id)
            if not waiting[child.revision_id]:
                ready.append(child)
    placed = {r.revision_id for r in ordered}
    ordered.extend(r for r in revisions if r.revision_id not in placed)  # a (tampered) cycle
    return ordered


def heads(conn: sqlite3.Connection, submission_id: str) -> list[RevisionRecord]:
    """Return the heads, newest first, a head written on a version set aside last (the
    listing's current state is the first: ``derived.written_on_set_aside``)."""
    rows = conn.execute(
        f"SELECT {', '.join('r.' + c.strip() for c in REVISION_COLUMNS.split(','))} "
        "FROM heads AS h JOIN revisions AS r ON r.uuid = h.revision_uuid "
        f"WHERE h.submission_uuid = ? ORDER BY {written_on_set_aside('r')}, "
        "r.saved_at DESC, r.uuid DESC",
        [submission_id],
    ).fetchall()
    return [revision_from_row(row) for row in rows]


def revision(conn: sqlite3.Connection, revision_id: str) -> RevisionRecord | None:
    row = conn.execute(
        f"SELECT {REVISION_COLUMNS} FROM revisions WHERE uuid = ?", [revision_id]
    ).fetchone()
    return None if row is None else revision_from_row(row)


_TEXT_COLUMNS = ("instance_name", "interviewer", "form_title")
"""What the search box matches as typed; labelled codes come as ``text_codes``."""
_CODE_COLUMNS = frozenset({"city", "actor_type", "state"})


_LIKE_LONGEST = 50_000
"""Bytes of the longest LIKE pattern SQLite takes (``SQLITE_MAX_LIKE_PATTERN_LENGTH``):
a longer one raises "LIKE or GLOB pattern too complex"."""


def _like(part: str) -> str:
    """Return a LIKE pattern matching ``part`` anywhere, its wildcards taken literally."""
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: str, part: str) -> tuple[str, str]:
    """Return SQL true when ``column`` holds ``part`` (ASCII letters in either case), and
    its parameter.

    A text pasted into the search box can pass SQLite's longest LIKE pattern, or hold a
    NUL, where LIKE ends its pattern (so "a\\0b" matched every row holding "a"): those
    are looked for with ``instr``, the same match, which reads its text whole.
    """
    pattern = _like(part)
    if "\0" not in part and len(pattern.encode("utf-8", "surrogatepass")) <= _LIKE_LONGEST:
        return f"{column} LIKE ? ESCAPE '\\'", pattern
    return f"instr(lower({column}), lower(?)) > 0", part


def listing_where(filters: InterviewFilter) -> tuple[str, list[Any]]:
    """Return the WHERE clause (or "") and its parameters for ``filters`` on ``listing AS l``."""
    clauses: list[str] = []
    params: list[Any] = []
    for column in ("form_id", "city", "actor_type", "state", "interviewer"):
        value = getattr(filters, column)
        if value is not None:
            clauses.append(f"l.{column} = ?")
            params.append(value)
    if filters.date_from is not None:
        clauses.append("l.created_at >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        clauses.append("l.created_at < ?")
        params.append((filters.date_to + dt.timedelta(days=1)).isoformat())
    if filters.text:
        # What the row shows: its name, interviewer, form, and the labelled codes.
        found: list[str] = []
        for column in _TEXT_COLUMNS:
            clause, param = _contains(f"l.{column}", filters.text)
            found.append(clause)
            params.append(param)
        for column, code in filters.text_codes:
            if column in _CODE_COLUMNS:
                found.append(f"l.{column} = ?")
                params.append(code)
        clauses.append(f"({' OR '.join(found)})")
    if filters.interviewer_part:
        clause, param = _contains("l.interviewer", filters.interviewer_part)
        clauses.append(clause)
        params.append(param)
    if filters.conflicts_only:
        clauses.append("l.head_count > 1")
    if filters.submission_ids is not None:
        clauses.append("l.submission_uuid IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(filters.submission_ids)))
    if filters.sealed_hidden:
        clauses.append(f"l.submission_uuid NOT IN ({SEALED_SUBMISSIONS})")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def list_interviews(
    conn: sqlite3.Connection,
    filters: InterviewFilter,
    *,
    sort: str,
    descending: bool,
    limit: int,
    offset: int,
) -> list[InterviewRow]:
    if sort not in SORT_COLUMNS:
        raise FieldappError("store.bad_sort", column=sort, choices=", ".join(SORT_COLUMNS))
    where, params = listing_where(filters)
    direction = "DESC" if descending else "ASC"
    rows = conn.execute(
        f"SELECT {_LISTING_COLUMNS} FROM listing AS l "
        "LEFT JOIN working_copies AS w ON w.submission_uuid = l.submission_uuid"
        # rowid breaks ties: each listing index already holds it, so no sort step is added
        f"{where} ORDER BY l.{sort} {direction}, l.rowid {direction} "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [
        InterviewRow(
            SubmissionId(row[0]),
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
            RevisionId(row[11]),
            bool(row[12]),
        )
        for row in rows
    ]


def count_interviews(
    conn: sqlite3.Connection,
    filters: InterviewFilter,
    cities: Sequence[str] = (),
    states: Sequence[str] = (),
) -> int:
    """Count the interviews ``filters`` lists that are in any of ``cities`` and ``states``
    (empty: any), in one pass over the listing instead of one per city and state."""
    where, params = listing_where(filters)
    clauses = [where[len(" WHERE ") :]] if where else []
    for column, values in (("city", cities), ("state", states)):
        if values:
            clauses.append(f"l.{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    condition = " WHERE " + " AND ".join(clauses) if clauses else ""
    row = conn.execute(f"SELECT count(*) FROM listing AS l{condition}", params).fetchone()
    return int(row[0])


def conflicts(conn: sqlite3.Connection) -> list[SubmissionId]:
    rows = conn.execute(
        "SELECT submission_uuid FROM listing WHERE head_count > 1 ORDER BY submission_uuid"
    )
    return [SubmissionId(row[0]) for row in rows]


def iter_current(conn: sqlite3.Connection, filters: InterviewFilter) -> Iterator[CurrentInterview]:
    """Stream each listed submission with its newest head, in start order."""
    where, params = listing_where(filters)
    revision_columns = ", ".join("r." + c.strip() for c in REVISION_COLUMNS.split(","))
    submission_columns = ", ".join("s." + c.strip() for c in SUBMISSION_COLUMNS.split(","))
    cursor = conn.execute(
        f"SELECT {submission_columns}, {revision_columns}, l.head_count FROM listing AS l "
        "JOIN submissions AS s ON s.uuid = l.submission_uuid "
        f"JOIN revisions AS r ON r.uuid = l.head_revision{where} "
        "ORDER BY l.created_at, l.submission_uuid",
        params,
    )
    for row in cursor:
        head = revision_from_row(row[8:20])
        yield CurrentInterview(
            submission=submission_from_row(row[:8]),
            revision=head,
            has_conflict=row[20] > 1,
            answers=head.answers if head.answers is not None else {},
        )


def events(conn: sqlite3.Connection, submission_id: str) -> list[EventRecord]:
    rows = conn.execute(
        "SELECT uuid, submission_uuid, revision_uuid, kind, author, device_id, at, payload "
        "FROM events WHERE submission_uuid = ? "
        f"AND uuid NOT IN {quarantined_sql('events')} "
        f"AND NOT {unsigned_of_signer_sql('events', 'events')} ORDER BY at, uuid",
        [submission_id],
    ).fetchall()
    return [
        EventRecord(
            event_id=row[0],
            submission_id=SubmissionId(row[1]),
            revision_id=None if row[2] is None else RevisionId(row[2]),
            kind=row[3],
            author=row[4],
            device_id=row[5],
            at=row[6],
            payload=json.loads(row[7]),
        )
        for row in rows
    ]
