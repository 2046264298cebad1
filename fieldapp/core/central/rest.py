"""Central's REST API on one project, as pull and review sync call it.

Central lists submissions, serves their XML, attachments, review states and comments
only to a web user (an app user may only send), so these calls go through a
``client.CentralClient`` signed in with the supervisor's email and password: its
retries, session renewal, secret hiding and catalogue messages apply, and its
transport records or replays the exchanges in the tests.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from fieldapp.core.central.client import CentralClient
from fieldapp.core.messages import FieldappError, Message


class ProjectApi:
    """REST calls below ``/v1/projects/{project}/`` (paths are relative to it)."""

    def __init__(self, client: CentralClient) -> None:
        if client.credentials.kind != "web_user":
            raise FieldappError("pull.needs_web_user", url=client.url)
        self.client = client

    def get_json(self, path: str) -> Any:
        return _json(self._call("GET", path).content, path)

    def get_bytes(self, path: str) -> bytes:
        return self._call("GET", path).content

    def patch_json(self, path: str, body: Any) -> Any:
        return _json(self._call("PATCH", path, body).content, path)

    def post_json(self, path: str, body: Any) -> Any:
        return _json(self._call("POST", path, body).content, path)

    def _call(self, method: str, path: str, body: Any = None) -> httpx.Response:
        what = Message("pull.what", {"path": path})
        return self.client.request(method, f"{self.client.base}/{path}", what, json_body=body)


def _json(content: bytes, what: str) -> Any:
    try:
        return json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FieldappError("pull.bad_answer", what=what, reason=type(error).__name__) from None
