"""Where a form's CSV choice files may come from: its own folder, by a plain file name.

A ``select_one_from_file ../../SECRET.csv`` (or an absolute path, or a symlink beside the
form pointing elsewhere) would read a file the researcher never meant to share, keep it
in the store and ship it in every package. ODK itself takes a media file's plain name.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


def is_plain_name(name: str) -> bool:
    """True when ``name`` names a file in the form's folder, not a path out of it."""
    if not name or name in (".", "..") or "\x00" in name:
        return False
    for flavour in (PurePosixPath(name), PureWindowsPath(name)):
        if flavour.is_absolute() or flavour.anchor or len(flavour.parts) != 1:
            return False
    return True


def read_beside(folder: Path, name: str) -> bytes | None:
    """Return the bytes of ``folder/name``; None when it is missing or leads out of it."""
    if not is_plain_name(name):
        return None
    candidate = folder / name
    try:
        if candidate.resolve(strict=True).parent != folder.resolve(strict=True):
            return None  # a symlink out of the form's folder
        return candidate.read_bytes() if candidate.is_file() else None
    except OSError:
        return None
