"""The queue that sends finalized interviews to ODK Central and survives the field.

For each server (``url#project``) the table ``central_queue`` holds one row per
finalized revision to send: waiting, sent, or refused with Central's own reason. The
newest finalized revision of every interview is queued; an edit finalized after a
return is queued as a new instance whose ``deprecatedID`` names the instance sent
before it.

A row becomes *sent* only after Central answered 2xx, in its own transaction, so a
dropped connection or a killed process leaves it waiting, and the next push sends the
same bytes again: Central takes an identical resubmission of an instanceID as the same
submission (it answers 201 and adds nothing), so nothing is lost and nothing is counted
twice. A row already sent is never sent again. Where Central holds an earlier revision
the queue never noted (the process died after Central's answer, or another laptop sent
it), the push learns so from Central, notes it and sends the newer one as its edit
(``central.held``). Central refusing one interview (a closed
form, a form it does not have, a form this user may not send to) marks that row refused
and goes on; a broken link (no network, bad token, server down) stops the push with the
rows left waiting.

What a pull brought from a server is noted sent to it (``note_pulled``): Central's own
submissions never go back to it, and a revision made here afterwards goes up as their
edit.

Given a ``reader`` (a web user's REST session: ``holdings.lister``), the push first reads
the server's list of submissions of each form it sends, once (``central.holdings``): a
revision the server already holds with the same content is noted sent without being
sent (``PushResult.already``), and an interview finalized again before its first push
goes straight up as the edit of the revision the server holds, without a probe per
earlier revision. Anything the listing does not settle is sent as without it.

Sealed interviews never go up in the clear: they take ODK's encrypted envelope kept at
finalize (``central.envelope``), or are held back with the reason when there is none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Protocol

from fieldapp.core.callbacks import Cancel, Progress
from fieldapp.core.central import Part, held, holdings
from fieldapp.core.central.client import CentralRefused, Receipt
from fieldapp.core.central.openrosa import sent_instance_id
from fieldapp.core.central.queue_rows import queued_rows
from fieldapp.core.messages import FieldappError, Message, text
from fieldapp.core.store import Store, queries
from fieldapp.core.store.instance_ids import edit_instance_id
from fieldapp.core.store.records import RevisionId, SubmissionId

STATES = ("waiting", "sent", "refused")


class Sender(Protocol):
    """What the queue needs from a Central client."""

    def submit(self, parts: list[Part], what: Message) -> Receipt: ...


@dataclass(frozen=True)
class QueueRow:
    """One revision in the queue and its state."""

    submission_id: SubmissionId
    revision_id: RevisionId
    instance_id: str
    deprecated_id: str | None
    state: str
    reason: str
    attempts: int
    last_try: str | None


@dataclass
class PushResult:
    """What a push did; ``stopped`` says why it ended before the queue was empty."""

    sent: list[SubmissionId] = field(default_factory=list)
    already: list[SubmissionId] = field(default_factory=list)
    """Noted sent without sending: the server's listing showed it held, the same."""
    refused: list[tuple[SubmissionId, str]] = field(default_factory=list)
    held: list[tuple[SubmissionId, Message]] = field(default_factory=list)
    waiting: int = 0
    cancelled: bool = False
    stopped: FieldappError | None = None


def server_key(url: str, project: int) -> str:
    """The queue's name for one Central project."""
    return f"{url}#{project}"


