"""Pushing to ODK Central: fieldapp's queue against pyodk's bare loop, in the same run.

1,000 finalized interviews (a 1 MB photo in every tenth) go up to a real Central twice:
through ``central.push`` (queue, OpenRosa parts built from the stored revisions, the
multipart POST as Collect sends it, the queue row marked sent in its own transaction)
and through pyodk's ``client.submissions.create`` in a plain loop over the very same
instance XML and photo files, prepared before the clock starts. Each side gets its own
copy of the benchmark form on the server (so neither meets the other's instanceIDs),
and the two alternate in rounds of ``--round`` interviews, so a busy machine weighs on
both alike. Goal: fieldapp within 1.5x of pyodk.

Needs a Central (the tests' variables, ``tests/integration/README.md``):
``FIELDAPP_CENTRAL_URL``, ``FIELDAPP_CENTRAL_EMAIL``, ``FIELDAPP_CENTRAL_PASSWORD``,
``FIELDAPP_CENTRAL_PLAIN_PROJECT``; skipped with the reason when they are not set.
Needs pyodk (``pip install -e '.[central-bench]'``).

Run: ``.venv/bin/python benchmarks/central.py [--interviews N] [--round N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from fieldapp.core.central import push  # noqa: E402
from fieldapp.core.central.client import CentralClient, Credentials  # noqa: E402
from fieldapp.core.central.openrosa import plain_parts  # noqa: E402
from fieldapp.core.store import Store  # noqa: E402
from fieldapp.core.store.records import SubmissionId  # noqa: E402

GOAL = 1.5
NEEDED = (
    "FIELDAPP_CENTRAL_URL",
    "FIELDAPP_CENTRAL_EMAIL",
    "FIELDAPP_CENTRAL_PASSWORD",
    "FIELDAPP_CENTRAL_PLAIN_PROJECT",
)
PHOTO = (bytes(range(256)) * 4096)[: 1024 * 1024]
XFORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
 xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
<h:head><h:title>fieldapp push benchmark</h:title>
<model><instance><data id="{form_id}" version="1">
<name/><age/><city/><notes/><photo/><meta><instanceID/></meta>
</data></instance>
<bind nodeset="/data/name" type="string" required="true()"/>
<bind nodeset="/data/age" type="int"/>
<bind nodeset="/data/city" type="string"/>
<bind nodeset="/data/notes" type="string"/>
<bind nodeset="/data/photo" type="binary"/>
<bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
</model></h:head>
<h:body>
<input ref="/data/name"><label>Name</label></input>
<input ref="/data/age"><label>Age</label></input>
<input ref="/data/city"><label>City</label></input>
<input ref="/data/notes"><label>Notes</label></input>
<upload ref="/data/photo" mediatype="image/*"><label>Photo</label></upload>
</h:body></h:html>
"""


def _put_form(admin: httpx.Client, project: str, form_id: str) -> None:
    response = admin.post(
        f"/v1/projects/{project}/forms?publish=true",
        content=XFORM.format(form_id=form_id).encode(),
        headers={"Content-Type": "application/xml"},
    )
    response.raise_for_status()


def _admin(url: str, email: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=120)
    answer = client.post("/v1/sessions", json={"email": email, "password": password})
    answer.raise_for_status()
    client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return client


def _interviews(store: Store, sha256: str, count: int) -> list[SubmissionId]:
    ids = []
    for index in range(count):
        answers = {
            "name": f"Entrevistada {index}",
            "age": 20 + index % 60,
            "city": "tijuana",
            "notes": "Habló de la mesa de seguridad y de las extorsiones en el mercado. " * 4,
        }
        submission = store.interviews.start(
            sha256, interviewer="TJ01", city="tijuana", actor_type="cso", answers=answers
        )
        if index % 10 == 0:
            store.attachments.add(PHOTO, submission_id=submission, filename="photo.jpg")
            answers["photo"] = "photo.jpg"
        current = dict(store.interviews.working_answers(submission))
        current.update(answers)
        store.interviews.autosave(submission, current)
        store.interviews.finalize(submission)
        ids.append(submission)
    return ids


