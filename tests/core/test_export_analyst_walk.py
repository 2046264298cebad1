"""What the study's analyst tripped on when opening every export format (session "an").

Each test fails without its mend: the codebook of a Stata/SPSS zip gives the number of
each text code, SPSS knows each variable's measurement level, and ``about`` reads well in
Spanish.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pyreadstat
import pytest
from rscript import NO_R, RSCRIPT, run_r
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.stats import SPSS, STATA, variable_names
from fieldapp.core.store import Store


def _form(folder: Path, version: str, cities: list[str]) -> Path:
    return write_xlsform(
        folder / f"cso-{version}.xlsx",
        survey=[
            row("text", "org", "Organisation", "Organización"),
            row("select_one city", "city", "City", "Ciudad"),
            row("select_one trust", "trust", "Trust in the police", "Confianza en la policía"),
            row("select_multiple sectors", "sectors", "Sectors", "Sectores"),
            row("integer", "members", "Members", "Integrantes"),
            row("date", "founded", "Founded on", "Fundada el"),
        ],
        choices=[
            *(choice("city", code, *[code.replace("_", " ").title()] * 2) for code in cities),
            choice("trust", "1", "None", "Nada"),
            choice("trust", "98", "Don't know", "No sabe"),
            choice("sectors", "ngo", "NGOs", "ONG"),
            choice("sectors", "faith", "Faith groups", "Grupos religiosos"),
        ],
        settings={"form_id": "cso", "version": version, "default_language": "English (en)"},
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rounds: the first listed Reynosa, which the second dropped."""
    folder = tmp_path_factory.mktemp("walk")
    db = folder / "field.db"
    with Store.open(db) as store:
        first = store.forms.add(_form(folder, "1", ["tijuana", "reynosa"])).sha256
        second = store.forms.add(_form(folder, "2", ["tijuana", "nuevo_laredo"])).sha256
        rounds = [
            (first, {"org": "Mesa", "city": "reynosa", "founded": "2011-05-17"}, "Reynosa"),
            (second, {"org": "Comité", "city": "nuevo_laredo", "trust": "98"}, "Nuevo Laredo"),
            (second, {"org": "Red", "city": "tijuana", "members": "12"}, "Tijuana"),
        ]
        for sha, answers, city in rounds:
            submission, _ = store.interviews.submit(
                sha, answers, finalize=True, city=city, interviewer="NL01", actor_type="cso"
            )
        store.review.approve(submission, comment="ok", author="Ana")  # Red, of Tijuana
    return db


def _unzipped(path: Path, folder: Path) -> dict[str, Path]:
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
        return {name: folder / name for name in archive.namelist()}


