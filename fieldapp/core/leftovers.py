"""Files a killed run leaves behind: made private from the start, swept by the next run.

A package or export is written to a hidden partial file beside its target and renamed
into place; a staging copy lives in a private folder. If the process is killed, those
stay. Each is created readable by its owner only (0600, folders 0700), is named so the
next run of the same command recognises it, and carries the process id that made it so a
run still going elsewhere is not swept from under it.

A partial file is held locked by its writer from its creation until it is published or
discarded (``flock``, released by the system however the process ends, never across a
restart), and its name says so (``.locked.partial``): the sweep removes one nobody holds,
whatever process now has the id in its name (after a power cut and a restart), and keeps
one its writer holds. One without the mark (an older fieldapp's; Windows, which has no
``flock`` here; a file system that refuses locks) is judged by its process id as before.

A partial file also names the computer that writes it, as a token that reveals nothing of
it (``machine_token``): a folder shared between laptops (a network share, a synced folder)
holds other computers' runs, whose process ids and locks mean nothing here. Those are
swept only once a day old, so one laptop's package never deletes another's while it is
written.

A recording handed to the system's player is copied into a private folder of the system's
temporary folder (``play_folder``), removed at a normal exit; one a killed run left is
swept by the desktop's next start (``sweep_play_folders``). The folder holds a file its run
keeps locked while it runs (``PLAY_LOCK``): a killed run's lock is gone with it, so the
folder is swept even where its process id has since been given to another process (after
a power cut and a restart); where no lock can be held (Windows) it goes once a day old.

A staging folder (``staging_folder``) holds such a lock file too (``STAGING_LOCK``), and its
name says so (``.locked``): the sweep removes one whose lock nobody holds, whatever process
now has the id in its name, and keeps one its run holds. One without the mark (an older
fieldapp's; Windows; a file system that refuses locks) is judged by its process id as
before, another computer's by its age.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import socket
import stat
import tempfile
import time
import uuid
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: a process id is not asked there either; a day's age is
    fcntl = None  # type: ignore[assignment]

_PARTIAL = re.compile(
    r"^\.(?P<name>.+)\.(?:(?P<machine>[0-9a-f]{12})-)?(?P<pid>\d+)-[0-9a-f]{32}"
    r"(?P<locked>\.locked)?\.partial(\.[A-Za-z0-9]+)?(?P<side>-journal|-wal|-shm)?$",
    re.ASCII | re.DOTALL,  # a process id in ASCII digits only; any character in a name
)
_STAGING = re.compile(
    r"^\.fieldapp-(?P<what>[a-z]+)-(?:(?P<machine>[0-9a-f]{12})-)?(?P<pid>\d+)-[0-9a-f]{32}"
    r"(?P<locked>\.locked)?$",
    re.ASCII,
)
_PLAY = re.compile(r"^fieldapp-play-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}$", re.ASCII)
"""``play_folder``'s names; one without a process id is an older fieldapp's."""
_STALE_SECONDS = 24 * 3600
"""Where a process id can't be asked (Windows, another computer), a leftover this old is
swept."""
_MACHINE_IDS = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))

_LOCKS: dict[Path, int] = {}
"""The partial files this process writes, each with the descriptor holding its lock."""
STAGING_LOCK = ".fieldapp-staging"
"""The file in a staging folder its run holds locked for as long as it uses the folder."""
_STAGED: dict[Path, int] = {}
"""The staging folders this process uses, each with the descriptor holding its lock."""


@functools.cache
def machine_token() -> str:
    """Return 12 hex digits that tell this computer's partial files from another's.

    A salted hash of the system's random machine id (of the host name where there is
    none): the same on every run here, and nothing a reader of the folder can turn back
    into a name.
    """
    seed = b""
    for source in _MACHINE_IDS:
        with contextlib.suppress(OSError):
            seed = source.read_bytes().strip()
        if seed:
            break
    seed = seed or socket.gethostname().encode("utf-8", "replace")
    return hashlib.sha256(b"fieldapp partial files\0" + seed).hexdigest()[:12]


def partial_path(out: Path, *, keep_suffix: bool = False) -> Path:
    """Return a new hidden partial file beside ``out``, already created with mode 0600 and
    held locked by this process until ``publish`` or ``discard`` (or its end).

    ``keep_suffix`` ends its name with ``out``'s suffix, for writers that go by it.
    """
    suffix = out.suffix if keep_suffix else ""
    for _ in range(8):  # a sweep may take a new file's lock first and remove it: anew
        run = f"{machine_token()}-{os.getpid()}-{uuid.uuid4().hex}"
        if fcntl is None:
            break
        partial = out.with_name(f".{out.name}.{run}.locked.partial{suffix}")
        descriptor = _hold_new(partial)
        if descriptor == -1:
            continue  # a sweep took it, and removes it
        if descriptor is None:  # a file system that refuses locks: named as one judged by its id
            with contextlib.suppress(OSError):
                partial.unlink()
            break
        _LOCKS[partial] = descriptor
        return partial
    partial = out.with_name(f".{out.name}.{run}.partial{suffix}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    return partial


def _hold_new(path: Path) -> int | None:
    """Create ``path`` (0600) and take its lock, as ``partial_path`` and ``staging_folder``
    do: the descriptor holding it; -1 when a sweep took it first (and removes it: try anew
    under another name); None where the file system refuses locks (``path`` is left for
    the caller to remove)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)  # a sweep holds it
        return -1
    except OSError:
        os.close(descriptor)
        return None
    if not _same_file(descriptor, path):  # a sweep took it between the two calls
        os.close(descriptor)
        return -1
    return descriptor


