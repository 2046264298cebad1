"""A staging folder, judged by its run's lock, not its process id.

``package``'s stripped copy of the laptop's database and a folder export's unpacked
answers (and the earlier export moved aside) live in a hidden 0700 staging folder named
with the process id of its run, and the next run's sweep kept one while any process held
that id. After a power cut and a restart process ids start again: the killed run's id soon
names another program, and its folder (a copy of the database) stayed for as long as that
program ran. The folder now holds a file its run keeps locked (``flock``; the system
releases it however the process ends, never across a restart): the sweep removes one
nobody holds, whatever process has the id in its name, and keeps one its run holds. Older
folders (no lock) are judged by their process id as before; another computer's by age.
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

CANARY = b"stripped-copy-of-the-laptops-database-7c2d"

# The app's way (``package``): a staging folder beside the database, a copy in it, and the
# run goes on (or dies).
CHILD = """
import sys, time
from pathlib import Path
from fieldapp.core import leftovers

folder = leftovers.staging_folder(Path(sys.argv[1]), sys.argv[2], shared=sys.argv[2] == "export")
(folder / "package.db").write_bytes(sys.argv[3].encode())
print(folder, flush=True)
time.sleep(600)
"""


def _stage(
    beside: Path, what: str, children: list[subprocess.Popen[str]]
) -> tuple[subprocess.Popen[str], Path]:
    """Start a run with a staging folder in ``beside``; return it and its folder."""
    child, folder = start(children, CHILD, str(beside), what, CANARY.decode())
    assert (folder / "package.db").read_bytes() == CANARY
    return child, folder


def _renamed_to(folder: Path, pid: int) -> Path:
    """``folder`` renamed as if the process ``pid`` had made it."""
    name, count = re.subn(r"-\d+(?=-[0-9a-f]{32})", f"-{pid}", folder.name, count=1)
    assert count == 1, folder.name
    renamed = folder.with_name(name)
    folder.rename(renamed)
    return renamed


@pytest.mark.parametrize("what", ["package", "export"])
def test_a_killed_runs_staging_folder_is_swept_though_its_process_id_now_names_another_program(
    tmp_path: Path, children: list[subprocess.Popen[str]], what: str
) -> None:
    child, folder = _stage(tmp_path, what, children)
    child.send_signal(signal.SIGKILL)
    child.wait()
    # After a restart the dead run's id names another program: as here, a running `sleep`.
    renamed = _renamed_to(folder, sleeper(children))
    assert leftovers.sweep(tmp_path, what=what) == [renamed]
    assert list(tmp_path.iterdir()) == []


def test_a_staging_folder_its_run_holds_is_kept_whatever_its_process_id(
    tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    _, folder = _stage(tmp_path, "package", children)
    assert leftovers.sweep(tmp_path, what="package") == []
    # The lock decides, not the id: under a process id nobody has, still its run's.
    renamed = _renamed_to(folder, NOT_RUNNING)
    assert leftovers.sweep(tmp_path, what="package") == []
    assert (renamed / "package.db").read_bytes() == CANARY
    assert renamed.stat().st_mode & 0o777 == 0o700


def test_an_older_fieldapps_staging_folder_is_judged_by_its_process_id_as_before(
    tmp_path: Path, children: list[subprocess.Popen[str]]
) -> None:
    running = tmp_path / f".fieldapp-package-{sleeper(children)}-{'a' * 32}"
    dead = tmp_path / f".fieldapp-package-{NOT_RUNNING}-{'b' * 32}"
    # A marked name whose lock file is not there yet (made, not yet locked): by its id too.
    unlocked = tmp_path / f".fieldapp-package-{sleeper(children)}-{'c' * 32}.locked"
    for path in (running, dead, unlocked):
        path.mkdir(mode=0o700)
    assert leftovers.sweep(tmp_path, what="package") == [dead]
    assert running.exists() and unlocked.exists()


def test_another_computers_staging_folder_goes_by_its_age_lock_or_none(tmp_path: Path) -> None:
    other = "0123456789ab" if leftovers.machine_token() != "0123456789ab" else "ba9876543210"
    theirs = tmp_path / f".fieldapp-export-{other}-{NOT_RUNNING}-{'c' * 32}.locked"
    theirs.mkdir(mode=0o700)
    (theirs / leftovers.STAGING_LOCK).write_bytes(b"")
    assert leftovers.sweep(tmp_path, what="export") == [], "its lock is on laptop B"
    day_ago = time.time() - 24 * 3600 - 60
    os.utime(theirs, (day_ago, day_ago))
    assert leftovers.sweep(tmp_path, what="export") == [theirs]


def test_a_removed_staging_folder_leaves_no_descriptor_open(tmp_path: Path) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc to count descriptors in")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(10):
        folder = leftovers.staging_folder(tmp_path, "package")
        assert (folder / leftovers.STAGING_LOCK).exists()
        assert leftovers.sweep(tmp_path, what="package") == [], "this run's own"
        leftovers.remove_staging(folder)
    assert len(os.listdir("/proc/self/fd")) == before
    assert list(tmp_path.iterdir()) == []
