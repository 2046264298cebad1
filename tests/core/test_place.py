"""Where the researcher was: a path a person reads, and the question to land on when the
one she was in is gone or no longer applies (``core.place``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Question, Ref
from fieldapp.core.place import Place, form_order, nearest_earlier, ref_of_path


def test_the_path_reads_as_written_and_comes_back_whole() -> None:
    place = Place(("org/mechanisms", 1, "details/mech_city"), cursor=11)
    assert place.path == "org/mechanisms[2]/details/mech_city"
    assert Place.from_json(place.to_json()) == place
    assert ref_of_path("a[1]/b[3]/c") == ("a", 0, "b", 2, "c")


@pytest.mark.parametrize(
    "stored",
    ['{"path": "[2]/x"}', '{"path": "a[0]/x"}', '{"path": ""}', "[]", "not json", '{"p": 1}'],
)
def test_what_is_not_a_place_is_none(stored: str) -> None:
    assert Place.from_json(stored) is None


def test_a_negative_cursor_is_dropped_and_the_question_kept() -> None:
    assert Place.from_json('{"path": "story", "cursor": -4}') == Place(("story",), None)


def test_the_nearest_question_before_one_that_is_gone(tmp_path: Path) -> None:
    form = load_form(
        write_xlsform(
            tmp_path / "f.xlsx",
            [
                {"type": "text", "name": "intro", "label": "Intro"},
                {"type": "begin group", "name": "org", "label": "Org"},
                {"type": "text", "name": "name", "label": "Name"},
                {"type": "begin repeat", "name": "mechanisms", "label": "M"},
                {"type": "text", "name": "mech_name", "label": "Name"},
                {"type": "text", "name": "mech_city", "label": "City"},
                {"type": "end repeat"},
                {"type": "text", "name": "after", "label": "After"},
                {"type": "end group"},
            ],
            settings={"form_id": "f", "version": "1"},
        )
    )
    entries = [{"mech_name": "a"}, {"mech_name": "b"}]
    session = Session(form, {"org/mechanisms": entries})
    questions: list[Ref] = [r for r, e in session.walk() if isinstance(e, Question)]
    order = form_order(form.root)
    city = ("org/mechanisms", 1, "mech_city")
    assert nearest_earlier(order, city, questions) == city
    without_city = [r for r in questions if r != city]
    assert nearest_earlier(order, city, without_city) == ("org/mechanisms", 1, "mech_name")
    third = ("org/mechanisms", 2, "mech_city")  # an entry that is gone
    assert nearest_earlier(order, third, questions) == city
    hidden_after = [r for r in without_city if r != ("org/after",)]  # after the repeat
    assert nearest_earlier(order, ("org/after",), hidden_after) == (
        "org/mechanisms",
        1,
        "mech_name",
    )
    assert nearest_earlier(order, ("intro",), questions[1:]) is None
