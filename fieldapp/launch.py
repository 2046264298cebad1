"""The ``fieldapp`` command's entry: opening the desktop does not build the command parser.

``fieldapp``, ``fieldapp --db FILE`` and ``fieldapp gui [--db FILE] [--check-start]`` open
the desktop straight away; anything else (other commands, ``--help``, an option spelled
otherwise, a mistake) goes to ``cli.main``, whose parser says what is wrong. The parser
and the commands' module cost the researcher's every start about 20 ms (issue 16) for
nothing when the desktop opens.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fieldapp`` with ``argv`` (default: the process's arguments)."""
    no_core_dumps()
    arguments = list(sys.argv[1:] if argv is None else argv)
    start = desktop_start(arguments)
    if start is None:
        from fieldapp.cli import main as command_line

        return command_line(arguments)
    db, check_start = start
    return guarded(lambda: open_desktop(db, check_start=check_start))


def no_core_dumps() -> None:
    """Turn core dumps off for this process, for good (the hard limit too).

    A crash (Qt, a media decoder fed a package's file) made the system write the
    process's memory to disk where cores are on (systemd-coredump, apport, ``ulimit -c``):
    the drafts key, the study's private key, answers in clear as they are typed or read.
    """
    try:
        import resource
    except ImportError:  # Windows: no core files unless an administrator asks for them
        return
    # A limit this process may not lower stays the system's own, as before.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def desktop_start(arguments: Sequence[str]) -> tuple[str | None, bool] | None:
    """Return ``(--db, --check-start)`` when ``arguments`` only open the desktop, else None.

    Only the plain spellings are taken here; the parser reads everything else, so an
    argument this does not know is never ignored.
    """
    rest = list(arguments[1:] if arguments[:1] == ["gui"] else arguments)
    db: str | None = None
    check_start = False
    while rest:
        argument = rest.pop(0)
        if argument == "--check-start" and not check_start:
            check_start = True
        elif argument == "--db" and db is None and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif argument.startswith("--db=") and db is None:
            db = argument.removeprefix("--db=")
        else:
            return None
    return db, check_start


def default_db_path() -> Path:
    """Return the default database: FIELDAPP_DB, else the platform's user data folder."""
    override = os.environ.get("FIELDAPP_DB")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("fieldapp", appauthor=False)) / "fieldapp.db"


def open_desktop(db: str | None, *, check_start: bool = False) -> int:
    """Open the desktop app on ``db`` (else the default database)."""
    problem = display_problem(os.environ, sys.platform)
    if problem is not None:
        from fieldapp.core.messages import FieldappError

        code, parameters = problem
        raise FieldappError(code, **parameters)
    from fieldapp.ui.app import run_app

    path = Path(db) if db else default_db_path()
    if check_start:
        return run_app(db_path=path, check_start=True)
    return run_app(db_path=path)


WINDOW_LIBRARIES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
}
"""The system libraries Qt's X11 window plugin (``platforms/libqxcb.so``) loads, as ``ldd``
names them, and the Debian or Ubuntu package of each (the README's list)."""
_LIBRARY_FOLDERS = (
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/lib64",
    "/lib",
)


def display_problem(
    environ: Mapping[str, str],
    platform: str,
    loadable: Callable[[str], bool] | None = None,
) -> tuple[str, dict[str, str]] | None:
    """Return the message (code, parameters) of what keeps Qt from opening a window here,
    else None.

    Qt cannot say it: without a display, or on X11 without one of the libraries its window
    plugin needs, it prints lines that name libxcb-cursor0 whichever library is missing,
    and aborts the process, a core dump where the researcher expected a window. Only Linux
    is looked at, and only when nobody chose a platform (``QT_QPA_PLATFORM``: tests).
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return None  # Qt's Wayland plugin, which needs none of the X11 libraries
    if not environ.get("DISPLAY"):
        return "cli.no_display", {}
    # Each found in the usual folders costs a stat; only one not there asks the loader
    # (ctypes costs a start 2.5 ms), which also looks where LD_LIBRARY_PATH says.
    folders = (*_bundle_folders(), *_LIBRARY_FOLDERS)
    missing = [
        name
        for name in WINDOW_LIBRARIES
        if not any(os.path.exists(os.path.join(folder, name)) for folder in folders)
        and not (loadable or _loadable)(name)
    ]
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(WINDOW_LIBRARIES[name] for name in missing))
    return "cli.missing_libraries", {"libraries": ", ".join(missing), "packages": packages}


def _bundle_folders() -> tuple[str, ...]:
    """The standalone fieldapp's own folder of libraries (PyInstaller's ``_internal``):
    the bundle brings most of these libraries along, and Qt loads them from there."""
    if not getattr(sys, "frozen", False):
        return ()
    bundled = getattr(sys, "_MEIPASS", "") or os.path.dirname(sys.executable)
    return (bundled,)


def _loadable(library: str) -> bool:
    """True when the dynamic loader finds ``library``."""
    import ctypes

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def guarded(run: Callable[[], int]) -> int:
    """Run a command; say a problem in one line on stderr, never with a traceback."""
    from fieldapp.core.messages import FieldappError

    try:
        return run()
    except FieldappError as error:
        print(f"fieldapp: {error.text()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader left (`fieldapp status | head -1`): say nothing, and keep Python's
        # final flush of stdout from failing again on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # the promise: no traceback ever reaches a user
        from fieldapp.core.messages import text

        print(f"fieldapp: {text('cli.unexpected', error=type(error).__name__)}", file=sys.stderr)
        if os.environ.get("FIELDAPP_DEBUG"):
            raise
        return 1
