"""The analysts' workbook: read back with openpyxl and python-calamine, as Excel would."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from fieldapp.core.export import (
    ExportCancelled,
    ExportInterview,
    ExportOptions,
    FormSource,
    write_export,
    xlsx,
)
from fieldapp.core.forms.model import (
    Choice,
    ChoiceList,
    Element,
    Form,
    Group,
    Question,
    QuestionType,
    Repeat,
)
from fieldapp.core.messages import FieldappError

EN, ES = "English (en)", "Español (es)"


def question(key: str, kind: str, **more: Any) -> Question:
    labels = more.pop("labels", {EN: key.title(), ES: key.title() + " (es)"})
    return Question(
        name=key.rsplit("/", 1)[-1],
        key=key,
        path=f"/data/{key}",
        row=0,
        labels=labels,
        type=QuestionType(kind),
        **more,
    )


SECTORS = ChoiceList(
    "sectors",
    (
        Choice("health", {EN: "Health", ES: "Salud"}),
        Choice("security", {EN: "Public security", ES: "Seguridad pública"}),
        Choice("youth", {EN: "Youth", ES: "Niñez y juventud"}),
    ),
)
YES_NO = ChoiceList(
    "yn", (Choice("yes", {EN: "Yes", ES: "Sí"}), Choice("no", {EN: "No", ES: "No"}))
)


def study_form(version: str = "2025-01", extra: Sequence[Element] = ()) -> Form:
    """A form shaped like the study's: a group, selects, typed answers, nested repeats."""
    org = Group(
        name="org",
        key="org",
        path="/data/org",
        row=0,
        children=(
            question("org/name", "text", sensitive=True),
            question("org/sectors", "select_multiple", choices=SECTORS),
            question("org/founded", "date"),
        ),
    )
    actors = Repeat(
        name="actors",
        key="actors",
        path="/data/mechanisms/actors",
        row=0,
        children=(question("actor", "text"), question("trust", "integer")),
    )
    mechanisms = Repeat(
        name="mechanisms",
        key="mechanisms",
        path="/data/mechanisms",
        row=0,
        children=(
            question("kind", "select_one", choices=YES_NO),
            question("budget", "decimal"),
            actors,
        ),
    )
    root = Group(
        name="data",
        key="",
        path="/data",
        row=0,
        children=(
            question("start", "start"),
            question("end", "end"),
            question("intro", "note"),
            question("age", "integer"),
            question("works", "select_one", choices=YES_NO),
            question("meeting", "datetime"),
            question("at", "time"),
            question("comment", "text"),
            question("place", "geopoint"),
            org,
            mechanisms,
            *extra,
        ),
    )
    return Form(
        form_id="cso",
        title="Civil society",
        version=version,
        root=root,
        languages=(EN, ES),
        default_language=ES,
        choice_lists={"sectors": SECTORS, "yn": YES_NO},
    )


def interview(number: int, answers: dict[str, Any], **more: Any) -> ExportInterview:
    fields: dict[str, Any] = {
        "submission_id": f"sub-{number}",
        "form_sha256": "v1",
        "interviewer": "Lucía Peña",
        "device_id": "laptop-7",
        "city": "Tijuana",
        "actor_type": "civil_society",
        "created_at": f"2025-03-{number:02d}T09:00:00",
        "saved_at": f"2025-03-{number:02d}T10:30:00",
        "state": "finalized",
        "answers": answers,
    }
    fields.update(more)
    return ExportInterview(**fields)


