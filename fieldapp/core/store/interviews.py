"""The store's operations: forms in, interviews started, autosaved, saved as revisions.

Every write is one transaction. Revisions, submissions, forms, attachments and events
are insert-only (triggers refuse UPDATE and DELETE); only the device-local working copy
of an open draft and the derived listing change in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import (
    attachment_names,
    derived,
    queries,
    sealed_comments,
    sealing,
    signing,
)
from fieldapp.core.store.content import (
    attachment_sha256,
    canonical_json,
    form_sha256,
    revision_content_sha256,
)
from fieldapp.core.store.database import (
    DEFAULT_TIMEOUT,
    OpenedDatabase,
    open_database,
    transaction,
    translate,
)
from fieldapp.core.store.form_cache import cached_form, remember_form
from fieldapp.core.store.records import (
    VERSION_ORDER,
    CurrentInterview,
    EventRecord,
    FormRecord,
    InterviewFilter,
    InterviewRow,
    RevisionId,
    RevisionRecord,
    State,
    SubmissionId,
    SubmissionRecord,
)

if TYPE_CHECKING:  # sqlite-utils and the crypto library load when first used
    from fieldapp.core import crypto
    from fieldapp.core.forms.engine import Problem
    from fieldapp.core.forms.model import Answers, Form, Ref
    from fieldapp.core.store.lean import sqlite_utils

Clock = Callable[[], dt.datetime]
P = ParamSpec("P")
R = TypeVar("R")
EVERYTHING = InterviewFilter()

_AUTOSAVE = """
INSERT INTO working_copies
    (submission_uuid, base_revision, answers, attachments, updated_at, author)
VALUES (
    :submission,
    (SELECT head_revision FROM listing WHERE submission_uuid = :submission),
    :answers, '{}', :now,
    coalesce(:author, (SELECT interviewer FROM submissions WHERE uuid = :submission))
)
ON CONFLICT (submission_uuid) DO UPDATE SET answers = excluded.answers,
    updated_at = excluded.updated_at, author = excluded.author
