"""Each place where fieldapp used to part from ODK, with what ODK does there.

The behaviour stated in each test is ODK's (JavaRosa / ODK Web Forms, and pyxform for
what a form means); where the reference engine can show it, the agreement suite
(``test_odk_agreement.py``) runs the same forms through it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.engine import MAX_INSTANCES, Session
from fieldapp.core.forms.loader import FormError, load_form, load_form_bytes
from fieldapp.core.forms.model import Form
from fieldapp.core.messages import FieldappError


def _form(tmp_path: Path, survey: list[dict[str, Any]], **sheets: Any) -> Form:
    return load_form(write_xlsform(tmp_path / "form.xlsx", survey=survey, **sheets))


def _names(session: Session, ref: tuple[Any, ...]) -> list[str]:
    return [choice.name for choice in session.state(ref).choices]


def test_a_filter_offers_the_passing_item_not_every_choice_of_its_name(tmp_path: Path) -> None:
    # ODK: the item set is the items the filter passes, each once. Two items may share a
    # name (allow_choice_duplicates): only the one of the chosen city is offered.
    form = _form(
        tmp_path,
        [
            {"type": "select_one city", "name": "city", "label": "City"},
            {
                "type": "select_one place",
                "name": "place",
                "label": "Place",
                "choice_filter": "city = ${city}",
            },
        ],
        choices=[
            {"list_name": "city", "name": "tij", "label": "Tijuana"},
            {"list_name": "city", "name": "mty", "label": "Monterrey"},
            {"list_name": "place", "name": "centro", "label": "Centro (TIJ)", "city": "tij"},
            {"list_name": "place", "name": "centro", "label": "Centro (MTY)", "city": "mty"},
            {"list_name": "place", "name": "playas", "label": "Playas", "city": "tij"},
        ],
        settings={"allow_choice_duplicates": "yes"},
    )
    session = Session(form)
    session.set_answer(("city",), "mty")
    offered = session.state(("place",)).choices
    assert [(c.name, c.label("default")) for c in offered] == [("centro", "Centro (MTY)")]
    session.set_answer(("city",), "tij")
    assert _names(session, ("place",)) == ["centro", "playas"]


@pytest.mark.parametrize(
    ("kind", "default"),
    [("date", "1900-01-01 00:00:00"), ("date", "not a date"), ("integer", "twelve")],
)
def test_a_default_its_type_cannot_hold_reads_as_blank(
    tmp_path: Path, kind: str, default: str
) -> None:
    # ODK parses a default into the question's type; what does not parse is no answer.
    form = _form(tmp_path, [{"type": kind, "name": "q", "label": "Q", "default": default}])
    session = Session(form)
    state = session.state(("q",))
    assert state.value is None and state.error is None
    assert "q" not in session.answers()


def test_settings_flat_puts_every_question_under_the_root(tmp_path: Path) -> None:
    # pyxform's flat instance has no group nodes: /data/b, with the group's relevance and-ed
    # into the question's own.
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "begin group", "name": "g", "label": "G", "relevant": "${a} > 1"},
            {"type": "text", "name": "b", "label": "B", "relevant": "${a} < 5"},
            {"type": "end group"},
        ],
        settings={"form_id": "flat_form", "flat": "TRUE"},
    )
    assert [e.path for e in form.questions()][:2] == [f"{form.root.path}/a", f"{form.root.path}/b"]
    session = Session(form, {"a": 3, "b": "x"})
    assert session.record() == {"a": 3, "b": "x"}
    assert Session(form, {"a": 7, "b": "x"}).record() == {"a": 7}
    assert Session(form, {"a": 0, "b": "x"}).record() == {"a": 0}


def test_settings_flat_with_a_repeat_is_refused_with_one_line(tmp_path: Path) -> None:
    path = write_xlsform(
        tmp_path / "flat.xlsx",
        [
            {"type": "begin repeat", "name": "people", "label": "People"},
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "end repeat"},
        ],
        settings={"form_id": "flat_form", "flat": "TRUE"},
    )
    with pytest.raises(FormError) as raised:
        load_form(path)
    assert raised.value.code == "forms.flat_repeat"
    assert "people" in str(raised.value) and "\n" not in str(raised.value)


def test_a_new_outer_instance_has_no_inner_instance(tmp_path: Path) -> None:
    # ODK builds a new instance from the repeat's template, whose inner repeat is empty.
    form = _form(
        tmp_path,
        [
            {"type": "begin repeat", "name": "household", "label": "Household"},
            {"type": "text", "name": "address", "label": "Address"},
            {"type": "begin repeat", "name": "person", "label": "Person"},
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "end repeat"},
            {"type": "end repeat"},
        ],
    )
    session = Session(form)
    assert session.repeat_count(("household",)) == 1
    ref, _ = session.add_repeat(("household",))
    assert session.repeat_count((*ref, "person")) == 0
    assert session.answers()["household"][1] == {"person": []}


def test_switching_language_recomputes_choice_name_calculations(tmp_path: Path) -> None:
    en, es = "label::English (en)", "label::Español (es)"
    form = _form(
        tmp_path,
        [
            {"type": "select_one yn", "name": "q", en: "Q", es: "P"},
            {"type": "calculate", "name": "said", "calculation": "jr:choice-name(${q}, '${q}')"},
            {
                "type": "calculate",
                "name": "item_label",
                "calculation": "instance('yn')/root/item[name = ${q}]/label",
            },
        ],
        choices=[
            {"list_name": "yn", "name": "yes", en: "Yes", es: "Sí"},
            {"list_name": "yn", "name": "no", en: "No", es: "No"},
        ],
        settings={"default_language": "English (en)"},
    )
    session = Session(form, language="English (en)")
    session.set_answer(("q",), "yes")
    assert session.state(("said",)).value == "Yes"
    changes = session.set_language("Español (es)")
    assert session.state(("said",)).value == "Sí"
    # A translated list's items hold an itextId, not a label, in ODK's instance.
    assert session.state(("item_label",)).value is None
    assert ("said",) in changes
    session.set_language("English (en)")
    assert session.answers()["said"] == "Yes"


@pytest.mark.parametrize("kind", ["integer", "date", "begin group", "text"])
def test_parameters_given_as_text_load(tmp_path: Path, kind: str) -> None:
    # pyxform parses parameters only for the types that take some and passes the rest on
    # as the cell's text; ODK ignores what a type does not use.
    rows: list[dict[str, Any]] = [{"type": kind, "name": "q", "label": "Q", "parameters": "rows=3"}]
    if kind == "begin group":
        rows.append({"type": "text", "name": "inside", "label": "Inside"})
        rows.append({"type": "end group"})
    form = _form(tmp_path, rows)
    element = next(e for e in form.walk() if e.name == "q")
    assert element.parameters == {"rows": "3"}


SITES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "plaza",
            "geometry": {"type": "Point", "coordinates": [-117.03, 32.51, 10]},
            "properties": {"title": "Plaza Santa Cecilia", "zone": "centro"},
        },
        {
            "type": "Feature",
            "geometry": {
                "type": "LineString",
                "coordinates": [[-106.42, 31.69], [-106.43, 31.7]],
            },
            "properties": {"id": "puente", "title": "Puente Libre", "zone": "norte"},
        },
        {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[-100.3, 25.6], [-100.31, 25.61], [-100.3, 25.6]]],
            },
            "properties": {"id": "macro", "title": "Macroplaza", "zone": "centro"},
        },
    ],
}
ORGS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<root>
  <item><name>cso1</name><label>Red Ciudadana</label><city>tij</city></item>
  <item><name>cso2</name><label>Colectivo Norte</label><city>cj</city></item>
  <item><name>cso3</name><label>Plan Estratégico</label><city>tij</city></item>
</root>
"""


