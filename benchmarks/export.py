"""Export speed and memory, measured against openpyxl and pyreadstat in the same run.

1. Ratio: ``export_workbook`` on N demo-like interviews (read from the store, rendered,
   guarded, streamed) against openpyxl's write-only mode writing the very same cells (read
   back from our export, so the two write identical rows). Goal: at most 1.3. Both are
   timed in CPU seconds of this process (the best of a few rounds), so other programs
   busy on the machine do not tilt the ratio.
2. The same for Stata (.dta) and SPSS (.sav): our export against pyreadstat writing the
   very same data frames (read back from our files, with their variable and value labels).
   Goal: at most 1.3 each. Also printed: the ratio against that floor with the files
   zipped as the export delivers them, and where the export's time goes: pyreadstat
   writing our frames, deflating the zip, a bare read of the answers (one SQLite query,
   orjson), and fieldapp's own work (the rest), with the ratio an export doing none of
   its own work would have.
3. Peak memory of exporting M interviews, in a fresh subprocess (``ru_maxrss``), as a
   workbook, a Stata and an SPSS export. Goal: under 400 MB each.

    python benchmarks/export.py            # N = 20,000, M = 100,000 (a few minutes)
    python benchmarks/export.py --quick    # N = 2,000, M = 10,000

Interviews are generated straight into a fresh database (one revision each, through the
store's own schema and hashes), so the benchmark does not depend on ``fieldapp demo``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pyreadstat
from openpyxl import Workbook, load_workbook

from fieldapp.core.export import export_workbook
from fieldapp.core.store import Store, bulk, canonical_json, revision_content_sha256
from fieldapp.core.store.records import InterviewFilter

EN, ES = "label::English (en)", "label::Español (es)"
CITIES = ("Ciudad Juárez", "Monterrey", "Nuevo Laredo", "Tijuana")
SECTORS = ("health", "security", "youth", "business", "faith", "academia")
TRUST = ("1", "2", "3", "4", "5")
WORDS = (
    "la policía municipal",
    "el comité ciudadano",
    "¿quién coordina?",
    "señalamientos de extorsión",
    "reunión mensual con la Guardia Nacional",
    "no hubo acuerdo",
    "mesa de seguridad",
    "niñas y niños en riesgo",
)


def write_form(path: Path) -> Path:
    """Write a demo-like XLSForm: groups, selects, typed answers and a repeat."""
    survey: list[dict[str, Any]] = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "begin_group", "name": "org", EN: "Organisation", ES: "Organización"},
        {"type": "text", "name": "name", EN: "Name", ES: "Nombre", "sensitive": "yes"},
        {"type": "date", "name": "founded", EN: "Founded", ES: "Fundada"},
        {"type": "integer", "name": "staff", EN: "Staff", ES: "Personal"},
        {"type": "decimal", "name": "budget", EN: "Budget", ES: "Presupuesto"},
        {"type": "select_multiple sectors", "name": "sectors", EN: "Sectors", ES: "Sectores"},
        {"type": "end_group"},
    ]
    for number in range(10):
        survey.append(
            {"type": "select_one trust", "name": f"trust_{number}", EN: "Trust", ES: "Confianza"}
        )
    for number in range(5):
        survey.append({"type": "integer", "name": f"count_{number}", EN: "Count", ES: "Número"})
    for number in range(5):
        survey.append({"type": "text", "name": f"comment_{number}", EN: "Comment", ES: "Nota"})
    survey += [
        {"type": "date", "name": "met_on", EN: "Met on", ES: "Reunión"},
        {"type": "time", "name": "met_at", EN: "Met at", ES: "Hora"},
        {"type": "datetime", "name": "agreed", EN: "Agreed", ES: "Acordado"},
        {"type": "begin_repeat", "name": "mechanisms", EN: "Mechanism", ES: "Mecanismo"},
        {"type": "text", "name": "mech_name", EN: "Name", ES: "Nombre"},
        {"type": "integer", "name": "mech_year", EN: "Year", ES: "Año"},
        {"type": "select_one trust", "name": "mech_level", EN: "Level", ES: "Nivel"},
        {"type": "select_multiple sectors", "name": "partners", EN: "Partners", ES: "Socios"},
        {"type": "end_repeat"},
    ]
    choices = [{"list_name": "sectors", "name": s, EN: s, ES: s} for s in SECTORS]
    choices += [{"list_name": "trust", "name": t, EN: t, ES: t} for t in TRUST]
    book = Workbook()
    sheets = [(book.active, "survey", survey), (None, "choices", choices)]
    sheets.append((None, "settings", [{"form_id": "bench", "version": "1"}]))
    for sheet, title, rows in sheets:
        sheet = sheet or book.create_sheet(title)
        sheet.title = title
        columns = list(dict.fromkeys(key for row in rows for key in row))
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
    book.save(path)
    return path


def answers(rng: random.Random, day: int) -> dict[str, Any]:
    date = f"2025-{1 + day % 12:02d}-{1 + day % 28:02d}"
    result: dict[str, Any] = {
        "start": f"{date}T09:{rng.randrange(60):02d}:00.000-07:00",
        "end": f"{date}T10:{rng.randrange(60):02d}:00.000-07:00",
        "org/name": f"Colectivo {rng.randrange(10_000)}",
        "org/founded": f"{rng.randrange(1980, 2024)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
        "org/staff": rng.randrange(1, 300),
        "org/budget": round(rng.uniform(0, 1e6), 2),
        "org/sectors": rng.sample(SECTORS, rng.randrange(1, 4)),
        "met_on": date,
        "met_at": "18:30:00.000-07:00",
        "agreed": f"{date}T18:45:00.000-07:00",
        "mechanisms": [
            {
                "mech_name": rng.choice(WORDS),
                "mech_year": rng.randrange(2000, 2025),
                "mech_level": rng.choice(TRUST),
                "partners": rng.sample(SECTORS, 2),
            }
            for _ in range(rng.randrange(0, 4))
        ],
    }
    for number in range(10):
        result[f"trust_{number}"] = rng.choice(TRUST)
    for number in range(5):
        result[f"count_{number}"] = rng.randrange(100)
        result[f"comment_{number}"] = " ".join(rng.sample(WORDS, 3))
    result["comment_4"] = "-" + result["comment_4"]  # formula-like text, as people type it
    return result


def make_database(folder: Path, interviews: int, seed: int = 1) -> Path:
    """Create a database holding ``interviews`` finalized interviews of the demo-like form."""
    db = folder / f"bench-{interviews}.db"
    rng = random.Random(seed)
    with Store.open(db) as store:
        sha = store.forms.add(write_form(folder / "bench.xlsx")).sha256
        with store.transaction() as conn_db:
            conn = conn_db.conn
            for start in range(0, interviews, 5_000):
                submissions, revisions = [], []
                for number in range(start, min(start + 5_000, interviews)):
                    submission = str(uuid.UUID(int=rng.getrandbits(128)))
                    created = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}T15:00:00+00:00"
                    city = CITIES[number % 4]
                    submissions.append(
                        (submission, "bench", sha, created, "dev", f"int{number % 40}", city, "cso")
                    )
                    row = {
                        "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                        "submission_uuid": submission,
                        "parents": "[]",
                        "device_id": f"laptop-{number % 12}",
                        "author": f"int{number % 40}",
                        "saved_at": created,
                        "state": "finalized",
                        "answers": canonical_json(answers(rng, number)),
                        "sealed": None,
                        "attachments": "{}",
                        "instance_name": None,
                    }
                    row["content_sha256"] = revision_content_sha256(row)
                    revisions.append(tuple(row.values()))
                conn.executemany(
                    "INSERT INTO submissions (uuid, form_id, form_sha256, created_at, created_on,"
                    " interviewer, city, actor_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    submissions,
                )
                conn.executemany(
                    "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, "
                    "saved_at, state, answers, sealed, attachments, instance_name, "
                    "content_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    revisions,
                )
        store.refresh_derived()
    return db


def same_cells(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Return every sheet's rows of an export, to hand the same cells to bare openpyxl."""
    book = load_workbook(path, read_only=True)
    sheets = [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book]
    book.close()
    return sheets


