"""File › Export…: choose what to export, run it off the GUI thread, open the folder after.

The dialog only gathers ``ExportOptions`` and calls ``export_workbook`` on a QThread; the
core writes the file atomically, reports progress and stops when the cancel flag is set.
The lists to choose from (forms, languages, cities) need every form parsed, so they are
read on a QThread too: the dialog opens at once, busy, and fills them in when they come.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, QSettings, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.export import (
    ExportCancelled,
    ExportChoices,
    ExportOptions,
    ExportResult,
    export_choices,
    export_workbook,
)
from fieldapp.core.export.folder import can_unpack, unpack
from fieldapp.core.export.groups import DEFAULT_MIN_GROUP, SMALLEST_MIN_GROUP
from fieldapp.core.export.run import DRAFT, FORMATS
from fieldapp.core.export.stats import format_of
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.quarantine import skipped_line
from fieldapp.core.store import STATES
from fieldapp.ui import file_dialogs
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import actor_title
from fieldapp.ui.layouts import packed_left, widened_first
from fieldapp.ui.plain import plain_tip
from fieldapp.ui.screen_fit import grow_to_fit, keep_on_screen
from fieldapp.ui.state import UiState

FOLDER_SETTING = "export/folder"
FORMAT_SETTING = "export/format"
"""The ending of the last export's file: the analyst who exports Stata gets Stata again."""
_READING: list[tuple[QThread, QObject]] = []
"""Threads reading a dialog's lists, kept until they end (they have no parent)."""
_QUIT_WAITS: list[QCoreApplication] = []
"""The application whose quitting waits for them (connected once)."""


def _wait_for_reading() -> None:
    """Wait for the threads still reading a dialog's lists: a quit right after opening
    Export destroyed the running thread, and the process aborted ("QThread: Destroyed
    while thread is still running")."""
    for thread, _worker in _READING:
        thread.wait()
    _READING.clear()


def _t(code: str, **params: Any) -> str:
    return text(f"export.dialog.{code}", current_language(), **params)


class Worker(QObject):
    """Runs one call on a worker thread; talks to the dialog only through signals.

    The call gets the worker, whose ``progressed`` it may emit and whose cancel flag it
    may read.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    """Carries the ``FieldappError`` (cancel included) or any other exception."""

    def __init__(self, call: Callable[[Worker], object]) -> None:
        super().__init__()
        self.call = call
        self.cancel_requested = threading.Event()

    def start_on(self, thread: QThread) -> None:
        """Run on ``thread``, started here, which quits once the call is done.

        The thread quits from itself (``quit`` is thread-safe): queued to the GUI thread,
        a GUI thread waiting for it (the app quitting) would wait for ever.
        """
        self.moveToThread(thread)
        thread.started.connect(self.run)
        self.succeeded.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        self.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.start()

    def run(self) -> None:
        try:
            result = self.call(self)
        except Exception as error:  # shown by the dialog, never as a traceback
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


@dataclasses.dataclass(frozen=True)
class ExportJob:
    """One export as the dialog asked for it; ``run`` writes it, on a worker's thread."""

    db: Path
    out: Path
    options: ExportOptions
    study_key: Any = None
    """The supervisor's unlocked key: it opens sealed interviews."""
    folder: bool = False
    """Unpack the zip written into a folder beside it."""
    hide_sealed: bool = False
    """The desktop has no passphrase yet: sealed forms' interviews stay out, as in the list."""

    def run(self, worker: Worker) -> ExportResult:
        result = export_workbook(
            self.db,
            self.out,
            self.options,
            progress=worker.progressed.emit,
            cancel=worker.cancel_requested.is_set,
            study_key=self.study_key,
            hide_sealed=self.hide_sealed,
        )
        return dataclasses.replace(result, path=unpack(result.path)) if self.folder else result