def enqueue(store: Store, server: str) -> int:
    """Queue the newest finalized revision of every interview not queued yet; return how many."""
    conn = store.db.conn
    newest = conn.execute(
        "SELECT r.submission_uuid, r.uuid FROM revisions r "
        "WHERE r.state = 'finalized' AND NOT EXISTS ("
        "  SELECT 1 FROM revisions later WHERE later.submission_uuid = r.submission_uuid "
        "  AND later.state = 'finalized' AND (later.saved_at, later.uuid) > (r.saved_at, r.uuid)) "
        "AND NOT EXISTS (SELECT 1 FROM central_queue q WHERE q.server = ? "
        "  AND q.revision_uuid = r.uuid) "
        "ORDER BY r.saved_at, r.uuid",
        [server],
    ).fetchall()
    # The instance this queue sent last for each interview, in one query (read in order,
    # the newest one stays): the one an edit deprecates.
    last_sent = dict(
        conn.execute(
            "SELECT submission_uuid, instance_id FROM central_queue WHERE server = ? "
            "AND state = 'sent' ORDER BY sent_at, rowid",
            [server],
        ).fetchall()
    )
    added = 0
    with store.transaction():
        for submission_uuid, revision_uuid in newest:
            submission = SubmissionId(submission_uuid)
            previous = last_sent.get(submission_uuid)
            deprecated_id = None if previous is None else str(previous)
            if store.keys.is_sealed(submission):
                # The envelope built at finalize names its own instanceID (its signature
                # covers it); Central's copy to deprecate is whatever this queue sent last.
                from fieldapp.core.central.envelope import envelope_ids

                ids = envelope_ids(store, submission, revision_uuid)
                instance_id = "" if ids is None else ids[0]  # none: held when pushed
            elif deprecated_id is None:
                # Its own instanceID, whichever Central gets first: a revision finalized
                # again before the first push must not take the interview's own id.
                history = queries.history(conn, submission)
                revision = next(r for r in history if r.revision_id == revision_uuid)
                instance_id = sent_instance_id(history, revision)
            else:
                instance_id = edit_instance_id(RevisionId(revision_uuid))
            # An older revision still waiting is replaced: Central gets the newest only.
            conn.execute(
                "DELETE FROM central_queue WHERE server = ? AND submission_uuid = ? "
                "AND state = 'waiting'",
                [server, submission_uuid],
            )
            conn.execute(
                "INSERT INTO central_queue (server, revision_uuid, submission_uuid, "
                "instance_id, deprecated_id, state) VALUES (?, ?, ?, ?, ?, 'waiting')",
                [server, revision_uuid, submission_uuid, instance_id, deprecated_id],
            )
            added += 1
    return added


def note_pulled(store: Store, server: str, pulled: list[tuple[str, str, str]]) -> int:
    """Note revisions pulled from ``server`` as sent to it (``pull.pulled_revisions``:
    interview, revision, instanceID): Central holds them, so the queue never sends them
    back, and a revision made here afterwards goes up as their edit. A row already noted
    sent stays as it is (its time orders the edits); one waiting or refused becomes sent.
    Return how many rows changed."""
    now = _now()
    changed = 0
    with store.transaction():
        for submission_uuid, revision_uuid, instance_id in pulled:
            changed += store.db.conn.execute(
                "INSERT INTO central_queue (server, revision_uuid, submission_uuid, "
                "instance_id, deprecated_id, state, sent_at) VALUES (?, ?, ?, ?, NULL, 'sent', ?) "
                "ON CONFLICT (server, revision_uuid) DO UPDATE SET state = 'sent', reason = '', "
                "instance_id = excluded.instance_id, deprecated_id = NULL, "
                "sent_at = excluded.sent_at WHERE state != 'sent'",
                [server, revision_uuid, submission_uuid, instance_id, now],
            ).rowcount
    return changed


