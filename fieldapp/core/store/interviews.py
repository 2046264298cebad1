"""The store's operations: forms in, interviews started, autosaved, saved as revisions.

Every write is one transaction. Revisions, submissions, forms, attachments and events
are insert-only (triggers refuse UPDATE and DELETE); only the device-local working copy
of an open draft and the derived listing change in place.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

import sqlite_utils

from fieldapp.core.forms.model import Answers, Form, Ref
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import derived, queries
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
from fieldapp.core.store.records import (
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

if TYPE_CHECKING:
    from fieldapp.core.forms.engine import Problem

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

    A draft may leave required questions unanswered; a finalized interview may not.
    """
    from fieldapp.core.forms.engine import check_answers

    problems = [p for p in check_answers(form, answers) if finalize or p.kind != "required"]
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
        self.db: sqlite_utils.Database = opened.db
        meta = queries.meta(self.db.conn)
        self.device_id: str = meta["device_id"]
        self.database_id: str = meta["database_id"]
        self.study: str = meta.get("study", "")
        self.schema_version: int = int(meta["schema_version"])
        self._clock = clock
        self._forms: dict[str, Form] = {}

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

    def close(self) -> None:
        self.db.close()

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

    def add_form(self, path: Path) -> FormRecord:
        """Store a form file and the choice files it reads; adding it again changes nothing."""
        from fieldapp.core.forms.loader import load_form

        path = Path(path)
        form = load_form(path)
        # The loader keeps the bytes of every choice file it read beside the form.
        files = dict(form.files)
        return self._insert_form(form, path.read_bytes(), path.name, files)

    def add_form_bytes(
        self, content: bytes, filename: str, files: Mapping[str, bytes] | None = None
    ) -> FormRecord:
        """Store a form given as bytes (and its choice files by name)."""
        from fieldapp.core.forms.loader import load_form_bytes

        files = dict(files or {})
        form = load_form_bytes(content, filename, files)
        return self._insert_form(form, content, filename, files)

    def _insert_form(
        self, form: Form, content: bytes, filename: str, files: Mapping[str, bytes]
    ) -> FormRecord:
        sha256 = form_sha256(content, files)
        existing = self._form_record(sha256)
        if existing is not None:
            return existing
        with self.transaction() as db:
            db.conn.execute(
                "INSERT INTO forms (sha256, form_id, version, title, filename, content, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [sha256, form.form_id, form.version, form.title, filename, content, self._now()],
            )
            db.conn.executemany(
                "INSERT INTO form_files (form_sha256, filename, content) VALUES (?, ?, ?)",
                [(sha256, name, data) for name, data in sorted(files.items())],
            )
        self._forms[sha256] = form
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
        """Return every stored form version, by form id then newest first."""
        rows = self.db.conn.execute(
            "SELECT sha256, form_id, version, title, filename, added_at FROM forms "
            "ORDER BY form_id, added_at DESC"
        ).fetchall()
        return [FormRecord(*row) for row in rows]

    @reading
    def load_form(self, sha256: str) -> Form:
        """Return the stored form version (parsed once per Store)."""
        form = self._forms.get(sha256)
        if form is not None:
            return form
        from fieldapp.core.forms.loader import load_form_bytes

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
        form = load_form_bytes(bytes(row[1]), row[0], {k: bytes(v) for k, v in files.items()})
        self._forms[sha256] = form
        return form

    def form_of(self, submission_id: SubmissionId) -> Form:
        """Return the exact form version an interview was collected with."""
        return self.load_form(self.submission(submission_id).form_sha256)

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
    ) -> SubmissionId:
        """Start an interview: its submission and a first draft revision with metadata."""
        from fieldapp.core.forms.engine import Session

        form = self.load_form(form_sha256)
        moment = self._clock().astimezone()  # metadata in local time, as ODK records it
        session = Session(
            form,
            None if answers is None else dict(answers),
            now=lambda: moment,
            device_id=self.device_id,
            username=interviewer,
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
            )
            head = self._single_head(submission_id)
            if not finalize:
                return submission_id, head.revision_id
            return submission_id, self.finalize(submission_id, author=author)

    @reading
    def submission(self, submission_id: SubmissionId) -> SubmissionRecord:
        return queries.submission(self.db.conn, submission_id)

    def autosave(
        self, submission_id: SubmissionId, answers: Answers, *, author: str | None = None
    ) -> None:
        """Keep the open draft's answers; they are on disk when this returns."""
        params = {
            "submission": submission_id,
            "answers": canonical_json(answers),
            "now": self._now(),
            "author": author,
        }
        try:
            with self.transaction() as db:
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
            answers: Answers = json.loads(row[0])
            return answers
        head = self._newest_head(submission_id)
        if head.answers is None:
            raise FieldappError("store.sealed", submission=submission_id)
        return head.answers

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
        return self._commit_working_copy(submission_id, "finalized", author, final)

    def _commit_working_copy(
        self,
        submission_id: SubmissionId,
        state: State,
        author: str | None,
        final_answers: Answers | None = None,
    ) -> RevisionId:
        with self.transaction() as db:
            submission = self.submission(submission_id)
            heads = queries.heads(db.conn, submission_id)
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
                    raise FieldappError("store.sealed", submission=submission_id)
                answers, attachments = head.answers, head.attachments
                parents: tuple[str, ...] = (head.revision_id,)
            else:
                base, answers_text, wc_attachments, wc_author = row
                answers = json.loads(answers_text)
                attachments = {**heads[0].attachments, **json.loads(wc_attachments)}
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
                attachments=head.attachments,
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
            heads = queries.heads(db.conn, submission_id)
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
        with self.transaction() as db:
            db.conn.execute(
                f"INSERT INTO revisions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            derived.refresh(db, [submission_id])
        return RevisionId(row["uuid"])

    def _newest_head(self, submission_id: SubmissionId) -> RevisionRecord:
        heads = queries.heads(self.db.conn, submission_id)
        if not heads:
            raise FieldappError("store.unknown_submission", submission=submission_id)
        return heads[0]

    def _single_head(self, submission_id: SubmissionId) -> RevisionRecord:
        heads = queries.heads(self.db.conn, submission_id)
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
            self.db.conn, filters, sort=sort, descending=descending, limit=limit, offset=offset
        )

    @reading
    def count_interviews(self, filters: InterviewFilter = EVERYTHING) -> int:
        return queries.count_interviews(self.db.conn, filters)

    @reading
    def history(self, submission_id: SubmissionId) -> list[RevisionRecord]:
        """Return every revision of an interview, oldest first."""
        self.submission(submission_id)
        return queries.history(self.db.conn, submission_id)

    @reading
    def heads(self, submission_id: SubmissionId) -> list[RevisionRecord]:
        """Return the current heads, newest first (two or more: a conflict)."""
        self.submission(submission_id)
        return queries.heads(self.db.conn, submission_id)

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
            yield from queries.iter_current(self.db.conn, filters)
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
        joins the working copy, so the next saved revision lists it.
        """
        sha256 = attachment_sha256(data)
        with self.transaction() as db:
            db.conn.execute(
                "INSERT OR IGNORE INTO attachments (sha256, content, size) VALUES (?, ?, ?)",
                [sha256, data, len(data)],
            )
            if submission_id is not None and filename is not None:
                self._ensure_working_copy(submission_id)
                db.conn.execute(
                    "UPDATE working_copies SET attachments = json_set(attachments, ?, ?) "
                    "WHERE submission_uuid = ?",
                    ["$." + json.dumps(filename), sha256, submission_id],
                )
        return sha256

    def _ensure_working_copy(self, submission_id: SubmissionId) -> None:
        exists = self.db.conn.execute(
            "SELECT 1 FROM working_copies WHERE submission_uuid = ?", [submission_id]
        ).fetchone()
        if not exists:
            self.autosave(submission_id, self.working_answers(submission_id))

    @reading
    def attachment(self, sha256: str) -> bytes:
        row = self.db.conn.execute(
            "SELECT content FROM attachments WHERE sha256 = ?", [sha256]
        ).fetchone()
        if row is None:
            raise FieldappError("store.unknown_attachment", sha256=sha256)
        return bytes(row[0])

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
        event_id = str(uuid.uuid4())
        db.conn.execute(
            "INSERT INTO events (uuid, submission_uuid, revision_uuid, kind, author, device_id, "
            "at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                event_id,
                submission_id,
                revision_id,
                kind,
                author,
                self.device_id,
                self._now(),
                canonical_json(dict(payload)),
            ],
        )
        return event_id

    @reading
    def events(self, submission_id: SubmissionId) -> list[EventRecord]:
        """Return an interview's events, oldest first."""
        return queries.events(self.db.conn, submission_id)
