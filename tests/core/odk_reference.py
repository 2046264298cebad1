"""Run ODK's reference engine on an XLSForm, and turn its node paths into fieldapp refs.

The reference (``tools/odk-reference/run``) loads the XForm pyxform makes and applies
answer sets; it installs itself with npm on first use. Answers are generated here with a
seeded random generator from the form's own questions, so a failure reproduces exactly.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paths import SHARED

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import Element, Form, Group, Question, QuestionType, Ref, Repeat
from fieldapp.core.forms.values import odk_string
from fieldapp.core.messages import FieldappError

RUNNER = SHARED / "tools" / "odk-reference" / "run"


def reference_ready() -> str | None:
    """Return why the reference cannot run here, or None when it can."""
    if not RUNNER.exists():
        return f"no reference runner at {RUNNER}"
    if shutil.which("node") is None:
        return "Node.js is not installed"
    return None


def xform_of(xlsform: Path, cache: Path) -> Path:
    """Convert with pyxform (no Java validator), cached by the workbook's content."""
    from pyxform.xls2xform import convert

    digest = hashlib.sha256(xlsform.read_bytes()).hexdigest()[:16]
    target = cache / f"{xlsform.stem}-{digest}.xml"
    if not target.exists():
        target.write_text(convert(xlsform=str(xlsform), validate=False).xform, encoding="utf-8")
    return target


