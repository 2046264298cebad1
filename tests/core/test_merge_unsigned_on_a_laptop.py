"""(unsigned3) Unsigned rows on a laptop that may not set them aside.

In a certified study only the supervisor's database sets aside the rows a laptop holds
naming a device without its signature. Beto's laptop took a keyless copy of Carla's
package (a version forged in her name) before Carla's own package: once hers came, the
forged version stayed Carla's interview on Beto's laptop (list, export, progress), and
every package of Beto's was refused at the supervisor's (``merge.unsigned_of_signer``),
until her quarantine reached him, which needed her to hold the forged rows too. Every
database now leaves out a row naming a device that signs here but carrying no
signature of it, and a package leaves such rows out.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid
import zipfile
from pathlib import Path

from merge_devices import Device
from study_team import certified_team
from test_merge_attacks import _forged
from test_merge_unsigned_before_key import _current, _keyless_copy, _laptop
from test_merge_unsigned_taken_back import _finalized

from fieldapp.cli import main
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.progress import progress


def _exported(device: Device, out: Path) -> list[str]:
    """The names of the interviews in clear a CSV export gives the analyst."""
    assert main(["export", "--db", str(device.path), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("civil_society.csv").decode("utf-8-sig")
        return sorted(row["name"] for row in csv.DictReader(io.StringIO(sheet)))


def _forged_then_genuine(tmp_path: Path, beto: Device, supervisor: Device) -> tuple[str, str]:
    """Beto takes a keyless copy of Carla's package, then the supervisor and he take her
    own package. Return Carla's interview and the forged version's id."""
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    copy, forged = _keyless_copy(package, tmp_path / "carla", sid, answers={"name": "Inventado"})
    carla.close()
    merge_database(beto.store, copy)  # Carla signed nothing on Beto's laptop yet: taken
    assert _current(beto)[sid] == "Inventado"
    merge_database(supervisor.store, package)
    report = merge_database(beto.store, package)
    assert report.set_aside == ()  # Beto's laptop may not quarantine for the study
    return sid, forged


def test_a_laptop_leaves_out_a_forged_version_once_its_device_signs_there(
    tmp_path: Path,
) -> None:
    with certified_team(tmp_path) as (supervisor, _, beto):
        sid, forged = _forged_then_genuine(tmp_path, beto, supervisor)
        # Carla's own finalized version is her interview again on Beto's laptop.
        assert _current(beto)[sid] == "Colectivo"
        assert forged not in [head.revision_id for head in beto.store.interviews.heads(sid)]
        assert _exported(beto, tmp_path / "export.zip") == ["Colectivo"]
        assert _finalized(beto) == _finalized(supervisor)
        assert progress(beto.store).quarantined == 1  # said: "Quarantined rows left out: 1"
        # Nothing deleted: the row is held, left out.
        held = beto.store.db.conn.execute(
            "SELECT count(*) FROM revisions WHERE uuid = ?", [forged]
        ).fetchone()
        assert held == (1,)


def test_a_laptops_package_leaves_the_forged_rows_out_and_merges_at_the_supervisors(
    tmp_path: Path,
) -> None:
    with certified_team(tmp_path) as (supervisor, _, beto):
        sid, forged = _forged_then_genuine(tmp_path, beto, supervisor)
        sid2 = beto.create(beto.add_form(), "Mexicali", {"name": "Nueva"})
        write_package(beto.store, tmp_path / "beto.fieldapp")
        report = merge_database(supervisor.store, tmp_path / "beto.fieldapp")  # not refused
        assert report.interviews == 1
        assert _current(supervisor)[sid] == "Colectivo"
        assert _current(supervisor)[sid2] == "Nueva"
        with sqlite3.connect(tmp_path / "beto.fieldapp") as conn:
            carried = conn.execute(
                "SELECT count(*) FROM revisions WHERE uuid = ?", [forged]
            ).fetchone()
        assert carried == (0,)  # left out of the package; still held on Beto's laptop
        assert beto.store.db.conn.execute(
            "SELECT count(*) FROM revisions WHERE uuid = ?", [forged]
        ).fetchone() == (1,)


def test_an_interview_made_up_in_a_laptops_name_leaves_no_row_in_anothers_package(
    tmp_path: Path,
) -> None:
    """A keyless copy of Carla's package bringing a whole interview made up in her name
    (its row and first version, no link): Beto's laptop leaves it out of his list once
    Carla's package came, and his package brings neither row to the supervisor."""
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    carla.close()
    made_up, version = str(uuid.uuid4()), str(uuid.uuid4())
    copy = _forged(
        package,
        tmp_path / "carla",
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on, "
        f"interviewer, city, actor_type) SELECT '{made_up}', form_id, form_sha256, created_at, "
        f"created_on, interviewer, 'Ensenada', actor_type FROM submissions WHERE uuid = '{sid}'",
        "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, saved_at, "
        "state, answers, sealed, attachments, instance_name, content_sha256) "
        f"SELECT '{version}', '{made_up}', '[]', device_id, author, saved_at, state, "
        "'{\"name\":\"Inventada\"}', NULL, attachments, instance_name, '' FROM revisions "
        f"WHERE submission_uuid = '{sid}' AND parents = '[]'",
    )
    with certified_team(tmp_path) as (supervisor, _, beto):
        merge_database(beto.store, copy)
        assert _current(beto)[made_up] == "Inventada"
        merge_database(supervisor.store, package)
        merge_database(beto.store, package)
        assert made_up not in _current(beto)
        write_package(beto.store, tmp_path / "beto.fieldapp")
        merge_database(supervisor.store, tmp_path / "beto.fieldapp")  # not refused
        held = supervisor.store.db.conn.execute(
            "SELECT (SELECT count(*) FROM submissions WHERE uuid = ?), "
            "(SELECT count(*) FROM revisions WHERE uuid = ?)",
            [made_up, version],
        ).fetchone()
        assert held == (0, 0)
        assert _current(supervisor)[sid] == "Colectivo"
