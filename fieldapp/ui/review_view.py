"""The supervisor's review queue: read a finalized interview, see its history, decide.

The queue lists the interviews whose current state is finalized (not yet reviewed),
filtered like the main list; or, to take back an approval given by mistake, the approved
ones, returned with comments as a finalized one is (not approved again). The chosen
interview shows read-only in either form language, with its revisions and a per-field
difference between any two of them. Approve it, or return it with comments on the whole
interview or on single questions; the rules and the writing live in
``fieldapp.core.review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import pairwise
from typing import Any, Literal, NamedTuple

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.answer_rows import element_at, piped_label, show_answer, where_title
from fieldapp.core.central.copies import Claim, claim_reason, set_aside_claimed, standing_claims
from fieldapp.core.devices import may_act_for_study
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.model import Answers, Form, form_language_for
from fieldapp.core.interview_name import city_name, listed_name
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.quarantine import heads_on_set_aside, reviews_on_set_aside
from fieldapp.core.repeat_grid import GridCell, RepeatGrid, split_repeats
from fieldapp.core.review import diff_history
from fieldapp.core.store import InterviewFilter, RevisionId, RevisionRecord, State, SubmissionId
from fieldapp.core.store.derived import LISTING_CORRECTED
from fieldapp.ui.close_keys import close_with_keys
from fieldapp.ui.conflicts_view import DIFFERS
from fieldapp.ui.devices_desk import ReasonDialog
from fieldapp.ui.errors import show_error
from fieldapp.ui.form_parts import is_table_title
from fieldapp.ui.form_view import FormView
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import (
    CITY_NAMES,
    COLUMN,
    ROW_ROLE,
    InterviewsModel,
    actor_choices,
    actor_title,
    city_choices,
    short_time,
    shown_codes,
    state_title,
)
from fieldapp.ui.layouts import emptied, focus_new, packed_left
from fieldapp.ui.list_widgets import ANY_DATE, AnyDateEdit, interviews_table, refill_combo_box
from fieldapp.ui.named import named
from fieldapp.ui.plain import plain_tip
from fieldapp.ui.reviewer import remember_reviewer, reviewer_name, reviewer_refused
from fieldapp.ui.state import UiState

WHOLE_INTERVIEW = ""
"""The question key of a comment on the whole interview."""
READER_SHARE = 0.55
"""The least share of the window's width the interview read keeps beside the queue."""
UNBOUNDED = 16_777_215
"""Qt's largest widget size (QWIDGETSIZE_MAX): no maximum."""
NAME_LEAST = 150
"""The width the queue's name column keeps at the least ("CSO/OSC · Tijuana · 2…")."""


