"""File › Forms…: the form versions a database holds, adding one, and saving a copy.

The `fieldapp forms add` and `forms list` commands, in the window. A supervisor seals the
study forms (the version with the `public_key` that `fieldapp keys new` printed) or adds a
revised one; anyone saves a copy of a stored form to take it to ODK Central or KoboToolbox.
Adding follows the merge's rules (``core.form_add``): a refused file says why and leaves
the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.messages import FieldappError, text
from fieldapp.ui import file_dialogs
from fieldapp.ui.errors import confirmed
from fieldapp.ui.i18n import current_language
from fieldapp.ui.named import named
from fieldapp.ui.package_dialog import FOLDER_SETTING as OUT_FOLDER_SETTING
from fieldapp.ui.plain import plain_tip
from fieldapp.ui.screen_fit import fit_window

if TYPE_CHECKING:
    from fieldapp.core.form_add import AddedForm, HeldForm, Sealing
    from fieldapp.core.store import Store

FOLDER_SETTING = "forms/folder"
"""The folder the last form was added from (a folder, never a key's path); a copy goes
where the last package or copy went (``OUT_FOLDER_SETTING``)."""
T = TypeVar("T")
COLUMNS = ("title", "form_id", "version", "sealed", "added", "new_interviews")


class FormsDialog(QDialog):
    """List the held form versions; add an XLSForm; save a copy of the selected one."""

    added = Signal(object)
    """The AddedForm of a form version added (the window's New interview offers it)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.language = current_language()
        self.held: list[HeldForm] = []
        t = self._t
        self.setWindowTitle(t("title"))
        intro = QLabel(t("intro"), wordWrap=True)
        self.table = named(QTableWidget(0, len(COLUMNS)), "formsTable")
        self.table.setHorizontalHeaderLabels([t(f"column_{name}") for name in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # the arrows walk the forms; Tab goes on
        self.table.setWordWrap(False)
        # A study form's title says its actor at the end: keep both ends of it.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = named(QPushButton(t("add")), "addForm")
        self.add_button.clicked.connect(self.choose_and_add)
        self.copy_button = named(QPushButton(t("copy")), "copyForm")
        self.copy_button.clicked.connect(self.choose_and_copy)
        self.seal_button = named(QPushButton(t("seal")), "sealForms")
        self.seal_button.setToolTip(t("seal_tip"))
        self.seal_button.clicked.connect(self.choose_key_and_seal)
        self.close_button = QPushButton(t("close"))
        self.close_button.clicked.connect(self.reject)
        self.status = named(QLabel(wordWrap=True), "formsStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # package names: as written
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.seal_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()
        fit_window(self, "forms", (max(1040, self._columns_width()), 440))

    def _columns_width(self) -> int:
        """Return the width that shows every column whole, titles too: at 1040 wide the
        titles were cut in the middle ("Seguridad ciudadana en la fronte…l / Civil-society
        representative") with a third of a 1366-wide screen to spare. ``fit_window``
        keeps the dialog within the screen; on a narrower one the titles are cut again."""
        table, header = self.table, self.table.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
            for column in range(table.columnCount())
        )
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        scroll = table.verticalScrollBar().sizeHint().width()
        return columns + scroll + 2 * table.frameWidth() + margins.left() + margins.right()

    def _t(self, key: str, **params: Any) -> str:
        return text(f"formdesk.ui.{key}", self.language, **params)

    # --- the list -----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the held form versions again; select ``select`` (a sha256) if given."""
        from fieldapp.core.form_add import held_form_list

        self.held = held_form_list(self.store)
        self.table.setRowCount(len(self.held))
        for number, held in enumerate(self.held):
            record = held.record
            sealed = (
                self._t("sealed_for", fingerprint=held.sealed_for)
                if held.sealed_for
                else self._t("not_sealed")
            )
            cells = (
                record.title,
                record.form_id,
                record.version or "-",
                sealed,
                record.added_at[:10],
                self._t("start_here")
                if held.used_for_new
                else self._t("retired")
                if held.retired
                else "",
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tip(value))  # a package's title or file name
                self.table.setItem(number, column, item)
            if record.sha256 == select:
                self.table.selectRow(number)
        if select is None and self.held:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> HeldForm | None:
        rows = self.table.selectionModel().selectedRows()
        return self.held[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.copy_button.setEnabled(self.selected() is not None)
        in_clear = [h for h in self.held if h.used_for_new and h.sealed_for is None]
        self.seal_button.setEnabled(bool(in_clear))

    # --- adding -------------------------------------------------------------------------

    def choose_and_add(self) -> None:
        name = file_dialogs.open_file(
            self, self._t("add_title"), self._folder(), self._t("add_filter")
        )
        if name:
            self.add(Path(name))

    def add(self, path: Path) -> AddedForm | None:
        """Check and add the form at ``path``; say what happened below the list."""
        from fieldapp.core.form_add import add_form_file, said_added

        QSettings().setValue(FOLDER_SETTING, str(path.parent))
        added = self._busy(lambda: add_form_file(self.store, path))  # pyxform: a second
        if added is None:
            return None
        self._say(" ".join(said_added(self.store, added, path.name, self.language)))
        self.reload(select=added.record.sha256)
        if added.new:
            self.added.emit(added)
        return added

    # --- sealing ------------------------------------------------------------------------

    def choose_key_and_seal(self) -> None:
        name = file_dialogs.open_file(
            self, self._t("seal_title"), self._folder(), self._t("key_filter")
        )
        if not name:
            return
        in_clear = [h.record.form_id for h in self.held if h.used_for_new and not h.sealed_for]
        if confirmed(
            self, self._t("seal_title"), self._t("seal_confirm", forms=", ".join(in_clear))
        ):
            self.seal(Path(name))

    def seal(self, key_file: Path) -> list[Sealing] | None:
        """Add a version sealed for the public key in ``key_file`` of each form in clear."""
        from fieldapp.core.form_add import read_public_key_file, said_sealed, seal_forms

        done = self._busy(lambda: seal_forms(self.store, read_public_key_file(key_file)))
        if done is None:
            return None
        self._say("\n".join(said_sealed(self.store, done, str(self.store.path), self.language)))
        self.reload()
        for sealing in done:
            if sealing.added is not None:
                self.added.emit(sealing.added)
        return done

    # --- a copy -------------------------------------------------------------------------

    def choose_and_copy(self) -> None:
        held = self.selected()
        if held is None:
            return
        from fieldapp.core.form_add import copy_name

        suggested = str(Path(self._out_folder()) / copy_name(self.store, held.record))
        # a copy never replaces a file (write_form_copy refuses): no "Replace it?" to refuse
        name = file_dialogs.save_file(
            self, self._t("copy_title"), suggested, self._t("add_filter"), replaces=False
        )
        if name:
            self.copy_to(held, Path(name))

    def copy_to(self, held: HeldForm, target: Path) -> Path | None:
        """Write ``held``'s workbook to ``target`` and its choice files beside it."""
        from fieldapp.core.form_add import said_copied, write_form_copy

        QSettings().setValue(OUT_FOLDER_SETTING, str(target.parent))
        try:
            copy = write_form_copy(self.store, held.record.sha256, target)
        except FieldappError as error:
            self._say_error(error.text(self.language))
            return None
        self._say(said_copied(copy, held.record, self.language))
        return copy.path

    # --- helpers ------------------------------------------------------------------------

    def _busy(self, work: Callable[[], T]) -> T | None:
        """Run ``work`` (pyxform reads forms: seconds) under a wait cursor; say a refusal
        below the list, each problem of a form that does not load on its own line."""
        from fieldapp.core.form_add import problems_of

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return work()
        except FieldappError as error:
            self._say_error("\n".join(problems_of(error, self.language)))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _folder(self) -> str:
        return str(QSettings().value(FOLDER_SETTING, "") or Path.home())

    def _out_folder(self) -> str:
        """Where a copy goes first: where the last package or copy went (the stick),
        else where forms came from."""
        return str(QSettings().value(OUT_FOLDER_SETTING, "") or self._folder())

    def _say(self, message: str) -> None:
        self.status.setProperty("role", "hint")
        self.status.setText(message)
        self.status.style().polish(self.status)

    def _say_error(self, message: str) -> None:
        self.status.setProperty("role", "error")
        self.status.setText(message)
        self.status.style().polish(self.status)
