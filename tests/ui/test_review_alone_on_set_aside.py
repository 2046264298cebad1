"""(unsigned6) The review desk says an approval that is all an interview has left was
written on a version since set aside, and lets the supervisor decide again.

Beto's laptop made an interview up; the supervisor approved it, then set Beto's versions
aside. Her approval was all the interview had left: the desk showed it "approved" with
nothing said, its decisions closed. It says why it counts as not reviewed, and approving
it again, once read, counts. (`core/test_merge_unsigned_review_alone.py` has the attack
itself: an interview made up in a keyless copy, set aside by the laptop's package.)
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
        ("en", "is all this interview has left"),
        ("es", "es todo lo que queda de esta entrevista"),
    ],
)
def test_the_desk_says_the_approval_was_on_a_set_aside_version_and_may_approve_again(
    qtbot: Any, tmp_path: Path, language: str, words: str
) -> None:
    beto = Device(tmp_path / "beto.db", "beto")
    sid = beto.create(beto.add_form(), "Tijuana", {"name": "Inventada"})
    (first,) = beto.store.interviews.heads(sid)
    made_up = beto.finalize(sid)
    supervisor = Device(tmp_path / "supervisor.db", "Rosa")
    merge_database(supervisor.store, beto.path)
    supervisor.review(sid, "approved", "bien")
    forged = [("revisions", first.revision_id), ("revisions", made_up)]
    quarantine_rows(supervisor.store, forged, reason="forged", author="Rosa")
    try:
        i18n.apply_language(language)
        view = ReviewView(supervisor.store)
        qtbot.addWidget(view)
        view.reviewer_edit.setText("Rosa")
        view.select(sid)
        heading = view.heading.text()
        assert words in heading and "Rosa" in heading, heading
        assert view.approve_button.isEnabled()  # counts as not reviewed: decide again
        view.approve_button.click()
        (row,) = [r for r in supervisor.store.interviews.page() if r.submission_id == sid]
        assert row.state == "approved"
    finally:
        i18n.apply_language("en")
        for device in (beto, supervisor):
            device.close()