def _let_go(held: dict[Path, int], path: Path) -> None:
    """Close the descriptor holding ``path``'s lock in ``held``, if this process holds it."""
    descriptor = held.pop(path, None)
    if descriptor is not None:
        os.close(descriptor)


def release(partial: Path) -> None:
    """Let go of the lock this process holds on ``partial`` (once renamed or removed)."""
    _let_go(_LOCKS, partial)


def discard(partial: Path) -> None:
    """Remove a partial file this run gives up on, then let go of its lock."""
    try:
        partial.unlink(missing_ok=True)
    finally:
        release(partial)


def _same_file(descriptor: int, path: Path) -> bool:
    """True when ``path`` still names the file open as ``descriptor`` (not removed, not
    replaced, no link)."""
    try:
        named, opened = path.lstat(), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def publish(partial: Path, out: Path) -> None:
    """Put a finished partial file in place of ``out``, durably: the one atomic write.

    The file's bytes reach the disk before the rename, and the rename before this
    returns, so a power cut leaves the old ``out`` or the whole new one, never a torn one.
    """
    _fsync(partial)
    os.replace(partial, out)  # still locked: no sweep takes it before it is in place
    release(partial)
    with contextlib.suppress(OSError):  # a folder cannot be opened for syncing everywhere
        _fsync(out.parent)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def staging_folder(beside: Path, what: str, *, shared: bool = False) -> Path:
    """Make a private (0700) hidden folder in ``beside`` for a run's working copies, holding
    ``STAGING_LOCK`` locked until ``remove_staging`` (or this process's end).

    ``shared``: ``beside`` is a folder other computers may write to (an export's), so the
    name carries this computer's token, as a partial file's does. What the run moves out
    of it whole goes in a folder inside, never beside the lock file.
    """
    for _ in range(8):  # a sweep may take a new folder's lock first and remove it: anew
        if fcntl is None:
            break
        folder = _staging_name(beside, what, shared=shared)
        folder = folder.with_name(folder.name + ".locked")
        folder.mkdir(mode=0o700)  # until its lock file is there, judged by its process id
        descriptor = _hold_new(folder / STAGING_LOCK)
        if descriptor == -1:
            continue  # a sweep took it, and removes the folder
        if descriptor is None:  # a file system that refuses locks: named as one judged by its id
            shutil.rmtree(folder, ignore_errors=True)
            break
        _STAGED[folder] = descriptor
        return folder
    folder = _staging_name(beside, what, shared=shared)  # unmarked: judged by its process id
    folder.mkdir(mode=0o700)
    return folder


def remove_staging(folder: Path) -> None:
    """Remove a staging folder this run is done with, then let go of its lock."""
    try:
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        _let_go(_STAGED, folder)


def _staging_name(beside: Path, what: str, *, shared: bool = False) -> Path:
    """Return a new name in ``beside`` that the next run sweeps (``staging_folder``'s), for
    what a run moves aside until it is done with it."""
    machine = f"{machine_token()}-" if shared else ""
    return beside / f".fieldapp-{what}-{machine}{os.getpid()}-{uuid.uuid4().hex}"


