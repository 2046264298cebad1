"""A row an older fieldapp's merge let in, forged as ``core/test_check.py`` forges one.

A plain module (see ``paths.py`` on why never ``from conftest import``).
"""

from __future__ import annotations

import sqlite3

from fieldapp.core.store.content import revision_content_sha256

FORGED_REVISION = "11111111-1111-4111-8111-111111111111"


def forge_revision(conn: sqlite3.Connection) -> str:
    """Insert a copy of a held revision in clear whose answers are not a set of named answers.

    Rows are insert-only, so the copy is a new row; it carries no signature of its device.
    Return its key (``FORGED_REVISION``).
    """
    conn.row_factory = sqlite3.Row
    try:
        row = dict(
            conn.execute(
                "SELECT * FROM revisions WHERE sealed IS NULL ORDER BY uuid LIMIT 1"
            ).fetchone()
        )
    finally:
        conn.row_factory = None
    row.update(uuid=FORGED_REVISION, answers="[1,2,3]", parents="[]")
    row["content_sha256"] = revision_content_sha256(row)
    conn.execute(f"INSERT INTO revisions VALUES ({', '.join('?' * len(row))})", list(row.values()))
    conn.commit()
    return FORGED_REVISION
