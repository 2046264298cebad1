"""Read an OpenRosa instance XML (what Collect submits, what Central serves) as answers.

The inverse of ``forms.instance_xml``: the form says where each answer lives, so the
document is walked along the form, not the other way round. A question's text becomes
the typed answer the store keeps (``values.coerce_answer``: numbers, select_multiple
lists, dates); an empty element is an unanswered question and is left out, as a
finalized record leaves it out; a repeat becomes the list of its instances. Elements
the form does not define are ignored (Central adds none, but an older form version's
instance may carry them); a value that does not fit its question refuses the whole
instance, naming the question.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element as XmlElement

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from fieldapp.core.forms.model import Answers, Element, Form, Group, Question, QuestionType, Repeat
from fieldapp.core.forms.values import coerce_answer
from fieldapp.core.messages import FieldappError

_NO_VALUE = frozenset({QuestionType.NOTE})


def read_instance(form: Form, xml: bytes, *, source: str) -> Answers:
    """Return the answers ``xml`` holds for ``form``; ``source`` names it in messages."""
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise FieldappError("pull.instance_unreadable", source=source) from None
    if _local(root.tag) != form.root.name:
        raise FieldappError(
            "pull.instance_other_form", source=source, form_id=form.form_id, root=root.tag
        )
    answers: dict[str, Any] = {}
    _read(form.root.children, root, answers, source)
    return answers


def root_attributes(xml: bytes) -> dict[str, str]:
    """Return the root element's attributes (``id``, ``version``), or {} if unreadable."""
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return {}
    return {_local(name): value for name, value in root.attrib.items()}


def _read(
    elements: tuple[Element, ...],
    node: XmlElement,
    answers: dict[str, Any],
    source: str,
) -> None:
    """Fill ``answers`` (one container: the root or a repeat instance) from ``node``."""
    by_name = _children(node)
    for element in elements:
        found = by_name.get(_local(element.name), [])
        if isinstance(element, Repeat):
            instances = []
            for item in found:
                inner: dict[str, Any] = {}
                _read(element.children, item, inner, source)
                instances.append(inner)
            if instances:
                answers[element.key] = instances
        elif isinstance(element, Group):
            if found:
                _read(element.children, found[0], answers, source)
        elif isinstance(element, Question) and found and element.type not in _NO_VALUE:
            text = found[0].text or ""
            if text.strip() == "":
                continue
            try:
                value = coerce_answer(element, text, as_stored=True)
            except FieldappError as error:
                raise FieldappError(
                    "pull.instance_bad_value",
                    source=source,
                    question=element.key,
                    reason=error.message,
                ) from None
            if value is not None:
                answers[element.key] = value


def _children(node: XmlElement) -> dict[str, list[XmlElement]]:
    named: dict[str, list[XmlElement]] = {}
    for child in node:
        if isinstance(child.tag, str):
            named.setdefault(_local(child.tag), []).append(child)
    return named


def _local(tag: str) -> str:
    """``{namespace}name`` or ``prefix:name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
