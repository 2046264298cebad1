"""The offline store: one SQLite file per installation, every saved state a revision.

Open it with ``Store.open(path)``. See ``interviews.Store`` for the operations and
``schema`` for the tables other areas (merge, export) read.
"""

from fieldapp.core.store.content import (
    attachment_sha256,
    canonical_json,
    form_sha256,
    revision_content_sha256,
)
from fieldapp.core.store.database import DEFAULT_TIMEOUT, open_database
from fieldapp.core.store.interviews import (
    Store,
    check_submission,
    format_problems,
    show_ref,
    timestamp,
)
from fieldapp.core.store.records import (
    SORT_COLUMNS,
    STATES,
    CurrentInterview,
    EventRecord,
    FormRecord,
    InterviewFilter,
    InterviewRow,
    RevisionId,
    RevisionRecord,
    State,
    SubmissionId,
    SubmissionRecord,
)
from fieldapp.core.store.schema import SCHEMA_VERSION, STUDY

__all__ = [
    "DEFAULT_TIMEOUT",
    "SCHEMA_VERSION",
    "SORT_COLUMNS",
    "STATES",
    "STUDY",
    "CurrentInterview",
    "EventRecord",
    "FormRecord",
    "InterviewFilter",
    "InterviewRow",
    "RevisionId",
    "RevisionRecord",
    "State",
    "Store",
    "SubmissionId",
    "SubmissionRecord",
    "attachment_sha256",
    "canonical_json",
    "check_submission",
    "form_sha256",
    "format_problems",
    "open_database",
    "revision_content_sha256",
    "show_ref",
    "timestamp",
]
