"""The reviewer's name the desktop remembers, for every decision that records its author.

The review desk and the Conflicts desk ask it; approving, returning, a conflict's
resolution, a target, a revocation and a set-aside record it. A module of its own so that
the desks read it without importing the review desk (and the form engine behind it).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

REVIEWER_SETTING = "review/reviewer"


def reviewer_name() -> str:
    """Return the reviewer's name last typed ("" before any)."""
    return str(QSettings().value(REVIEWER_SETTING, "") or "")


def remember_reviewer(name: str) -> None:
    QSettings().setValue(REVIEWER_SETTING, name)
