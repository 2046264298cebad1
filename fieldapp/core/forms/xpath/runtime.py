"""What an evaluation carries: the context node, position and size, and the environment."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import tzinfo

from fieldapp.core.forms.xpath.values import (
    Env,
    XNode,
    XValue,
    clock_zone,
    js_number,
    looks_like_date,
    string_to_number,
    string_value,
    to_boolean,
    to_number,
    to_string,
)


class Document:
    """The document node above a tree's root element, so ``/data/...`` can select it."""

    __slots__ = ("root",)

    def __init__(self, root: XNode) -> None:
        self.root = root

    @property
    def name(self) -> str:
        return ""

    @property
    def parent(self) -> XNode | None:
        return None

    def children(self) -> Sequence[XNode]:
        return (self.root,)

    def value(self) -> str:
        return string_value(self.root)


class Context:
    """One evaluation step's context: node, position among its siblings, and the rest."""

    __slots__ = ("_tz", "current", "document", "env", "node", "position", "size")

    def __init__(
        self,
        node: XNode,
        position: int,
        size: int,
        env: Env,
        document: Document,
        current: XNode,
        tz: tzinfo | bool | None = False,
    ) -> None:
        self.node = node
        self.position = position
        self.size = size
        self.env = env
        self.document = document
        self.current = current
        self._tz = tz
        """The clock's time zone; False until a date conversion first asks for it."""

    @property
    def tz(self) -> tzinfo | None:
        zone = self._tz
        if zone is False:
            zone = self._tz = clock_zone(self.env.now())
        return zone if isinstance(zone, tzinfo) else None

    def at(self, node: XNode, position: int = 1, size: int = 1) -> Context:
        return Context(node, position, size, self.env, self.document, self.current, self._tz)

    def number(self, value: XValue) -> float:
        """Return XPath's number() of ``value``; the clock is read only for a date."""
        if isinstance(value, float):
            return value
        if isinstance(value, str):
            return math.nan if value == "" else self._text_number(value)
        if isinstance(value, list):
            return self.node_number(value[0]) if value else math.nan
        return to_number(value, None)

    def node_number(self, node: XNode) -> float:
        text = string_value(node)
        return self._text_number(text) if text.strip(" \t\r\n") else math.nan

    def _text_number(self, text: str) -> float:
        return string_to_number(text, self.tz) if looks_like_date(text) else js_number(text)


Evaluator = Callable[[Context], XValue]


def top_of(node: XNode) -> XNode:
    while True:
        parent = node.parent
        if parent is None:
            return node
        node = parent


def document_order_key(node: XNode) -> tuple[int, ...]:
    indices: list[int] = []
    while True:
        parent = node.parent
        if parent is None:
            indices.append(id(node))
            break
        siblings = parent.children()
        indices.append(next(i for i, child in enumerate(siblings) if child is node))
        node = parent
    indices.reverse()
    return tuple(indices)


def in_document_order(nodes: list[XNode]) -> list[XNode]:
    unique = list({id(node): node for node in nodes}.values())
    if len(unique) < 2:
        return unique
    return sorted(unique, key=document_order_key)


def is_descendant(ancestor: XNode, node: XNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return isinstance(ancestor, Document) and top_of(node) is ancestor.root


# --- comparisons, as ODK's engine makes them ---------------------------------------------------


def _scalar_equal(a: XValue, b: XValue, ctx: Context) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return to_boolean(a) == to_boolean(b)
    if isinstance(a, float) or isinstance(b, float):
        return ctx.number(a) == ctx.number(b)
    return to_string(a) == to_string(b)


def _node_equal(node: XNode, other: XValue, ctx: Context) -> bool:
    if isinstance(other, bool):
        return bool(string_value(node).strip(" \t\r\n")) == other
    if isinstance(other, float):
        return ctx.node_number(node) == other
    if isinstance(other, str):
        return string_value(node) == other
    return any(string_value(node) == string_value(o) for o in other)


def equal(a: XValue, b: XValue, ctx: Context) -> bool:
    if isinstance(a, bool):
        return a == to_boolean(b)
    if isinstance(a, list):
        if isinstance(b, bool):
            return bool(a) == b
        return any(_node_equal(node, b, ctx) for node in a)
    if isinstance(b, list):
        return any(_node_equal(node, a, ctx) for node in b)
    return _scalar_equal(a, b, ctx)


def not_equal(a: XValue, b: XValue, ctx: Context) -> bool:
    if isinstance(a, bool):
        return a != to_boolean(b)
    if isinstance(a, list):
        if isinstance(b, bool):
            return bool(a) != b
        if isinstance(b, list):
            return any(string_value(x) != string_value(y) for x in a for y in b)
        return any(not _node_equal(node, b, ctx) for node in a)
    if isinstance(b, list):
        return any(not _node_equal(node, a, ctx) for node in b)
    return not _scalar_equal(a, b, ctx)


_RELATIONS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda x, y: x < y,
    "<=": lambda x, y: x <= y,
    ">": lambda x, y: x > y,
    ">=": lambda x, y: x >= y,
}


def relate(op: str, a: XValue, b: XValue, ctx: Context) -> bool:
    """Compare as numbers; a node-set side holds when any of its nodes does."""
    test = _RELATIONS[op]
    left = [ctx.node_number(n) for n in a] if isinstance(a, list) else [ctx.number(a)]
    right = [ctx.node_number(n) for n in b] if isinstance(b, list) else [ctx.number(b)]
    return any(test(x, y) for x in left for y in right if not (math.isnan(x) or math.isnan(y)))
