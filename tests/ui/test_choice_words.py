"""A long choice wraps inside the width there is: it never widens the form past a narrow
pane (the review pane cut every question's label and scrolled sideways), and its words
answer a click as a button's own text does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from opened_windows import OPENED
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QRadioButton, QScrollArea
from xlsform import write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui.interview_window import InterviewWindow

LONG = (
    "By a general description of the organisation and of the place where it works, "
    "without its name (e.g. a business association in the centre of the city)"
)
SURVEY = [
    {"type": "select_one how", "name": "how", "label": "How may we name you?"},
    {"type": "select_multiple how", "name": "also", "label": "Which else?"},
]

Answer = Callable[[str], Any]


@contextmanager
def interview(folder: Path, labels: dict[str, str]) -> Iterator[tuple[InterviewWindow, Answer]]:
    """Open a new interview of a select_one ``how`` and a select_multiple ``also`` whose
    choices are ``labels`` (name -> label); yield its window and its stored answer by name."""
    choices = [{"list_name": "how", "name": n, "label": label} for n, label in labels.items()]
    form = write_xlsform(folder / "f.xlsx", SURVEY, choices, {"form_id": "f", "version": "1"})
    with Store.open(folder / "f.db") as store:
        record = store.forms.add(form)
        submission_id = store.interviews.start(
            record.sha256, interviewer="TJ01", city="tijuana", actor_type="cso"
        )
        window = InterviewWindow(store, submission_id)
        OPENED.append(window)
        try:
            yield window, lambda name: store.interviews.working_answers(submission_id).get(name)
        finally:
            window.close()


def test_a_long_choice_wraps_in_a_narrow_window_and_its_words_answer_a_click(
    qtbot: Any, tmp_path: Path
) -> None:
    with interview(tmp_path, {"name": "By name", "description": LONG}) as (window, answer):
        window.show()
        window.resize(520, 600)  # as narrow as the review pane's form
        view = window.view
        view.reveal(("how",))
        how, also = view.nodes[("how",)], view.nodes[("also",)]
        qtbot.waitUntil(lambda: how.isVisible())
        area = next(a for a in window.findChildren(QScrollArea) if a.isAncestorOf(how))
        content = area.widget()
        assert content is not None
        # The form fits its pane: no sideways scrolling, the question's label not cut.
        qtbot.waitUntil(lambda: content.width() <= area.viewport().width())
        assert content.minimumSizeHint().width() <= area.viewport().width()
        assert how.label.geometry().right() <= content.width()

        radio = how.findChild(QRadioButton, "choice_description")
        words = how.findChild(QLabel, "choice_description_text")
        assert radio.accessibleName() == LONG  # what a screen reader says
        assert words.text() == LONG and words.height() > 2 * words.fontMetrics().height()

        qtbot.mouseClick(words, Qt.MouseButton.LeftButton, pos=QPoint(30, 5))
        qtbot.waitUntil(lambda: answer("how") == "description")
        assert radio.isChecked()
        box = also.findChild(QCheckBox, "choice_description")
        box_words = also.findChild(QLabel, "choice_description_text")
        qtbot.mouseClick(box_words, Qt.MouseButton.LeftButton, pos=QPoint(30, 5))
        qtbot.waitUntil(lambda: answer("also") == ["description"])
        assert box.isChecked()


def test_choices_beside_their_words_still_answer_the_keyboard(qtbot: Any, tmp_path: Path) -> None:
    # Space picks, the arrows move along a select_one, as with Qt's own button text.
    with interview(tmp_path, {n: n.upper() for n in ("a", "b", "c")}) as (window, answer):
        window.show()
        qtbot.waitActive(window)
        how = window.view.nodes[("how",)]
        first = how.findChild(QRadioButton, "choice_a")
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        qtbot.keyClick(first, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: answer("how") == "a")
        qtbot.keyClick(first, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: answer("how") == "b")
        second = how.findChild(QRadioButton, "choice_b")
        assert second.hasFocus() and second.isChecked()
        box = window.view.nodes[("also",)].findChild(QCheckBox, "choice_c")
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: answer("also") == ["c"])
