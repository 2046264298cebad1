"""Where the researcher was in an interview: the question she typed in, and the cursor.

A laptop that dies mid-sentence in section 6 must not leave her hunting for her place
while the interviewee waits. The place is kept beside the working copy, written in the
same transaction as each autosave (``Interviews.autosave``), so it survives a SIGKILL
exactly as the answers do; reopening the draft goes back to it (``FormView.resume``).

It is this laptop's own, as the working copy is: it is kept out of revisions (they travel
to other laptops and to the supervisor), and a package leaves it behind. For a sealed
form it is encrypted under the interview's drafts key, as the working copy's answers are:
which question was being asked says what part of the interview was being discussed.

The path is the one a person reads (``org/mechanisms[2]/mech_city``, ``show_ref``): the
repeat's entry counted from 1, as in XPath. A repeat entry has no identity of its own in
the answers (nor in ODK), and its number changes when a merge or a conflict resolution
removes or reorders the entries before it; so each entry on the path is kept with its
fingerprint (``entry_fingerprint``), and reopening finds it again by its answers
(``follow``) wherever it now is.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from fieldapp.core.forms.model import Answers, Form, Group, Ref, Repeat, show_ref
from fieldapp.core.row_bounds import MAX_REPEAT_INSTANCES, MAX_TEXT_CHARS

_ENTRY = re.compile(r"\[(\d+)\]")

FINGERPRINT_ANSWERS = 32
"""At most this many answers of an entry are kept to know it again: a long entry is known
by a part of them, and the place stays short enough for its padding (``sealing``)."""

PLACE_DIGESTS = 2 * FINGERPRINT_ANSWERS
"""At most this many digests in a place, shared by the entries on its path: two levels
keep ``FINGERPRINT_ANSWERS`` each, three or more a part each, so that the place still
fits its padding (``sealing.PLACE_BUCKET``) however deep the repeats nest. Three levels of
32 passed it: the padded length then said how many answers her entries held."""

_DIGEST_CHARS = 16
"""Hex characters kept of each answer's digest: 64 bits, no two answers of a draft alike."""


@dataclass(frozen=True)
class EntryPrint:
    """What a repeat entry on a place's path held, to know it again (``which_entry``)."""

    answers: tuple[str, ...]
    """A digest of each of its answers, sorted (``entry_fingerprint``)."""
    among: int
    """How many entries the repeat had then."""


@dataclass(frozen=True)
class Place:
    """A question of the interview and, in a text field, the cursor's position in it."""

    ref: Ref
    cursor: int | None = None
    entries: tuple[EntryPrint, ...] | None = field(default=None, compare=False)
    """Each repeat entry on the path, outermost first, to find it again after its number
    changed (``follow``); None: only the number is known (a place written by an older
    fieldapp). Two places at the same question are the same place."""

    @classmethod
    def at(cls, ref: Ref, cursor: int | None, answers: Answers) -> Place:
        """Return the place at ``ref`` in ``answers``, each entry on its path fingerprinted."""
        entries: list[EntryPrint] = []
        holder: Any = answers
        kept = _digests_kept(sum(isinstance(step, int) for step in ref[1:]))
        for step, (key, number) in enumerate(pairwise(ref)):
            if not isinstance(number, int):
                continue
            listed = _entries(holder, key)
            entry = listed[number] if number < len(listed) else {}
            through = ref[step + 2] if step + 2 < len(ref) else None
            digests = entry_fingerprint(entry, through)[:kept]
            entries.append(EntryPrint(digests, len(listed)))
            holder = entry
        return cls(ref, cursor, tuple(entries) if entries else None)

    @property
    def path(self) -> str:
        return show_ref(self.ref)

    def to_json(self) -> str:
        held: dict[str, Any] = {"path": self.path, "cursor": self.cursor}
        if self.entries is not None:  # an older fieldapp reads the path and cursor alone
            held["entries"] = [
                {"answers": list(entry.answers), "among": entry.among} for entry in self.entries
            ]
        return json.dumps(held, ensure_ascii=False)

    @classmethod
    def from_json(cls, stored: str | bytes) -> Place | None:
        """Read a place back; None for anything that is not one (nothing to go back to)."""
        try:
            held: Any = json.loads(stored)
            path, cursor = held["path"], held.get("cursor")
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        if not isinstance(path, str) or not path:
            return None
        if not (cursor is None or (isinstance(cursor, int) and cursor >= 0)):
            cursor = None
        ref = ref_of_path(path)
        if ref is None:
            return None
        return cls(ref, cursor, _entry_prints(held.get("entries"), ref))


