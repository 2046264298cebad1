"""After a crash the interview reopens at the question the keyboard was last in, typed in
or not.

Found walking the researcher's day: she typed an answer, tabbed on to the next question,
then to the next section, and read it aloud; the laptop died before she typed again, and
the interview reopened at the answer she had typed, a section back. The place was kept
only with an answer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from interview_windows import open_window
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from study_keys import DRAFTS_PASSPHRASE, STORY_AND_MECHANISMS, key_pair, sealed_form
from test_resume_place import crash, started

from fieldapp.core.package import write_package
from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.study import study_form
from fieldapp.ui.interview_window import InterviewWindow


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)
    return QApplication.focusWidget()


def _kept(qtbot: Any, window: InterviewWindow, ref: tuple[str | int, ...]) -> None:
    """Wait until the store holds ``ref`` as the place (the write waits for a pause),
    then give the window the keyboard back (the offscreen platform takes it away)."""

    def there() -> bool:
        place = window.store.interviews.place(SubmissionId(window.submission_id))
        return place is not None and place.ref == ref

    qtbot.waitUntil(there)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _revisions(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM revisions").fetchone()[0])


def _working_copies(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM working_copies").fetchone()[0])


def test_moving_on_without_typing_is_where_the_interview_reopens_after_a_crash(
    qtbot: Any, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "field.db") as store:
        sid = started(store, tmp_path)
        window = open_window(qtbot, store, sid)
        view = window.view
        view.reveal(("intro/respondent",))
        QTest.keyClicks(view.nodes[("intro/respondent",)].edit, "R-17")
        _kept(qtbot, window, ("intro/respondent",))  # kept with the answer, as before
        _press(Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # Next section
        story = view.nodes[("history/story",)].edit
        assert QApplication.focusWidget() is story
        _kept(qtbot, window, ("history/story",))
        crash(window)

        again = open_window(qtbot, store, sid)
        story = again.view.nodes[("history/story",)].edit
        assert again.view.current() == 1, "the section she had moved on to"
        qtbot.waitUntil(lambda: QApplication.focusWidget() is story)
        assert again.session.answers()["intro/respondent"] == "R-17"

        # a click, then Tabs: the question reached last, and nothing else is written
        again.view.go(2)
        first = again.view.nodes[("org/q1",)].edit
        QTest.mouseClick(first, Qt.MouseButton.LeftButton)
        assert QApplication.focusWidget() is first
        writes = store.conn.total_changes
        revisions, copies = _revisions(store), _working_copies(store)
        for _ in range(4):
            _press(Qt.Key.Key_Tab)
        fifth = again.view.nodes[("org/q5",)].edit
        assert QApplication.focusWidget() is fifth
        _kept(qtbot, again, ("org/q5",))
        assert store.conn.total_changes == writes + 1, "four Tabs in a row: one write"
        assert (_revisions(store), _working_copies(store)) == (revisions, copies), (
            "no answer changed: no revision, no working copy"
        )
        again.view.nodes[("org/q4",)].edit.setFocus()
        fifth.setFocus()  # back in the same question at once: the place kept already
        QTest.qWait(600)
        assert store.conn.total_changes == writes + 1, "nothing new to keep, nothing written"
        crash(again)

        last = open_window(qtbot, store, sid)
        fifth = last.view.nodes[("org/q5",)].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is fifth)
        last.close()
        assert _revisions(store) == revisions + 1, "closing saved the one typed answer"
    # The place says where she was, durably: no section of hers is left in the settings
    # file, written lazily and in clear, for an open form either.
    assert [key for key in QSettings().allKeys() if key.endswith("/section")] == []


def test_ctrl_z_still_undoes_typing_after_the_keyboard_went_elsewhere_and_came_back(
    qtbot: Any, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "field.db") as store:
        sid = started(store, tmp_path)
        window = open_window(qtbot, store, sid)
        window.view.reveal(("org/q3",))
        third = window.view.nodes[("org/q3",)].edit
        QTest.keyClicks(third, "Mesa de seguridad")
        _press(Qt.Key.Key_Tab)
        _kept(qtbot, window, ("org/q4",))  # the next question: her place now
        _press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert QApplication.focusWidget() is third
        _press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert third.text() == ""
        answers = store.interviews.working_answers(SubmissionId(sid))
        assert "org/q3" not in answers or answers["org/q3"] is None, "undone, and saved"
        window.close()


def test_a_table_list_row_tabbed_into_is_where_the_study_form_reopens(
    qtbot: Any, tmp_path: Path
) -> None:
    army = ("security/trust/trust_army",)
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(study_form("cso")).sha256
        sid = store.interviews.start(
            sha, answers={"consent": "yes"}, interviewer="TJ01", city="tijuana", actor_type="cso"
        )
        window = open_window(qtbot, store, sid)
        window.view.reveal(("security/trust/trust_municipal_police",))
        for _ in range(4):
            _press(Qt.Key.Key_Tab)
        assert window.view.question_at(QApplication.focusWidget()) == army
        _kept(qtbot, window, army)
        crash(window)

        again = open_window(qtbot, store, sid)
        row = again.view.nodes[army]
        qtbot.waitUntil(lambda: QApplication.focusWidget() in row.buttons)
        again.close()


CANARY = "Canario-8R2 el jefe de plaza cobra en la bodega"
NEEDLES = ("org/mechanisms[1]/mech_city", "mechanisms[1]", '"cursor"', '"path"')
"""The place in clear, as its path or its JSON: the form names the questions, not these."""


def _in_clear(folder: Path) -> list[str]:
    """Name every file of ``folder`` holding a needle (UTF-8 or UTF-16) in clear."""
    found = []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        data = path.read_bytes()
        for needle in (*NEEDLES, CANARY):
            if needle.encode() in data or needle.encode("utf-16-le") in data:
                found.append(f"{path.name}: {needle}")
    return found


def test_a_sealed_draft_keeps_the_question_moved_to_only_under_its_drafts_key(
    qtbot: Any, tmp_path: Path
) -> None:
    form = sealed_form(tmp_path, key_pair(), STORY_AND_MECHANISMS)
    laptop = tmp_path / "laptop"
    db = laptop / "field.db"
    city = ("org/mechanisms", 0, "mech_city")
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = store.interviews.start(
            store.forms.add(form).sha256,
            answers={"org/mechanisms": [{}]},
            interviewer="NL01",
            city="nuevo_laredo",
            actor_type="security",
        )
        window = open_window(qtbot, store, sid)
        window.view.reveal(("story",))
        QTest.keyClicks(window.view.nodes[("story",)].edit, CANARY)
        window.view.go(1)
        edit = window.view.nodes[city].edit
        QTest.mouseClick(edit, Qt.MouseButton.LeftButton)  # on to the city, typing nothing
        _kept(qtbot, window, city)
        revisions = _revisions(store)
        crash(window)
        assert _in_clear(laptop) == [], "neither the answer nor the place, in any file"
        assert [key for key in QSettings().allKeys() if key.endswith("/section")] == []
        assert _revisions(store) == revisions

    with Store.open(db) as store:
        assert store.interviews.place(SubmissionId(sid)) is None, "locked: nothing to read"
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        assert store.interviews.place(SubmissionId(sid)) == Place(city, 0)
        again = open_window(qtbot, store, sid)
        edit = again.view.nodes[city].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
        crash(again)
        package = tmp_path / "usb" / "laptop.fieldapp"
        write_package(store, package)
    with sqlite3.connect(package) as copy:
        kept = copy.execute("SELECT key FROM meta WHERE key LIKE 'place:%'").fetchall()
    assert kept == [], "the package leaves the laptop's places behind"
    assert _in_clear(laptop) == []
