"""A dialog open when the idle lock engages comes back as it was after the passphrase.

Hiding a dialog that runs ``exec()`` ends it as rejected: before this, the idle lock threw
away the New interview dialog's form, city and interviewer (nothing was started) and a
supervisor's typed reason. The lock now empties such a dialog instead of hiding it; a
dialog that showed what the forgotten study key opened closes, and the app says so.

These dialogs run modal, so each test acts from timers, step by step, returning to the
dialog's own event loop between steps as the app does between the lock and the unlock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from merge_devices import hold_merge_of
from opened_windows import OPENED
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QWidget,
)
from study_keys import DRAFTS_PASSPHRASE, KEY_PASSPHRASE, answer_study_key
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.messages import text
from fieldapp.ui import lock

CODE = "NL07"
REASON = "Robada en el retén de Nuevo Laredo"


class Script:
    """Run ``steps`` one after another from timers, each in whatever event loop runs then.

    A step that raises stops the script: ``abort`` then closes what is open (or the modal
    call under test would wait forever) and the error is raised by ``check``.
    """

    def __init__(self, steps: list[Callable[[], None]], abort: Callable[[], None]) -> None:
        self.steps = list(steps)
        self.abort = abort
        self.failed: list[BaseException] = []
        self.done = False
        QTimer.singleShot(50, self._next)

    def _next(self) -> None:
        if not self.steps or self.done:
            self.done = True
            return
        try:
            self.steps.pop(0)()
        except BaseException as error:
            self.failed.append(error)
            self.done = True
            self.abort()
            return
        if not self.steps:  # done as the last step acts (before a modal call it ends returns)
            self.done = True
            return
        QTimer.singleShot(50, self._next)

    def check(self, qtbot: Any) -> None:
        qtbot.waitUntil(lambda: self.done)
        if self.failed:
            raise self.failed[0]


def _shown_while_locked(idle: lock.IdleLock) -> list[str]:
    """What a person at the screen could read while locked, outside the lock's dialog."""
    locked_title = text("crypto.ui.locked_title", "en")
    seen: list[str] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible() or window is idle.dialog:
            continue
        if window.windowTitle() != locked_title:
            seen.append(f"title {window.windowTitle()!r}")
        # A child window (a file dialog over the export dialog) is a window of its own here.
        children = [c for c in window.findChildren(QWidget) if not c.isWindow()]
        seen += [type(c).__name__ for c in children if c.isVisible()]
        image = window.grab().toImage()
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 5)
            for y in range(0, image.height(), 5)
        }
        if len(colours) > 1:  # anything drawn on it: a field, a word, a frame
            seen.append(f"{len(colours)} colours drawn in {type(window).__name__}")
    return seen


@pytest.fixture
def sealed_db(tmp_path: Path, pair: crypto.KeyPair) -> Iterator[Path]:
    """A laptop database with a sealed form that asks the city; drafts passphrase set."""
    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[
            {"type": "text", "name": "interviewer", "label": "Entrevistador"},
            {"type": "select_one city", "name": "city", "label": "Ciudad"},
            {"type": "text", "name": "story", "label": "Relato"},
        ],
        choices=[
            {"list_name": "city", "name": "tijuana", "label": "Tijuana"},
            {"list_name": "city", "name": "nuevo_laredo", "label": "Nuevo Laredo"},
        ],
        settings={"form_id": "security_sealed", "version": "1", "public_key": pair.public_key},
    )
    with Store.open(tmp_path / "field.db") as store:
        store.forms.add(form)
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    yield tmp_path / "field.db"


def _researchers_window(
    qtbot: Any, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, lock.IdleLock]:
    """The main window with its locks, the drafts opened at start."""
    from fieldapp.ui.main_window import MainWindow

    def ask(parent: Any, store: Any) -> bool:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        return True

    monkeypatch.setattr(lock, "ask_drafts_passphrase", ask)
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    idle = lock.install_locks(window)
    qtbot.waitUntil(lambda: window.store.keys.drafts_unlocked)
    return window, idle


