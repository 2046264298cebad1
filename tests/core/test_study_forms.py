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
from openpyxl import load_workbook
from paths import BUILD_FORMS, REPO, STUDY_FORMS

from fieldapp.cli import main
from fieldapp.core import crypto
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


@pytest.mark.slow
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


@pytest.mark.slow
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


def find(form: Form, key: str) -> Question:
    return next(q for q in form.questions() if q.key == key)


def test_every_free_text_is_marked_sensitive_or_explicitly_safe() -> None:
    # The convention shared with the export: yes = sensitive, no = explicitly safe, blank =
    # not stated (a de-identified export drops unstated free text). The study states it.
    for actor in ACTOR_TYPES:
        for row in _survey_rows(FORMS / f"{actor}.xlsx"):
            if row["type"] == "text":
                assert row.get("sensitive") in ("yes", "no"), f"{actor}: {row['name']}"
                # Only the interviewer's code is safe; it is pseudonymised on export.
                assert (row["sensitive"] == "no") is (row["name"] == "interviewer"), row["name"]


IDENTIFYING = {
    "respondent_name",
    "respondent_role",
    "org",
    "org_other",
    "office",
    "post_type",
    "rank_band",
    "recording",
    "threatened",
    "threatened_detail",
    "contact",
    "safety_detail",
    "interviewer_notes",
    "mech_other",
    "mech_relation",
    "mech_outcome_text",
    "successes",
    "failures",
    "do_differently",
}


def test_questions_that_could_identify_someone_are_marked_sensitive(
    forms: dict[str, Form],
) -> None:
    for actor, form in forms.items():
        names = {q.name for q in form.questions()}
        sensitive = {q.name for q in form.questions() if q.sensitive}
        assert IDENTIFYING & names <= sensitive, actor
        assert {"respondent_name", "threatened", "recording", "contact"} <= sensitive, actor
        # Every "other, specify" names something the list did not: sensitive too.
        assert {name for name in names if name.endswith("_other")} <= sensitive, actor
        # What the analysis stands on stays in a de-identified export.
        assert (
            not {
                "city",
                "consent",
                "anonymity",
                "collab_any",
                "mech_name",
                "mech_sectors",
                "mech_parties",
                "mech_agenda",
                "breadth_index",
                "independence_index",
            }
            & sensitive
        ), actor
    # Exact years and counts single people out in a small city: asked as bands.
    for gone in ("org_founded", "members_count", "years_involved", "administration_start"):
        assert all(gone not in {q.name for q in f.questions()} for f in forms.values()), gone
    assert find(forms["gov"], "profile/post_type").sensitive


def test_the_indices_are_computed_from_answers_that_are_not_sensitive(
    forms: dict[str, Form],
) -> None:
    for form in forms.values():
        by_name = {q.name: q for q in form.questions()}
        for index in ("breadth_index", "independence_index", "mech_sector_count"):
            calculation = by_name[index].bind.calculation
            assert calculation is not None
            read = {path.rsplit("/", 1)[-1] for path in calculation.references(by_name[index].path)}
            assert read and not any(by_name[name].sensitive for name in read if name in by_name)


def test_the_four_forms_share_the_variables_an_analyst_stacks(forms: dict[str, Form]) -> None:
    keys = [{q.key for q in form.questions()} for form in forms.values()]
    shared = set.intersection(*keys)
    for key in (
        "city",
        "consent",
        "anonymity",
        "period/ref_start",
        "profile/threatened",
        "government/level_coordination",
        "government/turnovers/turnover_state",
        "security/trust/trust_army",
        "security/trust/trust_national_guard",
        "security/leak_risk",
        "security/police_reform",
        "security/observatory",
        "collaboration/collab_any",
        "collaboration/barriers",
        "mech_name",
        "mech_convener",
        "mech_started_by",
        "mech_sectors",
        "mech_federal_backing",
        "mech_forces",
        "mech_role_clarity",
        "mech_goals_met",
        "breadth_index",
        "independence_index",
        "outcomes/violence_change",
        "outcomes/other_factors",
        "closing/interview_status",
    ):
        assert key in shared, key
    # Trust in civil-society organisations is asked of government and security actors.
    assert "security/trust/trust_csos" in {q.key for q in forms["gov"].questions()}
    assert "security/trust/trust_csos" in {q.key for q in forms["security"].questions()}


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
    assert relevant(opened, "anonymity") and relevant(opened, "collaboration/collab_any")
    assert not relevant(opened, "no_consent_end")
    missing = {problem.ref for problem in opened.problems()}
    assert {("anonymity",), ("period/ref_start",), ("collaboration/collab_any",)} <= missing


