"""After a crash the researcher is back at the question she was typing in, cursor where it was.

Found walking the researcher's day: her laptop died mid-sentence in the mechanisms of
the organisation's section, and the restarted app reopened the interview at its first
section with the keyboard on the section list, while the interviewee waited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from interview_windows import open_window
from opened_windows import OPENED
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPlainTextEdit
from study_keys import DRAFTS_PASSPHRASE, key_pair, sealed_form
from xlsform import row, write_xlsform

from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.ui.app import install_locks
from fieldapp.ui.interview_window import InterviewWindow
from fieldapp.ui.main_window import MainWindow

CITY = ("org/mechanisms", 1, "mech_city")
"""Where she was: the second mechanism's city, deep in the last section."""


def deep_form(path: Path) -> Path:
    """Three sections; the last one long, ending in a repeat of mechanisms."""
    return write_xlsform(
        path,
        [
            row("begin group", "intro", "Introduction"),
            row("text", "respondent", "Respondent code"),
            row("end group", ""),
            row("begin group", "history", "History"),
            row("text", "story", "What happened?", appearance="multiline"),
            row("end group", ""),
            row("begin group", "org", "Organisation"),
            *(row("text", f"q{n}", f"Question {n}") for n in range(1, 13)),
            row("begin repeat", "mechanisms", "Mechanism"),
            row("text", "mech_name", "Mechanism name"),
            row("text", "mech_city", "City", relevant="${mech_name} != 'none'"),
            row("end repeat", ""),
            row("end group", ""),
        ],
        settings={"form_id": "deep", "version": "1", "default_language": "English (en)"},
    )


def started(store: Store, tmp_path: Path) -> SubmissionId:
    sha = store.forms.add(deep_form(tmp_path / "deep.xlsx")).sha256
    two = [{"mech_name": "Mesa"}, {"mech_name": "Consejo"}]
    return store.interviews.start(
        sha, answers={"org/mechanisms": two}, interviewer="TJ01", city="tijuana"
    )


def crash(window: InterviewWindow) -> None:
    """Drop the window as a power cut does: no close event, nothing saved on the way out."""
    shiboken6.delete(window)
    QApplication.processEvents()


def notice() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "interruptedNotice" and widget.isVisible():
            assert isinstance(widget, QMessageBox)
            return widget
    return None


def test_after_a_crash_enter_reopens_at_the_question_typed_in_with_the_cursor_there(
    qtbot: Any, tmp_path: Path
) -> None:
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sid = started(store, tmp_path)
        window = open_window(qtbot, store, sid)
        window.view.reveal(CITY)
        city = window.view.nodes[CITY].edit
        qtbot.keyClicks(city, "Reynosa centro")
        qtbot.keyClick(city, Qt.Key.Key_Home)
        for _ in range(7):
            qtbot.keyClick(city, Qt.Key.Key_Right)
        qtbot.keyClicks(city, " del")  # a correction mid-sentence, then the power goes
        assert (city.text(), city.cursorPosition()) == ("Reynosa del centro", 11)
        crash(window)

    main = MainWindow(db)  # the next start, on what is on disk
    OPENED.append(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    install_locks(main)
    qtbot.waitUntil(lambda: notice() is not None)
    box = notice()
    assert box is not None
    box.accept()
    main.activateWindow()  # as the window system does when the notice goes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is main.table)
    row = main.selected_row()
    assert row is not None and row.submission_id == sid
    qtbot.keyClick(main.table, Qt.Key.Key_Return)  # the notice selected it: Enter opens it
    qtbot.waitUntil(lambda: sid in main.interview_windows)
    reopened = main.interview_windows[sid]
    reopened.activateWindow()  # as the window system does with a new window
    qtbot.waitUntil(reopened.isActiveWindow)
    view = reopened.view
    city = view.nodes[CITY].edit
    assert view.current() == 2, "the organisation's section, not the first"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is city)
    assert city.text() == "Reynosa del centro"
    assert city.cursorPosition() == 11, "the cursor where she was correcting"
    qtbot.waitUntil(lambda: not city.visibleRegion().isEmpty())  # scrolled into view
    qtbot.keyClicks(city, " norte")  # she goes on typing where she stopped
    assert city.text() == "Reynosa del norte centro"


