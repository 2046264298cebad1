"""Attack: pair a de-identified export's rows with a device package's interviews by counts.

Attacker 3 holds a de-identified export and a package copied off a stick. The package
holds every interview's form, city, actor type, interviewer, device and moments to the
second, in clear. Counting rows per pseudonym per day against interviews per interviewer
code per day reverses the pseudonyms; a combination of form, city, interviewer and day
holding one interview then pairs its row with one package interview, and its answers
with the person seen at that moment. The export must leave every row at least k
package interviews to choose from (``export.groups``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.run import ExportResult
from fieldapp.core.package import write_package
from fieldapp.core.store import Store

Row = dict[str, Any]
Cut = Callable[[dt.datetime], Any]

CUTS: dict[str, Cut] = {
    "hour": lambda moment: moment.replace(minute=0, second=0, microsecond=0),
    "date": lambda moment: moment.date(),
    "week": lambda moment: moment.date() - dt.timedelta(days=moment.weekday()),
    "month": lambda moment: moment.date().replace(day=1),
}
QUASI = ("_city", "_actor_type")
MONDAY = dt.datetime(2026, 6, 8, 9, 0)  # a Monday; the stores' clocks are naive UTC
DAY = dt.datetime(2026, 6, 8)  # a date cell, as openpyxl reads it


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", "en")


# --- the attacker's tools ---------------------------------------------------------------


def _cut_said(result: ExportResult, asked: str) -> str | None:
    """How the export cut its dates, as its about sheet says (None: no date at all)."""
    code = result.recoded[0].code.removeprefix("export.about.groups_")
    if code in ("kept", "hour", "review"):  # the review is said after the dates
        return asked
    if code == "people":
        return None
    return code.split("_after_")[0].replace("none", "") or None


def _plain(value: Any) -> Any:
    """A cell as Python reads it from any of the formats: "" and NaN are empty."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas' Timestamp
        value = value.to_pydatetime()
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        try:  # a CSV's date or moment
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _interview_rows(path: Path) -> list[Row]:
    """Every interviews-sheet row of an export (xlsx, CSV zip, Stata zip), with its form."""
    rows: list[Row] = []
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            values = list(sheet.iter_rows(values_only=True))
            if values and "_city" in values[0]:
                rows += [
                    {**dict(zip(values[0], row, strict=False)), "form": sheet.title}
                    for row in values[1:]
                ]
        book.close()
        return [{name: _plain(value) for name, value in row.items()} for row in rows]
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            stem, _, suffix = name.rpartition(".")
            if suffix == "csv":
                reader = csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
                found = [dict(row) for row in reader]
            elif suffix == "dta":
                import pyreadstat

                member = path.parent / f"read-{Path(name).name}"
                member.write_bytes(archive.read(name))
                frame, _ = pyreadstat.read_dta(str(member))
                found = frame.to_dict("records")
            else:
                continue
            if found and "_city" in found[0]:
                rows += [{**row, "form": Path(stem).name} for row in found]
    return [{name: _plain(value) for name, value in row.items()} for row in rows]


def _written(value: Any, cut: str | None) -> Any:
    """A written date or moment, the type the cut makes (Stata gives dates as datetimes)."""
    if value is None or cut is None:
        return None
    if cut != "hour" and isinstance(value, dt.datetime):
        return value.date()
    return value


def _reversed(
    rows: list[Row], package: list[Row], column: str, cut: str | None, also: tuple[str, ...] = ()
) -> dict[str, set[str]]:
    """Each pseudonym's possible codes: those whose package interviews per form, city and
    date (as the export cut them) hold the pseudonym's rows per the same: its fingerprint.
    ``also``: more columns the package holds too (a state), in the fingerprint.
    """

    def fingerprint(of: Iterable[Row], moment: Callable[[Row], Any]) -> Counter[tuple]:
        return Counter((r["form"], *(r[q] for q in QUASI + also), moment(r)) for r in of)

    codes: dict[str, Counter[tuple]] = {}
    for code in {r[column] for r in package}:
        of = [r for r in package if r[column] == code]
        codes[code] = fingerprint(of, lambda r: CUTS[cut](r["_started"]) if cut else None)
    found: dict[str, set[str]] = {}
    for pseudonym in {r[column] for r in rows if r[column]}:
        mine = fingerprint(
            (r for r in rows if r[column] == pseudonym), lambda r: _written(r["_started"], cut)
        )
        found[pseudonym] = {code for code, theirs in codes.items() if not mine - theirs}
    return found