def test_refusal_dont_know_and_not_applicable_stay_out_of_every_scale(
    forms: dict[str, Form],
) -> None:
    for form in forms.values():
        for question in form.questions():
            if question.choices is None or not question.type.is_select:
                continue
            codes = [choice.name for choice in question.choices.choices]
            numeric = [int(code) for code in codes if code.isdigit()]
            scale = [n for n in numeric if n < 90]
            # A scale is 0/1..n with no gap; 97, 98 and 99 sit apart, never averaged in.
            assert scale == list(range(scale[0], scale[0] + len(scale))) if scale else True
            assert set(numeric) - set(scale) <= {97, 98, 99}, question.key
            assert not {"dk", "refuse"} & set(codes), question.key
        trust = find(form, "security/trust/trust_army")
        assert trust.choices is not None
        assert [c.name for c in trust.choices.choices] == [*"12345", "97", "98", "99"]


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_a_stopped_interview_finalizes_with_what_was_said(
    forms: dict[str, Form], actor: str
) -> None:
    s = session(forms[actor], place_type="public", mode="phone", interview_language="es")
    s.set_answer(("anonymity",), "anonymous")
    s.set_answer(("consent_audio",), "no")
    missing = {problem.ref for problem in s.problems()}
    assert {("period/ref_start",), ("collaboration/collab_any",)} <= missing
    assert ("closing/interview_status",) in missing  # the interviewer must say how it ended
    s.set_answer(("closing/interview_status",), "respondent_ended")
    s.set_answer(("closing/safety_concern",), "no")
    assert s.problems() == []  # nothing invented to finalize
    s.set_answer(("closing/interview_status",), "complete")
    assert ("collaboration/collab_any",) in {problem.ref for problem in s.problems()}
    s.set_answer(("closing/interview_status",), "other")
    assert [p.ref for p in s.problems()] == [("closing/interview_status_other",)]


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_anonymity_levels_protect(forms: dict[str, Form], actor: str) -> None:
    form = forms[actor]
    order = [element.name for _, element in Session(form).walk()]
    assert order.index("anonymity") < order.index("consent_audio") < order.index("recording")
    recording = next(q for q in form.questions() if q.name == "recording")
    assert recording.type.value == "audio" and recording.sensitive
    identified = {"cso": "profile/respondent_role", "gov": "profile/office"}.get(actor)
    s = session(form)
    for level, shown in (
        ("named", True),
        ("position", True),
        ("description", False),
        ("anonymous", False),
    ):
        s.set_answer(("anonymity",), level)
        assert relevant(s, "respondent_name") is (level == "named")
        if identified:
            assert relevant(s, identified) is shown, (level, identified)
    if actor == "cso":
        assert not relevant(s, "profile/org")
        assert relevant(s, "profile/org_type")
    s.set_answer(("consent_audio",), "no")
    assert not relevant(s, "recording")
    s.set_answer(("consent_audio",), "yes")
    assert relevant(s, "recording")


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_shared_skip_patterns(forms: dict[str, Form], actor: str) -> None:
    s = session(forms[actor])
    cases: list[tuple[str, Any, Ref, bool]] = [
        ("place_type", "public", ("place_other",), False),
        ("place_type", "other", ("place_other",), True),
        ("profile/threatened", "97", ("profile/threatened_detail",), False),
        ("profile/threatened", "yes", ("profile/threatened_detail",), True),
        ("government/gov_levels", ["none"], ("government/key_level",), False),
        ("government/gov_levels", ["98"], ("government/frequency/freq_municipal",), False),
        ("government/gov_levels", ["municipal"], ("government/frequency/freq_municipal",), True),
        ("government/gov_levels", ["municipal"], ("government/frequency/freq_state",), False),
        ("government/gov_levels", ["municipal"], ("government/key_level",), False),
        ("government/gov_levels", ["municipal", "federal"], ("government/key_level",), True),
        ("government/turnovers/turnover_state", "0", ("government/continuity",), False),
        ("government/turnovers/turnover_state", "98", ("government/continuity",), False),
        ("government/turnovers/turnover_state", "2", ("government/continuity",), True),
        ("security/police_reform", ["none"], ("security/reform_civil_role",), False),
        ("security/police_reform", ["vetting", "pay"], ("security/reform_civil_role",), True),
        ("security/observatory", "98", ("security/observatory_used",), False),
        ("security/observatory", "yes", ("security/observatory_used",), True),
        ("collaboration/collab_any", "no", ("collaboration/mech_count",), False),
        ("collaboration/collab_any", "no", ("collaboration/barriers",), True),
        ("collaboration/collab_any", "98", ("collaboration/barriers",), False),
        ("collaboration/collab_any", "yes", ("collaboration/barriers",), False),
        ("collaboration/collab_any", "yes", ("collaboration/mech_count",), True),
        ("outcomes/other_factors", ["military", "other"], ("outcomes/other_factors_other",), True),
        ("closing/followup", "no", ("closing/contact",), False),
        ("closing/followup", "yes", ("closing/contact",), True),
        ("anonymity", "anonymous", ("closing/contact",), False),
        ("closing/safety_concern", "no", ("closing/safety_detail",), False),
        ("closing/safety_concern", "yes", ("closing/safety_detail",), True),
    ]
    for key, value, ref, shown in cases:
        s.set_answer((key,), value)
        assert s.state(ref).relevant is shown, f"{key}={value}: {ref} relevant={not shown}"
    s.set_answer(("government/gov_levels",), ["municipal", "federal"])
    assert offered(s, "government/key_level") == {"municipal", "federal"}
    s.set_answer(("security/police_reform",), ["none", "vetting"])
    assert "Ninguno" in (s.state(("security/police_reform",)).error or "")


