"""Stata (.dta, release 118) and SPSS (.sav) exports: one labelled file per sheet, zipped.

The book collects each sheet's rows, then writes every form and repeat as its own data
file through pyreadstat, with variable labels in the export's language, value labels for
select_one answers and for the 0/1 columns of select_multiple, and dates and times as the
format's own date types. Variable names are made valid and unique for the format; the
export's own name (the workbook's header, the full path) stays in the label when it had to
change, and in the codebook's ``name`` column. The codebook and ``about`` travel in the
same zip as CSV files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from fieldapp.core import leftovers
from fieldapp.core.export.book import MAX_LISTED_WARNINGS, SheetSpec, Warnings
from fieldapp.core.export.cells import clean_text, sheet_title
from fieldapp.core.export.codebook import message_language, note_said, variable_label
from fieldapp.core.export.columns import (
    KEEPS,
    KEEPS_FINITE,
    CellValue,
    Column,
    Kind,
    Render,
    Table,
    choices_said,
    single_choices,
)
from fieldapp.core.export.csvzip import CsvSheet
from fieldapp.core.export.spss_columns import display_width, measure
from fieldapp.core.messages import FieldappError, text

NAME_COLUMN = "name"
"""The codebook column (in the zip's ``codebook.csv``) giving each variable's name in file."""
MISSING_COLUMN = "missing_in_file"
"""The codebook column giving, for codes the form marks as no answer, what the file holds:
SPSS the numbers declared user-missing, Stata the letter of each (``97 = .a``)."""
VALUES_COLUMN = "values"
"""The codebook column giving the number each text code of a select_one has in the file
(``1 = yes``): the codes the form's logic and the team use are not in the data file."""


@dataclass(frozen=True)
class StatsFormat:
    """What one statistics format accepts: names, label lengths, date formats."""

    suffix: str
    max_name: int
    """Characters (all ASCII here) of a variable name."""
    max_label: int
    """Bytes (UTF-8) of a variable label."""
    max_value_label: int
    """Bytes (UTF-8) of one value label."""
    labelled_values: range | None
    """The whole numbers a value label can be given, None for any."""
    reserved: frozenset[str]
    """Names the format keeps for itself, casefolded."""
    underscore_prefix: str
    """What replaces a leading ``_`` (fieldapp's own columns: ``_city``); "" keeps it."""
    date_formats: Mapping[Kind, str]
    """Display formats that make an empty column of that kind a date column all the same."""
    typed_date_formats: Mapping[Kind, str]
    """What pyreadstat gives a column of date objects: the files read back the same."""
    max_variables: int | None = None
    """Columns one file holds, None for no limit fieldapp could reach."""


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _dates(date: str, moment: str, clock: str) -> Mapping[Kind, str]:
    return {Kind.DATE: date, Kind.DATETIME: moment, Kind.TIME: clock}


_STATA_DATES = _dates("%td", "%tc", "%tcHH:MM:SS")
STATA = StatsFormat(
    suffix=".dta",
    max_name=32,
    max_label=80,
    max_value_label=32_000,
    # Stata labels whole numbers of 4 bytes only, the top 27 being its missing values.
    labelled_values=range(-2_147_483_647, 2_147_483_620 + 1),
    reserved=_words(
        "_all _b byte _coef _cons double float if in int long _n _pi _pred _rc _skip strl "
        "using with"
    ),
    underscore_prefix="",
    date_formats=_STATA_DATES,
    typed_date_formats=_STATA_DATES,
    max_variables=32_767,  # format 118's; Stata/BE itself opens 2,048 at most
)
SPSS = StatsFormat(
    suffix=".sav",
    max_name=64,
    max_label=255,
    max_value_label=120,
    labelled_values=None,
    reserved=_words("all and by eq ge gt le lt ne not or to with"),
    # SPSS names start with a letter; ``meta_city`` leaves ``city`` to the question.
    underscore_prefix="meta_",
    date_formats=_dates("DATE11", "DATETIME20", "TIME8"),
    typed_date_formats=_dates("DATE", "DATETIME", "TIME"),
)
FORMATS: Mapping[str, StatsFormat] = {STATA.suffix: STATA, SPSS.suffix: SPSS}
STATA_VERSION = 14
"""pyreadstat's ``version=14`` writes release 118: UTF-8 text, Stata 14 and later."""
STATA_STRL_BYTES = 2045
"""Text of this many UTF-8 bytes or more pyreadstat stores as a ``strL``: Stata's widest
``str#`` is ``str2045``, but pyreadstat writes 2045 bytes already as a ``strL``."""
STATA_NARROWEST_TEXT = 9
"""The narrowest display format Stata gives text: ``%9s`` for ``str1`` to ``str9`` and
for every ``strL``."""


def archive_path(out: Path) -> Path:
    """Return the zip a Stata or SPSS export of ``out`` is written to (``study.dta.zip``)."""
    name = out.name
    if name.lower().endswith(".zip"):
        return out
    return out.with_name(name + ".zip")


def format_of(out: Path) -> StatsFormat | None:
    """Return the statistics format ``out`` names (``x.dta``, ``x.sav.zip``), else None."""
    name = out.name.lower()
    if name.endswith(".zip"):
        name = name[: -len(".zip")]
    return FORMATS.get(Path(name).suffix)


# --- names and labels --------------------------------------------------------------------

_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]+")
_OWN_NAME = re.compile(r"(?<![A-Za-z0-9_])_[a-z_]+")
"""A name of fieldapp's own columns (``_submission_id``) in the text of a label."""
_INTEGER = re.compile(r"-?[0-9]+")
_OWN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,8})")
"""A text code that is a number as people write it (``97``, not ``097``): it keeps it."""


def code_numbers(codes: Sequence[str], allowed: range | None = None) -> dict[str, int]:
    """Number a select_one's text codes for Stata and SPSS: a code that is itself a number
    keeps it, the others take 1, 2, 3... in the list's order, skipping those kept.

    The study's lists say "refused" and "don't know" as 97 and 98 beside words (``yes``,
    ``no``, ``97``, ``98``) as in its scales: numbered in order they were 3 and 4 here and
    97 and 98 there, so ``mvdecode`` (Stata) or ``MISSING VALUES`` (SPSS) on 97/98, as the
    forms' README says, missed every such answer outside the scales.
    """
    kept = {code: int(code) for code in codes if _own_number(code, allowed)}
    taken = set(kept.values())
    numbers: dict[str, int] = {}
    for code in codes:
        numbers[code] = kept[code] if code in kept else _first_free(taken)
        taken.add(numbers[code])
    return numbers


