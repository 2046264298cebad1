"""Two rounds of one form whose choice labels pipe a question in (``Higher than in
${ref_start}``) and whose piped question was relabelled between them, or dropped.

Each round's rows say a choice in that round's words, the reference as that round's
question (``[Year the mechanism began]``): the labels CSV's cell, load.R's factor level
and an older code's Stata/SPSS value label alike, so no answer reads NA in R and the
codebook says what the older round called a code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from export_files import csv_rows, unzipped
from openpyxl import load_workbook
from rscript import NO_R, RSCRIPT, run_r
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

BEGAN = "[Year the mechanism began]"
SIGNED = "[Year the agreement was signed]"
ENDED = "[Year the mechanism ended]"

ROUNDS: dict[str, dict[str, Any]] = {
    "1": {
        "survey": [
            row("integer", "ref_start", "Year the mechanism began"),
            row("integer", "ref_end", "Year the mechanism ended"),
            row("select_one change", "change", "Violence now"),
        ],
        "choices": [
            ("1", "Higher than in ${ref_start}"),
            ("2", "Lower than in ${ref_end}"),  # the second round no longer asks ref_end
            ("3", "Same as in ${ref_start}"),  # a code the second round dropped
        ],
    },
    "2": {
        "survey": [
            # Relabelled: the same ${ref_start} now names another question's words.
            row("integer", "ref_start", "Year the agreement was signed"),
            row("select_one change", "change", "Violence now"),
        ],
        "choices": [("1", "Higher than in ${ref_start}"), ("2", "Lower")],
    },
}

ANSWERS = {"1": ("1", "2", "3"), "2": ("1", "2")}
"""The code each interview of a round chose: one interview per code."""

SAID = {
    ("1", "1"): f"Higher than in {BEGAN}",
    ("1", "2"): f"Lower than in {ENDED}",
    ("1", "3"): f"Same as in {BEGAN}",
    ("2", "1"): f"Higher than in {SIGNED}",
    ("2", "2"): "Lower",
}
"""(round, code) -> the words that round's form showed, its reference said as its label."""


def _round(folder: Path, version: str) -> Path:
    spec = ROUNDS[version]
    return write_xlsform(
        folder / f"round{version}.xlsx",
        spec["survey"],
        [choice("change", code, label, label) for code, label in spec["choices"]],
        settings={"form_id": "study", "version": version, "default_language": "English (en)"},
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("piped_rounds")
    db = folder / "field.db"
    with Store.open(db) as store:
        for version in ("1", "2"):
            sha = store.forms.add(_round(folder, version)).sha256
            for code in ANSWERS[version]:
                answers = {"ref_start": 2014, "change": code}
                if version == "1":
                    answers["ref_end"] = 2020
                store.interviews.submit(sha, answers, finalize=True)
    return db


def _rows_in_r(out: Path) -> list[tuple[str, str, str, str]]:
    """Run load.R as an analyst would; return each row's version, its cell as R reads it
    (NA shows as NA), the code R's "codes" attribute gives that level, and the levels."""
    script = r"""
source("load.R", chdir = TRUE)
d <- fieldapp$study
change <- d[["change"]]
if (!is.factor(change)) change <- fieldapp_factor(change)
codes <- attr(d[["change"]], "codes")
if (is.null(codes)) codes <- stats::setNames(as.character(attr(d[["change"]], "labels")),
                                               names(attr(d[["change"]], "labels")))
for (i in seq_along(change)) {
  word <- as.character(change[i])
  code <- if (is.na(word)) "NA" else unname(codes[word])
  cat(d[["_form_version"]][i], "\t", ifelse(is.na(word), "NA", word), "\t", code, "\t",
      paste(levels(change), collapse = "|"), "\n", sep = "")
}
"""
    printed = run_r(out, script)
    rows = []
    for line in printed.splitlines():
        version, word, code, levels = line.split("\t")
        rows.append((version, word, code, levels))
    return rows


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_no_older_rounds_piped_answer_reads_na_in_r(database: Path, tmp_path: Path) -> None:
    options = ExportOptions(language="en", labels=True)
    result = export_workbook(database, tmp_path / "study.zip", options)
    out = unzipped(result.path, tmp_path / "out")
    cells = {(r["_form_version"], r["change"]) for r in csv_rows(out / "study.csv")}
    # The CSV's cells are each round's own words (as the workbook's are).
    assert cells == {(version, words) for (version, _), words in SAID.items()}
    read = _rows_in_r(out)
    assert len(read) == len(SAID)
    for version, word, code, _ in read:
        assert word != "NA", f"a round {version} answer reads NA in R"
        # The level is that round's words, and fieldapp_na's codes know which code it is.
        assert SAID[(version, code)] == word
    levels = read[0][3].split("|")
    assert sorted(levels) == sorted(SAID.values()), "every wording a level, once"


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_a_codes_export_labels_an_older_rounds_code_in_its_own_words_in_r(
    database: Path, tmp_path: Path
) -> None:
    result = export_workbook(database, tmp_path / "study.zip", ExportOptions(language="en"))
    read = _rows_in_r(unzipped(result.path, tmp_path / "out"))
    said = {(version, code): word for version, word, code, _ in read}
    # One label per code, as haven's: the newest round's, and the older round's own
    # words for the code only it had.
    assert said[("1", "1")] == said[("2", "1")] == SAID[("2", "1")]
    assert said[("1", "3")] == SAID[("1", "3")]


@pytest.mark.parametrize(
    ("suffix", "reader"), [(".dta", pyreadstat.read_dta), (".sav", pyreadstat.read_sav)]
)
def test_stata_and_spss_keep_the_newest_words_and_the_codebook_says_the_older(
    database: Path, tmp_path: Path, suffix: str, reader: Any
) -> None:
    result = export_workbook(database, tmp_path / f"study{suffix}", ExportOptions(language="en"))
    out = unzipped(result.path, tmp_path / "out")
    _, meta = reader(str(out / f"study{suffix}"), metadataonly=True)
    # A code has one value label: the newest round's words; a code only the older round
    # had, that round's words, its reference said as that round's question.
    assert meta.variable_value_labels["change"] == {
        1: SAID[("2", "1")],
        2: SAID[("2", "2")],
        3: SAID[("1", "3")],
    }
    entries = {e["variable"]: e for e in csv_rows(out / "codebook.csv")}
    assert entries["change"]["choices::English (en)"].splitlines() == [
        f"1 = {SAID[('2', '1')]} (version 1: {SAID[('1', '1')]})",
        f"2 = {SAID[('2', '2')]} (version 1: {SAID[('1', '2')]})",
        f"3 = {SAID[('1', '3')]} (only in version 1)",
    ]
    # The analyst is told where the same code was worded otherwise, as for a relabelled
    # choice, though the form's own text for code 1 is the same in both rounds.
    said = [w for w in result.warnings if "variable change" in w]
    assert len(said) == 1
    assert f"1 = '{SAID[('1', '1')]}' → '{SAID[('2', '1')]}'" in said[0]


def test_the_workbooks_cells_are_each_rounds_own_words(database: Path, tmp_path: Path) -> None:
    options = ExportOptions(language="en", labels=True)
    result = export_workbook(database, tmp_path / "study.xlsx", options)
    sheet = load_workbook(result.path, read_only=True)["study"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    version, change = header.index("_form_version"), header.index("change")
    assert {(str(r[version]), r[change]) for r in rows[1:]} == {
        (version, words) for (version, _), words in SAID.items()
    }
