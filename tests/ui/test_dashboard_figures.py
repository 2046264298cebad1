"""The dashboard's tables for the supervisor: days worked per researcher, sortable; headings
that read as plurals and say what ``fieldapp status`` says; a target cleared in the table."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.progress import set_target, targets
from fieldapp.core.store import Store
from fieldapp.ui import i18n
from fieldapp.ui.dashboard import COLUMN, COLUMNS, DashboardView
from fieldapp.ui.researchers_model import SORT_ROLE
from fieldapp.ui.reviewer import REVIEWER_SETTING, remember_reviewer

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "text", "name": "org", "label": "Organización"},
    {"type": "select_one city", "name": "city", "label": "Ciudad"},
]
CITIES = [{"list_name": "city", "name": name, "label": name} for name in ("juarez", "tijuana")]
TEAM = {"TJ01": (6, 4, 0), "MT01": (9, 0, 0), "CJ01": (2, 1, 1)}
"""Researcher -> interviews finalized on each of three days (10, 9 and 4 in all)."""
TIJUANA_GOV = ("tijuana", "gov")
"""The one city and actor type of ``team``'s interviews."""


class Clock:
    def __init__(self) -> None:
        self.moment = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Store]:
    """A supervisor's database: three researchers' finalized interviews over three days."""
    form = write_xlsform(tmp_path / "gov.xlsx", SURVEY, CITIES, settings={"form_id": "gov"})
    clock = Clock()
    with Store.open(tmp_path / "supervisor.db", clock=clock) as store:
        sha = store.forms.add(form).sha256
        for day in range(3):
            clock.moment = dt.datetime(2026, 6, 1 + day, 9, 0, tzinfo=dt.UTC)
            for who, per_day in TEAM.items():
                for _ in range(per_day[day]):
                    sid = store.interviews.start(
                        sha, interviewer=who, city="tijuana", actor_type="gov"
                    )
                    clock.moment += dt.timedelta(minutes=30)
                    store.interviews.finalize(sid)
        yield store


def _dashboard(qtbot: Any, store: Store) -> DashboardView:
    view = DashboardView(store)
    qtbot.addWidget(view)
    return view


def _column(view: DashboardView, key: str) -> list[str]:
    from fieldapp.core.progress import RESEARCHER_COLUMNS

    return [row[RESEARCHER_COLUMNS.index(key)] for row in view.researcher_rows()]