def _codebook(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {entry["variable"]: entry for entry in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("suffix", "reader"), [(".dta", pyreadstat.read_dta), (".sav", pyreadstat.read_sav)]
)
def test_the_codebook_gives_the_number_of_each_text_code_in_the_file(
    database: Path, tmp_path: Path, suffix: str, reader: object
) -> None:
    """`keep if city == ...`: the analyst finds which number `nuevo_laredo` is in the file."""
    result = export_workbook(database, tmp_path / f"study{suffix}", ExportOptions())
    files = _unzipped(result.path, tmp_path / "out")
    entries = _codebook(files["codebook.csv"])
    city = entries["city"]
    assert sorted(city["values"].splitlines()) == [
        "1 = tijuana",
        "2 = nuevo_laredo",
        "3 = reynosa",
    ]
    numbers = {
        code: float(number)
        for number, code in (line.split(" = ") for line in city["values"].splitlines())
    }
    frame, meta = reader(str(files[f"cso{suffix}"]))  # type: ignore[operator]
    by_org = dict(zip(frame[entries["org"]["name"]], frame[city["name"]], strict=True))
    assert by_org == {
        "Comité": numbers["nuevo_laredo"],
        "Red": numbers["tijuana"],
        "Mesa": numbers["reynosa"],
    }
    assert meta.variable_value_labels[city["name"]][numbers["nuevo_laredo"]] == "Nuevo Laredo"
    # Numeric codes are their own numbers; text and 0/1 columns have nothing to look up.
    for variable in ("trust", "org", "sectors/ngo", "members"):
        assert entries[variable]["values"] == "", variable
    with files["about.csv"].open(encoding="utf-8-sig") as handle:
        assert "'values' column" in handle.read()


def test_spss_knows_each_measure_and_shows_each_value_whole(database: Path, tmp_path: Path) -> None:
    """No "unknown" measure for Chart Builder to stop at; ids and moments not cut to 8."""
    result = export_workbook(database, tmp_path / "study.sav", ExportOptions())
    files = _unzipped(result.path, tmp_path / "out")
    names = {k: entry["name"] for k, entry in _codebook(files["codebook.csv"]).items()}
    _, meta = pyreadstat.read_sav(str(files["cso.sav"]))
    measures = {variable: meta.variable_measure[names[variable]] for variable in names}
    assert {variable: measures[variable] for variable in ("city", "trust", "org")} == {
        "city": "nominal",
        "trust": "nominal",
        "org": "nominal",
    }
    assert measures["sectors/ngo"] == measures["_conflict"] == "nominal"
    assert measures["members"] == measures["founded"] == measures["_started"] == "scale"
    assert "unknown" not in meta.variable_measure.values()
    widths = {variable: meta.variable_display_width[names[variable]] for variable in names}
    assert widths["_submission_id"] >= 36  # a uuid
    assert widths["_started"] >= len("02-MAR-2026 09:15:00")
    assert widths["founded"] >= len("17-MAY-2011")
    assert widths["city"] >= len("Nuevo Laredo")  # its value labels, when shown
    assert widths["members"] == 8  # SPSS's own width where nothing needs more


def test_about_says_every_city_in_good_spanish(database: Path, tmp_path: Path) -> None:
    result = export_workbook(database, tmp_path / "study.zip", ExportOptions(language="es"))
    files = _unzipped(result.path, tmp_path / "out")
    with files["about.csv"].open(encoding="utf-8-sig", newline="") as handle:
        about = {row[0]: row[1] for row in csv.reader(handle)}
    # "Ciudades: todos" read as a slip: ciudad is feminine.
    assert (about["Formularios"], about["Ciudades"], about["Estados"]) == (
        "todos",
        "todas",
        "todos",
    )


def test_the_columns_of_one_question_share_a_stem_a_stata_wildcard_takes_whole() -> None:
    """`egen n = rowtotal(gov_levels_*)` counted two of three levels: `municipal` alone had
    lost its group's name to fit Stata's 32 characters (less room for a value label)."""
    levels = [f"government/gov_levels/{code}" for code in ("municipal", "state", "federal")]
    trust = [f"security/trust/trust_{who}" for who in ("municipal_police", "army", "navy")]
    headers = ["government/gov_levels", *levels, *trust, "security/leak_risk", "army"]
    room = [STATA.max_name - 3] * len(headers)  # labelled: room for pyreadstat's counter
    names = variable_names(headers, STATA, room)
    assert names[1:4] == ["gov_levels_municipal", "gov_levels_state", "gov_levels_federal"]
    assert names[4:7] == ["trust_trust_municipal_police", "trust_trust_army", "trust_trust_navy"]
    # A sibling's length moves only its own question's or group's columns.
    assert names[0] == "government_gov_levels" and names[7] == "security_leak_risk"
    assert names[8] == "army"
    # Where everything fits (SPSS's 64), the full path stays.
    assert variable_names(headers, SPSS)[1] == "government_gov_levels_municipal"
    # A choice too long for any name keeps its question's stem, cut at the end.
    long = variable_names([*levels[1:], f"government/gov_levels/{'x' * 40}"], STATA, room[:3])
    assert long[-1].startswith("government_gov_levels_x") and len(long[-1]) == STATA.max_name - 3


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_gives_each_column_its_question_as_haven_does(
    database: Path, tmp_path: Path
) -> None:
    """R's analyst sees the question under each column (View), as from a .dta with haven."""
    result = export_workbook(database, tmp_path / "study.zip", ExportOptions(language="es"))
    _unzipped(result.path, tmp_path)
    printed = run_r(
        tmp_path,
        """source("load.R", chdir = TRUE)
cso <- fieldapp$cso
for (name in c("city", "sectors/faith", "founded", "_started", "org")) {
  cat(name, "=", class(cso[[name]])[1], "|", attr(cso[[name]], "label"), "\\n", sep = "")
}
cat("levels=", paste(levels(cso$city), collapse = "|"), "\\n", sep = "")
""",
    )
    said = dict(line.split("=", 1) for line in printed.splitlines())
    assert said["city"] == "factor|Ciudad"  # the label survives the factor
    assert said["sectors/faith"] == "numeric|Sectores — Grupos religiosos"
    assert said["founded"] == "Date|Fundada el"
    assert said["_started"] == "POSIXct|Inicio de la entrevista (reloj del equipo)"
    assert said["org"] == "character|Organización"
    assert said["levels"] == "Tijuana|Nuevo Laredo|Reynosa"


@pytest.mark.parametrize(("labels", "language"), [(True, "es"), (True, "en"), (False, "es")])
def test_a_labels_export_says_the_state_decision_and_actor_in_its_language(
    database: Path, tmp_path: Path, labels: bool, language: str
) -> None:
    """A Spanish labels export read `Tijuana` beside `finalized`, `approved` and `cso`."""
    options = ExportOptions(labels=labels, language=language)
    result = export_workbook(database, tmp_path / "study.zip", options)
    files = _unzipped(result.path, tmp_path / "out")
    with files["cso.csv"].open(encoding="utf-8-sig", newline="") as handle:
        shown = {
            r["org"]: (r["_city"], r["_state"], r["_review_state"], r["_actor_type"])
            for r in csv.DictReader(handle)
        }
    expected = {
        (True, "es"): ("Tijuana", "aprobada", "aprobada", "Sociedad civil", "finalizada"),
        (True, "en"): ("Tijuana", "approved", "approved", "Civil society", "finalized"),
        # a codes export gives the city the interview answers as its code, as the list
        # shows it (the interview was started as "Tijuana")
        (False, "es"): ("tijuana", "approved", "approved", "cso", "finalized"),
    }[(labels, language)]
    assert shown["Red"] == expected[:4]
    assert shown["Mesa"][1:] == (expected[4], "", expected[3])


def test_about_says_the_states_exported_in_its_language_with_their_codes(
    database: Path, tmp_path: Path
) -> None:
    """Seen in the Spanish walk: the about sheet of an export made from the dialog (which
    always names the states ticked) read "Estados: finalized, approved, returned"."""
    options = ExportOptions(language="es", states=("finalized", "returned"))
    result = export_workbook(database, tmp_path / "study.zip", options)
    files = _unzipped(result.path, tmp_path / "out")
    with files["about.csv"].open(encoding="utf-8-sig", newline="") as handle:
        about = {row[0]: row[1] for row in csv.reader(handle)}
    assert about["Estados"] == "finalizada (finalized), devuelta (returned)"
    english = ExportOptions(language="en", states=("finalized", "returned"))
    result = export_workbook(database, tmp_path / "en.zip", english)
    files = _unzipped(result.path, tmp_path / "out_en")
    with files["about.csv"].open(encoding="utf-8-sig", newline="") as handle:
        about = {row[0]: row[1] for row in csv.reader(handle)}
    assert about["States"] == "finalized, returned"
