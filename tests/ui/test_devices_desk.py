"""Review › Devices and integrity… and Help › This laptop's fingerprint…: what only a
terminal could do before (``devices show``, ``certify``, ``revoke``, ``check``), in the app."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from forged_rows import FORGED_REVISION, forge_revision
from merge_devices import Device, study_key_pair
from opened_windows import OPENED
from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from study_keys import KEY_PASSPHRASE
from widget_room import crushed

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor, revoke_device, supervisors
from fieldapp.core.known_devices import this_laptop
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.ui import i18n
from fieldapp.ui.devices_desk import COLUMNS, DevicesDesk, ReasonDialog
from fieldapp.ui.lock import StudyKeyDialog
from fieldapp.ui.main_window import MainWindow


def _study_key() -> crypto.StudyKey:
    return crypto.load_private_key(study_key_pair().private_pem, KEY_PASSPHRASE)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Path, Device, Device]]:
    """A supervisor's database (closed, for the window) that merged Ana and Beto, whose
    databases stay open; each laptop brought the study's sealed form."""
    supervisor, ana, beto = (Device(tmp_path / f"{n}.db", n) for n in ("sup", "ana", "beto"))
    for laptop in (ana, beto):
        sid = laptop.create(laptop.add_form(), "Tijuana", {"name": laptop.name})
        laptop.seal(sid, b"sealed")
        merge_database(supervisor.store, laptop.path)
    supervisor.close()
    yield supervisor.path, ana, beto
    ana.close()
    beto.close()


def _certify(path: Path, *, forge: bool = False) -> None:
    """Certify the supervisor's database with the study key (as `devices certify` does)."""
    supervisor = Device(path, "sup")
    try:
        certify_supervisor(supervisor.store, _study_key(), author="Rosa")
        if forge:
            forge_revision(supervisor.store.conn)
    finally:
        supervisor.close()


def _window(qtbot: Any, path: Path) -> MainWindow:
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    return window


def _desk(window: MainWindow) -> DevicesDesk:
    desk = window.open_devices()
    assert isinstance(desk, DevicesDesk)
    OPENED.append(desk)
    return desk


@contextmanager
def _answering(kind: type[QDialog], act: Callable[[Any], None]) -> Iterator[None]:
    """Act on the next ``kind`` dialog the block shows (it runs modal: act from a timer).

    A failed assertion in ``act`` closes the dialog (or the block would wait for it
    forever) and is raised when the block ends.
    """
    failed: list[BaseException] = []
    tries = [200]

    def attempt() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not shown:
            tries[0] -= 1
            if tries[0]:
                QTimer.singleShot(20, attempt)
            return
        try:
            act(shown[0])
        except BaseException as error:  # raised again when the block ends
            failed.append(error)
            shown[0].reject()

    QTimer.singleShot(0, attempt)
    yield
    if failed:
        raise failed[0]


def _row_of(desk: DevicesDesk, device_id: str) -> int:
    return [d.device_id for d in desk.model.devices].index(device_id)


def _cell(desk: DevicesDesk, device_id: str, column: str) -> str:
    index = desk.model.index(_row_of(desk, device_id), COLUMNS.index(column))
    return str(index.data())