def _candidates(
    rows: list[Row],
    package: list[Row],
    cut: str | None,
    *,
    also: tuple[str, ...] = (),
    moments: tuple[str, ...] = (),
) -> list[int]:
    """For each export row, how many package interviews it could be. ``also``: more
    columns both hold (``_state``), compared where the export wrote them; ``moments``: more
    moments (the form's ``end``), compared as the export cut them."""
    also = tuple(c for c in also if any(r.get(c) is not None for r in rows))
    people = {c: _reversed(rows, package, c, cut, also) for c in ("_interviewer", "_device")}
    counts = []
    for row in rows:
        fits = [
            p
            for p in package
            if p["form"] == row["form"]
            and all(p[q] == row[q] for q in QUASI + also)
            and all(
                row[c] is None or p[c] in people[c][row[c]] for c in ("_interviewer", "_device")
            )
            and all(
                row.get(m) is None or CUTS[cut or "date"](p[m]) == _written(row[m], cut)
                for m in ("_started", "_ended", *moments)
            )
            and (
                row.get("_duration_min") is None
                or round(p["_duration_min"]) == round(float(row["_duration_min"]))
            )
        ]
        counts.append(len(fits))
    return counts


def _package_view(db: Path, root: Path) -> list[Row]:
    """What the stolen package tells, opened with fieldapp itself: form, city, actor type,
    interviewer code, device and moments to the second of every interview."""
    package = root / "stick.fieldapp"
    with Store.open(db) as store:
        write_package(store, package)
    view = _interview_rows(export_workbook(package, root / "package-view.xlsx").path)
    assert all(isinstance(row["_started"], dt.datetime) for row in view)
    return view


# --- the demo -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Row]]:
    root = tmp_path_factory.mktemp("groups")
    db = root / "supervisor.db"
    command = ["demo", "--db", str(db), "--interviews", "120", "--seed", "5", "--workers", "1"]
    assert main(command) == 0
    return db, _package_view(db, root)


@pytest.mark.parametrize(("name", "times"), [("shared.xlsx", "date"), ("shared.zip", "hour")])
def test_no_row_of_the_demo_pairs_with_fewer_than_k_package_interviews(
    demo: tuple[Path, list[Row]], tmp_path: Path, name: str, times: Any
) -> None:
    db, package = demo
    # The attack works on what the export wrote before: most rows singled out by the day.
    plain = _interview_rows(export_workbook(db, tmp_path / "p.xlsx").path)
    singled = [c for c in _candidates(_cut_rows(plain), package, "date") if c == 1]
    assert len(singled) > len(plain) // 2
    for k in (5, 3):
        result = export_workbook(
            db, tmp_path / f"{k}-{name}", ExportOptions(deidentify=True, times=times, min_group=k)
        )
        rows = _interview_rows(result.path)
        assert len(rows) == result.interviews >= len(plain) * 2 // 3  # not emptied to pass
        counts = _candidates(rows, package, _cut_said(result, times))
        assert min(counts) >= k, Counter(counts)


@pytest.mark.parametrize("suffix", [".dta", ".zip"])
def test_the_stata_and_csv_files_hold_the_same_groups(
    demo: tuple[Path, list[Row]], tmp_path: Path, suffix: str
) -> None:
    db, package = demo
    result = export_workbook(db, tmp_path / f"shared{suffix}", ExportOptions(deidentify=True))
    rows = _interview_rows(result.path)
    assert len(rows) == result.interviews > 0
    assert min(_candidates(rows, package, _cut_said(result, "date"))) >= 5


def _cut_rows(rows: list[Row]) -> list[Row]:
    """A plain export's rows as the old de-identified one wrote them: pseudonyms aside,
    the same interviewer and device columns, dates cut to the day."""
    return [
        {
            **row,
            "_started": row["_started"].date(),
            "_ended": row["_ended"].date(),
            "_duration_min": None,
        }
        for row in rows
    ]


# --- crafted studies ----------------------------------------------------------------------


def _study(root: Path, plan: Iterable[tuple[str, str, dt.datetime]]) -> Path:
    """A supervisor database of one form: an interview per (interviewer, city, start)."""
    form = write_xlsform(
        root / "groups.xlsx",
        [
            {"type": "start", "name": "start"},
            {"type": "end", "name": "end"},
            {"type": "date", "name": "interview_date", "label": "Date of the interview"},
            {"type": "integer", "name": "age", "label": "Age"},
        ],
        settings={"form_id": "groups", "version": "1"},
    )
    now = [MONDAY]
    db = root / "supervisor.db"
    with Store.open(db, clock=lambda: now[0]) as store:
        sha = store.forms.add(form).sha256
        for age, (interviewer, city, started) in enumerate(plan, 18):
            now[0] = started
            answers = {
                "start": started.isoformat(),
                "interview_date": started.date().isoformat(),
                "age": age,
            }
            sid = store.interviews.start(
                sha, answers=answers, complete=True, interviewer=interviewer, city=city
            )
            now[0] = started + dt.timedelta(minutes=40 + age)
            store.interviews.autosave(sid, {**answers, "end": now[0].isoformat()})
            store.interviews.finalize(sid)
    return db


