"""A researcher's day in English from the keyboard only: what the walk of the study forms
at 1366×768 found in the way, each kept mended here."""

from __future__ import annotations

from typing import Any

from interview_windows import open_window, start
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def test_every_close_key_of_the_platform_closes_the_interview(qtbot: Any, store: Any) -> None:
    # Help › Keyboard shortcuts names every binding (Ctrl+F4 / Ctrl+W on Windows); the
    # window took only the first, so Ctrl+W did nothing where Ctrl+F4 comes first.
    window = open_window(qtbot, store, start(store))
    bindings = QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
    assert window.close_action.shortcuts() == bindings
    with qtbot.waitSignal(window.closed):
        qtbot.keyClick(window.view.navigator, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def consented_main(qtbot: Any, store: Any) -> Any:
    """Open an interview whose interviewee consented, on its "Interview" section."""
    window = open_window(qtbot, store, start(store))
    view = window.view
    view.commit(("intro/consent",), "yes")
    view.reveal(("main/city",))
    return view


def test_tab_goes_on_from_a_drop_down_choice_to_the_next_question(qtbot: Any, store: Any) -> None:
    # A minimal select's list lives in a popup window: chained into the section's Tab
    # order, it broke the chain, and Tab from the box went back to the first section.
    view = consented_main(qtbot, store)
    city = view.nodes[("main/city",)].combo
    assert city.hasFocus()
    qtbot.keyClick(city, Qt.Key.Key_Tab)  # "Organisation" has no options before a city
    assert view.nodes[("main/sectors",)].boxes[0].hasFocus()


def test_tab_reaches_options_that_an_earlier_answer_filtered_in(qtbot: Any, store: Any) -> None:
    # "Organisation" lists the chosen city's: its options are made when the city is
    # answered, after the section's Tab order was set, and Qt put them at the end of the
    # window's chain, past Next section: Tab went from the city to "Sectors".
    view = consented_main(qtbot, store)
    city = view.nodes[("main/city",)].combo
    qtbot.keyClick(city, Qt.Key.Key_Down)  # Tijuana
    assert view.session.state(("main/city",)).value == "tijuana"
    qtbot.keyClick(city, Qt.Key.Key_Tab)
    option = view.nodes[("main/org",)].group.buttons()[0]
    assert option.hasFocus()
    qtbot.keyClick(option, Qt.Key.Key_Space)
    assert view.session.state(("main/org",)).value == "ccsp"
    qtbot.keyClick(option, Qt.Key.Key_Tab)
    assert view.nodes[("main/sectors",)].boxes[0].hasFocus()