"""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def timestamp(moment: dt.datetime) -> str:
    """Return the stored form of a moment: UTC ISO 8601, microseconds, sortable as text."""
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def format_problems(problems: Sequence[Problem]) -> str:
    """Return one ``question: message`` line per problem, for messages and the CLI."""
    lines = []
    for problem in problems:
        where = show_ref(problem.ref)
        # Some engine messages already begin with the question; don't say it twice.
        said = problem.message.startswith(f"{where}:")
        lines.append(problem.message if said else f"{where}: {problem.message}")
    return "\n".join(lines)


def check_submission(
    form: Form, answers: Answers, *, finalize: bool = False, source: str = ""
) -> None:
    """Raise ``store.answers_problems`` listing everything wrong with a set of answers.

    A draft may leave required questions unanswered; a finalized interview may not. The
    answers are checked as the new interview will hold them: defaults fill what they omit.
    """
    from fieldapp.core.forms.engine import Session, check_answers

    started = {**Session(form, dict(answers), new=True, complete=True).answers(), **answers}
    problems = [p for p in check_answers(form, started) if finalize or p.kind != "required"]
    if problems:
        raise FieldappError(
            "store.answers_problems",
            path=source or form.form_id,
            count=len(problems),
            problems=format_problems(problems),
            problem_list=problems,
        )


def show_ref(ref: Ref) -> str:
    """Return a ref as a person reads it: ``mechanisms[1]/details/level``."""
    shown = ""
    for part in ref:
        if isinstance(part, int):
            shown += f"[{part + 1}]"
        else:
            shown += ("/" if shown else "") + part
    return shown


def reading(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Turn an SQLite failure of a read (damaged file, I/O error) into a clear message."""

    def read(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            translated = translate(error, self.path, self.timeout)
            if translated is None:
                raise
            raise translated from None

    read.__name__, read.__doc__ = method.__name__, method.__doc__
    return read


class Store:
    """One fieldapp database: open it with ``Store.open(path)``; close it when done.

    Use one Store from one thread at a time; background work (export, merge) opens its
    own Store on the same path, which WAL lets read while this one writes.
    """

    def __init__(self, opened: OpenedDatabase, *, clock: Clock = utc_now) -> None:
        self._opened = opened
        self.path: Path = opened.path
        self.timeout: float = opened.timeout
        self.conn: sqlite3.Connection = opened.conn
        meta = queries.meta(self.conn)
        self.device_id: str = meta["device_id"]
        self.database_id: str = meta["database_id"]
        self.study: str = meta.get("study", "")
        self.schema_version: int = int(meta["schema_version"])
        self._clock = clock
        self._forms: dict[str, Form] = {}
        self._form_of_submission: dict[str, str] = {}
        self._study_key: crypto.StudyKey | None = None
        self._drafts_key: bytes | None = None

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        readonly: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Clock = utc_now,
    ) -> Store:
        """Open a database (creating it unless ``create=False``); refuse anything else.

        ``readonly=True`` opens without writing anything (merge sources, export).
        """
        return cls(
            open_database(path, create=create, readonly=readonly, timeout=timeout), clock=clock
        )

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the connection (loaded on first use: not at start-up)."""
        return self._opened.db

    def close(self) -> None:
        self._opened.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self) -> Any:
        """Return a context manager running a block as one write transaction."""
        return transaction(self._opened)

    def _now(self) -> str:
        return timestamp(self._clock())

    # --- forms -------------------------------------------------------------------------

    def add_form(self, path: Path, *, check_xform: bool = True) -> FormRecord:
        """Store a form file and the choice files it reads; adding it again changes nothing.

        ``check_xform=False`` skips pyxform's XForm output, only for a form known to pass
        it (the study forms fieldapp ships, which its tests check).
        """
        from fieldapp.core.forms import choice_files, compiled

        path = Path(path)
        try:
            content = path.read_bytes()
        except OSError:
            from fieldapp.core.forms.loader import load_form

            load_form(path)  # says what is wrong with the path, as a FormError
            raise
        folder = path.parent

        def beside(name: str) -> bytes | None:
            return choice_files.read_beside(folder, name)

        # A study form fieldapp ships is recorded from its compiled entry's summary: no
        # pyxform, and its body is decoded only when the form is first opened.
        summary = compiled.shipped_summary(content, path.name, beside, check_xform=check_xform)
        if summary is not None:
            return self._insert_form_record(
                summary.form_id,
                summary.version,
                summary.title,
                summary.sealed,
                content,
                path.name,
                summary.files,
            )
        # A compiled entry cached by an earlier run spares pyxform too.
        form = compiled.load(content, path.name, str(path), beside, check_xform=check_xform)
        # The form keeps the bytes of every choice file it read beside it.
        files = dict(form.files)
        return self._insert_form(form, content, path.name, files)

    def add_form_bytes(
        self, content: bytes, filename: str, files: Mapping[str, bytes] | None = None
    ) -> FormRecord:
        """Store a form given as bytes (and its choice files by name)."""
        from fieldapp.core.forms import compiled

        files = dict(files or {})
        form = compiled.load(content, filename, filename, files.get)
        return self._insert_form(form, content, filename, files)

    def _insert_form(
        self, form: Form, content: bytes, filename: str, files: Mapping[str, bytes]
    ) -> FormRecord:
        record = self._insert_form_record(
            form.form_id,
            form.version,
            form.title,
            form.public_key is not None,
            content,
            filename,
            files,
        )
        self._forms[record.sha256] = form
        remember_form(record.sha256, form)
        return record

    def _insert_form_record(
        self,
        form_id: str,
        version: str,
        title: str,
        sealed: bool,
        content: bytes,
        filename: str,
        files: Mapping[str, bytes],
    ) -> FormRecord:
        sha256 = form_sha256(content, files)
        existing = self._form_record(sha256)
        if existing is not None:
            return existing
        with self.transaction() as db:
            db.conn.execute(
                "INSERT INTO forms (sha256, form_id, version, title, filename, content, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [sha256, form_id, version, title, filename, content, self._now()],
            )
            db.conn.executemany(
                "INSERT INTO form_files (form_sha256, filename, content) VALUES (?, ?, ?)",
                [(sha256, name, data) for name, data in sorted(files.items())],
            )
            sealing.note_sealed_form(db.conn, sha256, sealed)
            # A certified supervisor's forms are the study's: it vouches for each it adds. Only
            # a database holding a certificate needs the authority module (and its crypto).
            if db.conn.execute(
                "SELECT 1 FROM events WHERE kind = 'supervisor_certified' LIMIT 1"
            ).fetchone():
                from fieldapp.core.devices import publish

                publish(self, sha256)
        record = self._form_record(sha256)
        assert record is not None
        return record

    def _form_record(self, sha256: str) -> FormRecord | None:
        row = self.db.conn.execute(
            "SELECT sha256, form_id, version, title, filename, added_at FROM forms "
            "WHERE sha256 = ?",
            [sha256],
        ).fetchone()
        return None if row is None else FormRecord(*row)

    @reading
    def form_records(self) -> list[FormRecord]:
        """Return every stored form version, by form id then newest ``version`` first."""
        rows = self.conn.execute(
            "SELECT sha256, form_id, version, title, filename, added_at FROM forms "
            f"ORDER BY form_id, {VERSION_ORDER}"
        ).fetchall()
        return [FormRecord(*row) for row in rows]

    @reading
    def load_form(self, sha256: str) -> Form:
        """Return the stored form version (parsed once per Store)."""
        form = self._forms.get(sha256) or cached_form(sha256)
        if form is not None:
            self._forms[sha256] = form
            return form
        from fieldapp.core.forms import compiled

        row = self.db.conn.execute(
            "SELECT filename, content FROM forms WHERE sha256 = ?", [sha256]
        ).fetchone()
        if row is None:
            raise FieldappError("store.unknown_form", sha256=sha256)
        files = dict(
            self.db.conn.execute(
                "SELECT filename, content FROM form_files WHERE form_sha256 = ?", [sha256]
            ).fetchall()
        )
        # It passed every check, pyxform's XForm output included, when it was stored: that
        # half of the loading is not repeated (about 0.3 s for each study form), and a
        # compiled entry (shipped or cached) spares the other half.
        kept = {k: bytes(v) for k, v in files.items()}
        form = compiled.load(bytes(row[1]), row[0], row[0], kept.get, check_xform=False)
        self._forms[sha256] = form
        remember_form(sha256, form)
        return form

    def form_of(self, submission_id: SubmissionId) -> Form:
        """Return the exact form version an interview was collected with."""
        return self.load_form(self.submission(submission_id).form_sha256)

    # --- sealed forms and locked drafts (see ``sealing``) --------------------------------

    def unlock(self, study_key: crypto.StudyKey) -> None:
        """Read sealed interviews with the study's private key (the supervisor's reads).

        Raises ``crypto.wrong_key`` when this database's sealed interviews were sealed
        for another key; then nothing changes.
        """
        from fieldapp.core import crypto

        rows = self.db.conn.execute(
            "SELECT DISTINCT substr(sealed, 1, 12) FROM revisions "
            "WHERE sealed IS NOT NULL AND substr(sealed, 1, 4) = ?",
            [crypto.SEAL_MAGIC],
        ).fetchall()
        found = sorted(crypto.sealed_fingerprint(bytes(row[0]) + b"\0\0") for row in rows)
        if found and study_key.fingerprint not in found:
            raise FieldappError(
                "crypto.wrong_key", expected=", ".join(found), actual=study_key.fingerprint
            )
        self._study_key = study_key

    @property
    def unlocked(self) -> bool:
        """True once a study key opens this store's sealed interviews."""
        return self._study_key is not None

    def forget_study_key(self) -> None:
        """Drop the unlocked study key (the idle lock): sealed interviews read sealed again."""
        self._study_key = None

    def unlock_drafts(self, passphrase: str) -> None:
        """Open (the first time: set) the passphrase that protects drafts of sealed forms.

        A wrong passphrase raises ``crypto.wrong_passphrase`` and changes nothing.
        """
        with self.transaction() as db:
            drafts_key = sealing.unlock_drafts(db.conn, passphrase, self.database_id)
            # The key reviewers seal this laptop's comments for; its public half travels.
            key, made = sealed_comments.device_private_key(db.conn, drafts_key, self.device_id)
            if made:
                self._insert_event(
                    db,
                    SubmissionId(""),
                    sealed_comments.DEVICE_KEY_KIND,
                    sealed_comments.public_key_payload(key),
                    None,
                    "",
                )
            self._drafts_key = drafts_key

    def drafts_passphrase_set(self) -> bool:
        """True when this device already has a drafts passphrase (ask it once, not twice)."""
        return sealing.drafts_passphrase_set(self.db.conn)

    @property
    def drafts_unlocked(self) -> bool:
        return self._drafts_key is not None

    def hides_sealed(self) -> bool:
        """True when the interview list must leave out sealed forms' interviews.

        Before the drafts passphrase (or the study key) is given, a glance at the screen
        must not tell that a security-force interview took place in a city on a day with
        a given interviewer: the list shows only how many interviews are hidden.
        """
        return not (self.drafts_unlocked or self.unlocked) and self.has_sealed_forms()

    @reading
    def has_sealed_forms(self) -> bool:
        """True when a stored form seals its interviews (then ask the drafts passphrase).

        Cheap at start: each form version's answer is kept in ``meta`` (a form never
        changes), so only forms merged in since are parsed, once.
        """
        conn = self.conn
        known = sealing.known_sealed_forms(conn)
        shas = [str(row[0]) for row in conn.execute("SELECT sha256 FROM forms")]
        missing = {
            sha: self.load_form(sha).public_key is not None for sha in shas if sha not in known
        }
        if missing and not self._opened.readonly:
            with self.transaction() as db:
                for sha, sealed in missing.items():
                    sealing.note_sealed_form(db.conn, sha, sealed)
        known.update(missing)
        return any(known[sha] for sha in shas)

    def is_sealed(self, submission_id: SubmissionId) -> bool:
        """True when the interview's form seals it (drafts locked, finals sealed)."""
        return self._public_key_of(submission_id) is not None

    def _public_key_of(self, submission_id: str) -> str | None:
        sha256 = self._form_of_submission.get(submission_id)
        if sha256 is None:
            sha256 = self.submission(SubmissionId(submission_id)).form_sha256
            self._form_of_submission[submission_id] = sha256
        return self.load_form(sha256).public_key

    def _submission_key(self, submission_id: str, *, create: bool) -> bytes:
        """Return the interview's drafts key, or say the drafts are locked."""
        if self._drafts_key is None:
            raise FieldappError("store.drafts_locked", submission=submission_id)
        key = sealing.submission_key(self.db.conn, self._drafts_key, submission_id, create=create)
        if key is None:
            raise FieldappError("store.draft_locked", submission=submission_id)
        return key

    def _open(self, revision: RevisionRecord) -> RevisionRecord:
        """Return the revision with its answers when a key at hand opens it; else as is."""
        blob = revision.sealed
        if revision.answers is not None or blob is None:
            return revision
        submission = revision.submission_id
        if sealing.is_sealed(blob) and self._opens(blob):
            assert self._study_key is not None
            record = sealing.open_record(blob, self._study_key, submission, revision.attachments)
        elif (
            sealing.is_draft(blob)
            and self._drafts_key is not None
            and revision.device_id == self.device_id
        ):
            key = sealing.submission_key(self.db.conn, self._drafts_key, submission, create=False)
            if key is None:  # finalized since: its drafts key is gone for good
                return revision
            record = sealing.open_draft(key, blob, submission, revision.attachments)
        else:
            return revision
        originals = record.get("names") or {}
        return dataclasses.replace(
            revision,
            answers=record["answers"],
            instance_name=record.get("instance_name"),
            attachments=attachment_names.reveal(revision.attachments, originals),
            stored_attachments=dict(revision.attachments) if originals else None,
        )

    def _opens(self, blob: bytes) -> bool:
        """True when the unlocked study key is the one ``blob`` was sealed for.

        A study may use several keys (one per form); unlocking checked that this key
        opens some of them, and the others simply stay sealed.
        """
        from fieldapp.core import crypto

        if self._study_key is None or len(blob) < 14:
            return False
        return crypto.sealed_fingerprint(blob) == self._study_key.fingerprint

    def _heads(self, submission_id: str) -> list[RevisionRecord]:
        return [self._open(head) for head in queries.heads(self.db.conn, submission_id)]

    def _protect(
        self,
        submission_id: SubmissionId,
        state: State,
        answers: Answers | None,
        sealed: bytes | None,
        attachments: Mapping[str, str],
        instance_name: str | None,
    ) -> tuple[bytes | None, dict[str, str]]:
        """Return the sealed (or draft-encrypted) bytes and attachments of a sealed form's row."""
        public_key = self._public_key_of(submission_id)
        assert public_key is not None
        if state != "draft" and sealing.is_sealed(sealed):
            return sealed, dict(attachments)  # a review copies the head as sealed
        if answers is None:
            if sealed is None:
                raise FieldappError("store.sealed", submission=submission_id)
            return sealed, dict(attachments)
        # The row names each file at random; the names the answers use go inside.
        if state == "draft":
            key = self._submission_key(submission_id, create=True)
            files, originals = attachment_names.hide(
                {
                    name: self._store_attachment(sha256, submission_id, key=key)
                    for name, sha256 in attachments.items()
                }
            )
            plaintext = sealing.record_bytes(answers, files, instance_name, originals)
            return sealing.encrypt_draft(key, plaintext, submission_id), files
        files, originals = attachment_names.hide(
            {
                name: self._store_attachment(sha256, submission_id, public_key=public_key)
                for name, sha256 in attachments.items()
            }
        )
        plaintext = sealing.record_bytes(answers, files, instance_name, originals)
        return sealing.seal_record(plaintext, public_key, submission_id), files

    def _store_attachment(
        self,
        sha256: str,
        submission_id: str,
        *,
        key: bytes | None = None,
        public_key: str | None = None,
    ) -> str:
        """Return the address of a sealed form's attachment, sealing or encrypting it."""
        from fieldapp.core import crypto

        content = self._stored_attachment(sha256)
        if sealing.is_sealed(content) or (key is not None and sealing.is_draft(content)):
            return sha256
        if sealing.is_draft(content):
            content = self._open_attachment(content, submission_id)
        if public_key is not None:
            stored = crypto.seal(content, public_key, context=sealing.ATTACHMENT)
        else:
            assert key is not None
            stored = crypto.encrypt(key, content, context=sealing.DRAFT_ATTACHMENT)
        return self._insert_attachment(stored)

    def _insert_attachment(self, data: bytes) -> str:
        sha256 = attachment_sha256(data)
        self.db.conn.execute(
            "INSERT OR IGNORE INTO attachments (sha256, content, size) VALUES (?, ?, ?)",
            [sha256, data, len(data)],
        )
        return sha256

    def _open_attachment(self, content: bytes, submission_id: str | None) -> bytes:
        from fieldapp.core import crypto

        if sealing.is_sealed(content):
            if self._study_key is None:
                raise FieldappError("store.sealed_attachment")
            return crypto.unseal(content, self._study_key, context=sealing.ATTACHMENT)
        if submission_id is None:
            raise FieldappError("store.sealed_attachment")
        key = self._submission_key(submission_id, create=False)
        try:
            return crypto.decrypt(key, content, context=sealing.DRAFT_ATTACHMENT)
        except FieldappError:
            raise FieldappError("crypto.tampered") from None

    # --- interviews --------------------------------------------------------------------

    def start_interview(
        self,
        form_sha256: str,
        *,
        interviewer: str,
        city: str,
        actor_type: str,
        author: str | None = None,
        answers: Answers | None = None,
        complete: bool = False,
    ) -> SubmissionId:
        """Start an interview: its submission and a first draft revision with metadata.

        ``complete``: ``answers`` are a whole submission, so a repeat they omit has no
        instance (a new blank interview starts with one of each, as in ODK).
        """
        import uuid

        from fieldapp.core.forms.engine import Session

        form = self.load_form(form_sha256)
        moment = self._clock().astimezone()  # metadata in local time, as ODK records it
        # A new interview gets every preload and default of the form, as ODK fills a new
        # instance, also around the answers given up front (city, interviewer).
        session = Session(
            form,
            None if answers is None else dict(answers),
            now=lambda: moment,
            device_id=self.device_id,
            username=interviewer,
            new=True,
            complete=complete,
        )
        first = session.answers()  # a draft keeps every answer; finalizing makes the record
        submission_id = SubmissionId(str(uuid.uuid4()))
        now = timestamp(moment)
        with self.transaction() as db:
            db.conn.execute(
                "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on, "
                "interviewer, city, actor_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    submission_id,
                    form.form_id,
                    form_sha256,
                    now,
                    self.device_id,
                    interviewer,
                    city,
                    actor_type,
                ],
            )
            self._insert_revision(
                submission_id,
                parents=(),
                state="draft",
                answers=first,
                attachments={},
                author=author or interviewer,
                instance_name=session.instance_name(),
                saved_at=now,
            )
        return submission_id

    def submit(
        self,
        form_sha256: str,
        answers: Answers,
        *,
        finalize: bool = False,
        interviewer: str = "",
        city: str = "",
        actor_type: str = "",
        author: str | None = None,
        source: str = "",
    ) -> tuple[SubmissionId, RevisionId]:
        """Store a complete set of answers as a new interview, or nothing at all.

        Every problem the form finds is refused with ``store.answers_problems`` (naming
        ``source``); a draft may leave required questions unanswered.
        """
        check_submission(self.load_form(form_sha256), answers, finalize=finalize, source=source)
        with self.transaction():
            submission_id = self.start_interview(
                form_sha256,
                interviewer=interviewer,
                city=city,
                actor_type=actor_type,
                author=author,
                answers=answers,
                complete=True,
            )
            head = self._single_head(submission_id)
            if not finalize:
                return submission_id, head.revision_id
            revision_id = self.finalize(submission_id, author=author)
        self._shred_wal(submission_id)
        return submission_id, revision_id

    @reading
    def submission(self, submission_id: SubmissionId) -> SubmissionRecord:
        return queries.submission(self.db.conn, submission_id)

    def autosave(
        self, submission_id: SubmissionId, answers: Answers, *, author: str | None = None
    ) -> None:
        """Keep the open draft's answers; they are on disk when this returns."""
        sealed_form = self._public_key_of(submission_id) is not None
        if sealed_form and self._drafts_key is None:
            raise FieldappError("store.drafts_locked", submission=submission_id)
        params: dict[str, Any] = {
            "submission": submission_id,
            # A sealed form's draft is serialised once, by its encryption below.
            "answers": None if sealed_form else canonical_json(answers),
            "now": self._now(),
            "author": author,
        }
        try:
            with self.transaction() as db:
                if sealed_form:
                    key = self._submission_key(submission_id, create=True)
                    params["answers"] = sealing.encrypt_working_copy(key, answers, submission_id)
                db.conn.execute(_AUTOSAVE, params)
        except sqlite3.IntegrityError:
            raise FieldappError("store.unknown_submission", submission=submission_id) from None

    @reading
    def working_answers(self, submission_id: SubmissionId) -> Answers:
        """Return the answers being edited: the working copy, else the newest head's."""
        row = self.db.conn.execute(
            "SELECT answers FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if row is not None:
            return self._working_copy_answers(submission_id, row[0])
        head = self._newest_head(submission_id)
        if head.answers is None:
            raise self._unreadable(head)
        return head.answers

    def _working_copy_answers(self, submission_id: str, stored: str | bytes) -> Answers:
        if isinstance(stored, bytes):  # a sealed form's draft, encrypted at rest
            key = self._submission_key(submission_id, create=False)
            answers: Answers = sealing.open_working_copy(key, stored, submission_id)
            return answers
        answers = json.loads(stored)
        return answers

    def _unreadable(self, head: RevisionRecord) -> FieldappError:
        """Say why a revision's answers can't be read here."""
        if sealing.is_draft(head.sealed):
            if self._drafts_key is None and head.device_id == self.device_id:
                return FieldappError("store.drafts_locked", submission=head.submission_id)
            return FieldappError("store.draft_locked", submission=head.submission_id)
        return FieldappError("store.sealed", submission=head.submission_id)

    def discard_changes(self, submission_id: SubmissionId) -> None:
        """Drop the autosaved answers not yet saved as a revision."""
        with self.transaction() as db:
            db.conn.execute("DELETE FROM working_copies WHERE submission_uuid = ?", [submission_id])

    def save(self, submission_id: SubmissionId, *, author: str | None = None) -> RevisionId:
        """Turn the working copy into a new draft revision (nothing to save: the head)."""
        return self._commit_working_copy(submission_id, "draft", author)

    def finalize(self, submission_id: SubmissionId, *, author: str | None = None) -> RevisionId:
        """Save the interview as final, if the form finds nothing missing or invalid.

        Raises ``store.finalize_problems`` listing every problem; then nothing is written.
        """
        from fieldapp.core.forms.engine import Session, check_answers

        submission = self.submission(submission_id)
        form = self.load_form(submission.form_sha256)
        moment = self._clock().astimezone()
        session = Session(
            form,
            self.working_answers(submission_id),
            now=lambda: moment,
            device_id=self.device_id,
            username=submission.interviewer,
        )
        final = session.record()  # ``end`` stamped, non-relevant answers left out, as ODK
        problems = check_answers(form, final)
        if problems:
            raise FieldappError(
                "store.finalize_problems",
                count=len(problems),
                problems=format_problems(problems),
                problem_list=list(problems),
            )
        revision_id = self._commit_working_copy(submission_id, "finalized", author, final)
        self._shred_wal(submission_id)
        return revision_id

    def _commit_working_copy(
        self,
        submission_id: SubmissionId,
        state: State,
        author: str | None,
        final_answers: Answers | None = None,
    ) -> RevisionId:
        with self.transaction() as db:
            submission = self.submission(submission_id)
            heads = self._heads(submission_id)
            if not heads:  # a submission row that arrived without its revisions
                raise FieldappError("store.unknown_submission", submission=submission_id)
            row = db.conn.execute(
                "SELECT base_revision, answers, attachments, author FROM working_copies "
                "WHERE submission_uuid = ?",
                [submission_id],
            ).fetchone()
            if row is None:
                if len(heads) > 1:
                    raise FieldappError(
                        "store.conflict_unresolved", submission=submission_id, count=len(heads)
                    )
                head = heads[0]
                if head.state == state or (state == "draft" and head.state == "returned"):
                    return head.revision_id
                if head.answers is None:
                    raise self._unreadable(head)
                answers, attachments = head.answers, head.attachments
                parents: tuple[str, ...] = (head.revision_id,)
            else:
                base, answers_text, wc_attachments, wc_author = row
                answers = self._working_copy_answers(submission_id, answers_text)
                attachments = {
                    **heads[0].attachments,
                    **self._working_copy_attachments(submission_id, wc_attachments),
                }
                # The edit follows the revision it started from. If a merge brought
                # another change since, the two are concurrent: a conflict, not an overwrite.
                if base and queries.revision(db.conn, base) is not None:
                    parents = (base,)
                else:
                    parents = tuple(sorted(h.revision_id for h in heads))
                author = author or wc_author
                db.conn.execute(
                    "DELETE FROM working_copies WHERE submission_uuid = ?", [submission_id]
                )
            if len(heads) == 1:  # the review rules (a conflict is resolved on its own terms)
                from fieldapp.core.review import check_transition

                check_transition(heads[0].state, state, submission=submission_id)
            if final_answers is not None:
                answers = final_answers
            return self._insert_revision(
                submission_id,
                parents=parents,
                state=state,
                answers=answers,
                attachments=attachments,
                author=author or submission.interviewer,
                instance_name=self._instance_name(submission.form_sha256, answers),
            )

    def reopen(self, submission_id: SubmissionId, *, author: str | None = None) -> RevisionId:
        """Make a finalized (or reviewed) interview editable again: a new draft revision."""
        return self._commit_working_copy(submission_id, "draft", author)

    def review(
        self,
        submission_id: SubmissionId,
        decision: Literal["approved", "returned"],
        *,
        comment: str = "",
        author: str | None = None,
    ) -> RevisionId:
        """Approve or return the current state, with a comment kept as an event."""
        if decision not in ("approved", "returned"):
            raise FieldappError("store.bad_review", decision=decision)
        from fieldapp.core.review import check_transition

        with self.transaction() as db:
            head = self._single_head(submission_id)
            check_transition(head.state, decision, submission=submission_id)
            revision_id = self._insert_revision(
                submission_id,
                parents=(head.revision_id,),
                state=decision,
                answers=head.answers,
                sealed=head.sealed,
                # The sealed bytes are copied: so is the row's map of random names.
                attachments=head.stored_attachments or head.attachments,
                author=author or "",
                instance_name=head.instance_name,
            )
            self._insert_event(
                db, submission_id, decision, {"comment": comment}, revision_id, author or ""
            )
        return revision_id

    def resolve_conflict(
        self,
        submission_id: SubmissionId,
        answers: Answers,
        *,
        state: State = "draft",
        author: str | None = None,
        choices: Mapping[str, Any] | None = None,
    ) -> RevisionId:
        """End a conflict: a revision whose parents are all the heads, with chosen answers.

        ``choices`` (e.g. question key -> chosen revision id) is kept in the event.
        """
        with self.transaction() as db:
            submission = self.submission(submission_id)
            heads = self._heads(submission_id)
            attachments: dict[str, str] = {}
            for head in reversed(heads):
                attachments.update(head.attachments)
            revision_id = self._insert_revision(
                submission_id,
                parents=tuple(h.revision_id for h in heads),
                state=state,
                answers=answers,
                attachments=attachments,
                author=author or submission.interviewer,
                instance_name=self._instance_name(submission.form_sha256, answers),
            )
            db.conn.execute("DELETE FROM working_copies WHERE submission_uuid = ?", [submission_id])
            self._insert_event(
                db,
                submission_id,
                "conflict_resolved",
                {"heads": [h.revision_id for h in heads], "choices": dict(choices or {})},
                revision_id,
                author or submission.interviewer,
            )
        return revision_id

    def _instance_name(self, form_sha256: str, answers: Answers) -> str | None:
        form = self.load_form(form_sha256)
        if form.instance_name is None:
            return None
        from fieldapp.core.forms.engine import Session

        return Session(form, answers, device_id=self.device_id).instance_name() or None

    def _insert_revision(
        self,
        submission_id: SubmissionId,
        *,
        parents: Iterable[str],
        state: State,
        answers: Answers | None,
        attachments: Mapping[str, str],
        author: str,
        instance_name: str | None,
        sealed: bytes | None = None,
        saved_at: str | None = None,
    ) -> RevisionId:
        import uuid

        sealed_form = self._public_key_of(submission_id) is not None
        with self.transaction() as db:
            if sealed_form:
                sealed, attachments = self._protect(
                    submission_id, state, answers, sealed, attachments, instance_name
                )
                answers, instance_name = None, None
            row: dict[str, Any] = {
                "uuid": str(uuid.uuid4()),
                "submission_uuid": submission_id,
                "parents": canonical_json(sorted(parents)),
                "device_id": self.device_id,
                "author": author,
                "saved_at": saved_at or self._now(),
                "state": state,
                "answers": None if answers is None else canonical_json(answers),
                "sealed": sealed,
                "attachments": canonical_json(dict(attachments)),
                "instance_name": instance_name,
            }
            row["content_sha256"] = revision_content_sha256(row)
            db.conn.execute(
                f"INSERT INTO revisions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            signing.sign_rows(
                db.conn, self.device_id, [("revisions", row["uuid"], row["content_sha256"])]
            )
            derived.refresh(db, [submission_id])
            if sealed_form and state != "draft":
                self._forget_drafts(db.conn, submission_id)
        return RevisionId(row["uuid"])

    def _shred_wal(self, submission_id: str) -> None:
        """After sealing, leave no older copy of a forgotten drafts key in the WAL file.

        ``secure_delete`` zeroes the row in the page written now; the page's previous
        versions stay in the WAL until a checkpoint, which TRUNCATE then empties.
        """
        if self.db.conn.in_transaction or self._public_key_of(submission_id) is None:
            return
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def _forget_drafts(self, conn: sqlite3.Connection, submission_id: str) -> None:
        """Once sealed, no key on this laptop opens the interview's earlier drafts."""
        editing = conn.execute(
            "SELECT 1 FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if not editing:
            sealing.forget_submission_key(conn, submission_id)

    def _newest_head(self, submission_id: SubmissionId) -> RevisionRecord:
        heads = self._heads(submission_id)
        if not heads:
            raise FieldappError("store.unknown_submission", submission=submission_id)
        return heads[0]

    def _single_head(self, submission_id: SubmissionId) -> RevisionRecord:
        heads = self._heads(submission_id)
        if not heads:
            raise FieldappError("store.unknown_submission", submission=submission_id)
        if len(heads) > 1:
            raise FieldappError(
                "store.conflict_unresolved", submission=submission_id, count=len(heads)
            )
        return heads[0]

    # --- reading -----------------------------------------------------------------------

    @reading
    def list_interviews(
        self,
        filters: InterviewFilter = EVERYTHING,
        *,
        sort: str = "last_saved",
        descending: bool = True,
        limit: int = 100,
        offset: int = 0,
    ) -> list[InterviewRow]:
        """Return one page of the interview list."""
        return queries.list_interviews(
            self.conn, filters, sort=sort, descending=descending, limit=limit, offset=offset
        )

    @reading
    def count_interviews(self, filters: InterviewFilter = EVERYTHING) -> int:
        return queries.count_interviews(self.conn, filters)

    @reading
    def history(self, submission_id: SubmissionId) -> list[RevisionRecord]:
        """Return every revision of an interview, oldest first."""
        self.submission(submission_id)
        return [self._open(r) for r in queries.history(self.db.conn, submission_id)]

    @reading
    def heads(self, submission_id: SubmissionId) -> list[RevisionRecord]:
        """Return the current heads, newest first (two or more: a conflict)."""
        self.submission(submission_id)
        return self._heads(submission_id)

    @reading
    def conflicts(self) -> list[SubmissionId]:
        """Return the interviews edited on two devices since they last met."""
        return queries.conflicts(self.db.conn)

    def iter_current(
        self, *, form_id: str | None = None, filters: InterviewFilter | None = None
    ) -> Iterator[CurrentInterview]:
        """Stream every (filtered) interview's current state in constant memory."""
        filters = filters or InterviewFilter()
        if form_id is not None:
            filters = InterviewFilter(**{**filters.__dict__, "form_id": form_id})
        try:
            for current in queries.iter_current(self.db.conn, filters):
                head = self._open(current.revision)
                if head is not current.revision:
                    current = dataclasses.replace(
                        current, revision=head, answers=head.answers or {}
                    )
                yield current
        except sqlite3.DatabaseError as error:
            translated = translate(error, self.path, self.timeout)
            if translated is None:
                raise
            raise translated from None

    @reading
    def check_integrity(self) -> list[str]:
        """Return what SQLite finds damaged in the file (empty when it is sound)."""
        rows = self.db.conn.execute("PRAGMA integrity_check").fetchall()
        found = [str(row[0]) for row in rows]
        return [] if found == ["ok"] else found

    def refresh_derived(self, submission_uuids: Iterable[str] | None = None) -> None:
        """Recompute heads and the listing (after merge copied rows in), in one transaction."""
        with self.transaction() as db:
            derived.refresh(db, submission_uuids)

    # --- attachments and events ---------------------------------------------------------

    def attach(
        self,
        data: bytes,
        *,
        submission_id: SubmissionId | None = None,
        filename: str | None = None,
    ) -> str:
        """Store a file's bytes; return their sha256.

        With ``submission_id`` and ``filename`` (the name the answer holds) the file also
        joins the working copy, so the next saved revision lists it. A sealed form's file
        is stored encrypted with the interview's drafts key, and the sha256 returned is
        that of the stored bytes.
        """
        from fieldapp.core import crypto

        sealed_form = submission_id is not None and self.is_sealed(submission_id)
        if sealed_form and self._drafts_key is None:
            raise FieldappError("store.drafts_locked", submission=submission_id)
        with self.transaction():
            if sealed_form:
                assert submission_id is not None
                key = self._submission_key(submission_id, create=True)
                data = crypto.encrypt(key, data, context=sealing.DRAFT_ATTACHMENT)
            sha256 = self._insert_attachment(data)
            if submission_id is not None and filename is not None:
                self._ensure_working_copy(submission_id)
                self._link_attachment(submission_id, filename, sha256, sealed_form=sealed_form)
        return sha256

    def _link_attachment(
        self, submission_id: SubmissionId, filename: str, sha256: str, *, sealed_form: bool
    ) -> None:
        """Name a file in the working copy; the name is data, a sealed form's encrypted."""
        row = self.db.conn.execute(
            "SELECT attachments FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        files: dict[str, str] = json.loads(row[0])
        stored_name = filename
        if sealed_form:
            key = self._submission_key(submission_id, create=True)
            files = {
                stored: sha
                for stored, sha in files.items()
                if sealing.decrypt_name(key, stored, submission_id) != filename
            }
            stored_name = sealing.encrypt_name(key, filename, submission_id)
        files[stored_name] = sha256
        self.db.conn.execute(
            "UPDATE working_copies SET attachments = ? WHERE submission_uuid = ?",
            [canonical_json(files), submission_id],
        )

    def _working_copy_attachments(self, submission_id: SubmissionId, stored: str) -> dict[str, str]:
        """Return a working copy's name -> sha256, names decrypted for a sealed form."""
        files = attachment_names.repaired(json.loads(stored))
        if self._public_key_of(submission_id) is None:
            return files
        key = self._submission_key(submission_id, create=False)
        return {sealing.decrypt_name(key, name, submission_id): sha for name, sha in files.items()}

    def _ensure_working_copy(self, submission_id: SubmissionId) -> None:
        exists = self.db.conn.execute(
            "SELECT 1 FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if not exists:
            self.autosave(submission_id, self.working_answers(submission_id))

    @reading
    def attachment(self, sha256: str, *, submission_id: SubmissionId | None = None) -> bytes:
        """Return a file's bytes; a sealed form's file opened with the key at hand.

        A draft's file opens with its interview's drafts key: give ``submission_id``, else
        it is looked up among the working copies and revisions that name the file.
        """
        content = self._stored_attachment(sha256)
        if sealing.is_draft(content) and submission_id is None:
            submission_id = self._submission_naming(sha256)
        if sealing.is_sealed(content) or sealing.is_draft(content):
            return self._open_attachment(content, submission_id)
        return content

    def _stored_attachment(self, sha256: str) -> bytes:
        """Return a file's bytes as stored (sealed or encrypted for a sealed form)."""
        row = self.db.conn.execute(
            "SELECT content FROM attachments WHERE sha256 = ?", [sha256]
        ).fetchone()
        if row is None:
            raise FieldappError("store.unknown_attachment", sha256=sha256)
        return bytes(row[0])

    def _submission_naming(self, sha256: str) -> SubmissionId | None:
        found = self.db.conn.execute(
            "SELECT submission_uuid FROM working_copies, json_each(attachments) "
            "WHERE json_each.value = ? UNION ALL "
            "SELECT submission_uuid FROM revisions, json_each(revisions.attachments) "
            "WHERE json_each.value = ? LIMIT 1",
            [sha256, sha256],
        ).fetchone()
        return None if found is None else SubmissionId(found[0])

    def add_event(
        self,
        submission_id: SubmissionId,
        kind: str,
        payload: Mapping[str, Any],
        *,
        revision_id: RevisionId | None = None,
        author: str | None = None,
    ) -> str:
        """Record a review comment, approval, resolution... ; return the event's id."""
        self.submission(submission_id)
        with self.transaction() as db:
            return self._insert_event(db, submission_id, kind, payload, revision_id, author or "")

    def _insert_event(
        self,
        db: sqlite_utils.Database,
        submission_id: SubmissionId,
        kind: str,
        payload: Mapping[str, Any],
        revision_id: str | None,
        author: str,
    ) -> str:
        import uuid

        event_id = str(uuid.uuid4())
        public_key = self._public_key_of(submission_id) if submission_id else None
        if public_key is not None and kind in sealed_comments.SEALED_KINDS:
            # A reviewer's words about a sealed interview are sealed like its answers.
            origin = self.submission(submission_id).created_on
            payload = sealed_comments.seal_payload(
                dict(payload),
                submission=submission_id,
                study_public_key=public_key,
                device_id=origin,
                device_key=sealed_comments.device_public_key(db.conn, origin),
            )
        event = {
            "uuid": event_id,
            "submission_uuid": submission_id,
            "revision_uuid": revision_id,
            "kind": kind,
            "author": author,
            "device_id": self.device_id,
            "at": self._now(),
            "payload": canonical_json(dict(payload)),
        }
        db.conn.execute(
            f"INSERT INTO events ({', '.join(event)}) VALUES ({', '.join('?' * len(event))})",
            list(event.values()),
        )
        signing.sign_rows(
            db.conn,
            self.device_id,
            [("events", event_id, signing.event_content_sha256(event))],
        )
        return event_id

    @reading
    def events(self, submission_id: SubmissionId) -> list[EventRecord]:
        """Return an interview's events, oldest first; sealed comments opened if a key can.

        A sealed comment no key at hand opens keeps its sealed payload (no ``comment``).
        """
        found = queries.events(self.db.conn, submission_id)
        if not any(sealed_comments.is_sealed(event.payload) for event in found):
            return found
        device = None
        if self._drafts_key is not None:
            key, _ = sealed_comments.device_private_key(
                self.db.conn, self._drafts_key, self.device_id
            )
            device = (self.device_id, key)
        opened = []
        for event in found:
            if sealed_comments.is_sealed(event.payload):
                try:
                    payload = sealed_comments.open_payload(
                        event.payload,
                        submission=submission_id,
                        study_key=self._study_key,
                        device=device,
                    )
                except FieldappError:
                    payload = None  # a damaged comment stays sealed; the others still read
                if payload is not None:
                    event = dataclasses.replace(event, payload=payload)
            opened.append(event)
        return opened
