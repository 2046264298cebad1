"""Reaching a question (a problem's line, a search) puts the keyboard in its editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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
