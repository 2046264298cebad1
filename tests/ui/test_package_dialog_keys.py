"""File › Package from the keyboard: where it is after each step (the kbserver walk).

Walked with a window manager in Spanish: a folder chosen left the keyboard on *Choose
folder…*, where Enter opened the folder dialog again, the message that no folder was
chosen still below; a package refused (a file of that name that is no package of this
database) left it on *Close*, where Enter closed the dialog and its message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opened_windows import OPENED
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldapp.core.messages import text
from fieldapp.ui import file_dialogs
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.package_dialog import PackageDialog


def _dialog(qtbot: Any, store: Any) -> PackageDialog:
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = window.open_package()
    assert isinstance(dialog, PackageDialog)
    OPENED.append(dialog)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


def test_a_folder_chosen_puts_the_keyboard_on_write_and_enter_writes(
    qtbot: Any, store: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = _dialog(qtbot, store)
    dialog.folder_edit.clear()
    dialog.folder_edit.setFocus()
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)  # no folder yet: said
    assert dialog.status.text() == text("package.ui.no_folder", "en")
    monkeypatch.setattr(file_dialogs, "folder", lambda *_: str(usb))
    dialog.choose_button.setFocus()
    qtbot.keyClick(dialog.choose_button, Qt.Key.Key_Space)
    assert dialog.folder_edit.text() == str(usb)
    assert QApplication.focusWidget() is dialog.write_button
    assert dialog.status.text() == "", "the missing folder is no longer said"
    with qtbot.waitSignal(dialog.written, timeout=20000):
        qtbot.keyClick(dialog.write_button, Qt.Key.Key_Return)
    dialog.finish_work()
    assert [p.suffix for p in usb.iterdir()] == [".fieldapp"]


def test_a_refused_package_gives_the_keyboard_back_to_the_name_and_a_written_one_to_close(
    qtbot: Any, store: Any, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "TJ01.fieldapp").write_text("not a package", encoding="utf-8")
    dialog = _dialog(qtbot, store)
    dialog.folder_edit.setText(str(usb))
    dialog.name_edit.setText("TJ01")
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.property("role") == "error", timeout=20000)
    dialog.finish_work()
    assert "TJ01.fieldapp" in dialog.status.text()
    assert QApplication.focusWidget() is dialog.name_edit, "back where the name is mended"
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter asks again, not Close
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
    assert dialog.isVisible()
    dialog.name_edit.setText("TJ02")
    with qtbot.waitSignal(dialog.written, timeout=20000):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    dialog.finish_work()
    assert QApplication.focusWidget() is dialog.close_button, "written: Enter closes"
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_each_part_of_the_package_dialog_has_its_alt_key(
    qtbot: Any, store: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Walked: no label nor button of the dialog had an underlined letter, so the folder,
    the name and Write were reached only by Tab (every other desk has them)."""
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = _dialog(qtbot, store)
    dialog.folder_edit.setText(str(usb))
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.name_edit
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.folder_edit
    chosen: list[str] = []
    monkeypatch.setattr(file_dialogs, "folder", lambda *_: chosen.append("asked") or "")
    qtbot.keyClick(dialog, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: chosen == ["asked"])  # a button's Alt key clicks it a moment on
    with qtbot.waitSignal(dialog.written, timeout=20000):
        qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    dialog.finish_work()