def _file_form(tmp_path: Path) -> Path:
    (tmp_path / "sites.geojson").write_text(json.dumps(SITES), encoding="utf-8")
    (tmp_path / "orgs.xml").write_text(ORGS_XML, encoding="utf-8")
    return write_xlsform(
        tmp_path / "files.xlsx",
        [
            {"type": "select_one_from_file sites.geojson", "name": "site", "label": "Site"},
            {
                "type": "calculate",
                "name": "where",
                "calculation": "instance('sites')/root/item[id = ${site}]/geometry",
            },
            {"type": "select_one city", "name": "city", "label": "City"},
            {
                "type": "select_multiple_from_file orgs.xml",
                "name": "orgs",
                "label": "Organisations",
                "choice_filter": "city = ${city}",
            },
        ],
        [
            {"list_name": "city", "name": "tij", "label": "Tijuana"},
            {"list_name": "city", "name": "cj", "label": "Ciudad Juárez"},
        ],
        {"form_id": "files"},
    )


def test_geojson_and_xml_choice_files_give_odks_item_sets(tmp_path: Path) -> None:
    # ODK: a feature's value is its id (the feature's own, else its id property), its label
    # its title, and its geometry an ODK geo text, latitude first. An XML file's items are
    # root/item with name and label, and every field usable in filters.
    form = load_form(_file_form(tmp_path))
    session = Session(form)
    sites = session.state(("site",)).choices
    assert [(c.name, c.label("default")) for c in sites] == [
        ("plaza", "Plaza Santa Cecilia"),
        ("puente", "Puente Libre"),
        ("macro", "Macroplaza"),
    ]
    session.set_answer(("site",), "plaza")
    assert session.state(("where",)).value == "32.51 -117.03 0 0"
    session.set_answer(("site",), "puente")
    assert session.state(("where",)).value == "31.69 -106.42 0 0; 31.7 -106.43 0 0"
    session.set_answer(("site",), "macro")
    assert session.state(("where",)).value.count(";") == 2
    assert _names(session, ("orgs",)) == []
    session.set_answer(("city",), "tij")
    assert _names(session, ("orgs",)) == ["cso1", "cso3"]
    # The store keeps the files with the form: loading from bytes gives the same lists.
    again = load_form_bytes((tmp_path / "files.xlsx").read_bytes(), "files.xlsx", dict(form.files))
    assert [c.name for c in again.choice_lists["orgs"].choices] == ["cso1", "cso2", "cso3"]


