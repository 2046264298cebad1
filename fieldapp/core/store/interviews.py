"""The store: one fieldapp database, its operations reached through its parts.

As in Anki's ``Collection``, a ``Store`` holds the open database and hands each concern
to one part, each in its own module and each the one way in for its operations:

- ``store.forms``        form versions (``form_versions``)
- ``store.keys``         the study key and the drafts passphrase (``keys``)
- ``store.interviews``   start, autosave, save, finalize, reopen, read, resolve conflicts
  (``lifecycle``)
- ``store.review``       approve, return with comments (``reviewing``)
- ``store.attachments``  files the answers name (``files``)
- ``store.events``       comments, decisions, study-wide notes (``event_log``)

Every write is one transaction. Revisions, submissions, forms, attachments and events
are insert-only (triggers refuse UPDATE and DELETE); only the device-local working copy
of an open draft and the derived listing change in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import derived
from fieldapp.core.store.checks import check_submission, format_problems
from fieldapp.core.store.clock import Clock, timestamp, utc_now
from fieldapp.core.store.database import (
    OpenedDatabase,
    open_database,
    reading,
    schema_version,
    transaction,
)
from fieldapp.core.store.event_log import Events
from fieldapp.core.store.files import Attachments
from fieldapp.core.store.form_versions import Forms
from fieldapp.core.store.keys import Keys
from fieldapp.core.store.lifecycle import Interviews
from fieldapp.core.store.reviewing import Review
from fieldapp.core.store.revisions import Revisions

if TYPE_CHECKING:  # sqlite-utils loads when a write or a migration first needs it
    import sqlite3

    from fieldapp.core.store.lean import sqlite_utils

__all__ = ["Store", "check_submission", "format_problems", "timestamp", "utc_now"]


class Store:
    """One fieldapp database: open it with ``Store.open(path)``; close it when done.

    Use one Store from one thread at a time; background work (export, merge) opens its
    own Store on the same path, which WAL lets read while this one writes.
    """

    def __init__(self, opened: OpenedDatabase, *, clock: Clock = utc_now) -> None:
        self.opened = opened
        self.path: Path = opened.path
        self.timeout: float = opened.timeout
        self.readonly: bool = opened.readonly
        self.conn: sqlite3.Connection = opened.conn
        meta = opened.meta  # read once, by opening
        self.device_id: str = meta["device_id"]
        self.database_id: str = meta["database_id"]
        self.study: str = meta.get("study", "")
        self.schema_version: int = schema_version(meta)
        self.clock: Clock = clock
        self.forms = Forms(self)
        self.keys = Keys(self)
        self.attachments = Attachments(self)
        self.events = Events(self)
        revisions = Revisions(self)
        self.interviews = Interviews(self, revisions)
        self.review = Review(self, revisions)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        readonly: bool = False,
        source: bool = False,
        clock: Clock = utc_now,
    ) -> Store:
        """Open a database (creating it unless ``create=False``); refuse anything else.

        ``readonly=True`` opens without writing anything (merge sources, export). Waiting
        for another writer is ``open_database``'s to tune (``timeout``). ``source=True``
        (with ``readonly``) reads another laptop's file as a merge reads it, an earlier
        fieldapp's included (``database.readonly_uri``).
        """
        opened = open_database(path, create=create, readonly=readonly, source=source)
        return cls(opened, clock=clock)

    @classmethod
    def open_to_read(cls, path: Path | str) -> Store:
        """Open a database only to read it, a laptop's file on the previous fieldapp too.

        Read-only with SQLite's locking, first: the desktop may have the file open and be
        writing. A file of the previous version (``MERGED_FROM``, lacking only
        ``MERGED_AS_IS``) is then read as it is, as merge reads a source: upgraded to
        write it, it would no longer open in that laptop's fieldapp. An older file is
        refused (``store.older_schema_readonly``).
        """
        try:
            return cls.open(path, create=False, readonly=True)
        except FieldappError as error:
            if error.code != "store.older_schema_readonly":
                raise
        return cls.open(path, create=False, readonly=True, source=True)

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the connection (loaded on first use: not at start-up)."""
        return self.opened.db

    def close(self) -> None:
        self.opened.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self) -> Any:
        """Return a context manager running a block as one write transaction."""
        return transaction(self.opened)

    def now(self) -> str:
        """Return the clock's moment as stored: UTC text (``timestamp``)."""
        return timestamp(self.clock())

    @reading
    def check_integrity(self) -> list[str]:
        """Return what SQLite finds damaged in the file (empty when it is sound)."""
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        found = [str(row[0]) for row in rows]
        return [] if found == ["ok"] else found

    def refresh_derived(self, submission_uuids: Iterable[str] | None = None) -> None:
        """Recompute heads and the listing (after merge copied rows in), in one transaction."""
        with self.transaction() as db:
            derived.refresh(db, submission_uuids)
