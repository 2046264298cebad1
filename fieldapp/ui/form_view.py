"""The form view: a section navigator with progress beside the current section's questions.

Top-level groups and repeats become sections; questions outside any group are gathered
into sections of their own. A section's widgets are built the first time it is shown, so
a long form opens as fast as its first page. Every answer goes to the engine
(``Session.set_answer``); only the widgets of the refs it reports as changed refresh.
"""

from __future__ import annotations

import contextlib
import html
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import Answers, Element, Group, Question, Ref, Repeat, Value
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.place import Place, follow, form_order, nearest_earlier
from fieldapp.ui.errors import confirmed
from fieldapp.ui.form_parts import (
    DETAIL_ROLE,
    MARK_ROLE,
    PROGRESS_ROLE,
    TITLE_ROLE,
    GridRow,
    GroupFrame,
    RepeatBlock,
    Section,
    SectionDelegate,
    TableList,
    comment_label,
    counted,
    is_table_list,
    show_notes,
    split_sections,
    visible,
)
from fieldapp.ui.heights import WrappedLabel
from fieldapp.ui.i18n import (
    current_language,
    form_controls_language,
    set_form_controls,
    translate,
)
from fieldapp.ui.named import named
from fieldapp.ui.pickers import AttachmentWidget, make_question_widget
from fieldapp.ui.question_widgets import QuestionWidget, question_holding

WAITED_LABEL = 80
"""Characters of a question named by a section that waits for it (``waits_for``): a
question of three lines would bury the section's heading."""
AHEAD_MS = 1000
"""Quiet time (no answer, no other section) after which the next section's page is made,
hidden, so that it shows at once when she gets there (``_make_ahead``)."""
AHEAD_MOST = 300
"""Questions (each entry's counted) past which a page is not made ahead: a draft whose
count was typed as a year (500 entries, *(fieldday)*) froze the window for seconds a
moment after it opened on the count, for a page she may never go to."""
CLEAR_KEYS = "Ctrl+Shift+Backspace"
"""Clear the answer of the question holding the focus (the Clear links are not Tab stops)."""


class SectionList(QListWidget):
    """The section navigator, without type-ahead: a name typed while it had the focus
    silently moved the interview to the section starting with that letter."""

    def keyboardSearch(self, search: str) -> None:
        pass


