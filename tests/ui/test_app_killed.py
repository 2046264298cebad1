"""The whole desktop killed (SIGKILL) while she types, started again, a few times over.

``core/test_crash.py`` and ``core/test_interrupted.py`` kill a process that calls the
store as the window does. Here the process is fieldapp's own start (``run_app``): the
list, Enter on the draft, the interview window, keys typed into whatever holds the
keyboard. After each kill the next start must say what was open, reopen it with Enter
where she was typing, and take her next letters after the last one kept; the file must
stay whole. The researcher's day in Spanish, killed at random (design-notes, fieldday)
kills it 30 times and more at random moments; this test keeps three.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from paths import REPO
from xlsform import row, write_xlsform

from fieldapp.core.place import Place
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

WORDS = "Después de 2018 la mesa dejó de reunirse; ¿quién convocó? Él, señor Muñoz. "
KILLS = (3, 25, 60)
"""Letters kept (reported) before each kill: the first just after the first save."""

# The researcher: the app as `fieldapp` starts it, answered from the keyboard. The start's
# notice (Enter), the list (Enter on the selected draft), then each letter typed into the
# widget holding the window's keyboard, reported once the window's autosave returned.
CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from fieldapp.ui.app import create_app, run_app
from fieldapp.ui.interview_window import InterviewWindow

path, words = sys.argv[1], sys.argv[2]
app = create_app()
state = {"window": None}


def say(line):
    sys.stdout.write(line + "\\n")
    sys.stdout.flush()


def typed():
    edit = state["window"].view.nodes[("relato",)].edit
    say(f"kept {len(edit.toPlainText())}")


def letter(widget, character):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
        )


def step():
    QTimer.singleShot(5, step)
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    notice = [w for w in shown if w.objectName() == "interruptedNotice"]
    if notice:
        say("notice")
        QTest.keyClick(notice[0], Qt.Key.Key_Return)
        return
    window = state["window"]
    if window is None:
        main = next(w for w in shown if w.objectName() == "mainWindow")
        if QApplication.activeModalWidget() is not None or not main.isActiveWindow():
            main.activateWindow()
            return
        QTest.keyClick(main.table, Qt.Key.Key_Return)
        opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, InterviewWindow)]
        if opened:
            window = state["window"] = opened[0]
            window.view.changed.connect(typed)  # after the window's own autosave
            held = window.focusWidget()
            cursor = held.textCursor().position() if hasattr(held, "textCursor") else -1
            say(f"resumed {window.view.question_at(held)} {cursor}")
        return
    held = window.focusWidget()
    story = window.view.nodes[("relato",)].edit.toPlainText()
    letter(held, words[len(story) % len(words)])  # her sentence goes on where it stopped
    say("typed")


QTimer.singleShot(0, step)
run_app(Path(path))
"""


def _draft(path: Path, tmp_path: Path) -> SubmissionId:
    form = write_xlsform(
        tmp_path / "relato.xlsx",
        [
            row("text", "lugar", "Place", "Lugar"),
            row("text", "relato", "What happened?", "¿Qué pasó?", appearance="multiline"),
        ],
        settings={"form_id": "relato", "version": "1", "default_language": "Español (es)"},
    )
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        sid = store.interviews.start(
            sha, answers={"lugar": "Tijuana"}, interviewer="TJ01", city="tijuana"
        )
        # She had reached the story before the first kill: the window reopens there.
        store.interviews.keep_place(sid, Place(("relato",), 0))
    return sid


def _killed_after(child: subprocess.Popen[str], letters: int) -> tuple[int, str | None, bool]:
    """Kill ``child`` once it reported ``letters`` kept; return the most it reported,
    where the start said the keyboard was, and whether the start's notice was shown."""
    assert child.stdout is not None
    kept, resumed, told, keys = 0, None, False, 0
    while kept < letters:
        line = child.stdout.readline()
        if not line or keys > letters + 100:  # stopped, or typing where no answer is
            child.kill()
            _, stderr = child.communicate()
            pytest.fail(f"{keys} keys typed, {kept} letters kept, resumed at {resumed}: {stderr}")
        keys += line == "typed\n"
        told = told or line == "notice\n"
        if line.startswith("resumed "):
            resumed = line.removeprefix("resumed ").strip()
        elif line.startswith("kept "):
            kept = int(line.split()[1])
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate()
    assert child.returncode == -signal.SIGKILL
    whole = [line for line in rest.splitlines()[:-1] if line.startswith("kept ")]
    return max([kept, *(int(line.split()[1]) for line in whole)]), resumed, told


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_typing_the_app_reopens_where_she_was_and_keeps_every_letter(
    tmp_path: Path,
) -> None:
    path = tmp_path / "field.db"
    sid = _draft(path, tmp_path)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HOME": str(tmp_path),  # the child's own settings, not the user's
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "LANG": "es_MX.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    before = ""
    for letters in KILLS:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), WORDS],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        reported, resumed, told = _killed_after(child, letters)
        assert told == bool(before), "each start after a kill says the interview was open"
        assert resumed == f"('relato',) {len(before)}", "the keyboard is back after her last letter"

        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
        with Store.open(path, create=False) as store:
            assert len(store.interviews.heads(sid)) == 1, "a kill never forks an interview"
            answers = store.interviews.working_answers(sid)
            story = str(answers["relato"])
            assert answers["lugar"] == "Tijuana"
            assert len(story) >= reported, "every letter the window said was saved is there"
            assert story.startswith(before), "the next start typed on after the last letter"
            place = store.interviews.place(sid)
            assert place == Place(("relato",), len(story)), "where she was, cursor and all"
        before = story
    assert before == (WORDS * 3)[: len(before)], "her words, in her order, accents and all"
