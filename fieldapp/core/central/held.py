"""What Central holds of an interview that the push queue never noted (the crash window).

A row is noted *sent* only after Central answered, so a laptop that dies in between
leaves Central holding a revision the queue still thinks unsent. Resending that same
revision is harmless (Central takes identical XML as the same submission), but once the
interview is edited and finalized again the queue sends the newer revision as if
Central had nothing: a later edit deprecates an instance that is no longer Central's
current one (409, "out of date"), and a newer revision, which names its own instanceID
(``openrosa.sent_instance_id``, a sealed envelope's), sent without ``deprecatedID``
would become a second submission of the same interview: ``push._send`` first asks
Central, with the XML alone as an edit of each earlier revision (``unnoted``), which it
holds.

Central's rule (central-backend, ``POST /submission``): without ``deprecatedID``, an
instanceID it holds takes only the identical XML (then it adds any missing files and
answers 201) and a new one creates a submission; with ``deprecatedID`` the deprecated
instance must exist (else 404 "can't find that submission to update"), and when it is no
longer current only an identical resend of the instance that replaced it is taken. So
asking "do you hold revision R as sent?" is safe exactly when Central said it holds the
instanceID (or the deprecated one) R would be sent under: the XML alone (no files) of R
can then be taken only as the same submission, never as a new one. That is ``probe``.

Sending the newer revision as an edit of an earlier one's instanceID is sound only where
that id is the interview's own: Central takes an edit of any instance it holds, whoever
sent it. An id the interview did not make (``made_by_it``: one drawn before fieldapp
minted them, or ODK Collect's that a stolen laptop's key wrote into its answers) is
never asked about that way: the earlier revision itself goes first, which Central takes
only as the same submission or a new one (``push._send``), or, with a listing, Central's
XML under it is compared first (``push._settle``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from fieldapp.core.central import Part
from fieldapp.core.central.client import CentralRefused
from fieldapp.core.central.openrosa import plain_parts, revision_of, sent_instance_id
from fieldapp.core.store import queries
from fieldapp.core.store.instance_ids import edit_instance_id, is_minted_by
from fieldapp.core.store.records import RevisionId, SubmissionId

if TYPE_CHECKING:
    from fieldapp.core.central.push import QueueRow, Sender
    from fieldapp.core.messages import Message
    from fieldapp.core.store import Store

# Central's own words (central-backend lib/util/problem.js, 409.1, 409.9 and 404.5): its
# OpenRosa answers are XML without the problem code.
_OTHER_XML = "already exists with this ID"
_OUT_OF_DATE = "is now out of date"
_NOT_THERE = "find that submission to update"


def held_otherwise(refused: CentralRefused) -> bool:
    """Whether Central refused because it holds another version under these ids."""
    return refused.status == 409 and (
        _OTHER_XML in refused.reason or _OUT_OF_DATE in refused.reason
    )


def not_there(refused: CentralRefused) -> bool:
    """Whether Central refused an edit because it holds no instance it deprecates."""
    return refused.status == 404 and _NOT_THERE in refused.reason


@dataclass(frozen=True)
class Candidate:
    """An earlier revision that may have reached Central, with the ids it went under."""

    revision_id: RevisionId
    instance_id: str
    deprecated_id: str | None


def made_by_it(submission_id: SubmissionId, candidate: Candidate) -> bool:
    """Whether ``candidate``'s instanceID is one its own interview made: the id the
    interview minted, or the one the revision minted (``edit_instance_id``).

    Central holding any other id (one drawn before fieldapp minted them, or ODK
    Collect's, which a stolen laptop's key can write into its answers or envelope) says
    nothing of whose submission it is: such an id is taken as this interview's on
    Central only where Central's version under it is the revision's own (``push._send``,
    ``push._settle``). So is the id a copy of Central's is named after (``copies.copy_id``):
    a laptop chooses its interviews' ids, so any interview can bear a copy's name
    (central5). A copy this database pulled from the server is noted sent there
    (``push.note_pulled``) and is never asked about; one pulled elsewhere and merged
    here is Central's where Central's version reads as it (``holdings.shows_as_current``).
    """
    instance_id = candidate.instance_id
    return is_minted_by(instance_id, submission_id) or instance_id == edit_instance_id(
        candidate.revision_id
    )


def unnoted(store: Store, server: str, row: QueueRow) -> list[Candidate]:
    """Return the finalized revisions of ``row``'s interview older than its own and newer
    than the last one noted sent, newest first, each as the queue would have sent it."""
    conn = store.db.conn
    noted = conn.execute(
        "SELECT q.instance_id, r.saved_at, r.uuid FROM central_queue q "
        "JOIN revisions r ON r.uuid = q.revision_uuid WHERE q.server = ? "
        "AND q.submission_uuid = ? AND q.state = 'sent' ORDER BY q.sent_at DESC, q.rowid DESC",
        [server, row.submission_id],
    ).fetchone()
    after = (noted[1], noted[2]) if noted is not None else ("", "")
    # The rows as stored: only their states and times are read, so no sealed record or
    # draft is opened (a supervisor's push would decrypt every revision of each interview).
    history = queries.history(conn, row.submission_id)
    own = next(r for r in history if r.revision_id == row.revision_id)
    earlier = [
        r
        for r in history
        if r.state == "finalized"
        and after < (r.saved_at, r.revision_id) < (own.saved_at, own.revision_id)
    ]
    deprecated_id = None if noted is None else str(noted[0])
    sealed = store.keys.is_sealed(row.submission_id)
    found: list[Candidate] = []
    for revision in reversed(earlier):
        if sealed:
            from fieldapp.core.central.envelope import envelope_ids

            ids = envelope_ids(store, row.submission_id, revision.revision_id)
            if ids is None:
                continue  # finalized before envelopes were kept: it never went up
            instance_id = ids[0]
        else:
            instance_id = sent_instance_id(history, revision)
        found.append(Candidate(revision.revision_id, instance_id, deprecated_id))
    return found


def parts_as(
    store: Store,
    submission_id: SubmissionId,
    revision_id: RevisionId,
    instance_id: str,
    deprecated_id: str | None,
    *,
    files: bool = True,
) -> list[Part]:
    """Return what the queue sends for one revision under the given ids: the XML (a
    sealed one's manifest) alone where ``files`` is false, without reading any file."""
    if store.keys.is_sealed(submission_id):
        from fieldapp.core.central.envelope import sealed_parts

        return sealed_parts(
            store,
            submission_id,
            revision_id=revision_id,
            deprecated_id=deprecated_id,
            files=files,
        )
    revision = revision_of(store, submission_id, revision_id)
    if not files:
        revision = replace(revision, attachments={})
    return plain_parts(store, revision, instance_id=instance_id, deprecated_id=deprecated_id)


def probe(store: Store, client: Sender, row: QueueRow, candidate: Candidate, what: Message) -> bool:
    """Ask Central whether it holds ``candidate`` as sent, where that cannot create it.

    Only the XML goes (an identical resend adds no files and no version). Asked only
    under an instanceID (or a deprecated one) Central just said it holds: see the module.
    """
    safe = (
        candidate.deprecated_id is not None and candidate.deprecated_id == row.deprecated_id
    ) or (
        candidate.deprecated_id is None
        and row.deprecated_id is None
        and candidate.instance_id == row.instance_id
    )
    if not safe:
        return False
    xml = parts_as(
        store,
        row.submission_id,
        candidate.revision_id,
        candidate.instance_id,
        candidate.deprecated_id,
        files=False,
    )
    try:
        client.submit(xml, what)
    except CentralRefused as refused:
        if held_otherwise(refused) or not_there(refused):
            return False
        raise
    return True
