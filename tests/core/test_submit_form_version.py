"""`fieldapp submit --form FILE` uses that file's version, whatever else is held or when."""

from __future__ import annotations

import json
from pathlib import Path

from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.store import Store

SURVEY = [{"type": "text", "name": "org", "label": "Organisation"}]


def _form(folder: Path, version: str) -> Path:
    return write_xlsform(
        folder / f"gov-{version}.xlsx", SURVEY, settings={"form_id": "gov", "version": version}
    )


def test_submit_stores_the_interview_on_the_version_of_the_file_given(tmp_path, capsys):
    db = tmp_path / "field.db"
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"org": "Red"}), encoding="utf-8")
    newer, older = _form(tmp_path, "10"), _form(tmp_path, "9")
    # The newer version is held first; the older one arrives later (a later added_at).
    used = []
    for form in (newer, older, newer):
        argv = ["submit", "--db", str(db), "--form", str(form), "--answers", str(answers)]
        assert main([*argv, "--json"]) == 0
        used.append(json.loads(capsys.readouterr().out)["form"])
    with Store.open(db) as store:
        by_version = {r.version: r.sha256 for r in store.forms.records()}
        assert [r.version for r in store.forms.records()] == ["10", "9"]  # newest by version
    assert used == [by_version["10"], by_version["9"], by_version["10"]]
