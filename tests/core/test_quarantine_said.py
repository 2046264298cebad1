"""Quarantined rows are left out by every reader, and every reader says how many."""

from __future__ import annotations

import json
from pathlib import Path

from merge_devices import Device
from openpyxl import load_workbook
from test_check import _poisoned

from fieldapp.cli import main
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.quarantine import skipped
from fieldapp.core.store import Store

LINE = "Quarantined rows left out: 3 "


def _repaired(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    """The poisoned supervisor's database with its three bad rows quarantined."""
    path, _ = _poisoned(tmp_path)
    assert (
        main(
            [
                "check",
                "--db",
                str(path),
                "--quarantine",
                "--reason",
                "old merge",
                "--author",
                "Rosa",
            ]
        )
        == 0
    )
    capsys.readouterr()
    return path


def test_the_count_is_of_quarantined_rows_held(tmp_path, capsys):
    path = _repaired(tmp_path, capsys)
    with Store.open(path) as store:
        assert skipped(store.db.conn) == 3  # the junk form, the bad revision, the target


def test_status_says_how_many_rows_it_left_out(tmp_path, capsys):
    path = _repaired(tmp_path, capsys)
    assert main(["status", "--db", str(path)]) == 0
    assert LINE in capsys.readouterr().out
    assert main(["status", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["quarantined"] == 3


def test_export_says_it_in_the_about_sheet_and_the_result(tmp_path, capsys):
    path = _repaired(tmp_path, capsys)
    out = tmp_path / "study.xlsx"
    assert main(["export", "--db", str(path), "-o", str(out), "--drafts"]) == 0
    captured = capsys.readouterr()
    assert LINE in captured.err and "Traceback" not in captured.err
    about = {row[0]: row[1] for row in load_workbook(out)["about"].iter_rows(values_only=True)}
    assert about["Quarantined rows left out"] == 3
    again = tmp_path / "again.xlsx"
    assert main(["export", "--db", str(path), "-o", str(again), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["quarantined"] == 3


def test_merge_says_how_many_quarantined_rows_came_in(tmp_path, capsys):
    path = _repaired(tmp_path, capsys)
    laptop = Device(tmp_path / "laptop.db", "ana")
    report = merge_database(laptop.store, path)
    assert report.quarantined == 3 and report.to_json()["quarantined"] == 3
    assert any(LINE in line for line in summary_lines(report, "en"))
    assert any(
        "Filas en cuarentena dejadas fuera: 3 " in line for line in summary_lines(report, "es")
    )
    again = merge_database(laptop.store, path)  # nothing new: nothing to say
    assert again.quarantined == 0
    assert not any("Quarantined rows" in line for line in summary_lines(again, "en"))
    laptop.close()


def test_nothing_quarantined_says_nothing(tmp_path, capsys):
    device = Device(tmp_path / "clean.db", "sup")
    device.create(device.add_form(), "Tijuana", {"name": "Colectivo"})
    device.close()
    capsys.readouterr()
    assert main(["status", "--db", str(device.path)]) == 0
    assert "Quarantined rows" not in capsys.readouterr().out
    assert main(["status", "--db", str(device.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["quarantined"] == 0
