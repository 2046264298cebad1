"""The store's forms (``store.forms``): every form version ever used, kept byte for byte.

A form version is addressed by the sha256 of its file and choice files; an interview
names the exact version it was collected with.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import queries, sealing
from fieldapp.core.store.content import form_sha256
from fieldapp.core.store.database import reading
from fieldapp.core.store.form_cache import cached_form, remember_form
from fieldapp.core.store.part import Part
from fieldapp.core.store.records import VERSION_ORDER, FormRecord, SubmissionId

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Form
    from fieldapp.core.store.interviews import Store


class Forms(Part):
    """Add, list and load the stored form versions.

    The form reader (``compiled``, pyxform behind it) is imported when a form is first
    added or opened, not with the store: listing interviews at start-up needs no form.
    """

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self._loaded: dict[str, Form] = {}

    def add(self, path: Path, *, check_xform: bool = True) -> FormRecord:
        """Store a form file and the choice files it reads; adding it again changes nothing.

        ``check_xform=False`` skips pyxform's XForm output, only for a form known to pass
        it (the study forms fieldapp ships, which its tests check).
        """
        from fieldapp.core.forms import choice_files, compiled

        path = Path(path)
        try:
            content = path.read_bytes()
        except OSError:
            # The reader (pyxform, openpyxl) loads only to say what is wrong with the path:
            # a shipped study form is recorded without it (the desktop's first start).
            from fieldapp.core.forms.loader import load_form

            load_form(path)  # says what is wrong with the path, as a FormError
            raise
        folder = path.parent

        def beside(name: str) -> bytes | None:
            return choice_files.read_beside(folder, name)

        # A study form fieldapp ships is recorded from its compiled entry's summary: no
        # pyxform, and its body is decoded only when the form is first opened.
        summary = compiled.shipped_summary(content, path.name, beside, check_xform=check_xform)
        if summary is not None:
            return self._insert_record(
                summary.form_id,
                summary.version,
                summary.title,
                summary.sealed,
                content,
                path.name,
                summary.files,
            )
        # A compiled entry cached by an earlier run spares pyxform too.
        form = compiled.load(content, path.name, str(path), beside, check_xform=check_xform)
        # The form keeps the bytes of every choice file it read beside it.
        files = dict(form.files)
        return self._insert(form, content, path.name, files)

    def add_loaded(
        self,
        form: Form,
        content: bytes,
        filename: str,
        files: Mapping[str, bytes] | None = None,
    ) -> FormRecord:
        """Store a form already loaded (and checked) from ``content``, with ``files`` (a
        server's form: every file of its manifest), else the choice files it read.
        ``core.form_add`` checks a form against the held ones first."""
        return self._insert(form, content, filename, dict(form.files if files is None else files))

    def _insert(
        self, form: Form, content: bytes, filename: str, files: Mapping[str, bytes]
    ) -> FormRecord:
        record = self._insert_record(
            form.form_id,
            form.version,
            form.title,
            form.public_key is not None,
            content,
            filename,
            files,
        )
        self._loaded[record.sha256] = form
        remember_form(record.sha256, form)
        return record

    def _insert_record(
        self,
        form_id: str,
        version: str,
        title: str,
        sealed: bool,
        content: bytes,
        filename: str,
        files: Mapping[str, bytes],
    ) -> FormRecord:
        store = self._store
        sha256 = form_sha256(content, files)
        existing = self._record(sha256)
        if existing is not None:
            return existing
        with store.transaction() as db:
            db.conn.execute(
                "INSERT INTO forms (sha256, form_id, version, title, filename, content, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [sha256, form_id, version, title, filename, content, store.now()],
            )
            db.conn.executemany(
                "INSERT INTO form_files (form_sha256, filename, content) VALUES (?, ?, ?)",
                [(sha256, name, data) for name, data in sorted(files.items())],
            )
            sealing.note_sealed_form(db.conn, sha256, sealed)
            # A certified supervisor's forms are the study's: it vouches for each it adds. Only
            # a database holding a certificate needs the authority module (and its crypto).
            if db.conn.execute(
                "SELECT 1 FROM events WHERE kind = 'supervisor_certified' LIMIT 1"
            ).fetchone():
                from fieldapp.core.devices import publish

                publish(store, sha256)
        record = self._record(sha256)
        assert record is not None
        return record

    def _record(self, sha256: str) -> FormRecord | None:
        row = self._store.conn.execute(
            "SELECT sha256, form_id, version, title, filename, added_at FROM forms "
            "WHERE sha256 = ?",
            [sha256],
        ).fetchone()
        return None if row is None else FormRecord(*row)

    @reading
    def records(self) -> list[FormRecord]:
        """Return every stored form version, by form id then newest ``version`` first."""
        rows = self._store.conn.execute(
            "SELECT sha256, form_id, version, title, filename, added_at FROM forms "
            f"ORDER BY form_id, {VERSION_ORDER}"
        ).fetchall()
        return [FormRecord(*row) for row in rows]

    @reading
    def load(self, sha256: str) -> Form:
        """Return the stored form version (parsed once per Store)."""
        form = self._loaded.get(sha256) or cached_form(sha256)
        if form is not None:
            self._loaded[sha256] = form
            return form
        from fieldapp.core.forms import compiled

        filename, content, files = self.stored(sha256)
        # It passed every check, pyxform's XForm output included, when it was stored: that
        # half of the loading is not repeated (about 0.3 s for each study form), and a
        # compiled entry (shipped or cached) spares the other half.
        form = compiled.load(content, filename, filename, files.get, check_xform=False)
        self._loaded[sha256] = form
        remember_form(sha256, form)
        return form

    @reading
    def stored(self, sha256: str) -> tuple[str, bytes, dict[str, bytes]]:
        """Return a stored version's file name, workbook bytes and files, as they came."""
        return stored_form(self._store.conn, sha256)

    @reading
    def of(self, submission_id: SubmissionId) -> Form:
        """Return the exact form version an interview was collected with."""
        return self.load(queries.submission(self._store.conn, submission_id).form_sha256)


def stored_form(conn: sqlite3.Connection, sha256: str) -> tuple[str, bytes, dict[str, bytes]]:
    """Return the file name, workbook bytes and files of the ``main`` database's form
    version ``sha256``, as they came (``store.unknown_form`` when it has none)."""
    row = conn.execute(
        "SELECT filename, content FROM main.forms WHERE sha256 = ?", [sha256]
    ).fetchone()
    if row is None:
        raise FieldappError("store.unknown_form", sha256=sha256)
    files = {
        str(name): bytes(data)
        for name, data in conn.execute(
            "SELECT filename, content FROM main.form_files WHERE form_sha256 = ?", [sha256]
        )
    }
    return str(row[0]), bytes(row[1]), files
