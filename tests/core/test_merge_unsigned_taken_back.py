"""(unsigned2) Rows set aside as unsigned, taken back when their signatures come.

A keyless copy of a laptop's newer package (links dropped, a version forged in its name),
merged before an older package of the laptop that is the first to reach the supervisor:
that package enrols the laptop and sets aside every row naming it without its link, the
newer genuine versions with the forged one. The laptop's next package brings the genuine
versions' links: they are taken back; the forged one, which no link of the laptop signs,
stays aside.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from merge_devices import Device
from study_team import certified_team
from test_merge_unsigned_before_key import _keyless_copy

from fieldapp.cli import main
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.package import write_package
from fieldapp.core.progress import progress
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.validate import check_store


def _states(device: Device) -> dict[str, tuple[str, object]]:
    """Each interview's state and years as the list reads them (its current version)."""
    return {
        current.submission.submission_id: (
            current.revision.state,
            current.answers.get("years"),
        )
        for current in device.store.interviews.iter_current()
    }


def _exported(device: Device, tmp_path: Path) -> list[tuple[str, str]]:
    """The interviews a CSV export gives the analyst: (name, years) per row."""
    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.zip"
    assert main(["export", "--db", str(device.path), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        (sheet,) = [name for name in archive.namelist() if name.startswith("civil_society")]
        rows = csv.DictReader(io.StringIO(archive.read(sheet).decode("utf-8-sig")))
        return [(row["name"], row["years"]) for row in rows]


def _finalized(device: Device) -> int:
    """The finalized interviews the Progress desk counts."""
    return sum(cell.counts.get("finalized", 0) for cell in progress(device.store).cells)


def _ana_older_then_newer(
    tmp_path: Path,
) -> tuple[Device, list[SubmissionId], Path, Path, str]:
    """Ana's older package (two drafts), and her newer genuine versions of both (each
    finalized with 5 years, a note on the first) copied keyless with a forged version of
    the first."""
    ana = Device(tmp_path / "ana.db", "ana")
    form = ana.add_form()
    sids = [ana.create(form, "Tijuana", {"name": name, "years": 4}) for name in ("A", "B")]
    older = tmp_path / "older.fieldapp"
    write_package(ana.store, older)
    for sid in sids:
        ana.edit(sid, {"years": 5})
        ana.finalize(sid)
    ana.store.events.add(sids[0], "comment", {"comment": "volver el martes"}, author="ana")
    write_package(ana.store, tmp_path / "newer.fieldapp")
    copy, forged = _keyless_copy(
        tmp_path / "newer.fieldapp", tmp_path, sids[0], answers={"name": "Inventado", "years": 9}
    )
    return ana, sids, older, copy, forged


def _newer_of(device: Device, sid: SubmissionId) -> list[str]:
    """Ana's edit, finalization and note of ``sid`` as held (not the forged version)."""
    rows = device.store.db.conn.execute(
        "SELECT uuid FROM revisions WHERE submission_uuid = ? AND json_extract(answers, "
        "'$.years') = 5 UNION SELECT uuid FROM events WHERE submission_uuid = ? ORDER BY uuid",
        [sid, sid],
    )
    return [row[0] for row in rows]


def test_genuine_rows_set_aside_as_unsigned_come_back_with_their_signatures(
    tmp_path: Path,
) -> None:
    ana, sids, older, copy, forged = _ana_older_then_newer(tmp_path)
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, copy)
    enrolled = merge_database(supervisor.store, older)
    newer = {key for sid in sids for key in _newer_of(supervisor, sid)}
    assert {row.key for row in enrolled.set_aside} == {*newer, forged}
    assert _states(supervisor) == {sid: ("draft", 4) for sid in sids}
    assert _finalized(supervisor) == 0 and _exported(supervisor, tmp_path) == []
    assert progress(supervisor.store).quarantined == 6  # "Quarantined rows left out: 6"

    write_package(ana.store, tmp_path / "next.fieldapp")
    report = merge_database(supervisor.store, tmp_path / "next.fieldapp")
    # Her genuine versions are the interviews again, in the list, an export and progress.
    assert _states(supervisor) == {sid: ("finalized", 5) for sid in sids}
    assert _finalized(supervisor) == 2
    assert progress(supervisor.store).quarantined == 1  # the forged version alone
    assert sorted(_exported(supervisor, tmp_path)) == [("A", "5"), ("B", "5")]
    assert set(sids) <= set(report.changed_submissions)  # the open list refreshes them
    device = ana.store.device_id
    assert {row.key for row in report.taken_back} == newer
    assert sorted(row.table for row in report.taken_back) == ["events"] + ["revisions"] * 4
    assert {row.device_id for row in report.taken_back} == {device}
    assert sorted(row["key"] for row in report.to_json()["taken_back"]) == sorted(newer)
    for language, said in (
        ("en", f"Taken back: 5 records of the device {device}: their signatures came"),
        ("es", f"Recuperados: 5 registros del dispositivo {device}: llegaron sus firmas"),
    ):
        lines = "\n".join(summary_lines(report, language))
        assert said in lines, lines
    # The forged version stays aside: no signature of hers verifies its content.
    assert forged not in [head.revision_id for head in supervisor.store.interviews.heads(sids[0])]
    assert main(["check", "--db", str(supervisor.path)]) == 0
    assert check_store(supervisor.store).set_aside == 1  # the devices desk's count
    # Her packages after that take nothing back again, and set nothing aside.
    ana.edit(sids[0], {"years": 6})
    write_package(ana.store, tmp_path / "later.fieldapp")
    again = merge_database(supervisor.store, tmp_path / "later.fieldapp")
    assert again.taken_back == () and again.set_aside == ()
    # The taking back travels: Ana's laptop lists her own versions, never the forged one.
    write_package(supervisor.store, tmp_path / "sup.fieldapp")
    assert merge_database(ana.store, tmp_path / "sup.fieldapp").quarantined == 1
    for held in (ana, supervisor):
        assert _states(held) == {sids[0]: ("draft", 6), sids[1]: ("finalized", 5)}
        held.close()


def test_a_supervisors_own_set_aside_stays_when_the_rows_signature_comes(
    tmp_path: Path,
) -> None:
    """The supervisor set aside the newer versions of Ana's second interview herself, in
    her words, while they were held unsigned: Ana's package bringing their signatures
    takes back only what the merge set aside for being unsigned."""
    ana, sids, older, copy, forged = _ana_older_then_newer(tmp_path)
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, copy)
    own = _newer_of(supervisor, sids[1])
    # What the devices desk's Set aside… writes: her reason, her name, signed by her laptop.
    rows = [("revisions", key) for key in own]
    assert quarantine_rows(supervisor.store, rows, reason="se retiró", author="sup") == 2
    merge_database(supervisor.store, older)
    write_package(ana.store, tmp_path / "next.fieldapp")
    report = merge_database(supervisor.store, tmp_path / "next.fieldapp")
    assert {row.key for row in report.taken_back} == set(_newer_of(supervisor, sids[0]))
    assert _states(supervisor) == {sids[0]: ("finalized", 5), sids[1]: ("draft", 4)}
    assert sorted(_exported(supervisor, tmp_path)) == [("A", "5")]
    assert forged not in [head.revision_id for head in supervisor.store.interviews.heads(sids[0])]
    supervisor.close()
    ana.close()