FULL = {
    "start": "2025-03-01T09:15:00.000-07:00",
    "end": "2025-03-01T10:00:30.000-07:00",
    "age": 42,
    "works": "yes",
    "meeting": "2025-02-27T18:30:00.000-07:00",
    "at": "18:30:00.000-07:00",
    "comment": "¿Quién decide? ¡Nadie! Señora Núñez 🙂",
    "place": "32.5149 -117.0382 20 5",
    "org/name": "Colectivo Año Nuevo",
    "org/sectors": ["health", "youth"],
    "org/founded": "1998-06-15",
    "mechanisms": [
        {"kind": "yes", "budget": 1500.5, "actors": [{"actor": "policía", "trust": 2}]},
        {"kind": "no", "actors": [{"actor": "DIF", "trust": 4}, {"actor": "iglesia", "trust": 5}]},
    ],
}


def export(
    tmp_path: Path,
    interviews: Iterable[ExportInterview],
    options: ExportOptions | None = None,
    name: str = "out.xlsx",
    versions: dict[str, Form] | None = None,
    **more: Any,
) -> Path:
    listed = list(interviews)
    source = FormSource("cso", versions or {"v1": study_form()}, lambda: listed)
    out = tmp_path / name
    write_export(out, [source], options or ExportOptions(), **more)
    return out


