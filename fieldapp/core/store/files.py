"""The store's attachments (``store.attachments``): files an interview's answers name.

A file is stored once, addressed by the sha256 of its stored bytes. A sealed form's files
are stored encrypted: with the interview's drafts key while it is a draft, sealed for the
study key once finalized (``keys`` opens them).
"""

from __future__ import annotations

import json

from fieldapp.core.messages import FieldappError, past_limit
from fieldapp.core.store import attachment_names, sealing
from fieldapp.core.store.content import attachment_sha256, canonical_json
from fieldapp.core.store.database import reading
from fieldapp.core.store.part import Part
from fieldapp.core.store.records import SubmissionId

MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024
"""Largest file an interview keeps (256 MiB).

Attaching reads the file whole and the store keeps it as one value: a 200 MB recording
took some 0.8 GB of memory on a sealed form, so a two-hour WAV (1.3 GB) would end a field
laptop's session in the unexpected-error box, and SQLite keeps no value over 1 GB at all.
An hour of speech as M4A, MP3 or OGG is 30 to 60 MB; as WAV, 300 to 600 MB."""


def check_attachment_size(name: str, size: int) -> None:
    """Refuse a file larger than an interview keeps, saying how to make it fit."""
    if size > MAX_ATTACHMENT_BYTES:
        said, most = past_limit(size, MAX_ATTACHMENT_BYTES)  # "1.3 GB", "256 MB"
        raise FieldappError("store.file_too_large", name=name, size=said, most=most)


class Attachments(Part):
    """Add and read files; keep a sealed form's files encrypted."""

    def add(
        self,
        data: bytes,
        *,
        submission_id: SubmissionId | None = None,
        filename: str | None = None,
    ) -> str:
        """Store a file's bytes; return their sha256.

        With ``submission_id`` and ``filename`` (the name the answer holds) the file also
        joins the working copy, so the next saved revision lists it. A sealed form's file
        is stored encrypted with the interview's drafts key, and the sha256 returned is
        that of the stored bytes.
        """
        check_attachment_size(filename or "", len(data))
        store = self._store
        keys = store.keys
        sealed_form = submission_id is not None and keys.is_sealed(submission_id)
        if sealed_form and not keys.drafts_unlocked:
            raise FieldappError("store.drafts_locked", submission=submission_id)
        with store.transaction():
            if sealed_form:
                from fieldapp.core import crypto

                assert submission_id is not None
                key = keys.submission_key(submission_id, create=True)
                data = crypto.encrypt(key, data, context=sealing.DRAFT_ATTACHMENT)
            sha256 = self.insert(data)
            if submission_id is not None and filename is not None:
                self._ensure_working_copy(submission_id)
                self._link(submission_id, filename, sha256, sealed_form=sealed_form)
        return sha256

    @reading
    def get(self, sha256: str, *, submission_id: SubmissionId | None = None) -> bytes:
        """Return a file's bytes; a sealed form's file opened with the key at hand.

        A draft's file opens with its interview's drafts key: give ``submission_id``, else
        it is looked up among the working copies and revisions that name the file.
        """
        content = self.stored(sha256)
        if sealing.is_draft(content) and submission_id is None:
            submission_id = self._submission_naming(sha256)
        if sealing.is_sealed(content) or sealing.is_draft(content):
            return self._store.keys.open_attachment(content, submission_id)
        return content

    @reading
    def size(self, sha256: str) -> int | None:
        """Return how many bytes a file takes as stored (an encrypted one's a few dozen
        more than the file), without reading it: None when it is not in the database."""
        row = self._store.conn.execute(
            "SELECT size FROM attachments WHERE sha256 = ?", [sha256]
        ).fetchone()
        return None if row is None else int(row[0])

    # --- for the other parts of the store ------------------------------------------------

    def insert(self, data: bytes) -> str:
        """Keep bytes as they are (inside the caller's transaction); return their sha256."""
        sha256 = attachment_sha256(data)
        self._store.conn.execute(
            "INSERT OR IGNORE INTO attachments (sha256, content, size) VALUES (?, ?, ?)",
            [sha256, data, len(data)],
        )
        return sha256

    def stored(self, sha256: str) -> bytes:
        """Return a file's bytes as stored (sealed or encrypted for a sealed form)."""
        row = self._store.conn.execute(
            "SELECT content FROM attachments WHERE sha256 = ?", [sha256]
        ).fetchone()
        if row is None:
            raise FieldappError("store.unknown_attachment", sha256=sha256)
        return bytes(row[0])

    def encrypt_for_draft(self, sha256: str, key: bytes) -> str:
        """Return the address of a draft's attachment encrypted under its interview's key."""
        from fieldapp.core import crypto

        content = self.stored(sha256)
        if sealing.is_sealed(content) or sealing.is_draft(content):
            return sha256
        return self.insert(crypto.encrypt(key, content, context=sealing.DRAFT_ATTACHMENT))

    def seal(self, sha256: str, submission_id: str, public_key: str) -> str:
        """Return the address of an attachment sealed for the study key (a draft's opened)."""
        from fieldapp.core import crypto

        content = self.stored(sha256)
        if sealing.is_sealed(content):
            return sha256
        if sealing.is_draft(content):
            content = self._store.keys.open_attachment(content, submission_id)
        return self.insert(crypto.seal(content, public_key, context=sealing.ATTACHMENT))

    def working_copy_files(self, submission_id: SubmissionId, stored: str) -> dict[str, str]:
        """Return a working copy's name -> sha256, names decrypted for a sealed form."""
        files = attachment_names.repaired(json.loads(stored))
        keys = self._store.keys
        if keys.public_key_of(submission_id) is None:
            return files
        key = keys.submission_key(submission_id, create=False)
        return {sealing.decrypt_name(key, name, submission_id): sha for name, sha in files.items()}

    # --- the working copy's list of files ------------------------------------------------

    def _link(
        self, submission_id: SubmissionId, filename: str, sha256: str, *, sealed_form: bool
    ) -> None:
        """Name a file in the working copy; the name is data, a sealed form's encrypted."""
        conn = self._store.conn
        row = conn.execute(
            "SELECT attachments FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        files: dict[str, str] = json.loads(row[0])
        stored_name = filename
        if sealed_form:
            key = self._store.keys.submission_key(submission_id, create=True)
            files = {
                stored: sha
                for stored, sha in files.items()
                if sealing.decrypt_name(key, stored, submission_id) != filename
            }
            stored_name = sealing.encrypt_name(key, filename, submission_id)
        files[stored_name] = sha256
        conn.execute(
            "UPDATE working_copies SET attachments = ? WHERE submission_uuid = ?",
            [canonical_json(files), submission_id],
        )

    def _ensure_working_copy(self, submission_id: SubmissionId) -> None:
        exists = self._store.conn.execute(
            "SELECT 1 FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if not exists:
            interviews = self._store.interviews
            interviews.autosave(submission_id, interviews.working_answers(submission_id))

    def _submission_naming(self, sha256: str) -> SubmissionId | None:
        found = self._store.conn.execute(
            "SELECT submission_uuid FROM working_copies, json_each(attachments) "
            "WHERE json_each.value = ? UNION ALL "
            "SELECT submission_uuid FROM revisions, json_each(revisions.attachments) "
            "WHERE json_each.value = ? LIMIT 1",
            [sha256, sha256],
        ).fetchone()
        return None if found is None else SubmissionId(found[0])
