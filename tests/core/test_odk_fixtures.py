"""ODK's own fixture forms (what ODK Web Forms and JavaRosa test their engines with) as a
peer suite: every one loads through the XForm path, or is refused with the message and
reason listed in ``odk_fixture_refusals.json``. Read from ``../shared``, never copied."""

from __future__ import annotations

import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from odk_edit import reference_ready, run_jobs
from odk_fixtures import FIXTURES, REFUSALS, fixture_forms
from odk_reference import AnswerSet, generate, run_steps, with_removal_and_languages
from test_instance_xml import agreement_jobs, differences
from test_odk_agreement import _apply, _compare, tijuana_time

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Question
from fieldapp.core.forms.pyxform_stages import FormError

pytestmark = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"no ODK fixture forms at {FIXTURES} (../shared absent)"
)


def test_the_fixtures_are_there() -> None:
    forms = fixture_forms()
    assert len(forms) >= 131
    assert set(REFUSALS) <= set(forms), "a listed refusal names no fixture form"


@pytest.mark.parametrize("name", fixture_forms())
def test_each_fixture_loads_or_is_refused_as_listed(name: str) -> None:
    path = FIXTURES / name
    listed = REFUSALS.get(name)
    if listed is not None:
        with pytest.raises(FormError) as refused:
            load_form(path)
        assert listed["code"] in {p.code for p in refused.value.problems}
        assert "Traceback" not in refused.value.text()
        return
    form = load_form(path)
    assert form.root.path.count("/") == 1
    session = Session(form)  # a new interview opens: every expression evaluates once
    assert session.problems() is not None


# --- the agreement suite on the fixtures ------------------------------------------------------

SETS_PER_FORM = 4
# Forms the reference engine itself cannot run (fieldapp loads them: JavaRosa reads them).
REFERENCE_CANNOT_RUN = {
    "test-javarosa/resources/countNonEmptyForm.xml": "no default namespace: './xf:model'",
    "test-javarosa/resources/formindex-serialization.xml": "no default namespace",
    "test-javarosa/resources/populate-nodes-attributes.xml": "no default namespace",
    "test-javarosa/resources/template-repeat.xml": "no default namespace",
    "test-javarosa/resources/ImageSelectTester.xml": "'./*[@id]' fails in its evaluator",
    "select/5-select-types.xml": "selects of type int are not supported by Web Forms",
    "test-web-forms/simple-dag-cycle.xml": "a cycle: refused at load (compile-time refusal "
    "of cycles is #13a's)",
    "test-javarosa/resources/eIMCI-by-D-Tree.xml": "'Unexpected body element for nodeset "
    "/imci/other_treatment/cough' (a body group over a leaf node): Web Forms refuses it, "
    "JavaRosa reads it",
}
# Differences found and not fixed, each with where the fix belongs; strict: a fixed one fails.
KNOWN_DIFFERENCES: dict[str, str] = {}
# Where ODK's engine, loading its own instance XML back as an edit, loses what it held: the
# written XML is compared in full, and only these losses are set aside.
ODK_EDIT_LOSES = {
    "repeats/13-repeat-count.xml": (
        "edit lost /root/rep[",
        "a repeat whose count is not a number ('Juárez') keeps its instances while the "
        "interview runs, yet an edit starts it from none (Web Forms counts from 0 and keeps "
        "that count when the number is not one)",
    ),
}


def agreeing_forms() -> list[str]:
    """Every fixture form fieldapp loads, the two large timing forms of ``performance/``
    among them (the generator keeps a repeat count small: their cost is the engine's, which
    benchmarks/ measures)."""
    return [name for name in fixture_forms() if name not in REFUSALS]


