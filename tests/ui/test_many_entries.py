"""A page of 500 repeat entries (a count typed as a year, *(fieldday)*) opens with the
entries that show made, and the others as they come into view, as the keyboard reaches
them or as a question of theirs is asked for; nothing of them is lost (entries2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_windows import open_window
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QRadioButton, QScrollArea, QWidget
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.store import Store
from fieldapp.ui.form_view import FormView

MANY = 500
WALKED = 60
"""Entries walked by Tab and by scrolling, each made on the way (past ``LAZY_PAST``)."""
SINCE_MESSAGE = "A year between 1900 and 2026."


def mechanisms_form(path: Path, *, questions: int = 3) -> Path:
    """A count on a page of its own, then that many mechanisms: a name (required), and,
    with ``questions`` of 3, whether it works and since when (a year, its constraint)."""
    survey: list[dict[str, str]] = [
        {"type": "begin group", "name": "collab", "label": "Collaboration"},
        {"type": "integer", "name": "n", "label": "How many mechanisms?"},
        {"type": "end group"},
        {"type": "begin repeat", "name": "mech", "label": "Mechanism", "repeat_count": "${n}"},
        {"type": "text", "name": "what", "label": "What is it called?", "required": "yes"},
    ]
    if questions == 3:
        survey += [
            {"type": "select_one yn", "name": "works", "label": "Does it still work?"},
            {
                "type": "integer",
                "name": "since",
                "label": "Since when (year)?",
                "constraint": ". >= 1900 and . <= 2026",
                "constraint_message": SINCE_MESSAGE,
            },
        ]
    survey += [
        {"type": "end repeat"},
        {"type": "begin group", "name": "closing", "label": "Closing"},
        {"type": "text", "name": "notes", "label": "Anything else?"},
        {"type": "end group"},
    ]
    choices = [
        {"list_name": "yn", "name": "yes", "label": "Yes"},
        {"list_name": "yn", "name": "no", "label": "No"},
    ]
    settings = {"form_id": "many", "version": "1"}
    return write_xlsform(path, survey=survey, choices=choices, settings=settings)


def editors(view: FormView) -> list[QLineEdit]:
    """The mechanisms' name fields made so far (a made entry has one)."""
    page = view.pages.widget(1)
    assert isinstance(page, QScrollArea)
    return [e for e in page.findChildren(QLineEdit, "editor") if e.isVisibleTo(page)]


def entry_of(view: FormView, widget: QWidget | None) -> int | None:
    """The number (from 1) of the mechanism whose question holds ``widget``."""
    ref = view.question_at(widget)
    return ref[1] + 1 if ref is not None and isinstance(ref[1], int) else None


def shown_view(qtbot: Any, path: Path, questions: int, count: int = MANY) -> FormView:
    form = load_form(mechanisms_form(path, questions=questions))
    view = FormView(Session(form, {"collab/n": count}, messages="en"))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.reveal(("mech", 0, "what"))
    return view


def tabbed(
    qtbot: Any, view: FormView, times: int, key: Qt.Key = Qt.Key.Key_Tab
) -> list[int | None]:
    """Press ``key`` ``times`` times; return the entry the keyboard is in after each."""
    reached = []
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key)
        reached.append(entry_of(view, QApplication.focusWidget()))
    return reached


def test_500_entries_open_with_those_that_show_and_the_keyboard_reaches_the_others(
    qtbot: Any, tmp_path: Path
) -> None:
    """Each of the 500 entries was made as the page opened: 4 s of CPU, tens of seconds on
    a loaded laptop. Only those that show are made; Tab goes on into the others in order,
    a question of a far one is gone to directly, and the last leads on to *Next section*
    and back."""
    view = shown_view(qtbot, tmp_path / "many.xlsx", questions=1)
    first = view.nodes[("mech", 0, "what")].edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    titles = [view.findChild(QWidget, f"mech_{n}") for n in range(1, MANY + 1)]
    assert all(title is not None for title in titles), "every entry is on the page"
    qtbot.wait(50)  # what shows is made
    assert len(editors(view)) < 40, f"{len(editors(view))} of {MANY} entries made at once"
    assert tabbed(qtbot, view, 45) == list(range(2, 47))

    view.reveal(("mech", 449, "what"))  # as the problem list or her kept place does
    assert entry_of(view, QApplication.focusWidget()) == 450
    assert tabbed(qtbot, view, 5) == [451, 452, 453, 454, 455]
    view.reveal(("mech", MANY - 3, "what"))
    assert tabbed(qtbot, view, 3) == [MANY - 1, MANY, None]
    assert QApplication.focusWidget() is view.next_button, "then on to Next section"
    assert tabbed(qtbot, view, 2, Qt.Key.Key_Backtab) == [MANY, MANY - 1]


def test_tab_goes_through_every_entry_in_order_and_shift_tab_back(
    qtbot: Any, tmp_path: Path
) -> None:
    """Past ``LAZY_PAST`` entries, each entry made as Tab reaches it, none skipped."""
    view = shown_view(qtbot, tmp_path / "walk.xlsx", questions=1, count=WALKED)
    first = view.nodes[("mech", 0, "what")].edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    assert tabbed(qtbot, view, WALKED) == [*range(2, WALKED + 1), None]
    assert QApplication.focusWidget() is view.next_button

    view = shown_view(qtbot, tmp_path / "back.xlsx", questions=1, count=WALKED)
    view.next_button.setFocus()
    qtbot.waitUntil(view.next_button.hasFocus)
    assert tabbed(qtbot, view, WALKED, Qt.Key.Key_Backtab) == list(range(WALKED, 0, -1))


