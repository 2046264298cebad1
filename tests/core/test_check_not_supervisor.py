"""`fieldapp check` lists a laptop's decision a database took before merges refused it.

attack4 made merge refuse a version "approved" or "returned" that a device other than the
certified supervisor wrote (a laptop approving an interview by writing the version
alone); a review event from a laptop was already refused once a supervisor was certified.
A database that took either before (an older fieldapp, or before the certificate) kept
it: the interview stayed approved on a laptop's word, and each of its packages is now
refused by every database of the study that never held it. The check lists each such row
with what to do, and ``--quarantine`` sets it aside, where the database may act for the
study; the interview then waits for the supervisor's review again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import Device
from study_team import certified_team, refused

from fieldapp.cli import main
from fieldapp.core import devices
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import text
from fieldapp.core.quarantine import quarantined
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.validate import check_store


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Device, Device, Device]]:
    with certified_team(tmp_path) as team:
        yield team


def _own(device: Device) -> SubmissionId:
    return next(
        sid
        for sid in device.submissions()
        if device.store.interviews.submission(sid).created_on == device.store.device_id
    )


def _taken_before_attack4(
    monkeypatch: pytest.MonkeyPatch, supervisor: Device, laptop: Device
) -> None:
    """Merge as fieldapp did before: decided versions and reviews not held to the supervisor."""
    with monkeypatch.context() as before:
        before.setattr(devices, "_DECIDED", "'no state'")
        before.setattr(devices, "SUPERVISOR_KINDS", (devices.REVOKED, devices.REINSTATED))
        merge_database(supervisor.store, laptop.path)


def _laptops_approval(monkeypatch: pytest.MonkeyPatch, team: tuple[Device, ...]) -> tuple:
    supervisor, ana, _ = team
    sid = _own(ana)
    ana.finalize(sid)
    head = ana.store.interviews.heads(sid)[0]
    forged = ana._revision(sid, (head.revision_id,), "approved", head.answers, head.attachments)
    _taken_before_attack4(monkeypatch, supervisor, ana)
    assert supervisor.store.interviews.heads(sid)[0].state == "approved"  # the premise
    return sid, forged


def test_check_lists_a_laptops_approved_version_with_what_to_do(team, monkeypatch, capsys) -> None:
    supervisor, ana, _ = team
    sid, forged = _laptops_approval(monkeypatch, team)
    found = check_store(supervisor.store)
    assert [(row.table, row.key, row.rule) for row in found.bad] == [
        ("revisions", forged, "rows.revisions_not_supervisor")
    ]
    for language, words in (
        ("en", "--quarantine"),
        ("es", "Apártela (fieldapp check --quarantine"),
    ):
        said = text(found.bad[0].rule, language, detail=found.bad[0].detail)
        assert ana.store.device_id in said and words in said

    db = str(supervisor.path)
    capsys.readouterr()
    assert main(["check", "--db", db]) == 1
    out = capsys.readouterr().out
    assert forged in out and ana.store.device_id in out and "not the study's certified" in out
    assert main(["check", "--db", db, "--json"]) == 1
    (row,) = json.loads(capsys.readouterr().out)["refused"]
    assert (row["table"], row["key"], row["rule"]) == (
        "revisions",
        forged,
        "rows.revisions_not_supervisor",
    )
    assert ana.store.device_id in row["message"]

    assert main(["check", "--db", db, "--quarantine", "--reason", "ana", "--author", "sup"]) == 0
    assert ("revisions", forged) in quarantined(supervisor.store.conn)
    assert supervisor.store.interviews.heads(sid)[0].state == "finalized"  # waits for review
    assert check_store(supervisor.store).bad == []


def test_a_laptops_review_event_taken_before_is_listed_too(team, monkeypatch) -> None:
    supervisor, ana, _ = team
    sid = _own(ana)
    ana.finalize(sid)
    ana.store.review.approve(sid, comment="aprobado por Ana", author="ana")
    _taken_before_attack4(monkeypatch, supervisor, ana)
    found = check_store(supervisor.store)
    rules = {(row.table, row.rule, row.detail) for row in found.bad}
    assert rules == {
        ("revisions", "rows.revisions_not_supervisor", ana.store.device_id),
        ("events", "rows.events_not_supervisor", ana.store.device_id),
    }
    check_store(supervisor.store, quarantine=True, reason="ana", author="sup")
    assert check_store(supervisor.store).bad == []
    assert supervisor.store.interviews.heads(sid)[0].state == "finalized"


def test_set_aside_by_the_supervisor_her_packages_merge_again(team, monkeypatch, capsys) -> None:
    supervisor, ana, beto = team
    _, forged = _laptops_approval(monkeypatch, team)
    refused(beto, supervisor.path, "merge.not_supervisor")  # what holding it costs her
    _taken_before_attack4(monkeypatch, beto, supervisor)  # Beto's older fieldapp took it
    assert [row.rule for row in check_store(beto.store).bad] == ["rows.revisions_not_supervisor"]
    capsys.readouterr()  # a laptop may not set it aside for the study
    setting_aside = ["--quarantine", "--reason", "x", "--author", "beto"]
    assert main(["check", "--db", str(beto.path), *setting_aside]) == 1
    assert "supervisor" in capsys.readouterr().err
    assert ("revisions", forged) not in quarantined(beto.store.conn)

    check_store(supervisor.store, quarantine=True, reason="ana", author="sup")
    merge_database(beto.store, supervisor.path)  # the set-aside travels; nothing refused
    assert check_store(beto.store).bad == []
    merge_database(ana.store, supervisor.path)
    assert ("revisions", forged) in quarantined(ana.store.conn)


def test_the_supervisors_own_decisions_are_not_listed(team) -> None:
    supervisor, ana, beto = team
    for laptop in (ana, beto):
        laptop.finalize(_own(laptop))
        merge_database(supervisor.store, laptop.path)
    supervisor.store.review.approve(_own(ana), comment="Bien", author="sup")
    supervisor.store.review.return_interview(_own(beto), comment="Otra vez", author="sup")
    merge_database(ana.store, supervisor.path)
    assert check_store(supervisor.store).bad == []
    assert check_store(ana.store).bad == []  # relayed to a laptop: still the supervisor's
