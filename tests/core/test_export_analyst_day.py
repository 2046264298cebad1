"""The study's analyst for a day: what the labels of every format left unsaid.

Each test fails without its mend: ODK's own ids and the interview's name say what they
are, a de-identified export's emptied interviewer and device columns say why they are
empty, load.R's labels say what a coarsened date holds as Stata's and SPSS's do, the
device's own columns fit Stata's label whole in Spanish, and the ids the form fills are
as wide in the workbook as what they hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pyreadstat
import pytest
from rscript import NO_R, RSCRIPT, run_r
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.messages import text
from fieldapp.core.store import Store

MONDAY = dt.datetime(2026, 6, 1, 9, 0)
INTERVIEWERS = ("TJ01", "TJ02", "TJ03", "TJ04", "TJ05", "TJ06")
"""Six interviews in Tijuana, one by each interviewer: no group of five holds any
interviewer, so a de-identified export at k = 5 leaves their pseudonyms out."""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("day")
    form = write_xlsform(
        folder / "gov.xlsx",
        survey=[
            {"type": "start", "name": "start"},
            {"type": "end", "name": "end"},
            {"type": "today", "name": "today"},
            {"type": "deviceid", "name": "deviceid"},
            row("select_one city", "city", "City", "Ciudad"),
            row("text", "interviewer", "Interviewer code", "Código de entrevistador"),
            row("date", "interview_date", "Date of the interview", "Fecha de la entrevista"),
            row("integer", "staff", "Staff", "Personal"),
        ],
        choices=[choice("city", "tijuana", "Tijuana", "Tijuana")],
        settings={
            "form_id": "gov",
            "version": "1",
            "default_language": "English (en)",
            "instance_name": "concat(${city}, ' ', ${interview_date})",
        },
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for number, code in enumerate(INTERVIEWERS):
            began = MONDAY + dt.timedelta(hours=number)
            answers = {
                "start": began.isoformat(),
                "end": (began + dt.timedelta(minutes=40)).isoformat(),
                "today": began.date().isoformat(),
                "deviceid": "0f9b2c4e-6a1d-4e8b-9c3f-5d7e8a9b0c1d",
                "city": "tijuana",
                "interviewer": code,
                "interview_date": began.date().isoformat(),
                "staff": number,
                "meta/instanceID": f"uuid:1c5e7a9b-3d2f-4a6b-8c0d-2e4f6a8b0c{number:02d}",
                "meta/instanceName": f"tijuana {began.date().isoformat()}",
            }
            store.interviews.submit(sha, answers, finalize=True, city="tijuana", interviewer=code)
    return db


def _unzipped(path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    return folder


def _stata_labels(path: Path, folder: Path) -> dict[str, str]:
    out = _unzipped(path, folder)
    _, meta = pyreadstat.read_dta(str(out / "gov.dta"), metadataonly=True)
    return dict(zip(meta.column_names, meta.column_labels, strict=True))


def _codebook(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "codebook.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {entry["variable"]: entry for entry in csv.DictReader(handle)}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_odk_id_and_the_interview_name_say_what_they_are(
    database: Path, tmp_path: Path, language: str
) -> None:
    """``meta/instanceID`` had no label at all (Stata and SPSS showed ``instanceID``, the
    codebook an empty cell in both languages) and the interview's name read "Calculated
    from [City], …" as if it were one more index."""
    result = export_workbook(database, tmp_path / "study.dta", ExportOptions(language=language))
    labels = _stata_labels(result.path, tmp_path / "out")
    said = {"en": ("instance id", "Interview name"), "es": ("instancia", "Nombre de la entrevista")}
    id_word, name_words = said[language]
    assert id_word in labels["meta_instanceID"]
    assert labels["meta_instanceName"].startswith(name_words)
    city = {"en": "[City]", "es": "[Ciudad]"}[language]
    assert city in labels["meta_instanceName"]  # which answers make the name
    book = _codebook(tmp_path / "out")
    for header in ("label::English (en)", "label::Español (es)"):
        assert book["meta/instanceID"][header]
        assert "uuid:" in book["meta/instanceID"][header]
        assert "Calcul" not in book["meta/instanceName"][header]


