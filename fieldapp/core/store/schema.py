"""The database schema, created and upgraded by the migrations below.

To change the schema: add a migration function below (never edit an applied one) that
ends with ``_set_version(db, N)`` and raise ``SCHEMA_VERSION`` (in ``version``) to N;
add its name to ``version.MIGRATIONS_APPLIED``.

The runner is fieldapp's own, not sqlite-utils' ``Migrations``: importing sqlite-utils
(click, dateutil, pluggy) cost a new database's first start about 60 ms, and every
migration is plain SQL on the connection. It keeps sqlite-utils' record exactly (the
``_sqlite_migrations`` table, its index, one row per migration with ``applied_at`` as
sqlite-utils writes it), so a file made or upgraded by either is the other's. Unlike
sqlite-utils, it applies every pending migration in one transaction: a file whose
creation was interrupted is empty, and is created whole on its next opening.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fieldapp.core.store.database import Connected, applied_migrations
from fieldapp.core.store.version import MIGRATION_SET as MIGRATION_SET
from fieldapp.core.store.version import STUDY

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
)"""
MIGRATIONS_INDEX = """CREATE UNIQUE INDEX IF NOT EXISTS "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name")"""
"""The record as sqlite-utils' ``Migrations.ensure_migrations_table`` creates it (SQLite
keeps the text without ``IF NOT EXISTS``: the schema is the same byte for byte)."""

MigrationFunction = Callable[[Connected], None]


@dataclass(frozen=True)
class Migration:
    name: str
    fn: MigrationFunction


class Migrations:
    """An ordered set of migrations, recorded in ``_sqlite_migrations`` as sqlite-utils does."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.migrations: list[Migration] = []

    def __call__(self) -> Callable[[MigrationFunction], MigrationFunction]:
        """Register the decorated function as the next migration, under its own name."""

        def register(fn: MigrationFunction) -> MigrationFunction:
            if any(migration.name == fn.__name__ for migration in self.migrations):
                raise ValueError(f"migration {fn.__name__} is registered twice")
            self.migrations.append(Migration(fn.__name__, fn))
            return fn

        return register

    def applied(self, conn: sqlite3.Connection) -> set[str]:
        """Return the names the file records as applied (none without the record)."""
        return applied_migrations(conn, self.name)

    def pending(self, db: Connected) -> list[Migration]:
        """Return the migrations not applied to ``db`` yet, in order (reads only)."""
        done = self.applied(db.conn)
        return [migration for migration in self.migrations if migration.name not in done]

    def apply(self, db: Connected, *, stop_before: str | Iterable[str] = ()) -> list[str]:
        """Apply the pending migrations, in order, all in one write transaction.

        Each is recorded as it runs; if one fails, the transaction is rolled back and the
        file is as it was. ``stop_before`` (as in sqlite-utils) stops at the first of those
        names: tests build an older file with it. Returns the names applied.
        """
        stop = {stop_before} if isinstance(stop_before, str) else set(stop_before)
        conn = db.conn
        _convert_older_record(conn)
        conn.execute("BEGIN IMMEDIATE")  # another process opening the file waits here
        try:
            conn.execute(MIGRATIONS_TABLE)
            conn.execute(MIGRATIONS_INDEX)
            done: list[str] = []
            for migration in self.pending(db):  # read again under the lock
                if migration.name in stop:
                    break
                migration.fn(db)
                conn.execute(
                    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES (?, ?, ?)",
                    [self.name, migration.name, str(dt.datetime.now(dt.UTC))],
                )
                done.append(migration.name)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return done


def _convert_older_record(conn: sqlite3.Connection) -> None:
    """Let sqlite-utils bring a record in an older layout of its own (no ``id``) up to date."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(_sqlite_migrations)")]
    if not columns or columns[0] == "id":
        return
    from fieldapp.core.store.lean import Migrations as SqliteUtilsMigrations
    from fieldapp.core.store.lean import sqlite_utils

    database = sqlite_utils.Database(conn, execute_plugins=False)
    SqliteUtilsMigrations(MIGRATION_SET).ensure_migrations_table(database)


MIGRATIONS = Migrations(MIGRATION_SET)

