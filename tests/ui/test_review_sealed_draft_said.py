"""A sealed interview's History at the supervisor's: its draft cannot be compared, and says why.

The History opens on the newest version against the one before. For an interview of a
sealed form finalized once, that is its draft, sealed with the laptop's drafts key (deleted
at the finalization) against its finalized version: with the study key open, the
comparison said "open it with the study's private key" in the first column's cell, cut
after two lines of the two ids it named (walksup).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from study_keys import sealed_form

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.ui.i18n import apply_language
from fieldapp.ui.review_view import ReviewView

SURVEY = [
    {"type": "text", "name": "city", "label": "Ciudad"},
    {"type": "text", "name": "story", "label": "Relato"},
]


def test_the_draft_of_a_sealed_interview_says_across_the_comparison_why_it_cannot_be_read(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    form = sealed_form(tmp_path, pair, SURVEY, form_id="cso_sealed")
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.keys.unlock_drafts("cuaderno de campo 2026")
        sha = laptop.forms.add(form).sha256
        sid = laptop.interviews.start(sha, interviewer="TJ07", city="tijuana", actor_type="cso")
        answers = {**laptop.interviews.working_answers(sid), "story": "relato"}
        laptop.interviews.autosave(sid, answers)
        laptop.interviews.finalize(sid)
    apply_language("es")
    try:
        with Store.open(tmp_path / "supervisor.db") as supervisor:
            merge_database(supervisor, tmp_path / "laptop.db")
            supervisor.keys.unlock(study_key)
            view = ReviewView(supervisor)
            qtbot.addWidget(view)
            view.resize(1366, 768)
            view.show()
            view.tabs.setCurrentIndex(1)  # Historial
            assert view.older_box.currentText().startswith("1. ")
            assert view.diff_table.rowCount() == 0, "no row cut to two lines"
            said = view.no_difference
            assert said.isVisible()
            assert said.text().startswith("La versión 1 es un borrador")
            assert "Compare dos versiones finalizadas o devueltas." in said.text()
            assert sid not in said.text(), "a person reads no id"
            assert said.height() > said.fontMetrics().lineSpacing() * 2, "all of it shows"
    finally:
        apply_language("en")
