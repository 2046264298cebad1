"""The one writer of revision rows, shared by the lifecycle and review parts of a store.

It is not an operation: ``store.interviews`` and ``store.review`` check the rules (the
review states, the form's problems) and then call it. A sealed form's revision is
encrypted here, so no caller can write one in the clear.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core import row_bounds
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import attachment_names, database, derived, queries, sealing, signing
from fieldapp.core.store.content import (
    canonical_json,
    revision_content_sha256,
    submission_content_sha256,
)
from fieldapp.core.store.part import Part
from fieldapp.core.store.records import RevisionId, RevisionRecord, State, SubmissionId

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Answers


def insert_signed(
    conn: sqlite3.Connection,
    device_id: str,
    row: dict[str, Any],
    *,
    clear_answers: Answers | None = None,
) -> None:
    """Insert one revision row (every column but its content hash) and sign it as ``device_id``.

    The one place a revision row is written: by ``Revisions.write`` and by a Central pull's
    mirror device. ``row`` gains its ``content_sha256``. A row past a bound every merge
    refuses (``row_bounds``) is refused here first: ``clear_answers`` are a sealed form's
    answers before sealing (an unsealed row's own answers are read from it).
    """
    (before,) = conn.execute(
        "SELECT count(*) FROM revisions WHERE submission_uuid = ?", [row["submission_uuid"]]
    ).fetchone()
    row_bounds.check_new_revision(
        row, clear_answers, before, submission=str(row["submission_uuid"])
    )
    row["content_sha256"] = revision_content_sha256(row)
    conn.execute(
        f"INSERT INTO revisions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    signing.sign_rows(conn, device_id, [("revisions", row["uuid"], row["content_sha256"])])


def insert_signed_submission(conn: sqlite3.Connection, device_id: str, row: dict[str, Any]) -> None:
    """Insert a ``submissions`` row and sign it as ``device_id``, the device starting it.

    Call just before ``insert_signed`` writes the interview's first version: that
    version's link then follows this one, so a package that drops or changes the row's
    link breaks the device's chain (``merge``).
    """
    conn.execute(
        f"INSERT INTO submissions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    link = ("submissions", row["uuid"], submission_content_sha256(row))
    signing.sign_rows(conn, device_id, [link])


class Revisions(Part):
    """Write revisions and read an interview's heads as the keys at hand open them."""

    def heads(self, submission_id: str) -> list[RevisionRecord]:
        keys = self._store.keys
        return [keys.open_revision(h) for h in queries.heads(self._store.conn, submission_id)]

    def newest_head(self, submission_id: SubmissionId) -> RevisionRecord:
        heads = self.heads(submission_id)
        if not heads:
            raise FieldappError("store.unknown_submission", submission=submission_id)
        return heads[0]

    def single_head(self, submission_id: SubmissionId) -> RevisionRecord:
        heads = self.heads(submission_id)
        if not heads:
            raise FieldappError("store.unknown_submission", submission=submission_id)
        if len(heads) > 1:
            raise FieldappError(
                "store.conflict_unresolved", submission=submission_id, count=len(heads)
            )
        return heads[0]

    def instance_name(self, form_sha256: str, answers: Answers) -> str | None:
        form = self._store.forms.load(form_sha256)
        if form.instance_name is None:
            return None
        from fieldapp.core.forms.engine import Session  # loaded on first use, not at start

        return Session(form, answers, device_id=self._store.device_id).instance_name() or None

    def write(
        self,
        submission_id: SubmissionId,
        *,
        parents: Iterable[str],
        state: State,
        answers: Answers | None,
        attachments: Mapping[str, str],
        author: str,
        instance_name: str | None,
        sealed: bytes | None = None,
        saved_at: str | None = None,
    ) -> RevisionId:
        """Insert one revision (sealed for a sealed form), sign it, refresh the listing.

        An instance name is a label the form makes from answers: it is cut to the length
        every merge takes (``row_bounds.MAX_LABEL_CHARS``).
        """
        if instance_name is not None:
            instance_name = instance_name[: row_bounds.MAX_LABEL_CHARS]
        store = self._store
        sealed_form = store.keys.public_key_of(submission_id) is not None
        # ODK's envelope of a sealed revision is built from what is clear only now.
        envelope_of: Answers | None = None
        if sealed_form and sealed is None and answers is not None:
            envelope_of = dict(answers)
        clear_files = dict(attachments)
        clear_answers = answers
        with store.transaction() as db:
            if sealed_form:
                sealed, attachments = self._protect(
                    submission_id, state, answers, sealed, attachments, instance_name
                )
                answers, instance_name = None, None
            import uuid  # loaded by the first write, not at start-up

            row: dict[str, Any] = {
                "uuid": str(uuid.uuid4()),
                "submission_uuid": submission_id,
                "parents": canonical_json(sorted(parents)),
                "device_id": store.device_id,
                "author": author,
                "saved_at": saved_at or store.now(),
                "state": state,
                "answers": None if answers is None else canonical_json(answers),
                "sealed": sealed,
                "attachments": canonical_json(dict(attachments)),
                "instance_name": instance_name,
            }
            insert_signed(db.conn, store.device_id, row, clear_answers=clear_answers)
            revision_id = RevisionId(row["uuid"])
            if state == "finalized" and envelope_of is not None:
                self._keep_envelope(submission_id, revision_id, envelope_of, clear_files)
            if sealed_form and clear_answers is not None:
                corrected = derived.listed_as(db.conn, submission_id, clear_answers)
                if corrected is not None:
                    store.events.add(
                        submission_id,
                        derived.LISTING_CORRECTED,
                        corrected,
                        revision_id=revision_id,
                        author=author,
                    )
            derived.refresh(db, [submission_id])
            if sealed_form and state != "draft":
                self._forget_drafts(db.conn, submission_id)
        return revision_id

    def _keep_envelope(
        self,
        submission_id: SubmissionId,
        revision_id: RevisionId,
        answers: Answers,
        files: Mapping[str, str],
    ) -> None:
        """Keep the ODK envelope Central receives for a sealed revision being finalized.

        Inside the finalize transaction, before the drafts key is forgotten: the clear
        answers and the drafts-encrypted files are never readable again afterwards, so
        the envelope either joins the finalized revision or neither is written (issue 18).
        """
        from fieldapp.core.central.envelope import keep_envelope  # only for sealed forms

        store = self._store
        keep_envelope(
            store, submission_id, revision_id, store.forms.of(submission_id), answers, files
        )

    def _protect(
        self,
        submission_id: SubmissionId,
        state: State,
        answers: Answers | None,
        sealed: bytes | None,
        attachments: Mapping[str, str],
        instance_name: str | None,
    ) -> tuple[bytes | None, dict[str, str]]:
        """Return the sealed (or draft-encrypted) bytes and attachments of a sealed form's row."""
        keys, files_part = self._store.keys, self._store.attachments
        public_key = keys.public_key_of(submission_id)
        assert public_key is not None
        if state != "draft" and sealing.is_sealed(sealed):
            return sealed, dict(attachments)  # a review copies the head as sealed
        if answers is None:
            if sealed is None:
                raise FieldappError("store.sealed", submission=submission_id)
            return sealed, dict(attachments)
        # The row names each file at random; the names the answers use go inside.
        if state == "draft":
            key = keys.submission_key(submission_id, create=True)
            files, originals = attachment_names.hide(
                {
                    name: files_part.encrypt_for_draft(sha256, key)
                    for name, sha256 in attachments.items()
                }
            )
            plaintext = sealing.record_bytes(answers, files, instance_name, originals)
            return sealing.encrypt_draft(key, plaintext, submission_id), files
        files, originals = attachment_names.hide(
            {
                name: files_part.seal(sha256, submission_id, public_key)
                for name, sha256 in attachments.items()
            }
        )
        plaintext = sealing.record_bytes(answers, files, instance_name, originals)
        return sealing.seal_record(plaintext, public_key, submission_id), files

    def shred_wal(self, submission_id: str) -> None:
        """After sealing, leave no older copy of a forgotten drafts key in the WAL file.

        ``secure_delete`` zeroes the row in the page written now; the page's previous
        versions stay in the WAL until a checkpoint, which TRUNCATE then empties.
        """
        if self._store.conn.in_transaction or self._store.keys.public_key_of(submission_id) is None:
            return
        database.shred_wal(self._store.opened)

    def _forget_drafts(self, conn: sqlite3.Connection, submission_id: str) -> None:
        """Once sealed, no key on this laptop opens the interview's earlier drafts."""
        editing = conn.execute(
            "SELECT 1 FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if not editing:
            sealing.forget_submission_key(conn, submission_id)
