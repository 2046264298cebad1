"""A hostile or compromised laptop's package, tried against the supervisor: each is refused.

Every attack is a package an attacker with one laptop (and the store's own, public hash
function) can write. Each test shows the one-line refusal, naming the source, and that
every table of the supervisor's database is exactly as before (``file_checksum`` hashes
the dump of every table, local ones included).
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from merge_devices import (
    SEALED_FORM,
    SURVEY,
    Device,
    file_checksum,
    sealed_form_bytes,
    study_key_pair,
)
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto, merge
from fieldapp.core.form_add import held_form_list, startable_forms
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.progress import targets as progress_targets
from fieldapp.core.store import Store, signing
from fieldapp.core.store.content import canonical_json, form_sha256, revision_content_sha256


@pytest.fixture
def study(tmp_path: Path) -> Iterator[tuple[Device, Device, Path]]:
    """A supervisor holding Ana's sealed and unsealed interviews, and a package of Ana's."""
    ana = Device(tmp_path / "ana.db", "ana")
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    form = ana.add_form()
    sid = ana.create(form, "Tijuana", {"name": "Colectivo", "years": 4})
    ana.seal(sid, b"nombres y lugares")
    merge_database(supervisor.store, ana.path)
    package = tmp_path / "ana.fieldapp"
    write_package(ana.store, package)
    yield supervisor, ana, package
    ana.close()
    supervisor.close()


def _refused(supervisor: Device, source: Path, code: str, **kwargs: Any) -> FieldappError:
    before = file_checksum(supervisor.path)
    with pytest.raises(FieldappError) as error:
        merge_database(supervisor.store, source, **kwargs)
    assert error.value.code == code, error.value.text("en")
    for language in ("en", "es"):
        message = error.value.text(language)
        assert str(source) in message and "Traceback" not in message
        assert "\n" not in message
    assert file_checksum(supervisor.path) == before
    return error.value


def _forged(
    package: Path,
    tmp_path: Path,
    *statements: str,
    rehash: bool = True,
    signed_by: Path | None = None,
) -> Path:
    """Return a copy of ``package`` changed by ``statements``.

    With ``rehash`` every revision hash is recomputed (the hash is public); with
    ``signed_by`` (a laptop's database, its key included: a stolen or compromised laptop)
    every row of that laptop whose signature no longer fits is signed again with its key,
    and events a statement wrote for device 'd' are made that laptop's.
    """
    copy = tmp_path / f"forged-{len(list(tmp_path.iterdir()))}.fieldapp"
    copy.write_bytes(package.read_bytes())
    conn = sqlite3.connect(copy)
    conn.row_factory = sqlite3.Row
    for table in ("forms", "form_files", "submissions", "revisions", "events", "signatures"):
        for action in ("update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    for statement in statements:
        conn.execute(statement)
    if rehash:
        for row in conn.execute("SELECT * FROM revisions").fetchall():
            conn.execute(
                "UPDATE revisions SET content_sha256 = ? WHERE uuid = ?",
                [revision_content_sha256(dict(row)), row["uuid"]],
            )
    if signed_by is not None:
        _sign_again(conn, signed_by)
    conn.commit()
    conn.close()
    return copy


def _sign_again(conn: sqlite3.Connection, laptop: Path) -> None:
    with sqlite3.connect(laptop) as source:
        key = source.execute("SELECT device_id, private_key, public_key FROM signing_key")
        device_id, private_key, public_key = key.fetchone()
    conn.execute("UPDATE events SET device_id = ? WHERE device_id = 'd'", [device_id])
    stale = [
        ("revisions", row[0], row[1])
        for row in conn.execute(
            "SELECT r.uuid, r.content_sha256 FROM revisions AS r LEFT JOIN signatures AS g "
            "ON g.row_table = 'revisions' AND g.row_uuid = r.uuid "
            "WHERE r.device_id = ? AND g.row_hash IS NOT r.content_sha256",
            [device_id],
        )
    ]
    columns = ", ".join(signing.EVENT_HASHED_COLUMNS)
    for row in conn.execute(f"SELECT {columns} FROM events WHERE device_id = ?", [device_id]):
        digest = signing.event_content_sha256(dict(row))
        link = conn.execute(
            "SELECT row_hash FROM signatures WHERE row_table = 'events' AND row_uuid = ?",
            [row["uuid"]],
        ).fetchone()
        if link is None or link[0] != digest:
            stale.append(("events", row["uuid"], digest))
    for table, uuid, _ in stale:
        conn.execute("DELETE FROM signatures WHERE row_table = ? AND row_uuid = ?", [table, uuid])
    conn.execute("INSERT INTO signing_key VALUES (?, ?, ?)", [device_id, private_key, public_key])
    signing.sign_rows(conn, device_id, stale)
    conn.execute("DELETE FROM signing_key")


def _new_work(ana: Device, tmp_path: Path) -> tuple[Path, str]:
    """Ana's package after one more interview; return it and the new revision's id."""
    sid = ana.create(ana.add_form(), "Monterrey", {"name": "Red vecinal"})
    package = tmp_path / f"ana-{sid[:8]}.fieldapp"
    write_package(ana.store, package)
    return package, ana.store.interviews.heads(sid)[0].revision_id


# --- a package switches sealing off ----------------------------------------------------------


def _form_without_key(
    tmp_path: Path, public_key: str | None = None, version: str = "2025010101"
) -> bytes:
    settings = {"form_id": SEALED_FORM, "version": version, "form_title": SEALED_FORM}
    if public_key:
        settings["public_key"] = public_key
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        return write_xlsform(Path(folder) / "f.xlsx", survey=SURVEY, settings=settings).read_bytes()


def test_a_copy_of_a_sealed_form_without_its_key_dated_2999_is_refused(study, tmp_path):
    supervisor, _, package = study
    clear = _form_without_key(tmp_path)
    sha = form_sha256(clear, {})
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        f"VALUES ('{sha}', '{SEALED_FORM}', '2025010101', '{SEALED_FORM}', 'f.xlsx', "
        f"X'{clear.hex()}', '2999-01-01T00:00:00+00:00')",
    )
    error = _refused(supervisor, forged, "merge.form_key_changed")
    assert SEALED_FORM in error.text("en") and "in clear" in error.text("en")
    # The form a new interview uses is still the sealed one.
    newest = next(r for r in supervisor.store.forms.records() if r.form_id == SEALED_FORM)
    assert supervisor.store.forms.load(newest.sha256).public_key == study_key_pair().public_key


def test_a_form_sealed_for_another_key_is_refused(study, tmp_path):
    supervisor, _, package = study
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    content = _form_without_key(tmp_path, other.public_key)
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        f"VALUES ('{form_sha256(content, {})}', '{SEALED_FORM}', '2025010101', "
        f"'{SEALED_FORM}', 'f.xlsx', X'{content.hex()}', '2025-01-01')",
    )
    error = _refused(supervisor, forged, "merge.form_key_changed")
    assert other.fingerprint in error.text("en")


def _with_form(package: Path, tmp_path: Path, content: bytes, version: str) -> Path:
    """Return ``package`` forged to bring ``content`` as ``SEALED_FORM`` version ``version``."""
    return _forged(
        package,
        tmp_path,
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        f"VALUES ('{form_sha256(content, {})}', '{SEALED_FORM}', '{version}', "
        f"'{SEALED_FORM}', 'f.xlsx', X'{content.hex()}', '2999-01-01T00:00:00+00:00')",
    )


@pytest.mark.parametrize(
    ("version", "merged"),
    [("2099010101", False), ("2024010101", True)],
    ids=["numbered newer: refused", "numbered older: retired"],
)
def test_a_version_in_clear_of_a_sealed_form_never_starts_an_interview(
    study, tmp_path, version, merged, monkeypatch, capsys
):
    """The edge of key pinning: a version in clear numbered newer than the sealed one would
    be the one New interview starts on, so it is refused; one numbered older merges (a
    laptop's bundled version, once the study sealed the form) but is retired: neither New
    interview nor ``fieldapp submit`` starts an interview on it, and the sealed version
    stays the one new interviews use."""
    supervisor, _, package = study
    store = supervisor.store
    (sealed,) = [r.sha256 for r in store.forms.records() if r.form_id == SEALED_FORM]
    clear = _form_without_key(tmp_path, version=version)
    forged = _with_form(package, tmp_path, clear, version)
    if merged:
        merge_database(store, forged)
    else:
        error = _refused(supervisor, forged, "merge.form_key_changed")
        assert version in error.text("en") and "in clear" in error.text("en")
    held = {h.record.sha256: h for h in held_form_list(store) if h.record.form_id == SEALED_FORM}
    assert set(held) == ({sealed, form_sha256(clear, {})} if merged else {sealed})
    assert [sha for sha, h in held.items() if h.used_for_new] == [sealed]
    assert all(h.retired for sha, h in held.items() if sha != sealed)
    offered = [r.sha256 for r in startable_forms(store) if r.form_id == SEALED_FORM]
    assert offered == [sealed], "New interview offers the sealed version alone"

    # The forged workbook named to `fieldapp submit`: refused, nothing stored.
    workbook = tmp_path / "forged.xlsx"
    workbook.write_bytes(clear)
    answers = tmp_path / "answers.json"
    answers.write_text('{"name": "Colectivo"}', encoding="utf-8")
    monkeypatch.setenv("FIELDAPP_DRAFT_PASSPHRASE", "cuaderno de campo 2026")
    before = file_checksum(supervisor.path)
    capsys.readouterr()
    argv = ["submit", "--db", str(supervisor.path), "--form", str(workbook)]
    assert main([*argv, "--answers", str(answers)]) == 1
    said = capsys.readouterr().err
    assert ("keeps interviews in clear" if merged else "has no study key") in said, said
    assert file_checksum(supervisor.path) == before


def test_an_older_version_sealed_for_another_key_is_refused(study, tmp_path):
    """New interview offers a sealed form's older sealed versions: one sealed for a key of
    the package's own would seal the next interviews for whoever holds it."""
    supervisor, _, package = study
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    content = _form_without_key(tmp_path, other.public_key, version="2024010101")
    error = _refused(
        supervisor, _with_form(package, tmp_path, content, "2024010101"), "merge.form_key_changed"
    )
    assert other.fingerprint in error.text("en")


@pytest.mark.parametrize(
    ("settings", "why"),
    [
        # The workbook is another form, in clear: key pinning read its id ("fake", held
        # nowhere), New interview the row's, so the sealed form's next interviews started
        # on this version, in clear.
        ({"form_id": "fake", "version": "2099010101"}, "another form"),
        # The sealed form, an older version under a newer row version: the row's version
        # decides which one New interview starts on.
        (
            {
                "form_id": SEALED_FORM,
                "version": "2024010101",
                "public_key": study_key_pair().public_key,
            },
            "another version",
        ),
    ],
)
def test_a_form_row_naming_another_form_or_version_than_its_workbook_is_refused(
    study, tmp_path, settings, why, capsys
):
    supervisor, _, package = study
    path = write_xlsform(tmp_path / "f.xlsx", survey=SURVEY, settings=settings)
    content = path.read_bytes()
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        f"VALUES ('{form_sha256(content, {})}', '{SEALED_FORM}', '2099010101', "
        f"'{SEALED_FORM}', 'f.xlsx', X'{content.hex()}', '2025-01-01')",
    )
    error = _refused(supervisor, forged, "merge.bad_row")
    assert error.message.params["rule"].code == "rows.form_row_mismatch", why
    for language, words in (("en", "its workbook"), ("es", "su libro")):
        assert words in error.text(language) and SEALED_FORM in error.text(language)
    assert main(["check", "--db", str(forged)]) == 1  # what the refusal says to run
    said = capsys.readouterr()
    assert "its workbook" in said.out + said.err


@pytest.mark.parametrize(
    ("title", "spelled", "why"),
    [
        # The form list and New interview show the row's title: the researcher picks the
        # security forces' instrument believing it the civil society one.
        ("civil society", "civil society", "another form's title"),
        # Shown in a message, a forged title keeps to one line and reads as it is.
        (
            "civil society\u202e\nsecurity",
            "civil society\\u202e\\nsecurity",
            "a title with a bidi override and a line feed",
        ),
    ],
)
def test_a_form_row_titled_otherwise_than_its_workbook_is_refused(
    study, tmp_path, title, spelled, why, capsys
):
    supervisor, _, package = study
    settings = {"form_id": "security_forces", "version": "2025010101", "form_title": "security"}
    content = write_xlsform(tmp_path / "f.xlsx", survey=SURVEY, settings=settings).read_bytes()
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        f"VALUES ('{form_sha256(content, {})}', 'security_forces', '2025010101', "
        f"'{title}', 'f.xlsx', X'{content.hex()}', '2025-01-01')",
    )
    error = _refused(supervisor, forged, "merge.bad_row")
    assert error.message.params["rule"].code == "rows.form_title_mismatch", why
    for language, words in (("en", "its workbook gives another title"), ("es", "su libro")):
        said = error.text(language)
        assert words in said and f'"{spelled}"' in said, why
    assert main(["check", "--db", str(forged)]) == 1  # what the refusal says to run
    said = capsys.readouterr()
    assert "its workbook gives another title" in said.out + said.err, why


