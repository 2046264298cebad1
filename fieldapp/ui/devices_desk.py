"""Review › Devices and integrity…: what only a terminal could do before, in the window.

- This laptop: its id and signing-key fingerprint (also Help › This laptop's
  fingerprint…, both from ``this_laptop``), to read to the supervisor, who compares it
  with her merge summary; and whether it is the study's certified supervisor, with the
  way to certify it with the study key (the app's own study key dialog: the key file's
  place is never remembered).
- The laptops this database holds rows of (``core.known_devices``), Revoke… for a
  lost or stolen one (``devices.revoke_device``) and, on a revoked one's row, Reinstate…
  to undo a revocation made by mistake (``devices.reinstate_device``), by the certified
  supervisor only. Rows set aside count nowhere in the table; a line says how many.
- Check the database (``validate.check_store``) in a worker thread, the rows a merge would
  refuse, and Set aside… (quarantine) for them. When the window holds the study key the
  check opens sealed records with it, as ``fieldapp check --key`` does, and lists those
  whose content is past a bound (``rows.sealed_refused``); its result line says whether
  it did. The worker drops the key when the check ends: the idle lock's forgetting frees it.
  Beside the rows, what ``fieldapp check`` names and lists no row for (desk7): another
  laptop's two keys (``StoreCheck.two_keys``, both fingerprints and what to do) and ODK
  Central's copies set aside for nothing (``copies.set_aside_for_nothing``), with Take
  back… (``copies.take_back_set_aside_for_nothing``, as ``check --quarantine``) where this
  database may act for the study.

Before the drafts passphrase or the study key, sealed forms' interviews are left out of
what the table says of each laptop and counted apart, as the interview list does. Every
text comes from ``fieldapp.core.messages`` (codes ``devices.ui.*``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.known_devices import KnownDevice, ThisLaptop, known_devices
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.progress import sealed_hidden_line
from fieldapp.core.quarantine import skipped_line
from fieldapp.ui.errors import confirmed, show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import short_time
from fieldapp.ui.named import named
from fieldapp.ui.plain import plain_tip
from fieldapp.ui.reviewer import remember_reviewer, reviewer_name, reviewer_refused
from fieldapp.ui.screen_fit import grow_to_fit
from fieldapp.ui.store_thread import StoreThread, WorkDialog
from fieldapp.ui.this_laptop import LaptopCard, laptop_role

if TYPE_CHECKING:
    from fieldapp.core.crypto import StudyKey
    from fieldapp.core.store import Store
    from fieldapp.core.validate import StoreCheck
    from fieldapp.ui.state import UiState

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("device", "fingerprint", "role", "interviews", "revisions", "last", "interviewers")
NUMBERS = frozenset({"interviews", "revisions"})


def _t(key: str, **params: Any) -> str:
    return text(f"devices.ui.{key}", current_language(), **params)


def role_text(device: KnownDevice) -> str:
    """Say what a laptop is to the study: this one, the supervisor, revoked or reinstated
    (and why)."""
    roles = []
    if device.this_laptop:
        roles.append(_t("role_this"))
    if device.supervisor:
        roles.append(_t("role_certified"))
    if device.revocation is not None:
        revocation = device.revocation
        day = short_time(revocation.at)[:10]
        roles.append(
            _t("role_revoked", author=revocation.author, day=day, reason=revocation.reason)
        )
    elif device.reinstatement is not None:
        reinstatement = device.reinstatement
        day = short_time(reinstatement.at)[:10]
        roles.append(
            _t(
                "role_reinstated",
                author=reinstatement.author,
                day=day,
                reason=reinstatement.reason,
            )
        )
    if device.unverified:  # an id only unsigned rows name: not a laptop the study knows
        roles.append(_t("role_unsigned"))
    return "; ".join(roles) or _t("role_laptop")


def _scrolling(part: QWidget, name: str) -> QScrollArea:
    """Return ``part`` in a frameless area that scrolls it up and down when it is cut."""
    area = named(QScrollArea(), name)
    area.setWidget(part)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # texts wrap
    return area


def _needed_height(area: QScrollArea) -> int:
    """Return the height ``area``'s part needs at the area's width, without scrolling."""
    part = area.widget()
    if part is None:
        return 0
    if part.hasHeightForWidth():  # its layout's, with the box's title and frame
        return max(part.heightForWidth(area.viewport().width()), part.minimumSizeHint().height())
    return part.minimumSizeHint().height()


def _button_row(button: QPushButton, why: QLabel) -> QBoxLayout:
    """Return a button and the line that says why it is disabled, from the left."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addWidget(why, 1)
    row.addStretch(0)
    row.setAlignment(button, Qt.AlignmentFlag.AlignLeft)
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return row


