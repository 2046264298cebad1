"""What the live ODK Central tests share: the server from the environment, laptops, sends.

The server is given by ``FIELDAPP_CENTRAL_*`` variables (``ENV``); nothing here starts
or imitates one. A *laptop* is a fieldapp database of synthetic finalized interviews of
the study's CSO form (``demo.answer_form``), each with a fresh ``instanceID``, so every
run sends submissions Central has not seen.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass
from pathlib import Path

import httpx

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
        sha256 = store.add_form(STUDY_FORM, check_xform=False).sha256
        form = store.load_form(sha256)
        for index in range(count):
            moment = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC) + dt.timedelta(hours=index)
            session = Session(form, None, now=lambda m=moment: m, username="TJ01")
            presets = {"city": "tijuana", "interviewer": "TJ01", "consent": "yes"}
            answer_form(session, rng, presets, now=moment)
            answers = session.answers()
            submission = store.start_interview(
                sha256, interviewer="TJ01", city="tijuana", actor_type="cso", answers=answers
            )
            store.autosave(submission, answers)
            store.finalize(submission)
            ids.append(submission)
    return Laptop(path, ids)


def send_as_collect(store: Store, submission: SubmissionId, project: str, token: str) -> int:
    """Send an interview's head as ODK Collect does (OpenRosa, as the app user)."""
    head = store.heads(submission)[0]
    assert head.answers is not None
    xml = instance_xml(store.form_of(submission), head.answers)
    response = httpx.post(
        f"{setting('url')}/v1/key/{token}/projects/{project}/submission",
        files={"xml_submission_file": ("submission.xml", xml, "text/xml")},
        headers={"X-OpenRosa-Version": "1.0"},
        timeout=60,
    )
    return response.status_code


def instance_id(store: Store, submission: SubmissionId) -> str:
    head = store.heads(submission)[0]
    assert head.answers is not None
    return str(head.answers["meta/instanceID"])
