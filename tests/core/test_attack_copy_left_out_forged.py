"""(attack6) A version set aside makes no copy of ODK Central's give way.

*(claims5)*: ``export --key`` leaves out Central's copy of an interview the study key
shows to be the same as one in the database, as the key dialog sets it aside
(``copies.settle_claims``). The interview beside it was looked for in every version the
database holds, set aside or not. A keyless package brings an interview made up in
Carla's name carrying the instanceID and the answers of a submission ODK Collect sent
(Rosa's, sealed: the forger wrote what Rosa told it, or the phone was its own); Carla's
package then leaves it out, as not her laptop's. Nothing of it is listed, yet the export
left out Rosa's copy "as the same interview": her interview was exported nowhere, and
the key dialog set her copy aside for good; with the key open at the merge, the merge did.
Only a version its device signed, not set aside, makes a copy give way now.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from central_ledger import SERVER, CentralProject
from central_scenarios import FORM_ID, sealed_store
from study_keys import KEY_PASSPHRASE
from test_merge_attacks import _forged

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.central import push
from fieldapp.core.central.copies import copy_id, sealed_same, settle_claims
from fieldapp.core.central.pull import pull
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store

ROSA = {"name": "Rosa", "age": 41, "town": "tijuana"}


def _left_out_beside_a_copy(
    folder: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey, *, key_open: bool = False
) -> tuple[Path, str, str]:
    """The supervisor's database: Central's copy of Rosa's sealed submission (sent by a
    phone whose database never comes here), and an interview made up in Carla's name with
    the same instanceID and answers, taken before Carla's package and left out by it.
    Return the database, the copy and the made-up interview."""
    collect_id = f"uuid:{uuid.uuid4()}"
    central = CentralProject(folder / "central.json", FORM_ID)
    phone, sha = sealed_store(folder / "phone", pair.public_key, study_key)
    with phone:
        phone.interviews.submit(sha, {**ROSA, "meta/instanceID": collect_id}, finalize=True)
        push.push(phone, central, SERVER)
    carla, sha = sealed_store(folder / "carla", pair.public_key, study_key)
    with carla:
        carla.interviews.submit(sha, {"name": "Lucía", "age": 30, "town": "tijuana"}, finalize=True)
        device = carla.device_id
    forger, sha = sealed_store(folder / "forger", pair.public_key, study_key)
    with forger:
        made_up, _ = forger.interviews.submit(
            sha, {**ROSA, "meta/instanceID": collect_id}, finalize=True
        )
    keyless = _forged(
        folder / "forger" / "s.db",
        folder,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        f"UPDATE submissions SET created_on = '{device}'",
        f"UPDATE revisions SET device_id = '{device}'",
        f"UPDATE events SET device_id = '{device}'",
    )
    path = folder / "supervisor.db"
    with Store.open(path) as supervisor:
        supervisor.forms.add(folder / "phone" / "sealed" / "s.xlsx")
        supervisor.keys.unlock(study_key)
        pull(supervisor, central, server="central.test#1")
    with Store.open(path) as supervisor:  # the study key locked, unless ``key_open``
        if key_open:
            supervisor.keys.unlock(study_key)
        merge_database(supervisor, keyless)
        report = merge_database(supervisor, folder / "carla" / "s.db")
        assert len(report.set_aside) == 4  # the made-up interview's version and events
    return path, copy_id(collect_id), made_up


def test_a_version_set_aside_makes_no_copy_give_way_in_the_export_or_the_key_dialog(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, copy, made_up = _left_out_beside_a_copy(tmp_path, pair, study_key)
    with Store.open(path) as supervisor:
        listed = {c.submission.submission_id for c in supervisor.interviews.iter_current()}
        assert copy in listed and made_up not in listed  # Rosa's copy, and Carla's own
        assert len(listed) == 2
    key = tmp_path / "study.pem"
    key.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    capsys.readouterr()
    out = tmp_path / "keyed.zip"
    assert main(["export", "--db", str(path), "-o", str(out), "--key", str(key)]) == 0
    said = capsys.readouterr().out
    assert "Exported 2 interviews" in said and "ODK Central" not in said
    with zipfile.ZipFile(out) as book:
        (data,) = [
            n
            for n in book.namelist()
            if n.endswith(".csv") and n not in ("about.csv", "codebook.csv")
        ]
        rows = list(csv.reader(io.TextIOWrapper(book.open(data), encoding="utf-8-sig")))
    ids = [row[rows[0].index("_submission_id")] for row in rows[1:]]
    assert copy in ids and made_up not in ids
    assert any("Rosa" in row for row in rows[1:]), "Rosa's answers, exported once"

    # ``check --key`` names no claim of an interview nothing of which is listed.
    assert main(["check", "--db", str(path), "--key", str(key)]) == 0
    said = capsys.readouterr().out
    assert made_up not in said and "instanceID" not in said

    # The key dialog's settling sets nothing aside: Rosa's copy stays listed.
    with Store.open(path) as supervisor:
        supervisor.keys.unlock(study_key)
        assert sealed_same(supervisor) == ()
        assert settle_claims(supervisor) == []
        listed = {c.submission.submission_id for c in supervisor.interviews.iter_current()}
        assert copy in listed


def test_a_version_its_device_did_not_sign_sets_no_copy_aside_at_the_merge(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    """The same, the study key open while the made-up interview merges: the copy was set
    aside there and then (``set_copies_aside``), and stayed set aside once Carla's
    package left the made-up interview out: only Carla's interview was listed."""
    path, copy, made_up = _left_out_beside_a_copy(tmp_path, pair, study_key, key_open=True)
    with Store.open(path) as supervisor:
        listed = {c.submission.submission_id for c in supervisor.interviews.iter_current()}
        assert copy in listed and made_up not in listed
        assert len(listed) == 2


