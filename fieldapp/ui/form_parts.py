"""The pieces a form view is made of: sections, the navigator's drawing, group frames,
``table-list`` grids and repeat blocks. ``form_view.FormView`` puts them together.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms.model import (
    Choice,
    Element,
    Group,
    Question,
    QuestionType,
    Ref,
    Repeat,
)
from fieldapp.core.messages import text
from fieldapp.ui.errors import confirmed
from fieldapp.ui.heights import KeptHeights, WrappedLabel
from fieldapp.ui.i18n import current_language, set_form_controls, translate
from fieldapp.ui.layouts import discarded, focus_new, set_shown
from fieldapp.ui.named import named, restyled
from fieldapp.ui.question_widgets import (
    SIDEWAYS,
    OneTabStop,
    chosen_or_first,
    tab_stop_at_chosen,
)

if TYPE_CHECKING:
    from fieldapp.ui.form_view import FormView

MARK_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4
MARK_COLORS = {
    "error": "#b3261e",
    "missing": "#9a6700",
    "done": "#1f7a45",
    "open": "#5f6b7a",
    "skipped": "#9aa3ad",
}
NOT_COUNTED = (QuestionType.NOTE, QuestionType.CALCULATE, QuestionType.HIDDEN)


@dataclass
class Section:
    title: Callable[[str], str]
    elements: list[Element]
    group: Element | None = None
    keys: set[str] = field(default_factory=set)


def counted(element: Element) -> bool:
    """Tell whether a question counts towards a section's progress."""
    return (
        isinstance(element, Question)
        and not element.type.is_metadata
        and element.type not in NOT_COUNTED
        and element.appearance.strip() != "label"
    )


def visible(element: Element) -> bool:
    """Tell whether an element shows anything on screen."""
    if isinstance(element, Group):
        return any(visible(child) for child in element.children)
    assert isinstance(element, Question)
    if element.type is QuestionType.CALCULATE:
        return bool(element.labels)
    return not element.type.is_metadata and element.type not in (
        QuestionType.HIDDEN,
        QuestionType.AUDIT,
    )


def is_table_list(group: Group) -> bool:
    """Tell a ``table-list`` group, also as pyxform expands it (``label`` + ``list-nolabel``)."""
    if "table-list" in group.appearance:
        return True
    return any(
        isinstance(c, Question) and c.appearance.strip() == "list-nolabel" for c in group.children
    )


def is_table_title(element: Element) -> bool:
    """Tell the note pyxform writes for a table-list group's label: the grid's title, no
    widget of its own (a reviewer's comment on it would show beside nothing)."""
    return isinstance(element, Question) and element.name.startswith("generated_table_list_label")


def table_title(group: Group) -> Question | None:
    """Return the note pyxform writes for a table-list group's label, if any."""
    for child in group.children:
        if isinstance(child, Question) and is_table_title(child):
            return child
    return None


def group_title(group: Group, language: str) -> str:
    label = group.label(language)
    if not label and is_table_list(group):
        note = table_title(group)
        label = note.label(language) if note is not None else ""
    return label or group.name


def generated_title(code: str, language: str) -> str:
    """Name a section the form does not name, in the form's language ("Español (es)")."""
    if language.endswith(")") and "(" in language:
        return text(code, language.rsplit("(", 1)[1].rstrip(")").strip().lower())
    return text(code, current_language())


def loose_title(lead: Element, language: str) -> str:
    """Name questions between groups after the first one's label (shortened)."""
    label = " ".join(lead.label(language).split()) if isinstance(lead, Question) else ""
    if not label or "${" in label:  # a label that needs answers filled in is no title
        return generated_title("ui.section_more", language)
    return label if len(label) <= 40 else label[:39].rstrip() + "…"


