"""Stream interviews into a book: the form sheets, their repeats, ``codebook`` and ``about``.

The output is written to a temporary file beside the target and moved into place only
when complete, so a cancel or a failure never leaves a half-written export behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import hmac
import os
import secrets
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from fieldapp import __version__
from fieldapp.core import leftovers
from fieldapp.core.callbacks import CancelCheck as CancelCheck
from fieldapp.core.callbacks import Progress as Progress
from fieldapp.core.export import codebook, groups, stats
from fieldapp.core.export.book import Book, Sheet, SheetSpec
from fieldapp.core.export.cells import EXCEL_MAX_ROWS, MAX_SHEET_TITLE
from fieldapp.core.export.codebook import CodebookEntry
from fieldapp.core.export.columns import (
    COARSER_THAN_DAY,
    DATETIME_WIDTH,
    INTERVIEWER_KEY,
    CellValue,
    ChoiceVersion,
    Column,
    Kind,
    Table,
    TimePrecision,
    as_datetime,
    choices_said,
    city_choices,
    coarse_moment,
    plan_form,
    relabelled,
    resolve_language,
    top_level_key,
)
from fieldapp.core.export.csvzip import CsvZipBook
from fieldapp.core.export.said import matching_language
from fieldapp.core.export.xlsx import XlsxBook
from fieldapp.core.forms.model import LABELS_SEPARATOR, Answers, Form, QuestionType
from fieldapp.core.messages import FieldappError, Message, default_language, text, with_code
from fieldapp.core.os_reasons import os_reason
from fieldapp.core.progress import duration_minutes
from fieldapp.core.store.records import STATES
from fieldapp.core.study import ACTOR_TYPES

PROGRESS_EVERY = 100
DRAFT = groups.DRAFT
FINISHED = "finished"
"""``_state`` of a finished interview where the state itself is left out (``groups``)."""
FORMATS = (".xlsx", ".zip", ".dta", ".sav")


def _meta_columns(names: str, **kinds: Kind) -> tuple[tuple[str, Kind], ...]:
    """Return (name, kind) of each of the metadata columns ``names``, in order: text unless
    ``kinds`` says otherwise."""
    listed = names.split()
    if not kinds.keys() <= set(listed):  # a misspelt column would silently be text
        raise ValueError(f"not metadata columns: {sorted(kinds.keys() - set(listed))}")
    return tuple((name, kinds.get(name, Kind.TEXT)) for name in listed)


MAIN_META = _meta_columns(
    "_submission_id _form_version _interviewer _device _city _actor_type _started _ended "
    "_duration_min _state _review_state _review_comment _conflict",
    _started=Kind.DATETIME,
    _ended=Kind.DATETIME,
    _duration_min=Kind.DECIMAL,
    _conflict=Kind.FLAG,
)
REPEAT_META = _meta_columns("_submission_id _key _parent_key _index", _index=Kind.INTEGER)
_META_WIDTHS = {
    "_submission_id": 38.0,
    "_key": 46.0,
    "_parent_key": 46.0,
    # Wide enough for what they hold, not their names: a device id is a uuid, a city a name.
    "_device": 38.0,
    "_city": 18.0,
    "_interviewer": 14.0,
    "_actor_type": 22.0,  # "Fuerzas de seguridad" in a labels export
    "_form_version": 14.0,
    "_review_state": 14.0,
    "_review_comment": 40.0,
}


@dataclass(frozen=True)
class ExportOptions:
    labels: bool = False
    """Answers of select questions as their labels instead of their codes."""
    language: str | None = None
    """Label language ("es", "Español (es)"); None: each form's default."""
    form_ids: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    """Both inclusive, on the day the interview started."""
    deidentify: bool = False
    drafts: bool = False
    """Include drafts when no ``states`` are named (ODK and Kobo export finished ones)."""
    times: TimePrecision = "date"
    """How far a de-identified export keeps moments: the day (default) or the hour."""
    # Read when the options are made, not when this module is: tests of what a row holds
    # lower it (``every_row_written``).
    min_group: int = field(default_factory=lambda: groups.DEFAULT_MIN_GROUP)
    """A de-identified export's smallest group of interviews alike in form, city,
    interviewer, dates, state and review (``export.groups``). The CLI and the dialog take 2
    or more; 1 (every row its own group: no recoding) is for tests of what a row holds."""
    about_language: str | None = None
    """The language of ``about`` when no ``language`` is asked for: the desktop's ("es"),
    which the analyst may have chosen in the app; None: the environment's."""

    def includes(self, interview: ExportInterview) -> bool:
        if self.cities and interview.city not in self.cities:
            return False
        if self.states and interview.state not in self.states:
            return False
        if not self.states and not self.drafts and interview.state == DRAFT:
            return False
        day = interview.created_at[:10]
        if self.date_from is not None and day < self.date_from.isoformat():
            return False
        return not (self.date_to is not None and day > self.date_to.isoformat())


class ExportInterview(NamedTuple):
    """One interview as the export reads it: its submission and its current head.

    A named tuple, not a frozen dataclass: one is made per interview, and a frozen
    dataclass's ``__init__`` (a guarded ``setattr`` per field) cost 5 % of a Stata export.
    """

    submission_id: str
    form_sha256: str
    interviewer: str
    device_id: str
    city: str
    actor_type: str
    created_at: str
    saved_at: str
    state: str
    answers: Answers
    has_conflict: bool = False
    review_state: str = ""
    sealed: bool = False
    first_ended: str = ""
    """The ``end`` its first finalized revision recorded, when that revision is older than
    the head ("" otherwise, or when none could be read: the answers' ``end`` is used)."""


@dataclass(frozen=True)
class FormSource:
    """A form to export: its versions (sha256 -> Form, newest first) and interviews."""

    form_id: str
    versions: Mapping[str, Form]
    interviews: Callable[[], Iterable[ExportInterview]]


