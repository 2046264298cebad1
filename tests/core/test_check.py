"""`fieldapp check --db`: the rows an older fieldapp let in that a merge would refuse today."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum

from fieldapp.cli import main
from fieldapp.core.demo import run_demo
from fieldapp.core.merge import merge_database
from fieldapp.core.progress import targets
from fieldapp.core.store import Store
from fieldapp.core.store.content import form_sha256, revision_content_sha256


def _poisoned(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A supervisor's database holding what the old merge accepted: one bad row per rule."""
    device = Device(tmp_path / "supervisor.db", "sup")
    sid = device.create(device.add_form(), "Tijuana", {"name": "Colectivo"})
    good = device.store.interviews.heads(sid)[0].revision_id
    device.close()
    conn = sqlite3.connect(device.path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM revisions").fetchone())
    row.update(uuid="11111111-1111-4111-8111-111111111111", answers="[1,2,3]", parents="[]")
    row["content_sha256"] = revision_content_sha256(row)
    conn.execute(f"INSERT INTO revisions VALUES ({', '.join('?' * len(row))})", list(row.values()))
    conn.execute(
        "INSERT INTO events VALUES ('22222222-2222-4222-8222-222222222222', '', NULL, "
        "'target', 'mallory', 'd', '2099-01-01T00:00:00+00:00', '{\"target\": \"lots\"}')"
    )
    junk = b"not a workbook"
    conn.execute(
        "INSERT INTO forms VALUES (?, 'junk', '1', 'junk', 'junk.xlsx', ?, '2025-01-01')",
        [form_sha256(junk, {}), junk],
    )
    conn.commit()
    conn.close()
    return device.path, {"good": good, "answers": row["uuid"], "junk": form_sha256(junk, {})}


def test_check_lists_every_row_a_merge_would_refuse_and_changes_nothing(tmp_path, capsys):
    path, ids = _poisoned(tmp_path)
    before = file_checksum(path)
    capsys.readouterr()

    assert main(["check", "--db", str(path)]) == 1

    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 3
    assert ids["junk"] in lines[0] and "cannot be loaded" in lines[0]
    assert ids["answers"] in lines[1] and "not a set of named answers" in lines[1]
    assert "22222222-2222-4222-8222-222222222222" in lines[2] and "2099" in lines[2]
    assert ids["good"] not in captured.out
    assert "3 rows would be refused" in captured.err and "Traceback" not in captured.err
    assert main(["check", "--db", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(r["table"], r["rule"]) for r in report["refused"]] == [
        ("forms", "rows.form_unloadable"),
        ("revisions", "rows.answers_not_object"),
        ("events", "rows.bad_time"),
    ]
    assert file_checksum(path) == before


def test_a_database_the_app_wrote_passes_check(tmp_path, capsys):
    # The demo writes through the store and the form engine on several laptops (sealed
    # forms, drafts, reviews, targets) and merges them: every row is one fieldapp writes.
    path = tmp_path / "demo.db"
    run_demo(path, 12, seed=3)
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 0
    assert "nothing to repair" in capsys.readouterr().out


def test_quarantine_sets_the_bad_rows_aside_for_every_reader_and_they_travel(tmp_path, capsys):
    path, ids = _poisoned(tmp_path)
    with Store.open(path) as store, pytest.raises(ValueError):
        targets(store)  # the poisoned target breaks status for good
    capsys.readouterr()
    assert (
        main(["check", "--db", str(path), "--quarantine", "--author", "Rosa"]) == 1
    )  # a reason is needed
    assert "--reason" in capsys.readouterr().err
    assert (
        main(
            [
                "check",
                "--db",
                str(path),
                "--quarantine",
                "--reason",
                "viejo merge",
                "--author",
                "Rosa",
            ]
        )
        == 0
    )
    assert "3 rows set aside" in capsys.readouterr().err
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "nothing to repair" in out and "3 rows are quarantined" in out
    with Store.open(path) as store:
        assert targets(store) == {}  # status works again
        (sid,) = [row.submission_id for row in store.interviews.page()]
        assert [h.revision_id for h in store.interviews.heads(sid)] == [ids["good"]]  # no conflict
        assert store.interviews.count() == 1
    # A laptop takes the supervisor's package: the bad rows come along, set aside there too.
    laptop = Device(tmp_path / "laptop.db", "ana")
    merge_database(laptop.store, path)
    assert [h.revision_id for h in laptop.store.interviews.heads(sid)] == [ids["good"]]
    assert targets(laptop.store) == {}
    laptop.close()
