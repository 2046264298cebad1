"""Every file dialog goes through ``fieldapp.ui.file_dialogs``: Qt's own, leaving no folder
in the settings.

The system's dialog (Windows, macOS), which QFileDialog's static functions show, is no
Qt widget: the idle lock could not empty it and it kept showing its folder's file names
on a locked laptop (``test_lock_dialogs.py`` locks the export's Save dialog and the
merge's Add files dialog).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QPushButton

import fieldapp
from fieldapp.ui import lock

STATIC = re.compile(
    r"\b(getOpenFileNames?|getOpenFileUrls?|getSaveFileName|getSaveFileUrl"
    r"|getExistingDirectory(Url)?|getOpenFileContent|saveFileContent)\b"
)
"""QFileDialog's static functions: each shows the system's dialog where there is one."""


def test_no_module_of_the_app_shows_a_file_dialog_but_through_file_dialogs() -> None:
    """A new call site of QFileDialog's static functions would bring the system's dialog
    back, on screen through the idle lock."""
    app = Path(fieldapp.__file__).parent
    one_way_in = app / "ui" / "file_dialogs.py"
    found = []
    for path in sorted(app.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            named = "QFileDialog" in line and path != one_way_in
            if STATIC.search(line) or named:
                found.append(f"{path.relative_to(app)}:{number}: {line.strip()}")
    assert found == [], "use fieldapp.ui.file_dialogs:\n" + "\n".join(found)


def test_the_study_keys_browse_leaves_no_folder_in_the_settings(qtbot: Any, tmp_path: Path) -> None:
    """The key file's place is kept in memory only, never in the settings (a seized laptop
    must not say where the key lives). Qt's file dialog writes the folders it visited to
    the user's Qt settings; what was there before (another Qt program's) is put back."""
    keys = tmp_path / "CANARY-llaves"
    keys.mkdir()
    (keys / "study.pem").write_bytes(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    qt_settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt_settings.setValue("FileDialog/history", ["file:///home/otra/fotos"])
    qt_settings.sync()
    dialog = lock.StudyKeyDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: dict[str, Any] = {}

    def choose_the_key() -> None:
        files = QApplication.activeModalWidget()
        if not isinstance(files, QFileDialog):  # not open yet
            QTimer.singleShot(50, choose_the_key)
            return
        seen["qt's own"] = files.testOption(QFileDialog.Option.DontUseNativeDialog)
        files.setDirectory(str(keys))
        name = files.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name, QLineEdit)
        name.setText("study.pem")
        box = files.findChild(QDialogButtonBox)
        assert isinstance(box, QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Open).click()

    QTimer.singleShot(50, choose_the_key)
    browse = dialog.findChild(QPushButton, "browseKey")
    assert isinstance(browse, QPushButton)
    browse.click()  # the dialog runs until Open
    assert Path(dialog.key_file.text()) == keys / "study.pem"
    written = {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in (tmp_path / "settings").rglob("*")
        if path.is_file()
    }
    assert [name for name, content in written.items() if keys.name in content] == []
    qt_settings.sync()
    assert qt_settings.value("FileDialog/history", type=list) == ["file:///home/otra/fotos"]
    assert seen["qt's own"]  # which the idle lock empties; the system's stays on screen


def test_the_app_asks_qt_for_no_system_dialog_at_all(tmp_path: Path) -> None:
    """A message box is the system's own on macOS (NSAlert) unless Qt is told otherwise:
    open at the idle lock, it would stay on screen with its text, as a file dialog did."""
    code = (
        "from PySide6.QtCore import Qt\n"
        "from fieldapp.ui.app import create_app\n"
        "app = create_app(['fieldapp'])\n"
        "print(app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True\n"
