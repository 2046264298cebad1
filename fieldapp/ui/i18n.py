"""The application's own language (menus, buttons, messages): Qt translators from package data.

The interview form's language is a separate choice made in the interview window; this
module only decides whether fieldapp itself speaks English or Spanish.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from fieldapp.core.messages import default_language

LANGUAGES = {"en": "English", "es": "Español"}
SETTING = "ui/language"

_installed: list[QTranslator] = []
_qm_data: dict[str, bytes] = {}
_current = "en"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context`` and return it untranslated.

    Qt's own returns ``object`` in PySide6's stubs; this one is typed. ``pyside6-lupdate``
    finds the strings by this name, whichever module defines it.
    """
    return source


def resource_bytes(name: str) -> bytes:
    """Return one file of fieldapp's package data (style sheet, icon, translation), or b""."""
    import fieldapp

    # What pkgutil.get_data does, without loading pkgutil (about 2 ms of the start) or
    # importlib.resources (about 30 ms): the package's own loader reads the file, so a
    # source tree, a wheel or the bundle alike.
    loader: Any = fieldapp.__spec__.loader if fieldapp.__spec__ is not None else None
    if loader is None or not hasattr(loader, "get_data"):
        return b""
    folder = os.path.join(os.path.dirname(fieldapp.__file__), "resources")
    try:
        return bytes(loader.get_data(os.path.join(folder, name)))
    except OSError:
        return b""


def _qm(language: str) -> bytes:
    """Return fieldapp's translation into ``language`` (b"": none), read once and kept.

    Qt reads a translator's bytes in place without copying them, so ``_qm_data`` keeps
    them alive; the app's translator and the form controls' one share the same bytes.
    """
    data = _qm_data.get(language)
    if data is None:
        data = _qm_data[language] = resource_bytes(f"fieldapp_{language}.qm")
    return data


def chosen_language() -> str:
    """Return the saved choice: "system", "en" or "es"."""
    value = QSettings().value(SETTING, "system")
    return value if value in ("system", *LANGUAGES) else "system"


def resolve(choice: str) -> str:
    """Turn a choice ("system", "en", "es") into the language to speak."""
    return choice if choice in LANGUAGES else default_language()


def current_language() -> str:
    """Return the language fieldapp speaks right now ("en" or "es")."""
    return _current


def apply_language(choice: str | None = None, remember: bool = False) -> str:
    """Install the translators for ``choice`` (default: the saved one); return the language."""
    global _current
    app = QCoreApplication.instance()
    if choice is None:
        choice = chosen_language()
    elif remember:
        QSettings().setValue(SETTING, choice)
    language = resolve(choice)
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        if language != "en":
            from PySide6.QtCore import QLibraryInfo  # its enum is built on first import

            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qtbase = QTranslator(app)
            if qtbase.load(f"qtbase_{language}", qt_dir):
                app.installTranslator(qtbase)
                _installed.append(qtbase)
            # Loaded from bytes, so any install works without a folder path.
            ours = QTranslator(app)
            data = _qm(language)
            if data and ours.load(data):
                app.installTranslator(ours)
                _installed.append(ours)
    _current = language
    _follow_locale(language)
    return language


def _follow_locale(language: str) -> None:
    """Let what Qt writes itself (a date's calendar: months, weekdays) speak ``language``:
    on a Mexican laptop set to English the calendar said "diciembre". In the system's
    country where Qt knows the pair (es_MX), else the language's own (English: en_US).
    Widgets made from now on take it."""
    from PySide6.QtCore import QLocale

    system = QLocale.system()
    wanted = QLocale.Language.Spanish if language == "es" else QLocale.Language.English
    speaks = system.language() == wanted or (  # the C locale (no LANG) writes English
        wanted == QLocale.Language.English and system.language() == QLocale.Language.C
    )
    QLocale.setDefault(system if speaks else QLocale(wanted, system.territory()))


FORM_CONTEXTS = ("FormView", "Questions")
"""The form's own controls ("Clear answer", "Not answered", "does not apply"...): they
speak the form's language, like the questions around them, not fieldapp's."""

_form_controls: str | None = None
_form_translators: dict[str, QTranslator] = {}


def form_language_code(language: str | None) -> str | None:
    """Return "es" or "en" for a form language such as "Español (es)", else None."""
    if not language:
        return None
    lowered = language.lower()
    for code, name in LANGUAGES.items():
        if f"({code})" in lowered or lowered.startswith((code, name.lower())):
            return code
    if lowered.startswith(("spanish", "espa")):
        return "es"
    return None


def set_form_controls(language: str | None) -> None:
    """Make the form's controls speak the form's language (None: fieldapp's own)."""
    global _form_controls
    _form_controls = form_language_code(language)


def form_controls_language() -> str:
    """Return the language the form's controls speak: the form's, else fieldapp's."""
    return _form_controls or _current


def translate(context: str, source: str) -> str:
    """Translate a string outside a QObject method (lupdate finds the call by its name)."""
    if _form_controls is not None and context in FORM_CONTEXTS:
        if _form_controls == "en":
            return source
        translator = _form_translators.get(_form_controls)
        if translator is None:
            translator = QTranslator()
            data = _qm(_form_controls)
            if data:
                translator.load(data)
            _form_translators[_form_controls] = translator
        return translator.translate(context, source) or source
    return QCoreApplication.translate(context, source)
