"""Codes a form marks as no answer (its choices' ``non_answer`` column): SPSS declares
them user-missing, Stata writes them as ``.a``, ``.b``..., ``load.R`` gives them as
``na_values``, and every codebook says which they are; the workbook and CSV keep them."""

from __future__ import annotations

import csv
import math
import zipfile
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from rscript import NO_R, RSCRIPT, run_r
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

REFUSED = {"non_answer": "yes"}


def _form(
    folder: Path, marked: bool, version: str = "1", left_out: frozenset[str] = frozenset()
) -> Path:
    """A scale (numbers) and a list of words, each with 97/98 (and 99) beside them;
    ``left_out`` names choices (``trust/99``) this version does not list."""
    extra = REFUSED if marked else {}
    choices = [
        choice("trust", "1", "None", "Nada"),
        choice("trust", "2", "A lot", "Mucha"),
        {**choice("trust", "97", "Refused", "Prefiere no responder"), **extra},
        {**choice("trust", "98", "Don't know", "No sabe"), **extra},
        {**choice("trust", "99", "Not applicable", "No aplica"), **extra},
        choice("yn", "yes", "Yes", "Sí"),
        choice("yn", "no", "No", "No"),
        {**choice("yn", "97", "Refused", "Prefiere no responder"), **extra},
        {**choice("yn", "98", "Don't know", "No sabe"), **extra},
    ]
    return write_xlsform(
        folder / "cso.xlsx",
        survey=[
            row("select_one trust", "trust", "Trust in the police", "Confianza"),
            row("select_one yn", "threatened", "Threatened?", "¿Amenazado?"),
            row("integer", "members", "Members", "Miembros"),
        ],
        choices=[c for c in choices if f"{c['list_name']}/{c['name']}" not in left_out],
        settings={"form_id": "cso", "version": version, "default_language": "English (en)"},
    )


