"""Answers as a person reads them: choice labels for codes, repeat entries as rows.

The supervisor's desk (the Conflicts view, the History diff) shows answers through these
functions, so a code (``nuevo_laredo``) reads as its label (Nuevo Laredo) with the code
kept for a tooltip, and a repeat reads as one labelled row per entry that can be chosen on
its own when two laptops edited it apart.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.core.export.codebook import message_language
from fieldapp.core.export.columns import walk_elements
from fieldapp.core.export.said import reference_said
from fieldapp.core.forms.dependencies import OUTPUT
from fieldapp.core.forms.model import (
    Answers,
    Element,
    Form,
    Group,
    Question,
    QuestionType,
    Repeat,
)
from fieldapp.core.messages import text
from fieldapp.core.review import is_entries
from fieldapp.core.study import actor_name

ACTOR_TYPE = "actor_type"
"""The study forms' calculation of the interview's actor type (``gov``), as listed."""
_ENTRY = re.compile(r"^(?P<key>.+)\[(?P<number>[0-9]+)\]$")
"""A row id of one repeat entry: ``mechanisms[2]`` (numbered from 1, as in the diff)."""


@dataclass(frozen=True)
class Shown:
    text: str
    """What a person reads: labels, ``Label: answer`` lines for a repeat entry."""
    codes: str = ""
    """The stored codes behind ``text`` (for a tooltip); "" when the text is the answer."""


def show_answer(question: Element | None, value: Any, language: str) -> Shown:
    """Return an answer as its question's choice labels, with the codes kept aside."""
    if value is None or value == "" or value == []:
        return Shown("")
    if isinstance(question, Question) and question.choices is not None:
        codes = value.split() if isinstance(value, str) and question.type.is_multiple else value
        listed = codes if isinstance(codes, list) else [codes]
        if all(isinstance(code, str) for code in listed):
            labels = []
            for code in listed:
                choice = question.choices.get(code)
                labels.append(choice.label(language) if choice is not None else code)
            return Shown("; ".join(labels), " ".join(listed))
    if isinstance(value, str):
        if isinstance(question, Question) and question.key == ACTOR_TYPE:  # gov: Government
            name = actor_name(value, message_language(language))
            return Shown(name, value if name != value else "")
        if isinstance(question, Question) and question.type in _MOMENTS:
            moment = _ISO_MOMENT.match(value)
            if moment is not None:  # 2026-06-04T19:41:06.566-06:00: its day and time
                return Shown(f"{moment.group(1)} {moment.group(2)}", value)
        return Shown(value)
    if is_entries(value):
        return Shown(f"{len(value)} × …")
    return Shown(json.dumps(value, ensure_ascii=False))


_MOMENTS = frozenset({QuestionType.START, QuestionType.END, QuestionType.DATETIME})
_ISO_MOMENT = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}:[0-9]{2}:[0-9]{2})")
_STAMPS = frozenset({"start", "end", "today", "deviceid", "username"})


_UNASKED = {
    "meta/instanceID": "conflicts.stamp.instance_id",
    "meta/instanceName": "conflicts.stamp.instance_name",
    ACTOR_TYPE: "export.meta.actor_type",
}
"""Questions nobody is asked that every study form (or pyxform) has, by key: their titles."""


def stamp_title(element: Element, language: str) -> str:
    """Say what a question nobody is asked holds: a device's stamp (``end``: "Last
    finalized (device clock)"), the interview's id and name, its actor type, another
    calculation ("Calculated by the form"); "" for an element that is none of them."""
    if not isinstance(element, Question):
        return ""
    said = message_language(language)
    if element.key in _UNASKED:
        return text(_UNASKED[element.key], said)
    if element.type == QuestionType.CALCULATE:
        return text("conflicts.stamp.calculated", said)
    if not element.type.is_metadata:
        return ""
    kind = str(element.type)
    code = f"conflicts.stamp.{kind}" if kind in _STAMPS else "conflicts.stamp.other"
    return text(code, said, type=kind)


_STEP = re.compile(r"^(?P<key>[^\[]+)\[(?P<number>[0-9]+)\](?:/(?P<rest>.*))?$")


