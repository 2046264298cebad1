"""`fieldapp demo`: realistic interviews that pass the forms' own logic."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.demo import DemoReport, demo_devices, real_interviews, run_demo
from fieldapp.core.export import export_workbook
from fieldapp.core.forms.engine import check_answers
from fieldapp.core.progress import progress
from fieldapp.core.store import CurrentInterview, Store

MEXICO = dt.timezone(dt.timedelta(hours=-6))
GOVERNMENT_WORDS = ("Secretar", "Oficina", "Direcci", "Regidur", "Ayuntamiento", "Gobierno")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoReport]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    return path, run_demo(path, 24, seed=7)


def current(path: Path) -> list[CurrentInterview]:
    with Store.open(path) as store:
        return list(store.interviews.iter_current())


def test_the_demo_writes_the_interviews_it_reports(demo: tuple[Path, DemoReport]) -> None:
    path, report = demo
    interviews = current(path)
    assert len(interviews) == report.interviews == 24
    states = Counter(item.revision.state for item in interviews)
    assert states["finalized"] == report.finalized > 0
    assert states["draft"] == report.drafts > 0
    assert {item.submission.city for item in interviews} == {
        "tijuana",
        "juarez",
        "monterrey",
        "nuevo_laredo",
    }
    assert len({item.submission.interviewer for item in interviews}) >= 4
    assert len({item.submission.actor_type for item in interviews}) >= 3
    assert sum(report.by_form.values()) == 24


def test_every_finalized_interview_passes_its_forms_logic(
    demo: tuple[Path, DemoReport],
) -> None:
    path, _ = demo
    with Store.open(path) as store:
        for item in store.interviews.iter_current():
            form = store.forms.of(item.submission.submission_id)
            problems = check_answers(form, item.answers)
            if item.revision.state == "finalized":
                assert problems == [], (item.submission.submission_id, problems)
            else:  # a draft may miss answers, but what it holds is valid
                assert {problem.kind for problem in problems} <= {"required"}
            assert item.answers["city"] == item.submission.city
            assert item.answers["interviewer"] == item.submission.interviewer


def test_the_interviews_look_like_fieldwork(demo: tuple[Path, DemoReport]) -> None:
    path, report = demo
    interviews = current(path)
    with Store.open(path) as store:
        histories = [store.interviews.history(item.submission.submission_id) for item in interviews]
    devices = {revision.device_id for history in histories for revision in history}
    assert len(devices) >= 4  # written on several laptops, merged here
    reopened = [h for h in histories if [r.state for r in h].count("finalized") >= 2]
    assert len(reopened) == report.reopened > 0
    answers = [item.answers for item in interviews]
    assert report.repeat_instances == sum(len(a.get("mechanisms", [])) for a in answers) > 0
    texts = [v for a in answers for v in a.values() if isinstance(v, str)]
    assert max(len(t) for t in texts) > 500
    assert any("ó" in t or "á" in t for t in texts)  # Spanish, accents intact
    multiple = [v for a in answers for v in a.values() if isinstance(v, list) and v]
    assert any(isinstance(v[0], str) and len(v) >= 2 for v in multiple)
    names = [item.revision.instance_name or "" for item in interviews]
    assert any(
        name.startswith(("CSO/OSC · ", "Gov/Gob · ", "Security/Seguridad · ")) for name in names
    )
    assert Counter(a.get("consent") for a in answers)["yes"] > 12


def _first_finalized(path: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """submission -> (interviewer, answers of its first finalized revision)."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    with Store.open(path) as store:
        for item in store.interviews.iter_current():
            sid = item.submission.submission_id
            for revision in store.interviews.history(sid):
                if revision.state == "finalized" and revision.answers is not None:
                    found[sid] = (item.submission.interviewer, dict(revision.answers))
                    break
    return found


