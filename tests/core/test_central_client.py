"""The client's failures: each one catalogue message, never a secret, never a hang."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fieldapp.core.central.client import CentralClient, Credentials, check_url
from fieldapp.core.messages import FieldappError, Message

TOKEN = "S3cret!token$with/odd+chars"


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_no_server_is_no_network_after_the_retries_without_the_token() -> None:
    pauses: list[float] = []
    url = f"http://127.0.0.1:{closed_port()}"
    client = CentralClient(url, 1, Credentials("app_user", TOKEN), sleep=pauses.append)
    with client, pytest.raises(FieldappError) as error:
        client.form_list_xml()
    assert error.value.code == "central.no_network"
    assert pauses == [0.5, 1.0]  # three tries, the pause growing
    for language in ("en", "es"):
        shown = error.value.text(language)
        assert url in shown and TOKEN not in shown and "S3cret" not in shown


def test_server_errors_are_tried_again_then_said_with_centrals_reason() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(503, json={"message": f"down for {request.url.path}", "code": 503.1})

    pauses: list[float] = []
    with (
        CentralClient(
            "https://central.example.org",
            3,
            Credentials("app_user", TOKEN),
            transport=httpx.MockTransport(answer),
            sleep=pauses.append,
        ) as client,
        pytest.raises(FieldappError) as error,
    ):
        client.form_list_xml()
    assert len(seen) == 3 and len(pauses) == 2
    assert error.value.code == "central.server_error"
    shown = error.value.text("en")
    assert "503" in shown and "down for" in shown
    assert TOKEN not in shown and "S3cret" not in shown  # the echoed path is cleaned


def test_a_server_that_comes_back_is_used_without_a_word() -> None:
    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ConnectError("connection reset", request=request)
        return httpx.Response(200, text="<xforms/>", headers={"X-OpenRosa-Version": "1.0"})

    with CentralClient(
        "https://central.example.org",
        3,
        Credentials("app_user", TOKEN),
        transport=httpx.MockTransport(answer),
        sleep=lambda _s: None,
    ) as client:
        assert client.form_list_xml() == b"<xforms/>"
    assert calls == 2


def test_something_that_is_not_central_is_said_so() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            418, text="<html>teapot</html>", headers={"Content-Type": "text/html"}
        )

    with (
        CentralClient(
            "https://example.org",
            1,
            Credentials("app_user", TOKEN),
            transport=httpx.MockTransport(answer),
        ) as client,
        pytest.raises(FieldappError) as error,
    ):
        client.request("GET", "/v1/x", Message("central.what_forms"))
    assert error.value.code == "central.not_central"


def test_another_web_servers_not_found_page_is_no_refusal_of_an_interview(
    tmp_path: Path,
) -> None:
    """A mistyped address that reaches some web server: its 404 page is not Central
    refusing each interview; the push stops and everything waits, nothing refused."""
    from central_scenarios import finalized_interview, write_form

    from fieldapp.core.central.push import counts, push
    from fieldapp.core.store import Store

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            404, text="<html>Not Found</html>", headers={"Content-Type": "text/html"}
        )

    with Store.open(tmp_path / "laptop.db") as store:
        sha256 = store.forms.add(write_form(tmp_path / "form")).sha256
        finalized_interview(store, sha256, "Rosa")
        finalized_interview(store, sha256, "Luz")
        server = "https://www.example.org#1"
        with CentralClient(
            "https://www.example.org",
            1,
            Credentials("app_user", TOKEN),
            transport=httpx.MockTransport(answer),
        ) as client:
            result = push(store, client, server)
        assert result.refused == [] and result.sent == []
        assert result.stopped is not None and result.stopped.code == "central.not_central"
        assert counts(store, server) == {"waiting": 2, "sent": 0, "refused": 0}


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("https://central.example.org/", "https://central.example.org"),
        ("  https://central.example.org/v1 ", "https://central.example.org"),
        ("http://127.0.0.1:8383", "http://127.0.0.1:8383"),
    ],
)
def test_an_address_is_kept_as_its_base(typed: str, kept: str) -> None:
    assert check_url(typed) == kept


def test_credentials_never_print_their_secret() -> None:
    shown = repr(Credentials("web_user", TOKEN, "rosa@example.org"))
    assert TOKEN not in shown and "rosa@example.org" in shown


def test_a_server_that_never_stops_sending_is_refused_with_bounded_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hostile or broken server streaming without end (no Content-Length) is cut off at
    the cap: one message, and the laptop never holds more than the cap of it."""
    from fieldapp.core.central import client as client_module

    monkeypatch.setattr(client_module, "MAX_RESPONSE_BYTES", 4 * 1024 * 1024)
    sent: list[int] = []

    def endless() -> Iterator[bytes]:
        while True:
            sent.append(1)
            yield b"\0" * 65536

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    client = CentralClient(
        "http://central.test",
        1,
        Credentials("app_user", TOKEN),
        transport=httpx.MockTransport(answer),
        sleep=lambda _s: None,
    )
    with client, pytest.raises(FieldappError) as error:
        client.form_list_xml()
    assert error.value.code == "central.too_large"
    assert len(sent) <= 4 * 16 + 1  # stopped reading at the cap, not at the end
    for language in ("en", "es"):
        assert "4 MB" in error.value.text(language) and TOKEN not in error.value.text(language)


def test_a_gzipped_answer_reads_as_its_content() -> None:
    """The cap counts what an answer unpacks to, and the unpacked bytes read as before."""
    import gzip

    body = b"<forms></forms>"

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=gzip.compress(body), headers={"Content-Encoding": "gzip"}
        )

    client = CentralClient(
        "http://central.test",
        1,
        Credentials("app_user", TOKEN),
        transport=httpx.MockTransport(answer),
        sleep=lambda _s: None,
    )
    with client:
        assert client.form_list_xml() == body


def test_why_a_server_was_not_reached_is_said_in_the_users_language() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    client = CentralClient(url, 1, Credentials("app_user", TOKEN), attempts=1)
    with client, pytest.raises(FieldappError) as refused:
        client.form_list_xml()

    def no_such_host(request: httpx.Request) -> httpx.Response:
        lookup = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        raise httpx.ConnectError("[Errno -2] Name or service not known") from lookup

    made_up = "https://central.ejemplo-inventado.mx"
    client = CentralClient(
        made_up,
        1,
        Credentials("app_user", TOKEN),
        attempts=1,
        transport=httpx.MockTransport(no_such_host),
    )
    with client, pytest.raises(FieldappError) as unknown:
        client.form_list_xml()
    for error, spanish in ((refused, "nada responde"), (unknown, "ningún servidor tiene")):
        assert error.value.code == "central.no_network"
        shown = error.value.text("es")
        assert spanish in shown
        assert "Errno" not in shown and "refused" not in shown and "known" not in shown
    assert "nothing answers" in refused.value.text("en")


@pytest.mark.parametrize("typed", ["", "   ", "/"])
def test_a_missing_address_is_said_as_missing(typed: str) -> None:
    with pytest.raises(FieldappError) as error:
        check_url(typed)
    assert error.value.code == "central.url_missing"
    assert error.value.text("es").startswith("Falta la dirección del servidor")
