"""The study key file: PKCS#8 encrypted with PBES2, PBKDF2-HMAC-SHA256 at 600,000 rounds.

``cryptography``'s ``BestAvailableEncryption`` writes PBKDF2 at OpenSSL's 2,048 rounds,
about 1 ms a guess: a stolen key file falls to a dictionary in hours. This module writes
the same standard structure (RFC 8018 PBES2 inside RFC 5958 ``EncryptedPrivateKeyInfo``,
what ``openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -iter 600000`` makes)
with the rounds OWASP asks for, so OpenSSL, ODK Briefcase and ``cryptography`` still read
it. ``open_key_file`` re-wraps an older, weaker file in place the first time it opens.
"""

from __future__ import annotations

import base64
import contextlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PBKDF2_ROUNDS = 600_000
"""OWASP's figure for PBKDF2-HMAC-SHA256 (2023)."""
_SALT = 16
_PBES2 = "1.2.840.113549.1.5.13"
_PBKDF2 = "1.2.840.113549.1.5.12"
_HMAC_SHA256 = "1.2.840.113549.2.9"
_AES256_CBC = "2.16.840.1.101.3.4.1.42"
_PEM_LABEL = "ENCRYPTED PRIVATE KEY"


@dataclass(frozen=True)
class KeyFileStrength:
    """How a key file stretches its passphrase, as read from the file itself."""

    scheme: str
    """``pbkdf2-sha256``, ``pbkdf2-sha1``, ``scrypt`` or ``other``."""
    rounds: int
    """PBKDF2 iterations, or scrypt's N."""

    @property
    def strong(self) -> bool:
        if self.scheme == "pbkdf2-sha256":
            return self.rounds >= PBKDF2_ROUNDS
        return self.scheme == "scrypt" and self.rounds >= 2**17


def encrypt_private_key(
    key: rsa.RSAPrivateKey, passphrase: str, *, rounds: int = PBKDF2_ROUNDS
) -> bytes:
    """Return ``key`` as PEM ``ENCRYPTED PRIVATE KEY`` under ``passphrase``."""
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    salt, iv = os.urandom(_SALT), os.urandom(16)
    derived = PBKDF2HMAC(hashes.SHA256(), 32, salt, rounds).derive(passphrase.encode("utf-8"))
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(derived), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    prf = _sequence(_oid(_HMAC_SHA256), b"\x05\x00")
    kdf = _sequence(_oid(_PBKDF2), _sequence(_octets(salt), _integer(rounds), _integer(32), prf))
    scheme = _sequence(_oid(_AES256_CBC), _octets(iv))
    algorithm = _sequence(_oid(_PBES2), _sequence(kdf, scheme))
    der = _sequence(algorithm, _octets(ciphertext))
    body = base64.encodebytes(der).decode("ascii").replace("\n", "")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(
        [f"-----BEGIN {_PEM_LABEL}-----", *lines, f"-----END {_PEM_LABEL}-----", ""]
    ).encode("ascii")


def strength(pem: bytes) -> KeyFileStrength:
    """Read how an encrypted PKCS#8 PEM file stretches its passphrase."""
    try:
        body = b"".join(line for line in pem.strip().splitlines() if not line.startswith(b"-----"))
        der = base64.b64decode(body)
        algorithm = _children(_children(der)[0])
        if _read_oid(algorithm[0]) != _PBES2:
            return KeyFileStrength("other", 0)
        kdf, _scheme = _children(algorithm[1])
        kdf_id, kdf_params = _children(kdf)
        if _read_oid(kdf_id) == "1.3.6.1.4.1.11591.4.11":  # scrypt
            return KeyFileStrength("scrypt", _read_int(_children(kdf_params)[1]))
        if _read_oid(kdf_id) != _PBKDF2:
            return KeyFileStrength("other", 0)
        params = _children(kdf_params)
        rounds = _read_int(params[1])
        prf = [p for p in params[2:] if p[:1] == b"\x30"]
        sha256 = bool(prf) and _read_oid(_children(prf[0])[0]) == _HMAC_SHA256
        return KeyFileStrength("pbkdf2-sha256" if sha256 else "pbkdf2-sha1", rounds)
    except (ValueError, IndexError):
        return KeyFileStrength("other", 0)


def rewrap_if_weak(path: Path, pem: bytes, key: rsa.RSAPrivateKey, passphrase: str) -> bool:
    """Write ``path`` again with today's strength if it is weaker; True when it did.

    The new file replaces the old one atomically and is readable by its owner only. A
    file that cannot be rewritten (read-only stick) stays as it was: the key still opened.
    """
    if strength(pem).strong:
        return False
    stronger = encrypt_private_key(key, passphrase)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(stronger)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    return True


# --- the little DER this needs ---------------------------------------------------------------


def _encode(tag: int, content: bytes) -> bytes:
    length = len(content)
    if length < 0x80:
        head = bytes([length])
    else:
        size = (length.bit_length() + 7) // 8
        head = bytes([0x80 | size]) + length.to_bytes(size, "big")
    return bytes([tag]) + head + content


def _sequence(*parts: bytes) -> bytes:
    return _encode(0x30, b"".join(parts))


def _octets(data: bytes) -> bytes:
    return _encode(0x04, data)


def _integer(value: int) -> bytes:
    return _encode(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _oid(dotted: str) -> bytes:
    numbers = [int(part) for part in dotted.split(".")]
    body = bytes([numbers[0] * 40 + numbers[1]])
    for number in numbers[2:]:
        chunk = [number & 0x7F]
        number >>= 7
        while number:
            chunk.append(0x80 | (number & 0x7F))
            number >>= 7
        body += bytes(reversed(chunk))
    return _encode(0x06, body)


def _split(data: bytes) -> tuple[bytes, bytes]:
    """Return the first element (tag, length and content) of ``data`` and the rest."""
    if len(data) < 2:
        raise ValueError("short DER")
    length, offset = data[1], 2
    if length & 0x80:
        size = length & 0x7F
        length = int.from_bytes(data[2 : 2 + size], "big")
        offset = 2 + size
    end = offset + length
    if end > len(data):
        raise ValueError("truncated DER")
    return data[:end], data[end:]


def _content(element: bytes) -> bytes:
    length = element[1]
    return element[2 + (length & 0x7F if length & 0x80 else 0) :]


def _children(element: bytes) -> list[bytes]:
    rest, found = _content(element), []
    while rest:
        child, rest = _split(rest)
        found.append(child)
    return found


def _read_int(element: bytes) -> int:
    return int.from_bytes(_content(element), "big")


def _read_oid(element: bytes) -> str:
    body = _content(element)
    numbers = [body[0] // 40, body[0] % 40]
    value = 0
    for byte in body[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            numbers.append(value)
            value = 0
    return ".".join(str(n) for n in numbers)
