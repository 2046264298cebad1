"""The form session: what an interviewer sees follow the form's logic as answers change."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session, check_answers
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form, Question
from fieldapp.core.forms.values import coerce_answer, instance_text, odk_string
from fieldapp.core.messages import FieldappError

NOW = datetime(2024, 5, 17, 10, 30, 0, tzinfo=timezone(timedelta(hours=-6)))


def _form(tmp_path: Path, survey: list[dict[str, Any]], **kwargs: Any) -> Form:
    return load_form(write_xlsform(tmp_path / "form.xlsx", survey=survey, **kwargs))


def _session(form: Form, answers: dict[str, Any] | None = None, **kwargs: Any) -> Session:
    return Session(form, answers, now=lambda: NOW, **kwargs)


YES_NO = [
    {"list_name": "yn", "name": "yes", "label::English (en)": "Yes", "label::Español (es)": "Sí"},
    {"list_name": "yn", "name": "no", "label::English (en)": "No", "label::Español (es)": "No"},
]


@pytest.fixture
def relevance_form(tmp_path: Path) -> Form:
    return _form(
        tmp_path,
        [
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "begin group", "name": "adult", "label": "Adult", "relevant": "${age} >= 18"},
            {"type": "text", "name": "job", "label": "Job"},
            {"type": "integer", "name": "years", "label": "Years", "relevant": "${job} != ''"},
            {"type": "end group"},
            {"type": "calculate", "name": "seen", "calculation": "concat('job:', ${job})"},
            {"type": "text", "name": "note", "label": "Why no job?", "relevant": "${job} = ''"},
        ],
    )


def test_relevance_follows_answers_and_is_inherited(relevance_form: Form) -> None:
    session = _session(relevance_form)
    assert not session.state(("adult",)).relevant
    assert not session.state(("adult/job",)).relevant

    changes = session.set_answer(("age",), 30)
    assert {("adult",), ("adult/job",)} <= changes
    assert session.state(("adult/job",)).relevant
    assert not session.state(("adult/years",)).relevant

    session.set_answer(("adult/job",), "teacher")
    assert session.state(("adult/years",)).relevant
    assert session.state(("seen",)).value == "job:teacher"
    assert not session.state(("note",)).relevant

    # Hiding the group hides its children, and what they hold reads as empty elsewhere.
    session.set_answer(("age",), 12)
    assert not session.state(("adult/years",)).relevant
    assert session.state(("seen",)).value == "job:"
    assert session.state(("note",)).relevant


def test_record_drops_non_relevant_answers_but_the_working_copy_keeps_them(
    relevance_form: Form,
) -> None:
    session = _session(relevance_form)
    session.set_answer(("age",), 30)
    session.set_answer(("adult/job",), "teacher")
    session.set_answer(("adult/years",), 4)
    session.set_answer(("age",), 12)
    assert session.answers()["adult/job"] == "teacher"
    record = session.record()
    assert record.pop("meta/instanceID").startswith("uuid:")
    assert record == {"age": 12, "seen": "job:"}


def test_answers_round_trip_into_a_new_session(relevance_form: Form) -> None:
    session = _session(relevance_form)
    session.set_answer(("age",), 40)
    session.set_answer(("adult/job",), "nurse")
    again = _session(relevance_form, session.answers())
    for ref, _element in session.walk():
        assert again.state(ref) == session.state(ref), ref


def test_constraint_required_and_messages_in_the_session_language(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {
                "type": "integer",
                "name": "people",
                "label::English (en)": "People",
                "label::Español (es)": "Personas",
                "required": "yes",
                "constraint": ". > 0 and . < 50",
                "constraint_message::English (en)": "Between 1 and 49",
                "constraint_message::Español (es)": "Entre 1 y 49",
            },
            {
                "type": "select_one yn",
                "name": "police",
                "label::English (en)": "Police present?",
                "label::Español (es)": "¿Policía presente?",
                "required": "${people} > 10",
            },
        ],
        choices=YES_NO,
        settings={"default_language": "English (en)"},
    )
    session = _session(form)
    kinds = {(p.ref, p.kind) for p in session.problems()}
    assert kinds == {(("people",), "required")}

    session.set_answer(("people",), 80)
    assert session.state(("people",)).error == "Between 1 and 49"
    assert session.state(("police",)).required
    assert {(p.ref, p.kind) for p in session.problems()} == {
        (("people",), "constraint"),
        (("police",), "required"),
    }
    session.set_language("Español (es)")
    assert session.state(("people",)).error == "Entre 1 y 49"
    assert session.state(("police",)).label == "¿Policía presente?"
    assert [c.label("Español (es)") for c in session.state(("police",)).choices] == ["Sí", "No"]

    session.set_answer(("people",), 5)
    assert session.state(("people",)).error is None
    assert session.problems() == []


def test_calculations_chain_and_labels_show_their_values(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "decimal", "name": "price", "label": "Price"},
            {"type": "integer", "name": "qty", "label": "Quantity"},
            {"type": "calculate", "name": "total", "calculation": "${price} * ${qty}"},
            {"type": "calculate", "name": "taxed", "calculation": "round(${total} * 1.16, 2)"},
            {"type": "note", "name": "show", "label": "Total ${total}, with tax ${taxed}"},
        ],
    )
    session = _session(form)
    session.set_answer(("price",), "2,5")  # a Spanish keyboard's decimal comma
    changes = session.set_answer(("qty",), 4)
    assert {("total",), ("taxed",), ("show",)} <= changes
    assert session.state(("total",)).value == "10"
    assert session.state(("taxed",)).value == "11.6"
    assert session.state(("show",)).label == "Total 10, with tax 11.6"
    assert session.record()["taxed"] == "11.6"
    with pytest.raises(FieldappError) as refused:
        session.set_answer(("total",), "3")
    assert refused.value.code == "engine.readonly"


def test_choice_filter_uses_the_item_and_current_question(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "select_one city", "name": "city", "label": "City"},
            {
                "type": "select_one district",
                "name": "district",
                "label": "District",
                "choice_filter": "city = ${city}",
            },
        ],
        choices=[
            {"list_name": "city", "name": "tij", "label": "Tijuana"},
            {"list_name": "city", "name": "cjs", "label": "Ciudad Juárez"},
            {"list_name": "district", "name": "centro", "label": "Centro", "city": "tij"},
            {"list_name": "district", "name": "otay", "label": "Otay", "city": "tij"},
            {"list_name": "district", "name": "anapra", "label": "Anapra", "city": "cjs"},
        ],
    )
    session = _session(form)
    assert session.state(("district",)).choices == ()
    with pytest.raises(FieldappError) as refused:
        session.set_answer(("district",), "otay")  # not offered before a city is chosen
    assert refused.value.code == "engine.choice_not_offered"
    changes = session.set_answer(("city",), "tij")
    assert ("district",) in changes
    assert [c.name for c in session.state(("district",)).choices] == ["centro", "otay"]
    session.set_answer(("district",), "otay")
    assert session.problems() == []

    session.set_answer(("city",), "cjs")
    assert [c.name for c in session.state(("district",)).choices] == ["anapra"]
    problem = session.problems()[0]
    assert (problem.ref, problem.kind) == (("district",), "type")
    assert "otay" in problem.message
    # As in ODK, a choice no longer offered reads as unanswered; the working copy keeps
    # it, so going back to the first city brings it back.
    assert session.state(("district",)).value is None
    assert "district" not in session.record()
    session.set_answer(("city",), "tij")
    assert session.state(("district",)).value == "otay"
    assert session.problems() == []


def test_repeats_add_remove_move_and_aggregate(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "begin repeat", "name": "member", "label": "Member"},
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "integer", "name": "age", "label": "Age of ${name}"},
            {"type": "calculate", "name": "n", "calculation": "position(..)"},
            {"type": "text", "name": "school", "label": "School", "relevant": "${age} < 18"},
            {"type": "end repeat"},
            {"type": "calculate", "name": "total", "calculation": "sum(${age})"},
            {"type": "calculate", "name": "count", "calculation": "count(${member})"},
        ],
    )
    session = _session(form)
    assert session.repeat_count(("member",)) == 1  # as ODK starts a new form
    ref, _ = session.add_repeat(("member",))
    assert ref == ("member", 1)
    session.set_answer(("member", 0, "name"), "Ana")
    session.set_answer(("member", 0, "age"), 40)
    session.set_answer(("member", 1, "name"), "Beto")
    changes = session.set_answer(("member", 1, "age"), 12)
    assert ("member", 1, "school") in changes
    assert ("member", 0, "school") not in changes
    assert session.state(("member", 1, "school")).relevant
    assert not session.state(("member", 0, "school")).relevant
    assert session.state(("member", 1, "age")).label == "Age of Beto"
    assert session.state(("total",)).value == "52"
    assert session.state(("count",)).value == "2"

    session.move_repeat(("member",), 1, 0)
    assert session.state(("member", 0, "name")).value == "Beto"
    assert session.state(("member", 0, "n")).value == "1"
    assert session.state(("member", 1, "n")).value == "2"

    session.remove_repeat(("member",), 0)
    assert session.repeat_count(("member",)) == 1
    assert session.state(("total",)).value == "40"
    assert session.state(("count",)).value == "1"
    assert session.record()["member"] == [{"name": "Ana", "age": 40, "n": "1"}]
    walked = [ref for ref, _ in session.walk()]
    assert walked[:3] == [("member",), ("member", 0), ("member", 0, "name")]


def test_repeat_count_sets_the_number_of_instances(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "children", "label": "Children"},
            {
                "type": "begin repeat",
                "name": "child",
                "label": "Child",
                "repeat_count": "${children}",
            },
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "end repeat"},
        ],
    )
    session = _session(form)
    assert session.repeat_count(("child",)) == 0
    session.set_answer(("children",), 3)
    assert session.repeat_count(("child",)) == 3
    session.set_answer(("child", 2, "name"), "Luz")
    session.set_answer(("children",), 2)
    assert session.repeat_count(("child",)) == 2
    with pytest.raises(FieldappError) as refused:
        session.add_repeat(("child",))
    assert refused.value.code == "engine.repeat_fixed"


def test_metadata_and_defaults_fill_a_new_interview(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "start", "name": "start"},
            {"type": "end", "name": "end"},
            {"type": "today", "name": "today"},
            {"type": "deviceid", "name": "deviceid"},
            {"type": "username", "name": "username"},
            {"type": "select_one yn", "name": "consent", "label": "Consent", "default": "yes"},
            {"type": "integer", "name": "year", "label": "Year", "default": "2024"},
            {"type": "date", "name": "when", "label": "When", "default": "today()"},
        ],
        choices=YES_NO,
        settings={"instance_name": "concat('interview-', ${year})"},
    )
    later = NOW + timedelta(minutes=45)
    clock = [NOW]
    session = Session(form, now=lambda: clock[0], device_id="laptop-7", username="ana")
    answers = session.answers()
    assert answers["start"].startswith("2024-05-17T10:30:00")
    assert answers["today"] == "2024-05-17"
    assert answers["deviceid"] == "laptop-7"
    assert answers["username"] == "ana"
    assert answers["consent"] == "yes"
    assert answers["year"] == 2024
    assert answers["when"] == "2024-05-17"
    assert "end" not in answers
    clock[0] = later
    assert answers["meta/instanceID"].startswith("uuid:")
    assert session.record()["end"].startswith("2024-05-17T11:15:00")
    assert session.instance_name() == "interview-2024"
    # An existing interview keeps its own answers: nothing is filled again.
    reopened = Session(form, {"year": 1999}, now=lambda: later)
    assert reopened.answers() == {"year": 1999, "meta/instanceName": "interview-1999"}


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("integer", "42", 42),
        ("integer", 7.0, 7),
        ("integer", " -3 ", -3),
        ("decimal", "3,5", 3.5),
        ("decimal", 2, 2.0),
        ("date", "2024-02-29", "2024-02-29"),
        ("time", "14:30", "14:30:00"),
        ("datetime", "2024-03-01T08:00", "2024-03-01T08:00"),
        ("select_multiple yn", "yes no", ["yes", "no"]),
        ("select_multiple yn", ["no", "no"], ["no"]),
        ("select_one yn", "yes", "yes"),
        ("text", "", None),
        # held as ODK holds it: each number with its decimal part
        ("geopoint", "31.69 -106.42 1100 5", "31.69 -106.42 1100.0 5.0"),
    ],
)
def test_coerce_answer_accepts_what_a_person_would_type(
    tmp_path: Path, kind: str, raw: object, expected: object
) -> None:
    form = _form(tmp_path, [{"type": kind, "name": "q", "label": "Q"}], choices=YES_NO)
    question = next(form.questions())
    assert coerce_answer(question, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw", "code"),
    [
        ("integer", "4.5", "engine.not_integer"),
        ("integer", "doce", "engine.not_integer"),
        ("decimal", "1e400", "engine.not_decimal"),
        ("date", "2023-02-29", "engine.not_date"),
        ("date", "17/05/2024", "engine.not_date"),
        ("time", "25:00", "engine.not_time"),
        ("select_one yn", "maybe", "engine.unknown_choice"),
        ("select_multiple yn", ["yes", "maybe"], "engine.unknown_choice"),
        ("geopoint", "north", "engine.not_geopoint"),
    ],
)
def test_coerce_answer_refuses_wrong_values_naming_the_question(
    tmp_path: Path, kind: str, raw: object, code: str
) -> None:
    form = _form(tmp_path, [{"type": kind, "name": "q", "label": "Q"}], choices=YES_NO)
    question = next(form.questions())
    assert isinstance(question, Question)
    with pytest.raises(FieldappError) as refused:
        coerce_answer(question, raw)
    assert refused.value.code == code
    assert "q" in refused.value.text("en")


def test_odk_strings_are_what_expressions_see() -> None:
    assert odk_string(["a", "b"]) == "a b"
    assert odk_string(3.0) == "3"
    assert instance_text(3.0) == "3.0"  # a whole decimal, as ODK's instance holds it
    assert instance_text(3) == "3"
    assert odk_string(0.1) == "0.1"
    assert odk_string(None) == ""


def test_check_answers_reports_every_problem_of_a_submission(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "age", "label": "Age", "required": "yes"},
            {"type": "date", "name": "born", "label": "Born"},
            {"type": "text", "name": "job", "label": "Job", "relevant": "${age} > 17"},
            {"type": "integer", "name": "years", "label": "Years", "constraint": ". < ${age}"},
            {"type": "begin repeat", "name": "kid", "label": "Kid"},
            {"type": "text", "name": "name", "label": "Name", "required": "yes"},
            {"type": "end repeat"},
        ],
    )
    problems = check_answers(
        form,
        {
            "born": "yesterday",
            "job": "hidden because age is missing",
            "years": 30,
            "colour": "red",
            "kid": [{"name": "Lia"}, {"nickname": "x"}],
        },
    )
    found = {(p.ref, p.kind) for p in problems}
    assert found == {
        (("colour",), "type"),
        (("kid", 1, "nickname"), "type"),
        (("born",), "type"),
        (("age",), "required"),
        (("years",), "constraint"),  # 30 < an unanswered age is false, as in ODK
        (("kid", 1, "name"), "required"),
    }
    assert check_answers(form, {"age": 40, "years": 10, "job": "x", "kid": []}) == []
    wrong = check_answers(form, {"age": 20, "years": 30})
    assert [(p.ref, p.kind) for p in wrong] == [(("years",), "constraint")]


def test_bad_refs_are_clear_errors(relevance_form: Form) -> None:
    session = _session(relevance_form)
    for ref, code in [
        (("nothing",), "engine.no_such_node"),
        (("adult",), "engine.not_a_question"),
    ]:
        with pytest.raises(FieldappError) as refused:
            session.set_answer(ref, "x")
        assert refused.value.code == code
    with pytest.raises(FieldappError) as refused:
        session.set_answer(("age",), "many")
    assert refused.value.code == "engine.not_integer"


def test_read_only_follows_its_expression_and_refuses_answers(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "text", "name": "school", "label": "School", "read_only": "${age} > 80"},
        ],
    )
    session = _session(form)
    session.set_answer(("school",), "primary")
    assert ("school",) in session.set_answer(("age",), 90)
    assert session.state(("school",)).readonly
    with pytest.raises(FieldappError) as refused:
        session.set_answer(("school",), "none")
    assert refused.value.code == "engine.readonly"
    assert session.state(("school",)).value == "primary"


def test_a_trigger_sets_a_value_once_when_its_question_changes(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "integer", "name": "b", "label": "B"},
            {
                "type": "text",
                "name": "t",
                "label": "T",
                "calculation": "concat('a=', ${a}, ' b=', ${b})",
                "trigger": "${a}",
            },
        ],
    )
    session = _session(form)
    assert session.state(("t",)).value is None
    session.set_answer(("b",), 2)
    assert session.state(("t",)).value is None  # b is not its trigger
    session.set_answer(("a",), 1)
    assert session.state(("t",)).value == "a=1 b=2"
    session.set_answer(("t",), "mine")  # still the interviewer's to edit, as in ODK
    session.set_answer(("b",), 3)
    assert session.state(("t",)).value == "mine"
    assert _session(form, session.answers()).state(("t",)).value == "mine"


def test_a_nested_repeat_count_reads_its_own_outer_instance(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "begin repeat", "name": "household", "label": "Household"},
            {"type": "integer", "name": "size", "label": "Size"},
            {
                "type": "begin repeat",
                "name": "person",
                "label": "Person",
                "repeat_count": "${size}",
            },
            {"type": "text", "name": "role", "label": "Role", "default": "member"},
            {"type": "end repeat"},
            {"type": "end repeat"},
        ],
    )
    session = _session(form)
    session.add_repeat(("household",))
    session.set_answer(("household", 1, "size"), 2)
    assert session.repeat_count(("household", 0, "person")) == 0
    assert session.repeat_count(("household", 1, "person")) == 2
    assert session.record()["household"][1]["person"] == [{"role": "member"}] * 2


def test_an_empty_repeat_follows_its_relevance(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "select_one yn", "name": "has_orgs", "label": "Any organisations?"},
            {
                "type": "begin repeat",
                "name": "org",
                "label": "Organisation",
                "relevant": "${has_orgs} = 'yes'",
            },
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "end repeat"},
        ],
        choices=YES_NO,
    )
    session = _session(form)
    session.remove_repeat(("org",), 0)
    assert not session.state(("org",)).relevant  # no "add" to offer yet
    assert ("org",) in session.set_answer(("has_orgs",), "yes")
    assert session.state(("org",)).relevant
    ref, _ = session.add_repeat(("org",))
    assert session.state(ref).relevant


def test_stored_answers_of_the_wrong_shape_are_problems_not_crashes(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "n", "label": "N", "constraint": ". < 10"},
            {"type": "select_one yn", "name": "ok", "label": "OK"},
            {"type": "begin repeat", "name": "r", "label": "R"},
            {"type": "text", "name": "t", "label": "T"},
            {"type": "end repeat"},
        ],
        choices=YES_NO,
    )
    problems = check_answers(form, {"n": [1, 2], "ok": "maybe", "r": "oops"})
    messages = {p.ref: p.message for p in problems if p.kind == "type"}
    assert set(messages) == {("n",), ("ok",), ("r",)}
    assert "no, yes" in messages[("ok",)]  # the message lists the choices to pick from


# --- QA findings 15-17: problems name what is wrong, in one language --------------------

SECTORS = [
    {"list_name": "sectors", "name": name, "label::English (en)": name.title()}
    for name in ("women", "youth", "victims")
]


def test_a_multiple_answer_names_only_its_unknown_codes(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [{"type": "select_multiple sectors", "name": "sectors", "label::English (en)": "S"}],
        choices=SECTORS,
    )
    [one] = check_answers(form, {"sectors": "women youth nonexistent"}, language="en")
    assert "“nonexistent”" in one.message and "women" not in one.message.split("(")[0]
    assert "(victims, women, youth)" in one.message  # the codes to pick from
    [two] = check_answers(form, {"sectors": ["women", "zz", "yy"]}, language="en")
    assert "zz, yy are not among its choices" in two.message
    assert "women" not in two.message.split("(")[0]


def test_a_multiple_answer_names_only_the_codes_its_filter_no_longer_offers(
    tmp_path: Path,
) -> None:
    choices = [
        {**choice, "group": "a" if choice["name"] != "victims" else "b"} for choice in SECTORS
    ]
    form = _form(
        tmp_path,
        [
            {"type": "text", "name": "g", "label::English (en)": "G"},
            {
                "type": "select_multiple sectors",
                "name": "sectors",
                "label::English (en)": "S",
                "choice_filter": "group = ${g}",
            },
        ],
        choices=choices,
    )
    session = _session(form, {"g": "b", "sectors": ["victims"]}, messages="en")
    session.set_answer(("g",), "a")
    session.node(("sectors",)).raw = ["women", "victims"]  # as a stored draft may hold it
    message = session.state(("sectors",)).error or ""
    assert message.startswith("sectors: “victims” is not offered")


BILINGUAL = [
    {
        "type": "integer",
        "name": "year",
        "label::Español (es)": "Año",
        "label::English (en)": "Year",
        "constraint": ". >= 1900",
        "constraint_message::Español (es)": "Un año a partir de 1900.",
        "constraint_message::English (en)": "A year from 1900 on.",
    },
    {"type": "date", "name": "day", "label::Español (es)": "Día", "label::English (en)": "Day"},
]


def test_check_answers_speaks_one_language_the_users(tmp_path: Path) -> None:
    form = _form(tmp_path, BILINGUAL, settings={"default_language": "Español (es)"})
    answers = {"year": 1800, "day": "2026-02-30", "nothing": 1}
    english = {p.ref: p.message for p in check_answers(form, answers, language="en")}
    assert english[("year",)] == "A year from 1900 on."  # the author's English message
    assert english[("day",)].startswith("day: “2026-02-30” is not a date")
    assert english[("nothing",)].startswith("The answers name “nothing”")
    spanish = {p.ref: p.message for p in check_answers(form, answers, language="es")}
    assert spanish[("year",)] == "Un año a partir de 1900."
    assert spanish[("day",)].startswith("day: «2026-02-30» no es una fecha")


def test_a_form_without_the_users_language_gives_its_own_messages_in_its_default(
    tmp_path: Path,
) -> None:
    spanish_only = [
        {key: value for key, value in row.items() if "English" not in key} for row in BILINGUAL
    ]
    form = _form(tmp_path, spanish_only, settings={"default_language": "Español (es)"})
    problems = {
        p.ref: p.message for p in check_answers(form, {"year": 1800, "day": "x"}, language="en")
    }
    assert problems[("year",)] == "Un año a partir de 1900."  # all the form has
    assert problems[("day",)].startswith("day: “x” is not a date")  # fieldapp's: English


def test_submit_reports_in_the_users_language_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.cli import main

    form = write_xlsform(
        tmp_path / "form.xlsx", survey=BILINGUAL, settings={"default_language": "Español (es)"}
    )
    answers = tmp_path / "answers.json"
    answers.write_text('{"year": 1800, "day": "2026-02-30"}', encoding="utf-8")
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    argv = ["submit", "--db", str(tmp_path / "f.db"), "--form", str(form), "--answers"]
    assert main([*argv, str(answers)]) == 1
    report = capsys.readouterr().err
    assert "2 problems" in report and "A year from 1900 on." in report
    assert "is not a date" in report and "no es" not in report and "Un año" not in report
    assert not (tmp_path / "f.db").exists()


def test_answers_nested_by_group_are_told_how_answers_are_keyed(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "begin group", "name": "profile", "label": "Profile"},
            {"type": "integer", "name": "org_founded", "label": "Founded"},
            {"type": "end group"},
        ],
    )
    [problem] = check_answers(form, {"profile": {"org_founded": 1990}}, language="en")
    assert problem.ref == ("profile",)
    assert "profile is a group of questions" in problem.message
    assert '"profile/org_founded": 1990' in problem.message
    assert check_answers(form, {"profile/org_founded": 1990}) == []


# --- QA finding 30: lowering a repeat count can be asked about first -----------------------


def test_a_count_its_own_constraint_refuses_leaves_the_entries_as_they_were(
    tmp_path: Path,
) -> None:
    # "How many mechanisms? Up to 5": the year asked just before, 2018, typed there by
    # mistake made 500 entries of the study form's 40 questions, digit by digit, and the
    # window froze for most of a minute. ODK Collect never takes an answer its constraint
    # refuses, so its count never follows one: the entries stay, the answer shows its error.
    form = _form(
        tmp_path,
        [
            {
                "type": "integer",
                "name": "mech_count",
                "label": "How many?",
                "constraint": ". >= 1 and . <= 5",
                "constraint_message": "Write a number between 1 and 5.",
            },
            {
                "type": "begin repeat",
                "name": "mech",
                "label": "Mechanism",
                "repeat_count": "${mech_count}",
            },
            {"type": "text", "name": "what", "label": "What?"},
            {"type": "end repeat"},
        ],
    )
    session = _session(form, messages="en")
    session.set_answer(("mech_count",), 2)
    session.set_answer(("mech", 1, "what"), "Mesa de Seguridad")
    for typed in (20, 201, 2018, 0):
        assert session.instances_dropped_by(("mech_count",), typed) == [], typed
        session.set_answer(("mech_count",), typed)
        assert session.repeat_count(("mech",)) == 2, typed
        assert session.state(("mech_count",)).error == "Write a number between 1 and 5."
    assert session.answers()["mech"] == [{}, {"what": "Mesa de Seguridad"}]
    assert Session(form, session.answers()).repeat_count(("mech",)) == 2, "as reopened"
    session.set_answer(("mech_count",), 3)  # a number it takes: the count follows again
    assert session.repeat_count(("mech",)) == 3
    assert session.instances_dropped_by(("mech_count",), 1) == [("mech", 1)]


@pytest.fixture
def counted_form(tmp_path: Path) -> Form:
    return _form(
        tmp_path,
        [
            {"type": "integer", "name": "n", "label": "How many?"},
            {"type": "calculate", "name": "wanted", "calculation": "${n}"},
            {
                "type": "begin repeat",
                "name": "mech",
                "label": "Mechanism",
                "repeat_count": "${wanted}",
            },
            {"type": "text", "name": "what", "label": "What?"},
            {"type": "text", "name": "place", "label": "Where?", "default": "here"},
            {"type": "end repeat"},
        ],
    )


def test_instances_dropped_by_a_lower_count_are_named_before_it_is_set(counted_form: Form) -> None:
    session = _session(counted_form, {"n": 4}, messages="en")
    session.set_answer(("mech", 1, "what"), "council")
    session.set_answer(("mech", 2, "what"), "patrol")
    # Through the calculation, 1 would remove entries 2-4; entry 4 holds only its default.
    assert session.instances_dropped_by(("n",), 1) == [("mech", 1), ("mech", 2)]
    assert session.instances_dropped_by(("n",), 3) == []
    assert session.instances_dropped_by(("n",), 9) == []
    # a count cleared (not a number) leaves the entries as they are, as in ODK
    assert session.instances_dropped_by(("n",), None) == []
    assert session.instances_dropped_by(("mech", 0, "what"), "x") == []
    assert session.repeat_count(("mech",)) == 4  # asking changed nothing
    dropped = session.instances_dropped_by(("n",), 2)
    assert session.dropped_text(dropped) == (
        "This answer removes entry 3 of “Mechanism” with its answers. Remove it?"
    )
    assert "2 entradas de «Mechanism» (número 2, 3)" in session.dropped_text(
        session.instances_dropped_by(("n",), 1), "es"
    )
    session.set_answer(("n",), 1)  # then, as in ODK, they go
    assert session.answers()["mech"] == [{"place": "here"}]


# --- randomize: ODK's order, stable for an interview ------------------------------------

THREE = [
    {"list_name": "yn", "name": name, "label": name.title()} for name in ("yes", "no", "maybe")
]


def _order(session: Session, ref: tuple[Any, ...] = ("q",)) -> list[str]:
    return [choice.name for choice in session.state(ref).choices]


def test_randomized_choices_follow_odks_order_for_a_seed(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "text", "name": "t", "label": "T"},
            {
                "type": "select_one yn",
                "name": "q",
                "label": "Q",
                "parameters": "randomize=true seed=7",
            },
            {
                "type": "select_one yn",
                "name": "r",
                "label": "R",
                "parameters": "randomize=true seed=${t}",
            },
        ],
        choices=THREE,
    )
    session = _session(form, {"t": "abc"})
    # The orders ODK's engine gives randomize(instance('yn')/root/item, seed).
    assert _order(session) == ["maybe", "no", "yes"]
    assert _order(session, ("r",)) == ["yes", "maybe", "no"]
    changes = session.set_answer(("t",), "-5")
    assert ("r",) in changes
    assert _order(session, ("r",)) == ["no", "maybe", "yes"]


def test_randomized_choices_without_a_seed_keep_their_order_when_reopened(tmp_path: Path) -> None:
    many = [{"list_name": "l", "name": f"c{i}", "label": f"C{i}"} for i in range(12)]
    form = _form(
        tmp_path,
        [{"type": "select_one l", "name": "q", "label": "Q", "parameters": "randomize=true"}],
        choices=many,
    )
    orders = []
    for _ in range(3):
        started = _session(form)
        reopened = _session(form, started.answers())
        assert _order(reopened) == _order(started)
        assert sorted(_order(started)) == sorted(c["name"] for c in many)
        orders.append(tuple(_order(started)))
    assert len(set(orders)) > 1  # each interview draws its own order
