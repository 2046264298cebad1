"""fieldapp speaks the language the researcher's computer names: Spanish on a Mexican
laptop whether it runs Linux (``LANG=es_MX.UTF-8``, installed as a locale or not) or
Windows (``Spanish_Mexico``)."""

from __future__ import annotations

import locale

import pytest

from fieldapp.core.messages import default_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"FIELDAPP_LANG": "es"}, "es"),
        ({"FIELDAPP_LANG": "en", "LANG": "es_MX.UTF-8"}, "en"),  # the app's own setting wins
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LC_ALL": "C.UTF-8", "LANG": "es_MX.UTF-8"}, "en"),  # LC_ALL overrides, as in POSIX
        ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
        ({"LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_the_environment_names_the_language(environ: dict[str, str], expected: str) -> None:
    assert default_language(environ) == expected


def test_a_locale_the_system_lacks_is_still_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Where es_MX is not installed Python reports another locale (en_US here).
    monkeypatch.setattr(locale, "getlocale", lambda *_: ("en_US", "UTF-8"))
    assert default_language({"LANG": "es_MX.UTF-8"}) == "es"


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        (("Spanish_Mexico", "1252"), "es"),
        (("es_MX", "UTF-8"), "es"),
        (("English_United States", "1252"), "en"),
        ((None, None), "en"),
    ],
)
def test_without_the_environment_the_system_locale_decides_windows_names_too(
    monkeypatch: pytest.MonkeyPatch, system: tuple[str | None, str | None], expected: str
) -> None:
    monkeypatch.setattr(locale, "getlocale", lambda *_: system)
    assert default_language({}) == expected