def sweep(folder: Path, *, what: str | None = None) -> list[Path]:
    """Remove the partial files and staging folders killed runs left in ``folder``.

    ``what`` also sweeps staging folders of that kind (``package``, ``export``). Returns
    what was removed. A partial file or staging folder its run still holds locked is kept,
    whatever process has the id in its name; one nobody holds goes. A leftover with no
    lock to ask (an older fieldapp's) is kept while a process has its id; another
    computer's until a day old.
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
        if found is None:
            continue
        if partial is not None and entry.is_dir() and not entry.is_symlink():
            continue  # a partial file is a file: a folder of its name is somebody else's
        machine = found.groupdict().get("machine")
        lock: int | None = None
        if machine is not None and machine != machine_token():
            if not _stale(entry):  # another computer's run, in a shared folder
                continue
        elif found["locked"]:
            lock = _partial_lock(entry, partial) if partial else _folder_lock(entry)
            if lock == -1:
                continue  # its run holds it: running, whatever its process id
            if lock is None and _still_running(int(found["pid"]), entry):
                continue  # no lock could be asked (Windows, a file system without locks)
        elif _still_running(int(found["pid"]), entry):
            continue
        try:
            with contextlib.suppress(OSError):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
                removed.append(entry)
        finally:
            if lock is not None and lock >= 0:
                os.close(lock)
    return removed


def _partial_lock(entry: Path, found: re.Match[str]) -> int | None:
    """Take the lock of this computer's partial file ``entry`` (of the partial file a
    ``-journal``, ``-wal`` or ``-shm`` belongs to) if its writer is gone: the descriptor
    holding it (to be closed once ``entry`` is removed), -2 when there is no such file
    any more (nothing left to hold it), -1 while a writer holds it, None where no lock
    can be asked (then its process id is)."""
    if fcntl is None:
        return None
    side = found["side"]
    locked = entry.with_name(entry.name[: -len(side)]) if side else entry
    if any(mine.name == locked.name for mine in list(_LOCKS)):
        # This process's own: not opened (where flock becomes a POSIX lock, on NFS, a
        # second descriptor of the same process might take it, and closing it drop ours).
        return -1
    lock = _take_lock(locked)
    return None if lock == -2 and not side else lock


def _folder_lock(entry: Path) -> int | None:
    """Take the ``STAGING_LOCK`` of this computer's staging folder ``entry`` if its run is
    gone: the descriptor holding it (to be closed once ``entry`` is removed), -1 while a
    run holds it, None where no lock can be asked (no lock file yet, a link, Windows: then
    its process id is)."""
    if fcntl is None or entry.is_symlink() or not entry.is_dir():
        return None
    if any(mine.name == entry.name for mine in list(_STAGED)):
        return -1  # this process's own: not opened (see ``_partial_lock``)
    lock = _take_lock(entry / STAGING_LOCK)
    return None if lock == -2 else lock


def _take_lock(locked: Path) -> int | None:
    """Open ``locked`` and take its lock: the descriptor, -1 while another holds it (or it
    was replaced meanwhile), -2 when there is no such file, None where it can't be asked."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)  # never wait on a FIFO
    try:
        descriptor = os.open(locked, flags)
    except FileNotFoundError:
        return -2
    except OSError:
        return None  # a link, or not ours to open: by its process id
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return -1
    except OSError:
        os.close(descriptor)
        return None
    if not _same_file(descriptor, locked):  # published or replaced meanwhile: not ours
        os.close(descriptor)
        return -1
    return descriptor


def _still_running(pid: int, entry: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        return not _stale(entry)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # past any process id: a name planted
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    return True


def _stale(entry: Path) -> bool:
    """True when ``entry`` was last written more than ``_STALE_SECONDS`` ago (or is gone)."""
    try:
        return time.time() - entry.lstat().st_mtime >= _STALE_SECONDS
    except OSError:
        return True


PLAY_LOCK = ".fieldapp-running"
"""The file in a player's folder its run holds locked for as long as it runs."""
_HELD: list[int] = []
"""The locks this process holds (closed by the system when it ends, however it ends)."""


def play_folder() -> Path:
    """Make a private (0700) folder in the system's temporary folder for copies of
    recordings handed to the system's player, named with this process's id, holding
    ``PLAY_LOCK`` locked until this process ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"fieldapp-play-{os.getpid()}-"))
    if fcntl is not None:
        lock = os.open(folder / PLAY_LOCK, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: nobody else holds it
        _HELD.append(lock)
    return folder


def _play_lock(folder: Path) -> int | None:
    """Take ``folder``'s ``PLAY_LOCK`` if its run is gone: the descriptor holding it (to be
    closed once the folder is removed), -1 while a run holds it, None where the folder has
    none (an older fieldapp's; Windows)."""
    if fcntl is None:
        return None
    try:
        lock = os.open(folder / PLAY_LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        return -1
    return lock


def sweep_play_folders(temp: Path | None = None) -> list[Path]:
    """Remove the player's folders (``play_folder``) that killed runs left in ``temp``
    (default: the system's temporary folder); return those that could not be removed.

    Only real folders of this user are looked at: a symbolic link of that name, or another
    user's folder, is not this user's leftover and is not followed. A folder whose run
    still holds its ``PLAY_LOCK`` is kept, whatever process now has the id in its name; one
    with no lock (the fieldapp before locks) is kept while a process has that id (on
    Windows until a day old); an older fieldapp's (no process id in the name) once a day
    old.
    """
    folder = Path(tempfile.gettempdir()) if temp is None else temp
    kept: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return kept
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        found = _PLAY.match(entry.name)
        if found is None:
            continue
        try:
            status = entry.lstat()
        except OSError:
            continue  # gone meanwhile
        if not stat.S_ISDIR(status.st_mode) or (uid is not None and status.st_uid != uid):
            continue
        pid = found["pid"]
        lock = _play_lock(entry) if pid is not None and int(pid) != os.getpid() else None
        if lock == -1:
            continue  # its run holds the lock: running
        if lock is None and (
            _still_running(int(pid), entry) if pid is not None else not _stale(entry)
        ):
            continue  # no lock to ask (an older fieldapp's folder): by its process id
        try:
            shutil.rmtree(entry)  # removes a link inside, never what it points to
        except OSError:
            if entry.exists() or entry.is_symlink():
                kept.append(entry)
        finally:
            if lock is not None:
                os.close(lock)
    return kept