def floor_write(sheets: list[tuple[str, list[tuple[Any, ...]]]], out: Path) -> float:
    # The cells held in memory are the floor's input, not its work: keep the garbage
    # collector from walking them again and again while openpyxl writes.
    gc.collect()
    gc.freeze()
    try:
        began = time.process_time()
        book = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(out)
        return time.process_time() - began
    finally:
        gc.unfreeze()


def same_frames(archive: Path, folder: Path) -> list[tuple[str, Any, Any]]:
    """Return every data file of a Stata or SPSS export as (suffix, data frame, metadata)."""
    frames = []
    with zipfile.ZipFile(archive) as opened:
        for name in opened.namelist():
            suffix = Path(name).suffix
            if suffix not in (".dta", ".sav"):
                continue
            opened.extract(name, folder)
            read = pyreadstat.read_dta if suffix == ".dta" else pyreadstat.read_sav
            frame, meta = read(str(folder / name))
            frames.append((suffix, frame, meta))
    return frames


def floor_stats(frames: list[tuple[str, Any, Any]], folder: Path) -> tuple[float, float]:
    """Time pyreadstat writing the same frames with the same labels, then zipping the files
    as the export delivers them (deflate, level 1): CPU seconds of the files alone, and of
    the files and the zip."""
    gc.collect()
    gc.freeze()
    try:
        began = time.process_time()
        written = []
        for number, (suffix, frame, meta) in enumerate(frames):
            out = folder / f"floor-{number}{suffix}"
            labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
            if suffix == ".dta":
                pyreadstat.write_dta(
                    frame,
                    out,
                    column_labels=labels,
                    version=14,
                    variable_value_labels=meta.variable_value_labels,
                )
            else:
                pyreadstat.write_sav(
                    frame,
                    out,
                    column_labels=labels,
                    variable_value_labels=meta.variable_value_labels,
                )
            written.append(out)
        files = time.process_time() - began
        with zipfile.ZipFile(
            folder / "floor.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
        ) as archive:
            for out in written:
                archive.write(out, out.name)
        return files, time.process_time() - began
    finally:
        gc.unfreeze()


