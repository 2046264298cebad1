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

from fieldapp.core.forms.dependencies import OUTPUT
from fieldapp.core.forms.model import Form
from fieldapp.core.messages import text


def message_language(form_language: str) -> str:
    """Map a form language ("Español (es)", "es", "default") to a catalogue language."""
    folded = form_language.casefold()
    spanish = folded.endswith("(es)") or folded in ("es", "spanish") or folded.startswith("espa")
    return "es" if spanish else "en"


def reference_said(form: Form, name: str, language: str) -> str | None:
    """Return ``${name}`` as the question it names, ``[Date the mechanism ended]`` (its
    name where it has no label), or None where the form has no element of that name.

    A reference inside the referenced label reads as "…": a label is said once, not
    unfolded without end."""
    named = form.named(name)
    if named is None:
        return None
    label = " ".join(OUTPUT.sub("…", named.label(language)).split()) or named.name
    return text("conflicts.piped_unanswered", message_language(language), label=label)


def label_said(form: Form | None, label: str, language: str) -> str:
    """Return ``label`` with each ``${name}`` said as ``reference_said`` says it; a name
    the form does not know stays as written."""
    if form is None or "${" not in label:
        return label

    def said(found: re.Match[str]) -> str:
        return reference_said(form, found[1], language) or found[0]

    return OUTPUT.sub(said, label)
