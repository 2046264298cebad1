"""A stolen laptop's key against the listing columns of an interview it relays.

The attacker holds laptop A (its database and signing key) and has merged laptop B's
interview. Rows of ``submissions`` (form, city, interviewer, actor type, the device that
started it) are not signed themselves; B's revisions are. A hands the supervisor a package
whose ``submissions`` row of B's interview names another city and interviewer than the
answers B signed, before B's own package arrives.

What the supervisor saw before merge checked the row against the interview's first
revision: the interview listed, counted in progress, queued for review and exported under
the forged city and interviewer, with B's answers beside them; and B's own package, with
the true row, refused for ever as altered (``merge.tampered``), since rows are
insert-only and the forged one came first. Now the forged row is refused with one message
naming the interview, the device that signed the row and the laptop whose file it is,
and B's package merges: the device that starts an interview signs its row.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum
from study_keys import key_pair as study_key_pair
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.export.from_store import export_workbook
from fieldapp.core.export.run import ExportOptions
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.progress import progress
from fieldapp.core.review_queue import review_queue
from fieldapp.core.store.records import InterviewFilter, SubmissionId

SURVEY = [
    {"type": "text", "name": "city", "label": "Ciudad"},
    {"type": "text", "name": "interviewer", "label": "Entrevistador"},
    {"type": "text", "name": "actor_type", "label": "Actor"},
    {"type": "text", "name": "org", "label": "Organización"},
]
DRAFTS = "cuaderno de campo 2026"


class Field:
    """Laptops A (the attacker's) and B, and the supervisor; B's interview merged into A."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.a = Device(tmp_path / "a.db", "ana")
        self.b = Device(tmp_path / "b.db", "beto")
        self.supervisor = Device(tmp_path / "supervisor.db", "sup")
        workbook = write_xlsform(
            tmp_path / "orgs.xlsx",
            survey=SURVEY,
            settings={"form_id": "orgs", "version": "1", "form_title": "orgs"},
        )
        self.form = self.b.store.forms.add(workbook).sha256
        self.a.store.forms.add(workbook)
        self.sid = self.start(self.b, "tijuana", "beto")
        self.b.store.interviews.finalize(self.sid)
        merge_database(self.a.store, self.b.path)

    def start(self, device: Device, city: str, interviewer: str) -> SubmissionId:
        return device.store.interviews.start(
            self.form,
            interviewer=interviewer,
            city=city,
            actor_type="cso",
            answers={
                "city": city,
                "interviewer": interviewer,
                "actor_type": "cso",
                "org": "Colectivo",
            },
        )

    def package(self, device: Device, name: str) -> Path:
        path = self.tmp_path / f"{name}.fieldapp"
        write_package(device.store, path)
        return path

    def forged(self, sid: str, **columns: str) -> Path:
        """A's package with the ``submissions`` row of ``sid`` rewritten by hand."""
        path = self.package(self.a, "forged")
        with sqlite3.connect(path) as conn:
            conn.execute("DROP TRIGGER IF EXISTS submissions_no_update")
            sets = ", ".join(f"{column} = ?" for column in columns)
            conn.execute(f"UPDATE submissions SET {sets} WHERE uuid = ?", [*columns.values(), sid])
        return path

    def refused(self, source: Path) -> FieldappError:
        """Merge ``source`` at the supervisor: refused, her database unchanged."""
        before = file_checksum(self.supervisor.path)
        with pytest.raises(FieldappError) as caught:
            merge_database(self.supervisor.store, source)
        assert file_checksum(self.supervisor.path) == before
        for language in ("en", "es"):
            said = caught.value.text(language)
            assert str(source) in said and "\n" not in said and "Traceback" not in said
        return caught.value

    def close(self) -> None:
        for device in (self.a, self.b, self.supervisor):
            device.close()


@pytest.fixture
def field(tmp_path: Path) -> Iterator[Field]:
    made = Field(tmp_path)
    yield made
    made.close()


def _seen(field: Field) -> dict[str, object]:
    """What the supervisor's screens and export say of B's interview."""
    store = field.supervisor.store
    listed = store.interviews.page(InterviewFilter(), sort="created_at", descending=False)
    row = next(r for r in listed if r.submission_id == field.sid)
    cells = {(c.city, c.actor_type): c.total for c in progress(store).cells}
    queued = [(r.city, r.interviewer) for r in review_queue(store).rows]
    out = field.tmp_path / "export.zip"
    export_workbook(field.supervisor.path, out, ExportOptions())
    with zipfile.ZipFile(out) as archive:
        name = next(n for n in archive.namelist() if n.startswith("orgs"))
        sheet = list(csv.DictReader(io.TextIOWrapper(archive.open(name), "utf-8-sig")))
    exported = [(r["_city"], r["_interviewer"], r["city"], r["org"]) for r in sheet]
    return {
        "list": (row.city, row.interviewer),
        "progress": cells,
        "queue": queued,
        "export": exported,
    }


def test_a_relayed_interview_s_row_naming_another_city_is_refused(field: Field):
    forged = field.forged(field.sid, city="monterrey", interviewer="ana")
    error = field.refused(forged)
    assert error.code == "merge.listing_forged", error.text("en")
    said = error.text("en")
    assert field.sid in said and "city, interviewer" in said
    assert field.b.store.device_id in said  # the device that signed the row
    assert field.a.store.device_id in said  # the laptop whose file it is
    assert "ciudad, entrevistador" in error.text("es")
    # B's own package still merges, and every screen says what B signed.
    merge_database(field.supervisor.store, field.package(field.b, "b"))
    seen = _seen(field)
    assert seen["list"] == ("tijuana", "beto")
    assert seen["progress"] == {("tijuana", "cso"): 1}
    assert seen["queue"] == [("tijuana", "beto")]
    assert seen["export"] == [("tijuana", "beto", "tijuana", "Colectivo")]


@pytest.mark.parametrize(
    "columns",
    [
        {"interviewer": "ana"},
        {"actor_type": "security"},
        {"form_id": "orgs", "created_at": "2026-01-01T00:00:00.000000+00:00"},
        {"created_on": "a"},
    ],
    ids=["interviewer", "actor_type", "created_at", "created_on"],
)
def test_every_column_of_the_row_is_held_to_its_signature(field: Field, columns):
    if columns.get("created_on") == "a":
        columns = {"created_on": field.a.store.device_id}
    error = field.refused(field.forged(field.sid, **columns))
    assert error.code == "merge.listing_forged", error.text("en")
    assert error.message.params["rule"].code == "rows.listing_unsigned"


def test_a_package_without_the_row_s_signature_is_refused(field: Field):
    """The first version's link follows the row's: dropping the row's breaks B's chain."""
    path = field.forged(field.sid, city="monterrey")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER IF EXISTS signatures_no_delete")
        conn.execute(
            "DELETE FROM signatures WHERE row_table = 'submissions' AND row_uuid = ?", [field.sid]
        )
    error = field.refused(path)
    assert error.code == "merge.unsigned", error.text("en")
    assert field.b.store.device_id in error.text("en")


def test_a_laptop_s_own_interview_changed_after_signing_is_refused(field: Field):
    own = field.start(field.a, "nuevo_laredo", "ana")
    error = field.refused(field.forged(own, city="tijuana"))
    assert error.code == "merge.listing_forged"
    assert own in error.text("en")


def test_a_first_version_signed_by_another_laptop_is_refused(field: Field):
    """A signs a first version of B's interview itself: as one more start of it, or with
    the row re-labelled as started on A (B's signed first version then contradicts it)."""
    from fieldapp.core.store.content import canonical_json
    from fieldapp.core.store.revisions import insert_signed

    store = field.a.store
    row = {
        "uuid": "5e1f0c4e-7a51-4b8e-9c3d-0a1b2c3d4e5f",
        "submission_uuid": field.sid,
        "parents": "[]",
        "device_id": store.device_id,
        "author": "beto",
        "saved_at": store.now(),
        "state": "finalized",
        "answers": canonical_json({"city": "monterrey", "interviewer": "beto"}),
        "sealed": None,
        "attachments": "{}",
        "instance_name": None,
    }
    with store.transaction() as db:
        insert_signed(db.conn, store.device_id, row)
    error = field.refused(field.package(field.a, "second_start"))
    assert error.code == "merge.listing_forged", error.text("en")
    assert error.message.params["rule"].code == "rows.foreign_start"
    assert row["uuid"] in error.text("en")


def test_check_lists_a_forged_row_already_in_a_database(field: Field, capsys):
    """A row put in by hand: ``fieldapp check`` names it and the rule."""
    field.supervisor.close()
    forged = field.forged(field.sid, city="monterrey")
    with sqlite3.connect(field.supervisor.path) as conn:
        conn.execute("ATTACH ? AS f", [str(forged)])
        for table in ("forms", "submissions", "revisions", "signatures"):
            conn.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM f.{table}")
    assert main(["check", "--db", str(field.supervisor.path), "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)["refused"]
    assert [(r["table"], r["key"], r["rule"]) for r in refused] == [
        ("submissions", field.sid, "rows.listing_unsigned")
    ]
    field.supervisor = Device(field.supervisor.path, "sup")


def _legacy(field: Field, device: Device, city: str) -> SubmissionId:
    """An interview as fieldapp wrote it before rows of ``submissions`` were signed."""
    answers = {"city": city, "interviewer": device.name, "actor_type": "cso", "org": "Viejo"}
    sid = device.create(field.form, city, answers, form_id="orgs")
    device.finalize(sid)
    return sid


def test_interviews_written_before_rows_were_signed_still_merge(field: Field):
    old = _legacy(field, field.b, "juarez")
    merge_database(field.a.store, field.b.path)
    merge_database(field.supervisor.store, field.package(field.a, "a"))
    merge_database(field.supervisor.store, field.package(field.b, "b"))
    assert field.supervisor.store.interviews.submission(old).city == "juarez"
    merge_database(field.b.store, field.supervisor.path)  # and back to the laptop


def test_an_old_interview_s_row_is_held_to_the_device_that_signed_its_first_version(
    field: Field,
):
    """Stated limit: an old row's city, interviewer, actor type and form are not signed
    anywhere (for an interview in clear, the list and export read the answers' city and
    interviewer); the device that started it is, by its first version."""
    old = _legacy(field, field.b, "juarez")
    merge_database(field.a.store, field.b.path)
    error = field.refused(field.forged(old, created_on=field.a.store.device_id))
    assert error.message.params["rule"].code == "rows.started_elsewhere"
    merge_database(field.supervisor.store, field.forged(old, actor_type="security"))
    assert field.supervisor.store.interviews.submission(old).actor_type == "security"


def test_a_sealed_interview_s_row_is_checked_without_any_key(field: Field, tmp_path: Path):
    """The progress counts read a sealed interview's city and actor type without a key:
    the signature of the row vouches for them, no key needed."""
    pair = study_key_pair()
    workbook = write_xlsform(
        tmp_path / "sealed.xlsx",
        survey=SURVEY,
        settings={"form_id": "sealed", "version": "1", "public_key": pair.public_key},
    )
    b = field.b.store
    b.keys.unlock_drafts(DRAFTS)
    sha = b.forms.add(workbook).sha256
    answers = {"city": "tijuana", "interviewer": "beto", "actor_type": "cso", "org": "C"}
    sealed = b.interviews.start(
        sha, interviewer="beto", city="tijuana", actor_type="cso", answers=answers
    )
    b.interviews.finalize(sealed)
    merge_database(field.a.store, field.b.path)
    for columns in ({"city": "monterrey"}, {"created_on": field.a.store.device_id}):
        error = field.refused(field.forged(sealed, **columns))
        assert error.code == "merge.listing_forged"
    merge_database(field.supervisor.store, field.package(field.a, "a"))
    cells = {(c.city, c.actor_type): c.total for c in progress(field.supervisor.store).cells}
    assert cells == {("tijuana", "cso"): 2}