INSERT_ONLY_TABLES = ("forms", "form_files", "submissions", "revisions", "attachments", "events")

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE forms (
    sha256 TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    filename TEXT NOT NULL,
    content BLOB NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE form_files (
    form_sha256 TEXT NOT NULL REFERENCES forms(sha256),
    filename TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (form_sha256, filename)
);
CREATE TABLE submissions (
    uuid TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    form_sha256 TEXT NOT NULL REFERENCES forms(sha256),
    created_at TEXT NOT NULL,
    created_on TEXT NOT NULL,
    interviewer TEXT NOT NULL,
    city TEXT NOT NULL,
    actor_type TEXT NOT NULL
);
CREATE TABLE revisions (
    uuid TEXT PRIMARY KEY,
    submission_uuid TEXT NOT NULL REFERENCES submissions(uuid),
    parents TEXT NOT NULL,
    device_id TEXT NOT NULL,
    author TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'finalized', 'approved', 'returned')),
    answers TEXT,
    sealed BLOB,
    attachments TEXT NOT NULL,
    instance_name TEXT,
    content_sha256 TEXT NOT NULL
);
CREATE INDEX revisions_submission ON revisions(submission_uuid);
CREATE TABLE working_copies (
    submission_uuid TEXT PRIMARY KEY REFERENCES submissions(uuid),
    base_revision TEXT,
    answers TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, content BLOB NOT NULL, size INTEGER NOT NULL);
CREATE TABLE events (
    uuid TEXT PRIMARY KEY,
    submission_uuid TEXT NOT NULL,
    revision_uuid TEXT,
    kind TEXT NOT NULL,
    author TEXT NOT NULL,
    device_id TEXT NOT NULL,
    at TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX events_submission ON events(submission_uuid);
CREATE TABLE heads (
    submission_uuid TEXT NOT NULL,
    revision_uuid TEXT NOT NULL,
    PRIMARY KEY (submission_uuid, revision_uuid)
);
CREATE TABLE listing (
    submission_uuid TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    form_title TEXT NOT NULL,
    actor_type TEXT NOT NULL,
    city TEXT NOT NULL,
    interviewer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL,
    instance_name TEXT,
    last_saved TEXT NOT NULL,
    head_count INTEGER NOT NULL,
    head_revision TEXT NOT NULL
);
CREATE INDEX listing_last_saved ON listing(last_saved);
CREATE INDEX listing_created_at ON listing(created_at);
CREATE INDEX listing_form ON listing(form_id, last_saved);
CREATE INDEX listing_conflicts ON listing(head_count) WHERE head_count > 1;
"""
"""``heads`` and ``listing`` are derived: ``Store.refresh_derived`` recomputes them."""

CENTRAL_QUEUE = """
CREATE TABLE central_queue (
    server TEXT NOT NULL,
    revision_uuid TEXT NOT NULL,
    submission_uuid TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    deprecated_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'refused')),
    reason TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_try TEXT,
    sent_at TEXT,
    PRIMARY KEY (server, revision_uuid)
);
CREATE INDEX central_queue_submission ON central_queue(server, submission_uuid);
"""
"""Per server (``url#project``) and finalized revision: waiting, sent, or refused with
Central's reason (``central.push``). Local to this laptop: merge and packages skip it."""

CENTRAL_REVIEWS = """
CREATE TABLE central_reviews (
    server TEXT NOT NULL,
    revision_uuid TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (server, revision_uuid)
);
"""
"""Per server (``host/path#project``) the review decisions (their revisions) Central was
seen to hold whole, state and comment (``central.review_map.push_reviews``), so that a
sync does not read its comments again. Local to this laptop, as ``central_queue``."""


def _immutable_triggers(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} rows are immutable: add a new row instead'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} rows are immutable: add a new row instead'); END;
"""


def _execute_script(db: Connected, script: str) -> None:
    """Run each statement inside the migration's transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""


def _set_version(db: Connected, version: int) -> None:
    db.conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(version)],
    )


def random_uuid() -> str:
    """Return a random (version 4) UUID as ``str(uuid.uuid4())`` does, from ``os.urandom``.

    The ``uuid`` module loads ``platform`` (about 3 ms of a first start) for the two ids
    a new database gets; the rest of the store loads it when an interview is started.
    """
    value = bytearray(os.urandom(16))
    value[6] = value[6] & 0x0F | 0x40  # version 4
    value[8] = value[8] & 0x3F | 0x80  # the RFC 4122 variant
    hexa = value.hex()
    return f"{hexa[:8]}-{hexa[8:12]}-{hexa[12:16]}-{hexa[16:20]}-{hexa[20:]}"


@MIGRATIONS()
def m001_initial(db: Connected) -> None:
    _execute_script(db, TABLES)
    for table in INSERT_ONLY_TABLES:
        _execute_script(db, _immutable_triggers(table))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    db.conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [
            ("database_id", random_uuid()),
            ("device_id", random_uuid()),
            ("study", STUDY),
            ("created_at", now),
        ],
    )
    _set_version(db, 1)


