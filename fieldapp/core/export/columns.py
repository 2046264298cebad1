"""The column plan of a form: which sheets an export has and how each answer becomes a cell.

A form becomes one ``Table`` for its interviews plus one child ``Table`` per repeat (nested
repeats nest). Each ``Column`` reads one question's answer and renders it as a typed cell
value: numbers as numbers, dates as ``datetime.date``, select_multiple as its value list
plus one 0/1 column per choice. Notes have no column. The plan is built once per form
version, so rendering a row is a list comprehension over prepared functions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal, TypeAlias

from fieldapp.core.export.said import (
    INSTANCE_ID_KEY,
    label_said,
    matching_language,
    own_language,
)
from fieldapp.core.forms.model import (
    IDENTIFYING_METADATA,
    LABELS_SEPARATOR,
    Choice,
    Element,
    Form,
    Group,
    Labels,
    Question,
    QuestionType,
    Repeat,
)

CellValue: TypeAlias = str | int | float | dt.date | dt.time | dt.datetime | None
Render: TypeAlias = Callable[[Any], CellValue]
DATETIME_WIDTH = 21.0
"""``yyyy-mm-dd hh:mm:ss`` is 19 characters; narrower, spreadsheets show ``###``."""
UUID_WIDTH = 38.0
"""A uuid is 36 characters: the device id the form fills holds one (as ``_device``)."""
INSTANCE_ID_WIDTH = 43.0
"""``uuid:`` and a uuid, 41 characters."""


class Kind(StrEnum):
    """What a column holds, for widths, number formats and the codebook."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    FLAG = "0/1"


CITY_KEY = "city"
"""The question that says the interview's city: its choices label ``_city``."""
INTERVIEWER_KEY = "interviewer"
"""The question the app fills with the interviewer's code: pseudonymised like ``_interviewer``."""
_NO_COLUMN = frozenset({QuestionType.NOTE, QuestionType.AUDIT})
_POINT_TYPES = frozenset({QuestionType.GEOPOINT, QuestionType.START_GEOPOINT})
GEOPOINT_PARTS = ("latitude", "longitude", "altitude", "precision")

_KIND_OF_TYPE: Mapping[QuestionType, Kind] = {
    QuestionType.INTEGER: Kind.INTEGER,
    QuestionType.DECIMAL: Kind.DECIMAL,
    QuestionType.RANGE: Kind.DECIMAL,
    QuestionType.DATE: Kind.DATE,
    QuestionType.TODAY: Kind.DATE,
    QuestionType.TIME: Kind.TIME,
    QuestionType.DATETIME: Kind.DATETIME,
    QuestionType.START: Kind.DATETIME,
    QuestionType.END: Kind.DATETIME,
}


@dataclass(frozen=True)
class ChoiceVersion:
    """The choices one version of the form gives a select, with that version's form: a
    choice's piped ``${name}`` is said as that version's question, as its rows' cells
    say it (``Higher than in [Year the mechanism began]``)."""

    version: str
    choices: tuple[Choice, ...]
    form: Form | None = field(default=None, compare=False, repr=False)

    def said(self, choice: Choice, language: str) -> str:
        """Return ``choice``'s label in ``language`` (the newest version's name for it) as
        this version's rows say it."""
        return label_said(self.form, choice.label(own_language(self.form, language)), language)


@dataclass(frozen=True)
class Column:
    header: str
    """The variable name: the question's key (``org/sectors``), ``key/choice`` for 0/1."""
    kind: Kind
    source: str
    """The answers key the column reads."""
    render: Render
    question: Question | None = None
    choice: Choice | None = None
    choice_versions: tuple[ChoiceVersion, ...] = ()
    """For a select's answer asked in several versions of the form: each version, its
    choices and its form, newest first (empty: the question's own choices are all there
    is). A study's later round drops codes (``sporadic``) or words them anew, or relabels
    the question a choice pipes in; rows of the earlier round still hold them."""
    grid: Labels | None = None
    """The title of the ``table-list`` grid the question is a row of, the question its rows
    share ("How much did you trust…?"); a row's own label says only "Army"."""
    form: Form | None = field(default=None, compare=False, repr=False)
    """The form the question is of: the labels its ``${name}`` references name
    (``said.label_said``)."""

    @property
    def width(self) -> float:
        """Return a readable column width in Excel's character units."""
        fixed = {Kind.DATE: 12.0, Kind.TIME: 10.0, Kind.DATETIME: DATETIME_WIDTH}
        if self.question is not None and self.choice is None:
            # Ids the form fills are as wide as every value, not their short names: an
            # analyst reads or copies them whole (the next cell is never empty).
            if self.question.key == INSTANCE_ID_KEY:
                return INSTANCE_ID_WIDTH
            if self.question.type is QuestionType.DEVICEID:
                return UUID_WIDTH
        if self.kind in fixed:
            return max(fixed[self.kind], min(len(self.header) + 2, 30.0))
        floor = 14.0 if self.kind is Kind.TEXT else 7.0
        return max(floor, min(len(self.header) + 2.0, 40.0))


