"""Attack: pair a de-identified row with a package interview by what review left on it.

Attacker 3 holds a de-identified export and a device package (the supervisor's, merged
back into a laptop, carries every review). The package holds, in clear, every revision's
state and saving moment and every review event. A day of five interviews by one
interviewer is a group of five in form, city, interviewer and date; if one of them was
approved, an export that writes ``_state`` says which row is the approved one, and the
package says which interview was approved: that row's answers are that person's. The same
for the form's ``end`` of an interview returned and finalized again another day (the
package holds when each finalized revision was saved), and for ``_conflict`` (the package
holds the heads). What the export writes of these must be part of the group that holds k
(``export.groups``), or not be written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_attack_deid_groups import (
    DAY,
    MONDAY,
    _about,
    _candidates,
    _cut_said,
    _interview_rows,
    _package_view,
    _study,
    _written,
    english,  # noqa: F401  (autouse: the messages in English)
)

from fieldapp.cli import main
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store, SubmissionId

STATE = ("_state", "_review_state")
FORMATS = (".xlsx", ".zip", ".dta")


def _day(codes: tuple[str, ...] = ("TJ01", "TJ02")) -> list[tuple[str, str, dt.datetime]]:
    """Five interviews by each interviewer, all on Monday in Tijuana: groups of five."""
    return [
        (code, "tijuana", MONDAY + dt.timedelta(minutes=50 * n)) for code in codes for n in range(5)
    ]


def _interviews(store: Store, interviewer: str) -> list[SubmissionId]:
    """The interviewer's interviews, in the order they started."""
    rows = store.db.conn.execute(
        "SELECT uuid FROM submissions WHERE interviewer = ? ORDER BY created_at", [interviewer]
    )
    return [SubmissionId(row[0]) for row in rows]


def _later(db: Path, at: dt.datetime) -> Store:
    return Store.open(db, clock=lambda: at)


def _export(db: Path, path: Path, **options: Any) -> tuple[Any, list[dict[str, Any]]]:
    result = export_workbook(db, path, ExportOptions(deidentify=True, **options))
    return result, _interview_rows(result.path)


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_approved_row_pairs_with_no_fewer_than_k_package_interviews(
    tmp_path: Path, suffix: str
) -> None:
    db = _study(tmp_path, _day())
    with _later(db, MONDAY + dt.timedelta(hours=10)) as store:
        store.review.approve(_interviews(store, "TJ01")[2], author="sup")
    package = _package_view(db, tmp_path)
    assert sorted(p["_state"] for p in package).count("approved") == 1
    result, rows = _export(db, tmp_path / f"shared{suffix}")
    assert len(rows) == 10 and result.left_out == 0
    cut = _cut_said(result, "date")
    # The attack: the approved row was the one approved interview of the package.
    counts = _candidates(rows, package, cut, also=STATE)
    assert min(counts) >= 5, counts
    # What it cost: the state, not the day nor the interviewers.
    assert cut == "date"
    assert {_written(row["_started"], "date") for row in rows} == {DAY.date()}
    assert len({row["_interviewer"] for row in rows}) == 2
    assert all(row.get(column) is None for row in rows for column in STATE)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_state_every_group_shares_is_kept(tmp_path: Path, suffix: str) -> None:
    db = _study(tmp_path, _day())
    with _later(db, MONDAY + dt.timedelta(hours=10)) as store:
        for submission in _interviews(store, "TJ01"):
            store.review.approve(submission, author="sup")
    package = _package_view(db, tmp_path)
    result, rows = _export(db, tmp_path / f"kept{suffix}")
    assert min(_candidates(rows, package, _cut_said(result, "date"), also=STATE)) >= 5
    states = sorted((row["_interviewer"], row["_state"], row["_review_state"]) for row in rows)
    assert {state for _, state, _ in states} == {"approved", "finalized"}
    assert {(s, r) for _, s, r in states} == {("approved", "approved"), ("finalized", None)}
    assert result.recoded[0].code == "export.about.groups_kept"


def test_where_the_day_goes_to_the_week_the_state_comes_back_if_the_week_holds_it(
    tmp_path: Path,
) -> None:
    # One interview a day each, Monday to Friday; TJ01's all approved: no day holds five,
    # with or without the state; every week holds five of one interviewer and state.
    plan = [
        (code, "tijuana", MONDAY + dt.timedelta(days=day, hours=n))
        for n, code in enumerate(("TJ01", "TJ02"))
        for day in range(5)
    ]
    db = _study(tmp_path, plan)
    with _later(db, MONDAY + dt.timedelta(days=5)) as store:
        for submission in _interviews(store, "TJ01"):
            store.review.approve(submission, author="sup")
    result, rows = _export(db, tmp_path / "week.xlsx")
    assert [m.code for m in result.recoded] == ["export.about.groups_week_after_date"]
    assert {row["_state"] for row in rows} == {"approved", "finalized"}
    assert {_written(row["_started"], "date") for row in rows} == {MONDAY.date()}
    package = _package_view(db, tmp_path)
    assert min(_candidates(rows, package, "week", also=STATE, moments=("end",))) >= 5


