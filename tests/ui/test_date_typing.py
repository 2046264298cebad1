"""Dates and times typed as people type them, with Tab or separators between the parts.

Qt moves to the next part by itself once a part is full; a Tab or a "-" pressed then
moved one part further: ``2026 Tab 11 Tab 28`` stored 2026-<this month>-11 and put "28"
in the next question's answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui.form_view import FormView

SURVEY = [
    {"type": "text", "name": "before", "label": "Before"},
    {"type": "date", "name": "met_on", "label": "Met on"},
    {"type": "text", "name": "gap1", "label": "Gap"},
    {"type": "time", "name": "met_at", "label": "Met at"},
    {"type": "text", "name": "gap2", "label": "Gap"},
    {"type": "datetime", "name": "agreed", "label": "Agreed"},
    {"type": "text", "name": "after", "label": "After"},
]
START = {"met_on": "2025-06-15", "met_at": "09:05:00", "agreed": "2025-06-15T09:05:00"}


def _typed(qtbot: Any, tmp_path: Path, name: str, keys: list[str]) -> tuple[Any, Any]:
    """Tab from the text question before into ``name``'s editor, type ``keys``, Tab out
    and type "x" in the next question; return the answers and the focused widget."""
    form = load_form(write_xlsform(tmp_path / "dates.xlsx", survey=SURVEY))
    session = Session(form, dict(START), messages="en")
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    order = [q["name"] for q in SURVEY]
    view.nodes[(order[order.index(name) - 1],)].focus_editor()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert view.nodes[(name,)].isAncestorOf(QApplication.focusWidget())
    for key in [*keys, "TAB", "x"]:  # on to the next question, which gets the "x"
        focused = QApplication.focusWidget()
        if key == "TAB":
            QTest.keyClick(focused, Qt.Key.Key_Tab)
        else:
            QTest.keyClicks(focused, key)
    return session.answers(), QApplication.focusWidget()


@pytest.mark.parametrize(
    "keys",
    [
        ["2026", "TAB", "11", "TAB", "28"],  # Tab after each part
        ["2026", "11", "28"],  # Qt's own moving on
        ["2026", "-", "11", "-", "28"],  # the ISO separators
        ["2026", "/", "11", "/", "28"],
    ],
)
def test_a_date_is_stored_as_typed_however_the_parts_are_separated(
    qtbot: Any, tmp_path: Path, keys: list[str]
) -> None:
    answers, _ = _typed(qtbot, tmp_path, "met_on", keys)
    assert answers["met_on"] == "2026-11-28"
    # nothing typed for the date spilled into the next question: only the "x" typed there
    assert answers["gap1"] == "x"


def test_a_short_month_or_day_moves_on_once(qtbot: Any, tmp_path: Path) -> None:
    # "3" can only be March: Qt moves on by itself, and the Tab after it is the same move.
    answers, _ = _typed(qtbot, tmp_path, "met_on", ["2026", "TAB", "3", "TAB", "5"])
    assert (answers["met_on"], answers["gap1"]) == ("2026-03-05", "x")
    # "1" may be the start of 10-12: Qt waits, and the Tab moves on as usual.
    answers, _ = _typed(qtbot, tmp_path, "met_on", ["2026", "TAB", "1", "TAB", "5"])
    assert (answers["met_on"], answers["gap1"]) == ("2026-01-05", "x")


@pytest.mark.parametrize("keys", [["18", "TAB", "30"], ["18", "30"], ["18", ":", "30"]])
def test_a_time_is_stored_as_typed_and_the_minutes_stay_in_it(
    qtbot: Any, tmp_path: Path, keys: list[str]
) -> None:
    answers, _ = _typed(qtbot, tmp_path, "met_at", keys)
    assert answers["met_at"] == "18:30:00"
    assert answers["gap2"] == "x"  # "30" did not go on to the next answer


def test_a_datetime_is_stored_as_typed_with_tabs(qtbot: Any, tmp_path: Path) -> None:
    keys = ["2026", "TAB", "11", "TAB", "28", "TAB", "18", "TAB", "30"]
    answers, _ = _typed(qtbot, tmp_path, "agreed", keys)
    assert answers["agreed"] == "2026-11-28T18:30:00"
    assert answers.get("after") == "x"  # the Tab out reached the next question
