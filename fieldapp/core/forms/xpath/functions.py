"""The ODK XPath function library: its registry, and the logic, node-set, text and select
functions (numbers are in ``numbers.py``, dates in ``datetimes.py``), each as ODK's
reference engine computes it."""

from __future__ import annotations

import base64
import hashlib
import math
import random as _random
import re
import uuid as _uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from fieldapp.core.forms.xpath.runtime import Context, Document, Evaluator, is_descendant
from fieldapp.core.forms.xpath.values import (
    XML_SPACE,
    XNode,
    XValue,
    format_datetime,
    js_number,
    js_parse_int,
    normalize_space,
    string_value,
    to_boolean,
    to_string,
)

Impl = Callable[[Context, Sequence[Evaluator]], XValue]
T = TypeVar("T")


@dataclass(frozen=True)
class Function:
    minimum: int
    maximum: int | None
    call: Impl


LIBRARY: dict[str, Function] = {}


def function(name: str, minimum: int = 0, maximum: int | None = 0) -> Callable[[Impl], Impl]:
    def register(impl: Impl) -> Impl:
        for alias in name.split():
            LIBRARY[alias] = Function(minimum, maximum, impl)
        return impl

    return register


class EvaluationFailure(Exception):
    """Raised inside a function; the expression turns it into an XPathError."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def arg_text(ctx: Context, arg: Evaluator) -> str:
    return to_string(arg(ctx))


def arg_number(ctx: Context, arg: Evaluator) -> float:
    return ctx.number(arg(ctx))


def arg_nodes(ctx: Context, arg: Evaluator, name: str) -> list[XNode]:
    value = arg(ctx)
    if not isinstance(value, list):
        raise EvaluationFailure("xpath.not_nodeset", name)
    return value


def arg_items(ctx: Context, args: Sequence[Evaluator]) -> list[XValue]:
    """Every argument's values: a node-set counts once per node."""
    found: list[XValue] = []
    for arg in args:
        value = arg(ctx)
        if isinstance(value, list):
            found.extend([node] for node in value)
        else:
            found.append(value)
    return found


