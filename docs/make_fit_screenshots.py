"""Check that every window fits a field laptop's screen, and picture it there.

    .venv/bin/python docs/make_fit_screenshots.py [--out docs/screenshots]

For each screen (1366×768 and 1280×720, at 100% and 200%) a child process starts Qt's
offscreen platform with that screen, opens the list, an interview, the review queue, the
progress dashboard, the package and new-interview dialogs on a demo database, and checks
that each window lies within the available area and that none of its buttons, tables or
status bar are cut off. It saves ``fit-<screen>-<window>.png`` and prints what did not fit
(one JSON list per screen); ``tests/ui/test_screen_fit.py`` runs the same children.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SCREENS = {"1366x768": (1366, 768, 1), "1280x720": (1280, 720, 1)}
SCREENS |= {f"{name}@2x": (w, h, 2) for name, (w, h, _) in list(SCREENS.items())}
PICTURED = ("list", "interview", "review", "progress")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--interviews", type=int, default=30)
    parser.add_argument("--child", nargs=3, metavar=("DB", "SCREEN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db, screen, out = args.child
        print(json.dumps(check_screen(Path(db), screen, Path(out))))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fieldapp-fit-") as folder:
        from fieldapp.core.demo import run_demo

        db = Path(folder) / "demo.db"
        run_demo(db, args.interviews, seed=7)
        failed = 0
        for screen in SCREENS:
            problems = run_child(db, screen, args.out, Path(folder))
            failed += len(problems)
            print(screen, problems or "fits")
    return 1 if failed else 0


def run_child(db: Path, screen: str, out: Path, work: Path) -> list[str]:
    """Run the check of one screen in its own Qt process; return what did not fit."""
    width, height, scale = SCREENS[screen]
    config = work / f"screen-{screen}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": screen,
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": scale,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", FIELDAPP_LANG="en")
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(db), screen, str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return [f"the check itself failed: {done.stderr.strip()[-800:]}"]
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def check_screen(db: Path, screen: str, out: Path) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.store import InterviewFilter
    from fieldapp.ui.app import create_app
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.new_interview import NewInterviewDialog

    with tempfile.TemporaryDirectory(prefix="fieldapp-fit-settings-") as settings:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
        create_app(["fieldapp"])
        window = MainWindow(db)
        window.show()
        _settle()
        store = window.store
        draft = store.interviews.page(InterviewFilter(state="draft"), limit=1)[0]
        interview = window.open_interview(draft.submission_id)
        review = window.open_review()
        progress = window.open_progress()
        package = window.open_package()
        records = {r.form_id: r for r in store.forms.records()}
        new = NewInterviewDialog(list(records.values()), store.forms.load, window)
        new.show()
        windows = {
            "list": window,
            "interview": interview,
            "review": review,
            "progress": progress,
            "package": package,
            "new-interview": new,
        }
        _settle()
        problems = []
        for name, shown in windows.items():
            problems += [f"{screen} {name}: {p}" for p in _does_not_fit(shown)]
            if name in PICTURED:
                shown.grab().save(str(out / f"fit-{screen}-{name}.png"))
        for shown in reversed(windows.values()):
            shown.close()
        QApplication.processEvents()
        store.close()
    return problems


def _does_not_fit(window: Any) -> list[str]:
    """Say what of ``window`` lies outside the screen's available area or its own frame."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QStatusBar

    from fieldapp.ui.screen_fit import available_area

    area = available_area(window)
    frame = window.frameGeometry()
    problems = []
    if not area.contains(frame):
        problems.append(f"window {frame.getRect()} outside the screen {area.getRect()}")
    inside = window.rect()
    parts = [
        p
        for kind in (QAbstractButton, QAbstractItemView, QStatusBar)
        for p in window.findChildren(kind)
    ]
    for part in parts:
        if not part.isVisibleTo(window) or part.window() is not window or _scrolls(part, window):
            continue
        corner = part.mapTo(window, part.rect().bottomRight())
        origin = part.mapTo(window, part.rect().topLeft())
        if not (inside.contains(corner) and inside.contains(origin)):
            label = part.objectName() or getattr(part, "text", lambda: "")() or type(part).__name__
            problems.append(f"{label} cut off at {origin.toTuple()}–{corner.toTuple()}")
    return problems


def _scrolls(part: Any, window: Any) -> bool:
    """True inside a scroll area: there being below the fold is what scrolling is for."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = part.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
