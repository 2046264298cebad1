"""File › Package for the supervisor…: the `fieldapp package` command, in the window.

The researcher picks the USB stick (or shared folder); the package is written by a worker
thread with its own connection, after the window's own store has saved every open draft
(so a sealed form's drafts, whose key only that store holds, need no second passphrase).
The checks are the command line's: the name gets the .fieldapp suffix merge looks for,
and nothing but an earlier package of this database is ever written over.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.ui import file_dialogs
from fieldapp.ui.errors import show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.layouts import widened_first
from fieldapp.ui.named import named, restyled
from fieldapp.ui.new_interview import INTERVIEWER_SETTING
from fieldapp.ui.screen_fit import fit_window, grow_to_fit
from fieldapp.ui.store_thread import StoreThread, WorkDialog

if TYPE_CHECKING:
    from fieldapp.core.store import Store

FOLDER_SETTING = "package/folder"
"""The folder last used on this laptop for a package or a form's copy (a stick, most
often): both dialogs start there. A folder, never a file's name."""
FULL = 1000
"""The progress bar's maximum: the share of the package written, per mille."""


class PackageThread(StoreThread):
    """Write the package of the database at ``db_path`` to ``out``.

    ``done`` carries the PackageReport, or the FieldappError that stopped it (one that
    says the package was cancelled after ``cancel``).
    """

    progressed = Signal(int, int)
    """Per mille written to the target, and ``FULL`` (queued to the dialog's thread)."""

    def __init__(self, db_path: Path, out: Path, parent: QWidget | None = None) -> None:
        super().__init__(db_path, parent)
        self.out = out
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop writing: the target folder is left as it was."""
        self._cancel.set()

    def work(self, store: Store) -> Any:
        from fieldapp.core.package import check_target, write_package

        check_target(store, self.out)
        return write_package(
            store, self.out, progress=self._progressed, cancelled=self._cancel.is_set
        )

    def _progressed(self, written: int, total: int) -> None:
        # Bytes of a large package overflow a Qt int: a share of a thousand does not.
        self.progressed.emit(written * FULL // max(total, 1), FULL)


class PackageDialog(WorkDialog):
    """Choose the folder and file name, write the package, say what it holds."""

    written = Signal(object)
    """The PackageReport of a package written."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.work_thread: PackageThread | None = None
        self._keyboard_was: QWidget | None = None
        """Where the keyboard was when the package was asked for: it goes back there when
        the package is refused or cancelled (the name, or the folder, to mend)."""
        self.language = current_language()
        t = self._t
        # the certified supervisor's package goes the other way: to every laptop
        hers = _is_supervisor(getattr(window, "store", None))
        self.setWindowTitle(t("title_supervisor" if hers else "title"))
        intro = named(
            QLabel(t("intro_supervisor" if hers else "intro"), wordWrap=True), "packageIntro"
        )
        self.folder_edit = named(QLineEdit(), "packageFolder")
        self.folder_edit.setText(str(QSettings().value(FOLDER_SETTING, "") or ""))
        self.choose_button = QPushButton(t("choose_button"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.name_edit = named(QLineEdit(), "packageName")
        self.name_edit.setText(default_name("supervision" if hers else None))
        form = QFormLayout()
        # Alt and the underlined letter reach each part, as in the other desks' forms
        folder_label = QLabel(t("folder"))
        folder_label.setBuddy(self.folder_edit)
        name_label = QLabel(t("name"))
        name_label.setBuddy(self.name_edit)
        form.addRow(folder_label, widened_first(self.folder_edit, self.choose_button))
        form.addRow(name_label, self.name_edit)
        self.progress = QProgressBar()
        self.progress.setRange(0, FULL)
        self.progress.setTextVisible(False)
        self.status = named(QLabel(wordWrap=True), "packageStatus")
        self.write_button = QPushButton(t("write"))
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.start)
        self.cancel_button = named(QPushButton(t("cancel")), "packageCancel")
        self.cancel_button.setToolTip(t("cancel_tip"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.close_button = QPushButton(t("close"))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(
            widened_first(self.progress, self.write_button, self.cancel_button, self.close_button)
        )
        layout.addWidget(self.status)
        fit_window(self, "package", (560, self.sizeHint().height()))

    def _t(self, key: str, **params: Any) -> str:
        return text(f"package.ui.{key}", self.language, **params)

    def _say(self, message: str, *, failed: bool = False) -> None:
        """Show ``message`` below the buttons, the dialog growing to hold all its lines;
        in the style of an error when the package was not written (``failed``)."""
        self.status.setText(message)
        restyled(self.status, "role", "error" if failed else "")
        grow_to_fit(self)

    def choose_folder(self) -> None:
        """Ask for the folder. One chosen puts the keyboard on *Write package*: left on
        this button, Enter opened the folder dialog again; a message that no folder was
        chosen goes with it."""
        folder = file_dialogs.folder(self, self._t("choose"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            if self.status.property("role") == "error":
                self._say("")
            self.write_button.setFocus()

    def target(self) -> Path | None:
        """Return the package file to write, or say what is missing and return None."""
        from fieldapp.core.package import mergeable_name

        folder = self.folder_edit.text().strip()
        name = self.name_edit.text().strip()
        if not folder:
            self._say(self._t("no_folder"), failed=True)
            return None
        if not Path(folder).is_dir():
            self._say(self._t("folder_missing", path=folder), failed=True)
            return None
        if not name or Path(name).name != name:
            self._say(self._t("no_name"), failed=True)
            return None
        return mergeable_name(Path(folder) / name)

    def start(self) -> None:
        from fieldapp.core.package import has_open_drafts, save_open_drafts

        out = self.target()
        if out is None or self.is_running():
            return
        store = self.window_.store
        try:
            if has_open_drafts(store):
                if store.keys.has_sealed_forms() and not self.window_.unlock_drafts():
                    return
                save_open_drafts(store)
        except FieldappError as error:
            show_error(self, error)
            return
        QSettings().setValue(FOLDER_SETTING, str(out.parent))
        self._keyboard_was = QApplication.focusWidget()
        self._say(self._t("writing", path=str(out)))
        self.progress.setRange(0, 0)  # busy until the copy to the target begins
        self._set_running(True)
        thread = PackageThread(self.window_.db_path, out, self)
        thread.progressed.connect(self._progressed)
        self.start_work(thread, self._finished)

    def cancel(self) -> None:
        """Stop the package being written (Esc does the same): nothing is left behind."""
        if self.work_thread is not None and self.is_running():
            self.work_thread.cancel()
            self.cancel_button.setEnabled(False)
            self._say(self._t("cancelling"))

    def reject(self) -> None:
        if self.is_running():
            self.cancel()
            return
        super().reject()

    def _progressed(self, written: int, total: int) -> None:
        if self.is_running():
            self.progress.setRange(0, total)
            self.progress.setValue(written)

    def _finished(self, result: Any) -> None:
        self.progress.setRange(0, FULL)
        self._set_running(False)
        # Cancel, hidden, left the keyboard to whatever came next (Close): Enter then
        # closed the dialog and the message with it, the name to mend out of reach.
        was, self._keyboard_was = self._keyboard_was, None
        if isinstance(result, FieldappError):
            self.progress.setValue(0)
            self._say(result.text(self.language), failed=True)
            if was is None or not (self.isAncestorOf(was) and was.isEnabled()):
                was = self.write_button
            was.setFocus()
            return
        self.progress.setValue(FULL)
        self._say(result.said(self.language))
        self.close_button.setFocus()  # written: Enter closes, not a second package
        self.written.emit(result)

    def _set_running(self, running: bool) -> None:
        for part in (self.write_button, self.close_button, self.choose_button):
            part.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setTextVisible(running)
        if running:
            self.cancel_button.setFocus()
        self.folder_edit.setReadOnly(running)
        self.name_edit.setReadOnly(running)


def _is_supervisor(store: Any) -> bool:
    """Whether ``store`` (the window's, None before one opens) is the study's certified
    supervisor's database, whose package carries reviews, targets and forms to the team."""
    from fieldapp.core.devices import supervisors

    return store is not None and store.device_id in supervisors(store.conn)


def default_name(code: str | None = None) -> str:
    """Return e.g. TJ01-2026-10-15.fieldapp: the researcher's code (or ``code``) and
    today's date."""
    if code is None:
        code = str(QSettings().value(INTERVIEWER_SETTING, "") or "").strip()
    safe = "".join(c for c in code if c.isalnum() or c in "-_") or "laptop"
    return f"{safe}-{dt.date.today().isoformat()}.fieldapp"
