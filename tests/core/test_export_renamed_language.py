"""A form whose Spanish column was renamed between rounds: ``label::Español`` in version 1,
``label::Español (es)`` in version 2, nothing else changed.

An analyst exporting in Spanish reads every round in Spanish: load.R's levels, the
codebook's wordings and labels, a question only the first round asked, a choice piping a
question in, and no warning that a code was worded otherwise. Each older label used to be
looked up under the newest round's language name and fell back to the form's English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from export_files import csv_rows, unzipped
from openpyxl import load_workbook
from rscript import NO_R, RSCRIPT, run_r
from xlsform import EN, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.said import matching_language
from fieldapp.core.store import Store

SPANISH = {"1": "label::Español", "2": "label::Español (es)"}
"""Each round's name for its Spanish column: the only difference between the rounds."""

BEGAN_ES = "Año en que empezó el mecanismo"
HIGHER_ES = f"Más alta que en [{BEGAN_ES}]"
MEMBERS_ES = "¿Cuántos miembros tiene?"
DIALOG, TERMINAL = "Español (es)", "es"
"""The language as the export dialog passes it (the newest round's name), and as typed."""


def _row(version: str, kind: str, name: str, en: str, es: str) -> dict[str, str]:
    return {"type": kind, "name": name, EN: en, SPANISH[version]: es}


def _choice(version: str, list_name: str, name: str, en: str, es: str) -> dict[str, str]:
    return {"list_name": list_name, "name": name, EN: en, SPANISH[version]: es}


def _round(folder: Path, version: str) -> Path:
    survey = [
        _row(version, "integer", "began", "Year the mechanism began", BEGAN_ES),
        _row(version, "select_one yn", "works", "Does it work?", "¿Funciona?"),
        _row(version, "select_one change", "change", "Violence now", "Violencia ahora"),
    ]
    if version == "1":  # the second round no longer asks it
        survey.append(_row(version, "integer", "members", "How many members?", MEMBERS_ES))
    choices = [
        _choice(version, "yn", "yes", "Yes", "Sí"),
        _choice(version, "yn", "no", "No", "No"),
        _choice(version, "change", "1", "Higher than in ${began}", "Más alta que en ${began}"),
        _choice(version, "change", "2", "Lower", "Más baja"),
    ]
    settings = {"form_id": "study", "version": version, "default_language": "English (en)"}
    return write_xlsform(folder / f"round{version}.xlsx", survey, choices, settings=settings)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("renamed_language")
    db = folder / "field.db"
    with Store.open(db) as store:
        for version in ("1", "2"):
            sha = store.forms.add(_round(folder, version)).sha256
            for works in ("yes", "no"):
                answers: dict[str, Any] = {"began": 2014, "works": works, "change": "1"}
                if version == "1":
                    answers["members"] = 5
                store.interviews.submit(sha, answers, finalize=True)
    return db


def _older_rows_cells(rows: list[dict[str, Any]]) -> set[tuple[str, Any, Any]]:
    return {(str(r["_form_version"]), r["works"], r["change"]) for r in rows}


SPANISH_CELLS = {(version, works, HIGHER_ES) for version in "12" for works in ("Sí", "No")}


@pytest.mark.parametrize("language", [DIALOG, TERMINAL])
def test_a_spanish_labels_export_says_the_older_round_in_spanish(
    database: Path, tmp_path: Path, language: str
) -> None:
    result = export_workbook(
        database, tmp_path / "study.zip", ExportOptions(language=language, labels=True)
    )
    out = unzipped(result.path, tmp_path / "out")
    assert _older_rows_cells(csv_rows(out / "study.csv")) == SPANISH_CELLS
    assert result.warnings == ()
    codebook = {e["variable"]: e for e in csv_rows(out / "codebook.csv")}
    # One Spanish column: the older round's name is the same language.
    assert [h for h in codebook["works"] if h.startswith("label::")] == [
        "label::English (en)",
        "label::Español (es)",
    ]
    assert codebook["members"]["label::Español (es)"] == MEMBERS_ES
    assert codebook["works"]["choices::Español (es)"].splitlines() == ["yes = Sí", "no = No"]
    assert codebook["change"]["choices::Español (es)"].splitlines() == [
        f"1 = {HIGHER_ES}",
        "2 = Más baja",
    ]
    if RSCRIPT is None:
        pytest.skip(NO_R)
    script = r"""
source("load.R", chdir = TRUE)
d <- fieldapp$study
cat(paste(levels(d[["works"]]), collapse = "|"), "\n", sep = "")
cat(paste(levels(d[["change"]]), collapse = "|"), "\n", sep = "")
cat(attr(d[["members"]], "label"), "\n", sep = "")
cat(sum(is.na(d[["works"]])), "\n", sep = "")
"""
    works, change, members, missing = run_r(out, script).splitlines()
    assert works.split("|") == ["Sí", "No"], "no English level beside the Spanish ones"
    assert change.split("|") == [HIGHER_ES, "Más baja"]
    assert members == MEMBERS_ES
    assert missing == "0"


def test_a_spanish_codes_export_warns_of_no_relabelled_code(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "study.zip", ExportOptions(language=DIALOG))
    assert result.warnings == ()
    out = unzipped(result.path, tmp_path / "out")
    codebook = {e["variable"]: e for e in csv_rows(out / "codebook.csv")}
    assert codebook["works"]["choices::Español (es)"].splitlines() == ["yes = Sí", "no = No"]


def test_stata_says_the_older_rounds_question_in_spanish(database: Path, tmp_path: Path) -> None:
    options = ExportOptions(language=DIALOG)
    result = export_workbook(database, tmp_path / "study.dta", options)
    out = unzipped(result.path, tmp_path / "out")
    _, meta = pyreadstat.read_dta(str(out / "study.dta"), metadataonly=True)
    assert meta.column_names_to_labels["members"] == MEMBERS_ES
    assert meta.variable_value_labels["change"] == {1: HIGHER_ES, 2: "Más baja"}


def test_the_workbooks_older_rows_are_in_spanish(database: Path, tmp_path: Path) -> None:
    options = ExportOptions(language=DIALOG, labels=True)
    result = export_workbook(database, tmp_path / "study.xlsx", options)
    assert result.warnings == ()
    sheet = load_workbook(result.path, read_only=True)["study"]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    assert _older_rows_cells([dict(zip(header, r, strict=True)) for r in rows[1:]]) == (
        SPANISH_CELLS
    )


@pytest.mark.parametrize(
    ("older", "newest", "found"),
    [
        (("English (en)", "Spanish (es)"), "Español (es)", "Spanish (es)"),  # by its code
        (("English", "Español"), "Español (es)", "Español"),  # by its name without code
        (("english", "español"), "Español", "español"),  # in any case
        (("English (en)", "Español (mx)"), "Español (es)", "Español (mx)"),  # codes differ
        (("English (en)", "Français (fr)"), "Español (es)", None),
    ],
)
def test_an_older_version_finds_the_newest_versions_language_under_its_own_name(
    older: tuple[str, ...], newest: str, found: str | None
) -> None:
    assert matching_language(older, newest) == found
