"""Opening a current database is light: no sqlite-utils, no crypto library until needed.

The desktop's start waits for the store (issue 16); sqlite-utils (with click, dateutil
and pluggy) and the crypto library cost it about a third of a bare Qt window's start.
They load when a migration, a write or a sealed record first needs them.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from xlsform import write_xlsform

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import SCHEMA_VERSION, Store
from fieldapp.core.store.schema import MIGRATIONS
from fieldapp.core.store.version import LOCAL_MIGRATIONS, MIGRATIONS_APPLIED


def _version(db: sqlite_utils.Database) -> int:
    row = db.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0])


def test_the_migrations_a_current_file_must_list_are_every_migration(tmp_path: Path) -> None:
    """Opening decides without sqlite-utils from ``MIGRATIONS_APPLIED``: it must be them all."""
    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "steps.db"))
    names = [migration.name for migration in MIGRATIONS.pending(db)]
    assert tuple(names) == MIGRATIONS_APPLIED
    versions = []
    for upto in range(1, len(names) + 1):
        MIGRATIONS.apply(db, stop_before=names[upto:])
        versions.append(_version(db))
    assert versions == sorted(versions) and versions[-1] == SCHEMA_VERSION


def test_a_migration_that_keeps_the_version_is_still_applied_to_an_older_file(
    tmp_path: Path,
) -> None:
    """A file at the current version made before a local table's migration gets it."""
    path = tmp_path / "older.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    last = LOCAL_MIGRATIONS[-1]
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [last])
        conn.execute("DROP TABLE central_reviews")  # what that migration made
    conn.close()
    with pytest.raises(FieldappError) as refused:  # reading it must not upgrade it
        Store.open(path, readonly=True)
    assert refused.value.code == "store.older_schema_readonly"
    with Store.open(path) as store:
        assert store.conn.execute("SELECT count(*) FROM central_reviews").fetchone() == (0,)
        applied = {row[0] for row in store.conn.execute("SELECT name FROM _sqlite_migrations")}
    assert last in applied


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_reading_a_current_database_loads_neither_sqlite_utils_nor_the_crypto_library(
    tmp_path: Path,
) -> None:
    form = write_xlsform(
        tmp_path / "cso.xlsx",
        [{"type": "text", "name": "org", "label": "Organisation"}],
        settings={"form_id": "cso", "version": "1"},
    )
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        store.interviews.start(sha, interviewer="TJ-01", city="tijuana", actor_type="cso")
    out = _run(
        f"""
        import sys
        from fieldapp.core.store import Store
        store = Store.open({str(path)!r})
        rows = store.interviews.page()
        print(len(rows), store.interviews.count(), len(store.forms.records()))
        assert not store.keys.hides_sealed()  # what the list asks first
        print(sorted(m for m in ("sqlite_utils", "cryptography") if m in sys.modules)
              + [m for m in sys.modules if m.startswith("fieldapp.core.messages.")])
        # a write works on plain sqlite3 too: sqlite-utils is for the tools that ask for it
        sha = store.forms.records()[0].sha256
        store.interviews.start(sha, interviewer="TJ-02", city="tijuana", actor_type="cso")
        print(store.interviews.count(), "sqlite_utils" in sys.modules)
        store.close()
        """
    )
    assert out.split("\n")[:3] == ["1 1 1", "[]", "2 False"]


def test_the_first_start_records_the_shipped_study_forms_without_the_form_reader(
    tmp_path: Path,
) -> None:
    """A new database gets the four study forms from their compiled summaries: neither
    the form reader nor pyxform or openpyxl load on the researcher's first start."""
    out = _run(
        f"""
        import sys
        from fieldapp.ui.app import open_store
        store = open_store({str(tmp_path / "first.db")!r})
        print(len(store.forms.records()))
        heavy = (
            "fieldapp.core.forms.loader",
            "pyxform",
            "openpyxl",
            "fieldapp.core.review",
            "sqlite_utils",
            "cryptography.hazmat.primitives.serialization",
            "importlib.resources",
            "uuid",
            "fieldapp.core.store.instance_ids",
        )
        # the catalogue's modules load by domain, when a message of theirs is needed
        said = [m for m in sys.modules if m.startswith("fieldapp.core.messages.")]
        print(sorted(m for m in heavy if m in sys.modules) + said)
        store.close()
        """
    )
    assert out.split("\n")[:2] == ["4", "[]"]


def _meta_reads(monkeypatch: pytest.MonkeyPatch, path: Path, **options: bool) -> list[str]:
    """Open the store at ``path``; return the statements that read ``meta``, and close it."""
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    with monkeypatch.context() as patched:
        patched.setattr(sqlite3, "connect", traced)
        store = Store.open(path, **options)
    with sqlite3.connect(path) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert (store.database_id, store.device_id) == (meta["database_id"], meta["device_id"])
    assert store.schema_version == int(meta["schema_version"]) == SCHEMA_VERSION
    store.close()
    return [s for s in statements if re.search(r"\bSELECT\b.*\bFROM meta\b", s, re.I | re.S)]


def test_opening_a_database_reads_meta_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Checking what the file is and the store's ids come from the same read."""
    path = tmp_path / "field.db"
    created = _meta_reads(monkeypatch, path)
    # Once, after the migrations wrote it (one of them reads the device id it signs as).
    assert created.count("SELECT key, value FROM meta") == 1, created
    for options in ({}, {"readonly": True, "create": False}):
        found = _meta_reads(monkeypatch, path, **options)
        assert found == ["SELECT key, value FROM meta"], (options, found)
    # Upgraded as it opens: read again after the migration, the ids still the file's.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [LOCAL_MIGRATIONS[-1]])
        conn.execute("DROP TABLE central_reviews")  # what that migration made
    conn.close()
    assert len(_meta_reads(monkeypatch, path)) == 2
    assert len(_meta_reads(monkeypatch, path)) == 1
