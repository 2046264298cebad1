"""Layouts the windows and dialogs share."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLayout, QLayoutItem, QWidget


def emptied(layout: QLayout) -> QWidget | None:
    """Take every item (widgets, stretches) out of ``layout``; the widgets leave the window
    at once and are deleted at the next turn of the event loop.

    Return the widget among them that held the keyboard's focus (its window's focus, also
    when that window is not the active one), None when none did: the caller gives the
    focus to what takes its place (the same option made anew, the entry that moved).
    Meanwhile the focus waits on the widget the layout belongs to: left to Qt, a widget
    taken away hands it to the next one in the window's chain, the next question or the
    search field of another pane.
    """
    owner = layout.parentWidget()
    window = owner.window() if owner is not None else None
    focused = window.focusWidget() if window is not None else QApplication.focusWidget()
    held = None
    # The widgets go out of the window together, in one hidden holder: Qt mends the
    # window's focus chain for each widget that leaves it, walking the whole chain, and a
    # choice list of 4,000 places refilled in 6 s that way, one widget at a time. A widget
    # moved within its window costs nothing of the kind.
    holder = QWidget(owner) if owner is not None else None
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            if focused is not None and (widget is focused or widget.isAncestorOf(focused)):
                held = focused
                if owner is not None:
                    owner.setFocus(Qt.FocusReason.OtherFocusReason)
            if holder is None:
                widget.setParent(None)
                widget.deleteLater()
            else:
                widget.setParent(holder)
    if holder is not None:
        discarded(holder)  # with every widget it holds
    return held


def discarded(widget: QWidget) -> None:
    """Take ``widget`` (and all it holds) out of its window at once, as one widget: Qt
    mends the window's focus chain for each widget that leaves it, walking the whole
    chain. It is hidden first (a show Qt still has queued for it would open it as a
    window of its own) and deleted at the event loop's next turn."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def set_shown(widget: QWidget, shown: bool) -> None:
    """``widget.setVisible(shown)``, leaving alone a widget that already shows with its
    parent (``isHidden`` false, as a widget just made in a window not shown yet is).

    ``setVisible(True)`` polishes the widget with all it holds and lays it out at once,
    though nothing is on screen; each move to another parent then polishes them again (the
    app's style sheet), and a repeat's 500 entries took seconds more to build.
    """
    if widget.isHidden() == shown:
        widget.setVisible(shown)


def focus_new(widget: QWidget) -> None:
    """Give the keyboard to ``widget``, just put in a layout in place of one ``emptied``
    took away.

    Qt shows a widget put in a shown layout at the event loop's next turn, and a widget
    not shown yet gets the focus then only if its window is the active one: a window read
    again from another (a study key given there) would get it back on nothing. So the
    widget is shown first, unless it was hidden on purpose.
    """
    pending = None
    ancestor: QWidget | None = widget
    while ancestor is not None and not ancestor.isWindow() and not ancestor.isVisible():
        if not ancestor.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            pending = ancestor  # shown by Qt soon, with what it holds
        elif ancestor.isHidden():
            return  # hidden on purpose: no keyboard for it
        ancestor = ancestor.parentWidget()
    if pending is not None and ancestor is not None and ancestor.isVisible():
        pending.show()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


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


class FlowLayout(QLayout):
    """Widgets side by side from the left, going on to the next line when the width runs
    out, as words do: a likert scale of eight answers fits a 1280-pixel laptop's form
    instead of pushing a sideways scroll bar under every question.

    Each line is as tall as its tallest widget; the layout's height follows its width
    (``heightForWidth``), so the form around it grows by a line when it wraps.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """The widest widget: narrower than that, nothing can help."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the widgets out in ``rect`` (``place``: move them there); return the height."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = max(self.spacing(), 0)
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():  # a hidden widget takes no room
                continue
            size = item.sizeHint()
            if x > area.x() and x + size.width() > area.right() + 1:
                x, y, line = area.x(), y + line + gap, 0  # the next line
            if place:
                item.setGeometry(QRect(QPoint(x, y), size))
            x += size.width() + gap
            line = max(line, size.height())
        return y + line - rect.y() + margins.bottom()
