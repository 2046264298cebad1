"""The application's own language (menus, buttons, messages): Qt translators from package data.

The interview form's language is a separate choice made in the interview window; this
module only decides whether fieldapp itself speaks English or Spanish.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from fieldapp.core.messages import default_language

LANGUAGES = {"en": "English", "es": "Español"}
SETTING = "ui/language"

_installed: list[QTranslator] = []
_qm_data: dict[str, bytes] = {}
_current = "en"


def resource_bytes(name: str) -> bytes:
    """Return one file of fieldapp's package data (style sheet, icon, translation), or b""."""
    try:
        return (resources.files("fieldapp") / "resources" / name).read_bytes()
    except OSError:
        return b""


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
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qtbase = QTranslator(app)
            if qtbase.load(f"qtbase_{language}", qt_dir):
                app.installTranslator(qtbase)
                _installed.append(qtbase)
            # Loaded from bytes, so any install works without a folder path; Qt reads the
            # bytes in place without copying them, so _qm_data keeps them alive.
            ours = QTranslator(app)
            data = resource_bytes(f"fieldapp_{language}.qm")
            if data and ours.load(data):
                _qm_data[language] = data
                app.installTranslator(ours)
                _installed.append(ours)
    _current = language
    return language


def translate(context: str, source: str) -> str:
    """Translate a string outside a QObject method (lupdate finds the call by its name)."""
    return QCoreApplication.translate(context, source)
