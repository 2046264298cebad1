"""Drafts the last session left open: fieldapp stopped while they were being typed.

A draft's working copy lives from the first answer of a sitting to the revision that
closing its window (or saving, packaging, finalizing) makes of it, and the desktop closes
every interview window before it quits. A working copy found when the desktop starts is
therefore an interview that was open when the laptop lost power, its battery ran out or
fieldapp was killed. Everything typed in it is there (autosave is on disk before the
window says "Saved"); the researcher is told so, and which interviews they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.core.store.records import SubmissionId, SubmissionRecord

if TYPE_CHECKING:
    from fieldapp.core.store import Store


@dataclass(frozen=True)
class InterruptedDrafts:
    """The interviews left open, newest typing first, and how many of them are not named."""

    named: tuple[SubmissionRecord, ...]
    hidden: int
    """Left open, but of a sealed form while its drafts are locked: counted, not named."""


def interrupted_drafts(store: Store) -> InterruptedDrafts:
    """Return the drafts whose answers wait in a working copy (none after a clean quit).

    Before the drafts passphrase, a sealed form's interview is only counted: its city,
    actor and day are what the locked list keeps off the screen.
    """
    rows = store.conn.execute(
        "SELECT submission_uuid FROM working_copies ORDER BY updated_at DESC, submission_uuid"
    ).fetchall()
    hides = store.keys.hides_sealed()
    named: list[SubmissionRecord] = []
    hidden = 0
    for (submission_id,) in rows:
        sid = SubmissionId(submission_id)
        if hides and store.keys.is_sealed(sid):
            hidden += 1
        else:
            named.append(store.interviews.submission(sid))
    return InterruptedDrafts(tuple(named), hidden)
