"""The windows share one typed state object and follow its signals, not each other's fields."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate

from fieldapp.core.store import InterviewFilter
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.state import UiState


def _start(store: Any, city: str, count: int) -> None:
    sha = store.forms.records()[0].sha256
    for _ in range(count):
        store.interviews.start(sha, interviewer="TJ-01", city=city, actor_type="cso")


def test_the_list_and_its_filter_boxes_follow_the_state_and_the_boxes_set_it(
    qtbot: Any, store: Any
) -> None:
    _start(store, "tijuana", 2)
    _start(store, "monterrey", 3)
    state = UiState()
    window = MainWindow(Path(store.path), state)
    qtbot.addWidget(window)
    assert window.state is state and state.store is window.store and window.model.total == 5
    changes: list[InterviewFilter] = []
    state.filters_changed.connect(changes.append)

    # another window (Progress) asks for the drafts of one city, with a code no box lists
    state.set_filters(InterviewFilter(city="tijuana", actor_type="journalist", state="draft"))
    assert window.city_filter.currentData() == "tijuana"
    assert window.actor_filter.currentData() == "journalist"
    assert window.state_filter.currentData() == "draft"
    assert window.model.total == 0  # no journalist
    state.set_filters(InterviewFilter(city="tijuana", state="draft"))
    assert window.model.total == 2 and window.actor_filter.currentData() is None

    # the boxes set the state: choosing a city, a date, typing a name
    window.city_filter.setCurrentIndex(window.city_filter.findData("monterrey"))
    assert state.filters.city == "monterrey" and window.model.total == 3
    window.from_date.setDate(QDate(2001, 2, 3))
    assert state.filters.date_from is not None and state.filters.date_from.year == 2001
    window.search_edit.setText("  TJ ")
    qtbot.waitUntil(lambda: state.filters.text == "TJ")
    assert window.search_edit.text() == "  TJ ", "what is being typed is left as typed"
    window.clear_filters()
    assert state.filters == InterviewFilter() and window.model.total == 5
    assert window.from_date.date() == window.from_date.minimumDate()
    assert window.search_edit.text() == "" and window.city_filter.currentData() is None
    assert changes[-1] == InterviewFilter()
    count = len(changes)
    state.set_filters(InterviewFilter())
    assert len(changes) == count, "setting what is there says nothing"
    window.close()


def test_the_selection_is_shared_both_ways(qtbot: Any, store: Any) -> None:
    _start(store, "tijuana", 3)
    window = MainWindow(Path(store.path))
    qtbot.addWidget(window)
    first = window.model.row_at(0).submission_id
    assert window.state.selected == first  # the first row is selected at start
    third = window.model.row_at(2).submission_id
    window.state.set_selected(third)
    assert window.selected_row().submission_id == third
    window.table.selectRow(1)
    assert window.state.selected == window.model.row_at(1).submission_id
    window.close()


def test_an_export_dialog_drops_the_study_key_when_the_state_forgets_it(
    qtbot: Any, store: Any, monkeypatch: Any
) -> None:
    from fieldapp.ui import export_dialog

    monkeypatch.setattr(export_dialog.ExportDialog, "_start_reading_choices", lambda self: None)
    state = UiState()
    key = object()
    state.set_study_key(key)  # type: ignore[arg-type]
    dialog = export_dialog.ExportDialog(Path(store.path), state=state)
    qtbot.addWidget(dialog)
    assert dialog.study_key is key
    forgotten: list[object] = []
    state.study_key_changed.connect(forgotten.append)
    state.set_study_key(None)
    assert dialog.study_key is None and forgotten == [None]
    state.set_study_key(None)  # forgetting is always announced: the store may hold a key
    assert forgotten == [None, None]


def test_the_progress_and_review_windows_do_not_import_the_main_window() -> None:
    """main_window opens them; they no longer reach back into it (no import cycle)."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, fieldapp.ui.dashboard, fieldapp.ui.review_view, fieldapp.ui.lock;"
            "print('fieldapp.ui.main_window' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
