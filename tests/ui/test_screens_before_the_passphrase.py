"""Attacker 1 of ``docs/protecting-interviewees.md``: someone at a checkpoint makes the
researcher start the app and reads every screen it offers before any passphrase.

Every text of every widget the app shows (tables and their headers, labels, lists, filter
boxes, tooltips, titles) is searched for what a sealed interview's row would tell: its
interviewer code. The list, the review queue, the progress dashboard, the conflicts desk
and the devices desk are all opened; none may name it until the drafts passphrase or the
study key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QWidget,
)
from study_keys import DRAFTS_PASSPHRASE, decided_twice, sealed_form

from fieldapp.core import crypto
from fieldapp.ui import lock

INTERVIEWER = "QZNL77"
"""The sealed interview's interviewer code: the canary no screen may show."""


def _model_texts(model: QAbstractItemModel) -> Iterator[str]:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    top = QModelIndex()
    columns = model.columnCount(top)
    for section in range(columns):
        for role in roles:
            yield str(model.headerData(section, Qt.Orientation.Horizontal, role) or "")
    for row in range(model.rowCount(top)):
        for column in range(columns):
            for role in roles:
                yield str(model.index(row, column).data(role) or "")


def _screen_texts() -> str:
    """Every text the open windows could put on the screen."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        texts += [widget.windowTitle(), widget.toolTip(), widget.statusTip()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):  # its model's methods are not Python's
            texts += [
                widget.horizontalHeaderItem(c).text()
                for c in range(widget.columnCount())
                if widget.horizontalHeaderItem(c) is not None
            ]
            texts += [
                item.text() + item.toolTip()
                for r in range(widget.rowCount())
                for c in range(widget.columnCount())
                if (item := widget.item(r, c))
            ]
        elif isinstance(widget, QListWidget):
            texts += [
                widget.item(r).text() + widget.item(r).toolTip() for r in range(widget.count())
            ]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
    return "\n".join(texts)


def _desks(window: Any) -> list[QWidget]:
    """Open every desk a seized laptop's app offers without a key; return them."""
    from fieldapp.ui.conflicts_view import ConflictsView

    opened = [window.open_review(), window.open_progress()]
    # As File › Conflicts opens it (its dialog runs modal there).
    conflicts = ConflictsView(window.db_path, window, hide_sealed=window.store.keys.hides_sealed())
    conflicts.show()
    opened.append(conflicts)
    opened.append(window.open_devices())  # Review › Devices and integrity…
    QApplication.processEvents()
    return opened


