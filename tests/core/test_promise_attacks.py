"""Promises of ``docs/protecting-interviewees.md`` that had only a happy path, attacked.

Each test plays the attacker the document names: someone holding the laptop's files (or a
package) who knows the drafts passphrase of another laptop, edits rows by hand, or greps
every byte for what an interviewee said.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store, SubmissionId

DRAFTS = "cuaderno de campo 2026"
CANARY = "canario-QZ41 el capitán Barragán cobra en la colonia Anapra"
NAME_CANARY = "Barragán-QZ41"
SURVEY = [
    {"type": "text", "name": "org", "label": "Organización"},
    {"type": "text", "name": "story", "label": "Relato"},
    {"type": "image", "name": "photo", "label": "Foto"},
]


@pytest.fixture
def sealed_form(tmp_path: Path, pair: crypto.KeyPair) -> Path:
    settings = {
        "form_id": "sealed",
        "version": "1",
        "instance_name": "concat('Entrevista ', ${org})",
        "public_key": pair.public_key,
    }
    return write_xlsform(tmp_path / "sealed.xlsx", SURVEY, settings=settings)


def _start(store: Store, form: Path) -> SubmissionId:
    store.keys.unlock_drafts(DRAFTS)
    sha = store.forms.add(form).sha256
    return store.interviews.start(
        sha, interviewer="NL01", city="nuevo_laredo", actor_type="security"
    )


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


def _hits(folder: Path, *needles: str) -> list[str]:
    """Every file under ``folder`` holding a needle (UTF-8 or UTF-16), by name."""
    found = []
    for path in _files(folder):
        data = path.read_bytes()
        for needle in needles:
            if needle.encode() in data or needle.encode("utf-16-le") in data:
                found.append(f"{path.name}:{needle[:12]}")
    return found


def _rows(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchall()


def test_a_draft_revision_stays_locked_elsewhere_even_with_the_same_passphrase_and_the_key(
    tmp_path: Path, sealed_form: Path, study_key: crypto.StudyKey
) -> None:
    """Draft revisions travel, but only the device that made them opens them: the
    attacker holds the package, the study key and a laptop with the very same drafts
    passphrase (a team sharing one), and still reads a locked draft."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        submission = _start(store, sealed_form)
        store.attachments.add(CANARY.encode(), submission_id=submission, filename="foto.jpg")
        store.interviews.autosave(
            submission, {"org": NAME_CANARY, "story": CANARY, "photo": "foto.jpg"}
        )
        store.interviews.save(submission)
        write_package(store, tmp_path / "laptop.fieldapp")
    other = tmp_path / "other.db"
    with Store.open(other) as store:
        store.keys.unlock_drafts(DRAFTS)
        store.keys.unlock(study_key)
        merge_database(store, tmp_path / "laptop.fieldapp")
        (head,) = store.interviews.heads(submission)
        assert head.state == "draft" and head.answers is None
        assert all(r.answers is None for r in store.interviews.history(submission))
        with pytest.raises(FieldappError) as caught:
            store.interviews.working_answers(submission)
        assert caught.value.code == "store.draft_locked"
        (stored_sha,) = head.attachments.values()
        with pytest.raises(FieldappError) as refused:
            store.attachments.get(stored_sha)
        assert refused.value.code == "store.draft_locked"
        before = [r.revision_id for r in store.interviews.history(submission)]
        with pytest.raises(FieldappError) as unfinished:  # nor finalized here, unread
            store.interviews.finalize(submission)
        assert unfinished.value.code == "store.draft_locked"
        assert [r.revision_id for r in store.interviews.history(submission)] == before
    assert _hits(tmp_path, CANARY, NAME_CANARY, "foto.jpg") == []
    # Not one of the laptop's drafts keys reached the package.
    wrapped = [str(v) for (v,) in _rows(laptop, "SELECT value FROM meta WHERE key LIKE 'draft%'")]
    package = (tmp_path / "laptop.fieldapp").read_bytes()
    assert wrapped and not [v for v in wrapped if v[-32:].encode() in package]


def test_a_finalized_sealed_interview_cannot_be_reopened_on_the_laptop(
    store: Store, sealed_form: Path, tmp_path: Path
) -> None:
    """The researcher (or whoever forces the passphrase out of them) cannot turn a sealed
    final back into a draft the drafts key opens: refused, nothing written."""
    submission = _start(store, sealed_form)
    store.interviews.autosave(submission, {"org": "Colectivo", "story": CANARY})
    store.interviews.finalize(submission)
    before = _rows(tmp_path / "field.db", "SELECT uuid FROM revisions")
    with pytest.raises(FieldappError) as caught:
        store.interviews.reopen(submission, author="ana")
    assert caught.value.code == "store.sealed"
    assert _rows(tmp_path / "field.db", "SELECT uuid FROM revisions") == before
    assert store.interviews.heads(submission)[0].state == "finalized"


