"""The package dialog on the certified supervisor's computer says where her package goes.

Seen on the supervisor's week in Spanish: her *Paquete para el supervisor* dialog told
her to "take the file to the supervisor, who merges it", and named it laptop-DATE; her
package carries her reviews, targets and forms to every laptop of the team.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from PySide6.QtWidgets import QLabel
from study_team import certified_team

from fieldapp.ui import i18n
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.package_dialog import PackageDialog


def _dialog(qtbot: Any, path: Path) -> PackageDialog:
    window = MainWindow(path)
    OPENED.append(window)
    window.show()
    qtbot.waitUntil(lambda: window.store is not None)
    dialog = window.open_package()
    assert isinstance(dialog, PackageDialog)
    OPENED.append(dialog)
    return dialog


def _intro(dialog: PackageDialog) -> str:
    """The dialog's words above its fields: the one that names the USB stick."""
    (said,) = [label.text() for label in dialog.findChildren(QLabel) if "USB" in label.text()]
    return " ".join(said.split())


@pytest.mark.parametrize(
    ("language", "goes", "not_said"),
    [
        ("en", "merge it on each laptop of the team", "take the file to the supervisor"),
        ("es", "fusiónelo en cada computadora del equipo", "lleve el archivo al supervisor"),
    ],
)
def test_the_supervisors_package_dialog_says_it_goes_to_the_laptops(
    qtbot: Any, tmp_path: Path, language: str, goes: str, not_said: str
) -> None:
    i18n.apply_language(language)
    try:
        with certified_team(tmp_path) as (supervisor, ana, _beto):
            hers = _dialog(qtbot, supervisor.path)
            said = _intro(hers)
            assert goes in said and not_said not in said
            assert not hers.name_edit.text().startswith("laptop-")
            theirs = _dialog(qtbot, ana.path)  # a laptop's still goes to the supervisor
            said = _intro(theirs)
            assert not_said in said
            hers.close()
            theirs.close()
    finally:
        i18n.apply_language("en")
