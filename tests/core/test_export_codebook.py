"""The codebook as an analyst reads it: the form's own logic text, every condition shown."""

from __future__ import annotations

from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from xlsform import row, write_xlsform

from fieldapp.core.export import export_workbook
from fieldapp.core.store import Store


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("codebook")
    form = write_xlsform(
        folder / "logic.xlsx",
        survey=[
            {"type": "start", "name": "start"},
            {"type": "today", "name": "today"},
            row("integer", "years", "Years", constraint=". >= 0 and . < 80", required="yes"),
            row("text", "why", "Why", relevant="${years} > 1"),
            row("begin_group", "main", "Main", relevant="${years} >= 5"),
            row("text", "story", "Story", relevant="string-length(${why}) > 0"),
            row("date", "met_on", "Met on"),
            row("end_group", ""),
            row("begin_repeat", "meetings", "Meetings", relevant="${years} > 0"),
            row("integer", "hours", "Hours", constraint=". <= ${years} * 24"),
            row("end_repeat", ""),
            row(
                "calculate",
                "first_hours",
                calculation="indexed-repeat(${hours}, ${meetings}, 1)",
            ),
        ],
        settings={"form_id": "logic", "version": "1"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(
            sha, {"years": 6, "why": "x", "meetings": [{"hours": 2}]}, city="Tijuana"
        )
    out = folder / "logic.xlsx.out.xlsx"
    export_workbook(db, out)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("codebook").to_python()
    header = rows[0]
    return {r[header.index("variable")]: dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_logic_reads_as_the_author_wrote_it_not_as_xpath(
    codebook: dict[str, dict[str, Any]],
) -> None:
    assert codebook["why"]["relevant"] == "${years} > 1"
    assert codebook["years"]["constraint"] == ". >= 0 and . < 80"
    assert codebook["years"]["required"] == "yes"  # not XPath's true()
    assert codebook["hours"]["constraint"] == ". <= ${years} * 24"
    # indexed-repeat is resolved as a whole by the loader: the codebook still shows ${}.
    assert codebook["first_hours"]["calculation"] == "indexed-repeat(${hours}, ${meetings}, 1)"
    assert not any("/data" in str(cell) for entry in codebook.values() for cell in entry.values())


def test_a_question_inside_a_relevant_group_shows_the_groups_condition(
    codebook: dict[str, dict[str, Any]],
) -> None:
    # Blank cells in main/met_on are explained by the group's condition, then its own.
    assert codebook["main/met_on"]["relevant"] == "main: ${years} >= 5"
    assert codebook["main/story"]["relevant"] == "main: ${years} >= 5\nstring-length(${why}) > 0"
    assert codebook["hours"]["relevant"] == "meetings: ${years} > 0"
    assert codebook["why"]["relevant"] == "${years} > 1"


def test_metadata_the_device_fills_in_is_explained_in_each_language(
    codebook: dict[str, dict[str, Any]],
) -> None:
    assert codebook["start"]["label::English (en)"].startswith("Filled in by the device: when")
    assert codebook["today"]["label::Español (es)"] == (
        "Lo llena el equipo: el día de la entrevista"
    )
    assert codebook["years"]["label::English (en)"] == "Years"  # a label of the form wins
