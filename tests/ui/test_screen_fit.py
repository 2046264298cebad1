"""Every window fits a field laptop's screen (1366×768, 1280×720, at 100% and 200%)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from fieldapp.ui.screen_fit import available_area, fit_window

REPO = Path(__file__).resolve().parents[2]


def _fit_script() -> Any:
    spec = importlib.util.spec_from_file_location("fit", REPO / "docs" / "make_fit_screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIT = _fit_script()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldapp.core.demo import run_demo

    path = tmp_path_factory.mktemp("fit") / "demo.db"
    run_demo(path, 12, seed=7)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("screen", list(FIT.SCREENS))
def test_every_window_fits_the_screen_with_nothing_cut_off(
    screen: str, demo_db: Path, tmp_path: Path
) -> None:
    """The list, an interview, the review queue, progress and the dialogs, each pictured."""
    problems = FIT.run_child(demo_db, screen, tmp_path, tmp_path)
    assert problems == []
    for name in FIT.PICTURED:
        assert (tmp_path / f"fit-{screen}-{name}.png").stat().st_size > 10_000


def test_a_window_remembers_its_size_but_never_outgrows_the_screen(qtbot: Any) -> None:
    first = QWidget()
    qtbot.addWidget(first)
    fit_window(first, "test_window", (700, 500))
    assert (first.width(), first.height()) == (700, 500)
    first.show()
    first.resize(640, 420)
    first.close()
    again = QWidget()
    qtbot.addWidget(again)
    fit_window(again, "test_window", (700, 500))
    assert (again.width(), again.height()) == (640, 420)
    huge = QWidget()
    qtbot.addWidget(huge)
    area = available_area(huge)
    fit_window(huge, "huge_window", (area.width() + 400, area.height() + 400))
    assert huge.width() < area.width() and huge.height() < area.height()
    assert area.contains(huge.geometry())
