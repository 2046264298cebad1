"""The application's own language (menus, buttons, messages): Qt translators from resources/.

The interview form's language is a separate choice made in the interview window; this
module only decides whether fieldapp itself speaks English or Spanish.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

from fieldapp.core.messages import default_language

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
LANGUAGES = {"en": "English", "es": "Español"}
SETTING = "ui/language"

_installed: list[QTranslator] = []
_current = "en"


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
            for name, folder in (("qtbase", qt_dir), ("fieldapp", str(RESOURCES))):
                translator = QTranslator(app)
                if translator.load(f"{name}_{language}", folder):
                    app.installTranslator(translator)
                    _installed.append(translator)
    _current = language
    return language


def translate(context: str, source: str) -> str:
    """Translate a string outside a QObject method (lupdate finds the call by its name)."""
    return QCoreApplication.translate(context, source)
