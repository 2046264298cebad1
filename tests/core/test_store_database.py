"""Opening a database: create once, reopen the same identity, refuse anything else untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import SCHEMA_VERSION, Store
from fieldapp.core.store.database import open_database
from fieldapp.core.store.schema import MIGRATIONS


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, code: str, **open_args: object) -> FieldappError:
    before = _digest(path)
    beside = sorted(path.parent.iterdir())
    with pytest.raises(FieldappError) as caught:
        Store.open(path, **open_args)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert _digest(path) == before, "a refused file must be left exactly as it was"
    assert sorted(path.parent.iterdir()) == beside, "nothing new beside it (-wal, -shm)"
    assert str(path) in caught.value.text("en")
    assert caught.value.text("es") != caught.value.text("en")
    return caught.value


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "field.db"
    with Store.open(path):
        pass
    return path


def test_a_new_database_gets_its_identity_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "folder" / "laptop.db"
    with Store.open(path) as store:
        device, database = store.device_id, store.database_id
        assert store.schema_version == SCHEMA_VERSION
        assert store.db.journal_mode == "wal"
        assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with Store.open(path, create=False) as again:
        assert (again.device_id, again.database_id) == (device, database)
        assert MIGRATIONS.pending(again.db) == []


def test_two_databases_never_share_an_identity(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.db") as a, Store.open(tmp_path / "b.db") as b:
        assert a.device_id != b.device_id
        assert a.database_id != b.database_id


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.db"
    with pytest.raises(FieldappError) as caught:
        Store.open(path, create=False)
    assert caught.value.code == "store.not_found"
    assert not path.exists()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Entrevista con el comandante, 3 de mayo\n" * 50, encoding="utf-8")
    _refused(path, "store.not_sqlite")


def test_a_spreadsheet_picked_by_mistake_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    _refused(path, "store.not_sqlite")


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Lupita', '656 000 0000')")
    conn.commit()
    conn.close()
    _refused(path, "store.not_fieldapp")


def test_a_truncated_copy_is_refused_untouched(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2 + 100])
    error = _refused(cut, "store.truncated")
    assert "copy it again" in error.text("en")


def test_a_database_of_a_newer_fieldapp_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION + 1])
    conn.commit()
    conn.close()
    error = _refused(db_path, "store.newer_schema")
    assert f"version {SCHEMA_VERSION + 1}" in error.text("en")


def test_a_database_locked_by_another_writer_waits_then_says_so(db_path: Path) -> None:
    with Store(open_database(db_path, timeout=0.3)) as store:
        other = sqlite3.connect(db_path)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO meta VALUES ('held_by', 'other process')")
        started = time.monotonic()
        with pytest.raises(FieldappError) as caught:
            store.refresh_derived()
        waited = time.monotonic() - started
        assert caught.value.code == "store.locked"
        assert waited >= 0.25, "it must wait for the other writer before giving up"
        assert "another program" in caught.value.text("en")
        other.rollback()
        other.close()
        store.refresh_derived()  # once the other writer is gone, writing works again


def test_a_writer_that_finishes_within_the_timeout_is_simply_waited_for(db_path: Path) -> None:
    with Store(open_database(db_path, timeout=5)) as store:
        other = sqlite3.connect(db_path, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.3, other.commit)
        release.start()
        store.refresh_derived()
        release.join()
        other.close()


def test_a_read_only_open_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    before = _digest(copy)
    with Store.open(copy, readonly=True) as store:
        assert store.database_id
        with pytest.raises(sqlite3.OperationalError):
            store.db.conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    assert _digest(copy) == before


def test_a_damaged_page_is_refused_untouched(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page : 2 * page] = b"\xff" * page  # the second page: the schema's own tables
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    error = _refused(damaged, "store.corrupt")
    assert "restore a backup" in error.text("en")


def test_a_database_cut_at_a_page_boundary_is_refused_leaving_nothing_beside(
    db_path: Path, tmp_path: Path
) -> None:
    with Store.open(db_path) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()
    for pages in (1, 2, 3, len(data) // 4096 - 1):
        cut = tmp_path / "usb" / f"cut{pages}.db"
        cut.parent.mkdir(exist_ok=True)
        cut.write_bytes(data[: pages * 4096])
        with pytest.raises(FieldappError):
            Store.open(cut)
        assert sorted(p.name for p in cut.parent.iterdir() if p.name.startswith(cut.name)) == [
            cut.name
        ]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="Unix file modes")
def test_a_new_database_and_its_package_are_readable_by_their_owner_only(
    tmp_path: Path,
) -> None:
    from fieldapp.core.package import write_package

    old_umask = os.umask(0o022)  # the usual umask, which would give 0644
    try:
        path = tmp_path / "new" / "field.db"
        with Store.open(path) as store:  # creating the schema wrote the -wal
            made = [path, path.with_name("field.db-wal"), path.with_name("field.db-shm")]
            package = write_package(store, tmp_path / "TJ01.fieldapp").path
            for made_path in [*made, package]:
                assert made_path.stat().st_mode & 0o777 == 0o600, made_path
        assert path.parent.stat().st_mode & 0o777 == 0o700
    finally:
        os.umask(old_umask)


def test_a_folder_instead_of_a_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FieldappError) as caught:
        Store.open(tmp_path)
    assert caught.value.code == "store.cannot_open"


def test_an_older_database_is_upgraded_by_the_next_migration_and_keeps_its_data(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a future schema change will do: one more migration, applied once on open."""
    from fieldapp.core.store import database, schema

    with Store.open(db_path) as store:
        identity = (store.device_id, store.database_id)
        store.attachments.add(b"foto del local")
    upgraded = schema.Migrations("fieldapp")
    for migration in schema.MIGRATIONS.migrations:
        upgraded()(migration.fn)

    @upgraded()
    def m099_note_column(db: schema.Connected) -> None:
        db.conn.execute("ALTER TABLE attachments ADD COLUMN note TEXT")
        schema._set_version(db, SCHEMA_VERSION + 1)

    monkeypatch.setattr(schema, "MIGRATIONS", upgraded)
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    # A read-only open (a merge source) cannot upgrade, so it says what to do instead.
    _refused(db_path, "store.older_schema_readonly", readonly=True)
    with Store.open(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION + 1
        assert (store.device_id, store.database_id) == identity
        columns = [c[1] for c in store.db.conn.execute("PRAGMA table_info(attachments)")]
        assert "note" in columns
        assert store.db.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    monkeypatch.undo()
    # This fieldapp, one version behind the file now, refuses it rather than guess.
    _refused(db_path, "store.newer_schema")


def test_a_form_is_compiled_once_per_process_whatever_the_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every Store (window, export, merge, review) used to parse each form again."""
    from fieldapp.core.forms import loader
    from fieldapp.core.study import study_form

    monkeypatch.setenv("FIELDAPP_CACHE_DIR", str(tmp_path / "no-cache"))
    monkeypatch.setattr("fieldapp.core.forms.compiled.cache_dir", lambda create=False: None)
    own = tmp_path / "own_gov.xlsx"  # not a shipped study form: pyxform reads it
    own.write_bytes(study_form("gov").read_bytes())
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        sha = store.forms.add(own).sha256
        shipped = store.forms.add(study_form("gov")).sha256
    compiled: list[bool] = []
    original = loader.load_form_bytes_from

    def counting(*args: object, **kwargs: object) -> object:
        compiled.append(bool(kwargs.get("check_xform", True)))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_form_bytes_from", counting)
    from fieldapp.core.store import form_cache

    monkeypatch.setattr(form_cache, "_FORMS", {})  # as in a new process
    forms = []
    for _ in range(3):
        with Store.open(path) as store:
            forms.append(store.forms.load(sha))
            store.forms.load(shipped)
    assert compiled == [False], "parsed once, without redoing the XForm check it passed"
    assert forms[0] is forms[1] is forms[2]
    assert forms[0].form_id == "mx_border_gov"
