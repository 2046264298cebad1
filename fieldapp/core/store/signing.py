"""Each installation signs what it writes: an Ed25519 key and a signed chain of links.

Every revision and event a device writes gets a *link* in ``signatures``: the row's
table, id and content hash, the device's id and public key, a Lamport counter (one more
than any counter this database holds, so it orders after everything the device had seen),
the digest of the device's previous link, and the Ed25519 signature of its own digest.
Links are insert-only and travel with the rows; a device relaying another's rows relays
their links unchanged, so the original signature stays.

Because each digest commits to the previous one, a verified signature on a device's
newest link vouches for every earlier link of that device: merge recomputes the digests
of all new links (one sha256 each) and verifies the Ed25519 signature of each chain head
only, so signatures are checked in bulk (see ``merge``).

The private key lives in the local table ``signing_key`` (never merged, removed from
packages). A database first opened by this version gets its key in the migration, which
also signs the rows the device had written before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core.store.content import canonical_json

if TYPE_CHECKING:  # the crypto library loads when a row is signed, not at start-up
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

LINK_FIELDS = (
    "row_table",
    "row_uuid",
    "row_hash",
    "device_id",
    "public_key",
    "counter",
    "previous",
)
"""What a link's digest covers (besides the digest and signature themselves)."""

TABLES = """
CREATE TABLE signing_key (
    device_id TEXT PRIMARY KEY,
    private_key BLOB NOT NULL,
    public_key TEXT NOT NULL
);
CREATE TABLE signatures (
    row_table TEXT NOT NULL,
    row_uuid TEXT NOT NULL,
    row_hash TEXT NOT NULL,
    device_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    counter INTEGER NOT NULL,
    previous TEXT NOT NULL,
    digest TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (row_table, row_uuid)
);
CREATE INDEX signatures_device ON signatures(device_id, counter);
CREATE INDEX signatures_counter ON signatures(counter);
CREATE UNIQUE INDEX signatures_digest ON signatures(digest);
"""
"""``signing_key`` is local; ``signatures`` is merged like the rows it signs."""


def public_hex(key: Ed25519PrivateKey) -> str:
    # the raw bytes without the serialization module (about 10 ms of a first start)
    return key.public_key().public_bytes_raw().hex()


def fingerprint(public_key: str) -> str:
    """Return what a person compares: 16 hex digits of the key's sha256, in groups of 4."""
    import hashlib  # loaded when a row is signed or checked, not at start-up

    digest = hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def create_key(conn: sqlite3.Connection, device_id: str) -> None:
    """Give this installation its signing key (once)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    conn.execute(
        "INSERT INTO signing_key (device_id, private_key, public_key) VALUES (?, ?, ?)",
        [device_id, key.private_bytes_raw(), public_hex(key)],
    )


def _key(conn: sqlite3.Connection, device_id: str) -> tuple[Ed25519PrivateKey, str] | None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    row = conn.execute(
        "SELECT private_key, public_key FROM signing_key WHERE device_id = ?", [device_id]
    ).fetchone()
    if row is None:
        return None
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0])), str(row[1])


def link_digest(link: Mapping[str, Any]) -> str:
    """Return the digest a link's signature covers."""
    import hashlib

    values = {name: link[name] for name in LINK_FIELDS}
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def event_content_sha256(row: Mapping[str, Any]) -> str:
    """Return the hash of an ``events`` row: what its link signs."""
    import hashlib

    values = {name: row.get(name) for name in EVENT_HASHED_COLUMNS}
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


EVENT_HASHED_COLUMNS = (
    "uuid",
    "submission_uuid",
    "revision_uuid",
    "kind",
    "author",
    "device_id",
    "at",
    "payload",
)


def sign_rows(
    conn: sqlite3.Connection, device_id: str, rows: Iterable[tuple[str, str, str]]
) -> int:
    """Append a signed link per (table, uuid, content hash) to this device's chain.

    Call inside the transaction that writes the rows. Returns how many were signed; none
    when the database has no key for ``device_id`` (a package or another device's copy).
    """
    found = _key(conn, device_id)
    if found is None:
        return 0
    key, public_key = found
    (counter,) = conn.execute("SELECT coalesce(max(counter), 0) FROM signatures").fetchone()
    last = conn.execute(
        "SELECT digest FROM signatures WHERE device_id = ? AND public_key = ? "
        "ORDER BY counter DESC LIMIT 1",
        [device_id, public_key],
    ).fetchone()
    previous = last[0] if last else ""
    signed = 0
    for table, uuid, row_hash in rows:
        counter += 1
        link: dict[str, Any] = {
            "row_table": table,
            "row_uuid": uuid,
            "row_hash": row_hash,
            "device_id": device_id,
            "public_key": public_key,
            "counter": counter,
            "previous": previous,
        }
        link["digest"] = link_digest(link)
        link["signature"] = key.sign(bytes.fromhex(link["digest"])).hex()
        conn.execute(
            f"INSERT INTO signatures ({', '.join(link)}) VALUES ({', '.join('?' * len(link))})",
            list(link.values()),
        )
        previous = link["digest"]
        signed += 1
    return signed


def signature_valid(public_key: str, digest: str, signature: str) -> bool:
    """Return whether ``signature`` is ``public_key``'s Ed25519 signature of ``digest``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(signature), bytes.fromhex(digest)
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def drop_signing_key(conn: sqlite3.Connection) -> None:
    """Remove the private signing key from a copy that leaves the device (a package)."""
    conn.execute("DELETE FROM signing_key")


def sign_own_rows(conn: sqlite3.Connection, device_id: str) -> None:
    """Sign the rows this device wrote before it had a key, oldest first (the migration)."""
    rows: list[tuple[str, str, str]] = [
        ("revisions", uuid, content_sha256)
        for uuid, content_sha256 in conn.execute(
            "SELECT uuid, content_sha256 FROM revisions WHERE device_id = ? "
            "ORDER BY saved_at, uuid",
            [device_id],
        )
    ]
    cursor = conn.execute(
        f"SELECT {', '.join(EVENT_HASHED_COLUMNS)} FROM events WHERE device_id = ? "
        "ORDER BY at, uuid",
        [device_id],
    )
    for values in cursor.fetchall():
        row = dict(zip(EVENT_HASHED_COLUMNS, values, strict=True))
        rows.append(("events", row["uuid"], event_content_sha256(row)))
    sign_rows(conn, device_id, rows)
