"""(unsigned5) A supervisor's review written on a version later set aside.

A keyless copy of Ana's package brings a version forged in her name to the supervisor
before Ana's own package. The supervisor approves it (her approval is a signed version
of hers written on the forged one). Ana's package then sets the forged version aside.
Her approval stayed the interview's current state: the forged answers, approved, in the
list, the exports and the progress. It stays held and a head (it is hers, signed: a
conflict beside Ana's own version), but the current state is Ana's, and `fieldapp check`
names the approval for her to read both and resolve.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from merge_devices import Device
from test_merge_unsigned_before_key import _current, _keyless_copy, _laptop, _names

from fieldapp.cli import main
from fieldapp.core.merge import merge_database
from fieldapp.core.quarantine import heads_on_set_aside
from fieldapp.core.store.records import SubmissionId


def _approved_forgery(tmp_path: Path) -> tuple[Device, Device, SubmissionId, str]:
    """Ana's laptop, and the supervisor who approved a version forged in Ana's name
    before Ana's package came and set it aside. Return them, the interview and the id of
    the supervisor's approval."""
    ana, sid, package = _laptop(tmp_path)
    forged, _ = _keyless_copy(package, tmp_path, sid, answers={"name": "Inventado"})
    supervisor = Device(tmp_path / "supervisor.db", "Rosa")
    merge_database(supervisor.store, forged)
    supervisor.review(sid, "approved", "bien")
    (approval,) = supervisor.store.interviews.heads(sid)
    assert approval.state == "approved" and _current(supervisor) == {sid: "Inventado"}
    report = merge_database(supervisor.store, package)
    assert len(report.set_aside) == 1
    return ana, supervisor, sid, approval.revision_id


def test_a_review_written_on_a_version_set_aside_is_not_the_interviews_current_state(
    tmp_path: Path,
) -> None:
    ana, supervisor, sid, approval = _approved_forgery(tmp_path)
    # Ana's own finalized version is what the list, exports and progress read...
    assert _current(supervisor) == {sid: "Colectivo"}
    (row,) = supervisor.store.interviews.page()
    assert row.state == "finalized" and row.head_count == 2  # not approved: a conflict
    # ...and the newest head the review desk and an edit take; the approval is kept.
    assert _names(supervisor, sid) == ["Colectivo", "Inventado"]
    assert supervisor.store.interviews.heads(sid)[1].revision_id == approval
    assert heads_on_set_aside(supervisor.store.conn) == [
        (sid, approval, "Rosa", supervisor.store.interviews.revision(approval).saved_at)
    ]
    for device in (ana, supervisor):
        device.close()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "was written on a version of it since set aside"),
        ("es", "se escribió sobre una versión suya apartada después"),
    ],
)
def test_check_names_the_review_written_on_a_version_set_aside_without_failing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    words: str,
) -> None:
    ana, supervisor, sid, approval = _approved_forgery(tmp_path)
    supervisor.close()
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["check", "--db", str(supervisor.path)]) == 0  # nothing a merge refuses
    out = capsys.readouterr().out
    (line,) = [said for said in out.splitlines() if words in said]
    assert approval in line and sid in line and "Rosa" in line
    assert main(["check", "--db", str(supervisor.path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["written_on_set_aside"]
    assert [(f["interview"], f["revision"]) for f in found] == [(sid, approval)]
    ana.close()


def test_once_the_conflict_is_resolved_check_names_it_no_more(tmp_path: Path) -> None:
    ana, supervisor, sid, _ = _approved_forgery(tmp_path)
    ana_own = supervisor.store.interviews.heads(sid)[0]
    supervisor.store.interviews.resolve_conflict(sid, dict(ana_own.answers or {}), author="Rosa")
    assert _current(supervisor) == {sid: "Colectivo"}
    assert heads_on_set_aside(supervisor.store.conn) == []
    for device in (ana, supervisor):
        device.close()
