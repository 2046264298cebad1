"""Promises of ``docs/protecting-interviewees.md`` that had only a happy path, attacked.

Each test plays the attacker the document names: someone holding the laptop's files (or a
package) who knows the drafts passphrase of another laptop, edits rows by hand, or greps
every byte for what an interviewee said.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import study_keys
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.review import comments_for_researcher
from fieldapp.core.store import Store, SubmissionId, sealed_comments

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
    return study_keys.sealed_form(
        tmp_path, pair, SURVEY, instance_name="concat('Entrevista ', ${org})"
    )


def _start(store: Store, form: Path) -> SubmissionId:
    store.keys.unlock_drafts(DRAFTS)
    sha = store.forms.add(form).sha256
    return store.interviews.start(
        sha, interviewer="NL01", city="nuevo_laredo", actor_type="security"
    )


PLACE_NEEDLE = "mech_city"
"""A question the sealed form does not have: only where the researcher was names it."""


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
    # The wrapped keys only: the scrypt cost beside them (``4096``) is no secret, and its
    # four digits can turn up in a package's bytes by chance.
    wrapped = [
        str(v)
        for (v,) in _rows(
            laptop,
            "SELECT value FROM meta WHERE key = 'drafts_key' OR key LIKE 'draft!_key:%' ESCAPE '!'",
        )
    ]
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


def test_where_the_researcher_was_is_sealed_stays_on_the_laptop_and_goes_with_the_key(
    tmp_path: Path, sealed_form: Path
) -> None:
    """Which mechanism's city was being discussed (``core.place``) is in no file in clear,
    reads as nothing before the passphrase, never reaches a package, and goes when
    finalizing forgets the interview's drafts key."""
    from fieldapp.core.place import Place

    laptop = tmp_path / "laptop" / "field.db"
    place = Place(("org/mechanisms", 6, PLACE_NEEDLE), cursor=11)
    with Store.open(laptop) as store:
        submission = _start(store, sealed_form)
        store.interviews.autosave(submission, {"org": NAME_CANARY}, place=place)
        store.interviews.save(submission)
        assert _hits(laptop.parent, PLACE_NEEDLE, "mechanisms[7]") == []  # WAL included
        write_package(store, tmp_path / "out" / "laptop.fieldapp")
    assert _rows(laptop, "SELECT count(*) FROM meta WHERE key LIKE 'place:%'") == [(1,)]
    package = tmp_path / "out" / "laptop.fieldapp"
    assert _rows(package, "SELECT count(*) FROM meta WHERE key LIKE 'place:%'") == [(0,)]
    assert _hits(tmp_path, PLACE_NEEDLE, "mechanisms[7]") == []
    with Store.open(laptop) as store:
        assert store.interviews.place(submission) is None, "locked: nothing to read"
        store.keys.unlock_drafts(DRAFTS)
        assert store.interviews.place(submission) == place
        store.interviews.finalize(submission)
        assert store.interviews.place(submission) is None
    assert _rows(laptop, "SELECT count(*) FROM meta WHERE key LIKE 'place:%'") == [(0,)]


def test_the_language_an_interview_was_held_in_is_sealed_stays_on_the_laptop_and_goes_with_the_key(
    tmp_path: Path, sealed_form: Path
) -> None:
    """The form language a sealed interview was shown in (kept to open it in that one
    again) is in no file in clear, reads as nothing before the passphrase, never reaches
    a package, and goes when finalizing forgets the interview's drafts key."""
    laptop = tmp_path / "laptop" / "field.db"
    language = "Lengua de señas (lsm)"
    with Store.open(laptop) as store:
        submission = _start(store, sealed_form)
        store.interviews.keep_form_language(submission, language)
        store.interviews.autosave(submission, {"org": NAME_CANARY})
        assert store.interviews.form_language(submission) == language
        assert _hits(laptop.parent, "señas", "(lsm)") == []  # WAL included
        write_package(store, tmp_path / "out" / "laptop.fieldapp")
    kept = "SELECT count(*) FROM meta WHERE key LIKE 'form_language:%'"
    assert _rows(laptop, kept) == [(1,)]
    assert _rows(tmp_path / "out" / "laptop.fieldapp", kept) == [(0,)]
    with Store.open(laptop) as store:
        assert store.interviews.form_language(submission) is None, "locked: nothing to read"
        store.keys.unlock_drafts(DRAFTS)
        assert store.interviews.form_language(submission) == language
        store.interviews.finalize(submission)
        assert store.interviews.form_language(submission) is None
    assert _rows(laptop, kept) == [(0,)]


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


