"""Every window at 1366×768, again: what the sweep of each window, in Spanish and English,
found cut or crowded on a field laptop's screen, each kept mended here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from event_turns import settle
from opened_windows import OPENED
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QWidget

from fieldapp.core.demo import run_demo
from fieldapp.core.store import Store
from fieldapp.ui import i18n
from fieldapp.ui.devices_desk import DevicesDesk
from fieldapp.ui.export_dialog import ExportDialog
from fieldapp.ui.form_parts import TITLE_ROLE
from fieldapp.ui.forms_dialog import FormsDialog
from fieldapp.ui.interviews_model import COLUMN
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.merge_dialog import PREFERRED_SIZE, MergeDialog
from fieldapp.ui.review_view import ReviewView
from fieldapp.ui.screen_fit import fit_window

FIELD_LAPTOP = QRect(0, 0, 1366, 768)
LANGUAGES = ["en", "es"]


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """The available area every window is fitted to: a field laptop's screen."""
    monkeypatch.setattr("fieldapp.ui.screen_fit.available_area", lambda _window: FIELD_LAPTOP)
    return FIELD_LAPTOP


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Any:
    i18n.apply_language(request.param)
    yield request.param
    i18n.apply_language("en")


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A database of the study's four forms: their titles are the long ones."""
    path = tmp_path / "demo.db"
    run_demo(path, 8, seed=3)
    return path


def _window(qtbot: Any, path: Path) -> MainWindow:
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    return window


def _below(upper: QWidget, lower: QWidget) -> int:
    """Return the room between the bottom of ``upper`` and the top of ``lower``."""
    top = lower.mapTo(lower.window(), lower.rect().topLeft()).y()
    return top - upper.mapTo(upper.window(), upper.rect().bottomLeft()).y() - 1


