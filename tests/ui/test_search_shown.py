"""The search box finds what the list shows: a city, an actor type, a state, a form, a code.

Sealed study forms keep no instance name, so a search of the name alone found nothing:
the researcher typed "Monterrey", saw the city in half the rows, and got "0 of 2". The
search now matches the row's name, interviewer and form title as typed, and its city,
actor type and state by the labels the list shows them with, without case or accents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED

from fieldapp.core.store import InterviewFilter
from fieldapp.ui import i18n
from fieldapp.ui.interviews_model import shown_codes
from fieldapp.ui.main_window import MainWindow


def _interviews(store: Any) -> None:
    sha = store.forms.records()[0].sha256
    for city, actor, code in (
        ("juarez", "security", "CJ-01"),
        ("juarez", "cso", "CJ-02"),
        ("monterrey", "gov", "MTY-01"),
        ("tijuana", "cso", "TJ-01"),
    ):
        store.interviews.start(sha, interviewer=code, city=city, actor_type=actor)


def _shown(qtbot: Any, window: MainWindow, typed: str) -> list[str]:
    window.search_edit.setText(typed)
    qtbot.waitUntil(lambda: window.state.filters.text == (typed.strip() or None))
    qtbot.waitUntil(lambda: window.model.rowCount() == window.model.total)
    return sorted(window.model.row_at(n).interviewer for n in range(window.model.rowCount()))


def test_search_finds_the_cities_actors_and_codes_the_rows_show(qtbot: Any, store: Any) -> None:
    _interviews(store)
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    assert _shown(qtbot, window, "Monterrey") == ["MTY-01"]
    assert _shown(qtbot, window, "juarez") == ["CJ-01", "CJ-02"], "without the accent"
    assert _shown(qtbot, window, "CIUDAD JUÁREZ") == ["CJ-01", "CJ-02"]
    assert _shown(qtbot, window, "security") == ["CJ-01"]
    assert _shown(qtbot, window, "TJ-0") == ["TJ-01"], "the interviewer's code, as before"
    assert _shown(qtbot, window, "draft") == ["CJ-01", "CJ-02", "MTY-01", "TJ-01"]
    assert _shown(qtbot, window, "Tijuana") == ["TJ-01"]
    qtbot.waitUntil(lambda: window.count_label.text().startswith("1 of 4 interviews shown"))
    assert _shown(qtbot, window, "nobody here") == []
    # the other filters still narrow what the search found
    window.actor_filter.setCurrentIndex(window.actor_filter.findData("cso"))
    assert _shown(qtbot, window, "juarez") == ["CJ-02"]
    window.close()


def test_spanish_labels_are_searched_in_spanish_and_english() -> None:
    i18n.apply_language("es")
    try:
        found = dict(shown_codes("Fuerzas de seguridad"))
        assert found == {"actor_type": "security"}
        assert ("state", "draft") in shown_codes("borrador")
        assert ("actor_type", "security") in shown_codes("Security forces")
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize("typed", ["", "   "])
def test_nothing_typed_matches_nothing_in_particular(typed: str) -> None:
    assert shown_codes(typed) == ()


def test_the_core_matches_codes_only_alongside_a_text(store: Any) -> None:
    _interviews(store)
    page = store.interviews.page
    assert len(page(InterviewFilter(text="zz", text_codes=(("city", "juarez"),)))) == 2
    assert len(page(InterviewFilter(text_codes=(("city", "juarez"),)))) == 4, "no text: all"
    # a column outside the listing's labelled ones is never spliced into the SQL
    odd = InterviewFilter(text="zz", text_codes=(("1=1 OR city", "x"),))
    assert page(odd) == []


def test_the_review_queue_searches_the_same_way(qtbot: Any, store: Any) -> None:
    from fieldapp.ui.review_view import ReviewView

    sha = store.forms.records()[0].sha256
    for city, code in (("juarez", "CJ-01"), ("monterrey", "MTY-01")):
        store.interviews.submit(
            sha,
            {"intro/respondent": code, "intro/age": 40, "intro/consent": "yes"},
            finalize=True,
            interviewer=code,
            city=city,
            actor_type="cso",
        )
    view = ReviewView(store)
    qtbot.addWidget(view)
    assert view.model.total == 2
    view.search_edit.setText("Juárez")
    qtbot.waitUntil(lambda: view.model.total == 1)
    assert view.model.row_at(0).interviewer == "CJ-01"