@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_each_mechanism_is_described_on_its_own(forms: dict[str, Form], actor: str) -> None:
    s = session(forms[actor])
    s.set_answer(("collaboration/collab_any",), "no")
    assert s.repeat_count(("mechanisms",)) == 0
    s.set_answer(("collaboration/collab_any",), "yes")
    s.set_answer(("collaboration/mech_count",), 2)
    assert s.repeat_count(("mechanisms",)) == 2
    row = ("mechanisms", 1)
    tijuana = offered(s, *row, "mech_name")
    assert "tijuana_comite_sesiones" in tijuana and "other" in tijuana
    assert not any(name.startswith(("juarez_", "monterrey_")) for name in tijuana)
    s.set_answer((*row, "mech_name"), "other")
    assert relevant(s, *row, "mech_other")
    assert not relevant(s, "mechanisms", 0, "mech_other")
    s.set_answer((*row, "mech_active"), "yes")
    assert not relevant(s, *row, "mech_end_year")
    s.set_answer((*row, "mech_active"), "no")
    s.set_answer((*row, "mech_start_year"), 2012)
    s.set_answer((*row, "mech_end_year"), 2010)
    error = s.state((*row, "mech_end_year")).error
    assert error is not None and "año de inicio" in error
    s.set_answer((*row, "mech_end_year"), 2015)
    assert s.state((*row, "mech_end_year")).error is None
    # Security forces, intermediaries and roles are asked of this mechanism.
    s.set_answer((*row, "mech_forces"), ["none"])
    assert not relevant(s, *row, "mech_forces_contact")
    s.set_answer((*row, "mech_forces"), ["state_police", "army"])
    s.set_answer((*row, "mech_forces_contact"), "intermediaries")
    assert relevant(s, *row, "mech_intermediaries")
    assert not relevant(s, "mechanisms", 0, "mech_intermediaries")
    s.set_answer((*row, "mech_roles_defined"), "no")
    assert not relevant(s, *row, "mech_roles_written")
    s.set_answer((*row, "mech_roles_defined"), "yes_some")
    assert relevant(s, *row, "mech_roles_written")
    s.set_answer(("city",), "juarez")
    assert "juarez_mesa_seguridad" in offered(s, *row, "mech_name")


