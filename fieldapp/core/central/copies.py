"""One interview, whether Central's copy or the laptop's package comes in first.

fieldapp sends an interview to ODK Central under ``meta/instanceID = uuid:<interview
id>`` (``openrosa.first_instance_id``, ``store.instance_ids``), and each later revision
under ``uuid:<revision id>`` (``openrosa.sent_instance_id``). When the supervisor
merges the laptop's package before pulling, ``pull`` finds that instanceID held here and
copies nothing. When she pulls first, the server's copy becomes an interview of the
mirror device (its own id, derived from the server and the instanceID: a server never
chooses an id here), and the package then brings the laptop's interview, whose id *is*
the uuid of that instanceID.

The rule: an interview one of whose revisions carries ``meta/instanceID`` =
``uuid:<id of another interview of the same form>`` is that interview's copy, and it is
quarantined (``core.quarantine``: a signed event, insert-only, honoured by every
reader), so the laptop's own interview, signed by its own device, is the one listed,
reviewed, exported and counted. An interview returned and finalized again before its
first push is known to Central by its newer revision alone: the copy of that one is set
aside when the package brings the revision. No row is rewritten or dropped: the copy stays in the
file, set aside with its reason, and ``fieldapp check`` counts it.

Why this holds against a hostile server: the server cannot name a local interview's id
(the mirror derives it), so its copy can only ever be the one set aside; an instanceID
naming an interview already here is not copied at all (``pull.known_instances``). An
honest interview's own instanceID names itself, never another interview.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fieldapp.core.messages import text
from fieldapp.core.quarantine import quarantined_sql
from fieldapp.core.store.instance_ids import edit_instance_id

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

_INSTANCE_ID = "json_extract(r.answers, '$.\"meta/instanceID\"')"
_NAMESPACE = uuid.UUID("5a0e6f1c-3d0b-4c1e-8f7a-18b0c0de0018")


def copy_id(instance_id: str) -> str:
    """The id of the server's copy of the instance ``instance_id`` (the same on every pull).

    Derived one way from the instanceID its answers carry, so a copy is recognisable from
    its own rows, and no server can choose it to be an interview's id.
    """
    return str(uuid.uuid5(_NAMESPACE, instance_id))


# Copies held here of the interviews the new rows belong to: one pass over the revisions,
# each looked up among the new copies' instanceIDs by key.
_INTERVIEWS_OF_NEW_COPIES = f"""
SELECT DISTINCT c.uuid, r.submission_uuid FROM main.revisions AS r
CROSS JOIN temp.copies_new AS c ON c.instance_id = {_INSTANCE_ID}
WHERE r.answers IS NOT NULL AND r.submission_uuid <> c.uuid
UNION SELECT c.uuid, e.submission_uuid FROM main.events AS e
CROSS JOIN temp.copies_new AS c ON c.instance_id = json_extract(e.payload, '$.instance_id')
WHERE e.kind = 'odk_envelope' AND json_valid(e.payload) AND e.submission_uuid <> c.uuid
"""


def copies(
    conn: sqlite3.Connection,
    new_submissions: list[str],
    new_revisions: Sequence[tuple[str, str]] = (),
) -> list[tuple[str, str]]:
    """Return (copy, interview) pairs the new rows make, not yet set aside, same form.

    A copy and its interview meet when one of them is new: one revision's
    ``instanceID`` per new interview is read (an interview keeps it through its edits).
    They also meet when a new revision (revision, interview) is the one Central's copy
    was made of: a revision sent after the interview's first goes up as
    ``uuid:<revision>`` (``openrosa.sent_instance_id``), so Central may hold it alone
    while the supervisor holds the interview's earlier revisions. Only finalized
    revisions go up: merge passes no other.
    """
    pairs: set[tuple[str, str]] = set()
    new_copies: dict[str, str] = {}
    for start in range(0, len(new_revisions), 500):
        by_copy = {
            copy_id(edit_instance_id(revision)): submission
            for revision, submission in new_revisions[start : start + 500]
        }
        marks = ", ".join("?" * len(by_copy))
        here = conn.execute(
            f"SELECT uuid FROM main.submissions WHERE uuid IN ({marks})", [*by_copy]
        )
        pairs.update((row[0], by_copy[row[0]]) for row in here)
    for start in range(0, len(new_submissions), 500):
        chunk = new_submissions[start : start + 500]
        rows = conn.execute(
            f"SELECT s.uuid, coalesce((SELECT {_INSTANCE_ID} FROM main.revisions AS r "
            "WHERE r.submission_uuid = s.uuid AND r.answers IS NOT NULL "
            f"AND json_type(r.answers, '$.\"meta/instanceID\"') = 'text' LIMIT 1), "
            # A sealed interview's answers can't be read: its first ODK envelope says it.
            "(SELECT json_extract(e.payload, '$.instance_id') FROM main.events AS e "
            "WHERE e.submission_uuid = s.uuid AND e.kind = 'odk_envelope' "
            "AND json_valid(e.payload) AND json_extract(e.payload, '$.deprecated_id') = '' "
            "LIMIT 1)) "
            f"FROM main.submissions AS s WHERE s.uuid IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        # An interview whose instanceID derives another id: that id's copy, if held here
        # (looked up for the whole chunk at once, not once per new interview).
        wanted: list[tuple[str, str]] = []
        for submission, instance_id in rows:
            if instance_id is None:
                continue
            copy = copy_id(str(instance_id))
            if submission == copy:
                new_copies[str(instance_id)] = copy
            else:
                wanted.append((copy, str(submission)))
        if wanted:
            held = {
                row[0]
                for row in conn.execute(
                    "SELECT uuid FROM main.submissions "
                    f"WHERE uuid IN ({', '.join('?' * len(wanted))})",
                    [copy for copy, _ in wanted],
                )
            }
            pairs.update(pair for pair in wanted if pair[0] in held)
    if new_copies:
        conn.execute("DROP TABLE IF EXISTS temp.copies_new")
        conn.execute("CREATE TEMP TABLE copies_new (instance_id TEXT PRIMARY KEY, uuid TEXT)")
        try:
            conn.executemany("INSERT INTO temp.copies_new VALUES (?, ?)", new_copies.items())
            pairs.update(conn.execute(_INTERVIEWS_OF_NEW_COPIES).fetchall())
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.copies_new")
    if not pairs:
        return []
    set_aside = {row[0] for row in conn.execute(quarantined_sql("submissions")[1:-1])}
    found = []
    for copy, original in sorted(pairs):
        if copy in set_aside or original in set_aside:
            continue
        forms = conn.execute(
            "SELECT count(DISTINCT form_id) FROM main.submissions WHERE uuid IN (?, ?)",
            [copy, original],
        ).fetchone()[0]
        if forms == 1:
            found.append((str(copy), str(original)))
    return found


def set_copies_aside(
    store: Store, new_submissions: list[str], new_revisions: Sequence[tuple[str, str]] = ()
) -> list[str]:
    """Quarantine every copy the new rows reveal (see the module); return the copies.

    Runs inside the caller's transaction (merge's): the copy is set aside in the same
    commit that brings the laptop's interview, or not at all.
    """
    from fieldapp.core.devices import may_act_for_study
    from fieldapp.core.quarantine import quarantine_rows

    # A laptop that holds both (relayed packages) leaves the copy for the supervisor's
    # quarantine to reach it: the study refuses another device's.
    if not may_act_for_study(store):
        return []
    pairs = copies(store.db.conn, new_submissions, new_revisions)
    for copy, original in pairs:
        reason = text("pull.copy_set_aside", None, copy=copy, interview=original)
        quarantine_rows(store, [("submissions", copy)], reason=reason, author="fieldapp")
    return [copy for copy, _ in pairs]
