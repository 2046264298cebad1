"""The study's authority: a supervisor certified by the study key, and lost laptops revoked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum, study_key_pair
from study_keys import KEY_PASSPHRASE
from study_team import certified_team, refused, study_key

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor, revoke_device, revoked, supervisors
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.progress import clear_target, set_target, targets
from fieldapp.core.store import Store
from fieldapp.core.store.records import STUDY_WIDE

PASSPHRASE = KEY_PASSPHRASE  # study_key_pair's


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Device, Device, Device]]:
    """A supervisor certified by the study key; Ana and Beto have merged with her once."""
    with certified_team(tmp_path) as devices:
        yield devices


def test_the_certificate_travels_and_the_supervisors_targets_are_taken(team):
    supervisor, ana, _ = team
    assert supervisors(ana.store.db.conn) == {supervisor.store.device_id}
    set_target(supervisor.store, "Tijuana", "civil_society", 12, author="sup")
    merge_database(ana.store, supervisor.path)
    assert targets(ana.store) == {("Tijuana", "civil_society"): 12}


def test_a_laptop_cannot_set_targets_or_review_once_the_study_has_a_supervisor(team):
    supervisor, ana, _ = team
    set_target(ana.store, "Tijuana", "civil_society", 1, author="ana")
    error = refused(supervisor, ana.path, "merge.not_supervisor")
    assert ana.store.device_id in error.text("en") and "target" in error.text("en")


def test_a_laptop_that_certifies_itself_with_another_key_isrefused(team, tmp_path):
    supervisor, _, _ = team
    mallory = Device(tmp_path / "mallory.db", "mallory")
    mallory.create(mallory.add_form(), "Tijuana", {"name": "x"})
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    forged_key = crypto.load_private_key(other.private_pem, "otra frase larga de prueba")
    # Mallory's own database holds no sealed form for her key: she must forge one there.
    with pytest.raises(FieldappError) as error:
        certify_supervisor(mallory.store, forged_key)
    assert error.value.code == "devices.no_sealed_form"
    mallory.store.db.conn.execute(
        "INSERT INTO events VALUES ('e1', '', NULL, 'supervisor_certified', 'm', ?, ?, ?)",
        [
            mallory.store.device_id,
            "2025-01-01T00:00:00+00:00",
            '{"certificate":"00","device_id":"x","public_key":"00"}',
        ],
    )
    mallory.store.db.conn.commit()
    mallory.close()
    # The row is unsigned: refused before the certificate is even read.
    refused(supervisor, mallory.path, "merge.unsigned_of_signer")


def test_a_forged_certificate_signed_by_the_laptop_itself_isrefused(team, tmp_path):
    supervisor, ana, _ = team
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    forged_key = crypto.load_private_key(other.private_pem, "otra frase larga de prueba")
    # Ana's own key signs the event; the certificate is made with a key that is not the
    # study's. Her database is patched to believe that key is a study key.
    from fieldapp.core import devices

    real = devices.study_public_keys
    devices.study_public_keys = lambda store: {forged_key.fingerprint}  # type: ignore[assignment]
    try:
        certify_supervisor(ana.store, forged_key, author="ana")
    finally:
        devices.study_public_keys = real
    refused(supervisor, ana.path, "merge.bad_certificate")


def test_a_revoked_laptop_is_refused_everywhere_the_revocation_reaches(team, tmp_path):
    supervisor, ana, beto = team
    sid = beto.create(beto.add_form(), "Tijuana", {"name": "antes del robo"})
    merge_database(supervisor.store, beto.path)
    revoke_device(supervisor.store, beto.store.device_id, reason="robada", author="sup")
    assert beto.store.device_id in revoked(supervisor.store.db.conn)
    # What the supervisor had of Beto still reaches Ana, with the revocation.
    merge_database(ana.store, supervisor.path)
    assert ana.store.interviews.heads(sid)[0].author == "beto"
    # Whatever the stolen laptop signs afterwards is refused by both.
    beto.edit(sid, {"name": "escrito por el ladrón"})
    refused(supervisor, beto.path, "merge.revoked_device")
    refused(ana, beto.path, "merge.revoked_device")


def test_only_a_certified_supervisor_revokes(team, tmp_path):
    supervisor, ana, beto = team
    with pytest.raises(FieldappError) as error:
        revoke_device(ana.store, beto.store.device_id, reason="x")
    assert error.value.code == "devices.not_supervisor"
    # A revocation a laptop writes itself is refused where it arrives.
    ana.store.events.add(  # through the store: signed by Ana
        ana.submissions()[0], "comment", {"comment": "ok"}, author="ana"
    )
    payload = {"device_id": beto.store.device_id, "reason": "x", "heads": []}
    ana.store.events.add(STUDY_WIDE, "device_revoked", payload, author="ana")
    assert "device_revoked" in refused(supervisor, ana.path, "merge.not_supervisor").text("en")


def test_revoking_needs_a_reason_and_an_empty_one_changes_nothing(team):
    supervisor, _ana, beto = team
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        revoke_device(supervisor.store, beto.store.device_id, reason="   ")
    assert error.value.code == "devices.revoke_reason_needed"
    assert beto.store.device_id in error.value.text("es")
    assert file_checksum(supervisor.path) == before
    assert beto.store.device_id not in revoked(supervisor.store.conn)


def test_the_cli_certifies_and_revokes(tmp_path, monkeypatch, capsys):
    supervisor, beto = Device(tmp_path / "sup.db", "sup"), Device(tmp_path / "beto.db", "beto")
    sid = beto.create(beto.add_form(), "Tijuana", {"name": "x"})
    beto.seal(sid, b"s")
    (enrolled,) = merge_database(supervisor.store, beto.path).new_devices
    supervisor.close()
    key_file = tmp_path / "study.pem"
    key_file.write_bytes(study_key_pair().private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    db = str(supervisor.path)
    # What the laptop shows is what the supervisor's summary showed when it was enrolled.
    assert main(["devices", "show", "--db", str(beto.path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"device_id": beto.store.device_id, "fingerprint": enrolled.fingerprint}
    assert main(["devices", "certify", "--db", db, "--key", str(key_file), "--author", "Rosa"]) == 0
    assert "certified supervisor" in capsys.readouterr().out
    device = beto.store.device_id
    assert (
        main(["devices", "revoke", "--db", db, device, "--reason", "robada", "--author", "Rosa"])
        == 0
    )
    assert device in capsys.readouterr().out
    assert (
        main(
            ["devices", "revoke", "--db", db, "no-such-device", "--reason", "x", "--author", "Rosa"]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "no-such-device" in err and "Traceback" not in err
    beto.close()


def _sealed_version(tmp_path: Path, version: str, public_key: str) -> Path:
    from merge_devices import SEALED_FORM, SURVEY
    from xlsform import write_xlsform

    settings = {
        "form_id": SEALED_FORM,
        "version": version,
        "form_title": SEALED_FORM,
        "public_key": public_key,
    }
    return write_xlsform(tmp_path / f"{version}.xlsx", survey=SURVEY, settings=settings)


def test_only_the_supervisor_publishes_forms_and_may_change_a_key(team, tmp_path):
    supervisor, ana, beto = team
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    # A laptop adds a version of its own: refused, even with the study's key.
    ana.store.forms.add(_sealed_version(tmp_path, "2025010102", study_key_pair().public_key))
    error = refused(supervisor, ana.path, "merge.form_not_published")
    assert "civil_society_sealed" in error.text("en")
    # The supervisor rotates the key in a new version: every laptop takes it.
    record = supervisor.store.forms.add(_sealed_version(tmp_path, "2025020101", other.public_key))
    report = merge_database(beto.store, supervisor.path)
    assert [(f.version, f.fingerprint) for f in report.new_forms] == [
        ("2025020101", other.fingerprint)
    ]
    newest = next(r for r in beto.store.forms.records() if r.form_id == record.form_id)
    assert newest.sha256 == record.sha256


def test_a_laptop_certified_by_a_key_its_own_package_brings_is_refused(team, tmp_path):
    """A package of another study's laptop (same forms, sealed for that study's key by
    its own certified supervisor) merged whole into a certified supervisor's database:
    its supervisor became a second one, its forms the versions new interviews start on,
    sealed for a key the study does not hold. A certificate counted as valid because the
    form that vouched for its key came in the same package."""
    supervisor, ana, _ = team
    mallory = Device(tmp_path / "mallory.db", "mallory")
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    mallory.store.forms.add(_sealed_version(tmp_path, "2025010101", other.public_key))
    certify_supervisor(
        mallory.store,
        crypto.load_private_key(other.private_pem, "otra frase larga de prueba"),
        author="mallory",
    )
    mallory.create(mallory.add_form(), "Tijuana", {"name": "x"})
    mallory.close()
    for target in (supervisor, ana):  # the study's supervisor and its laptops alike
        refused(target, mallory.path, "merge.bad_certificate")
        assert supervisors(target.store.db.conn) == {supervisor.store.device_id}


def test_a_form_set_aside_vouches_for_no_certificate(team, tmp_path):
    """(attack2) A form version sealed for another study's key, held and then set aside
    (added by mistake, or brought whole by another study's package before the rule
    above): its key still counted as the study's, so a laptop that study's supervisor
    certified became a second supervisor here, free to publish forms and revoke the
    team's laptops. A version set aside seals nothing and vouches for no one."""
    from fieldapp.core.quarantine import quarantine_rows

    supervisor, ana, _ = team
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    foreign = _sealed_version(tmp_path, "2025010101", other.public_key)
    mistaken = supervisor.store.forms.add(foreign).sha256
    quarantine_rows(supervisor.store, [("forms", mistaken)], reason="otro estudio", author="sup")
    merge_database(ana.store, supervisor.path)
    mallory = Device(tmp_path / "mallory.db", "mallory")
    mallory.store.forms.add(foreign)
    certify_supervisor(
        mallory.store,
        crypto.load_private_key(other.private_pem, "otra frase larga de prueba"),
        author="mallory",
    )
    mallory.close()
    for target in (supervisor, ana):
        refused(target, mallory.path, "merge.bad_certificate")
        assert supervisors(target.store.db.conn) == {supervisor.store.device_id}


