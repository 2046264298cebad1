"""An XForm (as ODK Central serves it) goes everywhere an XLSForm goes: ``forms check``,
the store with its attached CSV, interviews with its logic and texts, export, merge, and
back out as instance XML, by the core and by the command line."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from xform_sample import SITES, XFORM

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.export.instances import write_instances
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form, load_form_bytes
from fieldapp.core.forms.model import QuestionType, Repeat
from fieldapp.core.forms.pyxform_stages import FormError
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store


@pytest.fixture
def xform(tmp_path: Path) -> Path:
    path = tmp_path / "forms" / "sitios.xml"
    path.parent.mkdir()
    path.write_text(XFORM, encoding="utf-8")
    (path.parent / "sites.csv").write_text(SITES, encoding="utf-8")
    return path


def test_the_xform_reads_into_the_typed_tree(xform: Path) -> None:
    form = load_form(xform)
    assert (form.form_id, form.version, form.title) == ("sitios", "2024061801", "Sitios")
    assert form.languages == ("English (en)", "Español (es)")
    site = form.element("/data/site")
    assert getattr(site, "type", None) is QuestionType.SELECT_ONE_FROM_FILE
    assert form.files == {"sites.csv": SITES.encode()}
    people = form.element("/data/people")
    assert isinstance(people, Repeat) and people.initial == ()  # a bare template: none


def test_the_interview_follows_the_xforms_logic_and_texts(xform: Path) -> None:
    session = Session(load_form(xform), language="Español (es)")
    assert session.repeat_count(("people",)) == 0
    assert [c.name for c in session.state(("site",)).choices] == ["tj", "cj"]
    session.set_answer(("name",), "Ana")
    assert session.state(("greeting",)).label == "¡Hola Ana!"
    assert session.state(("stamp",)).value == "seen Ana"  # the setvalue on value change
    session.set_answer(("age",), 130)
    assert [p.message for p in session.problems()] == ["Demasiado"]
    session.set_language("English (en)")
    assert session.state(("name",)).label == "Your name?"


def test_a_missing_attachment_is_named_with_what_to_do(xform: Path) -> None:
    (xform.parent / "sites.csv").unlink()
    with pytest.raises(FormError) as refused:
        load_form(xform)
    assert refused.value.code == "xform.attachment_missing"
    assert "sites.csv" in refused.value.text() and "beside the form" in refused.value.text()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html><head/></html>", "xform.not_an_xform"),
        (b"<h:html xmlns:h='http://www.w3.org/1999/xhtml'><oops></h:html>", "xform.not_xml"),
        (
            b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><h:html xmlns:h='http://www.w3.org/1999/xhtml'/>",
            "xform.not_xml",
        ),
    ],
)
def test_bad_xml_is_refused_in_one_line(content: bytes, code: str) -> None:
    with pytest.raises(FormError) as refused:
        load_form_bytes(content, "bad.xml")
    assert refused.value.code == code
    assert "\n" not in refused.value.text()


def test_an_xform_cannot_read_a_file_through_an_external_entity(tmp_path: Path) -> None:
    # A forged form that names a local file as an entity (XXE) is refused before anything
    # is resolved: the file's content reaches neither the form nor the message.
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-7f3a9c", encoding="utf-8")
    content = (
        f"<!DOCTYPE h:html [<!ENTITY leak SYSTEM '{secret.as_uri()}'>]>"
        "<h:html xmlns='http://www.w3.org/2002/xforms' xmlns:h='http://www.w3.org/1999/xhtml'>"
        "<h:head><h:title>&leak;</h:title><model><instance><data id='x'><q/></data>"
        "</instance></model></h:head><h:body><input ref='/data/q'><label>&leak;</label>"
        "</input></h:body></h:html>"
    ).encode()
    with pytest.raises(FormError) as refused:
        load_form_bytes(content, "forged.xml")
    assert refused.value.code == "xform.not_xml"
    assert "CANARY-7f3a9c" not in refused.value.text()


def test_store_export_merge_and_instance_xml(xform: Path, tmp_path: Path) -> None:
    laptop, supervisor = tmp_path / "laptop.db", tmp_path / "supervisor.db"
    with Store.open(laptop) as store:
        record = store.forms.add(xform)
        submission_id, _ = store.interviews.submit(
            record.sha256,
            {"name": "Ana", "age": 41, "site": "cj", "people": [{"who": "Eva"}]},
            finalize=True,
            interviewer="TJ-07",
            city="tijuana",
            actor_type="cso",
        )
    with Store.open(supervisor) as store:
        merge_database(store, laptop)
        form = store.forms.of(submission_id)
        assert form.files["sites.csv"] == SITES.encode()  # the attachment travelled with it
    out = export_workbook(supervisor, tmp_path / "study.xlsx", ExportOptions(labels=True)).path
    workbook = load_workbook(out, read_only=True)
    rows = list(workbook["sitios"].iter_rows(values_only=True))
    header, row = rows[0], rows[1]
    assert row[header.index("site")] == "Ciudad Juárez"
    assert row[header.index("age")] == 41
    written = write_instances(supervisor, tmp_path / "instances")
    assert [p.name for p in written.written] == [f"{submission_id}.xml"]
    root = ElementTree.parse(written.written[0]).getroot()
    assert (root.get("id"), root.get("version")) == ("sitios", "2024061801")
    assert root.findtext("site") == "cj" and root.findtext("people/who") == "Eva"
    assert root.findtext("meta/instanceID", "").startswith("uuid:")


def test_the_command_line_checks_an_xform_and_writes_instances(
    xform: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["forms", "check", str(xform)]) == 0
    assert "sitios" in capsys.readouterr().out
    db = tmp_path / "cli.db"
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"name": "Ana", "site": "tj"}), encoding="utf-8")
    assert main(["submit", "--db", str(db), "--form", str(xform), "--answers", str(answers)]) == 0
    capsys.readouterr()
    assert main(["instances", "--db", str(db), "-o", str(tmp_path / "out"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["written"]) == 1 and report["skipped"] == []
    assert ElementTree.parse(report["written"][0]).getroot().findtext("name") == "Ana"
    assert main(["instances", "--db", str(db), "-o", str(tmp_path / "o"), "--form", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
    # A folder that cannot be made (a file stands where it should be): one line, no trace.
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    assert main(["instances", "--db", str(db), "-o", str(tmp_path / "taken" / "out")]) == 1
    said = capsys.readouterr().err
    assert said.startswith("fieldapp: Could not write the instance files in ")
    assert said.count("\n") == 1 and "Traceback" not in said and "Error" not in said


ITEXT_CALCULATION = b"""<h:html xmlns="http://www.w3.org/2002/xforms"
  xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
  <h:head><h:title>t</h:title><model>
    <itext>
      <translation lang="en" default="true()"><text id="dose:tab"><value>1 tablet</value></text>
      </translation>
      <translation lang="es"><text id="dose:tab"><value>1 tableta</value></text></translation>
    </itext>
    <instance><data id="t"><which>dose:tab</which><shown/></data></instance>
    <bind nodeset="/data/shown" type="string" calculate="jr:itext(/data/which)"/>
  </model></h:head>
  <h:body><input ref="/data/which"><label>Which</label></input></h:body>