def test_a_draft_closed_normally_reopens_in_its_long_text_at_the_cursor(
    qtbot: Any, tmp_path: Path
) -> None:
    """The place is this laptop's (not in the revision): a draft saved and reopened later
    on it lands there too; a finalized one opens read only as before, and Ctrl+R's draft
    goes back there."""
    with Store.open(tmp_path / "field.db") as store:
        sid = started(store, tmp_path)
        window = open_window(qtbot, store, sid)
        window.view.reveal(("history/story",))
        story = window.view.nodes[("history/story",)].edit
        qtbot.keyClicks(story, "Primero vino la mesa.")
        qtbot.keyClick(story, Qt.Key.Key_Home)
        qtbot.keyClicks(story, "En 2018. ")
        window.close()
        (head,) = store.interviews.heads(sid)
        assert "cursor" not in str(head.answers), "the revision travels: no place in it"

        again = open_window(qtbot, store, sid)
        story = again.view.nodes[("history/story",)].edit
        assert isinstance(story, QPlainTextEdit)
        assert again.view.current() == 1
        qtbot.waitUntil(lambda: QApplication.focusWidget() is story)
        assert story.textCursor().position() == len("En 2018. ")
        again.close()

        store.interviews.finalize(sid)
        reader = open_window(qtbot, store, sid)
        assert not reader.editable
        assert QApplication.focusWidget() is reader.view.navigator, "read only: as before"
        reader.close()
        store.interviews.reopen(sid)  # Ctrl+R: editable again, back where she was
        editing = open_window(qtbot, store, sid)
        story = editing.view.nodes[("history/story",)].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is story)
        assert story.textCursor().position() == len("En 2018. ")
        editing.close()


def test_a_question_that_no_longer_applies_gives_way_to_the_nearest_before_it(
    qtbot: Any, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "field.db") as store:
        sid = started(store, tmp_path)
        window = open_window(qtbot, store, sid)
        window.view.reveal(CITY)
        qtbot.keyClicks(window.view.nodes[CITY].edit, "Reynosa")
        crash(window)
        # the answers changed under it (another sitting): the city no longer applies
        answers = store.interviews.working_answers(sid)
        answers["org/mechanisms"][1]["mech_name"] = "none"
        store.interviews.autosave(sid, answers)

        again = open_window(qtbot, store, sid)
        name = again.view.nodes[("org/mechanisms", 1, "mech_name")].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
        assert again.view.current() == 2
        crash(again)

        answers["org/mechanisms"] = answers["org/mechanisms"][:1]  # the entry is gone
        store.interviews.autosave(sid, answers)
        last = open_window(qtbot, store, sid)
        first_city = last.view.nodes[("org/mechanisms", 0, "mech_city")].edit
        assert isinstance(first_city, QLineEdit)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is first_city)
        last.close()


def test_a_sealed_draft_goes_back_to_its_place_and_no_setting_says_which_section(
    qtbot: Any, tmp_path: Path
) -> None:
    """The place is kept under the interview's drafts key; the section list's row, which
    says in clear what was being discussed, is not written to the settings for it."""
    survey = [
        row("begin group", "intro", "Introduction"),
        row("text", "respondent", "Respondent code"),
        row("end group", ""),
        row("begin group", "security", "Security"),
        row("text", "extortion", "Who charges the fee?"),
        row("end group", ""),
    ]
    form = sealed_form(tmp_path, key_pair(), survey)
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = store.interviews.start(store.forms.add(form).sha256, interviewer="NL01")
        window = open_window(qtbot, store, sid)
        qtbot.keyClick(window.view.navigator, Qt.Key.Key_Down)  # to Security
        window.view.reveal(("security/extortion",))
        qtbot.keyClicks(window.view.nodes[("security/extortion",)].edit, "El comandante")
        crash(window)
        kept = [key for key in QSettings().allKeys() if key.endswith("/section")]
        assert kept == [], "what the settings file would say in clear"

        again = open_window(qtbot, store, sid)
        edit = again.view.nodes[("security/extortion",)].edit
        assert again.view.current() == 1
        qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
        assert edit.cursorPosition() == len("El comandante")
        again.close()
