"""A form session: a form's logic evaluated for one set of answers, kept up to date.

``Session`` holds the answers of one interview as an instance tree (``instance.py``) and
knows, for every node, whether it is relevant, required, read-only and valid, its
calculated value, its filtered choices and its label with ``${}`` outputs filled. It
follows ODK's engine: relevance is inherited, a non-relevant node reads as empty to other
expressions, constraints check non-empty values with ``.`` as the node, ``repeat_count``
sets the number of repeat instances, and the final record drops non-relevant answers.

The form's expressions come ranked from its dependency graph (``dependencies``): at start
the session evaluates them in that order; after one answer changes it re-evaluates only
the expressions that read it, directly or through calculations and relevance, and inside
repeats only the instances the change can reach. ``evaluations`` counts expression
evaluations, so tests can prove it. What is wrong with a set of answers is a ``Problem``
(``checking``); ``check_answers`` finds them all.
"""

from __future__ import annotations

import copy
import heapq
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms.audit import AUDIT_FILE, AuditLog, audit_question
from fieldapp.core.forms.checking import Problem, ProblemKind, unknown_keys
from fieldapp.core.forms.dependencies import OUTPUT, Slot, graph_of, related
from fieldapp.core.forms.instance import (
    BranchNode,
    Node,
    RepeatSet,
    build_node,
    choice_instance,
    data_instance,
)
from fieldapp.core.forms.model import (
    Answers,
    Choice,
    ChoiceList,
    Element,
    Form,
    Question,
    QuestionType,
    Ref,
    Repeat,
    Value,
    form_language_for,
    pick_label,
    show_ref,
)
from fieldapp.core.forms.values import coerce_answer, is_empty, odk_string
from fieldapp.core.forms.xpath import XPathError, shuffled
from fieldapp.core.forms.xpath.functions import MAX_TEXT
from fieldapp.core.forms.xpath.lookup import Lookup, equality_lookups
from fieldapp.core.forms.xpath.values import string_value
from fieldapp.core.messages import FieldappError, Message, default_language, text

if TYPE_CHECKING:
    from fieldapp.core.forms.xpath import Expression

Changes = frozenset[Ref]

_COMPUTED = (QuestionType.CALCULATE, QuestionType.NOTE)


@dataclass(frozen=True)
class NodeState:
    """What a screen needs to show one node."""

    relevant: bool
    required: bool
    readonly: bool
    value: Value
    error: str | None
    """Why the value is refused (constraint or type), in the session language."""
    choices: tuple[Choice, ...]
    label: str
    hint: str


_ABSENT: Any = object()
_MAX_COUNT = 500
"""Most instances a ``repeat_count`` may ask for: a typo of 10000 must not freeze a laptop."""
MAX_INSTANCES = 1_000
"""Most repeat instances one interview may hold, all repeats together: nested counts
multiply (500 x 500), and a session must stay small enough to answer a keystroke."""


class _Env:
    """What an expression may ask its session: secondary instances, the clock, current()."""

    __slots__ = ("_session", "current")

    def __init__(self, session: Session, current: Any) -> None:
        self._session = session
        self.current = current

    def instance(self, name: str) -> Any:
        return self._session._secondary(name)

    def now(self) -> datetime:
        return self._session._now()

    def itext(self, text_id: str) -> str:
        """Return an XForm's text ``text_id`` in the session language (``jr:itext``)."""
        texts = self._session.form.settings.get("itext", {})
        return pick_label({k: v.get(text_id, "") for k, v in texts.items()}, self._session.language)

    def choice_label(self, where: Any, name: str, node: Any = None) -> str:
        """Return the label of choice ``name`` of a question (``jr:choice-name``).

        ``where`` is the question's path as text, or its node.
        """
        path = where.strip() if isinstance(where, str) else where.element.path
        return self._session._choice_label(path, name.strip())


