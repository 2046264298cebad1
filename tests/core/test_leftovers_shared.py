"""A folder shared by several laptops: one laptop's package never deletes another's.

Each run sweeps the partial files killed runs left beside its target, judging a run by its
process id. In a folder two laptops share (a network share, a synced folder), the other
laptop's process id means nothing here: before partial files named their computer, a
package written on laptop A deleted the file laptop B was still writing, and B's package
failed. A partial file now carries a token of its computer; another computer's is swept
only once a day old, this computer's as before.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest
from lock_children import NOT_RUNNING

from fieldapp.core import leftovers
from fieldapp.core.package import write_package
from fieldapp.core.store import Store


def _other_laptops(folder: Path, name: str, pid: int = NOT_RUNNING) -> Path:
    """A partial file as laptop B's run writes it into the shared folder."""
    other = "0123456789ab" if leftovers.machine_token() != "0123456789ab" else "ba9876543210"
    partial = folder / f".{name}.{other}-{pid}-{'c' * 32}.partial"
    partial.write_bytes(b"laptop B's package, half written")
    return partial


def test_another_laptops_package_in_a_shared_folder_is_left_to_finish(
    store: Store, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    theirs = _other_laptops(shared, "TJ02.fieldapp")
    write_package(store, shared / "TJ01.fieldapp")
    assert theirs.read_bytes() == b"laptop B's package, half written"
    assert (shared / "TJ01.fieldapp").is_file()
    assert leftovers.sweep(shared) == []


def test_another_laptops_leftover_is_swept_once_a_day_old(tmp_path: Path) -> None:
    theirs = _other_laptops(tmp_path, "TJ02.fieldapp")
    journal = theirs.with_name(theirs.name + "-journal")
    journal.write_bytes(b"")
    day_ago = time.time() - 24 * 3600 - 60
    os.utime(theirs, (day_ago, day_ago))
    assert leftovers.sweep(tmp_path) == [theirs]
    assert journal.exists(), "its journal was written a moment ago: kept for now"


def test_this_computers_killed_run_is_swept_at_once_and_a_running_one_kept(
    tmp_path: Path,
) -> None:
    running = leftovers.partial_path(tmp_path / "TJ01.fieldapp")
    killed = running.with_name(
        f".TJ01.fieldapp.{leftovers.machine_token()}-{NOT_RUNNING}-{'d' * 32}.partial"
    )
    killed.write_bytes(b"")
    older = tmp_path / f".TJ01.fieldapp.{NOT_RUNNING}-{'e' * 32}.partial"  # before tokens
    older.write_bytes(b"")
    assert sorted(leftovers.sweep(tmp_path)) == sorted([killed, older])
    assert running.exists()


def test_the_token_names_no_computer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    partial = leftovers.partial_path(tmp_path / "TJ01.fieldapp")
    token = leftovers.machine_token()
    assert len(token) == 12 and token in partial.name
    assert socket.gethostname().lower() not in partial.name.lower()
    # Without a machine id the host name is hashed, not written.
    leftovers.machine_token.cache_clear()
    monkeypatch.setattr(leftovers, "_MACHINE_IDS", (tmp_path / "absent",))
    monkeypatch.setattr(socket, "gethostname", lambda: "maria-gonzalez-laptop")
    try:
        hashed = leftovers.machine_token()
        assert "maria" not in hashed and len(hashed) == 12
        assert leftovers.machine_token() == hashed, "the same on every run"
    finally:
        leftovers.machine_token.cache_clear()
