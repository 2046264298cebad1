"""The analyst reading the exports in Spanish: what still spoke codes or English.

Each test fails without its mend: ``about`` names the cities as the ``_city`` cells do,
``_state`` and ``_review_state`` say each state in Spanish beside the code the cells hold
(Stata, SPSS, the codebook, load.R), ``about`` says what the codebook's headers (the same
in every language) mean in the export's language, and a repeat's file is named after its
form whether one form is exported or several.
"""

from __future__ import annotations

import csv
import io
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
from fieldapp.core.store.records import STATES

CITIES = (("juarez", "Ciudad Juárez"), ("tijuana", "Tijuana"), ("nuevo_laredo", "Nuevo Laredo"))


def _form(folder: Path, form_id: str) -> Path:
    return write_xlsform(
        folder / f"{form_id}.xlsx",
        survey=[
            row("select_one city", "city", "City", "Ciudad"),
            row("integer", "staff", "Staff", "Personal"),
            {"type": "begin_repeat", "name": "mechanisms", "label::English (en)": "Mechanism"},
            row("integer", "year", "Year", "Año"),
            {"type": "end_repeat", "name": "mechanisms"},
        ],
        choices=[choice("city", code, name, name) for code, name in CITIES],
        settings={"form_id": form_id, "version": "1", "default_language": "Español (es)"},
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spanish")
    db = folder / "field.db"
    with Store.open(db) as store:
        for form_id in ("gov", "cso"):
            sha = store.forms.add(_form(folder, form_id)).sha256
            for number, (city, _) in enumerate(CITIES * 2):
                answers = {"city": city, "staff": number, "mechanisms": [{"year": 2020}]}
                store.interviews.submit(sha, answers, finalize=True, city=city)
    return db


def _about(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    rows = csv.reader(io.StringIO(archive.read("about.csv").decode("utf-8-sig")))
    return {item: rest for item, *rest in rows}


def _column(archive: zipfile.ZipFile, member: str, header: str) -> list[str]:
    rows = csv.DictReader(io.StringIO(archive.read(member).decode("utf-8-sig")))
    return [entry[header] for entry in rows]


@pytest.mark.parametrize("labels", [True, False])
def test_about_names_the_cities_as_the_city_cells_do(
    database: Path, tmp_path: Path, labels: bool
) -> None:
    """``about``'s *Ciudades* said ``juarez, nuevo_laredo`` in a labels export whose
    ``_city`` cells say "Ciudad Juárez" and "Nuevo Laredo": the analyst could not tell
    from it which rows were taken, nor copy it into a filter of those cells."""
    options = ExportOptions(labels=labels, language="es", cities=("juarez", "nuevo_laredo"))
    result = export_workbook(database, tmp_path / "study.zip", options)
    with zipfile.ZipFile(result.path) as archive:
        said = _about(archive)[text("export.about.cities", "es")][0]
        cells = set(_column(archive, "gov.csv", "_city"))
    assert cells == ({"Ciudad Juárez", "Nuevo Laredo"} if labels else {"juarez", "nuevo_laredo"})
    assert said == "Ciudad Juárez (juarez), Nuevo Laredo (nuevo_laredo)"
    for cell in cells:  # what the cells hold is in what about says
        assert cell in said


def _state_words() -> list[str]:
    """``finalized=finalizada``: each state's code beside its Spanish word."""
    return [f"{code}={text(f'export.state.{code}', 'es')}" for code in STATES]


def test_the_state_is_said_in_spanish_beside_the_code_the_cells_hold(
    database: Path, tmp_path: Path
) -> None:
    """The Spanish label of ``_state`` read "draft (borrador), finalized, approved
    (aprobada) o returned (devuelta)": "finalized" was left in English, and
    ``_review_state`` said "approved o returned" with no Spanish word at all."""
    assert "finalized=finalizada" in _state_words()  # the premise: the word differs
    reviews = [w for w in _state_words() if w.split("=")[0] in ("approved", "returned")]
    options = ExportOptions(language="es", form_ids=("gov",))
    found: dict[str, dict[str, str]] = {}
    for suffix, read, prefix in (
        (".dta", pyreadstat.read_dta, "_"),
        (".sav", pyreadstat.read_sav, "meta_"),
    ):
        result = export_workbook(database, tmp_path / f"study{suffix}", options)
        out = tmp_path / suffix.lstrip(".")
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(out)
            book = {
                e["variable"]: e
                for e in csv.DictReader(
                    io.StringIO(archive.read("codebook.csv").decode("utf-8-sig"))
                )
            }
        data, meta = read(str(out / f"gov{suffix}"))
        assert set(data[f"{prefix}state"]) == {"finalized"}  # the cells keep the code
        labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
        found[suffix] = {n: labels[f"{prefix}{n}"] for n in ("state", "review_state")}
    found["codebook"] = {n: book[f"_{n}"]["label::Español (es)"] for n in ("state", "review_state")}
    for where, said in found.items():
        assert all(word in said["state"] for word in _state_words()), (where, said)
        assert all(word in said["review_state"] for word in reviews), (where, said)
        assert "…" not in said["state"] + said["review_state"]  # whole, not cut for Stata


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_says_the_state_in_spanish_in_a_labels_export(
    database: Path, tmp_path: Path
) -> None:
    """In R the cells of a Spanish labels export hold "finalizada"; the ``label``
    attribute said "finalized" alone, so the analyst read two words for one state."""
    options = ExportOptions(labels=True, language="es", form_ids=("gov",))
    result = export_workbook(database, tmp_path / "study.zip", options)
    out = tmp_path / "out"
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(out)
    printed = run_r(
        out,
        'source("load.R", chdir = TRUE)\nx <- fieldapp$gov$`_state`\n'
        'cat(unique(as.character(x)), "\\n")\ncat(attr(x, "label"), "\\n")\n',
    )
    cells, label = printed.strip().splitlines()
    assert cells.strip() == "finalizada"
    assert "finalized=finalizada" in label
    assert all(word in label for word in _state_words())


def _codebook_headers(path: Path) -> list[str]:
    sheet = openpyxl.load_workbook(path, read_only=True)["codebook"]
    return [str(cell.value) for cell in next(sheet.iter_rows(max_row=1))]


def _about_rows(path: Path) -> dict[str, list[str]]:
    sheet = openpyxl.load_workbook(path, read_only=True)["about"]
    return {str(r[0]): [str(v) for v in r[1:]] for r in sheet.iter_rows(values_only=True)}


def test_the_codebook_keeps_its_headers_and_about_says_them_in_spanish(
    database: Path, tmp_path: Path
) -> None:
    """The codebook's headers are XLSForm's (``relevant``, ``choices::Español (es)``)
    in both languages, so a script reading it by header runs on either export; a Spanish
    reader had no word for ``relevant`` or ``versions``. ``about`` now says each one in the
    export's language, naming the headers exactly as the codebook writes them."""
    headers: dict[str, list[str]] = {}
    for language in ("es", "en"):
        result = export_workbook(
            database, tmp_path / f"{language}.xlsx", ExportOptions(language=language)
        )
        headers[language] = _codebook_headers(result.path)
        about = _about_rows(result.path)
        value, detail = about[text("export.about.codebook_columns", language)]
        assert value.split(", ") == headers[language]
        assert detail == text("export.about.codebook_columns_note", language)
    assert headers["es"] == headers["en"]  # a script's names hold in both languages
    said = text("export.about.codebook_columns_note", "es")
    for header, word in (("relevant", "se pregunta solo"), ("versions", "versiones")):
        assert header in said and word in said


@pytest.mark.parametrize("suffix", [".dta", ".sav", ".zip", ".xlsx"])
def test_a_repeat_is_named_after_its_form_with_one_form_or_several(
    database: Path, tmp_path: Path, suffix: str
) -> None:
    """A do-file written against the export of every form (``use gov-mechanisms``) found
    no such file in an export of one form, which named it ``mechanisms.dta``, and the
    other way round. Both name it after the form now."""
    names: dict[str, set[str]] = {}
    for forms in (("gov",), ("gov", "cso")):
        out = tmp_path / f"{len(forms)}{suffix}"
        result = export_workbook(database, out, ExportOptions(form_ids=forms, language="en"))
        if suffix == ".xlsx":
            names[str(len(forms))] = set(openpyxl.load_workbook(result.path).sheetnames)
        else:
            with zipfile.ZipFile(result.path) as archive:
                names[str(len(forms))] = set(archive.namelist())
                about = _about(archive)
            file = "gov-mechanisms" + suffix.replace(".zip", ".csv")
            detail = about[text("export.about.file_rows", "en", file=file)]
            assert detail[1] == "gov / mechanisms"  # about says which repeat it holds
    file = "gov-mechanisms" + ("" if suffix == ".xlsx" else suffix.replace(".zip", ".csv"))
    assert file in names["1"]
    assert file in names["2"]
    assert not any(name.startswith("mechanisms") for name in names["1"] | names["2"])
