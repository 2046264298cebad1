"""A table whose answers are taken from the keyboard as well as by a click.

The Conflicts desk shows one column per version and keeps its own colours on every cell
(differs, chosen), so it selects nothing: the current cell is drawn as a frame instead of
a selection that would hide those colours. Space or Enter on a cell takes it, as a click
does; Enter never reaches the dialog, whose default button would save at once.

A taken answer is drawn bold, and bold text is wider: every cell is sized for its text in
bold, so that taking one never cuts its last line short with "…" where the same text
wrapped whole before, and rows keep their height as answers are taken.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
)

TAKING_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
"""The keys that take the answer in focus."""


class CurrentCellFrame(QStyledItemDelegate):
    """Paint a cell as usual, framed when it is the current cell of a focused table; size
    it for its text in bold, the font of a taken answer."""

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

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # As QStyledItemDelegate sizes a cell (the row's width comes in ``option.rect``
        # when the table wraps words), with the cell's font made bold.
        bold = QStyleOptionViewItem(option)
        self.initStyleOption(bold, index)
        font = QFont(bold.font)
        font.setBold(True)
        bold.font = font
        bold.fontMetrics = QFontMetrics(font)
        style = self._table.style()
        return style.sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, bold, QSize(), self._table
        )


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
