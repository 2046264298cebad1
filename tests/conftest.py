from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages in tests are English unless a test asks for Spanish.
os.environ.setdefault("FIELDAPP_LANG", "en")
# Compiled forms are cached in a folder of the run's own, never the user's cache.
_CACHE = tempfile.mkdtemp(prefix="fieldapp-test-cache-")
os.environ["FIELDAPP_CACHE_DIR"] = str(Path(_CACHE) / "forms")
atexit.register(shutil.rmtree, _CACHE, True)

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "xlsform-corpus"
STUDY_FORMS = REPO / "fieldapp" / "study_forms"
"""The study's forms as package data (``forms/build_forms.py`` writes them there)."""
BUILD_FORMS = REPO / "forms" / "build_forms.py"

SHARED_ABSENT = (
    f"needs the study's shared folder beside this checkout ({SHARED}): the public XLSForm "
    "corpus and ODK's reference engine; clone it there to run these tests"
)
needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason=SHARED_ABSENT)
"""Mark a test that reads the shared corpus: without it the test skips and says why."""


def corpus(kind: str) -> list[Path]:
    """Return the corpus forms of one kind ("valid", "invalid"), none without ../shared."""
    folder = CORPUS / kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


def pytest_configure(config: pytest.Config) -> None:
    # CI sets FIELDAPP_REQUIRE_SHARED so that a missing corpus fails the run instead of
    # quietly skipping the tests that need it.
    if os.environ.get("FIELDAPP_REQUIRE_SHARED") and not CORPUS.is_dir():
        raise pytest.UsageError(f"FIELDAPP_REQUIRE_SHARED is set but {CORPUS} is absent")
