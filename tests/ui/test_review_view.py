"""The review queue: approve and return from it; the researcher sees the comments after a merge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from merge_devices import study_key_pair
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from study_keys import KEY_PASSPHRASE
from xlsform import EN, ES, write_xlsform

from fieldapp.core.crypto import KeyPair
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store, SubmissionId
from fieldapp.ui.interview_window import InterviewWindow
from fieldapp.ui.interviews_model import COLUMN, ROW_ROLE
from fieldapp.ui.lock import StudyKeyDialog
from fieldapp.ui.review_view import NAME_LEAST, ReviewView
from fieldapp.ui.state import UiState

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "text", "name": "org", EN: "Organisation", ES: "Organización", "required": "yes"},
    {"type": "integer", "name": "members", EN: "Members", ES: "Miembros"},
]
SETTINGS = {
    "form_id": "cso",
    "form_title": "Civil society",
    "version": "1",
    "default_language": "English (en)",
    "instance_name": "${org}",
}


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=SETTINGS)


@pytest.fixture
def supervisor(tmp_path: Path, form_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "supervisor.db") as store:
        store.forms.add(form_path)
        yield store


def interview(
    store: Store, org: str, *, finalize: bool = True, city: str = "tijuana"
) -> SubmissionId:
    sha = store.forms.records()[0].sha256
    sid, _ = store.interviews.submit(
        sha,
        {"org": org, "members": 12},
        finalize=finalize,
        interviewer="TJ01",
        city=city,
        actor_type="cso",
    )
    return sid


def open_view(qtbot: Any, store: Store, state: UiState | None = None) -> ReviewView:
    view = ReviewView(store, state=state)
    qtbot.addWidget(view)
    view.reviewer_edit.setText("supervisora")
    return view


def head_state(store: Store, sid: SubmissionId) -> str:
    return store.interviews.heads(sid)[0].state


def test_the_queue_lists_finalized_interviews_only_and_approving_takes_one_off(
    qtbot: Any, supervisor: Store
) -> None:
    first = interview(supervisor, "Consejo Cívico")
    second = interview(supervisor, "Red de Madres", city="juarez")
    draft = interview(supervisor, "Borrador", finalize=False)
    view = open_view(qtbot, supervisor)
    assert view.model.total == 2, "the draft is not waiting for review"
    assert view.count_label.text() == "2 interviews wait for review"

    view.city_filter.setCurrentIndex(view.city_filter.findData("juarez"))
    assert view.model.total == 1
    assert view.submission_id == second, "the only match is shown"
    view.city_filter.setCurrentIndex(0)
    tomorrow = QDate.currentDate().addDays(1)
    view.from_date.setDate(tomorrow)
    assert view.model.total == 0, "started before the chosen day"
    view.from_date.setDate(view.from_date.minimumDate())  # "any date"
    assert view.model.total == 2

    view.select(first)
    assert view.submission_id == first
    assert "Consejo Cívico" in view.heading.text()
    with qtbot.waitSignal(view.reviewed) as signal:
        view.approve_button.click()
    assert signal.args == [first, "approved"]
    assert head_state(supervisor, first) == "approved"
    assert (supervisor.events.of(first)[0].author, head_state(supervisor, draft)) == (
        "supervisora",
        "draft",
    )
    assert view.model.total == 1
    assert view.submission_id == second, "the next interview comes up"


def test_returning_needs_a_comment_and_sends_comments_on_questions(
    qtbot: Any, supervisor: Store
) -> None:
    sid = interview(supervisor, "Consejo Cívico")
    view = open_view(qtbot, supervisor)
    assert view.submission_id == sid
    assert not view.return_button.isEnabled(), "nothing to fix written yet"

    view.question_box.setCurrentIndex(view.question_box.findData("members"))
    view.comment_edit.insertPlainText("¿Son 12 o 21?")
    view.add_comment_button.click()
    view.comment_edit.insertPlainText("Una nota equivocada")
    view.add_comment_button.click()
    assert view.comments_list.count() == 2
    view.remove_comment(view.comments_list.item(1))  # taken back before returning
    assert view.comments_list.count() == 1
    view.question_box.setCurrentIndex(0)  # the whole interview
    view.comment_edit.insertPlainText("Falta la grabación")  # typed, not added: still sent
    assert view.return_button.isEnabled()
    view.return_button.click()

    assert head_state(supervisor, sid) == "returned"
    events = {e.kind: e.payload for e in supervisor.events.of(sid)}
    assert events["returned"] == {"comment": "Falta la grabación"}
    assert events["question_comment"] == {"question": "members", "comment": "¿Son 12 o 21?"}
    assert view.model.total == 0
    assert view.submission_id is None
    assert not view.approve_button.isEnabled()

    supervisor.interviews.autosave(
        sid, {**supervisor.interviews.working_answers(sid), "members": 21}
    )
    supervisor.interviews.finalize(sid)  # the researcher's fix comes back
    view.apply_filters()
    assert view.submission_id == sid
    assert view.heading.text().endswith("returned 1× before")
    said = [view.events_list.item(i).text() for i in range(view.events_list.count())]
    assert any("comment [Members]: ¿Son 12 o 21?" in line for line in said), said
    assert not any("question_comment" in line or "[members]" in line for line in said)


def test_a_version_merged_in_while_reading_is_shown_before_any_decision(
    qtbot: Any, supervisor: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = interview(supervisor, "Consejo")
    view = open_view(qtbot, supervisor)
    view.comment_edit.insertPlainText("Revise la fecha")
    view.add_comment_button.click()
    supervisor.interviews.reopen(sid)  # meanwhile a merge brings the researcher's newer version
    supervisor.interviews.autosave(
        sid, {**supervisor.interviews.working_answers(sid), "members": 30}
    )
    supervisor.interviews.finalize(sid)
    told: list[str] = []
    monkeypatch.setattr("fieldapp.ui.review_view.show_error", lambda _w, e: told.append(e.code))

    assert not view.approve()
    assert told == ["review.changed_meanwhile"]
    assert head_state(supervisor, sid) == "finalized", "nothing decided on the old version"
    assert view.history_table.rowCount() == 4, "the new version is shown"
    assert view.comments_list.count() == 1, "the reviewer's notes are kept"
    assert view.return_interview()
    assert head_state(supervisor, sid) == "returned"


def test_the_interview_reads_in_either_language_with_a_diff_between_revisions(
    qtbot: Any, supervisor: Store
) -> None:
    sid = interview(supervisor, "Consejo")
    supervisor.interviews.reopen(sid)
    supervisor.interviews.autosave(
        sid, {**supervisor.interviews.working_answers(sid), "members": 21}
    )
    supervisor.interviews.finalize(sid)
    view = open_view(qtbot, supervisor)
    assert view.form_view is not None and view.form_view.readonly

    def labels() -> set[str]:
        assert view.form_view is not None
        return {label.text() for label in view.form_view.findChildren(QLabel)}

    assert any("Organisation" in text for text in labels())
    view.language_box.setCurrentIndex(view.language_box.findData("Español (es)"))
    assert any("Organización" in text for text in labels())

    assert view.history_table.rowCount() == 4  # draft, finalized, draft, finalized
    rows = {
        view.diff_table.item(row, 0).text(): view.diff_table.item(row, 2).text()
        for row in range(view.diff_table.rowCount())
    }
    assert rows["Miembros (members)"] == "21", "newest against the one before"
    view.older_box.setCurrentIndex(0)
    view.newer_box.setCurrentIndex(0)
    assert view.diff_table.rowCount() == 0, "a revision against itself: no difference"


def test_the_researcher_sees_the_comments_beside_the_questions_after_a_merge_back(
    qtbot: Any, tmp_path: Path, form_path: Path, supervisor: Store
) -> None:
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.forms.add(form_path)
        sid = interview(laptop, "Consejo Cívico")
        merge_database(supervisor, laptop.path)

        view = open_view(qtbot, supervisor)
        view.question_box.setCurrentIndex(view.question_box.findData("members"))
        view.comment_edit.insertPlainText("Confirme el número de miembros")
        view.add_comment_button.click()
        view.question_box.setCurrentIndex(0)
        view.comment_edit.insertPlainText("Falta la grabación")
        view.return_button.click()
        merge_database(laptop, supervisor.path)

        window = InterviewWindow(laptop, sid)  # deletes itself when closed
        window.show()
        try:
            assert window.editable, "a returned interview opens for editing"
            (comment,) = window.view.findChildren(QLabel, "reviewComment")
            assert comment.text() == "✎ Confirme el número de miembros"
            assert comment.isVisible()
            members = window.view.nodes[("members",)]
            layout = members.parentWidget().layout()
            assert layout.indexOf(comment) == layout.indexOf(members) + 1, "right below it"
            banner = window.view.findChild(QLabel, "reviewCommentBanner")
            assert banner.text() == "✎ Falta la grabación" and banner.isVisible()
            assert banner.height() < window.view.height() / 4, "the form keeps the room"
        finally:
            window.close()


def sealed_laptop(laptop: Store, folder: Path) -> KeyPair:
    """Give ``laptop`` a form that seals for a new study key (drafts passphrase set):
    return the key pair, its passphrase KEY_PASSPHRASE."""
    pair = study_key_pair()
    sealed_form = write_xlsform(
        folder / "sealed.xlsx",
        SURVEY,
        settings={**SETTINGS, "form_id": "sealed", "public_key": pair.public_key},
    )
    laptop.forms.add(sealed_form)
    laptop.keys.unlock_drafts("otra frase larga")
    return pair


def test_a_sealed_interview_is_reviewed_only_once_the_study_key_opens_it(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(tmp_path / "laptop.db") as laptop, Store.open(tmp_path / "sup.db") as sup:
        pair = sealed_laptop(laptop, tmp_path)
        sid = interview(laptop, "Colectivo")
        merge_database(sup, laptop.path)
        # The app asks the drafts passphrase at start: until then no list shows a sealed
        # form's interviews, the review queue included.
        view = open_view(qtbot, sup)
        assert view.submission_id is None
        view.close()
        sup.keys.unlock_drafts("la frase del supervisor")

        state = UiState()
        view = open_view(qtbot, sup, state)
        assert view.submission_id == sid
        assert view.form_view is None and "sealed" in view.nothing_label.text()
        assert not view.approve_button.isEnabled(), "nothing to approve that nobody read"

        assert not view.unlock_button.isHidden()
        key_file = tmp_path / "study-private-key.pem"
        key_file.write_bytes(pair.private_pem)
        told: list[str] = []

        def typing(passphrase: str) -> Any:
            def typed(dialog: StudyKeyDialog) -> int:  # the app's one study key dialog
                dialog.key_file.setText(str(key_file))
                dialog.passphrase.setText(passphrase)
                dialog.accept()
                told.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
                return int(dialog.result())

            return typed

        monkeypatch.setattr(StudyKeyDialog, "exec", typing("no es la frase"))
        assert not view.unlock()
        assert told[0].startswith("The passphrase does not open this key")
        assert view.form_view is None
        monkeypatch.setattr(StudyKeyDialog, "exec", typing(KEY_PASSPHRASE))
        assert view.unlock()
        assert view.form_view is not None and view.unlock_button.isHidden()
        assert state.study_key is not None, "the window's exports get the key too"
        assert view.form_view.session.answers()["org"] == "Colectivo"
        assert view.approve()
        assert head_state(sup, sid) == "approved"
        (head,) = sup.interviews.heads(sid)
        assert head.sealed is not None, "the approval stays sealed for the study key"
        assert head.answers is not None and head.answers["org"] == "Colectivo"

        # Approved by mistake: the approved ones of the desk return it, sealed as it was.
        view.queue_state.setCurrentIndex(view.queue_state.findData("approved"))
        assert view.submission_id == sid and view.form_view is not None
        view.comment_edit.setPlainText("Aprobada por error: falta la fecha.")
        assert view.return_interview()
        (head,) = sup.interviews.heads(sid)
        assert head.state == "returned" and head.sealed is not None


def test_the_queue_counts_the_sealed_interviews_it_hides_before_the_key(
    qtbot: Any, tmp_path: Path, form_path: Path
) -> None:
    """`fieldapp review list` says 3 wait and 2 sealed are hidden; the desk said "1 waits"."""
    with Store.open(tmp_path / "laptop.db") as laptop, Store.open(tmp_path / "sup.db") as sup:
        sealed_laptop(laptop, tmp_path)
        interview(laptop, "Colectivo")
        interview(laptop, "Frente", city="juarez")
        sup.forms.add(form_path)
        merge_database(sup, laptop.path)
        interview(sup, "Consejo Cívico")  # in clear: listed
        view = open_view(qtbot, sup)
        assert view.model.total == 1
        words = view.count_label.text()
        assert words.startswith("1 interview waits for review")
        assert "2 sealed ones hidden until the drafts passphrase or the study key" in words
        view.city_filter.setCurrentIndex(view.city_filter.findData("juarez"))
        assert view.model.total == 0
        assert "2 sealed ones hidden" in view.count_label.text(), "the whole queue's, unfiltered"
        view.close()

        sup.keys.unlock_drafts("la frase del supervisor")  # sealed ones listed: nothing to say
        view = open_view(qtbot, sup)
        assert view.model.total == 3
        assert view.count_label.text() == "3 interviews wait for review"


def test_the_queue_shows_every_column_whole_on_one_line(qtbot: Any, supervisor: Store) -> None:
    from fieldapp.ui.interviews_model import COLUMN

    for n, city in enumerate(["Nuevo Laredo", "Ciudad Juárez", "Monterrey", "Tijuana"]):
        interview(supervisor, f"Security/Seguridad · {city} · 2026-09-0{n + 1}", city=city)
    view = open_view(qtbot, supervisor)
    view.resize(1300, 800)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.splitter.sizes()[0] > 420)
    table = view.table
    width = table.viewport().width()
    for key in ("instance_name", "actor_type", "city", "interviewer", "created_at"):
        column = COLUMN[key]
        assert not table.isColumnHidden(column), key
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= width, f"{key} is cut or off to the right"
        if key == "instance_name":  # it repeats the actor, city and day: it gives way
            assert table.columnWidth(column) >= NAME_LEAST
            continue
        for row in range(table.model().rowCount()):
            shown = table.model().index(row, column).data() or ""
            assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(str(shown))
    assert table.rowHeight(0) < 2 * table.fontMetrics().height() + 8, "one line per interview"
    assert view.pending_label.text().startswith("Comments added"), "the list says what it is"
    assert view.pending_label.isVisible()


def test_approving_or_returning_needs_the_reviewers_name_which_is_remembered(
    qtbot: Any, supervisor: Store
) -> None:
    from PySide6.QtCore import QSettings

    sid = interview(supervisor, "Consejo Cívico")
    view = ReviewView(supervisor)
    qtbot.addWidget(view)
    view.reviewer_edit.setText("")
    view.comment_edit.setPlainText("Falta la sección 3")
    assert not view.approve_button.isEnabled() and not view.return_button.isEnabled()
    assert "name" in view.approve_button.toolTip()
    shown: list[str] = []
    monkey = pytest.MonkeyPatch()
    monkey.setattr("fieldapp.ui.review_view.show_error", lambda _, error: shown.append(error.code))
    try:
        assert not view.approve(), "no decision without an author"
    finally:
        monkey.undo()
    assert shown == ["review.reviewer_needed"]
    assert head_state(supervisor, sid) == "finalized"

    view.reviewer_edit.setText("Rosa Díaz")
    view.reviewer_edit.editingFinished.emit()
    assert view.approve_button.isEnabled() and view.return_button.isEnabled()
    assert view.return_interview()
    assert supervisor.events.of(sid)[0].author == "Rosa Díaz"
    again = ReviewView(supervisor)
    qtbot.addWidget(again)
    assert again.reviewer_edit.text() == "Rosa Díaz" == QSettings().value("review/reviewer")


def test_the_history_diff_reads_labels_and_repeat_entries_not_codes(
    qtbot: Any, tmp_path: Path
) -> None:
    survey = [
        {"type": "select_one city", "name": "city", EN: "City", ES: "Ciudad"},
        {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism", ES: "Mecanismo"},
        {"type": "text", "name": "mech_name", EN: "Name", ES: "Nombre"},
        {"type": "select_one kind", "name": "kind", EN: "Kind", ES: "Tipo"},
        {"type": "end_repeat"},
    ]
    choices = [
        {"list_name": "city", "name": "tijuana", EN: "Tijuana", ES: "Tijuana"},
        {"list_name": "city", "name": "nuevo_laredo", EN: "Nuevo Laredo", ES: "Nuevo Laredo"},
        {"list_name": "kind", "name": "named", EN: "Named in a law", ES: "Nombrado en ley"},
        {"list_name": "kind", "name": "dues", EN: "Paid by members", ES: "Pagado por socios"},
    ]
    settings = {**SETTINGS, "form_id": "m", "instance_name": "${city}"}
    form = write_xlsform(tmp_path / "mech.xlsx", survey, choices, settings)
    with Store.open(tmp_path / "sup.db") as store:
        sha = store.forms.add(form).sha256
        answers = {"city": "tijuana", "mechanisms": [{"mech_name": "Mesa", "kind": "named"}]}
        sid, _ = store.interviews.submit(
            sha, answers, finalize=True, city="tijuana", actor_type="cso"
        )
        store.interviews.reopen(sid)
        changed = {"city": "nuevo_laredo", "mechanisms": [{"mech_name": "Mesa", "kind": "dues"}]}
        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), **changed})
        store.interviews.finalize(sid)
        view = open_view(qtbot, store)
        view.older_box.setCurrentIndex(1)  # the first finalized version
        rows = {
            view.diff_table.item(r, 0).text(): (
                view.diff_table.item(r, 1).text(),
                view.diff_table.item(r, 2).text(),
                view.diff_table.item(r, 2).toolTip(),
            )
            for r in range(view.diff_table.rowCount())
        }
        assert rows["City (city)"] == ("Tijuana", "Nuevo Laredo", "nuevo_laredo")
        (grid,) = view.repeat_grids  # the repeat reads as a grid of its entries
        assert grid.horizontalHeaderItem(1).text() == "Kind"
        assert grid.item(0, 1).text() == "Named in a law → Paid by members"
        assert "named → dues" in grid.item(0, 1).toolTip()
        view.language_box.setCurrentIndex(view.language_box.findData("Español (es)"))
        (grid,) = view.repeat_grids
        assert grid.horizontalHeaderItem(1).text() == "Tipo"
        assert grid.item(0, 1).text() == "Nombrado en ley → Pagado por socios"
        view.close()


def test_the_heading_says_each_fact_once_when_the_instance_name_already_has_the_city(
    qtbot: Any, supervisor: Store
) -> None:
    named_city = interview(supervisor, "Consejo de Tijuana")
    plain = interview(supervisor, "Consejo Cívico", city="juarez")
    view = open_view(qtbot, supervisor)
    view.select(named_city)
    heading = view.heading.text()
    assert heading.count("Tijuana") == 1, heading
    assert heading.startswith("Consejo de Tijuana · ") and heading.endswith(" · TJ01"), heading
    view.select(plain)
    assert view.heading.text().startswith("Consejo Cívico · Ciudad Juárez · "), view.heading.text()


def return_with(qtbot: Any, supervisor: Store, laptop: Store, notes: dict[str, str]) -> None:
    """Merge the laptop in, return its interview with ``notes`` (question key, or "" for
    the whole interview) and merge the supervisor's database back into the laptop."""
    merge_database(supervisor, laptop.path)
    view = open_view(qtbot, supervisor)
    for key, note in notes.items():
        if key:
            view.question_box.setCurrentIndex(view.question_box.findData(key))
            view.comment_edit.insertPlainText(note)
            view.add_comment_button.click()
        else:
            view.question_box.setCurrentIndex(0)
            view.comment_edit.insertPlainText(note)
    view.return_button.click()
    merge_database(laptop, supervisor.path)


