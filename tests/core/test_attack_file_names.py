"""Attacks through the names a form brings into the names of files an export writes.

A form's id (``settings.form_id``) and its repeats' names become file names: the members
of a CSV, Stata or SPSS zip (``<form id>.csv``, ``<form>-<repeat>.dta``), the files
``--folder`` unpacks them to, the sheets load.R and the codebook name, and the folders
``fieldapp instances`` writes (``OUT/<form id>/``). Neither the form loader nor merge
refuses any id: ``CON``, ``../x``, a right-to-left override, 300 characters all load,
and an enrolled laptop's package brings them to the supervisor. No workbook or XForm
can hold a NUL (XML forbids it); a ``forms`` row states its form's id itself, and merge
did not hold it to its workbook's (it does now), so a database may hold one. A repeat's
name must be an XML name, so of these it can only be a Windows device (``aux``) or
differ from another in case.

Before the fix, the supervisor's export held ``CON.csv`` and ``Aux.csv.csv`` (devices, on
Windows no file can have these names: unzipping stops there), ``informe\\u202eexe.csv``
(shown as ``informevsc.exe``), ``..__..__x.csv`` and ``.oculto.csv`` (hidden on Linux
and macOS), ``café.csv`` twice (composed and decomposed: one file on macOS); and
``fieldapp instances`` failed whole on a form id of 300 characters (a folder name over
255 bytes).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from merge_devices import Device
from rscript import NO_R, RSCRIPT, run_r
from unsafe_names import collisions, why_unsafe
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.folder import unpack
from fieldapp.core.export.instances import write_instances
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError

ORDINARY = "sociedad_civil"
RTL = "informe\u202eexe"
"""Shown as ``informevsc.exe`` once ``.csv`` follows: the override reverses what follows."""
LONG = "x" * 300
HOSTILE = (
    "CON",
    "Aux.csv",
    RTL,
    "../../x",
    "a\\b",
    "/abs",
    "C:x",
    ".oculto",
    "caf\u00e9",
    "cafe\u0301",
    "Forms",
    "forms",
    "forms.",
    LONG,
    "lista\u2067b\u2069",
    "fin\u200b",
    "año",
)
"""Form ids a form can carry; ``año`` is ordinary, as ``sociedad_civil``."""


def assert_safe(names: list[str]) -> None:
    unsafe = {name: why for name in names if (why := why_unsafe(name))}
    assert unsafe == {}
    assert collisions(names) == []


def _survey(repeat: str) -> list[dict[str, str]]:
    return [
        {"type": "text", "name": "name", "label": "Nombre"},
        {"type": "begin_repeat", "name": repeat, "label": "Mecanismo"},
        {"type": "text", "name": "mech", "label": "Mecanismo"},
        {"type": "end_repeat", "name": ""},
    ]


@pytest.fixture(scope="module")
def supervisor_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The supervisor's database, after merging Ana's laptop, which holds one finalized
    interview of each form: ``sociedad_civil`` and every hostile id."""
    folder = tmp_path_factory.mktemp("names")
    ana = Device(folder / "ana.db", "ana")
    supervisor = Device(folder / "supervisor.db", "sup")
    for number, form_id in enumerate((ORDINARY, *HOSTILE)):
        workbook = write_xlsform(
            folder / f"form{number}.xlsx",
            survey=_survey("aux" if form_id == "CON" else "mecanismos"),
            settings={"form_id": form_id, "version": "1", "form_title": "Formulario"},
        )
        sha = ana.add_form(workbook.read_bytes(), form_id=form_id)
        answers = {"name": f"fila {number}", "mecanismos": [{"mech": "mesa"}]}
        if form_id == "CON":
            answers = {"name": f"fila {number}", "aux": [{"mech": "mesa"}]}
        ana.finalize(ana.create(sha, "Tijuana", answers, form_id=form_id))
    ana.close()
    merge_database(supervisor.store, ana.path)
    supervisor.close()
    return supervisor.path


def _members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


@pytest.mark.parametrize("suffix", [".zip", ".dta", ".sav"])
def test_every_file_of_an_export_extracts_everywhere_under_the_name_it_shows(
    supervisor_db: Path, tmp_path: Path, suffix: str
) -> None:
    result = export_workbook(supervisor_db, tmp_path / f"study{suffix}")
    names = _members(result.path)
    assert_safe(names)
    data = ".csv" if suffix == ".zip" else suffix
    # An ordinary id keeps its name: earlier exports and scripts still find its files.
    assert f"{ORDINARY}{data}" in names and f"año{data}" in names
    assert f"{ORDINARY}-mecanismos{data}" in names
    # Every form's interview is in a file of its own: none was lost to another's name.
    data_files = [n for n in names if n.endswith(data) and n not in ("codebook.csv", "about.csv")]
    assert len(data_files) == 2 * (1 + len(HOSTILE))


def test_every_sheet_of_an_xlsx_export_shows_its_title_as_it_is(
    supervisor_db: Path, tmp_path: Path
) -> None:
    """Sheet titles are not file names, but Excel shows them: before, the override kept in
    ``informe<U+202E>exe`` showed its tab as ``informeexe`` reversed, an isolate and a
    zero-width space hid in others. Each is now a visible ``_``, the titles still unique."""
    from openpyxl import load_workbook

    result = export_workbook(supervisor_db, tmp_path / "study.xlsx")
    titles = load_workbook(result.path, read_only=True).sheetnames
    hidden = {t for t in titles if any(unicodedata.category(c) in ("Cc", "Cf") for c in t)}
    assert hidden == set()
    assert len({t.casefold() for t in titles}) == len(titles) == 2 * (1 + len(HOSTILE)) + 2
    assert {ORDINARY, "año", "caf\u00e9", "informe_exe", "lista_b_", "fin_"} <= set(titles)


