"""A rogue laptop's valid, signed rows against the study: bounded, or still workable.

Each attack is written by Ana's laptop, enrolled at the supervisor by a first merge, through
the store's own writers with the bounds of ``row_bounds`` switched off (a laptop running a
modified fieldapp, or a thief's script over its database and signing key): every row is
signed and passes every other rule. A row past a bound is refused by the supervisor's
merge with one line naming the row and the bound, her database unchanged byte for byte.
A package that is only big (thousands of interviews, comments or files, an hour of audio,
a conflict of hundreds of heads) still merges, and what the supervisor does next (the
list, progress, review, conflicts, export, her package back to a laptop) still works. The
sizes are the smallest that show the harm; the measurements are in
``docs/design-notes.md`` (*Bounds on valid rows from a rogue laptop*).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from merge_devices import SEALED_FORM, Device, file_checksum, sealed_form_bytes
from paths import STUDY_FORMS
from study_keys import KEY_PASSPHRASE
from study_keys import key_pair as study_key_pair
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto, row_bounds, validate
from fieldapp.core.export.from_store import export_workbook
from fieldapp.core.export.run import ExportOptions
from fieldapp.core.forms.engine import MAX_INSTANCES
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.xpath.functions import MAX_TEXT
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.progress import progress
from fieldapp.core.store import derived, sealing
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.store.revisions import insert_signed

REPEAT_SURVEY = [
    {"type": "text", "name": "name", "label": "Nombre"},
    {"type": "integer", "name": "years", "label": "Años"},
    {"type": "image", "name": "photo", "label": "Foto"},
    {"type": "begin_repeat", "name": "members", "label": "Integrantes"},
    {"type": "text", "name": "who", "label": "Quién"},
    {"type": "end_repeat", "name": "members"},
]


class Study:
    """Ana's laptop, enrolled at the supervisor, with one interview of a form with a repeat."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.ana = Device(tmp_path / "ana.db", "ana")
        self.supervisor = Device(tmp_path / "supervisor.db", "sup")
        workbook = write_xlsform(
            tmp_path / "members.xlsx",
            survey=REPEAT_SURVEY,
            settings={"form_id": "members", "version": "1", "form_title": "members"},
        )
        self.form = self.ana.add_form(workbook.read_bytes(), form_id="members")
        self.sid = self.ana.create(self.form, "Tijuana", {"name": "Colectivo"}, form_id="members")
        merge_database(self.supervisor.store, self.ana.path)  # Ana's laptop is enrolled

    def package(self) -> Path:
        path = self.tmp_path / f"ana-{uuid.uuid4().hex[:8]}.fieldapp"
        write_package(self.ana.store, path)
        return path

    def refused(self, rule: str) -> FieldappError:
        """Merge Ana's package: refused for ``rule``, the supervisor's database unchanged."""
        source = self.package()
        before = file_checksum(self.supervisor.path)
        with pytest.raises(FieldappError) as caught:
            merge_database(self.supervisor.store, source)
        error = caught.value
        assert error.code == "rows.merge_refused", error.text("en")
        assert error.message.params["rule"].code == rule
        for language in ("en", "es"):
            message = error.text(language)
            assert str(source) in message and "\n" not in message
            assert "Traceback" not in message
        assert "revoke" in error.text("en") and "revóquela" in error.text("es")
        assert file_checksum(self.supervisor.path) == before
        return error

    def raw_revision(
        self, parents: list[str], answers: dict[str, Any] | str, **columns: Any
    ) -> str:
        """Write and sign one revision row as Ana's laptop, without refreshing its heads."""
        store = self.ana.store
        row = {
            "uuid": str(uuid.uuid4()),
            "submission_uuid": self.sid,
            "parents": canonical_json(sorted(parents)),
            "device_id": store.device_id,
            "author": "ana",
            "saved_at": store.now(),
            "state": "draft",
            "answers": answers if isinstance(answers, str) else canonical_json(answers),
            "sealed": None,
            "attachments": "{}",
            "instance_name": None,
            **columns,
        }
        with store.transaction() as db:
            insert_signed(db.conn, store.device_id, row)
        return str(row["uuid"])

    def head(self) -> str:
        return str(self.ana.store.interviews.heads(self.sid)[0].revision_id)

    def close(self) -> None:
        self.ana.close()
        self.supervisor.close()


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Study]:
    made = Study(tmp_path)
    yield made
    made.close()


