"""The History diff shows a changed repeat as a grid a supervisor can read at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget
from xlsform import EN, ES, write_xlsform

from fieldapp.core.store import Store, SubmissionId
from fieldapp.ui.conflicts_view import DIFFERS
from fieldapp.ui.review_view import ReviewView
from fieldapp.ui.state import UiState

SURVEY = [
    {"type": "select_one city", "name": "city", EN: "City", ES: "Ciudad"},
    {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism", ES: "Mecanismo"},
    {"type": "text", "name": "mech_name", EN: "Name", ES: "Nombre"},
    {"type": "select_one kind", "name": "kind", EN: "Kind", ES: "Tipo"},
    {"type": "integer", "name": "year", EN: "Year", ES: "Año"},
    {"type": "end_repeat"},
]
CHOICES = [
    {"list_name": "city", "name": "tijuana", EN: "Tijuana", ES: "Tijuana"},
    {"list_name": "city", "name": "nuevo_laredo", EN: "Nuevo Laredo", ES: "Nuevo Laredo"},
    {"list_name": "kind", "name": "named", EN: "Named in a law", ES: "Nombrado en ley"},
    {"list_name": "kind", "name": "dues", EN: "Paid by members", ES: "Pagado por socios"},
]
SETTINGS = {
    "form_id": "m",
    "form_title": "Mechanisms",
    "version": "1",
    "default_language": "English (en)",
    "instance_name": "${city}",
}
BEFORE = {
    "city": "tijuana",
    "mechanisms": [
        {"mech_name": "Mesa", "kind": "named", "year": 2001},
        {"mech_name": "Comité", "kind": "dues", "year": 2005},
        {"mech_name": "Red", "kind": "named", "year": 2010},
    ],
}


def corrected(tmp_path: Path, after: dict[str, Any]) -> Store:
    """A store holding one interview finalized with BEFORE, then corrected to ``after``."""
    form = write_xlsform(tmp_path / "mech.xlsx", SURVEY, CHOICES, SETTINGS)
    store = Store.open(tmp_path / "sup.db")
    sha = store.forms.add(form).sha256
    sid, _ = store.interviews.submit(sha, BEFORE, finalize=True, city="tijuana", actor_type="cso")
    store.interviews.reopen(sid)
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), **after})
    store.interviews.finalize(sid)
    return store


def open_at_correction(qtbot: Any, store: Store) -> ReviewView:
    view = ReviewView(store)
    qtbot.addWidget(view)
    view.older_box.setCurrentIndex(1)  # the first finalized version, against the newest
    return view


def grid_text(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def marked(table: QTableWidget) -> set[tuple[int, int]]:
    return {
        (r, c)
        for r in range(table.rowCount())
        for c in range(table.columnCount())
        if table.item(r, c).background().color() == DIFFERS and table.item(r, c).font().bold()
    }


def test_a_corrected_repeat_reads_as_a_grid_of_entries_with_the_changes_marked(
    qtbot: Any, tmp_path: Path
) -> None:
    after = {
        "city": "nuevo_laredo",
        "mechanisms": [
            {"mech_name": "Mesa", "kind": "named", "year": 2001},
            {"mech_name": "Comité", "kind": "named", "year": 2005},
            {"mech_name": "Red", "kind": "named", "year": 2010},
            {"mech_name": "Colectivo", "kind": "dues", "year": 2020},
        ],
    }
    with corrected(tmp_path, after) as store:
        view = open_at_correction(qtbot, store)
        # Outside the repeat, the per-question list as before; the repeat is not in it.
        fields = [view.diff_table.item(r, 0).text() for r in range(view.diff_table.rowCount())]
        assert "City (city)" in fields
        assert not any("mechanisms" in field for field in fields)
        assert not view.grids_area.isHidden()
        (table,) = view.repeat_grids
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers == ["Name", "Kind", "Year"]
        rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
        assert rows == ["1", "2", "3", "4 (new)"]
        assert grid_text(table) == [
            ["Mesa", "Named in a law", "2001"],
            ["Comité", "Paid by members → Named in a law", "2005"],
            ["Red", "Named in a law", "2010"],
            ["— → Colectivo", "— → Paid by members", "— → 2020"],
        ]
        assert marked(table) == {(1, 1), (3, 0), (3, 1), (3, 2)}
        assert "dues → named" in table.item(1, 1).toolTip(), "the codes stay in the tooltip"
        titles = [label.text() for label in view.grids.findChildren(QLabel)]
        assert titles == ["Mechanism: 2 of 4 entries changed"]

        view.language_box.setCurrentIndex(view.language_box.findData("Español (es)"))
        (table,) = view.repeat_grids
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers == ["Nombre", "Tipo", "Año"]
        assert table.item(1, 1).text() == "Pagado por socios → Nombrado en ley"
        view.close()


def test_a_removed_entry_shows_its_old_answers_and_no_repeat_change_shows_no_grid(
    qtbot: Any, tmp_path: Path
) -> None:
    after = {"mechanisms": BEFORE["mechanisms"][:2]}
    with corrected(tmp_path, after) as store:
        view = open_at_correction(qtbot, store)
        assert view.diff_table.rowCount() == 0, "only the repeat changed"
        (table,) = view.repeat_grids
        rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
        assert rows == ["1", "2", "3 (removed)"]
        assert grid_text(table)[2] == ["Red → —", "Named in a law → —", "2010 → —"]
        assert table.item(2, 0).data(Qt.ItemDataRole.UserRole) == "changed"

        view.newer_box.setCurrentIndex(view.older_box.currentIndex())  # a version against itself
        assert view.repeat_grids == [] and view.grids_area.isHidden()
        view.close()


def test_the_grid_read_again_after_the_key_is_forgotten_keeps_the_keyboard_on_its_cell(
    qtbot: Any, tmp_path: Path
) -> None:
    after = {"mechanisms": BEFORE["mechanisms"][:2]}
    with corrected(tmp_path, after) as store:
        state = UiState()
        view = ReviewView(store, state=state)
        qtbot.addWidget(view)
        view.show()
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        view.tabs.setCurrentIndex(1)  # History: the newest correction, as it opens
        (table,) = view.repeat_grids
        table.setFocus()
        table.setCurrentCell(2, 1)  # the removed entry's kind
        qtbot.waitUntil(table.hasFocus)

        # the idle lock forgets the study key: every review view reads its interview again
        state.set_study_key(None)
        (grid,) = view.repeat_grids
        assert grid is not table, "drawn anew"
        # Qt gives the keyboard to a new widget once it shows, at the event loop's next turn
        qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
        assert (grid.currentRow(), grid.currentColumn()) == (2, 1)
        view.close()


def corrected_again(store: Store) -> SubmissionId:
    """Correct the one interview of ``store`` once more, outside the repeat."""
    ((sid,),) = store.conn.execute("SELECT submission_uuid FROM listing").fetchall()
    store.interviews.reopen(sid)
    store.interviews.autosave(
        sid, {**store.interviews.working_answers(sid), "city": "nuevo_laredo"}
    )
    store.interviews.finalize(sid)
    return SubmissionId(sid)


def shown_view(qtbot: Any, store: Store, state: UiState) -> ReviewView:
    view = ReviewView(store, state=state)
    qtbot.addWidget(view)
    view.reviewer_edit.setText("supervisora")
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.tabs.setCurrentIndex(1)
    return view


def test_a_grid_gone_from_the_comparison_read_again_leaves_the_keyboard_in_the_changes(
    qtbot: Any, tmp_path: Path
) -> None:
    after = {"mechanisms": BEFORE["mechanisms"][:2]}
    with corrected(tmp_path, after) as store:
        state = UiState()
        view = shown_view(qtbot, store, state)
        (table,) = view.repeat_grids  # the newest correction, as it opens: the repeat's
        table.setFocus()
        qtbot.waitUntil(table.hasFocus)

        corrected_again(store)  # meanwhile, a merge brings a correction outside the repeat
        state.set_study_key(None)  # read again: the newest against the one before
        assert view.newer_box.currentIndex() == 5 and view.older_box.currentIndex() == 4
        assert view.repeat_grids == []
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view.diff_table)
        view.close()


def test_the_versions_chosen_stay_compared_when_the_interview_is_read_again(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = {"mechanisms": BEFORE["mechanisms"][:2]}
    with corrected(tmp_path, after) as store:
        sid = corrected_again(store)
        state = UiState()
        view = shown_view(qtbot, store, state)
        assert view.repeat_grids == [], "the newest correction leaves the repeat alone"
        view.older_box.setCurrentIndex(1)  # the first finalized version: the repeat changed
        view.newer_box.setCurrentIndex(3)  # against the first correction
        (table,) = view.repeat_grids
        table.setFocus()
        table.setCurrentCell(2, 1)  # the removed entry's kind
        qtbot.waitUntil(table.hasFocus)
        chosen = (view.older_box.currentData(), view.newer_box.currentData())

        state.set_study_key(None)  # the idle lock forgets the key: read again
        assert (view.older_box.currentData(), view.newer_box.currentData()) == chosen
        (grid,) = view.repeat_grids
        assert grid_text(grid)[2] == ["Red → —", "Named in a law → —", "2010 → —"]
        qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
        assert (grid.currentRow(), grid.currentColumn()) == (2, 1)

        # A version merged in before the decision: the queue shows it, the pair stays.
        store.interviews.reopen(sid)
        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "city": "tijuana"})
        store.interviews.finalize(sid)
        monkeypatch.setattr("fieldapp.ui.review_view.show_error", lambda _w, _e: None)
        assert not view.approve()
        assert view.older_box.count() == 8, "the new version is listed"
        assert (view.older_box.currentData(), view.newer_box.currentData()) == chosen
        assert len(view.repeat_grids) == 1

        view.show_interview(None)  # another interview, or none: back to the newest two
        view.show_interview(sid)
        assert (view.older_box.currentIndex(), view.newer_box.currentIndex()) == (6, 7)
        view.close()


def test_a_grid_read_again_while_another_window_is_active_has_the_keyboard_on_return(
    qtbot: Any, tmp_path: Path
) -> None:
    after = {"mechanisms": BEFORE["mechanisms"][:2]}
    with corrected(tmp_path, after) as store:
        state = UiState()
        view = ReviewView(store, state=state)
        qtbot.addWidget(view)
        view.show()
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow)
        view.tabs.setCurrentIndex(1)
        (table,) = view.repeat_grids
        table.setFocus()
        table.setCurrentCell(1, 1)
        qtbot.waitUntil(table.hasFocus)
        elsewhere = QLabel("the main window, say")
        qtbot.addWidget(elsewhere)
        elsewhere.show()
        elsewhere.activateWindow()
        qtbot.waitUntil(elsewhere.isActiveWindow)

        state.set_study_key(None)  # given or forgotten in another window
        (grid,) = view.repeat_grids
        view.activateWindow()  # back to the review queue
        qtbot.waitUntil(view.isActiveWindow)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
        assert (grid.currentRow(), grid.currentColumn()) == (1, 1)
        view.close()
