"""A researcher's day in English from the keyboard only: what the walk of the study forms
at 1366×768 found in the way, each kept mended here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from interview_windows import open_window, start
from opened_windows import OPENED
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDateEdit, QLabel, QWidget
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui import i18n
from fieldapp.ui.form_view import FormView
from fieldapp.ui.i18n import resource_bytes
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.question_widgets import question_holding


def test_every_close_key_of_the_platform_closes_the_interview(qtbot: Any, store: Any) -> None:
    # Help › Keyboard shortcuts names every binding (Ctrl+F4 / Ctrl+W on Windows); the
    # window took only the first, so Ctrl+W did nothing where Ctrl+F4 comes first.
    window = open_window(qtbot, store, start(store))
    named = {key.toString() for key in window.close_action.shortcuts()}
    assert {"Ctrl+W", "Ctrl+F4"} & named == {
        key.toString() for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
    } & {"Ctrl+W", "Ctrl+F4"}
    with qtbot.waitSignal(window.closed):
        qtbot.keyClick(window.view.navigator, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def consented_main(qtbot: Any, store: Any) -> Any:
    """Open an interview whose interviewee consented, on its "Interview" section."""
    window = open_window(qtbot, store, start(store))
    view = window.view
    view.commit(("intro/consent",), "yes")
    view.reveal(("main/city",))
    return view


def test_tab_goes_on_from_a_drop_down_choice_to_the_next_question(qtbot: Any, store: Any) -> None:
    # A minimal select's list lives in a popup window: chained into the section's Tab
    # order, it broke the chain, and Tab from the box went back to the first section.
    view = consented_main(qtbot, store)
    city = view.nodes[("main/city",)].combo
    assert city.hasFocus()
    qtbot.keyClick(city, Qt.Key.Key_Tab)  # "Organisation" has no options before a city
    assert view.nodes[("main/sectors",)].boxes[0].hasFocus()


def test_tab_reaches_options_that_an_earlier_answer_filtered_in(qtbot: Any, store: Any) -> None:
    # "Organisation" lists the chosen city's: its options are made when the city is
    # answered, after the section's Tab order was set, and Qt put them at the end of the
    # window's chain, past Next section: Tab went from the city to "Sectors".
    view = consented_main(qtbot, store)
    city = view.nodes[("main/city",)].combo
    qtbot.keyClick(city, Qt.Key.Key_Down)  # Tijuana
    assert view.session.state(("main/city",)).value == "tijuana"
    qtbot.keyClick(city, Qt.Key.Key_Tab)
    option = view.nodes[("main/org",)].group.buttons()[0]
    assert option.hasFocus()
    qtbot.keyClick(option, Qt.Key.Key_Space)
    assert view.session.state(("main/org",)).value == "ccsp"
    qtbot.keyClick(option, Qt.Key.Key_Tab)
    assert view.nodes[("main/sectors",)].boxes[0].hasFocus()


PAGES = [  # two sections; the second opens on a question that applies only sometimes
    {"type": "begin group", "name": "one", "label": "One"},
    {"type": "text", "name": "role", "label": "Role"},
    {"type": "integer", "name": "count", "label": "How many mechanisms?"},
    {"type": "end group"},
    {"type": "begin group", "name": "two", "label": "Two"},
    {"type": "text", "name": "which", "label": "Which?", "relevant": "${role} = 'chair'"},
    {"type": "text", "name": "since", "label": "Since when?"},
    {"type": "end group"},
    {"type": "begin repeat", "name": "fixed", "label": "Mechanism", "repeat_count": "${count}"},
    {"type": "text", "name": "fixed_name", "label": "Name of the mechanism"},
    {"type": "end repeat"},
    {"type": "begin repeat", "name": "free", "label": "Meeting"},
    {"type": "text", "name": "free_date", "label": "When was it?"},
    {"type": "end repeat"},
]


def paged_view(qtbot: Any, tmp_path: Path, answers: dict[str, Any]) -> FormView:
    form = load_form(write_xlsform(tmp_path / "pages.xlsx", survey=PAGES))
    view = FormView(Session(form, answers, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def next_section(qtbot: Any) -> QWidget:
    """Press Alt+→ where the focus is; return where the focus is then."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    return QApplication.focusWidget()