def _supervisors_window(
    db: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, lock.IdleLock]:
    """The main window of ``db`` with its locks: no drafts here, the study key only (its
    prompt answered with the study's key file)."""
    from fieldapp.ui.main_window import MainWindow

    key_file = db.parent / "study.pem"
    key_file.write_bytes(pair.private_pem)
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    answer_study_key(monkeypatch, key_file)
    window = MainWindow(db)
    OPENED.append(window)
    window.show()
    return window, lock.install_locks(window)


def _new_interview_dialog() -> Any:
    from fieldapp.ui.new_interview import NewInterviewDialog

    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewInterviewDialog)]
    return dialog


def _close_everything(idle: lock.IdleLock) -> Callable[[], None]:
    def close() -> None:
        if idle.dialog is not None:
            idle.dialog.done(0)
        for window in QApplication.topLevelWidgets():
            if isinstance(window, QDialog) and window.isVisible():
                window.done(0)

    return close


def _unlock(idle: lock.IdleLock) -> None:
    assert idle.locked and isinstance(idle.dialog, lock.PassphraseDialog)
    idle.dialog.passphrase.setText(DRAFTS_PASSPHRASE)
    idle.dialog.accept()
    assert not idle.locked


@pytest.mark.parametrize("answer", ["ok", "cancel"])
def test_the_new_interview_dialog_comes_back_from_the_idle_lock_as_typed(
    qtbot: Any, sealed_db: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    window, idle = _researchers_window(qtbot, sealed_db, monkeypatch)
    seen: dict[str, Any] = {}

    def fill() -> None:
        dialog = _new_interview_dialog()
        dialog.city_box.setCurrentIndex(dialog.city_box.findData("nuevo_laredo"))
        dialog.interviewer_edit.setText(CODE)
        dialog.activateWindow()
        dialog.interviewer_edit.setFocus()
        seen["dialog"] = dialog

    def locked() -> None:
        assert idle.locked and not window.isVisible()
        seen["shown"] = _shown_while_locked(idle)
        # What she types now goes to the lock's prompt, not to the emptied dialog.
        seen["typed_into"] = QApplication.activeModalWidget() is idle.dialog

    def unlocked() -> None:
        dialog = seen["dialog"]
        assert dialog.isVisible() and window.isVisible()
        seen["after"] = (
            dialog.windowTitle(),
            dialog.city_box.currentData(),
            dialog.interviewer_edit.text(),
            dialog.interviewer_edit.isVisible(),
            dialog.focusWidget() is dialog.interviewer_edit,
        )
        dialog.accept() if answer == "ok" else dialog.reject()

    try:
        script = Script(
            [fill, idle.lock, locked, lambda: _unlock(idle), unlocked], _close_everything(idle)
        )
        window.new_interview()  # runs the dialog until OK or Cancel
        OPENED.extend(window.interview_windows.values())
        answered_after_the_unlock = script.done  # not ended by the lock as if cancelled
        script.check(qtbot)
        assert answered_after_the_unlock
        assert seen["shown"] == []  # neither the form, the city nor the code while locked
        assert seen["typed_into"]
        title = window.tr("New interview")
        assert seen["after"] == (title, "nuevo_laredo", CODE, True, True)
        started = list(window.interview_windows)
        if answer == "cancel":
            assert started == [] and window.store.interviews.count() == 0
        else:
            (submission,) = started
            answers = window.store.interviews.working_answers(submission)
            assert (answers["city"], answers["interviewer"]) == ("nuevo_laredo", CODE)
    finally:
        idle.stop()


def test_a_supervisors_reason_typed_at_the_idle_lock_is_given_after_the_passphrase(
    qtbot: Any, sealed_db: Path
) -> None:
    from fieldapp.core.store import Store
    from fieldapp.ui.devices_desk import ReasonDialog

    desk = QMainWindow()
    desk.setCentralWidget(QLabel("Dispositivos"))
    qtbot.addWidget(desk)
    desk.show()
    with Store.open(sealed_db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        idle = lock.IdleLock(lock.Guard(store.keys.unlock_drafts), minutes=0)
        seen: dict[str, Any] = {}

        def fill() -> None:
            (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog)]
            dialog.reason_edit.setText(REASON)
            dialog.author_edit.setText("Supervisora Ortiz")
            dialog.reason_edit.setFocus()
            seen["dialog"] = dialog

        def locked() -> None:
            assert idle.locked and not desk.isVisible()
            seen["shown"] = _shown_while_locked(idle)

        def unlocked() -> None:
            dialog = seen["dialog"]
            assert dialog.isVisible() and desk.isVisible()
            assert dialog.focusWidget() is dialog.reason_edit
            dialog.confirm_button.click()

        try:
            script = Script(
                [fill, idle.lock, locked, lambda: _unlock(idle), unlocked],
                _close_everything(idle),
            )
            answer = ReasonDialog.ask("Revocar", "¿Por qué?", "Revocar", desk)
            answered_after_the_unlock = script.done
            script.check(qtbot)
            assert answered_after_the_unlock
            assert seen["shown"] == []
            assert answer == (REASON, "Supervisora Ortiz")
        finally:
            idle.stop()


def test_a_conflicts_desk_that_showed_sealed_interviews_closes_with_the_key_and_says_so(
    qtbot: Any, sealed_db: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui.conflicts_view import ConflictsView

    window, idle = _supervisors_window(sealed_db, pair, monkeypatch)
    seen: dict[str, Any] = {}

    def locked() -> None:
        assert idle.locked and isinstance(idle.dialog, lock.StudyKeyDialog)
        seen["shown"] = _shown_while_locked(idle)
        idle.dialog.reject()  # Cancel: go on without the key

    def unlocked() -> None:
        assert not idle.locked and window.isVisible()
        seen["notice"] = idle.notice is not None and idle.notice.isVisible()
        seen["said"] = idle.notice.text() if idle.notice is not None else ""
        if idle.notice is not None:
            idle.notice.close()
        views = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictsView)]
        seen["came_back"] = [v.windowTitle() for v in views if v.isVisible()]
        for view in views:
            view.done(0)  # came back (the old way hid it, the wrong way shows it): end it

    try:
        window.study_key_action.trigger()
        assert window.state.study_key is not None and window.store.keys.hides_sealed() is False
        script = Script([idle.lock, locked, unlocked], _close_everything(idle))
        window.open_conflicts()  # shown with the key: it may name sealed forms and cities
        script.check(qtbot)
        assert seen["came_back"] == []  # it named sealed forms' cities: not for whoever cancels
        assert seen["shown"] == []
        assert seen["notice"] and "closed" in seen["said"] and "study key" in seen["said"]
    finally:
        idle.stop()