def export_time(db: Path, out: Path) -> Any:
    gc.collect()
    gc.freeze()  # the same treatment of what already exists as the floor gets
    try:
        began = time.process_time()
        result = export_workbook(db, out)
        return time.process_time() - began, result.path
    finally:
        gc.unfreeze()


def best_of_three(work: Callable[[], None]) -> float:
    """Return the least CPU seconds ``work`` took in three runs, with what already exists
    frozen out of the garbage collector's way (as the floors get it)."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.freeze()
        try:
            began = time.process_time()
            work()
            best = min(best, time.process_time() - began)
        finally:
            gc.unfreeze()
    return best


def read_time(db: Path) -> float:
    """Time reading every interview's current answers from the store (CPU seconds, best of
    three): what an export does before it types a cell, and what the floors do not do."""

    def read() -> None:
        with Store.open(db, create=False, readonly=True) as store:
            for _row in bulk.iter_current_rows(store.db.conn, InterviewFilter()):
                pass

    return best_of_three(read)


def bare_read_time(db: Path) -> float:
    """Time the least any export must do to read the answers: one SQLite query of every
    interview's newest head and orjson decoding each (CPU seconds, best of three)."""

    def read() -> None:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            for (blob,) in conn.execute(
                "SELECT CAST(r.answers AS BLOB) FROM listing AS l "
                "JOIN revisions AS r ON r.uuid = l.head_revision"
            ):
                orjson.loads(blob)

    return best_of_three(read)


