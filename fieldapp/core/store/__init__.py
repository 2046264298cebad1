"""The offline store: one SQLite file per installation, every saved state a revision.

Open it with ``Store.open(path)``. See ``interviews.Store`` for the operations and
``schema`` for the tables other areas (merge, export) read.

The names below are loaded on first use (PEP 562), so a module that needs only the
records or the first page of the list (``glance``) does not pay for sqlite-utils and the
crypto library at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from fieldapp.core.store.version import SCHEMA_VERSION, STUDY

_HOME = {
    "attachment_sha256": "content",
    "canonical_json": "content",
    "form_sha256": "content",
    "revision_content_sha256": "content",
    "DEFAULT_TIMEOUT": "database",
    "open_database": "database",
    "Store": "interviews",
    "check_submission": "interviews",
    "format_problems": "interviews",
    "show_ref": "interviews",
    "timestamp": "interviews",
    "SORT_COLUMNS": "records",
    "STATES": "records",
    "CurrentInterview": "records",
    "EventRecord": "records",
    "FormRecord": "records",
    "InterviewFilter": "records",
    "InterviewRow": "records",
    "RevisionId": "records",
    "RevisionRecord": "records",
    "State": "records",
    "SubmissionId": "records",
    "SubmissionRecord": "records",
    "SCHEMA_VERSION": "version",
    "STUDY": "version",
}
"""Each public name and the module (in this package) that defines it."""

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