def longest_place(form: Form) -> int:
    """Return how many bytes (UTF-8) the longest place of ``form`` takes: its longest
    question's path, each of its repeat entries numbered as high as an interview may
    number one, as many digests as the place keeps, and the longest cursor.

    A sealed place pads to this (``sealing.encrypt_place``) when it passes
    ``sealing.PLACE_BUCKET``: then every place of the form reads the same length, and
    the length no longer says which question she was at.
    """
    caches = form.caches
    if caches.longest_place is None:
        caches.longest_place = max(
            (len(_widest(keys).to_json().encode("utf-8")) for keys in form_order(form.root)),
            default=0,
        )
    return caches.longest_place


def _widest(keys: tuple[str, ...]) -> Place:
    """Return the longest place at the element ``keys`` names (``form_order``: each key
    but the last is a repeat's): each entry on its way at the highest number an interview
    may reach, every digest kept, the longest counts."""
    levels = len(keys) - 1
    ref: Ref = (*(step for key in keys[:-1] for step in (key, MAX_REPEAT_INSTANCES - 1)), keys[-1])
    entry = EntryPrint(("0" * _DIGEST_CHARS,) * _digests_kept(levels), MAX_REPEAT_INSTANCES)
    return Place(ref, MAX_TEXT_CHARS, (entry,) * levels if levels else None)