def test_the_fingerprint_shown_is_the_one_devices_show_prints_in_english_and_spanish(
    qtbot: Any, team: Any, capsys: Any
) -> None:
    _, ana, _ = team
    capsys.readouterr()
    assert main(["devices", "show", "--db", str(ana.path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    window = _window(qtbot, ana.path)
    help_entry = window.fingerprint_action
    assert help_entry in window.help_menu.actions()
    assert help_entry.text().replace("&", "") == "This laptop's fingerprint…"
    dialog = window.show_fingerprint()
    OPENED.append(dialog)
    card = dialog.card
    assert card.fingerprint_label.text() == printed["fingerprint"]
    assert card.device_label.text() == printed["device_id"]
    assert card.fingerprint_label.textInteractionFlags() & (
        Qt.TextInteractionFlag.TextSelectableByMouse
    )
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    assert printed["fingerprint"] in QGuiApplication.clipboard().text()
    assert printed["device_id"] in QGuiApplication.clipboard().text()
    assert "No laptop is certified" in dialog.role.text()
    dialog.close()
    desk = _desk(window)
    assert desk.card.fingerprint_label.text() == printed["fingerprint"]
    assert desk.windowTitle() == "Devices and integrity — ana.db"
    desk.close()
    try:
        i18n.apply_language("es")
        window.retranslate()
        assert window.devices_action.text().replace("&", "") == "Dispositivos e integridad…"
        desk = _desk(window)
        assert desk.windowTitle() == "Dispositivos e integridad — ana.db"
        assert desk.card.fingerprint_label.text() == printed["fingerprint"]
        headers = [desk.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
        assert "Huella de la clave" in headers and "Entrevistas" in headers
        desk.close()
    finally:
        i18n.apply_language("en")
        window.retranslate()


def test_the_supervisor_revokes_a_stolen_laptop_and_its_newer_rows_are_refused(
    qtbot: Any, team: Any
) -> None:
    path, _, beto = team
    _certify(path)
    QSettings().setValue("review/reviewer", "Rosa")  # what the review desk remembers
    window = _window(qtbot, path)
    desk = _desk(window)
    beto_id, own = beto.store.device_id, window.store.device_id
    assert "certified supervisor" in _cell(desk, own, "role")
    assert _cell(desk, beto_id, "fingerprint") == this_laptop(beto.store).fingerprint
    # Before the study key its sealed interview is left out, and counted apart.
    assert (_cell(desk, beto_id, "interviews"), _cell(desk, beto_id, "revisions")) == ("1", "1")
    assert "sealed forms left out: 2" in desk.sealed_hidden.text()
    desk.select_device(own)
    assert not desk.revoke_button.isEnabled()
    assert "cannot revoke herself" in desk.revoke_button.toolTip()

    desk.select_device(beto_id)
    assert desk.revoke_button.isEnabled()

    def without_a_reason(dialog: ReasonDialog) -> None:
        assert beto_id in dialog.findChild(QLabel, "reasonExplained").text()
        dialog.confirm_button.click()  # refused: the reason is required
        assert dialog.isVisible() and "Say why" in dialog.error.text()
        assert dialog.author_edit.text() == "Rosa"
        dialog.reason_edit.setText("robada en Tijuana")
        dialog.confirm_button.click()

    with _answering(ReasonDialog, without_a_reason):
        done = desk.revoke_selected()
    assert done
    role = _cell(desk, beto_id, "role")
    assert "revoked by Rosa" in role and "robada en Tijuana" in role
    assert not desk.revoke_button.isEnabled()
    assert "revoked already" in desk.revoke_button.toolTip()
    desk.close()
    # The stolen laptop writes on; the supervisor's database refuses it.
    beto.edit(beto.submissions()[0], {"name": "escrito por el ladrón"})
    with pytest.raises(FieldappError) as error:
        merge_database(window.store, beto.path)
    assert error.value.code == "merge.revoked_device"


def test_on_a_laptop_revoke_and_set_aside_say_only_the_supervisor_can(
    qtbot: Any, team: Any
) -> None:
    path, ana, beto = team
    _certify(path)
    merge_database(ana.store, path)  # Ana learns who the supervisor is
    forge_revision(ana.store.conn)
    window = _window(qtbot, ana.path)
    desk = _desk(window)
    assert "not the study's supervisor" in desk.role.text()
    assert not desk.certify_button.isHidden()
    desk.select_device(beto.store.device_id)
    assert not desk.revoke_button.isEnabled()
    assert "Only the study's certified supervisor can revoke" in desk.revoke_button.toolTip()
    assert desk.revoke_why.text() == desk.revoke_button.toolTip()
    desk.check_button.click()
    qtbot.waitUntil(lambda: not desk.is_running() and desk.refused.rowCount() == 1)
    assert not desk.set_aside_button.isEnabled()
    assert "Only the study's certified supervisor can set rows aside" in desk.set_aside_why.text()
    desk.close()


def _revoke_by_mistake(path: Path, beto: Device) -> None:
    """Certify the supervisor's database and revoke Beto's laptop there (the wrong one)."""
    _certify(path)
    supervisor = Device(path, "sup")
    try:
        revoke_device(supervisor.store, beto.store.device_id, reason="la de Tijuana", author="Rosa")
    finally:
        supervisor.close()


def test_the_supervisor_reinstates_a_laptop_revoked_by_mistake_and_its_package_merges(
    qtbot: Any, team: Any
) -> None:
    path, _, beto = team
    _revoke_by_mistake(path, beto)
    beto_id = beto.store.device_id
    written = beto.edit(beto.submissions()[0], {"name": "escrito después de la revocación"})
    QSettings().setValue("review/reviewer", "Rosa")
    window = _window(qtbot, path)
    with pytest.raises(FieldappError) as error:
        merge_database(window.store, beto.path)
    assert error.value.code == "merge.revoked_device"
    desk = _desk(window)
    desk.select_device(window.store.device_id)
    assert desk.reinstate_button.isHidden()  # offered on a revoked laptop's row only
    desk.select_device(beto_id)
    assert not desk.reinstate_button.isHidden() and desk.reinstate_button.isEnabled()
    assert not desk.revoke_button.isEnabled()

    def without_an_author(dialog: ReasonDialog) -> None:
        explained = dialog.findChild(QLabel, "reasonExplained").text()
        assert beto_id in explained and "la de Tijuana" in explained
        assert "merges again" in explained
        dialog.reason_edit.setText("era la de Monterrey")
        dialog.author_edit.clear()
        dialog.confirm_button.click()  # refused: who decides is recorded
        assert dialog.isVisible() and "Type your name" in dialog.error.text()
        dialog.author_edit.setText("Rosa\u202eDíaz")  # would read backwards on every laptop
        dialog.confirm_button.click()
        assert dialog.isVisible() and "text-direction" in dialog.error.text()
        dialog.author_edit.setText("Rosa")
        dialog.confirm_button.click()

    with _answering(ReasonDialog, without_an_author):
        done = desk.reinstate_selected()
    assert done
    role = _cell(desk, beto_id, "role")
    assert "reinstated by Rosa" in role and "era la de Monterrey" in role
    assert "revoked" not in role
    assert desk.reinstate_button.isHidden() and desk.revoke_button.isEnabled()
    assert "is reinstated" in desk.status.text()
    desk.close()
    # The package refused a moment ago now merges, with what Beto wrote since.
    merge_database(window.store, beto.path)
    assert window.store.conn.execute("SELECT 1 FROM revisions WHERE uuid = ?", [written]).fetchone()
    try:
        i18n.apply_language("es")
        desk = _desk(window)
        assert "rehabilitada por Rosa" in _cell(desk, beto_id, "role")
        desk.close()
    finally:
        i18n.apply_language("en")


def test_on_a_laptop_reinstate_says_only_the_supervisor_can(qtbot: Any, team: Any) -> None:
    path, ana, beto = team
    _revoke_by_mistake(path, beto)
    merge_database(ana.store, path)  # Ana learns the revocation
    window = _window(qtbot, ana.path)
    desk = _desk(window)
    desk.select_device(beto.store.device_id)
    assert "revoked by Rosa" in _cell(desk, beto.store.device_id, "role")
    assert not desk.reinstate_button.isHidden() and not desk.reinstate_button.isEnabled()
    said = "Only the study's certified supervisor can reinstate it"
    assert said in desk.reinstate_button.toolTip() and said in desk.revoke_why.text()
    events = window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert not desk.reinstate_selected()
    assert window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    desk.close()


def test_certifying_with_the_study_key_makes_this_laptop_the_supervisor(
    qtbot: Any, team: Any, tmp_path: Path
) -> None:
    path, _, _ = team
    key_file = tmp_path / "study-private-key.pem"
    key_file.write_bytes(study_key_pair().private_pem)
    window = _window(qtbot, path)
    desk = _desk(window)
    assert "No laptop is certified" in desk.role.text()
    assert desk.certify_button.isVisible() and desk.certify_explained.isVisible()
    events = window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0]

    def wrong_then_cancel(dialog: StudyKeyDialog) -> None:
        dialog.key_file.setText(str(key_file))
        dialog.passphrase.setText("not the passphrase at all")
        dialog.accept()
        assert dialog.isVisible() and dialog.error.isVisible()  # said, and still asked
        dialog.reject()

    with _answering(StudyKeyDialog, wrong_then_cancel):
        done = desk.certify()
    assert not done
    assert not supervisors(window.store.conn)
    assert window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    assert "No laptop is certified" in desk.role.text()

    def right(dialog: StudyKeyDialog) -> None:
        dialog.key_file.setText(str(key_file))
        dialog.passphrase.setText(KEY_PASSPHRASE)
        dialog.accept()

    with _answering(StudyKeyDialog, right):
        done = desk.certify()
    assert done
    assert desk.role.text() == "This laptop is the study's certified supervisor."
    assert not desk.certify_button.isVisible()
    assert supervisors(window.store.conn) == {window.store.device_id}
    assert "certified supervisor" in _cell(desk, window.store.device_id, "role")
    settings = QSettings()
    assert not any(str(key_file) in str(settings.value(k)) for k in settings.allKeys())
    desk.close()


def test_check_lists_a_forged_row_and_set_aside_makes_the_next_check_clean(
    qtbot: Any, team: Any
) -> None:
    path, _, _ = team
    _certify(path, forge=True)
    window = _window(qtbot, path)
    desk = _desk(window)
    desk.check_button.click()
    assert desk.progress.maximum() == 0 and not desk.check_button.isEnabled()  # busy
    qtbot.waitUntil(lambda: not desk.is_running() and desk.refused.rowCount() == 1)
    assert desk.refused.item(0, 0).text() == "revisions"
    assert desk.refused.item(0, 1).text() == FORGED_REVISION
    assert "not a set of named answers" in desk.refused.item(0, 2).text()
    assert desk.check_status.text() == (
        "A merge would refuse 1 row today. Keep it until the supervisor sets it aside. "
        "Sealed records not opened: open the study key (Unlock with study key… in the Review "
        "menu) to check them too."
    )
    assert desk.set_aside_count.text() == "Rows already set aside (quarantined): 0."

    def give_a_reason(dialog: ReasonDialog) -> None:
        dialog.reason_edit.setText("forged by an old merge")
        dialog.author_edit.setText("Rosa")
        dialog.confirm_button.click()

    with _answering(ReasonDialog, give_a_reason):
        done = desk.set_aside()
    assert done
    qtbot.waitUntil(lambda: not desk.is_running() and "clean" in desk.check_status.text())
    assert desk.refused.rowCount() == 0
    assert desk.set_aside_count.text() == "Rows already set aside (quarantined): 1."
    assert "Quarantined rows left out: 1" in desk.set_aside_hidden.text()  # in no count
    assert QSettings().value("review/reviewer") == "Rosa"
    desk.close()
    view = window.open_review()
    OPENED.append(view)
    qtbot.waitUntil(lambda: view.quarantined_label.isVisible())
    assert "Quarantined rows left out: 1" in view.quarantined_label.text()
    assert "Devices and integrity" in view.quarantined_label.text()


def test_the_desk_is_on_the_review_menu_with_its_own_shortcut(qtbot: Any, team: Any) -> None:
    path, _, _ = team
    window = _window(qtbot, path)
    assert window.devices_action in window.review_menu.actions()
    assert window.devices_action.shortcut().toString() == "Ctrl+Shift+D"
    listed = dict(window.shortcut_rows())
    assert listed["Ctrl+Shift+D"] == "Devices and integrity"
    desk = _desk(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert desk.width() <= area.width() and desk.height() <= area.height()
    desk.close()


def test_on_a_package_without_its_own_key_the_desk_says_so_once(
    qtbot: Any, team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, ana, _ = team
    ana.store.conn.execute("DELETE FROM signing_key")  # as a package is written
    ana.store.conn.commit()
    said: list[FieldappError] = []
    monkeypatch.setattr("fieldapp.ui.main_window.show_error", lambda _w, e: said.append(e))
    window = _window(qtbot, ana.path)
    assert window.open_devices() is None
    assert window.show_fingerprint() is None
    assert [e.code for e in said] == ["devices.no_signing_key"] * 2
    assert "Certify or revoke from the supervisor's own database" in said[0].text("en")


# --- the check with the study key -------------------------------------------------------


@pytest.fixture
def rogue_sealed(team: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """The certified supervisor's database (closed) once it merged a record Ana's laptop
    sealed past a bound, running a fieldapp whose writers no longer hold rows to the bounds
    (merge sees only a sealed record's size); and that revision's id."""
    from fieldapp.core import row_bounds

    path, ana, _ = team
    _certify(path)
    with monkeypatch.context() as rogue:
        rogue.setattr(row_bounds, "check_new_revision", lambda *args, **kwargs: None)
        rogue.setattr(row_bounds, "check_new_event", lambda *args, **kwargs: None)
        rogue.setattr(row_bounds, "check_labels", lambda *args, **kwargs: None)
        blob = b"\x00" * (row_bounds.MAX_TEXT_CHARS // 2 + 1)  # its hex is past the bound
        revision = str(ana.seal(ana.submissions()[0], blob))
    supervisor = Device(path, "sup")
    try:
        assert merge_database(supervisor.store, ana.path).revisions == 1
    finally:
        supervisor.close()
    return path, revision


def _give_a_reason(dialog: ReasonDialog) -> None:
    dialog.reason_edit.setText("sealed by a rogue laptop")
    dialog.author_edit.setText("Rosa")
    dialog.confirm_button.click()


def _check_rows(desk: DevicesDesk) -> list[tuple[str, str, str]]:
    """Return the rows the check lists (table, key, why)."""
    table = desk.refused
    return [
        (table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    ]


def _check(qtbot: Any, desk: DevicesDesk) -> list[tuple[str, str, str]]:
    """Click Check, wait for its result and return the rows it lists."""
    desk.check_button.click()
    qtbot.waitUntil(lambda: not desk.is_running() and desk.checked is not None)
    return _check_rows(desk)


def test_with_the_study_key_the_check_lists_a_sealed_record_past_a_bound_and_sets_it_aside(
    qtbot: Any, rogue_sealed: tuple[Path, str], tmp_path: Path
) -> None:
    from fieldapp.core.export.from_store import export_workbook

    path, revision = rogue_sealed
    key = _study_key()
    with pytest.raises(FieldappError) as caught:  # what the supervisor meets today
        export_workbook(path, tmp_path / "before.xlsx", study_key=key)
    assert caught.value.code == "rows.sealed_refused"
    window = _window(qtbot, path)
    desk = _desk(window)

    assert _check(qtbot, desk) == []  # without the key nothing inside a seal can be seen
    assert desk.check_status.text() == (
        "The database is clean: every row is one this fieldapp would write. Sealed records "
        "not opened: open the study key (Unlock with study key… in the Review menu) to check "
        "them too."
    )
    assert not desk.set_aside_button.isEnabled()

    window.store.keys.unlock(key)  # Review › Unlock with study key…
    window.state.set_study_key(key)
    assert "opened or closed since this check: check again" in desk.check_status.text()
    listed = _check(qtbot, desk)
    assert [(table, row) for table, row, _ in listed] == [("revisions", revision)]
    assert 'its answer to "name" is longer than 100,000 characters' in listed[0][2]
    assert desk.check_status.text() == (
        "A merge would refuse 1 row today. Keep it until the supervisor sets it aside. "
        "Sealed records opened with the study key: those whose content is past a bound are "
        "listed too."
    )
    assert desk.set_aside_button.isEnabled()

    with _answering(ReasonDialog, _give_a_reason):
        assert desk.set_aside()
    qtbot.waitUntil(lambda: not desk.is_running() and desk.checked is not None)
    assert desk.refused.rowCount() == 0
    assert desk.check_status.text().startswith("The database is clean")
    assert "Sealed records opened with the study key" in desk.check_status.text()
    assert desk.set_aside_count.text() == "Rows already set aside (quarantined): 1."
    result = export_workbook(path, tmp_path / "after.xlsx", study_key=key)
    assert result.path.is_file()  # the export runs again

    try:
        i18n.apply_language("es")
        assert _check(qtbot, desk) == []
        assert "Registros sellados abiertos con la clave del estudio" in (desk.check_status.text())
        window.store.keys.forget_study_key()
        window.state.set_study_key(None)
        assert "La clave del estudio se abrió o se cerró" in desk.check_status.text()
        _check(qtbot, desk)
        assert "Registros sellados sin abrir: abra la clave del estudio" in (
            desk.check_status.text()
        )
    finally:
        i18n.apply_language("en")
    desk.close()


def test_set_aside_waits_for_a_new_check_once_the_key_is_closed(
    qtbot: Any, rogue_sealed: tuple[Path, str]
) -> None:
    # The listed rows came from the key; without it a set-aside would cover fewer rows
    # than the dialog names, and the check after it would call the database clean.
    path, revision = rogue_sealed
    window = _window(qtbot, path)
    key = _study_key()
    window.store.keys.unlock(key)
    window.state.set_study_key(key)
    desk = _desk(window)
    assert [row for _, row, _ in _check(qtbot, desk)] == [revision]
    window.store.keys.forget_study_key()
    window.state.set_study_key(None)  # the idle lock
    assert not desk.set_aside_button.isEnabled()
    assert "check again before setting rows aside" in desk.set_aside_why.text()
    events = window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert not desk.set_aside()
    assert window.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    desk.close()


def test_the_idle_lock_during_a_keyed_check_frees_the_key_and_no_setting_names_it(
    qtbot: Any, rogue_sealed: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import threading
    import weakref

    from fieldapp.core import validate
    from fieldapp.ui import lock

    path, revision = rogue_sealed
    key_file = tmp_path / "study-private-key.pem"
    key_file.write_bytes(study_key_pair().private_pem)
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)

    def type_key(dialog: StudyKeyDialog) -> int:
        dialog.key_file.setText(str(key_file))
        dialog.passphrase.setText(KEY_PASSPHRASE)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(StudyKeyDialog, "exec", type_key)
    entered, release = threading.Event(), threading.Event()
    check_store = validate.check_store

    def slow_check(store: Any, **kwargs: Any) -> Any:
        entered.set()
        release.wait(20)  # the supervisor walked away while the check ran
        return check_store(store, **kwargs)

    window = _window(qtbot, path)
    idle = lock.install_locks(window)
    desk = None
    try:
        window.study_key_action.trigger()  # Review › Unlock with study key…
        assert window.state.study_key is not None
        held = weakref.ref(window.state.study_key)
        desk = _desk(window)
        assert [row for _, row, _ in _check(qtbot, desk)] == [revision]  # one check done

        monkeypatch.setattr(validate, "check_store", slow_check)
        desk.check_button.click()
        qtbot.waitUntil(entered.is_set)
        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked)
        assert window.state.study_key is None and not window.store.keys.unlocked
        assert desk.is_running()  # the check goes on with the key it was given...
        release.set()
        qtbot.waitUntil(lambda: not desk.is_running() and desk.checked is not None)
        assert [row for _, row, _ in _check_rows(desk)] == [revision]
        gc.collect()
        assert held() is None  # ...and keeps no reference to it once it ends
        assert not desk.set_aside_button.isEnabled()  # the key that listed it is closed
        assert "opened or closed since this check" in desk.check_status.text()
        dialog = idle.dialog
        assert isinstance(dialog, StudyKeyDialog)
        dialog.reject()  # the supervisor goes on without the key
        assert not idle.locked
        settings = QSettings()
        values = " ".join(str(settings.value(k)) for k in settings.allKeys())
        assert str(key_file) not in values and key_file.name not in values
        assert KEY_PASSPHRASE not in values
    finally:
        release.set()
        idle.stop()
        if desk is not None:
            desk.finish_work()
            desk.close()


def test_a_missing_reason_is_said_without_crushing_the_question(qtbot: Any) -> None:
    from fieldapp.core.messages import text

    question = text(
        "devices.ui.revoke_explained",
        "es",
        **{"device": "b255d2a6-249f-4554-af53-17fde8d6d06e", "fingerprint": "3c82 246c 3745 3427"},
    )
    dialog = ReasonDialog("Revocar", question, "Revocar")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.confirm_button.click()
    settle(qtbot, 50)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert crushed(dialog) == []


FIELD_LAPTOP = QRect(0, 0, 1366, 768)
"""A field laptop's screen: the desk gets the size ``fit_window`` gives it there."""


def _rows_in_view(desk: DevicesDesk) -> int:
    table = desk.table
    bottom = table.viewport().height()
    return sum(
        1
        for row in range(desk.model.rowCount())
        if table.rowViewportPosition(row) >= 0
        and table.rowViewportPosition(row) + table.rowHeight(row) <= bottom
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_at_1366x768_the_desk_shows_eight_laptops_of_a_nine_laptop_study(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr("fieldapp.ui.screen_fit.available_area", lambda _window: FIELD_LAPTOP)
    supervisor = Device(tmp_path / "sup.db", "sup")
    for number in range(8):  # eight researchers' laptops and the supervisor's own
        laptop = Device(tmp_path / f"laptop-{number}.db", f"researcher-{number}")
        laptop.create(laptop.add_form(), "Tijuana", {"name": f"Colectivo {number}"})
        laptop.close()
        merge_database(supervisor.store, laptop.path)
    supervisor.close()
    i18n.apply_language(language)
    try:
        desk = _desk(_window(qtbot, supervisor.path))
        qtbot.waitExposed(desk)
        QApplication.processEvents()
        assert (desk.width(), desk.height()) == (1300, 720), "the size fit_window gives it"
        assert desk.model.rowCount() == 9
        assert _rows_in_view(desk) >= 8
        assert crushed(desk) == [], "this laptop and the check keep every line and button"
        assert desk.check_button.isVisible() and desk.certify_button.isVisible()
        assert desk.laptop_area.verticalScrollBar().maximum() == 0, "this laptop shows whole"
        desk.close()
    finally:
        i18n.apply_language("en")


def test_a_laptop_a_merge_enrolls_shows_on_the_desk_open_beside_the_list(
    qtbot: Any, team: Any, tmp_path: Path
) -> None:
    """The merge summary says to check a new laptop's fingerprint here, but the desk open
    beside the list kept its old rows until closed and opened again."""
    path, _ana, _beto = team
    carla = Device(tmp_path / "carla.db", "carla")
    carla.create(carla.add_form(), "Monterrey", {"name": "carla"})
    carla.close()
    window = _window(qtbot, path)
    desk = _desk(window)
    assert carla.store.device_id not in [d.device_id for d in desk.model.devices]

    merge_database(window.store, carla.path)  # File › Merge, then the list reads again
    window.refresh()

    assert carla.store.device_id in [d.device_id for d in desk.model.devices]


def test_a_long_check_is_cancelled_and_the_desk_closes(
    qtbot: Any, team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the study key a check opens every sealed version: minutes on a large study
    (1.8 ms each here). It showed a busy bar with no Cancel; Escape and the close box
    were ignored until it ended, and quitting the app waited for it."""
    import threading

    from fieldapp.core import validate

    path, _, _ = team
    _certify(path)
    entered = threading.Event()
    check_store = validate.check_store

    def long_check(store: Any, **kwargs: Any) -> Any:
        entered.set()
        cancelled = kwargs.get("cancelled")
        for _ in range(2000):  # twenty seconds, unless cancelled
            if cancelled is not None and cancelled():
                break
            threading.Event().wait(0.01)
        return check_store(store, **kwargs)

    monkeypatch.setattr(validate, "check_store", long_check)
    window = _window(qtbot, path)
    desk = _desk(window)
    try:
        desk.check_button.click()
        qtbot.waitUntil(entered.is_set)
        cancel = desk.check_cancel_button
        assert cancel.isVisible() and cancel.isEnabled()
        assert cancel.text().replace("&", "") == "Cancel"
        cancel.click()
        qtbot.waitUntil(lambda: not desk.is_running(), timeout=5000)
        assert desk.check_status.text().startswith("Check cancelled: nothing was changed.")
        assert desk.refused.rowCount() == 0 and not desk.set_aside_button.isEnabled()
        assert not cancel.isVisible() and desk.check_button.isEnabled()
        assert desk.checked is None, "nothing listed to set aside"
        desk.activateWindow()  # from the keyboard: Space starts the check, Space cancels it
        qtbot.waitUntil(desk.isActiveWindow)
        entered.clear()
        desk.check_button.setFocus()
        qtbot.keyClick(desk.check_button, Qt.Key.Key_Space)
        qtbot.waitUntil(entered.is_set)
        assert cancel.hasFocus()
        qtbot.keyClick(cancel, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not desk.is_running(), timeout=5000)
        assert desk.check_button.hasFocus()
        i18n.apply_language("es")
        try:
            assert text_es("devices.ui.check_cancel") == "Ca&ncelar"
        finally:
            i18n.apply_language("en")
    finally:
        desk.finish_work()
        desk.close()
    assert not desk.isVisible()


def text_es(key: str) -> str:
    from fieldapp.core.messages import text

    return text(key, "es")


def test_with_the_study_key_the_check_counts_the_sealed_versions_it_opens(
    qtbot: Any, team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in the Spanish week: with the study key the check opens every sealed version,
    minutes on a large study, and its bar stayed busy with no count of its own."""
    import threading

    from fieldapp.core.messages import text
    from fieldapp.core.store.interviews import Interviews

    path, _, _ = team
    _certify(path)
    opening, go_on = threading.Event(), threading.Event()
    revision = Interviews.revision

    def held(self: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():  # the check's
            opening.set()
            go_on.wait(10)
        return revision(self, *args, **kwargs)

    monkeypatch.setattr(Interviews, "revision", held)
    window = _window(qtbot, path)
    window.store.keys.unlock(_study_key())  # Review › Unlock with study key…
    window.state.set_study_key(_study_key())
    desk = _desk(window)
    try:
        desk.check_button.click()
        qtbot.waitUntil(opening.is_set)
        qtbot.waitUntil(lambda: desk.progress.maximum() == 2)  # two sealed versions
        assert desk.progress.isVisible() and desk.progress.value() == 0
        assert desk.check_status.text().startswith(
            "Every row checked; opening the sealed versions with the study key: 0 of 2…"
        )
        opening.clear()
        go_on.set()
        qtbot.waitUntil(lambda: not desk.is_running() and desk.checked is not None)
        assert desk.check_status.text().startswith("The database is clean")
        assert not desk.progress.isVisible()
        said = text("devices.ui.checking_sealed", "es", done=1200, total=4000)
        assert said.endswith(
            "abriendo las versiones selladas con la clave del estudio: 1,200 de 4,000…"
        )
    finally:
        go_on.set()
        desk.finish_work()
        desk.close()
