"""The researcher's laptop: the package from the window, Enter at start, every shortcut once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from event_turns import settle
from opened_windows import OPENED
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.ui.interview_window import InterviewWindow
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.new_interview import INTERVIEWER_SETTING
from fieldapp.ui.package_dialog import PackageDialog


def start(store: Any, count: int) -> list[str]:
    sha = store.forms.records()[0].sha256
    return [
        str(store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso"))
        for _ in range(count)
    ]


def open_main(qtbot: Any, path: Path) -> MainWindow:
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitExposed(window)
    return window


def test_enter_at_start_opens_the_first_interview(qtbot: Any, store: Any) -> None:
    start(store, 3)
    window = open_main(qtbot, Path(store.path))
    qtbot.waitUntil(lambda: window.selected_row() is not None)
    assert window.table.hasFocus()
    first = window.model.row_at(0).submission_id
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert list(window.interview_windows) == [first]
    window.interview_windows[first].close()


def test_the_list_has_no_type_ahead(qtbot: Any, store: Any) -> None:
    start(store, 3)
    window = open_main(qtbot, Path(store.path))
    qtbot.waitUntil(lambda: window.selected_row() is not None)
    selected = window.selected_row().submission_id
    qtbot.keyClicks(window.table, "tij")
    assert window.selected_row().submission_id == selected


def test_package_for_the_supervisor_from_the_file_menu(
    qtbot: Any, store: Any, tmp_path: Path
) -> None:
    ids = start(store, 2)
    store.interviews.autosave(
        ids[0], {"intro/respondent": "R-07"}
    )  # an open draft, not yet a revision
    QSettings().setValue(INTERVIEWER_SETTING, "TJ01")
    usb = tmp_path / "usb"
    usb.mkdir()
    window = open_main(qtbot, Path(store.path))
    assert window.package_action in window.file_menu.actions()
    dialog = window.open_package()
    assert isinstance(dialog, PackageDialog)
    assert dialog.name_edit.text().startswith("TJ01-") and dialog.name_edit.text().endswith(
        ".fieldapp"
    )
    # the same checks as `fieldapp package`: no folder, a folder gone, the database itself
    dialog.folder_edit.setText("")
    dialog.start()
    assert "Choose the folder" in dialog.status.text()
    dialog.folder_edit.setText(str(tmp_path / "unplugged"))
    dialog.start()
    assert "does not exist" in dialog.status.text()
    dialog.folder_edit.setText(str(Path(store.path).parent))
    dialog.name_edit.setText(Path(store.path).name)
    dialog.start()
    qtbot.waitUntil(lambda: "is the database itself" in dialog.status.text(), timeout=20000)
    assert dialog.write_button.isEnabled()
    # a good one: on the USB stick, named for merge to find it, with the open draft in it
    dialog.folder_edit.setText(str(usb))
    dialog.name_edit.setText("TJ01-today")
    with qtbot.waitSignal(dialog.written, timeout=20000):
        dialog.start()
    package = usb / "TJ01-today.fieldapp"
    assert package.is_file()
    assert "Package written to" in dialog.status.text() and "2 interviews" in dialog.status.text()
    assert QSettings().value("package/folder") == str(usb)
    dialog.close()
    supervisor = Store.open(tmp_path / "supervisor.db")
    try:
        merge_database(supervisor, package)
        (head,) = supervisor.interviews.heads(ids[0])
        assert head.answers["intro/respondent"] == "R-07"  # the autosaved draft went too
    finally:
        supervisor.close()


def test_the_shortcuts_dialog_lists_every_shortcut_once(
    qtbot: Any, store: Any, every_type_form: Path
) -> None:
    window = open_main(qtbot, Path(store.path))
    rows = window.shortcut_rows()
    keys = [key for key, _ in rows]
    assert len(keys) == len(set(keys)), "a key listed twice"
    listed = {part.strip() for key in keys for part in key.split("/")}
    native = QKeySequence.SequenceFormat.NativeText
    (submission_id,) = start(store, 1)
    interview = InterviewWindow(store, submission_id)
    OPENED.append(interview)
    for owner in (window, interview):
        for action in owner.findChildren(QAction):
            for shortcut in action.shortcuts():
                name = shortcut.toString(native)
                assert name in listed or name.replace("Return", "Enter") in listed, name
    for must in ("Ctrl+E", "Ctrl+M", "Ctrl+Shift+R", "Ctrl+Shift+P", "F8", "Ctrl+Shift+U"):
        assert must in listed, must
    interview.close()


def test_the_forms_own_controls_speak_the_forms_language_and_it_is_remembered(
    qtbot: Any, store: Any
) -> None:
    from PySide6.QtWidgets import QPushButton

    (submission_id,) = start(store, 1)
    window = InterviewWindow(store, submission_id)
    OPENED.append(window)
    window.show()
    view = window.view
    assert view.next_button.text() == "Next section →"  # fieldapp and the form in English
    window.set_form_language("Español (es)")
    assert view.next_button.text() == "Sección siguiente →"
    clears = [b for b in view.findChildren(QPushButton) if b.objectName() == "clear"]
    assert clears and all(b.text() == "Borrar respuesta" for b in clears)
    assert window.save_action.text().replace("&", "") in ("Save", "Save revision")  # app: en
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.commit(("intro/consent",), "yes")
    view.reveal(("trust_table/trust_army",))  # a row of the trust grid, nothing ticked
    assert view.current() == 2 and view.question_at(view.focusWidget()) is not None
    window.close()  # where the keyboard was is her place (core.place)
    again = InterviewWindow(store, submission_id)  # the next day: where it was left
    OPENED.append(again)
    assert again.session.language == "Español (es)"
    assert again.language_box.currentData() == "Español (es)"
    assert again.view.current() == 2
    assert again.view.next_button.text() == "Sección siguiente →"
    again.set_form_language("English (en)")
    assert all(
        b.text() == "Clear answer"
        for b in again.view.findChildren(QPushButton)
        if b.objectName() == "clear"
    )
    again.close()


def study_interview(qtbot: Any, tmp_path: Path, answers: dict[str, Any]) -> Any:
    from fieldapp.core.study import study_form

    study = Store.open(tmp_path / "study.db")
    sha = study.forms.add(study_form("cso")).sha256
    submission_id = study.interviews.start(
        sha, interviewer="TJ01", city="tijuana", actor_type="cso", answers=answers
    )
    window = InterviewWindow(study, str(submission_id))
    OPENED.append(window)
    window.show()
    return study, window


def test_the_section_list_follows_a_repeat_count_at_every_keystroke(
    qtbot: Any, tmp_path: Path
) -> None:
    answers = {"consent": "yes", "collaboration/collab_any": "yes"}
    study, window = study_interview(qtbot, tmp_path, answers)
    view = window.view
    mechanism = next(
        n for n in range(view.navigator.count()) if "Mechanism" in view.navigator.item(n).text()
    )

    def detail() -> str:
        return view.navigator.item(mechanism).text().split("\n")[1]

    assert detail() == "does not apply"
    shown = {}
    for count in (2, 1, 0):
        view.commit(("collaboration/mech_count",), count)
        shown[count] = detail()
    two, one = (re.match(r"0 of (\d+)", shown[n]) for n in (2, 1))
    assert two and one, shown
    assert int(two[1]) == 2 * int(one[1]) > 0, shown  # each mechanism asks the same questions
    assert shown[0] == "does not apply"
    window.close()
    study.close()


def test_a_reopened_draft_shows_its_errors_at_their_questions(qtbot: Any, tmp_path: Path) -> None:
    answers = {
        "consent": "yes",
        "collaboration/collab_any": "yes",
        "collaboration/mech_count": 15,  # more than the form allows
    }
    study, window = study_interview(qtbot, tmp_path, answers)
    view = window.view
    section = view.section_of(("collaboration/mech_count",))
    assert "1 to fix" in view.navigator.item(section).text()
    view.go(section)
    count = view.nodes[("collaboration/mech_count",)]
    assert count.error.isVisible()
    assert "between 1 and 5" in count.error.text()  # the form's own constraint message
    window.close()
    study.close()


def test_new_interview_names_forms_by_title_and_grows_for_a_message(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.study import study_form
    from fieldapp.ui.new_interview import NewInterviewDialog

    study = Store.open(tmp_path / "study.db")
    study.forms.add(study_form("cso"))
    dialog = NewInterviewDialog(study.forms.records(), study.forms.load)
    qtbot.addWidget(dialog)
    dialog.show()
    record = study.forms.records()[0]
    assert dialog.form_box.currentText() == f"Civil society — {record.title}"
    assert record.form_id not in dialog.form_box.currentText()
    rows = (dialog.form_box, dialog.city_box, dialog.interviewer_edit)
    dialog.interviewer_edit.setText("tijuana 3")  # not the form's code pattern
    dialog.accept()
    QApplication.processEvents()
    assert dialog.problem.isVisible() and dialog.problem.text()
    for row in rows:  # nothing squeezed to make room for the message
        assert row.height() >= row.sizeHint().height() - 1, row.objectName()
    assert dialog.problem.height() >= dialog.problem.heightForWidth(dialog.problem.width()) - 1
    qtbot.keyClicks(dialog.interviewer_edit, "x")
    assert not dialog.problem.isVisible()  # a changed code: the old message goes
    study.close()


def test_problem_lines_wrap_and_keep_one_punctuation_mark() -> None:
    from fieldapp.ui.interview_window import problem_line

    assert problem_line("When was it founded?", "Write a year") == (
        "When was it founded? Write a year"
    )
    assert problem_line("¿Cuándo se fundó?", "Escriba un año") == "¿Cuándo se fundó? Escriba un año"
    assert problem_line("Year founded", "Write a year") == "Year founded: Write a year"


def test_the_spanish_export_dialog_names_the_states_in_spanish(qtbot: Any, store: Any) -> None:
    from fieldapp.ui import i18n
    from fieldapp.ui.export_dialog import ExportDialog

    try:
        i18n.apply_language("es")
        dialog = ExportDialog(Path(store.path))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.is_ready, timeout=20_000)
        states = [dialog.states_list.item(i).text() for i in range(dialog.states_list.count())]
    finally:
        i18n.apply_language("en")
    assert "finalizadas" in states and not {"draft", "finalized", "approved"} & set(states)


def test_one_whole_interview_by_keyboard_only(qtbot: Any, tmp_path: Path) -> None:
    """Enter opens it, Tab walks the questions in reading order, Space and arrows answer,
    Ctrl+Enter asks and Enter finalizes: no mouse anywhere."""
    import datetime as dt

    from PySide6.QtWidgets import QApplication, QMessageBox
    from xlsform import write_xlsform

    form = write_xlsform(
        tmp_path / "kb.xlsx",
        survey=[
            {"type": "begin group", "name": "intro", "label": "Introduction"},
            {"type": "text", "name": "name", "label": "Name", "required": "yes"},
            {"type": "integer", "name": "age", "label": "Age", "constraint": ". >= 18"},
            {"type": "select_one yn", "name": "consent", "label": "Consent?", "required": "yes"},
            {"type": "end group"},
            {"type": "begin group", "name": "main", "label": "Main"},
            {"type": "select_multiple sectors", "name": "sectors", "label": "Sectors"},
            {"type": "date", "name": "met_on", "label": "Met on", "required": "yes"},
            {"type": "end group"},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", "label": "Yes"},
            {"list_name": "yn", "name": "no", "label": "No"},
            {"list_name": "sectors", "name": "business", "label": "Business"},
            {"list_name": "sectors", "name": "academia", "label": "Academia"},
            {"list_name": "sectors", "name": "faith", "label": "Faith groups"},
        ],
        settings={"form_id": "kb", "version": "1"},
    )
    db = Store.open(tmp_path / "kb.db")
    sha = db.forms.add(form).sha256
    submission_id = str(
        db.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso")
    )
    db.close()
    window = open_main(qtbot, tmp_path / "kb.db")
    qtbot.waitUntil(lambda: window.selected_row() is not None)

    def key(name: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, name, modifier)

    key(Qt.Key.Key_Return)  # the first row is selected: Enter opens it
    interview = window.interview_windows[submission_id]
    interview.activateWindow()
    qtbot.waitUntil(interview.isActiveWindow)
    assert QApplication.focusWidget() is interview.view.navigator
    key(Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Ana")
    key(Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "34")
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)  # consent: the first option, Yes
    key(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # next section, at its top
    assert interview.view.current() == 1
    key(Qt.Key.Key_Space)  # Business
    key(Qt.Key.Key_Down)  # the boxes are one Tab stop: arrows move between them
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Space)  # Faith groups
    key(Qt.Key.Key_Tab)
    days = {dt.date.today().isoformat()}  # a run past midnight: either day
    key(Qt.Key.Key_Space)  # "Set" the date: today
    days.add(dt.date.today().isoformat())
    answers = interview.session.answers()
    assert answers["intro/name"] == "Ana" and answers["intro/age"] == 34
    assert answers["intro/consent"] == "yes"
    assert answers["main/sectors"] == ["business", "faith"]
    assert answers["main/met_on"] in days

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(20, confirm)

    QTimer.singleShot(20, confirm)
    with qtbot.waitSignal(interview.closed, timeout=5000):
        key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store.open(tmp_path / "kb.db") as check:
        assert check.interviews.heads(submission_id)[0].state == "finalized"


def test_the_first_start_trusts_only_the_shipped_forms_checks(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """The shipped study forms come compiled (no pyxform); a study's own edit is checked."""
    import shutil

    from openpyxl import load_workbook

    from fieldapp.core.forms import loader
    from fieldapp.core.study import packaged_forms_dir
    from fieldapp.ui.app import open_store

    checks: list[tuple[str, bool]] = []
    original = loader.load_form_bytes_from

    def recording(*args: Any, check_xform: bool = True) -> Any:
        checks.append((str(args[1]), check_xform))
        return original(*args, check_xform=check_xform)

    monkeypatch.setattr(loader, "load_form_bytes_from", recording)
    open_store(tmp_path / "shipped.db").close()
    assert checks == []
    own = tmp_path / "own_forms"
    shutil.copytree(packaged_forms_dir(), own)
    monkeypatch.setenv("FIELDAPP_FORMS", str(own))
    open_store(tmp_path / "same.db").close()
    assert checks == [], "the very bytes fieldapp ships are the shipped forms"
    book = load_workbook(own / "gov.xlsx")
    book["settings"]["B2"] = "Our own wording"
    book.save(own / "gov.xlsx")
    open_store(tmp_path / "own.db").close()
    assert checks == [("gov.xlsx", True)], "an edited form is read and checked in full"


