"""The database schema, created and upgraded only through sqlite-utils ``Migrations``.

To change the schema: add a migration function below (never edit an applied one) that
ends with ``_set_version(db, N)`` and raise ``SCHEMA_VERSION`` (in ``version``) to N.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

from fieldapp.core.store.lean import Migrations, sqlite_utils
from fieldapp.core.store.version import STUDY

MIGRATIONS = Migrations("fieldapp")

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


def _immutable_triggers(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} rows are immutable: add a new row instead'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} rows are immutable: add a new row instead'); END;
"""


def _execute_script(db: sqlite_utils.Database, script: str) -> None:
    """Run each statement inside the migration's transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""


def _set_version(db: sqlite_utils.Database, version: int) -> None:
    db.conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(version)],
    )


@MIGRATIONS()
def m001_initial(db: sqlite_utils.Database) -> None:
    _execute_script(db, TABLES)
    for table in INSERT_ONLY_TABLES:
        _execute_script(db, _immutable_triggers(table))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    db.conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [
            ("database_id", str(uuid.uuid4())),
            ("device_id", str(uuid.uuid4())),
            ("study", STUDY),
            ("created_at", now),
        ],
    )
    _set_version(db, 1)


@MIGRATIONS()
def m013_instance_ids(db: sqlite_utils.Database) -> None:
    """Interviews saved without ``meta/instanceID`` get one, as a revision (issue 13)."""
    from fieldapp.core.store.instance_ids import give_instance_ids

    give_instance_ids(db)
    _set_version(db, 2)


@MIGRATIONS()
def m014_device_signatures(db: sqlite_utils.Database) -> None:
    """Give the installation its signing key and sign the rows it wrote before (issue 14)."""
    from fieldapp.core.store import signing

    _execute_script(db, signing.TABLES)
    _execute_script(db, _immutable_triggers("signatures"))
    (device_id,) = db.conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    signing.create_key(db.conn, device_id)
    signing.sign_own_rows(db.conn, device_id)
    _set_version(db, 3)


@MIGRATIONS()
def m018_central_queue(db: sqlite_utils.Database) -> None:
    """The ODK Central send queue: this laptop's local state, never merged (issue 18).

    It leaves the schema version as it is: the exchanged tables are unchanged, so an
    older fieldapp still merges this database's packages (it ignores the table).
    """
    _execute_script(db, CENTRAL_QUEUE)