@pytest.fixture(scope="module")
def fixture_agreement(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Generate answer sets for every fixture form and run them all through the reference."""
    with tijuana_time():
        work = tmp_path_factory.mktemp("odk-fixtures")
        plans: list[tuple[str, Any, list[AnswerSet], list[bytes], int]] = []
        jobs: list[dict[str, Any]] = []
        for name in agreeing_forms():
            form = load_form(FIXTURES / name)
            sets = generate(form, SETS_PER_FORM, seed=name)
            # per set: answered in the reference, then our instance XML loaded as an edit
            its_jobs, ours = agreement_jobs(name.replace("/", "-"), FIXTURES / name, form, sets)
            plans.append((name, form, sets, ours, len(jobs)))
            jobs += its_jobs
        steps = _steps_of(plans)
        # Three Node processes at once: the created-and-edited runs, in two halves split
        # between forms (each process parses a form once), and the stepped runs; all are
        # independent, and fieldapp's side of them is done in this thread.
        half = _between_forms(jobs, len(jobs) // 2)
        (work / "first").mkdir()
        (work / "second").mkdir()
        with ThreadPoolExecutor(max_workers=3) as pool:
            first = pool.submit(run_jobs, jobs[:half], work / "first")
            second = pool.submit(run_jobs, jobs[half:], work / "second")
            reference_steps = pool.submit(run_steps, [(FIXTURES / n, r) for n, r in steps], work)
            results = first.result() + second.result()
            step_states = reference_steps.result()
        stepped = _stepped_runs(plans, steps, step_states)
    return {
        name: Agreement(
            form,
            sets,
            ours,
            results[start : start + 2 * len(sets) : 2],
            results[start + 1 : start + 2 * len(sets) : 2],
            stepped.get(name, []),
        )
        for name, form, sets, ours, start in plans
    }


def _between_forms(jobs: list[dict[str, Any]], near: int) -> int:
    """The first index at or after ``near`` where the jobs move on to another form."""
    while 0 < near < len(jobs) and jobs[near]["form"] == jobs[near - 1]["form"]:
        near += 1
    return near


def _steps_of(
    plans: list[tuple[str, Any, list[AnswerSet], list[bytes], int]],
) -> list[tuple[str, list[list[list[Any]]]]]:
    """Each set's steps again with a language switch and a repeat instance removed (where
    the form has them), for the reference's step runner and for fieldapp."""
    runs: list[tuple[str, list[list[list[Any]]]]] = []
    for name, form, sets, _, _ in plans:
        if name in REFERENCE_CANNOT_RUN:
            continue
        rng = random.Random(f"steps {name}")
        found = [with_removal_and_languages(form, s, rng) for s in sets]
        kept = [steps for steps in found if steps is not None]
        if kept:
            runs.append((name, kept))
    return runs


def _stepped_runs(
    plans: list[tuple[str, Any, list[AnswerSet], list[bytes], int]],
    steps: list[tuple[str, list[list[list[Any]]]]],
    states: list[list[Any]],
) -> dict[str, list[tuple[list[list[Any]], Any, dict[str, Any]]]]:
    """Each form's stepped runs: the steps, fieldapp's session after them, the reference's
    node states after them."""
    forms = {name: form for name, form, *_ in plans}
    return {
        name: [
            (its_steps, _apply(forms[name], its_steps), reference)
            for its_steps, reference in zip(runs, its_states, strict=True)
        ]
        for (name, runs), its_states in zip(steps, states, strict=True)
    }


@dataclass
class Agreement:
    form: Any
    sets: list[AnswerSet]
    ours: list[bytes]
    """fieldapp's instance XML of each set."""
    created: list[dict[str, Any]]
    """The reference's node states and instance XML after each set's steps."""
    edited: list[dict[str, Any]]
    """The reference's node states after loading ``ours`` as an edit."""
    stepped: list[tuple[list[list[Any]], Any, dict[str, Any]]]
    """Runs with a language switch and a repeat removal: steps, fieldapp's session after
    them, the reference's node states after them."""


def _fixture_params() -> list[Any]:
    params = []
    for name in agreeing_forms():
        marks = []
        if name in KNOWN_DIFFERENCES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_DIFFERENCES[name]))
        params.append(pytest.param(name, marks=marks))
    return params


