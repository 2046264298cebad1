"""`fieldapp` opens the desktop without its command parser, reading exactly what the parser
would; anything else still goes to the parser (issue 16: the parser cost every start)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from fieldapp import launch
from fieldapp.cli import build_parser
from fieldapp.core.messages import FieldappError

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
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # no display check: no window opens


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
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_a_display_the_desktop_says_so_in_one_line_and_creates_nothing(
    tmp_path: Path,
) -> None:
    # Qt would print its plugin lines and abort (a core dump) where a window was expected.
    bare = {k: v for k, v in os.environ.items() if k not in _DISPLAY_VARIABLES}
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is Linux's (X11 or Wayland)")
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--db", str(tmp_path / "field.db")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**bare, "FIELDAPP_LANG": "en"},
    )
    assert done.returncode == 1
    assert done.stderr.startswith("fieldapp: ") and done.stderr.count("\n") == 1
    assert "DISPLAY" in done.stderr and "fieldapp --help" in done.stderr
    assert "Traceback" not in done.stderr and "qt.qpa" not in done.stderr
    assert not (tmp_path / "field.db").exists()


_DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", ("cli.no_display", {})),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", None),
        ({}, "darwin", None),
        ({}, "win32", None),
    ],
)
def test_what_keeps_a_window_from_opening(
    environ: dict[str, str], platform: str, expected: tuple[str, dict[str, str]] | None
) -> None:
    assert launch.display_problem(environ, platform) == expected


def test_x11_without_its_libraries_names_each_missing_one_and_its_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Qt names libxcb-cursor0 whichever library is missing (the README says so): this
    # machine's check names the true ones.
    x11 = {"DISPLAY": ":0"}
    monkeypatch.setattr(launch, "_LIBRARY_FOLDERS", (str(tmp_path),))
    for name in launch.WINDOW_LIBRARIES:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "libxcb-icccm.so.4").unlink()
    (tmp_path / "libxcb-keysyms.so.1").unlink()
    asked: list[str] = []

    def absent(library: str) -> bool:
        asked.append(library)
        return False

    code, parameters = launch.display_problem(x11, "linux", absent) or ("", {})
    assert code == "cli.missing_libraries"
    assert parameters == {
        "libraries": "libxcb-icccm.so.4, libxcb-keysyms.so.1",
        "packages": "libxcb-icccm4 libxcb-keysyms1",
    }
    assert asked == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]  # the rest: a stat each
    # Where the loader finds them (LD_LIBRARY_PATH, a folder the usual ones miss): a window.
    assert launch.display_problem(x11, "linux", lambda _: True) is None
    said = FieldappError(code, **parameters).message.text("es")
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in said


def test_every_window_library_is_in_the_readme_install_line() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    install = readme[readme.index("sudo apt-get install libegl1") :].split("```")[0]
    assert set(launch.WINDOW_LIBRARIES.values()) <= set(install.replace("\\", " ").split())


def test_the_standalone_bundles_libraries_count_as_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # PyInstaller brings most of them into the bundle's _internal folder, where Qt finds
    # them and the system's loader would not: a laptop lacking them still opens a window.
    bundled = tmp_path / "_internal"
    bundled.mkdir()
    for name in launch.WINDOW_LIBRARIES:
        (bundled / name).write_bytes(b"")
    monkeypatch.setattr(launch, "_LIBRARY_FOLDERS", (str(tmp_path / "empty"),))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundled), raising=False)
    assert launch.display_problem({"DISPLAY": ":0"}, "linux", lambda _: False) is None
    (bundled / "libxcb-icccm.so.4").unlink()  # one the build machine did not have
    found = launch.display_problem({"DISPLAY": ":0"}, "linux", lambda _: False)
    assert found == (
        "cli.missing_libraries",
        {"libraries": "libxcb-icccm.so.4", "packages": "libxcb-icccm4"},
    )
