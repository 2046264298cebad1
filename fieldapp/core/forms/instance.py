"""The instance tree a session evaluates expressions on, shaped like an ODK instance.

``Node`` is one node of the main instance: the root, a group, one instance of a repeat,
or a question. It implements the XPath ``XNode`` protocol (``name``, ``parent``,
``children()``, ``value()``) so compiled expressions walk it directly. A non-relevant
node's value reads as empty, as ODK's engine shows it to other expressions.

Choice lists are secondary instances: ``instance('list')/root/item`` with ``name``,
``label`` (in the session language) and one child per extra column of the choices sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from fieldapp.core.forms.model import (
    Choice,
    ChoiceList,
    Element,
    Group,
    Ref,
    Repeat,
    Value,
    pick_label,
)
from fieldapp.core.forms.values import instance_text
from fieldapp.core.messages import Message


class Node:
    """One node of the main instance."""

    __slots__ = (
        "_kids",
        "by_key",
        "by_name",
        "calc_error",
        "constraint_ok",
        "detached",
        "element",
        "filtered",
        "items",
        "kept",
        "name",
        "own_relevant",
        "parent",
        "raw",
        "readonly",
        "relevant",
        "required",
        "type_error",
    )

    def __init__(self, element: Element, parent: Node | None) -> None:
        self.element = element
        self.name = element.name
        self.parent = parent
        self.raw: Value = None
        self.own_relevant = True
        self.relevant = True
        self.required = False
        self.readonly = False
        self.constraint_ok = True
        self.type_error: Message | None = None
        """Why a stored value does not fit its question (an ``engine.*`` message)."""
        self.calc_error: Message | None = None
        """Why the node's calculation gave no value though it has one (a text over the
        cap): the form's author must fix it, so finalizing does not wait for it."""
        self.detached = False
        """Set when the node's repeat instance is removed: it is no longer in the tree."""
        self.filtered = False
        """Whether some chosen values are no longer offered (a choice filter changed)."""
        self.kept: Value = None
        """The chosen values still offered, when ``filtered``."""
        self.items: list[Node | RepeatSet] = []
        """Children in form order; a repeat's instances sit in one ``RepeatSet``."""
        self.by_name: dict[str, Node | RepeatSet] = {}
        self.by_key: dict[str, Node | RepeatSet] | None = None
        """Only on containers (the root and repeat instances): every node below by key."""
        self._kids: list[Node] | None = None

    @property
    def is_instance(self) -> bool:
        """Whether this node is one instance of a repeat."""
        return isinstance(self.element, Repeat)

    @property
    def is_container(self) -> bool:
        return self.by_key is not None

    def children(self) -> list[Node]:
        if self._kids is None:
            kids: list[Node] = []
            for item in self.items:
                if isinstance(item, RepeatSet):
                    kids.extend(item.instances)
                else:
                    kids.append(item)
            self._kids = kids
        return self._kids

    def children_named(self, name: str) -> list[Node]:
        """Return the children called ``name``, in order (a repeat's: its instances)."""
        item = self.by_name.get(name)
        if item is None:
            return []
        return list(item.instances) if isinstance(item, RepeatSet) else [item]

    def value(self) -> str:
        if not self.relevant:
            return ""
        if isinstance(self.element, Group):
            return "".join(child.value() for child in self.children())
        return instance_text(self.answer())

    def answer(self) -> Value:
        """Return the answer as the form sees it: choices no longer offered left out."""
        return self.kept if self.filtered else self.raw

    def attribute(self, name: str) -> str | None:
        return None

    def container(self) -> Node:
        """Return the nearest repeat instance (or the root) holding this node."""
        node: Node = self
        while node.parent is not None and not node.is_container:
            node = node.parent
        return node

    def ref(self) -> Ref:
        """Return this node's address in an answers dict."""
        if self.parent is None:
            return ()
        if self.is_instance:
            holder = self.parent.container()
            assert holder.by_key is not None
            repeat_set = holder.by_key[self.element.key]
            assert isinstance(repeat_set, RepeatSet)
            return (*holder.ref(), self.element.key, repeat_set.instances.index(self))
        return (*self.container().ref(), self.element.key)

    def changed_children(self) -> None:
        self._kids = None

    def descendants(self) -> Iterator[Node]:
        """Yield this node and every node below it, in form order."""
        yield self
        for child in self.children():
            yield from child.descendants()

    def __repr__(self) -> str:
        return f"Node({self.element.path}, {self.raw!r})"