def calamine(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def by_header(rows: list[list[Any]]) -> list[dict[str, Any]]:
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def test_interview_sheet_has_typed_cells_in_form_order(tmp_path: Path) -> None:
    out = export(tmp_path, [interview(1, FULL), interview(2, {"age": 19})])

    sheet = openpyxl.load_workbook(out)["cso"]
    header = [cell.value for cell in sheet[1]]
    assert header[:13] == [
        "_submission_id",
        "_form_version",
        "_interviewer",
        "_device",
        "_city",
        "_actor_type",
        "_started",
        "_ended",
        "_duration_min",
        "_state",
        "_review_state",
        "_review_comment",
        "_conflict",
    ]
    questions = header[13:]
    assert questions == [
        "start",
        "end",
        "age",
        "works",
        "meeting",
        "at",
        "comment",
        "place",
        "place/latitude",
        "place/longitude",
        "place/altitude",
        "place/precision",
        "org/name",
        "org/sectors",
        "org/sectors/health",
        "org/sectors/security",
        "org/sectors/youth",
        "org/founded",
    ]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["age"] == 42 and isinstance(first["age"], int)
    assert first["org/founded"] == dt.datetime(1998, 6, 15)
    assert sheet.cell(2, header.index("org/founded") + 1).number_format == "yyyy-mm-dd"
    assert first["meeting"] == dt.datetime(2025, 2, 27, 18, 30)
    assert first["at"] == dt.time(18, 30)
    assert first["_started"] == dt.datetime(2025, 3, 1, 9, 15)
    # shown as 2025-03-01 09:15:00 and 18:30:00, two digits to the hour as in the CSV
    for column, shown in (("_started", "yyyy-mm-dd hh:mm:ss"), ("meeting", "yyyy-mm-dd hh:mm:ss")):
        assert sheet.cell(2, header.index(column) + 1).number_format == shown
    assert sheet.cell(2, header.index("at") + 1).number_format == "hh:mm:ss"
    assert first["_duration_min"] == 45.5
    assert first["org/sectors"] == "health youth"
    assert (first["place/latitude"], first["place/longitude"]) == (32.5149, -117.0382)
    assert [first[f"org/sectors/{c}"] for c in ("health", "security", "youth")] == [1, 0, 1]
    second = dict(zip(header, [cell.value for cell in sheet[3]], strict=True))
    # Unanswered is empty, not 0 or "": an analyst must tell "no" from "not asked".
    assert second["org/sectors/health"] is None and second["comment"] is None
    assert second["_started"] == dt.datetime(2025, 3, 2, 9, 0)  # no start answer: created_at

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:AE3"
    assert sheet.column_dimensions["A"].width >= 30

    rows = by_header(calamine(out)["cso"])
    assert rows[0]["org/founded"] == dt.date(1998, 6, 15)
    assert rows[0]["meeting"] == dt.datetime(2025, 2, 27, 18, 30)
    assert rows[0]["age"] == 42
    assert rows[0]["comment"] == "¿Quién decide? ¡Nadie! Señora Núñez 🙂"


def test_repeats_get_a_sheet_each_linked_to_their_parent(tmp_path: Path) -> None:
    out = export(tmp_path, [interview(1, FULL)])

    sheets = calamine(out)
    # Named after the form with one form too, as with several (``cso-mechanisms``).
    assert list(sheets) == ["cso", "cso-mechanisms", "cso-actors", "codebook", "about"]
    mechanisms = by_header(sheets["cso-mechanisms"])
    assert [(m["_submission_id"], m["_key"], m["_parent_key"], m["kind"]) for m in mechanisms] == [
        ("sub-1", "sub-1/mechanisms[1]", "sub-1", "yes"),
        ("sub-1", "sub-1/mechanisms[2]", "sub-1", "no"),
    ]
    assert mechanisms[0]["budget"] == 1500.5
    actors = by_header(sheets["cso-actors"])
    assert [(a["_key"], a["_parent_key"], a["actor"], a["trust"]) for a in actors] == [
        ("sub-1/mechanisms[1]/actors[1]", "sub-1/mechanisms[1]", "policía", 2),
        ("sub-1/mechanisms[2]/actors[1]", "sub-1/mechanisms[2]", "DIF", 4),
        ("sub-1/mechanisms[2]/actors[2]", "sub-1/mechanisms[2]", "iglesia", 5),
    ]
    # Every parent key names a row that exists: a join needs nothing else.
    assert {a["_parent_key"] for a in actors} <= {m["_key"] for m in mechanisms}


def test_codebook_lists_every_variable_with_labels_and_choices(tmp_path: Path) -> None:
    out = export(tmp_path, [interview(1, FULL)])

    rows = by_header(calamine(out)["codebook"])
    entries = {(row["sheet"], row["variable"]): row for row in rows}
    sectors = entries[("cso", "org/sectors")]
    assert sectors["type"] == "select_multiple sectors"
    assert sectors[f"label::{ES}"] == "Org/Sectors (es)"
    assert sectors[f"choices::{ES}"].splitlines() == [
        "health = Salud",
        "security = Seguridad pública",
        "youth = Niñez y juventud",
    ]
    assert entries[("cso", "org/sectors/youth")][f"label::{EN}"] == "Org/Sectors — Youth"
    assert entries[("cso-actors", "_parent_key")][f"label::{ES}"].startswith("Identificador")
    assert ("cso", "intro") not in entries  # notes hold no answer
    sheet_variables = {sheet: [] for sheet in ("cso", "cso-mechanisms", "cso-actors")}
    for row in rows:
        sheet_variables[row["sheet"]].append(row["variable"])
    assert sheet_variables["cso"] == calamine(out)["cso"][0]


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    attacks = ['=HYPERLINK("http://x","clic")', "+52 656 123", "-cmd", "@SUM(A1)", "\tx", "\rx"]
    listed = [interview(n, {"comment": text}) for n, text in enumerate(attacks, 1)]
    out = export(tmp_path, listed)

    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    sheet = openpyxl.load_workbook(out)["cso"]
    column = [cell.value for cell in sheet[1]].index("comment") + 1
    cells = [sheet.cell(row, column) for row in range(2, 2 + len(attacks))]
    read_back = [text.replace("\r", "\n") for text in attacks]  # XML keeps no lone CR
    assert [cell.value for cell in cells] == read_back
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
    assert [row["comment"] for row in by_header(calamine(out)["cso"])] == read_back


def test_labels_in_the_chosen_language(tmp_path: Path) -> None:
    options = ExportOptions(labels=True, language="en")
    out = export(tmp_path, [interview(1, FULL)], options)

    sheets = calamine(out)
    row = by_header(sheets["cso"])[0]
    assert row["works"] == "Yes"
    assert row["org/sectors"] == "Health; Youth"
    assert by_header(sheets["cso-mechanisms"])[1]["kind"] == "No"
    spanish = calamine(
        export(tmp_path, [interview(1, FULL)], ExportOptions(labels=True), "es.xlsx")
    )
    assert by_header(spanish["cso"])[0]["org/sectors"] == "Salud; Niñez y juventud"


def test_unknown_language_is_refused_naming_the_choices(tmp_path: Path) -> None:
    with pytest.raises(FieldappError) as caught:
        export(tmp_path, [interview(1, FULL)], ExportOptions(language="fr"))
    assert caught.value.code == "export.unknown_language"
    assert "Español (es)" in caught.value.text("en")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("every_row_written")
def test_deidentified_export_drops_sensitive_questions_and_pseudonymises(tmp_path: Path) -> None:
    options = ExportOptions(deidentify=True)
    listed = [
        interview(1, FULL),
        interview(2, {"age": 30}, interviewer="Otro Nombre"),
        interview(3, {"age": 31}),
    ]
    first = export(tmp_path, listed, options, "a.xlsx", pseudonym_key=b"secret")
    again = export(tmp_path, listed, options, "b.xlsx", pseudonym_key=b"secret")

    sheets = calamine(first)
    rows = by_header(sheets["cso"])
    assert "org/name" not in sheets["cso"][0]
    assert all("Colectivo" not in str(value) for row in rows for value in row.values())
    people = [row["_interviewer"] for row in rows]
    assert "Lucía Peña" not in people and people[0] == people[2] != people[1]
    assert people == [row["_interviewer"] for row in by_header(calamine(again)["cso"])]
    assert rows[0]["_device"] != "laptop-7"
    variables = {row["variable"] for row in by_header(sheets["codebook"])}
    assert "org/name" not in variables
    about = {row[0]: row[1] for row in sheets["about"]}
    assert about["De-identified"].startswith("yes")


def test_filters_keep_only_the_chosen_cities_states_and_dates(tmp_path: Path) -> None:
    listed = [
        interview(1, {"age": 1}, city="Tijuana"),
        interview(2, {"age": 2}, city="Monterrey"),
        interview(3, {"age": 3}, city="Tijuana", state="draft"),
        interview(9, {"age": 9}, city="Tijuana"),
    ]
    options = ExportOptions(cities=("Tijuana",), states=("finalized",), date_to=dt.date(2025, 3, 8))
    sheets = calamine(export(tmp_path, listed, options))
    assert [row["_submission_id"] for row in by_header(sheets["cso"])] == ["sub-1"]
    about = {row[0]: row[1] for row in sheets["about"]}
    assert about["Cities"] == "Tijuana" and about["Interviews exported"] == 1
    assert about["Started on or before"] == dt.date(2025, 3, 8)


def test_over_long_and_control_character_text_never_breaks_the_file(tmp_path: Path) -> None:
    long_text = "ñ" * 40_000
    out = export(tmp_path, [interview(1, {"comment": long_text, "org/name": "a\x00b\x07c"})])

    sheets = calamine(out)
    row = by_header(sheets["cso"])[0]
    assert len(row["comment"]) == 32_767 and row["comment"].endswith("[…]")
    assert row["org/name"] == "a\ufffdb\ufffdc"
    warnings = [row[1] for row in sheets["about"] if row[0] == "Warning"]
    assert any("row 2, column comment" in warning for warning in warnings)


def test_rows_past_the_sheet_limit_continue_on_the_next_sheet(tmp_path: Path) -> None:
    listed = [interview(n, {"age": n}) for n in range(1, 10)]
    out = export(tmp_path, listed, max_rows=4)

    sheets = calamine(out)
    assert list(sheets)[:3] == ["cso", "cso (2)", "cso (3)"]
    ages = [row["age"] for name in ("cso", "cso (2)", "cso (3)") for row in by_header(sheets[name])]
    assert ages == list(range(1, 10))
    assert sheets["cso (2)"][0] == sheets["cso"][0]
    assert any(
        "continue on sheet cso (2)" in row[1] for row in sheets["about"] if row[0] == "Warning"
    )


@pytest.mark.parametrize(("batch_rows", "batch_chars"), [(4, 1 << 22), (500, 12), (1, 1)])
def test_rows_batched_for_openpyxl_land_on_their_sheet_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_rows: int, batch_chars: int
) -> None:
    # Rows wait in batches (of rows, or of text) before openpyxl writes them: a batch
    # that fills in the middle of a sheet, or one left when a sheet continues on the
    # next, must still put every row on its sheet, in order, once.
    monkeypatch.setattr(xlsx, "BATCH_ROWS", batch_rows)
    monkeypatch.setattr(xlsx, "BATCH_CHARS", batch_chars)
    listed = [
        interview(n, {"age": n, "comment": f"nota {n}", "mechanisms": [{"kind": "yes"}] * 2})
        for n in range(1, 24)
    ]
    sheets = calamine(export(tmp_path, listed, max_rows=6))

    main = [name for name in sheets if name == "cso" or name.startswith("cso (")]
    assert [row["age"] for name in main for row in by_header(sheets[name])] == list(range(1, 24))
    assert [row["comment"] for row in by_header(sheets["cso (3)"])] == [
        f"nota {n}" for n in range(11, 16)
    ]
    repeats = [name for name in sheets if name.startswith("cso-mechanisms")]
    keys = [row["_key"] for name in repeats for row in by_header(sheets[name])]
    assert keys == [f"sub-{n}/mechanisms[{i}]" for n in range(1, 24) for i in (1, 2)]
    assert all(len(sheets[name]) <= 6 for name in main + repeats)


