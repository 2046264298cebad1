"""The app's locks: drafts passphrase, idle lock, the supervisor's study key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from study_keys import KEY_PASSPHRASE, answer_study_key
from widget_room import crushed
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.messages import text
from fieldapp.ui import i18n, lock

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
PHRASE = "El comandante Ramírez cobra cuota"


@pytest.fixture
def sealed_store(tmp_path: Path, pair: crypto.KeyPair) -> Iterator[Any]:
    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    store = Store.open(tmp_path / "field.db")
    store.forms.add(form)
    yield store
    store.close()


def test_the_first_passphrase_is_asked_twice_and_a_mismatch_is_said(
    qtbot: Any, sealed_store: Any
) -> None:
    checked: list[str] = []
    dialog = lock.PassphraseDialog(
        lambda phrase: (sealed_store.keys.unlock_drafts(phrase), checked.append(phrase)),
        title="t",
        prompt="p",
        confirm=True,
    )
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(DRAFTS_PASSPHRASE)
    assert dialog.again is not None
    dialog.again.setText(DRAFTS_PASSPHRASE + "x")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "differ" in dialog.error.text()
    assert not sealed_store.keys.drafts_passphrase_set() and not checked
    dialog.passphrase.setText(DRAFTS_PASSPHRASE)
    dialog.again.setText(DRAFTS_PASSPHRASE)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert sealed_store.keys.drafts_unlocked and sealed_store.keys.drafts_passphrase_set()


def test_ask_at_start_only_for_a_database_with_sealed_forms(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Any] = []
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda *args: asked.append(args) or True)
    assert lock.ask_at_start(None, store)  # the every-type form is not sealed
    assert not asked


def test_the_idle_lock_hides_the_windows_until_the_right_passphrase(
    qtbot: Any, sealed_store: Any
) -> None:
    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    window = QMainWindow()
    window.setCentralWidget(QLabel(PHRASE))
    qtbot.addWidget(window)
    window.show()
    idle = lock.IdleLock(lock.Guard(sealed_store.keys.unlock_drafts), minutes=0.001)
    try:
        qtbot.waitUntil(lambda: idle.locked)
        assert not window.isVisible()
        dialog = idle.dialog
        assert dialog is not None and dialog.isVisible()
        dialog.passphrase.setText("not the passphrase")
        dialog.accept()
        assert dialog.error.isVisible() and "passphrase" in dialog.error.text().lower()
        assert idle.locked and not window.isVisible()
        dialog.reject()  # Escape does not get past the lock
        assert dialog.isVisible()
        dialog.passphrase.setText(DRAFTS_PASSPHRASE)
        dialog.accept()
        assert not idle.locked and window.isVisible()
    finally:
        idle.stop()
        idle.dialog and idle.dialog.close()


def test_the_idle_time_is_a_setting_with_a_ten_minute_default(qtbot: Any) -> None:
    assert lock.idle_minutes() == 10
    QSettings().setValue(lock.IDLE_SETTING, 3)
    idle = lock.IdleLock(lock.Guard(lambda phrase: None))
    try:
        assert idle.timer.interval() == 3 * 60_000 and idle.timer.isActive()
        idle.set_minutes(0)
        assert not idle.timer.isActive()
    finally:
        idle.stop()


def test_the_study_key_dialog_unlocks_sealed_interviews(
    qtbot: Any, sealed_store: Any, pair: crypto.KeyPair, tmp_path: Path
) -> None:
    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    (record,) = sealed_store.forms.records()
    submission, _ = sealed_store.interviews.submit(record.sha256, {"story": PHRASE}, finalize=True)
    key_file = tmp_path / "study.pem"
    key_file.write_bytes(pair.private_pem)
    dialog = lock.StudyKeyDialog(sealed_store)
    qtbot.addWidget(dialog)
    dialog.key_file.setText(str(key_file))
    dialog.passphrase.setText("wrong passphrase")
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "passphrase" in dialog.error.text()
    assert not sealed_store.keys.unlocked
    dialog.passphrase.setText(KEY_PASSPHRASE)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.study_key is not None and sealed_store.keys.unlocked
    assert sealed_store.interviews.working_answers(submission)["story"] == PHRASE


def test_the_export_dialog_exports_sealed_answers_with_the_unlocked_key(
    qtbot: Any, sealed_store: Any, pair: crypto.KeyPair, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from fieldapp.core.export import ExportOptions
    from fieldapp.ui.export_dialog import ExportJob, Worker

    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    (record,) = sealed_store.forms.records()
    sealed_store.interviews.submit(record.sha256, {"story": PHRASE}, finalize=True)
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    results: list[Any] = []
    for name, study_key in (("locked.xlsx", None), ("unlocked.xlsx", key)):
        worker = Worker(
            ExportJob(sealed_store.path, tmp_path / name, ExportOptions(), study_key).run
        )
        worker.succeeded.connect(results.append)
        worker.failed.connect(results.append)
        worker.run()
    assert len(results) == 2 and not any(isinstance(r, Exception) for r in results)

    def cells(name: str) -> list[Any]:
        book = load_workbook(tmp_path / name, read_only=True)
        found = [c for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r]
        book.close()
        return found

    assert PHRASE not in cells("locked.xlsx")
    assert PHRASE in cells("unlocked.xlsx")


def test_install_locks_asks_at_start_offers_the_study_key_and_locks_when_idle(
    qtbot: Any, sealed_store: Any, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui.main_window import MainWindow

    path = sealed_store.path
    sealed_store.close()
    asked: list[Any] = []

    def ask(parent: Any, store: Any) -> bool:
        asked.append(store)
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        return True

    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    monkeypatch.setattr(lock, "ask_drafts_passphrase", ask)
    monkeypatch.setattr(lock, "unlock_with_study_key", lambda parent, store: key)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    idle = lock.install_locks(window)
    try:
        qtbot.waitUntil(lambda: bool(asked))
        assert window.store.keys.drafts_unlocked
        assert window.study_key_action in window.review_menu.actions()
        window.study_key_action.trigger()
        assert window.state.study_key is key
        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert not window.isVisible()
        assert idle.dialog is not None
        # forgotten when idle
        assert window.state.study_key is None and not window.store.keys.unlocked
        idle.dialog.passphrase.setText(DRAFTS_PASSPHRASE)
        idle.dialog.accept()
        assert not window.isVisible()  # the study key is offered again first
        assert isinstance(idle.dialog, lock.StudyKeyDialog)
        idle.dialog.reject()  # go on without it
        assert window.isVisible() and window.state.study_key is None
    finally:
        idle.stop()
        window.close()
        window.store.close()


def test_the_idle_lock_waits_while_nothing_is_unlocked(qtbot: Any) -> None:
    idle = lock.IdleLock(lock.Guard(lambda phrase: None, active=lambda: False), minutes=0.001)
    try:
        qtbot.wait(200)
        assert not idle.locked and idle.timer.isActive()
    finally:
        idle.stop()


def test_the_main_windows_export_gets_the_unlocked_study_key(
    qtbot: Any, store: Any, monkeypatch: pytest.MonkeyPatch, pair: crypto.KeyPair
) -> None:
    from fieldapp.ui import export_dialog
    from fieldapp.ui.main_window import MainWindow

    given: list[Any] = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: given.append(self))
    window = MainWindow(Path(store.path))
    qtbot.addWidget(window)
    window.state.set_study_key(crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE))
    window.open_export()
    assert given and given[0].study_key is window.state.study_key
    window.close()
    window.store.close()


@pytest.fixture
def supervisor_db(sealed_store: Any, tmp_path: Path, pair: crypto.KeyPair) -> tuple[Path, str]:
    """A database holding one finalized sealed interview, closed; and the key file."""
    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    (record,) = sealed_store.forms.records()
    submission, _ = sealed_store.interviews.submit(record.sha256, {"story": PHRASE}, finalize=True)
    key_file = tmp_path / "study.pem"
    key_file.write_bytes(pair.private_pem)
    sealed_store.close()
    return Path(sealed_store.path), submission


def _supervisors_window(
    qtbot: Any, supervisor_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, lock.IdleLock]:
    """The main window on ``supervisor_db`` with its locks, shown; the study key dialog
    answers itself with the key file beside the database and its right passphrase."""
    from fieldapp.ui.main_window import MainWindow

    path, _ = supervisor_db
    key_file = path.parent / "study.pem"
    # the supervisor does not open the drafts (there are none of theirs on this database)
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    answer_study_key(monkeypatch, key_file)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    return window, lock.install_locks(window)


def test_idle_forgets_a_supervisors_study_key_everywhere_and_asks_its_passphrase_again(
    qtbot: Any, supervisor_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import weakref

    from fieldapp.ui.export_dialog import ExportDialog

    path, submission = supervisor_db
    key_file = path.parent / "study.pem"
    window, idle = _supervisors_window(qtbot, supervisor_db, monkeypatch)
    export = None
    try:
        window.study_key_action.trigger()  # Review › Unlock with study key…
        assert window.state.study_key is not None and window.store.keys.unlocked
        assert not window.store.keys.drafts_unlocked
        key = weakref.ref(window.state.study_key)
        view = window.open_review()
        view.show_interview(submission)
        assert view.readable
        view.comment_edit.setPlainText("¿Quién más estaba presente?")
        view.add_comment()
        view.comment_edit.setPlainText("a comment being typed")
        export = ExportDialog(window.db_path, window, state=window.state)
        with qtbot.waitSignal(export.choices_loaded):
            export.show()
        assert export.study_key is not None

        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert not window.isVisible() and not view.isVisible() and not export.isVisible()
        assert window.state.study_key is None and not window.store.keys.unlocked
        assert export.study_key is None
        assert not view.readable and view.form_view is None  # the answers are off screen
        gc.collect()
        assert key() is None  # no reference to the private key is left anywhere

        dialog = idle.dialog
        assert isinstance(dialog, lock.StudyKeyDialog) and dialog.isVisible()
        assert dialog.key_file.text() == str(key_file)  # only the passphrase to type again
        dialog.passphrase.setText("not the passphrase")
        dialog.accept()
        assert dialog.error.isVisible() and "passphrase" in dialog.error.text()
        assert idle.locked and not window.isVisible() and not window.store.keys.unlocked
        dialog.passphrase.setText(KEY_PASSPHRASE)
        dialog.accept()
        assert not idle.locked and window.isVisible() and view.isVisible()
        assert window.state.study_key is not None and window.store.keys.unlocked
        assert view.readable and view.pending  # the unsent comment is still there
        assert view.comment_edit.toPlainText() == "a comment being typed"
    finally:
        idle.stop()
        if export is not None:
            export.close()
        window.close()
        window.store.close()


def test_a_key_opened_in_the_review_queue_is_forgotten_by_idle_everywhere_too(
    qtbot: Any, supervisor_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The review queue's own Unlock shares the key with the window (and its exports): the
    # idle lock must find it there as well, and leave no reference to the private key.
    import gc
    import weakref

    _, submission = supervisor_db
    window, idle = _supervisors_window(qtbot, supervisor_db, monkeypatch)
    try:
        view = window.open_review()
        view.show_interview(submission)
        assert not view.readable and window.state.study_key is None
        assert view.unlock()  # the queue's own button, not the menu
        assert view.readable and window.state.study_key is not None
        key = weakref.ref(window.state.study_key)

        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert not window.isVisible() and not view.isVisible()
        assert window.state.study_key is None and not window.store.keys.unlocked
        assert not view.readable and view.form_view is None
        gc.collect()
        assert key() is None
        dialog = idle.dialog
        assert isinstance(dialog, lock.StudyKeyDialog) and dialog.isVisible()
        dialog.reject()  # the supervisor goes on without the key
        assert not idle.locked and window.isVisible() and view.isVisible()
        assert window.state.study_key is None and not view.readable
    finally:
        idle.stop()
        window.close()
        window.store.close()


def test_with_drafts_open_idle_asks_their_passphrase_then_offers_the_study_key(
    qtbot: Any, supervisor_db: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui.main_window import MainWindow

    path, submission = supervisor_db
    pem = (path.parent / "study.pem").read_bytes()
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: True)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    idle = lock.install_locks(window)
    try:
        window.store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        window.store.keys.unlock(crypto.load_private_key(pem, KEY_PASSPHRASE))
        sealed_window = window.open_interview(submission)  # read-only, opened by the key
        assert sealed_window is not None and sealed_window.isVisible()
        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert submission not in window.interview_windows  # closed, not just hidden
        assert not window.store.keys.unlocked
        assert isinstance(idle.dialog, lock.PassphraseDialog)  # the drafts passphrase first
        idle.dialog.passphrase.setText(DRAFTS_PASSPHRASE)
        idle.dialog.accept()
        assert isinstance(idle.dialog, lock.StudyKeyDialog) and not window.isVisible()
        idle.dialog.reject()  # Cancel: go on without the study key
        assert not idle.locked and window.isVisible()
        assert not window.store.keys.unlocked and window.store.keys.drafts_unlocked
        assert window.store.interviews.heads(submission)[0].answers is None  # sealed again
    finally:
        idle.stop()
        window.close()
        window.store.close()


def test_the_study_key_menu_item_follows_a_language_switch(qtbot: Any, store: Any) -> None:
    from fieldapp.core.messages import text
    from fieldapp.ui import i18n
    from fieldapp.ui.main_window import MainWindow

    window = MainWindow(Path(store.path))
    qtbot.addWidget(window)
    idle = lock.install_locks(window)
    action = window.study_key_action
    try:
        assert action.text() == text("crypto.ui.study_key_action", "en")
        window.set_language("es")  # View › Language › Español, while the app runs
        qtbot.waitUntil(lambda: action.text() == "Desbloquear con la clave del estudio…")
        window.set_language("en")
        qtbot.waitUntil(lambda: action.text() == "Unlock with study key…")
    finally:
        i18n.apply_language("en")
        QApplication.processEvents()  # the language change reaches the window before it closes
        idle.stop()
        window.close()
        window.store.close()


def test_a_sealed_interviews_video_plays_from_memory_or_is_refused_never_copied(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core.forms.engine import Session
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.messages import FieldappError
    from fieldapp.ui import pickers
    from fieldapp.ui.form_view import FormView

    form = write_xlsform(
        tmp_path / "sealed_video.xlsx",
        survey=[{"type": "video", "name": "clip", "label": "Video"}],
        settings={"form_id": "sealed_video", "version": "1", "public_key": pair.public_key},
    )
    content = b"\x00\x00\x00\x18ftypmp42 private video"
    written: list[str] = []
    monkeypatch.setattr(pickers, "playable_copy", lambda name, _content: written.append(name))
    view = FormView(
        Session(load_form(form), {"clip": "checkpoint.mp4"}), attachment=lambda _: content
    )
    qtbot.addWidget(view)
    view.show()
    clip = view.nodes[("clip",)]
    if pickers.in_app_video() is not None:  # QtMultimedia loads here: play inside the app
        clip.toggle_playing()
        assert clip.video_screen is not None and clip.video_screen.isVisible()
        assert bytes(clip.player.sourceDevice().data()) == content  # from memory
        clip.toggle_playing()  # Stop closes the picture
        assert clip.player is None and clip.video_screen is None
        # the player and its picture go before the test's widgets, as in the app's loop
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with monkeypatch.context() as without:
        without.setattr(pickers, "in_app_audio", lambda: None)  # as without QtMultimedia
        assert pickers.in_app_video() is None
        with pytest.raises(FieldappError) as refused:
            clip.toggle_playing()
        assert refused.value.code == "ui.sealed_no_player"
    assert written == [], "no copy of the video on disk"


def test_the_list_shows_sealed_forms_interviews_only_after_the_drafts_passphrase(
    qtbot: Any, sealed_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seized laptop's list says nothing of a security-force interview without it."""
    from fieldapp.ui.main_window import MainWindow

    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    sealed_sha = sealed_store.db.conn.execute("SELECT sha256 FROM forms").fetchone()[0]
    sealed_store.interviews.submit(
        sealed_sha,
        {"story": PHRASE},
        finalize=True,
        interviewer="NL01",
        city="nuevo_laredo",
        actor_type="security",
    )
    plain = write_xlsform(
        tmp_path / "plain.xlsx",
        survey=[{"type": "text", "name": "note", "label": "Nota"}],
        settings={"form_id": "plain", "version": "1"},
    )
    sealed_store.interviews.submit(
        sealed_store.forms.add(plain).sha256,
        {"note": "x"},
        interviewer="TJ01",
        city="tijuana",
        actor_type="cso",
    )
    path = sealed_store.path
    sealed_store.close()
    gate: list[bool] = []

    def ask(parent: Any, store: Any) -> bool:
        gate.append(True)
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        return True

    monkeypatch.setattr(lock, "ask_drafts_passphrase", ask)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    shown = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert window.model.total == 1 and not any("laredo" in str(s).lower() for s in shown)
    idle = lock.install_locks(window)
    try:
        qtbot.waitUntil(lambda: bool(gate) and window.model.total == 2)
    finally:
        idle.stop()
        window.close()
        window.store.close()


