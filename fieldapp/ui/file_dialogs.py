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

As the system's dialog did, a name typed without an ending gets the ending of the type
shown, replacing a file is asked (in the app's words), and a dialog given no folder opens
in the last one chosen in this session, else Documents (not the working folder). Never in
Qt's own last folder of the run: after Browse… to the study key, the merge's Add files
showed the key's folder. The key's dialog (``private``) leaves no trace of its folder for
the next one.

Each function takes what the static function took: a title, a start folder or file path
(a file path selects that name in its folder) and a ``;;``-separated filter; each returns
what was chosen, or an empty answer when the dialog was cancelled.
"""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDir, QFileInfo, QSettings, QStandardPaths, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFileIconProvider,
    QHeaderView,
    QListView,
    QMessageBox,
    QSplitter,
    QTreeView,
    QWidget,
)

from fieldapp.core.messages import text
from fieldapp.ui.errors import confirmed
from fieldapp.ui.i18n import current_language
from fieldapp.ui.screen_fit import keep_on_screen

QT_SETTINGS = "QtProject"
"""The organization Qt's file dialog keeps its state under (all Qt programs share it)."""
VISITED = ("FileDialog/history", "FileDialog/lastVisited", "FileDialog/shortcuts")
"""What that state says of the folders a file dialog went to (or had put in its side bar)."""
SIZE = (860, 540)
"""The dialog's size where the screen has room (Qt's own, 632×408, cuts an export's name)."""
Label = QFileDialog.DialogLabel
PATTERN = re.compile(r"\*\.(\w+)")
"""A filter's pattern naming one ending ("*.xlsx"); "*" names none."""

_last_folder: list[str] = []
"""The folder of the last file or folder chosen in this session (in memory only) by a
dialog that was not ``private``."""


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


def save_file(
    parent: QWidget | None,
    title: str,
    start: str = "",
    filters: str = "",
    *,
    replaces: bool = True,
) -> str:
    """Ask where to save a file (replacing one is confirmed); return its path ("" if cancelled).

    ``replaces=False`` where the caller never writes over a file (a form's copy, a new
    database): a name taken is said at once and the dialog stays open, instead of a
    "Replace it?" whose Yes the caller then refused."""
    chosen = _ask(
        parent, title, start, filters, QFileDialog.FileMode.AnyFile, save=True, replaces=replaces
    )
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
    replaces: bool = True,
    private: bool = False,
) -> list[str]:
    """Run Qt's own file dialog modally; return the files chosen (none if cancelled)."""
    visited = _visited()
    # Given no folder, never Qt's last one of this run: it may be the study key's.
    dialog = _Dialog(parent, title, start or _where_to_start(), filters)
    # Not the dialog's: it must outlive the dialog's list, which asks it from a thread.
    types = _Types(current_language())
    dialog.setIconProvider(types)
    dialog.replaces = replaces
    dialog.setObjectName("fileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        _name_ends_as_its_type(dialog, start)
    _side_bar(dialog)
    _word(dialog, folders=mode == QFileDialog.FileMode.Directory)
    dialog.resize(*SIZE)
    keep_on_screen(dialog)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        chosen = [name for name in dialog.selectedFiles() if name] if accepted else []
        if chosen and not private:
            _last_folder[:] = [str(Path(chosen[0]).parent)]  # a path typed: its folder
        return chosen
    finally:
        # Destroyed now (not with its parent), so its state is written before it is undone.
        shiboken6.delete(dialog)
        del types  # after the dialog, whose list waited for its thread as it went
        _put_back(visited)


class _Dialog(QFileDialog):
    """Qt's widget dialog, asking before replacing a file in the app's words (Qt's
    Spanish asks "El fichero … ya existe. ¿Desea reemplazarlo?")."""

    def __init__(self, parent: QWidget | None, title: str, start: str, filters: str) -> None:
        super().__init__(parent, title, start, filters)
        self.setOption(QFileDialog.Option.DontConfirmOverwrite)
        self.replaces = True

    def accept(self) -> None:
        chosen = self.selectedFiles()
        if self.acceptMode() == QFileDialog.AcceptMode.AcceptSave and chosen:
            path = Path(chosen[0])
            if path.is_file() and not self._replaces(path):
                return  # still open, the name typed still there
        super().accept()

    def _replaces(self, path: Path) -> bool:
        language = current_language()
        if not self.replaces:
            said = text("ui.file_dialog_taken", language, name=path.name, folder=path.parent)
            QMessageBox.information(self, text("ui.file_dialog_taken_title", language), said)
            return False
        question = text("ui.file_dialog_replace", language, name=path.name, folder=path.parent)
        return confirmed(self, text("ui.file_dialog_replace_title", language), question)


class _Types(QFileIconProvider):
    """Qt's icons, and a file's type as the system says it ("documento Markdown"); the
    types Qt says itself in the app's words (``qtbase_es`` leaves "Folder" and "Drive"
    in English)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self._words = {
            kind: text(f"ui.file_dialog_type_{kind}", language)
            for kind in ("drive", "folder", "shortcut", "unknown")
        }

    def type(self, info: QFileInfo) -> str:
        # Qt's own order: a drive (a root), a file (its MIME type's words, which follow
        # the app's locale), a folder, a link to nothing.
        if info.isRoot():
            return self._words["drive"]
        if info.isFile():
            return super().type(info)
        if info.isDir():
            return self._words["folder"]
        return self._words["shortcut" if info.isSymLink() else "unknown"]


def _where_to_start() -> str:
    """The folder a dialog given none opens in: the last one chosen in this session, else
    the Documents folder, else home (Qt's own choice, the working folder, is where the app
    was started from: its install folder from a shortcut)."""
    if _last_folder and Path(_last_folder[0]).is_dir():
        return _last_folder[0]
    return _documents() or QDir.homePath()


def _documents() -> str:
    """The user's Documents folder, or "" where the system names none that exists."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else ""


def _name_ends_as_its_type(dialog: QFileDialog, start: str) -> None:
    """Give a name typed without an ending the ending of the type chosen below it (as the
    system's dialog did): "datos" saved as an Excel workbook is "datos.xlsx". The type
    shown first is the one the start file's name ends with."""
    ending = Path(start).suffix.lower()
    for name_filter in dialog.nameFilters():
        if ending and ending[1:] in PATTERN.findall(name_filter):
            dialog.selectNameFilter(name_filter)
            break

    def follow(name_filter: str) -> None:
        endings = PATTERN.findall(name_filter)
        dialog.setDefaultSuffix(endings[0] if endings else "")

    follow(dialog.selectedNameFilter())
    dialog.filterSelected.connect(follow)


def _side_bar(dialog: QFileDialog) -> None:
    """The side bar's places: the computer (its drives, a USB stick), home, Documents.
    Qt reads them from its settings, which keep none here (``_put_back``): without this,
    every dialog after the first had an empty side bar."""
    places = [QUrl("file:"), QUrl.fromLocalFile(QDir.homePath())]
    documents = _documents()
    if documents and Path(documents) != Path(QDir.homePath()):
        places.append(QUrl.fromLocalFile(documents))
    dialog.setSidebarUrls(places)
    side = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    if side is not None and splitter is not None:  # its names whole ("Docume" was cut)
        wanted = side.sizeHintForColumn(0) + 2 * side.frameWidth() + 8
        sizes = splitter.sizes()
        if len(sizes) == 2 and sizes[0] < wanted:
            splitter.setSizes([wanted, max(sizes[1] - (wanted - sizes[0]), 0)])


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
    kinds = dialog.findChild(QComboBox, "fileTypeCombo")
    if folders and kinds is not None and kinds.count() == 1:  # Qt's Spanish: "Directorios"
        kinds.setItemText(0, text("ui.file_dialog_folders", language))
    details = dialog.findChild(QTreeView, "treeView")
    if details is not None:
        header = details.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Qt's widths cut a size ("836…KiB"), a type and "Última modificación"
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


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
