"""`fieldapp central ...`: the same core calls, printed; one line on stderr when it fails."""

from __future__ import annotations

import functools
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from central_scenarios import finalized_interview, replay_link, write_form
from keyring.backends import fail

from fieldapp.cli import main
from fieldapp.core.central import profile as profiles
from fieldapp.core.central.client import CentralClient
from fieldapp.core.central.push import queue
from fieldapp.core.central.recording import ReplayTransport
from fieldapp.core.messages import text
from fieldapp.core.store import Store

URL = "http://127.0.0.1:8383"
TOKEN = "cli-token-7"


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "config"
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(folder))
    monkeypatch.setenv(profiles.SECRET_ENV, TOKEN)
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # this machine's keyring stays untouched
    profiles._MEMORY.clear()
    yield folder
    keyring.set_keyring(before)
    profiles._MEMORY.clear()


def replay(monkeypatch: pytest.MonkeyPatch, scenario: str) -> ReplayTransport:
    link = replay_link(scenario, token=TOKEN)
    assert link.replay is not None
    transport = ReplayTransport(link.replay, link._placeholders())
    monkeypatch.setattr(
        profiles, "CentralClient", functools.partial(CentralClient, transport=transport)
    )
    return transport


def login(monkeypatch: pytest.MonkeyPatch) -> None:
    replay(monkeypatch, "form_list")
    assert main(["central", "login", "--url", URL, "--project", "1"]) == 0


