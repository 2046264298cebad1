"""The interviews of a store (``store.interviews``): started, autosaved, saved, finalized.

Every saved state is a new revision (``revisions``); the open draft's answers live in a
device-local working copy until saved. The review rules (``core.review``) decide which
state may follow which; this module obeys them for every front end.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Unpack

from fieldapp.core.messages import FieldappError
from fieldapp.core.row_bounds import check_labels
from fieldapp.core.store import queries, sealing
from fieldapp.core.store.checks import check_submission, format_problems
from fieldapp.core.store.clock import timestamp
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.database import reading, translated
from fieldapp.core.store.part import RevisionsPart
from fieldapp.core.store.records import InterviewFilter, RevisionId, Started, SubmissionId
from fieldapp.core.store.revisions import insert_signed_submission

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Answers
    from fieldapp.core.place import Place
    from fieldapp.core.store.records import (
        CurrentInterview,
        InterviewRow,
        RevisionRecord,
        State,
        SubmissionRecord,
    )

EVERYTHING = InterviewFilter()

_AUTOSAVE = """
INSERT INTO working_copies
    (submission_uuid, base_revision, answers, attachments, updated_at, author)
VALUES (
    :submission,
    (SELECT head_revision FROM listing WHERE submission_uuid = :submission),
    :answers, '{}', :now,
    coalesce(:author, (SELECT interviewer FROM submissions WHERE uuid = :submission))
)
ON CONFLICT (submission_uuid) DO UPDATE SET answers = excluded.answers,
    updated_at = excluded.updated_at, author = excluded.author