def value(s: Session, *ref: str | int) -> Any:
    return s.state(tuple(ref)).value


def test_the_breadth_and_independence_indices(forms: dict[str, Form]) -> None:
    s = session(forms["informant"])
    s.set_answer(("collaboration/collab_any",), "yes")
    s.set_answer(("collaboration/mech_count",), 1)
    row = ("mechanisms", 0)
    s.set_answer((*row, "mech_sectors"), ["business", "academia", "faith"])
    s.set_answer((*row, "mech_parties"), ["pan", "pri"])
    assert str(value(s, *row, "breadth_index")) == "2"
    s.set_answer((*row, "mech_parties"), ["none"])
    assert str(value(s, *row, "mech_party_count")) == "0"
    assert str(value(s, *row, "breadth_index")) == "1"
    s.set_answer((*row, "mech_parties"), ["98"])  # unknown: the index is not guessed
    assert value(s, *row, "breadth_index") in (None, "")
    s.set_answer((*row, "mech_agenda"), "civil_society")
    s.set_answer((*row, "mech_dissent"), "yes")
    s.set_answer((*row, "mech_funding"), ["business", "municipal"])
    assert str(value(s, *row, "independence_index")) == "3"
    s.set_answer((*row, "mech_funding"), ["municipal", "state"])  # government money only
    s.set_answer((*row, "mech_agenda"), "government")
    assert str(value(s, *row, "independence_index")) == "1"
    s.set_answer((*row, "mech_dissent"), "97")
    assert value(s, *row, "independence_index") in (None, "")


def test_labels_fit_the_period_and_the_wording_is_neutral(forms: dict[str, Form]) -> None:
    form = forms["cso"]
    forces = find(form, "mech_forces")
    assert forces.choices is not None
    labels = " ".join(c.label(ES) for c in forces.choices.choices)
    for name in ("Policía Federal", "Guardia Nacional", "PGR", "FGR"):
        assert name in labels
    parties = find(form, "mech_parties")
    assert parties.choices is not None
    assert "independent" in {c.name for c in parties.choices.choices}
    labels_es = " ".join(
        q.label(ES) + " " + " ".join(c.label(ES) for c in (q.choices.choices if q.choices else ()))
        for q in form.questions()
    )
    for loaded in ("Fracasó", "papeles", "Esporádica", "contribuyó la colaboración a mejorar"):
        assert loaded not in labels_es, loaded
    rank = find(forms["security"], "profile/rank_band")
    assert rank.choices is not None
    assert "Officer" not in " ".join(c.label(EN) for c in rank.choices.choices)


def test_actor_specific_skip_patterns(forms: dict[str, Form]) -> None:
    cso = session(forms["cso"], anonymity="position")
    orgs = offered(cso, "profile/org")
    assert "tijuana_comite_ciudadano" in orgs and "monterrey_cic" not in orgs
    cso.set_answer(("city",), "monterrey")
    assert "monterrey_cic" in offered(cso, "profile/org")
    cso.set_answer(("profile/org",), "other")
    assert relevant(cso, "profile/org_other")
    cso.set_answer(("profile/org_type",), "ngo")
    assert not relevant(cso, "profile/org_type_other")

    security = session(forms["security"])
    assert not {"none", "97", "98"} & offered(security, "profile/force")
    security.set_answer(("profile/accountability",), ["internal_affairs", "other"])
    assert relevant(security, "profile/accountability_other")


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
    s.set_answer(("period/ref_start",), 1850)
    assert "four-digit year" in (s.state(("period/ref_start",)).error or "")
    s.set_answer(("period/ref_start",), 2010)
    s.set_answer(("period/ref_end",), 2008)
    assert "first" in (s.state(("period/ref_end",)).error or "")
    s.set_answer(("government/gov_levels",), ["98", "state"])
    assert "Don't know" in (s.state(("government/gov_levels",)).error or "")
    s.set_answer(("collaboration/collab_any",), "yes")
    s.set_answer(("collaboration/mech_count",), 9)
    assert "between 1 and 5" in (s.state(("collaboration/mech_count",)).error or "")


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


