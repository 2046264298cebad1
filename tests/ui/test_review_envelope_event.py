"""The review window names the ODK envelope kept at finalize in words, never by its code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.store import Store
from fieldapp.ui import i18n
from fieldapp.ui.review_view import ReviewView

SURVEY = [
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "text", "name": "story", "label": "Relato"},
]


def test_the_sealed_copy_for_central_reads_as_words_in_the_event_list(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    settings = {"form_id": "cso_sealed", "version": "1", "public_key": pair.public_key}
    form = write_xlsform(tmp_path / "cso_sealed.xlsx", SURVEY, settings=settings)
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts("drafts passphrase of the test")
        sha = store.forms.add(form).sha256
        sid, _ = store.interviews.submit(
            sha, {"org": "Colectivo", "story": "relato"}, finalize=True, interviewer="ana"
        )
        assert "odk_envelope" in {event.kind for event in store.events.of(sid)}
        store.keys.unlock(study_key)
        try:
            for language, words in (("en", "sealed copy kept for ODK"), ("es", "copia sellada")):
                i18n.apply_language(language)
                view = ReviewView(store)
                qtbot.addWidget(view)
                view.show_interview(sid)
                said = [view.events_list.item(i).text() for i in range(view.events_list.count())]
                assert any(words in line for line in said), said
                assert not any("odk_envelope" in line for line in said), said
        finally:
            i18n.apply_language("en")
