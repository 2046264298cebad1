"""The researcher's day on the study forms at 1366×768, tried again: what tripped her.

Each test is a step of the walk that went wrong (docs/design-notes.md, "The researcher's
day, tried again")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED, close_opened
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.study import study_forms
from fieldapp.ui.interview_window import InterviewWindow

OUTCOME = ("mechanisms", 1, "mech_outcome_text")
"""The second mechanism's "what did it achieve, in your words": the last question of a
section of two entries, some seven thousand pixels down its page."""

SENTENCE = "El mecanismo funcionó bien hasta que cambi"


@pytest.fixture
def field_db(tmp_path: Path) -> Iterator[Store]:
    """The laptop's database; the test's windows are closed before it."""
    with Store.open(tmp_path / "field.db") as store:
        yield store
        close_opened()


def cso_draft(store: Store) -> SubmissionId:
    """A civil-society interview with two mechanisms, the second one's outcome half typed."""
    form = next(f for f in study_forms() if f.path.stem == "cso")
    sha = store.forms.add(form.path).sha256
    answers = {
        "consent": "yes",
        "anonymity": "anonymous",
        "collaboration/collab_any": "yes",
        "collaboration/mech_count": 2,
        "mechanisms": [{}, {"mech_outcome_text": SENTENCE}],
    }
    return store.interviews.start(
        sha, answers=answers, interviewer="TJ03", city="tijuana", actor_type="cso"
    )


def test_after_a_crash_the_question_typed_in_is_on_screen_not_only_focused(
    qtbot: Any, field_db: Store
) -> None:
    # The laptop died mid-sentence in the second mechanism. The reopened window put the
    # keyboard back in that answer, cursor and all, but scrolled its page while the window
    # was still being made (nothing laid out yet): the page showed the first mechanism's
    # questions and the next keys typed into a field out of sight.
    sid = cso_draft(field_db)
    field_db.interviews.keep_place(sid, Place(OUTCOME, len(SENTENCE)))
    window = InterviewWindow(field_db, sid)  # as the list opens it: made, then shown
    OPENED.append(window)
    window.resize(1100, 728)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    edit = window.view.nodes[OUTCOME].edit
    assert isinstance(edit, QPlainTextEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    assert edit.textCursor().position() == len(SENTENCE)
    qtbot.wait(50)  # the window's first turns of the event loop
    shown = edit.visibleRegion()
    assert not shown.isEmpty(), "the answer she was typing is out of sight"
    assert shown.boundingRect().height() == edit.height(), "only part of it shows"
