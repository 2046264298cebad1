"""Let a desktop test's window settle: run the event loop's next turns, however loaded the
machine.

``qtbot.wait(50)`` runs as many turns of the loop as fit in 50 ms. A layout, a zero
timer or a deletion that a handler posts runs at a later turn; on CI's loaded machine of
two cores the first turn alone can take the 50 ms, and the test then read the window
before it was laid out. ``settle`` waits as long, then runs a count of whole turns.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent

TURNS = 10
"""More than any chain of posted work in fieldapp (a shown tab, its layout, its fitting)."""


def settle(qtbot: Any, ms: int = 50, turns: int = TURNS) -> None:
    """Wait ``ms`` with events running, then run ``turns`` whole turns of the event loop."""
    qtbot.wait(ms)
    for _ in range(turns):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
