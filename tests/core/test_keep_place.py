"""The place kept when the keyboard moves on without an answer changing
(``Interviews.keep_place``): the answers, the working copy and the revisions untouched, a
sealed form's place under its drafts key only."""

from __future__ import annotations

from pathlib import Path

import pytest
from study_keys import DRAFTS_PASSPHRASE, key_pair, sealed_form
from xlsform import write_xlsform

from fieldapp.core.messages import FieldappError
from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

STORY = Place(("story",), cursor=4)


def _rows(store: Store) -> tuple[int, int]:
    revisions = store.conn.execute("SELECT count(*) FROM revisions").fetchone()[0]
    copies = store.conn.execute("SELECT count(*) FROM working_copies").fetchone()[0]
    return revisions, copies


def test_a_place_kept_alone_changes_no_answer_copy_or_revision(tmp_path: Path) -> None:
    form = write_xlsform(
        tmp_path / "open.xlsx",
        [{"type": "text", "name": "story", "label": "Story"}],
        settings={"form_id": "open", "version": "1"},
    )
    with Store.open(tmp_path / "field.db") as store:
        sid = SubmissionId(store.interviews.start(store.forms.add(form).sha256, interviewer="A"))
        before = _rows(store)
        store.interviews.keep_place(sid, STORY)
        assert store.interviews.place(sid) == STORY
        assert _rows(store) == before
        assert store.interviews.working_answers(sid).get("story") is None


def test_a_sealed_form_s_place_is_kept_encrypted_and_not_once_its_key_is_gone(
    tmp_path: Path,
) -> None:
    form = sealed_form(tmp_path, key_pair())
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = SubmissionId(store.interviews.start(store.forms.add(form).sha256, interviewer="A"))
        store.interviews.keep_place(sid, STORY)
        stored = store.conn.execute("SELECT value FROM meta WHERE key = ?", [f"place:{sid}"])
        assert '"story"' not in stored.fetchone()[0], "the path in clear"
        assert store.interviews.place(sid) == STORY
    with Store.open(db) as store:
        with pytest.raises(FieldappError):  # locked: nothing written, and said so
            store.interviews.keep_place(sid, Place(("other",)))
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        assert store.interviews.place(sid) == STORY
        store.interviews.autosave(sid, {"story": "ya"})
        store.interviews.finalize(sid)
        with pytest.raises(FieldappError):  # its drafts key forgotten: none made anew
            store.interviews.keep_place(sid, STORY)
        assert store.interviews.place(sid) is None
