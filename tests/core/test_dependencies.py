"""One answer change re-evaluates only what depends on it: counted, not guessed.

A laptop must keep up with typing on a 500-question form, so the session ties each
expression to the answers it reads and, after a change, evaluates only those reached
directly or through calculations and relevance; inside repeats, only the instances the
change can reach. ``Session.evaluations`` counts every expression evaluation.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form, Question, QuestionType


def _form(tmp_path: Path, survey: list[dict[str, Any]]) -> Form:
    choices = [{"list_name": "yn", "name": name, "label": name} for name in ("yes", "no")]
    return load_form(write_xlsform(tmp_path / "form.xlsx", survey=survey, choices=choices))


def _evaluations(session: Session, ref: tuple[str | int, ...], value: object) -> int:
    before = session.evaluations
    session.set_answer(ref, value)  # type: ignore[arg-type]
    return session.evaluations - before


@pytest.fixture
def chain_form(tmp_path: Path) -> Form:
    return _form(
        tmp_path,
        [
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "calculate", "name": "b", "calculation": "${a} * 2"},
            {"type": "calculate", "name": "c", "calculation": "${b} + 1"},
            {"type": "text", "name": "d", "label": "D", "relevant": "${c} > 5"},
            {"type": "text", "name": "e", "label": "E", "constraint": "string-length(.) < 5"},
            {"type": "text", "name": "other", "label": "Other"},
            {"type": "text", "name": "f", "label": "F", "relevant": "${other} = 'x'"},
            {"type": "integer", "name": "g", "label": "G", "required": "${a} > 0"},
        ],
    )


def test_an_unrelated_change_evaluates_nothing(chain_form: Form) -> None:
    session = Session(chain_form)
    assert _evaluations(session, ("d",), "free text") == 0


def test_a_dependent_chain_evaluates_exactly_its_links(chain_form: Form) -> None:
    session = Session(chain_form)
    # b, c (calculations), d's relevance and g's required: four, nothing of e or f.
    assert _evaluations(session, ("a",), 3) == 4
    assert session.state(("c",)).value == "7"
    assert session.state(("d",)).relevant
    assert session.state(("g",)).required
    # Its own constraint, nothing else.
    assert _evaluations(session, ("e",), "abc") == 1
    assert _evaluations(session, ("other",), "x") == 1
    assert session.state(("f",)).relevant
    # The same value again is no change at all.
    assert _evaluations(session, ("a",), 3) == 0


def test_inside_a_repeat_only_the_changed_instance_is_evaluated(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "begin repeat", "name": "org", "label": "Organisation"},
            {"type": "integer", "name": "members", "label": "Members"},
            {"type": "calculate", "name": "big", "calculation": "${members} > 100"},
            {"type": "text", "name": "funding", "label": "Funding", "relevant": "${big} = 'true'"},
            {"type": "end repeat"},
            {"type": "calculate", "name": "all", "calculation": "sum(${members})"},
        ],
    )
    session = Session(form)
    for index in range(10):
        if index:
            session.add_repeat(("org",))
        session.set_answer(("org", index, "members"), 1)
    # big and funding's relevance in instance 4, and the sum outside: three.
    assert _evaluations(session, ("org", 4, "members"), 500) == 3
    assert session.state(("org", 4, "funding")).relevant
    assert not session.state(("org", 3, "funding")).relevant
    assert session.state(("all",)).value == "509"


def test_incremental_updates_agree_with_a_full_evaluation(tmp_path: Path) -> None:
    """Random answer sequences: the kept-up state equals a session built from scratch."""
    form = _form(
        tmp_path,
        [
            {"type": "integer", "name": "n", "label": "N"},
            {"type": "select_one yn", "name": "q", "label": "Q", "relevant": "${n} > 2"},
            {"type": "begin group", "name": "g", "label": "G", "relevant": "${q} = 'yes'"},
            {"type": "integer", "name": "x", "label": "X", "constraint": ". < ${n}"},
            {"type": "calculate", "name": "x2", "calculation": "${x} * ${n}"},
            {"type": "end group"},
            {"type": "begin repeat", "name": "r", "label": "R"},
            {"type": "integer", "name": "y", "label": "Y", "relevant": "${x2} != 6"},
            {"type": "calculate", "name": "z", "calculation": "${y} + ${x}"},
            {"type": "end repeat"},
            {"type": "calculate", "name": "total", "calculation": "sum(${z}) + count(${r})"},
            {"type": "text", "name": "t", "label": "T ${total}", "required": "${total} > 3"},
        ],
    )
    rng = random.Random(7)
    refs: list[tuple[str | int, ...]] = [("n",), ("q",), ("g/x",)]
    for _trial in range(6):
        session = Session(form)
        for _step in range(12):
            count = session.repeat_count(("r",))
            action = rng.random()
            if action < 0.15:
                session.add_repeat(("r",))
            elif action < 0.22 and count:
                session.remove_repeat(("r",), rng.randrange(count))
            else:
                ref = rng.choice(refs + [("r", i, "y") for i in range(count)])
                value: object = rng.choice(["yes", "no"]) if ref == ("q",) else rng.randint(0, 4)
                session.set_answer(ref, value)  # type: ignore[arg-type]
        fresh = Session(form, session.answers())
        for ref, element in session.walk():
            kept, rebuilt = session.state(ref), fresh.state(ref)
            assert kept == rebuilt, (ref, kept, rebuilt)
            if isinstance(element, Question) and element.type is QuestionType.CALCULATE:
                assert kept.value == rebuilt.value


def test_counting_or_numbering_a_repeat_ignores_answers_inside_it(tmp_path: Path) -> None:
    form = _form(
        tmp_path,
        [
            {"type": "begin repeat", "name": "visit", "label": "Visit"},
            {"type": "text", "name": "place", "label": "Place"},
            {"type": "calculate", "name": "number", "calculation": "position(..)"},
            {"type": "end repeat"},
            {"type": "calculate", "name": "visits", "calculation": "count(${visit})"},
        ],
    )
    session = Session(form)
    for _ in range(4):
        session.add_repeat(("visit",))
    assert _evaluations(session, ("visit", 2, "place"), "market") == 0
    assert session.state(("visits",)).value == "5"
    assert session.state(("visit", 4, "number")).value == "5"