def _click_header(view: DashboardView, key: str) -> None:
    from fieldapp.core.progress import RESEARCHER_COLUMNS

    header = view.researchers.horizontalHeader()
    section = RESEARCHER_COLUMNS.index(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    QTest.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_each_researcher_shows_days_worked_and_pace_sorted_as_numbers(
    qtbot: Any, team: Store
) -> None:
    view = _dashboard(qtbot, team)
    view.show()
    qtbot.waitExposed(view)
    shown = view.researchers.model()
    headings = [shown.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headings == [
        "Researcher",
        "Finalized",
        "Days worked",
        "Per day worked",
        "Median minutes",
        "Returned",
        "% returned",
    ]
    assert view.researcher_rows()[0][:4] == ["CJ01", "4", "3", "1.3"], "by name at first"
    for column in range(1, 7):  # every number right-aligned, under a tip saying what it counts
        alignment = Qt.AlignmentFlag(shown.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole))
        assert alignment & Qt.AlignmentFlag.AlignRight
        assert shown.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    days_tip = shown.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert days_tip.splitlines() == ["2026-06-01: 2", "2026-06-02: 1", "2026-06-03: 1"]

    _click_header(view, "finalized")
    _click_header(view, "finalized")  # a second click: most first
    assert _column(view, "finalized") == ["10", "9", "4"], "10 sorts above 9, as a number"
    _click_header(view, "days")
    _click_header(view, "days")
    assert _column(view, "interviewer") == ["CJ01", "TJ01", "MT01"]
    assert _column(view, "days") == ["3", "2", "1"]
    _click_header(view, "finalized_per_day")
    assert _column(view, "finalized_per_day") == ["1.3", "5.0", "9.0"]
    assert view.researchers.model().index(0, 0).data(SORT_ROLE) == "cj01"


def test_the_window_and_status_say_the_same_plural_headings_in_both_languages(
    qtbot: Any, team: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def window_headings() -> tuple[list[str], list[str]]:
        view = _dashboard(qtbot, team)
        cells = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
        shown = view.researchers.model()
        people = [
            shown.headerData(c, Qt.Orientation.Horizontal) for c in range(shown.columnCount())
        ]
        return cells, people

    def status_headings(language: str) -> tuple[str, str]:
        monkeypatch.setenv("FIELDAPP_LANG", language)
        capsys.readouterr()
        assert main(["status", "--db", str(team.path)]) == 0
        lines = capsys.readouterr().out.splitlines()
        # the terminal names a city above its actor types: one column "City / Actor"
        title = lines.index("") + 1  # a heading of two words may take two lines
        return lines[1].replace(" / ", " ", 1), " ".join(lines[title + 1 : title + 3])

    def words(headings: list[str]) -> list[str]:
        return " ".join(headings).split()

    def same(cell_line: str, cells: list[str]) -> None:
        """The terminal's cell headings are the window's but Total, and Target and % are
        the first word of the window's (80 columns: the line under the table says more)."""
        *shared, target, share = cell_line.split()
        assert shared == words(cells[:6])
        assert cells[7].split()[0] == target and cells[8].split()[0] == share == "%"

    cells, people = window_headings()
    assert cells[2:6] == ["Drafts", "Finalized", "Returned", "Approved"]
    assert (cells[7], cells[8]) == ("Target (approved)", "% of target")
    cell_line, people_line = status_headings("en")
    same(cell_line, cells)
    assert sorted(people_line.split()) == sorted(words(people))
    tip = _dashboard(qtbot, team).model.headerData(
        COLUMN["target"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "Delete" in tip

    i18n.apply_language("es")
    try:
        cells, people = window_headings()
        view_tip = _dashboard(qtbot, team).model.headerData(
            COLUMN["target"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )
    finally:
        i18n.apply_language("en")
    assert cells[2:6] == ["Borradores", "Finalizadas", "Devueltas", "Aprobadas"]
    assert "Días trabajados" in people and "Supr" in view_tip
    cell_line, people_line = status_headings("es")
    same(cell_line, cells)
    assert sorted(people_line.split()) == sorted(words(people))


@pytest.mark.parametrize(
    ("language", "plural"),
    [
        ("en", ["Drafts", "Finalized", "Returned", "Approved"]),
        ("es", ["Borradores", "Finalizadas", "Devueltas", "Aprobadas"]),
    ],
)
def test_the_chart_legend_names_what_its_bars_count_as_the_table_headings_do(
    qtbot: Any, team: Store, language: str, plural: list[str]
) -> None:
    i18n.apply_language(language)
    try:
        view = _dashboard(qtbot, team)
        headings = [
            view.model.headerData(COLUMN[state], Qt.Orientation.Horizontal)
            for state in ("draft", "finalized", "returned", "approved")
        ]
        legend = [marker.label() for marker in view.chart.legend().markers()]
    finally:
        i18n.apply_language("en")
    assert legend == headings == plural


def _target_events(store: Store) -> list[tuple[str, Any]]:
    rows = store.conn.execute(
        "SELECT author, payload FROM events WHERE kind = 'target' ORDER BY rowid"
    )
    return [(author, json.loads(payload)["target"]) for author, payload in rows]


def test_emptying_a_target_cell_or_delete_on_it_clears_the_target(
    qtbot: Any, team: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr("fieldapp.ui.dashboard.show_error", lambda _w, e: said.append(e.code))
    remember_reviewer("Rosa")
    view = _dashboard(qtbot, team)
    view.show()
    qtbot.waitExposed(view)
    row = next(r for r, c in enumerate(view.model.cells) if (c.city, c.actor_type) == TIJUANA_GOV)
    target = view.model.index(row, COLUMN["target"])
    assert view.set_target(row, "4")
    assert view.model.index(row, COLUMN["share"]).data() == "0%"

    # The supervisor double-clicks the cell, empties it and presses Enter.
    view.table.setCurrentIndex(target)
    view.table.edit(target)
    editor = view.table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "4"
    editor.clear()
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert targets(team) == {}
    assert view.model.index(row, COLUMN["target"]).data() == "—"
    assert view.model.index(row, COLUMN["share"]).data() == "—"
    assert _target_events(team) == [("Rosa", 4), ("Rosa", None)], "recorded with its author"

    assert view.set_target(row, "6")
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, COLUMN["target"]))
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert targets(team) == {}
    assert view.model.index(row, COLUMN["target"]).data() == "—"
    assert _target_events(team)[-1] == ("Rosa", None)

    # Delete elsewhere, or on a cell without a target, decides nothing.
    written = len(_target_events(team))
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    view.table.setCurrentIndex(view.model.index(row, COLUMN["total"]))
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(_target_events(team)) == written
    assert view.model.index(row, COLUMN["total"]).data() == 23
    assert said == [], "nothing was refused"


def test_without_a_reviewer_name_a_target_is_neither_set_nor_cleared_and_one_message_says_why(
    qtbot: Any, team: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_target(team, "tijuana", "gov", 5, author="Rosa")
    view = _dashboard(qtbot, team)
    view.show()
    qtbot.waitExposed(view)
    said: list[str] = []
    monkeypatch.setattr("fieldapp.ui.dashboard.show_error", lambda _w, e: said.append(e.code))
    row = next(r for r, c in enumerate(view.model.cells) if (c.city, c.actor_type) == TIJUANA_GOV)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, COLUMN["target"]))
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert said == ["review.target_reviewer_needed"]
    assert not view.set_target(row, "7")
    assert said == ["review.target_reviewer_needed"] * 2
    QSettings().setValue(REVIEWER_SETTING, "Rosa\x1b]0;x\x07")  # remembered by an older one
    assert not view.set_target(row, "7")
    assert said[2:] == ["review.reviewer_unfit"]
    assert targets(team) == {("tijuana", "gov"): 5}
    assert _target_events(team) == [("Rosa", 5)]
    assert view.model.index(row, COLUMN["target"]).data() == 5


def test_each_heading_stands_over_its_numbers(qtbot: Any, team: Store) -> None:
    view = _dashboard(qtbot, team)
    row = next(r for r, c in enumerate(view.model.cells) if (c.city, c.actor_type) == TIJUANA_GOV)
    for column, key in enumerate(COLUMNS):
        heading = view.model.headerData(
            column, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
        )
        figure = view.model.index(row, column).data(Qt.ItemDataRole.TextAlignmentRole)
        assert heading == figure, f"{key}: the heading and its figures are aligned alike"
    assert view.model.index(row, COLUMN["share"]).data(Qt.ItemDataRole.TextAlignmentRole)


def _current_researcher(view: DashboardView) -> str:
    index = view.researchers.currentIndex()
    assert index.isValid(), "the researchers' table has a current row"
    return str(index.siblingAtColumn(0).data())


def test_f5_keeps_the_current_researcher_and_the_sort_the_supervisor_chose(
    qtbot: Any, team: Store
) -> None:
    view = _dashboard(qtbot, team)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    _click_header(view, "finalized")
    _click_header(view, "finalized")  # most first: TJ01 (10), MT01 (9), CJ01 (4)
    view.researchers.setFocus()
    qtbot.waitUntil(view.researchers.hasFocus)
    view.researchers.setCurrentIndex(view.researchers.model().index(0, 0))
    QTest.keyClick(view.researchers, Qt.Key.Key_Down)
    QTest.keyClick(view.researchers, Qt.Key.Key_Down)
    assert _current_researcher(view) == "CJ01"

    # a merge brings a new researcher's interviews, more than CJ01's
    sha = team.forms.records()[0].sha256
    for _ in range(5):
        sid = team.interviews.start(sha, interviewer="NL01", city="tijuana", actor_type="gov")
        team.interviews.finalize(sid)
    QTest.keyClick(view.researchers, Qt.Key.Key_F5)
    assert _column(view, "interviewer") == ["TJ01", "MT01", "NL01", "CJ01"], "still most first"
    header = view.researchers.horizontalHeader()
    assert header.sortIndicatorSection() == 1
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _current_researcher(view) == "CJ01", "the same researcher, now a row lower"
    assert view.researchers.hasFocus()
    assert view.researchers.selectionModel().isRowSelected(view.researchers.currentIndex().row())
    QTest.keyClick(view.researchers, Qt.Key.Key_Up)  # the arrows go on from there
    assert _current_researcher(view) == "NL01"
