"""(unsigned) A package made with no key, bringing a laptop's rows before its own package.

Merge takes a row with no link while the device it names has signed nothing in the
database yet: an older fieldapp wrote rows so. A copied stick holds the laptop's package;
its rows, links dropped, a new revision of the laptop's interview added in its name and
another database id, make a package that needs no key. Merged into the supervisor's
database before the laptop's own package, it was taken, and stayed the interview's
current state after that package came. A laptop's first link vouches that it signs every
row it writes: its unsigned rows held from before are set aside when its package comes,
and refused when they come after.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from merge_devices import Device
from test_merge_attacks import _forged, _refused, _unsign

from fieldapp.cli import main
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.package import write_package
from fieldapp.core.store.records import SubmissionId


def _laptop(tmp_path: Path, name: str = "ana") -> tuple[Device, SubmissionId, Path]:
    """A laptop with one finalized interview, and its package on a stick."""
    laptop = Device(tmp_path / f"{name}.db", name)
    sid = laptop.create(laptop.add_form(), "Tijuana", {"name": "Colectivo", "years": 4})
    laptop.finalize(sid)
    package = tmp_path / f"{name}.fieldapp"
    write_package(laptop.store, package)
    return laptop, sid, package


def _keyless_copy(package: Path, tmp_path: Path, sid: str, *, answers: dict) -> tuple[Path, str]:
    """The package as a copied stick holds it, made into one no key signed: every link
    dropped, another database id, and a new version of ``sid`` in the laptop's name with
    ``answers``. Return it and that version's id."""
    with sqlite3.connect(package) as conn:
        head, device = conn.execute(
            "SELECT uuid, device_id FROM revisions WHERE submission_uuid = ? "
            "ORDER BY saved_at DESC LIMIT 1",
            [sid],
        ).fetchone()
    forged = str(uuid.uuid4())
    copy = _forged(
        package,
        tmp_path,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, saved_at, "
        "state, answers, sealed, attachments, instance_name, content_sha256) "
        f"SELECT '{forged}', submission_uuid, '[\"{head}\"]', device_id, author, "
        f"'{datetime.now(UTC).isoformat()}', 'finalized', "
        f"'{json.dumps(answers, sort_keys=True, separators=(',', ':'))}', NULL, attachments, "
        f"instance_name, '' FROM revisions WHERE uuid = '{head}'",
    )
    assert device
    return copy, forged


def _names(device: Device, sid: SubmissionId) -> list[str]:
    return [str((head.answers or {}).get("name")) for head in device.store.interviews.heads(sid)]


def _current(device: Device) -> dict[str, str]:
    """Each interview's name as the list and every export read it (its current state)."""
    return {
        current.submission.submission_id: str(current.answers.get("name"))
        for current in device.store.interviews.iter_current()
    }


def test_a_laptops_unsigned_rows_merged_before_its_package_are_set_aside_when_it_comes(
    tmp_path: Path,
) -> None:
    ana, sid, package = _laptop(tmp_path)
    forged, revision = _keyless_copy(package, tmp_path, sid, answers={"name": "Inventado"})
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    taken = merge_database(supervisor.store, forged)  # Ana signed nothing here yet: taken
    assert taken.interviews == 1 and _names(supervisor, sid) == ["Inventado"]
    report = merge_database(supervisor.store, package)
    # The forged version is set aside: Ana's own finalized one is the interview again.
    assert _names(supervisor, sid) == ["Colectivo"]
    assert _current(supervisor) == {sid: "Colectivo"}
    assert [(row.table, row.key) for row in report.set_aside] == [("revisions", revision)]
    assert report.set_aside[0].device_id == ana.store.device_id
    assert report.to_json()["set_aside"] == [
        {"table": "revisions", "key": revision, "device_id": ana.store.device_id}
    ]
    assert sid in report.changed_submissions  # the open list refreshes that interview
    for language, word in (("en", "Set aside: 1 record"), ("es", "Apartado: 1 registro")):
        said = "\n".join(summary_lines(report, language))
        assert word in said and ana.store.device_id in said, said
    # Nothing was deleted; `check` counts it apart and finds nothing left to repair.
    held = supervisor.store.db.conn.execute(
        "SELECT count(*) FROM revisions WHERE uuid = ?", [revision]
    ).fetchone()
    assert held == (1,)
    assert main(["check", "--db", str(supervisor.path)]) == 0
    # The supervisor's package goes back to Ana's laptop (it was refused: an unsigned row
    # naming Ana), carrying the forged version set aside.
    write_package(supervisor.store, tmp_path / "sup.fieldapp")
    merge_database(ana.store, tmp_path / "sup.fieldapp")
    assert _names(ana, sid) == ["Colectivo"]
    for device in (ana, supervisor):
        device.close()


