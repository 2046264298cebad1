"""Interviews down from ODK Central, for the supervisor: the server as one more device.

Central's submissions come in the way a laptop's interviews do: as the rows of a device
database, merged by ``merge.merge_database`` with every check a package meets (hashes,
signatures, the row rules of ``validate``, the forms' keys). The device is a *mirror*,
a fieldapp database kept beside the supervisor's (``mirror_path``), one per server and
project, with its own device id and signing key, so that every pull signs as the same
device. Each new Central submission becomes there one interview (submission uuid
``copies.copy_id`` of the current version's ``instanceID``) with one finalized revision,
the answers read from the instance XML along the form (``instance_read``) and its
attachments stored by content. Pulling again finds everything already there: the mirror
gains nothing, the merge brings nothing.

An interview this database already holds under an ``instanceID`` it minted (its own, or
an edit's, as ``openrosa`` sends them; ``known_instances``) is the same interview coming
back: it is not copied again. An instanceID an interview carries without having minted
it is copied, and ``copies`` compares the two. Pulled before the laptop's package, the
copy is set aside by merge when the package brings the interview itself (``copies``).
A version Central has beyond the ones fieldapp sent (edited in Central, review state
``edited``) is named and left on the server: fieldapp cannot place it in the
interview's history (``docs/design-notes.md``). An encrypted submission comes down
sealed (``_copy_sealed``): for a form sealed here for the study key the supervisor has
unlocked, opened in memory and sealed again for that key; otherwise it stays on the
server with the reason (locked key, another key, Central's managed key).

Review decisions taken in Central follow in ``review_map``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from fieldapp.core import crypto
from fieldapp.core.central import safe_file_name
from fieldapp.core.central.copies import copy_id
from fieldapp.core.central.envelope import ENVELOPE_KIND, record_envelope
from fieldapp.core.central.instance_read import read_instance, root_attributes
from fieldapp.core.forms.model import Answers, Form
from fieldapp.core.merge import MergeReport, merge_database
from fieldapp.core.messages import FieldappError, Message
from fieldapp.core.quarantine import quarantined_sql
from fieldapp.core.row_bounds import MAX_LABEL_CHARS
from fieldapp.core.store import Store, attachment_names, derived, revisions, sealing
from fieldapp.core.store.content import attachment_sha256, canonical_json
from fieldapp.core.store.instance_ids import INSTANCE_ID, edit_instance_id, is_minted_by
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.validate import FUTURE_TOLERANCE_DAYS

MANAGED_MARK = "[encrypted:"
"""What Central adds to a form's version when it seals the form for its managed key."""
MIRROR_FOLDER_SUFFIX = ".central"
MIRROR_SUFFIX = ".mirror"
"""Not a suffix ``merge`` takes from a folder: the mirror is merged by ``pull`` only."""
_NAMESPACE = uuid.UUID("0d7c3f7e-5b52-4f43-9f8e-18c0e7a1d018")
_SLUG = re.compile(r"[^A-Za-z0-9]+")


class CentralReader(Protocol):
    """What pulling needs of a web user's REST session on one Central project.

    Paths are relative to the project (``forms/{form}/submissions``); each failure is a
    ``FieldappError`` naming what was asked.
    """

    def get_json(self, path: str) -> Any: ...

    def get_bytes(self, path: str) -> bytes: ...


@dataclass(frozen=True)
class CentralSubmission:
    """One logical submission as Central lists it (``X-Extended-Metadata``)."""

    form_id: str
    instance_id: str
    """The first version's ``instanceID``: Central's key of the submission."""
    current_id: str
    """The current version's ``instanceID`` (the first, unless edited)."""
    created_at: str
    updated_at: str
    submitter: str
    review_state: str | None

    @property
    def path(self) -> str:
        """The submission's REST path, relative to the project."""
        form, instance = quote(self.form_id, safe=""), quote(self.instance_id, safe="")
        return f"forms/{form}/submissions/{instance}"

    @classmethod
    def from_json(
        cls, form_id: str, item: Mapping[str, Any], names: Mapping[str, str]
    ) -> CentralSubmission:
        current = item.get("currentVersion") or {}
        submitter = names.get(str(item["instanceId"]))
        return cls(
            form_id=form_id,
            instance_id=str(item["instanceId"]),
            current_id=str(current.get("instanceId") or item["instanceId"]),
            created_at=str(current.get("createdAt") or item["createdAt"]),
            updated_at=str(item.get("updatedAt") or item["createdAt"]),
            submitter=submitter or f"#{item.get('submitterId')}",
            review_state=item.get("reviewState"),
        )


