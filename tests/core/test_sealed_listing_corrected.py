"""A city or interviewer corrected inside a sealed interview: the list and the counts follow.

The study's forms ask the city and the interviewer code again on their first page,
filled from *New interview*. A researcher who started in the city she was in yesterday
corrects it there; the interview is sealed, its answers unreadable to the listing, and
the list, the counts by city and each researcher's progress kept the city she started
with, on her laptop and at the supervisor's, for ever.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from study_keys import sealed_form

from fieldapp.core import crypto
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.progress import progress
from fieldapp.core.quarantine import quarantine_rows
from fieldapp.core.store import Store, SubmissionId
from fieldapp.core.store.records import InterviewFilter

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
SURVEY = [
    {"type": "text", "name": "city", "label": "Ciudad"},
    {"type": "text", "name": "interviewer", "label": "Código"},
    {"type": "text", "name": "story", "label": "Relato"},
]
STORY = "El comandante cobra cuota en la colonia"


@pytest.fixture
def form_path(tmp_path: Path, pair: crypto.KeyPair) -> Path:
    return sealed_form(tmp_path, pair, SURVEY, form_id="cso_sealed")


def _corrected(store: Store, form_path: Path, **answers: str) -> SubmissionId:
    """Start in Juárez as JZ01, then answer the form's city and code with ``answers``."""
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    sha = store.forms.add(form_path).sha256
    sid = store.interviews.start(sha, interviewer="JZ01", city="juarez", actor_type="cso")
    started = store.interviews.working_answers(sid)
    store.interviews.autosave(sid, {**started, "story": STORY, **answers})
    store.interviews.save(sid)
    return sid


def _listed(store: Store) -> tuple[str, str]:
    (row,) = store.interviews.page()
    return row.city, row.interviewer


def test_a_city_and_code_corrected_in_a_sealed_interview_are_listed_here_and_merged(
    tmp_path: Path, form_path: Path, study_key: crypto.StudyKey
) -> None:
    with Store.open(tmp_path / "laptop.db") as laptop:
        sid = _corrected(laptop, form_path, city="tijuana", interviewer="TJ07")
        stored = laptop.conn.execute("SELECT answers FROM revisions").fetchall()
        assert stored == [(None,), (None,)]  # sealed, as a sealed form's drafts are
        assert _listed(laptop) == ("tijuana", "TJ07")
        assert laptop.interviews.count(InterviewFilter(city="juarez")) == 0
        laptop.interviews.finalize(sid)
        assert _listed(laptop) == ("tijuana", "TJ07")
        assert laptop.interviews.submission(sid).city == "juarez", "the start itself is kept"
        # What travels in clear beside the sealed answers: the two corrected values alone
        # (the submission row already holds their started values), never another answer.
        payloads = laptop.conn.execute(
            "SELECT payload FROM events WHERE kind = 'listing_corrected'"
        ).fetchall()
        assert [json.loads(p) for (p,) in payloads] == [{"city": "tijuana", "interviewer": "TJ07"}]
        assert not any(STORY in p for (p,) in payloads)

    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "laptop.db")
        assert _listed(supervisor) == ("tijuana", "TJ07")
        (cell,) = [c for c in progress(supervisor).cells if sum(c.counts.values())]
        assert (cell.city, cell.counts) == ("tijuana", {"finalized": 1})
        assert [r.interviewer for r in progress(supervisor).researchers] == ["TJ07"]
        # an approval copies the sealed version: the correction still holds
        supervisor.keys.unlock(study_key)
        supervisor.review.approve(sid, author="Supervisora")
        assert _listed(supervisor) == ("tijuana", "TJ07")

    # the analyst's export, filtered by the city the list shows, says that city too
    out = export_workbook(
        tmp_path / "supervisor.db",
        tmp_path / "tijuana.xlsx",
        ExportOptions(cities=("tijuana",)),
        study_key=study_key,
    ).path
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("cso_sealed").to_python()
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert (cells["_city"], cells["_interviewer"]) == ("tijuana", "TJ07")


def test_the_merge_summary_counts_a_corrected_interview_under_the_city_the_list_shows(
    tmp_path: Path, form_path: Path
) -> None:
    """The supervisor's merge said "Ciudad Juárez: 1 interview new" for an interview her
    list, progress and export then showed in Tijuana (walksup): its lines by city read
    the started city; they read the listing's, as every other count does."""
    with Store.open(tmp_path / "laptop.db") as laptop:
        sid = _corrected(laptop, form_path, city="tijuana", interviewer="TJ07")
        laptop.interviews.finalize(sid)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        report = merge_database(supervisor, tmp_path / "laptop.db")
        assert [(g.city, g.interviews, g.revisions) for g in report.groups] == [("tijuana", 1, 3)]
        assert "    tijuana: 1 new interview, 3 new versions" in summary_lines(report, "en")


def test_a_correction_taken_back_lists_the_started_values_again(
    store: Store, form_path: Path
) -> None:
    sid = _corrected(store, form_path, city="tijuana")
    assert _listed(store) == ("tijuana", "JZ01")
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "city": "juarez"})
    store.interviews.save(sid)
    assert _listed(store) == ("juarez", "JZ01")
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "city": ""})
    store.interviews.save(sid)
    assert _listed(store) == ("juarez", "JZ01"), "an emptied answer lists the start, as in clear"


def test_an_unchanged_city_writes_no_event(store: Store, form_path: Path) -> None:
    _corrected(store, form_path)  # the form's answers as New interview filled them
    assert _listed(store) == ("juarez", "JZ01")
    count = "SELECT count(*) FROM events WHERE kind = 'listing_corrected'"
    assert store.conn.execute(count).fetchone()[0] == 0


def test_a_correction_by_another_device_or_set_aside_is_not_listed(
    store: Store, form_path: Path
) -> None:
    """A forged package may carry such an event about an interview another laptop wrote:
    only the device that wrote the version it names is listed, and none set aside."""
    sid = _corrected(store, form_path, city="tijuana")
    conn = store.conn
    (event_id, revision) = conn.execute(
        "SELECT uuid, revision_uuid FROM events WHERE kind = 'listing_corrected'"
    ).fetchone()
    with store.transaction() as db:
        db.conn.execute(
            "INSERT INTO events (uuid, submission_uuid, revision_uuid, kind, author, "
            "device_id, at, payload) VALUES ('forged', ?, ?, 'listing_corrected', '', "
            "'another-laptop', '2099-01-01T00:00:00.000000Z', ?)",
            [sid, revision, json.dumps({"city": "monterrey", "interviewer": "MT09"})],
        )
    store.refresh_derived()
    assert _listed(store) == ("tijuana", "JZ01")

    quarantine_rows(store, [("events", event_id)], reason="a test")
    assert _listed(store) == ("juarez", "JZ01")
