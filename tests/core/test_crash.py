"""An answer reported saved survives the process being killed at any moment (SIGKILL)."""

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
from xlsform import write_xlsform

from fieldapp.core.store import Store, revision_content_sha256

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 20
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
            store.interviews.autosave(SubmissionId(sid), {"n": n, "texto": "respuesta " * (n % 50)})
            if n % 7 == 0:
                store.interviews.save(SubmissionId(sid))  # now and then a revision, as closing does
            sys.stdout.write(f"{sid} {n}\\n")
            sys.stdout.flush()
"""


def _interviews(path: Path, tmp_path: Path) -> list[str]:
    form = write_xlsform(
        tmp_path / "crash.xlsx",
        [
            {"type": "integer", "name": "n", "label": "N"},
            {"type": "text", "name": "texto", "label": "Texto"},
        ],
        settings={"form_id": "crash", "instance_name": "concat('n=', ${n})"},
    )
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        ids = [
            store.interviews.start(sha, interviewer="ana", city="Tijuana", actor_type="cso")
            for _ in range(INTERVIEWS)
        ]
        for sid in ids:
            store.interviews.autosave(sid, {"n": 0})
    return ids


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_every_reported_answer_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "field.db"
    ids = _interviews(path, tmp_path)
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
            listed = store.interviews.page()
            store.refresh_derived()
            assert store.interviews.page() == listed, "the listing must match the revisions"
            for sid in ids:
                assert len(store.interviews.heads(sid)) == 1, "a kill must never fork an interview"
            cursor = store.db.conn.execute("SELECT * FROM revisions")
            columns = [d[0] for d in cursor.description]
            for values in cursor:
                row = dict(zip(columns, values, strict=True))
                assert revision_content_sha256(row) == row["content_sha256"]
            for sid in ids:
                kept = store.interviews.working_answers(sid)["n"]  # type: ignore[arg-type]
                # Killed after the commit but before the report: one more than reported.
                assert kept >= reported[sid], f"answer {reported[sid]} of {sid} was lost"
                start = max(start, kept)
    assert total_reports > ROUNDS * 5, "the child must have been saving when it was killed"
