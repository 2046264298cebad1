"""The study's bundled interview forms: which actor each one serves and where its file is.

The forms are package data (``fieldapp/study_forms``, written there by
``forms/build_forms.py``) found beside the package's own modules, as
``importlib.resources`` finds them, so a source checkout, an editable install, a wheel and
the standalone bundle all find the same files.
``FIELDAPP_FORMS`` points elsewhere, e.g. at a study's own edited copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.messages import FieldappError, text

ACTOR_TYPES = ("cso", "gov", "security", "informant")
"""The study's actors, one form each: civil society, government, security forces,
key informants."""


@dataclass(frozen=True)
class StudyForm:
    actor_type: str
    path: Path


def forms_dir() -> Path:
    """Return the folder holding the study's forms, or raise if none is found."""
    for folder in _candidates():
        if all((folder / f"{actor}.xlsx").is_file() for actor in ACTOR_TYPES):
            return folder
    raise FieldappError(
        "study.forms_missing", places=", ".join(str(folder) for folder in _candidates())
    )


def study_forms() -> list[StudyForm]:
    """Return the bundled forms, one per actor type, in the study's order."""
    folder = forms_dir()
    return [StudyForm(actor, folder / f"{actor}.xlsx") for actor in ACTOR_TYPES]


def study_form(actor_type: str) -> Path:
    """Return the form file of one actor type."""
    if actor_type not in ACTOR_TYPES:
        raise FieldappError("study.unknown_actor", actor=actor_type, actors=", ".join(ACTOR_TYPES))
    return forms_dir() / f"{actor_type}.xlsx"


def packaged_forms_dir() -> Path:
    """Return the package-data folder of the study's forms (a real folder in every install)."""
    # Every way fieldapp is installed (source, editable, wheel, PyInstaller bundle) unpacks
    # the package to disk, where importlib.resources.files("fieldapp") is the package's own
    # folder: found here without importing importlib.resources (about 5 ms of a first start).
    import fieldapp

    return Path(fieldapp.__file__).parent / "study_forms"


def _candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get("FIELDAPP_FORMS")
    if override:
        found.append(Path(override))
    found.append(packaged_forms_dir())
    return found


def actor_name(actor_type: str, language: str | None = None) -> str:
    """Return an actor type as a person reads it (``cso``: Civil society), else its code.

    The one name of each (``actor.*``): every desk, ``fieldapp status`` and the words a
    labels export writes beside ``_actor_type``.
    """
    if actor_type not in ACTOR_TYPES:
        return actor_type
    return text(f"actor.{actor_type}", language)


def actor_rank(actor_type: str) -> int:
    """Return where an actor type comes in the study's order (civil society, government,
    security forces, key informant); any other comes after them."""
    return ACTOR_TYPES.index(actor_type) if actor_type in ACTOR_TYPES else len(ACTOR_TYPES)
