"""File › Server… over Central's recorded answers: sign in, forms down, push, send state.

The server's side is replayed from the recordings h18core made against a live Central
(``tests/data/central/core_*.json``); where a dialog asks twice what a scenario asked
once, two recordings are joined, each answer still one Central gave.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from central_scenarios import FORM_ID, PHOTO, RECORDINGS, finalized_interview
from PySide6.QtCore import QSettings, Qt

from fieldapp.core.central import forms_down, profile, push
from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.central.recording import ReplayTransport
from fieldapp.core.messages import text
from fieldapp.core.store import Store, SubmissionId
from fieldapp.ui.interviews_model import COLUMN, InterviewsModel
from fieldapp.ui.send_state import SERVER_SETTING, send_states
from fieldapp.ui.server_dialog import ServerDialog

TOKEN = "T0KEN-for-replay"


def recording(*names: str) -> dict[str, Any]:
    """The named recordings' exchanges, in order, as one replay."""
    loaded = [json.loads((RECORDINGS / f"core_{n}.json").read_text("utf-8")) for n in names]
    return {**loaded[0], "exchanges": [e for data in loaded for e in data["exchanges"]]}


def replayer(*names: str) -> ReplayTransport:
    return ReplayTransport(recording(*names), {"app-user-token": TOKEN})


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the developer's keyring: secrets stay in the process, as on a bare laptop."""
    monkeypatch.setattr(profile, "keyring_available", lambda: False)
    monkeypatch.setattr(profile, "_MEMORY", {})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "laptop.db"
    Store.open(path).close()
    return path


@pytest.fixture
def dialogs(qtbot: Any) -> Iterator[list[ServerDialog]]:
    made: list[ServerDialog] = []
    yield made
    for dialog in made:
        if dialog.task is not None:
            dialog.task.wait()


def open_dialog(
    qtbot: Any, made: list[ServerDialog], db: Path, transport: ReplayTransport, config: Path
) -> ServerDialog:
    dialog = ServerDialog(db, transport=transport, config=config)
    qtbot.addWidget(dialog)
    made.append(dialog)
    url = recording("form_list")["url"]
    dialog.url_edit.setText(url)
    dialog.project_edit.setText("1")
    dialog.secret_edit.setText(TOKEN)
    with qtbot.waitActive(dialog):  # window shortcuts (Ctrl+D, Ctrl+Enter) need it active
        dialog.show()
        dialog.activateWindow()
    return dialog


def wait_done(qtbot: Any, dialog: ServerDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.send_button.isEnabled())


