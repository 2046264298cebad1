"""An interview on an XForm (as ODK Central serves it) runs in the same window as one on
an XLSForm: its labels from itext, its choices from the attached CSV, its logic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from odk_fixtures import FIXTURES, REFUSALS, fixture_forms
from opened_windows import OPENED
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton
from xform_sample import SITES, XFORM

from fieldapp.core.store import Store
from fieldapp.ui.interview_window import InterviewWindow


def test_an_xform_interview_is_answered_in_the_window(qtbot: Any, tmp_path: Path) -> None:
    form_file = tmp_path / "sitios.xml"
    form_file.write_text(XFORM, encoding="utf-8")
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    with Store.open(tmp_path / "xform.db") as store:
        record = store.forms.add(form_file)
        submission_id = store.interviews.start(
            record.sha256, interviewer="TJ-07", city="tijuana", actor_type="cso"
        )
        window = InterviewWindow(store, submission_id)
        OPENED.append(window)
        window.show()
        view = window.view
        view.reveal(("name",))
        name = view.nodes[("name",)]
        name.edit.setFocus()
        qtbot.keyClicks(name.edit, "Ana")
        qtbot.keyClick(name.edit, Qt.Key.Key_Tab)
        view.reveal(("site",))
        site = view.nodes[("site",)]
        offered = {b.objectName(): b.accessibleName() for b in site.findChildren(QRadioButton)}
        assert offered == {"choice_tj": "Tijuana", "choice_cj": "Ciudad Juárez"}
        button = site.findChild(QRadioButton, "choice_cj")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        qtbot.waitUntil(lambda: store.interviews.working_answers(submission_id).get("site") == "cj")
        answers = store.interviews.working_answers(submission_id)
        assert answers["name"] == "Ana"
        assert answers["stamp"] == "seen Ana"  # the XForm's setvalue ran on the change
        window.close()


@pytest.mark.slow
@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"no ODK fixture forms at {FIXTURES}")
def test_every_odk_fixture_form_opens_and_shows_each_section(qtbot: Any, tmp_path: Path) -> None:
    """ODK's own fixture forms (those fieldapp loads) open in the interview window and
    every section of each can be shown: no widget is missing for what they ask."""
    loadable = [n for n in fixture_forms() if n not in REFUSALS]
    assert len(loadable) > 100
    for number, name in enumerate(loadable):
        with Store.open(tmp_path / f"{number}.db") as store:
            record = store.forms.add(FIXTURES / name)
            submission_id = store.interviews.start(
                record.sha256, interviewer="TJ-07", city="tijuana", actor_type="cso"
            )
            window = InterviewWindow(store, submission_id)
            OPENED.append(window)
            window.show()
            view = window.view
            for section in range(len(view.sections)):
                view.go(section)
                assert view.pages.currentIndex() == section, f"{name}: section {section}"
            window.close()
