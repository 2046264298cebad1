"""Review comments on sealed interviews: readable by the study key and by their laptop.

A reviewer's words about an interview ("the commander named in question 12...") say as
much as its answers, and events travel to every laptop a supervisor's database is merged
into. So on a sealed form the payload of a decision (``approved``, ``returned``) or of a
question comment is sealed:

- a fresh AES-256-GCM key encrypts the canonical JSON payload, padded with a ``pad`` key
  of spaces to a comment's bucket (``store.padding``, ``COMMENT_BUCKET``): a package shows
  its ciphertext, whose length was the comment's (a word, or a paragraph naming who);
- that key is wrapped for the study key (RSA-OAEP, ``crypto.seal``) and for the laptop
  the interview came from (X25519 + HKDF-SHA256 + AES-GCM), so the researcher reads what
  to fix with the drafts passphrase, and nobody else can.

Each installation makes its X25519 pair when its drafts passphrase is first opened. The
private half stays in its ``meta``, encrypted under the drafts key (and is stripped from
packages); the public half travels as an event of kind ``device_key`` with no interview,
merged like any event, so the supervisor's database learns it from the laptop's package.
A comment sealed before the laptop's key arrived is readable by the study key only.
A comment on an interview whose start that laptop did not sign (one made up in its name)
is sealed for the study key alone (``starter_key``).
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any

from fieldapp.core import row_bounds
from fieldapp.core.messages import FieldappError
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.padding import COMMENT_BUCKET, padding_for
from fieldapp.core.store.sealing import DEVICE_COMMENT_KEY_META, PAD_KEY

if TYPE_CHECKING:  # the crypto library loads when a comment is sealed, not at start-up
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

    from fieldapp.core import crypto

SEALED_KINDS = frozenset({"approved", "returned", "question_comment"})
"""Event kinds whose payload carries a reviewer's words."""
DEVICE_KEY_KIND = "device_key"
SEALED = "sealed"
"""The payload's one key once sealed."""
_VERSION = 1
_NONCE = 12
_CONTEXT = b"fieldapp-comment:"
_STUDY_WRAP = b"fieldapp-comment-key:"
_DEVICE_WRAP = b"fieldapp-comment-device:"
_DEVICE_KEY = b"fieldapp-device-comment-key:"


