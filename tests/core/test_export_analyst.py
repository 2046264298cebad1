"""What an analyst meets opening the export: scales and counts that add up, no identity leaks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_choices, export_workbook
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("analyst")
    form = write_xlsform(
        folder / "cso.xlsx",
        survey=[
            row("text", "interviewer", "Interviewer code"),
            row("text", "respondent", "Name", sensitive="yes"),
            row("select_one trust", "trust", "Trust"),
            row("select_one zone", "zone", "Zone"),
            row("select_multiple sectors", "sectors", "Sectors"),
            row("calculate", "sector_count", calculation="count-selected(${sectors})"),
            row("calculate", "share", calculation="count-selected(${sectors}) div 4"),
            row("calculate", "greeting", calculation="concat('Hola ', ${respondent})"),
        ],
        choices=[
            choice("trust", "1", "None", "Nada"),
            choice("trust", "2", "A lot", "Mucha"),
            choice("trust", "98", "Don't know", "No sabe"),
            choice("zone", "01", "Centre", "Centro"),  # a code with a leading zero
            choice("zone", "02", "East", "Oriente"),
            choice("sectors", "ngo", "NGOs", "ONG"),
            choice("sectors", "faith", "Faith groups", "Grupos religiosos"),
        ],
        settings={
            "form_id": "cso",
            "version": "1",
            "default_language": "Español (es)",
            "instance_name": "concat(${respondent}, ' · ', ${interviewer})",
        },
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(
            sha,
            {
                "interviewer": "TJ01",
                "respondent": "Doña Begoña Muñoz",
                "trust": "98",
                "zone": "01",
                "sectors": ["ngo", "faith"],
                "sector_count": "2",
                "share": "0.5",
                "greeting": "Hola Doña Begoña Muñoz",
                "meta/instanceName": "Doña Begoña Muñoz · TJ01",
            },
            finalize=True,
            city="Tijuana",
            interviewer="TJ01",
        )
    return db


def sheet(path: Path, name: str = "cso") -> dict[str, Any]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
    return dict(zip(rows[0], rows[1], strict=True))


def test_numeric_codes_and_counts_are_numbers_that_add_up(database: Path, tmp_path: Path) -> None:
    out = export_workbook(database, tmp_path / "codes.xlsx").path
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["cso"].iter_rows(values_only=True))
    cells = dict(zip(rows[0], rows[1], strict=True))
    book.close()
    # Excel's SUM skips numbers stored as text: a scale or a count must be a number cell.
    assert cells["trust"] == 98 and isinstance(cells["trust"], int)
    assert cells["sector_count"] == 2 and cells["share"] == 0.5
    # A code list with leading zeros is codes, not numbers; text calculations stay text.
    assert cells["zone"] == "01"
    assert cells["greeting"] == "Hola Doña Begoña Muñoz"
    assert sheet(out)["trust"] == 98.0  # calamine reads a number too


def test_labels_are_still_labels_for_numeric_codes(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "labels.xlsx"
    export_workbook(database, out, ExportOptions(labels=True, language="es"))
    cells = sheet(out)
    assert cells["trust"] == "No sabe" and cells["zone"] == "Centro"
    assert cells["sectors"] == "ONG; Grupos religiosos"


@pytest.mark.usefixtures("every_row_written")
def test_deidentified_export_hides_the_interviewer_code_and_the_interview_name(
    database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "deid.xlsx"
    export_workbook(database, out, ExportOptions(deidentify=True))
    cells = sheet(out)
    # The form's own interviewer question carries the same pseudonym as _interviewer:
    # still groups by interviewer, never the code in clear beside it.
    assert cells["interviewer"] == cells["_interviewer"] != "TJ01"
    assert str(cells["interviewer"]).startswith("int-")
    assert "respondent" not in cells and "meta/instanceName" not in cells
    # A calculation built from the withheld name goes too; one from other answers stays.
    assert "greeting" not in cells and cells["sector_count"] == 2
    every_cell = [
        str(value)
        for rows in CalamineWorkbook.from_path(str(out)).get_sheet_by_name("cso").to_python()
        for value in rows
    ]
    assert not any("TJ01" in value or "Begoña" in value for value in every_cell)


def test_duration_counts_real_time_when_end_was_stamped_on_another_offset(
    tmp_path: Path,
) -> None:
    form = write_xlsform(
        tmp_path / "timed.xlsx",
        survey=[row("start", "start"), row("end", "end"), row("text", "note_text", "Note")],
        settings={"form_id": "timed", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        # 18:29 in Ciudad Juárez is 00:29 UTC: the interview took 87 minutes, not 7 hours.
        answers = {"start": "2026-09-27T18:29:29-06:00", "end": "2026-09-28T01:56:44+00:00"}
        store.interviews.submit(sha, answers, city="Juárez")  # a draft keeps the end it was given
    out = tmp_path / "timed.xlsx.out.xlsx"
    export_workbook(db, out, ExportOptions(drafts=True))
    cells = sheet(out, "timed")
    assert cells["_duration_min"] == 87.2
    assert cells["_started"].isoformat() == "2026-09-27T18:29:29"
    assert cells["_ended"].isoformat() == "2026-09-27T19:56:44"  # on the start's clock


def _cities_database(folder: Path, *, typed_city: bool = False) -> Path:
    """A form whose city question labels its codes; one interview from ``juarez``."""
    form = write_xlsform(
        folder / "cities.xlsx",
        survey=[row("select_one city", "city", "City", "Ciudad")],
        choices=[
            choice("city", "juarez", "Ciudad Juárez", "Ciudad Juárez"),
            choice("city", "nuevo_laredo", "Nuevo Laredo", "Nuevo Laredo"),
        ],
        settings={"form_id": "cities", "version": "1"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(sha, {"city": "juarez"}, finalize=True, city="juarez")
        if typed_city:  # typed by hand: no label to find
            store.interviews.submit(sha, {}, finalize=True, city="Reynosa")
    return db


def test_the_export_dialog_lists_cities_by_their_names_not_their_codes(tmp_path: Path) -> None:
    db = _cities_database(tmp_path, typed_city=True)
    choices = export_choices(db)
    assert choices.cities == ("Reynosa", "juarez")  # the codes filter the export
    assert [choices.city_label(c, "es") for c in choices.cities] == ["Reynosa", "Ciudad Juárez"]


def test_a_corrected_interview_keeps_the_duration_of_its_first_finalizing(
    tmp_path: Path,
) -> None:
    form = write_xlsform(
        tmp_path / "timed.xlsx",
        survey=[row("start", "start"), row("end", "end"), row("text", "story", "Story")],
        settings={"form_id": "timed", "version": "1"},
    )
    now = [dt.datetime(2026, 6, 1, 10, 45, tzinfo=dt.UTC)]
    db = tmp_path / "field.db"
    with Store.open(db, clock=lambda: now[0]) as store:
        sha = store.forms.add(form).sha256
        started = {"start": "2026-06-01T10:00:00+00:00", "story": "primera versión"}
        submission, _ = store.interviews.submit(sha, started, finalize=True, city="Tijuana")
        now[0] += dt.timedelta(days=2)  # the supervisor corrects it two days later
        store.interviews.reopen(submission)
        store.interviews.autosave(
            submission, {**store.interviews.working_answers(submission), "story": "corregida"}
        )
        store.interviews.finalize(submission)
    out = tmp_path / "timed.xlsx.out.xlsx"
    export_workbook(db, out)
    cells = sheet(out, "timed")
    assert cells["story"] == "corregida"  # the current answers...
    assert cells["_duration_min"] == 45.0  # ...but the interview took 45 minutes, not 2 days
    assert cells["_ended"].isoformat() == "2026-06-01T10:45:00"


def test_a_city_is_found_by_its_name_in_any_case_and_an_unknown_one_is_refused(
    tmp_path: Path,
) -> None:
    form = write_xlsform(
        tmp_path / "cities.xlsx",
        survey=[row("select_one city", "city", "City")],
        choices=[
            choice("city", "juarez", "Ciudad Juárez", "Ciudad Juárez"),
            choice("city", "tijuana", "Tijuana", "Tijuana"),
        ],
        settings={"form_id": "cities", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for city in ("juarez", "juarez", "tijuana"):
            store.interviews.submit(sha, {"city": city}, finalize=True, city=city)
    out = tmp_path / "one.xlsx"
    # What a supervisor types: the name, or the code with a capital.
    assert export_workbook(db, out, ExportOptions(cities=("ciudad juárez",))).interviews == 2
    assert export_workbook(db, out, ExportOptions(cities=("Tijuana",))).interviews == 1
    out.unlink()
    with pytest.raises(FieldappError) as refused:
        export_workbook(db, out, ExportOptions(cities=("Mexicali",)))
    assert refused.value.code == "export.unknown_city"
    assert "juarez (Ciudad Juárez), tijuana" in refused.value.text("en")
    assert not out.exists()


@pytest.mark.usefixtures("every_row_written")
def test_review_decisions_cross_tab_in_two_categories_with_comments_beside_them(
    tmp_path: Path,
) -> None:
    form = write_xlsform(
        tmp_path / "visit.xlsx",
        survey=[row("integer", "age", "Age")],
        settings={"form_id": "visit", "version": "1"},
    )
    db = tmp_path / "field.db"
    comments = ("Falta la sección 3: mecanismos", "Revise la fecha")
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        ids = [store.interviews.submit(sha, {"age": age}, finalize=True)[0] for age in (30, 40, 50)]
        for submission, comment in zip(ids, comments, strict=False):
            store.review.return_interview(submission, comment=comment, author="Ana")
        store.review.approve(ids[2], author="Ana")
    rows = CalamineWorkbook.from_path(str(export_workbook(db, tmp_path / "r.xlsx").path))
    values = rows.get_sheet_by_name("visit").to_python()
    table = [dict(zip(values[0], line, strict=True)) for line in values[1:]]
    by_age = {line["age"]: (line["_review_state"], line["_review_comment"]) for line in table}
    assert by_age == {
        30: ("returned", comments[0]),
        40: ("returned", comments[1]),
        50: ("approved", ""),
    }
    shared = export_workbook(db, tmp_path / "d.xlsx", ExportOptions(deidentify=True))
    values = CalamineWorkbook.from_path(str(shared.path)).get_sheet_by_name("visit").to_python()
    assert "_review_comment" not in values[0], "a reviewer's words identify the interview"
    assert {line[values[0].index("_review_state")] for line in values[1:]} == {
        "returned",
        "approved",
    }


def test_a_labels_export_names_the_city_in_its_metadata_column_too(tmp_path: Path) -> None:
    db = _cities_database(tmp_path)
    labels = export_workbook(db, tmp_path / "l.xlsx", ExportOptions(labels=True, language="en"))
    shown = sheet(labels.path, "cities")
    # The city a cross-tab by _city shows is the one the city question shows, not its code.
    assert (shown["_city"], shown["city"]) == ("Ciudad Juárez", "Ciudad Juárez")
    codes = sheet(export_workbook(db, tmp_path / "c.xlsx").path, "cities")
    assert (codes["_city"], codes["city"]) == ("juarez", "juarez")
