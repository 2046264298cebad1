"""The export's bulk read agrees with the store's per-record read, interview by interview."""

from __future__ import annotations

from pathlib import Path

from merge_devices import Device

from fieldapp.core.store import bulk, queries
from fieldapp.core.store.records import InterviewFilter


def test_bulk_rows_are_the_records_heads_in_the_same_order(tmp_path: Path) -> None:
    laptop = Device(tmp_path / "laptop.db", "TJ01")
    try:
        sha = laptop.add_form()
        plain = laptop.create(sha, "Tijuana", {"name": "Colectivo Ñandú", "years": 3})
        laptop.finalize(plain)
        draft = laptop.create(sha, "Monterrey", {"name": "Sólo borrador"})
        forked = laptop.create(sha, "Tijuana", {"name": "Mesa"})
        base = laptop.finalize(forked)
        for years in (1, 2):  # two laptops edited the same version apart: two heads
            laptop._revision(forked, (base,), "draft", {"name": "Mesa", "years": years})
        returned = laptop.create(sha, "Nuevo Laredo", {"name": "Red", "years": 9})
        laptop.finalize(returned)
        laptop.review(returned, "returned", "falta la sección 3")
        laptop.seal(plain, b"secreto")
        conn = laptop.store.db.conn
        for filters in (
            InterviewFilter(),
            InterviewFilter(form_id="civil_society", state="finalized"),
            InterviewFilter(city="Tijuana"),
        ):
            records = list(queries.iter_current(conn, filters))
            rows = list(bulk.iter_current_rows(conn, filters))
            assert [r.submission_id for r in rows] == [c.submission.submission_id for c in records]
            for row, current in zip(rows, records, strict=True):
                head, submission = current.revision, current.submission
                assert row.head_revision == head.revision_id
                assert (row.form_sha256, row.interviewer, row.city, row.actor_type) == (
                    submission.form_sha256,
                    submission.interviewer,
                    submission.city,
                    submission.actor_type,
                )
                assert (row.device_id, row.saved_at, row.state, row.created_at) == (
                    head.device_id,
                    head.saved_at,
                    head.state,
                    submission.created_at,
                )
                assert row.answers == head.answers, "decoded alike, accents and all"
                assert row.sealed == (head.sealed is not None)
                assert row.has_conflict == current.has_conflict
        everything = {r.submission_id: r for r in bulk.iter_current_rows(conn, InterviewFilter())}
        assert everything[forked].has_conflict and not everything[plain].has_conflict
        assert everything[draft].state == "draft"
        sealed = [r for r in everything.values() if r.sealed]
        assert len(sealed) == 1 and sealed[0].answers is None, "the store opens it, not bulk"
        decisions = bulk.last_decisions(conn, "civil_society", ("approved", "returned"))
        assert decisions[returned][0] == "returned"
        assert decisions[returned][1]["comment"] == "falta la sección 3"
    finally:
        laptop.close()


def test_the_count_and_the_first_ends_agree_with_the_per_interview_answers(
    tmp_path: Path,
) -> None:
    """One count for every city and state asked, and the ``end`` an interview had when it
    was first finalized only where a later revision replaced it."""
    laptop = Device(tmp_path / "laptop.db", "TJ01")
    try:
        sha = laptop.add_form()
        once = laptop.create(sha, "Tijuana", {"name": "Una vez", "end": "2026-01-01T10:00:00"})
        laptop.finalize(once)
        corrected = laptop.create(sha, "Monterrey", {"name": "Dos", "end": "2026-01-02T11:00:00"})
        laptop.finalize(corrected)
        laptop.reopen(corrected)
        laptop.edit(corrected, {"end": "2026-01-05T08:00:00"})
        laptop.finalize(corrected)
        laptop.create(sha, "Tijuana", {"name": "Borrador"})
        conn = laptop.store.db.conn
        ends = bulk.first_finalized_ends(conn, sha, "end")
        assert ends == {corrected: "2026-01-02T11:00:00"}, "the first finalizing's end"
        every = InterviewFilter(form_id="civil_society")
        cities, states = ("Tijuana", "Monterrey"), ("finalized", "draft")
        pairs = [InterviewFilter("civil_society", c, state=s) for c in cities for s in states]
        separately = sum(queries.count_interviews(conn, f) for f in pairs)
        assert queries.count_interviews(conn, every, cities, states) == separately == 3
        assert queries.count_interviews(conn, every, (), ("finalized",)) == 2
        assert queries.count_interviews(conn, every, ("Monterrey",)) == 1
        assert queries.count_interviews(conn, InterviewFilter(form_id="other")) == 0
    finally:
        laptop.close()