class Session:
    """The logic of ``form`` evaluated for one set of answers, updated answer by answer."""

    def __init__(
        self,
        form: Form,
        answers: Answers | None = None,
        *,
        language: str | None = None,
        now: Callable[[], datetime] | None = None,
        device_id: str = "",
        username: str = "",
        messages: str | None = None,
        new: bool | None = None,
        complete: bool = False,
        audit: bytes | None = None,
        instance_id: str = "",
        beside_question: bool = False,
    ) -> None:
        """``language`` is the form's (``"Español (es)"``); ``messages`` the language of
        fieldapp's own messages (``"en"``/``"es"``), by default the one matching ``language``.

        ``new`` says the interview starts now: every question not in ``answers`` gets its
        metadata, preload and default, as ODK fills a new instance. By default an interview
        is new when no answers are given (reopening one must not fill anything again).
        ``complete`` says ``answers`` are a whole submission (``fieldapp submit``, an import):
        a repeat they leave out has no instance, as in an instance document, instead of the
        one instance a blank new form starts with.
        ``instance_id``: the ``meta/instanceID`` a new interview gets (the store mints it
        from the interview's id); without one it is ``uuid:`` and a random uuid, as ODK's.
        ``audit`` is the interview's earlier audit log (``audit.csv``), continued when the
        form has an ``audit`` question (``self.audit``, see ``audit.py``).
        ``beside_question`` says the messages are read beside the question's own label (a
        window): they name choices by their labels, not by the form's codes and paths.
        """
        self.form = form
        self.beside_question = beside_question
        self.language = language or form.default_language or "default"
        self.messages = messages
        self._now = now or (lambda: datetime.now().astimezone())
        self.device_id = device_id
        self.username = username
        self._instance_id = instance_id
        self.evaluations = 0
        self._instances: dict[str, BranchNode] = {}
        graph = graph_of(form)
        self._slots = graph.slots
        self._readers = graph.readers
        self._slots_of = graph.slots_of
        self._feeds_cache = graph.feeds_count
        self._repeats_touched: set[Ref] = set()
        self._choice_cache: dict[int, tuple[Choice, ...]] = {}
        self._indexes: dict[tuple[str, str], dict[str, list[Any]]] = {}
        self._fixed_nodes: dict[str, list[Node]] = {}
        self._repeat_prefixes = graph.repeat_prefixes
        self._seed = str(uuid.uuid4())
        """Orders randomized lists when the interview has no instanceID to keep one."""
        self.root = build_node(form.root, None, None)
        self._instance_count = 0
        self._starved: set[int] = set()
        """Ranks of repeat counts that stopped at ``MAX_INSTANCES``."""
        fresh = answers is None if new is None else new
        self._fill(self.root, answers or {}, fresh, seed=not complete)
        if fresh:
            self._dynamic_defaults(self.root)
        self._run(self._everything())
        self._repeats_touched.clear()
        self.audit: AuditLog | None = None
        """The audit log ODK keeps for a form with an ``audit`` question, else None."""
        if audit_question(form) is not None:
            self.audit = AuditLog(audit)
            # A log starts with "form start", also for an interview begun elsewhere (the
            # New interview dialog stores it before the window opens it).
            self.audit.add("form resume" if self.audit.rows else "form start", self._now())

    # --- reading -----------------------------------------------------------------------------

    def set_language(self, language: str) -> Changes:
        """Show the form in ``language``; calculations that read a label follow it, as in ODK."""
        self.language = language
        self._choice_cache.clear()
        pending: dict[int, set[Node] | None] = {
            slot.rank: None for slot in self._slots if slot.kind != "trigger" and slot.by_label
        }
        changed: set[Node] = set()
        self._run(pending, changed=changed)
        return self._changes(changed)

    def node(self, ref: Ref) -> Node:
        """Return the node at ``ref``; a repeat's ref (without index) gives its parent."""
        found = self._find(ref)
        if isinstance(found, RepeatSet):
            return found.parent
        return found

    def repeat_count(self, ref: Ref) -> int:
        return len(self._repeat_set(ref).instances)

    def state(self, ref: Ref) -> NodeState:
        found = self._find(ref)
        if isinstance(found, RepeatSet):
            parent = found.parent
            relevant = parent.relevant
            expression = found.element.bind.relevant
            if relevant and expression is not None:
                # The repeat's own relevance, read where its next instance would be.
                context = found.instances[0] if found.instances else Node(found.element, parent)
                relevant = self._boolean(expression, context, _Env(self, context), default=True)
            return NodeState(
                relevant=relevant,
                required=False,
                readonly=found.element.bind.repeat_count is not None,
                value=None,
                error=None,
                choices=(),
                label=self._fill_outputs(found.element.label(self.language), parent, found.element),
                hint=self._fill_outputs(found.element.hint(self.language), parent, found.element),
            )
        node = found
        element = node.element
        return NodeState(
            relevant=node.relevant,
            required=node.required,
            readonly=_readonly(node),
            value=copy.deepcopy(node.answer()),
            error=self._error(node),
            choices=self.choices(node) if isinstance(element, Question) else (),
            label=self._fill_outputs(element.label(self.language), node),
            hint=self._fill_outputs(element.hint(self.language), node),
        )

    def walk(self) -> Iterator[tuple[Ref, Element]]:
        """Yield every present node in form order: groups, each repeat (by its key) then
        each of its instances (key, index), and questions."""
        yield from self._walk(self.root)

    def _walk(self, node: Node) -> Iterator[tuple[Ref, Element]]:
        for item in node.items:
            if isinstance(item, RepeatSet):
                holder = node.container()
                yield (*holder.ref(), item.element.key), item.element
                for instance in item.instances:
                    yield instance.ref(), instance.element
                    yield from self._walk(instance)
            else:
                yield item.ref(), item.element
                yield from self._walk(item)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for node in self.root.descendants():
            element = node.element
            if not node.relevant or not isinstance(element, Question):
                continue
            if node.calc_error is not None:
                continue  # shown with the question; only the form's author can fix it
            error = self._error(node)
            if error is not None:
                kind: ProblemKind = (
                    "type" if node.type_error or self._off_list(node) else ("constraint")
                )
                found.append(Problem(node.ref(), element, kind, error))
            elif node.required and is_empty(node.raw) and element.type not in _COMPUTED:
                found.append(Problem(node.ref(), element, "required", self._required_text(node)))
        return found

    def final_problems(self, language: str | None = None) -> list[Problem]:
        """Return what finalizing refuses, said as ``check_answers`` says it.

        Messages in ``language`` ("en"/"es", default the user's); the session shows the form
        in the matching language from now on. Take the ``record`` first.
        """
        language = language or default_language()
        self.set_language(form_language_for(self.form, language))
        self.messages = language
        return self.problems()  # a session holds only the form's keys: none is unknown

    def instance_name(self) -> str | None:
        expression = self.form.instance_name
        if expression is None:
            return None
        name = self._string(expression, self.root, _Env(self, self.root))
        return name or None

    def answers(self) -> Answers:
        return _answers_of(self.root, keep_all=True)

    def record(self) -> Answers:
        """Return the final record: ``end`` stamped, non-relevant answers left out."""
        stamp = self._now().isoformat(timespec="milliseconds")
        for node in self.root.descendants():
            if isinstance(node.element, Question) and node.element.type is QuestionType.END:
                node.raw = stamp
        return _answers_of(self.root, keep_all=False)

    def choices(self, node: Node) -> tuple[Choice, ...]:
        """Return the choices ``node`` offers now: filtered, and randomized when asked."""
        element = node.element
        if not isinstance(element, Question) or element.choices is None:
            return ()
        cached = self._choice_cache.get(id(node))
        if cached is not None:
            return cached
        listed = list(element.choices.choices)
        if element.or_other and element.choices.get("other") is None:
            listed.append(Choice("other", {"default": "Other", "English (en)": "Other"}))
        expression = element.bind.choice_filter
        if expression is not None:
            document = self._secondary(element.choices.name)
            items = document.children() if document is not None else []
            env = _Env(self, node)
            items, passed = self._narrowed(element.choices.name, expression, items, env)
            # ODK offers the items that pass, each once: two choices sharing a name are
            # two items, and only the one the filter passes is offered.
            kept = {
                id(item.payload)
                for item in items
                if passed or self._boolean(expression, item, env, default=True)
            }
            listed = [c for c in listed if id(c) in kept]
        if element.randomize:
            listed = shuffled(listed, self._shuffle_seed(node))
        result = tuple(listed)
        self._choice_cache[id(node)] = result
        return result

    def _narrowed(
        self, list_name: str, expression: Expression, items: Sequence[Any], env: _Env
    ) -> tuple[Sequence[Any], bool]:
        """Return the items that may pass ``expression`` (for a ``column = value`` term,
        only those whose column holds the value, found in an index of the list) and
        whether they all pass (the term was the whole filter)."""
        for lookup in _lookups(expression):
            if lookup.column == "label" or not items:
                continue  # a label follows the language: not indexed
            try:
                key = lookup.key.evaluate(items[0], env)
            except XPathError:
                return items, False
            if isinstance(key, list):
                wanted = [string_value(found) for found in key]
            elif isinstance(key, str):
                wanted = [key]
            else:
                continue  # a number or boolean compares as one: no text to look up
            index = self._index(list_name, lookup.column, items)
            if len(wanted) == 1:
                return index.get(wanted[0], ()), lookup.whole
            chosen = {id(item) for value in wanted for item in index.get(value, ())}
            return [item for item in items if id(item) in chosen], lookup.whole
        return items, False

    def _index(self, list_name: str, column: str, items: Sequence[Any]) -> dict[str, list[Any]]:
        key = (list_name, column)
        index = self._indexes.get(key)
        if index is None:
            index = {}
            for item in items:
                choice: Choice = item.payload
                value = choice.name if column == "name" else choice.extra.get(column)
                if value is not None:
                    index.setdefault(value, []).append(item)
            self._indexes[key] = index
        return index

    def _shuffle_seed(self, node: Node) -> float | str:
        """Return the seed of a randomized list: the form's ``seed`` parameter (a number or
        a ``${name}``, read as ODK reads it), else one kept with the interview."""
        element = node.element
        seed = element.parameters.get("seed", "").strip()
        reference = OUTPUT.fullmatch(seed)
        if reference is not None:
            return self._output(reference.group(1), node, element)
        if seed:
            try:
                return float(seed)
            except ValueError:
                return seed
        # No seed: ODK shuffles anew each time; a stable order per interview and question
        # (from its stored instanceID) keeps the list still when the interview is reopened.
        assert self.root.by_key is not None
        holder = self.root.by_key.get("meta/instanceID")
        stamp = holder.raw if isinstance(holder, Node) and holder.raw else self._seed
        return f"{stamp} {element.key}"

    # --- changing ------------------------------------------------------------------------------

    def set_answer(self, ref: Ref, value: Value) -> Changes:
        node = self._find(ref)
        element = node.element if isinstance(node, Node) else None
        if not isinstance(node, Node) or not isinstance(element, Question):
            raise FieldappError("engine.not_a_question", ref=show_ref(ref))
        calculated = element.bind.calculation is not None and not element.bind.trigger
        if element.type is QuestionType.CALCULATE or calculated:
            raise FieldappError("engine.readonly", question=element.key)
        if _readonly(node):
            raise FieldappError("engine.readonly", question=element.key)
        typed = coerce_answer(element, value)
        if typed == node.raw and node.type_error is None:
            return frozenset()
        if element.bind.choice_filter is not None and not is_empty(typed):
            offered = self._offered(node)
            for name in typed if isinstance(typed, list) else [odk_string(typed)]:
                if name not in offered:
                    raise FieldappError(
                        "engine.choice_not_offered", question=element.key, value=name
                    )
        node.raw = typed
        node.type_error = None
        self._apply_filter(node)
        changed: set[Node] = {node}
        self._run({}, events=[(node, element.path)], changed=changed)
        self._log("question", node)
        return self._changes(changed)

    def audit_event(self, event: str) -> bytes | None:
        """Log a form event (``form save``, ``form finalize``, ``form exit``) and return
        the whole log, to store with the interview as ``audit.csv``; the ``audit`` question
        then names that file, as in ODK. None when the form keeps no log."""
        if self.audit is None:
            return None
        self.audit.add(event, self._now())
        found = audit_question(self.form)
        if found is not None:
            for node in self._nodes_of(found.path):
                node.raw = AUDIT_FILE
        return self.audit.csv_bytes()

    def _log(self, event: str, node: Node) -> None:
        if self.audit is not None:
            self.audit.add(event, self._now(), _xpath_of(node), timed=event == "question")

    def add_repeat(self, ref: Ref) -> tuple[Ref, Changes]:
        repeat_set = self._repeat_set(ref)
        if repeat_set.element.bind.repeat_count is not None:
            raise FieldappError("engine.repeat_fixed", repeat=repeat_set.element.key)
        changed: set[Node] = set()
        instance = self._grow(repeat_set, {}, fresh=True, changed=changed)
        self._log("add repeat", instance)
        return instance.ref(), self._changes(changed)

    def remove_repeat(self, ref: Ref, index: int) -> Changes:
        repeat_set = self._repeat_set(ref)
        if repeat_set.element.bind.repeat_count is not None:
            raise FieldappError("engine.repeat_fixed", repeat=repeat_set.element.key)
        self._check_index(repeat_set, index)
        self._log("delete repeat", repeat_set.instances[index])
        changed: set[Node] = set()
        self._shrink(repeat_set, index, changed)
        return self._changes(changed)

    def holds_answers(self, ref: Ref) -> list[bool]:
        """Tell, entry by entry, whether a person answered anything in repeat ``ref``'s
        entries (not defaults or calculations): what a removal would ask about."""
        return [_holds_answers(instance) for instance in self._repeat_set(ref).instances]

    def removal_question(self, ref: Ref, index: int, language: str | None = None) -> str | None:
        """Return the question to ask before ``remove_repeat(ref, index)``, in ``language``,
        or None when the entry holds nothing a person answered (removing it loses nothing).

        A Remove button sits beside Move up and Move down: one slip must not take an
        entry's answers with it (ODK Collect asks too).
        """
        repeat_set = self._repeat_set(ref)
        self._check_index(repeat_set, index)
        instance = repeat_set.instances[index]
        if not _holds_answers(instance):
            return None
        return text(
            "engine.removes_entry",
            language or self._message_language(),
            entry=index + 1,
            repeat=self.state(ref).label or str(ref[-1]),
        )

    def move_repeat(self, ref: Ref, source: int, target: int) -> Changes:
        repeat_set = self._repeat_set(ref)
        self._check_index(repeat_set, source)
        self._check_index(repeat_set, target)
        if source == target:
            return frozenset()
        instance = repeat_set.instances.pop(source)
        repeat_set.instances.insert(target, instance)
        repeat_set.parent.changed_children()
        changed: set[Node] = set()
        low, high = min(source, target), max(source, target)
        for moved in repeat_set.instances[low : high + 1]:
            changed.update(moved.descendants())
        self._restructured(repeat_set, changed)
        return self._changes(changed)

    def instances_dropped_by(self, ref: Ref, value: Value) -> list[Ref]:
        """Return the repeat instances holding answers that ``set_answer(ref, value)``
        would remove, through a ``repeat_count`` it lowers.

        ODK removes them at once; a screen asks first with this (and ``dropped_text``).
        Instances with nothing a person answered are left out: losing them loses nothing.
        """
        found = self._find(ref)
        element = found.element
        if not isinstance(found, Node) or not isinstance(element, Question):
            return []
        if not self._feeds_count(element.path):
            return []
        try:
            typed = coerce_answer(element, value)
        except FieldappError:
            return []
        answers = self.answers()
        _put(answers, ref, typed)
        trial = Session(
            self.form,
            answers,
            language=self.language,
            now=self._now,
            device_id=self.device_id,
            username=self.username,
            messages=self.messages,
        )
        dropped: list[Ref] = []
        _compare_instances(self.root, trial.root, dropped)
        return dropped

    def dropped_text(self, dropped: list[Ref], language: str | None = None) -> str:
        """Return the question to ask before removing ``dropped`` (``instances_dropped_by``),
        in ``language`` ("en"/"es", default the session's messages language)."""
        repeat = dropped[0][:-1] if dropped else ()
        label = self.state(repeat).label if repeat else ""
        return text(
            "engine.drops_instances",
            language or self._message_language(),
            count=len(dropped),
            repeat=label or (str(repeat[-1]) if repeat else ""),
            entries=", ".join(str(int(r[-1]) + 1) for r in dropped),
        )

    def _feeds_count(self, path: str) -> bool:
        """Whether a change at ``path`` can reach a ``repeat_count``, directly or through
        calculations and relevance (asked on every keystroke: kept per form and path)."""
        known = self._feeds_cache.get(path)
        if known is not None:
            return known
        seen = {path}
        waiting = [path]
        feeds = False
        while waiting and not feeds:
            for slot in self._triggered(waiting.pop()):
                feeds = feeds or slot.kind == "repeat_count"
                passes_on = slot.kind in ("calculate", "trigger", "relevant")
                if passes_on and slot.element.path not in seen:
                    seen.add(slot.element.path)
                    waiting.append(slot.element.path)
        self._feeds_cache[path] = feeds
        return feeds

    def reevaluate(self) -> Changes:
        """Evaluate every expression again, as if the session had just started.

        For what no answer change announces: the clock (``now()``, ``today()``) moved on.
        """
        changed: set[Node] = set()
        self._choice_cache.clear()
        self._run(self._everything(), changed=changed)
        return self._changes(changed)

    # --- building the tree ------------------------------------------------------------------

    def _fill(self, node: Node, answers: Answers, fresh: bool, seed: bool = True) -> None:
        """Put ``answers`` (keyed as in the container of ``node``) into ``node``'s subtree.

        ``seed``: a new interview starts with one instance of each repeat, as the instance
        pyxform writes; an instance added later comes from ODK's template, which has none
        of its inner repeats.
        """
        for item in node.items:
            if isinstance(item, RepeatSet):
                given = answers.get(item.element.key)
                if isinstance(given, list):
                    for entry in given:
                        entry = entry if isinstance(entry, dict) else {}
                        # Stored entries always open, even past the cap: it bounds growth.
                        self._add_instance(item, entry, fresh, seed)
                elif fresh and seed and item.element.bind.repeat_count is None:
                    initial_instances = item.element.initial
                    for initial in ({},) if initial_instances is None else initial_instances:
                        self._make_room()
                        self._add_instance(item, copy.deepcopy(initial), True)
                continue
            element = item.element
            if isinstance(element, Question):
                if element.key in answers:
                    self._store(item, answers[element.key])
                elif fresh:
                    self._start_value(item)
            self._fill(item, answers, fresh, seed)

    def _make_room(self) -> None:
        """Refuse one more new instance past ``MAX_INSTANCES`` (stored ones always open)."""
        if self._instance_count >= MAX_INSTANCES:
            raise FieldappError("engine.too_many_instances", most=MAX_INSTANCES)

    def _add_instance(
        self, repeat_set: RepeatSet, answers: Answers, fresh: bool, seed: bool = True
    ) -> Node:
        self._instance_count += 1
        instance = build_node(repeat_set.element, repeat_set.parent, None)
        repeat_set.instances.append(instance)
        repeat_set.parent.changed_children()
        self._fill(instance, answers, fresh, seed)
        return instance

    def _store(self, node: Node, raw: object) -> None:
        """Keep a given answer, typed when it fits its question, flagged when it does not."""
        assert isinstance(node.element, Question)
        try:
            node.raw = coerce_answer(node.element, raw, as_stored=True)
        except FieldappError as error:
            node.raw = raw if isinstance(raw, str | int | float | list) else str(raw)
            node.type_error = error.message

    def _start_value(self, node: Node) -> None:
        """Give a question of a new interview its metadata or literal default."""
        element = node.element
        assert isinstance(element, Question)
        kind = element.type
        if kind is QuestionType.START:
            node.raw = self._now().isoformat(timespec="milliseconds")
        elif kind is QuestionType.TODAY:
            node.raw = self._now().date().isoformat()
        elif kind is QuestionType.DEVICEID:
            node.raw = self.device_id or None
        elif kind is QuestionType.USERNAME:
            node.raw = self.username or None
        elif getattr(element.bind, "preload", "") == "uid":
            minted = self._instance_id if element.key == "meta/instanceID" else ""
            node.raw = minted or f"uuid:{uuid.uuid4()}"
        elif element.bind.default is not None and element.bind.default != "":
            try:
                node.raw = coerce_answer(element, element.bind.default)
            except FieldappError:
                # ODK reads a default its type cannot hold ("1900-01-01 00:00:00" for a
                # date) as no answer, rather than showing the text.
                node.raw = None

    def _dynamic_defaults(self, top: Node) -> None:
        for node in top.descendants():
            element = node.element
            expression = element.bind.default_expression
            if expression is None or not isinstance(element, Question) or node.raw is not None:
                continue
            result = self._string(expression, node, _Env(self, node))
            try:
                node.raw = coerce_answer(element, result)
            except FieldappError:
                node.raw = result or None

    def _grow(
        self, repeat_set: RepeatSet, answers: Answers, fresh: bool, changed: set[Node]
    ) -> Node:
        self._make_room()
        instance = self._add_instance(repeat_set, answers, fresh, seed=False)
        if fresh:
            self._dynamic_defaults(instance)
        new_nodes = list(instance.descendants())
        changed.update(new_nodes)
        pending: dict[int, set[Node] | None] = {}
        by_path: dict[str, list[Node]] = {}
        for node in new_nodes:
            by_path.setdefault(node.element.path, []).append(node)
        for path, nodes in by_path.items():
            for slot in self._slots_of.get(path, ()):
                if slot.kind == "trigger":
                    continue
                pending.setdefault(slot.rank, set()).update(nodes)  # type: ignore[union-attr]
        _refresh_relevance(instance)
        self._run(pending, events=[(repeat_set.parent, repeat_set.element.path)], changed=changed)
        return instance

    def _shrink(self, repeat_set: RepeatSet, index: int, changed: set[Node]) -> None:
        removed = repeat_set.instances.pop(index)
        repeat_set.parent.changed_children()
        self._instance_count -= sum(1 for node in removed.descendants() if node.is_instance)
        for node in removed.descendants():
            self._choice_cache.pop(id(node), None)
            node.detached = True
        for later in repeat_set.instances[index:]:
            changed.update(later.descendants())
        self._restructured(repeat_set, changed)

    def _restructured(self, repeat_set: RepeatSet, changed: set[Node]) -> None:
        """Re-evaluate after instances moved or left: positions inside, counts outside."""
        pending: dict[int, set[Node] | None] = {}
        prefix = repeat_set.element.path + "/"
        for instance in repeat_set.instances:
            for node in instance.descendants():
                for slot in self._slots_of.get(node.element.path, ()):
                    if slot.kind == "trigger":
                        continue
                    if slot.target.startswith(prefix) or slot.target == repeat_set.element.path:
                        pending.setdefault(slot.rank, set()).add(node)  # type: ignore[union-attr]
        self._run(pending, events=[(repeat_set.parent, repeat_set.element.path)], changed=changed)

    def _changes(self, changed: set[Node]) -> Changes:
        """Return the refs of the changed nodes, and of repeats whose relevance may have."""
        if self._repeat_prefixes:
            refs = {node.ref() for node in changed if _attached(node)}
        else:  # every node but the root sits at its key
            root = self.root
            refs = {(node.element.key,) for node in changed if node is not root}
            if root in changed:
                refs.add(())
        refs.update(self._repeats_touched)
        self._repeats_touched.clear()
        return frozenset(refs)

    def _everything(self) -> dict[int, set[Node] | None]:
        """Return every slot on every node, except triggers: they wait for their change."""
        return {slot.rank: None for slot in self._slots if slot.kind != "trigger"}

    # --- evaluating -----------------------------------------------------------------------------

    def _run(
        self,
        pending: dict[int, set[Node] | None],
        events: list[tuple[Node, str]] | None = None,
        changed: set[Node] | None = None,
    ) -> None:
        """Evaluate the pending slots (rank -> nodes, None for all) and what they reach."""
        changed = changed if changed is not None else set()
        heap = list(pending)
        heapq.heapify(heap)
        for scope, path in events or ():
            self._schedule(scope, path, pending, heap)
        budget = 20 * len(self._slots) + 100
        slots, fixed, pop, push = self._slots, self._fixed_nodes, heapq.heappop, heapq.heappush
        while heap and budget > 0:
            budget -= 1
            rank = pop(heap)
            targets = pending.pop(rank, _ABSENT)
            if targets is _ABSENT:
                continue
            slot = slots[rank]
            if targets is None:
                nodes: Sequence[Node] = fixed.get(slot.target) or self._nodes_of(slot.target)
            else:
                nodes = list(targets)
            kind = slot.kind
            for node in nodes:
                if node.detached:
                    continue
                if kind == "relevant":
                    events = self._relevance(slot, node, changed)
                elif kind == "repeat_count":
                    self._count(slot, node, changed)
                    continue
                else:
                    events = self._evaluate(slot, node, changed)
                for scope, path in events:
                    self._schedule(scope, path, pending, heap)
            if not heap and self._starved and self._instance_count < MAX_INSTANCES:
                # A count that met the cap runs again once later counts made room.
                for rank in self._starved:
                    pending[rank] = None
                    push(heap, rank)
                self._starved.clear()

    def _schedule(
        self,
        scope: Node,
        path: str,
        pending: dict[int, set[Node] | None],
        heap: list[int],
    ) -> None:
        repeats = self._repeat_prefixes
        for slot in self._triggered(path):
            where = self._reach(slot, scope, path) if repeats and slot.local else None
            if slot.repeat_relevance:
                # A repeat with no instance has nothing to evaluate, yet its "add" may
                # appear or go: report the repeat itself as changed.
                parent_path = slot.target.rsplit("/", 1)[0]
                for holder in self._nodes_of(parent_path, where):
                    self._repeats_touched.add((*holder.container().ref(), slot.element.key))
            rank = slot.rank
            if rank in pending:
                known = pending[rank]
                if known is None:
                    continue
                if where is None:
                    pending[rank] = None
                else:
                    known.update(self._nodes_of(slot.target, where))
                continue
            pending[rank] = None if where is None else set(self._nodes_of(slot.target, where))
            heapq.heappush(heap, rank)

    def _reach(self, slot: Slot, scope: Node, path: str) -> Node | None:
        """Return the repeat instance a change at ``scope`` is confined to for ``slot``."""
        if not slot.local or not self._repeat_prefixes:
            return None
        matched = [dep for dep in slot.deps if related(dep, path, slot.containers)]
        node: Node | None = scope
        while node is not None:
            if node.is_instance:
                prefix = node.element.path + "/"
                if slot.target.startswith(prefix) and all(
                    dep.startswith(prefix) for dep in matched
                ):
                    return node
            node = node.parent
        return None

    def _triggered(self, path: str) -> list[Slot]:
        # Kept with the form, not the session: a new session's first keystroke through a
        # chain of 10,000 questions must not sort out who reads whom again.
        cache = self._readers.triggered
        cached = cache.get(path)
        if cached is None:
            cached = sorted(self._readers.of(path), key=lambda slot: slot.rank)
            cache[path] = cached
        return cached

    def _nodes_of(self, path: str, scope: Node | None = None) -> list[Node]:
        """Return the nodes at element ``path`` below ``scope`` (default: everywhere)."""
        if scope is None:
            fixed = self._fixed_nodes.get(path)
            if fixed is not None:
                return fixed
        start = scope or self.root
        if path == start.element.path:
            return [start]
        if not path.startswith(start.element.path + "/"):
            return []
        rest = path[len(start.element.path) + 1 :].split("/")
        current = [start]
        for name in rest:
            following: list[Node] = []
            for node in current:
                item = node.by_name.get(name)
                if isinstance(item, RepeatSet):
                    following.extend(item.instances)
                elif item is not None:
                    following.append(item)
            current = following
        if scope is None and not self._in_repeat(path):
            self._fixed_nodes[path] = current  # outside repeats the nodes never change
        return current

    def _in_repeat(self, path: str) -> bool:
        """Whether ``path`` is a repeat or below one (its nodes come and go)."""
        below = path + "/"
        return any(below.startswith(repeat) for repeat in self._repeat_prefixes)

    def _evaluate(self, slot: Slot, node: Node, changed: set[Node]) -> list[tuple[Node, str]]:
        """Evaluate one slot on one node; return the changes others must hear about."""
        kind = slot.kind
        if kind in ("label", "choices"):
            self._choice_cache.pop(id(node), None)
            changed.add(node)
            if kind == "choices" and self._apply_filter(node):
                return [(node, node.element.path)]
            return []
        expression = slot.expression
        assert expression is not None
        if kind == "relevant":
            return self._relevance(slot, node, changed)
        env = _Env(self, node)
        if kind in ("calculate", "trigger"):
            self.evaluations += 1
            problem: Message | None = None
            try:
                result = expression.evaluate_string(node, env)
            except XPathError as error:
                result = ""
                if error.code == "xpath.text_too_long":
                    # Not a blank the screen leaves unexplained: say why there is no text.
                    problem = error.message
            if problem != node.calc_error:
                node.calc_error = problem
                changed.add(node)
            element = node.element
            typed: Value = result
            if isinstance(element, Question) and element.type not in _COMPUTED:
                try:
                    typed = coerce_answer(element, result)
                except FieldappError:
                    typed = None
            elif result == "":
                typed = None
            if typed == node.raw:
                return []
            node.raw = typed
            changed.add(node)
            return [(node, element.path)]
        if kind == "required":
            flag = self._boolean(expression, node, env, default=False)
            if flag != node.required:
                node.required = flag
                changed.add(node)
            return []
        if kind == "readonly":
            flag = self._boolean(expression, node, env, default=False)
            if flag != node.readonly:
                node.readonly = flag
                changed.add(node)
                if not isinstance(node.element, Question):
                    # What a group makes read-only, every question in it is too (as in ODK).
                    changed.update(node.descendants())
            return []
        if kind == "constraint":
            ok = is_empty(node.raw) or self._boolean(expression, node, env, default=True)
            if ok != node.constraint_ok:
                node.constraint_ok = ok
                changed.add(node)
            return []
        raise AssertionError(kind)

    def _relevance(self, slot: Slot, node: Node, changed: set[Node]) -> list[tuple[Node, str]]:
        """Evaluate a relevance on one node (kept lean: a chain of 10,000 questions runs
        it 10,000 times in one keystroke)."""
        test = slot.test
        if test is not None:
            self.evaluations += 1
            path, equal, literal = test
            own = False
            for read in self._fixed_nodes.get(path) or self._nodes_of(path):
                if (read.value() == literal) is equal:
                    own = True
                    break
        else:
            assert slot.expression is not None
            own = self._boolean(slot.expression, node, _Env(self, node), default=True)
        if own == node.own_relevant:
            return []
        node.own_relevant = own
        if node.items:
            flipped = _refresh_relevance(node)
            if not flipped:
                return []
            changed.update(flipped)
        else:  # a question: nothing below it inherits
            parent = node.parent
            relevant = own and (parent.relevant if parent is not None else True)
            if relevant == node.relevant:
                return []
            node.relevant = relevant
            changed.add(node)
            if isinstance(node.element, Question) and is_empty(node.answer()):
                # Other expressions read only its value, empty either way.
                return []
        return [(node, node.element.path)]

    def _count(self, slot: Slot, parent: Node, changed: set[Node]) -> None:
        """Give the repeat of ``slot`` below ``parent`` as many instances as its count says."""
        repeat_set = parent.by_name.get(slot.element.name)
        if not isinstance(repeat_set, RepeatSet) or slot.expression is None:
            return
        # The count is read from the repeat's own node (pyxform writes ``../n`` inside an
        # outer repeat); with no instance yet, an empty stand-in takes its place.
        context = repeat_set.instances[0] if repeat_set.instances else Node(slot.element, parent)
        if self._count_refused(slot, parent):
            return  # ODK Collect never takes an answer its constraint refuses: nor its count
        number = self._number(slot.expression, context, _Env(self, context))
        if number != number:
            return  # not a number (blank, 'Juárez'): ODK leaves the instances as they are
        wanted = int(number) if 0 < number < float("inf") else 0
        wanted = min(wanted, _MAX_COUNT)
        while len(repeat_set.instances) > wanted:
            self._shrink(repeat_set, len(repeat_set.instances) - 1, changed)
        initial = slot.element.initial if isinstance(slot.element, Repeat) else None
        while len(repeat_set.instances) < wanted:
            if self._instance_count >= MAX_INSTANCES:
                self._starved.add(slot.rank)
                break
            index = len(repeat_set.instances)
            # an XForm's default instances fill the first ones counted, as in ODK
            seed = copy.deepcopy(initial[index]) if initial and index < len(initial) else {}
            self._grow(repeat_set, seed, fresh=True, changed=changed)

    def _count_refused(self, slot: Slot, parent: Node) -> bool:
        """Whether a question the count reads holds an answer its own constraint refuses
        (2018 typed for "how many, up to 5": 500 entries of a whole section, the window
        frozen while they are made). Read here, not from ``constraint_ok``: the constraint's
        own slot may come later in this pass. A question the count reads through a
        calculation is not looked at."""
        for dep in slot.deps:
            scope = parent if dep.startswith(parent.element.path + "/") else None
            for node in self._nodes_of(dep, scope):
                constraint = node.element.bind.constraint
                if (
                    isinstance(node.element, Question)
                    and constraint is not None
                    and node.relevant
                    and not is_empty(node.raw)
                    and not self._boolean(constraint, node, _Env(self, node), default=True)
                ):
                    return True
        return False

    # An expression that fails while running (a bad regex, a date out of range) must not
    # stop an interview: it reads as the answer that hides nothing and refuses nothing.

    def _boolean(self, expression: Expression, node: Any, env: _Env, default: bool) -> bool:
        self.evaluations += 1
        try:
            return expression.evaluate_boolean(node, env)
        except XPathError:
            return default

    def _string(self, expression: Expression, node: Any, env: _Env) -> str:
        self.evaluations += 1
        try:
            return expression.evaluate_string(node, env)
        except XPathError:
            return ""

    def _number(self, expression: Expression, node: Any, env: _Env) -> float:
        self.evaluations += 1
        try:
            return expression.evaluate_number(node, env)
        except XPathError:
            return float("nan")

    # --- helpers -----------------------------------------------------------------------------

    def _secondary(self, name: str) -> BranchNode | None:
        document = self._instances.get(name)
        if document is None:
            choices: ChoiceList | None = self.form.choice_lists.get(name)
            if choices is not None:
                document = choice_instance(choices, lambda: self.language)
            elif name in self.form.secondary:
                document = data_instance(self.form.secondary[name])
            else:
                return None
            self._instances[name] = document
        return document

    def _choice_label(self, path: str, name: str) -> str:
        element = self.form.find(path) or self._named(path.rsplit("/", 1)[-1])
        if not isinstance(element, Question) or element.choices is None:
            return ""
        choice = element.choices.get(name)
        return choice.label(self.language) if choice is not None else ""

    def _find(self, ref: Ref) -> Node | RepeatSet:
        if not ref:
            return self.root
        container = self.root
        found: Node | RepeatSet | None = None
        position = 0
        while position < len(ref):
            key = ref[position]
            assert container.by_key is not None
            found = container.by_key.get(key) if isinstance(key, str) else None
            if found is None:
                raise FieldappError("engine.no_such_node", ref=show_ref(ref))
            position += 1
            if position < len(ref):
                index = ref[position]
                if not isinstance(found, RepeatSet) or not isinstance(index, int):
                    raise FieldappError("engine.no_such_node", ref=show_ref(ref))
                if not 0 <= index < len(found.instances):
                    raise FieldappError("engine.no_such_node", ref=show_ref(ref))
                container = found.instances[index]
                found = container
                position += 1
        assert found is not None
        return found

    def _repeat_set(self, ref: Ref) -> RepeatSet:
        found = self._find(ref)
        if not isinstance(found, RepeatSet):
            raise FieldappError("engine.not_a_repeat", ref=show_ref(ref))
        return found

    def _check_index(self, repeat_set: RepeatSet, index: int) -> None:
        if not 0 <= index < len(repeat_set.instances):
            raise FieldappError(
                "engine.no_such_instance",
                repeat=repeat_set.element.key,
                index=index + 1,
                count=len(repeat_set.instances),
            )

    def _error(self, node: Node) -> str | None:
        element = node.element
        if node.calc_error is not None and node.relevant:
            return node.calc_error.text(self._message_language())
        if not node.relevant or not isinstance(element, Question) or is_empty(node.raw):
            return None
        if node.type_error is not None:
            return node.type_error.text(self._message_language())
        if isinstance(node.raw, str) and len(node.raw) > MAX_TEXT:
            # Kept in the draft, but no revision holds it (every merge would refuse it,
            # ``row_bounds.MAX_TEXT_CHARS``): said at the question, finalizing stops here.
            return text("engine.text_too_long", self._message_language(), question=element.key)
        if self._off_list(node):
            offered = self._offered(node)
            given = node.raw if isinstance(node.raw, list) else [odk_string(node.raw)]
            if self.beside_question:
                return self._not_offered_here(node, [n for n in given if n not in offered])
            return text(
                "engine.choice_not_offered",
                self._message_language(),
                question=element.key,
                value=" ".join(str(name) for name in given if name not in offered),
            )
        if not node.constraint_ok:
            custom = pick_label(element.bind.constraint_message, self.language)
            if custom:
                return self._fill_outputs(custom, node)
            return text(
                "engine.constraint",
                self._message_language(),
                question=element.key,
                value=odk_string(node.raw),
            )
        return None

    def _not_offered_here(self, node: Node, names: list[Any]) -> str:
        """Say beside the question which chosen options its list no longer offers, by
        their labels, and which earlier answers the list follows (as a city's list of
        organisations follows the city corrected on the first page)."""
        element = node.element
        assert isinstance(element, Question)
        language = self._message_language()
        listed = element.choices
        labels = []
        for name in names:
            choice = listed.get(str(name)) if listed is not None else None
            labels.append((choice.label(self.language) if choice is not None else "") or str(name))
        chosen = ", ".join(f"«{label}»" if language == "es" else f"“{label}”" for label in labels)
        choice_filter = element.bind.choice_filter
        read = choice_filter.references(element.path) if choice_filter is not None else ()
        earlier = [
            " ".join(question.label(self.language).split()) or question.name
            for question in self.form.questions()
            if question.path in read and question.path != element.path
        ]
        if not earlier:
            return text("engine.choice_not_offered_here", language, chosen=chosen)
        quoted = ", ".join(f"«{label}»" if language == "es" else f"“{label}”" for label in earlier)
        return text("engine.choice_not_offered_after", language, chosen=chosen, earlier=quoted)

    def _apply_filter(self, node: Node) -> bool:
        """Leave out of ``node``'s answer the choices its filter no longer offers, as ODK
        does; return whether the answer the form sees changed. The working answers keep
        them, so going back to the earlier answer brings the choice back."""
        element = node.element
        if not isinstance(element, Question) or element.bind.choice_filter is None:
            return False
        if element.choices is None or not element.choices.choices:
            return False
        before = node.answer()
        if is_empty(node.raw) or node.type_error is not None:
            node.filtered, node.kept = False, None
        else:
            offered = self._offered(node)
            if isinstance(node.raw, list):
                kept: Value = [name for name in node.raw if name in offered] or None
            else:
                kept = node.raw if odk_string(node.raw) in offered else None
            node.filtered, node.kept = kept != node.raw, kept
        return node.answer() != before

    def _offered(self, node: Node) -> set[str]:
        """Return the names of the choices ``node`` offers now."""
        return {choice.name for choice in self.choices(node)}

    def _off_list(self, node: Node) -> bool:
        element = node.element
        if not isinstance(element, Question) or element.choices is None:
            return False
        if not element.choices.choices or not element.type.is_select:
            return False
        if element.bind.choice_filter is None and not element.or_other:
            return False
        offered = self._offered(node)
        values = node.raw if isinstance(node.raw, list) else [odk_string(node.raw)]
        return any(value not in offered for value in values)

    def _required_text(self, node: Node) -> str:
        element = node.element
        custom = pick_label(element.bind.required_message, self.language)
        if custom:
            return self._fill_outputs(custom, node)
        return text("engine.required", self._message_language(), question=element.key)

    def _message_language(self) -> str:
        if self.messages:
            return self.messages
        lowered = self.language.lower()
        return "es" if lowered.startswith("es") or "(es)" in lowered else "en"

    def _fill_outputs(self, template: str, node: Node, element: Element | None = None) -> str:
        """Replace each ``${name}`` of a label, hint or message by that answer's value."""
        if "${" not in template:
            return template
        owner = element or node.element
        return OUTPUT.sub(lambda match: self._output(match.group(1), node, owner), template)

    def _output(self, name: str, node: Node, owner: Element) -> str:
        compiled = owner.label_references.get(name)
        if compiled is not None:
            return self._string(compiled, node, _Env(self, node))
        element = self._named(name)
        if element is None:
            return "${" + name + "}"
        scope: Node | None = node
        while scope is not None:
            if scope.is_container and element.path.startswith(scope.element.path + "/"):
                found = self._nodes_of(element.path, scope)
                if found:
                    return found[0].value()
            scope = scope.parent
        found = self._nodes_of(element.path)
        return found[0].value() if found else ""

    def _named(self, name: str) -> Element | None:
        return self.form.named(name)