</h:html>"""


def test_jr_itext_reads_the_forms_text_in_the_interview_language() -> None:
    form = load_form_bytes(ITEXT_CALCULATION, "t.xml")
    assert Session(form, language="es").state(("shown",)).value == "1 tableta"
    session = Session(form, language="en")
    assert session.state(("shown",)).value == "1 tablet"
    session.set_answer(("which",), "no such text")
    assert session.state(("shown",)).value is None


def test_a_key_that_cannot_seal_is_refused_when_the_form_loads(xform: Path) -> None:
    text = xform.read_text(encoding="utf-8").replace(
        '<instance id="sites"',
        '<submission base64RsaPublicKey="bm90IGEga2V5"/><instance id="sites"',
    )
    xform.write_text(text, encoding="utf-8")
    with pytest.raises(FormError) as refused:
        load_form(xform)
    assert refused.value.code == "xform.bad_public_key"
    assert "fieldapp keys new" in refused.value.text("en")


def test_an_xform_with_a_study_key_seals_its_finalized_interviews(
    xform: Path, tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    text = xform.read_text(encoding="utf-8").replace(
        '<instance id="sites"',
        f'<submission base64RsaPublicKey="{pair.public_key}"/><instance id="sites"',
    )
    xform.write_text(text, encoding="utf-8")
    db = tmp_path / "sealed.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts("drafts passphrase")
        record = store.forms.add(xform)
        submission_id, _ = store.interviews.submit(
            record.sha256, {"name": "Ana", "site": "tj"}, finalize=True, interviewer="TJ-07"
        )
        head = store.interviews.heads(submission_id)[0]
        assert head.answers is None and head.sealed is not None and b"Ana" not in head.sealed
    locked = write_instances(db, tmp_path / "locked")
    assert locked.written == [] and len(locked.skipped) == 1  # never written in part
    opened = write_instances(db, tmp_path / "opened", study_key=study_key)
    root = ElementTree.parse(opened.written[0]).getroot()
    assert root.findtext("name") == "Ana"
