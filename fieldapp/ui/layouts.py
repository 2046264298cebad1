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


def widened_first(first: QWidget, *others: QWidget) -> QHBoxLayout:
    """Return a row whose ``first`` widget takes the room to spare (a path field before its
    Browse… button, a progress bar before the dialog's buttons)."""
    layout = QHBoxLayout()
    layout.addWidget(first, 1)
    for widget in others:
        layout.addWidget(widget)
    return layout
