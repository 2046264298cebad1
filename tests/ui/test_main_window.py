"""The interviews list: pages fetched on demand, filters, counts, new/reopen, both languages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.store import InterviewFilter, Store
from fieldapp.ui import errors, i18n
from fieldapp.ui.interviews_model import COLUMN, InterviewsModel
from fieldapp.ui.lock import PassphraseDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.new_interview import INTERVIEWER_SETTING, NewInterviewDialog


def fill(store: Any, count: int) -> list[str]:
    """Start ``count`` interviews: alternate cities, interviewers TJ-00.. in reverse order."""
    sha = store.forms.records()[0].sha256
    started = []
    for number in range(count):
        submission_id = store.interviews.start(
            sha,
            interviewer=f"TJ-{count - number:02d}",
            city="tijuana" if number % 2 else "monterrey",
            actor_type="cso",
        )
        store.interviews.autosave(submission_id, {"intro/respondent": f"R-{number:02d}"})
        store.interviews.save(submission_id)
        started.append(str(submission_id))
    return started


def test_the_list_model_reads_pages_on_demand_and_sorts(store: Any) -> None:
    fill(store, 25)
    model = InterviewsModel(store, page_size=10)
    model.reload()
    assert (model.rowCount(), model.total) == (10, 25)
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25
    assert not model.canFetchMore()
    model.sort(COLUMN["interviewer"], Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 10  # a new sort starts again from the first page
    first = model.index(0, COLUMN["interviewer"]).data()
    assert first == "TJ-01"
    assert model.headerData(COLUMN["city"], Qt.Orientation.Horizontal) == "City"
    assert model.index(0, COLUMN["city"]).data() in ("Tijuana", "Monterrey")
    model.set_filters(InterviewFilter(city="tijuana"))
    assert model.total == 12


def open_main(qtbot: Any, store: Any) -> MainWindow:
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_filters_and_the_status_bar_counts(qtbot: Any, store: Any) -> None:
    fill(store, 6)
    window = open_main(qtbot, store)
    qtbot.waitUntil(lambda: window.count_label.text().startswith("6 interviews · 6 drafts"))
    window.city_filter.setCurrentIndex(window.city_filter.findData("tijuana"))
    assert window.model.rowCount() == 3
    qtbot.waitUntil(lambda: window.count_label.text().startswith("3 of 6 interviews shown"))
    qtbot.keyClicks(window.search_edit, "R-05")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_at(0).instance_name == "R-05"
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.model.rowCount() == 6


def test_new_interview_remembers_the_interviewer_code(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = NewInterviewDialog(store.forms.records(), store.forms.load)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.problem.isVisibleTo(dialog)  # no code yet: refused with a message
    qtbot.keyClicks(dialog.interviewer_edit, "TJ-05")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert QSettings().value(INTERVIEWER_SETTING) == "TJ-05"

    def accept_as_is(self: NewInterviewDialog) -> int:
        assert self.interviewer_edit.text() == "TJ-05"
        self.city_box.setCurrentIndex(self.city_box.findData("tijuana"))
        self.accept()
        return 1

    monkeypatch.setattr(NewInterviewDialog, "exec", accept_as_is)
    window = open_main(qtbot, store)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.model.total == 1
    row = window.model.row_at(0)
    assert (row.interviewer, row.city, row.state) == ("TJ-05", "tijuana", "draft")
    assert row.submission_id in window.interview_windows
    OPENED.extend(window.interview_windows.values())


def test_reopen_a_finalized_interview_from_its_read_only_view(qtbot: Any, store: Any) -> None:
    (submission_id,) = fill(store, 1)
    store.interviews.autosave(
        submission_id, {"intro/respondent": "R-1", "intro/age": 30, "intro/consent": "no"}
    )
    store.interviews.finalize(submission_id)
    window = open_main(qtbot, store)
    qtbot.waitUntil(lambda: window.count_label.text().endswith("1 finalized"))
    reader = window.open_interview(submission_id)
    assert not reader.editable
    reader.reopen_button.click()
    editor = window.interview_windows[submission_id]
    OPENED.append(editor)
    assert editor.editable
    assert store.interviews.heads(submission_id)[0].state == "draft"


def test_the_other_desks_are_in_the_menus(qtbot: Any, store: Any) -> None:
    window = open_main(qtbot, store)
    assert window.export_action in window.file_menu.actions()
    assert window.merge_action in window.file_menu.actions()
    assert window.conflicts_action in window.view_menu.actions()
    assert window.export_action.shortcut().toString() == "Ctrl+E"


def test_the_app_speaks_spanish_and_switches_back(qtbot: Any, store: Any) -> None:
    fill(store, 1)
    window = open_main(qtbot, store)
    assert window.model.index(0, COLUMN["state"]).data() == "Draft"
    try:
        window.language_actions["es"].trigger()
        qtbot.waitUntil(lambda: window.file_menu.title() == "&Archivo")
        assert window.model.headerData(COLUMN["city"], Qt.Orientation.Horizontal) == "Ciudad"
        assert window.model.index(0, COLUMN["state"]).data() == "Borrador"
        qtbot.waitUntil(lambda: window.count_label.text().startswith("1 entrevista ·"))
        assert QSettings().value(i18n.SETTING) == "es"
    finally:
        window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")


def test_an_unexpected_error_shows_a_calm_dialog_and_logs_no_answer_text(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "errors.log"
    monkeypatch.setattr(errors, "log_path", lambda: log)
    shown: list[str] = []

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.close()

    QTimer.singleShot(50, close_dialog)
    try:
        raise ValueError("la entrevistada Juana dijo que la policía la amenazó")
    except ValueError:
        errors.excepthook(*sys.exc_info())
    assert shown and "Your answers up to the last change are saved" in shown[0]
    assert "Juana" not in shown[0]
    written = log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in written and "test_main_window.py" in written
    assert "Juana" not in written and "policía" not in written


def test_a_file_that_is_not_a_database_gets_a_clear_message(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui import main_window

    picture = tmp_path / "acta.db"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    shown: list[str] = []
    monkeypatch.setattr(
        main_window, "show_error", lambda _parent, error: shown.append(error.text("en"))
    )
    window = MainWindow(picture)
    qtbot.addWidget(window)
    assert len(shown) == 1 and "acta.db" in shown[0]
    assert "Traceback" not in shown[0]
    assert window.model.total == 0
    window.new_interview()  # nothing open: nothing happens, no crash


def test_a_sealed_form_asks_for_the_drafts_passphrase_once(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pair: crypto.KeyPair
) -> None:
    from xlsform import write_xlsform

    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "text", "name": "who", "label": "Who spoke?"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    with Store.open(tmp_path / "sealed.db") as sealed:
        sealed.forms.add(form)
    asked: list[tuple[str, bool]] = []

    def typed(dialog: PassphraseDialog) -> int:
        asked.append((dialog.windowTitle(), dialog.again is not None))
        dialog.passphrase.setText("correct horse battery")
        if dialog.again is not None:
            dialog.again.setText("correct horse battery")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(PassphraseDialog, "exec", typed)
    monkeypatch.setattr(
        NewInterviewDialog, "exec", lambda self: (self.interviewer_edit.setText("TJ-05"), 1)[1]
    )
    window = MainWindow(tmp_path / "sealed.db")
    OPENED.append(window)
    window.new_interview()
    # the app's one drafts prompt (ui/lock.py), typed twice as the passphrase is set
    assert asked == [("Drafts passphrase", True)]
    assert window.model.total == 1
    OPENED.extend(window.interview_windows.values())
    window.new_interview()
    assert len(asked) == 1  # unlocked for the rest of the session
    assert window.model.total == 2
    OPENED.extend(window.interview_windows.values())


def test_the_interviewer_filter_matches_part_of_the_code(qtbot: Any, store: Any) -> None:
    fill(store, 12)  # TJ-12 … TJ-01
    window = open_main(qtbot, store)
    qtbot.keyClicks(window.interviewer_filter, "tj-1")  # any case, only the start typed
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)  # TJ-10, TJ-11, TJ-12
    assert {window.model.row_at(n).interviewer for n in range(3)} == {"TJ-10", "TJ-11", "TJ-12"}
    window.interviewer_filter.setText("%")  # typed literally, not a wildcard
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    window.interviewer_filter.setText("J-05")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_at(0).interviewer == "TJ-05"


def test_the_window_size_and_columns_come_back_next_time(qtbot: Any, store: Any) -> None:
    fill(store, 2)
    window = open_main(qtbot, store)
    window.resize(window.width(), 520)  # the offscreen screen is too narrow to widen it
    window.table.setColumnWidth(COLUMN["interviewer"], 211)
    qtbot.waitUntil(lambda: window.height() == 520)
    window.close()
    again = open_main(qtbot, store)
    assert again.height() == 520
    assert again.table.columnWidth(COLUMN["interviewer"]) == 211


def test_start_up_builds_everything_then_says_once_when_the_list_is_painted(
    qtbot: Any, store: Any
) -> None:
    """One explicit sequence: the database, the list, filters, menus; then the first paint."""
    fill(store, 130)  # more than one page of the list
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    assert window.store is not None and (window.model.rowCount(), window.model.total) == (100, 130)
    assert window.review_menu.actions() and window.city_filter.count() > 1
    assert window.table.selectionModel().selectedRows()[0].row() == 0  # Enter opens it
    painted: list[int] = []
    window.first_painted.connect(lambda: painted.append(window.model.rowCount()))
    window.show()
    qtbot.waitUntil(lambda: painted == [100])
    qtbot.waitUntil(lambda: window.count_label.text().startswith("130 interviews"))
    window.model.fetchMore()  # scrolling down: the next page
    assert window.model.rowCount() == 130
    assert (
        window.model.row_at(129).submission_id == store.interviews.page(offset=129)[0].submission_id
    )
    window.update()
    qtbot.wait(50)
    assert painted == [100], "the first paint is announced once"


def test_a_store_that_fails_to_open_says_why_and_lists_nothing(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core.messages import FieldappError
    from fieldapp.ui import app, main_window

    fill(store, 3)
    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda _p, error: shown.append(error.code))

    def damaged(path: Path) -> Any:
        raise FieldappError("store.corrupt", path=str(path), reason="database disk image")

    monkeypatch.setattr(app, "open_store", damaged)
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    assert shown == ["store.corrupt"]
    assert window.store is None and window.model.rowCount() == 0
    window.show()
    window.new_interview()  # nothing open: nothing happens, no crash
    window.open_selected()
    assert shown == ["store.corrupt"]


def test_new_interview_refuses_a_code_the_form_would_refuse(qtbot: Any, tmp_path: Path) -> None:
    path = write_xlsform(
        tmp_path / "coded.xlsx",
        survey=[
            {
                "type": "text",
                "name": "interviewer",
                "label": "Interviewer code",
                "constraint": "regex(., '^[A-Z]{2}[0-9]{2}$')",
                "constraint_message": "Two capitals and two digits, e.g. TJ01",
            },
            {"type": "text", "name": "story", "label": "Story"},
        ],
        settings={"form_id": "coded", "form_title": "Coded"},
    )
    with Store.open(tmp_path / "coded.db") as coded:
        coded.forms.add(path)
        dialog = NewInterviewDialog(coded.forms.records(), coded.forms.load)
        qtbot.addWidget(dialog)
        assert dialog.interviewer_edit.placeholderText() == "e.g. TJ03"
        qtbot.keyClicks(dialog.interviewer_edit, "TJ-03")
        dialog.accept()
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.problem.text() == "Two capitals and two digits, e.g. TJ01"
        assert QSettings().value(INTERVIEWER_SETTING) is None  # nothing remembered yet
        dialog.interviewer_edit.setText("TJ03")
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert QSettings().value(INTERVIEWER_SETTING) == "TJ03"


def test_an_empty_list_says_what_to_do(qtbot: Any, store: Any) -> None:
    window = open_main(qtbot, store)
    qtbot.waitUntil(lambda: window.empty_label.isVisible())
    assert "New interview (Ctrl+N)" in window.empty_label.text()
    fill(store, 2)
    window.refresh()
    qtbot.waitUntil(lambda: not window.empty_label.isVisible())
    qtbot.keyClicks(window.search_edit, "nobody")
    qtbot.waitUntil(lambda: window.empty_label.isVisible())
    assert "No interview matches these filters" in window.empty_label.text()


def test_the_status_bar_counts_approved_interviews_too(qtbot: Any, store: Any) -> None:

    first, _second = fill(store, 2)
    store.interviews.autosave(
        first, {"intro/respondent": "R-1", "intro/age": 30, "intro/consent": "no"}
    )
    store.interviews.finalize(first)
    store.review.approve(first)
    window = open_main(qtbot, store)
    qtbot.waitUntil(lambda: bool(window.count_label.text()))
    assert window.count_label.text() == "2 interviews · 1 draft · 0 finalized · 1 approved"


def test_a_database_folder_that_cannot_be_made_gets_a_clear_message(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui import main_window

    (tmp_path / "notes.txt").write_text("not a folder")
    shown: list[str] = []
    monkeypatch.setattr(
        main_window, "show_error", lambda _parent, error: shown.append(error.text("en"))
    )
    window = MainWindow(tmp_path / "notes.txt" / "fieldapp.db")
    qtbot.addWidget(window)
    assert len(shown) == 1 and shown[0].startswith("fieldapp cannot open")
    assert "notes.txt" in shown[0]


def test_start_up_leaves_the_heavy_desks_unimported() -> None:
    """Export, merge, review, charts and the form engine load when first used, not at start."""
    import subprocess

    heavy = (
        "openpyxl",
        "pyxform",
        "PySide6.QtCharts",
        "PySide6.QtMultimedia",
        "fieldapp.core.export",
        "fieldapp.core.merge",
        "fieldapp.core.forms.engine",
        "fieldapp.ui.review_view",
        "fieldapp.ui.dashboard",
        "fieldapp.ui.export_dialog",
        "fieldapp.ui.interview_window",
    )
    probe = (
        "import sys, fieldapp.ui.app, fieldapp.ui.main_window\n"
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == []


@pytest.mark.parametrize("width", [1280, 1400])
@pytest.mark.parametrize("language", ["es", "en"])
def test_every_filter_shows_its_whole_text_in_both_languages(
    qtbot: Any, store: Any, language: str, width: int
) -> None:
    window = open_main(qtbot, store)
    try:
        i18n.apply_language(language)
        window.retranslate()
        window.resize(width, 700)
        qtbot.waitUntil(lambda: window.filter_bar.width() > width - 40)
        QApplication.processEvents()
        bar = window.filter_bar
        parts = [window.search_edit, window.interviewer_filter, window.clear_filters_button]
        parts += [window.city_filter, window.actor_filter, window.state_filter]
        parts += [window.from_date, window.to_date]
        for part in parts:
            left = part.mapTo(bar, part.rect().topLeft()).x()
            assert left >= 0 and left + part.width() <= bar.width(), part.objectName()
        for box in (window.city_filter, window.actor_filter, window.state_filter):
            metrics = box.fontMetrics()
            longest = max(metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count()))
            assert box.width() >= longest + 30, f"{box.objectName()} cuts its choices"
        for edit in (window.from_date, window.to_date):
            needed = edit.fontMetrics().horizontalAdvance(edit.specialValueText()) + 30
            assert edit.width() >= needed, "the open date bound reads whole"
        placeholder = window.search_edit.placeholderText()
        needed = window.search_edit.fontMetrics().horizontalAdvance(placeholder)
        assert window.search_edit.width() >= needed, "the search box says what it is"
        assert window.table.height() > 400, "the filters leave the list its room"
    finally:
        i18n.apply_language("en")
        window.retranslate()


@pytest.mark.parametrize(
    ("opener", "dialog"),
    [
        ("open_merge", "fieldapp.ui.merge_dialog.MergeDialog"),
        ("open_conflicts", "fieldapp.ui.conflicts_view.ConflictsView"),
    ],
)
def test_what_a_merge_or_a_resolution_changed_shows_in_the_list_after_its_dialog(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch, opener: str, dialog: str
) -> None:
    fill(store, 2)
    window = open_main(qtbot, store)
    assert window.model.total == 2

    def changes_the_database(self: QDialog) -> int:
        fill(store, 1)  # what the dialog's own connection wrote
        return 0

    monkeypatch.setattr(f"{dialog}.exec", changes_the_database)
    getattr(window, opener)()
    assert window.model.total == 3


def test_the_server_column_shows_only_once_a_server_is_set_up(qtbot: Any, store: Any) -> None:
    from fieldapp.ui.send_state import SERVER_SETTING

    fill(store, 2)
    QSettings().remove(SERVER_SETTING)
    window = open_main(qtbot, store)
    column = COLUMN["send_state"]
    # An empty column beside cut interview names helps nobody: it waits for a server.
    assert window.table.isColumnHidden(column)
    dialog = window.open_server()
    QSettings().setValue(SERVER_SETTING, "http://central.example.org#1")  # as signing in does
    dialog.reject()  # the researcher closes the Server dialog after signing in
    assert not window.table.isColumnHidden(column)
    window.close()
    # Its place is not remembered against the setting: still shown on the next start.
    again = open_main(qtbot, store)
    assert not again.table.isColumnHidden(column)
    QSettings().remove(SERVER_SETTING)


def test_tab_leaves_an_any_date_filter(qtbot: Any, store: Any) -> None:
    window = open_main(qtbot, store)
    window.from_date.setFocus()
    assert window.from_date.hasFocus()
    QTest.keyClick(window.from_date, Qt.Key.Key_Tab)  # "any date": no sections to walk
    assert QApplication.focusWidget() is window.to_date
    QTest.keyClick(window.to_date, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.from_date


def test_tab_still_walks_the_parts_of_a_chosen_date(qtbot: Any, store: Any) -> None:
    window = open_main(qtbot, store)
    window.from_date.setDate(QDate(2026, 11, 3))
    window.from_date.setFocus()
    QTest.keyClick(window.from_date, Qt.Key.Key_Tab)  # year -> month, as Qt's date edit does
    assert QApplication.focusWidget() is window.from_date


def test_tab_leaves_the_interviews_list(qtbot: Any, store: Any) -> None:
    fill(store, 3)
    window = open_main(qtbot, store)
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table  # on to the next box
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_Down)  # the arrows still move between interviews
    assert window.table.currentIndex().row() == 1


def test_the_status_bar_counts_what_a_state_filter_shows(qtbot: Any, store: Any) -> None:
    """Approved only: '1 of 3 shown · 2 finalized' without the approved one disagreed."""
    submissions = fill(store, 3)
    for submission_id in submissions:
        store.interviews.autosave(
            submission_id, {"intro/respondent": "R-1", "intro/age": 30, "intro/consent": "no"}
        )
        store.interviews.finalize(submission_id)
    store.review.approve(submissions[0], author="Rosa")
    window = open_main(qtbot, store)
    window.state_filter.setCurrentIndex(window.state_filter.findData("approved"))
    said = "1 of 3 interviews shown · 0 drafts · 0 finalized · 1 approved"
    qtbot.waitUntil(lambda: window.count_label.text() == said)


def alt_letter(label: str) -> str:
    """Return the letter Alt reaches in a menu entry's text ("" when it has none)."""
    at = label.replace("&&", "").find("&")
    return label.replace("&&", "")[at + 1].lower() if at >= 0 else ""


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_language_entry_has_its_own_alt_key(qtbot: Any, store: Any, language: str) -> None:
    window = open_main(qtbot, store)
    try:
        window.set_language(language)
        qtbot.waitUntil(lambda: i18n.current_language() == language)
        menu = window.language_menu
        actions = window.language_actions
        letters = {code: alt_letter(action.text()) for code, action in actions.items()}
        assert all(letters.values()), letters
        assert len(set(letters.values())) == len(letters), letters
        for code in ("system", "en", "es"):
            menu.popup(window.mapToGlobal(window.rect().center()))
            qtbot.waitUntil(menu.isVisible)
            qtbot.keyClick(menu, letters[code])  # the letter alone, as in an open menu
            qtbot.waitUntil(lambda: not menu.isVisible())
            assert window.language_actions[code].isChecked(), (code, menu.actions())
    finally:
        window.set_language("en")


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_menus_entries_have_alt_keys_of_their_own(
    qtbot: Any, store: Any, language: str
) -> None:
    """Seen in the Spanish walk: *Archivo* had &Fusionar and &Formularios, &Servidor and
    &Salir: the letter then only moves between the two, and Enter is needed."""
    window = open_main(qtbot, store)
    try:
        window.set_language(language)
        qtbot.waitUntil(lambda: i18n.current_language() == language)
        qtbot.waitUntil(lambda: (window.file_menu.title() == "&Archivo") == (language == "es"))
        menus = [window.menuBar(), *(a.menu() for a in window.menuBar().actions() if a.menu())]
        for menu in menus:
            entries = [a.text() for a in menu.actions() if not a.isSeparator()]
            letters = [alt_letter(entry) for entry in entries]
            assert all(letters), entries
            twice = {letter for letter in letters if letters.count(letter) > 1}
            pairs = zip(entries, letters, strict=True)
            assert not twice, [entry for entry, letter in pairs if letter in twice]
    finally:
        window.set_language("en")


def test_the_keyboard_shortcuts_fit_a_field_laptops_screen_in_spanish(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in the Spanish walk at 1366×768: the list wrapped each description at the
    message box's narrow width and stood 738 px tall, past the screen less its panel."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QMessageBox

    laptop = QRect(0, 0, 1366, 768)
    monkeypatch.setattr("fieldapp.ui.screen_fit.available_area", lambda _window: laptop)
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    window = open_main(qtbot, store)
    try:
        window.set_language("es")
        qtbot.waitUntil(lambda: window.file_menu.title() == "&Archivo")
        window.show_keys()
        (box,) = shown
        box.show()
        qtbot.waitExposed(box)
        rows = len(window.shortcut_rows())
        line = box.fontMetrics().lineSpacing()
        assert box.height() <= 768 - 60, (box.height(), rows, line)
        assert box.width() <= 1366
        box.close()
    finally:
        window.set_language("en")
