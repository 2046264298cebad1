"""Where an export keeps rows until the file is put together: on disk, but never in clear.

A zip (xlsx or CSV) is written one member at a time, so each sheet's rows wait in a spool
until the end. Those rows are answers, perhaps opened with the study key; a spool left by
a killed export must not hold them readable. ``EncryptedSpool`` writes AES-256-GCM chunks
to an anonymous temporary file under a key that exists only in this process's memory: once
the process is gone, whatever is left on disk is noise.
"""

from __future__ import annotations

import io
import tempfile
from typing import IO, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_CHUNK = 1 << 20
_LENGTH = 4


class EncryptedSpool(io.BufferedIOBase):
    """A write-then-read-once byte spool, encrypted at rest (a binary stream to write)."""

    # openpyxl writes a sheet through a text wrapper that asks ``closed`` of the stream
    # below it before each of its many small writes (a million for 2,000 interviews):
    # through a buffered writer and then a raw stream's io property, that cost 4 % of an
    # xlsx export's CPU time. A buffered stream is wrapped as it is, and ``closed`` as a
    # plain attribute is one dictionary look-up; ``close`` keeps it true to the stream.
    closed: bool = False

    def __init__(self) -> None:
        super().__init__()
        self._aead: AESGCM | None = AESGCM(AESGCM.generate_key(bit_length=256))
        # Anonymous where the system allows it: no name to find, gone when closed.
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._chunks = 0
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if type(data) is not bytes:
            # A view of another stream's buffer is kept as a copy; text (CSV) as UTF-8.
            data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        piece: bytes = data
        self._pending.append(piece)
        self._pending_size += len(piece)
        self.size += len(piece)
        if self._pending_size >= _CHUNK:
            self._seal_pending()
        return len(piece)

    def flush(self) -> None:
        """Kept for writers that flush; chunks are sealed as they fill."""

    def copy_to(self, target: IO[bytes]) -> None:
        """Write everything spooled, decrypted, to ``target``; the spool is then spent."""
        self._seal_pending()
        aead = self._key()
        self._file.seek(0)
        for index in range(self._chunks):
            length = int.from_bytes(self._file.read(_LENGTH), "big")
            target.write(aead.decrypt(_nonce(index), self._file.read(length), None))
        self.close()

    def close(self) -> None:
        self._aead = None
        self._pending.clear()
        if not self._file.closed:
            self._file.close()
        super().close()
        self.closed = True

    def _seal_pending(self) -> None:
        if self._pending:
            self._seal(b"".join(self._pending))
            self._pending.clear()
            self._pending_size = 0

    def _seal(self, piece: bytes) -> None:
        sealed = self._key().encrypt(_nonce(self._chunks), piece, None)
        self._file.write(len(sealed).to_bytes(_LENGTH, "big") + sealed)
        self._chunks += 1

    def _key(self) -> AESGCM:
        if self._aead is None:
            raise ValueError("the spool is closed")
        return self._aead


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")
