"""Errors the user sees: a clear dialog, never a traceback.

``FieldappError`` carries a translated message; anything else is a bug, shown as one calm
sentence while its traceback (code locations only: no answer text) goes to a log file.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.core.messages import FieldappError, text
from fieldapp.ui.i18n import current_language, translate


def log_path() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("fieldapp", appauthor=False)) / "errors.log"


def show_error(parent: QWidget | None, error: FieldappError) -> None:
    """Tell the user what went wrong and what to do."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, translate("Errors", "fieldapp"), "", parent=parent)
    # A message names what a package or a file brought (a form id, a file, an XML root
    # such as <table>): as written, never as markup (``ui.plain``).
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(error.text(current_language()))
    box.exec()


def confirmed(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question about something that cannot be taken back; No is the default."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    asked = QMessageBox.question(parent, title, question, buttons.Yes | buttons.No, buttons.No)
    return asked == buttons.Yes


def describe_bug(kind: type[BaseException], tb: TracebackType | None) -> str:
    """Return a log entry: the exception type and code locations, never values or messages."""
    import traceback

    frames = traceback.extract_tb(tb)
    lines = [f"{time.strftime('%Y-%m-%d %H:%M:%S')} {kind.__module__}.{kind.__qualname__}"]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join(lines) + "\n"


def write_log(entry: str) -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(entry)
    except OSError:
        pass
    return path


_showing = False


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Show an uncaught exception as a dialog instead of letting a traceback through."""
    from PySide6.QtWidgets import QMessageBox

    global _showing
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    if isinstance(error, FieldappError):
        message = error.text(current_language())
        icon = QMessageBox.Icon.Warning
    else:
        path = write_log(describe_bug(kind, tb))
        message = text("ui.unexpected", current_language(), error=kind.__name__, log=path)
        icon = QMessageBox.Icon.Critical
    if QApplication.instance() is None or _showing:
        print(f"fieldapp: {message}", file=sys.stderr)
        return
    _showing = True
    try:
        box = QMessageBox(icon, translate("Errors", "fieldapp"), message, parent=parent)
        box.setObjectName("errorDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = excepthook
