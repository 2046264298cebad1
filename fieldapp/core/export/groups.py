"""No group smaller than k in a de-identified export: global recoding, then leaving out.

A device package holds, in clear, each interview's form, city, actor type, interviewer,
device and moments to the second. An export row that is the only one of its form, city,
interviewer and day pairs with exactly one package interview once the pseudonyms are
reversed by their daily counts. So every combination of those quasi-identifiers, as the
export writes them, must hold at least ``k`` interviews.

One level is chosen for the whole export, the first of this ladder where every group
holds ``k``: moments as asked (the hour with durations, the hour, the day), the ISO
week's Monday, the month's first day, no date, and last no interviewer or device
pseudonym either. Interviews whose form, version, city and actor type hold fewer than
``k`` even then are left out first, so that a handful that no level could hide does not
cost every other row its dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from fieldapp.core.export.columns import TimePrecision, coarse_moment

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


@dataclass(frozen=True)
class Recoding:
    level: Level
    previous: Level | None
    """The level before ``level`` on the ladder, which had a group under ``k`` (None: the
    first level held)."""
    left_out: frozenset[str]
    """Submission ids left out: no level brings their group to ``k``."""
    min_group: int


def ladder(times: TimePrecision) -> tuple[Level, ...]:
    """Return the levels tried, from what was asked to the coarsest."""
    hour = (Level("hour", duration=True), Level("hour")) if times == "hour" else ()
    dates = tuple(Level(precision) for precision in ("date", "week", "month", "none"))
    return (*hour, *dates, Level("none", people=False))


def key(quasi: Quasi, level: Level) -> Hashable:
    """Return the quasi-identifiers of ``quasi`` as ``level`` writes them."""
    duration = round(quasi.duration) if level.duration and quasi.duration is not None else None
    return (
        quasi.group,
        quasi.people if level.people else (),
        coarse_moment(quasi.started, level.times),
        coarse_moment(quasi.ended, level.times),
        duration,
    )


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
    previous: Level | None = None
    for level in levels:
        sizes = _sizes(kept, level)
        if not sizes or min(sizes.values()) >= min_group:
            return Recoding(level, previous, left_out, min_group)
        previous = level
    raise AssertionError("the coarsest level holds by construction")  # pragma: no cover


def _sizes(quasis: Sequence[Quasi], level: Level) -> Counter[Hashable]:
    return Counter(key(quasi, level) for quasi in quasis)


def said(recoding: Recoding) -> tuple[str, dict[str, int]]:
    """Return the message code and parameters saying what was coarsened and why."""
    level, previous = recoding.level, recoding.previous
    params = {"k": recoding.min_group}
    if previous is None:
        return "export.about.groups_kept", params
    if not level.people:
        return "export.about.groups_people", params
    if level.times == "hour":
        return "export.about.groups_hour", params
    return f"export.about.groups_{level.times}_after_{previous.times}", params