def test_batching_changes_no_byte_of_any_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Typed cells, guarded text (formula-like, control characters, spaces alone), repeats:
    # written row by row or in batches, every sheet's XML is the same to the byte.
    texts = ["=1+1", "-sí", " ", "a\x00b", "  x", "ñ" * 40_000, "", "@A1"]
    listed = [
        interview(n, {**FULL, "comment": texts[n % len(texts)], "age": n}) for n in range(1, 30)
    ]

    def sheets(name: str) -> dict[str, bytes]:
        with zipfile.ZipFile(export(tmp_path, listed, name=name, max_rows=9)) as archive:
            titles = [t for t in archive.namelist() if t.startswith("xl/worksheets/sheet")]
            about = max(titles, key=lambda t: int(t.rsplit("sheet", 1)[1].split(".")[0]))
            # Every member but the moments of the export (the about sheet, core.xml).
            return {
                title: archive.read(title)
                for title in archive.namelist()
                if title not in (about, "docProps/core.xml")
            }

    batched = sheets("batched.xlsx")
    monkeypatch.setattr(xlsx, "BATCH_ROWS", 1)
    assert sheets("row-by-row.xlsx") == batched
    assert len([t for t in batched if t.startswith("xl/worksheets/sheet")]) >= 6


def test_sheet_names_fit_excel_and_stay_unique(tmp_path: Path) -> None:
    long_repeat = Repeat(
        name="mechanisms_of_coordination_with_the_police",
        key="mechanisms_of_coordination_with_the_police",
        path="/data/mechanisms_of_coordination_with_the_police",
        row=0,
        children=(question("x", "text"),),
    )
    clash = Repeat(
        name="about", key="about", path="/data/about", row=0, children=(question("y", "text"),)
    )
    form = study_form(extra=(long_repeat, clash))
    out = export(tmp_path, [interview(1, {"about": [{"y": "z"}]})], versions={"v1": form})

    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert all(len(name) <= 31 for name in names)
    assert len({name.casefold() for name in names}) == len(names)
    assert "mechanisms_of_coordination_wit" in names[3]
    # A repeat named like the export's own sheets is its form's, as every repeat is.
    assert names[4] == "cso-about" and names[-2:] == ["codebook", "about"]
    assert by_header(calamine(out)["cso-about"])[0]["y"] == "z"
    assert calamine(out)["about"][0][0] == "item"


