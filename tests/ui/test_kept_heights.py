"""Labels and repeat entries keep their height for each width (entries3): whatever changes
their words (the form's language, a piped answer, a message shown and hidden), they take
the height their words need again, at 1366×768 and in a narrow window, so no text is cut
and nothing overlaps."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from xlsform import EN, ES, write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui.form_view import FormView
from fieldapp.ui.heights import WrappedLabel
from fieldapp.ui.question_widgets import QuestionWidget

COUNT = 60
"""Mechanisms: past ``LAZY_PAST``, so the far ones are made as they are asked for."""
FAR = 50
SIZES = [(1366, 768), (760, 600)]
"""The researcher's laptop, and a window made narrow beside another."""
LONG_ES = (
    "¿Cómo se llama el mecanismo, programa, mesa o espacio de colaboración del que nos"
    " habla, tal como lo nombran las personas que participan en él, aunque no sea su"
    " nombre oficial ni el que usa el gobierno municipal en sus documentos?"
)
SINCE_MESSAGE = "Give the year it started, between 1900 and 2026, as four digits: 1998, say."


def mechanisms_form(path: Path) -> Path:
    """A count, then that many mechanisms: a name (long in Spanish), and the year it
    started, whose question repeats the name and whose message is long."""
    survey = [
        {"type": "begin group", "name": "collab", EN: "Collaboration", ES: "Colaboración"},
        {"type": "integer", "name": "n", EN: "How many mechanisms?", ES: "¿Cuántos?"},
        {"type": "end group"},
        {
            "type": "begin repeat",
            "name": "mech",
            EN: "Mechanism",
            ES: "Mecanismo",
            "repeat_count": "${n}",
        },
        {"type": "text", "name": "what", EN: "What is it called?", ES: LONG_ES},
        {
            "type": "integer",
            "name": "since",
            EN: "Since when has ${what} worked?",
            ES: "¿Desde cuándo funciona ${what}?",
            "constraint": ". >= 1900 and . <= 2026",
            "constraint_message::English (en)": SINCE_MESSAGE,
            "constraint_message::Español (es)": SINCE_MESSAGE,
        },
        {"type": "end repeat"},
    ]
    settings = {"form_id": "heights", "version": "1", "default_language": "English (en)"}
    return write_xlsform(path, survey=survey, settings=settings)


def shown_view(
    qtbot: Any, path: Path, size: tuple[int, int], language: str = "English (en)"
) -> FormView:
    """The mechanisms' page shown at ``size``, mechanism ``FAR`` + 1 made and in view."""
    form = load_form(path)
    view = FormView(Session(form, {"collab/n": COUNT}, language=language, messages="en"))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.reveal(("mech", FAR, "since"))
    settled(qtbot)
    return view


def settled(qtbot: Any) -> None:
    """Let the page be laid out (and the entries that show made)."""
    for _ in range(3):
        qtbot.wait(10)
        QApplication.processEvents()


def needed(label: QLabel) -> int:
    """The height a label made now with the same words needs at ``label``'s width."""
    fresh = QLabel(label.parentWidget())  # the same style sheet rules apply to it
    fresh.setProperty("role", label.property("role"))
    fresh.setTextFormat(label.textFormat())
    fresh.setWordWrap(True)
    fresh.setText(label.text())
    fresh.ensurePolished()
    height = fresh.heightForWidth(label.width())
    fresh.deleteLater()
    return height


def assert_laid_out(view: FormView, entry: int) -> None:
    """Each shown label of mechanism ``entry`` is as tall as its words need, each question
    lies below the one before inside its entry, and the entry ends above the next one."""
    frame = view.findChild(QWidget, f"mech_{entry + 1}")
    assert frame is not None
    questions = [
        view.nodes[("mech", entry, name)]
        for name in ("what", "since")
        if view.nodes.get(("mech", entry, name))
    ]
    assert len(questions) == 2, f"mechanism {entry + 1} is made"
    bottom = 0
    for question in questions:
        assert isinstance(question, QuestionWidget)
        for label in (question.label, question.error):
            if label.isVisible():
                assert label.height() == needed(label), (
                    f"{label.objectName()} of mechanism {entry + 1} is {label.height()} px "
                    f"tall, its words need {needed(label)}: {label.text()[:60]!r}"
                )
        parts = [w for w in (question.label, question.edit, question.error) if w.isVisible()]
        for above, below in itertools.pairwise(parts):
            assert above.geometry().bottom() < below.geometry().top(), "parts overlap"
        top = question.mapTo(frame, QPoint(0, 0)).y()
        assert top > bottom, f"mechanism {entry + 1}'s questions overlap"
        bottom = top + question.height()
        assert bottom <= frame.height(), f"mechanism {entry + 1} cuts its last question"
    after = view.findChild(QWidget, f"mech_{entry + 2}")
    if after is not None:
        assert frame.geometry().bottom() < after.geometry().top(), "entries overlap"


