"""A start after fieldapp stopped mid-interview tells the researcher nothing was lost.

Found walking the researcher's day: after a `kill -9` mid-sentence every letter was
there, but the restarted app said nothing, so she could not know it without opening each
draft. Now, once the start's passphrase is answered, a notice in her language names the
interviews that were open and the first is selected for Enter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from opened_windows import OPENED
from PySide6.QtWidgets import QApplication, QMessageBox

from fieldapp.core.store.records import SubmissionId
from fieldapp.ui import i18n
from fieldapp.ui.app import install_locks
from fieldapp.ui.main_window import MainWindow


def start_window(qtbot: Any, store: Any) -> MainWindow:
    """Start the desktop on ``store``'s file as ``fieldapp`` does: window, then the locks."""
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    qtbot.waitExposed(window)
    install_locks(window)
    return window


def notice() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "interruptedNotice" and widget.isVisible():
            assert isinstance(widget, QMessageBox)
            return widget
    return None


@pytest.fixture
def spanish() -> Any:
    i18n.apply_language("es")
    yield
    i18n.apply_language("en")


def test_after_a_stop_mid_interview_the_start_says_nothing_was_lost(
    qtbot: Any, store: Any, spanish: Any
) -> None:
    sha = store.forms.records()[0].sha256
    left_open = store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso")
    closed = store.interviews.start(sha, interviewer="MT03", city="monterrey", actor_type="gov")
    store.interviews.autosave(closed, {"respondent": "R-1"})
    store.interviews.save(closed)  # its window was closed: a revision, no working copy
    store.interviews.autosave(left_open, {"respondent": "R-2"})  # then the laptop died

    window = start_window(qtbot, store)
    qtbot.waitUntil(lambda: notice() is not None)
    box = notice()
    assert box is not None
    said = box.text()
    assert box.windowTitle() == "No se perdió nada"
    assert "fieldapp no se cerró normalmente" in said and "hasta la última letra" in said
    assert "continuar en la pregunta donde estaba escribiendo" in said, "where Enter goes back"
    assert "Sociedad civil · Tijuana" in said and "TJ01" in said
    assert "Monterrey" not in said, "an interview closed normally is not named"
    row = window.selected_row()
    assert row is not None and row.submission_id == left_open, "Enter reopens it"
    box.accept()


def test_a_start_after_a_normal_close_says_nothing(qtbot: Any, store: Any) -> None:
    sha = store.forms.records()[0].sha256
    sid = store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso")
    store.interviews.autosave(sid, {"respondent": "R-2"})
    store.interviews.save(SubmissionId(sid))
    window = start_window(qtbot, store)
    settle(qtbot, 200)  # the locks' start-up step has run
    assert window.isVisible() and notice() is None


def test_the_notice_is_said_once_and_the_answers_are_saved(qtbot: Any, store: Any) -> None:
    """The drafts it names are saved as their closed windows would have saved them: the
    next start, after a normal quit, says nothing, and every letter is in a revision."""
    sha = store.forms.records()[0].sha256
    sid = store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso")
    store.interviews.autosave(sid, {"respondent": "R-2 hasta la última letra"})
    window = start_window(qtbot, store)
    qtbot.waitUntil(lambda: notice() is not None)
    box = notice()
    assert box is not None
    box.accept()
    (head,) = store.interviews.heads(SubmissionId(sid))
    assert head.answers is not None
    assert head.answers["respondent"] == "R-2 hasta la última letra"
    assert store.conn.execute("SELECT count(*) FROM working_copies").fetchone()[0] == 0
    row = window.selected_row()
    assert row is not None and row.submission_id == sid
    window.close()
    again = start_window(qtbot, store)
    settle(qtbot, 200)
    assert again.isVisible() and notice() is None, "said once, not at every start"


def test_a_player_folder_left_that_could_not_be_removed_is_said_in_the_window(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from fieldapp.ui import errors

    said: list[str] = []
    monkeypatch.setattr(errors, "show_error", lambda _parent, error: said.append(error.text("en")))
    stuck = tmp_path / "fieldapp-play-4198625-qrstuvwx"
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    qtbot.waitExposed(window)
    install_locks(window, [stuck])
    qtbot.waitUntil(lambda: bool(said))
    assert said == [
        "fieldapp stopped last time without removing the copies of recordings it gave the "
        f"system's player, and could not remove them now: {stuck}. Delete that folder "
        "yourself (it may hold an interview's recording)."
    ]
