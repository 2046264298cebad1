"""Seal finalized interviews for the study key; protect drafts with a passphrase.

A form whose settings carry ``public_key`` (base64 of the DER SubjectPublicKeyInfo of an
RSA key: the format ODK Collect and Briefcase use, so one key pair serves both) has
every finalized revision sealed: a fresh AES-256-GCM key per record, wrapped with
RSA-OAEP (SHA-256). Only the supervisor's private key, stored encrypted under a
passphrase, opens it. Every primitive comes from the ``cryptography`` library.

A sealed record reads::

    b"FAS1" | key fingerprint (8 bytes) | wrapped key length (2 bytes, big endian)
           | wrapped key | nonce (12 bytes) | ciphertext with GCM tag

The magic, the fingerprint and the caller's ``context`` (e.g. the revision uuid) are
authenticated data, so a sealed blob moved to another revision fails to open instead of
passing as that revision's answers.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldapp.core import key_file
from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import os_reason

SEAL_MAGIC = b"FAS1"
DRAFT_MAGIC = b"FAD1"
KEY_BITS = 3072
MIN_KEY_BITS = 2048
MIN_PASSPHRASE = 10
DRAFTS_SCRYPT_N = 2**17
"""scrypt's cost for the drafts passphrase (r=8, p=1): 128 MiB of memory a guess."""
LEGACY_DRAFTS_SCRYPT_N = 2**15
"""What drafts passphrases were stretched with before; re-wrapped on the next unlock."""
_NONCE = 12
_FINGERPRINT = 8
_OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    """The private key, PKCS#8 PEM encrypted under the passphrase."""
    public_key: str
    """What the XLSForm settings sheet's ``public_key`` column takes."""
    fingerprint: str


@dataclass(frozen=True)
class StudyKey:
    """An unlocked private key: opens records sealed for its public half."""

    private_key: rsa.RSAPrivateKey
    fingerprint: str


def generate_key_pair(passphrase: str, *, bits: int = KEY_BITS) -> KeyPair:
    """Make a study key pair; the private half encrypted under ``passphrase``."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise FieldappError("crypto.passphrase_too_short", minimum=MIN_PASSPHRASE)
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_pem = key_file.encrypt_private_key(private_key, passphrase)
    der = _public_der(private_key.public_key())
    return KeyPair(
        private_pem=private_pem,
        public_key=base64.b64encode(der).decode("ascii"),
        fingerprint=_fingerprint(der),
    )


def load_public_key(setting: str) -> rsa.RSAPublicKey:
    """Read a settings-sheet ``public_key`` (base64 DER; PEM armour tolerated)."""
    lines = [line.strip() for line in setting.strip().splitlines()]
    body = "".join(line for line in lines if line and not line.startswith("-----"))
    try:
        key = serialization.load_der_public_key(base64.b64decode(body, validate=True))
    except (ValueError, binascii.Error, TypeError) as error:
        raise FieldappError("crypto.bad_public_key", detail=type(error).__name__) from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise FieldappError("crypto.bad_public_key", detail="not RSA")
    if key.key_size < MIN_KEY_BITS:
        raise FieldappError("crypto.weak_public_key", bits=key.key_size)
    return key


def public_key_fingerprint(setting: str) -> str:
    """Return the short fingerprint people compare to tell study keys apart."""
    return _fingerprint(_public_der(load_public_key(setting)))


def read_private_key_file(path: Path) -> bytes:
    """Return the bytes of a private key file; a clear error when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise FieldappError(
            "crypto.cannot_read_key", path=str(path), reason=os_reason(error)
        ) from None


def load_private_key(pem: bytes, passphrase: str, *, path: str = "") -> StudyKey:
    """Unlock a private key file; a clear error for a wrong file or passphrase."""
    if b"PRIVATE KEY" not in pem:
        raise FieldappError("crypto.bad_private_key", path=path or "?")
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        # cryptography reports a wrong passphrase and a damaged file alike; the PEM
        # armour was present, so the passphrase is by far the likelier cause.
        raise FieldappError("crypto.wrong_passphrase") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise FieldappError("crypto.bad_private_key", path=path or "?")
    return StudyKey(private_key=key, fingerprint=_fingerprint(_public_der(key.public_key())))


