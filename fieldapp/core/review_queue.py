"""The review queue as a terminal reads it: which interviews wait, and which one an id names.

The desktop's queue (``ui/review_view.py``) lists the finalized interviews, or the
approved ones to take an approval back, through the interview list's filters; before the
study key it leaves sealed forms' interviews out and only counts them. ``fieldapp review``
lists the same rows here and names an interview by its id or the start of it (at least
``SHORTEST_PREFIX`` characters, as the list prints them), then decides through
``store.review`` like the desktop.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from fieldapp.core.messages import FieldappError
from fieldapp.core.store.records import InterviewFilter, InterviewRow

if TYPE_CHECKING:
    from fieldapp.core.store import Store, SubmissionId

QueueState = Literal["finalized", "approved"]
SHORTEST_PREFIX = 8
"""The fewest first characters of an id that name an interview (a listed id is as long)."""


@dataclass(frozen=True)
class Queue:
    """The interviews a review queue lists, and those it only counts."""

    rows: tuple[InterviewRow, ...]
    """Oldest first, by when the interview started."""
    sealed_hidden: int
    """Sealed forms' interviews in the queue's state left out before the study key: the
    whole queue's count, never the filtered one (filtering by a suspected interviewer and
    city must not tell whether a sealed interview of theirs waits)."""


def review_queue(
    store: Store,
    state: QueueState = "finalized",
    *,
    city: str | None = None,
    actor_type: str | None = None,
    interviewer: str | None = None,
) -> Queue:
    """Return the interviews in ``state`` the filters match, as the desktop's queue lists
    them: sealed forms' interviews only counted while no key opens them."""
    hides = store.keys.hides_sealed()
    wanted = InterviewFilter(
        state=state,
        city=city,
        actor_type=actor_type,
        interviewer=interviewer,
        sealed_hidden=hides,
    )
    total = store.interviews.count(wanted)
    rows = store.interviews.page(wanted, sort="created_at", descending=False, limit=max(total, 1))
    hidden = 0
    if hides:
        whole = InterviewFilter(state=state)
        shown = InterviewFilter(state=state, sealed_hidden=True)
        hidden = store.interviews.count(whole) - store.interviews.count(shown)
    return Queue(tuple(rows), hidden)


def all_ids(store: Store) -> list[str]:
    """Return the id of every interview the database holds, sorted."""
    # ``listing`` is one of the tables the store documents for other areas to read.
    rows = store.conn.execute("SELECT submission_uuid FROM listing ORDER BY submission_uuid")
    return [str(row[0]) for row in rows]


def short_ids(ids: list[str], wanted: list[str]) -> dict[str, str]:
    """Return, for each id of ``wanted``, its shortest start of at least
    ``SHORTEST_PREFIX`` characters that no other id of ``ids`` (sorted) shares."""
    import bisect

    short: dict[str, str] = {}
    for submission in wanted:
        at = bisect.bisect_left(ids, submission)
        neighbours = [ids[i] for i in (at - 1, at + 1) if 0 <= i < len(ids)]
        shared = max(
            (_common(submission, other) for other in neighbours if other != submission),
            default=0,
        )
        short[submission] = submission[: max(SHORTEST_PREFIX, shared + 1)]
    return short


def _common(one: str, other: str) -> int:
    n = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        n += 1
    return n


def find_interview(store: Store, given: str) -> SubmissionId:
    """Return the interview whose id is ``given`` or starts with it (at least
    ``SHORTEST_PREFIX`` characters); refuse an id too short, unknown or ambiguous."""
    from fieldapp.core.store import SubmissionId

    given = given.strip()
    if len(given) < SHORTEST_PREFIX:
        raise FieldappError("review.cli_short_id", given=given, least=SHORTEST_PREFIX)
    ids = all_ids(store)
    if given in ids:
        return SubmissionId(given)
    import bisect

    at = bisect.bisect_left(ids, given)
    matches = []
    for submission in ids[at:]:
        if not submission.startswith(given):
            break
        matches.append(submission)
    if not matches:
        raise FieldappError("review.cli_unknown_id", given=given, path=str(store.path))
    if len(matches) > 1:
        shown = short_ids(ids, matches)
        raise FieldappError(
            "review.cli_ambiguous_id",
            given=given,
            count=len(matches),
            ids=", ".join(shown[m] for m in matches[:5]) + (", …" if len(matches) > 5 else ""),
        )
    return SubmissionId(matches[0])


def question_keys(store: Store, submission_id: SubmissionId) -> list[str]:
    """Return the keys a comment on one of the interview's questions may name, in the
    form's order (``store.review.return_interview`` takes any of them)."""
    return [question.key for question in store.forms.of(submission_id).questions()]


def unknown_question(store: Store, submission_id: SubmissionId, key: str) -> FieldappError | None:
    """Return the refusal of a comment on ``key`` when the interview has no such question
    (None: it has), naming the keys it may have meant."""
    keys = question_keys(store, submission_id)
    if key in keys:
        return None
    tail = key.rsplit("/", 1)[-1]
    near = [k for k in keys if k.rsplit("/", 1)[-1] == tail]
    near += [k for k in difflib.get_close_matches(key, keys, n=3) if k not in near]
    return FieldappError(
        "review.cli_unknown_question",
        submission=submission_id,
        question=key,
        near=", ".join(near[:3]) if near else "—",
    )
