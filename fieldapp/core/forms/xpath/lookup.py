"""Find the ``column = value`` terms of a choice filter that an index can answer.

A filter such as ``zone = ${city} and kind != 'x'`` is true of an item only if the item's
``zone`` equals the city's answer; that value is the same for every item, so it can be
computed once and looked up in an index of the list by ``zone``, and only the items found
need the whole filter. A list of 100,000 choices then costs a lookup, not 100,000
evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.core.forms.xpath.compiler import Expression
from fieldapp.core.forms.xpath.syntax import Binary, Call, Literal, Negate, Node, Number, Path

# Functions that read the context node (or its position) when given no argument.
_READS_CONTEXT = frozenset(
    {"position", "last", "string", "number", "string-length", "normalize-space", "name"}
    | {"local-name", "once"}
)


@dataclass(frozen=True)
class Lookup:
    """One ``column = key`` conjunct: ``key`` reads nothing of the item."""

    column: str
    key: Expression
    whole: bool
    """Whether the term is the whole filter: the items found pass, nothing to evaluate."""


def equality_lookups(expression: Expression) -> list[Lookup]:
    """Return the index lookups that narrow ``expression``'s items, best first."""
    found: list[Lookup] = []
    terms = _conjuncts(expression.tree)
    for term in terms:
        if not isinstance(term, Binary) or term.op != "=":
            continue
        for column_side, key_side in ((term.left, term.right), (term.right, term.left)):
            column = _child_name(column_side)
            if column is not None and _independent(key_side):
                key = Expression(expression.text, key_side, frozenset())
                found.append(Lookup(column, key, whole=len(terms) == 1))
                break
    return found


def _conjuncts(node: Node) -> list[Node]:
    if isinstance(node, Binary) and node.op == "and":
        return _conjuncts(node.left) + _conjuncts(node.right)
    return [node]


def _child_name(node: Node) -> str | None:
    """Return ``zone`` for the relative path ``zone`` (a child of the item), else None."""
    if not isinstance(node, Path) or node.start != "context" or node.filter is not None:
        return None
    if len(node.steps) != 1:
        return None
    step = node.steps[0]
    if step.axis != "child" or step.predicates or step.test in ("*", "node()"):
        return None
    return None if ":" in step.test else step.test


def _independent(node: Node) -> bool:
    """Whether ``node``'s value is the same whichever item is the context."""
    if isinstance(node, Literal | Number):
        return True
    if isinstance(node, Binary):
        return _independent(node.left) and _independent(node.right)
    if isinstance(node, Negate):
        return _independent(node.operand)
    if isinstance(node, Call):
        if node.name in ("position", "last"):
            return False
        if not node.args and node.name in _READS_CONTEXT:
            return False
        return all(_independent(arg) for arg in node.args)
    if node.start == "context":
        return False
    return node.filter is None or _independent(node.filter)
