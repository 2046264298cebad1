"""A worker thread that opens its own store, runs one piece of work and reports once.

The package and server dialogs each run their work this way: the thread opens the
database itself (a SQLite connection belongs to its thread), and ``done`` carries the
work's result or the FieldappError that stopped it, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtWidgets import QDialog, QWidget

from fieldapp.core.messages import FieldappError

if TYPE_CHECKING:
    from fieldapp.core.store import Store


class StoreThread(QThread):
    """Run ``work`` on the database at ``db_path`` in its own thread; emit ``done``."""

    done = Signal(object)
    """The work's result, or the FieldappError that stopped it."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path

    def work(self, store: Store) -> Any:
        """The work itself, on the thread's own store."""
        raise NotImplementedError

    def finish(self) -> None:
        """Called after the work, before ``done`` is emitted (drop what must not stay)."""

    def cancel(self) -> None:
        """Ask the work to stop early, where it can (a package); by default it cannot."""

    def run(self) -> None:
        from fieldapp.core.store import Store

        result: Any
        try:
            with Store.open(self.db_path, create=False) as store:
                result = self.work(store)
        except FieldappError as error:
            result = error
        except Exception as error:  # never a traceback: one line in the dialog
            result = FieldappError("cli.unexpected", error=type(error).__name__)
        self.finish()
        self.done.emit(result)


class WorkDialog(QDialog):
    """A dialog that Escape and its close box leave open while its ``StoreThread`` runs,
    and that the app's quitting stops and waits for: a package half written, or a check
    half done, is never left behind."""

    work_thread: StoreThread | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work_done: Callable[[Any], None] | None = None
        app = QCoreApplication.instance()
        if app is not None:  # the app quits with the main window: let the work end first
            app.aboutToQuit.connect(self.stop_for_quit)

    def start_work(self, thread: StoreThread, done: Callable[[Any], None]) -> None:
        """Run ``thread``; ``done`` is given its result once the thread has ended."""
        self.work_thread, self._work_done = thread, done
        thread.done.connect(self._work_ended)  # a bound slot: run in the GUI thread
        thread.start()

    def _work_ended(self, result: Any) -> None:
        self.finish_work()
        if self._work_done is not None:
            self._work_done(result)

    def finish_work(self) -> None:
        """Wait for the work's thread to end (it has emitted ``done`` or is about to)."""
        if self.work_thread is not None:
            self.work_thread.wait()

    def stop_for_quit(self) -> None:
        """The app is quitting: stop the work where it can stop (a package is cancelled,
        leaving its folder as it was), then wait for its thread, so that quitting never
        hangs on a slow USB stick nor leaves a thread running."""
        if self.is_running() and self.work_thread is not None:
            self.work_thread.cancel()
        self.finish_work()

    def is_running(self) -> bool:
        return self.work_thread is not None and self.work_thread.isRunning()

    def reject(self) -> None:
        if not self.is_running():
            super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.is_running():
            event.ignore()
            return
        super().closeEvent(event)
