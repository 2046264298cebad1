"""File › Forms…: a supervisor adds a revised or sealed form and saves a copy for Kobo/ODK."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from merge_devices import Device
from opened_windows import OPENED
from unsafe_names import why_unsafe
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.core.store.content import form_sha256
from fieldapp.ui import file_dialogs
from fieldapp.ui.forms_dialog import FormsDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.new_interview import NewInterviewDialog


def cso(folder: Path, version: str, key: str = "", label: str = "Organización") -> Path:
    settings = {"form_id": "cso", "version": version, "form_title": "Sociedad civil"}
    if key:
        settings["public_key"] = key
    survey = [{"type": "text", "name": "org", "label": label}]
    return write_xlsform(folder / f"cso-{version}.xlsx", survey, settings=settings)


def open_dialog(qtbot: Any, path: Path) -> tuple[MainWindow, FormsDialog]:
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    assert window.forms_action in window.file_menu.actions()
    dialog = window.open_forms()
    assert isinstance(dialog, FormsDialog)
    qtbot.addWidget(dialog)
    return window, dialog


def cells(dialog: FormsDialog, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_a_sealed_version_added_in_the_window_is_what_new_interviews_start_on(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "sup.db") as store:
        store.forms.add(cso(tmp_path, "1"))
    window, dialog = open_dialog(qtbot, tmp_path / "sup.db")
    assert cells(dialog, 1) == ["cso"] and cells(dialog, 3) == ["no (kept in clear)"]

    sealed = cso(tmp_path / "sealed", "2", pair.public_key)
    added = dialog.add(sealed)
    assert added is not None and added.new
    said = dialog.status.text()
    assert 'cso-2.xlsx: added the form "cso" version 2' in said
    assert pair.fingerprint in said and "start on this version" in said
    assert cells(dialog, 2) == ["2", "1"]
    assert cells(dialog, 3)[0] == f"for the key {pair.fingerprint}"
    assert cells(dialog, 5) == [
        "start on this version",
        "no longer (in clear, the form is sealed now)",
    ]
    assert dialog.selected() is not None and dialog.selected().record.version == "2"

    # What the researcher then gets from Ctrl+N: the sealed version alone. The version in
    # clear is retired: offering it would switch sealing off with one click.
    shown: list[NewInterviewDialog] = []

    def look(dialog: NewInterviewDialog) -> int:
        shown.append(dialog)
        return 0  # Cancel

    monkeypatch.setattr(NewInterviewDialog, "exec", look)
    window.new_interview()
    (new,) = shown
    assert new.form_record().sha256 == added.record.sha256
    assert new.version_box.count() == 1 and not new.version_box.isVisibleTo(new)


def test_a_refused_form_says_why_and_changes_nothing(qtbot: Any, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.forms.add(cso(tmp_path, "1"))
    _, dialog = open_dialog(qtbot, tmp_path / "s.db")
    assert dialog.add(cso(tmp_path / "edited", "1", label="Nombre")) is None
    assert dialog.status.property("role") == "error"
    assert "is already here with other content" in dialog.status.text()
    assert cells(dialog, 2) == ["1"]

    broken = write_xlsform(
        tmp_path / "broken.xlsx",
        [{"type": "text", "name": "q", "label": "Q", "relevant": "${nowhere} = 1"}],
        settings={"form_id": "other", "version": "1"},
    )
    assert dialog.add(broken) is None
    assert "broken.xlsx: survey row 2" in dialog.status.text()
    assert "nowhere" in dialog.status.text() and cells(dialog, 1) == ["cso"]


def test_save_a_copy_writes_the_stored_workbook_and_never_overwrites(
    qtbot: Any, tmp_path: Path
) -> None:
    original = cso(tmp_path, "1")
    with Store.open(tmp_path / "s.db") as store:
        store.forms.add(original)
    _, dialog = open_dialog(qtbot, tmp_path / "s.db")
    held = dialog.selected()
    assert held is not None and dialog.copy_button.isEnabled()
    out = tmp_path / "for-kobo"
    out.mkdir()
    written = dialog.copy_to(held, out / "cso.xlsx")
    assert written is not None and written.read_bytes() == original.read_bytes()
    assert "ODK Central and KoboToolbox take it as it is" in dialog.status.text()
    assert dialog.copy_to(held, out / "cso.xlsx") is None
    assert "already exists" in dialog.status.text()
    assert written.read_bytes() == original.read_bytes()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Not written: desktop.ini, setup.exe."), ("es", "No se escribieron: desktop.ini")],
)
def test_save_a_copy_names_the_files_it_leaves_out(
    qtbot: Any, tmp_path: Path, language: str, words: str
) -> None:
    """A form a merged package brought shows ``setup.exe`` as an image and carries
    ``desktop.ini`` it never names: neither is written, and the window says so (it left
    them out without a word, and the supervisor took the form to ODK one file short)."""
    from fieldapp.core.forms.loader import load_form_bytes
    from fieldapp.ui import i18n

    survey = [
        {"type": "note", "name": f"n{n}", "label": "Logo", "image": image}
        for n, image in enumerate(["logo.png", "setup.exe"])
    ]
    settings = {"form_id": "cso", "version": "1", "form_title": "Sociedad civil"}
    content = write_xlsform(tmp_path / "cso.xlsx", survey, settings=settings).read_bytes()
    files = {"logo.png": b"\x89PNG\r\n\x1a\n logo", "setup.exe": b"MZ owned", "desktop.ini": b"[x]"}
    ana = Device(tmp_path / "ana.db", "ana")
    ana.store.forms.add_loaded(load_form_bytes(content, "cso.xlsx"), content, "cso.xlsx", files)
    ana.close()
    with Store.open(tmp_path / "sup.db") as store:
        merge_database(store, ana.path)
    i18n.apply_language(language)
    try:
        _, dialog = open_dialog(qtbot, tmp_path / "sup.db")
        held = dialog.selected()
        assert held is not None
        out = tmp_path / "out"
        out.mkdir()
        assert dialog.copy_to(held, out / "cso.xlsx") is not None
    finally:
        i18n.apply_language("en")
    assert sorted(p.name for p in out.iterdir()) == ["cso.xlsx", "logo.png"]
    said = dialog.status.text().splitlines()
    assert len(said) == 2 and "logo.png" in said[0] and "setup.exe" not in said[0]
    assert said[1].startswith(words) and "setup.exe" in said[1]


def test_seal_with_the_study_key_seals_every_form_in_clear_in_one_step(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    with Store.open(tmp_path / "sup.db") as store:
        store.forms.add(cso(tmp_path, "1"))
    _, dialog = open_dialog(qtbot, tmp_path / "sup.db")
    assert dialog.seal_button.isEnabled()
    private = tmp_path / "fieldapp-study-private-key.pem"
    private.write_bytes(pair.private_pem)
    assert dialog.seal(private) is None
    assert "is the study's private key" in dialog.status.text()
    assert cells(dialog, 3) == ["no (kept in clear)"]

    public = tmp_path / "fieldapp-study-public-key.txt"
    public.write_text(pair.public_key + "\n", encoding="utf-8")
    done = dialog.seal(public)
    assert done is not None and [d.form_id for d in done if d.added] == ["cso"]
    assert f"sealed for the study key {pair.fingerprint}" in dialog.status.text()
    assert cells(dialog, 3)[0] == f"for the key {pair.fingerprint}"
    assert cells(dialog, 5)[0] == "start on this version"
    assert not dialog.seal_button.isEnabled(), "nothing left in clear"


@pytest.mark.parametrize(
    ("added_as", "why"),
    [
        ("formulario\u202exslx.exe", "shown as formularioexe.xlsx: Windows would run it"),
        ("CON.xlsx", "a Windows device: no file can be saved under it"),
        ("..\\..\\Startup\\cso.xlsx", "a folder elsewhere, on Windows"),
        ("c" * 300 + ".xlsx", "over 255 bytes: the save fails"),
    ],
)
def test_save_a_copy_offers_a_name_that_is_what_it_shows_and_saves_anywhere(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, added_as: str, why: str
) -> None:
    """A form's file name is what the laptop that added it wrote, and a merge takes it as
    it comes. *Save a copy…* offered it as the name of the copy."""
    ana = Device(tmp_path / "ana.db", "ana")
    content = cso(tmp_path, "1").read_bytes()
    with ana.store.transaction() as db:  # a modified fieldapp, or a thief with the laptop
        db.conn.execute(
            "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
            "VALUES (?, 'cso', '1', 'Sociedad civil', ?, ?, ?)",
            [form_sha256(content, {}), added_as, content, ana.store.now()],
        )
    ana.close()
    with Store.open(tmp_path / "sup.db") as store:
        merge_database(store, ana.path)
    _, dialog = open_dialog(qtbot, tmp_path / "sup.db")
    offered: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str, **_: Any) -> str:
        offered.append(suggested)
        return ""  # Cancel

    monkeypatch.setattr(file_dialogs, "save_file", save_as)
    dialog.choose_and_copy()
    (name,) = [Path(suggested).name for suggested in offered]
    assert name.endswith(".xlsx"), why
    assert why_unsafe(name) is None, why


def test_tab_leaves_the_list_of_forms(qtbot: Any, tmp_path: Path) -> None:
    """Seen in the Spanish walk (the same in the merge dialog and the History): Tab went
    from cell to cell of the list and never left it, so the buttons below it could not be
    reached again from the keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    _window, dialog = open_dialog(qtbot, tmp_path / "sup.db")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    reached = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert dialog.add_button in reached


