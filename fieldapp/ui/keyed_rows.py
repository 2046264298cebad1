"""Rows read again in place: a table keeps its current cell, selection and scroll.

A model reset makes the view forget where the user was; the desk's tables are read again
after every merge and review (F5), so a supervisor walking them with the keyboard would be
sent back to no cell each time. ``reread`` turns the old rows into the new ones by what
they are (a key: the city and actor type, the researcher), as removals and insertions of
rows and changes of the rest, which Qt's views follow: the current cell stays on its row
wherever that row goes, and goes to the nearest row when its own is removed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex

Row = TypeVar("Row")


def reread(
    model: QAbstractTableModel,
    rows: list[Row],
    new: Sequence[Row],
    key: Callable[[Row], Hashable],
) -> None:
    """Make ``rows`` (the list ``model`` shows, changed in place) equal to ``new``.

    Rows whose key is gone are removed and new keys inserted where ``new`` has them
    (announced to the views as they happen); rows kept whose figures changed are
    announced as changed.
    """
    old_keys = [key(row) for row in rows]
    new_keys = [key(row) for row in new]
    steps = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    top = QModelIndex()
    # from the end, so that the rows before each step are still where the step says
    for tag, old_start, old_end, new_start, new_end in reversed(steps):
        if tag in ("delete", "replace"):
            model.beginRemoveRows(top, old_start, old_end - 1)
            del rows[old_start:old_end]
            model.endRemoveRows()
        if tag in ("insert", "replace"):
            model.beginInsertRows(top, old_start, old_start + new_end - new_start - 1)
            rows[old_start:old_start] = new[new_start:new_end]
            model.endInsertRows()
    changed = [
        number for number, (old, now) in enumerate(zip(rows, new, strict=True)) if old != now
    ]
    rows[:] = new
    if changed:
        last = model.index(max(changed), model.columnCount() - 1)
        model.dataChanged.emit(model.index(min(changed), 0), last)