@dataclass(frozen=True)
class LeftOnServer:
    """A submission pull did not bring, and why (a catalogue message)."""

    instance_id: str
    form_id: str
    reason: Message


@dataclass
class PullReport:
    """What a pull brought and what it left."""

    server: str
    new: int = 0
    known: int = 0
    left: list[LeftOnServer] = field(default_factory=list)
    reviews: int = 0
    merge: MergeReport | None = None
    local: dict[str, SubmissionId] = field(default_factory=dict)
    """Central ``instanceId`` -> the interview here, for every submission now held."""
    submissions: list[CentralSubmission] = field(default_factory=list)

    def message(self) -> Message:
        return Message(
            "pull.done",
            {
                "server": self.server,
                "new": self.new,
                "known": self.known,
                "reviews": self.reviews,
                "left": len(self.left),
            },
        )

    def claims(self) -> list[Message]:
        """Each interview its merge found carrying the instanceID of Central's copy
        without having minted it, with other answers (``copies.Claim``): said to the
        supervisor after the pull, as a merge summary says it."""
        if self.merge is None:
            return []
        return [
            Message(
                "merge.summary_instance_claimed",
                {"instance_id": c.instance_id, "copy": c.copy, "interview": c.interview},
            )
            for c in self.merge.claims
        ]


def server_name(url: str, project_id: int | str) -> str:
    """Return the name a server's project goes by here: ``host/path#project``."""
    bare = re.sub(r"^[a-z]+://", "", url.strip().rstrip("/"), flags=re.IGNORECASE)
    return f"{bare}#{project_id}"


def mirror_path(store_path: Path, server: str) -> Path:
    """Return the mirror database of ``server`` for the database at ``store_path``."""
    store_path = Path(store_path)
    folder = store_path.with_name(store_path.name + MIRROR_FOLDER_SUFFIX)
    slug = _SLUG.sub("-", server).strip("-").lower()[:60] or "server"
    # Two servers whose names differ only in punctuation still get two mirrors.
    tag = hashlib.sha256(server.encode("utf-8")).hexdigest()[:8]
    return folder / f"{slug}-{tag}{MIRROR_SUFFIX}"


