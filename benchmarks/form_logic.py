"""Form logic speed: one answer change against re-evaluating the whole form.

Generates a form of 500 questions with 200 relevance and 50 calculation expressions (in
groups and a repeat, as the study's forms are built), then prints:

- the time to load it (XLSForm -> Form) and to start a session on it;
- the median time of one incremental update (``Session.set_answer`` on a random question);
- the median time of a full re-evaluation (``Session.reevaluate``) of the same session;
- their ratio (goal: at most 0.05, i.e. a change costs under 5% of evaluating everything).

Run: ``.venv/bin/python benchmarks/form_logic.py [--changes N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openpyxl import Workbook

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fieldapp.core.forms.engine import Session  # noqa: E402
from fieldapp.core.forms.loader import load_form  # noqa: E402
from fieldapp.core.forms.model import Question, QuestionType  # noqa: E402

QUESTIONS = 500
RELEVANCES = 200
CALCULATIONS = 50
GOAL = 0.05


def survey_rows(rng: random.Random) -> list[dict[str, Any]]:
    """Return the survey sheet: 10 groups of 45 questions, a repeat of 50, logic spread."""
    rows: list[dict[str, Any]] = []
    names: list[str] = []
    relevant_at = set(rng.sample(range(20, QUESTIONS), RELEVANCES))
    calculate_after = set(rng.sample(range(10, QUESTIONS), CALCULATIONS))
    calculations: list[str] = []
    number = 0

    def question(index: int, in_repeat: bool) -> None:
        name = f"q{index}"
        kind = ("integer", "text", "select_one yn")[index % 3]
        row: dict[str, Any] = {"type": kind, "name": name, "label": f"Question {index}"}
        if index in relevant_at:
            # Read a nearby earlier question (or a calculation), as real skip logic does.
            pool = names[-30:] + calculations[-3:]
            other = rng.choice(pool)
            row["relevant"] = (
                f"${{{other}}} != ''" if rng.random() < 0.5 else f"string-length(${{{other}}}) > 1"
            )
        if kind == "integer":
            row["constraint"] = ". >= 0"
        rows.append(row)
        if not in_repeat:
            names.append(name)
        if index in calculate_after and not in_repeat:
            reads = rng.sample(names[-20:], min(3, len(names[-20:])))
            calc = f"c{len(calculations)}"
            rows.append(
                {
                    "type": "calculate",
                    "name": calc,
                    "calculation": "concat(" + ", ".join(f"${{{r}}}" for r in reads) + ")",
                }
            )
            calculations.append(calc)

    for group in range(10):
        rows.append({"type": "begin group", "name": f"g{group}", "label": f"Section {group}"})
        for _ in range(45):
            question(number, in_repeat=False)
            number += 1
        rows.append({"type": "end group"})
    rows.append({"type": "begin repeat", "name": "people", "label": "People"})
    while number < QUESTIONS:
        question(number, in_repeat=True)
        number += 1
    rows.append({"type": "end repeat"})
    return rows


def write_form(path: Path, rng: random.Random) -> Path:
    """Write the generated XLSForm with openpyxl (as tests/xlsform.py does)."""
    workbook = Workbook()
    survey = workbook.active
    assert survey is not None
    survey.title = "survey"
    rows = survey_rows(rng)
    columns = ["type", "name", "label", "relevant", "constraint", "calculation"]
    survey.append(columns)
    for row in rows:
        survey.append([row.get(column) for column in columns])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    choices.append(["yn", "yes", "Yes"])
    choices.append(["yn", "no", "No"])
    workbook.save(path)
    return path


def answer_for(question: Question, rng: random.Random) -> object:
    if question.type is QuestionType.INTEGER:
        return rng.randint(0, 99)
    if question.type is QuestionType.SELECT_ONE:
        return rng.choice(["yes", "no"])
    return rng.choice(["a", "bb", "ccc", ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=300, help="answer changes to time")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as folder:
        path = write_form(Path(folder) / "form_logic.xlsx", rng)
        started = time.perf_counter()
        form = load_form(path)
        load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    session = Session(form)
    for _ in range(2):
        session.add_repeat(("people",))
    start_seconds = time.perf_counter() - started

    refs = [
        (ref, element)
        for ref, element in session.walk()
        if isinstance(element, Question) and element.type is not QuestionType.CALCULATE
    ]
    # Fill the form first, so that updates run on a realistic, mostly answered interview.
    for ref, element in refs:
        assert isinstance(element, Question)
        session.set_answer(ref, answer_for(element, rng))  # type: ignore[arg-type]

    update_times: list[float] = []
    evaluations: list[int] = []
    for _ in range(args.changes):
        ref, element = rng.choice(refs)
        assert isinstance(element, Question)
        value = answer_for(element, rng)
        while value == session.state(ref).value or (
            value == "" and session.state(ref).value is None
        ):
            value = answer_for(element, rng)  # time real changes, not repeats of a value
        before = session.evaluations
        started = time.perf_counter()
        session.set_answer(ref, value)  # type: ignore[arg-type]
        update_times.append(time.perf_counter() - started)
        evaluations.append(session.evaluations - before)

    full_times: list[float] = []
    full_evaluations = 0
    for _ in range(7):
        before = session.evaluations
        started = time.perf_counter()
        session.reevaluate()
        full_times.append(time.perf_counter() - started)
        full_evaluations = session.evaluations - before

    update = statistics.median(update_times)
    full = statistics.median(full_times)
    ratio = update / full
    print(f"form: {QUESTIONS} questions, {RELEVANCES} relevance, {CALCULATIONS} calculations")
    print(f"load (XLSForm -> Form):      {load_seconds * 1000:8.1f} ms")
    print(f"session start:               {start_seconds * 1000:8.1f} ms")
    print(
        f"one update (median of {len(update_times)}): {update * 1000:8.3f} ms "
        f"(mean {statistics.mean(update_times) * 1000:.3f} ms, max {max(update_times) * 1000:.3f}"
        f" ms), {statistics.mean(evaluations):.1f} evaluations on average"
    )
    print(f"full re-evaluation (median):  {full * 1000:8.3f} ms, {full_evaluations} evaluations")
    print(f"ratio update / full:          {ratio:8.4f}  (goal <= {GOAL})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