def test_save_a_copy_over_a_file_says_the_name_is_taken_instead_of_asking_to_replace(
    qtbot: Any, tmp_path: Path
) -> None:
    """*Save a copy…* never writes over a file, yet its dialog asked "Replace it?": Yes
    closed it and the window then said "already exists; nothing was written". The name
    taken is said in the dialog, which stays open for another name (walkdlg)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QListView, QMessageBox

    original = cso(tmp_path, "1")
    with Store.open(tmp_path / "s.db") as store:
        store.forms.add(original)
    _, dialog = open_dialog(qtbot, tmp_path / "s.db")
    taken = tmp_path / "copia.xlsx"
    taken.write_bytes(b"PK someone's workbook")
    seen: dict[str, Any] = {"said": []}

    def type_name(name: str) -> None:
        files = QApplication.activeModalWidget()
        if not isinstance(files, QFileDialog):
            QTimer.singleShot(20, lambda: type_name(name))
            return
        edit = files.findChild(QLineEdit, "fileNameEdit")
        assert isinstance(edit, QLineEdit)
        # Typed with the focus in it, a name matching no file unselects the one "copia"
        # matched; offscreen the focus stays put, so the list is unselected here.
        listed = files.findChild(QListView, "listView")
        assert isinstance(listed, QListView)
        listed.clearSelection()
        edit.setText(name)  # as pasted: no completion list to take the Enter
        if name == str(tmp_path / "copia"):
            QTimer.singleShot(20, lambda: answer(files))
        QTest.keyClick(edit, Qt.Key.Key_Return)

    def answer(files: QFileDialog, tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries and box is files:
                QTimer.singleShot(20, lambda: answer(files, tries - 1))
            return
        seen["said"].append(box.text())
        buttons = [b for b in box.buttons() if box.buttonRole(b) != QMessageBox.ButtonRole.NoRole]
        buttons[0].click()  # OK (or, asked to replace, Yes)
        QTimer.singleShot(50, lambda: still_open(files))

    def still_open(files: QFileDialog) -> None:
        seen["open"] = QApplication.activeModalWidget() is files
        if seen["open"]:
            type_name(str(tmp_path / "copia-2"))

    QTimer.singleShot(0, lambda: type_name(str(tmp_path / "copia")))
    dialog.table.selectRow(0)
    dialog.copy_button.click()
    assert len(seen["said"]) == 1
    assert "copia.xlsx" in seen["said"][0] and "Replace" not in seen["said"][0]
    assert seen["open"]
    assert taken.read_bytes() == b"PK someone's workbook"
    assert (tmp_path / "copia-2.xlsx").read_bytes() == original.read_bytes()
    assert "already exists" not in dialog.status.text()


def test_save_a_copy_starts_where_the_package_went_and_the_package_where_the_copy_went(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen walking the researcher's day (walkres): the package written to the stick, *Save
    a copy…* opened in the home folder, and she looked for the stick again."""
    from PySide6.QtCore import QSettings

    from fieldapp.ui.package_dialog import PackageDialog

    with Store.open(tmp_path / "s.db") as store:
        store.forms.add(cso(tmp_path, "1"))
    window, forms = open_dialog(qtbot, tmp_path / "s.db")
    stick = tmp_path / "USB-STICK"
    stick.mkdir()
    package = window.open_package()
    assert isinstance(package, PackageDialog)
    qtbot.addWidget(package)
    package.folder_edit.setText(str(stick))
    package.name_edit.setText("TJ01-hoy")
    with qtbot.waitSignal(package.written, timeout=20000):
        package.start()
    package.close()
    offered: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str, **_: Any) -> str:
        offered.append(suggested)
        return str(other / "cso-copia.xlsx")

    other = tmp_path / "OTRA-USB"
    other.mkdir()
    monkeypatch.setattr(file_dialogs, "save_file", save_as)
    forms.choose_and_copy()
    (suggested,) = offered
    assert Path(suggested).parent == stick
    assert (other / "cso-copia.xlsx").is_file()
    # the next package starts where that copy went
    again = window.open_package()
    qtbot.addWidget(again)
    assert again.folder_edit.text() == str(other)
    again.close()
    # folders, never a file's name
    QSettings().sync()
    remembered = b"".join(p.read_bytes() for p in (tmp_path / "settings").rglob("*") if p.is_file())
    assert b"OTRA-USB" in remembered
    assert b"cso-copia" not in remembered and b"TJ01-hoy" not in remembered
