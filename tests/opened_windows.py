"""Windows a desktop test opened, closed before its database by the UI conftest.

A window deletes itself on close and writes to its store while closing, so the ``store``
fixture closes these first. A plain module rather than a conftest name: test modules never
import a conftest (see ``paths.py``).
"""

from __future__ import annotations

from typing import Any

OPENED: list[Any] = []
"""Append every window a test opens itself; the UI conftest closes what is still open."""


def close_opened() -> None:
    """Close every window in ``OPENED`` that still exists, and delete it.

    A closed main window is only hidden (the app quits when it closes), and its signal
    connections keep its Python object alive: deleting it frees it and its menus.
    """
    import shiboken6

    while OPENED:
        window = OPENED.pop()
        if shiboken6.isValid(window):
            window.close()
        if shiboken6.isValid(window):
            window.deleteLater()