def test_interviews_last_as_long_as_real_ones(demo: tuple[Path, DemoReport]) -> None:
    path, report = demo
    finalized = _first_finalized(path)
    assert len(finalized) == report.finalized
    for _, answers in finalized.values():
        start = dt.datetime.fromisoformat(answers["start"])
        end = dt.datetime.fromisoformat(answers["end"])
        # One clock for both stamps, or an 80-minute interview reads "14:51 -> 21:41".
        assert start.utcoffset() == end.utcoffset(), (answers["start"], answers["end"])
        assert 30 <= (end - start).total_seconds() / 60 <= 120, (answers["start"], answers["end"])
        assert 9 <= start.astimezone(MEXICO).hour <= 18, answers["start"]


def test_status_and_the_export_give_the_same_durations(
    demo: tuple[Path, DemoReport], tmp_path: Path
) -> None:
    path, _ = demo
    export_workbook(path, tmp_path / "all.xlsx")
    by_researcher: dict[str, list[float]] = {}
    book = load_workbook(tmp_path / "all.xlsx", read_only=True)
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows))
        if "_duration_min" not in header:
            continue
        column = {name: header.index(name) for name in ("_interviewer", "_state", "_duration_min")}
        for row in rows:
            if row[column["_state"]] != "draft":
                minutes = row[column["_duration_min"]]
                assert isinstance(minutes, (int, float))
                by_researcher.setdefault(str(row[column["_interviewer"]]), []).append(minutes)
    book.close()
    with Store.open(path) as store:
        status = {r.interviewer: r.median_minutes for r in progress(store).researchers}
    exported = {who: statistics.median(values) for who, values in by_researcher.items()}
    assert status == pytest.approx(exported) and len(status) >= 4


def test_answers_fit_the_actor_and_long_texts_do_not_repeat(
    demo: tuple[Path, DemoReport],
) -> None:
    path, _ = demo
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for item in current(path):
        by_actor.setdefault(item.submission.actor_type, []).append(dict(item.answers))
    roles = [
        a["profile/respondent_role"] for a in by_actor["cso"] if "profile/respondent_role" in a
    ]
    offices = [a["profile/office"] for a in by_actor["gov"] if "profile/office" in a]
    assert roles and offices
    # A civil-society representative holds a post in an organisation, not a ministry.
    assert not any("Secretaría" in role or "gobernador" in role for role in roles), roles
    assert all(office.startswith(GOVERNMENT_WORDS) for office in offices), offices
    names = [a["respondent_name"] for v in by_actor.values() for a in v if "respondent_name" in a]
    assert all(len(name.split()) >= 2 and name[0].isupper() for name in names), names
    for answers in (a for v in by_actor.values() for a in v):
        for key, value in answers.items():
            if isinstance(value, str) and len(value) > 200:
                sentences = re.split(r"(?<=[.!?])\s+", value)
                assert len(sentences) == len(set(sentences)), (key, value)


