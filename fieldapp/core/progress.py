"""Where the fieldwork stands: interviews per city × actor type × state, against targets.

Targets are insert-only events of kind ``target`` that belong to no interview
(``submission_uuid`` is ``""``), so merges carry them like every other event; for one
city and actor type the latest target wins (by the Lamport counter of its signature, then
time and event id). Clearing a target is such an event too, with a target of null: the
latest decision, a number or none, wins on every laptop after merges. Per researcher:
interviews finalized (in all, per working day), the median interview duration (from the
``start``/``end`` metadata of the first finalized revision, else from when it was
started and first finalized; counted as the export's ``_duration_min``) and the share
returned.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms.model import QuestionType
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.quarantine import (
    held_forms,
    quarantined_sql,
    skipped,
    unsigned_of_signer_sql,
)
from fieldapp.core.store.records import STUDY_WIDE
from fieldapp.core.store.sealing import SEALED_SUBMISSIONS, count_sealed_listed
from fieldapp.core.study import ACTOR_TYPES, actor_name, actor_rank

if TYPE_CHECKING:
    from fieldapp.core.store import Store

TARGET = "target"
"""The submission id of an event about the whole study rather than one interview."""
STATES = ("draft", "finalized", "returned", "approved")


@dataclass(frozen=True)
class Cell:
    """The interviews of one city and actor type, by current state."""

    city: str
    actor_type: str
    counts: Mapping[str, int] = field(default_factory=dict)
    target: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def approved(self) -> int:
        return self.counts.get("approved", 0)

    @property
    def share_of_target(self) -> float | None:
        """Approved interviews as a share of the target (None without a target)."""
        if not self.target:
            return None
        return self.approved / self.target

    def to_json(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "actor_type": self.actor_type,
            **{state: self.counts.get(state, 0) for state in STATES},
            "total": self.total,
            "target": self.target,
            "share_of_target": self.share_of_target,
        }


@dataclass(frozen=True)
class Researcher:
    """One interviewer's pace and quality."""

    interviewer: str
    finalized: int
    """Interviews finalized at least once."""
    per_day: Mapping[str, int]
    """Day (YYYY-MM-DD, the day the interview ended) -> interviews finalized that day."""
    median_minutes: float | None
    returned: int
    """Interviews returned at least once."""

    @property
    def days(self) -> int:
        return len(self.per_day)

    @property
    def finalized_per_day(self) -> float | None:
        """Interviews finalized per working day (days with at least one)."""
        return self.finalized / self.days if self.days else None

    @property
    def share_returned(self) -> float | None:
        return self.returned / self.finalized if self.finalized else None

    def to_json(self) -> dict[str, Any]:
        figures = {name: getattr(self, name) for name in _RESEARCHER_FIGURES}
        return {**figures, "per_day": dict(self.per_day)}


_RESEARCHER_FIGURES = (
    "interviewer",
    "finalized",
    "days",
    "finalized_per_day",
    "median_minutes",
    "returned",
    "share_returned",
)
"""What ``fieldapp status --json`` tells of each researcher, in this order, then per day."""

MAX_TARGET = 2**63 - 1
"""The largest target: SQLite's largest integer, past which a merge reads a real number."""

RESEARCHER_COLUMNS = _RESEARCHER_FIGURES
"""The columns of the table per researcher, in the window and in ``fieldapp status``."""
CELL_COLUMNS = ("city", "actor_type", *STATES, "total", "target", "share")
"""The columns of the table per city and actor type in the window (``fieldapp status``
leaves *Total* out: ``cli.CELL_FIGURES``)."""


_FIGURE_FORMATS = {
    "finalized_per_day": "{:.1f}",
    "median_minutes": "{:.0f}",
    "share_returned": "{:.0%}",
}
"""How a researcher's figure that is not a whole number is written."""


def researcher_figure(person: Researcher, column: str, missing: str) -> str:
    """Return ``person``'s figure under ``column`` as both tables write it (the window's
    and ``fieldapp status``'s), ``missing`` where there is none (no name, no day)."""
    value = getattr(person, column)
    if column == "interviewer":
        return str(value) or missing
    if value is None:
        return missing
    return _FIGURE_FORMATS.get(column, "{:d}").format(value)


def heading(column: str, language: str | None = None) -> str:
    """Return the heading of a column of either table (the window's and the terminal's)."""
    return text(f"progress.col.{column}", language)


