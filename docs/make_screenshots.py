"""Render the README's screenshots offscreen: the list, a form page, the devices desk, en and es.

    .venv/bin/python docs/make_screenshots.py [--interviews 40] [--out docs/screenshots]

Fills a throw-away database with ``fieldapp demo`` interviews of the study forms, opens the
real windows with Qt's offscreen platform and saves PNGs. Nothing of the user's is read:
settings and the database live in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=40)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--db", type=Path, help="use this demo database instead of a new one")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as folder:
        keep_settings_in(folder)
        db_path = args.db or Path(folder) / "demo.db"
        if args.db is None:
            write_demo(db_path, args.interviews)
        for language in ("en", "es"):
            shoot(db_path, language, args.out)
    return 0


def keep_settings_in(folder: str) -> None:
    """Point the windows' QSettings at ``folder``: the user's own settings stay untouched."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def write_demo(db_path: Path, interviews: int) -> None:
    from fieldapp.core.demo import run_demo

    print(f"writing {interviews} demo interviews…", file=sys.stderr)
    run_demo(db_path, interviews, seed=7)


def settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()


def save(widget: object, path: Path) -> None:
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(f"wrote {path}", file=sys.stderr)


def shoot(db_path: Path, language: str, out: Path) -> None:
    import shiboken6

    from fieldapp.ui import i18n
    from fieldapp.ui.app import create_app
    from fieldapp.ui.main_window import MainWindow

    create_app()
    i18n.apply_language(language)
    settle()
    window = MainWindow(db_path)
    window.resize(*SIZE)
    window.show()
    settle()
    window.table.selectRow(1)
    settle()
    save(window, out / f"interviews-{language}.png")

    desk = window.open_devices()  # Review › Devices and integrity…, on a field laptop's screen
    desk.resize(1366 - 16, 768 - 40)
    settle()
    desk.table.selectRow(1)
    settle()
    save(desk, out / f"devices-{language}.png")
    desk.close()

    draft = next(
        (
            window.model.row_at(n)
            for n in range(window.model.rowCount())
            if window.model.row_at(n).state == "draft"
        ),
        window.model.row_at(0),
    )
    interview = window.open_interview(draft.submission_id)
    interview.resize(SIZE[0], SIZE[1] + 60)
    settle()
    view = interview.view
    wanted = ("security", "seguridad")
    for number, section in enumerate(view.sections):
        if section.group is not None and section.group.name in wanted:
            view.go(number)
            break
    settle()
    page = view.pages.currentWidget()
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())  # the trust table
    settle()
    save(interview, out / f"form-{language}.png")

    if interview.session.problems():  # what a refused Finalize shows, without writing
        view.reveal_all = True
        view.refresh_all()
        interview.show_problems()
        settle()
        save(interview, out / f"finalize-{language}.png")
    for child in list(window.interview_windows.values()):
        child.editable = False  # a screenshot must not write a revision on close
        child.close()
    window.close()
    store = window.store
    shiboken6.delete(window)  # gone before the next language is installed
    settle()
    store.close()


if __name__ == "__main__":
    sys.exit(main())
