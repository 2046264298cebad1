"""A rogue laptop's signed JSON nested past what Python's parser reads (attack4).

SQLite's JSON takes 1,000 levels of nesting; Python's ``json``, which reads every event and
every opened sealed record, stops before that with "maximum recursion depth exceeded".
An enrolled laptop (its signing key in a thief's hands) signed:

- a comment on its own interview whose content carried a list nested 999 deep: merged,
  and from then on the review of that interview failed wherever the supervisor's package
  went;
- a sealed record with the same inside, sealed for the study's public key: merged unread
  (merge has no key), then the supervisor's keyed export of the whole study and
  ``fieldapp check --key``, the command meant to find such a record, both ended with
  "could not finish: RecursionError ... please report this".

Now the event is refused by merge as a row beyond what fieldapp writes (and listed by
``fieldapp check`` where one is already held); the record is refused when opened, listed
by ``check --key`` and set aside by its ``--quarantine``, after which the export runs.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import SEALED_FORM, Device, file_checksum, sealed_form_bytes
from study_keys import KEY_PASSPHRASE
from study_keys import key_pair as study_key_pair

from fieldapp.cli import main
from fieldapp.core import crypto, row_bounds
from fieldapp.core.export.from_store import export_workbook
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import sealed_comments, sealing, signing
from fieldapp.core.store.records import SubmissionId

DEPTH = 999
"""Within SQLite's JSON, past Python's parser."""
JUNK = "[" * DEPTH + "]" * DEPTH


class Laptops:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.ana = Device(tmp_path / "ana.db", "ana")
        self.supervisor = Device(tmp_path / "supervisor.db", "sup")
        form = self.ana.add_form()
        self.sid = self.ana.create(form, "Tijuana", {})
        merge_database(self.supervisor.store, self.ana.path)  # Ana's laptop is enrolled

    def package(self) -> Path:
        path = self.tmp_path / f"ana-{uuid.uuid4().hex[:8]}.fieldapp"
        write_package(self.ana.store, path)
        return path

    def close(self) -> None:
        self.ana.close()
        self.supervisor.close()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Laptops]:
    made = Laptops(tmp_path)
    yield made
    made.close()


def _signed_event_with(conn: sqlite3.Connection, device_id: str, event: str, payload: str) -> None:
    """Give ``event`` the content ``payload`` and sign it with the laptop's own key."""
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    conn.execute("UPDATE events SET payload = ? WHERE uuid = ?", [payload, event])
    columns = ", ".join(signing.EVENT_HASHED_COLUMNS)
    row = conn.execute(f"SELECT {columns} FROM events WHERE uuid = ?", [event]).fetchone()
    conn.execute("DROP TRIGGER IF EXISTS signatures_no_delete")
    conn.execute("DELETE FROM signatures WHERE row_uuid = ?", [event])
    row_hash = signing.event_content_sha256(
        dict(zip(signing.EVENT_HASHED_COLUMNS, row, strict=True))
    )
    signing.sign_rows(conn, device_id, [("events", event, row_hash)])
    conn.commit()