@pytest.fixture
def sealed_db(tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey) -> Path:
    """A supervisor's database: a laptop's sealed interviews (one finalized, one draft),
    the finalized one in conflict (two supervisors decided it differently)."""
    from fieldapp.core.store import Store

    form = sealed_form(tmp_path, pair, form_id="security_sealed")
    with Store.open(tmp_path / "laptop.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        started = {"interviewer": INTERVIEWER, "city": "nuevo_laredo", "actor_type": "security"}
        final, _ = store.interviews.submit(sha, {"story": "x"}, finalize=True, **started)
        store.interviews.submit(sha, {"story": "y"}, **started)
    return decided_twice(tmp_path, final, study_key)


def test_no_screen_names_a_sealed_interviews_interviewer_before_the_passphrase(
    qtbot: Any, sealed_db: Path, study_key: crypto.StudyKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui.main_window import MainWindow

    # The researcher refuses the passphrase at the checkpoint (or does not know it).
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    window = MainWindow(sealed_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    desks = _desks(window)
    try:
        assert window.model.total == 0
        shown = _screen_texts()
        assert INTERVIEWER not in shown
        dashboard = desks[1]
        assert dashboard.sealed_hidden.isVisibleTo(dashboard)
        assert "sealed forms left out: 2" in dashboard.sealed_hidden.text()
        assert dashboard.model.figures.totals == dict.fromkeys(dashboard.model.figures.totals, 0)
        conflicts = desks[2]  # no form, city or count of heads of the sealed conflict
        assert conflicts.conflict_list.count() == 0
        said = "\n".join(
            [conflicts.status.text(), conflicts.help.text()]
            + [
                conflicts.conflict_list.item(r).text()
                for r in range(conflicts.conflict_list.count())
            ]
            + [
                item.text()
                for r in range(conflicts.table.rowCount())
                for c in range(conflicts.table.columnCount())
                if (item := conflicts.table.item(r, c))
            ]
        )
        assert "Nuevo Laredo" not in said and "security" not in said.lower()
        assert "sealed forms left out: 1" in conflicts.status.text()
        devices = desks[3]  # the laptop is listed, its sealed interviews only counted
        assert devices.sealed_hidden.isVisibleTo(devices)
        assert "sealed forms left out: 2" in devices.sealed_hidden.text()
        assert all(d.interviews == 0 and not d.interviewers for d in devices.model.devices)
        # The same screens name it once a key is open: the search would find it.
        window.store.keys.unlock(study_key)
        window.refresh()
        for desk in desks:
            desk.close()
        desks = _desks(window)
        assert INTERVIEWER in _screen_texts()
        assert not desks[1].sealed_hidden.isVisibleTo(desks[1])
        assert desks[2].conflict_list.count() == 1
        assert any(INTERVIEWER in d.interviewers for d in desks[3].model.devices)
        assert not desks[3].sealed_hidden.isVisibleTo(desks[3])
        assert (
            desks[1].model.figures.totals["finalized"]
            + desks[1].model.figures.totals["returned"]
            + desks[1].model.figures.totals["approved"]
            >= 1
        )
    finally:
        for desk in desks:
            desk.close()
        window.close()
        window.store.close()


def test_the_status_bar_counts_are_no_oracle_for_filters_before_the_passphrase(
    qtbot: Any, sealed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The attacker filters the empty list by the interviewer code and city they suspect
    and reads the status bar: its per-state counts must not count hidden interviews, or
    "0 shown · 1 finalized" confirms that NL-someone interviewed a security force there."""
    from fieldapp.ui.main_window import MainWindow

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    window = MainWindow(sealed_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    try:
        window.city_filter.setCurrentIndex(window.city_filter.findData("nuevo_laredo"))
        qtbot.keyClicks(window.interviewer_filter, INTERVIEWER)
        qtbot.waitUntil(lambda: "0 of 2 interviews shown" in window.count_label.text())
        text = window.count_label.text()
        assert "0 drafts" in text and "0 finalized" in text, text
        assert "returned" not in text and "approved" not in text, text
        window.interviewer_filter.setText("ZZ-nobody")  # the same answer for a wrong guess
        qtbot.waitUntil(lambda: window.count_label.text() == text)
    finally:
        window.close()
        window.store.close()


def test_the_status_bar_says_why_interviews_are_missing_before_the_passphrase(
    qtbot: Any, sealed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "0 of 2 interviews shown" with no filter set: the supervisor cleared filters that
    were not there, while `fieldapp status` and the desks counted them. The line says the
    sealed ones wait for the passphrase or the key: a count taken without the filters, the
    same whatever is typed in them (no oracle), and one the total already gave away."""
    from fieldapp.ui.main_window import MainWindow

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    window = MainWindow(sealed_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    hidden = "2 sealed ones hidden until the drafts passphrase or the study key"
    try:
        qtbot.waitUntil(lambda: "0 of 2 interviews shown" in window.count_label.text())
        assert window.count_label.text().endswith(hidden), window.count_label.text()
        qtbot.keyClicks(window.interviewer_filter, INTERVIEWER)
        qtbot.waitUntil(lambda: window.interviewer_filter.text() == INTERVIEWER)
        window.apply_filters()
        assert window.count_label.text().endswith(hidden), window.count_label.text()
        window.store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        window.refresh()
        qtbot.waitUntil(lambda: "sealed" not in window.count_label.text())
    finally:
        window.close()
        window.store.close()


def _every_byte_written(folder: Path) -> bytes:
    """Every file under ``folder``, and every member of every zip there (the workbook's
    sheets, the zips of CSV, Stata and SPSS files), as one string of bytes."""
    import zipfile

    found = b""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        found += path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as opened:
                found += b"".join(opened.read(name) for name in opened.namelist())
    return found


@pytest.mark.parametrize("name", ["study.xlsx", "study.zip", "study.dta"])
def test_an_export_made_before_the_passphrase_tells_no_more_than_the_list(
    qtbot: Any,
    sealed_db: Path,
    study_key: crypto.StudyKey,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
) -> None:
    """The attacker exports instead of looking: the file must not hold the sealed
    interviews' rows (who, where, when, which form) any more than the screen does."""
    from fieldapp.ui.export_dialog import ExportDialog
    from fieldapp.ui.main_window import MainWindow

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    window = MainWindow(sealed_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)

    def export(folder: Path) -> Any:
        dialog = ExportDialog(window.db_path, window, state=window.state)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.is_ready, timeout=20_000)
        dialog.path_edit.setText(str(folder / name))
        for row in range(dialog.states_list.count()):  # drafts too: the most it could tell
            dialog.states_list.item(row).setCheckState(Qt.CheckState.Checked)
        with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
            dialog.start_export()
        qtbot.waitUntil(lambda: not dialog.is_running())
        dialog.close()
        return dialog.export_result

    try:
        before = export(tmp_path / "before")
        written = _every_byte_written(tmp_path / "before")
        for canary in (INTERVIEWER, "nuevo_laredo", "security_sealed"):
            assert canary.encode() not in written, canary
        assert before.interviews == 0
        assert any("2 interviews of sealed forms were left out" in w for w in before.warnings)
        # Once the study key is open, the same export holds them.
        window.store.keys.unlock(study_key)
        window.state.set_study_key(study_key)
        after = export(tmp_path / "after")
        assert after.interviews == 2
        assert INTERVIEWER.encode() in _every_byte_written(tmp_path / "after")
    finally:
        window.close()
        window.store.close()
