"""Switching the form language in an open interview saves the recomputed calculations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xlsform import EN, ES, write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui.interview_window import InterviewWindow


def test_a_language_switch_saves_the_choice_name_in_the_new_language(
    qtbot: Any, tmp_path: Path
) -> None:
    form = write_xlsform(
        tmp_path / "said.xlsx",
        survey=[
            {"type": "select_one yn", "name": "q", EN: "Q", ES: "P"},
            {"type": "calculate", "name": "said", "calculation": "jr:choice-name(${q}, '${q}')"},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí"},
            {"list_name": "yn", "name": "no", EN: "No", ES: "No"},
        ],
        settings={"form_id": "said", "version": "1", "default_language": "English (en)"},
    )
    store = Store.open(tmp_path / "field.db")
    try:
        sha = store.forms.add(form).sha256
        submission = store.interviews.start(
            sha, interviewer="TJ-01", city="tijuana", actor_type="cso", answers={"q": "yes"}
        )
        window = InterviewWindow(store, submission)
        window.view.set_language("English (en)")
        window.view.set_language("Español (es)")
        assert store.interviews.working_answers(submission)["said"] == "Sí"
        window.view.set_language("English (en)")
        assert store.interviews.working_answers(submission)["said"] == "Yes"
        window.close()
    finally:
        store.close()
