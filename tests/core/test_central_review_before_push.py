"""An interview returned and finalized again before its first sync, then reviewed through
ODK Central as any other.

The supervisor's whole round on one laptop: finalized, returned with a comment,
finalized again, and only then synced (push, pull, Central's reviews taken, this
database's sent). Her next decision must reach Central, Central's must come back, and a
sync after that must send nothing. The server is ``central_ledger.CentralProject``:
Central's rule for what it takes, and its REST answers over what it really took.
"""

from __future__ import annotations

from pathlib import Path

import central_scenarios
import pytest
from central_ledger import SERVER, CentralProject
from central_scenarios import (
    FORM_ID,
    PHOTO,
    edit_after_return,
    finalized_interview,
    write_form,
)

from fieldapp.core import crypto
from fieldapp.core.central.envelope import envelope_ids
from fieldapp.core.central.pull import pull
from fieldapp.core.central.push import push
from fieldapp.core.central.review_map import apply_central_reviews, push_reviews
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import edit_instance_id
from fieldapp.core.store.records import SubmissionId

NAME = "central.test#1"
COMMENT = {"approve": "Bien, gracias.", "return": "Falta la edad del entrevistado."}
STATE = {"approve": "approved", "return": "hasIssues"}


def sync(store: Store, central: CentralProject) -> list[tuple[str, str]]:
    """One sync as the Server dialog runs it; return the requests that changed Central."""
    start = len(central.requests)
    result = push(store, central, SERVER)
    assert result.refused == [] and result.held == [] and result.stopped is None
    report = pull(store, central, server=NAME)
    assert report.left == [] and report.new == 0, "Central holds nothing new to this laptop"
    apply_central_reviews(store, central, report, server=NAME)
    push_reviews(store, central, report)
    return [(method, path) for method, path in central.requests[start:] if method != "GET"]


def decide(store: Store, submission: SubmissionId, decision: str) -> None:
    if decision == "approve":
        store.review.approve(submission, comment=COMMENT[decision], author="SUP")
    else:
        store.review.return_interview(submission, comment=COMMENT[decision], author="SUP")


def newest_finalized(store: Store, submission: SubmissionId) -> str:
    finalized = [r for r in store.interviews.history(submission) if r.state == "finalized"]
    return finalized[-1].revision_id


def supervisors_round(
    store: Store, central: CentralProject, submission: SubmissionId, *, synced_first: bool
) -> None:
    """Returned with a comment and finalized again, synced only then (or, as the round
    that always worked, synced once before the return too)."""
    if synced_first:
        assert [method for method, _ in sync(store, central)] == ["SUBMIT"]
    edit_after_return(store, submission, "José")
    sync(store, central)


@pytest.fixture
def sha(store: Store, tmp_path: Path) -> str:
    return store.forms.add(write_form(tmp_path / "form")).sha256


