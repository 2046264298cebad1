"""The study's four interview forms: valid XLSForms, bilingual, and their logic works."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_FORMS, REPO, STUDY_FORMS
from openpyxl import load_workbook

from fieldapp.cli import main
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form, Question, Ref
from fieldapp.core.messages import FieldappError
from fieldapp.core.study import ACTOR_TYPES, forms_dir, study_form, study_forms

FORMS = STUDY_FORMS
ES = "Español (es)"
EN = "English (en)"
NOW = dt.datetime(2026, 10, 15, 11, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def forms() -> dict[str, Form]:
    return {actor: load_form(study_form(actor)) for actor in ACTOR_TYPES}


def session(form: Form, **answers: Any) -> Session:
    """A session of ``form`` in Tijuana with consent given, then ``answers`` (key=value)."""
    opened = Session(form, now=lambda: NOW)
    for ref, value in {"city": "tijuana", "interviewer": "TJ01", "consent": "yes"}.items():
        opened.set_answer((ref,), value)
    for key, value in answers.items():
        opened.set_answer(tuple(key.split("|")), value)
    return opened


def relevant(opened: Session, *ref: str | int) -> bool:
    return opened.state(tuple(ref)).relevant


def offered(opened: Session, *ref: str | int) -> set[str]:
    return {choice.name for choice in opened.state(tuple(ref)).choices}


# --- the files ---------------------------------------------------------------------------


def test_the_bundled_forms_are_found_one_per_actor() -> None:
    found = study_forms()
    assert [form.actor_type for form in found] == ["cso", "gov", "security", "informant"]
    assert forms_dir() == FORMS
    assert all(form.path.is_file() for form in found)


def test_a_study_can_point_fieldapp_at_its_own_edited_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for actor in ACTOR_TYPES:
        shutil.copy(FORMS / f"{actor}.xlsx", tmp_path / f"{actor}.xlsx")
    monkeypatch.setenv("FIELDAPP_FORMS", str(tmp_path))
    assert study_form("gov") == tmp_path / "gov.xlsx"
    with pytest.raises(FieldappError) as raised:
        study_form("police")
    assert raised.value.code == "study.unknown_actor"
    assert "cso, gov, security, informant" in raised.value.text("en")


def test_the_committed_workbooks_are_what_the_build_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_forms", BUILD_FORMS)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    for built in builder.build(tmp_path):
        assert _cells(built) == _cells(FORMS / built.name), (
            f"fieldapp/study_forms/{built.name} is out of date: run python forms/build_forms.py"
        )


def _cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_every_form_passes_forms_check(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(FORMS / f"{actor}.xlsx") for actor in ACTOR_TYPES]
    assert main(["forms", "check", "--json", *paths]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [entry["form_id"] for entry in report] == [f"mx_border_{a}" for a in ACTOR_TYPES]
    assert all(entry["ok"] and entry["languages"] == [ES, EN] for entry in report)


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_every_form_converts_with_xls2xform_and_passes_odk_validate(tmp_path: Path) -> None:
    xls2xform = Path(sys.executable).parent / "xls2xform"
    runs = {
        actor: subprocess.Popen(
            [
                str(xls2xform),
                "--odk_validate",
                "--json",
                str(FORMS / f"{actor}.xlsx"),
                str(tmp_path / f"{actor}.xml"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for actor in ACTOR_TYPES
    }
    for actor, run in runs.items():
        out, err = run.communicate(timeout=120)
        result = json.loads(out.strip() or err)  # pyxform prints its JSON on stderr
        assert result["code"] == 100, f"{actor}: {result['message']}"
        xml = (tmp_path / f"{actor}.xml").read_text(encoding="utf-8")
        assert f'lang="{ES}" default="true()"' in xml
        assert "instance('organisations')" in xml or actor != "cso"


def _survey_rows(path: Path) -> Iterator[dict[str, Any]]:
    rows = list(load_workbook(path, read_only=True)["survey"].iter_rows(values_only=True))
    header = rows[0]
    for row in rows[1:]:
        yield dict(zip(header, row, strict=False))


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_every_text_is_in_spanish_and_in_english(actor: str) -> None:
    path = FORMS / f"{actor}.xlsx"
    silent = {"end_group", "end_repeat", "calculate", "start", "end", "today", "deviceid"}
    for row in _survey_rows(path):
        for column in ("label", "hint", "constraint_message", "required_message"):
            spanish, english = row.get(f"{column}::{ES}"), row.get(f"{column}::{EN}")
            assert bool(spanish) == bool(english), f"{row['name']}: {column} in one language"
        if row["type"] not in silent:
            assert row.get(f"label::{ES}"), f"{row['name']} has no label"
        if row.get("constraint"):
            assert row.get(f"constraint_message::{ES}"), f"{row['name']}: no constraint message"
        if row.get("required") == "yes":
            assert row.get(f"required_message::{EN}"), f"{row['name']}: no required message"
    choices = list(load_workbook(path, read_only=True)["choices"].iter_rows(values_only=True))
    header = choices[0]
    for values in choices[1:]:
        row = dict(zip(header, values, strict=False))
        assert row[f"label::{ES}"] and row[f"label::{EN}"], row


def test_questions_that_could_identify_someone_are_marked_sensitive(
    forms: dict[str, Form],
) -> None:
    expected = {
        "cso": {"respondent_name", "org", "respondent_role", "successes", "contact"},
        "gov": {"respondent_name", "office", "federal_backing_who", "failures"},
        "security": {"respondent_name", "rank_band", "safety_detail"},
        "informant": {"respondent_name", "threatened", "threatened_detail"},
    }
    for actor, form in forms.items():
        sensitive = {q.name for q in form.questions() if q.sensitive}
        assert expected[actor] <= sensitive, actor
        assert not {"city", "consent", "sectors", "independence"} & sensitive


def test_the_four_forms_share_the_variables_an_analyst_stacks(forms: dict[str, Form]) -> None:
    keys = [{q.key for q in form.questions()} for form in forms.values()]
    shared = set.intersection(*keys)
    for key in (
        "city",
        "consent",
        "anonymity",
        "breadth/sectors",
        "breadth/independence",
        "government/federal_backing",
        "security/trust/trust_army",
        "roles/role_clarity",
        "mech_name",
        "outcomes/violence_change",
    ):
        assert key in shared, key


# --- the logic, walked with fieldapp's engine ------------------------------------------------


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_no_consent_ends_the_interview(forms: dict[str, Form], actor: str) -> None:
    form = forms[actor]
    opened = session(form)
    opened.set_answer(("consent",), "no")
    after_consent = False
    shown = []
    for ref, element in opened.walk():
        if element.name == "consent":
            after_consent = True
        elif (
            after_consent
            and isinstance(element, Question)
            and element.row > 0  # row 0: the generated meta/instanceID
            and opened.state(ref).relevant
        ):
            shown.append(element.name)
    assert shown == ["no_consent_end"]
    assert opened.repeat_count(("mechanisms",)) == 0
    for key in ("place_type", "mode", "interview_language"):
        opened.set_answer((key,), {"place_type": "public", "mode": "phone"}.get(key, "es"))
    assert opened.problems() == []  # nothing else to answer: it can be finalized
    assert "mechanisms" not in opened.record()

    opened.set_answer(("consent",), "yes")
    assert relevant(opened, "anonymity") and relevant(opened, "breadth/sectors")
    assert not relevant(opened, "no_consent_end")
    missing = {problem.ref for problem in opened.problems()}
    assert {("anonymity",), ("breadth/sectors",), ("outcomes/successes",)} <= missing


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_shared_skip_patterns(forms: dict[str, Form], actor: str) -> None:
    s = session(forms[actor])
    cases: list[tuple[str, Any, Ref, bool]] = [
        ("place_type", "public", ("place_other",), False),
        ("place_type", "other", ("place_other",), True),
        ("anonymity", "role", ("respondent_name",), False),
        ("anonymity", "named", ("respondent_name",), True),
        ("breadth/sectors", ["business"], ("breadth/sectors_other",), False),
        ("breadth/sectors", ["business", "other"], ("breadth/sectors_other",), True),
        ("breadth/partisan_spread", "nonpartisan", ("breadth/parties",), False),
        ("breadth/partisan_spread", "several", ("breadth/parties",), True),
        ("breadth/funding", ["dues"], ("breadth/main_funding",), False),
        ("breadth/funding", ["dues"], ("breadth/gov_funding_share",), False),
        ("breadth/funding", ["dues", "municipal"], ("breadth/main_funding",), True),
        ("breadth/funding", ["dues", "municipal"], ("breadth/gov_funding_share",), True),
        ("breadth/independence", "4", ("breadth/independence_example",), False),
        ("breadth/independence", "2", ("breadth/independence_example",), True),
        ("government/gov_levels", ["none"], ("government/gov_mechanisms",), False),
        ("government/gov_levels", ["none"], ("government/federal_backing",), False),
        ("government/gov_levels", ["municipal"], ("government/frequency/freq_municipal",), True),
        ("government/gov_levels", ["municipal"], ("government/frequency/freq_state",), False),
        ("government/gov_levels", ["municipal"], ("government/key_level",), False),
        ("government/gov_levels", ["municipal", "federal"], ("government/key_level",), True),
        ("government/federal_backing", "no", ("government/federal_backing_who",), False),
        ("government/federal_backing", "yes", ("government/federal_backing_who",), True),
        ("government/admin_changes", 0, ("government/continuity",), False),
        ("government/admin_changes", 2, ("government/continuity",), True),
        ("security/forces", ["none"], ("security/forces_contact",), False),
        ("security/forces", ["none"], ("security/info_sharing",), False),
        ("security/forces", ["army", "navy"], ("security/forces_contact",), True),
        ("security/forces_contact", "direct", ("security/intermediaries",), False),
        ("security/forces_contact", "intermediaries", ("security/intermediaries",), True),
        ("security/info_sharing", "none", ("security/info_sharing_formal",), False),
        ("security/info_sharing", "both_ways", ("security/info_sharing_formal",), True),
        ("roles/roles_defined", "no", ("roles/roles_when",), False),
        ("roles/roles_defined", "no", ("roles/roles_written",), False),
        ("roles/roles_defined", "yes_some", ("roles/roles_when",), True),
        ("roles/roles_written", "verbal", ("roles/roles_document",), False),
        ("roles/roles_written", "written", ("roles/roles_document",), True),
        ("closing/followup", "no", ("closing/contact",), False),
        ("closing/followup", "yes", ("closing/contact",), True),
        ("anonymity", "anonymous", ("closing/contact",), False),
        ("closing/safety_concern", "no", ("closing/safety_detail",), False),
        ("closing/safety_concern", "yes", ("closing/safety_detail",), True),
    ]
    for key, value, ref, shown in cases:
        s.set_answer((key,), value)
        assert s.state(ref).relevant is shown, f"{key}={value}: {ref} relevant={not shown}"
    # Lists that offer only what was named before.
    s.set_answer(("breadth/funding",), ["dues", "municipal"])
    assert {"dues", "municipal"} <= offered(s, "breadth/main_funding")
    assert not {"business", "federal"} & offered(s, "breadth/main_funding")
    s.set_answer(("government/gov_levels",), ["municipal", "federal"])
    assert offered(s, "government/key_level") == {"municipal", "federal"}


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_the_mechanisms_repeat(forms: dict[str, Form], actor: str) -> None:
    s = session(forms[actor])
    if actor == "security":
        s.set_answer(("participates",), "no")
        assert not relevant(s, "mech_count")
        s.set_answer(("participates",), "yes")
    s.set_answer(("mech_count",), 0)
    assert s.repeat_count(("mechanisms",)) == 0
    s.set_answer(("mech_count",), 2)
    assert s.repeat_count(("mechanisms",)) == 2
    row = ("mechanisms", 1)
    tijuana = offered(s, *row, "mech_name")
    assert "tijuana_comite_sesiones" in tijuana and "other" in tijuana
    assert not any(name.startswith(("juarez_", "monterrey_")) for name in tijuana)
    s.set_answer((*row, "mech_name"), "other")
    assert relevant(s, *row, "mech_other")
    assert not relevant(s, "mechanisms", 0, "mech_other")
    assert (*row, "mech_other") in {p.ref for p in s.problems()}
    s.set_answer((*row, "mech_active"), "yes")
    assert not relevant(s, *row, "mech_end_year")
    s.set_answer((*row, "mech_active"), "no")
    s.set_answer((*row, "mech_start_year"), 2012)
    s.set_answer((*row, "mech_end_year"), 2010)
    error = s.state((*row, "mech_end_year")).error
    assert error is not None and "año de inicio" in error
    s.set_answer((*row, "mech_end_year"), 2015)
    assert s.state((*row, "mech_end_year")).error is None
    s.set_answer(("city",), "juarez")
    assert "juarez_mesa_seguridad" in offered(s, *row, "mech_name")


def test_actor_specific_skip_patterns(forms: dict[str, Form]) -> None:
    cso = session(forms["cso"])
    orgs = offered(cso, "profile/org")
    assert "tijuana_comite_ciudadano" in orgs and "monterrey_cic" not in orgs
    cso.set_answer(("city",), "monterrey")
    assert "monterrey_cic" in offered(cso, "profile/org")
    cso.set_answer(("profile/org",), "other")
    assert relevant(cso, "profile/org_other")
    cso.set_answer(("profile/org_type",), "ngo")
    assert not relevant(cso, "profile/org_type_other")

    security = session(forms["security"])
    assert "none" not in offered(security, "profile/force")
    security.set_answer(("profile/accountability",), ["internal_affairs", "other"])
    assert relevant(security, "profile/accountability_other")

    informant = session(forms["informant"])
    informant.set_answer(("profile/threatened",), "refuse")
    assert not relevant(informant, "profile/threatened_detail")
    informant.set_answer(("profile/threatened",), "yes")
    assert relevant(informant, "profile/threatened_detail")


def test_constraints_say_what_to_fix_in_both_languages(forms: dict[str, Form]) -> None:
    s = session(forms["gov"])
    s.set_answer(("interviewer",), "tj1")
    assert "TJ01" in (s.state(("interviewer",)).error or "")
    s.set_language(EN)
    assert "two capital letters" in (s.state(("interviewer",)).error or "")
    s.set_answer(("interviewer",), "TJ01")
    assert s.state(("interviewer",)).error is None
    s.set_answer(("interview_date",), "2026-12-01")  # after NOW
    assert "future" in (s.state(("interview_date",)).error or "")
    s.set_answer(("profile/administration_start",), 1850)
    assert "four-digit year" in (s.state(("profile/administration_start",)).error or "")
    s.set_answer(("security/forces",), ["none", "army"])
    assert "None" in (s.state(("security/forces",)).error or "")
    s.set_answer(("breadth/partisan_spread",), "single")
    s.set_answer(("breadth/parties",), ["pan", "pri"])
    assert "one party" in (s.state(("breadth/parties",)).error or "")
    s.set_answer(("breadth/funding",), ["municipal"])
    s.set_answer(("breadth/gov_funding_share",), 140)
    assert "between 0 and 100" in (s.state(("breadth/gov_funding_share",)).error or "")


def test_the_instance_name_shows_actor_city_label_and_date(forms: dict[str, Form]) -> None:
    for actor, prefix in (("cso", "CSO/OSC"), ("security", "Security/Seguridad")):
        s = session(forms[actor], interview_date="2026-10-14")
        s.set_answer(("city",), "nuevo_laredo")
        # The list, review queue and conflicts show this: the city's name, not its code.
        assert s.instance_name() == f"{prefix} · Nuevo Laredo · 2026-10-14"
        s.set_answer(("interview_date",), None)
        assert s.instance_name() == f"{prefix} · Nuevo Laredo"  # no dangling separator
        s.set_answer(("city",), None)
        assert s.instance_name() == prefix


def test_the_interviewer_code_says_what_to_write_when_missing(forms: dict[str, Form]) -> None:
    for actor in ACTOR_TYPES:
        s = session(forms[actor])
        s.set_answer(("interviewer",), None)
        missing = [p.message for p in s.problems() if p.ref == ("interviewer",)]
        # Not the open-text message about the interviewee's words or "no responde".
        assert len(missing) == 1 and "TJ01" in missing[0] and "no responde" not in missing[0]
        s.set_language(EN)
        missing = [p.message for p in s.problems() if p.ref == ("interviewer",)]
        assert "interviewer code" in missing[0] and "no answer" not in missing[0]


def test_the_new_interview_dialogs_example_code_passes_the_forms_rule(
    forms: dict[str, Form],
) -> None:
    # The dialog prefills nothing but shows an example: typing it must not be "1 to fix".
    dialog = (REPO / "fieldapp" / "ui" / "new_interview.py").read_text(encoding="utf-8")
    examples = re.findall(r"e\.g\. ([A-Z0-9-]+)", dialog)
    assert examples
    for example in examples:
        s = session(forms["cso"], interviewer=example)
        assert s.state(("interviewer",)).error is None, example


# --- the same logic in ODK's own engine ------------------------------------------------------

ODK_REFERENCE = REPO.parent / "shared" / "tools" / "odk-reference" / "run"


def _reference_path(ref: Ref) -> str:
    """``("mechanisms", 1, "mech_name")`` -> ``/data/mechanisms[2]/mech_name``."""
    path = "/data"
    for part in ref:
        path += f"[{part + 1}]" if isinstance(part, int) else f"/{part}"
    return path


def _reference_answers(form: Form, answers: dict[str, Any], ref: Ref = ()) -> dict[str, Any]:
    """The answers as the reference engine takes them: paths in form order, text values."""
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for index, entry in enumerate(value):
                out.update(_reference_answers(form, entry, (*ref, key, index)))
        elif key in _typed_in(form):
            out[_reference_path((*ref, key))] = value if isinstance(value, list) else str(value)
    return out


def _typed_in(form: Form) -> set[str]:
    """Keys of the questions an interviewer answers (not metadata or calculations)."""
    return {
        q.key
        for q in form.questions()
        if not q.type.is_metadata and q.bind.calculation is None and q.type.value != "calculate"
    }


@pytest.mark.skipif(
    shutil.which("node") is None or not ODK_REFERENCE.exists(),
    reason="ODK's reference engine needs Node.js and the shared tools folder",
)
@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_odk_agrees_with_fieldapp_on_demo_interviews(
    forms: dict[str, Form], actor: str, tmp_path: Path
) -> None:
    """Walk the form as the demo does; ODK's engine must find every answer valid and show
    exactly the questions fieldapp shows (consent gate, skips, repeats, filters)."""
    import random

    from fieldapp.core.demo import answer_form

    form = forms[actor]
    rng = random.Random(actor)
    sessions = []
    for consent in ("yes", "yes", "yes", "yes", "no"):
        walked = Session(form)
        answer_form(walked, rng, {"city": "monterrey", "interviewer": "MT02", "consent": consent})
        assert walked.problems() == []
        sessions.append(walked)
    xml = tmp_path / f"{actor}.xml"
    converted = subprocess.run(
        [
            str(Path(sys.executable).parent / "xls2xform"),
            "--skip_validate",
            str(study_form(actor)),
            str(xml),
        ],
        capture_output=True,
        check=False,
    )
    assert converted.returncode == 0, converted.stderr
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(
        json.dumps([_reference_answers(form, s.answers()) for s in sessions]), encoding="utf-8"
    )
    result = subprocess.run(
        [str(ODK_REFERENCE), str(xml), str(answers_file)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for walked, reference in zip(sessions, json.loads(result.stdout), strict=True):
        compared = 0
        for ref, element in walked.walk():
            if not isinstance(element, Question) or element.row == 0:
                continue
            odk = reference[_reference_path(ref)]
            assert odk["relevant"] is walked.state(ref).relevant, (ref, odk)
            if odk["relevant"]:
                assert odk["constraint_ok"] is not False, (ref, odk)
                assert odk["required_ok"] is not False, (ref, odk)
            compared += 1
        assert compared > 70  # every question of the form, and each repeat row


def test_the_study_key_beside_the_forms_seals_every_form(tmp_path: Path) -> None:
    # The supervisor saves the public key `fieldapp keys new` printed as
    # forms/study_public_key.txt and rebuilds: every form then seals finalized interviews.
    from fieldapp.core.crypto import generate_key_pair

    spec = importlib.util.spec_from_file_location("build_forms", BUILD_FORMS)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    key = generate_key_pair("a long study passphrase", bits=2048).public_key
    key_file = tmp_path / "study_public_key.txt"
    key_file.write_text(key[:40] + "\n" + key[40:] + "\n", encoding="ascii")  # as pasted
    for built in builder.build(tmp_path, key_file=key_file):
        assert load_form(built).public_key == key
    for built in builder.build(tmp_path, key_file=tmp_path / "absent.txt"):
        assert load_form(built).public_key is None
