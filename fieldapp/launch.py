"""The ``fieldapp`` command's entry: opening the desktop does not build the command parser.

``fieldapp``, ``fieldapp --db FILE`` and ``fieldapp gui [--db FILE] [--check-start]`` open
the desktop straight away; anything else (other commands, ``--help``, an option spelled
otherwise, a mistake) goes to ``cli.main``, whose parser says what is wrong. The parser
and the commands' module cost the researcher's every start about 20 ms (issue 16) for
nothing when the desktop opens.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fieldapp`` with ``argv`` (default: the process's arguments)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    start = desktop_start(arguments)
    if start is None:
        from fieldapp.cli import main as command_line

        return command_line(arguments)
    db, check_start = start
    return guarded(lambda: open_desktop(db, check_start=check_start))


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
    from fieldapp.ui.app import run_app

    path = Path(db) if db else default_db_path()
    if check_start:
        return run_app(db_path=path, check_start=True)
    return run_app(db_path=path)


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
