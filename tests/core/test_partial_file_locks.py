"""A package's or export's partial file, judged by its writer's lock, not its process id.

A run writes its package or export to a hidden 0600 partial file named with this
computer's token and its process id, and the next run's sweep kept one while any process
held that id. After a power cut and a restart process ids start again: the killed run's id
soon names another program, and its partial file (a whole export with ``--key``, in clear)
stayed for as long as that program ran. The writer now holds its partial file locked
(``flock``; the system releases it however the process ends, never across a restart): the
sweep removes one nobody holds, whatever process has the id in its name, and keeps one its
writer holds. Files of an older fieldapp (no lock) are judged by their process id as
before; another computer's by their age.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from lock_children import NOT_RUNNING, sleeper, start

from fieldapp.core import leftovers

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and flock are POSIX")

CANARY = b"answers-of-an-interview-opened-with-the-study-key-4b1e"

# The app's way: a partial file beside the target, written, then the run goes on (or dies).
CHILD = """
import sys, time
from pathlib import Path
from fieldapp.core import leftovers

partial = leftovers.partial_path(Path(sys.argv[1]), keep_suffix=True)
partial.write_bytes(sys.argv[2].encode())
print(partial, flush=True)
time.sleep(600)
"""


def _write(out: Path, children: list[subprocess.Popen[str]]) -> tuple[subprocess.Popen[str], Path]:
    """Start a run writing a partial file for ``out``; return it and its partial file."""
    child, partial = start(children, CHILD, str(out), CANARY.decode())
    assert partial.read_bytes() == CANARY
    return child, partial


def _renamed_to(partial: Path, pid: int) -> Path:
    """``partial`` renamed as if the process ``pid`` had written it."""
    token = re.escape(leftovers.machine_token())
    name, count = re.subn(rf"(?<=\.{token}-)\d+(?=-)", str(pid), partial.name, count=1)
    assert count == 1, partial.name
    renamed = partial.with_name(name)
    partial.rename(renamed)
    return renamed


def test_a_killed_runs_partial_file_is_swept_though_its_process_id_now_names_another_program(
    tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    child, partial = _write(tmp_path / "export.xlsx", children)
    child.send_signal(signal.SIGKILL)
    child.wait()
    # After a restart the dead run's id names another program: as here, a running `sleep`.
    renamed = _renamed_to(partial, sleeper(children))
    journal = renamed.with_name(renamed.name + "-journal")
    journal.write_bytes(CANARY)
    assert sorted(leftovers.sweep(tmp_path)) == sorted([renamed, journal])
    assert list(tmp_path.iterdir()) == []


def test_a_partial_file_its_writer_holds_is_kept_whatever_its_process_id(
    tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    _, partial = _write(tmp_path / "TJ01.fieldapp", children)
    assert leftovers.sweep(tmp_path) == []
    # The lock decides, not the id: under a process id nobody has, still its writer's.
    renamed = _renamed_to(partial, NOT_RUNNING)
    journal = renamed.with_name(renamed.name + "-journal")
    journal.write_bytes(b"")
    assert leftovers.sweep(tmp_path) == []
    assert renamed.read_bytes() == CANARY and journal.exists()
    assert renamed.stat().st_mode & 0o777 == 0o600


def test_an_older_fieldapps_partial_file_is_judged_by_its_process_id_as_before(
    tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    token = leftovers.machine_token()
    running = tmp_path / f".TJ01.fieldapp.{token}-{sleeper(children)}-{'a' * 32}.partial"
    dead = tmp_path / f".TJ02.fieldapp.{token}-{NOT_RUNNING}-{'b' * 32}.partial"
    for path in (running, dead):
        path.write_bytes(b"")
    assert leftovers.sweep(tmp_path) == [dead]
    assert running.exists()


def test_another_computers_partial_file_goes_by_its_age_lock_or_none(tmp_path: Path) -> None:
    other = "0123456789ab" if leftovers.machine_token() != "0123456789ab" else "ba9876543210"
    theirs = tmp_path / f".TJ02.fieldapp.{other}-{NOT_RUNNING}-{'c' * 32}.locked.partial"
    theirs.write_bytes(b"laptop B's package, half written")
    assert leftovers.sweep(tmp_path) == [], "its lock is on laptop B: not seen from here"
    day_ago = time.time() - 24 * 3600 - 60
    os.utime(theirs, (day_ago, day_ago))
    assert leftovers.sweep(tmp_path) == [theirs]


def test_a_published_or_discarded_partial_file_leaves_no_descriptor_open(tmp_path: Path) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc to count descriptors in")
    before = len(os.listdir("/proc/self/fd"))
    for number in range(20):
        out = tmp_path / f"{number}.xlsx"
        partial = leftovers.partial_path(out, keep_suffix=True)
        partial.write_bytes(b"x")
        if number % 2:
            leftovers.publish(partial, out)
        else:
            leftovers.discard(partial)
            assert not partial.exists()
    assert len(os.listdir("/proc/self/fd")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{n}.xlsx" for n in range(1, 20, 2)
    )


def test_a_file_planted_under_a_locked_name_is_no_reason_to_hang_or_follow(
    tmp_path: Path,
) -> None:
    token = leftovers.machine_token()
    target = tmp_path / "elsewhere"
    target.write_bytes(b"not a leftover")
    link = tmp_path / f".TJ01.fieldapp.{token}-{NOT_RUNNING}-{'d' * 32}.locked.partial"
    link.symlink_to(target)
    fifo = tmp_path / f".TJ02.fieldapp.{token}-{NOT_RUNNING}-{'e' * 32}.locked.partial"
    os.mkfifo(fifo)
    assert sorted(leftovers.sweep(tmp_path)) == sorted([link, fifo])
    assert target.read_bytes() == b"not a leftover"
