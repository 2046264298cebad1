"""The devices a database knows, as the Devices desk lists them (``core.known_devices``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from forged_rows import FORGED_REVISION, forge_revision
from merge_devices import Device, file_checksum, study_key_pair
from study_keys import KEY_PASSPHRASE

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor, reinstate_device, revoke_device
from fieldapp.core.known_devices import KnownDevice, known_devices, this_laptop
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store import Store
from fieldapp.core.validate import check_store


def _study_key() -> crypto.StudyKey:
    return crypto.load_private_key(study_key_pair().private_pem, KEY_PASSPHRASE)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Device, Device, Device]]:
    """A supervisor who merged Ana (two interviews) and Beto (one, and a sealed one by
    QZNL77, an interviewer working on Beto's laptop)."""
    supervisor, ana, beto = (Device(tmp_path / f"{n}.db", n) for n in ("sup", "ana", "beto"))
    form = ana.add_form()
    first = ana.create(form, "Tijuana", {"name": "uno"})
    ana.edit(first, {"name": "uno bis"})
    ana.create(form, "Monterrey", {"name": "dos"})
    sid = beto.create(beto.add_form(), "Nuevo Laredo", {"name": "tres"})
    beto.name = "QZNL77"
    beto.seal(sid, b"sealed")
    beto.name = "beto"
    for laptop in (ana, beto):
        merge_database(supervisor.store, laptop.path)
    yield supervisor, ana, beto
    for device in (supervisor, ana, beto):
        device.close()


def _by_id(store: object, *, hide_sealed: bool) -> dict[str, KnownDevice]:
    found = known_devices(store, hide_sealed=hide_sealed)  # type: ignore[arg-type]
    return {device.device_id: device for device in found.devices}


def test_this_laptops_fingerprint_is_the_one_devices_show_prints(tmp_path, capsys):
    laptop = Device(tmp_path / "ana.db", "ana")
    shown = this_laptop(laptop.store)
    laptop.close()
    capsys.readouterr()
    assert main(["devices", "show", "--db", str(laptop.path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (shown.device_id, shown.fingerprint) == (printed["device_id"], printed["fingerprint"])
    assert not shown.supervisor and not shown.has_supervisor


def test_each_device_says_what_it_wrote_and_its_key_as_its_own_laptop_shows_it(team):
    supervisor, ana, beto = team
    listed = known_devices(supervisor.store, hide_sealed=False)
    assert listed.devices[0].device_id == supervisor.store.device_id  # this laptop first
    assert listed.devices[0].this_laptop and listed.sealed_hidden == 0
    devices = {d.device_id: d for d in listed.devices}
    a, b = devices[ana.store.device_id], devices[beto.store.device_id]
    assert a.fingerprint == this_laptop(ana.store).fingerprint
    assert b.fingerprint == this_laptop(beto.store).fingerprint
    assert (a.interviews, a.revisions, a.interviewers) == (2, 3, ("ana",))
    assert (b.interviews, b.revisions, b.interviewers) == (2, 2, ("QZNL77", "beto"))
    newest = supervisor.store.conn.execute(
        "SELECT max(saved_at) FROM revisions WHERE device_id = ?", [ana.store.device_id]
    ).fetchone()[0]
    assert a.last_saved == newest
    assert not (a.supervisor or a.revocation or a.this_laptop)
    assert devices[supervisor.store.device_id].revisions == 0


def test_before_a_key_sealed_interviews_are_left_out_and_counted_apart(team):
    supervisor, _, beto = team
    b = _by_id(supervisor.store, hide_sealed=True)[beto.store.device_id]
    assert "QZNL77" not in b.interviewers
    assert (b.interviews, b.revisions, b.interviewers) == (1, 1, ("beto",))
    assert known_devices(supervisor.store, hide_sealed=True).sealed_hidden == 1


def test_the_certified_supervisor_and_a_revoked_laptop_with_its_reason(team):
    supervisor, ana, beto = team
    certify_supervisor(supervisor.store, _study_key(), author="Rosa")
    revoke_device(supervisor.store, beto.store.device_id, reason="robada en Tijuana", author="Rosa")
    devices = _by_id(supervisor.store, hide_sealed=False)
    assert devices[supervisor.store.device_id].supervisor
    revocation = devices[beto.store.device_id].revocation
    assert revocation is not None
    assert (revocation.reason, revocation.author) == ("robada en Tijuana", "Rosa")
    assert devices[ana.store.device_id].revocation is None
    # The laptops learn both from the supervisor's package.
    merge_database(ana.store, supervisor.path)
    on_ana = _by_id(ana.store, hide_sealed=False)
    assert on_ana[supervisor.store.device_id].supervisor
    assert on_ana[beto.store.device_id].revocation == revocation
    assert this_laptop(ana.store).has_supervisor and not this_laptop(ana.store).supervisor


def test_a_laptop_cannot_set_rows_aside_once_the_study_has_a_supervisor(team):
    supervisor, ana, _ = team
    certify_supervisor(supervisor.store, _study_key(), author="Rosa")
    merge_database(ana.store, supervisor.path)
    forge_revision(ana.store.conn)
    assert [row.key for row in check_store(ana.store).bad] == [FORGED_REVISION]
    before = file_checksum(ana.path)
    with pytest.raises(FieldappError) as error:
        check_store(ana.store, quarantine=True, reason="forged", author="ana")
    assert error.value.code == "check.not_supervisor"
    assert "only the supervisor may set rows aside" in error.value.text("en")
    assert file_checksum(ana.path) == before


def test_rows_set_aside_count_nowhere_and_are_counted_apart(team):
    supervisor, ana, _ = team
    conn = supervisor.store.conn
    device = ana.store.device_id
    (second,) = conn.execute(
        "SELECT uuid FROM submissions WHERE created_on = ? AND city = 'Monterrey'", [device]
    ).fetchone()
    first_saved, edit = conn.execute(
        "SELECT min(saved_at), (SELECT uuid FROM revisions WHERE device_id = ? AND parents <> "
        "'[]') FROM revisions WHERE device_id = ? AND submission_uuid <> ?",
        [device, device, second],
    ).fetchone()
    assert known_devices(supervisor.store, hide_sealed=False).quarantined == 0
    # Ana's second interview and her edit of the first one are set aside.
    rows = [("submissions", second), ("revisions", edit)]
    assert quarantine_rows(supervisor.store, rows, reason="forged", author="Rosa") == 2
    listed = known_devices(supervisor.store, hide_sealed=False)
    a = {d.device_id: d for d in listed.devices}[device]
    assert (a.interviews, a.revisions, a.last_saved) == (1, 1, first_saved)
    assert listed.quarantined == 2


def test_a_reinstated_laptop_says_so_and_a_new_revocation_wins(team):
    supervisor, _, beto = team
    certify_supervisor(supervisor.store, _study_key(), author="Rosa")
    device = beto.store.device_id
    revoke_device(supervisor.store, device, reason="la de Tijuana", author="Rosa")
    reinstate_device(supervisor.store, device, reason="era la de Monterrey", author="Rosa")
    b = _by_id(supervisor.store, hide_sealed=False)[device]
    assert b.revocation is None and b.reinstatement is not None
    assert (b.reinstatement.reason, b.reinstatement.author) == ("era la de Monterrey", "Rosa")
    revoke_device(supervisor.store, device, reason="robada", author="Rosa")
    b = _by_id(supervisor.store, hide_sealed=False)[device]
    assert b.reinstatement is None and b.revocation is not None
    assert b.revocation.reason == "robada"


def test_a_check_cancelled_lists_nothing_and_changes_nothing(tmp_path: Path) -> None:
    """The desk's Cancel: asked before the row rules, during them (SQLite's own steps),
    or between the sealed versions the study key opens, the check stops with
    ``check.cancelled`` and leaves the database as it was."""
    laptop = Device(tmp_path / "ana.db", "ana")
    sid = laptop.create(laptop.add_form(), "Tijuana", {"name": "x"})
    for _ in range(3):
        laptop.seal(sid, b"sealed")
    laptop.close()
    before = file_checksum(laptop.path)
    asked = 0

    def counted() -> bool:
        nonlocal asked
        asked += 1
        return False

    with Store.open(laptop.path) as store:  # not cancelled: the check runs whole
        store.keys.unlock(_study_key())
        assert check_store(store, cancelled=counted).bad == []
    assert asked > 3, "asked between the sealed versions at least"
    for after in (0, asked // 2, asked - 1):  # the last ask: before the last sealed version
        calls = 0

        def cancelled(after: int = after) -> bool:
            nonlocal calls
            calls += 1
            return calls > after

        with Store.open(laptop.path) as store:
            store.keys.unlock(_study_key())
            with pytest.raises(FieldappError) as error:
                check_store(store, cancelled=cancelled)
        assert error.value.code == "check.cancelled", after
        assert file_checksum(laptop.path) == before
