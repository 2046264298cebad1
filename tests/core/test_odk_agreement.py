"""fieldapp's form logic agrees with ODK's own engine, node by node.

For every corpus form pyxform converts, and for small forms written here to exercise
each function, seeded random answer sets (empty, partial, full, repeats grown) go
through one run of ODK's reference engine per form and through fieldapp's Session; the
relevance, required state, constraint and required verdicts and calculated values of
every node must be equal. Where they differ, the reference is right.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from odk_reference import (
    AnswerSet,
    generate,
    ref_of,
    reference_ready,
    run_reference_many,
    run_steps,
    with_removal_and_languages,
    xform_of,
)
from paths import corpus
from xlsform import EN, ES, write_xlsform

from fieldapp.core.forms.engine import Session, form_language_for
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form, Question, QuestionType, Repeat
from fieldapp.core.forms.values import is_empty, odk_string
from fieldapp.core.messages import FieldappError

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(reference_ready() is not None, reason=str(reference_ready())),
]

SETS_PER_FORM = 30
_CLOCK_FUNCTIONS = frozenset({"now", "uuid", "random", "once"})

YN = [
    {"list_name": "yn", "name": "yes", "label": "Yes", "zone": "n"},
    {"list_name": "yn", "name": "no", "label": "No", "zone": "s"},
    {"list_name": "yn", "name": "maybe", "label": "Maybe", "zone": "n"},
]

# Small forms that put each function and operator through both engines.
HANDWRITTEN: dict[str, dict[str, Any]] = {
    "strings_and_logic": {
        "survey": [
            {"type": "text", "name": "t", "label": "T"},
            {"type": "text", "name": "u", "label": "U"},
            {"type": "integer", "name": "n", "label": "N", "constraint": ". > -3 and . < 100"},
            {"type": "select_multiple yn", "name": "sm", "label": "SM"},
            {"type": "select_one yn", "name": "so", "label": "SO", "required": "${n} > 10"},
            {"type": "text", "name": "why", "label": "Why", "relevant": "selected(${sm}, 'no')"},
            {"type": "calculate", "name": "c1", "calculation": "concat(${t}, '-', ${u})"},
            {"type": "calculate", "name": "c2", "calculation": "string-length(${t}) + ${n}"},
            {"type": "calculate", "name": "c3", "calculation": "substr(${t}, 1, 3)"},
            {"type": "calculate", "name": "c4", "calculation": "if(${n} > 17, 'adult', 'minor')"},
            {"type": "calculate", "name": "c5", "calculation": "coalesce(${u}, ${t})"},
            {"type": "calculate", "name": "c6", "calculation": "count-selected(${sm})"},
            {"type": "calculate", "name": "c7", "calculation": "selected-at(${sm}, 0)"},
            {"type": "calculate", "name": "c8", "calculation": "contains(${t}, 'b') or ${n} = 0"},
            {"type": "calculate", "name": "c9", "calculation": "translate(${t}, 'abc', 'ABC')"},
            {"type": "calculate", "name": "c10", "calculation": "normalize-space(${u})"},
            {"type": "calculate", "name": "c11", "calculation": "starts-with(${t}, ${u})"},
            {"type": "calculate", "name": "c12", "calculation": "ends-with(${t}, 'c')"},
            {"type": "calculate", "name": "c13", "calculation": "regex(${t}, '^[0-9-]+$')"},
            {"type": "calculate", "name": "c14", "calculation": "${n} div 3"},
            {"type": "calculate", "name": "c15", "calculation": "${n} mod 7"},
            {"type": "calculate", "name": "c16", "calculation": "round(${n} div 7, 2)"},
            {"type": "calculate", "name": "c17", "calculation": "int(${n} div 4)"},
            {"type": "calculate", "name": "c18", "calculation": "pow(${n}, 2) + abs(${n})"},
            {"type": "calculate", "name": "c19", "calculation": "boolean-from-string(${t})"},
            {"type": "calculate", "name": "c20", "calculation": "not(${t} = ${u})"},
            {"type": "calculate", "name": "c21", "calculation": "number(${t}) + 1"},
            {"type": "calculate", "name": "c22", "calculation": "${t} < ${u}"},
            {"type": "calculate", "name": "c23", "calculation": "jr:choice-name(${so}, '${so}')"},
            {"type": "calculate", "name": "c24", "calculation": "join('|', ${sm}, ${so})"},
            {"type": "calculate", "name": "c25", "calculation": "substring-before(${t}, ' ')"},
            {"type": "calculate", "name": "c26", "calculation": "substring-after(${t}, 'b')"},
            {"type": "calculate", "name": "c27", "calculation": "max(${n}, 10) - min(${n}, 10)"},
            {"type": "calculate", "name": "c28", "calculation": "sqrt(abs(${n})) * 2"},
            {
                "type": "calculate",
                "name": "c29",
                "calculation": "count(instance('yn')/root/item[zone = 'n'])",
            },
            {
                "type": "calculate",
                "name": "c30",
                "calculation": "checklist(1, 2, ${t}, ${u}, ${n})",
            },
            {"type": "calculate", "name": "c31", "calculation": "${c14} * 3"},
            {"type": "calculate", "name": "c32", "calculation": "string(${n} = '')"},
            {"type": "calculate", "name": "c33", "calculation": "${why}"},
        ],
        "choices": YN,
    },
    "dates": {
        "survey": [
            {"type": "date", "name": "d", "label": "D", "constraint": ". <= today()"},
            {"type": "date", "name": "d2", "label": "D2", "relevant": "${d} != ''"},
            {"type": "time", "name": "tm", "label": "TM"},
            {"type": "dateTime", "name": "dt", "label": "DT"},
            {"type": "calculate", "name": "c1", "calculation": "today() - ${d}"},
            {"type": "calculate", "name": "c2", "calculation": "int((today() - ${d}) div 365.25)"},
            {"type": "calculate", "name": "c3", "calculation": "format-date(${d}, '%Y/%m/%d %b')"},
            {"type": "calculate", "name": "c4", "calculation": "${d2} > ${d}"},
            {"type": "calculate", "name": "c5", "calculation": "date(${d} + 30)"},
            {"type": "calculate", "name": "c6", "calculation": "decimal-date-time(${dt})"},
            {"type": "calculate", "name": "c7", "calculation": "decimal-time(${tm})"},
            {"type": "calculate", "name": "c8", "calculation": "format-date-time(${dt}, '%H:%M')"},
            {"type": "calculate", "name": "c9", "calculation": "${d} = today()"},
            {"type": "calculate", "name": "c10", "calculation": "date('2024-02-29') + 1"},
            {"type": "calculate", "name": "c11", "calculation": "format-date(today(), '%y%n%e')"},
            {"type": "calculate", "name": "c12", "calculation": "number(${d})"},
        ],
    },
    "numbers_and_more": {
        "survey": [
            {"type": "decimal", "name": "x", "label": "X"},
            {"type": "integer", "name": "n", "label": "N"},
            {"type": "text", "name": "t", "label": "T"},
            {"type": "geopoint", "name": "p1", "label": "P1"},
            {"type": "geopoint", "name": "p2", "label": "P2"},
            {"type": "select_one yn", "name": "so", "label": "SO"},
            {
                "type": "select_one yn",
                "name": "filtered",
                "label": "F",
                "choice_filter": "zone = 'n' or name = ${so}",
            },
            {"type": "calculate", "name": "c1", "calculation": "floor(${x}) + ceiling(${x})"},
            {"type": "calculate", "name": "c2", "calculation": "round(exp(1) * ${n}, 3)"},
            {"type": "calculate", "name": "c3", "calculation": "round(log10(abs(${x}) + 1), 6)"},
            {"type": "calculate", "name": "c4", "calculation": "round(log(${n} + 1), 4)"},
            {"type": "calculate", "name": "c5", "calculation": "exp10(${n} mod 4)"},
            {"type": "calculate", "name": "c6", "calculation": "round(sin(${x}) + cos(${x}), 6)"},
            {"type": "calculate", "name": "c7", "calculation": "round(tan(${x}) * atan(${x}), 6)"},
            {"type": "calculate", "name": "c8", "calculation": "round(atan2(${x}, ${n}), 6)"},
            {"type": "calculate", "name": "c9", "calculation": "round(asin(0.5) + acos(0.5), 6)"},
            {"type": "calculate", "name": "c10", "calculation": "pi() * ${x}"},
            {"type": "calculate", "name": "c11", "calculation": "boolean(${t}) and true()"},
            {"type": "calculate", "name": "c12", "calculation": "string(${x} * 2)"},
            {"type": "calculate", "name": "c13", "calculation": "substring(${t}, 2, 2)"},
            {"type": "calculate", "name": "c14", "calculation": "number(${t}) * 2"},
            {"type": "calculate", "name": "c15", "calculation": "${x} - ${n} * 2 div 3"},
            {"type": "calculate", "name": "c16", "calculation": "-${x}"},
            {"type": "calculate", "name": "c17", "calculation": "${x} >= ${n} or false()"},
            {"type": "calculate", "name": "c18", "calculation": "${x} != ${n} and ${t} = ''"},
            {
                "type": "calculate",
                "name": "c19",
                "calculation": "if(${p1} != '' and ${p2} != '', distance(${p1}, ${p2}), -1)",
            },
            {"type": "calculate", "name": "c20", "calculation": "digest(${t}, 'SHA-256', 'hex')"},
            {
                "type": "calculate",
                "name": "c21",
                "calculation": "base64-decode('aG9sYSBtdW5kbw==')",
            },
            {
                "type": "calculate",
                "name": "c22",
                "calculation": "weighted-checklist(2, -1, ${t}, 1, ${n}, 2, ${x}, 1)",
            },
            {"type": "calculate", "name": "c23", "calculation": "date-time('2024-06-01T08:30:00')"},
            {"type": "calculate", "name": "c25", "calculation": "int(${x}) = ${x}"},
            {"type": "calculate", "name": "c26", "calculation": "sum(${x}) + count(${n})"},
            {
                "type": "calculate",
                "name": "c27",
                "calculation": "instance('yn')/root/item[name = ${so}]/zone",
            },
            {"type": "calculate", "name": "c28", "calculation": "${filtered}"},
            {"type": "calculate", "name": "c29", "calculation": "${x} div 0"},
            {"type": "calculate", "name": "c30", "calculation": "0 div 0 = 0 div 0"},
        ],
        "choices": YN,
    },
    "decimal_text": {
        "survey": [
            {"type": "decimal", "name": "x", "label": "X"},
            {"type": "calculate", "name": "shown", "calculation": "concat('[', ${x}, ']')"},
        ],
    },
    "repeats": {
        "survey": [
            {"type": "integer", "name": "min_age", "label": "Min"},
            {"type": "begin repeat", "name": "people", "label": "People"},
            {"type": "text", "name": "name", "label": "Name", "required": "yes"},
            {"type": "integer", "name": "age", "label": "Age", "constraint": ". >= ${min_age}"},
            {"type": "text", "name": "job", "label": "Job", "relevant": "${age} >= 18"},
            {"type": "calculate", "name": "pos", "calculation": "position(..)"},
            {"type": "calculate", "name": "older", "calculation": "${age} > ${min_age}"},
            {
                "type": "calculate",
                "name": "prev",
                "calculation": "if(position(..) > 1, "
                "indexed-repeat(${name}, ${people}, position(..) - 1), 'none')",
            },
            {"type": "end repeat"},
            {"type": "calculate", "name": "n", "calculation": "count(${people})"},
            {"type": "calculate", "name": "total", "calculation": "sum(${age})"},
            {
                "type": "calculate",
                "name": "first",
                "calculation": "indexed-repeat(${name}, ${people}, 1)",
            },
            {"type": "calculate", "name": "adults", "calculation": "count(${people}[age >= 18])"},
            {"type": "calculate", "name": "names", "calculation": "join(', ', ${name})"},
            {"type": "calculate", "name": "oldest", "calculation": "max(${age})"},
            {
                "type": "calculate",
                "name": "nonempty",
                "calculation": "count-non-empty(${job})",
            },
        ],
    },
}


@contextmanager
def tijuana_time() -> Iterator[None]:
    """Both engines run in Tijuana's time zone, where summer time moves dates by an hour."""
    saved = os.environ.get("TZ")
    if hasattr(time, "tzset"):
        os.environ["TZ"] = "America/Tijuana"
        time.tzset()
    try:
        yield
    finally:
        if hasattr(time, "tzset"):
            if saved is None:
                os.environ.pop("TZ", None)
            else:
                os.environ["TZ"] = saved
            time.tzset()


