"""Read an XPath 1.0 expression (with XLSForm ``${name}`` references) into a syntax tree."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fieldapp.core.messages import FieldappError


class XPathError(FieldappError):
    """An expression that cannot be compiled or evaluated: code, expression, position."""

    def __init__(
        self, code: str, expression: str, position: int = 0, detail: str = "", **extra: object
    ) -> None:
        self.expression = expression
        self.position = position
        """0-based character offset in ``expression`` (messages show it 1-based)."""
        self.detail = detail
        super().__init__(
            code,
            expression=quoted(expression, position),
            position=position + 1,
            detail=quoted(detail, 0, QUOTED_DETAIL),
            **extra,
        )


QUOTED_CHARS = 80
"""The most characters of an expression a message quotes: a form's expression may be
100 KB (an XForm's bind), and a message is one line a person reads."""
QUOTED_DETAIL = 40
"""The most characters of the token or text a message names besides (a long name...)."""


def quoted(text: str, position: int = 0, width: int = QUOTED_CHARS) -> str:
    """Return ``text`` as a message quotes it: whole when short, else the ``width``
    characters around ``position`` (0-based), with ``…`` where it was cut; its line breaks
    and tabs as spaces, so the message stays one line."""
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if len(flat) <= width:
        return flat
    start = max(0, min(position - width // 2, len(flat) - width))
    end = start + width
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


# --- syntax tree ------------------------------------------------------------------------------
# In the order of XPath 1.0's grammar: primary expressions (literals, numbers, function
# calls), location paths and their steps, then the operators over them.


@dataclass(frozen=True, slots=True)
class Literal:
    value: str


@dataclass(frozen=True, slots=True)
class Number:
    value: float


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Path:
    start: str
    """``root`` (``/...``), ``context`` (relative) or ``filter`` (``instance('x')/...``)."""
    steps: tuple[Step, ...]
    filter: Node | None = None
    filter_predicates: tuple[Node, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    axis: str
    test: str
    """An element name (``item``, ``jr:x``), ``*``, or ``node()``."""
    predicates: tuple[Node, ...] = ()


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Node


Node = Literal | Number | Call | Path | Binary | Negate


# --- tokens -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    """``number``, ``string``, ``name``, ``op`` or ``end``."""
    text: str
    position: int


_NAME = r"[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*"
_TOKEN = re.compile(
    rf"""(?P<space>\s+)
    |(?P<number>\d+(?:\.\d*)?|\.\d+)
    |(?P<string>"[^"]*"|'[^']*')
    |(?P<ref>\$\{{[^}}]*\}})
    |(?P<name>{_NAME}(?::(?:{_NAME}|\*))?)
    |(?P<op>//|::|\.\.|!=|<=|>=|[/\[\]().,@|+\-=<>*])
    """,
    re.VERBOSE,
)
_REF_IN_TEXT = re.compile(r"\$\{([^}]*)\}")
_OPERATOR_NAMES = frozenset({"and", "or", "div", "mod"})
_NODE_TYPES = frozenset({"node", "text", "comment", "processing-instruction"})
AXES = frozenset(
    {
        "child",
        "self",
        "parent",
        "ancestor",
        "ancestor-or-self",
        "descendant",
        "descendant-or-self",
        "following-sibling",
        "preceding-sibling",
        "attribute",
    }
)

Resolve = Callable[[str], str]


def tokenize(text: str, resolve: Resolve | None, origin: str | None = None) -> list[Token]:
    """Split an expression into tokens; ``${name}`` is replaced by the tokens of its path."""
    source = origin if origin is not None else text
    tokens: list[Token] = []
    index = 0
    while index < len(text):
        match = _TOKEN.match(text, index)
        if match is None:
            char = text[index]
            code = "xpath.unclosed_string" if char in "'\"" else "xpath.unexpected_character"
            raise XPathError(code, source, index if origin is None else 0, char)
        kind = match.lastgroup or ""
        token_text = match.group()
        position = index if origin is None else 0
        index = match.end()
        if kind == "space":
            continue
        if kind == "ref":
            name = token_text[2:-1].strip()
            if resolve is None:
                raise XPathError("xpath.reference_not_allowed", source, position, name)
            path = resolve(name)
            tokens.extend(
                Token(t.kind, t.text, position)
                for t in tokenize(path, None, origin=source)
                if t.kind != "end"
            )
            continue
        if kind == "string" and resolve is not None and "${" in token_text:
            # pyxform replaces ${name} inside quotes too: jr:choice-name(${q}, '${q}')
            token_text = _REF_IN_TEXT.sub(lambda m: resolve(m.group(1).strip()), token_text)
        if kind == "name" and _is_operator_position(tokens):
            if token_text in _OPERATOR_NAMES:
                kind = "op"
        elif kind == "op" and token_text == "*" and _is_operator_position(tokens):
            kind = "op"
        elif kind == "op" and token_text == "*":
            kind = "name"
        tokens.append(Token(kind, token_text, position))
    tokens.append(Token("end", "", len(text) if origin is None else 0))
    return tokens


def _is_operator_position(tokens: list[Token]) -> bool:
    """XPath's rule: after an operand, ``*`` multiplies and ``and``/``div``... are operators."""
    if not tokens:
        return False
    last = tokens[-1]
    if last.kind == "op":
        return last.text in (")", "]", ".", "..")
    return True


# --- parser ---------------------------------------------------------------------------------------


@dataclass
class Parser:
    text: str
    tokens: list[Token]
    index: int = 0
    calls: list[Call] = field(default_factory=list)

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at(self, *texts: str) -> bool:
        return self.token.kind == "op" and self.token.text in texts

    def expect(self, text: str) -> Token:
        if not self.at(text):
            self.fail()
        return self.take()

    def fail(self) -> None:
        token = self.token
        if token.kind == "end":
            raise XPathError("xpath.unexpected_end", self.text, token.position)
        raise XPathError("xpath.unexpected_token", self.text, token.position, token.text)

    def parse(self) -> Node:
        if self.token.kind == "end":
            raise XPathError("xpath.empty", self.text, 0)
        node = self.expr()
        if self.token.kind != "end":
            self.fail()
        return node

    def expr(self) -> Node:
        return self.binary(0)

    _LEVELS: tuple[tuple[str, ...], ...] = (
        ("or",),
        ("and",),
        ("=", "!="),
        ("<", "<=", ">", ">="),
        ("+", "-"),
        ("*", "div", "mod"),
    )

    def binary(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        node = self.binary(level + 1)
        while self.at(*self._LEVELS[level]):
            op = self.take().text
            node = Binary(op, node, self.binary(level + 1))
        return node

    def unary(self) -> Node:
        if self.at("-"):
            self.take()
            return Negate(self.unary())
        return self.union()

    def union(self) -> Node:
        node = self.path()
        while self.at("|"):
            self.take()
            node = Binary("|", node, self.path())
        return node

    def path(self) -> Node:
        token = self.token
        if self.at("/", "//"):
            steps: list[Step] = []
            if self.take().text == "//":
                steps.append(Step("descendant-or-self", "node()"))
                steps.extend(self.relative_steps())
            elif self._starts_step():
                steps.extend(self.relative_steps())
            return Path("root", tuple(steps))
        if self._starts_step():
            return Path("context", tuple(self.relative_steps()))
        if token.kind in ("number", "string") or self.at("(") or self._starts_call():
            primary = self.primary()
            predicates = self.predicates()
            if self.at("/", "//"):
                steps = []
                if self.take().text == "//":
                    steps.append(Step("descendant-or-self", "node()"))
                steps.extend(self.relative_steps())
                return Path("filter", tuple(steps), primary, predicates)
            if predicates:
                return Path("filter", (), primary, predicates)
            return primary
        self.fail()
        raise AssertionError  # fail() always raises

    def _starts_call(self) -> bool:
        return (
            self.token.kind == "name"
            and self.peek().kind == "op"
            and self.peek().text == "("
            and self.token.text not in _NODE_TYPES
        )

    def _starts_step(self) -> bool:
        token = self.token
        if token.kind == "op":
            return token.text in (".", "..", "@")
        if token.kind != "name":
            return False
        return not self._starts_call()

    def relative_steps(self) -> list[Step]:
        steps = [self.step()]
        while self.at("/", "//"):
            if self.take().text == "//":
                steps.append(Step("descendant-or-self", "node()"))
            steps.append(self.step())
        return steps

    def step(self) -> Step:
        if self.at("."):
            self.take()
            return Step("self", "node()")
        if self.at(".."):
            self.take()
            return Step("parent", "node()")
        axis = "child"
        if self.at("@"):
            self.take()
            axis = "attribute"
        elif self.token.kind == "name" and self.peek().kind == "op" and self.peek().text == "::":
            axis_token = self.take()
            if axis_token.text not in AXES:
                raise XPathError(
                    "xpath.unsupported_axis", self.text, axis_token.position, axis_token.text
                )
            axis = axis_token.text
            self.take()
        token = self.token
        if token.kind != "name":
            self.fail()
        self.take()
        test = token.text
        if test in _NODE_TYPES and self.at("("):
            self.take()
            self.expect(")")
            if test != "node":
                raise XPathError("xpath.unsupported_node_test", self.text, token.position, test)
            test = "node()"
        return Step(axis, test, self.predicates())

    def predicates(self) -> tuple[Node, ...]:
        found: list[Node] = []
        while self.at("["):
            self.take()
            found.append(self.expr())
            self.expect("]")
        return tuple(found)

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Number(float(token.text))
        if token.kind == "string":
            return Literal(token.text[1:-1])
        if token.kind == "op" and token.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        self.expect("(")
        args: list[Node] = []
        if not self.at(")"):
            args.append(self.expr())
            while self.at(","):
                self.take()
                args.append(self.expr())
        self.expect(")")
        call = Call(token.text, tuple(args), token.position)
        self.calls.append(call)
        return call


MAX_TREE_HEIGHT = 250
"""The most levels an expression's tree may have (a sum of 250 terms has 250).

The parser reads a chain of operators in a loop, so ``${a} + ${a} + ...`` of thousands
of terms parses; but compiling, evaluating and every walk over the tree recurse once or
twice a level, and Python stops at 1,000 frames: such a form crashed ``forms check``,
``forms add`` and the interview. Refused here, every walk has room to spare, even from
deep in the window's call stack."""


def parse(text: str, resolve: Resolve | None = None) -> tuple[Node, list[Call]]:
    """Parse ``text``; return its tree and every function call in it (for checking names)."""
    parser = Parser(text, tokenize(text, resolve))
    try:
        tree = parser.parse()
    except RecursionError:
        raise XPathError("xpath.too_deep", text, 0) from None
    if tree_height(tree) > MAX_TREE_HEIGHT:
        raise XPathError("xpath.too_deep", text, 0)
    return tree, parser.calls


def tree_height(tree: Node) -> int:
    """Return how many levels ``tree`` has, without recursing (it may be thousands)."""
    height = 0
    stack: list[tuple[Node, int]] = [(tree, 1)]
    while stack:
        node, level = stack.pop()
        height = max(height, level)
        below: list[Node] = []
        if isinstance(node, Binary):
            below = [node.left, node.right]
        elif isinstance(node, Negate):
            below = [node.operand]
        elif isinstance(node, Call):
            below = list(node.args)
        elif isinstance(node, Path):
            below = [predicate for step in node.steps for predicate in step.predicates]
            below.extend(node.filter_predicates)
            if node.filter is not None:
                below.append(node.filter)
        stack.extend((child, level + 1) for child in below)
    return height
