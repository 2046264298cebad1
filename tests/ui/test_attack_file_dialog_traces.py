"""Attacks on *(dialogs)*: what Qt's own file dialog leaves behind on a seized laptop.

Every file dialog is now Qt's widget dialog (``ui/file_dialogs.py``), which writes the
folders it visited to the user's Qt settings ("QtProject") when it is destroyed, and
keeps them in the process for the next dialog. The study key's Browse… was tested alone;
here the key is chosen first, then the other dialogs are used one after the other (the
merge's files and folder, the export's Save as), each choosing a file or folder named
with a canary: no settings file, Qt's own or the app's, and no database file (nor its
WAL) may name any of them after the browsing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QPushButton

from fieldapp.core.store import Store
from fieldapp.ui import lock
from fieldapp.ui.export_dialog import ExportDialog
from fieldapp.ui.merge_dialog import MergeDialog

CANARY = "CANARY-sitio"
OTHER_PROGRAM = ["file:///home/otra/fotos"]


def _answer_the_file_dialog(choose: Path, seen: list[str]) -> None:
    """When Qt's file dialog is open: note the folder it opened in, then choose ``choose``."""
    files = QApplication.activeModalWidget()
    if not isinstance(files, QFileDialog):  # not open yet
        QTimer.singleShot(50, lambda: _answer_the_file_dialog(choose, seen))
        return
    seen.append(files.directory().absolutePath())
    files.setDirectory(str(choose.parent))
    name = files.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(name, QLineEdit)
    name.setText(choose.name)
    box = files.findChild(QDialogButtonBox)
    assert isinstance(box, QDialogButtonBox)
    accept = [
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    ]
    accept[0].click()


def _through_the_dialog(press: Callable[[], object], choose: Path) -> list[str]:
    seen: list[str] = []
    QTimer.singleShot(50, lambda: _answer_the_file_dialog(choose, seen))
    press()  # the file dialog runs until its Open / Save / Choose
    return seen


def _settings_naming(folder: Path, *needles: str) -> list[str]:
    return [
        path.name
        for path in folder.rglob("*")
        if path.is_file()
        and any(n in path.read_text(encoding="utf-8", errors="replace") for n in needles)
    ]


def test_no_dialog_leaves_a_chosen_folder_or_file_name_in_any_settings_or_the_database(
    qtbot: Any, tmp_path: Path
) -> None:
    database = tmp_path / "field.db"
    Store.open(database).close()
    qt_settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt_settings.setValue("FileDialog/history", OTHER_PROGRAM)
    qt_settings.sync()
    places = {site: tmp_path / f"{CANARY}-{site}" for site in ("key", "files", "folder", "out")}
    for place in places.values():
        place.mkdir()
    key = places["key"] / f"{CANARY}-study.pem"
    key.write_bytes(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    package = places["files"] / f"{CANARY}-TJ01.fieldapp"
    package.write_bytes(b"")
    laptop = places["folder"] / f"{CANARY}-laptop"
    laptop.mkdir()
    (laptop / "paquete.fieldapp").write_bytes(b"")  # a folder of packages

    study_key = lock.StudyKeyDialog(None)
    qtbot.addWidget(study_key)
    study_key.show()
    browse = study_key.findChild(QPushButton, "browseKey")
    assert isinstance(browse, QPushButton)
    _through_the_dialog(browse.click, key)
    assert Path(study_key.key_file.text()) == key

    merge = MergeDialog(database)
    qtbot.addWidget(merge)
    merge.show()
    opened_in = _through_the_dialog(merge._pick_files, package)
    opened_in += _through_the_dialog(merge._pick_folder, laptop)
    # Qt's last folder of the run was the key's: Add files showed its file names.
    assert CANARY + "-key" not in opened_in[0], opened_in
    assert opened_in[1] == str(places["files"]), "where the last dialog ended"
    listed = [merge.table.item(row, 0).toolTip() for row in range(merge.table.rowCount())]
    assert str(package) in listed, listed

    export = ExportDialog(database)
    qtbot.addWidget(export)
    export.show()
    chosen = places["out"] / f"{CANARY}-entrevistas.xlsx"
    _through_the_dialog(export._browse, chosen)
    assert export.path_edit.text() == str(chosen)

    qt_settings.sync()
    assert qt_settings.value("FileDialog/history", type=list) == OTHER_PROGRAM
    QSettings().sync()
    assert _settings_naming(tmp_path / "settings", CANARY) == []
    with Store.open(database) as store:
        store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    for path in tmp_path.glob("field.db*"):
        assert CANARY.encode() not in path.read_bytes(), path.name
