"""(unsigned7) The devices list counts an interview under who started it only where
something read says so.

An interview's row names the device that started it (``created_on``). A row written since
interviews are signed carries that device's link; an older one, or one made up, carries
none and is held only to its first version's device, signed or not. A keyless package
brings an interview made up in Carla's name (its row, with another interviewer's name,
and a first version, no link); Beto edits it before Carla's own package reaches him, and
his signed version carries the made-up one to the supervisor. Once Carla's package came,
both databases leave the made-up version out (set aside at the supervisor's), yet the
interview stays listed under Beto's version, and the devices list counted it as one
Carla started, the made-up interviewer among her names.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from merge_devices import Device
from study_team import certified_team
from test_merge_attacks import _forged
from test_merge_unsigned_before_key import _current, _laptop

from fieldapp.cli import main
from fieldapp.core.known_devices import known_devices
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package


def _made_up_in(package: Path, folder: Path, sid: str, interviewer: str) -> tuple[Path, str]:
    """A keyless copy of Carla's package adding an interview made up in her name, under
    ``interviewer``: its row and a first version, neither signed. Return it and the id."""
    made_up = str(uuid.uuid4())
    copy = _forged(
        package,
        folder,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on, "
        f"interviewer, city, actor_type) SELECT '{made_up}', form_id, form_sha256, created_at, "
        f"created_on, '{interviewer}', 'Ensenada', actor_type FROM submissions "
        f"WHERE uuid = '{sid}'",
        "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, saved_at, "
        "state, answers, sealed, attachments, instance_name, content_sha256) "
        f"SELECT '{uuid.uuid4()}', '{made_up}', '[]', device_id, '{interviewer}', saved_at, "
        "'draft', '{\"name\":\"Inventada\"}', NULL, attachments, instance_name, '' "
        f"FROM revisions WHERE submission_uuid = '{sid}' AND parents = '[]'",
    )
    return copy, made_up


def test_an_interview_made_up_in_a_laptops_name_is_not_counted_as_one_it_started(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "carla").mkdir()
    carla, sid, package = _laptop(tmp_path / "carla", "carla")
    device = carla.store.device_id
    carla.close()
    copy, made_up = _made_up_in(package, tmp_path / "carla", sid, "Mallory")
    with certified_team(tmp_path) as (supervisor, _, beto):
        merge_database(beto.store, copy)  # Carla signs nothing on Beto's laptop yet
        beto.edit(made_up, {"years": 3})  # signed by Beto, on the made-up version
        merge_database(beto.store, package)
        merge_database(supervisor.store, package)
        write_package(beto.store, tmp_path / "beto.fieldapp")
        report = merge_database(supervisor.store, tmp_path / "beto.fieldapp")
        assert [row.table for row in report.set_aside] == ["revisions"]  # carried, set aside
        for database in (supervisor, beto):
            assert made_up in _current(database)  # listed: Beto's version is its head

        def carlas(database: Device) -> tuple[int, tuple[str, ...]]:
            listed = known_devices(database.store, hide_sealed=False)
            (found,) = [d for d in listed.devices if d.device_id == device]
            return found.interviews, found.interviewers

        # Carla started one interview; nothing she signed names Mallory.
        assert carlas(supervisor) == (1, ("carla",))
        assert carlas(beto) == (1, ("carla",))
        beto_counts = [
            d.interviews
            for d in known_devices(supervisor.store, hide_sealed=False).devices
            if d.device_id == beto.store.device_id
        ]
        assert beto_counts == [2]  # his own two (one in clear, one sealed), as before
        supervisor.close()
        capsys.readouterr()
        assert main(["devices", "list", "--db", str(supervisor.path), "--json"]) == 0
        said = json.loads(capsys.readouterr().out)["devices"]
        assert [d["interviews"] for d in said if d["device_id"] == device] == [1]