def test_the_export_dialogs_choices_survive_the_idle_lock(
    qtbot: Any, sealed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui.export_dialog import ExportDialog

    window, idle = _researchers_window(qtbot, sealed_db, monkeypatch)
    seen: dict[str, Any] = {}

    def choose() -> None:
        (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
        dialog.labels_button.setChecked(True)
        dialog.deidentify_check.setChecked(True)
        dialog.format_combo.setCurrentIndex(dialog.format_combo.count() - 1)
        seen["dialog"], seen["before"] = dialog, (dialog.options(), dialog.path_edit.text())

    def locked() -> None:
        assert idle.locked and not window.isVisible()
        seen["shown"] = _shown_while_locked(idle)
        # What she types now goes to the lock's prompt, not to the emptied dialog.
        seen["typed_into"] = QApplication.activeModalWidget() is idle.dialog

    def unlocked() -> None:
        dialog = seen["dialog"]
        assert dialog.isVisible()
        seen["after"] = (dialog.options(), dialog.path_edit.text())
        dialog.reject()

    try:
        script = Script(
            [choose, idle.lock, locked, lambda: _unlock(idle), unlocked], _close_everything(idle)
        )
        window.open_export()
        answered_after_the_unlock = script.done
        script.check(qtbot)
        assert answered_after_the_unlock
        assert seen["shown"] == []
        assert seen["after"] == seen["before"]
        assert seen["before"][0].labels and seen["before"][0].deidentify
    finally:
        idle.stop()


@pytest.fixture
def stick(sealed_db: Path) -> tuple[Path, Path]:
    """Two laptops' databases, each with one sealed interview: Nuevo Laredo, Tijuana."""
    from fieldapp.core.store import Store

    laptops = []
    for name, city in (("nl", "nuevo_laredo"), ("tj", "tijuana")):
        with Store.open(sealed_db.parent / f"{name}.db") as store:
            store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
            sha = store.forms.add(sealed_db.parent / "sealed.xlsx").sha256
            store.interviews.submit(
                sha,
                {"story": "Relato"},
                finalize=True,
                interviewer=f"{name.upper()}01",
                city=city,
                actor_type="security",
            )
        laptops.append(sealed_db.parent / f"{name}.db")
    return laptops[0], laptops[1]


def _merge_texts(dialog: Any) -> str:
    """Everything the merge dialog says: its rows (and their tooltips), status and summary."""
    rows = [dialog.table.item(row, 1) for row in range(dialog.table.rowCount())]
    return "\n".join(
        [dialog.status.text(), dialog.summary.toPlainText()]
        + [f"{item.text()}\n{item.toolTip()}" for item in rows if item is not None]
    )


@pytest.mark.parametrize(
    ("ends", "key", "second"),
    [
        ("while locked", "given", "laptop"),
        ("after the unlock", "cancelled", "laptop"),
        ("while locked", "cancelled", "junk"),
        ("after the unlock", "given", "junk"),
    ],
)
def test_a_merge_running_at_the_idle_lock_says_what_it_did_after_the_passphrase(
    qtbot: Any,
    sealed_db: Path,
    stick: tuple[Path, Path],
    pair: crypto.KeyPair,
    monkeypatch: pytest.MonkeyPatch,
    ends: str,
    key: str,
    second: str,
) -> None:
    """The supervisor, study key open, merged a stick and left the laptop while a file
    merged. The lock closed the dialog, whose summary named the sealed form's city, and
    the merge went on unseen: what it took in or refused was said nowhere. It comes back
    now saying it, naming sealed forms' cities only if the key is given again."""
    from fieldapp.core.store import Store
    from fieldapp.ui.merge_dialog import MergeDialog

    supervisor = sealed_db.parent / "supervisor.db"
    with Store.open(supervisor) as store:
        store.forms.add(sealed_db.parent / "sealed.xlsx")
    first, held = stick
    if second == "junk":
        held = sealed_db.parent / "photo.db"
        held.write_bytes(b"\xff\xd8\xff\xe0" * 500)
    reached, release = hold_merge_of(held, monkeypatch)
    window, idle = _supervisors_window(supervisor, pair, monkeypatch)
    seen: dict[str, Any] = {}

    def merge_the_stick() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        dialog.add_sources([first, held])
        dialog.merge_button.click()
        qtbot.waitUntil(lambda: 0 in dialog.results and reached.is_set(), timeout=20_000)
        seen["dialog"], seen["before"] = dialog, _merge_texts(dialog)

    def ended(dialog: Any) -> None:
        release.set()
        qtbot.waitUntil(lambda: dialog.work_thread is None, timeout=20_000)

    def locked() -> None:
        assert idle.locked and isinstance(idle.dialog, lock.StudyKeyDialog)
        seen["shown"] = _shown_while_locked(idle)
        if ends == "while locked":
            ended(seen["dialog"])
            seen["shown"] += _shown_while_locked(idle)
        if key == "given":
            idle.dialog.passphrase.setText(KEY_PASSPHRASE)
            idle.dialog.accept()
        else:
            idle.dialog.reject()  # Cancel: go on without the key

    def unlocked() -> None:
        dialog = seen["dialog"]
        assert not idle.locked and window.isVisible()
        seen["came_back"] = dialog.isVisible() and dialog.summary.isVisible()
        if ends == "after the unlock":
            ended(dialog)
        seen["after"] = _merge_texts(dialog)
        seen["notice"] = idle.notice is not None
        dialog.close_button.click()

    try:
        window.study_key_action.trigger()
        assert window.state.study_key is not None
        script = Script([merge_the_stick, idle.lock, locked, unlocked], _close_everything(idle))
        window.open_merge()  # runs the dialog until it is closed
        answered_after_the_unlock = script.done
        script.check(qtbot)
        assert answered_after_the_unlock  # not ended by the lock
        assert "Nuevo Laredo" in seen["before"]  # the key showed the sealed form's city
        assert seen["shown"] == []
        assert seen["came_back"] and not seen["notice"]
        said = seen["after"]
        if second == "laptop":
            assert said.startswith("Done: 2 of 2 files merged, 0 refused")
            assert said.count("1 new interview") >= 2  # each file's row: the totals stay
        else:
            assert said.startswith("Done: 1 of 2 files merged, 1 refused")
            assert "not a fieldapp database" in said
        if key == "given":
            assert "Nuevo Laredo" in said and (second == "junk" or "Tijuana" in said)
        else:
            assert "Nuevo Laredo" not in said and "Tijuana" not in said, said
            assert "Interviews of sealed forms left out: 1" in said
        with Store.open(supervisor) as store:
            assert store.interviews.count() == (2 if second == "laptop" else 1)
        listed = 2 if second == "laptop" else 1
        assert window.model.total == (0 if key == "cancelled" else listed)  # the list is read again
    finally:
        idle.stop()


CANARY = "CANARY-relato-nuevo-laredo"
"""A file name in the folder a file dialog shows: nobody at a locked screen may read it."""


def _rows(view: QAbstractItemView) -> list[str]:
    """What an item view shows: each row under its root, every column, text and tooltip."""
    model = view.model()
    if model is None:
        return []
    root = view.rootIndex() if view.rootIndex().isValid() else QModelIndex()
    said = []
    for row in range(model.rowCount(root)):
        for column in range(model.columnCount(root)):
            index = model.index(row, column, root)
            said += [str(index.data()), str(index.data(Qt.ItemDataRole.ToolTipRole))]
    return said


def _readable(window: QWidget) -> str:
    """Every text a person could read in ``window``: its title, each visible label, field,
    button and combo box, and every row of each visible list (a file dialog's files)."""
    if not window.isVisible():
        return ""
    said = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        said.append(widget.toolTip())
        shown = getattr(widget, "text", None)  # a label's, a field's, a button's
        if callable(shown):
            said.append(str(shown()))
        if isinstance(widget, QComboBox):
            said += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView):
            said += _rows(widget)
    return "\n".join(said)


def _read_while_locked(idle: lock.IdleLock) -> str:
    """Every text of every window but the lock's own prompt."""
    windows = QApplication.topLevelWidgets()
    return "\n".join(_readable(w) for w in windows if w is not idle.dialog)


def _file_dialog() -> QFileDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog), dialog
    return dialog