def _demo_sessions(form: Form, actor: str) -> list[Session]:
    """Walk the form as the demo does: four consented interviews, one refused, and one the
    interviewee ended midway (ODK must not require what was never asked)."""
    import random

    from fieldapp.core.demo import answer_form

    rng = random.Random(actor)
    sessions = []
    for consent in ("yes", "yes", "yes", "yes", "no"):
        walked = Session(form)
        answer_form(walked, rng, {"city": "monterrey", "interviewer": "MT02", "consent": consent})
        sessions.append(walked)
    stopped = Session(form)
    answer_form(
        stopped, rng, {"city": "monterrey", "interviewer": "MT02", "consent": "yes"}, stop_after=30
    )
    stopped.set_answer(("closing/interview_status",), "respondent_ended")
    stopped.set_answer(("closing/safety_concern",), "no")
    sessions.append(stopped)
    return sessions


@pytest.fixture(scope="module")
def odk_on_demo(
    forms: dict[str, Form], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[list[Session], list[Any] | Exception]]:
    """Each form's demo sessions, and ODK's node states for them: the four forms in one Node
    process (starting Node and ODK's engine costs seconds)."""
    from odk_reference import run_reference_many, xform_of

    work = tmp_path_factory.mktemp("odk-demo")
    sessions = {actor: _demo_sessions(forms[actor], actor) for actor in ACTOR_TYPES}
    jobs = [
        (
            xform_of(study_form(actor), work),
            [_reference_answers(forms[actor], s.answers()) for s in sessions[actor]],
        )
        for actor in ACTOR_TYPES
    ]
    states = run_reference_many(jobs, work)
    return {actor: (sessions[actor], states[n]) for n, actor in enumerate(ACTOR_TYPES)}


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("node") is None or not ODK_REFERENCE.exists(),
    reason="ODK's reference engine needs Node.js and the shared tools folder",
)
@pytest.mark.parametrize("actor", ACTOR_TYPES)
def test_odk_agrees_with_fieldapp_on_demo_interviews(
    odk_on_demo: dict[str, tuple[list[Session], list[Any] | Exception]], actor: str
) -> None:
    """Walk the form as the demo does; ODK's engine must find every answer valid and show
    exactly the questions fieldapp shows (consent gate, skips, repeats, filters)."""
    sessions, states = odk_on_demo[actor]
    for walked in sessions:
        assert walked.problems() == []
    if isinstance(states, Exception):
        pytest.fail(str(states))
    for walked, reference in zip(sessions, states, strict=True):
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


