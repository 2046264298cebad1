"""Merging a stick where a form was used in clear and then sealed by a new version.

The list hides sealed interviews by form version: the clear version's interviews stay
listed before a key. The merge dialog hid them by form id: a stick read "Interviews of
sealed forms left out: 9" while the list showed 7 of them, and a conflict on an interview
in clear was not named. It now hides what the list hides, no more.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from study_keys import clear_then_sealed

from fieldapp.core import crypto
from fieldapp.core.store import InterviewFilter, Store
from fieldapp.core.store.sealing import count_sealed_listed
from fieldapp.ui.merge_dialog import MergeDialog
from fieldapp.ui.state import UiState


@pytest.fixture
def stick(tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return clear_then_sealed(folder, pair, study_key)


def _said(dialog: MergeDialog) -> tuple[str, str, list[str]]:
    """Return the summary's counts by form and city, what follows, and a line per conflict."""
    counts, _, after = dialog.summary.toPlainText().partition("In conflict")
    return counts, after, [line for line in after.splitlines() if line.startswith("    ")]


def test_before_a_key_the_merge_names_the_clear_versions_interviews_as_the_list_shows_them(
    qtbot: Any, stick: Path, tmp_path: Path, study_key: crypto.StudyKey
) -> None:
    Store.open(tmp_path / "desk.db").close()
    with Store.open(tmp_path / "desk.db") as desk:
        state = UiState()
        state.set_store(desk)
        dialog = MergeDialog(tmp_path / "desk.db", hides_sealed=desk.keys.hides_sealed, state=state)
        qtbot.addWidget(dialog)
        dialog.add_sources([stick])
        with qtbot.waitSignal(dialog.merged, timeout=20_000):
            dialog.merge_button.click()
        assert dialog.table.item(0, 1).text().startswith("4 new interviews")  # the totals stay

        # What the list shows before a key: the clear version's two, in Tijuana and Monterrey
        assert desk.keys.hides_sealed()
        listed = desk.interviews.page(InterviewFilter(sealed_hidden=True))
        assert Counter(row.city for row in listed) == {"tijuana": 1, "monterrey": 1}
        counts, after, conflicts = _said(dialog)
        assert (
            "    Tijuana: 1 new interview," in counts
            and "    Monterrey: 1 new interview," in counts
        )
        assert "Nuevo Laredo" not in counts + after
        # its conflict in clear is named by form and city; the sealed one is counted
        assert len(conflicts) == 1 and "Tijuana" in conflicts[0], after
        hidden = count_sealed_listed(desk.conn)
        assert hidden == 2 and f"Interviews of sealed forms left out: {hidden}." in after

        # with the key, everything is named
        desk.keys.unlock(study_key)
        state.set_study_key(study_key)
        counts, after, conflicts = _said(dialog)
        assert "    Tijuana: 2 new interviews," in counts
        assert "    Nuevo Laredo: 1 new interview," in counts
        assert sorted("Tijuana" in line for line in conflicts) == [False, True], after
        assert any("Nuevo Laredo" in line for line in conflicts) and "left out" not in after
        dialog.close()