def test_an_event_nested_past_pythons_parser_is_refused_by_merge(
    laptops: Laptops, capsys: pytest.CaptureFixture[str]
) -> None:
    ana, supervisor = laptops.ana, laptops.supervisor
    event = ana.store.events.add(laptops.sid, "comment", {"comment": "hola"}, author="ana")
    deep = '{"comment":"hola","x":' + JUNK + "}"
    _signed_event_with(ana.store.db.conn, ana.store.device_id, event, deep)
    source = laptops.package()
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as caught:
        merge_database(supervisor.store, source)
    error = caught.value
    assert error.code == "rows.merge_refused", error.text("en")
    assert error.message.params["rule"].code == "rows.payload_too_deep"
    for language in ("en", "es"):
        said = error.text(language)
        assert str(source) in said and event in said and "256" in said
    assert file_checksum(supervisor.path) == before
    assert supervisor.store.events.of(laptops.sid) == []  # the review still reads it

    # A database that took one before this rule: check lists it, by the same rule.
    supervisor.close()
    conn = sqlite3.connect(supervisor.path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(events)")]
    held = ana.store.db.conn.execute(
        f"SELECT {', '.join(columns)} FROM events WHERE uuid = ?", [event]
    ).fetchone()
    conn.execute(f"INSERT INTO events VALUES ({', '.join('?' * len(columns))})", held)
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["check", "--db", str(supervisor.path), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    assert (event, "rows.payload_too_deep") in [(r["key"], r["rule"]) for r in refused]


def test_a_laptop_does_not_write_an_event_its_merge_would_refuse_for_its_depth(
    laptops: Laptops,
) -> None:
    nested: list[object] = []
    for _ in range(row_bounds.MAX_JSON_DEPTH):
        nested = [nested]
    with pytest.raises(FieldappError) as caught:
        laptops.ana.store.events.add(laptops.sid, "comment", {"comment": "x", "x": nested})
    assert caught.value.code == "rows.write_refused"
    assert caught.value.message.params["rule"].code == "rows.payload_too_deep"
    assert laptops.ana.store.events.of(laptops.sid) == []


def test_depth_counts_brackets_outside_strings_only() -> None:
    most = row_bounds.MAX_JSON_DEPTH
    assert not row_bounds.json_too_deep("[" * most + "]" * most)
    assert row_bounds.json_too_deep("[" * (most + 1) + "]" * (most + 1))
    assert row_bounds.json_too_deep(b'{"a":' + b"{" * most + b'"b":1' + b"}" * most + b"}")
    text = '"' + "[" * (most + 1) + '\\"' + "{" * (most + 1) + '"'  # a comment of brackets
    assert not row_bounds.json_too_deep('{"comment":' + text + "}")


def test_a_sealed_record_nested_past_pythons_parser_is_refused_when_opened(
    laptops: Laptops, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    ana, pair = laptops.ana, study_key_pair()
    form = ana.add_form(sealed_form_bytes(), form_id=SEALED_FORM)
    sid = SubmissionId(str(uuid.uuid4()))
    with ana.store.transaction():
        ana._submission(sid, SEALED_FORM, form, "Tijuana")
    record = sealing.record_bytes({"name": "x"}, {}, None).rstrip()
    deep = record[:-1] + b',"x":' + JUNK.encode() + b"}"
    revision = ana.store.interviews._revisions.write(
        sid,
        parents=(),
        state="finalized",
        answers=None,
        sealed=sealing.seal_record(deep, pair.public_key, sid),
        attachments={},
        author="ana",
        instance_name=None,
    )
    assert merge_database(laptops.supervisor.store, laptops.package()).revisions == 1
    store = laptops.supervisor.store
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    store.keys.unlock(key)
    with pytest.raises(FieldappError) as caught:
        store.interviews.heads(sid)
    assert caught.value.code == "rows.sealed_refused"
    assert caught.value.message.params["rule"].code == "rows.record_too_deep"
    assert sid in caught.value.text("en") and revision in caught.value.text("es")
    with pytest.raises(FieldappError) as caught:
        export_workbook(laptops.supervisor.path, tmp_path / "out.xlsx", study_key=key)
    assert caught.value.code == "rows.sealed_refused"
    key_file = tmp_path / "study.pem"
    key_file.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    laptops.close()
    capsys.readouterr()
    checked = ["check", "--db", str(laptops.supervisor.path), "--json", "--key", str(key_file)]
    assert main(checked) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    assert [(r["key"], r["rule"]) for r in refused] == [(revision, "rows.record_too_deep")]
    quarantine = [*checked, "--quarantine", "--reason", "rogue", "--author", "Rosa"]
    assert main(quarantine) == 0
    result = export_workbook(laptops.supervisor.path, tmp_path / "out.xlsx", study_key=key)
    assert result.path.is_file()


def test_a_sealed_comment_nested_past_pythons_parser_reads_as_tampered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pair = study_key_pair()
    sid = str(uuid.uuid4())
    deep = b'{"comment":"x","y":' + JUNK.encode() + b"}"
    monkeypatch.setattr(sealed_comments, "padded_json", lambda payload: deep)
    payload = sealed_comments.seal_payload(
        {"comment": "x"},
        submission=sid,
        study_public_key=pair.public_key,
        device_id="ana",
        device_key=None,
    )
    monkeypatch.undo()
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    with pytest.raises(FieldappError) as caught:
        sealed_comments.open_payload(payload, submission=sid, study_key=key, device=None)
    assert caught.value.code == "crypto.tampered"
