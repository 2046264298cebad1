"""The small language of references in an XForm: refs, itemsets, predicates, outputs.

``absolute`` resolves a body ref against its group; ``ITEMSET`` reads
``[randomize(]instance('id')/path...`` and ``split_predicates`` the ``[...]`` after it (quotes
respected); ``close_randomize`` splits off ``randomize()``'s seed; ``output_name`` names an
``<output>`` as XLSForm writes ``${name}``; ``nodes_at`` follows a plain path in a data tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from fieldapp.core.forms.attached import DataNode

ITEMSET = re.compile(
    r"^\s*(?P<randomize>randomize\s*\(\s*)?instance\s*\(\s*(?P<q>['\"])(?P<id>[^'\"]+)(?P=q)\s*\)"
    r"(?P<path>(?:\s*/\s*[\w.\-]+(?::[\w.\-]+)?)+)\s*(?P<rest>.*)$",
    re.DOTALL,
)
ITEXT = re.compile(r"^\s*jr:itext\s*\(\s*(?P<q>['\"]?)(?P<id>[^'\")]+)(?P=q)\s*\)\s*$")
SIMPLE_PATH = re.compile(
    r"^\s*(?:/|\.\./|\./)?(?:[\w.\-]+:)?[\w.\-]+(?:/(?:[\w.\-]+:)?[\w.\-]+)*\s*$"
)


def absolute(ref: str, context: str) -> str:
    """Return ``ref`` read from ``context``; ``current()`` as a step is the context node."""
    ref = ref.strip()
    if ref.startswith("/"):
        return ref
    parts = context.strip("/").split("/") if context else []
    for step in ref.split("/"):
        if step == "..":
            parts = parts[:-1]
        elif step not in (".", "", "current()"):
            parts.append(step)
    return "/" + "/".join(parts)


def output_name(expression: str, taken: Mapping[str, str]) -> str:
    """Name an output by the node it shows (``${name}``), or ``output1``... for others."""
    base = expression.rstrip("/ ").rsplit("/", 1)[-1] if SIMPLE_PATH.match(expression) else ""
    base = base if base and base not in (".", "..") else "output"
    name, number = base, 1
    while name in taken and taken[name] != expression:
        number += 1
        name = f"{base}~{number}"
    return name


def _unquoted(text: str) -> Iterator[tuple[int, str]]:
    """Yield (index, character) of each character of ``text`` outside its quoted strings."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        else:
            yield index, char


def scan_brackets(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each top-level ``[...]`` of ``text``, quotes respected."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for index, char in _unquoted(text):
        if char == "[":
            if depth == 0:
                start = index
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                spans.append((start, index))
    return spans


def split_predicates(rest: str) -> tuple[list[str], str]:
    """Split ``[a][b] tail`` into its predicates' texts and what follows them."""
    predicates: list[str] = []
    position = 0
    for start, end in scan_brackets(rest):
        if rest[position:start].strip():
            break
        predicates.append(rest[start + 1 : end].strip())
        position = end + 1
    return predicates, rest[position:].strip()


def close_randomize(rest: str) -> tuple[str, str]:
    """Split the inside of ``randomize(instance(...)/root/item[...], seed)`` after the
    path: return the predicates part and the seed expression."""
    depth = 0
    comma = -1
    for index, char in _unquoted(rest):
        if char in "([":
            depth += 1
        elif char in ")]":
            if depth == 0 and char == ")":
                inside = rest[:index]
                if comma >= 0:
                    return inside[:comma], inside[comma + 1 :].strip()
                return inside, ""
            depth -= 1
        elif char == "," and depth == 0:
            comma = index
    return rest, ""


def seed_reference(seed: str) -> str:
    """A seed that is a path to a question becomes ``${name}``, as XLSForm writes it."""
    if seed and SIMPLE_PATH.match(seed) and not seed.strip().replace(".", "").isdigit():
        return "${" + seed.strip().rstrip("/").rsplit("/", 1)[-1] + "}"
    return seed


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def nodes_at(document: DataNode, steps: list[str]) -> list[DataNode]:
    """The nodes a plain path (``root/item``) reaches from an instance's root element."""
    if not steps or steps[0] != document.name:
        return []
    found = [document]
    for step in steps[1:]:
        found = [kid for node in found for kid in node.children if kid.name == step]
    return found