def _pyodk_files(
    store: Store, ids: list[SubmissionId], ours: str, theirs: str, folder: Path
) -> list[tuple[str, list[Path]]]:
    """The same instances for pyodk: fieldapp's XML for the other form id, files on disk."""
    prepared = []
    for submission in ids:
        parts = plain_parts(store, submission)
        xml = parts[0][1].decode("utf-8").replace(f'id="{ours}"', f'id="{theirs}"', 1)
        files = []
        for name, data, _type in parts[1:]:
            path = folder / submission / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            files.append(path)
        prepared.append((xml, files))
    return prepared


def _pyodk_client(folder: Path, url: str, email: str, password: str, project: str) -> object:
    from pyodk.client import Client

    config = folder / "pyodk.toml"
    config.write_text(
        f'[central]\nbase_url = "{url}"\nusername = "{email}"\npassword = "{password}"\n'
        f"default_project_id = {int(project)}\n",
        encoding="utf-8",
    )
    client = Client(config_path=str(config), cache_path=str(folder / "pyodk-cache.toml"))
    client.open()
    return client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--round", type=int, default=100)
    args = parser.parse_args()
    missing = [name for name in NEEDED if not os.environ.get(name)]
    if missing:
        print(f"central: skipped: no ODK Central given (set {', '.join(missing)})")
        return 0
    try:
        import pyodk  # noqa: F401
    except ImportError:
        print("central: skipped: pyodk is not installed (pip install -e '.[central-bench]')")
        return 0
    url = os.environ["FIELDAPP_CENTRAL_URL"].rstrip("/")
    email = os.environ["FIELDAPP_CENTRAL_EMAIL"]
    password = os.environ["FIELDAPP_CENTRAL_PASSWORD"]
    project = os.environ["FIELDAPP_CENTRAL_PLAIN_PROJECT"]
    stamp = time.strftime("%Y%m%d%H%M%S")
    ours, theirs = f"fieldapp_bench_{stamp}", f"pyodk_bench_{stamp}"
    with tempfile.TemporaryDirectory(prefix="fieldapp-central-bench-") as name:
        folder = Path(name)
        admin = _admin(url, email, password)
        try:
            for form_id in (ours, theirs):
                _put_form(admin, project, form_id)
        finally:
            admin.close()
        form_file = folder / f"{ours}.xml"
        form_file.write_text(XFORM.format(form_id=ours), encoding="utf-8")
        started = time.perf_counter()
        store = Store.open(folder / "laptop.db")
        sha256 = store.forms.add(form_file).sha256
        ids = _interviews(store, sha256, args.interviews)
        prepared = _pyodk_files(store, ids, ours, theirs, folder / "pyodk")
        print(
            f"prepared {len(ids)} finalized interviews "
            f"({sum(1 for _xml, files in prepared if files)} with a 1 MB photo) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        client = CentralClient(
            url, int(project), Credentials("web_user", password, email), profile="bench"
        )
        odk = _pyodk_client(folder, url, email, password, project)
        server = push.server_key(url, int(project))
        ours_time = theirs_time = 0.0
        sent = 0
        for start in range(0, len(prepared), args.round):
            batch = prepared[start : start + args.round]
            began = time.perf_counter()
            for xml, files in batch:
                odk.submissions.create(xml=xml, form_id=theirs, attachments=files)  # type: ignore[attr-defined]
            theirs_time += time.perf_counter() - began
            started_rows = [0]

            def started(done: int, _total: int, rows: list[int] = started_rows) -> None:
                rows[0] = done + 1

            def enough(rows: list[int] = started_rows, size: int = len(batch)) -> bool:
                return rows[0] >= size

            began = time.perf_counter()
            result = push.push(store, client, server, progress=started, cancelled=enough)
            ours_time += time.perf_counter() - began
            sent += len(result.sent)
            if result.stopped is not None or result.refused:
                print(f"push stopped: {result.stopped or result.refused}")
                return 1
        client.close()
        store.close()
    ratio = ours_time / theirs_time
    verdict = "ok" if ratio <= GOAL else "SLOWER THAN THE GOAL"
    version = os.environ.get("FIELDAPP_CENTRAL_VERSION", "version not given")
    print(f"Central ({version}) at {url}, project {project}")
    print(f"fieldapp push : {ours_time:7.2f} s for {sent} interviews")
    print(f"pyodk loop    : {theirs_time:7.2f} s for {len(prepared)} interviews")
    print(f"ratio {ratio:.2f} (goal <= {GOAL}): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
