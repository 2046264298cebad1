"""A web user's REST session on one Central project: what pull and review sync call.

Central lists submissions, serves their XML, attachments, review states and comments
only to a web user (an app user may only send), so pulling signs in with the
supervisor's email and password (``POST /v1/sessions``) and sends the session token as a
bearer token. Every failure becomes one catalogue message naming what was asked; the
token and password never appear in one.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from fieldapp.core.messages import FieldappError

TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class ProjectSession:
    """REST calls on ``/v1/projects/{project}/...`` as a signed-in web user."""

    def __init__(
        self,
        url: str,
        project: int | str,
        email: str,
        password: str,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.project = str(project)
        self._email = email
        self._password = password
        self._token: str | None = None
        self._http = httpx.Client(base_url=self.url, transport=transport, timeout=TIMEOUT)

    def __repr__(self) -> str:  # never the password or the token, even in a trace
        return f"ProjectSession({self.url!r}, {self.project!r}, {self._email!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ProjectSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get_json(self, path: str) -> Any:
        return _json(self._call("GET", path), path)

    def get_bytes(self, path: str) -> bytes:
        return self._call("GET", path).content

    def patch_json(self, path: str, body: Any) -> Any:
        return _json(self._call("PATCH", path, body), path)

    def post_json(self, path: str, body: Any) -> Any:
        return _json(self._call("POST", path, body), path)

    def post_raw(self, path: str, body: Any) -> bytes:
        """POST a JSON body and return the answer's bytes (an export's zip)."""
        return self._call("POST", path, body).content

    def _call(self, method: str, path: str, body: Any = None) -> httpx.Response:
        address = f"/v1/projects/{self.project}/{path}"
        response = self._send(method, address, body, signed=True)
        if response.status_code == 401:  # an expired session: sign in once more
            self._token = None
            response = self._send(method, address, body, signed=True)
        if not response.is_success:
            raise FieldappError(
                "pull.http",
                what=f"{method} {path}",
                status=response.status_code,
                reason=_reason(response),
            )
        return response

    def _send(self, method: str, address: str, body: Any, *, signed: bool) -> httpx.Response:
        headers = {"X-Extended-Metadata": "true"}
        if signed:
            headers["Authorization"] = f"Bearer {self._session_token()}"
        try:
            return self._http.request(method, address, headers=headers, json=body)
        except httpx.HTTPError as error:
            raise FieldappError(
                "pull.unreachable", url=self.url, reason=type(error).__name__
            ) from None

    def _session_token(self) -> str:
        if self._token is None:
            response = self._send(
                "POST",
                "/v1/sessions",
                {"email": self._email, "password": self._password},
                signed=False,
            )
            if not response.is_success:
                raise FieldappError(
                    "pull.http",
                    what="POST /v1/sessions",
                    status=response.status_code,
                    reason=_reason(response),
                )
            token = _json(response, "sessions").get("token")
            if not isinstance(token, str):
                raise FieldappError("pull.bad_answer", what="sessions", reason="token")
            self._token = token
        return self._token


def _json(response: httpx.Response, what: str) -> Any:
    try:
        return json.loads(response.content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FieldappError("pull.bad_answer", what=what, reason=type(error).__name__) from None


def _reason(response: httpx.Response) -> str:
    """Central's own message (a JSON problem), else the HTTP reason phrase."""
    try:
        message = json.loads(response.content).get("message")
    except (ValueError, AttributeError):
        message = None
    return str(message) if message else response.reason_phrase
