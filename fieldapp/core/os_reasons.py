"""Why the system refused a file, in the user's language rather than the C library's.

``OSError.strerror`` is English whatever the user reads ("No se pudo escribir el paquete
… (Permission denied)"). The reasons a field laptop meets (no permission, a full disk, a
write-protected USB stick, a folder gone) are messages of the catalogue; a message given
as a parameter reads in the language of the message around it. SQLite's refusals of the
same kinds ("database or disk is full", "disk I/O error" when the stick is pulled out
while a package is written) are worded the same. Any other reason is the system's own
words, as before.
"""

from __future__ import annotations

import errno
import sqlite3

from fieldapp.core.messages import Message

REASONS = {
    errno.EACCES: "store.os_no_permission",
    errno.EPERM: "store.os_no_permission",
    errno.ENOSPC: "store.os_disk_full",
    errno.EDQUOT: "store.os_disk_full",
    errno.EROFS: "store.os_read_only",
    errno.ENOENT: "store.os_not_found",
    errno.ENOTDIR: "store.os_not_a_folder",
    errno.EEXIST: "store.os_exists",
    errno.EISDIR: "store.os_is_a_folder",
    errno.EIO: "store.os_io",
}
"""errno -> the catalogue's words for it."""

SQLITE_REASONS = {
    sqlite3.SQLITE_PERM: "store.os_no_permission",
    sqlite3.SQLITE_READONLY: "store.os_read_only",
    sqlite3.SQLITE_IOERR: "store.os_io",
    sqlite3.SQLITE_FULL: "store.os_disk_full",
    sqlite3.SQLITE_CANTOPEN: "store.os_cannot_open",
}
"""SQLite's primary result code -> the catalogue's words for it."""


def os_reason(error: BaseException) -> Message | str:
    """Return why ``error`` happened: a message for a reason the catalogue words, else the
    system's own description."""
    code = REASONS.get(getattr(error, "errno", None) or 0)
    sqlite_code = getattr(error, "sqlite_errorcode", None)
    if code is None and isinstance(sqlite_code, int):
        code = SQLITE_REASONS.get(sqlite_code & 0xFF)  # extended codes keep it in the low byte
    if code is not None:
        return Message(code, {})
    return getattr(error, "strerror", None) or str(error)