def test_a_workbook_without_a_title_keeps_its_file_names_in_every_database(tmp_path):
    """pyxform names and titles a workbook without ``form_id`` after its file name, and a
    form version is one by its content: two laptops add it under two names, and a database
    that compiled it under one still takes the other's row."""
    settings = {"version": "2025010101"}  # no form_id either: pyxform titles it by its id
    first = write_xlsform(tmp_path / "cso.xlsx", survey=SURVEY, settings=settings)
    second = tmp_path / "downloads" / "cso_1.xlsx"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    ana, ben = Device(tmp_path / "ana.db", "ana"), Device(tmp_path / "ben.db", "ben")
    assert ben.store.forms.add(second).title == "cso_1"
    assert ana.store.forms.add(first).title == "cso"  # compiled last, in this process
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, ben.path)  # the form compiled as ana's is ben's too
    assert [r.title for r in supervisor.store.forms.records()] == ["cso_1"]
    assert main(["check", "--db", str(supervisor.path)]) == 0
    for device in (ana, ben, supervisor):
        device.close()


def test_the_newest_form_version_is_chosen_by_its_version_not_a_devices_clock(tmp_path):
    laptop = Device(tmp_path / "laptop.db", "ana")
    later = laptop.store.forms.add(_written(tmp_path, "2025020101")).sha256
    earlier = form_sha256(form_bytes_version(tmp_path, "2025010101"), {})
    # An older version, added (by a clock far ahead) after the newer one.
    laptop.store.db.conn.execute(
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        "VALUES (?, 'civil_society', '2025010101', 'old', 'f.xlsx', ?, '2999-01-01')",
        [earlier, form_bytes_version(tmp_path, "2025010101")],
    )
    records = [r for r in laptop.store.forms.records() if r.form_id == "civil_society"]
    assert [r.sha256 for r in records] == [later, earlier]
    laptop.close()


