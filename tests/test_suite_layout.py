"""Rules of the suite's own layout that collection alone would not catch in time."""

from __future__ import annotations

import re

from paths import REPO

TESTS = REPO / "tests"
CONFTEST_IMPORT = re.compile(r"^\s*(from\s+conftest\s+import|import\s+conftest\b)")


def test_no_test_module_imports_a_conftest() -> None:
    """pytest loads every conftest as the module ``conftest``: importing from it gets the
    one loaded last, so ``pytest tests/core tests/ui`` fails at collection. Helpers live in
    plain modules (``paths.py``, ``opened_windows.py`` ...) or fixtures."""
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CONFTEST_IMPORT.match(line)
    ]
    assert offenders == [], "import these from a helper module or a fixture: " + ", ".join(
        offenders
    )


def test_the_readme_runs_the_suite_as_ci_does() -> None:
    """The README's command to install and run the whole suite is the one ``.ci/run`` runs,
    so the times the README prints are those of CI's run."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.DOTALL)
    assert len(blocks) >= 2, "the README starts with two commands: the app, and the tests"
    tests_command = blocks[1].strip()
    assert tests_command.endswith(".venv/bin/pytest"), tests_command
    assert tests_command in ci.splitlines(), f"{tests_command!r} is not a line of .ci/run"