def test_a_wrong_study_key_passphrase_leaves_every_field_readable(
    qtbot: Any, sealed_store: Any, pair: crypto.KeyPair, tmp_path: Path
) -> None:
    key_file = tmp_path / "study.pem"
    key_file.write_bytes(pair.private_pem)
    dialog = lock.StudyKeyDialog(sealed_store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.key_file.setText(str(key_file))
    dialog.passphrase.setText("wrong passphrase")
    dialog.accept()
    settle(qtbot, 50)
    assert dialog.error.isVisible()
    assert crushed(dialog) == []
    assert dialog.passphrase.hasFocus() or dialog.focusWidget() is dialog.passphrase, (
        "typed again, the passphrase must not land in the key file's clear-text field"
    )


def test_a_wrong_drafts_passphrase_leaves_the_field_readable(qtbot: Any, sealed_store: Any) -> None:
    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    dialog = lock.PassphraseDialog(sealed_store.keys.unlock_drafts, title="t", prompt="p")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.passphrase.setText("not it")
    dialog.accept()
    settle(qtbot, 50)
    assert dialog.error.isVisible()
    assert crushed(dialog) == []


# Found walking the researcher's day: setting the passphrase with a typo in the second
# field said "run the command again" (the command line's words) in the window, and a wrong
# passphrase after the idle lock said it "does not open this key", which a researcher, who
# never held a key, cannot act on.
COMMAND_LINE_WORDS = ("command", "comando", "this key", "esta clave")


@pytest.fixture(params=["es", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.apply_language(request.param)
    try:
        yield request.param
    finally:
        i18n.apply_language("en")


def refusal(dialog: lock.PassphraseDialog) -> str:
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog), "a refused passphrase must be said"
    assert dialog.result() != dialog.DialogCode.Accepted
    return dialog.error.text()


def test_a_mismatch_when_setting_it_says_to_type_the_same_in_both_fields(
    qtbot: Any, sealed_store: Any, language: str
) -> None:
    dialog = lock.PassphraseDialog(
        sealed_store.keys.unlock_drafts, title="t", prompt="p", confirm=True
    )
    qtbot.addWidget(dialog)
    assert dialog.again is not None
    dialog.passphrase.setText(DRAFTS_PASSPHRASE)
    dialog.again.setText(DRAFTS_PASSPHRASE + "x")
    said = refusal(dialog)
    assert said == text("crypto.ui.passphrase_mismatch", language)
    assert not any(words in said for words in COMMAND_LINE_WORDS), said
    assert not sealed_store.keys.drafts_passphrase_set(), "nothing set on a mismatch"


def test_a_wrong_drafts_passphrase_is_said_as_the_drafts_passphrase(
    qtbot: Any, sealed_store: Any, language: str
) -> None:
    sealed_store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    dialog = lock.PassphraseDialog(sealed_store.keys.unlock_drafts, title="t", prompt="p")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("cuaderno de campo 2025")
    said = refusal(dialog)
    assert said == text("crypto.ui.drafts_wrong_passphrase", language)
    assert not any(words in said for words in COMMAND_LINE_WORDS), said
    assert dialog.passphrase.text() == "", "the wrong passphrase is not left on screen"
