"""A folder export (``--folder``) killed while it unpacks leaves no hidden copy of it.

The export is written as its zip, then unpacked into a hidden folder beside the target
(``.out.<random>.part``) that takes the target's place in one rename, while the earlier
export waits under ``.out.<pid>.old`` until it is removed. Neither name was one the next
export recognises: a run killed in between left the answers (with ``--key``, the sealed
interviews opened) in a hidden folder no export swept, after the visible one was deleted.
Both are now staging folders of the export (``leftovers.staging_folder``, their names
marked ``.locked``: each holds a lock file its run keeps, leftovers8), swept by the next
export into that folder once no run holds their lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.store import Store

CANARY = "Testigo-Zacatecas-QF27"

KILLED_WHILE = """
import os, signal, sys
from fieldapp.core.export import folder
from fieldapp.cli import main
copy, remove = folder.shutil.copyfileobj, folder.shutil.rmtree
def copied(source, target, *rest):
    answers = folder.Path(target.name).with_name("f.csv")
    if "{killed_at}" == "unpacking" and answers.exists() and target.name != str(answers):
        os.kill(os.getpid(), signal.SIGKILL)  # the answers unpacked, not yet in place
    copy(source, target, *rest)
def removed(path, *rest, **named):
    hidden = path.name.startswith(".") and (path.parent / "study").is_dir()
    if "{killed_at}" == "replacing" and hidden:
        os.kill(os.getpid(), signal.SIGKILL)  # the new export in place, the old one aside
    remove(path, *rest, **named)
folder.shutil.copyfileobj, folder.shutil.rmtree = copied, removed
sys.exit(main(sys.argv[1:]))
"""
"""Run the export, killed once the answers' file is unpacked into the hidden folder, or
once the new export is in place and the earlier one, moved aside, is about to go."""


def _database(root: Path) -> Path:
    form = write_xlsform(
        root / "f.xlsx",
        [{"type": "text", "name": "story", "label": "Relato", "sensitive": "no"}],
        settings={"form_id": "f", "version": "1"},
    )
    db = root / "supervisor.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for number in range(3):
            store.interviews.submit(
                sha,
                {"story": f"{CANARY} {number}"},
                finalize=True,
                interviewer="TJ01",
                city="tijuana",
                actor_type="cso",
            )
    return db


def _export(db: Path, out: Path, *, killed_at: str | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"TMPDIR": str(out.parent), "FIELDAPP_LANG": "en"}
    arguments = ["export", "--db", str(db), "-o", str(out), "--folder"]
    if killed_at is None:
        command = [sys.executable, "-m", "fieldapp", *arguments]
    else:
        command = [sys.executable, "-c", KILLED_WHILE.format(killed_at=killed_at), *arguments]
    return subprocess.run(command, env=env, capture_output=True, check=False).returncode


def _hidden_with_the_canary(folder: Path) -> list[str]:
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file()
        and any(part.startswith(".") for part in path.relative_to(folder).parts)
        and CANARY.encode() in path.read_bytes()
    ]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("killed_at", ["unpacking", "replacing"])
def test_a_killed_folder_export_is_swept_by_the_next_export(tmp_path: Path, killed_at: str) -> None:
    db = _database(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir()
    out = exports / "study.zip"
    assert _export(db, out) == 0  # an earlier export in the folder ``study``
    assert sorted(p.name for p in exports.iterdir()) == ["study"]
    assert _export(db, out, killed_at=killed_at) != 0
    left = [p.name for p in exports.iterdir() if p.name.startswith(".")]
    assert left, "the kill left nothing to sweep: the test no longer reaches its moment"
    # The researcher deletes the export she sees; the next export in that folder...
    for entry in exports.iterdir():
        if not entry.name.startswith("."):
            if entry.is_dir():
                for inner in entry.iterdir():
                    inner.unlink()
                entry.rmdir()
            else:
                entry.unlink()
    assert _export(db, exports / "other.zip") == 0
    # ...leaves no hidden copy of any export behind.
    assert _hidden_with_the_canary(exports) == []
    assert sorted(p.name for p in exports.iterdir()) == ["other"]
