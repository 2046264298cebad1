"""Attack on the interview window's form language: what the settings file said of it.

A seized laptop's settings file (outside the database, never encrypted, never forgotten)
kept ``interviews/<id>/language`` for every interview whose form language was switched:
a sealed interview held in English, in a study of Mexican organisations, names a
foreigner. The language is now the laptop's own, as the place is: in the database, a
sealed form's under the interview's drafts key, forgotten at finalizing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_windows import open_window
from opened_windows import OPENED
from PySide6.QtCore import QSettings
from study_keys import DRAFTS_PASSPHRASE, key_pair
from xlsform import row, write_xlsform

from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId
from fieldapp.ui.main_window import MainWindow

SPANISH = "Español (es)"
"""Not the app's language here (English): switched to, it must be remembered."""


def _bilingual(folder: Path, sealed: bool) -> Path:
    settings = {"form_id": "sealed" if sealed else "clear", "version": "1"}
    if sealed:
        settings["public_key"] = key_pair().public_key
    return write_xlsform(
        folder / f"{settings['form_id']}.xlsx",
        [row("text", "story", "What happened?", "¿Qué pasó?")],
        settings=settings,
    )


def _settings_naming(folder: Path, needle: str) -> list[str]:
    found = [k for k in QSettings().allKeys() if needle in k]
    QSettings().sync()
    found += [
        path.name
        for path in folder.rglob("*")
        if path.is_file() and needle.encode() in path.read_bytes()
    ]
    return found


def _meta(store: Store, sid: str) -> list[str]:
    rows = store.conn.execute("SELECT key, value FROM meta WHERE key LIKE ?", [f"%{sid}%"])
    return [f"{key}={value}" for key, value in rows if not key.startswith("draft_key:")]


def test_a_sealed_interviews_language_is_in_no_settings_and_opens_again_until_finalized(
    qtbot: Any, tmp_path: Path
) -> None:
    """Switched to Spanish, closed, opened again: in English, and neither the settings nor
    the database say it in clear; finalizing forgets it with the interview's key."""
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sid = store.interviews.start(store.forms.add(_bilingual(tmp_path, True)).sha256)
        window = open_window(qtbot, store, sid)
        assert window.session.language == "English (en)"
        window.set_form_language(SPANISH)
        window.close()
        assert _settings_naming(tmp_path / "settings", sid) == []
        kept = _meta(store, sid)
        assert kept and not any("Espa" in line for line in kept), kept

        again = open_window(qtbot, store, sid)
        assert again.session.language == SPANISH
        again.close()

        store.interviews.autosave(SubmissionId(sid), {"story": "x"})
        store.interviews.finalize(SubmissionId(sid))
        assert _meta(store, sid) == []


def test_a_clear_interviews_language_opens_again_and_an_older_setting_is_taken_out(
    qtbot: Any, tmp_path: Path
) -> None:
    """A form in clear keeps its language too, in the database; the value an older
    version wrote to the settings is read once and taken out of them."""
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(_bilingual(tmp_path, False)).sha256
        sid = store.interviews.start(sha)
        window = open_window(qtbot, store, sid)
        window.set_form_language(SPANISH)
        window.close()
        assert _settings_naming(tmp_path / "settings", sid) == []
        _language_then_close(qtbot, store, sid, SPANISH)

        older = store.interviews.start(sha)
        QSettings().setValue(f"interviews/{older}/language", SPANISH)
        QSettings().setValue(f"interviews/{older}/section", 0)
        _language_then_close(qtbot, store, older, SPANISH)
        assert _settings_naming(tmp_path / "settings", older) == []
        _language_then_close(qtbot, store, older, SPANISH)


def _language_then_close(qtbot: Any, store: Store, sid: str, language: str) -> None:
    window = open_window(qtbot, store, sid)
    assert window.session.language == language
    window.close()


def test_the_next_start_takes_every_older_interview_setting_out(qtbot: Any, tmp_path: Path) -> None:
    """What an older version left for interviews never opened again (a sealed one
    finalized since cannot be): the next start takes it all out of the settings, keeping
    a clear interview's language in the database."""
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sealed = store.interviews.start(store.forms.add(_bilingual(tmp_path, True)).sha256)
        clear = store.interviews.start(store.forms.add(_bilingual(tmp_path, False)).sha256)
    for sid in (sealed, clear):
        QSettings().setValue(f"interviews/{sid}/language", SPANISH)
        QSettings().setValue(f"interviews/{sid}/section", 2)
    main = MainWindow(db)
    OPENED.append(main)
    assert _settings_naming(tmp_path / "settings", sealed) == []
    assert _settings_naming(tmp_path / "settings", clear) == []
    assert [key for key in QSettings().allKeys() if key.startswith("interviews")] == []
    assert main.store.interviews.form_language(SubmissionId(clear)) == SPANISH
    assert main.store.interviews.form_language(SubmissionId(sealed)) is None


def test_a_sealed_draft_switched_to_the_other_language_reads_as_one_never_switched(
    qtbot: Any, tmp_path: Path
) -> None:
    """(attack2) A seized laptop's database had a ``form_language:`` row only for the
    sealed drafts whose language she switched: sealed, its value said nothing, but its
    presence said she held that interview in the form's other language (a foreigner
    interviewed, in a study of Mexican organisations). Every sealed draft opened here
    now keeps one, of the same length, and opens in its language again."""
    with Store.open(tmp_path / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(_bilingual(tmp_path, True)).sha256
        switched, kept = store.interviews.start(sha), store.interviews.start(sha)
        window = open_window(qtbot, store, switched)
        window.set_form_language(SPANISH)
        window.close()
        open_window(qtbot, store, kept).close()
        rows = dict(
            store.conn.execute(
                "SELECT key, length(value) FROM meta WHERE key LIKE 'form_language:%'"
            )
        )
        assert set(rows) == {f"form_language:{switched}", f"form_language:{kept}"}, rows
        assert len(set(rows.values())) == 1, rows
        _language_then_close(qtbot, store, switched, SPANISH)
        _language_then_close(qtbot, store, kept, "English (en)")
