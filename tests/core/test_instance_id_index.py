"""Who carries an instanceID is looked up by an index, in new and upgraded databases alike
(design-notes, *An instanceID claim's leftovers (claims3)*).

The review desk asks, each time it shows ODK Central's copy, which other interview carries
its instanceID. That read every revision's answers (about 70 ms at 6,662 revisions,
seconds at 150,000): the supervisor waited on each copy she picked in the queue.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from central_scenarios import collect_id_claimed

from fieldapp.core.central.copies import CARRIERS, Claim, Found, copies, standing_claims
from fieldapp.core.store import Store

INDEXES = ("revisions_instance_id", "events_envelope_instance_id")


def _plans(store: Store, statements: list[str]) -> list[str]:
    """Return each line of SQLite's plan for the queries traced (not the pragmas)."""
    lines = []
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            lines += [str(row[3]) for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return lines


def _asked_of_the_copy(store: Store, copy: str) -> tuple[tuple[Claim, ...], list[str]]:
    """Ask the claim as the desk does on Central's copy; return it and the plans it ran."""
    traced: list[str] = []
    store.conn.set_trace_callback(traced.append)
    try:
        claims = standing_claims(store, copy)
    finally:
        store.conn.set_trace_callback(None)
    return claims, _plans(store, traced)


def _reads_every_revision(plan: list[str]) -> bool:
    return any(line.startswith("SCAN") and "revisions" in line for line in plan)


def test_the_desk_finds_who_carries_the_copys_id_without_reading_every_revision(
    tmp_path: Path,
) -> None:
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    with Store.open(path) as supervisor:
        claims, plan = _asked_of_the_copy(supervisor, copy)
        assert claims == (Claim(collect_id, copy, mallory),)
        assert not _reads_every_revision(plan), plan
        carriers = [
            str(row[3])
            for row in supervisor.conn.execute(
                f"EXPLAIN QUERY PLAN {CARRIERS}", [collect_id, collect_id, "x"]
            )
        ]
        for index in INDEXES:
            assert any(f"USING INDEX {index} (<expr>=?)" in line for line in carriers), carriers


def test_a_database_from_before_the_indexes_gets_them_when_it_opens(tmp_path: Path) -> None:
    """A supervisor's file of the previous fieldapp: read as it is by a command that only
    reads (the claim still found, by reading the rows), given the indexes by the app."""
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm021_instance_id_indexes'")
        for index in INDEXES:
            conn.execute(f"DROP INDEX {index}")
    conn.close()
    claim = Claim(collect_id, copy, mallory)
    with Store.open_to_read(path) as earlier:  # `fieldapp check`, `review list`: no upgrade
        claims, plan = _asked_of_the_copy(earlier, copy)
        assert claims == (claim,)
        assert _reads_every_revision(plan), plan  # without the index: every answer read
    with Store.open(path) as upgraded:
        names = {row[0] for row in upgraded.conn.execute("SELECT name FROM sqlite_master")}
        assert set(INDEXES) <= names
        claims, plan = _asked_of_the_copy(upgraded, copy)
        assert claims == (claim,)
        assert not _reads_every_revision(plan), plan


def test_a_malformed_answer_is_left_out_of_the_index_not_refused(tmp_path: Path) -> None:
    """An index on the answers' instanceID must not make a row with broken JSON (a
    forged package's, which `fieldapp check` lists and sets aside) impossible to write,
    nor the upgrade of a file holding one fail."""
    path = tmp_path / "field.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)  # as a hostile writer would, past the store's rules
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm021_instance_id_indexes'")
        for index in INDEXES:
            conn.execute(f"DROP INDEX {index}")
        conn.execute(
            "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, "
            "saved_at, state, answers, attachments, content_sha256) "
            "VALUES ('r1', 's1', '[]', 'd', 'a', '2026', 'finalized', '{not json', '{}', 'h')"
        )
    conn.close()
    with Store.open(path) as store:  # upgraded: the indexes made over the broken row
        names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
        assert set(INDEXES) <= names
        store.conn.execute("PRAGMA foreign_keys = OFF")
        store.conn.execute(
            "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, "
            "saved_at, state, answers, attachments, content_sha256) "
            "VALUES ('r2', 's1', '[]', 'd', 'a', '2026', 'finalized', '[1', '{}', 'h')"
        )
        found = store.conn.execute(CARRIERS, ["uuid:x", "uuid:x", "r1"]).fetchall()
        assert found == [("s1",)]  # by the revision's name; the broken answers skipped


def _traced(store: Store, ask: Callable[[], object]) -> tuple[object, list[str]]:
    """Run ``ask``; return what it returned and the plan lines of each query reading
    revisions' answers it ran (a query naming no answers reads none)."""
    traced: list[str] = []
    store.conn.set_trace_callback(traced.append)
    try:
        found = ask()
    finally:
        store.conn.set_trace_callback(None)
    return found, _plans(store, [sql for sql in traced if "answers" in sql])


def _parses_every_answer(plan: list[str]) -> bool:
    """A plan that reads the revisions' table whole (a scan not of the instanceID index)."""
    return any(
        line.startswith("SCAN")
        and "revisions" in line
        and "USING INDEX revisions_instance_id" not in line
        for line in plan
    )


def test_check_finds_every_claim_from_the_index_not_every_answer(tmp_path: Path) -> None:
    """`fieldapp check` asks for every claim of the database: the instanceIDs two
    interviews carry are read from the index (one scan of it, no answers parsed), not from
    each revision's answers (claims4)."""
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    with Store.open(path) as supervisor:
        claims, plan = _traced(supervisor, lambda: standing_claims(supervisor))
        assert claims == (Claim(collect_id, copy, mallory),)
        assert any("USING INDEX revisions_instance_id" in line for line in plan), plan
        assert any("USING INDEX events_envelope_instance_id" in line for line in plan), plan
        assert not _parses_every_answer(plan), plan


def test_a_merges_new_copy_finds_who_carries_its_id_by_the_index(tmp_path: Path) -> None:
    """A pull or a package bringing Central's copy looks up, by key, who else holds its
    instanceID, instead of parsing every revision's answers for each merge (claims4)."""
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    with Store.open(path) as supervisor:
        traced: list[str] = []
        supervisor.conn.set_trace_callback(traced.append)
        try:
            found = copies(supervisor, [copy])  # as if the copy had just come in
        finally:
            supervisor.conn.set_trace_callback(None)
        assert found == Found(claims=(Claim(collect_id, copy, mallory),))
        # The new copies' table is dropped once asked: made again, as `copies` makes it,
        # to have SQLite say how it reads the queries naming it.
        supervisor.conn.execute(
            "CREATE TEMP TABLE copies_new (instance_id TEXT PRIMARY KEY, uuid TEXT)"
        )
        plan = _plans(supervisor, [sql for sql in traced if "answers" in sql])
        for index in INDEXES:
            assert any(f"USING INDEX {index} (<expr>=?)" in line for line in plan), plan
        assert not _parses_every_answer(plan), plan


def test_check_says_the_claims_though_a_revisions_answers_are_broken(tmp_path: Path) -> None:
    """A forged row with broken JSON answers (which `fieldapp check` lists) must not stop
    the whole-database pass that finds the claims in other interviews: it failed with
    SQLite's "malformed JSON", a traceback for `fieldapp check` (claims4)."""
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    conn = sqlite3.connect(path)  # as a hostile writer would, past the store's rules
    with conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(
            "INSERT INTO revisions (uuid, submission_uuid, parents, device_id, author, "
            "saved_at, state, answers, attachments, content_sha256) "
            "VALUES ('r1', 's1', '[]', 'd', 'a', '2026', 'finalized', '{not json', '{}', 'h')"
        )
    conn.close()
    with Store.open_to_read(path) as supervisor:
        assert standing_claims(supervisor) == (Claim(collect_id, copy, mallory),)