def _about(path: Path) -> dict[str, tuple[Any, Any]]:
    sheet = openpyxl.load_workbook(path)["about"]
    return {row[0]: (row[1], row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)}


def _stats_labels(result: ExportResult, suffix: str, folder: Path) -> tuple[Any, dict[str, str]]:
    """Return the interviews' Stata or SPSS file of an export (``suffix``), extracted into
    ``folder`` and read, with each variable's label."""
    import pyreadstat

    with zipfile.ZipFile(result.path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(suffix))
        archive.extract(name, folder)
    read = pyreadstat.read_dta if suffix == ".dta" else pyreadstat.read_sav
    frame, meta = read(str(folder / name))
    return frame, dict(zip(meta.column_names, meta.column_labels, strict=True))


def test_days_that_already_hold_k_keep_the_day_and_the_pseudonyms(tmp_path: Path) -> None:
    plan = [
        (code, "tijuana", MONDAY + dt.timedelta(days=day, minutes=50 * n))
        for code in ("TJ01", "TJ02")
        for day in (0, 1)
        for n in range(5)
    ]
    db = _study(tmp_path, plan)
    result = export_workbook(db, tmp_path / "d.xlsx", ExportOptions(deidentify=True))
    rows = _interview_rows(result.path)
    assert len(rows) == 20 and result.left_out == 0
    assert sorted({row["_started"] for row in rows}) == [DAY, DAY + dt.timedelta(days=1)]
    assert len({row["_interviewer"] for row in rows}) == 2  # no needless loss
    about = _about(result.path)
    assert about["Smallest group"][0] == 5
    assert about["Coarsened for the smallest group"][0].startswith("Nothing coarsened")
    assert (
        about["De-identified"][1] == "moments kept to the day (times of day and durations left out)"
    )
    assert min(_candidates(rows, _package_view(db, tmp_path), "date")) >= 5


def test_single_days_go_to_the_weeks_monday_everywhere_the_day_was(tmp_path: Path) -> None:
    # Each interviewer once a day, Monday to Friday: the week holds five of each.
    plan = [
        (code, "tijuana", MONDAY + dt.timedelta(days=day, hours=n))
        for n, code in enumerate(("TJ01", "TJ02"))
        for day in range(5)
    ]
    db = _study(tmp_path, plan)
    result = export_workbook(db, tmp_path / "w.xlsx", ExportOptions(deidentify=True))
    rows = _interview_rows(result.path)
    assert len(rows) == 10
    monday = MONDAY.date()
    for row in rows:  # typed dates, the Monday, in the metadata and the answers alike
        assert (row["_started"], row["_ended"]) == (DAY, DAY)
        assert (row["start"], row["interview_date"]) == (DAY, DAY)
        assert row["_interviewer"] is not None
    book = openpyxl.load_workbook(result.path)
    assert book["groups"]["G2"].value.date() == monday  # G: _started, a date cell
    assert book["groups"]["G2"].is_date
    codebook = {row[2]: row[4] for row in book["codebook"].iter_rows(values_only=True)}
    assert "Monday of its ISO week" in codebook["_started"]
    assert "Monday of its ISO week" in codebook["interview_date"]
    about = _about(result.path)
    assert about["Coarsened for the smallest group"][0] == (
        "Dates are given as the week's Monday: some days held fewer than 5 interviews of "
        "one form, city and interviewer."
    )
    # "kept to the day" above dates that are Mondays misled the analyst
    assert about["De-identified"][1] == (
        "asked: moments kept to the day (times of day and durations left out); then "
        "coarsened for the smallest group (below)"
    )
    assert min(_candidates(rows, _package_view(db, tmp_path), "week")) >= 5


@pytest.mark.parametrize("suffix", [".dta", ".sav"])
def test_stata_and_spss_labels_say_a_date_is_the_weeks_monday(tmp_path: Path, suffix: str) -> None:
    plan = [
        (code, "tijuana", MONDAY + dt.timedelta(days=day, hours=n))
        for n, code in enumerate(("TJ01", "TJ02"))
        for day in range(5)
    ]
    db = _study(tmp_path, plan)
    result = export_workbook(db, tmp_path / f"w{suffix}", ExportOptions(deidentify=True))
    frame, labels = _stats_labels(result, suffix, tmp_path)
    started = next(n for n in labels if n.endswith("started"))
    # Stata showed "Started" above 8 June, a Monday standing for the whole week.
    for variable in (started, "interview_date"):
        assert "(given as the Monday of its ISO week)" in labels[variable], labels
    assert len(labels[started].encode()) <= (80 if suffix == ".dta" else 255)
    assert set(frame[started]) == {MONDAY.date()}


