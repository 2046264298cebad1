"""Widgets the interview lists share (main window, review queue, progress): no window here.

Kept apart so that the windows import these instead of each other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from fieldapp.ui.interviews_model import InterviewsModel
from fieldapp.ui.named import named

ANY_DATE = QDate(2000, 1, 1)
"""The date edits' minimum, shown as "any": a filter bound left open."""


class AnyDateEdit(QDateEdit):
    """A date filter whose "any date" is its minimum; its calendar opens on this month."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(ANY_DATE)
        self.setDate(ANY_DATE)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.date() == self.minimumDate():
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())


def fit_combo_box(box: QComboBox) -> None:
    """Make ``box`` as wide as its longest choice plus the style sheet's padding and arrow."""
    metrics = box.fontMetrics()
    longest = max(
        (metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count())), default=0
    )
    box.setMinimumWidth(longest + 44)


def refill_combo_box(box: QComboBox, items: list[tuple[str, Any]]) -> None:
    """Replace the choices of ``box`` with (label, value) pairs, keeping the chosen value.

    Signals are held back: a relabelling (e.g. a language change) is no new choice.
    """
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    for label, value in items:
        box.addItem(label, value)
    box.setCurrentIndex(max(box.findData(chosen), 0))
    box.blockSignals(False)


class InterviewsTable(QTableView):
    """A table without type-ahead: a letter typed into the list must not move the selection
    to another interview (Enter would then open the wrong one)."""

    def keyboardSearch(self, search: str) -> None:
        pass


def interviews_table(name: str, model: InterviewsModel) -> QTableView:
    """Return a read-only, sortable list of interviews: one line each, picked whole."""
    table = named(InterviewsTable(), name)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table


def filled_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """Return a cell of ``table`` that its own code filled (so never missing)."""
    item = table.item(row, column)
    assert item is not None, f"cell {row},{column} was never filled"
    return item