def next_code_number(code: str, taken: set[int], allowed: range | None = None) -> int:
    """Number a code only the data holds (an older version's) as ``code_numbers`` would:
    its own number where it is one and free, else the first free one (not max + 1: after
    98 that is 99, "not applicable")."""
    if _own_number(code, allowed) and int(code) not in taken:
        return int(code)
    return _first_free(taken)


def _own_number(code: str, allowed: range | None) -> bool:
    return bool(_OWN_NUMBER.fullmatch(code)) and (allowed is None or int(code) in allowed)


def _first_free(taken: set[int]) -> int:
    """Return the smallest number from 1 up that ``taken`` does not hold."""
    number = 1
    while number in taken:
        number += 1
    return number


def variable_names(
    headers: Sequence[str],
    fmt: StatsFormat,
    limits: Sequence[int] | None = None,
    choices: Sequence[bool] | None = None,
) -> list[str]:
    """Return a valid name for each header, unique within the file (ignoring case).

    The full path (``org/sectors/police`` -> ``org_sectors_police``) when it fits, else
    the longest tail of it that fits, so the name keeps the most specific part. Columns
    of one group or one select_multiple drop the same leading parts, so that a wildcard
    (Stata's ``gov_levels_*``) takes all of them, not only those short enough to keep the
    group's name. ``limits`` lowers the length allowed for some headers (value labels).

    ``choices`` marks the 0/1 columns of a select_multiple (``question/choice``): their
    name keeps the question's, cut short if need be (``mech_interm_church``), as a choice
    code alone (``none``, ``v97``) says nothing of its question; and a question's own name
    goes to the question (``sectors_other``, the "other" it specifies), not to the 0/1
    column of a choice that happens to spell the same.
    """
    most = list(limits) if limits is not None else [fmt.max_name] * len(headers)
    flags = list(choices) if choices is not None else [False] * len(headers)
    paths = [[part for part in header.split("/") if part] or [header] for header in headers]
    tails = [
        [_clean("_".join(parts[start:]), fmt) for start in range(len(parts))] for parts in paths
    ]
    dropped: dict[tuple[str, ...], int] = {}
    for parts, cleaned, room in zip(paths, tails, most, strict=True):
        fits = next((start for start, tail in enumerate(cleaned) if len(tail) <= room), None)
        if fits is not None:  # a name too long on its own is cut, and decides nothing
            family = tuple(parts[:-1])
            dropped[family] = max(dropped.get(family, 0), fits)
    stems = _question_stems(paths, most, flags, dropped, fmt)
    taken: set[str] = set()
    names = [""] * len(headers)
    # Questions and fieldapp's own columns first: a 0/1 column yields a name they spell.
    for number in sorted(range(len(headers)), key=flags.__getitem__):
        parts, room = paths[number], most[number]
        family = tuple(parts[:-1])
        stem = stems.get(family) if flags[number] else None
        if stem is not None:
            base = f"{stem}_{_fold(parts[-1])}"[:room]
        else:
            base = tails[number][dropped.get(family, len(parts) - 1)][:room]
        name = base
        count = 1
        while name.casefold() in taken:
            count += 1
            suffix = f"_{count}"
            name = base[: room - len(suffix)] + suffix
        taken.add(name.casefold())
        names[number] = name
    return names


_SHORTEST_STEM = 4
"""Characters of a question's name worth keeping before a choice (``mech_church``)."""


def _question_stems(
    paths: Sequence[Sequence[str]],
    most: Sequence[int],
    flags: Sequence[bool],
    dropped: Mapping[tuple[str, ...], int],
    fmt: StatsFormat,
) -> dict[tuple[str, ...], str]:
    """Return, for each select_multiple whose 0/1 columns would keep only the choice, the
    question's name cut so that ``name_choice`` fits for every choice of it."""
    rooms: dict[tuple[str, ...], int] = {}
    longest: dict[tuple[str, ...], int] = {}
    for parts, room, flag in zip(paths, most, flags, strict=True):
        family = tuple(parts[:-1])
        if flag and family and dropped.get(family, 0) > len(family) - 1:
            rooms[family] = min(rooms.get(family, room), room)
            longest[family] = max(longest.get(family, 0), len(_fold(parts[-1])))
    stems: dict[tuple[str, ...], str] = {}
    for family, room in rooms.items():
        stem = _clean(family[-1], fmt)[: room - 1 - longest[family]].rstrip("_")
        if len(stem) >= _SHORTEST_STEM:
            stems[family] = stem
    return stems


def _fold(wanted: str) -> str:
    """Return ``wanted`` in the characters a name may hold (``año`` -> ``ano``)."""
    folded = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode("ascii")
    return _NOT_IN_NAME.sub("_", folded)


def _clean(wanted: str, fmt: StatsFormat) -> str:
    name = _fold(wanted)
    if fmt.underscore_prefix and name.startswith("_"):
        name = fmt.underscore_prefix + name.lstrip("_")
    if not name or name[0].isdigit():
        name = "v" + name
    if name.casefold() in fmt.reserved or re.fullmatch(r"str[0-9]+", name, re.IGNORECASE):
        name += "_"
    return name


def fit_label(label: str, path: str, limit: int, keep: str = "") -> str:
    """Return ``label keep [path]`` within ``limit`` UTF-8 bytes, cutting ``label`` first.

    Stata's labels hold 80 characters: the question's wording is cut before the choice it
    is about (``keep``) and the path the name came from. A path too long to leave a few
    words of the question goes before the choice does (the codebook's ``name`` column
    gives it): "¿Qué impidió que … — Distrust of the police", not a label cut mid-question.
    """
    tail = f"{keep} [{path}]" if path else keep
    if len((label + tail).encode()) <= limit:
        return label + tail
    for kept in (tail, keep) if path else (tail,):
        room = limit - len(kept.encode()) - len(" …".encode())
        if room >= 8:
            return _cut(label, room) + " …" + kept
    # A choice's words near the limit on their own: a few of the question's, then theirs.
    return _cut(_cut(label, 24) + " …" + keep, limit)