def split_sections(root: Group) -> list[Section]:
    """Cut the form into sections: one per top-level group, one per run of loose questions."""
    sections: list[Section] = []
    loose: list[Element] = []

    def flush() -> None:
        if any(visible(e) for e in loose):
            first = not sections
            lead = next(e for e in loose if visible(e))

            def title(lang: str, first: bool = first, lead: Element = lead) -> str:
                return (
                    generated_title("ui.section_start", lang) if first else loose_title(lead, lang)
                )

            sections.append(
                Section(
                    title=title,
                    elements=list(loose),
                    keys={e.key for e in loose},
                )
            )
        loose.clear()

    for child in root.children:
        if isinstance(child, Group) and visible(child):
            flush()
            sections.append(
                Section(
                    title=partial(group_title, child),
                    elements=[child],
                    group=child,
                    keys={child.key},
                )
            )
        else:
            loose.append(child)
    flush()
    return sections


class SectionDelegate(QStyledItemDelegate):
    """Draw a navigator line: the section title, its progress bar and counts."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        height = option.fontMetrics.height()
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 200
        lines = len(detail_lines(str(index.data(DETAIL_ROLE) or ""), option.font, width - 24))
        extra = (lines - 1) * QFontMetrics(small_font(option.font)).height()
        return QSize(200, height * 2 + 26 + max(extra, 0))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, QColor("#e3ecf7"))
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor("#2f6db5"))
        mark = index.data(MARK_ROLE) or "open"
        color = QColor(MARK_COLORS.get(mark, "#5f6b7a"))
        left = rect.left() + 14
        width = rect.width() - 24
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#9aa3ad") if mark == "skipped" else QColor("#1d2733"))
        metrics = QFontMetrics(font)
        title = metrics.elidedText(
            str(index.data(TITLE_ROLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        top = rect.top() + 7
        painter.drawText(left, top + metrics.ascent(), title)
        bar_top = top + metrics.height() + 3
        painter.fillRect(QRect(left, bar_top, width, 3), QColor("#dde3ea"))
        progress = float(index.data(PROGRESS_ROLE) or 0.0)
        painter.fillRect(QRect(left, bar_top, round(width * progress), 3), color)
        small = small_font(option.font)
        painter.setFont(small)
        painter.setPen(color)
        line_top = bar_top + 6 + QFontMetrics(small).ascent()
        for line in detail_lines(str(index.data(DETAIL_ROLE) or ""), option.font, width):
            painter.drawText(left, line_top, line)
            line_top += QFontMetrics(small).height()
        painter.restore()


def small_font(font: QFont) -> QFont:
    """The navigator's counts: a point smaller than its titles."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    return small


def detail_lines(detail: str, font: QFont, width: int) -> list[str]:
    """Break a section's counts at their " · " into lines of ``width``, as many as needed.

    On one line, cut to the width, Spanish lost its end: "… faltan 5 obligatorias · 2 po…",
    the very count of answers to fix.
    """
    metrics = QFontMetrics(small_font(font))

    def fitted(line: str) -> str:  # Qt's own measure of what fits, not horizontalAdvance's
        return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)

    lines: list[str] = []
    for part in detail.split(" · "):
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and fitted(joined) == joined:
            lines[-1] = joined
        else:
            lines.append(part)
    return [fitted(line) for line in lines]


class GroupFrame(QFrame):
    """A nested group (not a section): a titled frame that hides with its relevance."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.setProperty("role", "group")
        self.setObjectName(f"g_{group.name}")
        self.title = WrappedLabel()
        self.title.setProperty("role", "groupTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 8, 8, 8)
        self.body.addWidget(self.title)

    def refresh(self, state: Any) -> None:
        set_shown(self, bool(state.relevant))
        self.title.setText(state.label)
        set_shown(self.title, bool(state.label))


def comment_label(name: str) -> QLabel:
    """A reviewer's comment, marked so the researcher sees what to fix."""
    label = named(WrappedLabel(), name)
    label.setStyleSheet(
        "QLabel { background: #fff4e0; color: #6b3d00; border-left: 3px solid #d98a00;"
        " padding: 6px 10px; }"
    )
    return label


def show_notes(label: QLabel, notes: Sequence[str]) -> None:
    """Show a reviewer's ``notes`` in ``label``, one ✎ line each; hide it without any."""
    label.setText("\n".join(f"✎ {note}" for note in notes))
    label.setVisible(bool(notes))


