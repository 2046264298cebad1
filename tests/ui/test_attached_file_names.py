"""A recording attached in the interview window: its stored name tells nothing of it.

An attacker holding a guessed recording (the one a checkpoint seized from a phone)
hashes it and looks for the hash in the names the app keeps: the suffix the window adds
is random, so two attachments of the same bytes get different names and neither carries
a digest of them; on a sealed form the name itself is in no file in clear.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from opened_windows import OPENED
from study_keys import DRAFTS_PASSPHRASE, sealed_form

from fieldapp.core import crypto

STEM = "comandante-QZ53"


def test_the_same_recording_attached_twice_gets_two_random_names_and_no_digest(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow

    recordings = [
        {"type": "audio", "name": "first", "label": "Grabación"},
        {"type": "audio", "name": "second", "label": "Otra grabación"},
    ]
    form = sealed_form(tmp_path, pair, recordings)
    recording = tmp_path / "seized" / f"{STEM}.m4a"
    recording.parent.mkdir()
    content = b"\x00\x00\x00\x20ftypM4A guessed recording"
    recording.write_bytes(content)
    digests = [
        hashlib.new(kind, content).hexdigest() for kind in ("md5", "sha1", "sha256", "blake2b")
    ]
    folder = tmp_path / "laptop"
    store = Store.open(folder / "field.db")
    try:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        submission = store.interviews.start(
            store.forms.add(form).sha256, interviewer="TJ01", city="tijuana", actor_type="cso"
        )
        window = InterviewWindow(store, submission)
        OPENED.append(window)
        window.show()
        for key in ("first", "second"):
            window.view.reveal((key,))
            window.view.nodes[(key,)].attach_path(recording)
        answers = store.interviews.working_answers(submission)
        names = [answers["first"], answers["second"]]
        assert names[0] != names[1]
        for name in names:
            assert re.fullmatch(rf"{STEM}-[0-9a-f]{{8}}\.m4a", name), name
            suffix = name[len(STEM) + 1 : -len(".m4a")]
            assert not [d for d in digests if suffix in d], name
        window.close()
        for path in folder.iterdir():  # database, WAL: the name is encrypted there
            assert STEM.encode() not in path.read_bytes(), path.name
    finally:
        store.close()
