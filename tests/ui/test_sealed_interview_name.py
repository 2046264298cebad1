"""A sealed interview has one name wherever a person reads it.

It keeps no instance name in clear, so each window named it its own way: the list and
the review queue by the form's long bilingual title (English in a Spanish window, cut at
1366×768 to the same words for every form), the review heading and the terminal by the
instance name the key opened, the Conflicts desk and the merge summary by the first 8
characters of its id. Now each says its actor type in the window's language, its city and
the day it started: the words the row's own columns show. Before a key nothing names it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from study_keys import DRAFTS_PASSPHRASE, KEY_PASSPHRASE, decided_twice
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.store import SubmissionId
from fieldapp.ui import i18n

DAY = dt.datetime(2026, 6, 5, 12, 0, tzinfo=dt.UTC)
LOCAL_DAY = DAY.astimezone().date().isoformat()
TITLE = (
    "Seguridad ciudadana en la frontera: Representante de fuerzas de seguridad / "
    "Security-force representative"
)
NAMES = {
    "en": (
        f"Security forces · Tijuana · {LOCAL_DAY}",
        f"Security forces · Nuevo Laredo · {LOCAL_DAY}",
    ),
    "es": (
        f"Fuerzas de seguridad · Tijuana · {LOCAL_DAY}",
        f"Fuerzas de seguridad · Nuevo Laredo · {LOCAL_DAY}",
    ),
}
"""The queue's interview (Tijuana) and the one in conflict (Nuevo Laredo), by language."""


@pytest.fixture
def sealed_db(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> tuple[Path, SubmissionId, SubmissionId]:
    """A supervisor's database with two sealed interviews of the security form, titled as
    the study's: one finalized in Tijuana (in the queue), one in Nuevo Laredo decided
    twice (a conflict). The form computes an instance name, sealed with the answers."""
    from fieldapp.core.store import Store

    form = write_xlsform(
        tmp_path / "security.xlsx",
        survey=[{"type": "text", "name": "story", "label": "Relato"}],
        settings={
            "form_id": "security_sealed",
            "form_title": TITLE,
            "version": "1",
            "public_key": pair.public_key,
            "instance_name": "concat('Sec/Seg · ', ${story})",
        },
    )
    with Store.open(tmp_path / "laptop.db", clock=lambda: DAY) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        started = {"interviewer": "TJ07", "actor_type": "security"}
        queued, _ = store.interviews.submit(
            sha, {"story": "uno"}, finalize=True, city="tijuana", **started
        )
        apart, _ = store.interviews.submit(
            sha, {"story": "dos"}, finalize=True, city="nuevo_laredo", **started
        )
    return decided_twice(tmp_path, apart, study_key), queued, apart


def _listed_names(store: Any) -> dict[str, tuple[str, str]]:
    """Each listed interview's name and tooltip, as the interviews list shows them."""
    from fieldapp.ui.interviews_model import COLUMN, InterviewsModel

    model = InterviewsModel(store)
    model.reload()
    column = COLUMN["instance_name"]
    shown = {}
    for row in range(model.rowCount()):
        index = model.index(row, column)
        line = model.data(index, Qt.ItemDataRole.UserRole + 1)
        shown[line.submission_id] = (
            model.data(index, Qt.ItemDataRole.DisplayRole),
            model.data(index, Qt.ItemDataRole.ToolTipRole),
        )
    return shown


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_window_and_the_terminal_name_a_sealed_interview_alike(
    qtbot: Any,
    sealed_db: tuple[Path, SubmissionId, SubmissionId],
    study_key: crypto.StudyKey,
    pair: crypto.KeyPair,
    language: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fieldapp.core.store import Store
    from fieldapp.ui.conflicts_view import NAME_ROLE, ConflictsView
    from fieldapp.ui.interview_window import InterviewWindow
    from fieldapp.ui.review_view import ReviewView

    db, queued, apart = sealed_db
    in_queue, in_conflict = NAMES[language]
    i18n.apply_language(language)
    store = Store.open(db)
    try:
        store.keys.unlock(study_key)
        # the interviews list: the name, the form's whole title a hover away
        listed = _listed_names(store)
        assert listed[queued][0] == in_queue and listed[apart][0] == in_conflict
        assert TITLE in listed[queued][1]
        assert not any("Sec/Seg" in name for name, _tip in listed.values())  # it stays sealed
        # the review queue, and its heading over the interview (and its History)
        review = ReviewView(store)
        qtbot.addWidget(review)
        names = {
            review.model.data(review.model.index(row, 0)) for row in range(review.model.rowCount())
        }
        assert in_queue in names, names
        review.show_interview(queued)
        assert review.heading_name.startswith(in_queue + " · TJ07"), review.heading_name
        assert (
            "Sec/Seg" not in review.heading.text() and "Security-force" not in review.heading.text()
        )
        # the interview's own window (its instance name is sealed with its answers)
        window = InterviewWindow(store, queued)
        qtbot.addWidget(window)
        assert window.windowTitle() == f"{in_queue} — fieldapp"
        window.close()
        # the Conflicts desk
        desk = ConflictsView(db)
        qtbot.addWidget(desk)
        desk.refresh()
        item = desk.conflict_list.item(0)
        assert item.data(NAME_ROLE) == in_conflict
        assert item.text().splitlines()[0] == in_conflict
        assert item.text().count("Nuevo Laredo") == 1, item.text()  # each fact once
        desk.store.close()
    finally:
        store.close()
        i18n.apply_language("en")
    # the terminal, in the same language
    key = db.parent / "study.pem"
    key.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_LANG", language)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    assert main(["review", "list", "--db", str(db), "--key", str(key)]) == 0
    out = capsys.readouterr().out
    assert in_queue in out and TITLE not in out and "Sec/Seg" not in out, out
    assert (
        main(
            [
                "review",
                "approve",
                queued[:8],
                "--db",
                str(db),
                "--key",
                str(key),
                "--author",
                "Rosa",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"({in_queue} · TJ07)" in out, out
    # the merge summary's line of the conflict, a fresh database merging the supervisor's
    assert main(["merge", "--into", str(db.parent / "fresh.db"), str(db)]) == 0
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if in_conflict in line]
    assert line.startswith(f"    {in_conflict}: 2 "), out
    assert apart[:8] not in out