class FormView(QWidget):
    """Navigator + pages for one session; reports answers through ``on_change``."""

    changed = Signal()
    """An answer (or a repeat) changed: the session's answers need saving."""
    entered = Signal()
    """The keyboard reached another question than the last one it was in (``place``)."""

    def __init__(
        self,
        session: Session,
        *,
        readonly: bool = False,
        attach: Callable[[str, bytes], str] | None = None,
        attachment: Callable[[str], bytes | None] | None = None,
        attachment_size: Callable[[str], int | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formView")
        self.session = session
        self.readonly = readonly
        self.language = session.language
        set_form_controls(self.language)
        self.reveal_all = False
        self.sealed = bool(session.form.public_key)
        """Answers sealed for the study key: no attachment may be copied out for a player."""
        self._attach = attach
        self._attachment = attachment
        self._attachment_size = attachment_size
        self.nodes: dict[Ref, Any] = {}
        self.sections = split_sections(session.form.root)
        self._section_of: dict[str, int] = {}
        for number, section in enumerate(self.sections):
            for key in section.keys:
                self._section_of[key] = number
        self._removed: _Removed | None = None
        """What the last answer's lower count removed, until the next answer (see commit)."""
        self._scroll_to: QWidget | None = None
        """A question revealed before the window was shown (``showEvent``)."""
        self.progress: dict[Ref, tuple[bool, bool, bool, bool]] = {}
        """ref -> (relevant, answered, required missing, error) of each counted question."""

        self.navigator = named(SectionList(), "sectionList")
        self.navigator.setProperty("role", "navigator")
        self.navigator.setMinimumWidth(220)
        self.navigator.setItemDelegate(SectionDelegate(self.navigator))
        # A narrower navigator puts a section's counts on more lines: with word wrap on, Qt
        # lays the items out again after any resize (the delegate draws the text itself).
        self.navigator.setWordWrap(True)
        self.navigator.setFrameShape(QFrame.Shape.NoFrame)
        self.pages = named(QStackedWidget(), "pages")
        self._page_bodies: list[QVBoxLayout | None] = []
        for _ in self.sections:
            self.navigator.addItem(QListWidgetItem())
            holder = QScrollArea()
            # Not a Tab stop of its own, but where a read-only page's answers, all disabled,
            # left nothing for the keyboard: there the arrows and Page Down scroll it.
            holder.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if readonly else Qt.FocusPolicy.NoFocus
            )
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            self.pages.addWidget(holder)
            self._page_bodies.append(None)
        self.previous_button = named(QPushButton(), "previousSection")
        self.next_button = named(QPushButton(), "nextSection")
        self.previous_button.clicked.connect(lambda: self.go(self.current() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.current() + 1))
        self.section_buttons = (self.next_button, self.previous_button)
        """The section buttons in Tab order, after the questions: the way on first."""
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
        self.splitter = splitter = named(QSplitter(), "formSplitter")
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
        clear = QShortcut(QKeySequence(CLEAR_KEYS), self)
        clear.activated.connect(self.clear_focused)

        self._ahead = QTimer(self)
        """Restarted by each answer and each section shown: the next page is made when it
        runs out (``_make_ahead``)."""
        self._ahead.setSingleShot(True)
        self._ahead.setInterval(AHEAD_MS)
        self._ahead.timeout.connect(self._make_ahead)
        self._recount_all()
        self.retranslate()
        if self.sections:
            self.navigator.setCurrentRow(0)
        self._entered: Ref | None = None
        """The question the keyboard was last in (``entered``)."""
        app = QApplication.instance()
        if not readonly and isinstance(app, QApplication):  # a place is kept while editing
            app.focusChanged.connect(self._focus_moved)

    # --- host of the question widgets ------------------------------------------------------

    def commit(self, ref: Ref, value: Value, *, ask_now: bool = False) -> None:
        if self.readonly:
            return
        widget = self.nodes.get(ref)
        removed, self._removed = self._removed, None
        verdict = self._may_drop_entries(ref, value, widget, ask_now)
        if verdict != "yes":
            if verdict == "no" and isinstance(widget, QuestionWidget):
                widget.refresh(self.session.state(ref))  # the answer stays as it was
            self._removed = removed if verdict == "later" else None
            return
        try:
            changes = self.session.set_answer(ref, value)
        except FieldappError as error:
            if isinstance(widget, QuestionWidget):
                widget.set_local_error(error.text(current_language()))
            return
        if removed and removed.ref == ref and self.session.state(ref).value == removed.value:
            changes = changes | self._bring_back(removed)  # undone, or typed again
        self.apply(changes)
        self.changed.emit()
        self._ahead.start()

    def _bring_back(self, removed: _Removed) -> frozenset[Ref]:
        """Answer again what the entries a lower count removed held (Ctrl+Z in the count,
        or the count typed again, before any other answer): the count alone brought them
        back empty. Form order, so each question is shown before it is answered."""
        changes: set[Ref] = set()
        for ref, element in list(self.session.walk()):
            if not isinstance(element, Question) or not any(
                ref[: len(entry)] == entry for entry in removed.entries
            ):
                continue
            held = answer_at(removed.answers, ref)
            if held in (None, "", []):
                continue
            with contextlib.suppress(FieldappError):  # a calculation: it comes back itself
                changes |= self.session.set_answer(ref, held)
        return frozenset(changes)

    def _may_drop_entries(self, ref: Ref, value: Value, widget: Any, ask_now: bool) -> str:
        """Ask before an answer lowers a repeat count over entries that hold answers (QA 30):
        "yes" (set it), "no" (keep the old answer) or "later" (a field emptied while typing)."""
        dropped = self.session.instances_dropped_by(ref, value)
        if not dropped:
            return "yes"
        edit = getattr(widget, "edit", None)
        if value is None and not ask_now and isinstance(edit, QLineEdit) and edit.hasFocus():
            # 3 -> "" -> 2 is a correction, not a removal of everything: ask only if the
            # researcher leaves the field empty.
            if not edit.property("asksOnLeave"):  # connected once per line edit
                edit.setProperty("asksOnLeave", True)
                edit.editingFinished.connect(lambda: self._left_field(widget))
            return "later"
        title = text("engine.drops_title", current_language())
        said = self.session.dropped_text(dropped, current_language())
        if not confirmed(self, title, said):
            return "no"
        before = self.session.state(ref).value
        self._removed = _Removed(ref, before, self.session.answers(), tuple(dropped))
        return "yes"

    def _left_field(self, widget: Any) -> None:
        """A field emptied while typing was left empty: now ask about the entries."""
        with contextlib.suppress(FieldappError):  # its entry may have gone meanwhile
            if not widget.edit.text().strip() and self.session.state(widget.ref).value is not None:
                self.commit(widget.ref, None, ask_now=True)

    def attach(self, name: str, content: bytes) -> str:
        if self._attach is None:
            return name
        return self._attach(name, content)

    def attachment(self, value: str) -> bytes | None:
        return self._attachment(value) if self._attachment is not None else None

    def attachment_size(self, value: str) -> int | None:
        if self._attachment_size is not None:
            return self._attachment_size(value)
        content = self.attachment(value)
        return None if content is None else len(content)

    # --- building -------------------------------------------------------------------------

    def register(self, ref: Ref, node: Any, into: list[Ref] | None = None) -> None:
        self.nodes[ref] = node
        if into is not None:
            into.append(ref)
        with contextlib.suppress(FieldappError):
            state = self.session.state(ref)
            if hasattr(node, "touched") and state.value not in (None, "", []):
                # an answer kept from an earlier sitting (a reopened draft): its problem
                # shows at once, as the section list's "1 to fix" already says
                node.touched = True
            node.refresh(state)

    def build(
        self, elements: Iterable[Element], prefix: Ref, layout: QVBoxLayout, into: list[Ref]
    ) -> None:
        """Add widgets for ``elements`` (refs below ``prefix``) to ``layout``."""
        for element in elements:
            ref = (*prefix, element.key)
            if isinstance(element, Repeat):
                block = RepeatBlock(self, element, ref, layout.parentWidget())
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
                if self.readonly and not isinstance(widget, AttachmentWidget):
                    widget.setEnabled(False)  # a recording stays playable: it disables itself
                layout.addWidget(widget)
                self.register(ref, widget, into)
                self.show_comment(ref, widget)

    def _page(self, number: int) -> QVBoxLayout:
        body = self._page_bodies[number]
        if body is not None:
            return body
        section = self.sections[number]
        page = named(QWidget(), f"section_{number}")
        page.setProperty("role", "page")
        body = QVBoxLayout(page)
        body.setContentsMargins(20, 14, 20, 20)
        body.setSpacing(10)
        heading = named(WrappedLabel(), "sectionTitle")
        heading.setProperty("role", "sectionTitle")
        body.addWidget(heading)
        self._page_bodies[number] = body
        holder = self.pages.widget(number)
        assert isinstance(holder, QScrollArea)
        # Put in its place before it is built when that is not on screen (not the current
        # page, as when Next section builds it): moved in after, everything on it was
        # polished again (the app's style sheet), a second and more of a page of 500
        # repeat entries. On screen it is built aside and shown once, laid out once.
        in_place = not holder.isVisible()
        if in_place:
            holder.setWidget(page)
        into: list[Ref] = []
        group = section.group
        if isinstance(group, Group) and not isinstance(group, Repeat):
            self.register((group.key,), _PageHeading(heading, self, section), into)
            if is_table_list(group):
                self.build([group], (), body, into)
                table = self.nodes.get((group.key,))
                if isinstance(table, TableList):
                    table.title.hide()
                    self.nodes[(group.key,)] = _PageHeading(heading, self, section, table)
            else:
                self.build(group.children, (), body, into)
        else:
            heading.setText(section.title(self.language))
            self.build(section.elements, (), body, into)
        body.addStretch(1)
        if not in_place:
            holder.setWidget(page)
        if isinstance(group, Repeat):
            self._update_item(number)  # its heading says what it waits for
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
            banner = comment_label("reviewCommentBanner")
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, banner)
            layout.setStretch(1, 1)  # the form takes the room, the banner only its lines
        show_notes(banner, general)
        for ref, node in list(self.nodes.items()):
            if isinstance(node, QuestionWidget | GridRow):
                self.show_comment(ref, node)
        for number in range(len(self.sections)):
            self._update_item(number)  # "✎ 2": which sections hold the comments

    def commented_questions(self, number: int) -> int:
        """Return how many shown questions of a section carry a reviewer's comment."""
        comments = getattr(self, "comments", {})
        if not comments:  # every interview but a returned one: nothing to walk
            return 0
        return len(
            {
                str(ref[-1])
                for ref, (relevant, *_) in self.progress.items()
                if relevant and str(ref[-1]) in comments and self.section_of(ref) == number
            }
        )

    def first_commented(self) -> Ref | None:
        """Return the first shown question, in form order, that a reviewer commented on."""
        comments = getattr(self, "comments", {})
        for ref, (relevant, *_) in self.progress.items():
            if relevant and str(ref[-1]) in comments:
                return ref
        return None

    def show_comment(self, ref: Ref, widget: QWidget | GridRow) -> None:
        """Show the reviewer's comments on question ``ref`` right below its widget."""
        notes = getattr(self, "comments", {}).get(str(ref[-1]), ())
        if isinstance(widget, GridRow):  # a table-list's row: below it, in its grid
            widget.show_comment(notes)
            return
        label = getattr(widget, "review_comment", None)
        if label is None and notes:
            parent = widget.parentWidget()
            layout = parent.layout() if parent is not None else None
            if not isinstance(layout, QVBoxLayout) or layout.indexOf(widget) < 0:
                return
            label = comment_label("reviewComment")
            layout.insertWidget(layout.indexOf(widget) + 1, label)
            widget.review_comment = label  # type: ignore[attr-defined]
        if label is not None:
            show_notes(label, notes)

    # --- navigation -----------------------------------------------------------------------

    def current(self) -> int:
        return self.navigator.currentRow()

    def go(self, number: int) -> None:
        if 0 <= number < len(self.sections):
            self.navigator.setCurrentRow(number)

    def _show(self, number: int) -> None:
        if number < 0:
            return
        set_form_controls(self.language)  # this window's form, if another one set its own
        self._page(number)
        self._catch_up(number)
        self.pages.setCurrentIndex(number)
        self.previous_button.setEnabled(number > 0)
        self.next_button.setEnabled(number < len(self.sections) - 1)
        self._chain_focus(number)
        self._ahead.start()

    def _make_ahead(self) -> None:
        """Make the next section's page while she is still on this one, hidden, so that
        *Next section* shows it at once: the mechanisms' two entries of the civil-society
        form (64 questions, about 350 options) took up to 1.4 s on a loaded laptop to be
        made when first shown. Their entries too, once she has given their count and
        paused (``_catch_up``). Only in a window on screen where answers are given: a
        review's pages are read one by one, a window not shown may never be."""
        following = self.current() + 1
        if self.readonly or not self.isVisible() or not 0 < following < len(self.sections):
            return
        if sum(self.section_of(ref) == following for ref in self.progress) > AHEAD_MOST:
            return  # made when it shows, as before
        set_form_controls(self.language)
        self._page(following)  # made in its place, hidden (not the current page)
        self._catch_up(following)

    def _catch_up(self, number: int) -> None:
        """Give the repeats of page ``number`` as many entries as the session has: their
        count changed while the page was not shown (``_resize_repeats``)."""
        if self._resize_repeats(number):
            self._recount_all()

    def _resize_repeats(self, number: int) -> bool:
        """Give the repeats of page ``number`` (the page shown, from an answer) as many
        entries as the session has; True when one changed. A repeat on a page not shown
        keeps its entries until the page shows or is made ahead (``_catch_up``): a count
        typed on the page before ("201", a year on its way) made its entries at each key."""
        resized = False
        for node in list(self.nodes.values()):
            alive = isinstance(node, RepeatBlock) and self.nodes.get(node.ref) is node
            if (
                alive
                and self.section_of(node.ref) == number
                and self.session.repeat_count(node.ref) != node.count
            ):
                node.rebuild()
                resized = True
        return resized

    def _chain_focus(self, number: int) -> None:
        """Order Tab through the section shown, and put the focus on its first question
        when it came from another section's question (Next section, Alt+arrows)."""
        stops = self._order_tabs(number)
        # Previous/Next section (a button or Alt+arrows) lands on the section's first
        # question that applies (a hidden one cannot take the keyboard, which then stayed
        # in the section left behind), not on a repeat entry's Remove; browsing the
        # section list keeps the focus there.
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self.navigator and self.isAncestorOf(focused):
            page = stops[0].window() if stops else None
            first = next(
                (s for s in stops if _takes_tab(s, page) and s.property("role") != "link"), None
            )
            (first or self.next_button).setFocus(Qt.FocusReason.TabFocusReason)

    def _order_tabs(self, number: int) -> list[QWidget]:
        """Tab follows the reading order: section list, the section's questions from top to
        bottom; then Next section before Previous (then the window's form language, see
        InterviewWindow), though Previous is drawn first: from the last question the way
        on comes first, and Tab then Space no longer goes back a section.

        Done again whenever widgets of the section are made anew (options an answer
        filtered in, options in another language, a repeat's entries): Qt puts a new
        widget at the end of the window's chain, past Next section. Returns the stops."""
        holder = self.pages.widget(number)
        page = holder.widget() if isinstance(holder, QScrollArea) else None
        stops = _tab_stops(page) if page is not None else []
        if self.readonly and isinstance(holder, QScrollArea):
            stops.insert(0, holder)
        chain = [self.navigator, *stops, *self.section_buttons]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        return stops

    def entry_made(self, entry: QWidget) -> None:
        """Put the widgets of a repeat entry made after its page was ordered for Tab
        (``RepeatBlock.make_entry``) where the entry is in the chain, still a stop: Qt
        puts new widgets at the end of the window's chain, past *Next section*."""
        before = entry
        for stop in _tab_stops(entry):
            QWidget.setTabOrder(before, stop)
            before = stop

    def entry_stops(self, entry: QWidget) -> list[QWidget]:
        """Return where Tab lands in a made entry, first to last."""
        return [stop for stop in _tab_stops(entry) if _takes_tab(stop, entry.window())]

    def _make_entries_to(self, ref: Ref) -> None:
        """Make the repeat entries holding question ``ref`` that are still empty."""
        for depth, step in enumerate(ref):
            if isinstance(step, int):
                block = self.nodes.get(ref[:depth])
                if isinstance(block, RepeatBlock):
                    block.make_entry(step)

    def clear_focused(self) -> None:
        """Ctrl+Shift+Backspace: clear the answer of the question holding the focus."""
        widget = question_holding(QApplication.focusWidget())
        if widget is not None and not self.readonly and widget.ref in self.nodes:
            widget.commit(None)

    def section_of(self, ref: Ref) -> int:
        return self._section_of.get(str(ref[0]).split("/")[0], -1) if ref else -1

    def waits_for(self, section: Section) -> str:
        """Say that ``section`` does not apply, naming each question its own relevance
        reads and that question's section (where to answer it), in form order."""
        group = section.group
        relevant = group.bind.relevant if isinstance(group, Group) else None
        language = form_controls_language()
        form = self.session.form
        read = relevant.references(group.path) if relevant is not None and group else ()
        questions = [e for e in form.walk() if e.path in read and isinstance(e, Question)]
        named = []
        for question in questions:
            label = " ".join(question.label(self.language).split()) or question.name
            if len(label) > WAITED_LABEL:
                label = label[: WAITED_LABEL - 1].rstrip() + "…"
            number = self.section_of((question.key,))
            where = self.sections[number].title(self.language) if number >= 0 else ""
            named.append(text("ui.section_waits_for", language, label=label, section=where))
        if not named:
            return translate("FormView", "This section does not apply to this interview.")
        return text("ui.section_waits", language, questions=", ".join(named))

    def reveal(self, ref: Ref, show_problem: bool = False) -> None:
        """Show the section holding ``ref``, scroll to its question and focus it."""
        number = self.section_of(ref)
        if number < 0:
            return
        self.go(number)
        self._page(number)
        self._make_entries_to(ref)
        node = self.nodes.get(ref)
        if node is None:
            return
        holder = self.pages.widget(number)
        target = node if isinstance(node, QWidget) else getattr(node, "label", None)
        if isinstance(holder, QScrollArea) and isinstance(target, QWidget):
            holder.ensureWidgetVisible(target, 40, 80)
            if not holder.isVisible():  # a window being opened: see showEvent
                self._scroll_to = target
        if show_problem and hasattr(node, "touched"):
            node.touched = True
            if hasattr(node, "show_problem"):
                node.show_problem()
        if hasattr(node, "focus_editor"):
            node.focus_editor()

    def showEvent(self, event: QShowEvent) -> None:
        """Scroll again to what ``reveal`` showed before the window was on screen.

        A window reopened after a crash (or on a returned interview's first comment)
        reveals its question while it is being made: its page is not laid out yet, so the
        scroll went by sizes that were not the page's, and the keyboard was in a question
        far below the window's edge, typing out of sight."""
        super().showEvent(event)
        if self._scroll_to is not None:
            QTimer.singleShot(0, self, self._scroll_again)  # not once the view is gone

    def _scroll_again(self) -> None:
        target, self._scroll_to = self._scroll_to, None
        holder = self.pages.currentWidget()
        if target is None or not isinstance(holder, QScrollArea):
            return
        if not shiboken6.isValid(target) or not holder.isAncestorOf(target):
            return  # made anew or on another section since: nothing to scroll to
        page = holder.widget()
        layout = page.layout() if page is not None else None
        if layout is not None:
            layout.activate()  # the page's real sizes, now that it is on screen
        holder.ensureWidgetVisible(target, 40, 80)

    # --- where the researcher is (core.place) ---------------------------------------------

    def question_at(self, widget: QWidget | None) -> Ref | None:
        """Return the question whose editor holds ``widget``: a question's own, or a
        button of a table-list's row. None outside any question, or in one an entry's
        removal left behind."""
        held = question_holding(widget)
        if held is not None:
            ref = held.ref
            return ref if self.nodes.get(ref) is held else None
        if isinstance(widget, QAbstractButton) and widget.group() is not None:
            for ref, node in self.nodes.items():
                if isinstance(node, GridRow) and node.group is widget.group():
                    return ref
        return None

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Tell ``entered`` when the keyboard reaches another question of this view."""
        ref = self.question_at(now) if now is not None and self.isAncestorOf(now) else None
        if ref is not None and ref != self._entered:
            self._entered = ref
            self.entered.emit()

    def place(self, answers: Answers | None = None) -> Place | None:
        """Return the question holding the keyboard and, in a text field, the cursor;
        the repeat entries on its way fingerprinted in ``answers`` (by default the
        session's), to be found again after a merge renumbers them."""
        focused = self.focusWidget()  # the window's, also while another window is active
        ref = self.question_at(focused)
        if ref is None:
            return None
        cursor = None
        if isinstance(focused, QLineEdit):
            cursor = focused.cursorPosition()
        elif isinstance(focused, QPlainTextEdit):
            cursor = focused.textCursor().position()
        if not any(isinstance(step, int) for step in ref):
            return Place(ref, cursor)  # in no repeat entry: the answers are not needed
        return Place.at(ref, cursor, self.session.answers() if answers is None else answers)

    def resume(self, place: Place) -> bool:
        """Go back to ``place``: its section, the question in view, the keyboard in it and
        the cursor where it was. A question that no longer applies (or exists) gives way
        to the nearest one before it that applies. False: none does (nothing was done)."""
        applies = [
            ref
            for ref, element in self.session.walk()
            if ref in self.progress and self.progress[ref][0] and visible(element)
        ]
        hers = follow(place, self.session.answers())  # her entry, wherever it is now
        target = nearest_earlier(form_order(self.session.form.root), hers, applies)
        if target is None:
            return False
        self.reveal(target)
        node = self.nodes.get(target)
        if node is None:
            return False
        edit = getattr(node, "edit", None)
        if target == hers and place.cursor is not None:
            if isinstance(edit, QLineEdit):
                edit.setCursorPosition(min(place.cursor, len(edit.text())))
            elif isinstance(edit, QPlainTextEdit):
                cursor = edit.textCursor()
                cursor.setPosition(min(place.cursor, edit.document().characterCount() - 1))
                edit.setTextCursor(cursor)
        return True

    # --- keeping up with the engine ------------------------------------------------------------

    def apply(self, changes: Iterable[Ref]) -> None:
        """Refresh the widgets and the progress of the refs the engine reports as changed."""
        set_form_controls(self.language)
        touched_sections: set[int] = set()
        remade = False
        """A question's options were made anew (a choice filter): Tab must reach them."""
        for ref in changes:
            node = self.nodes.get(ref)
            if node is None and ref not in self.progress:
                continue
            try:
                state = self.session.state(ref)
            except FieldappError:
                continue
            if node is not None:
                options = getattr(node, "choice_names", None)
                node.refresh(state)
                remade = remade or getattr(node, "choice_names", None) != options
            if ref in self.progress:
                self.progress[ref] = _classify(state)
                touched_sections.add(self.section_of(ref))
        for number in touched_sections:
            self._update_item(number)
        # repeat_count may have grown or shrunk a repeat whose blocks are on screen
        resized = self._resize_repeats(self.current())
        # ... or on a page not shown: the section list counts its entries right away
        if resized or self._repeats_reshaped():
            self._recount_all()
        if remade or resized:
            self._order_tabs(self.current())

    def _repeats_reshaped(self) -> bool:
        """Tell whether any repeat has more or fewer entries than at the last count."""
        for ref, count in self._repeat_counts.items():
            try:
                if self.session.repeat_count(ref) != count:
                    return True
            except FieldappError:
                return True  # an entry holding this repeat is gone
        return False

    def structure_changed(
        self, changes: Iterable[Ref], block: RepeatBlock | None = None, landing: int | None = None
    ) -> None:
        """A repeat grew, shrank or moved: rebuild its blocks, recount everything.

        ``landing``: the entry of ``block`` the keyboard goes to if it was in the entries.
        """
        if block is not None:
            block.rebuild(landing)
        self._resize_repeats(self.current())
        self.apply(changes)
        self._recount_all()
        self._order_tabs(self.current())  # the entries' widgets are new
        self.changed.emit()

    def refresh_all(self) -> None:
        for ref, node in list(self.nodes.items()):
            try:
                node.refresh(self.session.state(ref))
            except FieldappError:
                continue
        self._recount_all()
        self._order_tabs(self.current())  # options in another language are new widgets

    def _recount_all(self) -> None:
        self.progress.clear()
        self._repeat_counts: dict[Ref, int] = {}
        for ref, element in self.session.walk():
            if counted(element):
                self.progress[ref] = _classify(self.session.state(ref))
            elif isinstance(element, Repeat) and not isinstance(ref[-1], int):
                self._repeat_counts[ref] = self.session.repeat_count(ref)
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

    def _shows_anything(self, number: int) -> bool:
        """Tell whether any question of a section (a note, say) is relevant right now."""
        for ref, element in self.session.walk():
            # a repeat's own node takes its parent's relevance: ask its questions instead
            if (
                self.section_of(ref) == number
                and isinstance(element, Question)
                and visible(element)
            ):
                try:
                    if self.session.state(ref).relevant:
                        return True
                except FieldappError:
                    continue
        return False

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
                group_state = self.session.state((section.group.key,))
                applies = group_state.relevant
                title = group_state.label or title
            except FieldappError:
                pass
        if applies and shown == 0:  # e.g. loose questions or a repeat, all hidden by logic
            applies = self._shows_anything(number)
        if not applies:
            detail = translate("FormView", "does not apply")
        else:
            language = form_controls_language()  # the form's own controls speak its language
            parts = [text("count.answered", language, answered=answered, shown=shown)]
            if missing:
                parts.append(text("count.required_missing", language, count=missing))
            if errors:
                parts.append(text("count.to_fix", language, count=errors))
            commented = self.commented_questions(number)
            if commented:  # the reviewer's mark, as beside the questions: no words to translate
                parts.append(f"✎ {commented}")
            detail = " · ".join(parts)
        item.setText(f"{title}\n{detail}")
        if isinstance(section.group, Repeat):
            self._repeat_heading(number, title, applies)
        done = applies and shown and answered == shown and not errors
        mark = "error" if errors else "missing" if missing else "done" if done else "open"
        item.setData(MARK_ROLE, mark if applies else "skipped")
        item.setData(PROGRESS_ROLE, answered / shown if shown else 0.0)
        item.setData(TITLE_ROLE, title)
        if item.data(DETAIL_ROLE) != detail:
            item.setData(DETAIL_ROLE, detail)
            self.navigator.scheduleDelayedItemsLayout()  # its counts may take another line

    def _repeat_heading(self, number: int, title: str, applies: bool) -> None:
        """Head a repeat's page (no node of its own) as a group's is (``_PageHeading``):
        its title and, when it does not apply, the answers it waits for."""
        body = self._page_bodies[number]
        item = body.itemAt(0) if body is not None else None
        heading = item.widget() if item is not None else None
        if isinstance(heading, QLabel):
            said = html.escape(title)
            if not applies:
                waits = self.waits_for(self.sections[number])
                said += "<br><small>" + html.escape(waits) + "</small>"
            heading.setText(said)

    # --- language --------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch the form's language: labels, hints, choices and messages, nothing lost."""
        recomputed = self.session.set_language(language)
        self.language = language
        set_form_controls(language)
        for node in self.nodes.values():  # "Clear answer", "Not answered"… follow the form
            if isinstance(node, QWidget):
                QCoreApplication.sendEvent(node, QEvent(QEvent.Type.LanguageChange))
        self.retranslate()
        for node in self.nodes.values():
            if isinstance(node, RepeatBlock):
                node.retranslate()
        self.refresh_all()
        for number, body in enumerate(self._page_bodies):
            if body is not None and self.sections[number].group is None:
                first = body.itemAt(0)
                heading = first.widget() if first is not None else None
                if isinstance(heading, QLabel):
                    heading.setText(self.sections[number].title(language))
        if recomputed and not self.readonly:
            self.changed.emit()  # a jr:choice-name calculation holds the new language's label

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


@dataclass(frozen=True)
class _Removed:
    """Entries that a lower count removed: the count's answer before, and every answer."""

    ref: Ref
    value: Value
    answers: Answers
    entries: tuple[Ref, ...]


def answer_at(answers: Answers, ref: Ref) -> Value:
    """Return the answer at ``ref`` in an answers dict (None when it holds none)."""
    held: Any = answers
    for step in ref:
        if isinstance(step, int):
            held = held[step] if isinstance(held, list) and step < len(held) else None
        else:
            held = held.get(step) if isinstance(held, dict) else None
        if held is None:
            return None
    return cast(Value, held)


def _tab_stops(within: QWidget) -> list[QWidget]:
    """Return the widgets Tab may stop at in ``within``, top to bottom (as made)."""
    window = within.window()
    return [
        widget
        for widget in within.findChildren(QWidget)
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus or _in_button_group(widget))
        and not isinstance(widget.parentWidget(), QAbstractSpinBox)
        # not a minimal select's list: it lives in its popup, another window, and Qt
        # refuses to chain across windows, so Tab from the box left the section
        and widget.window() is window
    ]


