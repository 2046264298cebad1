"""Every message that sends the user to a menu (File › Merge other laptops…) names a menu
entry that exists, with the words the menu shows, in English and in Spanish."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtWidgets import QMenu

from fieldapp.core.messages import MODULES
from fieldapp.ui import i18n
from fieldapp.ui.main_window import MainWindow

OTHER_PROGRAMS = {"forms.ods_workbook"}
"""Messages that name another program's menu (LibreOffice's File › Save As)."""


def shown(label: str) -> str:
    return label.replace("&", "").strip()


def menus_of(window: MainWindow) -> dict[str, list[str]]:
    """Return each menu's title (as shown) and the entries it shows, submenus included."""
    found: dict[str, list[str]] = {}

    def walk(menu: QMenu) -> None:
        entries = found.setdefault(shown(menu.title()), [])
        for action in menu.actions():
            if action.isSeparator():
                continue
            entries.append(shown(action.text()))
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu())
    return found


README = Path(__file__).resolve().parents[2] / "README.md"


def messages_in(language: str) -> dict[str, str]:
    """Every message in ``language``, by code; in English the README too (its words)."""
    readme = " ".join(README.read_text(encoding="utf-8").split())  # lines wrap in a name
    texts = {"README.md": readme} if language == "en" else {}
    for name in MODULES:
        module = importlib.import_module(f"fieldapp.core.messages.{name}")
        for code, said in module.MESSAGES.items():
            texts[code] = said.get(language, "")
    return texts


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_menu_a_message_names_is_one_the_window_shows(
    qtbot: Any, store: Any, language: str
) -> None:
    i18n.apply_language(language)
    try:
        window = MainWindow(Path(store.path))
        OPENED.append(window)
        window.retranslate()
        menus = menus_of(window)
        assert len(menus) >= 5, menus
        wrong = []
        for code, said in messages_in(language).items():
            if code in OTHER_PROGRAMS:
                continue
            for title, entries in menus.items():
                for part in said.split(f"{title} › ")[1:]:
                    if not any(part.startswith(entry) for entry in entries):
                        wrong.append(f"{code}: {title} › {part[:40]!r}; {title} has {entries}")
        assert not wrong, "\n".join(wrong)
    finally:
        i18n.apply_language("en")
