"""The progress dashboard: counts that match the database, targets, and clicks to the list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from xlsform import write_xlsform

from fieldapp.core.demo import run_demo
from fieldapp.core.merge import merge_database
from fieldapp.core.progress import targets
from fieldapp.core.store import InterviewFilter, Store
from fieldapp.ui.dashboard import COLUMN, FILTER_ROLE, DashboardView
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.reviewer import remember_reviewer

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "integer", "name": "members", "label": "Miembros", "constraint": ". >= 1"},
]


@pytest.fixture(scope="module")
def demo_devices(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two supervisors' worth of demo laptops (eight devices each), written once."""
    folder = tmp_path_factory.mktemp("demo")
    form = write_xlsform(folder / "gov.xlsx", SURVEY, settings={"form_id": "gov"})
    paths = []
    for seed in (1, 2):
        path = folder / f"region-{seed}.db"
        run_demo(path, 24, seed=seed, forms=[form])
        paths.append(path)
    return paths


@pytest.fixture
def supervisor(tmp_path: Path, demo_devices: list[Path]) -> Iterator[Store]:
    with Store.open(tmp_path / "supervisor.db") as store:
        for path in demo_devices:
            merge_database(store, path)
        yield store


def row_of(view: DashboardView, city: str, actor: str) -> int:
    for row, cell in enumerate(view.model.cells):
        if (cell.city, cell.actor_type) == (city, actor):
            return row
    raise AssertionError(f"no row for {city}/{actor}")


def shown(view: DashboardView, row: int, key: str) -> Any:
    return view.model.index(row, COLUMN[key]).data()


def test_counts_match_the_database_after_merging_demo_devices_and_reviews(
    qtbot: Any, supervisor: Store
) -> None:
    in_conflict = set(supervisor.interviews.conflicts())  # the demo's: resolved, not reviewed
    finalized = [
        r.submission_id
        for r in supervisor.interviews.page(InterviewFilter(state="finalized"), limit=20)
        if r.submission_id not in in_conflict
    ]
    supervisor.review.approve(finalized[0], author="sup")
    supervisor.review.approve(finalized[1], author="sup")
    supervisor.review.return_interview(finalized[2], comment="Falta la fecha", author="sup")
    view = DashboardView(supervisor)
    qtbot.addWidget(view)

    expected = {
        (city, actor, state): count
        for city, actor, state, count in supervisor.db.conn.execute(
            "SELECT city, actor_type, state, count(*) FROM listing GROUP BY 1, 2, 3"
        )
    }
    assert sum(expected.values()) == 48, "both regions' interviews came in"
    seen = {}
    for row, cell in enumerate(view.model.cells):
        for state in ("draft", "finalized", "returned", "approved"):
            count = shown(view, row, state)
            if count:
                seen[(cell.city, cell.actor_type, state)] = count
        assert shown(view, row, "total") == sum(cell.counts.values())
    assert seen == expected
    assert sum(c for (_, _, s), c in seen.items() if s == "approved") == 2

    bars = {
        s.label(): sum(s.at(i) for i in range(s.count())) for s in view.chart.series()[0].barSets()
    }
    assert bars == {
        "Drafts": sum(c for (_, _, s), c in expected.items() if s == "draft"),
        "Finalized": sum(c for (_, _, s), c in expected.items() if s == "finalized"),
        "Returned": 1.0,
        "Approved": 2.0,
    }

    finalized_by = dict(
        supervisor.db.conn.execute(
            "SELECT s.interviewer, count(DISTINCT s.uuid) FROM submissions AS s "
            "JOIN revisions AS r ON r.submission_uuid = s.uuid WHERE r.state = 'finalized' "
            "GROUP BY s.interviewer"
        ).fetchall()
    )
    table = {row[0]: int(row[1]) for row in view.researcher_rows()}
    assert table == finalized_by
    assert len(table) >= 4, "several laptops' researchers"


