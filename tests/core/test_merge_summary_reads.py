"""What `fieldapp merge` says came in, read by a person (the merge dialog says the same).

After two laptops with the study's forms were merged it said, for each form and city,
"Seguridad ciudadana en la frontera: Representante de la sociedad civil / Civil-society
representative · Monterrey: 4 new interviews, 8 new versions, 0 new review events":
sixteen such lines, the same ninety characters four times each, and every 0 said.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from merge_devices import Device

from fieldapp.cli import main
from fieldapp.core.merge import (
    ConflictInfo,
    DeviceInfo,
    GroupCount,
    MergeReport,
    summary_lines,
)
from fieldapp.core.study import study_form

CSO_TITLE = (
    "Seguridad ciudadana en la frontera: Representante de la sociedad civil / "
    "Civil-society representative"
)


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """A laptop with the study's civil-society form in two cities and a form of its own."""
    device = Device(tmp_path / "ana.db", "ana")
    cso = device.add_form(study_form("cso").read_bytes(), form_id="mx_border_cso")
    for city in ("tijuana", "monterrey", "monterrey"):
        device.create(cso, city, {}, form_id="mx_border_cso")
    own = device.add_form(form_id="pilot_survey")
    device.finalize(device.create(own, "tijuana", {"name": "Mesa"}, form_id="pilot_survey"))
    device.close()
    return device.path


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            [
                "  Civil society:",
                "    Monterrey: 2 new interviews, 2 new versions",
                "    Tijuana: 1 new interview, 1 new version",
                "  pilot survey:",
                "    Tijuana: 1 new interview, 2 new versions",
            ],
        ),
        (
            "es",
            [
                "  Sociedad civil:",
                "    Monterrey: 2 entrevistas nuevas, 2 versiones nuevas",
                "    Tijuana: 1 entrevista nueva, 1 versión nueva",
                "  pilot survey:",
                "    Tijuana: 1 entrevista nueva, 2 versiones nuevas",
            ],
        ),
    ],
)
def test_each_form_is_named_once_by_its_actor_with_its_cities_under_it_and_no_zero(
    laptop: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    said: list[str],
) -> None:
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()

    assert main(["merge", "--into", str(tmp_path / "supervisor.db"), str(laptop)]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[-len(said) :] == said
    total = {
        "en": "4 new interviews, 5 new versions, 2 new forms.",
        "es": "4 entrevistas nuevas, 5 versiones nuevas, 2 formularios nuevos.",
    }
    assert lines[0] == f"{laptop}: {total[language]}"
    # the study's title once, where its form is said to be new; never a count of 0
    assert sum(CSO_TITLE in line for line in lines) == 1
    assert not any(" 0 " in line for line in lines), lines


def test_json_still_gives_every_count_by_form_and_city_codes(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Scripts read --json: its codes and its 0s stay as they were."""
    capsys.readouterr()
    assert main(["merge", "--into", str(tmp_path / "sup.db"), str(laptop), "--json"]) == 0

    (merged,) = json.loads(capsys.readouterr().out)["merged"]
    assert merged["new_attachments"] == 0 and merged["new_events"] == 0
    assert merged["by_form_and_city"] == [
        {
            "form_id": "mx_border_cso",
            "city": "monterrey",
            "new_interviews": 2,
            "new_revisions": 2,
            "new_events": 0,
        },
        {
            "form_id": "mx_border_cso",
            "city": "tijuana",
            "new_interviews": 1,
            "new_revisions": 1,
            "new_events": 0,
        },
        {
            "form_id": "pilot_survey",
            "city": "tijuana",
            "new_interviews": 1,
            "new_revisions": 2,
            "new_events": 0,
        },
    ]


def _report(*conflicts: ConflictInfo) -> MergeReport:
    groups = (GroupCount("mx_border_gov", "tijuana", revisions=1, events=2),)
    return MergeReport(Path("beto.fieldapp"), "db", "device", groups, conflicts=conflicts)


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            [
                "beto.fieldapp: 1 new version, 2 new review events, 1 new conflict.",
                "  Government:",
                "    Tijuana: 1 new version, 2 new review events",
                "  In conflict, to resolve under View › Conflicts…:",
                "    Gov/Gob · Tijuana · 2026-10-07 (Government · Tijuana): 2 versions edited "
                "apart",
                "    5f0c2a9e (Government · Tijuana): 3 versions edited apart",
            ],
        ),
        (
            "es",
            [
                "beto.fieldapp: 1 versión nueva, 2 eventos de revisión nuevos, 1 conflicto nuevo.",
                "  Gobierno:",
                "    Tijuana: 1 versión nueva, 2 eventos de revisión nuevos",
                "  En conflicto, por resolver en Ver › Conflictos…:",
                "    Gov/Gob · Tijuana · 2026-10-07 (Gobierno · Tijuana): 2 versiones editadas "
                "por separado",
                "    5f0c2a9e (Gobierno · Tijuana): 3 versiones editadas por separado",
            ],
        ),
    ],
)
def test_each_conflict_is_a_line_naming_the_interview_as_the_list_does(
    language: str, said: list[str]
) -> None:
    """A conflict was one long sentence each, its form's full title and "resolve it in
    the Conflicts view" repeated; one without a name (sealed) was its whole uuid."""
    from fieldapp.core.study import actor_name

    named = ConflictInfo(
        "0d7e", "mx_border_gov", "tijuana", 2, new=True, name="Gov/Gob · Tijuana · 2026-10-07"
    )
    unnamed = ConflictInfo(
        "5f0c2a9e-1b2c-4d5e-8f90-123456789abc", "mx_border_gov", "tijuana", 3, False
    )

    lines = summary_lines(
        _report(named, unnamed),
        language,
        form_name=lambda form_id: actor_name(form_id.removeprefix("mx_border_"), language),
        city_name=str.title,
    )

    assert lines == said


def test_a_file_with_nothing_new_says_so_once() -> None:
    report = MergeReport(Path("ana.fieldapp"), "db", "device")
    assert summary_lines(report, "en") == [
        "ana.fieldapp: nothing new (everything in it was already here)."
    ]
    assert summary_lines(report, "es") == [
        "ana.fieldapp: nada nuevo (todo su contenido ya estaba aquí)."
    ]


def test_the_check_of_new_devices_is_said_once_above_a_line_each() -> None:
    """Each new laptop was a line of two hundred characters repeating the same check:
    the keys to compare were lost in it."""
    devices = (DeviceInfo("09c5d2cb", "e472 d38e 7043 ec06"), DeviceInfo("1568", "702c 20bd"))
    report = MergeReport(
        Path("tj.fieldapp"), "db", "device", (GroupCount("x", "", 1, 1),), new_devices=devices
    )

    english, spanish = summary_lines(report, "en"), summary_lines(report, "es")

    assert english[1].startswith("  2 new devices enrolled: check that each signing key ")
    assert english[2:4] == [
        "    device 09c5d2cb: signing key e472 d38e 7043 ec06",
        "    device 1568: signing key 702c 20bd",
    ]
    assert spanish[1].startswith("  2 dispositivos nuevos registrados: compruebe que cada ")
    assert spanish[2] == "    dispositivo 09c5d2cb: clave de firma e472 d38e 7043 ec06"
    assert english[-2:] == ["  x:", "    no city: 1 new interview, 1 new version"]


def test_study_forms_come_in_the_studys_order_of_actors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Security forces before key informant, as the Progress desk and `status` list them,
    not by form id (mx_border_informant sorts first); another form after the study's."""
    monkeypatch.setenv("FIELDAPP_LANG", "en")
    device = Device(tmp_path / "ana.db", "ana")
    for actor in ("informant", "security"):
        form_id = f"mx_border_{actor}"
        sha = device.add_form(study_form(actor).read_bytes(), form_id=form_id)
        device.create(sha, "tijuana", {}, form_id=form_id)
    own = device.add_form(form_id="a_pilot")
    device.create(own, "tijuana", {"name": "Mesa"}, form_id="a_pilot")
    device.close()
    capsys.readouterr()

    assert main(["merge", "--into", str(tmp_path / "supervisor.db"), str(device.path)]) == 0

    out = capsys.readouterr().out.splitlines()
    headings = [line for line in out if line.endswith(":") and "device" not in line]
    assert headings == ["  Security forces:", "  Key informant:", "  a pilot:"]
