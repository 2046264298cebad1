"""What was copied from a sealed interview is no longer on the clipboard once the app locks.

The idle lock hides every window, but a researcher who copied a name from one answer to
another (Ctrl+C), or only selected it (on X11 the selection is pasted with the middle
button), left it on the system clipboard: whoever found the laptop locked pasted it into
any other program. The lock now empties what the app put there, and so does quitting
while a key is open (a clipboard manager keeps what the closing program held).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.ui import lock

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
CANARY = "Comandante Qx7clip Ramirez"  # keyClicks types ASCII only


@pytest.fixture
def sealed_store(tmp_path: Path, pair: crypto.KeyPair) -> Iterator[Any]:
    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    store = Store.open(tmp_path / "field.db")
    store.forms.add(form)
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    yield store
    store.close()


def _modes() -> list[QClipboard.Mode]:
    clipboard = QApplication.clipboard()
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():
        modes.append(QClipboard.Mode.Selection)
    return modes


def _typed_and_copied(qtbot: Any) -> tuple[QMainWindow, QLineEdit]:
    window = QMainWindow()
    field = QLineEdit()
    window.setCentralWidget(field)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is not None)
    field.setFocus()
    qtbot.keyClicks(field, CANARY)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert CANARY in QApplication.clipboard().text()  # the attack's premise
    return window, field


def _unlock(idle: lock.IdleLock) -> None:
    dialog = idle.dialog
    if isinstance(dialog, lock.PassphraseDialog):
        dialog.passphrase.setText(DRAFTS_PASSPHRASE)
        dialog.accept()


def test_the_idle_lock_empties_what_was_copied_from_a_sealed_interview(
    qtbot: Any, sealed_store: Any
) -> None:
    QApplication.clipboard().clear()
    idle = lock.IdleLock(lock.Guard(sealed_store.keys.unlock_drafts), minutes=0)
    window, _field = _typed_and_copied(qtbot)
    try:
        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert not window.isVisible()
        for mode in _modes():  # what the finder pastes into any other program
            assert CANARY not in QApplication.clipboard().text(mode)
        _unlock(idle)
        assert not idle.locked and window.isVisible()
    finally:
        idle.stop()
        _unlock(idle)


def test_another_programs_clipboard_is_left_alone_by_the_lock(
    qtbot: Any, sealed_store: Any
) -> None:
    """What the app did not put there is not the app's to empty (no window of it had focus)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    QApplication.clipboard().clear()
    assert QApplication.focusWindow() is None
    QApplication.clipboard().setText("a note from another program")
    window.show()
    idle = lock.IdleLock(lock.Guard(sealed_store.keys.unlock_drafts), minutes=0.001)
    try:
        qtbot.waitUntil(lambda: idle.locked)
        assert QApplication.clipboard().text() == "a note from another program"
    finally:
        idle.stop()
        _unlock(idle)
        QApplication.clipboard().clear()


def test_quitting_with_a_key_open_empties_what_the_app_copied(
    qtbot: Any, sealed_store: Any
) -> None:
    QApplication.clipboard().clear()
    idle = lock.IdleLock(lock.Guard(sealed_store.keys.unlock_drafts), minutes=0)
    _typed_and_copied(qtbot)
    try:
        QApplication.instance().aboutToQuit.emit()
        for mode in _modes():
            assert CANARY not in QApplication.clipboard().text(mode)
    finally:
        idle.stop()
