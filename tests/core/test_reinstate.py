"""A revocation undone: the supervisor reinstates a laptop revoked by mistake.

Each test tries to break one promise of ``devices.reinstate_device``: the laptop's refused
package merges whole once the reinstatement is there; nobody but the certified supervisor
can reinstate (a thief, a laptop, a forged certificate); a revocation written after the
reinstatement is in force again; a crafted reinstatement is refused by merge.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum, revisions_of
from study_team import certified_team, refused

from fieldapp.cli import main
from fieldapp.core import crypto, validate
from fieldapp.core.devices import (
    certify_supervisor,
    reinstate_device,
    reinstatements,
    revocations,
    revoke_device,
    revoked,
)
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store.records import STUDY_WIDE


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Device, Device, Device]]:
    with certified_team(tmp_path) as devices:
        yield devices


def _revoked_by_mistake(supervisor: Device, beto: Device) -> str:
    """Revoke Beto's laptop (the wrong one) and return the revocation's event id."""
    return revoke_device(
        supervisor.store, beto.store.device_id, reason="la de Tijuana", author="sup"
    )


def _fieldwork(beto: Device, package: Path) -> set[tuple[object, ...]]:
    """Beto keeps interviewing after the revocation; return his revisions, as packaged."""
    sid = beto.create(beto.add_form(), "Tijuana", {"name": "después de la revocación"})
    beto.edit(sid, {"years": 4})
    beto.finalize(sid)
    write_package(beto.store, package)
    return {row for row in revisions_of(beto.path) if row[3] == beto.store.device_id}


def _events(path: Path, kind: str) -> list[tuple[str, str]]:
    """Return (event id, signing device) of every event of ``kind`` in a database."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT e.uuid, g.device_id FROM events AS e JOIN signatures AS g "
            "ON g.row_table = 'events' AND g.row_uuid = e.uuid WHERE e.kind = ?",
            [kind],
        ).fetchall()
    finally:
        conn.close()


def test_a_laptop_revoked_by_mistake_is_reinstated_and_its_refused_package_merges_whole(
    team, tmp_path
):
    supervisor, _, beto = team
    revocation = _revoked_by_mistake(supervisor, beto)
    package = tmp_path / "beto.fieldapp"
    written = _fieldwork(beto, package)
    refused(supervisor, package, "merge.revoked_device")
    event = reinstate_device(
        supervisor.store, beto.store.device_id, reason="era la de Monterrey", author="sup"
    )
    assert beto.store.device_id not in revoked(supervisor.store.conn)
    payload = json.loads(
        supervisor.store.conn.execute(
            "SELECT payload FROM events WHERE uuid = ?", [event]
        ).fetchone()[0]
    )
    assert payload == {
        "device_id": beto.store.device_id,
        "reason": "era la de Monterrey",
        "revocations": [revocation],
    }
    # The very package refused before now merges: every row Beto wrote since is there.
    report = merge_database(supervisor.store, package)
    assert report.revisions == 3
    assert written <= revisions_of(supervisor.path)


def test_a_reinstatement_relayed_by_the_laptop_keeps_the_supervisors_signature(team, tmp_path):
    supervisor, ana, beto = team
    _revoked_by_mistake(supervisor, beto)
    merge_database(ana.store, supervisor.path)  # Ana learns the revocation
    written = _fieldwork(beto, tmp_path / "beto.fieldapp")
    refused(ana, beto.path, "merge.revoked_device")
    reinstate_device(supervisor.store, beto.store.device_id, reason="error", author="sup")
    # Beto takes the supervisor's package home; Ana gets it only through Beto's.
    merge_database(beto.store, supervisor.path)
    merge_database(ana.store, beto.path)
    assert written <= revisions_of(ana.path)
    assert [device for _, device in _events(ana.path, "device_reinstated")] == [
        supervisor.store.device_id
    ]
    assert beto.store.device_id not in revoked(ana.store.conn)


