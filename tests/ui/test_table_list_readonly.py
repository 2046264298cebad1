"""A table-list grid is locked where the interview or the question is read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QRadioButton

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui.form_view import FormView


def _grid_buttons(view: FormView) -> list[QRadioButton]:
    view.go(view.section_of(("trust_table/trust_army",)))
    return [b for b in view.findChildren(QRadioButton) if b.objectName().startswith("trust_")]


def test_a_read_only_interview_locks_its_table_list_rows(qtbot: Any, every_type_form: Path) -> None:
    session = Session(load_form(every_type_form), {"consent": "yes"}, messages="en")
    view = FormView(session, readonly=True)
    qtbot.addWidget(view)
    view.show()
    buttons = _grid_buttons(view)
    assert buttons and not any(b.isEnabled() for b in buttons)
    buttons[0].click()  # a click on a disabled button does nothing
    assert session.state(("trust_table/trust_army",)).value is None


def test_an_open_interview_answers_through_its_table_list_rows(
    qtbot: Any, every_type_form: Path
) -> None:
    session = Session(load_form(every_type_form), {"consent": "yes"}, messages="en")
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    buttons = _grid_buttons(view)
    assert buttons and all(b.isEnabled() for b in buttons)
