"""A zip's or a folder's about.csv names each data sheet by the file it is written to
("Filas en el archivo study.csv", "study.dta"), as a workbook's about names its sheets:
it said "Filas en la hoja study" of a zip that holds no sheet (smalls3)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

CHANGE = {"1": [("1", "Fell"), ("2", "Rose")], "2": [("1", "Rose"), ("2", "Fell")]}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rounds of one form, the second with its scale turned round: every export of
    codes warns where code 1 meant something else, naming where that column is."""
    folder = tmp_path_factory.mktemp("rounds")
    db = folder / "field.db"
    with Store.open(db) as store:
        for version, answer in (("1", "1"), ("2", "2")):
            survey: list[dict[str, Any]] = [
                {"type": "select_one change", "name": "change", "label": "Trust since then"}
            ]
            choices = [
                {"list_name": "change", "name": code, "label": label}
                for code, label in CHANGE[version]
            ]
            form = write_xlsform(
                folder / f"round{version}.xlsx",
                survey,
                choices,
                settings={"form_id": "study", "version": version},
            )
            sha = store.forms.add(form).sha256
            store.interviews.submit(sha, {"change": answer}, finalize=True)
    return db


def _about_zip(path: Path) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        return list(csv.reader(io.StringIO(archive.read("about.csv").decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("suffix", "file"), [(".zip", "study.csv"), (".dta", "study.dta"), (".sav", "study.sav")]
)
def test_a_zips_about_names_each_data_file(
    database: Path, tmp_path: Path, suffix: str, file: str
) -> None:
    result = export_workbook(
        database, tmp_path / f"out{suffix}", ExportOptions(about_language="es")
    )
    with zipfile.ZipFile(result.path) as archive:
        assert file in archive.namelist()  # the file the about names is there
    about = _about_zip(result.path)
    rows = [row for row in about if row[0].startswith(("Filas en la hoja", "Filas en el archivo"))]
    assert rows == [[f"Filas en el archivo {file}", "2", "study"]]
    warnings = [row[1] for row in about if row[0] == "Aviso" and "variable change" in row[1]]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"Archivo {file}, variable change: la versión 1")
    # No sheet named where there is none.
    assert not [cell for row in about for cell in row if cell.startswith(("Filas en la", "Hoja"))]


def test_a_workbooks_about_still_names_its_sheets(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "out.xlsx", ExportOptions(about_language="en"))
    about = CalamineWorkbook.from_path(str(result.path)).get_sheet_by_name("about").to_python()
    assert [row[:2] for row in about if str(row[0]).startswith("Rows in")] == [
        ["Rows in sheet study", 2]
    ]
    said = [row[1] for row in about if row[0] == "Warning" and "variable change" in row[1]]
    assert len(said) == 1 and said[0].startswith("Sheet study, variable change:")
