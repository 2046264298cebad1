"""File › Export…: the dialog runs the export off the GUI thread, shows progress, cancels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from python_calamine import CalamineWorkbook
from xlsform import EN, ES, write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui.export_dialog import ExportDialog

INTERVIEWS = 240


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-dialog")
    form = write_xlsform(
        folder / "gov.xlsx",
        survey=[
            {"type": "text", "name": "office", EN: "Office", ES: "Oficina"},
            {"type": "select_one yn", "name": "joint", EN: "Joint patrols?", ES: "¿Patrullajes?"},
            {"type": "integer", "name": "staff", EN: "Staff", ES: "Personal"},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí"},
            {"list_name": "yn", "name": "no", EN: "No", ES: "No"},
        ],
        settings={"form_id": "gov", "form_title": "Gobierno", "version": "1"},
    )
    db = folder / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        for number in range(INTERVIEWS):
            store.interviews.submit(
                sha,
                {"office": f"Oficina {number} — Año ñ", "joint": "yes", "staff": number},
                finalize=True,
                city=("Tijuana", "Monterrey")[number % 2],
                interviewer="Rosa",
                actor_type="government",
            )
    return db


def opened(qtbot: Any, database: Path) -> ExportDialog:
    """Open the dialog and wait until it has read its lists off the GUI thread."""
    dialog = ExportDialog(database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=20_000)
    return dialog


def dialog_for(qtbot: Any, database: Path, out: Path) -> ExportDialog:
    dialog = opened(qtbot, database)
    dialog.path_edit.setText(str(out))
    return dialog


def test_the_dialog_opens_at_once_busy_and_fills_its_lists_in(qtbot: Any, database: Path) -> None:
    dialog = ExportDialog(database)
    qtbot.addWidget(dialog)
    # Back from the constructor before the forms are parsed: nothing listed yet, busy.
    assert dialog.forms_list.count() == 0 and dialog.cities_list.count() == 0
    assert not dialog.is_ready() and not dialog.export_button.isEnabled()
    assert dialog.progress_bar.maximum() == 0  # the busy bar
    assert "Reading" in dialog.status_label.text()
    dialog.show()
    with qtbot.waitSignal(dialog.choices_loaded, timeout=20_000):
        pass
    assert dialog.is_ready() and dialog.export_button.isEnabled()
    assert [dialog.forms_list.item(0).text()] == ["Government — Gobierno"]  # id "gov"
    assert dialog.cities_list.count() == 2 and dialog.status_label.text() == ""
    assert dialog.progress_bar.maximum() == 1


def test_a_file_that_is_no_database_is_said_in_the_dialog(qtbot: Any, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database")
    dialog = ExportDialog(bogus)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.choices_loaded, timeout=20_000):
        pass
    assert "notes.db" in dialog.status_label.text()
    assert not dialog.export_button.isEnabled() and dialog.forms_list.count() == 0


def test_default_folder_is_exports_beside_the_database(qtbot: Any, database: Path) -> None:
    dialog = opened(qtbot, database)
    assert Path(dialog.path_edit.text()).parent == database.parent / "exports"
    cities = [dialog.cities_list.item(i).text() for i in range(dialog.cities_list.count())]
    assert cities == ["Monterrey", "Tijuana"]
    assert [dialog.language_combo.itemText(i) for i in range(1, 3)] == [
        "English (en)",
        "Español (es)",
    ]


def test_export_runs_with_progress_and_opens_the_folder(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "chosen" / "gov.xlsx"
    dialog = dialog_for(qtbot, database, out)
    dialog.labels_button.setChecked(True)
    dialog.language_combo.setCurrentIndex(2)  # Español (es)
    dialog.cities_list.item(1).setCheckState(Qt.CheckState.Unchecked)  # Tijuana out
    seen: list[int] = []
    dialog.progress_bar.valueChanged.connect(seen.append)

    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running())

    assert dialog.export_result is not None and dialog.export_result.interviews == INTERVIEWS // 2
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum() == INTERVIEWS // 2
    assert 100 in seen  # the bar moved while the export ran
    assert dialog.open_folder_button.isEnabled() and dialog.export_button.isEnabled()
    assert "120" in dialog.status_label.text()
    book = CalamineWorkbook.from_path(str(out))
    rows = book.get_sheet_by_name("gov").to_python()
    header = rows[0]
    assert {row[header.index("_city")] for row in rows[1:]} == {"Monterrey"}
    assert rows[1][header.index("joint")] == "Sí"
    assert rows[1][header.index("office")].endswith("Año ñ")
    assert QSettings().value("export/folder") == str(out.parent)
    # The next export starts in the folder used last.
    again = opened(qtbot, database)
    assert Path(again.path_edit.text()).parent == out.parent


def test_cancel_stops_the_export_and_leaves_no_file(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "gov.xlsx"
    dialog = dialog_for(qtbot, database, out)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)

    assert dialog.export_result is None
    assert "cancelled" in dialog.status_label.text()
    assert not dialog.open_folder_button.isEnabled()
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".gov*")) == []


def test_a_wrong_file_name_is_explained_not_run(qtbot: Any, database: Path, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, database, tmp_path / "gov.xls")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_running()
    assert ".xlsx" in dialog.status_label.text() and ".zip" in dialog.status_label.text()


def test_unticking_every_city_is_explained_not_run(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, database, tmp_path / "gov.xlsx")
    for row in range(dialog.cities_list.count()):
        dialog.cities_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_running()
    assert "at least one" in dialog.status_label.text()


def test_closing_during_an_export_cancels_it(qtbot: Any, database: Path, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, database, tmp_path / "gov.zip")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    dialog.reject()

    assert not dialog.isVisible()
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".gov*")) == []


def test_cities_are_listed_by_name_and_filter_by_code(qtbot: Any, tmp_path: Path) -> None:
    form = write_xlsform(
        tmp_path / "cities.xlsx",
        survey=[{"type": "select_one city", "name": "city", EN: "City", ES: "Ciudad"}],
        choices=[{"list_name": "city", "name": "juarez", EN: "Ciudad Juárez", ES: "Ciudad Juárez"}],
        settings={"form_id": "cities", "version": "1"},
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.interviews.submit(store.forms.add(form).sha256, {"city": "juarez"}, city="juarez")
    dialog = opened(qtbot, db)
    item = dialog.cities_list.item(0)
    assert item.text() == "Ciudad Juárez"
    assert item.data(Qt.ItemDataRole.UserRole) == "juarez"


def test_drafts_are_unticked_until_asked_for(qtbot: Any, database: Path) -> None:
    dialog = opened(qtbot, database)
    states = dialog.states_list
    shown = {states.item(i).text(): states.item(i).checkState() for i in range(states.count())}
    assert shown["drafts (unfinished)"] == Qt.CheckState.Unchecked
    assert shown["finalized"] == Qt.CheckState.Checked
    options = dialog.options()
    assert not options.drafts and "draft" not in options.states
    states.item(0).setCheckState(Qt.CheckState.Checked)  # every state ticked: no filter
    options = dialog.options()
    assert options.drafts and options.states == ()


def test_stata_from_the_dialog_in_the_chosen_language(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    import zipfile

    import pyreadstat

    dialog = dialog_for(qtbot, database, tmp_path / "gov.dta")
    # Variable and value labels are always written: the language counts even with codes.
    assert dialog.codes_button.isChecked() and dialog.language_combo.isEnabled()
    assert not dialog.labels_button.isEnabled(), "codes and labels travel together"
    dialog.language_combo.setCurrentIndex(2)  # Español (es)
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    written = dialog.export_result
    assert written is not None and written.path == tmp_path / "gov.dta.zip"
    assert str(dialog.export_result.path) in dialog.status_label.text()
    with zipfile.ZipFile(dialog.export_result.path) as archive:
        archive.extract("gov.dta", tmp_path)
    frame, meta = pyreadstat.read_dta(str(tmp_path / "gov.dta"))
    assert len(frame) == INTERVIEWS
    assert meta.variable_value_labels["joint"] == {1: "Sí", 2: "No"}
    assert dict(zip(meta.column_names, meta.column_labels, strict=True))["joint"] == "¿Patrullajes?"


def test_spss_files_in_a_folder_from_the_dialog(qtbot: Any, database: Path, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, database, tmp_path / "gov.xlsx")
    assert not dialog.folder_check.isEnabled(), "a workbook is one file"
    dialog.path_edit.setText(str(tmp_path / "gov.sav"))
    assert dialog.folder_check.isEnabled()
    dialog.folder_check.setChecked(True)
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.export_result is not None and dialog.export_result.path == tmp_path / "gov"
    assert sorted(p.name for p in dialog.export_result.path.iterdir()) == [
        "about.csv",
        "codebook.csv",
        "gov.sav",
    ]
    assert str(tmp_path / "gov") in dialog.status_label.text()


def test_the_hour_option_goes_with_de_identification(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, database, tmp_path / "out.xlsx")
    assert not dialog.hours_check.isEnabled() and dialog.options().times == "date"
    dialog.deidentify_check.setChecked(True)
    assert dialog.hours_check.isEnabled()
    dialog.hours_check.setChecked(True)
    options = dialog.options()
    assert options.deidentify and options.times == "hour"
    dialog.close()


def test_the_study_forms_are_all_in_sight_in_the_forms_list(qtbot: Any, tmp_path: Path) -> None:
    # Their long titles put a sideways scroll bar over the fourth one: it was half hidden.
    from fieldapp.core.study import study_forms

    db = tmp_path / "study.db"
    with Store.open(db) as store:
        for form in study_forms():
            record = store.forms.add(form.path)
            store.interviews.submit(
                record.sha256, {}, interviewer="TJ01", city="tijuana", actor_type=form.actor_type
            )
    dialog = opened(qtbot, db)
    dialog.show()
    forms = dialog.forms_list
    qtbot.waitUntil(lambda: forms.count() == 4)
    assert not forms.horizontalScrollBar().isVisible()
    viewport = forms.viewport().rect()
    for row in range(forms.count()):  # each line in sight, its end elided if need be
        line = forms.visualItemRect(forms.item(row))
        assert viewport.top() <= line.top() and line.bottom() <= viewport.bottom(), row
        tip = forms.item(row).toolTip().splitlines()
        assert tip[0] == forms.item(row).text()  # the whole title is there
        assert tip[-1].startswith("mx_border_")  # and the id naming the export's files


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_forms_read_by_actor_and_title_as_in_new_interview_the_id_in_the_tip(
    qtbot: Any, tmp_path: Path, language: str
) -> None:
    """Seen in the Spanish week: the export listed "mx_border_cso — Seguridad ciudadana
    en la frontera: Representante…", a code first where *New interview* and every desk
    say "Sociedad civil — …"."""
    from fieldapp.core.study import study_forms
    from fieldapp.ui import i18n
    from fieldapp.ui.new_interview import NewInterviewDialog

    db = tmp_path / "study.db"
    with Store.open(db) as store:
        for form in study_forms():
            store.forms.add(form.path)
        i18n.apply_language(language)
        try:
            new = NewInterviewDialog(store.forms.records(), store.forms.load)
            qtbot.addWidget(new)
            dialog = opened(qtbot, db)
            forms = dialog.forms_list
            qtbot.waitUntil(lambda: forms.count() == 4)
            names = [forms.item(row).text() for row in range(forms.count())]
            assert names == [new.form_box.itemText(i) for i in range(new.form_box.count())]
            civil = "Civil society — " if language == "en" else "Sociedad civil — "
            assert any(name.startswith(civil) for name in names), names
            assert not any(name.startswith("mx_border_") for name in names), names
            ids = [forms.item(row).data(Qt.ItemDataRole.UserRole) for row in range(4)]
            assert [forms.item(row).toolTip().splitlines()[-1] for row in range(4)] == ids
        finally:
            i18n.apply_language("en")


def test_a_long_failure_grows_the_dialog_instead_of_hiding_the_lists(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    from fieldapp.ui.screen_fit import fit_window

    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    dialog = dialog_for(qtbot, database, blocker / ("informe de campo " * 6 + ".xlsx"))
    fit_window(dialog, "export", (dialog.sizeHint().width(), dialog.sizeHint().height()))
    dialog.show()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running() and bool(dialog.status_label.text()))
    status = dialog.status_label
    assert status.height() >= status.heightForWidth(status.width()), "the message is cut"
    states = dialog.states_list
    viewport = states.viewport().rect()
    for row in range(states.count()):  # "returned", the last, was hidden by the message
        line = states.visualItemRect(states.item(row))
        assert viewport.top() <= line.top() and line.bottom() <= viewport.bottom(), row


def test_a_csv_zip_with_codes_has_r_factors_in_the_chosen_language(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    import zipfile

    dialog = dialog_for(qtbot, database, tmp_path / "gov.xlsx")
    assert not dialog.language_combo.isEnabled()  # codes in a workbook: no labels written
    dialog.path_edit.setText(str(tmp_path / "gov.zip"))
    # The CSV files keep the codes, but load.R names R's factor levels in a language.
    assert dialog.codes_button.isChecked() and dialog.language_combo.isEnabled()
    assert "load.R" in dialog.language_combo.toolTip()
    dialog.language_combo.setCurrentIndex(2)  # Español (es), not the form's first
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.export_result is not None
    with zipfile.ZipFile(dialog.export_result.path) as archive:
        load_r = archive.read("load.R").decode()
        assert ",yes," in archive.read("gov.csv").decode()  # codes, not labels
    assert 'c("joint", "yes", "S\\u00ed", "no", "No")' in load_r


def test_about_speaks_the_language_chosen_in_the_app(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    """Walking the analyst's export on an English system with the app set to Spanish: the
    dialog, its status and its message were Spanish, the about sheet English ("item",
    "Warning"), since without a label language it followed the environment."""
    from fieldapp.ui import i18n

    i18n.apply_language("es")
    try:
        out = tmp_path / "gov.xlsx"
        dialog = dialog_for(qtbot, database, out)
        with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
            dialog.start_export()
        qtbot.waitUntil(lambda: not dialog.is_running())
        assert "Se exportaron" in dialog.status_label.text()
    finally:
        i18n.apply_language("en")
    about = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("about").to_python()
    assert about[0][:3] == ["elemento", "valor", "detalle"]


def shown_with_keyboard_on(qtbot: Any, dialog: Any, widget: Any) -> None:
    """Show ``dialog`` active, as a window manager would, with the keyboard on ``widget``."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_an_export_started_from_the_keyboard_keeps_the_keyboard_on_its_buttons(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    """Walked under a window manager (kbwalk): Space on *Exportar* turned the buttons off
    under the keyboard, which fell to *Formato*: an arrow there changed the format and the
    file's name while the export ran, and Space could not cancel it."""
    from PySide6.QtWidgets import QApplication

    dialog = dialog_for(qtbot, database, tmp_path / "gov.xlsx")
    shown_with_keyboard_on(qtbot, dialog, dialog.export_button)
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.keyClick(dialog.export_button, Qt.Key.Key_Space)
        assert QApplication.focusWidget() is dialog.cancel_button  # Space again cancels
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert QApplication.focusWidget() is dialog.export_button
    assert dialog.format_combo.currentData() == ".xlsx"


