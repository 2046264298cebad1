"""The one place that opens a fieldapp database, checks what it is, and runs transactions.

Opening never changes a file it refuses: the file's header, identity and schema version
are checked before anything is written (WAL mode, migrations).

Opening, creating, upgrading and writing need only ``sqlite3``: sqlite-utils (with click,
dateutil and pluggy, about 60-100 ms of the desktop's start) loads only when something
asks for ``OpenedDatabase.db``, sqlite-utils' view of the connection. The schema version
in ``meta`` says whether migrations are due: each migration sets it (``schema``), and a
test holds every migration to that.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from fieldapp.core.messages import FieldappError, Message, file_sizes
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.store.beside import Beside
from fieldapp.core.store.version import (
    MERGED_AS_IS,
    MERGED_FROM,
    MIGRATION_SET,
    MIGRATIONS_APPLIED,
    SCHEMA_VERSION,
)

if TYPE_CHECKING:
    from fieldapp.core.store.lean import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 10.0
"""Seconds to wait for another writer before saying the database is busy."""
P = ParamSpec("P")
R = TypeVar("R")


class Connected(Protocol):
    """Anything holding the open connection (the opened database, sqlite-utils' view)."""

    @property
    def conn(self) -> sqlite3.Connection: ...


@dataclass
class WalShred:
    """Whether the WAL file may still hold an older copy of a row fieldapp erased (an
    interview's drafts key): a reader held the emptying back (``shred_wal``)."""

    pending: bool = False


@dataclass(frozen=True)
class OpenedDatabase:
    conn: sqlite3.Connection
    path: Path
    timeout: float
    readonly: bool
    meta: Mapping[str, str] = field(default_factory=dict)
    """The ``meta`` table as opening left it (after any migration): the database and
    device ids, the schema version and the study, which nothing changes while it is open."""
    shred: WalShred = field(default_factory=WalShred, compare=False)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the open connection, made the first time one is needed."""
        from fieldapp.core.store.lean import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def close(self) -> None:
        self.conn.close()


def open_database(
    path: Path | str,
    *,
    create: bool = True,
    readonly: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    source: bool = False,
) -> OpenedDatabase:
    """Open (and create or upgrade) a fieldapp database, or raise a FieldappError.

    ``source=True`` (with ``readonly``) reads another laptop's file for a merge: see
    ``readonly_uri``.
    """
    path = Path(path)
    exists = path.exists()
    if not exists and (not create or readonly):
        raise FieldappError("store.not_found", path=str(path))
    if exists:
        _check_header(path)
    else:
        _create_private(path)
    beside = Beside(path)
    try:
        return _connect(path, readonly=readonly, timeout=timeout, source=source, create=create)
    except FieldappError:
        beside.remove_new()  # a refused file keeps nothing new beside it
        raise


def _create_private(path: Path) -> None:
    """Create an empty database file only its owner can read (SQLite's -wal and -shm follow).

    Interviews name people: another account on a shared laptop must not read them.
    """
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # created meanwhile by another process: SQLite opens it as it is
    except OSError as error:
        raise FieldappError("store.cannot_open", path=str(path), reason=os_reason(error)) from None


def _connect(
    path: Path, *, readonly: bool, timeout: float, source: bool, create: bool
) -> OpenedDatabase:
    try:
        if readonly:
            conn = sqlite3.connect(
                readonly_uri(path) if source else path.resolve().as_uri() + "?mode=ro",
                uri=True,
                timeout=timeout,
                check_same_thread=False,
            )
        else:
            conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
    except sqlite3.Error as error:
        raise FieldappError("store.cannot_open", path=str(path), reason=str(error)) from None
    try:
        opened = OpenedDatabase(conn, path, timeout, readonly)
        # as sqlite-utils sets it: a REPLACE fires the insert-only tables' delete triggers
        conn.execute("PRAGMA recursive_triggers=on")
        # No traces: sorts and temporary indexes stay in memory, never in a temp file,
        # and deleted rows (an old working copy, a forgotten drafts key) are zeroed.
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA secure_delete=ON")
        if readonly:
            _refuse_read_time_objects(conn, path)
        meta = _check_identity(conn, path, allow_new=create and not readonly)
        found = None if meta is None else schema_version(meta)
        if readonly:
            due = _migrations_due(opened, found)
            if due and not (source and _merged_as_is(opened, found)):  # upgrading would write
                raise FieldappError("store.older_schema_readonly", path=str(path), found=found)
            return replace(opened, meta=meta or {})
        conn.execute("PRAGMA foreign_keys=ON")
        new = found is None
        if new:
            # A new file has nothing to lose: its first page (WAL mode) and its schema are
            # written without waiting for the disk, as ``transaction(redone_if_lost=True)``
            # says why. Everything after is synced at every commit.
            conn.execute("PRAGMA synchronous=OFF")
        _use_wal(conn, timeout)
        conn.execute("PRAGMA synchronous=NORMAL" if new else "PRAGMA synchronous=FULL")
        if _migrations_due(opened, found):
            from fieldapp.core.store import schema

            schema.MIGRATIONS.apply(opened)
            meta = _read_meta(conn)  # the migrations wrote it: the ids, the version
        conn.execute("PRAGMA synchronous=FULL")
    except FieldappError:
        conn.close()
        raise
    except sqlite3.Error as error:
        conn.close()
        translated = translate(error, path, timeout)
        raise translated or FieldappError(
            "store.cannot_open", path=str(path), reason=str(error)
        ) from None
    return replace(opened, meta=meta or {})


_SQL_GAP = re.compile(r"(?:\s+|/\*.*?(?:\*/|\Z)|--[^\n]*(?:\n|\Z))*", re.DOTALL)


def creates_virtual_table(sql: object) -> bool:
    """Whether a schema entry's text makes a virtual table as SQLite reads it: CREATE,
    then VIRTUAL after any spaces and comments. SQLite writes ``CREATE VIRTUAL TABLE``
    itself, but a file written by hand (``writable_schema``) may hold
    ``CREATE/**/VIRTUAL TABLE``, which SQLite loads as one all the same."""
    text = str(sql or "")
    if text[:6].upper() != "CREATE":
        return False
    gap = _SQL_GAP.match(text, 6)
    end = gap.end() if gap else 6
    return text[end : end + 7].upper() == "VIRTUAL"


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` can be read by rowid, as the interview list orders its ties
    (``queries``): a table made WITHOUT ROWID cannot, and the command stopped with
    "could not finish: OperationalError"."""
    quoted = '"' + table.replace('"', '""') + '"'
    try:
        conn.execute(f"SELECT rowid FROM main.{quoted} LIMIT 0")
    except sqlite3.Error:
        return False
    return True


def _refuse_read_time_objects(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file holding what runs when it is only read: a view, a virtual table or a
    generated column, none of which fieldapp makes (triggers never fire on a read); nor a
    table made WITHOUT ROWID, which fieldapp never makes either and reads by rowid.

    The commands that only read (``Store.open_to_read``: ``devices list``, ``review
    list``, ``export``) take a laptop's file brought on a stick, as merge takes a source
    (``merge._refuse_foreign_objects``, which runs before this): a view named ``events``
    over an endless recursive query kept ``devices list --db`` from ever answering. Only
    the schema is read here.
    """
    entries = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'table')"
    ).fetchall()
    found = [("view", str(name)) for kind, name, _ in entries if kind == "view"]
    tables = [str(name) for kind, name, _ in entries if kind == "table"]
    virtual = {str(name) for kind, name, sql in entries if creates_virtual_table(sql)}
    found += [("virtual_table", name) for name in tables if name in virtual]
    # A virtual table is never asked for its columns: its module would run, or be missing
    # ("no such module", said as a folder one may not write to).
    for name in (name for name in tables if not found and name not in virtual):
        generated = conn.execute(
            "SELECT name FROM pragma_table_xinfo(?, 'main') WHERE hidden IN (2, 3) LIMIT 1",
            [name],
        ).fetchone()
        if generated is not None:
            found.append(("generated_column", f"{name}.{generated[0]}"))
        elif not _has_rowid(conn, name):
            found.append(("without_rowid", name))
    if found:
        kind, name = found[0]
        raise FieldappError(
            "store.foreign_object", path=str(path), kind=Message(f"merge.object_{kind}"), name=name
        )


def _use_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Put the database in WAL mode, waiting up to ``timeout`` for other programs.

    Switching a new file to WAL needs it to itself, and SQLite answers "locked" at once,
    without its busy wait, when another program opening the same new file holds it a
    moment (two first starts at once: the app and a script). Tried again until the
    timeout, as every other wait of the store.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            if conn.execute("PRAGMA journal_mode=wal").fetchone()[0] == "wal":
                return
        except sqlite3.OperationalError as error:
            if failure(error) != "locked" or time.monotonic() >= deadline:
                raise
        else:
            if time.monotonic() >= deadline:  # refused without an error: still shared
                raise sqlite3.OperationalError("database is locked")
        time.sleep(0.005)


def _migrations_due(opened: OpenedDatabase, found: int | None) -> bool:
    """Tell whether migrations are pending; for a current database without the migrations.

    A file at ``SCHEMA_VERSION`` whose ``_sqlite_migrations`` lists every migration
    (``MIGRATIONS_APPLIED``) has none pending: read here, without importing ``schema``.
    Anything else asks ``schema`` (a migration may leave the version as it is: a local
    table).
    """
    if found is None:  # new: every migration creates it
        return True
    if found >= SCHEMA_VERSION and set(MIGRATIONS_APPLIED) <= applied_migrations(opened.conn):
        return False
    from fieldapp.core.store import schema  # only for an older file

    return bool(schema.MIGRATIONS.pending(opened))


def _merged_as_is(opened: OpenedDatabase, found: int | None) -> bool:
    """Tell whether a merge source lacks only migrations a merge can do without.

    A package of a laptop on an earlier fieldapp (version 3, without ``central_reviews``
    and unsigned ``submissions`` rows) holds every exchanged table as this fieldapp
    writes it: a merge reads it as it is, as an older row's rules allow.
    """
    if found is None or found < MERGED_FROM:
        return False
    missing = set(MIGRATIONS_APPLIED) - applied_migrations(opened.conn)
    return missing <= set(MERGED_AS_IS)


def applied_migrations(conn: sqlite3.Connection, migration_set: str = MIGRATION_SET) -> set[str]:
    """Return the names of the migrations of ``migration_set`` the file records as applied
    (none without the record): the one query of it, for opening and for ``schema``'s runner."""
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migration_set]
        ).fetchall()
    except sqlite3.OperationalError as error:
        if "no such table" not in str(error):  # made before sqlite-utils' record
            raise
        return set()
    return {str(row[0]) for row in rows}


def readonly_uri(path: Path) -> str:
    """Return the URI that reads a merge source without writing anything, beside it included.

    A WAL database opened read-only gets ``-wal`` and ``-shm`` files created beside it,
    and a reader cannot remove them: merging a laptop's database from a USB stick left them
    there. A WAL database with no ``-wal`` file beside it is open nowhere and has no commit
    outside the main file, so it is read as immutable and nothing is created. Anything else
    (a live database, a package in rollback-journal mode) is read with SQLite's own
    locking, so a writer is waited for and no commit is missed. Only merge sources are
    read this way: the app's own database may be opened by the app during an export.
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        with path.open("rb") as file:
            versions = file.read(20)[18:20]  # file format write/read versions: 2 = WAL
        live = path.with_name(path.name + "-wal").exists()
    except OSError:
        return uri  # SQLite will say what is wrong
    if versions == b"\x02\x02" and not live:
        uri += "&immutable=1"
    return uri


def _check_header(path: Path) -> None:
    try:
        size = path.stat().st_size
        if size == 0:
            return  # SQLite's own view: an empty file is an empty database
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise FieldappError("store.cannot_open", path=str(path), reason=os_reason(error)) from None
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise FieldappError("store.not_sqlite", path=str(path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    count_is_valid = header[92:96] == header[24:28]  # version-valid-for == change counter
    expected = page_count * page_size
    # A checkpoint cut short (the app killed while closing) leaves the file shorter than
    # its first page says; the -wal beside it still holds every page, so SQLite reads it
    # whole. Only a file without its -wal is short for good (a copy cut short).
    short = count_is_valid and size < expected and not _has_wal(path)
    if short or (page_size and size % page_size):
        said, whole = file_sizes(size, expected)  # "195 KB of 512 KB", not bare bytes
        raise FieldappError("store.truncated", path=str(path), size=said, expected=whole)


def _has_wal(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _check_identity(
    conn: sqlite3.Connection, path: Path, *, allow_new: bool
) -> dict[str, str] | None:
    """Return the ``meta`` found (None: an empty database to create); raise unless it is
    fieldapp's, or newer than this fieldapp."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not tables:
            if allow_new:
                return None
            raise FieldappError("store.not_fieldapp", path=str(path))
        if "meta" not in tables:
            raise FieldappError("store.not_fieldapp", path=str(path))
        meta = _read_meta(conn)
        # A full scan finds damage the header check cannot (pages zeroed in place); the
        # migrations' own record is read too, as deciding whether any is due once did.
        conn.execute("SELECT count(*) FROM revisions").fetchone()
        if "_sqlite_migrations" in tables:
            conn.execute("SELECT * FROM _sqlite_migrations").fetchall()
    except sqlite3.DatabaseError as error:
        if "file is not a database" in str(error):
            raise FieldappError("store.not_sqlite", path=str(path)) from None
        if "no such table" in str(error) or "no such column" in str(error):
            raise FieldappError("store.not_fieldapp", path=str(path)) from None
        raise FieldappError("store.corrupt", path=str(path), reason=str(error)) from None
    if not meta.get("database_id"):
        raise FieldappError("store.not_fieldapp", path=str(path))
    found = schema_version(meta)
    if found > SCHEMA_VERSION:
        raise FieldappError(
            "store.newer_schema", path=str(path), found=found, supported=SCHEMA_VERSION
        )
    return meta


def _read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    """Read ``meta`` whole: the one read of it when a database opens."""
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def schema_version(meta: Mapping[str, str]) -> int:
    """Return the schema version ``meta`` records (0: none)."""
    return int(meta.get("schema_version") or 0)


WRITE_FAILURES = ("full", "disk i/o", "readonly", "read-only", "unable to open")


def failure(error: sqlite3.Error) -> str | None:
    """Say what kind of SQLite failure ``error`` is, the one place that reads its text.

    ``locked`` (another writer), ``corrupt`` (damaged or not SQLite), ``not_fieldapp``
    (a table or column missing), ``write_failed`` (disk full, read-only, I/O),
    ``integrity`` (a constraint refused a row); None for anything else. The store says
    it of its own file (``translate``), a merge of the file it reads.
    """
    lowered = str(error).lower()
    if isinstance(error, sqlite3.IntegrityError):
        return "integrity"
    if "locked" in lowered or "busy" in lowered:
        return "locked"
    if "malformed" in lowered or "not a database" in lowered:
        return "corrupt"
    if "no such table" in lowered or "no such column" in lowered:
        return "not_fieldapp"
    if any(failure in lowered for failure in WRITE_FAILURES):
        return "write_failed"
    return None


def translate(error: sqlite3.Error, path: Path, timeout: float) -> FieldappError | None:
    """Turn an SQLite failure of the store's own file into a FieldappError (else None)."""
    kind = failure(error)
    if kind == "locked":
        return FieldappError("store.locked", path=str(path), seconds=f"{timeout:g}")
    if kind == "corrupt":
        return FieldappError("store.corrupt", path=str(path), reason=str(error))
    if kind == "write_failed":
        return FieldappError("store.write_failed", path=str(path), reason=str(error))
    return None


@contextmanager
def transaction(
    opened: OpenedDatabase, *, redone_if_lost: bool = False
) -> Iterator[OpenedDatabase]:
    """Run a block as one write transaction; take the write lock first so waits are up front.

    ``BEGIN IMMEDIATE`` waits for another writer up to the busy timeout, then says so;
    a deferred transaction could instead fail half-way when it first writes. Nested in
    another, the block is a savepoint: undone alone if it raises.

    ``redone_if_lost``: the commit does not wait for the disk (``synchronous=NORMAL``),
    for a write that the next start makes again if it is missing (a new database's study
    forms). A power cut right after it may undo it, never damage the file (WAL), and a
    killed program loses nothing; the next commit, synced, makes it durable with itself.
    """
    conn = opened.conn
    if conn.in_transaction:
        with _savepoint(conn):
            yield opened
        return
    if redone_if_lost:
        conn.execute("PRAGMA synchronous=NORMAL")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as error:
        _synced(conn, redone_if_lost)
        raise translate(error, opened.path, opened.timeout) or error from None
    try:
        yield opened
        conn.execute("COMMIT")
        if opened.shred.pending:
            shred_wal(opened, wait=0)
    except sqlite3.DatabaseError as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise translate(error, opened.path, opened.timeout) or error from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        _synced(conn, redone_if_lost)


SHRED_WAIT = 1.0
"""Seconds a finalize waits for readers before leaving the WAL to the next commit."""


def shred_wal(opened: OpenedDatabase, *, wait: float = SHRED_WAIT) -> bool:
    """Empty the WAL file (a TRUNCATE checkpoint), and with it the older copies of pages
    it holds: a drafts key ``secure_delete`` just zeroed was in them. Say whether it did.

    A connection reading an older snapshot (a package or a send to Central in the
    background, another fieldapp) holds the WAL: the checkpoint waits ``wait`` seconds,
    then leaves it to the next commit of this connection, which tries once without
    waiting (``transaction``); it waited the whole busy timeout, then let the key stay
    for the rest of the session.
    """
    conn = opened.conn
    if conn.in_transaction:
        opened.shred.pending = True
        return False
    conn.execute(f"PRAGMA busy_timeout = {round(wait * 1000)}")
    try:
        (busy, _, _) = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:  # locked, or a statement of its own still reading: as busy
        busy = 1
    finally:
        conn.execute(f"PRAGMA busy_timeout = {round(opened.timeout * 1000)}")
    opened.shred.pending = bool(busy)
    return not busy


def _synced(conn: sqlite3.Connection, relaxed: bool) -> None:
    """Make every later commit wait for the disk again (after a ``redone_if_lost`` one)."""
    if relaxed:
        conn.execute("PRAGMA synchronous=FULL")


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """Run a block inside the open transaction, undone alone if it raises (as sqlite-utils'
    ``atomic`` nests)."""
    name = f"fieldapp_{next(_SAVEPOINTS)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        # A RAISE(ROLLBACK) trigger ends the whole transaction, savepoints included.
        if conn.in_transaction:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


_SAVEPOINTS = itertools.count()
"""Savepoint names, unique in the process (nested ones must not share a name)."""


def translated(error: sqlite3.DatabaseError, opened: OpenedDatabase) -> Exception:
    """Return the clear message for a failed read of ``opened``, else the error itself."""
    return translate(error, opened.path, opened.timeout) or error


class Reads(Protocol):
    """Anything that reads one opened database (the store and its parts)."""

    @property
    def opened(self) -> OpenedDatabase: ...


S = TypeVar("S", bound=Reads)


def reading(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Turn an SQLite failure of a read (damaged file, I/O error) into a clear message."""

    def read(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            raise translated(error, self.opened) from None

    read.__name__, read.__doc__ = method.__name__, method.__doc__
    return read
