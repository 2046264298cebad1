"""Attack on the commands that only read a laptop's file (``Store.open_to_read``).

Since *(oldfile)* a supervisor lists and exports a laptop's database brought on a stick
(``devices list --db``, ``review list --db``, ``export --db``) without merging it. Merge
refuses a file holding what runs when it is read (``merge.foreign_object``); these
commands opened it as it was, so a forged file whose ``events`` is a view over an
endless recursive query kept each of them from ever answering.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store

COMMANDS = (
    ["devices", "list"],
    ["review", "list"],
    ["export", "-o", "out.zip"],
)
WAIT = 60
"""Seconds a command may take on a two-table file: each answered in under one."""


def _forged(folder: Path, how: str) -> Path:
    """A laptop's file whose ``events`` is replaced by ``how``: a view that never ends,
    or a table whose generated column makes a 2 GB blob on each read."""
    path = folder / "laptop.db"
    with Store.open(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("ALTER TABLE events RENAME TO events_kept")
        if how == "view":
            conn.execute(
                "CREATE VIEW events AS WITH RECURSIVE r(n) AS "
                "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT e.* FROM events_kept AS e, r"
            )
        else:
            conn.execute(
                "CREATE TABLE events AS SELECT * FROM events_kept WHERE 0"
            )  # the columns, then one generated beside them
            conn.execute("ALTER TABLE events ADD COLUMN big BLOB AS (zeroblob(2000000000))")
        conn.commit()
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_read_command_refuses_a_file_whose_events_never_end(
    tmp_path: Path, command: list[str]
) -> None:
    """Each command says what the file holds, in one line, within a second or so."""
    laptop = _forged(tmp_path, "view")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env["FIELDAPP_LANG"] = "en"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "fieldapp", *command, "--db", str(laptop)],
            capture_output=True,
            text=True,
            timeout=WAIT,
            cwd=tmp_path,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command[0]} {command[1]} still reading after {WAIT} s")
    assert done.returncode == 1, done
    assert 'holds a view "events" that fieldapp never makes' in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_reading_refuses_a_generated_column_before_any_row_is_read(tmp_path: Path) -> None:
    laptop = _forged(tmp_path, "generated")
    with pytest.raises(FieldappError) as caught:
        Store.open_to_read(laptop)
    assert caught.value.code == "store.foreign_object"
    assert "events.big" in str(caught.value)


def test_a_list_without_row_ids_is_refused_in_words_not_as_a_crash(tmp_path: Path) -> None:
    """(attack2) A forged laptop file whose ``listing`` was made WITHOUT ROWID: the
    interview list orders its ties by rowid, and ``review list --db`` stopped with
    "could not finish: OperationalError ... please report this". It is refused as the
    other objects fieldapp never makes are, naming the table."""
    path = tmp_path / "laptop.db"
    with Store.open(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'listing'").fetchone()
        conn.execute("DROP TABLE listing")
        conn.execute(f"{sql} WITHOUT ROWID")
        conn.commit()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env["FIELDAPP_LANG"] = "en"
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "review", "list", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=WAIT,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 1, done
    assert 'holds a table without row ids "listing"' in done.stderr, done.stderr
    assert "could not finish" not in done.stderr and "Traceback" not in done.stderr


def test_a_virtual_table_of_a_module_sqlite_lacks_is_named_not_a_folder_to_write(
    tmp_path: Path,
) -> None:
    """(attack2) A virtual table of a module this SQLite does not have was asked for its
    columns before it was named: "no such module", said by every read command as "cannot
    open ... check that the folder exists and that you may write to it", and by merge as
    an unreadable file. It is named as any virtual table is."""
    from fieldapp.core.merge import merge_database

    path = tmp_path / "laptop.db"
    with Store.open(path):
        pass
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE VIRTUAL TABLE notes USING fts5(body)")
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE VIRTUAL TABLE notes USING nosuchmodule(body)' "
            "WHERE name = 'notes'"
        )
        conn.commit()
    with pytest.raises(FieldappError) as reading:
        Store.open_to_read(path)
    assert reading.value.code == "store.foreign_object", reading.value.text("en")
    assert 'virtual table "notes"' in reading.value.text("en")
    with (
        Store.open(tmp_path / "supervisor.db") as supervisor,
        pytest.raises(FieldappError) as merging,
    ):
        merge_database(supervisor, path)
    assert merging.value.code == "merge.foreign_object", merging.value.text("en")
