"""Word-wrapped labels and columns that keep the height they need for each width.

Qt lays a page out again whenever anything on it changes size: a message appearing, a
repeat's entries made as they scroll into view (*(entries2)*). Each time it asks every
word-wrapped label of the page its height again, at two widths (its own and its size
hint's), and nothing on the way keeps the answer: ``QWidgetItem::minimumHeightForWidth``
is not cached, a box layout keeps one width only, and ``QLabel`` lays its text out anew
at every question. A page of 500 repeat entries spent half a millisecond per entry at
each layout: 34 s of CPU to page through them, 0.35 s for an error message to show.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

_Key = tuple[int, int, int, int, int, int, int]


class WrappedLabel(QLabel):
    """A word-wrapped label that remembers its height at each width it was asked.

    Its height depends on its text, text format, wrapping, margin and indent (each
    setter here, and ``clear``, forgets the heights; ``setNum`` is not used on it), on
    its font and style (any change event forgets them: a language switch, a style sheet's
    rule), and on its contents margins and minimum size (part of the key: a frame or a
    style sheet's padding sets them from C++).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[_Key, int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        least = self.minimumSize()
        key = (
            width,
            margins.left(),
            margins.top(),
            margins.right(),
            margins.bottom(),
            least.width(),
            least.height(),
        )
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setTextFormat(self, format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(format)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:
        self._heights.clear()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:
        self._heights.clear()
        super().setIndent(indent)

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()  # font, style, language...: rare, and any may change it
        super().changeEvent(event)


class KeptHeights(QVBoxLayout):
    """A column that keeps its height (and least height) for each width it was asked,
    until something in it changes (``invalidate``, which Qt calls on every change that
    empties its own cache of one width).

    A repeat entry's: the page laid out again asks the entries that did not change for
    their height at the widths it asked before, answered here without a walk through
    every layout and label of the entry.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._kept: dict[int, tuple[int, int]] = {}

    def _heights(self, width: int) -> tuple[int, int]:
        kept = self._kept.get(width)
        if kept is None:
            height = super().heightForWidth(width)  # Qt's layout for this width, then
            self._kept[width] = (height, height)  # its least height, asked through here
            kept = self._kept[width] = (height, super().minimumHeightForWidth(width))
        return kept

    def heightForWidth(self, width: int) -> int:
        return self._heights(width)[0]

    def minimumHeightForWidth(self, width: int) -> int:
        return self._heights(width)[1]

    def invalidate(self) -> None:
        self._kept.clear()
        super().invalidate()
