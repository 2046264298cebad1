"""Central took a revision, the laptop died before noting it, then the interview changed.

The sender is ``CentralRules``: Central's own rule for a submission under an instanceID
it holds (identical XML taken as the same, different XML refused, an edit must deprecate
the current version), over a file that survives a SIGKILL.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import central_scenarios
import pytest
from central_ledger import SERVER, CentralRules, deprecated_of
from central_scenarios import (
    PHOTO,
    edit_after_return,
    finalized_interview,
    write_form,
)

from fieldapp.core import crypto
from fieldapp.core.central.client import Receipt
from fieldapp.core.central.pull import CentralSubmission, PullReport
from fieldapp.core.central.push import push, queue
from fieldapp.core.central.queue_rows import send_states
from fieldapp.core.central.review_map import push_reviews
from fieldapp.core.messages import Message, text
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

TESTS = Path(__file__).resolve().parent.parent


class Died(BaseException):
    """The laptop's power went: nothing after it runs (no note, no rollback handler)."""


class DiesAfterCentralTakes:
    """Central takes the submission, then the process dies before the queue notes it."""

    def __init__(self, central: CentralRules) -> None:
        self.central = central

    def submit(self, parts: list, what: Message) -> Receipt:
        self.central.submit(parts, what)
        raise Died


@pytest.fixture
def sha(store: Store, tmp_path: Path) -> str:
    return store.forms.add(write_form(tmp_path / "form")).sha256


def crash_after_central_took(store: Store, central: CentralRules) -> None:
    with pytest.raises(Died):
        push(store, DiesAfterCentralTakes(central), SERVER)
    assert queue(store, SERVER)[-1].state == "waiting"  # the newest: nothing noted


def crash_then_edit(
    store: Store, central: CentralRules, submission: SubmissionId, name: str
) -> str:
    """Central takes the interview, the laptop dies before noting it, then it is edited;
    return the instanceID Central took."""
    crash_after_central_took(store, central)
    [first] = central.held()
    edit_after_return(store, submission, name)
    return first


def assert_all_sent(store: Store, submission: SubmissionId) -> None:
    assert {row.state for row in queue(store, SERVER)} == {"sent"}
    assert send_states(store, SERVER)[submission] == ("sent", "")


