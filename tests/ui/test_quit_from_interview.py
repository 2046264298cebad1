"""Ctrl+Q quits from an interview window as from the list, her answers saved (smalls2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opened_windows import OPENED
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from fieldapp.core.store import Store
from fieldapp.ui.main_window import MainWindow


def test_ctrl_q_in_an_interview_quits_the_app_and_keeps_what_she_typed(
    qtbot: Any, store: Any
) -> None:
    sha = store.forms.records()[0].sha256
    submission_id = str(
        store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="cso")
    )
    main = MainWindow(Path(store.path))
    OPENED.append(main)
    if not main.quit_action.shortcuts():
        # the offscreen platform binds Quit to no key (as Windows); Linux desktops and
        # macOS bind it to Ctrl+Q (Cmd+Q), the key she pressed
        main.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    main.show()
    qtbot.waitExposed(main)
    interview = main.open_interview(submission_id)
    assert interview is not None
    interview.activateWindow()
    qtbot.waitUntil(interview.isActiveWindow)
    view = interview.view
    view.reveal(("intro/respondent",))
    respondent = view.nodes[("intro/respondent",)].edit
    respondent.setFocus()
    qtbot.keyClicks(respondent, "R-31")

    # the interview window's own menu offers the list's Quit
    assert main.quit_action in interview.interview_menu.actions()
    qtbot.keyClick(respondent, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    # the app's one way out: the list closes, and with it every interview window
    qtbot.waitUntil(lambda: not main.isVisible())
    assert not main.interview_windows
    with Store.open(store.path) as reopened:
        # a revision saved at the quit, as Ctrl+W saves one (the start's is empty)
        head = reopened.interviews.heads(submission_id)[0]
        assert head.state == "draft"
        assert head.answers is not None and head.answers["intro/respondent"] == "R-31"
