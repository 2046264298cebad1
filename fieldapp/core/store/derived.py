"""The derived tables (``heads``, ``listing``): recomputable from the insert-only ones.

A head is a revision no other revision of the same submission names as a parent. The
listing keeps one row per submission from its newest head, so a list of 100,000
interviews is one indexed query.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from fieldapp.core.quarantine import quarantined_sql
from fieldapp.core.row_bounds import MAX_LABEL_CHARS

if TYPE_CHECKING:
    from fieldapp.core.store.database import Connected

_CHOSEN = "(SELECT value FROM json_each(?))"
"""The submission ids to refresh, passed as one JSON array: any number, one statement."""

# A quarantined revision (``core.quarantine``) is neither a head nor hides its parents;
# a quarantined interview, or one of a quarantined form, is not listed.
_HEADS = """
INSERT INTO heads (submission_uuid, revision_uuid)
SELECT r.submission_uuid, r.uuid FROM revisions AS r
WHERE {where} AND r.uuid NOT IN {quarantined_revisions} AND NOT EXISTS (
    SELECT 1 FROM revisions AS child, json_each(child.parents) AS parent
    WHERE child.submission_uuid = r.submission_uuid AND parent.value = r.uuid
    AND child.uuid NOT IN {quarantined_revisions}
)
"""

_LISTING = """
INSERT INTO listing (
    submission_uuid, form_id, form_title, actor_type, city, interviewer, created_at,
    state, instance_name, last_saved, head_count, head_revision
)
SELECT s.uuid, s.form_id, coalesce(f.title, s.form_id), s.actor_type,
    {answered_city}, {answered_interviewer}, s.created_at, r.state, r.instance_name, r.saved_at,
    (SELECT count(*) FROM heads AS h WHERE h.submission_uuid = s.uuid), r.uuid
FROM submissions AS s
JOIN revisions AS r ON r.uuid = (
    SELECT r2.uuid FROM heads AS h2 JOIN revisions AS r2 ON r2.uuid = h2.revision_uuid
    WHERE h2.submission_uuid = s.uuid ORDER BY r2.saved_at DESC, r2.uuid DESC LIMIT 1
)
LEFT JOIN forms AS f ON f.sha256 = s.form_sha256
WHERE {where} AND s.uuid NOT IN {quarantined_submissions}
AND s.form_sha256 NOT IN {quarantined_forms}
"""


# The submission row keeps what the researcher chose when starting; a corrected ``city``
# or ``interviewer`` answer in the current state wins (sealed answers can't be read: the
# starting values stay).
# An answer is cut to a label's length (``row_bounds.MAX_LABEL_CHARS``): a list line of
# 100,000 characters took gigabytes to lay out.
_ANSWERED = (
    "CASE WHEN json_valid(r.answers) AND json_type(r.answers, '$.{key}') = 'text'"
    " AND json_extract(r.answers, '$.{key}') <> ''"
    " THEN substr(json_extract(r.answers, '$.{key}'), 1, {most}) ELSE s.{key} END"
)
_LISTING = _LISTING.replace(
    "{answered_city}", _ANSWERED.format(key="city", most=MAX_LABEL_CHARS)
).replace("{answered_interviewer}", _ANSWERED.format(key="interviewer", most=MAX_LABEL_CHARS))
_HEADS = _HEADS.replace("{quarantined_revisions}", quarantined_sql("revisions"))
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
