"""The demo's conflicts: interviews corrected on two laptops after a package went between them.

In the field a conflict arises so: a laptop finalizes an interview; a package of its
database goes to the partner laptop of the same city (or the team's spare one); then
the interview is reopened and corrected on both laptops before they meet again. Each
correction is a revision whose parent is the same finalized one, so when both laptops
reach the supervisor the interview has two heads. ``make_conflicts`` does exactly that
through the store (merge, reopen, autosave, finalize), never by writing rows itself,
so a supervisor trying fieldapp has real conflicts to resolve under View › Conflicts.

The first laptop changes one choice answer; its partner changes the same answer
otherwise and one answer of a repeat's entry: the two versions differ in a select and
in a repeat row, as a supervisor meets them. Only forms in clear are edited (a sealed
interview cannot be reopened on a laptop), and only interviews finalized once.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from fieldapp.core.demo import (
    CORRECTION,
    FIELDWORK_START,
    STATUS,
    DemoReport,
    Laptop,
    LaptopClock,
    write_laptop,
)
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import Answers, Form, Question, QuestionType, Ref, Value
from fieldapp.core.merge import merge_database
from fieldapp.core.review import is_entries
from fieldapp.core.store import Store, SubmissionId

FEWEST = 2
MOST = 4
"""A demo makes between FEWEST and MOST conflicts (fewer when it has fewer interviews)."""
SECOND_CORRECTION = " (Aclarado por teléfono con la persona entrevistada.)"
KEPT = frozenset(
    {"city", "interviewer", "consent", "interview_language", "anonymity", STATUS}
    | {"safety_concern", "actor_type"}
)
"""Answers no correction touches: they say who, where, and whether to ask at all."""


def make_conflicts(
    devices: Sequence[Laptop], folder: Path, seed: int
) -> tuple[DemoReport, tuple[Path, ...]]:
    """Correct a few of the first laptop's interviews there and on its city partner.

    Returns what was written (``conflicts``, as many ``reopened``, and one more device
    when the partner is the team's spare laptop) and the spare laptop's database, if
    one was made (a demo with one laptop in the city): it is merged like the others.
    """
    report = DemoReport()
    spare: tuple[Path, ...] = ()
    if not devices:
        return report, spare
    first = devices[0]
    rng = random.Random(f"{seed}:conflicts")
    with Store.open(first.path) as laptop:
        wanted = rng.randint(FEWEST, MOST)
        plans = []
        for submission_id, form in _candidates(laptop, rng):
            head = laptop.interviews.heads(submission_id)[0]
            moments = _moments(head.saved_at, rng)
            edits = _corrections(form, dict(head.answers or {}), rng, moments)
            if edits is not None:
                plans.append((submission_id, moments, edits))
            if len(plans) == wanted:
                break
    if not plans:
        return report, spare
    partner = next((d for d in devices[1:] if d.city == first.city), None)
    if partner is None:  # the team's second laptop, empty until the package arrives
        code = f"{first.interviewer[:-2]}02"
        partner = replace(
            first, number=len(devices), interviewer=code, interviews=0, path=folder / "spare.db"
        )
        report.add(write_laptop(partner))
        spare = (partner.path,)
    with Store.open(partner.path) as other:
        merge_database(other, first.path)  # the package goes to the partner's laptop
    for index, device in enumerate((first, partner)):
        clock = LaptopClock(FIELDWORK_START)
        with Store.open(device.path, clock=clock) as store:
            for submission_id, moments, edits in plans:
                clock.moment = moments[index]
                _write(store, submission_id, edits[index], device.interviewer)
    report.conflicts = report.reopened = len(plans)
    return report, spare


def _moments(saved_at: str, rng: random.Random) -> tuple[dt.datetime, dt.datetime]:
    """Return when each laptop corrects the interview finalized at ``saved_at``: on a
    later working day, the partner after the first."""
    finalized = dt.datetime.fromisoformat(saved_at).astimezone(FIELDWORK_START.tzinfo)
    moments = []
    for days in ((1, 2), (3, 5)):
        day = finalized + dt.timedelta(days=rng.randint(*days))
        moments.append(day.replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59)))
    return moments[0], moments[1]


def _candidates(store: Store, rng: random.Random) -> Iterator[tuple[SubmissionId, Form]]:
    """Yield the interviews a correction may reopen, those with a repeat's entry first.

    Finalized once, of a form in clear; in an order the seed decides (the ids are new
    each run, the times the simulated clock gave are not).
    """
    found = []
    forms: dict[str, Form] = {}
    for item in store.interviews.iter_current():
        if item.revision.state != "finalized" or item.has_conflict:
            continue
        sha256 = item.submission.form_sha256
        form = forms.get(sha256) or forms.setdefault(sha256, store.forms.load(sha256))
        if form.public_key:
            continue
        entries = any(is_entries(value) for value in item.answers.values())
        when = (item.submission.created_at, item.revision.saved_at)
        found.append((when, not entries, item.submission.submission_id, form))
    found.sort(key=lambda row: row[0])
    rng.shuffle(found)
    found.sort(key=lambda row: row[1])  # stable: with an entry first, else as shuffled
    for _, _, submission_id, form in found:
        states = [revision.state for revision in store.interviews.history(submission_id)]
        if states == ["draft", "finalized"]:
            yield submission_id, form


def _corrections(
    form: Form,
    answers: Answers,
    rng: random.Random,
    moments: tuple[dt.datetime, dt.datetime],
) -> tuple[Answers, Answers] | None:
    """Return the first laptop's corrected answers and its partner's, both from ``answers``.

    The first changes one answer, a choice if it can; the partner changes that answer
    otherwise (when the question offers a third value) and one answer of a repeat's
    entry, if there is one. None when nothing in the interview can change cleanly.
    Each is checked at the moment its laptop finalizes it (``moments``), as the store
    checks it then (a constraint may read today's date).
    """
    mine = _session(form, answers, moments[0])
    ref = next((r for r in _changeable(mine, rng, in_entry=False) if _change(mine, r, rng)), None)
    if ref is None:
        return None
    theirs = _session(form, answers, moments[1])
    changed = _change(theirs, ref, rng, SECOND_CORRECTION, avoid=mine.state(ref).value)
    for entry_ref in _changeable(theirs, rng, in_entry=True):
        if _change(theirs, entry_ref, rng, SECOND_CORRECTION):
            changed = True
            break
    return (mine.answers(), theirs.answers()) if changed else None


def _session(form: Form, answers: Answers, moment: dt.datetime) -> Session:
    return Session(form, dict(answers), now=lambda: moment.astimezone())


def _changeable(session: Session, rng: random.Random, *, in_entry: bool) -> list[Ref]:
    """Return the answered questions a correction may change, choices first, in a seeded
    order; ``in_entry``: those inside a repeat's entries, else those outside."""
    found: tuple[list[Ref], list[Ref]] = ([], [])
    for ref, element in session.walk():
        if not isinstance(element, Question) or element.name in KEPT:
            continue
        if any(isinstance(part, int) for part in ref) != in_entry:
            continue
        state = session.state(ref)
        if state.readonly or not state.relevant or state.value in (None, "", []):
            continue
        if element.type is QuestionType.SELECT_ONE:
            found[0].append(ref)
        elif _is_free_text(element):
            found[1].append(ref)
    for refs in found:
        rng.shuffle(refs)
    return found[0] + found[1]


def _is_free_text(question: Question) -> bool:
    return (
        question.type is QuestionType.TEXT
        and question.bind.constraint is None
        and question.bind.calculation is None
    )


def _change(
    session: Session,
    ref: Ref,
    rng: random.Random,
    correction: str = CORRECTION,
    *,
    avoid: Value = None,
) -> bool:
    """Give ``ref`` another value (not ``avoid``) that leaves the interview finalizable and
    asking the same questions; say whether one was found (else nothing changed)."""
    state = session.state(ref)
    before = state.value
    values: list[Value]
    if state.choices and isinstance(before, str):
        values = [c.name for c in state.choices if c.name not in (before, avoid)]
        rng.shuffle(values)
    else:
        values = [f"{before}{correction}"]
    asked = _asked(session)
    for value in values:
        session.set_answer(ref, value)
        clean = session.state(ref).error is None and not session.final_problems()
        if clean and _asked(session) == asked:
            return True
    session.set_answer(ref, before)
    return False


def _asked(session: Session) -> set[Ref]:
    return {
        ref
        for ref, element in session.walk()
        if isinstance(element, Question) and session.state(ref).relevant
    }


def _write(store: Store, submission_id: SubmissionId, answers: Answers, author: str) -> None:
    """Reopen the interview, correct it and finalize it again, as the laptop's user does."""
    store.interviews.reopen(submission_id, author=author)
    store.interviews.autosave(submission_id, answers, author=author)
    store.interviews.finalize(submission_id, author=author)
