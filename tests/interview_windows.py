"""Start an interview on a test store's first form and open its window, as the desk does."""

from __future__ import annotations

from typing import Any

from opened_windows import OPENED

from fieldapp.ui.interview_window import InterviewWindow


def start(store: Any) -> str:
    """Start a draft on the store's first form (interviewer TJ-07, Tijuana)."""
    record = store.forms.records()[0]
    return str(
        store.interviews.start(record.sha256, interviewer="TJ-07", city="tijuana", actor_type="cso")
    )


def open_window(qtbot: Any, store: Any, submission_id: str) -> InterviewWindow:
    """Show the interview's window, active, and register it to be closed after the test."""
    window = InterviewWindow(store, submission_id)
    OPENED.append(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
