"""A repeat's changes between two revisions as a grid: one row per entry, one column per
question, the changed cells marked.

The History diff lists changed answers one per line (``Mechanism 2 › Year``); for a repeat
that reads as a pile of lines. ``split_repeats`` takes the changes inside repeats out of
that list and gives, for each repeat that changed, every entry of both revisions side by
side, so a supervisor sees which entry changed, which was added or removed, and what the
unchanged answers around a change were.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from fieldapp.core.answer_rows import element_at
from fieldapp.core.export.columns import walk_elements
from fieldapp.core.forms.model import Answers, Form, Question, Repeat
from fieldapp.core.review import FieldChange, blank, is_entries

_IN_ENTRY = re.compile(r"^(?P<repeat>.+)\[(?P<number>[0-9]+)\]/(?P<key>[^\[\]]+)$")
"""A change inside a repeat entry: ``org/mechanisms[2]/actors[1]/name`` -> the repeat
``org/mechanisms[2]/actors``, entry 1, question key ``name`` (its innermost repeat)."""

EntryStatus = Literal["same", "changed", "added", "removed"]


@dataclass(frozen=True)
class RepeatGrid:
    repeat: str
    """The repeat's path, outer entries numbered: ``mechanisms`` or ``mechanisms[2]/actors``."""
    columns: tuple[str, ...]
    """The question keys inside an entry, in form order (then any the form lacks)."""
    rows: tuple[GridRow, ...]

    def where(self, row: GridRow, column: int) -> str:
        """Return a cell's answer path (``mechanisms[2]/mech_year``), as the diff names it."""
        return f"{self.repeat}[{row.number}]/{self.columns[column]}"


@dataclass(frozen=True)
class GridRow:
    number: int
    """The entry's number, from 1, as in the diff's paths."""
    status: EntryStatus
    cells: tuple[GridCell, ...]
    """One per column of the grid, in its order."""


@dataclass(frozen=True)
class GridCell:
    before: Any
    after: Any
    changed: bool


def split_repeats(
    form: Form | None, older: Answers, newer: Answers, changes: Sequence[FieldChange]
) -> tuple[list[FieldChange], list[RepeatGrid]]:
    """Return the changes outside repeats, and a grid for each repeat with a change.

    Grids come in the order their first change came.
    """
    plain: list[FieldChange] = []
    repeats: list[str] = []
    for change in changes:
        match = _IN_ENTRY.match(change.field)
        if match is None:
            plain.append(change)
        elif match.group("repeat") not in repeats:
            repeats.append(match.group("repeat"))
    return plain, [_grid(form, repeat, older, newer) for repeat in repeats]


def _grid(form: Form | None, repeat: str, older: Answers, newer: Answers) -> RepeatGrid:
    before, after = _entries(older, repeat), _entries(newer, repeat)
    columns = _columns(form, repeat, [*after, *before])
    rows = []
    for number in range(1, max(len(before), len(after)) + 1):
        old = before[number - 1] if number <= len(before) else None
        new = after[number - 1] if number <= len(after) else None
        cells = tuple(_cell(old, new, key) for key in columns)
        status: EntryStatus
        if old is None:
            status = "added"
        elif new is None:
            status = "removed"
        else:
            status = "changed" if any(cell.changed for cell in cells) else "same"
        rows.append(GridRow(number, status, cells))
    return RepeatGrid(repeat, tuple(columns), tuple(rows))


def _cell(old: dict[str, Any] | None, new: dict[str, Any] | None, key: str) -> GridCell:
    before = None if old is None else _value(old.get(key))
    after = None if new is None else _value(new.get(key))
    return GridCell(before, after, before != after)


def _value(value: Any) -> Any:
    return None if blank(value) else value  # as the diff reads it


def _entries(answers: Answers, repeat: str) -> list[dict[str, Any]]:
    """Return the entries of ``repeat`` (``mechanisms[2]/actors``) in ``answers``."""
    parts = re.split(r"\[([0-9]+)\]/", repeat)
    scope: Any = answers
    for position in range(0, len(parts) - 1, 2):
        entries = scope.get(parts[position]) if isinstance(scope, dict) else None
        number = int(parts[position + 1])
        if not isinstance(entries, list) or not 0 < number <= len(entries):
            return []
        scope = entries[number - 1]
    found = scope.get(parts[-1]) if isinstance(scope, dict) else None
    if not isinstance(found, list):
        return []
    return [entry if isinstance(entry, dict) else {} for entry in found]


def _columns(form: Form | None, repeat: str, entries: Sequence[dict[str, Any]]) -> list[str]:
    """Return the keys answered in some entry, in form order; nested repeats are left to
    their own grid, and a question no entry answers makes no empty column."""
    answered: dict[str, None] = {}
    for entry in entries:
        for key, value in entry.items():
            if blank(value) or is_entries(value):
                continue
            answered[key] = None
    columns: list[str] = []
    element = element_at(form, f"{repeat}[1]") if form is not None else None
    if isinstance(element, Repeat):
        columns = [
            child.key
            for child in walk_elements(element)
            if isinstance(child, Question) and child.key in answered
        ]
    return columns + [key for key in answered if key not in columns]