def test_a_target_set_in_the_table_is_stored_and_shown_against_approvals(
    qtbot: Any, supervisor: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_reviewer("Rosa")  # a target records who set it
    view = DashboardView(supervisor)
    qtbot.addWidget(view)
    row = row_of(view, "tijuana", "gov")
    in_conflict = set(supervisor.interviews.conflicts())  # the demo's: resolved, not reviewed
    sid = next(
        r.submission_id
        for r in supervisor.interviews.page(InterviewFilter(city="tijuana", state="finalized"))
        if r.submission_id not in in_conflict
    )
    supervisor.review.approve(sid)
    assert view.set_target(row, "4")
    row = row_of(view, "tijuana", "gov")
    assert shown(view, row, "target") == 4
    assert shown(view, row, "share") == "25%"
    assert targets(supervisor) == {("tijuana", "gov"): 4}
    informants = row_of(view, "juarez", "informant")
    assert shown(view, informants, "total") == 0, "a study cell with no work yet is listed"

    refusals: list[str] = []
    monkeypatch.setattr("fieldapp.ui.dashboard.show_error", lambda _w, e: refusals.append(e.code))
    assert not view.set_target(row, "muchas")
    assert refusals == ["review.bad_target"]
    assert targets(supervisor) == {("tijuana", "gov"): 4}


def test_clicking_a_count_shows_those_interviews_in_the_main_list(
    qtbot: Any, supervisor: Store
) -> None:
    window = MainWindow(supervisor.path)
    qtbot.addWidget(window)
    assert [a.text() for a in window.review_menu.actions()] == [
        "Review &queue…",
        "&Progress…",
        "&Devices and integrity…",
    ]
    view = window.open_progress()  # Review › Progress…
    assert isinstance(view, DashboardView) and view.isVisible()
    row = row_of(view, "monterrey", "gov")
    index = view.model.index(row, COLUMN["draft"])
    assert index.data(FILTER_ROLE) == InterviewFilter(
        city="monterrey", actor_type="gov", state="draft"
    )
    with qtbot.waitSignal(view.interviews_requested):
        view.open_cell(index)
    assert window.model.total == index.data()
    assert {window.model.row_at(r).state for r in range(window.model.rowCount())} <= {"draft"}
    assert {window.model.row_at(r).city for r in range(window.model.rowCount())} <= {"monterrey"}
    assert view.model.index(row, COLUMN["target"]).data(FILTER_ROLE) is None
    window.close()


def test_every_bar_of_the_chart_has_room_for_its_label(qtbot: Any, store: Any) -> None:
    from PySide6.QtCharts import QBarCategoryAxis
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.study import ACTOR_TYPES
    from fieldapp.ui.interviews_model import CITY_NAMES

    sha = store.forms.records()[0].sha256
    for city in CITY_NAMES:  # every study city and actor has work: 16 bars
        for actor in ACTOR_TYPES:
            store.interviews.start(sha, interviewer="TJ01", city=city, actor_type=actor)
    remember_reviewer("Rosa")
    view = DashboardView(store)
    qtbot.addWidget(view)
    assert view.set_target(0, 5)
    view.resize(1300, 800)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    (axis,) = [a for a in view.chart.axes() if isinstance(a, QBarCategoryAxis)]
    labels = axis.categories()
    assert len(labels) == len(CITY_NAMES) * len(ACTOR_TYPES)
    assert labels[-1].endswith("(0/5)"), "the first row, on top, names its target"
    font = QFontMetrics(axis.labelsFont())
    # each label is two lines: the city over the actor (beside the table, on one line,
    # "Ciudad Juárez · Fuerzas de seguridad" was cut at the chart's left edge)
    assert all(label.count("<br>") == 1 for label in labels)
    assert view.chart.plotArea().height() / len(labels) >= 2 * font.height(), "none skipped"
    widest = max(font.horizontalAdvance(line) for t in labels for line in t.split("<br>"))
    assert view.chart.plotArea().left() >= widest, "each label whole left of its bar"
    scroll = view.chart_scroll.verticalScrollBar()
    assert scroll.maximum() > 0, "the chart scrolls rather than squeezing the bars"


def test_each_figure_sits_under_its_heading_at_1366_in_spanish(
    qtbot: Any, supervisor: Store
) -> None:
    """Seen at 1366x768 in Spanish: the last column ("% de la meta") took every spare
    pixel, so its right-aligned numbers stood half a screen from the row's name and from
    the other figures. Now each figure column is as wide as its heading and numbers, and
    the actor's name takes the rest."""
    from fieldapp.ui import i18n

    remember_reviewer("Rosa")
    i18n.apply_language("es")
    try:
        view = DashboardView(supervisor)
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        qtbot.waitExposed(view)
        table, model = view.table, view.model
        assert model.headerData(COLUMN["share"], Qt.Orientation.Horizontal) == "% de la meta"
        metrics = table.horizontalHeader().fontMetrics()
        for key in ("draft", "total", "target", "share"):
            column = COLUMN[key]
            heading = metrics.horizontalAdvance(
                str(model.headerData(column, Qt.Orientation.Horizontal))
            )
            values = [str(model.index(r, column).data()) for r in range(model.rowCount())]
            widest = max([heading, *(table.fontMetrics().horizontalAdvance(v) for v in values)])
            assert table.columnWidth(column) <= widest + 40, (
                f"{key}: a wide blank before its numbers"
            )
        name = COLUMN["actor_type"]
        assert table.columnWidth(name) == max(
            table.columnWidth(c) for c in range(model.columnCount())
        )
        right = table.columnViewportPosition(COLUMN["share"]) + table.columnWidth(COLUMN["share"])
        assert right <= table.viewport().width(), "the last figure is not cut off"
    finally:
        i18n.apply_language("en")


def test_the_desk_says_how_many_interviews_are_in_conflict_until_they_are_resolved(
    qtbot: Any, supervisor: Store
) -> None:
    """The counts take a conflicting interview as its newest version; nothing on the desk
    said that some were in conflict, as `fieldapp status` now says too."""
    conflicts = supervisor.interviews.conflicts()
    assert len(conflicts) >= 2, "the demo's interviews corrected on two laptops"
    view = DashboardView(supervisor)
    qtbot.addWidget(view)
    view.show()
    label = view.findChild(QLabel, "conflictsLabel")
    assert label.isVisible()
    assert label.text().startswith(f"{len(conflicts)} interviews are in conflict")

    for sid in conflicts:
        heads = supervisor.interviews.heads(sid)
        supervisor.interviews.resolve_conflict(sid, dict(heads[0].answers), author="sup")
    view.refresh()
    assert not label.isVisible()


def axis_labels(axis: Any) -> list[str]:
    """Return the labels the chart's count axis draws, as its "%d" format writes them."""
    from PySide6.QtCharts import QValueAxis

    low, high = axis.min(), axis.max()
    if axis.tickType() == QValueAxis.TickType.TicksDynamic:
        ticks, value = [], axis.tickAnchor()
        while value <= high + 1e-9:
            if value >= low - 1e-9:
                ticks.append(value)
            value += axis.tickInterval()
    else:
        count = axis.tickCount()
        ticks = [low + i * (high - low) / (count - 1) for i in range(count)]
    return [str(int(value)) for value in ticks]


@pytest.mark.parametrize("interviews", [1, 2, 3, 7, 26])
def test_the_charts_count_axis_says_each_whole_number_once(
    qtbot: Any, store: Any, interviews: int
) -> None:
    """With two interviews the axis read 0, 0, 1, 1, 2: ticks at halves written as %d."""
    from PySide6.QtCharts import QValueAxis

    sha = store.forms.records()[0].sha256
    for _ in range(interviews):
        store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="gov")
    view = DashboardView(store)
    qtbot.addWidget(view)
    (axis,) = [a for a in view.chart.axes() if isinstance(a, QValueAxis)]
    labels = axis_labels(axis)
    assert len(labels) == len(set(labels)), labels
    assert labels[0] == "0" and int(labels[-1]) >= interviews, labels
    assert 2 <= len(labels) <= 6, labels
