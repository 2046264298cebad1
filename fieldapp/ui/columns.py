"""The columns of the app's table models: a key to find each cell by, and its header.

A column shows the same thing under the same header in every table (the interviews list,
review, the dashboard), so the headers are one table here, keyed like the columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from fieldapp.ui.i18n import QT_TRANSLATE_NOOP, translate

Index = QModelIndex | QPersistentModelIndex
"""What a view hands a model's methods: either kind of index."""

HEADERS = {
    "instance_name": QT_TRANSLATE_NOOP("Column", "Interview"),
    "actor_type": QT_TRANSLATE_NOOP("Column", "Actor"),
    "city": QT_TRANSLATE_NOOP("Column", "City"),
    "interviewer": QT_TRANSLATE_NOOP("Column", "Interviewer"),
    "state": QT_TRANSLATE_NOOP("Column", "State"),
    "created_at": QT_TRANSLATE_NOOP("Column", "Started"),
    "last_saved": QT_TRANSLATE_NOOP("Column", "Last saved"),
    "total": QT_TRANSLATE_NOOP("Column", "Total"),
    "target": QT_TRANSLATE_NOOP("Column", "Target (approved)"),
    "share": QT_TRANSLATE_NOOP("Column", "% of target"),
}
"""Column key -> untranslated header (translated when shown)."""


def header(key: str) -> str:
    """Return the header of the column ``key`` in the app's language."""
    return translate("Column", HEADERS[key])


def numbered(columns: Sequence[str]) -> dict[str, int]:
    """Return each column's position by key, for views that address a column by name."""
    return {key: number for number, key in enumerate(columns)}
