"""A recording handed to the system's player, left behind by a killed fieldapp, swept at
the next start.

Where fieldapp cannot play a recording itself it copies it into a private folder of the
system's temporary folder and asks the system's player to open it; the folder goes at a
normal exit. Killed (SIGKILL, a power cut), the copy stayed there, in clear, for good. The
next desktop start now removes such folders of runs that are gone, keeps a running one's,
follows no symbolic link, and says nothing unless one could not be removed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lock_children import NOT_RUNNING

from fieldapp.core import leftovers

CANARY = b"RIFF-canary-recording-of-an-unsealed-interview-7f3a"

# The app's way: the system opener's safe name for the recording, then the player's copy.
CHILD = """
import sys, time
from fieldapp.core.media import opener_name
from fieldapp.ui.pickers import playable_copy

content = sys.argv[1].encode()
name = opener_name("audio", "entrevista.wav", content) or "entrevista.wav"
print(playable_copy(name, content), flush=True)
time.sleep(600)
"""


def _holding(temp: Path) -> list[Path]:
    """The files under ``temp`` that hold the canary's bytes (links not followed)."""
    found = []
    for root, _folders, files in os.walk(temp):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink() and CANARY in path.read_bytes():
                found.append(path)
    return found


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


@pytest.fixture
def players(temp: Path) -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait()


def _play(temp: Path, players: list[subprocess.Popen[str]]) -> tuple[subprocess.Popen[str], Path]:
    env = {**os.environ, "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, CANARY.decode()], stdout=subprocess.PIPE, text=True, env=env
    )
    players.append(child)
    assert child.stdout is not None
    copy = Path(child.stdout.readline().strip())
    assert copy.read_bytes() == CANARY
    return child, copy


# The same start, where removing one folder fails as it does for a file another program
# holds open (Windows) or a folder made read-only: the test runs as root here too.
STUCK_START = """
import shutil, sys
from fieldapp.launch import main

removing, stuck = shutil.rmtree, sys.argv[1]


def refusing(path, *args, **kwargs):
    if str(path) == stuck:
        raise PermissionError(13, "Permission denied", str(path))
    removing(path, *args, **kwargs)


shutil.rmtree = refusing
main(["gui", "--check-start", "--db", sys.argv[2]])
"""


def _said(started: subprocess.CompletedProcess[str]) -> list[str]:
    """What the start wrote on stderr, but Qt's offscreen plugin's own notice."""
    return [line for line in started.stderr.splitlines() if "propagateSizeHints" not in line]


def _start(temp: Path, db: Path, stuck: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The desktop's next start, as a desktop shortcut runs it."""
    env = {**os.environ, "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen"}
    env["FIELDAPP_LANG"] = "en"
    command = ["-m", "fieldapp", "gui", "--check-start", "--db", str(db)]
    if stuck is not None:
        command = ["-c", STUCK_START, str(stuck), str(db)]
    return subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_runs_copy_for_the_player_is_swept_at_the_next_start_a_running_ones_kept(
    tmp_path: Path, temp: Path, players: list[subprocess.Popen[str]]
) -> None:
    killed, killed_copy = _play(temp, players)
    running, running_copy = _play(temp, players)
    killed.send_signal(signal.SIGKILL)  # the battery, mid-recording
    killed.wait()
    assert sorted(_holding(temp)) == sorted([killed_copy, running_copy])

    started = _start(temp, tmp_path / "laptop.db")
    assert started.returncode == 0, started.stderr
    assert _said(started) == [], "nothing to say when everything was removed"
    assert _holding(temp) == [running_copy], "the killed run's copy gone, the running one's kept"
    assert not killed_copy.parent.exists()

    running.send_signal(signal.SIGKILL)
    running.wait()
    started = _start(temp, tmp_path / "laptop.db")
    assert started.returncode == 0, started.stderr
    assert _holding(temp) == []


def test_a_link_of_that_name_is_not_followed_nor_a_link_inside(tmp_path: Path, temp: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kept.wav").write_bytes(CANARY)
    planted = temp / f"fieldapp-play-{NOT_RUNNING}-abcdefgh"
    planted.symlink_to(elsewhere, target_is_directory=True)
    left = temp / f"fieldapp-play-{NOT_RUNNING}-ijklmnop"
    left.mkdir()
    (left / "inside").symlink_to(elsewhere, target_is_directory=True)
    (left / "copy.wav").write_bytes(CANARY)

    assert leftovers.sweep_play_folders(temp) == []
    assert not left.exists()
    assert planted.is_symlink(), "a link is nobody's player folder: left alone"
    assert (elsewhere / "kept.wav").read_bytes() == CANARY


def test_a_folder_that_cannot_be_removed_is_said_and_only_then(tmp_path: Path, temp: Path) -> None:
    stuck = temp / f"fieldapp-play-{NOT_RUNNING}-qrstuvwx"
    stuck.mkdir()
    (stuck / "copy.wav").write_bytes(CANARY)
    gone = temp / f"fieldapp-play-{NOT_RUNNING}-yz012345"
    gone.mkdir()

    started = _start(temp, tmp_path / "laptop.db", stuck=stuck)
    assert started.returncode == 0, started.stderr
    assert _said(started) == [
        "fieldapp: fieldapp stopped last time without removing the copies of recordings it "
        f"gave the system's player, and could not remove them now: {stuck}. Delete that "
        "folder yourself (it may hold an interview's recording)."
    ]
    assert not gone.exists()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_killed_runs_copy_is_swept_though_its_process_id_now_names_another_program(
    temp: Path, players: list[subprocess.Popen[str]]
) -> None:
    """A power cut, a restart: the killed run's process id is soon another program's, and
    the sweep by process id kept the recording for as long as that program ran (attack6).
    The folder's lock went with the run that held it."""
    killed, copy = _play(temp, players)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], text=True)
    players.append(other)
    reused = temp / copy.parent.name.replace(f"-{killed.pid}-", f"-{other.pid}-", 1)
    copy.parent.rename(reused)  # as the restarted system gave that id to another program
    assert _holding(temp) == [reused / copy.name]

    assert leftovers.sweep_play_folders(temp) == []
    assert _holding(temp) == []
    assert not reused.exists()
