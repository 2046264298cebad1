"""An answer reported saved survives the process being killed at any moment (SIGKILL)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from fieldapp.core.store import Store, canonical_json, form_sha256, revision_content_sha256

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 36
INTERVIEWS = 3

# The child autosaves as fast as it can, round-robin over the interviews, and reports each
# answer only after autosave() returned: from then on the answer must be on disk.
CHILD = """
import sys
from fieldapp.core.store import Store, SubmissionId

path, start, *ids = sys.argv[1:]
n = int(start)
with Store.open(path, create=False) as store:
    while True:
        for sid in ids:
            n += 1
            store.autosave(SubmissionId(sid), {"n": n, "texto": "respuesta " * (n % 50)})
            sys.stdout.write(f"{sid} {n}\\n")
            sys.stdout.flush()
"""


def _interviews(path: Path) -> list[str]:
    """Put interviews in as merge would (raw rows), so the test needs no form engine."""
    sha = form_sha256(b"crash form", {})
    ids = [str(uuid.uuid4()) for _ in range(INTERVIEWS)]
    with Store.open(path) as store:
        conn = store.db.conn
        conn.execute(
            "INSERT INTO forms VALUES (?, 'f', '1', 'F', 'f.xlsx', x'00', '2026-01-01')", [sha]
        )
        for sid in ids:
            conn.execute(
                "INSERT INTO submissions VALUES (?, 'f', ?, '2026-01-01', 'd', 'a', 'c', 'x')",
                [sid, sha],
            )
            row: dict[str, object] = {
                "uuid": str(uuid.uuid4()),
                "submission_uuid": sid,
                "parents": "[]",
                "device_id": "d",
                "author": "a",
                "saved_at": "2026-01-01",
                "state": "draft",
                "answers": canonical_json({"n": 0}),
                "sealed": None,
                "attachments": "{}",
                "instance_name": None,
            }
            row["content_sha256"] = revision_content_sha256(row)
            conn.execute(
                f"INSERT INTO revisions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
        conn.commit()
        store.refresh_derived()
    return ids


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_every_reported_answer_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "field.db"
    ids = _interviews(path)
    rng = random.Random(20260503)
    reported: dict[str, int] = dict.fromkeys(ids, 0)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = 0
    total_reports = 0
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(start), *ids],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # the child is writing: now kill it at random
        assert first, child.stderr.read() if child.stderr else "child died"
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        for line in (first + out).decode().splitlines():
            parts = line.split()
            if len(parts) == 2:  # the last line may be cut mid-write
                reported[parts[0]] = max(reported[parts[0]], int(parts[1]))
                total_reports += 1

        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        with Store.open(path, create=False) as store:
            for sid in ids:
                kept = store.working_answers(sid)["n"]  # type: ignore[arg-type]
                # Killed after the commit but before the report: one more than reported.
                assert kept >= reported[sid], f"answer {reported[sid]} of {sid} was lost"
                start = max(start, kept)
    assert total_reports > ROUNDS * 5, "the child must have been saving when it was killed"