def form_bytes_version(tmp_path: Path, version: str) -> bytes:
    return _written(tmp_path, version).read_bytes()


def _written(tmp_path: Path, version: str) -> Path:
    settings = {"form_id": "civil_society", "version": version, "form_title": "civil society"}
    path = tmp_path / f"civil_society-{version}.xlsx"
    if not path.exists():
        write_xlsform(path, survey=SURVEY, settings=settings)
    return path


def test_every_new_form_version_is_listed_in_the_summary_and_json(tmp_path):
    laptop = Device(tmp_path / "laptop.db", "ana")
    laptop.add_form(sealed_form_bytes(), form_id=SEALED_FORM)
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    report = merge_database(supervisor.store, laptop.path)
    assert [(f.form_id, f.version) for f in report.new_forms] == [(SEALED_FORM, "2025010101")]
    assert report.to_json()["forms"][0]["sealed_for"] == study_key_pair().fingerprint
    lines = summary_lines(report, "en")
    assert any(SEALED_FORM in line and study_key_pair().fingerprint in line for line in lines)
    assert any(SEALED_FORM in line for line in summary_lines(report, "es"))
    laptop.close()
    supervisor.close()


def test_a_form_that_does_not_load_is_refused(study, tmp_path):
    supervisor, _, package = study
    junk = b"PK\x03\x04 not really a workbook"
    sid = "6d7a3c1e-0000-4000-8000-000000000001"
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        f"VALUES ('{form_sha256(junk, {})}', 'junk', '1', 'junk', 'junk.xlsx', "
        f"X'{junk.hex()}', '2025-01-01')",
        "INSERT INTO submissions VALUES "
        f"('{sid}', 'junk', '{form_sha256(junk, {})}', '2025-01-01T00:00:00+00:00', 'd', "
        "'ana', 'Tijuana', 'civil_society')",
    )
    assert "junk" in _refused(supervisor, forged, "merge.bad_row").text("en")


