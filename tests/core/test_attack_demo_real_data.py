"""`fieldapp demo` pointed at a real database: it refuses in one line and writes nothing.

The demo's interviews look real and merge on like fieldwork. Its guard counted
interviews only: a supervisor's database set up for the study (targets set, laptops
certified) but without an interview yet took made-up interviews, which its next
package carried to every laptop. And a demo mark naming another laptop (a row a hostile
package can carry) let that laptop's real interviews pass for the demo's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from merge_devices import file_checksum
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.demo import DEMO_DEVICE, real_interviews
from fieldapp.core.store import Store
from fieldapp.core.store.records import STUDY_WIDE
from fieldapp.core.study import study_forms


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return write_xlsform(
        tmp_path / "visit.xlsx",
        [{"type": "text", "name": "note", "label": "Nota", "required": "yes"}],
        settings={"form_id": "visit", "version": "1"},
    )


def test_a_study_database_with_no_interview_yet_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    study = tmp_path / "supervisor.db"
    with Store.open(study) as store:
        for each in study_forms():
            store.forms.add(each.path)
    target = ["status", "--db", str(study), "--target", "tijuana", "cso", "30"]
    assert main([*target, "--author", "Rosa"]) == 0
    capsys.readouterr()
    before = file_checksum(study)
    demo = ["demo", "--interviews", "3", "--db", str(study)]
    assert main(demo) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "1 record the demo did not write" in err and "--force" in err
    assert file_checksum(study) == before
    # --force is the one way in, as for interviews
    assert main([*demo, "--force"]) == 0
    with Store.open(study) as store:
        assert store.interviews.count() == 3


def test_a_demo_mark_naming_another_laptop_does_not_pass_its_interviews_for_the_demos(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "supervisor.db"
    with Store.open(real) as store:
        sha = store.forms.add(form).sha256
        store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="visit")
        victim = store.device_id
    hostile = tmp_path / "hostile.db"
    with Store.open(hostile) as store:
        store.events.add(STUDY_WIDE, DEMO_DEVICE, {"device_id": victim})
    assert main(["merge", "--into", str(real), str(hostile)]) == 0
    capsys.readouterr()
    with Store.open(real) as store:
        assert real_interviews(store) == 1
    before = file_checksum(real)
    copy = tmp_path / "copy.db"
    shutil.copy(real, copy)
    assert main(["demo", "--interviews", "3", "--form", str(form), "--db", str(real)]) == 1
    err = capsys.readouterr().err
    assert "1 interview the demo did not write" in err and "Traceback" not in err
    assert file_checksum(real) == before


def test_practice_on_a_demo_database_still_takes_more_demo_interviews(
    tmp_path: Path, form: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review of a demo interview is practice, not the study's record."""
    demo_db = tmp_path / "demo.db"
    demo = ["demo", "--interviews", "10", "--form", str(form), "--db", str(demo_db)]
    assert main(demo) == 0
    with Store.open(demo_db) as store:
        current = store.interviews.iter_current()
        done = [c for c in current if c.revision.state == "finalized" and not c.has_conflict]
        store.review.approve(done[0].submission.submission_id, author="Rosa")
    assert main(demo) == 0
    with Store.open(demo_db) as store:
        assert store.interviews.count() == 20
