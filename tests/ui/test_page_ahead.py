"""The next section's page is made while she pauses on this one, and a count typed on its
way to its number makes no entries on a page not shown (mechpage)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui import form_view
from fieldapp.ui.form_parts import TITLE_ROLE
from fieldapp.ui.form_view import FormView


def mechanisms_view(qtbot: Any, tmp_path: Path) -> FormView:
    """A count on a page of its own, then a page of that many mechanisms (a name and a
    yes/no each), shown and active, the keyboard in the count."""
    survey = [
        {"type": "begin group", "name": "collab", "label": "Collaboration"},
        {"type": "integer", "name": "n", "label": "How many mechanisms?"},
        {"type": "end group"},
        {"type": "begin repeat", "name": "mech", "label": "Mechanism", "repeat_count": "${n}"},
        {"type": "text", "name": "what", "label": "What is it called?"},
        {"type": "select_one yn", "name": "works", "label": "Does it still work?"},
        {"type": "end repeat"},
    ]
    choices = [
        {"list_name": "yn", "name": "yes", "label": "Yes"},
        {"list_name": "yn", "name": "no", "label": "No"},
    ]
    form = load_form(write_xlsform(tmp_path / "mech.xlsx", survey=survey, choices=choices))
    view = FormView(Session(form, {}, messages="en"))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.reveal(("collab/n",))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.nodes[("collab/n",)].edit)
    return view


def entries(view: FormView) -> list[QWidget]:
    return [w for w in view.findChildren(QWidget) if w.objectName().startswith("mech_")]


def test_the_mechanisms_page_is_made_while_she_pauses_and_shows_at_once_with_its_entries(
    qtbot: Any, tmp_path: Path
) -> None:
    """Made when first shown, the civil-society form's two mechanisms (64 questions) took
    up to 1.4 s to show. Made while she is still on the count, they show at once; the
    keyboard stays in the count meanwhile, and lands in the first entry as before."""
    view = mechanisms_view(qtbot, tmp_path)
    count = view.nodes[("collab/n",)].edit
    qtbot.keyClicks(count, "2")
    qtbot.waitUntil(lambda: len(entries(view)) == 2, timeout=5000)
    assert view.current() == 0, "she is still on the count's page"
    assert QApplication.focusWidget() is count, "the keyboard stayed in the count"
    assert not any(entry.isVisible() for entry in entries(view)), "made out of sight"
    made = entries(view)
    qtbot.keyClick(count, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.current() == 1
    assert entries(view) == made, "the entries made ahead are the ones shown"
    assert all(entry.isVisible() for entry in made)
    first = view.nodes[("mech", 0, "what")]
    assert QApplication.focusWidget() is first.edit, "Next section lands in the first entry"
    qtbot.keyClicks(first.edit, "Mesa de seguridad")
    assert view.session.answers()["mech"][0]["what"] == "Mesa de seguridad"


def test_a_count_typed_on_its_way_makes_no_entries_until_their_page_shows(
    qtbot: Any, tmp_path: Path
) -> None:
    """Typing "12" on the page before the mechanisms (built already) made one entry at the
    "1", then twelve at the "2", each key waiting for them; a year typed by mistake on its
    way ("201") made 201. The entries are made when the page shows (or she pauses); the
    section list counts them at once."""
    view = mechanisms_view(qtbot, tmp_path)
    view.go(1)  # the page is made, with no entry
    view.go(0)
    count = view.nodes[("collab/n",)].edit
    count.setFocus()
    qtbot.waitUntil(count.hasFocus)
    for key in "12":
        qtbot.keyClick(count, key)
        assert entries(view) == [], f"entries made at the key {key!r}"
    assert view.session.repeat_count(("mech",)) == 12
    detail = view.navigator.item(1).text()
    assert "0 of 24 answered" in detail, detail
    assert view.navigator.item(1).data(TITLE_ROLE) == "Mechanism"
    qtbot.keyClick(count, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert len(entries(view)) == 12
    assert all(entry.isVisible() for entry in entries(view))
    assert QApplication.focusWidget() is view.nodes[("mech", 0, "what")].edit
    assert isinstance(view.nodes[("mech", 11, "what")].edit, QLineEdit)


def test_a_page_of_too_many_entries_is_left_to_be_made_when_it_shows(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A draft whose count was typed as a year holds 500 entries: made ahead, they froze
    the window for seconds a moment after it opened on the count. Past ``AHEAD_MOST``
    questions the page is made when it shows, as before."""
    monkeypatch.setattr(form_view, "AHEAD_MOST", 5)
    view = mechanisms_view(qtbot, tmp_path)
    count = view.nodes[("collab/n",)].edit
    qtbot.keyClicks(count, "3")  # six questions
    qtbot.wait(int(form_view.AHEAD_MS * 1.5))
    assert entries(view) == [], "made ahead"
    qtbot.keyClick(count, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert len(entries(view)) == 3
    assert QApplication.focusWidget() is view.nodes[("mech", 0, "what")].edit