# --- forged and malformed rows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "rule"),
    [
        ("{not json", "not a set of named answers"),
        ("[1,2,3]", "not a set of named answers"),
        ('{"nombre_falso":"x"}', "nombre_falso"),
        ('{"years":"cuatro"}', "years"),
        ('{"name":["a"]}', "name"),
        ('{"years":NaN}', "not a set of named answers"),
    ],
)
def test_answers_that_are_not_the_forms_are_refused(study, tmp_path, answers, rule):
    supervisor, ana, _ = study
    package, revision = _new_work(ana, tmp_path)
    forged = _forged(
        package,
        tmp_path,
        f"UPDATE revisions SET answers = '{answers}' WHERE uuid = '{revision}'",
        signed_by=ana.path,
    )
    error = _refused(supervisor, forged, "merge.bad_row")
    assert revision in error.text("en") and rule in error.text("en")


def test_a_junk_sealed_record_with_the_right_fingerprint_is_refused(study, tmp_path):
    supervisor, ana, _ = study
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "x"})
    revision = ana.seal(sid, b"real")
    package = tmp_path / "sealed.fieldapp"
    write_package(ana.store, package)
    header = crypto.SEAL_MAGIC + bytes.fromhex(study_key_pair().fingerprint)
    forged = _forged(
        package,
        tmp_path,
        f"UPDATE revisions SET sealed = X'{(header + b'junk').hex()}' WHERE uuid = '{revision}'",
        signed_by=ana.path,
    )
    assert revision in _refused(supervisor, forged, "merge.bad_row").text("en")
    in_clear = _forged(
        package,
        tmp_path,
        'UPDATE revisions SET sealed = NULL, answers = \'{"name":"en claro"}\' '
        f"WHERE uuid = '{revision}'",
        signed_by=ana.path,
    )
    assert revision in _refused(supervisor, in_clear, "merge.bad_row").text("en")