@MIGRATIONS()
def m013_instance_ids(db: Connected) -> None:
    """Interviews saved without ``meta/instanceID`` get one, as a revision (issue 13)."""
    if db.conn.execute("SELECT 1 FROM revisions LIMIT 1").fetchone() is not None:
        # not for a new database: what finds and writes them need not load on a first start
        from fieldapp.core.store.instance_ids import give_instance_ids

        give_instance_ids(db)
    _set_version(db, 2)


@MIGRATIONS()
def m014_device_signatures(db: Connected) -> None:
    """Give the installation its signing key and sign the rows it wrote before (issue 14)."""
    from fieldapp.core.store import signing

    _execute_script(db, signing.TABLES)
    _execute_script(db, _immutable_triggers("signatures"))
    (device_id,) = db.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    signing.create_key(db.conn, device_id)
    signing.sign_own_rows(db.conn, device_id)
    _set_version(db, 3)


@MIGRATIONS()
def m018_central_queue(db: Connected) -> None:
    """The ODK Central send queue: this laptop's local state, never merged (issue 18).

    It leaves the schema version as it is: the exchanged tables are unchanged, so an
    older fieldapp still merges this database's packages (it ignores the table).
    """
    _execute_script(db, CENTRAL_QUEUE)


@MIGRATIONS()
def m019_central_reviews(db: Connected) -> None:
    """The review decisions Central holds whole: this laptop's local state, never merged.

    It leaves the schema version as it is, as ``m018_central_queue`` does.
    """
    _execute_script(db, CENTRAL_REVIEWS)


@MIGRATIONS()
def m020_signed_submissions(db: Connected) -> None:
    """Rows of ``submissions`` are signed from now on (a link of that table): a change of
    what is exchanged, so the version rises and a laptop on an earlier fieldapp refuses
    this database's packages as written by a newer fieldapp, not as forged
    (``merge.unsigned``). Rows written before stay unsigned: nothing to rewrite."""
    _set_version(db, 4)


INSTANCE_ID_INDEXES = """
CREATE INDEX revisions_instance_id ON revisions(json_extract(answers, '$."meta/instanceID"'))
    WHERE json_valid(answers);
CREATE INDEX events_envelope_instance_id ON events(json_extract(payload, '$.instance_id'))
    WHERE kind = 'odk_envelope' AND json_valid(payload);
"""
"""Who carries an instanceID, looked up by key (``copies.CARRIERS``: the review desk on
Central's copy) instead of parsing every revision's answers. Partial on valid JSON: a
malformed row (which ``fieldapp check`` lists) is left out, never an error on writing it.
A query uses one only when its ``WHERE`` repeats the index's, terms and expression alike."""


@MIGRATIONS()
def m021_instance_id_indexes(db: Connected) -> None:
    """Index the instanceIDs revisions' answers and ODK envelopes carry (claims3).

    It leaves the schema version as it is: the rows exchanged are unchanged, and an index
    travels in no row (a package made by ``VACUUM INTO`` carries it, an older fieldapp
    merging it never reads it).
    """
    _execute_script(db, INSTANCE_ID_INDEXES)


@MIGRATIONS()
def m022_own_unsigned_left_out(db: Connected) -> None:
    """Refresh the list entries of the interviews holding a version or event that names
    this database's own device but carries no link (unsigned8).

    Every reader leaves such a row out from now on (``quarantine.unsigned_of_signer_sql``):
    this fieldapp signs every row it writes, so it was not written here (a keyless
    package's, made up in this laptop's name, taken while the laptop had signed nothing
    yet). The heads and the listing are stored: those of these interviews are computed
    again, once. None, from two counts per table, where every row has a link, as nearly
    always. It leaves the schema version as it is: no exchanged row changes.
    """
    from fieldapp.core.quarantine import may_hold_unsigned
    from fieldapp.core.store import derived

    (device_id,) = db.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    found: set[str] = set()
    for table in ("revisions", "events"):
        if may_hold_unsigned(db.conn, table):
            found.update(
                str(submission)
                for (submission,) in db.conn.execute(
                    f"SELECT DISTINCT x.submission_uuid FROM {table} AS x WHERE x.device_id = ? "
                    "AND x.submission_uuid <> '' AND NOT EXISTS (SELECT 1 FROM signatures AS g "
                    f"WHERE g.row_table = '{table}' AND g.row_uuid = x.uuid)",
                    [device_id],
                )
            )
    if found:
        derived.refresh(db, sorted(found))
