"""After an export the terminal says where its warnings are: the about sheet of a
workbook, the file ``about.csv`` of a zip or a folder (walksup: "vea la hoja about" after
a Stata export, whose zip holds no sheet)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from merge_devices import Device

from fieldapp.cli import main
from fieldapp.core.messages import text


def _laptop_with_sealed_interviews(tmp_path: Path) -> Path:
    """A laptop holding one interview in clear and two sealed for the study key: the
    terminal exports the sealed ones without their answers, with one warning."""
    laptop = Device(tmp_path / "ana.db", "ana")
    sid = laptop.create(laptop.add_form(), "Tijuana", {"name": "en claro"})
    for blob in (b"uno", b"dos"):
        laptop.seal(sid, blob)
    laptop.close()
    return laptop.path


def _export(db: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["export", "--db", str(db), "-o", str(out), *extra]) == 0
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "sheet", "zipped", "folder"),
    [
        (
            "es",
            "1 aviso: vea la hoja about.",
            "1 aviso: vea el archivo about.csv del zip.",
            "1 aviso: vea el archivo about.csv de la carpeta.",
        ),
        (
            "en",
            "1 warning: see the about sheet.",
            "1 warning: see the file about.csv in the zip.",
            "1 warning: see the file about.csv in the folder.",
        ),
    ],
)
def test_the_warnings_line_names_the_about_the_export_holds(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    sheet: str,
    zipped: str,
    folder: str,
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", language)
    db = _laptop_with_sealed_interviews(tmp_path)
    said = _export(db, tmp_path / "study.xlsx", capsys)
    assert sheet in said and "about.csv" not in said

    said = _export(db, tmp_path / "study.dta", capsys)
    assert zipped in said and sheet not in said
    with zipfile.ZipFile(tmp_path / "study.dta.zip") as archive:
        about = archive.read("about.csv").decode("utf-8-sig")
    # What the line sends her to is there: the warning itself, in about.csv.
    warning = text("export.warning.sealed", language, count=2)
    assert [row[1] for row in csv.reader(io.StringIO(about)) if warning in row] == [warning]

    said = _export(db, tmp_path / "unpacked.sav", capsys, "--folder")
    assert folder in said and sheet not in said
    assert (tmp_path / "unpacked" / "about.csv").is_file()
