"""Finalizing a sealed form's interview says what really happens to it on the laptop.

Found walking the researcher's day: the confirmation promised the interview would stay
"read-only on this laptop", but a sealed form's finalized interview cannot be opened here
at all; trying then showed "Interview 03e349fe-aa2b-… is sealed for the study key", an id
she never saw, and nothing about what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtWidgets import QMessageBox
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.messages import FieldappError, text
from fieldapp.ui import main_window
from fieldapp.ui.interview_window import InterviewWindow
from fieldapp.ui.main_window import MainWindow

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"


@pytest.fixture
def sealed_db(tmp_path: Path, pair: crypto.KeyPair) -> Iterator[tuple[Path, str]]:
    """A laptop's database holding one draft of a sealed form, with everything answered."""
    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = store.interviews.start(sha, interviewer="TJ01", city="tijuana")
        store.interviews.autosave(sid, {"story": "el comandante cobra cuota"})
    yield path, sid


def unlocked_window(path: Path) -> MainWindow:
    """The laptop's main window, its drafts passphrase typed."""
    window = MainWindow(path)
    OPENED.append(window)
    window.store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    return window


def asked_to_finalize(
    window: InterviewWindow, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], bool]:
    """Press Ctrl+Enter's action, answer "Keep editing"; return what was asked."""
    asked: list[str] = []

    def keep_editing(box: QMessageBox) -> int:
        asked.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep_editing)
    return asked, window.ask_to_finalize()


def test_the_confirmation_says_a_sealed_interview_cannot_be_opened_here_afterwards(
    qtbot: Any, sealed_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, sid = sealed_db
    window = unlocked_window(path)
    interview = window.open_interview(sid)
    assert isinstance(interview, InterviewWindow)
    asked, finalized = asked_to_finalize(interview, monkeypatch)
    assert not finalized, "Keep editing finalizes nothing"
    assert asked == [text("finalize.ui.ask_sealed", "en")]
    assert "read-only" not in asked[0] and "not even this laptop can open it" in asked[0]
    interview.close()


def test_opening_ones_own_finalized_sealed_interview_says_why_and_what_to_do(
    qtbot: Any, sealed_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, sid = sealed_db
    window = unlocked_window(path)
    window.store.interviews.finalize(sid)
    shown: list[FieldappError] = []
    monkeypatch.setattr(main_window, "show_error", lambda _parent, error: shown.append(error))
    assert window.open_interview(sid) is None
    assert [error.code for error in shown] == ["finalize.ui.sealed_here"]
    for language in ("en", "es"):
        said = shown[0].text(language)
        assert sid not in said and sid[:8] not in said, "no id she never saw"
    assert "Package for the supervisor" in shown[0].text("en")
    assert "Paquete para el supervisor" in shown[0].text("es")
