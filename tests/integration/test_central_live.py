"""fieldapp against a real ODK Central: pull, review both ways, idempotence, sealed.

Skipped, with the reason, unless ``FIELDAPP_CENTRAL_*`` name a server (see
``central_live.ENV`` and ``tests/integration/README.md``). Each test sends submissions
Central has never seen (fresh instanceIDs), so runs do not disturb one another.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from central_live import (
    FORM_ID,
    STUDY_FORM,
    Laptop,
    app_client,
    fill,
    instance_id,
    make_laptop,
    managed_export,
    missing,
    send_as_collect,
    setting,
)
from pull_scenario import database_digest

from fieldapp.core.central import forms_down, push
from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.central.pull import PullReport, mirror_path, pull, server_name
from fieldapp.core.central.rest import ProjectApi
from fieldapp.core.central.review_map import apply_central_reviews, push_reviews
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import edit_instance_id

pytestmark = [
    pytest.mark.slow,  # a real server: seconds per test
    pytest.mark.skipif(
        bool(missing()),
        reason="no ODK Central given: set "
        + ", ".join(missing())
        + " (tests/integration/README.md)",
    ),
]


@pytest.fixture
def api() -> Iterator[ProjectApi]:
    credentials = Credentials("web_user", setting("password"), setting("email"))
    with CentralClient(setting("url"), int(setting("plain_project")), credentials) as client:
        yield ProjectApi(client)


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
        store.forms.add(STUDY_FORM, check_xform=False)
    return path


def server() -> str:
    return server_name(setting("url"), setting("plain_project"))


def run_pull(path: Path, api: ProjectApi, *, reviews: bool = True) -> PullReport:
    with Store.open(path) as store:
        report = pull(store, api, server=server(), form_ids=[FORM_ID])
        if reviews:
            apply_central_reviews(store, api, report, server=server())
    return report


def test_pull_brings_collect_submissions_with_every_answer(
    tmp_path: Path, api: ProjectApi, sent: Laptop
) -> None:
    path = supervisor(tmp_path)
    report = run_pull(path, api)
    assert report.merge is not None and report.merge.nothing_new is False
    with Store.open(laptop_path := sent.path) as laptop, Store.open(path) as store:
        for submission in sent.interviews:
            sent_id = instance_id(laptop, submission)
            local = report.local[sent_id]
            (head,) = store.interviews.heads(local)
            assert head.state == "finalized"
            assert head.answers == laptop.interviews.heads(submission)[0].answers
            assert store.interviews.submission(local).city == "tijuana"
            assert store.interviews.submission(local).interviewer == "TJ01"
    assert laptop_path.exists()
    # The server is one more device: its rows came from a mirror beside the database.
    assert mirror_path(path, server()).is_file()


def test_pulling_twice_changes_nothing(tmp_path: Path, api: ProjectApi, sent: Laptop) -> None:
    path = supervisor(tmp_path)
    run_pull(path, api)
    before = database_digest(path)
    again = run_pull(path, api)
    assert database_digest(path) == before
    assert again.merge is not None and again.merge.nothing_new
    assert again.new == 0


def test_interviews_from_this_study_come_back_as_the_same_interview(
    tmp_path: Path, api: ProjectApi, sent: Laptop
) -> None:
    path = supervisor(tmp_path)
    with Store.open(path) as store:
        merge_database(store, sent.path)  # the laptop's package came first
        before = {row.submission_id for row in store.interviews.page()}
    report = run_pull(path, api)
    with Store.open(path) as store, Store.open(sent.path) as laptop:
        for submission in sent.interviews:
            assert report.local[instance_id(laptop, submission)] == submission
        after = {row.submission_id for row in store.interviews.page()}
    assert before <= after
    assert not (after - before) & set(sent.interviews)


def test_central_reviews_become_fieldapp_decisions_once(
    tmp_path: Path, api: ProjectApi, sent: Laptop
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
            key: store.interviews.heads(report.local[key])[0].state
            for key in (approved, returned, untouched)
        }
        assert state == {approved: "approved", returned: "returned", untouched: "finalized"}
        comments = [e.payload.get("comment") for e in store.events.of(report.local[returned])]
        assert "Falta el año de inicio." in comments
    before = database_digest(path)
    run_pull(path, api)
    assert database_digest(path) == before


def test_fieldapp_decisions_go_up_to_central_once(
    tmp_path: Path, api: ProjectApi, sent: Laptop
) -> None:
    path = supervisor(tmp_path)
    with Store.open(path) as store:
        merge_database(store, sent.path)
        first, second, _ = sent.interviews
        store.review.approve(first, comment="", author="SUP")
        store.review.return_interview(second, comment="Revise la pregunta 12.", author="SUP")
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
        heads = {s: store.interviews.heads(s) for s in (first, second)}
        again = pull(store, api, server=server(), form_ids=[FORM_ID])
        apply_central_reviews(store, api, again, server=server())
        assert {s: store.interviews.heads(s) for s in (first, second)} == heads
        resent = {r.submission_id for r in push_reviews(store, api, again)}
        assert not resent & {first, second}


# --- push (h18core's queue) and the sealed envelope (h18env), checked on the server --------


def test_push_sends_interviews_and_an_edit_as_a_new_version(tmp_path: Path) -> None:
    """Plain push, the edit after a return (deprecatedID), and pull sees one interview."""
    laptop_path = tmp_path / "laptop.db"
    with Store.open(laptop_path) as laptop, app_client("plain") as client:
        sha256 = forms_down.download(laptop, client, FORM_ID).record.sha256
        submission = fill(laptop, sha256, {"profile/respondent_role": "Coordinadora"})
        key = push.server_key(client.url, client.project)
        first = push.push(laptop, client, key)
        assert first.sent == [submission] and first.stopped is None
        assert push.push(laptop, client, key).sent == []  # nothing new: nothing sent
        first_id = instance_id(laptop, submission)
        laptop.review.return_interview(submission, comment="Revise el cargo.")
        laptop.interviews.reopen(submission)
        answers = dict(laptop.interviews.working_answers(submission))
        answers["profile/respondent_role"] = "Directora"
        laptop.interviews.autosave(submission, answers)
        edit = laptop.interviews.finalize(submission)
        assert push.push(laptop, client, key).sent == [submission]
    credentials = Credentials("web_user", setting("password"), setting("email"))
    with CentralClient(setting("url"), int(setting("plain_project")), credentials) as web:
        api = ProjectApi(web)
        base = f"forms/{FORM_ID}/submissions/{quote(first_id, safe='')}"
        versions = api.get_json(f"{base}/versions")
        assert {v["instanceId"] for v in versions} == {first_id, edit_instance_id(edit)}
        current = api.get_bytes(f"{base}/versions/{quote(edit_instance_id(edit), safe='')}.xml")
        assert f"<deprecatedID>{first_id}</deprecatedID>".encode() in current
        assert b"<respondent_role>Directora</respondent_role>" in current
        path = supervisor(tmp_path)
        with Store.open(path) as store:
            merge_database(store, laptop_path)
            report = pull(store, api, server=server(), form_ids=[FORM_ID])
            assert report.local[first_id] == submission  # the same interview, edit and all
            assert not [x for x in report.left if x.instance_id == first_id]
            assert [r.submission_id for r in store.interviews.page()].count(submission) == 1


def test_sealed_interview_goes_up_sealed_and_central_decrypts_what_the_laptop_wrote(
    tmp_path: Path,
) -> None:
    """Managed encryption: the laptop seals for Central's key at finalize, Central's
    export with the passphrase gives back the very answers; pull leaves it sealed there."""
    canary = f"CANARY-{uuid.uuid4().hex}"
    with Store.open(tmp_path / "laptop.db") as laptop, app_client("managed") as client:
        record = forms_down.download(laptop, client, FORM_ID).record
        assert laptop.forms.load(record.sha256).public_key  # Central's key, from the form
        laptop.keys.unlock_drafts("drafts passphrase for the live test")
        submission = fill(laptop, record.sha256, {"profile/respondent_role": canary})
        result = push.push(laptop, client, push.server_key(client.url, client.project))
        assert result.sent == [submission], result
        sent_ids = push.queue(laptop, push.server_key(client.url, client.project))
        (sent_id,) = {row.instance_id for row in sent_ids if row.submission_id == submission}
        form_version = record.version
    tables, _media = managed_export(FORM_ID)
    (rows,) = [rows for name, rows in tables.items() if name == f"{FORM_ID}.csv"]
    (row,) = [r for r in rows if r.get("meta-instanceID") == sent_id or r.get("KEY") == sent_id]
    assert row["profile-respondent_role"] == canary
    assert row["city"] == "tijuana" and row["interviewer"] == "TJ01" and row["consent"] == "yes"
    # The supervisor pulling from the managed project gets no clear copy of it.
    path = tmp_path / "supervisor.db"
    credentials = Credentials("web_user", setting("password"), setting("email"))
    project = int(setting("managed_project"))
    with CentralClient(setting("url"), project, credentials) as web, Store.open(path) as store:
        forms_down.download(store, web, FORM_ID)
        managed = server_name(setting("url"), project)
        report = pull(store, ProjectApi(web), server=managed, form_ids=[FORM_ID])
        (left,) = [x for x in report.left if x.instance_id == sent_id]
        assert left.reason.code == "pull.sealed_managed"
        assert sent_id not in report.local
    for written in (path, mirror_path(path, managed)):
        assert canary.encode() not in written.read_bytes()
    assert form_version
    # A supervisor who merged the laptop's package knows it by its envelope's instanceID:
    # the same interview, and Central's approval becomes fieldapp's (still sealed).
    sealed_path = tmp_path / "supervisor-with-package.db"
    with CentralClient(setting("url"), project, credentials) as web:
        api = ProjectApi(web)
        api.patch_json(
            f"forms/{FORM_ID}/submissions/{quote(sent_id, safe='')}", {"reviewState": "approved"}
        )
        with Store.open(sealed_path) as store:
            merge_database(store, tmp_path / "laptop.db")
            report = pull(store, api, server=managed, form_ids=[FORM_ID])
            assert report.local[sent_id] == submission
            assert not [x for x in report.left if x.instance_id == sent_id]
            apply_central_reviews(store, api, report, server=managed)
            (head,) = store.interviews.heads(submission)
            assert head.state == "approved" and head.answers is None and head.sealed
    assert canary.encode() not in sealed_path.read_bytes()


def test_a_form_sealed_for_the_study_key_comes_back_sealed_and_opens_to_the_laptops(
    tmp_path: Path,
) -> None:
    """The study's own key (``base64RsaPublicKey`` in the uploaded XForm): the envelope
    goes up, comes down sealed with the key unlocked, and opens to what was finalized."""
    from pull_sealed_scenario import KEY_PASSPHRASE, PHOTO, _set_up, run

    from fieldapp.core import crypto

    form_id = f"fieldapp_sealed_{uuid.uuid4().hex[:12]}"
    project = int(setting("plain_project"))
    pair = crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048)
    (sent,) = _set_up(setting("url"), project, form_id, tmp_path, pair)
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    credentials = Credentials("web_user", setting("password"), setting("email"))
    with CentralClient(setting("url"), project, credentials) as client:
        result = run(client, tmp_path / "supervisor", form_id, pair.public_key, key)
    assert [x.reason.code for x in result["locked"].left] == ["pull.sealed_locked"]
    assert result["first"].new == 1 and result["second"].new == 0
    (pulled,) = result["interviews"].values()
    assert pulled["sealed"] and list(pulled["files"].values()) == [PHOTO]
    answers, theirs = dict(pulled["answers"]), dict(sent["answers"])
    answers.pop("photo"), theirs.pop("photo")
    assert answers == theirs
    for path in result["paths"]:
        assert theirs["story"].encode() not in path.read_bytes()