def test_a_thief_holding_the_revoked_laptop_cannot_reinstate_it(team):
    supervisor, ana, beto = team
    revocation = _revoked_by_mistake(supervisor, beto)
    merge_database(beto.store, supervisor.path)  # the thief even holds the revocation
    with pytest.raises(FieldappError) as error:
        reinstate_device(beto.store, beto.store.device_id, reason="mía", author="beto")
    assert error.value.code == "devices.reinstate_not_supervisor"
    assert "only the supervisor may reinstate" in error.value.text("en")
    # Written by hand and signed with the laptop's own key: refused wherever it goes.
    payload = {"device_id": beto.store.device_id, "reason": "mía", "revocations": [revocation]}
    beto.store.events.add(STUDY_WIDE, "device_reinstated", payload, author="sup")
    said = refused(supervisor, beto.path, "merge.not_supervisor").text("en")
    assert "device_reinstated" in said and beto.store.device_id in said
    merge_database(ana.store, supervisor.path)
    refused(ana, beto.path, "merge.not_supervisor")
    assert beto.store.device_id in revoked(supervisor.store.conn)


def test_another_laptop_cannot_reinstate_one_either(team):
    supervisor, ana, beto = team
    revocation = _revoked_by_mistake(supervisor, beto)
    merge_database(ana.store, supervisor.path)
    before = file_checksum(ana.path)
    with pytest.raises(FieldappError) as error:
        reinstate_device(ana.store, beto.store.device_id, reason="es de Beto", author="ana")
    assert error.value.code == "devices.reinstate_not_supervisor"
    assert file_checksum(ana.path) == before
    payload = {"device_id": beto.store.device_id, "reason": "x", "revocations": [revocation]}
    ana.store.events.add(STUDY_WIDE, "device_reinstated", payload, author="ana")
    refused(supervisor, ana.path, "merge.not_supervisor")


def test_a_reinstatement_under_a_forged_supervisor_certificate_is_refused(team, monkeypatch):
    supervisor, ana, beto = team
    _revoked_by_mistake(supervisor, beto)
    merge_database(ana.store, supervisor.path)
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    forged_key = crypto.load_private_key(other.private_pem, "otra frase larga de prueba")
    # Ana's database is patched to take her own key for a study key: she certifies herself.
    from fieldapp.core import devices

    monkeypatch.setattr(devices, "study_public_keys", lambda store: {forged_key.fingerprint})
    certify_supervisor(ana.store, forged_key, author="sup")
    monkeypatch.undo()
    reinstate_device(ana.store, beto.store.device_id, reason="falsa", author="sup")
    refused(supervisor, ana.path, "merge.bad_certificate")
    assert beto.store.device_id in revoked(supervisor.store.conn)


def test_revoking_again_after_a_reinstatement_is_in_force(team, tmp_path):
    supervisor, _, beto = team
    first = _revoked_by_mistake(supervisor, beto)
    reinstate_device(supervisor.store, beto.store.device_id, reason="error", author="sup")
    assert beto.store.device_id in reinstatements(supervisor.store.conn)
    # Now the laptop really is stolen: the new revocation is not the one reinstated.
    second = revoke_device(supervisor.store, beto.store.device_id, reason="robada", author="sup")
    assert revocations(supervisor.store.conn)[beto.store.device_id][0] == "robada"
    assert beto.store.device_id not in reinstatements(supervisor.store.conn)
    _fieldwork(beto, tmp_path / "beto.fieldapp")
    refused(supervisor, beto.path, "merge.revoked_device")
    # A second reinstatement names only the revocation still in force.
    event = reinstate_device(supervisor.store, beto.store.device_id, reason="hallada", author="s")
    (payload,) = supervisor.store.conn.execute(
        "SELECT payload FROM events WHERE uuid = ?", [event]
    ).fetchone()
    assert json.loads(payload)["revocations"] == [second] != [first]


def test_reinstating_refuses_a_laptop_not_revoked_and_an_empty_reason(team):
    supervisor, ana, beto = team
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        reinstate_device(supervisor.store, ana.store.device_id, reason="x", author="sup")
    assert error.value.code == "devices.not_revoked"
    assert ana.store.device_id in error.value.text("es")
    _revoked_by_mistake(supervisor, beto)
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        reinstate_device(supervisor.store, beto.store.device_id, reason="  ", author="sup")
    assert error.value.code == "devices.reason_needed"
    assert file_checksum(supervisor.path) == before
    assert beto.store.device_id in revoked(supervisor.store.conn)


