"""fieldapp's own migration runner: sqlite-utils' record kept exactly, creation all or nothing.

A database made or upgraded here must be one sqlite-utils' ``Migrations`` takes as its
own, and the other way round (a laptop may meet an older fieldapp's file, a supervisor's
tool may run sqlite-utils on it). A first start cut short (the laptop's battery, a kill)
must leave a file that the next start either completes or refuses, never one used half
made.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import SCHEMA_VERSION, Store
from fieldapp.core.store.schema import MIGRATION_SET, MIGRATIONS, Connected, Migration
from fieldapp.core.store.version import MIGRATIONS_APPLIED

REPO = Path(__file__).resolve().parents[2]


def _by_sqlite_utils(path: Path, stop_before: tuple[str, ...] = ()) -> None:
    """Create (or upgrade) ``path`` with sqlite-utils' runner and fieldapp's migrations."""
    theirs = SqliteUtilsMigrations(MIGRATION_SET)
    for migration in MIGRATIONS.migrations:
        theirs()(migration.fn)
    db = sqlite_utils.Database(path)
    theirs.apply(db, stop_before=list(stop_before))
    db.close()


def _rows(path: Path, sql: str) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _schema(path: Path) -> list[tuple[str, ...]]:
    return _rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")


def _record(path: Path) -> list[tuple[str, ...]]:
    return _rows(path, "SELECT migration_set, name, applied_at FROM _sqlite_migrations ORDER BY id")


def _complete(path: Path) -> None:
    """Assert ``path`` is a whole database: every migration, its identity, its signing key."""
    assert [name for _, name, _ in _record(path)] == list(MIGRATIONS_APPLIED)
    with Store.open(path, create=False) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.device_id and store.database_id
        keys = store.conn.execute("SELECT device_id FROM signing_key").fetchall()
        assert keys == [(store.device_id,)], "the installation signs with one key of its own"
        assert store.check_integrity() == []


def test_a_database_made_here_has_the_schema_and_record_sqlite_utils_makes(
    tmp_path: Path,
) -> None:
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    Store.open(ours).close()
    _by_sqlite_utils(theirs)
    assert _schema(ours) == _schema(theirs)
    assert [row[:2] for row in _record(ours)] == [row[:2] for row in _record(theirs)]
    assert [name for _, name, _ in _record(ours)] == list(MIGRATIONS_APPLIED)
    for _, _, applied_at in _record(ours):  # written as sqlite-utils writes it
        when = dt.datetime.fromisoformat(applied_at)
        assert when.tzinfo is not None and str(when) == applied_at


def test_sqlite_utils_finds_nothing_to_do_in_a_database_made_here(tmp_path: Path) -> None:
    path = tmp_path / "ours.db"
    Store.open(path).close()
    before = _record(path)
    theirs = SqliteUtilsMigrations(MIGRATION_SET)
    for migration in MIGRATIONS.migrations:
        theirs()(migration.fn)
    db = sqlite_utils.Database(path)
    assert theirs.pending(db) == []
    theirs.apply(db)
    db.close()
    assert _record(path) == before


@pytest.mark.parametrize("made_upto", range(1, len(MIGRATIONS_APPLIED)))
def test_an_older_database_made_by_sqlite_utils_is_upgraded_here(
    tmp_path: Path, made_upto: int
) -> None:
    """A file an older fieldapp made (sqlite-utils' runner, fewer migrations) gets the rest."""
    path = tmp_path / "older.db"
    _by_sqlite_utils(path, stop_before=MIGRATIONS_APPLIED[made_upto:])
    older = _record(path)
    assert len(older) == made_upto
    conn = sqlite3.connect(path)
    identity = conn.execute("SELECT key, value FROM meta WHERE key LIKE '%_id'").fetchall()
    conn.close()
    Store.open(path).close()
    _complete(path)
    assert _record(path)[:made_upto] == older, "what was applied stays recorded as it was"
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert _schema(path) == _schema(fresh)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT key, value FROM meta WHERE key LIKE '%_id'").fetchall() == identity
    conn.close()


def test_a_record_in_an_older_sqlite_utils_layout_is_converted_and_kept(tmp_path: Path) -> None:
    """A record without the ``id`` key (as an older sqlite-utils kept it) is converted."""
    path = tmp_path / "older-layout.db"
    _by_sqlite_utils(path, stop_before=MIGRATIONS_APPLIED[1:])
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("ALTER TABLE _sqlite_migrations RENAME TO old_record")
        conn.execute(
            "CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT,"
            " PRIMARY KEY (migration_set, name))"
        )
        conn.execute(
            "INSERT INTO _sqlite_migrations SELECT migration_set, name, applied_at FROM old_record"
        )
        conn.execute("DROP TABLE old_record")
    conn.close()
    Store.open(path).close()
    _complete(path)
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert _schema(path) == _schema(fresh)


def test_a_failing_migration_leaves_a_new_file_empty_and_the_next_opening_makes_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "first.db"

    def broken(db: Connected) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    last = MIGRATIONS.migrations[-1]
    monkeypatch.setattr(
        MIGRATIONS, "migrations", [*MIGRATIONS.migrations[:-1], Migration(last.name, broken)]
    )
    with pytest.raises(FieldappError) as caught:
        Store.open(path)
    assert caught.value.code == "store.write_failed"
    assert _schema(path) == [], "nothing of the earlier migrations was kept"
    # A reader (a merge, an export) refuses the empty file rather than use it.
    with pytest.raises(FieldappError) as refused:
        Store.open(path, create=False)
    assert refused.value.code == "store.not_fieldapp"
    monkeypatch.undo()
    Store.open(path).close()
    _complete(path)


KILLED_IN_A_MIGRATION = """
import os, signal, sys
from fieldapp.core.store import Store, schema

last = schema.MIGRATIONS.migrations[-1]

def killed(db):
    os.kill(os.getpid(), signal.SIGKILL)  # mid-transaction, the signing key already made

schema.MIGRATIONS.migrations[-1] = schema.Migration(last.name, killed)
Store.open(sys.argv[1])
"""

KILLED_ADDING_THE_FORMS = """
import os, signal, sys
from fieldapp.core.store import form_versions
from fieldapp.ui.app import open_store

insert = form_versions.Forms._insert_record
added = []

def killed_at_the_third(self, *args, **kwargs):
    added.append(1)
    if len(added) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return insert(self, *args, **kwargs)

form_versions.Forms._insert_record = killed_at_the_third
open_store(sys.argv[1])
"""


def _run_killed(script: str, path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def _first_start(path: Path) -> list[str]:
    """Open ``path`` as the desktop does; return the form ids it holds."""
    from fieldapp.ui.app import open_store

    store = open_store(path)
    try:
        return sorted(record.form_id for record in store.forms.records())
    finally:
        store.close()


STUDY_FORMS = ["mx_border_cso", "mx_border_gov", "mx_border_informant", "mx_border_security"]


def test_a_first_start_killed_inside_the_migrations_is_made_whole_next_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "first.db"
    _run_killed(KILLED_IN_A_MIGRATION, path)
    assert _schema(path) == []
    assert _first_start(path) == STUDY_FORMS
    _complete(path)


def test_a_first_start_killed_adding_the_study_forms_gets_all_four_next_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "first.db"
    _run_killed(KILLED_ADDING_THE_FORMS, path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM forms").fetchone() == (0,), "none or all four"
    conn.close()
    assert _first_start(path) == STUDY_FORMS
    _complete(path)


WAITING_FIRST_START = """
import sys
from fieldapp.ui.app import open_store
import fieldapp.core.store.interviews, fieldapp.core.store.schema, fieldapp.core.forms.compiled
import cryptography.hazmat.primitives.asymmetric.ed25519
sys.stdout.write("ready\\n")
sys.stdout.flush()
sys.stdin.readline()
open_store(sys.argv[1]).close()
sys.stdout.write("done\\n")
"""


@pytest.mark.slow
def test_a_first_start_killed_at_any_moment_is_completed_by_the_next(tmp_path: Path) -> None:
    """SIGKILL at random moments of a first start: the next start always ends whole."""
    chance = random.Random(16)
    for round_number in range(12):
        path = tmp_path / f"first-{round_number}.db"
        child = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WAITING_FIRST_START), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert child.stdin is not None and child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        child.stdin.write("go\n")
        child.stdin.flush()
        # A first start takes some 40 ms here once its modules are loaded: the kills
        # step through it, 4 ms apart (before the file, in the migrations, between them
        # and the forms, adding the forms, after).
        try:
            child.wait(timeout=(round_number + chance.random()) * 0.004)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        assert _first_start(path) == STUDY_FORMS
        _complete(path)


def test_a_failure_nested_in_a_write_is_undone_alone(tmp_path: Path) -> None:
    """A nested block that fails is rolled back; the outer write still commits."""
    with Store.open(tmp_path / "nested.db") as store:
        with store.transaction() as outer:
            outer.conn.execute("INSERT INTO meta (key, value) VALUES ('kept', '1')")
            with pytest.raises(RuntimeError), store.transaction() as inner:
                inner.conn.execute("INSERT INTO meta (key, value) VALUES ('undone', '1')")
                raise RuntimeError("a part of the write failed")
        rows = store.conn.execute("SELECT key FROM meta WHERE key IN ('kept', 'undone')").fetchall()
    assert rows == [("kept",)]


def test_a_file_left_short_by_a_checkpoint_cut_short_opens_whole_from_its_wal(
    tmp_path: Path,
) -> None:
    """Killed while closing, SQLite may have copied only the first pages of its -wal into
    the file (the first page already saying the full size): the -wal holds the rest."""
    live = tmp_path / "live.db"
    store = Store.open(live)
    store.conn.execute("PRAGMA wal_autocheckpoint=0")  # everything stays in the -wal
    _first_start_forms(store)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    wal = (tmp_path / "live.db-wal").read_bytes()
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    whole = live.read_bytes()
    store.close()
    page_size = int.from_bytes(whole[16:18], "big")
    assert len(whole) > 4 * page_size
    # The checkpoint copies pages in order: it stopped after the first three.
    (crashed / "field.db").write_bytes(whole[: 3 * page_size])
    (crashed / "field.db-wal").write_bytes(wal)
    with Store.open(crashed / "field.db") as reopened:
        assert sorted(r.form_id for r in reopened.forms.records()) == STUDY_FORMS
        assert reopened.check_integrity() == []
    # The same short file without its -wal is a copy cut short: refused, untouched.
    (crashed / "field.db").write_bytes(whole[: 3 * page_size])
    (crashed / "field.db-wal").unlink(missing_ok=True)
    (crashed / "field.db-shm").unlink(missing_ok=True)
    with pytest.raises(FieldappError) as caught:
        Store.open(crashed / "field.db")
    assert caught.value.code == "store.truncated"


def _first_start_forms(store: Store) -> None:
    from fieldapp.core.study import study_forms

    with store.transaction():
        for form in study_forms():
            store.forms.add(form.path)


def test_a_new_database_s_ids_are_random_version_4_uuids(tmp_path: Path) -> None:
    """Made without the uuid module, the ids are what ``uuid.uuid4()`` makes."""
    import uuid

    from fieldapp.core.store.schema import random_uuid

    made = {random_uuid() for _ in range(2000)}
    assert len(made) == 2000
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        ids = [a.device_id, a.database_id, b.device_id, b.database_id]
    assert len(set(ids)) == 4
    assert all(uuid.UUID(value).version == 4 for value in ids)


def test_two_first_starts_on_one_new_file_make_one_database(tmp_path: Path) -> None:
    """Two programs opening the same new file at once (the app and a script): the second
    waits for the first's migrations, finds nothing left to do, and opens the same one."""
    import threading

    path = tmp_path / "shared.db"
    barrier = threading.Barrier(4)
    found: list[tuple[str, str]] = []
    failed: list[BaseException] = []

    def first_start() -> None:
        try:
            barrier.wait()
            with Store.open(path) as store:
                found.append((store.database_id, store.device_id))
        except BaseException as error:  # reported below, with the others
            failed.append(error)

    threads = [threading.Thread(target=first_start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failed == []
    assert len(found) == 4 and len(set(found)) == 1
    assert [name for _, name, _ in _record(path)] == list(MIGRATIONS_APPLIED)
    _complete(path)


def test_after_a_first_start_every_commit_waits_for_the_disk_again(tmp_path: Path) -> None:
    """A new database's schema and study forms are written without waiting for the disk
    (redone at the next start if a power cut undoes them); what comes after, the
    researcher's answers, is synced at every commit, even after such a write failed."""
    from fieldapp.core.store.database import transaction
    from fieldapp.ui.app import open_store

    store = open_store(tmp_path / "first.db")
    try:
        full = 2
        assert store.conn.execute("PRAGMA synchronous").fetchone() == (full,)
        with pytest.raises(RuntimeError), transaction(store.opened, redone_if_lost=True):
            store.conn.execute("INSERT INTO meta (key, value) VALUES ('undone', '1')")
            raise RuntimeError("the disk filled up")
        assert store.conn.execute("PRAGMA synchronous").fetchone() == (full,)
        assert store.conn.execute("SELECT 1 FROM meta WHERE key = 'undone'").fetchone() is None
        with transaction(store.opened, redone_if_lost=True):
            store.conn.execute("INSERT INTO meta (key, value) VALUES ('kept', '1')")
        assert store.conn.execute("PRAGMA synchronous").fetchone() == (full,)
    finally:
        store.close()
    _complete(tmp_path / "first.db")


def test_a_first_start_waits_while_another_program_reads_the_new_file(tmp_path: Path) -> None:
    """Switching a new file to WAL needs it to itself, and SQLite says "locked" at once,
    without its busy wait, while another program is about to write it: one of two first
    starts at once was refused as busy now and then. The store waits, as for any other
    writer."""
    import threading

    path = tmp_path / "new.db"
    path.touch()  # what a second program's first start finds: an empty file, being written
    other = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other first start, about to write
    release = threading.Timer(0.5, other.rollback)
    release.start()
    try:
        with Store.open(path) as store:
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert store.database_id
    finally:
        release.join()
        other.close()
