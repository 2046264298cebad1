"""The progress dashboard worked from the keyboard, and its refusals in the table's words."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from fieldapp.core.progress import targets
from fieldapp.core.store import InterviewFilter
from fieldapp.core.study import ACTOR_TYPES
from fieldapp.ui.dashboard import COLUMN, DashboardView
from fieldapp.ui.interviews_model import CITY_NAMES
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.reviewer import remember_reviewer


def row_of(view: DashboardView, city: str, actor: str) -> int:
    for row, cell in enumerate(view.model.cells):
        if (cell.city, cell.actor_type) == (city, actor):
            return row
    raise AssertionError(f"no row for {city}/{actor}")


def test_enter_on_a_count_lists_those_interviews_like_a_click(qtbot: Any, store: Any) -> None:
    window = MainWindow(store.path)
    qtbot.addWidget(window)
    view = window.open_progress()
    assert isinstance(view, DashboardView)
    row = row_of(view, "tijuana", "gov")
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, COLUMN["draft"]))
    with qtbot.waitSignal(view.interviews_requested):
        QTest.keyClick(view.table, Qt.Key.Key_Return)
    assert window.current_filter() == InterviewFilter(
        city="tijuana", actor_type="gov", state="draft"
    )
    window.close()


def test_a_refused_target_names_the_city_and_actor_as_the_table_does(
    qtbot: Any, store: Any, monkeypatch: Any
) -> None:
    from fieldapp.ui import i18n

    i18n.apply_language("es")
    remember_reviewer("Rosa")
    try:
        view = DashboardView(store)
        qtbot.addWidget(view)
        said: list[str] = []
        monkeypatch.setattr(
            "fieldapp.ui.dashboard.show_error", lambda _w, e: said.append(e.text("es"))
        )
        assert not view.set_target(row_of(view, "juarez", "security"), "muchas")
        assert len(said) == 1
        assert "Ciudad Juárez / Fuerzas de seguridad" in said[0]
        assert "juarez" not in said[0] and "security" not in said[0]
    finally:
        i18n.apply_language("en")


def _press(qtbot: Any, key: Qt.Key | str) -> None:
    """Press ``key`` where the keyboard's focus is, as a supervisor's key goes."""
    focused = QApplication.focusWidget()
    assert focused is not None, "the desk has the keyboard's focus"
    qtbot.keyClick(focused, key)


def _type_target(qtbot: Any, view: DashboardView, digits: str) -> None:
    """Type ``digits`` on the current cell and press Enter."""
    for digit in digits:  # the first opens the cell's editor, which takes the focus
        _press(qtbot, digit)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == digits
    _press(qtbot, Qt.Key.Key_Return)
    # Qt commits after the key, then hides the editor or deletes it (as it may on a busy
    # run): either way it is gone ("already deleted" failed the wait once)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())


def _lost_editors(qtlog: Any) -> list[str]:
    """Qt's warnings that an editor was closed under the view (by a reset of the model)."""
    return [r.message for r in qtlog.records if "commitData" in r.message]


def test_a_target_typed_cleared_and_the_next_one_typed_all_from_the_keyboard(
    qtbot: Any, store: Any, qtlog: Any, monkeypatch: Any
) -> None:
    sha = store.forms.records()[0].sha256
    for city in CITY_NAMES:  # a target names a city and actor the study knows
        for actor in ACTOR_TYPES:
            store.interviews.start(sha, interviewer="TJ01", city=city, actor_type=actor)
    remember_reviewer("Rosa")  # asked otherwise, in a dialog
    said: list[str] = []
    monkeypatch.setattr("fieldapp.ui.dashboard.show_error", lambda _w, e: said.append(e.code))
    # shown and active: focus moves as on a desk (the editor's goes back to the table)
    view = _desk_on(qtbot, store, "tijuana", "gov", "target")
    target = view.table.currentIndex()
    row = target.row()

    _type_target(qtbot, view, "12")
    assert _lost_editors(qtlog) == [], "the view kept the editor it committed"
    assert targets(store) == {("tijuana", "gov"): 12}
    assert view.model.index(row, COLUMN["target"]).data() == 12
    assert view.table.currentIndex() == target, "the cell typed in is still the current one"
    assert view.table.selectionModel().isSelected(target)
    assert view.table.hasFocus()

    _press(qtbot, Qt.Key.Key_Delete)  # at once: the target just typed goes
    assert targets(store) == {}
    assert view.model.index(row, COLUMN["target"]).data() == "—"
    assert view.table.currentIndex() == target

    _press(qtbot, Qt.Key.Key_Down)
    below = view.model.index(row + 1, COLUMN["target"])
    assert view.table.currentIndex() == below
    _type_target(qtbot, view, "3")
    below_group = (view.model.cells[row + 1].city, view.model.cells[row + 1].actor_type)
    assert targets(store) == {below_group: 3}
    assert view.table.currentIndex() == below
    assert said == [], "nothing was refused"
    assert _lost_editors(qtlog) == []