def test_a_target_that_is_not_a_number_or_dated_2099_is_refused(study, tmp_path):
    # A laptop's own key signs these: only the shape of the rows refuses them.
    supervisor, ana, package = study
    event = (
        "INSERT INTO events VALUES ('e0000000-0000-4000-8000-000000000001', '', NULL, "
        "'target', 'mallory', 'd', '{at}', '{payload}')"
    )
    lots = _forged(
        package,
        tmp_path,
        event.format(at="2025-03-01T00:00:00+00:00", payload='{"target": "lots"}'),
        signed_by=ana.path,
    )
    _refused(supervisor, lots, "merge.bad_row")
    future = _forged(
        package,
        tmp_path,
        event.format(
            at="2099-01-01T00:00:00+00:00",
            payload=canonical_json({"city": "Tijuana", "actor_type": "civil_society", "target": 1}),
        ),
        signed_by=ana.path,
    )
    assert "2099" in _refused(supervisor, future, "merge.bad_row").text("en")
    unknown = _forged(
        package,
        tmp_path,
        "INSERT INTO events VALUES ('e0000000-0000-4000-8000-000000000002', '', NULL, "
        "'delete_everything', 'mallory', 'd', '2025-03-01T00:00:00+00:00', '{}')",
        signed_by=ana.path,
    )
    assert "delete_everything" in _refused(supervisor, unknown, "merge.bad_row").text("en")


def test_a_revision_dated_far_in_the_future_or_with_no_date_is_refused(study, tmp_path):
    supervisor, ana, _ = study
    package, revision = _new_work(ana, tmp_path)
    for saved_at in ("2099-01-01T00:00:00+00:00", "ayer", ""):
        forged = _forged(
            package,
            tmp_path,
            f"UPDATE revisions SET saved_at = '{saved_at}' WHERE uuid = '{revision}'",
            signed_by=ana.path,
        )
        assert revision in _refused(supervisor, forged, "merge.bad_row").text("en")


def test_a_row_with_our_id_and_hash_but_other_content_is_refused(study, tmp_path):
    supervisor, _, package = study
    (held,) = [
        row[0]
        for row in supervisor.store.db.conn.execute(
            "SELECT uuid FROM revisions WHERE answers IS NOT NULL"
        )
    ]
    forged = _forged(
        package,
        tmp_path,
        f"UPDATE revisions SET answers = '{{\"name\":\"otro\"}}' WHERE uuid = '{held}'",
        rehash=False,
    )
    error = _refused(supervisor, forged, "merge.same_hash_differs")
    assert held in error.text("en")


# --- a source built to hang the merge --------------------------------------------------------

ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT * FROM revisions_real, n"
)


def test_a_view_over_an_endless_query_is_refused_at_once(study, tmp_path):
    supervisor, _, package = study
    forged = _forged(
        package,
        tmp_path,
        "ALTER TABLE revisions RENAME TO revisions_real",
        f"CREATE VIEW revisions AS {ENDLESS}",
        rehash=False,
    )
    started = time.monotonic()
    error = _refused(supervisor, forged, "merge.foreign_object")
    assert time.monotonic() - started < 10
    assert "revisions" in error.text("en")


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE VIEW extra AS SELECT 1",
        "CREATE TRIGGER sneaky AFTER INSERT ON meta BEGIN SELECT 1; END",
        "CREATE VIRTUAL TABLE notes USING fts5(body)",
        "ALTER TABLE events ADD COLUMN big BLOB GENERATED ALWAYS AS (zeroblob(2000000000))",
    ],
)
def test_views_virtual_tables_and_foreign_triggers_are_refused(study, tmp_path, statement):
    supervisor, _, package = study
    _refused(supervisor, _forged(package, tmp_path, statement), "merge.foreign_object")