def _name_field(dialog: QFileDialog) -> QLineEdit:
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert isinstance(field, QLineEdit)
    return field


def _press(dialog: QFileDialog, button: QDialogButtonBox.StandardButton) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert isinstance(box, QDialogButtonBox)
    box.button(button).click()


def _file_dialog_at_the_lock(
    qtbot: Any, idle: lock.IdleLock, folder: Path, typed: str, seen: dict[str, Any]
) -> list[Callable[[], None]]:
    """Steps once a file dialog is open: go to ``folder``, see its files, type ``typed``;
    the lock; what shows while locked; the unlock; what shows after it (then accept)."""

    def type_the_name() -> None:
        files = _file_dialog()
        files.setDirectory(str(folder))
        qtbot.waitUntil(lambda: CANARY in _readable(files))  # the folder's files are listed
        _name_field(files).setText(typed)
        _name_field(files).setFocus()
        seen["files"], seen["title"] = files, files.windowTitle()

    def locked() -> None:
        files = seen["files"]
        assert idle.locked and files.isVisible()  # emptied, not ended as if cancelled
        seen["qt's own"] = files.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["shown"] = _shown_while_locked(idle)
        seen["read"] = [line for line in _read_while_locked(idle).splitlines() if CANARY in line]

    def unlocked() -> None:
        files = seen["files"]
        assert not idle.locked and files.isVisible()
        seen["after"] = (
            files.windowTitle(),
            Path(files.directory().absolutePath()),
            _name_field(files).text(),
            files.focusWidget() is _name_field(files),
            CANARY in _readable(files),
        )
        accept = files.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        _press(
            files,
            QDialogButtonBox.StandardButton.Save
            if accept
            else QDialogButtonBox.StandardButton.Open,
        )

    return [type_the_name, idle.lock, locked, lambda: _unlock(idle), unlocked]


