"""Column headers: one table, so a column reads the same in every list, in either language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from fieldapp.ui import dashboard, interviews_model
from fieldapp.ui.i18n import apply_language


def headers(model: Any, columns: tuple[str, ...]) -> dict[str, str]:
    return {
        key: model.headerData(number, Qt.Orientation.Horizontal)
        for number, key in enumerate(columns)
    }


def test_the_lists_and_the_dashboard_share_their_headers_in_spanish(qtbot: Any) -> None:
    try:
        apply_language("es")
        shown = headers(interviews_model.InterviewsModel(None), interviews_model.COLUMNS)
        progress = headers(dashboard.ProgressModel(None), dashboard.COLUMNS)
    finally:
        apply_language("en")
    assert shown["city"] == progress["city"] == "Ciudad"
    assert shown["actor_type"] == progress["actor_type"] == "Actor"
    assert shown["last_saved"] == "Último guardado"
    assert progress["target"] == "Meta (aprobadas)" and progress["draft"] == "Borradores"
    english = headers(dashboard.ProgressModel(None), dashboard.COLUMNS)
    assert english["city"] == "City" and english["share"] == "% of target"
