"""The review of a store's interviews (``store.review``): approve, or return with comments.

The one way in for a decision: each checks what the reviewer saw, the comments and the
review rules (``core.review``) before it writes the decision's revision and events.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from fieldapp.core.messages import FieldappError
from fieldapp.core.store.part import RevisionsPart
from fieldapp.core.store.records import RevisionId, RevisionRecord, SubmissionId


class Review(RevisionsPart):
    """Approve finalized interviews; return finalized or approved ones."""

    def approve(
        self,
        submission_id: SubmissionId,
        *,
        comment: str = "",
        author: str = "",
        seen: RevisionId | None = None,
    ) -> RevisionId:
        """Approve the finalized interview: it now counts towards its city's target.

        ``seen`` is the revision the reviewer read: if another one came in since (a merge),
        nothing is written and ``review.changed_meanwhile`` says to read it again.
        """
        with self._store.transaction():
            self._check_seen(submission_id, seen)
            return self._decide(submission_id, "approved", comment.strip(), author)

    def return_interview(
        self,
        submission_id: SubmissionId,
        *,
        comment: str = "",
        questions: Mapping[str, str] | None = None,
        author: str = "",
        seen: RevisionId | None = None,
    ) -> RevisionId:
        """Return the finalized (or approved) interview to its researcher with what to fix.

        An approved one is returned as a finalized one is: an approval given by mistake is
        taken back this way, a sealed one's with the study key alone.

        ``comment`` is about the whole interview; ``questions`` maps question keys (as the
        answers name them: ``org/sectors``) to a comment beside that question. At least one
        comment is needed. All is written in one transaction, or nothing. ``seen``: as for
        ``approve``.
        """
        store = self._store
        notes = {key: note.strip() for key, note in (questions or {}).items() if note.strip()}
        if not comment.strip() and not notes:
            raise FieldappError("review.comment_needed", submission=submission_id)
        if notes:
            keys = {question.key for question in store.forms.of(submission_id).questions()}
            for key in notes:
                if key not in keys:
                    raise FieldappError(
                        "review.unknown_question", submission=submission_id, question=key
                    )
        from fieldapp.core.review import QUESTION_COMMENT  # the rules load with a decision

        with store.transaction():
            self._check_seen(submission_id, seen)
            revision_id = self._decide(submission_id, "returned", comment.strip(), author)
            for key, note in sorted(notes.items()):
                store.events.add(
                    submission_id,
                    QUESTION_COMMENT,
                    {"question": key, "comment": note},
                    revision_id=revision_id,
                    author=author,
                )
        return revision_id

    def _listed_state(self, head: RevisionRecord) -> str:
        """The state a decision starts from: a review written right on a version set aside
        counts as none, as the list counts it (``quarantine.reviews_on_set_aside``), so she
        may approve or return it again once she has read it."""
        from fieldapp.core.quarantine import reviews_on_set_aside

        if head.state in ("approved", "returned") and reviews_on_set_aside(
            self._store.conn, head.submission_id
        ):
            return "finalized"
        return head.state

    def _check_seen(self, submission_id: SubmissionId, seen: RevisionId | None) -> None:
        if seen is None:
            return
        heads = self._store.interviews.heads(submission_id)
        if [h.revision_id for h in heads] != [seen]:
            raise FieldappError("review.changed_meanwhile", submission=submission_id)

    def _decide(
        self,
        submission_id: SubmissionId,
        decision: Literal["approved", "returned"],
        comment: str,
        author: str,
    ) -> RevisionId:
        """Write the decision: a revision copying the head, and its comment as an event."""
        from fieldapp.core.review import check_transition

        with self._store.transaction():
            head = self._revisions.single_head(submission_id)
            check_transition(self._listed_state(head), decision, submission=submission_id)
            revision_id = self._revisions.write(
                submission_id,
                parents=(head.revision_id,),
                state=decision,
                answers=head.answers,
                sealed=head.sealed,
                # The sealed bytes are copied: so is the row's map of random names.
                attachments=head.stored_attachments or head.attachments,
                author=author,
                instance_name=head.instance_name,
            )
            self._store.events.add(
                submission_id,
                decision,
                {"comment": comment},
                revision_id=revision_id,
                author=author,
            )
        return revision_id