def _cut(value: str, limit: int) -> str:
    return value.encode()[:limit].decode("utf-8", "ignore")


# --- the book ----------------------------------------------------------------------------

ROWS_TYPED_AT_ONCE = 10_000
"""Rows a data file holds as answers before typing them into its columns: memory stays near
that of the typed columns (a tenth of the answers' Python objects for numbers), and larger
pieces type no faster."""


Convert = Callable[[CellValue], Any]


@dataclass
class _Variable:
    header: str
    name: str
    label: str
    kind: Kind
    codes: dict[str, int] | None = None
    """Text codes of a select_one, numbered in the order of its choice list."""
    value_labels: dict[int, str] = field(default_factory=dict)
    non_answers: dict[int, str] = field(default_factory=dict)
    """The numbers in the file of the codes the form marks as no answer, with each code:
    SPSS's user-missing values, Stata's ``.a``, ``.b``... (``StatsBook.letters``)."""
    text_bytes: int = 0
    """The UTF-8 bytes of the longest text typed so far: the ``str#`` Stata stores it in."""
    untyped: list[str] = field(default_factory=list)
    """Cells that did not fit the kind (their start), to warn about once all are typed."""
    untyped_more: int = 0
    """Such cells past the warnings ``about`` lists: counted only."""


class StatsSheet:
    """One data file: rows kept until the book writes them with pyreadstat."""

    def __init__(self, book: StatsBook, title: str, spec: SheetSpec) -> None:
        self._book = book
        self.titles = [title]
        self.rows = 0
        self._rows: list[list[CellValue]] = []
        self._plans: list[_Plan | None] = []
        self._plan_of: dict[int, _Plan] = {}
        self._meta = next(
            (n for n, column in enumerate(spec.columns) if column is not None),
            len(spec.columns) if spec.columns else len(spec.headers),
        )
        """The metadata columns first: the cells ``append_answers`` is given as they are."""
        self._data: dict[str, Any] | None = None
        self._formats: dict[str, str] = {}
        fmt = book.format
        if fmt.max_variables is not None and len(spec.headers) > fmt.max_variables:
            raise FieldappError(
                "export.stats_too_wide",
                format=fmt.suffix,
                sheet=title,
                columns=f"{len(spec.headers):,}",
                most=f"{fmt.max_variables:,}",
            )
        columns = spec.columns or (None,) * len(spec.headers)
        self.variables: list[_Variable] = []
        for header, kind in zip(spec.headers, spec.kinds, strict=True):
            self.variables.append(_Variable(header, header, "", kind))
        for variable, column in zip(self.variables, columns, strict=True):
            self._plan_values(variable, column, spec.language)
        self._pieces: list[list[Any]] = [[] for _ in self.variables]
        """Each column's typed parts, one per ``ROWS_TYPED_AT_ONCE`` rows."""
        # pyreadstat names a value label set after its variable plus a counter, and Stata
        # allows 32 characters there too: a labelled variable leaves room for the counter.
        room = len(str(sum(1 for v in self.variables if v.value_labels)))
        limits = [fmt.max_name - room if v.value_labels else fmt.max_name for v in self.variables]
        choices = [column is not None and column.choice is not None for column in columns]
        names = variable_names(spec.headers, fmt, limits, choices)
        # "_submission_id or the outer _key" in a label names them as this file does
        # (SPSS's meta_submission_id): fieldapp's own columns are renamed alike.
        own = {h: n for h, n in zip(spec.headers, names, strict=True) if h.startswith("_")}
        for variable, name, column in zip(self.variables, names, columns, strict=True):
            label, keep = variable_label(column, variable.header, spec.language)
            # A de-identified export's Monday or first of the month is no day, an empty
            # interviewer no missing answer: said in the label Stata and SPSS show, kept
            # whole when the label is cut.
            keep += note_said(spec.note(variable.header, variable.kind, column), spec.language)
            if column is None and own:
                label = _OWN_NAME.sub(lambda found: own.get(found[0], found[0]), label)
            path = variable.header if name != variable.header else ""
            variable.name = name
            variable.label = fit_label(label, path, fmt.max_label, keep)

    def _plan_values(self, variable: _Variable, column: Column | None, language: str) -> None:
        limit = self._book.format.max_value_label
        if variable.kind is Kind.FLAG:
            lang = message_language(language)
            no, yes = ("not_chosen", "chosen") if column is not None else ("no", "yes")
            variable.value_labels = {
                0: _cut(text(f"export.stats.{no}", lang), limit),
                1: _cut(text(f"export.stats.{yes}", lang), limit),
            }
            return
        choices = single_choices(column)
        if column is None or choices is None:
            return
        # An older version's code in its own words: its ``${name}`` as its question.
        said = choices_said(column, language)
        labels = {c.name: _cut(said[c.name], limit) for c in choices}
        if variable.kind is Kind.INTEGER:
            # An older version's text code in a column of numbers stays unlabelled text
            # (warned about when written), as the newest version's codes decide the kind.
            # A code Stata cannot label (3000000000) stays unlabelled, its label in the
            # codebook: one such code made pyreadstat refuse the whole file.
            numbered = (
                (int(name), label) for name, label in labels.items() if _INTEGER.fullmatch(name)
            )
            allowed = self._book.format.labelled_values
            variable.value_labels = {
                code: label for code, label in numbered if allowed is None or code in allowed
            }
            variable.non_answers = {
                int(c.name): c.name
                for c in choices
                if c.non_answer
                and _INTEGER.fullmatch(c.name)
                and int(c.name) in variable.value_labels
            }
        elif variable.kind is Kind.TEXT:
            allowed = self._book.format.labelled_values
            variable.codes = code_numbers([choice.name for choice in choices], allowed)
            variable.value_labels = {variable.codes[name]: label for name, label in labels.items()}
            variable.non_answers = {variable.codes[c.name]: c.name for c in choices if c.non_answer}

    def append(self, row: list[CellValue]) -> None:
        """Append a whole row of cells."""
        self._rows.append(row)
        self._plans.append(None)
        self.rows += 1
        if len(self._rows) >= ROWS_TYPED_AT_ONCE:
            self._type_rows()

    def append_answers(
        self, meta: list[CellValue], layout: Layout, answers: Mapping[str, Any]
    ) -> None:
        """Append a row: its metadata cells, then ``answers`` as ``layout`` places them.

        Only the answers the columns read are taken (a lookup each, in C); they are
        rendered when the book is written, a column at a time, each distinct value once.
        """
        plan = self._plan_of.get(id(layout))
        if plan is None:
            plan = self._plan_of[id(layout)] = _Plan(layout, len(self.variables) - self._meta)
        meta.extend(map(answers.get, plan.sources))
        self._rows.append(meta)
        self._plans.append(plan)
        self.rows += 1
        if len(self._rows) >= ROWS_TYPED_AT_ONCE:
            self._type_rows()

    def prepare(self) -> None:
        """Turn the rows into typed columns, warning about cells that do not fit their type.

        Called before ``about`` is written, so that its warnings list these too.
        """
        if self._data is not None:
            return
        import numpy as np
        import pandas as pd

        if self._rows or not self.rows:  # the rest, or none at all: empty typed columns
            self._type_rows()
        self._plan_of = {}
        self._data = {}
        for variable, pieces in zip(self.variables, self._pieces, strict=True):
            if len(pieces) == 1:
                series = pieces.pop()
            else:
                dtype = pieces[0].dtype
                series = pd.Series(np.concatenate([p.to_numpy() for p in pieces]), dtype=dtype)
                pieces.clear()
            self._data[variable.name] = series
            # Told in the order of the columns, as if the rows had been typed at once.
            for value in variable.untyped:
                self._book.warnings.add(
                    "export.warning.stats_untyped",
                    file=f"{self.titles[0]}{self._book.format.suffix}",
                    column=variable.header,
                    value=value,
                    kind=str(variable.kind),
                )
            self._book.warnings.count += variable.untyped_more
            variable.untyped, variable.untyped_more = [], 0
            whole_kind = variable.codes or variable.kind in _WHOLE_KINDS
            if self._book.format is SPSS and whole_kind and variable.name not in self._formats:
                whole = _whole_number_format(series)
                if whole:
                    self._formats[variable.name] = whole

    def _type_rows(self) -> None:
        """Type the rows held so far into a piece of each column, and let the rows go.

        A sheet of 100,000 interviews held as rows of answers took 450 MB; typed (numbers
        as doubles, each distinct rendering once), a tenth of that per column of numbers.
        """
        count = len(self._rows)
        grouped: dict[int, tuple[_Plan | None, list[int]]] = {}
        for number, plan in enumerate(self._plans):
            grouped.setdefault(id(plan), (plan, []))[1].append(number)
        groups = []
        for plan, numbers in grouped.values():
            rows = self._rows if len(numbers) == count else [self._rows[n] for n in numbers]
            groups.append((plan, numbers, list(zip(*rows, strict=True))))
        # the columns replace the rows: one copy in memory, not two
        self._rows, self._plans = [], []
        typed_formats = self._book.format.typed_date_formats
        for number, variable in enumerate(self.variables):
            typed = self._typed_once(number, variable, groups[0]) if len(groups) == 1 else None
            if typed is None:
                typed = self._series(variable, self._gather(number, count, groups))
            series, date_format = typed
            if series.dtype == object:
                cleaned = self._cleaned(series)
                if cleaned is not series:  # a character replaced: the bytes it takes changed
                    self._measure(variable, cleaned.to_numpy())
                series = cleaned
            self._pieces[number].append(series)
            # A piece of empty dates says so; one date anywhere makes it a column of dates.
            if date_format and self._formats.get(variable.name) != typed_formats[variable.kind]:
                self._formats[variable.name] = date_format
        for plan in self._plan_of.values():
            plan.forget()

    def _cleaned(self, series: Any) -> Any:
        """Return text ``series`` with the characters the workbook and CSV replace replaced
        too, counted for ``about``: ReadStat ends a text at a NUL, so ``a\\x00b`` was
        written ``a``, without a word."""
        texts = series.to_numpy()
        try:
            joined = "".join(texts)
        except TypeError:  # not all text: look at each
            joined = None
        if joined is not None and clean_text(joined)[1] == 0:
            return series  # the usual case, looked at in C
        cleaned = texts.copy()
        for position, value in enumerate(texts):
            if isinstance(value, str):
                cleaned[position], replaced = clean_text(value)
                self._book.warnings.replaced_characters += replaced
        return type(series)(cleaned, dtype=object, copy=False)

    def _gather(
        self,
        number: int,
        count: int,
        groups: Sequence[tuple[_Plan | None, list[int], list[tuple[Any, ...]]]],
    ) -> Sequence[CellValue]:
        """Return the cells of column ``number``, each version of the form rendering its own."""
        cells: list[CellValue] = [None] * count
        for plan, numbers, columns in groups:
            part: Sequence[CellValue]
            if plan is None or number < self._meta:  # cells as they were appended
                part = columns[number]
            else:
                found = plan.columns[number - self._meta]
                if found is None:
                    continue  # a version without this question: missing, as in the workbook
                column, source = found
                part = plan.rendered(column, source, columns[self._meta + source])
            if len(numbers) == count:
                return part
            for row, cell in zip(numbers, part, strict=True):
                cells[row] = cell
        return cells

    def _typed_once(
        self,
        number: int,
        variable: _Variable,
        group: tuple[_Plan | None, list[int], list[tuple[Any, ...]]],
    ) -> tuple[Any, str] | None:
        """Return column ``number`` of rows of one form version as ``_series`` would, typing
        each distinct answer once and placing the results with numpy, or None where only
        the cell by cell way gives the same file (mixed types; cells that do not fit their
        type, which are warned about one by one).
        """
        import numpy as np
        import pandas as pd

        plan, _, columns = group
        render: Render | None = None
        column: Column | None = None
        source = -1
        if plan is None or number < self._meta:
            values: Sequence[Any] = columns[number]
        else:
            found = plan.columns[number - self._meta]
            if found is None:
                return None
            column, source = found
            values = columns[self._meta + source]
            render = column.render
        types = set(map(type, values))
        types.discard(type(None))
        if render is not None and _kept(render, types, values):
            render = None
        kind = variable.kind
        if render is None and variable.codes is None:
            # Typed already (the usual case for numbers and text): converted in C.
            if kind in _NUMBER_KINDS and types <= {int, float}:
                try:
                    return pd.Series(np.array(values, dtype=np.float64), copy=False), ""
                except OverflowError:  # an integer no double holds: warned about by _series
                    return None
            if kind is Kind.TEXT and types <= {str}:
                strings = ["" if v is None else v for v in values]
                self._measure(variable, strings)  # ids and typed text: nearly all distinct
                return pd.Series(strings, dtype=object), ""
        if _mixed(types, column, values):
            return None
        factors = (
            _factors(values, values) if plan is None or source < 0 else plan.factors(source, values)
        )
        if factors is None:
            return None
        distinct, inverse = factors
        cells = distinct if render is None else [render(value) for value in distinct]
        typed = self._typed_distinct(variable, cells)
        if typed is None:
            return None
        found_values, date_format = typed
        if kind is Kind.TEXT and variable.codes is None:
            self._measure(variable, found_values)
            texts = np.empty(len(found_values), dtype=object)
            texts[:] = found_values
            return pd.Series(texts[inverse], dtype=object, copy=False), date_format
        numbers = np.array(found_values, dtype=np.float64)[inverse]
        return pd.Series(numbers, copy=False), date_format

    def _typed_distinct(
        self, variable: _Variable, cells: list[CellValue]
    ) -> tuple[list[Any], str] | None:
        """Return the distinct ``cells`` as ``_series`` types them, or None when one does not
        fit the column's kind (``_series`` warns about each such cell)."""
        kind = variable.kind
        if variable.codes is not None:
            return self._numbered(variable, cells), ""
        types = set(map(type, cells))
        types.discard(type(None))
        if kind in _NUMBER_KINDS:
            if not types <= {int, float}:
                return None
            try:
                numbers = cast(list[float | None], cells)  # ints and floats, checked above
                return [math.nan if cell is None else float(cell) for cell in numbers], ""
            except OverflowError:  # an integer no double holds: warned about by _series
                return None
        if kind in _DATE_TYPES:
            fmt = self._book.format
            if not types:
                return [math.nan] * len(cells), fmt.date_formats[kind]
            if types != {_DATE_TYPES[kind]}:
                return None
            number = _date_number(fmt, kind)
            moments = [math.nan if cell is None else number(cell) for cell in cells]
            return moments, fmt.typed_date_formats[kind]
        return [_as_text(cell) for cell in cells], ""

    def write(self, path: Path) -> None:
        import pandas as pd
        import pyreadstat

        self.prepare()
        assert self._data is not None
        # The columns as they are: gathering them into blocks would copy every number once
        # more, for nothing (pyreadstat reads a column or a row at a time).
        frame = pd.DataFrame(self._data, copy=False)
        self._data = {}
        labels: list[str | None] = [variable.label for variable in self.variables]
        value_labels: dict[str, dict[Any, str]] = {
            v.name: {value: label for value, label in v.value_labels.items()}
            for v in self.variables
            if v.value_labels
        }
        formats = self._formats or None
        if self._book.format is STATA:
            texts = (v for v in self.variables if frame[v.name].dtype == object)
            formats = {**self._formats, **{v.name: stata_text_format(v.text_bytes) for v in texts}}
            letters = self._book.letters()
            missing: dict[str, list[str]] = {}
            for variable in self.variables:
                marked = {n: letters[c] for n, c in variable.non_answers.items() if c in letters}
                if marked:
                    frame[variable.name] = _lettered(frame[variable.name], marked)
                    labelled = value_labels[variable.name]
                    for number, letter in marked.items():
                        labelled[letter] = labelled.pop(number)
                    missing[variable.name] = sorted(marked.values())
            pyreadstat.write_dta(
                frame,
                path,
                column_labels=labels,
                version=STATA_VERSION,
                variable_value_labels=value_labels,
                variable_format=formats,
                missing_user_values=missing or None,
            )
        else:
            measures = {v.name: measure(v.kind, bool(v.value_labels)) for v in self.variables}
            widths = {
                v.name: display_width(
                    v.kind, frame[v.name], v.value_labels, self._formats.get(v.name, "")
                )
                for v in self.variables
            }
            pyreadstat.write_sav(
                frame,
                path,
                column_labels=labels,
                variable_value_labels=value_labels,
                variable_format=formats,
                variable_measure=measures,
                variable_display_width=widths,
                missing_ranges={
                    v.name: spss_missing(v.non_answers, v.value_labels)
                    for v in self.variables
                    if v.non_answers
                }
                or None,
            )

    def _series(self, variable: _Variable, values: Sequence[CellValue]) -> tuple[Any, str]:
        """Return the column as pyreadstat should see it, and its date format if any."""
        import pandas as pd

        kind = variable.kind
        # The type check of a whole column runs in C; a column of one type (the usual case)
        # is handed over as it is, and only a mixed one is looked at cell by cell.
        types = set(map(type, values))
        types.discard(type(None))
        if variable.codes is not None:
            return pd.Series(self._numbered(variable, values), dtype="float64"), ""
        if kind in _NUMBER_KINDS:
            if types <= {int, float}:
                with contextlib.suppress(OverflowError):  # else each cell on its own
                    return pd.Series(values, dtype="float64"), ""
            return pd.Series([self._number(variable, v) for v in values], dtype="float64"), ""
        if kind in _DATE_TYPES:
            fmt = self._book.format
            wanted = _DATE_TYPES[kind]
            cells = values
            if types != {wanted}:
                cells = [self._typed(variable, v, wanted) for v in values]
            if all(cell is None for cell in cells):
                return pd.Series([math.nan] * len(cells), dtype="float64"), fmt.date_formats[kind]
            # The format's own numbers (days or seconds since its epoch), each distinct
            # moment computed once, exactly as pyreadstat computes them from date objects.
            number = _date_number(fmt, kind)
            moments: dict[Any, float] = {
                cell: number(cell) for cell in set(cells) if cell is not None
            }
            moments[None] = math.nan
            series = pd.Series(list(map(moments.__getitem__, cells)), dtype="float64")
            return series, fmt.typed_date_formats[kind]
        if types <= {str}:
            texts = cast(list[str], ["" if v is None else v for v in values])
        else:
            texts = [_as_text(v) for v in values]
        self._measure(variable, texts)
        return pd.Series(texts, dtype=object), ""

    def _measure(self, variable: _Variable, texts: Sequence[str]) -> None:
        """Keep the UTF-8 bytes of the longest of ``texts`` (a piece's distinct texts where
        they are known), for Stata's display format (``stata_text_format``)."""
        if self._book.format is not STATA:
            return
        try:
            longest = max(map(len, map(str.encode, texts)), default=0)
        except UnicodeEncodeError:  # a lone surrogate: measured once replaced (_type_rows)
            return
        variable.text_bytes = max(variable.text_bytes, longest)

    def _numbered(self, variable: _Variable, values: Sequence[CellValue]) -> list[float]:
        codes = variable.codes
        assert codes is not None
        numbers: dict[Any, float] = {None: math.nan, "": math.nan}
        numbers.update((code, float(number)) for code, number in codes.items())
        get = numbers.get
        found = [get(value) for value in values]
        if None not in found:
            return found  # type: ignore[return-value]
        for position, value in enumerate(values):
            if found[position] is not None:
                continue
            # A code the choice list does not hold (an older version's): number it too.
            code = str(value)
            if code not in codes:
                allowed = self._book.format.labelled_values
                codes[code] = next_code_number(code, set(codes.values()), allowed)
                limit = self._book.format.max_value_label
                variable.value_labels[codes[code]] = _cut(code, limit)
            found[position] = float(codes[code])
        return found  # type: ignore[return-value]

    def _number(self, variable: _Variable, value: CellValue) -> float:
        if value is None:
            return math.nan
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return float(value)
            except OverflowError:  # an integer of hundreds of digits: no double holds it
                pass
        self._not_typed(variable, value)
        return math.nan

    def _typed(self, variable: _Variable, value: CellValue, wanted: type) -> Any:
        if value is None:
            return None
        # A datetime is a date too: only the exact kind is this column's.
        if type(value) is wanted:
            return value
        self._not_typed(variable, value)
        return None

    def _not_typed(self, variable: _Variable, value: CellValue) -> None:
        # Held until ``prepare``, which tells them column by column.
        if len(variable.untyped) < MAX_LISTED_WARNINGS:
            variable.untyped.append(str(value)[:40])
        else:
            variable.untyped_more += 1