SECTIONED = [
    {"type": "begin group", "name": "who", EN: "Who", ES: "Quién"},
    {"type": "text", "name": "org", EN: "Organisation", ES: "Organización", "required": "yes"},
    {"type": "end group"},
    {"type": "begin group", "name": "size", EN: "Size", ES: "Tamaño"},
    {"type": "integer", "name": "members", EN: "Members", ES: "Miembros"},
    {"type": "end group"},
    {"type": "begin group", "name": "work", EN: "Work", ES: "Trabajo"},
    {"type": "integer", "name": "since", EN: "Working since", ES: "Trabaja desde"},
    {"type": "text", "name": "topics", EN: "Topics", ES: "Temas"},
    {"type": "end group"},
]


def test_a_returned_interview_opens_on_the_first_comment_and_marks_its_sections(
    qtbot: Any, tmp_path: Path
) -> None:
    # Nine sections in the study forms: the researcher must not hunt for what to fix.
    form = write_xlsform(tmp_path / "sections.xlsx", SECTIONED, settings=SETTINGS)
    with Store.open(tmp_path / "supervisor.db") as boss, Store.open(tmp_path / "lap.db") as lap:
        for store in (boss, lap):
            store.forms.add(form)
        sid, _ = lap.interviews.submit(
            lap.forms.records()[0].sha256,
            {"who/org": "Consejo", "size/members": 12, "work/since": 1890, "work/topics": "x"},
            finalize=True,
            interviewer="TJ01",
            city="tijuana",
            actor_type="cso",
        )
        notes = {"work/since": "¿1890? Revise el año", "work/topics": "Detalle"}
        return_with(qtbot, boss, lap, notes)

        window = InterviewWindow(lap, sid)
        window.show()
        try:
            navigator = window.view.navigator
            assert window.view.current() == 2, "on the section of the first comment"
            focused = window.view.nodes[("work/since",)]
            assert focused.isAncestorOf(window.focusWidget()), "in the commented question"
            details = [navigator.item(n).text().split("\n")[1] for n in range(3)]
            assert details[2].endswith("✎ 2"), details
            assert "✎" not in details[0] and "✎" not in details[1]
        finally:
            window.close()