def test_check_names_a_copy_a_version_set_aside_set_aside_before_and_takes_it_back(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """(attack7) The copy set aside before attack6 (as ``set_copies_aside`` or the key
    dialog did, the made-up version counted): ``check`` names it without the key, says
    how to take it back, and ``--quarantine`` does; her interview, Carla's, stays."""
    from fieldapp.core.messages import text
    from fieldapp.core.quarantine import quarantine_rows

    path, copy, made_up = _left_out_beside_a_copy(tmp_path, pair, study_key)
    with Store.open(path) as supervisor:  # as fieldapp before attack6 wrote it
        reason = text("pull.copy_set_aside", None, copy=copy, interview=made_up)
        quarantine_rows(supervisor, [("submissions", copy)], reason=reason, author="fieldapp")
        listed = {c.submission.submission_id for c in supervisor.interviews.iter_current()}
        assert copy not in listed and len(listed) == 1
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    capsys.readouterr()
    assert main(["check", "--db", str(path), "--json"]) == 0
    (named,) = json.loads(capsys.readouterr().out)["central_copies_set_aside_for_nothing"]
    assert named["central_copy"] == copy and not named["taken_back"]
    assert "--quarantine --author NAME" in named["message"]
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    assert main(["check", "--db", str(path)]) == 0
    said = capsys.readouterr().out
    assert copy in said and "para recuperarla" in said

    monkeypatch.setenv("FIELDAPP_LANG", "en")
    assert main(["check", "--db", str(path), "--quarantine", "--author", "Rosa"]) == 0
    said = capsys.readouterr().out
    assert copy in said and "It is taken back" in said
    with Store.open(path) as supervisor:
        listed = {c.submission.submission_id for c in supervisor.interviews.iter_current()}
        assert copy in listed and made_up not in listed and len(listed) == 2
    assert main(["check", "--db", str(path)]) == 0
    assert copy not in capsys.readouterr().out


def test_a_copy_set_aside_for_the_interview_that_made_it_is_not_named(tmp_path: Path) -> None:
    """A copy a listed interview minted stays set aside, nothing named; once that
    interview is set aside too, the copy is named."""
    from merge_devices import Device

    from fieldapp.core.central.copies import set_aside_for_nothing
    from fieldapp.core.messages import text
    from fieldapp.core.quarantine import quarantine_rows
    from fieldapp.core.store.instance_ids import minted_instance_id
    from fieldapp.core.store.records import SubmissionId

    ana = Device(tmp_path / "ana.db", "Ana")
    form = ana.add_form()
    mine = ana.create(form, "Lima", {"name": "Mía"})
    instance_id = minted_instance_id(mine)
    ana.edit(mine, {"meta/instanceID": instance_id})  # as the app writes it
    copy = SubmissionId(copy_id(instance_id))
    with ana.store.transaction():
        ana._submission(copy, "civil_society", form, "Lima")
        ana._revision(copy, (), "draft", {"name": "Mía", "meta/instanceID": instance_id})
    ana.store.refresh_derived()
    reason = text("pull.copy_set_aside", None, copy=copy, interview=mine)
    quarantine_rows(ana.store, [("submissions", copy)], reason=reason, author="fieldapp")
    assert set_aside_for_nothing(ana.store) == ()
    quarantine_rows(ana.store, [("submissions", mine)], reason="made up", author="Rosa")
    assert [c for c, _ in set_aside_for_nothing(ana.store)] == [copy]
    ana.close()
