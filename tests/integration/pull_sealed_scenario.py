"""The sealed pull scenario: recorded once from a live Central, replayed by tests/core.

Recording (against a live server only; never written by hand)::

    source the FIELDAPP_CENTRAL_* variables (tests/integration/README.md)
    python tests/integration/pull_sealed_scenario.py

makes a study key pair for this recording only (2,048 bits), puts a form sealed for it
(``fieldapp_sealed_<time>``, the XForm with ``base64RsaPublicKey`` as pyxform converts
it) on the plain project, finalizes one interview with a photo on a fieldapp laptop and
pushes its ODK envelope, then records what a supervisor's fieldapp exchanges with Central
in ``run``: a pull with the study key locked (left, with the reason), the same pull with
the key unlocked (brought sealed), and a pull again (nothing). The recording keeps the
test key's private half encrypted under ``KEY_PASSPHRASE`` (it protects nothing else) and
the answers the laptop sent, which the replay compares with.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fieldapp.core import crypto  # noqa: E402
from fieldapp.core.central import push  # noqa: E402
from fieldapp.core.central.client import CentralClient, Credentials  # noqa: E402
from fieldapp.core.central.pull import mirror_path, pull, server_name  # noqa: E402
from fieldapp.core.central.recording import ReplayTransport  # noqa: E402
from fieldapp.core.central.rest import ProjectApi  # noqa: E402
from fieldapp.core.store import Store  # noqa: E402

RECORDING = TESTS / "data" / "central" / "pull_sealed.json"
KEY_PASSPHRASE = "the recorded test key's passphrase"
PHOTO = b"\xff\xd8 sealed photo " + bytes(range(200))
SURVEY = [
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "text", "name": "story", "label": "Relato"},
    {"type": "image", "name": "photo", "label": "Foto"},
]


def write_form(folder: Path, form_id: str, public_key: str) -> Path:
    from xlsform import write_xlsform

    folder.mkdir(parents=True, exist_ok=True)
    settings = {"form_id": form_id, "version": "1", "public_key": public_key}
    return write_xlsform(folder / f"{form_id}.xlsx", SURVEY, settings=settings)


def run(
    client: CentralClient, folder: Path, form_id: str, public_key: str, key: crypto.StudyKey
) -> dict[str, Any]:
    """What the supervisor does; every request it makes goes through ``client``."""
    api = ProjectApi(client)
    server = server_name(client.url, client.project)
    path = folder / "supervisor.db"
    with Store.open(path) as store:
        store.forms.add(write_form(folder / "form", form_id, public_key))
        locked = pull(store, api, server=server, form_ids=[form_id])
        store.keys.unlock(key)
        first = pull(store, api, server=server, form_ids=[form_id])
        second = pull(store, api, server=server, form_ids=[form_id])
        interviews = {}
        for item in first.submissions:
            local = first.local[item.instance_id]
            (head,) = store.interviews.heads(local)
            interviews[item.instance_id] = {
                "sealed": store.db.conn.execute(
                    "SELECT answers IS NULL AND sealed IS NOT NULL FROM revisions WHERE uuid = ?",
                    [head.revision_id],
                ).fetchone()[0]
                == 1,
                "answers": store.keys.open_revision(head).answers,
                "files": {
                    name: store.attachments.get(sha256, submission_id=local)
                    for name, sha256 in store.keys.open_revision(head).attachments.items()
                },
            }
    return {
        "locked": locked,
        "first": first,
        "second": second,
        "interviews": interviews,
        "paths": [path, mirror_path(path, server)],
    }


def replay(folder: Path) -> tuple[dict[str, Any], dict[str, Any], ReplayTransport]:
    """Run the scenario over the recording; return its result, the recording, the replay."""
    data = json.loads(RECORDING.read_text(encoding="utf-8"))
    replayer = ReplayTransport(data, {"web-user-password": "pw-for-replay"})
    credentials = Credentials("web_user", "pw-for-replay", data["email"])
    key = crypto.load_private_key(data["test_key_pem"].encode("ascii"), KEY_PASSPHRASE)
    with CentralClient(
        data["url"], data["project"], credentials, transport=replayer, sleep=lambda _s: None
    ) as client:
        result = run(client, folder, data["form_id"], data["public_key"], key)
    return result, data, replayer


# --- recording against a live server ------------------------------------------------------


def _set_up(
    url: str, project: int, form_id: str, folder: Path, pair: crypto.KeyPair
) -> list[dict[str, Any]]:
    """Put the sealed form up and send one sealed interview from a laptop."""
    from pull_scenario import _sign_in, put_form_up
    from pyxform.xls2xform import convert

    email, password = os.environ["FIELDAPP_CENTRAL_EMAIL"], os.environ["FIELDAPP_CENTRAL_PASSWORD"]
    token = os.environ["FIELDAPP_CENTRAL_PLAIN_TOKEN"]
    xlsform = write_form(folder / "laptop-form", form_id, pair.public_key)
    xform = convert(xlsform=str(xlsform), validate=False).xform
    assert "base64RsaPublicKey" in xform
    http = _sign_in(url, email, password)
    try:
        put_form_up(http, project, form_id, xform, token)
    finally:
        http.close()
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    with Store.open(folder / "laptop.db") as laptop:
        laptop.keys.unlock_drafts("drafts passphrase of the recorded laptop")
        sha256 = laptop.forms.add(xlsform).sha256
        sid = laptop.interviews.start(sha256, interviewer="ana", city="juarez", actor_type="cso")
        laptop.attachments.add(PHOTO, submission_id=sid, filename="photo.jpg")
        answers = {"org": "Colectivo Anapra", "story": "Relato sellado", "photo": "photo.jpg"}
        laptop.interviews.autosave(sid, {**laptop.interviews.working_answers(sid), **answers})
        laptop.interviews.finalize(sid)
        with CentralClient(url, project, Credentials("app_user", token)) as client:
            result = push.push(laptop, client, push.server_key(url, project))
        assert result.sent == [sid], result
        laptop.keys.unlock(key)
        (head,) = laptop.interviews.heads(sid)
        assert head.answers is not None
        return [{"instance_id": head.answers["meta/instanceID"], "answers": head.answers}]


def record() -> None:
    url = os.environ["FIELDAPP_CENTRAL_URL"].rstrip("/")
    project = int(os.environ["FIELDAPP_CENTRAL_PLAIN_PROJECT"])
    email = os.environ["FIELDAPP_CENTRAL_EMAIL"]
    form_id = f"fieldapp_sealed_{time.strftime('%Y%m%d%H%M%S')}"
    pair = crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048)
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sent = _set_up(url, project, form_id, folder, pair)
        recorder, result = recorded_run(
            url,
            project,
            lambda client: run(client, folder / "supervisor", form_id, pair.public_key, key),
        )
        assert result["first"].new == 1 and result["second"].new == 0, result
    RECORDING.parent.mkdir(parents=True, exist_ok=True)
    recorder.save(
        RECORDING,
        scenario="pull_sealed",
        central=os.environ.get("FIELDAPP_CENTRAL_VERSION", ""),
        url=url,
        project=project,
        email=email,
        form_id=form_id,
        public_key=pair.public_key,
        test_key_pem=pair.private_pem.decode("ascii"),
        sent=sent,
        photo_sha256=hashlib.sha256(PHOTO).hexdigest(),
    )
    print(f"recorded {len(recorder.exchanges)} exchanges in {RECORDING}")


if __name__ == "__main__":
    from pull_scenario import recorded_run

    record()
