"""What a desktop test leaves behind: top-level widgets, running QTimers and QThreads.

The UI conftest runs ``LeakWatch`` around every test (as napari's conftest does): a window
left open, a timer still ticking or a thread still working after a test can fire into the
next test's objects, or into freed ones, and crash the run far from its cause. Each leak is
named with the place (in fieldapp or the tests) that made or started it.
"""

from __future__ import annotations

import gc
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from paths import REPO
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer
from PySide6.QtWidgets import QApplication, QWidget

THREAD_GRACE_SECONDS = 10.0
"""How long a thread whose work is done may take to end before it is named: the wait ends
as soon as none runs; on a loaded machine of two cores one second may not be enough for
a thread to be scheduled again and return (not seen fail: a margin)."""
_OURS = (str(REPO / "fieldapp"), str(REPO / "tests"))
_THIS = __file__


def calling_place() -> str:
    """Return where fieldapp or a test asked for it: the innermost such frame, and the test's."""
    frames = [
        f"{frame.filename.removeprefix(str(REPO) + '/')}:{frame.lineno}"
        for frame in reversed(traceback.extract_stack())
        if frame.filename.startswith(_OURS) and frame.filename != _THIS
    ]
    if not frames:
        return "(outside fieldapp and its tests)"
    tests = [f for f in frames if f.startswith("tests/")]
    if frames[0].startswith("tests/") or not tests:
        return frames[0]
    return f"{frames[0]} (from {tests[0]})"


def _alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)


def _describe(widget: QWidget) -> str:
    title = widget.windowTitle()
    name = widget.objectName()
    shown = "shown" if widget.isVisible() else "hidden"
    extra = "".join(
        f" {label}={value!r}" for label, value in (("title", title), ("name", name)) if value
    )
    return f"{type(widget).__name__}{extra} ({shown})"


class LeakWatch:
    """Record timers and threads started from Python during one test; list what is left."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, *, thread_grace: float = THREAD_GRACE_SECONDS
    ) -> None:
        self.thread_grace = thread_grace
        # the wrappers themselves, not ids: an id can come back for a new widget
        self.widgets_before = set(QApplication.topLevelWidgets())
        self.timers: weakref.WeakKeyDictionary[QTimer, str] = weakref.WeakKeyDictionary()
        self.single_shots: list[tuple[QTimer, str]] = []
        self.threads: weakref.WeakKeyDictionary[QThread, str] = weakref.WeakKeyDictionary()
        self._patch(monkeypatch)

    def _patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        timer_start = QTimer.start
        single_shot_of_qt = QTimer.singleShot
        thread_start = QThread.start
        timers, threads, single_shots = self.timers, self.threads, self.single_shots

        def start_timer(timer: QTimer, *args: Any) -> None:
            timers[timer] = calling_place()
            timer_start(timer, *args)

        def start_thread(thread: QThread, *args: Any) -> None:
            threads[thread] = calling_place()
            thread_start(thread, *args)

        def single_shot(msec: int, *target: Any) -> None:
            # Qt's own single shots are invisible from Python: make the same one visibly.
            # With a context object the timer is its child, so it dies with it, as in Qt.
            if len(target) == 1 and callable(target[0]):
                context, slot = None, target[0]
            elif len(target) == 2 and isinstance(target[0], QObject) and callable(target[1]):
                context, slot = target
            else:  # a form fieldapp does not use (timer type, slot name): Qt's own
                single_shot_of_qt(msec, *target)
                return
            timer = QTimer(context)
            timer.setSingleShot(True)
            _connect_once(timer, slot)
            single_shots.append((timer, calling_place()))
            timer_start(timer, msec)

        monkeypatch.setattr(QTimer, "start", start_timer)
        monkeypatch.setattr(QThread, "start", start_thread)
        monkeypatch.setattr(QTimer, "singleShot", staticmethod(single_shot))

    def _running_threads(self) -> list[tuple[QThread, str]]:
        return [(t, place) for t, place in self.threads.items() if _alive(t) and t.isRunning()]

    def leaks(self) -> list[str]:
        """Stop and list what the test left running or open (after pending deletions)."""
        _flush()
        found: list[str] = []
        timers = [*self.timers.items(), *self.single_shots]
        for timer, place in timers:
            if _alive(timer) and timer.isActive():
                timer.stop()
                found.append(f"a QTimer still running, started at {place}")
        self.single_shots.clear()
        # A thread whose work is done may still be winding down (its quit() was queued to
        # the GUI thread): give those a moment, with events running, before naming any.
        deadline = time.monotonic() + self.thread_grace
        while time.monotonic() < deadline and self._running_threads():
            QCoreApplication.processEvents()
            time.sleep(0.01)
        for thread, place in self._running_threads():
            thread.quit()
            thread.wait(500)  # one with an event loop ends; one looping is named anyway
            found.append(f"a QThread still running, started at {place}")
        for widget in QApplication.topLevelWidgets():
            if widget not in self.widgets_before and _alive(widget):
                found.append(f"a top-level widget left alive: {_describe(widget)}")
                widget.close()
                widget.deleteLater()
        _flush()
        return found


def _connect_once(timer: QTimer, slot: Callable[..., Any]) -> None:
    def fire() -> None:
        timer.deleteLater()
        slot()

    timer.timeout.connect(fire)


def _flush() -> None:
    """Run what is queued, delete what asked to be deleted, free unreachable wrappers."""
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


LEAK_ADVICE = (
    "A desktop test must leave nothing behind: close (and delete) the windows and dialogs "
    "it opens (qtbot.addWidget, or the OPENED list for windows with a store), stop its "
    "timers and wait for its threads."
)
