"""Every variable an analyst opens says what it is: a calculation without a label says what
it computes, and a piped ``${name}`` in a label reads as the question it names, in Stata,
SPSS, load.R, the codebook and the value labels alike (as on the supervisor's desk)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from openpyxl import load_workbook
from rscript import NO_R, RSCRIPT, run_r
from xlsform import EN, ES, choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.said import calculation_said
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Question
from fieldapp.core.store import Store

LONG_FORMULA = (
    "if(count-selected(${sectors}) > 0 and not(selected(${sectors}, '98')) and "
    "${ref_start} != '', count-selected(${sectors}) + ${ref_start} - ${ref_start}, '')"
)


def calculation(name: str, formula: str, en: str = "", es: str = "") -> dict[str, Any]:
    """A calculate row; without ``en`` it has no label at all, as forms write them."""
    return {"type": "calculate", "name": name, EN: en, ES: es, "calculation": formula}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("said")
    form = write_xlsform(
        folder / "said.xlsx",
        survey=[
            row("integer", "ref_start", "Year the mechanism began", "Año en que empezó"),
            row("integer", "ref_end", "Date the mechanism ended", "Fecha en que terminó"),
            row(
                "select_one change",
                "violence_change",
                "Comparing ${ref_end} with ${ref_start}",
                "Comparando ${ref_end} con ${ref_start}",
            ),
            row("select_multiple sectors", "sectors", "Sectors", "Sectores"),
            calculation("sector_count", "count-selected(${sectors})"),
            calculation("busy", LONG_FORMULA),
            calculation("named_calc", "${ref_end} - ${ref_start}", "Years it lasted", "Años"),
        ],
        choices=[
            choice("change", "1", "Higher than in ${ref_start}", "Más que en ${ref_start}"),
            choice("change", "2", "Lower", "Menos"),
            choice("sectors", "ngo", "NGOs", "ONG"),
            choice("sectors", "faith", "Faith groups", "Grupos religiosos"),
        ],
        settings={"form_id": "said", "version": "1", "default_language": "English (en)"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(
            sha,
            {
                "ref_start": "2014",
                "ref_end": "2020",
                "violence_change": "1",
                "sectors": ["ngo", "faith"],
                "sector_count": "2",
                "busy": "2",
                "named_calc": "6",
            },
            finalize=True,
            city="Nuevo Laredo",
            interviewer="NL01",
        )
    return db


EXPECTED = {
    "en": {
        "sector_count": "Calculated: count-selected([Sectors])",
        "busy": "Calculated from [Sectors], [Year the mechanism began]",
        "named_calc": "Years it lasted",
        "violence_change": "Comparing [Date the mechanism ended] with [Year the mechanism began]",
        "value": "Higher than in [Year the mechanism began]",
    },
    "es": {
        "sector_count": "Calculado: count-selected([Sectores])",
        "busy": "Calculado a partir de [Sectores], [Año en que empezó]",
        "named_calc": "Años",
        "violence_change": "Comparando [Fecha en que terminó] con [Año en que empezó]",
        "value": "Más que en [Año en que empezó]",
    },
}


def unzip(path: Path, folder: Path) -> dict[str, Path]:
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
        return {name: folder / name for name in archive.namelist()}


def codebook(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {entry["variable"]: entry for entry in csv.DictReader(handle)}


CALCULATIONS = ("sector_count", "busy", "named_calc")
STATS = pytest.mark.parametrize(
    ("suffix", "reader"), [(".dta", pyreadstat.read_dta), (".sav", pyreadstat.read_sav)]
)


def read_stats(
    database: Path, folder: Path, suffix: str, reader: Any, language: str
) -> tuple[Any, dict[str, str], dict[str, dict[str, str]]]:
    """Return the file's metadata, its variable labels and the codebook's rows by variable."""
    result = export_workbook(database, folder / f"x{suffix}", ExportOptions(language=language))
    files = unzip(result.path, folder / "out")
    _, meta = reader(str(files["said" + suffix]), metadataonly=True)
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    return meta, labels, codebook(files["codebook.csv"])


def said_in(language: str) -> str:
    return "English (en)" if language == "en" else "Español (es)"


@pytest.mark.parametrize("language", ["en", "es"])
@STATS
def test_stata_and_spss_say_what_a_calculation_holds(
    database: Path, tmp_path: Path, suffix: str, reader: Any, language: str
) -> None:
    _, labels, entries = read_stats(database, tmp_path, suffix, reader, language)
    expected = EXPECTED[language]
    for name in CALCULATIONS:
        assert labels[name] == expected[name]
        # The codebook's label column carries the same words, its calculation the formula.
        assert entries[name][f"label::{said_in(language)}"] == expected[name]
    assert entries["busy"]["calculation"] == LONG_FORMULA


@pytest.mark.parametrize("language", ["en", "es"])
@STATS
def test_stata_and_spss_say_a_piped_reference_as_the_question_it_names(
    database: Path, tmp_path: Path, suffix: str, reader: Any, language: str
) -> None:
    meta, labels, entries = read_stats(database, tmp_path, suffix, reader, language)
    expected = EXPECTED[language]
    assert labels["violence_change"] == expected["violence_change"]
    assert meta.variable_value_labels["violence_change"][1] == expected["value"]
    entry = entries["violence_change"]
    assert entry[f"label::{said_in(language)}"] == expected["violence_change"]
    assert entry[f"choices::{said_in(language)}"].splitlines()[0] == f"1 = {expected['value']}"


def test_the_codebook_says_calculations_in_every_language(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "x.xlsx", ExportOptions(language="en"))
    sheet = load_workbook(result.path, read_only=True)["codebook"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    by_name = {r[header.index("variable")]: r for r in rows[1:]}
    for language, said in (("en", "English (en)"), ("es", "Español (es)")):
        entry = by_name["sector_count"]
        assert entry[header.index(f"label::{said}")] == EXPECTED[language]["sector_count"]


def r_labels(database: Path, tmp_path: Path, labels: bool) -> dict[str, str]:
    """Run load.R as an analyst would; return each variable's "label" and the answer."""
    options = ExportOptions(language="en", labels=labels)
    result = export_workbook(database, tmp_path / "x.zip", options)
    unzip(result.path, tmp_path / "out")
    script = """
source("load.R")
said <- fieldapp$said
say <- function(name, value) cat(name, "=", paste(value, collapse = "|"), "\\n", sep = "")
for (column in c("sector_count", "busy", "named_calc", "violence_change")) {
  say(column, attr(said[[column]], "label"))
}
change <- said[["violence_change"]]
say("value", as.character(if (is.factor(change)) change else fieldapp_factor(change)))
"""
    printed = run_r(tmp_path / "out", script)
    said = dict(line.split("=", 1) for line in printed.splitlines() if "=" in line)
    return said


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
@pytest.mark.parametrize("labels", [False, True])
def test_load_r_says_what_a_calculation_holds(database: Path, tmp_path: Path, labels: bool) -> None:
    said = r_labels(database, tmp_path, labels)
    for name in CALCULATIONS:
        assert said[name] == EXPECTED["en"][name]


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
@pytest.mark.parametrize("labels", [False, True])
def test_load_r_says_a_piped_reference_as_the_question_it_names(
    database: Path, tmp_path: Path, labels: bool
) -> None:
    said = r_labels(database, tmp_path, labels)
    assert said["violence_change"] == EXPECTED["en"]["violence_change"]
    # The answer reads as its value label, the piped year said as the question it names
    # (a factor level when the CSV holds labels: the level is the cell's own words).
    assert said["value"] == EXPECTED["en"]["value"]


