"""Scenarios against ODK Central: recorded from a live server, replayed in the tests.

Each scenario is one function over a ``Link`` (which makes clients whose transport
either records real exchanges or replays them). Recording (only against a live
Central, never written by hand)::

    FIELDAPP_CENTRAL_URL=... FIELDAPP_CENTRAL_EMAIL=... FIELDAPP_CENTRAL_PASSWORD=... \
    FIELDAPP_CENTRAL_PLAIN_PROJECT=1 FIELDAPP_CENTRAL_PLAIN_TOKEN=... \
    python tests/central_scenarios.py [SCENARIO...]

writes ``tests/data/central/core_<scenario>.json`` with every secret replaced by a
placeholder (and refuses to write one that still holds a secret). The test form
(``FORM_ID``) is put on the server first if it is missing, with its CSV file, and the
laptop's app user is given access to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from fieldapp.core.central import forms_down, push
from fieldapp.core.central.client import CentralClient, Credentials
from fieldapp.core.central.recording import RecordingTransport, ReplayTransport
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId

RECORDINGS = Path(__file__).parent / "data" / "central"
FORM_ID = "fieldapp_h18core"
FORM_VERSION = "2026120501"
PROJECT = 1
TOWNS_CSV = b"name,label\ntijuana,Tijuana\njuarez,Ciudad Juarez\nmonterrey,Monterrey\n"
PHOTO = bytes(range(256)) * 8
"""Stands for a photo: bytes that are not text, so the multipart carries a binary part."""
PLACEHOLDERS = {"token": "app-user-token", "password": "web-user-password"}
SURVEY = [
    {"type": "text", "name": "name", "label": "Name", "required": "yes"},
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "select_one_from_file towns.csv", "name": "town", "label": "Town"},
    {"type": "image", "name": "photo", "label": "Photo"},
]
SETTINGS = {"form_id": FORM_ID, "version": FORM_VERSION, "form_title": "fieldapp push test"}


@dataclass
class Link:
    """Makes clients on one recording: live (recording) or replayed."""

    url: str
    secrets: dict[str, str]
    recording: Path | None = None
    replay: dict[str, Any] | None = None
    recorder: RecordingTransport | None = None
    replayer: ReplayTransport | None = None

    def client(self, kind: str = "app_user", **options: Any) -> CentralClient:
        if kind == "app_user":
            credentials = Credentials("app_user", self.secrets["token"])
        else:
            credentials = Credentials("web_user", self.secrets["password"], self.secrets["email"])
        transport: httpx.BaseTransport
        if self.replay is not None:
            if self.replayer is None:
                self.replayer = ReplayTransport(self.replay, self._placeholders())
            transport = self.replayer
        else:
            if self.recorder is None:
                self.recorder = RecordingTransport(self._placeholders())
            transport = self.recorder
        options.setdefault("sleep", lambda _seconds: None)
        return CentralClient(self.url, PROJECT, credentials, transport=transport, **options)

    def _placeholders(self) -> dict[str, str]:
        return {PLACEHOLDERS[k]: v for k, v in self.secrets.items() if k in PLACEHOLDERS}


def replay_link(scenario: str, token: str = "T0KEN-for-replay", password: str = "pw") -> Link:
    """A link replaying ``core_<scenario>.json`` with the given stand-in secrets."""
    data = json.loads((RECORDINGS / f"core_{scenario}.json").read_text(encoding="utf-8"))
    secrets = {"token": token, "password": password, "email": data["email"]}
    return Link(url=data["url"], secrets=secrets, replay=data)


def write_form(folder: Path) -> Path:
    """The test form as an XLSForm with its CSV beside it."""
    from xlsform import write_xlsform

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "towns.csv").write_bytes(TOWNS_CSV)
    return write_xlsform(folder / f"{FORM_ID}.xlsx", SURVEY, settings=SETTINGS)


def sealed_store(folder: Path, public_key: str, study_key: Any) -> tuple[Store, str]:
    """A supervisor's laptop holding the test form sealed for ``public_key``, its drafts
    and study key open (it can return and reopen); return it and the form's sha256."""
    from xlsform import write_xlsform

    write_form(folder / "sealed")
    form = write_xlsform(
        folder / "sealed" / "s.xlsx", SURVEY, settings={**SETTINGS, "public_key": public_key}
    )
    store = Store.open(folder / "s.db")
    store.keys.unlock_drafts("drafts passphrase")
    store.keys.unlock(study_key)
    return store, store.forms.add(form).sha256


