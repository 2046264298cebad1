"""Merging laptops into the supervisor's database and back: what came in, conflicts, packages."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import Device, canonical_dump, file_checksum, revisions_of

from fieldapp.core.merge import (
    combine_answers,
    differing_keys,
    merge_database,
    summary_lines,
)
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store
from fieldapp.core.store.database import open_database


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Device, Device, Device, str]]:
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    form = ana.add_form()
    beto.add_form()
    yield ana, beto, supervisor, form
    for device in (ana, beto, supervisor):
        device.close()


def test_a_merge_reports_what_came_in_per_form_and_city(laptops) -> None:
    ana, beto, supervisor, form = laptops
    first = ana.create(form, "Tijuana", {"name": "Comité vecinal"})
    ana.edit(first, {"sectors": "ngo church"})
    ana.finalize(first)
    ana.attach(first, b"\xff\xd8 a photo of the meeting")
    second = ana.create(form, "Monterrey", {"name": "Consejo cívico"})
    ana.store.events.add(second, "comment", {"comment": "¿firma?"}, author="ana")
    other_form = beto.add_form(form_id="government")
    beto.create(other_form, "Tijuana", {"name": "Secretaría"}, form_id="government")

    from_ana = merge_database(supervisor.store, ana.path)
    from_beto = merge_database(supervisor.store, beto.path)

    by_group = {(g.form_id, g.city): g for g in from_ana.groups}
    assert by_group["civil_society", "Tijuana"].interviews == 1
    assert by_group["civil_society", "Tijuana"].revisions == 4
    assert by_group["civil_society", "Monterrey"].events == 1
    assert (from_ana.interviews, from_ana.attachments, from_ana.forms) == (2, 1, 1)
    assert from_ana.device_id == ana.store.device_id
    # Beto's copy of the shared form is already here: only his own form is new.
    assert from_beto.forms == 1
    assert [(g.form_id, g.city, g.interviews) for g in from_beto.groups] == [
        ("government", "Tijuana", 1)
    ]
    assert supervisor.store.interviews.count() == 3
    listed = {row.submission_id: row for row in supervisor.store.interviews.page()}
    assert listed[first].state == "finalized"
    assert supervisor.store.attachments.get(
        ana.store.interviews.heads(first)[0].attachments["photo.jpg"]
    )


def test_edits_on_two_laptops_become_a_conflict_that_a_resolution_ends(laptops) -> None:
    ana, beto, supervisor, form = laptops
    sid = ana.create(form, "Nuevo Laredo", {"name": "Mesa de seguridad", "years": 2})
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"years": 3})
    beto.edit(sid, {"name": "Mesa de Seguridad y Justicia"})

    merge_database(supervisor.store, ana.path)
    report = merge_database(supervisor.store, beto.path)

    assert [(c.submission_id, c.heads, c.new) for c in report.conflicts] == [(sid, 2, True)]
    lines = summary_lines(report)
    assert lines[0].endswith(": 1 new version, 1 new conflict.")  # no count of 0
    name = supervisor.store.interviews.heads(sid)[0].instance_name  # as the list names it
    assert lines[-2:] == [
        "  In conflict, to resolve under View › Conflicts…:",
        f"    {name} (civil_society · Nuevo Laredo): 2 versions edited apart",
    ]
    assert summary_lines(report, "es")[0].endswith(": 1 versión nueva, 1 conflicto nuevo.")
    assert supervisor.store.interviews.conflicts() == [sid]
    heads = supervisor.store.interviews.heads(sid)
    answers = [head.answers or {} for head in heads]
    assert differing_keys(answers) == ["name", "years"]
    ana_index = next(i for i, head in enumerate(heads) if head.author == "ana")
    beto_index = 1 - ana_index
    chosen = combine_answers(answers, {"name": beto_index}, base=ana_index)
    assert chosen == {"name": "Mesa de Seguridad y Justicia", "years": 3}

    resolved = supervisor.store.interviews.resolve_conflict(
        sid, chosen, author="sup", choices={"name": 1}
    )

    assert supervisor.store.interviews.conflicts() == []
    (head,) = supervisor.store.interviews.heads(sid)
    assert head.revision_id == resolved and head.answers == chosen
    assert set(head.parents) == {h.revision_id for h in heads}
    assert [e.kind for e in supervisor.store.events.of(sid)][-1] == "conflict_resolved"
    with pytest.raises(FieldappError) as error:
        supervisor.store.interviews.resolve_conflict(sid, chosen, author="sup")
    assert error.value.code == "merge.no_conflict"

    # Both ways: the resolution travels back to a laptop and ends the conflict there too.
    merge_database(ana.store, beto.path)
    assert ana.store.interviews.conflicts() == [sid]
    back = merge_database(ana.store, supervisor.path)
    assert back.events == 1 and back.conflicts == ()
    assert (
        ana.store.interviews.conflicts() == []
        and ana.store.interviews.heads(sid)[0].answers == chosen
    )


def test_the_supervisors_review_reaches_the_researcher(laptops) -> None:
    ana, _, supervisor, form = laptops
    sid = ana.create(form, "Ciudad Juárez", {"name": "Colectivo"})
    ana.finalize(sid)
    merge_database(supervisor.store, ana.path)
    supervisor.review(sid, "returned", "Falta el nombre del programa")

    back = merge_database(ana.store, supervisor.path)

    assert (back.revisions, back.events, back.interviews) == (1, 1, 0)
    assert ana.store.interviews.heads(sid)[0].state == "returned"
    assert ana.store.events.of(sid)[-1].payload == {"comment": "Falta el nombre del programa"}


def test_combine_answers_leaves_a_field_unanswered_when_the_chosen_head_did() -> None:
    heads = [{"a": 1, "b": "x"}, {"a": 2}]
    assert combine_answers(heads, {"b": 1}) == {"a": 1}
    assert combine_answers(heads, {"a": 1, "b": 0}, base=1) == {"a": 2, "b": "x"}


def test_a_package_is_a_whole_single_file_snapshot_including_uncheckpointed_commits(
    laptops, tmp_path: Path
) -> None:
    ana, _, supervisor, form = laptops
    sid = ana.create(form, "Tijuana", {"name": "Red de mujeres"})
    ana.finalize(sid)
    assert Path(f"{ana.path}-wal").stat().st_size > 0  # the commits are still in the WAL

    report = write_package(ana.store, tmp_path / "usb" / "ana.fieldapp")

    package = tmp_path / "usb" / "ana.fieldapp"
    assert (report.interviews, report.revisions) == (1, 2)
    assert package.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one file
    assert sorted(p.name for p in package.parent.iterdir()) == ["ana.fieldapp"]
    assert revisions_of(package) == revisions_of(ana.path)
    merged = merge_database(supervisor.store, package)
    assert merged.revisions == 2
    assert not Path(f"{package}-wal").exists()


def test_a_database_file_copied_to_a_stick_is_merged_without_leaving_files_beside_it(
    laptops, tmp_path: Path
) -> None:
    ana, _, supervisor, form = laptops
    sid = ana.create(form, "Tijuana", {"name": "Red de mujeres"})
    ana.finalize(sid)
    # Live, with its last commits still in the WAL: they are read, not missed.
    assert Path(f"{ana.path}-wal").stat().st_size > 0
    assert merge_database(supervisor.store, ana.path).revisions == 2
    ana.close()  # the laptop app closes: everything is in the one file now
    stick = tmp_path / "usb"
    stick.mkdir()
    shutil.copy(ana.path, stick / "ana.db")
    before = (stick / "ana.db").read_bytes()
    other = Device(tmp_path / "other-supervisor.db", "sup2")
    assert merge_database(other.store, stick / "ana.db").revisions == 2
    other.close()
    assert sorted(p.name for p in stick.iterdir()) == ["ana.db"]  # no -wal, no -shm
    assert (stick / "ana.db").read_bytes() == before


def test_packaging_saves_open_drafts_and_leaves_working_copies_behind(laptops, tmp_path):
    ana, _, supervisor, form = laptops
    sid = ana.create(form, "Tijuana", {"name": "Borrador"})
    ana.store.interviews.autosave(sid, {"name": "Borrador con cambios sin guardar"})

    write_package(ana.store, tmp_path / "ana.fieldapp")

    conn = sqlite3.connect(tmp_path / "ana.fieldapp")
    assert conn.execute("SELECT count(*) FROM working_copies").fetchone() == (0,)
    conn.close()
    merge_database(supervisor.store, tmp_path / "ana.fieldapp")
    assert supervisor.store.interviews.heads(sid)[0].answers == {
        "name": "Borrador con cambios sin guardar"
    }


def test_a_package_that_cannot_be_written_leaves_nothing_behind(laptops, tmp_path: Path) -> None:
    ana, _, _, form = laptops
    ana.create(form, "Tijuana", {"name": "x"})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")

    with pytest.raises(FieldappError) as error:
        write_package(ana.store, blocker / "ana.fieldapp")
    assert error.value.code == "merge.package_failed"
    with pytest.raises(FieldappError) as error:
        write_package(ana.store, tmp_path)
    assert error.value.code == "merge.package_is_folder"
    assert sorted(p.name for p in tmp_path.iterdir() if "ana" in p.name) == [
        "ana.db",
        "ana.db-shm",
        "ana.db-wal",
    ]


# --- bad input: one clear message, the supervisor's database untouched -------------------


def _refused(supervisor: Device, source: Path, code: str, **kwargs) -> FieldappError:
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        merge_database(supervisor.store, source, **kwargs)
    assert error.value.code == code, error.value.text()
    assert str(source) in error.value.text("en") and str(source) in error.value.text("es")
    assert "Traceback" not in error.value.text()
    assert file_checksum(supervisor.path) == before
    # The connection is left usable: the next merge works.
    assert supervisor.store.db.conn.execute("PRAGMA database_list").fetchall()[-1][1] != (
        "merge_source"
    )
    return error.value


@pytest.fixture
def supervisor_with_data(laptops, tmp_path: Path) -> tuple[Device, Device, Path]:
    """A supervisor who already merged Ana once, and a package of Ana's newer work."""
    ana, _, supervisor, form = laptops
    sid = ana.create(form, "Monterrey", {"name": "Observatorio"})
    ana.attach(sid, b"an audio consent")
    merge_database(supervisor.store, ana.path)
    ana.edit(sid, {"name": "Observatorio ciudadano"})
    ana.store.events.add(sid, "comment", {"comment": "listo"}, author="ana")
    package = tmp_path / "ana.fieldapp"
    write_package(ana.store, package)
    return supervisor, ana, package