def check_answers(form: Form, answers: Answers, *, language: str | None = None) -> list[Problem]:
    """Return everything wrong with ``answers`` for ``form``, as finalizing would refuse it.

    Unknown keys, values of the wrong type (numbers, dates, times, choices the list does
    not have or its filter no longer offers), missing required answers and failed
    constraints; questions that are not relevant are not checked, as in ODK.

    Every message is in one language: ``language`` ("en"/"es", default the user's) for
    fieldapp's own, and the form's matching language for the messages its author wrote.
    """
    language = language or default_language()
    found = unknown_keys(form, answers, language)
    session = Session(form, answers, language=form_language_for(form, language), messages=language)
    return found + session.problems()


def _attached(node: Node) -> bool:
    """Whether ``node`` is still in the tree (not in a removed repeat instance)."""
    return not node.detached


def _refresh_relevance(top: Node) -> list[Node]:
    """Recompute inherited relevance below ``top``; return the nodes that flipped."""
    flipped: list[Node] = []
    stack = [top]
    while stack:
        node = stack.pop()
        inherited = node.parent.relevant if node.parent is not None else True
        relevant = inherited and node.own_relevant
        if relevant == node.relevant and node is not top:
            continue
        if relevant != node.relevant:
            node.relevant = relevant
            flipped.append(node)
        stack.extend(node.children())
    return flipped