@dataclass(frozen=True)
class SheetCount:
    title: str
    """The sheet's title; continuation sheets are listed in ``continued_on``."""
    form_id: str
    repeat: str
    """The repeat's path (``mechanisms/actors``), ``""`` for the interviews sheet."""
    rows: int
    continued_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportResult:
    path: Path
    interviews: int
    sheets: tuple[SheetCount, ...]
    warnings: tuple[str, ...]
    warning_count: int
    quarantined: int = 0
    """Rows of the database set aside in quarantine, left out (the about sheet says so)."""
    recoded: tuple[Message, ...] = ()
    """What a de-identified export coarsened so that no group is smaller than k, and why
    (the moments and people, then the state if it was left out); then how many interviews
    it left out, if any (``export.groups``)."""
    left_out: int = 0
    """Interviews a de-identified export left out: no coarsening made their group k."""
    copies_same: int = 0
    """ODK Central's copies left out as the same interview as one beside them, which the
    study key showed (``export_workbook``'s ``copies_same``); the about sheet counts them."""

    def copies_same_said(self) -> Message | None:
        """Say how many of ODK Central's copies were left out as the same interview."""
        if not self.copies_same:
            return None
        return Message("export.copies_same", {"count": self.copies_same})

    def warnings_said(self) -> Message | None:
        """Say how many warnings there are and where: the about sheet, or ``about.csv``.

        A workbook holds its about as a sheet; CSV, Stata and SPSS exports as the file
        ``about.csv``, in their zip or, unpacked (``--folder``), in their folder.
        """
        if not self.warning_count:
            return None
        if self.path.is_dir():
            where = "folder"
        elif self.path.suffix.lower() == ".xlsx":
            where = "sheet"
        else:
            where = "zip"
        return Message(f"export.warnings.{where}", {"count": self.warning_count})


class ExportCancelled(FieldappError):
    def __init__(self) -> None:
        super().__init__("export.cancelled")


def book_for(path: Path, *, max_rows: int = EXCEL_MAX_ROWS, kind: str | None = None) -> Book:
    """Return the book writing ``path``'s format, judged by ``kind`` or else its name."""
    suffix = kind or path.suffix.lower()
    if suffix not in FORMATS:
        raise FieldappError("export.bad_extension", path=path)
    if suffix == ".xlsx":
        return XlsxBook(path, max_rows=max_rows)
    if suffix in stats.FORMATS:
        return stats.StatsBook(path, stats.FORMATS[suffix])
    return CsvZipBook(path)


def write_export(
    out: Path,
    sources: Sequence[FormSource],
    options: ExportOptions = ExportOptions(),
    *,
    database: str = "",
    pseudonym_key: bytes = b"",
    total: int | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
    quarantined: int = 0,
    sealed_hidden: int = 0,
    unverified_devices: bool = False,
    copies_same: frozenset[str] = frozenset(),
) -> ExportResult:
    """Write ``sources`` to ``out`` (.xlsx workbook or .zip of CSVs), atomically.

    ``sealed_hidden``: interviews of sealed forms the sources leave out because the desktop
    has no passphrase yet (``export_workbook(hide_sealed=True)``); ``about`` counts them.

    ``unverified_devices``: some interview's ``_device`` is an id no signed record vouches
    for (``quarantine.unverified_devices``); its label says so.

    ``copies_same``: ODK Central's copies the study key showed to be the interview beside
    them (``copies.sealed_same``): left out, as the app sets them aside, and counted
    (``ExportResult.copies_same``, a row of ``about``) among those the export asks for.

    ``study.dta`` or ``study.sav`` write ``study.dta.zip`` / ``study.sav.zip``: one Stata or
    SPSS file per form and per repeat (``ExportResult.path`` names it). Raises
    ``ExportCancelled`` when ``cancel`` returns True; nothing is left behind then, nor on
    any failure.
    """
    out = Path(out)
    statistics = stats.format_of(out)
    kind = statistics.suffix if statistics else out.suffix.lower()
    if kind not in FORMATS:  # refuse before touching the disk
        raise FieldappError("export.bad_extension", path=out)
    if statistics is not None:
        out = stats.archive_path(out)
        # Select answers are numbers with value labels there: the labels travel with them.
        options = replace(options, labels=False)
    if not out.parent.is_dir():
        raise FieldappError("export.no_folder", path=out, folder=out.parent)
    _check_language(sources, options)
    if options.deidentify and options.min_group < 1:
        raise FieldappError("export.bad_min_group", value=options.min_group)
    leftovers.sweep(out.parent, what="export")  # what a killed export left here
    try:
        temp = leftovers.partial_path(out, keep_suffix=True)
    except OSError as error:
        raise FieldappError("export.write_failed", path=out, error=os_reason(error)) from error
    book = book_for(temp, max_rows=max_rows, kind=kind)
    writer = _Writer(book, options, out, database, pseudonym_key, total, progress, cancel)
    writer.quarantined = quarantined
    writer.sealed_hidden = sealed_hidden
    writer.unverified_devices = unverified_devices
    writer.copies_same = copies_same
    try:
        with _spool_beside(out.parent), _collector_paused():
            result = writer.write(sources)
            book.save()
        mode = _usual_mode(out)
        leftovers.publish(temp, out)
        # Only the published file gets the usual mode: a partial one given it first and
        # then left by a kill (publish syncs to disk, which takes a while) was a whole
        # export any account could read, under a hidden name nobody looks for.
        _give_mode(out, mode)
    except OSError as error:
        book.discard()
        leftovers.discard(temp)
        raise FieldappError("export.write_failed", path=out, error=os_reason(error)) from error
    except BaseException:
        book.discard()
        leftovers.discard(temp)
        raise
    return result


_SPOOL_LOCK = threading.Lock()


