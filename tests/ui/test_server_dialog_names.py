"""File › Server…'s send summary names a refused or held interview as the list does.

It named each by the first 8 characters of its id, which no other window shows. Now an
interview is said by its instance name, or a sealed one by actor · city · day once a key
opens it; before a key, a sealed form's interview is said to be one, never named (the list
shows none: docs/protecting-interviewees.md, "What the list shows before the passphrase").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from study_keys import DRAFTS_PASSPHRASE, sealed_form
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.central import push
from fieldapp.core.messages import Message, text
from fieldapp.core.store import Store, SubmissionId
from fieldapp.ui import i18n
from fieldapp.ui.server_dialog import ServerDialog
from fieldapp.ui.state import UiState

DAY = dt.datetime(2026, 6, 5, 12, 0, tzinfo=dt.UTC)
LOCAL_DAY = DAY.astimezone().date().isoformat()
SEALED_NAME = {
    "en": f"Security forces · Nuevo Laredo · {LOCAL_DAY}",
    "es": f"Fuerzas de seguridad · Nuevo Laredo · {LOCAL_DAY}",
}
REASON = "This form is not currently accepting submissions."


@pytest.fixture
def laptop(tmp_path: Path, pair: crypto.KeyPair) -> tuple[Path, SubmissionId, SubmissionId]:
    """A laptop with a finalized interview of a form in clear (named by its answers) and
    one of a sealed security form in Nuevo Laredo."""
    clear = write_xlsform(
        tmp_path / "cso.xlsx",
        survey=[{"type": "text", "name": "org", "label": "Organización"}],
        settings={"form_id": "cso", "version": "1", "instance_name": "concat('OSC ', ${org})"},
    )
    sealed = sealed_form(tmp_path, pair, form_id="security_sealed")
    db = tmp_path / "laptop.db"
    with Store.open(db, clock=lambda: DAY) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        in_clear, _ = store.interviews.submit(
            store.forms.add(clear).sha256,
            {"org": "Consejo Cívico"},
            finalize=True,
            interviewer="NL01",
            city="nuevo_laredo",
            actor_type="cso",
        )
        secret, _ = store.interviews.submit(
            store.forms.add(sealed).sha256,
            {"story": "relato"},
            finalize=True,
            interviewer="NL01",
            city="nuevo_laredo",
            actor_type="security",
        )
    return db, in_clear, secret


def _summary(dialog: ServerDialog, in_clear: SubmissionId, secret: SubmissionId) -> list[str]:
    held = Message("central.cancelled", {"url": "https://central.example.org"})
    dialog._pushed(push.PushResult(refused=[(in_clear, REASON), (secret, REASON)], held=[]))
    *refused, hint = dialog.status.text().splitlines()[1:]
    assert hint == text("server.ui.retry_hint", dialog.language)  # said once, after them
    dialog._pushed(push.PushResult(held=[(secret, held)]))
    return [*refused, *dialog.status.text().splitlines()[1:]]


@pytest.mark.parametrize("language", ["en", "es"])
def test_refused_interviews_are_named_as_the_list_names_them(
    qtbot: Any,
    laptop: tuple[Path, SubmissionId, SubmissionId],
    study_key: crypto.StudyKey,
    tmp_path: Path,
    language: str,
) -> None:
    db, in_clear, secret = laptop
    i18n.apply_language(language)
    try:
        # before any key: the sealed one is said to be of a sealed form, nothing more
        dialog = ServerDialog(db, config=tmp_path / "config")
        qtbot.addWidget(dialog)
        said = _summary(dialog, in_clear, secret)
        unnamed = text("server.ui.sealed_interview", language)
        assert said[:2] == [f"OSC Consejo Cívico: {REASON}", f"{unnamed}: {REASON}"], said
        assert said[2].startswith(f"{unnamed}: "), said
        whole = dialog.status.text() + "\n".join(said)
        for told in (secret[:8], in_clear[:8], "Nuevo Laredo", "Security", "Seguridad"):
            assert told not in whole, told
        # the window's store with the study key open: named as the list names it
        state = UiState()
        with Store.open(db) as store:
            store.keys.unlock(study_key)
            state.set_store(store)
            dialog = ServerDialog(db, config=tmp_path / "config", state=state)
            qtbot.addWidget(dialog)
            said = _summary(dialog, in_clear, secret)
            state.set_store(None)
        assert said[:2] == [
            f"OSC Consejo Cívico: {REASON}",
            f"{SEALED_NAME[language]}: {REASON}",
        ], said
        assert said[2].startswith(f"{SEALED_NAME[language]}: "), said
        assert "relato" not in "\n".join(said)
    finally:
        i18n.apply_language("en")