def test_spanish_about_says_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    plan = [("TJ01", "tijuana", MONDAY + dt.timedelta(days=day)) for day in range(5)]
    db = _study(tmp_path, plan)
    result = export_workbook(db, tmp_path / "es.xlsx", ExportOptions(deidentify=True))
    sheet = openpyxl.load_workbook(result.path)["about"]
    values = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert "Las fechas se dan como el lunes de su semana" in " ".join(map(str, values))


def test_what_no_coarsening_hides_is_left_out_and_counted_never_named(tmp_path: Path) -> None:
    # Ten interviews in Tijuana hold a group of five per interviewer and day; the three
    # in Reynosa stay a group of three with no date and no interviewer: only leaving
    # them out hides them.
    plan = [
        (code, "tijuana", MONDAY + dt.timedelta(minutes=50 * n))
        for code in ("TJ01", "TJ02")
        for n in range(5)
    ] + [("RY01", "reynosa", MONDAY + dt.timedelta(days=n)) for n in range(3)]
    db = _study(tmp_path, plan)
    result = export_workbook(db, tmp_path / "l.xlsx", ExportOptions(deidentify=True))
    rows = _interview_rows(result.path)
    assert len(rows) == result.interviews == 10
    assert {row["_city"] for row in rows} == {"tijuana"}
    assert {row["_started"] for row in rows} == {DAY}  # the others keep their day
    assert result.left_out == 3
    said = [message.text("en") for message in result.recoded]
    assert said[1].startswith("3 interviews were left out")
    assert not any("i-" in text or "reynosa" in text.lower() for text in said)
    warnings = [v for k, (v, _) in _about(result.path).items() if k == "Warning"]
    assert any(str(w).startswith("3 interviews were left out") for w in warnings)
    assert min(_candidates(rows, _package_view(db, tmp_path), "date")) >= 5


def test_a_lone_interviewer_goes_before_any_interview_is_left_out(tmp_path: Path) -> None:
    # Four interviews by one interviewer and one by another, all in one city: no date
    # makes the second's a group of five; without the pseudonyms the city holds five.
    plan = [("TJ01", "tijuana", MONDAY + dt.timedelta(days=n)) for n in range(4)]
    plan.append(("TJ02", "tijuana", MONDAY))
    db = _study(tmp_path, plan)
    result = export_workbook(db, tmp_path / "p.xlsx", ExportOptions(deidentify=True))
    rows = _interview_rows(result.path)
    assert len(rows) == 5 and result.left_out == 0
    assert all(row["_interviewer"] is None and row["_device"] is None for row in rows)
    assert all(row["_started"] is None and row["start"] is None for row in rows)
    assert result.recoded[0].code == "export.about.groups_people"
    assert min(_candidates(rows, _package_view(db, tmp_path), None)) >= 5


# --- the terminal -------------------------------------------------------------------------


def test_min_group_is_taken_from_the_terminal_and_refused_when_it_protects_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = [("TJ01", "tijuana", MONDAY + dt.timedelta(days=n)) for n in range(3)]
    db = _study(tmp_path, plan)
    out = tmp_path / "t.xlsx"
    base = ["export", "--db", str(db), "-o", str(out)]
    for wrong, said in (
        (["--deidentify", "--min-group", "1"], "at least 2, not 1"),
        (["--deidentify", "--min-group", "0"], "at least 2, not 0"),
        (["--min-group", "3"], "--min-group applies to de-identified exports only"),
        # options that would change nothing are said, not passed over in silence
        (["--times", "hour"], "--times applies to de-identified exports only"),
        (["--labels", "-o", str(tmp_path / "t.dta")], "--labels is for .xlsx and .zip"),
    ):
        assert main([*base, *wrong]) == 1
        error = capsys.readouterr().err
        assert said in error and "Traceback" not in error
        assert not out.exists() and not (tmp_path / "t.dta.zip").exists()
    assert main([*base, "--deidentify", "--min-group", "3"]) == 0
    printed = capsys.readouterr().out
    assert "Dates are given as the week's Monday" in printed
    assert _about(out)["Smallest group"][0] == 3
    assert len(_interview_rows(out)) == 3
    assert main([*base, "--deidentify"]) == 0  # five by default: three cannot be shared
    assert "3 interviews were left out" in capsys.readouterr().out
    assert _interview_rows(out) == []
