"""File › Server…: sign in to ODK Central, bring forms down, send finalized interviews.

Every exchange with the server runs in a worker thread (``CentralTask``) with its own
store connection, so the window never waits on the network; a push shows its progress
and stops at Cancel between two interviews (what was not sent waits in the queue). The
secret is asked here, on the GUI thread, when the keyring holds none, and handed to the
worker in memory only. Errors are the core's catalogue messages, shown in the status
line; nothing a worker raises reaches the person as a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.central import forms_down, holdings, profile, push
from fieldapp.core.central.client import TIMEOUT, CentralClient, Credentials
from fieldapp.core.central.pull import PullReport
from fieldapp.core.interview_name import listed_name, row_name
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store import InterviewFilter, Store, SubmissionId
from fieldapp.ui.i18n import current_language
from fieldapp.ui.layouts import packed_left, widened_first
from fieldapp.ui.named import named
from fieldapp.ui.screen_fit import fit_window
from fieldapp.ui.send_state import SERVER_SETTING
from fieldapp.ui.state import UiState
from fieldapp.ui.store_thread import StoreThread

if TYPE_CHECKING:
    from fieldapp.core.crypto import StudyKey

PROFILE_SETTING = "central/profile"
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Job = Callable[[Store, Callable[[], CentralClient], Progress, Cancelled], Any]
"""Work on the server: the worker's store, a client maker, progress and cancel."""


def chosen_profile(folder: Path | None = None) -> profile.Profile | None:
    """Return the profile the desktop last signed in with (None: none kept)."""
    try:
        kept = profile.load_profiles(folder)
    except FieldappError:
        return None
    name = str(QSettings().value(PROFILE_SETTING, "") or "")
    if name in kept:
        return kept[name]
    return next(iter(kept.values()), None)


class CentralTask(StoreThread):
    """Run one job against the server with its own store; report progress and the result.

    ``done`` carries the job's result, or the FieldappError that stopped it.
    """

    progress = Signal(int, int)

    def __init__(
        self,
        db_path: Path,
        chosen: profile.Profile,
        secret: str,
        job: Job,
        *,
        transport: httpx.BaseTransport | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db_path, parent)
        self.profile = chosen
        self._secret = secret
        self.job = job
        self.transport = transport
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _client(self) -> CentralClient:
        credentials = Credentials(self.profile.auth, self._secret, self.profile.email)
        return CentralClient(
            self.profile.url,
            self.profile.project,
            credentials,
            profile=self.profile.name,
            transport=self.transport,
            cancelled=self._cancel.is_set,
        )

    def work(self, store: Store) -> Any:
        return self.job(store, self._client, self.progress.emit, self._cancel.is_set)

    def finish(self) -> None:
        self._secret = ""


def _list_job(
    store: Store, client: Callable[[], CentralClient], _p: Progress, _c: Cancelled
) -> list[forms_down.FormState]:
    with client() as link:
        return forms_down.compare(store, forms_down.list_forms(link))


def _download_job(form_ids: list[str]) -> Job:
    def job(
        store: Store, client: Callable[[], CentralClient], progress: Progress, cancelled: Cancelled
    ) -> tuple[list[str], list[forms_down.FormState]]:
        got: list[str] = []
        with client() as link:
            for number, form_id in enumerate(form_ids):
                if cancelled():
                    break
                progress(number, len(form_ids))
                got.append(forms_down.download(store, link, form_id).record.form_id)
            progress(len(form_ids), len(form_ids))
            return got, forms_down.compare(store, forms_down.list_forms(link))

    return job


@dataclass(frozen=True)
class Pushed:
    """A push, and whether its server answered as ODK Central (took or refused an
    interview), so that the window may take it as the server (``kept``: its profile was
    saved, as signing in saves it)."""

    result: push.PushResult
    answered: bool
    kept: bool


