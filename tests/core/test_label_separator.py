"""A choice label holding "; ": a labels export's cell of several choices reads as more.

An analyst splits ``Policía; Guardia Nacional; Ejército`` on the separator the about sheet
names. A label that holds it (``Policía; Guardia Nacional``) makes three choices of two,
silently: the form's author hears of it at ``forms check``, the analyst in the export's
warnings (the 0/1 columns beside the cell stay exact).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from xlsform import choice, row, write_xlsform

from fieldapp.cli import main
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store


def _form(path: Path) -> Path:
    return write_xlsform(
        path,
        survey=[
            row("select_multiple forces", "forces", "Forces present"),
            row("select_one forces", "first", "First to arrive"),
            row("select_one zone", "zone", "Zone"),
        ],
        choices=[
            choice("forces", "police", "Police; municipal", "Policía; municipal"),
            choice("forces", "army", "Army", "Ejército"),
            choice("zone", "centre", "Centre; old town", "Centro; casco viejo"),
        ],
        settings={"form_id": "forces", "version": "1"},
    )


def test_forms_check_names_the_choice_whose_label_holds_the_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _form(tmp_path / "forces.xlsx")

    assert main(["forms", "check", str(path)]) == 0  # a warning: the form still works

    out, err = capsys.readouterr()
    assert out.startswith(f"{path}: forces version 1: ")
    # one line per language column of the list a question chooses several of; the list
    # only a select_one reads (zone) writes one label per cell and is not named
    assert err.splitlines() == [
        f"{path}: choices: warning: choice 'police' of list 'forces' has the "
        f"label::{language} '{label}', which holds '; ': an export with labels separates the "
        "several choices of one answer with '; ', so this label reads as two choices there. "
        "Write it without '; ' (a comma, a dash)."
        for language, label in (
            ("English (en)", "Police; municipal"),
            ("Español (es)", "Policía; municipal"),
        )
    ]


def test_a_labels_export_warns_where_a_cell_of_several_choices_cannot_be_split(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(_form(tmp_path / "forces.xlsx")).sha256
        store.interviews.submit(
            sha,
            {"forces": ["police", "army"], "first": "police", "zone": "centre"},
            finalize=True,
        )

    labels = export_workbook(
        tmp_path / "field.db", tmp_path / "labels.xlsx", ExportOptions(labels=True, language="es")
    )
    codes = export_workbook(tmp_path / "field.db", tmp_path / "codes.xlsx")

    rows = CalamineWorkbook.from_path(str(labels.path)).get_sheet_by_name("forces").to_python()
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["forces"] == "Policía; municipal; Ejército"  # three to whoever splits it
    assert cells["forces/police"] == 1 and cells["forces/army"] == 1
    said = [warning for warning in labels.warnings if "'; '" in warning]
    assert said == [
        "Sheet forces, variable forces: choice police is labelled 'Policía; municipal', which "
        "holds '; ', the separator of the several choices in this column, so its cells cannot "
        "be split back into choices. Read the 0/1 columns beside it (forces/police...), or "
        "export codes."
    ]
    about = CalamineWorkbook.from_path(str(labels.path)).get_sheet_by_name("about").to_python()
    # the about sheet says it in the export's language, beside the separator it names
    assert [
        "Aviso",
        "Hoja forces, variable forces: la opción police tiene la etiqueta 'Policía; municipal', "
        "que contiene '; ', el separador de las varias opciones en esta columna, así que sus "
        "celdas no se pueden volver a separar en opciones. Lea las columnas 0/1 a su lado "
        "(forces/police...), o exporte códigos.",
        "",
    ] in about
    # codes are split by spaces and hold none: nothing to say
    assert not [warning for warning in codes.warnings if "'; '" in warning]
