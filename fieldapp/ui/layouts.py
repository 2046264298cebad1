"""Layouts the windows and dialogs share."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def packed_left(*widgets: QWidget) -> QHBoxLayout:
    """Return a row of ``widgets`` from the left; the room to spare stays on the right."""
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return layout
