"""A moment cut to the hour says so wherever its column is labelled.

``--times hour`` writes 08:00:00 for an interview started at 08:37:12. A date cut to the
week says "given as the Monday of its ISO week" in the codebook, Stata, SPSS and R; the
hour said nothing, and 08:00:00 reads as a moment to the second (``end - start`` of one
hour looked like a measured length).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from test_attack_deid_groups import (
    MONDAY,
    _stats_labels,
    _study,
    english,  # noqa: F401  (autouse: the messages in English)
)

from fieldapp.core.export import ExportOptions, export_workbook

SAID = "(cut to the hour: 08:00 is 08:00 to 08:59)"


def _hour_study(root: Path) -> Path:
    """Twelve interviews started between 08:05 and 08:10 and finalized between 09:00 and
    09:20: groups of six per interviewer when cut to the hour."""
    start = MONDAY - dt.timedelta(minutes=55)
    plan = [
        (code, "tijuana", start + dt.timedelta(minutes=n))
        for code in ("TJ01", "TJ02")
        for n in range(6)
    ]
    return _study(root, plan)


@pytest.mark.parametrize("suffix", [".dta", ".sav"])
def test_stata_and_spss_labels_say_a_moment_is_cut_to_the_hour(tmp_path: Path, suffix: str) -> None:
    db = _hour_study(tmp_path)
    options = ExportOptions(deidentify=True, times="hour", min_group=2)
    result = export_workbook(db, tmp_path / f"h{suffix}", options)
    frame, labels = _stats_labels(result, suffix, tmp_path)
    started = next(n for n in labels if n.endswith("started"))
    assert {value.minute for value in frame[started]} == {0}  # the hour was kept, cut
    for variable in (started, "start", "end"):
        assert SAID in labels[variable], labels
    assert len(labels[started].encode()) <= (80 if suffix == ".dta" else 255)
    assert "interview_date" in labels and "hour" not in labels["interview_date"]


def test_the_codebook_says_it_and_a_day_export_does_not(tmp_path: Path) -> None:
    db = _hour_study(tmp_path)
    for times, said in (("hour", True), ("date", False)):
        options = ExportOptions(deidentify=True, times=times, min_group=2)
        result = export_workbook(db, tmp_path / f"{times}.xlsx", options)
        book = openpyxl.load_workbook(result.path)
        labels = {row[2]: row[4] for row in book["codebook"].iter_rows(values_only=True)}
        assert (SAID in labels["_started"]) is said, labels["_started"]
        assert (SAID in labels["end"]) is said
