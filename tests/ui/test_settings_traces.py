"""What the desktop leaves in its settings after a researcher's and a supervisor's session.

Attacker 2 of ``docs/protecting-interviewees.md`` reads every file of a seized laptop;
QSettings is one more file. A sealed interview is typed in its window and finalized, the
study key is opened from a file in a folder whose name is a canary, the review queue
reads the interview, the idle lock fires: then every settings file is searched for the
answer, the key's folder and the sealed interview's interviewer code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtCore import QSettings
from study_keys import DRAFTS_PASSPHRASE, KEY_PASSPHRASE, sealed_form

from fieldapp.core import crypto
from fieldapp.ui import lock

ANSWER = "canario-QZ52 la teniente Olvera cobra la cuota"
KEY_FOLDER = "llaves-QZ52-del-estudio"
INTERVIEWER = "QZTJ52"


def _settings_bytes(tmp_path: Path) -> bytes:
    QSettings().sync()
    folder = tmp_path / "settings"  # where ``private_settings`` puts them
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files, "the session wrote its settings"
    return b"\n".join(p.read_bytes() for p in files)


def test_no_answer_key_path_or_interviewer_of_a_sealed_interview_reaches_the_settings(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core.store import Store
    from fieldapp.ui.interview_window import InterviewWindow
    from fieldapp.ui.main_window import MainWindow

    form = sealed_form(tmp_path, pair)
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        submission = store.interviews.start(
            store.forms.add(form).sha256,
            interviewer=INTERVIEWER,
            city="tijuana",
            actor_type="security",
        )
    key_file = tmp_path / KEY_FOLDER / "study.pem"
    key_file.parent.mkdir()
    key_file.write_bytes(pair.private_pem)

    def passphrase(parent: Any, store: Any) -> bool:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        return True

    def type_key(dialog: lock.StudyKeyDialog) -> int:
        dialog.key_file.setText(str(key_file))
        dialog.passphrase.setText(KEY_PASSPHRASE)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(lock, "ask_drafts_passphrase", passphrase)
    monkeypatch.setattr(lock.StudyKeyDialog, "exec", type_key)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    idle = lock.install_locks(window)
    try:
        qtbot.waitUntil(lambda: window.store.keys.drafts_unlocked)
        interview = window.open_interview(submission)  # the researcher types the answer
        assert isinstance(interview, InterviewWindow)
        OPENED.append(interview)
        interview.view.commit(("story",), ANSWER)
        assert interview.finalize()
        window.study_key_action.trigger()  # then the supervisor opens the key
        assert window.store.keys.unlocked
        view = window.open_review()
        view.show_interview(submission)
        assert view.readable
        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert isinstance(idle.dialog, lock.PassphraseDialog)  # the drafts were open
        idle.dialog.passphrase.setText(DRAFTS_PASSPHRASE)
        idle.dialog.accept()
        assert isinstance(idle.dialog, lock.StudyKeyDialog)
        assert KEY_FOLDER in idle.dialog.key_file.text()  # remembered, in memory
        idle.dialog.reject()
        view.close()
        settings = _settings_bytes(tmp_path)
        for needle in (ANSWER, "Olvera", KEY_FOLDER, INTERVIEWER):
            assert needle.encode() not in settings, needle
            assert needle.encode("utf-16-le") not in settings, needle
    finally:
        idle.stop()
        window.close()
        window.store.close()
