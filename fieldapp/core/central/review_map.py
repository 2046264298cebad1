"""Review decisions both ways between fieldapp and ODK Central, where they mean the same.

fieldapp reviews an interview's finalized revision: *approve*, or *return* with a
comment so the researcher fixes it. Central reviews a submission's current version:
``approved``, ``hasIssues``, ``rejected`` (and ``edited``, which it sets itself when a
new version arrives). The mapping:

- Central -> fieldapp (after a pull): ``approved`` approves; ``hasIssues`` and
  ``rejected`` return, with Central's comments as the comment. Only an interview still
  *finalized* here whose finalized revision is the version Central reviewed: once a
  decision is taken here, or the researcher has changed the interview since, fieldapp's
  own history decides, and Central's older word is not replayed over it.
- fieldapp -> Central (``push_reviews``): an approval sets ``approved``; a return sets
  ``hasIssues`` (it asks for a fix; ``rejected`` would drop the submission from
  Central's exports) and posts the comment. A return that takes back an approval sets
  ``hasIssues`` over Central's ``approved`` the same way. Only when Central's current version is the
  revision that was reviewed; where Central already says the same, only a comment it
  lacks goes (a laptop may have died between the two requests). A decision Central was
  seen to hold whole is noted (table ``central_reviews``), and its comments are not read
  again at the next sync. The comment on a sealed interview is never sent: Central
  keeps comments in clear.

Not mapped, and why (``docs/design-notes.md``): ``edited`` (Central's own bookkeeping, not
a reviewer's decision), Central's reviewer as the author (the REST API names the
submission's last updater only through the audit log, which a project manager may not
read; the decision is recorded as the server's), and a fieldapp decision over a later
Central one (Central keeps no order fieldapp could compare with its Lamport counters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from fieldapp.core.central.envelope import envelope_ids
from fieldapp.core.central.openrosa import sent_instance_id
from fieldapp.core.central.pull import CentralReader, CentralSubmission, PullReport
from fieldapp.core.messages import LANGUAGES, Message, text
from fieldapp.core.store import Store, queries
from fieldapp.core.store.instance_ids import edit_instance_id, old_edit_instance_id
from fieldapp.core.store.records import RevisionRecord, SubmissionId

Decision = Literal["approved", "returned"]

FROM_CENTRAL: Mapping[str, Decision] = {
    "approved": "approved",
    "hasIssues": "returned",
    "rejected": "returned",
}
TO_CENTRAL: Mapping[Decision, str] = {"approved": "approved", "returned": "hasIssues"}


class CentralWriter(CentralReader, Protocol):
    """What sending reviews needs on top of reading: a PATCH and a POST with JSON."""

    def patch_json(self, path: str, body: Any) -> Any: ...

    def post_json(self, path: str, body: Any) -> Any: ...


@dataclass(frozen=True)
class ReviewSent:
    submission_id: SubmissionId
    instance_id: str
    review_state: str
    comment_sent: bool


def apply_central_reviews(
    store: Store, reader: CentralReader, report: PullReport, *, server: str
) -> int:
    """Take Central's review decisions on the interviews a pull saw; return how many."""
    taken = 0
    author = text("pull.review_author", name=server)
    for item in report.submissions:
        decision = FROM_CENTRAL.get(item.review_state or "")
        submission_id = report.local.get(item.instance_id)
        if decision is None or submission_id is None:
            continue
        head = _reviewable_head(store, submission_id, item, state="finalized")
        if head is None:
            continue
        comment = "\n\n".join(_comments(reader, item))
        if decision == "approved":
            store.review.approve(
                submission_id, comment=comment, author=author, seen=head.revision_id
            )
        else:
            said = comment or text("pull.returned_without_comment", state=item.review_state)
            store.review.return_interview(
                submission_id, comment=said, author=author, seen=head.revision_id
            )
        taken += 1
    report.reviews += taken
    return taken


