"""The Conflicts view: interviews edited apart on two laptops, resolved field by field.

Left, the interviews with several heads. Right, one column per head (who, on which
device, when, in which state) and one row per question; rows whose answers differ are
highlighted; codes read as their choice labels (the codes in a tooltip) and a repeat reads
as one labelled row per entry. Clicking a cell takes that head's answer for that question,
or that head's entry of a repeat; "Keep version N whole" takes a head entirely. Saving
writes a revision whose parents are all the heads, and a ``conflict_resolved`` event with
who chose what.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.answer_rows import (
    combine_rows,
    conflict_rows,
    differing_rows,
    row_value,
    show_row,
    where_title,
)
from fieldapp.core.forms.model import Answers, Form, Question
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.progress import sealed_hidden_line
from fieldapp.core.store import RevisionRecord, Store, SubmissionId
from fieldapp.ui.errors import show_error
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import CITY_NAMES, state_title
from fieldapp.ui.layouts import emptied, widened_first
from fieldapp.ui.list_widgets import filled_item

DIFFERS = QColor("#fff1c2")
"""Background of a question whose answers differ between the heads."""
CHOSEN = QColor("#cdeccd")
"""Background of the answer chosen for the resolution."""
INTERVIEWER_SETTING = "interview/interviewer"


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

        self.conflict_list = QListWidget()
        self.conflict_list.setWordWrap(True)  # long instance names wrap rather than scroll
        self.conflict_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conflict_list.currentItemChanged.connect(self._on_current_changed)
        self.help = QLabel(text("merge.ui.conflicts_help", self._language))
        self.help.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.cellClicked.connect(self.choose_cell)
        self.keep_buttons = QHBoxLayout()
        self.save_button = QPushButton(text("merge.ui.save_resolution", self._language))
        self.save_button.clicked.connect(self.save_resolution)
        self.status = QLabel()
        self.status.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.help)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(self.keep_buttons)
        right_layout.addLayout(widened_first(self.status, self.save_button))
        splitter = QSplitter()
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.finished.connect(self.store.close)
        self.refresh()

    # --- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list of conflicting interviews."""
        self.conflict_list.clear()
        rows = {row.submission_id: row for row in self._conflict_rows()}
        conflicts = self.store.interviews.conflicts()
        hidden = 0
        if self._hide_sealed:  # the listing leaves sealed forms' interviews out of ``rows``
            shown = [submission_id for submission_id in conflicts if submission_id in rows]
            hidden, conflicts = len(conflicts) - len(shown), shown
        for submission_id in conflicts:
            row = rows.get(submission_id)
            label = text(
                "merge.ui.conflict_item",
                self._language,
                name=(row.instance_name if row else None) or submission_id[:8],
                form=row.form_title if row else "",
                city=CITY_NAMES.get(row.city, row.city) if row else "",
                heads=len(self.store.interviews.heads(submission_id)),
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, submission_id)
            self.conflict_list.addItem(item)
        if self.conflict_list.count():
            self.conflict_list.setCurrentRow(0)
        else:
            self._show(None)
            self.status.setText(text("merge.ui.no_conflicts", self._language))
        line = sealed_hidden_line(hidden, self._language)
        if line is not None:
            self.status.setText(line)

    def _conflict_rows(self) -> list[Any]:
        from fieldapp.core.store import InterviewFilter

        filters = InterviewFilter(conflicts_only=True, sealed_hidden=self._hide_sealed)
        return self.store.interviews.page(filters, limit=100_000)

    def _on_current_changed(self, current: QListWidgetItem | None, _: Any) -> None:
        self._show(None if current is None else current.data(Qt.ItemDataRole.UserRole))

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
        labels = self._labels(form)
        for row, key in enumerate(self.keys):
            title = labels.get(key)
            if title is None and form is not None and key.endswith("]"):  # a repeat's entry
                title = f"{where_title(form, key, self._form_language)} ({key})"
            label = QTableWidgetItem(title or key)
            label.setToolTip(key)
            self.table.setItem(row, 0, label)
            for index, head_answers in enumerate(answers):
                shown, codes = self._shown(head_answers, key, index)
                item = QTableWidgetItem(shown)
                item.setToolTip(codes)
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
        self._fit_columns()
        emptied(self.keep_buttons)
        for index in range(len(self.heads)):
            button = QPushButton(text("merge.ui.keep_whole", self._language, n=index + 1))
            button.clicked.connect(lambda _=False, i=index: self.keep_whole(i))
            button.setEnabled(self._readable())
            self.keep_buttons.addWidget(button)
        # Start from the newest head: the resolution differs from it only where chosen.
        if self.heads and self._readable():
            self.keep_whole(0)
        self.save_button.setEnabled(bool(self.heads) and self._readable())
        self.status.setText(
            "" if self._readable() or not self.heads else text("merge.ui.sealed", self._language)
        )

    def head_column(self, head_index: int) -> int:
        """Return the table column showing head ``head_index`` (column 0 names the question)."""
        return head_index + 1

    def _fit_columns(self) -> None:
        """Give the questions at most a third of the width, then show the first difference."""
        width = self.table.viewport().width()
        if self.table.columnCount():
            wanted = self.table.sizeHintForColumn(0) + 12
            self.table.setColumnWidth(0, max(160, min(wanted, width // 3)))
        self.table.resizeRowsToContents()
        if self._first_difference is not None:
            item = filled_item(self.table, self._first_difference, 0)
            self.table.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

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

    def _labels(self, form: Form | None) -> dict[str, str]:
        if form is None:
            return {}
        from fieldapp.core.forms.model import form_language_for

        language = form_language_for(form, self._language)
        self._form_language = language
        labels = {}
        for element in form.walk():
            label = element.label(language)
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
        shown = show_row(self._form_of_shown, value, key, self._form_language)
        return shown.text, shown.codes

    # --- choosing -------------------------------------------------------------------------

    def choose_cell(self, row: int, column: int) -> None:
        """Take the answer in table cell (``row``, ``column``) for that question."""
        head_index = column - 1
        if 0 <= row < len(self.keys) and 0 <= head_index < len(self.heads) and self._readable():
            self.choose(self.keys[row], head_index)

    def choose(self, key: str, head_index: int) -> None:
        self.choices[key] = head_index
        row = self.keys.index(key)
        if key not in self._differing:
            return  # every head says the same: nothing to show
        for index in range(len(self.heads)):
            item = filled_item(self.table, row, self.head_column(index))
            font = QFont(item.font())
            font.setBold(index == head_index)
            item.setFont(font)
            item.setBackground(QBrush(CHOSEN if index == head_index else DIFFERS))

    def keep_whole(self, head_index: int) -> None:
        """Take every answer from one head."""
        for key in self.keys:
            self.choose(key, head_index)

    def chosen_answers(self) -> Answers:
        return combine_rows(self._answers(), self.choices, base=0)

    def save_resolution(self) -> None:
        """Write the resolution as a new revision whose parents are all the heads."""
        if self.submission_id is None or not self._readable():
            return
        submission_id = self.submission_id
        author = str(QSettings().value(INTERVIEWER_SETTING, "")) or os.environ.get("USER", "")
        choices = {
            key: self.heads[index].revision_id
            for key, index in self.choices.items()
            if key in self._differing
        }
        try:
            self.store.interviews.resolve_conflict(
                submission_id, self.chosen_answers(), author=author, choices=choices
            )
        except FieldappError as error:
            show_error(self, error)
            return
        self.refresh()
        self.status.setText(text("merge.ui.resolved", self._language, submission=submission_id))
        self.resolved.emit(submission_id)