# Runs in a child: autosave a sealed draft as fast as it can (answers, a recording and its
# name, where the researcher is typing), saving a revision now and then, until it is killed.
AUTOSAVE = """
import sys
from fieldapp.core import crypto
from fieldapp.core.place import Place
from fieldapp.core.store import Store, SubmissionId

crypto.DRAFTS_SCRYPT_N = 2**12  # the cost the test's database was made at
path, passphrase, submission, canary = sys.argv[1:]
submission = SubmissionId(submission)
with Store.open(path, create=False) as store:
    store.keys.unlock_drafts(passphrase)
    n = 0
    while True:
        n += 1
        name = f"{canary} {n}.m4a"
        voice = f"{canary} voice {n}".encode()
        store.attachments.add(voice, submission_id=submission, filename=name)
        store.interviews.autosave(
            submission,
            {"org": f"{canary} {n}", "story": f"{canary} " * 40, "photo": name},
            place=Place(("org/mechanisms", n % 9, "mech_city"), cursor=n),
        )
        if n % 5 == 0:
            store.interviews.save(submission)
        print(n, flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_autosave_killed_at_random_moments_leaves_no_clear_byte_of_a_sealed_draft(
    tmp_path: Path, sealed_form: Path
) -> None:
    """The working copy, its attachments and their names are encrypted before SQLite
    sees them: a laptop switched off (or a process killed) mid-write leaves the canary in
    no database, WAL, shared-memory, journal or temp file; nor the question being typed in
    (``mech_city``: the form has no such question, only the place names it)."""
    folder = tmp_path / "laptop"
    db = folder / "field.db"
    with Store.open(db) as store:
        submission = _start(store, sealed_form)
    (folder / "tmp").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"TMPDIR": str(folder / "tmp"), "FIELDAPP_LANG": "en"}
    command = [sys.executable, "-c", AUTOSAVE, str(db), DRAFTS, submission, NAME_CANARY]
    rng = random.Random(2026_12_05)
    saved = 0
    for _ in range(6):
        child = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first, child.stderr.read() if child.stderr else "child died"
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        saved += len((first + out).split())
        assert _hits(folder, NAME_CANARY, PLACE_NEEDLE) == []
    assert saved > 12, "the child must have been writing when it was killed"
    with Store.open(db) as store:  # and nothing was lost: the passphrase opens the last one
        store.keys.unlock_drafts(DRAFTS)
        org = store.interviews.working_answers(submission)["org"]
        assert org.startswith(NAME_CANARY)
        place = store.interviews.place(submission)
        assert place is not None and place.cursor == int(org.split()[-1]), "the same autosave"


def _forge_device_key(db: Path, victim: str) -> None:
    """As a hostile laptop: write, unsigned and dated 2000, a ``device_key`` event that
    names the victim laptop's device id and the attacker's own comment key."""
    import uuid

    with contextlib.closing(sqlite3.connect(db)) as conn:
        (payload,) = conn.execute(
            "SELECT payload FROM events WHERE kind = 'device_key' AND device_id = "
            "(SELECT value FROM meta WHERE key = 'device_id')"
        ).fetchone()
        conn.execute(
            "INSERT INTO events (uuid, submission_uuid, revision_uuid, kind, author, "
            "device_id, at, payload) VALUES (?, '', NULL, 'device_key', '', ?, ?, ?)",
            [str(uuid.uuid4()), victim, "2000-01-01T00:00:00+00:00", payload],
        )
        conn.commit()


def test_a_forged_device_key_does_not_let_another_laptop_read_the_comments(
    tmp_path: Path, sealed_form: Path, study_key: crypto.StudyKey
) -> None:
    """A hostile laptop publishes its own comment key under the victim's device id, dated
    before the real one, and its package reaches the supervisor first. The supervisor's
    comment on the victim's interview must still be sealed for the victim's key only."""
    victim, attacker, supervisor = (tmp_path / f"{n}.db" for n in ("victim", "hostile", "sup"))
    with Store.open(victim) as store:
        submission = _start(store, sealed_form)
        store.interviews.autosave(submission, {"org": "x", "story": "relato"})
        store.interviews.finalize(submission)
        victim_device = store.device_id
        write_package(store, tmp_path / "victim.fieldapp")
    with Store.open(attacker) as store:
        store.keys.unlock_drafts(DRAFTS)  # makes the attacker's own comment key
    _forge_device_key(attacker, victim_device)
    with Store.open(attacker) as store:
        write_package(store, tmp_path / "hostile.fieldapp")
    with Store.open(supervisor) as store:
        merge_database(store, tmp_path / "hostile.fieldapp")
        merge_database(store, tmp_path / "victim.fieldapp")
        store.keys.unlock(study_key)
        store.review.return_interview(submission, comment=CANARY, author="sup")
        write_package(store, tmp_path / "sup.fieldapp")
    with Store.open(attacker) as store:  # the attacker's own code: any device id it likes
        merge_database(store, tmp_path / "sup.fieldapp")
        store.keys.unlock_drafts(DRAFTS)
        held = store.keys.device_comment_key()
        assert held is not None
        (event,) = [e for e in store.events.of(submission) if e.kind == "returned"]
        try:
            opened = sealed_comments.open_payload(
                dict(event.payload),
                submission=submission,
                study_key=None,
                device=(victim_device, held[1]),
            )
        except FieldappError as error:  # the wrap is for the victim's own key
            opened = {"refused": error.code}
        assert CANARY not in json.dumps(opened, ensure_ascii=False)
    # The forged key names the victim unsigned: it was set aside when the victim's own
    # package came (it was kept, and the victim refused every package of the supervisor's
    # until she quarantined what `check` listed). Her package merges at once.
    assert main(["check", "--db", str(supervisor)]) == 0
    with Store.open(victim) as store:
        merge_database(store, tmp_path / "sup.fieldapp")
        store.keys.unlock_drafts(DRAFTS)
        assert comments_for_researcher(store, submission).general == (CANARY,)


REWRAP = """
import sys
from pathlib import Path
from fieldapp.core import crypto
crypto.open_key_file(Path(sys.argv[1]), sys.argv[2])
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_weak_key_file_rewrapped_while_killed_at_random_moments_still_opens(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """The study's only private key is rewritten in place the first time it opens: a run
    killed at any moment leaves the file whole (old or new), never a cut or empty one,
    and no copy that others may read."""
    from cryptography.hazmat.primitives import serialization
    from study_keys import KEY_PASSPHRASE

    from fieldapp.core import key_file

    opened = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    weak = opened.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(KEY_PASSPHRASE.encode()),
    )
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "study.pem"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    command = [sys.executable, "-c", REWRAP, str(path), KEY_PASSPHRASE]
    path.write_bytes(weak)
    started = time.perf_counter()
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    duration = time.perf_counter() - started
    assert key_file.strength(path.read_bytes()).strong  # a whole run rewraps it
    rng = random.Random(600_000)
    for _ in range(6):
        path.write_bytes(weak)
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        child.send_signal(signal.SIGKILL)
        child.communicate()
        content = path.read_bytes()
        assert crypto.load_private_key(content, KEY_PASSPHRASE).fingerprint == pair.fingerprint
        for leftover in folder.iterdir():
            assert leftover.stat().st_mode & 0o077 == 0 or leftover == path, leftover.name


