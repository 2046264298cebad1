"""One widget per question type; each shows a node's state and reports the user's answer.

A widget never evaluates logic: it calls ``host.commit(ref, value)`` with the answer in the
answers format (see fieldapp.core.forms.model) and later receives ``refresh(state)`` with
what the engine decided (relevant, required, value, error, choices, label...).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol, TypeVar

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QMouseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms.model import Choice, Question, QuestionType, Ref, Value, pick_label
from fieldapp.core.messages import text
from fieldapp.ui.heights import WrappedLabel
from fieldapp.ui.i18n import (
    QT_TRANSLATE_NOOP,
    current_language,
    form_controls_language,
    translate,
)
from fieldapp.ui.layouts import FlowLayout, discarded, emptied, focus_new, set_shown
from fieldapp.ui.named import named, restyled

ARROWS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}
"""The keys moving between the boxes of a multiple choice, and which way."""
SIDEWAYS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}
"""The keys moving along a table-list's row of boxes; ↑/↓ scroll the page there, as in a
row of single-choice buttons."""

SOURCE_TEXT = "sourceText"
"""Property keeping a label's untranslated text, to translate it again on a language switch."""


class _Texted(Protocol):
    def setText(self, text: str, /) -> None: ...

    def setProperty(self, name: str, value: Any, /) -> bool: ...


T = TypeVar("T", bound=_Texted)


def texted(widget: T, source: str) -> T:
    """Give ``widget`` the translation of ``source`` now and after every language switch."""
    widget.setProperty(SOURCE_TEXT, source)
    widget.setText(translate("Questions", source))
    return widget


def link_button(source: str, name: str) -> QPushButton:
    """A flat, link-like button (Clear, Remove) that speaks the form's language."""
    button = texted(named(QPushButton(), name), source)
    button.setProperty("role", "link")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # Not a Tab stop: Tab goes question to question (Ctrl+Shift+Backspace clears one).
    button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    return button


def chosen_or_first(buttons: list[QAbstractButton]) -> QAbstractButton | None:
    """Return where the keyboard enters a choice: its (first) chosen button, else its first."""
    return next((b for b in buttons if b.isChecked()), buttons[0] if buttons else None)


def tab_stop_at_chosen(buttons: list[QAbstractButton]) -> None:
    """Make the chosen button (else the first) the one Tab lands on in an exclusive group.

    Qt keeps as the group's Tab stop the button that last had the focus: in an answered
    question the researcher had not touched yet (a reopened draft, a city from New
    interview) Tab landed on the first option, and the arrow keys moved on from there.
    """
    one_stop(buttons, chosen_or_first(buttons))


def one_stop(buttons: Sequence[QAbstractButton], stop: QAbstractButton | None) -> None:
    """Make ``stop`` the one button of ``buttons`` Tab lands on (a click reaches all)."""
    for button in buttons:
        button.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus
        )


class ChoiceText(WrappedLabel):
    """A choice's words beside its radio button or check box, wrapped to the width there is.

    Qt's buttons never wrap their text: one long choice ("By a general description (e.g.
    ...)") made the whole form wider than the review pane, cut every question's label at
    its right edge and added a horizontal scroll bar. Clicking the words clicks the button,
    as clicking a button's own text does.
    """

    def __init__(self, button: QAbstractButton, words: str) -> None:
        super().__init__(words)
        self.button = button
        self.setObjectName(f"{button.objectName()}_text")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        button.setAccessibleName(words)  # what a screen reader says of the button
        # The chosen option's words stand out where every option is greyed (read only);
        # style.qss: QLabel[chosen="true"]:disabled.
        button.toggled.connect(lambda on: restyled(self, "chosen", on))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and self.button.isEnabled():
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()
            return
        super().mouseReleaseEvent(event)


def choice_row(button: QAbstractButton, words: str) -> QWidget:
    """Return ``button`` (its text left empty) with its wrapping ``words`` beside it."""
    row = named(QWidget(), f"{button.objectName()}_row")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(ChoiceText(button, words), 1, Qt.AlignmentFlag.AlignTop)
    return row


