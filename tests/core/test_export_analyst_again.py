"""What the study's analyst tripped on, opening every export format once more.

Each test fails without its mend: a select_multiple's 0/1 columns in Stata keep their
question's name and leave the "other (specify)" text its own, a grid's rows say which
grid they belong to, and a Stata label keeps the choice it is about.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pyreadstat
import pytest
from rscript import NO_R, RSCRIPT, run_r
from xlsform import EN, ES, choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.stats import fit_label
from fieldapp.core.store import Store

BY = "mech_intermediaries"
"""A select_multiple whose name and longest choice leave no room for both in Stata."""
TYPED = "La parroquia del barrio"


def _grid(name: str, en: str, es: str, rows: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [
        {"type": "begin_group", "name": name, EN: en, ES: es, "appearance": "table-list"},
        *(row("select_one trust", code, en_row, es_row) for code, en_row, es_row in rows),
        {"type": "end_group", "name": name},
    ]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("again")
    form = write_xlsform(
        folder / "cso.xlsx",
        survey=[
            row(f"select_multiple {BY}", BY, "Who were the intermediaries?", "¿Quiénes?"),
            row("text", f"{BY}_other", 'Specify "other"', "Especifique «otro»"),
            *_grid(
                "trust",
                "In that period, how much did you trust…?",
                "En ese periodo, ¿cuánta confianza tenía en…?",
                [("trust_army", "Army", "Ejército"), ("trust_navy", "Navy", "Marina")],
            ),
            *_grid(
                "trust_today",
                "And today, how much do you trust…?",
                "Y hoy, ¿cuánta confianza tiene en…?",
                [("today_army", "Army", "Ejército")],
            ),
        ],
        choices=[
            choice(BY, "municipal_office", "A municipal office", "Una oficina municipal"),
            choice(BY, "business_chamber", "A business chamber", "Una cámara empresarial"),
            choice(BY, "church", "A church", "Una iglesia"),
            choice(BY, "other", "Other", "Otro"),
            choice("trust", "1", "None", "Ninguna"),
            choice("trust", "4", "A lot", "Mucha"),
        ],
        settings={"form_id": "cso", "version": "1", "default_language": "English (en)"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        answers = {
            BY: "church other",
            f"{BY}_other": TYPED,
            "trust/trust_army": "1",
            "trust/trust_navy": "4",
            "trust_today/today_army": "4",
        }
        store.interviews.submit(sha, answers, finalize=True, city="Tijuana", interviewer="TJ01")
    return db


def _unzipped(path: Path, folder: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)


def _codebook(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {entry["variable"]: entry for entry in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("suffix", "reader"), [(".dta", pyreadstat.read_dta), (".sav", pyreadstat.read_sav)]
)
def test_the_other_text_keeps_its_name_and_each_0_1_column_its_question(
    database: Path, tmp_path: Path, suffix: str, reader: object
) -> None:
    """`tab mech_intermediaries_other` gave the 0/1 column of the choice "other", the typed
    text having become `mech_intermediaries_other_2`; and in Stata the 0/1 columns were
    `church`, `business_chamber`, `other`: nothing said which question they answer, and
    `rowtotal(mech_intermediaries_*)` took none of them."""
    result = export_workbook(database, tmp_path / f"study{suffix}", ExportOptions())
    _unzipped(result.path, tmp_path)
    data, meta = reader(tmp_path / f"cso{suffix}")  # type: ignore[operator]
    assert data[f"{BY}_other"].tolist() == [TYPED]
    codebook = _codebook(tmp_path / "codebook.csv")
    assert codebook[f"{BY}_other"]["name"] == f"{BY}_other"
    flags = [codebook[f"{BY}/{code}"]["name"] for code in ("municipal_office", "church", "other")]
    stem = flags[0].rsplit("_municipal_office", 1)[0]
    assert len(stem) >= 8 and BY.startswith(stem)  # the question's name, cut if need be
    assert flags[1] == f"{stem}_church"
    # SPSS holds the whole path, so the two spell alike: the 0/1 column yields.
    assert flags[2].startswith(f"{stem}_other") and flags[2] != f"{BY}_other"
    assert data[flags[1]].tolist() == [1] and data[flags[2]].tolist() == [1]
    assert meta.column_names_to_labels[flags[1]].startswith("Who were the intermediaries?")


def test_a_grid_row_says_which_grid_it_is_a_row_of(database: Path, tmp_path: Path) -> None:
    """The codebook said "Army" for the trust of then and the trust of today alike (a
    table-list's rows are labelled with the row alone): the grid's question comes first."""
    result = export_workbook(database, tmp_path / "study.zip", ExportOptions(language="es"))
    _unzipped(result.path, tmp_path)
    codebook = _codebook(tmp_path / "codebook.csv")
    then, today = codebook["trust/trust_army"], codebook["trust_today/today_army"]
    assert then[EN] == "In that period, how much did you trust…? — Army"
    assert today[EN] == "And today, how much do you trust…? — Army"
    assert today[ES] == "Y hoy, ¿cuánta confianza tiene en…? — Ejército"
    if RSCRIPT is None:
        pytest.skip(NO_R)
    printed = run_r(
        tmp_path,
        'source("load.R", chdir = TRUE)\n'
        'cat(attr(fieldapp$cso[["trust_today/today_army"]], "label"), "\\n")\n',
    )
    assert printed.strip() == "Y hoy, ¿cuánta confianza tiene en…? — Ejército"


def test_a_stata_label_keeps_the_row_of_a_grid_when_cut(database: Path, tmp_path: Path) -> None:
    """Stata's 80 bytes cut the grid's question, never the row's words."""
    result = export_workbook(database, tmp_path / "study.dta", ExportOptions(language="es"))
    _unzipped(result.path, tmp_path)
    _, meta = pyreadstat.read_dta(tmp_path / "cso.dta", metadataonly=True)
    name = _codebook(tmp_path / "codebook.csv")["trust/trust_navy"]["name"]
    label = meta.column_names_to_labels[name]
    assert len(label.encode()) <= 80
    assert label.startswith("En ese periodo, ¿cuánta")
    assert label.endswith(" — Marina [trust/trust_navy]")


def test_a_stata_label_cut_for_a_long_path_keeps_the_choice() -> None:
    """A 0/1 column of the study's barriers read "¿Qué impidió que la sociedad civil, el
    gobierno y las fuerzas de seguridad tr": the path beside it left no room, and the
    choice, the one thing telling the eleven columns apart, went."""
    question = (
        "¿Qué impidió que la sociedad civil, el gobierno y las fuerzas de seguridad "
        "trabajaran juntos?"
    )
    path = "collaboration/barriers/distrust_police"
    label = fit_label(question, path, 80, " — Desconfianza en la policía")
    assert len(label.encode()) <= 80
    assert label.startswith("¿Qué impidió") and label.endswith(" … — Desconfianza en la policía")
    # Where the path fits beside a few words, it stays (the earlier rule).
    short = fit_label(question, "barriers/police", 80, " — Policía")
    assert short.endswith(" … — Policía [barriers/police]")


def _scale_form(folder: Path, version: str, codes: list[tuple[str, str]]) -> Path:
    return write_xlsform(
        folder / f"scale-{version}.xlsx",
        survey=[
            row("select_one trust", "trust", "How much trust?", "¿Cuánta confianza?"),
            row("select_one turnovers", "turnovers", "How many changes?", "¿Cuántos cambios?"),
        ],
        choices=[
            *(choice("trust", code, label, label) for code, label in codes),
            choice("turnovers", "0", "None", "Ninguno"),
            choice("turnovers", "2", "2", "2"),
        ],
        settings={"form_id": "scale", "version": version, "default_language": "English (en)"},
    )


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_keeps_a_scale_a_number_so_the_study_codebook_recipe_works(
    tmp_path: Path,
) -> None:
    """The forms' README tells R users `replace(x, x >= 97, NA)` before a mean; load.R
    made every select_one a factor, so `>=` refused, and `as.numeric` gave the level's
    position (turnovers' 0 came back 1, the refusal 97 came back 3)."""
    scale = [("1", "None"), ("5", "Total"), ("97", "Refused")]
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(_scale_form(tmp_path, "1", scale)).sha256
        for trust, turnovers in (("1", "0"), ("5", "2"), ("97", "0")):
            answers = {"trust": trust, "turnovers": turnovers}
            store.interviews.submit(sha, answers, finalize=True, city="Tijuana")
    result = export_workbook(db, tmp_path / "study.zip", ExportOptions(language="es"))
    out = tmp_path / "out"
    _unzipped(result.path, out)
    printed = run_r(
        out,
        "\n".join(
            [
                'source("load.R", chdir = TRUE)',
                "x <- fieldapp$scale",
                "kept <- replace(x$trust, x$trust >= 97, NA)",
                'cat(class(x$trust), mean(kept, na.rm = TRUE), "\\n")',
                'cat(sort(x$turnovers), "\\n")',
                'cat(sort(as.character(fieldapp_factor(x$trust))), sep = "|")',
            ]
        ),
    )
    lines = printed.splitlines()
    assert lines[0].split() == ["numeric", "3"]  # (1 + 5) / 2, the refusal left out
    assert lines[1].split() == ["0", "0", "2"]
    assert lines[2] == "None|Refused|Total"


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_keeps_a_factor_where_an_earlier_round_coded_in_words(tmp_path: Path) -> None:
    """A first round's `dk` beside the second round's numbers is no number: as a factor
    (as before) that answer keeps its label instead of becoming NA."""
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        first = store.forms.add(_scale_form(tmp_path, "1", [("1", "None"), ("dk", "DK")]))
        second = store.forms.add(_scale_form(tmp_path, "2", [("1", "None"), ("98", "DK")]))
        for sha, trust in ((first.sha256, "dk"), (second.sha256, "1")):
            answers = {"trust": trust, "turnovers": "0"}
            store.interviews.submit(sha, answers, finalize=True, city="Tijuana")
    result = export_workbook(db, tmp_path / "study.zip", ExportOptions(language="es"))
    out = tmp_path / "out"
    _unzipped(result.path, out)
    printed = run_r(
        out,
        'source("load.R", chdir = TRUE)\n'
        'x <- fieldapp$scale\ncat(class(x$trust), sort(as.character(x$trust)), "\\n")\n'
        'cat(class(x$turnovers), "\\n")\n',
    )
    assert printed.splitlines()[0].split() == ["factor", "DK", "None"]
    assert printed.splitlines()[1].strip() == "numeric"


def test_spss_names_the_join_key_in_a_label_as_the_file_does(
    database: Path, tmp_path: Path
) -> None:
    """SPSS names start with a letter, so `_submission_id` is `meta_submission_id`; the
    label of a repeat's parent key still sent the analyst to `_submission_id`, a variable
    no file held (MATCH FILES needs the name)."""
    form = write_xlsform(
        tmp_path / "mech.xlsx",
        survey=[
            {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism", ES: "Mecanismo"},
            row("text", "mech_name", "Name", "Nombre"),
            {"type": "end_repeat", "name": "mechanisms"},
        ],
        settings={"form_id": "mech", "version": "1", "default_language": "English (en)"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        answers = {"mechanisms": [{"mech_name": "Mesa"}]}
        store.interviews.submit(sha, answers, finalize=True, city="Tijuana")
    result = export_workbook(db, tmp_path / "study.sav", ExportOptions())
    _unzipped(result.path, tmp_path)
    interviews, _ = pyreadstat.read_sav(tmp_path / "mech.sav")
    entries, meta = pyreadstat.read_sav(next(tmp_path.glob("*mechanisms.sav")))
    label = meta.column_names_to_labels["meta_parent_key"]
    assert "meta_submission_id" in label and " _submission_id" not in label
    joined = entries.merge(interviews, left_on="meta_parent_key", right_on="meta_submission_id")
    assert joined["mech_name"].tolist() == ["Mesa"]