class RepeatSet:
    """The instances of one repeat below one parent node (not itself an XPath node)."""

    __slots__ = ("element", "instances", "parent")

    def __init__(self, element: Repeat, parent: Node) -> None:
        self.element = element
        self.parent = parent
        self.instances: list[Node] = []


def build_node(element: Element, parent: Node | None, container: Node | None) -> Node:
    """Make the node of ``element`` and its subtree (repeats start with no instances)."""
    node = Node(element, parent)
    if parent is None or isinstance(element, Repeat):
        node.by_key = {}
        container = node
    assert container is not None and container.by_key is not None
    if isinstance(element, Group):
        for child in element.children:
            item: Node | RepeatSet
            if isinstance(child, Repeat):
                item = RepeatSet(child, node)
            else:
                item = build_node(child, node, container)
            node.items.append(item)
            node.by_name[child.name] = item
            container.by_key[child.key] = item
    return node


class TextNode:
    """A leaf of a secondary instance: its text comes from a callable (e.g. the language)."""

    __slots__ = ("_text", "name", "parent")

    def __init__(self, name: str, parent: Any, text: Callable[[], str]) -> None:
        self.name = name
        self.parent = parent
        self._text = text

    def children(self) -> Sequence[Any]:
        return ()

    def value(self) -> str:
        return self._text()

    def attribute(self, name: str) -> str | None:
        return None


class BranchNode:
    """An inner node of a secondary instance: its ``root`` or an ``item``."""

    __slots__ = ("_kids", "name", "parent", "payload")

    def __init__(self, name: str, parent: Any, payload: object = None) -> None:
        self.name = name
        self.parent = parent
        self.payload = payload
        """The ``Choice`` an item stands for."""
        self._kids: list[Any] = []

    def children(self) -> Sequence[Any]:
        return self._kids

    def value(self) -> str:
        return "".join(kid.value() for kid in self._kids)

    def attribute(self, name: str) -> str | None:
        return None


def choice_instance(choices: ChoiceList, language: Callable[[], str]) -> BranchNode:
    """Return the root element of ``instance('name')``: ``root/item`` per choice."""
    root = BranchNode("root", None)
    root._kids = [
        _ChoiceItem(root, choice, language, f"{choices.name}-{index}" if choices.itext else None)
        for index, choice in enumerate(choices.choices)
    ]
    return root


class _ChoiceItem(BranchNode):
    """An ``item`` whose fields are made when first read: a list of 100,000 choices
    filtered through an index reads only the few items it offers."""

    __slots__ = ("_itext_id", "_language")

    def __init__(
        self, root: BranchNode, choice: Choice, language: Callable[[], str], itext_id: str | None
    ) -> None:
        super().__init__("item", root, choice)
        self._language = language
        self._itext_id = itext_id
        """For a translated list, the ``itextId`` ODK's item holds instead of a label."""
        self._kids = None  # type: ignore[assignment]

    def children(self) -> Sequence[Any]:
        if self._kids is None:
            choice = self.payload
            assert isinstance(choice, Choice)
            kids = [TextNode("name", self, _constant(choice.name))]
            if self._itext_id is not None:
                kids.append(TextNode("itextId", self, _constant(self._itext_id)))
            else:
                label = _label_of(choice.labels, choice.name, self._language)
                kids.append(TextNode("label", self, label))
            for column, cell in choice.extra.items():
                if column not in ("name", "label"):
                    kids.append(TextNode(column, self, _constant(str(cell))))
            self._kids = kids
        return self._kids

    def value(self) -> str:
        return "".join(kid.value() for kid in self.children())


def data_instance(data: Any) -> BranchNode:
    """Return the root element of a secondary instance given as a data tree (``DataNode``
    of ``attached.py``: name, text, children)."""
    root = BranchNode(data.name, None)
    root._kids = [_data_node(kid, root) for kid in data.children]
    return root


def _data_node(data: Any, parent: BranchNode) -> BranchNode | TextNode:
    if not data.children:
        return TextNode(data.name, parent, _constant(data.text))
    node = BranchNode(data.name, parent)
    node._kids = [_data_node(kid, node) for kid in data.children]
    return node


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def _label_of(labels: Any, name: str, language: Callable[[], str]) -> Callable[[], str]:
    return lambda: pick_label(labels, language()) or name