@contextlib.contextmanager
def _spool_beside(folder: Path) -> Iterator[None]:
    """Keep openpyxl's and the CSV writer's spool files in the export's own folder.

    Both spool rows through ``tempfile``; in the system temp folder those rows (answers,
    perhaps unsealed with the study key) would outlive a crash there, where nobody looks.
    ``tempfile.tempdir`` is process-wide, hence the lock.
    """
    with _SPOOL_LOCK:
        previous = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield
        finally:
            tempfile.tempdir = previous


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the export builds its rows.

    A Stata or SPSS file is written from whole columns, so every row is held until the
    end: tens of thousands of lists that each full collection walked again, which cost
    more than writing the files. The export makes no reference cycles of its own;
    reference counting frees its garbage as it goes, and the collector resumes (if it
    was on) when the export ends, however it ends.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _usual_mode(out: Path) -> int | None:
    """Return the mode a plain save of ``out`` would give it: the file's own when it is
    replaced, else what the umask allows (None: the file system says no mode)."""
    try:
        return out.stat().st_mode & 0o777 if out.exists() else 0o666 & ~_umask()
    except OSError:
        return None


def _give_mode(out: Path, mode: int | None) -> None:
    """Give the published export ``mode`` (its partial file was private)."""
    if mode is None:
        return
    with contextlib.suppress(OSError):  # e.g. a filesystem without Unix modes
        os.chmod(out, mode)


def _umask() -> int:
    # Read without os.umask(), which would briefly change it for every thread.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _check_language(sources: Sequence[FormSource], options: ExportOptions) -> None:
    if not options.language or not sources:
        return
    forms = [form for source in sources for form in source.versions.values()]
    if any(resolve_language(form, options.language) for form in forms):
        return
    available = sorted({language for form in forms for language in form.languages})
    raise FieldappError(
        "export.unknown_language", language=options.language, available=", ".join(available)
    )


@dataclass
class _Output:
    """One sheet of the book: a table unified over the form's versions."""

    form_id: str
    path: str
    meta: tuple[tuple[str, Kind], ...]
    columns: list[Column] = field(default_factory=list)
    layouts: dict[str, tuple[Table, tuple[int, ...] | None]] = field(default_factory=dict)
    sheet: Sheet | None = None
    made: SheetSpec | None = None
    """The spec the sheet was made from (what each column's label adds, for the codebook)."""
    language: str = "default"
    asked_in: dict[str, list[str]] = field(default_factory=dict)
    """Header -> the form versions that have the column (for the codebook)."""

    def add_version(self, sha256: str, table: Table, version: str = "") -> None:
        index = {column.header: number for number, column in enumerate(self.columns)}
        positions = []
        for column in table.columns:
            if column.header not in index:
                index[column.header] = len(self.columns)
                self.columns.append(column)
            else:
                self._add_choices(index[column.header], column, version)
            positions.append(index[column.header])
            versions = self.asked_in.setdefault(column.header, [])
            if version and version not in versions:
                versions.append(version)
        self.layouts[sha256] = (table, tuple(positions))

    def _add_choices(self, position: int, column: Column, version: str) -> None:
        """Keep each version's choices beside the column's first (newest) ones: rows of an
        older version hold codes, and labels, that the newest may have dropped or changed."""
        first = self.columns[position]
        older = column.question.choices if column.question is not None else None
        newest = first.question.choices if first.question is not None else None
        if column.choice is not None or first.choice is not None or not older or not newest:
            return
        known = first.choice_versions or (
            ChoiceVersion(self._first_version(first.header), newest.choices, first.form),
        )
        added = ChoiceVersion(version, older.choices, column.form)
        self.columns[position] = replace(first, choice_versions=(*known, added))

    def _first_version(self, header: str) -> str:
        versions = self.asked_in.get(header)
        return versions[0] if versions else ""

    def seal(self) -> None:
        """Put the columns in form order over every version, then fix each version's layout.

        A question only an older version asked goes after the question it followed in
        that version (``profile/org_founded`` beside ``profile/org_type``), not after the
        newest version's last column, where an analyst would not look for it.
        """
        # A linked list (each header to the one after it, None first): inserting into a
        # list took seconds for a select_multiple of thousands of choices.
        following: dict[str | None, str | None] = {None: None}
        for table, _ in self.layouts.values():
            previous: str | None = None
            for column in table.columns:
                if column.header not in following:
                    following[column.header] = following[previous]
                    following[previous] = column.header
                previous = column.header
        order: list[str] = []
        header = following[None]
        while header is not None:
            order.append(header)
            header = following[header]
        by_header = {column.header: column for column in self.columns}
        self.columns = [by_header[header] for header in order]
        index = {header: number for number, header in enumerate(order)}
        identity = tuple(range(len(self.columns)))
        for sha256, (table, _) in self.layouts.items():
            positions = tuple(index[column.header] for column in table.columns)
            self.layouts[sha256] = (table, None if positions == identity else positions)

    def cells(self, sha256: str, answers: Mapping[str, Any]) -> list[CellValue]:
        table, positions = self.layouts[sha256]
        values = table.row(answers)
        if positions is None:
            return values
        row: list[CellValue] = [None] * len(self.columns)
        for position, value in zip(positions, values, strict=True):
            row[position] = value
        return row

    def append(self, sha256: str, row: list[CellValue], answers: Mapping[str, Any]) -> None:
        """Append ``row`` (its metadata cells) followed by the cells of ``answers``."""
        sheet = self.sheet
        if isinstance(sheet, stats.StatsSheet):
            # Stata and SPSS take whole columns: the sheet renders them column by column.
            sheet.append_answers(row, self.layouts[sha256], answers)
            return
        assert sheet is not None
        row.extend(self.cells(sha256, answers))
        sheet.append(row)

    def spec(
        self,
        title: str,
        labels: bool = False,
        date_note: str = "",
        people_note: str = "",
        state_note: str = "",
        hour_note: str = "",
        device_note: str = "",
    ) -> SheetSpec:
        headers = tuple(name for name, _ in self.meta) + tuple(c.header for c in self.columns)
        kinds = tuple(kind for _, kind in self.meta) + tuple(c.kind for c in self.columns)
        widths = tuple(_meta_width(name, kind, self.path) for name, kind in self.meta)
        widths += tuple(column.width for column in self.columns)
        columns = (None,) * len(self.meta) + tuple(self.columns)
        return SheetSpec(
            title,
            headers,
            kinds,
            widths,
            columns=columns,
            language=self.language,
            labels=labels,
            date_note=date_note,
            people_note=people_note,
            state_note=state_note,
            hour_note=hour_note,
            device_note=device_note,
        )


