"""The canonical bytes and hashes the store and merge agree on; defined once, here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

REVISION_HASHED_COLUMNS = (
    "uuid",
    "submission_uuid",
    "parents",
    "device_id",
    "author",
    "saved_at",
    "state",
    "answers",
    "sealed",
    "attachments",
    "instance_name",
)
"""Every column of ``revisions`` except ``content_sha256`` itself."""


SUBMISSION_HASHED_COLUMNS = (
    "uuid",
    "form_id",
    "form_sha256",
    "created_at",
    "created_on",
    "interviewer",
    "city",
    "actor_type",
)
"""Every column of ``submissions``: what the device that starts an interview signs."""


def canonical_json(value: Any) -> str:
    """Return the one JSON text of ``value``: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def form_sha256(content: bytes, files: Mapping[str, bytes]) -> str:
    """Return the id of a form version: the workbook bytes plus its choice files."""
    import hashlib

    digest = hashlib.sha256()
    digest.update(len(content).to_bytes(8, "big"))
    digest.update(content)
    for name in sorted(files):
        encoded = name.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
        digest.update(len(files[name]).to_bytes(8, "big"))
        digest.update(files[name])
    return digest.hexdigest()


def revision_content_sha256(row: Mapping[str, Any]) -> str:
    """Return the hash of a ``revisions`` row as stored (JSON columns as their text).

    Merge recomputes it on every incoming row: a row whose hash differs was altered.
    """
    return row_sha256(row, REVISION_HASHED_COLUMNS)


def submission_content_sha256(row: Mapping[str, Any]) -> str:
    """Return the hash of a ``submissions`` row: what its starting device's link signs."""
    return row_sha256(row, SUBMISSION_HASHED_COLUMNS)


def row_sha256(row: Mapping[str, Any], columns: tuple[str, ...]) -> str:
    """Return the sha256 of the canonical JSON of ``columns`` of ``row`` (a BLOB as
    ``{"hex": ...}``): the bytes ``canonical_sql`` builds in SQL for the same row."""
    import hashlib

    values: dict[str, Any] = {}
    for column in columns:
        value = row.get(column)
        if isinstance(value, bytes | bytearray | memoryview):
            value = {"hex": bytes(value).hex()}
        values[column] = value
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def revision_canonical_sql(alias: str) -> str:
    """Return an SQL expression of the bytes ``revision_content_sha256`` hashes.

    For a row of table ``alias`` whose hashed columns each hold text, NULL or a BLOB it
    is byte for byte the canonical JSON of the row (SQLite's json_quote escapes as
    Python's json module does without ensure_ascii). Another value (a number) gives
    other bytes: a caller must check a row whose hash they do not confirm with
    ``revision_content_sha256`` before refusing it.
    """
    return canonical_sql(alias, REVISION_HASHED_COLUMNS)


def canonical_sql(alias: str, columns: tuple[str, ...], integers: tuple[str, ...] = ()) -> str:
    """Return SQL building the canonical JSON of ``columns`` of row ``alias`` (see above).

    ``integers`` are columns written as JSON numbers (an integer value; else NULL text).
    """
    template = ",".join(f'"{column}":%s' for column in sorted(columns))
    members = [
        f"CASE WHEN typeof({alias}.{column}) = 'integer' THEN CAST({alias}.{column} AS TEXT) END"
        if column in integers
        else f"CASE typeof({alias}.{column}) WHEN 'text' THEN json_quote({alias}.{column}) "
        f"WHEN 'null' THEN 'null' "
        f"WHEN 'blob' THEN '{{\"hex\":\"' || lower(hex({alias}.{column})) || '\"}}' END"
        for column in sorted(columns)  # canonical_json sorts the keys
    ]
    # One printf builds the text in one pass; json_quote never leaves a NUL in it.
    return f"CAST(printf('{{{template}}}', {', '.join(members)}) AS BLOB)"


SHA256_MATCHES = "fieldapp_sha256_matches"
"""The SQL function telling whether bytes (a ``canonical_sql`` expression's, an
attachment's) hash to a stored hex digest: 1 or 0 (``register_sha256_matches``)."""


def register_sha256_matches(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the SQL function ``SHA256_MATCHES``, called once per row checked."""
    import hashlib

    sha256 = hashlib.sha256

    def matches(content: object, expected: object) -> int:
        return int(isinstance(content, bytes) and sha256(content).hexdigest() == expected)

    conn.create_function(SHA256_MATCHES, 2, matches, deterministic=True)


def attachment_sha256(data: bytes) -> str:
    """Return the content address of an attachment."""
    import hashlib

    return hashlib.sha256(data).hexdigest()
