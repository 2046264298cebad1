"""Every page of every study form fits a field laptop's interview window: no question,
likert row or table pushes the form past its pane into a sideways scroll bar (a cut
"No sabe", a cut title), in English or in Spanish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from fieldapp.core.store import Store
from fieldapp.core.study import study_forms
from fieldapp.ui.i18n import resource_bytes
from fieldapp.ui.interview_window import InterviewWindow

WIDTH, HEIGHT = 1280, 720
"""The smaller field laptop the windows are checked at (``docs/make_fit_screenshots.py``)."""


@pytest.mark.parametrize("language", ["English (en)", "Español (es)"])
def test_every_page_of_the_study_forms_fits_the_window_width(
    qtbot: Any, tmp_path: Path, language: str
) -> None:
    # The app's own look (style.qss: bold, larger group titles), as create_app gives it:
    # the tests' bare application draws smaller text that fits where the app's does not.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    bare = app.styleSheet()
    app.setStyleSheet(resource_bytes("style.qss").decode("utf-8"))
    try:
        assert _too_wide(tmp_path, language) == []
    finally:
        app.setStyleSheet(bare)


def _too_wide(tmp_path: Path, language: str) -> list[str]:
    too_wide: list[str] = []
    with Store.open(tmp_path / "field.db") as store:
        records = [store.forms.add(form.path) for form in study_forms()]
        for record in records:
            submission_id = store.interviews.start(
                record.sha256, interviewer="TJ01", city="tijuana", actor_type="cso"
            )
            window = InterviewWindow(store, submission_id)
            OPENED.append(window)
            try:
                window.language_box.setCurrentIndex(window.language_box.findData(language))
                window.resize(WIDTH, HEIGHT)
                window.show()
                view = window.view
                for number in range(len(view.sections)):
                    view.go(number)
                    page = view.pages.currentWidget()
                    shown_by_logic = {n for n in view.nodes.values() if isinstance(n, QWidget)}
                    # Every question and group, relevant yet or not (the answers decide).
                    for widget in page.findChildren(QWidget):
                        if widget in shown_by_logic or widget.property("role") == "group":
                            widget.show()
                    QApplication.processEvents()
                    assert isinstance(page, QScrollArea)
                    content = page.widget()
                    assert content is not None
                    needs, has = content.minimumSizeHint().width(), page.viewport().width()
                    if needs > has:
                        too_wide.append(f"{record.form_id} page {number + 1}: {needs} > {has}")
            finally:
                window.editable = False  # leave no revision behind
                window.close()
    return too_wide
