"""Pull before the laptop's package or after it: the same interviews, the same answers.

The server's answers here are what the laptop's own ``push`` sends (``openrosa``'s
parts), laid out in the shapes ``tests/data/central/pull_plain.json`` recorded from
central-backend (the listing item is the recorded one with the ids replaced). A hostile
server is the same with crafted bytes.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from central_served import Served
from integration import pull_scenario as integration

from fieldapp.core.central.openrosa import first_instance_id, plain_parts
from fieldapp.core.central.pull import known_instances, pull
from fieldapp.core.merge import merge_database
from fieldapp.core.quarantine import quarantined, skipped
from fieldapp.core.store import Store

FORM_ID = "fieldapp_copies"
SERVER = "central.example#1"
PEOPLE = [("Rosa", 41, ["mercado", "escuela"]), ("Luis", 35, [])]


def _recorded_item() -> dict[str, Any]:
    data = json.loads(integration.RECORDING.read_text(encoding="utf-8"))
    for exchange in data["exchanges"]:
        asked = exchange["request"]
        if asked["method"] == "GET" and asked["path"].endswith("/submissions"):
            item: dict[str, Any] = json.loads(exchange["response"]["body"])[0]
            return item
    raise AssertionError("the recording lists no submissions")


class LaptopOnServer(Served):
    """Central's REST answers for the interviews a laptop pushed (``CentralReader``)."""

    def __init__(self, laptop: Path, changes: dict[str, bytes] | None = None) -> None:
        super().__init__()
        self.bodies["forms"] = [{"xmlFormId": FORM_ID}]
        base = f"forms/{FORM_ID}/submissions"
        listing, system = [], []
        template = _recorded_item()
        with Store.open(laptop) as store:
            for record in store.interviews.page():
                head = store.interviews.heads(record.submission_id)[0]
                parts = plain_parts(store, head)
                instance_id = first_instance_id(head)
                item = json.loads(json.dumps(template).replace(template["instanceId"], instance_id))
                item["reviewState"] = None
                listing.append(item)
                system.append({"__id": instance_id, "__system": {"submitterName": "laptop"}})
                self.bodies[f"{base}/{instance_id}.xml"] = parts[0][1]
                names = [{"name": name, "exists": True} for name, _, _ in parts[1:]]
                self.bodies[f"{base}/{instance_id}/attachments"] = names
                for name, content, _ in parts[1:]:
                    self.bodies[f"{base}/{instance_id}/attachments/{name}"] = content
        self.bodies[base] = listing
        self.bodies[f"forms/{FORM_ID}.svc/Submissions?$select=__id,__system"] = {"value": system}
        for path, body in (changes or {}).items():
            self.bodies[path] = body


def _laptop(folder: Path) -> tuple[Path, Path]:
    """A laptop with the two interviews of ``PEOPLE`` finalized (the first with a photo)."""
    form = integration.write_form(folder / "form", FORM_ID)
    path = folder / "laptop.db"
    with Store.open(path) as laptop:
        sha256 = laptop.forms.add(form).sha256
        for index, (name, age, places) in enumerate(PEOPLE):
            answers: dict[str, Any] = {"name": name, "age": age}
            if places:
                answers["visits"] = [{"place": place} for place in places]
            sid = laptop.interviews.start(
                sha256, interviewer="TJ01", city="tijuana", actor_type="cso", answers=answers
            )
            current = dict(laptop.interviews.working_answers(sid))
            current.update(answers)
            if index == 0:
                laptop.attachments.add(integration.PHOTO, submission_id=sid, filename="photo.jpg")
                current["photo"] = "photo.jpg"
            laptop.interviews.autosave(sid, current)
            laptop.interviews.finalize(sid)
    return path, form


def _supervisor(path: Path, form: Path) -> Path:
    with Store.open(path) as store:
        store.forms.add(form)
    return path


def _seen(path: Path) -> dict[str, tuple[Any, dict[str, bytes], int]]:
    """Every listed interview: its answers, its files, its number of heads (2+: conflict)."""
    seen = {}
    with Store.open(path) as store:
        for record in store.interviews.page():
            heads = store.interviews.heads(record.submission_id)
            files = {
                name: store.attachments.get(sha256, submission_id=record.submission_id)
                for name, sha256 in heads[0].attachments.items()
            }
            seen[record.submission_id] = (heads[0].answers, files, len(heads))
    return seen


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _laptop(tmp_path_factory.mktemp("laptop"))


def test_pull_then_package_and_package_then_pull_give_the_same_interviews(
    laptop: tuple[Path, Path], tmp_path: Path
) -> None:
    package, form = laptop
    server = LaptopOnServer(package)
    pulled_first = _supervisor(tmp_path / "a.db", form)
    with Store.open(pulled_first) as store:
        first = pull(store, server, server=SERVER)
        assert first.new == 2  # the server's copies, readable before any package came
        report = merge_database(store, package)
        assert report.new_conflicts == ()
        assert len(quarantined(store.db.conn)) == 2 and skipped(store.db.conn) == 2
    merged_first = _supervisor(tmp_path / "b.db", form)
    with Store.open(merged_first) as store:
        merge_database(store, package)
        second = pull(store, server, server=SERVER)
        assert second.new == 0 and second.known == 2
    laptop_view = _seen(package)
    assert _seen(pulled_first) == _seen(merged_first) == laptop_view
    assert len(laptop_view) == 2 and all(heads == 1 for _, _, heads in laptop_view.values())
    # The files came along and the photo is the laptop's.
    assert [files for _, files, _ in laptop_view.values() if files] == [
        {"photo.jpg": integration.PHOTO}
    ]
    with Store.open(pulled_first) as store:
        again = pull(store, server, server=SERVER)
        assert again.new == 0 and again.known == 2 and again.left == []
        # Central's instanceIDs now lead to the laptop's interviews, not the copies.
        assert set(again.local.values()) == set(laptop_view)
        known = known_instances(store)
        assert {known[item.instance_id] for item in again.submissions} == set(laptop_view)