@pytest.mark.parametrize("size", SIZES)
def test_a_language_switch_gives_each_label_the_height_of_its_new_words(
    qtbot: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    """English, then Spanish (the name's question on two lines, five when narrow), then
    English again: every made entry is as tall as in a page opened in that language."""
    path = mechanisms_form(tmp_path / "heights.xlsx")
    view = shown_view(qtbot, path, size)
    made = [0, 1, FAR]
    english = {n: view.findChild(QWidget, f"mech_{n + 1}").height() for n in made}
    view.set_language("Español (es)")
    settled(qtbot)
    for entry in made:
        assert_laid_out(view, entry)
    spanish = shown_view(qtbot, path, size, language="Español (es)")
    for entry in made:
        grown = view.findChild(QWidget, f"mech_{entry + 1}").height()
        assert grown > english[entry], "the Spanish name's question takes more lines"
        assert grown == spanish.findChild(QWidget, f"mech_{entry + 1}").height()
    view.set_language("English (en)")
    settled(qtbot)
    for entry in made:
        assert_laid_out(view, entry)
        assert view.findChild(QWidget, f"mech_{entry + 1}").height() == english[entry]


@pytest.mark.parametrize("size", SIZES)
def test_a_piped_name_typed_longer_and_shorter_resizes_the_question_repeating_it(
    qtbot: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    """The year's question repeats the name typed above it: a long name wraps it onto
    more lines, the entry grows to hold them, and a short one brings it back."""
    view = shown_view(qtbot, mechanisms_form(tmp_path / "heights.xlsx"), size)
    frame = view.findChild(QWidget, f"mech_{FAR + 1}")
    before = frame.height()
    name = view.nodes[("mech", FAR, "what")].edit
    assert isinstance(name, QLineEdit)
    long_name = " ".join(["Mesa municipal de seguridad y justicia de Tijuana"] * 5)
    qtbot.keyClicks(name, long_name)
    settled(qtbot)
    assert long_name in view.nodes[("mech", FAR, "since")].label.text()
    assert_laid_out(view, FAR)
    assert frame.height() > before, "the entry grew with the question's lines"
    name.selectAll()
    qtbot.keyClicks(name, "Mesa")
    settled(qtbot)
    assert_laid_out(view, FAR)
    assert frame.height() == before


@pytest.mark.parametrize("size", SIZES)
def test_a_message_shown_and_hidden_in_a_far_entry_takes_its_room_and_gives_it_back(
    qtbot: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    """A year out of range in mechanism 51: its message shows whole below the field, the
    entry grows to hold it; corrected, the entry is as tall as its neighbour again."""
    view = shown_view(qtbot, mechanisms_form(tmp_path / "heights.xlsx"), size)
    frame = view.findChild(QWidget, f"mech_{FAR + 1}")
    neighbour = view.findChild(QWidget, f"mech_{FAR}")
    assert frame.height() == neighbour.height()
    since = view.nodes[("mech", FAR, "since")]
    qtbot.keyClicks(since.edit, "1700")
    qtbot.keyClick(since.edit, Qt.Key.Key_Tab)  # problems show as she leaves
    settled(qtbot)
    assert since.error.isVisible() and since.error.text() == SINCE_MESSAGE
    assert_laid_out(view, FAR)
    assert frame.height() > neighbour.height()
    since.edit.selectAll()
    qtbot.keyClicks(since.edit, "1998")
    qtbot.keyClick(since.edit, Qt.Key.Key_Tab)
    settled(qtbot)
    assert not since.error.isVisible()
    assert_laid_out(view, FAR)
    assert frame.height() == neighbour.height()


def test_a_wrapped_label_takes_the_height_of_each_change_to_its_words_font_or_frame(
    qtbot: Any,
) -> None:
    """Whatever changes what a label needs (its words, their markup, a larger font, a
    style sheet's padding, a margin), at each width it is asked for it needs as much as a
    plain label set the same way, never the height it kept from before."""
    label = WrappedLabel()
    qtbot.addWidget(label)
    plain = QLabel()
    plain.setWordWrap(True)
    qtbot.addWidget(plain)
    changes: list[tuple[str, Any]] = [
        ("words", lambda w: w.setText("Mesa de paz " * 30)),
        ("heading", lambda w: w.setText("<h1>" + "Mesa de paz " * 30 + "</h1>")),
        ("markup", lambda w: w.setTextFormat(Qt.TextFormat.PlainText)),
        ("indent", lambda w: w.setIndent(40)),
        ("margin", lambda w: w.setMargin(12)),
        ("font", lambda w: w.setFont(QFont(w.font().family(), 20))),
        ("padding", lambda w: w.setStyleSheet("QLabel { padding: 30px; }")),
        ("unwrapped", lambda w: w.setWordWrap(False)),
        ("cleared", lambda w: w.clear()),
    ]
    for name, change in changes:
        for width in (200, 600, 200):  # asked before, then again after the change
            label.heightForWidth(width)
        change(label)
        change(plain)
        for width in (200, 600):
            assert label.heightForWidth(width) == plain.heightForWidth(width), name
