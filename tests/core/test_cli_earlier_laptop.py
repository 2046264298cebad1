"""Listing and exporting a laptop's database on the previous fieldapp leave it as it was.

A laptop not yet upgraded keeps a version-3 database. ``devices list`` and ``review
list`` opened it to write (their sealed forms' notes), so pointed at it they upgraded it
to version 4, which that laptop's fieldapp then refused to open; ``export`` refused it
with advice to "open it once in fieldapp", which did the same. Found walking the study
with a laptop on the previous fieldapp (design notes, *walk*).
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from merge_devices import as_the_previous_fieldapp_wrote_it
from study_keys import sealed_form
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store

DRAFTS = "cuaderno de campo 2026"


def _finalized(path: Path, form: Path, answers: dict[str, str], interviewer: str) -> str:
    """Write two finalized interviews of ``form``; return the laptop's device id."""
    with Store.open(path) as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sha = laptop.forms.add(form).sha256
        for _ in range(2):
            laptop.interviews.submit(
                sha, answers, finalize=True, interviewer=interviewer, city="nuevo_laredo"
            )
        return laptop.device_id


@pytest.fixture
def earlier_laptop(tmp_path: Path, pair: crypto.KeyPair) -> tuple[Path, str, str]:
    """A laptop on the previous fieldapp holding its own two interviews in clear and, from
    the supervisor's package, two sealed security interviews of another laptop (merged in:
    no note of their form's sealing yet). Closed, as the app leaves it: nothing beside."""
    sealed = sealed_form(tmp_path, pair, form_id="security_sealed")
    clear = write_xlsform(
        tmp_path / "cso.xlsx",
        [{"type": "text", "name": "name", "label": "Nombre"}],
        settings={"form_id": "cso", "version": "1"},
    )
    security = _finalized(tmp_path / "nl.db", sealed, {"story": "relato"}, "NL01")
    laptop = tmp_path / "laptop" / "field.db"
    laptop.parent.mkdir()
    own = _finalized(laptop, clear, {"name": "Consejo"}, "TJ01")
    with Store.open(laptop) as store:
        merge_database(store, tmp_path / "nl.db")
    as_the_previous_fieldapp_wrote_it(laptop)
    assert sorted(path.name for path in laptop.parent.iterdir()) == ["field.db"]
    return laptop, security, own


def _as_it_was(laptop: Path, before: bytes) -> None:
    """The file is byte for byte as before, nothing is beside it, and it is version 3."""
    assert laptop.read_bytes() == before
    assert sorted(path.name for path in laptop.parent.iterdir()) == ["field.db"]
    conn = sqlite3.connect(f"file:{laptop}?mode=ro&immutable=1", uri=True)
    try:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    finally:
        conn.close()
    assert version == ("3",)


def test_devices_list_reads_it_as_it_is_and_still_hides_the_sealed_interviews(
    earlier_laptop: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    laptop, security, own = earlier_laptop
    before = laptop.read_bytes()
    assert main(["devices", "list", "--db", str(laptop)]) == 0
    out = capsys.readouterr().out
    _as_it_was(laptop, before)
    lines = out.splitlines()  # a device's figures are on the line under its id
    (at,) = [i for i, line in enumerate(lines) if line.startswith(security)]
    assert lines[at + 1].split()[4:7] == ["0", "0", "-"], out
    said = " ".join(out.split())  # the line under the table is wrapped
    assert "2 interviews of sealed forms are left out" in said and "--key FILE" in said
    (at,) = [i for i, line in enumerate(lines) if line.startswith(own)]
    assert lines[at + 1].split()[4] == "2", out


def test_review_list_reads_it_as_it_is_and_still_hides_the_sealed_interviews(
    earlier_laptop: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    laptop, _, _ = earlier_laptop
    before = laptop.read_bytes()
    assert main(["review", "list", "--db", str(laptop)]) == 0
    out = capsys.readouterr().out
    _as_it_was(laptop, before)
    assert out.count("TJ01") == 2 and "NL01" not in out and "security_sealed" not in out
    assert "2 interviews of sealed forms are in this queue too, not shown nor counted above" in out
    assert "--key" in out


@pytest.mark.parametrize("deidentify", [False, True], ids=["plain", "deidentified"])
def test_export_reads_it_as_a_merge_reads_a_source(
    earlier_laptop: tuple[Path, str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    deidentify: bool,
) -> None:
    """A supervisor exporting a laptop's file gets the export, and the laptop its file."""
    laptop, _, _ = earlier_laptop
    before = laptop.read_bytes()
    out = tmp_path / "laptop.zip"
    words = ["export", "--db", str(laptop), "-o", str(out)]
    assert main([*words, "--deidentify"] if deidentify else words) == 0
    said = capsys.readouterr()
    _as_it_was(laptop, before)
    assert f"Exported {0 if deidentify else 4} interviews to {out}" in said.out, said
    with zipfile.ZipFile(out) as exported:
        (cso,) = [name for name in exported.namelist() if name.startswith("cso")]
        rows = exported.read(cso).decode("utf-8-sig").splitlines()
    if not deidentify:  # de-identified, groups of fewer than 5 are left out
        assert len(rows) == 3 and all("Consejo" in row for row in rows[1:]), rows