@pytest.fixture
def rogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ana's laptop runs a fieldapp whose writers no longer hold rows to the bounds."""
    monkeypatch.setattr(row_bounds, "check_new_revision", lambda *args, **kwargs: None)
    monkeypatch.setattr(row_bounds, "check_new_event", lambda *args, **kwargs: None)
    monkeypatch.setattr(row_bounds, "check_labels", lambda *args, **kwargs: None)


def test_the_bounds_are_the_form_engines_own_limits():
    # A laptop running fieldapp never writes past them: the engine stops first.
    assert row_bounds.MAX_REPEAT_INSTANCES == MAX_INSTANCES
    assert row_bounds.MAX_TEXT_CHARS == MAX_TEXT
    assert row_bounds.MAX_ANSWERS_CHARS >= MAX_INSTANCES * 4 * 1024


@pytest.mark.usefixtures("rogue")
def test_an_answer_longer_than_any_fieldapp_keeps_is_refused(study: Study):
    study.ana.edit(study.sid, {"name": "x" * (row_bounds.MAX_TEXT_CHARS + 1)})
    error = study.refused("rows.text_too_long")
    assert '"name"' in error.text("en") and "100,000" in error.text("en")
    assert "100,000" in error.text("es")  # as Mexico groups thousands


@pytest.mark.usefixtures("rogue")
def test_answers_of_tens_of_megabytes_are_refused_before_they_are_parsed(study: Study):
    # Every text within its bound, their sum past it: 170 entries of 100,000 characters.
    entries = [{"who": "y" * row_bounds.MAX_TEXT_CHARS} for _ in range(170)]
    study.ana.edit(study.sid, {"members": entries})
    error = study.refused("rows.answers_too_large")
    assert "16 MiB" in error.text("en")


@pytest.mark.usefixtures("rogue")
def test_more_repeat_entries_than_the_engine_allows_are_refused(study: Study):
    entries = [{"who": f"p{i}"} for i in range(row_bounds.MAX_REPEAT_INSTANCES + 1)]
    study.ana.edit(study.sid, {"members": entries})
    error = study.refused("rows.too_many_instances")
    assert '"members"' in error.text("en") and "1,000" in error.text("en")


@pytest.mark.usefixtures("rogue")
def test_answers_nested_as_deep_as_json_allows_are_refused(study: Study):
    # Repeats nest only as deep as the form's; nesting past what the parser reads is no
    # set of named answers (a shallower one names what the form lacks).
    depth = 1_000  # SQLite's JSON stops here, orjson at half of it (a list and an object)
    deep = '{"members":[' * depth + '{"who":"x"}' + "]}" * depth
    study.raw_revision([study.head()], deep)
    source = study.package()
    before = file_checksum(study.supervisor.path)
    with pytest.raises(FieldappError) as caught:
        merge_database(study.supervisor.store, source)
    assert caught.value.code == "merge.bad_row"
    assert caught.value.message.params["rule"].code == "rows.answers_not_object"
    assert file_checksum(study.supervisor.path) == before


