"""Exporting a real database through ``fieldapp export``: forms loaded from XLSForms."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from xlsform import EN, ES, write_xlsform

from fieldapp.cli import main
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store, SubmissionId


def survey_row(kind: str, name: str, en: str = "", es: str = "", **more: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, EN: en or name, ES: es or name, **more}


SURVEY = [
    survey_row("start", "start"),
    survey_row("text", "respondent", "Name", "Nombre", sensitive="yes"),
    survey_row("integer", "years", "Years in the city", "Años en la ciudad"),
    survey_row("begin_group", "org", "Organisation", "Organización"),
    survey_row("select_multiple sectors", "sectors", "Sectors", "Sectores"),
    survey_row("date", "founded", "Founded", "Fundada", relevant="${years} > 1"),
    survey_row("end_group", ""),
    survey_row("begin_group", "trust", "Trust", "Confianza", appearance="table-list"),
    survey_row("select_one sectors", "police", "Police", "Policía"),
    survey_row("select_one sectors", "army", "Army", "Ejército"),
    survey_row("end_group", ""),
    survey_row("begin_repeat", "meetings", "Meetings", "Reuniones"),
    survey_row("text", "with_whom", "With whom", "Con quién"),
    survey_row("decimal", "hours", "Hours", "Horas", constraint=". > 0"),
    survey_row("end_repeat", ""),
]
CHOICES = [
    {"list_name": "sectors", "name": "health", EN: "Health", ES: "Salud"},
    {"list_name": "sectors", "name": "police", EN: "Police", ES: "Policía"},
]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    form_path = write_xlsform(
        folder / "cso.xlsx",
        survey=[{k: v for k, v in row.items() if v != ""} for row in SURVEY],
        choices=CHOICES,
        settings={"form_id": "cso", "version": "3", "default_language": "Español (es)"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form_path).sha256
        answers = [
            {
                "respondent": "Doña Begoña Muñoz",
                "years": 12,
                "org/sectors": ["health", "police"],
                "org/founded": "2009-11-30",
                "meetings": [{"with_whom": "¿el cabildo? ¡sí! 🎉", "hours": 1.5}],
            },
            {"respondent": "Otro", "years": 1, "org/sectors": ["police"], "meetings": []},
        ]
        cities = ["Ciudad Juárez", "Nuevo Laredo"]
        ids = []
        for city, answer in zip(cities, answers, strict=True):
            submission, _ = store.interviews.submit(
                sha, answer, finalize=True, interviewer="Ana", city=city, actor_type="cso"
            )
            ids.append(submission)
        store.review.return_interview(SubmissionId(ids[1]), comment="falta la fecha", author="sup")
    return db


def sheets(path: Path) -> dict[str, list[dict[str, Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        out[name] = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
    return out


def test_cli_exports_the_database_with_labels_in_spanish(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "analysis.xlsx"
    code = main(["export", "--db", str(database), "-o", str(out), "--labels", "--json"])

    assert code == 0
    book = sheets(out)
    assert list(book) == ["cso", "cso-meetings", "codebook", "about"]
    rows = book["cso"]
    assert [row["_city"] for row in rows] == ["Ciudad Juárez", "Nuevo Laredo"]
    assert rows[0]["org/sectors"] == "Salud; Policía"
    assert rows[0]["respondent"] == "Doña Begoña Muñoz"
    assert rows[0]["years"] == 12
    # Labels in Spanish: the state and the decision too, as the city beside them.
    assert rows[1]["_review_state"] == "devuelta"
    assert rows[1]["_review_comment"] == "falta la fecha"
    assert rows[1]["_state"] == "devuelta"
    meeting = book["cso-meetings"][0]
    assert meeting["_parent_key"] == rows[0]["_submission_id"]
    assert meeting["with_whom"] == "¿el cabildo? ¡sí! 🎉" and meeting["hours"] == 1.5
    # A table-list's generated header row holds no answer: no column for it.
    header = list(rows[0])
    assert header[header.index("trust/police") - 1 : header.index("trust/army") + 1] == [
        "org/founded",
        "trust/police",
        "trust/army",
    ]
    codebook = {row["variable"]: row for row in book["codebook"]}
    assert codebook["org/founded"]["relevant"]  # the form's logic, for the analyst
    assert "Policía" in codebook["org/sectors"]["choices::Español (es)"]


@pytest.mark.usefixtures("every_row_written")
def test_cli_deidentified_csv_zip_filtered_by_city(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "safe.zip"
    argv = ["export", "--db", str(database), "-o", str(out), "--deidentify"]
    code = main([*argv, "--city", "Nuevo Laredo", "--json"])

    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["interviews"] == 1
    with zipfile.ZipFile(out) as archive:
        text = archive.read("cso.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["_city"] for row in rows] == ["Nuevo Laredo"]
    assert "respondent" not in rows[0] and "Otro" not in text
    assert rows[0]["_interviewer"] != "Ana" and rows[0]["_interviewer"].startswith("int-")


def test_pseudonyms_are_stable_for_one_database(database: Path, tmp_path: Path) -> None:
    options = ExportOptions(deidentify=True)
    first = export_workbook(database, tmp_path / "a.xlsx", options)
    second = export_workbook(database, tmp_path / "b.xlsx", options)
    names = [[r["_interviewer"] for r in sheets(r.path)["cso"]] for r in (first, second)]
    assert names[0] == names[1] and "Ana" not in names[0]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--form", "nope"], "has no form 'nope'"),
        (["--from", "31/12/2025"], "YYYY-MM-DD"),
        (["--state", "done"], "not an interview state"),
        (["--lang", "fr"], "label language 'fr'"),
    ],
)
def test_cli_user_errors_are_one_clear_line(
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.xlsx"
    code = main(["export", "--db", str(database), "-o", str(out), *extra])

    assert code == 1
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1 and "Traceback" not in error
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_refuses_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x.xlsx")])
    assert code == 1
    assert "none.db" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
