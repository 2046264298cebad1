"""A calculation that cannot hold its text says so where it is shown (issue 13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.xpath.functions import MAX_TEXT
from fieldapp.ui.form_view import FormView


def test_a_shown_calculation_over_the_text_limit_says_why_it_is_blank(
    qtbot: Any, tmp_path: Path
) -> None:
    survey = [
        {"type": "text", "name": "t", "label": "Text"},
        {
            "type": "calculate",
            "name": "twice",
            "label": "Twice",
            "calculation": "concat(${t}, ${t})",
        },
    ]
    form = load_form(write_xlsform(tmp_path / "twice.xlsx", survey=survey))
    view = FormView(Session(form, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.commit(("t",), "ab")
    twice = view.nodes[("twice",)]
    assert twice.value_label.text() == "abab" and not twice.error.isVisible()
    view.commit(("t",), "y" * (MAX_TEXT // 2 + 1))
    assert twice.value_label.text() == "—"
    assert twice.error.isVisible() and f"more than {MAX_TEXT} characters" in twice.error.text()
    view.commit(("t",), "short")
    assert twice.value_label.text() == "shortshort" and not twice.error.isVisible()
