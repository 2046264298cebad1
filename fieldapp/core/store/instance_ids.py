"""Give interviews stored before fieldapp filled ODK's metadata their ``meta/instanceID``.

Interviews started from the New interview dialog or ``fieldapp submit`` used to get no
``instanceID`` (``docs/design-notes.md``, "ODK metadata"), so they could never be matched
with an ODK submission. Migration ``m013_instance_ids`` adds to each such head a revision
whose answers are the same plus ``meta/instanceID = uuid:<submission uuid>``.

Everything in that revision follows from its parent, so it is the same wherever it is
made: its uuid is derived from the parent's, the ``instanceID`` from the interview's,
its time and state are the parent's. Only the device that saved a head adds its child (a
head saved elsewhere gets it on its own device and comes back by merge), so upgrading
every laptop and the supervisor never makes two children of one head, that is, never a
conflict. Heads whose answers this device cannot read (sealed forms) are left as they are.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from fieldapp.core.store import derived
from fieldapp.core.store.content import canonical_json, revision_content_sha256
from fieldapp.core.store.database import Connected
from fieldapp.core.store.signing import sign_rows

INSTANCE_ID = "meta/instanceID"
AUTHOR = "fieldapp"
"""Who saved the added revision: the program, not a person."""
_NAMESPACE = uuid.UUID("6f1d7a43-2c55-4c8e-9b0e-13a0d1c0e013")
_MINTED = b"fieldapp instanceID minted by interview "


def minted_instance_id(submission_uuid: str) -> str:
    """Return the ``instanceID`` an interview started here is given: ``uuid:`` and a uuid
    derived one way from its own id (the signed ``submissions`` row of its device).

    An interview carrying this id is the one that minted it. A laptop chooses its own
    interview ids, but no id it can choose derives an instanceID ODK Collect (or another
    interview) drew: ``copies`` trusts such a claim alone (design-notes, *An instanceID
    belongs to the interview that minted it*). It has the shape of the random (version 4)
    uuid ODK Collect draws: 122 bits of a SHA-256, as hard to aim as Collect's are to guess.
    """
    digest = hashlib.sha256(_MINTED + submission_uuid.encode("utf-8")).digest()
    return f"uuid:{uuid.UUID(bytes=digest[:16], version=4)}"


def is_minted_by(instance_id: str, submission_uuid: str) -> bool:
    """Return whether ``instance_id`` is the one the interview ``submission_uuid`` minted."""
    return instance_id == minted_instance_id(submission_uuid)


def instance_id_of(submission_uuid: str) -> str:
    """Return the ``instanceID`` a stored interview without one is given."""
    return f"uuid:{submission_uuid}"


def carried_instance_id(answers: Mapping[str, Any] | None, submission_uuid: str) -> str:
    """Return the ``instanceID`` of an interview's first submission: the one its answers
    carry, else the one it is given (``instance_id_of``)."""
    given = (answers or {}).get(INSTANCE_ID)
    return str(given) if given else instance_id_of(submission_uuid)


def edit_instance_id(revision_uuid: str) -> str:
    """Return the ``instanceID`` of a later revision sent as an edit (new, and the same
    each time): minted from the revision's id as an interview's is from its own, so a
    revision can only be named after an instance it minted (``minted_instance_id``)."""
    return minted_instance_id(revision_uuid)


def old_edit_instance_id(revision_uuid: str) -> str:
    """Return the ``instanceID`` fieldapp sent a later revision under before it minted
    them (``uuid:<revision id>``): Central may still hold such an edit."""
    return f"uuid:{revision_uuid}"


def give_instance_ids(db: Connected) -> int:
    """Add the revisions described above, inside the caller's transaction; return how many."""
    conn = db.conn
    row = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if row is None:
        return 0
    device_id = row[0]
    candidates = conn.execute(
        "SELECT r.*, s.form_sha256 FROM heads h "
        "JOIN revisions r ON r.uuid = h.revision_uuid "
        "JOIN submissions s ON s.uuid = r.submission_uuid "
        "WHERE r.device_id = ? AND r.answers IS NOT NULL AND r.sealed IS NULL "
        "AND json_extract(r.answers, '$.\"meta/instanceID\"') IS NULL",
        [device_id],
    )
    columns = [d[0] for d in candidates.description]
    # Before m014 there is no key yet: m014 then signs every row of this device, these too.
    signing_ready = (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signing_key'"
        ).fetchone()
        is not None
    )
    has_instance_id: dict[str, bool] = {}
    touched: list[str] = []
    for values in candidates.fetchall():
        parent = dict(zip(columns, values, strict=True))
        sha256 = parent.pop("form_sha256")
        if sha256 not in has_instance_id:
            has_instance_id[sha256] = _form_has_instance_id(conn, sha256)
        if not has_instance_id[sha256]:
            continue  # settings omit_instanceID: ODK has none either
        answers = json.loads(parent["answers"])
        answers[INSTANCE_ID] = instance_id_of(parent["submission_uuid"])
        child: dict[str, Any] = {
            "uuid": str(uuid.uuid5(_NAMESPACE, parent["uuid"])),
            "submission_uuid": parent["submission_uuid"],
            "parents": canonical_json([parent["uuid"]]),
            "device_id": device_id,
            "author": AUTHOR,
            "saved_at": parent["saved_at"],
            "state": parent["state"],
            "answers": canonical_json(answers),
            "sealed": None,
            "attachments": parent["attachments"],
            "instance_name": parent["instance_name"],
        }
        child["content_sha256"] = revision_content_sha256(child)
        inserted = conn.execute(
            f"INSERT OR IGNORE INTO revisions ({', '.join(child)}) "
            f"VALUES ({', '.join('?' * len(child))})",
            list(child.values()),
        ).rowcount
        if inserted and signing_ready:
            # A database that got its signing key first (m014 before this migration) signs
            # the added revision as every other: unsigned, merge would refuse it as forged.
            sign_rows(conn, device_id, [("revisions", child["uuid"], child["content_sha256"])])
        _follow_working_copy(conn, parent["uuid"], child["uuid"], answers[INSTANCE_ID])
        touched.append(parent["submission_uuid"])
    if touched:
        derived.refresh(db, touched)
    return len(touched)


def _follow_working_copy(conn: Any, parent: str, child: str, instance_id: str) -> None:
    """Move an open draft onto the added revision, with the same ``instanceID``, so that
    saving it continues the interview instead of forking it."""
    row = conn.execute(
        "SELECT submission_uuid, answers FROM working_copies WHERE base_revision = ?", [parent]
    ).fetchone()
    if row is None or not isinstance(row[1], str):
        return  # none, or a sealed form's encrypted draft: it keeps its own base
    answers = json.loads(row[1])
    answers.setdefault(INSTANCE_ID, instance_id)
    conn.execute(
        "UPDATE working_copies SET base_revision = ?, answers = ? WHERE submission_uuid = ?",
        [child, canonical_json(answers), row[0]],
    )


def _form_has_instance_id(conn: Any, sha256: str) -> bool:
    from fieldapp.core.forms.loader import load_form_bytes
    from fieldapp.core.messages import FieldappError

    row = conn.execute("SELECT filename, content FROM forms WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return False
    files = {
        name: bytes(content)
        for name, content in conn.execute(
            "SELECT filename, content FROM form_files WHERE form_sha256 = ?", [sha256]
        ).fetchall()
    }
    try:
        form = load_form_bytes(bytes(row[1]), row[0], files, check_xform=False)
    except FieldappError:
        return False  # a form this version refuses: its interviews are left as they are
    return any(question.key == INSTANCE_ID for question in form.questions())