def _altered_copy(package: Path, tmp_path: Path, *statements: str) -> Path:
    copy = tmp_path / f"altered-{len(list(tmp_path.iterdir()))}.fieldapp"
    copy.write_bytes(package.read_bytes())
    conn = sqlite3.connect(copy)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return copy


def test_files_that_are_not_fieldapp_databases_are_refused(supervisor_with_data, tmp_path):
    supervisor, _, package = supervisor_with_data
    text_file = tmp_path / "notes.db"
    text_file.write_text("Entrevista 3: notas a mano\n" * 50)
    _refused(supervisor, text_file, "merge.not_sqlite")
    empty = tmp_path / "empty.fieldapp"
    empty.write_bytes(b"")
    _refused(supervisor, empty, "merge.not_sqlite")
    truncated = tmp_path / "truncated.fieldapp"
    truncated.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    _refused(supervisor, truncated, "merge.truncated")
    other_app = tmp_path / "contacts.sqlite"
    conn = sqlite3.connect(other_app)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.commit()
    conn.close()
    _refused(supervisor, other_app, "merge.not_fieldapp")
    _refused(supervisor, tmp_path / "missing.fieldapp", "merge.source_missing")
    _refused(supervisor, tmp_path, "merge.source_not_file")


def test_a_newer_schema_another_study_or_the_same_database_are_refused(
    supervisor_with_data, tmp_path
):
    supervisor, _, package = supervisor_with_data
    newer = _altered_copy(
        package, tmp_path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
    )
    assert "99" in _refused(supervisor, newer, "merge.newer_schema").text()
    other = _altered_copy(
        package, tmp_path, "UPDATE meta SET value = 'another-study' WHERE key = 'study'"
    )
    assert "another-study" in _refused(supervisor, other, "merge.other_study").text()
    _refused(supervisor, supervisor.path, "merge.same_database")
    write_package(supervisor.store, tmp_path / "self.fieldapp")
    _refused(supervisor, tmp_path / "self.fieldapp", "merge.same_database")