def _corpus_forms() -> list[Path]:
    return corpus("valid")


@pytest.fixture(scope="module")
def agreement(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Convert every form, generate its answer sets, run them all through the reference.

    Both engines run in Tijuana's time zone, where summer time moves dates by an hour."""
    with tijuana_time():
        return _prepare(tmp_path_factory.mktemp("odk-agreement"))


def _prepare(work: Path) -> dict[str, Any]:
    sources: dict[str, Path] = {f"corpus/{p.name}": p for p in _corpus_forms()}
    for name, sheets in HANDWRITTEN.items():
        sources[f"handwritten/{name}"] = write_xlsform(work / f"{name}.xlsx", **sheets)
    prepared: dict[str, Any] = {}
    jobs: list[tuple[str, Path, Form, list[AnswerSet]]] = []
    for name, path in sources.items():
        try:
            xform = xform_of(path, work)
        except Exception as error:  # a form pyxform does not convert is out of scope
            prepared[name] = f"pyxform does not convert it: {error}"
            continue
        form = load_form(path)
        jobs.append((name, xform, form, generate(form, SETS_PER_FORM, seed=name)))
    states = run_reference_many([(x, [s.reference for s in sets]) for _, x, _, sets in jobs], work)
    for (name, _, form, sets), result in zip(jobs, states, strict=True):
        prepared[name] = result if isinstance(result, Exception) else (form, sets, result)
    return prepared


# Differences found and not yet fixed, each with where the fix belongs.
KNOWN_DIFFERENCES: dict[str, str] = {}
FORM_NAMES = [
    pytest.param(
        name,
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name])]
        if name in KNOWN_DIFFERENCES
        else [],
    )
    for name in [f"corpus/{p.name}" for p in _corpus_forms()]
    + [f"handwritten/{n}" for n in HANDWRITTEN]
]


