"""The Conflicts view: interviews edited apart on two laptops, resolved field by field.

Left, the interviews with several heads. Right, one column per head (who, on which
device, when, in which state) and one row per question; rows whose answers differ are
highlighted; codes read as their choice labels (the codes in a tooltip) and a repeat reads
as one labelled row per entry. Clicking a cell, or Space/Enter on the current cell (the
arrows move it; Alt+Down/Alt+Up go to the next/previous difference), takes that head's
answer for that question, or that head's entry of a repeat; "Keep version N whole" takes a
head entirely; a row nobody chose keeps version 1 (the newest). "Show differences only"
(remembered) hides the rows every head agrees on. Saving needs the reviewer's name (the one
the review desk remembers, never the OS account) and writes a revision whose parents are
all the heads, and a ``conflict_resolved`` event with who chose what; then the next conflict
is shown with its answers in focus, so a run of conflicts is resolved from the keyboard
(Close has the focus when none is left). Choices not saved are not lost by accident:
Close, Esc or another conflict asks Save / Discard / Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.answer_rows import (
    combine_rows,
    conflict_rows,
    differing_in_entry,
    differing_rows,
    piped_label,
    row_value,
    show_row,
    stamp_title,
    where_title,
)
from fieldapp.core.forms.model import Answers, Form, Question
from fieldapp.core.interview_name import city_name, row_name
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.progress import sealed_hidden_line
from fieldapp.core.store import RevisionRecord, Store, SubmissionId
from fieldapp.ui.choice_table import ChoiceTable
from fieldapp.ui.errors import show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import actor_title, state_title
from fieldapp.ui.layouts import widened_first
from fieldapp.ui.list_widgets import filled_item
from fieldapp.ui.lock import read_with_study_key
from fieldapp.ui.plain import plain_tip
from fieldapp.ui.reviewer import remember_reviewer, reviewer_name, reviewer_refused

DIFFERS = QColor("#fff1c2")
"""Background of a question whose answers differ between the heads."""
CHOSEN = QColor("#cdeccd")
"""Background of the answer chosen for the resolution."""
DIFFERENCES_ONLY_SETTING = "conflicts/differences_only"
NEXT_KEYS = QKeySequence("Alt+Down")
"""Next difference, as in Meld: arrows, Space, Enter, Tab and the mnemonics are taken."""
PREVIOUS_KEYS = QKeySequence("Alt+Up")
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""A list item's interview as the unsaved-choices question names it."""
CODES_ROLE = Qt.ItemDataRole.UserRole + 2
"""An answer cell's codes, its tooltip (with the whole text when its row is cut short)."""
ROW_LINES = 8
"""The lines of text a row shows until it is the current row: a repeat's entry can run to
dozens of lines, and one such row filled the table. The current row opens whole (the
arrows read each in turn); a row cut short ends in "…" and shows whole on hover."""

Unsaved = Literal["save", "discard", "cancel"]


