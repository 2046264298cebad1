"""A hostile laptop's package puts terminal commands where the supervisor's terminal
shows them: the city, the interviewer and the author of an interview.

Merge takes them (they are labels of a line, within their bounds). ``fieldapp status``
printed them raw: ``ESC [2J`` cleared the supervisor's screen, ``ESC ]0;`` set the
window's title, and a cursor move could have hidden a line of ``check`` or ``devices
list``. Each command now writes a control character as U+FFFD; ``--json`` stays JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.core.store import Store
from fieldapp.core.study import study_forms

CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;owned\x07"
CSI = "\x9b31m"
"""The 8-bit CSI a terminal may run like ``ESC [``."""


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("terminal")
    hostile = root / "hostile.db"
    with Store.open(hostile) as store:
        sha = store.forms.add(study_forms()[0].path).sha256
        store.interviews.start(
            sha,
            interviewer=f"NL01{CSI}",
            city=f"tij{CLEAR}{TITLE}uana",
            actor_type="cso",
            author=f"Ana{CLEAR}",
        )
    supervisor = root / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(hostile)]) == 0
    return supervisor


COMMANDS = [["status"], ["check"], ["devices", "list"], ["forms", "list"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_command_writes_a_packages_terminal_commands(
    merged: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    main([*command, "--db", str(merged)])
    said = capsys.readouterr()
    for printed in (said.out, said.err):
        assert "\x1b" not in printed and "\x9b" not in printed and "\x07" not in printed
    if command == ["status"]:
        assert "tij\ufffd[2J" in said.out  # shown, not run


def test_json_output_is_still_json_and_keeps_the_city(
    merged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["status", "--db", str(merged), "--json"]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed  # JSON writes it \u001b: a program reads the city whole
    cities = {cell["city"] for cell in json.loads(printed)["cells"]}
    assert cities == {f"tij{CLEAR}{TITLE}uana"}


def test_a_windowed_build_without_streams_still_runs_its_command(
    merged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A windowed build has ``sys.stdout`` None: print() then writes nothing, so the filter
    must not wrap None (``None.write`` would fail the command)."""
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    assert main(["status", "--db", str(merged)]) == 0


RLO = "\u202e"
"""A right-to-left override: the rest of its line shows backwards where the terminal
lays out bidirectional text (GNOME Terminal, Konsole, mintty)."""
ISOLATE = "\u2067"


@pytest.fixture(scope="module")
def turned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hostile laptop's two finalized interviews, its interviewer and city ending in an
    override: ``status`` printed ``NL01`` + U+202E then that researcher's counts, which
    such a terminal shows mirrored (``12`` finalized read ``21``, ``2.0`` read ``0.2``)."""
    from xlsform import write_xlsform

    root = tmp_path_factory.mktemp("turned")
    form = write_xlsform(
        root / "f.xlsx",
        [{"type": "text", "name": "a", "label": "A"}],
        settings={"form_id": "f", "version": "1"},
    )
    hostile = root / "hostile.db"
    with Store.open(hostile) as store:
        sha = store.forms.add(form).sha256
        for _ in range(2):
            sid = store.interviews.start(
                sha,
                interviewer=f"NL01{RLO}",
                city=f"tijuana{ISOLATE}",
                actor_type="cso",
                answers={"a": "x"},
                complete=True,
                author=f"Ana{RLO}",
            )
            store.interviews.finalize(sid, author=f"Ana{RLO}")
    supervisor = root / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(hostile)]) == 0
    return supervisor


TURNING = [["status"], ["review", "list"], ["devices", "list"], ["check"]]


@pytest.mark.parametrize("command", TURNING, ids=" ".join)
def test_no_command_writes_a_packages_direction_controls(
    turned: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    main([*command, "--db", str(turned)])
    said = capsys.readouterr()
    for printed in (said.out, said.err):
        assert RLO not in printed and ISOLATE not in printed
    if command == ["status"]:
        researcher = next(line for line in said.out.splitlines() if line.startswith("NL01"))
        assert researcher.startswith("NL01\\u202e ")  # shown as written, the counts after it
        assert "tijuana\\u2067" in said.out


def test_json_output_keeps_the_controls_as_they_are(
    turned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Spelled ``\\u202e`` inside a JSON string is the JSON escape of the same character."""
    capsys.readouterr()
    assert main(["status", "--db", str(turned), "--json"]) == 0
    printed = capsys.readouterr().out
    assert RLO not in printed
    cities = {cell["city"] for cell in json.loads(printed)["cells"]}
    assert f"tijuana{ISOLATE}" in cities
