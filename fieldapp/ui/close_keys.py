"""The platform's keys that close a window (Ctrl+W; Ctrl+F4 too on Windows)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def close_keys() -> list[QKeySequence]:
    """Every binding of the platform's Close that Help › Keyboard shortcuts names (Ctrl+F4
    and Ctrl+W on Windows; ``setShortcut`` keeps only the first), not a media key's."""
    portable = QKeySequence.SequenceFormat.PortableText
    return [
        key
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
        if "+" in key.toString(portable)
    ]


def close_with_keys(window: QWidget, close: Callable[[], object]) -> None:
    """Let the platform's Close keys call ``close`` anywhere in ``window`` (a desk that is
    a window of its own, where Escape is no dialog's: the review desk, Progress)."""
    for key in close_keys():
        QShortcut(key, window).activated.connect(close)
