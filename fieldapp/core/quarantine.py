"""Quarantine: a bad row already merged is set aside, never silently dropped.

Rows are insert-only, so a row an older fieldapp let in (answers that are not the form's,
a target of "lots") cannot be deleted. The supervisor quarantines it instead: an
insert-only ``quarantine`` event naming the table and key, signed like every event and
travelling with the packages (once the study has a certified supervisor, only hers are
accepted). Every reader honours it: the heads (and so the list, review, export and
status) leave quarantined revisions and interviews out, event readers leave quarantined
events out, merge does not apply the row rules to them, and ``fieldapp check`` counts
them apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from fieldapp.core.messages import FieldappError

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

QUARANTINE = "quarantine"
TABLES = ("forms", "submissions", "revisions", "events")
"""What can be quarantined: rows keyed by one id."""


def quarantined_sql(table: str, schema: str = "main") -> str:
    """Return SQL of the keys of ``table`` that are quarantined (for ``key NOT IN (...)``)."""
    return (
        f"(SELECT json_extract(q.payload, '$.key') FROM {schema}.events AS q "
        f"WHERE q.kind = '{QUARANTINE}' AND json_valid(q.payload) "
        f"AND json_extract(q.payload, '$.table') = '{table}')"
    )


def quarantined(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Return every quarantined (table, key)."""
    rows = conn.execute(
        "SELECT json_extract(payload, '$.table'), json_extract(payload, '$.key') "
        "FROM events WHERE kind = ? AND json_valid(payload)",
        [QUARANTINE],
    )
    return {(str(table), str(key)) for table, key in rows}


def quarantine_rows(
    store: Store, rows: Iterable[tuple[str, str]], *, reason: str, author: str = ""
) -> int:
    """Set rows aside with a signed event each; return how many were newly quarantined."""
    done = quarantined(store.db.conn)
    chosen = sorted({(table, key) for table, key in rows if (table, key) not in done})
    for table, _ in chosen:
        if table not in TABLES:
            raise FieldappError("quarantine.bad_table", table=table, tables=", ".join(TABLES))
    if not chosen:
        return 0
    with store.transaction() as db:
        for table, key in chosen:
            payload = {"table": table, "key": key, "reason": reason}
            store._insert_event(db, "", QUARANTINE, payload, None, author)  # type: ignore[arg-type]
        store.refresh_derived(affected_submissions(db.conn, chosen))
    return len(chosen)


def affected_submissions(conn: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> list[str]:
    """Return the interviews whose list entry a quarantine of ``rows`` changes."""
    found: set[str] = set()
    for table, key in rows:
        if table == "submissions":
            found.add(key)
        elif table == "revisions":
            row = conn.execute(
                "SELECT submission_uuid FROM revisions WHERE uuid = ?", [key]
            ).fetchone()
            if row is not None:
                found.add(row[0])
        elif table == "forms":
            found.update(
                uuid
                for (uuid,) in conn.execute(
                    "SELECT uuid FROM submissions WHERE form_sha256 = ?", [key]
                )
            )
    return sorted(found)