def pull(
    store: Store,
    reader: CentralReader,
    *,
    server: str,
    form_ids: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PullReport:
    """Bring the project's submissions into ``store`` through its mirror; see the module.

    ``form_ids``: the forms to pull (default: every form of the project this database
    holds). Review decisions are applied by ``review_map.apply_central_reviews``.
    """
    report = PullReport(server)
    records = store.forms.records()
    held = {record.form_id for record in records}
    versions: dict[tuple[str, str], str] = {}
    for record in records:  # read once, not once a submission: the first of a pair wins
        versions.setdefault((record.form_id, record.version), record.sha256)
    listed = [str(item.get("xmlFormId")) for item in _records(reader.get_json("forms"), "forms")]
    wanted = [f for f in listed if f in held and (form_ids is None or f in form_ids)]
    submissions: list[CentralSubmission] = []

    def stop_when_cancelled() -> None:
        # Asked between every two requests, not only between two submissions: a pull
        # cancelled while its forms were listed went on asking, then merged what its
        # mirror held, under "Cancelling: nothing more will be asked".
        if cancel is not None and cancel():
            raise FieldappError("merge.cancelled", path=server)

    for form_id in wanted:
        stop_when_cancelled()
        quoted = quote(form_id, safe="")
        items = _records(reader.get_json(f"forms/{quoted}/submissions"), "submissions")
        names: dict[str, str] = {}
        if items:
            stop_when_cancelled()
            # Who sent each, by name: OData's system fields (the REST list gives an id,
            # and the app users' list would bring their tokens too).
            system = reader.get_json(f"forms/{quoted}.svc/Submissions?$select=__id,__system")
            rows = _records(system.get("value") if isinstance(system, dict) else None, "OData")
            names = {
                str(row.get("__id")): str((row.get("__system") or {}).get("submitterName") or "")
                for row in rows
            }
        try:
            submissions += [CentralSubmission.from_json(form_id, i, names) for i in items]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise FieldappError(
                "pull.bad_answer", what="submissions", reason=type(error).__name__
            ) from None
    report.submissions = submissions
    known = known_instances(store)
    claimed = known_instances(store, claimed=True)
    path = mirror_path(store.path, server)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Store.open(path) as mirror:
        known_in_mirror = known_instances(mirror)
        fresh: list[CentralSubmission] = []
        for item in submissions:
            local = known.get(item.instance_id) or known.get(item.current_id)
            if local is not None:
                report.known += 1
                report.local[item.instance_id] = local
                if item.current_id not in claimed:
                    report.left.append(_edited(item))
            elif item.instance_id in known_in_mirror:
                report.local[item.instance_id] = known_in_mirror[item.instance_id]
                if item.current_id not in known_in_mirror:
                    report.left.append(_edited(item))
            else:
                fresh.append(item)
        for done, item in enumerate(fresh, start=1):
            stop_when_cancelled()
            try:
                report.local[item.instance_id] = _copy_into_mirror(
                    store, mirror, reader, item, versions
                )
            except FieldappError as refused:
                report.left.append(LeftOnServer(item.instance_id, item.form_id, refused.message))
            except Exception as error:  # a hostile answer can break a parser anywhere
                reason = Message(
                    "pull.bad_answer", {"what": item.instance_id, "reason": type(error).__name__}
                )
                report.left.append(LeftOnServer(item.instance_id, item.form_id, reason))
            if progress is not None:
                progress(done, len(fresh))
    stop_when_cancelled()
    report.merge = merge_database(store, path)
    # A copy set aside at once (an interview here said the same) is nothing new.
    report.new = len(set(report.merge.changed_submissions) - set(report.merge.copies_set_aside))
    if fresh:
        # A copy the merge found to be an interview here gives way to it at once.
        after = known_instances(store)
        for item in fresh:
            local = after.get(item.current_id) or after.get(item.instance_id)
            if local is not None and item.instance_id in report.local:
                report.local[item.instance_id] = local
    return report


def known_instances(store: Store, *, claimed: bool = False) -> dict[str, SubmissionId]:
    """Return every ``instanceID`` an interview here is known by -> the interview.

    Known: the instanceID an interview minted (``instance_ids.minted_instance_id``) and
    the one a copy pulled from Central was made of (its id is ``copy_id`` of it), in a
    revision's ``meta/instanceID`` or a sealed revision's ODK envelope. Any interview can
    write any instanceID into its answers, or name a revision after one: such an id is
    not known, so Central's submission is copied and ``copies`` compares the two.

    ``claimed``: every id an interview answers to, known or not: also the other
    ``meta/instanceID`` values, ``uuid:<interview id>`` (an interview sent without one),
    ``uuid:<revision id>`` (a later revision sent as an edit) and other envelopes'.
    """
    conn = store.db.conn
    # Set-aside interviews first, so that an instanceID also held by one still listed
    # leads there (a copy set aside by ``copies`` gives way to its interview); one held
    # only by an interview set aside stays known, so pull does not bring it back.
    aside = f"submission_uuid IN {quarantined_sql('submissions')}"
    queries = (
        # The answers' own instanceID.
        "SELECT DISTINCT json_extract(answers, '$.\"meta/instanceID\"'), submission_uuid, "
        f"{aside}, NULL FROM revisions WHERE answers IS NOT NULL "
        "AND json_extract(answers, '$.\"meta/instanceID\"') IS NOT NULL",
        # A sealed interview goes up as ODK's envelope, under the instanceID kept with it
        # (a later one under its revision's, when the revision is the interview's).
        "SELECT json_extract(e.payload, '$.instance_id'), e.submission_uuid, "
        f"e.{aside}, "
        "r.uuid FROM events AS e LEFT JOIN revisions AS r ON r.uuid = e.revision_uuid "
        f"AND r.submission_uuid = e.submission_uuid WHERE e.kind = '{ENVELOPE_KIND}' "
        "AND json_extract(e.payload, '$.instance_id') IS NOT NULL",
    )
    # An interview's own ids last: no answer elsewhere can claim them. A revision's
    # minted edit id, and the ``uuid:`` ids fieldapp sent before it minted them.
    own = (
        f"SELECT 'uuid:' || uuid, submission_uuid, {aside}, NULL FROM revisions",
        f"SELECT 'uuid:' || uuid, uuid, uuid IN {quarantined_sql('submissions')}, NULL "
        "FROM submissions",
    )
    # A copy set aside (``copies`` found it the same as an interview here, or the
    # supervisor did) gives its instanceID to the interview claiming it.
    copies_aside = {row[0] for row in conn.execute(quarantined_sql("submissions")[1:-1])}
    carried = [row for sql in queries for row in conn.execute(sql)]
    aside_ids = {
        str(instance_id)
        for instance_id, submission, _, _ in carried
        if submission in copies_aside and copy_id(str(instance_id)) == submission
    }

    def known(instance_id: str, submission: str, revision: str | None) -> bool:
        return (
            claimed
            or instance_id in aside_ids
            or is_minted_by(instance_id, submission)
            or (revision is not None and instance_id == edit_instance_id(revision))
            or copy_id(instance_id) == submission
        )

    found: dict[str, SubmissionId] = {}
    for instance_id, submission, _, revision in sorted(carried, key=lambda row: -int(row[2] or 0)):
        if known(str(instance_id), str(submission), revision):
            found[str(instance_id)] = SubmissionId(submission)
    # Named after the interview's or a revision's own id (the ids sent before fieldapp
    # minted them): a row id a laptop chooses, so claimed only.
    named = sorted((row for sql in own for row in conn.execute(sql)), key=lambda r: -int(r[2] or 0))
    for instance_id, submission, _, _ in named:
        if claimed or instance_id in aside_ids:
            found[str(instance_id)] = SubmissionId(submission)
    # Minted from a finalized revision's own id (an edit): only its interview has it.
    minted = conn.execute(
        f"SELECT uuid, submission_uuid, {aside} FROM revisions WHERE state = 'finalized'"
    )
    for revision, submission, _ in sorted(minted, key=lambda row: -int(row[2] or 0)):
        found[edit_instance_id(revision)] = SubmissionId(submission)
    return found


def _edited(item: CentralSubmission) -> LeftOnServer:
    reason = Message("pull.edited", {"source": item.instance_id, "version": item.current_id})
    return LeftOnServer(item.instance_id, item.form_id, reason)


def _copy_into_mirror(
    store: Store,
    mirror: Store,
    reader: CentralReader,
    item: CentralSubmission,
    versions: Mapping[tuple[str, str], str],
) -> SubmissionId:
    """Write one Central submission into the mirror as an interview; return its id."""
    base = item.path
    xml = reader.get_bytes(f"{base}.xml")
    attributes = root_attributes(xml)
    if attributes.get("encrypted", "").lower() == "yes":
        return _copy_sealed(store, mirror, reader, item, base, xml, versions)
    if attributes.get("id") != item.form_id:
        raise FieldappError(
            "pull.instance_other_form",
            source=item.instance_id,
            form_id=item.form_id,
            root=attributes.get("id", "?"),
        )
    created = _timestamp(item.created_at, item.instance_id)
    version = attributes.get("version", "")
    sha256 = _form_version(versions, item.form_id, version, item.instance_id)
    form = store.forms.load(sha256)
    if form.public_key is not None:
        raise FieldappError("pull.sealed", source=item.instance_id)
    answers = _read_answers(form, xml, item)
    files: dict[str, bytes] = {}
    for attachment in _records(reader.get_json(f"{base}/attachments"), "attachments"):
        if attachment.get("exists"):
            name = str(attachment.get("name") or "")
            if not safe_file_name(name):
                # The name becomes the answer's file name here and in every export.
                raise FieldappError("pull.bad_answer", what=base, reason=f"file name {name!r}")
            files[name] = reader.get_bytes(f"{base}/attachments/{quote(name, safe='')}")
    _copy_form(store, mirror, sha256)
    return _write_interview(mirror, form, sha256, item, answers, files, created)


def _copy_sealed(
    store: Store,
    mirror: Store,
    reader: CentralReader,
    item: CentralSubmission,
    base: str,
    manifest_xml: bytes,
    versions: Mapping[tuple[str, str], str],
) -> SubmissionId:
    """Bring an encrypted submission sealed: opened in memory, sealed again for the study.

    Only for a form sealed here for the study key the supervisor has unlocked: the
    envelope is opened with it (``envelope_open``, signature checked), the answers read
    along the form, and the revision and its files sealed for the same key as a laptop
    seals them. The envelope itself is kept too (it is what Central holds). No clear
    byte is written: not in the mirror, not in the database, not in a temporary file.
    """
    from fieldapp.core.central.envelope_open import open_submission, read_manifest

    source = item.instance_id
    manifest = read_manifest(manifest_xml, source)
    if manifest.form_id != item.form_id:
        raise FieldappError(
            "pull.instance_other_form", source=source, form_id=item.form_id, root=manifest.form_id
        )
    if manifest.instance_id != item.current_id:
        raise FieldappError("pull.instance_id_differs", source=source, given=manifest.instance_id)
    created = _timestamp(item.created_at, source)
    sha256 = _form_version(versions, item.form_id, manifest.version, source)
    form = store.forms.load(sha256)
    # Encrypted there and in clear here, or sealed for the key Central made for the
    # project (Central marks such a form's version "[encrypted:...]"): only Central
    # holds that private key.
    if form.public_key is None or MANAGED_MARK in manifest.version:
        raise FieldappError("pull.sealed_managed", source=source, form_id=item.form_id)
    study_key = store.keys.study_key
    if study_key is None:
        raise FieldappError("pull.sealed_locked", source=source)
    if study_key.fingerprint != crypto.public_key_fingerprint(form.public_key):
        raise FieldappError("pull.sealed_other_key", source=source)
    files = {
        name: reader.get_bytes(f"{base}/attachments/{quote(name, safe='')}")
        for name in manifest.files
    }
    opened = open_submission(manifest, files, study_key, source)
    answers = _read_answers(form, opened.xml, item)
    _copy_form(store, mirror, sha256)
    submission_id = _write_interview(
        mirror, form, sha256, item, answers, opened.media, created, sealed_for=form.public_key
    )
    # What Central holds, kept as the laptop keeps it: pulling again knows the instance.
    (head,) = mirror.interviews.heads(submission_id)
    with mirror.transaction():
        record_envelope(
            mirror,
            submission_id,
            head.revision_id,
            instance_id=manifest.instance_id,
            deprecated_id="",
            manifest=manifest_xml,
            files=[(name, files[name]) for name in manifest.files],
        )
    return submission_id


def _read_answers(form: Form, xml: bytes, item: CentralSubmission) -> Answers:
    """Read an instance's answers along ``form``, clear or opened from its envelope.

    The XML must be the version Central lists: else it could claim another interview.
    """
    answers = read_instance(form, xml, source=item.instance_id)
    given = answers.setdefault(INSTANCE_ID, item.current_id)
    if given != item.current_id:
        raise FieldappError("pull.instance_id_differs", source=item.instance_id, given=given)
    return answers


def _form_version(
    versions: Mapping[tuple[str, str], str], form_id: str, version: str, source: str
) -> str:
    """Return the sha256 of the form version a submission was made with."""
    found = versions.get((form_id, version))
    if found is not None:
        return found
    raise FieldappError("pull.unknown_form", source=source, form_id=form_id, version=version)


def _copy_form(store: Store, mirror: Store, sha256: str) -> None:
    """Give the mirror the supervisor's own row of a form, byte for byte."""
    target = mirror.db.conn
    if target.execute("SELECT 1 FROM forms WHERE sha256 = ?", [sha256]).fetchone():
        return
    with mirror.transaction():
        for table, key in (("forms", "sha256"), ("form_files", "form_sha256")):
            cursor = store.db.conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", [sha256])
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                target.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    list(row),
                )