def push(
    store: Store,
    client: Sender,
    server: str,
    *,
    progress: Progress | None = None,
    cancelled: Cancel | None = None,
    retry_refused: bool = False,
    reader: holdings.Lister | None = None,
) -> PushResult:
    """Send what waits in the queue of ``server`` (see the module's docstring); with a
    ``reader``, read first what the server holds of each form sent, once a form."""
    enqueue(store, server)
    states = ("waiting", "refused") if retry_refused else ("waiting",)
    rows = [row for row in queue(store, server) if row.state in states]
    result = PushResult()
    listed: dict[str, holdings.Holdings | None] = {}
    for done, row in enumerate(rows):
        if cancelled is not None and cancelled():
            result.cancelled = True
            break
        if progress is not None:
            progress(done, len(rows))
        try:
            parts = _parts(store, row)
        except FieldappError as error:
            result.held.append((row.submission_id, error.message))
            continue
        what = Message("central.what_submission", {"submission": row.submission_id})
        form_id = store.forms.of(row.submission_id).form_id
        try:
            if reader is not None and form_id not in listed:
                listed[form_id] = holdings.read(reader, form_id)
                if cancelled is not None and cancelled():  # between two requests
                    result.cancelled = True
                    break
            there = listed.get(form_id)
            if (
                there is not None
                and reader is not None
                and holdings.already_there(reader, there, store, form_id, row, parts[0][1])
            ):
                _mark(store, server, row, "sent", "")
                result.already.append(row.submission_id)
                continue
            _send(store, client, server, row, parts, what, there, reader)
        except CentralRefused as refused:
            _mark(store, server, row, "refused", refused.reason)
            result.refused.append((row.submission_id, refused.reason))
            continue
        except FieldappError as error:
            if error.code == "central.bad_credentials" and _still_signed_in(client):
                # One form this user may not send to: that interview waits for access,
                # the others still go.
                form_id = store.forms.of(row.submission_id).form_id
                reason = text(
                    "central.form_forbidden", form=form_id, reason=error.message.params["reason"]
                )
                _mark(store, server, row, "refused", reason)
                result.refused.append((row.submission_id, reason))
                continue
            _mark(store, server, row, "waiting", "")
            result.stopped = error
            break
        _mark(store, server, row, "sent", "")
        result.sent.append(row.submission_id)
    else:
        if progress is not None:
            progress(len(rows), len(rows))
    result.waiting = sum(1 for row in queue(store, server) if row.state == "waiting")
    return result


def _send(
    store: Store,
    client: Sender,
    server: str,
    row: QueueRow,
    parts: list[Part],
    what: Message,
    there: holdings.Holdings | None = None,
    reader: holdings.Lister | None = None,
) -> None:
    """Send one row. Where Central holds an earlier revision of the interview that this
    queue never noted (a laptop that died between Central's answer and the note), note
    that one sent and send this one as its edit (``central.held``); where Central holds
    something that is no revision of it, refuse the row with ``central.held_elsewhere``
    (``central.unminted_held`` under an id the interview did not make).
    ``there``: the server's listing of the row's form, read with ``reader``."""
    sealed = store.keys.is_sealed(row.submission_id)
    if row.deprecated_id is None:
        # A later revision names its own new instanceID (a sealed envelope's, or
        # ``edit_instance_id``), so Central would take it as a second submission: first
        # ask, with the XML (a manifest) alone, whether Central holds an earlier revision
        # to deprecate (it answers 404 for one it lacks, and creates nothing).
        candidates = held.unnoted(store, server, row)
        settled = (
            None
            if there is None or reader is None
            else _settle(store, server, row, candidates, there, reader)
        )
        if settled is not None:
            # The listing said which earlier revision Central holds as current (now noted,
            # the row its edit), or that it holds none of them: nothing to ask.
            row, candidates = settled, []
            parts = _parts(store, row)
        for candidate in candidates:
            if candidate.instance_id == row.instance_id:
                continue  # the same instance (revisions saved at the same moment)
            if not held.made_by_it(row.submission_id, candidate):
                # An id it did not make: never sent as its edit on Central's word that the
                # id is there (it may be another device's submission). The earlier
                # revision goes as the queue would have sent it, files and all: Central
                # takes it only as the same submission (identical XML) or as a new one,
                # so once taken, Central's version under that id is this interview's own.
                ids = (candidate.revision_id, candidate.instance_id, candidate.deprecated_id)
                try:
                    earlier = held.parts_as(store, row.submission_id, *ids)
                except FieldappError:  # a file of that version not here: its XML alone
                    earlier = held.parts_as(store, row.submission_id, *ids, files=False)
                try:
                    client.submit(earlier, what)
                except CentralRefused as refused:
                    if held.not_there(refused):
                        continue
                    if held.held_otherwise(refused):
                        raise _not_its_own(
                            store,
                            row,
                            candidate.instance_id,
                            refused.status,
                            refused.reason,
                            code=_unverified_code(row, candidate),
                        ) from None
                    raise
                row = _note_held(store, server, row, candidate, row.instance_id)
                parts = _parts(store, row)
                break
            manifest = held.parts_as(
                store,
                row.submission_id,
                row.revision_id,
                row.instance_id,
                candidate.instance_id,
                files=False,
            )
            try:
                client.submit(manifest, what)
            except CentralRefused as refused:
                if held.not_there(refused):
                    continue
                if held.held_otherwise(refused):
                    raise _held_elsewhere(store, row, refused, candidate.instance_id) from None
                raise
            row = _note_held(store, server, row, candidate, row.instance_id)
            parts = _parts(store, row)  # the files: Central adds them to the edit it took
            break
    try:
        client.submit(parts, what)
        return
    except CentralRefused as refused:
        if not held.held_otherwise(refused):
            raise
        holds = row.deprecated_id or row.instance_id
        for candidate in held.unnoted(store, server, row):
            if held.probe(store, client, row, candidate, what):
                instance_id = row.instance_id if sealed else edit_instance_id(row.revision_id)
                row = _note_held(store, server, row, candidate, instance_id)
                break
        else:
            raise _held_elsewhere(store, row, refused, holds) from None
    try:
        client.submit(_parts(store, row), what)
    except CentralRefused as refused:
        if held.held_otherwise(refused):
            raise _held_elsewhere(store, row, refused, holds) from None
        raise