def test_reading_a_returned_interview_leaves_it_returned(
    qtbot: Any, tmp_path: Path, form_path: Path, supervisor: Store
) -> None:
    # Opened to read the comment and closed to fix it later: the list must still say
    # "Returned", and no revision is made of answers nobody changed.
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.forms.add(form_path)
        sid = interview(laptop, "Consejo Cívico")
        return_with(qtbot, supervisor, laptop, {"": "Falta la grabación"})
        before = len(laptop.interviews.history(sid))

        window = InterviewWindow(laptop, sid)
        window.show()
        window.close()
        assert head_state(laptop, sid) == "returned"
        assert len(laptop.interviews.history(sid)) == before

        window = InterviewWindow(laptop, sid)  # now the researcher fixes something
        window.show()
        members = window.view.nodes[("members",)].edit
        members.selectAll()
        qtbot.keyClicks(members, "13")
        window.close()
        assert head_state(laptop, sid) == "draft"
        assert laptop.interviews.heads(sid)[0].answers["members"] == 13


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("\u200b\u200b", "review.reviewer_needed"),  # nothing visible: no name at all
        ("Rosa\u202eDíaz", "review.reviewer_unfit"),  # reads "Rosazaíd" on every laptop
        ("Rosa\x1b[2J", "review.reviewer_unfit"),  # pasted from a terminal
        ("R" * 1001, "review.reviewer_long"),  # past what every merge takes
    ],
)
def test_a_reviewer_name_no_laptop_could_show_on_one_line_decides_nothing(
    qtbot: Any, supervisor: Store, typed: str, said: str
) -> None:
    """As `--author` on the command line: the name goes to every laptop with the decision."""
    sid = interview(supervisor, "Consejo Cívico")
    view = ReviewView(supervisor)
    qtbot.addWidget(view)
    view.reviewer_edit.setText(typed)
    shown: list[str] = []
    monkey = pytest.MonkeyPatch()
    monkey.setattr("fieldapp.ui.review_view.show_error", lambda _, error: shown.append(error.code))
    try:
        assert not view.approve()
    finally:
        monkey.undo()
    assert shown == [said]
    assert head_state(supervisor, sid) == "finalized", "nothing decided"


