"""Where the tests find the checkout, the study's forms and the shared corpus.

A plain module (``tests/`` is on the path through pytest's ``pythonpath`` setting), never
imported from a conftest: ``from conftest import ...`` picks whichever conftest pytest
loaded last, so it breaks ``pytest tests/core tests/ui``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