@dataclass(frozen=True)
class Table:
    """One sheet of a form: its interviews (``repeat`` None) or the instances of a repeat."""

    path: str
    """``""`` for the interviews, else the repeat keys from the root: ``mechanisms/actors``."""
    key: str
    """The repeat's key inside its parent's answers (``org/mechanisms``); ``""`` for the root."""
    repeat: Repeat | None
    columns: tuple[Column, ...]
    children: tuple[Table, ...] = ()

    def walk(self) -> Iterator[Table]:
        """Yield this table and every repeat table below it, parents first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def row(self, answers: Mapping[str, Any]) -> list[CellValue]:
        get = answers.get
        return [render(get(source)) for render, source in self._readers]

    @property
    def _readers(self) -> tuple[tuple[Render, str], ...]:
        # Rendering is the export's inner loop: look the pairs up once per table.
        readers: tuple[tuple[Render, str], ...] | None = self.__dict__.get("_readers_cache")
        if readers is None:
            readers = tuple((column.render, column.source) for column in self.columns)
            object.__setattr__(self, "_readers_cache", readers)
        return readers


def resolve_language(form: Form, wanted: str | None) -> str | None:
    """Return the form language matching ``wanted`` ("es", "Español (es)", "español").

    Without ``wanted``: the form's default language. None when nothing matches. Another
    version's name for a language is this version's (``said.matching_language``).
    """
    if not wanted:
        if form.default_language in form.languages or not form.languages:
            return form.default_language or "default"
        return form.languages[0]
    same = matching_language(form.languages, wanted)
    if same is not None:
        return same
    folded = wanted.casefold().strip()
    for language in form.languages:
        name = language.casefold()
        code = name.rsplit("(", 1)[-1].rstrip(")").strip() if "(" in name else ""
        if folded in (name, code) or name.startswith(folded):
            return language
    return None


TimePrecision: TypeAlias = Literal["hour", "date", "week", "month", "none"]
"""How far a de-identified export keeps moments: the hour or the day as asked; the ISO
week (its Monday), the month (its first day) or nothing when a group would be too small
(``export.groups``)."""
COARSER_THAN_DAY: frozenset[TimePrecision] = frozenset({"week", "month", "none"})
"""Where a de-identified export recodes every date too, not only moments."""


def plan_form(
    form: Form,
    *,
    labels: bool = False,
    language: str | None = None,
    deidentify: bool = False,
    times: TimePrecision = "date",
) -> Table:
    """Return the interviews table of ``form`` with its repeat tables as children."""
    planner = _Planner(
        form=form,
        labels=labels,
        language=language or form.default_language,
        deid=deidentify,
        derived=derived_from_withheld(form, times) if deidentify else frozenset(),
        times=times,
    )
    return planner.table(form.root, path="", key="", repeat=None)


def is_free_text(question: Question) -> bool:
    """True when the answer is whatever someone typed, scanned or attached, not a listed
    choice: a barcode is an id card's number as surely as a typed one.

    An ``or_other`` select is not: its answer is a code (``other``); the typed text goes
    to its generated ``*_other`` text question, which is.
    """
    kind = question.type
    return kind is QuestionType.TEXT or kind is QuestionType.BARCODE or kind.is_attachment


_PLACE_TYPES = _POINT_TYPES | {QuestionType.GEOTRACE, QuestionType.GEOSHAPE}


# The types whose answers a de-identified export cuts as moments: one rule for the columns
# and for the calculations that read them (a type added to the one is in the other).
_MOMENT_TYPES = frozenset(
    kind for kind, column in _KIND_OF_TYPE.items() if column in (Kind.DATETIME, Kind.TIME)
)
_UNKEPT_FUNCTIONS = frozenset({"now", "uuid"})
"""What reads the time of day (``today()`` reads the day, which an export keeps), and
what makes an id of the interview (``once(uuid())``) that would join two exports."""


def needs_safe_mark(question: Question) -> bool:
    """True when a de-identified export keeps the answer only if the form marks the
    question ``sensitive = no``: free text, and a place (a point taken at the door is
    the person's address to a few metres)."""
    return is_free_text(question) or question.type in _PLACE_TYPES


def derived_from_withheld(form: Form, times: TimePrecision = "date") -> frozenset[str]:
    """Return the paths a de-identified export drops beyond the sensitive questions.

    - questions that *specify* a withheld one: ``org_other`` beside a sensitive ``org``,
      and any free text shown only for some answers of a withheld question (its
      ``relevant`` reads it): the name typed when the organisation is "other";
    - calculations that read a withheld or dropped answer, directly or not:
      ``concat('Hola ', ${name})`` would bring the name back; that includes free text
      left out for not being marked safe, and the ``meta/`` answers;
    - calculations that read the clock (``now()``) or a moment question (start, end, a
      date-time or a time): the export cuts moments, their text keeps the second; and
      those that make an id (``uuid()``), the same in every export; and, where dates
      are cut coarser than the day, those that read ``today()``: the interview's day.
    """
    withheld: set[str] = set()

    def visit(group: Group, inherited: bool) -> None:
        for element in group.children:
            hidden = inherited or bool(element.sensitive)
            if hidden or _identifies(element):
                withheld.add(element.path)
            if isinstance(element, Group):
                visit(element, hidden)

    visit(form.root, False)
    derived: set[str] = set()
    for question in form.questions():
        if question.path in withheld:
            continue
        folder, _, name = question.path.rpartition("/")
        relevant = question.bind.relevant
        reads = relevant.references(question.path) if relevant is not None else frozenset()
        if (name.endswith("_other") and f"{folder}/{name[: -len('_other')]}" in withheld) or (
            needs_safe_mark(question) and not reads.isdisjoint(withheld)
        ):
            derived.add(question.path)
    # Left out of the export anyway, but not withheld: safe free text may be shown for them.
    unsaid = {
        question.path
        for question in form.questions()
        if question.key.startswith("meta/")
        or question.type.is_attachment
        or (needs_safe_mark(question) and question.sensitive is not False)
    }
    # A moment is cut to the day (or hour); a calculation that reads one, or the clock,
    # holds it to the second in a text the cut never sees: `once(now())` was the start.
    unsaid |= {question.path for question in form.questions() if question.type in _MOMENT_TYPES}
    unkept = _UNKEPT_FUNCTIONS | ({"today"} if times in COARSER_THAN_DAY else set())
    calculations = []
    for question in form.questions():
        calculation = question.bind.calculation
        if calculation is None or question.path in withheld:
            continue
        if not calculation.function_names.isdisjoint(unkept):
            derived.add(question.path)
        calculations.append((question.path, calculation.references(question.path)))
    changed = True
    while changed:  # a calculation may read another calculation, in any order
        changed = False
        for path, references in calculations:
            if path not in derived and not references.isdisjoint(withheld | unsaid | derived):
                derived.add(path)
                changed = True
    return frozenset(derived)


def _identifies(element: Element) -> bool:
    if not isinstance(element, Question):
        return False
    return element.type in IDENTIFYING_METADATA or element.key == INTERVIEWER_KEY


@dataclass(frozen=True)
class _Planner:
    form: Form
    labels: bool
    language: str
    deid: bool
    derived: frozenset[str] = frozenset()
    """What a de-identified export leaves out beyond sensitive questions (see
    ``derived_from_withheld``)."""
    times: TimePrecision = "date"

    def table(self, group: Group, path: str, key: str, repeat: Repeat | None) -> Table:
        columns: list[Column] = []
        children: list[Table] = []
        self._collect(group, columns, children, path)
        return Table(path, key, repeat, tuple(columns), tuple(children))

    def _collect(
        self, group: Group, columns: list[Column], children: list[Table], path: str
    ) -> None:
        grid = grid_title(group)
        for element in group.children:
            if isinstance(element, Repeat):
                if self.deid and element.sensitive:
                    continue
                child_path = f"{path}/{element.key}" if path else element.key
                children.append(self.table(element, child_path, element.key, element))
            elif isinstance(element, Group):
                if not (self.deid and element.sensitive):
                    self._collect(element, columns, children, path)
            elif isinstance(element, Question) and self._exported(element):
                made = self.columns(element)
                columns.extend(replace(c, grid=grid or None, form=self.form) for c in made)

    def _exported(self, question: Question) -> bool:
        if question.type in _NO_COLUMN or is_label_row(question):
            return False
        if not self.deid:
            return True
        if question.key.startswith("meta/") or question.path in self.derived:
            return False  # instanceID joins a row back to any package; a display name
        if question.sensitive or question.type in IDENTIFYING_METADATA:
            return False
        if question.key == INTERVIEWER_KEY:
            return True  # pseudonymised like _interviewer
        if question.type.is_attachment:
            # Marked safe or not: the export never holds the file, and its name (the
            # researcher's, or the random one of a sealed interview) is in every package.
            return False
        # Free text names people however careful the form, a point where they live: only
        # what the form marks safe.
        return not (needs_safe_mark(question) and question.sensitive is not False)

    def columns(self, question: Question) -> list[Column]:
        kind = _KIND_OF_TYPE.get(question.type, Kind.TEXT)
        key = question.key
        if self.deid and kind in (Kind.DATETIME, Kind.TIME):
            return self._coarse_columns(question, kind)
        if self.deid and kind is Kind.DATE and self.times in COARSER_THAN_DAY:
            # The date of the interview typed (``default = today()``) is its day.
            return [Column(key, kind, key, coarsen(_RENDER[kind], self.times), question)]
        if question.type in _POINT_TYPES:
            # "lat lon alt accuracy" as typed; analysts map with the numbers, not the text.
            parts = [Column(key, Kind.TEXT, key, _as_text, question)]
            for index, part in enumerate(GEOPOINT_PARTS):
                parts.append(
                    Column(f"{key}/{part}", Kind.DECIMAL, key, _point_part(index), question)
                )
            return parts
        if question.type is QuestionType.CALCULATE:
            # ODK keeps every calculation as text; a count or a score must still add up.
            return [Column(key, Kind.TEXT, key, _as_number_if_plain, question)]
        if not question.type.is_select:
            return [Column(key, kind, key, _RENDER[kind], question)]
        choices = question.choices.choices if question.choices else ()
        # Answers written as labels say a piped ``${name}`` as the value labels do.
        names = {
            c.name: label_said(self.form, c.label(self.language), self.language) for c in choices
        }
        if not question.type.is_multiple:
            if self.labels:
                return [Column(key, Kind.TEXT, key, _select_one_labels(names), question)]
            if choices and all(_PLAIN_INTEGER.fullmatch(choice.name) for choice in choices):
                # Scales coded 1..5 (98 = don't know) are numbers to an analyst.
                return [Column(key, Kind.INTEGER, key, _code_as_int, question)]
            return [Column(key, Kind.TEXT, key, _as_text, question)]
        main = _select_multiple_labels(names) if self.labels else _select_multiple_codes
        columns = [Column(key, Kind.TEXT, key, main, question)]
        rank = question.type is QuestionType.RANK
        for choice in choices:
            flag = _rank_of(choice.name) if rank else _flag_of(choice.name)
            header = f"{key}/{choice.name}"
            kind = Kind.INTEGER if rank else Kind.FLAG
            columns.append(Column(header, kind, key, flag, question, choice))
        return columns

    def _coarse_columns(self, question: Question, kind: Kind) -> list[Column]:
        """A de-identified moment: its day, or its hour; a bare time only as its hour."""
        key = question.key
        if self.times == "hour":
            return [Column(key, kind, key, coarsen(_RENDER[kind], "hour"), question)]
        if kind is Kind.TIME:
            return []
        return [Column(key, Kind.DATE, key, coarsen(_RENDER[kind], self.times), question)]


def coarsen(render: Render, times: TimePrecision) -> Render:
    """Return ``render`` with its moment cut to the day or the hour (else nothing)."""

    def coarse(value: Any) -> CellValue:
        return coarse_moment(render(value), times)

    return coarse


def coarse_moment(value: CellValue, times: TimePrecision) -> CellValue:
    """Cut a datetime or time to the hour, or a datetime or date to the day, the week's
    Monday or the month's first day (a date); anything else: None."""
    if isinstance(value, dt.datetime):
        if times == "hour":
            return value.replace(minute=0, second=0, microsecond=0)
        value = value.date()
    if isinstance(value, dt.date):
        if times == "week":
            return value - dt.timedelta(days=value.weekday())
        if times == "month":
            return value.replace(day=1)
        return None if times == "none" else value
    if isinstance(value, dt.time):
        return value.replace(minute=0, second=0, microsecond=0) if times == "hour" else None
    return None  # an unreadable moment is text that could say anything


def grid_title(group: Group) -> Labels | None:
    """Return the title of a ``table-list`` group, the question its rows share; None for
    any other group.

    pyxform moves the title into a note (``generated_table_list_label_N``), leaves the group
    without a label and gives each row the appearance ``list-nolabel``.
    """
    rows = (c for c in group.children if isinstance(c, Question))
    if "table-list" not in group.appearance and not any(
        c.appearance.strip() == "list-nolabel" for c in rows
    ):
        return None
    if group.labels:
        return group.labels
    for child in group.children:
        if isinstance(child, Question) and child.name.startswith("generated_table_list_label"):
            return child.labels
    return None


def is_label_row(question: Question) -> bool:
    """Return True for a table-list's header row: it shows choice labels, holds no answer.

    pyxform generates one (``reserved_name_for_field_list_labels_N``) per table-list group;
    a form author writes one as a select with appearance ``label``.
    """
    return (
        question.name.startswith("reserved_name_for_field_list_labels_")
        or "label" in question.appearance.split()
    )


def walk_elements(group: Group) -> Iterator[Element]:
    """Yield the elements of ``group`` in form order, not descending into repeats."""
    for element in group.children:
        yield element
        if isinstance(element, Group) and not isinstance(element, Repeat):
            yield from walk_elements(element)


def single_choices(column: Column | None) -> tuple[Choice, ...] | None:
    """Return the choices of a column holding a select_one's whole answer (a code or its
    label; not a select_multiple's 0/1 column), else None: what gets value labels.

    Over several form versions: the newest version's choices, then each code only an
    older version lists, with that version's label (see ``all_choices``).
    """
    if column is None or column.choice is not None or column.question is None:
        return None
    question = column.question
    if not question.type.is_select or question.type.is_multiple or question.choices is None:
        return None
    return all_choices(column)


def all_choices(column: Column) -> tuple[Choice, ...]:
    """Return the choices of ``column``'s question over every version that asked it:
    the newest version's, then the codes only older versions list (newest first)."""
    own = column.question.choices.choices if column.question and column.question.choices else ()
    if not column.choice_versions:
        return own
    found: dict[str, Choice] = {}
    for listed in column.choice_versions:
        for choice in listed.choices:
            found.setdefault(choice.name, choice)
    return tuple(found.values())


def choices_said(column: Column, language: str) -> dict[str, str]:
    """Return code -> label of ``column``'s choices over every version that asked it, in
    ``all_choices``'s order, each said (``said.label_said``) with the form of the newest
    version that lists the code: a code only an older round had, as that round said it.

    A code has one value label in Stata and SPSS; the words older versions gave it are
    ``relabelled``'s."""
    if not column.choice_versions:
        own = all_choices(column)
        named = own_language(column.form, language)
        return {c.name: label_said(column.form, c.label(named), language) for c in own}
    said: dict[str, str] = {}
    for listed in column.choice_versions:
        for choice in listed.choices:
            if choice.name not in said:
                said[choice.name] = listed.said(choice, language)
    return said


def relabelled(column: Column, language: str) -> list[tuple[str, str, str, str]]:
    """Return (code, older version, its label, newest label) for each code an older
    version of the form words otherwise than the newest one does, in ``language``: each
    said with its own version's form, so a choice whose piped question was relabelled
    between rounds (``Higher than in ${ref_start}`` in both) is worded otherwise too."""
    if len(column.choice_versions) < 2:
        return []
    newest = choices_said(column, language)
    changes = []
    for listed in column.choice_versions[1:]:
        for choice in listed.choices:
            label = listed.said(choice, language)
            if label != newest[choice.name]:
                changes.append((choice.name, listed.version, label, newest[choice.name]))
    return changes


def city_choices(form: Form) -> tuple[Choice, ...]:
    """Return the choices of the form's ``city`` question (``CITY_KEY``); () without one."""
    city = next((q for q in form.questions() if q.key == CITY_KEY), None)
    return city.choices.choices if city is not None and city.choices is not None else ()


def top_level_key(form: Form, kind: QuestionType) -> str | None:
    """Return the key of the form's first ``kind`` question outside repeats (its ``end``)."""
    for element in walk_elements(form.root):
        if isinstance(element, Question) and element.type is kind:
            return element.key
    return None


# --- rendering answers as cells ----------------------------------------------------------


def _as_text(value: Any) -> CellValue:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return str(value)


_PLAIN_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
"""An integer as people write it: no leading zero (``007`` is a code), no sign ``+``."""
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?")


def _code_as_int(value: Any) -> CellValue:
    """Return a code of an all-integer choice list ("98") as its number."""
    if type(value) is str:
        try:
            return int(value)  # the export's inner loop: the plain call, no checks first
        except ValueError:
            pass
    return _as_int(value)


def _as_number_if_plain(value: Any) -> CellValue:
    """Return a text that is plainly a number (``3``, ``-1.25``) as that number."""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        return int(value) if _PLAIN_INTEGER.fullmatch(value) else float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _as_float(value)
    return _as_text(value)


def _as_float(value: Any) -> CellValue:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value if math.isfinite(value) else str(value)
    try:
        number = float(str(value).strip())
    except ValueError:
        return _as_text(value)
    return number if math.isfinite(number) else _as_text(value)


def _as_int(value: Any) -> CellValue:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    number = _as_float(value)
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def _iso_render(parse: Callable[[str], CellValue]) -> Render:
    """Render a non-empty text with ``parse``; a text it refuses stays as it is."""

    def render(value: Any) -> CellValue:
        if isinstance(value, str) and value:
            try:
                return parse(value)
            except ValueError:
                return value
        return _as_text(value)

    return render


_as_date = _iso_render(lambda text: dt.date.fromisoformat(text[:10]))
_as_time = _iso_render(lambda text: dt.time.fromisoformat(text).replace(tzinfo=None))
as_datetime = _iso_render(lambda text: dt.datetime.fromisoformat(text).replace(tzinfo=None))
"""Return an ISO 8601 text as a naive datetime, as the device's clock showed it.

Excel has no time zones: the wall-clock time of the interview is what analysts read.
"""


_RENDER: Mapping[Kind, Render] = {
    Kind.TEXT: _as_text,
    Kind.INTEGER: _as_int,
    Kind.DECIMAL: _as_float,
    Kind.DATE: _as_date,
    Kind.TIME: _as_time,
    Kind.DATETIME: as_datetime,
}


KEEPS: Mapping[Render, frozenset[type]] = {
    _as_text: frozenset({str}),
    _as_int: frozenset({int}),
    _as_float: frozenset({int}),
    _code_as_int: frozenset({int}),
}
"""Renders that return a value of these types (and None) as it is: a column holding only
such values needs no rendering (the Stata and SPSS books skip it)."""
KEEPS_FINITE: frozenset[Render] = frozenset({_as_float})
"""Renders that return any finite number (int or float) as it is."""


def _point_part(index: int) -> Render:
    def render(value: Any) -> CellValue:
        if not isinstance(value, str):
            return None
        parts = value.split()
        if index >= len(parts):
            return None
        number = _as_float(parts[index])
        return number if isinstance(number, float) else None

    return render


def _selected(value: Any) -> Sequence[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return value  # answers hold codes as text already; no copy per choice column
    if isinstance(value, tuple):
        return [str(item) for item in value]
    return [str(value)]


def _select_one_labels(names: Mapping[str, str]) -> Render:
    def render(value: Any) -> CellValue:
        if value is None or value == "":
            return None
        return names.get(str(value), str(value))

    return render


def _select_multiple_codes(value: Any) -> CellValue:
    selected = _selected(value)
    return " ".join(map(str, selected)) if selected else None


def _select_multiple_labels(names: Mapping[str, str]) -> Render:
    def render(value: Any) -> CellValue:
        selected = _selected(value)
        if not selected:
            return None
        return LABELS_SEPARATOR.join(str(names.get(name, name)) for name in selected)

    return render


def _flag_of(name: str) -> Render:
    def render(value: Any) -> CellValue:
        selected = _selected(value)
        if selected is None:
            return None
        return 1 if name in selected else 0

    return render


def _rank_of(name: str) -> Render:
    def render(value: Any) -> CellValue:
        selected = _selected(value)
        if not selected or name not in selected:
            return None
        return selected.index(name) + 1

    return render
