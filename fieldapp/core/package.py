"""A device package: one self-contained file of a live database, for the supervisor.

The package is a consistent snapshot taken with SQLite's backup API (a raw copy of a
database in WAL mode can miss the commits still in its ``-wal`` file), written to a
temporary file beside the target and renamed into place, so a package either exists
whole or not at all. It is an ordinary fieldapp database in rollback-journal mode: one
file that can be read from a read-only USB stick, and that ``merge_database`` accepts.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core.messages import FieldappError
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.store.sealing import drop_device_keys
from fieldapp.core.store.signing import drop_signing_key

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

PACKAGE_SUFFIX = ".fieldapp"


@dataclass(frozen=True)
class PackageReport:
    """What a package holds."""

    path: Path
    interviews: int
    revisions: int
    attachments: int
    events: int


def write_package(store: Store, out: Path) -> PackageReport:
    """Write a consistent, self-contained snapshot of ``store`` to ``out``, atomically.

    Open drafts' autosaved answers are first saved as revisions (the working copies
    themselves are local and never leave the device).
    """
    out = Path(out)
    if out.is_dir():
        raise FieldappError("merge.package_is_folder", path=str(out))
    _save_working_copies(store)
    partial = out.with_name(f".{out.name}.{uuid.uuid4().hex}.partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(partial)
        try:
            target.execute("PRAGMA temp_store = MEMORY")  # VACUUM's copy: no temp file
            store.db.conn.backup(target)
            target.execute("DELETE FROM working_copies")
            drop_device_keys(target)
            drop_signing_key(target)
            target.commit()
            target.execute("PRAGMA journal_mode = DELETE")
            # Rewrites every page, so nothing deleted above lingers in free pages.
            target.execute("VACUUM")
            counts = [
                target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("submissions", "revisions", "attachments", "events")
            ]
        finally:
            target.close()
        _fsync(partial)
        os.replace(partial, out)
        _fsync(out.parent)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise FieldappError("merge.package_failed", path=str(out), reason=reason) from None
    return PackageReport(out, *counts)


def _save_working_copies(store: Store) -> None:
    rows = store.db.conn.execute("SELECT submission_uuid FROM working_copies").fetchall()
    for (submission_id,) in rows:
        store.save(SubmissionId(submission_id))


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
