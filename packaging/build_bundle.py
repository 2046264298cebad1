"""Build the standalone fieldapp a researcher runs without Python: one folder, one program.

    .venv/bin/pip install -e '.[bundle]' && .venv/bin/python packaging/build_bundle.py

writes ``dist/fieldapp/`` (``fieldapp`` or ``fieldapp.exe`` inside, with Qt, the study
forms, the style sheet and the translations). Copy the whole folder to the laptop (or zip
it). PyInstaller builds it for the system it runs on: build on Windows for Windows, on
macOS for macOS. See the README, "A standalone fieldapp".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXCLUDED = ("tkinter", "pytest", "hypothesis", "mypy", "ruff", "IPython", "matplotlib")
"""Installed beside fieldapp for its tests, never needed by the app."""


def pyinstaller_arguments(dist: Path, work: Path) -> list[str]:
    """Return PyInstaller's command line for the bundle."""
    arguments = [
        str(REPO / "packaging" / "fieldapp_main.py"),
        "--name=fieldapp",
        "--onedir",  # starts at once: a one-file bundle unpacks itself on every start
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
        f"--specpath={work}",
        # the source tree itself: an editable install's import hook is invisible to
        # PyInstaller's analysis
        f"--paths={REPO}",
        # package data (forms, style, translations) and the modules loaded on first use
        "--collect-data=fieldapp",
        "--collect-submodules=fieldapp",
        "--collect-data=pyxform",
        "--icon=NONE",  # the window icon comes from the package data at run time
    ]
    if sys.platform in ("win32", "darwin"):
        arguments.append("--windowed")  # no console window behind the app
    arguments += [f"--exclude-module={name}" for name in EXCLUDED]
    return arguments


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bundle")
    args = parser.parse_args()
    try:
        import PyInstaller.__main__
    except ImportError:
        print(
            "fieldapp: PyInstaller is not installed. Run: .venv/bin/pip install -e '.[bundle]'",
            file=sys.stderr,
        )
        return 1
    PyInstaller.__main__.run(pyinstaller_arguments(args.dist, args.work))
    program = args.dist / "fieldapp" / ("fieldapp.exe" if sys.platform == "win32" else "fieldapp")
    print(f"built {program}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