class _GridMarks(QObject):
    """Mark the row and the column of the grid button holding the keyboard."""

    def __init__(self, row: GridRow) -> None:
        super().__init__(row.group)
        self.row = row

    def eventFilter(self, watched: Any, event: Any) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and watched in self.row.buttons:
            held = kind == QEvent.Type.FocusIn
            restyled(self.row.label, "current", held)
            column = self.row.buttons.index(watched)
            if column < len(self.row.headers):
                restyled(self.row.headers[column], "current", held)
        return False


def row_and_column(row: str, column: str) -> str:
    """Name a grid button for a screen reader: its row's question, then its choice."""
    row = " ".join(row.split())
    return f"{row} {column}" if row[-1:] in "?!:.¿¡…" else f"{row}, {column}"


class GridRow:
    """One question of a ``table-list`` group: a label and a button per choice.

    A row is one Tab stop, as a question of its own is: of single-choice buttons, the
    chosen one (else the first), and ←/→ choose among them as a single choice's arrows
    do; of check boxes, the box last focused (``OneTabStop``), ←/→ move along the row
    and Space ticks. Tab goes on to the next row that applies.
    """

    def __init__(
        self,
        view: FormView,
        question: Question,
        ref: Ref,
        grid: QGridLayout,
        row: int,
        headers: Sequence[QLabel] = (),
    ):
        self.view, self.question, self.ref = view, question, ref
        self.headers = list(headers)
        self.touched = False
        self.label = WrappedLabel()
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # answers it repeats, as typed
        self.error.setProperty("role", "error")
        self.error.hide()
        self.multiple = question.type.is_multiple
        self.group = QButtonGroup(grid.parentWidget())
        self.group.setExclusive(not self.multiple)
        self.choices = question.choices.choices if question.choices else ()
        self.names = [c.name for c in self.choices]
        grid.addWidget(self.label, row, 0)
        self.buttons: list[Any] = []
        marks = _GridMarks(self)
        for column, name in enumerate(self.names, 1):
            button: Any = QCheckBox() if self.multiple else QRadioButton()
            button.setObjectName(f"{question.name}_{name}")
            button.installEventFilter(marks)
            self.group.addButton(button, column - 1)
            grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignCenter)
            self.buttons.append(button)
        self.stops: OneTabStop | None = None
        if self.multiple:
            owner = grid.parentWidget()
            assert owner is not None  # the grid's box, made before its rows
            self.stops = OneTabStop(owner, SIDEWAYS)
            self.stops.hold(self.buttons)
        # below the row, across the grid: its error, and a reviewer's comment on it
        self.below = QWidget()
        below = QVBoxLayout(self.below)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.error)
        self.review_comment: QLabel | None = None
        self.shown = True
        grid.addWidget(self.below, row + 1, 0, 1, len(self.names) + 1)
        self.below.hide()  # a hidden widget takes no room in the grid
        self.group.idClicked.connect(self._clicked)

    def _clicked(self, number: int) -> None:
        self.touched = True
        if self.multiple:
            chosen = [n for n, b in zip(self.names, self.buttons, strict=True) if b.isChecked()]
            self.view.commit(self.ref, chosen or None)
        else:
            self.view.commit(self.ref, self.names[number])

    def refresh(self, state: Any) -> None:
        shown = bool(state.relevant)
        for widget in (self.label, *self.buttons):
            widget.setVisible(shown)
        star = ' <span style="color:#b3261e">*</span>' if state.required else ""
        self.label.setText(html.escape(state.label) + star)
        for choice, button in zip(self.choices, self.buttons, strict=True):
            button.setAccessibleName(
                row_and_column(state.label or self.question.name, choice.label(self.view.language))
            )
        chosen = state.value if isinstance(state.value, list) else [state.value]
        self.group.setExclusive(False)
        locked = bool(state.readonly) or self.view.readonly
        for name, button in zip(self.names, self.buttons, strict=True):
            button.setChecked(name in chosen)
            # A finalized interview, or a question the form makes read-only, cannot be
            # clicked, as every other question widget is locked by its set_readonly.
            button.setEnabled(not locked)
        self.group.setExclusive(not self.multiple)
        if not self.multiple:
            tab_stop_at_chosen(self.buttons)
        message = state.error if (self.touched or self.view.reveal_all) and shown else None
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.shown = shown
        self._show_below()

    def show_comment(self, notes: Sequence[str]) -> None:
        """Show a reviewer's comments on this row below it (``FormView.show_comment``)."""
        if self.review_comment is None:
            if not notes:
                return
            self.review_comment = comment_label("reviewComment")
            below = self.below.layout()
            assert isinstance(below, QVBoxLayout)
            below.insertWidget(0, self.review_comment)
        show_notes(self.review_comment, notes)
        self._show_below()

    def _show_below(self) -> None:
        commented = self.review_comment is not None and not self.review_comment.isHidden()
        self.below.setVisible(not self.error.isHidden() or (commented and self.shown))

    def focus_editor(self) -> None:
        if self.stops is not None:
            self.stops.focus()
            return
        button = chosen_or_first(self.buttons)
        if button is not None:
            button.setFocus()


