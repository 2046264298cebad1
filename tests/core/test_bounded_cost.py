"""Whatever a form says, loading it and answering it cost bounded time and memory.

Each test is a form an author (or an attacker) can write that used to hang, exhaust
memory or crash: it is refused with one line at load time, or the engine bounds its cost.
The speed goals themselves are in ``benchmarks/form_logic.py``; here the costs are
counted (evaluations, instances, characters), never timed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import MAX_DEPTH, FormError, load_form
from fieldapp.core.forms.model import Form
from fieldapp.core.forms.xpath import XPathError, compile_expression
from fieldapp.core.forms.xpath.functions import MAX_TEXT
from fieldapp.core.messages import FieldappError


def _write(tmp_path: Path, survey: list[dict[str, Any]], **sheets: Any) -> Path:
    return write_xlsform(tmp_path / "form.xlsx", survey=survey, **sheets)


def _refusal(path: Path) -> FormError:
    with pytest.raises(FormError) as raised:
        load_form(path)
    return raised.value


def test_a_calculation_that_reads_itself_is_refused_naming_it(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"type": "integer", "name": "n", "label": "N"},
            {"type": "calculate", "name": "total", "calculation": "${total} + ${n}"},
        ],
    )
    error = _refusal(path)
    assert error.code == "forms.self_reference"
    assert "row 3" in str(error) and "'total'" in str(error) and "\n" not in str(error)


def test_a_circle_of_calculations_is_refused_naming_every_member(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"type": "integer", "name": "n", "label": "N"},
            {"type": "calculate", "name": "a", "calculation": "${c} + 1"},
            {"type": "calculate", "name": "b", "calculation": "${a} * 2"},
            {"type": "calculate", "name": "c", "calculation": "${b} - ${n}"},
            {"type": "calculate", "name": "fine", "calculation": "${a} + ${n}"},
        ],
    )
    error = _refusal(path)
    assert error.code == "forms.calculation_cycle"
    assert "'a', 'b', 'c'" in str(error) and "'fine'" not in str(error)
    assert "row 3" in str(error)


def test_a_cycle_inside_a_repeat_is_refused_too(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"type": "begin repeat", "name": "people", "label": "People"},
            {"type": "calculate", "name": "x", "calculation": "${y} + 1"},
            {"type": "calculate", "name": "y", "calculation": "${x} + 1"},
            {"type": "end repeat"},
        ],
    )
    assert _refusal(path).code == "forms.calculation_cycle"


def test_chains_and_constraints_on_themselves_are_no_cycle(tmp_path: Path) -> None:
    # A constraint's "." is the answer being checked; a long chain is just long.
    survey: list[dict[str, Any]] = [
        {"type": "integer", "name": "n", "label": "N", "constraint": ". > 0"},
        {"type": "calculate", "name": "c0", "calculation": "${n} + 1"},
    ]
    survey += [
        {"type": "calculate", "name": f"c{i}", "calculation": f"${{c{i - 1}}} + 1"}
        for i in range(1, 300)
    ]
    form = load_form(_write(tmp_path, survey))
    session = Session(form)
    session.set_answer(("n",), 1)
    assert session.state(("c299",)).value == "301"


def test_nesting_deeper_than_the_limit_is_one_line_not_a_crash(tmp_path: Path) -> None:
    depth = 1000
    survey = [{"type": "begin group", "name": f"g{i}", "label": "G"} for i in range(depth)]
    survey.append({"type": "text", "name": "q", "label": "Q"})
    survey += [{"type": "end group"}] * depth
    error = _refusal(_write(tmp_path, survey))
    assert error.code == "forms.too_deep"
    assert f"row {MAX_DEPTH + 2}" in str(error) and "\n" not in str(error)


def test_nesting_up_to_the_limit_loads_and_answers(tmp_path: Path) -> None:
    survey = [{"type": "begin group", "name": f"g{i}", "label": "G"} for i in range(MAX_DEPTH)]
    survey.append({"type": "text", "name": "q", "label": "Q"})
    survey += [{"type": "end group"}] * MAX_DEPTH
    form = load_form(_write(tmp_path, survey))
    key = "/".join(f"g{i}" for i in range(MAX_DEPTH)) + "/q"
    session = Session(form)
    session.set_answer((key,), "deep")
    assert session.record()[key] == "deep"


def test_doubling_concatenations_stop_at_the_text_limit(tmp_path: Path) -> None:
    survey: list[dict[str, Any]] = [{"type": "text", "name": "t", "label": "T"}]
    previous = "t"
    for i in range(40):
        survey.append(
            {
                "type": "calculate",
                "name": f"d{i}",
                "calculation": f"concat(${{{previous}}}, ${{{previous}}})",
            }
        )
        previous = f"d{i}"
    form = load_form(_write(tmp_path, survey))
    session = Session(form)
    session.set_answer(("t",), "ab")
    answers = session.answers()
    lengths = [len(str(answers.get(f"d{i}", ""))) for i in range(40)]
    assert max(lengths) <= MAX_TEXT
    assert lengths[:5] == [4, 8, 16, 32, 64]  # below the limit nothing changes
    assert sum(lengths) < 3 * MAX_TEXT
    # The first calculation past the limit says so; those reading its blank do not.
    errors = [session.state((f"d{i}",)).error for i in range(40)]
    first = lengths.index(0)
    assert errors[first] is not None and str(MAX_TEXT) in errors[first]
    assert errors[:first] == [None] * first and errors[first + 1 :] == [None] * (39 - first)


def test_a_too_long_text_says_so(tmp_path: Path) -> None:
    form = load_form(
        _write(
            tmp_path,
            [
                {"type": "text", "name": "t", "label": "T"},
                {"type": "calculate", "name": "twice", "calculation": "join(',', ${t}, ${t})"},
            ],
        )
    )
    session = Session(form)
    changes = session.set_answer(("t",), "y" * (MAX_TEXT // 2))
    twice = session.state(("twice",))
    assert twice.value is None  # one character too many: no text
    # ... and the screen showing the calculation says why, in the session's language.
    assert ("twice",) in changes
    assert twice.error is not None and f"more than {MAX_TEXT} characters" in twice.error
    assert "join(',', ${t}, ${t})" in twice.error and "\n" not in twice.error
    spanish = Session(form, session.answers(), messages="es")
    assert f"más de {MAX_TEXT} caracteres" in str(spanish.state(("twice",)).error)
    # Only the form's author can fix it: the interview can still be finalized.
    assert session.problems() == []
    changes = session.set_answer(("t",), "y" * (MAX_TEXT // 2 - 1))
    assert ("twice",) in changes and session.state(("twice",)).error is None
    assert len(str(session.state(("twice",)).value)) == MAX_TEXT - 1
    expression = compile_expression("concat(/data/t, /data/t, /data/t)")
    with pytest.raises(XPathError) as raised:
        expression.evaluate_string(session.root, None)  # type: ignore[arg-type]
    assert raised.value.code == "xpath.text_too_long"
    assert str(MAX_TEXT) in raised.value.text("en")


@pytest.fixture
def regex_form(tmp_path: Path) -> Form:
    return load_form(
        _write(
            tmp_path,
            [
                {
                    "type": "text",
                    "name": "code",
                    "label": "Code",
                    "constraint": "regex(., '^(a|aa)+$')",
                    "constraint_message": "Only a's",
                },
                {
                    "type": "calculate",
                    "name": "ok",
                    "calculation": "regex(${code}, '^[a-z]+[0-9]{2}$')",
                },
            ],
        )
    )


def test_a_pattern_that_backtracks_without_end_reads_as_no_match(regex_form: Form) -> None:
    # (a|aa)+$ on forty a's and a "!" tries every split of the a's: billions of ways.
    session = Session(regex_form)
    session.set_answer(("code",), "a" * 40 + "!")
    assert session.state(("code",)).error == "Only a's"
    session.set_answer(("code",), "a" * 40)
    assert session.state(("code",)).error is None


def test_regex_keeps_odk_semantics_otherwise(regex_form: Form) -> None:
    session = Session(regex_form)
    session.set_answer(("code",), "abc12")
    assert session.state(("ok",)).value == "true"
    session.set_answer(("code",), "abc123")
    assert session.state(("ok",)).value == "false"


def test_a_chain_of_relevance_over_thousands_of_questions_is_linear(tmp_path: Path) -> None:
    def evaluations(count: int) -> int:
        survey = [{"type": "text", "name": "q0", "label": "Q"}]
        survey += [
            {"type": "text", "name": f"q{i}", "label": "Q", "relevant": f"${{q{i - 1}}} != 'x'"}
            for i in range(1, count)
        ]
        form = load_form(_write(tmp_path / str(count), survey), check_xform=False)
        session = Session(form)
        start = session.evaluations
        session.set_answer(("q0",), "x")
        assert not session.state((f"q{1}",)).relevant
        return start + (session.evaluations - start)

    small, large = evaluations(200), evaluations(800)
    assert large <= 4 * small + 10  # four times the questions, four times the work


def test_a_filter_over_a_large_list_evaluates_only_the_matching_items(tmp_path: Path) -> None:
    choices = [
        {"list_name": "big", "name": f"c{i}", "label": f"C{i}", "zone": f"z{i % 50}"}
        for i in range(5000)
    ]
    choices += [{"list_name": "zone", "name": f"z{i}", "label": f"Z{i}"} for i in range(50)]
    form = load_form(
        _write(
            tmp_path,
            [
                {"type": "select_one zone", "name": "zone", "label": "Zone"},
                {
                    "type": "select_one big",
                    "name": "place",
                    "label": "Place",
                    "choice_filter": "zone = ${zone}",
                },
                {
                    "type": "select_one big",
                    "name": "narrow",
                    "label": "Narrow",
                    "choice_filter": "zone = ${zone} and name != 'c7'",
                },
            ],
            choices=choices,
        ),
        check_xform=False,
    )
    session = Session(form)
    assert session.state(("place",)).choices == ()
    session.set_answer(("zone",), "z7")
    before = session.evaluations
    place = session.state(("place",)).choices
    narrow = session.state(("narrow",)).choices
    assert [c.name for c in place][:3] == ["c7", "c57", "c107"] and len(place) == 100
    assert [c.name for c in narrow][:2] == ["c57", "c107"] and len(narrow) == 99
    # Only the 100 items of zone z7 were evaluated, for the filter with a second term.
    assert session.evaluations - before <= 100


def test_forms_check_names_a_cycle_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.cli import main

    path = _write(
        tmp_path,
        [
            {"type": "calculate", "name": "a", "calculation": "${b} + 1"},
            {"type": "calculate", "name": "b", "calculation": "${a} + 1"},
        ],
    )
    assert main(["forms", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "'a', 'b'" in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if "'a', 'b'" in line]) == 1


@pytest.mark.parametrize(
    "choice_filter",
    [
        "zone = ${pick}",
        "${pick} = zone",
        "zone = ${pick} and name != 'c3'",
        "name != 'c3' and zone = ${pick}",
        "zone = 'z1' or zone = ${pick}",
        "zone = concat('z', ${n})",
        "zone = ${n}",
        "missing = ${pick}",
        "name = ${pick}",
    ],
)
def test_the_index_offers_exactly_what_evaluating_every_item_offers(
    tmp_path: Path, choice_filter: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core.forms import engine

    choices: list[dict[str, Any]] = [
        {"list_name": "big", "name": f"c{i}", "label": f"C{i}", "zone": f"z{i % 3}"}
        for i in range(12)
    ]
    choices.append({"list_name": "big", "name": "blank", "label": "Blank", "zone": ""})
    choices += [
        {"list_name": "pick", "name": name, "label": name} for name in ("z0", "z1", "z2", "c4")
    ]
    form = load_form(
        _write(
            tmp_path,
            [
                {"type": "select_one pick", "name": "pick", "label": "Pick"},
                {"type": "integer", "name": "n", "label": "N"},
                {
                    "type": "select_one big",
                    "name": "q",
                    "label": "Q",
                    "choice_filter": choice_filter,
                },
            ],
            choices=choices,
        )
    )
    steps: list[tuple[str, Any]] = [("pick", "z2"), ("n", 1), ("pick", "c4"), ("n", 2)]

    def offered() -> list[list[str]]:
        session = Session(form)
        seen = [[c.name for c in session.state(("q",)).choices]]
        for key, value in steps:
            session.set_answer((key,), value)
            seen.append([c.name for c in session.state(("q",)).choices])
        return seen

    indexed = offered()
    monkeypatch.setattr(engine, "_lookups", lambda expression: [])
    assert indexed == offered()


def test_a_relevance_flip_on_an_unanswered_question_goes_no_further(tmp_path: Path) -> None:
    # Readers of a question see only its value: hiding an empty one changes nothing they
    # read, so clearing the first of a chain re-evaluates only as far as answers go.
    survey = [{"type": "text", "name": "q0", "label": "Q"}]
    survey += [
        {"type": "text", "name": f"q{i}", "label": "Q", "relevant": f"${{q{i - 1}}} != ''"}
        for i in range(1, 500)
    ]
    form = load_form(_write(tmp_path, survey), check_xform=False)
    answered = Session(form, {f"q{i}": "a" for i in range(10)})
    before = answered.evaluations
    changes = answered.set_answer(("q0",), "")
    assert answered.evaluations - before == 10  # q1..q10, then q10 is empty
    assert [answered.state((f"q{i}",)).relevant for i in (1, 9, 10, 11, 499)] == [False] * 5
    assert {("q1",), ("q10",)} <= changes and ("q11",) not in changes  # q11 was hidden
    answered.set_answer(("q0",), "b")
    assert [answered.state((f"q{i}",)).relevant for i in (1, 10, 11)] == [True, True, False]


@pytest.mark.parametrize(
    "relevant",
    [
        "${a} != ''",
        "${a} = 'yes'",
        "'yes' = ${a}",
        "${m} = 'x y'",
        "${m} != 'x'",
        "${n} = '5'",
        "${inner} != ''",
        "${hidden} = ''",
        "${calc} = 'yes!'",
    ],
)
def test_a_direct_comparison_reads_as_xpath_does(
    tmp_path: Path, relevant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core.forms import dependencies

    survey: list[dict[str, Any]] = [
        {"type": "text", "name": "a", "label": "A"},
        {"type": "select_multiple xy", "name": "m", "label": "M"},
        {"type": "integer", "name": "n", "label": "N"},
        {"type": "begin group", "name": "g", "label": "G", "relevant": "${n} != 3"},
        {"type": "text", "name": "inner", "label": "I"},
        {"type": "end group"},
        {"type": "text", "name": "hidden", "label": "H", "relevant": "${n} > 1"},
        {"type": "calculate", "name": "calc", "calculation": "concat(${a}, '!')"},
        {"type": "text", "name": "q", "label": "Q", "relevant": relevant},
    ]
    choices = [{"list_name": "xy", "name": n, "label": n} for n in ("x", "y")]
    path = _write(tmp_path, survey, choices=choices)
    steps: list[tuple[str, Any]] = [
        ("a", "yes"),
        ("m", ["x", "y"]),
        ("n", 5),
        ("g/inner", "in"),
        ("hidden", "h"),
        ("n", 3),
        ("m", ["x"]),
        ("a", ""),
        ("n", 0),
    ]

    def relevance() -> list[bool]:
        session = Session(load_form(path, check_xform=False))
        seen = [session.state(("q",)).relevant]
        for key, value in steps:
            session.set_answer((key,), value)
            seen.append(session.state(("q",)).relevant)
        return seen

    direct = relevance()
    monkeypatch.setattr(dependencies, "_simple_test", lambda *args: None)
    assert direct == relevance()
    assert True in direct and False in direct


def _one_problem(path: Path) -> FieldappError:
    error = _refusal(path)
    assert len(error.problems) == 1 and "\n" not in str(error)
    return error.problems[0]


def test_a_question_relevant_on_itself_is_refused_naming_it(tmp_path: Path) -> None:
    survey = [
        {"type": "text", "name": "a", "label": "A"},
        {"type": "text", "name": "b", "label": "B", "relevant": "${b} != '' or ${a} = 'x'"},
    ]
    problem = _one_problem(_write(tmp_path, survey))
    assert problem.code == "forms.logic_self_reference"
    assert "row 3" in problem.text("en") and "relevant of 'b' reads 'b' itself" in problem.text(
        "en"
    )
    assert "columna relevant de 'b'" in problem.text("es")


@pytest.mark.parametrize("column", ["required", "read_only"])
def test_required_or_read_only_on_itself_is_refused(tmp_path: Path, column: str) -> None:
    survey = [{"type": "integer", "name": "n", "label": "N", column: "${n} > 3"}]
    problem = _one_problem(_write(tmp_path, survey))
    assert problem.code == "forms.logic_self_reference"
    assert f"the {column} of 'n'" in problem.text("en")


def test_two_relevances_reading_each_other_are_refused_naming_both(tmp_path: Path) -> None:
    survey = [
        {"type": "text", "name": "start", "label": "S"},
        {"type": "text", "name": "a", "label": "A", "relevant": "${b} = ''"},
        {"type": "text", "name": "b", "label": "B", "relevant": "${a} = ''"},
        {"type": "text", "name": "c", "label": "C", "relevant": "${a} != ''"},
    ]
    problem = _one_problem(_write(tmp_path, survey))
    assert problem.code == "forms.logic_cycle"
    shown = problem.text("en")
    assert "row 3" in shown and "'a' (relevant), 'b' (relevant)" in shown
    assert "'c'" not in shown and "'start'" not in shown


def test_a_relevance_through_a_calculation_back_to_itself_is_refused(tmp_path: Path) -> None:
    survey = [
        {"type": "text", "name": "q", "label": "Q", "relevant": "${flag} = 'yes'"},
        {"type": "calculate", "name": "flag", "calculation": "if(${q} = '', 'no', 'yes')"},
    ]
    problem = _one_problem(_write(tmp_path, survey))
    assert problem.code == "forms.logic_cycle"
    assert "'q' (relevant), 'flag' (calculation)" in problem.text("en")
    assert "se leen unas a otras" in problem.text("es")


def test_a_group_relevant_on_a_question_inside_it_is_refused(tmp_path: Path) -> None:
    survey = [
        {"type": "integer", "name": "n", "label": "N"},
        {"type": "begin group", "name": "house", "label": "H", "relevant": "${size} > 0"},
        {"type": "integer", "name": "size", "label": "Size"},
        {"type": "end group"},
    ]
    problem = _one_problem(_write(tmp_path, survey))
    assert problem.code == "forms.relevant_reads_inside"
    assert "reads 'size', which is inside 'house'" in problem.text("en")


def test_ordinary_skip_logic_is_no_cycle(tmp_path: Path) -> None:
    # Constraints and choice filters on themselves, siblings inside a group reading each
    # other in order, a repeat's questions reading their position: ODK accepts all.
    survey = [
        {"type": "integer", "name": "n", "label": "N", "constraint": ". > 0"},
        {"type": "begin group", "name": "g", "label": "G", "relevant": "${n} > 1"},
        {"type": "text", "name": "a", "label": "A", "required": "${n} > 2"},
        {"type": "text", "name": "b", "label": "B", "relevant": "${a} != ''"},
        {"type": "end group"},
        {"type": "select_one yn", "name": "pick", "label": "P", "choice_filter": "${pick} = ''"},
        {"type": "begin repeat", "name": "people", "label": "People", "relevant": "${b} != ''"},
        {"type": "text", "name": "who", "label": "W", "relevant": "position(..) > 1"},
        {"type": "calculate", "name": "seen", "calculation": "concat(${who}, ${n})"},
        {"type": "end repeat"},
        {"type": "calculate", "name": "total", "calculation": "count(${people})"},
        {"type": "text", "name": "last", "label": "L", "relevant": "${total} > 0"},
    ]
    choices = [{"list_name": "yn", "name": "yes", "label": "Yes"}]
    form = load_form(_write(tmp_path, survey, choices=choices))
    session = Session(form)
    session.set_answer(("n",), 3)
    session.set_answer(("g/a",), "x")
    assert session.state(("g/b",)).relevant and session.state(("last",)).relevant
