"""An instanceID claim stays in sight after the merge that found it (design-notes, *An
instanceID claim stays in sight*).

Mallory's stolen laptop wrote the instanceID ODK Collect drew for Rosa's interview; the
supervisor pulled Rosa's from Central, then merged Mallory's: both listed, and only that
merge's summary said why. The claim is derived from the rows whenever it is asked:
``fieldapp check`` lists it, in either language and in its JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from central_scenarios import collect_id_claimed, sealed_claim_merged_locked
from study_keys import KEY_PASSPHRASE

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.central.copies import Claim, settle_claims, standing_claims
from fieldapp.core.merge import merge_database
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store import Store


def test_a_claim_is_found_again_in_every_later_session(tmp_path: Path) -> None:
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    claim = Claim(collect_id, copy, mallory)
    with Store.open(path) as supervisor:
        assert standing_claims(supervisor) == (claim,)
        # Asked from either interview, as the review desk asks.
        assert standing_claims(supervisor, copy) == (claim,)
        assert standing_claims(supervisor, mallory) == (claim,)
        listed = {record.submission_id for record in supervisor.interviews.page()}
        assert listed == {copy, mallory}


def test_check_lists_each_claim_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    capsys.readouterr()
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    # A claim is no refused row: the exit code stays that of a clean database.
    assert main(["check", "--db", str(path)]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if collect_id in line]
    assert copy in line and mallory in line
    assert "Compare them" in line and "tell the study coordinator" in line
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    assert main(["check", "--db", str(path)]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if collect_id in line]
    assert "Compárelas" in line and "avise a la coordinación" in line and mallory in line
    assert main(["check", "--db", str(path), "--json"]) == 0
    (claim,) = json.loads(capsys.readouterr().out)["instance_id_claims"]
    assert (claim["instance_id"], claim["central_copy"], claim["interview"]) == (
        collect_id,
        copy,
        mallory,
    )
    assert mallory in claim["message"]


def test_a_claim_settled_is_no_longer_said(tmp_path: Path) -> None:
    """Once the supervisor sets Mallory's interview aside, nothing is claimed."""
    path, _, copy, mallory = collect_id_claimed(tmp_path)
    with Store.open(path) as supervisor:
        quarantine_rows(supervisor, [("submissions", mallory)], reason="forged", author="Rosa")
        assert standing_claims(supervisor) == ()
        assert standing_claims(supervisor, copy) == ()


def test_the_interview_central_holds_is_no_claim(tmp_path: Path) -> None:
    """The phone's own interview, saying what Central's copy says, sets the copy aside:
    only Mallory's claim is left, now against nothing listed, so none is said."""
    path, _, copy, mallory = collect_id_claimed(tmp_path)
    with Store.open(path) as supervisor:
        report = merge_database(supervisor, tmp_path / "phone.db")
        assert report.claims == ()
        listed = {record.submission_id for record in supervisor.interviews.page()}
        assert copy not in listed and mallory in listed
        assert standing_claims(supervisor) == ()
        assert standing_claims(supervisor, mallory) == ()


