"""Every window opens within the screen's available area and remembers its size.

Field laptops are 1366×768 (or 1280×720, or the same at 200%): a window sized for a
developer's monitor put Approve, Return and the status bar below the taskbar. A window
asks for its preferred size; it gets that, or its remembered geometry, shrunk to the
available area of its screen and moved inside it. Its geometry is saved when it closes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = (16, 40)
"""Room left for the window manager's frame and title bar before the window is shown."""


def available_area(window: QWidget) -> QRect:
    """Return the available geometry (without taskbars) of the screen the window is on."""
    anchor = window.parentWidget() or window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_window(window: QWidget, key: str, preferred: tuple[int, int]) -> None:
    """Give ``window`` its remembered or preferred size, within the screen; remember it."""
    geometry = QSettings().value(f"ui/{key}/geometry")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        window.resize(*preferred)
    keep_on_screen(window)
    if not hasattr(window, "_fieldapp_geometry_saver"):
        saver = _GeometrySaver(window, key)
        window.installEventFilter(saver)
        window._fieldapp_geometry_saver = saver  # type: ignore[attr-defined]


def keep_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to the available area of its screen and move it inside it."""
    area = available_area(window)
    width = min(window.width(), area.width() - FRAME[0])
    height = min(window.height(), area.height() - FRAME[1])
    window.resize(max(width, 200), max(height, 150))
    placed = window.isVisible() or window.testAttribute(Qt.WidgetAttribute.WA_Moved)
    if not (window.isWindow() and placed):
        return  # not placed yet: Qt centres a dialog on its parent, within the screen
    x = min(max(window.x(), area.left()), area.right() - window.width() - FRAME[0])
    y = min(max(window.y(), area.top()), area.bottom() - window.height() - FRAME[1])
    window.move(max(x, area.left()), max(y, area.top()))


def grow_to_fit(window: QWidget) -> None:
    """Make ``window`` as tall as its layout needs at its width, within the screen.

    A dialog sized at opening for an empty status line squeezed everything above it
    when a message of three lines came (a refused folder, a long USB path): labels and
    boxes were cut. Called after such a message is shown.
    """
    layout = window.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.heightForWidth(window.width())
    if needed > window.height():
        window.resize(window.width(), needed)
        keep_on_screen(window)


class _GeometrySaver(QObject):
    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self.key = key

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and isinstance(watched, QWidget):
            QSettings().setValue(f"ui/{self.key}/geometry", watched.saveGeometry())
        return False
