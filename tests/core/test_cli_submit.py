"""``fieldapp submit``: answers checked against the form, stored whole or not at all."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "integer", "name": "members", "label": "Miembros", "constraint": ". >= 0"},
    {"type": "select_one city", "name": "city", "label": "Ciudad", "required": "yes"},
    {"type": "select_multiple sector", "name": "sectors", "label": "Sectores"},
]
CHOICES = [
    {"list_name": "city", "name": "tijuana", "label": "Tijuana"},
    {"list_name": "city", "name": "juarez", "label": "Ciudad Juárez"},
    {"list_name": "sector", "name": "business", "label": "Empresarial"},
    {"list_name": "sector", "name": "church", "label": "Iglesia"},
]
SETTINGS = {"form_id": "cso", "form_title": "OSC", "version": "1", "instance_name": "${org}"}


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "cso.xlsx", SURVEY, CHOICES, SETTINGS)


def _answers(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def test_malformed_json_is_refused_naming_the_file_and_where(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "answers.json"
    bad.write_text('{"org": "Plan Estratégico", "members": 12,,}', encoding="utf-8")
    db = tmp_path / "field.db"
    code = main(["submit", "--db", str(db), "--form", str(form), "--answers", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert str(bad) in err and "line 1" in err
    assert "Traceback" not in err
    assert not db.exists(), "nothing may be written for a refused submission"


def test_answers_that_are_not_an_object_are_refused(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(tmp_path, [{"org": "x"}])
    db = tmp_path / "field.db"
    code = main(["submit", "--db", str(db), "--form", str(form), "--answers", str(answers)])
    assert code == 1
    assert "JSON object" in capsys.readouterr().err
    assert not db.exists()


def test_a_missing_answers_file_is_a_user_error(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    code = main(
        ["submit", "--db", str(tmp_path / "f.db"), "--form", str(form), "--answers", str(missing)]
    )
    assert code == 1
    assert str(missing) in capsys.readouterr().err


def test_submit_without_required_arguments_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["submit", "--db", "x.db"])
    assert caught.value.code == 2
