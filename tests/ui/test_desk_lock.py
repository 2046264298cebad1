"""One desktop fieldapp per database: a second start on the same file is refused, a dead
one never locks its database out, and the windows of one fieldapp share it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from merge_devices import file_checksum
from opened_windows import OPENED

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.ui import desk_lock
from fieldapp.ui.app import open_store
from fieldapp.ui.main_window import MainWindow

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fieldapp.ui.app import open_store
    store = open_store(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.read()
    """
)


@pytest.fixture
def other_fieldapp(tmp_path: Path) -> Any:
    """Start another fieldapp process holding ``tmp_path/laptop.db`` as the desktop does."""
    started: list[subprocess.Popen[str]] = []

    def start(db: Path) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(child)
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        return child

    yield start
    for child in started:
        if child.poll() is None:
            child.kill()
        child.wait()


def test_a_second_fieldapp_on_the_same_database_is_refused_and_changes_nothing(
    tmp_path: Path, other_fieldapp: Any
) -> None:
    db = tmp_path / "laptop.db"
    holder = other_fieldapp(db)
    before = file_checksum(db)
    with pytest.raises(FieldappError) as error:
        open_store(db)
    said = error.value.text("en")
    assert error.value.code == "ui.database_in_use"
    assert f"{db} is already open in another fieldapp window (process {holder.pid}" in said
    assert file_checksum(db) == before

    # The command a desktop shortcut runs says it in one line and exits 1.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = subprocess.run(
        [sys.executable, "-m", "fieldapp", "gui", "--check-start", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert started.returncode == 1, started.stderr
    assert "already open in another fieldapp window" in started.stderr
    assert "Traceback" not in started.stderr
    assert file_checksum(db) == before


def test_a_fieldapp_that_died_does_not_lock_its_database_out(
    tmp_path: Path, other_fieldapp: Any
) -> None:
    db = tmp_path / "laptop.db"
    holder = other_fieldapp(db)
    holder.send_signal(signal.SIGKILL)  # the laptop's battery, mid-interview
    holder.wait()
    assert desk_lock.lock_path(db).exists(), "its lock file stays behind"
    store = open_store(db)
    try:
        assert store.forms.records(), "opened, with the study forms"
    finally:
        store.close()
        desk_lock.release(db)


def test_the_windows_of_one_fieldapp_share_the_database_and_let_it_go_on_close(
    qtbot: Any, tmp_path: Path, other_fieldapp: Any
) -> None:
    db = tmp_path / "laptop.db"
    with Store.open(db):
        pass
    first, second = MainWindow(db), MainWindow(db)
    OPENED.extend([first, second])
    assert first.store is not None and second.store is not None
    first.close()
    with pytest.raises(FieldappError):
        open_in_another_process(db)
    second.close()
    assert open_in_another_process(db) == "open"


def open_in_another_process(db: Path) -> str:
    """Open ``db`` as another fieldapp would; return "open", or raise its refusal."""
    child = subprocess.run(
        [sys.executable, "-c", HOLDER, str(db)],
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )
    if child.returncode:
        raise FieldappError("ui.database_in_use", path=str(db), pid="?", host="?", lock="?")
    return child.stdout.strip()