def test_a_set_aside_another_laptop_wrote_is_taken_back_where_the_signatures_come(
    tmp_path: Path,
) -> None:
    """Before a supervisor is certified every laptop sets such rows aside: Beto's laptop
    took the keyless copy and Ana's older package, and its quarantines reached the
    supervisor with its package. Ana's next package reaches the supervisor alone."""
    ana, sids, older, copy, forged = _ana_older_then_newer(tmp_path)
    beto = Device(tmp_path / "beto.db", "beto")
    merge_database(beto.store, copy)
    assert forged in {row.key for row in merge_database(beto.store, older).set_aside}
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, copy)
    merge_database(supervisor.store, beto.path)  # Beto's set-asides: she writes none
    assert _states(supervisor) == {sid: ("draft", 4) for sid in sids}
    write_package(ana.store, tmp_path / "next.fieldapp")
    report = merge_database(supervisor.store, tmp_path / "next.fieldapp")
    assert len(report.taken_back) == 5
    assert _states(supervisor) == {sid: ("finalized", 5) for sid in sids}
    assert forged not in [head.revision_id for head in supervisor.store.interviews.heads(sids[0])]
    for held in (ana, beto, supervisor):
        held.close()


def test_a_laptop_leaves_the_taking_back_to_the_certified_supervisor(tmp_path: Path) -> None:
    """Once a supervisor is certified only she sets aside, and only she takes back: Beto's
    laptop, holding her set-asides, takes Carla's next package and keeps them (a lift of
    his would make the supervisor refuse his packages); his package relays Carla's links
    to the supervisor, who takes them back, and her lift reaches him."""
    (tmp_path / "carla").mkdir()
    carla, sids, older, copy, forged = _ana_older_then_newer(tmp_path / "carla")
    with certified_team(tmp_path) as (supervisor, _, beto):
        merge_database(supervisor.store, copy)
        assert len(merge_database(supervisor.store, older).set_aside) == 6
        write_package(supervisor.store, tmp_path / "sup.fieldapp")
        merge_database(beto.store, tmp_path / "sup.fieldapp")
        write_package(carla.store, tmp_path / "next.fieldapp")
        assert merge_database(beto.store, tmp_path / "next.fieldapp").taken_back == ()
        assert _states(beto) | {sid: ("draft", 4) for sid in sids} == _states(beto)
        write_package(beto.store, tmp_path / "beto.fieldapp")
        # Not refused, and Carla's links relayed by Beto take the rows back on her computer.
        relayed = merge_database(supervisor.store, tmp_path / "beto.fieldapp")
        assert len(relayed.taken_back) == 5
        write_package(supervisor.store, tmp_path / "sup.fieldapp")
        merge_database(beto.store, tmp_path / "sup.fieldapp")
        for held in (supervisor, beto):
            current = _states(held)
            assert {sid: current[sid] for sid in sids} == {sid: ("finalized", 5) for sid in sids}
            assert forged not in [head.revision_id for head in held.store.interviews.heads(sids[0])]
    carla.close()


def test_the_package_that_enrols_the_laptop_says_its_fingerprint_though_nothing_else_is_new(
    tmp_path: Path,
) -> None:
    """The keyless copy brought every row; Ana's older package brings only her laptop's
    key. The merge window's row said "1 new device: check its fingerprint below", and
    below (as in the terminal) stood "nothing new" and the set-aside, no fingerprint to
    check (walksup)."""
    ana, _sids, older, copy, _forged = _ana_older_then_newer(tmp_path)
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, copy)
    enrolled = merge_database(supervisor.store, older)
    assert enrolled.nothing_new and len(enrolled.new_devices) == 1
    (device,) = enrolled.new_devices
    lines = summary_lines(enrolled, "en")
    assert f"    device {device.device_id}: signing key {device.fingerprint}" in lines, lines
    assert any("new device enrolled: check" in line for line in lines), lines
    for held in (ana, supervisor):
        held.close()