def test_an_interviewer_left_out_for_the_smallest_group_says_why(
    database: Path, tmp_path: Path
) -> None:
    """At "no pseudonyms" the interviewer and device columns are empty in every row; the
    codebook and Stata/SPSS labels said "Interviewer" as if no one had been recorded,
    while the empty dates beside them said why they were empty."""
    options = ExportOptions(deidentify=True, min_group=5, language="en")
    why = text("export.codebook.people_none", "en")
    for suffix in (".dta", ".sav"):
        result = export_workbook(database, tmp_path / f"study{suffix}", options)
        out = _unzipped(result.path, tmp_path / suffix.lstrip("."))
        reader = pyreadstat.read_dta if suffix == ".dta" else pyreadstat.read_sav
        data, meta = reader(str(out / f"gov{suffix}"))
        labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
        people = [name for name in meta.column_names if name.endswith(("interviewer", "device"))]
        assert len(people) == 3, people  # _interviewer, _device and the question
        for name in people:
            assert data[name].replace("", None).isna().all()  # left out: the premise
            assert why in labels[name], f"{suffix} {name}: {labels[name]!r}"
        book = _codebook(out)
        why_es = text("export.codebook.people_none", "es")
        for variable in ("_interviewer", "_device", "interviewer"):
            assert why in book[variable]["label::English (en)"]
            assert why_es in book[variable]["label::Español (es)"]
        assert why not in book["staff"]["label::English (en)"]


def test_interviewers_written_are_not_said_to_be_left_out(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "all.dta", ExportOptions(language="en"))
    labels = _stata_labels(result.path, tmp_path / "out")
    assert labels["_interviewer"] == text("export.meta.interviewer", "en")
    assert labels["interviewer"] == "Interviewer code"


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_says_what_a_coarsened_date_and_an_emptied_interviewer_hold(
    database: Path, tmp_path: Path
) -> None:
    """Stata and SPSS labels said "(left empty so that no group is too small)" and "(given
    as the Monday of its ISO week)"; load.R's ``label`` attribute said only "Interview
    started", so in R a Monday read as the day the interview was made."""
    options = ExportOptions(deidentify=True, min_group=5, language="en")
    result = export_workbook(database, tmp_path / "study.zip", options)
    out = _unzipped(result.path, tmp_path / "out")
    printed = run_r(
        out,
        'source("load.R", chdir = TRUE)\nx <- fieldapp$gov\n'
        'for (n in c("_started", "interview_date", "_interviewer", "interviewer")) '
        'cat(n, "=", attr(x[[n]], "label"), "\\n")\n',
    )
    said = dict(line.split(" = ", 1) for line in printed.strip().splitlines())
    for name in ("_started", "interview_date"):
        assert text("export.codebook.date_none", "en") in said[name], said[name]
    for name in ("_interviewer", "interviewer"):
        assert text("export.codebook.people_none", "en") in said[name], said[name]


@pytest.mark.parametrize("language", ["en", "es"])
def test_what_the_device_fills_is_labelled_whole_in_stata(
    database: Path, tmp_path: Path, language: str
) -> None:
    """Stata keeps 80 bytes of a label: the Spanish `end` read "… por última vez (relo …"."""
    result = export_workbook(database, tmp_path / "study.dta", ExportOptions(language=language))
    labels = _stata_labels(result.path, tmp_path / "out")
    for name in ("start", "end", "today", "deviceid"):
        assert labels[name] == text(f"export.filled.{name}", language)


def test_the_ids_the_form_fills_are_as_wide_as_they_are(database: Path, tmp_path: Path) -> None:
    """A uuid in a column 14 characters wide is cut at the next filled cell: the device id
    and ODK's instance id could be neither read nor checked against Central."""
    result = export_workbook(database, tmp_path / "study.xlsx", ExportOptions())
    sheet = openpyxl.load_workbook(result.path)["gov"]
    header = [cell.value for cell in sheet[1]]
    for name in ("deviceid", "meta/instanceID"):
        column = header.index(name) + 1
        longest = max(len(str(sheet.cell(r, column).value)) for r in range(2, sheet.max_row + 1))
        letter = openpyxl.utils.get_column_letter(column)
        assert sheet.column_dimensions[letter].width >= longest, name


