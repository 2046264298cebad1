"""Sealing: a finalized interview is unreadable without the study's private key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from study_keys import KEY_PASSPHRASE as PASSPHRASE
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.messages import FieldappError

PHRASE = "El comandante Ramírez cobra cuota en la colonia Anapra".encode()


def test_sealed_record_hides_the_answer_and_opens_with_the_key(
    pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    blob = crypto.seal(PHRASE, pair.public_key, context=b"rev-1")
    assert PHRASE not in blob
    assert b"Ram" not in blob
    assert crypto.unseal(blob, study_key, context=b"rev-1") == PHRASE


def test_each_seal_uses_a_fresh_key(pair: crypto.KeyPair) -> None:
    first = crypto.seal(PHRASE, pair.public_key, context=b"r")
    second = crypto.seal(PHRASE, pair.public_key, context=b"r")
    assert first != second


@pytest.mark.parametrize("position", [4, 20, 300, -1])
def test_a_tampered_record_is_refused_not_decrypted_into_garbage(
    pair: crypto.KeyPair, study_key: crypto.StudyKey, position: int
) -> None:
    blob = bytearray(crypto.seal(PHRASE, pair.public_key, context=b"rev-1"))
    blob[position] ^= 0x01
    with pytest.raises(FieldappError) as caught:
        crypto.unseal(bytes(blob), study_key, context=b"rev-1")
    assert caught.value.code in {"crypto.tampered", "crypto.wrong_key"}


def test_a_sealed_record_moved_to_another_revision_does_not_open(
    pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    blob = crypto.seal(PHRASE, pair.public_key, context=b"rev-1")
    with pytest.raises(FieldappError) as caught:
        crypto.unseal(blob, study_key, context=b"rev-2")
    assert caught.value.code == "crypto.tampered"


def test_wrong_passphrase_is_one_clear_message(pair: crypto.KeyPair) -> None:
    with pytest.raises(FieldappError) as caught:
        crypto.load_private_key(pair.private_pem, "not the passphrase")
    assert caught.value.code == "crypto.wrong_passphrase"
    assert "passphrase" in caught.value.text("en")
    assert "contraseña" in caught.value.text("es")


def test_another_studys_key_is_named_as_such(pair: crypto.KeyPair) -> None:
    other = crypto.generate_key_pair(PASSPHRASE, bits=2048)
    other_key = crypto.load_private_key(other.private_pem, PASSPHRASE)
    blob = crypto.seal(PHRASE, pair.public_key, context=b"r")
    with pytest.raises(FieldappError) as caught:
        crypto.unseal(blob, other_key, context=b"r")
    assert caught.value.code == "crypto.wrong_key"
    assert pair.fingerprint in caught.value.text("en")


def test_a_file_that_is_not_a_key_is_refused() -> None:
    with pytest.raises(FieldappError) as caught:
        crypto.load_private_key(b"\x89PNG\r\n", PASSPHRASE, path="photo.png")
    assert caught.value.code == "crypto.bad_private_key"
    assert "photo.png" in caught.value.text()


@pytest.mark.parametrize("setting", ["", "not base64 !!", "aGVsbG8="])
def test_a_bad_public_key_setting_is_refused(setting: str) -> None:
    with pytest.raises(FieldappError) as caught:
        crypto.load_public_key(setting)
    assert caught.value.code == "crypto.bad_public_key"


def test_short_passphrases_are_refused() -> None:
    with pytest.raises(FieldappError) as caught:
        crypto.generate_key_pair("short")
    assert caught.value.code == "crypto.passphrase_too_short"


def test_draft_encryption_round_trips_and_refuses_a_wrong_passphrase() -> None:
    salt = os.urandom(16)
    key = crypto.derive_key(PASSPHRASE, salt)
    blob = crypto.encrypt(key, PHRASE, context=b"draft-1")
    assert PHRASE not in blob
    assert crypto.decrypt(key, blob, context=b"draft-1") == PHRASE
    with pytest.raises(FieldappError) as caught:
        crypto.decrypt(crypto.derive_key("wrong passphrase!", salt), blob, context=b"draft-1")
    assert caught.value.code == "crypto.wrong_passphrase"


def _fieldapp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_keys_new_makes_a_key_pyxform_accepts_as_public_key(tmp_path: Path) -> None:
    result = _fieldapp(
        "keys", "new", "--out", str(tmp_path / "keys"), "--json",
        env={"FIELDAPP_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    private = Path(made["private_key_file"]).read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in private
    assert oct(Path(made["private_key_file"]).stat().st_mode & 0o777) == "0o600"
    key = crypto.load_private_key(private, PASSPHRASE)
    assert key.fingerprint == made["fingerprint"]

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Story"}],
        settings={"form_id": "sealed", "public_key": made["public_key"]},
    )
    from pyxform.xls2xform import convert

    xml = convert(xlsform=str(form), validate=False).xform
    assert f'base64RsaPublicKey="{made["public_key"]}"' in xml


def test_keys_new_never_overwrites_and_needs_a_passphrase(tmp_path: Path) -> None:
    no_passphrase = _fieldapp("keys", "new", "--out", str(tmp_path))
    assert no_passphrase.returncode == 1
    assert "FIELDAPP_PASSPHRASE" in no_passphrase.stderr
    assert "Traceback" not in no_passphrase.stderr
    assert not list(tmp_path.iterdir())

    env = {"FIELDAPP_PASSPHRASE": PASSPHRASE}
    assert _fieldapp("keys", "new", "--out", str(tmp_path), env=env).returncode == 0
    before = (tmp_path / "fieldapp-study-private-key.pem").read_bytes()
    again = _fieldapp("keys", "new", "--out", str(tmp_path), env=env)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert (tmp_path / "fieldapp-study-private-key.pem").read_bytes() == before


def test_a_file_that_is_no_private_key_is_said_before_a_passphrase_is_asked(
    tmp_path: Path,
) -> None:
    # Typing the passphrase for the wrong file would only ever say "wrong passphrase".
    from fieldapp.core.store import Store

    db = tmp_path / "sup.db"
    Store.open(db).close()
    public = tmp_path / "study-public-key.txt"
    public.write_text("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", encoding="utf-8")
    out = str(tmp_path / "x.xlsx")
    args = ["export", "--db", str(db), "-o", out, "--key", str(public)]
    said = subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        # No passphrase given, none can be asked: asking at all would be the failure said.
        env={k: v for k, v in os.environ.items() if k != "FIELDAPP_PASSPHRASE"},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert said.returncode == 1
    assert said.stderr == (
        f"fieldapp: {public} is not a fieldapp private key file. Choose the private key made "
        "by 'fieldapp keys new'.\n"
    )
