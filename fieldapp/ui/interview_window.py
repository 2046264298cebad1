"""One interview in its own window: the form view, autosave, save, finalize, form language."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from fieldapp.core.forms.audit import AUDIT_FILE
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import Form, Ref, form_language_for
from fieldapp.core.interview_name import row_name
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.place import Place
from fieldapp.core.store import InterviewFilter
from fieldapp.core.store.records import SubmissionId
from fieldapp.ui.close_keys import close_keys
from fieldapp.ui.errors import show_error
from fieldapp.ui.form_view import CLEAR_KEYS, FormView
from fieldapp.ui.i18n import current_language
from fieldapp.ui.named import named, restyled
from fieldapp.ui.older_settings import move_interview_settings
from fieldapp.ui.screen_fit import keep_on_screen

EDITABLE = ("draft", "returned")
SWITCH_LANGUAGE_KEYS = "Ctrl+L"
"""The form's next language, from wherever the keyboard is (Help › Keyboard shortcuts)."""
GEOMETRY_SETTING = "ui/interview_window/geometry"
SPLITTER_SETTING = "ui/interview_window/splitter"
PLACE_DELAY_MS = 400
"""How long the keyboard stays in another question before it is kept as her place: Tab
held down across a section writes once, not once per question crossed."""


class InterviewWindow(QMainWindow):
    """Run (or read) one interview; every change is on disk before "Saved" shows."""

    saved = Signal(str)
    closed = Signal(str)
    reopen_requested = Signal(str)

    def __init__(self, store: Any, submission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("interviewWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store = store
        self.submission_id = submission_id
        self.submission = store.interviews.submission(submission_id)
        self._sealed = store.keys.is_sealed(SubmissionId(submission_id))
        self._listed = store.interviews.page(InterviewFilter(submission_ids=(submission_id,)))
        """Its line of the list, read once: the title names it as the list does."""
        heads = store.interviews.heads(submission_id)
        self.state = heads[0].state if heads else "draft"
        self._retired = (
            store.interviews.retired_elsewhere(SubmissionId(submission_id))
            if self.state in EDITABLE
            else None
        )
        """Why another laptop's interview in clear of a form sealed since is read only."""
        self.editable = self.state in EDITABLE and self._retired is None
        self._files: dict[str, str] = dict(heads[0].attachments) if heads else {}
        form = store.forms.load(self.submission.form_sha256)
        remembered = self._remembered_language()
        language = (
            remembered
            if remembered in form.languages
            else form_language_for(form, current_language())
        )
        self.session = Session(
            form,
            store.interviews.working_answers(submission_id),
            language=language,
            device_id=store.device_id,
            username=self.submission.interviewer,
            audit=self._attachment(AUDIT_FILE),  # the log goes on where it stopped
            beside_question=True,
        )
        if self._sealed and self.editable and remembered is None and language is not None:
            # Every sealed draft opened here keeps a language, switched or not: kept only
            # when switched, the row's presence said she changed it (to the form's other
            # language than the app's) where its value, sealed, says nothing.
            self._keep_language(language)
        self.view = FormView(
            self.session,
            readonly=not self.editable,
            attach=self._attach,
            attachment=self._attachment,
            attachment_size=self._attachment_size,
        )
        self.edited = False
        """An answer changed in this window (a returned interview only read stays returned)."""
        self.view.changed.connect(self.autosave)
        self.setCentralWidget(self.view)
        from fieldapp.core.review import comments_for_researcher

        comments = comments_for_researcher(store, SubmissionId(submission_id))  # what to fix
        if comments:
            self.view.show_comments(comments.by_question, comments.general)
        self._build_actions(form)
        self._build_problems()
        self.saved_label = named(QLabel(), "savedLabel")
        self._saved_said: tuple[str, str] | None = None
        """What the last save did and when (``_say_saved``)."""
        self.saved_label.setProperty("role", "hint")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.state_label = named(QLabel(), "stateLabel")
        # The interviewer's name comes from a package: as written (``ui.plain``).
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.state_label, 1)
        self.retranslate()
        self._restore_geometry()
        self._kept_place: Place | None = None
        """The place last written for this interview (``core.place``), as stored."""
        self._place_timer = QTimer(self, singleShot=True, interval=PLACE_DELAY_MS)
        self._place_timer.timeout.connect(self._keep_place)
        if self.editable:
            self.view.entered.connect(self._place_timer.start)
        # Focus order (README): section list, the questions, Next, Previous, form language.
        QWidget.setTabOrder(self.view.section_buttons[-1], self.language_box)
        self.view.navigator.setFocus()
        first = self.view.first_commented() if comments and self.editable else None
        if first is not None and self.state == "returned":
            self.view.reveal(first)  # open on what the supervisor asked to fix first
        elif self.editable and not self._resume() and first is not None:
            self.view.reveal(first)

    def _resume(self) -> bool:
        """Go back to the question last typed in on this laptop (``core.place``), as after
        a power cut: its section, in view, the keyboard in it, the cursor where it was."""
        try:
            place = self.store.interviews.place(self.submission_id)
        except FieldappError:
            return False
        self._kept_place = place
        return place is not None and self.view.resume(place)

    def _keep_place(self) -> None:
        """The keyboard went to another question: keep it as her place (``core.place``),
        unless that is the place kept already. No answer changed: no working copy, no
        revision. A place not written (drafts locked, a disk error) only means a reopening
        lands on the one kept before; the answers' autosave reports a failing disk."""
        place = self.view.place()
        if place is None or place == self._kept_place:
            return
        try:
            self.store.interviews.keep_place(SubmissionId(self.submission_id), place)
        except FieldappError:
            return
        self._kept_place = place

    def _keep_language(self, language: str) -> None:
        """Keep the form language chosen; where it cannot be (drafts locked) the
        interview opens in the app's language next time, nothing else is lost."""
        with contextlib.suppress(FieldappError):
            self.store.interviews.keep_form_language(SubmissionId(self.submission_id), language)

    def _remembered_language(self) -> str | None:
        """The form language the interview was last shown in here (``keep_form_language``),
        after what an older version kept in the settings for it (``move_interview_settings``)."""
        move_interview_settings(self.store, [self.submission_id])
        try:
            kept = self.store.interviews.form_language(SubmissionId(self.submission_id))
        except FieldappError:
            return None
        return kept if isinstance(kept, str) else None

    # --- building -----------------------------------------------------------------------

    def _build_actions(self, form: Form) -> None:
        self.save_action = named(QAction(self), "save")
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.finalize_action = named(QAction(self), "finalize")
        self.finalize_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.finalize_action.triggered.connect(self.ask_to_finalize)
        self.close_action = named(QAction(self), "closeInterview")
        self.close_action.setShortcuts(close_keys())
        self.close_action.triggered.connect(self.close)
        self.reopen_action = named(QAction(self), "reopen")
        self.reopen_action.setShortcut(QKeySequence("Ctrl+R"))
        self.reopen_action.triggered.connect(lambda: self.reopen_requested.emit(self.submission_id))
        self.previous_action = named(QAction(self), "previousSection")
        self.previous_action.triggered.connect(lambda: self.view.go(self.view.current() - 1))
        self.next_action = named(QAction(self), "nextSection")
        self.next_action.triggered.connect(lambda: self.view.go(self.view.current() + 1))
        self.problems_action = named(QAction(self), "showProblems")
        # F8 as in most editors; Ctrl+Shift+P is the main window's Progress
        self.problems_action.setShortcut(QKeySequence("F8"))
        self.problems_action.triggered.connect(self.show_problems)
        self.switch_language_action = named(QAction(self), "switchFormLanguage")
        self.switch_language_action.setShortcut(QKeySequence(SWITCH_LANGUAGE_KEYS))
        self.switch_language_action.triggered.connect(self.switch_form_language)
        self.switch_language_action.setEnabled(len(form.languages) > 1)
        # Named in the menu with its keys, bound once: the view's shortcut (the menu's
        # own would make the keys ambiguous, and neither would fire).
        self.clear_answer_action = named(QAction(self), "clearAnswer")
        self.clear_answer_action.triggered.connect(self.view.clear_focused)
        self.clear_answer_action.setEnabled(self.editable)
        for action in (self.save_action, self.finalize_action):
            action.setEnabled(self.editable)
        self.reopen_action.setEnabled(not self.editable)

        self.language_box = named(QComboBox(), "formLanguage")
        for language in form.languages:
            self.language_box.addItem(_language_name(language), language)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(self.session.language)))
        self.language_box.currentIndexChanged.connect(
            lambda _: self.set_form_language(self.language_box.currentData())
        )
        self.language_label = QLabel()

        self.interview_menu = self.menuBar().addMenu("")
        self.interview_menu.addActions([self.save_action, self.finalize_action])
        self.interview_menu.addAction(self.problems_action)
        self.interview_menu.addAction(self.switch_language_action)
        self.interview_menu.addAction(self.clear_answer_action)
        self.interview_menu.addAction(self.reopen_action)
        self.interview_menu.addSeparator()
        self.interview_menu.addAction(self.close_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_menu.addActions([self.previous_action, self.next_action])

        toolbar = self.addToolBar("interview")
        toolbar.setObjectName("interviewToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if self.editable:
            toolbar.addActions([self.save_action, self.finalize_action])
        else:
            self.reopen_button = named(QPushButton(), "reopenButton")
            self.reopen_button.clicked.connect(self.reopen_action.trigger)
            self.banner = named(QLabel(), "readOnlyBanner")
            self.banner.setProperty("role", "banner")
            toolbar.addWidget(self.banner)
            if self._retired is None:  # else Reopen would be refused as well
                toolbar.addWidget(self.reopen_button)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.language_label)
        self.language_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        toolbar.addWidget(self.language_box)
        margin = QWidget()
        margin.setFixedWidth(10)  # keep the box's arrow off the window's edge
        toolbar.addWidget(margin)
        self.language_box.setVisible(len(form.languages) > 1)
        self.language_label.setVisible(len(form.languages) > 1)

    def _build_problems(self) -> None:
        self.problems_dock = named(QDockWidget(self), "problemsDock")
        self.problems_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.problem_list = named(QListWidget(), "problemList")
        self.problem_list.setWordWrap(True)  # a long message wraps instead of running off
        self.problem_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_list.itemActivated.connect(self._jump)
        self.problem_list.itemClicked.connect(self._jump)
        self._back_to: Ref | None = None
        """The question the researcher was in when the list took the keyboard."""
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.problem_list)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.hide_problems)
        self.problems_dock.setWidget(self.problem_list)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

    def retranslate(self) -> None:
        # named as the list names it: a sealed one (its instance name is sealed with its
        # answers) or one without an instance name by its actor, city and day
        name = None if self._sealed else self.session.instance_name()
        if not name:
            name = row_name(self._listed[0], current_language()) if self._listed else ""
        name = name or self.session.form.title or self.session.form.form_id
        self.setWindowTitle(f"{name} — fieldapp")
        self.save_action.setText(self.tr("&Save"))
        self.finalize_action.setText(self.tr("&Finalize…"))
        self.finalize_action.setToolTip(self.tr("Check every answer and finalize (Ctrl+Enter)"))
        self.close_action.setText(self.tr("&Close"))
        self.reopen_action.setText(self.tr("&Reopen for editing"))
        self.problems_action.setText(self.tr("Show &problems"))
        self.switch_language_action.setText(text("keys.switch_form_language", current_language()))
        native = QKeySequence.SequenceFormat.NativeText  # "Alt+Izquierda" in Spanish menus
        self.previous_action.setText(
            self.tr("&Previous section") + "\t" + QKeySequence("Alt+Left").toString(native)
        )
        self.next_action.setText(
            self.tr("&Next section") + "\t" + QKeySequence("Alt+Right").toString(native)
        )
        self.clear_answer_action.setText(
            text("ui.clear_answer_menu", current_language())
            + "\t"
            + QKeySequence(CLEAR_KEYS).toString(native)
        )
        self.interview_menu.setTitle(self.tr("&Interview"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.language_label.setText(self.tr("Form language:") + " ")
        self.problems_dock.setWindowTitle(self.tr("Problems to fix before finalizing"))
        states = {
            "draft": self.tr("Draft"),
            "returned": self.tr("Returned for changes"),
            "finalized": self.tr("Finalized"),
            "approved": self.tr("Approved"),
        }
        who = self.tr("Interviewer %1 · %2").replace("%1", self.submission.interviewer)
        self.state_label.setText(who.replace("%2", states.get(self.state, self.state)))
        self._say_saved()
        if self._retired is not None:
            self.banner.setText(self._retired.text(current_language()))
            self.banner.setWordWrap(True)
            self.reopen_action.setEnabled(False)
        elif not self.editable:
            self.banner.setText(
                self.tr("Read only: this interview is %1.").replace(
                    "%1", states.get(self.state, self.state).lower()
                )
                + "  "
            )
            self.reopen_button.setText(self.tr("Reopen for editing"))
        self.view.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "view"):
            self.retranslate()
        super().changeEvent(event)

    # --- saving -------------------------------------------------------------------------

    def autosave(self) -> None:
        """Write the answers through the core; say "Saved" only once they are on disk."""
        self.edited = True
        answers = self.session.answers()
        place = self.view.place(answers)
        try:
            self.store.interviews.autosave(self.submission_id, answers, place=place)
        except FieldappError as error:
            # The researcher must know at once that the last change is not on disk. The
            # dialog comes once per failure, not in front of every letter typed while the
            # disk stays full: the red label stays until a save works (every answer is
            # still held, and the next save writes them all).
            said = self.saved_label.property("role") == "error"
            restyled(self.saved_label, "role", "error")
            self._say_saved("not saved")
            if not said:
                show_error(self, error)
            return
        if place is not None:
            self._kept_place = place
        restyled(self.saved_label, "role", "hint")
        self._say_saved("saved", time.strftime("%H:%M:%S"))
        if self.problems_dock.isVisible():
            self._fill_problems()

    def save(self) -> None:
        if not self.editable:
            return
        self._keep_audit("form save")
        self.store.interviews.autosave(self.submission_id, self.session.answers())
        self.store.interviews.save(self.submission_id)
        self._say_saved("revision", time.strftime("%H:%M:%S"))
        self.saved.emit(self.submission_id)

    def _say_saved(self, kind: str | None = None, moment: str = "") -> None:
        """Say in the status bar what the last save did, in the app's language now.

        Kept as what was said, not as its words: a language switched after it says it
        again (a "Saved 10:02" stayed English in the Spanish app)."""
        if kind is not None:
            self._saved_said = (kind, moment)
        if self._saved_said is None:
            return
        kind, moment = self._saved_said
        words = {
            "saved": self.tr("Saved %1"),
            "revision": self.tr("Saved as a revision %1"),
            "not saved": self.tr("NOT SAVED"),
        }[kind]
        self.saved_label.setText(words.replace("%1", moment))

    def ask_to_finalize(self) -> bool:
        """Ctrl+Enter: list the problems, or ask before finalizing (Enter says yes, Esc no)."""
        if not self.editable:
            return False
        if self.session.problems():
            return self.finalize()  # lists them; nothing to confirm
        language = current_language()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            text("finalize.ui.title", language),
            text("finalize.ui.ask_sealed" if self.view.sealed else "finalize.ui.ask", language),
            parent=self,
        )
        yes = box.addButton(text("finalize.ui.yes", language), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(text("finalize.ui.no", language), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(no)
        box.exec()
        if box.clickedButton() is not yes:
            return False
        return self.finalize()

    def finalize(self) -> bool:
        """Finalize if nothing is missing or invalid; otherwise list every problem."""
        if not self.editable:
            return False
        if self.session.problems():
            self.view.reveal_all = True
            self.view.refresh_all()
            self.show_problems()
            return False
        self._keep_audit("form finalize")
        self.store.interviews.autosave(self.submission_id, self.session.answers())
        try:
            self.store.interviews.finalize(self.submission_id)
        except FieldappError as error:
            show_error(self, error)
            return False
        self.editable = False
        self.state = "finalized"
        self.saved.emit(self.submission_id)
        self.close()
        return True

    def show_problems(self) -> None:
        held = self.view.question_at(QApplication.focusWidget())  # a grid's row too
        if held is not None:
            self._back_to = held
        self._fill_problems()
        self.problems_dock.show()
        if self.problem_list.count():
            self.problem_list.setCurrentRow(0)
            self.problem_list.setFocus()

    def hide_problems(self) -> None:
        """Esc in the list: close it and go back to the question the researcher was in."""
        self.problems_dock.hide()
        if self._back_to in self.view.nodes:
            self.view.reveal(self._back_to)
        else:
            self.view.navigator.setFocus()

    def _fill_problems(self) -> None:
        self.problem_list.clear()
        problems = self.session.problems()
        for problem in problems:
            section = self.view.section_of(problem.ref)
            where = self.view.sections[section].title(self.view.language) if section >= 0 else ""
            # which entry of a repeat: "Mechanism 2", not the same line once per entry
            entry = ".".join(str(step + 1) for step in problem.ref if isinstance(step, int))
            where = f"{where} {entry}" if entry else where
            # as the question reads on screen: "Comparing 2024 with 2015", not "${ref_end}"
            label = self.session.state(problem.ref).label or problem.element.name
            item = QListWidgetItem(f"{where} › {problem_line(label, problem.message)}")
            item.setData(Qt.ItemDataRole.UserRole, problem.ref)
            self.problem_list.addItem(item)
        if not problems:
            item = QListWidgetItem(self.tr("Nothing to fix: press Ctrl+Enter to finalize."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.problem_list.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        ref = item.data(Qt.ItemDataRole.UserRole)
        if ref is not None:
            self.view.reveal(tuple(ref), show_problem=True)

    # --- attachments and language ------------------------------------------------------------

    def _attach(self, name: str, content: bytes) -> str:
        import secrets

        path = Path(name)
        # A random suffix keeps names apart; a hash of the content would confirm a guess.
        filename = f"{path.stem}-{secrets.token_hex(4)}{path.suffix.lower()}"
        # Stored once, with the interview: a sealed form's file is encrypted before it
        # is written (the address returned is that of the stored bytes).
        sha256 = self.store.attachments.add(
            content, submission_id=self.submission_id, filename=filename
        )
        self._files[filename] = sha256
        return filename

    def _keep_audit(self, event: str) -> None:
        """Log ``event`` and store the audit log with the interview, for a form that
        asks for one (ODK's ``audit.csv``, kept as any other attachment)."""
        log = self.session.audit_event(event)
        if log is not None:
            self._files[AUDIT_FILE] = self.store.attachments.add(
                log, submission_id=self.submission_id, filename=AUDIT_FILE
            )

    def _attachment(self, value: str) -> bytes | None:
        sha256 = self._files.get(value)
        if sha256 is None:
            return None
        try:
            return bytes(self.store.attachments.get(sha256))
        except FieldappError:
            return None

    def _attachment_size(self, value: str) -> int | None:
        sha256 = self._files.get(value)
        return None if sha256 is None else self.store.attachments.size(sha256)

    def switch_form_language(self) -> None:
        """Ctrl+L: the form's next language, the keyboard staying in the question it was in
        (its options are made anew in the other language)."""
        held = self.view.question_at(QApplication.focusWidget())
        languages = self.session.form.languages
        following = (languages.index(self.view.language) + 1) % len(languages)
        self.set_form_language(languages[following])
        if held is not None and held in self.view.nodes:
            self.view.nodes[held].focus_editor()

    def set_form_language(self, language: str) -> None:
        found = self.language_box.findData(language)
        if found >= 0 and found != self.language_box.currentIndex():
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(found)
            self.language_box.blockSignals(False)
        self.view.set_language(language)
        self._keep_language(language)
        if self.problems_dock.isVisible():
            self._fill_problems()

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_SETTING)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1100, 760)
        keep_on_screen(self)
        splitter = settings.value(SPLITTER_SETTING)
        if isinstance(splitter, QByteArray):
            self.view.splitter.restoreState(splitter)

    def offer_quit(self, quit_action: QAction) -> None:
        """Put the list's own Quit in this window's menu, so that Ctrl+Q quits from here.

        The one action, not a copy: its keys and words stay the list's, and quitting goes
        the list's way (each interview window closes, saving, before the app ends).
        """
        self.interview_menu.addAction(quit_action)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editable and self._place_timer.isActive():  # the question just reached
            self._place_timer.stop()
            self._keep_place()
        settings = QSettings()
        settings.setValue(GEOMETRY_SETTING, self.saveGeometry())
        settings.setValue(SPLITTER_SETTING, self.view.splitter.saveState())
        if self.editable:
            try:
                if self.edited:  # opened and read only: no new revision, the state stays
                    # The log joins the answers only then: kept on its own it made one.
                    self._keep_audit("form exit")
                    self.store.interviews.autosave(self.submission_id, self.session.answers())
                self.store.interviews.save(self.submission_id)
            except FieldappError as error:
                show_error(self, error)
        self.closed.emit(self.submission_id)
        super().closeEvent(event)


def _language_name(language: str) -> str:
    """Show "Español (es)" as "Español"; keep unnamed languages as they are."""
    if language == "default":
        return "—"
    return language.rsplit("(", 1)[0].strip() or language


def problem_line(label: str, message: str) -> str:
    """Join a question's label and its problem: "Founded?: Write…" keeps one mark."""
    label = label.strip()
    return f"{label} {message}" if label[-1:] in "?!:.¿¡…" else f"{label}: {message}"
