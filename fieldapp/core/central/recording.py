"""Record real exchanges with a Central server, and replay them where there is none.

A recording is one JSON file per scenario: for each request its method, path, the
headers that matter and a digest of its body (multipart boundaries made constant); for
each response its status, headers and body. Secrets (an app user's token, a password, a
session token or csrf value a response hands out) are replaced by ``{placeholders}``
before anything is written; ``Authorization`` and cookies are never written. Replay puts
the caller's own secrets back, so a client that signs in the same way meets the same
answers. Recordings come only from a live server, never written by hand.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

_REQUEST_HEADERS = ("content-type", "x-openrosa-version")
_RESPONSE_HEADERS = ("content-type", "x-openrosa-version", "location", "content-disposition")
_HANDED_OUT = ("token", "csrf")
"""JSON fields of Central's answers that are secrets (a session's bearer and csrf)."""
_BOUNDARY = re.compile(rb"boundary=([^;\s]+)")


class ReplayMismatch(AssertionError):
    """The client asked for something the recording does not hold."""


class Scrubber:
    """Replace known secrets by placeholders; learn the ones a response hands out."""

    def __init__(self, secrets: Mapping[str, str]) -> None:
        self._secrets: dict[str, str] = {}
        for placeholder, value in secrets.items():
            self.learn(placeholder, value)

    def learn(self, placeholder: str, value: str) -> None:
        if value:
            self._secrets[value] = placeholder
            self._secrets[quote(value, safe="")] = placeholder

    def text(self, text: str) -> str:
        for value in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(value, "{" + self._secrets[value] + "}")
        return text

    def values(self) -> list[str]:
        return list(self._secrets)


def body_digest(request: httpx.Request) -> str:
    """sha256 of the request body with a multipart boundary made constant."""
    body = request.content
    found = _BOUNDARY.search(request.headers.get("content-type", "").encode())
    if found:
        body = body.replace(found.group(1), b"BOUNDARY")
    return hashlib.sha256(body).hexdigest()


class RecordingTransport(httpx.BaseTransport):
    """Pass requests to a real transport and keep each exchange, secrets scrubbed."""

    def __init__(self, secrets: Mapping[str, str], inner: httpx.BaseTransport | None = None):
        self._inner = inner or httpx.HTTPTransport()
        self._scrub = Scrubber(secrets)
        self.exchanges: list[dict[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # a multipart body is a stream: keep its bytes for the digest
        digest = body_digest(request)
        response = self._inner.handle_request(request)
        content = response.read()
        self._learn(response, content)
        self.exchanges.append(
            {
                "request": {
                    "method": request.method,
                    "path": self._scrub.text(request.url.raw_path.decode("ascii")),
                    "headers": _selected(request.headers, _REQUEST_HEADERS, self._scrub),
                    "body_sha256": digest,
                },
                "response": {
                    "status": response.status_code,
                    "headers": _selected(response.headers, _RESPONSE_HEADERS, self._scrub),
                    **_body(content, self._scrub),
                },
            }
        )
        return httpx.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )

    def _learn(self, response: httpx.Response, content: bytes) -> None:
        if "json" not in response.headers.get("content-type", ""):
            return
        try:
            data = json.loads(content)
        except ValueError:
            return
        if isinstance(data, dict):
            for name in _HANDED_OUT:
                if isinstance(data.get(name), str):
                    self._scrub.learn(name, data[name])

    def save(self, path: Path, **about: Any) -> None:
        """Write the recording; refuse if any known secret is still in it."""
        text = json.dumps({**about, "exchanges": self.exchanges}, indent=1, ensure_ascii=False)
        for value in self._scrub.values():
            if value in text:
                raise ValueError("a secret is still in the recording")
        Path(path).write_text(text + "\n", encoding="utf-8")

    def close(self) -> None:
        """Stay open: one recording spans every client a scenario opens (see ``finish``)."""

    def finish(self) -> None:
        """Close the real transport once the scenario is over."""
        self._inner.close()


class ReplayTransport(httpx.BaseTransport):
    """Answer each request with the recorded response of the same method and path."""

    def __init__(self, recording: Path | Mapping[str, Any], secrets: Mapping[str, str]):
        data = (
            json.loads(Path(recording).read_text(encoding="utf-8"))
            if isinstance(recording, Path | str)
            else recording
        )
        self.exchanges: list[dict[str, Any]] = list(data["exchanges"])
        self._used = [False] * len(self.exchanges)
        self._scrub = Scrubber(secrets)
        self._secrets = dict(secrets)
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # as a server would: the body is sent, and kept for the tests to read
        self.requests.append(request)
        path = self._scrub.text(request.url.raw_path.decode("ascii"))
        for index, exchange in enumerate(self.exchanges):
            asked = exchange["request"]
            if self._used[index] or asked["method"] != request.method or asked["path"] != path:
                continue
            self._used[index] = True
            answer = exchange["response"]
            return httpx.Response(
                answer["status"],
                headers=answer["headers"],
                content=self._content(answer),
                request=request,
            )
        raise ReplayMismatch(f"no recorded answer left for {request.method} {path}")

    def _content(self, answer: Mapping[str, Any]) -> bytes:
        if "body_base64" in answer:
            return base64.b64decode(answer["body_base64"])
        text = str(answer.get("body", ""))
        for placeholder, value in self._secrets.items():
            text = text.replace("{" + placeholder + "}", value)
        return text.encode("utf-8")

    @property
    def unused(self) -> int:
        """How many recorded exchanges no request has asked for."""
        return self._used.count(False)


def _selected(headers: httpx.Headers, names: tuple[str, ...], scrub: Scrubber) -> dict[str, str]:
    kept = {name: scrub.text(headers[name]) for name in names if name in headers}
    if "content-type" in kept:
        kept["content-type"] = re.sub(
            r"boundary=[^;\s]+", "boundary=BOUNDARY", kept["content-type"]
        )
    return kept


def _body(content: bytes, scrub: Scrubber) -> dict[str, str]:
    try:
        return {"body": scrub.text(content.decode("utf-8"))}
    except UnicodeDecodeError:
        return {"body_base64": base64.b64encode(content).decode("ascii")}
