"""After fieldapp is killed mid-typing, the next start knows which interviews were open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.interrupted import interrupted_drafts
from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

REPO = Path(__file__).resolve().parents[2]
DRAFTS_PASSPHRASE = "cuaderno de campo 2026"

# The child types into one interview as the window does (one autosave a keystroke, with
# where the cursor is) and reports each keystroke once autosave returned; it is killed
# while typing.
CHILD = """
import sys, time
from fieldapp.core.place import Place
from fieldapp.core.store import Store, SubmissionId

path, sid = sys.argv[1:]
typed = ""
with Store.open(path, create=False) as store:
    for letter in "Después de 2018 la mesa dejó de reunirse" * 50:
        typed += letter
        store.interviews.autosave(
            SubmissionId(sid), {"story": typed}, place=Place(("story",), len(typed))
        )
        sys.stdout.write(f"{len(typed)}\\n")
        sys.stdout.flush()
        time.sleep(0.002)
"""


def story_form(tmp_path: Path, public_key: str | None = None) -> Path:
    settings = {"form_id": "story", "version": "1"}
    if public_key is not None:
        settings["public_key"] = public_key
    return write_xlsform(
        tmp_path / "story.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Relato"}],
        settings=settings,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_interview_being_typed_when_fieldapp_was_killed_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        sha = store.forms.add(story_form(tmp_path)).sha256
        typing = store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso")
        closed = store.interviews.start(sha, interviewer="TJ01", city="monterrey", actor_type="cso")
        store.interviews.autosave(closed, {"story": "cerrada"})
        store.interviews.save(closed)  # what closing its window does
        assert interrupted_drafts(store).named == ()

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), typing],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    reported = 0
    while reported < 20:  # typing: now pull the plug
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "the child died"
        reported = int(line)
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate()
    assert child.returncode == -signal.SIGKILL
    reported = max([reported, *(int(n) for n in rest.decode().split()[:-1])])

    with Store.open(path, create=False) as store:
        found = interrupted_drafts(store)
        assert [record.submission_id for record in found.named] == [typing]
        assert found.named[0].city == "tijuana" and found.hidden == 0
        kept = str(store.interviews.working_answers(SubmissionId(typing))["story"])
        assert len(kept) >= reported, "every letter reported typed is there"
        assert store.interviews.place(SubmissionId(typing)) == Place(("story",), len(kept)), (
            "where she was typing, kept with the same letter: the cursor after the last one"
        )
        assert store.interviews.place(closed) is None, "nothing typed there through a window"
        store.interviews.save(SubmissionId(typing))  # reopened and closed: told once
        assert interrupted_drafts(store).named == ()
        assert store.interviews.place(SubmissionId(typing)) == Place(("story",), len(kept))


def test_a_sealed_forms_interview_is_only_counted_before_the_passphrase(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    path = tmp_path / "field.db"
    with Store.open(path) as store:
        sha = store.forms.add(story_form(tmp_path, pair.public_key)).sha256
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = store.interviews.start(sha, interviewer="NL02", city="nuevo_laredo")
        store.interviews.autosave(sid, {"story": "el comandante cobra cuota"})
        # killed here: no revision made of the working copy
    with Store.open(path, create=False) as store:
        locked = interrupted_drafts(store)
        assert locked.named == () and locked.hidden == 1, "no city or day before the passphrase"
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        unlocked = interrupted_drafts(store)
        assert [record.submission_id for record in unlocked.named] == [sid]
        assert unlocked.hidden == 0