def _push_job(chosen: profile.Profile, config: Path | None, *, retry_refused: bool = False) -> Job:
    def job(
        store: Store, client: Callable[[], CentralClient], progress: Progress, cancelled: Cancelled
    ) -> Pushed:
        with client() as link:
            result = push.push(
                store,
                link,
                chosen.server,
                progress=progress,
                cancelled=cancelled,
                retry_refused=retry_refused,
                reader=holdings.lister(link),
            )
            secret = link.credentials.secret
        # Only a server that answered for an interview is taken as the server: a mistyped
        # address showed every interview "waiting" for it in the list.
        answered = bool(result.sent or result.refused or result.already)
        kept = False
        if answered:
            try:
                profile.save_profile(chosen, config)
                profile.keep_secret(chosen, secret)
                kept = True
            except (OSError, FieldappError):
                kept = False  # the push stands; the desk keeps the profile it had
        return Pushed(result, answered, kept)

    return job


def _pull_job(study_key: StudyKey | None) -> Job:
    """Pull into the worker's own store, opened with the window's study key when it has
    one, so that sealed submissions come down sealed rather than stay on the server."""

    def job(
        store: Store, client: Callable[[], CentralClient], progress: Progress, cancelled: Cancelled
    ) -> PullReport:
        from fieldapp.core.central.pull_reviews import pull_and_review

        outcome = pull_and_review(
            store, client, study_key=study_key, progress=progress, cancel=cancelled
        )
        return outcome.report

    return job


def _listed_or_unnamed(store: Store, submission: SubmissionId, language: str) -> str:
    """Return the name the interview list gives ``submission`` (``interview_name``). Before
    the drafts passphrase or the study key the list leaves sealed forms' interviews out,
    and so does this: such an interview is said to be of a sealed form, never named."""
    hidden = store.keys.hides_sealed()
    only = InterviewFilter(submission_ids=(submission,), sealed_hidden=hidden)
    listed = store.interviews.page(only, limit=1)
    if listed:
        return row_name(listed[0], language)
    if hidden:
        return text("server.ui.sealed_interview", language)
    return listed_name(store, submission, language)


