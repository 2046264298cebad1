"""The pull scenario: recorded once from a live Central, replayed by tests/core offline.

Recording (against a live server only; never written by hand)::

    source the FIELDAPP_CENTRAL_* variables (tests/integration/README.md)
    python tests/integration/pull_scenario.py

puts a new form (``fieldapp_pull_<time>``: text, integer, a photo, a repeat) on the plain
project, sends three finalized interviews from a fieldapp laptop through ``push``,
reviews two in Central (``approved`` with a comment, ``hasIssues`` with a comment), and
then records, with the secrets replaced by placeholders, what a supervisor's fieldapp
exchanges with Central in ``run``: pull with the reviews, pull again, return the third
interview here and send that decision up. ``tests/data/central/pull_plain.json`` keeps
the exchanges and what the laptop sent (its answers), which the replay compares with.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fieldapp.core.central import push  # noqa: E402
from fieldapp.core.central.client import CentralClient, Credentials  # noqa: E402
from fieldapp.core.central.pull import mirror_path, pull, server_name  # noqa: E402
from fieldapp.core.central.recording import RecordingTransport, ReplayTransport  # noqa: E402
from fieldapp.core.central.rest import ProjectApi  # noqa: E402
from fieldapp.core.central.review_map import apply_central_reviews, push_reviews  # noqa: E402
from fieldapp.core.store import Store  # noqa: E402

RECORDING = TESTS / "data" / "central" / "pull_plain.json"
PLACEHOLDERS = {"password": "web-user-password", "token": "app-user-token"}
PHOTO = bytes(range(256)) * 16
SURVEY = [
    {"type": "text", "name": "name", "label": "Nombre", "required": "yes"},
    {"type": "integer", "name": "age", "label": "Edad"},
    {"type": "image", "name": "photo", "label": "Foto"},
    {"type": "begin_repeat", "name": "visits", "label": "Visitas"},
    {"type": "text", "name": "place", "label": "Lugar"},
    {"type": "end_repeat", "name": "visits", "label": ""},
]
RETURN_COMMENT = "Falta la edad de la segunda visita."


def write_form(folder: Path, form_id: str) -> Path:
    from xlsform import write_xlsform

    folder.mkdir(parents=True, exist_ok=True)
    settings = {"form_id": form_id, "version": "1", "form_title": "fieldapp pull test"}
    return write_xlsform(folder / f"{form_id}.xlsx", SURVEY, settings=settings)


def database_digest(path: Path) -> str:
    """One hash of every row of every table: equal digests, nothing changed."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(path)
    try:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for (table,) in tables.fetchall():
            digest.update(table.encode())
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def run(client: CentralClient, folder: Path, form_id: str) -> dict[str, Any]:
    """What the supervisor does; every request it makes goes through ``client``."""
    api = ProjectApi(client)
    server = server_name(client.url, client.project)
    path = folder / "supervisor.db"
    with Store.open(path) as store:
        store.forms.add(write_form(folder / "form", form_id))
        first = pull(store, api, server=server, form_ids=[form_id])
        apply_central_reviews(store, api, first, server=server)
        after_first = database_digest(path)
        second = pull(store, api, server=server, form_ids=[form_id])
        taken_again = apply_central_reviews(store, api, second, server=server)
        after_second = database_digest(path)
        interviews = {}
        for item in first.submissions:
            local = first.local[item.instance_id]
            (head,) = store.interviews.heads(local)
            photos = {
                name: store.attachments.get(sha256, submission_id=local)
                for name, sha256 in head.attachments.items()
            }
            comments = [e.payload.get("comment") for e in store.events.of(local)]
            interviews[item.instance_id] = {
                "id": local,
                "state": head.state,
                "answers": head.answers,
                "photos": photos,
                "comments": comments,
                "review_state": item.review_state,
            }
        unreviewed = [k for k, v in interviews.items() if v["review_state"] is None]
        for key in unreviewed:
            store.review.return_interview(
                interviews[key]["id"], comment=RETURN_COMMENT, author="SUP"
            )
        sent = push_reviews(store, api, second)
        listed = store.interviews.page()
    return {
        "first": first,
        "second": second,
        "taken_again": taken_again,
        "digests": (after_first, after_second),
        "interviews": interviews,
        "sent": sent,
        "listed": listed,
        "mirror": mirror_path(path, server),
    }


def replay(folder: Path) -> tuple[dict[str, Any], dict[str, Any], ReplayTransport]:
    """Run the scenario over the recording; return its result, the recording, the replay."""
    data = json.loads(RECORDING.read_text(encoding="utf-8"))
    replayer = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    credentials = Credentials("web_user", "pw-for-replay", data["email"])
    with CentralClient(
        data["url"], data["project"], credentials, transport=replayer, sleep=lambda _s: None
    ) as client:
        result = run(client, folder, data["form_id"])
    return result, data, replayer


# --- recording against a live server ------------------------------------------------------


def _sign_in(url: str, email: str, password: str) -> httpx.Client:
    http = httpx.Client(base_url=url, timeout=60)
    answer = http.post("/v1/sessions", json={"email": email, "password": password})
    answer.raise_for_status()
    http.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return http