def test_a_formula_too_long_for_stata_names_what_it_reads(tmp_path: Path) -> None:
    wordy = "How many of the neighbourhood committees you worked with"
    path = write_xlsform(
        tmp_path / "long.xlsx",
        survey=[
            row("integer", "committees", wordy),
            row("integer", "councils", wordy + " and councils"),
            row("integer", "chambers_of_commerce_visited", "Chambers"),
            row("integer", "universities_in_the_programme", "Universities"),
            row("integer", "faith_groups_in_the_programme", "Faith groups"),
            calculation(
                "two", "${committees} * 2 + ${councils} * 3 + 17 * 4 + 99 - 1 - 2 - 3 + 1000 div 7"
            ),
            calculation(
                "many",
                "${committees} + ${councils} + ${chambers_of_commerce_visited}"
                " + ${universities_in_the_programme} + ${faith_groups_in_the_programme}",
            ),
        ],
        settings={"form_id": "long", "version": "1", "default_language": "English (en)"},
    )
    form = load_form(path)
    language = form.default_language

    def said(name: str) -> str | None:
        question = form.named(name)
        assert isinstance(question, Question)
        return calculation_said(form, question, language)

    # Neither the formula nor its inputs' labels fit Stata's 80 bytes; their names do.
    assert said("two") == "Calculated from committees, councils"
    # Too many names even: as many as fit, in the formula's order, then "…".
    assert said("many") == "Calculated from committees, councils, chambers_of_commerce_visited, …"
    assert said("committees") is None  # a question that is asked keeps its own words