def ask_unsaved(parent: QWidget, name: str, language: str) -> Unsaved:
    """Ask what becomes of choices not saved, as editors do; Save is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        text("conflicts.unsaved_title", language),
        text("conflicts.unsaved", language, name=name),
        parent=parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the interview's name: as written
    role = QMessageBox.ButtonRole
    save = box.addButton(text("conflicts.save", language), role.AcceptRole)
    discard = box.addButton(text("conflicts.discard", language), role.DestructiveRole)
    cancel = box.addButton(text("conflicts.cancel", language), role.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


TOP_LEFT = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
"""Every cell's text: an entry runs to dozens of lines, taller than the table, and its
question's name, centred, stood out of sight; the versions' lines start level."""


class ConflictsView(QDialog):
    """Resolve the conflicts of the database at ``store_path``."""

    resolved = Signal(str)
    """Emitted with the interview id after a resolution is saved."""

    def __init__(
        self, store_path: Path, parent: QWidget | None = None, *, hide_sealed: bool = False
    ) -> None:
        """``hide_sealed``: the desktop has no passphrase yet (``keys.hides_sealed``): the
        conflicts of sealed forms are left out and counted, as the list leaves them out."""
        super().__init__(parent)
        self._language = current_language()
        self._hide_sealed = hide_sealed
        read_with_study_key(self, not hide_sealed)  # gone at the idle lock that hides them
        self.store = Store.open(Path(store_path))
        self.heads: list[RevisionRecord] = []
        self.keys: list[str] = []
        self.choices: dict[str, int] = {}
        self.submission_id: SubmissionId | None = None
        self._first_difference: int | None = None
        self._differing: set[str] = set()
        self._form_of_shown: Form | None = None
        self._questions: dict[str, Question] = {}
        self._stamps: set[str] = set()
        self._form_language = "default"
        self.setWindowTitle(text("merge.ui.conflicts_title", self._language))
        self.resize(1100, 650)

        self._switching = False
        self._shown_name = ""
        language = self._language
        self.conflict_list = QListWidget()
        self.conflict_list.setWordWrap(True)  # long instance names wrap rather than scroll
        self.conflict_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conflict_list.setSpacing(3)  # each entry is two lines: a gap tells them apart
        self.conflict_list.setAccessibleName(text("conflicts.list_name", language))
        self.conflict_list.currentItemChanged.connect(self._on_current_changed)
        self.help = QLabel(text("merge.ui.conflicts_help", language))
        self.help.setWordWrap(True)
        self.table = ChoiceTable()
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(text("conflicts.table_name", language))
        self.table.setAccessibleDescription(text("conflicts.table_description", language))
        self.table.cellClicked.connect(self.choose_cell)
        self.table.taken.connect(self.choose_cell)
        self.table.currentCellChanged.connect(lambda *_: self._update_steps())
        self.table.currentCellChanged.connect(self._open_current_row)
        self.differences_only = QCheckBox(text("conflicts.differences_only", language))
        self.differences_only.setToolTip(text("conflicts.differences_only_tip", language))
        self.differences_only.setAccessibleName(self.differences_only.text().replace("&", ""))
        self.differences_only.setChecked(
            QSettings().value(DIFFERENCES_ONLY_SETTING, False, type=bool)  # type: ignore[arg-type]
        )
        self.differences_only.toggled.connect(self._on_differences_only)
        self.tally = QLabel()
        self.previous_button = self._step_button(
            "previous", PREVIOUS_KEYS, self.previous_difference
        )
        self.next_button = self._step_button("next", NEXT_KEYS, self.next_difference)
        self.keep_buttons = QHBoxLayout()
        self.reviewer_label = QLabel(text("conflicts.reviewer", language))
        self.reviewer_edit = QLineEdit(reviewer_name())
        self.reviewer_edit.setPlaceholderText(text("conflicts.reviewer_hint", language))
        hint_width = self.reviewer_edit.fontMetrics().horizontalAdvance(
            self.reviewer_edit.placeholderText()
        )
        self.reviewer_edit.setMinimumWidth(min(hint_width + 24, 360))
        self.reviewer_edit.setAccessibleName(self.reviewer_label.text().replace("&", ""))
        self.reviewer_edit.editingFinished.connect(self._remember_reviewer)
        self.reviewer_label.setBuddy(self.reviewer_edit)
        self.save_button = self._button(text("merge.ui.save_resolution", language))
        self.save_button.clicked.connect(self.save_resolution)
        self.close_button = self._button(text("merge.ui.close", language))
        self.close_button.clicked.connect(self.close)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # package names: as written
        # With no conflict listed the desk says so across its width, in place of the list,
        # the instructions and the table (walksup: an empty table under them).
        self.empty = QLabel()
        self.empty.setObjectName("noConflicts")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)  # an empty state, not a line
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.empty.setFont(font)
        self.empty.hide()

        steps = QHBoxLayout()
        steps.addWidget(self.differences_only)
        steps.addWidget(self.tally, 1)
        steps.addWidget(self.previous_button)
        steps.addWidget(self.next_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.help)
        right_layout.addWidget(self.empty, 1)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(steps)
        right_layout.addLayout(self.keep_buttons)
        right_layout.addLayout(
            widened_first(
                self.status,
                self.reviewer_label,
                self.reviewer_edit,
                self.save_button,
                self.close_button,
            )
        )
        splitter = QSplitter()
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.finished.connect(self.store.close)
        self.refresh()

    def _button(self, label: str) -> QPushButton:
        """Return a button Enter does not press from elsewhere (a cell, the name field)."""
        button = QPushButton(label)
        button.setAutoDefault(False)
        button.setAccessibleName(label.replace("&", ""))
        return button

    def _step_button(self, step: str, keys: QKeySequence, go: Any) -> QPushButton:
        button = self._button(text(f"conflicts.{step}", self._language))
        native = keys.toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(text(f"conflicts.{step}_tip", self._language, keys=native))
        button.clicked.connect(go)
        QShortcut(keys, self, go)
        return button

    # --- the list -------------------------------------------------------------------------

    def refresh(self) -> int:
        """Reload the list of conflicting interviews; return how many sealed ones it hides."""
        self.conflict_list.clear()
        rows = {row.submission_id: row for row in self._conflict_rows()}
        conflicts = self.store.interviews.conflicts()
        hidden = 0
        if self._hide_sealed:  # the listing leaves sealed forms' interviews out of ``rows``
            shown = [submission_id for submission_id in conflicts if submission_id in rows]
            hidden, conflicts = len(conflicts) - len(shown), shown
        for submission_id in conflicts:
            row = rows.get(submission_id)
            name = (row_name(row, self._language) if row else "") or submission_id[:8]
            # the name as the list shows it, then what tells it apart (each fact once: a
            # sealed one's name is its actor, city and day); the form's title (the study's
            # run to a hundred characters in two languages) is a hover away
            facts = (actor_title(row.actor_type), city_name(row.city)) if row else ()
            heads = row.head_count if row else len(self.store.interviews.heads(submission_id))
            label = text(
                "merge.ui.conflict_item",
                self._language,
                name=name,
                facts="".join(f"{fact} · " for fact in facts if fact and fact not in name),
                heads=heads,
            )
            item = QListWidgetItem(label)
            item.setToolTip(plain_tip(row.form_title) if row else "")
            item.setData(Qt.ItemDataRole.UserRole, submission_id)
            item.setData(NAME_ROLE, name)
            self.conflict_list.addItem(item)
        line = sealed_hidden_line(hidden, self._language)
        self._say_empty(
            None
            if self.conflict_list.count()
            else line or text("merge.ui.no_conflicts", self._language)
        )
        if self.conflict_list.count():
            self.conflict_list.setCurrentRow(0)
        else:
            self._show(None)
            self.status.setText("")  # the desk says it above, across its width
        if line is not None:
            self.status.setText(line)
        return hidden

    def _say_empty(self, said: str | None) -> None:
        """Show the desk's conflicts, or (``said`` given) say across it that none is left:
        no list, table, instructions, steps or Save for cells that are not there, so what
        is said below (a resolution, the sealed ones hidden) has the row to Close."""
        empty = said is not None
        self.empty.setText(said or "")
        self.empty.setVisible(empty)
        for widget in (
            self.conflict_list,
            self.help,
            self.table,
            self.differences_only,
            self.tally,
            self.previous_button,
            self.next_button,
            self.reviewer_label,
            self.reviewer_edit,
            self.save_button,
        ):
            widget.setVisible(not empty)

    def _conflict_rows(self) -> list[Any]:
        from fieldapp.core.store import InterviewFilter

        filters = InterviewFilter(conflicts_only=True, sealed_hidden=self._hide_sealed)
        return self.store.interviews.page(filters, limit=100_000)

    def _on_current_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._switching:
            return
        target = None if current is None else current.data(Qt.ItemDataRole.UserRole)
        if target != self.submission_id and self.unsaved():
            resolved = self.submission_id
            answer = ask_unsaved(self, self._shown_name, self._language)
            if answer == "cancel" or (answer == "save" and not self._save()):
                if previous is not None:  # back to the conflict whose choices are kept
                    self._switching = True
                    self.conflict_list.setCurrentItem(previous)
                    self._switching = False
                return
            if answer == "save":  # that conflict leaves the list: list anew once this ends
                name = self._shown_name
                QTimer.singleShot(0, lambda: self._relist(target, resolved, name))
        self._show_item(current)

    def _show_item(self, item: QListWidgetItem | None) -> None:
        self._shown_name = "" if item is None else str(item.data(NAME_ROLE))
        self._show(None if item is None else item.data(Qt.ItemDataRole.UserRole))

    def _relisted(self, choose: Callable[[], None]) -> int:
        """List the conflicts anew, ``choose`` the current one and show it (only it: the
        list's first conflict is not shown on the way); return how many were hidden."""
        self._switching = True
        try:
            hidden = self.refresh()
            choose()
        finally:
            self._switching = False
        if self.conflict_list.currentItem() is not None:
            self._show_item(self.conflict_list.currentItem())
        return hidden

    def _relist(
        self, wanted: SubmissionId | None, resolved: SubmissionId | None, name: str
    ) -> None:
        """List the conflicts anew after ``resolved`` (listed as ``name``) was saved,
        ``wanted`` shown if listed."""

        def choose() -> None:
            for row in range(self.conflict_list.count()):
                item = self.conflict_list.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == wanted:
                    self.conflict_list.setCurrentItem(item)

        hidden = self._relisted(choose)
        if resolved is not None:
            self._say_resolved(name, hidden)

    # --- the heads side by side -----------------------------------------------------------

    def _show(self, submission_id: SubmissionId | None) -> None:
        self.submission_id = submission_id
        self.heads = self.store.interviews.heads(submission_id) if submission_id else []
        answers = self._answers()
        form = self._form(submission_id)
        self._form_of_shown = form
        self.keys = conflict_rows(form, answers, self._ordered_keys(form, answers))
        differing = self._differing = differing_rows(answers, self.keys)
        self.choices = {}
        self.table.clear()
        self.table.setRowCount(len(self.keys))
        self.table.setColumnCount(1 + len(self.heads))
        question = text("ui.conflicts_question", self._language)
        self.table.setHorizontalHeaderLabels(
            [question, *(self._head_title(i, h) for i, h in enumerate(self.heads))]
        )
        labels = self._labels(form, answers)
        for row, key in enumerate(self.keys):
            title = labels.get(key)
            if title is None and form is not None and key.endswith("]"):  # a repeat's entry
                title = f"{where_title(form, key, self._form_language, answers)} ({key})"
            label = QTableWidgetItem(title or key)
            label.setTextAlignment(TOP_LEFT)
            label.setToolTip(key)
            self.table.setItem(row, 0, label)
            for index, head_answers in enumerate(answers):
                shown, codes = self._shown(head_answers, key, index)
                item = QTableWidgetItem(shown)
                item.setTextAlignment(TOP_LEFT)
                item.setToolTip(plain_tip(codes))  # a head's answers: as typed
                item.setData(CODES_ROLE, codes)
                if key in differing:
                    item.setBackground(QBrush(DIFFERS))
                self.table.setItem(row, self.head_column(index), item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        # the device's own stamps (end, today...) differ after any two saves: show the
        # first difference a person made, falling back on a stamp
        first_difference = next(
            (r for r, k in enumerate(self.keys) if k in differing and k not in self._stamps),
            next((r for r, k in enumerate(self.keys) if k in differing), None),
        )
        self._first_difference = first_difference
        self._hide_agreeing()
        self._fit_columns()
        self._drop_keep_buttons()
        keep_buttons = []
        for index in range(len(self.heads)):
            button = self._button(text("merge.ui.keep_whole", self._language, n=index + 1))
            description = text("conflicts.keep_whole_description", self._language, n=index + 1)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
            button.clicked.connect(lambda _=False, i=index: self.keep_whole(i))
            button.setEnabled(self._readable())
            self.keep_buttons.addWidget(button)
            keep_buttons.append(button)
        # Start from the newest head: the resolution differs from it only where chosen.
        for key in self._differing:
            self._paint(key)
        if first_difference is not None:
            self.table.setCurrentCell(first_difference, self.head_column(0))
        self.save_button.setEnabled(bool(self.heads) and self._readable())
        self.status.setText(
            "" if self._readable() or not self.heads else text("merge.ui.sealed", self._language)
        )
        self._update_tally()
        self._update_steps()
        self._order_tabs(keep_buttons)

    def _drop_keep_buttons(self) -> None:
        """Take the shown conflict's keep buttons away, hidden now and deleted soon.

        Not orphaned as ``layouts.emptied`` does: a button left without a parent is a
        window of its own, and when it went the desk lost the focus given to the next
        conflict's answers after a save."""
        while (item := self.keep_buttons.takeAt(0)) is not None:
            if (button := item.widget()) is not None:
                button.hide()
                button.deleteLater()

    def _order_tabs(self, keep_buttons: list[QPushButton]) -> None:
        """Tab through the desk as it reads: list, table, steps, keep, reviewer, save, close."""
        chain: list[QWidget] = [
            self.conflict_list,
            self.table,
            self.differences_only,
            self.previous_button,
            self.next_button,
            *keep_buttons,
            self.reviewer_edit,
            self.save_button,
            self.close_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def head_column(self, head_index: int) -> int:
        """Return the table column showing head ``head_index`` (column 0 names the question)."""
        return head_index + 1

    def _fit_columns(self) -> None:
        """Give the questions at most a third of the width, then show the first difference."""
        width = self.table.viewport().width()
        if self.table.columnCount():
            wanted = self.table.sizeHintForColumn(0) + 12
            self.table.setColumnWidth(0, max(160, min(wanted, width // 3)))
        self._fit_rows()
        if self._first_difference is not None:
            item = filled_item(self.table, self._first_difference, 0)
            self.table.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _fit_rows(self) -> None:
        """Give each row its text's height, at most ``ROW_LINES`` lines but the current
        row's; a row cut short tells its whole answers in its cells' tooltips."""
        table = self.table
        table.resizeRowsToContents()
        cap = ROW_LINES * table.fontMetrics().lineSpacing() + 8
        current = table.currentRow()
        for row in range(table.rowCount()):
            cut = row != current and table.rowHeight(row) > cap
            if cut:
                table.setRowHeight(row, cap)
            self._tell_whole(row, cut)

    def _open_current_row(self, row: int, _column: int, previous: int, _previous: int) -> None:
        """Show the current row whole. Rows opened before stay open until the table is
        fitted again: one closing above the row clicked would move it from under the mouse."""
        if row >= 0 and row != previous:
            self.table.resizeRowToContents(row)
            self._tell_whole(row, False)

    def _tell_whole(self, row: int, cut: bool) -> None:
        """Put a cut-short row's whole answers in its cells' tooltips, above their codes."""
        for column in range(1, self.table.columnCount()):
            item = self.table.item(row, column)
            if item is None:
                continue
            codes = str(item.data(CODES_ROLE) or "")
            both = "\n\n".join(filter(None, [item.text(), codes]))
            item.setToolTip(plain_tip(both if cut else codes))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _answers(self) -> list[Answers]:
        return [head.answers or {} for head in self.heads]

    def _readable(self) -> bool:
        return all(head.answers is not None for head in self.heads)

    def _form(self, submission_id: str | None) -> Form | None:
        """Return the form version of a conflicting interview (None: none chosen or unknown)."""
        if submission_id is None:
            return None
        try:
            return self.store.forms.of(SubmissionId(submission_id))
        except FieldappError:
            return None

    def _ordered_keys(self, form: Form | None, answers: list[Answers]) -> list[str]:
        """Return the answered questions in form order, others after, the device's stamps last."""
        present = {key for head in answers for key in head}
        order: list[str] = []
        self._questions = {}
        self._stamps = set()
        if form is not None:
            for element in form.walk():
                if isinstance(element, Question):
                    self._questions[element.key] = element
                    if element.type.is_metadata or element.key.startswith("meta/"):
                        self._stamps.add(element.key)
            order = [element.key for element in form.walk() if element.key in present]
        ordered = order + sorted(present - set(order))
        return [k for k in ordered if k not in self._stamps] + [
            k for k in ordered if k in self._stamps
        ]

    def _labels(self, form: Form | None, answers: list[Answers]) -> dict[str, str]:
        """Each question's title; a ``${name}`` in it reads as the answer every head gives."""
        if form is None:
            return {}
        from fieldapp.core.forms.model import form_language_for

        language = form_language_for(form, self._language)
        self._form_language = language
        labels = {}
        for element in form.walk():
            label = piped_label(form, element, language, answers)
            label = label or stamp_title(element, language)
            labels[element.key] = f"{label} ({element.key})" if label else element.key
        return labels

    def _head_title(self, index: int, head: RevisionRecord) -> str:
        header = text(
            "merge.ui.head_header",
            self._language,
            author=head.author or "?",
            device=head.device_id[:8],
            saved_at=head.saved_at[:19].replace("T", " "),
            state=state_title(head.state),
        )
        return text("ui.conflicts_version", self._language, n=index + 1, header=header)

    def _shown(self, answers: Answers, key: str, column: int) -> tuple[str, str]:
        """Return a cell's text (labels, an entry's lines) and its codes for the tooltip."""
        if self.heads[column].answers is None:
            return text("merge.ui.sealed", self._language), ""
        value = row_value(answers, key)
        if value is None:
            return text("merge.ui.unanswered", self._language), ""
        differing = differing_in_entry(self._answers(), key) if key in self._differing else ()
        shown = show_row(
            self._form_of_shown, value, key, self._form_language, answers, differing=differing
        )
        return shown.text, shown.codes

    # --- choosing -------------------------------------------------------------------------

    def choose_cell(self, row: int, column: int) -> None:
        """Take the answer in table cell (``row``, ``column``) for that question."""
        head_index = column - 1
        if 0 <= row < len(self.keys) and 0 <= head_index < len(self.heads) and self._readable():
            self.choose(self.keys[row], head_index)

    def choose(self, key: str, head_index: int) -> None:
        if key not in self._differing:
            return  # every head says the same: nothing to choose
        self.choices[key] = head_index
        self._paint(key)
        self._update_tally()

    def _paint(self, key: str) -> None:
        """Mark the head a row takes (chosen, or version 1 by default) and whether chosen."""
        row = self.keys.index(key)
        taken = self.choices.get(key, 0)
        for index in range(len(self.heads)):
            item = filled_item(self.table, row, self.head_column(index))
            font = QFont(item.font())
            font.setBold(index == taken)
            item.setFont(font)
            item.setBackground(QBrush(CHOSEN if index == taken else DIFFERS))
        # the question itself says whether someone chose: yellow until then, green after
        question = filled_item(self.table, row, 0)
        question.setBackground(QBrush(CHOSEN if key in self.choices else DIFFERS))

    def keep_whole(self, head_index: int) -> None:
        """Take every answer from one head."""
        for key in self.keys:
            self.choose(key, head_index)

    def chosen_answers(self) -> Answers:
        return combine_rows(self._answers(), self.choices, base=0)

    def unsaved(self) -> bool:
        """Return whether answers were chosen for the conflict shown and not saved."""
        return self.submission_id is not None and bool(self.choices) and self._readable()

    def _update_tally(self) -> None:
        if not self.heads:
            self.tally.clear()
            return
        chosen = sum(1 for key in self.choices if key in self._differing)
        self.tally.setText(
            text("conflicts.tally", self._language, count=len(self._differing), chosen=chosen)
        )

    # --- moving between differences ---------------------------------------------------------

    def _on_differences_only(self, checked: bool) -> None:
        QSettings().setValue(DIFFERENCES_ONLY_SETTING, checked)
        self._hide_agreeing()
        self._fit_columns()
        self._update_steps()

    def _hide_agreeing(self) -> None:
        """Hide the rows every head agrees on while "Show differences only" is ticked."""
        hide = self.differences_only.isChecked()
        for row, key in enumerate(self.keys):
            self.table.setRowHidden(row, hide and key not in self._differing)

    def _difference_rows(self) -> list[int]:
        return [row for row, key in enumerate(self.keys) if key in self._differing]

    def _step_to(self, rows: list[int]) -> None:
        if not rows:
            return
        row = rows[0]
        column = self.table.currentColumn()
        if column < 1:  # from the questions, land on the answer the row takes
            column = self.head_column(self.choices.get(self.keys[row], 0))
        self.table.setCurrentCell(row, column)
        self.table.scrollToItem(filled_item(self.table, row, column))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def next_difference(self) -> None:
        """Make the next differing row's answer current (Alt+Down)."""
        current = self.table.currentRow()
        self._step_to([row for row in self._difference_rows() if row > current])

    def previous_difference(self) -> None:
        """Make the previous differing row's answer current (Alt+Up)."""
        current = self.table.currentRow()
        self._step_to([row for row in reversed(self._difference_rows()) if row < current])

    def _update_steps(self) -> None:
        rows, current = self._difference_rows(), self.table.currentRow()
        self.next_button.setEnabled(any(row > current for row in rows))
        self.previous_button.setEnabled(any(row < current for row in rows) and current >= 0)

    # --- saving -------------------------------------------------------------------------------

    def _remember_reviewer(self) -> None:
        remember_reviewer(self.reviewer_edit.text().strip())

    def save_resolution(self) -> bool:
        """Write the resolution as a new revision whose parents are all the heads, then
        show the next conflict with its answers in focus, so a run of conflicts is
        resolved from the keyboard; when none is left, Close has the focus."""
        submission_id, name = self.submission_id, self._shown_name
        row = self.conflict_list.currentRow()
        if submission_id is None or not self._save():
            return False

        def choose() -> None:  # the conflict listed after the saved one took its place
            left = self.conflict_list.count()
            if left:
                self.conflict_list.setCurrentRow(min(max(row, 0), left - 1))

        hidden = self._relisted(choose)
        if self.conflict_list.count():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say_resolved(name, hidden)
        self.resolved.emit(submission_id)
        return True

    def _say_resolved(self, name: str, hidden: int) -> None:
        """Say which interview was resolved (named as the list named it, never by its id)
        and how many conflicts are left (and the sealed ones the list hides, if any)."""
        said = text(
            "conflicts.resolved",
            self._language,
            submission=name,
            left=self.conflict_list.count(),
        )
        line = sealed_hidden_line(hidden, self._language)
        self.status.setText(said if line is None else f"{said} {line}")

    def _save(self) -> bool:
        """Write the resolution of the conflict shown; say why not and return False."""
        if self.submission_id is None or not self._readable():
            return False
        submission_id = self.submission_id
        author = self.reviewer_edit.text().strip()
        # the resolution travels in every package: it names who chose
        # named as the list names it (the resolved line too), not by a 36-character id
        shown = self._shown_name or submission_id
        needed = FieldappError("conflicts.author_needed", submission=shown)
        refused = reviewer_refused(author, needed)
        if refused is not None:
            show_error(self, refused)
            self.reviewer_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        remember_reviewer(author)
        choices = {
            key: self.heads[self.choices.get(key, 0)].revision_id
            for key in self.keys
            if key in self._differing
        }
        try:
            self.store.interviews.resolve_conflict(
                submission_id, self.chosen_answers(), author=author, choices=choices
            )
        except FieldappError as error:
            show_error(self, error)
            return False
        self.choices = {}
        return True

    def reject(self) -> None:
        """Close (Esc, the window's button), asking first about choices not saved."""
        if self.unsaved():
            resolved = self.submission_id
            answer = ask_unsaved(self, self._shown_name, self._language)
            if answer == "cancel" or (answer == "save" and not self._save()):
                return
            if answer == "save" and resolved is not None:
                self.resolved.emit(resolved)
        super().reject()
