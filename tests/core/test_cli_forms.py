"""`fieldapp forms check`: one line per good form, one per problem, the exit code scripts read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import CORPUS, STUDY_FORMS, needs_shared
from xlsform import write_xlsform

from fieldapp.cli import main

VALID = CORPUS / "valid"
INVALID = CORPUS / "invalid"


@needs_shared
def test_good_forms_print_one_line_each_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    files = [VALID / "group.xlsx", VALID / "tutorial.xls"]
    assert main(["forms", "check", *map(str, files)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0] == f"{files[0]}: group version -: questions: 3; languages: English (en)"
    assert lines[1].startswith(f"{files[1]}: tutorial version -: ")
    # pyxform's warning about tutorial.xls goes to stderr, one line, at its sheet and row
    assert err.splitlines() == [
        f"{files[1]}: choices row 1: warning: On the 'choices' sheet, the 'tutorial notes' "
        "value is invalid. Column headers must not be empty and must not contain spaces. "
        "Learn more: https://xlsform.org/en/#setting-up-your-worksheets"
    ]


def test_a_one_question_form_reads_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsform(
        tmp_path / "one.xlsx", survey=[{"type": "text", "name": "a", "label": "A"}]
    )
    assert main(["forms", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: one version -: questions: 1; languages: default\n"


def test_the_study_forms_are_complete_in_both_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    forms = sorted(STUDY_FORMS.glob("*.xlsx"))
    assert main(["forms", "check", *map(str, forms)]) == 0
    assert capsys.readouterr().err == ""


def test_a_text_missing_in_one_language_is_a_warning_naming_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The researcher who switches to English must not meet Spanish text unannounced."""
    es, en = "label::Español (es)", "label::English (en)"
    path = write_xlsform(
        tmp_path / "gaps.xlsx",
        survey=[
            {"type": "text", "name": "a", es: "A", en: "A", "hint::Español (es)": "pista"},
            {"type": "text", "name": "b", es: "B"},
            {"type": "select_one yn", "name": "c", es: "C", en: "C"},
        ],
        choices=[
            {"list_name": "yn", "name": "y", es: "Sí", en: "Yes"},
            {"list_name": "yn", "name": "n", es: "No"},
        ],
        settings={"form_id": "gaps", "default_language": "Español (es)"},
    )

    assert main(["forms", "check", str(path)]) == 0  # it loads: warnings, not refusals

    out, err = capsys.readouterr()
    assert out.startswith(f"{path}: gaps version -: questions: 3;")
    assert f"{path}: survey row 2: warning: 'a' has no hint::English (en)" in err
    assert f"{path}: survey row 3: warning: 'b' has no label::English (en)" in err
    assert f"{path}: choices: warning: choice 'n' of list 'yn' has no label::English (en)" in err
    assert "choice 'y'" not in err  # translated in both: nothing to say
    assert main(["forms", "check", "--json", str(path)]) == 0
    assert len(json.loads(capsys.readouterr().out)[0]["missing_translations"]) == 3


