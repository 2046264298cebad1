"""(certs) A supervisor certificate set aside certifies nothing, and what it signed as the
supervisor counts nowhere, here and wherever the supervisor's packages go."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from merge_devices import SEALED_FORM, SURVEY, Device
from study_team import certified_team, refused
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor, supervisors
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import text
from fieldapp.core.progress import set_target, targets
from fieldapp.core.quarantine import quarantine_rows, quarantined
from fieldapp.core.store.records import STUDY_WIDE
from fieldapp.core.validate import check_store

OTHER_PASSPHRASE = "otra frase larga de prueba"


def _foreign_form(folder: Path, public_key: str) -> Path:
    """The study's form sealed for another study's key (the stranger's)."""
    settings = {
        "form_id": SEALED_FORM,
        "version": "2025010101",
        "form_title": SEALED_FORM,
        "public_key": public_key,
    }
    return write_xlsform(folder / "foreign.xlsx", survey=SURVEY, settings=settings)


def _certificate_of(device: Device, conn: sqlite3.Connection) -> str:
    (uuid,) = conn.execute(
        "SELECT uuid FROM events WHERE kind = 'supervisor_certified' "
        "AND json_extract(payload, '$.device_id') = ?",
        [device.store.device_id],
    ).fetchone()
    return str(uuid)


def test_a_strangers_certificate_set_aside_leaves_the_study_its_own_supervisor(tmp_path):
    """The supervisor added another study's version of a form by mistake; that study's
    supervisor's package then came in (certified by the key that version seals for), set
    one of Ana's interviews aside, approved an interview and set a target. The supervisor
    sets the mistaken form aside; the check then lists the stranger's certificate, and
    setting it aside there (as the devices desk does) leaves the stranger no
    supervisor here any more, nor on a laptop her package reaches, what it did as one
    counts nowhere, its next package is refused, and her own authority is whole."""
    with certified_team(tmp_path) as (supervisor, ana, _beto):
        other = crypto.generate_key_pair(OTHER_PASSPHRASE, bits=2048)
        foreign = _foreign_form(tmp_path, other.public_key)
        mistaken = supervisor.store.forms.add(foreign).sha256

        stranger = Device(tmp_path / "stranger.db", "stranger")
        stranger.store.forms.add(foreign)
        certify_supervisor(
            stranger.store, crypto.load_private_key(other.private_pem, OTHER_PASSPHRASE)
        )
        (anas,) = ana.store.conn.execute(
            "SELECT uuid FROM submissions WHERE interviewer = 'ana' AND form_id <> ?",
            [SEALED_FORM],
        ).fetchone()
        quarantine_rows(stranger.store, [("submissions", anas)], reason="x", author="stranger")
        own = stranger.create(stranger.add_form(), "Tijuana", {"name": "de otro estudio"})
        stranger.finalize(own)
        stranger.store.review.approve(own, comment="", author="stranger")
        set_target(stranger.store, "Tijuana", "civil_society", 99, author="stranger")
        merge_database(supervisor.store, stranger.path)
        conn = supervisor.store.conn
        assert stranger.store.device_id in supervisors(conn)  # the mistake, as it was
        assert ("submissions", anas) in quarantined(conn)

        # With the mistaken version set aside, the check lists the certificate (as the
        # devices desk and `fieldapp check` do) and sets it aside.
        quarantine_rows(supervisor.store, [("forms", mistaken)], reason="otro", author="sup")
        certificate = _certificate_of(stranger, conn)
        found = check_store(supervisor.store)
        assert [(row.table, row.key, row.rule) for row in found.bad] == [
            ("events", certificate, "rows.certificate_unverified")
        ]
        assert stranger.store.device_id in text(found.bad[0].rule, "es", detail=found.bad[0].detail)
        check_store(supervisor.store, quarantine=True, reason="otro estudio", author="sup")
        assert ("events", certificate) in quarantined(conn)
        assert supervisors(conn) == {supervisor.store.device_id}
        assert check_store(supervisor.store).bad == []
        # What the stranger did as a supervisor counts nowhere: Ana's interview is listed
        # again, the target is gone, the approval's event is set aside.
        assert ("submissions", anas) not in quarantined(conn)
        assert anas in {row[0] for row in conn.execute("SELECT submission_uuid FROM listing")}
        assert targets(supervisor.store) == {}
        approval = conn.execute(
            "SELECT uuid FROM events WHERE kind = 'approved' AND submission_uuid = ?", [own]
        ).fetchone()[0]
        assert ("events", approval) in quarantined(conn)
        # and its version "approved" with it (attack4): the interview waits for review
        assert supervisor.store.interviews.heads(own)[0].state == "finalized"

        # Her package reaches a laptop that never saw the stranger: taken, and there too
        # the stranger is no supervisor and Ana's interview stays.
        merge_database(ana.store, supervisor.path)
        assert supervisors(ana.store.conn) == {supervisor.store.device_id}
        assert ("submissions", anas) not in quarantined(ana.store.conn)
        fresh = Device(tmp_path / "fresh.db", "fresh")
        merge_database(fresh.store, supervisor.path)
        assert supervisors(fresh.store.conn) == {supervisor.store.device_id}
        assert targets(fresh.store) == {}

        # The stranger's next package, whatever it signs as a supervisor, is refused.
        stranger.store.events.add(
            STUDY_WIDE,
            "quarantine",
            {"table": "submissions", "key": anas, "reason": "otra vez"},
            author="stranger",
        )
        stranger.close()
        for target in (supervisor, ana, fresh):
            refused(target, stranger.path, "merge.not_supervisor")

        # The study's own supervisor still acts for the study everywhere.
        set_target(supervisor.store, "Tijuana", "civil_society", 12, author="sup")
        merge_database(ana.store, supervisor.path)
        merge_database(fresh.store, supervisor.path)
        assert targets(ana.store) == targets(fresh.store) == {("Tijuana", "civil_society"): 12}
        fresh.close()