class TableList(QFrame):
    """A ``table-list`` group: its questions as rows of a grid sharing the choices."""

    def __init__(self, view: FormView, group: Group, prefix: Ref, into: list[Ref]) -> None:
        super().__init__()
        self.view, self.group = view, group
        self.setProperty("role", "group")
        self.setObjectName(f"g_{group.name}")
        self.title = WrappedLabel()  # a long title must not widen the form past its pane
        self.title.setProperty("role", "groupTitle")
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setHorizontalSpacing(18)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(grid_box)
        questions = [
            c
            for c in group.children
            if isinstance(c, Question) and c.type.is_select and c.appearance.strip() != "label"
        ]
        first = questions[0].choices if questions else None
        self.headers: list[tuple[QLabel, Choice]] = []
        """Each column's heading and its choice, named again in a new form language."""
        if first is not None:
            for column, choice in enumerate(first.choices, 1):
                header = WrappedLabel(choice.label(view.language))
                header.setProperty("role", "gridHeader")
                grid.addWidget(header, 0, column, Qt.AlignmentFlag.AlignCenter)
                self.headers.append((header, choice))
        headers = [header for header, _ in self.headers]
        for number, question in enumerate(questions):
            ref = (*prefix, question.key)
            row = GridRow(view, question, ref, grid, 1 + 2 * number, headers)
            view.register(ref, row, into)
            view.show_comment(ref, row)  # a returned interview's, when built after them
        grid.setColumnStretch(0, 3)

    def refresh(self, state: Any) -> None:
        set_shown(self, bool(state.relevant))
        if self.title.isVisible() or not self.title.text():
            self.title.setText(state.label or group_title(self.group, self.view.language))
        self.name_columns()

    def name_columns(self) -> None:
        """Head each column with its choice in the form's language (it may have switched)."""
        for header, choice in self.headers:
            header.setText(choice.label(self.view.language))


LAZY_PAST = 20
"""Entries past which a repeat makes only those that show (``_Entry``): a draft whose count
was typed as a year holds 500 entries, and its page took 4 s of CPU (tens of seconds on a
loaded laptop) to open when each was made at once."""
FIRST_MADE = 3
"""Entries of such a repeat made at once, whatever shows: the first screen of its page."""
MADE_AROUND = 2.0
"""Screens above and below the one shown whose entries are made with it: each time
entries are made the page is laid out again, at a cost that grows with the entries made
(as with any change to a page of many), so fewer, larger batches."""
UNBOUNDED = 16_777_215
"""Qt's largest widget size (QWIDGETSIZE_MAX): no maximum."""


