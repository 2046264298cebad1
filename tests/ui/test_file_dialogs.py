"""Every file dialog goes through ``fieldapp.ui.file_dialogs``: Qt's own, leaving no folder
in the settings.

The system's dialog (Windows, macOS), which QFileDialog's static functions show, is no
Qt widget: the idle lock could not empty it and it kept showing its folder's file names
on a locked laptop (``test_lock_dialogs.py`` locks the export's Save dialog and the
merge's Add files dialog).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir, QSettings, Qt, QTimer, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeView,
)

import fieldapp
from fieldapp.core.messages import text
from fieldapp.ui import file_dialogs, i18n, lock

STATIC = re.compile(
    r"\b(getOpenFileNames?|getOpenFileUrls?|getSaveFileName|getSaveFileUrl"
    r"|getExistingDirectory(Url)?|getOpenFileContent|saveFileContent)\b"
)
"""QFileDialog's static functions: each shows the system's dialog where there is one."""


def test_no_module_of_the_app_shows_a_file_dialog_but_through_file_dialogs() -> None:
    """A new call site of QFileDialog's static functions would bring the system's dialog
    back, on screen through the idle lock."""
    app = Path(fieldapp.__file__).parent
    one_way_in = app / "ui" / "file_dialogs.py"
    found = []
    for path in sorted(app.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            named = "QFileDialog" in line and path != one_way_in
            if STATIC.search(line) or named:
                found.append(f"{path.relative_to(app)}:{number}: {line.strip()}")
    assert found == [], "use fieldapp.ui.file_dialogs:\n" + "\n".join(found)


def test_the_study_keys_browse_leaves_no_folder_in_the_settings(qtbot: Any, tmp_path: Path) -> None:
    """The key file's place is kept in memory only, never in the settings (a seized laptop
    must not say where the key lives). Qt's file dialog writes the folders it visited to
    the user's Qt settings; what was there before (another Qt program's) is put back."""
    keys = tmp_path / "CANARY-llaves"
    keys.mkdir()
    (keys / "study.pem").write_bytes(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    qt_settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    qt_settings.setValue("FileDialog/history", ["file:///home/otra/fotos"])
    qt_settings.sync()
    dialog = lock.StudyKeyDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: dict[str, Any] = {}

    def choose_the_key() -> None:
        files = QApplication.activeModalWidget()
        if not isinstance(files, QFileDialog):  # not open yet
            QTimer.singleShot(50, choose_the_key)
            return
        seen["qt's own"] = files.testOption(QFileDialog.Option.DontUseNativeDialog)
        files.setDirectory(str(keys))
        name = files.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(name, QLineEdit)
        name.setText("study.pem")
        box = files.findChild(QDialogButtonBox)
        assert isinstance(box, QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Open).click()

    QTimer.singleShot(50, choose_the_key)
    browse = dialog.findChild(QPushButton, "browseKey")
    assert isinstance(browse, QPushButton)
    browse.click()  # the dialog runs until Open
    assert Path(dialog.key_file.text()) == keys / "study.pem"
    written = {
        path.name: path.read_text(encoding="utf-8", errors="replace")
        for path in (tmp_path / "settings").rglob("*")
        if path.is_file()
    }
    assert [name for name, content in written.items() if keys.name in content] == []
    qt_settings.sync()
    assert qt_settings.value("FileDialog/history", type=list) == ["file:///home/otra/fotos"]
    assert seen["qt's own"]  # which the idle lock empties; the system's stays on screen


def test_the_app_asks_qt_for_no_system_dialog_at_all(tmp_path: Path) -> None:
    """A message box is the system's own on macOS (NSAlert) unless Qt is told otherwise:
    open at the idle lock, it would stay on screen with its text, as a file dialog did."""
    code = (
        "from PySide6.QtCore import Qt\n"
        "from fieldapp.ui.app import create_app\n"
        "app = create_app(['fieldapp'])\n"
        "print(app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True\n"


# --- walked as the users would (walkdlg) ----------------------------------------------------


def _answer(qtbot: Any, then: Any) -> dict[str, Any]:
    """Run ``then(dialog)`` on the file dialog once it is open (its exec() runs until
    answered); return what ``then`` noted."""
    seen: dict[str, Any] = {}

    def look() -> None:
        files = QApplication.activeModalWidget()
        if not isinstance(files, QFileDialog):
            QTimer.singleShot(20, look)
            return
        try:
            then(files, seen)
        except BaseException:
            files.reject()  # the test fails (pytest-qt reports it), never waits for ever
            raise

    QTimer.singleShot(20, look)
    return seen


def _type_and_enter(files: QFileDialog, name: str) -> None:
    edit = files.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(edit, QLineEdit)
    edit.selectAll()
    QTest.keyClicks(edit, name)
    QTest.keyClick(edit, Qt.Key.Key_Return)


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.apply_language("es")  # with Qt's own Spanish (qtbase_es), as the app loads it
    yield
    i18n.apply_language("en")


def test_a_name_typed_without_its_ending_is_saved_with_the_ending_of_the_type_shown(
    qtbot: Any, tmp_path: Path
) -> None:
    """The system's dialog gave "datos" the ending of the type chosen below it; Qt's gave
    none: the export then refused "datos" (no format) and a form's copy was written as
    "copia", which no spreadsheet program opens by a double click. The type shown first is
    the one the suggested name ends with (a CSV zip export showed the Excel type)."""
    exports = text("export.dialog.file_filter", "en")
    cases = [  # start, type picked (None: as shown), typed, saved as
        (tmp_path / "fieldapp-2026-12-06.zip", None, "datos", tmp_path / "datos.zip"),
        (tmp_path / "fieldapp-2026-12-06.xlsx", None, "datos", tmp_path / "datos.xlsx"),
        (tmp_path / "fieldapp.xlsx", "Stata", "datos", tmp_path / "datos.dta"),
        (tmp_path / "fieldapp.xlsx", None, "datos.zip", tmp_path / "datos.zip"),
    ]
    for start, picked, typed, saved in cases:

        def save(
            files: QFileDialog, seen: dict[str, Any], picked: Any = picked, typed: str = typed
        ) -> None:
            seen["shown"] = files.selectedNameFilter()
            if picked:
                combo = files.findChild(QComboBox, "fileTypeCombo")
                assert isinstance(combo, QComboBox)
                combo.setFocus()
                while not combo.currentText().startswith(picked):  # by the keyboard
                    QTest.keyClick(combo, Qt.Key.Key_Down)
            _type_and_enter(files, typed)

        seen = _answer(qtbot, save)
        assert file_dialogs.save_file(None, "Export", str(start), exports) == str(saved)
        assert f"*{start.suffix})" in seen["shown"]
    forms = text("formdesk.ui.add_filter", "es")
    seen = _answer(qtbot, lambda files, _seen: _type_and_enter(files, "copia-formulario"))
    copy = file_dialogs.save_file(None, "Copia", str(tmp_path / "cso.xlsx"), forms)
    assert copy == str(tmp_path / "copia-formulario.xlsx")


def test_replacing_a_file_is_asked_in_the_apps_spanish_and_no_keeps_the_dialog_open(
    qtbot: Any, tmp_path: Path, spanish: None
) -> None:
    """Qt's Spanish asked "El fichero datos.xlsx ya existe" (Spain's word; the app says
    "archivo"); "datos" typed for an existing datos.xlsx was not asked about at all."""
    existing = tmp_path / "datos.xlsx"
    existing.write_bytes(b"PK last week's export")
    exports = text("export.dialog.file_filter", "es")

    def save(files: QFileDialog, seen: dict[str, Any]) -> None:
        def answer(yes: bool, tries: int = 250) -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                if tries and box is files:  # not asked (yet): give up after 5 s
                    QTimer.singleShot(20, lambda: answer(yes, tries - 1))
                elif box is files:
                    files.reject()
                return
            seen.setdefault("asked", []).append(box.text())
            if yes:
                box.button(QMessageBox.StandardButton.Yes).click()
            else:
                QTest.keyClick(box, Qt.Key.Key_Escape)  # No, the default
                QTimer.singleShot(50, lambda: still_open(files))

        def still_open(files: QFileDialog) -> None:
            seen["open after No"] = QApplication.activeModalWidget() is files
            QTimer.singleShot(0, lambda: answer(yes=True))
            _type_and_enter(files, "datos")

        QTimer.singleShot(0, lambda: answer(yes=False))
        _type_and_enter(files, "datos")

    seen = _answer(qtbot, save)
    chosen = file_dialogs.save_file(None, "Exportar", str(tmp_path / "nuevo.xlsx"), exports)
    assert chosen == str(existing)
    assert seen["open after No"]
    assert len(seen["asked"]) == 2
    for asked in seen["asked"]:
        assert "datos.xlsx" in asked and str(tmp_path) in asked
        assert "archivo" in asked and "fichero" not in asked
    assert existing.read_bytes() == b"PK last week's export"  # the caller writes, not the dialog


def test_a_dialog_given_no_folder_opens_in_documents_then_where_she_last_chose(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attach a file, Add files…, the study key: given no folder, Qt opened the folder the
    app was started from (from a shortcut: its install folder, full of its own files)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    installed = tmp_path / "Program Files" / "fieldapp"
    installed.mkdir(parents=True)
    stick = tmp_path / "memoria"
    stick.mkdir()
    (stick / "TJ01.fieldapp").write_bytes(b"x")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(installed)
    monkeypatch.setattr(file_dialogs, "_last_folder", [], raising=False)
    packages = text("merge.ui.files_filter", "en")

    def choose(files: QFileDialog, seen: dict[str, Any]) -> None:
        seen["folder"] = Path(files.directory().absolutePath())
        _type_and_enter(files, str(stick / "TJ01.fieldapp"))

    seen = _answer(qtbot, choose)
    assert file_dialogs.open_files(None, "Add files", "", packages) == [
        str(stick / "TJ01.fieldapp")
    ]
    assert seen["folder"] == home / "Documents"
    for ask in (file_dialogs.open_file, file_dialogs.open_files):
        seen = _answer(
            qtbot,
            lambda files, seen: (
                seen.update(folder=files.directory().absolutePath()),
                files.reject(),
            ),
        )
        ask(None, "Again", "", packages)
        assert Path(seen["folder"]) == stick  # the same session: where she went last


def test_every_file_dialog_has_the_computer_and_home_in_its_side_bar(qtbot: Any) -> None:
    """The first dialog of a session listed Computer (the drives: a USB stick) and home at
    its side; every later one an empty side bar, its places put back out of the settings."""
    for _ in range(2):
        seen = _answer(
            qtbot, lambda files, seen: (seen.update(places=files.sidebarUrls()), files.reject())
        )
        file_dialogs.open_file(None, "Open", "", "")
        assert QUrl("file:") in seen["places"]
        assert QUrl.fromLocalFile(QDir.homePath()) in seen["places"]


def test_the_list_shows_each_files_size_type_and_date_whole(qtbot: Any, tmp_path: Path) -> None:
    """Qt's column widths cut a package's size ("836…KiB"), its type ("bas…te3") and the
    date's heading ("Última modific") in the 860-wide dialog."""
    (tmp_path / "TJ01-2026-12-06.fieldapp").write_bytes(b"x" * 856_000)
    (tmp_path / "datos.xlsx").write_bytes(b"PK")

    def look(files: QFileDialog, seen: dict[str, Any]) -> None:
        details = files.findChild(QTreeView, "treeView")
        assert isinstance(details, QTreeView)
        model = details.model()
        qtbot.waitUntil(lambda: model.rowCount(details.rootIndex()) == 2)
        header = details.header()
        seen["cut"] = [
            str(model.headerData(column, Qt.Orientation.Horizontal))
            for column in range(1, header.count())
            if header.sectionSize(column)
            < max(details.sizeHintForColumn(column), header.sectionSizeHint(column))
        ]
        files.reject()

    i18n.apply_language("es")
    try:
        seen = _answer(qtbot, look)
        file_dialogs.open_file(None, "Abrir", str(tmp_path), "")
    finally:
        i18n.apply_language("en")
    assert seen["cut"] == []