@pytest.mark.parametrize(
    "payload",
    [
        {"device_id": "{beto}", "reason": "x"},
        {"device_id": "{beto}", "reason": "x", "revocations": "{revocation}"},
        {"device_id": 7, "reason": "x", "revocations": ["{revocation}"]},
        {"device_id": "{beto}", "reason": None, "revocations": ["{revocation}"]},
    ],
    ids=["no-revocations", "revocations-not-a-list", "device-not-text", "no-reason"],
)
def test_a_reinstatement_with_junk_members_is_refused_by_merge(team, payload):
    supervisor, ana, beto = team
    revocation = _revoked_by_mistake(supervisor, beto)
    merge_database(ana.store, supervisor.path)
    filled = json.loads(
        json.dumps(payload)
        .replace("{beto}", beto.store.device_id)
        .replace("{revocation}", revocation)
    )
    # Written with the supervisor's own key: only the row rules stand in the way.
    supervisor.store.events.add(STUDY_WIDE, "device_reinstated", filled, author="sup")
    error = refused(ana, supervisor.path, "merge.bad_row")
    assert "device_reinstated" in error.text("en")
    assert beto.store.device_id in revoked(ana.store.conn)


def test_a_reinstatement_set_aside_lifts_nothing(team):
    supervisor, _, beto = team
    _revoked_by_mistake(supervisor, beto)
    event = reinstate_device(supervisor.store, beto.store.device_id, reason="x", author="sup")
    assert beto.store.device_id not in revoked(supervisor.store.conn)
    quarantine_rows(supervisor.store, [("events", event)], reason="by mistake", author="sup")
    assert beto.store.device_id in revoked(supervisor.store.conn)
    assert beto.store.device_id not in reinstatements(supervisor.store.conn)


def test_a_previous_version_refuses_the_reinstatement_as_an_unknown_kind(team, monkeypatch):
    supervisor, ana, beto = team
    _revoked_by_mistake(supervisor, beto)
    merge_database(ana.store, supervisor.path)
    reinstate_device(supervisor.store, beto.store.device_id, reason="error", author="sup")
    # Ana's laptop runs the version before this one: it knows no such kind of event.
    from fieldapp.core import devices

    older = {k: v for k, v in validate.EVENT_KINDS.items() if k != "device_reinstated"}
    monkeypatch.setattr(validate, "EVENT_KINDS", older)
    monkeypatch.setattr(validate, "RULES", {**validate.RULES, "events": validate._event_rules()})
    monkeypatch.setattr(devices, "REINSTATED", "not known yet")
    monkeypatch.setattr(
        devices, "SUPERVISOR_KINDS", tuple(k for k in devices.SUPERVISOR_KINDS if k in older)
    )
    error = refused(ana, supervisor.path, "merge.bad_row")
    said = error.text("en")
    assert 'its kind "device_reinstated" is not one this fieldapp writes' in said
    assert "Traceback" not in said


def test_the_cli_reinstates_and_lists_revoked_and_reinstated_laptops(team, capsys):
    supervisor, ana, beto = team
    _revoked_by_mistake(supervisor, beto)
    db, device = str(supervisor.path), beto.store.device_id
    capsys.readouterr()
    assert main(["devices", "list", "--db", db, "--json"]) == 0
    listed = {d["device_id"]: d for d in json.loads(capsys.readouterr().out)["devices"]}
    assert listed[device]["status"] == "revoked"
    assert listed[device]["reason"] == "la de Tijuana"
    assert listed[ana.store.device_id]["status"] == "laptop"
    assert (
        main(
            ["devices", "reinstate", device, "--db", db, "--reason", "era otra", "--author", "Rosa"]
        )
        == 0
    )
    assert device in capsys.readouterr().out
    assert main(["devices", "list", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(device))
    said = lines[at] + lines[at + 1]  # a status goes on under itself, the figures under it
    assert "reinstated" in said and "era otra" in " ".join(said.split())
    assert main(["devices", "list", "--db", str(ana.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(line for line in lines if ana.store.device_id in line)
    assert line.rstrip().endswith("this laptop")  # not "this laptop, laptop"
    # Again: not revoked any more, one clear line and nothing written.
    before = file_checksum(supervisor.path)
    assert (
        main(
            ["devices", "reinstate", device, "--db", db, "--reason", "otra vez", "--author", "Rosa"]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "is not revoked" in err and "Traceback" not in err
    assert (
        main(
            [
                "devices",
                "reinstate",
                device,
                "--db",
                str(ana.path),
                "--reason",
                "x",
                "--author",
                "Rosa",
            ]
        )
        == 1
    )
    assert "only the supervisor" in capsys.readouterr().err
    assert file_checksum(supervisor.path) == before
