"""A supervisor's pull with the reviews both ways, over a real Central's recorded answers.

The recording (``integration/pull_scenario.py``) is a pull with Central's reviews, a
second pull, a return here and that decision sent up. Each ``pull_and_review`` signs in
and out with a client of its own, as the CLI and the Server dialog do, so each replays
the recording afresh.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from integration import pull_scenario, pull_sealed_scenario

from fieldapp.core import crypto
from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.central.pull_reviews import pull_and_review
from fieldapp.core.central.recording import ReplayTransport
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store

PASSWORD = "pw-for-replay"


def _client(data: dict[str, Any], transport: ReplayTransport) -> CentralClient:
    credentials = Credentials("web_user", PASSWORD, data["email"])
    return CentralClient(
        data["url"], data["project"], credentials, transport=transport, sleep=lambda _s: None
    )


def _writes(replayer: ReplayTransport) -> list[tuple[str, Any]]:
    """The requests that change something on the server, signing in aside."""
    return [
        (r.method, json.loads(r.content))
        for r in replayer.requests
        if r.method in ("PATCH", "POST") and r.url.path != "/v1/sessions"
    ]


def test_a_pull_takes_centrals_reviews_and_sends_this_databases(tmp_path: Path) -> None:
    data = json.loads(pull_scenario.RECORDING.read_text(encoding="utf-8"))
    replayers: list[ReplayTransport] = []

    def client() -> CentralClient:
        replayers.append(ReplayTransport(data, {"web-user-password": PASSWORD}))
        return _client(data, replayers[-1])

    form_id = data["form_id"]
    approved, returned, unreviewed = (entry["instance_id"] for entry in data["sent"])
    with Store.open(tmp_path / "supervisor.db") as store:
        store.forms.add(pull_scenario.write_form(tmp_path / "form", form_id))
        steps: list[tuple[int, int]] = []
        first = pull_and_review(
            store,
            client,
            form_ids=[form_id],
            progress=lambda done, total: steps.append((done, total)),
        )
        assert (first.report.new, first.report.reviews, first.reviews_sent) == (3, 2, [])
        assert steps and steps[-1][0] == steps[-1][1], "the progress reached its end"
        local = first.report.local
        states = {i: store.interviews.heads(local[i])[0].state for i in local}
        assert states == {approved: "approved", returned: "returned", unreviewed: "finalized"}

        store.review.return_interview(
            local[unreviewed], comment=pull_scenario.RETURN_COMMENT, author="SUP"
        )
        second = pull_and_review(store, client, form_ids=[form_id], send_reviews=True)
    assert (second.report.new, second.report.known, second.report.reviews) == (0, 3, 0)
    (sent,) = second.reviews_sent
    assert (sent.instance_id, sent.review_state, sent.comment_sent) == (
        unreviewed,
        "hasIssues",
        True,
    )
    assert _writes(replayers[0]) == [], "without send_reviews nothing changes on Central"
    assert _writes(replayers[1]) == [
        ("PATCH", {"reviewState": "hasIssues"}),
        ("POST", {"body": pull_scenario.RETURN_COMMENT}),
    ], "the return went up once, with its comment"
    for replayer in replayers:  # each signed out at the end
        assert replayer.requests[-1].url.path == "/v1/sessions/current"


def test_the_study_key_is_unlocked_first_and_a_wrong_one_asks_nothing_of_the_server(
    tmp_path: Path, study_key: crypto.StudyKey
) -> None:
    data = json.loads(pull_sealed_scenario.RECORDING.read_text(encoding="utf-8"))
    key = crypto.load_private_key(
        data["test_key_pem"].encode("ascii"), pull_sealed_scenario.KEY_PASSPHRASE
    )
    form = pull_sealed_scenario.write_form(tmp_path / "form", data["form_id"], data["public_key"])
    with Store.open(tmp_path / "supervisor.db") as store:
        store.forms.add(form)
        replayer = ReplayTransport(data, {"web-user-password": PASSWORD})
        pulled = pull_and_review(store, lambda: _client(data, replayer), study_key=key)
        assert (pulled.report.new, pulled.report.left) == (1, [])
        assert store.keys.unlocked
        (row,) = store.interviews.page()
        (head,) = store.interviews.heads(row.submission_id)
        assert head.sealed is not None and head.answers is not None, "sealed, opened here"

    made: list[CentralClient] = []

    def client() -> CentralClient:  # where the CLI asks the password
        made.append(_client(data, replayer))
        return made[-1]

    with Store.open(tmp_path / "supervisor.db") as store:
        with pytest.raises(FieldappError) as refused:
            pull_and_review(store, client, study_key=study_key)  # the tests' other key
        assert refused.value.code == "crypto.wrong_key"
    assert made == [], "no client made, no password asked, nothing sent"