"""


class Interviews(RevisionsPart):
    """Start, edit, save, finalize, reopen and read interviews; resolve their conflicts."""

    # --- starting ------------------------------------------------------------------------

    def start(
        self,
        form_sha256: str,
        *,
        answers: Answers | None = None,
        complete: bool = False,
        **started: Unpack[Started],
    ) -> SubmissionId:
        """Start an interview: its submission and a first draft revision with metadata.

        ``started``: who interviews whom, where (``Started``; each empty when not given).
        ``complete``: ``answers`` are a whole submission, so a repeat they omit has no
        instance (a new blank interview starts with one of each, as in ODK).
        """
        if unexpected := started.keys() - Started.__optional_keys__:  # what mypy does not see
            raise TypeError(f"start() got unexpected keyword arguments: {sorted(unexpected)}")
        interviewer = started.get("interviewer", "")
        city, actor_type = started.get("city", ""), started.get("actor_type", "")
        from fieldapp.core.forms.engine import Session  # loaded on first use, not at start

        store = self._store
        form = store.forms.load(form_sha256)
        moment = store.clock().astimezone()  # metadata in local time, as ODK records it
        import uuid  # loaded by the first write, not at start-up

        submission_id = SubmissionId(str(uuid.uuid4()))
        # loaded by the first interview started, not at start-up (nor by the first start's
        # study forms, ``tests/core/test_store_open_light.py``)
        from fieldapp.core.store.instance_ids import minted_instance_id

        # A new interview gets every preload and default of the form, as ODK fills a new
        # instance, also around the answers given up front (city, interviewer).
        session = Session(
            form,
            None if answers is None else dict(answers),
            now=lambda: moment,
            device_id=store.device_id,
            username=interviewer,
            # Its instanceID is derived from its own id, so no other interview can claim
            # it and it claims no other (``instance_ids.minted_instance_id``); one given up
            # front (an ODK submission brought in) is kept as given.
            instance_id=minted_instance_id(submission_id),
            new=True,
            complete=complete,
        )
        first = session.answers()  # a draft keeps every answer; finalizing makes the record
        now = timestamp(moment)
        labels = {"interviewer": interviewer, "city": city, "actor_type": actor_type}
        check_labels("submissions", labels, submission=submission_id)
        row = {
            "uuid": submission_id,
            "form_id": form.form_id,
            "form_sha256": form_sha256,
            "created_at": now,
            "created_on": store.device_id,
            "interviewer": interviewer,
            "city": city,
            "actor_type": actor_type,
        }
        with store.transaction() as db:
            # Signed just before the first version: that version's link follows this one.
            insert_signed_submission(db.conn, store.device_id, row)
            self._revisions.write(
                submission_id,
                parents=(),
                state="draft",
                answers=first,
                attachments={},
                author=started.get("author") or interviewer,
                instance_name=session.instance_name(),
                saved_at=now,
            )
        return submission_id

    def submit(
        self,
        form_sha256: str,
        answers: Answers,
        *,
        finalize: bool = False,
        source: str = "",
        **started: Unpack[Started],
    ) -> tuple[SubmissionId, RevisionId]:
        """Store a complete set of answers as a new interview, or nothing at all.

        Every problem the form finds is refused with ``store.answers_problems`` (naming
        ``source``); a draft may leave required questions unanswered.
        """
        form = self._store.forms.load(form_sha256)
        check_submission(form, answers, finalize=finalize, source=source)
        with self._store.transaction():
            submission_id = self.start(form_sha256, answers=answers, complete=True, **started)
            head = self._revisions.single_head(submission_id)
            if not finalize:
                return submission_id, head.revision_id
            revision_id = self.finalize(submission_id, author=started.get("author"))
        self._revisions.shred_wal(submission_id)
        return submission_id, revision_id

    # --- editing -------------------------------------------------------------------------

    def autosave(
        self,
        submission_id: SubmissionId,
        answers: Answers,
        *,
        author: str | None = None,
        place: Place | None = None,
    ) -> None:
        """Keep the open draft's answers; they are on disk when this returns.

        ``place``: the question being typed in (``core.place``), kept in the same
        transaction, so a kill leaves both or neither; None keeps the one kept before.
        """
        store, keys = self._store, self._store.keys
        sealed_form = keys.public_key_of(submission_id) is not None
        if sealed_form and not keys.drafts_unlocked:
            raise FieldappError("store.drafts_locked", submission=submission_id)
        if not sealed_form and (refusal := self.retired_elsewhere(submission_id)) is not None:
            raise refusal
        params: dict[str, Any] = {
            "submission": submission_id,
            # A sealed form's draft is serialised once, by its encryption below.
            "answers": None if sealed_form else canonical_json(answers),
            "now": store.now(),
            "author": author,
        }
        try:
            with store.transaction() as db:
                key = keys.submission_key(submission_id, create=True) if sealed_form else None
                if key is not None:
                    params["answers"] = sealing.encrypt_working_copy(key, answers, submission_id)
                db.conn.execute(_AUTOSAVE, params)
                if place is not None:
                    self._write_place(db.conn, submission_id, place, key)
        except sqlite3.IntegrityError:
            raise FieldappError("store.unknown_submission", submission=submission_id) from None

    @reading
    def working_answers(self, submission_id: SubmissionId) -> Answers:
        """Return the answers being edited: the working copy, else the newest head's."""
        row = self._store.conn.execute(
            "SELECT answers FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if row is not None:
            return self._working_copy_answers(submission_id, row[0])
        head = self._revisions.newest_head(submission_id)
        if head.answers is None:
            raise self._store.keys.unreadable(head)
        return head.answers

    def _working_copy_answers(self, submission_id: str, stored: str | bytes) -> Answers:
        if isinstance(stored, bytes):  # a sealed form's draft, encrypted at rest
            key = self._store.keys.submission_key(submission_id, create=False)
            answers: Answers = sealing.open_working_copy(key, stored, submission_id)
            return answers
        answers = json.loads(stored)
        return answers

    def keep_place(self, submission_id: SubmissionId, place: Place) -> None:
        """Keep where the researcher is (``core.place``) when the keyboard went to another
        question without an answer changing: the answers, their working copy and the
        revisions stay as they are. A sealed form's place is kept under the interview's
        drafts key, as ``autosave`` keeps it; with no such key (drafts locked, or the
        interview finalized) nothing is written and the error says why.
        """
        keys = self._store.keys
        sealed_form = keys.public_key_of(submission_id) is not None
        with self._store.transaction() as db:
            key = keys.submission_key(submission_id, create=False) if sealed_form else None
            self._write_place(db.conn, submission_id, place, key)

    def _write_place(
        self, conn: sqlite3.Connection, submission_id: SubmissionId, place: Place, key: bytes | None
    ) -> None:
        """Keep ``place`` in the laptop's ``meta``, encrypted under the interview's drafts
        ``key`` for a sealed form (None: a form in clear) and padded as long as its form's
        longest place (``place.longest_place``)."""
        from fieldapp.core.place import longest_place

        stored = place.to_json()
        if key is not None:
            form = self._store.forms.of(submission_id)
            stored = sealing.encrypt_place(key, stored, submission_id, longest_place(form))
        sealing.set_meta(conn, sealing.PLACE_PREFIX + submission_id, stored)

    @reading
    def place(self, submission_id: SubmissionId) -> Place | None:
        """Return where the researcher last typed in the interview on this laptop.

        None when nothing was typed here, or when it cannot be read: a sealed form's place
        while the drafts are locked, or once finalizing forgot the interview's key.
        """
        from fieldapp.core.place import Place

        stored = self._own(sealing.PLACE_PREFIX, submission_id, sealing.open_place)
        return None if stored is None else Place.from_json(stored)

    def keep_form_language(self, submission_id: SubmissionId, language: str) -> None:
        """Keep the form language the interview is shown in, to open it in that one again.

        It is this laptop's own, as the place is, and never in the settings file, which
        would name each interview with the language it was held in: a sealed form's is kept
        under the interview's drafts key (drafts locked, or the interview finalized:
        nothing is written and the error says why) and forgotten with it at finalizing.
        """
        keys = self._store.keys
        sealed_form = keys.public_key_of(submission_id) is not None
        with self._store.transaction() as db:
            stored = language
            if sealed_form:
                key = keys.submission_key(submission_id, create=False)
                stored = sealing.encrypt_language(key, language, submission_id)
            sealing.set_meta(db.conn, sealing.LANGUAGE_PREFIX + submission_id, stored)

    @reading
    def form_language(self, submission_id: SubmissionId) -> str | None:
        """Return the form language kept by ``keep_form_language``; None when none was,
        or when it cannot be read (a sealed form's, drafts locked or interview finalized).
        """
        return self._own(sealing.LANGUAGE_PREFIX, submission_id, sealing.open_language)

    def _own(
        self, prefix: str, submission_id: SubmissionId, opener: Callable[[bytes, str, str], str]
    ) -> str | None:
        """Return what this laptop keeps of the interview under ``prefix`` in ``meta``, a
        sealed form's opened by ``opener`` under its drafts key; None when nothing is kept,
        or when it cannot be read (drafts locked, or the interview finalized)."""
        stored = sealing.meta(self._store.conn, prefix + submission_id)
        if stored is None or self._store.keys.public_key_of(submission_id) is None:
            return stored
        try:
            key = self._store.keys.submission_key(submission_id, create=False)
            return opener(key, stored, submission_id)
        except FieldappError:
            return None

    def discard_changes(self, submission_id: SubmissionId) -> None:
        """Drop the autosaved answers not yet saved as a revision."""
        with self._store.transaction() as db:
            db.conn.execute("DELETE FROM working_copies WHERE submission_uuid = ?", [submission_id])

    # --- saving --------------------------------------------------------------------------

    def save(self, submission_id: SubmissionId, *, author: str | None = None) -> RevisionId:
        """Turn the working copy into a new draft revision (nothing to save: the head)."""
        return self._commit_working_copy(submission_id, "draft", author)

    def finalize(self, submission_id: SubmissionId, *, author: str | None = None) -> RevisionId:
        """Save the interview as final, if the form finds nothing missing or invalid.

        Raises ``store.finalize_problems`` listing every problem; then nothing is written.
        """
        from fieldapp.core.forms.engine import Session

        store = self._store
        submission = self.submission(submission_id)
        form = store.forms.load(submission.form_sha256)
        moment = store.clock().astimezone()
        # One session makes the record, names it and checks it.
        session = Session(
            form,
            self.working_answers(submission_id),
            now=lambda: moment,
            device_id=store.device_id,
            username=submission.interviewer,
        )
        final = session.record()  # ``end`` stamped, non-relevant answers left out, as ODK
        name = session.instance_name()
        problems = session.final_problems()
        if problems:
            raise FieldappError(
                "store.finalize_problems",
                count=len(problems),
                problems=format_problems(problems),
                problem_list=list(problems),
            )
        revision_id = self._commit_working_copy(
            submission_id, "finalized", author, final=(final, name)
        )
        self._revisions.shred_wal(submission_id)
        return revision_id

    def reopen(self, submission_id: SubmissionId, *, author: str | None = None) -> RevisionId:
        """Make a finalized (or reviewed) interview editable again: a new draft revision."""
        if (refusal := self.retired_elsewhere(submission_id)) is not None:
            raise refusal
        return self._commit_working_copy(submission_id, "draft", author)

    def started_here(self, submission_id: str) -> bool:
        """Whether this laptop started the interview: its row names this device, which
        signed the row or a first version of it (``quarantine.started_by_sql``). A row
        naming this device with no link of it is not its own: a package made it up."""
        from fieldapp.core.quarantine import started_here

        store = self._store
        return started_here(store.conn, submission_id, store.device_id)

    def retired_elsewhere(self, submission_id: SubmissionId) -> FieldappError | None:
        """Say why an interview may not be edited here, or None when it may.

        Another laptop's interview on a version in clear of a form this database seals
        since (``form_add.startable_forms`` retires such a version) would keep what is typed
        here in clear: a package can bring one, named after this laptop's interviewer, with
        a version in clear that arrived retired (``form_add.retired_on_arrival``). An
        interview this laptop started keeps its version, as before the form was sealed:
        one it signed (``started_here``), not one a package made up in its name.
        """
        from fieldapp.core.form_add import startable_forms
        from fieldapp.core.quarantine import held_forms

        store = self._store
        submission = self.submission(submission_id)
        if self.started_here(submission_id):
            return None
        startable = startable_forms(store)
        if any(r.sha256 == submission.form_sha256 for r in startable):
            return None
        held = {r.sha256: r for r in held_forms(store)}
        newest = next((r for r in startable if r.form_id == submission.form_id), None)
        if submission.form_sha256 not in held or newest is None:
            return None  # set aside, or nothing of its form is startable: not retired
        return FieldappError(
            "store.retired_elsewhere",
            submission=submission_id,
            form_id=submission.form_id,
            version=held[submission.form_sha256].version,
            newest=newest.version,
        )

    def _commit_working_copy(
        self,
        submission_id: SubmissionId,
        state: State,
        author: str | None,
        final: tuple[Answers, str | None] | None = None,
    ) -> RevisionId:
        """Save the working copy (else the head) as a revision in ``state``.

        ``final``: the finalized record and its instance name, made by ``finalize``.
        """
        store, revisions = self._store, self._revisions
        with store.transaction() as db:
            submission = self.submission(submission_id)
            heads = revisions.heads(submission_id)
            if not heads:  # a submission row that arrived without its revisions
                raise FieldappError("store.unknown_submission", submission=submission_id)
            row = db.conn.execute(
                "SELECT base_revision, answers, attachments, author FROM working_copies "
                "WHERE submission_uuid = ?",
                [submission_id],
            ).fetchone()
            if row is None:
                if len(heads) > 1:
                    raise FieldappError(
                        "store.conflict_unresolved", submission=submission_id, count=len(heads)
                    )
                head = heads[0]
                if head.state == state or (state == "draft" and head.state == "returned"):
                    return head.revision_id
                if head.answers is None:
                    raise store.keys.unreadable(head)
                answers, attachments = head.answers, head.attachments
                parents: tuple[str, ...] = (head.revision_id,)
            else:
                base, answers_text, wc_attachments, wc_author = row
                answers = self._working_copy_answers(submission_id, answers_text)
                attachments = {
                    **heads[0].attachments,
                    **store.attachments.working_copy_files(submission_id, wc_attachments),
                }
                # The edit follows the revision it started from. If a merge brought
                # another change since, the two are concurrent: a conflict, not an overwrite.
                if base and queries.revision(db.conn, base) is not None:
                    parents = (base,)
                else:
                    parents = tuple(sorted(h.revision_id for h in heads))
                author = author or wc_author
                db.conn.execute(
                    "DELETE FROM working_copies WHERE submission_uuid = ?", [submission_id]
                )
            if len(heads) == 1:  # the review rules (a conflict is resolved on its own terms)
                from fieldapp.core.review import check_transition  # not needed to list

                check_transition(heads[0].state, state, submission=submission_id)
            if final is not None:
                answers, name = final
            else:
                name = revisions.instance_name(submission.form_sha256, answers)
            return revisions.write(
                submission_id,
                parents=parents,
                state=state,
                answers=answers,
                attachments=attachments,
                author=author or submission.interviewer,
                instance_name=name,
            )

    # --- conflicts -----------------------------------------------------------------------

    def resolve_conflict(
        self,
        submission_id: SubmissionId,
        answers: Answers,
        *,
        author: str,
        choices: Mapping[str, Any] | None = None,
        state: State | None = None,
    ) -> RevisionId:
        """End a conflict with ``answers`` chosen field by field; return the new revision.

        The new revision's parents are all the heads; who resolved it (``author``, the
        supervisor's name: required, never the interviewer's nor the OS account's), when,
        and the choices made (e.g. question key -> chosen revision id) are kept in a
        ``conflict_resolved`` event. Its state is the heads' common state, else
        ``finalized`` when none is a draft, else ``draft``.

        A sealed interview's event keeps no choices: they name the questions and repeat
        entries that differed (``org/mechanisms[3]``), in clear in every package, and the
        resolved revision, sealed, says what was chosen to whoever holds the study key.
        """
        author = author.strip()
        if not author:  # a resolution that travels in every package must say who chose
            raise FieldappError("conflicts.author_needed", submission=submission_id)
        store, revisions = self._store, self._revisions
        with store.transaction() as db:
            submission = self.submission(submission_id)
            heads = revisions.heads(submission_id)
            if len(heads) < 2:
                raise FieldappError("merge.no_conflict", submission=submission_id)
            if state is None:
                states = {head.state for head in heads}
                if len(states) == 1:
                    state = heads[0].state
                else:
                    state = "draft" if "draft" in states else "finalized"
                if state in ("approved", "returned"):
                    from fieldapp.core.devices import may_act_for_study

                    if not may_act_for_study(store):  # every merge would refuse it
                        state = "finalized"
            attachments: dict[str, str] = {}
            for head in reversed(heads):
                attachments.update(head.attachments)
            revision_id = revisions.write(
                submission_id,
                parents=tuple(h.revision_id for h in heads),
                state=state,
                answers=answers,
                attachments=attachments,
                author=author,
                instance_name=revisions.instance_name(submission.form_sha256, answers),
            )
            db.conn.execute("DELETE FROM working_copies WHERE submission_uuid = ?", [submission_id])
            sealed_form = store.keys.public_key_of(submission_id) is not None
            store.events.add(
                submission_id,
                "conflict_resolved",
                {
                    "heads": [h.revision_id for h in heads],
                    "choices": {} if sealed_form else dict(choices or {}),
                },
                revision_id=revision_id,
                author=author,
            )
        return revision_id

    # --- reading -------------------------------------------------------------------------

    @reading
    def submission(self, submission_id: SubmissionId) -> SubmissionRecord:
        return queries.submission(self._store.conn, submission_id)

    @reading
    def page(
        self,
        filters: InterviewFilter = EVERYTHING,
        *,
        sort: str = "last_saved",
        descending: bool = True,
        limit: int = 100,
        offset: int = 0,
    ) -> list[InterviewRow]:
        """Return one page of the interview list."""
        return queries.list_interviews(
            self._store.conn,
            filters,
            sort=sort,
            descending=descending,
            limit=limit,
            offset=offset,
        )

    @reading
    def count(self, filters: InterviewFilter = EVERYTHING) -> int:
        return queries.count_interviews(self._store.conn, filters)

    @reading
    def history(self, submission_id: SubmissionId) -> list[RevisionRecord]:
        """Return every revision of an interview, oldest first."""
        self.submission(submission_id)
        keys = self._store.keys
        return [keys.open_revision(r) for r in queries.history(self._store.conn, submission_id)]

    @reading
    def heads(self, submission_id: SubmissionId) -> list[RevisionRecord]:
        """Return the current heads, newest first (two or more: a conflict)."""
        self.submission(submission_id)
        return self._revisions.heads(submission_id)

    @reading
    def revision(self, revision_id: RevisionId) -> RevisionRecord | None:
        """Return one revision as the keys at hand open it; None when there is none.

        An export reads a sealed head this way: its row once, opened once, where
        ``heads`` would read the submission again and open every head of a conflict.
        """
        found = queries.revision(self._store.conn, revision_id)
        return None if found is None else self._store.keys.open_revision(found)

    @reading
    def conflicts(self) -> list[SubmissionId]:
        """Return the interviews edited on two devices since they last met."""
        return queries.conflicts(self._store.conn)

    def iter_current(
        self, *, form_id: str | None = None, filters: InterviewFilter | None = None
    ) -> Iterator[CurrentInterview]:
        """Stream every (filtered) interview's current state in constant memory."""
        filters = filters or InterviewFilter()
        if form_id is not None:
            filters = InterviewFilter(**{**filters.__dict__, "form_id": form_id})
        keys = self._store.keys
        try:
            for current in queries.iter_current(self._store.conn, filters):
                head = keys.open_revision(current.revision)
                if head is not current.revision:
                    current = dataclasses.replace(
                        current, revision=head, answers=head.answers or {}
                    )
                yield current
        except sqlite3.DatabaseError as error:
            raise translated(error, self.opened) from None
