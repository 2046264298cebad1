"""The push queue: which revisions wait, what a broken link or a cancel leaves, SIGKILL.

Central's real answers are replayed in ``test_central_replay``; here the sender is a
ledger of what "Central took", so the queue's promises can be tried at any moment.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from central_ledger import SERVER, CentralRules, LedgerSender, instance_of, taken
from central_scenarios import (
    PHOTO,
    SETTINGS,
    SURVEY,
    edit_after_return,
    finalized_interview,
    write_form,
)
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.central.client import CentralRefused, Receipt
from fieldapp.core.central.push import counts, enqueue, push, queue
from fieldapp.core.central.queue_rows import send_states
from fieldapp.core.messages import FieldappError, Message
from fieldapp.core.store import Store

TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture
def sha(store: Store, tmp_path: Path) -> str:
    return store.forms.add(write_form(tmp_path / "form")).sha256


class Flaky:
    """Takes ``good`` submissions, then fails as a dropped link does."""

    def __init__(self, good: int, error: FieldappError) -> None:
        self.good = good
        self.error = error
        self.sent: list[str] = []

    def submit(self, parts: list, what: Message) -> Receipt:
        if len(self.sent) >= self.good:
            raise self.error
        self.sent.append(instance_of(parts))
        return Receipt(201, "")


def test_drafts_wait_for_nothing_and_finalized_ones_are_queued_once(store: Store, sha: str) -> None:
    done = finalized_interview(store, sha, "Rosa")
    store.interviews.start(sha, interviewer="ana", city="tijuana", actor_type="cso")
    assert enqueue(store, SERVER) == 1
    assert enqueue(store, SERVER) == 0
    assert [row.submission_id for row in queue(store, SERVER)] == [done]
    assert counts(store, SERVER) == {"waiting": 1, "sent": 0, "refused": 0}
    assert send_states(store, SERVER) == {done: ("waiting", "")}


def test_a_second_push_of_the_same_revision_sends_nothing(
    store: Store, sha: str, tmp_path: Path
) -> None:
    finalized_interview(store, sha, "Rosa", photo=PHOTO)
    sender = LedgerSender(tmp_path / "ledger")
    assert len(push(store, sender, SERVER).sent) == 1
    again = push(store, sender, SERVER)
    assert again.sent == [] and len(sender.calls) == 1
    [parts] = sender.calls
    assert [p[0] for p in parts] == ["submission.xml", "photo.jpg"]
    assert parts[1] == ("photo.jpg", PHOTO, "image/jpeg")


def test_each_server_has_its_own_queue(store: Store, sha: str, tmp_path: Path) -> None:
    finalized_interview(store, sha, "Rosa")
    push(store, LedgerSender(tmp_path / "a"), SERVER)
    other = push(store, LedgerSender(tmp_path / "b"), "https://other.test#4")
    assert len(other.sent) == 1


def test_a_broken_link_stops_and_leaves_the_rest_waiting(store: Store, sha: str) -> None:
    ids = [finalized_interview(store, sha, name) for name in ("A", "B", "C")]
    sender = Flaky(1, FieldappError("central.no_network", url="http://x", reason="down"))
    result = push(store, sender, SERVER)
    assert result.sent == ids[:1]
    assert result.stopped is not None and result.stopped.code == "central.no_network"
    assert result.waiting == 2
    states = {row.submission_id: (row.state, row.attempts) for row in queue(store, SERVER)}
    assert states == {ids[0]: ("sent", 1), ids[1]: ("waiting", 1), ids[2]: ("waiting", 0)}
    # Back online: the rest goes, the sent one is not sent again.
    later = Flaky(10, FieldappError("central.no_network", url="", reason=""))
    assert push(store, later, SERVER).sent == ids[1:]
    assert len(later.sent) == 2


def test_cancel_stops_between_interviews(store: Store, sha: str, tmp_path: Path) -> None:
    ids = [finalized_interview(store, sha, name) for name in ("A", "B", "C")]
    sender = LedgerSender(tmp_path / "ledger")
    result = push(store, sender, SERVER, cancelled=lambda: len(sender.calls) >= 1)
    assert result.cancelled and result.sent == ids[:1] and result.waiting == 2


def test_refused_stays_refused_with_the_reason_until_asked_again(store: Store, sha: str) -> None:
    submission = finalized_interview(store, sha, "Rosa")

    class Closed:
        def submit(self, parts: list, what: Message) -> Receipt:
            raise CentralRefused(
                "central.form_closed", status=409, reason="not accepting", url="u", what=what
            )

    result = push(store, Closed(), SERVER)
    assert result.refused == [(submission, "not accepting")]
    assert push(store, Closed(), SERVER).refused == []  # not tried again unasked
    opened = Flaky(5, FieldappError("central.no_network", url="", reason=""))
    assert push(store, opened, SERVER, retry_refused=True).sent == [submission]


def test_an_edit_not_yet_sent_replaces_the_waiting_revision(
    store: Store, sha: str, tmp_path: Path
) -> None:
    submission = finalized_interview(store, sha, "Jose")
    enqueue(store, SERVER)
    edit_after_return(store, submission, "José")
    # Central's rule: the push first asks, with the XML alone, whether Central holds the
    # unsent first revision (404: it does not), which a sender taking anything would
    # answer wrongly.
    central = CentralRules(tmp_path / "central.json")
    push(store, central, SERVER)
    [row] = queue(store, SERVER)
    assert row.deprecated_id is None  # Central never had the first: one new submission
    assert [len(chain) for chain in central.versions().values()] == [1]


def test_a_sealed_interview_goes_up_in_its_envelope_never_in_the_clear(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    write_form(tmp_path / "sealed")  # its CSV beside
    form = write_xlsform(
        tmp_path / "sealed" / "s.xlsx", SURVEY, settings={**SETTINGS, "public_key": pair.public_key}
    )
    ledger = tmp_path / "ledger"
    with Store.open(tmp_path / "s.db") as store:
        store.keys.unlock_drafts("drafts passphrase")
        sha = store.forms.add(form).sha256
        submission, _ = store.interviews.submit(sha, {"name": "SECRET-NAME"}, finalize=True)
        # Even with the study key unlocked (the supervisor's laptop), no clear answers go.
        store.keys.unlock(study_key)
        sender = LedgerSender(ledger)
        first = push(store, sender, SERVER)
        edit_after_return(store, submission, "OTHER-SECRET")
        second = push(store, sender, SERVER)
        rows = queue(store, SERVER)
    assert first.sent == [submission] and second.sent == [submission]
    for parts in sender.calls:
        assert parts[0][0] == "submission.xml" and b'encrypted="yes"' in parts[0][1]
        assert parts[-1][0] == "submission.xml.enc"
        for _, content, _ in parts:
            assert b"SECRET-NAME" not in content and b"OTHER-SECRET" not in content
    # The edit deprecates the envelope Central holds, by the instanceID it was sent under.
    assert rows[1].deprecated_id == rows[0].instance_id == taken(ledger)[0]
    edit_manifest = sender.calls[1][0][1].decode()
    assert f"<orx:deprecatedID>{rows[0].instance_id}</orx:deprecatedID>" in edit_manifest


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_and_claims_nothing(tmp_path: Path) -> None:
    db, ledger = tmp_path / "laptop.db", tmp_path / "ledger"
    with Store.open(db) as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        ids = {finalized_interview(store, sha, f"n{i}") for i in range(16)}
    rng = random.Random(18)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    script = str(TESTS / "central_ledger.py")
    seen: list[int] = []
    for round_ in range(6):
        before = len(taken(ledger))
        child = subprocess.Popen(
            [sys.executable, script, str(db), str(ledger), str(round_)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        # Wait past the start-up (slow on a busy machine) until Central took one more,
        # then kill at a random moment: mid-send, mid-commit or between interviews.
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        deadline = time.monotonic() + 60
        while len(taken(ledger)) == before and child.poll() is None:
            assert time.monotonic() < deadline, "the pusher took nothing in a minute"
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        with Store.open(db) as store:
            sent = {row.instance_id for row in queue(store, SERVER) if row.state == "sent"}
        assert sent <= set(taken(ledger)), "marked sent what Central never took"
        seen.append(len(sent))
    assert any(0 < n < len(ids) for n in seen), f"no kill fell inside a push: {seen}"
    subprocess.run([sys.executable, script, str(db), str(ledger), "99"], env=env, check=True)
    with Store.open(db) as store:
        rows = queue(store, SERVER)
    assert {row.submission_id for row in rows} == ids
    assert all(row.state == "sent" for row in rows)
    assert {row.instance_id for row in rows} == set(taken(ledger))  # nothing lost


def test_the_queue_stays_on_the_laptop(store: Store, sha: str, tmp_path: Path) -> None:
    """Send state is local: a package leaves it out and a merge never brings it."""
    from fieldapp.core.merge import merge_database
    from fieldapp.core.package import write_package

    finalized_interview(store, sha, "Rosa")
    push(store, LedgerSender(tmp_path / "ledger"), SERVER)
    package = tmp_path / "ana.fieldapp"
    write_package(store, package)
    with Store.open(package, create=False, readonly=True) as copy:
        assert copy.db.conn.execute("SELECT count(*) FROM central_queue").fetchone() == (0,)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, store.path)
        assert supervisor.db.conn.execute("SELECT count(*) FROM central_queue").fetchone() == (0,)
        assert supervisor.interviews.count() == 1
