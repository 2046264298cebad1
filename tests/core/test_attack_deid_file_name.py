"""Attack: read the researcher's code in a de-identified export's about sheet.

The app names a package after the researcher's code and the day (``TJ01-2026-06-08
.fieldapp``, the package dialog's default), and a supervisor may keep a laptop's database
as ``TJ01.db``. A de-identified export of either wrote that file name as its "Database",
so the interviewer every pseudonym hides was named on the about sheet (and in Stata's,
SPSS's and the CSV zip's about.csv). A de-identified export names no database file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_attack_deid_groups import (
    MONDAY,
    _study,
    english,  # noqa: F401  (autouse: the messages in English)
)

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.package import write_package
from fieldapp.core.store import Store

CODE = "TJ01"


def _sources(root: Path) -> list[Path]:
    """The researcher's package as the app names it, and her database kept by her code."""
    plan = [(CODE, "tijuana", MONDAY + dt.timedelta(minutes=50 * n)) for n in range(5)]
    db = _study(root, plan)
    package = root / f"{CODE}-2026-06-08.fieldapp"
    with Store.open(db) as store:
        write_package(store, package)
    named = root / f"{CODE}.db"
    shutil.copyfile(db, named)
    return [package, named]


def _texts(path: Path) -> list[str]:
    """Every file the export wrote, as text (an xlsx's and a zip's members unpacked)."""
    with zipfile.ZipFile(path) as archive:
        return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]


@pytest.mark.parametrize("suffix", [".xlsx", ".zip", ".dta", ".sav"])
def test_no_file_of_a_deidentified_export_names_the_researcher_by_its_databases_name(
    tmp_path: Path, suffix: str
) -> None:
    for source in _sources(tmp_path):
        out = tmp_path / f"shared-{source.stem}{suffix}"
        result = export_workbook(source, out, ExportOptions(deidentify=True))
        assert result.interviews == 5
        assert not [text for text in _texts(result.path) if CODE in text], source.name


def test_the_about_sheet_says_the_database_is_left_out_and_a_plain_export_keeps_it(
    tmp_path: Path,
) -> None:
    package, _ = _sources(tmp_path)
    shared = export_workbook(package, tmp_path / "s.xlsx", ExportOptions(deidentify=True))
    about = {
        r[0]: r[1:]
        for r in openpyxl.load_workbook(shared.path)["about"].iter_rows(values_only=True)
    }
    value, detail = about["Database"]
    assert value is None and "left out" in detail
    plain = export_workbook(package, tmp_path / "p.xlsx", ExportOptions())
    about = {
        r[0]: r[1] for r in openpyxl.load_workbook(plain.path)["about"].iter_rows(values_only=True)
    }
    assert about["Database"] == str(package)