def _settle(
    store: Store,
    server: str,
    row: QueueRow,
    candidates: list[held.Candidate],
    there: holdings.Holdings,
    reader: holdings.Lister,
) -> QueueRow | None:
    """What the server's listing settles of a row with nothing noted before it: the row
    as the edit of the earlier revision Central holds as current (noted sent), the row as
    it is when Central holds none of its ids, or None where only asking tells (one of the
    ids listed otherwise: Central's answers to the probes then say what they said).

    An earlier revision under an id the interview did not make (``held.made_by_it``) is
    Central's current version only when Central's XML under that id is the revision's
    own; else the row is refused (``central.unminted_held``) and nothing is sent."""
    earlier = [c for c in candidates if c.instance_id != row.instance_id]
    for candidate in earlier:
        if there.current(candidate.instance_id):
            if not held.made_by_it(row.submission_id, candidate):
                form_id = store.forms.of(row.submission_id).form_id
                xml = held.parts_as(
                    store,
                    row.submission_id,
                    candidate.revision_id,
                    candidate.instance_id,
                    candidate.deprecated_id,
                    files=False,
                )[0][1]
                if not holdings.shows_as_current(
                    reader,
                    there,
                    store,
                    form_id,
                    row.submission_id,
                    candidate.revision_id,
                    candidate.instance_id,
                    xml,
                ):
                    reason = text("central.other_xml_listed")
                    raise _not_its_own(store, row, candidate.instance_id, 409, reason)
            return _note_held(store, server, row, candidate, row.instance_id)
    ids = {row.instance_id} | {c.instance_id for c in earlier}
    if there.names_any(ids):
        return None  # a version of it no longer current, or the row itself: ask
    from fieldapp.core.central.copies import copy_id

    if any(copy_id(instance_id) == row.submission_id for instance_id in ids):
        # A copy pulled from Central: its revision may be a middle version there, which
        # the listing (first and current only) does not name.
        return None
    return row


def _held_elsewhere(
    store: Store, row: QueueRow, refused: CentralRefused, instance_id: str
) -> CentralRefused:
    """Central holds, under this interview's ids, what no revision here was sent as."""
    form_id = store.forms.of(row.submission_id).form_id
    reason = text(
        "central.held_elsewhere", instance=instance_id, form=form_id, reason=refused.reason
    )
    return CentralRefused(
        "central.held_elsewhere",
        status=refused.status,
        reason=reason,
        instance=instance_id,
        form=form_id,
    )


def _unverified_code(row: QueueRow, candidate: held.Candidate) -> str:
    """The refusal of an earlier revision resent without a listing: for an interview
    named as Central's copy of that id (``copies.copy_id``), one pulled elsewhere that an
    app user cannot check (``central.copy_unverified``, saying where it can be sent);
    else ``central.unminted_held``."""
    from fieldapp.core.central.copies import copy_id

    if copy_id(candidate.instance_id) == row.submission_id:
        return "central.copy_unverified"
    return "central.unminted_held"


