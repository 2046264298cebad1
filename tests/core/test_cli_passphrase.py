"""The command line's one passphrase prompt: the study key's and the drafts' alike."""

from __future__ import annotations

import getpass
import types
from pathlib import Path

import pytest

from fieldapp.cli import unlock_drafts
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store


def typing(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """Make the terminal answer ``answers`` in turn; return the prompts it was shown."""
    monkeypatch.delenv("FIELDAPP_DRAFT_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(isatty=lambda: True))
    shown: list[str] = []
    left = list(answers)

    def typed(prompt: str) -> str:
        shown.append(prompt)
        return left.pop(0)

    monkeypatch.setattr(getpass, "getpass", typed)
    return shown


def test_a_new_drafts_passphrase_is_typed_twice_and_a_mismatch_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "field.db") as store:
        shown = typing(monkeypatch, "una frase bastante larga", "una frase bastante largA")
        with pytest.raises(FieldappError) as refused:
            unlock_drafts(store)
        assert refused.value.code == "crypto.passphrase_mismatch" and len(shown) == 2
        assert not store.keys.drafts_passphrase_set() and not store.keys.drafts_unlocked

        shown = typing(monkeypatch, "una frase bastante larga", "una frase bastante larga")
        unlock_drafts(store)
        assert len(shown) == 2 and store.keys.drafts_unlocked

    with Store.open(tmp_path / "field.db") as store:  # set: asked once from now on
        shown = typing(monkeypatch, "una frase bastante larga")
        unlock_drafts(store)
        assert len(shown) == 1 and store.keys.drafts_unlocked


def test_without_a_terminal_the_variable_to_set_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDAPP_DRAFT_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(isatty=lambda: False))
    with Store.open(tmp_path / "field.db") as store:
        with pytest.raises(FieldappError) as refused:
            unlock_drafts(store)
        assert refused.value.code == "crypto.no_passphrase"
        assert "FIELDAPP_DRAFT_PASSPHRASE" in refused.value.text("en")
        monkeypatch.setenv("FIELDAPP_DRAFT_PASSPHRASE", "una frase bastante larga")
        unlock_drafts(store)
        assert store.keys.drafts_unlocked
