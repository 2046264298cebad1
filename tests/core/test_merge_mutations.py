"""Any one-byte change to one row of a valid package: refused, or harmless.

A property over random single-byte mutations of every merged table: the merge either
refuses the package (one message, the supervisor's database unchanged) or merges it into
a database that ``fieldapp check`` finds nothing wrong with. Never a crash, never a row
that breaks export, status or start-up later.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_devices import Device, file_checksum

from fieldapp.core.merge import MERGED_TABLES, merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.validate import check_database


@functools.cache
def _files() -> tuple[Path, Path]:
    """A laptop's package (plain and sealed interviews, an edit, a review, a photo, a
    comment) and a supervisor who has merged nothing yet; made once."""
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-mutations-"))
    laptop = Device(folder / "laptop.db", "ana")
    sid = laptop.create(laptop.add_form(), "Tijuana", {"name": "Colectivo", "years": 3})
    laptop.edit(sid, {"sectors": "salud"})
    laptop.attach(sid, b"\x89PNG a photo")
    laptop.finalize(sid)
    laptop.review(sid, "returned", "falta la foto")
    laptop.store.events.add(sid, "comment", {"comment": "¿listo?"}, author="ana")
    laptop.seal(sid, b"nombres")
    package = folder / "laptop.fieldapp"
    write_package(laptop.store, package)
    laptop.close()
    supervisor = Device(folder / "supervisor.db", "sup")
    supervisor.close()
    return package, supervisor.path


def _mutated(value: Any, position: int, byte: int) -> Any:
    """Return ``value`` with one byte changed, stored as SQLite would then hold it."""
    if value is None:
        return bytes([byte])
    raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
    if not raw:
        return bytes([byte])
    index = position % len(raw)
    changed = raw[:index] + bytes([byte if byte != raw[index] else byte ^ 1]) + raw[index + 1 :]
    if isinstance(value, bytes):
        return changed
    try:
        text = changed.decode("utf-8")
    except UnicodeDecodeError:
        return changed  # no longer text: a blob where text was
    if isinstance(value, int):
        try:
            return int(text)
        except ValueError:
            return text
    return text


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    table=st.sampled_from(MERGED_TABLES),
    row=st.integers(0, 50),
    column=st.integers(0, 20),
    position=st.integers(0, 10_000),
    byte=st.integers(0, 255),
)
def test_one_changed_byte_is_refused_or_merges_into_a_database_check_accepts(
    tmp_path_factory, table: str, row: int, column: int, position: int, byte: int
) -> None:
    package, empty_supervisor = _files()
    folder = tmp_path_factory.mktemp("mutation")
    source = folder / "mutated.fieldapp"
    shutil.copyfile(package, source)
    conn = sqlite3.connect(source)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    saved = triggers.fetchall()
    for name, _ in saved:
        conn.execute(f"DROP TRIGGER {name}")
    rows = conn.execute(f"SELECT rowid, * FROM {table}").fetchall()
    names = [d[0] for d in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
    if rows:
        rowid, *values = rows[row % len(rows)]
        index = column % len(names)
        try:
            conn.execute(
                f"UPDATE {table} SET {names[index]} = ? WHERE rowid = ?",
                [_mutated(values[index], position, byte), rowid],
            )
        except sqlite3.IntegrityError:
            conn.close()
            return  # the file's own constraints cannot hold this byte: nothing to merge
    for _, sql in saved:
        conn.execute(sql)
    conn.commit()
    conn.close()

    supervisor_path = folder / "supervisor.db"
    shutil.copyfile(empty_supervisor, supervisor_path)
    supervisor = Device(supervisor_path, "sup")
    try:
        before = file_checksum(supervisor_path)
        try:
            merge_database(supervisor.store, source)
        except FieldappError as error:
            assert "Traceback" not in error.text("en")
            assert file_checksum(supervisor_path) == before
            return
        assert check_database(supervisor.store.db.conn, supervisor.store.forms.load) == []
    finally:
        supervisor.close()