def test_a_question_piping_an_answer_reads_with_it_in_the_comment_box_and_the_history(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen in the Spanish walk: "Comparando ${ref_end} con ${ref_start}…" in the list of
    questions to comment on, where the interviewer had read the years."""
    survey = [
        {"type": "text", "name": "org", EN: "Organisation", ES: "Organización"},
        {"type": "select_one yn", "name": "elects", EN: "Does ${org} elect its board?"},
    ]
    choices = [
        {"list_name": "yn", "name": "yes", EN: "Yes"},
        {"list_name": "yn", "name": "no", EN: "No"},
    ]
    form = write_xlsform(tmp_path / "p.xlsx", survey, choices, {**SETTINGS, "form_id": "p"})
    with Store.open(tmp_path / "sup.db") as store:
        sha = store.forms.add(form).sha256
        sid, _ = store.interviews.submit(
            sha, {"org": "Red Fronteriza", "elects": "yes"}, finalize=True, city="tijuana"
        )
        store.interviews.reopen(sid)
        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "elects": "no"})
        store.interviews.finalize(sid)
        view = open_view(qtbot, store)
        view.older_box.setCurrentIndex(1)  # the first finalized version
        box = view.question_box
        said = box.itemText(box.findData("elects"))
        assert said == "Does Red Fronteriza elect its board? (elects)"
        titles = [view.diff_table.item(r, 0).text() for r in range(view.diff_table.rowCount())]
        assert "Does Red Fronteriza elect its board? (elects)" in titles


def test_a_question_piping_an_answer_the_versions_differ_on_reads_as_both_in_the_history(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen in the Spanish walk: where the organisation was renamed between the versions
    compared, the History titled the change "Does ${org} elect its board?"."""
    survey = [
        {"type": "text", "name": "org", EN: "Organisation", ES: "Organización"},
        {
            "type": "select_one yn",
            "name": "elects",
            EN: "Does ${org} elect its board?",
            ES: "¿${org} elige a su junta?",
        },
    ]
    choices = [
        {"list_name": "yn", "name": "yes", EN: "Yes", ES: "Sí"},
        {"list_name": "yn", "name": "no", EN: "No", ES: "No"},
    ]
    form = write_xlsform(tmp_path / "p.xlsx", survey, choices, {**SETTINGS, "form_id": "p"})
    with Store.open(tmp_path / "sup.db") as store:
        sha = store.forms.add(form).sha256
        sid, _ = store.interviews.submit(
            sha, {"org": "Red Fronteriza", "elects": "yes"}, finalize=True, city="tijuana"
        )
        store.interviews.reopen(sid)
        renamed = {"org": "Red del Norte", "elects": "no"}
        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), **renamed})
        store.interviews.finalize(sid)
        view = open_view(qtbot, store)
        view.older_box.setCurrentIndex(1)  # the first finalized version
        titles = [view.diff_table.item(r, 0).text() for r in range(view.diff_table.rowCount())]
        assert "Does “Red Fronteriza” / “Red del Norte” elect its board? (elects)" in titles
        assert not [title for title in titles if "${" in title], titles
        box = view.question_box  # a comment is on the version shown: its answer
        said = box.itemText(box.findData("elects"))
        assert said == "Does Red del Norte elect its board? (elects)"


def test_the_devices_stamps_read_as_words_and_times_in_the_history(
    qtbot: Any, supervisor: Store
) -> None:
    """Seen in the Spanish walk: a change titled "end (end)" from
    "2026-06-04T19:41:06.566-06:00" to another such string."""
    sid = interview(supervisor, "Consejo")
    supervisor.interviews.reopen(sid)
    working = supervisor.interviews.working_answers(sid)
    supervisor.interviews.autosave(sid, {**working, "members": 21})
    supervisor.interviews.finalize(sid)
    view = open_view(qtbot, supervisor)
    rows = {
        view.diff_table.item(r, 0).text(): (
            view.diff_table.item(r, 2).text(),
            view.diff_table.item(r, 2).toolTip(),
        )
        for r in range(view.diff_table.rowCount())
    }
    titles = [title for title in rows if title.endswith("(end)")]
    assert titles == ["Last finalized (device clock) (end)"], list(rows)
    shown, stored = rows[titles[0]]
    assert "T" not in shown and len(shown) == len("2026-06-04 19:41:06"), shown
    assert stored.startswith(shown.replace(" ", "T")), "the stored value a hover away"


def test_the_history_shows_five_versions_at_once_on_a_field_laptops_screen(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen in the Spanish walk at 1366×768: the History's list of versions had room for
    one row (two thirds of its height went to an empty list of events and the
    comparison), so a supervisor scrolled to see that an interview had six versions."""
    from fieldapp.core.demo import run_demo

    run_demo(tmp_path / "demo.db", 12, seed=3)
    with Store.open(tmp_path / "demo.db") as store:
        view = open_view(qtbot, store)
        view.resize(1366, 740)
        view.show()
        qtbot.waitExposed(view)
        sid = max(
            (view.model.row_at(r).submission_id for r in range(view.model.rowCount())),
            key=lambda s: len(store.interviews.history(s)),
        )
        view.select(sid)
        view.tabs.setCurrentIndex(1)
        table = view.history_table
        assert table.rowCount() >= 5
        settle(qtbot, 50)
        shown = table.viewport().height() // table.rowHeight(0)
        assert shown >= 5, f"{shown} versions of {table.rowCount()} shown"


def test_a_grids_title_is_no_question_to_comment_on(qtbot: Any, tmp_path: Path) -> None:
    """Seen in the Spanish walk: "Comentar sobre" offered "En ese periodo, ¿con qué
    frecuencia? (government/frequency/generated_table_list_label_39)", the title pyxform
    writes for a grid: no widget of the laptop's form stands for it, so a comment on it
    would reach the researcher beside nothing."""
    from fieldapp.core.demo import run_demo

    run_demo(tmp_path / "demo.db", 8, seed=5)
    with Store.open(tmp_path / "demo.db") as store:
        view = open_view(qtbot, store)
        keys: list[str] = []
        for row in range(view.model.rowCount()):
            view.select(view.model.row_at(row).submission_id)
            box = view.question_box
            keys += [str(box.itemData(i)) for i in range(box.count())]
        assert any(key.startswith("government/frequency/") for key in keys), "its rows are"
        assert not [key for key in keys if "generated_table_list_label" in key]


def test_the_desk_says_which_interview_it_approved_or_returned(
    qtbot: Any, supervisor: Store
) -> None:
    """Seen in the Spanish walk: after *Devolver al investigador* the next interview of
    the queue showed at once, as alike as "Security/Seguridad · Tijuana · …", and nothing
    said the return had been stored, nor of which interview."""
    interview(supervisor, "Consejo Cívico")
    interview(supervisor, "Red de Madres", city="juarez")
    view = open_view(qtbot, supervisor)
    first = view.heading.text()
    view.comment_edit.setPlainText("Falta el año.")
    view.add_comment()
    assert view.return_interview()
    assert view.decided_label.text() == f"Returned to the researcher: {first}."
    second = view.heading.text()
    assert second != first
    assert view.approve()
    assert view.decided_label.text() == f"Approved: {second}."


def test_an_interview_edited_on_two_laptops_says_so_before_a_decision(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen in the Spanish walk: the queue showed a conflicting interview as any other
    (its ⚠ state sits in a column the queue hides), the desk read one of its two versions,
    and only *Aprobar* said, in an error, that the conflict must be resolved first."""
    from merge_devices import Device

    ana, beto = Device(tmp_path / "ana.db", "ana"), Device(tmp_path / "beto.db", "beto")
    form = ana.add_form()
    sid = ana.create(form, "Tijuana", {"name": "Mesa"})
    ana.finalize(sid)
    calm = ana.create(form, "Tijuana", {"name": "Consejo"})
    ana.finalize(calm)
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"name": "Mesa de Seguridad"})
    ana.finalize(sid)
    beto.edit(sid, {"name": "Mesa Ciudadana"})
    beto.finalize(sid)
    merge_database(ana.store, beto.path)
    beto.close()
    view = open_view(qtbot, ana.store)
    view.select(sid)
    assert "Edited on two laptops" in view.heading.text()
    assert "View › Conflicts" in view.heading.text()
    assert not view.approve_button.isEnabled()
    view.comment_edit.setPlainText("¿Cuál nombre?")
    view.add_comment()
    assert not view.return_button.isEnabled()
    view.select(calm)
    assert "two laptops" not in view.heading.text()
    assert view.approve_button.isEnabled()
    ana.close()