def _write_interview(
    mirror: Store,
    form: Form,
    sha256: str,
    item: CentralSubmission,
    answers: Answers,
    files: Mapping[str, bytes],
    created: str,
    *,
    sealed_for: str | None = None,
) -> SubmissionId:
    """Insert the submission and its one finalized revision, signed by the mirror.

    ``sealed_for``: the study key a sealed form's revision and files are sealed for, as
    a laptop seals them at finalize (``store/sealing``); nothing is written in clear.
    """
    from fieldapp.core.demo import actor_of
    from fieldapp.core.forms.engine import Session

    # Derived from the instanceID the answers carry: ``copies`` knows it by that.
    submission_id = SubmissionId(copy_id(item.current_id))
    submitter = item.submitter[:MAX_LABEL_CHARS]  # labels every merge takes (row_bounds)
    attachments = {}
    with mirror.transaction() as db:
        for name, content in sorted(files.items()):
            if sealed_for is not None:
                content = crypto.seal(content, sealed_for, context=sealing.ATTACHMENT)
            digest = attachment_sha256(content)
            db.conn.execute(
                "INSERT OR IGNORE INTO attachments (sha256, content, size) VALUES (?, ?, ?)",
                [digest, content, len(content)],
            )
            attachments[name] = digest
        submission = {
            "uuid": submission_id,
            "form_id": form.form_id,
            "form_sha256": sha256,
            "created_at": created,
            "created_on": mirror.device_id,
            "interviewer": _text(answers, "interviewer") or submitter,
            "city": _text(answers, "city"),
            "actor_type": _text(answers, "actor_type") or actor_of(form),
        }
        revisions.insert_signed_submission(db.conn, mirror.device_id, submission)
        instance_name = Session(form, dict(answers)).instance_name()
        if instance_name is not None:
            instance_name = instance_name[:MAX_LABEL_CHARS]
        clear: str | None = canonical_json(answers)
        sealed: bytes | None = None
        if sealed_for is not None:
            attachments, originals = attachment_names.hide(attachments)
            record = sealing.record_bytes(answers, attachments, instance_name, originals)
            sealed = sealing.seal_record(record, sealed_for, submission_id)
            clear, instance_name = None, None
        row: dict[str, Any] = {
            "uuid": _derived_uuid(item.current_id, submission_id),
            "submission_uuid": submission_id,
            "parents": canonical_json([]),
            "device_id": mirror.device_id,
            "author": submitter,
            "saved_at": created,
            "state": "finalized",
            "answers": clear,
            "sealed": sealed,
            "attachments": canonical_json(attachments),
            "instance_name": instance_name,
        }
        revisions.insert_signed(db.conn, mirror.device_id, row)
        derived.refresh(db, [submission_id])
    return submission_id


