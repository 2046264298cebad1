"""The derived tables (``heads``, ``listing``): recomputable from the insert-only ones.

A head is a revision no other revision of the same submission names as a parent. The
listing keeps one row per submission from its newest head, so a list of 100,000
interviews is one indexed query.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core.quarantine import (
    on_set_aside_parent_sql,
    on_set_aside_sql,
    quarantined_sql,
    unsigned_of_signer_sql,
)
from fieldapp.core.row_bounds import MAX_LABEL_CHARS

if TYPE_CHECKING:
    from fieldapp.core.store.database import Connected

_CHOSEN = "(SELECT value FROM json_each(?))"
"""The submission ids to refresh, passed as one JSON array: any number, one statement."""

# A quarantined revision (``core.quarantine``), or one carrying no link of the device it
# names where that device signs (``unsigned_of_signer_sql``), is neither a head nor hides
# its parents;
# a quarantined interview, or one of a quarantined form, is not listed.
_HEADS = """
INSERT INTO heads (submission_uuid, revision_uuid)
SELECT r.submission_uuid, r.uuid FROM revisions AS r
WHERE {where} AND r.uuid NOT IN {quarantined_revisions} AND NOT {unsigned_r} AND NOT EXISTS (
    SELECT 1 FROM revisions AS child, json_each(child.parents) AS parent
    WHERE child.submission_uuid = r.submission_uuid AND parent.value = r.uuid
    AND child.uuid NOT IN {quarantined_revisions} AND NOT {unsigned_child}
)
"""

_LISTING = """
INSERT INTO listing (
    submission_uuid, form_id, form_title, actor_type, city, interviewer, created_at,
    state, instance_name, last_saved, head_count, head_revision
)
SELECT s.uuid, s.form_id, coalesce(f.title, s.form_id), s.actor_type,
    {answered_city}, {answered_interviewer}, s.created_at, {listed_state}, r.instance_name,
    r.saved_at,
    (SELECT count(*) FROM heads AS h WHERE h.submission_uuid = s.uuid), r.uuid
FROM submissions AS s
JOIN revisions AS r ON r.uuid = (
    SELECT r2.uuid FROM heads AS h2 JOIN revisions AS r2 ON r2.uuid = h2.revision_uuid
    WHERE h2.submission_uuid = s.uuid ORDER BY {written_on_set_aside}, r2.saved_at DESC,
    r2.uuid DESC LIMIT 1
)
LEFT JOIN forms AS f ON f.sha256 = s.form_sha256
WHERE {where} AND s.uuid NOT IN {quarantined_submissions}
AND s.form_sha256 NOT IN {quarantined_forms}
"""


# The submission row keeps what the researcher chose when starting; a corrected ``city``
# or ``interviewer`` answer in the current state wins (sealed answers can't be read: their
# ``LISTING_CORRECTED`` events say it).
# An answer is cut to a label's length (``row_bounds.MAX_LABEL_CHARS``): a list line of
# 100,000 characters took gigabytes to lay out.
_ANSWERED = (
    "CASE WHEN json_valid(r.answers) AND json_type(r.answers, '$.{key}') = 'text'"
    " AND json_extract(r.answers, '$.{key}') <> ''"
    " THEN substr(json_extract(r.answers, '$.{key}'), 1, {most}) ELSE s.{key} END"
)
LISTED_KEYS = ("city", "interviewer")
"""The answers a sealed interview's listing row takes from its ``LISTING_CORRECTED`` events."""
LISTING_CORRECTED = "listing_corrected"
"""The event a sealed revision is written with when its ``city`` or ``interviewer`` answer
says otherwise than the listing does (``listed_as``): the listing cannot read sealed
answers, and the started values would stay for ever in the list, the counts by city and
the progress of each researcher. It names only what ``submissions`` holds in clear."""
# A sealed head (no answers in clear) lists the newest correction of its interview written
# by the device that wrote the version it is about: the head's own first, then by time.
# A null member (the answer left empty) lists the started value, as in clear. (SQLite
# reads no outer column in a subquery's ORDER BY: the head's own is asked for first.)
_CORRECTION_OF = (
    "SELECT e.uuid FROM events AS e JOIN revisions AS er ON er.uuid = e.revision_uuid "
    "AND er.submission_uuid = s.uuid AND er.device_id = e.device_id "
    f"WHERE e.submission_uuid = s.uuid AND e.kind = '{LISTING_CORRECTED}' "
    f"AND e.uuid NOT IN {quarantined_sql('events')} "
    f"AND NOT {unsigned_of_signer_sql('events', 'e')} {{head}}"
    "ORDER BY e.at DESC, e.uuid DESC LIMIT 1"
)
_CORRECTION = (
    f"coalesce(({_CORRECTION_OF.format(head='AND e.revision_uuid = r.uuid ')}), "
    f"({_CORRECTION_OF.format(head='')}))"
)


