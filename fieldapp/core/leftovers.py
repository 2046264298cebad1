"""Files a killed run leaves behind: made private from the start, swept by the next run.

A package or export is written to a hidden partial file beside its target and renamed
into place; a staging copy lives in a private folder. If the process is killed, those
stay. Each is created readable by its owner only (0600, folders 0700), is named so the
next run of the same command recognises it, and carries the process id that made it so a
run still going elsewhere is not swept from under it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
import uuid
from pathlib import Path

_PARTIAL = re.compile(
    r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{32}\.partial(\.[A-Za-z0-9]+)?(-journal|-wal|-shm)?$"
)
_STAGING = re.compile(r"^\.fieldapp-(?P<what>[a-z]+)-(?P<pid>\d+)-[0-9a-f]{32}$")
_STALE_SECONDS = 24 * 3600
"""Where a process id can't be asked (Windows), a leftover this old is swept."""


def partial_path(out: Path, *, keep_suffix: bool = False) -> Path:
    """Return a new hidden partial file beside ``out``, already created with mode 0600.

    ``keep_suffix`` ends its name with ``out``'s suffix, for writers that go by it.
    """
    suffix = out.suffix if keep_suffix else ""
    partial = out.with_name(f".{out.name}.{os.getpid()}-{uuid.uuid4().hex}.partial{suffix}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    return partial


def publish(partial: Path, out: Path) -> None:
    """Put a finished partial file in place of ``out``, durably: the one atomic write.

    The file's bytes reach the disk before the rename, and the rename before this
    returns, so a power cut leaves the old ``out`` or the whole new one, never a torn one.
    """
    _fsync(partial)
    os.replace(partial, out)
    with contextlib.suppress(OSError):  # a folder cannot be opened for syncing everywhere
        _fsync(out.parent)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def staging_folder(beside: Path, what: str) -> Path:
    """Make a private (0700) hidden folder in ``beside`` for a run's working copies."""
    folder = beside / f".fieldapp-{what}-{os.getpid()}-{uuid.uuid4().hex}"
    folder.mkdir(mode=0o700)
    return folder


def sweep(folder: Path, *, what: str | None = None) -> list[Path]:
    """Remove the partial files and staging folders killed runs left in ``folder``.

    ``what`` also sweeps staging folders of that kind (``package``, ``export``). Returns
    what was removed. A leftover whose process still runs is kept.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        partial = _PARTIAL.match(entry.name)
        staging = _STAGING.match(entry.name) if what else None
        found = partial or (staging if staging and staging["what"] == what else None)
        if found is None or _still_running(int(found["pid"]), entry):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed


def _still_running(pid: int, entry: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        try:
            return time.time() - entry.lstat().st_mtime < _STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    return True
