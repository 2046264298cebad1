"""Revisions are immutable; heads, conflicts and the listing follow from them."""

from __future__ import annotations

import random
import sqlite3
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.core.forms.model import Form, Group
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import (
    InterviewFilter,
    Store,
    SubmissionId,
    canonical_json,
    form_sha256,
    revision_content_sha256,
)
from fieldapp.core.store.database import open_database

FORM_SHA = form_sha256(b"workbook bytes", {})


@pytest.fixture
def store(store: Store) -> Store:
    """The empty store (tests/core/conftest.py) holding one form row."""
    store.db.conn.execute(
        "INSERT INTO forms VALUES (?, 'actors', '2026', 'Actores', 'actors.xlsx', ?, ?)",
        [FORM_SHA, b"workbook bytes", "2026-05-01T00:00:00.000000+00:00"],
    )
    store.db.conn.commit()
    # The workbook bytes above are a stand-in: give the store the parsed form directly.
    store.forms._loaded[FORM_SHA] = Form(
        form_id="actors",
        title="Actores",
        version="2026",
        root=Group(name="data", key="", path="/data", row=0),
        languages=("default",),
        default_language="default",
        choice_lists={},
    )
    return store


def _submission(store: Store, city: str = "Tijuana", at: str = "2026-05-03") -> SubmissionId:
    """Copy a submission in as merge does: raw rows, then ``refresh_derived``."""
    sid = str(uuid.uuid4())
    store.db.conn.execute(
        "INSERT INTO submissions VALUES (?, 'actors', ?, ?, 'dev-1', 'ana', ?, 'csos')",
        [sid, FORM_SHA, f"{at}T10:00:00.000000+00:00", city],
    )
    store.db.conn.commit()
    return SubmissionId(sid)