class ServerDialog(QDialog):
    """Profile, the server's forms, and the push: File › Server…."""

    pushed = Signal(object)
    """A PushResult: the list's send states changed."""
    forms_added = Signal(list)
    """Form ids downloaded: the New interview dialog has more to offer."""
    pulled = Signal(object)
    """A PullReport: interviews and reviews came in."""

    def __init__(
        self,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        config: Path | None = None,
        state: UiState | None = None,
    ) -> None:
        """``state``: the window's; a pull takes its study key as it is then (none once the
        idle lock forgot it) and brings sealed submissions with it."""
        super().__init__(parent)
        self.db_path = db_path
        self.state = state
        self.transport = transport
        self.config = config
        self.language = current_language()
        self.task: CentralTask | None = None
        self.states: list[forms_down.FormState] = []
        self._progress_key = "sending"
        self._keyboard_back_to: QWidget | None = None
        """The button whose work runs, the keyboard on Cancel meanwhile: it goes back."""
        self._cancelling = False
        """Cancel was pressed and the exchange under way has not ended yet."""
        t = self._t
        self.setWindowTitle(t("title"))
        intro = QLabel(t("intro"), wordWrap=True)

        self.url_edit = named(QLineEdit(), "serverUrl")
        self.url_edit.setPlaceholderText("https://central.example.org")
        self.project_edit = named(QLineEdit(), "serverProject")
        self.app_user = named(QRadioButton(t("app_user")), "serverAppUser")
        self.web_user = named(QRadioButton(t("web_user")), "serverWebUser")
        self.app_user.setChecked(True)
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.app_user)
        self.kind.addButton(self.web_user)
        self.email_edit = named(QLineEdit(), "serverEmail")
        self.secret_label = QLabel()
        self.secret_edit = named(QLineEdit(), "serverSecret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = named(QPushButton(t("sign_in")), "serverSignIn")
        self.sign_in_button.clicked.connect(self.sign_in)
        kinds = packed_left(self.app_user, self.web_user)
        account = QFormLayout()
        account.addRow(self._buddy(t("url"), self.url_edit), self.url_edit)
        account.addRow(self._buddy(t("project"), self.project_edit), self.project_edit)
        account.addRow(kinds)
        self.email_label = self._buddy(t("email"), self.email_edit)
        account.addRow(self.email_label, self.email_edit)
        self.secret_label.setBuddy(self.secret_edit)
        account.addRow(self.secret_label, widened_first(self.secret_edit, self.sign_in_button))
        self.app_user.toggled.connect(self._kind_changed)
        box = QGroupBox()
        box.setLayout(account)
        self.account_box = box

        self.forms_table = named(QTableWidget(0, 4), "serverForms")
        self.forms_table.setHorizontalHeaderLabels(
            [t("form_id"), t("form_name"), t("form_version"), t("form_state")]
        )
        self.forms_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.forms_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.forms_table.verticalHeader().hide()
        self.forms_table.setTabKeyNavigation(False)  # the arrows walk the forms; Tab goes on
        header = self.forms_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):  # ids, versions and states read whole, headers too
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.refresh_button = named(QPushButton(t("refresh")), "serverRefresh")
        self.refresh_button.clicked.connect(self.refresh_forms)
        self.download_button = named(QPushButton(t("download")), "serverDownload")
        self.download_button.clicked.connect(self.download_selected)
        form_buttons = packed_left(self.refresh_button, self.download_button)
        forms_box = QGroupBox(t("forms"))
        forms_layout = QVBoxLayout(forms_box)
        forms_layout.addWidget(self.forms_table)
        forms_layout.addLayout(form_buttons)

        self.progress = named(QProgressBar(), "serverProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # the status line says "Sending 3 of 40…"
        self.send_button = named(QPushButton(t("send")), "serverSend")
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.retry_button = named(QPushButton(t("retry_refused")), "serverRetry")
        self.retry_button.clicked.connect(self.retry_refused)
        self.pull_button = named(QPushButton(t("pull")), "serverPull")
        self.pull_button.clicked.connect(self.pull)
        self.cancel_button = named(QPushButton(t("cancel")), "serverCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = named(QPushButton(t("close")), "serverClose")
        self.close_button.clicked.connect(self.reject)
        bottom = widened_first(
            self.progress,
            self.send_button,
            self.retry_button,
            self.pull_button,
            self.cancel_button,
            self.close_button,
        )
        self.status = named(QLabel(wordWrap=True), "serverStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(forms_box, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh_forms)
        QShortcut(QKeySequence("Ctrl+D"), self, self.download_selected)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send)
        self._fill_profile()
        fit_window(self, "server", (760, 560))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._keyboard_moved)

    def _keyboard_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Enter does what the keyboard's part of the desk is for, and the default button
        shows it: in the account's fields Sign in (a password typed and Enter sent every
        finalized interview), on the server's forms Download, elsewhere Send. A focused
        button takes Enter itself, as Qt's dialogs do."""
        if now is None or isinstance(now, QPushButton) or not self.isAncestorOf(now):
            return
        if self.account_box.isAncestorOf(now):
            self.sign_in_button.setDefault(True)
        elif now is self.forms_table:
            self.download_button.setDefault(True)
        else:
            self.send_button.setDefault(True)

    # --- words and the profile ------------------------------------------------------------

    def _t(self, key: str, **params: Any) -> str:
        return text(f"server.ui.{key}", self.language, **params)

    def _buddy(self, label: str, field: QWidget) -> QLabel:
        shown = QLabel(label)
        shown.setBuddy(field)
        return shown

    def _kind_changed(self) -> None:
        web = self.web_user.isChecked()
        self.email_edit.setEnabled(web)
        self.email_label.setEnabled(web)
        self.secret_label.setText(self._t("secret_password" if web else "secret_token"))

    def _fill_profile(self) -> None:
        chosen = chosen_profile(self.config)
        if chosen is not None:
            self.url_edit.setText(chosen.url)
            self.project_edit.setText(str(chosen.project))
            self.web_user.setChecked(chosen.auth == "web_user")
            self.email_edit.setText(chosen.email)
            if profile.keyring_available():
                self.secret_edit.setPlaceholderText(self._t("secret_kept"))
        self._kind_changed()

    def typed_profile(self) -> profile.Profile:
        """The profile the fields describe (checked; nothing saved)."""
        email = self.email_edit.text().strip() if self.web_user.isChecked() else ""
        return profile.make_profile(
            "default", self.url_edit.text().strip(), self.project_edit.text(), email
        )

    def _ask_secret(self, question: str) -> str:
        answer, given = QInputDialog.getText(
            self, self._t("title"), question, QLineEdit.EchoMode.Password
        )
        return answer if given else ""

    def _profile_and_secret(self) -> tuple[profile.Profile, str] | None:
        """The profile in use and its secret (typed, kept, or asked); None after an error."""
        try:
            chosen = self.typed_profile()
            secret = self.secret_edit.text() or profile.secret_of(chosen, self._ask_secret)
        except FieldappError as error:
            self._say(self._error_text(error))
            if error.code == "central.no_secret":
                self.secret_edit.setFocus()  # the question cancelled: where to type it
            return None
        return chosen, secret

    # --- running work on the server --------------------------------------------------------

    def is_running(self) -> bool:
        return self.task is not None and self.task.isRunning()

    def _start(
        self,
        job: Job,
        finished: Callable[[Any], None],
        *,
        counted: bool,
        progress: str = "sending",
    ) -> bool:
        """Run ``job``; ``progress``: the message that counts its steps (``sending``,
        ``downloading``, ``pulling``)."""
        if self.is_running():
            return False
        found = self._profile_and_secret()
        if found is None:
            return False
        chosen, secret = found
        self._progress_key = progress
        self.task = CentralTask(
            self.db_path, chosen, secret, job, transport=self.transport, parent=self
        )
        self.task.progress.connect(self._progress)
        self.task.done.connect(lambda result: self._finished(result, finished))
        pressed = QApplication.focusWidget()
        self._set_running(True, counted=counted)
        if isinstance(pressed, QPushButton) and not pressed.isEnabled():
            # The button pressed is greyed out: the keyboard goes to Cancel, not to the
            # address (where a key typed changed the server mid-send), and comes back.
            self._keyboard_back_to = pressed
            self.cancel_button.setFocus()
        self._say(self._t("working"))
        self.task.start()
        return True

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if not self._cancelling:
            self._say(self._t(self._progress_key, done=done, total=total))

    def _finished(self, result: Any, then: Callable[[Any], None]) -> None:
        if self.task is not None:
            self.task.wait()
        self._set_running(False, counted=False)
        self._give_keyboard_back()
        if isinstance(result, FieldappError):
            self._say(self._error_text(result))
            return
        then(result)

    def _give_keyboard_back(self) -> None:
        back, self._keyboard_back_to = self._keyboard_back_to, None
        if back is None:
            return
        now = QApplication.focusWidget()
        if now is None or now in (self.cancel_button, self.close_button):
            back.setFocus()  # not where the person took it meanwhile

    def _error_text(self, error: FieldappError) -> str:
        """The error in the user's language, as this window says it: a refused secret is
        checked here and signed in with again, and a secret not given is typed here, not
        with a command or a variable of the terminal for a profile the window never names;
        a pull cancelled is no merge of a file."""
        if error.code == "merge.cancelled":
            return self._t("pull_cancelled")
        if error.code == "central.no_secret":
            return self._t("no_secret_password" if self.web_user.isChecked() else "no_secret_token")
        if error.code == "central.bad_credentials":
            params = error.message.params
            web = getattr(params.get("kind"), "code", "") == "central.kind_password"
            key = "refused_password" if web else "refused_token"
            return self._t(key, url=params.get("url", ""), reason=params.get("reason", ""))
        return error.text(self.language)

    def _set_running(self, running: bool, *, counted: bool) -> None:
        for part in (
            self.sign_in_button,
            self.refresh_button,
            self.download_button,
            self.send_button,
            self.retry_button,
            self.pull_button,
            self.close_button,
        ):
            part.setEnabled(not running)
        # Every exchange can be cancelled: a server that accepts and never answers kept
        # sign-in going for three waits of 30 s, with Cancel and Close greyed out.
        self.cancel_button.setEnabled(running)
        if not running:
            self._cancelling = False
            self.cancel_button.setText(self._t("cancel"))
        if running and not counted:
            self.progress.setRange(0, 0)  # busy: one exchange, no count to show
        elif not running:
            self.progress.setRange(0, 1)
            self.progress.setValue(1 if self.progress.value() else 0)

    def _say(self, message: str) -> None:
        self.status.setText(message)

    def cancel(self) -> None:
        """Stop a push between two interviews (the one being sent finishes), or any other
        exchange before it asks the server again."""
        if self.task is not None and not self._cancelling:
            # Cancel stays enabled and keeps the keyboard (greyed out, it let the keyboard
            # fall to the server's address, where a key typed changed the server); it says
            # it is cancelling, and pressing it again does nothing more.
            self._cancelling = True
            self.task.cancel()
            self.cancel_button.setText(self._t("cancelling_button"))
            seconds = int(TIMEOUT.read or 30)
            self._say(self._t("cancelling", seconds=seconds))

    # --- the actions -------------------------------------------------------------------------

    def sign_in(self) -> None:
        """Check the profile against its server, then keep it (the secret in the keyring)."""
        try:
            chosen = self.typed_profile()
        except FieldappError as error:
            self._say(error.text(self.language))
            return
        secret = self.secret_edit.text()
        config, transport = self.config, self.transport

        def job(
            store: Store, _client: Callable[[], CentralClient], _p: Progress, _c: Cancelled
        ) -> profile.LoginResult:
            return profile.login(chosen, secret, folder=config, transport=transport, cancelled=_c)

        def signed_in(result: profile.LoginResult) -> None:
            QSettings().setValue(PROFILE_SETTING, result.profile.name)
            QSettings().setValue(SERVER_SETTING, result.profile.server)
            self.secret_edit.clear()
            where = self._t("in_keyring" if result.in_keyring else "not_in_keyring")
            said = self._t("signed_in", project=chosen.project, forms=result.forms, where=where)
            self._say(said)
            keyboard = QApplication.focusWidget()
            if keyboard is not None and self.account_box.isAncestorOf(keyboard):
                self.forms_table.setFocus()  # the next step; the password field is empty
            # the sign-in's words (where the secret is kept) stay above the list's count
            self._start(
                _list_job, lambda states: self._show_forms(states, said=said), counted=False
            )

        if not secret:
            # "Sign in to a server first" answered Sign in itself, the keyboard left where
            # it was: say what to type, and put the keyboard there.
            web = self.web_user.isChecked()
            self._say(self._t("type_password" if web else "type_token"))
            self.secret_edit.setFocus()
            return
        self._start(job, signed_in, counted=False)

    def refresh_forms(self) -> None:
        """List the server's forms beside the versions this laptop holds."""
        self._start(_list_job, self._show_forms, counted=False)

    def _show_forms(self, states: list[forms_down.FormState], *, said: str = "") -> None:
        self.states = states
        self.forms_table.setRowCount(len(states))
        for row, state in enumerate(states):
            held = state.state
            shown = (
                self._t("state_behind", versions=", ".join(state.held_versions))
                if held == "behind"
                else self._t(f"state_{held}")
            )
            cells = (state.form.form_id, state.form.name, state.form.version, shown)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, state.form.form_id)
                self.forms_table.setItem(row, column, item)
        self.forms_table.resizeColumnToContents(0)
        self.forms_table.resizeColumnToContents(2)
        self.forms_table.resizeColumnToContents(3)
        listed = self._t("listed", count=len(states))
        self._say(f"{said}\n{listed}" if said else listed)

    def selected_forms(self) -> list[str]:
        rows = sorted({index.row() for index in self.forms_table.selectedIndexes()})
        return [self.states[row].form.form_id for row in rows if row < len(self.states)]

    def download_selected(self) -> None:
        """Bring the selected forms (with their files) into this laptop's database."""
        wanted = self.selected_forms()
        if not wanted:
            self._say(self._t("no_selection"))
            return

        def downloaded(result: tuple[list[str], list[forms_down.FormState]]) -> None:
            got, states = result
            self._show_forms(states)
            self._say(self._t("downloaded", forms=", ".join(got)))
            self.forms_added.emit(got)

        self._start(_download_job(wanted), downloaded, counted=False, progress="downloading")

    def send(self, *, retry_refused: bool = False) -> None:
        """Send every finalized interview not sent yet (sealed ones as ODK's envelope);
        with ``retry_refused`` the ones the server refused too."""
        try:
            chosen = self.typed_profile()
        except FieldappError as error:
            self._say(error.text(self.language))
            return
        job = _push_job(chosen, self.config, retry_refused=retry_refused)
        self._start(job, self._sent, counted=True)

    def retry_refused(self) -> None:
        """Send the refused interviews again, with what waits (``push --retry-refused``):
        once what the server said is mended (a form opened, access given, a copy kept)."""
        self.send(retry_refused=True)

    def _sent(self, pushed: Pushed) -> None:
        if pushed.answered and self.task is not None:
            # The list shows this server's states from now on, and the desk reopens on it.
            chosen = self.task.profile
            QSettings().setValue(SERVER_SETTING, chosen.server)
            if pushed.kept:
                QSettings().setValue(PROFILE_SETTING, chosen.name)
                self.secret_edit.clear()
        self._pushed(pushed.result)

    def _pushed(self, result: push.PushResult) -> None:
        lines = [
            self._t(
                "pushed",
                sent=len(result.sent),
                refused=len(result.refused),
                held=len(result.held),
                waiting=result.waiting,
            )
        ]
        if result.already:
            lines.append(self._t("already_there", count=len(result.already)))
        if result.cancelled:
            lines.append(self._t("cancelled"))
        if result.stopped is not None:
            lines.append(self._error_text(result.stopped))
        names = self._names([sid for sid, _ in (*result.refused, *result.held)])
        lines += [f"{names[sid]}: {reason}" for sid, reason in result.refused]
        lines += [f"{names[sid]}: {message.text(self.language)}" for sid, message in result.held]
        if result.refused:
            lines.append(self._t("retry_hint"))
        self._say("\n".join(lines))
        self.pushed.emit(result)

    def _names(self, submissions: list[SubmissionId]) -> dict[SubmissionId, str]:
        """Name each interview as the list does, read in the window's store (its keys as
        they are now), else in the database's own; an unreadable one keeps its id."""
        if not submissions:
            return {}
        window = self.state.store if self.state is not None else None
        if window is not None:
            return {sid: _listed_or_unnamed(window, sid, self.language) for sid in submissions}
        try:
            with Store.open(self.db_path, create=False, readonly=True) as store:
                return {sid: _listed_or_unnamed(store, sid, self.language) for sid in submissions}
        except FieldappError:
            return {sid: sid[:8] for sid in submissions}

    def pull(self) -> None:
        """Bring the project's submissions in as one more device (the supervisor's)."""
        if not self.web_user.isChecked():
            self._say(self._t("pull_needs_web_user"))
            return
        key = self.state.study_key if self.state is not None else None
        self._start(_pull_job(key), self._pulled, counted=True, progress="pulling")

    def _pulled(self, report: PullReport) -> None:
        lines = [report.message().text(self.language)]
        lines += [
            f"{left.form_id} {left.instance_id}: {left.reason.text(self.language)}"
            for left in report.left
        ]
        lines += [claim.text(self.language).strip() for claim in report.claims()]
        self._say("\n".join(lines))
        self.pulled.emit(report)

    # --- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        if self.is_running():  # Escape during a push cancels it; the dialog stays
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