@dataclass(frozen=True)
class _Version:
    form: Form
    tables: Mapping[str, Table]
    start_key: str | None
    end_key: str | None
    language: str = "default"
    cities: Mapping[str, str] = field(default_factory=dict)
    """City code -> its label in ``language``, for ``_city`` when labels are written."""
    states: Mapping[str, str] = field(default_factory=dict)
    """State code -> its word, for ``_state`` and ``_review_state`` when labels are written."""
    actors: Mapping[str, str] = field(default_factory=dict)
    """Study actor type -> its words (``gov``: Gobierno), for ``_actor_type`` likewise."""


class _Writer:
    def __init__(
        self,
        book: Book,
        options: ExportOptions,
        out: Path,
        database: str,
        pseudonym_key: bytes,
        total: int | None,
        progress: Progress | None,
        cancel: CancelCheck | None,
    ) -> None:
        self.book = book
        self.options = options
        self.out = out
        self.database = database
        # Without a kept secret, one for this export alone: never a guessable empty key.
        self.key = pseudonym_key or (os.urandom(32) if options.deidentify else b"")
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.done = 0
        self.sealed = 0
        self.quarantined = 0  # rows the sources left out (``core.quarantine.skipped``)
        self.sealed_hidden = 0  # sealed forms' interviews left out before a passphrase
        self.unverified_devices = False  # a ``_device`` no signed record vouches for
        self.copies_same: frozenset[str] = frozenset()  # Central's copies of one beside them
        self.copies_left = 0  # those of them the export asked for, left out
        self.outputs: list[_Output] = []
        self.forms: list[Form] = []
        self.pseudonyms: dict[tuple[str, str], str] = {}
        self.export_ids: dict[str, str] = {}
        self.recoding: groups.Recoding | None = None
        self.asked_times = options.times
        self.codebook_headers: tuple[str, ...] = ()
        """The codebook's columns as written (``about`` lists them)."""

    def write(self, sources: Sequence[FormSource]) -> ExportResult:
        if self.options.deidentify:
            self._recode(sources)
        for source in sources:
            self._write_form(source)
        if self.sealed:
            self.book.warnings.add("export.warning.sealed", count=self.sealed)
        if self.sealed_hidden:
            self.book.warnings.add("export.warning.sealed_hidden", count=self.sealed_hidden)
        left_out = len(self.recoding.left_out) if self.recoding else 0
        if left_out:
            self.book.warnings.add(
                "export.warning.groups_left_out", count=left_out, k=self.options.min_group
            )
        self._write_codebook()
        counts = tuple(self._counts())
        self._write_about(counts)
        self._report()
        warnings = self.book.warnings
        return ExportResult(
            path=self.out,
            interviews=self.done,
            sheets=counts,
            warnings=tuple(message.text() for message in warnings.listed),
            warning_count=warnings.count,
            quarantined=self.quarantined,
            recoded=self._said_groups(left_out),
            left_out=left_out,
            copies_same=self.copies_left,
        )

    # --- no group smaller than k ---------------------------------------------------------

    def _recode(self, sources: Sequence[FormSource]) -> None:
        """Choose, before any row is written, how far the export coarsens (one level for
        every sheet) and which interviews it leaves out (``export.groups``)."""
        quasis = list(self._quasi_identifiers(sources))
        self.recoding = groups.recode(quasis, self.options.times, self.options.min_group)
        self.options = replace(self.options, times=self.recoding.level.times)

    def _quasi_identifiers(self, sources: Sequence[FormSource]) -> Iterator[groups.Quasi]:
        """Read every interview the export takes once, for what a package holds of it too."""
        for source in sources:
            keys = {
                sha256: (
                    top_level_key(form, QuestionType.START),
                    top_level_key(form, QuestionType.END),
                    form.version,
                )
                for sha256, form in source.versions.items()
            }
            for interview in source.interviews():
                if self.cancel is not None and self.cancel():
                    raise ExportCancelled()
                known = keys.get(interview.form_sha256)
                if known is None or not self.options.includes(interview):
                    continue
                if interview.submission_id in self.copies_same:
                    continue  # left out below, as the interview beside it: in no group
                start_key, end_key, version = known
                started, ended, duration = _moments(interview, start_key, end_key)
                decision = interview.review_state.partition(": ")[0]
                last_end = as_datetime(interview.answers.get(end_key)) if end_key else None
                yield groups.Quasi(
                    interview.submission_id,
                    (source.form_id, version, interview.city, interview.actor_type),
                    (interview.interviewer, interview.device_id),
                    started,
                    ended,
                    duration,
                    (interview.state, decision),
                    last_end if isinstance(last_end, dt.datetime) else None,
                )

    def _said_groups(self, left_out: int) -> tuple[Message, ...]:
        if self.recoding is None:
            return ()
        said = [Message(code, params) for code, params in groups.said(self.recoding)]
        if left_out:
            k = self.recoding.min_group
            said.append(Message("export.warning.groups_left_out", {"count": left_out, "k": k}))
        return tuple(said)

    # --- one form ------------------------------------------------------------------------

    def _write_form(self, source: FormSource) -> None:
        versions: dict[str, _Version] = {}
        outputs: dict[str, _Output] = {}
        for sha256, form in source.versions.items():
            self.forms.append(form)
            versions[sha256] = self._plan(source.form_id, form)
        withheld = self._withheld(source.versions) if self.options.deidentify else set()
        if not self._review:
            # When the interview was last finalized: another day than ``_ended`` once it
            # was returned and corrected, and a package holds when each finalizing was saved.
            withheld |= {("", v.end_key) for v in versions.values() if v.end_key is not None}
        for sha256, version in versions.items():
            for path, table in version.tables.items():
                if path not in outputs:
                    meta = REPEAT_META if path else self._main_meta()
                    outputs[path] = _Output(source.form_id, path, meta, language=version.language)
                if withheld:
                    kept = tuple(c for c in table.columns if (path, c.source) not in withheld)
                    table = replace(table, columns=kept)
                outputs[path].add_version(sha256, table, version.form.version)
        for path, output in outputs.items():
            output.seal()
            title = self._title(source, path)
            spec = output.spec(
                title,
                self.options.labels,
                self._date_note(Kind.DATE),
                self._people_note(),
                "export.codebook.state_finished" if self._drafts_apart else "",
                self._hour_note(),
                "export.codebook.device_unsigned" if self.unverified_devices else "",
            )
            output.sheet = self.book.add_sheet(spec)
            output.made = spec
            if self.options.labels:
                self._warn_separators(output)
            else:
                self._warn_relabelled(output)
            self.outputs.append(output)
        for interview in source.interviews():
            if self.cancel is not None and self.cancel():
                raise ExportCancelled()
            if not self.options.includes(interview):
                continue
            if interview.submission_id in self.copies_same:
                # The interview beside it is exported (as its filters take it): not twice.
                self.copies_left += 1
                if self.total:
                    self.total -= 1
                continue
            if self.recoding is not None and interview.submission_id in self.recoding.left_out:
                continue  # its repeat rows with it; the warning counts it, never names it
            planned = versions.get(interview.form_sha256)
            if planned is None:
                self.book.warnings.add(
                    "export.warning.unknown_version",
                    # Not the id in a de-identified file: it joins nothing, but names an
                    # interview of the packages.
                    submission=(
                        self._export_id(interview.submission_id)
                        if self.options.deidentify
                        else interview.submission_id
                    ),
                    sha=interview.form_sha256[:12],
                )
                continue
            self._write_interview(interview, planned, outputs)
            self.done += 1
            if self.done % PROGRESS_EVERY == 0:
                self._report()

    def _file_of(self, title: str) -> str | None:
        """Return the file a data sheet is written to in a zip or a folder ("study.csv",
        "study.dta"), or None in a workbook, where it is a sheet: about.csv said "Rows in
        sheet study" of a zip that holds no sheet (smalls3)."""
        if isinstance(self.book, stats.StatsBook):
            return f"{title}{self.book.format.suffix}"
        if isinstance(self.book, CsvZipBook):
            return f"{title}.csv"
        return None

    def _warn_at(self, code: str, title: str, **params: Any) -> None:
        """Add a warning naming a data sheet, or its file where each sheet is a file."""
        file = self._file_of(title)
        if file:
            self.book.warnings.add(f"{code}_file", file=file, **params)
        else:
            self.book.warnings.add(code, sheet=title, **params)

    def _warn_relabelled(self, output: _Output) -> None:
        """Warn where an older version's rows hold codes that meant something else then
        (a scale turned round between rounds): the codes written read alike."""
        assert output.sheet is not None
        for column in output.columns:
            by_version: dict[str, list[str]] = {}
            for code, version, older, newest in relabelled(column, output.language):
                by_version.setdefault(version, []).append(f"{code} = {older!r} → {newest!r}")
            for version, changes in by_version.items():
                self._warn_at(
                    "export.warning.relabelled",
                    output.sheet.titles[0],
                    variable=column.header,
                    version=version,
                    changes="; ".join(changes),
                )

    def _warn_separators(self, output: _Output) -> None:
        """Warn where a choice's label holds the separator a labels export writes between
        the choices of one answer: that column's cells cannot be split back."""
        assert output.sheet is not None
        for column in output.columns:
            question = column.question
            if question is None or column.choice is not None or not question.type.is_multiple:
                continue
            said = list(choices_said(column, output.language).items())
            said += [(code, older) for code, _, older, _ in relabelled(column, output.language)]
            for code, label in said:
                if LABELS_SEPARATOR in label:
                    self._warn_at(
                        "export.warning.label_separator",
                        output.sheet.titles[0],
                        variable=column.header,
                        choice=code,
                        label=label,
                        separator=LABELS_SEPARATOR,
                    )
                    break

    def _plan(self, form_id: str, form: Form) -> _Version:
        language = resolve_language(form, self.options.language)
        if language is None:
            language = resolve_language(form, None) or "default"
            self.book.warnings.add(
                "export.warning.language",
                form=form_id,
                language=self.options.language,
                used=language,
            )
        root = plan_form(
            form,
            labels=self.options.labels,
            language=language,
            deidentify=self.options.deidentify,
            times=self.options.times,
        )
        start = top_level_key(form, QuestionType.START)
        end = top_level_key(form, QuestionType.END)
        cities: dict[str, str] = {}
        states: dict[str, str] = {}
        actors: dict[str, str] = {}
        if self.options.labels:  # ``_city`` as the form's own city question shows it
            cities = {c.name: c.label(language) for c in city_choices(form)}
            # the state and the actor type beside it in the export's language; other codes,
            # and a codes export, keep the code
            said = codebook.message_language(language)
            states = _words("state", (*STATES, FINISHED), said)
            actors = _words("actor", ACTOR_TYPES, said)
        tables = {t.path: t for t in root.walk()}
        return _Version(form, tables, start, end, language, cities, states, actors)

    def _withheld(self, forms: Mapping[str, Form]) -> set[tuple[str, str]]:
        """Return the (sheet path, answer key) pairs a de-identified export leaves out of
        some version of the form: they are left out of every version.

        A question marked sensitive in a later round (an "other" text) holds the same kind
        of answer in the earlier round's interviews. By answer key, not header, so a
        select_multiple's 0/1 columns go too, whatever choices each version had.
        """
        withheld: set[tuple[str, str]] = set()
        for form in forms.values():
            plain = plan_form(form, labels=self.options.labels)
            kept = plan_form(
                form, labels=self.options.labels, deidentify=True, times=self.options.times
            )
            shown = {(t.path, c.source) for t in kept.walk() for c in t.columns}
            withheld |= {(t.path, c.source) for t in plain.walk() for c in t.columns} - shown
        return withheld

    def _title(self, source: FormSource, path: str) -> str:
        """Name a sheet (and its file) after its form, a repeat's after its form too
        (``gov-mechanisms``) whether or not other forms are exported beside it: a do-file
        or script written against one export reads the other."""
        if not path:
            return source.form_id
        name = path.rsplit("/", 1)[-1]
        # Shorten the form id, not the repeat's name, so the sheet still says what it holds.
        room = MAX_SHEET_TITLE - len(name) - 1
        return f"{source.form_id[:room]}-{name}" if room >= 3 else name

    def _write_interview(
        self, interview: ExportInterview, version: _Version, outputs: Mapping[str, _Output]
    ) -> None:
        answers = interview.answers
        if self.options.deidentify and isinstance(answers.get(INTERVIEWER_KEY), str):
            # The code in clear beside its pseudonym would undo the pseudonym.
            pseudonym = self._person("interviewer", answers[INTERVIEWER_KEY])
            answers = {**answers, INTERVIEWER_KEY: pseudonym if self._people else None}
        if interview.sealed:
            self.sealed += 1
        main = outputs[""]
        assert main.sheet is not None
        started, ended, duration = _moments(interview, version.start_key, version.end_key)
        # One column for the decision, one for its words: a cross-tab of decisions must not
        # have a category per comment.
        decision, _, comment = interview.review_state.partition(": ")
        submission_id = interview.submission_id
        moments: tuple[CellValue, CellValue] = (started, ended)
        if self.options.deidentify:
            # The id joins the row to any package; exact moments and a reviewer's words
            # about the interview identify it as surely.
            submission_id = self._export_id(submission_id)
            times = self.options.times
            moments = (coarse_moment(started, times), coarse_moment(ended, times))
            duration = None if duration is None else float(round(duration))
        meta: list[CellValue] = [
            submission_id,
            version.form.version or None,
            self._person("interviewer", interview.interviewer) if self._people else None,
            self._person("device", interview.device_id) if self._people else None,
            version.cities.get(interview.city, interview.city) or None,
            version.actors.get(interview.actor_type, interview.actor_type) or None,
            *moments,
        ]
        if self.with_duration:
            meta.append(duration)
        if self._review:
            meta += [
                version.states.get(interview.state, interview.state) or None,
                version.states.get(decision, decision) or None,
            ]
        elif self._drafts_apart:
            # Which rows are half-answered stays: a mean must be able to leave them out.
            state = DRAFT if interview.state == DRAFT else FINISHED
            meta.append(version.states.get(state, state))
        if not self.options.deidentify:
            # A reviewer's words identify the interview; a package holds its heads, and the
            # one conflict of a day's five was that interview (``export.groups``).
            meta += [comment or None, 1 if interview.has_conflict else 0]
        main.append(interview.form_sha256, meta, answers)
        root = version.tables[""]
        self._write_repeats(
            root, answers, interview.form_sha256, submission_id, submission_id, outputs
        )

    @property
    def with_duration(self) -> bool:
        """Whether the interviews sheet has ``_duration_min``: cut to the day, it does not.
        Its minutes are the gap between two moments a package holds to the second (the
        start, the finalizing): they paired a row with its interview in the package."""
        if not self.options.deidentify:
            return True
        return self.recoding.level.duration if self.recoding else self.options.times == "hour"

    @property
    def _people(self) -> bool:
        """Whether the interviewer and device pseudonyms are written."""
        return self.recoding is None or self.recoding.level.people

    @property
    def _review(self) -> bool:
        """Whether ``_state``, ``_review_state`` and the form's ``end`` are written: a
        package holds them too, so only where every group holds k with them."""
        return self.recoding is None or self.recoding.level.review

    @property
    def _drafts_apart(self) -> bool:
        """Whether ``_state`` says only draft or finished: the review is left out, and the
        export holds drafts, which an analyst must still tell from finished interviews
        (whether a row is a draft is in the group, ``groups.key``)."""
        return not self._review and self.recoding is not None and self.recoding.drafts

    def _main_meta(self) -> tuple[tuple[str, Kind], ...]:
        if not self.options.deidentify:
            return MAIN_META
        dropped = {"_review_comment", "_conflict"}
        if not self.with_duration:
            dropped.add("_duration_min")
        if not self._review:
            dropped.add("_review_state")
            if not self._drafts_apart:
                dropped.add("_state")
        kept = tuple((name, kind) for name, kind in MAIN_META if name not in dropped)
        if self.options.times == "hour":
            return kept
        return tuple((name, Kind.DATE if kind is Kind.DATETIME else kind) for name, kind in kept)

    def _export_id(self, submission_id: str) -> str:
        """Return this export's random id of an interview (the same on every sheet)."""
        found = self.export_ids.get(submission_id)
        if found is None:
            found = self.export_ids[submission_id] = f"i-{secrets.token_hex(8)}"
        return found

    def _write_repeats(
        self,
        table: Table,
        answers: Mapping[str, Any],
        form_sha256: str,
        submission_id: str,
        parent_key: str,
        outputs: Mapping[str, _Output],
    ) -> None:
        for child in table.children:
            instances = answers.get(child.key)
            if not isinstance(instances, list):
                continue
            output = outputs[child.path]
            assert output.sheet is not None
            for index, instance in enumerate(instances, 1):
                if not isinstance(instance, dict):
                    continue
                key = f"{parent_key}/{child.key}[{index}]"
                row: list[CellValue] = [submission_id, key, parent_key, index]
                output.append(form_sha256, row, instance)
                if child.children:  # a call per row saved where nothing nests (the usual)
                    self._write_repeats(child, instance, form_sha256, submission_id, key, outputs)

    def _person(self, kind: str, value: str) -> str | None:
        if not value:
            return None
        if not self.options.deidentify:
            return value
        cached = self.pseudonyms.get((kind, value))
        if cached is None:
            digest = hmac.new(self.key, f"{kind}\0{value}".encode(), hashlib.sha256)
            cached = f"{kind[:3]}-{digest.hexdigest()[:10]}"
            self.pseudonyms[(kind, value)] = cached
        return cached

    def _report(self) -> None:
        if self.progress is not None:
            self.progress(self.done, max(self.total or 0, self.done))

    # --- codebook and about --------------------------------------------------------------

    def _write_codebook(self) -> None:
        languages = self._languages()
        around: dict[int, tuple[str, ...]] = {}
        for form in self.forms:
            around.update(codebook.conditions_around(form))
        entries: list[CodebookEntry] = []
        for output in self.outputs:
            assert output.sheet is not None
            title = output.sheet.titles[0]
            spec = output.made
            assert spec is not None
            for name, kind in output.meta:
                note = spec.note(name, kind, None)
                entries.append(CodebookEntry(output.form_id, title, None, name, kind, note=note))
            for column in output.columns:
                conditions = around.get(id(column.question), ())
                asked_in = tuple(output.asked_in.get(column.header, ()))
                entries.append(
                    CodebookEntry(
                        output.form_id,
                        title,
                        column,
                        column.header,
                        column.kind,
                        conditions,
                        asked_in,
                        spec.note(column.header, column.kind, column),
                    )
                )
        marked = self._non_answers()
        headers = self.codebook_headers = codebook.headers(languages, marked)
        spec = SheetSpec(
            "codebook",
            headers,
            (Kind.TEXT,) * len(headers),
            codebook.widths(languages, marked),
            own=True,
            wrap=True,
        )
        sheet = self.book.add_sheet(spec)
        for row in codebook.rows(entries, languages, marked):
            sheet.append(row)

    def _non_answers(self) -> bool:
        """True when a form of the export marks codes as no answer (``non_answer``): the
        codebook then says which, in a column of its own."""
        return any(
            codebook.non_answer_codes(column)
            for output in self.outputs
            for column in output.columns
        )

    def _date_note(self, kind: Kind) -> str:
        """Return the code saying what a recoded date holds (the week's Monday...)."""
        times = self.options.times
        if not self.options.deidentify or kind is not Kind.DATE or times not in COARSER_THAN_DAY:
            return ""
        return f"export.codebook.date_{times}"

    def _hour_note(self) -> str:
        """Return the code saying that moments and times are cut to the hour: 08:00:00
        would read as a moment to the second, and an hour between two as a length."""
        deidentified = self.options.deidentify and self.options.times == "hour"
        return "export.codebook.time_hour" if deidentified else ""

    def _people_note(self) -> str:
        """Return the code saying why the interviewer and device columns are empty."""
        return "" if self._people else "export.codebook.people_none"

    def _languages(self) -> list[str]:
        """Return the codebook's languages: each once, by its newest version's name (an
        older round's *Español* is the newest one's *Español (es)*)."""
        languages: list[str] = []
        for form in self.forms:  # each form's versions newest first
            for language in form.languages:
                if matching_language(languages, language) is None:
                    languages.append(language)
        return languages or ["default"]

    def _counts(self) -> Iterable[SheetCount]:
        for output in self.outputs:
            assert output.sheet is not None
            titles = output.sheet.titles
            yield SheetCount(
                titles[0], output.form_id, output.path, output.sheet.rows, tuple(titles[1:])
            )

    def _copies_same_rows(self, label: Callable[..., str]) -> list[list[CellValue]]:
        """The row counting ODK Central's copies left out as the same interview: only
        where the study key showed one (claims5), so an export without it is as before."""
        if not self.copies_left:
            return []
        return [[label("copies_same"), self.copies_left, label("copies_same_note")]]

    def _write_about(self, counts: Sequence[SheetCount]) -> None:
        # In the export's language when one is asked for: an analyst who exports in English
        # on a Spanish desktop reads labels, codebook and about in one language.
        wanted = self.options.language
        lang = (
            codebook.message_language(wanted)
            if wanted
            else self.options.about_language or default_language()
        )

        def label(code: str, **params: Any) -> str:
            return text(f"export.about.{code}", lang, **params)

        options = self.options
        every = label("all")
        headers = (label("item"), label("value"), label("detail"))
        sheet = self.book.add_sheet(
            SheetSpec("about", headers, (Kind.TEXT,) * 3, (34, 60, 60), own=True, wrap=True)
        )
        rows: list[list[CellValue]] = [
            [label("exported_at"), dt.datetime.now().replace(microsecond=0), None],
            [
                label("database"),
                self.database or None,
                label("database_left_out") if options.deidentify else None,
            ],
            [label("version"), __version__, None],
            [label("values"), label("labels" if options.labels else "codes"), None],
            [label("language"), options.language or label("form_default"), None],
            [label("forms"), ", ".join(options.form_ids) or every, None],
            [label("cities"), self._cities_said() or label("all_cities"), None],
            [label("states"), _states_said(options.states, lang) or every, None],
            [label("drafts"), label(_drafts_code(options)), None],
            [label("date_from"), options.date_from, None],
            [label("date_to"), options.date_to, None],
            [
                label("deidentified"),
                label("deidentified_yes" if options.deidentify else "deidentified_no"),
                self._times_said(label) if options.deidentify else None,
            ],
            *self._groups_rows(label, lang),
            [label("interviews"), self.done, None],
            [label("quarantined"), self.quarantined, label("quarantined_note")],
            [label("sealed_hidden"), self.sealed_hidden, label("sealed_hidden_note")],
            *self._copies_same_rows(label),
            [label("times"), label("times_note"), None],
        ]
        if isinstance(self.book, CsvZipBook):
            rows.append([label("csv_text"), label("csv_text_note"), None])
            rows.append([label("csv_empty"), label("csv_empty_note"), None])
            rows.append([label("load_r"), label("load_r_note"), None])
        if isinstance(self.book, stats.StatsBook):
            rows.append([label("stats_values"), label("stats_values_note"), None])
        if codebook.NON_ANSWERS_HEADER in self.codebook_headers:
            said = "plain" if isinstance(self.book, CsvZipBook) else "xlsx"
            if isinstance(self.book, stats.StatsBook):
                said = self.book.format.suffix.lstrip(".")
            rows.append([label("non_answers"), label(f"non_answers_{said}"), None])
        columns = ", ".join(self.codebook_headers)
        rows.append([label("codebook_columns"), columns, label("codebook_columns_note")])
        for count in counts:
            detail = count.form_id + (f" / {count.repeat}" if count.repeat else "")
            if count.continued_on:
                detail += " → " + ", ".join(count.continued_on)
            file = self._file_of(count.title)
            said = label("file_rows", file=file) if file else label("sheet_rows", sheet=count.title)
            rows.append([said, count.rows, detail])
        warnings = self.book.warnings
        # Counted up to this row: the about sheet's own text is cleaned after it.
        rows.append(
            [label("replaced_characters"), warnings.replaced_characters, label("replaced_note")]
        )
        for message in warnings.listed:
            rows.append([label("warning"), message.text(lang), None])
        if warnings.count > len(warnings.listed):
            more = warnings.count - len(warnings.listed)
            rows.append([label("warning"), label("more_warnings", count=more), None])
        for row in rows:
            sheet.append(row)

    def _cities_said(self) -> str:
        """Name the cities an export took as its ``_city`` cells do, each code beside its
        name: "Ciudad Juárez (juarez)". A labels export's cells hold the name, a codes
        export's the code; the name is in the export's language (each form's default
        when none is asked), from the forms' own city question, as ``_city`` takes it."""
        names: dict[str, str] = {}
        for form in self.forms:
            language = resolve_language(form, self.options.language)
            language = language or resolve_language(form, None) or "default"
            for city in city_choices(form):
                names.setdefault(city.name, city.label(language))
        return ", ".join(with_code(names.get(c) or c, c) for c in self.options.cities)

    def _times_said(self, label: Callable[..., str]) -> str:
        """Say how far moments were asked to be kept, and that the smallest group took
        them further when it did: "kept to the day" above empty dates misled."""
        asked = label(f"deidentified_times_{self.asked_times}")
        if self.recoding is None or self.recoding.previous is None:
            return asked
        return label("deidentified_times_coarsened", asked=asked)

    def _groups_rows(self, label: Callable[..., str], lang: str) -> list[list[CellValue]]:
        """Say the smallest group and what was coarsened or left out to reach it."""
        if self.recoding is None:
            return []
        k = self.recoding.min_group
        rows: list[list[CellValue]] = [[label("min_group"), k, label("min_group_note", k=k)]]
        for code, params in groups.said(self.recoding):
            rows.append([label("recoded"), Message(code, params).text(lang), None])
        return rows


