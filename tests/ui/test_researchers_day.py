"""The researcher's day on the study forms at 1366×768, tried again: what tripped her.

Each test is a step of the walk that went wrong (docs/design-notes.md, "The researcher's
day, tried again")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from interview_windows import open_window, start
from opened_windows import OPENED, close_opened
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from study_keys import DRAFTS_PASSPHRASE, sealed_form

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.study import study_forms
from fieldapp.ui import main_window
from fieldapp.ui.form_view import CLEAR_KEYS
from fieldapp.ui.i18n import resource_bytes
from fieldapp.ui.interrupted import tell_interrupted
from fieldapp.ui.interview_window import InterviewWindow
from fieldapp.ui.lock import PassphraseDialog

OUTCOME = ("mechanisms", 1, "mech_outcome_text")
"""The second mechanism's "what did it achieve, in your words": the last question of a
section of two entries, some seven thousand pixels down its page."""

MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

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
    settle(qtbot, 50)  # the window's first turns of the event loop
    shown = edit.visibleRegion()
    assert not shown.isEmpty(), "the answer she was typing is out of sight"
    assert shown.boundingRect().height() == edit.height(), "only part of it shows"


@pytest.mark.parametrize("approved_first", [False, True], ids=["returned", "approval_taken_back"])
def test_a_returned_sealed_interview_says_what_the_supervisor_asked_not_that_it_opens(
    qtbot: Any,
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    monkeypatch: Any,
    approved_first: bool,
) -> None:
    # The list said "Devuelta"; Enter said the interview was sealed and that "if she
    # returns it for changes, it opens here again": it was returned and did not open, and
    # the comments sealed for this very laptop were nowhere to read. Approved by mistake
    # first and then returned, it reads the same, with the return's words, not the
    # approval's.
    form = sealed_form(tmp_path, pair)
    laptop, supervisor = tmp_path / "laptop.db", tmp_path / "supervisor.db"
    with Store.open(laptop) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        sid, _ = store.interviews.submit(
            sha, {"story": "relato"}, finalize=True, interviewer="TJ03", city="tijuana"
        )
        write_package(store, tmp_path / "laptop.fieldapp")
    with Store.open(supervisor) as store:
        merge_database(store, tmp_path / "laptop.fieldapp")
        store.keys.unlock(study_key)
        if approved_first:
            store.review.approve(sid, comment="Bien documentada.", author="Rosa")
        store.review.return_interview(
            sid,
            comment="Falta la fecha del primer contacto.",
            questions={"story": "Pida un ejemplo concreto."},
            author="Rosa",
        )
        write_package(store, tmp_path / "supervisor.fieldapp")
    with Store.open(laptop) as store:
        merge_database(store, tmp_path / "supervisor.fieldapp")
    said: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda _w, e: said.append(e.text("es")))
    window = main_window.MainWindow(laptop)
    OPENED.append(window)
    window.store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    window.refresh()
    window.select(sid)
    assert window.selected_row().state == "returned"
    window.open_selected()  # Enter on the row
    window.reopen_selected()  # Ctrl+R on it
    assert sid not in window.interview_windows
    assert len(said) == 2 and said[0] == said[1]
    assert "Falta la fecha del primer contacto." in said[0]
    assert "Relato — Pida un ejemplo concreto." in said[0]
    assert "abrir aquí de nuevo" not in said[0]
    assert "Bien documentada" not in said[0]
    assert said[0] == FieldappError(
        "finalize.ui.sealed_returned",
        comments="• Falta la fecha del primer contacto.\n• Relato — Pida un ejemplo concreto.",
    ).text("es")


def sealed_laptop(
    tmp_path: Path, pair: crypto.KeyPair, typed: dict[str, Any] | None = None
) -> tuple[Path, str]:
    """A laptop's database with one draft of a sealed form (``typed`` autosaved in it)."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(sealed_form(tmp_path, pair)).sha256
        sid = store.interviews.start(sha, interviewer="TJ03", city="tijuana")
        if typed is not None:
            store.interviews.autosave(sid, typed)
    return laptop, sid


def opened_locked(laptop: Path) -> main_window.MainWindow:
    """The main window on ``laptop`` with its drafts passphrase not typed."""
    window = main_window.MainWindow(laptop)
    OPENED.append(window)
    window.show()
    return window


