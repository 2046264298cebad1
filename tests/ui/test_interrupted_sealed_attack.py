"""The interrupted-session notice saves working copies at start: never a sealed one in clear.

Attacked as a seized laptop would be read: a sealed form's draft left open by a power
cut, the desktop started again. Before the drafts passphrase nothing is saved (the
working copy stays as it was, counted, not named); after it the draft becomes a revision,
and the canary typed in it is in no byte of the database, its WAL or its shared memory.
Nor is the question she was typing in (``core.place``): which mechanism's city was being
discussed is kept, for reopening there, but only under the interview's drafts key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from study_keys import DRAFTS_PASSPHRASE, STORY_AND_MECHANISMS, key_pair, sealed_form

from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.ui.interrupted import tell_interrupted

CANARY = "Canario-7Q4 comandante Ruiz en la bodega"
PLACE = Place(("org/mechanisms", 6, "mech_city"), cursor=17)
PLACE_NEEDLES = ("org/mechanisms[7]/mech_city", "mechanisms[7]", '"cursor"')
"""The place in clear, as its path or its JSON: the form names the questions, not these."""


def _place_found(on_disk: dict[str, bytes]) -> list[str]:
    return [
        f"{name}: {needle}"
        for needle in PLACE_NEEDLES
        for encoded in (needle.encode(), needle.encode("utf-16-le"))
        for name, data in on_disk.items()
        if encoded in data
    ]


class _Window(QWidget):
    """What ``tell_interrupted`` asks of the main window: its store, refresh, select."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.selected: list[str] = []

    def refresh(self) -> None:
        pass

    def select(self, submission_id: str) -> None:
        self.selected.append(submission_id)


def _bytes_on_disk(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def left_open(tmp_path: Path) -> tuple[Path, SubmissionId]:
    """A laptop whose sealed draft was being typed when the power went."""
    form = sealed_form(tmp_path, key_pair(), STORY_AND_MECHANISMS)
    db = tmp_path / "laptop" / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        sid = store.interviews.start(
            sha, interviewer="NL01", city="nuevo_laredo", actor_type="security"
        )
        store.interviews.autosave(sid, {"story": CANARY}, place=PLACE)
    return db, SubmissionId(sid)


def _window(qtbot: Any, store: Store) -> _Window:
    window = _Window(store)
    qtbot.addWidget(window)
    return window


def test_before_the_drafts_passphrase_the_notice_saves_nothing(
    qtbot: Any, left_open: tuple[Path, SubmissionId]
) -> None:
    db, sid = left_open
    with Store.open(db) as store:
        assert store.keys.hides_sealed()
        before = store.conn.execute("SELECT * FROM working_copies").fetchall()
        revisions = store.conn.execute("SELECT count(*) FROM revisions").fetchone()[0]
        window = _window(qtbot, store)
        box = tell_interrupted(window)
        assert box is not None
        said = box.text()
        assert "NL01" not in said and "Nuevo Laredo" not in said, "counted, not named"
        box.accept()
        assert window.selected == []
        assert store.conn.execute("SELECT * FROM working_copies").fetchall() == before
        assert store.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == revisions
        assert store.interviews.place(sid) is None, "locked: no place to go back to yet"
    assert not [n for n, b in _bytes_on_disk(db.parent).items() if CANARY.encode() in b]
    assert _place_found(_bytes_on_disk(db.parent)) == []


def test_after_the_passphrase_the_draft_is_saved_sealed_and_no_clear_byte_on_disk(
    qtbot: Any, left_open: tuple[Path, SubmissionId]
) -> None:
    db, sid = left_open
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        window = _window(qtbot, store)
        box = tell_interrupted(window)
        assert box is not None and "NL01" in box.text()
        box.accept()
        assert window.selected == [sid]
        assert store.conn.execute("SELECT count(*) FROM working_copies").fetchone()[0] == 0
        (head,) = store.interviews.heads(sid)
        assert head.answers is not None and head.answers["story"] == CANARY
        on_disk = _bytes_on_disk(db.parent)  # the WAL and its index while still open
        assert any(name.endswith("-wal") for name in on_disk)
        for needle in (CANARY, "Ruiz en la bodega", "Canario-7Q4"):
            for encoded in (needle.encode(), needle.encode("utf-16-le")):
                assert not [n for n, b in on_disk.items() if encoded in b], needle
        assert _place_found(on_disk) == []
        assert store.interviews.place(sid) == PLACE, "kept past the save, for reopening there"
    assert not [n for n, b in _bytes_on_disk(db.parent).items() if CANARY.encode() in b]
    assert _place_found(_bytes_on_disk(db.parent)) == []
