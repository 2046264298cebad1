"""Pulling from ODK Central and mapping its reviews, over a real server's recorded answers.

``tests/data/central/pull_plain.json`` was recorded from central-backend by
``tests/integration/pull_scenario.py`` (three interviews a fieldapp laptop pushed, two
reviewed in Central); the same scenario code runs here on the replayed answers.
"""

from __future__ import annotations

import base64
import json
import random
import re
from pathlib import Path

import pytest
from integration import pull_scenario as integration

from fieldapp.core import crypto
from fieldapp.core.central.instance_read import read_instance
from fieldapp.core.central.pull import known_instances, mirror_path, pull, server_name
from fieldapp.core.forms.instance_xml import instance_xml
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import edit_instance_id


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, object]:
    return integration.replay(tmp_path_factory.mktemp("pull"))


def test_recording_names_its_central_and_holds_no_secret() -> None:
    text = integration.RECORDING.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["central"].startswith("central-backend v20")
    assert "authorization" not in text.lower() and "set-cookie" not in text.lower()
    assert "{web-user-password}" not in text or "password" in text  # scrubbed, not dropped
    sessions = [e for e in data["exchanges"] if e["request"]["path"] == "/v1/sessions"]
    assert sessions and all('"token":"{' in e["response"]["body"] for e in sessions)
    # Any token Central handed out (a session's, an app user's) is a placeholder.
    for match in re.finditer(r'\\?"(token|csrf)\\?":\s*\\?"([^"\\]*)', text):
        assert match.group(2).startswith("{"), match.group(0)


def test_pull_brings_every_answer_the_laptop_sent(replayed: tuple) -> None:
    result, data, replayer = replayed
    assert replayer.unused == 0, "the code asked for less than the recorded scenario"
    interviews = result["interviews"]
    assert set(interviews) == {entry["instance_id"] for entry in data["sent"]}
    for entry in data["sent"]:
        pulled = interviews[entry["instance_id"]]
        assert pulled["answers"] == entry["answers"]
    photos = [p for i in interviews.values() for p in i["photos"].values()]
    assert photos == [integration.PHOTO]
    assert result["first"].new == 3 and result["first"].left == []
    assert result["mirror"].is_file()


def test_central_reviews_are_taken_and_fieldapps_go_up(replayed: tuple) -> None:
    result, data, _ = replayed
    approved, returned, unreviewed = (e["instance_id"] for e in data["sent"])
    interviews = result["interviews"]
    assert interviews[approved]["state"] == "approved"
    assert "Bien documentada." in interviews[approved]["comments"]
    assert interviews[returned]["state"] == "returned"
    assert "Falta el lugar de la visita." in interviews[returned]["comments"]
    assert interviews[unreviewed]["state"] == "finalized"
    # Returned here afterwards, the decision went up as Central's hasIssues with its comment.
    (sent,) = result["sent"]
    assert (sent.instance_id, sent.review_state, sent.comment_sent) == (
        unreviewed,
        "hasIssues",
        True,
    )


def test_pulling_again_changes_nothing(replayed: tuple) -> None:
    result, _, _ = replayed
    first, second = result["digests"]
    assert first == second
    assert result["second"].new == 0 and result["taken_again"] == 0
    assert result["second"].known == 3


def test_pulled_interviews_are_listed_with_the_laptops_city_and_interviewer(
    replayed: tuple,
) -> None:
    result, _, _ = replayed
    rows = [r for r in result["listed"] if r.form_id.startswith("fieldapp_pull_")]
    assert len(rows) == 3
    # The form has no interviewer question: the app user that sent them stands for it.
    assert {(r.city, r.interviewer) for r in rows} == {("", "laptop-plain")}


# --- reading instance XML, no server ---------------------------------------------------------


