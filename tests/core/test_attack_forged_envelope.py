"""Attack on a sealed interview's way up to Central: an envelope another laptop forged.

A sealed interview goes up to ODK Central as the ODK envelope its laptop built at
finalize, kept as an ``odk_envelope`` event that travels in packages, and the
supervisor's laptop pushes it byte for byte (``central/envelope.py``). Any enrolled
laptop may write events about any interview, and the push took the newest envelope of
the revision by its writer's date: a stolen laptop's key could add, dated later, an
envelope of its own making for another laptop's interview (sealed for the study's public
key, which every form carries), and the supervisor pushed that one as the interview.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from study_keys import DRAFTS_PASSPHRASE, sealed_form

from fieldapp.core import crypto
from fieldapp.core.central.envelope import (
    build_envelope,
    envelope_ids,
    record_envelope,
    sealed_parts,
)
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

SURVEY = [{"type": "text", "name": "story", "label": "Relato"}]


def test_the_push_takes_no_envelope_another_laptop_wrote_for_an_interview(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """A stolen laptop's envelope for the laptop's finalized revision, dated two minutes
    after the true one: the supervisor's push sent it (other answers, another
    instanceID); now it sends what the laptop finalized, byte for byte."""
    form = sealed_form(tmp_path, pair, SURVEY)
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = laptop.forms.add(form).sha256
        sid = laptop.interviews.start(sha)
        laptop.interviews.autosave(sid, {"story": "lo que ella contó"})
        laptop.interviews.finalize(sid)
        (head,) = laptop.interviews.heads(sid)
        sent = sealed_parts(laptop, sid, revision_id=head.revision_id)
        genuine = envelope_ids(laptop, sid, head.revision_id)
    later = datetime.now(UTC) + timedelta(minutes=2)  # dated after the laptop's
    with Store.open(tmp_path / "stolen.db", clock=lambda: later) as stolen:
        merge_database(stolen, tmp_path / "laptop.db")
        forged = build_envelope(
            form_id="sealed",
            version="1",
            public_key=pair.public_key,
            instance_id="uuid:00000000-0000-4000-8000-000000000001",
            submission_xml=b"<data><story>lo que yo invento</story></data>",
            media=[],
            deprecated_id=None,
        )
        with stolen.transaction():
            record_envelope(
                stolen,
                SubmissionId(sid),
                head.revision_id,
                instance_id=forged.instance_id,
                deprecated_id="",
                manifest=forged.manifest,
                files=forged.files,
            )
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "laptop.db")
        merge_database(supervisor, tmp_path / "stolen.db")
        kept = [e for e in supervisor.events.of(SubmissionId(sid)) if e.kind == "odk_envelope"]
        assert len(kept) == 2, "the merge takes the forged event: the push must pass it over"
        assert sealed_parts(supervisor, SubmissionId(sid), revision_id=head.revision_id) == sent
        assert envelope_ids(supervisor, SubmissionId(sid), head.revision_id) == genuine
        assert sealed_parts(supervisor, SubmissionId(sid)) == sent


def test_an_unsigned_envelope_naming_the_laptop_is_not_pushed_either(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """(attack2) The rule above reads the envelope's writer from its row, and a merge
    takes an unsigned row naming a device that has signed nothing there yet (an older
    fieldapp's). A copied stick held the laptop's package; a package with no key at all,
    merged before it, brought an envelope naming the laptop as its writer, unsigned: the
    push sent it. Every fieldapp that keeps envelopes signs them: an envelope counts
    only when its device signed it."""
    form = sealed_form(tmp_path, pair, SURVEY)
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = laptop.interviews.start(laptop.forms.add(form).sha256)
        laptop.interviews.autosave(sid, {"story": "lo que ella contó"})
        laptop.interviews.finalize(sid)
        (head,) = laptop.interviews.heads(sid)
        sent = sealed_parts(laptop, sid, revision_id=head.revision_id)
        genuine = envelope_ids(laptop, sid, head.revision_id)
        writer = laptop.device_id
    later = datetime.now(UTC) + timedelta(minutes=2)
    forged = build_envelope(
        form_id="sealed",
        version="1",
        public_key=pair.public_key,
        instance_id="uuid:00000000-0000-4000-8000-000000000001",
        submission_xml=b"<data><story>lo que yo invento</story></data>",
        media=[],
        deprecated_id=None,
    )
    # The laptop's rows as a copied stick holds them, stripped of their links (as an older
    # fieldapp wrote rows), another database's id, and the envelope: no key is needed.
    shutil.copy(tmp_path / "laptop.db", tmp_path / "forged.db")
    with closing(sqlite3.connect(tmp_path / "forged.db")) as conn:
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DELETE FROM signatures")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [str(uuid.uuid4())])
        files = []
        for data in (forged.manifest, *(data for _, data in forged.files)):
            digest = hashlib.sha256(data).hexdigest()
            conn.execute(
                "INSERT OR IGNORE INTO attachments (sha256, content, size) VALUES (?, ?, ?)",
                [digest, data, len(data)],
            )
            files.append(digest)
        payload = {
            "instance_id": forged.instance_id,
            "deprecated_id": "",
            "manifest": files[0],
            "files": [
                [name, digest] for (name, _), digest in zip(forged.files, files[1:], strict=True)
            ],
        }
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, 'odk_envelope', 'fieldapp', ?, ?, ?)",
            [
                str(uuid.uuid4()),
                sid,
                head.revision_id,
                writer,
                later.isoformat(),
                json.dumps(payload),
            ],
        )
        conn.commit()
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "forged.db")
        merge_database(supervisor, tmp_path / "laptop.db")
        assert sealed_parts(supervisor, SubmissionId(sid)) == sent
        assert envelope_ids(supervisor, SubmissionId(sid), head.revision_id) == genuine
