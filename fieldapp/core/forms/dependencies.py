"""The dependency graph of a form: which expression reads which answer, and in what order.

Each expression is tied to the element it belongs to (a ``Slot``: its relevance, its
calculation...), not to each repeat instance. The slots are ranked so that every
calculation and relevance comes before what reads it, and ``Readers`` finds which slots
a change at a path reaches through the paths, so a form of 10,000 questions stays
linear. The graph is built once per form (``graph_of``) and only read by sessions.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.core.forms.model import Element, Form, Group, Question, Repeat
from fieldapp.core.forms.xpath import syntax

if TYPE_CHECKING:
    from fieldapp.core.forms.xpath import Expression

OUTPUT = re.compile(r"\$\{([^}\s]+)\}")
# Functions that look at other instances of a repeat than their own: an expression using
# them is re-evaluated in every instance, not only in the one whose answer changed.
CROSS_INSTANCE = frozenset(
    {"indexed-repeat", "count", "sum", "max", "min", "join", "position", "last"}
)


@dataclass
class Slot:
    """One expression role of one element (its relevance, its calculation...)."""

    element: Element
    kind: str
    expression: Expression | None
    deps: frozenset[str]
    local: bool
    """Whether a change inside a repeat instance reaches only the same instance."""
    rank: int = 0
    containers: frozenset[str] = frozenset()
    """The deps that are groups or repeats (read for their instances, not their text)."""
    test: tuple[str, bool, str] | None = None
    """For the commonest skip logic, ``${x} != ''`` or ``${x} = 'yes'`` on a question
    outside repeats: (its path, whether the test is ``=``, the text), read directly."""
    target: str = ""
    """Path of the nodes the slot is evaluated on (a repeat count: the repeat's parent)."""
    repeat_relevance: bool = False
    """Whether the slot is a repeat's relevance (its "add" may appear or go)."""

    def __post_init__(self) -> None:
        path = self.element.path
        self.target = path.rsplit("/", 1)[0] if self.kind == "repeat_count" else path
        self.repeat_relevance = self.kind == "relevant" and isinstance(self.element, Repeat)

    @property
    def by_label(self) -> bool:
        """Whether the result depends on the form language (a choice's label)."""
        names = self.expression.function_names if self.expression is not None else ()
        return "jr:choice-name" in names or "instance" in names


PRODUCERS = ("relevant", "calculate", "trigger", "repeat_count", "choices")
"""Slots whose result others read: a choice filter drops choices no longer offered."""


def related(dep: str, path: str, containers: frozenset[str]) -> bool:
    """Whether a change at ``path`` changes what a reference to ``dep`` reads.

    A change below a group or repeat that is read as a whole (``count(${people})``,
    ``position(..)``) leaves what is read alone: only its instances and relevance count.
    An expression reading a group's text (``string(${group})``) is the rare exception.
    """
    if dep == path or dep.startswith(path + "/"):
        return True
    return path.startswith(dep + "/") and dep not in containers


class Graph:
    """A form's slots in rank order and who reads what: built once per form, then only read."""

    def __init__(self, form: Form) -> None:
        self.slots = _build_slots(form)
        self.readers = Readers(self.slots)
        for slot in self.slots:  # what each answer or result reaches, sorted out once per form
            if slot.kind in PRODUCERS and slot.element.path not in self.readers.triggered:
                reached = sorted(self.readers.of(slot.element.path), key=lambda s: s.rank)
                self.readers.triggered[slot.element.path] = reached
        self.slots_of: dict[str, list[Slot]] = {}
        """The slots evaluated on the nodes at each path (``Slot.target``)."""
        for slot in self.slots:
            self.slots_of.setdefault(slot.target, []).append(slot)
        self.repeat_prefixes = tuple(
            element.path + "/" for element in form.walk() if isinstance(element, Repeat)
        )
        """Each repeat's path and a slash: what lies below it."""
        self.feeds_count: dict[str, bool] = {}
        """Whether a change at a path reaches a ``repeat_count`` (filled by sessions)."""


def graph_of(form: Form) -> Graph:
    """Return the dependency graph of ``form``, built on first use and kept with the form."""
    graph = form.caches.graph
    if graph is None:
        graph = form.caches.graph = Graph(form)
    return graph


def _build_slots(form: Form) -> list[Slot]:
    """Tie every expression to its element and order them: producers before readers."""
    found: list[Slot] = []
    paths_by_key: dict[str, str] = {}
    for element in form.walk():
        paths_by_key.setdefault(element.key, element.path)
        paths_by_key.setdefault(element.name, element.path)
    for element in form.walk():
        bind = element.bind
        roles: list[tuple[str, Expression | None]] = [
            ("relevant", bind.relevant),
            ("calculate", bind.calculation),
            ("readonly", bind.readonly),
            ("required", bind.required),
            ("constraint", bind.constraint),
        ]
        if isinstance(element, Repeat):
            roles.append(("repeat_count", bind.repeat_count))
        if isinstance(element, Question):
            roles.append(("choices", bind.choice_filter))
        for kind, expression in roles:
            if expression is None:
                continue
            deps = set(expression.references(element.path))
            if kind == "calculate" and bind.trigger:
                # A calculation with a trigger is ODK's setvalue: once, when a trigger changes.
                kind = "trigger"
                deps = {paths_by_key.get(key, key) for key in bind.trigger}
            if kind == "constraint":
                deps.add(element.path)
            found.append(Slot(element, kind, expression, frozenset(deps), _is_local(expression)))
        seed = OUTPUT.fullmatch(element.parameters.get("seed", "").strip())
        if isinstance(element, Question) and element.randomize and seed is not None:
            # The order of the list follows the seed's answer: a "label" slot redraws it.
            path = paths_by_key.get(seed.group(1), seed.group(1))
            found.append(Slot(element, "label", None, frozenset({path}), True))
        outputs = _output_references(element, form)
        if outputs:
            found.append(Slot(element, "label", None, outputs, True))
    groups = {element.path for element in form.walk() if isinstance(element, Group)}
    repeats = tuple(element.path + "/" for element in form.walk() if isinstance(element, Repeat))
    for slot in found:
        slot.containers = frozenset(slot.deps & groups)
        if slot.kind == "relevant" and slot.expression is not None:
            slot.test = _simple_test(slot.expression, form, repeats)
    return _ranked(found)


def _simple_test(
    expression: Expression, form: Form, repeats: tuple[str, ...]
) -> tuple[str, bool, str] | None:
    """Return (path, is ``=``, text) when ``expression`` compares one question outside
    repeats with a text (``${x} != ''``, ``'yes' = ${x}``): XPath then compares the
    question's text with the text, which the session reads without evaluating a path."""
    tree = expression.tree
    if not isinstance(tree, syntax.Binary) or tree.op not in ("=", "!="):
        return None
    path, literal = tree.left, tree.right
    if isinstance(path, syntax.Literal) and isinstance(literal, syntax.Path):
        path, literal = literal, path
    if not isinstance(path, syntax.Path) or not isinstance(literal, syntax.Literal):
        return None
    if path.start != "root" or not path.steps:
        return None
    for step in path.steps:
        if step.axis != "child" or step.predicates or step.test in ("*", "node()"):
            return None
        if ":" in step.test:
            return None
    where = "/" + "/".join(step.test for step in path.steps)
    element = form.find(where)
    if not isinstance(element, Question) or element.path != where:
        return None
    if any((where + "/").startswith(prefix) for prefix in repeats):
        return None
    return where, tree.op == "=", literal.value


def _output_references(element: Element, form: Form) -> frozenset[str]:
    """Return the paths the ``${}`` outputs of ``element``'s texts read."""
    compiled = element.label_references
    paths: set[str] = set()
    for expression in compiled.values():
        paths.update(expression.references(element.path))
    texts = [*element.labels.values(), *element.hints.values()]
    texts += [*element.bind.constraint_message.values(), *element.bind.required_message.values()]
    names = {name for text_ in texts for name in OUTPUT.findall(text_)}
    if names - compiled.keys():
        for other in form.walk():
            if other.name in names:
                paths.add(other.path)
    return frozenset(paths)


def _is_local(expression: Expression) -> bool:
    """Whether the expression reads only its own repeat instance (no counts, no indexes)."""
    return not (expression.function_names & CROSS_INSTANCE or "[" in expression.text)


class Readers:
    """Which slots a change at a path reaches (``_related``), found through the paths
    instead of by asking every slot: a form of 10,000 questions stays linear."""

    def __init__(self, slots: list[Slot]) -> None:
        self.triggered: dict[str, list[Slot]] = {}
        """The slots a change at each path reaches, in rank order (``Session`` reads it)."""
        self.exact: dict[str, list[Slot]] = {}
        self.below: dict[str, list[Slot]] = {}
        """Slots reading something below each path."""
        for slot in slots:
            for dep in slot.deps:
                self.exact.setdefault(dep, []).append(slot)
                for ancestor in _ancestors(dep):
                    self.below.setdefault(ancestor, []).append(slot)

    def of(self, path: str) -> list[Slot]:
        """Return the slots a change at ``path`` reaches, each once."""
        found: dict[int, Slot] = {}
        for slot in self.exact.get(path, ()):
            found[id(slot)] = slot
        for slot in self.below.get(path, ()):
            found[id(slot)] = slot
        for ancestor in _ancestors(path):
            for slot in self.exact.get(ancestor, ()):
                if ancestor not in slot.containers:
                    found[id(slot)] = slot
        return list(found.values())


def _ancestors(path: str) -> Iterator[str]:
    cut = path.rfind("/")
    while cut > 0:
        path = path[:cut]
        yield path
        cut = path.rfind("/")


def _ranked(slots: list[Slot]) -> list[Slot]:
    """Order ``slots`` so that every producer comes before the slots reading it."""
    position = {id(slot): index for index, slot in enumerate(slots)}
    readers: dict[int, list[Slot]] = {id(slot): [] for slot in slots}
    waiting = {id(slot): 0 for slot in slots}
    index = Readers(slots)
    for producer in slots:
        if producer.kind not in PRODUCERS:
            continue
        for reader in index.of(producer.element.path):
            if reader is not producer:
                readers[id(producer)].append(reader)
                waiting[id(reader)] += 1
    ready = [(position[id(s)], s) for s in slots if waiting[id(s)] == 0]
    heapq.heapify(ready)
    ordered: list[Slot] = []
    while ready:
        _, slot = heapq.heappop(ready)
        ordered.append(slot)
        for reader in readers[id(slot)]:
            waiting[id(reader)] -= 1
            if waiting[id(reader)] == 0:
                heapq.heappush(ready, (position[id(reader)], reader))
    done = {id(slot) for slot in ordered}
    ordered.extend(slot for slot in slots if id(slot) not in done)  # a cycle: form order
    for rank, slot in enumerate(ordered):
        slot.rank = rank
    return ordered
