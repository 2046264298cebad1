"""The ``-wal`` and ``-shm`` files SQLite puts beside a database it reads.

SQLite creates them on the first read of a WAL database, even one it then finds damaged
or foreign, and a read-only connection cannot remove them when it closes. Whoever opens a
file and then refuses it takes away the ones its own open made.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

SUFFIXES = ("-wal", "-shm")


class Beside:
    """Remember which of a database's companion files existed before it was opened."""

    def __init__(self, path: Path) -> None:
        self.files = [path.with_name(path.name + suffix) for suffix in SUFFIXES]
        self.were_there = [other.exists() for other in self.files]

    def remove_new(self) -> None:
        """Remove the companion files that appeared since; leave older ones alone."""
        for other, was_there in zip(self.files, self.were_there, strict=True):
            if not was_there:
                with contextlib.suppress(OSError):
                    other.unlink()
