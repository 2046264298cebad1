"""Realistic synthetic interviews, for a new user's first look and for the benchmarks.

``run_demo(db, interviews=N, seed=S)`` fills a database with interviews of the study's
forms (or any forms given): several cities, interviewers and devices, drafts and
finalized interviews, repeats, long Spanish texts, multi-selects, some interviews
reopened and edited after finalizing, and a few corrected on two laptops: conflicts for
the supervisor (``demo_conflicts``). Answers come from walking each form with the form
engine (``answer_form``): only relevant questions are answered, every value passes the
question's constraint and choice filter, so any form works, not only the study's.

Each device (one laptop of one interviewer) writes its own database through the store,
exactly as in the field; the devices' files are then merged into the target, so the
revisions carry several device ids. The same seed gives the same interviews (answers,
times, devices); the uuids the store makes are new each run.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing
import random
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict

from fieldapp.core.export.columns import is_label_row
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import (
    Element,
    Form,
    Group,
    Question,
    QuestionType,
    Ref,
    Repeat,
    Value,
)
from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import quarantined_sql

MOST_INTERVIEWS = 1_000_000
DEMO_DEVICE = "demo_device"
"""Kind of the study-wide event by which a simulated laptop marks its interviews."""
FIELDWORK_START = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-6)))
FIELDWORK_DAYS = 150
BATCH = 200
"""Interviews a device writes per transaction: one durable commit each, not per answer."""

# (city code, interviewer code prefix): the study's four cities, two laptops each.
TEAMS: tuple[tuple[str, str], ...] = (
    ("tijuana", "TJ"),
    ("juarez", "CJ"),
    ("monterrey", "MT"),
    ("nuevo_laredo", "NL"),
)
ACTOR_WEIGHTS = {"cso": 40, "gov": 25, "security": 20, "informant": 15}

ANONYMITY = ("named", "position", "description", "anonymous")
"""The study forms' citation levels (a form with other codes just gets its own)."""
STATUS = "interview_status"
"""The study forms' closing question: complete, or why the interview stopped."""
CORRECTION = " (Corregido tras revisar la grabación con la persona entrevistada.)"


@dataclass
class DemoReport:
    """What ``run_demo`` wrote."""

    interviews: int = 0
    finalized: int = 0
    drafts: int = 0
    stopped: int = 0
    """Finalized interviews the interviewee ended or that stopped for safety."""
    reopened: int = 0
    conflicts: int = 0
    """Interviews corrected on two laptops after a package went between them."""
    repeat_instances: int = 0
    repeat_rows: dict[str, int] = field(default_factory=dict)
    """The entries written of each repeat (by its name, as the form's survey sheet names
    it; not nested ones), 0 for a repeat left empty; none for forms without repeats."""
    devices: int = 0
    by_form: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, other: DemoReport) -> None:
        self.interviews += other.interviews
        self.finalized += other.finalized
        self.drafts += other.drafts
        self.stopped += other.stopped
        self.reopened += other.reopened
        self.conflicts += other.conflicts
        self.repeat_instances += other.repeat_instances
        self.devices += other.devices
        for form_id, count in other.by_form.items():
            self.by_form[form_id] = self.by_form.get(form_id, 0) + count
        for name, count in other.repeat_rows.items():
            self.repeat_rows[name] = self.repeat_rows.get(name, 0) + count


# --- answering a form by walking it with the engine ------------------------------------