def test_a_row_that_differs_under_the_same_id_stops_the_merge(supervisor_with_data, tmp_path):
    supervisor, ana, package = supervisor_with_data
    first = ana.store.interviews.history(ana.submissions()[0])[0]
    # A revision the supervisor already has, rewritten (hash recomputed to match).
    rewritten = _altered_copy(
        package,
        tmp_path,
        "DROP TRIGGER revisions_no_update",
        "UPDATE revisions SET answers = '{\"name\":\"otro\"}', content_sha256 = 'f00d' "
        f"WHERE uuid = '{first.revision_id}'",
    )
    error = _refused(supervisor, rewritten, "merge.tampered")
    assert first.revision_id in error.text()
    event = ana.store.events.of(ana.submissions()[0])[0]
    moved = _altered_copy(
        package,
        tmp_path,
        "DROP TRIGGER events_no_update",
        f"UPDATE events SET author = 'mallory' WHERE uuid = '{event.event_id}'",
    )
    # The event is new to the supervisor, but Ana's signature covers its author: a
    # copy naming another author is a forgery.
    assert event.event_id in _refused(supervisor, moved, "merge.unsigned").text()


def test_content_that_does_not_match_its_hash_is_refused(supervisor_with_data, tmp_path):
    supervisor, ana, package = supervisor_with_data
    newest = ana.store.interviews.heads(ana.submissions()[0])[0]
    altered = _altered_copy(
        package,
        tmp_path,
        "DROP TRIGGER revisions_no_update",
        'UPDATE revisions SET answers = \'{"name":"cambiado"}\' '
        f"WHERE uuid = '{newest.revision_id}'",
    )
    assert newest.revision_id in _refused(supervisor, altered, "merge.bad_checksum").text()
    photo = tmp_path / "photo-laptop.db"
    laptop = Device(photo, "carla")
    laptop.add_form()
    sid = laptop.create(laptop.add_form(), "Tijuana", {"name": "x"})
    laptop.attach(sid, b"the real picture")
    laptop.close()
    swapped = _altered_copy(
        photo,
        tmp_path,
        "DROP TRIGGER attachments_no_update",
        "UPDATE attachments SET content = CAST('another picture!' AS BLOB)",
    )
    _refused(supervisor, swapped, "merge.bad_checksum")