@pytest.mark.usefixtures("rogue")
@pytest.mark.parametrize(
    ("column", "table"),
    [("author", "revisions"), ("instance_name", "revisions"), ("interviewer", "submissions")],
)
def test_labels_longer_than_a_line_are_refused(study: Study, column: str, table: str):
    """At 100,000 characters one instance name took the review window 2.8 GB to show."""
    huge = "n" * (row_bounds.MAX_LABEL_CHARS + 1)
    if table == "revisions":
        study.raw_revision([study.head()], {"name": "x"}, **{column: huge})
    else:  # a new interview started under an interviewer's "name" of 100 KB
        study.ana.name = huge
        study.ana.create(study.form, "Tijuana", {"name": "otra"}, form_id="members")
    error = study.refused("rows.label_too_long")
    assert column in error.text("en")


@pytest.mark.usefixtures("rogue")
def test_an_attached_files_name_longer_than_a_line_is_refused(study: Study):
    """(attack4) A name of 5 MB merged: every version of the interview read it again, on
    every laptop, and the review window shows a file's name as it shows a label."""
    sha = study.ana.store.attachments.add(b"\xff\xd8\xff foto")
    name = "n" * (row_bounds.MAX_LABEL_CHARS + 1) + ".jpg"
    study.raw_revision(
        [study.head()], {"name": "x", "photo": name}, attachments=canonical_json({name: sha})
    )
    error = study.refused("rows.attachment_name_too_long")
    assert "attached file" in error.text("en") and "archivo adjunto" in error.text("es")


def test_a_laptop_does_not_write_a_file_name_its_merge_would_refuse(study: Study):
    sha = study.ana.store.attachments.add(b"\xff\xd8\xff foto")
    name = "n" * (row_bounds.MAX_LABEL_CHARS + 1) + ".jpg"
    with pytest.raises(FieldappError) as caught:
        study.raw_revision(
            [study.head()], {"name": "x", "photo": name}, attachments=canonical_json({name: sha})
        )
    assert caught.value.code == "rows.write_refused"
    assert caught.value.message.params["rule"].code == "rows.attachment_name_too_long"
    fine = "n" * row_bounds.MAX_LABEL_CHARS  # a name as long as a label is kept
    study.raw_revision(
        [study.head()], {"name": "x", "photo": fine}, attachments=canonical_json({fine: sha})
    )
    assert merge_database(study.supervisor.store, study.package()).revisions == 1


@pytest.mark.usefixtures("rogue")
def test_a_comment_or_an_event_too_large_is_refused(study: Study):
    events = study.ana.store.events
    events.add(study.sid, "comment", {"comment": "c" * (row_bounds.MAX_TEXT_CHARS + 1)})
    study.refused("rows.comment_too_long")


