"""(attack7) ``fieldapp check`` names two keys for one device, taken before attack6.

Since *(attack6)* a merge refuses links naming this database's own device under another
key. A database an older fieldapp merged kept such links: a forger posing as this laptop
while it had signed nothing yet. ``check`` lists the rows signed by the key that is not
this laptop's own (``signing_key`` says which is), and ``--quarantine`` sets them aside;
for another device, whose own key nothing here says, both keys are named and no row.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from merge_devices import Device

from fieldapp.cli import main
from fieldapp.core.messages import text
from fieldapp.core.quarantine import quarantined
from fieldapp.core.validate import check_store

_TABLES = ("forms", "submissions", "revisions", "events", "signatures")


def _posing_as(tmp_path: Path, name: str, device_id: str) -> Device:
    """A forger's database, its own key, signing under ``device_id``."""
    path = tmp_path / f"{name}.db"
    Device(path, name).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", [device_id])
        conn.execute("UPDATE signing_key SET device_id = ?", [device_id])
    conn.close()
    return Device(path, name)


def _taken_as_before(into: Device, source: Path) -> None:
    """Put ``source``'s rows in ``into`` as a merge before attack6 took them."""
    into.close()
    with sqlite3.connect(into.path) as conn:
        conn.execute("ATTACH ? AS f", [str(source)])
        for table in _TABLES:
            conn.execute(f"INSERT OR IGNORE INTO main.{table} SELECT * FROM f.{table}")
    conn.close()
    into.__init__(into.path, into.name)  # type: ignore[misc]
    into.store.refresh_derived()


def test_check_lists_rows_signed_as_this_laptop_by_another_key_and_sets_them_aside(
    tmp_path: Path, capsys
) -> None:
    ana = Device(tmp_path / "ana.db", "Ana")
    form = ana.add_form()
    forger = _posing_as(tmp_path, "forger", ana.store.device_id)
    forger.add_form()
    made_up = forger.create(form, "Lima", {"name": "Inventada"})
    forger.close()
    _taken_as_before(ana, forger.path)
    mine = ana.create(form, "Lima", {"name": "Mía"})  # her own, under her own key

    db = str(ana.path)
    assert main(["check", "--db", db, "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    made_up_rows = {
        str(u)
        for (u,) in ana.store.conn.execute(
            "SELECT uuid FROM revisions WHERE submission_uuid = ?", [made_up]
        )
    }
    assert {r["key"] for r in refused if r["table"] == "revisions"} == made_up_rows
    assert {r["rule"] for r in refused} == {"rows.signed_as_this_laptop"}
    assert all(ana.store.device_id in r["message"] for r in refused)
    assert "posed as this laptop" in refused[0]["message"]
    assert "se hizo pasar por esta computadora" in text(
        "rows.signed_as_this_laptop", "es", detail=ana.store.device_id
    )
    revisions = {r["key"] for r in refused if r["table"] == "revisions"}
    assert revisions and not revisions & {h.revision_id for h in ana.store.interviews.heads(mine)}
    assert mine not in {r["key"] for r in refused}

    found = check_store(ana.store, quarantine=True, reason="posing as Ana", author="Rosa")
    assert found.quarantined_now >= len(refused)
    aside = quarantined(ana.store.conn)
    assert {("revisions", key) for key in made_up_rows} <= aside
    assert not ana.store.interviews.heads(made_up)
    assert ("submissions", mine) not in aside
    assert check_store(ana.store).bad == []
    assert ana.store.interviews.heads(mine)  # hers, as before
    ana.close()


def test_another_devices_two_keys_are_named_and_no_row_is_listed(tmp_path: Path, capsys) -> None:
    sup = Device(tmp_path / "sup.db", "Rosa")
    form = sup.add_form()
    beto = Device(tmp_path / "beto.db", "Beto")
    beto.add_form()
    beto.create(form, "Lima", {"name": "De Beto"})
    beto.close()
    forger = _posing_as(tmp_path, "forger", beto.store.device_id)
    forger.add_form()
    forger.create(form, "Lima", {"name": "Inventada"})
    forger.close()
    _taken_as_before(sup, beto.path)
    _taken_as_before(sup, forger.path)

    db = str(sup.path)
    assert main(["check", "--db", db, "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["refused"] == []
    (two,) = said["device_two_keys"]
    assert two["device"] == beto.store.device_id
    assert len(two["fingerprints"]) == 2
    assert "cannot tell which key" in two["message"]
    assert main(["check", "--db", db]) == 0
    out = capsys.readouterr().out
    assert beto.store.device_id in out and "fieldapp devices show" in out
    assert "no puede saber cuál es la clave" in text(
        "check.two_keys", "es", path=db, device="d", fingerprints="a, b"
    )
    found = check_store(sup.store, quarantine=True, reason="r", author="Rosa")
    assert found.quarantined_now == 0 and not quarantined(sup.store.conn)
    sup.close()