def test_a_revision_whose_parent_is_missing_is_refused(supervisor_with_data, tmp_path):
    supervisor, ana, package = supervisor_with_data
    sid = ana.submissions()[0]
    ana.edit(sid, {"name": "third"})
    newest = ana.store.interviews.heads(sid)[0]
    package = tmp_path / "newer.fieldapp"
    write_package(ana.store, package)
    orphaned = _altered_copy(
        package,
        tmp_path,
        "DROP TRIGGER revisions_no_delete",
        f"DELETE FROM revisions WHERE uuid = '{newest.parents[0]}'",
    )
    assert newest.parents[0] in _refused(supervisor, orphaned, "merge.dangling").text()


def test_a_source_that_vanishes_or_is_cut_short_mid_merge_changes_nothing(
    supervisor_with_data, tmp_path
):
    supervisor, _, package = supervisor_with_data
    copy = tmp_path / "stick.fieldapp"

    def pull_the_stick(done: int, total: int) -> None:
        if done == 3:
            copy.unlink()

    copy.write_bytes(package.read_bytes())
    _refused(supervisor, copy, "merge.source_vanished", progress=pull_the_stick)

    def cut_short(done: int, total: int) -> None:
        if done == 1:
            with copy.open("r+b") as file:
                file.truncate(4096)

    copy.write_bytes(package.read_bytes())
    error = _refused(supervisor, copy, "merge.corrupt", progress=cut_short)
    assert "Nothing was merged" in error.text()
    assert merge_database(supervisor.store, package).revisions == 1