def test_the_pseudonym_secret_does_not_travel_by_merging_the_database_itself(
    tmp_path: Path,
) -> None:
    """Packages strip the secret; a supervisor may also merge another's database file as it
    is (a copy on a stick). The secret must not come with it: whoever holds the merged
    database and an export could otherwise test every interviewer code offline."""
    form = write_xlsform(
        tmp_path / "f.xlsx",
        [{"type": "text", "name": "interviewer", "label": "Entrevistador"}],
        settings={"form_id": "f", "version": "1"},
    )
    first = tmp_path / "first.db"
    with Store.open(first) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(
            sha, {"interviewer": "NL01"}, finalize=True, interviewer="NL01", city="tijuana"
        )
    out = tmp_path / "deid.xlsx"
    assert main(["export", "--db", str(first), "-o", str(out), "--deidentify"]) == 0
    ((secret,),) = _rows(first, "SELECT value FROM meta WHERE key = 'export_pseudonym_key'")
    second = tmp_path / "second.db"
    with Store.open(second) as store:
        merge_database(store, first)
    assert not _rows(second, "SELECT value FROM meta WHERE key = 'export_pseudonym_key'")
    assert _hits(tmp_path, str(secret)) == ["first.db:" + str(secret)[:12]]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_weaker_drafts_wrap_is_gone_from_every_file_once_rewrapped(tmp_path: Path) -> None:
    """An old wrap (a cheaper scrypt) is re-wrapped at the next unlock: the cheaper wrap
    and its salt must then be in no file, or an attacker would simply guess against it."""
    from fieldapp.core.store import sealing

    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS)
        old = {
            key: str(value)
            for key, value in _rows(db, "SELECT key, value FROM meta")
            if key in (sealing.KEY_META, sealing.SALT_META)
        }
    assert len(old) == 2
    # Today's cost is higher; the laptop is switched off right after the unlock.
    child = (
        "import os, signal, sys\n"
        "from fieldapp.core import crypto\n"
        "from fieldapp.core.store import Store\n"
        f"crypto.DRAFTS_SCRYPT_N = {crypto.DRAFTS_SCRYPT_N * 2}\n"
        "store = Store.open(sys.argv[1])\n"
        "store.keys.unlock_drafts(sys.argv[2])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", child, str(db), DRAFTS], check=False)
    assert killed.returncode == -signal.SIGKILL
    assert (db.parent / "field.db-wal").exists()  # as the power cut left it
    found = _hits(tmp_path, *(value[-32:] for value in old.values()))  # before any reader
    ((cost,),) = _rows(db, "SELECT value FROM meta WHERE key = ?", sealing.KDF_META)
    assert int(str(cost)) == crypto.DRAFTS_SCRYPT_N * 2  # the rewrap was committed
    assert found == []