class _Entry(QFrame):
    """One entry of a repeat: its frame, titled, made empty and filled (``make``) when it
    shows, the keyboard reaches it, or something asks for one of its questions.

    Empty, it is as tall as a made entry without answers (``RepeatBlock.size_empty_entries``),
    so the page scrolls as it will once every entry is made, and a Tab stop, so Tab and
    Shift+Tab reach it and go on into it.
    """

    def __init__(self, block: RepeatBlock, index: int) -> None:
        super().__init__(block.instances)
        self.block, self.index = block, index
        self.setObjectName(f"{block.repeat.name}_{index + 1}")
        self.setProperty("role", "instance")
        self.made = False
        self.rows = KeptHeights(self)
        self.title = QLabel(self)
        """Its title while empty; the made entry's own is in its header, with the buttons."""
        self.title.setProperty("role", "instanceTitle")
        self.rows.addWidget(self.title)
        if not block.view.readonly:  # a read-only page's answers take no keyboard at all
            self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def make(self) -> bool:
        """Make the entry's header and questions (False: made already)."""
        if self.made:
            return False
        self.made = True
        block = self.block
        set_form_controls(block.view.language)  # another window may have set its own
        # Its widgets are made in a body not shown yet, shown once, laid out once: put in
        # the shown frame one by one, each was shown on its own at the next turn.
        body = QWidget(self)
        body.hide()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel()
        title.setProperty("role", "instanceTitle")
        header.addWidget(title, 1)
        index = self.index
        if not block.fixed and not block.view.readonly:
            for name, text, slot, enabled in (
                (
                    "up",
                    translate("FormView", "Move up"),
                    lambda: block.move_entry(index, index - 1),
                    index > 0,
                ),
                (
                    "down",
                    translate("FormView", "Move down"),
                    lambda: block.move_entry(index, index + 1),
                    index < block.count - 1,
                ),
                ("remove", translate("FormView", "Remove"), lambda: block.remove(index), True),
            ):
                button = named(QPushButton(text), name)
                button.setProperty("role", "link")
                button.setFlat(True)
                button.setEnabled(enabled)
                button.clicked.connect(slot)
                header.addWidget(button)
        rows.addLayout(header)
        block.view.build(block.repeat.children, (*block.ref, index), rows, block.registered)
        self.title.hide()
        self.title.deleteLater()
        self.title = title
        block.retitle(self)
        self.setMinimumHeight(0)
        self.setMaximumHeight(UNBOUNDED)
        self.rows.addWidget(body)
        body.show()
        return True

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self.made:  # it shows: make it, and the entries about it, next turn
            self.block.make_in_view_soon()

    def focusInEvent(self, event: Any) -> None:
        """Tab (or Shift+Tab) reached the entry while empty: make it and go into it, on its
        first question (or last)."""
        super().focusInEvent(event)
        if self.made:
            return
        back = event.reason() == Qt.FocusReason.BacktabFocusReason
        self.block.make_entry(self.index)
        stops = self.block.view.entry_stops(self)
        if not stops:
            return
        stop = stops[-1] if back else stops[0]
        stop.setFocus(event.reason())
        area = self.block.scroll_area()
        if area is not None:  # Shift+Tab from Next section, outside the page, does not
            area.ensureWidgetVisible(stop)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.made and self is self.block.model_entry:
            self.block.size_empty_entries(self.height())