def test_tab_walks_through_the_history_and_out_of_it(qtbot: Any, tmp_path: Path) -> None:
    """Seen in the Spanish walk: on the History tab, Tab went from cell to cell of the
    versions' table and never left it: the comparison's boxes, its changes and the
    decision below could not be reached from the keyboard."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.demo import run_demo

    run_demo(tmp_path / "demo.db", 6, seed=3)
    with Store.open(tmp_path / "demo.db") as store:
        view = open_view(qtbot, store)
        view.resize(1366, 740)
        view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        view.older_box.setCurrentIndex(0)  # the first version against the newest: changes
        view.tabs.setCurrentIndex(1)
        view.history_table.setFocus()
        reached = []
        for _ in range(12):
            focused = QApplication.focusWidget()
            assert focused is not None
            reached.append(focused.objectName())
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert view.diff_table.rowCount() > 0
        for name in ("olderRevision", "newerRevision", "diffTable", "commentTarget"):
            assert name in reached, reached


GRID = [
    {
        "type": "begin group",
        "name": "turnovers",
        EN: "Turnover",
        ES: "Rotación",
        "appearance": "table-list",
    },
    {"type": "select_one level", "name": "turn_state", EN: "State", ES: "Estatal"},
    {"type": "select_one level", "name": "turn_federal", EN: "Federal", ES: "Federal"},
    {"type": "end group"},
    {"type": "text", "name": "after", EN: "After", ES: "Después"},
]
LEVELS = [
    {"list_name": "level", "name": name, EN: name.title(), ES: name.title()}
    for name in ("low", "high")
]


def test_a_comment_on_a_table_list_row_shows_below_its_row_on_the_laptop(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen on the supervisor's walk: a comment on a row of a table-list (the study forms
    hold about twenty) never showed on the laptop, yet the section said "✎ 1"."""
    settings = {**SETTINGS, "instance_name": "${after}"}
    form = write_xlsform(tmp_path / "grid.xlsx", GRID, LEVELS, settings=settings)
    with Store.open(tmp_path / "supervisor.db") as boss, Store.open(tmp_path / "lap.db") as lap:
        for store in (boss, lap):
            store.forms.add(form)
        answers = {"turnovers/turn_state": "low", "turnovers/turn_federal": "high", "after": "x"}
        sid, _ = lap.interviews.submit(
            lap.forms.records()[0].sha256,
            answers,
            finalize=True,
            interviewer="TJ01",
            city="tijuana",
            actor_type="cso",
        )
        return_with(qtbot, boss, lap, {"turnovers/turn_federal": "¿Alta? Confirme"})

        window = InterviewWindow(lap, sid)
        window.show()
        try:
            comments = window.view.findChildren(QLabel, "reviewComment")
            assert [c.text() for c in comments if c.isVisible()] == ["✎ ¿Alta? Confirme"]
            (comment,) = comments
            row = window.view.nodes[("turnovers/turn_federal",)]
            below = comment.mapTo(window.view, comment.rect().topLeft()).y()
            assert below > row.label.mapTo(window.view, row.label.rect().bottomLeft()).y()
            other = window.view.nodes[("turnovers/turn_state",)]
            assert other.label.y() < row.label.y(), "below its own row, not the first"
        finally:
            window.close()


def test_at_a_field_laptops_size_the_date_shows_whole_and_the_name_gives_way(
    qtbot: Any, supervisor: Store
) -> None:
    """Seen at 1366×768 in Spanish: *Iniciada* read "2026-10-05 1…" and the list scrolled
    sideways, while the interview's name (which repeats its city and day) took 311 px."""
    from fieldapp.ui import i18n
    from fieldapp.ui.interviews_model import COLUMN

    i18n.apply_language("es")
    try:
        for n, city in enumerate(["Nuevo Laredo", "Ciudad Juárez", "Monterrey", "Tijuana"]):
            name = f"Security/Seguridad · {city} · 2026-10-0{n + 1} · Fuerzas de seguridad"
            interview(supervisor, name, city=city)
        view = open_view(qtbot, supervisor)
        view.resize(1350, 728)
        view.show()
        qtbot.waitExposed(view)
        view.splitter.setSizes([700, 650])
        table = view.table
        qtbot.waitUntil(lambda: table.viewport().width() < 700)
        width = table.viewport().width()
        for key in ("actor_type", "city", "interviewer", "created_at"):
            column = COLUMN[key]
            right = table.columnViewportPosition(column) + table.columnWidth(column)
            assert right <= width, f"{key} is cut or off to the right"
            for row in range(table.model().rowCount()):
                shown = str(table.model().index(row, column).data() or "")
                assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(shown)
        bar = table.horizontalScrollBar()
        qtbot.waitUntil(lambda: not bar.isVisible())  # no sideways scrolling
        assert table.columnWidth(COLUMN["instance_name"]) > 100, "the name still reads"
    finally:
        i18n.apply_language("en")


def test_the_versions_compared_read_whole_at_a_field_laptops_size(
    qtbot: Any, supervisor: Store
) -> None:
    """Seen at 1366×768 in Spanish: the boxes read "4. 2026-10-06 19:45 · Finalizad" side
    by side, the state and who saved it cut off."""
    from fieldapp.ui import i18n

    i18n.apply_language("es")
    try:
        sid = interview(supervisor, "Consejo Cívico")
        supervisor.interviews.reopen(sid)
        supervisor.interviews.autosave(sid, {"org": "Consejo Cívico", "members": 13})
        supervisor.interviews.finalize(sid)
        view = open_view(qtbot, supervisor)
        view.resize(1350, 728)
        view.show()
        qtbot.waitExposed(view)
        view.splitter.setSizes([792, 554])
        view.tabs.setCurrentIndex(1)
        for box in (view.older_box, view.newer_box):
            qtbot.waitUntil(box.isVisible)
            shown = box.currentText()
            assert "Finalizada" in shown or "Borrador" in shown, shown
            needed = box.fontMetrics().horizontalAdvance(shown)
            assert box.width() > needed + 20, f"{shown!r} is cut in {box.width()} px"
    finally:
        i18n.apply_language("en")