def test_a_repeat_named_after_a_windows_device_gets_a_file_that_opens(
    supervisor_db: Path, tmp_path: Path
) -> None:
    """One form exported alone: its repeat's sheet is named by the repeat alone."""
    options = ExportOptions(form_ids=("CON",))
    result = export_workbook(supervisor_db, tmp_path / "con.zip", options)
    names = _members(result.path)
    assert_safe(names)
    assert len(names) == 5  # CON, its repeat aux, codebook, about, load.R


def test_the_codebook_and_load_r_name_the_files_as_written(
    supervisor_db: Path, tmp_path: Path
) -> None:
    result = export_workbook(supervisor_db, tmp_path / "study.zip")
    with zipfile.ZipFile(result.path) as archive:
        data = set(archive.namelist()) - {"codebook.csv", "about.csv", "load.R"}
        load_r = archive.read("load.R").decode("ascii")
        book = list(csv.DictReader(io.StringIO(archive.read("codebook.csv").decode("utf-8-sig"))))
    assert {f"{entry['sheet']}.csv" for entry in book} == data
    # load.R writes each name in ASCII escapes (\uXXXX), as R reads them in any locale.
    read = re.findall(r'fieldapp_read\(\n  "([^"]*)"', load_r)
    assert {name.encode("ascii").decode("unicode_escape") for name in read} == data


@pytest.mark.skipif(RSCRIPT is None, reason=NO_R)
def test_load_r_reads_every_file_of_the_hostile_forms(supervisor_db: Path, tmp_path: Path) -> None:
    result = export_workbook(supervisor_db, tmp_path / "study.zip")
    folder = unpack(result.path)
    printed = run_r(
        folder,
        'source("load.R", chdir = TRUE)\n'
        "for (sheet in names(fieldapp)) cat(nrow(fieldapp[[sheet]]), '\\n')\n"
        "cat(length(fieldapp), '\\n')\n",
    )
    counts = printed.split()
    assert counts[-1] == str(2 * (1 + len(HOSTILE)))
    assert counts[:-1] == ["1"] * (2 * (1 + len(HOSTILE)))


def test_an_export_unpacked_to_a_folder_holds_every_file(
    supervisor_db: Path, tmp_path: Path
) -> None:
    result = export_workbook(supervisor_db, tmp_path / "study.dta")
    names = _members(result.path)
    folder = unpack(result.path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    assert_safe([p.name for p in folder.iterdir()])


def test_a_form_row_naming_an_id_no_workbook_holds_still_names_safe_files(
    tmp_path: Path,
) -> None:
    """A package's ``forms`` row states its form's id, and the export names sheets by it.
    Merge now refuses a row naming another id than its workbook's (``rows.form_row_mismatch``,
    ``test_merge_attacks``); a database an older fieldapp merged may still hold one, here
    ``x<NUL>../CON<U+202E>``. Before: ``x.._CON\u202e.csv`` (the NUL dropped, the override
    kept)."""
    ana = Device(tmp_path / "ana.db", "ana")
    workbook = write_xlsform(
        tmp_path / "members.xlsx",
        survey=_survey("mecanismos"),
        settings={"form_id": "members", "version": "1", "form_title": "Miembros"},
    )
    sha = ana.add_form(workbook.read_bytes(), form_id="x\x00../CON\u202e")
    answers = {"name": "fila", "mecanismos": [{"mech": "mesa"}]}
    ana.finalize(ana.create(sha, "Tijuana", answers, form_id="members"))
    ana.close()
    for suffix in (".zip", ".sav"):
        names = _members(export_workbook(ana.path, tmp_path / f"study{suffix}").path)
        assert_safe(names)
        assert len(names) == (5 if suffix == ".zip" else 4)  # 2 sheets, codebook, about (load.R)
    result = write_instances(ana.path, tmp_path / "out")
    assert_safe([path.parent.name for path in result.written])


def test_instances_of_every_hostile_form_are_written_in_folders_apart(
    supervisor_db: Path, tmp_path: Path
) -> None:
    """Before: a form id of 300 characters failed the whole run (a name over 255 bytes)."""
    out = tmp_path / "out"
    result = write_instances(supervisor_db, out)
    folders = sorted({path.parent for path in result.written})
    assert all(folder.parent == out for folder in folders)
    assert len(result.written) == len(folders) == 1 + len(HOSTILE)
    assert_safe([folder.name for folder in folders])
    assert (out / ORDINARY).is_dir() and (out / "año").is_dir()
    assert sorted(p.name for p in out.iterdir()) == [f.name for f in folders]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_message_naming_a_hostile_id_shows_its_bidi_controls_spelled_out(
    supervisor_db: Path, tmp_path: Path, language: str
) -> None:
    """A message lists the forms held: the override in one id reversed the rest of the
    line on screen and in a terminal (``…informe<RLO>exe, sociedad_civil`` read backwards)."""
    with pytest.raises(FieldappError) as refused:
        write_instances(supervisor_db, tmp_path / "out", form_ids=("nope",))
    said = refused.value.text(language)
    assert "\u202e" not in said
    assert "informe\\u202eexe" in said, "the id is named, its override spelled out"
    assert ORDINARY in said and "año" in said and "caf\u00e9" in said, "other ids as they are"