def _digests_kept(levels: int) -> int:
    """Return how many digests each of the ``levels`` repeat entries on a place's path
    keeps: they share ``PLACE_DIGESTS``, at most ``FINGERPRINT_ANSWERS`` and at least one
    each (``Place.at`` keeps them; ``longest_place`` counts on the same number)."""
    return max(1, min(FINGERPRINT_ANSWERS, PLACE_DIGESTS // max(levels, 1)))


def _entry_prints(held: Any, ref: Ref) -> tuple[EntryPrint, ...] | None:
    """Read the entries back; None (the numbers alone) for anything else."""
    levels = sum(isinstance(step, int) for step in ref)
    if not isinstance(held, list) or len(held) != levels or not levels:
        return None
    prints = []
    for entry in held:
        answers, among = (
            (entry.get("answers"), entry.get("among")) if isinstance(entry, dict) else (None, None)
        )
        if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
            return None
        if not isinstance(among, int) or isinstance(among, bool) or among < 0:
            return None
        prints.append(EntryPrint(tuple(answers), among))
    return tuple(prints)


def _entries(holder: Any, key: str | int) -> list[Any]:
    """Return the entries of the repeat ``key`` in ``holder`` (none for what is not)."""
    listed = holder.get(key) if isinstance(holder, dict) else None
    return listed if isinstance(listed, list) else []


def entry_fingerprint(entry: Any, through: str | int | None) -> tuple[str, ...]:
    """Return what knows a repeat entry again: a digest of each of its answers (its key
    with its value), sorted. The answer on the way to the place (``through``: the question
    being typed in, or the inner repeat holding it) is left out: it changes as she types,
    and a merge may well bring it back as another laptop had it."""
    if not isinstance(entry, dict):
        return ()
    digests = {_digest(key, value) for key, value in entry.items() if key != through}
    return tuple(sorted(digests))


def _digest(key: str, value: Any) -> str:
    text = json.dumps([key, value], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_DIGEST_CHARS]


def follow(place: Place, answers: Answers) -> Ref:
    """Return where ``place`` is in ``answers`` now: each repeat entry on its path found
    again, wherever it now is (``which_entry``).

    An entry that is gone gives the ref of that entry by its number, with nothing in it:
    ``nearest_earlier`` then lands before it, at the end of the entry before. A place
    without fingerprints (an older fieldapp's) is taken by its numbers, as it was.
    """
    if place.entries is None:
        return place.ref
    ref = list(place.ref)
    prints = iter(place.entries)
    holder: Any = answers
    for step, (key, recorded) in enumerate(pairwise(place.ref)):
        if not isinstance(recorded, int):
            continue
        entries = _entries(holder, key)
        through = place.ref[step + 2] if step + 2 < len(place.ref) else None
        found = which_entry(entries, next(prints), recorded, through)
        if found is None:
            return tuple(ref[: step + 2])
        ref[step + 1] = found
        holder = entries[found] if found < len(entries) else {}
    return tuple(ref)


def which_entry(
    entries: list[Any], kept: EntryPrint, recorded: int, through: str | int | None
) -> int | None:
    """Return which of ``entries`` is the one ``kept`` described at number ``recorded``.

    It is the entry sharing most of the answers kept, more than half of them; of entries
    sharing as many, the one at ``recorded``, else the nearest to it. When none shares
    that many, and there are as many entries as then, hers was edited in its place (on
    another laptop): the number. Fewer or more: hers is gone (None). An entry known by
    nothing (no answer but the one being typed) is known by its number alone.
    """
    if not kept.answers:
        return recorded
    digests = set(kept.answers)
    shared = [len(digests.intersection(entry_fingerprint(e, through))) for e in entries]
    best = max(shared, default=0)
    if 2 * best <= len(digests):
        return recorded if len(entries) == kept.among else None
    alike = [number for number, count in enumerate(shared) if count == best]
    return min(alike, key=lambda number: (abs(number - recorded), number))


def ref_of_path(path: str) -> Ref | None:
    """Return the ref ``show_ref`` wrote as ``path`` (None when it is not such a path)."""
    parts = _ENTRY.split(path)
    ref: list[str | int] = []
    for number, part in enumerate(parts):
        if number % 2:  # an entry, counted from 1
            entry = int(part)
            if entry < 1:
                return None
            ref.append(entry - 1)
            continue
        key = part.removeprefix("/") if number else part
        if key:
            ref.append(key)
        elif number == 0 or number < len(parts) - 1:
            return None  # "[2]x", "a[1][2]": no key before an entry
    return tuple(ref) if ref and isinstance(ref[0], str) else None


def form_order(root: Group) -> dict[tuple[str, ...], int]:
    """Number every element of a form in reading order, by its keys from the root
    (a repeat's key, then the key of its child, which is relative to the entry)."""
    order: dict[tuple[str, ...], int] = {}

    def number(group: Group, scope: tuple[str, ...]) -> None:
        for child in group.children:
            key = (*scope, child.key)
            order[key] = len(order)
            if isinstance(child, Repeat):
                number(child, key)
            elif isinstance(child, Group):
                number(child, scope)

    number(root, ())
    return order


def reading_position(order: dict[tuple[str, ...], int], ref: Ref) -> tuple[int, ...]:
    """Return where ``ref`` comes in reading order, comparable with any other ref's.

    A key the form does not hold ends the position there: its repeat entry (or the form's
    start), which comes before anything inside it.
    """
    position: list[int] = []
    scope: tuple[str, ...] = ()
    for step, following in zip(ref, (*ref[1:], None), strict=True):
        if isinstance(step, int):
            position.append(step)
            continue
        key = (*scope, step)
        if key not in order:
            break
        position.append(order[key])
        if isinstance(following, int):  # a repeat: what follows is relative to its entry
            scope = key
    return tuple(position)


def nearest_earlier(
    order: dict[tuple[str, ...], int], target: Ref, candidates: Iterable[Ref]
) -> Ref | None:
    """Return the candidate nearest before ``target`` in reading order (``target`` itself
    when it is one); None when every candidate comes after it."""
    aim = reading_position(order, target)
    best: tuple[tuple[int, ...], Ref] | None = None
    for ref in candidates:
        if ref == target:
            return ref
        where = reading_position(order, ref)
        if where <= aim and (best is None or where > best[0]):
            best = (where, ref)
    return None if best is None else best[1]
