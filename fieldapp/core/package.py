"""A device package: one self-contained file of a live database, for the supervisor.

The package is a consistent snapshot taken with SQLite's backup API (a raw copy of a
database in WAL mode can miss the commits still in its ``-wal`` file), written to a
temporary file beside the target and renamed into place, so a package either exists
whole or not at all. It is an ordinary fieldapp database in rollback-journal mode: one
file that can be read from a read-only USB stick, and that ``merge_database`` accepts.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core import leftovers, volumes
from fieldapp.core.devices import supervisors
from fieldapp.core.messages import FieldappError, file_sizes, past_limit, text
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.quarantine import carried, unsigned_left_out
from fieldapp.core.store.database import failure
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.store.sealing import drop_device_keys
from fieldapp.core.store.signing import drop_signing_key

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

PACKAGE_SUFFIX = ".fieldapp"

Progress = Callable[[int, int], None]
"""Told (bytes written to the target so far, bytes the package will hold) as it grows."""

_STEPS = 16
"""SQLite virtual machine steps between two looks at the cancel flag: copying a row takes
a dozen or so, however large its attachment, so a recording is about one look."""
_EVERY = 0.1
"""Seconds between two looks at the size written (a system call), and two reports."""


@dataclass(frozen=True)
class PackageReport:
    """What a package holds."""

    path: Path
    interviews: int
    revisions: int
    attachments: int
    events: int
    from_supervisor: bool = False
    """Written by the study's certified supervisor: it goes to the laptops, not to her."""
    supervisor_known: bool = True
    """The database knows the study's certified supervisor. Before a certificate, the
    supervisor's own database looks like a laptop's: the summary names both ways."""

    def said(self, language: str | None = None) -> str:
        """What was written and where it goes next, for the CLI and the package dialog."""
        if self.from_supervisor:
            code = "merge.package_done_supervisor"
        elif self.supervisor_known:
            code = "merge.package_done"
        else:
            code = "merge.package_done_either"
        return text(
            code,
            language,
            path=str(self.path),
            interviews=self.interviews,
            revisions=self.revisions,
            attachments=self.attachments,
        )