def _steps(where: str) -> list[tuple[str, int | None]]:
    """Split ``org/mechanisms[2]/mech_city`` into (``org/mechanisms``, 2), (``mech_city``, None)."""
    steps: list[tuple[str, int | None]] = []
    rest: str | None = where
    while rest is not None:
        match = _STEP.match(rest)
        if match is None:
            steps.append((rest, None))
            break
        steps.append((match.group("key"), int(match.group("number"))))
        rest = match.group("rest")
    return steps


def _resolve(form: Form, where: str) -> list[tuple[Element, int | None]] | None:
    scope: Group = form.root
    found: list[tuple[Element, int | None]] = []
    for key, number in _steps(where):
        element = _in_scope(scope, key)
        if element is None:
            return None
        found.append((element, number))
        if isinstance(element, Repeat):
            scope = element
    return found


def element_at(form: Form, where: str) -> Element | None:
    """Return the element an answer path names (``org/mechanisms[2]/mech_city``)."""
    found = _resolve(form, where)
    return found[-1][0] if found else None


def where_title(form: Form, where: str, language: str, answers: Sequence[Answers] = ()) -> str:
    """Return an answer path as labels: ``Mechanism 2 › Where`` for ``mechanisms[2]/where``.

    ``answers``: the versions shown beside the title, whose answers its ``${name}``
    references read as (``piped_label``); below a repeat entry, that entry's answers too.
    """
    found = _resolve(form, where)
    if not found:
        return where
    titles = []
    for element, number in found:
        label = " ".join(piped_label(form, element, language, answers).split())
        label = label or stamp_title(element, language) or element.name
        titles.append(f"{label} {number}" if number is not None else label)
        if isinstance(element, Repeat) and number is not None:
            answers = [_with_entry(versions, element.key, number) for versions in answers]
    return " › ".join(titles)


def _with_entry(answers: Answers, key: str, number: int) -> Answers:
    """Return ``answers`` with entry ``number`` of repeat ``key``'s answers beside them."""
    entries = _entries(answers, key)
    entry = entries[number - 1] if number <= len(entries) else {}
    return {**answers, **entry} if isinstance(entry, dict) else answers


def piped_label(
    form: Form, element: Element, language: str, answers: Sequence[Answers] = ()
) -> str:
    """Return ``element``'s label with each ``${name}`` read as the answer it pipes.

    The interviewer read "Comparing 2026 with 2014", not "Comparing ${ref_end} with
    ${ref_start}". Where every version in ``answers`` holds the same answer (as labels for
    a choice), the reference reads as it; where they differ, as each one in quotes in
    their order ("“2014” / “2016”", — for a version without one), so that the title names
    no version's answer over another's; where none holds one (or it lies in a repeat
    entry not named), as the question it names, in brackets: "[Year]". Without
    ``answers`` (no interview shown) the label stays as the form wrote it.
    """
    label = element.label(language)
    if "${" not in label or not answers:
        return label
    said = message_language(language)

    def answer(match: re.Match[str]) -> str:
        named = form.named(match.group(1))
        if named is None:
            return match.group(0)
        shown = [show_answer(named, versions.get(named.key), language).text for versions in answers]
        each = list(dict.fromkeys(shown))
        if each == [""]:  # the question it names, as every export label says it too
            return reference_said(form, match.group(1), language) or match.group(0)
        if len(each) == 1:
            return each[0]
        return " / ".join(text("conflicts.piped_each", said, answer=a) if a else "—" for a in each)

    return OUTPUT.sub(answer, label)


def _in_scope(scope: Group, key: str) -> Element | None:
    for element in walk_elements(scope):
        if element.key == key:
            return element
    return None


# --- conflicts: one row per question, one per repeat entry --------------------------------


def entry_row(key: str, number: int) -> str:
    return f"{key}[{number}]"


def _repeat_keys(form: Form | None, heads: Sequence[Answers]) -> set[str]:
    keys = {key for answers in heads for key, value in answers.items() if is_entries(value)}
    if form is not None:
        keys |= {e.key for e in walk_elements(form.root) if isinstance(e, Repeat)}
    return keys


def conflict_rows(form: Form | None, heads: Sequence[Answers], keys: Sequence[str]) -> list[str]:
    """Return the rows to choose from: ``keys`` in order, each repeat as one row per entry."""
    repeats = _repeat_keys(form, heads)
    rows: list[str] = []
    for key in keys:
        if key not in repeats:
            rows.append(key)
            continue
        longest = max((_entries(answers, key) for answers in heads), key=len, default=[])
        rows.extend(entry_row(key, number) for number in range(1, len(longest) + 1))
    return rows


