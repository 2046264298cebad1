"""The progress dashboard: interviews per city × actor type × state against targets.

A table (the target column is editable: the supervisor sets a target there, and clears it
by emptying the cell or with Delete; either is recorded with her reviewer name) with every
group's row in sight, beside it a stacked bar chart of the same figures, under both each
researcher's pace, days worked, median
interview duration and share returned (``researchers_model``, sortable). Clicking a count
asks the main list to show those interviews. The figures come from
``fieldapp.core.progress``; the tables' headings are ``fieldapp status``'s, from the
catalogue (``progress.col.*``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMargins,
    QModelIndex,
    QSettings,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.core.progress import (
    CELL_COLUMNS,
    STATES,
    Cell,
    Progress,
    clear_target,
    conflicts_line,
    heading,
    progress,
    sealed_hidden_line,
    set_target,
)
from fieldapp.core.quarantine import skipped_line
from fieldapp.core.store import InterviewFilter
from fieldapp.core.store.records import STATES as RECORD_STATES
from fieldapp.ui.close_keys import close_with_keys
from fieldapp.ui.columns import Index, numbered
from fieldapp.ui.errors import show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import (
    CITY_NAMES,
    STATE_COLORS,
    actor_title,
    city_choices,
)
from fieldapp.ui.keyed_rows import reread
from fieldapp.ui.list_widgets import refill_combo_box
from fieldapp.ui.named import named
from fieldapp.ui.researchers_model import NUMBER_ALIGNMENT, SORT_ROLE, ResearchersModel
from fieldapp.ui.reviewer import reviewer_name, reviewer_refused
from fieldapp.ui.screen_fit import fit_window

COLUMNS = CELL_COLUMNS
COLUMN = numbered(COLUMNS)
BAR_HEIGHT = 30
"""Height each bar of the chart gets at least, so every bar's label fits beside it."""
CHART_MARGIN = 170
"""The chart's title, value axis and legend."""
FILTER_ROLE = Qt.ItemDataRole.UserRole + 1
"""The InterviewFilter of the interviews a cell counts (None for the target columns)."""
SPLITTER_SETTINGS = ("ui/progress/chart_split", "ui/progress/rows_split")
"""Where the supervisor left the table | chart splitter and the one above the researchers.

Not the key of the three panes stacked before: their sizes would share other panes."""
RESEARCHER_ROWS = 4
"""Researcher rows kept in sight under every group when the window opens."""


def compact_rows(view: QTableView) -> None:
    """Make ``view``'s rows as tall as the editor a cell opens, not the header's padding.

    The style sheet's header padding made every row 30 px (at a 14 px font); a target's
    editor needs 26. The 4 px a row gave back are two group rows at 1366×700."""
    editor = QLineEdit()
    height = max(editor.sizeHint().height(), view.fontMetrics().height() + 4)
    editor.deleteLater()
    rows = view.verticalHeader()
    rows.setMinimumSectionSize(height)
    rows.setDefaultSectionSize(height)


def table_size(view: QTableView, rows: int) -> QSize:
    """Return the size ``view`` needs to show each column whole and ``rows`` rows."""
    header = view.horizontalHeader()
    columns = range(header.count())
    width = sum(max(header.sectionSizeHint(c), view.sizeHintForColumn(c)) for c in columns)
    frame = 2 * view.frameWidth()
    height = header.sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
    return QSize(width + frame + view.verticalScrollBar().sizeHint().width(), height + frame)


