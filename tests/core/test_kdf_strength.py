"""Passphrases are stretched hard enough that guessing them is slow, old files included."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldapp.core import crypto, key_file
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store, sealing

# The product's costs, not the cheap one the other tests use (tests/conftest.py).
pytestmark = pytest.mark.real_kdf

PASSPHRASE = "una frase larga de prueba"


@pytest.fixture(scope="module")
def private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_a_new_study_key_file_uses_pbkdf2_sha256_at_600000_rounds() -> None:
    pair = crypto.generate_key_pair(PASSPHRASE, bits=2048)
    found = key_file.strength(pair.private_pem)
    assert found == key_file.KeyFileStrength("pbkdf2-sha256", 600_000)
    assert found.strong
    assert pair.private_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    # The standard reader opens it (so do OpenSSL and ODK Briefcase), and only with it.
    key = crypto.load_private_key(pair.private_pem, PASSPHRASE)
    assert key.fingerprint == pair.fingerprint
    with pytest.raises(FieldappError) as caught:
        crypto.load_private_key(pair.private_pem, "otra frase bastante larga")
    assert caught.value.code == "crypto.wrong_passphrase"


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_reads_the_key_file_and_its_parameters(tmp_path: Path) -> None:
    pair = crypto.generate_key_pair(PASSPHRASE, bits=2048)
    path = tmp_path / "study.pem"
    path.write_bytes(pair.private_pem)
    shown = subprocess.run(
        ["openssl", "asn1parse", "-in", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "PBES2" in shown and "hmacWithSHA256" in shown and "aes-256-cbc" in shown
    assert ":0927C0" in shown  # 600,000 rounds
    opened = subprocess.run(
        ["openssl", "pkey", "-in", str(path), "-passin", f"pass:{PASSPHRASE}", "-noout"],
        capture_output=True,
        check=False,
    )
    assert opened.returncode == 0


def test_an_old_weak_key_file_still_opens_and_is_rewrapped_on_first_use(
    tmp_path: Path, private_key: rsa.RSAPrivateKey
) -> None:
    old = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    weak = key_file.strength(old)
    assert not weak.strong and weak.rounds < 600_000  # what keys new wrote before
    path = tmp_path / "study.pem"
    path.write_bytes(old)
    key = crypto.open_key_file(path, PASSPHRASE)
    rewritten = path.read_bytes()
    assert key_file.strength(rewritten) == key_file.KeyFileStrength("pbkdf2-sha256", 600_000)
    assert path.stat().st_mode & 0o077 == 0
    assert crypto.load_private_key(rewritten, PASSPHRASE).fingerprint == key.fingerprint
    assert [p.name for p in tmp_path.iterdir()] == ["study.pem"]  # no partial left
    # A wrong passphrase changes nothing.
    with pytest.raises(FieldappError):
        crypto.open_key_file(path, "otra frase bastante larga")
    assert path.read_bytes() == rewritten


def test_a_key_file_that_cannot_be_rewritten_still_opens(
    tmp_path: Path, private_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    path = tmp_path / "study.pem"
    path.write_bytes(old)

    def read_only(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(key_file.os, "open", read_only)  # a locked USB stick
    assert crypto.open_key_file(path, PASSPHRASE).private_key is not None
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["study.pem"]


@pytest.mark.slow
def test_the_drafts_passphrase_uses_scrypt_n_2_17_and_old_wraps_are_strengthened(
    tmp_path: Path,
) -> None:
    assert crypto.DRAFTS_SCRYPT_N >= 2**17
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(PASSPHRASE)
        assert sealing.drafts_kdf_cost(store.db.conn) == 2**17
        # Rewrap the drafts key the way an older fieldapp did (N = 2^15, no cost noted).
        conn = store.db.conn
        drafts_key = store.keys._drafts_key
        assert drafts_key is not None
        salt = bytes(16)
        derived = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(PASSPHRASE.encode())
        context = b"fieldapp-drafts-key:" + store.database_id.encode()
        with store.transaction():
            conn.execute("DELETE FROM meta WHERE key = ?", [sealing.KDF_META])
            conn.execute("UPDATE meta SET value = ? WHERE key = ?", [salt.hex(), sealing.SALT_META])
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = ?",
                [crypto.encrypt(derived, drafts_key, context=context).hex(), sealing.KEY_META],
            )
        assert sealing.drafts_kdf_cost(conn) == 2**15
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(PASSPHRASE)
        assert store.keys._drafts_key == drafts_key  # the same key: every draft still opens
        assert sealing.drafts_kdf_cost(store.db.conn) == 2**17
    with Store.open(tmp_path / "field.db") as store:
        with pytest.raises(FieldappError):
            store.keys.unlock_drafts("otra frase bastante larga")
        store.keys.unlock_drafts(PASSPHRASE)
        assert store.keys._drafts_key == drafts_key


def test_one_guess_costs_what_the_document_says(capsys: pytest.CaptureFixture[str]) -> None:
    """Print the cost of one guess on this machine; the document quotes these figures."""
    started = time.perf_counter()
    crypto.derive_key(PASSPHRASE, bytes(16))
    scrypt_seconds = time.perf_counter() - started
    pair_pem = crypto.generate_key_pair(PASSPHRASE, bits=2048).private_pem
    started = time.perf_counter()
    with pytest.raises(FieldappError):
        crypto.load_private_key(pair_pem, "a wrong guess, long enough")
    pbkdf2_seconds = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\none guess: drafts scrypt N=2^17 {scrypt_seconds:.2f} s, "
            f"study key PBKDF2 600,000 {pbkdf2_seconds:.2f} s"
        )
    # A guess that cost nothing would mean the parameters were not applied.
    assert scrypt_seconds > 0.02 and pbkdf2_seconds > 0.02
