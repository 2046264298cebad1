"""How a person reads an interview's name, the same on every desk and in the terminal.

An interview whose form computes an instance name in clear is named by it. A sealed one
keeps none in clear (the listing holds none, and must not: see
``docs/protecting-interviewees.md``), and an interview of a form without ``instance_name``
has none: both are named by what the list's columns already show beside them, its actor
type in the reader's language, its city and the day it started ("Fuerzas de seguridad ·
Tijuana · 2026-06-05"), so the name tells nothing the row does not.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from fieldapp.core.study import ACTOR_TYPES, actor_name

if TYPE_CHECKING:
    from fieldapp.core.store import InterviewRow, Store, SubmissionId

CITY_NAMES = {
    "juarez": "Ciudad Juárez",
    "monterrey": "Monterrey",
    "nuevo_laredo": "Nuevo Laredo",
    "tijuana": "Tijuana",
}
"""The study's cities as every desk names them (the codes are what the store keeps)."""

SEPARATOR = " · "


def city_name(code: str) -> str:
    """Return a study city as a person reads it, else its code."""
    return CITY_NAMES.get(code, code)


def short_time(value: object) -> str:
    """Show a stored timestamp as local "YYYY-MM-DD HH:MM", as every desk's *Started* and
    *Last saved* columns show it; a value that is no timestamp stays as it is."""
    if value is None or value == "":
        return ""
    moment: object = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime("%Y-%m-%d %H:%M")
    return str(moment)


def start_day(created_at: str) -> str:
    """Return the local day an interview started (``YYYY-MM-DD``), as its *Started* column
    shows it; a value that is no timestamp stays as it is."""
    shown = short_time(created_at)
    return shown[:10] if shown != created_at else shown


def interview_name(
    instance_name: str | None,
    *,
    actor_type: str,
    city: str,
    created_at: str,
    form_title: str = "",
    language: str | None = None,
) -> str:
    """Return the name a person reads for an interview.

    ``instance_name`` is the one in clear (None or empty for a sealed interview, or a form
    without one); the rest are the listing's own codes. A form of no study actor is said
    by its title in place of the actor.
    """
    if instance_name:
        return instance_name
    kind = actor_name(actor_type, language) if actor_type in ACTOR_TYPES else form_title
    return SEPARATOR.join(part for part in (kind, city_name(city), start_day(created_at)) if part)


def row_name(row: InterviewRow, language: str | None = None) -> str:
    """Return :func:`interview_name` of a line of the listing."""
    return interview_name(
        row.instance_name,
        actor_type=row.actor_type,
        city=row.city,
        created_at=row.created_at,
        form_title=row.form_title,
        language=language,
    )


def listed_name(store: Store, submission_id: SubmissionId, language: str | None = None) -> str:
    """Return the name the list gives one interview (its line of the listing), for a
    heading or a terminal's line that names it as the list does."""
    from fieldapp.core.store import InterviewFilter

    listed = store.interviews.page(InterviewFilter(submission_ids=(submission_id,)), limit=1)
    if listed:
        return row_name(listed[0], language)
    submission = store.interviews.submission(submission_id)  # not listed yet: as it started
    return interview_name(
        None,
        actor_type=submission.actor_type,
        city=submission.city,
        created_at=submission.created_at,
        language=language,
    )
