"""What the live ODK Central tests share: the server from the environment, laptops, sends.

The server is given by ``FIELDAPP_CENTRAL_*`` variables (``ENV``); nothing here starts
or imitates one. A *laptop* is a fieldapp database of synthetic finalized interviews of
the study's CSO form (``demo.answer_form``), each with a fresh ``instanceID``, so every
run sends submissions Central has not seen.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.demo import answer_form
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.instance_xml import instance_xml
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

ENV = {
    "url": "FIELDAPP_CENTRAL_URL",
    "email": "FIELDAPP_CENTRAL_EMAIL",
    "password": "FIELDAPP_CENTRAL_PASSWORD",
    "plain_project": "FIELDAPP_CENTRAL_PLAIN_PROJECT",
    "plain_token": "FIELDAPP_CENTRAL_PLAIN_TOKEN",
    "managed_project": "FIELDAPP_CENTRAL_MANAGED_PROJECT",
    "managed_token": "FIELDAPP_CENTRAL_MANAGED_TOKEN",
    "managed_passphrase": "FIELDAPP_CENTRAL_MANAGED_PASSPHRASE",
}
"""The variables that name the server, its two projects (managed encryption off and on)
and their app users; see ``tests/integration/README.md``."""

FORM_ID = "mx_border_cso"
STUDY_FORM = Path(__file__).parents[2] / "fieldapp" / "study_forms" / "cso.xlsx"


def missing() -> list[str]:
    return [name for name in ENV.values() if not os.environ.get(name)]


def setting(key: str) -> str:
    return os.environ[ENV[key]]


@dataclass(frozen=True)
class Laptop:
    path: Path
    interviews: list[SubmissionId]


def make_laptop(path: Path, count: int, *, seed: int | None = None) -> Laptop:
    """Write ``count`` finalized CSO interviews into a new laptop database."""
    rng = random.Random(seed)
    ids: list[SubmissionId] = []
    with Store.open(path) as store:
        sha256 = store.forms.add(STUDY_FORM, check_xform=False).sha256
        form = store.forms.load(sha256)
        for index in range(count):
            moment = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC) + dt.timedelta(hours=index)
            session = Session(form, None, now=lambda m=moment: m, username="TJ01")
            presets = {"city": "tijuana", "interviewer": "TJ01", "consent": "yes"}
            answer_form(session, rng, presets, now=moment)
            answers = session.answers()
            submission = store.interviews.start(
                sha256, interviewer="TJ01", city="tijuana", actor_type="cso", answers=answers
            )
            store.interviews.autosave(submission, answers)
            store.interviews.finalize(submission)
            ids.append(submission)
    return Laptop(path, ids)


def send_as_collect(store: Store, submission: SubmissionId, project: str, token: str) -> int:
    """Send an interview's head as ODK Collect does (OpenRosa, as the app user)."""
    head = store.interviews.heads(submission)[0]
    assert head.answers is not None
    xml = instance_xml(store.forms.of(submission), head.answers)
    response = httpx.post(
        f"{setting('url')}/v1/key/{token}/projects/{project}/submission",
        files={"xml_submission_file": ("submission.xml", xml, "text/xml")},
        headers={"X-OpenRosa-Version": "1.0"},
        timeout=60,
    )
    return response.status_code


def instance_id(store: Store, submission: SubmissionId) -> str:
    head = store.interviews.heads(submission)[0]
    assert head.answers is not None
    return str(head.answers["meta/instanceID"])


def app_client(kind: str) -> CentralClient:
    """The app user of the ``plain`` or ``managed`` project, as a laptop signs in."""
    token = setting(f"{kind}_token")
    return CentralClient(
        setting("url"), int(setting(f"{kind}_project")), Credentials("app_user", token)
    )


def fill(store: Store, sha256: str, answers: dict[str, Any]) -> SubmissionId:
    """Start, answer (the demo fills the rest of the CSO form) and finalize one interview."""
    form = store.forms.load(sha256)
    moment = dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC)
    session = Session(form, None, now=lambda: moment, username="TJ01")
    presets = {"city": "tijuana", "interviewer": "TJ01", "consent": "yes", **answers}
    answer_form(session, random.Random(7), presets, now=moment)
    filled = {**session.answers(), **answers}
    submission = store.interviews.start(
        sha256, interviewer="TJ01", city="tijuana", actor_type="cso", answers=filled
    )
    store.interviews.autosave(submission, filled)
    store.interviews.finalize(submission)
    return submission


def managed_export(form_id: str) -> tuple[dict[str, list[dict[str, str]]], dict[str, bytes]]:
    """Central's decrypted export (CSV zip, with the project passphrase): CSV rows by
    file name, and the media files by name."""
    project = setting("managed_project")
    with httpx.Client(base_url=setting("url"), timeout=120) as http:
        session = http.post(
            "/v1/sessions", json={"email": setting("email"), "password": setting("password")}
        )
        session.raise_for_status()
        http.headers["Authorization"] = f"Bearer {session.json()['token']}"
        base = f"/v1/projects/{project}/forms/{form_id}/submissions"
        keys = http.get(f"{base}/keys").json()
        body = {str(key["id"]): setting("managed_passphrase") for key in keys}
        answer = http.post(f"{base}.csv.zip", data=body)
        answer.raise_for_status()
    tables: dict[str, list[dict[str, str]]] = {}
    media: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith(".csv"):
                tables[name] = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
            else:
                media[name] = content
    return tables, media