def finalized_interview(
    store: Store, sha256: str, name: str, *, age: int = 40, photo: bytes | None = None
) -> SubmissionId:
    """Fill and finalize one interview (with a photo when given)."""
    answers: dict[str, Any] = {"name": name, "age": age, "town": "tijuana"}
    submission = store.interviews.start(
        sha256, interviewer="ana", city="tijuana", actor_type="cso", answers=answers
    )
    if photo is not None:
        store.attachments.add(photo, submission_id=submission, filename="photo.jpg")
        answers["photo"] = "photo.jpg"
    current = dict(store.interviews.working_answers(submission))
    current.update(answers)
    store.interviews.autosave(submission, current)
    store.interviews.finalize(submission)
    return submission


def edit_after_return(store: Store, submission: SubmissionId, name: str) -> None:
    """The supervisor returns it; the researcher corrects the name and finalizes again."""
    store.review.return_interview(submission, comment="check the name")
    store.interviews.reopen(submission)
    answers = dict(store.interviews.working_answers(submission))
    answers["name"] = name
    store.interviews.autosave(submission, answers)
    store.interviews.finalize(submission)


def collect_id_claimed(folder: Path) -> tuple[Path, str, SubmissionId, SubmissionId]:
    """A supervisor's database holding a claim: Central's copy of Rosa's interview, sent
    by ODK Collect under an id it drew, and Mallory's, whose stolen laptop wrote that id
    into its answers (merged after the pull: both listed).

    Return the database, Collect's instanceID, the copy and Mallory's interview.
    """
    import uuid

    from central_ledger import SERVER, CentralProject

    from fieldapp.core.central.copies import copy_id
    from fieldapp.core.central.pull import pull
    from fieldapp.core.merge import merge_database

    collect_id = f"uuid:{uuid.uuid4()}"
    form = write_form(folder / "form")
    central = CentralProject(folder / "central.json", FORM_ID)
    paths = {name: folder / f"{name}.db" for name in ("phone", "thief", "supervisor")}
    stored: dict[str, SubmissionId] = {}
    for name, path in paths.items():
        with Store.open(path) as store:
            sha = store.forms.add(form).sha256
            if name == "supervisor":
                continue
            who = {"phone": ("Rosa", 41, "tijuana"), "thief": ("Mallory", 99, "juarez")}[name]
            answers = dict(zip(("name", "age", "town"), who, strict=True))
            answers["meta/instanceID"] = collect_id
            stored[name], _ = store.interviews.submit(
                sha, answers, finalize=True, interviewer="col", city="tijuana"
            )
            if name == "phone":
                push.push(store, central, SERVER)
    with Store.open(paths["supervisor"]) as supervisor:
        pull(supervisor, central, server="central.test#1")
        merge_database(supervisor, paths["thief"])
    return paths["supervisor"], collect_id, SubmissionId(copy_id(collect_id)), stored["thief"]


def sealed_claim_merged_locked(
    folder: Path, public_key: str, study_key: Any
) -> tuple[Path, SubmissionId, SubmissionId]:
    """A supervisor's database where the phone's own sealed interview, sent by ODK
    Collect's rules under an id it did not mint, was merged after the pull with the study
    key locked: nothing could be compared, so Central's copy stays beside it as a claim.

    Return the database, the copy and the phone's interview.
    """
    import uuid

    from central_ledger import SERVER, CentralProject

    from fieldapp.core.central.copies import copy_id
    from fieldapp.core.central.pull import pull
    from fieldapp.core.merge import merge_database

    collect_id = f"uuid:{uuid.uuid4()}"
    central = CentralProject(folder / "central.json", FORM_ID)
    phone, sha = sealed_store(folder / "phone", public_key, study_key)
    with phone:
        answers = {"name": "Rosa", "age": 41, "town": "tijuana", "meta/instanceID": collect_id}
        rosa, _ = phone.interviews.submit(sha, answers, finalize=True)
        push.push(phone, central, SERVER)
    path = folder / "supervisor.db"
    with Store.open(path) as supervisor:
        supervisor.forms.add(folder / "phone" / "sealed" / "s.xlsx")
        supervisor.keys.unlock(study_key)
        pull(supervisor, central, server="central.test#1")
    with Store.open(path) as supervisor:  # the study key locked: nothing to compare
        merge_database(supervisor, folder / "phone" / "s.db")
    return path, SubmissionId(copy_id(collect_id)), rosa