class Host(Protocol):
    """What a question widget needs from the form view around it."""

    language: str
    reveal_all: bool
    readonly: bool
    sealed: bool
    """The form seals its answers: attachments stay inside the app."""

    def commit(self, ref: Ref, value: Value) -> None: ...

    def attach(self, name: str, content: bytes) -> str: ...

    def attachment(self, value: str) -> bytes | None: ...

    def attachment_size(self, value: str) -> int | None: ...


class QuestionWidget(QFrame):
    """Label, hint, an editor and the engine's message; subclasses supply the editor."""

    typed = False
    """Typed answers show their problems when the researcher leaves, not mid-word."""

    def __init__(self, question: Question, ref: Ref, host: Host) -> None:
        super().__init__()
        self.question = question
        self.ref = ref
        self.host = host
        self.touched = False
        self.state: Any = None
        self._local_error = ""
        self.focus_target: QWidget | None = None
        """The editor's widget that takes the keyboard when the question is reached."""
        self.setObjectName(f"q_{question.name}")
        self.setProperty("role", "question")
        self.label = named(WrappedLabel(), "label")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setProperty("role", "questionLabel")
        # The hint and the constraint's message repeat answers (``${org}``), another
        # laptop's in a review: as typed, never as markup, as the label is escaped.
        self.hint = named(WrappedLabel(), "hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setProperty("role", "hint")
        self.error = named(WrappedLabel(), "error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setProperty("role", "error")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        editor = self.build_editor()
        if editor is not None:
            layout.addWidget(editor)
        layout.addWidget(self.error)

    # --- for subclasses ----------------------------------------------------------------

    def build_editor(self) -> QWidget | None:
        return None

    def set_value(self, value: Value) -> None:
        """Show ``value`` without reporting it back as an answer."""

    def set_readonly(self, readonly: bool) -> None:
        for child in self.findChildren(QWidget):
            if child not in (self.label, self.hint, self.error):
                child.setEnabled(not readonly)

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        """Show these (filtered) choices."""

    def relabel(self) -> None:
        """Translate the texts that depend on the answer again (after a language switch)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for child in self.findChildren(QWidget):
                source = child.property(SOURCE_TEXT)
                if source and hasattr(child, "setText"):
                    child.setText(translate("Questions", str(source)))
            self.relabel()
        super().changeEvent(event)

    def focus_editor(self) -> None:
        """Give the keyboard to the editor: its ``focus_target``, else its first widget."""
        if self.focus_target is not None:
            self.focus_target.setFocus()
        else:
            self.focusNextChild()

    # --- shared behaviour ------------------------------------------------------------------

    def commit(self, value: Value) -> None:
        if not self.typed:
            self.touched = True
        self._local_error = ""
        self.host.commit(self.ref, value)

    def leave(self) -> None:
        """The researcher left the question: from now on its problems show."""
        self.touched = True
        self.show_problem()

    def set_local_error(self, message: str) -> None:
        self._local_error = message
        self.show_problem()

    def refresh(self, state: Any) -> None:
        self.state = state
        set_shown(self, bool(state.relevant))
        label = html.escape(state.label or self.question.name).replace("\n", "<br>")
        if state.required:
            label += ' <span style="color:#b3261e">*</span>'
        self.label.setText(label)
        self.hint.setText(state.hint or "")
        set_shown(self.hint, bool(state.hint))
        if self.question.type.is_select and getattr(state, "choices", None) is not None:
            self.set_choices(tuple(state.choices))
        self.set_value(state.value)
        self.set_readonly(bool(state.readonly))
        if self.host.readonly:
            for button in self.findChildren(QPushButton):
                if button.property("role") == "link":
                    button.hide()
        self.show_problem()

    def problem(self) -> str:
        if self._local_error:
            return self._local_error
        if self.state is None or not self.state.relevant:
            return ""
        if self.state.error:
            return str(self.state.error)
        if self.state.required and self.state.value in (None, "", []) and self.host.reveal_all:
            custom = pick_label(self.question.bind.required_message, self.host.language)
            return custom or text("ui.required", current_language())
        return ""

    def show_problem(self) -> None:
        message = self.problem() if (self.touched or self.host.reveal_all) else ""
        self.error.setText(message)
        set_shown(self.error, bool(message))
        restyled(self, "problem", bool(message))


def question_holding(widget: QWidget | None) -> QuestionWidget | None:
    """Return the question whose editor holds ``widget`` (the focus, say), if any."""
    while widget is not None and not isinstance(widget, QuestionWidget):
        widget = widget.parentWidget()
    return widget


class NoteWidget(QuestionWidget):
    """A note, or a labelled calculation: text to read, with the value when there is one."""

    def build_editor(self) -> QWidget | None:
        self.value_label = named(QLabel(), "calculated")
        self.value_label.setProperty("role", "calculated")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_label.hide()
        return self.value_label

    def set_value(self, value: Value) -> None:
        calculated = self.question.type is QuestionType.CALCULATE
        self.value_label.setText("—" if value in (None, "") else str(value))
        self.value_label.setVisible(calculated)

    def show_problem(self) -> None:
        # Nobody types a calculation: why it has no value (a text over the limit) shows at
        # once, not after a visit that never comes.
        self.touched = self.touched or self.question.type is QuestionType.CALCULATE
        super().show_problem()


class LineWidget(QuestionWidget):
    """One-line text, numbers, barcodes, traces: a line edit committing as the user types."""

    typed = True
    PATTERNS: ClassVar[dict[QuestionType, str]] = {
        QuestionType.INTEGER: r"-?\d{0,15}",
        QuestionType.DECIMAL: r"-?\d{0,15}([.,]\d{0,10})?",
    }

    def build_editor(self) -> QWidget | None:
        self.edit = named(QLineEdit(), "editor")
        self.focus_target = self.edit
        pattern = self.PATTERNS.get(self.question.type)
        if pattern:
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern)))
            self.edit.setMaximumWidth(220)
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self.leave)
        return self.edit

    def parse(self, entered: str) -> Value:
        kind = self.question.type
        if kind is QuestionType.INTEGER:
            entered = entered.strip()
            return int(entered) if entered not in ("", "-") else None
        if kind is QuestionType.DECIMAL:
            cleaned = entered.strip().replace(",", ".")
            return float(cleaned) if cleaned not in ("", "-", ".", "-.") else None
        return entered if entered.strip() else None

    def _edited(self, entered: str) -> None:
        self.commit(self.parse(entered))
        if self.question.type is QuestionType.DECIMAL and entered.strip() in ("-", ".", "-."):
            self.set_local_error(text("ui.not_decimal", current_language()))
        elif self.question.type is QuestionType.INTEGER and entered.strip() == "-":
            self.set_local_error(text("ui.not_integer", current_language()))

    def set_value(self, value: Value) -> None:
        try:
            if self.parse(self.edit.text()) == value:
                return
        except ValueError:
            pass
        shown = "" if value is None else str(value)
        if isinstance(value, float) and value.is_integer():
            shown = str(int(value)) if self.edit.hasFocus() is False else shown
        self.edit.setText(shown)

    def set_readonly(self, readonly: bool) -> None:
        self.edit.setReadOnly(readonly)


class LongTextWidget(QuestionWidget):
    """Multi-line text for long answers, with a word count."""

    typed = True

    def build_editor(self) -> QWidget | None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = named(QPlainTextEdit(), "editor")
        self.focus_target = self.edit
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(110)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.words = named(QLabel(), "wordCount")
        self.words.setProperty("role", "hint")
        self.words.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.edit)
        layout.addWidget(self.words)
        self._setting = False
        self.edit.textChanged.connect(self._changed)
        self.edit.installEventFilter(self)
        self._count()
        return box

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.edit and event.type() == event.Type.FocusOut:
            self.leave()
        return False

    def relabel(self) -> None:
        self._count()

    def _count(self) -> None:
        words = len(self.edit.toPlainText().split())
        self.words.setText(text("count.words", form_controls_language(), count=words))

    def _changed(self) -> None:
        self._count()
        if not self._setting:
            typed = self.edit.toPlainText()
            self.commit(typed if typed.strip() else None)

    def set_value(self, value: Value) -> None:
        if ((self.edit.toPlainText().strip() and self.edit.toPlainText()) or None) == value:
            return
        self._setting = True
        self.edit.setPlainText("" if value is None else str(value))
        self._setting = False
        self._count()

    def set_readonly(self, readonly: bool) -> None:
        self.edit.setReadOnly(readonly)


class ChoicesWidget(QuestionWidget):
    """Shared by the select widgets: rebuild options only when the filtered list changes."""

    def build_editor(self) -> QWidget | None:
        self.options_box = named(QWidget(), "options")
        self.choice_names: tuple[str, ...] = ()
        self.make_layout()
        self.clear_button = link_button(QT_TRANSLATE_NOOP("Questions", "Clear answer"), "clear")
        self.clear_button.clicked.connect(lambda: self.commit(None))
        self.clear_button.hide()
        self.no_choices = texted(
            named(QLabel(), "noChoices"),
            QT_TRANSLATE_NOOP("Questions", "No choices yet: they depend on earlier answers."),
        )
        self.no_choices.setProperty("role", "hint")
        self.no_choices.hide()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.options_box)
        layout.addWidget(self.no_choices)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        if self.question.choices is not None and self.question.bind.choice_filter is None:
            # A filtered list is filled by the first refresh, with what the filter passes:
            # 5,000 wards built to be thrown away before the state is chosen cost seconds.
            self.set_choices(self.question.choices.choices)
        return box

    remade = True
    """``fill`` makes the options anew (a combo box keeps its one widget)."""

    def make_layout(self) -> None:
        self.lay_out(self.options_box)

    def lay_out(self, box: QWidget) -> None:
        """Give ``box`` the layout the options go in."""
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        names = tuple(c.name for c in choices)
        labels = tuple(c.label(self.host.language) for c in choices)
        if (names, labels) == (self.choice_names, getattr(self, "_labels", ())):
            return
        self.choice_names, self._labels = names, labels
        box = self.options_box
        focused = box.window().focusWidget()
        inside = focused is not None and (focused is box or box.isAncestorOf(focused))
        if inside and self.remade:
            assert focused is not None  # inside
            self._swap_in(choices, focused.objectName())
            return
        if box.isVisible() and not inside:
            # Options added to a shown box are each laid out with every option before
            # them, wrapped words measured anew each time: a thousand places took 20 s to
            # show. Added to a hidden box, they are laid out once, as it shows again.
            box.hide()
        self.fill(choices)  # the keyboard is elsewhere, or on a combo box that stays
        set_shown(self.no_choices, not choices)
        set_shown(box, bool(choices))
        if self.state is not None:
            self.set_value(self.state.value)

    def _swap_in(self, choices: tuple[Choice, ...], held: str) -> None:
        """Make the options in a new box off screen, put it in the old one's place and
        give the keyboard to the option named ``held`` made anew (else to the editor).

        Its own answer filtered the options (Space on "None of these" takes the others
        away) and the keyboard is in them: hiding the box to fill it would send the
        keyboard to the next question, and options put one by one in the shown box were
        each laid out with every option before them. The new box is shown once, laid out
        once, and the keyboard is on its option before the old box leaves the window.
        """
        old = self.options_box
        self.options_box = named(QWidget(), old.objectName())
        self.lay_out(self.options_box)
        self.fill(choices)  # no keyboard in a box just made
        around = old.parentWidget()
        layout = around.layout() if around is not None else None
        assert layout is not None  # build_editor put the box in one
        layout.replaceWidget(old, self.options_box)
        set_shown(self.no_choices, not choices)
        self.options_box.setVisible(bool(choices))
        if self.state is not None:
            self.set_value(self.state.value)
        self.focus_option(held)
        discarded(old)

    def fill(self, choices: tuple[Choice, ...]) -> QWidget | None:
        """Make the options anew; return the old one that held the keyboard, if any."""
        ...

    def focus_option(self, name: str) -> None:
        """Give the keyboard to the option named ``name``, else to the question's editor."""
        same = self.options_box.findChild(QAbstractButton, name)
        if same is not None:
            focus_new(same)
        else:
            self.focus_editor()


class RadioWidget(ChoicesWidget):
    """select_one: radio buttons, or a row of buttons for ``likert``."""

    def make_layout(self) -> None:
        self.lay_out(self.options_box)
        self.group = QButtonGroup(self)
        self.group.idClicked.connect(self._clicked)

    def lay_out(self, box: QWidget) -> None:
        likert = "likert" in self.question.appearance
        layout = FlowLayout(box) if likert else QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4 if likert else 2)

    def fill(self, choices: tuple[Choice, ...]) -> QWidget | None:
        likert = "likert" in self.question.appearance
        layout = self.options_box.layout()
        assert layout is not None  # build_editor gave the box one
        for old in self.group.buttons():
            self.group.removeButton(old)
        held = emptied(layout)
        for number, choice in enumerate(choices):
            label = choice.label(self.host.language)
            button: QAbstractButton
            if likert:  # a row of short answers side by side: no wrapping
                button = named(QPushButton(label), f"choice_{choice.name}")
                button.setCheckable(True)
                button.setProperty("role", "likert")
                layout.addWidget(button)
            else:
                button = named(QRadioButton(), f"choice_{choice.name}")
                layout.addWidget(choice_row(button, label))
            self.group.addButton(button, number)
        return held

    def _clicked(self, number: int) -> None:
        self.commit(self.choice_names[number])

    def set_value(self, value: Value) -> None:
        self.group.setExclusive(False)
        for number, button in enumerate(self.group.buttons()):
            button.setChecked(
                number < len(self.choice_names) and self.choice_names[number] == value
            )
        self.group.setExclusive(True)
        tab_stop_at_chosen(self.group.buttons())
        set_shown(self.clear_button, value not in (None, ""))

    def focus_editor(self) -> None:
        button = chosen_or_first(self.group.buttons())
        if button is not None:
            button.setFocus()


class ComboWidget(ChoicesWidget):
    """select_one with ``minimal``: a combo box whose first line means "not answered"."""

    remade = False

    def make_layout(self) -> None:
        layout = QHBoxLayout(self.options_box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = named(QComboBox(), "editor")
        self.focus_target = self.combo
        self.combo.setMinimumWidth(260)
        self.combo.activated.connect(self._activated)
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def fill(self, choices: tuple[Choice, ...]) -> QWidget | None:
        self.combo.clear()
        self.combo.addItem(translate("Questions", "— choose —"), None)
        for choice in choices:
            self.combo.addItem(choice.label(self.host.language), choice.name)
        return None  # the same box: it keeps the keyboard

    def relabel(self) -> None:
        if self.combo.count():
            self.combo.setItemText(0, translate("Questions", "— choose —"))

    def _activated(self, index: int) -> None:
        self.commit(self.combo.itemData(index))

    def set_value(self, value: Value) -> None:
        found = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(found, 0))
        self.clear_button.hide()


class OneTabStop(QObject):
    """Check boxes that are one Tab stop, as a single choice's options are.

    Tab enters at the box last focused (else the first), the arrow keys of ``arrows``
    move between the boxes and Space ticks the one with the keyboard. Qt already keeps
    one button of a group a Tab stop once one of them had the focus; until then each box
    was a stop of its own (Shift+Tab into them went box by box), and the arrows did
    nothing. Used by a select_multiple (``CheckboxesWidget``) and a table-list's row of
    check boxes (``form_parts.GridRow``).
    """

    def __init__(self, owner: QWidget, arrows: Mapping[Qt.Key, int]) -> None:
        super().__init__(owner)
        self.owner = owner
        """The widget the boxes are shown in (a box hidden in it is passed over)."""
        self.arrows = arrows
        self.boxes: list[QCheckBox] = []
        self.stop_name = ""
        """The box Tab lands on (its object name): the last focused; "" the first."""

    def hold(self, boxes: Sequence[QCheckBox]) -> None:
        """Make ``boxes`` (new ones, say in another language) the one Tab stop."""
        self.boxes = list(boxes)
        for box in self.boxes:
            box.installEventFilter(self)
        self.stop_at(self.stop_name)

    def stop_at(self, name: str) -> QCheckBox | None:
        """Make the box named ``name`` (gone: the first) the boxes' one Tab stop."""
        stop = next((box for box in self.boxes if box.objectName() == name), None)
        stop = stop or (self.boxes[0] if self.boxes else None)
        self.stop_name = stop.objectName() if stop is not None else ""
        one_stop(self.boxes, stop)
        return stop

    def focus(self) -> None:
        """Give the keyboard to the boxes' Tab stop (the box it was last on)."""
        stop = self.stop_at(self.stop_name)
        if stop is not None:
            stop.setFocus()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched in self.boxes:
            if event.type() == QEvent.Type.FocusIn:
                self.stop_at(watched.objectName())
            elif event.type() == QEvent.Type.KeyPress and event.key() in self.arrows:
                plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if plain == Qt.KeyboardModifier.NoModifier:
                    return self._step(watched, self.arrows[event.key()])
        return super().eventFilter(watched, event)

    def _step(self, box: QCheckBox, by: int) -> bool:
        """Move the keyboard ``by`` one box on from ``box``; False past the first or last,
        where the key goes on to the page (it scrolls), as a single choice's arrows do."""
        reachable = [b for b in self.boxes if b.isEnabled() and b.isVisibleTo(self.owner)]
        at = reachable.index(box) + by if box in reachable else -1
        if not 0 <= at < len(reachable):
            return False
        target = reachable[at]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if by > 0 else Qt.FocusReason.BacktabFocusReason
        )
        area = self.owner.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:  # the page scrolls to the box, as it does for Tab
            area.ensureWidgetVisible(target)
        return True


