"""Attacks on *(place)*: what a sealed draft's place still says on a seized laptop.

The place (the question being typed in, and a fingerprint of each repeat entry on its
path) is encrypted under the interview's drafts key and padded to ``PLACE_BUCKET``, so
that its length says neither the path nor how many answers an entry holds. Here: repeats
nested three deep (a household, its members, each member's incidents), and a child killed
while it autosaves canaries in those entries.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from study_keys import DRAFTS_PASSPHRASE, key_pair, sealed_form

from fieldapp.core.place import FINGERPRINT_ANSWERS, Place, _digest, follow
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.store.sealing import PLACE_BUCKET

LEVELS = ("hogar", "miembro", "incidente")
"""Three repeats, each inside the one before."""
QUESTIONS = FINGERPRINT_ANSWERS + 8
"""Text questions of each repeat: more than a fingerprint keeps."""


def _survey() -> list[dict[str, str]]:
    survey: list[dict[str, str]] = []
    for level in LEVELS:
        survey.append({"type": "begin repeat", "name": level, "label": level})
        survey += [
            {"type": "text", "name": f"{level}_{n}", "label": f"{level} {n}"}
            for n in range(QUESTIONS)
        ]
    survey += [{"type": "end repeat"} for _ in LEVELS]
    return survey


def _answers(answered: int, text: str = "respuesta") -> dict[str, object]:
    """One entry at each level, ``answered`` of its questions answered with ``text``."""
    inner: dict[str, object] = {}
    for depth, level in reversed(list(enumerate(LEVELS))):
        entry: dict[str, object] = {f"{level}_{n}": f"{text} {n}" for n in range(answered)}
        if depth < len(LEVELS) - 1:
            entry[LEVELS[depth + 1]] = [inner]
        inner = entry
    return {LEVELS[0]: [inner]}


WHERE = (LEVELS[0], 0, LEVELS[1], 0, LEVELS[2], 0, f"{LEVELS[2]}_{QUESTIONS - 1}")
"""The last question of the innermost entry."""


def _stored_place(store: Store, sid: str) -> str:
    (value,) = store.conn.execute("SELECT value FROM meta WHERE key = ?", [f"place:{sid}"])
    return str(value[0])


def test_a_place_three_repeats_deep_is_as_long_whatever_the_entries_hold(
    tmp_path: Path,
) -> None:
    """One answer an entry or every one: the stored place read 2 KiB for the first and
    more for the second (three levels of 32 digests pass the bucket), so its length told
    a seized laptop's reader how much each entry on her path held."""
    form = sealed_form(tmp_path, key_pair(), _survey())
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = SubmissionId(store.interviews.start(store.forms.add(form).sha256))
        lengths = {}
        for answered in (1, QUESTIONS - 1):
            answers = _answers(answered)
            place = Place.at(WHERE, 3, answers)
            store.interviews.autosave(sid, answers, place=place)
            lengths[answered] = len(_stored_place(store, sid))
            kept = store.interviews.place(sid)
            assert kept == place and kept is not None and kept.entries == place.entries
            assert follow(kept, answers) == WHERE
        assert len(set(lengths.values())) == 1, lengths


# Runs in a child: autosave a sealed draft of three nested repeats holding the canary, with
# its place, as fast as it can, until it is killed.
AUTOSAVE = """
import sys
sys.path[:0] = sys.argv[5:]
from fieldapp.core import crypto
from fieldapp.core.place import Place
from fieldapp.core.store import Store, SubmissionId
from test_attack_place_length import WHERE, _answers

path, passphrase, submission, canary = sys.argv[1:5]
with Store.open(path, create=False) as store:
    store.keys.unlock_drafts(passphrase)
    n = 0
    while True:
        n += 1
        answers = _answers(1 + n % 20, f"{canary} {n}")
        store.interviews.autosave(
            SubmissionId(submission), answers, place=Place.at(WHERE, n, answers)
        )
        print(n, flush=True)
"""

