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
repeat's entry counted from 1, as in XPath.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fieldapp.core.forms.model import Group, Ref, Repeat, show_ref

_ENTRY = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Place:
    """A question of the interview and, in a text field, the cursor's position in it."""

    ref: Ref
    cursor: int | None = None

    @property
    def path(self) -> str:
        return show_ref(self.ref)

    def to_json(self) -> str:
        return json.dumps({"path": self.path, "cursor": self.cursor}, ensure_ascii=False)

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
        return None if ref is None else cls(ref, cursor)


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
