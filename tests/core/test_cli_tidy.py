"""A command leaves nothing beside the database but the database.

An export reads through a read-only connection (so it can run beside the desktop); closing
last, such a connection cannot remove SQLite's ``-wal`` and ``-shm``: after `fieldapp
export` or `fieldapp status` a supervisor found two more files beside the study's database
on the stick, one of them empty, and wondered which to copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.store import Store

SURVEY = [{"type": "text", "name": "org", "label": "Organización"}]
SETTINGS = {"form_id": "cso", "form_title": "OSC", "version": "1"}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "study.db"
    form = write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=SETTINGS)
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        for city in ("tijuana", "juarez"):
            store.interviews.submit(
                sha, {"org": "Consejo"}, finalize=True, interviewer="TJ01", city=city
            )
    return path


def _beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


@pytest.mark.parametrize(
    "words",
    [
        ["export", "-o", "{out}.xlsx"],
        ["export", "-o", "{out}.dta"],
        ["export", "-o", "{out}.zip", "--deidentify"],
        ["status"],
        ["status", "--json"],
        ["review", "list"],
        ["check"],
    ],
    ids=lambda words: " ".join(words),
)
def test_a_command_leaves_only_the_database_beside_it(
    db: Path, tmp_path: Path, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    assert main([*(w.format(out=out) for w in words), "--db", str(db)]) == 0
    assert _beside(db) == ["study.db"]
    with Store.open(db, create=False, readonly=True) as store:  # and it is whole
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_database_another_program_has_open_keeps_its_files(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The desktop (here a connection in the middle of writing) keeps its WAL: the command
    takes nothing from under it and what it wrote stays."""
    desktop = sqlite3.connect(db)
    try:
        desktop.execute("BEGIN IMMEDIATE")
        desktop.execute("INSERT INTO meta(key, value) VALUES ('desk', 'open')")
        desktop.commit()  # in the WAL, not yet in the database file
        assert main(["export", "-o", str(tmp_path / "out.xlsx"), "--db", str(db)]) == 0
        assert "study.db-wal" in _beside(db)
    finally:
        desktop.close()
    with Store.open(db, create=False, readonly=True) as store:
        row = store.db.conn.execute("SELECT value FROM meta WHERE key = 'desk'").fetchone()
        assert row == ("open",)