def test_esc_at_the_start_s_passphrase_says_why_the_list_is_empty_and_how_to_unlock(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    # She pressed Esc at the drafts passphrase the start asks. The list was empty and said
    # "No interview matches these filters. Clear filters (Ctrl+Shift+L)": there was no
    # filter to clear, and no menu asked the passphrase again; only starting a new,
    # unwanted interview (or quitting) brought her drafts back.
    laptop, sid = sealed_laptop(tmp_path, pair)
    window = opened_locked(laptop)  # the prompt left unanswered: drafts locked
    qtbot.waitUntil(lambda: window.empty_label.isVisible())
    said = window.empty_label.text()
    assert "Ctrl+Shift+L" not in said
    assert said == FieldappError("ui.sealed_list_hidden").text("en")
    unlock = window.unlock_drafts_action
    assert unlock in window.interview_menu.actions() and unlock.isEnabled()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PassphraseDialog)
        qtbot.keyClicks(dialog.passphrase, DRAFTS_PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    unlock.trigger()
    qtbot.waitUntil(lambda: window.model.total == 1)
    window.select(sid)
    assert window.selected_row().submission_id == sid
    qtbot.waitUntil(lambda: not window.empty_label.isVisible())
    assert not unlock.isEnabled()  # nothing left to unlock


def test_clearing_an_answer_is_in_the_interview_menu_with_its_keys(qtbot: Any, store: Any) -> None:
    # Ctrl+Shift+Backspace cleared the answer of the question she was in, but only
    # Help › Keyboard shortcuts said so: the Interview menu, where she looks for what
    # she can do, had no such entry, by mouse or by Alt key.
    window = open_window(qtbot, store, start(store))
    menu = [action.text() for action in window.interview_menu.actions()]
    keys = QKeySequence(CLEAR_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
    assert "Clear &answer\t" + keys in menu
    respondent = ("intro/respondent",)
    window.view.reveal(respondent)
    edit = window.view.nodes[respondent].edit
    qtbot.keyClicks(edit, "Ana")
    assert window.view.session.state(respondent).value == "Ana"
    window.clear_answer_action.trigger()  # from the menu, the keyboard still in the answer
    assert window.view.session.state(respondent).value is None
    assert edit.text() == ""
    qtbot.keyClicks(edit, "Eva")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace, MODIFIERS)  # and the keys, not ambiguous
    assert window.view.session.state(respondent).value is None


def test_after_a_stop_with_the_prompt_unanswered_the_notice_names_where_to_unlock(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    # The laptop died in a sealed interview; at the next start she pressed Esc at the
    # passphrase. The notice said the interview was "shown once the drafts passphrase is
    # typed", without saying where: no menu asked it.
    laptop, _ = sealed_laptop(tmp_path, pair, {"story": "el comandante dij"})  # power cut
    window = opened_locked(laptop)
    box = tell_interrupted(window)
    assert box is not None
    entry = window.unlock_drafts_action.text().replace("&", "")
    menu = window.interview_menu.title().replace("&", "")
    assert f"({menu} › {entry})" in box.text()
    box.close()


def test_every_problem_to_fix_is_read_whole_at_the_laptop_s_width(
    qtbot: Any, field_db: Store
) -> None:
    # Ctrl+Enter on a new interview listed what was missing; the first line, the one
    # selected, ended "…or mark at the end that the interview …": Qt wrapped each line at
    # the list's width but drew it inside the style sheet's padding, so a line a little
    # shorter than the list was laid out on one line and cut when drawn.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    bare = app.styleSheet()
    app.setStyleSheet(resource_bytes("style.qss").decode("utf-8"))  # the app's own look
    try:
        sid = cso_draft(field_db)
        window = InterviewWindow(field_db, sid)
        OPENED.append(window)
        window.resize(1100, 728)
        window.show()
        window.show_problems()
        listed = window.problem_list
        qtbot.waitUntil(lambda: listed.isVisible() and listed.count() > 3)
        settle(qtbot, 50)
        room = listed.viewport().width()
        for row in range(listed.count()):
            item = listed.item(row)
            assert listed.visualItemRect(item).width() <= room, f"cut: {item.text()}"
        assert any(
            listed.fontMetrics().horizontalAdvance(listed.item(row).text()) > room
            for row in range(listed.count())
        ), "no line long enough to need wrapping: the test proves nothing"
    finally:
        app.setStyleSheet(bare)


def test_ctrl_r_on_her_finalized_sealed_interview_says_what_enter_says(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, monkeypatch: Any
) -> None:
    # Enter on her finalized sealed interview said, in her words, that it was sealed and
    # went to the supervisor in her package; Ctrl+R ("Reopen for editing", a toolbar
    # button too) said "Interview eb9bead6-… is sealed with the study key: its answers
    # can only be read with the supervisor's private key", naming a uuid.
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(sealed_form(tmp_path, pair)).sha256
        sid, _ = store.interviews.submit(
            sha, {"story": "relato"}, finalize=True, interviewer="TJ03", city="tijuana"
        )
    said: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda _w, e: said.append(e.text("es")))
    window = main_window.MainWindow(laptop)
    OPENED.append(window)
    window.store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    window.refresh()
    window.select(sid)
    window.open_selected()  # Enter
    window.reopen_selected()  # Ctrl+R
    assert len(said) == 2
    assert said[1] == said[0] == FieldappError("finalize.ui.sealed_here").text("es")
    assert str(sid) not in said[1]


def test_a_problem_to_fix_names_the_question_as_it_reads_with_her_answers(
    qtbot: Any, field_db: Store
) -> None:
    # The security form's last sections ask "Comparando ${ref_end} con ${ref_start}, la
    # violencia…": on screen the years she gave, but Ctrl+Enter's list of what to fix
    # printed the form's raw label, "${ref_end}" and all, as a question she never saw.
    form = next(f for f in study_forms() if f.path.stem == "security")
    sha = field_db.forms.add(form.path).sha256
    answers = {"consent": "yes", "period/ref_start": 2014, "period/ref_end": 2023}
    sid = field_db.interviews.start(
        sha, answers=answers, interviewer="TJ03", city="tijuana", actor_type="security"
    )
    window = open_window(qtbot, field_db, sid)
    window.show_problems()
    lines = [window.problem_list.item(row).text() for row in range(window.problem_list.count())]
    window.view.reveal(("outcomes/violence_change",))
    label = window.view.nodes[("outcomes/violence_change",)].label.text()
    shown = label.split("<")[0].strip()  # the question on screen, less its required mark
    assert "2023" in shown and "2014" in shown
    assert any(shown in line for line in lines), lines
    assert not [line for line in lines if "${" in line]
