"""The canonical bytes and hashes the store and merge agree on; defined once, here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

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


def canonical_json(value: Any) -> str:
    """Return the one JSON text of ``value``: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def form_sha256(content: bytes, files: Mapping[str, bytes]) -> str:
    """Return the id of a form version: the workbook bytes plus its choice files."""
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
    values: dict[str, Any] = {}
    for column in REVISION_HASHED_COLUMNS:
        value = row.get(column)
        if isinstance(value, bytes | bytearray | memoryview):
            value = {"hex": bytes(value).hex()}
        values[column] = value
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def attachment_sha256(data: bytes) -> str:
    """Return the content address of an attachment."""
    return hashlib.sha256(data).hexdigest()
