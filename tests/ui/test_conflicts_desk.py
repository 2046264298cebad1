"""The Conflicts desk as a careful supervisor drives it: named, from the keyboard, readable,
and never losing choices by accident."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from merge_devices import Device, file_checksum
from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from fieldapp.core.merge import merge_database
from fieldapp.core.messages import text
from fieldapp.core.store import Store
from fieldapp.ui.conflicts_view import CHOSEN, NEXT_KEYS, PREVIOUS_KEYS, ConflictsView, ask_unsaved
from fieldapp.ui.reviewer import REVIEWER_SETTING

LOGIN = "canary-login-7731"
INTERVIEWER = "canary-interviewer-5521"


@pytest.fixture
def conflicts(tmp_path: Path) -> tuple[Path, list[str]]:
    """A supervisor's database with two interviews Ana and Beto edited apart.

    The first differs in ``name`` and ``years`` and agrees on ``sectors``.
    """
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    form = ana.add_form()
    first = ana.create(form, "Tijuana", {"name": "Mesa", "years": 2, "sectors": "ngo"})
    second = ana.create(form, "Monterrey", {"name": "Consejo", "years": 5})
    merge_database(beto.store, ana.path)
    ana.edit(first, {"years": 3})
    beto.edit(first, {"name": "Mesa de Seguridad"})
    ana.edit(second, {"years": 6})
    beto.edit(second, {"years": 7})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()
    return tmp_path / "ana.db", [first, second]


@pytest.fixture(autouse=True)
def no_modal_question(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A question no test asked for is answered Discard and fails the test, not waits."""
    unexpected: list[str] = []

    def discard(parent: QWidget, name: str, language: str) -> str:
        unexpected.append(name)
        return "discard"

    monkeypatch.setattr("fieldapp.ui.conflicts_view.ask_unsaved", discard)
    yield
    assert unexpected == [], "a question about unsaved choices nobody expected"


@dataclass
class Asked:
    """The unsaved-choices question, answered from ``answers``; ``calls`` names each ask."""

    answers: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)

    def __call__(self, parent: QWidget, name: str, language: str) -> str:
        self.calls.append(name)
        return self.answers.pop(0)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    question = Asked()
    monkeypatch.setattr("fieldapp.ui.conflicts_view.ask_unsaved", question)
    return question


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        "fieldapp.ui.conflicts_view.show_error", lambda _, error: shown.append(error.code)
    )
    return shown


def _desk(qtbot: Any, path: Path, sid: str | None = None, *, active: bool = True) -> ConflictsView:
    """Open the desk at a laptop's size on conflict ``sid``; ``active``: it has the keys."""
    view = ConflictsView(path)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    if active:
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
    if sid is not None:
        row = next(
            r
            for r in range(view.conflict_list.count())
            if view.conflict_list.item(r).data(Qt.ItemDataRole.UserRole) == sid
        )
        view.conflict_list.setCurrentRow(row)
        settle(qtbot, 10)  # the new keep-whole buttons show at the next turn of the loop
    return view


def _row(view: ConflictsView, key: str) -> int:
    return view.keys.index(key)


def _colour(view: ConflictsView, row: int, column: int) -> str:
    return view.table.item(row, column).background().color().name()


def _head_of(view: ConflictsView, author: str) -> int:
    return next(i for i, head in enumerate(view.heads) if head.author == author)


def _heads(path: Path, sid: str) -> int:
    with Store.open(path) as store:
        return len(store.interviews.heads(sid))


# --- 1. a named author, never the OS account ----------------------------------------------


