"""The offline store: one SQLite file per installation, every saved state a revision.

Open it with ``Store.open(path)``. See ``interviews.Store`` for the operations and
``schema`` for the tables other areas (merge, export) read.

The names below are loaded on first use (PEP 562), so a module that needs only the
records does not pay for the store's modules; opening a current database reads through
plain ``sqlite3`` (``database``), and sqlite-utils and the crypto library load when a
migration, a write or a sealed record first needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fieldapp.core.forms.model import show_ref
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

_MODULES = ("records", "version", "content", "database", "interviews")
"""Where the public names are defined, lightest first: a name loads only what it needs."""

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


_ELSEWHERE = {"show_ref": "fieldapp.core.forms.model"}
"""Public names defined outside the store, loaded (as the forms' model) only when asked."""


def __getattr__(name: str) -> Any:
    if name in _ELSEWHERE:
        value = getattr(importlib.import_module(_ELSEWHERE[name]), name)
        globals()[name] = value
        return value
    if name in __all__:
        for module in _MODULES:
            value = getattr(importlib.import_module(f"{__name__}.{module}"), name, _MISSING)
            if value is not _MISSING:
                globals()[name] = value  # found directly from now on
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_MISSING = object()


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