CANARY = "Mayor Zorrilla, calle Ébano 12"


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_killed_autosave_leaves_no_canary_of_nested_entries_nor_their_digests(
    tmp_path: Path,
) -> None:
    """The canary in every entry of three nested repeats, autosaved with the place until
    killed: neither the text nor a digest of an entry's answer (which would let a reader
    confirm a guessed name, ``_digest`` being public) is in the database, its WAL, its
    shared memory or the temp folder."""
    folder = tmp_path / "laptop"
    folder.mkdir()
    form = sealed_form(tmp_path, key_pair(), _survey())
    with Store.open(folder / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = store.interviews.start(store.forms.add(form).sha256)
    (folder / "tmp").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"TMPDIR": str(folder / "tmp"), "FIELDAPP_LANG": "en"}
    here = str(Path(__file__).parent)
    paths = [here, str(Path(here).parent)]
    command = [sys.executable, "-c", AUTOSAVE, str(folder / "field.db"), DRAFTS_PASSPHRASE]
    command += [sid, CANARY, *paths]
    saved = 0
    for pause in (0.05, 0.2, 0.4):
        child = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first, child.stderr.read() if child.stderr else "child died"
        time.sleep(pause)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        saved += len((first + out).split())
    assert saved > 3, "the child must have been writing when it was killed"
    digests = {  # of at least as many autosaves as were counted
        _digest(f"{level}_{q}", f"{CANARY} {n} {q}").encode()
        for n in range(1, saved + 1)
        for level in LEVELS
        for q in range(QUESTIONS)
    }
    found = []
    for path in folder.rglob("*"):
        data = path.read_bytes() if path.is_file() else b""
        if CANARY.encode() in data or CANARY.encode("utf-16-le") in data:
            found.append(f"{path.name}: the canary")
        if digests & set(re.findall(rb"[0-9a-f]{16}", data)):
            found.append(f"{path.name}: a digest of an answer")
    assert found == []
    with Store.open(folder / "field.db") as store:  # the last autosave and its place open
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        place = store.interviews.place(SubmissionId(sid))
        assert place is not None and place.ref == WHERE
        assert follow(place, store.interviews.working_answers(SubmissionId(sid))) == WHERE


DEEP = 12
"""Repeats nested a dozen deep, each named with 44 characters: a path of some 580."""
FIELDS = 6
"""Text questions of each deep repeat: as many answers as a place keeps of each entry."""


def _deep_level(depth: int) -> str:
    return f"nivel_{depth:02d}_situacion_del_hogar_y_sus_miembros"


def _deep_survey() -> list[dict[str, str]]:
    survey = [{"type": "text", "name": "q", "label": "q"}]
    for depth in range(DEEP):
        level = _deep_level(depth)
        survey.append({"type": "begin repeat", "name": level, "label": level})
        survey += [
            {"type": "text", "name": f"{level}_{n}", "label": f"{level} {n}"} for n in range(FIELDS)
        ]
    survey += [{"type": "end repeat"} for _ in range(DEEP)]
    return survey


def _deep_answers() -> tuple[tuple[str | int, ...], dict[str, object]]:
    """The ref of the innermost entry's last question, and answers with one entry at each
    level, every question answered."""
    inner: dict[str, object] = {}
    ref: list[str | int] = []
    for depth in reversed(range(DEEP)):
        level = _deep_level(depth)
        entry: dict[str, object] = {f"{level}_{n}": f"respuesta {n}" for n in range(FIELDS)}
        if depth < DEEP - 1:
            entry[_deep_level(depth + 1)] = [inner]
        inner = entry
    for depth in range(DEEP):
        ref += [_deep_level(depth), 0]
    ref.append(f"{_deep_level(DEEP - 1)}_{FIELDS - 1}")
    return tuple(ref), {"q": "hola", _deep_level(0): [inner]}


def test_a_place_at_a_long_deep_path_is_as_long_as_one_at_the_first_question(
    tmp_path: Path,
) -> None:
    """Repeats a dozen deep with names of 44 characters: the place at the innermost
    question passed ``PLACE_BUCKET`` while the one at the first question filled it, so
    a seized laptop's stored place said which question she was at. Every place of the
    form now reads as long as the form's longest."""
    form = sealed_form(tmp_path, key_pair(), _deep_survey())
    deepest, answers = _deep_answers()
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = SubmissionId(store.interviews.start(store.forms.add(form).sha256))
        lengths = {}
        for ref in (("q",), deepest):
            place = Place.at(ref, 2, answers)
            store.interviews.autosave(sid, answers, place=place)
            lengths[ref] = len(_stored_place(store, sid))
            kept = store.interviews.place(sid)
            assert kept == place and kept is not None and kept.entries == place.entries
        assert len(place.to_json().encode()) > PLACE_BUCKET, "the deep place passes the bucket"
        assert len(set(lengths.values())) == 1, lengths
