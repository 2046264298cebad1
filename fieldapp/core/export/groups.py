"""No group smaller than k in a de-identified export: global recoding, then leaving out.

A device package holds, in clear, each interview's form, city, actor type, interviewer,
device and moments to the second, and every revision's state and saving moment and every
review event. An export row that is the only one of its form, city, interviewer and day
pairs with exactly one package interview once the pseudonyms are reversed by their daily
counts; so does the one approved row of a day's five. So every combination of those
quasi-identifiers, as the export writes them, must hold at least ``k`` interviews.

One level is chosen for the whole export, the first of this ladder where every group
holds ``k``: moments as asked (the hour with durations, the hour, the day), the ISO
week's Monday, the month's first day, no date, and last no interviewer or device
pseudonym either; at each of these, first with the review (the state, the last decision,
and when the interview was last finalized), then without it: an analyst loses less
without the state than without the day; without it, whether a row is a draft stays (drafts
are half-answered interviews an analyst must be able to set aside), still in the group.
Interviews whose form, version, city and actor
type hold fewer than ``k`` even then are left out first, so that a handful that no level
could hide does not cost every other row its dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from fieldapp.core.export.columns import TimePrecision, coarse_moment

DRAFT = "draft"
DEFAULT_MIN_GROUP = 5
SMALLEST_MIN_GROUP = 2


@dataclass(frozen=True)
class Level:
    """How far the export keeps what singles an interview out."""

    times: TimePrecision
    duration: bool = False
    """``_duration_min`` (whole minutes) is written: only with the hour."""
    people: bool = True
    """The interviewer and device pseudonyms are written."""
    review: bool = True
    """``_state``, ``_review_state`` and the form's ``end`` (when the interview was last
    finalized: another day than ``_ended`` once it was returned and corrected) are written."""

    @property
    def moments(self) -> tuple[TimePrecision, bool, bool]:
        """What the level keeps of the moments and people, the review aside."""
        return self.times, self.duration, self.people


@dataclass(frozen=True)
class Quasi:
    """What a package also holds of one interview, as the export would write it at most."""

    submission_id: str
    group: tuple[str, ...]
    """Form, form version, city, actor type: never recoded."""
    people: tuple[str, ...]
    """Interviewer and device."""
    started: dt.datetime | None
    ended: dt.datetime | None
    duration: float | None
    review: tuple[str, ...] = ()
    """The head's state and the last review decision (``_state``, ``_review_state``)."""
    last_end: dt.datetime | None = None
    """The form's ``end`` answer as written before the cut: the last finalizing."""


@dataclass(frozen=True)
class Recoding:
    level: Level
    previous: Level | None
    """The last level tried before ``level`` that kept more moments or people, which had a
    group under ``k`` (None: moments and people as asked held)."""
    left_out: frozenset[str]
    """Submission ids left out: no level brings their group to ``k``."""
    min_group: int
    drafts: bool = False
    """Some interview exported is a draft: without the review, ``_state`` still says which
    rows are drafts (``draft``) and which are finished (``finished``)."""
    kept: int = 0
    """How many interviews are written: none, and no group holds anything to say."""


def ladder(times: TimePrecision) -> tuple[Level, ...]:
    """Return the levels tried, from what was asked to the coarsest."""
    hour = (Level("hour", duration=True), Level("hour")) if times == "hour" else ()
    dates = tuple(Level(precision) for precision in ("date", "week", "month", "none"))
    timeline = (*hour, *dates, Level("none", people=False))
    return tuple(replace(level, review=review) for level in timeline for review in (True, False))


def key(quasi: Quasi, level: Level) -> Hashable:
    """Return the quasi-identifiers of ``quasi`` as ``level`` writes them."""
    duration = round(quasi.duration) if level.duration and quasi.duration is not None else None
    return (
        quasi.group,
        quasi.people if level.people else (),
        coarse_moment(quasi.started, level.times),
        coarse_moment(quasi.ended, level.times),
        duration,
        quasi.review if level.review else is_draft(quasi),
        coarse_moment(quasi.last_end, level.times) if level.review else None,
    )


def is_draft(quasi: Quasi) -> bool:
    """Whether the interview is a draft: written, and in the group, even without the
    review."""
    return quasi.review[:1] == (DRAFT,)


def recode(quasis: Iterable[Quasi], times: TimePrecision, min_group: int) -> Recoding:
    """Choose the first level where every group holds ``min_group`` interviews, after
    leaving out those that no level could hide."""
    every = list(quasis)
    levels = ladder(times)
    coarsest = _sizes(every, levels[-1])
    left_out = frozenset(
        quasi.submission_id for quasi in every if coarsest[key(quasi, levels[-1])] < min_group
    )
    kept = [quasi for quasi in every if quasi.submission_id not in left_out]
    drafts = any(is_draft(quasi) for quasi in kept)
    tried: list[Level] = []
    for level in levels:
        sizes = _sizes(kept, level)
        if not sizes or min(sizes.values()) >= min_group:
            finer = (t for t in reversed(tried) if t.moments != level.moments)
            return Recoding(level, next(finer, None), left_out, min_group, drafts, len(kept))
        tried.append(level)
    raise AssertionError("the coarsest level holds by construction")  # pragma: no cover


def _sizes(quasis: Sequence[Quasi], level: Level) -> Counter[Hashable]:
    return Counter(key(quasi, level) for quasi in quasis)


def said(recoding: Recoding) -> tuple[tuple[str, dict[str, int]], ...]:
    """Return the message codes and parameters saying what was coarsened or left out and
    why: the moments and people first, then the review."""
    level, previous = recoding.level, recoding.previous
    params = {"k": recoding.min_group}
    if not recoding.kept:
        # every interview left out (``export.warning.groups_left_out`` says so): "every
        # group already held k" would read as if they were written
        return ()
    codes: list[str] = []
    if previous is None:
        pass
    elif not level.people:
        codes.append("export.about.groups_people")
    elif level.times == "hour":
        codes.append("export.about.groups_hour")
    else:
        codes.append(f"export.about.groups_{level.times}_after_{previous.times}")
    if not level.review:
        codes.append("export.about.groups_review")
        if recoding.drafts:
            codes.append("export.about.groups_review_drafts")
    return tuple((code, params) for code in codes or ["export.about.groups_kept"])