@pytest.mark.parametrize("name", FORM_NAMES)
def test_fieldapp_agrees_with_odk(name: str, agreement: dict[str, Any]) -> None:
    prepared = agreement[name]
    if isinstance(prepared, str):
        pytest.skip(prepared)
    if isinstance(prepared, Exception):
        pytest.fail(str(prepared))
    form, sets, states = prepared
    mismatches: list[str] = []
    for number, (answer_set, reference) in enumerate(zip(sets, states, strict=True)):
        found = _compare(form, answer_set.session, reference)
        mismatches.extend(f"set {number}: {m}" for m in found)
    assert not mismatches, f"{len(mismatches)} differences, first: " + "\n".join(mismatches[:15])


def _compare(form: Form, session: Session, reference: dict[str, Any]) -> list[str]:
    found: list[str] = []
    problems = {(problem.ref, problem.kind) for problem in session.problems()}
    for path, expected in reference.items():
        if path == form.root.path or path.startswith(f"{form.root.path}/meta"):
            continue
        mapped = ref_of(form, path)
        try:
            if mapped is None:
                raise LookupError(path)
            ref, element = mapped
            state = session.state(ref)
        except (LookupError, FieldappError) as error:
            # what is not relevant is not shown nor kept: whether it exists does not matter
            if expected["relevant"]:
                found.append(f"{path}: fieldapp has no such node: {error}")
            continue
        if state.relevant != expected["relevant"]:
            found.append(f"{path}: relevant {state.relevant} != {expected['relevant']}")
            continue
        if not isinstance(element, Question) or not state.relevant:
            continue
        if state.required != expected["required"]:
            found.append(f"{path}: required {state.required} != {expected['required']}")
        if isinstance(element, Repeat):
            continue
        computed = element.bind.calculation is not None
        if _value_comparable(element):
            mine, theirs = odk_string(state.value), _text(expected["value"])
            if mine != theirs:
                found.append(f"{path}: value {mine!r} != {theirs!r} ({_calculation(element)})")
        if expected["constraint_ok"] is not None and element.type is not QuestionType.NOTE:
            constraint_ok = (ref, "constraint") not in problems
            if constraint_ok != expected["constraint_ok"]:
                found.append(
                    f"{path}: constraint ok {constraint_ok} != {expected['constraint_ok']} "
                    f"(value {state.value!r})"
                )
        if expected["required_ok"] is not None and not computed:
            required_ok = not (state.required and is_empty(state.value))
            if required_ok != expected["required_ok"]:
                found.append(f"{path}: required ok {required_ok} != {expected['required_ok']}")
    return found