def _listed(key: str) -> str:
    """Return the SQL of the listing's ``key`` column (``city``, ``interviewer``)."""
    answered = _ANSWERED.format(key=key, most=MAX_LABEL_CHARS)
    corrected = (
        f"(SELECT substr(json_extract(c.payload, '$.{key}'), 1, {MAX_LABEL_CHARS}) "
        f"FROM events AS c WHERE c.uuid = {_CORRECTION})"
    )
    return f"CASE WHEN r.answers IS NULL THEN coalesce({corrected}, s.{key}) ELSE {answered} END"


_LISTING = _LISTING.replace("{answered_city}", _listed("city")).replace(
    "{answered_interviewer}", _listed("interviewer")
)
_HEADS = (
    _HEADS.replace("{quarantined_revisions}", quarantined_sql("revisions"))
    .replace("{unsigned_r}", unsigned_of_signer_sql("revisions", "r"))
    .replace("{unsigned_child}", unsigned_of_signer_sql("revisions", "child"))
)
# Of two heads, one written on a version set aside (a supervisor's review of a forged
# version, merged before the laptop's own package) is never the current state: it carries
# the forger's answers. Walked only where the interview has another head.
WRITTEN_ON_SET_ASIDE = (
    "(CASE WHEN EXISTS (SELECT 1 FROM heads AS h3 WHERE h3.submission_uuid = {head}"
    ".submission_uuid AND h3.revision_uuid <> {head}.uuid) "
    "THEN {on_set_aside} ELSE 0 END)"
)
"""SQL ordering a head written on a version set aside after the others (1 against 0)."""


def written_on_set_aside(head: str) -> str:
    """Return ``WRITTEN_ON_SET_ASIDE`` of the head revision aliased ``head``."""
    return WRITTEN_ON_SET_ASIDE.format(head=head, on_set_aside=on_set_aside_sql(head))


_LISTING = _LISTING.replace("{written_on_set_aside}", written_on_set_aside("r2"))
REVIEWED = ("approved", "returned")
"""The states a supervisor's review writes."""
# A review that is the current state though written on a version set aside (her review
# of an interview made up whole, whose only other version was forged) reviewed answers
# no device of the study wrote: the interview lists as finalized, waiting for a review,
# in the list, the progress and the exports. Her version is kept as it is (derived,
# nothing written); ``quarantine.reviews_on_set_aside`` finds it by the two states. Only
# a review written right on the version set aside: her review again, written on hers
# once she read it, counts. One lookup per parent of a reviewed head.
LISTED_STATE = (
    f"(CASE WHEN r.state IN {REVIEWED!r} AND {on_set_aside_parent_sql('r')} "
    "THEN 'finalized' ELSE r.state END)"
)
_LISTING = _LISTING.replace("{listed_state}", LISTED_STATE)
_LISTING = _LISTING.replace("{quarantined_submissions}", quarantined_sql("submissions")).replace(
    "{quarantined_forms}", quarantined_sql("forms")
)


def refresh(db: Connected, submission_uuids: Iterable[str] | None = None) -> None:
    """Recompute heads and listing rows (of the given submissions, else of all).

    Runs inside the caller's transaction.
    """
    conn = db.conn
    if submission_uuids is None:
        conn.execute("DELETE FROM heads")
        conn.execute("DELETE FROM listing")
        conn.execute(_HEADS.format(where="1"))
        conn.execute(_LISTING.format(where="1"))
        return
    chosen = [json.dumps(sorted(set(submission_uuids)))]
    conn.execute(f"DELETE FROM heads WHERE submission_uuid IN {_CHOSEN}", chosen)
    conn.execute(f"DELETE FROM listing WHERE submission_uuid IN {_CHOSEN}", chosen)
    conn.execute(_HEADS.format(where=f"r.submission_uuid IN {_CHOSEN}"), chosen)
    conn.execute(_LISTING.format(where=f"s.uuid IN {_CHOSEN}"), chosen)


def listed_as(
    conn: sqlite3.Connection, submission_uuid: str, answers: Mapping[str, Any]
) -> dict[str, str | None] | None:
    """Return the ``LISTING_CORRECTED`` payload a sealed version of these ``answers`` needs:
    the city and interviewer answered (None where unanswered), when the listing would show
    them otherwise than it does now; None when it already shows them."""
    started = conn.execute(
        "SELECT city, interviewer FROM submissions WHERE uuid = ?", [submission_uuid]
    ).fetchone()
    if started is None:
        return None
    listed = conn.execute(
        "SELECT city, interviewer FROM listing WHERE submission_uuid = ?", [submission_uuid]
    ).fetchone()
    answered: dict[str, str | None] = {}
    for key in LISTED_KEYS:
        value = answers.get(key)
        answered[key] = value[:MAX_LABEL_CHARS] if isinstance(value, str) and value else None
    shown = tuple(answered[key] or start for key, start in zip(LISTED_KEYS, started, strict=True))
    return None if shown == tuple(listed or started) else answered
