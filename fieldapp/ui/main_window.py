"""The main window: the interviews list with its filters, menus and status bar."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QDate, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store.records import InterviewFilter, State
from fieldapp.ui import desk_lock, i18n
from fieldapp.ui.errors import show_error
from fieldapp.ui.interviews_model import (
    COLUMN,
    ROW_ROLE,
    InterviewsModel,
    actor_choices,
    city_choices,
    shown_codes,
    state_choices,
)
from fieldapp.ui.list_widgets import (
    ANY_DATE,
    AnyDateEdit,
    fit_combo_box,
    interviews_table,
    refill_combo_box,
)
from fieldapp.ui.named import named
from fieldapp.ui.older_settings import move_interview_settings
from fieldapp.ui.screen_fit import fit_window, keep_on_screen
from fieldapp.ui.state import UiState

if TYPE_CHECKING:
    from fieldapp.ui.app import Opened
    from fieldapp.ui.merge_dialog import MergeDialog

GEOMETRY_SETTING = "ui/main_window/geometry"
COLUMNS_SETTING = "ui/main_window/columns"


class FilterBar(QWidget):
    """The search and filter boxes: one row when the window is wide enough, else two.

    Every box keeps the width its text needs in either language; when the row does not
    fit, the filters move under the search box instead of being cut.
    """

    def __init__(self, search: QWidget, filters: QWidget) -> None:
        super().__init__()
        self.setObjectName("filterBar")
        self.search_group, self.filter_group = search, filters
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addWidget(search, 1)
        self.rows.addWidget(filters)
        # as tall as its one or two rows; the list below takes the rest of the height
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def one_row_width(self) -> int:
        return (
            self.search_group.minimumSizeHint().width()
            + self.filter_group.sizeHint().width()
            + self.rows.spacing()
        )

    def fit(self) -> None:
        """Put the filters beside the search box if they fit, else under it."""
        wide = self.width() >= self.one_row_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.rows.direction() != direction:
            self.rows.setDirection(direction)

    def resizeEvent(self, event: Any) -> None:
        self.fit()
        super().resizeEvent(event)


class MainWindow(QMainWindow):
    """List, filter and open the interviews of one database.

    The constructor reads as start-up runs: open the database, build the list (its first
    page read), the filters, the menus and toolbar, the status bar; ``run_app`` then shows
    it. ``first_painted`` says when the list has been painted the first time.

    What other windows share with it (the store, the study key, the list's filters and
    selection) is in ``state``; the list and its filter boxes follow ``state.filters``.
    """

    first_painted = Signal()
    refreshed = Signal()
    """The list was read again after a change (a merge, a review, a saved interview): the
    desks open beside it read their figures again too."""

    def __init__(
        self,
        db_path: Path,
        state: UiState | None = None,
        parent: QWidget | None = None,
        *,
        opened: Opened | None = None,
    ) -> None:
        """``opened``: the database already opened (``app.open_or_error``), else opened here."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db_path = Path(db_path)
        self.state = state if state is not None else UiState(self)
        self.interview_windows: dict[str, Any] = {}
        self.study_key_action: QAction | None = None
        """Review › Unlock with study key… (added by ``lock.install_locks``)."""
        self._merge_dialog: MergeDialog | None = None
        """File › Merge's dialog while it is open (stopped if this window closes first)."""
        self._desks: dict[str, QWidget] = {}
        """The review desk, Progress and Devices while open: each is one window."""
        self._painted = False
        self._released = False
        if opened is None:
            from fieldapp.ui.app import open_or_error

            opened = open_or_error(self.db_path)
        store, error = opened
        self.state.set_store(store)
        self.model = InterviewsModel(None, self)
        self._build_table()
        self._build_filters()
        self._build_actions()
        self._build_status()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.table.setFocus()  # Enter opens the selected interview at once
        self._restore_geometry()
        self.model.set_store(store)  # the list's first page
        self.show_send_states()  # each interview's state on ODK Central, if one is set up
        self.retranslate()  # every text; also fills the filter boxes and counts
        self._recount.stop()  # counted just now
        if store is not None:
            self._show_database_name()
            move_interview_settings(store)  # what older versions named in clear
        self.table.viewport().installEventFilter(self)
        self.state.filters_changed.connect(self._show_filters)
        self.state.selected_changed.connect(self._show_selected)
        self.state.study_key_changed.connect(self._study_key_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._selection_changed()  # the first row, selected when the list filled
        if error is not None:
            show_error(self, error)

    @property
    def store(self) -> Any:
        """The open database (``state.store``): None when it could not be opened."""
        return self.state.store

    def _title(self) -> str:
        return self.tr("fieldapp — interviews") + f" — {self.db_path.name}"

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(GEOMETRY_SETTING)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1100, 680)
        keep_on_screen(self)
        columns = QSettings().value(COLUMNS_SETTING)
        if isinstance(columns, QByteArray):
            self.table.horizontalHeader().restoreState(columns)

    def _save_geometry(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_SETTING, self.saveGeometry())
        settings.setValue(COLUMNS_SETTING, self.table.horizontalHeader().saveState())

    def _build_filters(self) -> None:
        self.search_edit = named(QLineEdit(), "searchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.city_filter = named(QComboBox(), "cityFilter")
        self.actor_filter = named(QComboBox(), "actorFilter")
        self.state_filter = named(QComboBox(), "stateFilter")
        self.interviewer_filter = named(QLineEdit(), "interviewerFilter")
        self.interviewer_filter.setClearButtonEnabled(True)
        self.interviewer_filter.setMaximumWidth(160)
        self.interviewer_filter.setMinimumWidth(120)
        self.from_date = named(AnyDateEdit(), "fromDate")
        self.to_date = named(AnyDateEdit(), "toDate")
        self.clear_filters_button = named(QToolButton(), "clearFilters")
        self.from_label, self.to_label = QLabel(), QLabel()
        search_group, filter_group = QWidget(), QWidget()
        search_row = QHBoxLayout(search_group)
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.interviewer_filter)
        row = QHBoxLayout(filter_group)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.city_filter, self.actor_filter, self.state_filter):
            # as wide as the longest choice in the current language, never cut
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            row.addWidget(box)
        row.addWidget(self.from_label)
        row.addWidget(self.from_date)
        row.addWidget(self.to_label)
        row.addWidget(self.to_date)
        row.addWidget(self.clear_filters_button)
        row.addStretch(1)
        self.filter_bar = FilterBar(search_group, filter_group)
        self._refilter = QTimer(self, singleShot=True, interval=250)  # typing: wait a little
        self._refilter.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _: self._refilter.start())
        self.interviewer_filter.textChanged.connect(lambda _: self._refilter.start())
        for box in (self.city_filter, self.actor_filter, self.state_filter):
            box.currentIndexChanged.connect(lambda _: self.apply_filters())
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(lambda _: self.apply_filters())
        self.clear_filters_button.clicked.connect(self.clear_filters)

    def _build_table(self) -> None:
        self.table = interviews_table("interviewsTable", self.model)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(COLUMN["instance_name"], QHeaderView.ResizeMode.Stretch)
        for field, width in (
            ("actor_type", 150),
            ("city", 120),
            ("interviewer", 125),
            ("state", 100),
            ("created_at", 130),
            ("last_saved", 145),
        ):
            self.table.setColumnWidth(COLUMN[field], width)
        header.setSortIndicator(COLUMN["last_saved"], Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        # Enter opens at once: the first row is selected whenever the list (re)fills
        # with nothing selected, and the table has the focus at start.
        self.model.modelReset.connect(self._select_first_row)
        self.model.rowsInserted.connect(lambda *_: self._select_first_row())

    def _select_first_row(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _action(self, name: str, shortcut: Any, slot: Any) -> QAction:
        action = named(QAction(self), name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_interview_action = self._action("newInterview", key.New, self.new_interview)
        self.open_interview_action = self._action("openInterview", "Return", self.open_selected)
        self.open_interview_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        # Enter opens the selected interview from the list, not while typing in a filter
        self.open_interview_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.open_interview_action)
        self.reopen_action = self._action("reopenInterview", "Ctrl+R", self.reopen_selected)
        self.unlock_drafts_action = self._action("unlockDrafts", None, self.show_sealed)
        self.open_db_action = self._action("openDatabase", key.Open, self.choose_database)
        self.new_db_action = self._action("newDatabase", "Ctrl+Shift+N", self.create_database)
        self.quit_action = self._action("quit", key.Quit, self.close)
        self.refresh_action = self._action("refresh", key.Refresh, self.refresh)
        self.find_action = self._action("find", key.Find, self.search_edit.setFocus)
        self.clear_action = self._action("clearFilters", "Ctrl+Shift+L", self.clear_filters)
        self.about_action = self._action("about", None, self.about)
        self.keys_action = self._action("keys", key.HelpContents, self.show_keys)
        self.export_action = self._action("export", "Ctrl+E", self.open_export)
        self.merge_action = self._action("merge", "Ctrl+M", self.open_merge)
        self.package_action = self._action("package", "Ctrl+Shift+U", self.open_package)
        self.forms_action = self._action("forms", "Ctrl+Shift+F", self.open_forms)
        self.server_action = self._action("server", "Ctrl+Shift+S", self.open_server)
        self.conflicts_action = self._action("conflicts", None, self.open_conflicts)
        self.review_action = self._action("reviewQueue", "Ctrl+Shift+R", self.open_review)
        self.progress_action = self._action("progress", "Ctrl+Shift+P", self.open_progress)
        self.devices_action = self._action("devicesDesk", "Ctrl+Shift+D", self.open_devices)
        self.fingerprint_action = self._action("thisFingerprint", None, self.show_fingerprint)

        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in ("system", "en", "es"):
            action = named(QAction(self, checkable=True), f"language_{code}")
            action.setChecked(code == i18n.chosen_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_interview_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.open_db_action, self.new_db_action])
        self.file_menu.addSeparator()
        for action in (self.export_action, self.merge_action):
            if _available(action.objectName()):
                self.file_menu.addAction(action)
        self.file_menu.addAction(self.package_action)
        self.file_menu.addAction(self.server_action)
        self.file_menu.addAction(self.forms_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.interview_menu = bar.addMenu("")
        self.interview_menu.addActions(
            [self.new_interview_action, self.open_interview_action, self.reopen_action]
        )
        self.interview_menu.addSeparator()
        self.interview_menu.addAction(self.unlock_drafts_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions([self.find_action, self.clear_action, self.refresh_action])
        if _available("conflicts"):
            self.view_menu.addAction(self.conflicts_action)
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.review_menu = bar.addMenu("")
        self.review_menu.addActions([self.review_action, self.progress_action])
        self.review_menu.addAction(self.devices_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.keys_action, self.fingerprint_action, self.about_action])
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_interview_action, self.open_interview_action])
        toolbar.addAction(self.reopen_action)
        self.toolbar = toolbar

    def _build_status(self) -> None:
        self.count_label = named(QLabel(), "countLabel")
        self.db_label = named(QLabel(), "databaseLabel")
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.db_label)
        # an empty list says what to do instead of staying blank
        self.empty_label = named(QLabel(self.table.viewport()), "emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "hint")
        self.empty_label.setGeometry(self.table.viewport().rect())
        self._recount = QTimer(self, singleShot=True, interval=0)
        self._recount.timeout.connect(self.update_counts)
        self.model.totalChanged.connect(lambda _: self._recount.start())

    def retranslate(self) -> None:
        """Set every text in the current application language."""
        self.setWindowTitle(self._title())
        self.search_edit.setPlaceholderText(self.tr("Search interviews (Ctrl+F)"))
        self.search_edit.setToolTip(text("ui.search_tip", i18n.current_language()))
        metrics = self.search_edit.fontMetrics()
        self.search_edit.setMinimumWidth(
            metrics.horizontalAdvance(self.search_edit.placeholderText()) + 40
        )
        self.interviewer_filter.setPlaceholderText(self.tr("Interviewer"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        for edit in (self.from_date, self.to_date):
            edit.setSpecialValueText(self.tr("any date"))  # as wide as it needs
        self.clear_filters_button.setText(self.tr("Clear filters"))
        texts = {
            self.new_interview_action: self.tr("&New interview…"),
            self.open_interview_action: self.tr("&Open interview"),
            self.reopen_action: self.tr("&Reopen for editing"),
            self.open_db_action: self.tr("&Open database…"),
            self.new_db_action: self.tr("New &database…"),
            self.quit_action: self.tr("&Quit"),
            self.refresh_action: self.tr("&Refresh list"),
            self.find_action: self.tr("&Find"),
            self.clear_action: self.tr("&Clear filters"),
            self.about_action: self.tr("&About fieldapp"),
            self.keys_action: self.tr("&Keyboard shortcuts"),
            self.export_action: self.tr("&Export for analysis…"),
            self.merge_action: self.tr("&Merge other laptops…"),
            self.conflicts_action: self.tr("C&onflicts…"),  # C is for Clear filters
            self.review_action: self.tr("Review &queue…"),
            self.progress_action: self.tr("&Progress…"),
            self.package_action: text("package.ui.menu", i18n.current_language()),
            self.server_action: text("server.ui.menu", i18n.current_language()),
            self.forms_action: text("ui.forms_menu", i18n.current_language()),
            self.devices_action: text("ui.devices_menu", i18n.current_language()),
            self.fingerprint_action: text("ui.fingerprint_menu", i18n.current_language()),
            self.unlock_drafts_action: text("ui.unlock_drafts_menu", i18n.current_language()),
            # Alt keys of their own in either language: F or S, E, P (E is English's)
            self.language_actions["system"]: self.tr("&Follow the system"),
            self.language_actions["en"]: "&English",
            self.language_actions["es"]: "Es&pañol",
            # a menu's title is the text of its action in the menu bar
            self.file_menu.menuAction(): self.tr("&File"),
            self.interview_menu.menuAction(): self.tr("&Interview"),
            self.view_menu.menuAction(): self.tr("&View"),
            self.language_menu.menuAction(): self.tr("&Language"),
            self.review_menu.menuAction(): self.tr("&Review"),
            self.help_menu.menuAction(): self.tr("&Help"),
        }
        for action, label in texts.items():
            action.setText(label)
        self._fill_filter_boxes()
        self.filter_bar.fit()
        self.model.retranslate()
        self.update_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            # once this paint is over: the next turn of the event loop
            QTimer.singleShot(0, self, self.first_painted.emit)
        elif event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(self.table.viewport().rect())
        return False

    def _fill_filter_boxes(self) -> None:
        boxes = {
            self.city_filter: [(self.tr("All cities"), None), *city_choices()],
            self.actor_filter: [(self.tr("All actors"), None), *actor_choices()],
            self.state_filter: [(self.tr("All states"), None), *state_choices()],
        }
        for box, items in boxes.items():
            refill_combo_box(box, items)
            fit_combo_box(box)

    # --- the database -----------------------------------------------------------------

    def open_database(self, path: Path) -> bool:
        from fieldapp.ui.app import open_store

        try:
            store = open_store(path)
        except FieldappError as error:
            show_error(self, error)
            return False
        if self.store is not None:
            desk_lock.release(self.db_path)  # this window lets go of the database it leaves
        self.db_path = Path(path)
        self._use_store(store)
        self._show_database()
        return True

    def _use_store(self, store: Any) -> None:
        old = self.store
        self.state.set_store(store)
        if old is not None:
            old.close()
        self.model.set_store(store, self.state.filters)
        self.show_send_states()

    def show_send_states(self) -> None:
        """Show each interview's state on the ODK Central server in the list."""
        from fieldapp.ui.send_state import send_states

        states = send_states(self.store)
        self.model.set_send_states(states)
        # Without a server set up the column would stay empty, beside cut interview names.
        self.table.setColumnHidden(COLUMN["send_state"], states is None)

    def _show_database(self) -> None:
        self._show_database_name()
        self._fill_filter_boxes()
        self.setWindowTitle(self._title())
        self.update_counts()

    def _show_database_name(self) -> None:
        self.db_label.setText(self.db_path.name)
        self.db_label.setToolTip(str(self.db_path))

    def choose_database(self) -> None:
        from fieldapp.ui import file_dialogs

        path = file_dialogs.open_file(
            self,
            self.tr("Open database"),
            str(self.db_path.parent),
            self.tr("fieldapp database (*.db);;All files (*)"),
        )
        if path:
            self.open_database(Path(path))

    def create_database(self) -> None:
        from fieldapp.ui import file_dialogs

        path = file_dialogs.save_file(
            self,
            self.tr("New database"),
            str(self.db_path.parent / "fieldapp.db"),
            self.tr("fieldapp database (*.db)"),
            replaces=False,  # an existing file was opened, not replaced: "Open database"
        )
        if path:
            self.open_database(Path(path))

    # --- the list -----------------------------------------------------------------------

    def current_filter(self) -> InterviewFilter:
        """Return what the filter boxes say (``state.filters`` once applied)."""

        def bound(edit: QDateEdit) -> dt.date | None:
            date = edit.date()
            return None if date == ANY_DATE else dt.date(date.year(), date.month(), date.day())

        typed = self.search_edit.text().strip()
        return InterviewFilter(
            city=self.city_filter.currentData(),
            actor_type=self.actor_filter.currentData(),
            state=self.state_filter.currentData(),
            interviewer_part=self.interviewer_filter.text().strip() or None,
            date_from=bound(self.from_date),
            date_to=bound(self.to_date),
            text=typed or None,
            text_codes=shown_codes(typed),
            # kept while other boxes change; Clear filters drops it
            submission_ids=self.state.filters.submission_ids,
        )

    def apply_filters(self) -> None:
        """Make what the filter boxes say the list's filters."""
        self.state.set_filters(self.current_filter())

    def clear_filters(self) -> None:
        self.state.set_filters(InterviewFilter())

    def show_interviews(self, wanted: InterviewFilter) -> None:
        """List the interviews ``wanted`` asks for (a count clicked in Progress)."""
        self.state.set_filters(wanted)
        self.raise_()
        self.activateWindow()

    def _show_filters(self, filters: InterviewFilter) -> None:
        """Follow ``state.filters``: the boxes say them (unless they do) and the list shows them."""
        if self.current_filter() != filters:
            self._set_filter_boxes(filters)
        if self.store is not None:
            self.model.set_filters(filters)

    def _set_filter_boxes(self, filters: InterviewFilter) -> None:
        for edit, typed in (
            (self.search_edit, filters.text),
            (self.interviewer_filter, filters.interviewer_part),
        ):
            if (edit.text().strip() or None) != typed:
                edit.blockSignals(True)
                edit.setText(typed or "")
                edit.blockSignals(False)
        for box, value in (
            (self.city_filter, filters.city),
            (self.actor_filter, filters.actor_type),
            (self.state_filter, filters.state),
        ):
            found = box.findData(value)
            if value is not None and found < 0:  # a code the study's lists lack
                box.addItem(value, value)
                found = box.findData(value)
            box.blockSignals(True)
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
        for date_edit, day in (
            (self.from_date, filters.date_from),
            (self.to_date, filters.date_to),
        ):
            date_edit.blockSignals(True)
            date_edit.setDate(ANY_DATE if day is None else QDate(day.year, day.month, day.day))
            date_edit.blockSignals(False)

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.state.set_selected(None if row is None else str(row.submission_id))

    def _show_selected(self, submission_id: str | None) -> None:
        if submission_id is not None:
            self.select(submission_id)

    def _study_key_changed(self, key: object) -> None:
        # Opened, the sealed interviews join the list; forgotten (the idle lock), they
        # leave it unless the drafts are open: Cancel at the lock showed them again.
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_row()
        self.model.reload()
        if selected is not None:
            self.select(selected.submission_id)
        self.refreshed.emit()

    def update_counts(self) -> None:
        if self.store is None:
            return
        shown = self.model.total
        everything = self.store.interviews.count()
        listed = self.model.listed()  # whether sealed interviews are hidden, asked once
        drafts = self._count_state(listed, "draft")
        finalized = self._count_state(listed, "finalized")
        language = i18n.current_language()
        if shown == everything:
            lead = text("count.interviews", language, count=everything)
        else:
            lead = text("count.shown", language, shown=shown, total=everything)
        parts = [
            lead,
            text("count.drafts", language, count=drafts),
            text("count.finalized", language, count=finalized),
        ]
        if listed.submission_ids is not None:  # no box says it: the line does
            parts.insert(1, text("count.came_in", language))
        if listed.sealed_hidden:  # "97 of 100 shown" with no filter set: say why
            hidden = everything - self.store.interviews.count(InterviewFilter(sealed_hidden=True))
            if hidden:  # counted without the filters: the same whatever is typed in them
                parts.append(text("count.sealed_hidden", language, count=hidden))
        if drafts + finalized < shown:  # the supervisor's verdicts, only when there are some
            verdicts: tuple[State, ...] = ("returned", "approved")
            for state in verdicts:
                count = self._count_state(listed, state)
                if count:
                    parts.append(text(f"count.{state}", language, count=count))
        self.count_label.setText(" · ".join(parts))
        self.unlock_drafts_action.setEnabled(listed.sealed_hidden)
        if shown:
            self.empty_label.hide()
            return
        if not everything:
            empty = self.tr("No interviews yet.\nStart one with New interview (Ctrl+N).")
        elif listed.sealed_hidden and replace(listed, sealed_hidden=False) == InterviewFilter():
            # no filter hides them: the passphrase does (Esc at the start's prompt)
            empty = text("ui.sealed_list_hidden", language)
        else:
            empty = self.tr("No interview matches these filters.\nClear filters (Ctrl+Shift+L).")
        self.empty_label.setText(empty)
        self.empty_label.show()

    def _count_state(self, listed: InterviewFilter, state: State) -> int:
        # Counted as listed: before a key, a filter must not tell hidden interviews apart.
        if listed.state is not None and listed.state != state:
            return 0  # the list shows one state: the others count none of what it shows
        return int(self.store.interviews.count(replace(listed, state=state)))

    def selected_row(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def select(self, submission_id: str) -> None:
        row = self.model.find(submission_id)
        if row >= 0:
            self.table.selectRow(row)

    # --- interviews ---------------------------------------------------------------------

    def new_interview(self) -> None:
        from fieldapp.ui.new_interview import NewInterviewDialog

        if self.store is None:
            return
        from fieldapp.core.form_add import startable_forms

        # Every held version: the dialog offers the newest by ``version`` and lets the
        # interviewer choose another; a quarantined form version is never offered, nor a
        # version in clear of a form the study has sealed since.
        records = startable_forms(self.store)
        if not records:
            show_error(self, FieldappError("ui.no_forms"))
            return
        dialog = NewInterviewDialog(records, self.store.forms.load, self)
        if not dialog.exec():  # rejected
            return
        record = dialog.form_record()
        form = self.store.forms.load(record.sha256)
        if form.public_key and not self.unlock_drafts():
            return
        from fieldapp.core.demo import actor_of

        keys = {question.key for question in form.questions()}
        known = {"city": dialog.city(), "interviewer": dialog.interviewer()}
        submission_id = self.store.interviews.start(
            record.sha256,
            interviewer=dialog.interviewer(),
            city=dialog.city(),
            actor_type=actor_of(form),
            answers={key: value for key, value in known.items() if key in keys},
        )
        self.refresh()
        self.open_interview(submission_id)

    def show_sealed(self) -> None:
        """Interview › Unlock drafts…: the drafts passphrase, then the list shows the
        sealed forms' interviews (left out since Esc at the start's prompt)."""
        if self.store is not None and self.unlock_drafts():
            self.refresh()

    def unlock_drafts(self) -> bool:
        """Ask the drafts passphrase of sealed forms once per session (set it the first time)."""
        from fieldapp.ui.lock import ask_drafts_passphrase

        return ask_drafts_passphrase(self, self.store)

    def open_selected(self) -> None:
        if self.store is None:
            return
        row = self.selected_row()
        if row is not None:
            self.open_interview(row.submission_id)

    def reopen_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.state == "draft":
            return
        try:
            self.store.interviews.reopen(row.submission_id)
        except FieldappError as error:  # her own sealed one: said as Enter says it
            show_error(self, self._refusal_to_open(str(row.submission_id), error))
            return
        self.refresh()
        self.open_interview(row.submission_id)

    def open_interview(self, submission_id: str) -> Any:
        """Show an interview: editable when it is a draft, read-only otherwise."""
        from fieldapp.ui.interview_window import InterviewWindow

        window = self.interview_windows.get(submission_id)
        if window is not None:
            window.raise_()
            window.activateWindow()
            return window
        if self.store.keys.is_sealed(submission_id) and not self.unlock_drafts():
            return None
        try:
            window = InterviewWindow(self.store, submission_id, parent=self)
        except FieldappError as error:  # sealed for the study key, unknown form...
            show_error(self, self._refusal_to_open(submission_id, error))
            return None
        window.saved.connect(lambda _sid: self.refresh())
        window.closed.connect(self._interview_closed)
        window.reopen_requested.connect(self._reopen_from_window)
        window.offer_quit(self.quit_action)
        self.interview_windows[submission_id] = window
        window.show()
        return window

    def _refusal_to_open(self, submission_id: str, error: FieldappError) -> FieldappError:
        """What to say when an interview does not open: her own sealed one in her words."""
        if error.code == "store.sealed" and self.store.interviews.started_here(submission_id):
            return self._sealed_here(submission_id)  # her own (she signed it): sealed here
        return error

    def _sealed_here(self, submission_id: str) -> FieldappError:
        """Say why her own sealed interview does not open: and, returned, what to fix.

        A returned interview of a sealed form stays sealed (the supervisor's decision
        copies the sealed record); only her laptop and the study key read the comments,
        and this is where she reads them.
        """
        from fieldapp.core.forms.model import form_language_for
        from fieldapp.core.review import comments_for_researcher
        from fieldapp.core.store.records import SubmissionId

        comments = comments_for_researcher(self.store, SubmissionId(submission_id))
        if not comments:
            return FieldappError("finalize.ui.sealed_here")
        form = self.store.forms.of(submission_id)
        language = form_language_for(form, i18n.current_language())
        labels = {question.key: question.label(language) for question in form.questions()}
        lines = list(comments.general)
        for key, notes in comments.by_question.items():
            lines += [f"{labels.get(key) or key} — {note}" for note in notes]
        return FieldappError(
            "finalize.ui.sealed_returned", comments="\n".join(f"• {line}" for line in lines)
        )

    def _interview_closed(self, submission_id: str) -> None:
        self.interview_windows.pop(submission_id, None)
        self.refresh()
        self.select(submission_id)

    def _reopen_from_window(self, submission_id: str) -> None:
        window = self.interview_windows.pop(submission_id, None)
        if window is not None:
            window.close()
        self.select(submission_id)
        try:
            self.store.interviews.reopen(submission_id)
        except FieldappError as error:
            show_error(self, error)
            return
        self.refresh()
        self.open_interview(submission_id)

    # --- other desks ----------------------------------------------------------------------

    def open_export(self) -> None:
        from fieldapp.ui.export_dialog import ExportDialog

        # the study key (Review › Unlock with study key…) opens sealed interviews
        dialog = ExportDialog(self.db_path, self, state=self.state)
        fit_window(dialog, "export", (dialog.sizeHint().width(), dialog.sizeHint().height()))
        dialog.exec()

    def open_merge(self) -> None:
        from fieldapp.ui.merge_dialog import PREFERRED_SIZE, MergeDialog

        hides = lambda: self.store is not None and self.store.keys.hides_sealed()  # noqa: E731
        dialog = MergeDialog(self.db_path, self, hides_sealed=hides, state=self.state)
        self._merge_dialog = dialog  # a merge running when this window closes is stopped
        try:
            self._change_then_refresh(dialog, "merge", PREFERRED_SIZE)
        finally:
            self._merge_dialog = None
            dialog.stop()  # still running only when the app quit under it
            dialog.deleteLater()
        if dialog.came_in_asked:
            self.show_came_in(dialog.came_in)

    def show_came_in(self, submission_ids: list[str]) -> None:
        """List only the interviews a merge brought something to (*Show what came in*)."""
        self.show_interviews(InterviewFilter(submission_ids=tuple(submission_ids)))

    def open_package(self) -> Any:
        """Write a package of this laptop for the supervisor (File › Package…)."""
        from fieldapp.ui.package_dialog import PackageDialog

        if self.store is None:
            return None
        dialog = PackageDialog(self)
        dialog.written.connect(lambda _: self.refresh())  # open drafts became revisions
        dialog.open()
        return dialog

    def open_forms(self) -> Any:
        """The form versions held, adding one, saving a copy (File › Forms…)."""
        from fieldapp.ui.forms_dialog import FormsDialog

        if self.store is None:
            return None
        dialog = FormsDialog(self.store, self)
        dialog.added.connect(lambda _: self.refresh())
        dialog.open()
        return dialog

    def open_server(self) -> Any:
        """Send to and receive from ODK Central (File › Server…)."""
        from fieldapp.ui.server_dialog import ServerDialog

        if self.store is None:
            return None
        dialog = ServerDialog(self.db_path, self, state=self.state)
        dialog.pushed.connect(lambda _: self.show_send_states())
        dialog.finished.connect(lambda _: self.show_send_states())  # signed in, or out
        dialog.forms_added.connect(lambda _: self.refresh())
        dialog.pulled.connect(lambda _: self.refresh())  # interviews and reviews came in
        dialog.open()
        return dialog

    def open_conflicts(self) -> None:
        from fieldapp.ui.conflicts_view import ConflictsView

        if self.store is None:
            return
        view = ConflictsView(self.db_path, self, hide_sealed=self.store.keys.hides_sealed())
        self._change_then_refresh(view, "conflicts", (1100, 650))

    def _closes_with_the_database(self, desk: QWidget) -> None:
        """A desk reads the database open when it opened: File › Open database… closes it
        (its store is closed; F5 there read nothing, and the devices desk would have acted
        on one database while naming the other)."""
        self.state.store_changed.connect(desk.close)

    def _change_then_refresh(self, dialog: QDialog, key: str, size: tuple[int, int]) -> None:
        """Run a dialog that changes the database (fitted to the screen), then list anew."""
        fit_window(dialog, key, size)
        dialog.exec()
        self.refresh()

    def _raised(self, key: str) -> QWidget | None:
        """Return the desk ``key`` if it is open, raised with the keyboard where it was.

        Its menu item or keys pressed again opened a second desk on the same database (a
        second queue, its unsent comments in the first), the keyboard in the new one.
        """
        desk = self._desks.get(key)
        if desk is None or not desk.isVisible():
            return None
        if desk.isMinimized():
            desk.showNormal()
        desk.raise_()
        desk.activateWindow()
        return desk

    def _keep_desk(self, key: str, desk: QWidget) -> None:
        self._desks[key] = desk
        desk.destroyed.connect(lambda *_: self._desks.pop(key, None))

    def open_review(self) -> Any:
        """Show the supervisor's review queue (one window, raised when open)."""
        from fieldapp.ui.review_view import ReviewView

        if (open_desk := self._raised("review")) is not None:
            return open_desk
        view = ReviewView(self.store, self, state=self.state)
        fit_window(view, "review_queue", (1400, 860))
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.reviewed.connect(lambda *_: self.refresh())
        self.refreshed.connect(view.refresh_if_open)  # a merge here shows in the queue
        self._closes_with_the_database(view)
        self._keep_desk("review", view)
        view.show()
        return view

    def open_progress(self) -> Any:
        """Show the progress dashboard (one window, raised when open); a clicked count
        filters this list."""
        from fieldapp.ui.dashboard import DashboardView

        if (open_desk := self._raised("progress")) is not None:
            return open_desk
        view = DashboardView(self.store, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.interviews_requested.connect(self.show_interviews)
        self.refreshed.connect(view.refresh_if_open)  # a merge here shows there without F5
        self._closes_with_the_database(view)
        self._keep_desk("progress", view)
        view.show()
        return view

    def open_devices(self) -> Any:
        """Show the Devices and integrity desk (Review › Devices and integrity…; one
        window, raised when open)."""
        from fieldapp.ui.devices_desk import DevicesDesk

        if self.store is None:
            return None
        if (open_desk := self._raised("devices")) is not None:
            return open_desk
        try:  # a package or a copy has no signing key of its own: one message says so
            desk = DevicesDesk(self.state, self.db_path, self)
        except FieldappError as error:
            show_error(self, error)
            return None
        fit_window(desk, "devices", (1300, 720))
        desk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        desk.changed.connect(self.refresh)
        self.refreshed.connect(desk.reload_if_open)  # a laptop a merge enrolls shows there
        self._closes_with_the_database(desk)
        self._keep_desk("devices", desk)
        desk.show()
        return desk

    def show_fingerprint(self) -> Any:
        """Show this laptop's id and fingerprint (Help › This laptop's fingerprint…)."""
        from fieldapp.ui.this_laptop import FingerprintDialog

        if self.store is None:
            return None
        try:
            dialog = FingerprintDialog(self.store, self)
        except FieldappError as error:
            show_error(self, error)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_language(self, choice: str) -> None:
        i18n.apply_language(choice, remember=True)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Return every shortcut of the list and of an interview, each once, as shown."""
        from fieldapp.ui.conflicts_view import NEXT_KEYS, PREVIOUS_KEYS
        from fieldapp.ui.form_view import CLEAR_KEYS  # the form engine: not at start-up
        from fieldapp.ui.interview_window import SWITCH_LANGUAGE_KEYS

        native = QKeySequence.SequenceFormat.NativeText
        rows = []
        for action in (
            *(self.new_interview_action, self.open_interview_action, self.reopen_action),
            *(self.find_action, self.clear_action, self.refresh_action, self.open_db_action),
            *(self.new_db_action, self.export_action, self.merge_action, self.package_action),
            *(self.server_action, self.forms_action),
            *(self.review_action, self.progress_action, self.devices_action),
            *(self.keys_action, self.quit_action),
        ):
            keys = " / ".join(key.toString(native) for key in action.shortcuts())
            if keys:
                rows.append((keys, action.text().replace("&", "").rstrip("…").rstrip(".")))

        def said(keys: str) -> str:
            """Name keys as the menus do, in their language ("Control+Mayúsculas+…")."""
            return " / ".join(QKeySequence(k).toString(native) for k in keys.split(" / "))

        def standard(key: QKeySequence.StandardKey) -> str:
            # the keyboard's own keys only: not the Save and Close keys of a media keyboard,
            # which Qt names as words ("Control+S / Guardar")
            portable = QKeySequence.SequenceFormat.PortableText
            return " / ".join(
                k.toString(native)
                for k in QKeySequence.keyBindings(key)
                if "+" in k.toString(portable)  # a modifier: Ctrl+S, not the key "Save"
            )

        rows += [  # the interview window's (Ctrl+R reopens there too, as in the list)
            (said("Tab / Shift+Tab"), self.tr("Next / previous question")),
            ("↑ / ↓", text("keys.between_options", i18n.current_language())),
            (said("Space"), text("keys.tick_option", i18n.current_language())),
            ("Alt+← / Alt+→", self.tr("Previous / next section")),
            (
                standard(QKeySequence.StandardKey.Save),
                self.tr("Save a revision (answers are saved as you type anyway)"),
            ),
            (said("Ctrl+Return / Ctrl+Enter"), self.tr("Finalize, or list what is left to fix")),
            ("F8", self.tr("Show the problems")),
            (
                said(SWITCH_LANGUAGE_KEYS),
                text("keys.switch_form_language", i18n.current_language()).replace("&", ""),
            ),
            (said("Esc"), text("keys.close_problems", i18n.current_language())),
            (said(CLEAR_KEYS), text("keys.clear_answer", i18n.current_language())),
            (standard(QKeySequence.StandardKey.Close), self.tr("Close the interview or the desk")),
            (  # View › Conflicts…: the answers' table keeps the arrows for its cells
                f"{NEXT_KEYS.toString(native)} / {PREVIOUS_KEYS.toString(native)}",
                text("keys.next_difference", i18n.current_language()),
            ),
        ]
        return rows

    def show_keys(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from fieldapp.ui import screen_fit

        rows = self.shortcut_rows()
        table = "".join(
            f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for keys, what in rows
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Keyboard shortcuts"),
            f"<table>{table}</table>",
            QMessageBox.StandardButton.Ok,
            self,
        )
        # Each shortcut on one line: wrapped at the message box's own narrow width, the
        # Spanish list stood taller than a 1366×768 screen less its panel.
        label = box.findChild(QLabel, "qt_msgbox_label")
        if label is not None:
            metrics = label.fontMetrics()
            bold = QFont(label.font())
            bold.setBold(True)
            keys_width = max(QFontMetrics(bold).horizontalAdvance(k) for k, _ in rows)
            what_width = max(metrics.horizontalAdvance(what) for _, what in rows)
            wanted = keys_width + what_width + 4 * metrics.averageCharWidth()
            label.setMinimumWidth(min(wanted, screen_fit.available_area(self).width() - 200))
        box.exec()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from fieldapp import __version__

        QMessageBox.about(
            self,
            self.tr("About fieldapp"),
            self.tr("fieldapp %1 — offline field interviews on XLSForms.").replace(
                "%1", __version__
            ),
        )

    def closeEvent(self, event: Any) -> None:
        if self.store is not None and not self._released:
            self._released = True  # another fieldapp may open the database now
            desk_lock.release(self.db_path)
        self._save_geometry()
        self._recount.stop()
        self._refilter.stop()
        for window in list(self.interview_windows.values()):
            window.close()
        if self._merge_dialog is not None:  # closed under its dialog (a session's end)
            self._merge_dialog.stop()
            self._merge_dialog.done(QDialog.DialogCode.Rejected)
        super().closeEvent(event)


def _available(name: str) -> bool:
    """Tell whether another desk's module exists (its menu entry appears only then)."""
    import importlib.util

    module = {"export": "export_dialog", "merge": "merge_dialog", "conflicts": "conflicts_view"}
    return importlib.util.find_spec(f"fieldapp.ui.{module[name]}") is not None
