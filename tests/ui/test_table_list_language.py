"""A table-list's column headings speak the form language the researcher switched to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.study import study_form
from fieldapp.ui.form_view import FormView


def _headings(view: FormView) -> list[str]:
    view.go(view.section_of(("trust_table/trust_army",)))
    return [
        label.text()
        for label in view.findChildren(QLabel)
        if label.property("role") == "gridHeader" and label.isVisibleTo(view)
    ]


def test_a_language_switch_renames_the_columns_of_a_table_list(
    qtbot: Any, every_type_form: Path
) -> None:
    session = Session(
        load_form(every_type_form), {"intro/consent": "yes"}, language="Español (es)", messages="es"
    )
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    assert _headings(view) == ["Nada", "Poca", "Algo", "Mucha"]

    view.set_language("English (en)")  # the page is built already: only a switch renames it
    assert _headings(view) == ["None", "Little", "Some", "A lot"]
    view.set_language("Español (es)")
    assert _headings(view) == ["Nada", "Poca", "Algo", "Mucha"]


def test_a_table_list_inside_a_study_section_follows_the_switch_too(qtbot: Any) -> None:
    # The study forms nest their trust grids in a section ("Security forces and trust").
    session = Session(
        load_form(study_form("cso")), {"consent": "yes"}, language="Español (es)", messages="es"
    )
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    view.go(view.section_of(("security/trust/trust_army",)))
    table = view.findChild(QWidget, "g_trust")
    assert table is not None

    def headings() -> list[str]:
        return [
            label.text()
            for label in table.findChildren(QLabel)
            if label.property("role") == "gridHeader"
        ]

    assert "No sabe" in headings() and "Don't know" not in headings()
    view.set_language("English (en)")
    assert "Don't know" in headings() and "No sabe" not in headings()