def pulled_revisions(store: Store, report: PullReport) -> list[tuple[str, str, str]]:
    """Return (interview, revision, instanceID) of each revision here that is Central's
    current version of a submission ``report`` listed, as a pull wrote it (its ids are
    derived from that instanceID, whichever pull or mirror brought it)."""
    wanted = {}
    for item in report.submissions:
        wanted[pulled_revision_id(item.current_id)] = (copy_id(item.current_id), item.current_id)
    if not wanted:
        return []
    marks = ", ".join("?" * len(wanted))
    found = store.db.conn.execute(
        f"SELECT uuid, submission_uuid FROM revisions WHERE uuid IN ({marks}) "
        "AND state = 'finalized'",
        list(wanted),
    ).fetchall()
    return [
        (str(submission), str(revision), wanted[revision][1])
        for revision, submission in found
        if wanted[revision][0] == submission
    ]


def pulled_revision_id(instance_id: str) -> str:
    """The id of the finalized revision a pull writes for Central's version ``instance_id``
    (in the interview ``copy_id(instance_id)``), on every laptop the merge brings it to."""
    return _derived_uuid(instance_id, copy_id(instance_id))


def _derived_uuid(instance_id: str, within: str = "") -> str:
    """The same id for the same Central submission (or version) on every pull."""
    return str(uuid.uuid5(_NAMESPACE, f"{within}\n{instance_id}"))


def _timestamp(text: str, source: str) -> str:
    """Central's ``2026-12-05T09:54:18.849Z`` as the store writes moments.

    A time merge would refuse (unreadable, or further ahead than ``validate`` allows)
    leaves that one submission on the server instead of blocking every later pull.
    """
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FieldappError("pull.bad_answer", what=source, reason="createdAt") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    ahead = moment - dt.datetime.now(dt.UTC)
    if ahead > dt.timedelta(days=FUTURE_TOLERANCE_DAYS) or moment.year < 1970:
        raise FieldappError("pull.bad_answer", what=source, reason=f"createdAt {text}")
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _records(value: Any, what: str) -> list[Mapping[str, Any]]:
    """A JSON list of objects, as Central answers a listing, or say it answered else."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise FieldappError("pull.bad_answer", what=what, reason="not a list of objects")
    return value


def _text(answers: Answers, name: str) -> str:
    """An answer kept as a label of the interview: one line (``row_bounds.MAX_LABEL_CHARS``)."""
    value = answers.get(name)
    return value.strip()[:MAX_LABEL_CHARS] if isinstance(value, str) else ""