def test_a_new_supervisor_laptop_certified_by_a_rotated_key_is_taken_with_the_rotation(
    team, tmp_path
):
    """The rule above keeps the study's own path: the supervisor seals a new version for
    a new key, a replacement laptop takes her package and is certified with that key, and
    a laptop that never saw the new version takes both from the replacement's package."""
    supervisor, ana, _ = team
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    supervisor.store.forms.add(_sealed_version(tmp_path, "2025020101", other.public_key))
    spare = Device(tmp_path / "spare.db", "spare")
    merge_database(spare.store, supervisor.path)
    certify_supervisor(
        spare.store,
        crypto.load_private_key(other.private_pem, "otra frase larga de prueba"),
        author="sup",
    )
    merge_database(ana.store, spare.path)
    assert supervisors(ana.store.db.conn) == {
        supervisor.store.device_id,
        spare.store.device_id,
    }
    spare.close()


def test_a_second_supervisor_laptop_and_a_restored_backup_still_take_the_studys_certificates(
    team, tmp_path
):
    """(attack2) The study's own paths past the certificate rules: the supervisor's second
    laptop, certified with the study key, reaches Ana; the supervisor's database restored
    from a backup made before a key rotation takes, from Ana's package, the rotated
    version and the replacement laptop certified with the new key."""
    import shutil

    supervisor, ana, beto = team
    second = Device(tmp_path / "second.db", "second")
    merge_database(second.store, supervisor.path)
    certify_supervisor(second.store, study_key(), author="sup")
    merge_database(ana.store, second.path)
    assert supervisors(ana.store.db.conn) == {supervisor.store.device_id, second.store.device_id}
    second.close()

    supervisor.close()
    shutil.copy(tmp_path / "sup.db", tmp_path / "backup.db")
    supervisor.store = Store.open(tmp_path / "sup.db")
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    supervisor.store.forms.add(_sealed_version(tmp_path, "2025020101", other.public_key))
    spare = Device(tmp_path / "spare.db", "spare")
    merge_database(spare.store, supervisor.path)
    certify_supervisor(
        spare.store,
        crypto.load_private_key(other.private_pem, "otra frase larga de prueba"),
        author="sup",
    )
    merge_database(beto.store, spare.path)
    spare_id = spare.store.device_id
    spare.close()
    with Store.open(tmp_path / "backup.db") as restored:
        merge_database(restored, beto.path)
        assert spare_id in supervisors(restored.conn)


