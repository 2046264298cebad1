"""ODK's metadata for every new interview, however it is started (API, submit, demo).

ODK Collect fills a new instance before the first question shows: ``start`` and
``today`` from the clock, ``deviceid`` and ``username`` from the device, a fresh
``meta/instanceID`` (``uuid:…``), every literal and dynamic default, and
``meta/instanceName`` from the settings. Answers known up front (city, interviewer)
change none of that. The GUI's New interview is tested in ``tests/ui``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.demo import run_demo
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.store import Store

NOW = datetime(2024, 5, 17, 10, 30, 0, tzinfo=timezone(timedelta(hours=-6)))
UUID = re.compile(r"^uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

SURVEY: list[dict[str, Any]] = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "today", "name": "today"},
    {"type": "deviceid", "name": "deviceid"},
    {"type": "username", "name": "username"},
    {"type": "phonenumber", "name": "phone"},
    {"type": "simserial", "name": "sim"},
    {"type": "text", "name": "interviewer", "label": "Interviewer"},
    {"type": "select_one city", "name": "city", "label": "City"},
    {"type": "date", "name": "interview_date", "label": "Date", "default": "today()"},
    {"type": "select_one yn", "name": "consent", "label": "Consent", "default": "yes"},
    {"type": "integer", "name": "year", "label": "Year", "default": "2024"},
]
CHOICES = [
    {"list_name": "city", "name": "tijuana", "label": "Tijuana"},
    {"list_name": "city", "name": "juarez", "label": "Ciudad Juárez"},
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]
SETTINGS = {
    "form_id": "meta_form",
    "version": "3",
    "instance_name": "concat(${city}, '-', ${year})",
}


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "meta_form.xlsx", SURVEY, CHOICES, SETTINGS)


def assert_odk_metadata(answers: dict[str, Any], *, device: str, username: str) -> None:
    """What ODK Collect would have filled before the first question."""
    assert datetime.fromisoformat(answers["start"]).tzinfo is not None
    assert answers["today"] == answers["start"][:10]
    assert answers["deviceid"] == device
    assert answers["username"] == username
    assert UUID.match(answers["meta/instanceID"]), answers.get("meta/instanceID")
    assert answers["interview_date"] == answers["today"]  # a dynamic default
    assert answers["consent"] == "yes" and answers["year"] == 2024  # literal defaults
    # A laptop has no phone number or SIM card: these stay blank, as Collect leaves them
    # on a device without one.
    assert "phone" not in answers and "sim" not in answers
    assert "end" not in answers  # stamped when the interview is finalized


def test_a_session_of_a_new_interview_fills_metadata_around_given_answers(
    form_path: Path,
) -> None:
    form = load_form(form_path)
    session = Session(
        form,
        {"city": "juarez", "interviewer": "CJ-02"},
        now=lambda: NOW,
        device_id="laptop-7",
        username="CJ-02",
        new=True,
    )
    answers = session.answers()
    assert_odk_metadata(answers, device="laptop-7", username="CJ-02")
    assert answers["start"].startswith("2024-05-17T10:30:00")
    assert (answers["city"], answers["interviewer"]) == ("juarez", "CJ-02")
    assert answers["meta/instanceName"] == "juarez-2024"
    # Reopening the same answers fills nothing again: the instanceID stays.
    reopened = Session(form, answers, now=lambda: NOW + timedelta(days=3))
    assert reopened.answers()["meta/instanceID"] == answers["meta/instanceID"]
    assert reopened.answers()["today"] == "2024-05-17"


def test_a_given_answer_wins_over_its_default(form_path: Path) -> None:
    form = load_form(form_path)
    answers = Session(form, {"year": 1999, "consent": "no"}, new=True).answers()
    assert (answers["year"], answers["consent"]) == (1999, "no")
    assert UUID.match(answers["meta/instanceID"])


def test_the_api_start_interview_with_answers_up_front(tmp_path: Path, form_path: Path) -> None:
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(form_path).sha256
        submission = store.interviews.start(
            sha,
            interviewer="TJ-05",
            city="tijuana",
            actor_type="cso",
            answers={"city": "tijuana", "interviewer": "TJ-05"},
        )
        answers = store.interviews.working_answers(submission)
        assert_odk_metadata(answers, device=store.device_id, username="TJ-05")
        assert answers["city"] == "tijuana"
        # Two interviews never share an instanceID.
        other = store.interviews.start(sha, interviewer="TJ-05", city="tijuana", actor_type="cso")
        assert (
            store.interviews.working_answers(other)["meta/instanceID"] != answers["meta/instanceID"]
        )


def test_fieldapp_submit_fills_what_the_answers_file_leaves_out(
    tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps({"city": "juarez", "interviewer": "CJ-01"}), "utf-8")
    db = tmp_path / "field.db"
    argv = ["submit", "--db", str(db), "--form", str(form_path), "--answers", str(answers_file)]
    assert main([*argv, "--finalize", "--interviewer", "CJ-01"]) == 0, capsys.readouterr().err
    with Store.open(db) as store:
        (item,) = list(store.interviews.iter_current())
        started = {k: v for k, v in item.answers.items() if k != "end"}
        assert_odk_metadata(started, device=store.device_id, username="CJ-01")
        assert item.revision.state == "finalized"
        assert datetime.fromisoformat(item.answers["end"]) >= datetime.fromisoformat(
            item.answers["start"]
        )


def test_fieldapp_submit_keeps_an_instance_id_given_by_odk(
    tmp_path: Path, form_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = "uuid:2b8e1b34-6f0e-4c8a-9a53-3c1e2f0d9b7a"
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps({"city": "juarez", "meta/instanceID": given}), "utf-8")
    db = tmp_path / "field.db"
    argv = ["submit", "--db", str(db), "--form", str(form_path), "--answers", str(answers_file)]
    assert main(argv) == 0, capsys.readouterr().err
    with Store.open(db) as store:
        (item,) = list(store.interviews.iter_current())
        assert item.answers["meta/instanceID"] == given


def test_every_demo_interview_has_odk_metadata(tmp_path: Path, form_path: Path) -> None:
    db = tmp_path / "demo.db"
    run_demo(db, 4, seed=3, forms=[form_path])
    with Store.open(db) as store:
        items = list(store.interviews.iter_current())
        assert len(items) == 4
        for item in items:
            answers = item.answers
            assert UUID.match(answers["meta/instanceID"])
            assert answers["deviceid"] == item.revision.device_id
            assert answers["today"] == answers["start"][:10]
        assert len({item.answers["meta/instanceID"] for item in items}) == 4


def test_the_instance_id_stays_through_drafts_edits_and_reopening(
    tmp_path: Path, form_path: Path
) -> None:
    # Collect keeps a draft's instanceID; fieldapp keeps it for every revision of the
    # interview, also after it is finalized, reopened and edited (design-notes.md).
    with Store.open(tmp_path / "field.db") as store:
        sha = store.forms.add(form_path).sha256
        submission = store.interviews.start(
            sha, interviewer="TJ-05", city="tijuana", actor_type="cso", answers={"city": "tijuana"}
        )
        first = store.interviews.working_answers(submission)["meta/instanceID"]
        store.interviews.autosave(
            submission, {**store.interviews.working_answers(submission), "year": 2023}
        )
        store.interviews.save(submission)
        store.interviews.finalize(submission)
        store.interviews.reopen(submission)
        store.interviews.autosave(
            submission, {**store.interviews.working_answers(submission), "year": 2022}
        )
        store.interviews.finalize(submission)
        (head,) = store.interviews.heads(submission)
        assert head.answers is not None
        assert head.answers["meta/instanceID"] == first and head.answers["year"] == 2022
        assert head.answers["start"] == store.interviews.working_answers(submission)["start"]


def test_fieldapp_submit_lets_a_default_answer_a_required_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = write_xlsform(
        tmp_path / "required.xlsx",
        [
            {"type": "text", "name": "org", "label": "Org", "required": "yes"},
            {
                "type": "integer",
                "name": "year",
                "label": "Year",
                "required": "yes",
                "default": "2024",
            },
        ],
        settings={"form_id": "required", "version": "1"},
    )
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps({"org": "Red"}), "utf-8")
    db = tmp_path / "field.db"
    argv = ["submit", "--db", str(db), "--form", str(form), "--answers", str(answers_file)]
    assert main([*argv, "--finalize"]) == 0, capsys.readouterr().err
    with Store.open(db) as store:
        (item,) = list(store.interviews.iter_current())
        assert item.answers["year"] == 2024
    answers_file.write_text(json.dumps({"year": 1999}), "utf-8")
    assert main([*argv, "--finalize"]) == 1  # no default for org: still refused
    assert "org" in capsys.readouterr().err