def test_sign_in_keeps_the_profile_and_lists_the_servers_forms(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    # Signing in counts the forms (which checks the token), then the list is shown.
    transport = replayer("form_list", "form_list")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.sign_in()
    qtbot.waitUntil(lambda: dialog.forms_table.rowCount() > 0)
    wait_done(qtbot, dialog)
    ids = {dialog.forms_table.item(row, 0).text() for row in range(dialog.forms_table.rowCount())}
    assert {"mx_border_cso", "mx_border_gov", FORM_ID} <= ids
    missing = text("server.ui.state_missing", "en")
    assert {dialog.forms_table.item(r, 3).text() for r in range(len(ids))} == {missing}
    assert transport.unused == 0
    kept = profile.load_profiles(tmp_path / "config")
    assert TOKEN not in (tmp_path / "config" / profile.FILE_NAME).read_text("utf-8")
    assert QSettings().value("central/server") == kept["default"].server
    assert dialog.secret_edit.text() == ""  # the secret left the field once kept


def test_forms_come_down_and_the_list_says_up_to_date(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    transport = replayer("form_download")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    added: list[list[str]] = []
    dialog.forms_added.connect(added.append)
    dialog.refresh_forms()
    qtbot.waitUntil(lambda: dialog.forms_table.rowCount() > 0)
    wait_done(qtbot, dialog)
    row = next(
        r
        for r in range(dialog.forms_table.rowCount())
        if dialog.forms_table.item(r, 0).text() == FORM_ID
    )
    dialog.forms_table.selectRow(row)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # Ctrl+D
    qtbot.waitUntil(lambda: bool(added))
    wait_done(qtbot, dialog)
    assert added == [[FORM_ID]]
    state = {
        dialog.forms_table.item(r, 0).text(): dialog.forms_table.item(r, 3).text()
        for r in range(dialog.forms_table.rowCount())
    }
    assert state[FORM_ID] == text("server.ui.state_held", "en")
    assert transport.unused == 0
    with Store.open(db) as store:
        assert FORM_ID in {record.form_id for record in store.forms.records()}


def _laptop_with_finals(db: Path, transport: ReplayTransport, count: int) -> list[str]:
    """Bring the test form down through the recording, then finalize ``count`` interviews."""
    url = recording("form_list")["url"]
    with Store.open(db) as store:
        with CentralClient(url, 1, Credentials("app_user", TOKEN), transport=transport) as client:
            sha = forms_down.download(store, client, FORM_ID).record.sha256
        names = ("Rosa", "Luis", "Elena")
        return [
            finalized_interview(store, sha, names[n], photo=PHOTO if n == 0 else None)
            for n in range(count)
        ]


def test_send_shows_progress_and_the_list_shows_each_interview_sent(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    transport = replayer("push_plain")
    ids = _laptop_with_finals(db, transport, 3)
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    pushed: list[push.PushResult] = []
    dialog.pushed.connect(pushed.append)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    qtbot.waitUntil(lambda: bool(pushed))
    wait_done(qtbot, dialog)
    assert sorted(pushed[0].sent) == sorted(ids)
    assert dialog.progress.value() == dialog.progress.maximum() == 1  # full bar
    assert "Sent 3" in dialog.status.text()
    with Store.open(db) as store:
        model = InterviewsModel(store)
        model.reload()
        model.set_send_states(send_states(store))
        column = COLUMN["send_state"]
        shown = {model.data(model.index(r, column)) for r in range(model.rowCount())}
        assert shown == {text("server.ui.sent", "en")}
        header = model.headerData(column, Qt.Orientation.Horizontal)
        assert header == text("server.ui.column", "en")


def test_a_refused_interview_shows_centrals_reason_in_the_list(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    transport = replayer("push_closed")
    (submission,) = _laptop_with_finals(db, transport, 1)
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    pushed: list[push.PushResult] = []
    dialog.pushed.connect(pushed.append)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(pushed))
    wait_done(qtbot, dialog)
    assert pushed[0].refused and pushed[0].refused[0][0] == submission
    assert "not currently accepting submissions" in dialog.status.text()
    with Store.open(db) as store:
        model = InterviewsModel(store)
        model.reload()
        model.set_send_states(send_states(store))
        index = model.index(0, COLUMN["send_state"])
        assert model.data(index) == text("server.ui.refused", "en")
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert "not currently accepting submissions" in tip


class HeldReplay(ReplayTransport):
    """The recording, with the first submission held until the test lets it through."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data, {"app-user-token": TOKEN})
        self.sending = threading.Event()
        self.go_on = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and not self.sending.is_set():
            self.sending.set()
            self.go_on.wait(10)
        return super().handle_request(request)


def _send_and_hold(
    qtbot: Any, made: list[ServerDialog], db: Path, config: Path
) -> tuple[ServerDialog, HeldReplay, list[push.PushResult]]:
    transport = HeldReplay(recording("push_plain"))
    _laptop_with_finals(db, transport, 3)
    dialog = open_dialog(qtbot, made, db, transport, config)
    pushed: list[push.PushResult] = []
    dialog.pushed.connect(pushed.append)
    dialog.send()
    assert transport.sending.wait(10), "the push never reached the first interview"
    return dialog, transport, pushed


def test_cancel_stops_between_interviews_and_the_rest_waits(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    dialog, transport, pushed = _send_and_hold(qtbot, dialogs, db, tmp_path / "config")
    assert dialog.cancel_button.isEnabled()
    assert not dialog.close_button.isEnabled()  # closing waits for the push to stop
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    transport.go_on.set()  # the interview on its way finishes; the other two wait
    qtbot.waitUntil(lambda: bool(pushed))
    wait_done(qtbot, dialog)
    result = pushed[0]
    assert result.cancelled and len(result.sent) == 1 and result.waiting == 2
    assert text("server.ui.cancelled", "en") in dialog.status.text()
    assert not dialog.cancel_button.isEnabled() and dialog.close_button.isEnabled()


def test_escape_while_sending_cancels_instead_of_closing(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    dialog, transport, pushed = _send_and_hold(qtbot, dialogs, db, tmp_path / "config")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    transport.go_on.set()
    qtbot.waitUntil(lambda: bool(pushed))
    wait_done(qtbot, dialog)
    assert dialog.isVisible() and pushed[0].cancelled and len(pushed[0].sent) == 1


def test_a_refused_token_is_one_clear_message_and_nothing_changes(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    transport = replayer("bad_token")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.refresh_forms()
    qtbot.waitUntil(lambda: dialog.status.text() != text("server.ui.working", "en"))
    wait_done(qtbot, dialog)
    said = dialog.status.text()
    assert "Traceback" not in said and "token" in said.lower()
    assert dialog.forms_table.rowCount() == 0


def test_a_bad_address_is_said_before_anything_is_sent(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    transport = replayer("form_list")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.url_edit.setText("not a url")
    dialog.refresh_forms()
    assert dialog.task is None and transport.requests == []
    assert "not an address" in dialog.status.text()


def test_the_list_says_not_sent_only_once_a_server_is_set_up(db: Path) -> None:
    transport = replayer("form_download")
    (final,) = _laptop_with_finals(db, transport, 1)
    with Store.open(db) as store:
        draft = store.interviews.start(
            store.forms.records()[0].sha256, interviewer="ana", city="tijuana", actor_type="cso"
        )
        model = InterviewsModel(store)
        model.reload()
        column = COLUMN["send_state"]

        def shown() -> dict[str, str]:
            model.set_send_states(send_states(store))
            return {
                model.row_at(r).submission_id: model.data(model.index(r, column))
                for r in range(model.rowCount())
            }

        assert shown() == {final: "", draft: ""}  # no server: the column stays empty
        QSettings().setValue(SERVER_SETTING, "http://central.example.org#1")
        assert shown() == {final: text("server.ui.not_sent", "en"), draft: ""}


def test_a_supervisor_pulls_centrals_submissions_with_their_reviews(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path
) -> None:
    from integration.pull_scenario import RECORDING, write_form

    data = json.loads(RECORDING.read_text("utf-8"))
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.forms.add(write_form(tmp_path / "form", data["form_id"]))
    transport = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.url_edit.setText(data["url"])
    dialog.project_edit.setText(str(data["project"]))
    dialog.pull()
    assert dialog.task is None  # an app user can't read submissions: said, nothing asked
    assert text("server.ui.pull_needs_web_user", "en") == dialog.status.text()
    dialog.web_user.setChecked(True)
    dialog.email_edit.setText(data["email"])
    dialog.secret_edit.setText("pw-for-replay")
    pulled: list[Any] = []
    dialog.pulled.connect(pulled.append)
    qtbot.mouseClick(dialog.pull_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(pulled))
    wait_done(qtbot, dialog)
    assert pulled[0].new == 3 and "3 new interviews" in dialog.status.text()
    with Store.open(db) as store:
        states = sorted(row.state for row in store.interviews.page())
    assert states == ["approved", "finalized", "returned"]  # Central's reviews came too
    # Sending to the same server sends none of them back (central2): no submission asked.
    dialog.send()
    assert dialog.is_running()
    wait_done(qtbot, dialog)
    assert [r for r in transport.requests if r.url.path.endswith("/submission")] == []
    said = text("server.ui.pushed", "en", sent=0, refused=0, held=0, waiting=0)
    assert dialog.status.text() == said


def _sealed_pull(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path, *, forget: bool
) -> tuple[Any, dict[str, Any], Any, Path]:
    """Pull the recorded sealed submission with the window's study key unlocked (and, with
    ``forget``, forgotten by the idle lock after the dialog opened)."""
    from integration import pull_sealed_scenario as scenario

    from fieldapp.core import crypto
    from fieldapp.ui.state import UiState

    data = json.loads(scenario.RECORDING.read_text("utf-8"))
    key = crypto.load_private_key(data["test_key_pem"].encode("ascii"), scenario.KEY_PASSPHRASE)
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.forms.add(scenario.write_form(tmp_path / "form", data["form_id"], data["public_key"]))
    transport = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    state = UiState()
    state.set_study_key(key)
    dialog = ServerDialog(db, transport=transport, config=tmp_path / "config", state=state)
    qtbot.addWidget(dialog)
    dialogs.append(dialog)
    if forget:
        state.set_study_key(None)  # what the idle lock's forget_study_key does
    dialog.url_edit.setText(data["url"])
    dialog.project_edit.setText(str(data["project"]))
    dialog.web_user.setChecked(True)
    dialog.email_edit.setText(data["email"])
    dialog.secret_edit.setText("pw-for-replay")
    pulled: list[Any] = []
    dialog.pulled.connect(pulled.append)
    dialog.pull()
    qtbot.waitUntil(lambda: bool(pulled))
    wait_done(qtbot, dialog)
    return pulled[0], data, key, db


def test_with_the_study_key_unlocked_a_pull_brings_sealed_submissions_sealed(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path
) -> None:
    """The window's study key reaches the pull's worker: replayed from a real Central, the
    sealed submission comes down sealed, and opens to what the laptop sent."""
    report, data, key, db = _sealed_pull(qtbot, dialogs, tmp_path, forget=False)
    assert (report.new, report.left) == (1, [])
    ((sent,),) = (data["sent"],)
    with Store.open(db) as store:
        (row,) = store.interviews.page()
        (head,) = store.interviews.heads(row.submission_id)
        assert head.answers is None and head.sealed is not None
        store.keys.unlock(key)
        answers = dict(store.keys.open_revision(head).answers)
    assert answers["story"] == sent["answers"]["story"] == "Relato sellado"


def test_a_study_key_the_idle_lock_forgot_is_not_used_by_an_open_server_dialog(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path
) -> None:
    """Forgotten while the dialog stays open, the key opens nothing: the sealed submission
    stays on the server with its reason, and nothing of it is stored."""
    report, _, _, db = _sealed_pull(qtbot, dialogs, tmp_path, forget=True)
    assert report.new == 0 and len(report.left) == 1
    with Store.open(db) as store:
        assert store.interviews.page() == []


def test_the_forms_table_headers_read_whole(qtbot: Any, db: Path, tmp_path: Path) -> None:
    """At the dialog's size, no column header of the server's forms is cut."""
    dialog = ServerDialog(db, config=tmp_path / "config")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.forms_table.horizontalHeader()
    for column in range(dialog.forms_table.columnCount()):
        label = dialog.forms_table.horizontalHeaderItem(column)
        assert label is not None
        # What the header needs for its text, margins included.
        assert header.sectionSize(column) >= header.sectionSizeHint(column), label.text()


class SilentServer(httpx.BaseTransport):
    """A server that takes the connection and never answers: each ask waits until
    ``go_on`` is set, then times out, as a read of 30 s would."""

    def __init__(self) -> None:
        self.asked = 0
        self.go_on = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.asked += 1
        self.go_on.wait(10)
        raise httpx.ReadTimeout("the server never answered", request=request)


def test_a_sign_in_to_a_silent_server_can_be_cancelled_and_saves_nothing(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """Sign-in to a server that never answers asked three times, 30 s each, with Cancel
    and Close greyed out: the supervisor could only wait a minute and a half."""
    silent = SilentServer()
    dialog = open_dialog(qtbot, dialogs, db, silent, tmp_path / "config")  # type: ignore[arg-type]
    dialog.sign_in()
    qtbot.waitUntil(lambda: silent.asked == 1)
    assert dialog.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "30 s" in dialog.status.text()  # it says what it waits for, and how long at most
    silent.go_on.set()  # the ask on its way times out; no other is made
    wait_done(qtbot, dialog)
    assert silent.asked == 1
    assert dialog.status.text().startswith("Cancelled: nothing more was asked")
    assert dialog.close_button.isEnabled()
    assert not (tmp_path / "config" / profile.FILE_NAME).exists()  # no profile kept


def test_tab_leaves_the_servers_list_of_forms(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """As in the merge dialog and the History (the Spanish walk): Tab went from cell to
    cell of the server's forms and never left them for the buttons."""
    from PySide6.QtWidgets import QApplication

    dialog = open_dialog(qtbot, dialogs, db, replayer("form_list", "form_list"), tmp_path / "c")
    dialog.sign_in()
    qtbot.waitUntil(lambda: dialog.forms_table.rowCount() > 0)
    wait_done(qtbot, dialog)
    dialog.forms_table.setFocus()
    left = set()
    for _ in range(12):
        focused = QApplication.focusWidget()
        left.add(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert left - {"serverForms"}, "Tab never left the list"


# --- the keyboard in the desk, walked with a window manager (kbserver) ----------------------


def test_a_cancel_waiting_for_the_server_keeps_the_keyboard_on_cancel_then_gives_it_back(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """Left by kbserver: while a cancel waited for the server's answer (up to 30 s) Cancel
    was greyed out and the keyboard fell to the server's address, where a key typed
    changed the server. It stays on Cancel, which says it is cancelling and does nothing
    more when pressed again, and goes back to Sign in when the exchange ends."""
    silent = SilentServer()
    dialog = open_dialog(qtbot, dialogs, db, silent, tmp_path / "config")  # type: ignore[arg-type]
    address = dialog.url_edit.text()
    dialog.sign_in_button.setFocus()
    qtbot.keyClick(dialog.sign_in_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: silent.asked == 1)
    assert _focused() is dialog.cancel_button
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Space)
    assert _focused() is dialog.cancel_button, "the keyboard stays where it pressed"
    assert dialog.cancel_button.text() == "Cancelling…"
    said = dialog.status.text()
    assert "30 s" in said
    for key in (Qt.Key.Key_Space, Qt.Key.Key_A, Qt.Key.Key_Escape):  # pressed again, typed
        qtbot.keyClick(dialog.cancel_button, key)
    assert dialog.isVisible() and dialog.is_running() and dialog.status.text() == said
    assert _focused() is dialog.cancel_button and dialog.url_edit.text() == address
    silent.go_on.set()  # the ask on its way times out
    wait_done(qtbot, dialog)
    assert silent.asked == 1
    assert dialog.status.text().startswith("Cancelled: nothing more was asked")
    assert _focused() is dialog.sign_in_button, "back on the button pressed"
    assert dialog.cancel_button.text() == "Cancel" and not dialog.cancel_button.isEnabled()


def _focused() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_enter_in_the_password_field_signs_in_and_does_not_send(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """Walked: the secret typed and Enter sent every finalized interview (Send was the
    default everywhere). In the account's fields Sign in is the default; once signed in
    the keyboard is on the server's forms, the sign-in's words still said."""
    _laptop_with_finals(db, replayer("push_plain"), 1)
    transport = replayer("form_list", "form_list")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    pushed: list[push.PushResult] = []
    dialog.pushed.connect(pushed.append)
    dialog.secret_edit.setFocus()
    assert dialog.sign_in_button.isDefault() and not dialog.send_button.isDefault()
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.forms_table.rowCount() > 0)
    wait_done(qtbot, dialog)
    assert pushed == [] and [r.method for r in transport.requests] == ["GET", "GET"]
    assert _focused() is dialog.forms_table
    said = dialog.status.text()
    assert said.startswith("Signed in to project 1") and "forms on the server" in said


def test_enter_on_the_servers_forms_downloads_the_selected_one(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """Walked: a form chosen on the server's list and Enter sent the interviews instead.
    On the list the default is Download, and Enter downloads; out of it, Send again."""
    transport = replayer("form_download")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    added: list[list[str]] = []
    dialog.forms_added.connect(added.append)
    dialog.refresh_forms()
    qtbot.waitUntil(lambda: dialog.forms_table.rowCount() > 0)
    wait_done(qtbot, dialog)
    row = next(
        r
        for r in range(dialog.forms_table.rowCount())
        if dialog.forms_table.item(r, 0).text() == FORM_ID
    )
    dialog.forms_table.setFocus()
    dialog.forms_table.selectRow(row)
    assert dialog.download_button.isDefault() and not dialog.send_button.isDefault()
    qtbot.keyClick(dialog.forms_table, Qt.Key.Key_Return)
    wait_done(qtbot, dialog)
    assert added == [[FORM_ID]] and "POST" not in {r.method for r in transport.requests}
    assert _focused() is dialog.forms_table
    dialog.url_edit.setFocus()  # the address: an account field, Sign in again
    assert dialog.sign_in_button.isDefault()


def test_a_send_pressed_from_the_keyboard_puts_it_on_cancel_and_back_on_send(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """Walked: Send pressed greyed out under the keyboard, which fell to the server's
    address (a key typed there changed the server mid-send; Space did not cancel). It
    goes to Cancel, and when the cancelled push ends back to Send."""
    transport = HeldReplay(recording("push_plain"))
    _laptop_with_finals(db, transport, 3)
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    pushed: list[push.PushResult] = []
    dialog.pushed.connect(pushed.append)
    dialog.send_button.setFocus()
    qtbot.keyClick(dialog.send_button, Qt.Key.Key_Space)
    assert transport.sending.wait(10), "the push never reached the first interview"
    assert _focused() is dialog.cancel_button
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Space)
    assert dialog.isVisible() and _focused() is dialog.cancel_button
    transport.go_on.set()
    qtbot.waitUntil(lambda: bool(pushed))
    wait_done(qtbot, dialog)
    assert pushed[0].cancelled and len(pushed[0].sent) == 1
    assert _focused() is dialog.send_button


def test_a_pull_says_it_brings_submissions_in_not_that_it_sends(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path
) -> None:
    """Walked: pulling said "Sending 1 of 3…", and downloading a form "Sending 0 of 1…"."""
    from integration.pull_scenario import RECORDING, write_form

    data = json.loads(RECORDING.read_text("utf-8"))
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.forms.add(write_form(tmp_path / "form", data["form_id"]))
    transport = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.url_edit.setText(data["url"])
    dialog.project_edit.setText(str(data["project"]))
    dialog.web_user.setChecked(True)
    dialog.email_edit.setText(data["email"])
    dialog.secret_edit.setText("pw-for-replay")
    said: list[str] = []
    dialog.pull()
    assert dialog.task is not None
    dialog.task.progress.connect(lambda *_: said.append(dialog.status.text()))
    wait_done(qtbot, dialog)
    assert said and all(s.startswith("Bringing in submissions: ") for s in said), said
    assert "3 new interviews" in dialog.status.text()


class RefusedPassword(httpx.BaseTransport):
    """Central refusing a web user's email and password, as it words it."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = {"message": "Could not authenticate with the provided credentials.", "code": 401.2}
        return httpx.Response(401, json=body, request=request)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "refused the email and password"),
        ("es", "rechazó el correo y la contraseña"),
    ],
)
def test_a_wrong_password_is_said_for_this_window_in_its_language(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path, language: str, said: str
) -> None:
    """Walked: a wrong password was told to run "fieldapp central login" for "profile
    default" and to ask for an app user token: the terminal's words, in the window."""
    from fieldapp.ui import i18n

    i18n.apply_language(language)
    try:
        dialog = open_dialog(qtbot, dialogs, db, RefusedPassword(), tmp_path / "config")  # type: ignore[arg-type]
        dialog.web_user.setChecked(True)
        dialog.email_edit.setText("ana@example.org")
        dialog.secret_edit.setText("wrong")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        wait_done(qtbot, dialog)
    finally:
        i18n.apply_language("en")
    shown = dialog.status.text()
    assert said in shown and "Could not authenticate" in shown
    assert "fieldapp central" not in shown and "default" not in shown
    assert shown.count("\n") == 0, "one message"


class HeldListing(ReplayTransport):
    """The recorded pull, its list of forms held until the test lets it through."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data, {"web-user-password": "pw-for-replay"})
        self.listing = threading.Event()
        self.go_on = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/forms") and not self.listing.is_set():
            self.listing.set()
            self.go_on.wait(10)
        return super().handle_request(request)


def test_escape_while_a_pull_lists_the_forms_asks_nothing_more_and_brings_nothing(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path
) -> None:
    """Walked: Esc while the pull listed the server's forms said "nothing more will be
    asked", and the pull went on asking, then brought the interviews in all the same."""
    from integration.pull_scenario import RECORDING, write_form

    data = json.loads(RECORDING.read_text("utf-8"))
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.forms.add(write_form(tmp_path / "form", data["form_id"]))
    transport = HeldListing(data)
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")  # type: ignore[arg-type]
    dialog.url_edit.setText(data["url"])
    dialog.project_edit.setText(str(data["project"]))
    dialog.web_user.setChecked(True)
    dialog.email_edit.setText(data["email"])
    dialog.secret_edit.setText("pw-for-replay")
    dialog.pull_button.setFocus()
    qtbot.keyClick(dialog.pull_button, Qt.Key.Key_Space)
    assert transport.listing.wait(10), "the pull never listed the forms"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    asked = len(transport.requests)
    transport.go_on.set()
    wait_done(qtbot, dialog)
    after = [(r.method, r.url.path) for r in transport.requests[asked:]]
    # the list on its way when Esc was pressed is answered; then only the signing out
    assert after == [("GET", "/v1/projects/1/forms"), ("DELETE", "/v1/sessions/current")]
    assert dialog.status.text() == text("server.ui.pull_cancelled", "en")
    with Store.open(db) as store:
        assert store.interviews.page() == []
    assert _focused() is dialog.pull_button


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_alt_key_of_the_server_desk_reaches_one_part(
    qtbot: Any, db: Path, tmp_path: Path, language: str
) -> None:
    """Walked in English: Alt+A went to App user, never to the server's address (Alt+P:
    project or Pull, Alt+W: Web user or Password); in Spanish Alt+D was the address or
    Download, Alt+A App user or Refresh, Alt+T Token or Pull. A letter two parts share
    only moves between them, pressing neither."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from fieldapp.ui import i18n

    i18n.apply_language(language)
    try:
        dialog = ServerDialog(db, config=tmp_path / "config")
    finally:
        i18n.apply_language("en")
    qtbot.addWidget(dialog)
    dialog.show()
    for web in (False, True):
        dialog.web_user.setChecked(web)
        shown = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        shown += [
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.buddy() is not None and label.isVisible()
        ]
        keys = [m.group(1).lower() for t in shown if (m := re.search(r"&(\w)", t))]
        assert len(keys) >= 10, shown
        twice = sorted({k for k in keys if keys.count(k) > 1})
        assert twice == [], f"{language}, web user {web}: {twice} in {shown}"


@pytest.mark.parametrize("web", [False, True])
def test_sign_in_without_the_secret_says_what_to_type_and_puts_the_keyboard_there(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path, web: bool
) -> None:
    """Walked: a kept profile's address and Enter (Sign in, no keyring to hold the
    secret) answered "Sign in to a server first", the keyboard left on the address."""
    transport = replayer("form_list")
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.web_user.setChecked(web)
    dialog.email_edit.setText("ana@example.org")
    dialog.secret_edit.clear()
    dialog.url_edit.setFocus()
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert dialog.task is None and transport.requests == []
    assert dialog.status.text() == text(f"server.ui.type_{'password' if web else 'token'}", "en")
    assert _focused() is dialog.secret_edit


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_password_question_cancelled_is_said_for_this_window_and_the_keyboard_goes_to_it(
    qtbot: Any,
    dialogs: list[ServerDialog],
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """Walked: Send with no secret kept asks it; the question cancelled (Esc) said "Profile
    default needs … or FIELDAPP_CENTRAL_SECRET for scripts", the keyboard on the address."""
    from PySide6.QtWidgets import QInputDialog

    from fieldapp.ui import i18n

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("", False))  # Esc
    transport = replayer("push_plain")
    i18n.apply_language(language)
    try:
        dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    finally:
        i18n.apply_language("en")
    dialog.web_user.setChecked(True)
    dialog.email_edit.setText("ana@example.org")
    dialog.secret_edit.clear()
    dialog.url_edit.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Send
    assert dialog.task is None and transport.requests == []
    shown = dialog.status.text()
    assert shown == text("server.ui.no_secret_password", language)
    assert _focused() is dialog.secret_edit


def test_a_send_nothing_answered_leaves_the_list_and_the_desk_on_the_server_they_had(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """A mistyped address: the list's Server column does not turn to "waiting" for it,
    and the desk does not reopen on it; the server that answers is then taken, as
    signing in takes it."""
    import socket

    transport = replayer("push_plain")
    _laptop_with_finals(db, transport, 3)
    before = "https://central.before.example#1"
    QSettings().setValue(SERVER_SETTING, before)
    config = tmp_path / "config"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mistyped = open_dialog(qtbot, dialogs, db, transport, config)
    mistyped.transport = None  # the network itself: nothing listens on that port
    mistyped.url_edit.setText(f"http://127.0.0.1:{port}")
    pushed: list[push.PushResult] = []
    mistyped.pushed.connect(pushed.append)
    mistyped.send()
    qtbot.waitUntil(lambda: bool(pushed), timeout=20_000)
    wait_done(qtbot, mistyped)
    assert pushed[0].stopped is not None and pushed[0].sent == []
    assert QSettings().value(SERVER_SETTING) == before
    assert profile.load_profiles(config) == {}
    with Store.open(db) as store:
        assert send_states(store) == {}  # the list: nothing waits for a server set up

    answered = open_dialog(qtbot, dialogs, db, transport, config)
    answered.pushed.connect(pushed.append)
    answered.send()
    qtbot.waitUntil(lambda: len(pushed) == 2)
    wait_done(qtbot, answered)
    assert len(pushed[1].sent) == 3
    kept = profile.load_profiles(config)["default"]
    assert QSettings().value(SERVER_SETTING) == kept.server
    assert kept.url == recording("push_plain")["url"]
    with Store.open(db) as store:
        assert set(send_states(store).values()) == {("sent", "")}


def test_retry_refused_sends_again_what_the_server_refused_as_send_does(
    qtbot: Any, dialogs: list[ServerDialog], db: Path, tmp_path: Path
) -> None:
    """Central refused an interview (its form closed): Send alone leaves it refused; the
    window's Retry refused sends it again once mended, greyed out with Cancel offered
    while it runs, as Send is (``fieldapp central push --retry-refused``)."""
    # Central refuses the first submission, then (the form opened again) takes the next.
    transport = replayer("push_closed", "push_plain")
    (submission,) = _laptop_with_finals(db, transport, 1)
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    pushed: list[push.PushResult] = []
    dialog.pushed.connect(pushed.append)
    dialog.send()
    qtbot.waitUntil(lambda: bool(pushed))
    wait_done(qtbot, dialog)
    assert pushed[0].refused and text("server.ui.retry_hint", "en") in dialog.status.text()
    posts = sum(1 for r in transport.requests if r.method == "POST")
    dialog.send()
    qtbot.waitUntil(lambda: len(pushed) == 2)
    wait_done(qtbot, dialog)
    assert pushed[1].sent == [] and pushed[1].refused == []  # Send alone: still refused
    assert sum(1 for r in transport.requests if r.method == "POST") == posts

    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None and dialog.cancel_button.isEnabled()
    assert not dialog.retry_button.isEnabled() and not dialog.send_button.isEnabled()
    qtbot.waitUntil(lambda: len(pushed) == 3)
    wait_done(qtbot, dialog)
    assert pushed[2].sent == [submission] and "Sent 1" in dialog.status.text()
    with Store.open(db) as store:
        assert send_states(store) == {submission: ("sent", "")}


def test_a_held_elsewhere_refusal_says_what_to_press_in_the_window_not_in_a_terminal(
    qtbot: Any, db: Path, tmp_path: Path
) -> None:
    dialog = ServerDialog(db, config=tmp_path / "config")
    qtbot.addWidget(dialog)
    reason = text("central.held_elsewhere", "en", instance="uuid:1", form="f", reason="409")
    dialog._pushed(push.PushResult(refused=[(SubmissionId("abcdef12"), reason)]))
    said = dialog.status.text()
    assert "Central already keeps submission uuid:1" in said
    assert "fieldapp central push" not in said and "--retry-refused" not in said
    assert text("server.ui.retry_hint", "en") in said
    assert "Retry refused" in text("server.ui.retry_hint", "en")
    assert dialog.retry_button.text().replace("&", "") == "Retry refused"


def test_send_says_what_the_server_already_held_and_the_list_shows_it_sent(
    qtbot: Any, dialogs: list[ServerDialog], tmp_path: Path
) -> None:
    """A laptop that got the supervisor's pulled interviews by merge: *Enviar* as a web
    user reads the form's listing once, sends none of them back, and says so (central3)."""
    from integration.pull_scenario import RECORDING, write_form

    from fieldapp.core.central.pull_reviews import pull_and_review
    from fieldapp.core.merge import merge_database

    data = json.loads(RECORDING.read_text("utf-8"))
    secrets = {"web-user-password": "pw-for-replay"}
    credentials = Credentials("web_user", "pw-for-replay", data["email"])
    supervisor, db = tmp_path / "supervisor.db", tmp_path / "laptop.db"
    with Store.open(supervisor) as store:
        store.forms.add(write_form(tmp_path / "form", data["form_id"]))
        transport = ReplayTransport(data, secrets)
        pull_and_review(
            store,
            lambda: CentralClient(data["url"], data["project"], credentials, transport=transport),
        )
    with Store.open(db) as store:
        merge_database(store, supervisor)
    transport = ReplayTransport(data, secrets)
    dialog = open_dialog(qtbot, dialogs, db, transport, tmp_path / "config")
    dialog.url_edit.setText(data["url"])
    dialog.project_edit.setText(str(data["project"]))
    dialog.web_user.setChecked(True)
    dialog.email_edit.setText(data["email"])
    dialog.secret_edit.setText("pw-for-replay")

    dialog.send()
    wait_done(qtbot, dialog)

    asked = [request.url.path for request in transport.requests]
    assert not [path for path in asked if path.endswith("/submission")]
    assert len([path for path in asked if path.endswith("/submissions")]) == 1
    said = dialog.status.text().splitlines()
    assert said[0] == text("server.ui.pushed", "en", sent=0, refused=0, held=0, waiting=0)
    assert said[1] == text("server.ui.already_there", "en", count=3)
    # The server answered for them: it is the list's server now, and they show sent.
    assert QSettings().value(SERVER_SETTING) == push.server_key(data["url"], data["project"])
    with Store.open(db) as store:
        shown = send_states(store)
    assert shown is not None and len(shown) == 3
    assert {state for state, _ in shown.values()} == {"sent"}
