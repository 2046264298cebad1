"""Answers as the desk shows them: labels for codes, repeat entries as rows chosen one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.answer_rows import (
    combine_rows,
    conflict_rows,
    differing_rows,
    element_at,
    piped_label,
    show_answer,
    show_row,
    where_title,
)
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form

EN = "label::English (en)"


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Form:
    path = write_xlsform(
        tmp_path_factory.mktemp("rows") / "f.xlsx",
        survey=[
            {"type": "begin_group", "name": "org", EN: "Organisation"},
            {"type": "select_multiple sectors", "name": "sectors", EN: "Sectors"},
            {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism"},
            {"type": "text", "name": "mech_name", EN: "Name"},
            {"type": "select_one kind", "name": "kind", EN: "Kind"},
            {"type": "end_repeat"},
            {"type": "end_group"},
        ],
        choices=[
            {"list_name": "sectors", "name": "ngo", EN: "NGOs"},
            {"list_name": "sectors", "name": "faith", EN: "Faith groups"},
            {"list_name": "kind", "name": "named", EN: "Named in a law"},
            {"list_name": "kind", "name": "dues", EN: "Paid by members"},
        ],
    )
    return load_form(path)


def test_codes_read_as_labels_with_the_codes_kept(form: Form) -> None:
    sectors = element_at(form, "org/sectors")
    for stored in (["ngo", "faith"], "ngo faith"):
        shown = show_answer(sectors, stored, "English (en)")
        assert (shown.text, shown.codes) == ("NGOs; Faith groups", "ngo faith")
    assert show_answer(sectors, ["gone"], "English (en)").text == "gone"  # unknown: as stored
    kind = element_at(form, "org/mechanisms[2]/kind")
    assert show_answer(kind, "dues", "English (en)").text == "Paid by members"
    assert where_title(form, "org/mechanisms[2]/kind", "English (en)") == "Mechanism 2 › Kind"
    assert where_title(form, "nowhere/else", "English (en)") == "nowhere/else"


def test_repeat_entries_are_rows_chosen_one_by_one(form: Form) -> None:
    mesa = {"mech_name": "Mesa", "kind": "named"}
    ana = {"org/sectors": ["ngo"], "org/mechanisms": [mesa, {"mech_name": "A", "kind": "dues"}]}
    beto = {
        "org/sectors": ["ngo"],
        "org/mechanisms": [mesa, {"mech_name": "B"}, {"mech_name": "C"}],
    }
    heads = [ana, beto]
    rows = conflict_rows(form, heads, ["org/sectors", "org/mechanisms"])
    assert rows == ["org/sectors", "org/mechanisms[1]", "org/mechanisms[2]", "org/mechanisms[3]"]
    assert differing_rows(heads, rows) == {"org/mechanisms[2]", "org/mechanisms[3]"}
    shown = show_row(form, ana["org/mechanisms"][1], "org/mechanisms[2]", "English (en)")
    assert (shown.text, shown.codes) == ("Name: A\nKind: Paid by members", "kind: dues")

    combined = combine_rows(heads, {"org/mechanisms[2]": 0, "org/mechanisms[3]": 1}, base=0)
    assert [m["mech_name"] for m in combined["org/mechanisms"]] == ["Mesa", "A", "C"]
    combined = combine_rows(heads, {"org/mechanisms[2]": 1, "org/mechanisms[3]": 0}, base=0)
    assert [m["mech_name"] for m in combined["org/mechanisms"]] == ["Mesa", "B"]  # ana has no 3rd
    assert combined["org/sectors"] == ["ngo"]


def test_a_piped_reference_reads_as_the_answer_only_where_every_version_gives_it(
    tmp_path: Path,
) -> None:
    path = write_xlsform(
        tmp_path / "p.xlsx",
        survey=[
            {"type": "select_one city", "name": "city", EN: "City"},
            {"type": "integer", "name": "year", EN: "Year"},
            {"type": "text", "name": "change", EN: "Since ${year}, has ${city} changed?"},
        ],
        choices=[
            {"list_name": "city", "name": "nuevo_laredo", EN: "Nuevo Laredo"},
            {"list_name": "city", "name": "tijuana", EN: "Tijuana"},
        ],
    )
    form = load_form(path)
    change = element_at(form, "change")
    assert change is not None
    one = {"city": "nuevo_laredo", "year": 2014}
    shown = piped_label(form, change, "English (en)", [one, dict(one)])
    assert shown == "Since 2014, has Nuevo Laredo changed?"  # a choice as its label
    other = {"city": "tijuana", "year": 2014}
    shown = piped_label(form, change, "English (en)", [one, other])
    assert shown == "Since 2014, has ${city} changed?", "the versions differ: as written"
    assert piped_label(form, change, "English (en)", [{}]) == "Since ${year}, has ${city} changed?"
