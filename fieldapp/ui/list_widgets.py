"""Widgets the interview lists share (main window, review queue, progress): no window here.

Kept apart so that the windows import these instead of each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QTableView,
    QWidget,
)

from fieldapp.ui.date_keys import TypedDateEdit
from fieldapp.ui.interviews_model import InterviewsModel
from fieldapp.ui.named import named

if TYPE_CHECKING:  # a class's enums are built when it is first imported: not at start-up
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

ANY_DATE = QDate(2000, 1, 1)
"""The date edits' minimum, shown as "any": a filter bound left open."""


class AnyDateEdit(TypedDateEdit):
    """A date filter whose "any date" is its minimum; its calendar opens on this month."""

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(ANY_DATE)
        self.setDate(ANY_DATE)

    def setSpecialValueText(self, text: str) -> None:
        """Show ``text`` for "any date", and be wide enough for it or a date, whole.

        A date edit's size hint knows neither its special text nor the style sheet's
        padding: the review queue's boxes read "alquier fecha" (*cualquier fecha*).
        """
        super().setSpecialValueText(text)
        metrics = self.fontMetrics()
        longest = max(text, "0000-00-00", key=metrics.horizontalAdvance)
        self.setMinimumWidth(metrics.horizontalAdvance(longest) + 48)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.date() == self.minimumDate():
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves "any date" for the next box, as it leaves a date once past its day.

        Qt's date edit moves Tab from section to section; over the special text it never
        finds the last one, and the keyboard stayed in the filter for good.
        """
        if self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


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
    # Rows are picked whole: Tab going cell to cell along one row kept the keyboard in
    # the list for good. It goes on to the next box; the arrows move between interviews.
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    wrap_viewport(table)
    return table


VIEWPORT_NAME = "qt_scrollarea_viewport"
"""The object name Qt gives every scroll area's viewport (QAbstractScrollArea, since Qt 4)."""


def wrap_viewport(view: QAbstractScrollArea) -> None:
    """Give the viewport of ``view`` its Python wrapper the cheap way, before anything asks.

    ``viewport()`` returns a ``QWidget *`` made by C++: PySide6 finds its Python type by
    setting up every QWidget subclass of QtWidgets (their types and enums), about 10 ms,
    a sixteenth of a bare window's start. Found as a child, the same widget is wrapped by
    its class name at once; ``viewport()`` then returns that wrapper. Were the name ever
    to change, nothing is found and ``viewport()`` pays as before.
    """
    view.findChild(QWidget, VIEWPORT_NAME)


def filled_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """Return a cell of ``table`` that its own code filled (so never missing)."""
    item = table.item(row, column)
    assert item is not None, f"cell {row},{column} was never filled"
    return item