def _readonly(node: Node) -> bool:
    """Return whether ``node`` or a group or repeat around it is read-only, as ODK inherits it."""
    current: Node | None = node
    while current is not None:
        if current.readonly:
            return True
        parent = current.parent
        current = parent if isinstance(parent, Node) else None
    return False


def _answers_of(container: Node, keep_all: bool) -> Answers:
    result: Answers = {}
    _collect(container, result, keep_all)
    return result


def _collect(node: Node, into: Answers, keep_all: bool) -> None:
    for item in node.items:
        if isinstance(item, RepeatSet):
            entries = [
                _answers_of(instance, keep_all)
                for instance in item.instances
                if keep_all or instance.relevant
            ]
            if keep_all or entries:
                into[item.element.key] = entries
            continue
        if not keep_all and not item.relevant:
            continue
        element = item.element
        value = item.raw if keep_all else item.answer()
        if isinstance(element, Question) and not is_empty(value):
            into[element.key] = copy.deepcopy(value)
        _collect(item, into, keep_all)


def _put(answers: Answers, ref: Ref, value: Value) -> None:
    """Set (or, for None, remove) the answer at ``ref`` in an answers dict."""
    holder: Any = answers
    for part in ref[:-1]:
        holder = holder[part] if isinstance(part, int) else holder.setdefault(part, [])
    key = ref[-1]
    assert isinstance(key, str) and isinstance(holder, dict)
    if value is None:
        holder.pop(key, None)
    else:
        holder[key] = value