class RepeatBlock(QFrame):
    """A repeat: one framed block per instance with Up/Down/Remove, and an Add button.

    Past ``LAZY_PAST`` entries only those that show are made (``_Entry``), and those that
    hold answers; the others as they come into view, as the keyboard reaches them, or as
    one of their questions is asked for (``make_entry``: the problem list, a place kept).
    """

    def __init__(
        self, view: FormView, repeat: Repeat, ref: Ref, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)  # made in its place: moved in after, polished again
        self.view, self.repeat, self.ref = view, repeat, ref
        self.setObjectName(f"r_{repeat.name}")
        self.setProperty("role", "repeat")
        self.fixed = repeat.bind.repeat_count is not None
        self.registered: list[Ref] = []
        self.title = WrappedLabel()
        self.title.setProperty("role", "groupTitle")
        self.instances = QWidget()
        """The entries' box, made anew with them (see ``rebuild``)."""
        self.add_button = named(QPushButton(), "addRepeat")
        self.add_button.clicked.connect(self.add)
        self.add_button.setVisible(not self.fixed and not view.readonly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.instances)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.count = -1
        self.entries: list[_Entry] = []
        self.model_entry: _Entry | None = None
        """A made entry without answers, whose height the empty entries take."""
        self._making = False
        self.rebuild()

    @property
    def instance_titles(self) -> list[QLabel]:
        """Each entry's title, made or not."""
        return [entry.title for entry in self.entries]

    def label(self) -> str:
        return self.repeat.label(self.view.language) or self.repeat.name

    def rebuild(self, landing: int | None = None) -> None:
        """Make the entries anew (the session's count of them).

        When the keyboard was in them it stays: on the same button of entry ``landing``
        (the entry moved, the one that took a removed one's place; by default the entry
        it was in), and on *Add* once no entry is left.
        """
        for ref in self.registered:
            self.view.nodes.pop(ref, None)
        self.registered.clear()
        old = self.instances
        focused = self.window().focusWidget()
        held = focused if focused is not None and old.isAncestorOf(focused) else None
        if held is not None:
            # The keyboard waits on the block (as ``emptied`` has it wait): left to Qt, it
            # would go to the next question as the entries leave.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        was_in = next((n for n, e in enumerate(self.entries) if held and e.isAncestorOf(held)), 0)
        shown = self._in_view(self.entries)  # made again, not left empty a moment
        self.count = self.view.session.repeat_count(self.ref)
        # The entries go into a new box, hidden, which takes the old one's place in one
        # go. Put one by one into the shown block, each was shown by Qt on its own at the
        # next turn of the event loop, laying out every layout up to the window again:
        # one more of 100 entries took 2.7 s. The box and each entry are made in the
        # block: moved in later, all they hold was polished again (the style sheet).
        self.instances = QWidget(self)
        self.instances.hide()
        entries = QVBoxLayout(self.instances)
        entries.setContentsMargins(0, 0, 0, 0)
        self.entries = [_Entry(self, index) for index in range(self.count)]
        self.model_entry = None
        made = set(range(self.count))
        if self.count > LAZY_PAST:
            answered = self.view.session.holds_answers(self.ref)
            made = {n for n in range(self.count) if n < FIRST_MADE or answered[n]}
            made |= {n for n in shown if n < self.count}
            if held is not None:
                made.add(min(was_in if landing is None else landing, self.count - 1))
            for index in sorted(made):
                if not answered[index] and self.model_entry is None:
                    self.model_entry = self.entries[index]
        for index, entry in enumerate(self.entries):
            if index in made:
                entry.make()
                entry.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the page's Tab order follows
            entries.addWidget(entry)
        if self.model_entry is None and self.entries:
            self.model_entry = next(e for e in self.entries if e.made)
        if self.model_entry is not None and len(made) < self.count:
            self.size_empty_entries(self.model_entry.sizeHint().height())
        layout = self.layout()
        assert layout is not None  # made in __init__
        layout.replaceWidget(old, self.instances)
        # Shown now, the entries laid out once (no gap where there is none).
        self.instances.setVisible(bool(self.entries))
        discarded(old)  # the old entries leave the window at once, as one widget
        # Last among the block's children as on screen: the section's Tab order follows
        # the children, and Add (made before any entry) came before the entries above it.
        self.add_button.raise_()
        self.retranslate()
        if held is not None:
            self._keep_keyboard(held.objectName(), was_in if landing is None else landing)

    def size_empty_entries(self, height: int) -> None:
        """Make each empty entry as tall as a made one without answers."""
        for entry in self.entries:
            if not entry.made and entry.height() != height:
                entry.setFixedHeight(height)

    def make_entry(self, index: int) -> None:
        """Make entry ``index`` if it is still empty (its questions asked for, the
        keyboard in it), its widgets in the page's Tab order where the entry is."""
        if not 0 <= index < len(self.entries):
            return
        entry = self.entries[index]
        if entry.make():
            self.view.entry_made(entry)  # chained after the entry, which is a stop no more
            entry.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def make_in_view_soon(self) -> None:
        if not self._making:
            self._making = True
            QTimer.singleShot(0, self, self._make_in_view)

    def _make_in_view(self) -> None:
        """Make the empty entries that show, and those a screen above and below.

        The page is laid out once for them all: each entry's widgets shown in the shown
        page laid out every layout up to the page again, all the entries made before it
        too, and scrolling half way down a page of 500 took seconds."""
        self._making = False
        wanted = [n for n in self._in_view(self.entries, MADE_AROUND) if not self.entries[n].made]
        if not wanted:
            return
        paused: list[QLayout] = []
        widget: QWidget | None = self.instances
        while widget is not None and not isinstance(widget.parentWidget(), QScrollArea):
            layout = widget.layout()
            if layout is not None and layout.isEnabled():
                layout.setEnabled(False)
                paused.append(layout)
            widget = widget.parentWidget()
            if widget is not None and widget.objectName() == "qt_scrollarea_viewport":
                break
        try:
            for index in wanted:
                self.make_entry(index)
        finally:
            for layout in paused:
                layout.setEnabled(True)
                layout.invalidate()
            if paused:
                paused[-1].activate()  # the page's, with all it holds

    def _in_view(self, entries: Sequence[QWidget], margin: float = 0.0) -> list[int]:
        """Return which of ``entries`` show in their page's scroll area (give or take
        ``margin`` screens above and below); none while the page is not on screen."""
        area = self.scroll_area()
        if area is None or not area.isVisible() or not entries:
            return []
        viewport = area.viewport()
        height = viewport.height()
        box = entries[0].parentWidget()
        assert box is not None
        top = box.mapTo(viewport, QPoint(0, 0)).y()
        low, high = -top - height * margin, -top + height * (1 + margin)
        return [
            n
            for n, entry in enumerate(entries)
            if entry.y() < high and entry.y() + entry.height() > low
        ]

    def scroll_area(self) -> QScrollArea | None:
        """Return the scroll area of the block's page."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        return area

    def _keep_keyboard(self, button: str, entry: int) -> None:
        """Give the keyboard to ``button`` (up, down, remove) of entry ``entry`` (or of the
        last one), else to its other arrow (Move down on the last entry is off); to *Add*
        when no entry is left."""
        if not self.entries:
            if not self.add_button.isHidden():
                self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        frame = self.entries[min(entry, len(self.entries) - 1)]
        self.make_entry(frame.index)
        for name in (button, *(arrow for arrow in ("up", "down") if arrow != button)):
            found = frame.findChild(QPushButton, name)
            if found is not None and found.isEnabled():
                focus_new(found)
                return

    def retitle(self, entry: _Entry) -> None:
        entry.title.setText(f"{self.label()} {entry.index + 1}")

    def retranslate(self) -> None:
        self.title.setText(self.label())
        for entry in self.entries:
            self.retitle(entry)
        self.add_button.setText(translate("FormView", "Add %1").replace("%1", self.label()))

    def refresh(self, state: Any) -> None:
        set_shown(self, bool(state.relevant))
        if self.view.session.repeat_count(self.ref) != self.count:
            self.rebuild()

    def add(self) -> None:
        new_ref, changes = self.view.session.add_repeat(self.ref)
        self.view.structure_changed(changes, self)
        self.view.reveal(new_ref)

    def remove(self, index: int) -> None:
        """Remove entry ``index``, asking first when it holds answers (default: keep it)."""
        session = self.view.session
        question = session.removal_question(self.ref, index, current_language())
        title = text("engine.remove_title", current_language())
        if question is not None and not confirmed(self, title, question):
            return
        self.view.structure_changed(session.remove_repeat(self.ref, index), self, index)

    def move_entry(self, source: int, target: int) -> None:
        moved = self.view.session.move_repeat(self.ref, source, target)
        self.view.structure_changed(moved, self, target)