@pytest.mark.parametrize("gap", ["/**/", "\n", " -- x\n "])
def test_a_virtual_table_written_with_a_comment_after_create_is_refused_as_well(
    study, tmp_path, gap
):
    """(attack2) SQLite writes ``CREATE VIRTUAL TABLE``, and only that was looked for; a
    file written by hand (``writable_schema``) may hold ``CREATE/**/VIRTUAL TABLE``,
    which SQLite loads as a virtual table all the same. Merge and a read-only opening
    (``devices list --db``) took it as a table."""
    supervisor, _, package = study
    forged = _forged(
        package,
        tmp_path,
        "CREATE VIRTUAL TABLE notes USING fts5(body)",
        "PRAGMA writable_schema = ON",
        f"UPDATE sqlite_master SET sql = replace(sql, 'CREATE VIRTUAL', 'CREATE{gap}VIRTUAL') "
        "WHERE name = 'notes'",
    )
    error = _refused(supervisor, forged, "merge.foreign_object")
    assert "virtual table" in error.text("en")
    with pytest.raises(FieldappError) as reading:
        Store.open_to_read(forged)
    assert reading.value.code == "store.foreign_object"
    assert "notes" in reading.value.text("en")


def test_cancel_and_the_time_bound_stop_a_merge_from_its_first_statement(
    study, tmp_path, monkeypatch
):
    supervisor, ana, _ = study
    package, _ = _new_work(ana, tmp_path)
    # Cancel answered from the very first poll: nothing at all is read or written.
    _refused(supervisor, package, "merge.cancelled", cancel=lambda: True)
    with monkeypatch.context() as patch:
        patch.setattr(merge, "SOURCE_TIME_LIMIT", 0.0)
        error = _refused(supervisor, package, "merge.too_slow")
    assert "0" in error.text("en")
    assert merge_database(supervisor.store, package).interviews == 1


# --- forged authorship: every row is signed by the device it names ----------------------------


def _one_key(path: Path) -> tuple[str, str]:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT device_id, public_key FROM signing_key").fetchone()
    return str(row[0]), str(row[1])


def test_a_package_never_carries_the_private_signing_key(study):
    _, _, package = study
    with sqlite3.connect(package) as conn:
        assert conn.execute("SELECT count(*) FROM signing_key").fetchone() == (0,)
        # ...but every row it holds carries its link.
        unsigned = conn.execute(
            "SELECT count(*) FROM revisions AS r LEFT JOIN signatures AS g "
            "ON g.row_table = 'revisions' AND g.row_uuid = r.uuid WHERE g.row_uuid IS NULL"
        ).fetchone()
    assert unsigned == (0,)


def test_an_edited_author_or_a_forged_device_is_refused(study, tmp_path):
    supervisor, ana, _ = study
    package, revision = _new_work(ana, tmp_path)
    for change in ("author = 'la supervisora'", "device_id = 'otro-dispositivo'"):
        forged = _forged(
            package, tmp_path, f"UPDATE revisions SET {change} WHERE uuid = '{revision}'"
        )
        assert revision in _refused(supervisor, forged, "merge.unsigned").text("en")


def test_a_row_without_its_signature_is_refused(study, tmp_path):
    supervisor, ana, _ = study
    package, revision = _new_work(ana, tmp_path)
    forged = _forged(package, tmp_path, f"DELETE FROM signatures WHERE row_uuid = '{revision}'")
    assert revision in _refused(supervisor, forged, "merge.unsigned_of_signer").text("en")


def test_a_signature_that_does_not_verify_is_refused(study, tmp_path):
    supervisor, ana, _ = study
    package, revision = _new_work(ana, tmp_path)
    forged = _forged(
        package,
        tmp_path,
        "UPDATE signatures SET signature = substr(signature, 1, 10) || "
        "CASE substr(signature, 11, 1) WHEN '0' THEN '1' ELSE '0' END || substr(signature, 12) "
        f"WHERE row_uuid = '{revision}'",
    )
    assert revision in _refused(supervisor, forged, "merge.bad_signature").text("en")


def test_another_laptop_posing_as_an_enrolled_one_is_refused(study, tmp_path):
    supervisor, ana, _ = study
    package, revision = _new_work(ana, tmp_path)
    device_id, _ = _one_key(ana.path)
    # Mallory's laptop, with its own key, claiming Ana's device id for all her rows.
    mallory = Device(tmp_path / "mallory.db", "mallory")
    mallory.close()
    with sqlite3.connect(mallory.path) as conn:
        conn.execute("UPDATE signing_key SET device_id = ?", [device_id])
    forged = _forged(
        package,
        tmp_path,
        f"DELETE FROM signatures WHERE row_uuid = '{revision}'",
        signed_by=mallory.path,
    )
    error = _refused(supervisor, forged, "merge.device_key_changed")
    assert device_id in error.text("en")