def test_saving_needs_the_reviewers_name_and_never_records_the_os_account(
    qtbot: Any,
    conflicts: tuple[Path, list[str]],
    errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path, (sid, _) = conflicts
    for variable in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.setenv(variable, LOGIN)
    QSettings().setValue("interview/interviewer", INTERVIEWER)
    view = _desk(qtbot, path, sid)
    assert view.reviewer_edit.text() == "", "no name typed yet: the field is empty"
    view.choose("name", _head_of(view, "beto"))
    before = file_checksum(path)

    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    assert errors == ["conflicts.author_needed"], "one clear message"
    assert view.reviewer_edit.hasFocus(), "the field to fill is where the keys go"
    assert file_checksum(path) == before, "nothing written"
    assert view.conflict_list.count() == 2 and view.choices, "the choices are still there"

    qtbot.keyClicks(view.reviewer_edit, "Rosa Diaz")  # QTest types ASCII only
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    view.close()
    with Store.open(path) as store:
        (head,) = store.interviews.heads(sid)
        event = store.events.of(sid)[-1]
    assert event.kind == "conflict_resolved"
    assert head.author == event.author == "Rosa Diaz"
    for written in tmp_path.rglob("*"):
        if written.is_file() and written.suffix != ".ini":
            content = written.read_bytes()
            assert LOGIN.encode() not in content, f"{written.name} names the laptop's login"
            assert INTERVIEWER.encode() not in content, f"{written.name} names the interviewer"


def test_the_reviewer_is_the_one_the_review_desk_remembers_and_is_remembered(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, (sid, other) = conflicts
    QSettings().setValue(REVIEWER_SETTING, "Rosa Díaz")  # typed in the review desk
    view = _desk(qtbot, path, sid)
    assert view.reviewer_edit.text() == "Rosa Díaz", "prefilled"
    assert view.reviewer_label.buddy() is view.reviewer_edit
    view.reviewer_edit.setText("Luis Peña")
    view.keep_whole(0)
    assert view.save_resolution()
    view.close()
    assert QSettings().value(REVIEWER_SETTING) == "Luis Peña", "the review desk asks no more"
    again = _desk(qtbot, path, other, active=False)
    assert again.reviewer_edit.text() == "Luis Peña"


# --- 2. the keyboard ----------------------------------------------------------------------


def test_arrows_move_the_current_answer_and_space_or_enter_take_it(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    view.reviewer_edit.setText("Rosa Díaz")
    table = view.table
    table.setFocus()
    name, years = _row(view, "name"), _row(view, "years")
    assert (table.currentRow(), table.currentColumn()) == (name, view.head_column(0)), (
        "the desk opens on the first difference, version 1"
    )
    beto, ana = _head_of(view, "beto"), _head_of(view, "ana")

    _arrows_to(qtbot, view, view.head_column(beto))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert view.choices == {"name": beto}
    assert _colour(view, name, view.head_column(beto)) == CHOSEN.name()
    assert _colour(view, name, 0) == CHOSEN.name(), "the question says it was chosen"

    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == years
    _arrows_to(qtbot, view, view.head_column(ana))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.choices == {"name": beto, "years": ana}
    assert view.isVisible() and view.conflict_list.count() == 2, "Enter chose, it did not save"
    assert _heads(path, sid) == 2
    qtbot.keyClick(table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert view.conflict_list.count() == 2

    with qtbot.waitSignal(view.resolved):
        qtbot.keyClick(view.save_button, Qt.Key.Key_Space)
    view.close()
    with Store.open(path) as store:
        (head,) = store.interviews.heads(sid)
    assert head.answers == {"name": "Mesa de Seguridad", "years": 3, "sectors": "ngo"}


def _arrows_to(qtbot: Any, view: ConflictsView, column: int) -> None:
    """Press Left or Right until ``column`` is current, one column a press."""
    table = view.table
    while table.currentColumn() != column:
        was = table.currentColumn()
        qtbot.keyClick(table, Qt.Key.Key_Right if was < column else Qt.Key.Key_Left)
        assert abs(table.currentColumn() - was) == 1


def _long_conflict(tmp_path: Path) -> Path:
    from xlsform import write_xlsform

    survey = [
        {"type": "text", "name": f"q{n}", "label::English (en)": f"Question {n}"} for n in range(40)
    ]
    form = write_xlsform(tmp_path / "long.xlsx", survey=survey, settings={"form_id": "long"})
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sha = ana.add_form(form.read_bytes(), form_id="long")
    sid = ana.create(sha, "Tijuana", {f"q{n}": f"answer {n}" for n in range(40)}, "long")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"q5": "ana", "q20": "ana", "q35": "ana"})
    beto.edit(sid, {"q5": "beto", "q20": "beto", "q35": "beto"})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()
    return tmp_path / "ana.db"


def test_next_and_previous_difference_by_button_and_by_shortcut(qtbot: Any, tmp_path: Path) -> None:
    view = _desk(qtbot, _long_conflict(tmp_path))
    table = view.table
    q5, q20, q35 = (_row(view, key) for key in ("q5", "q20", "q35"))
    assert table.currentRow() == q5
    assert not view.previous_button.isEnabled() and view.next_button.isEnabled()
    assert "Alt+Down" in view.next_button.toolTip() and "Alt+Up" in view.previous_button.toolTip()

    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert table.currentRow() == q20 and table.hasFocus(), "the keys go on in the table"
    rect = table.visualRect(table.currentIndex())
    assert table.viewport().rect().contains(rect), "scrolled into view"
    qtbot.keyClick(table, NEXT_KEYS[0].key(), NEXT_KEYS[0].keyboardModifiers())
    assert table.currentRow() == q35
    assert not view.next_button.isEnabled(), "no difference after the last"
    qtbot.keyClick(table, PREVIOUS_KEYS[0].key(), PREVIOUS_KEYS[0].keyboardModifiers())
    assert table.currentRow() == q20
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert view.choices == {"q20": 0}
    view.choices.clear()  # close without the question


def test_tab_reaches_the_list_the_table_the_keep_buttons_the_reviewer_and_save(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    view.conflict_list.setFocus()
    reached: list[QWidget] = []
    for _ in range(12):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    keep = [
        w
        for w in view.findChildren(QPushButton)
        if w.text().startswith("Keep version") and w.isVisible()
    ]
    assert len(keep) == 2
    wanted = [
        view.conflict_list,
        view.table,
        *keep,
        view.reviewer_edit,
        view.save_button,
        view.close_button,
    ]
    positions = [reached.index(widget) for widget in wanted]
    assert positions == sorted(positions), "in the order they read"
    assert reached[1] is view.table, "from the list, Tab goes into the answers"
    assert reached[reached.index(view.table) + 1] is not view.table, "Tab leaves the table"


def test_the_table_and_every_button_have_accessible_names(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    assert view.table.accessibleName() == "Answers of each version"
    assert "Space or Enter" in view.table.accessibleDescription()
    assert view.conflict_list.accessibleName() == "Interviews in conflict"
    buttons = [w for w in view.findChildren(QPushButton) if w.isVisible()]
    assert len(buttons) == 6  # previous, next, keep 1, keep 2, save, close
    names = {button.accessibleName() for button in buttons}
    assert "" not in names and all("&" not in name for name in names)
    assert {"Previous difference", "Next difference", "Save resolution", "Close"} <= names
    keep = [b for b in buttons if b.accessibleName().startswith("Keep version")]
    assert [b.accessibleDescription() for b in keep] == [
        "Take every answer of version 1",
        "Take every answer of version 2",
    ]
    assert view.reviewer_edit.accessibleName() == "Reviewer:"
    assert view.differences_only.accessibleName() == view.differences_only.text().replace("&", "")
    assert view.differences_only.accessibleName()


# --- 3. differences only ------------------------------------------------------------------


def test_differences_only_hides_the_agreeing_rows_and_is_remembered(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    sectors, name = _row(view, "sectors"), _row(view, "name")
    assert not view.differences_only.isChecked()
    assert not view.table.isRowHidden(sectors)

    qtbot.mouseClick(view.differences_only, Qt.MouseButton.LeftButton)
    assert view.table.isRowHidden(sectors), "both versions say 'ngo': out of the way"
    assert not view.table.isRowHidden(name) and not view.table.isRowHidden(_row(view, "years"))
    view.close()

    again = _desk(qtbot, path, sid, active=False)
    assert again.differences_only.isChecked(), "remembered"
    assert again.table.isRowHidden(_row(again, "sectors"))
    again.differences_only.setChecked(False)
    assert not again.table.isRowHidden(_row(again, "sectors"))


def test_the_status_line_counts_differences_and_choices_in_both_languages(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    from fieldapp.ui import i18n

    path, (first, second) = conflicts
    view = _desk(qtbot, path, first)
    assert view.tally.text() == "2 differences, 0 chosen"
    view.choose("name", 1)
    assert view.tally.text() == "2 differences, 1 chosen"
    view.choose("sectors", 1)  # both say the same: nothing to choose
    assert view.tally.text() == "2 differences, 1 chosen"
    view.choices.clear()  # close without the question
    view.close()

    i18n.apply_language("es")
    try:
        spanish = _desk(qtbot, path, second, active=False)
        assert spanish.tally.text() == "1 diferencia, 0 elegidas"
        spanish.choose("years", 1)
        assert spanish.tally.text() == "1 diferencia, 1 elegida"
        spanish.choices.clear()  # leave without the question
        spanish.close()
        both = _desk(qtbot, path, first, active=False)
        both.keep_whole(1)
        assert both.tally.text() == "2 diferencias, 2 elegidas"
        both.choices.clear()
        both.close()
    finally:
        i18n.apply_language("en")


# --- 4. nothing lost by accident ----------------------------------------------------------


def test_closing_with_choices_not_saved_asks_once_and_cancel_keeps_them(
    qtbot: Any, conflicts: tuple[Path, list[str]], asked: Asked
) -> None:
    path, (sid, _) = conflicts
    before = file_checksum(path)
    view = _desk(qtbot, path, sid)
    view.choose("name", 1)
    asked.answers.extend(["cancel", "discard"])

    view.close()
    assert asked.calls == [view._shown_name], "asked once, naming the interview"
    assert view.isVisible() and view.choices == {"name": 1}, "Cancel: still choosing"

    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert len(asked.calls) == 2, "Esc asks the same question"
    assert not view.isVisible(), "Discard: closed"
    assert file_checksum(path) == before, "and nothing written"


def test_save_from_the_question_writes_the_resolution_then_closes(
    qtbot: Any, conflicts: tuple[Path, list[str]], asked: Asked, errors: list[str]
) -> None:
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    view.choose("name", _head_of(view, "beto"))
    asked.answers.extend(["save", "save"])
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert errors == ["conflicts.author_needed"] and view.isVisible(), "no name: stays open"
    assert view.reviewer_edit.hasFocus()
    assert _heads(path, sid) == 2

    view.reviewer_edit.setText("Rosa Díaz")
    with qtbot.waitSignal(view.resolved):
        view.close()
    assert not view.isVisible() and len(asked.calls) == 2
    with Store.open(path) as store:
        (head,) = store.interviews.heads(sid)
    assert head.answers["name"] == "Mesa de Seguridad" and head.author == "Rosa Díaz"


def test_no_question_when_nothing_was_chosen(
    qtbot: Any, conflicts: tuple[Path, list[str]], asked: Asked
) -> None:
    path, (sid, other) = conflicts
    view = _desk(qtbot, path, sid)
    view.conflict_list.setCurrentRow(1 - view.conflict_list.currentRow())
    assert view.submission_id == other
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert asked.calls == [] and not view.isVisible()


def test_moving_to_another_conflict_with_choices_asks_save_discard_or_cancel(
    qtbot: Any, conflicts: tuple[Path, list[str]], asked: Asked
) -> None:
    path, (first, second) = conflicts
    view = _desk(qtbot, path, first)
    view.reviewer_edit.setText("Rosa Díaz")
    row_of_first = view.conflict_list.currentRow()
    view.choose("name", 1)
    asked.answers.extend(["cancel", "discard", "save"])

    view.conflict_list.setCurrentRow(1 - row_of_first)
    assert len(asked.calls) == 1
    assert view.conflict_list.currentRow() == row_of_first, "Cancel: back on the first"
    assert view.submission_id == first and view.choices == {"name": 1}

    view.conflict_list.setCurrentRow(1 - row_of_first)
    assert len(asked.calls) == 2 and view.submission_id == second and view.choices == {}
    assert _heads(path, first) == 2, "Discard: nothing written"

    view.choose("years", 1)
    view.conflict_list.setCurrentRow(row_of_first)
    assert len(asked.calls) == 3
    assert _heads(path, second) == 1, "Save: the second is resolved"
    qtbot.waitUntil(lambda: view.conflict_list.count() == 1)
    assert view.submission_id == first, "and the desk shows the conflict asked for"
    assert view.status.text().startswith("Resolved")


def test_the_question_offers_save_discard_and_cancel(
    qtbot: Any, conflicts: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fieldapp.ui.conflicts_view.ask_unsaved", ask_unsaved)
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    view.choose("name", 1)
    seen: list[list[str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append([button.text() for button in box.buttons()])
        assert "did not save the resolution" in box.text()
        discard = next(b for b in box.buttons() if b.text() == "&Discard")
        discard.click()

    QTimer.singleShot(0, answer)
    view.close()
    assert seen and sorted(seen[0]) == ["&Discard", "&Save", "Cancel"]
    assert not view.isVisible()


def test_the_saved_line_names_the_interview_as_the_list_did_not_by_its_id(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    """Found on the supervisor's walk: "Resolved: interview 03590723-6f9e-… has one
    current version again" named the interview by an id she never sees."""
    path, (sid, _) = conflicts
    QSettings().setValue(REVIEWER_SETTING, "Rosa")
    view = _desk(qtbot, path, sid)
    listed = view.conflict_list.currentItem().text()
    view.choose("name", _head_of(view, "beto"))
    with qtbot.waitSignal(view.resolved):
        view.save_resolution()
    said = view.status.text()
    assert said.startswith("Resolved: interview ")
    assert sid not in said, "not the id in full"
    name = said.removeprefix("Resolved: interview ").split(" has one")[0]
    assert name and name in listed, "the name the list showed it by"
    view.close()


# --- 5. a chosen answer stays whole ---------------------------------------------------------

LONG_ANSWER = (
    "La mesa de seguridad empezó a reunirse cada semana después de los peores años de "
    "violencia, cuando los empresarios decidieron que no podían esperar más; con el cambio "
    "de administración se perdieron casi dos años y hubo que explicar todo otra vez a los "
    "nuevos funcionarios, que no conocían a nadie de las organizaciones de la ciudad."
)


def _wordy_conflict(tmp_path: Path) -> Path:
    """An interview whose long story Ana and Beto each finished in their own words."""
    from xlsform import write_xlsform

    survey = [
        {"type": "text", "name": "story", "label::English (en)": "Story"},
        {"type": "text", "name": "who", "label::English (en)": "Who"},
    ]
    form = write_xlsform(tmp_path / "wordy.xlsx", survey=survey, settings={"form_id": "wordy"})
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sha = ana.add_form(form.read_bytes(), form_id="wordy")
    sid = ana.create(sha, "Tijuana", {"story": LONG_ANSWER, "who": "Mesa"}, "wordy")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"story": LONG_ANSWER + " Lo dijo Ana al revisar la grabación."})
    beto.edit(sid, {"story": "Beto lo resumió: la mesa empezó tras los peores años."})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()
    return tmp_path / "ana.db"


def _elided(view: ConflictsView, row: int, column: int) -> bool:
    """Whether the cell's text needs more lines than its row shows, in the font it is
    drawn in (bold when chosen): Qt then cuts the last line short with "…"."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    table = view.table
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.rect = table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
    option.font = table.item(row, column).font()
    area = table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, table)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    text = table.item(row, column).text()
    wrap = Qt.TextFlag.TextWordWrap
    lines = QFontMetrics(option.font).boundingRect(area.adjusted(margin, 0, -margin, 0), wrap, text)
    return lines.height() > area.height()


@pytest.mark.parametrize("width", [1366, 1280, 1100])
def test_a_chosen_long_answer_wraps_whole_in_bold_never_cut_short(
    qtbot: Any, tmp_path: Path, width: int
) -> None:
    """Found on the supervisor's walk: the chosen (bold) cell ended in "…" where the same
    text, not bold, wrapped whole. Here version 1 is short, version 2 long: taking
    version 2 makes the longest text of the row bold."""
    view = _desk(qtbot, _wordy_conflict(tmp_path))
    view.resize(width, 768)
    settle(qtbot, 10)
    story = _row(view, "story")
    long_version = next(i for i, h in enumerate(view.heads) if h.author == "ana")
    assert long_version == 1
    column = view.head_column(long_version)
    assert not _elided(view, story, column), "not chosen, it wraps whole"
    view.choose("story", long_version)
    item = view.table.item(story, column)
    assert item.font().bold(), "the chosen answer is bold"
    assert item.text().startswith(LONG_ANSWER), "the whole answer is the cell's"
    assert not _elided(view, story, column), "chosen, it still wraps whole"
    view.choose("story", 0)
    assert not _elided(view, story, view.head_column(0))
    assert not _elided(view, story, column)
    view.choices.clear()  # close without the question


# --- 6. a run of conflicts from the keyboard -------------------------------------------------


def _first_difference(view: ConflictsView) -> tuple[int, int]:
    return min(_row(view, key) for key in view._differing), view.head_column(0)


def test_after_a_save_the_next_conflicts_answers_have_the_keys_until_none_is_left(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, _ = conflicts
    QSettings().setValue(REVIEWER_SETTING, "Rosa")
    view = _desk(qtbot, path)
    listed = [view.conflict_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(2)]
    assert view.submission_id == listed[0]
    table = view.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # version 2's answer
    assert view.choices
    view.save_button.setFocus()
    with qtbot.waitSignal(view.resolved):
        qtbot.keyClick(view.save_button, Qt.Key.Key_Space)

    def next_one_shown() -> None:  # the old conflict's buttons go at the next turns of the loop
        assert view.conflict_list.count() == 1
        assert view.submission_id == listed[1], "the next conflict is shown"
        assert view.conflict_list.currentRow() == 0
        assert table.hasFocus(), "its answers have the keys, not the list"
        assert (table.currentRow(), table.currentColumn()) == _first_difference(view)
        assert "1 conflict is left" in view.status.text()

    qtbot.waitUntil(next_one_shown)

    qtbot.keyClick(table, Qt.Key.Key_Space)  # version 1's answer, from the keyboard
    assert view.choices == {view.keys[table.currentRow()]: 0}
    with qtbot.waitSignal(view.resolved):
        qtbot.keyClick(view.save_button, Qt.Key.Key_Space)

    def none_left() -> None:
        assert view.conflict_list.count() == 0 and view.submission_id is None
        assert view.status.text().startswith("Resolved: interview ")
        assert "No conflicts are left" in view.status.text()
        assert view.close_button.hasFocus(), "what is left to do: close the desk"
        assert not view.save_button.isEnabled()

    qtbot.waitUntil(none_left)
    qtbot.keyClick(view.close_button, Qt.Key.Key_Space)
    assert not view.isVisible()
    for sid in listed:
        assert _heads(path, sid) == 1


def test_after_saving_the_last_listed_conflict_the_one_above_it_is_shown(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    path, _ = conflicts
    QSettings().setValue(REVIEWER_SETTING, "Rosa")
    view = _desk(qtbot, path)
    first = view.conflict_list.item(0).data(Qt.ItemDataRole.UserRole)
    view.conflict_list.setCurrentRow(1)
    view.keep_whole(1)
    with qtbot.waitSignal(view.resolved):
        view.save_resolution()

    def the_one_above_shown() -> None:  # at the next turns of the loop
        assert view.submission_id == first and view.table.hasFocus()
        assert (view.table.currentRow(), view.table.currentColumn()) == _first_difference(view)

    qtbot.waitUntil(the_one_above_shown)


def test_after_the_last_resolution_the_desk_says_none_is_left_across_its_width(
    qtbot: Any, conflicts: tuple[Path, list[str]]
) -> None:
    """Walked in Spanish at 1366x768 (walksup): after the last conflict an empty table
    stayed under the instructions for picking its cells, and "Resuelto: …" was wrapped
    into four lines of a column beside Revisor."""
    from fieldapp.ui import i18n

    path, _ = conflicts
    QSettings().setValue(REVIEWER_SETTING, "Rosa")
    i18n.apply_language("es")
    try:
        view = _desk(qtbot, path, active=False)
        assert view.table.isVisible() and not view.empty.isVisible()
        for left in (1, 0):
            view.keep_whole(1)
            with qtbot.waitSignal(view.resolved):
                view.save_resolution()
            qtbot.waitUntil(lambda left=left: view.conflict_list.count() == left)
        settle(qtbot, 10)
        # Said plainly, across the desk: no list, table, instructions, steps or Save.
        assert view.empty.isVisible()
        assert view.empty.text() == text("merge.ui.no_conflicts", "es")
        assert view.empty.width() >= view.width() * 3 // 4
        for hidden in (
            view.conflict_list,
            view.help,
            view.table,
            view.differences_only,
            view.previous_button,
            view.next_button,
            view.reviewer_edit,
            view.save_button,
        ):
            assert not hidden.isVisible(), hidden.objectName() or type(hidden).__name__
        # The resolution reads on one or two lines of the row beside Close.
        status = view.status
        said = status.text()
        assert said.startswith("Resuelto: la entrevista ") and "No quedan conflictos." in said
        assert status.width() >= view.width() * 3 // 4
        metrics = status.fontMetrics()
        room = QRect(0, 0, status.contentsRect().width(), 10_000)
        height = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, said).height()
        assert height <= 2 * metrics.lineSpacing(), "more than two lines"
        assert view.close_button.isVisible() and view.close_button.isEnabled()
    finally:
        i18n.apply_language("en")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("\u2060", "conflicts.author_needed"),
        ("Rosa\u2067x", "review.reviewer_unfit"),
        ("R" * 1001, "review.reviewer_long"),
    ],
)
def test_a_reviewer_name_no_laptop_could_show_on_one_line_resolves_nothing(
    qtbot: Any, conflicts: tuple[Path, list[str]], errors: list[str], typed: str, said: str
) -> None:
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    view.reviewer_edit.setText(typed)
    view.choose("name", _head_of(view, "beto"))
    before = file_checksum(path)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert errors == [said]
    assert view.reviewer_edit.hasFocus(), "the field to mend is where the keys go"
    assert file_checksum(path) == before, "nothing written"
    view.reviewer_edit.setText("Rosa")  # mended, it saves
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    view.close()


def test_a_question_piping_an_answer_the_laptops_differ_on_reads_as_both(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen in the Spanish walk: where Ana and Beto named the organisation apart, the desk
    titled the years "Años de actividad de ${name}"; a supervisor reads both names."""
    from xlsform import write_xlsform

    survey = [
        {"type": "text", "name": "name", "label": "Nombre de la organización"},
        {"type": "integer", "name": "years", "label": "Años de actividad de ${name}"},
    ]
    settings = {"form_id": "piped", "version": "2025010101", "form_title": "piped"}
    content = write_xlsform(tmp_path / "piped.xlsx", survey, settings=settings).read_bytes()
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    form = ana.add_form(content, form_id="piped")
    sid = ana.create(form, "Tijuana", {"name": "Mesa", "years": 2}, form_id="piped")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"name": "Mesa Ciudadana", "years": 3})
    beto.edit(sid, {"name": "Mesa de Seguridad"})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()
    view = _desk(qtbot, tmp_path / "ana.db", sid, active=False)
    title = view.table.item(_row(view, "years"), 0).text()
    names = [view.heads[i].answers["name"] for i in range(len(view.heads))]  # type: ignore[index]
    assert title == f"Años de actividad de “{names[0]}” / “{names[1]}” (years)"
    assert sorted(names) == ["Mesa Ciudadana", "Mesa de Seguridad"]
    view.close()


def _long_entries(tmp_path: Path) -> Path:
    """An interview whose repeat entry (30 questions) Ana and Beto edited apart, below a
    question they also disagree on."""
    from xlsform import EN as en
    from xlsform import write_xlsform

    fields = [f"f{n:02d}" for n in range(30)]
    survey = [
        {"type": "text", "name": "org", en: "Organisation"},
        {"type": "begin_repeat", "name": "staff", en: "Staff"},
        *({"type": "text", "name": f, en: f"Question {f}"} for f in fields),
        {"type": "end_repeat"},
        {"type": "text", "name": "who", en: "Who"},
    ]
    form = write_xlsform(tmp_path / "staff.xlsx", survey=survey, settings={"form_id": "staff"})
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sha = ana.add_form(form.read_bytes(), form_id="staff")
    entry = {f: f"answer {f}" for f in fields}
    sid = ana.create(sha, "Tijuana", {"org": "Mesa", "staff": [entry], "who": "x"}, "staff")
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"org": "Mesa A", "staff": [{**entry, "f29": "Ana"}], "who": "Ana"})
    beto.edit(sid, {"org": "Mesa B", "staff": [{**entry, "f29": "Beto"}], "who": "Beto"})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()
    return tmp_path / "ana.db"


def test_a_long_repeat_entry_is_cut_short_until_it_is_the_current_row(
    qtbot: Any, tmp_path: Path
) -> None:
    """Seen on the Conflicts desk: a repeat entry's cell of 30 lines was one row taller
    than the table, so the questions below it were a long scroll away. Its row now shows a
    few lines ending in "…", its whole text on hover, and whole once the arrows reach it."""
    view = _desk(qtbot, _long_entries(tmp_path))
    table = view.table
    entry, who = _row(view, "staff[1]"), _row(view, "who")
    assert table.currentRow() != entry, "the first difference is the organisation"
    line = table.fontMetrics().lineSpacing()
    assert table.rowHeight(entry) < 10 * line, "a few lines, not thirty"
    assert table.rowViewportPosition(who) + table.rowHeight(who) <= table.viewport().height()
    cell = table.item(entry, view.head_column(0))
    assert _elided(view, entry, view.head_column(0)), 'the cut shows as "…"'
    assert cell.toolTip().startswith(cell.text()) and "f29" in cell.toolTip(), "whole on hover"
    assert "f29" in cell.text()
    table.setFocus()
    while table.currentRow() != entry:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.rowHeight(entry) >= 30 * line, "the current row reads whole"
    assert not _elided(view, entry, view.head_column(0))
    assert "\n\n" not in cell.toolTip(), "open, its tooltip is the codes again"


def test_the_line_a_repeat_entry_differs_on_comes_first_and_is_marked(
    qtbot: Any, tmp_path: Path
) -> None:
    """Ana and Beto differ on the entry's thirtieth question: its line was the last of a
    cell cut short after eight, so the desk showed two entries that looked the same."""
    view = _desk(qtbot, _long_entries(tmp_path))
    entry = _row(view, "staff[1]")
    said = {
        view.heads[i].author: view.table.item(entry, view.head_column(i)).text().splitlines()
        for i in range(len(view.heads))
    }
    assert said["ana"][0] == "≠ Question f29: Ana"
    assert said["beto"][0] == "≠ Question f29: Beto"
    assert said["ana"][1:] == said["beto"][1:], "the rest in the form's order, alike"
    assert said["ana"][1] == "Question f00: answer f00"
    assert not any(line.startswith("≠") for line in said["ana"][1:])
    assert _elided(view, entry, view.head_column(0)), "still cut short, the difference in sight"
    view.close()


def test_the_missing_name_message_names_the_interview_as_the_list_does_not_by_its_id(
    qtbot: Any, conflicts: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch, asked: Asked
) -> None:
    """Walked under a window manager (kbwalk): "La resolución de la entrevista
    2e767cd0-f8d4-46e5-adad-45b7a5bc1b32 necesita el nombre…", the list beside it naming
    the interview by its name, as the line after a resolution does."""
    said: list[str] = []
    monkeypatch.setattr(
        "fieldapp.ui.conflicts_view.show_error", lambda _, error: said.append(error.text("es"))
    )
    path, (sid, _) = conflicts
    view = _desk(qtbot, path, sid)
    view.choose("name", _head_of(view, "beto"))
    asked.answers.append("discard")  # the choice made stays unsaved: closing asks
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert len(said) == 1 and view._shown_name
    assert view._shown_name in said[0] and sid not in said[0], said[0]