def test_tab_walks_the_desk_and_the_arrows_walk_the_table(qtbot: Any, store: Any) -> None:
    view = DashboardView(store)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    view.table.setCurrentIndex(view.model.index(0, 0))
    _press(qtbot, Qt.Key.Key_Right)
    assert view.table.currentIndex() == view.model.index(0, 1), "arrows move between cells"

    walked = []
    for _ in range(4):  # one stop per part of the desk, then back to the table
        _press(qtbot, Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget().objectName())
    assert walked == ["chartCity", "progressChartScroll", "researchersTable", "progressTable"]
    assert view.table.currentIndex() == view.model.index(0, 1), "back where it was"
    _press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is view.researchers


def test_the_hint_names_each_key_the_desk_answers_in_both_languages(qtbot: Any, store: Any) -> None:
    from fieldapp.ui import i18n

    keys = {"en": ("Enter", "Type a number", "Delete", "F5"), "es": ("Intro", "Escriba", "Supr")}
    for language, words in keys.items():
        i18n.apply_language(language)
        try:
            view = DashboardView(store)
            qtbot.addWidget(view)
            hint = view.hint.text()
        finally:
            i18n.apply_language("en")
        assert [w for w in words if w not in hint] == [], language


def test_the_desk_opens_again_split_where_the_supervisor_left_it(qtbot: Any, store: Any) -> None:
    def opened() -> DashboardView:
        view = DashboardView(store)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        return view

    def split(view: DashboardView) -> tuple[list[int], list[int]]:
        return view.chart_splitter.sizes(), view.splitter.sizes()

    view = opened()
    first = split(view)
    wide, high = (sum(sizes) for sizes in first)
    view.chart_splitter.setSizes([wide * 2 // 5, wide - wide * 2 // 5])  # a wider chart
    view.splitter.setSizes([high // 3, high - high // 3])  # more researchers
    dragged = split(view)
    assert dragged[0] != first[0] and dragged[1] != first[1]
    view.close()
    assert split(opened()) == dragged


def test_f5_reads_the_figures_again_and_keeps_the_current_cell(qtbot: Any, store: Any) -> None:
    sha = store.forms.records()[0].sha256
    store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="gov")
    view = _desk_on(qtbot, store, "tijuana", "gov", "draft")
    drafts = view.table.currentIndex()
    row = drafts.row()
    assert drafts.data() == 1

    store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="gov")
    _press(qtbot, Qt.Key.Key_F5)
    assert view.model.index(row, COLUMN["draft"]).data() == 2
    assert view.table.currentIndex() == drafts, "F5 leaves the supervisor where she was"


def _desk_on(qtbot: Any, store: Any, city: str, actor: str, column: str) -> DashboardView:
    """Open the desk shown and active, the keyboard in the table on ``city``/``actor``."""
    view = DashboardView(store)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row_of(view, city, actor), COLUMN[column]))
    qtbot.waitUntil(view.table.hasFocus)
    return view


