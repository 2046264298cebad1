"""fieldapp against a real ODK Central: pull, review both ways, idempotence, sealed.

Skipped, with the reason, unless ``FIELDAPP_CENTRAL_*`` name a server (see
``central_live.ENV`` and ``tests/integration/README.md``). Each test sends submissions
Central has never seen (fresh instanceIDs), so runs do not disturb one another.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from central_live import (
    FORM_ID,
    STUDY_FORM,
    Laptop,
    instance_id,
    make_laptop,
    missing,
    send_as_collect,
    setting,
)

from fieldapp.core.central.pull import PullReport, mirror_path, pull, server_name
from fieldapp.core.central.rest import ProjectSession
from fieldapp.core.central.review_map import apply_central_reviews, push_reviews
from fieldapp.core.merge import merge_database
from fieldapp.core.review import approve, return_interview
from fieldapp.core.store import Store

pytestmark = pytest.mark.skipif(
    bool(missing()),
    reason="no ODK Central given: set " + ", ".join(missing()) + " (tests/integration/README.md)",
)


def database_digest(path: Path) -> str:
    """One hash of every row of every table: equal digests, nothing changed."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(path)
    try:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for (table,) in tables.fetchall():
            digest.update(table.encode())
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


@pytest.fixture
def api() -> ProjectSession:
    with ProjectSession(
        setting("url"), setting("plain_project"), setting("email"), setting("password")
    ) as session:
        yield session


@pytest.fixture
def sent(tmp_path: Path) -> Laptop:
    """A laptop whose three finalized interviews went up to the plain project."""
    laptop = make_laptop(tmp_path / "laptop.db", 3)
    with Store.open(laptop.path) as store:
        for submission in laptop.interviews:
            status = send_as_collect(
                store, submission, setting("plain_project"), setting("plain_token")
            )
            assert status == 201
    return laptop


def supervisor(tmp_path: Path) -> Path:
    path = tmp_path / "supervisor.db"
    with Store.open(path) as store:
        store.add_form(STUDY_FORM, check_xform=False)
    return path


def server() -> str:
    return server_name(setting("url"), setting("plain_project"))


def run_pull(path: Path, api: ProjectSession, *, reviews: bool = True) -> PullReport:
    with Store.open(path) as store:
        report = pull(store, api, server=server(), form_ids=[FORM_ID])
        if reviews:
            apply_central_reviews(store, api, report, server=server())
    return report


def test_pull_brings_collect_submissions_with_every_answer(
    tmp_path: Path, api: ProjectSession, sent: Laptop
) -> None:
    path = supervisor(tmp_path)
    report = run_pull(path, api)
    assert report.merge is not None and report.merge.nothing_new is False
    with Store.open(laptop_path := sent.path) as laptop, Store.open(path) as store:
        for submission in sent.interviews:
            sent_id = instance_id(laptop, submission)
            local = report.local[sent_id]
            (head,) = store.heads(local)
            assert head.state == "finalized"
            assert head.answers == laptop.heads(submission)[0].answers
            assert store.submission(local).city == "tijuana"
            assert store.submission(local).interviewer == "TJ01"
    assert laptop_path.exists()
    # The server is one more device: its rows came from a mirror beside the database.
    assert mirror_path(path, server()).is_file()


def test_pulling_twice_changes_nothing(tmp_path: Path, api: ProjectSession, sent: Laptop) -> None:
    path = supervisor(tmp_path)
    run_pull(path, api)
    before = database_digest(path)
    again = run_pull(path, api)
    assert database_digest(path) == before
    assert again.merge is not None and again.merge.nothing_new
    assert again.new == 0


def test_interviews_from_this_study_come_back_as_the_same_interview(
    tmp_path: Path, api: ProjectSession, sent: Laptop
) -> None:
    path = supervisor(tmp_path)
    with Store.open(path) as store:
        merge_database(store, sent.path)  # the laptop's package came first
        before = {row.submission_id for row in store.list_interviews()}
    report = run_pull(path, api)
    with Store.open(path) as store, Store.open(sent.path) as laptop:
        for submission in sent.interviews:
            assert report.local[instance_id(laptop, submission)] == submission
        after = {row.submission_id for row in store.list_interviews()}
    assert before <= after
    assert not (after - before) & set(sent.interviews)


def test_central_reviews_become_fieldapp_decisions_once(
    tmp_path: Path, api: ProjectSession, sent: Laptop
) -> None:
    with Store.open(sent.path) as laptop:
        approved, returned, untouched = (instance_id(laptop, s) for s in sent.interviews)
    base = f"forms/{FORM_ID}/submissions"
    api.post_json(f"{base}/{approved}/comments", {"body": "Bien documentada."})
    api.patch_json(f"{base}/{approved}", {"reviewState": "approved"})
    api.post_json(f"{base}/{returned}/comments", {"body": "Falta el año de inicio."})
    api.patch_json(f"{base}/{returned}", {"reviewState": "hasIssues"})
    path = supervisor(tmp_path)
    report = run_pull(path, api)
    assert report.reviews >= 2
    with Store.open(path) as store:
        state = {
            key: store.heads(report.local[key])[0].state for key in (approved, returned, untouched)
        }
        assert state == {approved: "approved", returned: "returned", untouched: "finalized"}
        comments = [e.payload.get("comment") for e in store.events(report.local[returned])]
        assert "Falta el año de inicio." in comments
    before = database_digest(path)
    run_pull(path, api)
    assert database_digest(path) == before


def test_fieldapp_decisions_go_up_to_central_once(
    tmp_path: Path, api: ProjectSession, sent: Laptop
) -> None:
    path = supervisor(tmp_path)
    with Store.open(path) as store:
        merge_database(store, sent.path)
        first, second, _ = sent.interviews
        approve(store, first, comment="", author="SUP")
        return_interview(store, second, comment="Revise la pregunta 12.", author="SUP")
        report = pull(store, api, server=server(), form_ids=[FORM_ID])
        sent_reviews = push_reviews(store, api, report)
        ids = {s.submission_id: s for s in sent_reviews}
        assert ids[first].review_state == "approved"
        assert ids[second].review_state == "hasIssues" and ids[second].comment_sent
        with Store.open(sent.path) as laptop:
            second_id = instance_id(laptop, second)
            first_id = instance_id(laptop, first)
        listed = {item["instanceId"]: item for item in api.get_json(f"forms/{FORM_ID}/submissions")}
        assert listed[first_id]["reviewState"] == "approved"
        assert listed[second_id]["reviewState"] == "hasIssues"
        bodies = [
            c["body"] for c in api.get_json(f"forms/{FORM_ID}/submissions/{second_id}/comments")
        ]
        assert bodies.count("Revise la pregunta 12.") == 1
        # Pulled back, Central's word is fieldapp's own: nothing is taken, nothing resent.
        heads = {s: store.heads(s) for s in (first, second)}
        again = pull(store, api, server=server(), form_ids=[FORM_ID])
        apply_central_reviews(store, api, again, server=server())
        assert {s: store.heads(s) for s in (first, second)} == heads
        resent = {r.submission_id for r in push_reviews(store, api, again)}
        assert not resent & {first, second}