def test_a_laptops_unsigned_rows_coming_after_its_package_are_refused_in_words(
    tmp_path: Path,
) -> None:
    ana, sid, package = _laptop(tmp_path)
    forged, revision = _keyless_copy(package, tmp_path, sid, answers={"name": "Inventado"})
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, package)
    error = _refused(supervisor, forged, "merge.unsigned_of_signer")
    english = error.text("en")
    assert revision in english and ana.store.device_id in english
    assert "signs every record it writes" in english and "Nothing was merged" in english
    assert "firma cada registro que escribe" in error.text("es")
    assert _names(supervisor, sid) == ["Colectivo"]
    for device in (ana, supervisor):
        device.close()


def test_an_older_fieldapps_unsigned_rows_still_merge_and_stay_when_keys_arrive(
    tmp_path: Path,
) -> None:
    """Carla's rows (a laptop that never signs: an older fieldapp) and Beto's rows from
    before his upgrade, relayed by Ana without links, reach the supervisor in the same
    package as a forged version in Ana's name. When Beto's and Ana's own packages come,
    only the forged version is set aside: Beto's old rows come with his links."""
    ana, sid, _ = _laptop(tmp_path)
    beto, carla = Device(tmp_path / "beto.db", "beto"), Device(tmp_path / "carla.db", "carla")
    old = beto.create(beto.add_form(), "Monterrey", {"name": "De antes"})
    never = carla.create(carla.add_form(), "Nuevo Laredo", {"name": "Sin clave"})
    for other in (beto, carla):
        merge_database(ana.store, other.path)
    _unsign(ana, "device_id <> ?", ana.store.device_id)  # as Ana's older fieldapp relayed them
    write_package(ana.store, tmp_path / "relay.fieldapp")
    relay, revision = _keyless_copy(
        tmp_path / "relay.fieldapp", tmp_path, sid, answers={"name": "Inventado"}
    )
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    assert merge_database(supervisor.store, relay).interviews == 3
    from_beto = merge_database(supervisor.store, beto.path)
    report = merge_database(supervisor.store, ana.path)
    assert _current(supervisor) == {old: "De antes", never: "Sin clave", sid: "Colectivo"}
    assert from_beto.set_aside == ()
    assert [row.key for row in report.set_aside] == [revision]
    for device in (ana, beto, carla, supervisor):
        device.close()


def test_the_usual_round_of_packages_sets_nothing_aside(tmp_path: Path) -> None:
    """Two laptops' packages to the supervisor, hers back to them, theirs again: every
    summary says nothing was set aside, and every interview is listed everywhere."""
    ana, first, _ = _laptop(tmp_path, "ana")
    beto, second, _ = _laptop(tmp_path, "beto")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    reports = []
    for _ in range(2):
        for laptop in (ana, beto):
            write_package(laptop.store, tmp_path / "package.fieldapp")
            reports.append(merge_database(supervisor.store, tmp_path / "package.fieldapp"))
        supervisor.review(first, "returned", "falta la fecha")
        write_package(supervisor.store, tmp_path / "sup.fieldapp")
        for laptop in (ana, beto):
            reports.append(merge_database(laptop.store, tmp_path / "sup.fieldapp"))
        ana.edit(first, {"years": 5})
    assert [report.to_json()["set_aside"] for report in reports] == [[]] * len(reports)
    for device in (ana, beto, supervisor):
        assert set(_current(device)) == {first, second}
        assert main(["check", "--db", str(device.path)]) == 0
    for device in (ana, beto, supervisor):
        device.close()
