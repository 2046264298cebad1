"""The progress dashboard worked from the keyboard, and its refusals in the table's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.core.store import InterviewFilter
from fieldapp.ui.dashboard import COLUMN, DashboardView
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
    with qtbot.waitSignal(view.interviews_requested, timeout=2000):
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