def _check_file_dialog(seen: dict[str, Any], folder: Path, typed: str) -> None:
    # Qt's own dialog, which the lock empties; the system's (Windows, macOS) stayed on screen.
    assert seen["qt's own"]
    assert seen["shown"] == []  # no widget, no title, nothing drawn
    assert seen["read"] == []  # no file name of the folder
    assert seen["after"] == (seen["title"], folder, typed, True, True)


def test_the_exports_save_dialog_shows_no_file_name_at_the_idle_lock_and_saves_where_typed(
    qtbot: Any, sealed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export…, Browse…: the Save dialog open at the idle lock showed the exports folder's
    files on a locked laptop (the system's dialog, which the lock cannot empty)."""
    from fieldapp.ui.export_dialog import ExportDialog

    folder = sealed_db.parent / "exportaciones"
    folder.mkdir()
    (folder / f"{CANARY}.xlsx").write_bytes(b"PK")
    typed = "entrevistas-tijuana.xlsx"
    window, idle = _researchers_window(qtbot, sealed_db, monkeypatch)
    seen: dict[str, Any] = {}

    def browse() -> None:
        (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
        dialog.path_edit.setText(str(folder / "fieldapp.xlsx"))
        seen["export"] = dialog
        QTimer.singleShot(0, dialog.browse_button.click)  # the Save dialog runs until answered

    def chosen() -> None:
        seen["path"] = seen["export"].path_edit.text()
        seen["export"].reject()

    try:
        steps = [browse, *_file_dialog_at_the_lock(qtbot, idle, folder, typed, seen), chosen]
        script = Script(steps, _close_everything(idle))
        window.open_export()
        script.check(qtbot)
        _check_file_dialog(seen, folder, typed)
        assert seen["title"] == seen["export"].windowTitle()  # the call site's own title
        assert Path(seen["path"]) == folder / typed  # Save after the unlock gave the path
    finally:
        idle.stop()


def test_the_merges_add_files_dialog_shows_no_file_name_at_the_idle_lock_and_adds_the_files(
    qtbot: Any, sealed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merge…, Add files…: the stick's packages, named by laptop, stayed on screen."""
    from fieldapp.ui.merge_dialog import MergeDialog

    stick = sealed_db.parent / "memoria"
    stick.mkdir()
    (stick / f"{CANARY}.fieldapp").write_bytes(b"x")
    (stick / "TJ01.fieldapp").write_bytes(b"x")
    typed = f'"TJ01.fieldapp" "{CANARY}.fieldapp"'
    window, idle = _researchers_window(qtbot, sealed_db, monkeypatch)
    seen: dict[str, Any] = {}

    def add_files() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        seen["merge"] = dialog
        QTimer.singleShot(0, dialog.add_files_button.click)  # the Open dialog runs until answered

    def added() -> None:
        dialog = seen["merge"]
        seen["sources"] = sorted(dialog.sources)
        seen["listed"] = _readable(dialog)
        dialog.close_button.click()

    try:
        steps = [add_files, *_file_dialog_at_the_lock(qtbot, idle, stick, typed, seen), added]
        script = Script(steps, _close_everything(idle))
        window.open_merge()
        script.check(qtbot)
        _check_file_dialog(seen, stick, typed)
        assert seen["title"] == text("merge.ui.add_files", "en")
        assert seen["sources"] == sorted([stick / f"{CANARY}.fieldapp", stick / "TJ01.fieldapp"])
        assert CANARY in seen["listed"]  # Open after the unlock added both to the list
    finally:
        idle.stop()