@pytest.mark.slow
def test_the_study_key_beside_the_forms_seals_every_form(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    # The supervisor saves the public key `fieldapp keys new` printed as
    # forms/study_public_key.txt and rebuilds: every form then seals finalized interviews.
    spec = importlib.util.spec_from_file_location("build_forms", BUILD_FORMS)
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    key = pair.public_key
    key_file = tmp_path / "study_public_key.txt"
    key_file.write_text(key[:40] + "\n" + key[40:] + "\n", encoding="ascii")  # as pasted
    for built in builder.build(tmp_path, key_file=key_file):
        assert load_form(built).public_key == key
    for built in builder.build(tmp_path, key_file=tmp_path / "absent.txt"):
        assert load_form(built).public_key is None


# --- the second round beside the first, and what a de-identified export holds ----------------

FIRST_ROUND = Path(__file__).parent / "study_v1"
"""The forms of the first round (version 2026112401), as the field laptops still hold them."""
FIRST_VERSION = "2026112401"


@pytest.fixture(scope="module")
def two_rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A laptop's database: first-round interviews (some still drafts), then the second
    round's forms and interviews."""
    from fieldapp.core.demo import run_demo
    from fieldapp.core.store import Store

    laptop = tmp_path_factory.mktemp("rounds") / "laptop.db"
    run_demo(laptop, 12, seed=5, forms=[FIRST_ROUND / f"{actor}.xlsx" for actor in ACTOR_TYPES])
    with Store.open(laptop) as store:
        for study in study_forms():
            store.forms.add(study.path)
    run_demo(laptop, 12, seed=6)
    return laptop


def _sheets(path: Path) -> dict[str, list[dict[str, Any]]]:
    book = load_workbook(path, read_only=True)
    sheets = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        width = len(rows[0])  # a row may stop at its last filled cell
        sheets[sheet.title] = [
            dict(zip(rows[0], (*row, *[None] * (width - len(row))), strict=True))
            for row in rows[1:]
        ]
    book.close()
    return sheets


@pytest.mark.slow
def test_first_round_interviews_still_open_merge_review_and_export(
    two_rounds: Path, tmp_path: Path
) -> None:
    import random

    from fieldapp.core.demo import answer_form
    from fieldapp.core.export import export_workbook
    from fieldapp.core.merge import merge_database
    from fieldapp.core.store import Store

    laptop = tmp_path / "laptop.db"
    shutil.copy(two_rounds, laptop)
    with Store.open(laptop) as store:
        current = list(store.interviews.iter_current())
        first = [
            i
            for i in current
            if store.forms.of(i.submission.submission_id).version == FIRST_VERSION
        ]
        assert {store.forms.of(i.submission.submission_id).version for i in current} == {
            FIRST_VERSION,
            "2026120601",
        }
        draft = next(i for i in first if i.revision.state == "draft")
        sid = draft.submission.submission_id
        # The draft opens with the form it was started on, and finishes on it.
        form = store.forms.of(sid)
        assert "breadth/independence" in {q.key for q in form.questions()}
        opened = Session(form, dict(draft.answers))
        answer_form(opened, random.Random(1), {"consent": "yes"})
        assert opened.problems() == []
        store.interviews.autosave(sid, opened.record())
        store.interviews.finalize(sid)
    supervisor = tmp_path / "supervisor.db"
    with Store.open(supervisor) as store:
        merge_database(store, laptop)
        store.review.approve(sid, author="supervisor")
        assert store.interviews.heads(sid)[0].state == "approved"
    out = tmp_path / "both.xlsx"
    export_workbook(supervisor, out)
    sheets = _sheets(out)
    form_id = draft.submission.form_id
    rows = sheets[form_id]
    assert {row["_form_version"] for row in rows} == {FIRST_VERSION, "2026120601"}
    approved = next(row for row in rows if row["_submission_id"] == sid)
    assert approved["_form_version"] == FIRST_VERSION and approved["_state"] == "approved"
    # One sheet, the columns of both versions; each row fills those of its own version.
    for row in rows:
        first_round = row["_form_version"] == FIRST_VERSION
        if row["_state"] != "draft" and row["consent"] == "yes":
            assert (row["period/ref_start"] is None) is first_round, row["_submission_id"]
        if first_round:
            assert row["closing/interview_status"] is None
    repeats = next(rows for title, rows in sheets.items() if title.endswith("mechanisms"))
    assert repeats and {"mech_outcome", "mech_goals_met"} <= set(repeats[0])
    # The codebook says which version asked what.
    codebook = {(row["form"], row["variable"]): row["versions"] for row in sheets["codebook"]}
    assert codebook[(form_id, "city")] == f"2026120601 {FIRST_VERSION}"
    assert codebook[(form_id, "period/ref_start")] == "2026120601"
    assert codebook[(form_id, "breadth/partisan_spread")] == FIRST_VERSION


SECOND_ROUND_ONLY_SENSITIVE = ("place_other", "org_other", "mech_other", "interviewer_notes")
"""Free texts the first round left unmarked and the second marks sensitive."""


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldapp.core.demo import run_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    run_demo(path, 40, seed=11)
    return path


def _identifying_answers(path: Path, forms: dict[str, Form]) -> tuple[set[str], set[str]]:
    """Return the keys of sensitive questions and the text values they hold in ``path``."""
    from fieldapp.core.store import Store

    keys: set[str] = set()
    texts: set[str] = set()
    for form in forms.values():
        keys |= {q.key for q in form.questions() if q.sensitive}
        # Free text: a select's code ("observer") is shared with questions that may stay.
        texts |= {q.key for q in form.questions() if q.sensitive and q.type.value == "text"}
    values: set[str] = set()

    def collect(answers: dict[str, Any]) -> None:
        for key, value in answers.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for entry in value:
                    collect(entry)
            elif key in texts and isinstance(value, str) and len(value) > 3:
                values.add(value)

    with Store.open(path) as store:
        for item in store.interviews.iter_current():
            collect(dict(item.answers))
            values.add(item.submission.interviewer)
    return keys, values


def _strings(path: Path) -> Iterator[str]:
    for name, rows in _sheets(path).items():
        if name in ("codebook", "about"):
            continue
        for row in rows:
            for header, cell in row.items():
                yield str(header)
                if isinstance(cell, str):
                    yield cell


@pytest.mark.slow
@pytest.mark.usefixtures("every_row_written")
def test_a_deidentified_export_of_the_demo_holds_no_identifying_field(
    demo_db: Path, forms: dict[str, Form], tmp_path: Path
) -> None:
    from fieldapp.core.export import ExportOptions, export_workbook

    keys, values = _identifying_answers(demo_db, forms)
    assert {"respondent_name", "profile/office", "closing/contact", "recording"} <= keys
    export_workbook(demo_db, tmp_path / "full.xlsx")
    full = set(_strings(tmp_path / "full.xlsx"))
    assert values & full and keys & full  # the demo does hold what must be withheld
    export_workbook(demo_db, tmp_path / "deid.xlsx", ExportOptions(deidentify=True))
    cells = set(_strings(tmp_path / "deid.xlsx"))
    headers = {
        header
        for rows in _sheets(tmp_path / "deid.xlsx").values()
        for r in rows[:1]
        for header in r
    }
    leaked_columns = {h for h in headers if str(h).split("/")[0] in keys or str(h) in keys}
    assert not leaked_columns
    assert not {h for h in headers if str(h).rsplit("/", 1)[-1] in IDENTIFYING}
    assert not values & cells, sorted(values & cells)[:5]
    # What the analysis needs stays: the mechanism, its indices, the city.
    assert {"mech_name", "breadth_index", "independence_index", "city"} <= headers


@pytest.mark.slow
@pytest.mark.usefixtures("every_row_written")
def test_a_field_marked_sensitive_in_the_second_round_is_withheld_from_the_first_too(
    two_rounds: Path, tmp_path: Path
) -> None:
    from fieldapp.core.export import ExportOptions, export_workbook

    export_workbook(two_rounds, tmp_path / "deid.xlsx", ExportOptions(deidentify=True))
    headers = {
        str(header).rsplit("/", 1)[-1]
        for title, rows in _sheets(tmp_path / "deid.xlsx").items()
        if title not in ("codebook", "about")
        for row in rows[:1]
        for header in row
    }
    assert not set(SECOND_ROUND_ONLY_SENSITIVE) & headers
    assert "independence" in headers  # a first-round variable that identifies nobody stays


def test_the_codebook_documents_every_variable_and_every_code(forms: dict[str, Form]) -> None:
    readme = (REPO / "forms" / "README.md").read_text(encoding="utf-8")
    for actor, form in forms.items():
        for question in form.questions():
            if question.row == 0 or question.name.startswith("reserved_name"):
                continue  # generated by pyxform (meta/instanceID, table-list headers)
            assert f"`{question.key}`" in readme, f"{actor}: {question.key}"
    section = readme.split("## Every choice list", 1)[1].split("\n## ", 1)[0]
    lists = {line.split("`")[1]: line for line in section.splitlines() if line.startswith("| `")}
    for form in forms.values():
        for name, choice_list in form.choice_lists.items():
            if name in ("organisations", "mechanisms"):
                continue  # the city lists: city_lists.csv, edited by the researchers
            assert name in lists, name
            for choice in choice_list.choices:
                assert f"`{choice.name}` = " in lists[name], (name, choice.name)
