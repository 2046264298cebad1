"""The leak check the UI conftest runs after every test names each kind of leak, and where."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QDialog, QWidget
from qt_leaks import LeakWatch

HERE = "tests/ui/test_leak_checks.py"


class _Busy(QThread):
    """A thread that works until told to stop (as a forgotten export would)."""

    def __init__(self) -> None:
        super().__init__()
        self.stop = threading.Event()

    def run(self) -> None:
        self.stop.wait(10)


def test_a_window_a_timer_and_a_thread_left_behind_are_each_named(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = LeakWatch(monkeypatch, thread_grace=0.1)
    window = QDialog()
    window.setWindowTitle("Left open")
    window.show()
    timer = QTimer()
    timer.start(60_000)
    thread = _Busy()
    thread.start()
    try:
        leaks = watch.leaks()
    finally:
        thread.stop.set()
        thread.wait(5000)
    assert len(leaks) == 3, leaks
    timer_leak, thread_leak, widget_leak = leaks
    assert timer_leak.startswith(f"a QTimer still running, started at {HERE}:")
    assert thread_leak.startswith(f"a QThread still running, started at {HERE}:")
    assert widget_leak == "a top-level widget left alive: QDialog title='Left open' (shown)"
    # The check stops and deletes what it names, so the next test starts clean.
    assert not timer.isActive() and not shiboken6.isValid(window)


def test_a_single_shot_still_pending_is_named_and_never_fires(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = LeakWatch(monkeypatch)
    fired: list[int] = []
    QTimer.singleShot(60_000, lambda: fired.append(1))
    leaks = watch.leaks()
    assert len(leaks) == 1 and leaks[0].startswith(f"a QTimer still running, started at {HERE}:")
    qtbot.wait(20)
    assert fired == []


def test_what_a_test_closes_and_stops_is_no_leak(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = LeakWatch(monkeypatch)
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    fired: list[int] = []
    QTimer.singleShot(0, widget, lambda: fired.append(1))  # runs, then is gone
    qtbot.waitUntil(lambda: fired == [1])
    timer = QTimer(widget)
    timer.start(60_000)
    timer.stop()
    thread = _Busy()
    thread.start()
    thread.stop.set()
    assert thread.wait(5000)
    widget.close()
    widget.deleteLater()
    assert watch.leaks() == []
