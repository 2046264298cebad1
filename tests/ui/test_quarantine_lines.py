"""The progress dashboard and the review queue say how many quarantined rows they leave out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from xlsform import write_xlsform

from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store import Store
from fieldapp.ui.dashboard import DashboardView
from fieldapp.ui.review_view import ReviewView

SURVEY = [{"type": "text", "name": "org", "label": "Organisation"}]


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[tuple[Store, list[str]]]:
    form = write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings={"form_id": "cso"})
    with Store.open(tmp_path / "supervisor.db") as store:
        sha = store.forms.add(form).sha256
        ids = [
            str(
                store.interviews.submit(
                    sha,
                    {"org": org},
                    finalize=True,
                    interviewer="TJ01",
                    city="tijuana",
                    actor_type="cso",
                )[0]
            )
            for org in ("Red", "Plan", "Mesa")
        ]
        yield store, ids


def test_the_review_queue_says_what_it_left_out(qtbot: Any, supervisor: Any) -> None:
    store, ids = supervisor
    view = ReviewView(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.total == 3)
    assert not view.quarantined_label.isVisible()  # nothing set aside: nothing said
    quarantine_rows(store, [("submissions", ids[0]), ("submissions", ids[1])], reason="forged")
    view.apply_filters()
    qtbot.waitUntil(lambda: view.model.total == 1)
    assert view.quarantined_label.isVisible()
    assert "Quarantined rows left out: 2 " in view.quarantined_label.text()


def test_the_dashboard_says_what_it_left_out(qtbot: Any, supervisor: Any) -> None:
    store, ids = supervisor
    view = DashboardView(store)
    qtbot.addWidget(view)
    view.show()
    assert not view.quarantined.isVisible()
    quarantine_rows(store, [("submissions", ids[2])], reason="forged")
    view.refresh()
    assert view.quarantined.isVisible()
    assert "Quarantined rows left out: 1 " in view.quarantined.text()
    assert view.model.figures.totals["finalized"] == 2  # left out of the figures too


def test_the_export_dialog_says_what_it_left_out(
    qtbot: Any, supervisor: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from fieldapp.ui.export_dialog import ExportDialog

    store, ids = supervisor
    quarantine_rows(store, [("submissions", ids[0])], reason="forged")
    dialog = ExportDialog(Path(store.path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_ready, timeout=20_000)
    dialog.path_edit.setText(str(tmp_path / "out" / "study.xlsx"))
    with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.export_result is not None and dialog.export_result.interviews == 2
    assert "Quarantined rows left out: 1 " in dialog.status_label.text()
