"""Compiled forms shared by every Store of the process, keyed by their content hash.

A form version never changes (its sha256 covers the workbook and its choice files), so
once compiled it serves every Store opened later in the same run: the window's, the
export's and the merge's threads, each review view. The cache lives in memory only:
nothing is written to disk, so nothing is ever unpickled from a place another account
could write. Forms are immutable (frozen dataclasses), so sharing one is safe.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Form

_FORMS: dict[str, Form] = {}
_LOCK = threading.Lock()


def cached_form(sha256: str) -> Form | None:
    """Return the form compiled earlier in this process for ``sha256``, if any."""
    with _LOCK:
        return _FORMS.get(sha256)


def remember_form(sha256: str, form: Form) -> None:
    """Keep ``form`` for every later Store of this process."""
    with _LOCK:
        _FORMS[sha256] = form