def answer_form(
    session: Session,
    rng: random.Random,
    presets: Mapping[str, Value] | None = None,
    *,
    stop_after: int | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Answer every relevant question of ``session`` with values its logic accepts.

    ``presets`` give values by question name (used when the form offers them);
    ``stop_after`` leaves the interview unfinished after that many answers, as a draft.
    ``now`` is the moment the interview happens (dates are proposed before it).
    Returns the number of answers given.
    """
    presets = presets or {}
    moment = now or dt.datetime.now().astimezone()
    seen: set[Ref] = set()
    grown: set[Ref] = set()
    given = 0
    while True:
        new = False
        for ref, element in list(session.walk()):
            if isinstance(element, Repeat):
                if isinstance(ref[-1], int):
                    continue  # one instance of the repeat; its questions follow
                if ref not in grown and element.bind.repeat_count is None:
                    grown.add(ref)
                    if session.state(ref).relevant:
                        for _ in range(rng.choice((0, 1, 1, 2))):
                            session.add_repeat(ref)
                        new = True
                continue
            if ref in seen or not isinstance(element, Question):
                continue
            if not session.state(ref).relevant:
                continue  # looked at again on the next pass: a later answer may show it
            seen.add(ref)
            new = True
            if stop_after is not None and given >= stop_after:
                return given
            if _answer(session, ref, element, rng, presets, moment):
                given += 1
        if not new:
            return given


def _answer(
    session: Session,
    ref: Ref,
    question: Question,
    rng: random.Random,
    presets: Mapping[str, Value],
    now: dt.datetime,
) -> bool:
    if question.type in _NOT_ANSWERED or question.bind.calculation is not None:
        return False
    if is_label_row(question):
        return False  # a table-list's header row: the laptop shows it, nobody answers it
    state = session.state(ref)
    if not state.relevant or state.readonly:
        return False
    if state.value not in (None, "", []) and state.error is None:
        return False  # a default the interviewer keeps
    if not state.required and rng.random() < 0.15:
        return False
    preset = presets.get(question.name)
    tries: list[Value] = [preset] if preset is not None else []
    for attempt in range(24):
        value = (
            tries[attempt]
            if attempt < len(tries)
            else _propose(session, ref, question, rng, now, attempt)
        )
        if value is None:
            break
        try:
            session.set_answer(ref, value)
        except FieldappError:
            continue  # a preset this form does not offer (e.g. another version's code)
        if session.state(ref).error is None:
            return True
    session.set_answer(ref, None)
    if state.required:
        raise FieldappError(
            "demo.cannot_fill",
            question=question.key,
            form=session.form.form_id,
            reason=session.state(ref).error or "no value",
        )
    return False


_NOT_ANSWERED = frozenset(
    {
        QuestionType.NOTE,
        QuestionType.CALCULATE,
        QuestionType.HIDDEN,
        QuestionType.GEOTRACE,
        QuestionType.GEOSHAPE,
    }
) | {t for t in QuestionType if t.is_attachment or t.is_metadata}


def _propose(
    session: Session,
    ref: Ref,
    question: Question,
    rng: random.Random,
    now: dt.datetime,
    attempt: int = 0,
) -> Value:
    """Propose a value; later attempts widen the search (e.g. an end year after a start)."""
    kind = question.type
    if kind.is_select:
        names = [choice.name for choice in session.state(ref).choices]
        if not names:
            return None
        if kind is QuestionType.RANK:
            rng.shuffle(names)
            return names
        usual = [name for name in names if name not in _SELDOM]
        pool = usual if usual and rng.random() > 0.08 else names
        if kind.is_multiple:
            return rng.sample(pool, rng.randint(1, min(3, len(pool))))
        return rng.choice(pool)
    if kind is QuestionType.INTEGER:
        if question.path in _counts(session.form) and attempt < 6:
            # It sets a repeat's count: a big trial value would build hundreds of rows.
            return rng.choice((0, 1, 1, 2, 2, 3))
        # First a random kind of number, then each kind in turn, then this year and
        # the years before it (for "between a start year and today") and small ones.
        ranges = _integer_ranges(now.year)
        if attempt == 0:
            low, high = rng.choice(ranges)
        elif attempt <= len(ranges):
            low, high = ranges[attempt - 1]
        elif attempt % 2:
            return now.year - (attempt - len(ranges) - 2) // 2
        else:
            low, high = rng.choice(((0, 10), (0, 100), (1990, now.year)))
        return rng.randint(low, high)
    if kind is QuestionType.DECIMAL:
        return round(rng.uniform(0, 100), 2)
    if kind is QuestionType.RANGE:
        start = float(question.parameters.get("start", 1))
        end = float(question.parameters.get("end", 10))
        step = float(question.parameters.get("step", 1)) or 1.0
        value = start + step * rng.randint(0, max(0, int((end - start) / step)))
        return int(value) if value.is_integer() else value
    if kind is QuestionType.DATE:
        return (now - dt.timedelta(days=rng.randint(0, 20))).date().isoformat()
    if kind is QuestionType.TIME:
        return f"{rng.randint(8, 19):02d}:{rng.choice((0, 15, 30, 45)):02d}:00"
    if kind is QuestionType.DATETIME:
        return (now - dt.timedelta(minutes=rng.randint(0, 600))).isoformat(timespec="seconds")
    if kind is QuestionType.GEOPOINT:
        return f"{32.5 + rng.random():.5f} {-117.0 + rng.random():.5f} 0 0"
    if kind is QuestionType.ACKNOWLEDGE:
        return "OK"
    if kind is QuestionType.BARCODE:
        return str(rng.randint(10**9, 10**10))
    return _text(question, rng)


_SELDOM = frozenset({"other", "none", "dk", "refuse", "97", "98", "99"})
"""Choices a demo answer takes only now and then: other, none, refused, don't know, n/a."""


def _counts(form: Form) -> frozenset[str]:
    """Return the paths of the questions that a repeat_count reads."""
    cached: frozenset[str] | None = _COUNTS.get(id(form))
    if cached is None:
        found: set[str] = set()
        for element in form.walk():
            if isinstance(element, Repeat) and element.bind.repeat_count is not None:
                found.update(element.bind.repeat_count.references(element.path))
        cached = _COUNTS[id(form)] = frozenset(found)
    return cached


_COUNTS: dict[int, frozenset[str]] = {}


def _integer_ranges(year: int) -> tuple[tuple[int, int], ...]:
    return ((1, 3), (0, 10), (1, 60), (1990, year), (1, 500))


class SampleTexts(TypedDict):
    """The demo's made-up answers, in Spanish as the study's forms (``demo_texts.json``)."""

    sentences: list[str]
    """For long texts: one, or several in a row."""
    short_texts: list[str]
    by_question: dict[str, list[str]]
    """Answers that fit the question (and so the actor whose form asks it), by its name."""


@functools.cache
def sample_texts() -> SampleTexts:
    """Read the demo's sample answers, kept as data beside this module."""
    data = resources.files(__package__).joinpath("demo_texts.json").read_text("utf-8")
    texts: SampleTexts = json.loads(data)
    return texts


def _text(question: Question, rng: random.Random) -> str:
    texts = sample_texts()
    fitting = texts["by_question"].get(question.name)
    if fitting:
        return rng.choice(fitting)
    if "multiline" in question.appearance:
        count = rng.choice((1, 2, 3, 5, 8, 12))
        return " ".join(rng.sample(texts["sentences"], count))  # no sentence said twice
    if rng.random() < 0.3:
        return rng.choice(texts["sentences"])
    return rng.choice(texts["short_texts"])


# --- writing interviews through the store, one database per device ---------------------


@dataclass(frozen=True)
class Laptop:
    number: int
    city: str
    interviewer: str
    interviews: int
    seed: str
    forms: tuple[Path, ...]
    path: Path
    drafts_passphrase: str | None = None
    """Opens the drafts of sealed forms (forms with a public_key)."""


def run_demo(
    db_path: Path,
    interviews: int,
    *,
    seed: int = 0,
    forms: Sequence[Path] | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    drafts_passphrase: str | None = None,
    force: bool = False,
) -> DemoReport:
    """Fill ``db_path`` with ``interviews`` synthetic interviews and say what was written.

    Sealed forms need ``drafts_passphrase``: each laptop keeps its drafts under it.
    A database holding interviews or records (targets, devices, reviews) the demo did not
    write is refused unless ``force``: made-up interviews would sit beside real ones and
    merge on to the supervisor and every laptop.
    """
    from fieldapp.core.demo_conflicts import make_conflicts
    from fieldapp.core.merge import merge_database
    from fieldapp.core.store import Store

    if not 1 <= interviews <= MOST_INTERVIEWS:
        raise FieldappError("demo.bad_count", count=interviews, most=MOST_INTERVIEWS)
    started = time.perf_counter()
    form_paths = tuple(Path(p) for p in forms) if forms else _study_form_paths()
    if not force and db_path.exists():
        with Store.open(db_path, create=False, readonly=True) as existing:
            real = real_interviews(existing)
            records = real_records(existing)
        if real:
            raise FieldappError("demo.real_interviews", path=str(db_path), count=real)
        if records:
            raise FieldappError("demo.real_records", path=str(db_path), count=records)
    with Store.open(db_path) as target:
        for path in form_paths:
            target.forms.add(path)  # the forms load (clear errors) before any work starts
    report = DemoReport()
    with tempfile.TemporaryDirectory(prefix="fieldapp-demo-") as folder:
        devices = _devices(interviews, seed, form_paths, Path(folder))
        if drafts_passphrase is not None:
            devices = [replace(d, drafts_passphrase=drafts_passphrase) for d in devices]
        if workers > 1 and len(devices) > 1:
            # spawn, not fork: the caller may be a Qt app with threads running
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                results = list(pool.map(_write_laptop_reporting_errors, devices))
            reports = []
            for result in results:
                if isinstance(result, tuple):
                    raise FieldappError(result[0], **result[1])
                reports.append(result)
        else:
            reports = [write_laptop(device) for device in devices]
        conflicts, spare = make_conflicts(devices, Path(folder), seed)
        reports.append(conflicts)
        laptops = [device.path for device in devices] + list(spare)
        with Store.open(db_path) as target:
            for done, path in enumerate(laptops, start=1):
                merge_database(target, path)
                if progress is not None:
                    progress(done, len(laptops))
    for part in reports:
        report.add(part)
    report.seconds = time.perf_counter() - started
    return report


def demo_devices(store: Any) -> frozenset[str]:
    """Return the device ids of the demo's simulated laptops found in ``store``.

    Each laptop records itself in a study-wide event, which merges like every other one:
    wherever demo interviews go, whoever reads the database can tell them apart.

    A mark counts only signed by the laptop it names, and not set aside: every demo laptop
    signs its rows, and an unsigned row's device is only what the row says. A keyless
    package could otherwise mark any laptop (merged before that laptop's own package, set
    aside or left out after) and the study's database itself, and its real interviews
    and records passed for practice: ``fieldapp demo`` wrote beside them.
    """
    rows = store.db.conn.execute(
        "SELECT e.device_id, e.payload FROM events AS e WHERE e.kind = ? "
        "AND e.submission_uuid = ? AND EXISTS (SELECT 1 FROM signatures AS g "
        "WHERE g.row_table = 'events' AND g.row_uuid = e.uuid AND g.device_id = e.device_id) "
        f"AND e.uuid NOT IN {quarantined_sql('events')}",
        [DEMO_DEVICE, ""],
    )
    # A laptop names itself: a row naming another laptop (a hostile package's) would let
    # that laptop's real interviews pass for the demo's, and the demo write beside them.
    named = ((device, json.loads(payload).get("device_id")) for device, payload in rows)
    return frozenset(device for device, name in named if name == device)


def real_interviews(store: Any) -> int:
    """Return how many interviews of ``store`` the demo did not write."""
    demo = demo_devices(store)
    # ``submissions`` is one of the tables the store documents for other areas to read.
    created = store.db.conn.execute("SELECT created_on FROM submissions").fetchall()
    return sum(1 for (device,) in created if device not in demo)


def real_records(store: Any) -> int:
    """Return how many events of ``store`` the demo did not write: a target, a device
    certified, enrolled or revoked, a review, a key. A study's database holds them before
    its first interview, and its packages would carry made-up interviews to every laptop."""
    demo = demo_devices(store)
    conn = store.db.conn
    made_up = {
        uuid
        for uuid, device in conn.execute("SELECT uuid, created_on FROM submissions")
        if device in demo
    }
    # A review or resolution of a demo interview is practice, not the study's record.
    written = conn.execute("SELECT device_id, submission_uuid FROM events").fetchall()
    return sum(1 for device, about in written if device not in demo and about not in made_up)


def _study_form_paths() -> tuple[Path, ...]:
    from fieldapp.core.study import study_forms

    return tuple(form.path for form in study_forms())


def _devices(interviews: int, seed: int, forms: tuple[Path, ...], folder: Path) -> list[Laptop]:
    """Share the interviews among up to eight laptops: two interviewers per city.

    Every laptop costs a database of its own (forms loaded, then merged), so small runs
    use fewer: one per five interviews, the first four in four different cities.
    """
    laptops = [(city, f"{prefix}{n:02d}") for n in (1, 2) for city, prefix in TEAMS]
    laptops = laptops[: max(1, min(len(laptops), -(-interviews // 5)))]
    share, extra = divmod(interviews, len(laptops))
    return [
        Laptop(
            number=number,
            city=city,
            interviewer=interviewer,
            interviews=share + (1 if number < extra else 0),
            seed=f"{seed}:{number}",
            forms=forms,
            path=folder / f"device-{number}.db",
        )
        for number, (city, interviewer) in enumerate(laptops)
    ]


class LaptopClock:
    """The simulated time of one laptop: advanced by hand, read by the store and engine."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, minutes: float) -> None:
        self.moment += dt.timedelta(minutes=minutes)


def write_laptop(device: Laptop) -> DemoReport:
    """Write one laptop's interviews into its own database, through the store."""
    from fieldapp.core.store import Store
    from fieldapp.core.store.records import STUDY_WIDE

    rng = random.Random(device.seed)
    first_day = FIELDWORK_START + dt.timedelta(hours=rng.randint(0, 72))
    clock = LaptopClock(first_day)
    # Each interview starts at its slot of the fieldwork period, however long the one
    # before took, so any number of interviews stays inside the period (and in the past).
    step = dt.timedelta(days=FIELDWORK_DAYS) / max(1, device.interviews)
    report = DemoReport(devices=1)
    with Store.open(device.path, clock=clock) as store:
        store.db.conn.execute("PRAGMA synchronous=OFF")  # a scratch file, merged then deleted
        # The mark belongs to the laptop, not to one interview.
        store.events.add(STUDY_WIDE, DEMO_DEVICE, {"device_id": store.device_id})
        if device.drafts_passphrase is not None:
            store.keys.unlock_drafts(device.drafts_passphrase)
        records = [store.forms.add(path) for path in device.forms]
        loaded = [(record, store.forms.load(record.sha256)) for record in records]
        actors = {record.sha256: actor_of(form) for record, form in loaded}
        weights = [ACTOR_WEIGHTS.get(actors[record.sha256], 20) for record, _ in loaded]
        for first in range(0, device.interviews, BATCH):
            with store.transaction():
                for number in range(first, min(device.interviews, first + BATCH)):
                    slot = first_day + step * (number + rng.uniform(0, 0.5))
                    # Interviews happen in working hours (the city's clock), not at 3 a.m.
                    clock.moment = slot.replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59))
                    record, form = rng.choices(loaded, weights)[0]
                    _write_interview(
                        store,
                        record.sha256,
                        form,
                        actors[record.sha256],
                        device,
                        clock,
                        rng,
                        report,
                    )
    return report


def _write_laptop_reporting_errors(device: Laptop) -> DemoReport | tuple[str, dict[str, str]]:
    """Run ``write_laptop`` in a worker: a FieldappError comes back as (code, params),
    since its parameters (forms, problems) do not cross a process boundary."""
    try:
        return write_laptop(device)
    except FieldappError as error:
        return error.code, {key: str(value) for key, value in error.message.params.items()}


def _write_interview(
    store: Any,
    sha256: str,
    form: Form,
    actor: str,
    device: Laptop,
    clock: LaptopClock,
    rng: random.Random,
    report: DemoReport,
) -> None:
    presets: dict[str, Value] = {
        "city": device.city,
        "interviewer": device.interviewer,
        "consent": "yes" if rng.random() < 0.95 else "no",
        "interview_language": "es" if rng.random() < 0.85 else "en",
        # Officials and CSO leaders mostly accept their position; a few ask for more cover.
        "anonymity": rng.choices(ANONYMITY, (15, 45, 25, 15))[0],
    }
    # The store stamps ``end`` on the laptop's own clock (its local offset): ``start`` must
    # be stamped on the same one, or the two read hours apart.
    session = Session(
        form,
        None,
        now=lambda: clock().astimezone(),
        device_id=store.device_id,
        username=device.interviewer,
    )
    fate = rng.random()
    draft = fate < 0.25
    opening = answer_form(session, rng, presets, stop_after=10, now=clock())
    answers = session.answers()
    submission = store.interviews.start(
        sha256,
        interviewer=device.interviewer,
        city=_text_value(answers.get("city")) or device.city,
        actor_type=actor,
        answers=answers,
    )
    clock.advance(rng.uniform(5, 20))
    if draft:
        answer_form(session, rng, presets, stop_after=opening + rng.randint(0, 40), now=clock())
        store.interviews.autosave(submission, session.answers())
        store.interviews.save(submission)
        report.drafts += 1
    else:
        if fate < 0.31 and _set_by_name(session, STATUS, "complete", dry_run=True):
            # Stopped midway: marked so, and finalized with what was said, nothing invented.
            answer_form(session, rng, presets, stop_after=opening + rng.randint(5, 50), now=clock())
            report.stopped += _stop_early(session, rng)
            _answer_what_finalizing_needs(session, rng, presets, clock())
        else:
            answer_form(session, rng, {**presets, STATUS: "complete"}, now=clock())
        clock.advance(rng.uniform(25, 100))  # 30-120 minutes in all, as interviews last
        store.interviews.autosave(submission, session.record())
        store.interviews.finalize(submission)
        report.finalized += 1
        if fate > 0.88 and not form.public_key:  # a sealed interview can't reopen here
            clock.advance(rng.uniform(60, 60 * 48))
            store.interviews.reopen(submission)
            _edit(session, rng)
            store.interviews.autosave(submission, session.record())
            store.interviews.finalize(submission)
            report.reopened += 1
    report.interviews += 1
    answers = session.answers()
    report.repeat_instances += sum(
        len(value)
        for value in answers.values()
        if isinstance(value, list) and value and isinstance(value[0], dict)
    )
    for repeat in _outer_repeats(form.root.children):
        entries = answers.get(repeat.key)
        written = len(entries) if isinstance(entries, list) else 0
        report.repeat_rows[repeat.name] = report.repeat_rows.get(repeat.name, 0) + written
    report.by_form[form.form_id] = report.by_form.get(form.form_id, 0) + 1


def _outer_repeats(elements: Sequence[Element]) -> Iterator[Repeat]:
    """Yield the repeats not inside another repeat, in form order."""
    for element in elements:
        if isinstance(element, Repeat):
            yield element
        elif isinstance(element, Group):
            yield from _outer_repeats(element.children)


def _stop_early(session: Session, rng: random.Random) -> int:
    """Mark the interview as ended by the interviewee or for safety, and answer the
    interviewer's safety questions; return 1 if the form let it be marked."""
    reason = rng.choice(("respondent_ended", "respondent_ended", "safety"))
    if not _set_by_name(session, STATUS, reason):
        return 0  # e.g. no consent: nothing after it is asked
    unsafe = reason == "safety" or rng.random() < 0.2
    _set_by_name(session, "safety_concern", "yes" if unsafe else "no")
    _set_by_name(
        session, "safety_detail", rng.choice(sample_texts()["by_question"]["safety_detail"])
    )
    return 1


def _answer_what_finalizing_needs(
    session: Session, rng: random.Random, presets: Mapping[str, Value], now: dt.datetime
) -> None:
    """Answer what an interview stopped midway still needs to be finalized: the text of
    an "Other" just ticked when the interview stopped, as the interviewer would write it."""
    for problem in session.problems():
        if isinstance(problem.element, Question) and problem.kind == "required":
            _answer(session, problem.ref, problem.element, rng, presets, now)


def _set_by_name(session: Session, name: str, value: Value, *, dry_run: bool = False) -> bool:
    """Answer the relevant question called ``name``; say whether there was one."""
    for ref, element in list(session.walk()):
        if isinstance(element, Question) and element.name == name:
            if not session.state(ref).relevant:
                return False
            if not dry_run:
                session.set_answer(ref, value)
            return True
    return False


def _edit(session: Session, rng: random.Random) -> None:
    """Correct one answered free text, as a reviewer's return would make the researcher do."""
    texts = [
        ref
        for ref, element in session.walk()
        if isinstance(element, Question)
        and element.type is QuestionType.TEXT
        and isinstance(session.state(ref).value, str)
        and session.state(ref).relevant
        and element.bind.constraint is None
    ]
    if texts:
        ref = rng.choice(texts)
        session.set_answer(ref, f"{session.state(ref).value}{CORRECTION}")


def actor_of(form: Form) -> str:
    """Return the form's actor type: its top-level ``actor_type`` value, else its form id."""
    if any(question.key == "actor_type" for question in form.questions()):
        value = Session(form).state(("actor_type",)).value
        if isinstance(value, str) and value:
            return value
    return form.form_id


def _text_value(value: Any) -> str:
    return value if isinstance(value, str) else ""
