"""A killed ``fieldapp package`` leaves no drafts key on the stick, and nothing for long.

The package is stripped of the device's drafts keys in a private folder beside the
laptop's database before any byte reaches the target folder; the partial file there is
0600; the next run sweeps what a killed run left, on the stick and beside the database.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from study_keys import key_pair
from xlsform import write_xlsform

from fieldapp.core import leftovers
from fieldapp.core.store import Store

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"


def _env(home: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return {
        **environ,
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "FIELDAPP_LANG": "en",
        "FIELDAPP_DRAFT_PASSPHRASE": DRAFTS_PASSPHRASE,
    }


def _laptop(root: Path) -> tuple[Path, list[bytes]]:
    """A database with sealed drafts (so drafts keys) and enough bytes to take a while."""
    pair = key_pair()
    form = write_xlsform(
        root / "sealed.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    db = root / "laptop" / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        for number in range(3):
            submission = store.interviews.start(
                sha, interviewer="NL01", city="nuevo_laredo", actor_type="security"
            )
            store.interviews.autosave(submission, {"story": f"draft {number}"})
            store.interviews.save(submission)
        rng = random.Random(15)
        for _ in range(12):
            store.attachments.add(rng.randbytes(3_000_000))
        keys = store.db.conn.execute("SELECT value FROM meta WHERE key LIKE 'draft%'").fetchall()
    # Stored as hex text: a run of it is the canary (the cost, a bare number, is not one).
    needles = [value[-32:].encode() for (value,) in keys if len(value) >= 32]
    assert len(needles) >= 5  # salt, wrapped drafts key, three interviews' keys
    return db, needles


def _hits(folder: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}:{n[:6]!r}" for n in needles if n in data]
    return found


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_killing_package_at_random_moments_leaves_no_drafts_key_and_the_next_run_sweeps(
    tmp_path: Path,
) -> None:
    db, needles = _laptop(tmp_path)
    assert all(n in db.read_bytes() for n in needles), "the canaries are where they belong"
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "laptop.fieldapp"
    command = [sys.executable, "-m", "fieldapp", "package", "--db", str(db), "-o", str(out)]
    env = _env(tmp_path / "home")
    started = time.perf_counter()
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    duration = time.perf_counter() - started
    out.unlink()
    rng = random.Random(2026)
    partial_seen = 0
    for _ in range(8):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _hits(stick, needles) == []
        for path in stick.iterdir():
            assert path.stat().st_mode & 0o077 == 0, path.name
            partial_seen += path.name.endswith(".partial")
        out.unlink(missing_ok=True)
    # The next run sweeps the stick and the laptop's folder, and writes a private package.
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    assert sorted(p.name for p in stick.iterdir()) == ["laptop.fieldapp"]
    assert out.stat().st_mode & 0o777 == 0o600
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".fieldapp-")]
    assert _hits(stick, needles) == []
    with sqlite3.connect(out) as package:
        assert package.execute("SELECT count(*) FROM revisions").fetchone()[0] == 6
        assert not package.execute("SELECT key FROM meta WHERE key LIKE 'draft%'").fetchall()


def test_a_run_still_going_is_not_swept(tmp_path: Path) -> None:
    partial = leftovers.partial_path(tmp_path / "x.fieldapp")  # this process: running
    dead = tmp_path / f".x.fieldapp.{2**22 + 12345}-{'a' * 32}.partial"
    dead.write_bytes(b"old")
    unrelated = tmp_path / ".x.fieldapp.partial"
    unrelated.write_bytes(b"someone else's")
    assert leftovers.sweep(tmp_path) == [dead]
    assert partial.exists() and unrelated.exists()
    assert partial.stat().st_mode & 0o777 == 0o600


def test_a_new_database_is_private(tmp_path: Path) -> None:
    with Store.open(tmp_path / "field.db") as store:
        store.db.conn.execute("CREATE TABLE t (x)")
    for path in tmp_path.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name
