"""(unsigned5) The devices desk marks a device none of whose rows is signed as unverified:
it said "laptop" beside it, as beside an enrolled one, and "an older fieldapp's rows",
which its rows cannot show (a made-up id reads the same)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.core.known_devices import KnownDevice
from fieldapp.ui import i18n
from fieldapp.ui.devices_desk import COLUMNS, DevicesModel


def _device(fingerprint: str) -> KnownDevice:
    return KnownDevice(
        device_id="8d2c7a61-0f3e-4b8e-9a55-3b0e6f1c2d44",
        fingerprint=fingerprint,
        this_laptop=False,
        supervisor=False,
        revocation=None,
        reinstatement=None,
        interviews=1,
        revisions=1,
        last_saved="2026-11-30T10:00:00+00:00",
        interviewers=("carla",),
    )


@pytest.mark.parametrize(
    ("language", "role", "none", "laptop"),
    [
        ("en", "unverified (unsigned)", "none (unsigned)", "laptop"),
        ("es", "sin verificar (sin firma)", "ninguna (sin firma)", "computadora"),
    ],
)
def test_a_device_none_of_whose_rows_is_signed_is_unverified_not_a_laptop(
    qtbot: object, language: str, role: str, none: str, laptop: str
) -> None:
    model = DevicesModel()
    try:
        i18n.apply_language(language)
        unsigned, signed = _device(""), _device("AB12 CD34")
        assert model.cell(unsigned, "role") == role
        model.set_devices((unsigned,))
        tip = model.data(model.index(0, COLUMNS.index("role")), Qt.ItemDataRole.ToolTipRole)
        assert "fieldapp" in tip and role in tip
        assert model.cell(unsigned, "fingerprint") == none
        assert model.cell(signed, "role") == laptop
    finally:
        i18n.apply_language("en")