def test_login_says_where_and_how_many_forms(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    login(monkeypatch)
    out = capsys.readouterr().out
    assert URL in out and "3" in out and "default" in out
    assert TOKEN not in (config / profiles.FILE_NAME).read_text(encoding="utf-8")


def test_login_without_a_secret_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(profiles.SECRET_ENV)
    assert main(["central", "login", "--url", URL, "--project", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "FIELDAPP_CENTRAL_SECRET" in err


def test_forms_downloads_one_and_shows_what_is_held(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    login(monkeypatch)
    capsys.readouterr()
    replay(monkeypatch, "form_download")
    db = tmp_path / "field.db"
    args = ["central", "forms", "--db", str(db), "--download", "fieldapp_h18core", "--json"]
    assert main(args) == 0
    shown = json.loads(capsys.readouterr().out)
    states = {f["form_id"]: f["state"] for f in shown["forms"]}
    assert states == {
        "fieldapp_h18core": "held",
        "mx_border_cso": "missing",
        "mx_border_gov": "missing",
    }
    assert shown["downloaded"] == [
        {"form_id": "fieldapp_h18core", "version": "2026120501", "files": ["towns.csv"]}
    ]


def test_push_then_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    login(monkeypatch)
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        for name in ("Rosa", "Luis", "Elena"):
            finalized_interview(store, sha, name)
    capsys.readouterr()
    replay(monkeypatch, "push_plain")
    assert main(["central", "push", "--db", str(db), "--json"]) == 0
    pushed = json.loads(capsys.readouterr().out)
    assert len(pushed["sent"]) == 3 and pushed["waiting"] == 0 and pushed["stopped"] is None
    assert main(["central", "status", "--db", str(db), "--json"]) == 0
    [profile] = json.loads(capsys.readouterr().out)["profiles"]
    assert profile["queue"] == {"waiting": 0, "sent": 3, "refused": 0}
    assert TOKEN not in json.dumps(profile)


def test_a_refused_push_says_how_to_send_it_again_and_retry_refused_does(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The refusal's own words no longer name a command (the window shows them too):
    the terminal says how to send the refused interviews again, after them."""
    login(monkeypatch)
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        finalized_interview(store, sha, "Rosa")
    capsys.readouterr()
    replay(monkeypatch, "push_closed")
    assert main(["central", "push", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "refused:" in out and out.rstrip().endswith("fieldapp central push --retry-refused")
    replay(monkeypatch, "push_plain")
    assert main(["central", "push", "--db", str(db), "--retry-refused", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["sent"]) == 1


def test_push_offline_exits_1_and_keeps_everything_waiting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    profiles.save_profile(profiles.make_profile("default", f"http://127.0.0.1:{port}", 1))
    monkeypatch.setattr(
        profiles,
        "CentralClient",
        functools.partial(CentralClient, sleep=lambda _s: None),
    )
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        sha = store.forms.add(write_form(tmp_path / "form")).sha256
        finalized_interview(store, sha, "Rosa")
    assert main(["central", "push", "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "0 interviews sent" in captured.out
    assert captured.err.startswith("fieldapp: ") and captured.err.count("\n") == 1
    assert f"127.0.0.1:{port}" in captured.err and "Traceback" not in captured.err
    with Store.open(db) as store:
        assert [row.state for row in queue(store, f"http://127.0.0.1:{port}#1")] == ["waiting"]


def test_status_without_profiles_says_how_to_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["central", "status"]) == 0
    assert "fieldapp central login" in capsys.readouterr().out


def test_pull_needs_a_web_user(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    profiles.save_profile(profiles.make_profile("laptop", URL, 1))
    db = tmp_path / "field.db"
    Store.open(db).close()
    assert main(["central", "pull", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--email" in err and "laptop" in err


def test_pull_brings_the_recorded_project_in_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`central pull` over central-backend's recorded answers (pull_scenario's recording)."""
    from integration import pull_scenario

    data = json.loads(pull_scenario.RECORDING.read_text(encoding="utf-8"))
    password = "pw-for-replay"
    monkeypatch.setenv(profiles.SECRET_ENV, password)
    transports: list[ReplayTransport] = []

    def client(*args: Any, **options: Any) -> CentralClient:
        transports.append(ReplayTransport(data, {"web-user-password": password}))
        return CentralClient(*args, transport=transports[-1], **options)

    monkeypatch.setattr(profiles, "CentralClient", client)
    profiles.save_profile(
        profiles.make_profile("office", data["url"], data["project"], data["email"])
    )
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.forms.add(pull_scenario.write_form(tmp_path / "form", data["form_id"]))
    capsys.readouterr()
    args = ["central", "pull", "--db", str(db), "--form", data["form_id"]]
    assert main([*args, "--json"]) == 0
    pulled = json.loads(capsys.readouterr().out)
    assert (pulled["new"], pulled["known"], pulled["reviews"], pulled["left"]) == (3, 0, 2, [])
    assert password not in json.dumps(pulled)
    with Store.open(db) as store:
        states = sorted(row.state for row in store.interviews.page())
        comments = [
            event.payload.get("comment")
            for row in store.interviews.page()
            for event in store.events.of(row.submission_id)
        ]
    assert states == ["approved", "finalized", "returned"]
    assert "Falta el lugar de la visita." in " ".join(str(c) for c in comments)

    assert main(args) == 0  # again: nothing new, nothing taken twice
    said = capsys.readouterr().out
    assert "0 new interviews, 3 already here, 0 review decisions" in said
    assert [r.url.path for r in transports[-1].requests][-1] == "/v1/sessions/current"


def test_pull_with_the_study_key_brings_sealed_submissions_sealed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`central pull --key` over the recorded sealed exchange: without the key the
    submission stays on the server with the reason; with it, it comes down sealed."""
    from integration import pull_sealed_scenario as scenario

    data = json.loads(scenario.RECORDING.read_text(encoding="utf-8"))
    password = "pw-for-replay"
    monkeypatch.setenv(profiles.SECRET_ENV, password)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", scenario.KEY_PASSPHRASE)

    def client(*args: Any, **options: Any) -> CentralClient:
        transport = ReplayTransport(data, {"web-user-password": password})
        return CentralClient(*args, transport=transport, **options)

    monkeypatch.setattr(profiles, "CentralClient", client)
    profiles.save_profile(
        profiles.make_profile("office", data["url"], data["project"], data["email"])
    )
    key_file = tmp_path / "study-key.pem"
    key_file.write_text(data["test_key_pem"], encoding="ascii")
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.forms.add(scenario.write_form(tmp_path / "form", data["form_id"], data["public_key"]))
    capsys.readouterr()
    args = ["central", "pull", "--db", str(db), "--form", data["form_id"], "--json"]

    assert main(args) == 0
    locked = json.loads(capsys.readouterr().out)
    assert locked["new"] == 0 and len(locked["left"]) == 1
    assert "locked here" in locked["left"][0]["reason"] and "--key" in locked["left"][0]["reason"]

    assert main([*args, "--key", str(key_file)]) == 0
    pulled = json.loads(capsys.readouterr().out)
    assert (pulled["new"], pulled["left"]) == (1, [])
    ((sent,),) = (data["sent"],)
    with Store.open(db) as store:
        (row,) = store.interviews.page()
        (head,) = store.interviews.heads(row.submission_id)
        assert head.answers is None and head.sealed is not None  # sealed in the database
        from fieldapp.core import crypto

        store.keys.unlock(
            crypto.load_private_key(data["test_key_pem"].encode("ascii"), scenario.KEY_PASSPHRASE)
        )
        answers = dict(store.keys.open_revision(head).answers)
    answers.pop("photo"), sent["answers"].pop("photo")
    assert answers == sent["answers"]
    for file in tmp_path.rglob("*"):
        if file.is_file():
            assert sent["answers"]["story"].encode() not in file.read_bytes(), file


def test_push_says_what_the_server_already_held_and_sends_none_of_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A laptop holding, by merge, what the supervisor pulled: a web user's push reads the
    form's listing once and sends none of it back (central3)."""
    from integration import pull_scenario

    from fieldapp.core.merge import merge_database

    data = json.loads(pull_scenario.RECORDING.read_text(encoding="utf-8"))
    password = "pw-for-replay"
    monkeypatch.setenv(profiles.SECRET_ENV, password)
    transports: list[ReplayTransport] = []

    def client(*args: Any, **options: Any) -> CentralClient:
        transports.append(ReplayTransport(data, {"web-user-password": password}))
        return CentralClient(*args, transport=transports[-1], **options)

    monkeypatch.setattr(profiles, "CentralClient", client)
    profiles.save_profile(
        profiles.make_profile("office", data["url"], data["project"], data["email"])
    )
    supervisor, laptop = tmp_path / "supervisor.db", tmp_path / "laptop.db"
    with Store.open(supervisor) as store:
        store.forms.add(pull_scenario.write_form(tmp_path / "form", data["form_id"]))
    assert main(["central", "pull", "--db", str(supervisor)]) == 0
    with Store.open(laptop) as store:
        merge_database(store, supervisor)
    capsys.readouterr()

    assert main(["central", "push", "--db", str(laptop)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 interviews sent")
    assert text("central.push_already_line", "en", count=3) in out
    asked = [request.url.path for request in transports[-1].requests]
    assert not [path for path in asked if path.endswith("/submission")]
    assert len([path for path in asked if path.endswith("/submissions")]) == 1
    assert main(["central", "push", "--db", str(laptop), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["already"] == []  # noted: not listed again
