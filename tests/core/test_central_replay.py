"""What fieldapp does with ODK Central's real answers, replayed from recordings.

The recordings (``tests/data/central/core_*.json``) were made against central-backend
v2026.2.0-52 by ``tests/central_scenarios.py``; the same scenario code runs here over
the recorded answers, with stand-in secrets.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from central_scenarios import RECORDINGS, SCENARIOS, TOWNS_CSV, replay_link

from fieldapp.core.messages import FieldappError, Message
from fieldapp.core.store.instance_ids import edit_instance_id


def run(name: str, folder: Path, **secrets: str) -> dict:
    link = replay_link(name, **secrets)
    result = SCENARIOS[name](link, folder)
    assert link.replayer is not None
    assert link.replayer.unused == 0, "the code asked for less than the recorded scenario"
    return result


def test_every_recording_names_its_central_and_holds_no_secret() -> None:
    files = sorted(RECORDINGS.glob("core_*.json"))
    assert {f.stem.removeprefix("core_") for f in files} == set(SCENARIOS)
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["central"].startswith("central-backend v20"), path
        text = path.read_text(encoding="utf-8")
        assert "Authorization" not in text and "authorization" not in text
        assert "set-cookie" not in text.lower()
        for exchange in data["exchanges"]:
            if "/key/" in exchange["request"]["path"]:
                assert "/key/{app-user-token}/" in exchange["request"]["path"]
        # Central's session answer: token and csrf replaced.
        for match in re.finditer(r'\\"(token|csrf)\\":\\"([^\\]*)\\"', text):
            assert match.group(2).startswith("{"), path


def test_form_list_reads_every_form(tmp_path: Path) -> None:
    forms = run("form_list", tmp_path)["forms"]
    by_id = {form.form_id: form for form in forms}
    assert {"mx_border_cso", "mx_border_gov", "fieldapp_h18core"} <= set(by_id)
    assert by_id["fieldapp_h18core"].version == "2026120501"
    assert by_id["fieldapp_h18core"].has_files
    assert by_id["mx_border_cso"].hash.startswith("md5:")


def test_web_user_signs_in_lists_and_signs_out(tmp_path: Path) -> None:
    link = replay_link("web_login")
    SCENARIOS["web_login"](link, tmp_path)
    assert link.replayer is not None
    asked = [(r.method, r.url.path) for r in link.replayer.requests]
    assert asked == [
        ("POST", "/v1/sessions"),
        ("GET", "/v1/projects/1/formList"),
        ("DELETE", "/v1/sessions/current"),
    ]
    # The session Central handed out is what the next requests carry.
    assert link.replayer.requests[1].headers["authorization"] == "Bearer {token}"
    login = json.loads(link.replayer.requests[0].content)
    assert login == {"email": "admin@fieldapp.test", "password": "pw"}


def test_form_comes_down_with_its_csv_and_loads(tmp_path: Path) -> None:
    result = run("form_download", tmp_path)
    got = result["downloaded"]
    assert got.source == "xml"
    assert got.files == ("towns.csv",)
    assert got.record.form_id == "fieldapp_h18core"
    states = {s.form.form_id: s.state for s in result["before"]}
    assert states["fieldapp_h18core"] == "missing"
    after = {s.form.form_id: s.state for s in result["after"]}
    assert after["fieldapp_h18core"] == "held"
    form = result["form"]
    assert form.files["towns.csv"] == TOWNS_CSV


def test_bad_token_is_one_message_without_the_token(tmp_path: Path) -> None:
    token = "S3CRET-token-never-shown"
    error = run("bad_token", tmp_path, token=token)["error"]
    assert isinstance(error, FieldappError)
    assert error.code == "central.bad_credentials"
    for language in ("en", "es"):
        shown = error.text(language)
        assert token not in shown
        assert "http://127.0.0.1:8383" in shown
        assert "fieldapp central login" in shown


def test_push_sends_each_finalized_interview_once(tmp_path: Path) -> None:
    result = run("push_plain", tmp_path)
    first, second = result["first"], result["second"]
    assert first.sent == result["ids"]
    assert (first.refused, first.held, first.waiting, first.stopped) == ([], [], 0, None)
    assert second.sent == [] and second.waiting == 0  # nothing asked of Central again
    assert [row.state for row in result["queue"]] == ["sent"] * 3
    assert [row.attempts for row in result["queue"]] == [1, 1, 1]
    assert result["progress"] == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_push_carries_the_photo_and_the_instance_id(tmp_path: Path) -> None:
    link = replay_link("push_plain")
    result = SCENARIOS["push_plain"](link, tmp_path)
    assert link.replayer is not None
    posts = [r for r in link.replayer.requests if r.method == "POST"]
    assert len(posts) == 3
    body = posts[0].content
    assert b'name="xml_submission_file"' in body
    instance_id = result["queue"][0].instance_id  # the one the interview's answers carry
    assert instance_id.startswith("uuid:")
    assert f"<instanceID>{instance_id}</instanceID>".encode() in body
    assert b'filename="photo.jpg"' in body and bytes(range(256)) in body
    assert all(r.headers["x-openrosa-version"] == "1.0" for r in posts)
    assert b"photo.jpg" not in posts[1].content


def test_resend_after_a_lost_mark_is_taken_as_the_same(tmp_path: Path) -> None:
    link = replay_link("push_again")
    result = SCENARIOS["push_again"](link, tmp_path)
    assert result["first"].sent == [result["id"]]
    assert result["again"].sent == [result["id"]]  # Central: 201, the same submission
    assert [row.state for row in result["queue"]] == ["sent"]
    assert result["queue"][0].attempts == 2
    assert link.replayer is not None
    posts = [r.content for r in link.replayer.requests if r.method == "POST"]
    boundary = [re.search(rb"--([0-9a-f]+)", p).group(1) for p in posts]  # type: ignore[union-attr]
    same = [p.replace(b, b"B") for p, b in zip(posts, boundary, strict=True)]
    assert same[0] == same[1], "a resend must carry the same bytes"


def test_edit_after_return_goes_up_as_a_new_instance_deprecating_the_sent_one(
    tmp_path: Path,
) -> None:
    link = replay_link("push_edit")
    result = SCENARIOS["push_edit"](link, tmp_path)
    queue = result["queue"]
    assert [row.state for row in queue] == ["sent", "sent"]
    assert queue[0].instance_id.startswith("uuid:")
    assert queue[1].deprecated_id == queue[0].instance_id
    assert queue[1].instance_id == edit_instance_id(queue[1].revision_id)
    assert link.replayer is not None
    edit = [r.content for r in link.replayer.requests if r.method == "POST"][1]
    assert (
        f"<instanceID>{queue[1].instance_id}</instanceID>"
        f"<deprecatedID>{queue[0].instance_id}</deprecatedID>".encode()
        in edit
    )
    assert "José".encode() in edit


def test_closed_form_refusal_keeps_centrals_reason(tmp_path: Path) -> None:
    result = run("push_closed", tmp_path)
    push_result = result["result"]
    assert push_result.sent == []
    [(submission, reason)] = push_result.refused
    assert submission == result["id"]
    assert "not currently accepting submissions" in reason
    [row] = result["queue"]
    assert (row.state, row.attempts) == ("refused", 1)
    assert "not currently accepting submissions" in row.reason


def test_replay_refuses_what_was_not_recorded() -> None:
    """The replay is strict: a request the recording lacks fails the test, not silently."""
    from fieldapp.core.central.recording import ReplayMismatch

    link = replay_link("form_list")
    with link.client() as client, pytest.raises(ReplayMismatch):
        client.request("GET", "/v1/never-recorded", Message("central.what_forms"))


def test_a_web_user_takes_the_xlsform_central_keeps(tmp_path: Path) -> None:
    """The study's XLSForm, uploaded to Central as one (converted by pyxform-http), comes
    down as that very file, not as the XForm Central made of it."""
    import hashlib

    from central_scenarios import STUDY_FORM_ID, STUDY_XLSFORM

    result = run("xlsform_download", tmp_path, password="pw-for-replay")
    got = result["downloaded"]
    assert got.source == "xlsx" and got.record.form_id == STUDY_FORM_ID
    data = json.loads((RECORDINGS / "core_xlsform_download.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(result["content"]).hexdigest() == data["uploaded_sha256"]
    assert STUDY_XLSFORM.name == "informant.xlsx"
    assert result["form"].version == "2026120501"


def test_one_form_the_app_user_may_not_send_to_does_not_stop_the_others(
    tmp_path: Path,
) -> None:
    """Central answers 401 to a submission of a form the app user has no access to, as it
    does to a bad token: the queue asks whether the token still opens the project, refuses
    that one interview with the reason, and sends the next."""
    from central_scenarios import UNASSIGNED_FORM_ID

    result = run("push_forbidden", tmp_path)
    pushed = result["result"]
    assert pushed.stopped is None
    assert pushed.sent == [result["allowed"]]
    ((refused, reason),) = pushed.refused
    assert refused == result["forbidden"]
    assert UNASSIGNED_FORM_ID in reason and "access" in reason
    states = {row.submission_id: (row.state, row.reason) for row in result["queue"]}
    assert states[result["forbidden"]] == ("refused", reason)
    assert states[result["allowed"]][0] == "sent"


def test_a_web_user_pushes_once_with_the_photo(tmp_path: Path) -> None:
    """Signed in with email and password, the queue sends one multipart submission with
    the photo; a second push sends nothing; the form came down as XForm (no XLSForm kept)."""
    from central_scenarios import PHOTO

    link = replay_link("push_web", password="pw-for-replay")
    result = SCENARIOS["push_web"](link, tmp_path)
    assert link.replayer is not None and link.replayer.unused == 0
    assert result["downloaded"].source == "xml"
    assert result["first"].sent == [result["id"]] and result["first"].stopped is None
    assert result["second"].sent == [] and result["second"].refused == []
    (row,) = result["queue"]
    assert row.state == "sent"
    (posted,) = [
        r for r in link.replayer.requests if r.method == "POST" and "submission" in r.url.path
    ]
    assert PHOTO in posted.content and row.instance_id.encode() in posted.content
