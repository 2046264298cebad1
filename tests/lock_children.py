"""Helpers of the lock tests (``leftovers``' partial files, staging folders, player's
folders): runs started in a child process that hold their lock until killed, a live
process unrelated to fieldapp, and a process id no process has."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldapp.core import leftovers

NOT_RUNNING = 2**22 + 4321
"""A process id above Linux's highest: no process here has it."""


def start(
    children: list[subprocess.Popen[str]], code: str, *args: str
) -> tuple[subprocess.Popen[str], Path]:
    """Start ``code`` (which prints a path, then sleeps) with ``args`` in a child process of
    this worktree's fieldapp; return it (killed by the ``children`` fixture) and the path."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(leftovers.__file__).parents[2],
    )
    children.append(child)
    assert child.stdout is not None
    return child, Path(child.stdout.readline().strip())


def sleeper(children: list[subprocess.Popen[str]]) -> int:
    """A live process unrelated to fieldapp (as one a restart gave the id to)."""
    other = subprocess.Popen(["sleep", "600"], text=True)
    children.append(other)
    return other.pid
