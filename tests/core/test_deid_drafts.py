"""A de-identified export with drafts still says which rows are drafts.

The analyst ticks drafts and de-identify. Where the state and the review decision must go
for the smallest group (one approved interview of a day's five), the unfinished interviews
must not become indistinguishable from the finished ones: a mean over the rows would
silently count half-answered interviews. Whether a row is a draft stays, as ``_state``
``draft`` or ``finished``, and is part of the group that holds k (a package holds it too).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_attack_deid_groups import (
    MONDAY,
    _about,
    _interview_rows,
    _study,
    english,  # noqa: F401  (autouse: the messages in English)
)

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

FORMATS = (".xlsx", ".zip", ".dta")


def _with_drafts(root: Path) -> Path:
    """Ten finished interviews on Monday (one of TJ01's approved) and five drafts of TJ01."""
    plan = [
        (code, "tijuana", MONDAY + dt.timedelta(minutes=50 * n))
        for code in ("TJ01", "TJ02")
        for n in range(5)
    ]
    db = _study(root, plan)
    with Store.open(db, clock=lambda: MONDAY + dt.timedelta(hours=10)) as store:
        first = store.db.conn.execute(
            "SELECT uuid FROM submissions WHERE interviewer = 'TJ01' ORDER BY created_at"
        ).fetchone()[0]
        store.review.approve(first, author="sup")
        sha = store.db.conn.execute("SELECT sha256 FROM forms").fetchone()[0]
        for n in range(5):
            started = MONDAY + dt.timedelta(minutes=20 + 50 * n)
            store.interviews.start(
                sha,
                answers={"start": started.isoformat(), "interview_date": "2026-06-08"},
                complete=False,
                interviewer="TJ01",
                city="tijuana",
            )
    return db


def _export(db: Path, path: Path, **options: Any) -> tuple[Any, list[dict[str, Any]]]:
    result = export_workbook(db, path, ExportOptions(deidentify=True, drafts=True, **options))
    return result, _interview_rows(result.path)


@pytest.mark.parametrize("suffix", FORMATS)
def test_drafts_stay_apart_from_finished_rows_when_the_state_goes(
    tmp_path: Path, suffix: str
) -> None:
    db = _with_drafts(tmp_path)
    result, rows = _export(db, tmp_path / f"shared{suffix}")
    assert len(rows) == 15 and result.left_out == 0
    # The one approved interview cost the state and the decision, not the day.
    assert "export.about.groups_review" in [m.code for m in result.recoded]
    assert all(row.get("_review_state") is None for row in rows)
    # What the analyst filters on: five drafts, ten finished, and nothing that says which
    # finished one was approved.
    assert Counter(row["_state"] for row in rows) == {"draft": 5, "finished": 10}
    # Every group of what a package also holds keeps five interviews.
    groups = Counter(
        (row["_interviewer"], str(row["_started"])[:10], row["_state"]) for row in rows
    )
    assert min(groups.values()) >= 5, groups


def test_a_labels_export_and_its_codebook_say_draft_or_finished(tmp_path: Path) -> None:
    db = _with_drafts(tmp_path)
    result, rows = _export(db, tmp_path / "labels.xlsx", labels=True)
    assert Counter(row["_state"] for row in rows) == {"draft": 5, "finished": 10}
    book = openpyxl.load_workbook(result.path)
    state = next(r for r in book["codebook"].iter_rows(values_only=True) if r[2] == "_state")
    assert "finished" in state[4] and "draft" in state[4] and "approved" in state[4]
    about = _about(result.path)
    said = " ".join(str(value) for value, _ in about.values())
    assert "_state" in said and "finished" in said


def test_statas_label_of_the_state_keeps_what_it_holds_whole(tmp_path: Path) -> None:
    import pyreadstat

    db = _with_drafts(tmp_path)
    result = export_workbook(db, tmp_path / "s.dta", ExportOptions(deidentify=True, drafts=True))
    with zipfile.ZipFile(result.path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dta"))
        archive.extract(name, tmp_path)
    _, meta = pyreadstat.read_dta(str(tmp_path / name), metadataonly=True)
    label = dict(zip(meta.column_names, meta.column_labels, strict=True))["_state"]
    assert label == "State: draft, finalized, approved or returned (here: draft or finished only)"


def test_without_drafts_the_state_still_goes_whole(tmp_path: Path) -> None:
    db = _with_drafts(tmp_path)
    result = export_workbook(db, tmp_path / "f.xlsx", ExportOptions(deidentify=True))
    rows = _interview_rows(result.path)
    assert len(rows) == 10
    assert all("_state" not in row for row in rows)  # a column of "finished" says nothing
