"""Date and time editors that take what people type, with or without Tab between parts.

Qt's date edit moves to the next part (year, month, day; hour, minute) by itself once a
part is full, and Tab or a typed separator moves one part further. A researcher typing
``2026 Tab 11 Tab 28`` got 2026-<this month>-11 and "28" in the next question; ``18 Tab
30`` stored 18:05 and put "30" in the next answer. Here a Tab or a separator pressed right
after Qt moved on by itself is taken as that same move, not another one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent

    _Editor = QDateTimeEdit
else:  # a plain mixin: PySide6 cannot build a class with two Qt bases in a diamond
    _Editor = object

SEPARATORS = frozenset("-/.: ")
"""What people type between a date's or a time's parts (ISO, Mexican and clock habits)."""


class _TypedParts(_Editor):
    """Mixed into a ``QDateTimeEdit``: its next part is reached once, however the person
    moves on."""

    _moved_by_itself = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if self._moved_by_itself and typed and typed in SEPARATORS:
            self._moved_by_itself = False  # the separator Qt already stepped over
            event.accept()
            return
        part = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_by_itself = typed.isdigit() and self.currentSectionIndex() > part

    def focusNextPrevChild(self, next: bool) -> bool:
        if next and self._moved_by_itself:
            self._moved_by_itself = False  # the Tab Qt already took for the person
            return True
        self._moved_by_itself = False
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._moved_by_itself = False
        super().focusInEvent(event)


class TypedDateEdit(_TypedParts, QDateEdit):
    """A ``QDateEdit`` that reads ``2026 Tab 11 Tab 28`` and ``2026-11-28`` as typed."""


class TypedTimeEdit(_TypedParts, QTimeEdit):
    """A ``QTimeEdit`` that reads ``18 Tab 30`` and ``18:30`` as typed."""


class TypedDateTimeEdit(_TypedParts, QDateTimeEdit):
    """A ``QDateTimeEdit`` that reads ``2026-11-28 18:30`` however it is typed."""
