"""A form with an ``audit`` question keeps ODK's audit log, ``audit.csv`` (issue 13)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.audit import AUDIT_FILE, AuditLog
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form
from fieldapp.core.store import Store

START = datetime(2026, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=-6)))


class Clock:
    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def _form(tmp_path: Path, audit: bool = True) -> Path:
    survey = [
        {"type": "text", "name": "name", "label": "Name"},
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "begin repeat", "name": "people", "label": "People"},
        {"type": "text", "name": "who", "label": "Who"},
        {"type": "end repeat"},
    ]
    if audit:
        survey.insert(0, {"type": "audit", "name": "audit"})
    return write_xlsform(tmp_path / "audited.xlsx", survey=survey)


@pytest.fixture
def form(tmp_path: Path) -> Form:
    return load_form(_form(tmp_path))


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def test_a_session_logs_what_odk_collect_logs(form: Form) -> None:
    clock = Clock()
    session = Session(form, now=clock)
    for typed in ("A", "An", "Ana"):  # typing, keystroke by keystroke: one visit
        session.set_answer(("name",), typed)
    session.set_answer(("age",), 31)
    entry, _ = session.add_repeat(("people",))
    session.set_answer((*entry, "who"), "sister")
    session.remove_repeat(("people",), 0)
    log = session.audit_event("form save")
    assert log is not None
    rows = _rows(log)
    assert rows[0] == ["event", "node", "start", "end"]
    assert [row[:2] for row in rows[1:]] == [
        ["form start", ""],
        ["question", "/data/name"],
        ["question", "/data/age"],
        ["add repeat", "/data/people[2]"],
        ["question", "/data/people[2]/who"],
        ["delete repeat", "/data/people[1]"],
        ["form save", ""],
    ]
    stamps = [int(row[2]) for row in rows[1:]]
    assert stamps == sorted(stamps) and stamps[0] == int((START.timestamp() + 1) * 1000)
    name = rows[2]
    assert int(name[3]) - int(name[2]) == 2000  # from "A" to "Ana", two seconds later
    assert rows[1][3] == "" and rows[-1][3] == ""  # form events have no end, as in Collect
    # The audit question names the log, as ODK's instance does.
    assert session.answers()["meta/audit"] == AUDIT_FILE


def test_a_reopened_interview_continues_its_log(form: Form) -> None:
    first = Session(form, now=Clock())
    first.set_answer(("name",), "Ana")
    log = first.audit_event("form exit")
    again = Session(form, first.answers(), now=Clock(), audit=log)
    again.set_answer(("age",), 40)
    events = [row[0] for row in _rows(again.audit_event("form finalize") or b"")[1:]]
    assert events == [
        "form start",
        "question",
        "form exit",
        "form resume",
        "question",
        "form finalize",
    ]


def test_a_form_without_audit_keeps_no_log(tmp_path: Path) -> None:
    session = Session(load_form(_form(tmp_path, audit=False)))
    session.set_answer(("name",), "Ana")
    assert session.audit is None and session.audit_event("form save") is None


def test_a_damaged_earlier_log_keeps_what_reads() -> None:
    assert AuditLog(b"\xff\xfe not text").rows == []
    kept = AuditLog(b"event,node,start,end\nform start,,1,\nquestion,/d/q\n")
    assert kept.rows == [("form start", "", "1", ""), ("question", "/d/q", "", "")]


def test_the_log_is_stored_with_the_interview_as_audit_csv(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "interviews.db")
    try:
        record = store.forms.add(_form(tmp_path))
        started = store.interviews.start(
            record.sha256, interviewer="TJ-07", city="tijuana", actor_type="cso"
        )
        form = store.forms.load(record.sha256)
        session = Session(form, store.interviews.working_answers(started))
        session.set_answer(("name",), "Ana")
        log = session.audit_event("form save")
        assert log is not None
        store.attachments.add(log, submission_id=started, filename=AUDIT_FILE)
        store.interviews.autosave(started, session.answers())
        store.interviews.save(started)
        head = store.interviews.heads(started)[0]
        assert head.answers["meta/audit"] == AUDIT_FILE
        stored = store.attachments.get(head.attachments[AUDIT_FILE])
        assert [row[0] for row in _rows(stored)[1:]] == ["form start", "question", "form save"]
    finally:
        store.close()
