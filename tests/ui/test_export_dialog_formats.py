"""The export dialog offers every format in sight, in both languages (session "an").

Before, only the Choose… dialog's file types or a typed ending told that Stata, SPSS and
R files existed: an analyst who opened the dialog saw a `.xlsx` path and nothing else.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from xlsform import EN, ES, write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui.export_dialog import ExportDialog
from fieldapp.ui.i18n import apply_language


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-formats")
    form = write_xlsform(
        folder / "gov.xlsx",
        survey=[{"type": "select_one yn", "name": "joint", EN: "Joint?", ES: "¿Conjunto?"}],
        choices=[
            {"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí"},
            {"list_name": "yn", "name": "no", EN: "No", ES: "No"},
        ],
        settings={"form_id": "gov", "version": "1"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for answer in ("yes", "no"):
            store.interviews.submit(sha, {"joint": answer}, finalize=True, city="Tijuana")
    return db


@pytest.fixture
def spanish() -> Iterator[None]:
    apply_language("es")
    try:
        yield
    finally:
        apply_language("en")


def opened(qtbot: Any, database: Path) -> ExportDialog:
    dialog = ExportDialog(database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=20_000)
    return dialog


def _offered(dialog: ExportDialog) -> list[tuple[str, str]]:
    combo = dialog.format_combo
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


def test_every_format_is_offered_and_names_its_tool(qtbot: Any, database: Path) -> None:
    dialog = opened(qtbot, database)
    offered = _offered(dialog)
    assert [suffix for suffix, _ in offered] == [".xlsx", ".zip", ".dta", ".sav"]
    said = dict(offered)
    assert "Excel" in said[".xlsx"] and "load.R" in said[".zip"]
    assert "Stata" in said[".dta"] and "SPSS" in said[".sav"]
    assert dialog.format_combo.currentData() == ".xlsx"  # the default file's ending


def test_the_formats_read_in_spanish(qtbot: Any, database: Path, spanish: None) -> None:
    dialog = opened(qtbot, database)
    said = dict(_offered(dialog))
    assert said[".xlsx"] == "Libro de Excel (.xlsx)"
    assert "Stata" in said[".dta"] and "etiquetas" in said[".dta"]
    layout = dialog.layout().itemAt(0).layout()
    assert layout.labelForField(dialog.format_combo).text() == "Formato:"


def test_choosing_a_format_gives_the_file_its_ending_and_writes_that_format(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    dialog = opened(qtbot, database)
    dialog.path_edit.setText(str(tmp_path / "round1.xlsx"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".sav"))
    assert dialog.path_edit.text() == str(tmp_path / "round1.sav")
    # What Stata and SPSS always carry is set as for a typed ending.
    assert dialog.language_combo.isEnabled() and not dialog.labels_button.isEnabled()
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.export_result is not None
    assert dialog.export_result.path == tmp_path / "round1.sav.zip"
    with zipfile.ZipFile(dialog.export_result.path) as archive:
        assert "gov.sav" in archive.namelist()
    # The next export offers the same format, in the same folder.
    again = opened(qtbot, database)
    assert again.format_combo.currentData() == ".sav"
    assert Path(again.path_edit.text()).parent == tmp_path
    assert Path(again.path_edit.text()).suffix == ".sav"


def test_a_typed_ending_shows_its_format_and_a_name_without_one_gets_it(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    dialog = opened(qtbot, database)
    dialog.path_edit.setText(str(tmp_path / "study.dta"))
    assert dialog.format_combo.currentData() == ".dta"
    dialog.path_edit.setText(str(tmp_path / "study.csv"))  # no format: the combo stays
    assert dialog.format_combo.currentData() == ".dta"
    dialog.path_edit.setText(str(tmp_path / "study"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".zip"))
    assert dialog.path_edit.text() == str(tmp_path / "study.zip")
    dialog.path_edit.setText(str(tmp_path / "round.2026"))  # a dot in the name is kept
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".xlsx"))
    assert dialog.path_edit.text() == str(tmp_path / "round.2026.xlsx")
    # The zip a Stata export writes is a Stata export when named again, as the core reads it.
    dialog.path_edit.setText(str(tmp_path / "study.dta.zip"))
    assert dialog.format_combo.currentData() == ".dta"
    assert not dialog.labels_button.isEnabled()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".sav"))
    assert dialog.path_edit.text() == str(tmp_path / "study.sav")
