"""Locks of the desktop app: the drafts passphrase, the idle lock, the study key.

Each prompt lives here once; the windows that need a lock opened call these.

- ``ask_drafts_passphrase(parent, store)``: asked when the app starts on a database with
  sealed forms (the first time it is set, typed twice), or when a sealed form's draft is
  started or opened (``MainWindow.unlock_drafts``).
- ``IdleLock``: after a quiet spell (QSettings ``security/idle_lock_minutes``, default
  10, 0 = never) every window of the app is hidden and the passphrase asked again; the
  windows come back only with the right one. A modal dialog (``exec()``) is emptied
  instead of hidden (hiding would end it as rejected) and comes back as it was.
- ``CopiedHere``: the clipboards holding what the app copied, emptied by the lock and at
  quitting; each copy marked at once for clipboard managers not to record
  (``NOT_TO_KEEP``).
- ``unlock_with_study_key(parent, store)``: the supervisor's "Unlock with study key…"
  (also the review's "Open with the study key…"): key file and passphrase; the store
  then reads sealed interviews.

Every text comes from ``fieldapp.core.messages`` (codes ``crypto.ui.*``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.ui import file_dialogs
from fieldapp.ui.i18n import current_language
from fieldapp.ui.layouts import widened_first
from fieldapp.ui.named import named
from fieldapp.ui.screen_fit import grow_to_fit
from fieldapp.ui.state import UiState

if TYPE_CHECKING:
    from fieldapp.ui.main_window import MainWindow

IDLE_SETTING = "security/idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def _t(code: str, **params: Any) -> str:
    return text(code, current_language(), **params)


def _password_field(name: str) -> QLineEdit:
    """A passphrase field: what is typed shows as dots."""
    field = named(QLineEdit(), name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _error_label() -> QLabel:
    """The dialog's error line (``lockError``): hidden until a passphrase or key is refused."""
    label = named(QLabel(wordWrap=True), "lockError")
    label.setProperty("role", "error")
    label.hide()
    return label


