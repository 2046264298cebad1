"""Speak to one ODK Central project over HTTP, as ODK Collect does.

An app user (Collect's way) puts its token in the path: ``/v1/key/{token}/projects/{p}/
formList`` and ``.../submission`` with ``X-OpenRosa-Version: 1.0``. A web user signs in
with ``POST /v1/sessions`` and sends the session as a bearer token to the same project
routes. Connection errors, timeouts and 5xx answers are tried again with a growing pause;
every failure left is one ``FieldappError`` that says what failed, where, and what to do,
quoting Central's own reason. A secret never appears in a message or a log: httpx's
request log (which prints URLs, hence app user tokens) is kept below INFO.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlsplit

import httpx
from defusedxml import ElementTree

from fieldapp.core.central import Part
from fieldapp.core.messages import FieldappError, Message

for _name in ("httpx", "httpcore"):
    # Their INFO/DEBUG lines name every URL, and an app user's token is in the URL.
    logging.getLogger(_name).setLevel(logging.WARNING)

_log = logging.getLogger(__name__)

AuthKind = Literal["app_user", "web_user"]
OPENROSA = {"X-OpenRosa-Version": "1.0"}
XML_PART = "xml_submission_file"
"""The multipart field Central reads the submission's XML from."""
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Seconds: connecting to a server that is not there must not keep a researcher waiting."""
MAX_RESPONSE_BYTES = 512 * 1024 * 1024
"""The most one answer may hold (a form, a listing, one attachment): a server that sends
more, or never stops sending, is refused before it fills the laptop's memory."""


@dataclass(frozen=True)
class Credentials:
    """How to sign in: an app user's token, or a web user's email and password."""

    kind: AuthKind
    secret: str
    email: str = ""

    def __repr__(self) -> str:  # never print the secret, even in a debugger's trace
        return f"Credentials(kind={self.kind!r}, email={self.email!r})"


class CentralRefused(FieldappError):
    """Central answered and would not take it: a reason for the queue, not a broken link."""

    def __init__(self, code: str, *, status: int, reason: str, **params: Any) -> None:
        super().__init__(code, status=status, reason=reason, **params)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Receipt:
    """Central's answer to a submission it took."""

    status: int
    message: str


def secret_kind(auth: AuthKind) -> Message:
    """What the secret is called, for messages: a web user's password, an app user's token."""
    return Message("central.kind_password" if auth == "web_user" else "central.kind_token")


def check_url(url: str) -> str:
    """Return the server's base address (no trailing ``/`` or ``/v1``), or say why not."""
    cleaned = url.strip().rstrip("/")
    if not cleaned:  # "' ' is not an address fieldapp can use" named nothing to fix
        raise FieldappError("central.url_missing")
    if cleaned.endswith("/v1"):
        cleaned = cleaned[: -len("/v1")]
    parts = urlsplit(cleaned)
    shown = url
    if parts.username is not None or parts.password is not None:
        # Never repeat a password typed into the address.
        shown = f"{parts.scheme}://{parts.hostname or ''}"
        reason = "central.url_credentials"
    elif parts.scheme not in ("http", "https"):
        reason = "central.url_scheme"
    elif not parts.hostname or parts.query or parts.fragment:
        reason = "central.url_host"
    else:
        return cleaned
    raise FieldappError("central.bad_url", url=shown, reason=Message(reason))


