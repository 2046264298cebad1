"""`fieldapp` opens the desktop without its command parser, reading exactly what the parser
would; anything else still goes to the parser (issue 16: the parser cost every start)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from fieldapp import launch
from fieldapp.cli import build_parser

OPENS_THE_DESKTOP = [
    [],
    ["gui"],
    ["--db", "field.db"],
    ["--db=field.db"],
    ["--db="],
    ["gui", "--db", "other folder/field.db"],
    ["--check-start"],
    ["gui", "--check-start", "--db", "field.db"],
    ["--db", "field.db", "--check-start"],
]


def _desktop_is(monkeypatch: pytest.MonkeyPatch, run_app: Callable[..., int]) -> None:
    """Stand in for the Qt app (tests/core needs no display)."""
    monkeypatch.setitem(sys.modules, "fieldapp.ui.app", SimpleNamespace(run_app=run_app))


@pytest.mark.parametrize("arguments", OPENS_THE_DESKTOP)
def test_the_desktop_opens_on_what_the_parser_would_have_read(arguments: list[str]) -> None:
    parsed = build_parser().parse_args(["gui", *[a for a in arguments if a != "gui"]])
    assert launch.desktop_start(arguments) == (parsed.db, parsed.check_start)


@pytest.mark.parametrize(
    "arguments",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["gui", "--help"],
        ["--db"],  # the parser says the file is missing
        ["--db", "--check-start"],
        ["--db", "a.db", "--db", "b.db"],  # the parser's rule decides which one
        ["--check-start", "--check-start"],
        ["--check", "--db", "a.db"],  # an abbreviation: the parser's to expand
        ["--db", "a.db", "status"],
        ["gui", "gui"],
        ["status", "--db", "a.db"],
        ["nonsense"],
    ],
)
def test_anything_else_is_left_to_the_parser(arguments: list[str]) -> None:
    assert launch.desktop_start(arguments) is None


def test_the_desktop_opens_on_the_named_or_default_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[tuple[Path, bool]] = []

    def run_app(db_path: Path, check_start: bool = False) -> int:
        opened.append((db_path, check_start))
        return 0

    _desktop_is(monkeypatch, run_app)
    monkeypatch.setenv("FIELDAPP_DB", str(tmp_path / "default.db"))
    assert launch.main(["--db", str(tmp_path / "a.db"), "--check-start"]) == 0
    assert launch.main([]) == 0
    assert opened == [(tmp_path / "a.db", True), (tmp_path / "default.db", False)]


def test_a_failure_opening_the_desktop_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def run_app(db_path: Path, check_start: bool = False) -> int:
        raise RuntimeError("boom")

    _desktop_is(monkeypatch, run_app)
    monkeypatch.delenv("FIELDAPP_DEBUG", raising=False)
    assert launch.main(["--db", str(tmp_path / "a.db")]) == 1
    said = capsys.readouterr().err
    assert said.startswith("fieldapp: ") and "Traceback" not in said and "boom" not in said
    assert said.count("\n") == 1


def test_help_and_commands_still_reach_the_parser() -> None:
    done = _fieldapp("--help")
    assert done.returncode == 0 and "COMMAND" in done.stdout
    done = _fieldapp("--db")
    assert done.returncode == 2 and "--db" in done.stderr


def _fieldapp(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_opening_the_desktop_does_not_load_the_command_parser(tmp_path: Path) -> None:
    script = (
        "import sys, types\n"
        "run_app = lambda db_path, check_start=False: 0\n"
        "sys.modules['fieldapp.ui.app'] = types.SimpleNamespace(run_app=run_app)\n"
        "from fieldapp.launch import main\n"
        f"assert main(['--db', {str(tmp_path / 'a.db')!r}]) == 0\n"
        "print(sorted(m for m in ('argparse', 'fieldapp.cli') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
