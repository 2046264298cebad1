"""Back in her own repeat entry, though a merge numbered the entries anew (``core.place``).

A draft's place was kept by entry number. A merge that brought another laptop's newer
revision, with an entry before hers removed, made her reopen the interview in the entry
that now had her number: another mechanism's city, where she went on typing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_windows import open_window
from PySide6.QtWidgets import QApplication
from xlsform import row, write_xlsform

from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

MECHANISMS = "org/mechanisms"


def _form(path: Path) -> Path:
    return write_xlsform(
        path,
        [
            row("begin group", "intro", "Introduction"),
            row("text", "respondent", "Respondent code"),
            row("end group", ""),
            row("begin group", "org", "Organisation"),
            row("begin repeat", "mechanisms", "Mechanism"),
            row("text", "mech_name", "Mechanism name"),
            row("text", "mech_city", "City"),
            row("end repeat", ""),
            row("end group", ""),
        ],
        settings={"form_id": "mechs", "version": "1", "default_language": "English (en)"},
    )


def _three_mechanisms(tmp_path: Path) -> tuple[Path, SubmissionId]:
    """Her laptop with a draft naming three mechanisms; she typed in the second's city."""
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        sha = store.forms.add(_form(tmp_path / "mechs.xlsx")).sha256
        names = [{"mech_name": name} for name in ("Mesa", "Consejo", "Comité")]
        sid = store.interviews.start(
            sha, answers={MECHANISMS: names}, interviewer="TJ01", city="tijuana"
        )
    return laptop, SubmissionId(sid)


def _typed_in_the_second_city(qtbot: Any, laptop: Path, sid: SubmissionId) -> None:
    with Store.open(laptop) as store:
        window = open_window(qtbot, store, sid)
        where = (MECHANISMS, 1, "mech_city")
        window.view.reveal(where)
        qtbot.keyClicks(window.view.nodes[where].edit, "Reynosa")
        window.close()  # a draft closed normally: her place stays on this laptop


def _edited_elsewhere(tmp_path: Path, laptop: Path, sid: SubmissionId, keep: list[int]) -> None:
    """The supervisor's laptop takes her draft, keeps only the entries ``keep`` (in that
    order) and saves; her laptop merges that newer revision back."""
    other = tmp_path / "supervisor.db"
    with Store.open(other) as store:
        merge_database(store, laptop)
        answers = store.interviews.working_answers(sid)
        answers[MECHANISMS] = [answers[MECHANISMS][i] for i in keep]
        store.interviews.autosave(sid, answers)
        store.interviews.save(sid)
    with Store.open(laptop) as store:
        merge_database(store, other)
        assert len(store.interviews.heads(sid)) == 1, "a newer revision of hers, no conflict"


def test_after_a_merge_removed_an_earlier_entry_she_is_back_in_her_own_mechanism(
    qtbot: Any, tmp_path: Path
) -> None:
    laptop, sid = _three_mechanisms(tmp_path)
    _typed_in_the_second_city(qtbot, laptop, sid)
    _edited_elsewhere(tmp_path, laptop, sid, keep=[1, 2])  # "Mesa" removed before hers

    with Store.open(laptop) as store:
        again = open_window(qtbot, store, sid)
        hers = again.view.nodes[(MECHANISMS, 0, "mech_city")].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is hers)
        assert again.view.nodes[(MECHANISMS, 0, "mech_name")].edit.text() == "Consejo"
        assert hers.text() == "Reynosa"
        assert hers.cursorPosition() == len("Reynosa"), "the cursor where she stopped"
        qtbot.keyClicks(hers, " centro")  # she goes on typing in Consejo's city
        assert again.view.nodes[(MECHANISMS, 1, "mech_city")].edit.text() == ""
        again.close()
        answers = store.interviews.working_answers(sid)
    assert answers[MECHANISMS] == [
        {"mech_name": "Consejo", "mech_city": "Reynosa centro"},
        {"mech_name": "Comité"},
    ]


def test_entries_reordered_elsewhere_still_lead_to_hers(qtbot: Any, tmp_path: Path) -> None:
    laptop, sid = _three_mechanisms(tmp_path)
    _typed_in_the_second_city(qtbot, laptop, sid)
    _edited_elsewhere(tmp_path, laptop, sid, keep=[2, 0, 1])  # hers moved to the end

    with Store.open(laptop) as store:
        again = open_window(qtbot, store, sid)
        hers = again.view.nodes[(MECHANISMS, 2, "mech_city")].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is hers)
        assert hers.text() == "Reynosa"
        again.close()


def test_her_entry_removed_elsewhere_gives_way_to_the_question_before_where_it_was(
    qtbot: Any, tmp_path: Path
) -> None:
    """Not the entry that took its number: the last question of the one before it."""
    laptop, sid = _three_mechanisms(tmp_path)
    _typed_in_the_second_city(qtbot, laptop, sid)
    _edited_elsewhere(tmp_path, laptop, sid, keep=[0, 2])  # "Consejo", hers, removed

    with Store.open(laptop) as store:
        again = open_window(qtbot, store, sid)
        before = again.view.nodes[(MECHANISMS, 0, "mech_city")].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is before)
        assert again.view.nodes[(MECHANISMS, 0, "mech_name")].edit.text() == "Mesa"
        again.close()


def test_entries_unchanged_reopen_at_the_number_she_was_in(qtbot: Any, tmp_path: Path) -> None:
    """Two entries alike: the one with her number, as before."""
    laptop, sid = _three_mechanisms(tmp_path)
    with Store.open(laptop) as store:
        answers = store.interviews.working_answers(sid)
        answers[MECHANISMS][2] = {"mech_name": "Consejo"}  # the same name twice
        store.interviews.autosave(sid, answers)
        store.interviews.save(sid)
    with Store.open(laptop) as store:
        window = open_window(qtbot, store, sid)
        where = (MECHANISMS, 2, "mech_city")
        window.view.reveal(where)
        qtbot.keyClicks(window.view.nodes[where].edit, "Reynosa")
        window.close()
    with Store.open(laptop) as store:
        again = open_window(qtbot, store, sid)
        hers = again.view.nodes[(MECHANISMS, 2, "mech_city")].edit
        qtbot.waitUntil(lambda: QApplication.focusWidget() is hers)
        assert hers.text() == "Reynosa"
        again.close()