def test_a_laptops_rows_relayed_by_another_keep_their_signature(study, tmp_path):
    supervisor, ana, _ = study
    beto = Device(tmp_path / "beto.db", "beto")
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "Relevo"})
    report = merge_database(beto.store, ana.path)
    assert report.new_devices[0].device_id == _one_key(ana.path)[0]
    merge_database(supervisor.store, beto.path)  # Ana's new rows, by way of Beto
    assert supervisor.store.interviews.heads(sid)[0].author == "ana"
    assert merge_database(supervisor.store, ana.path).nothing_new
    beto.close()


def test_the_first_merge_of_a_device_enrols_it_and_shows_its_key(tmp_path):
    laptop = Device(tmp_path / "laptop.db", "ana")
    laptop.create(laptop.add_form(), "Tijuana", {"name": "x"})
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    report = merge_database(supervisor.store, laptop.path)
    device_id, public_key = _one_key(laptop.path)
    assert [(d.device_id, d.fingerprint) for d in report.new_devices] == [
        (device_id, signing.fingerprint(public_key))
    ]
    assert report.to_json()["new_devices"][0]["fingerprint"] == signing.fingerprint(public_key)
    assert any(signing.fingerprint(public_key) in line for line in summary_lines(report, "es"))
    laptop.create(laptop.add_form(), "Tijuana", {"name": "y"})
    assert merge_database(supervisor.store, laptop.path).new_devices == ()
    laptop.close()
    supervisor.close()


def test_a_target_signed_with_a_counter_no_device_could_reach_is_refused(study, tmp_path):
    # A laptop's own key signs a target placed at order 10^9, to beat every later target.
    supervisor, ana, package = study
    event_id = "e0000000-0000-4000-8000-000000000003"
    payload = canonical_json({"city": "Tijuana", "actor_type": "civil_society", "target": 1})
    forged = _forged(
        package,
        tmp_path,
        f"INSERT INTO events VALUES ('{event_id}', '', NULL, 'target', 'ana', 'd', "
        f"'2025-03-01T00:00:00+00:00', '{payload}')",
        signed_by=ana.path,
    )
    with sqlite3.connect(ana.path) as conn:
        (private,) = conn.execute("SELECT private_key FROM signing_key").fetchone()
    key = Ed25519PrivateKey.from_private_bytes(private)
    with sqlite3.connect(forged) as conn:
        conn.row_factory = sqlite3.Row
        link = dict(
            conn.execute("SELECT * FROM signatures WHERE row_uuid = ?", [event_id]).fetchone()
        )
        link["counter"] = 10**9
        link["digest"] = signing.link_digest(link)
        link["signature"] = key.sign(bytes.fromhex(link["digest"])).hex()
        conn.execute(
            "UPDATE signatures SET counter = ?, digest = ?, signature = ? WHERE row_uuid = ?",
            [link["counter"], link["digest"], link["signature"], event_id],
        )
    error = _refused(supervisor, forged, "merge.counter_jump")
    assert event_id in error.text("en")


def test_rows_an_older_fieldapp_wrote_still_travel_until_their_laptop_is_enrolled(tmp_path):
    # Beto's rows from before signing (no links), relayed by Ana, reach the supervisor; once
    # Beto's own signed package has been merged, an unsigned row naming him is refused.
    ana, beto = Device(tmp_path / "ana.db", "ana"), Device(tmp_path / "beto.db", "beto")
    supervisor = Device(tmp_path / "sup.db", "sup")
    old = beto.create(beto.add_form(), "Tijuana", {"name": "de antes"})
    merge_database(ana.store, beto.path)
    _unsign(ana, "device_id = ?", beto.store.device_id)
    assert merge_database(supervisor.store, ana.path).interviews == 1
    assert supervisor.store.interviews.heads(old)[0].author == "beto"
    merge_database(supervisor.store, beto.path)  # Beto, signed: now enrolled
    later = beto.create(beto.add_form(), "Tijuana", {"name": "nueva"})
    merge_database(ana.store, beto.path)
    _unsign(ana, "row_uuid IN (SELECT uuid FROM revisions WHERE submission_uuid = ?)", later)
    _refused(supervisor, ana.path, "merge.unsigned_of_signer")
    for device in (ana, beto, supervisor):
        device.close()


def _unsign(device: Device, where: str, value: str) -> None:
    """Remove links as if an older fieldapp had written (or relayed) the rows."""
    conn = device.store.db.conn
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'signatures_no_delete'"
    ).fetchone()
    conn.execute("DROP TRIGGER signatures_no_delete")
    conn.execute(f"DELETE FROM signatures WHERE {where}", [value])
    conn.execute(sql)
    conn.commit()


