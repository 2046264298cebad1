"""A first look at a database's interview list, before the store itself is open.

Opening the store loads sqlite-utils, the crypto library and the form model, and checks
the whole file; the desktop's first paint needs none of that, only a count and one page
of the ``listing`` table. ``Glance.open`` gives exactly that, read-only, for a database
that is already a current fieldapp database with forms; for anything else (a new file, an
older schema, not fieldapp's, damaged) it returns None and the caller opens the store,
which creates, upgrades or refuses the file with the right message.

A glance never writes. Opening one never raises for a bad file (deciding is the store's
job); a read that fails later raises the store's "damaged" message.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import queries
from fieldapp.core.store.beside import Beside
from fieldapp.core.store.records import InterviewFilter, InterviewRow
from fieldapp.core.store.version import SCHEMA_VERSION


class Glance:
    """Read one page of the interview list at a time, as ``Store`` does, and nothing else."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        try:  # at start no passphrase is given yet: a sealed form's interviews stay unlisted
            self._sealed = (
                conn.execute(
                    "SELECT 1 FROM meta WHERE key LIKE 'form_sealed:%' AND value = '1' LIMIT 1"
                ).fetchone()
                is not None
            )
        except sqlite3.Error:
            self._sealed = False

    def hides_sealed(self) -> bool:
        """True when the list leaves out sealed forms' interviews (no passphrase given)."""
        return self._sealed

    @classmethod
    def open(cls, path: Path | str) -> Glance | None:
        """Return a glance at ``path``, or None when the store must open it instead."""
        path = Path(path)
        beside = Beside(path)
        try:  # read-only: a missing file stays missing, a foreign one fails its first read
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        except sqlite3.Error:
            return None
        try:
            meta = queries.meta(conn)
            current = meta.get("database_id") and meta.get("schema_version") == str(SCHEMA_VERSION)
            has_forms = conn.execute("SELECT 1 FROM forms LIMIT 1").fetchone() is not None
        except sqlite3.Error:
            current = has_forms = False
        if not (current and has_forms):
            conn.close()
            beside.remove_new()  # the store opens it next, or refuses it untouched
            return None
        return cls(conn, path)

    def page(
        self,
        filters: InterviewFilter | None = None,
        *,
        sort: str = "last_saved",
        descending: bool = True,
        limit: int = 100,
        offset: int = 0,
    ) -> list[InterviewRow]:
        """Return one page of the interview list (the rows ``store.interviews.page`` returns)."""
        try:
            return queries.list_interviews(
                self.conn,
                self._listed(filters),
                sort=sort,
                descending=descending,
                limit=limit,
                offset=offset,
            )
        except sqlite3.Error as error:
            raise FieldappError("store.corrupt", path=str(self.path), reason=str(error)) from None

    def count(self, filters: InterviewFilter | None = None) -> int:
        try:
            return queries.count_interviews(self.conn, self._listed(filters))
        except sqlite3.Error as error:
            raise FieldappError("store.corrupt", path=str(self.path), reason=str(error)) from None

    def _listed(self, filters: InterviewFilter | None) -> InterviewFilter:
        filters = filters or InterviewFilter()
        return replace(filters, sealed_hidden=True) if self._sealed else filters

    def close(self) -> None:
        self.conn.close()
