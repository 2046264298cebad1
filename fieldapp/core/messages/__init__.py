"""Every message a user can see, in English and Spanish, from one place.

Each area keeps its catalogue in a module of this package (``forms``, ``store``,
``merge``, ``export``, ``cli``...); this module joins them. A message is looked up by
its code and formatted with named parameters, so the same error reads well in either
language and tests can assert on the code instead of the wording.
"""

from __future__ import annotations

import importlib
import locale
import os
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("en", "es")

DOMAINS: dict[str, tuple[str, ...]] = {
    "central": ("central",),
    "check": ("rows",),
    "cli": ("cli",),
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
        params = {
            name: value.text(language) if isinstance(value, Message) else value
            for name, value in self.params.items()
        }
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


def text(code: str, language: str | None = None, **params: Any) -> str:
    """Return the message ``code`` in ``language`` (default: the user's)."""
    return Message(code, params).text(language)
