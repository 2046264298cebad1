"""A push reads what the server holds first, once a form (central3).

Central (``CentralProject``: Central's rule for submissions and its REST listing, every
request counted) is asked for its list of each form's submissions before anything is
sent. What it already holds with the same content is noted sent and not sent again;
an interview finalized again before its first push goes up as the edit of what Central
holds, without one probe per earlier revision. What it does not hold is still sent, and
what it holds under the interview's ids with other content is still refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import central_scenarios
import pytest
from central_ledger import SERVER, CentralProject, LedgerSender, deprecated_of
from central_scenarios import FORM_ID, PHOTO, edit_after_return, finalized_interview, write_form
from integration import pull_scenario as integration

from fieldapp.core import crypto
from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.central.envelope import envelope_ids
from fieldapp.core.central.holdings import lister
from fieldapp.core.central.pull_reviews import pull_and_review
from fieldapp.core.central.push import counts, push, queue, server_key
from fieldapp.core.central.recording import ReplayTransport
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError, Message, text
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import edit_instance_id
from fieldapp.core.store.records import SubmissionId

LISTING = ("GET", f"forms/{FORM_ID}/submissions")


@pytest.fixture
def sha(store: Store, tmp_path: Path) -> str:
    return store.forms.add(write_form(tmp_path / "form")).sha256


def newest_finalized(store: Store, submission: SubmissionId) -> str:
    finalized = [r for r in store.interviews.history(submission) if r.state == "finalized"]
    return finalized[-1].revision_id


def test_the_supervisors_push_leaves_what_the_researcher_sent_and_sends_the_rest(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    sent_before = [finalized_interview(store, sha, f"Ana {n}", photo=PHOTO) for n in range(3)]
    push(store, central, SERVER)  # the researcher's laptop, an app user: no listing
    assert len(central.submits()) == 3
    later = finalized_interview(store, sha, "Beto", photo=PHOTO)  # not sent yet
    held = central.held()
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, store.path)
        start = len(central.requests)

        result = push(supervisor, central, SERVER, reader=central)

        asked = central.requests[start:]
        assert asked[0] == LISTING and asked.count(LISTING) == 1  # one request for the form
        # What the researcher sent goes nowhere (each compared by its XML alone, no photo),
        # what she has not sent still goes.
        assert central.submits(start) == [queue(supervisor, SERVER)[-1].instance_id]
        assert sorted(result.already) == sorted(sent_before) and result.sent == [later]
        assert counts(supervisor, SERVER) == {"waiting": 0, "sent": 4, "refused": 0}
    assert {i: v for i, v in central.held().items() if i in held} == held  # unchanged
    assert len(central.versions()) == 4 and all(len(v) == 1 for v in central.versions().values())


def test_other_content_under_the_interviews_id_is_still_refused(
    store: Store, sha: str, tmp_path: Path
) -> None:
    submission = finalized_interview(store, sha, "Jose")
    scratch = CentralProject(tmp_path / "scratch.json", FORM_ID)
    push(store, scratch, SERVER)  # learn the instanceID it goes under, elsewhere
    [instance] = scratch.held()
    store.db.conn.execute("DELETE FROM central_queue")
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    central.plant(instance, b"<data>made in Central's web form</data>")

    result = push(store, central, SERVER, reader=central)

    [(refused, reason)] = result.refused
    assert refused == submission and result.already == [] and result.sent == []
    form_id = store.forms.of(submission).form_id
    assert reason.startswith(
        text("central.held_elsewhere", instance=instance, form=form_id, reason="")[:60]
    )
    assert central.held()[instance]["files"] == []  # nothing taken


def test_finalized_again_before_its_first_push_costs_no_probe(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose", photo=PHOTO)
    edit_after_return(store, submission, "José")
    edit_after_return(store, submission, "José Luis")  # three finalized revisions here

    result = push(store, central, SERVER, reader=central)

    assert result.sent == [submission]
    newest = edit_instance_id(newest_finalized(store, submission))
    # The listing, then the interview once: no XML sent as an edit of each earlier one.
    assert central.requests == [LISTING, ("SUBMIT", newest)]
    assert list(central.versions().values()) == [[newest]]
    assert central.held()[newest]["files"] == ["photo.jpg"]


def test_finalized_again_goes_up_as_the_edit_of_what_another_laptop_sent(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose", photo=PHOTO)
    push(store, central, SERVER)  # the researcher's laptop sent the first one
    [first] = central.held()
    edit_after_return(store, submission, "José")
    edit_after_return(store, submission, "José Luis")
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, store.path)  # her queue notes nothing of it
        start = len(central.requests)

        result = push(supervisor, central, SERVER, reader=central)

        assert result.sent == [submission] and result.already == []
        newest = edit_instance_id(newest_finalized(supervisor, submission))
        assert central.requests[start:] == [LISTING, ("SUBMIT", newest)]
        assert deprecated_of(central.calls[-1]) == first
        assert {row.state for row in queue(supervisor, SERVER)} == {"sent"}
    assert list(central.versions().values()) == [[first, newest]]  # one submission, edited


def test_a_cancel_after_the_listing_sends_nothing_and_leaves_it_waiting(
    store: Store, sha: str, tmp_path: Path
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    finalized_interview(store, sha, "Jose")

    result = push(store, central, SERVER, reader=central, cancelled=lambda: bool(central.requests))

    assert result.cancelled and result.sent == []
    assert central.requests == [LISTING]
    assert {row.state for row in queue(store, SERVER)} == {"waiting"}


class RefusesTheListing(CentralProject):
    """A web user who may send but not read submissions (Central's Data Collector)."""

    def get_json(self, path: str) -> object:
        self.requests.append(("GET", path))
        raise FieldappError(
            "central.bad_credentials",
            url="u",
            kind=Message("central.kind_password"),
            profile="p",
            reason="403",
        )


def test_a_listing_refused_sends_as_without_it(store: Store, sha: str, tmp_path: Path) -> None:
    central = RefusesTheListing(tmp_path / "central.json", FORM_ID)
    submission = finalized_interview(store, sha, "Jose")
    edit_after_return(store, submission, "José")

    result = push(store, central, SERVER, reader=central)

    assert result.sent == [submission] and result.stopped is None
    # The probe of the earlier revision, as before the listing, then the interview.
    assert central.requests[0] == LISTING and len(central.submits()) == 2
    assert len(central.versions()) == 1


def test_interviews_pulled_elsewhere_and_merged_here_are_not_sent_back(tmp_path: Path) -> None:
    data = json.loads(integration.RECORDING.read_text(encoding="utf-8"))
    credentials = Credentials("web_user", "pw-for-replay", data["email"])

    def client(transport: ReplayTransport | None = None) -> CentralClient:
        transport = transport or ReplayTransport(data, {"web-user-password": "pw-for-replay"})
        return CentralClient(
            data["url"], data["project"], credentials, transport=transport, sleep=lambda _: None
        )

    supervisor = tmp_path / "supervisor.db"
    with Store.open(supervisor) as store:
        store.forms.add(integration.write_form(tmp_path / "form", data["form_id"]))
        assert pull_and_review(store, client).report.new == 3
    sender = LedgerSender(tmp_path / "ledger")
    server = server_key(CentralClient(data["url"], 1, credentials).url, data["project"])
    transport = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    with Store.open(tmp_path / "laptop.db") as laptop, client(transport) as link:
        merge_database(laptop, supervisor)  # the supervisor's database, back on a laptop

        result = push(laptop, sender, server, reader=lister(link))

        assert sender.calls == [] and len(result.already) == 3
        assert counts(laptop, server) == {"waiting": 0, "sent": 3, "refused": 0}
        asked = [request.url.path for request in transport.requests]
        # One listing of the form, then each copy's XML once, read as a pull reads it:
        # their ids alone no longer vouch for them (central5).
        listings = [p for p in asked if p.endswith("/submissions")]
        xml = [p for p in asked if p.endswith(".xml")]
        assert len(listings) == 1 and len(xml) == len(set(xml)) == 3


@pytest.mark.parametrize("sent_first", [False, True], ids=["none_held", "first_held"])
def test_a_sealed_interview_finalized_again_goes_up_once_as_its_envelope(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey, sent_first: bool
) -> None:
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    store, sha = central_scenarios.sealed_store(tmp_path, pair.public_key, study_key)
    with store:
        submission, _ = store.interviews.submit(sha, {"name": "SECRETO"}, finalize=True)
        if sent_first:
            push(store, central, SERVER)
            store.db.conn.execute("DELETE FROM central_queue")  # sent by another laptop
        edit_after_return(store, submission, "José")
        edit_after_return(store, submission, "José Luis")
        start = len(central.requests)

        result = push(store, central, SERVER, reader=central)

        assert result.sent == [submission]
        newest = envelope_ids(store, submission)
        assert newest is not None
        assert central.requests[start:] == [LISTING, ("SUBMIT", newest[0])]
        [chain] = central.versions().values()
        assert chain[-1] == newest[0] and len(chain) == (2 if sent_first else 1)
        for parts in central.parts.values():
            assert all(b"SECRETO" not in content for _, content, _ in parts)
