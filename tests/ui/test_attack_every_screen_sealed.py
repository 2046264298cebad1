"""Attacker 1 of ``docs/protecting-interviewees.md`` walks every screen the app offers
before any passphrase: every menu entry is triggered, every dialog and desk it opens is
read (labels, buttons, titles, tooltips, status tips, menus, every role of every item
model, text boxes, the status bar) and closed, on a supervisor's database whose only
interviews are sealed.

The sealed interviews carry canaries where a person could be read: the interviewer code,
the answers, the instance name built from them, an attachment's name, and the day they
were made (a year nothing else in the database has). No screen may show one. What the
promise keeps on purpose (the export dialog lists the cities and forms that have
interviews) is asserted to be all the export dialog says of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from event_turns import settle
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from study_keys import DRAFTS_PASSPHRASE, answer_study_key, decided_twice, sealed_form

from fieldapp.core import crypto
from fieldapp.ui import lock

INTERVIEWER = "QZNL77"
ANSWER = "QxRELATO"
FILE_NAME = "QxARCHIVO comandante.jpg"
DAY = dt.datetime(2019, 3, 17, 9, 41, tzinfo=dt.UTC)
CANARIES = (INTERVIEWER, ANSWER, "QxARCHIVO", "2019", "17/03", "03/17", "Mar 17", "17 Mar")
"""What no screen may show: the day in the forms Qt and fieldapp write dates in."""
_ROLES = (*range(0, 16), *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 16))


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, depth: int = 0) -> Iterator[str]:
    columns = model.columnCount(parent)
    if depth == 0:
        for section in range(columns):
            for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
                for role in _ROLES:
                    yield str(model.headerData(section, orientation, role) or "")
    for row in range(model.rowCount(parent)):
        for column in range(max(columns, 1)):
            index = model.index(row, column, parent)
            for role in _ROLES:
                try:
                    yield str(index.data(role) or "")
                except (RuntimeError, TypeError):  # a role a model cannot give as Python
                    continue
            if depth < 4 and model.rowCount(index):
                yield from _model_texts(model, index, depth + 1)


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    where = f"{type(widget).__name__}:{widget.objectName()}"
    for text in (widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis()):
        yield where, text
    yield where, widget.accessibleName() + " " + widget.accessibleDescription()
    for action in widget.actions():
        yield where + ":action", " ".join((action.text(), action.toolTip(), action.statusTip()))
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield where, widget.text()
    if isinstance(widget, QLineEdit):
        yield where, widget.placeholderText()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield where, widget.toPlainText()
    if isinstance(widget, QGroupBox):
        yield where, widget.title()
    if isinstance(widget, QTabWidget):
        for tab in range(widget.count()):
            yield where, widget.tabText(tab) + " " + widget.tabToolTip(tab)
    if isinstance(widget, QMenu):
        yield where, widget.title()
    if isinstance(widget, QMainWindow) and widget.statusBar() is not None:
        yield where + ":status", widget.statusBar().currentMessage()
    if isinstance(widget, QComboBox):
        yield from ((where, t) for t in _model_texts(widget.model(), QModelIndex()))
    if isinstance(widget, QTableWidget | QListWidget | QTreeWidget):
        yield from ((where, t) for t in _item_texts(widget))  # their models' are not Python's
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from ((where, t) for t in _model_texts(widget.model(), QModelIndex()))


def _item_texts(widget: QTableWidget | QListWidget | QTreeWidget) -> Iterator[str]:
    roles = _ROLES
    if isinstance(widget, QTableWidget):
        headers = [widget.horizontalHeaderItem(c) for c in range(widget.columnCount())]
        headers += [widget.verticalHeaderItem(r) for r in range(widget.rowCount())]
        items = [
            widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount())
        ]
        for item in (i for i in headers + items if i is not None):
            yield from (str(item.data(role) or "") for role in roles)
    elif isinstance(widget, QListWidget):
        for row in range(widget.count()):
            yield from (str(widget.item(row).data(role) or "") for role in roles)
    else:
        header = widget.headerItem()
        stack: list[QTreeWidgetItem] = [
            widget.topLevelItem(i) for i in range(widget.topLevelItemCount())
        ]
        stack += [header] if header is not None else []
        while stack:
            item = stack.pop()
            stack += [item.child(i) for i in range(item.childCount())]
            for column in range(widget.columnCount()):
                yield from (str(item.data(column, role) or "") for role in roles)


def _shown() -> list[tuple[str, str]]:
    """Every (widget, text) of every widget alive: what the app could put on the screen."""
    found: list[tuple[str, str]] = []
    for widget in QApplication.allWidgets():
        try:
            found.extend(_texts(widget))
        except RuntimeError:  # deleted while read (a dialog closing with deleteLater)
            if shiboken6.isValid(widget):
                raise
    return found


_HEX = "[0-9a-fA-F]"
_NO_DAY = re.compile(
    "|".join(
        (
            f"0x{_HEX}+",  # an address
            f"{_HEX}{{8}}(?:-{_HEX}{{4}}){{3}}-{_HEX}{{12}}",  # a uuid
            f"{_HEX}{{16,}}",  # a hash, a study key's fingerprint
            f"(?:{_HEX}{{4}} ){{3}}{_HEX}{{4}}",  # a laptop's fingerprint, as shown
        )
    )
)
"""Hex that holds "2019" one time in some thousands, and says no day: an object's address
in the text of a role that is not one (``<QBrush(...) at 0x7faf8b2019c0>`` failed the
walk once), an id, a hash, a fingerprint whole or in groups of four."""


def _leaks(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (where, text) for where, text in found if any(c in _NO_DAY.sub(" ", text) for c in CANARIES)
    ]


@pytest.fixture
def sealed_db(tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey) -> Path:
    """A supervisor's database holding only a laptop's sealed interviews, made on a day
    of 2019: one finalized (decided twice: a conflict), one draft with a photo."""
    from fieldapp.core.store import Store

    survey = [
        {"type": "text", "name": "story", "label": "Relato"},
        {"type": "image", "name": "photo", "label": "Foto"},
    ]
    form = sealed_form(
        tmp_path, pair, survey, form_id="security_sealed", instance_name="concat('C ', ${story})"
    )
    now = [dt.datetime.now(dt.UTC)]
    with Store.open(tmp_path / "laptop.db", clock=lambda: now[0]) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256  # today: only the interviews are of that day
        now[0] = DAY
        started = {"interviewer": INTERVIEWER, "city": "nuevo_laredo", "actor_type": "security"}
        final, _ = store.interviews.submit(sha, {"story": ANSWER}, finalize=True, **started)
        draft = store.interviews.start(sha, answers={"story": ANSWER + "2"}, **started)
        store.attachments.add(b"\xff\xd8\xff\xe0 jpg", submission_id=draft, filename=FILE_NAME)
        store.interviews.autosave(draft, {"story": ANSWER + "2", "photo": FILE_NAME})
    return decided_twice(tmp_path, final, study_key)


def _read_then_close_modals(qtbot: Any, seen: list[tuple[str, str]]) -> Callable[[], None]:
    """Return a tick that, while a modal dialog is up, waits for it to fill, reads every
    screen and closes it (a dialog may open another: each is read in turn)."""

    def tick() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        try:
            ready = getattr(modal, "is_ready", None)
            if callable(ready):
                qtbot.waitUntil(ready, timeout=20_000)
            settle(qtbot, 200)
            seen.extend(_shown())
        except Exception as error:  # said by the test below; the dialog still closes
            seen.append(("walk failed", repr(error)))
        modal.close()
        if QApplication.activeModalWidget() is modal:
            modal.reject() if hasattr(modal, "reject") else modal.hide()

    return tick


def test_no_screen_menu_or_dialog_shows_a_sealed_interviews_canary_before_a_key(
    qtbot: Any, sealed_db: Path, study_key: crypto.StudyKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.ui.main_window import MainWindow

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    window = MainWindow(sealed_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    seen: list[tuple[str, str]] = _shown()
    timer = QTimer()
    timer.timeout.connect(_read_then_close_modals(qtbot, seen))
    timer.start(100)
    skipped = {"quit", "language_system", "language_en", "language_es"}
    triggered = []
    try:
        for menu in (
            window.file_menu,
            window.interview_menu,
            window.view_menu,
            window.review_menu,
            window.help_menu,
        ):
            for action in menu.actions():
                if action.isSeparator() or action.menu() or action.objectName() in skipped:
                    continue
                triggered.append(action.objectName())
                action.trigger()
                settle(qtbot, 300)
                seen.extend(_shown())  # the desks that open as windows, and the main one
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=20_000)
        seen.extend(_shown())
        assert {
            "export",
            "package",
            "server",
            "forms",
            "conflicts",
            "reviewQueue",
            "progress",
            "devicesDesk",
            "newInterview",
            "thisFingerprint",
        } <= set(triggered)
        assert [text for where, text in seen if where == "walk failed"] == []
        assert _leaks(seen) == []
        # The same canaries are what the screens show once a key is open.
        window.store.keys.unlock(study_key)
        window.refresh()
        window.open_review()

        def both_shown() -> None:
            opened = {c for where, text in _shown() for c in CANARIES if c in text}
            assert INTERVIEWER in opened and opened & set(CANARIES[3:]), opened

        # the list and the queue fill as their events run: 300 ms was a guess at how long
        qtbot.waitUntil(both_shown, timeout=20_000)
    finally:
        timer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not window:
                widget.close()
        window.close()
        window.store.close()


@pytest.mark.parametrize("unlocked", [False, True])
def test_a_merge_before_a_key_counts_sealed_interviews_without_their_form_and_city(
    qtbot: Any,
    sealed_db: Path,
    study_key: crypto.StudyKey,
    monkeypatch: pytest.MonkeyPatch,
    unlocked: bool,
) -> None:
    """At the checkpoint the attacker has the researcher merge the stick (File › Merge…):
    the summary said "security_sealed · Nuevo Laredo: 2 new interviews" and named each
    sealed conflict with its form and city. Before a key it counts them; with one, it names
    each as the list does (actor, city, day).
    """
    from fieldapp.core.store import Store
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.merge_dialog import MergeDialog

    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    laptop = sealed_db.parent / "fresh.db"
    Store.open(laptop).close()  # no sealed form yet: the merge brings the first
    window = MainWindow(laptop)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    if unlocked:
        window.store.keys.unlock(study_key)
    said: list[str] = []
    summary: list[str] = []

    def merge_the_stick() -> None:  # File › Merge… runs its dialog modal
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MergeDialog):
            QTimer.singleShot(50, merge_the_stick)
            return
        dialog.add_sources([sealed_db])
        with qtbot.waitSignal(dialog.merged, timeout=20_000):
            dialog.merge_button.click()
        said.extend(t for w in [dialog, *dialog.findChildren(QWidget)] for _, t in _texts(w))
        said.append(dialog.table.item(0, 1).text())
        summary.append(dialog.summary.toPlainText())
        dialog.close()

    QTimer.singleShot(0, merge_the_stick)
    try:
        window.open_merge()
        shown = "\n".join(said)
        assert "2 new interviews" in said[-1]  # the totals stay
        if unlocked:
            # named as the list names it: its actor, city and day
            named = f"Security forces · Nuevo Laredo · {DAY.astimezone().date().isoformat()}"
            assert named in shown and "left out" not in summary[0]
        else:
            assert "Nuevo Laredo" not in shown and "nuevo_laredo" not in shown, shown
            assert "Interviews of sealed forms left out: 2" in summary[0]
            assert _leaks([("merge", shown)]) == []
    finally:
        window.close()
        window.store.close()


def test_after_the_idle_lock_and_cancel_no_screen_keeps_the_sealed_rows_the_key_showed(
    qtbot: Any, sealed_db: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The supervisor opened the study key and left the laptop; the idle lock forgot the
    key and offered it again; the attacker pressed Cancel ("go on without the key"). The
    windows came back still listing what the key had shown: each sealed interview's form,
    city, interviewer and day, in the list, the review queue and Progress."""
    from fieldapp.ui.main_window import MainWindow

    key_file = sealed_db.parent / "study.pem"
    key_file.write_bytes(pair.private_pem)
    monkeypatch.setattr(lock, "ask_drafts_passphrase", lambda parent, store: False)
    answer_study_key(monkeypatch, key_file)
    window = MainWindow(sealed_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None, timeout=20_000)
    idle = lock.install_locks(window)
    desks: list[QWidget] = []
    try:
        window.study_key_action.trigger()  # Review › Unlock with study key…
        desks = [window.open_review(), window.open_progress(), window.open_devices()]
        settle(qtbot, 300)
        assert window.model.total == 2 and INTERVIEWER in "\n".join(t for _, t in _shown())
        assert any(INTERVIEWER in d.interviewers for d in desks[2].model.devices)
        idle.set_minutes(0.001)
        qtbot.waitUntil(lambda: idle.locked, timeout=20_000)
        assert isinstance(idle.dialog, lock.StudyKeyDialog)
        idle.dialog.reject()  # Cancel: on without the key
        qtbot.waitUntil(lambda: not idle.locked and window.isVisible(), timeout=20_000)
        idle.set_minutes(0)
        settle(qtbot, 300)
        assert window.model.total == 0
        assert _leaks(_shown()) == []
    finally:
        idle.stop()
        for desk in desks:
            desk.close()
        window.close()
        window.store.close()
