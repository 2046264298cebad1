"""The review of interviews: which state may follow which, approving, returning, comments.

An interview's states move only along these arrows (a new revision each time)::

    draft ──finalize──> finalized ──approve──> approved
     ^ ^ <───reopen─────┘    │                  │  │
     │ └───────reopen────────┼──────────────────┘  │
     │                       └──return──┐  ┌───────┘ return (an approval given by mistake)
     │                                  v  v
     └───────edit/reopen─────────── returned ──finalize again──> finalized

An approval given by mistake is returned as a finalized interview is (the same comments,
on the whole interview and on questions), with no version of the supervisor's own in
between: reopening it and finalizing it again did that, and for a sealed interview
needed the supervisor's drafts passphrase besides the study key.

The store calls ``check_transition`` before it writes any revision, so every front end
(desktop, CLI, scripts) obeys the same rules; approving and returning are
``store.review.approve`` and ``store.review.return_interview``. Approvals, returns and
comments are insert-only events that travel with merges: a returned interview merged back
into the researcher's laptop brings its comments (``comments_for_researcher``). A merge
checks no arrow, so an older fieldapp takes an approved interview's return like any
revision.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store.sealing import is_draft

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Answers
    from fieldapp.core.store import RevisionId, RevisionRecord, Store, SubmissionId

TRANSITIONS: Mapping[str, frozenset[str]] = {
    "draft": frozenset({"draft", "finalized"}),
    "finalized": frozenset({"approved", "returned", "draft"}),
    "returned": frozenset({"draft", "finalized"}),
    "approved": frozenset({"draft", "returned"}),
}
"""State now -> the states a new revision may have."""

QUESTION_COMMENT = "question_comment"
"""Event kind of a reviewer's comment on one question (payload: question, comment)."""
DECISIONS = ("approved", "returned")
REVIEW_EVENTS = (*DECISIONS, "comment", QUESTION_COMMENT, "conflict_resolved")
"""The events a person wrote about an interview: what a merge counts as review events.
ODK's envelope, which a laptop writes beside each interview it seals, is none."""


def allowed(current: str, target: str) -> bool:
    """Tell whether an interview in state ``current`` may get a revision in ``target``."""
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str, *, submission: str = "") -> None:
    """Refuse, with a message saying what to do, a state change the rules don't allow."""
    if allowed(current, target):
        return
    state = text(f"review.state.{current}") if current in TRANSITIONS else current
    if target == "returned":
        raise FieldappError(
            "review.not_returnable", submission=submission, state=state, current=current
        )
    if target in DECISIONS and current != "finalized":
        raise FieldappError(
            "review.not_finalized",
            submission=submission,
            state=state,
            action=text(f"review.action.{target}"),
            current=current,
            target=target,
        )
    if current == "approved" and target == "finalized":
        raise FieldappError("review.already_approved", submission=submission)
    hint = "review.hint.finalize_first" if current == "draft" else "review.hint.reopen_first"
    raise FieldappError(
        "review.not_allowed",
        submission=submission,
        state=state,
        target=text(f"review.state.{target}") if target in TRANSITIONS else target,
        hint=text(hint),
        current=current,
    )


# --- what the researcher sees -------------------------------------------------------------


@dataclass(frozen=True)
class ReviewComments:
    """The comments of an interview's latest return (empty once it is approved again)."""

    general: tuple[str, ...] = ()
    by_question: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    author: str = ""
    at: str = ""
    sealed: int = 0
    """Comments of that return no key at hand opens (a sealed interview's, elsewhere)."""

    def __bool__(self) -> bool:
        return bool(self.general or self.by_question)


