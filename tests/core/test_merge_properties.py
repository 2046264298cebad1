"""Merging is a union: idempotent, commutative, associative, lossless, over random histories.

Each example runs random field work on three laptops (create, edit, finalize, reopen,
attach, review, comment, and laptops meeting each other: a merge between them, so later
edits on both are concurrent), then merges the laptops into supervisors' databases in
different orders and groupings and compares what they hold.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_devices import (
    CITIES,
    Device,
    canonical_dump,
    file_checksum,
    revisions_of,
)

from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package

DEVICES = 3
KINDS = ("create", "edit", "finalize", "reopen", "attach", "review", "comment", "seal", "meet")

operation = st.tuples(
    st.integers(0, DEVICES - 1),
    st.sampled_from(KINDS),
    st.integers(0, 50),
    st.text(alphabet="abcñé¿ 🙂", max_size=6),
)


def _run(devices: list[Device], form: str, ops: list[tuple[int, str, int, str]]) -> None:
    for index, kind, target, text in ops:
        device = devices[index]
        if kind == "create" or not device.submissions():
            device.create(form, CITIES[target % len(CITIES)], {"name": text})
            continue
        sid = device.submissions()[target % len(device.submissions())]
        if kind == "edit":
            device.edit(sid, {"name": text, "years": target})
        elif kind == "finalize":
            device.finalize(sid)
        elif kind == "reopen":
            device.reopen(sid)
        elif kind == "attach":
            device.attach(sid, text.encode("utf-8") * 3 + bytes([target]))
        elif kind == "review":
            device.review(sid, "approved" if target % 2 else "returned", text)
        elif kind == "seal":
            device.seal(sid, text.encode("utf-8") + bytes([target]))
        elif kind == "comment":
            device.store.events.add(sid, "comment", {"comment": text}, author=device.name)
        elif kind == "meet":
            other = devices[(index + 1 + target % (DEVICES - 1)) % DEVICES]
            merge_database(device.store, other.path)


def _supervisor(folder: Path, name: str, sources: list[Path]) -> Device:
    supervisor = Device(folder / f"{name}.db", name)
    for source in sources:
        merge_database(supervisor.store, source)
    return supervisor


def _derived(path: Path) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Return the heads and the listing rows: what the interview list and conflicts show."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (
            set(conn.execute("SELECT * FROM heads")),
            set(conn.execute("SELECT * FROM listing")),
        )
    finally:
        conn.close()


@pytest.mark.slow
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=st.lists(operation, min_size=1, max_size=25))
def test_merging_devices_in_any_order_gives_the_same_lossless_union(
    ops: list[tuple[int, str, int, str]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        devices = [Device(folder / f"laptop{i}.db", f"laptop{i}") for i in range(DEVICES)]
        form = devices[0].add_form()
        for device in devices[1:]:
            device.add_form()
        _run(devices, form, ops)
        paths = [device.path for device in devices]

        first = _supervisor(folder, "first", paths)
        reversed_order = _supervisor(folder, "reversed", [paths[2], paths[0], paths[1]])
        # Associativity: laptops 1 and 2 meet first (through a package), then laptop 0.
        write_package(devices[1].store, folder / "pair.fieldapp")
        pair = Device(folder / "pair.fieldapp", "pair")
        merge_database(pair.store, paths[2])
        grouped = _supervisor(folder, "grouped", [paths[0], pair.path])

        dump = canonical_dump(first.path)
        assert canonical_dump(reversed_order.path) == dump
        assert canonical_dump(grouped.path) == dump

        # Lossless: every revision of every laptop, every column, byte for byte, and
        # every form, attachment, interview and event.
        merged = revisions_of(first.path)
        for path in paths:
            assert revisions_of(path) <= merged
            laptop = canonical_dump(path)
            for table, rows in laptop.items():
                assert set(rows) <= set(dump[table]), table

        # Idempotent: merging a laptop again brings nothing and changes nothing.
        before = file_checksum(first.path)
        again = merge_database(first.store, paths[1])
        assert again.nothing_new and again.conflicts == ()
        assert file_checksum(first.path) == before

        # The heads and listing the merges maintained are what a full recomputation finds.
        for device in (first, pair, devices[0]):
            derived = _derived(device.path)
            device.store.refresh_derived()
            assert _derived(device.path) == derived
            heads = derived[0]
            conn = sqlite3.connect(f"file:{device.path}?mode=ro", uri=True)
            shown = conn.execute(
                "SELECT submission_uuid, head_count, head_revision FROM listing"
            ).fetchall()
            # Every interview is listed once, with its number of heads and a head shown.
            assert {sid: count for sid, count, _ in shown} == Counter(s for s, _ in heads)
            assert {(sid, head) for sid, _, head in shown} <= heads
            conn.close()
        for device in (*devices, first, reversed_order, pair, grouped):
            device.close()