def _compare_instances(before: Node, after: Node, dropped: list[Ref]) -> None:
    """Add to ``dropped`` the instances below ``before`` that ``after`` no longer has and
    that hold answers; both trees are of the same form."""
    for mine, theirs in zip(before.items, after.items, strict=True):
        if isinstance(mine, RepeatSet) and isinstance(theirs, RepeatSet):
            kept = len(theirs.instances)
            for index, instance in enumerate(mine.instances):
                if index >= kept:
                    if _holds_answers(instance):
                        dropped.append(instance.ref())
                else:
                    _compare_instances(instance, theirs.instances[index], dropped)
        elif isinstance(mine, Node) and isinstance(theirs, Node):
            _compare_instances(mine, theirs, dropped)


def _holds_answers(instance: Node) -> bool:
    """Whether a person answered anything in ``instance`` (not defaults or calculations)."""
    for node in instance.descendants():
        element = node.element
        if not isinstance(element, Question) or is_empty(node.raw):
            continue
        if element.type in _COMPUTED or element.type.is_metadata:
            continue
        if element.bind.calculation is not None or element.bind.preload:
            continue
        default = element.bind.default
        if default not in (None, "") and odk_string(node.raw) == default:
            continue
        return True
    return False


def _xpath_of(node: Node) -> str:
    """Return the node's path as ODK's audit log writes it: ``/data/people[2]/age``."""
    steps: list[str] = []
    current: Node | None = node
    while current is not None:
        step = current.name
        parent = current.parent
        if current.is_instance and parent is not None:
            repeat_set = parent.by_name.get(current.name)
            if isinstance(repeat_set, RepeatSet) and current in repeat_set.instances:
                step += f"[{repeat_set.instances.index(current) + 1}]"
        steps.append(step)
        current = parent
    return "/" + "/".join(reversed(steps))


def _lookups(expression: Expression) -> list[Lookup]:
    cached: list[Lookup] | None = expression.__dict__.get("_lookups")
    if cached is None:
        cached = equality_lookups(expression)
        expression.__dict__["_lookups"] = cached
    return cached


__all__ = [
    "Changes",
    "NodeState",
    "Problem",
    "Session",
    "check_answers",
    "coerce_answer",
    "form_language_for",
]
