"""Every message a user can see, in English and Spanish, from one place.

Each area keeps its catalogue in a module of this package (``forms``, ``store``,
``merge``, ``export``, ``cli``...); this module joins them. A message is looked up by
its code and formatted with named parameters, so the same error reads well in either
language and tests can assert on the code instead of the wording.

A template is a ``str.format`` string (``{path}``, ``{seconds:.1f}``, ``{{`` for a brace)
that may hold ICU MessageFormat plurals where a word depends on a number::

    "{count, plural, one {# row is set aside} other {# rows are set aside}}"
    "{count, plural, =0 {no file was written} one {# file was written} other {...}}"

``#`` in a branch is the number as ``{count}`` shows it (write ``{count:,}`` in the
branch for thousands separators); other ``{param}`` and plurals may sit in a branch. The
selectors are those English and Spanish need (CLDR): ``one`` for exactly the integer 1,
``other`` for every other value (required), and ``=N`` for an exact integer, which
wins. A branch ends at its first ``}``: it holds no literal ``}``; apostrophes are plain
text. A template that does not parse raises ``TemplateError`` in
``tests/core/test_message_catalogue.py``, never on a user's screen; hedges such as
"interview(s)" are refused there too. Pass counts as ``int``: any other value takes
``other``. Write whole sentences in the branches where a word after the number changes
("...to include it." / "...to include them."). ``format_template`` formats a template
outside the catalogue the same way.
"""

from __future__ import annotations

import importlib
import locale
import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

LANGUAGES = ("en", "es")

DOMAINS: dict[str, tuple[str, ...]] = {
    "actor": ("actors",),
    "central": ("central",),
    "check": ("rows",),
    "count": ("counts",),
    "cli": ("cli",),
    "clihelp": ("cli_help",),
    "conflicts": ("conflicts",),
    "crypto": ("crypto",),
    "demo": ("study",),
    "devices": ("devices", "devices_ui"),
    "engine": ("forms", "limits"),
    "envelope": ("envelope",),
    "export": ("export", "analyst"),
    "finalize": ("laptop",),
    "formdesk": ("form_desk",),
    "forms": ("forms", "limits"),
    "keys": ("laptop",),
    "merge": ("merge", "analyst"),
    "package": ("laptop",),
    "progress": ("progress",),
    "pull": ("pull",),
    "quarantine": ("rows",),
    "review": ("review", "analyst"),
    "rows": ("rows",),
    "server": ("server_ui",),
    "store": ("store",),
    "study": ("study",),
    "ui": ("ui", "laptop"),
    "xform": ("xform",),
    "xpath": ("forms", "limits"),
}
"""A code's first part (``store`` of ``store.not_found``) -> the modules with such codes.

A module loads when a message of its domain is first needed: a start shows three
domains' messages at most, and the nineteen modules cost it about 2 ms (issue 16).
``tests/core/test_message_catalogue.py`` holds this table to the modules.
"""

MODULES = tuple(dict.fromkeys(name for names in DOMAINS.values() for name in names))
"""The catalogue's modules, one an area: every module the domains name (a test holds
them to the package's files)."""


class Catalogue(Mapping[str, Mapping[str, str]]):
    """Every message by code, its modules loaded by domain on first use."""

    def __init__(self) -> None:
        self._texts: dict[str, Mapping[str, str]] = {}
        self._loaded: set[str] = set()
        self._lock = threading.Lock()  # the export and merge threads look messages up too
        self.plural_templates: set[str] = set()
        """The loaded templates that hold a plural; ``Message.text`` asks this set (a hash
        the string keeps) rather than search each template (140 ns on a Spanish one)."""

    def _load(self, modules: tuple[str, ...]) -> None:
        with self._lock:
            for name in modules:
                if name in self._loaded:
                    continue
                module = importlib.import_module(f"{__name__}.{name}")
                for code, texts in module.MESSAGES.items():
                    if code in self._texts:
                        raise RuntimeError(f"message code defined twice: {code}")
                    self._texts[code] = texts
                    self.plural_templates.update(t for t in texts.values() if "plural" in t)
                self._loaded.add(name)

    def __getitem__(self, code: str) -> Mapping[str, str]:
        texts = self._texts.get(code)
        if texts is None:
            self._load(DOMAINS.get(code.split(".", 1)[0], MODULES))
            texts = self._texts[code]
        return texts

    def __iter__(self) -> Iterator[str]:
        self._load(MODULES)
        return iter(dict(self._texts))

    def __len__(self) -> int:
        self._load(MODULES)
        return len(self._texts)


