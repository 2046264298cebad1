"""`fieldapp demo` leaves a few real conflicts for a supervisor trying the Conflicts desk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fieldapp.cli import main
from fieldapp.core.answer_rows import combine_rows, conflict_rows, differing_rows
from fieldapp.core.demo import DemoReport, real_interviews, run_demo
from fieldapp.core.forms.engine import check_answers
from fieldapp.core.forms.model import Question, QuestionType
from fieldapp.core.store import RevisionRecord, Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoReport]:
    path = tmp_path_factory.mktemp("demo-conflicts") / "demo.db"
    return path, run_demo(path, 24, seed=7)


def _rows(store: Store, sid: str) -> tuple[list[RevisionRecord], set[str]]:
    """The heads of a conflict and the rows that differ, as the desk lists them."""
    heads = store.interviews.heads(sid)
    answers = [head.answers or {} for head in heads]
    form = store.forms.of(sid)
    present = [e.key for e in form.walk() if any(e.key in a for a in answers)]
    return heads, differing_rows(answers, conflict_rows(form, answers, present))


def _parent_of_edit(store: Store, head: RevisionRecord) -> str:
    """The revision a laptop reopened: the parent of the draft this head finalized."""
    (draft,) = head.parents
    reopened = store.interviews.revision(draft)
    assert reopened is not None and reopened.state == "draft"
    (parent,) = reopened.parents
    return parent


def test_the_demo_makes_a_few_conflicts_as_two_laptops_make_them(
    demo: tuple[Path, DemoReport],
) -> None:
    path, report = demo
    with Store.open(path) as store:
        conflicts = store.interviews.conflicts()
        assert 2 <= len(conflicts) == report.conflicts <= 4
        differing: set[tuple[QuestionType | None, bool]] = set()
        for sid in conflicts:
            heads, rows = _rows(store, sid)
            assert len(heads) == 2 and {head.state for head in heads} == {"finalized"}
            assert len({head.device_id for head in heads}) == 2, "edited on two laptops"
            assert len({head.author for head in heads}) == 2, "by two interviewers"
            parents = {_parent_of_edit(store, head) for head in heads}
            assert len(parents) == 1, "both corrected the same finalized revision"
            (parent,) = parents
            original = store.interviews.revision(parent)
            assert original is not None and original.state == "finalized"
            assert store.forms.of(sid).public_key is None
            form = store.forms.of(sid)
            questions = {e.key: e for e in form.walk() if isinstance(e, Question)}
            people = rows - {"end"}
            assert people, "a person's correction differs, not only the device's stamp"
            for row in people:
                question = questions.get(row)
                differing.add((question.type if question else None, row.endswith("]")))
        # the answers a supervisor meets: a choice, and a repeat's entry
        assert (QuestionType.SELECT_ONE, False) in differing
        assert any(entry for _, entry in differing)
        assert real_interviews(store) == 0, "the spare laptop's edits are the demo's too"


def test_a_demo_conflict_resolves_end_to_end(demo: tuple[Path, DemoReport], tmp_path: Path) -> None:
    path, _ = demo
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    with Store.open(copy) as store:
        before = store.interviews.conflicts()
        sid = next(s for s in before if any(r.endswith("]") for r in _rows(store, s)[1]))
        heads, rows = _rows(store, sid)
        # take the older laptop's answers but the newer one's repeat entries
        choices = {row: (0 if row.endswith("]") else 1) for row in rows}
        answers = combine_rows([head.answers or {} for head in heads], choices, base=0)
        store.interviews.resolve_conflict(sid, answers, author="Rosa Díaz", choices=choices)
        (head,) = store.interviews.heads(sid)
        assert store.interviews.conflicts() == [s for s in before if s != sid]
        assert head.state == "finalized" and head.author == "Rosa Díaz"
        assert {p for p in head.parents} == {h.revision_id for h in heads}
        assert check_answers(store.forms.of(sid), head.answers or {}) == []
        for row in rows:
            wanted = heads[choices[row]].answers or {}
            assert _value(head.answers or {}, row) == _value(wanted, row), row


def _value(answers: dict[str, Any], row: str) -> Any:
    if row.endswith("]"):
        key, number = row[:-1].split("[")
        return answers[key][int(number) - 1]
    return answers.get(row)


def _conflicting_answers(path: Path) -> list[str]:
    fresh = ("deviceid", "meta/instanceID", "meta/deprecatedID")
    found = []
    with Store.open(path) as store:
        for sid in store.interviews.conflicts():
            for head in store.interviews.heads(sid):
                kept = {k: v for k, v in (head.answers or {}).items() if k not in fresh}
                found.append(json.dumps([head.author, head.saved_at, kept], sort_keys=True))
    return sorted(found)


def test_the_same_seed_gives_the_same_conflicts(tmp_path: Path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        run_demo(tmp_path / f"{name}.db", 6, seed=seed, workers=1)
    first = _conflicting_answers(tmp_path / "a.db")
    assert first and first == _conflicting_answers(tmp_path / "b.db")
    assert _conflicting_answers(tmp_path / "c.db") != first


def test_a_demo_of_one_laptop_still_has_conflicts_from_the_teams_spare_laptop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "small.db"
    assert main(["demo", "--db", str(db), "--interviews", "5", "--seed", "2", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    with Store.open(db) as store:
        conflicts = store.interviews.conflicts()
        assert len(conflicts) == printed["conflicts"] >= 1
        interviewers = {h.author for s in conflicts for h in store.interviews.heads(s)}
        assert interviewers == {"TJ01", "TJ02"}, "the city's two interviewers, no other city"
    assert printed["devices"] == 2


def test_the_summary_says_how_many_conflicts_and_where_to_resolve_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--interviews", "12", "--workers", "1"]) == 0
    said = capsys.readouterr().out
    with Store.open(db) as store:
        count = len(store.interviews.conflicts())
    assert count >= 2
    assert f"{count} conflicts (interviews corrected on two laptops" in said
    assert "View › Conflicts" in said


def test_sealed_forms_get_no_conflict(tmp_path: Path) -> None:
    """A sealed interview cannot be reopened on a laptop: the demo corrects none."""
    from study_keys import key_pair
    from xlsform import write_xlsform

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        [
            {"type": "select_one yn", "name": "safe", "label": "Seguro", "required": "yes"},
            {"type": "text", "name": "story", "label": "Relato", "required": "yes"},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", "label": "Sí"},
            {"list_name": "yn", "name": "no", "label": "No"},
        ],
        settings={"form_id": "sealed", "version": "1", "public_key": key_pair().public_key},
    )
    report = run_demo(tmp_path / "demo.db", 10, forms=[form], drafts_passphrase="correct horse 42")
    assert report.finalized >= 2 and report.conflicts == 0
    with Store.open(tmp_path / "demo.db") as store:
        assert store.interviews.conflicts() == []
