"""Any Unicode string an answer can hold comes out as a valid xlsx and CSV, never a formula."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from fieldapp.core.export.book import SheetSpec
from fieldapp.core.export.cells import FORMULA_STARTS, clean_text, fit_text
from fieldapp.core.export.columns import Kind
from fieldapp.core.export.csvzip import CsvZipBook
from fieldapp.core.export.xlsx import XlsxBook

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NASTY = ["\x00=1+1", "\x00\x00+2", "\ufffe", "\uffff=x", "\ud800", "a\udfffb", "\x0b-1", "\x1f@A"]
any_text = st.text(min_size=0, max_size=30) | st.sampled_from(NASTY)
SPEC = SheetSpec("t", ("text", "n"), (Kind.TEXT, Kind.INTEGER), (20.0, 5.0))


def _write(book: XlsxBook | CsvZipBook, texts: list[str]) -> None:
    sheet = book.add_sheet(SPEC)
    for number, value in enumerate(texts):
        sheet.append([value, number])
    book.save()


@settings(max_examples=60, deadline=None)
@given(st.lists(any_text, min_size=1, max_size=12))
def test_any_unicode_text_gives_an_xlsx_openpyxl_and_calamine_open_without_formulas(
    texts: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        book = XlsxBook(path)
        _write(book, texts)
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml")
        calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("t").to_python()
        workbook = openpyxl.load_workbook(path)
        cells = [row[0] for row in workbook["t"].iter_rows(min_row=2, values_only=True)]
    assert b"<f>" not in xml and b"<f " not in xml
    expected = [fit_text(value)[0] if value.strip() else "" for value in texts]
    assert [row[0] for row in calamine[1:]] == expected
    assert [cell or "" for cell in cells] == expected
    assert not any(XML_FORBIDDEN.search(cell) for cell in expected)
    assert book.warnings.replaced_characters == sum(
        len(XML_FORBIDDEN.findall(value)) for value in texts if value.strip()
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(any_text, min_size=1, max_size=12))
def test_any_unicode_text_gives_a_csv_whose_cells_are_text_never_formulas(
    texts: list[str],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.zip"
        book = CsvZipBook(path)
        _write(book, texts)
        with zipfile.ZipFile(path) as archive:
            raw = archive.read("t.csv")
    decoded = raw.decode("utf-8-sig")  # strict: a lone surrogate could not be in it
    assert not XML_FORBIDDEN.search(decoded)
    rows = list(csv.reader(io.StringIO(decoded, newline="")))
    for value, row in zip(texts, rows[1:], strict=True):
        cleaned = clean_text(value)[0]
        assert row[0] == ("'" + cleaned if cleaned.startswith(FORMULA_STARTS) else cleaned)
        # What a spreadsheet reads: nothing it drops can uncover a formula.
        assert not row[0].lstrip("\x00").startswith(FORMULA_STARTS)
    assert book.warnings.replaced_characters == sum(
        len(XML_FORBIDDEN.findall(value)) for value in texts
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_nasty_values_as_text(tmp_path: Path) -> None:
    xlsx = tmp_path / "t.xlsx"
    _write(XlsxBook(xlsx), NASTY)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(xlsx)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    text = (tmp_path / "t.csv").read_text(encoding="utf-8", errors="replace")
    assert "2" not in [line.split(",")[0] for line in text.splitlines()]
    for line in text.splitlines()[1:]:
        assert not line.startswith(("=", "2,", "+"))


def test_an_answer_starting_with_nul_is_exported_as_text_in_csv_and_xlsx(tmp_path: Path) -> None:
    from xlsform import write_xlsform

    from fieldapp.cli import main

    form = write_xlsform(
        tmp_path / "f.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "f", "version": "1"},
    )
    answers = tmp_path / "a.json"
    answers.write_text('{"story": "\\u0000=1+1\\uffff"}', encoding="utf-8")
    db = tmp_path / "t.db"
    base = ["--city", "tijuana", "--interviewer", "TJ01", "--actor-type", "cso", "--finalize"]
    assert (
        main(["submit", "--db", str(db), "--form", str(form), "--answers", str(answers), *base])
        == 0
    )
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "out.zip")]) == 0
    assert main(["export", "--db", str(db), "-o", str(tmp_path / "out.xlsx")]) == 0
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("f"))
        rows = list(csv.DictReader(io.StringIO(archive.read(sheet).decode("utf-8-sig"))))
        about = archive.read("about.csv").decode("utf-8-sig")
    assert rows[0]["story"] == "\ufffd=1+1\ufffd"
    assert "Characters replaced,2," in about
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx")
    values = [row for row in workbook["f"].iter_rows(values_only=True)]
    assert "\ufffd=1+1\ufffd" in values[1]


def test_a_lone_surrogate_in_an_answers_file_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xlsform import write_xlsform

    from fieldapp.cli import main

    form = write_xlsform(
        tmp_path / "f.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "f", "version": "1"},
    )
    answers = tmp_path / "a.json"
    answers.write_text('{"story": "x\\ud800y"}', encoding="utf-8")
    db = tmp_path / "t.db"
    code = main(["submit", "--db", str(db), "--form", str(form), "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code == 1 and "surrogate" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not db.exists()
