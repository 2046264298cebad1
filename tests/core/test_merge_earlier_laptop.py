"""A package of a laptop still on the previous fieldapp merges at an upgraded supervisor.

The previous fieldapp wrote schema version 3 without ``m019_central_reviews`` (a table
local to each laptop, left empty in packages) and without signing ``submissions`` rows.
A merge reads its source read-only, and a read-only open refused any file with a
migration due: every package of a laptop not yet upgraded was refused ("cannot be
upgraded while opened read-only. Open it once in fieldapp"), found walking the study
with a package made by that fieldapp.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from merge_devices import CITIES, Device, as_the_previous_fieldapp_wrote_it, file_checksum

from fieldapp.cli import main
from fieldapp.core import validate
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError, Message
from fieldapp.core.package import write_package
from fieldapp.core.store import database


def test_a_package_of_a_laptop_on_the_previous_fieldapp_merges(tmp_path: Path) -> None:
    laptop = Device(tmp_path / "laptop.db", "ana")
    sha = laptop.add_form()
    sid = laptop.create(sha, CITIES[3], {"name": "Colectivo", "years": 4})
    laptop.finalize(sid)
    package = tmp_path / "ana.fieldapp"
    write_package(laptop.store, package)
    laptop.close()
    as_the_previous_fieldapp_wrote_it(package)
    before = file_checksum(package)

    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, package)
    assert supervisor.store.interviews.submission(sid).city == CITIES[3]
    assert supervisor.store.interviews.heads(sid)[0].state == "finalized"
    supervisor.close()
    # read as it is: not upgraded, nothing left beside it
    assert file_checksum(package) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ana")) == [
        "ana.fieldapp"
    ]


def test_a_package_lacking_an_exchanged_migration_is_still_refused(tmp_path: Path) -> None:
    """Only local tables' migrations may be missing: one that changes what is exchanged
    (the signatures) still needs the file upgraded first."""
    laptop = Device(tmp_path / "laptop.db", "ana")
    package = tmp_path / "ana.fieldapp"
    write_package(laptop.store, package)
    laptop.close()
    with sqlite3.connect(package) as conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm014_device_signatures'")
    conn.close()
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    with pytest.raises(FieldappError) as refused:
        merge_database(supervisor.store, package)
    supervisor.close()
    assert refused.value.code == "store.older_schema_readonly"


def test_a_laptop_on_the_previous_fieldapp_says_a_new_package_is_from_a_newer_fieldapp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reverse cannot merge: a previous fieldapp takes no link over a ``submissions``
    row. At the same version it refused such a package as forged (``merge.unsigned``:
    "It was forged or altered ... tell the study coordinator"), about an honest laptop.
    The version rose with the signed rows, so it says to update fieldapp instead; its
    check of the version is this one, run here with the version it reads up to."""
    laptop = Device(tmp_path / "laptop.db", "ana")
    sha = laptop.add_form()
    laptop.finalize(laptop.create(sha, CITIES[0], {"name": "Red", "years": 2}))
    package = tmp_path / "ana.fieldapp"
    write_package(laptop.store, package)
    laptop.close()
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    monkeypatch.setattr(database, "SCHEMA_VERSION", 3)
    with pytest.raises(FieldappError) as refused:
        merge_database(supervisor.store, package)
    supervisor.close()
    assert refused.value.code == "merge.newer_schema"
    said = refused.value.text("en")
    assert "newer fieldapp" in said and "Update fieldapp" in said and "forged" not in said


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["check"], "nothing to repair"),
        (["status"], "Civil society"),
        (["devices", "show"], "signing key"),
        (["forms", "list"], "civil_society"),
    ],
    ids=lambda value: "_".join(value) if isinstance(value, list) else "",
)
def test_a_command_that_reads_an_earlier_laptop_s_database_leaves_it_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], words: list[str], said: str
) -> None:
    """``fieldapp check`` says it changes nothing, but it, and every command that only
    reads, opened the file to write: an earlier fieldapp's database came back at version
    4, and that laptop's fieldapp then refused to open it ("written by a newer fieldapp")."""
    laptop = Device(tmp_path / "laptop.db", "ana")
    sha = laptop.add_form()
    laptop.finalize(laptop.create(sha, CITIES[1], {"name": "Frente", "years": 9}))
    laptop.close()
    path = tmp_path / "laptop.db"
    as_the_previous_fieldapp_wrote_it(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = file_checksum(path)
    assert main([*words, "--db", str(path)]) == 0
    assert said in capsys.readouterr().out
    assert file_checksum(path) == before
    with sqlite3.connect(path) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    conn.close()
    assert version == ("3",)


@pytest.mark.parametrize("rule", sorted(validate.LISTING_RULES))
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_forged_listing_row_s_refusal_reads_as_a_sentence(rule: str, language: str) -> None:
    """Seen merging a package whose row's city was rewritten: "the record … (table
    submissions) its form, city, interviewer or actor type is not what …", the rule's
    words run on from the table's name without a break."""
    error = FieldappError(
        "merge.listing_forged",
        path="a.fieldapp",
        table="submissions",
        key="27ef47ff",
        rule=Message(rule, {"detail": "8428a45c"}),
        device="8428a45c",
    )
    said = error.text(language)
    start = Message(rule, {"detail": "8428a45c"}).text(language)
    assert re.search(r"\((table|tabla) submissions\)[,:] " + re.escape(start), said), said
