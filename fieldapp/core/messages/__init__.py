"""Every message a user can see, in English and Spanish, from one place.

Each area keeps its catalogue in a module of this package (``forms``, ``store``,
``merge``, ``export``, ``cli``...); this module joins them. A message is looked up by
its code and formatted with named parameters, so the same error reads well in either
language and tests can assert on the code instead of the wording.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.messages import (
    analyst,
    central,
    cli,
    crypto,
    devices,
    envelope,
    export,
    forms,
    laptop,
    limits,
    merge,
    pull,
    review,
    rows,
    server_ui,
    store,
    study,
    ui,
    xform,
)

LANGUAGES = ("en", "es")

CATALOG: dict[str, Mapping[str, str]] = {}
for _module in (
    forms,
    store,
    merge,
    pull,
    export,
    crypto,
    cli,
    ui,
    study,
    review,
    analyst,
    limits,
    laptop,
    rows,
    devices,
    xform,
    envelope,
    central,
    server_ui,
):
    for _code, _texts in _module.MESSAGES.items():
        if _code in CATALOG:
            raise RuntimeError(f"message code defined twice: {_code}")
        CATALOG[_code] = _texts


def default_language() -> str:
    """Return the user's language: FIELDAPP_LANG, else the system locale, else English."""
    chosen = os.environ.get("FIELDAPP_LANG", "")
    if not chosen:
        try:
            chosen = locale.getlocale()[0] or ""
        except ValueError:
            chosen = ""
        chosen = chosen or os.environ.get("LC_ALL", "") or os.environ.get("LANG", "")
    return "es" if chosen.lower().startswith("es") else "en"


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
