"""File › Package for the supervisor…: the `fieldapp package` command, in the window.

The researcher picks the USB stick (or shared folder); the package is written by a worker
thread with its own connection, after the window's own store has saved every open draft
(so a sealed form's drafts, whose key only that store holds, need no second passphrase).
The checks are the command line's: the name gets the .fieldapp suffix merge looks for,
and nothing but an earlier package of this database is ever written over.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.ui.errors import show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.layouts import widened_first
from fieldapp.ui.named import named
from fieldapp.ui.new_interview import INTERVIEWER_SETTING
from fieldapp.ui.screen_fit import fit_window, grow_to_fit
from fieldapp.ui.store_thread import StoreThread, WorkDialog

if TYPE_CHECKING:
    from fieldapp.core.store import Store

FOLDER_SETTING = "package/folder"


class PackageThread(StoreThread):
    """Write the package of the database at ``db_path`` to ``out``.

    ``done`` carries the PackageReport, or the FieldappError that stopped it.
    """

    def __init__(self, db_path: Path, out: Path, parent: QWidget | None = None) -> None:
        super().__init__(db_path, parent)
        self.out = out

    def work(self, store: Store) -> Any:
        from fieldapp.core.package import check_target, write_package

        check_target(store, self.out)
        return write_package(store, self.out)


class PackageDialog(WorkDialog):
    """Choose the folder and file name, write the package, say what it holds."""

    written = Signal(object)
    """The PackageReport of a package written."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.work_thread: PackageThread | None = None
        self.language = current_language()
        t = self._t
        self.setWindowTitle(t("title"))
        intro = QLabel(t("intro"), wordWrap=True)
        self.folder_edit = named(QLineEdit(), "packageFolder")
        self.folder_edit.setText(str(QSettings().value(FOLDER_SETTING, "") or ""))
        self.choose_button = QPushButton(t("choose"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.name_edit = named(QLineEdit(), "packageName")
        self.name_edit.setText(default_name())
        form = QFormLayout()
        form.addRow(t("folder"), widened_first(self.folder_edit, self.choose_button))
        form.addRow(t("name"), self.name_edit)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setTextVisible(False)
        self.status = named(QLabel(wordWrap=True), "packageStatus")
        self.write_button = QPushButton(t("write"))
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.start)
        self.close_button = QPushButton(t("close"))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(widened_first(self.progress, self.write_button, self.close_button))
        layout.addWidget(self.status)
        fit_window(self, "package", (560, self.sizeHint().height()))

    def _t(self, key: str, **params: Any) -> str:
        return text(f"package.ui.{key}", self.language, **params)

    def _say(self, message: str) -> None:
        """Show ``message`` below the buttons, the dialog growing to hold all its lines."""
        self.status.setText(message)
        grow_to_fit(self)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self._t("choose"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def target(self) -> Path | None:
        """Return the package file to write, or say what is missing and return None."""
        from fieldapp.core.package import mergeable_name

        folder = self.folder_edit.text().strip()
        name = self.name_edit.text().strip()
        if not folder:
            self._say(self._t("no_folder"))
            return None
        if not Path(folder).is_dir():
            self._say(self._t("folder_missing", path=folder))
            return None
        if not name or Path(name).name != name:
            self._say(self._t("no_name"))
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
        self._say(self._t("writing", path=str(out)))
        self.progress.setRange(0, 0)  # busy: SQLite's backup gives no count worth showing
        self._set_running(True)
        self.start_work(PackageThread(self.window_.db_path, out, self), self._finished)

    def _finished(self, result: Any) -> None:
        self.progress.setRange(0, 1)
        self._set_running(False)
        if isinstance(result, FieldappError):
            self.progress.setValue(0)
            self._say(result.text(self.language))
            return
        self.progress.setValue(1)
        self._say(result.said(self.language))
        self.written.emit(result)

    def _set_running(self, running: bool) -> None:
        for part in (self.write_button, self.close_button, self.choose_button):
            part.setEnabled(not running)
        self.folder_edit.setReadOnly(running)
        self.name_edit.setReadOnly(running)


def default_name() -> str:
    """Return e.g. TJ01-2026-10-15.fieldapp: the researcher's code and today's date."""
    code = str(QSettings().value(INTERVIEWER_SETTING, "") or "").strip()
    safe = "".join(c for c in code if c.isalnum() or c in "-_") or "laptop"
    return f"{safe}-{dt.date.today().isoformat()}.fieldapp"
