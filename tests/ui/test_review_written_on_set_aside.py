"""(unsigned5) The review desk says why an interview whose approval was written on a
version since set aside is in conflict, and shows the other version.

The supervisor approved Beto's version of Ana's interview, then set it aside (Beto's
laptop forged it); Ana's own version, saved before, came meanwhile. The desk showed her approval,
Beto's answers, as the interview ("Edited on two laptops: this is the newest version"):
it shows Ana's version and says the other was written on a version since set aside.
(`core/test_merge_unsigned_written_on.py` has the attack itself: a keyless copy set
aside by the laptop's package.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from merge_devices import Device

from fieldapp.core.merge import merge_database
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.ui import i18n
from fieldapp.ui.review_view import ReviewView


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "was written on a version since set aside"),
        ("es", "se escribió sobre una versión apartada después"),
    ],
)
def test_the_desk_shows_the_laptops_version_and_says_the_review_was_on_a_set_aside_one(
    qtbot: Any, tmp_path: Path, language: str, words: str
) -> None:
    ana, beto = Device(tmp_path / "ana.db", "ana"), Device(tmp_path / "beto.db", "beto")
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "Colectivo"})
    ana.finalize(sid)
    supervisor = Device(tmp_path / "supervisor.db", "Rosa")
    merge_database(beto.store, ana.path)
    forged = beto.edit(sid, {"name": "Inventado"})
    beto.finalize(sid)
    ana.edit(sid, {"years": 5})
    ana.finalize(sid)
    merge_database(supervisor.store, beto.path)
    supervisor.review(sid, "approved", "bien")  # on Beto's version, after Ana's was saved
    merge_database(supervisor.store, ana.path)
    quarantine_rows(supervisor.store, [("revisions", forged)], reason="forged", author="Rosa")
    try:
        i18n.apply_language(language)
        view = ReviewView(supervisor.store)
        qtbot.addWidget(view)
        view.reviewer_edit.setText("Rosa")
        view.select(sid)
        heading = view.heading.text()
        assert words in heading and "Rosa" in heading, heading
        assert view.shown_answers is not None and view.shown_answers["name"] == "Colectivo"
        assert not view.approve_button.isEnabled()  # a conflict: resolved first
    finally:
        i18n.apply_language("en")
        for device in (ana, beto, supervisor):
            device.close()