def test_a_sealed_claim_merged_with_the_key_locked_is_compared_once_it_opens(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    """The phone's own sealed interview, merged after the pull with the study key locked:
    a claim until the key opens both, then the copy gives way to it."""
    path, copy, rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    with Store.open(path) as supervisor:
        supervisor.keys.unlock_drafts("drafts passphrase")  # the list shows sealed forms
        (claim,) = standing_claims(supervisor)
        assert (claim.copy, claim.interview) == (copy, rosa)
        assert settle_claims(supervisor) == []  # still locked: nothing to compare
        supervisor.keys.unlock(study_key)
        assert standing_claims(supervisor) == ()
        assert settle_claims(supervisor) == [copy]
        listed = {record.submission_id for record in supervisor.interviews.page()}
        assert listed == {rosa}
        assert settle_claims(supervisor) == []  # said once: the copy is set aside


def _file_bytes(db: Path) -> dict[str, bytes]:
    """The database's files as they are on disk (the WAL and its index too)."""
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")) if p.is_file()}


def test_a_sealed_claim_opened_by_a_commands_key_is_compared_and_said(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A command's --key opened the sealed claim and no longer listed it, yet the copy
    stayed listed and `review set-aside --key` said it was in no claim (claims4). Now a
    command that only reads says the two are the same, writing nothing; one that writes
    sets the copy aside as the app's key dialog does."""
    path, copy, rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    key = tmp_path / "study.pem"
    key.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    db = str(path)
    before = _file_bytes(path)
    capsys.readouterr()
    assert main(["check", "--db", db, "--key", str(key)]) == 0
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if copy in line]
    assert rosa in line and "the same interview" in line and "Nothing was written" in line
    assert main(["check", "--db", db, "--key", str(key), "--json"]) == 0
    (same,) = json.loads(capsys.readouterr().out)["central_copies_same"]
    assert same["central_copy"] == copy and same["interview"] == rosa and not same["set_aside"]
    assert main(["review", "list", "--db", db, "--key", str(key)]) == 0
    lines = capsys.readouterr().out.splitlines()
    (at,) = [n for n, line in enumerate(lines) if line.startswith(copy[:8] + " ")]
    assert f"says what {rosa[:8]} says" in lines[at + 1], lines
    assert _file_bytes(path) == before  # read-only commands: compared in memory

    code = main(["review", "set-aside", copy[:8], "--db", db, "--key", str(key), "--author", "R"])
    said = capsys.readouterr()
    # set aside by the key as it opened: no longer a listed interview to set aside
    assert code != 0 and "No listed interview" in said.err, said
    (line,) = [line for line in said.out.splitlines() if copy in line]
    assert rosa in line and "the copy is set aside" in line
    with Store.open(path) as supervisor:
        supervisor.keys.unlock(study_key)
        listed = {record.submission_id for record in supervisor.interviews.page()}
        assert listed == {rosa}  # the message true: the copy is no longer listed


def test_check_quarantine_with_the_key_sets_the_same_copy_aside(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check --quarantine --key`, which writes, settles as the app's key dialog does and
    says so (claims4)."""
    path, copy, rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    key = tmp_path / "study.pem"
    key.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    capsys.readouterr()
    argv = ["check", "--db", str(path), "--key", str(key), "--quarantine", "--author", "Rosa"]
    assert main(argv) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if copy in line]
    assert rosa in line and "la copia queda apartada" in line
    with Store.open(path) as supervisor:
        supervisor.keys.unlock(study_key)
        assert {record.submission_id for record in supervisor.interviews.page()} == {rosa}


def _zip_csv(path: Path, name: str) -> list[list[str]]:
    import csv
    import io
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_an_export_with_the_key_leaves_out_the_copy_it_shows_the_same(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`export --key` exported ODK Central's copy of the phone's sealed interview beside
    it, which `check --key` says is the same interview: the analyst got Rosa twice
    (claims4). Now the copy is left out, as the app sets it aside, and the terminal, the
    JSON and about.csv say how many; without the key the export is as before. Nothing is
    written to the database."""
    path, copy, rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    key = tmp_path / "study.pem"
    key.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    db = str(path)
    before = _file_bytes(path)
    capsys.readouterr()

    out = tmp_path / "keyed.zip"
    assert main(["export", "--db", db, "-o", str(out), "--key", str(key)]) == 0
    said = capsys.readouterr().out
    assert "Exported 1 interview" in said
    (line,) = [line for line in said.splitlines() if "ODK Central" in line]
    assert line.startswith("1 copy of ODK Central's was left out") and "check --key" in line
    (data,) = [name for name in _names(out) if name not in ("about.csv", "codebook.csv")]
    rows = _zip_csv(out, data)
    ids = [row[rows[0].index("_submission_id")] for row in rows[1:]]
    assert ids == [rosa]  # once, with its answers
    assert "Rosa" in rows[1]
    about = {row[0]: row[1:] for row in _zip_csv(out, "about.csv")}
    assert about["ODK Central's copies left out as the same interview"][0] == "1"
    assert _file_bytes(path) == before  # compared in memory, as check --key does

    monkeypatch.setenv("FIELDAPP_LANG", "es")
    argv = ["export", "--db", db, "-o", str(tmp_path / "es.zip"), "--key", str(key), "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["central_copies_same"] == 1
    assert main(["export", "--db", db, "-o", str(tmp_path / "es2.zip"), "--key", str(key)]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "ODK Central" in line]
    assert line.startswith("Se dejó fuera 1 copia de ODK Central") and "check --key" in line
    about = {row[0] for row in _zip_csv(tmp_path / "es2.zip", "about.csv")}
    assert "Copias de ODK Central dejadas fuera por ser la misma entrevista" in about

    # Without the key nothing changes: both sealed rows, no line, no row in about.
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    locked = tmp_path / "locked.zip"
    assert main(["export", "--db", db, "-o", str(locked)]) == 0
    said = capsys.readouterr()
    assert "Exported 2 interviews" in said.out and "ODK Central" not in said.out + said.err
    rows = _zip_csv(locked, data)
    assert sorted(row[rows[0].index("_submission_id")] for row in rows[1:]) == sorted([copy, rosa])
    assert not [row for row in _zip_csv(locked, "about.csv") if "ODK Central" in row[0]]
    assert _file_bytes(path) == before


def _names(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return [name for name in archive.namelist() if name.endswith(".csv")]


def test_a_deidentified_export_with_the_key_holds_the_interview_once_and_no_name(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The de-identified promise where claims5 leaves a copy out: a `--deidentify --key`
    export of the same claim leaves the copy out and says so (the terminal and `about`),
    holds Rosa's interview in one row at most, and holds her name in no file of the export
    (the de-identified path of claims5's leaving out, only read until now)."""
    path, _copy, _rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    key = tmp_path / "study.pem"
    key.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    out = tmp_path / "shareable.zip"
    argv = ["export", "--db", str(path), "-o", str(out), "--key", str(key), "--deidentify"]
    capsys.readouterr()
    assert main([*argv, "--min-group", "2"]) == 0
    said = capsys.readouterr().out
    assert any(
        line.startswith("1 copy of ODK Central's was left out") for line in said.splitlines()
    )
    (data,) = [name for name in _names(out) if name not in ("about.csv", "codebook.csv")]
    assert len(_zip_csv(out, data)) <= 2  # the header and one interview at most
    about = {row[0]: row[1:] for row in _zip_csv(out, "about.csv")}
    assert about["ODK Central's copies left out as the same interview"][0] == "1"
    import zipfile

    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert b"Rosa" not in archive.read(name), name