def _current_group(view: DashboardView) -> tuple[str, str, int]:
    index = view.table.currentIndex()
    assert index.isValid(), "the table has a current cell"
    cell = view.model.cells[index.row()]
    return cell.city, cell.actor_type, index.column()


def test_f5_after_a_merge_brings_a_new_city_keeps_the_cell_and_the_keyboard(
    qtbot: Any, store: Any
) -> None:
    sha = store.forms.records()[0].sha256
    store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="gov")
    view = _desk_on(qtbot, store, "tijuana", "gov", "draft")
    rows = view.model.rowCount()

    # a merge brings the first interview of a city the study grid does not list
    store.interviews.start(sha, interviewer="MX01", city="mexicali", actor_type="gov")
    _press(qtbot, Qt.Key.Key_F5)
    assert view.model.rowCount() == rows + 1, "the new city has its row"
    assert _current_group(view) == ("tijuana", "gov", COLUMN["draft"])
    assert view.table.hasFocus(), "the keyboard stays in the table"
    assert view.table.selectionModel().isSelected(view.table.currentIndex())
    _press(qtbot, Qt.Key.Key_Right)  # and the arrows go on from there
    assert _current_group(view) == ("tijuana", "gov", COLUMN["draft"] + 1)


def test_a_new_group_sorted_above_the_current_one_moves_the_cursor_with_its_row(
    qtbot: Any, store: Any
) -> None:
    sha = store.forms.records()[0].sha256
    store.interviews.start(sha, interviewer="TJ01", city="tecate", actor_type="gov")
    view = _desk_on(qtbot, store, "tecate", "gov", "total")
    before = view.table.currentIndex().row()

    store.interviews.start(sha, interviewer="MX01", city="mexicali", actor_type="gov")
    _press(qtbot, Qt.Key.Key_F5)
    assert row_of(view, "tecate", "gov") == before + 1, "the new city comes first"
    assert _current_group(view) == ("tecate", "gov", COLUMN["total"])
    assert view.table.hasFocus()


def test_the_rows_in_sight_stay_in_sight_when_a_group_joins_above_them(
    qtbot: Any, store: Any
) -> None:
    sha = store.forms.records()[0].sha256
    # more towns than the table shows rows, even with every study group in sight
    towns = tuple(f"town {n:02}" for n in range(40))
    for city in (*towns, "zacatecas"):
        store.interviews.start(sha, interviewer="TJ01", city=city, actor_type="gov")
    view = _desk_on(qtbot, store, "zacatecas", "gov", "total")
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.table.verticalScrollBar().value() > 0)
    top = view.model.cells[view.table.rowAt(0)]
    assert top.city in towns, "the study's cities are above the rows in sight"

    # the new city is sorted before every town: its row comes above those in sight
    store.interviews.start(sha, interviewer="MX01", city="mexicali", actor_type="gov")
    _press(qtbot, Qt.Key.Key_F5)
    first = view.model.cells[view.table.rowAt(0)]
    assert (first.city, first.actor_type) == (top.city, top.actor_type)
    assert _current_group(view) == ("zacatecas", "gov", COLUMN["total"])


def test_when_the_current_group_leaves_the_cursor_goes_to_the_nearest_row(
    qtbot: Any, store: Any, monkeypatch: Any
) -> None:
    sha = store.forms.records()[0].sha256
    for city in ("mexicali", "tecate"):
        store.interviews.start(sha, interviewer="TJ01", city=city, actor_type="gov")
    view = _desk_on(qtbot, store, "mexicali", "gov", "draft")
    row = view.table.currentIndex().row()

    # its interviews are left out again (as sealed ones are when the keys are put away)
    from fieldapp.ui import dashboard

    read = dashboard.progress

    def without_mexicali(*args: Any, **kwargs: Any) -> Any:
        figures = read(*args, **kwargs)
        cells = tuple(c for c in figures.cells if c.city != "mexicali")
        return type(figures)(cells=cells, researchers=figures.researchers)

    monkeypatch.setattr(dashboard, "progress", without_mexicali)
    _press(qtbot, Qt.Key.Key_F5)
    assert view.table.currentIndex().row() == row
    assert _current_group(view) == ("tecate", "gov", COLUMN["draft"])
    assert view.table.hasFocus()