def _value_comparable(element: Question) -> bool:
    """Whether both engines show this value the same way (the reference shows a geopoint
    as an object, a trace or shape as a list of them: the instance XML compares those) and
    it does not depend on the moment it was computed."""
    kind = element.type
    return not (kind.is_metadata or kind in _GEO or _clock_dependent(element))


_GEO = frozenset({QuestionType.GEOPOINT, QuestionType.GEOTRACE, QuestionType.GEOSHAPE})


def _clock_dependent(element: Question) -> bool:
    expression = element.bind.calculation
    return expression is not None and bool(expression.function_names & _CLOCK_FUNCTIONS)


def _calculation(element: Question) -> str:
    expression = element.bind.calculation
    return expression.text if expression is not None else ""


def _text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "OK"  # an acknowledge, which the reference reports as a boolean
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


# --- explicit steps: removing repeat instances, switching languages ------------------------

BILINGUAL_YN = [
    {"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí", "zone": "n"},
    {"list_name": "yn", "name": "no", EN: "No", ES: "No", "zone": "s"},
    {"list_name": "yn", "name": "maybe", EN: "Maybe", ES: "Quizás", "zone": "n"},
]
PEOPLE = [
    {"type": "begin repeat", "name": "people", EN: "People", ES: "Personas"},
    {"type": "text", "name": "name", EN: "Name", ES: "Nombre"},
    {"type": "integer", "name": "age", EN: "Age", ES: "Edad"},
    {"type": "calculate", "name": "pos", "calculation": "position(..)"},
    {
        "type": "calculate",
        "name": "prev",
        "calculation": "if(position(..) > 1, "
        "indexed-repeat(${name}, ${people}, position(..) - 1), '')",
    },
    {"type": "text", "name": "adult_job", EN: "Job", ES: "Trabajo", "relevant": "${age} >= 18"},
    {"type": "end repeat"},
    {"type": "calculate", "name": "n", "calculation": "count(${people})"},
    {"type": "calculate", "name": "total", "calculation": "sum(${age})"},
    {"type": "calculate", "name": "names", "calculation": "join(' ', ${name})"},
    {
        "type": "calculate",
        "name": "last_name",
        "calculation": "indexed-repeat(${name}, ${people}, ${n})",
    },
]
STEPPED: dict[str, dict[str, Any]] = {
    "removal_and_language": {
        "sheets": {
            "survey": [
                {"type": "select_one yn", "name": "q", EN: "Q", ES: "P"},
                {
                    "type": "calculate",
                    "name": "said",
                    "calculation": "jr:choice-name(${q}, '${q}')",
                },
                {
                    "type": "calculate",
                    "name": "said_item",
                    "calculation": "instance('yn')/root/item[name = ${q}]/label",
                },
                *PEOPLE,
            ],
            "choices": BILINGUAL_YN,
            "settings": {"default_language": "English (en)"},
        },
        "runs": [
            [
                ["set", "/data/q", "yes"],
                ["add", "/data/people", 3],
                ["set", "/data/people[1]/name", "Ana"],
                ["set", "/data/people[1]/age", "30"],
                ["set", "/data/people[2]/name", "Beto"],
                ["set", "/data/people[2]/age", "12"],
                ["set", "/data/people[3]/name", "Ceci"],
                ["set", "/data/people[3]/age", "45"],
                ["set", "/data/people[4]/name", "Dora"],
                ["lang", "es"],
                ["remove", "/data/people", 1],
                ["set", "/data/people[2]/age", "17"],
                ["remove", "/data/people", 2],
            ],
            [
                ["set", "/data/q", "maybe"],
                ["lang", "es"],
                ["set", "/data/q", "yes"],
                ["lang", "en"],
                ["set", "/data/people[1]/name", "Eva"],
                ["remove", "/data/people", 0],
                ["add", "/data/people", 2],
                ["set", "/data/people[2]/age", "20"],
                ["lang", "es"],
            ],
        ],
    },
    "nested_repeats_added_later": {
        "sheets": {
            "survey": [
                {"type": "begin repeat", "name": "household", "label": "Household"},
                {"type": "text", "name": "address", "label": "Address"},
                {"type": "begin repeat", "name": "person", "label": "Person"},
                {"type": "integer", "name": "age", "label": "Age"},
                {"type": "end repeat"},
                {"type": "calculate", "name": "members", "calculation": "count(${person})"},
                {"type": "end repeat"},
                {"type": "calculate", "name": "people", "calculation": "count(${person})"},
                {"type": "calculate", "name": "ages", "calculation": "sum(${age})"},
            ],
        },
        "runs": [
            [
                ["add", "/data/household", 2],
                ["set", "/data/household[1]/person[1]/age", "40"],
                ["set", "/data/household[2]/address", "Calle 5"],
                ["add", "/data/household[2]/person", 2],
                ["set", "/data/household[2]/person[2]/age", "7"],
                ["remove", "/data/household", 0],
            ],
        ],
    },
    "filters_defaults_and_duplicates": {
        "sheets": {
            "survey": [
                {"type": "select_one city", "name": "city", "label": "City"},
                {
                    "type": "select_one place",
                    "name": "place",
                    "label": "Place",
                    "choice_filter": "city = ${city}",
                },
                {"type": "calculate", "name": "picked", "calculation": "${place}"},
                {"type": "date", "name": "when", "label": "When", "default": "1900-01-01 00:00:00"},
                {
                    "type": "calculate",
                    "name": "when_text",
                    "calculation": "concat('[', ${when}, ']')",
                },
            ],
            "choices": [
                {"list_name": "city", "name": "tij", "label": "Tijuana"},
                {"list_name": "city", "name": "mty", "label": "Monterrey"},
                {"list_name": "place", "name": "centro", "label": "Centro TIJ", "city": "tij"},
                {"list_name": "place", "name": "centro", "label": "Centro MTY", "city": "mty"},
                {"list_name": "place", "name": "playas", "label": "Playas", "city": "tij"},
            ],
            "settings": {"allow_choice_duplicates": "yes"},
        },
        "runs": [
            [["set", "/data/city", "mty"], ["set", "/data/place", "centro"]],
            [["set", "/data/city", "tij"], ["set", "/data/place", "playas"]],
            [],
        ],
    },
    "flat_settings_and_text_parameters": {
        "sheets": {
            "survey": [
                {"type": "integer", "name": "a", "label": "A", "parameters": "rows=3"},
                {"type": "begin group", "name": "g", "label": "G", "relevant": "${a} > 1"},
                {"type": "text", "name": "b", "label": "B", "relevant": "${a} < 5"},
                {"type": "date", "name": "d", "label": "D", "parameters": "max=5"},
                {"type": "end group"},
                {"type": "calculate", "name": "c", "calculation": "concat(${a}, '-', ${b})"},
            ],
            "settings": {"form_id": "flat_form", "flat": "TRUE"},
        },
        "runs": [
            [["set", "/data/a", "3"], ["set", "/data/b", "x"]],
            [["set", "/data/a", "7"], ["set", "/data/b", "y"]],
            [["set", "/data/b", "z"], ["set", "/data/a", "0"]],
        ],
    },
    "geojson_and_xml_choice_files": {
        "files": {
            "sites.geojson": json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "id": "plaza",
                            "geometry": {"type": "Point", "coordinates": [-117.03, 32.5]},
                            "properties": {"title": "Plaza", "zone": "centro"},
                        },
                        {
                            "type": "Feature",
                            "geometry": {
                                "type": "LineString",
                                "coordinates": [[-106.42, 31.69], [-106.0, 31]],
                            },
                            "properties": {"id": "puente", "title": "Puente", "zone": "norte"},
                        },
                    ],
                }
            ),
            "orgs.xml": "<root><item><name>o1</name><label>Red</label><city>tij</city></item>"
            "<item><name>o2</name><label>Norte</label><city>cj</city></item>"
            "<item><name>o3</name><label>Plan</label><city>tij</city></item></root>",
        },
        "sheets": {
            "survey": [
                {"type": "select_one_from_file sites.geojson", "name": "site", "label": "Site"},
                {
                    "type": "calculate",
                    "name": "where",
                    "calculation": "instance('sites')/root/item[id = ${site}]/geometry",
                },
                {
                    "type": "calculate",
                    "name": "zone",
                    "calculation": "instance('sites')/root/item[id = ${site}]/zone",
                },
                {"type": "select_one city", "name": "city", "label": "City"},
                {
                    "type": "select_multiple_from_file orgs.xml",
                    "name": "orgs",
                    "label": "Organisations",
                    "choice_filter": "city = ${city}",
                },
                {"type": "calculate", "name": "picked", "calculation": "count-selected(${orgs})"},
                {
                    "type": "calculate",
                    "name": "offered",
                    "calculation": "count(instance('orgs')/root/item[city = ${city}])",
                },
            ],
            "choices": [
                {"list_name": "city", "name": "tij", "label": "Tijuana"},
                {"list_name": "city", "name": "cj", "label": "Ciudad Juárez"},
            ],
        },
        "runs": [
            [["set", "/data/site", "plaza"], ["set", "/data/city", "tij"]],
            [
                ["set", "/data/site", "puente"],
                ["set", "/data/city", "tij"],
                ["set", "/data/orgs", ["o1", "o3"]],
            ],
        ],
    },
}


