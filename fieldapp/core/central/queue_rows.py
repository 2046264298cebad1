"""Reading a server's push queue (``central_queue``): the one query of its rows.

Apart from ``push``, which imports the HTTP client: the interviews list shows each
interview's send state at start-up and must not pay for httpx to do it.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.core.store import Store


def queued_rows(store: Store, server: str) -> list[tuple[Any, ...]]:
    """Return the queue of ``server``, oldest first: submission, revision, instance id,
    deprecated id, state, reason, attempts, last try."""
    return store.conn.execute(
        "SELECT submission_uuid, revision_uuid, instance_id, deprecated_id, state, reason, "
        "attempts, last_try FROM central_queue WHERE server = ? ORDER BY rowid",
        [server],
    ).fetchall()


def send_states(store: Store, server: str) -> dict[str, tuple[str, str]]:
    """Return interview -> (state, the server's reason) of its newest row in the queue of
    ``server``: waiting, sent or refused. A database from before the queue sent nothing."""
    try:
        rows = queued_rows(store, server)
    except sqlite3.OperationalError:  # no central_queue table yet
        return {}
    # Read oldest first, so the newest row of each interview is the one that stays.
    return {str(row[0]): (str(row[4]), str(row[5])) for row in rows}