def push_reviews(store: Store, writer: CentralWriter, report: PullReport) -> list[ReviewSent]:
    """Send fieldapp's decisions on the interviews a pull saw to Central; return them."""
    sent: list[ReviewSent] = []
    held_whole = _held_whole(store, report.server)
    central_authors = {
        Message("pull.review_author", {"name": report.server}).text(language)
        for language in LANGUAGES
    }
    for item in report.submissions:
        submission_id = report.local.get(item.instance_id)
        if submission_id is None:
            continue
        heads = store.interviews.heads(submission_id)
        if len(heads) != 1 or heads[0].state not in TO_CENTRAL:
            continue
        decided = heads[0]
        state: Decision = "approved" if decided.state == "approved" else "returned"
        same = FROM_CENTRAL.get(item.review_state or "") == state
        if same and decided.author in central_authors:
            continue  # Central's own decision, taken here: nothing of ours to send
        whole = decided.revision_id in held_whole
        if same and whole:
            continue  # seen there whole before: nothing to send or ask, nothing to read
        reviewed = _parent(store, submission_id, decided)
        if reviewed is None or not _is_version(store, submission_id, reviewed, item):
            continue
        comment = _decision_comment(store, submission_id, decided)
        if same and not comment:
            continue  # nothing to send, and nothing to ask
        base = item.path
        if not same:
            writer.patch_json(base, {"reviewState": TO_CENTRAL[state]})
        # Central already saying the same may be our own state set just before a laptop
        # died, its comment never posted: the comment still goes, once. Seen there once,
        # it is noted, and Central's comments are not read for it again.
        posted = False
        if comment and not whole and comment not in _comments(writer, item):
            writer.post_json(f"{base}/comments", {"body": comment})
            posted = True
        _note_held_whole(store, report.server, decided)
        if not same or posted:
            sent.append(ReviewSent(submission_id, item.instance_id, TO_CENTRAL[state], posted))
    return sent


def _held_whole(store: Store, server: str) -> set[str]:
    """The decisions (revision ids) Central was seen to hold with their comments."""
    rows = store.db.conn.execute(
        "SELECT revision_uuid FROM central_reviews WHERE server = ?", [server]
    )
    return {row[0] for row in rows}


def _note_held_whole(store: Store, server: str, decided: RevisionRecord) -> None:
    """Note, after Central answered, that it holds ``decided`` with its comment."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    with store.transaction():
        store.db.conn.execute(
            "INSERT INTO central_reviews (server, revision_uuid, sent_at) VALUES (?, ?, ?) "
            "ON CONFLICT (server, revision_uuid) DO NOTHING",
            [server, decided.revision_id, now],
        )


def _reviewable_head(
    store: Store, submission_id: SubmissionId, item: CentralSubmission, *, state: str
) -> RevisionRecord | None:
    heads = store.interviews.heads(submission_id)
    if len(heads) != 1 or heads[0].state != state:
        return None
    return heads[0] if _is_version(store, submission_id, heads[0], item) else None


def _is_version(
    store: Store, submission_id: SubmissionId, revision: RevisionRecord, item: CentralSubmission
) -> bool:
    """Tell whether Central's current version is ``revision`` (a finalized one) as sent.

    Each revision goes up under one instanceID, whenever it is sent
    (``openrosa.sent_instance_id``): a later revision under its minted edit id, the first
    finalized one under the interview's own instanceID; a sealed revision as its ODK
    envelope, under the instanceID kept with it.
    """
    # The minted edit id, or the ``uuid:<revision id>`` fieldapp sent before it minted them.
    if item.current_id in (
        edit_instance_id(revision.revision_id),
        old_edit_instance_id(revision.revision_id),
    ):
        return True
    sealed = envelope_ids(store, submission_id, revision.revision_id)
    if sealed is not None:  # a sealed revision went up as its envelope, under its own id
        return item.current_id == sealed[0]
    # The rows as stored (states and times): no sealed record opened at each pull.
    history = queries.history(store.db.conn, submission_id)
    return item.current_id == sent_instance_id(history, revision)


def _parent(
    store: Store, submission_id: SubmissionId, revision: RevisionRecord
) -> RevisionRecord | None:
    """Return the finalized revision a decision was taken on, through earlier decisions.

    An approval taken back by a return is a decision on the same finalized revision (the
    one Central holds): the return's parent is the approval, whose parent is that one.
    """
    # The rows as stored (states and parents only): no sealed record opened at each pull.
    by_id = {r.revision_id: r for r in queries.history(store.db.conn, submission_id)}
    current = revision
    while len(current.parents) == 1:
        parent = by_id.get(current.parents[0])
        if parent is None or parent.state not in ("finalized", *TO_CENTRAL):
            return None
        if parent.state == "finalized":
            return parent
        current = parent
    return None


def _decision_comment(store: Store, submission_id: SubmissionId, head: RevisionRecord) -> str:
    """The comment of the decision that made ``head``; '' for a sealed interview's."""
    if store.keys.is_sealed(submission_id):
        return ""  # Central keeps comments in clear: a sealed interview's stay here
    for event in store.events.of(submission_id):
        if event.revision_id == head.revision_id and event.kind == head.state:
            comment = event.payload.get("comment")
            return comment.strip() if isinstance(comment, str) else ""
    return ""


def _comments(reader: CentralReader, item: CentralSubmission) -> list[str]:
    found = reader.get_json(f"{item.path}/comments")
    bodies = [str(c.get("body", "")).strip() for c in found if isinstance(c, dict)]
    return [body for body in bodies if body]