def test_next_section_lands_on_its_first_question_that_applies(qtbot: Any, tmp_path: Path) -> None:
    # The section's first question did not apply (hidden): the focus stayed in the
    # section left behind, out of sight, and the next letters went into its answer.
    view = paged_view(qtbot, tmp_path, {"one/role": "member", "one/count": 1})
    view.nodes[("one/role",)].edit.setFocus()
    assert next_section(qtbot) is view.nodes[("two/since",)].edit


def test_next_section_lands_in_a_repeats_first_entry_and_add_comes_after_it(
    qtbot: Any, tmp_path: Path
) -> None:
    # A repeat_count repeat hides its Add button, which came first in the section's Tab
    # order (made before the entries): the focus stayed where it was. A free repeat's
    # Add button took the keyboard before the entries above it.
    view = paged_view(qtbot, tmp_path, {"one/count": 1, "free": [{"free_date": ""}]})
    view.go(1)
    view.nodes[("two/since",)].edit.setFocus()
    assert next_section(qtbot) is view.nodes[("fixed", 0, "fixed_name")].edit
    landed = next_section(qtbot)
    first = view.nodes[("free", 0, "free_date")]
    assert landed is first.edit
    add = view.nodes[("free",)].add_button
    steps = [QApplication.focusWidget()]
    while steps[-1] is not add and len(steps) < 6:
        qtbot.keyClick(steps[-1], Qt.Key.Key_Tab)
        steps.append(QApplication.focusWidget())
    assert steps[-1] is add
    assert first.edit in steps
    qtbot.keyClick(add, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.previous_button  # the last section: no Next


def test_escape_closes_the_problem_list_and_goes_back_to_the_question(
    qtbot: Any, store: Any
) -> None:
    # Esc did nothing in the list of problems: it kept half the window at 1366×768 and
    # the keyboard, with no key back to the question the researcher was answering.
    window = open_window(qtbot, store, start(store))
    view = window.view
    age = view.nodes[("intro/age",)].edit
    age.setFocus()
    qtbot.keyClick(age, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # finalize
    assert window.problems_dock.isVisible()
    assert window.problem_list.hasFocus()
    qtbot.keyClick(window.problem_list, Qt.Key.Key_Escape)
    assert not window.problems_dock.isVisible()
    assert age.hasFocus()
    qtbot.keyClicks(age, "42")
    assert view.session.state(("intro/age",)).value == 42
    qtbot.keyClick(age, Qt.Key.Key_F8)  # the list again, then Esc back to the same place
    assert window.problem_list.hasFocus()
    qtbot.keyClick(window.problem_list, Qt.Key.Key_Escape)
    assert age.hasFocus()


def test_the_shortcuts_list_says_esc_closes_the_problems(qtbot: Any, store: Any) -> None:
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    listed = dict(window.shortcut_rows())
    assert listed["Esc"] == "Close the list of problems and go back to your question"


def test_the_shortcuts_list_says_the_arrows_cross_a_questions_options(
    qtbot: Any, store: Any
) -> None:
    # A multiple choice's boxes are one Tab stop: Tab no longer reaches its second box.
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    listed = dict(window.shortcut_rows())
    assert listed["↑ / ↓"].startswith("Move between a question's options")
    assert "tick or untick" in listed["Space"]


def test_ctrl_l_switches_the_form_language_and_keeps_the_question(qtbot: Any, store: Any) -> None:
    # The interviewee changes language mid-answer: the form's language sat in the
    # toolbar, reached by Tab past every question and Next section, and the switch made
    # the options of the question in hand anew, dropping the keyboard on the floor.
    window = open_window(qtbot, store, start(store))
    view = window.view
    view.reveal(("intro/consent",))
    consent = view.nodes[("intro/consent",)]
    assert consent.group.buttons()[0].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.language == "Español (es)"
    assert window.language_box.currentText() == "Español"
    focused = QApplication.focusWidget()
    assert question_holding(focused) is consent
    assert consent.group.buttons()[0].accessibleName() == "Sí"
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert view.session.state(("intro/consent",)).value == "yes"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.language == "English (en)"
    assert question_holding(QApplication.focusWidget()) is consent


def test_a_read_only_section_scrolls_from_the_keyboard(qtbot: Any, store: Any) -> None:
    # Read only, every answer is disabled: Tab went from the section list to Previous
    # section, and nothing on the keyboard showed the answers below the window's edge.
    submission_id = start(store)
    store.interviews.autosave(submission_id, {"intro/respondent": "R-1", "intro/consent": "yes"})
    store.interviews.save(submission_id)
    form = store.forms.load(store.forms.records()[0].sha256)
    view = FormView(Session(form, store.interviews.working_answers(submission_id)), readonly=True)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.go(1)  # "Interview": more than 300 pixels of questions
    view.navigator.setFocus()
    qtbot.keyClick(view.navigator, Qt.Key.Key_Tab)
    page = view.pages.currentWidget()
    assert QApplication.focusWidget() is page
    bar = page.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(page, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.next_button  # the way on first
    qtbot.keyClick(view.next_button, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is view.pages.currentWidget()  # the next page's


def test_a_read_only_answer_stands_out_from_the_options_not_chosen(qtbot: Any, store: Any) -> None:
    # Read only, every option is greyed alike: the chosen one was told only by a small
    # grey dot, on a finalized interview and in the review queue.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    bare = app.styleSheet()
    app.setStyleSheet(resource_bytes("style.qss").decode("utf-8"))
    try:
        form = store.forms.load(store.forms.records()[0].sha256)
        answers = {"intro/consent": "yes", "main/sectors": ["faith"]}
        view = FormView(Session(form, answers), readonly=True)
        qtbot.addWidget(view)
        view.show()
        view.reveal(("intro/consent",))
        chosen, other = (view.findChild(QLabel, f"choice_{name}_text") for name in ("yes", "no"))

        def lightness(label: QLabel) -> int:
            return label.palette().color(QPalette.ColorRole.WindowText).lightness()

        assert lightness(chosen) < 100 < lightness(other)  # dark on white; the rest grey
        view.reveal(("main/sectors",))
        ticked = view.nodes[("main/sectors",)].findChild(QLabel, "choice_faith_text")
        assert lightness(ticked) < 100
    finally:
        app.setStyleSheet(bare)


def test_a_calendar_speaks_the_apps_language_not_the_systems(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Mexican laptop, fieldapp set to English: the date's calendar said "diciembre".
    before = QLocale()
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("es_MX")))

    def december() -> str:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        qtbot.addWidget(edit)
        return str(edit.calendarWidget().locale().monthName(12))

    try:
        i18n.apply_language("en")
        assert december() == "December"
        i18n.apply_language("es")
        assert december() == "diciembre"
    finally:
        i18n.apply_language("en")
        QLocale.setDefault(before)


def test_the_shortcuts_list_says_how_the_conflicts_desk_steps_between_differences(
    qtbot: Any, store: Any
) -> None:
    """Seen in the Spanish walk: Help › Keyboard shortcuts said nothing of the Conflicts
    desk, whose Alt+↓ / Alt+↑ step from one difference to the next."""
    from PySide6.QtGui import QKeySequence

    from fieldapp.ui.conflicts_view import NEXT_KEYS, PREVIOUS_KEYS

    window = MainWindow(Path(store.path))
    OPENED.append(window)
    listed = dict(window.shortcut_rows())
    native = QKeySequence.SequenceFormat.NativeText
    keys = f"{NEXT_KEYS.toString(native)} / {PREVIOUS_KEYS.toString(native)}"
    assert listed[keys] == "Conflicts: next / previous difference"


def test_tab_from_a_sections_last_question_reaches_next_section_before_previous(
    qtbot: Any, store: Any
) -> None:
    # Tab from the section's last question reached *← Previous section* first (it is
    # drawn first), so Tab then Space, meant to go on, went back a section.
    window = open_window(qtbot, store, start(store))
    view = window.view
    view.commit(("intro/consent",), "yes")
    view.reveal(("main/story",))  # "Interview": a section between two others
    number = view.current()
    assert 0 < number < len(view.sections) - 1
    page = view.pages.currentWidget()
    steps = [QApplication.focusWidget()]
    while page.isAncestorOf(steps[-1]) and len(steps) < 40:  # Tab through its questions
        qtbot.keyClick(steps[-1], Qt.Key.Key_Tab)
        steps.append(QApplication.focusWidget())
    last_question = steps[-2]
    for _ in range(2):
        qtbot.keyClick(steps[-1], Qt.Key.Key_Tab)
        steps.append(QApplication.focusWidget())
    assert steps[-3:] == [view.next_button, view.previous_button, window.language_box]
    # the buttons keep their places: Previous on the left, Next on the right
    assert view.previous_button.x() < view.next_button.x()

    last_question.setFocus()
    qtbot.keyClick(last_question, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert view.current() == number + 1  # on, not back