def _squeezed(dialog: QWidget) -> list[str]:
    """Name the texts of ``dialog`` drawn shorter than they need (cut lines, cut boxes)."""
    cut = []
    for label in dialog.findChildren(QLabel):
        shown = label.isVisible() and label.wordWrap() and label.text()
        if shown and label.height() < label.heightForWidth(label.width()):
            cut.append(label.text()[:40])
    for edit in dialog.findChildren(QLineEdit):
        if edit.isVisible() and edit.height() < edit.minimumSizeHint().height():
            cut.append(edit.objectName())
    return cut


def test_the_package_dialog_grows_to_show_a_long_message(
    qtbot: Any, store: Any, tmp_path: Path
) -> None:
    window = open_main(qtbot, Path(store.path))
    dialog = window.open_package()
    qtbot.waitExposed(dialog)
    assert _squeezed(dialog) == []
    # a USB stick's long path, unplugged: the message runs over three lines or more
    gone = tmp_path / "media" / "rosa" / "KINGSTON DATATRAVELER 64GB" / ("entrevistas " * 8)
    dialog.folder_edit.setText(str(gone))
    dialog.start()
    assert "does not exist" in dialog.status.text()
    settle(qtbot, 50)  # the layout's turn
    assert _squeezed(dialog) == []
    dialog.close()


