"""Interviews pulled from a Central project are not sent back to it (central2).

The supervisor pulls the recorded project (three interviews a laptop sent) through
``pull_and_review``, as ``fieldapp central pull`` and the Server desk do, then pushes to
the same project: nothing goes up, the queue says the three are sent. An interview
corrected here after the pull still goes, as Central's edit of what it holds.
"""

from __future__ import annotations

import json
from pathlib import Path

from central_ledger import LedgerSender, deprecated_of, instance_of
from central_scenarios import edit_after_return
from integration import pull_scenario as integration

from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.central.pull_reviews import pull_and_review
from fieldapp.core.central.push import counts, enqueue, push, server_key
from fieldapp.core.central.recording import ReplayTransport
from fieldapp.core.store import Store


def _pulled(tmp_path: Path) -> tuple[Path, str, dict]:
    """A supervisor's database after one pull; return it, the push queue's name, the recording."""
    data = json.loads(integration.RECORDING.read_text(encoding="utf-8"))
    transport = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    credentials = Credentials("web_user", "pw-for-replay", data["email"])
    path = tmp_path / "supervisor.db"
    with Store.open(path) as store:
        store.forms.add(integration.write_form(tmp_path / "form", data["form_id"]))

        def client() -> CentralClient:
            return CentralClient(
                data["url"], data["project"], credentials, transport=transport, sleep=lambda _: None
            )

        outcome = pull_and_review(store, client)
    assert outcome.report.new == 3
    return path, server_key(CentralClient(data["url"], 1, credentials).url, data["project"]), data


def test_a_push_to_the_server_pulled_from_sends_nothing_back(tmp_path: Path) -> None:
    path, server, _ = _pulled(tmp_path)
    sender = LedgerSender(tmp_path / "ledger")
    with Store.open(path) as store:
        result = push(store, sender, server)
        assert result.sent == [] and sender.calls == []
        assert counts(store, server) == {"waiting": 0, "sent": 3, "refused": 0}
        # Another server is another queue: there they are still to send.
        assert enqueue(store, "https://other.example.org#1") == 3


def test_a_revision_made_here_after_the_pull_goes_up_as_centrals_edit(tmp_path: Path) -> None:
    path, server, data = _pulled(tmp_path)
    sender = LedgerSender(tmp_path / "ledger")
    with Store.open(path) as store:
        held = [row for row in store.interviews.page() if row.state == "finalized"]
        unreviewed = held[0].submission_id  # Central reviewed two; this one is finalized
        edit_after_return(store, unreviewed, "Corregida aquí")
        result = push(store, sender, server)
    assert result.sent == [unreviewed]
    [parts] = sender.calls
    # Central's copy is the one it deprecates: one submission there, in a new version.
    pulled_ids = {entry["instance_id"] for entry in data["sent"]}
    assert deprecated_of(parts) in pulled_ids
    assert instance_of(parts) not in pulled_ids
