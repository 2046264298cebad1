"""A form used in clear and then sealed by a new version: what a merge says came in.

The list hides interviews by form VERSION (``sealing.SEALED_SUBMISSIONS``): the clear
version's interviews stay listed before a key. The merge dialog hid them by form id and
counted them as sealed ("left out: 9" while the list showed 7 of them); the report now
carries each group's and conflict's version. A terminal names everything, as before, and
``--json`` keeps one entry per form and city.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from study_keys import clear_then_sealed

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store


@pytest.fixture
def stick(tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return clear_then_sealed(folder, pair, study_key)


def _versions(store: Store) -> dict[str, str]:
    return {r.version: r.sha256 for r in store.forms.records()}


def test_the_report_counts_per_form_version_and_a_terminal_says_what_it_said(
    stick: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dialog reads each group's and conflict's version; `fieldapp merge` in a terminal
    still names every city and conflict, sealed or not (protecting-interviewees, *What the
    list shows before the passphrase*), each form's city once; --json is as it was."""
    with Store.open(tmp_path / "desk.db") as desk:
        report = merge_database(desk, stick)
        clear, sealed = _versions(desk)["1"], _versions(desk)["2"]

    by_version = {(g.city, g.form_sha256): g.interviews for g in report.groups}
    assert by_version == {
        ("monterrey", clear): 1,
        ("tijuana", clear): 1,
        ("nuevo_laredo", sealed): 1,
        ("tijuana", sealed): 1,
    }
    assert {(c.city, c.form_sha256) for c in report.conflicts} == {
        ("tijuana", clear),
        ("nuevo_laredo", sealed),
    }

    monkeypatch.setenv("FIELDAPP_LANG", "en")
    capsys.readouterr()
    assert main(["merge", "--into", str(tmp_path / "a.db"), str(stick)]) == 0
    said = capsys.readouterr().out
    for city in ("Monterrey: 1 new interview", "Nuevo Laredo: 1 new interview"):
        assert f"    {city}," in said, said
    assert said.count("    Tijuana: 2 new interviews,") == 1, said
    in_conflict = said.rsplit("In conflict", 1)[1]
    # named as the list names them (sealedname): the study's city names
    assert "Tijuana" in in_conflict and "Nuevo Laredo" in in_conflict
    assert "left out" not in said

    assert main(["merge", "--into", str(tmp_path / "b.db"), str(stick), "--json"]) == 0
    (merged,) = json.loads(capsys.readouterr().out)["merged"]
    assert [(g["form_id"], g["city"], g["new_interviews"]) for g in merged["by_form_and_city"]] == [
        ("security", "monterrey", 1),
        ("security", "nuevo_laredo", 1),
        ("security", "tijuana", 2),
    ]
    assert set(merged["by_form_and_city"][0]) == {
        "form_id",
        "city",
        "new_interviews",
        "new_revisions",
        "new_events",
    }
    assert sorted(c["city"] for c in merged["conflicts"]) == ["nuevo_laredo", "tijuana"]
