"""A form built to break the Stata and SPSS files: names that collide once made valid and
short, reserved words, labels past the formats' limits, thousands of choices, and a
choice code Stata cannot label.

Each export is read back with pyreadstat: every column of the codebook is in the file
under a valid name unique ignoring case (SPSS ignores it, Stata does not), every answer
is where its column says, and no error reaches the user.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.stats import SPSS, STATA, StatsFormat
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store

FORMATS = [(".dta", STATA, pyreadstat.read_dta), (".sav", SPSS, pyreadstat.read_sav)]
RESERVED = ["_all", "_n", "in", "if", "BY", "ALL", "AND", "WITH", "TO", "using", "str5"]
CASES = ["Ab", "aB", "AB", "ab_2"]
GROUP = "g" + "a" * 40
TAILS = ["1", "2", "_1", "_2"]
LONG_LABEL = "é" * 20_000 + "🙂"
CHOICES = 3_000
FLAGS = 500
BIG = ["1", "3000000000", "-3000000000", "999999999999999", "2147483621"]


def question(kind: str, name: str, label: str = "") -> dict[str, str]:
    return {"type": kind, "name": name, "label": label or name}


def read(folder: Path, suffix: str, reader: Any) -> tuple[Any, Any, dict[str, str]]:
    frame, meta = reader(str(folder / "out" / f"f{suffix}"))
    with (folder / "out" / "codebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        names = {r["variable"]: r["name"] for r in csv.DictReader(handle) if r["sheet"] == "f"}
    return frame, meta, names


def valid(name: str, fmt: StatsFormat) -> bool:
    first = "[A-Za-z_]" if fmt is STATA else "[A-Za-z]"
    return (
        re.fullmatch(f"{first}[A-Za-z0-9_]*", name) is not None
        and len(name) <= fmt.max_name
        and name.casefold() not in fmt.reserved
        and re.fullmatch(r"str[0-9]+", name, re.IGNORECASE) is None
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stats_names")
    survey = [question("integer", name) for name in [*RESERVED, *CASES]]
    survey.append({"type": "begin_group", "name": GROUP, "label": "G"})
    survey += [question("integer", "q" * 35 + tail) for tail in TAILS]
    survey.append({"type": "end_group", "name": GROUP})
    survey += [
        question("select_one many", "many", LONG_LABEL),
        question("select_multiple flags", "flags"),
    ]
    choices = [
        # duplicate labels, a label past both formats' limits, thousands of choices
        {"list_name": "many", "name": f"c{n}", "label": LONG_LABEL if n in (2, 4) else "same"}
        for n in range(CHOICES)
    ]
    choices += [{"list_name": "flags", "name": f"f{n}", "label": f"F{n}"} for n in range(FLAGS)]
    form = write_xlsform(root / "f.xlsx", survey, choices, {"form_id": "f", "version": "1"})
    db = root / "field.db"
    answers: dict[str, Any] = {name: str(n) for n, name in enumerate([*RESERVED, *CASES])}
    answers |= {f"{GROUP}/{'q' * 35}{tail}": str(100 + n) for n, tail in enumerate(TAILS)}
    answers |= {"many": f"c{CHOICES - 1}", "flags": ["f0", f"f{FLAGS - 1}"]}
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(sha, answers, finalize=True, city="Reynosa", interviewer="R1")
    return db


@pytest.mark.parametrize(("suffix", "fmt", "reader"), FORMATS)
def test_colliding_and_reserved_names_each_keep_their_own_answer(
    database: Path, tmp_path: Path, suffix: str, fmt: StatsFormat, reader: Any
) -> None:
    export_workbook(database, tmp_path / f"out{suffix}", ExportOptions())
    with zipfile.ZipFile(tmp_path / f"out{suffix}.zip") as archive:
        archive.extractall(tmp_path / "out")
    frame, _, names = read(tmp_path, suffix, reader)
    assert list(frame.columns) == list(names.values())
    assert len({name.casefold() for name in names.values()}) == len(names)
    assert all(valid(name, fmt) for name in names.values()), names
    for n, header in enumerate([*RESERVED, *CASES]):
        assert frame[names[header]][0] == n, header
    for n, tail in enumerate(TAILS):
        assert frame[names[f"{GROUP}/{'q' * 35}{tail}"]][0] == 100 + n
    flags = [names[f"flags/f{n}"] for n in range(FLAGS)]
    assert frame[flags].iloc[0].sum() == 2
    assert frame[names["flags/f0"]][0] == 1 and frame[names[f"flags/f{FLAGS - 1}"]][0] == 1


@pytest.mark.parametrize(("suffix", "fmt", "reader"), FORMATS)
def test_labels_past_the_limits_and_thousands_of_choices_are_cut_not_refused(
    database: Path, tmp_path: Path, suffix: str, fmt: StatsFormat, reader: Any
) -> None:
    export_workbook(database, tmp_path / f"out{suffix}", ExportOptions())
    with zipfile.ZipFile(tmp_path / f"out{suffix}.zip") as archive:
        archive.extractall(tmp_path / "out")
    frame, meta, names = read(tmp_path, suffix, reader)
    many = meta.variable_value_labels[names["many"]]
    assert len(many) == CHOICES
    assert frame[names["many"]][0] == CHOICES  # the last code, numbered from 1
    assert many[1] == "same" and many[2] == "same"  # c2 and c4 are long
    long = many[3]
    assert len(long.encode()) <= fmt.max_value_label and LONG_LABEL.startswith(long)
    label = meta.column_names_to_labels[names["many"]]
    assert len(label.encode()) <= fmt.max_label


@pytest.fixture(scope="module")
def big_codes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big_codes")
    choices = [{"list_name": "big", "name": code, "label": f"L{code}"} for code in BIG]
    survey = [question("select_one big", "big")]
    form = write_xlsform(root / "f.xlsx", survey, choices, {"form_id": "f", "version": "1"})
    db = root / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(sha, {"big": BIG[1]}, finalize=True, city="Reynosa")
    return db


@pytest.mark.parametrize(("suffix", "fmt", "reader"), FORMATS)
def test_a_code_stata_cannot_label_leaves_the_file_written_and_the_code_in_it(
    big_codes: Path, tmp_path: Path, suffix: str, fmt: StatsFormat, reader: Any
) -> None:
    """Stata labels whole numbers of 4 bytes: 3000000000 made pyreadstat refuse the file,
    so no Stata export of such a form could be made. The code stays, its label in the
    codebook; SPSS labels it."""
    export_workbook(big_codes, tmp_path / f"out{suffix}", ExportOptions())
    with zipfile.ZipFile(tmp_path / f"out{suffix}.zip") as archive:
        archive.extractall(tmp_path / "out")
    frame, meta, names = read(tmp_path, suffix, reader)
    assert frame[names["big"]][0] == 3_000_000_000
    labels = meta.variable_value_labels[names["big"]]
    assert labels[1] == "L1"
    if fmt is SPSS:
        assert labels[3_000_000_000] == "L3000000000"
    else:
        assert set(labels) == {1}


@pytest.mark.parametrize(("suffix", "fmt", "reader"), FORMATS)
def test_a_nul_in_an_answer_is_replaced_and_counted_not_the_end_of_the_text(
    tmp_path: Path, suffix: str, fmt: StatsFormat, reader: Any
) -> None:
    """ReadStat ends a text at a NUL: ``a\\x00b`` was written ``a``, and the rest of the
    answer lost without a word. As in the workbook and the CSV, each character no file
    should hold becomes U+FFFD and ``about`` counts them."""
    form = write_xlsform(
        tmp_path / "f.xlsx",
        [question("text", "t")],
        settings={"form_id": "f", "version": "1"},
    )
    db = tmp_path / "field.db"
    typed = ["before\x00after\x01end", "x" * 3_000 + "\x00tail", "plain"]
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for text in typed:
            store.interviews.submit(sha, {"t": text}, finalize=True, city="Reynosa")
    export_workbook(db, tmp_path / f"out{suffix}", ExportOptions())
    with zipfile.ZipFile(tmp_path / f"out{suffix}.zip") as archive:
        archive.extractall(tmp_path / "out")
    frame, _, names = read(tmp_path, suffix, reader)
    assert sorted(frame[names["t"]]) == sorted(
        ["before\ufffdafter\ufffdend", "x" * 3_000 + "\ufffdtail", "plain"]
    )
    with (tmp_path / "out" / "about.csv").open(encoding="utf-8-sig", newline="") as handle:
        about = {r[0]: r[1] for r in csv.reader(handle)}
    assert about["Characters replaced"] == "3"


WIDE = 33_000
"""Choices of one select_multiple: a 0/1 column each, past the 32,767 of a Stata file."""


@pytest.fixture(scope="module")
def too_wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("too_wide")
    choices = [{"list_name": "w", "name": f"w{n}", "label": f"W{n}"} for n in range(WIDE)]
    survey = [question("select_multiple w", "wide")]
    form = write_xlsform(root / "f.xlsx", survey, choices, {"form_id": "f", "version": "1"})
    db = root / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(sha, {"wide": ["w0", "w7"]}, finalize=True, city="Reynosa")
    return db


@pytest.mark.slow  # the form of 33,000 choices takes seconds to write and load
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_sheet_wider_than_a_stata_file_is_said_as_statas_limit_with_what_to_do(
    too_wide: Path, tmp_path: Path, language: str
) -> None:
    """It said "could not write … report this problem": the limit is Stata's, and SPSS,
    CSV and Excel hold the sheet."""
    with pytest.raises(FieldappError) as refused:
        export_workbook(too_wide, tmp_path / "out.dta", ExportOptions())
    said = refused.value.text(language)
    counts = [int(n.replace(",", "")) for n in re.findall(r"[0-9][0-9,]*[0-9]", said)]
    assert 32_767 in counts and max(counts) > WIDE and ".sav" in said
    assert ("report" if language == "en" else "comunique") not in said
    assert list(tmp_path.iterdir()) == [], "no file, no partial one"