def _corrected(root: Path) -> Path:
    """Ten interviews on Monday; one returned and finalized again on Tuesday."""
    db = _study(root, _day())
    tuesday = MONDAY + dt.timedelta(days=1)
    with _later(db, MONDAY + dt.timedelta(hours=10)) as store:
        corrected = _interviews(store, "TJ01")[1]
        store.review.return_interview(corrected, comment="Revise la edad", author="sup")
    with _later(db, tuesday) as store:
        answers = store.interviews.working_answers(corrected)
        store.interviews.autosave(corrected, {**answers, "age": 40, "end": tuesday.isoformat()})
        store.interviews.finalize(corrected)
    return db


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_row_finalized_again_another_day_pairs_with_no_fewer_than_k(
    tmp_path: Path, suffix: str
) -> None:
    db = _corrected(tmp_path)
    package = _package_view(db, tmp_path)
    assert sorted({p["end"].date() for p in package}) == [DAY.date(), DAY.date() + dt.timedelta(1)]
    result, rows = _export(db, tmp_path / f"shared{suffix}")
    assert len(rows) == 10
    # ``end`` said Tuesday for one row of the Monday group: the package's one interview
    # finalized again on Tuesday.
    counts = _candidates(rows, package, _cut_said(result, "date"), also=STATE, moments=("end",))
    assert min(counts) >= 5, counts
    assert {_written(row["_started"], "date") for row in rows} == {DAY.date()}  # the day is kept
    assert all(row.get("end") is None for row in rows)


def test_a_conflict_is_not_written_to_single_out_its_row(tmp_path: Path) -> None:
    db = _study(tmp_path, _day())
    with Store.open(db) as store:
        forked = _interviews(store, "TJ02")[3]
        head = store.db.conn.execute(
            "SELECT head_revision FROM listing WHERE submission_uuid = ?", [forked]
        ).fetchone()[0]
        answers = store.interviews.revision(head).answers
        for age in (60, 61):  # edited on two laptops apart: two heads
            store.interviews._revisions.write(
                forked,
                parents=(head,),
                state="finalized",
                answers={**answers, "age": age},
                attachments={},
                author="TJ02",
                instance_name=None,
            )
    package = _package_view(db, tmp_path)
    assert sorted(p["_conflict"] for p in package) == [0] * 9 + [1]
    for suffix in FORMATS:
        result, rows = _export(db, tmp_path / f"conflict{suffix}")
        assert len(rows) == 10
        counts = _candidates(rows, package, _cut_said(result, "date"), also=("_conflict",))
        assert min(counts) >= 5, (suffix, counts)
        assert all("_conflict" not in row for row in rows)


def test_about_codebook_and_terminal_say_the_state_was_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _study(tmp_path, _day())
    with _later(db, MONDAY + dt.timedelta(hours=10)) as store:
        store.review.return_interview(_interviews(store, "TJ02")[0], comment="x", author="sup")
    out = tmp_path / "t.xlsx"
    assert main(["export", "--db", str(db), "-o", str(out), "--deidentify"]) == 0
    said = (
        "The interview's state and last review decision, and when it was last finalized "
        "(the form's end question), are left out: with them some groups held fewer than 5 "
        "interviews of one form, city, interviewer and dates."
    )
    assert said in capsys.readouterr().out
    about = _about(out)
    assert about["Coarsened for the smallest group"][0] == said
    assert not str(about["De-identified"][1]).startswith("asked:")  # the dates are as asked
    book = openpyxl.load_workbook(out)
    headers = [cell.value for cell in next(book["groups"].iter_rows(max_row=1))]
    assert "_state" not in headers and "_review_state" not in headers
    variables = {row[2] for row in book["codebook"].iter_rows(values_only=True)}
    assert "_state" not in variables and "_conflict" not in variables
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    assert main(["export", "--db", str(db), "-o", str(out), "--deidentify"]) == 0
    dicho = "Se omiten el estado de la entrevista y la última decisión de revisión"
    assert dicho in capsys.readouterr().out
    assert str(_about(out)["Generalizado para el grupo mínimo"][0]).startswith(dicho)


def test_an_export_that_left_every_interview_out_does_not_say_every_group_held_k(
    tmp_path: Path,
) -> None:
    """Two interviews, each alone in its city: both left out. The dialog and the terminal
    said "nothing: dates, interviewers and states as asked, every group already held at
    least 2 interviews" before "2 interviews were left out" (walksup)."""
    db = _study(tmp_path, [("TJ01", "tijuana", MONDAY), ("MT01", "monterrey", MONDAY)])
    result, rows = _export(db, tmp_path / "none.xlsx", min_group=2)
    assert rows == [] and result.left_out == 2
    assert [m.code for m in result.recoded] == ["export.warning.groups_left_out"]
    about = _about(result.path)
    assert not any("every group already held" in str(value) for value in about.values())


def test_nothing_coarsened_is_said_as_a_sentence_after_the_exports_count(tmp_path: Path) -> None:
    """The dialog and the terminal say it after "N interviews exported to …." : it was the
    about sheet's lower-case value, with no full stop before what followed (walksup)."""
    db = _study(tmp_path, _day())
    result, rows = _export(db, tmp_path / "kept.xlsx")
    assert len(rows) == 10
    (said,) = [m.text("en") for m in result.recoded]
    assert said == (
        "Nothing coarsened: dates, interviewers and states as asked, every group already "
        "held at least 5 interviews."
    )
