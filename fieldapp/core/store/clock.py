"""How the store tells time: an injectable clock, stored as sortable UTC text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def timestamp(moment: dt.datetime) -> str:
    """Return the stored form of a moment: UTC ISO 8601, microseconds, sortable as text."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