# --- scenarios ---------------------------------------------------------------------------


def scenario_form_list(link: Link, folder: Path) -> dict[str, Any]:
    with link.client() as client:
        return {"forms": forms_down.list_forms(client)}


def scenario_web_login(link: Link, folder: Path) -> dict[str, Any]:
    with link.client("web_user") as client:
        client.sign_in()
        forms = forms_down.list_forms(client)
    return {"forms": forms}


def scenario_form_download(link: Link, folder: Path) -> dict[str, Any]:
    with Store.open(folder / "laptop.db") as store, link.client() as client:
        before = forms_down.compare(store, forms_down.list_forms(client))
        got = forms_down.download(store, client, FORM_ID)
        after = forms_down.compare(store, forms_down.list_forms(client))
        form = store.forms.load(got.record.sha256)
    return {"downloaded": got, "before": before, "after": after, "form": form}


STUDY_XLSFORM = Path(__file__).parents[1] / "fieldapp" / "study_forms" / "informant.xlsx"
"""Uploaded to the project as an XLSForm (Central converts it with pyxform-http)."""
STUDY_FORM_ID = "mx_border_informant"


def scenario_xlsform_download(link: Link, folder: Path) -> dict[str, Any]:
    """A web user takes the XLSForm Central keeps, not the XForm it made of it."""
    with Store.open(folder / "supervisor.db") as store, link.client("web_user") as client:
        got = forms_down.download(store, client, STUDY_FORM_ID)
        (content,) = store.db.conn.execute(
            "SELECT content FROM forms WHERE sha256 = ?", [got.record.sha256]
        ).fetchone()
        form = store.forms.load(got.record.sha256)
    return {"downloaded": got, "content": bytes(content), "form": form}


def scenario_bad_token(link: Link, folder: Path) -> dict[str, Any]:
    with link.client() as client:
        try:
            forms_down.list_forms(client)
        except Exception as error:  # the test asserts on it
            return {"error": error}
    return {"error": None}


def _laptop(link: Link, folder: Path) -> tuple[Store, str]:
    store = Store.open(folder / "laptop.db")
    with link.client() as client:
        record = forms_down.download(store, client, FORM_ID)
    return store, record.record.sha256


def scenario_push_plain(link: Link, folder: Path) -> dict[str, Any]:
    store, sha = _laptop(link, folder)
    with store:
        ids = [
            finalized_interview(store, sha, "Rosa", photo=PHOTO),
            finalized_interview(store, sha, "Luis"),
            finalized_interview(store, sha, "Elena"),
        ]
        server = push.server_key(link.url, PROJECT)
        seen: list[tuple[int, int]] = []
        with link.client() as client:
            first = push.push(store, client, server, progress=lambda d, t: seen.append((d, t)))
            second = push.push(store, client, server)
        queue = push.queue(store, server)
    return {"ids": ids, "first": first, "second": second, "queue": queue, "progress": seen}


def scenario_push_again(link: Link, folder: Path) -> dict[str, Any]:
    """Central took it, the laptop died before noting it: the resend is taken as the same."""
    store, sha = _laptop(link, folder)
    with store:
        submission = finalized_interview(store, sha, "Marta", photo=PHOTO)
        server = push.server_key(link.url, PROJECT)
        with link.client() as client:
            first = push.push(store, client, server)
            with store.transaction():  # as if killed between Central's 201 and the mark
                store.db.conn.execute("UPDATE central_queue SET state = 'waiting'")
            again = push.push(store, client, server)
        queue = push.queue(store, server)
    return {"id": submission, "first": first, "again": again, "queue": queue}


def scenario_push_edit(link: Link, folder: Path) -> dict[str, Any]:
    store, sha = _laptop(link, folder)
    with store:
        submission = finalized_interview(store, sha, "Jose")
        server = push.server_key(link.url, PROJECT)
        with link.client() as client:
            first = push.push(store, client, server)
            edit_after_return(store, submission, "José")
            second = push.push(store, client, server)
        queue = push.queue(store, server)
    return {"id": submission, "first": first, "second": second, "queue": queue}