@pytest.fixture(scope="module")
def stepped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("odk-steps")
    forms: dict[str, tuple[Path, Form]] = {}
    for name, case in STEPPED.items():
        for file_name, content in case.get("files", {}).items():
            (work / file_name).write_text(content, encoding="utf-8")
        path = write_xlsform(work / f"{name}.xlsx", **case["sheets"])
        forms[name] = (xform_of(path, work), load_form(path))
    states = run_steps([(forms[n][0], STEPPED[n]["runs"]) for n in STEPPED], work)
    return {name: (forms[name][1], runs) for name, runs in zip(STEPPED, states, strict=True)}


def _apply(form: Form, steps: list[list[Any]]) -> Session:
    session = Session(form)
    for kind, where, *value in steps:
        if kind == "lang":
            session.set_language(form_language_for(form, where))
            continue
        mapped = ref_of(form, where)
        assert mapped is not None, where
        ref = mapped[0]
        if kind == "add":
            for _ in range(int(value[0])):
                session.add_repeat(ref)
        elif kind == "remove":
            session.remove_repeat(ref, int(value[0]))
        else:
            session.set_answer(ref, value[0])
    return session


@pytest.mark.parametrize("name", list(STEPPED))
def test_fieldapp_agrees_with_odk_through_removals_and_language_switches(
    name: str, stepped: dict[str, Any]
) -> None:
    form, states = stepped[name]
    mismatches: list[str] = []
    for number, (steps, reference) in enumerate(zip(STEPPED[name]["runs"], states, strict=True)):
        assert "error" not in reference, reference
        session = _apply(form, steps)
        mismatches += [f"run {number}: {m}" for m in _compare(form, session, reference)]
    assert not mismatches, f"{len(mismatches)} differences:\n" + "\n".join(mismatches[:15])