def test_a_row_naming_other_attachments_than_its_sealed_record_does_not_open(
    store: Store, sealed_form: Path, study_key: crypto.StudyKey
) -> None:
    """An attacker with write access swaps a sealed revision's photo for another
    interview's, or drops it: the record and the row disagree, and it does not open."""
    ids = []
    for number in range(2):
        submission = _start(store, sealed_form)
        name = f"foto-{number}.jpg"
        store.attachments.add(f"photo {number}".encode(), submission_id=submission, filename=name)
        store.interviews.autosave(submission, {"org": "x", "photo": name})
        store.interviews.finalize(submission)
        ids.append(submission)
    first, second = (store.interviews.heads(s)[0] for s in ids)
    (first_name, first_sha), (_, second_sha) = (
        *first.attachments.items(),
        *second.attachments.items(),
    )
    conn = store.db.conn
    conn.execute("DROP TRIGGER revisions_no_update")
    store.keys.unlock(study_key)
    for forged in ({first_name: second_sha}, {}, {first_name: first_sha, "file-x.jpg": second_sha}):
        conn.execute(
            "UPDATE revisions SET attachments = ? WHERE uuid = ?",
            [json.dumps(forged), first.revision_id],
        )
        conn.commit()
        with pytest.raises(FieldappError) as caught:
            store.interviews.working_answers(ids[0])
        assert caught.value.code == "crypto.tampered", forged
    assert store.interviews.working_answers(ids[1])["photo"] == "foto-1.jpg"


def test_the_instance_name_is_in_no_file_of_the_laptop_or_its_package(
    tmp_path: Path, sealed_form: Path, study_key: crypto.StudyKey
) -> None:
    """The list shows no instance name of a sealed form; an attacker reading the database,
    its WAL or the package with forensic tools finds it nowhere either, draft or final."""
    laptop = tmp_path / "laptop" / "field.db"
    with Store.open(laptop) as store:
        submission = _start(store, sealed_form)
        store.interviews.autosave(submission, {"org": NAME_CANARY})
        store.interviews.save(submission)  # a draft revision, whose name the form makes
        assert [row.instance_name for row in store.interviews.page()] == [None]
        assert _hits(laptop.parent, NAME_CANARY) == []  # WAL included: the store is open
        store.interviews.autosave(submission, {"org": NAME_CANARY, "story": CANARY})
        store.interviews.finalize(submission)
        assert [row.instance_name for row in store.interviews.page()] == [None]
        assert _hits(laptop.parent, NAME_CANARY, CANARY) == []
        write_package(store, tmp_path / "out" / "laptop.fieldapp")
    assert _hits(tmp_path, NAME_CANARY, CANARY) == []
    with Store.open(tmp_path / "sup.db") as supervisor:  # the name is in the sealed record
        merge_database(supervisor, tmp_path / "out" / "laptop.fieldapp")
        supervisor.keys.unlock(study_key)
        (current,) = supervisor.interviews.iter_current()
        assert current.revision.instance_name == f"Entrevista {NAME_CANARY}"


def test_the_device_comment_key_and_drafts_keys_never_reach_a_package(
    tmp_path: Path, sealed_form: Path
) -> None:
    """The X25519 private half and every drafts key stay in the laptop's ``meta``: the
    package (a USB stick) offers none of them to anyone trying passphrases offline."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        submission = _start(store, sealed_form)
        store.interviews.autosave(submission, {"org": "x"})
        write_package(store, tmp_path / "laptop.fieldapp")
    secrets = _rows(
        laptop,
        "SELECT key, value FROM meta WHERE key NOT IN "
        "('database_id', 'device_id', 'study', 'schema_version') AND length(value) >= 32",
    )
    assert any("comment" in str(key) for key, _ in secrets), secrets
    package = (tmp_path / "laptop.fieldapp").read_bytes()
    leaked = [key for key, value in secrets if str(value)[-32:].encode() in package]
    assert leaked == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_database_and_its_wal_are_private_under_a_permissive_umask(tmp_path: Path) -> None:
    """Created 0600 whatever the umask, and its WAL and shared-memory file too, while open."""
    old = os.umask(0o022)
    try:
        with Store.open(tmp_path / "field.db") as store:
            store.db.conn.execute("CREATE TABLE t (x)")
            store.db.conn.execute("INSERT INTO t VALUES (1)")
            store.db.conn.commit()
            names = sorted(p.name for p in tmp_path.iterdir())
            assert "field.db-wal" in names
            loose = {p.name: oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()}
            assert {n: m for n, m in loose.items() if int(m, 8) & 0o077} == {}
    finally:
        os.umask(old)


def test_every_connection_keeps_temp_data_in_memory_and_zeroes_what_it_deletes(
    tmp_path: Path,
) -> None:
    """SQLite writes sort spills and temp tables to the system's temp folder unless told
    not to: every connection the store opens (also read-only ones) says so."""
    with Store.open(tmp_path / "field.db") as store:
        pass
    for readonly in (False, True):
        with Store.open(tmp_path / "field.db", readonly=readonly) as store:
            conn = store.db.conn
            assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
            assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
