"""An interview's life in the store: start, autosave, save, finalize, reopen, review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.messages import FieldappError
from fieldapp.core.store import InterviewFilter, Store

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "today", "name": "today"},
    {"type": "deviceid", "name": "deviceid"},
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {
        "type": "integer",
        "name": "members",
        "label": "Miembros",
        "required": "yes",
        "constraint": ". >= 1",
    },
    {"type": "select_one_from_file cities.csv", "name": "city", "label": "Ciudad"},
    {"type": "image", "name": "photo", "label": "Foto del local"},
]
SETTINGS = {"form_id": "cso", "form_title": "OSC", "version": "3", "instance_name": "${org}"}
CITIES_CSV = b"name,label\ntijuana,Tijuana\njuarez,Ciudad Juarez\n"


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "cities.csv").write_bytes(CITIES_CSV)
    return write_xlsform(tmp_path / "forms" / "cso.xlsx", SURVEY, settings=SETTINGS)


def test_a_form_is_kept_byte_for_byte_with_its_choice_file(
    store: Store, form_path: Path, tmp_path: Path
) -> None:
    record = store.forms.add(form_path)
    assert (record.form_id, record.version, record.title) == ("cso", "3", "OSC")
    assert store.forms.add(form_path) == record, "adding the same form again changes nothing"
    assert store.forms.records() == [record]
    stored = store.db.conn.execute("SELECT content FROM forms").fetchone()[0]
    assert bytes(stored) == form_path.read_bytes()
    (csv_name, csv_bytes) = store.db.conn.execute(
        "SELECT filename, content FROM form_files"
    ).fetchone()
    assert (csv_name, bytes(csv_bytes)) == ("cities.csv", CITIES_CSV)
    # A later edit of the CSV is a different form version; the old one stays as it was.
    (tmp_path / "forms" / "cities.csv").write_bytes(CITIES_CSV + b"monterrey,Monterrey\n")
    newer = store.forms.add(form_path)
    assert newer.sha256 != record.sha256
    assert len(store.forms.records()) == 2
    store.close()
    with Store.open(tmp_path / "field.db") as again:
        city = next(q for q in again.forms.load(record.sha256).questions() if q.name == "city")
        assert city.choices is not None
        names = {c.name for c in city.choices.choices}
        assert names == {"tijuana", "juarez"}


def test_starting_fills_the_metadata_and_lists_the_interview(store: Store, form_path: Path) -> None:
    sha = store.forms.add(form_path).sha256
    sid = store.interviews.start(sha, interviewer="ana", city="Tijuana", actor_type="cso")
    answers = store.interviews.working_answers(sid)
    assert answers["deviceid"] == store.device_id
    assert answers["today"] == answers["start"][:10]
    (row,) = store.interviews.page()
    assert (row.submission_id, row.state, row.city, row.interviewer) == (
        sid,
        "draft",
        "Tijuana",
        "ana",
    )
    assert row.form_title == "OSC" and not row.has_conflict
    assert store.interviews.submission(sid).created_on == store.device_id


def test_save_turns_the_autosaved_answers_into_a_new_revision(
    store: Store, form_path: Path
) -> None:
    sha = store.forms.add(form_path).sha256
    sid = store.interviews.start(sha, interviewer="ana", city="Tijuana", actor_type="cso")
    (first,) = store.interviews.history(sid)
    answers = {**store.interviews.working_answers(sid), "org": "Plan Estratégico de Juárez"}
    store.interviews.autosave(sid, answers)
    assert store.interviews.history(sid) == [first], "autosave writes no revision"
    assert store.interviews.working_answers(sid)["org"] == "Plan Estratégico de Juárez"
    saved = store.interviews.save(sid)
    history = store.interviews.history(sid)
    assert [r.revision_id for r in history] == [first.revision_id, saved]
    assert history[1].parents == (first.revision_id,)
    assert history[1].instance_name == "Plan Estratégico de Juárez"
    assert history[1].answers is not None and history[1].answers["org"].startswith("Plan")
    assert first.answers is not None and "org" not in first.answers, "old states stay as they were"
    assert store.interviews.save(sid) == saved, "saving with nothing changed makes no new revision"
    (row,) = store.interviews.page(InterviewFilter(text="juárez"))
    assert row.instance_name == "Plan Estratégico de Juárez" and not row.has_unsaved_changes


def test_finalize_lists_every_problem_and_writes_nothing(store: Store, form_path: Path) -> None:
    sha = store.forms.add(form_path).sha256
    sid = store.interviews.start(sha, interviewer="ana", city="Tijuana", actor_type="cso")
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "members": 0})
    before = store.interviews.history(sid)
    with pytest.raises(FieldappError) as caught:
        store.interviews.finalize(sid)
    assert caught.value.code == "store.finalize_problems"
    message = caught.value.text("en")
    assert "org:" in message and "members:" in message
    assert caught.value.message.params["count"] == 2
    assert store.interviews.history(sid) == before
    assert store.interviews.working_answers(sid)["members"] == 0, "the working copy is kept to fix"


def test_finalize_then_reopen_then_review(tmp_path: Path, form_path: Path) -> None:
    ticks = iter(range(1000))

    def clock() -> dt.datetime:  # every call one minute later
        return dt.datetime(2026, 5, 3, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=next(ticks))

    store = Store.open(tmp_path / "clocked.db", clock=clock)
    sha = store.forms.add(form_path).sha256
    sid = store.interviews.start(sha, interviewer="ana", city="Tijuana", actor_type="cso")
    store.interviews.autosave(
        sid, {**store.interviews.working_answers(sid), "org": "Consejo Cívico", "members": 40}
    )
    final = store.interviews.finalize(sid)
    (head,) = store.interviews.heads(sid)
    assert head.revision_id == final and head.state == "finalized"
    assert head.answers is not None
    assert head.answers["end"] > head.answers["start"], "end is stamped when finalizing"
    assert store.interviews.count(InterviewFilter(state="finalized")) == 1

    draft = store.interviews.reopen(sid, author="ana")
    (head,) = store.interviews.heads(sid)
    assert head.revision_id == draft and head.state == "draft"
    assert head.parents == (final,)
    assert head.answers is not None and head.answers["org"] == "Consejo Cívico"

    final_again = store.interviews.finalize(sid)
    approved = store.review.approve(sid, comment="Completa", author="supervisor")
    (head,) = store.interviews.heads(sid)
    assert (head.revision_id, head.state, head.parents) == (approved, "approved", (final_again,))
    (event,) = store.events.of(sid)
    assert (event.kind, event.payload, event.author) == (
        "approved",
        {"comment": "Completa"},
        "supervisor",
    )
    states = [r.state for r in store.interviews.history(sid)]
    assert states == ["draft", "finalized", "draft", "finalized", "approved"]
    store.close()


def test_an_attached_photo_joins_the_next_revision(store: Store, form_path: Path) -> None:
    sha = store.forms.add(form_path).sha256
    sid = store.interviews.start(sha, interviewer="ana", city="Tijuana", actor_type="cso")
    photo = b"\x89PNG fake image bytes" * 100
    digest = store.attachments.add(photo, submission_id=sid, filename="local.png")
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "photo": "local.png"})
    rid = store.interviews.save(sid)
    (head,) = store.interviews.heads(sid)
    assert head.revision_id == rid and head.attachments == {"local.png": digest}
    assert store.attachments.get(digest) == photo


def test_iter_current_streams_each_interview_with_its_head(store: Store, form_path: Path) -> None:
    sha = store.forms.add(form_path).sha256
    ids = []
    for i, city in enumerate(("Tijuana", "Monterrey", "Tijuana")):
        sid = store.interviews.start(sha, interviewer="ana", city=city, actor_type="cso")
        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "org": f"Org {i}"})
        store.interviews.save(sid)
        ids.append(sid)
    current = list(
        store.interviews.iter_current(form_id="cso", filters=InterviewFilter(city="Tijuana"))
    )
    assert [c.submission.submission_id for c in current] == [ids[0], ids[2]]
    assert [c.answers["org"] for c in current] == ["Org 0", "Org 2"]
    assert all(c.revision.state == "draft" and not c.has_conflict for c in current)
    assert list(store.interviews.iter_current(form_id="other")) == []
    today = dt.date.today()
    assert store.interviews.count(InterviewFilter(date_from=today - dt.timedelta(days=1))) == 3


def test_unknown_ids_get_clear_messages(store: Store) -> None:
    with pytest.raises(FieldappError) as caught:
        store.forms.load("f" * 64)
    assert caught.value.code == "store.unknown_form"
    with pytest.raises(FieldappError) as caught:
        store.interviews.history("no-such-interview")  # type: ignore[arg-type]
    assert caught.value.code == "store.unknown_submission"


def test_the_list_follows_a_corrected_city_and_interviewer(store: Store, form_path: Path) -> None:
    # The researcher started as "ana" in Juárez, then corrected both answers in the form:
    # the list, its filters and the supervisor's counts must follow the interview.
    survey = [*SURVEY, {"type": "text", "name": "interviewer", "label": "Código"}]
    path = write_xlsform(form_path.parent / "cso2.xlsx", survey, settings=SETTINGS)
    sha = store.forms.add(path).sha256
    sid = store.interviews.start(sha, interviewer="ana", city="juarez", actor_type="cso")
    store.interviews.autosave(
        sid, {**store.interviews.working_answers(sid), "city": "tijuana", "interviewer": "TJ07"}
    )
    store.interviews.save(sid)
    (row,) = store.interviews.page()
    assert (row.city, row.interviewer) == ("tijuana", "TJ07")
    assert store.interviews.count(InterviewFilter(city="juarez")) == 0
    assert store.interviews.count(InterviewFilter(city="tijuana")) == 1
    assert store.interviews.submission(sid).city == "juarez", "the starting choice itself is kept"
