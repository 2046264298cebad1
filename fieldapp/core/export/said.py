"""Labels said in words: a piped ``${name}`` as the question it names, a calculation as what
it computes.

A form's label pipes answers in (``Comparing ${ref_end} with ${ref_start}``) and a
calculation has no label at all; an analyst opening the export reads neither an answer nor
syntax. The supervisor's desk (``answer_rows.piped_label``) and every export label (Stata,
SPSS, load.R, the codebook, value labels) say a reference alike: the referenced question's
label in brackets, ``[Date the mechanism ended]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fieldapp.core.forms.dependencies import OUTPUT
from fieldapp.core.forms.model import Form, Question, QuestionType
from fieldapp.core.messages import text

INSTANCE_ID_KEY = "meta/instanceID"
INSTANCE_NAME_KEY = "meta/instanceName"
"""The calculations ODK adds to every form: the interview's ODK id and its name (the
form's ``instance_name``). Said as what they are, not as "Calculated from…"."""

CALCULATED_ROOM = 80
"""UTF-8 bytes of the tightest variable label (Stata): a calculation says its references
as labels only where the whole still fits there, else as the form wrote them."""


def message_language(form_language: str) -> str:
    """Map a form language ("Español (es)", "es", "default") to a catalogue language."""
    folded = form_language.casefold()
    spanish = folded.endswith("(es)") or folded in ("es", "spanish") or folded.startswith("espa")
    return "es" if spanish else "en"


def matching_language(languages: Iterable[str], name: str) -> str | None:
    """Return which of ``languages`` (a form version's) is the language another version
    names ``name``: the same name; else the same code in parentheses where both have one
    (*Español (es)*, *Spanish (es)*); else the same name without its code, in any case
    (*Español*, *español (es)*). None where none is.

    A study renames a language column between rounds (``label::Español``, then
    ``label::Español (es)``); an older round's labels are read under its own name.
    """
    languages = tuple(languages)
    if name in languages:
        return name
    code, bare = _language_parts(name)
    parts = [(language, *_language_parts(language)) for language in languages]
    if code:
        for language, other_code, _ in parts:
            if other_code == code:
                return language
    return next((language for language, _, other in parts if other == bare), None)


def own_language(form: Form | None, language: str) -> str:
    """Return ``form``'s own name for ``language``, the export's (its newest version's)
    name: what an older version's labels are read under (``matching_language``). A
    language the form does not have stays as it is (its labels fall back as before)."""
    if form is None or language in form.languages:
        return language
    return matching_language(form.languages, language) or language


def _language_parts(name: str) -> tuple[str, str]:
    """Return the code in parentheses (``es``, or "") and the rest, both case-folded."""
    folded = " ".join(name.casefold().split())
    if folded.endswith(")") and "(" in folded:
        bare, _, code = folded[:-1].rpartition("(")
        return code.strip(), bare.strip()
    return "", folded


def reference_said(form: Form, name: str, language: str) -> str | None:
    """Return ``${name}`` as the question it names, ``[Date the mechanism ended]`` (its
    name where it has no label), or None where the form has no element of that name.

    A reference inside the referenced label reads as "…": a label is said once, not
    unfolded without end."""
    named = form.named(name)
    if named is None:
        return None
    own = named.label(own_language(form, language))
    label = " ".join(OUTPUT.sub("…", own).split()) or named.name
    return text("conflicts.piped_unanswered", message_language(language), label=label)


def label_said(form: Form | None, label: str, language: str) -> str:
    """Return ``label`` with each ``${name}`` said as ``reference_said`` says it; a name
    the form does not know stays as written."""
    if form is None or "${" not in label:
        return label

    def said(found: re.Match[str]) -> str:
        return reference_said(form, found[1], language) or found[0]

    return OUTPUT.sub(said, label)


def calculation_said(form: Form | None, question: Question, language: str) -> str | None:
    """Return what a calculation without a label holds, in ``language``; None for any other
    question. The first of these that fits the tightest label (Stata's 80 bytes):

    1. its formula, each reference as the question's label (``Calculated:
       count-selected([Sectors])``);
    2. its formula as the form's author wrote it (``count-selected(${mech_sectors})``);
    3. the questions it reads, as labels, then as names (``Calculated from [Sectors],
       [Parties]``, ``Calculated from mech_sectors, mech_parties``);
    4. as many of their names as fit, in the formula's order, then "…";
    5. failing all, the written formula, cut as any long label is.

    The codebook's label column says the same words, its calculation column the whole
    formula: a label is what tells an analyst which variable to open.
    """
    if question.type is not QuestionType.CALCULATE:
        return None
    said = message_language(language)
    if question.key == INSTANCE_ID_KEY:
        return text("export.instance_id", said)
    formula = _formula(question)
    if question.key == INSTANCE_NAME_KEY:
        return _instance_name(form, formula, language)
    if not formula:
        return None
    whole = text("export.calculated", said, formula=formula)
    tries = [text("export.calculated", said, formula=label_said(form, formula, language)), whole]
    names = list(dict.fromkeys(found[1] for found in OUTPUT.finditer(formula)))
    if names:
        labels = [(reference_said(form, n, language) if form else None) or n for n in names]
        tries += [text("export.calculated_from", said, inputs=", ".join(labels))]
        tries += [_inputs(names, said)]
    for label in tries:
        if len(label.encode()) <= CALCULATED_ROOM:
            return label
    return whole


def _formula(question: Question) -> str:
    """Return a calculation's formula as written, on one line ("" when it has none)."""
    written = question.bind.source.get("calculation") or ""
    if not written and question.bind.calculation is not None:
        written = question.bind.calculation.text
    return " ".join(written.split())


def _instance_name(form: Form | None, formula: str, language: str) -> str:
    """``Interview name: [City], [Date of the interview]``, or without the questions
    it reads where they do not fit the tightest label (the codebook has the formula)."""
    said = message_language(language)
    names = list(dict.fromkeys(found[1] for found in OUTPUT.finditer(formula)))
    if names:
        labels = [(reference_said(form, n, language) if form else None) or n for n in names]
        label = text("export.instance_name_from", said, inputs=", ".join(labels))
        if len(label.encode()) <= CALCULATED_ROOM:
            return label
    return text("export.instance_name", said)


def _inputs(names: list[str], said: str) -> str:
    """``Calculated from a, b, …``: as many of ``names`` as fit, in the formula's order."""
    for count in range(len(names), 0, -1):
        listed = ", ".join(names[:count]) + (", …" if count < len(names) else "")
        label = text("export.calculated_from", said, inputs=listed)
        if len(label.encode()) <= CALCULATED_ROOM:
            return label
    return text("export.calculated_from", said, inputs=names[0] + ", …")