SPSS_MISSING_VALUES = 3
"""Discrete user-missing values SPSS keeps per variable (or a range and one value)."""


def stata_text_format(stored: int) -> str:
    """Return the display format of text Stata stores in ``stored`` UTF-8 bytes: as wide as
    its ``str#``, never under 9, as Stata gives it (``%36s`` for a ``str36``; a ``strL``
    ``%9s``), and left-aligned as text is read. pyreadstat gives every text ``%-9s``: nine
    characters of a uuid in Stata's Data Editor."""
    if stored >= STATA_STRL_BYTES:
        return f"%-{STATA_NARROWEST_TEXT}s"
    return f"%-{max(stored, STATA_NARROWEST_TEXT)}s"


def spss_missing(non_answers: Mapping[int, str], labelled: Mapping[int, str]) -> list[Any]:
    """Return SPSS's user-missing values for the numbers of ``non_answers``: each one when
    SPSS holds them all, else the range from the smallest to the largest when it holds no
    other labelled code (97 to 99...), else the first three (the codebook names all)."""
    numbers = sorted(non_answers)
    if len(numbers) <= SPSS_MISSING_VALUES:
        return [float(number) for number in numbers]
    low, high = numbers[0], numbers[-1]
    if not any(low <= code <= high for code in labelled if code not in non_answers):
        return [{"lo": float(low), "hi": float(high)}]
    return [float(number) for number in numbers[:SPSS_MISSING_VALUES]]


