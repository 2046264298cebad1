"""Server profiles keep no secret on disk; the keyring keeps it, or nobody does.

The canary test signs in and pushes with a token and a password that must then appear
in no file fieldapp wrote: database (and its WAL), package, export, profile file, log.
"""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from central_scenarios import SCENARIOS, replay_link
from keyring.backend import KeyringBackend
from keyring.backends import fail

from fieldapp.cli import main
from fieldapp.core.central import profile as profiles
from fieldapp.core.central.recording import ReplayTransport
from fieldapp.core.messages import FieldappError

URL = "http://127.0.0.1:8383"


class MemoryKeyring(KeyringBackend):
    """A keyring backend living in this test only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[service, username] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "config" / "fieldapp"
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(folder))
    monkeypatch.delenv(profiles.SECRET_ENV, raising=False)
    before = keyring.get_keyring()
    profiles._MEMORY.clear()
    yield folder
    keyring.set_keyring(before)
    profiles._MEMORY.clear()


@pytest.fixture
def memory_keyring(config: Path) -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


def replayed(name: str, token: str = "", password: str = "") -> ReplayTransport:
    link = replay_link(name, token=token or "unused", password=password or "unused")
    assert link.replay is not None
    return ReplayTransport(link.replay, link._placeholders())


def test_login_keeps_the_profile_0600_and_the_token_in_the_keyring(
    memory_keyring: MemoryKeyring, config: Path
) -> None:
    token = "CANARY-token-0001"
    profile = profiles.make_profile("field", URL + "/v1/", "1")
    result = profiles.login(profile, token, transport=replayed("form_list", token=token))
    assert result.in_keyring and result.forms == 3
    path = config / profiles.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {
        "profiles": {"field": {"url": URL, "project": 1, "auth": "app_user", "email": ""}}
    }
    assert list(memory_keyring.kept.values()) == [token]
    profiles._MEMORY.clear()  # a new process: only the keyring remembers
    again = profiles.find_profile(None)
    assert profiles.secret_of(again) == token


def test_without_a_keyring_the_secret_is_asked_and_kept_in_memory_only(config: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    profile = profiles.make_profile("", URL, 1, email="rosa@example.org")
    result = profiles.login(profile, "pw-1", transport=replayed("web_login", password="pw-1"))
    assert not result.in_keyring
    asked: list[str] = []
    assert profiles.secret_of(profile, asked.append) == "pw-1"  # this process remembers
    profiles._MEMORY.clear()  # the next process does not: it asks
    assert profiles.secret_of(profile, lambda prompt: asked.append(prompt) or "pw-2") == "pw-2"
    assert asked and "rosa@example.org" in asked[0]
    with pytest.raises(FieldappError) as error:
        profiles._MEMORY.clear()
        profiles.secret_of(profile, lambda prompt: "")
    assert error.value.code == "central.no_secret"


@pytest.mark.parametrize(
    ("url", "project", "code"),
    [
        ("central.example.org", 1, "central.bad_url"),
        ("ftp://central.example.org", 1, "central.bad_url"),
        ("https://user:pw@central.example.org", 1, "central.bad_url"),
        ("https://central.example.org", "tres", "central.bad_project"),
        ("https://central.example.org", 0, "central.bad_project"),
    ],
)
def test_a_bad_address_or_project_is_said_before_anything_is_saved(
    config: Path, url: str, project: object, code: str
) -> None:
    with pytest.raises(FieldappError) as error:
        profiles.make_profile("x", url, project)  # type: ignore[arg-type]
    assert error.value.code == code
    for language in ("en", "es"):
        assert "pw@" not in error.value.text(language)
    assert not config.exists()


def test_an_unreadable_profiles_file_is_one_message(config: Path) -> None:
    config.mkdir(parents=True)
    (config / profiles.FILE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(FieldappError) as error:
        profiles.find_profile(None)
    assert error.value.code == "central.profile_unreadable"


def test_canary_secrets_reach_no_file_fieldapp_writes(
    memory_keyring: MemoryKeyring, config: Path, tmp_path: Path
) -> None:
    token, password = "CANARY7tok3n", "CANARY7passw0rd"
    log = tmp_path / "fieldapp.log"
    handler = logging.FileHandler(log)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        app_user = profiles.make_profile("laptop", URL, 1)
        profiles.login(app_user, token, transport=replayed("form_list", token=token))
        web_user = profiles.make_profile("supervisor", URL, 1, email="admin@fieldapp.test")
        profiles.login(web_user, password, transport=replayed("web_login", password=password))
        work = tmp_path / "work"
        work.mkdir()
        # Central's answers carry the token back (formList's download URLs): it flows in.
        SCENARIOS["push_plain"](replay_link("push_plain", token=token), work)
        db = work / "laptop.db"
        assert main(["package", "--db", str(db), "-o", str(tmp_path / "out.fieldapp")]) == 0
        assert main(["export", "--db", str(db), "-o", str(tmp_path / "out.xlsx")]) == 0
        assert main(["central", "status", "--db", str(db)]) == 0
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    assert log.stat().st_size > 0, "the log saw nothing: the check would prove nothing"
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {
        "laptop.db",
        "out.fieldapp",
        "out.xlsx",
        profiles.FILE_NAME,
        "fieldapp.log",
    }
    for path in written:
        content = path.read_bytes()
        for secret in (token, password):
            assert secret.encode() not in content, f"{secret} found in {path.name}"
    assert sorted(memory_keyring.kept.values()) == sorted([token, password])