def test_the_shortcuts_are_named_in_one_language(qtbot: Any, store: Any) -> None:
    from fieldapp.ui import i18n

    window = open_main(qtbot, Path(store.path))
    (submission_id,) = start(store, 1)
    try:
        i18n.apply_language("es")
        window.retranslate()
        keys = " / ".join(key for key, _ in window.shortcut_rows())
        interview = InterviewWindow(store, submission_id)
        OPENED.append(interview)
        go_to = interview.previous_action.text()
    finally:
        i18n.apply_language("en")
    # Spanish names its keys "Control", "Mayúsculas": an English "Ctrl+Enter" beside them,
    # or a media keyboard's Save key called "Guardar", read as a mix of two languages
    assert "Control+Mayúsculas+" in keys and "Tabulador" in keys
    for english in ("Ctrl+", "Shift+", "Guardar", "Cerrar"):
        assert english not in keys, english
    assert go_to.endswith("\tAlt+Izquierda")
    interview.close()


def test_a_code_typed_in_small_letters_is_taken_in_capitals(qtbot: Any, tmp_path: Path) -> None:
    """Found on the researcher's walk: "tj03" was refused with the study's pattern, though
    capitals were the only difference; the dialog now takes TJ03 and shows it so."""
    from PySide6.QtWidgets import QDialog

    from fieldapp.core.study import study_form
    from fieldapp.ui.new_interview import NewInterviewDialog

    study = Store.open(tmp_path / "study.db")
    study.forms.add(study_form("cso"))
    try:
        dialog = NewInterviewDialog(study.forms.records(), study.forms.load)
        qtbot.addWidget(dialog)
        dialog.interviewer_edit.setText(" tj03")
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.interviewer() == "TJ03"
        assert QSettings().value(INTERVIEWER_SETTING) == "TJ03"
        # what capitals cannot mend is still refused, as typed
        again = NewInterviewDialog(study.forms.records(), study.forms.load)
        qtbot.addWidget(again)
        again.interviewer_edit.setText("tijuana 3")
        again.accept()
        assert again.result() != QDialog.DialogCode.Accepted
        assert again.interviewer_edit.text() == "tijuana 3" and again.problem.text()
    finally:
        study.close()