STATA_LETTERS = "abcdefghijklmnopqrstuvwxyz"
"""Stata's extended missing values ``.a`` to ``.z``, given to the codes marked no answer."""


def _lettered(series: Any, letters: Mapping[int, str]) -> Any:
    """Return a column of numbers with each number of ``letters`` as its letter, which
    pyreadstat writes as Stata's ``.a``, ``.b``... (a column of numbers and letters)."""
    import pandas as pd

    # 97.0 finds 97: equal numbers hash alike; NaN finds nothing and stays missing.
    lettered = [letters.get(value, value) for value in series.to_numpy().tolist()]
    return pd.Series(lettered, dtype=object, index=series.index)


Layout = tuple[Table, tuple[int, ...] | None]
"""A form version's table and where its columns go in the sheet (None: in order)."""
_NUMBER_TYPES = frozenset({int, float, bool})
_NUMBER_KINDS = frozenset({Kind.INTEGER, Kind.DECIMAL, Kind.FLAG})
_DATE_TYPES: Mapping[Kind, type] = {
    Kind.DATE: dt.date,
    Kind.DATETIME: dt.datetime,
    Kind.TIME: dt.time,
}
Factors = tuple[list[Any], Any]
"""The distinct values of a column, in the order first met, and where each cell's is
(a numpy array of positions)."""