def _database(folder: Path, marked: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    form = _form(folder, marked)
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for trust, threatened, members in (
            ("97", "yes", "97"),
            ("2", "98", "12"),
            ("99", "97", "3"),
            ("1", "no", "40"),
        ):
            store.interviews.submit(
                sha,
                {"trust": trust, "threatened": threatened, "members": members},
                finalize=True,
                city="Nuevo Laredo",
                interviewer="NL01",
            )
    return db


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _database(tmp_path_factory.mktemp("marked"), marked=True)


@pytest.fixture(scope="module")
def unmarked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _database(tmp_path_factory.mktemp("unmarked"), marked=False)


def _export(db: Path, out: Path) -> dict[str, Path]:
    result = export_workbook(db, out, ExportOptions(language="English (en)"))
    folder = out.parent / f"{out.name}-files"
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(folder)
        return {name: folder / name for name in archive.namelist()}


def _codebook(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {entry["variable"]: entry for entry in csv.DictReader(handle)}


def test_spss_declares_the_marked_codes_user_missing_and_keeps_them_labelled(
    marked: Path, tmp_path: Path
) -> None:
    files = _export(marked, tmp_path / "study.sav")
    data, meta = pyreadstat.read_sav(files["cso.sav"], user_missing=True)
    assert meta.missing_ranges["trust"] == [
        {"lo": 97.0, "hi": 97.0},
        {"lo": 98.0, "hi": 98.0},
        {"lo": 99.0, "hi": 99.0},
    ]
    assert meta.missing_ranges["threatened"] == [
        {"lo": 97.0, "hi": 97.0},
        {"lo": 98.0, "hi": 98.0},
    ]
    assert "members" not in meta.missing_ranges  # 97 members is a count, never a refusal
    assert data["trust"].tolist() == [97.0, 2.0, 99.0, 1.0]  # the codes stay
    assert meta.variable_value_labels["trust"][97.0] == "Refused"
    assert meta.variable_value_labels["threatened"][98.0] == "Don't know"
    # What SPSS's means see: the refusals are missing, the answers are not.
    plain, _ = pyreadstat.read_sav(files["cso.sav"])
    assert [v for v in plain["trust"].tolist() if not math.isnan(v)] == [2.0, 1.0]
    assert plain["members"].tolist() == [97.0, 12.0, 3.0, 40.0]
    book = _codebook(files["codebook.csv"])
    assert book["trust"]["non_answers"] == "97 98 99"
    assert book["trust"]["missing_in_file"] == "97 98 99"
    assert book["members"]["non_answers"] == ""


def test_stata_writes_the_marked_codes_as_extended_missing_with_their_labels(
    marked: Path, tmp_path: Path
) -> None:
    files = _export(marked, tmp_path / "study.dta")
    data, meta = pyreadstat.read_dta(files["cso.dta"], user_missing=True)
    assert data["trust"].tolist() == ["a", 2.0, "c", 1.0]
    assert data["threatened"].tolist()[1:3] == ["b", "a"]  # 98 and 97 in a list of words
    assert meta.variable_value_labels["trust"]["a"] == "Refused"
    assert meta.variable_value_labels["trust"]["c"] == "Not applicable"
    assert meta.variable_value_labels["threatened"]["b"] == "Don't know"
    assert meta.variable_value_labels["threatened"][1] == "Yes"
    assert data["members"].tolist() == [97.0, 12.0, 3.0, 40.0]
    # What summarize sees: missing, not 97.
    plain, _ = pyreadstat.read_dta(files["cso.dta"])
    assert [v for v in plain["trust"].tolist() if not math.isnan(v)] == [2.0, 1.0]
    book = _codebook(files["codebook.csv"])
    assert book["trust"]["missing_in_file"] == "97 = .a\n98 = .b\n99 = .c"
    assert book["threatened"]["missing_in_file"] == "97 = .a\n98 = .b"
    assert book["threatened"]["non_answers"] == "97 98"
    with files["about.csv"].open(encoding="utf-8-sig", newline="") as handle:
        about = {r[0]: r[1] for r in csv.reader(handle) if r}
    assert "97 = .a, 98 = .b" in about["Codes that are no answer"]


def test_the_workbook_and_csv_keep_the_codes_and_their_codebook_names_them(
    marked: Path, tmp_path: Path
) -> None:
    files = _export(marked, tmp_path / "study.zip")
    with files["cso.csv"].open(encoding="utf-8-sig", newline="") as handle:
        answers = list(csv.DictReader(handle))
    assert [a["trust"] for a in answers] == ["97", "2", "99", "1"]
    assert _codebook(files["codebook.csv"])["threatened"]["non_answers"] == "97 98"
    from openpyxl import load_workbook

    out = tmp_path / "study.xlsx"
    export_workbook(marked, out, ExportOptions())
    book = load_workbook(out, read_only=True)
    header, *rows = list(book["codebook"].iter_rows(values_only=True))
    by_name = {r[header.index("variable")]: r for r in rows}
    assert by_name["trust"][header.index("non_answers")] == "97 98 99"
    cells = list(book["cso"].iter_rows(values_only=True))
    assert [r[cells[0].index("trust")] for r in cells[1:]] == [97, 2, 99, 1]


def test_the_workbooks_about_points_to_what_exists_not_to_a_load_r_it_lacks(
    marked: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "study.xlsx"
    export_workbook(marked, out, ExportOptions())
    about = {r[0]: r[1] for r in load_workbook(out)["about"].iter_rows(values_only=True)}
    said = about["Codes that are no answer"]
    # The workbook sent the analyst to "load.R's fieldapp_na(x)": no load.R is beside it.
    assert "load.R's" not in said
    assert "before a mean or a model" in said and "CSV export" in said
    files = _export(marked, tmp_path / "study.zip")
    with files["about.csv"].open(encoding="utf-8-sig", newline="") as handle:
        beside = {r[0]: r[1] for r in csv.reader(handle) if r}
    assert "load.R's fieldapp_na(x)" in beside["Codes that are no answer"]


@pytest.mark.parametrize("suffix", [".sav", ".dta", ".zip", ".xlsx"])
def test_a_form_without_the_column_exports_its_codes_as_plain_values(
    unmarked: Path, tmp_path: Path, suffix: str
) -> None:
    """A form that marks nothing gets nothing declared: the analyst's own ``mvdecode``
    recipes written for such exports keep working, and no column is added."""
    out = tmp_path / f"study{suffix}"
    if suffix == ".xlsx":
        export_workbook(unmarked, out, ExportOptions())
        from openpyxl import load_workbook

        header = next(load_workbook(out, read_only=True)["codebook"].iter_rows(values_only=True))
        assert "non_answers" not in header
        return
    files = _export(unmarked, out)
    with files["codebook.csv"].open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert "non_answers" not in header and "missing_in_file" not in header
    assert "Codes that are no answer" not in files["about.csv"].read_text(encoding="utf-8-sig")
    if suffix == ".zip":
        assert (
            "na_values"
            not in files["load.R"].read_text(encoding="utf-8").split("fieldapp <- list()")[1]
        )
        return
    reader: Any = pyreadstat.read_sav if suffix == ".sav" else pyreadstat.read_dta
    data, meta = reader(files[f"cso{suffix}"], user_missing=True)
    assert not meta.missing_ranges and not meta.missing_user_values
    assert data["trust"].tolist() == [97.0, 2.0, 99.0, 1.0]


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_gives_the_marked_codes_as_na_values_and_fieldapp_na_uses_them(
    marked: Path, tmp_path: Path
) -> None:
    files = _export(marked, tmp_path / "study.zip")
    folder = files["load.R"].parent
    printed = run_r(
        folder,
        'source("load.R", chdir = TRUE)\n'
        "x <- fieldapp$cso\n"
        'cat("trust=", paste(x$trust, collapse = "|"), "\\n", sep = "")\n'
        'cat("na=", paste(attr(x$trust, "na_values"), collapse = "|"), "\\n", sep = "")\n'
        'cat("yn=", paste(attr(x$threatened, "na_values"), collapse = "|"), "\\n", sep = "")\n'
        'cat("clean=", paste(fieldapp_na(x$trust), collapse = "|"), "\\n", sep = "")\n'
        "t <- fieldapp_na(x$threatened)\n"
        'cat("words=", paste(as.character(t), collapse = "|"), "\\n", sep = "")\n',
    )
    said = dict(line.split("=", 1) for line in printed.splitlines() if "=" in line)
    assert said["trust"] == "97|2|99|1"  # the codes stay, as in the CSV
    assert said["na"] == "97|98|99"
    assert said["yn"] == "97|98"
    assert said["clean"] == "NA|2|NA|1"
    assert said["words"] == "Yes|NA|NA|No"


def test_the_bundled_study_forms_mark_97_98_and_99_as_no_answer() -> None:
    """Every list of the study's forms marks its 97, 98 and 99 (refused, don't know, not
    applicable) and nothing else, so their Stata and SPSS files declare them missing."""
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.study import study_forms

    for study in study_forms():
        form = load_form(study.path)
        marked = {
            (question.key, choice.name)
            for question in form.questions()
            if question.choices is not None
            for choice in question.choices.choices
            if choice.non_answer
        }
        listed = {
            (question.key, choice.name)
            for question in form.questions()
            if question.choices is not None
            for choice in question.choices.choices
            if choice.name in ("97", "98", "99")
        }
        assert marked == listed and len(marked) > 40, study.actor_type
        assert ("security/trust/trust_army", "99") in marked or study.actor_type != "security"


def test_an_older_version_that_marks_nothing_is_declared_by_the_newer_one(
    tmp_path: Path,
) -> None:
    """The study's interviews of ``2026120501`` (no marks) and ``2026120601`` (marked)
    share a sheet: the variable follows the newest list, so the older rows' 97 is missing
    too; a variable every interview refused is still a number in Stata."""
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    older = _form(tmp_path / "v1", marked=False)
    newer = _form(tmp_path / "v2", True, version="2", left_out=frozenset({"trust/99", "yn/98"}))
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        for form, trust in ((older, "97"), (newer, "98")):
            store.interviews.submit(
                store.forms.add(form).sha256,
                {"trust": trust, "threatened": "97", "members": "5"},
                finalize=True,
                city="Nuevo Laredo",
                interviewer="NL01",
            )
    files = _export(db, tmp_path / "study.dta")
    data, meta = pyreadstat.read_dta(files["cso.dta"], user_missing=True)
    assert sorted(data["trust"].tolist()) == ["a", "b"]
    assert data["threatened"].tolist() == ["a", "a"]
    assert meta.readstat_variable_types["threatened"] == "double"
    assert meta.variable_value_labels["threatened"]["a"] == "Refused"
    files = _export(db, tmp_path / "study.sav")
    data, meta = pyreadstat.read_sav(files["cso.sav"], user_missing=True)
    assert sorted(data["trust"].tolist()) == [97.0, 98.0]
    assert meta.missing_ranges["trust"] == [{"lo": 97.0, "hi": 97.0}, {"lo": 98.0, "hi": 98.0}]
