"""The form view: a section navigator with progress beside the current section's questions.

Top-level groups and repeats become sections; questions outside any group are gathered
into sections of their own. A section's widgets are built the first time it is shown, so
a long form opens as fast as its first page. Every answer goes to the engine
(``Session.set_answer``); only the widgets of the refs it reports as changed refresh.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import Element, Group, Question, QuestionType, Ref, Repeat, Value
from fieldapp.core.messages import FieldappError
from fieldapp.ui.i18n import current_language, translate
from fieldapp.ui.pickers import make_question_widget
from fieldapp.ui.question_widgets import QuestionWidget

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


def table_title(group: Group) -> Question | None:
    """Return the note pyxform writes for a table-list group's label, if any."""
    for child in group.children:
        if isinstance(child, Question) and child.name.startswith("generated_table_list_label"):
            return child
    return None


def group_title(group: Group, language: str) -> str:
    label = group.label(language)
    if not label and is_table_list(group):
        note = table_title(group)
        label = note.label(language) if note is not None else ""
    return label or group.name


def split_sections(root: Group) -> list[Section]:
    """Cut the form into sections: one per top-level group, one per run of loose questions."""
    sections: list[Section] = []
    loose: list[Element] = []

    def flush() -> None:
        if any(visible(e) for e in loose):
            first = not sections
            sections.append(
                Section(
                    title=lambda _lang, first=first: (
                        translate("FormView", "Start")
                        if first
                        else translate("FormView", "More questions")
                    ),
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
                    title=lambda lang, g=child: group_title(g, lang),
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
        return QSize(200, height * 2 + 26)

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
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        painter.setFont(small)
        painter.setPen(color)
        detail = QFontMetrics(small).elidedText(
            str(index.data(DETAIL_ROLE) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(left, bar_top + 6 + QFontMetrics(small).ascent(), detail)
        painter.restore()


class GroupFrame(QFrame):
    """A nested group (not a section): a titled frame that hides with its relevance."""

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group
        self.setProperty("role", "group")
        self.setObjectName(f"g_{group.name}")
        self.title = QLabel()
        self.title.setProperty("role", "groupTitle")
        self.title.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 8, 8, 8)
        self.body.addWidget(self.title)

    def refresh(self, state: Any) -> None:
        self.setVisible(bool(state.relevant))
        self.title.setText(state.label)
        self.title.setVisible(bool(state.label))


class GridRow:
    """One question of a ``table-list`` group: a label and a button per choice."""

    def __init__(self, view: FormView, question: Question, ref: Ref, grid: QGridLayout, row: int):
        self.view, self.question, self.ref = view, question, ref
        self.touched = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.hide()
        self.multiple = question.type.is_multiple
        self.group = QButtonGroup(grid.parentWidget())
        self.group.setExclusive(not self.multiple)
        self.names = [c.name for c in question.choices.choices] if question.choices else []
        grid.addWidget(self.label, row, 0)
        self.buttons: list[Any] = []
        for column, name in enumerate(self.names, 1):
            button: Any = QCheckBox() if self.multiple else QRadioButton()
            button.setObjectName(f"{question.name}_{name}")
            self.group.addButton(button, column - 1)
            grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignCenter)
            self.buttons.append(button)
        grid.addWidget(self.error, row + 1, 0, 1, len(self.names) + 1)
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
        chosen = state.value if isinstance(state.value, list) else [state.value]
        self.group.setExclusive(False)
        for name, button in zip(self.names, self.buttons, strict=True):
            button.setChecked(name in chosen)
        self.group.setExclusive(not self.multiple)
        message = state.error if (self.touched or self.view.reveal_all) and shown else None
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def focus_editor(self) -> None:
        if self.buttons:
            self.buttons[0].setFocus()


class TableList(QFrame):
    """A ``table-list`` group: its questions as rows of a grid sharing the choices."""

    def __init__(self, view: FormView, group: Group, prefix: Ref, into: list[Ref]) -> None:
        super().__init__()
        self.view, self.group = view, group
        self.setProperty("role", "group")
        self.setObjectName(f"g_{group.name}")
        self.title = QLabel()
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
        if first is not None:
            for column, choice in enumerate(first.choices, 1):
                header = QLabel(choice.label(view.language))
                header.setProperty("role", "gridHeader")
                header.setWordWrap(True)
                grid.addWidget(header, 0, column, Qt.AlignmentFlag.AlignCenter)
        for number, question in enumerate(questions):
            ref = (*prefix, question.key)
            row = GridRow(view, question, ref, grid, 1 + 2 * number)
            view.register(ref, row, into)
        grid.setColumnStretch(0, 3)

    def refresh(self, state: Any) -> None:
        self.setVisible(bool(state.relevant))
        if self.title.isVisible() or not self.title.text():
            self.title.setText(state.label or group_title(self.group, self.view.language))


class RepeatBlock(QFrame):
    """A repeat: one framed block per instance with Up/Down/Remove, and an Add button."""

    def __init__(self, view: FormView, repeat: Repeat, ref: Ref) -> None:
        super().__init__()
        self.view, self.repeat, self.ref = view, repeat, ref
        self.setObjectName(f"r_{repeat.name}")
        self.setProperty("role", "repeat")
        self.fixed = repeat.bind.repeat_count is not None
        self.registered: list[Ref] = []
        self.title = QLabel()
        self.title.setProperty("role", "groupTitle")
        self.instances = QVBoxLayout()
        self.add_button = QPushButton(objectName="addRepeat")
        self.add_button.clicked.connect(self.add)
        self.add_button.setVisible(not self.fixed and not view.readonly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.instances)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.count = -1
        self.rebuild()

    def label(self) -> str:
        return self.repeat.label(self.view.language) or self.repeat.name

    def rebuild(self) -> None:
        for ref in self.registered:
            self.view.nodes.pop(ref, None)
        self.registered.clear()
        while self.instances.count():
            item = self.instances.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.count = self.view.session.repeat_count(self.ref)
        for index in range(self.count):
            self.instances.addWidget(self._instance(index))
        self.retranslate()

    def _instance(self, index: int) -> QWidget:
        frame = QFrame(objectName=f"{self.repeat.name}_{index + 1}")
        frame.setProperty("role", "instance")
        layout = QVBoxLayout(frame)
        header = QHBoxLayout()
        title = QLabel(f"{self.label()} {index + 1}")
        title.setProperty("role", "instanceTitle")
        header.addWidget(title, 1)
        if not self.fixed and not self.view.readonly:
            for name, text, slot, enabled in (
                (
                    "up",
                    translate("FormView", "Move up"),
                    lambda: self.move(index, index - 1),
                    index > 0,
                ),
                (
                    "down",
                    translate("FormView", "Move down"),
                    lambda: self.move(index, index + 1),
                    index < self.count - 1,
                ),
                ("remove", translate("FormView", "Remove"), lambda: self.remove(index), True),
            ):
                button = QPushButton(text, objectName=name)
                button.setProperty("role", "link")
                button.setFlat(True)
                button.setEnabled(enabled)
                button.clicked.connect(slot)
                header.addWidget(button)
        layout.addLayout(header)
        self.view.build(self.repeat.children, (*self.ref, index), layout, self.registered)
        return frame

    def retranslate(self) -> None:
        self.title.setText(self.label())
        self.add_button.setText(translate("FormView", "Add %1").replace("%1", self.label()))

    def refresh(self, state: Any) -> None:
        self.setVisible(bool(state.relevant))
        if self.view.session.repeat_count(self.ref) != self.count:
            self.rebuild()

    def add(self) -> None:
        new_ref, changes = self.view.session.add_repeat(self.ref)
        self.view.structure_changed(changes, self)
        self.view.reveal(new_ref)

    def remove(self, index: int) -> None:
        self.view.structure_changed(self.view.session.remove_repeat(self.ref, index), self)

    def move(self, source: int, target: int) -> None:
        self.view.structure_changed(self.view.session.move_repeat(self.ref, source, target), self)


class FormView(QWidget):
    """Navigator + pages for one session; reports answers through ``on_change``."""

    changed = Signal()
    """An answer (or a repeat) changed: the session's answers need saving."""

    def __init__(
        self,
        session: Session,
        *,
        readonly: bool = False,
        attach: Callable[[str, bytes], str] | None = None,
        attachment: Callable[[str], bytes | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formView")
        self.session = session
        self.readonly = readonly
        self.language = session.language
        self.reveal_all = False
        self._attach = attach
        self._attachment = attachment
        self.nodes: dict[Ref, Any] = {}
        self.sections = split_sections(session.form.root)
        self._section_of: dict[str, int] = {}
        for number, section in enumerate(self.sections):
            for key in section.keys:
                self._section_of[key] = number
        self.progress: dict[Ref, tuple[bool, bool, bool, bool]] = {}
        """ref -> (relevant, answered, required missing, error) of each counted question."""

        self.navigator = QListWidget(objectName="sectionList")
        self.navigator.setProperty("role", "navigator")
        self.navigator.setMinimumWidth(220)
        self.navigator.setItemDelegate(SectionDelegate(self.navigator))
        self.navigator.setFrameShape(QFrame.Shape.NoFrame)
        self.pages = QStackedWidget(objectName="pages")
        self._page_bodies: list[QVBoxLayout | None] = []
        for _ in self.sections:
            self.navigator.addItem(QListWidgetItem())
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            self.pages.addWidget(holder)
            self._page_bodies.append(None)
        self.previous_button = QPushButton(objectName="previousSection")
        self.next_button = QPushButton(objectName="nextSection")
        self.previous_button.clicked.connect(lambda: self.go(self.current() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.current() + 1))
        self.navigator.currentRowChanged.connect(self._show)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 6, 12, 8)
        buttons.addWidget(self.previous_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 760])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        for keys, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda s=step: self.go(self.current() + s))

        self._recount_all()
        self.retranslate()
        if self.sections:
            self.navigator.setCurrentRow(0)

    # --- host of the question widgets ------------------------------------------------------

    def commit(self, ref: Ref, value: Value) -> None:
        if self.readonly:
            return
        widget = self.nodes.get(ref)
        try:
            changes = self.session.set_answer(ref, value)
        except FieldappError as error:
            if isinstance(widget, QuestionWidget):
                widget.set_local_error(error.text(current_language()))
            return
        self.apply(changes)
        self.changed.emit()

    def attach(self, name: str, content: bytes) -> str:
        if self._attach is None:
            return name
        return self._attach(name, content)

    def attachment(self, value: str) -> bytes | None:
        return self._attachment(value) if self._attachment is not None else None

    # --- building -------------------------------------------------------------------------

    def register(self, ref: Ref, node: Any, into: list[Ref] | None = None) -> None:
        self.nodes[ref] = node
        if into is not None:
            into.append(ref)
        with contextlib.suppress(FieldappError):
            node.refresh(self.session.state(ref))

    def build(
        self, elements: Iterable[Element], prefix: Ref, layout: QVBoxLayout, into: list[Ref]
    ) -> None:
        """Add widgets for ``elements`` (refs below ``prefix``) to ``layout``."""
        for element in elements:
            ref = (*prefix, element.key)
            if isinstance(element, Repeat):
                block = RepeatBlock(self, element, ref)
                layout.addWidget(block)
                self.register(ref, block, into)
            elif isinstance(element, Group):
                if not visible(element):
                    continue
                if is_table_list(element):
                    table = TableList(self, element, prefix, into)
                    layout.addWidget(table)
                    self.register(ref, table, into)
                    continue
                frame = GroupFrame(element)
                self.build(element.children, prefix, frame.body, into)
                layout.addWidget(frame)
                self.register(ref, frame, into)
            elif isinstance(element, Question):
                widget = make_question_widget(element, ref, self)
                if widget is None:
                    continue
                if self.readonly:
                    widget.setEnabled(False)
                layout.addWidget(widget)
                self.register(ref, widget, into)
                self._show_comment(ref, widget)

    def _page(self, number: int) -> QVBoxLayout:
        body = self._page_bodies[number]
        if body is not None:
            return body
        section = self.sections[number]
        page = QWidget(objectName=f"section_{number}")
        page.setProperty("role", "page")
        body = QVBoxLayout(page)
        body.setContentsMargins(20, 14, 20, 20)
        body.setSpacing(10)
        heading = QLabel(objectName="sectionTitle")
        heading.setProperty("role", "sectionTitle")
        heading.setWordWrap(True)
        body.addWidget(heading)
        self._page_bodies[number] = body
        into: list[Ref] = []
        group = section.group
        if isinstance(group, Group) and not isinstance(group, Repeat):
            self.register((group.key,), _PageHeading(heading, self, section), into)
            if is_table_list(group):
                self.build([group], (), body, into)
                table = self.nodes.get((group.key,))
                if isinstance(table, TableList):
                    table.title.hide()
                    self.nodes[(group.key,)] = _PageHeading(heading, self, section)
            else:
                self.build(group.children, (), body, into)
        else:
            heading.setText(section.title(self.language))
            self.build(section.elements, (), body, into)
        body.addStretch(1)
        holder = self.pages.widget(number)
        assert isinstance(holder, QScrollArea)
        holder.setWidget(page)
        return body

    # --- a reviewer's comments ----------------------------------------------------------------

    def show_comments(
        self, by_question: Mapping[str, Sequence[str]], general: Sequence[str] = ()
    ) -> None:
        """Show a reviewer's comments: on the whole interview on top, else beside questions.

        ``by_question`` maps question keys (``org/sectors``) to comments; inside a repeat a
        comment shows beside the question in every instance.
        """
        self.comments = {key: tuple(notes) for key, notes in by_question.items() if notes}
        banner = self.findChild(QLabel, "reviewCommentBanner")
        if banner is None:
            banner = _comment_label("reviewCommentBanner")
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, banner)
        banner.setText("\n".join(general))
        banner.setVisible(bool(general))
        for ref, node in list(self.nodes.items()):
            if isinstance(node, QuestionWidget):
                self._show_comment(ref, node)

    def _show_comment(self, ref: Ref, widget: QWidget) -> None:
        notes = getattr(self, "comments", {}).get(str(ref[-1]), ())
        label = getattr(widget, "review_comment", None)
        if label is None and notes:
            parent = widget.parentWidget()
            layout = parent.layout() if parent is not None else None
            if not isinstance(layout, QVBoxLayout) or layout.indexOf(widget) < 0:
                return
            label = _comment_label("reviewComment")
            layout.insertWidget(layout.indexOf(widget) + 1, label)
            widget.review_comment = label  # type: ignore[attr-defined]
        if label is not None:
            label.setText("\n".join(f"✎ {note}" for note in notes))
            label.setVisible(bool(notes))

    # --- navigation -----------------------------------------------------------------------

    def current(self) -> int:
        return self.navigator.currentRow()

    def go(self, number: int) -> None:
        if 0 <= number < len(self.sections):
            self.navigator.setCurrentRow(number)

    def _show(self, number: int) -> None:
        if number < 0:
            return
        self._page(number)
        self.pages.setCurrentIndex(number)
        self.previous_button.setEnabled(number > 0)
        self.next_button.setEnabled(number < len(self.sections) - 1)

    def section_of(self, ref: Ref) -> int:
        return self._section_of.get(str(ref[0]).split("/")[0], -1) if ref else -1

    def reveal(self, ref: Ref, show_problem: bool = False) -> None:
        """Show the section holding ``ref``, scroll to its question and focus it."""
        number = self.section_of(ref)
        if number < 0:
            return
        self.go(number)
        self._page(number)
        node = self.nodes.get(ref)
        if node is None:
            return
        holder = self.pages.widget(number)
        target = node if isinstance(node, QWidget) else getattr(node, "label", None)
        if isinstance(holder, QScrollArea) and isinstance(target, QWidget):
            holder.ensureWidgetVisible(target, 40, 80)
        if show_problem and hasattr(node, "touched"):
            node.touched = True
            if hasattr(node, "show_problem"):
                node.show_problem()
        if hasattr(node, "focus_editor"):
            node.focus_editor()

    # --- keeping up with the engine ------------------------------------------------------------

    def apply(self, changes: Iterable[Ref]) -> None:
        """Refresh the widgets and the progress of the refs the engine reports as changed."""
        touched_sections: set[int] = set()
        for ref in changes:
            node = self.nodes.get(ref)
            try:
                state = (
                    self.session.state(ref) if node is not None or ref in self.progress else None
                )
            except FieldappError:
                continue
            if state is None:
                continue
            if node is not None:
                node.refresh(state)
            if ref in self.progress:
                self.progress[ref] = _classify(state)
                touched_sections.add(self.section_of(ref))
        for number in touched_sections:
            self._update_item(number)
        # repeat_count may have grown or shrunk a repeat whose blocks are on screen
        resized = False
        for node in list(self.nodes.values()):
            alive = isinstance(node, RepeatBlock) and self.nodes.get(node.ref) is node
            if alive and self.session.repeat_count(node.ref) != node.count:
                node.rebuild()
                resized = True
        if resized:
            self._recount_all()

    def structure_changed(self, changes: Iterable[Ref], block: RepeatBlock | None = None) -> None:
        """A repeat grew, shrank or moved: rebuild its blocks, recount everything."""
        if block is not None:
            block.rebuild()
        for node in list(self.nodes.values()):
            alive = isinstance(node, RepeatBlock) and self.nodes.get(node.ref) is node
            if alive and self.session.repeat_count(node.ref) != node.count:
                node.rebuild()
        self.apply(changes)
        self._recount_all()
        self.changed.emit()

    def refresh_all(self) -> None:
        for ref, node in list(self.nodes.items()):
            try:
                node.refresh(self.session.state(ref))
            except FieldappError:
                continue
        self._recount_all()

    def _recount_all(self) -> None:
        self.progress.clear()
        for ref, element in self.session.walk():
            if counted(element):
                self.progress[ref] = _classify(self.session.state(ref))
        for number in range(len(self.sections)):
            self._update_item(number)

    def section_counts(self, number: int) -> tuple[int, int, int, int]:
        """Return (questions shown, answered, required missing, errors) of a section."""
        shown = answered = missing = errors = 0
        for ref, (relevant, has_answer, is_missing, has_error) in self.progress.items():
            if relevant and self.section_of(ref) == number:
                shown += 1
                answered += has_answer
                missing += is_missing
                errors += has_error
        return shown, answered, missing, errors

    def _update_item(self, number: int) -> None:
        if not 0 <= number < len(self.sections):
            return
        item = self.navigator.item(number)
        section = self.sections[number]
        shown, answered, missing, errors = self.section_counts(number)
        title = section.title(self.language)
        applies = True
        if section.group is not None:
            try:
                applies = self.session.state((section.group.key,)).relevant
                title = self.session.state((section.group.key,)).label or title
            except FieldappError:
                pass
        if not applies:
            detail = translate("FormView", "does not apply")
        else:
            parts = [
                translate("FormView", "%1 of %2 answered")
                .replace("%1", str(answered))
                .replace("%2", str(shown))
            ]
            if missing:
                parts.append(
                    translate("FormView", "1 required missing")
                    if missing == 1
                    else translate("FormView", "%1 required missing").replace("%1", str(missing))
                )
            if errors:
                parts.append(
                    translate("FormView", "1 to fix")
                    if errors == 1
                    else translate("FormView", "%1 to fix").replace("%1", str(errors))
                )
            detail = " · ".join(parts)
        item.setText(f"{title}\n{detail}")
        done = applies and shown and answered == shown and not errors
        mark = "error" if errors else "missing" if missing else "done" if done else "open"
        item.setData(MARK_ROLE, mark if applies else "skipped")
        item.setData(PROGRESS_ROLE, answered / shown if shown else 0.0)
        item.setData(TITLE_ROLE, title)
        item.setData(DETAIL_ROLE, detail)

    # --- language --------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch the form's language: labels, hints, choices and messages, nothing lost."""
        self.session.set_language(language)
        self.language = language
        for node in self.nodes.values():
            if isinstance(node, RepeatBlock):
                node.retranslate()
        self.refresh_all()
        for number, body in enumerate(self._page_bodies):
            if body is not None and self.sections[number].group is None:
                heading = body.itemAt(0).widget()
                if isinstance(heading, QLabel):
                    heading.setText(self.sections[number].title(language))

    def retranslate(self) -> None:
        self.previous_button.setText("← " + translate("FormView", "Previous section"))
        self.next_button.setText(translate("FormView", "Next section") + " →")
        self.previous_button.setToolTip("Alt+←")
        self.next_button.setToolTip("Alt+→")
        for node in self.nodes.values():
            if isinstance(node, RepeatBlock):
                node.retranslate()
        for number in range(len(self.sections)):
            self._update_item(number)


def _comment_label(name: str) -> QLabel:
    """A reviewer's comment, marked so the researcher sees what to fix."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setStyleSheet(
        "QLabel { background: #fff4e0; color: #6b3d00; border-left: 3px solid #d98a00;"
        " padding: 6px 10px; }"
    )
    return label


class _PageHeading:
    """A section's group: its label is the page heading; when not relevant, say so."""

    def __init__(self, label: QLabel, view: FormView, section: Section) -> None:
        self.label = label
        self.view = view
        self.section = section

    def refresh(self, state: Any) -> None:
        text = html.escape(state.label or self.section.title(self.view.language))
        if not state.relevant:
            text += (
                "<br><small>"
                + html.escape(
                    translate("FormView", "This section does not apply to this interview.")
                )
                + "</small>"
            )
        self.label.setText(text)


def _classify(state: Any) -> tuple[bool, bool, bool, bool]:
    empty = state.value is None or state.value == "" or state.value == []
    return (
        bool(state.relevant),
        not empty,
        bool(state.required and empty),
        bool(state.error),
    )
