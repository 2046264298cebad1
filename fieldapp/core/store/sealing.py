"""Sealed interviews and locked drafts: how the store keeps a seized laptop mute.

A form whose settings carry ``public_key`` is a *sealed form*. For its interviews:

- A finalized, approved or returned revision keeps ``answers`` NULL and ``sealed`` =
  ``crypto.seal`` of the canonical JSON record ``{"answers", "attachments",
  "instance_name"}``. The authenticated context is the submission uuid, not the revision
  uuid: ``review()`` copies the head's sealed bytes into its new revision without the
  key, and a blob moved to another interview fails to open. The attachments map inside
  must equal the row's, so a row pointing at other files fails to open too.
- Its attachments are sealed the same way (context ``ATTACHMENT``) and addressed by the
  sha256 of the stored bytes, so merge's content check and copy-by-key hold unchanged.
- Every record, draft record and working copy is padded (``store.padding``): its length
  says a bucket, not how many repeat entries or how long the texts. A record's padding
  is the key ``pad``, spaces, which every fieldapp ignores (each reads the record by its
  named keys); a working copy's is spaces after its JSON, which ``json.loads`` skips.
- Drafts (draft revisions, the working copy, attachments added while editing) are
  encrypted with a random key of that submission, kept in ``meta`` wrapped under the
  device's drafts key, itself wrapped under a key derived (scrypt) from the researcher's
  passphrase. Finalizing forgets the submission's key: its old drafts can no longer be
  read, not even with the passphrase. Draft revisions travel like any revision but open
  only on the device that made them; elsewhere they read as "draft, locked".
- The listing keeps no instance name for sealed forms (only form, city, actor type,
  interviewer, dates and state); the sealed record carries it for the supervisor.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import attachment_names
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.padding import padding_for

if TYPE_CHECKING:  # the crypto library loads when something is sealed or opened
    from fieldapp.core import crypto

REVISION = b"fieldapp-revision:"
DRAFT = b"fieldapp-draft:"
WORKING_COPY = b"fieldapp-working-copy:"
PLACE = b"fieldapp-place:"
LANGUAGE = b"fieldapp-form-language:"
ATTACHMENT = b"fieldapp-attachment"
DRAFT_ATTACHMENT = b"fieldapp-draft-attachment"
_DRAFTS_KEY = b"fieldapp-drafts-key:"
_SUBMISSION_KEY = b"fieldapp-draft-key:"
_SALT_BYTES = 16
_NAME_CONTEXT = b"fieldapp-attachment-name:"
NAME_TOKEN = "~"
PAD_KEY = "pad"
"""A record's padding: spaces, ignored when it is opened."""

SALT_META = "drafts_salt"
KEY_META = "drafts_key"
KDF_META = "drafts_kdf_n"
PSEUDONYM_KEY_META = "export_pseudonym_key"
DEVICE_COMMENT_KEY_META = "device_comment_key"
"""This device's private key for sealed review comments (``sealed_comments``)."""
"""The secret behind a de-identified export's pseudonyms: never leaves the database."""
SUBMISSION_KEY_PREFIX = "draft_key:"
PLACE_PREFIX = "place:"
"""Where the researcher was in an interview (``core.place``): this laptop's own, as the
working copy is; a sealed form's encrypted under the interview's drafts key."""
LANGUAGE_PREFIX = "form_language:"
"""The form language the interview was last shown in on this laptop: its own, as the
place is; a sealed form's encrypted under the interview's drafts key (the language an
interview was held in says who may have been interviewed)."""


def is_sealed(blob: bytes | None) -> bool:
    from fieldapp.core import crypto

    return blob is not None and blob.startswith(crypto.SEAL_MAGIC)


def is_draft(blob: bytes | None) -> bool:
    from fieldapp.core import crypto

    return blob is not None and blob.startswith(crypto.DRAFT_MAGIC)


# --- records -------------------------------------------------------------------------------


