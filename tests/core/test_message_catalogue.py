"""The message catalogue: every code in English and Spanish, found through its domain.

The catalogue's modules load when a message of their domain is first needed (issue 16:
the start shows three domains at most); these tests load them all, as a user never
does, so that no code is missing, doubled or out of reach of its domain.
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import fieldapp.core.messages as messages
from fieldapp.core.messages import (
    CATALOG,
    DOMAINS,
    LANGUAGES,
    MODULES,
    Catalogue,
    TemplateError,
    compile_template,
    placeholders,
    text,
)


def _module_messages(name: str) -> dict[str, dict[str, str]]:
    module = importlib.import_module(f"fieldapp.core.messages.{name}")
    return dict(module.MESSAGES)


def _placeholders(template: str) -> set[str]:
    return placeholders(template)


HEDGES = re.compile(r"\w\((?:s|es|as|os|n)\)")
"""A plural left to the reader: "interview(s)", "decisión(es)", "requiere(n)" (not the
gender of "entrevistador(a)", another matter)."""


def template_problems(modules: tuple[str, ...] = MODULES) -> list[str]:
    """Return each template of ``modules`` that does not parse or hedges a plural."""
    problems = []
    for name in modules:
        for code, texts in _module_messages(name).items():
            for language, template in texts.items():
                try:
                    compile_template(template)
                except TemplateError as error:
                    problems.append(f"{code} ({language}): {error}")
                hedge = HEDGES.search(template)
                if hedge:
                    problems.append(f"{code} ({language}): hedges a plural: {hedge.group(0)!r}")
    return problems


def test_the_catalogue_lists_every_module_of_the_package() -> None:
    folder = Path(messages.__file__).parent
    on_disk = {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
    assert set(MODULES) == on_disk
    assert len(MODULES) == len(set(MODULES))


def test_every_code_says_the_same_in_english_and_spanish() -> None:
    codes = list(CATALOG)
    assert len(codes) > 500
    for code in codes:
        texts = CATALOG[code]
        assert set(texts) == set(LANGUAGES), code
        assert all(texts[language].strip() for language in LANGUAGES), code
        assert _placeholders(texts["en"]) == _placeholders(texts["es"]), code


def test_no_message_puts_a_full_stop_after_a_menu_entrys_ellipsis() -> None:
    """Seen on *Review › Progress…* at 1366×768: "… under View › Conflicts…." with four
    dots. A sentence ending on a menu entry ends on its ellipsis."""
    doubled = [
        (code, language)
        for code in CATALOG
        for language in LANGUAGES
        if "…." in CATALOG[code][language]
    ]
    assert doubled == []


def test_spanish_groups_thousands_as_mexico_does() -> None:
    """The row limits said "100.000 caracteres" (Spain's grouping) where the status bar,
    the counts and the sizes say "12,000" (Mexico's): one way across the app."""
    spain = re.compile(r"\d\.\d{3}(?!\d)")
    found = [code for code in CATALOG if spain.search(CATALOG[code]["es"])]
    assert found == []


def test_every_code_is_found_through_its_domain_in_a_fresh_catalogue() -> None:
    """A code looked up first (nothing else loaded) is found: its domain names its module."""
    for name in MODULES:
        for code, texts in _module_messages(name).items():
            domain = code.split(".", 1)[0]
            assert name in DOMAINS.get(domain, ()), f"{code} ({name}) is not in DOMAINS"
            assert Catalogue()[code] is texts


def test_the_domain_table_names_no_module_without_such_codes() -> None:
    for domain, names in DOMAINS.items():
        for name in names:
            codes = _module_messages(name)
            assert any(code.startswith(f"{domain}.") for code in codes), (domain, name)


def test_no_code_is_defined_in_two_modules() -> None:
    seen: dict[str, str] = {}
    for name in MODULES:
        for code in _module_messages(name):
            assert code not in seen, f"{code} in both {seen.get(code)} and {name}"
            seen[code] = name
    assert len(CATALOG) == len(seen)


def test_a_code_defined_twice_is_refused_when_its_modules_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = importlib.import_module("fieldapp.core.messages.store")
    doubled = next(iter(_module_messages("forms")))
    monkeypatch.setitem(store.MESSAGES, doubled, {"en": "x", "es": "x"})
    catalogue = Catalogue()
    with pytest.raises(RuntimeError, match=doubled):
        list(catalogue)


def test_an_unknown_code_is_a_key_error_after_every_module_is_asked() -> None:
    catalogue = Catalogue()
    with pytest.raises(KeyError):
        catalogue["nosuchdomain.nothing"]
    assert "nosuchdomain.nothing" not in catalogue
    assert "store.not_found" in catalogue


def test_a_message_loads_its_own_domain_only() -> None:
    """A start that says one thing does not load the nineteen modules."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from fieldapp.core.messages import FieldappError, text
                before = sorted(m for m in sys.modules if m.startswith("fieldapp.core.messages."))
                print(before)
                print(text("store.not_found", "es", path="x.db"))
                print(sorted(m.rsplit(".", 1)[1] for m in sys.modules
                             if m.startswith("fieldapp.core.messages.")))
                """
            ),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    before, said, loaded = done.stdout.splitlines()[:3]
    assert before == "[]"
    assert said == text("store.not_found", "es", path="x.db")
    assert loaded == "['store']"


def test_every_template_parses_and_says_singular_and_plural_in_full() -> None:
    assert template_problems() == []


@pytest.mark.parametrize(
    "template",
    [
        "{count, plural, one {# fila apartada} other {# filas apartadas}",  # unclosed plural
        "{count, plural, one {# fila} other {# filas}",  # the plural's own brace
        "{count, plural, one {# fila apartada}}",  # no other
        "{count, plural, few {# filas} other {# filas}}",  # not a category of en or es
        "{count, plural, one {# fila} one {# filas} other {# filas}}",  # twice
        "{count, select, one {# fila} other {# filas}}",  # not a plural
        "{count, plural, offset:1 one {# fila} other {# filas}}",
    ],
)
def test_a_malformed_plural_in_a_catalogue_module_fails_the_catalogue(
    monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    rows = importlib.import_module("fieldapp.core.messages.rows")
    monkeypatch.setitem(rows.MESSAGES, "check.quarantined_now", {"en": template, "es": template})
    problems = template_problems(("rows",))
    assert len(problems) == 2 and all("check.quarantined_now" in p for p in problems), problems


def test_a_hedged_plural_fails_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = importlib.import_module("fieldapp.core.messages.rows")
    hedged = {"en": "{count} row(s) set aside", "es": "{count} fila(s) apartada(s)"}
    monkeypatch.setitem(rows.MESSAGES, "check.quarantined_now", hedged)
    assert [p.split(": ", 1)[1] for p in template_problems(("rows",))] == [
        "hedges a plural: 'w(s)'",
        "hedges a plural: 'a(s)'",
    ]
