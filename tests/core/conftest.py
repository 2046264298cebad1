"""Fixtures of the core tests (no display): a fresh store in the test's own folder."""

from __future__ import annotations

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
