"""Removing repeat entries asks first when they hold answers: by a lower count (QA 30) or Remove."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QWidget
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form
from fieldapp.ui.form_view import FormView


def counted_form(tmp_path: Path, *after: dict[str, str]) -> Form:
    """A count ``n`` of "Member" entries (a ``role`` each), then the ``after`` rows."""
    survey = [
        {"type": "integer", "name": "n", "label": "How many members?"},
        {"type": "begin repeat", "name": "member", "label": "Member", "repeat_count": "${n}"},
        {"type": "text", "name": "role", "label": "Role"},
        {"type": "end repeat"},
        *after,
    ]
    return load_form(write_xlsform(tmp_path / "counted.xlsx", survey=survey))


def show_three_members(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, form: Form
) -> tuple[Session, FormView, list[str], list[QMessageBox.StandardButton]]:
    """Show ``form`` with a count of 3 answered members; record the questions it asks.

    Returns the session, the view, the questions asked so far and the reply the next
    question gets (``reply[0]``, "No" until the test changes it).
    """
    answers = {"n": 3, "member": [{"role": "chair"}, {"role": "treasurer"}, {"role": "host"}]}
    session = Session(form, answers, messages="en")
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # typing needs the focus, as on a real screen
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    view.reveal(("n",))
    return session, view, asked, reply


def test_lowering_a_count_asks_before_removing_answered_entries(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = counted_form(tmp_path)
    session, view, asked, reply = show_three_members(qtbot, monkeypatch, form)
    count = view.nodes[("n",)]
    count.edit.setFocus()
    count.edit.selectAll()
    qtbot.keyClicks(count.edit, "1")
    assert asked == [
        "This answer removes 2 entries of “Member” (number 2, 3) with their answers. Remove them?"
    ]
    # "No": nothing removed, the count shows its old answer again
    assert session.repeat_count(("member",)) == 3
    assert session.answers()["member"][2] == {"role": "host"}
    assert count.edit.text() == "3"

    reply[0] = QMessageBox.StandardButton.Yes
    count.edit.selectAll()
    qtbot.keyClicks(count.edit, "2")
    assert len(asked) == 2 and "removes entry 3 of “Member”" in asked[1]
    assert session.answers()["member"] == [{"role": "chair"}, {"role": "treasurer"}]
    assert count.edit.text() == "2"

    count.edit.selectAll()
    qtbot.keyClicks(count.edit, "4")  # raising removes nothing: no question
    assert len(asked) == 2 and session.repeat_count(("member",)) == 4


def test_emptying_a_count_to_retype_it_asks_only_about_what_the_new_number_removes(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = counted_form(tmp_path, {"type": "text", "name": "after", "label": "After"})
    session, view, asked, _no = show_three_members(qtbot, monkeypatch, form)
    count = view.nodes[("n",)]
    count.edit.setFocus()
    count.edit.end(False)
    qtbot.keyClick(count.edit, Qt.Key.Key_Backspace)  # on the way to another number
    assert asked == [] and session.repeat_count(("member",)) == 3
    qtbot.keyClicks(count.edit, "2")
    assert asked == ["This answer removes entry 3 of “Member” with its answers. Remove it?"]
    # Declined: the three entries stay, and the field shows what the interview holds (the
    # count emptied on the way, which ODK reads as "keep the entries as they are").
    assert session.repeat_count(("member",)) == 3 and count.edit.text() == ""

    qtbot.keyClick(count.edit, Qt.Key.Key_Tab)  # left empty: ODK keeps every entry
    assert len(asked) == 1 and session.repeat_count(("member",)) == 3


def free_form(tmp_path: Path) -> Form:
    """The "Member" entries a researcher adds and removes, a ``role`` each."""
    survey = [
        {"type": "begin repeat", "name": "member", "label": "Member"},
        {"type": "text", "name": "role", "label": "Role"},
        {"type": "text", "name": "note", "label": "Note", "default": "none"},
        {"type": "end repeat"},
    ]
    return load_form(write_xlsform(tmp_path / "free.xlsx", survey=survey))


def test_remove_asks_before_it_takes_an_entrys_answers_and_not_for_an_empty_one(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {"member": [{"role": "chair", "note": "none"}, {"role": "", "note": "none"}]}
    session = Session(free_form(tmp_path), answers, messages="en")
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(f"{title} {text}")
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    block = view.nodes[("member",)]
    removes = block.findChildren(QPushButton, "remove")
    qtbot.mouseClick(removes[0], Qt.MouseButton.LeftButton)  # a slip beside "Move down"
    assert asked == ["Remove this entry? Remove entry 1 of “Member” with its answers?"]
    assert session.answers()["member"][0]["role"] == "chair", "No keeps the entry"
    assert block.count == 2

    # Only a default in it: nothing a person answered, so nothing to ask.
    qtbot.mouseClick(block.findChildren(QPushButton, "remove")[1], Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and block.count == 1

    reply[0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(block.findChildren(QPushButton, "remove")[0], Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and block.count == 0
    assert not session.answers().get("member")


def test_undo_in_the_count_brings_back_the_entries_it_removed(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a moving car, "1" for "2", and Yes pressed: Ctrl+Z put the count back but the
    # entries came back empty, their answers gone for good.
    form = counted_form(tmp_path, {"type": "text", "name": "place", "label": "Place"})
    session, view, asked, reply = show_three_members(qtbot, monkeypatch, form)
    count = view.nodes[("n",)]
    reply[0] = QMessageBox.StandardButton.Yes
    count.edit.setFocus()
    count.edit.selectAll()
    qtbot.keyClicks(count.edit, "1")
    assert session.answers()["member"] == [{"role": "chair"}]
    assert len(asked) == 1  # asked first, as ever
    qtbot.keyClick(count.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert count.edit.text() == "3"
    assert session.answers()["member"] == [
        {"role": "chair"},
        {"role": "treasurer"},
        {"role": "host"},
    ]
    view.reveal(("member", 2, "role"))
    assert view.nodes[("member", 2, "role")].edit.text() == "host"  # shown again too

    # once another answer is given, a count raised again brings empty entries, as ever
    count.edit.selectAll()
    qtbot.keyClicks(count.edit, "1")
    view.commit(("place",), "Juárez")
    count.edit.setFocus()
    count.edit.selectAll()
    qtbot.keyClicks(count.edit, "3")
    assert session.answers()["member"] == [{"role": "chair"}, {}, {}]


def show_free_members(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *roles: str
) -> tuple[Session, FormView]:
    """Show the free "Member" entries with these roles, every removal agreed to."""
    answers = {"member": [{"role": role, "note": "none"} for role in roles]}
    session = Session(free_form(tmp_path), answers, messages="en")
    view = FormView(session)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    return session, view


def press_in_entry(qtbot: Any, view: FormView, entry: int, button: str) -> None:
    """Put the keyboard on ``button`` of entry ``entry`` (from 1) and press Space."""
    found = view.findChild(QWidget, f"member_{entry}").findChild(QPushButton, button)
    found.setFocus()
    qtbot.waitUntil(found.hasFocus)
    qtbot.keyClick(found, Qt.Key.Key_Space)


def keyboard_in(qtbot: Any, view: FormView) -> tuple[str, str]:
    """Return the entry (its frame's name) and the button holding the keyboard."""
    focused = QApplication.focusWidget()
    assert focused is not None, "the keyboard is nowhere"
    qtbot.waitUntil(focused.isVisible)  # Qt shows a new entry once the event loop turns
    entry = next(
        (
            frame.objectName()
            for frame in view.findChildren(QWidget)
            if frame.property("role") == "instance" and frame.isAncestorOf(focused)
        ),
        "",
    )
    return entry, focused.objectName()


def roles(session: Session) -> list[str]:
    return [entry["role"] for entry in session.answers().get("member", [])]


def test_moving_an_entry_by_keyboard_keeps_the_keyboard_on_the_entry_moved(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, view = show_free_members(qtbot, tmp_path, monkeypatch, "chair", "treasurer", "host")
    press_in_entry(qtbot, view, 1, "down")
    assert roles(session) == ["treasurer", "chair", "host"]
    assert keyboard_in(qtbot, view) == ("member_2", "down"), "on the chair's Move down"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # and once more
    assert roles(session) == ["treasurer", "host", "chair"]
    # last now: Move down is off, so its Move up
    assert keyboard_in(qtbot, view) == ("member_3", "up")


def test_removing_entries_by_keyboard_goes_on_to_the_next_one_then_to_add(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, view = show_free_members(qtbot, tmp_path, monkeypatch, "chair", "treasurer", "host")
    press_in_entry(qtbot, view, 2, "remove")
    assert roles(session) == ["chair", "host"]
    assert keyboard_in(qtbot, view) == ("member_2", "remove"), "on the entry that took its place"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert roles(session) == ["chair"]
    assert keyboard_in(qtbot, view) == ("member_1", "remove"), "the last one gone: the one before"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert roles(session) == []
    assert keyboard_in(qtbot, view) == ("", "addRepeat")


class EntriesOnScreen(QObject):
    """Note each entry (a frame named ``member_N``) put into a widget already shown."""

    def __init__(self) -> None:
        super().__init__()
        self.added: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded and isinstance(watched, QWidget):
            child = event.child()  # type: ignore[attr-defined]
            name = child.objectName() if isinstance(child, QWidget) else ""
            if name.startswith("member_") and watched.isVisible():
                self.added.append(name)
        return False


def test_entries_made_anew_are_made_off_screen_and_shown_with_their_answers_and_keyboard(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries put one by one into the shown repeat were each shown, and laid out with
    everything above them, on their own: one more of 100 entries took 2.7 s. They are made
    in a box off screen that takes the old one's place in one go."""
    session, view = show_free_members(qtbot, tmp_path, monkeypatch, "chair", "treasurer", "host")
    spy = EntriesOnScreen()
    QApplication.instance().installEventFilter(spy)
    try:
        press_in_entry(qtbot, view, 1, "down")
        assert keyboard_in(qtbot, view) == ("member_2", "down"), "on the chair's Move down"
        add = view.findChild(QPushButton, "addRepeat")
        add.setFocus()
        qtbot.waitUntil(add.hasFocus)
        qtbot.keyClick(add, Qt.Key.Key_Space)
        QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    held = session.answers()["member"]
    assert [entry.get("role") for entry in held] == ["treasurer", "chair", "host", None]
    assert spy.added == [], "entries were put one by one into the shown page"
    shown = [view.findChild(QWidget, f"member_{n}") for n in range(1, 5)]
    assert all(frame is not None and frame.isVisible() for frame in shown)
    assert [frame.findChild(QLineEdit, "editor").text() for frame in shown] == [
        "treasurer",
        "chair",
        "host",
        "",
    ]
    assert len(view.findChildren(QWidget, "member_1")) == 1, "the old entries left the window"
    assert QApplication.focusWidget() is add, "the keyboard stays on Add, for another one"
    # the old entries' box, gone from the page, never opens as a window of its own
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [view]