def write_package(
    store: Store,
    out: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PackageReport:
    """Write a consistent, self-contained snapshot of ``store`` to ``out``, atomically.

    Open drafts' autosaved answers are first saved as revisions (the working copies
    themselves are local and never leave the device). The snapshot is stripped of the
    working copies and drafts keys in a private folder beside the laptop's database, so
    that nothing holding them ever reaches the target folder, even if the run is killed;
    the next run sweeps what a killed one left, there and in the target folder.

    Writing to the target (a slow USB stick, for recordings) is the long part: it tells
    ``progress`` how far it is, and stops when ``cancelled()`` turns true, with
    ``merge.package_cancelled`` and nothing left in the target folder.
    """
    out = Path(out)
    if out.is_dir():
        raise FieldappError("merge.package_is_folder", path=str(out))
    save_open_drafts(store)
    home = Path(store.path).resolve().parent
    leftovers.sweep(home, what="package")
    partial: Path | None = None
    staging: Path | None = None
    watch: _Watch | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        leftovers.sweep(out.parent)
        staging = leftovers.staging_folder(home, "package")
        counts = _stripped_copy(store, staging / "package.db")
        watch = _Watch(progress, cancelled)
        watch.check()
        copy = sqlite3.connect(staging / "package.db")
        try:
            size = _package_size(copy)
            _check_room(out, size)  # before a long copy that would fail at its end
            partial = leftovers.partial_path(out)
            watch.follow(copy, partial, size)
            # Rewrites every page, so nothing deleted in the copy lingers in free pages.
            copy.execute("VACUUM INTO ?", [str(partial)])
        finally:
            copy.close()
        watch.check()
        leftovers.publish(partial, out)
        watch.done()
    except (OSError, sqlite3.Error, _Cancelled) as error:
        if partial is not None:
            with contextlib.suppress(OSError):
                leftovers.discard(partial)
        if isinstance(error, _Cancelled) or (watch is not None and watch.stopped):
            raise FieldappError("merge.package_cancelled", path=str(out)) from None
        if isinstance(error, sqlite3.DatabaseError) and failure(error) == "corrupt":
            # The copy is new: what is damaged is the laptop's own database, not the target.
            raise FieldappError("store.corrupt", path=str(store.path), reason=str(error)) from None
        reason = os_reason(error)
        raise FieldappError("merge.package_failed", path=str(out), reason=reason) from None
    finally:
        if staging is not None:
            leftovers.remove_staging(staging)
    interviews, revisions, attachments, events = counts
    certified = supervisors(store.conn)
    return PackageReport(
        out,
        interviews,
        revisions,
        attachments,
        events,
        from_supervisor=store.device_id in certified,
        supervisor_known=bool(certified),
    )


class _Cancelled(Exception):
    """The person cancelled before the copy to the target began, or after it ended."""


class _Watch:
    """Follow the copy to the target: its size for ``progress``, the cancel flag to stop.

    SQLite calls ``_step`` every ``_STEPS`` steps of ``VACUUM INTO``; a non-zero answer
    interrupts it (``sqlite3.OperationalError``), and ``stopped`` tells that apart from a
    failure of the disk.
    """

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self._partial: Path | None = None
        self.total = 0
        self.stopped = False
        self._looked = 0.0

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            self.stopped = True
            raise _Cancelled

    def follow(self, copy: sqlite3.Connection, partial: Path, size: int) -> None:
        """Watch ``copy`` write ``partial``, a package of about ``size`` bytes."""
        self.total = max(1, size)
        self._partial = partial
        if self._progress is not None:
            self._progress(0, self.total)
        if self._progress is not None or self._cancelled is not None:
            copy.set_progress_handler(self._step, _STEPS)

    def _step(self) -> int:
        if self._cancelled is not None and self._cancelled():
            self.stopped = True
            return 1  # SQLite stops VACUUM INTO; the partial file is removed
        if self._progress is not None and self._partial is not None:
            now = time.monotonic()
            if now - self._looked < _EVERY:
                return 0
            self._looked = now
            try:
                written = self._partial.stat().st_size
            except OSError:
                return 0  # the write itself will say what is wrong
            # Full only once the file is published (its bytes synced and renamed).
            self._progress(min(written, self.total - 1), self.total)
        return 0

    def done(self) -> None:
        if self._progress is not None and self.total:
            self._progress(self.total, self.total)


def _package_size(copy: sqlite3.Connection) -> int:
    """Return about the bytes ``VACUUM INTO`` will write: the copy's pages less its free ones."""
    pages = int(copy.execute("PRAGMA page_count").fetchone()[0])
    free = int(copy.execute("PRAGMA freelist_count").fetchone()[0])
    return (pages - free) * int(copy.execute("PRAGMA page_size").fetchone()[0])


_ROOM_MARGIN = 0.9
"""Refused for room only below this share of the size foreseen (which is a little high:
the copy packs pages tighter), so a package that would fit is never refused."""


def _check_room(out: Path, size: int) -> None:
    """Refuse at once a package the target cannot hold: more than 4 GB on a FAT32 stick,
    or more than the room left there. The copy would fail only at its end."""
    folder = out.parent
    if size > volumes.FAT_LARGEST and volumes.is_fat(volumes.file_system(folder)):
        said, most = past_limit(size, volumes.FAT_LARGEST)  # "4.52 GB", "4 GB"
        raise FieldappError("merge.package_too_big_for_fat", path=str(out), size=said, most=most)
    free = volumes.free_bytes(folder)
    if free is not None and free < size * _ROOM_MARGIN:
        said, room = file_sizes(size, free)  # as the file manager says the stick's room
        raise FieldappError("merge.package_no_room", path=str(out), size=said, free=room)


def _stripped_copy(store: Store, path: Path) -> list[int]:
    """Copy the store to ``path`` (a private folder) without what stays on the device."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(descriptor)
    target = sqlite3.connect(path)
    try:
        target.execute("PRAGMA temp_store = MEMORY")
        target.execute("PRAGMA secure_delete = ON")
        store.conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")
        target.execute("DELETE FROM working_copies")
        target.execute("DELETE FROM central_queue")  # this laptop's send state (issue 18)
        target.execute("DELETE FROM central_reviews")  # and its review send state
        drop_device_keys(target)
        drop_signing_key(target)
        _leave_out_unsigned(target)
        target.commit()
        return [
            target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("submissions", "revisions", "attachments", "events")
        ]
    finally:
        target.close()


def _leave_out_unsigned(target: sqlite3.Connection) -> None:
    """Delete from the copy the records this database leaves out as not their device's:
    no link, of a device that signs here, and not quarantined (a quarantined record
    travels, vouched for by its quarantine). Every database where that device signs would
    refuse the package for them (``merge.unsigned_of_signer``); the laptop that holds them
    may not set them aside once a supervisor is certified. Held here, they stay held.

    A record that a record travelling names (a signed version written on top of one, a
    review of a made-up interview) travels too, left out there as here
    (``quarantine.carried``): the signed record cannot be left out, and alone it would be
    refused (``merge.dangling``). An interview left with no version (one made up in that
    device's name) goes too: its ``submissions`` row carries no link, and alone it would
    be refused (``rows.started_elsewhere``).
    """
    left = unsigned_left_out(target)
    if not left:
        return
    doomed = left - carried(target, left)
    started: set[str] = set()
    for table in ("revisions", "events"):
        keys = json.dumps(sorted(key for named, key in doomed if named == table))
        if keys == "[]":
            continue
        if table == "revisions":
            started = {
                row[0]
                for row in target.execute(
                    "SELECT submission_uuid FROM revisions WHERE uuid IN "
                    "(SELECT value FROM json_each(?))",
                    [keys],
                )
            }
        _delete(target, table, "uuid IN (SELECT value FROM json_each(?))", [keys])
    if started:
        _delete(
            target,
            "submissions",
            "uuid IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM revisions "
            "AS r WHERE r.submission_uuid = submissions.uuid) AND NOT EXISTS (SELECT 1 FROM "
            "signatures AS g WHERE g.row_table = 'submissions' AND g.row_uuid = submissions.uuid)",
            [json.dumps(sorted(started))],
        )


def _delete(
    target: sqlite3.Connection, table: str, where: str, parameters: list[str] | None = None
) -> None:
    """Delete rows of an insert-only ``table`` from the package's copy (its trigger
    dropped for the statement and put back: the copy stays insert-only)."""
    (trigger,) = target.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        [f"{table}_no_delete"],
    ).fetchone()
    target.execute(f"DROP TRIGGER {table}_no_delete")
    target.execute(f"DELETE FROM {table} WHERE {where}", parameters or [])
    target.execute(trigger)


def save_open_drafts(store: Store) -> None:
    """Save every open draft's autosaved answers as a revision, as packaging does first.

    The desktop calls it on its own store (whose drafts key is unlocked) before a
    package is written from another connection, so sealed drafts need no second unlock.
    """
    rows = store.conn.execute("SELECT submission_uuid FROM working_copies").fetchall()
    for (submission_id,) in rows:
        store.interviews.save(SubmissionId(submission_id))


def has_open_drafts(store: Store) -> bool:
    """Tell whether any draft has autosaved answers not yet saved as a revision."""
    return store.conn.execute("SELECT 1 FROM working_copies LIMIT 1").fetchone() is not None


def mergeable_name(out: Path) -> Path:
    """Name the package so that merging its folder finds it: .fieldapp unless .db/.sqlite."""
    from fieldapp.core.merge import SOURCE_SUFFIXES

    if out.is_dir() or out.suffix.lower() in SOURCE_SUFFIXES:
        return out
    return out.with_name(out.name + PACKAGE_SUFFIX)


def check_target(store: Store, out: Path) -> None:
    """Refuse to write over anything but an earlier package of this same database."""
    # A mistyped name of the supervisor's database, another laptop's package or the
    # database itself would otherwise be replaced without a word.
    from fieldapp.core.store import open_database

    if not out.is_file():
        return  # a new file, or a folder (which write_package refuses)
    if out.resolve() == store.path.resolve() or os.path.samefile(out, store.path):
        raise FieldappError("merge.package_over_database", path=str(out))
    try:
        opened = open_database(out, create=False, readonly=True)
    except FieldappError:
        raise FieldappError("merge.package_would_overwrite", path=str(out)) from None
    try:
        row = opened.conn.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    except sqlite3.Error:
        row = None
    finally:
        opened.db.close()
    if row is None or row[0] != store.database_id or _is_live_database(out):
        raise FieldappError("merge.package_would_overwrite", path=str(out))


def _is_live_database(path: Path) -> bool:
    """True for a database in use (WAL mode, as fieldapp opens them), not a package."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18:20] == b"\x02\x02"
