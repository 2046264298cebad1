"""A recording too long for an interview: said before it is read, the earlier one kept.

Attaching read the whole file into memory and the store kept it as one value: a 200 MB
recording took some 0.8 GB on a sealed form, a two-hour WAV ended the session in the
unexpected-error box, and SQLite keeps no value over 1 GB. Showing a recording's name read
it whole once more, for its size.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from interview_windows import open_window, start
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import files


def recording_question(qtbot: Any, store: Any) -> tuple[str, Any]:
    """Open a new interview at its recording question (shown once consent is given)."""
    submission_id = start(store)
    window = open_window(qtbot, store, submission_id)
    window.view.reveal(("intro/consent",))
    consent = window.view.nodes[("intro/consent",)].findChild(QRadioButton, "choice_yes")
    qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=QPoint(8, consent.height() // 2))
    window.view.reveal(("main/recording",))
    question = window.view.nodes[("main/recording",)]
    assert question.isVisible()
    return submission_id, question


def test_a_recording_larger_than_an_interview_keeps_is_refused_unread_and_the_earlier_kept(
    qtbot: Any, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission_id, recording = recording_question(qtbot, store)
    first = tmp_path / "entrevista.ogg"
    first.write_bytes(b"OggS the first half")
    recording.attach_path(first)
    kept = store.interviews.working_answers(submission_id)["main/recording"]
    stored = store.db.conn.execute("SELECT count(*) FROM attachments").fetchone()

    # Two hours of WAV, sparse: no disk is used, and reading it would take 1.3 GB.
    long_wav = tmp_path / "entrevista completa.wav"
    with long_wav.open("wb") as handle:
        handle.truncate(1_300_000_000)
    read: list[Path] = []
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        read.append(path)
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(FieldappError) as refused:
        recording.attach_path(long_wav)
    assert refused.value.code == "store.file_too_large"
    said = refused.value.text("en")
    assert "entrevista completa.wav is 1.21 GB" in said
    assert "up to 256 MB" in said and "M4A, MP3 or OGG" in said and "Nothing was attached" in said
    assert "1.21 GB" in refused.value.text("es") and "No se adjuntó nada" in refused.value.text(
        "es"
    )
    assert read == []  # said before a byte was read
    assert store.interviews.working_answers(submission_id)["main/recording"] == kept
    assert store.db.conn.execute("SELECT count(*) FROM attachments").fetchone() == stored
    assert recording.name_label.text().startswith(kept)


def test_the_store_refuses_a_file_over_the_bound_whoever_hands_it_over(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission_id = start(store)
    monkeypatch.setattr(files, "MAX_ATTACHMENT_BYTES", 1024)
    before = store.db.conn.execute("SELECT count(*) FROM attachments").fetchone()
    with pytest.raises(FieldappError) as refused:
        store.attachments.add(b"x" * 1025, submission_id=submission_id, filename="a.wav")
    assert refused.value.code == "store.file_too_large"
    assert store.db.conn.execute("SELECT count(*) FROM attachments").fetchone() == before
    store.attachments.add(b"x" * 1024, submission_id=submission_id, filename="b.wav")  # fits


def test_showing_a_recordings_name_reads_no_copy_of_it(
    qtbot: Any, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submission_id, recording = recording_question(qtbot, store)
    sound = tmp_path / "entrevista.ogg"
    sound.write_bytes(b"OggS" + bytes(5 * 1024))
    got: list[str] = []
    real_get = store.attachments.get

    def get(sha256: str, **kwargs: Any) -> bytes:
        got.append(sha256)
        return bytes(real_get(sha256, **kwargs))

    monkeypatch.setattr(store.attachments, "get", get)
    recording.attach_path(sound)
    recording.relabel()
    assert got == []
    name = store.interviews.working_answers(submission_id)["main/recording"]
    assert recording.name_label.text() == f"{name} · 5 KB"
