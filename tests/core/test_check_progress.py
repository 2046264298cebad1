"""`fieldapp check --key` counts the sealed versions it opens on a terminal, as the
devices desk's bar does (the long part: a private-key operation each)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from study_keys import DRAFTS_PASSPHRASE, KEY_PASSPHRASE

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.demo import run_demo
from fieldapp.core.form_add import _with_settings
from fieldapp.core.study import study_forms


@pytest.fixture(scope="module")
def sealed_db(tmp_path_factory: pytest.TempPathFactory, pair: crypto.KeyPair) -> tuple[Path, Path]:
    """The demo's database with the security form sealed; return it and the study key file."""
    folder = tmp_path_factory.mktemp("sealed")
    forms = []
    for form in study_forms():
        if form.actor_type == "security":
            sealed = _with_settings(form.path.read_bytes(), public_key=pair.public_key)
            (folder / "security.xlsx").write_bytes(sealed)
        forms.append(folder / "security.xlsx" if form.actor_type == "security" else form.path)
    path = folder / "d.db"
    with pytest.MonkeyPatch.context() as patch:  # the suite's cheap drafts cost (conftest)
        patch.setattr(crypto, "DRAFTS_SCRYPT_N", 2**12)
        run_demo(path, 40, forms=forms, drafts_passphrase=DRAFTS_PASSPHRASE)
    key = folder / "study-private-key.pem"
    key.write_bytes(pair.private_pem)
    return path, key


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _sealed_versions(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM revisions WHERE answers IS NULL AND substr(sealed, 1, 4) = ?",
            [crypto.SEAL_MAGIC],
        ).fetchone()
    return int(count)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Opening the sealed versions with the study key: {done} of {total}…"),
        ("es", "Abriendo las versiones selladas con la clave del estudio: {done} de {total}…"),
    ],
)
def test_check_with_the_key_counts_the_sealed_versions_it_opens_on_a_terminal(
    sealed_db: tuple[Path, Path],
    language: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, key = sealed_db
    total = _sealed_versions(path)
    assert total > 1
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_LANG", language)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["check", "--db", str(path), "--key", str(key)]) == 0
    shown = terminal.getvalue()
    lines = shown.split("\r")
    assert said.format(done=0, total=total) in lines[1]
    assert lines[-1] == said.format(done=total, total=total) + "\n", "the last count, ended"
    assert "\x1b" not in shown and "\ufffd" not in shown
    assert str(path) in capsys.readouterr().out, "the check's result, on stdout as before"


def test_check_without_a_terminal_prints_no_count(
    sealed_db: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A script's log (stderr to a file) gets no line rewritten in place."""
    path, key = sealed_db
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    assert main(["check", "--db", str(path), "--key", str(key)]) == 0
    captured = capsys.readouterr()
    assert "\r" not in captured.err and "sealed versions" not in captured.err