def idle_minutes() -> float:
    """Return the idle time before the app locks (QSettings; 0 means never)."""
    value = QSettings().value(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
    try:
        return max(float(str(value)), 0.0)
    except (TypeError, ValueError):
        return float(DEFAULT_IDLE_MINUTES)


SAID_IN_THE_DIALOG = {
    "crypto.passphrase_mismatch": "crypto.ui.passphrase_mismatch",
    "crypto.wrong_passphrase": "crypto.ui.drafts_wrong_passphrase",
}
"""Refusals the passphrase dialog words as a window does (the core's are the command line's)."""


class PassphraseDialog(QDialog):
    """Ask a passphrase (twice when it is being set); ``check`` raises when it is wrong.

    A wrong passphrase is said in the dialog, which stays open to try again.
    """

    def __init__(
        self,
        check: Callable[[str], None],
        *,
        title: str,
        prompt: str,
        confirm: bool = False,
        cancellable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        self._check = check
        layout = QVBoxLayout(self)
        explanation = QLabel(prompt, wordWrap=True)
        layout.addWidget(explanation)
        form = QFormLayout()
        self.passphrase = _password_field("passphrase")
        form.addRow(_t("crypto.ui.passphrase"), self.passphrase)
        self.again: QLineEdit | None = None
        if confirm:
            self.again = _password_field("passphraseAgain")
            form.addRow(_t("crypto.ui.passphrase_again"), self.again)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        if cancellable:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._cancellable = cancellable

    def accept(self) -> None:
        phrase = self.passphrase.text()
        try:
            if self.again is not None and self.again.text() != phrase:
                raise FieldappError("crypto.passphrase_mismatch")
            self._check(phrase)
        except FieldappError as error:
            said = SAID_IN_THE_DIALOG.get(error.code)
            language = current_language()
            self.error.setText(text(said, language) if said else error.text(language))
            self.error.show()
            grow_to_fit(self)  # the error's lines must not crush the fields above them
            self.passphrase.clear()
            if self.again is not None:
                self.again.clear()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        super().accept()

    def reject(self) -> None:
        if self._cancellable:
            super().reject()


def ask_drafts_passphrase(parent: QWidget | None, store: Any) -> bool:
    """Ask (the first time: set) the drafts passphrase; True once the drafts are open."""
    if store.keys.drafts_unlocked:
        return True
    first = not store.keys.drafts_passphrase_set()
    dialog = PassphraseDialog(
        store.keys.unlock_drafts,
        title=_t("crypto.ui.drafts_title"),
        prompt=_t("crypto.ui.drafts_set" if first else "crypto.ui.drafts_ask"),
        confirm=first,
        parent=parent,
    )
    return bool(dialog.exec())


def ask_at_start(parent: QWidget | None, store: Any) -> bool:
    """At start: ask the drafts passphrase when the database has sealed forms."""
    try:
        sealed = store.keys.has_sealed_forms()
    except FieldappError:
        return False
    return ask_drafts_passphrase(parent, store) if sealed else True


@dataclass(frozen=True)
class Guard:
    """What the idle lock protects, and how it is opened again."""

    check: Callable[[str], None]
    """Raise a FieldappError when the passphrase is wrong (e.g. the store's
    ``unlock_drafts``, which re-derives the key and compares)."""
    active: Callable[[], bool] = lambda: True
    """Whether there is anything to lock when the time comes."""
    asks: Callable[[], bool] = lambda: True
    """Whether a passphrase guards the windows now (else they come back after the
    follow-up)."""
    forget: Callable[[], bool] = lambda: False
    """Runs first and drops what must be unlocked anew (the study key); says whether it
    dropped anything."""
    follow_up: Callable[[], QDialog] | None = None
    """Makes the dialog that offers again what ``forget`` dropped, shown after the
    passphrase and before the windows come back."""
    hides: Callable[[], bool] = lambda: False
    """Whether sealed interviews are hidden now (no drafts passphrase nor study key open):
    asked after ``forget``; then a dialog marked ``read_with_study_key`` closes."""


READ_WITH_STUDY_KEY = "fieldappReadWithStudyKey"
"""Dynamic property of a dialog showing what only an open key lets the app read."""


def read_with_study_key(dialog: QWidget, shown: bool = True) -> None:
    """Mark ``dialog`` as showing sealed interviews a key opened (their form, city...).

    If the idle lock forgets the study key and the app then hides sealed interviews, the
    dialog closes (as rejected) instead of coming back, and a message says so after the
    unlock. Unmarked dialogs come back as they were.
    """
    dialog.setProperty(READ_WITH_STUDY_KEY, shown)


@dataclass
class _Veiled:
    """A modal dialog the lock emptied instead of hiding: what it gives back on unlock."""

    dialog: QDialog
    title: str
    children: list[QWidget]
    focus: QWidget | None


def _modal_dialog(window: QWidget) -> TypeGuard[QDialog]:
    """Whether ``window`` is a dialog that hiding would end (``exec()``, ``open()``)."""
    return isinstance(window, QDialog) and window.isModal()


def _veil(dialog: QDialog) -> _Veiled:
    """Hide everything ``dialog`` shows (fields, labels, buttons, title) but keep it open.

    Hiding the dialog itself would end its ``exec()`` as rejected: its caller would go on
    as if Cancel was pressed and what was typed would be lost.
    """
    children = [
        child
        for child in dialog.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not child.isWindow() and not child.isHidden()
    ]
    veiled = _Veiled(dialog, dialog.windowTitle(), children, dialog.focusWidget())
    for child in children:
        child.hide()
    dialog.setWindowTitle(_t("crypto.ui.locked_title"))
    return veiled


def _unveil(veiled: _Veiled) -> None:
    """Give ``veiled.dialog`` back as it was: its fields, title and focus."""
    dialog = veiled.dialog
    if not shiboken6.isValid(dialog) or not dialog.isVisible():
        return  # ended while locked (a thread's result, a parent closed): nothing to give back
    for child in veiled.children:
        if shiboken6.isValid(child):
            child.show()
    dialog.setWindowTitle(veiled.title)
    dialog.raise_()
    dialog.activateWindow()
    if veiled.focus is not None and shiboken6.isValid(veiled.focus):
        veiled.focus.setFocus()


_NO = b"\x00\x00\x00\x00"
"""A Windows DWORD 0, little-endian: "no" to the clipboard history's questions."""

NOT_TO_KEEP: dict[str, bytes] = {
    # KDE's Klipper, and GPaste, CopyQ and the managers that follow KDE (Linux).
    "x-kde-passwordManagerHint": b"secret",
    # Windows: its clipboard history (Win+V), its cloud clipboard and monitoring programs.
    # Qt names a Windows clipboard format by this form of MIME type.
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': _NO,
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': _NO,
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': _NO,
    # macOS managers following nspasteboard.org (org.nspasteboard.ConcealedType).
    "application/x-nspasteboard-concealed-type": b"secret",
}
"""The formats that tell a clipboard manager not to record a copy, with their values.

Every platform's hints go on every copy: a format a platform does not know is only one
more offered and never read, and a copy marked once is marked wherever it is pasted.
"""


def marked_not_to_keep(data: QMimeData) -> QMimeData:
    """A copy of ``data`` (every format it offers) carrying the hints of ``NOT_TO_KEEP``."""
    marked = QMimeData()
    for name in data.formats():
        marked.setData(name, data.data(name))
    for name, value in NOT_TO_KEEP.items():
        marked.setData(name, QByteArray(value))
    return marked


class CopiedHere(QObject):
    """Which of the system's clipboards (Ctrl+C's, and X11's selection) hold what this app
    put there, to empty them when it locks or quits; and each copy of the app's marked so
    that clipboard managers do not record it (``NOT_TO_KEEP``).

    Qt reports owning a clipboard on X11 and Windows only, so a change made while one of
    the app's windows had the keyboard counts as the app's too (a copy is a key press or a
    menu click in it); a change seen while another program had it is that program's.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: set[QClipboard.Mode] = set()
        self._clipboard = QGuiApplication.clipboard()
        self._clipboard.changed.connect(self._changed)

    def _changed(self, mode: QClipboard.Mode) -> None:
        if self._owns(mode) or QGuiApplication.focusWindow() is not None:
            self._ours.add(mode)
            self._mark(mode)
        else:
            self._ours.discard(mode)

    def _mark(self, mode: QClipboard.Mode) -> None:
        """Put the app's copy back marked not to keep, at once: Qt's fields (the answers,
        a label's selected text) copy by themselves, and a manager records a copy by asking
        the program that made it for its formats, which this app answers only after this
        (X11, Wayland, Windows' delayed rendering)."""
        data = self._clipboard.mimeData(mode)
        if data is None or not data.formats() or all(map(data.hasFormat, NOT_TO_KEEP)):
            return  # emptied, or marked already (the change this makes comes back here)
        self._clipboard.setMimeData(marked_not_to_keep(data), mode)

    def _owns(self, mode: QClipboard.Mode) -> bool:
        if mode == QClipboard.Mode.Clipboard:
            return self._clipboard.ownsClipboard()
        if mode == QClipboard.Mode.Selection:
            return self._clipboard.ownsSelection()
        return self._clipboard.ownsFindBuffer()

    def empty(self) -> None:
        """Empty each clipboard that holds what the app put there."""
        ours = {mode for mode in QClipboard.Mode if self._owns(mode)} | self._ours
        self._ours = set()
        for mode in ours:
            self._clipboard.clear(mode)


class IdleLock(QObject):
    """Hide every window after ``minutes`` without input; show them again as ``guard`` says."""

    def __init__(
        self, guard: Guard, *, minutes: float | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.guard = guard
        self._steps: list[Callable[[], QDialog]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.locked = False
        self._hidden: list[QWidget] = []
        self._veiled: list[_Veiled] = []
        self._closed: list[str] = []
        self._typing_in: tuple[QWidget, QWidget | None] | None = None
        """The window that had the keyboard at the lock, and the widget in it."""
        self.dialog: QDialog | None = None
        self.notice: QMessageBox | None = None
        """The message naming the dialogs the lock closed, shown after the unlock."""
        self.set_minutes(idle_minutes() if minutes is None else minutes)
        # A name copied from one answer to another stayed on the system clipboard while
        # the app was locked, and, with a clipboard manager, after it quit: whoever found
        # the laptop pasted it into any other program (attack4).
        self.copied = CopiedHere(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            app.aboutToQuit.connect(self._quitting)

    def _quitting(self) -> None:
        if self.guard.active():
            self.copied.empty()

    def set_minutes(self, minutes: float) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.setInterval(max(int(minutes * 60_000), 1))
            if not self.locked:
                self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and self.minutes > 0 and event.type() in ACTIVITY:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Forget the study key, hide the app's windows, ask the passphrase until it is right."""
        if self.locked:
            return
        if not self.guard.active():  # nothing locked to protect (no passphrase to ask)
            self.timer.start()
            return
        self.locked = True
        self.timer.stop()
        held = QApplication.activeWindow()
        self._typing_in = (held, held.focusWidget()) if held is not None else None
        dropped = self.guard.forget()  # before listing windows: it may close some
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        self._closed = []
        if dropped and self.guard.hides():  # what the forgotten key showed must not return
            for window in shown:
                if _modal_dialog(window) and window.property(READ_WITH_STUDY_KEY):
                    self._closed.append(window.windowTitle())
                    window.done(QDialog.DialogCode.Rejected)
            shown = [w for w in shown if w.isVisible()]
        # A modal dialog stays open, emptied: hidden, its exec() would end as rejected.
        self._veiled = []
        self._hidden = []
        for window in shown:
            if _modal_dialog(window):
                self._veiled.append(_veil(window))
            else:
                self._hidden.append(window)
        for window in self._hidden:
            window.hide()
        self.copied.empty()
        self._steps = [self._passphrase_dialog] if self.guard.asks() else []
        if dropped and self.guard.follow_up is not None:
            self._steps.append(self.guard.follow_up)
        self._next_step()

    def _passphrase_dialog(self) -> QDialog:
        return PassphraseDialog(
            self.guard.check,
            title=_t("crypto.ui.locked_title"),
            prompt=_t("crypto.ui.locked"),
            cancellable=False,
        )

    def _next_step(self) -> None:
        if not self._steps:
            self._unlocked()
            return
        self.dialog = self._steps.pop(0)()
        # Answered, a step's dialog is done: delete it, or a dialog whose own signals hold
        # it (the study key's) stays alive, hidden, after every lock.
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.finished.connect(lambda _result: self._next_step())
        self.dialog.open()

    def _unlocked(self) -> None:
        for window in self._hidden:
            if shiboken6.isValid(window):
                window.show()
        for veiled in self._veiled:  # after the windows, so the dialogs come back on top
            _unveil(veiled)
        parent = next((w for w in self._hidden if shiboken6.isValid(w) and w.isVisible()), None)
        if not self._veiled:  # a dialog given back has the keyboard (``_unveil``)
            self._give_keyboard_back()
        self._hidden, self._veiled = [], []
        self.locked = False
        self.dialog = None
        if self.minutes > 0:
            self.timer.start()
        if self._closed:
            self._say_closed(parent)

    def _give_keyboard_back(self) -> None:
        """Put the keyboard back in the window and field she was typing in at the lock.

        The windows come back in Qt's order, not hers: whichever the window system
        activates last (the list, shown after her interview) would take the keyboard."""
        typing_in, self._typing_in = self._typing_in, None
        if typing_in is None:
            return
        window, field = typing_in
        if not shiboken6.isValid(window) or not window.isVisible():
            return
        window.raise_()
        window.activateWindow()
        if field is not None and shiboken6.isValid(field) and field.window() is window:
            field.setFocus()

    def _say_closed(self, parent: QWidget | None) -> None:
        """Say which dialogs the lock closed because they showed what the key opened."""
        titles = ", ".join(f"“{title}”" for title in self._closed)
        self._closed = []
        box = QMessageBox(
            QMessageBox.Icon.Information, _t("crypto.ui.locked_title"), "", parent=parent
        )
        box.setObjectName("closedAtLock")
        box.setText(_t("crypto.ui.closed_at_lock", titles=titles))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: setattr(self, "notice", None))
        self.notice = box
        box.open()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
            with contextlib.suppress(RuntimeError, TypeError):
                app.aboutToQuit.disconnect(self._quitting)


class StudyKeyDialog(QDialog):
    """The supervisor's "Unlock with study key…": key file and passphrase.

    The file field starts with the last file that opened (kept in memory only, never in
    the settings, so a seized laptop does not say where the key lives).
    """

    last_file = ""

    def __init__(self, store: Any, parent: QWidget | None = None, *, explanation: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("studyKeyDialog")
        self.setWindowTitle(_t("crypto.ui.study_key_title"))
        self.store = store
        self.study_key: Any = None
        layout = QVBoxLayout(self)
        explained = explanation or _t("crypto.ui.study_key_explained")
        layout.addWidget(named(QLabel(explained, wordWrap=True), "studyKeyExplained"))
        form = QFormLayout()
        self.key_file = named(QLineEdit(StudyKeyDialog.last_file), "keyFile")
        browse = named(QPushButton(_t("crypto.ui.browse")), "browseKey")
        browse.clicked.connect(self.browse)
        form.addRow(_t("crypto.ui.key_file"), widened_first(self.key_file, browse))
        self.passphrase = _password_field("keyPassphrase")
        form.addRow(_t("crypto.ui.passphrase"), self.passphrase)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def browse(self) -> None:
        path = file_dialogs.open_file(
            self, _t("crypto.ui.key_file_title"), "", _t("crypto.ui.key_filter"), private=True
        )
        if path:
            self.key_file.setText(path)

    def accept(self) -> None:
        from fieldapp.core.crypto import open_key_file

        path = Path(self.key_file.text().strip())
        try:
            key = open_key_file(path, self.passphrase.text())
            self.store.keys.unlock(key)
        except FieldappError as error:
            self.error.setText(error.text(current_language()))
            self.error.show()
            grow_to_fit(self)  # the error's lines must not crush the key file and passphrase
            self.passphrase.clear()
            self.passphrase.setFocus()  # typed again, it goes where it shows as dots
            return
        self.passphrase.clear()
        self.study_key = key
        StudyKeyDialog.last_file = str(path)
        _settle_claims(self.store)
        super().accept()

    def take_key(self) -> Any:
        """Return the unlocked key and keep no reference to it here."""
        key, self.study_key = self.study_key, None
        return key


def _settle_claims(store: Any) -> None:
    """Compare again the sealed instanceID claims a merge with the key locked kept: a copy
    now read to say what its interview says gives way to it (``copies.settle_claims``)."""
    from fieldapp.core.central.copies import settle_claims

    # The database busy or read-only: the claim stays listed and said, as it was.
    with contextlib.suppress(FieldappError):
        settle_claims(store)


def unlock_with_study_key(parent: QWidget | None, store: Any) -> Any:
    """Ask the study key file and passphrase; return the StudyKey (None when cancelled).

    The store reads sealed interviews afterwards; pass the key on to exports
    (``export_workbook(..., study_key=key)``), which open their own store.
    """
    dialog = StudyKeyDialog(store, parent)
    accepted = dialog.exec()
    key = dialog.take_key()  # the dialog lives on as the parent's child: keep no key in it
    dialog.deleteLater()
    return key if accepted else None


def forget_study_key(state: UiState) -> bool:
    """Drop every reference the app holds to the unlocked study key; True if there was one.

    The store forgets it and ``state`` announces it gone: export dialogs drop it, review
    views show their interview sealed again (keeping the supervisor's unsent comments).
    Read-only windows of sealed interviews close. An export already running finishes
    with it.
    """
    from fieldapp.ui.interview_window import InterviewWindow

    store = state.store
    if state.study_key is None and not (store is not None and store.keys.unlocked):
        return False
    if store is not None:
        store.keys.forget_study_key()
    state.set_study_key(None)
    for widget in QApplication.topLevelWidgets():
        if (
            isinstance(widget, InterviewWindow)
            and not widget.editable
            and widget.store.keys.is_sealed(widget.submission_id)
        ):
            widget.close()
    return True


class ActionTexts(QObject):
    """Set texts from ``fieldapp.core.messages`` again when the app's language changes."""

    def __init__(self, window: QWidget, texts: dict[Any, str]) -> None:
        super().__init__(window)
        self.texts = texts
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        for action, code in self.texts.items():
            action.setText(_t(code))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def install_locks(window: MainWindow, then: Callable[[], object] | None = None) -> IdleLock:
    """Hook the locks into the main window and the state it shares (``window.state``).

    Asks the drafts passphrase once the window shows (database with sealed forms), adds
    "Unlock with study key…" to the Review menu (the key is kept in ``state.study_key``
    for exports and review views), and starts the idle lock, which engages once the drafts
    or the study key are unlocked. When idle it forgets the study key
    (``forget_study_key``), asks the drafts passphrase if they are open, then offers the
    study key again. ``then`` runs once the passphrase asked at start is answered.
    """
    state = window.state

    def check(phrase: str) -> None:
        store = state.store
        if store is not None:
            store.keys.unlock_drafts(phrase)  # set already: this only compares

    def active() -> bool:
        store = state.store
        if store is None:
            return False
        return bool(
            store.keys.drafts_unlocked or store.keys.unlocked or state.study_key is not None
        )

    def asks() -> bool:
        store = state.store
        return store is not None and bool(store.keys.drafts_unlocked)

    def forget() -> bool:
        return forget_study_key(state)

    def hides() -> bool:
        store = state.store
        return store is not None and bool(store.keys.hides_sealed())

    def unlock_study_key() -> None:
        if state.store is None:
            return
        key = unlock_with_study_key(window, state.store)
        if key is not None:
            state.set_study_key(key)

    def offer_again() -> QDialog:
        dialog = StudyKeyDialog(state.store, explanation=_t("crypto.ui.study_key_forgotten"))
        dialog.setWindowTitle(_t("crypto.ui.locked_title"))
        dialog.accepted.connect(lambda: state.set_study_key(dialog.take_key()))
        return dialog

    action = window.review_menu.addAction("")
    action.setObjectName("studyKeyAction")
    action.triggered.connect(unlock_study_key)
    window.study_key_action = action
    ActionTexts(window, {action: "crypto.ui.study_key_action"})

    def ask() -> None:
        store = state.store
        if store is None or not window.isVisible():
            return
        if ask_at_start(window, store) and store.keys.drafts_unlocked:
            window.refresh()  # the sealed forms' interviews join the list now
        if then is not None:
            then()

    QTimer.singleShot(0, window, ask)
    guard = Guard(check, active, asks, forget, offer_again, hides)
    return IdleLock(guard, parent=window)