@dataclass(frozen=True)
class Progress:
    """Every figure of the dashboard and of ``fieldapp status``."""

    cells: tuple[Cell, ...]
    researchers: tuple[Researcher, ...]
    quarantined: int = 0
    """Rows set aside in quarantine and so left out of every figure (``core.quarantine``)."""
    sealed_hidden: int = 0
    """Interviews of sealed forms left out because no key is open (``progress``)."""
    conflicts: int = 0
    """Interviews counted here that are in conflict (several heads): each counts as its
    newest version until the supervisor resolves it."""

    @property
    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys(STATES, 0)
        for cell in self.cells:
            for state, count in cell.counts.items():
                totals[state] = totals.get(state, 0) + count
        return totals

    def cell(self, city: str, actor_type: str) -> Cell | None:
        for cell in self.cells:
            if (cell.city, cell.actor_type) == (city, actor_type):
                return cell
        return None

    def study_grid(self) -> list[Cell]:
        """Every study city × actor type, empty ones too (so a target can be set, and a group
        nobody has interviewed yet seen, before any work), then the rest: the rows of the
        Progress desk and of ``fieldapp status``."""
        from fieldapp.core.interview_name import CITY_NAMES  # it names actors from here

        cells = []
        seen = set()
        for city in CITY_NAMES:
            for actor in ACTOR_TYPES:
                cells.append(self.cell(city, actor) or Cell(city, actor))
                seen.add((city, actor))
        cells.extend(c for c in self.cells if (c.city, c.actor_type) not in seen)
        return cells

    def to_json(self) -> dict[str, Any]:
        return {
            "totals": self.totals,
            "cells": [cell.to_json() for cell in self.cells],
            "researchers": [researcher.to_json() for researcher in self.researchers],
            "quarantined": self.quarantined,
            "conflicts": self.conflicts,
        }


# --- targets ------------------------------------------------------------------------------


def set_targets(store: Store, targets: Iterable[tuple[str, str, Any]], *, author: str = "") -> None:
    """Record several (city, actor type, number) targets: all of them, or none if one is refused.

    A number of None clears that target (``clear_target``). None to record takes no write
    lock: ``fieldapp status`` reads while a merge writes.
    """
    targets = list(targets)
    if not targets:
        return
    with store.transaction():
        for city, actor_type, target in targets:
            if target is None:
                clear_target(store, city, actor_type, author=author)
            else:
                set_target(store, city, actor_type, target, author=author)


def set_target(store: Store, city: str, actor_type: str, target: Any, *, author: str = "") -> str:
    """Record the number of approved interviews wanted for a city and actor type."""
    _check_group(city, actor_type)
    try:
        number = int(str(target).strip())
    except ValueError:
        number = -1
    if number < 0:
        raise FieldappError("review.bad_target", city=city, actor=actor_type, value=target)
    if number > MAX_TARGET:  # every laptop's merge would refuse it (``validate``)
        raise FieldappError("review.target_too_large", city=city, actor=actor_type, value=target)
    _check_known_group(store, city, actor_type)
    return _decide(store, city, actor_type, number, author)


def clear_target(store: Store, city: str, actor_type: str, *, author: str = "") -> str:
    """Record that a city and actor type no longer has a target; refuse when it has none.

    A clear is a target event of its own (null), ordered like the others: a target set
    on another laptop after it had seen the clear wins, and one set before loses.
    """
    _check_group(city, actor_type)
    _check_known_group(store, city, actor_type)
    if (city, actor_type) not in targets(store):
        raise FieldappError("review.no_target_to_clear", city=city, actor=actor_type)
    return _decide(store, city, actor_type, None, author)


def _decide(store: Store, city: str, actor_type: str, number: int | None, author: str) -> str:
    """Record a target decision: a number, or None to clear it (one event kind for both)."""
    payload = {"city": city, "actor_type": actor_type, "target": number}
    return store.events.add(STUDY_WIDE, TARGET, payload, author=author)


def _check_group(city: str, actor_type: str) -> None:
    if not str(city).strip() or not str(actor_type).strip():
        raise FieldappError("review.blank_target_group", city=city, actor=actor_type)


def _check_known_group(store: Store, city: str, actor_type: str) -> None:
    # A target is an insert-only event that merges everywhere: a typo would stay for good.
    cities, actors = target_groups(store)
    if city not in cities:
        raise FieldappError(
            "review.unknown_target_city", city=city, cities=", ".join(cities) or "—"
        )
    if actor_type not in actors:
        raise FieldappError(
            "review.unknown_target_actor", actor=actor_type, actors=", ".join(actors) or "—"
        )


