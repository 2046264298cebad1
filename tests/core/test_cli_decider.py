"""A decision that travels in every package is recorded under a name, in the terminal as in
the window: certify, revoke, reinstate, quarantine, targets and reviews refuse to run without
``--author`` (a usage error, exit 2) and leave the database as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.core.demo import run_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("decider") / "demo.db"
    run_demo(path, 4, seed=5)
    return path


def _digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:  # the rows, whatever the WAL holds
        dump = "\n".join(conn.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


DECISIONS = [
    ["devices", "revoke", "some-device", "--reason", "robada"],
    ["devices", "reinstate", "some-device", "--reason", "era otra"],
    ["devices", "certify", "--key", "study.pem"],
    ["check", "--quarantine", "--reason", "forged rows"],
    ["status", "--target", "tijuana", "cso", "8"],
    ["status", "--clear-target", "tijuana", "cso"],
    ["review", "approve", "0123456789ab"],
    ["review", "return", "0123456789ab", "--comment", "falta el año"],
]


@pytest.mark.parametrize("author", [None, "", "   "])
@pytest.mark.parametrize("command", DECISIONS, ids=lambda c: " ".join(c[:2]))
def test_a_decision_without_a_name_is_a_usage_error_and_changes_nothing(
    demo: Path, command: list[str], author: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(demo)
    named = [] if author is None else ["--author", author]
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--db", str(demo), *named])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "--author NAME" in said and "Nothing was changed" in said
    assert "Traceback" not in said
    assert _digest(demo) == before


def test_looking_needs_no_name_and_a_named_target_is_recorded_under_it(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--db", str(demo)]) == 0
    assert main(["check", "--db", str(demo)]) == 0
    capsys.readouterr()
    command = ["status", "--db", str(demo), "--target", "tijuana", "cso", "9"]
    assert main([*command, "--author", " Rosa "]) == 0
    with sqlite3.connect(demo) as conn:
        (author,) = conn.execute(
            "SELECT author FROM events WHERE kind = 'target' ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
    assert author == "Rosa"


def test_the_help_says_the_name_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["devices", "revoke"], ["status"], ["check"], ["review", "return"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "required" in capsys.readouterr().out


UNFIT = {
    "line break": "Rosa\nMaría",
    "carriage return": "Rosa\rMallory",
    "terminal escape": "Rosa\x1b[2J\x1b]0;owned\x07",
    "tab": "Rosa\tM",
    "right-to-left override": "Rosa \u202egnp.exe",
    "isolate": "\u2067Rosa\u2069",
    "undecodable byte": "Mar\udced",  # María typed in a Latin-1 terminal
    "C1 control": "Ro\x9bsa",
    "too long": "R" * 1_001,
    "invisible only": "\u200b\u00a0\u2060",
}


@pytest.mark.parametrize("author", UNFIT.values(), ids=UNFIT.keys())
@pytest.mark.parametrize("command", DECISIONS, ids=lambda c: " ".join(c[:2]))
def test_a_name_that_is_not_one_line_of_text_is_a_usage_error_and_changes_nothing(
    demo: Path, command: list[str], author: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name goes to every laptop and is shown on one line (a terminal would run an
    escape; a direction mark shows another name). An undecodable byte was an internal
    error asking to be reported; a name past 1,000 characters was refused as an
    interview "too long", telling the supervisor to start another interview."""
    before = _digest(demo)
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--db", str(demo), "--author", author])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "--author NAME" in said and "Nothing was changed" in said
    assert "Traceback" not in said and "report" not in said
    assert _digest(demo) == before


def test_a_name_taken_here_is_taken_by_every_other_laptops_merge(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The longest name taken, in scripts and with an emoji joined by a zero-width joiner:
    another laptop's merge takes the target under that very name."""
    import shutil

    here = tmp_path / "supervisor.db"
    shutil.copy(demo, here)
    name = "María José Ñúñez محمد 👩‍🔬 "
    name = (name * 100)[:1_000].strip()
    command = ["status", "--db", str(here), "--target", "juarez", "gov", "12"]
    assert main([*command, "--author", name]) == 0
    other = tmp_path / "laptop.db"
    assert main(["merge", "--into", str(other), str(here)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    with sqlite3.connect(other) as conn:
        authors = {a for (a,) in conn.execute("SELECT author FROM events WHERE kind = 'target'")}
    assert name in authors