def test_an_export_cancelled_from_the_keyboard_gives_it_back_to_export(
    qtbot: Any, database: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    dialog = dialog_for(qtbot, database, tmp_path / "gov.xlsx")
    shown_with_keyboard_on(qtbot, dialog, dialog.export_button)
    qtbot.keyClick(dialog.export_button, Qt.Key.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=20_000)
    assert "cancelled" in dialog.status_label.text()
    assert QApplication.focusWidget() is dialog.export_button


def test_the_dialog_with_the_study_key_leaves_out_the_copy_it_shows_the_same(
    qtbot: Any, tmp_path: Path, pair: Any, study_key: Any
) -> None:
    """The export dialog, given the study key on a database whose sealed claim was never
    settled (the key opened only here, or on a laptop that may not set the copy aside),
    exported ODK Central's copy beside the phone's interview; now it leaves it out and its
    status says so, in the app's language (claims5)."""
    import csv
    import io
    import zipfile

    from central_scenarios import sealed_claim_merged_locked

    from fieldapp.ui import i18n

    path, _, rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    for language, words in (("en", "1 copy of ODK Central's was left out"), ("es", "Se dejó")):
        i18n.apply_language(language)
        try:
            out = tmp_path / f"{language}.zip"
            dialog = ExportDialog(path, study_key=study_key)
            qtbot.addWidget(dialog)
            qtbot.waitUntil(dialog.is_ready, timeout=20_000)
            dialog.path_edit.setText(str(out))
            with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
                dialog.start_export()
            qtbot.waitUntil(lambda dialog=dialog: not dialog.is_running())
            assert dialog.export_result is not None and dialog.export_result.copies_same == 1
            assert words in dialog.status_label.text()
        finally:
            i18n.apply_language("en")
        with zipfile.ZipFile(out) as archive:
            names = archive.namelist()
            (data,) = [
                n for n in names if n.endswith(".csv") and n[:-4] not in ("about", "codebook")
            ]
            rows = list(csv.reader(io.StringIO(archive.read(data).decode("utf-8-sig"))))
        ids = [row[rows[0].index("_submission_id")] for row in rows[1:]]
        assert ids == [rosa]
