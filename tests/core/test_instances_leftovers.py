"""``fieldapp instances`` killed while writing an interview leaves it to the next run's sweep.

Each interview's XML is written to a hidden partial file, then renamed. A kill between the
two left ``.<id>.xml.partial`` (with ``--key``, a sealed interview in clear) until a later
run wrote that same interview again: a run of another form, or without the key, never did.
The partial file is now one of ``leftovers``', swept by the next run into that folder once
its process is gone (attack3, smalls2).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.store import Store

CANARY = "Testigo-Durango-QF41"

KILLED_WHILE_WRITING = """
import os, signal, sys
from fieldapp.core.export import instances
from fieldapp.cli import main
replace = instances.os.replace
def replaced(source, target, *rest, **named):
    if str(source).endswith(".partial") and ".xml" in str(source):
        os.kill(os.getpid(), signal.SIGKILL)  # the XML written in full, not yet in place
    replace(source, target, *rest, **named)
instances.os.replace = replaced
sys.exit(main(sys.argv[1:]))
"""


def _database(root: Path) -> Path:
    db = root / "supervisor.db"
    with Store.open(db) as store:
        for form_id in ("cso", "gov"):
            form = write_xlsform(
                root / f"{form_id}.xlsx",
                [{"type": "text", "name": "story", "label": "Relato"}],
                settings={"form_id": form_id, "version": "1"},
            )
            store.interviews.submit(
                store.forms.add(form).sha256,
                {"story": f"{CANARY} {form_id}"},
                finalize=True,
                interviewer="TJ01",
                city="tijuana",
                actor_type="cso",
            )
    return db


def _instances(db: Path, out: Path, form: str, *, killed: bool = False) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"FIELDAPP_LANG": "en"}
    arguments = ["instances", "--db", str(db), "-o", str(out), "--form", form]
    if killed:
        command = [sys.executable, "-c", KILLED_WHILE_WRITING, *arguments]
    else:
        command = [sys.executable, "-m", "fieldapp", *arguments]
    return subprocess.run(command, env=env, capture_output=True, check=False).returncode


def _hidden_with_the_canary(folder: Path) -> list[str]:
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and path.name.startswith(".") and CANARY.encode() in path.read_bytes()
    ]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_killed_instances_run_is_swept_by_the_next_run_even_of_another_form(
    tmp_path: Path,
) -> None:
    db = _database(tmp_path)
    out = tmp_path / "xml"
    assert _instances(db, out, "cso", killed=True) != 0
    left = _hidden_with_the_canary(out)
    assert left, "the kill left nothing to sweep: the test no longer reaches its moment"
    assert (out / "cso").is_dir() and not list((out / "cso").glob("*.xml"))
    # the next run into that folder writes only the other form's interview...
    assert _instances(db, out, "gov") == 0
    assert [p.name for p in (out / "gov").iterdir()] != []
    # ...and leaves no interview in a hidden file behind
    assert _hidden_with_the_canary(out) == []
    assert list((out / "cso").iterdir()) == []


def test_a_partial_an_earlier_build_left_goes_when_its_interview_is_written(
    tmp_path: Path,
) -> None:
    """Earlier builds wrote ``.<id>.xml.partial``, a name no sweep knows: it goes when
    that interview is written again, as it went then."""
    from fieldapp.core.export.instances import write_instances

    db = _database(tmp_path)
    out = tmp_path / "xml"
    (written,) = write_instances(db, out, form_ids=("cso",)).written
    earlier = written.with_name(f".{written.name}.partial")
    earlier.write_text(CANARY)
    write_instances(db, out, form_ids=("cso",))
    assert not earlier.exists()
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]
