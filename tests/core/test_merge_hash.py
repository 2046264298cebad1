"""Merge hashes each new revision from canonical JSON built in SQL: it must be the same bytes.

A difference would make merge refuse a laptop's honest work as altered (or, with the
store's own hash as the fallback, cost time), so the SQL text is compared with the
store's canonical JSON over every character there is and over random rows; and a row
the SQL text cannot write is still accepted, or refused, by the store's hash.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_devices import Device, file_checksum

from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.store.content import (
    REVISION_HASHED_COLUMNS,
    canonical_json,
    revision_canonical_sql,
    revision_content_sha256,
)

EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def _sql_text_and_stored_row(values: dict[str, Any]) -> tuple[bytes, dict[str, Any]]:
    """Keep a row in SQLite; return the SQL canonical text and the row as read back."""
    conn = sqlite3.connect(":memory:")
    try:
        columns = ", ".join(REVISION_HASHED_COLUMNS)
        conn.execute(f"CREATE TABLE revisions ({columns})")
        conn.execute(
            f"INSERT INTO revisions VALUES ({', '.join('?' * len(REVISION_HASHED_COLUMNS))})",
            [values.get(column) for column in REVISION_HASHED_COLUMNS],
        )
        (text,) = conn.execute(
            f"SELECT {revision_canonical_sql('r')} FROM revisions AS r"
        ).fetchone()
        row = conn.execute(f"SELECT {columns} FROM revisions").fetchone()
    finally:
        conn.close()
    return text, dict(zip(REVISION_HASHED_COLUMNS, row, strict=True))


def test_the_sql_text_escapes_every_character_as_the_store_does() -> None:
    # Quotes, backslashes, every control character, DEL, accents, ¿¡, emoji, U+2028...
    values = {column: EVERY_CHARACTER for column in REVISION_HASHED_COLUMNS}
    values["sealed"] = None
    text, row = _sql_text_and_stored_row(values)
    stored_values = {**row, "sealed": None}
    assert text == canonical_json(stored_values).encode("utf-8")
    assert hashlib.sha256(text).hexdigest() == revision_content_sha256(row)


VALUE = st.one_of(st.none(), st.text(), st.binary(max_size=40))


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({column: VALUE for column in REVISION_HASHED_COLUMNS}))
def test_the_sql_text_of_any_row_of_text_blobs_and_nulls_hashes_as_the_store(
    values: dict[str, Any],
) -> None:
    text, row = _sql_text_and_stored_row(values)
    assert hashlib.sha256(text).hexdigest() == revision_content_sha256(row)


# --- a value the SQL text does not write as Python does: the store's hash decides -----------


def _laptop_with_a_number_in_sealed(tmp_path: Path, *, rehash: bool) -> Path:
    """Return a laptop file whose only revision keeps the number 7 in ``sealed``.

    With ``rehash`` its content hash is recomputed by the store's function (as a tool
    writing numbers would), else it is left as it was: altered content.
    """
    name = "rehashed" if rehash else "altered"
    laptop = Device(tmp_path / f"{name}-source.db", "ana")
    laptop.create(laptop.add_form(), "Nuevo Laredo", {"name": "Colectivo"})
    laptop.close()
    path = tmp_path / f"{name}.fieldapp"
    shutil.copyfile(laptop.path, path)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM revisions").fetchone())
    row["sealed"] = 7
    digest = revision_content_sha256(row) if rehash else row["content_sha256"]
    conn.execute("DROP TRIGGER revisions_no_update")
    conn.execute(
        "UPDATE revisions SET sealed = 7, content_sha256 = ? WHERE uuid = ?", [digest, row["uuid"]]
    )
    (sql_text,) = conn.execute(
        f"SELECT {revision_canonical_sql('r')} FROM revisions AS r"
    ).fetchone()
    conn.commit()
    conn.close()
    # SQLite writes the number its own way: only the store's hash can confirm this row.
    assert hashlib.sha256(sql_text).hexdigest() != digest
    return path


def test_a_row_the_sql_text_cannot_confirm_is_judged_by_the_stores_hash_then_the_row_rules(
    tmp_path,
):
    # The store's hash confirms the row (no bad_checksum), but the laptop signed other
    # content (and fieldapp never writes a number as sealed bytes): nothing is merged.
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    rehashed = _laptop_with_a_number_in_sealed(tmp_path, rehash=True)
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        merge_database(supervisor.store, rehashed)
    assert error.value.code == "merge.unsigned"
    assert file_checksum(supervisor.path) == before
    supervisor.close()


def test_a_row_the_sql_text_cannot_confirm_is_refused_when_the_stores_hash_differs(tmp_path):
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    altered = _laptop_with_a_number_in_sealed(tmp_path, rehash=False)
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        merge_database(supervisor.store, altered)
    assert error.value.code == "merge.bad_checksum"
    assert file_checksum(supervisor.path) == before
    supervisor.close()
