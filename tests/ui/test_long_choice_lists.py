"""A long list filtered by an earlier answer (a city's neighbourhoods, ODK's wards of a
state): built with the places the filter passes, made anew when the city changes, with
the keyboard left where the researcher is.

Its speed is measured in ``benchmarks/ui_open.py --only choices`` (a thousand places
made anew took 38 s before; ODK's own Nigerian wards form took over two minutes to open
in ``test_xform_interview.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QRadioButton
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Choice
from fieldapp.ui.form_view import FormView
from fieldapp.ui.question_widgets import RadioWidget

CITIES, PLACES = 4, 400


def _places_view(qtbot: Any, tmp_path: Path) -> FormView:
    survey = [
        {"type": "select_one cities", "name": "city", "label": "City"},
        {
            "type": "select_one places",
            "name": "place",
            "label": "Neighbourhood",
            "choice_filter": "city=${city}",
        },
    ]
    choices = [
        {"list_name": "cities", "name": f"c{n}", "label": f"City {n}"} for n in range(CITIES)
    ]
    choices += [
        {"list_name": "places", "name": f"p{n}", "label": f"Place {n}", "city": f"c{n % CITIES}"}
        for n in range(PLACES)
    ]
    form = load_form(write_xlsform(tmp_path / "places.xlsx", survey=survey, choices=choices))
    view = FormView(Session(form, messages="en"))
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def _shown_places(view: FormView) -> list[str]:
    place = view.nodes[("place",)]
    buttons = place.findChildren(QRadioButton)
    return sorted(b.objectName() for b in buttons if b.isVisibleTo(view))


def test_the_places_are_built_for_the_city_chosen_never_the_whole_list_first(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    fill = RadioWidget.fill

    def counted(self: RadioWidget, choices: tuple[Choice, ...]) -> Any:
        if self.question.name == "place":
            built.append(len(choices))
        return fill(self, choices)

    monkeypatch.setattr(RadioWidget, "fill", counted)
    view = _places_view(qtbot, tmp_path)
    assert PLACES not in built, "the whole list was built, to be thrown away at once"
    assert _shown_places(view) == []
    view.commit(("city",), "c1")
    wanted = sorted(f"choice_p{n}" for n in range(1, PLACES, CITIES))
    qtbot.waitUntil(lambda: _shown_places(view) == wanted)
    assert built[-1] == PLACES // CITIES


def test_another_city_shows_its_places_alone_and_the_keyboard_stays_on_the_city(
    qtbot: Any, tmp_path: Path
) -> None:
    view = _places_view(qtbot, tmp_path)
    city = view.nodes[("city",)]
    first = city.findChild(QRadioButton, "choice_c1")
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    QTest.keyClick(first, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "choice_p1" in _shown_places(view))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the next city
    assert view.session.answers()["city"] == "c2"
    wanted = sorted(f"choice_p{n}" for n in range(2, PLACES, CITIES))
    qtbot.waitUntil(lambda: _shown_places(view) == wanted)
    # the first city's places left the window at once, not at the event loop's next turn
    assert view.findChild(QRadioButton, "choice_p1") is None
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "choice_c2"
    assert city.isAncestorOf(focused)
    place = view.nodes[("place",)]
    assert place.options_box.isVisible()
    QTest.keyClick(focused, Qt.Key.Key_Tab)  # on to the places, the new ones
    assert QApplication.focusWidget().objectName() == "choice_p2"
