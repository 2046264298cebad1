"""What a supervisor reads in a terminal names interviews and cities as the desks do.

`fieldapp merge` said a study city by its code (``nuevo_laredo``) when no form labels it,
where *File › Merge* says *Nuevo Laredo*; `fieldapp review list` ran to 150 characters on
the study's forms in Spanish, saying each interview's actor, city and day twice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.demo import run_demo
from fieldapp.core.store import Store

DRAFTS = "cuaderno de campo 2026"
SURVEY = [{"type": "text", "name": "story", "label": "Relato"}]


def _laptop(path: Path, form: Path, cities: tuple[str, ...]) -> None:
    with Store.open(path) as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sha = laptop.forms.add(form).sha256
        for city in cities:
            laptop.interviews.submit(
                sha, {"story": "relato"}, finalize=True, interviewer="NL01", city=city
            )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_merge_summary_names_study_cities_as_the_dialog_does(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """A form with no city question: the codes are all the database has to name them."""
    form = write_xlsform(
        tmp_path / "plain.xlsx", SURVEY, settings={"form_id": "plain", "version": "1"}
    )
    laptop = tmp_path / "laptop.db"
    _laptop(laptop, form, ("nuevo_laredo", "juarez"))
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["merge", "--into", str(tmp_path / "supervisor.db"), str(laptop)]) == 0
    out = capsys.readouterr().out
    assert "    Nuevo Laredo: 1 " in out and "    Ciudad Juárez: 1 " in out, out
    assert "nuevo_laredo" not in out and "juarez" not in out, out
    # --json keeps the codes
    assert main(["merge", "--into", str(tmp_path / "other.db"), str(laptop), "--json"]) == 0
    said = capsys.readouterr().out
    assert '"nuevo_laredo"' in said and "Nuevo Laredo" not in said
    json.loads(said)


@pytest.fixture(scope="module")
def study_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The study's four forms, filled as fieldwork would (conflicts included)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    run_demo(path, 24, seed=7)
    return path


WIDTH = 120
"""A common terminal's width: the table must not wrap there."""


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_review_list_of_the_study_forms_fits_a_terminal(
    study_demo: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["review", "list", "--db", str(study_demo)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 10
    widest = max(lines, key=len)
    assert len(widest) <= WIDTH, f"{len(widest)}: {widest}"
    # each study form's actor said once, by the name (*Security/Seguridad · …*), not by
    # a column of its own nor by the form's id; each city once (in the name)
    actor = {"en": "Security forces", "es": "Fuerzas de seguridad"}[language]
    assert any(line.split()[1] == "Security/Seguridad" for line in lines if line[:1] != " ")
    assert not any(actor in line for line in lines)
    assert not any("mx_border_" in line for line in lines)
    assert not any(line.count("Tijuana") > 1 for line in lines)
    in_conflict = {"en": "in conflict", "es": "en conflicto"}[language]
    said = [line.strip() for line in lines if in_conflict in line]
    assert said and all(line.startswith(in_conflict) for line in said), "a line of its own"
    # --json is as it was: the codes, the whole start and the state
    assert main(["review", "list", "--db", str(study_demo), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["interviews"]
    assert set(listed[0]) == {
        "submission_id", "short_id", "name", "form_id", "form_title", "actor_type", "city",
        "interviewer", "started", "state", "conflict", "claimed_with",
    }  # fmt: skip
    assert {row["form_id"] for row in listed} >= {"mx_border_cso", "mx_border_security"}
    assert {row["state"] for row in listed} == {"finalized"}
    assert "T" in listed[0]["started"] and "_" in "".join(row["city"] for row in listed)


def test_unnamed_interviews_leave_out_the_columns_their_name_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interview with no instance name is named actor · city · day: the Actor and City
    columns and the day of Started would say it twice."""
    form = write_xlsform(
        tmp_path / "plain.xlsx", SURVEY, settings={"form_id": "plain", "version": "1"}
    )
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        store.keys.unlock_drafts(DRAFTS)
        sha = store.forms.add(form).sha256
        for city in ("nuevo_laredo", "juarez"):
            store.interviews.submit(
                sha, {"story": "relato"}, finalize=True, interviewer="NL01", city=city,
                actor_type="security",
            )  # fmt: skip
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    capsys.readouterr()
    assert main(["review", "list", "--db", str(laptop)]) == 0
    # Entrevistador, wider than its codes, on a line above, where the codes start
    top, header, *rows, _count = capsys.readouterr().out.splitlines()
    assert header.split() == ["Id", "Entrevista", "Iniciada"], header
    assert top.strip() == "Entrevistador" and top.index("E") == rows[0].index("NL01"), top
    assert [row.count("Fuerzas de seguridad") for row in rows] == [1, 1]
    assert sorted(row.count("Nuevo Laredo") + row.count("Ciudad Juárez") for row in rows) == [1, 1]