def test_shift_tab_from_the_end_goes_into_entries_not_made_yet(qtbot: Any, tmp_path: Path) -> None:
    """From *Next section* back into the last entries, none of them made yet: the keyboard
    lands in their last question, each in view, and typing there answers it."""
    view = shown_view(qtbot, tmp_path / "many.xlsx", questions=3)
    view.next_button.setFocus()
    qtbot.waitUntil(view.next_button.hasFocus)
    qtbot.keyClick(view.next_button, Qt.Key.Key_Backtab)
    last = view.nodes[("mech", MANY - 1, "since")]
    assert QApplication.focusWidget() is last.edit, "the last entry's last question"
    qtbot.keyClicks(last.edit, "2019")
    assert view.session.answers()["mech"][MANY - 1]["since"] == 2019
    page = view.pages.widget(1)
    assert isinstance(page, QScrollArea)
    corner = last.edit.mapTo(page.viewport(), last.edit.rect().bottomLeft())
    assert 0 <= corner.y() <= page.viewport().height(), "scrolled into view"
    for _ in range(3):  # its yes/no (one stop), its name, the entry before's year
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is view.nodes[("mech", MANY - 2, "since")].edit


def test_every_entry_shows_its_questions_as_the_page_scrolls_and_nothing_jumps(
    qtbot: Any, tmp_path: Path
) -> None:
    """Scrolled a screen at a time from top to bottom, every entry in view shows its
    questions, and the page keeps its length (empty entries are as tall as made ones)."""
    view = shown_view(qtbot, tmp_path / "many.xlsx", questions=3, count=WALKED)
    page = view.pages.widget(1)
    assert isinstance(page, QScrollArea)
    bar = page.verticalScrollBar()
    qtbot.wait(50)
    length = bar.maximum()
    frames = [view.findChild(QWidget, f"mech_{n}") for n in range(1, WALKED + 1)]
    seen: set[int] = set()
    position = 0
    while True:
        bar.setValue(position)
        qtbot.wait(10)  # painted, then made
        for number, frame in enumerate(frames, 1):
            if frame is None or frame.visibleRegion().isEmpty():
                continue
            edit = view.nodes.get(("mech", number - 1, "what"))
            assert edit is not None and edit.isVisible(), f"entry {number} shows empty"
            seen.add(number)
        assert bar.maximum() == length, "the page changed length as entries were made"
        if position >= bar.maximum():
            break
        position += bar.pageStep()
    assert seen == set(range(1, WALKED + 1))


def test_answers_typed_in_entry_480_are_saved_and_come_back(qtbot: Any, tmp_path: Path) -> None:
    """She goes to mechanism 480 of a draft of 500 and types there; the draft closed and
    opened again holds her answers, shows them without a scroll, and puts her back in it."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        sha = store.forms.add(mechanisms_form(tmp_path / "many.xlsx")).sha256
        sid = store.interviews.start(
            sha, answers={"collab/n": MANY}, interviewer="TJ01", city="tijuana"
        )
        window = open_window(qtbot, store, sid)
        view = window.view
        view.reveal(("mech", 479, "works"))
        works = view.nodes[("mech", 479, "works")]
        assert works.isVisible()
        yes = works.findChild(QRadioButton, "choice_yes")
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton, pos=QPoint(8, yes.height() // 2))
        view.reveal(("mech", 479, "what"))
        qtbot.keyClicks(view.nodes[("mech", 479, "what")].edit, "Mesa de paz")
        window.close()
        kept = store.interviews.working_answers(sid)["mech"]
        assert len(kept) == MANY
        assert kept[479] == {"what": "Mesa de paz", "works": "yes"}
        assert all(not entry for n, entry in enumerate(kept) if n != 479)
    with Store.open(laptop) as store:
        again = open_window(qtbot, store, sid)
        view = again.view
        hers = view.nodes[("mech", 479, "what")].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is hers)
        assert hers.text() == "Mesa de paz"
        assert len(editors(view)) < 40, "the other entries are made as they show"
        again.close()


def test_problems_in_far_entries_block_finalizing_and_lead_to_them(
    qtbot: Any, tmp_path: Path
) -> None:
    """A year past the constraint in mechanism 480, saved in a draft, shows its message
    at once; finalizing is refused, the list names it and the name missing in
    mechanism 481 (an entry not made yet), and Enter there goes into it."""
    with Store.open(tmp_path / "laptop.db") as store:
        sha = store.forms.add(mechanisms_form(tmp_path / "many.xlsx")).sha256
        entries: list[dict[str, Any]] = [{} for _ in range(MANY)]
        entries[479] = {"what": "Mesa de paz", "since": 3000}
        sid = store.interviews.start(
            sha,
            answers={"collab/n": MANY, "mech": entries},
            interviewer="TJ01",
            city="tijuana",
        )
        window = open_window(qtbot, store, sid)
        view = window.view
        view.go(1)
        since = view.nodes[("mech", 479, "since")]
        assert since.error.text() == SINCE_MESSAGE, "a kept answer's problem shows"
        assert ("mech", 480, "what") not in view.nodes, "mechanism 481 not made yet"

        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert window.problems_dock.isVisible(), "finalizing refused"
        assert window.state != "finalized"
        listed = [window.problem_list.item(i).text() for i in range(window.problem_list.count())]
        assert any("Mechanism 480" in line and SINCE_MESSAGE in line for line in listed), listed
        far = next(
            i for i, line in enumerate(listed) if "Mechanism 481" in line and "called" in line
        )
        assert "must be answered" in listed[far], listed[far]
        window.problem_list.setCurrentRow(far)
        qtbot.keyClick(window.problem_list, Qt.Key.Key_Return)
        name = view.nodes[("mech", 480, "what")]
        assert QApplication.focusWidget() is name.edit
        assert name.error.isVisible() and "needs an answer" in name.error.text()
        window.close()
