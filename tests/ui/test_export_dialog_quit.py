"""Quitting the app right after opening Export: the thread reading its lists is waited for.

Found walking the supervisor's desks: Export opened, closed, and the app quit within the
second its lists take to read. The reading thread has no parent (a closed dialog must not
take it with it) and nothing waited for it, so the process ended with "QThread: Destroyed
while thread '' is still running" and aborted.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from fieldapp.core.store import Store
from fieldapp.ui import export_dialog
from fieldapp.ui.export_dialog import ExportDialog


def test_the_app_quitting_waits_for_the_lists_being_read(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    db = tmp_path / "supervisor.db"
    Store.open(db).close()
    gate = threading.Event()
    read = export_dialog.export_choices

    def slow(path: Path) -> Any:
        gate.wait(10)  # a large database, a slow disk
        return read(path)

    monkeypatch.setattr(export_dialog, "export_choices", slow)
    dialog = ExportDialog(db)
    qtbot.addWidget(dialog)
    dialog.close()
    thread = export_dialog._READING[-1][0]
    assert thread.isRunning()
    opener = threading.Timer(0.3, gate.set)
    opener.start()
    try:
        QApplication.instance().aboutToQuit.emit()  # what closing the main window does
        assert thread.isFinished(), "the app would end with the reading thread running"
    finally:
        gate.set()
        opener.join()
        qtbot.waitUntil(thread.isFinished, timeout=10_000)  # events: a queued quit runs
