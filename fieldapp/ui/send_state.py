"""Each interview's state on the ODK Central server, for the interviews list.

Read from the push queue (``core.central.queue_rows``) of the server the desktop last
signed in to (its ``url#project`` kept in QSettings), so the list pays no HTTP client
import at start-up and shows nothing at all until a server is set up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from fieldapp.core.central import queue_rows

if TYPE_CHECKING:
    from fieldapp.core.store import Store

SERVER_SETTING = "central/server"
"""The push queue's name (``url#project``) of the server signed in to last."""


def send_states(store: Store | None) -> dict[str, tuple[str, str]] | None:
    """Return interview -> (queue state, the server's reason); None: no server set up."""
    server = str(QSettings().value(SERVER_SETTING, "") or "")
    if not server or store is None:
        return None
    return queue_rows.send_states(store, server)
