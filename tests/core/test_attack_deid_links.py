"""Attacker 3 of ``docs/protecting-interviewees.md`` holds a de-identified export and a
laptop's package, and pairs rows of the one with interviews of the other.

A package holds every interview's submission row in clear, sealed or not: its city,
interviewer, the moment it started and the moment each revision was saved, to the second.
The export cuts moments to the day so that a row does not say *when* that day the person
was interviewed. Nine interviews of one day, one city and one interviewer are exported:
nothing the export writes may pair a row with its interview in the package (then its
exact hour, and the answers beside it, would be the person's). It paired them twice:

- the rows came in start order, which the package gives to the second;
- ``_duration_min`` is the gap, in minutes, between two moments the package holds (the
  start and the finalizing): each row matched exactly one interview.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

# What a de-identified row holds, whichever rows the group rule writes (conftest).
pytestmark = pytest.mark.usefixtures("every_row_written")

DURATIONS = (31, 58, 44, 90, 27, 65, 73, 39, 52)
"""Minutes each interview took: each a different one, as in the field."""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("links")
    form = write_xlsform(
        root / "links.xlsx",
        [
            {"type": "start", "name": "start"},
            {"type": "end", "name": "end"},
            {"type": "integer", "name": "age", "label": "Age"},
        ],
        settings={"form_id": "links", "version": "1"},
    )
    now = [dt.datetime(2026, 6, 7, 8, 0, tzinfo=dt.UTC)]
    db = root / "supervisor.db"
    with Store.open(db, clock=lambda: now[0]) as store:
        sha = store.forms.add(form).sha256
        for age, minutes in enumerate(DURATIONS, 18):
            started = now[0]
            sid = store.interviews.start(
                sha,
                answers={"start": started.isoformat(), "age": age},
                complete=True,
                interviewer="NL01",
                city="nuevo_laredo",
            )
            now[0] += dt.timedelta(minutes=minutes)
            store.interviews.autosave(
                sid, {"start": started.isoformat(), "end": now[0].isoformat(), "age": age}
            )
            store.interviews.finalize(sid)
            now[0] += dt.timedelta(minutes=7)
    return db


def _package_view(db: Path) -> list[tuple[str, int]]:
    """What the package tells of each interview without a key: (its start, its length in
    minutes from start to finalizing), in start order."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT s.created_at, min(r.saved_at) FROM submissions AS s "
            "JOIN revisions AS r ON r.submission_uuid = s.uuid AND r.state = 'finalized' "
            "GROUP BY s.uuid ORDER BY s.created_at"
        ).fetchall()
    found = []
    for created, saved in rows:
        gap = dt.datetime.fromisoformat(saved) - dt.datetime.fromisoformat(created)
        found.append((created, round(gap.total_seconds() / 60)))
    return found


def _rows(out: Path, sheet_name: str = "links") -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(out)[sheet_name]
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_no_row_pairs_with_its_interview_in_a_package_by_order_or_duration(
    database: Path, tmp_path: Path
) -> None:
    package = _package_view(database)
    assert [minutes for _, minutes in package] == list(DURATIONS)  # what the attacker reads
    plain = _rows(export_workbook(database, tmp_path / "plain.xlsx").path)
    assert [row["age"] for row in plain] == list(
        range(18, 27)
    )  # start order, as a supervisor wants
    assert [row["_duration_min"] for row in plain] == list(DURATIONS)
    out = tmp_path / "shared.xlsx"
    export_workbook(database, out, ExportOptions(deidentify=True))
    rows = _rows(out)
    assert len(rows) == len(DURATIONS)
    assert len({row["_started"] for row in rows}) == 1  # one day: only the rest could pair
    # Pairing by order: the n-th row is the n-th interview the package started.
    assert [row["age"] for row in rows] != list(range(18, 27))
    # Pairing by length: no column holds the minutes the package's moments give.
    lengths = set(DURATIONS)
    assert not any(value in lengths for row in rows for value in row.values())
    # The hour kept on purpose (`--times hour`) keeps the length too.
    hours = _rows(
        export_workbook(
            database, tmp_path / "hour.xlsx", ExportOptions(deidentify=True, times="hour")
        ).path
    )
    assert sorted(row["_duration_min"] for row in hours) == sorted(DURATIONS)


def test_a_warning_about_an_interview_left_out_names_it_by_no_id_of_the_packages(
    tmp_path: Path,
) -> None:
    """An interview of a form version the database lacks is left out with a warning on
    the about sheet; de-identified, that warning named the interview's real id."""
    from fieldapp.core.export import ExportInterview, FormSource, write_export
    from fieldapp.core.forms.loader import load_form

    form = load_form(
        write_xlsform(
            tmp_path / "f.xlsx",
            [{"type": "integer", "name": "age", "label": "Age"}],
            settings={"form_id": "links", "version": "1"},
        )
    )
    real_id = "0b6f2f1e-5f0c-4c41-9f4e-2a7d3c1b9e58"
    stray = ExportInterview(
        real_id,
        "f" * 64,
        "NL01",
        "dev",
        "nuevo_laredo",
        "",
        "2026-06-07T08:00:00+00:00",
        "2026-06-07T09:00:00+00:00",
        "finalized",
        {"age": 30},
    )
    source = FormSource("links", {"a" * 64: form}, lambda: [stray])
    plain = write_export(tmp_path / "plain.xlsx", [source])
    assert any(real_id in warning for warning in plain.warnings)
    shared = write_export(tmp_path / "shared.xlsx", [source], ExportOptions(deidentify=True))
    assert shared.warnings and not any(real_id in warning for warning in shared.warnings)
    cells = openpyxl.load_workbook(tmp_path / "shared.xlsx")["about"].values
    assert not any(real_id in str(value) for row in cells for value in row)


def test_an_id_the_form_makes_joins_no_two_exports(tmp_path: Path) -> None:
    """``once(uuid())`` gives each interview an id of the form's own: written in every
    export, it joined a shared export to the next one (ids are random per export so that
    nothing does)."""
    form = write_xlsform(
        tmp_path / "ids.xlsx",
        [
            {"type": "calculate", "name": "respondent", "calculation": "once(uuid())"},
            {"type": "calculate", "name": "tag", "calculation": "concat('R-', ${respondent})"},
            {"type": "integer", "name": "age", "label": "Age"},
        ],
        settings={"form_id": "ids", "version": "1"},
    )
    db = tmp_path / "ids.db"
    with Store.open(db) as store:
        sha = store.forms.add(form).sha256
        store.interviews.submit(sha, {"age": 40}, finalize=True, city="tijuana")
        (current,) = store.interviews.iter_current()
        made = str(current.revision.answers["respondent"])
    assert len(made) > 30
    plain = export_workbook(db, tmp_path / "plain.xlsx").path
    assert any(made in str(v) for row in _rows(plain, "ids") for v in row.values())
    for times in ("date", "hour"):
        out = tmp_path / f"shared-{times}.xlsx"
        export_workbook(db, out, ExportOptions(deidentify=True, times=times))
        rows = _rows(out, "ids")
        assert rows[0]["age"] == 40
        assert not any(made in str(v) for row in rows for v in row.values())