def _meta_width(name: str, kind: Kind, path: str = "") -> float:
    if kind is Kind.DATETIME:
        return DATETIME_WIDTH
    if name == "_key" and path:
        # The interview's id, then each repeat's name and [position]: a repeat's name is as
        # long as its author made it, and the _parent_key beside it is never empty.
        return max(_META_WIDTHS[name], 38.0 + len(path) + 6.0 * (path.count("/") + 1))
    return _META_WIDTHS.get(name, max(10.0, len(name) + 2.0))


def _drafts_code(options: ExportOptions) -> str:
    if options.states:
        return "drafts_named" if DRAFT in options.states else "drafts_excluded"
    return "drafts_included" if options.drafts else "drafts_excluded"


def _instant(value: Any) -> dt.datetime | None:
    """Return an ISO 8601 text as a datetime (with its offset when it has one), else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _moments(
    interview: ExportInterview, start_key: str | None, end_key: str | None
) -> tuple[dt.datetime | None, dt.datetime | None, float | None]:
    """Return the interview's ``_started``, ``_ended`` and minutes between, uncut."""
    answers = interview.answers
    return _span(
        _instant(answers.get(start_key) if start_key else None),
        interview.created_at,
        _instant(interview.first_ended) or _instant(answers.get(end_key) if end_key else None),
        interview.saved_at,
    )


