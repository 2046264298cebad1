"""A hostile form against ``load.R``, the CSV cells, and haven's reading of .dta/.sav.

A form from a compromised laptop's package, or added by ``forms add``, puts R syntax in
its labels and choices: quotes, backslashes, backticks, ``#``, ``)``, ``system(...)``
touching a file, R's ``\\u`` escapes written out, line breaks, a right-to-left override, an
emoji, and labels of 20,000 characters (R refuses a literal with a ``\\u`` escape past
10,000 characters, and a name past 10,000 bytes: either made the whole load.R fail).
``Rscript`` sources load.R and prints every level, label and cell in hex: each comes
back exactly, and the file the payloads touch is never made. The answers carry the same
payloads, and texts a spreadsheet would run (``=``, ``'=``, ``''-``), which come back as
typed. haven reads the same labels from the .dta and .sav.
"""

from __future__ import annotations

import csv
import subprocess
import zipfile
from pathlib import Path

import pytest
from rscript import RSCRIPT, run_r
from xlsform import row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

pytestmark = pytest.mark.skipif(RSCRIPT is None, reason="Rscript is not installed")

LONG = "é" * 20_000
"""Non-ASCII, so every character is a \\u escape in load.R."""
LONG_NAME = "x" * 12_000


def payloads(marker: Path) -> list[str]:
    touch = f'system("touch {marker}")'
    return [
        f'a"); {touch}; ("',
        f"b\\\"); system('touch {marker}') #",
        f"c`{touch}`",
        f"d\n{touch}\n#",
        f"e\\u0022); {touch} #",
        "f \\x22 \\\\ ' # ) ] } \u202e RTL \U0001f600 \u00e9\u00e91 \\U{41}",
        LONG,
        LONG_NAME,
    ]


def r_hex(expression: str) -> str:
    each = 'function(v) paste(charToRaw(enc2utf8(v)), collapse = "")'
    return f'paste(sapply({expression}, {each}), collapse = " ")'


def unhex(line: str) -> list[str]:
    return [bytes.fromhex(part).decode("utf-8") for part in line.split(" ")] if line else []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    root = tmp_path_factory.mktemp("load_r")
    marker = root / "PWNED"
    evil = payloads(marker)
    form = write_xlsform(
        root / "evil.xlsx",
        survey=[
            row("select_one evil", "q1", evil[0]),
            row("text", "t1", evil[2]),
            row("select_multiple evil", "m1", evil[4]),
            row("select_one evil", "q2", LONG),
        ],
        choices=[
            {"list_name": "evil", "name": f"c{i}", "label": text} for i, text in enumerate(evil)
        ],
        settings={"form_id": "evil", "version": "1"},
    )
    db = root / "field.db"
    texts = [*evil[:6], "=1+1", "'=1+1", "''-5", "'plain", "+52 899"]
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for i, typed in enumerate(texts):
            store.interviews.submit(
                sha,
                {"q1": f"c{i % len(evil)}", "t1": typed, "m1": ["c0", "c6"], "q2": "c7"},
                finalize=True,
                city="Nuevo Laredo",
                interviewer="NL01",
            )
    return db, marker, evil


@pytest.mark.parametrize("labels", [False, True])
def test_load_r_runs_no_payload_and_gives_back_every_label_and_cell_exactly(
    hostile: tuple[Path, Path, list[str]], tmp_path: Path, labels: bool
) -> None:
    db, marker, evil = hostile
    result = export_workbook(db, tmp_path / "study.zip", ExportOptions(labels=labels))
    out = tmp_path / "out"
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(out)
    said = [
        "levels(x$q1)",
        "as.character(x$q1)",
        "x$t1",
        'attr(x$q1, "label")',
        'attr(x$m1, "label")',
        'attr(x[["m1/c6"]], "label")',
        "as.character(x$q2)",
        'attr(x$q2, "label")',
    ]
    script = "\n".join(
        [
            'source("load.R", chdir = TRUE)',
            "x <- fieldapp$evil",
            *(f'cat({r_hex(expression)}, "\\n", sep = "")' for expression in said),
            'cat(class(x$q1), sum(x[["m1/c6"]]), "\\n")',
        ]
    )
    lines = run_r(out, script).splitlines()
    assert not marker.exists()
    levels, q1, t1, q1_label, m1_label, c6_label, q2, q2_label = map(unhex, lines[:8])
    assert levels == evil
    count = len(q1)
    assert q1 == [evil[i % len(evil)] for i in range(count)]
    assert t1 == [*evil[:6], "=1+1", "'=1+1", "''-5", "'plain", "+52 899"]
    assert q1_label == [evil[0]] and m1_label == [evil[4]]
    assert c6_label == [f"{evil[4]} — {LONG}"]
    assert q2 == [LONG_NAME] * count and q2_label == [LONG]
    assert lines[8].split() == ["factor", str(count)]


HAVEN = """
library(haven)
x <- READ("evil.EXT")
cat(HEX_LEVELS, "\\n", sep = "")
cat(HEX_T1, "\\n", sep = "")
"""