def test_instance_xml_reads_back_to_the_same_answers(tmp_path: Path) -> None:
    """Every answer type of the study's CSO form, repeats included, survives the trip."""
    from fieldapp.core.demo import answer_form
    from fieldapp.core.forms.engine import Session
    from fieldapp.core.forms.loader import load_form

    form = load_form(Path(__file__).parents[2] / "fieldapp" / "study_forms" / "cso.xlsx")
    for seed in range(4):
        session = Session(form, None, username="TJ01")
        presets = {"city": "tijuana", "interviewer": "TJ01", "consent": "yes"}
        answer_form(session, random.Random(seed), presets)
        answers = session.record()
        assert read_instance(form, instance_xml(form, answers), source="x") == answers


def test_instance_with_a_value_its_form_refuses_is_named(tmp_path: Path) -> None:
    from fieldapp.core.forms.loader import load_form

    form = load_form(integration.write_form(tmp_path, "fieldapp_pull_t"))
    xml = b'<data id="fieldapp_pull_t" version="1"><name>Rosa</name><age>viejo</age></data>'
    with pytest.raises(FieldappError) as refused:
        read_instance(form, xml, source="uuid:abc")
    assert refused.value.code == "pull.instance_bad_value"
    assert "uuid:abc" in refused.value.text("en") and "age" in refused.value.text("en")
    for junk in (b"<data><name>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><data>&a;</data>"):
        with pytest.raises(FieldappError) as unreadable:
            read_instance(form, junk, source="uuid:abc")
        assert unreadable.value.code == "pull.instance_unreadable"


def test_known_instances_answer_to_every_id_openrosa_sends(tmp_path: Path) -> None:
    form_path = integration.write_form(tmp_path / "f", "fieldapp_pull_k")
    with Store.open(tmp_path / "db.db") as store:
        sha256 = store.forms.add(form_path).sha256
        sid = store.interviews.start(
            sha256, interviewer="a", city="c", actor_type="cso", answers={"name": "R"}
        )
        store.interviews.finalize(sid)
        (head,) = store.interviews.heads(sid)
        known = known_instances(store)
        claimed = known_instances(store, claimed=True)
    # What openrosa sends: the id the interview minted, and a revision's minted edit id.
    assert head.answers is not None and known[head.answers["meta/instanceID"]] == sid
    assert known[edit_instance_id(head.revision_id)] == sid
    # The ids fieldapp sent before it minted them are the interview's claims: a laptop
    # could name its rows after an ODK Collect submission's id, so they are compared.
    assert f"uuid:{sid}" not in known and f"uuid:{head.revision_id}" not in known
    assert claimed[f"uuid:{sid}"] == claimed[f"uuid:{head.revision_id}"] == sid


def test_each_server_has_its_own_mirror_beside_the_database(tmp_path: Path) -> None:
    one = mirror_path(tmp_path / "sup.db", server_name("https://c.example.org/", 3))
    two = mirror_path(tmp_path / "sup.db", server_name("https://c.example.org", 4))
    assert one != two and one.parent == two.parent == tmp_path / "sup.db.central"
    assert one.suffix == ".mirror"  # not a suffix merging a folder picks up


# --- a server that answers what it should not ------------------------------------------------


class RecordedAnswers:
    """The recorded server's answers by path (GET), some replaced by crafted ones."""

    def __init__(self, changes: dict[str, bytes]) -> None:
        data = json.loads(integration.RECORDING.read_text(encoding="utf-8"))
        prefix = f"/v1/projects/{data['project']}/"
        self.bodies: dict[str, bytes] = {}
        for exchange in data["exchanges"]:
            asked = exchange["request"]
            if asked["method"] == "GET" and asked["path"].startswith(prefix):
                path = asked["path"][len(prefix) :].replace("%3A", ":").replace("%24", "$")
                answer = exchange["response"]
                body = (
                    base64.b64decode(answer["body_base64"])
                    if "body_base64" in answer
                    else answer["body"].encode("utf-8")
                )
                self.bodies.setdefault(path, body)
        for path, body in changes.items():
            self.bodies[path] = body
        self.form_id = data["form_id"]
        self.sent = data["sent"]

    def get_json(self, path: str) -> object:
        return json.loads(self.get_bytes(path))

    def get_bytes(self, path: str) -> bytes:
        path = path.replace("%3A", ":").replace("%24", "$").replace("%2C", ",")
        if path not in self.bodies:
            raise FieldappError("pull.http", what=path, status=404, reason="Not Found")
        return self.bodies[path]