class ReviewView(QMainWindow):
    """Review finalized interviews one by one: approve, or return with comments.

    Showing the approved ones, the desk returns them (an approval taken back).
    """

    reviewed = Signal(str, str)
    """(submission id, "approved" | "returned") after a decision is stored."""

    def __init__(
        self, store: Any, parent: QWidget | None = None, *, state: UiState | None = None
    ) -> None:
        """``state``: share its study key (unlocked here or elsewhere: read again)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewView")
        self.store = store
        self.state = state
        self.submission_id: SubmissionId | None = None
        self.form: Form | None = None
        self.revisions: list[RevisionRecord] = []
        self.shown_answers: Answers | None = None
        """The answers of the version shown (None: none, or sealed)."""
        self.pending: dict[str, list[str]] = {}
        self.unsent: dict[SubmissionId, Unsent] = {}
        """Comments written on interviews left for another one of the queue, by interview:
        they are there again on coming back, until a decision sends or drops them."""
        self.seen: RevisionId | None = None
        self.readable = False
        self.conflicted = False
        self.approved = False
        self.heading_name = ""
        self.claims: tuple[Claim, ...] = ()
        """The instanceID claims of the interview shown, as its heading says them: a
        decision asks first (``_decided_despite_claim``), with no other read of the rows."""
        """The interview shown is approved: it can be returned (the approval taken back)."""
        """The interview shown has two heads (edited on two laptops): no decision yet."""
        """False when the interview is sealed and no study key opens it: nothing to decide on."""
        """The head revision shown: a decision applies to it, not to one merged in since."""
        """Comments written for the interview shown, by question key ("" = whole)."""
        self.model = InterviewsModel(store, self)
        self.model.marks_claims = True  # an interview of a claim marked in the queue
        self.form_view: FormView | None = None
        self.compared_of: SubmissionId | None = None
        """The interview whose versions the History's two boxes list."""

        self._build_queue()
        self._build_reading()
        self._build_decision()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tabs)
        right.addWidget(self.decision)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 900])
        self.setCentralWidget(self.splitter)
        self._refilter = QTimer(self, singleShot=True, interval=250)
        self._refilter.timeout.connect(self.apply_filters)
        self.retranslate()
        self.resize(1400, 860)
        self.apply_filters()
        self._order_tabs()
        # Opens with the keyboard on the queue, at the interview shown (as after a decision):
        # Tab's first stop, the search box, took it, where the arrows walked nothing.
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        close_with_keys(self, self.close_asking)  # a window of its own: no Escape
        if state is not None:
            state.study_key_changed.connect(self.read_again)

    # --- building -----------------------------------------------------------------------

    def _build_queue(self) -> None:
        self.queue = named(QWidget(), "reviewQueue")
        # What the queue lists: the interviews waiting for review, or the approved ones (an
        # approval given by mistake is returned from there).
        self.queue_state = named(QComboBox(), "queueState")
        self.queue_state.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.search_edit = named(QLineEdit(clearButtonEnabled=True), "searchEdit")
        self.city_filter = named(QComboBox(), "cityFilter")
        self.actor_filter = named(QComboBox(), "actorFilter")
        self.interviewer_filter = named(QLineEdit(clearButtonEnabled=True), "interviewerFilter")
        self.count_label = named(QLabel(), "queueCount")
        # The decision just stored, and on which interview: the next one shows at once.
        self.decided_label = named(QLabel(), "lastDecision")
        self.decided_label.setWordWrap(True)
        self.decided_label.setTextFormat(Qt.TextFormat.PlainText)  # package names: as written
        self.decided_label.setProperty("role", "hint")
        # Shown only when rows are quarantined: the queue leaves them out and says so.
        self.quarantined_label = named(QLabel(), "queueQuarantined")
        self.quarantined_label.setWordWrap(True)
        self.quarantined_label.setProperty("role", "hint")
        self.quarantined_label.hide()
        self.from_date, self.to_date = (
            named(AnyDateEdit(), "fromDate"),
            named(AnyDateEdit(), "toDate"),
        )
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(lambda _: self.apply_filters())
        self.from_label, self.to_label = QLabel(), QLabel()
        self.table = interviews_table("queueTable", self.model)
        for field in ("state", "last_saved"):
            self.table.hideColumn(COLUMN[field])  # every row is in the state the queue lists
        # The server column is the researcher's list's: the queue is never given it.
        self.table.hideColumn(COLUMN["send_state"])
        header = self.table.horizontalHeader()
        # A queue: the oldest interview first, by its start (sorting on, Qt sorted by the name
        # backwards, the first column's default).
        header.setSortIndicator(COLUMN["created_at"], Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The name gives way when the pane is narrow (1366x768): it repeats the actor, city
        # and day the columns beside it show whole; it was the date that was cut.
        header.setSectionResizeMode(COLUMN["instance_name"], QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._picked())
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self, self.fit_queue))
        filters = QHBoxLayout()
        filters.addWidget(self.city_filter)
        filters.addWidget(self.actor_filter)
        layout = QVBoxLayout(self.queue)
        layout.setContentsMargins(8, 8, 4, 8)
        # The search first, as in the list of interviews; then what the queue lists.
        layout.addWidget(self.search_edit)
        layout.addWidget(self.queue_state)
        layout.addLayout(filters)
        layout.addWidget(self.interviewer_filter)
        layout.addLayout(packed_left(self.from_label, self.from_date, self.to_label, self.to_date))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.decided_label)
        layout.addWidget(self.quarantined_label)
        self.search_edit.textChanged.connect(lambda _: self._refilter.start())
        self.interviewer_filter.textChanged.connect(lambda _: self._refilter.start())
        for box in (self.city_filter, self.actor_filter):
            box.currentIndexChanged.connect(lambda _: self.apply_filters())

    def _build_reading(self) -> None:
        self.tabs = named(QTabWidget(), "reviewTabs")
        reading = QWidget()
        self.language_box = named(QComboBox(), "formLanguage")
        self.language_box.currentIndexChanged.connect(lambda _: self._language_changed())
        self.language_label = QLabel()
        self.heading = named(QLabel(), "reviewHeading")
        self.heading.setProperty("role", "banner")
        self.heading.setWordWrap(True)  # a long title wraps instead of widening the pane
        # Its names come from packages: as written, never as markup (``ui.plain``).
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.unlock_button = named(QPushButton(), "unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        self.unlock_button.hide()
        top.addWidget(self.unlock_button)
        top.addWidget(self.language_label)
        top.addWidget(self.language_box)
        # Under a claim's line: set the interview shown aside, where this database may act
        # for the study; elsewhere a line saying who can (claims2).
        self.claim_note = named(QLabel(), "claimNote")
        self.claim_note.setWordWrap(True)
        self.claim_note.setProperty("role", "hint")
        self.claim_note.setTextFormat(Qt.TextFormat.PlainText)
        self.set_aside_button = named(QPushButton(), "setAsideClaimed")
        self.set_aside_button.clicked.connect(self.set_aside_claimed)
        claim_row = QHBoxLayout()
        claim_row.addWidget(self.set_aside_button)  # its width, under the claim it answers
        claim_row.addWidget(self.claim_note, 1)
        claim_row.addStretch()
        self.claim_note.hide()
        self.set_aside_button.hide()
        self.form_holder = named(QStackedWidget(), "formHolder")
        self.nothing_label = named(QLabel(), "nothingChosen")
        self.nothing_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form_holder.addWidget(self.nothing_label)
        layout = QVBoxLayout(reading)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addLayout(claim_row)
        layout.addWidget(self.form_holder, 1)
        self.tabs.addTab(reading, "")

        history = QWidget()
        self.history_table = named(QTableWidget(0, 4), "historyTable")
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.verticalHeader().hide()
        self.history_table.setTabKeyNavigation(False)  # Tab leaves for the comparison
        versions_header = self.history_table.horizontalHeader()
        versions_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        versions_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the device
        self.events_list = named(QListWidget(), "eventsList")
        self.older_box = named(QComboBox(), "olderRevision")
        self.newer_box = named(QComboBox(), "newerRevision")
        for box in (self.older_box, self.newer_box):
            box.currentIndexChanged.connect(lambda _: self.show_diff())
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(16)
        self.compare_label, self.with_label = QLabel(), QLabel()
        # one version a line: side by side, at 1366x768, each box cut its version's state
        # and who saved it ("4. 2026-10-06 19:45 · Finalizad")
        pick = QGridLayout()
        pick.addWidget(self.compare_label, 0, 0)
        pick.addWidget(self.older_box, 0, 1)
        pick.addWidget(self.with_label, 1, 0)
        pick.addWidget(self.newer_box, 1, 1)
        pick.setColumnStretch(1, 1)
        self.diff_table = named(QTableWidget(0, 3), "diffTable")
        self.diff_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff_table.verticalHeader().hide()
        self.diff_table.setTabKeyNavigation(False)  # the arrows walk it; Tab goes on
        self.diff_table.setWordWrap(True)
        for column in range(3):
            self.diff_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        # An empty comparison says why where its rows would be (an approval copies the
        # finalized answers: compared, the two read as a blank table); the table keeps
        # no row for it, laid over its viewport as the main list's empty text is.
        self.no_difference = named(QLabel(), "noDifference")
        self.no_difference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_difference.setWordWrap(True)
        self.no_difference.setProperty("role", "hint")
        self.no_difference_code: str | None = None
        """The message it says (``review.history.*``, or why the versions could not be
        compared), None while the table has rows."""
        self.no_difference_said: str | FieldappError | None = None
        QVBoxLayout(self.diff_table.viewport()).addWidget(self.no_difference)
        self.no_difference.hide()
        # A repeat that changed reads as a grid of its entries below the other changes.
        self.grids = QWidget()
        self.grids.setObjectName("repeatGrids")
        self.grids_layout = QVBoxLayout(self.grids)
        self.grids_layout.setContentsMargins(0, 0, 0, 0)
        self.repeat_grids: list[QTableWidget] = []
        """The grids shown, each with the repeat it shows as its ``repeat`` property."""
        self.grids_area = QScrollArea()
        self.grids_area.setObjectName("repeatGridsArea")
        self.grids_area.setWidgetResizable(True)
        self.grids_area.setWidget(self.grids)
        self.grids_area.hide()
        # The versions beside the review events, above the comparison: stacked, at
        # 1366×768 the versions had room for one row of six.
        self.events_list.setWordWrap(True)
        versions = QWidget()
        beside = QHBoxLayout(versions)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.addWidget(self.history_table, 3)
        beside.addWidget(self.events_list, 2)
        comparison = QWidget()
        below = QVBoxLayout(comparison)
        below.setContentsMargins(0, 0, 0, 0)
        below.addLayout(pick)
        below.addWidget(self.diff_table, 3)
        below.addWidget(self.grids_area, 3)
        self.history_split = named(QSplitter(Qt.Orientation.Vertical), "historySplit")
        self.history_split.setChildrenCollapsible(False)
        self.history_split.addWidget(versions)
        self.history_split.addWidget(comparison)
        self.history_split.setSizes([500, 500])  # halves, whatever the comparison holds
        layout = QVBoxLayout(history)
        layout.addWidget(self.history_split)
        self.tabs.addTab(history, "")

    def _build_decision(self) -> None:
        self.decision = named(QWidget(), "decisionPanel")
        self.question_box = named(QComboBox(), "commentTarget")
        # long question labels must not make the panel wider than the window allows
        self.question_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question_box.setMinimumContentsLength(30)
        self.comment_edit = named(QPlainTextEdit(), "commentEdit")
        self.comment_edit.setMaximumHeight(80)
        self.comment_edit.setTabChangesFocus(True)  # Tab typed a tab: Approve was out of reach
        self.add_comment_button = named(QPushButton(), "addComment")
        self.add_comment_button.clicked.connect(self.add_comment)
        self.pending_label = named(QLabel(), "pendingCommentsLabel")
        self.pending_label.setProperty("role", "hint")
        self.pending_label.setWordWrap(True)
        self.comments_list = named(QListWidget(), "pendingComments")
        self.comments_list.setMaximumHeight(90)
        self.comments_list.itemDoubleClicked.connect(self.remove_comment)
        # from the keyboard too: the list is a Tab stop, and a comment added by mistake
        # would otherwise go with the return
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            take_back = QShortcut(QKeySequence(key), self.comments_list)
            take_back.setContext(Qt.ShortcutContext.WidgetShortcut)
            take_back.activated.connect(self._remove_current_comment)
        self.reviewer_edit = named(QLineEdit(), "reviewerEdit")
        self.reviewer_edit.setText(reviewer_name())
        self.approve_button = named(QPushButton(), "approveButton")
        self.return_button = named(QPushButton(), "returnButton")
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_interview)
        # Read as a reviewer works, and as Tab goes: what the comment is on, the comment
        # and its Add button, the comments added; last the reviewer's name beside the
        # decision, as on the Conflicts desk.
        self.about_label, self.reviewer_label = QLabel(), QLabel()
        about = QHBoxLayout()
        about.addWidget(self.about_label)
        about.addWidget(self.question_box, 1)
        writing = QHBoxLayout()
        writing.addWidget(self.comment_edit, 1)
        writing.addWidget(self.add_comment_button, 0, Qt.AlignmentFlag.AlignTop)
        decide = QHBoxLayout()
        decide.addWidget(self.reviewer_label)
        decide.addWidget(self.reviewer_edit, 1)
        decide.addWidget(self.return_button)
        decide.addWidget(self.approve_button)
        layout = QVBoxLayout(self.decision)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.addLayout(about)
        layout.addLayout(writing)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.comments_list)
        layout.addLayout(decide)
        self.comment_edit.textChanged.connect(self._update_buttons)
        # A decision needs its author: the name is asked once and remembered.
        self.reviewer_edit.textChanged.connect(self._update_buttons)
        self.reviewer_edit.editingFinished.connect(self._remember_reviewer)
        self._update_buttons()

    def _order_tabs(self) -> None:
        """Tab through the desk as a reviewer works: the search and filters, the queue,
        the interview (or its history), then the decision, Approve last.

        Left to Qt, the order was the order of making: the queue's state choice came
        before the search, and the interview shown, made anew for each one, came after
        Approve. Called again whenever the interview or a repeat's grid is made anew.
        """
        chain: list[QWidget] = [
            *(self.search_edit, self.queue_state, self.city_filter, self.actor_filter),
            *(self.interviewer_filter, self.from_date, self.to_date, self.table, self.tabs),
            *(self.unlock_button, self.language_box, self.set_aside_button),
            *_inner_chain(self.form_view),
            *(self.history_table, self.events_list, self.older_box, self.newer_box),
            *(self.diff_table, *_inner_chain(self.grids)),
            *(self.question_box, self.comment_edit, self.add_comment_button),
            *(self.comments_list, self.reviewer_edit, self.return_button, self.approve_button),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review queue — fieldapp"))
        self.search_edit.setPlaceholderText(self.tr("Search interviews"))
        self.interviewer_filter.setPlaceholderText(self.tr("Interviewer"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        for edit in (self.from_date, self.to_date):
            edit.setSpecialValueText(self.tr("any date"))
        self.tabs.setTabText(0, self.tr("Interview"))
        self.tabs.setTabText(1, self.tr("History"))
        self.language_label.setText(self.tr("Form language:"))
        self.unlock_button.setText(self.tr("Open with the study key…"))
        self.nothing_label.setText(self.tr("Pick an interview of the queue to review it."))
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Saved"), self.tr("By"), self.tr("State"), self.tr("Device")]
        )
        self.diff_table.setHorizontalHeaderLabels(
            [self.tr("Question"), self.tr("Before"), self.tr("After")]
        )
        self.compare_label.setText(self.tr("Compare"))
        self._say_no_difference(self.no_difference_said)
        self.with_label.setText(self.tr("with"))
        self.about_label.setText(self.tr("Comment on"))
        self.reviewer_label.setText(self.tr("Reviewer"))
        self.reviewer_edit.setPlaceholderText(self.tr("Your name (needed to approve or return)"))
        self.comment_edit.setPlaceholderText(
            self.tr("What must the researcher fix? (needed to return the interview)")
        )
        self.add_comment_button.setText(self.tr("Add comment"))
        self.pending_label.setText(
            self.tr(
                "Comments added, sent when you return the interview (Delete or a "
                "double-click takes one back):"
            )
        )
        self.approve_button.setText(self.tr("Approve"))
        self.return_button.setText(self.tr("Return to researcher"))
        language = current_language()
        boxes: dict[QComboBox, list[tuple[str, Any]]] = {
            self.queue_state: [
                (text("review.ui.show_waiting", language), "finalized"),
                (text("review.ui.show_approved", language), "approved"),
            ],
            self.city_filter: [(self.tr("All cities"), None), *city_choices()],
            self.actor_filter: [(self.tr("All actors"), None), *actor_choices()],
        }
        for box, items in boxes.items():
            refill_combo_box(box, items)
        self._update_count()

    # --- the queue ----------------------------------------------------------------------

    def current_filter(self) -> InterviewFilter:
        def bound(edit: AnyDateEdit) -> dt.date | None:
            date = edit.date()
            return None if date == ANY_DATE else dt.date(date.year(), date.month(), date.day())

        return InterviewFilter(
            state=self.listed_state(),
            date_from=bound(self.from_date),
            date_to=bound(self.to_date),
            city=self.city_filter.currentData(),
            actor_type=self.actor_filter.currentData(),
            interviewer=self.interviewer_filter.text().strip() or None,
            text=self.search_edit.text().strip() or None,
            text_codes=shown_codes(self.search_edit.text()),
        )

    def listed_state(self) -> State:
        """Return the state of the interviews the queue lists: finalized, or approved."""
        return "approved" if self.queue_state.currentData() == "approved" else "finalized"

    def apply_filters(self) -> None:
        chosen = self.submission_id
        self.model.set_filters(self.current_filter())
        if chosen is not None and self.model.find(chosen) >= 0:
            self.select(chosen)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.show_interview(None)

    def fit_queue(self) -> None:
        """Widen the queue so its columns show whole, as far as the reading pane allows.

        The interview is what the supervisor reads: its pane keeps at least ``READER_SHARE``
        of the width, and the queue's name gives way first (it repeats the actor, city and
        day beside it). At 1366×768 the queue took three fifths for its longest name: the
        interview read in a column a third of the screen wide, its sections' titles cut
        ("Fuerzas de seguridad y c…"), and the review events beside the versions were
        a word wide. The other columns stay whole: the start kept its minutes.
        """
        header = self.table.horizontalHeader()
        shown = [c for c in range(self.model.columnCount()) if not self.table.isColumnHidden(c)]
        widths = {
            column: max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column))
            for column in shown
        }
        queue_layout = self.queue.layout()
        assert queue_layout is not None  # built with one
        margins = queue_layout.contentsMargins()
        frame = margins.left() + margins.right() + 2 * self.table.frameWidth()
        frame += self.table.verticalScrollBar().sizeHint().width() + 4
        name = COLUMN["instance_name"]
        needed = sum(widths.values()) + frame
        least = needed - widths[name] + min(widths[name], NAME_LEAST)
        total = sum(self.splitter.sizes())
        reader = self.splitter.widget(1)
        assert reader is not None  # the queue and the interview: two panes
        room = max(reader.minimumSizeHint().width(), int(total * READER_SHARE))
        left = min(max(least, min(needed, total - room)), total - reader.minimumSizeHint().width())
        if left > self.splitter.sizes()[0]:
            self.splitter.setSizes([left, total - left])

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit_queue)  # once the splitter has its final width

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.fit_queue)

    def _update_count(self) -> None:
        total = self.model.total
        listed = self.model.listed()  # its state: the queue's choice, as the model applied it
        state = listed.state
        code = "count.review_approved" if state == "approved" else "count.review_waiting"
        language = current_language()
        parts = [text(code, language, count=total)]
        if listed.sealed_hidden:  # "7 wait" where `review list` says 11: say why
            hidden = self.store.interviews.count(
                InterviewFilter(state=state)
            ) - self.store.interviews.count(InterviewFilter(state=state, sealed_hidden=True))
            if hidden:  # counted without the filters: the same whatever is typed in them
                parts.append(text("count.sealed_hidden", language, count=hidden))
        self.count_label.setText(" · ".join(parts))
        from fieldapp.core.quarantine import skipped, skipped_line

        line = skipped_line(skipped(self.store.conn), current_language())
        self.quarantined_label.setText(line or "")
        self.quarantined_label.setVisible(line is not None)

    def select(self, submission_id: str) -> None:
        row = self.model.find(submission_id)
        if row >= 0:
            self.table.selectRow(row)

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        line = self.model.data(rows[0], ROW_ROLE) if rows else None
        self.show_interview(None if line is None else line.submission_id)

    # --- reading one interview -------------------------------------------------------------

    def show_again(self, submission_id: SubmissionId, pending: dict[str, list[str]]) -> None:
        """Read an interview again, keeping the comments not yet saved (``pending``)."""
        self.submission_id = None
        self.show_interview(submission_id)
        self._put_back(pending)

    def refresh_if_open(self) -> None:
        """Read the queue again after a change elsewhere (a merge), unless closed: the
        interview shown stays, read again if a version of it came in."""
        if not self.isVisible():
            return
        chosen = self.submission_id
        self.model.set_filters(self.current_filter())
        if chosen is None:
            if self.model.rowCount():
                self.table.selectRow(0)
            return
        if self.model.find(chosen) >= 0:
            self.select(chosen)
        # else it stays shown, though the queue no longer lists it: the supervisor is
        # reading it (the key just forgotten hides it; a study key change reads it again)
        heads = self.store.interviews.heads(self.submission_id)
        if (heads[0].revision_id if len(heads) == 1 else None) != self.seen or (
            len(heads) > 1
        ) != self.conflicted:
            self.read_again()

    def read_again(self, _study_key: object = None) -> None:
        """Show the interview again after the study key changed: sealed, or opened by it.

        The comments not yet saved and the one being typed stay.
        """
        if self.submission_id is None:
            return
        typed = self.comment_edit.toPlainText()
        self.show_again(self.submission_id, self.pending)
        self.comment_edit.setPlainText(typed)

    def show_interview(self, submission_id: SubmissionId | None) -> None:
        """Show an interview read-only with its history (None: nothing chosen)."""
        if submission_id == self.submission_id and submission_id is not None:
            return
        self._keep_unsent()
        self.submission_id = submission_id
        self.pending = {}
        self.comments_list.clear()
        self.comment_edit.clear()
        if self.form_view is not None:
            self.form_holder.removeWidget(self.form_view)
            self.form_view.deleteLater()
            self.form_view = None
        if submission_id is None:
            self.form = None
            self.revisions = []
            self.shown_answers = None
            self.readable = False  # nothing shown, nothing to decide on
            self.conflicted = False
            self.approved = False
            self.claims = ()
            self.heading.setText("")
            self.heading_name = ""
            self.unlock_button.hide()
            self.nothing_label.setText(self.tr("Pick an interview of the queue to review it."))
            self.form_holder.setCurrentWidget(self.nothing_label)
            self._fill_history()
            self._update_buttons()
            return
        submission = self.store.interviews.submission(submission_id)
        self.form = self.store.forms.load(submission.form_sha256)
        self.revisions = self.store.interviews.history(submission_id)
        self.language_box.blockSignals(True)
        self.language_box.clear()
        for language in self.form.languages:
            self.language_box.addItem(language.rsplit("(", 1)[0].strip() or language, language)
        wanted = form_language_for(self.form, current_language())
        self.language_box.setCurrentIndex(max(self.language_box.findData(wanted), 0))
        self.language_box.blockSignals(False)
        self.language_box.setVisible(len(self.form.languages) > 1)
        self.language_label.setVisible(len(self.form.languages) > 1)
        heads = self.store.interviews.heads(submission_id)
        self.seen = heads[0].revision_id if len(heads) == 1 else None
        answers = heads[0].answers if heads else None
        self.shown_answers = answers
        self.readable = answers is not None
        self.unlock_button.setVisible(not self.readable)
        returns = sum(r.state == "returned" for r in self.revisions)
        again = self.tr(" · returned %1× before").replace("%1", str(returns)) if returns else ""
        # named as the queue names it: a sealed head's opened instance name is not the
        # list's (the listing keeps none), so the heading says its actor, city and day too
        name = listed_name(self.store, submission_id, current_language())
        # A study form's instance name already says the city ("… · Tijuana · 2026-07-12"):
        # each fact once.
        facts = (
            CITY_NAMES.get(submission.city, submission.city),
            actor_title(submission.actor_type),
            submission.interviewer,
        )
        told = " · ".join([name, *(fact for fact in facts if fact and fact not in name)])
        self.conflicted = len(heads) > 1
        # her review of answers since set aside counts as none (unsigned6): decidable
        reviewed_on = self._review_on_set_aside(submission_id) if len(heads) == 1 else ""
        self.approved = len(heads) == 1 and heads[0].state == "approved" and not reviewed_on
        # shown as one of its versions: said before the supervisor reads it, not at Approve
        apart = f"\n⚠ {text('review.ui.conflicted', current_language())}" if self.conflicted else ""
        if self.conflicted:
            apart = self._written_on_set_aside(submission_id) or apart
        if self.approved:
            apart = f"\n{text('review.ui.approved_heading', current_language())}"
        apart = reviewed_on or apart
        self.heading_name = told + again
        self.heading.setText(told + again + apart + self._claims_said(submission_id))
        if answers is not None:
            session = Session(
                self.form,
                answers,
                language=wanted,
                device_id=self.store.device_id,
                username=submission.interviewer,
                beside_question=True,
            )
            self.form_view = FormView(session, readonly=True)
            self.form_holder.addWidget(self.form_view)
            self.form_holder.setCurrentWidget(self.form_view)
        else:
            self.nothing_label.setText(
                self.tr("This interview is sealed for the study key: open it with the key.")
            )
            self.form_holder.setCurrentWidget(self.nothing_label)
        self._fill_questions()
        self._fill_history()
        self._order_tabs()
        kept = self.unsent.pop(submission_id, None)
        if kept is not None:  # written before the supervisor looked at another interview
            self._put_back(kept.pending)
            self.question_box.setCurrentIndex(max(self.question_box.findData(kept.about), 0))
            self.comment_edit.setPlainText(kept.typed)
        self._update_buttons()

    def _claims_said(self, submission_id: SubmissionId) -> str:
        """Return a line for each instanceID claim the interview is part of (each names
        the other interview), asked of the rows each time it shows; offer to set the
        interview aside under them (``set_aside_claimed``)."""
        language = current_language()
        lines = []
        claims = self.claims = standing_claims(self.store, submission_id)
        self._offer_set_aside(bool(claims))
        for claim in claims:
            mine = claim.copy == submission_id
            other = SubmissionId(claim.interview if mine else claim.copy)
            code = "review.ui.claimed_by_other" if mine else "review.ui.claims_other"
            name = listed_name(self.store, other, language)
            said = text(code, language, other=name, other_id=other, instance_id=claim.instance_id)
            lines.append(f"\n⚠ {said}")
        return "".join(lines)

    def _offer_set_aside(self, claimed: bool) -> None:
        """Show *Set this interview aside…* under a claim, or, where this database may
        not quarantine for the study, the line saying who can."""
        language = current_language()
        may = claimed and may_act_for_study(self.store)
        self.set_aside_button.setText(text("review.ui.claim_set_aside", language))
        self.set_aside_button.setToolTip(plain_tip(text("review.ui.claim_set_aside_tip", language)))
        self.set_aside_button.setVisible(may)
        self.claim_note.setText(text("review.ui.claim_supervisor_only", language))
        self.claim_note.setToolTip(plain_tip(text("review.ui.claim_set_aside_tip", language)))
        self.claim_note.setVisible(claimed and not may)

    def set_aside_claimed(self) -> bool:
        """Ask for confirmation and a reason, then set the interview shown aside (a signed
        quarantine of its ``submissions`` row): the claim it is part of no longer stands.
        True when it was set aside."""
        sid = self.submission_id
        if sid is None:
            return False
        claims = standing_claims(self.store, sid)
        if not claims or not may_act_for_study(self.store):
            self._offer_set_aside(bool(claims))
            return False
        language = current_language()
        claim = claims[0]
        other = SubmissionId(claim.other_than(sid))
        said = {
            "name": self.heading_name,
            "submission": sid,
            "other": listed_name(self.store, other, language),
            "other_id": other,
        }
        reason = claim_reason(claim, sid, language)
        answer = ReasonDialog.ask(
            text("review.ui.claim_set_aside_title", language),
            text("review.ui.claim_set_aside_explained", language, **said),
            text("review.ui.claim_set_aside_confirm", language),
            self,
            reason=reason,
        )
        if answer is None or self.submission_id != sid:
            return False
        reason, author = answer
        try:  # asked of the rows again: a merge meanwhile may have ended the claim
            set_aside_claimed(self.store, sid, reason=reason, author=author)
        except FieldappError as error:
            show_error(self, error)
            return False
        self.decided_label.setText(text("review.ui.claim_set_aside_done", language, **said))
        self._gone_from_queue(sid)  # set aside: the queue no longer lists it
        return True

    def _keep_unsent(self) -> None:
        """Keep the comments written on the interview shown, before another one shows."""
        typed = self.comment_edit.toPlainText()
        if self.submission_id is not None and (self.pending or typed.strip()):
            about = self.question_box.currentData() or WHOLE_INTERVIEW
            self.unsent[self.submission_id] = Unsent(
                {key: list(notes) for key, notes in self.pending.items()}, typed, about
            )

    def _put_back(self, pending: dict[str, list[str]]) -> None:
        for key, notes in pending.items():
            self.question_box.setCurrentIndex(max(self.question_box.findData(key), 0))
            for note in notes:
                self.comment_edit.setPlainText(note)
                self.add_comment()

    def unsent_count(self) -> int:
        """Return on how many interviews comments are written and not sent."""
        shown = bool(self.pending or self.comment_edit.toPlainText().strip())
        others = set(self.unsent) - {self.submission_id}
        return len(others) + (shown and self.submission_id is not None)

    def close_asking(self) -> None:
        """Close from the platform's Close keys (Ctrl+W), asking first, as the window
        manager's close does, when comments are not sent."""
        count = self.unsent_count()
        if count and not ask_close_unsent(self, count):
            return
        self.close()

    def closeEvent(self, event: Any) -> None:
        """Closing by hand with comments not sent asks first: they would be lost."""
        count = self.unsent_count()
        if event.spontaneous() and count and not ask_close_unsent(self, count):
            event.ignore()
            return
        super().closeEvent(event)

    def unlock(self) -> bool:
        """Open sealed interviews with the study key: the app's one key dialog (ui/lock.py)."""
        from fieldapp.ui.lock import unlock_with_study_key

        key = unlock_with_study_key(self, self.store)
        if key is None:
            return False
        if self.state is None:
            self.read_again()
        else:
            self.state.set_study_key(key)  # exports take it too; this view reads again
        return True

    def _language_changed(self) -> None:
        if self.form_view is not None and self.language_box.currentData():
            self.form_view.set_language(self.language_box.currentData())
            self._fill_questions()
            self.show_diff()

    def _fill_questions(self) -> None:
        self.question_box.clear()
        self.question_box.addItem(self.tr("The whole interview"), WHOLE_INTERVIEW)
        if self.form is None:
            return
        language = self.language_box.currentData() or self.form.default_language
        meta = f"{self.form.root.path}/meta/"
        for question in self.form.questions():
            if question.type.is_metadata or question.path.startswith(meta) or not question.labels:
                continue
            if is_table_title(question):
                continue  # a grid's title: the laptop shows a comment beside questions only
            label = piped_label(self.form, question, language, self._newest_answers())
            self.question_box.addItem(f"{_short(label)} ({question.key})", question.key)

    def _keep_versions_whole(self) -> None:
        """Ask the width the versions' four columns need, so that the review events beside
        them take only the rest: at 1366×768, with events shown, *Dispositivo* was cut off
        behind a horizontal scroll bar (the events wrap, the versions cannot)."""
        table = self.history_table
        header = table.horizontalHeader()
        columns = sum(  # what each column needs, not the width the last one stretched to
            max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
            for column in range(table.columnCount())
        )
        scroll = table.verticalScrollBar().sizeHint().width()  # six versions or more scroll
        table.setMinimumWidth(columns + scroll + 2 * table.frameWidth())

    def _fill_history(self) -> None:
        self.history_table.setRowCount(len(self.revisions))
        for row, revision in enumerate(self.revisions):
            cells = (
                short_time(revision.saved_at),
                revision.author,
                state_title(revision.state),
                revision.device_id[:8],
            )
            for column, value in enumerate(cells):
                self.history_table.setItem(row, column, QTableWidgetItem(value))
        self._keep_versions_whole()
        self.events_list.clear()
        if self.submission_id is not None:
            for event in self.store.events.of(self.submission_id):
                comment = event.payload.get("comment", "")
                question = event.payload.get("question")
                where = f" [{self._where(question)}]" if question else ""
                self.events_list.addItem(
                    f"{short_time(event.at)} · {event.author} · "
                    f"{self._event_title(event.kind, event.payload)}"
                    f"{where}" + (f": {comment}" if comment else "")
                )
        # no review event yet: the versions take the width (Dispositivo was cut off); with
        # events, the versions take what their columns need and the events the rest (they
        # were a word wide beside a stretched Dispositivo)
        events = self.events_list.count() > 0
        self.events_list.setVisible(events)
        table = self.history_table
        table.setMaximumWidth(table.minimumWidth() if events else UNBOUNDED)
        picked = self._picked_pair() if self.compared_of == self.submission_id else None
        ids = [revision.revision_id for revision in self.revisions]
        if picked is not None and not all(chosen in ids for chosen in picked):
            picked = None
        # the boxes stay quiet while filled and set: one diff at the end, not one per change
        for place, (box, last) in enumerate(((self.older_box, 2), (self.newer_box, 1))):
            box.blockSignals(True)
            box.clear()
            for number, revision in enumerate(self.revisions, start=1):
                box.addItem(
                    f"{number}. {short_time(revision.saved_at)} · {state_title(revision.state)}"
                    f" · {revision.author}",
                    revision.revision_id,
                )
            if picked is not None:
                box.setCurrentIndex(ids.index(picked[place]))
            elif len(self.revisions) >= last:
                box.setCurrentIndex(len(self.revisions) - last)
            box.blockSignals(False)
        self.compared_of = self.submission_id
        self.show_diff()

    def _picked_pair(self) -> tuple[RevisionId, RevisionId] | None:
        """Return the two versions the supervisor chose to compare, older first; None when
        the boxes show what they open on (the newest against the one before), which
        follows a version come in since."""
        ids = [self.older_box.itemData(index) for index in range(self.older_box.count())]
        pair = (self.older_box.currentData(), self.newer_box.currentData())
        if not ids or None in pair or pair == (ids[max(len(ids) - 2, 0)], ids[-1]):
            return None
        return pair

    def show_diff(self) -> None:
        """Fill the per-field difference between the two chosen revisions.

        A grid that held the keyboard (the interview read again: a study key given or
        forgotten) hands it to the same repeat's new grid, on the same cell.
        """
        held = self._clear_grids()
        self._fill_diff()
        if held is not None:
            self._focus_grid(*held)
        self.grids_area.setVisible(bool(self.repeat_grids))
        self._order_tabs()

    def _fill_diff(self) -> None:
        self._say_no_difference(None)
        older, newer = self.older_box.currentData(), self.newer_box.currentData()
        self.diff_table.setRowCount(0)
        if self.submission_id is None or older is None or newer is None:
            return
        try:
            changes = diff_history(self.store, self.submission_id, older, newer)
        except FieldappError as error:
            # said across the table, wrapped, where its rows would be: in the first column's
            # cell it was cut after two lines, its ids filling them (walksup)
            self.diff_table.setVisible(True)  # an earlier pair may have shown grids alone
            self._say_no_difference(error)
            return
        answers = {r.revision_id: r.answers or {} for r in self.revisions}
        compared = [answers.get(older, {}), answers.get(newer, {})]
        changes, grids = split_repeats(self.form, compared[0], compared[1], changes)
        for grid in grids:
            self._add_grid(grid)
        self.diff_table.setVisible(bool(changes) or not grids)  # no empty list above a grid
        if not changes and not grids:
            if len(self.revisions) == 1:
                self._say_no_difference("review.history.one_version")
            elif older == newer:
                self._say_no_difference("review.history.same_version")
            else:
                self._say_no_difference("review.history.no_difference")
        self.diff_table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            before, after = (
                self._shown(change.field, change.before),
                self._shown(change.field, change.after),
            )
            values = (self._field_title(change.field, compared), before, after)
            for column, (value, tip) in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tip)
                # long answers make tall rows: the question stays at the top, beside them
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.diff_table.setItem(row, column, item)
        self.diff_table.resizeRowsToContents()

    def _say_no_difference(self, said: str | FieldappError | None) -> None:
        """Say over the empty comparison why it is empty (a message id, or why the two
        versions could not be compared); None: hide it."""
        self.no_difference_said = said
        self.no_difference_code = said.code if isinstance(said, FieldappError) else said
        if isinstance(said, FieldappError):
            self.no_difference.setText(said.text(current_language()))
        elif said is not None:
            self.no_difference.setText(text(said, current_language()))
        self.no_difference.setVisible(said is not None)

    def _clear_grids(self) -> tuple[str, int, int] | None:
        """Take the grids away; return the repeat, row and column of the grid's cell that
        held the keyboard, if one did."""
        shown = list(self.repeat_grids)
        held = emptied(self.grids_layout)
        self.repeat_grids.clear()
        if isinstance(held, QTableWidget) and held in shown:
            return str(held.property("repeat")), held.currentRow(), held.currentColumn()
        return None

    def _focus_grid(self, repeat: str, row: int, column: int) -> None:
        """Give the keyboard to ``repeat``'s grid, on the cell nearest ``row``, ``column``;
        to the list of changes (or the revision compared) when that repeat has no grid."""
        for table in self.repeat_grids:
            if table.property("repeat") == repeat:
                focus_new(table)
                last_row, last_column = table.rowCount() - 1, table.columnCount() - 1
                table.setCurrentCell(min(row, last_row), min(column, last_column))
                return
        fallback = self.diff_table if not self.diff_table.isHidden() else self.older_box
        fallback.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_grid(self, grid: RepeatGrid) -> None:
        """Show one repeat's entries: a row each, a column per question, changes marked."""
        language = current_language()
        changed = sum(1 for row in grid.rows if row.status != "same")
        title = QLabel(
            text(
                "review.grid.title",
                language,
                repeat=self._where(grid.repeat),
                changed=changed,
                entries=len(grid.rows),
            )
        )
        title.setObjectName("repeatGridTitle")
        table = QTableWidget(len(grid.rows), len(grid.columns))
        table.setObjectName("repeatGrid")
        table.setTabKeyNavigation(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for column, key in enumerate(grid.columns):
            where = f"{grid.repeat}[1]/{key}"
            element = element_at(self.form, where) if self.form is not None else None
            label = " ".join(element.label(self._language()).split()) if element else ""
            header = QTableWidgetItem(_short(label or key, 30))
            header.setToolTip(key)
            table.setHorizontalHeaderItem(column, header)
        for row_number, row in enumerate(grid.rows):
            code = {"added": "review.grid.added", "removed": "review.grid.removed"}
            number = str(row.number)
            if row.status in code:
                number = text(code[row.status], language, number=row.number)
            table.setVerticalHeaderItem(row_number, QTableWidgetItem(number))
            for column, cell in enumerate(row.cells):
                table.setItem(row_number, column, self._grid_item(grid.where(row, column), cell))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        # Tall enough for its rows (up to about ten): the area around the grids scrolls.
        rows_height = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 10)))
        frame = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 20
        table.setMinimumHeight(rows_height + frame)
        self.grids_layout.addWidget(title)
        self.grids_layout.addWidget(table)
        table.setProperty("repeat", grid.repeat)
        self.repeat_grids.append(table)

    def _grid_item(self, where: str, cell: GridCell) -> QTableWidgetItem:
        after, after_codes = self._shown(where, cell.after)
        if not cell.changed:
            item = QTableWidgetItem("" if cell.after is None else after)
            item.setToolTip(after_codes)
            return item
        before, before_codes = self._shown(where, cell.before)
        item = QTableWidgetItem(f"{before} → {after}")
        tip = text("review.grid.changed_cell", current_language(), before=before, after=after)
        codes = " → ".join(c or "—" for c in (before_codes, after_codes))
        item.setToolTip(tip + (f"\n{codes}" if before_codes or after_codes else ""))
        item.setBackground(QBrush(DIFFERS))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setData(Qt.ItemDataRole.UserRole, "changed")
        return item

    def _event_title(self, kind: str, payload: Mapping[str, Any]) -> str:
        """Return what an event is, as a person says it (the stored kind is a code)."""
        if kind in ("approved", "returned"):
            return state_title(kind)
        if kind == LISTING_CORRECTED:  # a sealed version's corrected city or code
            said = {key: payload.get(key) for key in ("city", "interviewer")}
            return text(
                "review.event.listing_corrected",
                current_language(),
                city=city_name(str(said["city"])) if said["city"] else "—",
                interviewer=str(said["interviewer"] or "—"),
            )
        if kind == "odk_envelope":  # the revision can go to Central sealed (issue 18)
            return text("envelope.event", current_language())
        titles = {
            "question_comment": self.tr("comment"),
            "conflict_resolved": self.tr("conflict resolved"),
        }
        return titles.get(kind, kind)

    def _language(self) -> str:
        assert self.form is not None
        return str(self.language_box.currentData() or self.form.default_language)

    def _newest_answers(self) -> list[Answers]:
        """The answers of the version the desk shows, for the ``${name}`` of a title."""
        return [self.shown_answers] if self.shown_answers is not None else []

    def _field_title(self, field: str, compared: list[Answers]) -> tuple[str, str]:
        """Return a changed field as labels (``Mechanism 2 › Kind (mechanisms[2]/kind)``),
        a ``${name}`` in them read as the answer both ``compared`` versions give."""
        if self.form is None:
            return field, field
        where = where_title(self.form, field, self._language(), compared)
        return f"{_short(where)} ({field})", field

    def _where(self, field: str) -> str:
        if self.form is None:
            return field
        return where_title(self.form, field, self._language(), self._newest_answers())

    def _shown(self, field: str, value: Any) -> tuple[str, str]:
        """Return an answer as the person reads it (labels) and its codes for a tooltip."""
        if value is None:
            return "—", ""
        if self.form is None:
            return _show(value), ""
        shown = show_answer(element_at(self.form, field), value, self._language())
        return shown.text or _show(value), shown.codes

    # --- deciding ---------------------------------------------------------------------------

    def add_comment(self) -> None:
        """Keep the typed comment for the question chosen; it is sent with a return."""
        note = self.comment_edit.toPlainText().strip()
        if not note or self.submission_id is None:
            return
        key = self.question_box.currentData() or WHOLE_INTERVIEW
        self.pending.setdefault(key, []).append(note)
        item = QListWidgetItem(f"{self.question_box.currentText()}: {note}")
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setData(Qt.ItemDataRole.UserRole + 1, note)
        item.setToolTip(self.tr("Delete or double-click to take this comment back"))
        self.comments_list.addItem(item)
        self.comment_edit.clear()
        self._update_buttons()

    def _remove_current_comment(self) -> None:
        """Take back the comment the keyboard is on; the next one becomes current."""
        row = self.comments_list.currentRow()
        item = self.comments_list.item(row)
        if item is None:
            return
        self.remove_comment(item)
        if self.comments_list.count():
            self.comments_list.setCurrentRow(min(row, self.comments_list.count() - 1))

    def remove_comment(self, item: QListWidgetItem) -> None:
        """Take back a comment not sent yet (double-click it)."""
        key = item.data(Qt.ItemDataRole.UserRole)
        note = item.data(Qt.ItemDataRole.UserRole + 1)
        notes = self.pending.get(key, [])
        if note in notes:
            notes.remove(note)
        if not notes:
            self.pending.pop(key, None)
        self.comments_list.takeItem(self.comments_list.row(item))
        self._update_buttons()

    def _collect(self) -> tuple[str, dict[str, str]]:
        self.add_comment()  # a comment typed but not added still counts
        general = "\n".join(self.pending.get(WHOLE_INTERVIEW, []))
        questions = {k: "\n".join(v) for k, v in self.pending.items() if k != WHOLE_INTERVIEW}
        return general, questions

    def approve(self) -> bool:
        return self._decide("approved")

    def return_interview(self) -> bool:
        return self._decide("returned")

    def _remember_reviewer(self) -> None:
        remember_reviewer(self.reviewer_edit.text().strip())

    def _decide(self, decision: Literal["approved", "returned"]) -> bool:
        """Store the decision on the interview shown, with the comments, by the reviewer."""
        sid = self.submission_id
        if sid is None:
            return False
        general, questions = self._collect()
        if decision == "approved" and questions:  # they would be dropped without a word
            noted = sum(len(notes) for key, notes in self.pending.items() if key != WHOLE_INTERVIEW)
            show_error(self, FieldappError("review.comments_need_return", count=noted))
            return False
        reviewer = self.reviewer_edit.text().strip()
        # a decision without an author could not be told apart later
        refused = reviewer_refused(reviewer, FieldappError("review.reviewer_needed"))
        if refused is not None:
            show_error(self, refused)
            self.reviewer_edit.setFocus()
            return False
        remember_reviewer(reviewer)
        if self.claims and not self._decided_despite_claim(sid, decision):
            return False  # to compare them first: the comments stay
        review, seen = self.store.review, self.seen
        try:
            if decision == "returned":
                review.return_interview(
                    sid, comment=general, questions=questions, author=reviewer, seen=seen
                )
            else:  # an approval takes the general comment: notes on questions ask for fixes
                review.approve(sid, comment=general, author=reviewer, seen=seen)
        except FieldappError as error:
            show_error(self, error)
            if error.code == "review.changed_meanwhile":  # show what came in, keep the notes
                self.show_again(sid, self.pending)
                self._focus_reading()  # what came in is read before a decision
            return False
        told = text(f"review.ui.decided.{decision}", current_language(), name=self.heading_name)
        self.decided_label.setText(told)
        self._gone_from_queue(sid)  # its comments went with the decision
        self.reviewed.emit(sid, decision)
        return True

    def _decided_despite_claim(
        self, sid: SubmissionId, decision: Literal["approved", "returned"]
    ) -> bool:
        """Ask whether to decide on an interview of an instanceID claim before comparing
        the two (the claim as its heading says it); True to decide anyway."""
        language = current_language()
        claim = self.claims[0]
        other = SubmissionId(claim.other_than(sid))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            text("review.ui.claim_decide_title", language),
            text(
                "review.ui.claim_decide",
                language,
                name=self.heading_name,
                submission=sid,
                other=listed_name(self.store, other, language),
                other_id=other,
                instance_id=claim.instance_id,
            ),
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names from packages, as written
        anyway = box.addButton(
            text(f"review.ui.claim_decide_{decision}", language),
            QMessageBox.ButtonRole.AcceptRole,
        )
        compare = box.addButton(
            text("review.ui.claim_decide_compare", language), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(compare)
        box.setEscapeButton(compare)
        box.exec()
        return box.clickedButton() is anyway

    def _gone_from_queue(self, sid: SubmissionId) -> None:
        """Show the interview after ``sid`` in the queue, which no longer lists it (decided
        or set aside), its unsent comments dropped, the keyboard on what is read next."""
        row = self.model.find(sid)
        self.submission_id = None
        self.unsent.pop(sid, None)
        self.model.reload()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        else:
            self.show_interview(None)
        self._focus_reading()

    def _focus_reading(self) -> None:
        """Put the keyboard on the queue's row of the interview shown, never on a decision.

        Left on *Approve* after a decision, a second Space approved the next interview
        before it was read: a decision is a deliberate press on an interview read.
        """
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _review_on_set_aside(self, submission_id: SubmissionId) -> str:
        """Say a review that is all the interview has left, written on a version since set
        aside (``quarantine.reviews_on_set_aside``); "" for none."""
        found = reviews_on_set_aside(self.store.conn, submission_id)
        return _said_on_set_aside(found, "review.ui.review_on_set_aside")

    def _written_on_set_aside(self, submission_id: SubmissionId) -> str:
        """Say the conflict's version written on one since set aside (a review of a forged
        version: not the one shown, ``quarantine.heads_on_set_aside``); "" for none."""
        found = heads_on_set_aside(self.store.conn, submission_id)
        return _said_on_set_aside(found, "review.ui.written_on_set_aside")

    def _update_buttons(self) -> None:
        chosen = self.submission_id is not None and self.readable
        decidable = chosen and not self.conflicted
        has_comment = bool(self.pending) or bool(self.comment_edit.toPlainText().strip())
        named = bool(self.reviewer_edit.text().strip())
        # An approved interview is returned (an approval taken back), not approved again.
        approved = chosen and self.approved
        self.approve_button.setEnabled(decidable and named and not approved)
        self.return_button.setEnabled(decidable and has_comment and named)
        self.add_comment_button.setEnabled(chosen and bool(self.comment_edit.toPlainText().strip()))
        unnamed = "" if named else self.tr("Type your name as reviewer first.")
        if self.conflicted:
            unnamed = text("review.ui.conflicted", current_language())
        self.approve_button.setToolTip(
            text("review.ui.already_approved", current_language()) if approved else unnamed
        )
        needs_comment = self.tr("Write what to fix first: a return needs a comment.")
        self.return_button.setToolTip(unnamed or ("" if has_comment else needs_comment))


class Unsent(NamedTuple):
    """Comments written on an interview and not sent yet."""

    pending: dict[str, list[str]]
    typed: str
    about: str
    """The question the comment being typed is about (``WHOLE_INTERVIEW``: none)."""


def ask_close_unsent(parent: QWidget, count: int) -> bool:
    """Ask whether to close although comments written on ``count`` interviews are not sent."""
    language = current_language()
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        text("review.ui.unsent_title", language),
        text("review.ui.unsent", language, count=count),
        parent=parent,
    )
    close = box.addButton(
        text("review.ui.unsent_close", language), QMessageBox.ButtonRole.DestructiveRole
    )
    stay = box.addButton(text("review.ui.unsent_stay", language), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is close


def _inner_chain(outer: QWidget | None) -> list[QWidget]:
    """Return the widgets inside ``outer`` that Tab reaches, in the order it reaches them."""
    if outer is None:
        return []
    inside: list[QWidget] = []
    widget = outer.nextInFocusChain()
    while widget is not outer and widget is not None and widget not in inside:
        if outer.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            inside.append(widget)
        widget = widget.nextInFocusChain()
    return inside


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _said_on_set_aside(found: list[tuple[str, str, str, str]], key: str) -> str:
    """The heading's warning line ``key`` for the last of ``found`` (a row written on a
    version since set aside: who wrote it, and when); "" for none."""
    if not found:
        return ""
    _, _, author, saved = found[-1]
    said = text(key, current_language(), author=author or "-", day=short_time(saved)[:10])
    return f"\n⚠ {said}"