def _span(
    start: dt.datetime | None,
    start_stored: str,
    end: dt.datetime | None,
    end_stored: str,
) -> tuple[dt.datetime | None, dt.datetime | None, float | None]:
    """Return ``_started``, ``_ended`` (wall clock, no offset) and the minutes between.

    The answers' own clock wins over the database's (UTC) moments, which are read only
    when the answers lack one. The minutes count real time: an ``end`` written in UTC
    after a ``start`` at -06:00 is not 6 h longer; both are shown on the clock of the
    answers so they read side by side.
    """
    # Written out rather than looped over the pair: this runs once per interview.
    zone = None
    if start is not None and start.tzinfo:
        zone = start.tzinfo
    elif end is not None and end.tzinfo:
        zone = end.tzinfo
    if start is None:
        start = _instant(start_stored)
    if end is None:
        end = _instant(end_stored)
    if zone is not None:
        start, end = _on_clock(start, zone), _on_clock(end, zone)
    # On one clock now (a fixed offset), so the wall-clock difference is the real one.
    if start is not None and start.tzinfo is not None:
        start = start.replace(tzinfo=None)
    if end is not None and end.tzinfo is not None:
        end = end.replace(tzinfo=None)
    return start, end, duration_minutes(start, end)


def _on_clock(moment: dt.datetime | None, zone: dt.tzinfo) -> dt.datetime | None:
    if moment is None or moment.tzinfo is None or moment.tzinfo == zone:
        return moment  # already on that clock (the usual case): no conversion
    return moment.astimezone(zone)


def _states_said(states: Sequence[str], language: str) -> str:
    """Name the states an export took in the about sheet's language, each code beside its
    word where they differ (the code is what ``_state`` holds in a codes export):
    "finalizada (finalized), devuelta (returned)"."""
    words = _words("state", STATES, language)
    return ", ".join(with_code(words.get(state, state), state) for state in states)


def _words(kind: str, codes: Iterable[str], language: str) -> dict[str, str]:
    """Each code's word in ``language`` (``export.state.finalized``: finalizada)."""
    return {code: text(f"export.{kind}.{code}", language) for code in codes}