@contextlib.contextmanager
def libraries_timed() -> Iterator[dict[str, float]]:
    """Count the CPU seconds an export spends in pyreadstat's writers and in zipfile's
    ``write`` (which deflates each data file into the zip) while the block runs."""
    spent = {"pyreadstat": 0.0, "zip": 0.0}
    originals = [
        (pyreadstat, "write_dta", "pyreadstat"),
        (pyreadstat, "write_sav", "pyreadstat"),
        (zipfile.ZipFile, "write", "zip"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in originals]

    def timed(function: Any, part: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - began

        return call

    for (owner, name, part), (_, _, function) in zip(originals, saved, strict=True):
        setattr(owner, name, timed(function, part))
    try:
        yield spent
    finally:
        for owner, name, function in saved:
            setattr(owner, name, function)


def peak_memory_mb(db: Path, out: Path) -> float:
    """Export in a fresh interpreter and return its peak resident memory."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(child.stdout)["peak_mb"])


def child(db: Path, out: Path) -> None:
    export_workbook(db, out)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"peak_mb": peak_kb / 1024}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    ratio_n, memory_n, rounds = (2_000, 10_000, 2) if args.quick else (20_000, 100_000, 3)
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as name:
        folder = Path(name)
        began = time.perf_counter()
        db = make_database(folder, ratio_n)
        print(f"generated {ratio_n:,} interviews in {time.perf_counter() - began:.1f} s")
        ours = floor = float("inf")
        out = folder / "ours.xlsx"
        for _ in range(rounds):
            ours = min(ours, export_time(db, out)[0])
            cells = same_cells(out)
            floor = min(floor, floor_write(cells, folder / "floor.xlsx"))
            del cells
        count = sum(1 for _ in load_workbook(out, read_only=True)["bench"].iter_rows()) - 1
        ratio = ours / floor
        print(
            f"export of {count:,} interviews: {ours:.2f} CPU s; openpyxl write-only, same cells: "
            f"{floor:.2f} CPU s; ratio {ratio:.2f} (goal <= 1.3) "
            f"{'OK' if ratio <= 1.3 else 'OVER'}"
        )
        floors = []
        for suffix in (".dta", ".sav"):
            ours = floor = zipped = float("inf")
            for _ in range(rounds):
                took, written = export_time(db, folder / f"ours{suffix}")
                ours = min(ours, took)
                frames = same_frames(written, folder / f"read{suffix}")
                files, with_zip = floor_stats(frames, folder)
                floor, zipped = min(floor, files), min(zipped, with_zip)
                del frames
            ratio = ours / floor
            print(
                f"{suffix} export of {count:,} interviews: {ours:.2f} CPU s; pyreadstat, same "
                f"data frames: {floor:.2f} CPU s; ratio {ratio:.2f} (goal <= 1.3) "
                f"{'OK' if ratio <= 1.3 else 'OVER'}; with the files zipped as the export "
                f"delivers them ({zipped:.2f} CPU s): {ours / zipped:.2f}"
            )
            floors.append(floor)
            with libraries_timed() as spent:
                export_time(db, folder / f"parts{suffix}")
            bare = bare_read_time(db)
            least = spent["pyreadstat"] + spent["zip"] + bare
            print(
                f"  where it goes: pyreadstat writing our frames {spent['pyreadstat']:.2f}, "
                f"deflating the zip {spent['zip']:.2f}, a bare read of the answers (SQLite, "
                f"orjson) {bare:.2f}; with no work of fieldapp's own the ratio would be "
                f"{least / floor:.2f}, and fieldapp's own work is {ours - least:.2f} CPU s "
                f"({(ours - least) / floor:.2f} of the floor)"
            )
        reading = read_time(db)
        print(
            f"of which reading the interviews from the store (SQLite, JSON): {reading:.2f} CPU s, "
            f"{reading / min(floors):.2f} of the pyreadstat floor"
        )
        big = make_database(folder, memory_n, seed=2)
        peaks = []
        for suffix in (".xlsx", ".dta", ".sav"):
            peak = peak_memory_mb(big, folder / f"big{suffix}")
            peaks.append(f"{suffix} {peak:.0f} MB {'OK' if peak < 400 else 'OVER'}")
        print(f"peak memory exporting {memory_n:,} interviews (goal < 400 MB): {', '.join(peaks)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
