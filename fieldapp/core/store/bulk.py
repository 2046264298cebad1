"""Bulk reads for export: every listed interview's current answers, one query, no records.

``queries.iter_current`` builds a ``SubmissionRecord`` and a ``RevisionRecord`` per
interview and decodes three JSON columns of each head; an export needs the answers and a
few fields. Here one sorted query of the listing names the heads, which are then read by
id a page at a time with their answers as bytes, decoded by orjson (in C); the other
things an export asks per interview (the ``end`` its first finalized revision recorded,
its last review decision) come from one query each instead of one per interview. Sealed
heads come back without answers: the store opens them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any, NamedTuple, cast

import orjson

from fieldapp.core.quarantine import quarantined_sql, unsigned_of_signer_sql
from fieldapp.core.store.queries import listing_where
from fieldapp.core.store.records import InterviewFilter, RevisionId, State, SubmissionId


class CurrentRow(NamedTuple):
    """One listed interview's submission fields and newest head, as export reads them."""

    submission_id: SubmissionId
    form_sha256: str
    interviewer: str
    city: str
    actor_type: str
    created_at: str
    head_revision: RevisionId
    device_id: str
    saved_at: str
    state: State
    answers: dict[str, Any] | None
    """None when the head is sealed (``sealed`` is True then) or holds no answers."""
    sealed: bool
    has_conflict: bool


# The order is sorted on small rows (listing and submission fields), then the heads are
# read by id a page at a time: sorting the answers along with them cost more than both.
# The interviewer and city are the listing's: a corrected answer, sealed too, as the list,
# the filters and the counts read them (an export filtered to Tijuana said Ciudad Juárez).
_LISTED = (
    "SELECT s.uuid, s.form_sha256, l.interviewer, l.city, s.actor_type, s.created_at, "
    "l.head_revision, l.head_count, l.state FROM listing AS l "
    "JOIN submissions AS s ON s.uuid = l.submission_uuid{where} "
    "ORDER BY {order}"
)
_START_ORDER = "l.created_at, l.submission_uuid"
_NO_ORDER = "random()"
"""A de-identified export's order: in start order, the rows of a day paired one to one
with a package's interviews of that day, whose moments it holds to the second."""
_HEADS = (
    "SELECT uuid, device_id, saved_at, state, CAST(answers AS BLOB), sealed IS NOT NULL "
    "FROM revisions WHERE uuid IN ({marks})"
)
_PAGE = 500


def iter_current_rows(
    conn: sqlite3.Connection, filters: InterviewFilter, *, shuffled: bool = False
) -> Iterator[CurrentRow]:
    """Stream each listed (filtered) submission with its newest head, in start order
    (``shuffled``: in an order nothing else holds).

    The same interviews, order and fields as ``queries.iter_current``, in constant memory.
    """
    where, params = listing_where(filters)
    order = _NO_ORDER if shuffled else _START_ORDER
    listed = conn.execute(_LISTED.format(where=where, order=order), params)
    # SQLite gives each row its own copy of a text: the fields of few values (cities,
    # interviewers, states) share one, as an export to Stata or SPSS holds them all.
    shared: dict[Any, Any] = {}
    one = shared.setdefault
    while page := listed.fetchmany(_PAGE):
        ids = [row[6] for row in page]
        heads = {
            head[0]: head
            for head in conn.execute(_HEADS.format(marks=", ".join("?" * len(ids))), ids)
        }
        for (
            submission,
            sha256,
            interviewer,
            city,
            actor_type,
            created_at,
            revision,
            count,
            state,
        ) in page:
            # the listing's state: a review written on a version set aside counts as none
            _, device_id, saved_at, _, blob, sealed = heads[revision]
            yield CurrentRow(
                SubmissionId(submission),
                one(sha256, sha256),
                one(interviewer, interviewer),
                one(city, city),
                one(actor_type, actor_type),
                created_at,
                RevisionId(revision),
                one(device_id, device_id),
                saved_at,
                cast(State, one(state, state)),
                None if blob is None else _decode(blob),
                bool(sealed),
                count > 1,
            )