def test_a_source_locked_by_a_writer_is_refused(supervisor_with_data, monkeypatch):
    supervisor, _, package = supervisor_with_data
    monkeypatch.setattr("fieldapp.core.merge.SOURCE_TIMEOUT", 0.2)
    writer = sqlite3.connect(package, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        _refused(supervisor, package, "merge.source_locked")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert merge_database(supervisor.store, package).events == 1


def test_a_source_locked_by_a_writer_mid_merge_is_refused(supervisor_with_data, tmp_path):
    _, _, package = supervisor_with_data
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    supervisor.store.close()
    supervisor.store = Store(open_database(supervisor.path, timeout=0.2))
    writer = sqlite3.connect(package, isolation_level=None)

    def lock_it(done: int, total: int) -> None:
        if done == 1:  # checked, not yet copied
            writer.execute("BEGIN EXCLUSIVE")

    try:
        _refused(supervisor, package, "merge.source_locked", progress=lock_it)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert merge_database(supervisor.store, package).events == 1


def test_a_cancelled_merge_changes_nothing(supervisor_with_data):
    supervisor, _, package = supervisor_with_data
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    _refused(supervisor, package, "merge.cancelled", cancel=cancel)
    report = merge_database(supervisor.store, package)
    assert (report.revisions, report.events) == (1, 1)


def test_a_refused_merge_keeps_the_supervisor_database_as_it_was(supervisor_with_data):
    supervisor, _, package = supervisor_with_data
    before = canonical_dump(supervisor.path)
    assert merge_database(supervisor.store, package).revisions == 1
    assert canonical_dump(supervisor.path) != before


def test_every_merge_message_has_both_languages_with_the_same_placeholders() -> None:
    from fieldapp.core.messages import placeholders
    from fieldapp.core.messages.merge import MESSAGES

    for code, texts in MESSAGES.items():
        fields = {language: placeholders(texts[language]) for language in ("en", "es")}
        assert fields["en"] == fields["es"], code


def test_a_sealed_interviews_envelope_is_no_review_event_in_the_summary(laptops) -> None:
    """A laptop writes ODK's envelope beside each interview it seals: the supervisor's
    summary read "3 new review events" from a laptop where nobody had reviewed anything."""
    ana, _beto, supervisor, form = laptops
    sealed = ana.create(form, "Tijuana", {"name": "Comité vecinal"})
    ana.finalize(sealed)
    envelope = {"instance_id": f"uuid:{sealed}", "deprecated_id": "", "manifest": "m"}
    ana.store.events.add(sealed, "odk_envelope", {**envelope, "files": []}, author="fieldapp")
    reviewed = ana.create(form, "Monterrey", {"name": "Consejo cívico"})
    ana.store.events.add(reviewed, "comment", {"comment": "¿firma?"}, author="ana")

    report = merge_database(supervisor.store, ana.path)

    assert report.events == 1
    assert {(g.city, g.events) for g in report.groups} == {("Tijuana", 0), ("Monterrey", 1)}
    assert "1 new review event" in summary_lines(report, "en")[0]
    assert report.to_json()["new_events"] == 1
    # the envelope itself came in, as every row does
    assert [e.kind for e in supervisor.store.events.of(sealed)] == ["odk_envelope"]


def test_a_conflict_is_named_in_the_summary_as_the_list_names_it(tmp_path: Path) -> None:
    """The summary named a conflict by its uuid ("conflict: interview 2597633d-…"), which
    no screen shows: the Conflicts desk and the list name it by its instance name."""
    from xlsform import write_xlsform

    survey = [{"type": "text", "name": "org", "label": "Organización"}]
    form = write_xlsform(
        tmp_path / "cso.xlsx", survey, settings={"form_id": "cso", "instance_name": "${org}"}
    )
    paths = [tmp_path / f"{name}.db" for name in ("ana", "beto", "supervisor")]
    with Store.open(paths[0]) as ana:
        sha = ana.forms.add(form).sha256
        sid, _ = ana.interviews.submit(sha, {"org": "Consejo Cívico"}, finalize=True)
    with Store.open(paths[1]) as beto:
        merge_database(beto, paths[0])
    for path, org in ((paths[0], "Consejo Cívico de NL"), (paths[1], "Consejo Cívico A.C.")):
        with Store.open(path) as laptop:
            laptop.interviews.reopen(sid)
            laptop.interviews.autosave(sid, {**laptop.interviews.working_answers(sid), "org": org})
            laptop.interviews.finalize(sid)
    with Store.open(paths[2]) as supervisor:
        merge_database(supervisor, paths[0])
        report = merge_database(supervisor, paths[1])
        listed = {row.submission_id: row.instance_name for row in supervisor.interviews.page()}

    (conflict,) = report.conflicts
    assert conflict.name == listed[sid]
    assert summary_lines(report)[-1].startswith(f"    {listed[sid]} (cso · ")
    assert sid not in summary_lines(report)[-1]
    assert report.to_json()["conflicts"][0]["submission_id"] == sid  # scripts keep the id


def test_a_truncated_package_says_its_sizes_as_a_person_reads_them(supervisor_with_data, tmp_path):
    """Seen in the Spanish week: "está incompleto (200000 de 524288 bytes)", bare bytes to
    count digit by digit."""
    supervisor, _, package = supervisor_with_data
    data = package.read_bytes()
    truncated = tmp_path / "truncated.fieldapp"
    truncated.write_bytes(data[: len(data) * 2 // 5])
    error = _refused(supervisor, truncated, "merge.truncated")
    english, spanish = error.text("en"), error.text("es")
    assert re.search(r"\(\d[\d,.]* [KM]B of \d[\d,.]* [KM]B\)", english), english
    assert re.search(r"\(\d[\d,.]* [KM]B de \d[\d,.]* [KM]B\)", spanish), spanish
    assert "bytes" not in english + spanish