class CentralClient:
    """One Central project, signed in as an app user or a web user."""

    def __init__(
        self,
        url: str,
        project: int,
        credentials: Credentials,
        *,
        transport: httpx.BaseTransport | None = None,
        attempts: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        profile: str = "",
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.url = check_url(url)
        self._cancelled = cancelled or (lambda: False)
        """Asked before each try again: a Cancel stops a silent server's retries."""
        self.project = project
        self.credentials = credentials
        self.profile = profile or self.url
        self._attempts = max(1, attempts)
        self._backoff = backoff
        self._sleep = sleep
        self._session: str | None = None
        self._http = httpx.Client(
            base_url=self.url, transport=transport, timeout=TIMEOUT, follow_redirects=False
        )

    # --- life ---------------------------------------------------------------------------

    def close(self) -> None:
        """Sign a web user out (best effort) and close the connections."""
        if self._session is not None:
            # Best effort: the session expires on its own, and offline is normal.
            with contextlib.suppress(httpx.HTTPError):
                self._http.delete("/v1/sessions/current", headers=self._auth_headers())
            self._session = None
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def base(self) -> str:
        """The project's path, with the app user's token where Collect puts it."""
        if self.credentials.kind == "app_user":
            token = quote(self.credentials.secret, safe="")
            return f"/v1/key/{token}/projects/{self.project}"
        return f"/v1/projects/{self.project}"

    def sign_in(self) -> None:
        """Check the credentials now (a web user gets a session), or raise why not."""
        if self.credentials.kind == "web_user":
            self._ensure_session()
        else:
            self.form_list_xml()

    def still_signed_in(self) -> bool:
        """Whether these credentials still open the project.

        Central answers 403 both for a token it no longer takes and for a form this user
        may not send to; after a 403 on one submission this tells the two apart.
        """
        try:
            self.sign_in()
        except FieldappError:
            return False
        return True

    # --- calls ----------------------------------------------------------------------------

    def form_list_xml(self) -> bytes:
        """Return the OpenRosa ``formList`` of the project (the forms this user may fill)."""
        what = Message("central.what_forms")
        return self.request("GET", f"{self.base}/formList", what, openrosa=True).content

    def get_bytes(self, path: str, what: Message, *, missing_ok: bool = False) -> bytes | None:
        """Return the body of ``GET base/path`` (None for a 404 when ``missing_ok``)."""
        try:
            return self.request("GET", f"{self.base}/{path}", what).content
        except CentralRefused as error:
            if missing_ok and error.status == 404:
                return None
            raise

    def submit(self, parts: Sequence[Part], what: Message) -> Receipt:
        """Send one submission (``parts[0]`` is its XML) as Collect's multipart POST."""
        files = [
            (XML_PART if index == 0 else name, (name, data, content_type))
            for index, (name, data, content_type) in enumerate(parts)
        ]
        response = self.request("POST", f"{self.base}/submission", what, openrosa=True, files=files)
        return Receipt(response.status_code, _reason(response))

    # --- HTTP -----------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        what: Message,
        *,
        openrosa: bool = False,
        files: Any = None,
        json_body: Any = None,
        signed: bool = True,
    ) -> httpx.Response:
        """Send one request with retries; return a 2xx response or raise a catalogue error."""
        renewed = False
        while True:
            headers = dict(OPENROSA) if openrosa else {}
            if signed:
                headers.update(self._auth_headers())
            response = self._send(method, path, what, headers, files, json_body)
            if (
                response.status_code == 401
                and signed
                and self.credentials.kind == "web_user"
                and not renewed
            ):
                self._session = None  # expired: sign in once more, then believe the answer
                renewed = True
                continue
            if response.is_success:
                return response
            raise self._failure(response, what)

    def _bounded(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` and read its answer, at most ``MAX_RESPONSE_BYTES`` of it."""
        streamed = self._http.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            for chunk in streamed.iter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise FieldappError(
                        "central.too_large", url=self.url, megabytes=MAX_RESPONSE_BYTES >> 20
                    )
                chunks.append(chunk)
        finally:
            streamed.close()
        # The chunks are decoded already (gzip counts as what it unpacks to): say so.
        headers = [
            (name, value)
            for name, value in streamed.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length")
        ]
        return httpx.Response(
            streamed.status_code,
            headers=headers,
            content=b"".join(chunks),
            request=request,
            extensions=streamed.extensions,
        )

    def _send(
        self,
        method: str,
        path: str,
        what: Message,
        headers: dict[str, str],
        files: Any,
        json_body: Any,
    ) -> httpx.Response:
        last: httpx.Response | None = None
        for attempt in range(1, self._attempts + 1):
            if attempt > 1:
                if self._cancelled():  # a server that never answers: no third wait of 30 s
                    raise FieldappError("central.cancelled", url=self.url)
                self._sleep(self._backoff * 2 ** (attempt - 2))
            try:
                response = self._bounded(
                    self._http.build_request(
                        method, path, headers=headers, files=files, json=json_body
                    )
                )
            except httpx.TimeoutException:
                if attempt == self._attempts:
                    raise FieldappError(
                        "central.timeout", url=self.url, seconds=int(TIMEOUT.read or 30)
                    ) from None
                continue
            except httpx.TransportError as error:
                if attempt == self._attempts:
                    reason = _network_reason(error) or self._hide(_plain(error))
                    raise FieldappError("central.no_network", url=self.url, reason=reason) from None
                continue
            except httpx.InvalidURL:
                raise FieldappError(
                    "central.bad_url", url=self.url, reason=Message("central.url_host")
                ) from None
            _log.info("%s %s -> %s", method, self._hide(path), response.status_code)
            if response.status_code < 500:
                return response
            last = response
        assert last is not None
        raise FieldappError(
            "central.server_error",
            url=self.url,
            status=last.status_code,
            attempts=self._attempts,
            what=what,
            reason=self._hide(_reason(last)),
        )

    def _auth_headers(self) -> dict[str, str]:
        if self.credentials.kind == "app_user":
            return {}
        return {"Authorization": f"Bearer {self._ensure_session()}"}

    def _ensure_session(self) -> str:
        if self._session is None:
            response = self.request(
                "POST",
                "/v1/sessions",
                Message("central.what_session"),
                json_body={"email": self.credentials.email, "password": self.credentials.secret},
                signed=False,
            )
            try:
                token = response.json()["token"]
            except (ValueError, KeyError, TypeError):
                raise FieldappError(
                    "central.bad_answer",
                    url=self.url,
                    what=Message("central.what_session"),
                    reason="no session token",
                ) from None
            self._session = str(token)
        return self._session

    def _failure(self, response: httpx.Response, what: Message) -> FieldappError:
        status = response.status_code
        reason = self._hide(_reason(response))
        problem = _problem_code(response)
        if status in (401, 403):
            return FieldappError(
                "central.bad_credentials",
                url=self.url,
                kind=secret_kind(self.credentials.kind),
                profile=self.profile,
                reason=reason,
            )
        # OpenRosa errors are XML without Central's problem code: its wording tells.
        if status == 409 and (problem == 409.2 or "not currently accepting" in reason):
            return CentralRefused(
                "central.form_closed", status=status, reason=reason, url=self.url, what=what
            )
        looks_like_central = problem is not None or _looks_like_central(response)
        if status == 404 and looks_like_central:
            # Another web server's "Not Found" page is no refusal of Central's: a mistyped
            # address marked every interview refused, and the window took it as the server.
            return CentralRefused(
                "central.not_found",
                status=status,
                reason=reason,
                url=self.url,
                what=what,
                project=self.project,
            )
        if 300 <= status < 400 or not looks_like_central:
            return FieldappError("central.not_central", url=self.url, status=status, what=what)
        return CentralRefused(
            "central.refused", status=status, reason=reason, url=self.url, what=what
        )

    def _hide(self, text: str) -> str:
        """Remove the secrets from text a server or a library wrote (it may echo the URL)."""
        for secret in (
            self.credentials.secret,
            quote(self.credentials.secret, safe=""),
            self._session,
        ):
            if secret:
                text = text.replace(secret, "…")
        return text


NETWORK_REASONS = {
    errno.ECONNREFUSED: "central.reason_refused",
    errno.EHOSTUNREACH: "central.reason_unreachable",
    errno.ENETUNREACH: "central.reason_unreachable",
    errno.ECONNRESET: "central.reason_reset",
}
"""errno -> the catalogue's words for why a server could not be reached."""


def _network_reason(error: BaseException) -> Message | None:
    """Return why a connection failed in the user's language (the system says it in English).

    httpx keeps the system's error as the cause (or context) of its own, a few links down.
    """
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            break
        if isinstance(seen, socket.gaierror):
            return Message("central.reason_no_such_host", {})
        code = NETWORK_REASONS.get(getattr(seen, "errno", None) or 0)
        if isinstance(seen, OSError) and code is not None:
            return Message(code, {})
        seen = seen.__cause__ or seen.__context__
    return None


def _plain(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:200]


def _reason(response: httpx.Response) -> str:
    """Central's own words: the JSON ``message``, or the OpenRosa XML ``<message>``."""
    body = response.content[:20_000]
    content_type = response.headers.get("content-type", "")
    if "json" in content_type:
        try:
            return str(json.loads(body)["message"])[:500]
        except (ValueError, KeyError, TypeError):
            pass
    if "xml" in content_type:
        try:
            root = ElementTree.fromstring(body)
        except Exception:  # any XML problem: fall back to the text below
            pass
        else:
            found = [el.text or "" for el in root.iter() if el.tag.endswith("message")]
            if found:
                return " ".join(t.strip() for t in found if t.strip())[:500]
    return body.decode("utf-8", "replace").strip()[:200] or f"HTTP {response.status_code}"


def _problem_code(response: httpx.Response) -> float | None:
    """Central's problem code (``409.2``...) from a JSON error, when it gave one."""
    if "json" not in response.headers.get("content-type", ""):
        return None
    try:
        code = json.loads(response.content).get("code")
    except (ValueError, AttributeError):
        return None
    return float(code) if isinstance(code, int | float) else None


def _looks_like_central(response: httpx.Response) -> bool:
    return "x-openrosa-version" in response.headers or "xml" in response.headers.get(
        "content-type", ""
    )


@contextmanager
def connected(
    url: str, project: int, credentials: Credentials, **options: Any
) -> Iterator[CentralClient]:
    """Open a client for the block and close it (signing a web user out) after."""
    client = CentralClient(url, project, credentials, **options)
    try:
        yield client
    finally:
        client.close()