def _decode(blob: bytes) -> dict[str, Any]:
    try:
        found = orjson.loads(blob)
    except orjson.JSONDecodeError:
        # What Python's json reads and orjson refuses (NaN, a lone surrogate): read it
        # as the per-record path always did rather than lose the interview.
        found = json.loads(blob.decode("utf-8", "surrogatepass"))
    return found if isinstance(found, dict) else {}


_SAVED_AGAIN = "SELECT submission_uuid FROM revisions GROUP BY submission_uuid HAVING count(*) > 1"
"""Interviews with more than one revision: only there can the first finalized one be older
than the head (one index walk, where sorting every revision of the form cost more)."""


def first_finalized_ends(
    conn: sqlite3.Connection, form_sha256: str, end_key: str
) -> dict[str, str]:
    """Return submission -> the ``end`` its first finalized revision recorded, for the
    interviews of form version ``form_sha256`` whose first finalized revision is not the
    current head (the head's own ``end`` is in the answers the export reads anyway).

    Revisions in the order ``from_store`` always used (time saved, then id); only the
    answers of revisions that are not heads are parsed.
    """
    firsts: dict[str, str] = {}
    heads: dict[str, str | None] = {}
    rows = conn.execute(
        "SELECT r.submission_uuid, r.uuid, l.head_revision FROM revisions AS r "
        "JOIN submissions AS s ON s.uuid = r.submission_uuid "
        "LEFT JOIN listing AS l ON l.submission_uuid = r.submission_uuid "
        "WHERE r.state = 'finalized' AND r.answers IS NOT NULL AND s.form_sha256 = ? "
        f"AND r.submission_uuid IN ({_SAVED_AGAIN}) ORDER BY r.saved_at, r.uuid",
        [form_sha256],
    )
    for submission, revision, head in rows:
        firsts.setdefault(submission, revision)
        heads[submission] = head
    older = [s for s, r in firsts.items() if heads[s] != r]
    elsewhere: dict[str, str] = {}
    path = "$." + json.dumps(end_key)
    for start in range(0, len(older), 500):
        chunk = older[start : start + 500]
        found = conn.execute(
            "SELECT submission_uuid, json_extract(answers, ?) FROM revisions "
            "WHERE state = 'finalized' AND answers IS NOT NULL "
            f"AND submission_uuid IN ({', '.join('?' * len(chunk))}) ORDER BY saved_at, uuid",
            [path, *chunk],
        )
        for submission, end in found:
            if isinstance(end, str) and end:
                elsewhere.setdefault(submission, end)
    return elsewhere


def last_decisions(
    conn: sqlite3.Connection, form_id: str, kinds: tuple[str, ...]
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Return submission -> (kind, payload) of its last event of ``kinds`` (a review
    decision), for the interviews of ``form_id``; quarantined events are left out.

    The decision that wrote the newest head comes last whatever the clocks: an approval
    taken back by a return on a laptop whose clock is behind is the return, as ``_state``
    says (``review.comments_for_researcher`` reads it the same way). Otherwise the
    latest by moment. A sealed payload comes back as stored: ``Store.events`` opens it.
    """
    marks = ", ".join("?" * len(kinds))
    rows = conn.execute(
        "SELECT e.submission_uuid, e.kind, e.payload FROM events AS e "
        "JOIN submissions AS s ON s.uuid = e.submission_uuid "
        "LEFT JOIN listing AS l ON l.submission_uuid = e.submission_uuid "
        f"WHERE s.form_id = ? AND e.kind IN ({marks}) "
        f"AND e.uuid NOT IN {quarantined_sql('events')} "
        f"AND NOT {unsigned_of_signer_sql('events', 'e')} "
        "ORDER BY e.revision_uuid IS l.head_revision, e.at, e.uuid",
        [form_id, *kinds],
    )
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for submission, kind, payload in rows:
        found[submission] = (kind, json.loads(payload))
    return found