def _entries(answers: Answers, key: str) -> list[Any]:
    value = answers.get(key)
    return value if isinstance(value, list) else []


def row_value(answers: Answers, row: str) -> Any:
    """Return what one head holds for a row: an answer, or one repeat entry (None: none)."""
    match = _ENTRY.match(row)
    if match:
        entries = _entries(answers, match.group("key"))
        number = int(match.group("number"))
        return entries[number - 1] if number <= len(entries) else None
    return answers.get(row)


DIFFERS_MARK = "≠ "
"""Before an entry's line whose answer the versions compared do not share."""


def show_row(
    form: Form | None,
    value: Any,
    row: str,
    language: str,
    answers: Answers | None = None,
    *,
    differing: Collection[str] = (),
) -> Shown:
    """Return a row's value for reading: an answer's labels, or an entry's labelled lines.

    ``answers``: the whole version the entry belongs to, whose answers (and the entry's)
    a ``${name}`` in its questions' labels reads as. ``differing``: the entry's questions
    (keys) the versions compared answer differently: their lines come first, marked with
    ``DIFFERS_MARK`` (an entry runs to dozens of lines, and the one that differs was the
    last of a cell cut short).
    """
    match = _ENTRY.match(row)
    element = element_at(form, row) if form is not None else None
    if match and isinstance(value, dict) and isinstance(element, Repeat):
        assert form is not None  # an element was found in it
        version = [{**(answers or {}), **value}]
        first: list[str] = []
        lines, codes = [], []
        for child in walk_elements(element):
            if child.key not in value:
                continue
            shown = show_answer(child, value[child.key], language)
            if shown.text:
                label = " ".join(piped_label(form, child, language, version).split())
                if not label:  # a calculation, a stamp: said as a row outside an entry is
                    stamp = stamp_title(child, language)
                    label = f"{stamp} ({child.name})" if stamp else child.name
                if child.key in differing:
                    first.append(f"{DIFFERS_MARK}{label}: {shown.text}")
                else:
                    lines.append(f"{label}: {shown.text}")
                if shown.codes:
                    codes.append(f"{child.key}: {shown.codes}")
        return Shown("\n".join(first + lines), "\n".join(codes))
    return show_answer(element, value, language)


def differing_in_entry(heads: Sequence[Answers], row: str) -> set[str]:
    """Return the keys of the questions an entry's versions answer differently (an entry
    one version lacks differs in every question the others answer)."""
    entries = [row_value(head, row) for head in heads]
    found = [entry if isinstance(entry, dict) else {} for entry in entries]
    keys = {key for entry in found for key in entry}
    return {
        key
        for key in keys
        if len({json.dumps(entry.get(key), sort_keys=True) for entry in found}) > 1
    }


def differing_rows(heads: Sequence[Answers], rows: Sequence[str]) -> set[str]:
    """Return the rows whose value is not the same in every head."""
    return {
        row
        for row in rows
        if len({json.dumps(row_value(h, row), sort_keys=True) for h in heads}) > 1
    }


def combine_rows(heads: Sequence[Answers], choices: Mapping[str, int], *, base: int = 0) -> Answers:
    """Return head ``base``'s answers with each chosen row taken from its head.

    A repeat is rebuilt entry by entry from the heads chosen for its rows; an entry chosen
    from a head that does not have it is left out.
    """
    combined = dict(heads[base])
    rebuilt: dict[str, dict[int, Any]] = {}
    answered = {key for head in heads for key in head}
    for row, index in choices.items():
        match = _ENTRY.match(row)
        if match and match.group("key") in answered:
            number = int(match.group("number"))
            rebuilt.setdefault(match.group("key"), {})[number] = row_value(heads[index], row)
            continue
        value = heads[index].get(row)
        if value is None:
            combined.pop(row, None)
        else:
            combined[row] = value
    for key, entries in rebuilt.items():
        kept = _entries(heads[base], key)
        numbers = range(1, max([len(kept), *entries]) + 1)
        chosen = [
            entries[n] if n in entries else (kept[n - 1] if n <= len(kept) else None)
            for n in numbers
        ]
        combined[key] = [entry for entry in chosen if entry is not None]
        if not combined[key]:
            combined.pop(key)
    return combined
