"""(unsigned8) A version made up in a laptop's own name, carried by another laptop's
signed version, still merges there: taken, and left out as everywhere.

Since *(unsigned8)* a laptop reads its own device as one that signs from the start, so a
row naming it with no link is refused by its merges (``merge.unsigned_of_own``) unless a
row that travels names it (``quarantine.carried``). A keyless package brings an
interview made up in Dora's name to Beto's laptop before Dora signed anything; Beto edits
it, and his signed version carries the made-up one. Refused, Beto's every package would
be refused on Dora's laptop for ever.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from merge_devices import Device
from test_merge_attacks import _forged
from test_merge_unsigned_before_key import _current, _laptop

from fieldapp.core.known_devices import known_devices
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package


def test_a_version_made_up_in_this_laptops_name_travels_with_anothers_and_is_left_out(
    tmp_path: Path,
) -> None:
    carla, sid, package = _laptop(tmp_path, "carla")
    carla.close()
    dora = Device(tmp_path / "dora.db", "dora")  # nothing signed yet
    dora.add_form()
    own = dora.store.device_id
    made_up, first = str(uuid.uuid4()), str(uuid.uuid4())
    copy = _forged(
        package,
        tmp_path,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on, "
        f"interviewer, city, actor_type) SELECT '{made_up}', form_id, form_sha256, created_at, "
        f"'{own}', 'Mallory', 'Ensenada', actor_type FROM submissions WHERE uuid = '{sid}'",
        "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, saved_at, "
        "state, answers, sealed, attachments, instance_name, content_sha256) "
        f"SELECT '{first}', '{made_up}', '[]', '{own}', 'Mallory', saved_at, "
        "'draft', '{\"name\":\"Inventada\"}', NULL, attachments, instance_name, '' "
        f"FROM revisions WHERE submission_uuid = '{sid}' AND parents = '[]'",
    )
    beto = Device(tmp_path / "beto.db", "beto")
    merge_database(beto.store, copy)  # Dora signs nothing on Beto's laptop: taken
    beto.edit(made_up, {"years": 3})  # signed by Beto, on the made-up version
    write_package(beto.store, tmp_path / "beto.fieldapp")
    report = merge_database(dora.store, tmp_path / "beto.fieldapp")
    assert report.interviews >= 1
    held = dora.store.conn.execute("SELECT 1 FROM revisions WHERE uuid = ?", [first]).fetchone()
    assert held is not None  # carried, taken
    assert _current(dora)[made_up] == "Inventada"  # listed under Beto's version, its head
    (here,) = [d for d in known_devices(dora.store, hide_sealed=False).devices if d.this_laptop]
    assert (here.interviews, here.revisions) == (0, 0)  # none of it is Dora's work
    assert not dora.store.interviews.started_here(made_up)
    for device in (dora, beto):
        device.close()
