"""An instanceID claim from a terminal: `fieldapp check` names the command, `fieldapp review
set-aside` sets the chosen interview aside, and approve or return ask for --despite-claim
(design-notes, *An instanceID claim's leftovers (claims3)*).

Mallory's stolen laptop wrote the instanceID ODK Collect drew for Rosa's interview; the
supervisor pulled Rosa's from Central, then merged Mallory's: both listed. Before, only the
review desk's button set one aside, and `fieldapp review approve` took either without a word.
"""

from __future__ import annotations

import functools
import json
import os
import uuid
from pathlib import Path

import pytest
from central_scenarios import collect_id_claimed

from fieldapp.cli import main
from fieldapp.core.central.copies import standing_claims
from fieldapp.core.quarantine import QUARANTINE, quarantined
from fieldapp.core.store import Store, SubmissionId


def _run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    said = capsys.readouterr()
    return code, said.out, said.err


def _review(
    capsys: pytest.CaptureFixture[str], action: str, given: str, db: str, *more: str
) -> tuple[int, str, str]:
    """Run `fieldapp review ACTION GIVEN --db DB --author Rosa MORE...`."""
    return _run(capsys, "review", action, given, "--db", db, "--author", "Rosa", *more)


def _check_line(capsys: pytest.CaptureFixture[str], db: str, instance_id: str) -> tuple[int, str]:
    """Run `fieldapp check`: its exit code and its one line naming ``instance_id``."""
    code, out, _ = _run(capsys, "check", "--db", db)
    (line,) = [line for line in out.splitlines() if instance_id in line]
    return code, line


def _file_bytes(db: Path) -> dict[str, bytes]:
    """The database's files as they are on disk (the WAL and its index too)."""
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")) if p.is_file()}


def _state(db: Path, sid: str) -> str:
    with Store.open(db, create=False) as store:
        (head,) = store.interviews.heads(SubmissionId(sid))
        return head.state


