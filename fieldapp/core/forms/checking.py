"""What is wrong with a set of answers, said so a person can fix it (``Problem``).

A session finds what the form's logic refuses (a required answer missing, a constraint
or a type failed: ``Session.problems``); this module finds what no session can hold:
keys the form does not have, a group or entries given as a plain value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from fieldapp.core.forms.model import Answers, Element, Form, Group, Question, Ref, Repeat
from fieldapp.core.messages import text

ProblemKind = Literal["required", "constraint", "type"]


@dataclass(frozen=True)
class Problem:
    """Something finalizing must refuse: a missing required answer, a failed check."""

    ref: Ref
    element: Element
    kind: ProblemKind
    message: str


def unknown_keys(form: Form, answers: Answers, language: str) -> list[Problem]:
    """Return a problem for every answer key the form does not have, in ``language``."""
    return _unknown_keys(form, form.root, answers, (), language)


def _unknown_keys(
    form: Form, container: Group, answers: Answers, ref: Ref, language: str
) -> list[Problem]:
    known: dict[str, Element] = {}
    _keys_below(container, known)
    found: list[Problem] = []
    for key, value in answers.items():
        element = known.get(key)
        if element is None:
            message = text("engine.unknown_key", language, key=key, form=form.form_id)
            found.append(Problem((*ref, key), form.root, "type", message))
        elif isinstance(element, Repeat):
            if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
                message = text("engine.not_entries", language, repeat=key, value=_short(value))
                found.append(Problem((*ref, key), element, "type", message))
                continue
            for index, entry in enumerate(value):
                found += _unknown_keys(form, element, entry, (*ref, key, index), language)
        elif isinstance(element, Group):
            message = text("engine.group_keys", language, group=key, example=_keyed(element, value))
            found.append(Problem((*ref, key), element, "type", message))
        elif not isinstance(element, Question):
            message = text("engine.not_a_question", language, ref=key)
            found.append(Problem((*ref, key), element, "type", message))
    return found


def _keyed(group: Group, value: object) -> str:
    """Return how an answer inside ``group`` is keyed: ``"profile/org_founded": 1990``."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if not isinstance(inner, dict | list):
                shown = json.dumps(inner, ensure_ascii=False)
                shown = shown if len(shown) <= 40 else shown[:37] + "..."
                return f"{json.dumps(f'{group.key}/{name}', ensure_ascii=False)}: {shown}"
    first = next((e for e in group.walk() if isinstance(e, Question)), None)
    return json.dumps(first.key if first is not None else group.key, ensure_ascii=False) + ": …"


def _keys_below(group: Group, into: dict[str, Element]) -> None:
    for child in group.children:
        into[child.key] = child
        if isinstance(child, Group) and not isinstance(child, Repeat):
            _keys_below(child, into)


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