def test_a_form_named_like_the_exports_own_sheets_keeps_its_rows_apart(tmp_path: Path) -> None:
    """A form whose id is ``about`` or ``codebook`` gets a sheet of its own beside the
    export's: its rows never land in (or replace) the about sheet or the codebook."""
    listed = [interview(1, {**FULL, "comment": "fila del formulario"})]
    sources = [
        FormSource(form_id, {"v1": study_form()}, lambda: listed)
        for form_id in ("about", "codebook")
    ]
    out = tmp_path / "out.xlsx"
    write_export(out, sources, ExportOptions())

    names = CalamineWorkbook.from_path(str(out)).sheet_names
    assert names[-2:] == ["codebook", "about"]
    assert {"about (2)", "codebook (2)"} <= set(names)
    for form_sheet in ("about (2)", "codebook (2)"):
        assert by_header(calamine(out)[form_sheet])[0]["comment"] == "fila del formulario"
    assert calamine(out)["about"][0][0] == "item"


def test_form_versions_share_one_sheet_with_the_union_of_columns(tmp_path: Path) -> None:
    new = study_form("2025-02", extra=(question("phone_ok", "select_one", choices=YES_NO),))
    old = study_form("2025-01")
    listed = [
        interview(1, {"age": 50}, form_sha256="old"),
        interview(2, {"age": 51, "phone_ok": "no"}, form_sha256="new"),
        interview(3, {"age": 52}, form_sha256="gone"),
    ]
    sheets = calamine(export(tmp_path, listed, versions={"new": new, "old": old}))
    rows = by_header(sheets["cso"])
    assert [(r["_form_version"], r["age"], r["phone_ok"]) for r in rows] == [
        ("2025-01", 50, ""),
        ("2025-02", 51, "no"),
    ]
    warnings = [row[1] for row in sheets["about"] if row[0] == "Warning"]
    assert any("sub-3" in warning for warning in warnings)