@pytest.mark.usefixtures("rogue")
def test_an_event_of_megabytes_is_refused(study: Study):
    heads = [str(uuid.uuid4()) for _ in range(row_bounds.MAX_PAYLOAD_CHARS // 36)]
    study.ana.store.events.add(study.sid, "conflict_resolved", {"heads": heads, "choices": {}})
    error = study.refused("rows.payload_too_large")
    assert "conflict_resolved" in error.text("en")


@pytest.mark.slow
@pytest.mark.usefixtures("rogue")
def test_a_history_past_the_bound_is_refused_and_check_lists_it(study: Study, capsys):
    """A chain of 2,001 revisions (at 6,000 a merge took 13 s, and so did each later save)."""
    parent = study.head()
    with study.ana.store.transaction():
        for i in range(row_bounds.MAX_REVISIONS):
            parent = study.raw_revision([parent], {"name": f"v{i}"})
    error = study.refused("rows.too_many_revisions")
    assert study.sid in error.text("en") and "has 2001 saved versions" in error.text("en")
    # The laptop's own database holds them: fieldapp check lists the interview.
    study.ana.close()
    capsys.readouterr()
    assert main(["check", "--db", str(study.ana.path), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    assert [(r["table"], r["key"], r["rule"]) for r in refused] == [
        ("submissions", study.sid, "rows.too_many_revisions")
    ]


def test_a_laptop_does_not_write_what_its_merge_would_refuse(study: Study):
    ana = study.ana
    before = file_checksum(ana.path)
    for attempt in (
        lambda: ana.edit(study.sid, {"name": "x" * (row_bounds.MAX_TEXT_CHARS + 1)}),
        lambda: ana.edit(
            study.sid, {"members": [{"who": "p"}] * (row_bounds.MAX_REPEAT_INSTANCES + 1)}
        ),
        lambda: ana.store.events.add(
            study.sid, "comment", {"comment": "c" * (row_bounds.MAX_TEXT_CHARS + 1)}
        ),
    ):
        with pytest.raises(FieldappError) as caught:
            attempt()
        assert caught.value.code == "rows.write_refused"
        assert study.sid in caught.value.text("en") and "Nothing was changed" in caught.value.text(
            "en"
        )
        assert "No se cambió nada" in caught.value.text("es")
    assert file_checksum(ana.path) == before
    # One revision short of the bound is written; the next one is refused.
    with ana.store.transaction():
        parent = study.head()
        for i in range(row_bounds.MAX_REVISIONS - 2):
            parent = study.raw_revision([parent], {"name": f"v{i}"})
        derived.refresh(ana.store.db, [study.sid])
    ana.edit(study.sid, {"name": "the last one"})
    with pytest.raises(FieldappError) as caught:
        ana.edit(study.sid, {"name": "one too many"})
    assert caught.value.message.params["rule"].code == "rows.too_many_revisions"


@pytest.mark.usefixtures("rogue")
def test_a_conflict_of_500_heads_merges_and_is_resolved(study: Study, tmp_path: Path):
    """Within 1 s on an idle machine: heads are found once per interview, not per head."""
    root = study.head()
    with study.ana.store.transaction():
        for i in range(500):
            study.raw_revision([root], {"name": f"head {i}"})
        derived.refresh(study.ana.store.db, [study.sid])
    report = merge_database(study.supervisor.store, study.package())
    assert [c.heads for c in report.conflicts] == [500]
    store = study.supervisor.store
    assert store.interviews.conflicts() == [study.sid]
    store.interviews.resolve_conflict(SubmissionId(study.sid), {"name": "chosen"}, author="sup")
    assert store.interviews.conflicts() == []
    back = tmp_path / "supervisor.fieldapp"
    write_package(store, back)
    merge_database(study.ana.store, back)
    assert study.ana.store.interviews.heads(study.sid)[0].answers == {"name": "chosen"}


def test_thousands_of_comments_merge_and_the_review_reads_them(study: Study):
    """2,000 comments on one interview merge in about 0.1 s and are read back in order."""
    with study.ana.store.transaction():
        for i in range(2_000):
            study.ana.store.events.add(study.sid, "comment", {"comment": f"nota {i}"})
    report = merge_database(study.supervisor.store, study.package())
    assert report.events == 2_000
    comments = study.supervisor.store.events.of(study.sid)
    assert len(comments) == 2_000


@pytest.mark.slow
def test_an_hour_of_audio_and_thousands_of_files_merge(study: Study, tmp_path: Path):
    """An hour of speech at 128 kbit/s (57.6 MB) and 2,000 photos: merged, byte for byte.

    300 MB took 4.6 s to merge and 70 MB of memory over the package's size (the file is
    hashed in memory once); SQLite keeps no value over 1 GB, the only bound on a file.
    """
    audio = bytes(range(256)) * (57_600_000 // 256)
    study.ana.attach(study.sid, audio, "entrevista.ogg")
    store = study.ana.store
    files = {f"foto-{i}.jpg": store.attachments.add(f"jpeg {i}".encode()) for i in range(2_000)}
    head = study.ana.store.interviews.heads(study.sid)[0]
    with store.transaction():
        study.raw_revision(
            [head.revision_id],
            {"name": "Colectivo"},
            attachments=canonical_json({**head.attachments, **files}),
        )
        derived.refresh(store.db, [study.sid])
    report = merge_database(study.supervisor.store, study.package())
    assert report.attachments == 2_001
    current = study.supervisor.store.interviews.heads(study.sid)[0]
    got = study.supervisor.store.attachments.get(current.attachments["entrevista.ogg"])
    assert got == audio


@pytest.mark.slow
def test_thousands_of_interviews_in_one_package_merge_list_and_export(study: Study, tmp_path: Path):
    """3,000 interviews: merged in 0.3 s, exported in 0.7 s (about 10,000 rows a second)."""
    for i in range(3_000):
        study.ana.create(study.form, "Monterrey", {"name": f"org {i}", "years": i % 30}, "members")
    report = merge_database(study.supervisor.store, study.package())
    assert report.interviews == 3_000
    store = study.supervisor.store
    assert sum(1 for _ in store.interviews.iter_current()) == 3_001
    assert progress(store) is not None
    result = export_workbook(
        study.supervisor.path, tmp_path / "all.xlsx", ExportOptions(drafts=True)
    )
    assert result.interviews == 3_001
    back = tmp_path / "supervisor.fieldapp"
    write_package(store, back)
    bob = Device(tmp_path / "bob.db", "bob")
    assert merge_database(bob.store, back).interviews == 3_001
    bob.close()


def _longest_answers(form: Any, text: str, entries: int) -> dict[str, Any]:
    """Answer every question of ``form``: each text ``text``, each repeat ``entries`` times."""
    shapes: dict[str, list[tuple[str, str, str]]] = {}
    for container, key, kind, path in validate.describe(form):
        shapes.setdefault(container, []).append((key, kind, path))

    def fill(container: str) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for key, kind, path in shapes.get(container, []):
            if kind == "repeat":
                answers[key] = [fill(path) for _ in range(entries)]
            else:
                answers[key] = {"integer": 40, "number": 2.5, "multiple": ["a", "b"]}.get(
                    kind, text
                )
        return answers

    return fill("")


def _instances(answers: Any) -> int:
    if isinstance(answers, list):
        return sum(1 + _instances(item) for item in answers if isinstance(item, dict))
    if isinstance(answers, dict):
        return sum(_instances(value) for value in answers.values())
    return 0


@pytest.mark.slow
@pytest.mark.parametrize("workbook", sorted(STUDY_FORMS.glob("*.xlsx")), ids=lambda p: p.stem)
def test_the_study_forms_longest_realistic_interview_is_never_refused(
    workbook: Path, tmp_path: Path
):
    """Every question answered, every text 5,000 characters (a page and a half), each
    repeat 40 entries: written by the store, merged, listed and checked clean."""
    form = load_form(workbook)
    answers = _longest_answers(form, "á" * 5_000, 40)
    assert _instances(answers) <= row_bounds.MAX_REPEAT_INSTANCES
    laptop = Device(tmp_path / "laptop.db", "ana")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    sha = laptop.add_form(workbook.read_bytes(), form_id=form.form_id)
    sid = laptop.create(sha, "Tijuana", answers, form_id=form.form_id)
    laptop.finalize(sid)
    merge_database(supervisor.store, laptop.path)
    assert supervisor.store.interviews.heads(sid)[0].answers == answers
    assert validate.check_database(supervisor.store.conn, supervisor.store.forms.load) == []
    laptop.close()
    supervisor.close()


def test_check_lists_every_bound_broken_in_a_database(tmp_path: Path, capsys):
    """Rows an older fieldapp merged: each bound's row is listed, under its rule."""
    study = Study(tmp_path)
    sup = study.supervisor
    sup.close()
    conn = sqlite3.connect(sup.path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM revisions").fetchone())
    huge = "x" * (row_bounds.MAX_TEXT_CHARS + 1)
    from fieldapp.core.store.content import revision_content_sha256

    forged = {}
    for name, change in (
        ("text", {"answers": canonical_json({"name": huge})}),
        ("author", {"author": "a" * (row_bounds.MAX_LABEL_CHARS + 1)}),
    ):
        copy = {**row, **change, "uuid": str(uuid.uuid4())}
        copy["content_sha256"] = revision_content_sha256(copy)
        conn.execute(
            f"INSERT INTO revisions VALUES ({', '.join('?' * len(copy))})", list(copy.values())
        )
        forged[copy["uuid"]] = name
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["check", "--db", str(sup.path), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    rules = {r["key"]: r["rule"] for r in refused if r["rule"] != "rows.unsigned"}
    assert rules == {
        key: "rows.text_too_long" if name == "text" else "rows.label_too_long"
        for key, name in forged.items()
    }
    study.ana.close()


def test_a_long_instance_name_is_cut_to_a_label_and_the_list_shows_a_line(study: Study):
    # A form's instance name joins answers: the store keeps a line of it, not a page.
    head = study.ana.store.interviews.heads(study.sid)[0]
    study.ana.store.interviews._revisions.write(
        study.sid,
        parents=(head.revision_id,),
        state="draft",
        answers={"name": "Colectivo"},
        attachments={},
        author="ana",
        instance_name="Colectivo " * 1_000,
    )
    name = study.ana.store.interviews.heads(study.sid)[0].instance_name
    assert name is not None and len(name) == row_bounds.MAX_LABEL_CHARS
    assert name.startswith("Colectivo Colectivo")
    merge_database(study.supervisor.store, study.package())  # taken as any row


@pytest.mark.usefixtures("rogue")
def test_a_sealed_record_past_a_bound_is_merged_unread_and_refused_when_opened(
    study: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    """Merge has no key: the supervisor's key opens the record, refuses it, check lists it,
    and once it is set aside the export runs."""
    ana, pair = study.ana, study_key_pair()
    form = ana.add_form(sealed_form_bytes(), form_id=SEALED_FORM)
    sid = SubmissionId(str(uuid.uuid4()))
    with ana.store.transaction():
        ana._submission(sid, SEALED_FORM, form, "Tijuana")
    record = sealing.record_bytes({"name": "x" * (row_bounds.MAX_TEXT_CHARS + 1)}, {}, None)
    revision = ana.store.interviews._revisions.write(
        sid,
        parents=(),
        state="finalized",
        answers=None,
        sealed=sealing.seal_record(record, pair.public_key, sid),
        attachments={},
        author="ana",
        instance_name=None,
    )
    assert merge_database(study.supervisor.store, study.package()).revisions == 1
    store = study.supervisor.store
    key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    store.keys.unlock(key)
    with pytest.raises(FieldappError) as caught:
        store.interviews.heads(sid)
    assert caught.value.code == "rows.sealed_refused"
    assert sid in caught.value.text("en") and revision in caught.value.text("es")
    assert '"name"' in caught.value.text("en") and "revoke" in caught.value.text("en")
    with pytest.raises(FieldappError) as caught:
        export_workbook(study.supervisor.path, tmp_path / "out.xlsx", study_key=key)
    assert caught.value.code == "rows.sealed_refused"
    key_file = tmp_path / "study.pem"
    key_file.write_bytes(pair.private_pem)
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    study.close()
    capsys.readouterr()
    checked = ["check", "--db", str(study.supervisor.path), "--json"]
    assert main(checked) == 0  # without the key nothing can be seen inside
    capsys.readouterr()
    assert main([*checked, "--key", str(key_file)]) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    assert [(r["key"], r["rule"]) for r in refused] == [(revision, "rows.text_too_long")]
    assert (
        main(
            [
                *checked,
                "--key",
                str(key_file),
                "--quarantine",
                "--reason",
                "rogue",
                "--author",
                "Rosa",
            ]
        )
        == 0
    )
    result = export_workbook(study.supervisor.path, tmp_path / "out.xlsx", study_key=key)
    assert result.path.is_file()