CATALOG = Catalogue()


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the user's language: FIELDAPP_LANG, else the locale the environment names
    (LC_ALL, LC_MESSAGES, LANG, in POSIX's order), else the system's, else English.

    The environment first: where its locale is not installed, Python reports another one
    (``en_US`` for ``LANG=es_MX.UTF-8``). Windows names its locales in words
    (``Spanish_Mexico``).
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get("FIELDAPP_LANG", "")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        chosen = chosen or environ.get(name, "")
    if not chosen:
        try:
            chosen = locale.getlocale()[0] or ""
        except ValueError:
            chosen = ""
    return "es" if chosen.lower().startswith(("es", "spanish")) else "en"


DIRECTION_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Characters that reorder the text around them on screen: a form id, file name or name
chosen by someone else carries one so that it, or the rest of the line, reads backwards."""
_BIDI_CONTROLS = re.compile(f"[{DIRECTION_CONTROLS}]")


def _spelled(value: str) -> str:
    """Return ``value`` with its bidi controls spelled out (``\\u202e``), as it is."""
    return _BIDI_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", value)


@dataclass(frozen=True)
class Message:
    """A user-facing message: a catalogue code and its parameters."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        texts = CATALOG[self.code]
        template = texts.get(language or default_language()) or texts["en"]
        # A parameter that is itself a message (the rule a row breaks) reads in the same
        # language as the message around it.
        # A text parameter (a form id, a file name, an answer) shows its bidi controls
        # spelled out: the message says what the name is, in the order it is written.
        params = {
            name: value.text(language)
            if isinstance(value, Message)
            else _spelled(value)
            if isinstance(value, str) and _BIDI_CONTROLS.search(value)
            else value
            for name, value in self.params.items()
        }
        if template in CATALOG.plural_templates:
            template = _chosen(compile_template(template), params)
        return template.format(**params)

    def __str__(self) -> str:
        return self.text()


class FieldappError(Exception):
    """A problem the user can fix: carries one translatable message, never a traceback."""

    def __init__(self, code: str, **params: Any) -> None:
        self.message = Message(code, params)
        super().__init__(self.message.text("en"))

    @property
    def code(self) -> str:
        return self.message.code

    def text(self, language: str | None = None) -> str:
        return self.message.text(language)


def with_code(word: str, code: str) -> str:
    """Say a code's ``word`` with the code beside it, ``Tijuana (tij)``, where a person may
    need the code too (to type it, to find it in a codes export); the code alone where it
    is its own word."""
    return code if word == code else f"{word} ({code})"


_SIZE_UNITS = (("count.size_gb", 1024**3), ("count.size_mb", 1024**2), ("count.size_kb", 1024))
"""A file's size in the largest unit it reaches (KB of 1024 bytes, as a file manager says)."""


def file_sizes(*sizes: int) -> tuple[Message, ...]:
    """Return each size as a person reads it ("195 KB", "1.5 MB"), a message of its own
    (a parameter that reads in the language of the message around it).

    Sizes said side by side that would read alike once rounded ("512 KB of 512 KB") are
    said in bytes, grouped, so that they read apart.
    """

    def rounded(size: int) -> Message:
        for code, unit in _SIZE_UNITS:
            if size >= unit:
                return Message(code, {"count": size / unit})
        return Message("count.size_bytes", {"count": size})

    said = tuple(rounded(size) for size in sizes)
    if len({message.text("en") for message in said}) < len(set(sizes)):
        return tuple(Message("count.size_bytes", {"count": size}) for size in sizes)
    return said


def past_limit(size: int, limit: int) -> tuple[Message, Message]:
    """Return a file's ``size`` and the ``limit`` it is past, each as a person reads it: the
    size as ``file_sizes`` says it ("1.3 GB"), the limit, a round constant, whole in its
    own unit ("256 MB", "4 GB" for FAT32's 2**32 - 1 bytes).

    A size that would read as the limit once rounded ("256.0 MB" past "256 MB") is said
    with the limit in bytes, grouped, as ``file_sizes`` says two sizes alike.
    """
    said, most = file_sizes(size, limit)
    if most.code == "count.size_bytes":
        return said, most
    code, unit = next((code, unit) for code, unit in _SIZE_UNITS if limit >= unit)
    return said, Message(code.replace("count.size_", "count.size_round_"), {"count": limit / unit})


def text(code: str, language: str | None = None, **params: Any) -> str:
    """Return the message ``code`` in ``language`` (default: the user's)."""
    return Message(code, params).text(language)


# --- plurals: the subset of ICU MessageFormat that English and Spanish need ------------

PLURAL_CATEGORIES = ("one", "other")
"""The CLDR plural categories of English and Spanish a template may name (besides ``=N``)."""


class TemplateError(ValueError):
    """A catalogue template that does not parse: the catalogue test names it."""


class Plural:
    """``{name, plural, ...}``: the branches, each a compiled template of its own.

    A plain class: a frozen dataclass costs the import about 0.6 ms of code generation.
    """

    __slots__ = ("exact", "name", "one", "other")

    def __init__(
        self,
        name: str,
        exact: Mapping[int, tuple[Part, ...]],
        one: tuple[Part, ...] | None,
        other: tuple[Part, ...],
    ) -> None:
        self.name = name
        self.exact = exact
        self.one = one
        self.other = other

    def __repr__(self) -> str:
        return f"Plural({self.name!r}, {self.exact!r}, {self.one!r}, {self.other!r})"

    def branch(self, value: object) -> tuple[Part, ...]:
        """Return the branch a count takes (anything but an integer: ``other``)."""
        if isinstance(value, bool) or not isinstance(value, int):
            return self.other
        chosen = self.exact.get(value)
        if chosen is not None:
            return chosen
        return self.one if self.one is not None and value == 1 else self.other


Part = str | Plural
"""A piece of a compiled template: ``str.format`` text, or a plural to choose from."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the parser's patterns (an argument's head, a field, a selector), compiled
    when the first plural is read rather than at every start."""
    return (
        re.compile(r"\{\s*([A-Za-z_]\w*)\s*,\s*(\w*)\s*,"),
        re.compile(r"[A-Za-z_]\w*(![rsa])?(:[^{}]*)?"),
        re.compile(r"=(\d+)|([A-Za-z]+)"),
    )


def format_template(template: str, params: Mapping[str, Any]) -> str:
    """Return ``template`` with its plurals chosen by ``params``, then ``str.format``-ed."""
    if "plural" in template:  # the one test a template without plurals pays
        template = _chosen(compile_template(template), params)
    return template.format(**params)


@cache
def compile_template(template: str) -> tuple[Part, ...]:
    """Parse ``template`` (``str.format`` with ICU plurals); raise ``TemplateError``."""
    parts, end = _parse(template, 0, None)
    if end != len(template):  # pragma: no cover - _parse reads to the end at the top
        raise TemplateError(f"unexpected '}}' at character {end}")
    return parts


def placeholders(template: str) -> set[str]:
    """Return the parameter names ``template`` reads, plurals' names included."""
    names: set[str] = set()
    _collect(compile_template(template), names)
    return names


def _collect(parts: tuple[Part, ...], names: set[str]) -> None:
    for part in parts:
        if isinstance(part, Plural):
            names.add(part.name)
            for branch in (*part.exact.values(), part.one or (), part.other):
                _collect(branch, names)
        else:
            import string  # the catalogue test's alone

            names.update(field for _, field, _, _ in string.Formatter().parse(part) if field)


def _chosen(parts: tuple[Part, ...], params: Mapping[str, Any]) -> str:
    """Return the ``str.format`` template the numbers in ``params`` choose."""
    chosen = []
    for part in parts:
        if isinstance(part, Plural):
            chosen.append(_chosen(part.branch(params[part.name]), params))
        else:
            chosen.append(part)
    return "".join(chosen)


def _parse(template: str, at: int, number: str | None) -> tuple[tuple[Part, ...], int]:
    """Read from ``at`` to the end (``number`` None) or to the ``}`` that closes a plural's
    branch whose ``#`` is ``{number}``; return the parts and where reading stopped."""
    parts: list[Part] = []
    text: list[str] = []
    i = at
    while i < len(template):
        char = template[i]
        if char == "{":
            if template.startswith("{{", i):
                text.append("{{")
                i += 2
                continue
            argument = _patterns()[0].match(template, i)
            if argument is not None:
                if argument.group(2) != "plural":
                    raise TemplateError(
                        f"{{{argument.group(1)}, {argument.group(2)}, ...}} at character {i}: "
                        "only plural arguments are supported"
                    )
                if text:
                    parts.append("".join(text))
                    text = []
                plural, i = _parse_plural(template, argument.end(), argument.group(1))
                parts.append(plural)
                continue
            close = template.find("}", i)
            opened = template.find("{", i + 1)
            if close < 0 or 0 <= opened < close:
                raise TemplateError(f"the '{{' at character {i} is never closed")
            if not _patterns()[1].fullmatch(template, i + 1, close):
                raise TemplateError(f"{template[i : close + 1]!r} is not a parameter")
            text.append(template[i : close + 1])
            i = close + 1
        elif char == "}":
            if number is not None:
                break
            if not template.startswith("}}", i):
                raise TemplateError(f"a single '}}' at character {i}")
            text.append("}}")
            i += 2
        elif char == "#" and number is not None:
            text.append(f"{{{number}}}")
            i += 1
        else:
            text.append(char)
            i += 1
    else:
        if number is not None:
            raise TemplateError(f"a branch of the plural of {number} is never closed")
    if text:
        parts.append("".join(text))
    return tuple(parts), i


def _parse_plural(template: str, at: int, name: str) -> tuple[Plural, int]:
    """Read the selectors and branches after ``{name, plural,`` up to its closing ``}``."""
    exact: dict[int, tuple[Part, ...]] = {}
    categories: dict[str, tuple[Part, ...]] = {}
    i = at
    while True:
        while i < len(template) and template[i].isspace():
            i += 1
        if i >= len(template):
            raise TemplateError(f"the plural of {name} is never closed")
        if template[i] == "}":
            break
        selector = _patterns()[2].match(template, i)
        if selector is None:
            raise TemplateError(f"the plural of {name} has no selector at character {i}")
        word = selector.group(2)
        if word is not None and word not in PLURAL_CATEGORIES:
            raise TemplateError(
                f"the plural of {name} names {word!r}: English and Spanish have only "
                f"{', '.join(PLURAL_CATEGORIES)} and =N"
            )
        if selector.group(0) in categories or (word is None and int(selector.group(1)) in exact):
            raise TemplateError(f"the plural of {name} names {selector.group(0)} twice")
        i = selector.end()
        while i < len(template) and template[i].isspace():
            i += 1
        if not template.startswith("{", i):
            raise TemplateError(f"the plural of {name} has no branch after {selector.group(0)}")
        branch, i = _parse(template, i + 1, name)
        i += 1  # the branch's "}"
        if word is None:
            exact[int(selector.group(1))] = branch
        else:
            categories[word] = branch
    if "other" not in categories:
        raise TemplateError(f"the plural of {name} has no 'other' branch")
    return Plural(name, exact, categories.get("one"), categories["other"]), i + 1
