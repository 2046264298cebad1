"""Start the desktop app: the database, Qt (style sheet, language, error hook), the window.

Qt loads after the database is open: from its first import on, PySide6 reads the source
of every module imported after it (looking for "PySide6"), and the store's modules
(sqlite-utils and the migrations on a new database) need no Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import os_reason

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from fieldapp.core.store import Store
    from fieldapp.ui.main_window import MainWindow

Opened = tuple["Store | None", "FieldappError | None"]
"""A database opened for the window: the store, or None and what went wrong."""


def create_app(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, configured once: names, style, style sheet, language."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui import i18n

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("fieldapp")
    QCoreApplication.setApplicationName("fieldapp")
    # No system dialog (a message box on macOS, a file dialog): the idle lock can only
    # empty Qt's own, and the system's would stay on a locked screen showing what it says.
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    if app.style().name().lower() != "fusion":  # already it where Qt has no native style
        app.setStyle("Fusion")  # the same look on every system (a second style: ~5 ms)
    icon = QPixmap()
    if icon.loadFromData(i18n.resource_bytes("fieldapp.svg"), "SVG"):  # no format probing
        app.setWindowIcon(QIcon(icon))
    app.setStyleSheet(i18n.resource_bytes("style.qss").decode("utf-8"))
    i18n.apply_language()
    return app


def bundled_form_files() -> list[Path]:
    """Return the study's XLSForms shipped as package data (or FIELDAPP_FORMS)."""
    from fieldapp.core.study import study_forms

    return [form.path for form in study_forms()]


def open_store(path: Path) -> Store:
    """Open (or create) a database; a database without forms gets the bundled study forms."""
    from fieldapp.core.store import Store

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FieldappError("store.cannot_open", path=str(path), reason=os_reason(error)) from None
    from fieldapp.ui import desk_lock

    desk_lock.take(path)  # a second fieldapp on this file is refused before it reads it
    try:
        store = Store.open(path)
    except BaseException:
        desk_lock.release(path)
        raise
    if not list(store.forms.records()):
        from fieldapp.core.store.database import transaction
        from fieldapp.core.study import forms_dir, packaged_forms_dir

        # The forms fieldapp ships passed `fieldapp forms check` in its tests: the first
        # start skips pyxform's XForm output for them (a study's own copy is checked).
        shipped = forms_dir() == packaged_forms_dir()
        # One transaction: the four forms are there, or none is. Lost to a power cut,
        # they are added again here at the next start: the commit need not wait for the disk.
        with transaction(store.opened, redone_if_lost=True):
            for form_file in bundled_form_files():
                store.forms.add(form_file, check_xform=not shipped)
    return store


def open_or_error(path: Path) -> Opened:
    """Open the database at ``path`` for the window: the store, or None and what failed."""
    try:
        return open_store(path), None
    except FieldappError as error:
        return None, error


def run_app(db_path: Path, check_start: bool = False) -> int:
    """Start the desktop app on ``db_path`` and run until its window closes.

    In order: the database (opened, created or refused); Qt (style sheet, language, error
    hook); the main window on that database (list, filters, menus, status bar); shown;
    once the list is painted, the locks (drafts passphrase, idle lock, Unlock with study
    key…).

    ``check_start``: instead of the locks, print how many interviews are listed and end
    the process there (exit 1 if the database could not open): see ``end_check``.
    """
    from fieldapp.core.leftovers import sweep_play_folders

    kept = sweep_play_folders()  # what a killed run handed the system's player
    opened = open_or_error(Path(db_path))
    error = opened[1]
    if check_start and error is not None:
        raise error  # said on one line, exit 1 (the window would wait on its dialog)
    app = create_app()
    from fieldapp.ui.errors import install_excepthook, show_error
    from fieldapp.ui.main_window import MainWindow

    if error is not None and error.code == "ui.database_in_use":
        show_error(None, error)  # the other window is the one to use: no second, empty one
        return 1

    install_excepthook()
    window = MainWindow(Path(db_path), opened=opened)
    window.show()
    if check_start:
        if kept:
            print(f"fieldapp: {kept_text(kept)}", file=sys.stderr)
        window.first_painted.connect(lambda: app.exit(report_start(window)))
    else:
        window.first_painted.connect(lambda: install_locks(window, kept))
    code = int(app.exec())
    if check_start:
        end_check(code)
    return code


def install_locks(window: MainWindow, kept: list[Path] | None = None) -> None:
    from fieldapp.ui.interrupted import tell_interrupted
    from fieldapp.ui.lock import install_locks

    def after_unlock() -> None:
        tell_interrupted(window)
        if kept:
            from fieldapp.ui.errors import show_error

            show_error(window, FieldappError("ui.play_leftovers_kept", folders=_folders(kept)))

    # after the passphrase: only then may a sealed form's interview be named
    install_locks(window, then=after_unlock)


def kept_text(kept: list[Path]) -> str:
    """Say which of a killed run's player folders could not be removed."""
    from fieldapp.core.messages import text

    return text("ui.play_leftovers_kept", folders=_folders(kept))


def _folders(kept: list[Path]) -> str:
    return ", ".join(str(folder) for folder in kept)


def end_check(code: int) -> NoReturn:
    """End a ``--check-start`` run at once with ``code``, as a probe of the start should.

    Nothing is left to save: every write of the store is committed and synced to disk
    (``synchronous=FULL``), and the next opening reads its -wal as SQLite does after any
    stop. What is skipped is teardown, no part of starting: Python's and Qt's (about
    30 ms of CPU) and the store's closing checkpoint (a first start's 300 KB of forms
    written again and synced: 1 to 15 ms, more on a busy disk). The bare window that
    ``benchmarks/ui_open.py`` measures the start against ends the same way.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def report_start(window: MainWindow) -> int:
    """Say how many interviews the started window lists; the exit code of ``--check-start``."""
    from fieldapp.core.messages import text

    if window.store is None:
        return 1
    print(text("ui.check_start", count=window.model.total, path=str(window.db_path)))
    return 0
