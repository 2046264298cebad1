"""The New interview dialog starts an interview with ODK's metadata and defaults filled."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from opened_windows import OPENED
from xlsform import write_xlsform

from fieldapp.core.store import Store
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.new_interview import NewInterviewDialog

UUID = re.compile(r"^uuid:[0-9a-f-]{36}$")


def test_new_interview_from_the_dialog_gets_metadata_and_defaults(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = write_xlsform(
        tmp_path / "meta.xlsx",
        survey=[
            {"type": "start", "name": "start"},
            {"type": "today", "name": "today"},
            {"type": "deviceid", "name": "deviceid"},
            {"type": "text", "name": "interviewer", "label": "Interviewer"},
            {"type": "select_one city", "name": "city", "label": "City"},
            {"type": "date", "name": "interview_date", "label": "Date", "default": "today()"},
        ],
        choices=[
            {"list_name": "city", "name": "tijuana", "label": "Tijuana"},
            {"list_name": "city", "name": "monterrey", "label": "Monterrey"},
        ],
        settings={"form_id": "meta", "version": "1"},
    )
    with Store.open(tmp_path / "interviews.db") as store:
        store.forms.add(form)
        device = store.device_id

    def accept(self: NewInterviewDialog) -> int:
        self.interviewer_edit.setText("MTY-03")
        self.city_box.setCurrentIndex(self.city_box.findData("monterrey"))
        self.accept()
        return 1

    monkeypatch.setattr(NewInterviewDialog, "exec", accept)
    window = MainWindow(tmp_path / "interviews.db")
    OPENED.append(window)
    window.show()
    qtbot.waitExposed(window)
    window.new_interview()
    OPENED.extend(window.interview_windows.values())
    (submission_id,) = window.interview_windows
    answers = window.store.interviews.working_answers(submission_id)
    assert (answers["city"], answers["interviewer"]) == ("monterrey", "MTY-03")
    assert UUID.match(answers["meta/instanceID"])
    assert answers["deviceid"] == device
    assert datetime.fromisoformat(answers["start"]).date().isoformat() == answers["today"]
    assert answers["interview_date"] == answers["today"]
