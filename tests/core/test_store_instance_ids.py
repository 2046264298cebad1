"""Migration m013: interviews stored without ``meta/instanceID`` get one, as a revision."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.core.forms.engine import Session
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import AUTHOR, instance_id_of

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "text", "name": "org", "label": "Organisation", "required": "yes"},
    {"type": "integer", "name": "members", "label": "Members"},
]


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings={"form_id": "cso", "version": "1"})


@pytest.fixture
def old_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Start interviews as fieldapp did before: no instanceID when answers came up front."""
    original = Session._start_value

    def without_instance_id(self: Session, node: object) -> None:
        if node.element.bind.preload.startswith("uid"):  # type: ignore[attr-defined]
            return
        original(self, node)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "_start_value", without_instance_id)
    yield
    monkeypatch.undo()


def _as_before_the_migration(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm013_instance_ids'")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()


def _revision_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM revisions").fetchone()[0])
    finally:
        conn.close()


def test_old_interviews_get_a_stable_instance_id_as_a_new_revision(
    tmp_path: Path, form: Path, old_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        draft = store.interviews.start(
            sha, interviewer="TJ-01", city="tijuana", actor_type="cso", answers={"org": "Red"}
        )
        store.interviews.autosave(draft, {**store.interviews.working_answers(draft), "members": 12})
        done = store.interviews.start(
            sha, interviewer="TJ-01", city="tijuana", actor_type="cso", answers={"org": "Plan"}
        )
        finalized_before = store.interviews.finalize(done)
        assert "meta/instanceID" not in store.interviews.working_answers(draft)
    monkeypatch.undo()
    _as_before_the_migration(path)
    before = _revision_count(path)

    with Store.open(path) as store:
        assert _revision_count(path) == before + 2
        (head,) = store.interviews.heads(done)
        assert head.parents == (finalized_before,) and head.state == "finalized"
        assert head.author == AUTHOR
        assert head.answers is not None
        assert head.answers["meta/instanceID"] == instance_id_of(done)
        assert head.answers["org"] == "Plan"
        # The open draft continues from the added revision and keeps the same instanceID.
        answers = store.interviews.working_answers(draft)
        assert answers["members"] == 12 and answers["meta/instanceID"] == instance_id_of(draft)
        saved = store.interviews.save(draft)
        (draft_head,) = store.interviews.heads(draft)
        assert draft_head.revision_id == saved
        finalized = store.interviews.finalize(draft)
        (final_head,) = store.interviews.heads(draft)
        assert final_head.revision_id == finalized
        assert final_head.answers is not None
        assert final_head.answers["meta/instanceID"] == instance_id_of(draft)
    count = _revision_count(path)
    with Store.open(path):
        assert _revision_count(path) == count  # applied once


def test_only_the_device_of_a_head_adds_its_revision_so_merging_makes_no_conflict(
    tmp_path: Path, form: Path, old_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, office = tmp_path / "laptop.db", tmp_path / "office.db"
    with Store.open(laptop) as store:
        sha = store.forms.add(form).sha256
        submission = store.interviews.start(
            sha, interviewer="CJ-02", city="juarez", actor_type="cso", answers={"org": "Red"}
        )
        store.interviews.finalize(submission)
    with Store.open(office) as store:
        merge_database(store, laptop)
    monkeypatch.undo()
    _as_before_the_migration(laptop)
    _as_before_the_migration(office)
    with Store.open(office) as store:  # the supervisor upgrades first: nothing of theirs
        (head,) = store.interviews.heads(submission)
        assert head.answers is not None and "meta/instanceID" not in head.answers
    with Store.open(laptop) as store:
        (laptop_head,) = store.interviews.heads(submission)
    with Store.open(office) as store:
        merge_database(store, laptop)
        (head,) = store.interviews.heads(submission)  # one head: the laptop's added revision
        assert head.revision_id == laptop_head.revision_id
        assert head.answers is not None
        assert head.answers["meta/instanceID"] == instance_id_of(submission)
    with Store.open(laptop) as store:
        merge_database(store, office)
        assert len(store.interviews.heads(submission)) == 1


def test_a_form_without_instance_id_leaves_its_interviews_alone(
    tmp_path: Path, old_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = write_xlsform(
        tmp_path / "bare.xlsx",
        SURVEY,
        settings={"form_id": "bare", "version": "1", "omit_instanceID": "yes"},
    )
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        sha = store.forms.add(form).sha256
        store.interviews.start(
            sha, interviewer="TJ-01", city="tijuana", actor_type="cso", answers={"org": "Red"}
        )
    monkeypatch.undo()
    _as_before_the_migration(path)
    before = _revision_count(path)
    with Store.open(path):
        assert _revision_count(path) == before