@pytest.mark.parametrize("decision", ["approve", "return"])
@pytest.mark.parametrize("synced_first", [False, True], ids=["before_first_push", "after"])
def test_a_decision_after_the_round_reaches_central_on_the_newest_version(
    store: Store, sha: str, tmp_path: Path, decision: str, synced_first: bool
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose", photo=PHOTO)
    supervisors_round(store, central, submission, synced_first=synced_first)

    decide(store, submission, decision)
    sync(store, central)

    [first] = central.versions()  # one submission
    assert central.review[first] == STATE[decision]
    assert central.comments.get(first) == [COMMENT[decision]]
    current = central.parts[central.current(first)]
    assert "José" in current[0][1].decode("utf-8"), "Central shows the corrected interview"
    assert [name for name, _, _ in current[1:]] == ["photo.jpg"]
    # Known there by the instanceID the revision minted, whenever the first push came.
    assert central.current(first) == edit_instance_id(newest_finalized(store, submission))
    assert sync(store, central) == [], "a sync after it sends nothing"
    (head,) = store.interviews.heads(submission)
    assert head.state == ("approved" if decision == "approve" else "returned")


@pytest.mark.parametrize("synced_first", [False, True], ids=["before_first_push", "after"])
def test_centrals_decision_on_the_newest_version_comes_back(
    store: Store, sha: str, tmp_path: Path, synced_first: bool
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose")
    supervisors_round(store, central, submission, synced_first=synced_first)
    [first] = central.versions()
    central.review[first] = "hasIssues"  # Central's reviewer, in its web page
    central.comments[first] = [*central.comments.get(first, []), "Revisar el nombre."]

    assert sync(store, central) == [], "Central's own decision is not sent back"

    (head,) = store.interviews.heads(submission)
    assert head.state == "returned"
    [event] = [e for e in store.events.of(submission) if e.revision_id == head.revision_id]
    assert "Revisar el nombre." in event.payload["comment"]


def sealed_laptop(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> tuple[Store, str]:
    return central_scenarios.sealed_store(tmp_path, pair.public_key, study_key)


@pytest.mark.parametrize("decision", ["approve", "return"])
@pytest.mark.parametrize("synced_first", [False, True], ids=["before_first_push", "after"])
def test_a_sealed_interview_after_the_round_is_reviewed_without_its_comment(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    decision: str,
    synced_first: bool,
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    store, sha = sealed_laptop(tmp_path, pair, study_key)
    with store:
        submission, _ = store.interviews.submit(sha, {"name": "SECRETO"}, finalize=True)
        supervisors_round(store, central, submission, synced_first=synced_first)

        decide(store, submission, decision)
        sync(store, central)

        [first] = central.versions()
        newest = envelope_ids(store, submission)
        assert newest is not None and central.current(first) == newest[0]
        assert central.review[first] == STATE[decision]
        assert central.comments.get(first) is None, "a sealed interview's comment stays here"
        assert sync(store, central) == []
        for parts in central.parts.values():
            assert all(b"SECRETO" not in content for _, content, _ in parts)


def test_pulled_before_the_laptops_package_the_corrected_version_is_set_aside_as_its_copy(
    tmp_path: Path,
) -> None:
    """The supervisor holds the first version (a package); the researcher's laptop, its
    return taken, finalizes again and sends only then. Central's submission is the new
    revision alone: her pull brings it as a copy, which the laptop's next package sets
    aside, leaving one interview she can review through Central."""
    from fieldapp.core.merge import merge_database

    central = CentralProject(tmp_path / "central.json", FORM_ID)
    form = write_form(tmp_path / "form")
    with Store.open(tmp_path / "laptop.db") as laptop:
        sha = laptop.forms.add(form).sha256
        submission = finalized_interview(laptop, sha, "Jose", photo=PHOTO)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        supervisor.forms.add(form)
        merge_database(supervisor, tmp_path / "laptop.db")
    with Store.open(tmp_path / "laptop.db") as laptop:
        edit_after_return(laptop, submission, "José")
        assert push(laptop, central, SERVER).sent == [submission]
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        pull(supervisor, central, server=NAME)  # Central's copy of the new revision
        merge_database(supervisor, tmp_path / "laptop.db")
        assert [row.submission_id for row in supervisor.interviews.page()] == [submission]
        (head,) = supervisor.interviews.heads(submission)
        assert head.state == "finalized"

        decide(supervisor, submission, "return")
        sync(supervisor, central)
        [first] = central.versions()
        assert central.review[first] == "hasIssues"
        assert central.comments[first] == [COMMENT["return"]]
        assert sync(supervisor, central) == []


def test_a_sealed_copy_pulled_before_the_package_is_set_aside_too(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    from fieldapp.core.merge import merge_database

    central = CentralProject(tmp_path / "central.json", FORM_ID)
    laptop, sha = sealed_laptop(tmp_path, pair, study_key)
    with laptop:
        submission, _ = laptop.interviews.submit(sha, {"name": "SECRETO"}, finalize=True)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        supervisor.keys.unlock(study_key)
        supervisor.forms.add(tmp_path / "sealed" / "s.xlsx")
        merge_database(supervisor, tmp_path / "s.db")
    laptop, _ = sealed_laptop(tmp_path, pair, study_key)
    with laptop:
        edit_after_return(laptop, submission, "OTRO")
        assert push(laptop, central, SERVER).sent == [submission]
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        supervisor.keys.unlock(study_key)
        report = pull(supervisor, central, server=NAME)
        assert report.left == []
        merge_database(supervisor, tmp_path / "s.db")
        assert [row.submission_id for row in supervisor.interviews.page()] == [submission]


def _asked(central: CentralProject, start: int) -> list[tuple[str, str]]:
    return central.requests[start:]


def test_a_decision_central_holds_whole_costs_no_request_at_the_next_syncs(
    store: Store, sha: str, tmp_path: Path
) -> None:
    """Once Central holds the return and its comment, a sync asks what a sync without
    any decision asks (the forms, the listing, the submitters), and no comments."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose")
    sync(store, central)
    start = len(central.requests)
    sync(store, central)
    idle = _asked(central, start)
    assert all(method == "GET" for method, _ in idle) and len(idle) == 3

    decide(store, submission, "return")
    start = len(central.requests)
    sync(store, central)
    assert [m for m, _ in _asked(central, start) if m != "GET"] == ["PATCH", "POST"]
    for _ in range(2):
        start = len(central.requests)
        sync(store, central)
        assert _asked(central, start) == idle

    # What this laptop noted is its own: a package leaves it out.
    from fieldapp.core.package import write_package

    noted = store.db.conn.execute("SELECT count(*) FROM central_reviews").fetchone()
    assert noted == (1,)
    write_package(store, tmp_path / "sup.fieldapp")
    with Store.open(tmp_path / "sup.fieldapp", create=False, readonly=True) as copy:
        assert copy.db.conn.execute("SELECT count(*) FROM central_reviews").fetchone() == (0,)


def test_a_comment_lost_after_its_state_is_looked_for_once(
    store: Store, sha: str, tmp_path: Path
) -> None:
    """The state went up, the laptop died before the comment: the next sync reads
    Central's comments once and posts it; the one after reads nothing more."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose")
    sync(store, central)
    start = len(central.requests)
    sync(store, central)
    idle = _asked(central, start)
    decide(store, submission, "return")
    [first] = central.versions()
    central.review[first] = "hasIssues"  # this laptop's PATCH landed; then it died

    start = len(central.requests)
    sync(store, central)
    asked = _asked(central, start)
    assert [m for m, p in asked if m == "POST" or p.endswith("/comments")] == ["GET", "POST"]
    assert central.comments[first] == [COMMENT["return"]]
    start = len(central.requests)
    sync(store, central)
    assert _asked(central, start) == idle
