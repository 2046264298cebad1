"""A sealed interview's corrected city and code read as words in the review's history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from study_keys import sealed_form

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.ui.review_view import ReviewView

SURVEY = [
    {"type": "text", "name": "city", "label": "Ciudad"},
    {"type": "text", "name": "interviewer", "label": "Código"},
    {"type": "text", "name": "story", "label": "Relato"},
]


def test_the_history_says_the_corrected_city_and_code_not_a_kind_of_event(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    form = sealed_form(tmp_path, pair, SURVEY, form_id="cso_sealed")
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.keys.unlock_drafts("cuaderno de campo 2026")
        sha = laptop.forms.add(form).sha256
        sid = laptop.interviews.start(sha, interviewer="JZ01", city="juarez", actor_type="cso")
        answers = {**laptop.interviews.working_answers(sid), "story": "relato"}
        laptop.interviews.autosave(sid, {**answers, "city": "tijuana", "interviewer": "TJ07"})
        laptop.interviews.finalize(sid)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "laptop.db")
        supervisor.keys.unlock(study_key)
        view = ReviewView(supervisor)
        qtbot.addWidget(view)
        view.show()
        said = [view.events_list.item(n).text() for n in range(view.events_list.count())]
        corrected = [line for line in said if "Tijuana" in line]
        assert len(corrected) == 1, said
        assert corrected[0].endswith("· JZ01 · city and interviewer as answered: Tijuana · TJ07")
