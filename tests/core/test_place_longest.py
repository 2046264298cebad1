"""The longest place a form allows is the longest any interview reaches: a sealed draft's
place pads to it (``place.longest_place``), so one a few bytes longer would stand out
by its length on a seized laptop and say which question, which entries, she was at."""

from __future__ import annotations

from pathlib import Path

from test_attack_place_length import DEEP, FIELDS, _deep_level, _deep_survey
from xlsform import write_xlsform

from fieldapp.core.forms.loader import load_form
from fieldapp.core.place import Place, longest_place
from fieldapp.core.row_bounds import MAX_REPEAT_INSTANCES, MAX_TEXT_CHARS


def _last_entries() -> tuple[tuple[str | int, ...], dict[str, object]]:
    """The innermost question of the last entry an interview may hold at every level, and
    answers with that many entries along the way, every question of each answered."""
    last = MAX_REPEAT_INSTANCES - 1
    inner: dict[str, object] = {}
    ref: list[str | int] = []
    for depth in reversed(range(DEEP)):
        level = _deep_level(depth)
        entry: dict[str, object] = {f"{level}_{n}": f"respuesta {n}" for n in range(FIELDS)}
        if depth < DEEP - 1:
            entry[_deep_level(depth + 1)] = [{} for _ in range(last)] + [inner]
        inner = entry
    for depth in range(DEEP):
        ref += [_deep_level(depth), last]
    ref.append(f"{_deep_level(DEEP - 1)}_{FIELDS - 1}")
    return tuple(ref), {"q": "hola", _deep_level(0): [{} for _ in range(last)] + [inner]}


def test_no_place_of_the_last_entries_passes_the_forms_longest(tmp_path: Path) -> None:
    form = load_form(write_xlsform(tmp_path / "deep.xlsx", survey=_deep_survey()))
    ref, answers = _last_entries()
    place = Place.at(ref, MAX_TEXT_CHARS, answers)
    assert place.entries is not None and len(place.entries) == DEEP
    assert all(entry.among == MAX_REPEAT_INSTANCES for entry in place.entries)
    assert len(place.to_json().encode("utf-8")) <= longest_place(form)
