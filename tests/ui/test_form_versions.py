"""New interview: the form version is chosen by the form's ``version``, never by a clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED, close_opened
from PySide6.QtCore import Qt
from xlsform import write_xlsform

from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store import Store
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.new_interview import NewInterviewDialog

SURVEY = [{"type": "text", "name": "org", "label": "Organisation"}]


def add_version(store: Any, folder: Path, version: str, title: str) -> Any:
    path = write_xlsform(
        folder / f"gov-{version}.xlsx",
        SURVEY,
        settings={"form_id": "gov", "form_title": title, "version": version},
    )
    return store.forms.add(path)


@pytest.fixture
def versions(tmp_path: Path) -> Any:
    """Two versions of one form; the OLDER one arrives last (a later added_at)."""
    with Store.open(tmp_path / "study.db") as store:
        newer = add_version(store, tmp_path, "10", "Government, round 2")
        older = add_version(store, tmp_path, "9", "Government, round 1")
        assert older.added_at >= newer.added_at
        yield store, newer, older
        close_opened()


def test_several_versions_are_offered_newest_by_version_first(qtbot: Any, versions: Any) -> None:
    store, newer, older = versions
    dialog = NewInterviewDialog(store.forms.records(), store.forms.load)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form_box.count() == 1  # one form, named once
    assert dialog.version_box.isVisible()
    offered = [dialog.version_box.itemText(i) for i in range(dialog.version_box.count())]
    assert offered == [
        "Government, round 2 — version 10",
        "Government, round 1 — version 9",
    ]
    assert dialog.form_record().sha256 == newer.sha256  # not the one that arrived last
    dialog.version_box.setCurrentIndex(1)
    assert dialog.form_record().sha256 == older.sha256


def test_a_single_version_needs_no_choice(qtbot: Any, tmp_path: Path) -> None:
    with Store.open(tmp_path / "one.db") as store:
        only = add_version(store, tmp_path, "1", "Government")
        dialog = NewInterviewDialog(store.forms.records(), store.forms.load)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.version_box.isVisible()
        assert dialog.form_record().sha256 == only.sha256


def test_the_chosen_version_is_the_one_the_interview_uses(
    qtbot: Any, versions: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _newer, older = versions
    chosen: list[int] = []

    def pick(self: NewInterviewDialog) -> int:
        offered = [self.version_box.itemData(i).sha256 for i in range(self.version_box.count())]
        chosen.append(len(offered))
        self.interviewer_edit.setText("TJ-01")
        self.version_box.setCurrentIndex(offered.index(older.sha256))
        self.accept()
        return 1

    monkeypatch.setattr(NewInterviewDialog, "exec", pick)
    monkeypatch.setattr(MainWindow, "open_interview", lambda self, submission_id: None)
    window = MainWindow(Path(store.path))
    OPENED.append(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert chosen == [2]
    rows = window.store.db.conn.execute("SELECT form_sha256 FROM submissions").fetchall()
    assert rows == [(older.sha256,)]

    # A quarantined version is no longer offered: only the other one is.
    quarantine_rows(window.store, [("forms", older.sha256)], reason="wrong round")
    monkeypatch.setattr(
        NewInterviewDialog,
        "exec",
        lambda self: chosen.append(self.version_box.count()) or 0,
    )
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert chosen == [2, 1]