def test_the_historys_versions_show_their_four_columns_beside_the_review_events(
    qtbot: Any, demo: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen at 1366×768: once an interview had been returned, its review events stood
    beside the versions and took two fifths of the width; the versions' fourth column
    (*Dispositivo*) was cut behind a horizontal scroll bar."""
    with Store.open(demo) as store:
        view = ReviewView(store)
        qtbot.addWidget(view)
        view.reviewer_edit.setText("Ana Supervisora")
        fit_window(view, "review_queue", (1400, 860))  # as the main window opens it
        view.show()
        qtbot.waitExposed(view)
        sid = view.model.row_at(0).submission_id
        view.select(sid)
        view.comment_edit.setPlainText("Falta el año de fundación del colectivo.")
        view.add_comment()
        assert view.return_interview()
        store.interviews.reopen(sid)  # the researcher mends it and sends it again
        store.interviews.finalize(sid)
        view.refresh_if_open()
        view.select(sid)
        view.tabs.setCurrentIndex(1)
        settle(qtbot, 50)
        table = view.history_table
        assert view.events_list.isVisible(), "the return stands beside the versions"
        header = table.horizontalHeader()
        last = table.columnCount() - 1
        right = header.sectionPosition(last) + header.sectionSize(last)
        assert right <= table.viewport().width(), "the last column runs off the list"
        assert header.sectionSize(last) >= table.sizeHintForColumn(last), "the device whole"
        assert table.horizontalScrollBar().maximum() == 0
        # Seen later: the events beside a stretched *Dispositivo* were a word wide, the
        # return's time and reviewer on three lines. They read on one now.
        events = view.events_list
        head = " · ".join(events.item(0).text().split(" · ")[:2])  # "2026-… 10:12 · Ana …"
        assert events.fontMetrics().horizontalAdvance(head) <= events.viewport().width() - 8
        view.close()


def test_after_a_check_its_lines_keep_clear_of_the_list_of_rows(
    qtbot: Any, demo: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen in Spanish at 1366×768: after *Comprobar la base de datos* the result took two
    lines, and *Filas ya apartadas (en cuarentena): 0.* was drawn over the list of rows
    with *Apartar (cuarentena)…* touching its frame: the splitter gave the check the
    height its lines need unwrapped."""
    window = _window(qtbot, demo)
    desk = window.open_devices()
    assert isinstance(desk, DevicesDesk)
    OPENED.append(desk)
    qtbot.waitExposed(desk)
    desk.check_button.click()
    qtbot.waitUntil(lambda: not desk.is_running() and desk.set_aside_count.isVisible())
    QApplication.processEvents()
    layout = desk.check_box.layout()
    assert layout is not None
    spacing = layout.spacing()
    assert desk.check_status.height() >= desk.check_status.heightForWidth(
        desk.check_status.width()
    ), "the check's result shows each of its lines"
    assert _below(desk.refused, desk.set_aside_count) >= spacing
    assert _below(desk.set_aside_count, desk.set_aside_button) >= spacing
    assert desk.refused.height() >= desk.refused.minimumHeight()
    desk.close()


def test_the_forms_dialog_shows_each_study_forms_title_whole(
    qtbot: Any, demo: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen at 1366×768: the dialog opened 1040 wide and cut each study form's title in
    the middle ("Seguridad ciudadana en la fronte…l / Civil-society representative"),
    with a quarter of the screen to spare."""
    window = _window(qtbot, demo)
    dialog = window.open_forms()
    assert isinstance(dialog, FormsDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.columnWidth(0) >= table.sizeHintForColumn(0), "the titles are cut"
    assert table.horizontalScrollBar().maximum() == 0
    assert laptop_screen.contains(dialog.frameGeometry())
    dialog.close()


def test_the_export_dialog_shows_each_forms_title_whole_once_read(
    qtbot: Any, demo: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen at 1366×768: the dialog took its width before the forms were read, and the
    fourth title read "… / Security-force represen…" with 400 pixels of screen to spare."""
    dialog = ExportDialog(demo)
    qtbot.addWidget(dialog)
    fit_window(dialog, "export", (dialog.sizeHint().width(), dialog.sizeHint().height()))
    dialog.show()
    with qtbot.waitSignal(dialog.choices_loaded, timeout=20_000):
        pass
    QApplication.processEvents()
    forms = dialog.forms_list
    assert forms.count() == 4
    assert forms.sizeHintForColumn(0) <= forms.viewport().width(), "a title is cut"
    assert laptop_screen.contains(dialog.geometry())
    dialog.close()


def _shows_whole(line: QLineEdit) -> bool:
    """Return whether ``line`` has room for its whole text (a line edit cuts, never wraps)."""
    margins = line.textMargins()
    room = line.contentsRect().width() - margins.left() - margins.right() - 4  # Qt's 2+2
    return line.fontMetrics().horizontalAdvance(line.text()) <= room


def test_the_review_queues_date_filters_say_any_date_whole(
    qtbot: Any, demo: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen in Spanish at 1366×768: the queue's date filters read "alquier fecha", the
    start of *cualquier fecha* cut off (the list's own filters had been widened)."""
    with Store.open(demo) as store:
        view = ReviewView(store)
        qtbot.addWidget(view)
        fit_window(view, "review_queue", (1400, 860))
        view.show()
        qtbot.waitExposed(view)
        for edit in (view.from_date, view.to_date):
            line = edit.findChild(QLineEdit)
            assert line is not None
            assert line.text() == edit.specialValueText()
            assert _shows_whole(line), f"{line.text()!r} is cut"
        view.close()


def test_the_review_queue_gives_the_interview_room_and_keeps_each_date_whole(
    qtbot: Any, demo: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen at 1366×768: the queue took three fifths of the width for its longest name;
    the interview read beside it in a narrow column, its sections' titles cut ("Fuerzas de
    seguridad y c…"). The name gives way now (it repeats the actor, city and day); the
    start keeps its minutes, and the History's boxes each version's state and author."""
    with Store.open(demo) as store:
        view = ReviewView(store)
        qtbot.addWidget(view)
        fit_window(view, "review_queue", (1400, 860))
        view.show()
        qtbot.waitExposed(view)
        settle(qtbot, 50)  # the queue is fitted once the splitter has its width
        table, header = view.table, view.table.horizontalHeader()
        started = COLUMN["created_at"]
        assert header.sectionSize(started) >= table.sizeHintForColumn(started), "17:…"
        right = header.sectionPosition(started) + header.sectionSize(started)
        assert right <= table.viewport().width(), "the start runs off the queue"
        assert table.horizontalScrollBar().maximum() == 0
        navigator = view.findChild(QListWidget, "sectionList")
        assert navigator is not None and navigator.isVisible()
        bold = QFont(navigator.font())
        bold.setBold(True)
        room = navigator.viewport().width() - 24  # as the navigator's delegate draws
        for row in range(navigator.count()):
            title = str(navigator.item(row).data(TITLE_ROLE))
            assert QFontMetrics(bold).horizontalAdvance(title) <= room, f"{title!r} is cut"
        view.tabs.setCurrentIndex(1)
        settle(qtbot, 20)
        for box in (view.older_box, view.newer_box):
            for index in range(box.count()):  # the arrow and the frame beside the text
                words = box.fontMetrics().horizontalAdvance(box.itemText(index))
                assert words + 40 <= box.width(), f"{box.itemText(index)!r} is cut"
        view.close()


def test_after_merging_two_databases_the_fingerprints_to_check_are_in_view(
    qtbot: Any, demo: Path, tmp_path: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen at 1366×768: after two laptops' databases were merged, the dialog, at its
    760×480, gave the summary six lines: the first laptop's new devices, whose
    fingerprints the supervisor is asked to check, were already below a scroll."""
    others = [tmp_path / "tj.db", tmp_path / "nl.db"]
    for seed, path in enumerate(others, start=5):
        run_demo(path, 16, seed=seed)  # eight laptops each
    dialog = MergeDialog(demo)
    qtbot.addWidget(dialog)
    fit_window(dialog, "merge", PREFERRED_SIZE)  # as the main window opens it
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.add_sources(others)
    with qtbot.waitSignal(dialog.merged, timeout=30_000):
        dialog.start()
    QApplication.processEvents()
    assert laptop_screen.contains(dialog.geometry())
    summary = dialog.summary
    lines = summary.toPlainText().splitlines()
    second = next(n for n, line in enumerate(lines) if n and not line.startswith("  "))
    # under the check to make, said once, a line per device with the key to compare
    heading = next(n for n in range(second) if "fieldapp devices show" in lines[n])
    after = next(n for n in range(heading + 1, second) if not lines[n].startswith("    "))
    to_check = list(range(heading + 1, after))
    assert to_check, "the first laptop brings devices to check"
    summary.verticalScrollBar().setValue(0)  # its first lines, as the supervisor reads on
    QApplication.processEvents()
    cursor = QTextCursor(summary.document().findBlockByNumber(to_check[-1]))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    assert summary.cursorRect(cursor).bottom() <= summary.viewport().height(), (
        "the first laptop's last fingerprint to check is below a scroll"
    )
    dialog.close()


def _rows_whole(table: Any) -> int:
    """Return how many of ``table``'s first rows show whole, without a scroll."""
    table.scrollToTop()
    QApplication.processEvents()
    height = table.viewport().height()
    return next(
        (
            row
            for row in range(table.rowCount())
            if table.visualRect(table.model().index(row, 0)).bottom() >= height
        ),
        table.rowCount(),
    )


def test_a_sticks_files_show_eight_at_a_time_before_and_after_the_merge(
    qtbot: Any, demo: Path, tmp_path: Path, language: str, laptop_screen: QRect
) -> None:
    """Seen at 1366×768 (week3): the summary, empty before the merge, took three quarters
    of the dialog and the list showed three or four of the stick's eleven files; refused
    files (in red) were below its edge."""
    import shutil

    stick = tmp_path / "stick"
    stick.mkdir()
    run_demo(tmp_path / "laptop.db", 4, seed=5)
    for n in range(11):
        shutil.copy(tmp_path / "laptop.db", stick / f"laptop-{n:02}.db")
    dialog = MergeDialog(demo)
    qtbot.addWidget(dialog)
    fit_window(dialog, "merge", PREFERRED_SIZE)  # as the main window opens it
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.add_sources([stick])
    assert laptop_screen.contains(dialog.geometry())
    assert _rows_whole(dialog.table) >= 8
    with qtbot.waitSignal(dialog.merged, timeout=30_000):
        dialog.start()
    QApplication.processEvents()
    assert laptop_screen.contains(dialog.geometry())
    assert _rows_whole(dialog.table) >= 8, "each file's result on its row, eight in view"
    assert dialog.summary.isVisible() and dialog.summary.height() >= 200
    dialog.close()
