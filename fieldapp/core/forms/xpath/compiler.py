"""Compile a syntax tree once into a tree of small closures, and evaluate it."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

from fieldapp.core.forms.xpath import datetimes, numbers  # noqa: F401 (they register functions)
from fieldapp.core.forms.xpath.functions import EvaluationFailure, known
from fieldapp.core.forms.xpath.runtime import (
    Context,
    Document,
    Evaluator,
    equal,
    in_document_order,
    not_equal,
    relate,
    top_of,
)
from fieldapp.core.forms.xpath.syntax import (
    Binary,
    Call,
    Literal,
    Negate,
    Node,
    Number,
    Path,
    Resolve,
    Step,
    XPathError,
    parse,
)
from fieldapp.core.forms.xpath.values import (
    Env,
    XNode,
    XValue,
    clock_zone,
    to_boolean,
    to_number,
    to_string,
)

Axis = Callable[[XNode], Sequence[XNode]]


def _ancestors(node: XNode) -> list[XNode]:
    found: list[XNode] = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    found.reverse()
    return found


def _descendants(node: XNode) -> list[XNode]:
    found: list[XNode] = []
    for child in node.children():
        found.append(child)
        found.extend(_descendants(child))
    return found


def _siblings(node: XNode, after: bool) -> list[XNode]:
    parent = node.parent
    if parent is None:
        return []
    siblings = list(parent.children())
    index = next(i for i, child in enumerate(siblings) if child is node)
    return siblings[index + 1 :] if after else siblings[:index]


def _parent(node: XNode) -> Sequence[XNode]:
    parent = node.parent
    return () if parent is None else (parent,)


AXES: dict[str, Axis] = {
    "child": lambda node: node.children(),
    "self": lambda node: (node,),
    "parent": _parent,
    "ancestor": _ancestors,
    "ancestor-or-self": lambda node: [*_ancestors(node), node],
    "descendant": _descendants,
    "descendant-or-self": lambda node: [node, *_descendants(node)],
    "following-sibling": lambda node: _siblings(node, after=True),
    "preceding-sibling": lambda node: _siblings(node, after=False),
    "attribute": lambda node: (),
}


def _name_test(test: str) -> Callable[[XNode], bool] | None:
    if test in ("node()", "*"):
        return None
    if test.endswith(":*"):
        prefix = test[:-1]
        return lambda node: node.name.startswith(prefix)
    local = test.split(":", 1)[1] if ":" in test else test
    return lambda node: node.name == test or node.name == local


class _Compiler:
    def __init__(self, text: str) -> None:
        self.text = text

    def compile(self, node: Node) -> Evaluator:
        if isinstance(node, Literal):
            text = node.value
            return lambda ctx: text
        if isinstance(node, Number):
            number = node.value
            return lambda ctx: number
        if isinstance(node, Negate):
            operand = self.compile(node.operand)
            return lambda ctx: -ctx.number(operand(ctx))
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.call(node)
        return self.path(node)

    def binary(self, node: Binary) -> Evaluator:
        left, right = self.compile(node.left), self.compile(node.right)
        op = node.op
        if op == "or":
            return lambda ctx: _or(ctx, left, right)
        if op == "and":
            return lambda ctx: _and(ctx, left, right)
        if op == "=":
            return lambda ctx: equal(left(ctx), right(ctx), ctx)
        if op == "!=":
            return lambda ctx: not_equal(left(ctx), right(ctx), ctx)
        if op in ("<", "<=", ">", ">="):
            return lambda ctx: relate(op, left(ctx), right(ctx), ctx)
        if op == "|":
            return lambda ctx: _union(left(ctx), right(ctx))
        arithmetic = _ARITHMETIC[op]
        return lambda ctx: _arithmetic(ctx, arithmetic, left, right)

    def call(self, node: Call) -> Evaluator:
        function = known(node.name)
        if function is None:
            raise XPathError("xpath.unknown_function", self.text, node.position, node.name)
        count = len(node.args)
        if count < function.minimum or (function.maximum is not None and count > function.maximum):
            raise XPathError(
                "xpath.wrong_arguments",
                self.text,
                node.position,
                node.name,
                expected=_arity_text(function.minimum, function.maximum),
                count=count,
            )
        args = [self.compile(arg) for arg in node.args]
        impl = function.call
        return lambda ctx: impl(ctx, args)

    def path(self, node: Path) -> Evaluator:
        steps = [self.step(step) for step in node.steps]
        if node.start == "root":
            return lambda ctx: _walk([ctx.document], steps, ctx)
        if node.start == "context":
            return lambda ctx: _walk([ctx.node], steps, ctx)
        assert node.filter is not None
        base = self.compile(node.filter)
        predicates = [self.predicate(p) for p in node.filter_predicates]

        def filtered(ctx: Context) -> XValue:
            value = base(ctx)
            if not isinstance(value, list):
                raise EvaluationFailure("xpath.not_nodeset", "/")
            for predicate in predicates:
                value = predicate(value, ctx)
            return _walk(value, steps, ctx)

        return filtered

    def step(self, step: Step) -> Callable[[list[XNode], Context], list[XNode]]:
        predicates = [self.predicate(p) for p in step.predicates]
        if step.axis == "child" and ":" not in step.test and step.test not in ("*", "node()"):
            name = step.test

            # the common step, kept lean: children of distinct nodes are distinct, in order
            def children(nodes: list[XNode], ctx: Context) -> list[XNode]:
                found: list[XNode] = []
                for node in nodes:
                    # The main instance finds a child by name at once; scanning every
                    # child made a form of 10,000 questions quadratic.
                    named = getattr(node, "children_named", None)
                    if named is not None:
                        found.extend(named(name))
                    else:
                        found.extend(c for c in node.children() if c.name == name)
                for predicate in predicates:
                    found = predicate(found, ctx)
                return found

            return children
        axis = AXES[step.axis]
        test = _name_test(step.test)
        reorder = step.axis in ("parent", "ancestor", "ancestor-or-self", "preceding-sibling")
        reorder = reorder or step.axis.startswith("descendant")

        def run(nodes: list[XNode], ctx: Context) -> list[XNode]:
            found: list[XNode] = []
            for node in nodes:
                for candidate in axis(node):
                    if test is None or test(candidate):
                        found.append(candidate)
            if reorder or len(nodes) > 1:
                found = in_document_order(found) if reorder else _unique(found)
            for predicate in predicates:
                found = predicate(found, ctx)
            return found

        return run

    def predicate(self, node: Node) -> Callable[[list[XNode], Context], list[XNode]]:
        if isinstance(node, Number | Negate):
            constant = self.compile(node)

            def at_position(nodes: list[XNode], ctx: Context) -> list[XNode]:
                wanted = ctx.number(constant(ctx))
                if wanted != int(wanted) if not math.isnan(wanted) else True:
                    return []
                index = int(wanted) - 1
                return [nodes[index]] if 0 <= index < len(nodes) else []

            return at_position
        condition = self.compile(node)

        def keep(nodes: list[XNode], ctx: Context) -> list[XNode]:
            size = len(nodes)
            kept: list[XNode] = []
            for position, candidate in enumerate(nodes, start=1):
                result = condition(ctx.at(candidate, position, size))
                if isinstance(result, float):
                    if result == position:
                        kept.append(candidate)
                elif to_boolean(result):
                    kept.append(candidate)
            return kept

        return keep


_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "div": lambda x, y: _divide(x, y),
    "mod": lambda x, y: math.fmod(x, y) if y != 0 and not math.isinf(x) else math.nan,
}


def _divide(x: float, y: float) -> float:
    if y == 0:
        if x == 0 or math.isnan(x):
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _arithmetic(
    ctx: Context, operation: Callable[[float, float], float], left: Evaluator, right: Evaluator
) -> float:
    x = ctx.number(left(ctx))
    if math.isnan(x):
        return math.nan
    y = ctx.number(right(ctx))
    if math.isnan(y):
        return math.nan
    try:
        return operation(x, y)
    except OverflowError:
        return math.nan


def _or(ctx: Context, left: Evaluator, right: Evaluator) -> XValue:
    # ODK's engine returns the deciding operand itself, not its boolean
    value = left(ctx)
    return value if to_boolean(value) else right(ctx)


def _and(ctx: Context, left: Evaluator, right: Evaluator) -> XValue:
    value = left(ctx)
    return right(ctx) if to_boolean(value) else value


def _union(a: XValue, b: XValue) -> XValue:
    if not isinstance(a, list) or not isinstance(b, list):
        raise EvaluationFailure("xpath.not_nodeset", "|")
    return in_document_order(a + b)


def _unique(nodes: list[XNode]) -> list[XNode]:
    return list({id(node): node for node in nodes}.values())


def _walk(
    nodes: list[XNode],
    steps: list[Callable[[list[XNode], Context], list[XNode]]],
    ctx: Context,
) -> list[XNode]:
    for step in steps:
        nodes = step(nodes, ctx)
    return nodes


def _arity_text(minimum: int, maximum: int | None) -> str:
    if maximum is None:
        return f"{minimum}+"
    return str(minimum) if minimum == maximum else f"{minimum}-{maximum}"


@lru_cache(maxsize=256)
def _path_expression(text: str) -> Expression:
    return compile_expression(text)


def select_nodes(text: str, ctx: Context) -> list[XNode]:
    """Evaluate a path given as text (``jr:choice-name``'s second argument) in ``ctx``."""
    try:
        found = _path_expression(text)._evaluator(ctx)
    except XPathError:
        return []
    return found if isinstance(found, list) else []


class Expression:
    """An XPath expression compiled once; evaluate it as often as answers change."""

    def __init__(self, text: str, tree: Node, function_names: frozenset[str]) -> None:
        self.text = text
        self.tree = tree
        self.function_names = function_names
        self._evaluator = _Compiler(text).compile(tree)

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    def evaluate(self, node: XNode, env: Env) -> XValue:
        """Evaluate with ``node`` as the context node (``.``); ``env`` gives the rest."""
        current = getattr(env, "current", None) or node
        # Absolute paths read the main instance, even in a choice filter whose context is
        # an item of a secondary instance: current() is always in the main one.
        ctx = Context(node, 1, 1, env, Document(top_of(current)), current)
        try:
            return self._evaluator(ctx)
        except EvaluationFailure as failure:
            raise XPathError(failure.code, self.text, 0, failure.detail) from None
        except RecursionError:
            raise XPathError("xpath.too_deep", self.text, 0) from None
        except (ArithmeticError, ValueError) as error:
            # a corner no function above foresaw: still a message, never a traceback
            raise XPathError("xpath.not_computable", self.text, 0, str(error)) from None

    def evaluate_string(self, node: XNode, env: Env) -> str:
        return to_string(self.evaluate(node, env))

    def evaluate_number(self, node: XNode, env: Env) -> float:
        return to_number(self.evaluate(node, env), clock_zone(env.now()))

    def evaluate_boolean(self, node: XNode, env: Env) -> bool:
        return to_boolean(self.evaluate(node, env))

    def references(self, context_path: str) -> frozenset[str]:
        """Return the absolute element paths the value depends on (see the package doc)."""
        from fieldapp.core.forms.xpath.references import collect_references

        return collect_references(self.tree, context_path)


def compile_expression(text: str, resolve: Resolve | None = None) -> Expression:
    """Compile ``text``; ``${name}`` goes through ``resolve(name)`` to an XPath path."""
    tree, calls = parse(text, resolve)
    expression = Expression(text, tree, frozenset(call.name for call in calls))
    return expression
