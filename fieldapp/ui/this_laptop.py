"""This laptop's id and signing-key fingerprint, where a researcher finds them.

The supervisor's merge summary shows each new laptop's fingerprint; the researcher reads
hers from *Help › This laptop's fingerprint…* (``FingerprintDialog``) or the top of the
devices desk (``LaptopCard``), as ``fieldapp devices show`` prints them. Every text comes
from ``fieldapp.core.messages`` (codes ``devices.ui.*``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.known_devices import ThisLaptop
from fieldapp.core.messages import text
from fieldapp.ui.i18n import current_language
from fieldapp.ui.named import named

if TYPE_CHECKING:
    from fieldapp.core.store import Store


def _t(key: str, **params: Any) -> str:
    return text(f"devices.ui.{key}", current_language(), **params)


class LaptopCard(QWidget):
    """This laptop's id and fingerprint, selectable, with a Copy button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.laptop: ThisLaptop | None = None
        selectable = (
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.device_label = named(QLabel(), "thisDeviceId")
        self.fingerprint_label = named(QLabel(), "thisFingerprint")
        for label in (self.device_label, self.fingerprint_label):  # to select and copy
            label.setTextInteractionFlags(selectable)
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.fingerprint_label.font()
        font.setBold(True)
        self.fingerprint_label.setFont(font)
        self.copy_button = named(QPushButton(_t("copy")), "copyFingerprint")
        self.copy_button.clicked.connect(self.copy)
        self.why = named(QLabel(_t("fingerprint_why"), wordWrap=True), "fingerprintWhy")
        self.why.setProperty("role", "hint")
        self.copied = named(QLabel(), "fingerprintCopied")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_t("id_label"), self.device_label)
        row = QHBoxLayout()
        row.addWidget(self.fingerprint_label)
        row.addWidget(self.copy_button)
        row.addWidget(self.copied)
        row.addStretch(1)
        form.addRow(_t("fingerprint_label"), row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.why)

    def show_laptop(self, laptop: ThisLaptop) -> None:
        self.laptop = laptop
        self.device_label.setText(laptop.device_id)
        self.fingerprint_label.setText(laptop.fingerprint)

    def copy(self) -> None:
        """Put the id and fingerprint on the clipboard, to paste into a message."""
        if self.laptop is None:
            return
        said = _t("copy_text", device=self.laptop.device_id, fingerprint=self.laptop.fingerprint)
        QGuiApplication.clipboard().setText(said)
        self.copied.setText(_t("copied"))


def laptop_role(laptop: ThisLaptop) -> str:
    if laptop.supervisor:
        return _t("role_supervisor")
    return _t("role_other") if laptop.has_supervisor else _t("role_none")


class FingerprintDialog(QDialog):
    """Help › This laptop's fingerprint…: the card, and whether it is the supervisor."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        from fieldapp.core.known_devices import this_laptop

        super().__init__(parent)
        self.setObjectName("fingerprintDialog")
        self.setWindowTitle(_t("fingerprint_title"))
        laptop = this_laptop(store)
        self.card = LaptopCard()
        self.card.show_laptop(laptop)
        self.role = named(QLabel(laptop_role(laptop), wordWrap=True), "laptopRole")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.card)
        layout.addWidget(self.role)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())
