"""Simulated field laptops for the merge tests: real stores, histories written fast.

A ``Device`` is a real ``Store``; its interviews are created, edited, finalized,
reopened, given attachments and reviewed through the store's own revision and event
writers, so every row has the shape and hash the store gives it. Forms are stored as
rows (any bytes, hashed with the store's form hash): merge never parses a form.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from study_keys import key_pair as study_key_pair
from xlsform import write_xlsform

from fieldapp.core.forms.loader import load_form_bytes
from fieldapp.core.merge import MERGED_TABLES
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import sealing, signing
from fieldapp.core.store.content import canonical_json, form_sha256
from fieldapp.core.store.interviews import Store
from fieldapp.core.store.records import RevisionId, State, SubmissionId
from fieldapp.core.store.version import LOCAL_MIGRATIONS

SURVEY = [
    {"type": "text", "name": "name", "label": "Nombre de la organización"},
    {"type": "integer", "name": "years", "label": "Años de actividad"},
    {"type": "text", "name": "sectors", "label": "Sectores"},
    {"type": "image", "name": "photo", "label": "Foto"},
]
CITIES = ("Ciudad Juárez", "Monterrey", "Nuevo Laredo", "Tijuana")


class Device:
    """One laptop's database and the operations a researcher or supervisor does on it."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name
        if not path.exists():
            _copy_empty_store(path)
        self.store = Store.open(path)
        # Durability is the store's own tests' business; here it would only cost fsyncs.
        self.store.db.conn.execute("PRAGMA synchronous=OFF")

    def close(self) -> None:
        self.store.close()

    def add_form(self, content: bytes | None = None, form_id: str = "civil_society") -> str:
        """Store a form version as the store does (same sha256 on every device), under
        ``form_id`` and the version and title its workbook gives: merge refuses a row
        naming another."""
        content = content or form_bytes(form_id)
        sha256 = form_sha256(content, {})
        with self.store.transaction() as db:
            db.conn.execute(
                "INSERT OR IGNORE INTO forms (sha256, form_id, version, title, filename, "
                "content, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    sha256,
                    form_id,
                    *_version_and_title(content, f"{form_id}.xlsx"),
                    f"{form_id}.xlsx",
                    content,
                    _now(),
                ],
            )
        return sha256

    def create(
        self, form_sha: str, city: str, answers: Mapping[str, Any], form_id: str = "civil_society"
    ) -> SubmissionId:
        sid = SubmissionId(str(uuid.uuid4()))
        with self.store.transaction():
            self._submission(sid, form_id, form_sha, city)
            self._revision(sid, (), "draft", answers)
        return sid

    def _submission(self, sid: SubmissionId, form_id: str, form_sha: str, city: str) -> None:
        self.store.db.conn.execute(
            "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on, "
            "interviewer, city, actor_type) VALUES (?, ?, ?, ?, ?, ?, ?, 'civil_society')",
            [sid, form_id, form_sha, _now(), self.store.device_id, self.name, city],
        )

    def edit(self, sid: SubmissionId, changes: Mapping[str, Any]) -> RevisionId:
        """Edit the newest head (as the app does), leaving any other head alone."""
        head = self.store.interviews.heads(sid)[0]
        answers = {**(head.answers or {}), **changes}
        return self._revision(sid, (head.revision_id,), "draft", answers, head.attachments)

    def finalize(self, sid: SubmissionId) -> RevisionId:
        head = self.store.interviews.heads(sid)[0]
        return self._revision(sid, (head.revision_id,), "finalized", head.answers, head.attachments)

    def reopen(self, sid: SubmissionId) -> RevisionId:
        head = self.store.interviews.heads(sid)[0]
        return self._revision(sid, (head.revision_id,), "draft", head.answers, head.attachments)

    def attach(self, sid: SubmissionId, data: bytes, filename: str = "photo.jpg") -> RevisionId:
        sha256 = self.store.attachments.add(data)
        head = self.store.interviews.heads(sid)[0]
        answers = {**(head.answers or {}), "photo": filename}
        attachments = {**head.attachments, filename: sha256}
        return self._revision(sid, (head.revision_id,), head.state, answers, attachments)

    def seal(self, sid: SubmissionId, blob: bytes) -> RevisionId:
        """Start an interview of the sealed form in ``sid``'s city and finalize it sealed.

        The record is sealed for the study key as the store seals it, so it has the
        structure merge checks; only the private key could read ``blob`` back.
        """
        form_sha = self.add_form(sealed_form_bytes(), form_id=SEALED_FORM)
        city = self.store.interviews.submission(sid).city
        sealed_sid = SubmissionId(str(uuid.uuid4()))
        with self.store.transaction():
            self._submission(sealed_sid, SEALED_FORM, form_sha, city)
        record = sealing.record_bytes({"name": blob.hex()}, {}, None)
        return self.store.interviews._revisions.write(
            sealed_sid,
            parents=(),
            state="finalized",
            answers=None,
            sealed=sealing.seal_record(record, study_key_pair().public_key, sealed_sid),
            attachments={},
            author=self.name,
            instance_name=None,
        )

    def review(self, sid: SubmissionId, decision: str, comment: str) -> None:
        """Approve/return through the store when the review rules allow; else just comment."""
        from fieldapp.core.review import allowed

        heads = self.store.interviews.heads(sid)
        if len(heads) == 1 and allowed(heads[0].state, decision):
            if decision == "approved":
                self.store.review.approve(sid, comment=comment, author=self.name)
            else:  # a return says what to fix: a comment is needed
                self.store.review.return_interview(sid, comment=comment or "-", author=self.name)
        else:
            self.store.events.add(sid, "comment", {"comment": comment}, author=self.name)

    def submissions(self) -> list[SubmissionId]:
        # The sealed form's interviews are finalized once and never edited here.
        rows = self.store.db.conn.execute(
            "SELECT uuid FROM submissions WHERE form_id <> ? ORDER BY uuid", [SEALED_FORM]
        )
        return [SubmissionId(row[0]) for row in rows]

    def _revision(
        self,
        sid: SubmissionId,
        parents: tuple[str, ...],
        state: State,
        answers: Mapping[str, Any] | None,
        attachments: Mapping[str, str] | None = None,
    ) -> RevisionId:
        return self.store.interviews._revisions.write(
            sid,
            parents=parents,
            state=state,
            answers=dict(answers or {}),
            attachments=dict(attachments or {}),
            author=self.name,
            instance_name=f"{self.name} {sid[:8]}",
        )


