"""An actor type reads in the same words on every desk, in `fieldapp status` and in a
labels export: the catalogue's ``actor.*`` (``study.actor_name``).

The window kept its own copy in its Qt translations: a name fixed in the catalogue
changed the export and the terminal, and the list, the review queue, the Progress desk
and New interview went on saying the old one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from xlsform import EN, ES, write_xlsform

from fieldapp.cli import main
from fieldapp.core.messages import CATALOG
from fieldapp.core.store import Store
from fieldapp.core.study import actor_name
from fieldapp.ui import i18n
from fieldapp.ui.dashboard import COLUMN as PROGRESS_COLUMN
from fieldapp.ui.dashboard import DashboardView
from fieldapp.ui.interviews_model import COLUMN, actor_choices, shown_codes
from fieldapp.ui.new_interview import form_label
from fieldapp.ui.review_view import ReviewView
from fieldapp.ui.reviewer import remember_reviewer

RENAMED = {"en": "Civic groups", "es": "Grupos cívicos"}
SURVEY = [
    {"type": "calculate", "name": "actor_type", "calculation": "'cso'"},
    {"type": "text", "name": "org", EN: "Organisation", ES: "Organización"},
]
SETTINGS = {"form_id": "cso", "version": "1", "form_title": "Sociedad civil"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_actor_name_changed_in_the_catalogue_shows_on_every_desk(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
) -> None:
    CATALOG["actor.cso"]  # loads its module, so the change below is not undone
    monkeypatch.setitem(CATALOG._texts, "actor.cso", RENAMED)
    words = RENAMED[language]
    assert actor_name("cso", language) == words
    form = write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=SETTINGS)
    store = Store.open(tmp_path / "s.db")
    record = store.forms.add(form)
    store.interviews.submit(
        record.sha256,
        {"org": "Red"},
        finalize=True,
        interviewer="TJ01",
        city="tijuana",
        actor_type="cso",
    )
    remember_reviewer("Rosa")
    i18n.apply_language(language)
    try:
        queue = ReviewView(store)  # the review queue: the interviews list's model
        qtbot.addWidget(queue)
        model = queue.table.model()
        assert model.index(0, COLUMN["actor_type"]).data() == words, "the queue"
        assert (words, "cso") in actor_choices(), "the list's and the queue's filter"
        assert ("actor_type", "cso") in shown_codes(words[:6]), "the list's search"
        desk = DashboardView(store)
        qtbot.addWidget(desk)
        rows = [
            r
            for r, c in enumerate(desk.model.cells)
            if (c.city, c.actor_type) == ("tijuana", "cso")
        ]
        shown = desk.model.index(rows[0], PROGRESS_COLUMN["actor_type"]).data()
        assert shown == words, "the Progress desk"
        assert form_label(record, store.forms.load).startswith(f"{words} — "), "New interview"
    finally:
        i18n.apply_language("en")
        store.close()
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["status", "--db", str(tmp_path / "s.db")]) == 0
    assert f"{words} (cso)" in capsys.readouterr().out, "fieldapp status"


def test_a_labels_export_asks_for_the_same_words() -> None:
    """The export asks for ``export.actor.*``: the very texts of ``actor.*``."""
    from fieldapp.core.messages import text
    from fieldapp.core.study import ACTOR_TYPES

    for language in ("en", "es"):
        for actor in ACTOR_TYPES:
            assert text(f"export.actor.{actor}", language) == actor_name(actor, language)
    assert CATALOG["export.actor.gov"] is CATALOG["actor.gov"], "one dictionary, not a copy"
