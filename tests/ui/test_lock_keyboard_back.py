"""After the idle lock, the keyboard is back where she was typing (walkres)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QWidget
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.store import Store
from fieldapp.ui import lock

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"


def _window(qtbot: Any, title: str) -> tuple[QMainWindow, QLineEdit]:
    window = QMainWindow()
    window.setWindowTitle(title)
    holder = QWidget()
    field = QLineEdit(holder)
    window.setCentralWidget(holder)
    qtbot.addWidget(window)
    window.show()
    return window, field


class FocusesOnShow(QObject):
    """A window manager that gives the keyboard to ``window`` whenever it is shown."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            self.window.activateWindow()
        return False


def test_after_the_idle_lock_the_keyboard_is_back_in_the_interview_she_was_typing_in(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    with Store.open(tmp_path / "field.db") as store:
        store.forms.add(form)
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        # the interview she is typing in, and the list: which one the windows' own order
        # (Qt's, not hers) shows last at the unlock must not matter
        interview, answer = _window(qtbot, "interview")
        listing, _search = _window(qtbot, "list")
        interview.activateWindow()
        qtbot.waitUntil(interview.isActiveWindow)
        answer.setFocus()
        qtbot.waitUntil(answer.hasFocus)
        # Qt lists its windows in no order of hers: here the list comes back last
        monkeypatch.setattr(
            QApplication, "topLevelWidgets", staticmethod(lambda: [interview, listing])
        )
        idle = lock.IdleLock(lock.Guard(store.keys.unlock_drafts), minutes=0.001)
        try:
            qtbot.waitUntil(lambda: idle.locked)
            # a window manager gives the keyboard to a window as it comes back
            manager = FocusesOnShow(listing)
            dialog = idle.dialog
            assert dialog is not None
            dialog.passphrase.setText(DRAFTS_PASSPHRASE)
            idle.set_minutes(0)
            dialog.accept()
            assert listing.isVisible() and interview.isVisible()
            qtbot.wait(300)  # the window system's own activations, as the windows come back
            assert QApplication.activeWindow() is interview
            assert answer.hasFocus()
            assert manager.window is listing
        finally:
            idle.stop()