def test_a_server_copy_with_other_answers_never_replaces_the_laptops(
    laptop: tuple[Path, Path], tmp_path: Path
) -> None:
    """A hostile server changes Rosa's answers before the package comes: the laptop's
    interview (signed by its own device) is the one kept, with the laptop's answers."""
    package, form = laptop
    plain = LaptopOnServer(package)
    base = f"forms/{FORM_ID}/submissions"
    (rosa,) = [p for p, body in plain.bodies.items() if p.endswith(".xml") and b"Rosa" in body]
    forged = LaptopOnServer(package, {rosa: plain.bodies[rosa].replace(b"Rosa", b"Mallory")})
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        pull(store, forged, server=SERVER)
        names = {r.submission_id: r for r in store.interviews.page()}
        assert len(names) == 2
        merge_database(store, package)
    assert _seen(path) == _seen(package)
    assert "Mallory" not in json.dumps([answers for answers, _, _ in _seen(path).values()])
    assert base  # the forged XML was the only change


def test_a_forged_instance_id_cannot_touch_an_interview_held_here(
    laptop: tuple[Path, Path], tmp_path: Path
) -> None:
    """After the package: the server lists a fresh instanceID whose XML claims Rosa's, or
    lists Rosa's with other answers. Neither changes a byte of the supervisor's data."""
    package, form = laptop
    plain = LaptopOnServer(package)
    base = f"forms/{FORM_ID}/submissions"
    (rosa,) = [p for p, body in plain.bodies.items() if p.endswith(".xml") and b"Rosa" in body]
    rosa_id = rosa[len(base) + 1 : -len(".xml")]
    fresh = f"uuid:{uuid.uuid4()}"
    listing = json.loads(json.dumps(plain.bodies[base]).replace(rosa_id, fresh))
    hostile = LaptopOnServer(
        package,
        {
            base: json.dumps(listing).encode(),
            f"{base}/{fresh}.xml": plain.bodies[rosa].replace(b"Rosa", b"Mallory"),
            f"{base}/{fresh}/attachments": b"[]",
        },
    )
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        merge_database(store, package)
    before = integration.database_digest(path)
    with Store.open(path) as store:
        report = pull(store, hostile, server=SERVER)
        assert report.new == 0
        assert [x.reason.code for x in report.left] == ["pull.instance_id_differs"]
        # Rosa's own instanceID with other answers: known here, not copied.
        report = pull(store, LaptopOnServer(package, {rosa: b"<x/>"}), server=SERVER)
        assert report.new == 0 and report.known == 2
    assert integration.database_digest(path) == before
    assert _seen(path) == _seen(package)


def test_an_interview_is_never_set_aside_as_a_copy_of_itself_or_of_another_form(
    laptop: tuple[Path, Path], tmp_path: Path
) -> None:
    """Merging the laptop, then the supervisor's database into a third, sets nothing
    aside: honest interviews name themselves."""
    package, form = laptop
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        merge_database(store, package)
    with Store.open(tmp_path / "third.db") as third:
        merge_database(third, path)
        merge_database(third, package)
        assert quarantined(third.db.conn) == set()
    assert _seen(tmp_path / "third.db") == _seen(package)


def test_an_interview_set_aside_here_is_not_brought_back_by_a_pull(
    laptop: tuple[Path, Path], tmp_path: Path
) -> None:
    """The supervisor quarantined one of the laptop's interviews: Central's copy of it
    stays out too (its instanceID is still known here)."""
    from fieldapp.core.quarantine import quarantine_rows

    package, form = laptop
    path = _supervisor(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        merge_database(store, package)
        first = store.interviews.page()[0].submission_id
        quarantine_rows(store, [("submissions", first)], reason="answers of another form")
        report = pull(store, LaptopOnServer(package), server=SERVER)
        assert report.new == 0 and report.known == 2
        assert [r.submission_id for r in store.interviews.page()] != []
        assert first not in [r.submission_id for r in store.interviews.page()]


def test_interviews_stored_before_ids_were_minted_come_back_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop's interviews from before fieldapp minted instanceIDs (a random uuid, as
    ODK's): their ids are known nowhere, so the pull brings Central's copies, and each
    copy that says what its interview says (a repeat, a photo) is set aside, in either
    order, with nothing counted new and nobody's claim."""
    import fieldapp.core.store.instance_ids as instance_ids

    # as the store started interviews then (it reads the minting when one starts)
    monkeypatch.setattr(instance_ids, "minted_instance_id", lambda _: f"uuid:{uuid.uuid4()}")
    package, form = _laptop(tmp_path / "laptop")
    monkeypatch.undo()
    server = LaptopOnServer(package)
    pulled_first = _supervisor(tmp_path / "a.db", form)
    with Store.open(pulled_first) as store:
        pull(store, server, server=SERVER)
        assert merge_database(store, package).claims == ()
    merged_first = _supervisor(tmp_path / "b.db", form)
    with Store.open(merged_first) as store:
        merge_database(store, package)
        report = pull(store, server, server=SERVER)
        assert report.merge is not None and report.merge.claims == ()
        assert report.new == 0 and set(report.local.values()) == set(_seen(package))
        again = pull(store, server, server=SERVER)
        assert again.new == 0 and again.known == 2
        assert set(again.local.values()) == set(_seen(package))
    assert _seen(pulled_first) == _seen(merged_first) == _seen(package)