@pytest.mark.parametrize(("suffix", "read"), [(".dta", "read_dta"), (".sav", "read_sav")])
def test_haven_reads_the_hostile_labels_and_runs_nothing(
    hostile: tuple[Path, Path, list[str]], tmp_path: Path, suffix: str, read: str
) -> None:
    found = subprocess.run(
        [str(RSCRIPT), "--vanilla", "-e", 'quit(status = !requireNamespace("haven"))'],
        capture_output=True,
        timeout=120,
    )
    if found.returncode:
        pytest.skip("R's haven is not installed")
    db, marker, evil = hostile
    result = export_workbook(db, tmp_path / f"study{suffix}", ExportOptions())
    out = tmp_path / "out"
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(out)
    script = (
        HAVEN.replace("READ", read)
        .replace("EXT", suffix[1:])
        .replace("HEX_LEVELS", r_hex('names(attr(x$q1, "labels"))'))
        .replace("HEX_T1", r_hex("x$t1"))
    )
    levels, t1 = map(unhex, run_r(out, script).splitlines()[:2])
    assert not marker.exists()
    # The short ones whole (the formats cut long labels, saying so in the codebook).
    assert levels[:6] == evil[:6]
    assert t1[:6] == evil[:6]


CODES = ['a"b', "-1x", "'=x", "x" * 12_000, "sp ace", "é\u202e", "#c", "NA", "TRUE", "a\\b"]
"""Choice names as a hostile form may give them: quotes, formula starts, R's own words,
12,000 characters (a name R refused in the script)."""


@pytest.mark.parametrize("labels", [False, True])
def test_hostile_choice_names_are_the_factor_levels_of_their_answers(
    tmp_path: Path, labels: bool
) -> None:
    form = write_xlsform(
        tmp_path / "codes.xlsx",
        [{"type": "select_one c", "name": "q", "label": "Q"}],
        [{"list_name": "c", "name": code, "label": f"L{n}"} for n, code in enumerate(CODES)],
        {"form_id": "codes", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for code in CODES:
            store.interviews.submit(sha, {"q": code}, finalize=True, city="Reynosa")
    result = export_workbook(db, tmp_path / "study.zip", ExportOptions(labels=labels))
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(tmp_path / "out")
    script = 'source("load.R", chdir = TRUE)\ncat(as.character(fieldapp$codes$q), sep = "|")'
    assert run_r(tmp_path / "out", script) == "|".join(f"L{n}" for n in range(len(CODES)))


CR_XFORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
  <h:head>
    <h:title>CR</h:title>
    <model>
      <instance><data id="cr" version="1"><q/><t/></data></instance>
      <bind nodeset="/data/q" type="string"/>
      <bind nodeset="/data/t" type="string"/>
    </model>
  </h:head>
  <h:body>
    <select1 ref="/data/q"><label>Q</label>
      <item><label>A&#13;B</label><value>a</value></item>
      <item><label>C&#13;&#10;D</label><value>c</value></item>
      <item><label>E&#13;&#13;F</label><value>e</value></item>
    </select1>
    <input ref="/data/t"><label>T</label></input>
  </h:body>
</h:html>
"""
"""An XForm keeps a carriage return its XML writes as ``&#13;`` (an XLSForm cell does not)."""
CR_LABELS = ["A\rB", "C\r\nD", "E\r\rF"]


@pytest.mark.parametrize("labels", [False, True])
def test_a_carriage_return_in_a_label_or_an_answer_reaches_r_as_itself(
    tmp_path: Path, labels: bool
) -> None:
    """read.csv turns a carriage return in a cell into a line feed: the labels the CSV
    holds (as the codebook) were not the factor's levels, so every answer read as NA, and
    an answer typed with one came back otherwise."""
    form = tmp_path / "cr.xml"
    form.write_text(CR_XFORM, encoding="utf-8")
    db = tmp_path / "field.db"
    typed = ["x\ry", "x\r\n", "\r", "", "'\r=1"]
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for n, text in enumerate(typed):
            answers = {"q": "ace"[n % 3], "t": text}
            store.interviews.submit(sha, answers, finalize=True, city="Reynosa")
    result = export_workbook(db, tmp_path / "study.zip", ExportOptions(labels=labels))
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(tmp_path / "out")
    said = ["levels(x$q)", "as.character(x$q)", "ifelse(is.na(x$t), 'NA', x$t)", "names(x)"]
    script = "\n".join(
        [
            'source("load.R", chdir = TRUE)',
            "x <- fieldapp$cr",
            *(f'cat({r_hex(expression)}, "\\n", sep = "")' for expression in said),
            "cat(sum(is.na(x$q)), '\\n')",
        ]
    )
    lines = run_r(tmp_path / "out", script).splitlines()
    levels, q, t, names = map(unhex, lines[:4])
    assert levels == CR_LABELS
    assert q == [CR_LABELS[n % 3] for n in range(len(typed))]
    assert t == ["x\ry", "x\r\n", "NA", "NA", "'\r=1"]  # a lone "\r" is no answer
    assert lines[4].split() == ["0"]
    with (tmp_path / "out" / "cr.csv").open(encoding="utf-8-sig", newline="") as written:
        assert names == next(csv.reader(written))  # the last one gets no \r of the line end
