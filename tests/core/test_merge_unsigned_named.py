"""(unsigned4) A left-out unsigned row is named, and what was written on it travels.

*(unsigned3)* had a researcher's laptop leave out, derived, the rows it holds naming a
device that signs there but carrying no signature of it. Two things were left: the merge
that enrolled that device on the laptop named none of the rows it now left out (only the
list's left-out count moved), and a signed row written on one (Beto's own version on top
of a forged one, before Carla's package came) travelled alone in Beto's package, which
the supervisor refused as ``merge.dangling``. The merge now names the rows, per device,
with their interviews and what to do; a row that a travelling row names travels with it,
left out there as here.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from merge_devices import Device
from study_team import certified_team
from test_merge_attacks import _forged
from test_merge_unsigned_before_key import _current, _keyless_copy, _laptop

from fieldapp.cli import main
from fieldapp.core.known_devices import known_devices
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.package import write_package
from fieldapp.core.progress import progress
from fieldapp.core.quarantine import skipped


def _made_up(package: Path, folder: Path, sid: str, name: str) -> tuple[Path, str, str]:
    """A keyless copy of Carla's package bringing an interview made up in her name (its
    row and one first version, no link). Return it, the interview and the version."""
    made_up, version = str(uuid.uuid4()), str(uuid.uuid4())
    copy = _forged(
        package,
        folder,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on, "
        f"interviewer, city, actor_type) SELECT '{made_up}', form_id, form_sha256, created_at, "
        f"created_on, interviewer, 'Ensenada', actor_type FROM submissions WHERE uuid = '{sid}'",
        "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, saved_at, "
        "state, answers, sealed, attachments, instance_name, content_sha256) "
        f"SELECT '{version}', '{made_up}', '[]', device_id, author, saved_at, 'draft', "
        f"'{{\"name\":\"{name}\"}}', NULL, attachments, instance_name, '' FROM revisions "
        f"WHERE submission_uuid = '{sid}' AND parents = '[]'",
    )
    return copy, made_up, version


def test_the_merge_that_enrols_a_device_on_a_laptop_names_the_rows_it_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beto's laptop took a keyless copy of Carla's package (a version forged on her
    interview) and another (an interview made up in her name). Carla's own package then
    enrols her there: the merge names both rows, their interviews and what to do, in the
    summary (English and Spanish), in ``--json`` and in the terminal."""
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    device = carla.store.device_id
    carla.close()
    copy, forged = _keyless_copy(package, tmp_path / "carla", sid, answers={"name": "Inventado"})
    made_up_copy, made_up, version = _made_up(package, tmp_path / "carla", sid, "Inventada")
    with certified_team(tmp_path) as (supervisor, _, beto):
        merge_database(beto.store, copy)
        merge_database(beto.store, made_up_copy)
        merge_database(supervisor.store, package)
        before = skipped(beto.store.conn)
        report = merge_database(beto.store, package)
        assert report.set_aside == ()  # Beto's laptop may not set them aside
        assert sorted((row.key, row.submission_id) for row in report.left_out) == sorted(
            [(forged, sid), (version, made_up)]
        )
        assert {row.device_id for row in report.left_out} == {device}
        assert skipped(beto.store.conn) - before == 2  # the count said, and each named
        english = "\n".join(summary_lines(report, "en"))
        first, second = sorted([sid, made_up])
        assert (
            f"Left out: 2 versions of 2 interviews ({first}, {second}), of the device {device}"
            in english
        ), english
        assert "take this list to the supervisor" in english
        spanish = "\n".join(summary_lines(report, "es"))
        assert (
            f"Fuera: 2 versiones de 2 entrevistas ({first}, {second}), del dispositivo {device}"
            in spanish
        ), spanish
        assert "lleve esta lista a la supervisión" in spanish
        capsys.readouterr()
        assert main(["check", "--db", str(beto.path)]) == 1  # shows the list again
        shown = capsys.readouterr().out
        assert forged in shown and version in shown, shown
        assert report.to_json()["left_out"] == [
            {"table": "revisions", "key": key, "device_id": device, "submission_id": interview}
            for key, interview in sorted([(forged, sid), (version, made_up)])
        ]
    # The terminal says the same, merging Carla's package into another laptop.
    (tmp_path / "again").mkdir()
    with certified_team(tmp_path / "again") as (_, ana, _):
        merge_database(ana.store, copy)
        ana.close()
        assert main(["merge", "--into", str(ana.path), str(package)]) == 0
        said = capsys.readouterr().out
        assert f"Left out: 1 version of the interview {sid}, of the device {device}" in said
        assert "take this list to the supervisor" in said