class CheckboxesWidget(ChoicesWidget):
    """select_multiple: check boxes; the answer keeps the choices' order.

    The boxes are one Tab stop (``OneTabStop``): ↑/↓ and ←/→ move between them, Space
    ticks one and Tab goes on to the next question (the "other" text below, once it
    applies). Each box was a stop of its own: twelve Tabs across the study's sectors.
    """

    def make_layout(self) -> None:
        super().make_layout()
        self.boxes: list[QCheckBox] = []
        # Not exclusive: a group only to tell the form view that the boxes are chained
        # together though one of them at a time is a Tab stop (FormView._order_tabs).
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.stops = OneTabStop(self, ARROWS)

    def fill(self, choices: tuple[Choice, ...]) -> QWidget | None:
        layout = self.options_box.layout()
        assert layout is not None  # build_editor gave the box one
        for old in self.group.buttons():
            self.group.removeButton(old)
        held = emptied(layout)
        self.boxes = []
        for choice in choices:
            box = named(QCheckBox(), f"choice_{choice.name}")
            box.clicked.connect(lambda _checked=False: self._clicked())
            layout.addWidget(choice_row(box, choice.label(self.host.language)))
            self.group.addButton(box)
            self.boxes.append(box)
        self.stops.hold(self.boxes)
        return held

    def focus_option(self, name: str) -> None:
        self.stops.stop_at(name)  # the window may be inactive: no focus event until it is
        super().focus_option(name)

    def _clicked(self) -> None:
        chosen = [
            n for n, box in zip(self.choice_names, self.boxes, strict=True) if box.isChecked()
        ]
        self.commit(chosen or None)

    def set_value(self, value: Value) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for name, box in zip(self.choice_names, self.boxes, strict=True):
            box.setChecked(name in chosen)
        set_shown(self.clear_button, bool(chosen))

    def focus_editor(self) -> None:
        self.stops.focus()


class AcknowledgeWidget(QuestionWidget):
    """acknowledge: one check box whose answer is "OK"."""

    def build_editor(self) -> QWidget | None:
        self.box = texted(
            named(QCheckBox(), "editor"), QT_TRANSLATE_NOOP("Questions", "OK, understood")
        )
        self.focus_target = self.box
        self.box.clicked.connect(lambda checked: self.commit("OK" if checked else None))
        return self.box

    def set_value(self, value: Value) -> None:
        self.box.setChecked(value == "OK")
