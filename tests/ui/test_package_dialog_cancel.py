"""The package dialog shows how far the copy to the stick is, and Cancel (or Esc) stops it.

A laptop's recordings make its package large and a USB stick is slow: a busy bar with no
way out kept the researcher waiting or pulling the stick. The dialog now fills its bar as
the file grows and offers Cancel while it writes; a cancelled package leaves the stick as
it was and says so, and the next one is written as usual.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtCore import Qt

from fieldapp.core import package
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.package_dialog import PackageDialog


def _dialog(qtbot: Any, store: Any, usb: Path) -> PackageDialog:
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = window.open_package()
    assert isinstance(dialog, PackageDialog)
    dialog.folder_edit.setText(str(usb))
    dialog.name_edit.setText("TJ01")
    return dialog


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the package's worker after its local copy until the test lets it go on."""
    release = threading.Event()
    copy = package._stripped_copy

    def slow_copy(*args: Any) -> list[int]:
        counts = copy(*args)
        release.wait(20)
        return counts

    monkeypatch.setattr(package, "_stripped_copy", slow_copy)
    yield release
    release.set()  # a test that failed half way must not leave the worker waiting


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_stops_the_package_and_leaves_the_stick_as_it_was(
    qtbot: Any, store: Any, tmp_path: Path, held: threading.Event, how: str
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "notes.txt").write_text("the researcher's own file", encoding="utf-8")
    dialog = _dialog(qtbot, store, usb)
    try:
        assert not dialog.cancel_button.isVisible(), "nothing to cancel before writing"
        dialog.start()
        qtbot.waitUntil(dialog.cancel_button.isVisible)
        assert dialog.cancel_button.isEnabled()
        assert dialog.focusWidget() is dialog.cancel_button, "Esc or Space stops it"
        assert not dialog.write_button.isEnabled() and not dialog.close_button.isEnabled()
        if how == "button":
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible(), "Esc cancels the writing, it does not close the dialog"
        assert "Cancelling" in dialog.status.text()
        held.set()
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20000)
        qtbot.waitUntil(lambda: "nothing was written" in dialog.status.text())
        assert dialog.status.property("role") == "error", "not written: it reads as a problem"
        assert sorted(p.name for p in usb.iterdir()) == ["notes.txt"], "no package, no partial file"
        assert dialog.write_button.isEnabled() and not dialog.cancel_button.isVisible()
        # the next try is written whole, its bar full
        with qtbot.waitSignal(dialog.written, timeout=20000):
            dialog.start()
        assert (usb / "TJ01.fieldapp").is_file()
        assert dialog.progress.value() == dialog.progress.maximum() == 1000
        assert dialog.status.property("role") == "", "written: no longer in red"
    finally:  # a failure half way must not leave the worker running
        held.set()
        dialog.finish_work()
    dialog.close()


def test_the_bar_follows_the_copy_to_the_stick(
    qtbot: Any, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "_EVERY", 0.0)
    for number in range(8):
        store.attachments.add(bytes([number]) * 300_000)
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = _dialog(qtbot, store, usb)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.written, timeout=20000):
        dialog.start()
    shown = [v for v in values if v >= 0]
    assert shown[-1] == 1000 and any(0 < v < 1000 for v in shown), shown
    assert shown == sorted(shown), "the bar never goes back"
    dialog.close()


def test_quitting_while_a_package_is_written_cancels_it_rather_than_hang(
    qtbot: Any, store: Any, tmp_path: Path, held: threading.Event
) -> None:
    """Closing fieldapp mid-package used to wait for the whole copy to a slow stick, the
    window frozen; now the package is cancelled, the stick left as it was."""
    from PySide6.QtCore import QCoreApplication

    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = _dialog(qtbot, store, usb)
    try:
        dialog.start()
        qtbot.waitUntil(dialog.is_running)
        # the worker goes on from its local copy a moment after the quit began
        threading.Timer(0.3, held.set).start()
        QCoreApplication.instance().aboutToQuit.emit()
        assert not dialog.is_running(), "the quit waited for the worker to stop"
        assert list(usb.iterdir()) == [], "cancelled: no package, no partial file"
    finally:
        held.set()
        dialog.finish_work()
    dialog.close()
