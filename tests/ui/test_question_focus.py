"""Reaching a question (a problem's line, a search) puts the keyboard in its editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QWidget,
)
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui.form_view import FormView

SURVEY = [
    {"type": "text", "name": "name", "label": "Name"},
    {"type": "text", "name": "story", "label": "Story", "appearance": "multiline"},
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "range", "name": "trust", "label": "Trust", "parameters": "start=0 end=10"},
    {"type": "geopoint", "name": "where", "label": "Where"},
    {"type": "acknowledge", "name": "ok", "label": "Agreed"},
    {"type": "select_one yn", "name": "yes", "label": "Yes?", "appearance": "minimal"},
    {"type": "rank yn", "name": "order", "label": "Order"},
    {"type": "image", "name": "photo", "label": "Photo"},
]
CHOICES = [
    {"list_name": "yn", "name": "y", "label": "Yes"},
    {"list_name": "yn", "name": "n", "label": "No"},
]


@pytest.mark.parametrize(
    ("name", "editor"),
    [
        ("name", QLineEdit),
        ("story", QPlainTextEdit),
        ("age", QLineEdit),
        ("trust", QSlider),
        ("where", QLineEdit),
        ("ok", QCheckBox),
        ("yes", QComboBox),
        ("order", QListWidget),
        ("photo", QPushButton),
    ],
)
def test_reaching_a_question_focuses_its_editor(
    qtbot: Any, tmp_path: Path, name: str, editor: type
) -> None:
    form = load_form(write_xlsform(tmp_path / "kinds.xlsx", survey=SURVEY, choices=CHOICES))
    view = FormView(Session(form, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.reveal((name,))
    node = view.nodes[(name,)]
    focused = QApplication.focusWidget()
    assert isinstance(focused, editor), f"{name}: the keyboard is in {focused!r}"
    assert node.isAncestorOf(focused), f"{name}: the focus left the question"


TAB_SURVEY = [
    {"type": "text", "name": "name", "label": "Name"},
    {"type": "select_one city", "name": "city", "label": "City"},
    {"type": "select_one yn", "name": "again", "label": "Again?", "appearance": "likert"},
    {"type": "text", "name": "after", "label": "After"},
]
TAB_CHOICES = [
    *({"list_name": "city", "name": c, "label": c.title()} for c in ("juarez", "tijuana")),
    *CHOICES,
]


def test_tab_into_an_answered_choice_lands_on_the_chosen_one(qtbot: Any, tmp_path: Path) -> None:
    # A reopened draft: Tab used to land on the first option, where an arrow key then
    # moved on from the wrong place (and Space would have changed the answer).
    form = load_form(write_xlsform(tmp_path / "tab.xlsx", survey=TAB_SURVEY, choices=TAB_CHOICES))
    view = FormView(Session(form, {"city": "tijuana", "again": "n"}, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    name = view.nodes[("name",)].edit
    name.setFocus()
    QTest.keyClick(name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "choice_tijuana"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # one stop per question
    assert QApplication.focusWidget().objectName() == "choice_n"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.nodes[("after",)].edit
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert QApplication.focusWidget().objectName() == "choice_n"

    view.commit(("city",), "juarez")  # answered again: Tab now stops at the new answer
    name.setFocus()
    QTest.keyClick(name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "choice_juarez"


GRID_SURVEY = [  # one page: the grid nested in a section, as in the study forms
    {"type": "begin group", "name": "page", "label": "Page"},
    {"type": "text", "name": "name", "label": "Name"},
    {"type": "begin group", "name": "grid", "label": "Grid", "appearance": "table-list"},
    {"type": "select_one yn", "name": "first", "label": "First"},
    {"type": "select_one yn", "name": "second", "label": "Second"},
    {"type": "end group"},
    {"type": "text", "name": "after", "label": "After"},
    {"type": "end group"},
]


def test_tab_crosses_a_table_list_one_row_at_a_time(qtbot: Any, tmp_path: Path) -> None:
    form = load_form(write_xlsform(tmp_path / "grid.xlsx", survey=GRID_SURVEY, choices=CHOICES))
    view = FormView(Session(form, {"page/grid/second": "n"}, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    stops = []
    view.nodes[("page/name",)].edit.setFocus()
    for _ in range(3):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    # a row unanswered: its first option; an answered row: its answer; then on
    assert [stop.objectName() for stop in stops[:2]] == ["first_y", "second_n"]
    assert stops[2] is view.nodes[("page/after",)].edit


SECTORS = [  # the study's twelve sectors of a mechanism, "Other" last
    *(f"s{number:02d}" for number in range(1, 12)),
    "other",
]
MANY_SURVEY = [
    {"type": "text", "name": "name", "label": "Name"},
    {"type": "select_multiple sectors", "name": "sectors", "label": "Sectors"},
    {
        "type": "text",
        "name": "sectors_other",
        "label": "Specify other",
        "relevant": "selected(${sectors}, 'other')",
    },
    {"type": "text", "name": "after", "label": "After"},
]
MANY_CHOICES = [{"list_name": "sectors", "name": n, "label": n.title()} for n in SECTORS]


def _many_view(qtbot: Any, tmp_path: Path) -> FormView:
    path = tmp_path / "many.xlsx"
    form = load_form(write_xlsform(path, survey=MANY_SURVEY, choices=MANY_CHOICES))
    view = FormView(Session(form, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def _press(key: Qt.Key, times: int = 1, shift: bool = False) -> QWidget:
    """Press ``key`` where the keyboard is, ``times`` times; return where it is then."""
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    for _ in range(times):
        QTest.keyClick(QApplication.focusWidget(), key, modifier)
    return QApplication.focusWidget()


def test_twelve_boxes_are_one_tab_stop_the_arrows_move_and_space_ticks(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _many_view(qtbot, tmp_path)
    view.nodes[("name",)].edit.setFocus()
    assert _press(Qt.Key.Key_Tab).objectName() == "choice_s01"
    assert _press(Qt.Key.Key_Tab) is view.nodes[("after",)].edit, "one Tab across twelve"
    assert _press(Qt.Key.Key_Backtab, shift=True).objectName() == "choice_s01"
    assert _press(Qt.Key.Key_Backtab, shift=True) is view.nodes[("name",)].edit

    _press(Qt.Key.Key_Tab)
    assert _press(Qt.Key.Key_Down, 3).objectName() == "choice_s04"
    _press(Qt.Key.Key_Space)
    assert _press(Qt.Key.Key_Right).objectName() == "choice_s05"
    _press(Qt.Key.Key_Space)
    assert _press(Qt.Key.Key_Up, 4).objectName() == "choice_s01"
    assert _press(Qt.Key.Key_Up).objectName() == "choice_s01", "nothing above the first"
    _press(Qt.Key.Key_Space)
    assert _press(Qt.Key.Key_Left).objectName() == "choice_s01"
    assert view.session.answers()["sectors"] == ["s01", "s04", "s05"]
    assert _press(Qt.Key.Key_Space).objectName() == "choice_s01"  # ticked off again
    assert view.session.answers()["sectors"] == ["s04", "s05"]

    _press(Qt.Key.Key_Down, 6)
    assert _press(Qt.Key.Key_Tab) is view.nodes[("after",)].edit
    assert _press(Qt.Key.Key_Backtab, shift=True).objectName() == "choice_s07", "the last box"
    view.nodes[("name",)].edit.setFocus()
    assert _press(Qt.Key.Key_Tab).objectName() == "choice_s07"


def test_tab_from_the_boxes_reaches_the_other_text_once_other_is_ticked(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _many_view(qtbot, tmp_path)
    view.reveal(("sectors",))
    assert _press(Qt.Key.Key_Down, 20).objectName() == "choice_other", "the last box"
    _press(Qt.Key.Key_Space)
    specify = view.nodes[("sectors_other",)].edit
    qtbot.waitUntil(specify.isVisible)
    assert _press(Qt.Key.Key_Tab) is specify
    QTest.keyClicks(specify, "Churches")
    assert _press(Qt.Key.Key_Backtab, shift=True).objectName() == "choice_other"
    assert _press(Qt.Key.Key_Tab, 2) is view.nodes[("after",)].edit
    assert view.session.answers()["sectors"] == ["other"]
    assert view.session.answers()["sectors_other"] == "Churches"


NARROWING_SURVEY = [
    {
        # "None of these" takes the other sectors away (a choice filter on its own answer)
        "type": "select_multiple sectors",
        "name": "sectors",
        "label": "Sectors",
        "choice_filter": "name = 'none' or not(selected(${sectors}, 'none'))",
    },
    {
        # once answered, only the answer and "Not sure" stay offered
        "type": "select_one kind",
        "name": "kind",
        "label": "Kind",
        "choice_filter": "${kind} = '' or name = ${kind} or name = 'unsure'",
    },
    {"type": "select_one yn", "name": "next", "label": "Next"},
    {"type": "text", "name": "after", "label": "After"},
]
NARROWING_CHOICES = [
    {"list_name": "sectors", "name": "business", "label": "Business"},
    {"list_name": "sectors", "name": "academia", "label": "Academia"},
    {"list_name": "sectors", "name": "none", "label": "None of these"},
    {"list_name": "kind", "name": "law", "label": "Named in a law"},
    {"list_name": "kind", "name": "dues", "label": "Paid by members"},
    {"list_name": "kind", "name": "unsure", "label": "Not sure"},
    *CHOICES,
]


def _narrowing_view(qtbot: Any, tmp_path: Path) -> FormView:
    path = tmp_path / "narrowing.xlsx"
    form = load_form(write_xlsform(path, survey=NARROWING_SURVEY, choices=NARROWING_CHOICES))
    view = FormView(Session(form, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def _focused_option(qtbot: Any, view: FormView, name: str) -> str:
    """Return the option of question ``name`` holding the keyboard (fail if none does)."""
    focused = QApplication.focusWidget()
    assert focused is not None, "the keyboard is nowhere"
    qtbot.waitUntil(focused.isVisible)  # Qt shows a new option once the event loop turns
    assert view.nodes[(name,)].isAncestorOf(focused), f"the keyboard left {name} for {focused!r}"
    return focused.objectName()


def test_a_box_that_takes_the_other_options_away_keeps_the_keyboard(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _narrowing_view(qtbot, tmp_path)
    sectors = view.nodes[("sectors",)]
    none = sectors.findChild(QCheckBox, "choice_none")
    none.setFocus()
    qtbot.waitUntil(none.hasFocus)
    QTest.keyClick(none, Qt.Key.Key_Space)
    assert sectors.choice_names == ("none",), "the other sectors are gone"
    assert _focused_option(qtbot, view, "sectors") == "choice_none"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # taken back at once
    assert sectors.choice_names == ("business", "academia", "none")
    assert _focused_option(qtbot, view, "sectors") == "choice_none"
    assert view.session.answers().get("sectors") in (None, [])
    # the box made anew is the one Tab stop of the sectors: Tab goes on, Shift+Tab back
    assert _press(Qt.Key.Key_Tab).objectName() == "choice_law"
    assert _press(Qt.Key.Key_Backtab, shift=True).objectName() == "choice_none"


class OptionsOnScreen(QObject):
    """Note each option (its row, ``choice_<name>_row``) put into a widget already shown."""

    def __init__(self) -> None:
        super().__init__()
        self.added: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and isinstance(watched, QWidget):
            child = event.child()  # type: ignore[attr-defined]
            name = child.objectName() if isinstance(child, QWidget) else ""
            if name.startswith("choice_") and watched.isVisible():
                self.added.append(name)
        return False


def test_options_their_own_answer_narrows_are_made_off_screen_and_swapped_in(
    qtbot: Any, tmp_path: Path
) -> None:
    """With the keyboard in them the box cannot be hidden to be filled (the keyboard
    would leave for the next question), and options put one by one into the shown box
    were each laid out with every option before them: a new box is filled off screen and
    takes the old one's place, the keyboard on its option of the same name."""
    view = _narrowing_view(qtbot, tmp_path)
    sectors = view.nodes[("sectors",)]
    none = sectors.findChild(QCheckBox, "choice_none")
    none.setFocus()
    qtbot.waitUntil(none.hasFocus)
    spy = OptionsOnScreen()
    QApplication.instance().installEventFilter(spy)
    try:
        QTest.keyClick(none, Qt.Key.Key_Space)  # the other sectors go
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # and come back
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert spy.added == [], "options were put one by one into the shown box"
    assert sectors.choice_names == ("business", "academia", "none")
    shown = [box.objectName() for box in sectors.findChildren(QCheckBox) if box.isVisible()]
    assert shown == ["choice_business", "choice_academia", "choice_none"]
    assert _focused_option(qtbot, view, "sectors") == "choice_none"
    # the old boxes, gone from the question, never open as windows of their own
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [view]


def test_an_answer_that_narrows_its_own_options_keeps_the_keyboard_on_it(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _narrowing_view(qtbot, tmp_path)
    kind = view.nodes[("kind",)]
    first = kind.findChild(QRadioButton, "choice_law")
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    QTest.keyClick(first, Qt.Key.Key_Space)
    assert view.session.answers()["kind"] == "law"
    assert kind.choice_names == ("law", "unsure"), "the other kinds are gone"
    assert _focused_option(qtbot, view, "kind") == "choice_law"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # an arrow answers again
    assert view.session.answers()["kind"] == "unsure"
    assert kind.choice_names == ("unsure",)
    assert _focused_option(qtbot, view, "kind") == "choice_unsure"