class _Plan:
    """Which answers a form version's rows hold, and which sheet column each one feeds."""

    def __init__(self, layout: Layout, width: int) -> None:
        table, positions = layout
        sources: dict[str, int] = {}
        self.columns: list[tuple[Column, int] | None] = [None] * width
        for number, column in enumerate(table.columns):
            source = sources.setdefault(column.source, len(sources))
            self.columns[number if positions is None else positions[number]] = (column, source)
        self.sources = tuple(sources)
        self.forget()

    def forget(self) -> None:
        """Drop what was made from the answers of the rows just typed (the next rows'
        answers come in the same ``source`` positions)."""
        self._keys: tuple[int, list[Any] | None] = (-1, None)
        self._factors: tuple[int, Factors | None] = (-1, None)

    def keys(self, source: int, values: Sequence[Any]) -> Sequence[Any]:
        """Return ``values`` with each list as a tuple, so that equal lists hash alike.

        A 0/1 or rank column asks where its choice is in the list: equal lists agree. The
        choices of one question read the same lists: their keys are made once.
        """
        if list not in map(type, values):
            return values
        made, cached = self._keys
        if made != source or cached is None:
            cached = [tuple(v) if type(v) is list else v for v in values]
            self._keys = (source, cached)
        return cached

    def factors(self, source: int, values: Sequence[Any]) -> Factors | None:
        """Return ``_factors`` of the answers ``source`` gives, made once for the columns
        of one question (a select_multiple's text and its 0/1 columns)."""
        made, cached = self._factors
        if made != source or cached is None:
            cached = _factors(self.keys(source, values), values)
            self._factors = (source, cached)
        return cached

    def rendered(self, column: Column, source: int, values: Sequence[Any]) -> Sequence[CellValue]:
        """Return ``column.render`` of each value, rendering each distinct value once.

        Answers repeat (codes, dates, choice lists) and a render is a function of the
        value alone, so a column is a dictionary lookup per cell instead of a call.
        """
        render = column.render
        types = set(map(type, values))
        types.discard(type(None))
        if _kept(render, types, values):
            return values  # text as text, numbers as numbers: nothing to render
        if _mixed(types, column, values):
            return [render(value) for value in values]
        keys = self.keys(source, values) if list in types else values
        try:
            first = dict(zip(keys, values, strict=True))
        except TypeError:  # something unhashable (a dict where an answer was expected)
            return [render(value) for value in values]
        cache = {key: render(value) for key, value in first.items()}
        return list(map(cache.__getitem__, keys))


