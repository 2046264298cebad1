"""The standalone bundle: built here with the documented command, it starts without Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="pip install -e '.[test]' brings PyInstaller")
    root = tmp_path_factory.mktemp("bundle")
    built = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build_bundle.py"),
         "--dist", str(root / "dist"), "--work", str(root / "work")],
        capture_output=True, text=True, timeout=1500,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    program = root / "dist" / "fieldapp" / ("fieldapp.exe" if os.name == "nt" else "fieldapp")
    assert program.is_file()
    return program


def _run(program: Path, *arguments: str, home: Path) -> subprocess.CompletedProcess[str]:
    # No Python of ours on the path, no virtualenv, no source tree: only the bundle.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        [str(program), *arguments], capture_output=True, text=True, env=env, cwd=home,
        timeout=300,
    )  # fmt: skip


def test_the_bundle_writes_a_demo_and_opens_it(bundle: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    demo = _run(bundle, "demo", "--db", str(db), "--interviews", "6", home=tmp_path)
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "6 demo interviews written" in demo.stdout
    started = _run(bundle, "gui", "--db", str(db), "--check-start", home=tmp_path)
    assert started.returncode == 0, started.stderr[-2000:]
    assert f"fieldapp started: 6 interviews listed from {db}." in started.stdout
    assert "Traceback" not in started.stderr
    # the study forms, found as package data inside the bundle, fill a new database
    fresh = tmp_path / "new.db"
    first = _run(bundle, "gui", "--db", str(fresh), "--check-start", home=tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    from fieldapp.core.store import Store

    with Store.open(fresh, create=False) as store:
        assert sorted(record.form_id for record in store.forms.records()) == sorted(
            f"mx_border_{actor}" for actor in ("cso", "gov", "security", "informant")
        )