def _content(path: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for item in current(path):
        # Only the ids are new each run: the laptops' device ids and the instance uuids.
        fresh = ("deviceid", "meta/instanceID")
        answers: dict[str, Any] = {k: v for k, v in item.answers.items() if k not in fresh}
        rows.append(
            (
                item.submission.form_id,
                item.submission.interviewer,
                item.revision.state,
                json.dumps(answers, sort_keys=True, ensure_ascii=False),
            )
        )
    return sorted(rows)


def test_the_same_seed_gives_the_same_interviews(tmp_path: Path) -> None:
    run_demo(tmp_path / "a.db", 4, seed=3)
    run_demo(tmp_path / "b.db", 4, seed=3)
    run_demo(tmp_path / "c.db", 4, seed=4)
    assert _content(tmp_path / "a.db") == _content(tmp_path / "b.db")
    assert _content(tmp_path / "a.db") != _content(tmp_path / "c.db")


def test_the_demo_fills_any_form_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = write_xlsform(
        tmp_path / "household.xlsx",
        survey=[
            {
                "type": "text",
                "name": "code",
                "label": "Code",
                "required": "yes",
                "constraint": "string-length(.) >= 3",
                "constraint_message": "3 letters",
            },
            {  # shown by a later answer: the walk must come back for it
                "type": "text",
                "name": "many",
                "label": "Why so many?",
                "required": "yes",
                "relevant": "${people} > 2",
            },
            {
                "type": "integer",
                "name": "people",
                "label": "People",
                "required": "yes",
                "constraint": ". >= 1 and . <= 12",
                "constraint_message": "1 to 12",
            },
            {"type": "select_multiple fruit", "name": "fruit", "label": "Fruit", "required": "yes"},
            {
                "type": "text",
                "name": "why",
                "label": "Why",
                "required": "yes",
                "relevant": "selected(${fruit}, 'pear')",
            },
            {"type": "begin_repeat", "name": "member", "label": "Member"},
            {
                "type": "integer",
                "name": "age",
                "label": "Age",
                "required": "yes",
                "constraint": ". >= 18 and . <= 99",
                "constraint_message": "adults",
            },
            {"type": "end_repeat"},
        ],
        choices=[
            {"list_name": "fruit", "name": "apple", "label": "Apple"},
            {"list_name": "fruit", "name": "pear", "label": "Pear"},
        ],
        settings={"form_id": "household", "version": "1"},
    )
    db = tmp_path / "household.db"
    argv = ["demo", "--db", str(db), "--interviews", "5", "--form", str(form), "--json"]
    assert main([*argv, "--workers", "1"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["interviews"] == 5 and printed["by_form"] == {"household": 5}
    with Store.open(db) as store:
        interviews = list(store.interviews.iter_current())
        for item in interviews:
            problems = check_answers(store.forms.of(item.submission.submission_id), item.answers)
            assert all(p.kind == "required" for p in problems)
            if item.revision.state == "finalized":
                assert problems == []
                assert all(18 <= m["age"] <= 99 for m in item.answers.get("member", []))
                assert ("many" in item.answers) is (item.answers["people"] > 2)
    assert any("many" in item.answers for item in interviews)


def test_a_bad_count_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--db", str(tmp_path / "x.db"), "--interviews", "0"]) == 1
    err = capsys.readouterr().err
    assert "between 1 and" in err and "Traceback" not in err
    assert not (tmp_path / "x.db").exists()


def test_the_demo_leaves_real_interviews_and_the_default_database_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    form = write_xlsform(
        tmp_path / "visit.xlsx",
        [{"type": "text", "name": "note", "label": "Nota", "required": "yes"}],
        settings={"form_id": "visit", "version": "1"},
    )
    demo_args = ["demo", "--interviews", "3", "--form", str(form)]
    default = tmp_path / "researcher.db"
    monkeypatch.setenv("FIELDAPP_DB", str(default))
    assert main(demo_args) == 1
    err = capsys.readouterr().err
    assert "--db" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not default.exists(), "nothing written into the researcher's database"

    with Store.open(default) as store:  # a real interview, typed on this laptop
        sha = store.forms.add(form).sha256
        store.interviews.start(sha, interviewer="TJ01", city="tijuana", actor_type="visit")
    assert main([*demo_args, "--db", str(default)]) == 1
    err = capsys.readouterr().err
    assert "1 interview the demo did not write" in err and "--force" in err
    with Store.open(default) as store:
        assert store.interviews.count() == 1

    # A demo database takes more demo interviews; --force is the one way into real data.
    demo_db = tmp_path / "demo.db"
    assert main([*demo_args, "--db", str(demo_db)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"3 demo interviews written to {demo_db} from ") and " s." in said
    assert main([*demo_args, "--db", str(demo_db)]) == 0
    assert main([*demo_args, "--db", str(default), "--force"]) == 0
    capsys.readouterr()
    with Store.open(demo_db) as store:
        assert store.interviews.count() == 6 and real_interviews(store) == 0
    with Store.open(default) as store:
        # The demo's interviews stay recognisable wherever they go (merges carry the mark).
        assert store.interviews.count() == 4 and real_interviews(store) == 1
        assert len(demo_devices(store)) >= 1


def _codes(answers: dict[str, Any], found: Counter[str]) -> None:
    for value in answers.values():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for entry in value:
                _codes(entry, found)
        elif isinstance(value, list):
            found.update(code for code in value if code in ("97", "98", "99"))
        elif value in ("97", "98", "99"):
            found[value] += 1


def test_the_demo_walks_the_study_forms_new_paths(demo: tuple[Path, DemoReport]) -> None:
    path, report = demo
    interviews = current(path)
    answers = [dict(item.answers) for item in interviews]
    # Interviews that stopped are finalized honestly, marked with why they stopped.
    stopped = [
        item
        for item in interviews
        if item.answers.get("closing/interview_status") in ("respondent_ended", "safety")
    ]
    assert len(stopped) == report.stopped > 0
    assert all(item.revision.state == "finalized" for item in stopped)
    assert Counter(a.get("closing/interview_status") for a in answers)["complete"] > 10
    # Refusals and don't-knows occur, as in the field, and never as a scale's point.
    found: Counter[str] = Counter()
    for answer in answers:
        _codes(answer, found)
    assert found["97"] and found["98"]
    # Every citation level, and both sides of the collaboration gate.
    assert {a.get("anonymity") for a in answers} >= {"named", "position", "description"}
    assert any("collaboration/barriers" in a for a in answers)
    assert any(a.get("mechanisms") for a in answers)
    assert not any("profile/office" in a for a in answers if a.get("anonymity") == "anonymous")


def test_an_interview_stopped_just_after_other_was_ticked_is_still_finalized(
    tmp_path: Path,
) -> None:
    """Seed 2 stopped an interview midway right after ticking "Other" among a mechanism's
    sectors, and finalizing it refused the missing text: `fieldapp demo --seed 2` ended
    with "The interview cannot be finalized yet" and wrote nothing to try."""
    report = run_demo(tmp_path / "demo.db", 8, seed=2, workers=1)

    assert report.interviews == 8
    assert report.stopped >= 1
    with Store.open(tmp_path / "demo.db") as store:
        for item in store.interviews.iter_current():
            if item.revision.state == "finalized":
                form = store.forms.load(item.submission.form_sha256)
                assert check_answers(form, item.answers) == [], item.answers


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_demo_names_a_forms_own_repeat_and_none_where_it_has_none(
    tmp_path: Path,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`demo --form` called a household roster's rows "mechanism rows" (the study forms'
    repeat), and said "0 mechanism rows" for a form without a repeat."""
    monkeypatch.setenv("FIELDAPP_LANG", language)
    roster = write_xlsform(
        tmp_path / "household.xlsx",
        [
            {"type": "begin_repeat", "name": "member", "label": "Member"},
            {"type": "integer", "name": "age", "label": "Age", "required": "yes"},
            {"type": "end_repeat"},
        ],
        settings={"form_id": "household", "version": "1"},
    )
    plain = write_xlsform(
        tmp_path / "visit.xlsx",
        [{"type": "text", "name": "note", "label": "Nota", "required": "yes"}],
        settings={"form_id": "visit", "version": "1"},
    )
    argv = ["demo", "--interviews", "6", "--workers", "1", "--form"]
    assert main([*argv, str(roster), "--db", str(tmp_path / "roster.db")]) == 0
    said = capsys.readouterr().out
    with Store.open(tmp_path / "roster.db") as store:
        rows = sum(len(item.answers.get("member", [])) for item in store.interviews.iter_current())
    assert rows > 0
    entries = {
        "en": f"{rows} rows of the repeat member",
        "es": f"{rows} filas de la repetición member",
    }
    assert entries[language] in said and "mecanismo" not in said and "mechanism" not in said

    assert main([*argv, str(plain), "--db", str(tmp_path / "plain.db")]) == 0
    said = capsys.readouterr().out
    assert "mechanism" not in said and "mecanismo" not in said
    assert "repeat" not in said and "repetici" not in said and "fila" not in said
    assert re.search(r"(drafts?|borrador(es)?), \S+ conflict", said), "drafts, then conflicts"