def _kept(render: Render, types: set[type], values: Sequence[Any]) -> bool:
    """True when ``render`` returns each of ``values`` (of ``types``, and None) as it is."""
    if types <= KEEPS.get(render, frozenset()):
        return True  # text as text, whole numbers as numbers
    return render in KEEPS_FINITE and types <= {int, float} and _finite(values)


def _mixed(types: set[type], column: Column | None, values: Sequence[Any]) -> bool:
    """True when equal values of ``types`` could render differently, so that each cell
    must be rendered on its own."""
    if len(types & _NUMBER_TYPES) > 1 or tuple in types:
        return True  # 1 == 1.0 == True would share one rendering
    if list in types and (column is None or column.choice is None):
        # A list's text depends on its items' types ([1] and [1.0]); lists of text (the
        # codes of a select_multiple) that are equal read the same.
        lists = (value for value in values if type(value) is list)
        return not set(map(type, itertools.chain.from_iterable(lists))) <= {str}
    return False


def _factors(keys: Sequence[Any], values: Sequence[Any]) -> Factors | None:
    """Return the distinct ``values`` (one per distinct key, first met first) and each
    cell's position among them; None when a key cannot be hashed (a dict)."""
    import numpy as np

    try:
        first = dict(zip(keys, values, strict=True))
    except TypeError:
        return None
    position = dict(zip(first, range(len(first)), strict=True))
    inverse = np.fromiter(map(position.__getitem__, keys), dtype=np.intp, count=len(keys))
    return list(first.values()), inverse


_WHOLE_KINDS = frozenset({Kind.INTEGER, Kind.FLAG})


def _whole_number_format(series: Any) -> str:
    """Return SPSS's display format for a column of whole numbers (``F8.0``, wider for
    longer numbers), or "" when it holds a fraction or is not numeric.

    Without it SPSS shows its default ``F8.2``: a count of 14 as ``14.00``, a choice's
    code 98 as ``98.00``. Only the display changes: the values are the same doubles.
    """
    import numpy as np

    values = series.to_numpy()
    if values.dtype.kind != "f":
        return ""
    finite = values[np.isfinite(values)]
    if finite.size and not np.array_equal(finite, np.trunc(finite)):
        return ""
    largest = float(np.abs(finite).max()) if finite.size else 0.0
    digits = len(f"{largest:.0f}") + (1 if finite.size and finite.min() < 0 else 0)
    return f"F{min(max(8, digits), 40)}.0"


def _finite(values: Sequence[Any]) -> bool:
    """True when no number in ``values`` (numbers and None) is NaN or infinite."""
    return all(map(math.isfinite, [v for v in values if type(v) is float]))


_UNIX_DAY = dt.date(1970, 1, 1)
_UNIX_MOMENT = dt.datetime(1970, 1, 1)
_MIDNIGHT = dt.datetime.min
# Seconds and days from each format's epoch to 1970-01-01 (pyreadstat's offsets).
_STATA_SECONDS, _STATA_DAYS = 315619200.0, 3653.0
_SPSS_SECONDS, _SPSS_DAYS = 12219379200.0, 141428.0


def _date_number(fmt: StatsFormat, kind: Kind) -> Callable[[Any], float]:
    """Return how ``fmt`` stores a date, datetime or time: Stata in days or milliseconds
    since 1960, SPSS in seconds since 1582-10-14, a time since midnight."""
    stata = fmt.suffix == STATA.suffix
    if kind is Kind.DATE:
        if stata:
            return lambda day: float((day - _UNIX_DAY).days) + _STATA_DAYS
        return lambda day: (float((day - _UNIX_DAY).days) + _SPSS_DAYS) * 86400.0
    if kind is Kind.DATETIME:
        if stata:
            return lambda moment: (_unix_seconds(moment) + _STATA_SECONDS) * 1000.0
        return lambda moment: _unix_seconds(moment) + _SPSS_SECONDS
    scale = 1000.0 if stata else 1.0
    return lambda clock: (
        (dt.datetime.combine(dt.date.min, clock) - _MIDNIGHT).total_seconds() * scale
    )


def _unix_seconds(moment: dt.datetime) -> float:
    """Return the wall clock of ``moment`` in seconds since 1970 as if it were UTC.

    The very number pyreadstat computes (``replace(tzinfo=utc).timestamp()``: whole
    microseconds divided by a million, rounded once), at a quarter of the cost.
    """
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    return (moment - _UNIX_MOMENT).total_seconds()


