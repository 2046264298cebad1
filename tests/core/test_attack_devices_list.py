"""``fieldapp devices list`` before the study key: attacker 1 at the supervisor's terminal.

A laptop that works only on the security forces' form shows, in its counts and its last
save, how many of those interviews it made and when it last saved one. The devices desk
leaves sealed forms' interviews out of what it says of each laptop until a key is open;
the command counted them in the clear (``known_devices(hide_sealed=False)``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from study_keys import KEY_PASSPHRASE, sealed_form
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.core.store.clock import Clock, utc_now

DRAFTS = "cuaderno de campo 2026"
NIGHT = dt.datetime(2026, 6, 7, 23, 41, tzinfo=dt.UTC)
"""When the security laptop saved its interviews: a moment nothing else in the study has."""


def _laptop(
    path: Path, form: Path, answers: dict[str, str], count: int, clock: Clock = utc_now
) -> tuple[str, str]:
    """Write ``count`` finalized interviews; return the laptop's id and its last save."""
    with Store.open(path, clock=clock) as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sha = laptop.forms.add(form).sha256
        for _ in range(count):
            laptop.interviews.submit(
                sha, answers, finalize=True, interviewer="NL01", city="nuevo_laredo"
            )
        (last,) = laptop.conn.execute("SELECT max(saved_at) FROM revisions").fetchone()
        return laptop.device_id, str(last)


def _run(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    assert main(list(words)) == 0
    return capsys.readouterr().out


def _counts(out: str, device: str) -> list[str]:
    """The interviews, revisions and last save the table says of ``device``: on the line
    under its id and status, after the four groups of its key's fingerprint."""
    lines = out.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith(device)]
    return lines[at + 1].split()[4:7]


def test_before_the_key_a_sealed_laptops_interviews_and_last_save_are_not_shown(
    tmp_path: Path,
    pair: crypto.KeyPair,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sealed = sealed_form(tmp_path, pair, form_id="security_sealed")
    clear = write_xlsform(
        tmp_path / "cso.xlsx",
        [{"type": "text", "name": "name", "label": "Nombre"}],
        settings={"form_id": "cso", "version": "1"},
    )
    security, last = _laptop(tmp_path / "nl.db", sealed, {"story": "relato"}, 2, lambda: NIGHT)
    civil, _ = _laptop(tmp_path / "tj.db", clear, {"name": "Consejo"}, 1)
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        merge_database(store, tmp_path / "nl.db")
        merge_database(store, tmp_path / "tj.db")

    out = _run(capsys, "devices", "list", "--db", str(db))
    # the security laptop is listed (its key, to revoke it), with nothing of what it did
    assert _counts(out, security) == ["0", "0", "-"], out
    assert _counts(out, civil)[0] == "1"
    assert "2026-06-07" not in out
    said = " ".join(out.split())  # the line under the table is wrapped
    assert "2 interviews of sealed forms are left out" in said and "--key FILE" in said
    shown = json.loads(_run(capsys, "devices", "list", "--db", str(db), "--json"))
    by_id = {device["device_id"]: device for device in shown["devices"]}
    assert (by_id[security]["interviews"], by_id[security]["revisions"]) == (0, 0)
    assert by_id[security]["last_saved"] == "" and shown["sealed_hidden"] == 2
    assert "2026-06-07" not in json.dumps(shown)

    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    key = tmp_path / "study-private-key.pem"
    key.write_bytes(pair.private_pem)
    keyed = ("devices", "list", "--db", str(db), "--key", str(key))
    out = _run(capsys, *keyed)
    assert _counts(out, security)[:2] == ["2", "4"], out
    assert "2026-06-07 23:41" in out and "sealed forms" not in out
    shown = json.loads(_run(capsys, *keyed, "--json"))
    by_id = {device["device_id"]: device for device in shown["devices"]}
    assert by_id[security]["last_saved"] == last and shown["sealed_hidden"] == 0
