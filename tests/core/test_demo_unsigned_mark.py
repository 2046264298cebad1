"""(unsigned7) A demo mark counts only signed by the laptop it names.

``fieldapp demo`` refuses a database holding interviews or records the demo did not
write, telling them apart by each simulated laptop's study-wide ``demo_device`` mark. The
mark was read as it was held: an unsigned one, which a keyless package can carry in any
device's name (merged before that device's own package; set aside or left out once it
came), made that device's real interviews, and the database's own records, pass for the
demo's, and the demo wrote its made-up interviews beside them.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum
from test_merge_attacks import _forged
from test_merge_unsigned_before_key import _laptop

from fieldapp.cli import main
from fieldapp.core.demo import DEMO_DEVICE, real_interviews
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import skipped
from fieldapp.core.store import Store


def _marks(package: Path, folder: Path, devices: list[str]) -> Path:
    """A keyless package holding only a demo mark in each of ``devices``' names (no link,
    another database id): what a copied stick's package, emptied and marked, is."""
    marks = [
        "INSERT INTO events (uuid, submission_uuid, revision_uuid, kind, author, device_id, "
        f"at, payload) VALUES ('{uuid.uuid4()}', '', NULL, '{DEMO_DEVICE}', '', '{device}', "
        f"'2026-01-01T00:00:00+00:00', '{{\"device_id\":\"{device}\"}}')"
        for device in devices
    ]
    return _forged(
        package,
        folder,
        "DELETE FROM signatures",
        "DELETE FROM events",
        "DELETE FROM revisions",
        "DELETE FROM submissions",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        *marks,
    )


def test_an_unsigned_demo_mark_does_not_pass_a_laptops_real_interviews_for_the_demos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A keyless package marks Ana's laptop and the supervisor's database as the demo's;
    it reaches the supervisor before Ana's package, which then sets Ana's mark aside (the
    other is left out, the database signing its quarantine). ``fieldapp demo`` on that
    database wrote three made-up interviews beside Ana's real one; it refuses, in one
    line, naming her interview, and writes nothing. (Since (unsigned8) a mark in the
    database's own name is refused by the merge, ``merge.unsigned_of_own``.)"""
    ana, sid, package = _laptop(tmp_path)
    ana.close()
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    own = _marks(package, tmp_path, [ana.store.device_id, supervisor.store.device_id])
    with pytest.raises(FieldappError) as refused:
        merge_database(supervisor.store, own)
    assert refused.value.code == "merge.unsigned_of_own"
    marks = _marks(package, tmp_path, [ana.store.device_id])
    merge_database(supervisor.store, marks)  # Ana signs nothing here yet: taken
    report = merge_database(supervisor.store, package)
    assert [row.table for row in report.set_aside] == ["events"]  # her mark, set aside
    assert skipped(supervisor.store.conn) == 1
    supervisor.close()
    before = file_checksum(supervisor.path)
    capsys.readouterr()
    assert main(["demo", "--interviews", "3", "--db", str(supervisor.path)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "already holds 1 interview the demo did not write" in err, err
    assert file_checksum(supervisor.path) == before
    with Store.open(supervisor.path) as store:
        assert [c.submission.submission_id for c in store.interviews.iter_current()] == [sid]


def test_a_made_up_devices_unsigned_mark_makes_its_interviews_no_demos(tmp_path: Path) -> None:
    """An interview under a device id no key vouches for, with that id's own unsigned
    mark: nothing says it is a demo laptop's (every demo laptop signs), so it counts
    among the interviews the demo did not write, as the devices list calls its id
    unverified rather than a laptop of the study."""
    ana, _, package = _laptop(tmp_path)
    ana.close()
    made_up = str(uuid.uuid4())
    copy = _forged(
        package,
        tmp_path,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        f"UPDATE submissions SET created_on = '{made_up}'",
        f"UPDATE revisions SET device_id = '{made_up}'",
        f"UPDATE events SET device_id = '{made_up}'",
        "INSERT INTO events (uuid, submission_uuid, revision_uuid, kind, author, device_id, "
        f"at, payload) VALUES ('{uuid.uuid4()}', '', NULL, '{DEMO_DEVICE}', '', '{made_up}', "
        f"'2026-01-01T00:00:00+00:00', '{{\"device_id\":\"{made_up}\"}}')",
    )
    with Store.open(tmp_path / "hub.db") as store:
        merge_database(store, copy)
        assert [c.submission.created_on for c in store.interviews.iter_current()] == [made_up]
        assert real_interviews(store) == 1
