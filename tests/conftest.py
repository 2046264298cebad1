"""Run-wide settings of every test: Qt offscreen, English messages, a private forms cache."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from paths import CORPUS

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages in tests are English unless a test asks for Spanish.
os.environ.setdefault("FIELDAPP_LANG", "en")
# Compiled forms are cached in a folder of the run's own, never the user's cache. pytest-xdist's
# workers inherit the folder from the process that started them (entries are written
# atomically, so they can share it); only that process removes it.
_RUN_CACHE = "FIELDAPP_TEST_RUN_CACHE"
if not os.environ.get(_RUN_CACHE):
    os.environ[_RUN_CACHE] = tempfile.mkdtemp(prefix="fieldapp-test-cache-")
    atexit.register(shutil.rmtree, os.environ[_RUN_CACHE], True)
os.environ["FIELDAPP_CACHE_DIR"] = str(Path(os.environ[_RUN_CACHE]) / "forms")


def pytest_configure(config: pytest.Config) -> None:
    # CI sets FIELDAPP_REQUIRE_SHARED so that a missing corpus fails the run instead of
    # quietly skipping the tests that need it.
    if os.environ.get("FIELDAPP_REQUIRE_SHARED") and not CORPUS.is_dir():
        raise pytest.UsageError(f"FIELDAPP_REQUIRE_SHARED is set but {CORPUS} is absent")

