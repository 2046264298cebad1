"""Attacks through the ids a package's rows carry into the names of files written later.

`fieldapp instances` writes each interview to OUT/<form id>/<submission id>.xml. The form
id was cleaned of separators; the submission id was taken as merged. Ids are not part of
what a laptop signs against its own choosing: a laptop running a modified fieldapp (or a
thief with its database) signs rows under any id it likes. Here Ana's enrolled laptop
signs an interview whose id climbs out of the folder; before the rule, the supervisor's
merge took it and `fieldapp instances` then wrote (or replaced) an .xml file anywhere in
her home folder.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_devices import Device
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.export.instances import write_instances
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.records import SubmissionId
from fieldapp.core.store.revisions import insert_signed


class Laptops:
    """Ana's laptop, enrolled at the supervisor's by a first merge, with one interview."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.ana = Device(tmp_path / "ana.db", "ana")
        self.supervisor = Device(tmp_path / "supervisor.db", "sup")
        workbook = write_xlsform(
            tmp_path / "members.xlsx",
            survey=[{"type": "text", "name": "name", "label": "Nombre"}],
            settings={"form_id": "members", "version": "1", "form_title": "members"},
        )
        self.form = self.ana.add_form(workbook.read_bytes(), form_id="members")
        self.sid = self.ana.create(self.form, "Tijuana", {"name": "Colectivo"}, form_id="members")
        merge_database(self.supervisor.store, self.ana.path)

    def interview_under(self, submission_id: str) -> None:
        """Sign, as Ana's laptop, a finalized interview whose id is ``submission_id``."""
        sid = SubmissionId(submission_id)
        with self.ana.store.transaction():
            self.ana._submission(sid, "members", self.form, "Tijuana")
            self.ana._revision(sid, (), "finalized", {"name": "PLANTED"})

    def revision_under(self, revision_id: str) -> None:
        """Sign, as Ana's laptop, a new version of her interview whose id is ``revision_id``."""
        store = self.ana.store
        head = store.interviews.heads(self.sid)[0]
        row = {
            "uuid": revision_id,
            "submission_uuid": self.sid,
            "parents": canonical_json([head.revision_id]),
            "device_id": store.device_id,
            "author": "ana",
            "saved_at": store.now(),
            "state": "draft",
            "answers": canonical_json({"name": "PLANTED"}),
            "sealed": None,
            "attachments": "{}",
            "instance_name": None,
        }
        with store.transaction() as db:
            insert_signed(db.conn, store.device_id, row)

    def merge_refused(self) -> FieldappError:
        """Merge Ana's package: refused for its id, the supervisor's rows unchanged."""
        package = self.tmp_path / f"ana-{uuid.uuid4().hex[:8]}.fieldapp"
        write_package(self.ana.store, package)
        before = _dump(self.supervisor.path)
        with pytest.raises(FieldappError) as caught:
            merge_database(self.supervisor.store, package)
        assert _dump(self.supervisor.path) == before
        return caught.value

    def close(self) -> None:
        self.ana.close()
        self.supervisor.close()


def _dump(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Laptops]:
    made = Laptops(tmp_path)
    yield made
    made.close()


def _climbing_to(folder: Path) -> str:
    """An id that, as ``OUT/<form>/<id>.xml``, names ``folder/planted.xml`` from anywhere."""
    return "/" + "../" * 40 + str(folder / "planted").lstrip("/")


def test_an_interview_id_that_climbs_out_of_the_export_folder_is_refused_by_merge(
    laptops: Laptops, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    laptops.interview_under(_climbing_to(home))
    refused = laptops.merge_refused()
    assert refused.code == "merge.bad_row"
    assert refused.message.params["rule"].code == "rows.bad_id"
    for language, words in (("en", "random UUID"), ("es", "UUID aleatorio")):
        line = refused.text(language)
        assert words in line and "submissions" in line and "\n" not in line
    laptops.supervisor.store.close()
    out = tmp_path / "out"
    result = write_instances(laptops.supervisor.path, out)
    assert [path.parent for path in result.written] == [out / "members"]
    assert list(home.iterdir()) == []


@pytest.mark.parametrize(
    "crafted",
    [
        "../planted",
        "..",
        "a/b",
        "C:\\Users\\sup\\planted",
        "CON",
        "6D7A3C1E-0000-4000-8000-000000000001",  # a UUID, but not as fieldapp writes it
        "6d7a3c1e-0000-4000-8000-000000000001/../../x",
        "6d7a3c1e-0000-4000-8000-00000000000\u0661",  # an Arabic-Indic digit one
    ],
)
def test_any_interview_or_version_id_fieldapp_would_not_make_is_refused(
    laptops: Laptops, crafted: str
) -> None:
    laptops.interview_under(crafted)
    assert laptops.merge_refused().message.params["rule"].code == "rows.bad_id"


def test_a_version_id_that_climbs_out_is_refused_too(laptops: Laptops, tmp_path: Path) -> None:
    laptops.revision_under(_climbing_to(tmp_path))
    refused = laptops.merge_refused()
    assert refused.message.params["rule"].code == "rows.bad_id" and "revisions" in refused.text()


def test_check_lists_such_an_id_already_in_a_database(
    laptops: Laptops, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database an older fieldapp merged it into: `fieldapp check` names the row."""
    crafted = _climbing_to(tmp_path)
    laptops.interview_under(crafted)
    laptops.ana.store.close()
    assert main(["check", "--db", str(laptops.ana.path)]) == 1
    said = capsys.readouterr()
    assert "random UUID" in said.out + said.err and crafted[:30] in said.out + said.err


def test_instances_from_a_database_holding_such_an_id_stay_in_their_folder(
    laptops: Laptops, tmp_path: Path
) -> None:
    """Merged by an older fieldapp, the id is in the database: the files still stay inside."""
    home = tmp_path / "home"
    home.mkdir()
    crafted = _climbing_to(home)
    laptops.interview_under(crafted)
    laptops.ana.store.close()
    out = tmp_path / "out"
    result = write_instances(laptops.ana.path, out)
    assert list(home.iterdir()) == []
    assert len(result.written) == 2
    for written in result.written:
        assert written.resolve().parent == (out / "members").resolve()
    assert any(b"PLANTED" in written.read_bytes() for written in result.written)
