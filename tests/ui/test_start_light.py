"""What the desktop's start does not load (issue 16's start-up goal).

Each of these cost a start that paints the list and is ready for Ctrl+N a few
milliseconds against a bare Qt window of about 150: every QWidget class of QtWidgets set
up at once (asking a table for its viewport, about 10 ms), the whole message catalogue
(about 2 ms), ``pkgutil`` (about 2 ms). They stay out so that the goal keeps its margin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = textwrap.dedent(
    """
    import json, os, sys

    def report(code):
        widgets = vars(sys.modules["PySide6.QtWidgets"])
        print(json.dumps({
            "code": code,
            "messages": sorted(name.rsplit(".", 1)[1] for name in sys.modules
                               if name.startswith("fieldapp.core.messages.")),
            "modules": sorted(name for name in ("pkgutil", "importlib.resources")
                              if name in sys.modules),
            "every_widget_class": "QWizardPage" in widgets,
        }), flush=True)
        real_exit(code)

    real_exit = os._exit
    os._exit = report  # --check-start ends there, once the list is painted
    from fieldapp.launch import main
    main(["gui", "--db", sys.argv[1], "--check-start"])
    """
)


def _start(db: Path, home: Path) -> dict[str, object]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home),
        "FIELDAPP_CACHE_DIR": str(home / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)],
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stdout + done.stderr
    found: dict[str, object] = json.loads(lines[-1])
    return found


def _widget_classes_are_set_up_lazily() -> bool:
    """Whether this PySide6 sets up a QtWidgets class only when it is first used."""
    done = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtWidgets as w; print('QWizardPage' in vars(w))"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout.strip() == "False"


@pytest.mark.slow
def test_a_first_and_a_second_start_load_only_what_the_list_shows(tmp_path: Path) -> None:
    if not _widget_classes_are_set_up_lazily():
        pytest.skip("this PySide6 sets up every QtWidgets class at import")
    db = tmp_path / "study.db"
    for start in ("first", "second"):
        found = _start(db, tmp_path)
        assert found["code"] == 0, start
        assert found["every_widget_class"] is False, start
        assert found["modules"] == [], start
        # the list's menus and columns: the ui, laptop (package) and server domains, the
        # status bar's counts and the actor types' names
        messages = found["messages"]
        assert isinstance(messages, list)
        assert set(messages) <= {"ui", "laptop", "server_ui", "counts", "actors"}, start


def test_the_list_table_gives_its_viewport_without_setting_up_every_widget_class(
    qtbot: object,
) -> None:
    """The wrapper made the cheap way is the one ``viewport()`` returns afterwards."""
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    from fieldapp.ui.interviews_model import InterviewsModel
    from fieldapp.ui.list_widgets import VIEWPORT_NAME, interviews_table

    table = interviews_table("table", InterviewsModel(None))
    viewport = table.findChild(QWidget, VIEWPORT_NAME)
    assert isinstance(table, QAbstractScrollArea)
    assert viewport is not None and viewport is table.viewport()
    assert viewport.parent() is table
