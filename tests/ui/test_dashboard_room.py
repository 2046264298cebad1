"""The Progress desk on a field laptop: every group the supervisor reads and types targets
in, and the researchers under them, in sight without scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QTableView

from fieldapp.core.demo import run_demo
from fieldapp.core.store import Store
from fieldapp.ui import i18n
from fieldapp.ui.dashboard import DashboardView
from fieldapp.ui.i18n import resource_bytes

UNDER_TASKBAR = QRect(0, 0, 1366, 700)
"""A 1366×768 screen less a task bar and the window's title bar."""


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    monkeypatch.setattr("fieldapp.ui.screen_fit.available_area", lambda _window: UNDER_TASKBAR)
    return UNDER_TASKBAR


@pytest.fixture
def app_look(qapp: Any) -> Any:
    """The app's own style sheet (its header padding sets the rows' height)."""
    bare = qapp.styleSheet()
    qapp.setStyleSheet(resource_bytes("style.qss").decode("utf-8"))
    yield
    qapp.setStyleSheet(bare)


def _rows_whole(view: QTableView) -> int:
    """Return how many rows ``view`` shows whole, without scrolling."""
    room = view.viewport().height()
    return sum(
        1
        for row in range(view.model().rowCount())
        if view.rowViewportPosition(row) >= 0
        and view.rowViewportPosition(row) + view.rowHeight(row) <= room
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_group_and_four_researchers_are_in_sight_at_1366x700(
    qtbot: Any, tmp_path: Path, laptop_screen: QRect, app_look: None, language: str
) -> None:
    """Seen at 1366×700: the desk showed 4 of its 16 city × actor rows, then the chart
    (which repeats them as bars), then 2 researchers; the table is where the supervisor
    reads the figures and types targets. Now the chart stands beside the table."""
    path = tmp_path / "demo.db"
    run_demo(path, 40, seed=3)  # the study's 4 cities × 4 actors, 8 researchers
    i18n.apply_language(language)
    try:
        view = DashboardView(Store.open(path))
        qtbot.addWidget(view)
        view.resize(laptop_screen.size())
        view.show()
        qtbot.waitExposed(view)
        settle(qtbot, 50)
        assert view.model.rowCount() == 16
        assert view.researchers.model().rowCount() == 8
        assert _rows_whole(view.table) == 16, "every group is in sight"
        assert _rows_whole(view.researchers) >= 4, "four researchers are in sight"
        bar = view.table.horizontalScrollBar()
        assert bar.maximum() == 0, "every column of the table is in sight"
        chart = view.chart_scroll
        assert chart.isVisible() and chart.width() >= 300 and chart.height() >= 300
    finally:
        i18n.apply_language("en")
    QApplication.processEvents()