def _crafted(tmp_path: Path, changes) -> tuple[object, Path, str]:
    plain = RecordedAnswers({})
    reader = RecordedAnswers(changes(plain))
    path = tmp_path / "supervisor.db"
    with Store.open(path) as store:
        store.forms.add(integration.write_form(tmp_path / "form", reader.form_id))
    before = integration.database_digest(path)
    with Store.open(path) as store:
        report = pull(store, reader, server="evil.example#1")
    return report, path, before


def test_crafted_answers_leave_those_submissions_on_the_server(tmp_path: Path) -> None:
    def changes(plain: RecordedAnswers) -> dict[str, bytes]:
        first, second, third = (entry["instance_id"] for entry in plain.sent)
        base = f"forms/{plain.form_id}/submissions"
        listing = json.loads(plain.bodies[base])
        for item in listing:
            if item["instanceId"] == second:
                item["createdAt"] = item["currentVersion"]["createdAt"] = "2999-01-01T00:00:00Z"
        other = plain.bodies[f"{base}/{third}.xml"].replace(
            f'id="{plain.form_id}"'.encode(), b'id="mx_border_cso"'
        )
        return {
            base: json.dumps(listing).encode(),
            f"{base}/{first}/attachments": b'[{"name": "../../evil.jpg", "exists": true}]',
            f"{base}/{third}.xml": other,
        }

    report, path, before = _crafted(tmp_path, changes)
    assert report.new == 0 and len(report.left) == 3
    assert {x.reason.code for x in report.left} == {"pull.bad_answer", "pull.instance_other_form"}
    assert integration.database_digest(path) == before  # the supervisor's data untouched


class RecordedWriter(RecordedAnswers):
    """The recorded server, keeping the changes sent to it (PATCH and POST) in order."""

    def __init__(self) -> None:
        super().__init__({})
        self.writes: list[tuple[str, str, object]] = []

    def patch_json(self, path: str, body: object) -> object:
        self.writes.append(("PATCH", path, body))
        return {}

    def post_json(self, path: str, body: object) -> object:
        self.writes.append(("POST", path, body))
        return {}


def test_an_approval_taken_back_by_a_return_goes_up_as_has_issues(tmp_path: Path) -> None:
    """Central approved an interview; returned here afterwards (an approval given by
    mistake), the return goes up as ``hasIssues`` with its comment, as a return of a
    finalized interview does; Central's older ``approved`` is not taken again."""
    from fieldapp.core.central.review_map import apply_central_reviews, push_reviews

    server = RecordedWriter()
    approved = server.sent[0]["instance_id"]
    comment = "Aprobada por error: falta el lugar de la visita."
    with Store.open(tmp_path / "supervisor.db") as store:
        store.forms.add(integration.write_form(tmp_path / "form", server.form_id))
        report = pull(store, server, server="central.example#1")
        apply_central_reviews(store, server, report, server="central.example#1")
        submission = report.local[approved]
        assert store.interviews.heads(submission)[0].state == "approved"
        store.review.return_interview(submission, comment=comment, author="SUP")

        sent = push_reviews(store, server, report)
        assert [(s.instance_id, s.review_state, s.comment_sent) for s in sent] == [
            (approved, "hasIssues", True)
        ]
        path = f"forms/{server.form_id}/submissions/{approved}"
        writes = [(method, at.replace("%3A", ":"), body) for method, at, body in server.writes]
        assert writes == [
            ("PATCH", path, {"reviewState": "hasIssues"}),
            ("POST", f"{path}/comments", {"body": comment}),
        ]
        assert apply_central_reviews(store, server, report, server="central.example#1") == 0
        (head,) = store.interviews.heads(submission)
        assert head.state == "returned", "Central's approved, older, is not replayed"


