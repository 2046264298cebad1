"""What is copied from a sealed interview is marked so that clipboard managers do not keep it.

The idle lock empties the clipboard (attack4), but a clipboard manager records each copy
as it is made: KDE's Klipper, GPaste, Windows' clipboard history (Win+V) and the macOS
managers kept a name copied from one answer to another, for whoever opened the laptop's
history later. Each copy the app makes now carries the formats those managers read as
"a secret, do not record" (``lock.NOT_TO_KEEP``), and still pastes as the text it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from interview_windows import open_window, start
from opened_windows import close_opened
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.ui import lock

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
CANARY = "Comandante Qx7hist Ramirez"  # keyClicks types ASCII only
HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': None,
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\0\0\0\0",
    "application/x-nspasteboard-concealed-type": None,
}
"""What each manager reads (None: only that the format is there)."""


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
    close_opened()  # an interview window saves as it closes
    store.close()


@pytest.fixture
def idle(sealed_store: Any) -> Iterator[lock.IdleLock]:
    QApplication.clipboard().clear()
    watching = lock.IdleLock(lock.Guard(sealed_store.keys.unlock_drafts), minutes=0)
    yield watching
    watching.stop()
    QApplication.clipboard().clear()


def _assert_marked(mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
    data = QApplication.clipboard().mimeData(mode)
    assert data is not None
    for name, value in HINTS.items():
        assert data.hasFormat(name), name
        if value is not None:
            assert bytes(data.data(name).data()) == value, name


def test_a_copy_from_a_sealed_interviews_answer_is_marked_and_still_pastes(
    qtbot: Any, sealed_store: Any, idle: lock.IdleLock
) -> None:
    window = open_window(qtbot, sealed_store, start(sealed_store))
    answer = window.view.nodes[("story",)].edit
    answer.setFocus()
    qtbot.keyClicks(answer, CANARY)
    answer.selectAll()
    qtbot.keyClick(answer, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == CANARY
    _assert_marked()
    if QApplication.clipboard().supportsSelection():  # X11's selection, pasted by a click
        _assert_marked(QClipboard.Mode.Selection)

    other = QMainWindow()  # where the researcher pastes it: the text, whole
    pasted_into = QLineEdit()
    other.setCentralWidget(pasted_into)
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    pasted_into.setFocus()
    qtbot.keyClick(pasted_into, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert pasted_into.text() == CANARY


def test_a_cut_and_a_text_the_app_puts_there_are_marked_too(
    qtbot: Any, sealed_store: Any, idle: lock.IdleLock
) -> None:
    window = open_window(qtbot, sealed_store, start(sealed_store))
    answer = window.view.nodes[("story",)].edit
    answer.setFocus()
    qtbot.keyClicks(answer, CANARY)
    answer.selectAll()
    qtbot.keyClick(answer, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == CANARY and answer.text() == ""
    _assert_marked()
    QApplication.clipboard().setText("laptop id and fingerprint")  # as "Copy" buttons do
    assert QApplication.clipboard().text() == "laptop id and fingerprint"
    _assert_marked()


def test_another_programs_copy_is_not_taken_over(
    qtbot: Any, sealed_store: Any, idle: lock.IdleLock
) -> None:
    """A change seen while no window of the app has the keyboard is another program's."""
    assert QApplication.focusWindow() is None
    QApplication.clipboard().setText("a note from another program")
    data = QApplication.clipboard().mimeData()
    assert data is not None and not data.hasFormat("x-kde-passwordManagerHint")