def _takes_tab(widget: QWidget, window: QWidget | None) -> bool:
    """Tell a stop that Tab would land on now: shown, enabled, a Tab stop (of a single
    choice, the chosen option or the first; of a multiple one, the box last focused or the
    first)."""
    return (
        window is not None
        and widget.isVisibleTo(window)
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def _in_button_group(widget: QWidget) -> bool:
    """Tell a choice's option: in the chain, though in a single choice, and among a
    multiple choice's boxes, only one of them is a Tab stop at a time
    (``tab_stop_at_chosen``, then Qt's: the one last focused; ``CheckboxesWidget``)."""
    return isinstance(widget, QAbstractButton) and widget.group() is not None


class _PageHeading:
    """A section's group: its label is the page heading; when not relevant, say so."""

    def __init__(
        self, label: QLabel, view: FormView, section: Section, table: TableList | None = None
    ) -> None:
        self.label = label
        self.view = view
        self.section = section
        self.table = table
        """The section's own table-list, whose column headings this node keeps named."""

    def refresh(self, state: Any) -> None:
        text = html.escape(state.label or self.section.title(self.view.language))
        if not state.relevant:
            text += "<br><small>" + html.escape(self.view.waits_for(self.section)) + "</small>"
        self.label.setText(text)
        if self.table is not None:
            self.table.name_columns()


def _classify(state: Any) -> tuple[bool, bool, bool, bool]:
    empty = state.value is None or state.value == "" or state.value == []
    # one problem each, as the problem list has: an option a changed answer no longer
    # offers leaves the answer empty to the form, but it is to fix, not also missing
    return (
        bool(state.relevant),
        not empty,
        bool(state.required and empty and not state.error),
        bool(state.error),
    )
