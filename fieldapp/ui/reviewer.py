"""The reviewer's name the desktop remembers, for every decision that records its author.

The review desk and the Conflicts desk ask it; approving, returning, a conflict's
resolution, a target, a revocation and a set-aside record it. A module of its own so that
the desks read it without importing the review desk (and the form engine behind it).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from fieldapp.core.messages import FieldappError

REVIEWER_SETTING = "review/reviewer"


def reviewer_name() -> str:
    """Return the reviewer's name last typed ("" before any)."""
    return str(QSettings().value(REVIEWER_SETTING, "") or "")


def remember_reviewer(name: str) -> None:
    QSettings().setValue(REVIEWER_SETTING, name)


def reviewer_refused(name: str, needed: FieldappError) -> FieldappError | None:
    """Why ``name`` cannot sign a decision, or None when it can.

    ``needed`` when it names nobody (nothing visible: spaces, zero-width characters); a
    name with a control or text-direction character, or past what every merge takes,
    is refused as `--author` is on the command line: it goes to every laptop with the
    decision and is shown there on one line.
    """
    from fieldapp.core.row_bounds import MAX_LABEL_CHARS, name_problem

    problem = name_problem(name)
    if problem is None:
        return None
    if problem == "blank":
        return needed
    if problem == "long":
        return FieldappError("review.reviewer_long", most=f"{MAX_LABEL_CHARS:,}")
    return FieldappError("review.reviewer_unfit")