@pytest.mark.parametrize(
    "kind", ["supervisor_certified", "device_revoked", "device_reinstated", "quarantine"]
)
def test_a_malformed_authority_event_is_refused_with_a_message_not_a_crash(team, kind):
    supervisor, ana, _ = team
    event = ana.store.events.add(STUDY_WIDE, kind, {}, author="ana")
    # Signed by Ana's own key, with a payload that is not even JSON.
    conn = ana.store.db.conn
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET payload = '{no json' WHERE uuid = ?", [event])
    conn.commit()
    from fieldapp.core.store import signing

    row = conn.execute(
        f"SELECT {', '.join(signing.EVENT_HASHED_COLUMNS)} FROM events WHERE uuid = ?", [event]
    ).fetchone()
    conn.execute("DROP TRIGGER signatures_no_delete")
    conn.execute("DELETE FROM signatures WHERE row_uuid = ?", [event])
    row_hash = signing.event_content_sha256(
        dict(zip(signing.EVENT_HASHED_COLUMNS, row, strict=True))
    )
    signing.sign_rows(conn, ana.store.device_id, [("events", event, row_hash)])
    conn.commit()
    error = refused(
        supervisor,
        ana.path,
        "merge.not_supervisor" if kind != "supervisor_certified" else "merge.bad_certificate",
    )
    assert "Traceback" not in error.text("en")