@pytest.mark.parametrize(
    ("question", "types"),
    [
        (
            "recording",
            ["Grabaciones (*.mp3 *.m4a *.wav *.ogg *.aac *.amr *.flac)", "Todos los archivos (*)"],
        ),
        ("doc", ["Todos los archivos (*)"]),
    ],
)
def test_attach_lists_the_questions_media_first_in_the_apps_language(
    qtbot: Any, every_type_form: Path, spanish: None, question: str, types: list[str]
) -> None:
    """The Attach dialog of a Spanish app listed "Audio (…)" then "All files (*)" in
    English; a file question's list began with an empty type."""
    from fieldapp.core.forms.engine import Session
    from fieldapp.core.forms.loader import load_form
    from fieldapp.ui.form_view import FormView

    answers = {"consent": "yes"}  # the questions after it are relevant
    view = FormView(Session(load_form(every_type_form), answers), attachment=lambda _name: b"")
    qtbot.addWidget(view)
    view.show()
    view.reveal((f"main/{question}",))
    seen = _answer(
        qtbot, lambda files, seen: (seen.update(types=files.nameFilters()), files.reject())
    )
    view.nodes[(f"main/{question}",)].pick.click()
    assert seen["types"] == types


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_study_keys_browse_is_titled_as_a_question_not_as_its_fields_label(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """The dialog asked "Private key file:", the field's label with its colon."""

    titles: list[str] = []

    def asked(_parent: Any, title: str, *_args: Any, **_kwargs: Any) -> str:
        titles.append(title)
        return ""

    monkeypatch.setattr(file_dialogs, "open_file", asked)
    i18n.apply_language(language)
    try:
        dialog = lock.StudyKeyDialog(None)
        qtbot.addWidget(dialog)
        dialog.browse()
    finally:
        i18n.apply_language("en")
    assert titles == [text("crypto.ui.key_file_title", language)]
    assert not titles[0].rstrip().endswith(":")


def test_a_folder_and_the_computers_drive_have_their_type_in_the_apps_spanish(
    qtbot: Any, tmp_path: Path, spanish: None
) -> None:
    """Qt's Spanish (qtbase_es) leaves a folder's type "Folder" and a drive's "Drive" in
    the list of a Spanish app, beside files typed "documento Markdown"."""
    (tmp_path / "memoria USB").mkdir()
    (tmp_path / "notas.md").write_text("# notas", encoding="utf-8")

    def look(files: QFileDialog, seen: dict[str, Any]) -> None:
        details = files.findChild(QTreeView, "treeView")
        assert isinstance(details, QTreeView)
        model = details.model()
        root = details.rootIndex()
        type_column = 2

        def listed() -> dict[str, str]:
            rows = (model.index(row, 0, root) for row in range(model.rowCount(root)))
            return {
                str(model.data(index)): str(model.data(index.siblingAtColumn(type_column)))
                for index in rows
            }

        qtbot.waitUntil(lambda: len(listed()) == 2 and all(listed().values()))
        seen["types"] = listed()
        drive = model.index(QDir.rootPath())
        seen["drive"] = str(model.data(drive.siblingAtColumn(type_column)))
        files.reject()

    seen = _answer(qtbot, look)
    file_dialogs.open_file(None, "Abrir", str(tmp_path), "")
    assert seen["types"]["memoria USB"] == "Carpeta"
    assert "Folder" not in seen["types"]["notas.md"]  # a file's type: the system's words
    assert seen["drive"] == "Unidad"


def test_a_folder_dialog_says_it_lists_folders_in_the_apps_spanish(
    qtbot: Any, tmp_path: Path, spanish: None
) -> None:
    """Choosing the stick's folder to merge, the type box said Qt's "Directorios"."""

    def look(files: QFileDialog, seen: dict[str, Any]) -> None:
        kinds = files.findChild(QComboBox, "fileTypeCombo")
        assert isinstance(kinds, QComboBox)
        seen["kinds"] = [kinds.itemText(n) for n in range(kinds.count())]
        files.reject()

    seen = _answer(qtbot, look)
    file_dialogs.folder(None, "Carpeta", str(tmp_path))
    assert seen["kinds"] == ["Carpetas"]
