"""Which answers an expression reads: the edges of the form's dependency graph."""

from __future__ import annotations

from fieldapp.core.forms.xpath.syntax import Binary, Call, Negate, Node, Path

_CONTEXT_READERS = frozenset({"string", "number", "string-length", "normalize-space", "once"})


def collect_references(tree: Node, context_path: str) -> frozenset[str]:
    """Return absolute element paths (no predicates) read by ``tree``.

    Relative paths resolve against ``context_path``; paths into ``instance(...)`` are left
    out. A wildcard or ``//`` step ends the path at the deepest known element: that
    reference then stands for everything below it.
    """
    found: set[str] = set()
    own = _split(context_path)
    _collect(tree, own, own, found)
    return frozenset(found)


def _split(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def _collect(node: Node, base: list[str] | None, own: list[str], found: set[str]) -> None:
    if isinstance(node, Binary):
        _collect(node.left, base, own, found)
        _collect(node.right, base, own, found)
    elif isinstance(node, Negate):
        _collect(node.operand, base, own, found)
    elif isinstance(node, Call):
        for arg in node.args:
            _collect(arg, base, own, found)
        if not node.args and node.name in _CONTEXT_READERS and base:
            found.add("/" + "/".join(base))
    elif isinstance(node, Path):
        _collect_path(node, base, own, found)


def _collect_path(node: Path, base: list[str] | None, own: list[str], found: set[str]) -> None:
    current: list[str] | None
    if node.start == "root":
        current = []
    elif node.start == "context":
        current = None if base is None else list(base)
    else:
        assert node.filter is not None
        if isinstance(node.filter, Call) and node.filter.name == "current":
            current = list(own)
        else:
            _collect(node.filter, base, own, found)
            current = None
        for predicate in node.filter_predicates:
            _collect(predicate, current, own, found)
    for step in node.steps:
        if current is not None:
            if step.axis == "parent":
                if current:
                    current.pop()
            elif step.axis == "self":
                pass
            elif step.axis == "child" and step.test not in ("*", "node()"):
                current.append(step.test)
            else:
                if current:
                    found.add("/" + "/".join(current))
                current = None
        for predicate in step.predicates:
            _collect(predicate, current, own, found)
    if current:
        found.add("/" + "/".join(current))