def test_the_supervisors_package_says_it_goes_to_the_laptops(team, tmp_path):
    """The package summary told the supervisor, packaging her reviews for the laptops, to
    copy the file to the supervisor's computer: her own."""
    from fieldapp.core.package import write_package

    supervisor, ana, _beto = team
    hers = write_package(supervisor.store, tmp_path / "sup.fieldapp")
    assert hers.from_supervisor
    assert "Copy it to each laptop" in hers.said("en")
    assert "Cópielo a cada computadora del equipo" in hers.said("es")
    laptops = write_package(ana.store, tmp_path / "ana.fieldapp")
    assert not laptops.from_supervisor
    assert "Copy it to the supervisor's computer" in laptops.said("en")
    assert "Cópielo a la computadora de la supervisión" in laptops.said("es")


def test_a_package_of_a_database_without_a_certified_supervisor_names_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seen walking the study: ``fieldapp package`` on the supervisor's database, no
    supervisor certified yet, told her to "Copy it to the supervisor's computer": her own.
    Without a certificate nothing tells her database from a laptop's."""
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    supervisor.close()
    out = tmp_path / "sup.fieldapp"
    assert main(["package", "--db", str(tmp_path / "supervisor.db"), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "supervisor's computer" not in said, said
    assert "Copy it to the computer that will merge it (the supervisor's, or each laptop" in said
    from fieldapp.core.package import write_package

    with Store.open(tmp_path / "supervisor.db", create=False) as store:
        said = write_package(store, out).said("es")
    assert "Cópielo a la computadora que lo fusionará (la de la supervisión, o cada" in said


def test_a_laptop_cannot_clear_the_supervisors_target_either(team):
    supervisor, ana, _ = team
    set_target(supervisor.store, "Tijuana", "civil_society", 12, author="sup")
    merge_database(ana.store, supervisor.path)
    clear_target(ana.store, "Tijuana", "civil_society", author="ana")
    assert targets(ana.store) == {}, "her own laptop shows what she decided"
    error = refused(supervisor, ana.path, "merge.not_supervisor")
    assert ana.store.device_id in error.text("en")
    assert targets(supervisor.store) == {("Tijuana", "civil_society"): 12}