def scenario_push_closed(link: Link, folder: Path) -> dict[str, Any]:
    store, sha = _laptop(link, folder)
    with store:
        submission = finalized_interview(store, sha, "Ines")
        server = push.server_key(link.url, PROJECT)
        if link.replay is None:
            _set_form_state(link, "closed")
        try:
            with link.client() as client:
                result = push.push(store, client, server)
        finally:
            if link.replay is None:
                _set_form_state(link, "open")
        queue = push.queue(store, server)
    return {"id": submission, "result": result, "queue": queue}


def scenario_push_web(link: Link, folder: Path) -> dict[str, Any]:
    """A web user (the supervisor's laptop) pushes as an app user would, with a photo."""
    with Store.open(folder / "laptop.db") as store, link.client("web_user") as client:
        got = forms_down.download(store, client, FORM_ID)
        submission = finalized_interview(store, got.record.sha256, "Paula", photo=PHOTO)
        server = push.server_key(link.url, PROJECT)
        first = push.push(store, client, server)
        second = push.push(store, client, server)
        queue = push.queue(store, server)
    return {"id": submission, "downloaded": got, "first": first, "second": second, "queue": queue}


UNASSIGNED_FORM_ID = "fieldapp_h18b_unassigned"
"""On the server, published, but the laptop's app user is not given access to it."""


def write_unassigned_form(folder: Path) -> Path:
    from xlsform import write_xlsform

    folder.mkdir(parents=True, exist_ok=True)
    settings = {"form_id": UNASSIGNED_FORM_ID, "version": "1", "form_title": "no access"}
    survey = [{"type": "text", "name": "name", "label": "Name", "required": "yes"}]
    return write_xlsform(folder / f"{UNASSIGNED_FORM_ID}.xlsx", survey, settings=settings)


def scenario_push_forbidden(link: Link, folder: Path) -> dict[str, Any]:
    """One interview of a form the app user may not send to: refused, the other goes."""
    store, sha = _laptop(link, folder)
    with store:
        other = store.forms.add(write_unassigned_form(folder / "unassigned")).sha256
        forbidden = store.interviews.start(
            other, interviewer="ana", city="tijuana", actor_type="cso", answers={"name": "Ana"}
        )
        store.interviews.autosave(
            forbidden, {**store.interviews.working_answers(forbidden), "name": "Ana"}
        )
        store.interviews.finalize(forbidden)
        allowed = finalized_interview(store, sha, "Rita")
        server = push.server_key(link.url, PROJECT)
        with link.client() as client:
            result = push.push(store, client, server)
        queue = push.queue(store, server)
    return {"forbidden": forbidden, "allowed": allowed, "result": result, "queue": queue}


SCENARIOS: dict[str, Callable[[Link, Path], dict[str, Any]]] = {
    "form_list": scenario_form_list,
    "web_login": scenario_web_login,
    "form_download": scenario_form_download,
    "xlsform_download": scenario_xlsform_download,
    "bad_token": scenario_bad_token,
    "push_plain": scenario_push_plain,
    "push_again": scenario_push_again,
    "push_edit": scenario_push_edit,
    "push_closed": scenario_push_closed,
    "push_forbidden": scenario_push_forbidden,
    "push_web": scenario_push_web,
}


# --- recording against a live server ------------------------------------------------------


@contextmanager
def _admin(link: Link) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=link.url, timeout=30) as http:
        session = http.post(
            "/v1/sessions",
            json={"email": link.secrets["email"], "password": link.secrets["password"]},
        )
        session.raise_for_status()
        http.headers["Authorization"] = f"Bearer {session.json()['token']}"
        yield http


def _set_form_state(link: Link, state: str) -> None:
    with _admin(link) as http:
        http.patch(
            f"/v1/projects/{PROJECT}/forms/{FORM_ID}", json={"state": state}
        ).raise_for_status()