# --- the corpus through the same kinds of steps ---------------------------------------------

STEPPED_SETS_PER_FORM = 8


@pytest.fixture(scope="module")
def corpus_stepped(agreement: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Each corpus and handwritten form's first answer sets again, with the language switched
    halfway and back and one repeat instance removed, where the form has them."""
    work = tmp_path_factory.mktemp("odk-corpus-steps")
    with tijuana_time():
        runs: dict[str, tuple[Path, Form, list[list[list[Any]]]]] = {}
        sources: dict[str, Path] = {f"corpus/{p.name}": p for p in _corpus_forms()}
        for name, sheets in HANDWRITTEN.items():
            sources[f"handwritten/{name}"] = write_xlsform(work / f"{name}.xlsx", **sheets)
        for name, path in sources.items():
            prepared = agreement.get(name)
            if not isinstance(prepared, tuple):
                continue  # pyxform does not convert it, or the reference failed on it
            form, sets, _ = prepared
            rng = random.Random(f"steps {name}")
            chosen = sets[:STEPPED_SETS_PER_FORM]
            found = [with_removal_and_languages(form, s, rng) for s in chosen]
            kept = [steps for steps in found if steps is not None]
            if kept:
                runs[name] = (xform_of(path, work), form, kept)
        states = run_steps([(xform, steps) for xform, _, steps in runs.values()], work)
        return {
            name: [
                (steps, _apply(form, steps), reference)
                for steps, reference in zip(its_runs, its_states, strict=True)
            ]
            for (name, (_, form, its_runs)), its_states in zip(runs.items(), states, strict=True)
        }


@pytest.mark.parametrize("name", FORM_NAMES)
def test_fieldapp_agrees_with_odk_on_the_corpus_through_removals_and_language_switches(
    name: str, agreement: dict[str, Any], corpus_stepped: dict[str, Any]
) -> None:
    if name not in corpus_stepped:
        pytest.skip("no second language and no repeat to remove from, or not converted")
    form = agreement[name][0]
    mismatches: list[str] = []
    for number, (steps, session, reference) in enumerate(corpus_stepped[name]):
        assert "error" not in reference, f"{reference.get('error')} after {steps}"
        mismatches += [f"run {number}: {m}" for m in _compare(form, session, reference)]
    assert not mismatches, f"{len(mismatches)} differences:\n" + "\n".join(mismatches[:15])
