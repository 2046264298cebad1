"""Every file dialog of the app: Qt's own, modal, so the idle lock can empty it.

QFileDialog's static functions (its ``get…`` ones) show the system's dialog on
Windows and macOS. That dialog is no Qt widget: the idle lock (``ui/lock.py``) could
neither hide nor empty it, and it kept showing its folder's file names (interview
exports, a key file) on a locked laptop. Here every dialog is Qt's own widget dialog
(``DontUseNativeDialog``), run with ``exec()``: the lock empties it like any modal dialog
and gives it back after the passphrase with what was typed or selected, and the caller
gets the answer of the button pressed then. ``tests/ui/test_file_dialogs.py`` fails if
another module of the app names QFileDialog or calls its static functions.

Qt's dialog writes the folders it visited (``FileDialog/history``, ``lastVisited``) to
the user's Qt settings when it is destroyed; those are put back as they were, so the
settings do not say where a key file or an export lives.

Qt also keeps the last folder visited in the process and opens a dialog given no start
folder there: after Browse… to the study key, the merge's Add files showed the key's
folder. A dialog given none starts where the last one that was not the key's ended
(``_last_folder``), else in the home folder; the key's dialog (``private``) leaves no
trace of its folder for the next one.

Each function takes what the static function took: a title, a start folder or file path
(a file path selects that name in its folder) and a ``;;``-separated filter; each returns
what was chosen, or an empty answer when the dialog was cancelled.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

from fieldapp.core.messages import text
from fieldapp.ui.i18n import current_language
from fieldapp.ui.screen_fit import keep_on_screen

QT_SETTINGS = "QtProject"
"""The organization Qt's file dialog keeps its state under (all Qt programs share it)."""
VISITED = ("FileDialog/history", "FileDialog/lastVisited", "FileDialog/shortcuts")
"""What that state says of the folders a file dialog went to (or had put in its side bar)."""
SIZE = (860, 540)
"""The dialog's size where the screen has room (Qt's own, 632×408, cuts an export's name)."""
Label = QFileDialog.DialogLabel
_last_folder: list[str] = []
"""The folder the last dialog that was not ``private`` ended in, this run."""


def open_file(
    parent: QWidget | None,
    title: str,
    start: str = "",
    filters: str = "",
    *,
    private: bool = False,
) -> str:
    """Ask for one existing file; return its path ("" if cancelled). ``private``: where it
    was is no other dialog's start (the study key's file)."""
    chosen = _ask(parent, title, start, filters, QFileDialog.FileMode.ExistingFile, private=private)
    return chosen[0] if chosen else ""


def open_files(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> list[str]:
    """Ask for existing files; return their paths (none if cancelled)."""
    return _ask(parent, title, start, filters, QFileDialog.FileMode.ExistingFiles)


def save_file(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> str:
    """Ask where to save a file (replacing one is confirmed); return its path ("" if cancelled)."""
    chosen = _ask(parent, title, start, filters, QFileDialog.FileMode.AnyFile, save=True)
    return chosen[0] if chosen else ""


def folder(parent: QWidget | None, title: str, start: str = "") -> str:
    """Ask for an existing folder; return its path ("" if cancelled)."""
    chosen = _ask(parent, title, start, "", QFileDialog.FileMode.Directory)
    return chosen[0] if chosen else ""


def _ask(
    parent: QWidget | None,
    title: str,
    start: str,
    filters: str,
    mode: QFileDialog.FileMode,
    *,
    save: bool = False,
    private: bool = False,
) -> list[str]:
    """Run Qt's own file dialog modally; return the files chosen (none if cancelled)."""
    visited = _visited()
    if not start:  # never Qt's last folder of this run: it may be the study key's
        start = _last_folder[0] if _last_folder else str(Path.home())
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    _word(dialog, folders=mode == QFileDialog.FileMode.Directory)
    dialog.resize(*SIZE)
    keep_on_screen(dialog)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        if accepted and not private:
            _last_folder[:] = [dialog.directory().absolutePath()]
        return [name for name in dialog.selectedFiles() if name] if accepted else []
    finally:
        # Destroyed now (not with its parent), so its state is written before it is undone.
        shiboken6.delete(dialog)
        _put_back(visited)


def _word(dialog: QFileDialog, *, folders: bool) -> None:
    """Say the labels Qt's Spanish leaves in English in the app's language; give the
    files' names the list's spare width."""
    language = current_language()
    name = "ui.file_dialog_folder" if folders else "ui.file_dialog_file_name"
    for label, code in (
        (Label.LookIn, "ui.file_dialog_look_in"),
        (Label.FileName, name),
        (Label.FileType, "ui.file_dialog_file_type"),
    ):
        dialog.setLabelText(label, text(code, language))
    details = dialog.findChild(QTreeView, "treeView")
    if details is not None:
        details.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _visited() -> dict[str, object]:
    """Return the folders Qt's settings say file dialogs visited, before this one."""
    settings = QSettings(QSettings.Scope.UserScope, QT_SETTINGS)
    return {key: settings.value(key) for key in VISITED if settings.contains(key)}


def _put_back(visited: dict[str, object]) -> None:
    """Undo what the dialog just wrote of the folders it visited."""
    settings = QSettings(QSettings.Scope.UserScope, QT_SETTINGS)
    for key in VISITED:
        if key in visited:
            settings.setValue(key, visited[key])
        else:
            settings.remove(key)
    settings.sync()