SEALED_FORM = "civil_society_sealed"
"""The form sealed for ``study_key_pair``: the suite's one study key (``study_keys``)."""


@functools.cache
def sealed_form_bytes() -> bytes:
    """Return the workbook of a form sealed for ``study_key_pair``."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsform(
            Path(folder) / f"{SEALED_FORM}.xlsx",
            survey=SURVEY,
            settings={
                "form_id": SEALED_FORM,
                "version": "2025010101",
                "form_title": SEALED_FORM,
                "public_key": study_key_pair().public_key,
            },
        )
        return path.read_bytes()


@functools.cache
def _empty_store() -> Path:
    """Return a fresh store's file, made once: copying it is faster than creating one."""
    path = Path(tempfile.mkdtemp(prefix="fieldapp-merge-tests-")) / "empty.db"
    Store.open(path).close()
    return path


def _copy_empty_store(path: Path) -> None:
    """Create a new database at ``path`` with its own database and device ids."""
    shutil.copyfile(_empty_store(), path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    device_id = str(uuid.uuid4())
    conn.executemany(
        "UPDATE meta SET value = ? WHERE key = ?",
        [(str(uuid.uuid4()), "database_id"), (device_id, "device_id")],
    )
    # A copied file would share the template's signing key: each laptop makes its own.
    conn.execute("DELETE FROM signing_key")
    signing.create_key(conn, device_id)
    conn.commit()
    conn.close()


@functools.cache
def _version_and_title(content: bytes, filename: str) -> tuple[str, str]:
    """The version and title a form's workbook gives (``2025010101`` and its id for the
    suite's own forms), as fieldapp writes them in the form's row."""
    try:
        form = load_form_bytes(content, filename, check_xform=False)
    except FieldappError:  # a form that does not load: merge refuses it for that
        return "2025010101", Path(filename).stem
    return form.version, form.title


@functools.cache
def form_bytes(form_id: str) -> bytes:
    """Return one real XLSForm workbook per form id (the same bytes all session long)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsform(
            Path(folder) / f"{form_id}.xlsx",
            survey=SURVEY,
            settings={
                "form_id": form_id,
                "version": "2025010101",
                "form_title": form_id.replace("_", " "),
            },
        )
        return path.read_bytes()


def _now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def canonical_dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return the content of every merged table, sorted: what merge promises to combine.

    A form's ``added_at`` and ``filename`` are when and under which name each device
    added it (the first one merged is kept), so they are not content.
    """
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump: dict[str, list[tuple[Any, ...]]] = {}
        for table in MERGED_TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            if table == "forms":
                columns = [c for c in columns if c not in ("added_at", "filename")]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=canonical_json_key)
        return dump
    finally:
        conn.close()


def canonical_json_key(row: tuple[Any, ...]) -> str:
    return canonical_json([v.hex() if isinstance(v, bytes) else v for v in row])


def file_checksum(path: Path) -> str:
    """Return a checksum of a database's whole content (every table, local ones too)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()
    finally:
        conn.close()


def revisions_of(path: Path) -> set[tuple[Any, ...]]:
    """Return every revision row of a database, all columns, as stored."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return set(conn.execute("SELECT * FROM revisions").fetchall())
    finally:
        conn.close()


def answers_json(answers: Mapping[str, Any]) -> str:
    return canonical_json(dict(answers))


def hold_merge_of(source: Path, monkeypatch: Any) -> tuple[threading.Event, threading.Event]:
    """Make every batch merge (``merge_batch``, the app's and the CLI's) wait before it
    merges ``source``, until released or cancelled: a merge still running when a test acts.

    Return (reached, release): set when the merge waits there; set it to go on.
    """
    from fieldapp.core import merge_batch

    merge = merge_batch.merge_database
    reached, release = threading.Event(), threading.Event()

    def held(into: Any, path: Path, *, progress: Any = None, cancel: Any = None) -> Any:
        if path == source:
            reached.set()
            while not release.wait(0.02) and not (cancel is not None and cancel()):
                pass
        return merge(into, path, progress=progress, cancel=cancel)

    monkeypatch.setattr(merge_batch, "merge_database", held)
    return reached, release


def as_the_previous_fieldapp_wrote_it(database: Path) -> None:
    """Take back what this fieldapp adds to a database (a package too): its last local table, the
    signatures of the ``submissions`` rows and the version saying they are signed, the
    instanceID indexes."""
    with sqlite3.connect(database) as conn:
        for name in (LOCAL_MIGRATIONS[-1], "m020_signed_submissions", "m021_instance_id_indexes"):
            conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name])
        conn.execute("DROP INDEX revisions_instance_id")
        conn.execute("DROP INDEX events_envelope_instance_id")
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        conn.execute("DROP TABLE central_reviews")
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'signatures_no_delete'"
        ).fetchone()
        conn.execute("DROP TRIGGER signatures_no_delete")
        conn.execute("DELETE FROM signatures WHERE row_table = 'submissions'")
        conn.execute(trigger)
    conn.close()
