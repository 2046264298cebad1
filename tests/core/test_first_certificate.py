"""(certs) The first supervisor certificate a database takes: checked against the sealed
forms it held before, or, with none held, taken and said, with the key to check."""

from __future__ import annotations

from pathlib import Path

from merge_devices import SEALED_FORM, SURVEY, Device, sealed_form_bytes, study_key_pair
from study_team import refused, study_key
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor, supervisors
from fieldapp.core.merge import merge_database, summary_lines

OTHER_PASSPHRASE = "otra frase larga de prueba"


def _stranger(folder: Path) -> tuple[Device, str]:
    """Another study's certified supervisor, holding the same form (id and version)
    sealed for its own key; return it closed, with that key's fingerprint."""
    other = crypto.generate_key_pair(OTHER_PASSPHRASE, bits=2048)
    settings = {
        "form_id": SEALED_FORM,
        "version": "2025010101",
        "form_title": SEALED_FORM,
        "public_key": other.public_key,
    }
    form = write_xlsform(folder / "foreign.xlsx", survey=SURVEY, settings=settings)
    stranger = Device(folder / "stranger.db", "stranger")
    stranger.store.forms.add(form)
    certify_supervisor(stranger.store, crypto.load_private_key(other.private_pem, OTHER_PASSPHRASE))
    stranger.create(stranger.add_form(), "Tijuana", {"name": "de otro estudio"})
    stranger.close()
    return stranger, other.fingerprint


def _supervisor(folder: Path) -> Device:
    """The study's supervisor, certified with the study key on the sealed study form."""
    supervisor = Device(folder / "sup.db", "sup")
    supervisor.add_form(sealed_form_bytes(), form_id=SEALED_FORM)
    certify_supervisor(supervisor.store, study_key(), author="sup")
    return supervisor


def test_a_laptop_holding_the_sealed_study_forms_takes_no_strangers_first_certificate(tmp_path):
    """(week3) Before any supervisor, a laptop holding the study's forms sealed for the
    study key took another study's package whole: its supervisor became this laptop's,
    its forms (the same id and version, sealed for its own key) came in, and the next
    interviews would have been sealed for a key the study does not hold. The sealed forms
    held before the merge now name the study key alone."""
    ana = Device(tmp_path / "ana.db", "ana")
    ana.seal(ana.create(ana.add_form(), "Tijuana", {"name": "ana"}), b"sealed")
    stranger, _ = _stranger(tmp_path)
    error = refused(ana, stranger.path, "merge.bad_certificate")
    assert "stranger.db" in error.text("es")
    assert supervisors(ana.store.conn) == set()
    # The study's own first certificate, checked against the form she held: taken, and
    # nothing asks her to check a key.
    supervisor = _supervisor(tmp_path)
    report = merge_database(ana.store, supervisor.path)
    assert supervisors(ana.store.conn) == {supervisor.store.device_id}
    assert report.unchecked_supervisors == ()
    assert not any("study key" in line for line in summary_lines(report, "en"))
    for device in (ana, supervisor):
        device.close()


def test_a_laptop_holding_no_sealed_form_takes_the_first_certificate_and_says_which_key(tmp_path):
    """With the study's forms in clear (the supervisor seals them in the field), a laptop
    holds no key to check the first certificate against: it comes with the sealed forms
    that vouch for it. It is taken, as the study's first merge needs, and the summary
    names the key that signed it and says how to check it and what to do if it is not
    the study's; the next package says nothing again."""
    beto = Device(tmp_path / "beto.db", "beto")
    beto.create(beto.add_form(), "Tijuana", {"name": "beto"})
    supervisor = _supervisor(tmp_path)
    report = merge_database(beto.store, supervisor.path)
    assert supervisors(beto.store.conn) == {supervisor.store.device_id}
    fingerprint = crypto.public_key_fingerprint(study_key_pair().public_key)
    device = supervisor.store.device_id
    (said,) = [line for line in summary_lines(report, "en") if "ask the supervisor" in line]
    assert (
        device in said
        and fingerprint in said
        and "File › Forms…" in said
        and "do not interview" in said
    )
    (dicho,) = [line for line in summary_lines(report, "es") if "pregunte" in line]
    assert device in dicho and fingerprint in dicho and "Archivo › Formularios…" in dicho
    assert "no entreviste" in dicho
    assert report.to_json()["unchecked_supervisors"] == [
        {"device_id": supervisor.store.device_id, "study_key": fingerprint}
    ]
    # The study key now pins every later certificate: another study's is refused.
    stranger, _ = _stranger(tmp_path)
    refused(beto, stranger.path, "merge.bad_certificate")
    supervisor.create(supervisor.add_form(), "Tijuana", {"name": "de la supervisora"})
    again = merge_database(beto.store, supervisor.path)
    assert again.unchecked_supervisors == ()
    for device in (beto, supervisor):
        device.close()


def test_a_stranger_first_on_a_laptop_holding_no_sealed_form_is_named_by_its_key(tmp_path):
    """The limit left: a laptop holding no sealed form that merges another study's
    package first takes its supervisor; the summary says which key certified it, which
    is not the study key the supervisor's forms show."""
    beto = Device(tmp_path / "beto.db", "beto")
    beto.create(beto.add_form(), "Tijuana", {"name": "beto"})
    stranger, theirs = _stranger(tmp_path)
    report = merge_database(beto.store, stranger.path)
    (said,) = [line for line in summary_lines(report, "en") if "ask the supervisor" in line]
    assert theirs in said
    assert crypto.public_key_fingerprint(study_key_pair().public_key) not in said
    beto.close()