@pytest.mark.parametrize("language", ["en", "es"])
def test_check_names_the_command_and_set_aside_sets_the_chosen_interview_aside(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    db = str(path)
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    code, line = _check_line(capsys, db, collect_id)
    assert code == 0
    assert f"fieldapp review set-aside ID --db {db} --author" in line
    assert mallory in line.split("set-aside")[1] and copy in line.split("set-aside")[1]

    code, out, err = _review(capsys, "set-aside", mallory[:8], db)
    assert (code, err) == (0, ""), err
    words = {"en": ("Set aside", "stays listed"), "es": ("Apartada", "sigue en la lista")}
    assert out.startswith(f"{words[language][0]} {mallory}") and words[language][1] in out
    assert copy in out
    with Store.open(path) as supervisor:
        assert ("submissions", mallory) in quarantined(supervisor.conn)
        assert ("submissions", copy) not in quarantined(supervisor.conn)
        (reason, author, device) = supervisor.conn.execute(
            "SELECT json_extract(payload, '$.reason'), author, device_id FROM events "
            "WHERE kind = ? AND json_extract(payload, '$.key') = ?",
            [QUARANTINE, mallory],
        ).fetchone()
        assert author == "Rosa" and device == supervisor.device_id
        assert collect_id in reason and copy in reason  # the claim it ended, both ids
        assert standing_claims(supervisor) == ()
        listed = {record.submission_id for record in supervisor.interviews.page()}
        assert listed == {copy}
    code, out, _ = _run(capsys, "check", "--db", db, "--json")
    assert json.loads(out)["instance_id_claims"] == []


def test_set_aside_keeps_the_reason_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, copy, mallory = collect_id_claimed(tmp_path)
    given = "Central's copy altered: Rosa's phone says otherwise"
    code, _, err = _review(capsys, "set-aside", copy, str(path), "--reason", given)
    assert code == 0, err
    with Store.open(path) as supervisor:
        (reason,) = supervisor.conn.execute(
            "SELECT json_extract(payload, '$.reason') FROM events WHERE kind = ?",
            [QUARANTINE],
        ).fetchone()
        assert reason == "Central's copy altered: Rosa's phone says otherwise"
        listed = {record.submission_id for record in supervisor.interviews.page()}
        assert listed == {mallory}


SET_ASIDE_REFUSALS = {
    "unknown id": ("0123456789ab", "`fieldapp check` lists each instanceID claim"),
    "ambiguous id": ("abcdef12", "starts the ids of 2 interviews"),
    "in no claim": ("{other}", "is in no instanceID claim now"),
    "not the supervisor's": ("{mallory}", "may not set interviews aside for the study"),
}


@pytest.mark.parametrize("case", SET_ASIDE_REFUSALS, ids=list(SET_ASIDE_REFUSALS))
def test_every_set_aside_refusal_is_one_line_and_changes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    path, _, _, mallory = collect_id_claimed(tmp_path)
    with Store.open(path) as supervisor:
        sha = supervisor.forms.records()[0].sha256
        with monkeypatch.context() as patched:  # two interviews whose ids start alike
            patched.setattr(uuid, "uuid4", functools.partial(_starting, "abcdef12"))
            made = [
                supervisor.interviews.submit(sha, {"name": name}, finalize=True)[0]
                for name in ("Ana", "Beto")
            ]
    if case == "not the supervisor's":
        from fieldapp.core import devices

        monkeypatch.setattr(devices, "may_act_for_study", lambda store: False)
    given, said = SET_ASIDE_REFUSALS[case]
    db = str(path)
    _run(capsys, "review", "list", "--db", db)  # whatever opening writes, written now
    before = _file_bytes(path)
    code, out, err = _review(capsys, "set-aside", given.format(other=made[0], mallory=mallory), db)
    assert code == 1
    assert err.startswith("fieldapp: ") and err.count("\n") == 1, err
    assert said in err and "Nothing was changed" in err and out == ""
    assert _file_bytes(path) == before
    with Store.open(path) as supervisor:
        assert not quarantined(supervisor.conn)
        assert len(standing_claims(supervisor)) == 1


def _starting(start: str) -> uuid.UUID:
    return uuid.UUID(start + os.urandom(12).hex())


def test_a_laptop_that_may_not_set_aside_is_told_who_can(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core import devices

    path, collect_id, _, _ = collect_id_claimed(tmp_path)
    monkeypatch.setattr(devices, "may_act_for_study", lambda store: False)
    capsys.readouterr()
    code, line = _check_line(capsys, str(path), collect_id)
    assert code == 0
    assert "Only the study's supervisor can set one aside" in line and "set-aside" not in line


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_deciding_on_an_interview_of_a_claim_needs_despite_claim(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    decision: str,
) -> None:
    path, collect_id, copy, mallory = collect_id_claimed(tmp_path)
    db = str(path)
    comment = ["--comment", "Compare with Rosa's phone"] if decision == "return" else []
    _run(capsys, "review", "list", "--db", db)
    before = _file_bytes(path)
    for chosen, other in ((copy, mallory), (mallory, copy)):
        code, out, err = _review(capsys, decision, chosen[:8], db, *comment)
        assert code == 1 and out == ""
        assert err.startswith("fieldapp: ") and err.count("\n") == 1, err
        assert other in err and collect_id in err
        assert "fieldapp review set-aside ID" in err and "--despite-claim" in err
    assert _file_bytes(path) == before
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    code, _, err = _review(capsys, decision, mallory, db, *comment)
    assert code == 1 and "agregue --despite-claim" in err and "No se cambió nada" in err
    code, _, err = _review(capsys, decision, copy, db, "--despite-claim", *comment)
    assert code == 0, err
    assert _state(path, copy) == {"approve": "approved", "return": "returned"}[decision]
    assert _state(path, mallory) == "finalized"


@pytest.mark.parametrize("language", ["en", "es"])
def test_review_list_marks_both_interviews_of_a_claim_until_one_is_set_aside(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """The supervisor picking from `review list` sees the claim before she opens either
    interview: a line under each names the other (claims4). It listed both as any two."""
    path, _, copy, mallory = collect_id_claimed(tmp_path)
    db = str(path)
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    code, out, _ = _run(capsys, "review", "list", "--db", db)
    assert code == 0
    lines = out.splitlines()
    marked = {"en": "instanceID claim with", "es": "reclamo de instanceID con"}[language]
    for mine, other in ((copy, mallory), (mallory, copy)):
        (at,) = [n for n, line in enumerate(lines) if line.startswith(mine[:8] + " ")]
        assert marked in lines[at + 1] and other[:8] in lines[at + 1], out
        assert len(lines[at + 1]) <= 80, "fits a Windows console (test_cli_80_columns)"
    code, out, _ = _run(capsys, "review", "list", "--db", db, "--json")
    claimed = {row["submission_id"]: row["claimed_with"] for row in json.loads(out)["interviews"]}
    assert claimed == {copy: [mallory], mallory: [copy]}

    _review(capsys, "set-aside", mallory[:8], db)
    code, out, _ = _run(capsys, "review", "list", "--db", db)
    assert copy[:8] in out and mallory[:8] not in out and marked not in out, out
