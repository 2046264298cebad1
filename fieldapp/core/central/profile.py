"""Server profiles: which Central, which project, signed in how; secrets in the keyring.

A profile (URL, project number, app user or web user, the web user's email) is kept in
``central-servers.json`` in the app's config folder (``FIELDAPP_CONFIG_DIR`` overrides
it), a 0600 file in a 0700 folder. The secret (app user token or password) goes to the
operating system's keyring through the ``keyring`` package when a backend exists; without
one it is asked each time (``FIELDAPP_CENTRAL_SECRET`` for scripts) and kept in this
process's memory only. A secret is never written to the profile file, the database, a
package, a log or a recording.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.central.client import (
    AuthKind,
    CentralClient,
    Credentials,
    check_url,
    secret_kind,
)
from fieldapp.core.central.push import server_key
from fieldapp.core.leftovers import discard, partial_path, publish
from fieldapp.core.messages import FieldappError, Message

SERVICE = "fieldapp-central"
"""The keyring service name every profile's secret is kept under."""
FILE_NAME = "central-servers.json"
SECRET_ENV = "FIELDAPP_CENTRAL_SECRET"
_MEMORY: dict[str, str] = {}
"""Secrets given in this process when no keyring exists: gone when it ends."""

Ask = Callable[[str], str]
"""Asks the person for a secret (the prompt is given); returns "" when none is given."""


@dataclass(frozen=True)
class Profile:
    """One Central project and how to sign in to it (never the secret)."""

    name: str
    url: str
    project: int
    auth: AuthKind
    email: str = ""

    @property
    def server(self) -> str:
        """The push queue's name for this profile's project."""
        return server_key(self.url, self.project)

    @property
    def keyring_user(self) -> str:
        who = self.email if self.auth == "web_user" else "app-user"
        return f"{who}@{self.url}#{self.project}"


def config_folder() -> Path:
    """Return the folder holding the profiles file."""
    chosen = os.environ.get("FIELDAPP_CONFIG_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_config_dir("fieldapp", appauthor=False))


def load_profiles(folder: Path | None = None) -> dict[str, Profile]:
    """Return the saved profiles by name (none yet: empty)."""
    path = (folder or config_folder()) / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            name: Profile(
                name=name,
                url=str(entry["url"]),
                project=int(entry["project"]),
                auth="web_user" if entry["auth"] == "web_user" else "app_user",
                email=str(entry.get("email", "")),
            )
            for name, entry in data["profiles"].items()
        }
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise FieldappError(
            "central.profile_unreadable", path=str(path), reason=type(error).__name__
        ) from None


def find_profile(name: str | None, folder: Path | None = None) -> Profile:
    """Return the profile called ``name`` (default: the only one, else ``default``)."""
    profiles = load_profiles(folder)
    if name is None and len(profiles) == 1:
        return next(iter(profiles.values()))
    wanted = name or "default"
    if wanted not in profiles:
        raise FieldappError("central.no_profile", profile=wanted)
    return profiles[wanted]


def save_profile(profile: Profile, folder: Path | None = None) -> Path:
    """Add or replace ``profile`` in the profiles file (0600, written whole, then renamed)."""
    folder = folder or config_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    profiles = load_profiles(folder)
    profiles[profile.name] = profile
    data: dict[str, Any] = {
        "profiles": {
            name: {k: v for k, v in asdict(p).items() if k != "name"}
            for name, p in sorted(profiles.items())
        }
    }
    path = folder / FILE_NAME
    partial = partial_path(path)  # 0600 from the start
    try:
        with partial.open("w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.write("\n")
        publish(partial, path)
    except BaseException:
        discard(partial)
        raise
    return path


def keyring_available() -> bool:
    """Whether the operating system offers a keyring backend to keep secrets in."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration: treated as no keyring
        return False
    return not isinstance(backend, fail.Keyring) and backend.priority > 0


def keep_secret(profile: Profile, secret: str) -> bool:
    """Keep the secret in the keyring (True), else in this process's memory only (False)."""
    _MEMORY[profile.keyring_user] = secret
    if not keyring_available():
        return False
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, profile.keyring_user, secret)
    except KeyringError:
        return False
    return True


def secret_of(profile: Profile, ask: Ask | None = None) -> str:
    """Return the profile's secret: keyring, this process's memory, the env, or asked."""
    found = _MEMORY.get(profile.keyring_user) or ""
    if not found and keyring_available():
        import keyring
        from keyring.errors import KeyringError

        try:
            found = keyring.get_password(SERVICE, profile.keyring_user) or ""
        except KeyringError:
            found = ""
    found = found or os.environ.get(SECRET_ENV, "")
    if not found and ask is not None:
        found = ask(prompt(profile))
        if found:
            _MEMORY[profile.keyring_user] = found
    if not found:
        raise FieldappError("central.no_secret", profile=profile.name, kind=kind_of(profile))
    return found


def prompt(profile: Profile) -> str:
    """The question asked for the secret."""
    if profile.auth == "web_user":
        return Message(
            "central.secret_prompt_password", {"email": profile.email, "url": profile.url}
        ).text()
    return Message("central.secret_prompt_token", {"url": profile.url}).text()


def kind_of(profile: Profile) -> Message:
    """What the secret is called, for messages."""
    return secret_kind(profile.auth)


def credentials(profile: Profile, ask: Ask | None = None) -> Credentials:
    """The profile's credentials, the secret fetched as ``secret_of`` does."""
    return Credentials(profile.auth, secret_of(profile, ask), profile.email)


def client_for(profile: Profile, ask: Ask | None = None, **options: Any) -> CentralClient:
    """Open a client on the profile's project."""
    return CentralClient(
        profile.url, profile.project, credentials(profile, ask), profile=profile.name, **options
    )


def make_profile(name: str, url: str, project: str | int, email: str = "") -> Profile:
    """Check what a person typed and return the profile (no secret, nothing saved)."""
    try:
        number = int(str(project).strip())
    except ValueError:
        raise FieldappError("central.bad_project", project=project) from None
    if number <= 0:
        raise FieldappError("central.bad_project", project=project)
    auth: AuthKind = "web_user" if email else "app_user"
    return Profile(name or "default", check_url(url), number, auth, email.strip())


@dataclass(frozen=True)
class LoginResult:
    """A profile checked against its server and saved."""

    profile: Profile
    forms: int
    in_keyring: bool
    path: Path


def login(
    profile: Profile,
    secret: str,
    *,
    folder: Path | None = None,
    **options: Any,
) -> LoginResult:
    """Sign in once to check the profile, then save it (the secret to the keyring only)."""
    from fieldapp.core.central.forms_down import list_forms

    given = Credentials(profile.auth, secret, profile.email)
    with CentralClient(
        profile.url, profile.project, given, profile=profile.name, **options
    ) as client:
        if profile.auth == "web_user":
            client.sign_in()
        forms = len(list_forms(client))  # an app user's first call: it checks the token
    cancelled = options.get("cancelled")
    if cancelled is not None and cancelled():  # cancelled while the server answered
        raise FieldappError("central.cancelled", url=profile.url)
    path = save_profile(profile, folder)
    in_keyring = keep_secret(profile, secret)
    return LoginResult(profile, forms, in_keyring, path)