def _raw(key: X25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except ValueError:
        raise FieldappError("crypto.tampered") from None


# --- the device's key pair -------------------------------------------------------------------


def device_private_key(
    conn: sqlite3.Connection, drafts_key: bytes, device_id: str
) -> tuple[X25519PrivateKey, bool]:
    """Return this device's private key (made now if it has none) and whether it is new."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from fieldapp.core import crypto

    context = _DEVICE_KEY + device_id.encode()
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [DEVICE_COMMENT_KEY_META]).fetchone()
    if row is not None:
        raw = crypto.decrypt(drafts_key, bytes.fromhex(row[0]), context=context)
        return X25519PrivateKey.from_private_bytes(raw), False
    key = X25519PrivateKey.generate()
    raw = key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [DEVICE_COMMENT_KEY_META, crypto.encrypt(drafts_key, raw, context=context).hex()],
    )
    return key, True


def public_key_payload(key: X25519PrivateKey) -> dict[str, str]:
    """Return the payload of the ``device_key`` event that publishes ``key``'s public half."""
    return {"public_key": _b64(_raw(key.public_key()))}


def device_public_key(conn: sqlite3.Connection, device_id: str) -> X25519PublicKey | None:
    """Return the public key the device itself published first, if it reached here.

    Only an event the device signed counts (merge checked the link against the device's
    one signing key), first by its Lamport counter: a merge still takes an unsigned row
    naming a device that has signed nothing here yet (an older fieldapp's), so a hostile
    laptop could otherwise publish its own key under another laptop's id, dated 2000,
    and read every comment the supervisor seals for that laptop.
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from fieldapp.core.quarantine import quarantined_sql

    row = conn.execute(
        "SELECT e.payload FROM events AS e JOIN signatures AS g "
        "ON g.row_table = 'events' AND g.row_uuid = e.uuid AND g.device_id = e.device_id "
        "WHERE e.kind = ? AND e.device_id = ? AND e.submission_uuid = '' "
        f"AND e.uuid NOT IN {quarantined_sql('events')} "
        "ORDER BY g.counter, e.uuid LIMIT 1",
        [DEVICE_KEY_KIND, device_id],
    ).fetchone()
    if row is None:
        return None
    try:
        raw = _unb64(json.loads(row[0]).get("public_key"))
        return X25519PublicKey.from_public_bytes(raw)
    except (ValueError, FieldappError, AttributeError):
        return None


def starter_key(
    conn: sqlite3.Connection, submission: str, own: str
) -> tuple[str, X25519PublicKey | None]:
    """Return the device an interview's row says started it (``created_on``), and the key
    a comment on it is sealed for beside the study's: that device's own
    (``device_public_key``), only where what it signed says it started the interview
    (``quarantine.started_by_sql``, ``own`` being this database's device).

    An interview made up in a laptop's name (a keyless package's row naming its device,
    listed because a signed version was written on it) names a device that started
    nothing: a comment on it is sealed for the study key alone, so that laptop does not
    read the supervisor's words about an interview it never started.
    """
    from fieldapp.core.quarantine import started_by_sql

    (origin, started) = conn.execute(  # the row and what it says of its start, read once
        f"SELECT s.created_on, {started_by_sql('s', own)} FROM main.submissions AS s "
        "WHERE s.uuid = ?",
        [submission],
    ).fetchone()
    return str(origin), device_public_key(conn, str(origin)) if started else None


# --- sealing and opening a payload -----------------------------------------------------------


def seal_payload(
    payload: dict[str, Any],
    *,
    submission: str,
    study_public_key: str,
    device_id: str,
    device_key: X25519PublicKey | None,
) -> dict[str, Any]:
    """Return ``{"sealed": ...}``: the payload encrypted for the study and the device."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from fieldapp.core import crypto

    context = _CONTEXT + submission.encode()
    content_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(_NONCE)
    ciphertext = AESGCM(content_key).encrypt(nonce, padded_json(payload), context)
    sealed: dict[str, Any] = {
        "v": _VERSION,
        "nonce": _b64(nonce),
        "ciphertext": _b64(ciphertext),
        "study": _b64(crypto.seal(content_key, study_public_key, context=_STUDY_WRAP + context)),
    }
    if device_key is not None:
        ephemeral = X25519PrivateKey.generate()
        wrap_key = _wrap_key(ephemeral.exchange(device_key), context, device_id)
        wrap_nonce = os.urandom(_NONCE)
        sealed["device"] = {
            "id": device_id,
            "ephemeral": _b64(_raw(ephemeral.public_key())),
            "key": _b64(wrap_nonce + AESGCM(wrap_key).encrypt(wrap_nonce, content_key, context)),
        }
    return {SEALED: sealed}


def is_sealed(payload: dict[str, Any]) -> bool:
    return isinstance(payload.get(SEALED), dict)


def open_payload(
    payload: dict[str, Any],
    *,
    submission: str,
    study_key: crypto.StudyKey | None,
    device: tuple[str, X25519PrivateKey] | None,
) -> dict[str, Any] | None:
    """Return the sealed payload opened with a key at hand; None when none opens it."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from fieldapp.core import crypto

    sealed = payload[SEALED]
    context = _CONTEXT + submission.encode()
    content_key: bytes | None = None
    study_blob = _unb64(sealed.get("study", ""))
    if study_key is not None and crypto.sealed_fingerprint(study_blob) == study_key.fingerprint:
        content_key = crypto.unseal(study_blob, study_key, context=_STUDY_WRAP + context)
    wrapped = sealed.get("device")
    if content_key is None and device is not None and isinstance(wrapped, dict):
        device_id, private = device
        if wrapped.get("id") == device_id:
            try:
                ephemeral = X25519PublicKey.from_public_bytes(_unb64(wrapped.get("ephemeral")))
                blob = _unb64(wrapped.get("key"))
                wrap_key = _wrap_key(private.exchange(ephemeral), context, device_id)
                content_key = AESGCM(wrap_key).decrypt(blob[:_NONCE], blob[_NONCE:], context)
            except (InvalidTag, ValueError, TypeError):  # a forged or damaged wrap
                raise FieldappError("crypto.tampered") from None
    if content_key is None:
        return None
    try:
        plain = AESGCM(content_key).decrypt(
            _unb64(sealed.get("nonce")), _unb64(sealed.get("ciphertext")), context
        )
        if row_bounds.json_too_deep(plain):  # no fieldapp seals it; Python's parser fails
            raise ValueError("nested too deep")
        opened = json.loads(plain)
    except (InvalidTag, ValueError, TypeError):
        raise FieldappError("crypto.tampered") from None
    if not isinstance(opened, dict):
        raise FieldappError("crypto.tampered")
    opened.pop(PAD_KEY, None)  # a comment sealed before padding has none
    return opened


def padded_json(payload: dict[str, Any]) -> bytes:
    """Return ``payload``'s canonical JSON with a ``pad`` key of spaces that makes it as
    long as its bucket: every comment a supervisor types reads as ``COMMENT_BUCKET``."""
    bare = canonical_json({**payload, PAD_KEY: ""}).encode("utf-8")
    pad = " " * padding_for(len(bare), COMMENT_BUCKET)
    return canonical_json({**payload, PAD_KEY: pad}).encode("utf-8")


def _wrap_key(shared: bytes, context: bytes, device_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    info = _DEVICE_WRAP + device_id.encode() + b"\0" + context
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)
