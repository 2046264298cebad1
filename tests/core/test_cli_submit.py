"""``fieldapp submit``: answers checked against the form, stored whole or not at all."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.store import InterviewFilter, Store

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


def _submit(db: Path, form: Path, answers: Path, *extra: str) -> int:
    return main(["submit", "--db", str(db), "--form", str(form), "--answers", str(answers), *extra])


def test_valid_answers_are_stored_as_a_finalized_interview(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(
        tmp_path,
        {
            "org": "Plan Estratégico de Juárez",
            "members": 12,
            "city": "juarez",
            "sectors": ["church"],
        },
    )
    db = tmp_path / "field.db"
    args = ("--finalize", "--interviewer", "ana", "--city", "Ciudad Juárez", "--actor-type", "cso")
    code = _submit(db, form, answers, *args, "--json")
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["state"] == "finalized"
    with Store.open(db, create=False) as store:
        (row,) = store.interviews.page()
        assert row.submission_id == result["submission"]
        assert (row.state, row.city, row.interviewer, row.actor_type) == (
            "finalized",
            "juarez",  # the answered city wins over the flag
            "ana",
            "cso",
        )
        assert row.instance_name == "Plan Estratégico de Juárez"
        (head,) = store.interviews.heads(row.submission_id)
        assert head.revision_id == result["revision"]
        assert head.answers is not None
        assert head.answers["members"] == 12 and head.answers["sectors"] == ["church"]


def test_answers_saved_by_notepad_with_a_byte_order_mark_are_read(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows editors write UTF-8 with a BOM; the answers in it must not be refused."""
    answers = tmp_path / "notepad.json"
    answers.write_bytes(b"\xef\xbb\xbf" + '{"org": "Año Cero", "city": "tijuana"}'.encode())

    assert _submit(tmp_path / "field.db", form, answers, "--json") == 0

    result = json.loads(capsys.readouterr().out)
    with Store.open(tmp_path / "field.db", create=False) as store:
        (head,) = store.interviews.heads(result["submission"])
        assert head.answers is not None and head.answers["org"] == "Año Cero"


def test_every_problem_is_listed_and_nothing_is_written(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "field.db"
    first = _answers(tmp_path, {"org": "Primera", "members": 3, "city": "tijuana"}, "ok.json")
    assert _submit(db, form, first) == 0
    capsys.readouterr()
    bad = _answers(
        tmp_path,
        {
            "members": -4,
            "city": "paris",
            "sectors": ["business", "mining"],
            "favourite_colour": "azul",
        },
    )
    code = _submit(db, form, bad, "--finalize")
    err = capsys.readouterr().err
    assert code == 1
    for question in ("org:", "members:", "city:", "sectors:", "favourite_colour:"):
        assert question in err, f"{question} missing from:\n{err}"
    assert str(bad) in err and "Traceback" not in err
    with Store.open(db, create=False) as store:
        assert store.interviews.count() == 1, "the refused interview must not be stored"
        assert store.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 1


def test_a_draft_may_leave_required_questions_for_later(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "field.db"
    partial = _answers(tmp_path, {"members": 7})
    assert _submit(db, form, partial) == 0
    assert "draft" in capsys.readouterr().out
    assert _submit(db, form, partial, "--finalize") == 1
    assert "org:" in capsys.readouterr().err
    elsewhere = tmp_path / "never.db"
    assert _submit(elsewhere, form, partial, "--finalize") == 1
    assert not elsewhere.exists(), "a refused submission must not even create the database"
    with Store.open(db, create=False) as store:
        assert [r.state for r in store.interviews.page()] == ["draft"]


def test_submitting_into_a_file_that_is_not_a_database_changes_nothing(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("no es una base de datos\n" * 20, encoding="utf-8")
    before = _digest(notes)
    answers = _answers(tmp_path, {"org": "x", "members": 1})
    assert _submit(notes, form, answers) == 1
    assert "not a fieldapp database" in capsys.readouterr().err
    assert _digest(notes) == before


def test_filters_find_the_submitted_interview(tmp_path: Path, form: Path) -> None:
    db = tmp_path / "field.db"
    for city, org in (("Tijuana", "Casa"), ("Monterrey", "Consejo")):
        answers = _answers(tmp_path, {"org": org, "members": 2}, f"{org}.json")
        assert _submit(db, form, answers, "--city", city) == 0
    with Store.open(db, create=False) as store:
        rows = store.interviews.page(InterviewFilter(city="Monterrey"))
        assert [r.instance_name for r in rows] == ["Consejo"]


def test_the_list_shows_city_interviewer_and_actor_from_the_answers(tmp_path: Path) -> None:
    """Without --city, --interviewer or --actor-type the row must not list blanks."""
    study_like = write_xlsform(
        tmp_path / "gov.xlsx",
        [
            {"type": "calculate", "name": "actor_type", "calculation": "'gov'"},
            {"type": "select_one city", "name": "city", "label": "Ciudad"},
            {"type": "text", "name": "interviewer", "label": "Código"},
        ],
        CHOICES,
        {"form_id": "gov", "version": "1"},
    )
    answers = _answers(tmp_path, {"city": "juarez", "interviewer": "CJ02"})
    db = tmp_path / "field.db"

    assert _submit(db, study_like, answers) == 0
    assert _submit(db, study_like, answers, "--city", "Ciudad Juárez", "--actor-type", "x") == 0

    with Store.open(db, create=False) as store:
        rows = store.interviews.page()
        found = sorted((r.city, r.interviewer, r.actor_type) for r in rows)
        # The answers hold the truth: the list shows the answered city; the flag is kept
        # on the submission as what was chosen when starting.
        assert found == [("juarez", "CJ02", "gov"), ("juarez", "CJ02", "x")]
        assert sorted(store.interviews.submission(r.submission_id).city for r in rows) == [
            "Ciudad Juárez",
            "juarez",
        ]


@pytest.mark.parametrize("name", ["gov", "mx_border_gov"])
def test_a_study_form_is_named_by_actor_type_or_form_id(tmp_path: Path, name: str) -> None:
    # The researcher knows the forms by these names, not by where the package keeps them.
    answers = _answers(tmp_path, {"city": "tijuana"})
    db = tmp_path / "field.db"
    assert main(["submit", "--db", str(db), "--form", name, "--answers", str(answers)]) == 0
    with Store.open(db, create=False) as store:
        (current,) = list(store.interviews.iter_current())
    assert current.submission.form_id == "mx_border_gov"
    assert current.submission.actor_type == "gov"


def test_a_name_that_is_no_file_nor_study_form_lists_the_study_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(tmp_path, {"city": "tijuana"})
    db = tmp_path / "field.db"
    code = main(["submit", "--db", str(db), "--form", "osc", "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("fieldapp: osc: ")
    assert "cso (mx_border_cso)" in err and "informant (mx_border_informant)" in err
    assert not db.exists()
