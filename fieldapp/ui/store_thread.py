"""A worker thread that opens its own store, runs one piece of work and reports once.

The package and server dialogs each run their work this way: the thread opens the
database itself (a SQLite connection belongs to its thread), and ``done`` carries the
work's result or the FieldappError that stopped it, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal
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
    """A dialog that Escape and its close box leave open while its ``StoreThread`` runs:
    a package half written, or a check half done, is never left behind."""

    work_thread: StoreThread | None = None

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
