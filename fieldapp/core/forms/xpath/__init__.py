"""XPath 1.0 as ODK evaluates it: compile an expression once, evaluate it many times.

``compile_expression(text, resolve)`` reads an expression (XLSForm ``${name}`` references
go through ``resolve``) into an :class:`Expression`, failing early with an
:class:`XPathError` on a syntax error, an unknown function or a wrong argument count.
``Expression.evaluate(node, env)`` evaluates it with ``node`` as the context node over any
tree that implements :class:`XNode`; ``env`` (an :class:`Env`) gives secondary instances,
the clock and the node ``current()`` returns. An environment may also offer
``choice_label(node, choice_name) -> str | None`` for ``jr:choice-name``.

The semantics follow ODK's reference engine (ODK Web Forms) where it differs from the
XPath 1.0 text: numbers print as JavaScript prints them, NaN prints empty, ISO dates
compare and subtract as days since the epoch, ``and``/``or`` return the deciding operand,
``sum()`` of an empty node-set is NaN, and a predicate's position counts over the whole
step's node-set. Dates without an offset are local: to the machine's rules (summer time
included) when ``env.now()`` reads at the machine's own offset, else to that offset.
``shuffled(items, seed)`` gives ODK's ``randomize()`` order for a choice list.
"""

from fieldapp.core.forms.xpath.compiler import Expression, compile_expression
from fieldapp.core.forms.xpath.functions import LIBRARY, shuffled
from fieldapp.core.forms.xpath.syntax import XPathError
from fieldapp.core.forms.xpath.values import (
    DateTimeValue,
    Env,
    XNode,
    XValue,
    format_number,
    to_boolean,
    to_number,
    to_string,
)

FUNCTION_NAMES = frozenset(LIBRARY)

__all__ = [
    "FUNCTION_NAMES",
    "DateTimeValue",
    "Env",
    "Expression",
    "XNode",
    "XPathError",
    "XValue",
    "compile_expression",
    "format_number",
    "shuffled",
    "to_boolean",
    "to_number",
    "to_string",
]