def run_reference(xform: Path, answer_sets: list[dict[str, Any]], work: Path) -> list[Any]:
    """Run every answer set through one reference process; return each set's node states."""
    engine = ready_engine(xform, work)
    answers_file = work / f"{xform.stem}-answers.json"
    answers_file.write_text(json.dumps(answer_sets), encoding="utf-8")
    # what the runner runs once the engine is installed, minus its plain copy of engine.mjs
    # (a test run in parallel may be reading that file at this moment)
    result = subprocess.run(
        ["node", str(engine), str(xform), str(answers_file)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"reference failed on {xform.name}: {result.stderr[-2000:]}")
    states: list[Any] = json.loads(result.stdout)
    return states


def ready_engine(xform: Path, work: Path) -> Path:
    """Install the engine once and place its script; return the script's path.

    The reference's runner installs the engine with npm on first use; pytest-xdist's workers
    (and other test runs) take a lock first, so only one installs it. The script is then
    replaced whole, never rewritten in place, since another process may be reading it.
    """
    cache = _engine_cache()
    if not _installed(cache):
        cache.mkdir(parents=True, exist_ok=True)
        with (cache / ".install.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _installed(cache):
                if not _modules_present(cache):
                    answers = work / f"{xform.stem}-install.json"
                    answers.write_text("[{}]", encoding="utf-8")
                    installed = subprocess.run(
                        [str(RUNNER), str(xform), str(answers)],
                        capture_output=True,
                        text=True,
                        timeout=900,
                        check=False,
                    )
                    if not _modules_present(cache):
                        said = installed.stderr[-2000:]
                        raise RuntimeError(f"the reference did not install: {said}")
                (cache / INSTALLED).write_text("npm finished\n", encoding="utf-8")
    engine = cache / "engine.mjs"
    script = (RUNNER.parent / "engine.mjs").read_bytes()
    if not engine.exists() or engine.read_bytes() != script:
        partial = cache / f"engine.mjs.{os.getpid()}.{threading.get_ident()}"
        partial.write_bytes(script)
        os.replace(partial, engine)
    return engine


INSTALLED = ".installed"
"""Written under the lock once npm has finished: the engine's folder appears early in an
install, and a worker that took it for done ran Node on a half-installed jsdom."""


def _installed(cache: Path) -> bool:
    return (cache / INSTALLED).exists()


def _modules_present(cache: Path) -> bool:
    modules = cache / "node_modules"
    return (modules / "@getodk" / "xforms-engine" / "package.json").exists() and (
        modules / "jsdom" / "package.json"
    ).exists()


# Starting Node and ODK's engine takes seconds; this runs the reference's own script once
# per form inside a single Node process, so the whole corpus costs one start.
_MANY = """
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [enginePath, jobsPath] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
const log = console.log;
for (const [index, job] of jobs.entries()) {
  const chunks = [];
  console.log = (...args) => { chunks.push(args.join(' ')); };
  process.argv = [process.argv[0], enginePath, job.form, job.answers];
  try {
    await import(`${pathToFileURL(enginePath).href}?job=${index}`);
    writeFileSync(job.output, chunks.join('\\n'));
  } catch {
    // no output file: the caller runs this form alone to get its error
  } finally {
    console.log = log;
  }
}
"""


def _engine_cache() -> Path:
    chosen = os.environ.get("ODK_REFERENCE_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "odk-reference-engine"


def run_reference_many(
    jobs: list[tuple[Path, list[dict[str, Any]]]], work: Path
) -> list[list[Any] | Exception]:
    """Run several forms' answer sets in one Node process; a form that fails there is run
    alone (``run_reference``), so its own error message comes back."""
    if not jobs:
        return []
    engine = ready_engine(jobs[0][0], work)
    listed = []
    for xform, answer_sets in jobs:
        answers = work / f"{xform.stem}-answers.json"
        answers.write_text(json.dumps(answer_sets), encoding="utf-8")
        output = work / f"{xform.stem}-states.json"
        output.unlink(missing_ok=True)
        listed.append({"form": str(xform), "answers": str(answers), "output": str(output)})
    (work / "jobs.json").write_text(json.dumps(listed), encoding="utf-8")
    many = work / "many.mjs"
    many.write_text(_MANY, encoding="utf-8")
    subprocess.run(
        ["node", str(many), str(engine), str(work / "jobs.json")],
        capture_output=True,
        timeout=600,
        check=False,
    )
    results: list[list[Any] | Exception] = []
    for (xform, answer_sets), job in zip(jobs, listed, strict=True):
        output = Path(job["output"])
        try:
            if output.exists():
                results.append(json.loads(output.read_text(encoding="utf-8")))
            else:
                results.append(run_reference(xform, answer_sets, work))
        except (RuntimeError, ValueError) as error:
            results.append(error)
    return results


# --- answer sets ----------------------------------------------------------------------------


@dataclass
class AnswerSet:
    """One generated interview: the same steps for the reference and for fieldapp."""

    session: Session
    reference: dict[str, Any] = field(default_factory=dict)
    steps: list[tuple[str, Ref, Any]] = field(default_factory=list)
    """("set", ref, value) or ("add", repeat ref, count), in the order applied."""


_TEXTS = ["", "abc", "Juárez", "12", "-3", "yes", "no", "2024-05-01", "a b c", "0"]
_INTEGERS = [0, 1, 2, -5, 3, 17, 18, 42, 65, 99, 150, 2024, 100000]
_COUNTS = [0, 1, 2, 3, -1]
_DECIMALS = [0.5, -2.25, 3.0, 10.75, 99.9, 1000.125, 0.0]
_SKIPPED_TYPES = {t for t in QuestionType if t.is_attachment} | {
    QuestionType.NOTE,
    QuestionType.CALCULATE,
    QuestionType.HIDDEN,
    QuestionType.GEOTRACE,
    QuestionType.GEOSHAPE,
    QuestionType.BARCODE,
    QuestionType.RANK,
    QuestionType.SELECT_ONE_FROM_FILE,
    QuestionType.SELECT_MULTIPLE_FROM_FILE,
}


def _value(
    question: Question, rng: random.Random, offered: list[str], counts: frozenset[str]
) -> Any:
    kind = question.type
    if kind in (QuestionType.TEXT, QuestionType.PHONENUMBER, QuestionType.EMAIL):
        return rng.choice(_TEXTS)
    if kind is QuestionType.INTEGER and question.path in counts:
        # a repeat's count: a few instances test as much as the cap and cost far less
        return rng.choice(_COUNTS)
    if kind is QuestionType.INTEGER:
        return rng.choice(_INTEGERS)
    if kind is QuestionType.DECIMAL:
        return rng.choice(_DECIMALS + _INTEGERS[:4])
    if kind is QuestionType.RANGE:
        return rng.randint(0, 10)
    if kind is QuestionType.SELECT_ONE:
        return rng.choice(offered) if offered else None
    if kind is QuestionType.SELECT_MULTIPLE:
        names = offered
        if not names:
            return None
        picked = set(rng.sample(names, rng.randint(1, len(names))))
        # in list order: the reference stores a select_multiple's values that way
        return [name for name in names if name in picked]
    if kind is QuestionType.DATE:
        return f"{rng.randint(1980, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind is QuestionType.TIME:
        return f"{rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 45]):02d}:00.000"
    if kind is QuestionType.DATETIME:
        return f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T{rng.randint(10, 23)}:30:00.000"
    if kind is QuestionType.GEOPOINT:
        return f"{rng.uniform(14, 32):.5f} {rng.uniform(-117, -86):.5f} 0 0"
    if kind is QuestionType.ACKNOWLEDGE:
        return "OK"
    return None


def _answerable(question: Question) -> bool:
    bind = question.bind
    return (
        question.type not in _SKIPPED_TYPES
        and not question.type.is_metadata
        and bind.calculation is None
        and bind.readonly is None
        and bind.default_expression is None
    )


def generate(form: Form, count: int, seed: str) -> list[AnswerSet]:
    """Make ``count`` answer sets: one empty, the others partly or fully answered with
    repeats grown. Each is applied to a fieldapp Session as it is made, so a select only
    gets a choice its filter offers at that point; the reference gets the same steps."""
    rng = random.Random(seed)
    counts = _counting(form)
    sets = [AnswerSet(Session(form))]
    for _ in range(count - 1):
        answer_set = AnswerSet(Session(form))
        fill = rng.choice([0.3, 0.7, 1.0])
        _fill(form.root, (), "", answer_set, rng, fill, False, counts)
        sets.append(answer_set)
    return sets


def _fill(
    group: Group,
    prefix: Ref,
    index_path: str,
    answer_set: AnswerSet,
    rng: random.Random,
    fill: float,
    inside_repeat: bool,
    counts: frozenset[str],
) -> None:
    session = answer_set.session
    for element in group.children:
        if isinstance(element, Repeat):
            if inside_repeat or element.bind.repeat_count is not None:
                continue
            instances = rng.randint(1, 3)
            path = _indexed(element, index_path)
            # a form may start a repeat with none or several instances (an XForm's default
            # instances), and may forbid adding any (jr:noAddRemove)
            existing = session.repeat_count((*prefix, element.key))
            if _fixed(element):
                instances = existing
            added = max(instances - existing, 0)
            if added:
                for _ in range(added):
                    session.add_repeat((*prefix, element.key))
                answer_set.reference[f"+{path}"] = added
                answer_set.steps.append(("add", (*prefix, element.key), added))
            instances = max(instances, existing)
            for index in range(instances):
                _fill(
                    element,
                    (*prefix, element.key, index),
                    f"{path}[{index + 1}]",
                    answer_set,
                    rng,
                    fill,
                    True,
                    counts,
                )
        elif isinstance(element, Group):
            _fill(element, prefix, index_path, answer_set, rng, fill, inside_repeat, counts)
        elif isinstance(element, Question) and _answerable(element) and rng.random() < fill:
            ref = (*prefix, element.key)
            offered = [c.name for c in session.choices(session.node(ref))]
            value = _value(element, rng, offered, counts)
            if value is None:
                continue
            try:
                session.set_answer(ref, value)
            except FieldappError:
                continue  # refused (read-only now, not offered...): the reference skips it too
            answer_set.steps.append(("set", ref, value))
            answer_set.reference[_indexed(element, index_path)] = _reference_value(element, value)


def _counting(form: Form) -> frozenset[str]:
    """The paths of the questions a repeat count reads, directly or through calculations."""
    texts = [
        element.bind.repeat_count.text
        for element in form.walk()
        if isinstance(element, Repeat) and element.bind.repeat_count is not None
    ]
    found: set[str] = set()
    grew = True
    while grew:
        grew = False
        for question in form.questions():
            path = question.path
            if path in found or not any(
                path in text or f"{{{question.name}}}" in text for text in texts
            ):
                continue
            found.add(path)
            grew = True
            if question.bind.calculation is not None:
                texts.append(question.bind.calculation.text)
    return frozenset(found)


def _fixed(repeat: Repeat) -> bool:
    return str(repeat.columns.get("jr:noAddRemove", "")).replace(" ", "") == "true()"


def _reference_value(question: Question, value: Any) -> Any:
    if question.type is QuestionType.ACKNOWLEDGE:
        return True  # the reference takes a trigger's value as a boolean
    return value if isinstance(value, list) else odk_string(value)


def _indexed(element: Element, index_path: str) -> str:
    """The element's reference path with the enclosing repeat's index in it."""
    if not index_path:
        return element.path
    base = re.sub(r"\[\d+\]", "", index_path)
    return index_path + element.path[len(base) :]


# --- paths to refs ----------------------------------------------------------------------------


def ref_of(form: Form, reference_path: str) -> tuple[Ref, Element] | None:
    """Map ``/data/people[2]/name`` to ``("people", 1, "name")`` and its element."""
    parts = reference_path.strip("/").split("/")
    plain = ""
    prefix: Ref = ()
    base = ""
    element: Element | None = None
    for part in parts:
        match = re.fullmatch(r"(.+?)\[(\d+)\]", part)
        name = match.group(1) if match else part
        plain = f"{plain}/{name}"
        try:
            element = form.element(plain)
        except KeyError:
            if plain == form.root.path:
                element = form.root
                base = plain
                continue
            return None
        if match:
            prefix = (*prefix, element.key, int(match.group(2)) - 1)
            base = plain
    if element is None or element is form.root:
        return None
    if prefix and plain == base:
        return prefix, element
    return (*prefix, element.key), element


# --- explicit steps: removals and language switches ----------------------------------------

STEPS_RUNNER = Path(__file__).with_name("odk_steps.mjs")


def run_steps(jobs: list[tuple[Path, list[list[list[Any]]]]], work: Path) -> list[list[Any]]:
    """Run each form's step lists (``odk_steps.mjs``) in one Node process; return, per
    form, each run's node states (or ``{"error": ...}``)."""
    if not jobs:
        return []
    cache = ready_engine(jobs[0][0], work).parent
    script = cache / "odk_steps.mjs"
    partial = cache / f"odk_steps.mjs.{os.getpid()}.{threading.get_ident()}"
    partial.write_bytes(STEPS_RUNNER.read_bytes())
    os.replace(partial, script)  # others may be reading it: replaced whole
    listed = [
        {"form": str(xform), "runs": runs, "output": str(work / f"{n}-{xform.stem}-steps.json")}
        for n, (xform, runs) in enumerate(jobs)
    ]
    (work / "steps.json").write_text(json.dumps(listed), encoding="utf-8")
    result = subprocess.run(
        ["node", str(script), str(work / "steps.json")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the reference failed: {result.stderr[-2000:]}")
    return [json.loads(Path(job["output"]).read_text(encoding="utf-8")) for job in listed]


def with_removal_and_languages(
    form: Form, answer_set: AnswerSet, rng: random.Random
) -> list[list[Any]] | None:
    """The set's own steps for ``odk_steps.mjs``, with a language switch halfway and back at
    the end (a form in two languages or more) and, before that, one instance of a repeat
    holding two or more removed; None when the form offers neither."""
    steps: list[list[Any]] = [
        ["add", path[1:], value] if path.startswith("+") else ["set", path, value]
        for path, value in answer_set.reference.items()
    ]
    extra = False
    languages = [name for name in form.languages if name != "default"]
    first = answer_set.session.language
    if first not in languages and languages:
        first = languages[0]
    if len(languages) >= 2:
        other = next(name for name in languages if name != first)
        steps.insert(len(steps) // 2, ["lang", other])
        extra = True
    session = answer_set.session
    for element in _top_repeats(form.root):
        count = session.repeat_count((element.key,))
        if count >= 2 and not _fixed(element) and element.bind.repeat_count is None:
            steps.append(["remove", element.path, rng.randrange(count)])
            extra = True
    if len(languages) >= 2:
        steps.append(["lang", first])
    return steps if extra else None


def _top_repeats(group: Group) -> list[Repeat]:
    """The repeats not inside another repeat (the ones the generator fills)."""
    found: list[Repeat] = []
    for element in group.children:
        if isinstance(element, Repeat):
            found.append(element)
        elif isinstance(element, Group):
            found += _top_repeats(element)
    return found
