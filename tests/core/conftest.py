"""Fixtures of the core tests (no display): a fresh store in the test's own folder."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store (no forms yet) at ``tmp_path / "field.db"``, closed after the test.

    A module that needs forms in it overrides this with a fixture of the same name that
    takes ``store`` and adds them.
    """
    with Store.open(tmp_path / "field.db") as opened:
        yield opened


@pytest.fixture
def every_row_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """De-identified exports with no group rule (k = 1): every row is written, dates as
    asked, pseudonyms kept.

    For tests of what a de-identified row holds (a canary, a cut moment): with the default
    k their few crafted interviews were left out, and a canary absent for that proved
    nothing. ``test_attack_deid_groups.py`` attacks the group rule itself.
    """
    from fieldapp.core.export import groups

    monkeypatch.setattr(groups, "DEFAULT_MIN_GROUP", 1)


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    """The child processes a lock test starts (``lock_children``), killed after it."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        child.kill()
        child.wait()