@pytest.mark.slow
@pytest.mark.skipif(reference_ready() is not None, reason=str(reference_ready()))
@pytest.mark.parametrize("name", _fixture_params())
def test_fieldapp_agrees_with_odk_on_its_fixture(
    name: str, fixture_agreement: dict[str, Any]
) -> None:
    agreement = fixture_agreement[name]
    form, sets, results = agreement.form, agreement.sets, agreement.created
    if name in REFERENCE_CANNOT_RUN:
        assert any("error" in r for r in results), "the reference runs it now: compare it"
        return
    mismatches: list[str] = []
    for number, (answer_set, result) in enumerate(zip(sets, results, strict=True)):
        assert "error" not in result, result.get("error")
        for line in _compare(form, answer_set.session, result["states"]):
            if not _identity_or_moment(form, line.split(": ", 1)[0]):
                mismatches.append(f"set {number}: {line}")
    assert not mismatches, f"{len(mismatches)} differences:\n" + "\n".join(mismatches[:15])


@pytest.mark.slow
@pytest.mark.skipif(reference_ready() is not None, reason=str(reference_ready()))
@pytest.mark.parametrize("name", _fixture_params())
def test_fieldapp_agrees_with_odk_through_removals_and_language_switches(
    name: str, fixture_agreement: dict[str, Any]
) -> None:
    """The answer sets again, with the form's language switched halfway and back and one
    instance of a repeat removed: both engines hold the same states after it."""
    agreement = fixture_agreement[name]
    if name in REFERENCE_CANNOT_RUN:
        pytest.skip(REFERENCE_CANNOT_RUN[name])
    if not agreement.stepped:
        pytest.skip("one language and no repeat to remove from: the plain runs cover it")
    mismatches: list[str] = []
    for number, (steps, session, reference) in enumerate(agreement.stepped):
        assert "error" not in reference, f"{reference.get('error')} after {steps}"
        for line in _compare(agreement.form, session, reference):
            if not _identity_or_moment(agreement.form, line.split(": ", 1)[0]):
                mismatches.append(f"run {number}: {line}")
    assert not mismatches, f"{len(mismatches)} differences:\n" + "\n".join(mismatches[:15])


@pytest.mark.slow
@pytest.mark.skipif(reference_ready() is not None, reason=str(reference_ready()))
def test_the_stepped_runs_remove_instances_and_switch_languages(
    fixture_agreement: dict[str, Any],
) -> None:
    """The stepped runs are not vacuous: across the fixtures they remove repeat instances,
    switch languages, and some do both in one run."""
    runs = [steps for a in fixture_agreement.values() for steps, _, _ in a.stepped]
    kinds = [{step[0] for step in steps} for steps in runs]
    assert sum("remove" in k for k in kinds) >= 20
    assert sum("lang" in k for k in kinds) >= 20
    assert any({"remove", "lang"} <= k for k in kinds)


def _identity_or_moment(form: Any, path: str) -> bool:
    """Whether the node at ``path`` is an id or a moment ODK fills itself (differs per run)."""
    plain = re.sub(r"\[\d+\]", "", path)
    try:
        element = form.element(plain)
    except KeyError:
        return False
    return isinstance(element, Question) and (
        element.type.is_metadata or bool(element.bind.preload)
    )


@pytest.mark.slow
@pytest.mark.skipif(reference_ready() is not None, reason=str(reference_ready()))
@pytest.mark.parametrize("name", _fixture_params())
def test_odk_writes_our_instance_xml_and_reads_it_back(
    name: str, fixture_agreement: dict[str, Any]
) -> None:
    """For each answer set: the instance XML fieldapp writes is the one ODK's engine writes,
    and ODK, loading it as an edit of the same form, holds the same values."""
    agreement = fixture_agreement[name]
    if name in REFERENCE_CANNOT_RUN:
        pytest.skip(REFERENCE_CANNOT_RUN[name])
    problems: list[str] = []
    for number, xml in enumerate(agreement.ours):
        created, edited = agreement.created[number], agreement.edited[number]
        found = differences(agreement.form, xml, created, edited)
        if name in ODK_EDIT_LOSES:
            found = [line for line in found if not line.startswith(ODK_EDIT_LOSES[name][0])]
        problems += [f"set {number}: {line}" for line in found]
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:15])
