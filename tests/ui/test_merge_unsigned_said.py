"""(unsigned) The merge window says which records a laptop's own package set aside."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing

from merge_devices import Device
from PySide6.QtCore import Qt

from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.store import Store
from fieldapp.core.store.content import revision_content_sha256
from fieldapp.ui.merge_dialog import MergeDialog


def test_the_laptops_package_row_says_its_unsigned_copies_were_set_aside(qtbot, tmp_path):
    """A copied stick's rows, links dropped and one version changed, sorted before the
    laptop's own package: that package's row and the summary say what was set aside."""
    stick = tmp_path / "usb"
    ana = Device(tmp_path / "ana.db", "ana")
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "Colectivo"})
    ana.finalize(sid)
    device = ana.store.device_id
    write_package(ana.store, stick / "ana.fieldapp")
    ana.close()
    forged = stick / "a-copy.fieldapp"  # merged first: by name
    forged.write_bytes((stick / "ana.fieldapp").read_bytes())
    with closing(sqlite3.connect(forged)) as conn:
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DELETE FROM signatures")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [str(uuid.uuid4())])
        conn.commit()
    into = tmp_path / "supervisor.db"
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([stick])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    rows = [dialog.table.item(r, 1).text() for r in range(2)]
    assert rows[0].startswith("1 new interview")
    # Ana's versions came unsigned first: her package brings their links, sets nothing aside.
    assert "set aside" not in rows[1], rows[1]
    summary = dialog.summary.toPlainText()
    assert "Set aside" not in summary
    dialog.close()

    # The same with one version changed in her name: her package's row says it.
    with closing(sqlite3.connect(forged)) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [str(uuid.uuid4())])
        conn.execute(
            'UPDATE revisions SET answers = \'{"name":"Inventado"}\', uuid = ? '
            "WHERE state = 'finalized'",
            [str(uuid.uuid4())],
        )
        conn.commit()
    with closing(sqlite3.connect(forged)) as conn:
        conn.row_factory = sqlite3.Row
        for row in conn.execute("SELECT * FROM revisions").fetchall():
            conn.execute(
                "UPDATE revisions SET content_sha256 = ? WHERE uuid = ?",
                [revision_content_sha256(dict(row)), row["uuid"]],
            )
        conn.commit()
    into.unlink()
    Store.open(into).close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([stick])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    rows = [dialog.table.item(r, 1).text() for r in range(2)]
    assert "1 record set aside, unsigned: see below" in rows[1], rows[1]
    summary = dialog.summary.toPlainText()
    assert f"Set aside: 1 record of the device {device}" in summary, summary


def test_the_laptops_next_package_row_says_its_records_set_aside_were_taken_back(qtbot, tmp_path):
    """A keyless copy of Ana's newer package, then her older one, set her newer versions
    aside; her next package brings their signatures: its row and the summary say so."""
    ana = Device(tmp_path / "ana.db", "ana")
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "Colectivo"})
    write_package(ana.store, tmp_path / "older.fieldapp")
    ana.finalize(sid)
    copy = tmp_path / "copy.fieldapp"
    write_package(ana.store, copy)
    with closing(sqlite3.connect(copy)) as conn:
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DELETE FROM signatures")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [str(uuid.uuid4())])
        conn.commit()
    into = tmp_path / "supervisor.db"
    with closing(Store.open(into)) as supervisor:
        merge_database(supervisor, copy)
        assert len(merge_database(supervisor, tmp_path / "older.fieldapp").set_aside) == 1
    device = ana.store.device_id
    write_package(ana.store, tmp_path / "next" / "ana.fieldapp")
    ana.close()
    dialog = MergeDialog(into)
    qtbot.addWidget(dialog)
    dialog.add_sources([tmp_path / "next"])
    with qtbot.waitSignal(dialog.merged, timeout=20_000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    row = dialog.table.item(0, 1).text()
    assert "1 record taken back, signed: see below" in row, row
    summary = dialog.summary.toPlainText()
    assert f"Taken back: 1 record of the device {device}: its signature came" in summary
    dialog.close()


def test_a_laptops_row_says_the_records_it_now_leaves_out_and_the_summary_names_them(
    qtbot, tmp_path
):
    """(unsigned4) Beto's laptop, which may not set records aside, took a keyless copy
    of Carla's package with a version forged on her interview; her own package's row
    says what it now leaves out, and the summary names the interview and what to do."""
    from study_team import certified_team

    carla = Device(tmp_path / "carla.db", "carla")
    sid = carla.create(carla.add_form(), "Tijuana", {"name": "Colectivo"})
    carla.finalize(sid)
    device = carla.store.device_id
    package = tmp_path / "stick" / "carla.fieldapp"
    write_package(carla.store, package)
    carla.close()
    copy = tmp_path / "copy.fieldapp"  # links dropped, a version forged on her interview
    copy.write_bytes(package.read_bytes())
    with closing(sqlite3.connect(copy)) as conn:
        conn.row_factory = sqlite3.Row
        for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DELETE FROM signatures")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'database_id'", [str(uuid.uuid4())])
        head = dict(conn.execute("SELECT * FROM revisions WHERE state = 'finalized'").fetchone())
        forged = {
            **head,
            "uuid": str(uuid.uuid4()),
            "parents": f'["{head["uuid"]}"]',
            "answers": '{"name":"Inventado"}',
        }
        forged["content_sha256"] = revision_content_sha256(forged)
        conn.execute(
            f"INSERT INTO revisions ({', '.join(forged)}) VALUES ({', '.join('?' * len(forged))})",
            list(forged.values()),
        )
        conn.commit()
    with certified_team(tmp_path) as (_, _, beto):
        merge_database(beto.store, copy)
        dialog = MergeDialog(beto.path)
        qtbot.addWidget(dialog)
        dialog.add_sources([package])
        with qtbot.waitSignal(dialog.merged, timeout=20_000):
            qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        row = dialog.table.item(0, 1).text()
        assert "1 record left out, unsigned: see below" in row, row
        summary = dialog.summary.toPlainText()
        said = f"Left out: 1 version of the interview {sid}, of the device {device}"
        assert said in " ".join(summary.split()), summary
        assert "take this list to the supervisor" in " ".join(summary.split())
        dialog.close()