def test_a_signed_version_on_a_forged_one_travels_with_it_and_merges_at_the_supervisors(
    tmp_path: Path,
) -> None:
    """Beto edits Carla's interview while the forged version is its current state, and
    an interview made up in her name, before her package reaches him. His package used
    to leave the forged versions out and carry his versions on them: the supervisor
    refused it as ``merge.dangling``. Now it carries them, left out there as here, and
    nothing of Beto's or Carla's is lost."""
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    carla.close()
    copy, forged = _keyless_copy(package, tmp_path / "carla", sid, answers={"name": "Inventado"})
    made_up_copy, made_up, version = _made_up(package, tmp_path / "carla", sid, "Inventada")
    with certified_team(tmp_path) as (supervisor, _, beto):
        merge_database(beto.store, copy)
        merge_database(beto.store, made_up_copy)
        on_forged = beto.edit(sid, {"years": 7})  # signed by Beto, on the forged version
        on_made_up = beto.edit(made_up, {"years": 3})
        own = beto.create(beto.add_form(), "Mexicali", {"name": "Nueva"})
        merge_database(supervisor.store, package)
        merge_database(beto.store, package)
        left_on_beto = skipped(beto.store.conn)
        write_package(beto.store, tmp_path / "beto.fieldapp")
        held_before = skipped(supervisor.store.conn)
        report = merge_database(supervisor.store, tmp_path / "beto.fieldapp")  # not refused
        with sqlite3.connect(tmp_path / "beto.fieldapp") as conn:
            carried = {key for (key,) in conn.execute("SELECT uuid FROM revisions")} & {
                forged,
                version,
            }
        assert carried == {forged, version}  # named by Beto's versions: they travel
        # The supervisor may set them aside: her quarantine settles them and travels.
        assert sorted(row.key for row in report.set_aside) == sorted([forged, version])
        assert skipped(supervisor.store.conn) - held_before == 2
        assert left_on_beto == 2
        # Nothing genuine lost: Beto's three versions, Carla's own version, all held.
        held = supervisor.store.db.conn.execute(
            "SELECT count(*) FROM revisions WHERE uuid IN (?, ?)", [on_forged, on_made_up]
        ).fetchone()
        assert held == (2,)
        current = _current(supervisor)
        assert current[own] == "Nueva"
        heads = {h.revision_id for h in supervisor.store.interviews.heads(sid)}
        assert forged not in heads and on_forged in heads  # Beto's version, beside Carla's
        assert "Colectivo" in [str(h.answers.get("name")) for h in _heads(supervisor, sid)]
        assert {h.revision_id for h in supervisor.store.interviews.heads(made_up)} == {on_made_up}
        # The supervisor's package goes back to Beto, and her certified laptops take it.
        write_package(supervisor.store, tmp_path / "sup.fieldapp")
        merge_database(beto.store, tmp_path / "sup.fieldapp")
        assert json.loads(json.dumps(_current(beto))) == json.loads(json.dumps(current))
        assert progress(beto.store).quarantined == progress(supervisor.store).quarantined


def _heads(device: Device, sid: str) -> list:
    return list(device.store.interviews.heads(sid))


def test_the_supervisors_review_of_a_made_up_interview_travels_with_it_where_never_held(
    tmp_path: Path,
) -> None:
    """The supervisor took an interview made up in Carla's name (a keyless copy, before
    Carla's package) and commented on it; Beto took her package, then Carla's, which left
    the made-up version out on his laptop. His package dropped the interview and carried
    her comment alone: Ana's laptop, which never held the interview, refused it as
    ``merge.dangling``. Now the interview's first version travels with the comment, and
    Ana leaves it out as Beto does, and says so."""
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    device = carla.store.device_id
    carla.close()
    made_up_copy, made_up, version = _made_up(package, tmp_path / "carla", sid, "Inventada")
    with certified_team(tmp_path) as (supervisor, ana, beto):
        merge_database(supervisor.store, made_up_copy)  # Carla signs nothing here yet
        supervisor.review(made_up, "approved", "Revisada")
        write_package(supervisor.store, tmp_path / "sup.fieldapp")
        merge_database(beto.store, tmp_path / "sup.fieldapp")
        assert _current(beto)[made_up] == "Inventada"
        report = merge_database(beto.store, package)  # enrols Carla on Beto's laptop
        assert [(row.key, row.submission_id) for row in report.left_out] == [(version, made_up)]
        assert made_up not in _current(beto)
        merge_database(ana.store, package)
        write_package(beto.store, tmp_path / "beto.fieldapp")
        report = merge_database(ana.store, tmp_path / "beto.fieldapp")  # not refused
        assert made_up not in _current(ana)
        assert [(row.key, row.device_id) for row in report.left_out] == [(version, device)]
        assert "Left out: 1 version of the interview" in "\n".join(summary_lines(report, "en"))
        comments = ana.store.db.conn.execute(
            "SELECT count(*) FROM events WHERE submission_uuid = ?", [made_up]
        ).fetchone()
        assert comments[0] >= 1  # the supervisor's review is held, nothing refused
        assert _current(ana)[sid] == "Colectivo"


def test_the_devices_list_counts_no_left_out_row_under_the_device_it_names(
    tmp_path: Path,
) -> None:
    """Beto's laptop holds a version forged on Carla's interview and an interview made
    up in her name, left out once her package came. His devices list counted both under
    Carla's device (2 interviews, a version more than hers); it now counts what the
    supervisor's counts, where they are set aside."""
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    device = carla.store.device_id
    carla.close()
    copy, _ = _keyless_copy(package, tmp_path / "carla", sid, answers={"name": "Inventado"})
    made_up_copy, made_up, _ = _made_up(package, tmp_path / "carla", sid, "Inventada")
    with certified_team(tmp_path) as (supervisor, _, beto):
        for database in (supervisor, beto):
            merge_database(database.store, copy)
            merge_database(database.store, made_up_copy)
            merge_database(database.store, package)

        def carlas(database: Device) -> tuple[int, int]:
            listed = known_devices(database.store, hide_sealed=False)
            (found,) = [d for d in listed.devices if d.device_id == device]
            return found.interviews, found.revisions

        assert carlas(supervisor) == (1, 2)  # set aside there: her interview, its versions
        assert carlas(beto) == carlas(supervisor)
        assert made_up not in _current(beto)  # as the list, which never showed it there
        assert known_devices(beto.store, hide_sealed=False).quarantined == 2
