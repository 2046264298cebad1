"""Each interview's state on the ODK Central server, for the interviews list.

Read straight from the push queue of the server the desktop last signed in to (its
``url#project`` kept in QSettings), so the list pays no HTTP client import at start-up
and shows nothing at all until a server is set up.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import QSettings

SERVER_SETTING = "central/server"
"""The push queue's name (``url#project``) of the server signed in to last."""


def send_states(store: Any) -> dict[str, tuple[str, str]] | None:
    """Return interview -> (queue state, the server's reason); None: no server set up."""
    server = str(QSettings().value(SERVER_SETTING, "") or "")
    if not server or store is None:
        return None
    try:
        rows = store.conn.execute(
            "SELECT submission_uuid, state, reason FROM central_queue WHERE server = ? "
            "ORDER BY rowid",
            [server],
        ).fetchall()
    except sqlite3.OperationalError:  # a database from before the queue: nothing sent
        return {}
    return {str(submission): (str(state), str(reason)) for submission, state, reason in rows}