def test_an_open_desk_reads_the_figures_again_after_a_merge_in_the_main_window(
    qtbot: Any, store: Any, monkeypatch: Any
) -> None:
    """The supervisor keeps Progress open beside the list and merges: no F5 needed."""
    sha = store.forms.records()[0].sha256
    store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="gov")
    window = MainWindow(store.path)
    qtbot.addWidget(window)
    view = window.open_progress()
    row = row_of(view, "tijuana", "gov")
    view.table.setCurrentIndex(view.model.index(row, COLUMN["draft"]))
    rows = view.model.rowCount()

    from fieldapp.ui.merge_dialog import MergeDialog

    def merged(_dialog: Any) -> int:  # what the dialog's merge writes to the database
        store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="gov")
        store.interviews.start(sha, interviewer="MX01", city="mexicali", actor_type="gov")
        return 1

    monkeypatch.setattr(MergeDialog, "exec", merged)
    window.open_merge()
    assert view.model.rowCount() == rows + 1, "the merged city has its row"
    assert view.model.index(row_of(view, "tijuana", "gov"), COLUMN["draft"]).data() == 2
    assert _current_group(view) == ("tijuana", "gov", COLUMN["draft"])
    view.close()
    window.open_merge()  # a desk closed (and deleted) is not read again
    window.close()


def test_a_desk_of_the_database_left_closes_when_another_is_opened(
    qtbot: Any, store: Any, tmp_path: Any
) -> None:
    """File › Open database…: the desks showed the old database and read a closed one
    (F5 in Progress raised; the devices desk named one database and acted on the other);
    they close with the database they belong to."""
    from fieldapp.core.store import Store

    other = tmp_path / "other.db"
    Store.open(other).close()
    window = MainWindow(store.path)
    qtbot.addWidget(window)
    desks = [window.open_progress(), window.open_review(), window.open_devices()]
    assert all(desk.isVisible() for desk in desks)
    assert window.open_database(other)
    assert not any(desk.isVisible() for desk in desks), "the old database's desks are closed"
    window.refresh()  # the new database's changes reach no desk of the old one
    window.close()


def test_ctrl_w_closes_the_desk_and_the_list_has_the_keyboard_again(qtbot: Any, store: Any) -> None:
    """Walked under a window manager (kbwalk): Progress is a window of its own, where
    Escape is no dialog's, and Ctrl+W did nothing: only Alt+F4 closed it."""
    window = MainWindow(store.path)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.table.setFocus()
    view = window.open_progress()
    with qtbot.waitActive(view):
        view.activateWindow()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not view.isVisible())
    window.activateWindow()  # the window manager's part: the list keeps its own focus
    qtbot.waitUntil(window.table.hasFocus)
    window.close()


def test_each_desk_opened_again_is_the_one_open_raised_with_its_keyboard(
    qtbot: Any, store: Any
) -> None:
    """Walked under a window manager (kbwalk): Ctrl+Shift+R pressed again in the list
    opened a second review desk on the same queue (the first one's unsent comments out of
    sight), the keyboard in the new one; Progress and Devices likewise."""
    window = MainWindow(store.path)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    for open_desk in (window.open_review, window.open_progress, window.open_devices):
        desk = open_desk()
        with qtbot.waitActive(desk):
            desk.activateWindow()
        focused = desk.focusWidget()
        assert focused is not None
        with qtbot.waitActive(window):
            window.activateWindow()
        assert open_desk() is desk, "the desk open, not a second one"
        qtbot.waitUntil(desk.isActiveWindow)
        qtbot.waitUntil(lambda f=focused: QApplication.focusWidget() is f)  # where it was
        desk.close()
        qtbot.waitUntil(lambda d=desk: not shiboken6.isValid(d) or not d.isVisible())
        again = open_desk()
        assert again is not desk and again.isVisible(), "closed: a new one opens"
        again.close()
    window.close()
