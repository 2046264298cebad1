"""Whether a dialog shows each of its fields, buttons and lines of text at a readable height."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget


def crushed(dialog: QWidget) -> list[str]:
    """Name every field, button or line of text shown shorter than it needs to be read."""
    found = []
    for kind in (QLineEdit, QPushButton, QLabel):
        for widget in dialog.findChildren(kind):
            if not widget.isVisible():
                continue
            needed = widget.minimumSizeHint().height()
            if isinstance(widget, QLabel) and widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
            if widget.height() < needed:
                found.append(
                    f"{widget.objectName() or widget.text()}: {widget.height()} < {needed}"
                )
    return found
