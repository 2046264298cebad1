"""(unsigned5) A device id only unsigned rows name is unverified, where it is shown.

Carla's laptop runs an older fieldapp (it signs nothing): Ana's laptop relays her
interview without links, and the supervisor merges it. Nothing in Carla's rows tells her
laptop from an id someone made up, yet the devices list showed her as "laptop", as the
enrolled Ana, and the export's ``_device`` held her id with nothing said. The list marks
her unverified (unsigned) and the codebook's ``_device`` label says such ids are there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from merge_devices import Device
from python_calamine import CalamineWorkbook
from test_merge_attacks import _unsign

from fieldapp.cli import main
from fieldapp.core.export import export_workbook
from fieldapp.core.known_devices import known_devices
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package


def _supervisor_holding_carla(
    tmp_path: Path, *, relayed_unsigned: bool = True
) -> tuple[Path, str, str]:
    """The supervisor's database holding Ana's interview (signed) and Carla's, relayed by
    Ana without links (an older fieldapp's). Return it, Ana's and Carla's device ids."""
    ana, carla = Device(tmp_path / "ana.db", "ana"), Device(tmp_path / "carla.db", "carla")
    ana.finalize(ana.create(ana.add_form(), "Tijuana", {"name": "Colectivo"}))
    carla.finalize(carla.create(carla.add_form(), "Nuevo Laredo", {"name": "Sin clave"}))
    merge_database(ana.store, carla.path)
    if relayed_unsigned:
        _unsign(ana, "device_id <> ?", ana.store.device_id)
    write_package(ana.store, tmp_path / "relay.fieldapp")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, tmp_path / "relay.fieldapp")
    ids = ana.store.device_id, carla.store.device_id
    for device in (ana, carla, supervisor):
        device.close()
    return supervisor.path, *ids


def test_the_devices_list_marks_an_id_only_unsigned_rows_name_as_unverified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, ana, carla = _supervisor_holding_carla(tmp_path)
    from fieldapp.core.store import Store

    with Store.open(db, create=False) as store:
        listed = {d.device_id: d for d in known_devices(store, hide_sealed=False).devices}
        assert listed[carla].unverified and listed[carla].interviews == 1
        assert not listed[ana].unverified and not listed[store.device_id].unverified
    capsys.readouterr()
    assert main(["devices", "list", "--db", str(db), "--json"]) == 0
    status = {d["device_id"]: d["status"] for d in json.loads(capsys.readouterr().out)["devices"]}
    assert status[carla] == "unsigned" and status[ana] == "laptop"
    for language, words in (("en", "unverified (unsigned)"), ("es", "sin verificar (sin firma)")):
        monkeypatch.setenv("FIELDAPP_LANG", language)
        assert main(["devices", "list", "--db", str(db)]) == 0
        out = capsys.readouterr().out
        (line,) = [said for said in out.splitlines() if said.startswith(carla)]
        assert words in line, out
        assert not any(said.startswith(ana) and words in said for said in out.splitlines())


def _device_label(out: Path) -> Any:
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("codebook").to_python()
    header = rows[0]
    (device,) = [r for r in rows[1:] if r[header.index("variable")] == "_device"]
    return dict(zip(header, device, strict=True))


def test_the_exports_device_column_says_some_ids_are_unverified(tmp_path: Path) -> None:
    db, _, carla = _supervisor_holding_carla(tmp_path)
    out = tmp_path / "study.xlsx"
    export_workbook(db, out)
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("civil_society").to_python()
    assert carla in {row[sheet[0].index("_device")] for row in sheet[1:]}  # the id, as it was
    labels = [v for k, v in _device_label(out).items() if str(k).startswith("label::")]
    assert any("some ids are unverified" in str(label) for label in labels), labels


def test_an_export_whose_devices_all_sign_says_nothing_of_it(tmp_path: Path) -> None:
    db, _, _ = _supervisor_holding_carla(tmp_path, relayed_unsigned=False)
    out = tmp_path / "study.xlsx"
    export_workbook(db, out)
    labels = [v for k, v in _device_label(out).items() if str(k).startswith("label::")]
    assert labels and not any("unverified" in str(label) for label in labels), labels