def test_approving_keeps_comments_on_questions_that_only_a_return_sends(
    qtbot: Any, supervisor: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An approval took the general comment and dropped the notes on questions without a
    word: the supervisor's "¿Son 12 o 21?" never reached anyone."""
    sid = interview(supervisor, "Consejo Cívico")
    view = open_view(qtbot, supervisor)
    shown: list[str] = []
    monkeypatch.setattr(
        "fieldapp.ui.review_view.show_error", lambda _, error: shown.append(error.text("en"))
    )
    view.question_box.setCurrentIndex(view.question_box.findData("members"))
    view.comment_edit.insertPlainText("¿Son 12 o 21?")
    view.add_comment_button.click()

    view.approve_button.click()

    assert shown and shown[0].startswith("1 comment on a question goes to the researcher only")
    assert head_state(supervisor, sid) == "finalized", "nothing decided"
    assert view.comments_list.count() == 1, "the note is still there to send"
    assert view.submission_id == sid

    view.remove_comment(view.comments_list.item(0))  # taken back: now it may be approved
    view.approve_button.click()
    assert head_state(supervisor, sid) == "approved"
    assert len(shown) == 1


def test_comments_written_stay_with_their_interview_while_another_is_read(
    qtbot: Any, supervisor: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Picking another interview of the queue (to compare, or by a stray arrow key) threw
    away the comments written on the one shown, and closing the desk did too, unasked."""
    from PySide6.QtGui import QCloseEvent

    first = interview(supervisor, "Consejo Cívico")
    second = interview(supervisor, "Red de Madres")
    view = open_view(qtbot, supervisor)
    view.select(first)
    view.question_box.setCurrentIndex(view.question_box.findData("members"))
    view.comment_edit.insertPlainText("¿Son 12 o 21?")
    view.add_comment_button.click()
    view.question_box.setCurrentIndex(0)
    view.comment_edit.insertPlainText("Falta la grabación")  # typed, not added yet

    view.select(second)
    assert view.comments_list.count() == 0, "the other interview has none"
    view.select(first)

    assert [view.comments_list.item(i).text() for i in range(view.comments_list.count())] == [
        "Members (members): ¿Son 12 o 21?"
    ]
    assert view.comment_edit.toPlainText() == "Falta la grabación"
    assert view.question_box.currentData() == ""  # still about the whole interview
    view.return_button.click()
    events = {e.kind: e.payload for e in supervisor.events.of(first)}
    assert events["question_comment"] == {"question": "members", "comment": "¿Son 12 o 21?"}
    assert events["returned"] == {"comment": "Falta la grabación"}

    # A comment on the next one, then the window's close box: asked, and staying keeps it.
    assert view.submission_id == second
    view.comment_edit.insertPlainText("Revise la ciudad")
    asked: list[int] = []
    answer = [False]
    monkeypatch.setattr(
        "fieldapp.ui.review_view.ask_close_unsent",
        lambda _, count: asked.append(count) or answer[0],
    )

    class ByHand(QCloseEvent):
        def spontaneous(self) -> bool:
            return True

    stay = ByHand()
    view.closeEvent(stay)
    assert asked == [1] and not stay.isAccepted()
    answer[0] = True
    gone = ByHand()
    view.closeEvent(gone)
    assert asked == [1, 1] and gone.isAccepted()


def test_the_queue_starts_with_the_oldest_interview(qtbot: Any, supervisor: Store) -> None:
    """The queue was sorted by name backwards (Qt's default sort of the first column):
    "Security/Seguridad · Tijuana" came first, whatever had waited for weeks."""
    older = interview(supervisor, "Alianza Cívica")
    newer = interview(supervisor, "Zócalo Ciudadano")
    view = open_view(qtbot, supervisor)

    shown = [view.model.data(view.model.index(row, 0), ROW_ROLE) for row in range(2)]
    assert [line.submission_id for line in shown] == [older, newer]
    assert view.submission_id == older
    header = view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COLUMN["created_at"],
        Qt.SortOrder.AscendingOrder,
    ), "the arrow is on the column the queue is sorted by"


def test_the_queue_open_beside_the_list_takes_in_what_a_merge_brought(
    qtbot: Any, tmp_path: Path, form_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the review desk open, a stick merged from the main window left the queue at
    "1 interview waits for review" while the list had the new ones; the version of the
    interview being read that came in showed only when a decision was refused."""
    from fieldapp.ui import lock
    from fieldapp.ui.main_window import MainWindow

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        supervisor.forms.add(form_path)
        shown = interview(supervisor, "Consejo Cívico")
    with Store.open(tmp_path / "laptop.db") as laptop:
        merge_database(laptop, tmp_path / "supervisor.db")
        interview(laptop, "Red de Madres")
        laptop.interviews.reopen(shown)  # the researcher corrected the one being read
        laptop.interviews.autosave(
            shown, {**laptop.interviews.working_answers(shown), "members": 30}
        )
        laptop.interviews.finalize(shown)
    window = MainWindow(tmp_path / "supervisor.db")
    qtbot.addWidget(window)
    view = window.open_review()
    qtbot.addWidget(view)
    assert view.count_label.text() == "1 interview waits for review"
    view.comment_edit.insertPlainText("Revise la fecha")

    merge_database(window.store, tmp_path / "laptop.db")  # File › Merge, then the list reads
    window.refresh()

    assert view.count_label.text() == "2 interviews wait for review"
    assert view.submission_id == shown, "the interview being read stays"
    assert view.history_table.rowCount() == 4, "with the version that came in"
    assert view.comment_edit.toPlainText() == "Revise la fecha"
    window.close()


def test_an_approval_given_by_mistake_is_returned_from_the_approved_list(
    qtbot: Any, tmp_path: Path, form_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """*Aprobar* pressed on the wrong interview was final: the queue lists finalized ones
    only, and a sealed interview the supervisor cannot even reopen. The desk lists the
    approved ones too; there Return takes the approval back, with its comments, by a
    named reviewer, and the list, the Progress desk and the History say so."""
    from fieldapp.ui import lock
    from fieldapp.ui.dashboard import COLUMN as FIGURE
    from fieldapp.ui.main_window import MainWindow

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    with Store.open(tmp_path / "supervisor.db") as store:
        store.forms.add(form_path)
        mistaken = interview(store, "Consejo Cívico")
        waiting = interview(store, "Red de Madres")
        store.review.approve(mistaken, comment="Bien documentada.", author="supervisora")
    window = MainWindow(tmp_path / "supervisor.db")
    qtbot.addWidget(window)
    progress = window.open_progress()
    view = window.open_review()
    qtbot.addWidget(view)
    view.reviewer_edit.setText("supervisora")
    row = next(r for r, c in enumerate(progress.model.cells) if c.city == "tijuana")
    assert progress.model.index(row, FIGURE["approved"]).data() == 1
    assert view.submission_id == waiting and view.count_label.text() == (
        "1 interview waits for review"
    )

    view.queue_state.setCurrentIndex(view.queue_state.findData("approved"))
    assert view.queue_state.currentText() == "Approved (to return one approved by mistake)"
    assert view.count_label.text() == "1 approved interview"
    assert view.submission_id == mistaken
    assert "Returning it takes the approval back" in view.heading.text()
    assert not view.approve_button.isEnabled(), "approved once is enough"
    assert "If that was a mistake" in view.approve_button.toolTip()
    assert not view.return_button.isEnabled(), "a return says what to fix"
    view.question_box.setCurrentIndex(view.question_box.findData("members"))
    view.comment_edit.setPlainText("¿Son 12 o 21?")
    view.add_comment()
    view.comment_edit.setPlainText("Aprobada por error: falta el año de fundación.")
    view.reviewer_edit.clear()
    assert not view.return_button.isEnabled(), "a decision needs its reviewer, this one too"
    view.reviewer_edit.setText("supervisora")
    assert view.return_button.isEnabled()
    with qtbot.waitSignal(view.reviewed):
        view.return_button.click()

    store = window.store
    assert head_state(store, mistaken) == "returned"
    assert [e.kind for e in store.events.of(mistaken)] == [
        "approved",
        "returned",
        "question_comment",
    ]
    assert view.decided_label.text() == (
        "Returned to the researcher: Consejo Cívico · Tijuana · Civil society · TJ01."
    ), "the interview named, not the heading's note on approvals"
    assert view.count_label.text() == "0 approved interviews" and view.submission_id is None
    listed = window.model.row_at(window.model.find(mistaken))
    assert listed.state == "returned", "the main list says it"
    assert progress.model.index(row, FIGURE["approved"]).data() in (0, None)
    assert progress.model.index(row, FIGURE["returned"]).data() == 1

    store.interviews.autosave(
        mistaken, {**store.interviews.working_answers(mistaken), "members": 21}
    )
    store.interviews.finalize(mistaken)  # fixed, finalized again: back in the queue
    view.queue_state.setCurrentIndex(view.queue_state.findData("finalized"))
    view.select(mistaken)
    states = [view.history_table.item(r, 2).text() for r in range(view.history_table.rowCount())]
    assert states[1:4] == ["Finalized", "Approved", "Returned"]
    assert "returned 1× before" in view.heading.text()
    assert view.approve_button.isEnabled(), "finalized again, it can be approved again"
    window.close()


def test_tab_goes_from_the_search_through_the_queue_and_the_interview_to_approve(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen at 1366×768: the queue's new state choice was the first Tab stop, before the
    search; the interview read came after Approve; and Tab in the comment typed a tab,
    so that Add comment, Return and Approve were never reached from the keyboard."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.demo import run_demo

    run_demo(tmp_path / "demo.db", 6, seed=3)
    with Store.open(tmp_path / "demo.db") as store:
        view = open_view(qtbot, store)
        view.resize(1350, 728)
        view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        view.search_edit.setFocus()
        reached: list[str] = []
        for _ in range(40):
            focused = QApplication.focusWidget()
            assert focused is not None
            if reached and focused is view.search_edit:
                break  # round the window once
            reached.append(focused.objectName())
            if focused is view.comment_edit:
                qtbot.keyClicks(focused, "Falta la fecha de fundacion.")  # Add and Return wake
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert view.comment_edit.toPlainText() == "Falta la fecha de fundacion."  # no tab typed
        steps = [
            *("searchEdit", "queueState", "cityFilter", "actorFilter", "interviewerFilter"),
            *("fromDate", "toDate", "queueTable", "sectionList", "nextSection"),
            *("commentTarget", "commentEdit", "addComment", "pendingComments"),
            *("reviewerEdit", "returnButton", "approveButton"),
        ]
        assert [name for name in reached if name in steps] == steps, reached
        assert reached[-1] == "approveButton", "Approve is the last stop before the search"


def test_an_empty_comparison_says_no_answer_differs_instead_of_a_blank_table(
    qtbot: Any, supervisor: Store
) -> None:
    """The History opened an approved interview on its approval against the finalized
    version it copied: a table of headings and nothing under them, no word why."""
    from fieldapp.ui import i18n

    sid = interview(supervisor, "Consejo Cívico")
    supervisor.review.approve(sid, author="Rosa")
    view = open_view(qtbot, supervisor)
    view.resize(1366, 768)
    view.show()
    view.queue_state.setCurrentIndex(view.queue_state.findData("approved"))
    assert view.submission_id == sid
    view.tabs.setCurrentIndex(1)

    said = view.no_difference
    assert [box.currentText().split(" · ")[1] for box in (view.older_box, view.newer_box)] == [
        "Finalized",
        "Approved",
    ]
    assert view.diff_table.rowCount() == 0  # said over the table, not in a row of it
    assert said.isVisible() and said.text() == "No answer differs between these two versions."
    assert view.diff_table.viewport().rect().contains(said.geometry())
    i18n.apply_language("es")
    try:
        view.retranslate()
        assert said.text() == "Ninguna respuesta difiere entre estas dos versiones."
    finally:
        i18n.apply_language("en")
        view.retranslate()

    view.older_box.setCurrentIndex(view.newer_box.currentIndex())
    assert said.text().startswith("The same version is chosen twice")

    supervisor.review.return_interview(sid, comment="¿Cuántos miembros?", author="Rosa")
    supervisor.interviews.reopen(sid)
    answers = supervisor.interviews.working_answers(sid)
    supervisor.interviews.autosave(sid, {**answers, "members": 13})
    supervisor.interviews.finalize(sid)
    view.read_again()
    view.older_box.setCurrentIndex(0)
    view.newer_box.setCurrentIndex(view.newer_box.count() - 1)
    assert view.diff_table.rowCount() > 0 and said.isHidden()  # changes: their rows, no words


def test_a_comment_added_by_mistake_is_taken_back_from_the_keyboard(
    qtbot: Any, supervisor: Store
) -> None:
    """From the keyboard alone, a comment added by mistake went with the return: the
    list of comments is a Tab stop, but only a double-click took one back."""
    from fieldapp.ui import i18n

    sid = interview(supervisor, "Consejo Cívico")
    view = open_view(qtbot, supervisor)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    for note in ("¿Son 12 o 21?", "Una nota equivocada", "Falta la grabación"):
        view.comment_edit.insertPlainText(note)
        view.add_comment_button.click()
    view.comments_list.setFocus()
    view.comments_list.setCurrentRow(1)
    qtbot.keyClick(view.comments_list, Qt.Key.Key_Delete)
    assert [view.comments_list.item(i).text().split(": ", 1)[1] for i in range(2)] == [
        "¿Son 12 o 21?",
        "Falta la grabación",
    ]
    assert view.comments_list.currentRow() == 1, "on the next one, to take it back too"
    qtbot.keyClick(view.comments_list, Qt.Key.Key_Backspace)
    assert view.comments_list.count() == 1
    assert view.comments_list.hasFocus()
    assert "Delete" in view.pending_label.text()
    i18n.apply_language("es")
    try:
        view.retranslate()
        assert "Supr" in view.pending_label.text()
    finally:
        i18n.apply_language("en")
    view.return_button.click()
    events = {e.kind: e.payload for e in supervisor.events.of(sid)}
    assert events["returned"] == {"comment": "¿Son 12 o 21?"}


def _tab_to(qtbot: Any, view: ReviewView, target: Any) -> None:
    """Press Tab until the keyboard is on ``target`` (the desk's own order)."""
    from PySide6.QtWidgets import QApplication

    for _ in range(40):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def test_after_a_decision_the_keyboard_is_on_the_next_interview_not_on_a_decision(
    qtbot: Any, supervisor: Store
) -> None:
    """Seen in the Spanish week: after *Aprobar* the keyboard stayed on *Aprobar* with the
    next interview shown, so a second Space approved an interview not read."""
    from PySide6.QtWidgets import QApplication

    first = interview(supervisor, "Consejo Cívico")
    second = interview(supervisor, "Red de Madres", city="juarez")
    third = interview(supervisor, "Colectivo Norte")
    view = open_view(qtbot, supervisor)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.table.setFocus()
    assert view.submission_id == first
    _tab_to(qtbot, view, view.approve_button)
    qtbot.keyClick(view.approve_button, Qt.Key.Key_Space)
    assert head_state(supervisor, first) == "approved"
    assert view.submission_id == second
    assert QApplication.focusWidget() is view.table, "on the queue, at the next interview"
    assert view.table.currentIndex().row() == view.model.find(second)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert head_state(supervisor, second) == "finalized", "a second Space decides nothing"

    # a return, from the keyboard alone: the comment, Add, then Return
    _tab_to(qtbot, view, view.comment_edit)
    qtbot.keyClicks(view.comment_edit, "Falta el ano de fundacion.")
    _tab_to(qtbot, view, view.add_comment_button)
    qtbot.keyClick(view.add_comment_button, Qt.Key.Key_Space)
    assert view.comments_list.count() == 1
    _tab_to(qtbot, view, view.return_button)
    qtbot.keyClick(view.return_button, Qt.Key.Key_Space)
    events = {e.kind: e.payload for e in supervisor.events.of(second)}
    assert events["returned"] == {"comment": "Falta el ano de fundacion."}
    assert view.submission_id == third
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert head_state(supervisor, third) == "finalized"


@pytest.mark.parametrize("language", ["es", "en"])
def test_either_interview_of_an_instance_id_claim_names_the_other(
    qtbot: Any, tmp_path: Path, language: str
) -> None:
    """Mallory's stolen laptop took the instanceID of Rosa's ODK Collect submission:
    both stay listed. Read any day after that merge, each says why, naming the other."""
    from central_scenarios import collect_id_claimed

    from fieldapp.core.interview_name import listed_name
    from fieldapp.ui import i18n

    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    i18n.apply_language(language)
    try:
        with Store.open(path) as supervisor:
            view = open_view(qtbot, supervisor)
            said = {}
            for shown, other in ((copy, mallory), (mallory, copy)):
                view.show_interview(shown)
                heading = view.heading.text()
                claim = [line for line in heading.splitlines() if line.startswith("⚠")]
                assert len(claim) == 1, heading
                assert listed_name(supervisor, other, language) in claim[0]
                assert other in claim[0] and collect_id in claim[0]
                said[shown] = claim[0]
            # Plain text whatever the names hold: a package's markup stays as written.
            assert view.heading.textFormat() == Qt.TextFormat.PlainText
            words = {"es": "avise a la coordinación", "en": "tell the study coordinator"}
            assert all(words[language] in line for line in said.values())
            assert ("Copia de ODK Central" if language == "es" else "ODK Central's copy.") in (
                said[copy]
            )
            # An interview in no claim says none.
            sha = supervisor.forms.records()[0].sha256
            answers = {"name": "Otra", "age": 30, "town": "tijuana"}
            other_one, _ = supervisor.interviews.submit(sha, answers, finalize=True)
            view.show_interview(other_one)
            assert "⚠" not in view.heading.text()
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_desk_sets_aside_the_interview_of_a_claim_it_shows(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """The claim's line offered nothing to do: the supervisor could approve Mallory's
    forgery. Now *Set this interview aside…* asks why (offered, editable) and who, sets
    it aside, and the claim no longer stands; Rosa's Collect copy stays listed."""
    from central_scenarios import collect_id_claimed

    from fieldapp.core.central.copies import standing_claims
    from fieldapp.core.quarantine import quarantined
    from fieldapp.ui import i18n
    from fieldapp.ui.devices_desk import ReasonDialog

    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    asked: list[str] = []

    def answered(dialog: ReasonDialog) -> int:
        explained = dialog.findChild(QLabel, "reasonExplained")
        asked.append(explained.text())
        assert explained.textFormat() == Qt.TextFormat.PlainText
        offered = dialog.reason_edit.text()
        assert collect_id in offered and mallory in offered and copy in offered
        dialog.reason_edit.setText(offered + " (Mallory)")  # hers to keep or rewrite
        dialog.author_edit.setText("supervisora")
        dialog.confirm_button.click()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", answered)
    i18n.apply_language(language)
    try:
        with Store.open(path) as supervisor:
            view = open_view(qtbot, supervisor)
            view.show()
            view.show_interview(mallory)
            button = view.set_aside_button
            words = {"es": "Apartar esta entrevista…", "en": "Set this interview aside…"}
            assert button.isVisible() and button.text() == words[language]
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reached by the keyboard
            assert "fieldapp review set-aside ID" in button.toolTip()  # the terminal's way
            assert not view.claim_note.isVisible()

            assert view.set_aside_claimed()
            assert len(asked) == 1 and mallory in asked[0] and copy in asked[0]
            assert ("submissions", mallory) in quarantined(supervisor.conn)
            assert ("submissions", copy) not in quarantined(supervisor.conn)
            events = supervisor.conn.execute(
                "SELECT json_extract(payload, '$.reason'), author FROM events "
                "WHERE json_extract(payload, '$.key') = ?",
                (mallory,),
            ).fetchall()
            assert len(events) == 1 and events[0][0].endswith("(Mallory)")
            assert events[0][1] == "supervisora"
            assert not standing_claims(supervisor)
            # The queue no longer lists Mallory's; Rosa's copy shows without a claim.
            assert view.model.find(mallory) < 0 and view.model.find(copy) >= 0
            view.show_interview(copy)
            assert "⚠" not in view.heading.text()
            assert not button.isVisible() and not view.claim_note.isVisible()
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize("language", ["es", "en"])
def test_approving_or_returning_an_interview_of_a_claim_asks_first(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """*Aprobar* stayed enabled beside the claim's line: one press approved Mallory's
    forgery before she compared the two. Now a decision on either interview of a claim
    asks first, naming the claim, from what the heading already asked of the rows."""
    from central_scenarios import collect_id_claimed
    from PySide6.QtWidgets import QMessageBox

    from fieldapp.core.interview_name import listed_name
    from fieldapp.ui import i18n, review_view

    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    asked: list[QMessageBox] = []
    answer = {"button": ""}

    def answered(box: QMessageBox) -> int:
        asked.append(box)
        (chosen,) = [b for b in box.buttons() if b.text() == answer["button"]]
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answered)
    words = {
        "es": ("Compararlas antes", "Aprobar de todos modos", "Devolver de todos modos"),
        "en": ("Compare them first", "Approve anyway", "Return anyway"),
    }[language]
    i18n.apply_language(language)
    try:
        with Store.open(path) as supervisor:
            view = open_view(qtbot, supervisor)
            view.show()
            view.show_interview(mallory)
            read: list[str] = []
            counted = review_view.standing_claims
            monkeypatch.setattr(
                review_view,
                "standing_claims",
                lambda store, sid: read.append(sid) or counted(store, sid),
            )
            answer["button"] = words[0]  # compare them first: nothing decided
            assert not view.approve()
            (box,) = asked
            assert box.textFormat() == Qt.TextFormat.PlainText  # names from packages
            assert box.defaultButton().text() == words[0] == box.escapeButton().text()
            assert mallory in box.text() and copy in box.text() and collect_id in box.text()
            assert listed_name(supervisor, copy, language) in box.text()
            assert head_state(supervisor, mallory) == "finalized"
            assert read == []  # asked from the heading's claim: the rows are not read again

            answer["button"] = words[1]
            assert view.approve()
            assert head_state(supervisor, mallory) == "approved"

            # Returning Central's copy asks too; the comment stays when she compares first.
            view.show_interview(copy)
            view.comment_edit.setPlainText("Compare with Rosa's phone")
            answer["button"] = words[0]
            assert not view.return_interview()
            assert len(asked) == 3 and mallory in asked[-1].text()
            assert head_state(supervisor, copy) == "finalized"
            assert view.pending  # her comment is kept for when she decides
            answer["button"] = words[2]
            assert view.return_interview()
            assert head_state(supervisor, copy) == "returned"

            # An interview in no claim is decided without a question.
            sha = supervisor.forms.records()[0].sha256
            answers = {"name": "Otra", "age": 30, "town": "tijuana"}
            other_one, _ = supervisor.interviews.submit(sha, answers, finalize=True)
            view.model.reload()
            view.show_interview(other_one)
            assert view.approve() and len(asked) == 4
    finally:
        i18n.apply_language("en")


def test_a_laptop_that_may_not_quarantine_says_only_the_supervisor_can(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where this database may not act for the study, no button: a line says who can."""
    from central_scenarios import collect_id_claimed

    from fieldapp.core.quarantine import quarantined
    from fieldapp.ui import review_view

    path, _, copy, mallory = collect_id_claimed(tmp_path)
    monkeypatch.setattr(review_view, "may_act_for_study", lambda store: False)
    with Store.open(path) as supervisor:
        view = open_view(qtbot, supervisor)
        view.show()
        for shown in (copy, mallory):
            view.show_interview(shown)
            assert not view.set_aside_button.isVisible()
            assert view.claim_note.isVisible()
            assert "Only the study's supervisor" in view.claim_note.text()
            assert not view.set_aside_claimed()
        assert not quarantined(supervisor.conn)


def test_opening_the_study_key_compares_a_sealed_claim_again(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, study_key: Any
) -> None:
    """Central's copy of a sealed interview merged with the key locked stays listed and
    says why; the study key opened in the app's dialog compares them: the copy gives way."""
    from central_scenarios import sealed_claim_merged_locked
    from study_keys import key_pair

    from fieldapp.core.quarantine import quarantined

    pair = key_pair()
    path, copy, rosa = sealed_claim_merged_locked(tmp_path, pair.public_key, study_key)
    key_file = tmp_path / "study-private-key.pem"
    key_file.write_bytes(pair.private_pem)

    def typed(dialog: StudyKeyDialog) -> int:
        dialog.key_file.setText(str(key_file))
        dialog.passphrase.setText(KEY_PASSPHRASE)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(StudyKeyDialog, "exec", typed)
    with Store.open(path) as supervisor:
        supervisor.keys.unlock_drafts("drafts passphrase")
        view = open_view(qtbot, supervisor)
        view.show_interview(copy)
        (line,) = [line for line in view.heading.text().splitlines() if line.startswith("⚠")]
        assert rosa in line and "ODK Central's copy." in line
        assert view.unlock()
        assert quarantined(supervisor.db.conn) == {("submissions", copy)}
        assert "⚠" not in view.heading.text()
        view.apply_filters()  # the queue read again, as after the app's key signal
        assert view.model.rowCount() == 1 and view.submission_id == rosa


def shown_active(qtbot: Any, view: ReviewView) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)


def test_the_desk_opens_with_the_keyboard_on_the_queue_and_the_arrows_walk_it(
    qtbot: Any, supervisor: Store
) -> None:
    """Walked under a window manager (kbwalk): the desk opened with the keyboard in the
    search box, where Down read no other interview; the queue was seven Tabs away."""
    from PySide6.QtWidgets import QApplication

    first = interview(supervisor, "Consejo Cívico")
    second = interview(supervisor, "Red de Madres", city="juarez")
    view = open_view(qtbot, supervisor)
    shown_active(qtbot, view)
    assert QApplication.focusWidget() is view.table
    assert view.submission_id == first
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.submission_id == second


def test_ctrl_w_closes_the_desk_asking_first_when_comments_are_not_sent(
    qtbot: Any, supervisor: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk is a window of its own, where Escape is no dialog's: Ctrl+W did nothing,
    only the window manager's close (Alt+F4) closed it. Closed from the keys, it asks
    as that close does before comments not sent are lost."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui import review_view

    interview(supervisor, "Consejo Cívico")
    view = open_view(qtbot, supervisor)
    shown_active(qtbot, view)
    view.comment_edit.setPlainText("Falta el ano de fundacion.")
    asked: list[int] = []
    monkeypatch.setattr(review_view, "ask_close_unsent", lambda _, n: asked.append(n) or False)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert asked == [1] and view.isVisible(), "kept open: she chose to stay"
    view.comment_edit.clear()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert asked == [1] and not view.isVisible()


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_queue_marks_both_interviews_of_a_claim_before_either_is_opened(
    qtbot: Any, tmp_path: Path, language: str
) -> None:
    """The claim was said only once she opened an interview of it: in the queue both
    looked like any two (claims4). Marked there now, the other named in the tooltip, read
    again after a write, not on each filter."""
    from central_scenarios import collect_id_claimed

    from fieldapp.core.central.copies import set_aside_claimed
    from fieldapp.ui import i18n
    from fieldapp.ui.interviews_model import COLUMN

    path, _, copy, mallory = collect_id_claimed(tmp_path)
    marker = {"es": "⚠ Reclamo · ", "en": "⚠ Claim · "}[language]
    i18n.apply_language(language)
    try:
        with Store.open(path) as supervisor:
            sha = supervisor.forms.records()[0].sha256
            answers = {"name": "Otra", "age": 30, "town": "tijuana"}
            other_one, _ = supervisor.interviews.submit(sha, answers, finalize=True)
            view = open_view(qtbot, supervisor)
            model = view.model

            def name_of(sid: str) -> tuple[str, str]:
                index = model.index(model.find(sid), COLUMN["instance_name"])
                return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)

            for mine, other in ((copy, mallory), (mallory, copy)):
                shown, tip = name_of(mine)
                assert shown.startswith(marker), shown
                assert other in tip, tip
            assert not name_of(other_one)[0].startswith(marker)
            traced: list[str] = []
            supervisor.conn.set_trace_callback(traced.append)
            view.search_edit.setText("Otra")
            view.apply_filters()
            view.search_edit.setText("")
            view.apply_filters()
            supervisor.conn.set_trace_callback(None)
            assert not [sql for sql in traced if "json_group_array" in sql], "read once"

            set_aside_claimed(supervisor, mallory, author="Rosa")
            view.apply_filters()  # as after the desk's own set-aside, or a merge
            assert model.find(mallory) == -1
            assert not name_of(copy)[0].startswith(marker)
    finally:
        i18n.apply_language("en")