def _as_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class CodebookSheet(CsvSheet):
    """The codebook as CSV, with each variable's name in the data file beside it."""

    def __init__(self, book: StatsBook, title: str, spec: SheetSpec) -> None:
        self._missing = any(book.non_answers.values())
        missing = (MISSING_COLUMN,) if self._missing else ()
        headers = (*spec.headers, NAME_COLUMN, VALUES_COLUMN, *missing)
        own = SheetSpec(spec.title, headers, spec.kinds, spec.widths, own=True)
        super().__init__(title, own, book.warnings)
        self._book = book
        self._sheet = spec.headers.index("sheet")
        self._variable = spec.headers.index("variable")

    def append(self, row: list[CellValue]) -> None:
        sheet, header = str(row[self._sheet]), str(row[self._variable])
        names = self._book.names.get(sheet, {})
        codes = self._book.codes.get(sheet, {}).get(header)
        values = "\n".join(f"{n} = {code}" for code, n in codes.items()) if codes else None
        missing = [self._missing_in_file(sheet, header)] if self._missing else []
        super().append([*row, names.get(header), values, *missing])

    def _missing_in_file(self, sheet: str, header: str) -> str | None:
        """Say what the file holds for each code marked no answer: SPSS its number, declared
        user-missing; Stata the extended missing value it is written as (``97 = .a``)."""
        marked = self._book.non_answers.get(sheet, {}).get(header)
        if not marked:
            return None
        if self._book.format is SPSS:
            return " ".join(str(number) for number in sorted(marked))
        letters = self._book.letters()
        return "\n".join(
            f"{code} = .{letters[code]}" if code in letters else f"{code} = {number}"
            for number, code in sorted(marked.items())
        )


class StatsBook:
    """A zip of one Stata or SPSS file per sheet, with ``codebook.csv`` and ``about.csv``."""

    def __init__(self, path: Path, fmt: StatsFormat) -> None:
        self.path = path
        self.format = fmt
        self.warnings = Warnings()
        self.names: dict[str, dict[str, str]] = {}
        """Sheet title -> header -> variable name in that sheet's file."""
        self.codes: dict[str, dict[str, dict[str, int]]] = {}
        """Sheet title -> header -> text code -> its number in the file (numbered selects)."""
        self.non_answers: dict[str, dict[str, dict[int, str]]] = {}
        """Sheet title -> header -> number in the file -> code, of the codes marked no answer."""
        self._taken: set[str] = set()
        self._sheets: list[StatsSheet | CsvSheet] = []
        self._letters: dict[str, str] | None = None

    def letters(self) -> dict[str, str]:
        """Return the Stata letter (``a`` for ``.a``) of each code a form marks as no answer,
        the same in every file of the export: codes that are numbers first, smallest first
        (97 ``.a``, 98 ``.b``, 99 ``.c``), then the others in alphabetical order. Past 26
        codes the rest stay numbers (the codebook's ``missing_in_file`` says which)."""
        if self._letters is None:
            codes = {
                code
                for sheet in self._sheets
                if isinstance(sheet, StatsSheet)
                for variable in sheet.variables
                for code in variable.non_answers.values()
            }
            ordered = sorted(
                codes,
                key=lambda code: (0, int(code), "") if _INTEGER.fullmatch(code) else (1, 0, code),
            )
            self._letters = dict(zip(ordered, STATA_LETTERS, strict=False))
        return self._letters

    def add_sheet(self, spec: SheetSpec) -> StatsSheet | CsvSheet:
        title = sheet_title(spec.title, self._taken, reserved=not spec.own, file=True)
        sheet: StatsSheet | CsvSheet
        if spec.own:  # the data is complete: type it now, so ``about`` lists its warnings
            for data in self._sheets:
                if isinstance(data, StatsSheet):
                    data.prepare()
        if not spec.own:
            sheet = StatsSheet(self, title, spec)
            self.names[title] = {v.header: v.name for v in sheet.variables}
            self.codes[title] = {v.header: v.codes for v in sheet.variables if v.codes}
            self.non_answers[title] = {
                v.header: v.non_answers for v in sheet.variables if v.non_answers
            }
        elif spec.title == "codebook":
            sheet = CodebookSheet(self, title, spec)
        else:
            sheet = CsvSheet(title, spec, self.warnings)
        self._sheets.append(sheet)
        return sheet

    def save(self) -> None:
        # Level 1: nearly the size of the default level at a fraction of its time.
        with zipfile.ZipFile(
            self.path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
        ) as archive:
            for sheet in self._sheets:
                if isinstance(sheet, StatsSheet):
                    self._add_data_file(archive, sheet)
                else:
                    name = f"{sheet.titles[0]}.csv"
                    with archive.open(name, "w", force_zip64=True) as member:
                        sheet.copy_to(member)
        self._close()

    def _add_data_file(self, archive: zipfile.ZipFile, sheet: StatsSheet) -> None:
        import pyreadstat

        # pyreadstat writes to a path: a hidden 0600 partial file beside the export, which
        # the next export sweeps if this one is killed (never the system temp folder).
        name = leftovers.partial_path(
            self.path.with_name(f"{sheet.titles[0]}{self.format.suffix}"), keep_suffix=True
        )
        try:
            try:
                sheet.write(Path(name))
            except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError) as error:
                raise FieldappError(
                    "export.stats_failed",
                    format=self.format.suffix,
                    sheet=sheet.titles[0],
                    error=error,
                ) from error
            # Deflated at level 1 like the CSVs: storing saves a third of what pyreadstat
            # takes to write the file, but makes the zip about six times larger (24.7 MB
            # against 4.2 MB at 20,000 interviews), too large to mail an analyst.
            archive.write(name, f"{sheet.titles[0]}{self.format.suffix}")
        finally:
            leftovers.discard(name)

    def _close(self) -> None:
        for sheet in self._sheets:
            if isinstance(sheet, CsvSheet):
                sheet.close()

    def discard(self) -> None:
        self._close()
        self.path.unlink(missing_ok=True)
