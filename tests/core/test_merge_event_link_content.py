"""(smalls2) A link that comes for an event already held is held to that event's content.

A revision's new link was checked against the revision's content hash; an event's only
against its device. A laptop's key (stolen) could sign a link over other words for a note
the supervisor already held unsigned (from a keyless copy of a stick), and the merge took
it: the note then read as signed by the laptop. It is refused as a revision's is.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from merge_devices import Device
from test_merge_attacks import _forged, _refused

from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package

NOTE = {"comment": "volver el martes"}


def test_a_link_over_other_words_for_a_note_held_unsigned_is_refused(tmp_path: Path) -> None:
    ana = Device(tmp_path / "ana.db", "ana")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    try:
        sid = ana.create(ana.add_form(), "Tijuana", {"name": "Colectivo", "years": 4})
        note = ana.store.events.add(sid, "comment", NOTE, author="ana")
        package = tmp_path / "ana.fieldapp"
        write_package(ana.store, package)
        # a copy of her stick with no link, merged first: the note is held unsigned
        keyless = _forged(
            package,
            tmp_path,
            "DELETE FROM signatures",
            f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        )
        merge_database(supervisor.store, keyless)
        # her key signs the note as saying something else; the package carries the note
        # as held, so only its link differs
        other = json.dumps({"comment": "no volver"}, sort_keys=True, separators=(",", ":"))
        forged = _forged(
            package,
            tmp_path,
            f"UPDATE events SET payload = '{other}' WHERE uuid = '{note}'",
            signed_by=ana.path,
        )
        with sqlite3.connect(package) as genuine:
            (payload,) = genuine.execute(
                "SELECT payload FROM events WHERE uuid = ?", [str(note)]
            ).fetchone()
        with sqlite3.connect(forged) as conn:
            conn.execute("UPDATE events SET payload = ? WHERE uuid = ?", [payload, str(note)])

        error = _refused(supervisor, forged, "merge.unsigned")
        said = error.text("en")
        assert str(note) in said and "table signatures" in said and "other content" in said
        assert "otro contenido" in error.text("es")
        # her own package, its link over the note as it is, still merges
        merge_database(supervisor.store, package)
        (held,) = supervisor.store.db.conn.execute(
            "SELECT row_hash FROM signatures WHERE row_table = 'events' AND row_uuid = ?",
            [str(note)],
        ).fetchone()
        with sqlite3.connect(package) as genuine:
            (signed,) = genuine.execute(
                "SELECT row_hash FROM signatures WHERE row_table = 'events' AND row_uuid = ?",
                [str(note)],
            ).fetchone()
        assert held == signed
    finally:
        ana.close()
        supervisor.close()
