"""The ``codebook`` sheet: one row per exported variable, so no value needs guessing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.core.export.columns import (
    CellValue,
    Column,
    Kind,
    all_choices,
    choices_said,
    relabelled,
    single_choices,
)
from fieldapp.core.export.said import calculation_said, label_said, own_language
from fieldapp.core.export.said import message_language as message_language  # where it was
from fieldapp.core.forms.model import (
    Choice,
    Element,
    Form,
    Group,
    Labels,
    Question,
    pick_label,
)
from fieldapp.core.messages import CATALOG, text

FIXED_HEADERS = ("form", "sheet", "variable", "type")
LOGIC_HEADERS = ("relevant", "constraint", "required", "calculation", "sensitive")
VERSIONS_HEADER = "versions"
NON_ANSWERS_HEADER = "non_answers"
"""The codes of a select_one that the form marks as no answer (``97 98 99``); the column is
there only when some form of the export marks any (its choices' ``non_answer`` column)."""


@dataclass(frozen=True)
class CodebookEntry:
    form_id: str
    sheet: str
    column: Column | None
    """None for the metadata columns fieldapp adds (``_submission_id``...)."""
    header: str
    kind: Kind
    around: tuple[str, ...] = ()
    """The relevance of the groups and repeats around the question, outermost first, as
    ``name: ${consent} = 'yes'``: the question is asked only where all of them hold."""
    versions: tuple[str, ...] = ()
    """The form versions that asked it, newest first (a study changes its form between
    rounds; one sheet holds the interviews of all of them)."""
    note: str = ""
    """A message code said after the label in each language: what a recoded date means."""


def headers(languages: Sequence[str], non_answers: bool = False) -> tuple[str, ...]:
    labels = tuple(f"label::{language}" for language in languages)
    choices = tuple(f"choices::{language}" for language in languages)
    marked = (NON_ANSWERS_HEADER,) if non_answers else ()
    return (*FIXED_HEADERS, *labels, *LOGIC_HEADERS, *choices, VERSIONS_HEADER, *marked)


def non_answer_codes(column: Column | None) -> list[str]:
    """Return the codes of ``column``'s select_one that its form marks as no answer
    (refused, don't know), in the list's order; [] for any other column."""
    choices = single_choices(column)
    return [choice.name for choice in choices if choice.non_answer] if choices else []


_WIDTHS = {"form": 20.0, "sheet": 24.0, "variable": 34.0, "type": 26.0, "sensitive": 10.0}
LABEL_WIDTH = 48.0
LOGIC_WIDTH = 32.0
CHOICES_WIDTH = 44.0


def widths(languages: Sequence[str], non_answers: bool = False) -> tuple[float, ...]:
    """Return the column widths of ``headers(languages)``: room for a variable's path and a
    label's first line; longer text wraps (see ``SheetSpec.wrap``)."""
    return (
        *(_WIDTHS[name] for name in FIXED_HEADERS),
        *(LABEL_WIDTH for _ in languages),
        *(_WIDTHS.get(name, LOGIC_WIDTH) for name in LOGIC_HEADERS),
        *(CHOICES_WIDTH for _ in languages),
        22.0,
        *((14.0,) if non_answers else ()),
    )


def rows(
    entries: Iterable[CodebookEntry], languages: Sequence[str], non_answers: bool = False
) -> Iterable[list[CellValue]]:
    """Yield the codebook rows, in the order the variables appear in the sheets; with
    ``non_answers``, each ends with the codes its form marks as no answer."""
    for entry in entries:
        if entry.column is None or entry.column.question is None:
            row = _meta_row(entry, languages)
        else:
            row = _question_row(entry, entry.column, entry.column.question, languages)
        if entry.note:
            first = len(FIXED_HEADERS)
            for number, language in enumerate(languages, first):
                row[number] = f"{row[number] or ''}{note_said(entry.note, language)}".lstrip()
        marked = [" ".join(non_answer_codes(entry.column)) or None] if non_answers else []
        yield [*row, " ".join(entry.versions) or None, *marked]


def note_said(code: str, language: str) -> str:
    """Return what a column's label adds (``SheetSpec.note``) in ``language``, in brackets
    after a space, " (the week's Monday)"; "" for no note. The codebook, Stata, SPSS and
    load.R say it alike."""
    return f" ({text(code, message_language(language))})" if code else ""


def _meta_row(entry: CodebookEntry, languages: Sequence[str]) -> list[CellValue]:
    code = f"export.meta.{entry.header.lstrip('_')}"
    labels = [text(code, message_language(language)) for language in languages]
    empty: list[CellValue] = [None] * (len(LOGIC_HEADERS) + len(languages))
    return [entry.form_id, entry.sheet, entry.header, str(entry.kind), *labels, *empty]


def _question_row(
    entry: CodebookEntry, column: Column, question: Question, languages: Sequence[str]
) -> list[CellValue]:
    own = author_text(question, "relevant")
    relevant = "\n".join((*entry.around, own) if own else entry.around) or None
    logic: list[CellValue] = [
        relevant,
        author_text(question, "constraint"),
        author_text(question, "required"),
        author_text(question, "calculation"),
        None if question.sensitive is None else ("yes" if question.sensitive else "no"),
    ]
    choice = column.choice
    if column.header != question.key and choice is None:
        # A part of a geopoint: name the part beside the question's label.
        part = column.header.rsplit("/", 1)[-1]
        named = [f"{_asked(column, question, lang)} — {part}" for lang in languages]
        type_text = f"{entry.kind} ({question.type} {question.key})"
        no_choices: list[CellValue] = [None] * len(languages)
        return [entry.form_id, entry.sheet, entry.header, type_text, *named, *logic, *no_choices]
    if choice is None:
        type_text = str(question.type)
        if question.choices is not None:
            type_text += f" {question.choices.name}"
        labels: list[CellValue] = [
            _asked(column, question, lang)
            or _filled_in(question, lang)
            or calculation_said(column.form, question, lang)
            for lang in languages
        ]
        choices: list[CellValue] = [_choice_list(column, lang) for lang in languages]
    else:
        type_text = f"{entry.kind} ({question.type} {question.key})"
        labels = [
            f"{_asked(column, question, lang)} — {choice_said(column, choice, lang)}".strip(" —")
            for lang in languages
        ]
        if entry.kind is Kind.FLAG:
            choices = [text("export.codebook.flag", message_language(lang)) for lang in languages]
        else:
            choices = [text("export.codebook.rank", message_language(lang)) for lang in languages]
    return [entry.form_id, entry.sheet, entry.header, type_text, *labels, *logic, *choices]


def variable_label(column: Column | None, header: str, language: str) -> tuple[str, str]:
    """Return what a variable holds, in ``language``: the question's label, and the part
    that must survive a cut (`` — choice`` of a 0/1 column, `` — part`` of a geopoint)."""
    if column is None or column.question is None:
        code = f"export.meta.{header.lstrip('_')}"
        if code not in CATALOG:  # a sheet written without columns: its header says it
            return header, ""
        return text(code, message_language(language)), ""
    question = column.question
    label = (
        _said(column, _own(column, question.labels, language), language)
        or _filled_in(question, language)
        or calculation_said(column.form, question, language)
        or ""
    )
    label = " ".join(label.split()) or question.name
    grid = " ".join(_said(column, _own(column, column.grid or {}, language), language).split())
    if grid and column.header == question.key:
        return grid, f" — {label}"  # the row's words are what a cut must keep
    if grid:
        label = f"{grid} — {label}"
    if column.choice is not None:
        return label, f" — {' '.join(choice_said(column, column.choice, language).split())}"
    if column.header != question.key:
        return label, f" — {column.header.rsplit('/', 1)[-1]}"  # a geopoint's part
    return label, ""


def _asked(column: Column, question: Question, language: str) -> str:
    """Return the question's label, after its grid's title for a row of a ``table-list``
    ("How much did you trust…? — Army"): the row's label alone names only the row."""
    label = _said(column, _own(column, question.labels, language), language)
    grid = _said(column, _own(column, column.grid or {}, language), language)
    return f"{grid} — {label}" if grid and label else label


def _said(column: Column, label: str, language: str) -> str:
    """Return a label of ``column``'s form with its piped ``${name}`` said in words."""
    return label_said(column.form, label, language)


def _own(column: Column, labels: Labels, language: str) -> str:
    """Return ``labels`` (of ``column``'s form) in ``language``, under that form's own name
    for it: an older version may name the export's language otherwise."""
    return pick_label(labels, own_language(column.form, language))


def choice_said(column: Column | None, choice: Choice, language: str) -> str:
    """Return a choice's label, its piped ``${name}`` said in words: the value label."""
    form = column.form if column else None
    return label_said(form, choice.label(own_language(form, language)), language)


_FILLED = frozenset({"start", "end", "today", "deviceid", "username"})


def _filled_in(question: Question, language: str) -> str | None:
    """Say what a metadata question without a label holds (ODK fills it, nobody is asked)."""
    if not question.type.is_metadata:
        return None
    kind = str(question.type)
    code = f"export.filled.{kind}" if kind in _FILLED else "export.filled.other"
    return text(code, message_language(language), type=kind)


def _choice_list(column: Column, language: str) -> CellValue:
    """Return ``code = label`` a line per choice; over several form versions, also which
    versions alone list a code and what an older version called it, if not the same."""
    choices = all_choices(column)
    if not choices:
        return None
    words = choices_said(column, language)
    versions = column.choice_versions
    if not versions:
        return "\n".join(f"{c.name} = {words[c.name]}" for c in choices)
    said = message_language(language)
    changes = relabelled(column, language)
    lines = []
    for choice in choices:
        line = f"{choice.name} = {words[choice.name]}"
        listing = [v.version for v in versions if any(c.name == choice.name for c in v.choices)]
        if len(listing) < len(versions):
            line += " " + text("export.codebook.only_in", said, versions=" ".join(listing))
        for code, version, older, _ in changes:
            if code == choice.name:
                line += " " + text(
                    "export.codebook.older_label", said, version=version, label=older
                )
        lines.append(line)
    return "\n".join(lines)


def author_text(element: Element, name: str) -> str | None:
    """Return the expression ``name`` of ``element``'s logic as the form's author wrote it."""
    written = element.bind.source.get(name)
    return written if written else expression_text(getattr(element.bind, name, None))


def conditions_around(form: Form) -> dict[int, tuple[str, ...]]:
    """Return, by ``id()`` of each question, the relevance of the groups around it."""
    found: dict[int, tuple[str, ...]] = {}

    def visit(group: Group, around: tuple[str, ...]) -> None:
        for element in group.children:
            if isinstance(element, Group):
                relevant = author_text(element, "relevant")
                inner = (*around, f"{element.key}: {relevant}") if relevant else around
                visit(element, inner)
            elif around:
                found[id(element)] = around

    visit(form.root, ())
    return found


def expression_text(expression: Any) -> str | None:
    """Return an expression as the form author wrote it (None when there is none)."""
    if expression is None:
        return None
    for attribute in ("source", "text", "expression"):
        value = getattr(expression, attribute, None)
        if isinstance(value, str):
            return value
    return str(expression)
