"""Autosave and listing speed, as ratios to bare SQLite measured in the same run.

1. One answer change: ``Session.set_answer`` + ``store.interviews.autosave`` (with the place
   typed in, as the window saves it) against one bare
   sqlite3 UPSERT + COMMIT of the same JSON, both WAL with ``synchronous=FULL``
   (goal: at most 3).
2. The first page (100 rows) of 100,000 interviews, newest first, through
   ``store.interviews.page`` against the raw query on the same table (goal: at most 2).

Run: ``.venv/bin/python benchmarks/autosave.py [--interviews N] [--changes N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fieldapp.core.forms.engine import Session  # noqa: E402
from fieldapp.core.forms.model import Group, Question, QuestionType, Repeat  # noqa: E402
from fieldapp.core.place import Place  # noqa: E402
from fieldapp.core.store import (  # noqa: E402
    Store,
    canonical_json,
    revision_content_sha256,
)

FORM = REPO / "fieldapp" / "study_forms" / "cso.xlsx"
CITIES = ("Ciudad Juárez", "Monterrey", "Nuevo Laredo", "Tijuana")


def _medians(
    ours: Callable[[int], object], floor: Callable[[int], object], repeats: int
) -> tuple[float, float]:
    """Time both alternately, so a busy disk or CPU weighs on each the same."""
    ours_times, floor_times = [], []
    for i in range(repeats):
        for action, times in ((ours, ours_times), (floor, floor_times)):
            started = time.perf_counter()
            action(i)
            times.append(time.perf_counter() - started)
    return statistics.median(ours_times), statistics.median(floor_times)


def autosave_ratio(folder: Path, changes: int) -> tuple[float, float, float]:
    store = Store.open(folder / "autosave.db")
    record = store.forms.add(FORM)
    form = store.forms.load(record.sha256)
    sid = store.interviews.start(record.sha256, interviewer="ana", city="Tijuana", actor_type="cso")
    session = Session(form, store.interviews.working_answers(sid), device_id=store.device_id)
    text_questions = [(q.key,) for q in _outside_repeats(form.root) if q.type is QuestionType.TEXT]
    if not text_questions:
        raise SystemExit(f"{FORM} has no text question outside a repeat to type into")
    ref = text_questions[0]

    def ours(i: int) -> None:
        typed = f"Respuesta número {i}: la organización trabaja con la policía"
        session.set_answer(ref, typed)
        # as the window saves it: with where the researcher is typing (``core.place``)
        store.interviews.autosave(sid, session.answers(), place=Place(ref, len(typed)))

    payload = canonical_json(session.answers())  # the floor writes the answers alone
    floor_db = sqlite3.connect(folder / "floor.db")
    floor_db.execute("PRAGMA journal_mode=WAL")
    floor_db.execute("PRAGMA synchronous=FULL")
    floor_db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, answers TEXT, updated_at TEXT)")
    floor_db.commit()

    def floor(i: int) -> None:
        floor_db.execute(
            "INSERT INTO t VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "answers = excluded.answers, updated_at = excluded.updated_at",
            [sid, payload.replace("0", str(i % 10)), str(i)],
        )
        floor_db.commit()

    ours(0)
    floor(0)
    ours_s, floor_s = _medians(ours, floor, changes)
    store.close()
    floor_db.close()
    return ours_s / floor_s, ours_s, floor_s


def _outside_repeats(group: Group) -> Iterator[Question]:
    for child in group.children:
        if isinstance(child, Question):
            yield child
        elif isinstance(child, Group) and not isinstance(child, Repeat):
            yield from _outside_repeats(child)


def fill_interviews(store: Store, count: int) -> None:
    """Bulk-insert ``count`` interviews as raw rows (as merge would), then derive."""
    rng = random.Random(7)
    sha = store.forms.add(FORM).sha256
    conn = store.db.conn
    submissions = []
    revisions = []
    for i in range(count):
        sid = str(uuid.uuid4())
        day = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        created = f"{day}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00.000000+00:00"
        city = rng.choice(CITIES)
        submissions.append((sid, "cso", sha, created, "dev", f"int{i % 40}", city, "cso"))
        row: dict[str, object] = {
            "uuid": str(uuid.uuid4()),
            "submission_uuid": sid,
            "parents": "[]",
            "device_id": "dev",
            "author": f"int{i % 40}",
            "saved_at": created,
            "state": rng.choice(("draft", "finalized")),
            "answers": json.dumps({"org": f"Organización {i}", "members": i % 300}),
            "sealed": None,
            "attachments": "{}",
            "instance_name": f"Organización {i} — {city}",
        }
        row["content_sha256"] = revision_content_sha256(row)
        revisions.append(tuple(row.values()))
    with store.transaction():
        conn.executemany("INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", submissions)
        conn.executemany(
            "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, "
            "saved_at, state, answers, sealed, attachments, instance_name, content_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            revisions,
        )
    store.refresh_derived()


def listing_ratio(folder: Path, count: int, repeats: int) -> tuple[float, float, float, float]:
    path = folder / "listing.db"
    store = Store.open(path)
    started = time.perf_counter()
    fill_interviews(store, count)
    fill_s = time.perf_counter() - started
    assert store.interviews.count() == count

    def ours(_: int) -> None:
        rows = store.interviews.page(limit=100)
        assert len(rows) == 100

    raw = sqlite3.connect(path)

    def floor(_: int) -> None:
        rows = raw.execute("SELECT * FROM listing ORDER BY last_saved DESC LIMIT 100").fetchall()
        assert len(rows) == 100

    ours(0)
    floor(0)
    ours_s, floor_s = _medians(ours, floor, repeats)
    store.close()
    raw.close()
    return ours_s / floor_s, ours_s, floor_s, fill_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ratio, ours_s, floor_s = autosave_ratio(Path(folder), args.changes)
        verdict = "ok" if ratio <= 3 else "OVER GOAL"
        print(
            f"answer change + autosave: {ours_s * 1e3:.3f} ms vs bare UPSERT+COMMIT "
            f"{floor_s * 1e3:.3f} ms -> ratio {ratio:.2f} (goal <= 3: {verdict})"
        )
        ratio, ours_s, floor_s, fill_s = listing_ratio(Path(folder), args.interviews, 50)
        verdict = "ok" if ratio <= 2 else "OVER GOAL"
        print(
            f"first page of {args.interviews:,} interviews: {ours_s * 1e3:.3f} ms vs raw query "
            f"{floor_s * 1e3:.3f} ms -> ratio {ratio:.2f} (goal <= 2: {verdict}); "
            f"bulk fill + derive took {fill_s:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