def _not_its_own(
    store: Store,
    row: QueueRow,
    instance_id: str,
    status: int,
    reason: str,
    *,
    code: str = "central.unminted_held",
) -> CentralRefused:
    """Central holds other content under an id an earlier revision carries that the
    interview did not make: sending the row as its edit would change that submission."""
    form_id = store.forms.of(row.submission_id).form_id
    said = text(
        code,
        submission=row.submission_id,
        instance=instance_id,
        form=form_id,
        reason=reason,
    )
    return CentralRefused(
        code,
        status=status,
        reason=said,
        submission=row.submission_id,
        instance=instance_id,
        form=form_id,
    )


def _note_held(
    store: Store, server: str, row: QueueRow, candidate: held.Candidate, instance_id: str
) -> QueueRow:
    """Note ``candidate`` sent (Central holds it) and re-queue ``row`` as its edit, in one
    transaction; return the row as it now stands. The row is written anew after the note
    so it stays the interview's newest (the list shows the newest row's state)."""
    now = _now()
    conn = store.db.conn
    with store.transaction():
        conn.execute(
            "INSERT INTO central_queue (server, revision_uuid, submission_uuid, instance_id, "
            "deprecated_id, state, attempts, last_try, sent_at) "
            "VALUES (?, ?, ?, ?, ?, 'sent', 1, ?, ?) ON CONFLICT (server, revision_uuid) DO "
            "UPDATE SET state = 'sent', reason = '', instance_id = excluded.instance_id, "
            "deprecated_id = excluded.deprecated_id, sent_at = excluded.sent_at",
            [
                server,
                candidate.revision_id,
                row.submission_id,
                candidate.instance_id,
                candidate.deprecated_id,
                now,
                now,
            ],
        )
        conn.execute(
            "DELETE FROM central_queue WHERE server = ? AND revision_uuid = ?",
            [server, row.revision_id],
        )
        conn.execute(
            "INSERT INTO central_queue (server, revision_uuid, submission_uuid, instance_id, "
            "deprecated_id, state, reason, attempts, last_try) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                server,
                row.revision_id,
                row.submission_id,
                instance_id,
                candidate.instance_id,
                row.state,
                row.reason,
                row.attempts,
                row.last_try,
            ],
        )
    return replace(row, instance_id=instance_id, deprecated_id=candidate.instance_id)


def _still_signed_in(client: Sender) -> bool:
    """Whether the client's credentials still open the project (``CentralClient``)."""
    check = getattr(client, "still_signed_in", None)
    return bool(check is not None and check())


def queue(store: Store, server: str) -> list[QueueRow]:
    """Return the queue of ``server``, oldest first (each interview's newest state for
    the list: ``queue_rows.send_states``)."""
    return [
        QueueRow(SubmissionId(s), RevisionId(r), i, d, st, re, a, lt)
        for s, r, i, d, st, re, a, lt in queued_rows(store, server)
    ]


def counts(store: Store, server: str) -> dict[str, int]:
    """Return how many rows are waiting, sent and refused (after queuing what is new)."""
    enqueue(store, server)
    found = dict.fromkeys(STATES, 0)
    for state, number in store.db.conn.execute(
        "SELECT state, count(*) FROM central_queue WHERE server = ? GROUP BY state", [server]
    ):
        found[state] = number
    return found


def _parts(store: Store, row: QueueRow) -> list[Part]:
    # A sealed interview sends ODK's encrypted envelope kept at finalize; never the clear
    # answers, even where the study key is unlocked (a supervisor's laptop).
    return held.parts_as(
        store, row.submission_id, row.revision_id, row.instance_id, row.deprecated_id
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _mark(store: Store, server: str, row: QueueRow, state: str, reason: str) -> None:
    """Note one try and its outcome: one commit per interview, after Central answered.

    A try the process did not live to note is not counted; it changes nothing else (the
    row still waits, and Central takes the identical resend as the same submission).
    """
    now = _now()
    with store.transaction():
        store.db.conn.execute(
            "UPDATE central_queue SET state = ?, reason = ?, attempts = attempts + 1, "
            "last_try = ?, sent_at = ? WHERE server = ? AND revision_uuid = ?",
            [state, reason, now, now if state == "sent" else None, server, row.revision_id],
        )