def _ensure_form(link: Link, app_user_id: int) -> None:
    """Put the test form on the server (XForm by pyxform, its CSV) for the app user."""
    from pyxform.xls2xform import convert

    with _admin(link) as http:
        found = http.get(f"/v1/projects/{PROJECT}/forms/{FORM_ID}")
        if found.status_code == 404:
            with tempfile.TemporaryDirectory() as folder:
                xform = convert(xlsform=str(write_form(Path(folder))), validate=False).xform
            made = http.post(
                f"/v1/projects/{PROJECT}/forms",
                content=xform.encode("utf-8"),
                headers={"Content-Type": "application/xml"},
            )
            made.raise_for_status()
            http.post(
                f"/v1/projects/{PROJECT}/forms/{FORM_ID}/draft/attachments/towns.csv",
                content=TOWNS_CSV,
                headers={"Content-Type": "text/csv"},
            ).raise_for_status()
            http.post(f"/v1/projects/{PROJECT}/forms/{FORM_ID}/draft/publish").raise_for_status()
        assigned = http.post(
            f"/v1/projects/{PROJECT}/forms/{FORM_ID}/assignments/app-user/{app_user_id}"
        )
        if assigned.status_code not in (200, 409):
            assigned.raise_for_status()
        http.patch(f"/v1/projects/{PROJECT}/forms/{FORM_ID}", json={"state": "open"})


def _ensure_study_xlsform(link: Link) -> None:
    """Upload the study's XLSForm as one (needs Central's pyxform-http service)."""
    with _admin(link) as http:
        if http.get(f"/v1/projects/{PROJECT}/forms/{STUDY_FORM_ID}").status_code == 404:
            http.post(
                f"/v1/projects/{PROJECT}/forms?publish=true",
                content=STUDY_XLSFORM.read_bytes(),
                headers={
                    "Content-Type": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                    "X-XlsForm-FormId-Fallback": STUDY_FORM_ID,
                },
            ).raise_for_status()


def _ensure_unassigned_form(link: Link) -> None:
    """Publish the form no app user is given access to."""
    from pyxform.xls2xform import convert

    with _admin(link) as http:
        if http.get(f"/v1/projects/{PROJECT}/forms/{UNASSIGNED_FORM_ID}").status_code == 404:
            with tempfile.TemporaryDirectory() as folder:
                form = write_unassigned_form(Path(folder))
                xform = convert(xlsform=str(form), validate=False).xform
            http.post(
                f"/v1/projects/{PROJECT}/forms?publish=true",
                content=xform.encode("utf-8"),
                headers={"Content-Type": "application/xml"},
            ).raise_for_status()


def _app_user_id(link: Link) -> int:
    with _admin(link) as http:
        users = http.get(f"/v1/projects/{PROJECT}/app-users").json()
    for user in users:
        if user.get("token") == link.secrets["token"]:
            return int(user["id"])
    raise SystemExit("the app user of FIELDAPP_CENTRAL_PLAIN_TOKEN is not in the project")


def record(names: list[str]) -> None:
    secrets = {
        "token": os.environ["FIELDAPP_CENTRAL_PLAIN_TOKEN"],
        "password": os.environ["FIELDAPP_CENTRAL_PASSWORD"],
        "email": os.environ["FIELDAPP_CENTRAL_EMAIL"],
    }
    url = os.environ["FIELDAPP_CENTRAL_URL"].rstrip("/")
    base = Link(url=url, secrets=secrets)
    _ensure_form(base, _app_user_id(base))
    if "xlsform_download" in (names or list(SCENARIOS)):
        _ensure_study_xlsform(base)
    if "push_forbidden" in (names or list(SCENARIOS)):
        _ensure_unassigned_form(base)
    RECORDINGS.mkdir(parents=True, exist_ok=True)
    version = os.environ.get("FIELDAPP_CENTRAL_VERSION", "")
    for name in names or list(SCENARIOS):
        if name == "bad_token":
            link = Link(url=url, secrets={**secrets, "token": secrets["token"][::-1]})
        else:
            link = Link(url=url, secrets=secrets)
        with tempfile.TemporaryDirectory() as folder:
            SCENARIOS[name](link, Path(folder))
        recorder = link.recorder
        assert recorder is not None
        recorder.finish()
        exchanges = recorder.exchanges
        about: dict[str, Any] = {}
        if name == "xlsform_download":  # what was uploaded, should the file change later
            about["uploaded_sha256"] = hashlib.sha256(STUDY_XLSFORM.read_bytes()).hexdigest()
        recorder.save(
            RECORDINGS / f"core_{name}.json",
            scenario=name,
            central=version,
            url=url,
            email=secrets["email"],
            **about,
        )
        print(f"recorded {name}: {len(exchanges)} exchanges")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    record(sys.argv[1:])
