"""`fieldapp gui --check-start`: the start probe says what it listed and ends right there.

Scripts, the bundle's test and the start-up benchmark run it as a new process; it ends
without Python's and Qt's teardown, so what it says and writes must be complete first.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _check_start(db: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "FIELDAPP_CACHE_DIR": str(home / "cache"),
        "FIELDAPP_LANG": "en",
    }
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", "gui", "--db", str(db), "--check-start"],
        capture_output=True,  # a pipe: the report must be flushed before the process ends
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_a_first_start_reports_through_a_pipe_and_leaves_the_database_whole(
    tmp_path: Path,
) -> None:
    db = tmp_path / "first.db"
    done = _check_start(db, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"fieldapp started: 0 interviews listed from {db}.\n"
    assert "Traceback" not in done.stderr
    # Ended without closing the store: what it wrote is whole all the same, for a reader
    # (a merge, an export) as for the next start.
    from fieldapp.core.store import Store

    with Store.open(db, create=False, readonly=True) as store:
        assert len(store.forms.records()) == 4
        assert store.check_integrity() == []
    again = _check_start(db, tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == done.stdout


def test_a_file_that_cannot_open_ends_the_probe_with_exit_1_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"not a database, a researcher's notes\n" * 40)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    done = _check_start(db, tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.db"]


def test_the_app_has_fusion_s_look_whatever_the_system_s_default_style(tmp_path: Path) -> None:
    """Fusion is set only where it is not already Qt's default; the look is the same."""
    code = (
        "from fieldapp.ui.app import create_app\n"
        "app = create_app(['fieldapp'])\n"
        "sheet = len(app.styleSheet()) > 100\n"
        "app.setStyleSheet('')  # the style under the sheet's\n"
        "print(app.style().metaObject().className(), sheet)\n"
    )
    for system_style in ("", "windows"):  # offscreen's own default, and another one
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
        env.pop("QT_STYLE_OVERRIDE", None)
        if system_style:
            env["QT_STYLE_OVERRIDE"] = system_style
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == "QFusionStyle True\n", system_style
