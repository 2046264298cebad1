"""Two rounds of one form whose choice lists changed: a code the second round dropped, and
a scale the second round turned round. The analyst still gets a label for every answer,
in every format, and is told where the same code meant something else."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from rscript import NO_R, RSCRIPT, run_r
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

FREQUENCY = {
    "1": [("weekly", "Weekly"), ("sporadic", "Sporadically")],
    "2": [("weekly", "Weekly"), ("monthly", "Monthly")],
}
CHANGE = {
    "1": [("1", "Fell"), ("2", "Rose")],
    "2": [("1", "Rose"), ("2", "Fell")],
}


def _round(folder: Path, version: str) -> Path:
    survey: list[dict[str, Any]] = [
        {"type": "select_one frequency", "name": "frequency", "label": "How often?"},
        {"type": "select_one change", "name": "change", "label": "Trust since then"},
    ]
    if version == "1":  # a question the second round no longer asks
        survey.insert(1, {"type": "integer", "name": "founded", "label": "Founded in"})
    choices = [
        {"list_name": name, "name": code, "label": label}
        for name, lists in (("frequency", FREQUENCY), ("change", CHANGE))
        for code, label in lists[version]
    ]
    return write_xlsform(
        folder / f"round{version}.xlsx",
        survey,
        choices,
        settings={"form_id": "study", "version": version},
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rounds")
    db = folder / "field.db"
    with Store.open(db) as store:
        first = store.forms.add(_round(folder, "1")).sha256
        # Round 1: "sporadic" (dropped later) and 1, which meant "Fell" then.
        store.interviews.submit(
            first, {"frequency": "sporadic", "founded": 1998, "change": "1"}, finalize=True
        )
        second = store.forms.add(_round(folder, "2")).sha256
        store.interviews.submit(second, {"frequency": "monthly", "change": "1"}, finalize=True)
    return db


def _member(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8-sig")


def _csv(path: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_member(path, name))))


def test_stata_and_spss_label_a_code_only_the_older_round_had_with_its_own_words(
    database: Path, tmp_path: Path
) -> None:
    for suffix, read in ((".dta", pyreadstat.read_dta), (".sav", pyreadstat.read_sav)):
        result = export_workbook(database, tmp_path / f"study{suffix}")
        out = tmp_path / suffix.strip(".")
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(out)
        frame, _ = read(str(out / f"study{suffix}"), apply_value_formats=True)
        by_version = dict(zip(frame.iloc[:, 1], frame["frequency"], strict=True))
        # Not the bare code "sporadic": the words the interviewer's form showed.
        assert by_version == {"1": "Sporadically", "2": "Monthly"}


def test_the_codebook_says_which_round_alone_had_a_code_and_what_a_code_meant_before(
    database: Path, tmp_path: Path
) -> None:
    result = export_workbook(database, tmp_path / "study.zip")
    rows = {row["variable"]: row for row in _csv(result.path, "codebook.csv")}
    frequency = rows["frequency"]["choices::default"].splitlines()
    assert frequency == [
        "weekly = Weekly",
        "monthly = Monthly (only in version 2)",
        "sporadic = Sporadically (only in version 1)",
    ]
    change = rows["change"]["choices::default"].splitlines()
    assert change == ["1 = Rose (version 1: Fell)", "2 = Fell (version 1: Rose)"]


def test_about_warns_where_a_code_changed_meaning_when_codes_are_written(
    database: Path, tmp_path: Path
) -> None:
    codes = export_workbook(database, tmp_path / "codes.zip")
    said = [w for w in codes.warnings if "variable change" in w]
    assert len(said) == 1
    assert "1 = 'Fell' → 'Rose'" in said[0] and "_form_version" in said[0]
    assert not [w for w in codes.warnings if "variable frequency" in w], "no code relabelled"
    # Labels written: each row shows its own round's words, nothing to warn about.
    labels = export_workbook(database, tmp_path / "labels.zip", ExportOptions(labels=True))
    assert not [w for w in labels.warnings if "variable change" in w]
    rows = {row["_form_version"]: row for row in _csv(labels.path, "study.csv")}
    assert rows["1"]["change"] == "Fell" and rows["2"]["change"] == "Rose"


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
@pytest.mark.parametrize("labels", [False, True])
def test_load_r_reads_no_older_rounds_answer_as_na(
    database: Path, tmp_path: Path, labels: bool
) -> None:
    result = export_workbook(database, tmp_path / "study.zip", ExportOptions(labels=labels))
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(tmp_path / "out")
    script = (
        'source("load.R", chdir = TRUE)\n'
        "d <- fieldapp$study\n"
        'cat(paste(d[["_form_version"]], as.character(d[["frequency"]]), sep = ":",'
        ' collapse = "|"), "\\n")\n'
    )
    printed = run_r(tmp_path / "out", script)
    assert sorted(printed.split()[0].split("|")) == ["1:Sporadically", "2:Monthly"]


def test_a_question_only_the_older_round_asked_stands_where_that_round_asked_it(
    database: Path, tmp_path: Path
) -> None:
    result = export_workbook(database, tmp_path / "study.zip")
    rows = _csv(result.path, "study.csv")
    answers = [h for h in rows[0] if not h.startswith(("_", "meta/"))]
    assert answers == ["frequency", "founded", "change"], "not after the newest round's last"
    assert {row["_form_version"]: row["founded"] for row in rows} == {"1": "1998", "2": ""}
    codebook = [row["variable"] for row in _csv(result.path, "codebook.csv")]
    assert [v for v in codebook if not v.startswith(("_", "meta/"))] == answers
    stata = export_workbook(database, tmp_path / "study.dta")
    with zipfile.ZipFile(stata.path) as archive:
        archive.extractall(tmp_path / "dta")
    frame, _ = pyreadstat.read_dta(str(tmp_path / "dta" / "study.dta"))
    assert [c for c in frame.columns if not c.startswith(("_", "meta_"))] == answers
    assert dict(zip(frame["_form_version"], frame["founded"], strict=True))["1"] == 1998
