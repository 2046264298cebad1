"""What the disk or USB stick a file goes to can hold: its file system, its free space.

A laptop's package holds its recordings, so it can pass 4 GB, the most a file on a stick
formatted FAT32 (most sticks as sold) can hold, and it can need more room than the stick
has. Both used to be found out at the end of a long copy, as "disk I/O error" or "disk
full"; ``write_package`` asks here first and says what to do instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

FAT_LARGEST = 2**32 - 1
"""Bytes a file on a FAT32 (or FAT16) volume can hold at most."""
_FAT_NAMES = frozenset({"vfat", "msdos", "fat", "fat12", "fat16", "fat32", "umsdos"})


def file_system(folder: Path) -> str | None:
    """Return the type of file system holding ``folder`` (``vfat``, ``FAT32``, ``ntfs``,
    ``exfat``...), or None where it cannot be told (a platform not read here)."""
    try:
        if sys.platform == "win32":
            return _windows_file_system(folder)
        if sys.platform.startswith("linux"):
            table = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
            return mounted_type(table, Path(os.path.realpath(folder)))
    except OSError:
        return None
    return None


def is_fat(kind: str | None) -> bool:
    """True for the FAT file systems, whose files hold at most ``FAT_LARGEST`` bytes."""
    return kind is not None and kind.lower() in _FAT_NAMES


def free_bytes(folder: Path) -> int | None:
    """Return the bytes free where ``folder`` is, or None when the system does not say.

    Some network and synced folders report no size and no room at all: a zero is taken as
    not said (a stick really full fails the copy with its own message), so that a package
    that fits is never refused on a figure nobody measured.
    """
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return None
    return usage.free if usage.total > 0 and usage.free > 0 else None


def mounted_type(table: str, path: Path) -> str | None:
    """Return the file system type of the mount (in ``/proc/mounts`` form) holding ``path``:
    the longest mount point above it."""
    best: tuple[int, str] | None = None
    target = path.as_posix()
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescaped(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fields[2])
    return None if best is None else best[1]


def _unescaped(field: str) -> str:
    """``/media/USB\\040DISK`` as the mount table writes it: spaces, tabs as octal."""
    for octal, character in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(octal, character)
    return field


def _windows_file_system(folder: Path) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    root = ctypes.create_unicode_buffer(261)
    if not kernel.GetVolumePathNameW(str(folder), root, len(root)):
        return None
    name = ctypes.create_unicode_buffer(261)
    if not kernel.GetVolumeInformationW(root, None, 0, None, None, None, name, len(name)):
        return None
    return str(name.value) or None