def comments_for_researcher(store: Store, submission_id: SubmissionId) -> ReviewComments:
    """Return what the reviewer asked to fix in the latest return of the interview.

    After a later approval nothing is left to fix, so nothing is returned. The latest
    decision is the one its revisions say came last, not the latest clock: an approval
    taken back by a return on a laptop whose clock is behind still shows the return's
    comments.
    """
    from fieldapp.core.store import queries
    from fieldapp.core.store.sealed_comments import is_sealed

    decided = [r for r in queries.history(store.conn, submission_id) if r.state in DECISIONS]
    if not decided or decided[-1].state != "returned":
        return ReviewComments()
    events = store.events.of(submission_id)
    returned = decided[-1].revision_id
    latest = next((e for e in events if e.kind == "returned" and e.revision_id == returned), None)
    if latest is None:  # its event held back (quarantined): no older return's words instead
        return ReviewComments()
    sealed = 1 if is_sealed(latest.payload) else 0
    general = str(latest.payload.get("comment", "")).strip()
    by_question: dict[str, list[str]] = {}
    for event in events:
        if event.kind == QUESTION_COMMENT and event.revision_id == latest.revision_id:
            if is_sealed(event.payload):
                sealed += 1
                continue
            key = str(event.payload.get("question", ""))
            by_question.setdefault(key, []).append(str(event.payload.get("comment", "")))
    return ReviewComments(
        general=(general,) if general else (),
        by_question={key: tuple(notes) for key, notes in by_question.items()},
        author=latest.author,
        at=latest.at,
        sealed=sealed,
    )


# --- history and differences ---------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One answer that differs between two revisions (None: not answered)."""

    field: str
    """Where, as a person reads it: ``mechanisms[2]/details/level``."""
    before: Any
    after: Any


def is_entries(value: Any) -> bool:
    """True when ``value`` is a repeat's answers: a non-empty list of entries (dicts).

    The rule ``flatten`` numbers repeats by: the answer rows and the repeat grids read
    repeats with it too, so they and the diff agree.
    """
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def flatten(answers: Answers, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (where, value) for every answer, repeats numbered from 1."""
    for key, value in answers.items():
        where = f"{prefix}/{key}" if prefix else key
        if is_entries(value):
            for number, instance in enumerate(value, start=1):
                yield from flatten(instance, f"{where}[{number}]")
        else:
            yield where, value


def _answers_of(revision: RevisionRecord, number: int) -> Answers:
    """The answers of ``revision``, the ``number``-th of its interview's history (as the
    History's boxes number them); a sealed one the keys at hand did not open is said."""
    if revision.answers is None:
        # a sealed form's draft: its drafts key was the saving laptop's, deleted at the
        # finalization (``keys.open_revision``); the study key never opens it
        code = "review.sealed_draft" if is_draft(revision.sealed) else "review.sealed_revision"
        raise FieldappError(code, number=number, author=revision.author)
    return revision.answers


def diff_revisions(
    older: RevisionRecord, newer: RevisionRecord, numbers: tuple[int, int] = (1, 2)
) -> list[FieldChange]:
    """Return every answer that differs between two revisions, in the newer one's order.

    ``numbers``: the two versions' places in their history, to name one that is sealed.
    """
    before = dict(flatten(_answers_of(older, numbers[0])))
    after = dict(flatten(_answers_of(newer, numbers[1])))
    changes = []
    for where in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(where), after.get(where)
        if blank(old) and blank(new):
            continue
        if old != new:
            changes.append(
                FieldChange(where, None if blank(old) else old, None if blank(new) else new)
            )
    return changes


def blank(value: Any) -> bool:
    """Tell whether an answer is no answer as the diff reads it: an empty text or choice list."""
    return value is None or value == "" or value == []


def diff_history(
    store: Store, submission_id: SubmissionId, older: RevisionId, newer: RevisionId
) -> list[FieldChange]:
    """Return the per-field difference between two revisions of one interview."""
    history = store.interviews.history(submission_id)
    by_id = {r.revision_id: r for r in history}
    for wanted in (older, newer):
        if wanted not in by_id:
            raise FieldappError(
                "review.unknown_revision", submission=submission_id, revision=wanted
            )
    number = {r.revision_id: place for place, r in enumerate(history, start=1)}
    return diff_revisions(by_id[older], by_id[newer], (number[older], number[newer]))
