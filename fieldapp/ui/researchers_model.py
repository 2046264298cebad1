"""The table per researcher of *Review › Progress…*: each interviewer's pace and quality.

The columns are ``fieldapp status``'s (``progress.RESEARCHER_COLUMNS``, the same headings
from the catalogue, each with a tip saying how it is counted). Numbers sort as numbers
(``SORT_ROLE``, through a ``QSortFilterProxyModel``); a figure that cannot be told (no
duration, no day) shows "—" and sorts first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from fieldapp.core.messages import text
from fieldapp.core.progress import RESEARCHER_COLUMNS, Researcher, heading, researcher_figure
from fieldapp.ui.columns import Index
from fieldapp.ui.i18n import current_language
from fieldapp.ui.keyed_rows import reread

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The value a column sorts by: the name folded to lower case, or the number (-1 for "—")."""
NO_FIGURE = "—"
NUMBER_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def figure_text(person: Researcher, column: str) -> str:
    """Return what the table shows of ``person`` under ``column`` (as ``fieldapp status``)."""
    return researcher_figure(person, column, NO_FIGURE)


def _who(person: Researcher) -> str:
    return person.interviewer


class ResearchersModel(QAbstractTableModel):
    """One row per researcher, one column per figure of ``RESEARCHER_COLUMNS``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.people: list[Researcher] = []

    def set_researchers(self, people: tuple[Researcher, ...]) -> None:
        """Show ``people``, each row kept by its researcher: the table's current row stays on
        the same researcher after a refresh (a reset would leave it on none)."""
        reread(self, self.people, people, _who)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RESEARCHER_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = RESEARCHER_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return heading(column, current_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            return text(f"progress.researcher_tip.{column}", current_language())
        if role == Qt.ItemDataRole.TextAlignmentRole and section:
            return NUMBER_ALIGNMENT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.people[index.row()]
        column = RESEARCHER_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return figure_text(person, column)
        if role == SORT_ROLE:
            value = getattr(person, column)
            if column == "interviewer":
                return str(value).casefold()
            return -1.0 if value is None else float(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ToolTipRole and column == "days":
            # the days themselves, each with what was finalized on it
            return "\n".join(f"{day}: {count}" for day, count in person.per_day.items())
        return None