def _revision(
    store: Store,
    sid: str,
    parents: list[str],
    answers: dict[str, object],
    *,
    saved_at: str,
    state: str = "draft",
    name: str | None = None,
    revision_id: str | None = None,
    device_id: str = "dev-1",
) -> str:
    """Insert a revision row directly (no store operation), then refresh the heads."""
    row: dict[str, object] = {
        "uuid": revision_id or str(uuid.uuid4()),
        "submission_uuid": sid,
        "parents": canonical_json(sorted(parents)),
        "device_id": device_id,
        "author": "ana",
        "saved_at": saved_at,
        "state": state,
        "answers": canonical_json(answers),
        "sealed": None,
        "attachments": "{}",
        "instance_name": name,
    }
    row["content_sha256"] = revision_content_sha256(row)
    store.db.conn.execute(
        f"INSERT INTO revisions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    store.db.conn.commit()
    store.refresh_derived([sid])
    return str(row["uuid"])


def test_a_chain_of_revisions_has_one_head_the_newest(store: Store) -> None:
    sid = _submission(store)
    first = _revision(store, sid, [], {"q": 1}, saved_at="2026-05-03T10:00:00")
    second = _revision(store, sid, [first], {"q": 2}, saved_at="2026-05-03T11:00:00")
    assert [h.revision_id for h in store.interviews.heads(sid)] == [second]
    assert [r.revision_id for r in store.interviews.history(sid)] == [first, second]
    assert store.interviews.working_answers(sid) == {"q": 2}
    assert store.interviews.conflicts() == []


def test_edits_on_two_laptops_are_a_conflict_until_resolved(store: Store) -> None:
    sid = _submission(store)
    base = _revision(store, sid, [], {"q": 1}, saved_at="2026-05-03T10:00:00")
    mine = _revision(store, sid, [base], {"q": 2}, saved_at="2026-05-03T11:00:00")
    theirs = _revision(store, sid, [base], {"q": 3}, saved_at="2026-05-03T12:00:00")
    assert {h.revision_id for h in store.interviews.heads(sid)} == {mine, theirs}
    assert store.interviews.conflicts() == [sid]
    (row,) = store.interviews.page()
    assert row.has_conflict and row.head_revision == theirs
    assert store.interviews.page(InterviewFilter(conflicts_only=True)) == [row]
    with pytest.raises(FieldappError) as caught:
        store.interviews.reopen(sid)
    assert caught.value.code == "store.conflict_unresolved"

    resolved = store.interviews.resolve_conflict(
        sid, {"q": 2}, author="supervisor", choices={"q": mine}
    )
    (head,) = store.interviews.heads(sid)
    assert head.revision_id == resolved
    assert set(head.parents) == {mine, theirs}
    assert head.answers == {"q": 2}
    assert store.interviews.conflicts() == []
    (event,) = store.events.of(sid)
    assert event.kind == "conflict_resolved" and event.payload["choices"] == {"q": mine}


def test_a_revision_cannot_be_changed_or_deleted(store: Store) -> None:
    sid = _submission(store)
    rid = _revision(store, sid, [], {"q": "dicho"}, saved_at="2026-05-03T10:00:00")
    before = store.interviews.history(sid)
    for statement in (
        'UPDATE revisions SET answers = \'{"q": "otro"}\' WHERE uuid = ?',
        "DELETE FROM revisions WHERE uuid = ?",
        "INSERT OR REPLACE INTO revisions SELECT * FROM revisions WHERE uuid = ?",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            store.db.conn.execute(statement, [rid])
        store.db.conn.rollback()
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        store.db.conn.execute("DELETE FROM submissions WHERE uuid = ?", [sid])
    store.db.conn.rollback()
    assert store.interviews.history(sid) == before


def test_the_content_hash_exposes_a_tampered_copy(store: Store) -> None:
    sid = _submission(store)
    _revision(store, sid, [], {"q": "dicho"}, saved_at="2026-05-03T10:00:00")
    cursor = store.db.conn.execute("SELECT * FROM revisions")
    columns = [d[0] for d in cursor.description]
    row = dict(zip(columns, cursor.fetchone(), strict=True))
    assert revision_content_sha256(row) == row["content_sha256"]
    assert revision_content_sha256({**row, "answers": '{"q":"otro"}'}) != row["content_sha256"]
    assert revision_content_sha256({**row, "state": "approved"}) != row["content_sha256"]


def test_autosave_keeps_answers_until_saved_and_survives_reopening(
    store: Store, tmp_path: Path
) -> None:
    sid = _submission(store)
    _revision(store, sid, [], {"q": 1}, saved_at="2026-05-03T10:00:00")
    store.interviews.autosave(sid, {"q": 1, "nota": "¿Quién cobra la cuota?"})
    (row,) = store.interviews.page()
    assert row.has_unsaved_changes
    store.close()
    with Store.open(tmp_path / "field.db") as again:
        assert again.interviews.working_answers(sid) == {"q": 1, "nota": "¿Quién cobra la cuota?"}


def test_autosave_of_an_unknown_interview_says_so(store: Store) -> None:
    with pytest.raises(FieldappError) as caught:
        store.interviews.autosave(SubmissionId("no-such-id"), {"q": 1})
    assert caught.value.code == "store.unknown_submission"


def test_listing_filters_and_sorts(store: Store) -> None:
    for city, day, name in (
        ("Tijuana", "2026-05-01", "Casa de la Mujer"),
        ("Monterrey", "2026-05-02", "Consejo Cívico"),
        ("Tijuana", "2026-05-03", "Comité 100%"),
    ):
        sid = _submission(store, city=city, at=day)
        _revision(store, sid, [], {}, saved_at=f"{day}T12:00:00", name=name)
    assert store.interviews.count() == 3
    assert store.interviews.count(InterviewFilter(city="Tijuana")) == 2
    names = [r.instance_name for r in store.interviews.page(sort="created_at", descending=False)]
    assert names == ["Casa de la Mujer", "Consejo Cívico", "Comité 100%"]
    import datetime as dt

    window = InterviewFilter(date_from=dt.date(2026, 5, 2), date_to=dt.date(2026, 5, 3))
    assert {r.city for r in store.interviews.page(window)} == {"Monterrey", "Tijuana"}
    assert store.interviews.count(window) == 2
    assert [r.instance_name for r in store.interviews.page(InterviewFilter(text="100%"))] == [
        "Comité 100%"
    ]
    assert store.interviews.count(InterviewFilter(text="consejo")) == 1
    assert len(store.interviews.page(limit=2, offset=2)) == 1
    with pytest.raises(FieldappError) as caught:
        store.interviews.page(sort="answers; DROP TABLE revisions")
    assert caught.value.code == "store.bad_sort"


def test_attachments_are_stored_by_content(store: Store) -> None:
    photo = bytes(range(256)) * 100
    sha = store.attachments.add(photo)
    assert store.attachments.add(photo) == sha
    assert store.attachments.get(sha) == photo
    with pytest.raises(FieldappError) as caught:
        store.attachments.get("0" * 64)
    assert caught.value.code == "store.unknown_attachment"


def test_refresh_derived_rebuilds_the_listing_from_the_revisions(store: Store) -> None:
    sid = _submission(store)
    _revision(store, sid, [], {"q": 1}, saved_at="2026-05-03T10:00:00", name="uno")
    before = store.interviews.page()
    store.db.conn.execute("DELETE FROM listing")
    store.db.conn.execute("DELETE FROM heads")
    store.db.conn.commit()
    assert store.interviews.page() == []
    store.refresh_derived()
    assert store.interviews.page() == before


def test_a_second_store_reads_while_the_first_writes(store: Store, tmp_path: Path) -> None:
    """The app lists and exports from a second connection while the interview autosaves."""
    sid = _submission(store)
    _revision(store, sid, [], {"q": 0}, saved_at="2026-05-03T10:00:00")
    with Store(open_database(tmp_path / "field.db", timeout=1)) as reader:
        stream = reader.interviews.iter_current()
        for n in range(1, 20):
            store.interviews.autosave(sid, {"q": n})
        assert [c.answers for c in stream] == [{"q": 0}], "a reader sees one consistent state"
        assert reader.interviews.working_answers(sid) == {"q": 19}
        assert reader.check_integrity() == []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parents=st.lists(st.lists(st.integers(min_value=0, max_value=30), max_size=3), max_size=12),
    order=st.randoms(use_true_random=False),
)
def test_heads_are_the_revisions_no_other_names_as_parent(
    store: Store, parents: list[list[int]], order: random.Random
) -> None:
    """Whatever order a merge copies a history in, the heads come out the same."""
    sid = _submission(store)
    ids = [str(uuid.uuid4()) for _ in parents]
    graph = {ids[i]: sorted({ids[p % i] for p in ps}) if i else [] for i, ps in enumerate(parents)}
    arrival = list(graph)
    order.shuffle(arrival)
    for n, rid in enumerate(arrival):
        saved_at = f"2026-05-03T10:{n:02d}:00"
        _revision(store, sid, graph[rid], {}, saved_at=saved_at, revision_id=rid, device_id="dev-2")
    named = {p for ps in graph.values() for p in ps}
    expected = set(graph) - named
    assert {h.revision_id for h in store.interviews.heads(sid)} == expected
    assert (sid in store.interviews.conflicts()) == (len(expected) > 1)


def test_a_full_disk_keeps_the_last_saved_answers_and_says_so(store: Store) -> None:
    sid = _submission(store)
    _revision(store, sid, [], {"q": 0}, saved_at="2026-05-03T10:00:00")
    store.interviews.autosave(sid, {"q": 1})
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
    with pytest.raises(FieldappError) as caught:
        store.interviews.autosave(sid, {"q": 2, "nota": "x" * 100_000})
    assert caught.value.code == "store.write_failed"
    assert "disk space" in caught.value.text("en")
    assert store.interviews.working_answers(sid) == {"q": 1}


def test_history_puts_a_revision_after_its_parent_even_when_clocks_disagree(
    store: Store,
) -> None:
    sid = _submission(store)
    first = _revision(store, sid, [], {"q": 1}, saved_at="2026-05-03T10:00:00")
    # Edited on a laptop whose clock is a day behind.
    second = _revision(store, sid, [first], {"q": 2}, saved_at="2026-05-02T10:00:00")
    third = _revision(store, sid, [second], {"q": 3}, saved_at="2026-05-02T11:00:00")
    assert [r.revision_id for r in store.interviews.history(sid)] == [first, second, third]
