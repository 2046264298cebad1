"""What the store hands out: typed ids and immutable records of its rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, NewType, TypeAlias, TypedDict

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Answers

SubmissionId = NewType("SubmissionId", str)
STUDY_WIDE = SubmissionId("")
"""The submission of an event about no one interview (a target, a device, a form)."""
RevisionId = NewType("RevisionId", str)

State: TypeAlias = Literal["draft", "finalized", "approved", "returned"]
STATES: tuple[State, ...] = ("draft", "finalized", "approved", "returned")

SORT_COLUMNS = (
    "last_saved",
    "created_at",
    "instance_name",
    "city",
    "actor_type",
    "interviewer",
    "state",
    "form_id",
)
"""The columns ``store.interviews.page`` can sort on."""


VERSION_ORDER = "length(version) DESC, version DESC, sha256 DESC"
"""SQL order of a form's versions, newest first, by the form's own ``version``.

Never by ``added_at``: that is a device's clock, and a package could date a copy in 2999.
XLSForm versions are digit strings (``2025010101``), where longer is later; ties of
equal text (which pinning keeps to one key) fall to the sha256, the same on every device.
"""


def version_key(version: str, sha256: str) -> tuple[int, str, str]:
    """Return the sort key of ``VERSION_ORDER`` (sort with ``reverse=True``: newest first).

    Python compares text by code point, as SQLite's BINARY collation compares UTF-8 bytes.
    """
    return (len(version), version, sha256)


class Started(TypedDict, total=False):
    """What an interview is started with: the study's assignment (``Interviews.start``)."""

    interviewer: str
    """Who interviews; also the ``username`` ODK's metadata records."""
    city: str
    """A city code of the forms (``tijuana``)."""
    actor_type: str
    """Whom: an actor-type code (``cso``, ``gov``, ``sec``)."""
    author: str | None
    """Who writes the first revision, when not the interviewer (an import's supervisor)."""


@dataclass(frozen=True)
class FormRecord:
    """One stored form version: the exact workbook bytes live in the database."""

    sha256: str
    form_id: str
    version: str
    title: str
    filename: str
    added_at: str


@dataclass(frozen=True)
class SubmissionRecord:
    """What was known when an interview started; never changes afterwards."""

    submission_id: SubmissionId
    form_id: str
    form_sha256: str
    created_at: str
    created_on: str
    """The device id of the database the interview was started in."""
    interviewer: str
    city: str
    actor_type: str


@dataclass(frozen=True)
class RevisionRecord:
    """One saved state of an interview. Revisions are never changed or deleted."""

    revision_id: RevisionId
    submission_id: SubmissionId
    parents: tuple[RevisionId, ...]
    device_id: str
    author: str
    saved_at: str
    state: State
    answers: Answers | None
    """None when the revision is sealed for the study key."""
    sealed: bytes | None
    attachments: dict[str, str]
    """Attachment file name (as the answers name it) -> sha256 of its bytes."""
    instance_name: str | None
    content_sha256: str
    stored_attachments: dict[str, str] | None = None
    """The row's own map when opening a sealed record renamed its random file names."""


@dataclass(frozen=True)
class EventRecord:
    """A review comment, approval, return, conflict resolution...: insert-only."""

    event_id: str
    submission_id: SubmissionId
    revision_id: RevisionId | None
    kind: str
    author: str
    device_id: str
    at: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class InterviewFilter:
    """Which interviews a listing shows; every field left None matches everything.

    ``date_from``/``date_to`` bound the day the interview started (both inclusive);
    ``text`` matches part of the instance name, the interviewer code or the form's title,
    case-insensitively, or one of ``text_codes``; ``interviewer_part`` part of the
    interviewer code, likewise (``interviewer`` is the exact code).
    """

    form_id: str | None = None
    city: str | None = None
    actor_type: str | None = None
    state: State | None = None
    interviewer: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None
    conflicts_only: bool = False
    interviewer_part: str | None = None
    sealed_hidden: bool = False
    """Leave out the interviews of sealed forms: the list before the drafts passphrase."""
    text_codes: tuple[tuple[str, str], ...] = ()
    """(column, code) pairs whose label, as the list shows it, matches ``text``: the city
    ``juarez`` for "Juárez", the state ``returned`` for "devuelta". ``column`` is one of
    ``city``, ``actor_type``, ``state``; the desktop finds them, as it holds the labels."""
    submission_ids: tuple[str, ...] | None = None
    """Only these interviews (what the last merge brought: *Show what came in*); None
    matches every one."""


class InterviewRow(NamedTuple):
    """One line of the interview list (read from the derived listing cache).

    A named tuple rather than a dataclass: a page is built on every scroll and sort.
    """

    submission_id: SubmissionId
    form_id: str
    form_title: str
    actor_type: str
    city: str
    interviewer: str
    state: State
    instance_name: str | None
    created_at: str
    last_saved: str
    head_count: int
    """How many current versions it has: more than one is a conflict."""
    head_revision: RevisionId
    has_unsaved_changes: bool = False
    """True when autosaved answers wait in the working copy for the next save."""

    @property
    def has_conflict(self) -> bool:
        return self.head_count > 1


@dataclass(frozen=True)
class CurrentInterview:
    """A submission with its current head revision, as export reads it."""

    submission: SubmissionRecord
    revision: RevisionRecord
    has_conflict: bool
    answers: Answers = field(default_factory=dict)
    """The head's answers ({} when sealed: open ``revision.sealed`` with the study key)."""