def test_an_edit_after_the_crash_goes_up_as_the_second_version(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralRules(tmp_path / "central.json")
    submission = finalized_interview(store, sha, "Jose", photo=PHOTO)
    first = crash_then_edit(store, central, submission, "José")

    result = push(store, central, SERVER)

    assert result.sent == [submission] and result.refused == []
    [versions] = central.versions().values()
    assert versions[0] == first and len(versions) == 2  # one submission, edited once
    assert central.held()[versions[1]]["files"] == ["photo.jpg"]
    assert deprecated_of(central.calls[-1]) == first
    assert_all_sent(store, submission)
    assert push(store, central, SERVER).sent == []  # and nothing goes twice


def test_an_edit_lost_in_the_crash_is_found_under_its_own_id(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralRules(tmp_path / "central.json")
    submission = finalized_interview(store, sha, "Jose")
    push(store, central, SERVER)  # noted
    edit_after_return(store, submission, "José")
    crash_after_central_took(store, central)  # the first edit reached Central only
    edit_after_return(store, submission, "José Luis")

    result = push(store, central, SERVER)

    assert result.sent == [submission] and result.refused == []
    [versions] = central.versions().values()
    assert len(versions) == 3
    assert_all_sent(store, submission)


def test_the_supervisor_edits_what_a_researchers_laptop_sent(
    store: Store, sha: str, tmp_path: Path
) -> None:
    from fieldapp.core.merge import merge_database

    central = CentralRules(tmp_path / "central.json")
    submission = finalized_interview(store, sha, "Jose")
    push(store, central, SERVER)  # the researcher's laptop noted it; the supervisor's did not
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, store.path)
        edit_after_return(supervisor, submission, "José")
        result = push(supervisor, central, SERVER)
        assert result.sent == [submission] and result.refused == []
        assert_all_sent(supervisor, submission)
    [versions] = central.versions().values()
    assert len(versions) == 2


def test_a_submission_that_is_no_version_of_the_interview_is_said_and_left(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralRules(tmp_path / "central.json")
    submission = finalized_interview(store, sha, "Jose")
    [row] = queue(store, SERVER) or [None]  # not queued until the first push
    assert row is None
    probe = CentralRules(tmp_path / "scratch.json")
    push(store, probe, SERVER)  # learn the instanceID it goes under, elsewhere
    [instance] = probe.held()
    store.db.conn.execute("DELETE FROM central_queue")
    central.plant(instance, b"<data>made in Central's web form</data>")
    before = central.held()

    result = push(store, central, SERVER)

    [(refused, reason)] = result.refused
    assert refused == submission and result.sent == []
    form_id = store.forms.of(submission).form_id
    assert reason.startswith(
        text("central.held_elsewhere", instance=instance, form=form_id, reason="")[:60]
    )
    assert "already exists with this ID" in reason  # Central's words kept
    assert central.held() == before  # nothing sent, nothing changed
    assert send_states(store, SERVER)[submission] == ("refused", reason)
    calls = len(central.calls)
    assert push(store, central, SERVER).refused == [] and len(central.calls) == calls


def before_minting(store: Store, sha: str, monkeypatch: pytest.MonkeyPatch) -> SubmissionId:
    """An interview started before fieldapp minted instanceIDs (a random one, as ODK's),
    finalized with a photo."""
    import uuid

    import fieldapp.core.store.instance_ids as instance_ids
    from fieldapp.core.store.instance_ids import is_minted_by

    with monkeypatch.context() as patched:
        patched.setattr(instance_ids, "minted_instance_id", lambda _: f"uuid:{uuid.uuid4()}")
        submission = store.interviews.start(
            sha, interviewer="ana", city="tijuana", actor_type="cso", answers={}
        )
    store.attachments.add(PHOTO, submission_id=submission, filename="photo.jpg")
    answers = dict(store.interviews.working_answers(submission))
    answers.update({"name": "Jose", "age": 40, "town": "tijuana", "photo": "photo.jpg"})
    store.interviews.autosave(submission, answers)
    store.interviews.finalize(submission)
    assert not is_minted_by(answers["meta/instanceID"], submission)
    return submission


@pytest.mark.parametrize("user", ["web user", "app user"])
def test_an_interview_from_before_minting_edited_after_the_crash_is_one_submission(
    store: Store, sha: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    """Its first instanceID is no minted one, so Central holding it proves nothing by
    itself (central4): the web user's push compares Central's XML under it (the same:
    the edit goes without a probe), the app user's resends the earlier revision, which
    Central takes as the same submission. Either way: one submission, edited once."""
    from central_ledger import CentralProject
    from central_scenarios import FORM_ID

    from fieldapp.core.store.instance_ids import edit_instance_id

    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = before_minting(store, sha, monkeypatch)
    first = crash_then_edit(store, central, submission, "José")
    start = len(central.requests)

    result = push(store, central, SERVER, reader=central if user == "web user" else None)

    assert result.sent == [submission] and result.refused == []
    edit = queue(store, SERVER)[-1].instance_id
    assert edit == edit_instance_id(store.interviews.heads(submission)[0].revision_id)
    assert central.versions() == {first: [first, edit]}
    assert deprecated_of(central.calls[-1]) == first
    assert central.held()[edit]["files"] == ["photo.jpg"]
    if user == "web user":
        assert [method for method, _ in central.requests[start:]] == ["GET", "GET", "SUBMIT"]
    else:
        assert central.submits(start) == [first, edit]
    assert_all_sent(store, submission)
    assert push(store, central, SERVER).sent == []


@pytest.mark.parametrize("user", ["web user", "app user"])
def test_an_interview_from_before_minting_finalized_again_before_its_first_push(
    store: Store, sha: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    """Never sent, returned and finalized again: the web user's listing shows Central
    holds none of its ids, so the newest goes as Central's first, as before. Without a
    listing its first instanceID is not asked about by an edit any more (central4): the
    earlier revision goes first, as the queue would have sent it, and the newest as its
    edit. One submission either way, nothing under another device's id changed."""
    from central_ledger import CentralProject
    from central_scenarios import FORM_ID

    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = before_minting(store, sha, monkeypatch)
    first = store.interviews.heads(submission)[0].answers["meta/instanceID"]  # type: ignore[index]
    edit_after_return(store, submission, "José")

    result = push(store, central, SERVER, reader=central if user == "web user" else None)

    assert result.sent == [submission] and result.refused == []
    edit = queue(store, SERVER)[-1].instance_id
    if user == "web user":
        assert central.versions() == {edit: [edit]}
    else:
        assert central.versions() == {first: [first, edit]}
        assert central.held()[first]["files"] == ["photo.jpg"]  # the earlier one whole
    assert central.held()[edit]["files"] == ["photo.jpg"]
    assert_all_sent(store, submission)


@pytest.mark.parametrize("crash", [False, True], ids=["never_sent", "crash_window"])
def test_an_earlier_version_whose_file_is_gone_here_goes_as_its_xml_alone(
    store: Store, sha: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash: bool
) -> None:
    """An interview from before minting, its earlier version's photo no longer in this
    database, returned and finalized again with another photo; an app user's push (no
    listing) sends the earlier version first (central4), as its XML alone since its file
    is not here, then the newest as its edit. What the interviewer sees: the interview
    sent, nothing refused or held; Central holds one submission, its current version with
    the new photo. Never sent before, Central's earlier version has no file (it cannot
    have it); in the crash window Central keeps the file it took then."""
    from central_ledger import CentralProject
    from central_scenarios import FORM_ID

    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = before_minting(store, sha, monkeypatch)
    (earlier,) = store.interviews.heads(submission)
    first = earlier.answers["meta/instanceID"]  # type: ignore[index]
    if crash:
        crash_after_central_took(store, central)
    store.review.return_interview(submission, comment="another photo")
    store.interviews.reopen(submission)
    store.attachments.add(PHOTO[::-1], submission_id=submission, filename="photo.jpg")
    store.interviews.finalize(submission)
    with store.transaction():  # the earlier version's file gone: a file damaged outside
        conn = store.db.conn
        conn.execute("DROP TRIGGER attachments_no_delete")
        conn.execute("DELETE FROM attachments WHERE sha256 = ?", [earlier.attachments["photo.jpg"]])
    start = len(central.requests)

    result = push(store, central, SERVER)

    assert result.sent == [submission] and result.refused == [] and result.held == []
    assert result.stopped is None
    edit = queue(store, SERVER)[-1].instance_id
    assert central.submits(start) == [first, edit]
    assert [name for name, _, _ in central.calls[-2]] == ["submission.xml"]  # XML alone
    assert central.versions() == {first: [first, edit]}
    assert central.current(first) == edit and deprecated_of(central.calls[-1]) == first
    assert central.held()[edit]["files"] == ["photo.jpg"]
    assert central.parts[edit][1][1] == PHOTO[::-1]
    assert central.held()[first]["files"] == (["photo.jpg"] if crash else [])
    assert_all_sent(store, submission)


def sealed_store(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> tuple[Store, str]:
    return central_scenarios.sealed_store(tmp_path, pair.public_key, study_key)


def test_a_sealed_edit_after_the_crash_is_the_second_version_not_a_second_interview(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    central = CentralRules(tmp_path / "central.json")
    store, sha = sealed_store(tmp_path, pair, study_key)
    with store:
        submission, _ = store.interviews.submit(sha, {"name": "SECRET"}, finalize=True)
        first = crash_then_edit(store, central, submission, "OTHER")

        result = push(store, central, SERVER)

        assert result.sent == [submission] and result.refused == []
        [versions] = central.versions().values()
        assert versions[0] == first and len(versions) == 2
        edit = central.held()[versions[1]]
        assert edit["files"] == ["submission.xml.enc"]  # the files came with the edit
        assert_all_sent(store, submission)
        for parts in central.calls:
            assert all(b"SECRET" not in content for _, content, _ in parts)


def test_a_sealed_edit_lost_in_the_crash_is_found_and_the_next_deprecates_it(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    central = CentralRules(tmp_path / "central.json")
    store, sha = sealed_store(tmp_path, pair, study_key)
    with store:
        submission, _ = store.interviews.submit(sha, {"name": "A"}, finalize=True)
        push(store, central, SERVER)  # noted
        edit_after_return(store, submission, "B")
        crash_after_central_took(store, central)
        edit_after_return(store, submission, "C")

        result = push(store, central, SERVER)

        assert result.sent == [submission] and result.refused == []
        [versions] = central.versions().values()
        assert len(versions) == 3
        assert all(central.held()[v]["files"] == ["submission.xml.enc"] for v in versions)
        assert_all_sent(store, submission)


def test_a_sealed_edit_of_an_interview_central_never_had_is_one_submission(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    central = CentralRules(tmp_path / "central.json")
    store, sha = sealed_store(tmp_path, pair, study_key)
    with store:
        submission, _ = store.interviews.submit(sha, {"name": "A"}, finalize=True)
        edit_after_return(store, submission, "B")

        result = push(store, central, SERVER)

        assert result.sent == [submission]
        [versions] = central.versions().values()
        assert len(versions) == 1 and central.held()[versions[0]]["files"] == ["submission.xml.enc"]
        assert_all_sent(store, submission)


@pytest.mark.slow
def test_sigkill_then_edit_leaves_one_submission_with_both_versions(tmp_path: Path) -> None:
    db, state = tmp_path / "laptop.db", tmp_path / "central.json"
    with Store.open(db) as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        ids = [finalized_interview(store, sha, f"n{i}") for i in range(8)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    script = str(TESTS / "central_ledger.py")
    rng = random.Random(409)
    for round_ in range(3):
        central = CentralRules(state)
        before = len(central.held())
        child = subprocess.Popen(
            [sys.executable, script, str(db), str(state), str(round_), "rules"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        deadline = time.monotonic() + 60
        while len(central.held()) == before and child.poll() is None:
            assert time.monotonic() < deadline, "the pusher took nothing in a minute"
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
    central = CentralRules(state)
    held_before = set(central.held())
    assert held_before, "Central took nothing before the kills"
    with Store.open(db) as store:
        for submission in ids:
            edit_after_return(store, submission, "edited")
        result = push(store, central, SERVER)
        assert result.refused == [] and sorted(result.sent) == sorted(ids)
        assert {row.state for row in queue(store, SERVER)} == {"sent"}
    versions = central.versions()
    assert len(versions) == len(ids)  # no interview twice
    for first, chain in versions.items():
        # What Central took before a kill (noted or not) stays, with the edit on top.
        assert len(chain) == (2 if first in held_before else 1)


class ReviewsCentral:
    """Central's review state and comments of one submission, as the REST API serves them."""

    def __init__(self, dies_after_patch: bool = False) -> None:
        self.review_state: str | None = None
        self.comments: list[str] = []
        self.writes: list[tuple[str, object]] = []
        self.dies_after_patch = dies_after_patch

    def get_json(self, path: str) -> object:
        assert path.endswith("/comments")
        return [{"body": body} for body in self.comments]

    def get_bytes(self, path: str) -> bytes:
        raise AssertionError(path)

    def patch_json(self, path: str, body: dict) -> object:
        self.writes.append(("PATCH", body))
        self.review_state = body["reviewState"]
        if self.dies_after_patch:
            raise Died
        return {}

    def post_json(self, path: str, body: dict) -> object:
        self.writes.append(("POST", body))
        self.comments.append(body["body"])
        return {}


def seen_by_pull(store: Store, submission: SubmissionId, central: ReviewsCentral) -> PullReport:
    from fieldapp.core.central.openrosa import first_instance_id, revision_of

    finalized = [r for r in store.interviews.history(submission) if r.state == "finalized"]
    instance = first_instance_id(revision_of(store, submission, finalized[0].revision_id))
    item = CentralSubmission("f", instance, instance, "", "", "", central.review_state)
    return PullReport(server="srv", local={instance: submission}, submissions=[item])


def test_a_return_whose_comment_the_crash_lost_still_sends_it_once(store: Store, sha: str) -> None:
    submission = finalized_interview(store, sha, "Jose")
    store.review.return_interview(submission, comment="check the age", author="SUP")
    central = ReviewsCentral(dies_after_patch=True)
    with pytest.raises(Died):  # Central took hasIssues, the comment never went
        push_reviews(store, central, seen_by_pull(store, submission, central))
    central.dies_after_patch = False

    [sent] = push_reviews(store, central, seen_by_pull(store, submission, central))

    assert (sent.review_state, sent.comment_sent) == ("hasIssues", True)
    assert central.comments == ["check the age"]
    assert central.writes == [
        ("PATCH", {"reviewState": "hasIssues"}),
        ("POST", {"body": "check the age"}),
    ]
    assert push_reviews(store, central, seen_by_pull(store, submission, central)) == []
    assert len(central.writes) == 2  # nothing twice


def test_centrals_own_decision_taken_here_is_not_sent_back(store: Store, sha: str) -> None:
    submission = finalized_interview(store, sha, "Jose")
    central = ReviewsCentral()
    central.review_state = "hasIssues"
    author = text("pull.review_author", name="srv")
    store.review.return_interview(submission, comment="from Central", author=author)
    assert push_reviews(store, central, seen_by_pull(store, submission, central)) == []
    assert central.writes == []
