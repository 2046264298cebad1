"""ODK's audit log for forms that ask for one (an ``audit`` question in the survey).

ODK Collect writes a CSV attachment named ``audit.csv`` and puts its name in the
``meta/audit`` field: one row per event, ``event,node,start,end``, times in milliseconds
since the epoch. On a laptop fieldapp logs what its session sees: the form started or
resumed, each answer change (a ``question`` row whose start and end are the moment of the
change: the screen shows every question of a section at once, so there is no single
question "on screen" to time), repeat entries added and deleted, and the interview saved,
finalized or closed. Reopening an interview continues its log, as Collect does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime

from fieldapp.core.forms.model import Form, Question, QuestionType

AUDIT_FILE = "audit.csv"
HEADER = ("event", "node", "start", "end")


def audit_question(form: Form) -> Question | None:
    """Return the form's ``audit`` question, if it asks for a log (looked up once)."""
    caches = form.caches
    if caches.audit is None:
        found = None
        for element in form.walk():
            if isinstance(element, Question) and element.type is QuestionType.AUDIT:
                found = element
                break
        caches.audit = (found,)
    return caches.audit[0]


def milliseconds(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class AuditLog:
    """The rows of one interview's audit log, earlier ones (from ``earlier``) first."""

    def __init__(self, earlier: bytes | None = None) -> None:
        self.rows: list[tuple[str, str, str, str]] = []
        if earlier:
            self.rows = _read(earlier)

    def add(self, event: str, moment: datetime, node: str = "", *, timed: bool = False) -> None:
        """Log ``event`` at ``moment``; ``timed`` events (a question) also get an end.

        Changes following each other on one question (typing, word by word) make one row
        from the first change to the last, as Collect logs one visit to a question."""
        stamp = str(milliseconds(moment))
        if timed and self.rows:
            last = self.rows[-1]
            if last[0] == event and last[1] == node and last[3]:
                self.rows[-1] = (event, node, last[2], stamp)
                return
        self.rows.append((event, node, stamp, stamp if timed else ""))

    def events(self) -> list[str]:
        return [row[0] for row in self.rows]

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(self.rows)
        return buffer.getvalue().encode("utf-8")


def _read(content: bytes) -> list[tuple[str, str, str, str]]:
    """Return the rows of an earlier log; a damaged one is kept as far as it reads."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return []
    rows: list[tuple[str, str, str, str]] = []
    for index, row in enumerate(csv.reader(io.StringIO(text))):
        if index == 0 and tuple(row[:4]) == HEADER:
            continue
        cells: Sequence[str] = [*row, "", "", "", ""][:4]
        rows.append((cells[0], cells[1], cells[2], cells[3]))
    return rows
