"""Write an interview as the OpenRosa instance XML ODK Collect submits for the same answers.

The root element is the form's root (``<data>``) with the form's ``id`` and ``version``
attributes and the namespaces Collect declares; every node of the form follows in form
order: groups nest, each repeat instance is one element (none when there is none, never
the template), a question holds its value as ODK writes it (select_multiple
space-separated, dates ``YYYY-MM-DD``, geopoints ``lat lon alt accuracy``, numbers without
``.0``, attachments by file name) and an unanswered one is an empty element.
A node that is not relevant is left out, as ODK's engines do when they serialize.
``meta/instanceID`` carries the interview's ``uuid:`` id; ODK reads the result back as an
edit of the same form.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.instance import Node
from fieldapp.core.forms.model import Answers, Form, Group, Question, QuestionType
from fieldapp.core.forms.values import instance_text, odk_string

__all__ = ["NAMESPACES", "instance_xml"]

_NAME = re.compile(r"<([\w.\-]+:[\w.\-]+)")
_GEO = frozenset({QuestionType.GEOPOINT, QuestionType.GEOTRACE, QuestionType.GEOSHAPE})

NAMESPACES = {
    "jr": "http://openrosa.org/javarosa",
    "orx": "http://openrosa.org/xforms",
    "odk": "http://www.opendatakit.org/xforms",
}
"""The prefixes Collect declares on a submission's root (an element may use ``orx:``)."""


def instance_xml(form: Form, answers: Answers, *, instance_id: str = "") -> bytes:
    """Return the instance XML of ``answers`` (an interview's record) for ``form``.

    ``instance_id`` (``uuid:...``) fills ``meta/instanceID`` when the answers have none.
    """
    session = Session(form, answers)
    given_id = answers.get("meta/instanceID")
    if instance_id and not given_id and session.root.by_key is not None:
        found = session.root.by_key.get("meta/instanceID")
        if isinstance(found, Node):
            found.raw = instance_id
    root = session.root
    attributes = [f"id={quoteattr(form.form_id)}"]
    if form.version:
        attributes.append(f"version={quoteattr(form.version)}")
    body: list[str] = []
    for child in root.children():
        _write(child, body)
    declared = {**NAMESPACES, **form.settings.get("namespaces", {})}
    used = {name.split(":")[0] for name in _NAME.findall("".join(body)) if ":" in name}
    wanted = {
        prefix: uri for prefix, uri in declared.items() if prefix in NAMESPACES or prefix in used
    }
    attributes += [f"xmlns:{prefix}={quoteattr(uri)}" for prefix, uri in wanted.items()]
    parts = [f"<{root.name} {' '.join(attributes)}>", *body, f"</{root.name}>"]
    return ("<?xml version='1.0' encoding='UTF-8' ?>" + "".join(parts)).encode("utf-8")


def _write(node: Node, parts: list[str]) -> None:
    if not node.relevant:
        return
    element = node.element
    if isinstance(element, Group):
        kids = node.children()
        if not kids:
            parts.append(f"<{node.name}/>")
            return
        parts.append(f"<{node.name}>")
        for kid in kids:
            _write(kid, parts)
        parts.append(f"</{node.name}>")
        return
    assert isinstance(element, Question)
    value = node.answer()
    text = odk_string(value) if isinstance(value, list) else instance_text(value)
    if element.type in _GEO and text:
        text = _geo(text)
    if text == "":
        parts.append(f"<{node.name}/>")
    else:
        parts.append(f"<{node.name}>{escape(text)}</{node.name}>")


def _geo(text: str) -> str:
    """Write each point's numbers as ODK does (doubles: ``31.7 -106.4 0.0 0.0``, points
    joined by ``;``); a value that is not numbers stays as it was typed."""
    points = []
    for point in text.split(";"):
        numbers = []
        for part in point.split():
            try:
                number = float(part)
            except ValueError:
                return text
            numbers.append(f"{number:.1f}" if number.is_integer() else repr(number))
        points.append(" ".join(numbers))
    return ";".join(points)