def test_a_form_whose_public_key_does_not_load_is_refused(tmp_path):
    laptop = Device(tmp_path / "laptop.db", "ana")
    content = _form_without_key(tmp_path, "bm90IGEga2V5")  # base64 of 'not a key'
    laptop.store.db.conn.execute(
        "INSERT INTO forms (sha256, form_id, version, title, filename, content, added_at) "
        "VALUES (?, 'civil_society_sealed', '1', 't', 'f.xlsx', ?, '2025-01-01')",
        [form_sha256(content, {}), content],
    )
    laptop.store.db.conn.commit()
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    assert "cannot be loaded" in _refused(supervisor, laptop.path, "merge.bad_row").text("en")
    laptop.close()
    supervisor.close()


@pytest.mark.parametrize(
    ("statements", "code"),
    [
        # the migration record says complete, the schema is not: refused, not half-read
        (["DROP TABLE signatures"], "merge.incompatible_schema"),
        # the record hides a migration, so reading would need an upgrade, which it may not do
        (
            ["DELETE FROM _sqlite_migrations WHERE name = 'm014_device_signatures'"],
            "store.older_schema_readonly",
        ),
        (
            ["UPDATE _sqlite_migrations SET name = zeroblob(10) WHERE name = 'm001_initial'"],
            "store.older_schema_readonly",
        ),
        (
            ["DROP TABLE _sqlite_migrations", "CREATE TABLE _sqlite_migrations (x)"],
            "merge.unreadable",
        ),
        (["UPDATE meta SET value = '999' WHERE key = 'schema_version'"], "merge.newer_schema"),
    ],
)
def test_a_package_lying_about_its_migrations_is_refused_and_changes_nothing(
    study, tmp_path, statements, code
):
    # The store reads the migration record itself now (no sqlite-utils): a forged record
    # must be refused with one clear line, never trusted into a half-read merge.
    supervisor, _, package = study
    _refused(supervisor, _forged(package, tmp_path, *statements, rehash=False), code)


@pytest.mark.parametrize(
    "target",
    [
        '"12"',
        "12.0",
        "1e400",
        "true",
        "false",
        "[12]",
        '{"n": 12}',
        "-1",
        "-99999999999999999999",
        "99999999999999999999",
        "9223372036854775808",
    ],
)
def test_a_target_of_another_json_type_or_out_of_range_is_refused(study, tmp_path, target):
    # Null clears a target since today: a forged package tries every other JSON value.
    supervisor, ana, package = study
    payload = f'{{"actor_type": "civil_society", "city": "Tijuana", "target": {target}}}'
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO events VALUES ('e0000000-0000-4000-8000-000000000004', '', NULL, "
        f"'target', 'ana', 'd', '2025-03-01T00:00:00+00:00', '{payload}')",
        signed_by=ana.path,
    )
    assert "target" in _refused(supervisor, forged, "merge.bad_row").text("en")


def test_a_target_of_null_or_the_largest_number_merges(study, tmp_path):
    # The refusals above are for the values, not for any forged target.
    supervisor, ana, package = study
    for number, target in enumerate(["9223372036854775807", "null"], start=5):
        payload = f'{{"actor_type": "civil_society", "city": "Tijuana", "target": {target}}}'
        forged = _forged(
            package,
            tmp_path,
            f"INSERT INTO events VALUES ('e0000000-0000-4000-8000-00000000000{number}', '', "
            f"NULL, 'target', 'ana', 'd', '2025-03-0{number}T00:00:00+00:00', '{payload}')",
            signed_by=ana.path,
        )
        merge_database(supervisor.store, forged)
        found = progress_targets(supervisor.store)
        assert found == ({} if target == "null" else {("Tijuana", "civil_society"): 2**63 - 1})


@pytest.mark.parametrize("author", ["", "   "])
def test_a_conflict_resolution_signed_by_nobody_is_refused(study, tmp_path, author):
    # resolve_conflict refuses an empty author; a forged package's resolution must too.
    supervisor, ana, package = study
    payload = '{"choices": {}, "heads": []}'
    forged = _forged(
        package,
        tmp_path,
        "INSERT INTO events VALUES ('e0000000-0000-4000-8000-000000000007', "
        "(SELECT uuid FROM submissions LIMIT 1), NULL, 'conflict_resolved', "
        f"'{author}', 'd', '2025-03-01T00:00:00+00:00', '{payload}')",
        signed_by=ana.path,
    )
    assert "without naming who chose" in _refused(supervisor, forged, "merge.bad_row").text("en")