def _workbook_bomb(tmp_path: Path, rows: int) -> bytes:
    """A valid XLSForm of ``rows`` notes: a few megabytes that unpack to tens of them."""
    import io
    import zipfile

    small = write_xlsform(
        tmp_path / "bomb.xlsx",
        [{"type": "note", "name": "n0", "label": "x"}],
        settings={"form_id": "bomb", "version": "1"},
    )
    notes = "".join(
        f'<row><c t="inlineStr"><is><t>note</t></is></c><c t="inlineStr"><is><t>n{i}</t>'
        f'</is></c><c t="inlineStr"><is><t>x</t></is></c></row>'
        for i in range(1, rows)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.namelist():
            data = source.read(member)
            if member == "xl/worksheets/sheet1.xml":  # the survey sheet
                data = data.replace(b"</sheetData>", notes.encode() + b"</sheetData>")
            bomb.writestr(member, data)
    return out.getvalue()


@pytest.mark.slow
def test_a_package_form_that_unpacks_to_tens_of_megabytes_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    """A hostile package carries a valid form of 300,000 notes (a few MB, 36 MB unpacked):
    reading it would take the supervisor's merge minutes that neither Cancel nor the time
    bound reach. It is refused unread, and the supervisor's database is unchanged."""
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.forms.pyxform_stages import MAX_WORKBOOK_BYTES
    from fieldapp.core.store.content import form_sha256

    content = _workbook_bomb(tmp_path, 300_000)
    assert len(content) < MAX_WORKBOOK_BYTES // 4
    (tmp_path / "bomb.xlsx").write_bytes(content)
    with pytest.raises(FieldappError) as caught:
        load_form(tmp_path / "bomb.xlsx")
    assert caught.value.code == "forms.too_large"
    assert "MB" in caught.value.text("en") and "MB" in caught.value.text("es")
    # Added by hand (File › Forms…, `fieldapp forms add`): refused unread the same way.
    from fieldapp.core.form_add import add_form_file

    with Store.open(tmp_path / "by-hand.db") as by_hand:
        before_hand = _rows(tmp_path / "by-hand.db", "SELECT count(*) FROM forms")
        with pytest.raises(FieldappError) as added:
            add_form_file(by_hand, tmp_path / "bomb.xlsx")
        assert added.value.code == "forms.too_large"
        assert _rows(tmp_path / "by-hand.db", "SELECT count(*) FROM forms") == before_hand
    hostile = tmp_path / "hostile.db"
    with Store.open(hostile):
        pass
    with contextlib.closing(sqlite3.connect(hostile)) as conn:
        conn.execute(
            "INSERT INTO forms VALUES (?, 'bomb', '1', 'bomb', 'bomb.xlsx', ?, '2026-01-01')",
            [form_sha256(content, {}), content],
        )
        conn.commit()
    with Store.open(tmp_path / "sup.db") as supervisor:
        before = _rows(tmp_path / "sup.db", "SELECT count(*) FROM forms")
        with pytest.raises(FieldappError) as refused:
            merge_database(supervisor, hostile)
        assert refused.value.code == "merge.bad_row"
        assert _rows(tmp_path / "sup.db", "SELECT count(*) FROM forms") == before
