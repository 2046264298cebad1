"""A laptop's database damaged on disk (a bad USB stick, a crash of the disk) gets one
clear line from every command that reads it, never 'could not finish: DatabaseError',
and never one line per interview."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldapp.cli import main


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("damaged")
    whole = folder / "whole.db"
    assert main(["demo", "--db", str(whole), "--interviews", "6", "--seed", "4"]) == 0
    conn = sqlite3.connect(whole)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'revisions'").fetchone()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    path = folder / "field.db"
    shutil.copy(whole, path)
    with path.open("r+b") as file:  # the revisions table's first page says it holds 65535 cells
        file.seek((root[0] - 1) * size + 3)
        file.write(b"\xff\xff")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["status"],
        ["export", "-o", "{out}/study.xlsx"],
        ["export", "-o", "{out}/study.dta"],
        ["instances", "-o", "{out}/instances"],
        ["package", "-o", "{out}/laptop.fieldapp"],
    ],
)
def test_every_command_says_the_database_is_damaged_in_one_line(
    damaged: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.read_bytes()
    arguments = [part.format(out=tmp_path) for part in command]
    assert main([arguments[0], "--db", str(damaged), *arguments[1:]]) == 1
    said = capsys.readouterr().err
    assert said == said.splitlines()[0] + "\n", said  # one line
    assert f"{damaged} is damaged and cannot be read" in said
    assert "could not finish" not in said and "Traceback" not in said
    assert damaged.read_bytes() == before
    assert not list(tmp_path.iterdir())  # no export, package or instance left behind
