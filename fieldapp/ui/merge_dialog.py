"""File › Merge other laptops…: pick devices' files or a folder, merge them off the GUI thread.

The merge runs in a worker thread with its own Store (SQLite connections belong to one
thread); the dialog shows a progress bar with Cancel and ends with a line per device:
what came in, or why that file was refused (a refused file changes nothing).

Before the drafts passphrase or the study key, what came in for sealed form versions is
counted, never named by form and city: the list leaves those interviews out, and so does
this, version by version (a form used in clear and then sealed: its clear version's
interviews are listed, so they are named; the sealed version's are counted). The
results are said again when the study key comes or goes (the idle lock forgets it): the
dialog, emptied while locked, comes back saying what the key now open allows, with what
a merge still running then did.

Quitting the app (``aboutToQuit``: a session logout ends every event loop, the dialog's
too) or closing the main window cancels a running merge and waits for it: the file in
progress is rolled back whole, as by the Cancel button, and the thread is never destroyed
running.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.merge import MergeReport, came_in, expand_sources, summary_lines
from fieldapp.core.merge_batch import (
    CANCELLED,
    PersonNames,
    Source,
    SourceOutcome,
    form_titles,
    is_own_package,
    merge_each,
    study_actors,
)
from fieldapp.core.messages import FieldappError, text
from fieldapp.ui import file_dialogs
from fieldapp.ui.errors import show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.layouts import widened_first
from fieldapp.ui.list_widgets import filled_item
from fieldapp.ui.plain import plain_tip
from fieldapp.ui.state import UiState

if TYPE_CHECKING:
    from fieldapp.core.store import Store

Result = MergeReport | FieldappError
REFUSED = QColor("#b00020")
"""Text colour of a device file that was refused."""
SKIPPED = QColor("#6b7580")
"""Text colour of a file that is this same database (the supervisor's own package)."""
PREFERRED_SIZE = (1000, 700)
"""The dialog's size before the screen's (fit_window): at 760×480, after two databases
were merged, the summary showed six lines of fifty and the new laptops' fingerprints to
check were below a scroll."""
ROWS_IN_VIEW = 8
"""The stick's files the list shows at least, one line each, without a scroll: at
1366×768 the summary, empty before the merge, took three quarters of the height and the
list showed three or four."""


class MergeThread(QThread):
    """Merge each source into the database at ``store_path``, one transaction per source."""

    progressed = Signal(int, int, int)
    """Source index, steps done, steps in all."""
    source_finished = Signal(int, object)
    """Source index, its MergeReport or the FieldappError that refused it."""

    def __init__(self, store_path: Path, sources: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.store_path = store_path
        self.sources = sources
        self.cancelled = threading.Event()
        self.titles: dict[str, str] = {}
        """Form id -> title, read before the first result is sent and again after a source
        that brought forms."""
        self.actors: dict[str, str] = {}
        """Form id -> the study's actor it serves, read with the titles."""
        self.sealed_versions: frozenset[str] = frozenset()
        """The sha256 of the form versions that seal, read with the titles."""
        self._read = False

    def run(self) -> None:
        from fieldapp.core.store import Store

        try:
            store = Store.open(self.store_path)
        except FieldappError as error:
            for index in range(len(self.sources)):
                self.source_finished.emit(index, error)
            return
        with store:
            # The same rule as `fieldapp merge`: each file on its own, the good ones merged.
            merge_each(
                store,
                [Source(path, in_folder=True) for path in self.sources],
                progress=self.progressed.emit,
                finished=lambda index, outcome: self._finished(store, index, outcome),
                cancel=self.cancelled.is_set,
            )

    def _finished(self, store: Store, index: int, outcome: SourceOutcome) -> None:
        report = outcome.report
        # Read at the first result, then again only when a file brought forms: the study's
        # actors parse every form, and nothing else changes the titles or what seals.
        if report is not None and (not self._read or report.forms):
            self._read = True
            self.titles = form_titles(store)
            self.actors = study_actors(store)
            self.sealed_versions = _sealed_versions(store)
        self.source_finished.emit(
            index, outcome.report if outcome.report is not None else outcome.error
        )


class MergeDialog(QDialog):
    """Merge other laptops' databases or packages into the database at ``store_path``."""

    merged = Signal(list)
    """Emitted at the end with the ids of every interview that received something."""

    def __init__(
        self,
        store_path: Path,
        parent: QWidget | None = None,
        *,
        hides_sealed: Callable[[], bool] = lambda: False,
        state: UiState | None = None,
    ) -> None:
        """``hides_sealed``: whether the desktop has no passphrase nor study key yet
        (``keys.hides_sealed`` of its store), asked as each result is said: a merge may
        bring the first sealed forms. ``state``: its study key's coming and going says
        the results again."""
        super().__init__(parent)
        self.store_path = Path(store_path)
        self._hides_sealed = hides_sealed
        self.sources: list[Path] = []
        self.results: dict[int, Result] = {}
        self.work_thread: MergeThread | None = None
        self.titles: dict[str, str] = {}
        """Form id -> title, as the merge last read them (it may bring forms)."""
        self.actors: dict[str, str] = {}
        """Form id -> the study's actor it serves, read with the titles."""
        self.sealed_versions: frozenset[str] = frozenset()
        """The sha256 of the form versions that seal, read with the titles."""
        if state is not None:
            state.study_key_changed.connect(self._say_again)
        language = current_language()
        self._language = language
        self.setWindowTitle(text("merge.ui.title", language))
        self.resize(*PREFERRED_SIZE)

        intro = QLabel(text("merge.ui.intro", language))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(
            [text("merge.ui.col_device", language), text("merge.ui.col_result", language)]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # the arrows walk the files; Tab goes on
        header = self.table.horizontalHeader()
        self.table.setMinimumHeight(
            2 * self.table.frameWidth()
            + header.sizeHint().height()
            + ROWS_IN_VIEW * self.table.verticalHeader().defaultSectionSize()
        )
        # as Remove does, from the keyboard: the list is where the files are chosen
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            take_off = QShortcut(QKeySequence(key), self.table)
            take_off.setContext(Qt.ShortcutContext.WidgetShortcut)
            take_off.activated.connect(self._remove_from_keyboard)

        self.add_files_button = QPushButton(text("merge.ui.add_files", language))
        self.add_folder_button = QPushButton(text("merge.ui.add_folder", language))
        self.remove_button = QPushButton(text("merge.ui.remove", language))
        self.remove_button.setToolTip(text("merge.ui.remove_tip", language))
        self.merge_button = QPushButton(text("merge.ui.start", language))
        self.merge_button.setDefault(True)
        self.cancel_button = QPushButton(text("merge.ui.cancel", language))
        self.close_button = QPushButton(text("merge.ui.close", language))
        self.show_came_in_button = QPushButton(text("merge.ui.show_came_in", language))
        self.show_came_in_button.setToolTip(text("merge.ui.show_came_in_tip", language))
        self.show_came_in_button.clicked.connect(self._show_came_in)
        self.came_in: list[str] = []
        """The interviews the last merge brought something to."""
        self.came_in_asked = False
        """Closed by *Show what came in*: the list is to show ``came_in`` only."""
        self.add_files_button.clicked.connect(self._pick_files)
        self.add_folder_button.clicked.connect(self._pick_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.merge_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # package names: as written
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setMaximumBlockCount(5000)
        self.summary.hide()  # empty until a merge says something: the files take the room
        # In an area of its own: the idle lock hides the dialog's direct children, and a
        # result shown while locked must stay under that veil.
        self.summary_area = QWidget()
        in_area = QVBoxLayout(self.summary_area)
        in_area.setContentsMargins(0, 0, 0, 0)
        in_area.addWidget(self.summary)

        sources_buttons = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            sources_buttons.addWidget(button)
        sources_buttons.addStretch()
        actions = widened_first(
            self.progress,
            self.merge_button,
            self.cancel_button,
            self.show_came_in_button,
            self.close_button,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(sources_buttons)
        # Before a merge the files take the height; after, the summary holds what is to
        # be read (each laptop's fingerprint to check) and takes what the files leave
        # over their ROWS_IN_VIEW lines.
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.summary_area)  # stretched once the summary shows
        self._layout = layout
        self._set_running(False)

    # --- choosing sources -------------------------------------------------------------------

    def add_sources(self, paths: list[Path]) -> None:
        """Add files, and the database files inside folders, skipping ones already listed."""
        try:
            found = [
                (Path(given), path)
                for given in paths
                for path in expand_sources([Path(given)], exclude=self.store_path)
            ]
        except FieldappError as error:
            show_error(self, error)
            return
        for given, path in found:
            if path in self.sources:
                continue
            self.sources.append(path)
            row = self.table.rowCount()
            self.table.insertRow(row)
            # a folder per laptop: "TJ01/paquete.fieldapp", where two may share a name
            shown = path.relative_to(given) if given.is_dir() else Path(path.name)
            name = QTableWidgetItem(shown.as_posix())
            name.setToolTip(plain_tip(str(path)))  # a stick's file name: as written
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(""))
            self._default_to(self.merge_button)  # a file to merge: Enter merges
        self._set_running(False)

    def _default_to(self, button: QPushButton) -> None:
        """Make ``button`` the one Enter presses (the dialog's default)."""
        for each in (self.merge_button, self.show_came_in_button, self.close_button):
            each.setDefault(each is button)

    def _pick_files(self) -> None:
        names = file_dialogs.open_files(
            self,
            text("merge.ui.add_files", self._language),
            "",
            text("merge.ui.files_filter", self._language),
        )
        self._added_from_button([Path(name) for name in names])

    def _pick_folder(self) -> None:
        folder = file_dialogs.folder(self, text("merge.ui.add_folder", self._language))
        if folder:
            self._added_from_button([Path(folder)])

    def _added_from_button(self, paths: list[Path]) -> None:
        """Add what was chosen; files now listed, the keyboard goes on to *Fusionar*.

        Left on *Añadir archivos…*, Enter (the dialog's default, *Fusionar*, by its look)
        opened the file dialog again: the focused button takes Enter.
        """
        listed = len(self.sources)
        self.add_sources(paths)
        if len(self.sources) > listed and self.merge_button.isEnabled():
            self.merge_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
            del self.sources[row]
        self._set_running(False)

    def _remove_from_keyboard(self) -> None:
        """Remove the chosen files, as *Remove* does; the next file becomes current."""
        if not self.remove_button.isEnabled():  # not while merging
            return
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return
        self._remove_selected()
        if self.table.rowCount():
            self.table.selectRow(min(min(rows), self.table.rowCount() - 1))

    # --- merging ----------------------------------------------------------------------------

    def start(self) -> None:
        """Merge every listed source in a worker thread."""
        if not self.sources or self.work_thread is not None:
            return
        self.results = {}
        self.summary.clear()
        for row in range(self.table.rowCount()):
            filled_item(self.table, row, 1).setText("")
        self.progress.setValue(0)
        self.work_thread = MergeThread(self.store_path, list(self.sources), self)
        self.work_thread.progressed.connect(self._on_progress)
        self.work_thread.source_finished.connect(self._on_source_finished)
        self.work_thread.finished.connect(self._on_finished)
        self._set_running(True)
        # A quit ends the dialog's event loop, not the thread: it must not outlive the app.
        _application().aboutToQuit.connect(self.stop)
        self.work_thread.start()

    def cancel(self) -> None:
        """Stop after rolling back the file in progress; files already merged stay merged."""
        if self.work_thread is not None:
            self.work_thread.cancelled.set()
            self.cancel_button.setEnabled(False)

    def stop(self) -> None:
        """Cancel a running merge and wait for it (the app quits, its window closes).

        The file in progress is rolled back whole; the results already sent are said, so
        that the dialog ends as after its Cancel button.
        """
        thread = self.work_thread
        if thread is None:
            return
        self.cancel()
        thread.wait()
        # Its results and its end wait in the queue of a loop that may not run again.
        QCoreApplication.sendPostedEvents(self)
        if self.work_thread is thread:  # its ``finished`` was not queued to this dialog
            self._on_finished()

    def _on_progress(self, index: int, done: int, total: int) -> None:
        count = len(self.sources)
        self.progress.setValue(int(1000 * (index + done / max(total, 1)) / max(count, 1)))
        self.status.setText(
            text(
                "merge.ui.merging",
                self._language,
                current=index + 1,
                total=count,
                name=self.sources[index].name,
            )
        )

    def _on_source_finished(self, index: int, result: Result) -> None:
        self.results[index] = result
        if self.work_thread is not None and isinstance(result, MergeReport):
            self.titles = self.work_thread.titles
            self.actors = self.work_thread.actors
            self.sealed_versions = self.work_thread.sealed_versions
        self._add_to_summary(self._say(index))

    def _say_again(self) -> None:
        """Say every result again, as the key now open allows (named, or counted)."""
        self.summary.clear()
        for index in sorted(self.results):
            self._add_to_summary(self._say(index))

    def _add_to_summary(self, lines: list[str]) -> None:
        """Add one file's lines to the summary, a blank line from the file before."""
        if not self.summary.document().isEmpty():
            lines = ["", *lines]
        if self.summary.isHidden():
            self.summary.show()
            self._layout.setStretchFactor(self.summary_area, 3)
        self.summary.appendPlainText("\n".join(lines))

    def _summary(self, report: MergeReport, names: PersonNames) -> list[str]:
        return summary_lines(
            report,
            self._language,
            form_name=names.form,
            city_name=names.city,  # a study city by its name (nuevo_laredo: Nuevo Laredo)
            form_order=names.order,
        )

    def _say(self, index: int) -> list[str]:
        """Write source ``index``'s result on its row; return its lines for the summary.

        A sealed form version's interviews are named by form and city only while a key is
        open; else counted. The newest titles and sealed versions are read for every
        result: a later file may have sealed a form an earlier one brought.
        """
        result = self.results[index]
        item = filled_item(self.table, index, 1)
        if isinstance(result, MergeReport):
            # a study form by its actor ("Civil society"), another by its title
            names = PersonNames(self.titles, actors=self.actors, language=self._language)
            lines = self._summary(result, names)
            shown, hidden = _without_sealed(result, self.sealed_versions)
            if (hidden or shown != result) and self._hides_sealed():  # the totals stay
                lines[1:] = self._summary(shown, names)[1:]
                lines.append("  " + text("store.sealed_hidden", self._language, count=hidden))
            # the totals, without the 0s (a supervisor's package brings forms alone)
            counts = came_in(result, self._language)
            said = [counts] if counts else []
            if result.new_devices:  # their fingerprints are to check: said below, per device
                count = len(result.new_devices)
                said.append(text("ui.merge_new_devices", self._language, count=count))
            if result.set_aside:  # which device's, and why: said below
                said.append(text("ui.merge_set_aside", self._language, count=len(result.set_aside)))
            if result.left_out:  # which interviews, and what to do: said below
                said.append(text("ui.merge_left_out", self._language, count=len(result.left_out)))
            if result.taken_back:  # their signatures came: said below, per device
                count = len(result.taken_back)
                said.append(text("ui.merge_taken_back", self._language, count=count))
            # nothing new: the summary's own words, without the path the row names
            item.setText(
                f"{', '.join(said)}." if said else lines[0].removeprefix(f"{result.source}: ")
            )
        elif is_own_package(result):
            # the supervisor's own package beside the laptops' ones: nothing to alarm about
            path = self.sources[index].name
            lines = [text("merge.skipped_same_database", self._language, path=path)]
            item.setText(lines[0].split(": ", 1)[-1])
            item.setForeground(SKIPPED)
        else:
            lines = [result.text(self._language)]
            item.setText(lines[0])
            # cancelled by the supervisor: nothing wrong with the file, unlike a refused one
            item.setForeground(SKIPPED if result.code == CANCELLED else REFUSED)
        item.setToolTip(plain_tip("\n".join(lines)))
        self.table.resizeRowToContents(index)
        return lines

    def _on_finished(self) -> None:
        thread, self.work_thread = self.work_thread, None
        if thread is None:  # said already by ``stop``
            return
        _application().aboutToQuit.disconnect(self.stop)
        cancelled = thread.cancelled.is_set()
        reports = [r for r in self.results.values() if isinstance(r, MergeReport)]
        failed = [
            r
            for r in self.results.values()
            if isinstance(r, FieldappError) and not is_own_package(r) and r.code != CANCELLED
        ]
        skipped = sum(is_own_package(r) for r in self.results.values())
        if cancelled:
            self.status.setText(text("merge.ui.cancelled", self._language, merged=len(reports)))
            for row in range(len(self.sources)):
                if row not in self.results:  # never reached: say so, not a blank
                    item = filled_item(self.table, row, 1)
                    item.setText(text("merge.ui.not_reached", self._language))
                    item.setForeground(SKIPPED)
        else:
            self.progress.setValue(1000)
            conflicts = sum(len(r.new_conflicts) for r in reports)
            # what to do next, as the terminal's last line says it
            next_steps = [
                text(code, self._language)
                for code, needed in (
                    ("merge.ui.refused_next", failed),
                    ("merge.ui.conflicts_next", conflicts),
                )
                if needed
            ]
            self.status.setText(
                text(
                    "merge.ui.done",
                    self._language,
                    merged=len(reports),
                    total=len(self.sources),
                    failed=len(failed),
                    conflicts=conflicts,
                )
                + (text("ui.merge_skipped", self._language, n=skipped) if skipped else "")
                + "".join(f" {step}" for step in next_steps)
            )
        self._set_running(False)
        thread.deleteLater()
        changed = sorted({sid for r in reports for sid in r.changed_submissions})
        self.came_in = changed
        self.show_came_in_button.setEnabled(bool(changed))
        if not cancelled:
            # Every file listed was merged: Enter shows what came in, or closes. It merged
            # the same files again ("nothing new", a second summary under the first).
            self._default_to(self.show_came_in_button if changed else self.close_button)
        self.merged.emit(changed)

    def _set_running(self, running: bool) -> None:
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            button.setEnabled(not running)
        self.merge_button.setEnabled(not running and bool(self.sources))
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self.show_came_in_button.setEnabled(not running and bool(self.came_in))

    def _show_came_in(self) -> None:
        self.came_in_asked = True
        self.accept()

    def reject(self) -> None:
        if self.work_thread is not None:  # Escape or the window's close box while merging
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)


def _application() -> QCoreApplication:
    app = QCoreApplication.instance()
    assert app is not None, "a dialog exists only in a running application"
    return app


def _sealed_versions(store: Store) -> frozenset[str]:
    """Return the sha256 of the form versions that seal their interviews: the notes the
    list reads to leave them out (``sealing.SEALED_SUBMISSIONS``)."""
    from fieldapp.core.store import sealing

    store.keys.has_sealed_forms()  # notes the answer for the forms this merge brought
    return frozenset(sha for sha, seals in sealing.known_sealed_forms(store.conn).items() if seals)


def _without_sealed(report: MergeReport, sealed: frozenset[str]) -> tuple[MergeReport, int]:
    """Return the report without the sealed versions' groups and conflicts (form and city
    of a sealed interview, side by side), and how many of their interviews came in.

    By version, as the list: a form used in clear and then sealed keeps its clear
    version's interviews named (the list shows them), and counts only the sealed one's."""
    groups = tuple(g for g in report.groups if g.form_sha256 not in sealed)
    conflicts = tuple(c for c in report.conflicts if c.form_sha256 not in sealed)
    hidden = sum(g.interviews for g in report.groups if g.form_sha256 in sealed)
    hidden = hidden or len(report.conflicts) - len(conflicts)  # a decision came in alone
    return dataclasses.replace(report, groups=groups, conflicts=conflicts), hidden
