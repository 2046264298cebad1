"""``fieldapp status`` names cities and actor types in the supervisor's words, in English
and in Spanish, with the code ``--target`` takes beside each city and, for the actor types,
in a line under the table; ``--json`` keeps the codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from xlsform import EN, ES, write_xlsform

from fieldapp.cli import main
from fieldapp.core.store import Store

SURVEY = [
    {"type": "text", "name": "org", EN: "Organization", ES: "Organización"},
    {"type": "select_one city", "name": "city", EN: "City", ES: "Ciudad"},
]
CITIES = [
    {"list_name": "city", "name": "juarez", EN: "Juarez City", ES: "Ciudad Juárez"},
    {"list_name": "city", "name": "nuevo_laredo", EN: "Nuevo Laredo", ES: "Nuevo Laredo"},
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    form = write_xlsform(tmp_path / "cso.xlsx", SURVEY, CITIES, settings={"form_id": "cso"})
    with Store.open(tmp_path / "supervisor.db") as store:
        sha = store.forms.add(form).sha256
        for city, actor in (("nuevo_laredo", "cso"), ("nuevo_laredo", "cso"), ("juarez", "gov")):
            store.interviews.start(sha, interviewer="NL01", city=city, actor_type=actor)
        return store.path


def run(
    db: Path,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
) -> list[str]:
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["status", "--db", str(db), *extra]) == 0
    return capsys.readouterr().out.splitlines()


def bare_codes(lines: list[str]) -> list[str]:
    """The codes a line shows outside the brackets that tell what ``--target`` takes."""
    return [
        code
        for line in lines
        for code in ("juarez", "nuevo_laredo", "cso", "gov")
        if re.search(rf"(?<!\(){code}\b", line)
    ]


def test_the_table_names_cities_and_actors_in_english(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = run(db, "en", monkeypatch, capsys)
    table = lines[1 : under(lines, "Target:")]  # drafts only: no table per researcher below
    assert table[0].startswith("City / Actor")
    assert [line for line in table[1:] if not line.startswith(" ")] == [
        "Juarez City (juarez)",
        "Monterrey (monterrey)",  # every study city, as the Progress desk lists them
        "Nuevo Laredo (nuevo_laredo)",
        "Tijuana (tijuana)",
    ]
    assert group(table, "Juarez City (juarez)", 1).split()[:2] == ["Government", "1"]
    assert group(table, "Nuevo Laredo (nuevo_laredo)", 0).split()[:3] == [
        "Civil",
        "society",
        "2",
    ], "two drafts"
    said = " ".join(" ".join(lines[under(lines, "Target:") :]).split())
    assert "ACTOR one of Civil society (cso), Government (gov), Security forces" in said
    assert bare_codes(lines) == [], "a supervisor reads words; the codes only in brackets"


def under(lines: list[str], start: str) -> int:
    """Where the line under the table, which says the actor types' codes, starts."""
    return lines.index(next(line for line in lines if line.startswith(start)))


def group(table: list[str], city: str, actor: int) -> str:
    """The line of the ``actor``-th actor type (the study's order) under ``city``."""
    return table[table.index(city) + 1 + actor]


def test_the_table_names_cities_and_actors_in_spanish_and_a_target_says_so(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = ["--target", "nuevo_laredo", "cso", "3", "--author", "Rosa"]
    lines = run(db, "es", monkeypatch, capsys, *target)
    assert lines[0] == "Meta de Nuevo Laredo / Sociedad civil: 3 entrevistas."
    table = lines[2 : under(lines, "Meta:")]
    assert table[0].startswith("Ciudad / Actor")
    assert table[1] == "Ciudad Juárez (juarez)"
    assert group(table, "Ciudad Juárez (juarez)", 1).split()[:2] == ["Gobierno", "1"]
    assert group(table, "Nuevo Laredo (nuevo_laredo)", 0).split() == [
        *("Sociedad", "civil", "2", "0", "0", "0", "3", "0%")
    ]
    said = " ".join(" ".join(lines[under(lines, "Meta:") :]).split())
    assert "ACTOR uno de Sociedad civil (cso), Gobierno (gov), Fuerzas de seguridad" in said
    assert bare_codes(lines) == []


def test_json_keeps_the_codes(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads("\n".join(run(db, "es", monkeypatch, capsys, "--json")))
    cells = [(cell["city"], cell["actor_type"], cell["draft"]) for cell in data["cells"]]
    assert cells == [("juarez", "gov", 1), ("nuevo_laredo", "cso", 2)]


def test_a_target_takes_the_city_and_actor_as_the_table_names_them(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reading "Ciudad Juárez" and "Gobierno" in the table, the supervisor typed them:
    refused with "No form of this database offers the city «Ciudad Juárez»", which the
    table had just shown. `review list --city` took the name; `--actor` took neither."""
    target = ["--target", "ciudad juárez", "Gobierno", "4", "--author", "Rosa"]
    lines = run(db, "es", monkeypatch, capsys, *target)
    assert lines[0] == "Meta de Ciudad Juárez / Gobierno: 4 entrevistas."
    target = ["--target", "Juarez City", "Civil society", "2", "--author", "Rosa"]
    lines = run(db, "en", monkeypatch, capsys, *target)
    assert lines[0] == "Target for Juarez City / Civil society: 2 interviews."
    monkeypatch.setenv("FIELDAPP_LANG", "es")
    with Store.open(db) as store:  # the codes are recorded, as a code typed records them
        from fieldapp.core.progress import targets

        assert targets(store) == {("juarez", "gov"): 4, ("juarez", "cso"): 2}
    clear = ["--clear-target", "Ciudad Juárez", "Sociedad civil", "--author", "Rosa"]
    assert run(db, "es", monkeypatch, capsys, *clear)[0].startswith(
        "Meta de Ciudad Juárez / Sociedad civil quitada"
    )
    capsys.readouterr()
    lines = run(
        db,
        "es",
        monkeypatch,
        capsys,
        "--target",
        "ciudad juarez",
        "GOBIERNO",
        "5",
        "--author",
        "Rosa",
    )
    assert lines[0] == "Meta de Ciudad Juárez / Gobierno: 5 entrevistas.", "no accent typed"
    listed = ["review", "list", "--db", str(db), "--actor", "Sociedad civil"]
    assert main(listed) == 0, capsys.readouterr().err
