"""The columns of the app's table models: a key to find each cell by, and a header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
"""What a view hands a model's methods: either kind of index."""


@dataclass(frozen=True)
class Column:
    """One column of a table model."""

    key: str
    """What the column's cells show (a row attribute, a figure); also its sort key."""
    title: str
    """Untranslated header (translated when shown)."""


def numbered(columns: Sequence[Column]) -> dict[str, int]:
    """Return each column's position by key, for views that address a column by name."""
    return {column.key: number for number, column in enumerate(columns)}
