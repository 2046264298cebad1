"""The workbook as an analyst opens it: finished interviews only, and columns that show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

EN = "label::English (en)"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fit")
    form = write_xlsform(
        folder / "visit.xlsx",
        survey=[
            {"type": "start", "name": "start"},
            {"type": "end", "name": "end"},
            {"type": "datetime", "name": "agreed", EN: "Agreed"},
            {"type": "text", "name": "story", EN: "Story"},
        ],
        settings={"form_id": "visit", "version": "1"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        answers = {"start": "2026-10-21T10:15:00-06:00", "agreed": "2026-10-21T18:30:00"}
        store.interviews.submit(
            sha, {**answers, "story": "done"}, finalize=True, city="Ciudad Juárez"
        )
        store.interviews.submit(sha, {**answers, "story": "half"}, city="Ciudad Juárez")
    return db


def rows(path: Path, title: str) -> list[dict[str, Any]]:
    book = openpyxl.load_workbook(path)
    values = list(book[title].values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def about(path: Path) -> dict[str, Any]:
    return {row[0]: row[1] for row in openpyxl.load_workbook(path)["about"].values}


def test_drafts_stay_out_unless_asked_for_and_about_says_which(
    database: Path, tmp_path: Path
) -> None:
    default = export_workbook(database, tmp_path / "default.xlsx", ExportOptions())
    assert default.interviews == 1
    assert [r["story"] for r in rows(default.path, "visit")] == ["done"]
    assert about(default.path)["Drafts"].startswith("left out")

    everything = export_workbook(database, tmp_path / "all.xlsx", ExportOptions(drafts=True))
    assert sorted(r["story"] for r in rows(everything.path, "visit")) == ["done", "half"]
    assert about(everything.path)["Drafts"] == "included"

    only = export_workbook(database, tmp_path / "drafts.xlsx", ExportOptions(states=("draft",)))
    assert [r["story"] for r in rows(only.path, "visit")] == ["half"]


def test_columns_are_wide_enough_for_what_they_show(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "fit.xlsx", ExportOptions())
    sheet = openpyxl.load_workbook(result.path)["visit"]
    headers = [cell.value for cell in sheet[1]]
    widths = {
        header: sheet.column_dimensions[openpyxl.utils.get_column_letter(number)].width
        for number, header in enumerate(headers, 1)
    }
    first = rows(result.path, "visit")[0]
    # A date and time needs its 19 characters and a margin, or Excel shows ###.
    for name in ("_started", "_ended", "agreed"):
        assert widths[name] >= len(first[name].strftime("%Y-%m-%d %H:%M:%S")) + 1
    assert widths["_device"] >= len(first["_device"])  # a device id is a whole uuid
    assert widths["_city"] >= len("Ciudad Juárez") + 1


def test_the_codebook_and_about_wrap_their_text_in_rows_tall_enough_to_read_it(
    tmp_path: Path,
) -> None:
    long_label = "How often did your organisation meet the municipal police in that period?"
    form = write_xlsform(
        tmp_path / "often.xlsx",
        survey=[{"type": "select_one frequency", "name": "often", EN: long_label}],
        choices=[
            {"list_name": "frequency", "name": code, EN: label}
            for code, label in (("weekly", "Every week"), ("monthly", "Every month"))
        ],
        settings={"form_id": "often", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.interviews.submit(store.forms.add(form).sha256, {"often": "weekly"}, finalize=True)
    result = export_workbook(db, tmp_path / "often.xlsx", ExportOptions())
    book = openpyxl.load_workbook(result.path)
    sheet = book["codebook"]
    headers = [cell.value for cell in sheet[1]]
    row = next(
        r for r in sheet.iter_rows(min_row=2) if r[headers.index("variable")].value == "often"
    )
    for name in ("label::English (en)", "choices::English (en)", "relevant"):
        number = headers.index(name)
        letter = openpyxl.utils.get_column_letter(number + 1)
        width = sheet.column_dimensions[letter].width
        assert width >= 30, f"{name} is {width} wide: its text would be cut at the next column"
        if row[number].value is not None:
            assert row[number].alignment.wrap_text and row[number].alignment.vertical == "top"
    label = row[headers.index("label::English (en)")]
    assert label.value == long_label
    # Two lines of label (74 characters in 48), two choices: a row at least two lines tall.
    assert (sheet.row_dimensions[label.row].height or 0) >= 30
    drafts = next(r for r in book["about"].iter_rows() if r[0].value == "Drafts")
    assert drafts[1].alignment.wrap_text
    assert (book["about"].row_dimensions[drafts[1].row].height or 0) >= 30


def test_about_speaks_the_language_the_export_was_asked_in(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDAPP_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "es_MX.UTF-8")  # a Spanish desktop
    english = export_workbook(database, tmp_path / "en.xlsx", ExportOptions(language="en"))
    assert "Exported at" in about(english.path)
    desktop = export_workbook(database, tmp_path / "desk.xlsx", ExportOptions())
    assert "Exportado el" in about(desktop.path), "no language asked: the desktop's"