def count_step(highest: int) -> int:
    """Return the chart's step between two ticks: 1, 2 or 5 times a power of ten, whole
    interviews always, with at most five steps up to ``highest``."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if -(-highest // step) <= 5:
                return step
        magnitude *= 10


def named_groups(error: FieldappError) -> FieldappError:
    """Return ``error`` naming its city and actor type as the table shows them, not as codes."""
    params = dict(error.message.params)
    if "city" in params:
        params["city"] = CITY_NAMES.get(params["city"], params["city"])
    if "actor" in params:
        params["actor"] = actor_title(params["actor"])
    return FieldappError(error.code, **params)


def group_of(cell: Cell) -> tuple[str, str]:
    """Return what a row of the table is: its city and actor type."""
    return cell.city, cell.actor_type


class ProgressModel(QAbstractTableModel):
    """One row per city and actor type; the target column is editable (empty: cleared)."""

    targetChanged = Signal()
    refused = Signal(object)
    """A FieldappError: the target typed was not stored."""

    def __init__(self, store: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.figures = Progress(cells=(), researchers=())
        self.cells: list[Cell] = []

    def reload(self) -> None:
        """Read the figures again, in place: rows by their city and actor type.

        A reset would close the editor being committed (Qt warns) and lose the current
        cell: a target typed, then Delete or an arrow key, would land nowhere; and a merge
        that brings a new city or actor (a new row) would send the supervisor back to no
        cell. The rows kept stay current wherever they move (``keyed_rows.reread``).
        """
        # before any key, sealed forms' interviews are counted only (as the list does)
        figures = progress(self.store, hide_sealed=self.store.keys.hides_sealed())
        self.figures = figures
        reread(self, self.cells, figures.study_grid(), group_of)

    def row_of(self, group: tuple[str, str]) -> int | None:
        """Return the row of ``group`` (city, actor type), None when it has none."""
        return next((row for row, cell in enumerate(self.cells) if group_of(cell) == group), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return heading(key, current_language())
        if role == Qt.ItemDataRole.ToolTipRole and section >= 2:
            return text(f"progress.cell_tip.{key}", current_language())
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= 2:
            return NUMBER_ALIGNMENT  # over its numbers, as the table per researcher
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()] == "target":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cells[index.row()]
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "city":
                return CITY_NAMES.get(cell.city, cell.city)
            if key == "actor_type":
                return actor_title(cell.actor_type)
            if key in STATES:
                return cell.counts.get(key, 0)
            if key == "total":
                return cell.total
            if key == "target":
                if role == Qt.ItemDataRole.EditRole:
                    return "" if cell.target is None else str(cell.target)
                return "—" if cell.target is None else cell.target
            share = cell.share_of_target
            return "—" if share is None else f"{share:.0%}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ForegroundRole and key in STATE_COLORS:
            return QBrush(QColor(STATE_COLORS[key]))
        if role == Qt.ItemDataRole.BackgroundRole and key == "share":
            share = cell.share_of_target
            if share is not None:
                return QBrush(QColor("#dff3e4" if share >= 1 else "#fff4e0"))
        if role == FILTER_ROLE:
            if key in ("target", "share"):
                return None
            state = next((s for s in RECORD_STATES if s == key), None)
            return InterviewFilter(city=cell.city, actor_type=cell.actor_type, state=state)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Set the target typed, or clear it when the cell was emptied; say a refusal."""
        if role != Qt.ItemDataRole.EditRole or COLUMNS[index.column()] != "target":
            return False
        cell = self.cells[index.row()]
        typed = str(value).strip()
        if typed == ("" if cell.target is None else str(cell.target)):
            return False  # unchanged (or nothing to clear): no decision to record
        author = reviewer_name()
        # a decision without an author could not be told apart later
        refused = reviewer_refused(author, FieldappError("review.target_reviewer_needed"))
        if refused is not None:
            self.refused.emit(refused)
            return False
        try:
            if typed:
                set_target(self.store, cell.city, cell.actor_type, value, author=author)
            else:
                clear_target(self.store, cell.city, cell.actor_type, author=author)
        except FieldappError as error:
            self.refused.emit(named_groups(error))
            return False
        self.reload()
        self.targetChanged.emit()
        return True


class ProgressTable(QTableView):
    """The table of cities × actor types: Delete (or Backspace) asks to clear a target."""

    clear_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_pressed.emit()  # the view clears the current cell's target, if it is one
            event.accept()
            return
        super().keyPressEvent(event)


