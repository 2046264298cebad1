"""``load.R``: the R script in a CSV export that reads every sheet with its types.

Written from the same plan as the CSV files, so each column is read as what it holds:
numbers as numbers, dates as ``Date``, date-times as ``POSIXct``, select_one answers as
factors labelled in the export's language, but those whose codes are numbers (a scale's
1-5, 97, 98): numbers as in Stata and SPSS, their labels in the ``labels`` attribute as
haven gives them. It needs base R only (no package to install).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fieldapp import __version__
from fieldapp.core.export.book import SheetSpec
from fieldapp.core.export.cells import clean_text
from fieldapp.core.export.codebook import non_answer_codes, note_said, variable_label
from fieldapp.core.export.columns import (
    Column,
    Kind,
    choices_said,
    relabelled,
    single_choices,
)

_READERS = {
    Kind.INTEGER: "num",
    Kind.DECIMAL: "num",
    Kind.FLAG: "num",
    Kind.DATE: "date",
    Kind.DATETIME: "datetime",
}


@dataclass(frozen=True)
class RSheet:
    """A data sheet as load.R reads it: its file, its title and its typed columns."""

    title: str
    spec: SheetSpec
    labels: bool
    """Select answers were written as labels (so the factor levels are labels too)."""


def load_r(sheets: Sequence[RSheet]) -> str:
    """Return the text of ``load.R`` for ``sheets``."""
    lines = [
        f"# load.R, written by fieldapp {__version__}: reads every CSV file of this export",
        "# with its types (numbers, Date, POSIXct) and select_one answers as factors whose",
        "# labels are the choice labels. 0/1 columns of select_multiple stay numbers, so they",
        "# add up. A select_one whose codes are numbers (a scale: 1-5, 97 = refused, 98 =",
        "# don't know) stays the numbers, as in Stata and SPSS, so a mean or",
        '# replace(x, x >= 97, NA) works; its choices are its "labels" attribute, as haven',
        "# gives them, and fieldapp_factor(x) makes it a factor of those labels.",
        '# fieldapp_na(x) sets the codes the form marks as no answer (its "na_values"',
        "# attribute, as haven's read_sav(user_na = TRUE) gives them; else 97 (refused),",
        "# 98 (don't know) and 99 (not applicable)) to NA in such a number and in a factor",
        '# alike (a factor\'s codes are its "codes" attribute, named by their labels); it',
        "# refuses a year, a count or a duration.",
        "# Moments (POSIXct) are the device's clock as the interviewer saw it, held as UTC",
        "# as haven holds a .dta's: never convert them to another time zone.",
        "# Needs base R only. From any folder:",
        '#     source("path/to/load.R", chdir = TRUE)',
        "# then fieldapp$<sheet> is each sheet's data frame, e.g. names(fieldapp).",
        "# Repeat sheets link to their parent by _parent_key (= the parent's _key, or its",
        "# _submission_id for a repeat of the interview itself). Each column's question is",
        '# its "label" attribute, as haven gives it (RStudio\'s View shows it):',
        '#     attr(fieldapp$<sheet>[["<column>"]], "label")',
        "",
        "fieldapp_factor <- function(x) {",
        '  codes <- attr(x, "labels")',
        "  factor(x, levels = unname(codes), labels = names(codes))",
        "}",
        "",
        "fieldapp_na <- function(x, codes = NULL) {",
        '  if (is.null(codes)) codes <- attr(x, "na_values")',
        "  if (is.null(codes)) codes <- c(97, 98, 99)",
        "  if (is.factor(x)) {",
        '    known <- attr(x, "codes")',
        "    if (is.null(known)) {",
        '      stop("fieldapp_na: this factor has lost its codes (R drops them when rows are ",',
        '           "subset): call fieldapp_na on the whole column of fieldapp$<sheet>")',
        "    }",
        "    dropped <- names(known)[known %in% as.character(codes)]",
        "    kept <- known[!known %in% as.character(codes)]",
        '    label <- attr(x, "label")',
        "    x <- factor(x, levels = setdiff(levels(x), dropped))",
        '    attr(x, "codes") <- kept',
        '    attr(x, "label") <- label',
        "    return(x)",
        "  }",
        '  if (is.null(attr(x, "labels"))) {',
        '    stop("fieldapp_na: this column has no choices: a year, a count or a duration ",',
        '         "keeps 97 (or it lost them when rows were subset: call it on the whole column)")',
        "  }",
        "  x[x %in% codes] <- NA",
        '  attr(x, "na_values") <- NULL',
        "  x",
        "}",
        "",
        "fieldapp_read <- function(file, num = character(), date = character(),",
        "                          datetime = character(), factors = list(),",
        "                          numbered = list(), labels = list(), codes = list(),",
        "                          missing = list()) {",
        "  # read.csv reads a carriage return in a cell (a label, an answer) as a line feed:",
        "  # each is read as \\001, which no cell holds (the export writes U+FFFD for it),",
        "  # and put back, but the one ending each record, after the last column. R holds",
        "  # no text past 2 GB: a larger file is read as it is (carriage returns as line feeds).",
        "  if (file.size(file) < 2^31 - 1) {",
        '    bytes <- readBin(file, "raw", file.size(file))',
        "    if (length(bytes) >= 3 && all(bytes[1:3] == as.raw(c(0xef, 0xbb, 0xbf)))) {",
        "      bytes <- bytes[-(1:3)]",
        "    }",
        "    bytes[bytes == as.raw(13)] <- as.raw(1)",
        "    text <- rawToChar(bytes)",
        "    rm(bytes)",
        '    Encoding(text) <- "UTF-8"',
        '    data <- utils::read.csv(text = text, encoding = "UTF-8", colClasses = "character",',
        '                            check.names = FALSE, na.strings = "")',
        "    rm(text)",
        "  } else {",
        '    data <- utils::read.csv(file, fileEncoding = "UTF-8-BOM", colClasses = "character",',
        '                            check.names = FALSE, na.strings = "")',
        "  }",
        "  last <- length(data)",
        '  names(data)[last] <- sub("\\001$", "", names(data)[last])',
        '  data[[last]] <- sub("\\001$", "", data[[last]])',
        '  data[[last]][!is.na(data[[last]]) & data[[last]] == ""] <- NA',
        '  names(data) <- gsub("\\001", "\\r", names(data), fixed = TRUE)',
        "  for (name in names(data)) {",
        '    data[[name]] <- gsub("\\001", "\\r", data[[name]], fixed = TRUE)',
        "    # Text a spreadsheet would run as a formula was written with a leading ', and",
        "    # so was one that starts with ' before such a character: one ' comes off.",
        '    data[[name]] <- sub("^\'(\'*[-=+@\\t\\r])", "\\\\1", data[[name]])',
        "  }",
        "  for (name in num) data[[name]] <- as.numeric(data[[name]])",
        "  for (name in date) data[[name]] <- as.Date(data[[name]])",
        "  for (name in datetime) {",
        '    data[[name]] <- as.POSIXct(data[[name]], format = "%Y-%m-%dT%H:%M:%S", tz = "UTC")',
        "  }",
        "  # Each factor is c(column, value, label, value, label, ...) and each label",
        "  # c(column, label): R refuses names longer than 10,000 bytes in the script.",
        "  # A factor's codes (its CSV values, or c(column, code, ...) beside labels) are its",
        '  # "codes" attribute, named by their labels as haven names "labels".',
        "  for (levels in factors) {",
        "    values <- levels[seq(2, length(levels), by = 2)]",
        "    words <- levels[seq(3, length(levels), by = 2)]",
        "    data[[levels[1]]] <- factor(data[[levels[1]]], levels = values, labels = words)",
        '    attr(data[[levels[1]]], "codes") <- stats::setNames(values, words)',
        "  }",
        "  for (known in codes) {",
        '    words <- names(attr(data[[known[1]]], "codes"))',
        '    attr(data[[known[1]]], "codes") <- stats::setNames(known[-1], words)',
        "  }",
        "  # Codes that are numbers stay numbers, their labels as haven gives them:",
        "  # c(column, code, label, ...).",
        "  for (codes in numbered) {",
        "    data[[codes[1]]] <- as.numeric(data[[codes[1]]])",
        "    words <- codes[seq(3, length(codes), by = 2)]",
        "    values <- as.numeric(codes[seq(2, length(codes), by = 2)])",
        '    attr(data[[codes[1]]], "labels") <- stats::setNames(values, words)',
        "  }",
        "  # Codes the form marks as no answer, c(column, code, ...): the column's",
        '  # "na_values", as haven\'s read_sav(user_na = TRUE) gives them. The codes stay.',
        "  for (marked in missing) {",
        "    found <- marked[-1]",
        "    if (!is.factor(data[[marked[1]]])) found <- as.numeric(found)",
        '    attr(data[[marked[1]]], "na_values") <- found',
        "  }",
        '  for (label in labels) attr(data[[label[1]]], "label") <- label[2]',
        "  data",
        "}",
        "",
        "fieldapp <- list()",
    ]
    for sheet in sheets:
        lines.extend(_sheet_lines(sheet))
    lines.append("")
    return "\n".join(lines)


def _sheet_lines(sheet: RSheet) -> list[str]:
    spec = sheet.spec
    columns = spec.columns or (None,) * len(spec.headers)
    by_reader: dict[str, list[str]] = {"num": [], "date": [], "datetime": []}
    factors: list[str] = []
    numbered: list[str] = []
    labels: list[str] = []
    codes: list[str] = []
    missing: list[str] = []
    for header, kind, column in zip(spec.headers, spec.kinds, columns, strict=True):
        label, keep = variable_label(column, header, spec.language)
        # What Stata's and SPSS's labels say of a recoded date or a left-out person.
        keep += note_said(spec.note(header, kind, column), spec.language)
        if label + keep != header:
            labels.append(f"    c({_r_string(header)}, {_r_string(label + keep)})")
        levels = _levels(column, kind, spec.language, sheet.labels)
        if levels is not None:
            pairs = ", ".join(
                f"{_r_string(value)}, {_r_string(label)}" for value, label, _ in levels
            )
            numbers = kind is Kind.INTEGER and all(_NUMBER.fullmatch(v) for v, _, _ in levels)
            (numbered if numbers else factors).append(f"    c({_r_string(header)}, {pairs})")
            if not numbers and any(value != code for value, _, code in levels):
                # Labels in the CSV: the codes they stand for, for fieldapp_na.
                listed = ", ".join(_r_string(code) for _, _, code in levels)
                codes.append(f"    c({_r_string(header)}, {listed})")
            marked = non_answer_codes(column)
            if marked:
                listed = ", ".join(_r_string(code) for code in marked)
                missing.append(f"    c({_r_string(header)}, {listed})")
        elif kind in _READERS:
            by_reader[_READERS[kind]].append(_r_string(header))
    arguments = [f"  {_r_string(sheet.title + '.csv')}"]
    for reader, names in by_reader.items():
        if names:
            arguments.append(f"  {reader} = c({', '.join(names)})")
    if factors:
        arguments.append("  factors = list(\n" + ",\n".join(factors) + "\n  )")
    if numbered:
        arguments.append("  numbered = list(\n" + ",\n".join(numbered) + "\n  )")
    if labels:
        arguments.append("  labels = list(\n" + ",\n".join(labels) + "\n  )")
    if codes:
        arguments.append("  codes = list(\n" + ",\n".join(codes) + "\n  )")
    if missing:
        arguments.append("  missing = list(\n" + ",\n".join(missing) + "\n  )")
    call = ",\n".join(arguments)
    return [f"fieldapp[[{_r_string(sheet.title)}]] <- fieldapp_read(", call + "\n)"]


def _levels(
    column: Column | None, kind: Kind, language: str, labels: bool
) -> list[tuple[str, str, str]] | None:
    """Return (value in the CSV, label, code) of a select_one column, else None."""
    if column is None or single_choices(column) is None or kind not in (Kind.TEXT, Kind.INTEGER):
        return None
    said = list(choices_said(column, language).items())
    if labels:
        # Each version's rows carry that version's words, its piped ``${name}`` said as
        # that version's question: a wording an older version gave a code is a level too,
        # or R would read those answers as NA.
        said += [(code, older) for code, _, older, _ in relabelled(column, language)]
    pairs: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for code, label in said:
        value = label if labels else code
        if value in seen:  # two choices with one label: a factor level may appear once
            continue
        seen.add(value)
        pairs.append((value, label, code))
    return pairs or None


_NUMBER = re.compile(r"-?[0-9]+")
"""A choice code R reads as the number it is (``97``), not a word (``yes``)."""

_R_PIECE = 1_000
"""Characters of one literal: R refuses a literal with a \\u escape past 10,000."""


def _r_string(value: str) -> str:
    """Return ``value`` as an R expression of plain ASCII (any locale reads it).

    The text is cleaned as the CSV cells are (a NUL no R string can hold becomes U+FFFD,
    so a level is the cell's text); a long one is pasted from short literals.
    """
    value, _ = clean_text(value)
    if len(value) <= _R_PIECE:
        return _r_literal(value)
    pieces = (_r_literal(value[at : at + _R_PIECE]) for at in range(0, len(value), _R_PIECE))
    return f"paste0({', '.join(pieces)})"


def _r_literal(value: str) -> str:
    out = ['"']
    for character in value:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif character == "\n":
            out.append("\\n")
        elif character == "\t":
            out.append("\\t")
        elif character == "\r":
            out.append("\\r")
        elif code < 32 or code == 127:
            out.append(f"\\x{code:02x}")
        elif code < 128:
            out.append(character)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{{{code:x}}}")
    out.append('"')
    return "".join(out)