def _words_beside_97(
    tmp_path: Path, scale: tuple[str, ...], answered: list[tuple[str, str]]
) -> Path:
    """A database of a form with a list of words with 97/98 beside them (yes, no, 97, 98)
    and a trust scale of ``scale`` and 97, an interview of each (threatened, trust) pair."""
    trust = {"1": ("None", "Ninguna"), "5": ("Complete", "Total")}
    form = write_xlsform(
        tmp_path / "cso.xlsx",
        survey=[
            row("select_one yes_no_ns", "threatened", "Threatened?", "¿Amenazas?"),
            row("select_one trust", "trust_army", "Trust in the army", "Confianza"),
        ],
        choices=[
            choice("yes_no_ns", "yes", "Yes", "Sí"),
            choice("yes_no_ns", "no", "No", "No"),
            choice("yes_no_ns", "97", "Prefers not to answer", "Prefiere no responder"),
            choice("yes_no_ns", "98", "Don't know", "No sabe"),
            *(choice("trust", code, *trust[code]) for code in scale),
            choice("trust", "97", "Prefers not to answer", "Prefiere no responder"),
        ],
        settings={"form_id": "cso", "version": "1", "default_language": "English (en)"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for threatened, trust_army in answered:
            answers = {"threatened": threatened, "trust_army": trust_army}
            store.interviews.submit(sha, answers, finalize=True, city="tijuana")
    return db


def test_a_refusal_is_97_in_every_variable_of_stata_and_spss(tmp_path: Path) -> None:
    """The forms' README has the analyst declare 97 and 98 missing (`mvdecode`, `MISSING
    VALUES`); a list of words with 97/98 beside them (yes, no, 97, 98) numbered them 3 and
    4, so every refusal outside the scales stayed an answer, silently."""
    db = _words_beside_97(
        tmp_path, ("1",), [(threatened, "97") for threatened in ("yes", "no", "97", "98")]
    )
    for suffix in (".dta", ".sav"):
        result = export_workbook(db, tmp_path / f"study{suffix}", ExportOptions(language="en"))
        out = _unzipped(result.path, tmp_path / suffix.lstrip("."))
        reader = pyreadstat.read_dta if suffix == ".dta" else pyreadstat.read_sav
        data, meta = reader(str(out / f"cso{suffix}"))
        sets = meta.value_labels
        threatened = sets[meta.variable_to_label["threatened"]]
        assert threatened == {1: "Yes", 2: "No", 97: "Prefers not to answer", 98: "Don't know"}
        assert sorted(data["threatened"]) == [1, 2, 97, 98]
        assert list(data["trust_army"]) == [97] * 4  # as the scale's refusal
        values = _codebook(out)["threatened"]["values"].splitlines()
        assert values == ["1 = yes", "2 = no", "97 = 97", "98 = 98"]


def test_codes_that_are_numbers_keep_them_and_words_take_the_rest() -> None:
    from fieldapp.core.export.stats import code_numbers

    assert code_numbers(["1", "other", "2", "97"]) == {"1": 1, "other": 3, "2": 2, "97": 97}
    # "007" is a code, not 7; a number Stata cannot label is numbered like a word.
    assert code_numbers(["007", "7"]) == {"007": 1, "7": 7}
    assert code_numbers(["3000000000", "a"], range(0, 100)) == {"3000000000": 1, "a": 2}


def test_a_code_only_the_data_holds_keeps_its_number_or_takes_the_first_free() -> None:
    """An older round's code met in the rows: 99 stays 99; a word after 97 and 98 takes 3,
    not 99 (max + 1), which every other list says is "not applicable"."""
    from fieldapp.core.export.stats import next_code_number

    assert next_code_number("99", {1, 2, 97, 98}) == 99
    assert next_code_number("dk", {1, 2, 97, 98}) == 3
    assert next_code_number("2", {1, 2, 97, 98}) == 3  # taken by a listed code


def test_a_repeat_rows_key_is_as_wide_as_it_is(tmp_path: Path) -> None:
    """``_key`` is the interview's id, the repeat's name and its position: 50 characters
    for the study's mechanisms in a column 46 wide, cut by ``_parent_key`` beside it."""
    form = write_xlsform(
        tmp_path / "mech.xlsx",
        survey=[
            {"type": "begin_repeat", "name": "mechanisms_described", "label": "Mechanism"},
            row("integer", "year", "Year", "Año"),
            {"type": "end_repeat", "name": "mechanisms_described"},
        ],
        settings={"form_id": "mech", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        answers = {"mechanisms_described": [{"year": 2000 + n} for n in range(12)]}
        store.interviews.submit(sha, answers, finalize=True, city="tijuana")
    result = export_workbook(db, tmp_path / "study.xlsx", ExportOptions())
    sheet = openpyxl.load_workbook(result.path)["mech-mechanisms_described"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("_key") + 1
    longest = max(len(str(sheet.cell(r, column).value)) for r in range(2, sheet.max_row + 1))
    assert longest > 46  # the premise: longer than the fixed width was
    width = sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width
    assert width >= longest


def test_about_tells_a_pandas_reader_that_none_is_an_answer(tmp_path: Path) -> None:
    """A choice labelled "None" (no change of administration, no paid staff) is written as
    the word; pandas' read_csv reads None, NA and N/A as missing by default: 17 of the
    demo's English answers to one question vanished without a word."""
    import io

    import pandas as pd

    form = write_xlsform(
        tmp_path / "gov.xlsx",
        survey=[row("select_one turnovers", "turnovers", "Changes of administration")],
        choices=[choice("turnovers", "0", "None", "Ninguno"), choice("turnovers", "1", "1", "1")],
        settings={"form_id": "gov", "version": "1", "default_language": "English (en)"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for answer in ("0", "1", "0"):
            store.interviews.submit(sha, {"turnovers": answer}, finalize=True, city="tijuana")
    options = ExportOptions(labels=True, language="en")
    result = export_workbook(db, tmp_path / "study.zip", options)
    with zipfile.ZipFile(result.path) as archive:
        about = archive.read("about.csv").decode("utf-8-sig")
        data = archive.read("gov.csv")
    said = " ".join(" ".join(r) for r in csv.reader(io.StringIO(about)))
    assert "keep_default_na=False, na_values=['']" in said
    read = pd.read_csv(io.BytesIO(data), keep_default_na=False, na_values=[""])
    assert list(read["turnovers"]) == ["None", "1", "None"]  # the advice keeps them


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
@pytest.mark.parametrize("labels", [False, True])
def test_load_r_sets_97_and_98_to_na_in_a_factor_as_in_a_scale(
    tmp_path: Path, labels: bool
) -> None:
    """The README's recipe, replace(x, x >= 97, NA), warned "not meaningful for factors"
    and changed nothing on a list of words with 97/98 beside them (load.R makes it a
    factor of labels): its refusals stayed answers. fieldapp_na does both kinds."""
    db = _words_beside_97(
        tmp_path, ("1", "5"), [("yes", "1"), ("97", "5"), ("98", "97"), ("no", "5")]
    )
    options = ExportOptions(labels=labels, language="en")
    result = export_workbook(db, tmp_path / "study.zip", options)
    out = _unzipped(result.path, tmp_path / "out")
    printed = run_r(
        out,
        "options(warn = 2)\n"
        'source("load.R", chdir = TRUE)\nx <- fieldapp$cso\n'
        "t <- fieldapp_na(x$threatened)\n"
        'cat(levels(t), sep = "|"); cat("\\n")\n'
        'cat(sum(is.na(t)), attr(t, "label"), "\\n")\n'
        "a <- fieldapp_na(x$trust_army)\n"
        'cat(sum(is.na(a)), if (is.numeric(a)) mean(a, na.rm = TRUE) else "factor", "\\n")\n'
        "said <- tryCatch(fieldapp_na(x$threatened[1:2]), error = conditionMessage)\n"
        'cat(said, "\\n")\n'
        'said <- tryCatch(fieldapp_na(x[["_duration_min"]]), error = conditionMessage)\n'
        'cat(said, "\\n")\n',
    )
    lines = printed.splitlines()
    assert lines[0] == "Yes|No"
    assert lines[1].split(" ", 1) == ["2", "Threatened? "]
    assert lines[2].split() == ["1", "factor" if labels else "3.666667"]
    # A subset lost its codes: said, never a silent no-op that keeps the refusals.
    assert "whole column" in lines[3]
    # The README: never on years, counts or _duration_min (97 minutes is a length).
    assert "no choices" in lines[4]
