"""Running an R script as an analyst would, for the tests that read exports back in R."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

RSCRIPT = shutil.which("Rscript")
NO_R = "Rscript (Debian r-base-core) is not installed"


def run_r(folder: Path, script: str) -> str:
    """Run ``script`` with ``Rscript --vanilla`` in ``folder``; return what it printed."""
    assert RSCRIPT is not None
    (folder / "checks.R").write_text(script, encoding="utf-8")
    finished = subprocess.run(
        [RSCRIPT, "--vanilla", "checks.R"],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout
