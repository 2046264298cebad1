"""A forged interview in clear of a form the laptop seals opens read only (*(small)* attacked).

A package may bring a version in clear older than the sealed one held (retired on
arrival) with another laptop's draft on it, named after this laptop's interviewer: Enter
on it opened an editable window, and what she typed was kept in clear.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_windows import open_window
from study_keys import DRAFTS_PASSPHRASE, STORY, key_pair
from xlsform import write_xlsform

from fieldapp.core.form_add import add_form_file
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store

CANARY = "Comandante Halcon vive en la calle 7"  # keyClicks types ASCII only
VICTIM = {"interviewer": "TJ01", "city": "tijuana", "actor_type": "security"}


def _version(folder: Path, number: str, public_key: str = "") -> Path:
    settings = {"form_id": "security", "version": number}
    if public_key:
        settings["public_key"] = public_key
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsform(folder / f"security-{number}.xlsx", survey=STORY, settings=settings)


def test_another_laptops_draft_in_clear_of_a_sealed_form_opens_read_only(
    qtbot: Any, tmp_path: Path
) -> None:
    public_key = key_pair().public_key
    sealed = _version(tmp_path / "sealed", "2026120602", public_key)
    with Store.open(tmp_path / "forger.db") as forger:
        clear = forger.forms.add(_version(tmp_path / "clear", "2026120601")).sha256
        draft = forger.interviews.start(clear, answers={"story": "borrador"}, **VICTIM)
        add_form_file(forger, sealed)
    with Store.open(tmp_path / "victim.db") as victim:
        victim.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        victim.forms.add(sealed)
        merge_database(victim, tmp_path / "forger.db")
        window = open_window(qtbot, victim, draft)
        assert not window.editable
        said = window.banner.text()
        assert "not edited" in said and "2026120601" in said and "2026120602" in said, said
        assert not window.reopen_button.isVisible()
        assert not window.reopen_action.isEnabled()
        edit = window.view.nodes[("story",)].edit
        edit.setFocus()
        qtbot.keyClicks(edit, CANARY)
        window.save()
        window.close()
        assert victim.interviews.working_answers(draft)["story"] == "borrador"
        victim.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = (tmp_path / "victim.db").read_bytes()
    assert CANARY.encode() not in data