@pytest.mark.parametrize(
    ("file_name", "content", "code"),
    [
        ("sites.geojson", "{not json", "forms.choice_file_geojson"),
        ("sites.geojson", '{"type": "Feature"}', "forms.choice_file_geojson"),
        (
            "sites.geojson",
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": []}}
                    ],
                }
            ),
            "forms.choice_file_geojson",
        ),
        ("orgs.xml", "<root><item><name>a</name>", "forms.choice_file_xml"),
        ("orgs.xml", "<choices><item><name>a</name></item></choices>", "forms.choice_file_xml"),
        (
            "orgs.xml",
            '<!DOCTYPE r [<!ENTITY a "aaaa">]><root><item><name>&a;</name></item></root>',
            "forms.choice_file_xml",
        ),
    ],
)
def test_a_broken_choice_file_is_refused_naming_it(
    tmp_path: Path, file_name: str, content: str, code: str
) -> None:
    (tmp_path / file_name).write_text(content, encoding="utf-8")
    kind = "select_one_from_file"
    path = write_xlsform(
        tmp_path / "broken.xlsx", [{"type": f"{kind} {file_name}", "name": "q", "label": "Q"}]
    )
    with pytest.raises(FormError) as raised:
        load_form(path)
    assert raised.value.code == code
    assert file_name in str(raised.value) and "Traceback" not in str(raised.value)


def test_repeat_instances_are_capped_per_interview_not_per_repeat(tmp_path: Path) -> None:
    # Nested counts multiply: 500 x 500 would be 250,000 instances.
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "n", "label": "N"},
            {"type": "begin repeat", "name": "outer", "label": "Outer", "repeat_count": "${n}"},
            {"type": "begin repeat", "name": "inner", "label": "Inner", "repeat_count": "${n}"},
            {"type": "text", "name": "x", "label": "X"},
            {"type": "end repeat"},
            {"type": "end repeat"},
            {"type": "begin repeat", "name": "free", "label": "Free"},
            {"type": "text", "name": "y", "label": "Y"},
            {"type": "end repeat"},
        ],
    )
    session = Session(form)
    session.set_answer(("n",), 500)
    total = (
        session.repeat_count(("outer",))
        + sum(
            session.repeat_count(("outer", i, "inner"))
            for i in range(session.repeat_count(("outer",)))
        )
        + session.repeat_count(("free",))
    )
    assert total == MAX_INSTANCES
    with pytest.raises(FieldappError) as raised:
        session.add_repeat(("free",))
    assert raised.value.code == "engine.too_many_instances"
    # Lowering the count frees room again.
    session.set_answer(("n",), 3)
    assert session.repeat_count(("outer",)) == 3
    session.add_repeat(("free",))
    assert session.repeat_count(("free",)) == 2


def test_an_interview_stored_past_the_cap_still_opens(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "begin repeat", "name": "people", "label": "People"},
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "end repeat"},
        ],
    )
    stored = {"people": [{"name": f"p{i}"} for i in range(MAX_INSTANCES + 5)]}
    session = Session(form, stored)
    assert session.repeat_count(("people",)) == MAX_INSTANCES + 5
    assert session.answers()["people"][-1] == {"name": f"p{MAX_INSTANCES + 4}"}
    with pytest.raises(FieldappError):
        session.add_repeat(("people",))


def test_a_read_only_group_makes_every_question_in_it_read_only(tmp_path: Path) -> None:
    # ODK (JavaRosa, Web Forms): readonly is inherited: a question in a read-only group
    # cannot be answered, even though its own bind says nothing; a dynamic readonly on the
    # group follows its expression.
    form = _form(
        tmp_path,
        [
            {"type": "select_one yn", "name": "lock", "label": "Lock?"},
            {"type": "begin_group", "name": "fixed", "label": "Fixed", "read_only": "yes"},
            {"type": "text", "name": "inside", "label": "Inside"},
            {"type": "end_group", "name": ""},
            {
                "type": "begin_group",
                "name": "maybe",
                "label": "Maybe",
                "read_only": "${lock} = 'yes'",
            },
            {"type": "text", "name": "note_it", "label": "Note it"},
            {"type": "end_group", "name": ""},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", "label": "Yes"},
            {"list_name": "yn", "name": "no", "label": "No"},
        ],
    )
    session = Session(form)
    assert session.state(("fixed/inside",)).readonly
    with pytest.raises(FieldappError):
        session.set_answer(("fixed/inside",), "typed anyway")
    assert not session.state(("maybe/note_it",)).readonly
    session.set_answer(("maybe/note_it",), "fine")
    changes = session.set_answer(("lock",), "yes")
    assert session.state(("maybe/note_it",)).readonly
    assert any(ref == ("maybe/note_it",) for ref in changes)  # the screen is told to lock it
