"""The interview window keeps ODK's audit log for a form that asks for one (issue 13)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from xlsform import write_xlsform

from fieldapp.core.forms.audit import AUDIT_FILE
from fieldapp.core.store import Store
from fieldapp.ui.interview_window import InterviewWindow


def _events(store: Store, submission_id: str) -> list[list[str]]:
    head = store.interviews.heads(submission_id)[0]
    content = store.attachments.get(head.attachments[AUDIT_FILE])
    return [row[:2] for row in csv.reader(io.StringIO(content.decode("utf-8")))][1:]


@pytest.fixture
def audited(tmp_path: Path) -> Iterator[tuple[Store, str, list[InterviewWindow]]]:
    """A store, an interview started on a form that keeps an audit log, and the windows
    a test opens on it (closed at the end if still open)."""
    survey = [
        {"type": "audit", "name": "audit"},
        {"type": "text", "name": "name", "label": "Name"},
    ]
    store = Store.open(tmp_path / "interviews.db")
    windows: list[InterviewWindow] = []
    try:
        record = store.forms.add(write_xlsform(tmp_path / "audited.xlsx", survey=survey))
        started = str(
            store.interviews.start(
                record.sha256, interviewer="TJ-07", city="tijuana", actor_type="cso"
            )
        )
        yield store, started, windows
    finally:
        for opened in windows:
            if shiboken6.isValid(opened) and opened.isVisible():
                opened.close()
        store.close()


def test_saving_finalizing_and_reopening_extend_the_audit_log(
    qtbot: Any, audited: tuple[Store, str, list[InterviewWindow]]
) -> None:
    store, started, windows = audited
    window = InterviewWindow(store, started)
    windows.append(window)
    window.view.commit(("name",), "Ana")
    window.save()
    assert _events(store, started) == [
        ["form start", ""],
        ["question", "/data/name"],
        ["form save", ""],
    ]
    assert store.interviews.heads(started)[0].answers["meta/audit"] == AUDIT_FILE
    window.close()
    reopened = InterviewWindow(store, started)
    windows.append(reopened)
    reopened.view.commit(("name",), "Ana María")
    assert reopened.finalize()
    assert [event for event, _ in _events(store, started)] == [
        "form start",
        "question",
        "form save",
        "form exit",
        "form resume",
        "question",
        "form finalize",
    ]


def test_reading_an_audited_interview_makes_no_revision(
    qtbot: Any, audited: tuple[Store, str, list[InterviewWindow]]
) -> None:
    # Opened to read and closed: as for a form without a log, the interview keeps its
    # state and its history; the audit log must not make a revision of its own.
    store, started, windows = audited
    window = InterviewWindow(store, started)
    windows.append(window)
    window.view.commit(("name",), "Ana")
    window.close()
    history = store.interviews.history(started)
    logged = _events(store, started)

    reader = InterviewWindow(store, started)
    windows.append(reader)
    reader.show()
    reader.close()
    assert store.interviews.history(started) == history
    assert _events(store, started) == logged