def arg_or_context(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return args[0](ctx) if args else [ctx.node]


# --- boolean ------------------------------------------------------------------------------


@function("true")
def _true(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return True


@function("false")
def _false(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return False


@function("boolean", 1, 1)
def _boolean(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return to_boolean(args[0](ctx))


@function("not", 1, 1)
def _not(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return not to_boolean(args[0](ctx))


@function("boolean-from-string", 1, 1)
def _boolean_from_string(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return arg_text(ctx, args[0]) in ("1", "true")


@function("if", 3, 3)
def _if(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return args[1](ctx) if to_boolean(args[0](ctx)) else args[2](ctx)


@function("lang", 1, 1)
def _lang(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return False


def _checklist(ctx: Context, args: Sequence[Evaluator], weights: Iterator[float | None]) -> bool:
    """Whether the weights of the satisfied items add up to between ``args[0]`` and ``args[1]``.

    ``weights`` yields each satisfied item's weight, ``None`` where the lists do not pair up
    (false); it is read only as far as needed, and not at all when the bounds always hold.
    """
    low, high = arg_number(ctx, args[0]), arg_number(ctx, args[1])
    if high == -1:
        if low < 1:
            return True
        high = math.inf
    satisfied = 0.0
    for weight in weights:
        if weight is None:
            return False
        satisfied += weight
        if satisfied > high:
            return False
    return satisfied >= low


@function("checklist", 2, None)
def _count_checklist(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    def weights() -> Iterator[float]:
        for item in arg_items(ctx, args[2:]):
            if to_boolean(_node_truth(item)):
                yield 1.0

    return _checklist(ctx, args, weights())


def _node_truth(item: XValue) -> XValue:
    """A node counts as true when its text is not blank (ODK's node boolean)."""
    if isinstance(item, list):
        return bool(item) and bool(string_value(item[0]).strip(XML_SPACE))
    return item


@function("weighted-checklist", 2, None)
def _weighted_checklist(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    def weights() -> Iterator[float | None]:
        if len(args) % 2:
            raise EvaluationFailure("xpath.weighted_checklist_pairs")
        for index in range(2, len(args), 2):
            results = arg_items(ctx, args[index : index + 1])
            weight_items = arg_items(ctx, args[index + 1 : index + 2])
            for position, weight in enumerate(weight_items):
                if position >= len(results):
                    yield None
                    return
                if to_boolean(_node_truth(results[position])):
                    yield ctx.number(weight)

    return _checklist(ctx, args, weights())


# --- node-sets ----------------------------------------------------------------------------


@function("count", 1, 1)
def _count(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return float(len(arg_nodes(ctx, args[0], "count")))


@function("count-non-empty", 1, 1)
def _count_non_empty(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    nodes = arg_nodes(ctx, args[0], "count-non-empty")
    return float(sum(1 for node in nodes if string_value(node) != ""))


@function("last")
def _last(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return float(ctx.size)


@function("position", 0, 1)
def _position(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    if not args:
        return float(ctx.position)
    nodes = arg_nodes(ctx, args[0], "position")
    if not nodes:
        return math.nan
    if len(nodes) > 1:
        raise EvaluationFailure("xpath.position_of_many")
    node = nodes[0]
    parent = node.parent
    if parent is None:
        return 1.0
    siblings = list(parent.children())
    index = next(i for i, child in enumerate(siblings) if child is node)
    result = 1
    while index > 0 and siblings[index - 1].name == node.name:
        result += 1
        index -= 1
    return float(result)


@function("current")
def _current(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return [ctx.current]


@function("instance", 1, 1)
def _instance(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    root = ctx.env.instance(arg_text(ctx, args[0]))
    return [] if root is None else [Document(root)]


@function("name local-name", 0, 1)
def _name(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    value = arg_or_context(ctx, args)
    if not isinstance(value, list):
        raise EvaluationFailure("xpath.not_nodeset", "name")
    return value[0].name if value else ""


@function("namespace-uri", 0, 1)
def _namespace_uri(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return ""


@function("indexed-repeat", 3, None)
def _indexed_repeat(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    if len(args) % 2 == 0:
        raise EvaluationFailure("xpath.indexed_repeat_pairs")
    pairs: list[tuple[list[XNode], float]] = []
    for index in range(1, len(args), 2):
        position = arg_number(ctx, args[index + 1])
        if math.isnan(position):
            return []
        repeats = arg_nodes(ctx, args[index], "indexed-repeat")
        if not repeats:
            return []
        pairs.append((repeats, position))
    # outer repeats first, so each inner position counts within the chosen outer instance
    pairs.sort(key=lambda pair: _depth(pair[0][0]))
    chosen: XNode | None = None
    for repeats, position in pairs:
        if chosen is not None:
            outer = chosen
            repeats = [r for r in repeats if is_descendant(outer, r)]
        if position != int(position) or not 1 <= position <= len(repeats):
            return []
        chosen = repeats[int(position) - 1]
    targets = arg_nodes(ctx, args[0], "indexed-repeat")
    assert chosen is not None
    return [node for node in targets if is_descendant(chosen, node)]


def _depth(node: XNode) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += 1
        parent = parent.parent
    return depth


@function("once", 1, 1)
def _once(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    existing = string_value(ctx.node)
    return existing if existing != "" else arg_text(ctx, args[0])


@function("randomize", 1, 2)
def _randomize(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    nodes = arg_nodes(ctx, args[0], "randomize")
    if len(args) == 1:
        return shuffled(nodes, None)
    seed = args[1](ctx)
    return shuffled(nodes, to_string(seed) if isinstance(seed, str | list) else ctx.number(seed))


def shuffled(items: Sequence[T], seed: float | str | None) -> list[T]:
    """Return ``items`` in the order ODK gives them for ``randomize(items, seed)``.

    A number seed (or a text one, hashed) gives JavaRosa's order, the same in ODK
    Collect and Web Forms; no seed gives a fresh random order.
    """
    if seed is None:
        draw: Callable[[], float] = _random.random
    else:
        number = seed if isinstance(seed, float) else js_number(seed) if seed else math.nan
        draw = _ParkMiller(_seed_of(number, seed if isinstance(seed, str) else "")).random
    results: list[T] = list(items)
    for i, item in enumerate(items):
        j = math.floor(draw() * (i + 1))
        if j != i:
            results[i] = results[j]
        results[j] = item
    return results


def _seed_of(number: float, text: str) -> int:
    if math.isnan(number):
        if text == "":
            return 0
        digest = hashlib.sha256(text.encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)
    if math.isinf(number):
        return 2**63 - 1 if number > 0 else -(2**63)
    return math.trunc(number)


class _ParkMiller:
    """JavaRosa's seeded shuffle generator, so ``randomize(..., seed)`` orders as ODK does."""

    MODULUS = 2147483647

    def __init__(self, seed: int) -> None:
        initial = abs(seed) % self.MODULUS * (-1 if seed < 0 else 1)  # JS BigInt remainder
        if initial <= 0:
            initial += self.MODULUS - 1
        self.seed = initial

    def random(self) -> float:
        self.seed = self.seed * 16807 % self.MODULUS
        return (self.seed - 1) / (self.MODULUS - 1)


# --- strings ------------------------------------------------------------------------------


@function("string", 0, 1)
def _string(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return to_string(arg_or_context(ctx, args))


MAX_TEXT = 100_000
"""Longest text concat() and join() make: calculations that double a text 40 times would
otherwise ask for terabytes. No answer is that long (a spreadsheet cell holds 32,767)."""


def _bounded(parts: Iterator[str], glue: str = "") -> str:
    total = 0
    kept: list[str] = []
    for part in parts:
        total += len(part) + (len(glue) if kept else 0)
        if total > MAX_TEXT:
            raise EvaluationFailure("xpath.text_too_long", str(MAX_TEXT))
        kept.append(part)
    return glue.join(kept)


@function("concat", 0, None)
def _concat(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return _bounded(to_string(item) for item in arg_items(ctx, args))


@function("join", 1, None)
def _join(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    glue = arg_text(ctx, args[0])
    return _bounded((to_string(item) for item in arg_items(ctx, args[1:])), glue)


@function("coalesce", 2, 2)
def _coalesce(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    first = arg_text(ctx, args[0])
    return first if first != "" else arg_text(ctx, args[1])


@function("string-length", 0, 1)
def _string_length(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    text = to_string(arg_or_context(ctx, args))
    return float(len(text.encode("utf-16-le")) // 2)


@function("normalize-space", 0, 1)
def _normalize_space(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return normalize_space(to_string(arg_or_context(ctx, args)))


@function("contains", 2, 2)
def _contains(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return arg_text(ctx, args[1]) in arg_text(ctx, args[0])


@function("starts-with", 2, 2)
def _starts_with(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return arg_text(ctx, args[0]).startswith(arg_text(ctx, args[1]))


@function("ends-with", 2, 2)
def _ends_with(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return arg_text(ctx, args[0]).endswith(arg_text(ctx, args[1]))


@function("substring-before", 2, 2)
def _substring_before(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    haystack = arg_text(ctx, args[0])
    if haystack == "":
        return ""
    index = haystack.find(arg_text(ctx, args[1]))
    return "" if index == -1 else haystack[:index]


@function("substring-after", 2, 2)
def _substring_after(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    haystack = arg_text(ctx, args[0])
    if haystack == "":
        return ""
    needle = arg_text(ctx, args[1])
    if needle == "":
        return haystack
    index = haystack.find(needle)
    # ODK's engine skips one character past the match, whatever the needle's length
    return "" if index == -1 else haystack[index + 1 :]


def js_round(number: float) -> float:
    if math.isnan(number) or math.isinf(number):
        return number
    return float(math.floor(number + 0.5))


def _js_substring(text: str, start: float, end: float) -> str:
    def clamp(value: float) -> int:
        if math.isnan(value):
            return 0
        return int(min(max(value, 0), len(text)))

    low, high = clamp(start), clamp(end)
    if low > high:
        low, high = high, low
    return text[low:high]


@function("substring", 2, 3)
def _substring(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    text = arg_text(ctx, args[0])
    if text == "":
        return ""
    start = js_round(arg_number(ctx, args[1])) - 1
    if start == math.inf or math.isnan(start):
        return ""
    if len(args) == 3:
        length = arg_number(ctx, args[2])
        if math.isnan(length):
            return ""
        return _js_substring(text, start, start + js_round(length))
    return _js_substring(text, start, len(text))


@function("substr", 2, 3)
def _substr(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    text = arg_text(ctx, args[0])
    length = len(text)
    if length == 0:
        return ""
    start = js_parse_int(arg_text(ctx, args[1]))
    end = js_parse_int(arg_text(ctx, args[2])) if len(args) == 3 else float(length)
    if math.isnan(start) or math.isnan(end):
        return ""
    if start < 0:
        start += length
    if end < 0:
        end += length
    end = min(max(0, end), length)
    start = min(max(0, start), length)
    return text[int(start) : int(end)] if start <= end else ""


@function("translate", 3, 3)
def _translate(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    text, needles, replacements = (arg_text(ctx, arg) for arg in args)
    mapping: dict[str, str] = {}
    for index, needle in enumerate(needles):
        if needle not in mapping:
            mapping[needle] = replacements[index] if index < len(replacements) else ""
    return "".join(mapping.get(char, char) for char in text)


@function("uuid", 0, 1)
def _uuid_function(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    result = str(_uuid.uuid4())
    if not args:
        return result
    length = arg_number(ctx, args[0])
    if math.isnan(length) or length > 100_000:
        raise EvaluationFailure("xpath.uuid_length")
    while len(result) < length:
        result += str(_uuid.uuid4())
    return result[: max(0, int(length))]


REGEX_BUDGET = 0.01
"""Seconds one regex() match may take (10 ms). A pattern such as (a+)+$ retries exponentially
many ways on a text it does not match (34 characters: minutes); that is the only way to
spend this long, so running out of time is read as what it almost always is: no match."""


@function("regex", 2, 2)
def _regex(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    import regex  # re's syntax and semantics (its version 0), with a time budget

    value, pattern = arg_text(ctx, args[0]), arg_text(ctx, args[1])
    try:
        return regex.search(pattern, value, timeout=REGEX_BUDGET) is not None
    except regex.error as error:
        raise EvaluationFailure("xpath.bad_regex", pattern) from error
    except TimeoutError:
        return False


_BASE64 = re.compile(r"[A-Za-z0-9+/]*")


@function("base64-decode", 1, 1)
def _base64_decode(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    """Decoded as ODK's engines decode it (the web's forgiving base64: whitespace dropped,
    padding optional), bytes that are not UTF-8 becoming replacement characters; text that
    is not base64 gives an empty string."""
    text = re.sub(r"[\t\n\f\r ]", "", arg_text(ctx, args[0]))
    if len(text) % 4 == 0 and text.endswith("="):
        text = text[:-2] if text.endswith("==") else text[:-1]
    if len(text) % 4 == 1 or not _BASE64.fullmatch(text):
        return ""
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded, validate=True).decode("utf-8", "replace")


_DIGESTS = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384"}
_DIGESTS["SHA-512"] = "sha512"


@function("digest", 2, 3)
def _digest(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    value, algorithm = arg_text(ctx, args[0]), arg_text(ctx, args[1])
    encoding = arg_text(ctx, args[2]) if len(args) == 3 else "base64"
    if algorithm not in _DIGESTS or encoding not in ("base64", "hex"):
        raise EvaluationFailure("xpath.bad_digest", f"{algorithm} {encoding}")
    digest = hashlib.new(_DIGESTS[algorithm], value.encode()).digest()
    return digest.hex() if encoding == "hex" else base64.b64encode(digest).decode()


@function("pulldata", 4, 4)
def _pulldata(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    instance_id, wanted, key, query = (arg_text(ctx, arg) for arg in args)
    root = ctx.env.instance(instance_id)
    if root is None:
        return ""
    for item in root.children():
        fields = {child.name: child for child in item.children()}
        if key in fields and string_value(fields[key]) == query:
            return string_value(fields[wanted]) if wanted in fields else ""
    return ""


# --- selects ------------------------------------------------------------------------------


def _choices(text: str) -> list[str]:
    return normalize_space(text).split(" ")


@function("selected", 2, 2)
def _selected(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return arg_text(ctx, args[1]).strip(XML_SPACE) in _choices(arg_text(ctx, args[0]))


@function("count-selected", 1, 1)
def _count_selected(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    text = arg_text(ctx, args[0]).strip(XML_SPACE)
    return float(len(_choices(text))) if text else 0.0


@function("selected-at", 2, 2)
def _selected_at(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    choices = _choices(arg_text(ctx, args[0]))
    index = js_parse_int(arg_text(ctx, args[1]))
    if math.isnan(index) or not 0 <= index < len(choices):
        return ""
    return choices[int(index)]


@function("jr:choice-name", 2, 2)
def _choice_name(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    """Return a choice's label; the environment supplies it through ``choice_label``."""
    from fieldapp.core.forms.xpath.compiler import select_nodes

    choice = arg_text(ctx, args[0])
    label_of = getattr(ctx.env, "choice_label", None)
    if label_of is None:
        return ""
    # the second argument is the question's path as text, evaluated where the call is
    found = select_nodes(arg_text(ctx, args[1]).strip(), ctx)
    if not found:
        return ""
    label: object = label_of(found[0], choice)
    return label if isinstance(label, str) else ""


@function("jr:itext", 1, 1)
def _itext(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    """Return an XForm's text of an itext id in the session's language; the environment
    supplies it through ``itext``."""
    text_of = getattr(ctx.env, "itext", None)
    found: object = text_of(arg_text(ctx, args[0]).strip()) if text_of is not None else ""
    return found if isinstance(found, str) else ""


def known(name: str) -> Function | None:
    """Return the function called ``name`` (``jr:``/``odk:`` prefixes allowed), if any."""
    found = LIBRARY.get(name)
    if found is None and ":" in name:
        prefix, local = name.split(":", 1)
        if prefix in ("fn", "xf", "odk", "orx", "enk"):
            found = LIBRARY.get(local)
        elif prefix in ("jr", "javarosa"):
            found = LIBRARY.get(f"jr:{local}")
    return found


__all__ = ["LIBRARY", "EvaluationFailure", "Function", "format_datetime", "known", "shuffled"]
