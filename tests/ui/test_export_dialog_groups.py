"""File › Export…: the smallest group of a de-identified export, chosen beside "Keep the hour"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from python_calamine import CalamineWorkbook
from xlsform import EN, ES, write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui.export_dialog import ExportDialog
from fieldapp.ui.i18n import apply_language


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Twelve interviews in Tijuana on one day: Rosa made eight, Luis four."""
    form = write_xlsform(
        tmp_path / "gov.xlsx",
        survey=[{"type": "integer", "name": "staff", EN: "Staff", ES: "Personal"}],
        settings={"form_id": "gov", "form_title": "Gobierno", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for number in range(12):
            store.interviews.submit(
                sha,
                {"staff": number},
                finalize=True,
                city="tijuana",
                interviewer="Rosa" if number < 8 else "Luis",
                actor_type="government",
            )
    return db


def _export(qtbot: Any, dialog: ExportDialog, out: Path) -> list[list[Any]]:
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("gov").to_python()
    return rows


def test_the_smallest_group_is_chosen_in_the_dialog_and_its_result_said(
    qtbot: Any, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    dialog = ExportDialog(database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=20_000)
    spin = dialog.min_group_spin
    assert not spin.isEnabled() and spin.value() == 5  # only a de-identified export has it
    dialog.deidentify_check.setChecked(True)
    assert spin.isEnabled()
    spin.setValue(1)
    assert spin.value() == 2  # one would single an interview out: not offered
    # Four: Luis's four interviews of the day are a group; the day and pseudonyms stay.
    spin.setValue(4)
    assert dialog.options().min_group == 4
    rows = _export(qtbot, dialog, tmp_path / "four.xlsx")
    header = rows[0]
    assert len({row[header.index("_interviewer")] for row in rows[1:]}) == 2
    assert "every group already held at least 4" in dialog.status_label.text()
    # Five: only without the pseudonyms does any group hold five.
    spin.setValue(5)
    rows = _export(qtbot, dialog, tmp_path / "five.xlsx")
    header = rows[0]
    assert {row[header.index("_interviewer")] for row in rows[1:]} == {""}
    assert len(rows) == 13
    said = dialog.status_label.text()
    assert "interviewer and device pseudonyms are left out" in said
    about = CalamineWorkbook.from_path(str(tmp_path / "five.xlsx")).get_sheet_by_name("about")
    assert ["Smallest group", 5.0] in [row[:2] for row in about.to_python()]
    dialog.close()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("form", "city", "interviewer", "dates", "state", "review")),
        ("es", ("formulario", "ciudad", "entrevistador", "fechas", "estado", "revisión")),
    ],
)
def test_the_smallest_group_says_everything_its_groups_hold(
    qtbot: Any,
    database: Path,
    language: str,
    words: tuple[str, ...],
) -> None:
    """The state and the review decision joined the group (a package holds them): the words
    beside the number and its tip say so, as the about sheet does, or she would think an
    approved row of five alike could stand alone."""
    apply_language(language)
    try:
        dialog = ExportDialog(database)
        qtbot.addWidget(dialog)
        unit = dialog.findChild(QLabel, "deidentifyMinGroupUnit")
        assert unit is not None
        for said in (unit.text(), dialog.min_group_spin.toolTip()):
            missing = [word for word in words if word not in said]
            assert not missing, f"{said!r} does not name {missing}"
        dialog.close()
    finally:
        apply_language("en")