class DashboardView(QMainWindow):
    """Where the fieldwork stands, for the supervisor."""

    interviews_requested = Signal(object)
    """An InterviewFilter: show these interviews in the main list."""

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dashboardView")
        self.store = store
        self.model = ProgressModel(store, self)
        self.table = named(ProgressTable(), "progressTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        # Tab walks the desk (table, the chart's city, the chart, the researchers), not the
        # table's cells one by one: the arrows do that
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Each figure column as wide as its heading and numbers, the actor's name taking the
        # rest: stretched, the last column ("% de la meta") left a wide blank before its
        # right-aligned numbers, far from the row they belong to (as the review queue's name).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN["actor_type"], QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.clicked.connect(self.open_cell)
        # Enter on a count lists it too: the table is walked with the keyboard as well
        self.table.activated.connect(self.open_cell)
        self.table.clear_pressed.connect(self.clear_current_target)
        self.model.targetChanged.connect(self.refresh_chart)
        self.model.refused.connect(lambda error: show_error(self, error))
        self.city_box = named(QComboBox(), "chartCity")
        self.city_box.currentIndexChanged.connect(lambda _: self.refresh_chart())
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        # beside the table it has a third of the width: its names and bars take it all
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.layout().setContentsMargins(0, 0, 0, 0)
        self.chart_view = named(QChartView(self.chart), "progressChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(300)
        self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its scroll area takes the keys
        # one bar per city and actor can be many: the chart grows a row per bar and scrolls
        # so that every bar keeps its label (Qt drops labels that do not fit)
        self.chart_scroll = named(QScrollArea(), "progressChartScroll")
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setWidget(self.chart_view)
        self.researchers_model = ResearchersModel(self)
        sorted_researchers = QSortFilterProxyModel(self)
        sorted_researchers.setSourceModel(self.researchers_model)
        sorted_researchers.setSortRole(SORT_ROLE)
        self.researchers = named(QTableView(), "researchersTable")
        self.researchers.setModel(sorted_researchers)
        self.researchers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.researchers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.researchers.verticalHeader().hide()
        self.researchers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.researchers.setSortingEnabled(True)
        self.researchers.setTabKeyNavigation(False)
        self.researchers.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.hint = named(QLabel(), "dashboardHint")
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)  # a long line in Spanish must not widen the window
        self.researchers_title = named(QLabel(), "researchersTitle")
        self.researchers_title.setProperty("role", "groupTitle")
        # Shown only when rows are quarantined: the figures leave them out and say so.
        self.quarantined = named(QLabel(), "quarantinedLabel")
        self.quarantined.setWordWrap(True)
        self.quarantined.setProperty("role", "hint")
        self.quarantined.hide()
        # Shown only before any key: sealed forms' interviews are left out, and counted.
        self.sealed_hidden = named(QLabel(), "sealedHiddenLabel")
        self.sealed_hidden.setWordWrap(True)
        self.sealed_hidden.setProperty("role", "hint")
        self.sealed_hidden.hide()
        # Shown only while interviews are in conflict: they count as their newest version.
        self.conflicts = named(QLabel(), "conflictsLabel")
        self.conflicts.setWordWrap(True)
        self.conflicts.setProperty("role", "hint")
        self.conflicts.hide()

        above = QWidget()
        above_layout = QVBoxLayout(above)
        above_layout.setContentsMargins(0, 0, 0, 0)
        above_layout.addWidget(self.hint)
        above_layout.addWidget(self.quarantined)
        above_layout.addWidget(self.sealed_hidden)
        above_layout.addWidget(self.conflicts)
        chart_part = QWidget()
        chart_layout = QVBoxLayout(chart_part)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.city_box)
        chart_layout.addWidget(self.chart_scroll)
        bottom = QWidget()
        self.researchers_layout = QVBoxLayout(bottom)
        self.researchers_layout.setContentsMargins(0, 0, 0, 0)
        self.researchers_layout.addWidget(self.researchers_title)
        self.researchers_layout.addWidget(self.researchers)
        # The table is where the supervisor reads the figures and types targets: it gets
        # the height of every group and the chart, which repeats it as bars, its side.
        # Stacked under it the chart left a field laptop's 700 px four group rows.
        self.chart_splitter = named(QSplitter(), "progressChartSplitter")
        self.chart_splitter.addWidget(self.table)
        self.chart_splitter.addWidget(chart_part)
        self.chart_splitter.setStretchFactor(0, 0)  # a wider window widens the chart
        self.chart_splitter.setStretchFactor(1, 1)
        self.chart_splitter.setChildrenCollapsible(False)
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "progressSplitter")
        self.splitter.addWidget(self.chart_splitter)
        self.splitter.addWidget(bottom)
        self.splitter.setChildrenCollapsible(False)
        compact_rows(self.table)
        compact_rows(self.researchers)
        # where the supervisor last dragged them (a wider chart, more researchers)
        kept = [QSettings().value(key) for key in SPLITTER_SETTINGS]
        self._shared = all(
            isinstance(state, QByteArray) and splitter.restoreState(state)
            for splitter, state in zip(self.splitters(), kept, strict=True)
        )
        holder = QWidget()
        self.desk_layout = layout = QVBoxLayout(holder)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(above)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(holder)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.refresh)
        close_with_keys(self, self.close)  # a window of its own: Escape is no dialog's here
        self.retranslate()
        fit_window(self, "progress", (1600, 900))  # the chart beside the table
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Progress — fieldapp"))
        self.hint.setText(text("progress.hint", current_language()))
        self.researchers_title.setText(text("progress.researchers_title", current_language()))
        refill_combo_box(
            self.city_box,
            [(self.tr("Every city"), None), *city_choices()],
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shared:  # the first time, at the size the window got
            self._shared = True
            self.desk_layout.activate()
            self.share_room()

    def hideEvent(self, event: QHideEvent) -> None:
        for key, splitter in zip(SPLITTER_SETTINGS, self.splitters(), strict=True):
            QSettings().setValue(key, splitter.saveState())
        super().hideEvent(event)

    def splitters(self) -> tuple[QSplitter, QSplitter]:
        """Return the table | chart splitter and the one above the researchers."""
        return self.chart_splitter, self.splitter

    def share_room(self) -> None:
        """Give the table every group's row and each column whole, if the window has room;
        the chart the width beside it, the researchers the height under it (at least
        ``RESEARCHER_ROWS`` rows)."""
        groups = table_size(self.table, self.model.rowCount())
        wide = sum(self.chart_splitter.sizes())
        left = min(groups.width(), wide * 3 // 4)
        self.chart_splitter.setSizes([left, wide - left])
        researchers = table_size(self.researchers, RESEARCHER_ROWS).height()
        researchers += self.researchers_title.sizeHint().height()
        researchers += self.researchers_layout.spacing()
        high = sum(self.splitter.sizes())
        upper = max(min(groups.height(), high - researchers), high // 2)
        self.splitter.setSizes([upper, high - upper])

    def refresh_if_open(self) -> None:
        """Read the figures again, unless closed (with the database it read, say)."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the figures again (after a merge or a review).

        The current cell and the rows in sight stay where the supervisor left them, also
        when a merge brings a city or actor type of its own row above them.
        """
        top_row = self.table.rowAt(0)
        top = None if top_row < 0 else group_of(self.model.cells[top_row])
        offset = self.table.rowViewportPosition(top_row)
        self.model.reload()
        if top is not None:
            self._scroll_back(top, top_row, offset)
        line = skipped_line(self.model.figures.quarantined, current_language())
        self.quarantined.setText(line or "")
        self.quarantined.setVisible(line is not None)
        hidden = sealed_hidden_line(self.model.figures.sealed_hidden, current_language())
        self.sealed_hidden.setText(hidden or "")
        self.sealed_hidden.setVisible(hidden is not None)
        conflicts = conflicts_line(self.model.figures.conflicts, current_language())
        self.conflicts.setText(conflicts or "")
        self.conflicts.setVisible(conflicts is not None)
        self.refresh_chart()
        self.researchers_model.set_researchers(self.model.figures.researchers)

    def _scroll_back(self, top: tuple[str, str], was: int, offset: int) -> None:
        """Scroll the table so that ``top``, the row first in sight (row ``was``, ``offset``
        pixels from the top), still is."""
        row = self.model.row_of(top)
        if row is None or row == was:
            return  # gone (the rows below it came up), or not moved
        self.table.doItemsLayout()  # the scroll bar's range counts the rows now
        bar = self.table.verticalScrollBar()
        if self.table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem:
            bar.setValue(bar.value() + row - was)
        else:
            bar.setValue(bar.value() + self.table.rowViewportPosition(row) - offset)

    def refresh_chart(self) -> None:
        """Stacked bars per city and actor (or per actor within one city), target in the label."""
        city = self.city_box.currentData()
        cells = [c for c in self.model.cells if c.total or c.target]
        if city is not None:
            cells = [c for c in cells if c.city == city]
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        cells.reverse()  # the first row of the table on top
        series = QHorizontalStackedBarSeries()
        for state in STATES:
            # a bar counts interviews: the table's plural heading, not one interview's state
            bars = QBarSet(heading(state, current_language()))
            bars.setColor(QColor(STATE_COLORS[state]))
            bars.append([float(c.counts.get(state, 0)) for c in cells])
            series.append(bars)
        self.chart.addSeries(series)
        categories = []
        for c in cells:
            # the city over the actor: beside the table, "Ciudad Juárez · Fuerzas de
            # seguridad" on one line took the chart's width and was cut at its left edge
            where = "" if city is not None else f"{CITY_NAMES.get(c.city, c.city)}<br>"
            goal = "" if c.target is None else f" ({c.approved}/{c.target})"
            categories.append(f"{where}{actor_title(c.actor_type)}{goal}")
        groups = QBarCategoryAxis()
        groups.append(categories)
        groups.setTruncateLabels(False)
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        highest = max([c.total for c in cells] + [c.target or 0 for c in cells] + [1])
        # Ticks on whole interviews: Qt's nice numbers put five ticks on 0..2, which "%d"
        # read as 0, 0, 1, 1, 2 while a week's first interviews come in.
        step = count_step(highest)
        counts.setRange(0, -(-highest // step) * step)
        counts.setTickType(QValueAxis.TickType.TicksDynamic)
        counts.setTickAnchor(0)
        counts.setTickInterval(step)
        self.chart.addAxis(groups, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(counts, Qt.AlignmentFlag.AlignTop)  # in view before any scrolling
        series.attachAxis(groups)
        series.attachAxis(counts)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.chart.setTitle(self.tr("Interviews by state (approved / target)"))
        lines = 1 if city is not None else 2
        bar = max(BAR_HEIGHT, lines * QFontMetrics(groups.labelsFont()).lineSpacing() + 4)
        self.chart_view.setMinimumHeight(max(300, bar * len(cells) + CHART_MARGIN))

    def researcher_rows(self) -> list[list[str]]:
        """Return the table per researcher as shown, row by row in its current order."""
        shown = self.researchers.model()
        return [
            [str(shown.index(row, column).data()) for column in range(shown.columnCount())]
            for row in range(shown.rowCount())
        ]

    def open_cell(self, index: QModelIndex) -> None:
        wanted = self.model.data(index, FILTER_ROLE)
        if wanted is not None:
            self.interviews_requested.emit(wanted)

    def set_target(self, row: int, value: Any) -> bool:
        """Set a row's target as the table's editor does (a refusal is shown); "" clears it."""
        return self.model.setData(self.model.index(row, COLUMN["target"]), value)

    def clear_current_target(self) -> bool:
        """Clear the target of the current cell when it is a target (Delete on it)."""
        index = self.table.currentIndex()
        if not index.isValid() or COLUMNS[index.column()] != "target":
            return False
        return self.model.setData(index, "")