class ExportDialog(QDialog):
    """Export the database at ``store_path`` for analysts (.xlsx or a zip of CSVs)."""

    finished_export = Signal(object)
    """Emitted with the ``ExportResult`` after a successful export."""
    choices_loaded = Signal()
    """Emitted once the lists of forms, languages and cities are filled in (or failed)."""

    def __init__(
        self,
        store_path: Path,
        parent: QWidget | None = None,
        *,
        study_key: Any = None,
        state: UiState | None = None,
    ) -> None:
        """``state``: follow its study key (it opens sealed interviews; forgotten, dropped)."""
        super().__init__(parent)
        self.study_key = study_key
        self._state = state
        if state is not None:
            self.study_key = state.study_key
            state.study_key_changed.connect(self._use_study_key)
        self.setObjectName("exportDialog")
        self.setWindowTitle(_t("title"))
        self.store_path = Path(store_path)
        self.export_result: ExportResult | None = None
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self._ready = False
        self._build()
        self._start_reading_choices()

    # --- layout ----------------------------------------------------------------------------

    def _use_study_key(self, key: Any) -> None:
        self.study_key = key

    def _build(self) -> None:
        form = QFormLayout()

        # Every format in sight: before, only the Choose… dialog's file types or a typed
        # ending told that .dta and .sav existed. The combo and the ending follow each other.
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("exportFormat")
        for suffix in FORMATS:
            self.format_combo.addItem(_t(f"format{suffix}"), suffix)
        form.addRow(_t("format"), self.format_combo)
        self.path_edit = QLineEdit(str(self._default_path()))
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton(_t("browse"))
        self.browse_button.setObjectName("exportBrowse")
        self.browse_button.clicked.connect(self._browse)
        form.addRow(_t("file"), widened_first(self.path_edit, self.browse_button))
        self._follow_path()
        self.format_combo.currentIndexChanged.connect(self._use_format)
        self.path_edit.textChanged.connect(self._follow_path)

        self.codes_button = QRadioButton(_t("codes"))
        self.labels_button = QRadioButton(_t("labels"))
        self.codes_button.setChecked(True)
        self._values = QButtonGroup(self)
        self._values.addButton(self.codes_button)
        self._values.addButton(self.labels_button)
        form.addRow(_t("values"), packed_left(self.codes_button, self.labels_button))

        self.language_combo = QComboBox()
        self.language_combo.addItem(_t("form_default"), None)
        form.addRow(_t("language"), self.language_combo)
        # The language picks the labels written for select answers: idle while codes are,
        # except for Stata and SPSS, whose variable and value labels are always written.
        self.language_combo.setEnabled(False)
        self.labels_button.toggled.connect(self._update_language)
        self.path_edit.textChanged.connect(self._update_language)

        self.forms_list = self._checklist([])
        form.addRow(_t("forms"), self.forms_list)
        self.cities_list = self._checklist([])
        form.addRow(_t("cities"), self.cities_list)
        self.states_list = self._checklist([(state, _t(f"state.{state}")) for state in STATES])
        # Drafts are unfinished interviews: out unless the supervisor ticks them (as in ODK).
        for number in range(self.states_list.count()):
            item = self.states_list.item(number)
            if item.data(Qt.ItemDataRole.UserRole) == DRAFT:
                item.setCheckState(Qt.CheckState.Unchecked)
        form.addRow(_t("states"), self.states_list)

        self.dates_check = QCheckBox(_t("use_dates"))
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addMonths(-1))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.dates_check.toggled.connect(edit.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.dates_check)
        dates.addWidget(self.from_edit)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.to_edit)
        form.addRow(_t("dates"), dates)

        self.deidentify_check = QCheckBox(_t("deidentify"))
        form.addRow("", self.deidentify_check)
        self.folder_check = QCheckBox(_t("as_folder"))
        self.folder_check.setObjectName("exportAsFolder")
        self.folder_check.setEnabled(False)  # a workbook is one file
        form.addRow("", self.folder_check)
        self.hours_check = QCheckBox(_t("deidentify_hours"))
        self.hours_check.setObjectName("deidentifyHours")
        self.hours_check.setEnabled(False)
        self.deidentify_check.toggled.connect(self.hours_check.setEnabled)
        form.addRow("", self.hours_check)
        # No group of interviews alike in form, city, interviewer, dates, state and review
        # smaller than this: a device package's counts would single the others out
        # (``export.groups``).
        self.min_group_spin = QSpinBox()
        self.min_group_spin.setObjectName("deidentifyMinGroup")
        self.min_group_spin.setRange(SMALLEST_MIN_GROUP, 1000)
        self.min_group_spin.setValue(DEFAULT_MIN_GROUP)
        self.min_group_spin.setEnabled(False)
        self.min_group_spin.setToolTip(_t("min_group_tip"))
        self.deidentify_check.toggled.connect(self.min_group_spin.setEnabled)
        unit = QLabel(_t("min_group_unit"))
        unit.setObjectName("deidentifyMinGroupUnit")
        self.deidentify_check.toggled.connect(unit.setEnabled)
        unit.setEnabled(False)
        # In a widget of fixed height: a bare row layout took the dialog's spare height.
        row = QWidget()
        packed = packed_left(self.min_group_spin, unit)
        packed.setContentsMargins(0, 0, 0, 0)
        row.setLayout(packed)
        row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form.addRow(_t("min_group"), row)

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status_label = QLabel("")
        self.status_label.setObjectName("exportStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # package names: as written
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QPushButton(_t("export"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(_t("cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        self._cancelled_from_keyboard = False
        self.open_folder_button = QPushButton(_t("open_folder"))
        self.open_folder_button.setObjectName("openFolderButton")
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(_t("close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        for button in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.export_button.setEnabled(False)  # until the lists are read

    def _use_format(self) -> None:
        """Give the file the ending of the format chosen, keeping its folder and name."""
        typed = self.path_edit.text().strip()
        suffix = str(self.format_combo.currentData())
        if not typed or _format(Path(typed)) == suffix:
            return
        path = Path(typed)
        if format_of(path) is not None and path.suffix.lower() == ".zip":
            path = path.with_suffix("")  # study.dta.zip: its format is the inner ending
        ending = path.suffix.lower() in FORMATS
        self.path_edit.setText(str(path.with_suffix(suffix) if ending else Path(f"{path}{suffix}")))

    def _follow_path(self) -> None:
        """Show the format the file's ending names, as the core reads it."""
        number = self.format_combo.findData(_format(Path(self.path_edit.text().strip())))
        if number >= 0 and number != self.format_combo.currentIndex():
            self.format_combo.blockSignals(True)
            self.format_combo.setCurrentIndex(number)
            self.format_combo.blockSignals(False)

    def _update_language(self) -> None:
        chosen = Path(self.path_edit.text().strip())
        self.folder_check.setEnabled(can_unpack(chosen))
        labelled = format_of(chosen) is not None
        # load.R names the factor levels of a CSV export's select answers in this language,
        # codes or not: without it, an English analyst's R got the form's Spanish labels.
        factors = not labelled and chosen.suffix.lower() == ".zip"
        self.language_combo.setEnabled(self.labels_button.isChecked() or labelled or factors)
        codes_only = factors and not self.labels_button.isChecked()
        self.language_combo.setToolTip(_t("language_r") if codes_only else "")
        # Stata and SPSS files carry codes and labels together (value labels).
        for button in (self.codes_button, self.labels_button):
            button.setEnabled(not labelled)
            button.setToolTip(_t("values_both") if labelled else "")

    def _checklist(self, items: list[tuple[str, str]]) -> QListWidget:
        widget = QListWidget()
        _fill(widget, items)
        return widget

    # --- reading the lists off the GUI thread ----------------------------------------------

    def _start_reading_choices(self) -> None:
        self.progress_bar.setRange(0, 0)  # busy
        self.status_label.setText(_t("reading"))
        db = self.store_path
        worker = Worker(lambda _: export_choices(db))
        # No parent: a dialog closed (and deleted) while the lists are read must not take
        # a running thread with it; the pair lives in _READING until the thread ends.
        thread = QThread()
        worker.succeeded.connect(self._on_choices)
        worker.failed.connect(self._on_choices_failed)
        _READING[:] = [(t, w) for t, w in _READING if not t.isFinished()]
        app = QCoreApplication.instance()
        if app is not None and not _QUIT_WAITS:  # the app quitting waits, as for a merge
            app.aboutToQuit.connect(_wait_for_reading)
            _QUIT_WAITS.append(app)
        _READING.append((thread, worker))
        worker.start_on(thread)

    def _widen_for_titles(self) -> None:
        """Widen the dialog, within the screen, so that each form's title shows whole.

        The dialog took its width before the forms were read: at 1366×768 the study's
        fourth title read "… / Security-force represen…" with 400 pixels of the screen
        to spare. On a narrower screen ``keep_on_screen`` cuts it again (with a tip).
        """
        short = self.forms_list.sizeHintForColumn(0) - self.forms_list.viewport().width()
        if short > 0 and self.forms_list.isVisible():
            self.resize(self.width() + short, self.height())
            keep_on_screen(self)

    def is_ready(self) -> bool:
        """Return True once the lists are read (the export can start)."""
        return self._ready

    def _on_choices(self, choices: ExportChoices) -> None:
        for language in choices.languages:
            self.language_combo.addItem(language, language)
        # A person reads the form's actor and title ("Civil society — …"), as in *New
        # interview*; the id, which names the export's files, is in the tooltip.
        _fill(
            self.forms_list,
            [(fid, _form_name(title, choices.actors.get(fid))) for fid, title in choices.forms],
            tips={fid: fid for fid, _ in choices.forms},
        )
        language = current_language()
        _fill(self.cities_list, [(c, choices.city_label(c, language)) for c in choices.cities])
        self._widen_for_titles()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.status_label.setText("")
        self._ready = True
        self.export_button.setEnabled(self._thread is None)
        self.choices_loaded.emit()

    def _on_choices_failed(self, error: Exception) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self._on_failure(error)
        self.choices_loaded.emit()

    def _default_path(self) -> Path:
        remembered = QSettings().value(FOLDER_SETTING, "")
        folder = Path(str(remembered)) if remembered else self.store_path.parent / "exports"
        suffix = str(QSettings().value(FORMAT_SETTING, ".xlsx"))
        if suffix not in FORMATS:
            suffix = ".xlsx"
        return folder / f"fieldapp-{dt.date.today().isoformat()}{suffix}"

    def _browse(self) -> None:
        chosen = file_dialogs.save_file(self, _t("title"), self.path_edit.text(), _t("file_filter"))
        if chosen:
            self.path_edit.setText(chosen)

    # --- options ---------------------------------------------------------------------------

    def options(self) -> ExportOptions:
        """Return the options the dialog shows; a list with everything ticked filters nothing."""
        dates = self.dates_check.isChecked()
        states = _ticked(self.states_list, empty_is_all=False)
        return ExportOptions(
            labels=self.labels_button.isChecked(),
            language=self.language_combo.currentData(),
            form_ids=_ticked(self.forms_list),
            cities=_ticked(self.cities_list),
            states=() if len(states) == self.states_list.count() else states,
            drafts=DRAFT in states,
            date_from=_day(self.from_edit) if dates else None,
            date_to=_day(self.to_edit) if dates else None,
            deidentify=self.deidentify_check.isChecked(),
            times="hour" if self.hours_check.isChecked() else "date",
            min_group=self.min_group_spin.value(),
            about_language=current_language(),  # the app's, chosen in it or the system's
        )

    # --- running ---------------------------------------------------------------------------

    def start_export(self) -> None:
        if not self._ready or self._thread is not None:
            return
        out = Path(self.path_edit.text().strip()).expanduser()
        if out.suffix.lower() not in FORMATS:
            self._show_error(text("export.bad_extension", current_language(), path=out))
            return
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._show_error(
                text("export.write_failed", current_language(), path=out, error=os_reason(error))
            )
            return
        for widget in (self.forms_list, self.cities_list, self.states_list):
            if widget.count() and not _ticked(widget, empty_is_all=False):
                self._show_error(_t("nothing_chosen"))
                return
        self.export_result = None
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        self.status_label.setText("")
        self.open_folder_button.setEnabled(False)
        self._set_running(True)
        folder = self.folder_check.isEnabled() and self.folder_check.isChecked()
        job = ExportJob(self.store_path, out, self.options(), self.study_key, folder)
        store = self._state.store if self._state is not None else None
        if store is not None and store.keys.hides_sealed():  # read as the export starts
            job = dataclasses.replace(job, hide_sealed=True)
        worker = Worker(job.run)
        thread = QThread(self)
        worker.progressed.connect(self._on_progress)
        worker.succeeded.connect(self._on_success)
        worker.failed.connect(self._on_failure)
        thread.finished.connect(self._on_thread_finished)
        self._worker, self._thread = worker, thread
        worker.start_on(thread)

    def cancel_export(self) -> None:
        if self._worker is not None:
            self._worker.cancel_requested.set()
            # the keyboard, on Cancelar, goes back to Exportar when the export stops
            self._cancelled_from_keyboard = self.cancel_button.hasFocus()
            self.cancel_button.setEnabled(False)

    def is_running(self) -> bool:
        return self._thread is not None

    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.status_label.setText(
            text("export.progress", current_language(), done=done, total=total)
        )

    def _on_success(self, result: ExportResult) -> None:
        self.export_result = result
        self.progress_bar.setRange(0, max(result.interviews, 1))
        self.progress_bar.setValue(max(result.interviews, 1))
        message = text(
            "export.done", current_language(), interviews=result.interviews, path=result.path
        )
        for said in result.recoded:  # what de-identifying coarsened or left out, and why
            message += " " + said.text(current_language())
        same = result.copies_same_said()  # Central's copies the key shows to be one interview
        if same is not None:
            message += " " + same.text(current_language())
        warnings = result.warnings_said()
        if warnings is not None:
            message += " " + warnings.text(current_language())
        left_out = skipped_line(result.quarantined, current_language())
        if left_out:
            message += " " + left_out
        self.status_label.setText(message)
        grow_to_fit(self)
        self.open_folder_button.setEnabled(True)
        QSettings().setValue(FOLDER_SETTING, str(result.path.parent))
        QSettings().setValue(FORMAT_SETTING, str(self.format_combo.currentData()))
        self.finished_export.emit(result)

    def _on_failure(self, error: Exception) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        if isinstance(error, ExportCancelled):
            self.status_label.setText(error.text(current_language()))
            grow_to_fit(self)
        elif isinstance(error, FieldappError):
            self._show_error(error.text(current_language()))
        else:
            from fieldapp.ui.errors import describe_bug, write_log

            log = write_log(describe_bug(type(error), error.__traceback__))
            self._show_error(
                text("ui.unexpected", current_language(), error=type(error).__name__, log=log)
            )

    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = None
        self._worker = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        """Enable the buttons for a running export or not, the keyboard going with them.

        Started from the keyboard (*Exportar* had it), the keyboard goes to *Cancelar*
        while it runs (Space again cancels) and back to *Exportar* when it ends: the
        buttons it was on turned off under it and it fell to the first box, *Formato*,
        where an arrow key changed the format and the file's name mid-export.
        """
        buttons = (self.export_button, self.cancel_button)
        keyboard = self._cancelled_from_keyboard or any(button.hasFocus() for button in buttons)
        self._cancelled_from_keyboard = False
        self.cancel_button.setEnabled(running)  # before Exportar turns off under the keyboard
        if keyboard and running:
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.export_button.setEnabled(not running and self._ready)
        if keyboard and not running and self.export_button.isEnabled():
            self.export_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.close_button.setEnabled(not running)

    def _show_error(self, message: str) -> None:
        self.status_label.setText(f"{_t('failed')}: {message}")
        grow_to_fit(self)  # three lines must not squeeze the lists of forms and states

    def open_folder(self) -> None:
        if self.export_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.export_result.path.parent)))

    def reject(self) -> None:
        # Closing while an export runs cancels it and waits, so no thread outlives the dialog.
        if self._thread is not None:
            self.cancel_export()
            self._thread.quit()
            self._thread.wait()
        super().reject()


def _format(path: Path) -> str:
    """Return the format ``path`` names, as ``write_export`` reads it (study.dta.zip: .dta)."""
    statistics = format_of(path)
    return statistics.suffix if statistics is not None else path.suffix.lower()


def _form_name(title: str, actor: str | None) -> str:
    """Name a form as *New interview* does: by its actor first, else by its title."""
    return f"{actor_title(actor)} — {title}" if actor else title


def _fill(
    widget: QListWidget, items: list[tuple[str, str]], tips: dict[str, str] | None = None
) -> None:
    """Add ``(value, label)`` items, each ticked; the list grows to show up to four.

    A label too long for the dialog ends in "…" (whole in its tooltip, with the line
    ``tips`` gives the value) rather than putting a sideways scroll bar over the last
    line: the study's four forms showed three and a half behind one.
    """
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    for value, label in items:
        item = QListWidgetItem(label)
        said = "\n".join([label, *([tips[value]] if tips and value in tips else [])])
        item.setToolTip(plain_tip(said))  # a form title from a package: as written
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    row = widget.sizeHintForRow(0) if widget.count() else 20
    rows = min(widget.count(), 4)
    widget.setMaximumHeight(max(40, rows * row + 2 * widget.frameWidth() + 2))


def _ticked(widget: QListWidget, *, empty_is_all: bool = True) -> tuple[str, ...]:
    """Return the ticked values; () when all are ticked (no filter) and ``empty_is_all``."""
    values = []
    for row in range(widget.count()):
        item = widget.item(row)
        if item.checkState() == Qt.CheckState.Checked:
            values.append(str(item.data(Qt.ItemDataRole.UserRole)))
    if empty_is_all and len(values) == widget.count():
        return ()
    return tuple(values)


def _day(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())
