"""Why the system refused a file, in the user's language rather than the C library's.

``OSError.strerror`` is English whatever the user reads ("No se pudo escribir el paquete
… (Permission denied)"). The reasons a field laptop meets (no permission, a full disk, a
write-protected USB stick, a folder gone) are messages of the catalogue; a message given
as a parameter reads in the language of the message around it. Any other reason is the
system's own words, as before.
"""

from __future__ import annotations

import errno

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


def os_reason(error: BaseException) -> Message | str:
    """Return why ``error`` happened: a message for a reason the catalogue words, else the
    system's own description."""
    code = REASONS.get(getattr(error, "errno", None) or 0)
    if code is not None:
        return Message(code, {})
    return getattr(error, "strerror", None) or str(error)