def test_the_study_form_line_shows_id_version_count_and_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    form = STUDY_FORMS / "cso.xlsx"
    assert main(["forms", "check", str(form)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{form}: mx_border_cso version 2026120601: ")
    assert line.endswith("; languages: Español (es), English (en)")


@needs_shared
def test_problems_print_file_sheet_row_message_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = INVALID / "group_name_test.xls"
    good = VALID / "group.xlsx"  # (or_other.xlsx now warns about its choice filter)
    assert main(["forms", "check", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{good}: group ")
    assert err.splitlines() == [f"{bad}: survey row 3: Question or group with no name."]


def test_every_problem_of_a_form_gets_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsform(
        tmp_path / "two.xlsx",
        survey=[
            {"type": "integer", "name": "a", "label": "A", "constraint": ". >"},
            {"type": "integer", "name": "b", "label": "B", "relevant": "((1)"},
        ],
    )
    assert main(["forms", "check", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["survey row 2", "survey row 3"]


@needs_shared
def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.xlsx"
    assert main(["forms", "check", "--json", str(VALID / "group.xlsx"), str(missing)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report[0]["ok"] is True
    assert report[0]["form_id"] == "group" and report[0]["questions"] == 3
    assert report[0]["languages"] == ["English (en)"]
    assert report[1]["ok"] is False
    assert report[1]["problems"][0]["code"] == "forms.not_found"


@needs_shared
def test_what_is_not_a_workbook_gives_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "picture.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "garbage.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    good = (VALID / "group.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(good[: len(good) // 2])
    names = ["empty.xlsx", "picture.xlsx", "garbage.csv", "cut.xlsx", "nowhere.xlsx", "."]
    for name in names:
        assert main(["forms", "check", str(tmp_path / name)]) == 1, name
        out, err = capsys.readouterr()
        assert out == ""
        assert len(err.splitlines()) == 1, (name, err)
        assert err.startswith(str(tmp_path / name)), err
        assert "Traceback" not in err


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = subprocess.run(
        [sys.executable, "-m", "fieldapp", "forms", "check", str(broken)],
        capture_output=True,
        text=True,
        check=False,
        env={"FIELDAPP_LANG": "es", "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{broken}: el libro está dañado")
    assert "Traceback" not in result.stderr


@needs_shared
def test_output_piped_into_head_that_stops_reading_is_no_error() -> None:
    """`fieldapp ... | head -1`: a reader that left early is not 'fieldapp could not finish'."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldapp", "forms", "check", str(VALID / "group.xlsx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    err = process.stderr.read()
    process.wait(timeout=60)
    assert err == ""


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["forms", "check"])
    assert caught.value.code == 2


@needs_shared
def test_a_damaged_xls_prints_nothing_but_the_verdict(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # xlrd reports damage on the process's stdout unless told otherwise; check both ways
    # a cut .xls ends: refused (cut deep) and loaded (one byte short of whole).
    original = (VALID / "tutorial.xls").read_bytes()
    (tmp_path / "deep.xls").write_bytes(original[:2000])
    (tmp_path / "short.xls").write_bytes(original[:-1])
    assert main(["forms", "check", str(tmp_path / "deep.xls")]) == 1
    out, err = capfd.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert main(["forms", "check", str(tmp_path / "short.xls")]) == 0
    out, err = capfd.readouterr()
    assert out.startswith(f"{tmp_path / 'short.xls'}: short version")
    # only fieldapp's own warning lines (pyxform's about the tutorial), no xlrd noise
    assert all(
        line.startswith(f"{tmp_path / 'short.xls'}: choices row 1: warning: ")
        for line in err.splitlines()
    )
    assert len(out.splitlines()) == 1


def test_a_choice_filter_on_a_column_the_list_lacks_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Renaming the city column of the lists leaves a question that never offers a choice."""
    path = write_xlsform(
        tmp_path / "filter.xlsx",
        survey=[
            {"type": "select_one city", "name": "city", "label": "City"},
            {
                "type": "select_one org",
                "name": "org",
                "label": "Org",
                "choice_filter": "town = ${city}",
            },
            {
                "type": "select_one org",
                "name": "org2",
                "label": "Org 2",
                "choice_filter": "ciudad = ${city} or name = 'other'",
            },
        ],
        choices=[
            {"list_name": "city", "name": "tj", "label": "Tijuana"},
            {"list_name": "org", "name": "a", "label": "A", "ciudad": "tj"},
        ],
    )

    assert main(["forms", "check", str(path)]) == 0

    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{path}: survey row 3: warning: the choice_filter of 'org' reads the column 'town', "
        "which list 'org' does not have (it has: name, label, ciudad), so it never offers a "
        "choice. Add that column to the list, correct the name, or put it in quotes if it is "
        "a value ('town')."
    ]
