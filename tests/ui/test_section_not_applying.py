"""A section that does not apply says which answers it waits for, and where they are.

Found on the researcher's day in Spanish (design-notes, fieldday): Alt+→ from *Inicio*
before the consent reached *Periodo de referencia*, a page saying only "Esta sección no
aplica a esta entrevista.": not which answer makes it apply, nor in which section that
answer is, eight sections alike; the repeat's page, *Mecanismo o programa*, said nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from interview_windows import open_window
from opened_windows import close_opened
from PySide6.QtWidgets import QLabel

from fieldapp.core.messages import text
from fieldapp.core.store import Store
from fieldapp.core.study import study_forms


@pytest.fixture
def field_db(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "field.db") as store:
        yield store
        close_opened()


def test_a_section_that_does_not_apply_names_the_answers_it_waits_for(
    qtbot: Any, field_db: Store
) -> None:
    form = next(f for f in study_forms() if f.actor_type == "cso")
    sha = field_db.forms.add(form.path).sha256
    sid = field_db.interviews.start(sha, interviewer="MT03", city="monterrey", actor_type="cso")
    window = open_window(qtbot, field_db, sid)
    window.set_form_language("Español (es)")
    view = window.view

    def heading(key: str) -> str:
        view.go(view.section_of((key,)))
        return str(view.nodes[(key,)].label.text())

    consent = "«¿Acepta participar en la entrevista?» (Inicio)"
    said = heading("period")
    assert text("ui.section_waits", "es", questions=consent) in said, said
    assert said.startswith("Periodo de referencia<br>")
    assert "Depende de: «¿Acepta participar" in heading("closing"), "every section waiting"
    # The mechanisms' repeat has no heading node of its own: its page said nothing at all.
    view.go(view.section_of(("mechanisms",)))
    mechanisms = view.pages.currentWidget().findChild(QLabel, "sectionTitle").text()
    assert mechanisms.startswith("Mecanismo o programa<br>")
    for waited in (consent, "(Colaboración)", "«¿Cuántos mecanismos o programas así"):
        assert waited in mechanisms, mechanisms

    view.nodes[("consent",)].commit("yes")  # as Space on «Sí» does
    assert heading("period") == "Periodo de referencia", "it applies: nothing more said"
    view.go(view.section_of(("mechanisms",)))
    mechanisms = view.pages.currentWidget().findChild(QLabel, "sectionTitle").text()
    assert "Depende de" in mechanisms, "it waits for the collaboration still"
