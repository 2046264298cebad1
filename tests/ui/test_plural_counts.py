"""The status bar counts in Spanish: one interview is "1 entrevista", two are "2 entrevistas"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opened_windows import OPENED

from fieldapp.ui import i18n
from fieldapp.ui.main_window import MainWindow


def start(store: Any, city: str, finalize: bool = False) -> str:
    submission_id = store.interviews.start(
        store.forms.records()[0].sha256, interviewer="TJ-01", city=city, actor_type="cso"
    )
    answers = {"intro/respondent": "R-1", "intro/age": 30, "intro/consent": "no"}
    store.interviews.autosave(submission_id, answers if finalize else {"intro/respondent": "R"})
    if finalize:
        store.interviews.finalize(submission_id)
    else:
        store.interviews.save(submission_id)
    return str(submission_id)


def test_the_spanish_status_bar_says_one_and_two_in_their_own_words(qtbot: Any, store: Any) -> None:
    start(store, "tijuana")
    i18n.apply_language("es")
    try:
        window = MainWindow(Path(store.path))
        OPENED.append(window)
        window.show()
        qtbot.waitUntil(lambda: bool(window.count_label.text()))
        assert window.count_label.text() == "1 entrevista · 1 borrador · 0 finalizadas"

        start(store, "monterrey", finalize=True)
        window.refresh()
        qtbot.waitUntil(
            lambda: window.count_label.text() == "2 entrevistas · 1 borrador · 1 finalizada"
        )

        window.city_filter.setCurrentIndex(window.city_filter.findData("tijuana"))
        qtbot.waitUntil(
            lambda: window.count_label.text().startswith("1 de 2 entrevistas mostradas · ")
        )
        start(store, "tijuana")
        window.refresh()
        qtbot.waitUntil(
            lambda: window.count_label.text().startswith("2 de 3 entrevistas mostradas · ")
        )
    finally:
        i18n.apply_language("en")
