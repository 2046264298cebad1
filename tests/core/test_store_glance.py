"""The glance at the interview list that the desktop paints before the store is open."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import SCHEMA_VERSION, InterviewFilter, Store
from fieldapp.core.store.glance import Glance


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    form = write_xlsform(
        tmp_path / "form.xlsx",
        survey=[{"type": "text", "name": "who", "label": "Who"}],
        settings={"form_id": "glance", "instance_name": "${who}"},
    )
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        for number in range(12):
            store.interviews.start(
                sha,
                interviewer=f"TJ{number % 3:02d}",
                city="tijuana" if number % 2 else "monterrey",
                actor_type="cso",
                answers={"who": f"Person {number:02d}"},
            )
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_glance_lists_the_same_rows_as_the_store_and_changes_nothing(db_path: Path) -> None:
    before = _digest(db_path)
    glance = Glance.open(db_path)
    assert glance is not None
    tijuana = InterviewFilter(city="tijuana")
    seen = (
        glance.count(),
        glance.count(tijuana),
        glance.page(limit=5),
        glance.page(tijuana, sort="instance_name", descending=False, offset=2),
    )
    with pytest.raises(sqlite3.OperationalError):  # it could not write if it tried
        glance.conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    glance.close()
    assert _digest(db_path) == before
    with Store.open(db_path) as store:
        assert seen == (
            store.interviews.count(),
            store.interviews.count(tijuana),
            store.interviews.page(limit=5),
            store.interviews.page(tijuana, sort="instance_name", descending=False, offset=2),
        )
    assert seen[0] == 12 and len(seen[2]) == 5
    names = [row.instance_name for row in seen[3]]
    assert names == ["Person 05", "Person 07", "Person 09", "Person 11"]


def _sql(path: Path, *statements: str) -> Path:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def test_anything_but_a_current_fieldapp_database_with_forms_is_left_to_the_store(
    db_path: Path, tmp_path: Path
) -> None:
    """The store creates, upgrades or refuses these with the right message; a glance can't."""
    older, newer = tmp_path / "older.db", tmp_path / "newer.db"
    shutil.copy(db_path, older)
    shutil.copy(db_path, newer)
    set_version = "UPDATE meta SET value = '{}' WHERE key = 'schema_version'"
    empty = Store.open(tmp_path / "empty.db")  # no forms yet: the bundled ones come first
    empty.close()
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    cases = {
        "missing": tmp_path / "missing.db",
        "folder": tmp_path,
        "not sqlite": tmp_path / "notes.txt",
        "other program": _sql(tmp_path / "other.db", "CREATE TABLE t (x)"),
        "older": _sql(older, set_version.format(SCHEMA_VERSION - 1)),
        "newer": _sql(newer, set_version.format(SCHEMA_VERSION + 1)),
        "no forms": tmp_path / "empty.db",
    }
    for case, path in cases.items():
        before = _digest(path) if path.is_file() else None
        assert Glance.open(path) is None, case
        assert (_digest(path) if path.is_file() else None) == before, case
    assert not (tmp_path / "missing.db").exists()


def test_a_read_that_fails_after_opening_says_the_file_is_damaged(db_path: Path) -> None:
    glance = Glance.open(db_path)
    assert glance is not None
    glance.conn.close()  # as good as a file gone bad between two reads
    with pytest.raises(FieldappError) as caught:
        glance.page()
    assert caught.value.code == "store.corrupt"
    assert str(db_path) in caught.value.text("en")


def test_a_glance_loads_neither_sqlite_utils_nor_the_crypto_library() -> None:
    """What makes the desktop's first paint quick: the heavy parts load after it."""
    script = (
        "import json, sys\n"
        "import fieldapp.core.store.glance\n"
        "heavy = ('sqlite_utils', 'cryptography', 'fieldapp.core.store.interviews',"
        " 'fieldapp.core.forms.model', 'pyxform', 'openpyxl')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy"
        " or m in heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def test_a_truncated_or_foreign_file_is_left_to_the_store_with_nothing_new_beside_it(
    db_path: Path, tmp_path: Path
) -> None:
    """A glance at a damaged copy on a USB stick used to leave empty -wal and -shm files."""
    with Store.open(db_path) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()
    usb = tmp_path / "usb"
    usb.mkdir()
    for pages in (1, 2, 3):
        (usb / f"cut{pages}.db").write_bytes(data[: pages * 4096])
    for cut in sorted(usb.iterdir()):
        assert Glance.open(cut) is None, cut.name
        with pytest.raises(FieldappError):
            Store.open(cut)
    assert sorted(path.name for path in usb.iterdir()) == ["cut1.db", "cut2.db", "cut3.db"]