def test_csv_zip_has_one_utf8_bom_file_per_sheet_with_iso_dates(tmp_path: Path) -> None:
    listed = [interview(1, FULL), interview(2, {"comment": "=1+1"})]
    out = export(tmp_path, listed, name="out.zip")

    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == [
            "cso.csv",
            "cso-mechanisms.csv",
            "cso-actors.csv",
            "codebook.csv",
            "about.csv",
            "load.R",
        ]
        raw = archive.read("cso.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    rows = list(csv.DictReader(lines))
    assert header[0] == "_submission_id"
    assert rows[0]["org/founded"] == "1998-06-15"
    assert rows[0]["meeting"] == "2025-02-27T18:30:00"
    assert rows[0]["comment"] == "¿Quién decide? ¡Nadie! Señora Núñez 🙂"
    assert rows[0]["age"] == "42"
    assert rows[1]["comment"] == "'=1+1"


def test_cancel_leaves_nothing_behind_and_keeps_an_older_export(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"the previous export")
    seen: list[tuple[int, int]] = []
    listed = [interview(n % 28 + 1, {"age": n}) for n in range(500)]
    source = FormSource("cso", {"v1": study_form()}, lambda: listed)

    def cancel() -> bool:
        return len(seen) >= 2

    with pytest.raises(ExportCancelled):
        write_export(
            out, [source], total=500, progress=lambda d, t: seen.append((d, t)), cancel=cancel
        )
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    assert seen[:2] == [(100, 500), (200, 500)]


def test_the_export_is_readable_like_any_saved_file(tmp_path: Path) -> None:
    out = export(tmp_path, [interview(1, {"age": 1})])
    probe = tmp_path / "probe"
    probe.write_bytes(b"")
    assert out.stat().st_mode & 0o777 == probe.stat().st_mode & 0o777


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export(
        tmp_path, [interview(1, {"age": 1})] * 3, total=3, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (3, 3)


def test_wrong_extension_or_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FieldappError) as caught:
        export(tmp_path, [interview(1, {})], name="out.xls")
    assert caught.value.code == "export.bad_extension"
    with pytest.raises(FieldappError) as caught:
        export(tmp_path, [interview(1, {})], name="missing/out.xlsx")
    assert caught.value.code == "export.no_folder"


def test_several_forms_get_their_own_sheets_and_codebook_rows(tmp_path: Path) -> None:
    other = Form(
        form_id="security_forces_interview_long_name",
        title="Security",
        version="1",
        root=Group(
            name="data",
            key="",
            path="/data",
            row=0,
            children=(
                question("rank", "text"),
                Repeat(
                    name="mechanisms",
                    key="mechanisms",
                    path="/data/mechanisms",
                    row=0,
                    children=(question("unit", "text"),),
                ),
            ),
        ),
        languages=(EN, ES),
        default_language=EN,
        choice_lists={},
    )
    sources = [
        FormSource("cso", {"v1": study_form()}, lambda: [interview(1, FULL)]),
        FormSource(
            other.form_id,
            {"s1": other},
            lambda: [
                interview(2, {"rank": "cabo", "mechanisms": [{"unit": "C4"}]}, form_sha256="s1")
            ],
        ),
    ]
    out = tmp_path / "two.xlsx"
    result = write_export(out, sources)

    sheets = calamine(out)
    assert list(sheets) == [
        "cso",
        "cso-mechanisms",
        "cso-actors",
        "security_forces_interview_long_",
        "security_forces_inte-mechanisms",
        "codebook",
        "about",
    ]
    assert by_header(sheets["security_forces_inte-mechanisms"])[0]["_key"] == (
        "sub-2/mechanisms[1]"
    )
    assert result.interviews == 2
    assert [(s.form_id, s.repeat, s.rows) for s in result.sheets][3:] == [
        (other.form_id, "", 1),
        (other.form_id, "mechanisms", 1),
    ]
    codebook_sheets = {row["sheet"] for row in by_header(sheets["codebook"])}
    assert codebook_sheets == set(list(sheets)[:5])


@pytest.mark.parametrize("name", ["out.xlsx", "out.zip"])
def test_rows_are_never_spooled_to_the_system_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # Answers (perhaps unsealed with the study key) spooled in the system temp folder
    # would outlive a crash where nobody looks; they must stay beside the export.
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    exports = tmp_path / "exports"
    exports.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    listed = [interview(n % 28 + 1, {"age": n, "comment": "Señora Núñez"}) for n in range(300)]
    source = FormSource("cso", {"v1": study_form()}, lambda: listed)
    during: list[tuple[list[str], list[str]]] = []

    clear_in_open_files: list[str] = []

    def look(done: int, total: int) -> None:
        during.append(
            (
                sorted(p.name for p in system_temp.iterdir()),
                sorted(p.name for p in exports.iterdir()),
            )
        )
        # Every file this process holds open, named or not: the spools are among them.
        for fd in Path("/proc/self/fd").iterdir() if Path("/proc/self/fd").is_dir() else ():
            try:
                target = fd.resolve()
                data = fd.read_bytes() if fd.is_file() else b""
            except OSError:
                continue
            if "Núñez".encode() in data and "site-packages" not in str(target):
                clear_in_open_files.append(str(target))

    write_export(exports / name, [source], total=300, progress=look)
    assert during, "the export reported no progress to look at"
    assert all(in_system == [] for in_system, _ in during)
    assert clear_in_open_files == []  # the spools hold the rows encrypted
    assert sorted(p.name for p in exports.iterdir()) == [name]
    assert tempfile.tempdir == str(system_temp)