def put_form_up(http: httpx.Client, project: int, form_id: str, xform: str, token: str) -> None:
    """Publish an XForm on the project and let the app user of ``token`` send to it."""
    http.post(
        f"/v1/projects/{project}/forms?publish=true",
        content=xform.encode("utf-8"),
        headers={"Content-Type": "application/xml"},
    ).raise_for_status()
    users = http.get(f"/v1/projects/{project}/app-users").json()
    app_user = next(u["id"] for u in users if u.get("token") == token)
    http.post(
        f"/v1/projects/{project}/forms/{form_id}/assignments/app-user/{app_user}"
    ).raise_for_status()


def _set_up(url: str, project: int, form_id: str, folder: Path) -> list[dict[str, Any]]:
    """Put the form up, send three interviews from a laptop, review two in Central."""
    from pyxform.xls2xform import convert

    email, password = os.environ["FIELDAPP_CENTRAL_EMAIL"], os.environ["FIELDAPP_CENTRAL_PASSWORD"]
    token = os.environ["FIELDAPP_CENTRAL_PLAIN_TOKEN"]
    xlsform = write_form(folder / "laptop-form", form_id)
    http = _sign_in(url, email, password)
    try:
        xform = convert(xlsform=str(xlsform), validate=False).xform
        put_form_up(http, project, form_id, xform, token)
        sent = []
        with Store.open(folder / "laptop.db") as laptop:
            sha256 = laptop.forms.add(xlsform).sha256
            people = [("Rosa", 41, ["mercado", "escuela"]), ("Luis", 35, []), ("Elena", 29, ["x"])]
            for index, (name, age, places) in enumerate(people):
                answers: dict[str, Any] = {"name": name, "age": age}
                answers["visits"] = [{"place": place} for place in places]
                submission = laptop.interviews.start(
                    sha256, interviewer="TJ01", city="tijuana", actor_type="cso", answers=answers
                )
                if index == 0:
                    laptop.attachments.add(PHOTO, submission_id=submission, filename="photo.jpg")
                    answers["photo"] = "photo.jpg"
                current = dict(laptop.interviews.working_answers(submission))
                current.update(answers)
                if not places:
                    current.pop("visits", None)
                laptop.interviews.autosave(submission, current)
                laptop.interviews.finalize(submission)
            with CentralClient(url, project, Credentials("app_user", token)) as client:
                result = push.push(laptop, client, push.server_key(url, project))
            assert len(result.sent) == 3, result
            for submission in result.sent:
                head = laptop.interviews.heads(submission)[0]
                assert head.answers is not None
                sent.append(
                    {"instance_id": head.answers["meta/instanceID"], "answers": head.answers}
                )
        base = f"/v1/projects/{project}/forms/{form_id}/submissions"
        for entry, state, comment in (
            (sent[0], "approved", "Bien documentada."),
            (sent[1], "hasIssues", "Falta el lugar de la visita."),
        ):
            key = entry["instance_id"]
            http.post(f"{base}/{key}/comments", json={"body": comment}).raise_for_status()
            http.patch(f"{base}/{key}", json={"reviewState": state}).raise_for_status()
    finally:
        http.close()
    return sent


def recorded_run(
    url: str, project: int, supervise: Callable[[CentralClient], dict[str, Any]]
) -> tuple[RecordingTransport, dict[str, Any]]:
    """Run what the supervisor does as the web user, every exchange recorded."""
    email, password = os.environ["FIELDAPP_CENTRAL_EMAIL"], os.environ["FIELDAPP_CENTRAL_PASSWORD"]
    token = os.environ["FIELDAPP_CENTRAL_PLAIN_TOKEN"]
    # The app user's token too: no answer of the scenario should carry it, but if
    # one ever does, it is scrubbed (and save() refuses a recording that keeps it).
    recorder = RecordingTransport(
        {PLACEHOLDERS["password"]: password, PLACEHOLDERS["token"]: token}
    )
    with CentralClient(
        url, project, Credentials("web_user", password, email), transport=recorder
    ) as client:
        result = supervise(client)
    recorder.finish()
    return recorder, result


def record() -> None:
    url = os.environ["FIELDAPP_CENTRAL_URL"].rstrip("/")
    project = int(os.environ["FIELDAPP_CENTRAL_PLAIN_PROJECT"])
    email = os.environ["FIELDAPP_CENTRAL_EMAIL"]
    form_id = f"fieldapp_pull_{time.strftime('%Y%m%d%H%M%S')}"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sent = _set_up(url, project, form_id, folder)
        recorder, result = recorded_run(
            url, project, lambda client: run(client, folder / "supervisor", form_id)
        )
        assert result["digests"][0] == result["digests"][1]
    RECORDING.parent.mkdir(parents=True, exist_ok=True)
    recorder.save(
        RECORDING,
        scenario="pull_plain",
        central=os.environ.get("FIELDAPP_CENTRAL_VERSION", ""),
        url=url,
        project=project,
        email=email,
        form_id=form_id,
        sent=sent,
        photo_sha256=hashlib.sha256(PHOTO).hexdigest(),
    )
    print(f"recorded {len(recorder.exchanges)} exchanges in {RECORDING}")


if __name__ == "__main__":
    record()
