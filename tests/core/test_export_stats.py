"""Stata, SPSS and R: files read back with pyreadstat and with R's haven, and load.R run
with Rscript.

Stata and SPSS themselves are not installed here; pyreadstat reads the files with ReadStat,
and R's haven (Debian ``r-cran-haven``) reads them as an analyst's R session would. The R
tests skip, saying why, where ``Rscript`` or haven is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from rscript import run_r
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.stats import SPSS, STATA, fit_label, variable_names
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store import Store

LONG = "numero_de_personas_que_asistieron_a_la_reunion_del_comite"  # 57 characters


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stats")
    form = write_xlsform(
        folder / "cso.xlsx",
        survey=[
            row("start", "start"),
            row("end", "end"),
            row("begin_group", "org", "Organisation", "Organización"),
            row("text", "name", "Name of the organisation", "Nombre de la organización"),
            row("select_one city", "city", "City", "Ciudad"),
            row("select_one trust", "trust", "Trust in the police", "Confianza en la policía"),
            row("select_multiple sectors", "sectors", "Sectors", "Sectores"),
            row("end_group", ""),
            row("date", "founded", "Founded on", "Fundada el"),
            row("datetime", "agreed", "Agreed at", "Acordado el"),
            row("time", "met_at", "Met at", "Hora"),
            row("integer", LONG, "People at the meeting", "Personas en la reunión"),
            row("decimal", "budget", "Budget", "Presupuesto"),
            row("begin_repeat", "mechanisms", "Mechanism", "Mecanismo"),
            row("text", "mech_name", "Mechanism name", "Nombre del mecanismo"),
            row("select_one city", "mech_city", "Where", "Dónde"),
            row("end_repeat", ""),
        ],
        choices=[
            choice("city", "ciudad_juarez", "Ciudad Juárez", "Ciudad Juárez"),
            choice("city", "nuevo_laredo", "Nuevo Laredo", "Nuevo Laredo"),
            choice("trust", "1", "None", "Nada"),
            choice("trust", "2", "A lot", "Mucha"),
            choice("trust", "98", "Don't know", "No sabe"),
            choice("sectors", "ngo", "NGOs", "ONG"),
            choice("sectors", "faith", "Faith groups", "Grupos religiosos"),
        ],
        settings={"form_id": "cso", "version": "1", "default_language": "English (en)"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(
            sha,
            {
                "start": "2026-03-02T09:15:00-07:00",
                "end": "2026-03-02T10:05:00-07:00",
                "org/name": "Comité Ciudadano",
                "org/city": "nuevo_laredo",
                "org/trust": "98",
                "org/sectors": ["ngo", "faith"],
                "founded": "2011-05-17",
                "agreed": "2026-03-01T18:30:00-07:00",
                "met_at": "18:30:00",
                LONG: "14",
                "budget": "1250.5",
                "mechanisms": [
                    {"mech_name": "Mesa de seguridad", "mech_city": "ciudad_juarez"},
                    {"mech_name": "Consejo", "mech_city": "nuevo_laredo"},
                ],
            },
            finalize=True,
            city="Nuevo Laredo",
            interviewer="NL01",
        )
        store.interviews.submit(
            sha,
            {"org/name": "Sin respuestas", "org/trust": "1"},
            finalize=True,
            city="Ciudad Juárez",
            interviewer="CJ02",
        )
    return db


def read_zip(path: Path, folder: Path) -> dict[str, Path]:
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
        return {name: folder / name for name in archive.namelist()}


def codebook(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("suffix", "reader", "fmt"),
    [(".dta", pyreadstat.read_dta, STATA), (".sav", pyreadstat.read_sav, SPSS)],
)
def test_every_file_reads_back_with_labels_types_and_rows(
    database: Path, tmp_path: Path, suffix: str, reader: Any, fmt: Any
) -> None:
    result = export_workbook(database, tmp_path / f"study{suffix}", ExportOptions(language="es"))
    assert result.path == tmp_path / f"study{suffix}.zip"
    files = read_zip(result.path, tmp_path / "out")
    assert sorted(files) == sorted(
        ["cso" + suffix, "cso-mechanisms" + suffix, "codebook.csv", "about.csv"]
    )
    entries = codebook(files["codebook.csv"])
    counts = {sheet.title: sheet.rows for sheet in result.sheets}
    for sheet_title in ("cso", "cso-mechanisms"):
        frame, meta = reader(str(files[sheet_title + suffix]))
        assert len(frame) == counts[sheet_title]
        listed = [entry for entry in entries if entry["sheet"] == sheet_title]
        # Every variable of the codebook is in the file, in order, under the name it gives.
        assert list(frame.columns) == [entry["name"] for entry in listed]
        labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
        for entry in listed:
            name = entry["name"]
            assert len(name) <= fmt.max_name and name.isascii()
            assert len(labels[name].encode()) <= fmt.max_label
            if name != entry["variable"]:  # the full path kept in the label
                assert labels[name].endswith(f"[{entry['variable']}]")
            numeric = entry["type"] in ("integer", "decimal", "0/1") or entry["type"].startswith(
                ("0/1", "select_one")
            )
            expected = "double" if numeric or entry["type"] in ("date", "datetime") else None
            if expected:
                assert meta.readstat_variable_types[name] == expected, entry
            if entry["type"] in ("text", "select_multiple sectors"):
                assert meta.readstat_variable_types[name] == "string", entry
            if entry["type"] == "date":
                assert meta.original_variable_types[name] in ("%td", "DATE11")
            if entry["type"] in ("datetime", "start", "end"):
                assert meta.original_variable_types[name] in ("%tc", "DATETIME20")

    frame, meta = reader(str(files["cso" + suffix]))
    names = {entry["variable"]: entry["name"] for entry in entries if entry["sheet"] == "cso"}
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    # Variable labels in the chosen language; value labels for selects and 0/1 columns.
    assert labels[names["org/trust"]] == "Confianza en la policía [org/trust]"
    assert labels[names["org/sectors/faith"]] == "Sectores — Grupos religiosos [org/sectors/faith]"
    assert labels[names["budget"]] == "Presupuesto"  # a name kept as it was needs no path
    value_labels = meta.variable_value_labels
    assert value_labels[names["org/trust"]] == {1: "Nada", 2: "Mucha", 98: "No sabe"}
    assert value_labels[names["org/city"]] == {1: "Ciudad Juárez", 2: "Nuevo Laredo"}
    assert value_labels[names["org/sectors/ngo"]] == {0: "no elegida", 1: "elegida"}
    assert value_labels[names["_conflict"]] == {0: "no", 1: "sí"}
    first = frame.iloc[0]
    assert first[names["org/city"]] == 2
    assert first[names["org/trust"]] == 98
    assert first[names["org/sectors/ngo"]] == 1
    assert first[names["org/sectors"]] == "ngo faith"
    assert first[names["founded"]] == dt.date(2011, 5, 17)
    assert first[names["agreed"]] == dt.datetime(2026, 3, 1, 18, 30)
    assert first[names[LONG]] == 14
    assert first[names["budget"]] == 1250.5
    assert first[names["_city"]] == "Nuevo Laredo"
    assert first[names["_started"]] == dt.datetime(2026, 3, 2, 9, 15)
    if fmt is SPSS:  # 64 characters: the name fits as it is
        assert (names[LONG], labels[LONG]) == (LONG, "Personas en la reunión")
        # Whole numbers show as whole numbers (SPSS's default F8.2 shows 14 as 14.00).
        shown = meta.original_variable_types
        assert [shown[names[k]] for k in (LONG, "org/trust", "org/sectors/ngo")] == ["F8.0"] * 3
        assert shown[names["budget"]] == "F8.2"
    else:  # Stata's 32: shortened, and the label (cut to 80) says what it was
        assert names[LONG] == LONG[:32]
        assert labels[names[LONG]] == f"Personas en la r … [{LONG}]"
    # Unanswered is the format's missing: no 0, no empty date pretending to be a day.
    second = frame.iloc[1]
    assert math.isnan(second[names["org/city"]])
    assert math.isnan(second[names[LONG]])
    assert second[names["founded"]] is None or str(second[names["founded"]]) in ("nan", "NaT")

    repeat, repeat_meta = reader(str(files["cso-mechanisms" + suffix]))
    key = "_key" if fmt is STATA else "meta_key"
    parent = "_submission_id" if fmt is STATA else "meta_submission_id"
    # Repeats link to their interview by the same keys as the workbook.
    assert set(repeat[parent]) == {first[names["_submission_id"]]}
    assert list(repeat[key]) == [
        f"{first[names['_submission_id']]}/mechanisms[1]",
        f"{first[names['_submission_id']]}/mechanisms[2]",
    ]
    assert list(repeat["mech_city"]) == [1, 2]
    assert repeat_meta.variable_value_labels["mech_city"][1] == "Ciudad Juárez"


def test_stata_file_is_release_118(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "study.dta", ExportOptions())
    with zipfile.ZipFile(result.path) as archive:
        head = archive.read("cso.dta")[:64]
    assert b"<release>118</release>" in head


@pytest.mark.parametrize("language", ["en", "es"])
def test_stata_labels_of_the_metadata_columns_are_whole(
    database: Path, tmp_path: Path, language: str
) -> None:
    """Stata keeps 80 bytes of a variable label: what fieldapp says of its own columns
    (``_conflict``: what 1 means) fits whole, never cut to ``… the newest ve …``."""
    result = export_workbook(database, tmp_path / "study.dta", ExportOptions(language=language))
    files = read_zip(result.path, tmp_path / "out")
    _, meta = pyreadstat.read_dta(str(files["cso.dta"]))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    own = {name: label for name, label in labels.items() if name.startswith("_")}
    assert len(own) >= 12
    for name, label in own.items():
        code = f"export.meta.{name.lstrip('_')}"
        assert label == text(code, language), f"{name}: {label!r} was cut"


def _stata_text_formats(path: Path) -> dict[str, tuple[str, int]]:
    """Return each text variable's display format and its longest value's UTF-8 bytes
    (what Stata stores it in: ``str#``), read back from the file."""
    frame, meta = pyreadstat.read_dta(str(path))
    texts = [n for n in meta.column_names if meta.readstat_variable_types[n] == "string"]
    return {
        name: (meta.original_variable_types[name], max(len(v.encode()) for v in frame[name]))
        for name in texts
    }


def test_stata_shows_each_text_as_wide_as_it_is_stored(database: Path, tmp_path: Path) -> None:
    """Stata gives a ``str36`` the format ``%36s`` (its storage width, at least 9); pyreadstat
    wrote ``%-9s`` for every text, and the Data Editor cut a uuid to its first 9 characters."""
    result = export_workbook(database, tmp_path / "study.dta", ExportOptions())
    files = read_zip(result.path, tmp_path / "out")
    for sheet in ("cso.dta", "cso-mechanisms.dta"):
        formats = _stata_text_formats(files[sheet])
        for name, (fmt, stored) in formats.items():
            assert fmt == f"%-{max(9, stored)}s", (sheet, name, fmt, stored)
        assert formats["_submission_id"] == ("%-36s", 36)
    _, meta = pyreadstat.read_dta(str(files["cso.dta"]), metadataonly=True)
    assert abs(meta.variable_display_width["_submission_id"]) >= 36
    formats = _stata_text_formats(files["cso.dta"])
    assert formats["meta_instanceID"][0] == "%-41s"  # "uuid:" and a uuid
    assert formats["org_name"][0] == "%-17s"  # "Comité Ciudadano": 16 letters, 17 bytes
    assert formats["org_sectors"][0] == "%-9s"  # "ngo faith", typed once per distinct list


def test_stata_text_formats_stop_where_stata_stores_text_as_strl(tmp_path: Path) -> None:
    """2,044 bytes is pyreadstat's widest ``str#`` (``%-2044s``); longer text is a ``strL``,
    which Stata shows ``%9s``. Widths are of the text written, after the characters the
    export replaces (a NUL, one byte, becomes U+FFFD, three; so does a lone surrogate),
    over two form versions."""
    from fieldapp.core.export import ExportInterview, FormSource, write_export
    from fieldapp.core.forms.loader import load_form

    survey = [
        row("text", name, name) for name in ("widest", "longest", "replaced", "alone", "empty")
    ]
    form = load_form(
        write_xlsform(tmp_path / "t.xlsx", survey, settings={"form_id": "t", "version": "1"})
    )
    answers = [
        {"widest": "a" * 2044, "longest": "b" * 2045, "replaced": "c" * 20 + "\x00" * 10},
        {"widest": "ñ", "longest": "short", "replaced": "d", "alone": "e" * 20 + "\ud800"},
    ]
    listed = [
        ExportInterview(f"s{n}", f"v{n}", "CJ01", "laptop", "juarez", "cso", "", "", "", a)
        for n, a in enumerate(answers, 1)
    ]
    source = FormSource("t", {"v1": form, "v2": form}, lambda: listed)
    result = write_export(tmp_path / "t.dta", [source], ExportOptions())
    files = read_zip(result.path, tmp_path / "out")
    frame, meta = pyreadstat.read_dta(str(files["t.dta"]))
    formats = {name: fmt for name, (fmt, _) in _stata_text_formats(files["t.dta"]).items()}
    assert formats["widest"] == "%-2044s"
    assert meta.variable_storage_width["longest"] == 0  # ReadStat's word for a strL
    assert formats["longest"] == "%-9s"
    assert formats["replaced"] == "%-50s"
    assert formats["alone"] == "%-23s"  # a lone surrogate, no UTF-8 at all, replaced too
    assert formats["empty"] == "%-9s"
    assert frame["longest"][0] == "b" * 2045 and frame["widest"][0] == "a" * 2044


def test_about_says_how_values_are_written(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "study.sav", ExportOptions(labels=True))
    with zipfile.ZipFile(result.path) as archive:
        about = archive.read("about.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(about)))
    assert any("value labels" in " ".join(r) for r in rows)


def test_a_bad_name_is_refused_before_anything_is_written(database: Path, tmp_path: Path) -> None:
    with pytest.raises(FieldappError) as caught:
        export_workbook(database, tmp_path / "study.por", ExportOptions())
    assert caught.value.code == "export.bad_extension"
    assert list(tmp_path.iterdir()) == []


def test_names_are_valid_unique_and_keep_the_specific_part() -> None:
    headers = [
        "_submission_id",
        "org/name",
        "name",
        "Name",
        "with",
        "1st_visit",
        "org/" + LONG,
        "a/b/" + "x" * 70,
        "a/c/" + "x" * 70,
        "población/año",
    ]
    stata = variable_names(headers, STATA)
    spss = variable_names(headers, SPSS)
    assert stata[:3] == ["_submission_id", "org_name", "name"]
    assert spss[0] == "meta_submission_id"  # SPSS names start with a letter
    for names, fmt in ((stata, STATA), (spss, SPSS)):
        assert len({n.casefold() for n in names}) == len(names)
        assert all(len(n) <= fmt.max_name and n.isascii() and not n[0].isdigit() for n in names)
        assert names[4] == "with_"  # a reserved word of both
        assert names[-1] == "poblacion_ano"
    assert stata[6] != LONG and len(stata[6]) == 32
    assert spss[6] == "org_" + LONG


def test_labels_fit_the_format_with_the_choice_and_the_path_kept() -> None:
    label = fit_label("¿Cuántas personas asistieron a la última reunión? " * 4, "org/count", 80)
    assert len(label.encode()) <= 80
    assert label.endswith(" … [org/count]")
    question = "¿Qué sectores de la sociedad están representados en su organización?"
    label = fit_label(question, "breadth/sectors/business", 80, " — Empresas")
    assert len(label.encode()) <= 80
    assert label.endswith(" … — Empresas [breadth/sectors/business]")


RSCRIPT = shutil.which("Rscript")
R_CHECKS = """
source("load.R", chdir = TRUE)
cso <- fieldapp$cso
mech <- fieldapp$`cso-mechanisms`
say <- function(name, value) cat(name, "=", paste(value, collapse = "|"), "\\n", sep = "")
say("sheets", sort(names(fieldapp)))
say("rows", c(nrow(cso), nrow(mech)))
say("city.class", class(cso[["org/city"]]))
say("city.levels", levels(cso[["org/city"]]))
say("city", as.character(cso[["org/city"]]))
say("trust", as.character(cso[["org/trust"]]))
trust <- cso[["org/trust"]]
say("trust.words", as.character(if (is.factor(trust)) trust else fieldapp_factor(trust)))
say("founded.class", class(cso[["founded"]]))
say("founded", format(cso[["founded"]]))
say("started.class", class(cso[["_started"]])[1])
say("started", format(cso[["_started"]], "%Y-%m-%d %H:%M"))
say("people", cso[["LONG"]])
say("ngo", cso[["org/sectors/ngo"]] + 0)
say("name", cso[["org/name"]])
say("mech.city", as.character(mech[["mech_city"]]))
say("mech.parent", mech[["_parent_key"]] == cso[["_submission_id"]][1])
""".replace("LONG", LONG)


@pytest.mark.skipif(RSCRIPT is None, reason="Rscript (Debian r-base-core) is not installed")
@pytest.mark.parametrize("labels", [False, True])
def test_load_r_reads_every_csv_with_types_and_factors(
    database: Path, tmp_path: Path, labels: bool
) -> None:
    options = ExportOptions(language="es", labels=labels)
    result = export_workbook(database, tmp_path / "study.zip", options)
    read_zip(result.path, tmp_path / "out")
    (tmp_path / "checks.R").write_text(R_CHECKS, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"  # load.R finds its CSVs beside itself
    elsewhere.mkdir()
    run = (
        f'setwd("{(tmp_path / "out").as_posix()}")\nsource("{(tmp_path / "checks.R").as_posix()}")'
    )
    printed = run_r(elsewhere, run)
    said = dict(line.split("=", 1) for line in printed.splitlines() if "=" in line)
    assert said["sheets"] == "cso|cso-mechanisms"
    assert said["rows"] == "2|2"
    assert said["city.class"] == "factor"
    assert said["city.levels"] == "Ciudad Juárez|Nuevo Laredo"
    assert said["city"] == "Nuevo Laredo|NA"
    # Codes that are numbers stay numbers (a scale's mean), as in Stata and SPSS.
    assert said["trust"] == ("No sabe|Nada" if labels else "98|1")
    assert said["trust.words"] == "No sabe|Nada"
    assert said["founded.class"] == "Date" and said["founded"] == "2011-05-17|NA"
    assert said["started.class"] == "POSIXct"
    assert said["started"].startswith("2026-03-02 09:15|")
    assert said["people"] == "14|NA"
    assert said["ngo"] == "1|NA"
    assert said["name"] == "Comité Ciudadano|Sin respuestas"
    assert said["mech.city"] == "Ciudad Juárez|Nuevo Laredo"
    assert said["mech.parent"] == "TRUE|TRUE"


HAVEN_CHECKS = """
library(haven)
read <- if (SUFFIX == ".dta") read_dta else read_sav
cso <- read(paste0("cso", SUFFIX))
mech <- read(paste0("cso-mechanisms", SUFFIX))
say <- function(name, value) cat(name, "=", paste(value, collapse = "|"), "\\n", sep = "")
say("rows", c(nrow(cso), nrow(mech)))
say("trust.label", attr(cso$org_trust, "label"))
say("trust.class", class(cso$org_trust)[1])
say("trust.codes", unname(attr(cso$org_trust, "labels")))
say("trust.names", names(attr(cso$org_trust, "labels")))
say("trust", as.character(as_factor(cso$org_trust)))
say("city", as.character(as_factor(cso$org_city)))
say("ngo", as.character(as_factor(cso$org_sectors_ngo)))
say("founded.class", class(cso$founded)[1])
say("founded", format(cso$founded))
say("agreed.class", class(cso$agreed)[1])
say("agreed", format(cso$agreed, "%Y-%m-%d %H:%M", tz = "UTC"))
say("met_at", as.numeric(cso$met_at) %% 86400)  # a clock time, in seconds
say("people", cso[[PEOPLE]])
say("people.label", attr(cso[[PEOPLE]], "label"))
say("name", cso$org_name)
say("parent", mech[[PARENT]] == cso[[ID]][1])
say("mech.city", as.character(as_factor(mech$mech_city)))
"""


@functools.cache
def _haven_missing() -> str:
    """Return why R's haven cannot run here, or "" when it can."""
    if RSCRIPT is None:
        return "Rscript (Debian r-base-core) is not installed"
    found = subprocess.run(
        [RSCRIPT, "--vanilla", "-e", 'quit(status = !requireNamespace("haven", quietly = TRUE))'],
        capture_output=True,
        timeout=120,
    )
    return "" if found.returncode == 0 else "R's haven (Debian r-cran-haven) is not installed"


@pytest.mark.parametrize(("suffix", "fmt"), [(".dta", STATA), (".sav", SPSS)])
def test_r_haven_reads_labels_types_missing_and_links(
    database: Path, tmp_path: Path, suffix: str, fmt: Any
) -> None:
    """What an analyst gets with ``haven::read_dta`` / ``read_sav``: labelled codes that
    ``as_factor`` turns into the choices' labels, dates as dates, missing as NA, the
    question's label on each variable, repeats joined to their interview."""
    if reason := _haven_missing():
        pytest.skip(reason)
    result = export_workbook(database, tmp_path / f"study{suffix}", ExportOptions(language="es"))
    files = read_zip(result.path, tmp_path / "out")
    names = {
        e["variable"]: e["name"] for e in codebook(files["codebook.csv"]) if e["sheet"] == "cso"
    }
    prefix = "_" if fmt is STATA else "meta_"
    script = (
        HAVEN_CHECKS.replace("SUFFIX", f'"{suffix}"')
        .replace("PEOPLE", f'"{names[LONG]}"')
        .replace("PARENT", f'"{prefix}parent_key"')
        .replace("ID", f'"{prefix}submission_id"')
    )
    printed = run_r(tmp_path / "out", script)
    said = dict(line.split("=", 1) for line in printed.splitlines() if "=" in line)
    assert said["rows"] == "2|2"
    assert said["trust.label"] == "Confianza en la policía [org/trust]"
    assert said["trust.class"] == "haven_labelled"
    assert said["trust.codes"] == "1|2|98"
    assert said["trust.names"] == "Nada|Mucha|No sabe"
    assert said["trust"] == "No sabe|Nada"
    assert said["city"] == "Nuevo Laredo|NA"
    assert said["ngo"] == "elegida|NA"
    assert said["founded.class"] == "Date" and said["founded"] == "2011-05-17|NA"
    assert said["agreed.class"] == "POSIXct" and said["agreed"] == "2026-03-01 18:30|NA"
    assert said["met_at"] == f"{18 * 3600 + 30 * 60}|NA"
    assert said["people"] == "14|NA"
    assert said["people.label"].startswith("Personas en la r")
    assert said["name"] == "Comité Ciudadano|Sin respuestas"
    assert said["parent"] == "TRUE|TRUE"
    assert said["mech.city"] == "Ciudad Juárez|Nuevo Laredo"


def test_odd_answers_keep_the_file_typed_and_are_reported(tmp_path: Path) -> None:
    """Answers of an older form version: a code since removed, a date typed as text."""
    from fieldapp.core.export import ExportInterview, FormSource, write_export
    from fieldapp.core.forms.loader import load_form

    form = load_form(
        write_xlsform(
            tmp_path / "old.xlsx",
            survey=[
                row("select_one city", "city", "City"),
                row("date", "met_on", "Met on"),
                row("date", "never", "Never answered"),
                row("integer", "count", "Count"),
                row("select_one city", "ciudad_donde_se_realizo_la_entrevista", "Where"),
            ],
            choices=[choice("city", "juarez", "Ciudad Juárez", "Ciudad Juárez")],
            settings={"form_id": "old", "version": "1"},
        )
    )

    def one(number: int, answers: dict[str, Any]) -> ExportInterview:
        moment = f"2026-01-0{number}T10:00:00"
        return ExportInterview(
            f"s{number}",
            "v1",
            "CJ01",
            "laptop",
            "juarez",
            "cso",
            moment,
            moment,
            "approved",
            answers,
        )

    listed = [
        one(1, {"city": "reynosa", "met_on": "el martes", "count": "doce"}),
        one(2, {"city": "juarez", "met_on": "2026-01-02", "count": 12}),
    ]
    result = write_export(
        tmp_path / "old.sav", [FormSource("old", {"v1": form}, lambda: listed)], ExportOptions()
    )
    files = read_zip(result.path, tmp_path / "out")
    frame, meta = pyreadstat.read_sav(str(files["old.sav"]))
    assert meta.variable_value_labels["city"] == {1: "Ciudad Juárez", 2: "reynosa"}
    assert list(frame["city"]) == [2, 1]
    assert meta.original_variable_types["never"] == "DATE11"  # empty, and still a date
    assert meta.readstat_variable_types["count"] == "double"
    assert math.isnan(frame["count"][0]) and frame["count"][1] == 12
    assert frame["met_on"][1] == dt.date(2026, 1, 2)
    assert sum("el martes" in w for w in result.warnings) == 1, result.warnings
    assert sum("doce" in w for w in result.warnings) == 1
    said = next(w for w in result.warnings if "doce" in w)
    assert "'doce' is not of type integer" in said, said  # it said "is not a integer"

    # Stata: a labelled variable's label set is named after it plus a counter, within 32.
    source = FormSource("old", {"v1": form}, lambda: listed)
    stata = write_export(tmp_path / "old.dta", [source], ExportOptions())
    files = read_zip(stata.path, tmp_path / "stata")
    frame, meta = pyreadstat.read_dta(str(files["old.dta"]))
    long_name = next(n for n in frame.columns if n.startswith("ciudad_donde"))
    assert len(long_name) <= 31 and meta.variable_value_labels[long_name] == {1: "Ciudad Juárez"}


def test_a_folder_instead_of_a_zip_replaces_only_an_earlier_export(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp.cli import main

    out = tmp_path / "study.dta"
    assert main(["export", "--db", str(database), "-o", str(out), "--folder"]) == 0
    folder = tmp_path / "study"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["about.csv", "codebook.csv", "cso-mechanisms.dta", "cso.dta"]
    assert not (tmp_path / "study.dta.zip").exists()
    frame, _ = pyreadstat.read_dta(str(folder / "cso.dta"))
    assert len(frame) == 2
    assert main(["export", "--db", str(database), "-o", str(out), "--folder"]) == 0  # again

    (folder / "my_analysis.do").write_text("regress y x")  # now it is the analyst's folder
    capsys.readouterr()
    assert main(["export", "--db", str(database), "-o", str(out), "--folder"]) == 1
    assert "holds other files" in capsys.readouterr().err
    assert (folder / "my_analysis.do").read_text() == "regress y x"
    assert (tmp_path / "study.dta.zip").exists(), "the export itself is kept"

    assert main(["export", "--db", str(database), "-o", str(tmp_path / "a.xlsx"), "--folder"]) == 1
    assert not (tmp_path / "a.xlsx").exists()


def test_form_versions_fill_each_variable_from_their_own_questions(tmp_path: Path) -> None:
    """Interviews of two versions, interleaved: each answer lands in its variable, in order.

    The versions order their questions differently and the old one lacks two; Stata and
    SPSS render a column at a time, so a version's layout must still place every answer.
    """
    from fieldapp.core.export import ExportInterview, FormSource, write_export
    from fieldapp.core.forms.loader import load_form

    cities = [choice("city", "juarez", "Ciudad Juárez", "Ciudad Juárez")]
    cities.append(choice("city", "laredo", "Nuevo Laredo", "Nuevo Laredo"))
    sectors = [choice("sectors", "ngo", "NGOs", "ONG"), choice("sectors", "faith", "Faith", "Fe")]
    old = load_form(
        write_xlsform(
            tmp_path / "old.xlsx",
            survey=[row("select_one city", "city", "City"), row("integer", "count", "Count")],
            choices=cities,
            settings={"form_id": "f", "version": "1"},
        )
    )
    new = load_form(
        write_xlsform(
            tmp_path / "new.xlsx",
            survey=[
                row("integer", "count", "Count"),
                row("select_multiple sectors", "sectors", "Sectors"),
                row("date", "met_on", "Met on"),
                row("select_one city", "city", "City"),
            ],
            choices=cities + sectors,
            settings={"form_id": "f", "version": "2"},
        )
    )

    def one(number: int, sha: str, answers: dict[str, Any]) -> ExportInterview:
        moment = f"2026-01-0{number}T10:00:00"
        return ExportInterview(
            f"s{number}",
            sha,
            "CJ01",
            "laptop",
            "juarez",
            "cso",
            moment,
            moment,
            "finalized",
            answers,
        )

    listed = [
        one(1, "v1", {"city": "laredo", "count": 1, "sectors": ["ngo"], "met_on": "2026-01-01"}),
        one(2, "v2", {"city": "juarez", "count": 2, "sectors": ["faith"], "met_on": "2026-01-02"}),
        one(3, "v1", {"city": "juarez", "count": 3}),
        one(4, "v2", {"count": 4, "sectors": "ngo faith", "met_on": "2026-01-04"}),
    ]
    source = FormSource("f", {"v2": new, "v1": old}, lambda: listed)
    for suffix, read in ((".dta", pyreadstat.read_dta), (".sav", pyreadstat.read_sav)):
        result = write_export(tmp_path / f"f{suffix}", [source], ExportOptions())
        files = read_zip(result.path, tmp_path / suffix[1:])
        frame, meta = read(str(files[f"f{suffix}"]))
        assert list(frame["count"]) == [1, 2, 3, 4]
        labels = meta.variable_value_labels["city"]
        assert [labels.get(v) for v in frame["city"]] == [
            "Nuevo Laredo",
            "Ciudad Juárez",
            "Ciudad Juárez",
            None,
        ]
        # The old version asks neither sectors nor the date: missing there, not its stale answers.
        ngo = frame["sectors_ngo"]
        assert math.isnan(ngo[0]) and math.isnan(ngo[2])
        assert (ngo[1], ngo[3], frame["sectors_faith"][1], frame["sectors_faith"][3]) == (
            0,
            1,
            1,
            1,
        )
        met_on = list(frame["met_on"])
        assert met_on[1] == dt.date(2026, 1, 2) and met_on[3] == dt.date(2026, 1, 4)
        assert all(day is None or day != day for day in (met_on[0], met_on[2]))


def test_typing_each_distinct_answer_once_writes_the_file_cell_by_cell_typing_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quick way (each distinct answer typed once, placed with numpy) and the cell by
    cell way give the same bytes, odd answers, repeats, warnings and all."""
    from fieldapp.core.export import ExportInterview, FormSource, write_export
    from fieldapp.core.export.stats import StatsSheet
    from fieldapp.core.forms.loader import load_form

    form = load_form(
        write_xlsform(
            tmp_path / "odd.xlsx",
            survey=[
                row("start", "start"),
                row("text", "name", "Name"),
                row("select_one city", "city", "City"),
                row("select_one trust", "trust", "Trust"),
                row("select_multiple sectors", "sectors", "Sectors"),
                row("integer", "count", "Count"),
                row("decimal", "budget", "Budget"),
                row("date", "met_on", "Met on"),
                row("datetime", "agreed", "Agreed"),
                row("time", "met_at", "Met at"),
                row("calculate", "score", "", calculation="${count} * 2"),
                row("begin_repeat", "mechanisms", "Mechanism"),
                row("text", "mech_name", "Mechanism"),
                row("select_multiple sectors", "partners", "Partners"),
                row("end_repeat", ""),
            ],
            choices=[
                choice("city", "juarez", "Ciudad Juárez", "Ciudad Juárez"),
                choice("city", "laredo", "Nuevo Laredo", "Nuevo Laredo"),
                choice("trust", "1", "None", "Nada"),
                choice("trust", "98", "Don't know", "No sabe"),
                choice("sectors", "ngo", "NGOs", "ONG"),
                choice("sectors", "faith", "Faith", "Fe"),
            ],
            settings={"form_id": "odd", "version": "1"},
        )
    )
    answers: list[dict[str, Any]] = [
        {"name": "Ñandú", "city": "laredo", "trust": "98", "sectors": ["ngo", "faith"]},
        {"name": None, "city": "reynosa", "trust": "1", "sectors": "faith ngo", "count": 7},
        {"city": "", "trust": 98, "sectors": ["faith", "ngo"], "count": "12", "budget": 2.5},
        {"city": "reynosa", "sectors": [], "count": 3, "budget": 4, "met_on": "2026-01-02"},
        {"name": 5, "sectors": ["ngo", "faith"], "met_on": "el martes", "met_at": "18:30:00"},
        {"agreed": "2026-03-01T18:30:00-07:00", "met_at": "18:30:00", "score": "14"},
        {"agreed": "2026-03-01T18:30:00-07:00", "met_on": "2026-01-02", "score": "-1.5"},
        {"start": "2026-03-02T09:15:00-07:00", "budget": 1e300, "count": 2**60},
        {"start": "2026-03-02T09:15:00Z", "sectors": ["ngo", 1], "met_at": "9:30"},
        {"count": 10**400, "budget": 3},  # an integer no double holds: a warning, no crash
    ]
    for number, given in enumerate(answers):
        given["mechanisms"] = [
            {"mech_name": "Mesa", "partners": ["ngo"]},
            {"mech_name": None, "partners": ["ngo"] if number % 2 else "faith"},
        ][: number % 3]

    def interview(number: int, given: dict[str, Any]) -> ExportInterview:
        moment = f"2026-01-{number + 1:02d}T10:00:00"
        return ExportInterview(
            f"s{number}", "v1", "CJ01", "laptop", "juarez", "cso", moment, moment,
            "finalized", given,
        )  # fmt: skip

    listed = [interview(number, given) for number, given in enumerate(answers)]
    source = FormSource("odd", {"v1": form}, lambda: listed)

    def written(name: str) -> tuple[dict[str, bytes], tuple[str, ...]]:
        result = write_export(tmp_path / f"{name}.dta", [source], ExportOptions())
        with zipfile.ZipFile(result.path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".dta")]
            files = {n: archive.read(n) for n in names}
        # The header's minute of writing may differ between the two; nothing else may.
        stamp = re.compile(rb"<timestamp>.*?</timestamp>", re.DOTALL)
        return {n: stamp.sub(b"", data, count=1) for n, data in files.items()}, result.warnings

    typed_once: list[bool] = []
    quick_way = StatsSheet._typed_once

    def spied(sheet: StatsSheet, *args: Any) -> Any:
        typed = quick_way(sheet, *args)
        typed_once.append(typed is not None)
        return typed

    monkeypatch.setattr(StatsSheet, "_typed_once", spied)
    quick, quick_warnings = written("quick")
    assert sum(typed_once) > 20 and not all(typed_once), "both ways were taken"
    monkeypatch.setattr(StatsSheet, "_typed_once", lambda *_: None)
    by_cell, cell_warnings = written("cell")
    read_zip(tmp_path / "quick.dta.zip", tmp_path / "out")
    assert quick == by_cell
    assert quick_warnings == cell_warnings and any("el martes" in w for w in quick_warnings)
    assert any("1000000000" in w for w in quick_warnings)
    frame, _ = pyreadstat.read_dta(str(next((tmp_path / "out").glob("odd.dta"))))
    assert list(frame["sectors_ngo"][:4]) == [1, 1, 1, 0]
    city = list(frame["city"][:4])  # a code the list lacks is numbered after it, once
    assert city[:2] == [2, 3] and math.isnan(city[2]) and city[3] == 3


def test_moments_are_stored_as_pyreadstat_stores_datetime_objects(tmp_path: Path) -> None:
    """Our own numbers for datetimes read back exactly as pyreadstat writes the objects:
    microseconds, centuries apart, and a moment that kept its offset (its wall clock)."""
    import random

    import pandas as pd

    from fieldapp.core.export.columns import Kind
    from fieldapp.core.export.stats import _date_number

    rng = random.Random(19)
    moments = [
        dt.datetime(rng.randrange(1600, 2500), rng.randrange(1, 13), rng.randrange(1, 29))
        + dt.timedelta(seconds=rng.randrange(86_400), microseconds=rng.randrange(10**6))
        for _ in range(500)
    ]
    offset = dt.timezone(dt.timedelta(hours=-7))
    for fmt, write, read in (
        (STATA, pyreadstat.write_dta, pyreadstat.read_dta),
        (SPSS, pyreadstat.write_sav, pyreadstat.read_sav),
    ):
        number = _date_number(fmt, Kind.DATETIME)
        ours = tmp_path / f"ours{fmt.suffix}"
        theirs = tmp_path / f"theirs{fmt.suffix}"
        column = pd.Series([number(m) for m in moments], dtype="float64")
        formats = {"t": fmt.typed_date_formats[Kind.DATETIME]}
        write(pd.DataFrame({"t": column}), str(ours), variable_format=formats)
        write(pd.DataFrame({"t": pd.Series(moments, dtype=object)}), str(theirs))
        assert list(read(str(ours))[0]["t"]) == list(read(str(theirs))[0]["t"])
        aware = moments[0].replace(tzinfo=offset)
        assert number(aware) == number(moments[0]), "the wall clock, as pyreadstat reads it"


@pytest.mark.parametrize("suffix", [".dta", ".sav"])
def test_a_large_export_typed_a_few_rows_at_a_time_writes_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Rows are typed into columns a few thousand at a time, to keep memory down: the
    files and warnings are those of typing every row at once, whatever falls in which part
    (two form versions, a code the list lacks met late, dates only after the first part,
    a fraction after whole numbers, odd cells in two columns of different parts)."""
    from fieldapp.core.export import ExportInterview, FormSource, stats, write_export
    from fieldapp.core.forms.loader import load_form

    def form(version: str, *more: dict[str, Any]) -> Any:
        survey = [
            row("text", "name", "Name"),
            row("select_one city", "city", "City"),
            row("select_multiple sectors", "sectors", "Sectors"),
            row("integer", "count", "Count"),
            row("decimal", "budget", "Budget"),
            row("date", "met_on", "Met on"),
            row("time", "met_at", "Met at"),
            *more,
            row("begin_repeat", "mechanisms", "Mechanism"),
            row("text", "mech_name", "Mechanism"),
            row("end_repeat", ""),
        ]
        choices = [
            choice("city", "juarez", "Ciudad Juárez", "Ciudad Juárez"),
            choice("city", "laredo", "Nuevo Laredo", "Nuevo Laredo"),
            choice("sectors", "ngo", "NGOs", "ONG"),
            choice("sectors", "faith", "Faith", "Fe"),
        ]
        path = write_xlsform(
            tmp_path / f"parts-{version}.xlsx",
            survey=survey,
            choices=choices,
            settings={"form_id": "parts", "version": version},
        )
        return load_form(path)

    versions = {"v1": form("1"), "v2": form("2", row("integer", "staff", "Staff"))}
    odd = {1: {"count": "doce"}, 2: {"met_on": "el martes"}, 9: {"count": "x"}}
    odd |= {10: {"met_on": "el jueves"}, 13: {"city": "reynosa"}, 6: {"city": "saltillo"}}

    def answers(number: int) -> dict[str, Any]:
        given: dict[str, Any] = {
            "name": f"Colectivo {number}",
            "city": ("juarez", "laredo")[number % 2],
            "sectors": ["ngo", "faith"][: number % 3],
            "count": number,
            "budget": number if number < 11 else number + 0.5,
            "staff": number * 2,
            "mechanisms": [{"mech_name": f"Mesa {n}"} for n in range(number % 3)],
        }
        if number >= 5:
            given["met_at"] = f"1{number % 10}:30:00"
            given["met_on"] = f"2026-01-{number:02d}"
        return given | odd.get(number, {})

    def interview(number: int) -> ExportInterview:
        moment = f"2026-01-{number + 1:02d}T10:00:00"
        return ExportInterview(
            f"s{number}", ("v1", "v2")[number % 3 == 0], "CJ01", "laptop", "juarez", "cso",
            moment, moment, "finalized", answers(number),
        )  # fmt: skip

    listed = [interview(number) for number in range(15)]
    source = FormSource("parts", versions, lambda: listed)

    def written(name: str) -> tuple[dict[str, bytes], tuple[str, ...]]:
        result = write_export(tmp_path / f"{name}{suffix}", [source], ExportOptions())
        with zipfile.ZipFile(result.path) as archive:
            files = {n: archive.read(n) for n in archive.namelist() if n.endswith(suffix)}
        # The header's time of writing may differ between the two; nothing else may.
        if suffix == ".dta":
            stamp = re.compile(rb"<timestamp>.*?</timestamp>", re.DOTALL)
            return {n: stamp.sub(b"", data, count=1) for n, data in files.items()}, (
                result.warnings
            )
        return {n: data[:92] + data[109:] for n, data in files.items()}, result.warnings

    whole, whole_warnings = written("whole")
    monkeypatch.setattr(stats, "ROWS_TYPED_AT_ONCE", 4)
    parts, parts_warnings = written("parts")
    assert parts == whole
    assert parts_warnings == whole_warnings
    said = [found[1] for w in whole_warnings if (found := re.search("'(.*?)'", w))]
    assert said == ["doce", "x", "el martes", "el jueves"], "column by column, as before"
