"""The store's keys: the study key that reads sealed interviews, the drafts passphrase.

``store.keys`` holds both keys while the store is open and is the one place that opens
what they protect (revisions, attachments, comments); the other parts of the store ask
it. The cryptography itself is in ``sealing`` and ``sealed_comments``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import FieldappError, Message
from fieldapp.core.row_bounds import record_problem
from fieldapp.core.store import attachment_names, database, queries, sealed_comments, sealing
from fieldapp.core.store.database import reading
from fieldapp.core.store.part import Part
from fieldapp.core.store.records import RevisionRecord, SubmissionId

if TYPE_CHECKING:  # the crypto library loads when a sealed record first needs it
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from fieldapp.core import crypto
    from fieldapp.core.store.interviews import Store


class Keys(Part):
    """Unlock, lock and ask about the keys of one open store (``store.keys``)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self._study_key: crypto.StudyKey | None = None
        self._drafts_key: bytes | None = None
        self._form_of_submission: dict[str, str] = {}

    # --- the study key (the supervisor's reads) ------------------------------------------

    def unlock(self, study_key: crypto.StudyKey) -> None:
        """Read sealed interviews with the study's private key (the supervisor's reads).

        Raises ``crypto.wrong_key`` when this database's sealed interviews were sealed
        for another key; then nothing changes.
        """
        from fieldapp.core import crypto

        rows = self._store.conn.execute(
            "SELECT DISTINCT substr(sealed, 1, 12) FROM revisions "
            "WHERE sealed IS NOT NULL AND substr(sealed, 1, 4) = ?",
            [crypto.SEAL_MAGIC],
        ).fetchall()
        found = sorted(crypto.sealed_fingerprint(bytes(row[0]) + b"\0\0") for row in rows)
        if found and study_key.fingerprint not in found:
            raise FieldappError(
                "crypto.wrong_key", expected=", ".join(found), actual=study_key.fingerprint
            )
        self._study_key = study_key

    @property
    def unlocked(self) -> bool:
        """True once a study key opens this store's sealed interviews."""
        return self._study_key is not None

    @property
    def study_key(self) -> crypto.StudyKey | None:
        """The unlocked study key, if any."""
        return self._study_key

    def forget_study_key(self) -> None:
        """Drop the unlocked study key (the idle lock): sealed interviews read sealed again."""
        self._study_key = None

    # --- the drafts passphrase (the researcher's drafts of sealed forms) -----------------

    def unlock_drafts(self, passphrase: str, *, again: str | None = None) -> None:
        """Open (the first time: set) the passphrase that protects drafts of sealed forms.

        A wrong passphrase raises ``crypto.wrong_passphrase`` and changes nothing. When a
        person sets it, ``again`` is the second time they typed it: a difference raises
        ``crypto.passphrase_mismatch`` (every front end asks twice through this check).
        """
        if again is not None and again != passphrase and not self.drafts_passphrase_set():
            raise FieldappError("crypto.passphrase_mismatch")
        store = self._store
        rewraps = self._rewraps()
        with store.transaction() as db:
            drafts_key = sealing.unlock_drafts(db.conn, passphrase, store.database_id)
            # The key reviewers seal this laptop's comments for; its public half travels.
            key, made = sealed_comments.device_private_key(db.conn, drafts_key, store.device_id)
            if made:
                store.events.add(
                    SubmissionId(""),
                    sealed_comments.DEVICE_KEY_KIND,
                    sealed_comments.public_key_payload(key),
                )
            self._drafts_key = drafts_key
        if rewraps:
            # The weaker wrap's page stays in the database file until a checkpoint: a
            # laptop switched off now would keep it there for whoever guesses against it.
            database.shred_wal(store.opened)

    def _rewraps(self) -> bool:
        """True when the next unlock re-wraps the drafts key at today's (higher) cost."""
        from fieldapp.core import crypto

        conn = self._store.conn
        return self.drafts_passphrase_set() and (
            sealing.drafts_kdf_cost(conn) < crypto.DRAFTS_SCRYPT_N
        )

    def drafts_passphrase_set(self) -> bool:
        """True when this device already has a drafts passphrase (ask it once, not twice)."""
        return sealing.drafts_passphrase_set(self._store.conn)

    @property
    def drafts_unlocked(self) -> bool:
        return self._drafts_key is not None

    def device_comment_key(self) -> tuple[str, X25519PrivateKey] | None:
        """Return this device's id and the key reviewers seal its comments for (unlocked)."""
        if self._drafts_key is None:
            return None
        store = self._store
        key, _ = sealed_comments.device_private_key(store.conn, self._drafts_key, store.device_id)
        return store.device_id, key

    # --- which interviews are sealed -----------------------------------------------------

    def hides_sealed(self) -> bool:
        """True when the interview list must leave out sealed forms' interviews.

        Before the drafts passphrase (or the study key) is given, a glance at the screen
        must not tell that a security-force interview took place in a city on a day with
        a given interviewer: the list shows only how many interviews are hidden.
        """
        return not (self.drafts_unlocked or self.unlocked) and self.has_sealed_forms()

    @reading
    def has_sealed_forms(self) -> bool:
        """True when a stored form seals its interviews (then ask the drafts passphrase).

        Cheap at start: each form version's answer is kept in ``meta`` (a form never
        changes), so only forms merged in since are parsed, once. A read-only open keeps
        their answers for its own connection (``sealing.hold_sealed_forms``).
        """
        store = self._store
        conn = store.conn
        known = sealing.known_sealed_forms(conn)
        shas = [str(row[0]) for row in conn.execute("SELECT sha256 FROM forms")]
        missing = {
            sha: store.forms.load(sha).public_key is not None for sha in shas if sha not in known
        }
        if missing and store.readonly:  # kept for this connection alone, in memory
            sealing.hold_sealed_forms(conn, missing)
        elif missing:
            with store.transaction() as db:
                for sha, sealed in missing.items():
                    sealing.note_sealed_form(db.conn, sha, sealed)
        known.update(missing)
        return any(known[sha] for sha in shas)

    def is_sealed(self, submission_id: SubmissionId) -> bool:
        """True when the interview's form seals it (drafts locked, finals sealed)."""
        return self.public_key_of(submission_id) is not None

    def public_key_of(self, submission_id: str) -> str | None:
        """Return the public key the interview's form seals it for (None: not sealed)."""
        sha256 = self._form_of_submission.get(submission_id)
        if sha256 is None:
            conn = self._store.conn
            sha256 = queries.submission(conn, SubmissionId(submission_id)).form_sha256
            self._form_of_submission[submission_id] = sha256
        return self._store.forms.load(sha256).public_key

    # --- opening what the keys protect (for the other parts of the store) ----------------

    def submission_key(self, submission_id: str, *, create: bool) -> bytes:
        """Return the interview's drafts key, or say the drafts are locked."""
        if self._drafts_key is None:
            raise FieldappError("store.drafts_locked", submission=submission_id)
        conn = self._store.conn
        key = sealing.submission_key(conn, self._drafts_key, submission_id, create=create)
        if key is None:
            raise FieldappError("store.draft_locked", submission=submission_id)
        return key

    def open_revision(self, revision: RevisionRecord) -> RevisionRecord:
        """Return the revision with its answers when a key at hand opens it; else as is."""
        blob = revision.sealed
        if revision.answers is not None or blob is None:
            return revision
        submission = revision.submission_id
        try:
            record = self._open_record(revision, blob)
        except FieldappError as error:
            if error.code != "rows.record_too_deep":
                raise
            raise FieldappError(
                "rows.sealed_refused",
                submission=submission,
                revision=revision.revision_id,
                rule=Message(error.code, {"detail": ""}),
            ) from None
        if record is None:
            return revision
        _refuse_beyond_bounds(revision, record)
        originals = record.get("names") or {}
        return dataclasses.replace(
            revision,
            answers=record["answers"],
            instance_name=record.get("instance_name"),
            attachments=attachment_names.reveal(revision.attachments, originals),
            stored_attachments=dict(revision.attachments) if originals else None,
        )

    def _opens(self, blob: bytes) -> bool:
        """True when the unlocked study key is the one ``blob`` was sealed for.

        A study may use several keys (one per form); unlocking checked that this key
        opens some of them, and the others simply stay sealed.
        """
        if self._study_key is None or len(blob) < 14:
            return False
        from fieldapp.core import crypto

        return crypto.sealed_fingerprint(blob) == self._study_key.fingerprint

    def open_attachment(self, content: bytes, submission_id: str | None) -> bytes:
        """Return a sealed (or draft-encrypted) file's bytes, opened with the key at hand."""
        from fieldapp.core import crypto

        if sealing.is_sealed(content):
            if self._study_key is None:
                raise FieldappError("store.sealed_attachment")
            return crypto.unseal(content, self._study_key, context=sealing.ATTACHMENT)
        if submission_id is None:
            raise FieldappError("store.sealed_attachment")
        key = self.submission_key(submission_id, create=False)
        try:
            return crypto.decrypt(key, content, context=sealing.DRAFT_ATTACHMENT)
        except FieldappError:
            raise FieldappError("crypto.tampered") from None

    def _open_record(self, revision: RevisionRecord, blob: bytes) -> dict[str, Any] | None:
        """Open a sealed or draft record with the key at hand; None when none opens it."""
        submission = revision.submission_id
        if sealing.is_sealed(blob) and self._opens(blob):
            assert self._study_key is not None
            return sealing.open_record(blob, self._study_key, submission, revision.attachments)
        if (
            sealing.is_draft(blob)
            and self._drafts_key is not None
            and revision.device_id == self._store.device_id
        ):
            conn = self._store.conn
            key = sealing.submission_key(conn, self._drafts_key, submission, create=False)
            if key is None:  # finalized since: its drafts key is gone for good
                return None
            return sealing.open_draft(key, blob, submission, revision.attachments)
        return None

    def unreadable(self, head: RevisionRecord) -> FieldappError:
        """Say why a revision's answers can't be read here."""
        if sealing.is_draft(head.sealed):
            if self._drafts_key is None and head.device_id == self._store.device_id:
                return FieldappError("store.drafts_locked", submission=head.submission_id)
            return FieldappError("store.draft_locked", submission=head.submission_id)
        return FieldappError("store.sealed", submission=head.submission_id)


def _refuse_beyond_bounds(revision: RevisionRecord, record: Mapping[str, Any]) -> None:
    """Refuse to open a sealed record past a bound no fieldapp writes (``rows.sealed_refused``).

    Merge took it unread (it has no key): a rogue laptop could seal a million repeat
    entries or a page-long instance name that would freeze the review or the export.
    """
    problem = record_problem(record)
    if problem is not None:
        raise FieldappError(
            "rows.sealed_refused",
            submission=revision.submission_id,
            revision=revision.revision_id,
            rule=Message(problem[0], {"detail": problem[1]}),
        )
