"""A recording playing in the app when its interview closes: the app goes on.

QtMultimedia reads a recording played from memory on a thread of its own. The bytes it
reads were a child of the question's widget, made before the player, so closing an
interview while a video was still loading freed them under that thread: the whole app
died (SIGSEGV), once in the suite and every time in a loop. Run in a child process, so
that a crash is a failed test and not a lost test worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.ui import pickers

TESTS = Path(__file__).resolve().parents[1]

_CHILD = """
import sys
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.ui.form_view import FormView
from xlsform import write_xlsform

app = QApplication([])
form = load_form(
    write_xlsform(
        Path(sys.argv[1]),
        survey=[{"type": "video", "name": "clip", "label": "Video"}],
        settings={"form_id": "clip", "version": "1"},
    )
)
# Not a video ffmpeg can open, and long enough that it is still reading when closed.
content = b"\\x00\\x00\\x00\\x18ftypmp42 not quite a video" * 2000
for turn in range(40):
    view = FormView(Session(form, {"clip": "entrevista.mp4"}), attachment=lambda _: content)
    view.show()
    clip = view.nodes[("clip",)]
    clip.toggle_playing()  # Play
    if turn % 2:
        clip.toggle_playing()  # and Stop at once
    shiboken6.delete(view)  # the interview closes
    app.processEvents()
print("still running")
"""


@pytest.mark.skipif(pickers.in_app_video() is None, reason="QtMultimedia does not load here")
def test_closing_an_interview_while_its_video_loads_does_not_crash_the_app(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(TESTS))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "clip.xlsx")],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, f"the app died ({done.returncode}): {done.stderr[-2000:]}"
    assert "still running" in done.stdout
