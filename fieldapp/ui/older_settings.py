"""What older versions kept per interview in the settings file, taken out of it.

The settings file (QSettings) is outside the database: never encrypted, never forgotten
at finalizing. Older versions kept there, per interview, its form language and its last
section (``interviews/<id>/language``, ``interviews/<id>/section``).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QSettings

from fieldapp.core.messages import FieldappError
from fieldapp.core.store.records import SubmissionId

OLDER_SETTINGS = "interviews"
"""The settings group older versions kept per interview (``<id>/language``, ``<id>/section``)."""


def move_interview_settings(store: Any, submission_ids: list[str] | None = None) -> None:
    """Take what older versions kept per interview out of the settings file (each one,
    or those of ``submission_ids``): in clear, outside the database and never forgotten,
    it named every interview opened on the laptop, sealed ones too, and the language it
    was held in. A language is kept in the database (``keep_form_language``) where it may
    be: an interview in clear, or a sealed draft while the drafts are unlocked; else it is
    dropped, and the interview opens in the app's language once."""
    settings = QSettings()
    settings.beginGroup(OLDER_SETTINGS)
    held = settings.childGroups()
    found = held if submission_ids is None else [sid for sid in submission_ids if sid in held]
    languages = {sid: settings.value(f"{sid}/language") for sid in found if sid}
    settings.endGroup()
    if not found:
        return  # the usual case: nothing to take out, and no write of the settings file
    for sid, language in languages.items():
        if isinstance(language, str):
            with contextlib.suppress(FieldappError):
                store.interviews.keep_form_language(SubmissionId(sid), language)
        settings.remove(f"{OLDER_SETTINGS}/{sid}")
    if submission_ids is None:
        settings.remove(OLDER_SETTINGS)
    settings.sync()
