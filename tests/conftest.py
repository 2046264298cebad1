from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Messages in tests are English unless a test asks for Spanish.
os.environ.setdefault("FIELDAPP_LANG", "en")

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "xlsform-corpus"
STUDY_FORMS = REPO / "fieldapp" / "study_forms"
"""The study's forms as package data (``forms/build_forms.py`` writes them there)."""
BUILD_FORMS = REPO / "forms" / "build_forms.py"
