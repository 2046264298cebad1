"""A de-identified export from a database that cannot be written (a read-only copy, an
archived stick): the pseudonym secret cannot be kept, so each export gets its own.

The promise (``docs/protecting-interviewees.md``, *De-identification policy*): the export
still works, the database is not touched, and no secret is written anywhere: two exports
then give the same interviewer different pseudonyms, so neither can be joined to the
other. The file is made immutable (``chattr +i``), which stops root too; where the
system does not allow that, the test is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from fieldapp.cli import main
from fieldapp.core.store.sealing import PSEUDONYM_KEY_META


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    if not _chattr("+i", path):
        pytest.skip("this system does not let the test make a file immutable (chattr +i)")
    try:
        yield
    finally:
        _chattr("-i", path)


def _pseudonyms(workbook: Path) -> dict[str, set[str]]:
    """The pseudonyms of each column that holds one (``_interviewer``, ``_device``)."""
    found: dict[str, set[str]] = {"_interviewer": set(), "_device": set()}
    book = openpyxl.load_workbook(workbook, read_only=True)
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = {name: header.index(name) for name in found if name in header}
        for row in rows:
            for name, index in columns.items():
                found[name].add(str(row[index]))
    book.close()
    return found


def _secret_rows(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        count: int = conn.execute(
            "SELECT count(*) FROM meta WHERE key = ?", [PSEUDONYM_KEY_META]
        ).fetchone()[0]
        return count


@pytest.mark.slow
@pytest.mark.usefixtures("every_row_written")
def test_an_unwritable_database_exports_with_a_secret_for_that_export_alone(
    tmp_path: Path,
) -> None:
    db = tmp_path / "archived.db"
    demo = ["demo", "--db", str(db), "--interviews", "6", "--seed", "4", "--workers", "1"]
    assert main(demo) == 0
    assert _secret_rows(db) == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    export = ["export", "--db", str(db), "--deidentify", "--drafts", "-o"]
    with _immutable(db):
        assert main([*export, str(tmp_path / "first.xlsx")]) == 0
        assert main([*export, str(tmp_path / "second.xlsx")]) == 0
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert _secret_rows(db) == 0
    first, second = _pseudonyms(tmp_path / "first.xlsx"), _pseudonyms(tmp_path / "second.xlsx")
    for column in ("_interviewer", "_device"):
        assert first[column] and second[column]
        assert first[column].isdisjoint(second[column]), column
    # Writable again, the database keeps its secret and its pseudonyms hold across exports.
    assert main([*export, str(tmp_path / "third.xlsx")]) == 0
    assert main([*export, str(tmp_path / "fourth.xlsx")]) == 0
    assert _secret_rows(db) == 1
    assert _pseudonyms(tmp_path / "third.xlsx") == _pseudonyms(tmp_path / "fourth.xlsx")
