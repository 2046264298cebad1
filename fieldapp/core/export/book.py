"""What the export asks of an output format: sheets to append typed rows to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from fieldapp.core.export.columns import INTERVIEWER_KEY, CellValue, Column, Kind
from fieldapp.core.messages import Message

MAX_LISTED_WARNINGS = 200
"""Warnings listed one by one in ``about``; the rest are counted."""


@dataclass(frozen=True)
class SheetSpec:
    title: str
    """The wanted title; the book makes it legal and unique."""
    headers: tuple[str, ...]
    kinds: tuple[Kind, ...]
    widths: tuple[float, ...]
    own: bool = False
    """True for the export's own sheets (``codebook``, ``about``), which keep their names."""
    columns: tuple[Column | None, ...] = ()
    """The question behind each header (None for metadata), for formats that label them."""
    language: str = "default"
    """The form language the sheet's labels are read in."""
    labels: bool = False
    """Select answers are written as their labels (in ``language``), not their codes."""
    wrap: bool = False
    """Text wraps within its column's width, top-aligned (the codebook and ``about``: an
    analyst reads their labels, logic and choice lists whole, not cut at the next column)."""
    date_note: str = ""
    """The message code saying what every date column holds when it is not the day (a
    de-identified export's week or month), for formats that label their columns."""
    people_note: str = ""
    """The message code saying why the interviewer and device columns are empty (a
    de-identified export that left their pseudonyms out), for the same formats."""
    hour_note: str = ""
    """The message code saying that every moment and time is cut to the hour (a
    de-identified export by the hour: 08:00 stands for 08:00 to 08:59)."""
    state_note: str = ""
    """The message code saying that ``_state`` holds only draft or finished (a
    de-identified export with drafts that left the review out), for the same formats."""
    device_note: str = ""
    """The message code saying that ``_device`` holds ids no signed record vouches for
    (``quarantine.unverified_devices``: an older fieldapp's laptop, or a made-up id)."""

    def note(self, header: str, kind: Kind, column: Column | None) -> str:
        """Return the code of what a column's label must add (``date_note``, ``hour_note``,
        ``people_note``, ``state_note``, ``device_note``), or "": an analyst reading an
        empty or Monday-only column in Stata, SPSS or R sees why in its label, as the
        codebook says it."""
        if self.date_note and kind is Kind.DATE:
            return self.date_note
        if self.hour_note and kind in (Kind.DATETIME, Kind.TIME):
            return self.hour_note
        if self.people_note and _person_column(header, column):
            return self.people_note
        if self.state_note and header == STATE_HEADER and column is None:
            return self.state_note
        if self.device_note and header == DEVICE_HEADER and column is None:
            return self.device_note
        return ""


DEVICE_HEADER = "_device"
"""fieldapp's column of the device that saved the interview's current version."""
STATE_HEADER = "_state"
"""fieldapp's column of the interview's state."""
PEOPLE_HEADERS = frozenset({"_interviewer", "_device"})
"""fieldapp's columns of the interviewer's and the device's pseudonyms."""


def _person_column(header: str, column: Column | None) -> bool:
    if column is None:
        return header in PEOPLE_HEADERS
    return column.question is not None and column.question.key == INTERVIEWER_KEY


@dataclass
class Warnings:
    """Problems met while writing, for ``about`` and the caller's report."""

    listed: list[Message] = field(default_factory=list)
    count: int = 0
    replaced_characters: int = 0
    """Characters no xlsx or CSV reader takes (NUL, U+FFFF, lone surrogates...), replaced."""

    def add(self, code: str, **params: Any) -> None:
        self.count += 1
        if len(self.listed) < MAX_LISTED_WARNINGS:
            self.listed.append(Message(code, params))


class Sheet(Protocol):
    @property
    def titles(self) -> list[str]:
        """The sheet's title, then those of its continuation sheets."""
        ...

    @property
    def rows(self) -> int:
        """Data rows written so far (the header not counted)."""
        ...

    def append(self, row: list[CellValue]) -> None: ...


class Book(Protocol):
    warnings: Warnings

    def add_sheet(self, spec: SheetSpec) -> Sheet: ...

    def save(self) -> None:
        """Finish the file at the path the book was made for."""
        ...

    def discard(self) -> None:
        """Drop everything written so far (cancel or failure); leave no file behind."""
        ...


def column_name(index: int) -> str:
    """Return the spreadsheet letters of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
