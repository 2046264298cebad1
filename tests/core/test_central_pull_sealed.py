"""Encrypted submissions pulled from Central stay sealed: opened in memory, sealed again.

The server's answers are what a laptop's push sends for a sealed interview (its kept ODK
envelope, ``envelope.sealed_parts``), laid out as Central's REST API serves an encrypted
submission (``tests/integration/test_central_live.py`` checks the same against a live
Central and ``tests/data/central/pull_sealed.json`` keeps that exchange).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import pytest
from central_served import Served
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.central.envelope import sealed_parts
from fieldapp.core.central.pull import mirror_path, pull
from fieldapp.core.merge import merge_database
from fieldapp.core.quarantine import quarantined
from fieldapp.core.store import Store, sealing
from fieldapp.core.store.padding import BUCKET

KEY_PASSPHRASE = "study key passphrase for the sealed pull test"
DRAFTS = "drafts passphrase of the sealed pull test"
CANARY = "CANARY-Relato-de-Mariela-7Q"
PHOTO = b"\xff\xd8 photo CANARY-photo-bytes-7Q"
FORM_ID = "cso_sealed_pull"
SERVER = "central.example#2"


@pytest.fixture(scope="module")
def pair() -> crypto.KeyPair:
    """The study's key pair; ``study_key`` is its private half, unlocked."""
    return crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048)


@pytest.fixture(scope="module")
def study_key(pair: crypto.KeyPair) -> crypto.StudyKey:
    unlocked = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    assert unlocked.fingerprint == pair.fingerprint
    return unlocked


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory, pair: crypto.KeyPair) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("sealed-laptop")
    survey = [
        {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
        {"type": "text", "name": "story", "label": "Relato"},
        {"type": "image", "name": "photo", "label": "Foto"},
    ]
    settings = {"form_id": FORM_ID, "version": "3", "public_key": pair.public_key}
    form = write_xlsform(folder / f"{FORM_ID}.xlsx", survey, settings=settings)
    path = folder / "laptop.db"
    with Store.open(path) as store:
        store.keys.unlock_drafts(DRAFTS)
        sha256 = store.forms.add(form).sha256
        sid = store.interviews.start(sha256, interviewer="ana", city="juarez", actor_type="cso")
        store.attachments.add(PHOTO, submission_id=sid, filename="photo.jpg")
        answers = {"org": "Colectivo Anapra", "story": CANARY, "photo": "photo.jpg"}
        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), **answers})
        store.interviews.finalize(sid)
    return path, form


class SealedOnServer(Served):
    """Central's REST answers for the sealed interviews a laptop pushed."""

    def __init__(self, laptop: Path, changes: dict[str, bytes] | None = None) -> None:
        base = f"forms/{FORM_ID}/submissions"
        super().__init__()
        self.bodies["forms"] = [{"xmlFormId": FORM_ID}]
        listing, system = [], []
        with Store.open(laptop) as store:
            for record in store.interviews.page():
                parts = sealed_parts(store, record.submission_id)
                manifest = parts[0][1]
                instance_id = manifest.split(b"<orx:instanceID>")[1].split(b"<")[0].decode()
                listing.append(
                    {
                        "instanceId": instance_id,
                        "submitterId": 11,
                        "createdAt": "2026-12-05T10:02:40.016Z",
                        "updatedAt": None,
                        "reviewState": None,
                        "currentVersion": {
                            "instanceId": instance_id,
                            "createdAt": "2026-12-05T10:02:40.016Z",
                        },
                    }
                )
                system.append({"__id": instance_id, "__system": {"submitterName": "laptop"}})
                self.bodies[f"{base}/{instance_id}.xml"] = manifest
                self.bodies[f"{base}/{instance_id}/attachments"] = [
                    {"name": name, "exists": True} for name, _, _ in parts[1:]
                ]
                for name, content, _ in parts[1:]:
                    self.bodies[f"{base}/{instance_id}/attachments/{name}"] = content
        self.bodies[base] = listing
        self.bodies[f"forms/{FORM_ID}.svc/Submissions?$select=__id,__system"] = {"value": system}
        self.bodies.update(changes or {})


