"""Reaching a question (a problem's line, a search) puts the keyboard in its editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSlider,
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