def open_key_file(path: Path, passphrase: str) -> StudyKey:
    """Unlock a private key file; a file of a weaker, older kind is re-wrapped in place."""
    pem = read_private_key_file(path)
    key = load_private_key(pem, passphrase, path=str(path))
    key_file.rewrap_if_weak(path, pem, key.private_key, passphrase)
    return key


def seal(plaintext: bytes, public_key: str | rsa.RSAPublicKey, *, context: bytes) -> bytes:
    """Encrypt ``plaintext`` so only the private half of ``public_key`` opens it."""
    key = load_public_key(public_key) if isinstance(public_key, str) else public_key
    fingerprint = bytes.fromhex(_fingerprint(_public_der(key)))
    data_key = AESGCM.generate_key(bit_length=256)
    wrapped = key.encrypt(data_key, _OAEP)
    nonce = os.urandom(_NONCE)
    header = SEAL_MAGIC + fingerprint
    ciphertext = AESGCM(data_key).encrypt(nonce, plaintext, header + context)
    return header + struct.pack(">H", len(wrapped)) + wrapped + nonce + ciphertext


def sealed_fingerprint(blob: bytes) -> str:
    """Return the fingerprint of the key a sealed record was made for."""
    if not blob.startswith(SEAL_MAGIC) or len(blob) < len(SEAL_MAGIC) + _FINGERPRINT + 2:
        raise FieldappError("crypto.not_sealed")
    return blob[len(SEAL_MAGIC) : len(SEAL_MAGIC) + _FINGERPRINT].hex()


def unseal(blob: bytes, key: StudyKey, *, context: bytes) -> bytes:
    """Open a sealed record; a tampered one raises instead of returning garbage."""
    expected = sealed_fingerprint(blob)
    if expected != key.fingerprint:
        raise FieldappError("crypto.wrong_key", expected=expected, actual=key.fingerprint)
    offset = len(SEAL_MAGIC) + _FINGERPRINT
    (wrapped_length,) = struct.unpack(">H", blob[offset : offset + 2])
    offset += 2
    wrapped = blob[offset : offset + wrapped_length]
    offset += wrapped_length
    nonce = blob[offset : offset + _NONCE]
    ciphertext = blob[offset + _NONCE :]
    try:
        data_key = key.private_key.decrypt(wrapped, _OAEP)
        return AESGCM(data_key).decrypt(
            nonce, ciphertext, blob[: len(SEAL_MAGIC) + _FINGERPRINT] + context
        )
    except (InvalidTag, ValueError):
        raise FieldappError("crypto.tampered") from None


def derive_key(passphrase: str, salt: bytes, *, n: int = DRAFTS_SCRYPT_N) -> bytes:
    """Stretch a researcher's passphrase into a 256-bit key (scrypt, 128 MiB, ~0.3 s)."""
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


def encrypt(key: bytes, plaintext: bytes, *, context: bytes) -> bytes:
    """Encrypt with a symmetric key (drafts at rest): magic, nonce, ciphertext+tag."""
    nonce = os.urandom(_NONCE)
    return DRAFT_MAGIC + nonce + AESGCM(key).encrypt(nonce, plaintext, DRAFT_MAGIC + context)


def decrypt(key: bytes, blob: bytes, *, context: bytes) -> bytes:
    """Decrypt what ``encrypt`` made; wrong key or tampering raise a clear error."""
    if not blob.startswith(DRAFT_MAGIC):
        raise FieldappError("crypto.not_sealed")
    nonce = blob[len(DRAFT_MAGIC) : len(DRAFT_MAGIC) + _NONCE]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(DRAFT_MAGIC) + _NONCE :], DRAFT_MAGIC + context)
    except InvalidTag:
        raise FieldappError("crypto.wrong_passphrase") from None


def _public_der(key: rsa.RSAPublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).digest()[:_FINGERPRINT].hex()