class DevicesModel(QAbstractTableModel):
    """The laptops this database knows, one a row (``COLUMNS``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.devices: tuple[KnownDevice, ...] = ()
        self.two_keys: dict[str, tuple[str, ...]] = {}
        """The laptops the last check found under two keys, with their fingerprints."""

    def set_devices(self, devices: tuple[KnownDevice, ...]) -> None:
        self.beginResetModel()
        self.devices = devices
        self.endResetModel()

    def set_two_keys(self, two_keys: dict[str, tuple[str, ...]]) -> None:
        """Mark the laptops a check found signing under two keys (their fingerprint cell)."""
        self.beginResetModel()
        self.two_keys = two_keys
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.devices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(f"col_{COLUMNS[section]}")
        return None

    def cell(self, device: KnownDevice, column: str) -> str:
        """Return what the table shows of ``device`` under ``column``."""
        if column == "device":
            return device.device_id
        if column == "fingerprint":
            if device.device_id in self.two_keys:  # its one fingerprint would mislead
                return _t("two_keys_cell")
            return device.fingerprint or _t("unsigned")
        if column == "role":
            return role_text(device)
        if column == "interviews":
            return f"{device.interviews:,}"
        if column == "revisions":
            return f"{device.revisions:,}"
        if column == "last":
            return short_time(device.last_saved)
        return ", ".join(device.interviewers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        device, column = self.devices[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(device, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "role" and device.unverified:  # the table says it in two words
                return plain_tip(f"{self.cell(device, column)}: {_t('role_unsigned_tip')}")
            if column == "fingerprint" and device.device_id in self.two_keys:
                fingerprints = ", ".join(self.two_keys[device.device_id])
                return plain_tip(_t("two_keys", device=device.device_id, fingerprints=fingerprints))
            return plain_tip(self.cell(device, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReasonDialog(QDialog):
    """Ask why (required) and who decides (the review desk's reviewer name, required).

    The explanation says in plain words what happens; the confirm button names the act.
    """

    def __init__(
        self,
        title: str,
        explanation: str,
        confirm: str,
        parent: QWidget | None = None,
        *,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        explained = named(QLabel(explanation, wordWrap=True), "reasonExplained")
        # Its names come from packages (a device, an interview): as written, never markup.
        explained.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_edit = named(QLineEdit(reason), "reasonEdit")
        self.author_edit = named(QLineEdit(), "authorEdit")
        self.author_edit.setText(reviewer_name())
        form = QFormLayout()
        form.addRow(_t("reason"), self.reason_edit)
        form.addRow(_t("author"), self.author_edit)
        self.error = named(QLabel(wordWrap=True), "reasonError")
        self.error.setProperty("role", "error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = named(
            buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole), "confirmButton"
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explained)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason_edit.setFocus()
        self.resize(560, self.sizeHint().height())

    @classmethod
    def ask(
        cls, title: str, explanation: str, confirm: str, parent: QWidget, *, reason: str = ""
    ) -> tuple[str, str] | None:
        """Return (reason, author) once confirmed; None when cancelled. ``reason`` is
        offered in its field, to be kept or rewritten."""
        dialog = cls(title, explanation, confirm, parent, reason=reason)
        accepted = dialog.exec()
        answer = (dialog.reason, dialog.author)
        dialog.deleteLater()
        return answer if accepted else None

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    @property
    def author(self) -> str:
        return self.author_edit.text().strip()

    def accept(self) -> None:
        refused = reviewer_refused(self.author, FieldappError("devices.ui.author_needed"))
        missing = (
            (self.reason_edit, _t("reason_needed"))
            if not self.reason
            else (self.author_edit, refused.text(current_language()))
            if refused is not None
            else None
        )
        if missing is not None:
            field, said = missing
            self.error.setText(said)
            self.error.show()
            grow_to_fit(self)  # the error's line must not crush the question above it
            field.setFocus()
            return
        remember_reviewer(self.author)
        super().accept()


@dataclass(frozen=True)
class DeskCheck:
    """What one check in the desk found, and whether it could look inside sealed records."""

    found: StoreCheck
    sealed_forms: bool
    """The database holds a form that seals its interviews."""
    opened: bool
    """The check opened the sealed records with the study key."""
    copies: tuple[str, ...] = ()
    """ODK Central's copies set aside for nothing (``copies.set_aside_for_nothing``)."""
    taken_back: int = 0
    """Copies this check took back first (Take back…)."""
    may_act: bool = True
    """This database may act for the study (``devices.may_act_for_study``)."""


class CheckThread(StoreThread):
    """Run ``check_store`` on its own connection; ``done`` carries a DeskCheck.

    ``study_key``, the window's as the check starts, opens sealed records on the thread's
    store as ``fieldapp check --key`` does; the thread drops it when the check ends (the
    store forgets it too), so once the idle lock forgets it nothing here keeps it alive.
    """

    sealed_counted = Signal(int, int)
    """Sealed versions opened with the study key, of how many: the check's long part."""

    def __init__(
        self,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        quarantine: bool = False,
        reason: str = "",
        author: str = "",
        study_key: StudyKey | None = None,
        take_back: bool = False,
    ) -> None:
        super().__init__(db_path, parent)
        self.quarantine, self.reason, self.author = quarantine, reason, author
        self.take_back = take_back
        self.study_key = study_key
        self._cancelled = threading.Event()
        self._told_at = 0.0

    def _count(self, done: int, total: int) -> None:
        """Pass the count on at most ten times a second, and its first and last."""
        now = time.monotonic()
        if done in (0, total) or now - self._told_at >= 0.1:
            self._told_at = now
            self.sealed_counted.emit(done, total)

    def cancel(self) -> None:
        """Stop the check where it is (the desk's Cancel, the app's quitting): with the
        study key it reads every sealed version, minutes on a large study."""
        self._cancelled.set()

    def work(self, store: Store) -> Any:
        from fieldapp.core.central.copies import (
            set_aside_for_nothing,
            take_back_set_aside_for_nothing,
        )
        from fieldapp.core.devices import may_act_for_study
        from fieldapp.core.validate import check_store

        opened = self.study_key is not None
        try:
            if self.study_key is not None:
                store.keys.unlock(self.study_key)
            taken = (  # as ``check --quarantine`` takes them back, with the same keys open
                take_back_set_aside_for_nothing(store, author=self.author) if self.take_back else []
            )
            found = check_store(
                store,
                quarantine=self.quarantine,
                reason=self.reason,
                author=self.author,
                cancelled=self._cancelled.is_set,
                sealed_counted=self._count,
            )
            copies = tuple(dict.fromkeys(copy for copy, _ in set_aside_for_nothing(store)))
            may_act = may_act_for_study(store)
            return DeskCheck(
                found, store.keys.has_sealed_forms(), opened, copies, len(taken), may_act
            )
        finally:
            store.keys.forget_study_key()
            self.study_key = None

    def finish(self) -> None:
        self.study_key = None  # also when the store did not open


class DevicesDesk(WorkDialog):
    """This laptop, the laptops this database knows, and the rows a merge would refuse."""

    changed = Signal()
    """The database changed: a laptop revoked or reinstated, this laptop certified, rows set
    aside."""

    def __init__(self, state: UiState, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDesk")
        self.state = state
        self.db_path = Path(db_path)
        self.laptop: ThisLaptop | None = None
        self.work_thread: CheckThread | None = None
        self.checked: DeskCheck | None = None
        self.check_said = ""
        """The result line's first part: what the last check found (or that it failed)."""
        self.setWindowTitle(_t("title", name=self.db_path.name))
        # Built in the order Tab walks them; laid out so that the laptops' table takes the
        # height: this laptop and the check side by side above it (this laptop's long texts
        # scroll in their own area when cut; the check's list of rows shrinks to a few),
        # and a splitter to give either part more.
        laptop, devices, check = self._build_laptop(), self._build_devices(), self._build_check()
        self.laptop_area, self.check_box = _scrolling(laptop, "thisLaptopArea"), check
        check.installEventFilter(self)  # its lines wrap: see ``_keep_check_whole``
        above = QWidget()
        row = QHBoxLayout(above)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.laptop_area, 1)
        row.addWidget(check, 1)
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "devicesSplitter")
        self.splitter.addWidget(above)
        self.splitter.addWidget(devices)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)  # a taller window gives its height to the table
        self.splitter.setStretchFactor(1, 1)
        self._shared = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        self._say(self.status, "")
        close = named(QPushButton(_t("close")), "closeDesk")
        close.clicked.connect(self.reject)
        close.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        state.study_key_changed.connect(self._study_key_changed)
        self.reload()
        self.table.setFocus()

    @property
    def store(self) -> Store:
        store = self.state.store
        assert store is not None  # the desk opens only on an open database
        return store

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shared:  # once, at the size the screen gave: later the user's splitter
            self._shared = True
            self.share_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.check_box and event.type() in (
            QEvent.Type.LayoutRequest,  # a line of the check said anew
            QEvent.Type.Resize,  # or wrapped at another width
        ):
            self._keep_check_whole()
        return super().eventFilter(watched, event)

    def _keep_check_whole(self) -> None:
        """Keep the check's part at least as tall as its lines need at its width, its list
        of rows at its fewest: the splitter reads a part's minimum, which counts each line
        once, not the lines a text wraps to. Seen in Spanish at 1366×768 after a check:
        *La base de datos está limpia…* took two lines, *Filas ya apartadas…* was drawn
        over the list of rows and *Apartar (cuarentena)…* touched its frame."""
        box, rows = self.check_box, self.refused
        if not box.hasHeightForWidth():
            return
        spare = min(rows.sizeHint().height(), rows.maximumHeight()) - rows.minimumHeight()
        needed = max(
            box.heightForWidth(box.width()) - max(spare, 0), box.minimumSizeHint().height()
        )
        if needed != box.minimumHeight():
            box.setMinimumHeight(needed)

    def share_height(self) -> None:
        """Give this laptop and the check the height their lines need at their width (at
        most 40%), and the laptops' table the rest."""
        needed = max(_needed_height(self.laptop_area), self.check_box.minimumSizeHint().height())
        total = sum(self.splitter.sizes())
        upper = min(needed, total * 2 // 5)
        self.splitter.setSizes([upper, total - upper])

    @staticmethod
    def _say(label: QLabel, said: str) -> None:
        """Show ``said`` on ``label``; an empty line takes no room."""
        label.setText(said)
        label.setVisible(bool(said))

    @property
    def found(self) -> StoreCheck | None:
        """What the last check found (None before one, or while one runs)."""
        return self.checked.found if self.checked is not None else None

    def _study_key_changed(self, _key: object) -> None:
        self.reload()  # sealed interviews are counted (or left out again)
        self._show_check_line()  # a check with (or without) the key is out of date now

    # --- building -------------------------------------------------------------------------

    def _build_laptop(self) -> QGroupBox:
        box = named(QGroupBox(_t("this_laptop")), "thisLaptopBox")
        self.card = LaptopCard()
        self.role = named(QLabel(wordWrap=True), "laptopRole")
        self.certify_button = named(QPushButton(_t("certify")), "certifyButton")
        self.certify_button.setAutoDefault(False)
        self.certify_button.clicked.connect(self.certify)
        self.certify_explained = named(
            QLabel(_t("certify_explained"), wordWrap=True), "certifyExplained"
        )
        self.certify_explained.setProperty("role", "hint")
        certify = QHBoxLayout()
        certify.addWidget(self.certify_button)
        certify.addWidget(self.certify_explained, 1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.card)
        layout.addWidget(self.role)
        layout.addLayout(certify)
        layout.addStretch(1)  # beside a taller check, the lines stay together at the top
        return box

    def _build_devices(self) -> QGroupBox:
        box = named(QGroupBox(_t("known")), "knownDevicesBox")
        self.model = DevicesModel(self)
        self.table = named(QTableView(), "devicesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the interviewers' names take the room left
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_revoke())
        self.sealed_hidden = named(QLabel(wordWrap=True), "devicesSealedHidden")
        self.sealed_hidden.setProperty("role", "hint")
        self.set_aside_hidden = named(QLabel(wordWrap=True), "devicesSetAside")
        self.set_aside_hidden.setProperty("role", "hint")
        self.revoke_button = named(QPushButton(_t("revoke")), "revokeButton")
        self.revoke_button.setAutoDefault(False)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.revoke_why = named(QLabel(wordWrap=True), "revokeWhy")
        self.revoke_why.setProperty("role", "hint")
        self.status = named(QLabel(wordWrap=True), "devicesStatus")
        self.reinstate_button = named(QPushButton(_t("reinstate")), "reinstateButton")
        self.reinstate_button.setAutoDefault(False)
        self.reinstate_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.reinstate_button.clicked.connect(self.reinstate_selected)
        self.reinstate_button.hide()  # offered on a revoked laptop's row only
        row = _button_row(self.revoke_button, self.revoke_why)
        row.insertWidget(1, self.reinstate_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sealed_hidden)
        layout.addWidget(self.set_aside_hidden)
        layout.addLayout(row)
        layout.addWidget(self.status)
        return box

    def _build_check(self) -> QGroupBox:
        box = named(QGroupBox(_t("check_heading")), "checkBox")
        intro = named(QLabel(_t("check_intro"), wordWrap=True), "checkIntro")
        intro.setProperty("role", "hint")
        self.check_button = named(QPushButton(_t("check")), "checkButton")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(lambda: self.start_check())
        self.progress = named(QProgressBar(), "checkProgress")
        self.progress.setRange(0, 1)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.hide()  # shown while a check runs
        self.check_cancel_button = named(QPushButton(_t("check_cancel")), "checkCancel")
        self.check_cancel_button.setAutoDefault(False)
        self.check_cancel_button.clicked.connect(self.cancel_check)
        self.check_cancel_button.hide()  # with the progress
        self._cancelled_from_keyboard = False
        self.check_status = named(QLabel(wordWrap=True), "checkStatus")
        self.set_aside_count = named(QLabel(wordWrap=True), "setAsideCount")
        self.set_aside_count.hide()  # said once a check ran
        self.refused = named(QTableWidget(0, 3), "refusedRows")
        self.refused.setHorizontalHeaderLabels([_t("col_table"), _t("col_key"), _t("col_rule")])
        self.refused.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.refused.setTabKeyNavigation(False)
        self.refused.verticalHeader().hide()
        header = self.refused.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.set_aside_button = named(QPushButton(_t("set_aside")), "setAsideButton")
        self.set_aside_button.setAutoDefault(False)
        self.set_aside_button.clicked.connect(self.set_aside)
        self.set_aside_button.setEnabled(False)
        self.refused.setMinimumHeight(90)
        self.refused.setMaximumHeight(160)  # a few rows; the laptops take the room left
        self.set_aside_why = named(QLabel(wordWrap=True), "setAsideWhy")
        self.set_aside_why.setProperty("role", "hint")
        top = QHBoxLayout()
        top.addWidget(self.check_button)
        top.addWidget(self.progress)
        top.addWidget(self.check_cancel_button)
        top.addWidget(self.check_status, 1)
        bottom = _button_row(self.set_aside_button, self.set_aside_why)
        # What the check names without a row to set aside (desk7): another laptop's two
        # keys, ODK Central's copies set aside for nothing. Names come from packages: as
        # written, never markup.
        self.findings = named(QLabel(wordWrap=True), "checkFindings")
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings.hide()
        self.take_back_button = named(QPushButton(_t("take_back", count=1)), "takeBackButton")
        self.take_back_button.setAutoDefault(False)
        self.take_back_button.clicked.connect(self.take_back)
        self.take_back_why = named(QLabel(wordWrap=True), "takeBackWhy")
        self.take_back_why.setProperty("role", "hint")
        self.take_back_button.hide()
        self.take_back_why.hide()
        again = _button_row(self.take_back_button, self.take_back_why)
        layout = QVBoxLayout(box)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.refused, 1)
        layout.addWidget(self.set_aside_count)
        layout.addLayout(bottom)
        layout.addWidget(self.findings)
        layout.addLayout(again)
        return box

    # --- the laptops ----------------------------------------------------------------------

    def reload(self) -> None:
        """Read this laptop and the laptops the database knows again."""
        store = self.state.store
        if store is None:
            return
        chosen = self.selected()
        listed = known_devices(store, hide_sealed=store.keys.hides_sealed())
        self.laptop = listed.this_laptop()  # one read of the keys and certificates, not two
        self.card.show_laptop(self.laptop)
        self.role.setText(laptop_role(self.laptop))
        self.certify_button.setVisible(not self.laptop.supervisor)
        self.certify_explained.setVisible(not self.laptop.supervisor)
        self.model.set_devices(listed.devices)
        hidden = sealed_hidden_line(listed.sealed_hidden, current_language())
        self._say(self.sealed_hidden, hidden or "")
        self._say(self.set_aside_hidden, skipped_line(listed.quarantined, current_language()) or "")
        ids = [device.device_id for device in listed.devices]
        if chosen is not None and chosen.device_id in ids:
            self.table.selectRow(ids.index(chosen.device_id))
        self._update_revoke()
        self._update_set_aside()

    def reload_if_open(self) -> None:
        """Read the laptops again after a change elsewhere (a merge), unless closed."""
        if self.isVisible():
            self.reload()

    def selected(self) -> KnownDevice | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.devices[rows[0].row()] if rows else None

    def select_device(self, device_id: str) -> None:
        for row, device in enumerate(self.model.devices):
            if device.device_id == device_id:
                self.table.selectRow(row)
                return

    def revoke_refusal(self) -> str:
        """Return why Revoke… cannot be used now ("" when it can)."""
        device = self.selected()
        if device is None:
            return _t("revoke_pick")
        if self.laptop is None or not self.laptop.supervisor:
            return _t("revoke_not_supervisor")
        if device.this_laptop:
            return _t("revoke_self")
        if device.revocation is not None:
            return _t("revoke_already")
        if not device.fingerprint:
            return _t("revoke_unsigned")
        return ""

    def reinstate_refusal(self) -> str:
        """Return why Reinstate… cannot be used on the selected laptop ("" when it can)."""
        device = self.selected()
        if device is None or device.revocation is None:
            return _t("reinstate_not_revoked")
        if self.laptop is None or not self.laptop.supervisor:
            return _t("reinstate_not_supervisor")
        return ""

    def _update_revoke(self) -> None:
        """Enable Revoke… and Reinstate… for the selected laptop; say why not in one line."""
        refusal = self.revoke_refusal()
        self.revoke_button.setEnabled(not refusal)
        self.revoke_button.setToolTip(refusal or _t("revoke_ready"))
        device = self.selected()
        revoked = device is not None and device.revocation is not None
        self.reinstate_button.setVisible(revoked)
        if revoked:  # the line speaks of what can be done with a revoked laptop: reinstate it
            refusal = self.reinstate_refusal()
            self.reinstate_button.setEnabled(not refusal)
            self.reinstate_button.setToolTip(refusal or _t("reinstate_ready"))
        self._say(self.revoke_why, refusal)

    def revoke_selected(self) -> bool:
        """Ask why and who, then revoke the selected laptop; True when it was revoked."""
        from fieldapp.core.devices import revoke_device

        device = self.selected()
        if device is None or self.revoke_refusal():
            return False
        explained = _t("revoke_explained", device=device.device_id, fingerprint=device.fingerprint)
        return self._decide("revoke", explained, device.device_id, revoke_device)

    def reinstate_selected(self) -> bool:
        """Ask why and who, then reinstate the selected revoked laptop; True when done."""
        from fieldapp.core.devices import reinstate_device

        device = self.selected()
        if device is None or device.revocation is None or self.reinstate_refusal():
            return False
        revocation = device.revocation
        explained = _t(
            "reinstate_explained",
            device=device.device_id,
            fingerprint=device.fingerprint,
            author=revocation.author,
            day=short_time(revocation.at)[:10],
            reason=revocation.reason,
        )
        return self._decide("reinstate", explained, device.device_id, reinstate_device)

    def _decide(
        self, act: str, explained: str, device_id: str, decide: Callable[..., object]
    ) -> bool:
        """Ask why and who for ``act`` (revoke, reinstate), then ``decide`` for the laptop,
        say it is done and read the laptops again; True when done."""
        answer = ReasonDialog.ask(_t(f"{act}_title"), explained, _t(f"{act}_confirm"), self)
        if answer is None:
            return False
        reason, author = answer
        try:
            decide(self.store, device_id, reason=reason, author=author)
        except FieldappError as error:
            show_error(self, error)
            return False
        done = "devices.revoked" if act == "revoke" else "devices.reinstated"
        self._say(self.status, text(done, current_language(), device=device_id))
        self.reload()
        self.changed.emit()
        return True

    def certify(self) -> bool:
        """Open the study key and certify this laptop as the study's supervisor."""
        from fieldapp.core.devices import certify_supervisor
        from fieldapp.ui.lock import StudyKeyDialog

        store = self.store
        dialog = StudyKeyDialog(store, self, explanation=_t("certify_key"))
        accepted = dialog.exec()
        key = dialog.take_key()  # the dialog lives on as our child: keep no key in it
        dialog.deleteLater()
        if not accepted or key is None:
            return False
        self.state.set_study_key(key)  # opened as Unlock with study key… opens it
        author = reviewer_name()
        try:
            certify_supervisor(store, key, author=author)
        except FieldappError as error:
            show_error(self, error)
            return False
        self.reload()  # reads this laptop's fingerprint, which the message names
        laptop = self.laptop
        assert laptop is not None  # reload read it: the database is open
        said = text(
            "devices.certified",
            current_language(),
            device=laptop.device_id,
            fingerprint=laptop.fingerprint,
        )
        self._say(self.status, said)
        self.changed.emit()
        return True

    # --- check and set aside --------------------------------------------------------------

    def start_check(
        self,
        *,
        quarantine: bool = False,
        reason: str = "",
        author: str = "",
        take_back: bool = False,
    ) -> None:
        """Check (or set aside, or take back copies, then list what is left) in a worker
        thread, with the window's study key when it holds one."""
        if self.is_running():
            return
        self.checked, self.check_said = None, _t("checking")  # the table lists what it found
        self.refused.setRowCount(0)
        self._show_findings()
        self._show_check_line()
        self.progress.setRange(0, 0)  # busy while the rows are read (one pass, no count)
        self.progress.show()
        keyboard = self.check_button.hasFocus()
        self.check_cancel_button.setEnabled(True)
        self.check_cancel_button.show()
        if keyboard:  # started from the keyboard: Space again cancels it
            self.check_cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        for button in (self.check_button, self.set_aside_button, self.take_back_button):
            button.setEnabled(False)
        thread = CheckThread(
            self.db_path,
            self,
            quarantine=quarantine,
            reason=reason,
            author=author,
            study_key=self.state.study_key,
            take_back=take_back,
        )
        thread.sealed_counted.connect(self._sealed_counted)  # a bound slot: the GUI thread
        self.start_work(thread, self._checked)

    def _sealed_counted(self, done: int, total: int) -> None:
        """Count the sealed versions opened: the part of a check that takes minutes."""
        if not self.is_running() or not total:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.check_said = _t("checking_sealed", done=done, total=total)
        self._show_check_line()

    def cancel_check(self) -> None:
        """Stop the running check: nothing is listed, nothing set aside."""
        if self.is_running() and isinstance(self.work_thread, CheckThread):
            self._cancelled_from_keyboard = self.check_cancel_button.hasFocus()
            self.work_thread.cancel()
            self.check_cancel_button.setEnabled(False)

    def _checked(self, result: Any) -> None:
        self.progress.setRange(0, 1)
        self.progress.hide()
        had_focus = self.check_cancel_button.hasFocus() or self._cancelled_from_keyboard
        self._cancelled_from_keyboard = False
        self.check_cancel_button.hide()
        self.check_button.setEnabled(True)
        if had_focus:  # the keyboard goes on from the button that starts a check
            self.check_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(result, FieldappError) and result.code == "check.cancelled":
            self.check_said = result.text(current_language())  # asked for: no error box
            self._show_check_line()
            return
        if isinstance(result, FieldappError):
            self.check_said = result.text(current_language())
            self._show_check_line()
            show_error(self, result)
            return
        language = current_language()
        found = result.found
        if found.quarantined_now:  # the rows set aside are no longer listed: list what is left
            self.check_said = _t("set_aside_done", count=found.quarantined_now)
            self._show_check_line()
            self.reload()  # a quarantine changes what the table counts
            self.changed.emit()  # the list, review and progress leave those rows out now
            self.start_check()
            return
        self.checked = result
        self.model.set_two_keys({two.device: tuple(two.fingerprints) for two in found.two_keys})
        if result.taken_back:  # the list, review and progress show those copies again
            self._say(self.status, _t("take_back_done", count=result.taken_back))
            self.reload()
            self.changed.emit()
        self.refused.setRowCount(len(found.bad))
        for row, bad in enumerate(found.bad):
            rule = text(bad.rule, language, detail=bad.detail)
            for column, value in enumerate((bad.table, bad.key, rule)):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tip(value))
                self.refused.setItem(row, column, item)
        self.check_said = _t("found", count=len(found.bad)) if found.bad else _t("clean")
        self._show_check_line()
        self._say(self.set_aside_count, _t("set_aside_count", count=found.set_aside))
        self._show_findings()

    def findings_lines(self) -> list[str]:
        """Say what the last check names beyond its rows, one paragraph each ([] for none)."""
        checked = self.checked
        if checked is None:
            return []
        two_keys = [
            _t("two_keys", device=two.device, fingerprints=", ".join(two.fingerprints))
            for two in checked.found.two_keys
        ]
        copies = [_t("copy_for_nothing", copy=copy) for copy in checked.copies]
        return two_keys + copies

    def _show_findings(self) -> None:
        self._say(self.findings, "\n\n".join(self.findings_lines()))
        copies = self.checked.copies if self.checked is not None else ()
        self.take_back_button.setText(_t("take_back", count=max(len(copies), 1)))
        self.take_back_button.setVisible(bool(copies))
        self._update_take_back()

    def take_back_refusal(self) -> str:
        """Return why Take back… cannot be used now ("" when it can)."""
        if self.checked is not None and not self.checked.may_act:
            return _t("take_back_not_supervisor")
        if self.key_changed_since_check():  # the copies judged were judged with other keys
            return _t("sealed_key_changed")
        return ""

    def _update_take_back(self) -> None:
        copies = bool(self.checked is not None and self.checked.copies)
        refusal = self.take_back_refusal() if copies else ""
        self.take_back_button.setEnabled(copies and not refusal and not self.is_running())
        self.take_back_button.setToolTip(refusal)
        self._say(self.take_back_why, refusal)

    def take_back(self) -> bool:
        """Ask first, then take back the copies set aside for nothing (as ``fieldapp check
        --quarantine`` does) and check again; True when the work started."""
        checked = self.checked
        if checked is None or not checked.copies or self.is_running():
            return False
        if self.take_back_refusal():
            return False
        count = len(checked.copies)
        question = _t("take_back_explained", count=count, copies=", ".join(checked.copies))
        if not confirmed(self, _t("take_back_title"), question) or self.take_back_refusal():
            self._update_take_back()
            return False
        self.start_check(take_back=True, author=reviewer_name())
        return True

    def key_changed_since_check(self) -> bool:
        """True when the study key was opened or closed since the last check ran on a
        database with sealed forms (elsewhere the key changes nothing the check lists)."""
        checked = self.checked
        if checked is None or not checked.sealed_forms:
            return False
        return checked.opened != (self.state.study_key is not None)

    def sealed_line(self) -> str:
        """Say whether the last check opened the sealed records ("" without sealed forms)."""
        checked = self.checked
        if checked is None or not checked.sealed_forms:
            return ""
        if self.key_changed_since_check():
            return _t("sealed_key_changed")
        return _t("sealed_opened") if checked.opened else _t("sealed_not_opened")

    def _show_check_line(self) -> None:
        said = " ".join(part for part in (self.check_said, self.sealed_line()) if part)
        self.check_status.setText(said)
        self._update_set_aside()
        self._update_take_back()

    def set_aside_refusal(self) -> str:
        if self.laptop is not None and self.laptop.has_supervisor and not self.laptop.supervisor:
            return _t("set_aside_not_supervisor")
        if self.key_changed_since_check():  # it would set aside other rows than those listed
            return _t("sealed_key_changed")
        return ""

    def _update_set_aside(self) -> None:
        found = self.found
        listed = found is not None and bool(found.bad)
        refusal = self.set_aside_refusal() if listed else ""
        self.set_aside_button.setEnabled(listed and not refusal and not self.is_running())
        self.set_aside_button.setToolTip(refusal)
        self._say(self.set_aside_why, refusal)

    def set_aside(self) -> bool:
        """Ask why and who, then set the listed rows aside; True when the work started."""
        if self.found is None or not self.found.bad or self.is_running():
            return False
        if self.set_aside_refusal():
            return False
        explained = _t("set_aside_explained", count=len(self.found.bad))
        answer = ReasonDialog.ask(_t("set_aside_title"), explained, _t("set_aside_confirm"), self)
        if answer is None or self.set_aside_refusal():  # the idle lock may close the key meanwhile
            self._update_set_aside()
            return False
        reason, author = answer
        self.start_check(quarantine=True, reason=reason, author=author)
        return True