def group_codes(store: Store, city: str | None, actor_type: str | None) -> tuple[str, str]:
    """Return the codes of a city and an actor type each given by its code or as a person
    reads it: the words the table prints (*Ciudad Juárez*, *Sociedad civil*), in any of the
    forms' languages for a city and English or Spanish for an actor, case and accents
    aside. A name that matches none is returned as given (stripped), for the caller's
    check to refuse with the codes it knows; None reads as ""."""
    from fieldapp.core.export.columns import city_choices

    city, actor_type = (city or "").strip(), (actor_type or "").strip()
    cities, actors = target_groups(store)
    if city and city not in cities:
        named = {_folded(code): code for code in cities}
        for record in held_forms(store):
            for choice in city_choices(store.forms.load(record.sha256)):
                for label in choice.labels.values():
                    named.setdefault(_folded(label), choice.name)
        city = named.get(_folded(city), city)
    if actor_type and actor_type not in actors:
        named = {_folded(code): code for code in actors}
        for code in ACTOR_TYPES:
            for language in ("en", "es"):
                named.setdefault(_folded(actor_name(code, language)), code)
        actor_type = named.get(_folded(actor_type), actor_type)
    return city, actor_type


def _folded(words: str) -> str:
    """``words`` as a name typed is compared: no case, no accents, single spaces (a
    terminal without a Spanish keyboard types *Ciudad Juarez*)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(words.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def target_groups(store: Store) -> tuple[list[str], list[str]]:
    """Return the cities and actor types a target may name, each sorted.

    Those the database's forms offer (the choices of their ``city`` question, their
    ``actor_type``) and those its interviews are listed under.
    """
    from fieldapp.core.demo import actor_of
    from fieldapp.core.export.columns import city_choices

    cities: set[str] = set()
    actors: set[str] = set()
    for record in held_forms(store):
        form = store.forms.load(record.sha256)
        actors.add(actor_of(form))
        cities.update(choice.name for choice in city_choices(form))
    # ``listing`` is one of the tables the store documents for other areas to read.
    for listed_city, listed_actor in store.conn.execute(
        "SELECT DISTINCT city, actor_type FROM listing"
    ):
        cities.add(listed_city)
        actors.add(listed_actor)
    cities.discard("")
    actors.discard("")
    return sorted(cities), sorted(actors)


def targets(store: Store) -> dict[tuple[str, str], int]:
    """Return the latest target of each (city, actor type) whose latest is not a clear.

    Latest by the Lamport counter of the event's signature (after everything its writer
    had seen), not by its time: a device's clock, or a forged date, cannot jump it.
    Unsigned targets of an older fieldapp come first, by time.
    """
    rows = store.conn.execute(
        "SELECT e.payload FROM events AS e LEFT JOIN signatures AS g "
        "ON g.row_table = 'events' AND g.row_uuid = e.uuid "
        "WHERE e.kind = ? AND e.submission_uuid = ? "
        f"AND e.uuid NOT IN {quarantined_sql('events')} "
        f"AND NOT {unsigned_of_signer_sql('events', 'e')} "
        "ORDER BY coalesce(g.counter, 0), e.at, e.uuid",
        [TARGET, STUDY_WIDE],
    )
    found: dict[tuple[str, str], int] = {}
    for (payload,) in rows:
        data = json.loads(payload)
        number = None if data["target"] is None else int(data["target"])
        group = (str(data["city"]), str(data["actor_type"]))
        if number is None:  # cleared
            found.pop(group, None)
        else:
            found[group] = number
    return found


# --- the figures ----------------------------------------------------------------------------


def progress(store: Store, *, hide_sealed: bool = False) -> Progress:
    """Count the interviews by city × actor type × state and measure each researcher.

    ``hide_sealed`` (the desktop passes ``store.keys.hides_sealed()``): leave out the
    interviews of sealed forms and only count them, as the interview list does before the
    drafts passphrase or the study key: per city, actor type and interviewer the figures
    would tell a glance at the screen who interviewed a security force where.
    """
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    hidden = 0
    if hide_sealed and store.keys.has_sealed_forms():  # notes each form's answer in meta
        hidden = count_sealed_listed(store.conn)
    left_out = f" WHERE submission_uuid NOT IN ({SEALED_SUBMISSIONS})" if hidden else ""
    rows = store.conn.execute(
        f"SELECT city, actor_type, state, count(*) FROM listing{left_out} "
        "GROUP BY city, actor_type, state"
    )
    for city, actor_type, state, count in rows:
        counts[(city, actor_type)][state] = count
    conflicts = store.conn.execute(
        f"SELECT count(*) FROM listing{left_out or ' WHERE 1'} AND head_count > 1"
    ).fetchone()[0]
    wanted = targets(store)
    # The study's order of actor types (``fieldapp status`` as the Progress desk shows
    # them: security forces before key informants), any other after them by its code.
    groups = sorted(
        set(counts) | set(wanted), key=lambda group: (group[0], actor_rank(group[1]), group[1])
    )
    cells = tuple(
        Cell(city, actor, dict(counts.get((city, actor), {})), wanted.get((city, actor)))
        for city, actor in groups
    )
    return Progress(
        cells=cells,
        researchers=_researchers(store, hide_sealed=bool(hidden)),
        quarantined=skipped(store.conn),
        sealed_hidden=hidden,
        conflicts=int(conflicts),
    )


def conflicts_line(count: int, language: str | None = None) -> str | None:
    """Return the line that says ``count`` interviews are in conflict (None for 0)."""
    return text("progress.conflicts", language, count=count) if count else None


def sealed_hidden_line(count: int, language: str | None = None) -> str | None:
    """Return the line that says ``count`` sealed interviews were left out (None for 0)."""
    return text("store.sealed_hidden", language, count=count) if count else None


def _researchers(store: Store, *, hide_sealed: bool = False) -> tuple[Researcher, ...]:
    conn = store.conn
    hidden = {row[0] for row in conn.execute(SEALED_SUBMISSIONS)} if hide_sealed else set[str]()
    first_final: dict[str, tuple[str, Any, Any]] = {}
    """submission -> (saved_at, start, end) of its first finalized revision.

    A sealed revision (or a form without start/end) falls back on the moment the
    interview was started and the moment it was first finalized."""
    shas = [row[0] for row in conn.execute("SELECT DISTINCT form_sha256 FROM submissions")]
    for sha256 in shas:
        start_key, end_key = _start_end_keys(store, sha256)
        # Only the two metadata values are read out of each revision's JSON, in SQLite.
        rows = conn.execute(
            "SELECT r.submission_uuid, r.saved_at, "
            "coalesce(json_extract(r.answers, ?), s.created_at), "
            "coalesce(json_extract(r.answers, ?), r.saved_at) FROM revisions AS r "
            "JOIN submissions AS s ON s.uuid = r.submission_uuid "
            "WHERE r.state = 'finalized' AND s.form_sha256 = ? ORDER BY r.saved_at, r.uuid",
            [_json_path(start_key), _json_path(end_key), sha256],
        )
        for submission, saved_at, start, end in rows:
            first_final.setdefault(submission, (saved_at, start, end))
    returned = {
        row[0]
        for row in conn.execute(
            "SELECT submission_uuid FROM revisions WHERE state = ?", ["returned"]
        )
    }
    interviewer = dict(conn.execute("SELECT uuid, interviewer FROM submissions").fetchall())
    # The code as the interview answers it, where corrected (the listing says it, sealed
    # interviews too): the list and the counts by city already follow it.
    interviewer.update(conn.execute("SELECT submission_uuid, interviewer FROM listing"))

    finalized: dict[str, int] = defaultdict(int)
    per_day: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    minutes: dict[str, list[float]] = defaultdict(list)
    returns: dict[str, int] = defaultdict(int)
    for submission, (saved_at, started, ended) in first_final.items():
        if submission in hidden:
            continue
        who = interviewer.get(submission, "")
        finalized[who] += 1
        returns[who] += submission in returned
        start, end = _moment(started), _moment(ended)
        day = end.date().isoformat() if end is not None else saved_at[:10]
        per_day[who][day] += 1
        duration = duration_minutes(start, end)
        if duration is not None:
            minutes[who].append(duration)
    return tuple(
        Researcher(
            interviewer=who,
            finalized=finalized[who],
            per_day=dict(sorted(per_day[who].items())),
            median_minutes=statistics.median(minutes[who]) if minutes[who] else None,
            returned=returns[who],
        )
        for who in sorted(finalized)
    )


def duration_minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    """Return the minutes from ``start`` to ``end``: the export's ``_duration_min`` too.

    Real time (offsets count), to a tenth of a minute; None when either is missing or the
    end comes first. The supervisor's median and the analyst's column must agree.
    """
    if start is None or end is None:
        return None
    elapsed = (end - start).total_seconds() / 60
    return round(elapsed, 1) if elapsed >= 0 else None


def _start_end_keys(store: Store, sha256: str) -> tuple[str | None, str | None]:
    """Return the keys of a form's ``start`` and ``end`` metadata questions."""
    start = end = None
    for question in store.forms.load(sha256).questions():
        if question.type is QuestionType.START and start is None:
            start = question.key
        elif question.type is QuestionType.END and end is None:
            end = question.key
    return start, end


def _json_path(key: str | None) -> str | None:
    """Return the SQLite JSON path of an answer key (``org/sectors`` is one member)."""
    return None if key is None else "$." + json.dumps(key)


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