def _supervisor(path: Path, form: Path) -> Path:
    with Store.open(path) as store:
        store.forms.add(form)
    return path


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_a_sealed_submission_comes_down_sealed_and_opens_to_the_laptops_answers(
    laptop: tuple[Path, Path], study_key: crypto.StudyKey, tmp_path: Path
) -> None:
    package, form = laptop
    server = SealedOnServer(package)
    path = _supervisor(tmp_path / "sup.db", form)
    temp = tmp_path / "tmp"
    temp.mkdir()
    before = tempfile.tempdir
    os.environ["TMPDIR"], tempfile.tempdir = str(temp), str(temp)
    try:
        with Store.open(path) as store:
            store.keys.unlock(study_key)
            report = pull(store, server, server=SERVER)
            assert report.new == 1 and report.left == [], report.left
            (record,) = store.interviews.page()
            (head,) = store.interviews.heads(record.submission_id)
            assert head.sealed is not None  # the row as stored
            opened = store.keys.open_revision(head)
            # Sealed again padded: its length says the bucket, not the answers.
            context = sealing.REVISION + record.submission_id.encode()
            assert len(crypto.unseal(head.sealed, study_key, context=context)) == BUCKET
            answers = dict(opened.answers or {})
            files = {
                name: store.attachments.get(sha, submission_id=record.submission_id)
                for name, sha in opened.attachments.items()
            }
            again = pull(store, server, server=SERVER)
            assert again.new == 0 and again.known == 1, [x.reason.code for x in again.left]
    finally:
        os.environ.pop("TMPDIR", None)
        tempfile.tempdir = before
    with Store.open(package) as laptop_store:
        laptop_store.keys.unlock(study_key)
        (sid,) = [r.submission_id for r in laptop_store.interviews.page()]
        (sent,) = laptop_store.interviews.heads(sid)
        assert sent.answers is not None
        theirs = dict(sent.answers)
    # The envelope renamed the photo (its manifest is clear text): the rest is the same.
    (photo_name,) = files
    assert files[photo_name] == PHOTO and answers.pop("photo") == photo_name
    theirs.pop("photo")
    assert answers == theirs and answers["story"] == CANARY
    # Nothing in clear anywhere: the database, its WAL, the mirror, temporary files.
    written = _files_under(tmp_path)
    assert mirror_path(path, SERVER) in written
    for file in written:
        content = file.read_bytes()
        for canary in (CANARY.encode(), b"CANARY-photo-bytes-7Q", b"Colectivo Anapra"):
            assert canary not in content, (file.name, canary)


def test_without_the_study_key_sealed_submissions_stay_on_the_server_and_say_why(
    laptop: tuple[Path, Path], tmp_path: Path
) -> None:
    package, form = laptop
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        report = pull(store, SealedOnServer(package), server=SERVER)
        assert report.new == 0
        assert [x.reason.code for x in report.left] == ["pull.sealed_locked"]
        assert "Unlock with study key" in report.left[0].reason.text("en")
        assert store.interviews.page() == []


def test_a_file_altered_on_the_server_is_refused_by_the_signature(
    laptop: tuple[Path, Path], study_key: crypto.StudyKey, tmp_path: Path
) -> None:
    package, form = laptop
    plain = SealedOnServer(package)
    (xml_enc,) = [p for p in plain.bodies if p.endswith("/submission.xml.enc")]
    altered = bytearray(plain.bodies[xml_enc])
    altered[20] ^= 0x01
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        store.keys.unlock(study_key)
        report = pull(store, SealedOnServer(package, {xml_enc: bytes(altered)}), server=SERVER)
        assert [x.reason.code for x in report.left] == ["pull.sealed_tampered"]
        assert store.interviews.page() == []


def test_another_key_is_named_and_nothing_is_taken(
    laptop: tuple[Path, Path], pair: crypto.KeyPair, tmp_path: Path
) -> None:
    """A supervisor holding another study's key (the form here sealed for it) gets a
    reason, not a crash; the same for a key that opens nothing of this envelope."""
    package, form = laptop
    other = crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048)
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        store.keys.unlock(crypto.load_private_key(other.private_pem, KEY_PASSPHRASE))
        report = pull(store, SealedOnServer(package), server=SERVER)
        assert [x.reason.code for x in report.left] == ["pull.sealed_other_key"]


def test_pulled_sealed_then_the_package_gives_one_interview(
    laptop: tuple[Path, Path], study_key: crypto.StudyKey, tmp_path: Path
) -> None:
    package, form = laptop
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        store.keys.unlock(study_key)
        pull(store, SealedOnServer(package), server=SERVER)
        merge_database(store, package)
        listed = [r.submission_id for r in store.interviews.page()]
        assert len(quarantined(store.db.conn)) == 1
    with Store.open(package) as laptop_store:
        assert listed == [r.submission_id for r in laptop_store.interviews.page()]


def test_a_real_centrals_sealed_submission_comes_down_sealed(tmp_path: Path) -> None:
    """Replayed from central-backend: locked, the submission stays with the reason;
    unlocked, it comes down sealed and opens to the answers the laptop sent."""
    from integration import pull_sealed_scenario as scenario

    result, data, replayer = scenario.replay(tmp_path)
    assert replayer.unused == 0, "the code asked for less than the recorded scenario"
    assert data["central"].startswith("central-backend v20")
    text = scenario.RECORDING.read_text(encoding="utf-8")
    assert "authorization" not in text.lower() and "set-cookie" not in text.lower()
    for match in re.finditer(r'\\?"(token|csrf)\\?":\s*\\?"([^"\\]*)', text):
        assert match.group(2).startswith("{"), match.group(0)  # placeholders only
    assert [x.reason.code for x in result["locked"].left] == ["pull.sealed_locked"]
    assert result["first"].new == 1 and result["first"].left == []
    assert result["second"].new == 0 and result["second"].known == 1
    ((sent,), (pulled,)) = data["sent"], result["interviews"].values()
    assert pulled["sealed"]
    (photo,) = pulled["files"].values()
    assert hashlib.sha256(photo).hexdigest() == data["photo_sha256"]
    answers, theirs = dict(pulled["answers"]), dict(sent["answers"])
    assert answers.pop("photo") in pulled["files"] and theirs.pop("photo") == "photo.jpg"
    assert answers == theirs
    for file in _files_under(tmp_path):
        assert theirs["story"].encode() not in file.read_bytes(), file
    assert all(path.is_file() for path in result["paths"])
