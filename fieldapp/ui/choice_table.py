"""A table whose answers are taken from the keyboard as well as by a click.

The Conflicts desk shows one column per version and keeps its own colours on every cell
(differs, chosen), so it selects nothing: the current cell is drawn as a frame instead of
a selection that would hide those colours. Space or Enter on a cell takes it, as a click
does; Enter never reaches the dialog, whose default button would save at once.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
)

TAKING_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
"""The keys that take the answer in focus."""


class CurrentCellFrame(QStyledItemDelegate):
    """Paint a cell as usual, framed when it is the current cell of a focused table."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        table = self._table
        if table.hasFocus() and index == table.currentIndex():
            painter.save()
            pen = QPen(table.palette().highlight().color(), 2)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class ChoiceTable(QTableWidget):
    """A read-only table: arrows move a framed current cell, Space or Enter takes it."""

    taken = Signal(int, int)
    """Emitted with (row, column) when Space or Enter is pressed on the current cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the buttons below
        self.setItemDelegate(CurrentCellFrame(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in TAKING_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            index = self.currentIndex()
            if index.isValid():
                self.taken.emit(index.row(), index.column())
            event.accept()
            return
        super().keyPressEvent(event)
