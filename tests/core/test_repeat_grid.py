"""The History diff's repeats as grids: one row per entry, one column per question."""

from __future__ import annotations

from typing import Any

from fieldapp.core.repeat_grid import split_repeats
from fieldapp.core.review import FieldChange, flatten


def changes(older: dict[str, Any], newer: dict[str, Any]) -> list[FieldChange]:
    """The diff as ``core.review`` computes it between two answer sets."""
    before, after = dict(flatten(older)), dict(flatten(newer))
    found = []
    for where in [*after, *(k for k in before if k not in after)]:
        if before.get(where) != after.get(where):
            found.append(FieldChange(where, before.get(where), after.get(where)))
    return found


def test_changes_inside_a_repeat_become_one_grid_with_every_entry() -> None:
    older = {
        "city": "tijuana",
        "mechanisms": [
            {"mech_name": "Mesa", "kind": "named"},
            {"mech_name": "Comité", "kind": "dues"},
        ],
    }
    newer = {
        "city": "reynosa",
        "mechanisms": [
            {"mech_name": "Mesa", "kind": "named"},
            {"mech_name": "Comité", "kind": "named"},
            {"mech_name": "Red", "kind": "dues"},
        ],
    }
    plain, grids = split_repeats(None, older, newer, changes(older, newer))
    assert [c.field for c in plain] == ["city"]
    (grid,) = grids
    assert grid.repeat == "mechanisms"
    assert grid.columns == ("mech_name", "kind")
    assert [row.status for row in grid.rows] == ["same", "changed", "added"]
    second = grid.rows[1]
    assert [(c.before, c.after, c.changed) for c in second.cells] == [
        ("Comité", "Comité", False),
        ("dues", "named", True),
    ]
    assert grid.where(second, 1) == "mechanisms[2]/kind"
    assert all(c.changed and c.before is None for c in grid.rows[2].cells)


def test_a_removed_entry_keeps_its_old_answers_and_a_nested_repeat_has_its_own_grid() -> None:
    older = {
        "mechanisms": [
            {"mech_name": "Mesa", "actors": [{"who": "policía"}, {"who": "iglesia"}]},
            {"mech_name": "Comité", "actors": [{"who": "escuela"}]},
        ]
    }
    newer = {"mechanisms": [{"mech_name": "Mesa", "actors": [{"who": "policía"}]}]}
    plain, grids = split_repeats(None, older, newer, changes(older, newer))
    assert plain == []
    by_repeat = {grid.repeat: grid for grid in grids}
    assert set(by_repeat) == {"mechanisms", "mechanisms[1]/actors", "mechanisms[2]/actors"}
    outer = by_repeat["mechanisms"]
    assert outer.columns == ("mech_name",), "the nested repeat is not a column"
    assert [row.status for row in outer.rows] == ["same", "removed"]
    assert outer.rows[1].cells[0].before == "Comité" and outer.rows[1].cells[0].after is None
    inner = by_repeat["mechanisms[1]/actors"]
    assert [(row.number, row.status) for row in inner.rows] == [(1, "same"), (2, "removed")]


def test_an_unanswered_question_makes_no_empty_column_and_blank_equals_absent() -> None:
    older = {"visits": [{"place": "Centro", "note": ""}]}
    newer = {"visits": [{"place": "Norte"}]}
    _, (grid,) = split_repeats(None, older, newer, changes(older, newer))
    assert grid.columns == ("place",)
    assert grid.rows[0].cells[0].changed