@pytest.mark.parametrize("listing", [b'{"message": "nope"}', b"[1, 2]", b'[{"no": "instanceId"}]'])
def test_a_listing_that_is_not_one_is_refused_with_a_message(tmp_path: Path, listing) -> None:
    def changes(plain: RecordedAnswers) -> dict[str, bytes]:
        return {f"forms/{plain.form_id}/submissions": listing}

    with pytest.raises(FieldappError) as refused:
        _crafted(tmp_path, changes)
    assert refused.value.code == "pull.bad_answer"


def test_a_sealed_interview_is_known_by_its_envelopes_instance_id(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """Sealed for ODK at finalize, an interview answers to the id its envelope goes up
    under, so pulling it back finds the same interview (its answers never readable)."""
    from xlsform import write_xlsform

    from fieldapp.core.central.envelope import envelope_ids

    survey = [{"type": "text", "name": "story", "label": "Relato", "required": "yes"}]
    settings = {"form_id": "sealed_pull", "version": "1", "public_key": pair.public_key}
    form_path = write_xlsform(tmp_path / "sealed_pull.xlsx", survey, settings=settings)
    with Store.open(tmp_path / "laptop.db") as store:
        store.keys.unlock_drafts("drafts passphrase of the test")
        sha256 = store.forms.add(form_path).sha256
        sid = store.interviews.start(sha256, interviewer="a", city="c", actor_type="cso")
        store.interviews.autosave(
            sid, {**store.interviews.working_answers(sid), "story": "no lo diga"}
        )
        store.interviews.finalize(sid)
        ids = envelope_ids(store, sid)
        assert ids is not None
        known = known_instances(store)
    assert ids[0] != f"uuid:{sid}"  # the answers' own id, sealed: only the envelope tells it
    assert known[ids[0]] == sid


@pytest.mark.usefixtures("every_row_written")
def test_a_deidentified_export_of_pulled_interviews_names_no_submitter_or_instance(
    tmp_path: Path,
) -> None:
    """Central's app-user name stands in for the interviewer of what it sent; the
    de-identified export must hide it as it hides a laptop's codes, and every id."""
    import zipfile

    import openpyxl

    from fieldapp.core.export import ExportOptions, export_workbook

    result, data, _ = integration.replay(tmp_path / "pulled")
    db = result["mirror"].parent.parent / "supervisor.db"
    assert db.is_file()
    recorded = json.loads(integration.RECORDING.read_text(encoding="utf-8"))
    submitters = set(re.findall(r'submitterName\\?":\\?"([^"\\]+)', json.dumps(recorded)))
    assert submitters, "the recording names who submitted"
    with Store.open(db) as store:
        interviewers = {row.interviewer for row in store.interviews.page()}
    assert interviewers & submitters, "the pulled interviews carry Central's submitter"
    needles = submitters | {entry["instance_id"] for entry in data["sent"]}
    needles |= {needle.removeprefix("uuid:") for needle in needles}
    for name in ("out.xlsx", "out.zip"):
        out = tmp_path / name
        export_workbook(db, out, ExportOptions(deidentify=True))
        texts: list[str] = []
        if name.endswith(".xlsx"):
            workbook = openpyxl.load_workbook(out)
            texts += [
                str(c)
                for sheet in workbook
                for row in sheet.iter_rows(values_only=True)
                for c in row
                if c is not None
            ]
        else:
            with zipfile.ZipFile(out) as archive:
                texts += archive.namelist()
                texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        joined = "\n".join(texts)
        assert joined, name
        for needle in needles:
            assert needle not in joined, (name, needle)
