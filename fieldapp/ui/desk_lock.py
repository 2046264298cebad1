"""One desktop fieldapp per database: a second one on the same file is refused.

A slow start invites a second double-click, and two windows on one database can each
hold the same interview open: every keystroke saves the whole interview, so the window
left behind would write its older answers over the other's. The first fieldapp to open a
database holds a lock file beside it (``.NAME.desk-lock``, Qt's ``QLockFile``: the
process id and host inside, taken over when that process is gone, so a laptop that died
never locks its database out). The command line needs no lock: a merge or a submit
writes whole rows of their own, never an open interview's answers.

Windows of one process (and the tests) share the lock: it is counted, not re-taken.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from fieldapp.core.messages import FieldappError

_HELD: dict[Path, tuple[QLockFile, int]] = {}


def lock_path(database: Path) -> Path:
    return database.with_name(f".{database.name}.desk-lock")


def take(database: Path) -> None:
    """Hold ``database`` for this process's windows, or raise ``ui.database_in_use``.

    A folder where no lock file can be written (a read-only stick) locks nothing: the
    database cannot be written there either, and opening it says so.
    """
    key = database.resolve()
    held = _HELD.get(key)
    if held is not None:
        _HELD[key] = (held[0], held[1] + 1)
        return
    lock = QLockFile(str(lock_path(key)))
    lock.setStaleLockTime(0)  # held for hours by a live fieldapp: never stale by its age
    if lock.tryLock(0):
        _HELD[key] = (lock, 1)
        return
    if lock.error() != QLockFile.LockError.LockFailedError:
        return  # not writable, or an unknown error: nothing to protect here
    info = lock.getLockInfo()  # (pid, host, application), or nothing readable
    pid, host = (info[0], info[1]) if isinstance(info, tuple) and len(info) >= 2 else ("?", "?")
    raise FieldappError(
        "ui.database_in_use",
        path=str(database),
        pid=pid,
        host=host,
        lock=str(lock_path(key)),
    )


def release(database: Path) -> None:
    """Let go of one window's hold on ``database`` (the lock goes with the last)."""
    key = database.resolve()
    held = _HELD.pop(key, None)
    if held is None:
        return
    lock, count = held
    if count > 1:
        _HELD[key] = (lock, count - 1)
    else:
        lock.unlock()