def record_bytes(
    answers: Any,
    attachments: Mapping[str, str],
    instance_name: str | None,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """Return a sealed record, padded; ``names`` gives the row's random file names their
    real ones."""
    record = {"answers": answers, "attachments": dict(attachments), "instance_name": instance_name}
    if names:
        record["names"] = dict(names)
    # Serialised once (a record may hold megabytes of answers): the padding key goes in
    # as the last one, where canonical JSON puts it too (it sorts after the others).
    body = canonical_json(record).encode("utf-8")[:-1] + f',"{PAD_KEY}":"'.encode()
    return body + b" " * padding_for(len(body) + 2) + b'"}'


def seal_record(plaintext: bytes, public_key: str, submission: str) -> bytes:
    from fieldapp.core import crypto

    return crypto.seal(plaintext, public_key, context=REVISION + submission.encode())


def open_record(
    blob: bytes, study_key: crypto.StudyKey, submission: str, attachments: Mapping[str, str]
) -> dict[str, Any]:
    """Open a sealed revision; refuse one whose row names other attachments than sealed."""
    from fieldapp.core import crypto

    record = _parse(crypto.unseal(blob, study_key, context=REVISION + submission.encode()))
    if attachment_names.repaired(record.get("attachments", {})) != dict(attachments):
        raise FieldappError("crypto.tampered")
    return record


def encrypt_name(key: bytes, name: str, submission: str) -> str:
    """Return a working-copy key that only the interview's drafts key reads back."""
    from fieldapp.core import crypto

    blob = crypto.encrypt(key, name.encode("utf-8"), context=_NAME_CONTEXT + submission.encode())
    return NAME_TOKEN + base64.urlsafe_b64encode(blob).decode("ascii")


def decrypt_name(key: bytes, stored: str, submission: str) -> str:
    """Return the name ``encrypt_name`` hid; a name stored in clear comes back as is."""
    from fieldapp.core import crypto

    if not stored.startswith(NAME_TOKEN):
        return stored
    try:
        blob = base64.urlsafe_b64decode(stored[len(NAME_TOKEN) :].encode("ascii"))
    except (binascii.Error, ValueError):
        raise FieldappError("crypto.tampered") from None
    try:
        plain = crypto.decrypt(key, blob, context=_NAME_CONTEXT + submission.encode())
    except FieldappError:
        raise FieldappError("crypto.tampered") from None
    return plain.decode("utf-8")


def encrypt_draft(key: bytes, plaintext: bytes, submission: str) -> bytes:
    from fieldapp.core import crypto

    return crypto.encrypt(key, plaintext, context=DRAFT + submission.encode())


def open_draft(
    key: bytes, blob: bytes, submission: str, attachments: Mapping[str, str]
) -> dict[str, Any]:
    record = _parse(_decrypt(key, blob, DRAFT + submission.encode()))
    if attachment_names.repaired(record.get("attachments", {})) != dict(attachments):
        raise FieldappError("crypto.tampered")
    return record


def encrypt_working_copy(key: bytes, answers: Any, submission: str) -> bytes:
    from fieldapp.core import crypto

    plaintext = canonical_json(answers).encode("utf-8")
    plaintext += b" " * padding_for(len(plaintext))
    return crypto.encrypt(key, plaintext, context=WORKING_COPY + submission.encode())


def open_working_copy(key: bytes, blob: bytes, submission: str) -> Any:
    return json.loads(_decrypt(key, blob, WORKING_COPY + submission.encode()))


PLACE_BUCKET = 2 * 1024
"""Every place up to this many bytes is made exactly this long: its length says neither
how long the question's path is nor how many answers its repeat entries hold (their
fingerprints, ``core.place``). A place with two levels of entries fits. A form whose
longest place is longer (names of hundreds of characters, repeats a dozen deep) pads
every place to that one instead (``place.longest_place``)."""


def encrypt_place(key: bytes, place: str, submission: str, longest: int) -> str:
    """Return the place (``core.place``) as only the interview's drafts key reads it,
    padded with spaces (JSON reads them as nothing) to ``PLACE_BUCKET``, or to
    ``longest`` (its form's longest place, ``place.longest_place``) when that is more:
    every place of a form reads the same length, whichever question she was at."""
    bucket = max(PLACE_BUCKET, longest)
    return _encrypt_padded(key, place.encode("utf-8"), bucket, PLACE + submission.encode())


LANGUAGE_BUCKET = 256
"""Every form language up to this many bytes is made exactly this long: its length does
not say which one it is (*Español (es)* or *English (en)*)."""


def encrypt_language(key: bytes, language: str, submission: str) -> str:
    """Return the interview's form language as only its drafts key reads it, padded
    with spaces to ``LANGUAGE_BUCKET``."""
    plaintext = json.dumps(language).encode("utf-8")
    return _encrypt_padded(key, plaintext, LANGUAGE_BUCKET, LANGUAGE + submission.encode())


def open_language(key: bytes, stored: str, submission: str) -> str:
    language = json.loads(_open_hex(key, stored, LANGUAGE + submission.encode()))
    if not isinstance(language, str):
        raise FieldappError("crypto.tampered")
    return language


def open_place(key: bytes, stored: str, submission: str) -> str:
    return _open_hex(key, stored, PLACE + submission.encode()).decode("utf-8")


def _encrypt_padded(key: bytes, plaintext: bytes, bucket: int, context: bytes) -> str:
    """Return ``plaintext`` padded with spaces (JSON reads them as nothing) to ``bucket``
    and encrypted under ``key``, as hex for ``meta`` (``_open_hex`` reads it)."""
    from fieldapp.core import crypto

    plaintext += b" " * padding_for(len(plaintext), bucket)
    return crypto.encrypt(key, plaintext, context=context).hex()


def _open_hex(key: bytes, stored: str, context: bytes) -> bytes:
    try:
        blob = bytes.fromhex(stored)
    except ValueError:
        raise FieldappError("crypto.tampered") from None
    return _decrypt(key, blob, context)


def _decrypt(key: bytes, blob: bytes, context: bytes) -> bytes:
    from fieldapp.core import crypto

    try:
        return crypto.decrypt(key, blob, context=context)
    except FieldappError as error:
        # The key itself was already proven (it unwrapped); a failure here is damage.
        if error.code == "crypto.wrong_passphrase":
            raise FieldappError("crypto.tampered") from None
        raise


def _parse(plaintext: bytes) -> dict[str, Any]:
    from fieldapp.core import row_bounds

    # Merge takes a sealed record unread: one nested past what Python's parser reads
    # stopped the supervisor's keyed export, and the check meant to find it (attack4).
    if row_bounds.json_too_deep(plaintext):
        raise FieldappError("rows.record_too_deep")
    record = json.loads(plaintext)
    if not isinstance(record, dict):
        raise FieldappError("crypto.tampered")
    return record


# --- keys in meta --------------------------------------------------------------------------


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def drafts_passphrase_set(conn: sqlite3.Connection) -> bool:
    return meta(conn, KEY_META) is not None


def unlock_drafts(conn: sqlite3.Connection, passphrase: str, database_id: str) -> bytes:
    """Return the device's drafts key; the first call makes it under ``passphrase``.

    The caller runs this inside a write transaction (the first call writes ``meta``).
    """
    from fieldapp.core import crypto

    context = _DRAFTS_KEY + database_id.encode()
    wrapped, salt = meta(conn, KEY_META), meta(conn, SALT_META)
    if wrapped is not None and salt is not None:
        cost = int(meta(conn, KDF_META) or crypto.LEGACY_DRAFTS_SCRYPT_N)
        derived = crypto.derive_key(passphrase, bytes.fromhex(salt), n=cost)
        drafts_key = crypto.decrypt(derived, bytes.fromhex(wrapped), context=context)
        if cost < crypto.DRAFTS_SCRYPT_N:  # made by an older fieldapp: wrap it stronger now
            _wrap_drafts_key(conn, passphrase, drafts_key, context)
        return drafts_key
    if len(passphrase) < crypto.MIN_PASSPHRASE:
        raise FieldappError("crypto.passphrase_too_short", minimum=crypto.MIN_PASSPHRASE)
    drafts_key = os.urandom(32)
    _wrap_drafts_key(conn, passphrase, drafts_key, context)
    return drafts_key


def _wrap_drafts_key(
    conn: sqlite3.Connection, passphrase: str, drafts_key: bytes, context: bytes
) -> None:
    from fieldapp.core import crypto

    new_salt = os.urandom(_SALT_BYTES)
    derived = crypto.derive_key(passphrase, new_salt, n=crypto.DRAFTS_SCRYPT_N)
    set_meta(conn, SALT_META, new_salt.hex())
    set_meta(conn, KEY_META, crypto.encrypt(derived, drafts_key, context=context).hex())
    set_meta(conn, KDF_META, str(crypto.DRAFTS_SCRYPT_N))


def drafts_kdf_cost(conn: sqlite3.Connection) -> int:
    """Return scrypt's N the drafts passphrase is stretched with on this database."""
    from fieldapp.core import crypto

    return int(meta(conn, KDF_META) or crypto.LEGACY_DRAFTS_SCRYPT_N)


def submission_key(
    conn: sqlite3.Connection, drafts_key: bytes, submission: str, *, create: bool
) -> bytes | None:
    """Return the key of one interview's drafts (made when ``create``), else None."""
    from fieldapp.core import crypto

    context = _SUBMISSION_KEY + submission.encode()
    wrapped = meta(conn, SUBMISSION_KEY_PREFIX + submission)
    if wrapped is not None:
        return _decrypt(drafts_key, bytes.fromhex(wrapped), context)
    if not create:
        return None
    key = os.urandom(32)
    sealed_key = crypto.encrypt(drafts_key, key, context=context)
    set_meta(conn, SUBMISSION_KEY_PREFIX + submission, sealed_key.hex())
    return key


def forget_submission_key(conn: sqlite3.Connection, submission: str) -> None:
    """Drop an interview's drafts key: its draft revisions become unreadable everywhere.

    The place kept under it (``core.place``) and its form language go too: no key opens
    them any more.
    """
    conn.execute(
        "DELETE FROM meta WHERE key IN (?, ?, ?)",
        [
            SUBMISSION_KEY_PREFIX + submission,
            PLACE_PREFIX + submission,
            LANGUAGE_PREFIX + submission,
        ],
    )


SEALED_FORM_PREFIX = "form_sealed:"
SEALED_SUBMISSIONS = (
    "SELECT s.uuid FROM submissions AS s JOIN meta AS m "
    f"ON m.key = '{SEALED_FORM_PREFIX}' || s.form_sha256 WHERE m.value = '1'"
)
"""The interviews of the forms noted as sealed (``Keys.has_sealed_forms`` notes them): what
the list, the counts and the Progress dashboard leave out before any key."""


def count_sealed_listed(conn: sqlite3.Connection) -> int:
    """Count the listed interviews of sealed forms: all a screen says of them before a key."""
    (count,) = conn.execute(
        f"SELECT count(*) FROM listing WHERE submission_uuid IN ({SEALED_SUBMISSIONS})"
    ).fetchone()
    return int(count)


def known_sealed_forms(conn: sqlite3.Connection) -> dict[str, bool]:
    """Return form sha256 -> whether it seals, for the forms already looked at."""
    rows = conn.execute(
        "SELECT substr(key, ?), value FROM meta WHERE substr(key, 1, ?) = ?",
        [len(SEALED_FORM_PREFIX) + 1, len(SEALED_FORM_PREFIX), SEALED_FORM_PREFIX],
    )
    return {str(sha): value == "1" for sha, value in rows}


def note_sealed_form(conn: sqlite3.Connection, sha256: str, sealed: bool) -> None:
    set_meta(conn, SEALED_FORM_PREFIX + sha256, "1" if sealed else "0")


def hold_sealed_forms(conn: sqlite3.Connection, notes: dict[str, bool]) -> None:
    """Keep ``notes`` (form sha256 -> whether it seals) for a read-only connection alone.

    A read-only open cannot write the notes ``SEALED_SUBMISSIONS`` reads, and a command that
    only reads (``devices list``, ``review list``) must leave a laptop's file as it is: an
    earlier laptop's database upgraded by writing would no longer open in its fieldapp. The
    connection gets its own copy of ``meta`` with the notes added, in its temporary schema
    (in memory: ``temp_store=MEMORY``), which SQLite reads before the file's ``meta`` for
    every query of this connection: the same interviews are left out as after a write.
    """
    if not notes:
        return
    if not conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'meta'").fetchone():
        conn.execute("CREATE TEMP TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO temp.meta SELECT key, value FROM main.meta")
    conn.executemany(
        "INSERT OR REPLACE INTO temp.meta (key, value) VALUES (?, ?)",
        [(SEALED_FORM_PREFIX + sha, "1" if sealed else "0") for sha, sealed in notes.items()],
    )


def drop_device_keys(conn: sqlite3.Connection) -> None:
    """Remove this device's drafts keys and export secret from a copy that leaves it.

    They are wrapped under the researcher's passphrase, but a copy on a USB stick need not
    offer them to anyone trying passphrases. The places where the researcher was in each
    interview (``core.place``) and their form languages stay on the laptop too, as the
    working copies do.
    """
    conn.execute(
        "DELETE FROM meta WHERE key IN (?, ?, ?, ?, ?) OR substr(key, 1, ?) = ? "
        "OR substr(key, 1, ?) = ? OR substr(key, 1, ?) = ?",
        [
            SALT_META,
            KEY_META,
            KDF_META,
            PSEUDONYM_KEY_META,
            DEVICE_COMMENT_KEY_META,
            len(SUBMISSION_KEY_PREFIX),
            SUBMISSION_KEY_PREFIX,
            len(PLACE_PREFIX),
            PLACE_PREFIX,
            len(LANGUAGE_PREFIX),
            LANGUAGE_PREFIX,
        ],
    )
