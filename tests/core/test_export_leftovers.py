"""A killed export leaves no clear answer in its folder, and the next export sweeps up.

Rows wait in spools encrypted under a key that dies with the process; the output is built
in a 0600 partial file that the next export of that folder removes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.store import Store

CANARY = "Testigo-Zacatecas-QK19"


def _database(root: Path) -> Path:
    form = write_xlsform(
        root / "f.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "f", "version": "1"},
    )
    db = root / "supervisor.db"
    rng = random.Random(7)
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for number in range(400):
            padding = "".join(rng.choice("abcdefghij ") for _ in range(2000))
            store.interviews.submit(
                sha,
                {"story": f"{CANARY} {number} {padding}"},
                finalize=True,
                interviewer="TJ01",
                city="tijuana",
                actor_type="cso",
            )
    return db


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("name", ["out.xlsx", "out.zip"])
def test_a_killed_export_leaves_no_clear_answer_and_the_next_one_sweeps(
    tmp_path: Path, name: str
) -> None:
    db = _database(tmp_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / name
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"TMPDIR": str(folder), "FIELDAPP_LANG": "en"}  # any spool would land here
    command = [sys.executable, "-m", "fieldapp", "export", "--db", str(db), "-o", str(out)]
    started = time.perf_counter()
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    duration = time.perf_counter() - started
    assert CANARY.encode() not in out.read_bytes()  # deflated: the canary shows in no file
    out.unlink()
    rng = random.Random(15)
    for _ in range(8):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.4, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in folder.rglob("*"):
            if path.is_file():
                assert CANARY.encode() not in path.read_bytes(), path.name
                assert "Zacatecas".encode("utf-16-le") not in path.read_bytes()
                if path.name != name:
                    assert path.stat().st_mode & 0o077 == 0, path.name
        out.unlink(missing_ok=True)
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0
    assert [p.name for p in folder.iterdir()] == [name]


@pytest.mark.skipif(os.name == "nt", reason="Unix file modes")
@pytest.mark.parametrize("name", ["out.xlsx", "out.dta"])
def test_the_finished_export_stays_private_until_it_has_its_name(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Publishing syncs the file to disk first, which takes a while: a kill there leaves
    the whole export under its hidden partial name, and that one must not be readable by
    other accounts. The published export gets the mode a plain save gives."""
    from fieldapp.core import leftovers
    from fieldapp.core.export import export_workbook

    db = _database(tmp_path)
    modes: list[int] = []
    publish = leftovers.publish

    def watched(partial: Path, out: Path) -> None:
        modes.append(partial.stat().st_mode & 0o777)
        publish(partial, out)

    monkeypatch.setattr(leftovers, "publish", watched)
    old = os.umask(0o022)
    try:
        written = export_workbook(db, tmp_path / name).path
    finally:
        os.umask(old)
    assert modes and all(mode & 0o077 == 0 for mode in modes), [oct(m) for m in modes]
    assert written.stat().st_mode & 0o777 == 0o644
