"""The idle lock forgets the study key; an export it finds running finishes with it.

The supervisor started a keyed export and walked away: the lock must not cut it into a
half-written file, the export dialog must drop the key at once (the next export needs it
again), and the finished file holds the answers the key opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from study_keys import DRAFTS_PASSPHRASE, KEY_PASSPHRASE, sealed_form

from fieldapp.core import crypto

PHRASE = "canario-QZ54 el comandante Ibarra"


def test_an_export_running_when_the_key_is_forgotten_finishes_with_it(
    qtbot: Any, tmp_path: Path, pair: crypto.KeyPair
) -> None:
    from fieldapp.core.store import Store
    from fieldapp.ui.export_dialog import ExportDialog
    from fieldapp.ui.lock import forget_study_key
    from fieldapp.ui.state import UiState

    form = sealed_form(tmp_path, pair)
    db = tmp_path / "sup.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        for number in range(40):
            store.interviews.submit(sha, {"story": f"{PHRASE} {number}"}, finalize=True)
    store = Store.open(db)
    state = UiState()
    try:
        state.set_store(store)
        state.set_study_key(crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE))
        store.keys.unlock(state.study_key)
        dialog = ExportDialog(db, state=state)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.choices_loaded):
            dialog.show()
        out = tmp_path / "out" / "keyed.xlsx"
        dialog.path_edit.setText(str(out))
        with qtbot.waitSignal(dialog.finished_export, timeout=20_000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
            assert forget_study_key(state)  # the idle lock, while the export runs
            assert dialog.study_key is None and not store.keys.unlocked
        qtbot.waitUntil(lambda: not dialog.is_running())
        book = load_workbook(out, read_only=True)
        cells = [c for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r]
        book.close()
        assert sum(isinstance(c, str) and c.startswith(PHRASE) for c in cells) == 40
        assert sorted(p.name for p in out.parent.iterdir()) == ["keyed.xlsx"]  # whole
    finally:
        store.close()
