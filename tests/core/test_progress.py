"""Progress figures: counts per city × actor × state, targets that merge, researchers' pace."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import validate
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.progress import clear_target, progress, set_target, targets
from fieldapp.core.store import Store, SubmissionId
from fieldapp.core.validate import check_store

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "select_one city", "name": "city", "label": "Ciudad"},
]
CITIES = [
    {"list_name": "city", "name": name, "label": label}
    for name, label in (("juarez", "Ciudad Juárez"), ("tijuana", "Tijuana"))
]
TIJUANA = dt.timezone(dt.timedelta(hours=-8))


class Clock:
    def __init__(self) -> None:
        self.moment = dt.datetime(2026, 6, 1, 9, 0, tzinfo=TIJUANA)

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, minutes: float) -> None:
        self.moment += dt.timedelta(minutes=minutes)


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "cso.xlsx", SURVEY, CITIES, settings={"form_id": "cso"})


@pytest.fixture
def gov_form_path(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "gov.xlsx", SURVEY, CITIES, settings={"form_id": "gov"})


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, form_path: Path, gov_form_path: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(tmp_path / "supervisor.db", clock=clock) as opened:
        opened.forms.add(form_path)
        opened.forms.add(gov_form_path)
        yield opened


def interview(
    store: Store,
    clock: Clock,
    *,
    who: str = "TJ01",
    city: str = "tijuana",
    actor: str = "cso",
    minutes: float = 60,
    finalize: bool = True,
) -> SubmissionId:
    sha = store.forms.records()[0].sha256
    sid = store.interviews.start(sha, interviewer=who, city=city, actor_type=actor)
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "org": "Consejo"})
    clock.advance(minutes)
    if finalize:
        store.interviews.finalize(sid)
    else:
        store.interviews.save(sid)
    clock.advance(10)
    return sid


def test_counts_per_city_actor_and_state_follow_each_interview(store: Store, clock: Clock) -> None:
    approved = interview(store, clock)
    returned = interview(store, clock)
    interview(store, clock)
    interview(store, clock, finalize=False)
    interview(store, clock, city="juarez", actor="gov", who="CJ01")
    store.review.approve(approved, author="sup")
    store.review.return_interview(returned, comment="Falta la fecha", author="sup")

    figures = progress(store)
    tijuana = figures.cell("tijuana", "cso")
    assert tijuana is not None
    assert dict(tijuana.counts) == {"approved": 1, "returned": 1, "finalized": 1, "draft": 1}
    assert tijuana.total == 4
    juarez = figures.cell("juarez", "gov")
    assert juarez is not None and dict(juarez.counts) == {"finalized": 1}
    assert figures.totals == {"draft": 1, "finalized": 2, "returned": 1, "approved": 1}
    assert figures.cell("monterrey", "cso") is None


def test_status_lists_actor_types_in_the_studys_order_as_the_desk_does(
    store: Store, clock: Clock
) -> None:
    # `fieldapp status` put key informants before security forces (by code), the
    # Progress desk after them (the study's order): one table, two orders.
    for actor in ("informant", "security", "gov", "cso", "media"):
        interview(store, clock, actor=actor)
    order = [(cell.city, cell.actor_type) for cell in progress(store).cells]
    assert order == [
        ("tijuana", "cso"),
        ("tijuana", "gov"),
        ("tijuana", "security"),
        ("tijuana", "informant"),
        ("tijuana", "media"),  # a type the study does not name, after its own
    ]


def test_status_lists_every_study_group_as_the_desk_does_even_one_nobody_has_interviewed(
    store: Store, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    # `fieldapp status` listed only groups with interviews or a target, the Progress desk
    # every study city and actor: a supervisor reading the terminal could not see that
    # nobody has interviewed Monterrey's security forces yet.
    interview(store, clock, actor="cso")
    interview(store, clock, actor="media")
    path = str(store.path)
    store.close()
    assert main(["status", "--db", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = lines[lines.index(next(line for line in lines if "Drafts" in line)) + 1 :]
    cities = [line for line in table if line and not line.startswith(" ")]
    assert cities[:4] == [
        "Ciudad Juárez (juarez)",
        "Monterrey (monterrey)",
        "Nuevo Laredo (nuevo_laredo)",
        "Tijuana (tijuana)",
    ]
    monterrey = table[table.index("Monterrey (monterrey)") + 1 :][:4]
    assert [row.split()[:2] for row in monterrey] == [
        ["Civil", "society"],
        ["Government", "0"],
        ["Security", "forces"],
        ["Key", "informant"],
    ]
    security = next(row for row in monterrey if "Security forces" in row)
    assert security.split()[-6:] == ["0", "0", "0", "0", "-", "-"]
    tijuana = table[table.index("Tijuana (tijuana)") + 1 :]
    assert tijuana[4].split()[0] == "media", "a type the study does not name comes after its own"
    assert tijuana[0].split()[-6:] == ["0", "1", "0", "0", "-", "-"]
    # the actor types' codes --target takes, in a line under the table, "media" as it is
    said = " ".join(" ".join(lines).split())
    assert "Security forces (security), Key informant (informant), media." in said


def test_per_researcher_pace_duration_and_share_returned(store: Store, clock: Clock) -> None:
    first = interview(store, clock, minutes=40)
    interview(store, clock, minutes=60)
    clock.advance(24 * 60)  # the next day
    interview(store, clock, minutes=95)
    interview(store, clock, finalize=False)  # a draft counts for nobody's pace
    interview(store, clock, who="CJ01", city="juarez", minutes=30)
    store.review.return_interview(first, comment="Revise", author="sup")
    store.interviews.autosave(
        first, {**store.interviews.working_answers(first), "org": "Consejo Cívico"}
    )
    clock.advance(600)
    store.interviews.finalize(
        first
    )  # finalizing again neither counts twice nor stretches its duration

    researchers = {r.interviewer: r for r in progress(store).researchers}
    tj = researchers["TJ01"]
    assert tj.finalized == 3
    assert dict(tj.per_day) == {"2026-06-01": 2, "2026-06-02": 1}
    assert tj.finalized_per_day == 1.5
    assert tj.median_minutes == pytest.approx(60)
    assert (tj.returned, tj.share_returned) == (1, pytest.approx(1 / 3))
    cj = researchers["CJ01"]
    assert (cj.finalized, cj.median_minutes, cj.share_returned) == (1, pytest.approx(30), 0)


def test_the_latest_target_wins_and_targets_travel_both_ways_with_merges(
    tmp_path: Path, form_path: Path, store: Store, clock: Clock
) -> None:
    set_target(store, "tijuana", "cso", 10, author="sup")
    clock.advance(1)
    set_target(store, "tijuana", "cso", "12", author="sup")
    set_target(store, "juarez", "gov", 5)
    sid = interview(store, clock)
    store.review.approve(sid)
    cell = progress(store).cell("tijuana", "cso")
    assert cell is not None and (cell.target, cell.approved) == (12, 1)
    assert cell.share_of_target == pytest.approx(1 / 12)
    empty = progress(store).cell("juarez", "gov")
    assert empty is not None and (empty.total, empty.target) == (0, 5), "a target with no work"

    other_clock = Clock()
    other_clock.advance(60 * 24 * 30)  # a clock a month ahead of every target above...
    with Store.open(tmp_path / "coordinator.db", clock=other_clock) as other:
        other.forms.add(form_path)
        set_target(other, "tijuana", "cso", 99, author="coordinator")
        merge_database(other, store.path)
        # ...does not make a target later: it was set before its writer saw the others.
        assert targets(other) == targets(store) == {("tijuana", "cso"): 12, ("juarez", "gov"): 5}
        set_target(other, "tijuana", "cso", 20, author="coordinator")  # after seeing them
        report = merge_database(store, other.path)
        assert report.changed_submissions == ()
        merge_database(other, store.path)
        assert targets(other) == targets(store) == {("tijuana", "cso"): 20, ("juarez", "gov"): 5}
        merge_database(store, other.path)  # again: nothing new, nothing changes
        assert targets(store) == {("tijuana", "cso"): 20, ("juarez", "gov"): 5}


@pytest.mark.parametrize("bad", [-1, "veinte", "2.5", ""])
def test_a_target_must_be_a_whole_number(store: Store, bad: object) -> None:
    with pytest.raises(FieldappError) as refused:
        set_target(store, "tijuana", "cso", bad)
    assert refused.value.code == "review.bad_target"
    assert targets(store) == {}


@pytest.mark.parametrize("huge", [2**63, "99999999999999999999"])
def test_a_target_no_merge_would_take_is_refused_when_typed(store: Store, huge: object) -> None:
    # Past SQLite's integers every laptop's merge refuses the package holding it.
    with pytest.raises(FieldappError) as refused:
        set_target(store, "tijuana", "cso", huge)
    assert refused.value.code == "review.target_too_large"
    assert str(huge) in refused.value.text("es")
    assert targets(store) == {}
    set_target(store, "tijuana", "cso", 2**63 - 1)
    assert targets(store) == {("tijuana", "cso"): 2**63 - 1}


@pytest.mark.parametrize(
    ("city", "actor", "code", "listed"),
    [
        ("atlantis", "cso", "review.unknown_target_city", "juarez, tijuana"),
        ("tijuana", "nosuchactor", "review.unknown_target_actor", "cso, gov"),
    ],
)
def test_a_target_names_a_city_and_actor_the_forms_offer(
    store: Store, city: str, actor: str, code: str, listed: str
) -> None:
    with pytest.raises(FieldappError) as refused:
        set_target(store, city, actor, 5)
    assert refused.value.code == code
    assert listed in refused.value.text("en")
    assert targets(store) == {}, "a refused target would merge into every database for good"


def test_status_refuses_a_target_no_form_offers(
    store: Store, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    # A city typed at start that the form's list lacks still counts: it holds interviews.
    interview(store, clock, city="monterrey")
    path = str(store.path)
    assert (
        main(["status", "--db", path, "--target", "monterrey", "cso", "4", "--author", "Rosa"]) == 0
    )
    capsys.readouterr()
    assert (
        main(["status", "--db", path, "--target", "atlantis", "cso", "5", "--author", "Rosa"]) == 1
    )
    err = capsys.readouterr().err
    assert "atlantis" in err and "juarez, monterrey, tijuana" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert targets(store) == {("monterrey", "cso"): 4}


def test_status_command_prints_the_table_and_json(
    store: Store, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    store.review.approve(interview(store, clock), author="sup")
    interview(store, clock, minutes=30)
    path = str(store.path)
    assert (
        main(["status", "--db", path, "--target", "tijuana", "cso", "8", "--author", "Rosa"]) == 0
    )
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "Tijuana (tijuana)" in lines, "the city on a line of its own, its code beside it"
    cso_line = lines[lines.index("Tijuana (tijuana)") + 1]
    assert cso_line.split() == ["Civil", "society", "0", "1", "0", "1", "8", "12%"]
    assert "Civil society (cso)" in " ".join(out.split()), "its code in the line under"
    assert "TJ01" in out

    assert main(["status", "--db", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"] == {"draft": 0, "finalized": 1, "returned": 0, "approved": 1}
    (cell,) = data["cells"]
    assert (cell["city"], cell["target"], cell["approved"]) == ("tijuana", 8, 1)
    (researcher,) = data["researchers"]
    assert researcher["median_minutes"] == pytest.approx(45)
    assert list(researcher) == [
        "interviewer",
        "finalized",
        "days",
        "finalized_per_day",
        "median_minutes",
        "returned",
        "share_returned",
        "per_day",
    ]
    assert researcher["per_day"] == {"2026-06-01": 2} and researcher["days"] == 1

    refused = [
        "--target",
        "juarez",
        "gov",
        "3",
        "--target",
        "tijuana",
        "cso",
        "muchas",
        "--author",
        "Rosa",
    ]
    assert main(["status", "--db", path, *refused]) == 1
    assert "whole number" in capsys.readouterr().err
    assert targets(store) == {("tijuana", "cso"): 8}, "one refused target: none is stored"
    assert main(["status", "--db", str(store.path.parent / "missing.db")]) == 1
    assert capsys.readouterr().err.startswith("fieldapp: ")


def test_without_start_and_end_the_duration_runs_from_start_to_first_finalizing(
    tmp_path: Path, clock: Clock
) -> None:
    bare = write_xlsform(
        tmp_path / "bare.xlsx",
        [{"type": "text", "name": "org", "label": "Organización"}],
        settings={"form_id": "bare"},
    )
    with Store.open(tmp_path / "bare.db", clock=clock) as store:
        store.forms.add(bare)
        for minutes in (20, 50, 80):
            interview(store, clock, minutes=minutes)
        (researcher,) = progress(store).researchers
        assert researcher.median_minutes == pytest.approx(50)
        assert dict(researcher.per_day) == {"2026-06-01": 3}


def test_status_reads_while_another_program_writes(
    store: Store, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    # The supervisor looks at progress while the desktop merges a USB stick's packages.
    import sqlite3

    interview(store, clock)
    writer = sqlite3.connect(store.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        assert main(["status", "--db", str(store.path), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["totals"]["finalized"] == 1
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_cleared_target_shows_no_target_and_no_share(store: Store, clock: Clock) -> None:
    store.review.approve(interview(store, clock), author="sup")
    set_target(store, "tijuana", "cso", 4, author="Rosa")
    clear_target(store, "tijuana", "cso", author="Rosa")
    cell = progress(store).cell("tijuana", "cso")
    assert cell is not None and (cell.target, cell.share_of_target) == (None, None)
    assert cell.approved == 1, "clearing a target touches no interview"
    (cleared,) = store.conn.execute(
        "SELECT author, payload FROM events WHERE kind = 'target' ORDER BY rowid DESC LIMIT 1"
    )
    assert cleared[0] == "Rosa", "who cleared it is recorded, as for a set"
    assert json.loads(cleared[1])["target"] is None
    assert check_store(store).bad == [], "a merge takes the clear in"
    set_target(store, "tijuana", "cso", 6, author="Rosa")
    assert targets(store) == {("tijuana", "cso"): 6}, "a target can be set again"


def test_clearing_a_cell_without_a_target_is_refused_and_records_nothing(store: Store) -> None:
    set_target(store, "juarez", "gov", 3)
    events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    with pytest.raises(FieldappError) as refused:
        clear_target(store, "tijuana", "cso", author="Rosa")
    assert refused.value.code == "review.no_target_to_clear"
    with pytest.raises(FieldappError) as unknown:
        clear_target(store, "atlantis", "cso", author="Rosa")
    assert unknown.value.code == "review.unknown_target_city"
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == events
    assert targets(store) == {("juarez", "gov"): 3}


def test_a_clear_and_a_set_on_two_laptops_the_newest_decision_wins_after_merges(
    tmp_path: Path, form_path: Path, store: Store, clock: Clock
) -> None:
    set_target(store, "tijuana", "cso", 10, author="sup")
    ahead = Clock()
    ahead.advance(60 * 24 * 30)  # a clock a month ahead decides nothing by itself
    with Store.open(tmp_path / "coordinator.db", clock=ahead) as other:
        other.forms.add(form_path)
        merge_database(other, store.path)
        clear_target(other, "tijuana", "cso", author="coordinator")  # after seeing the 10
        merge_database(store, other.path)
        merge_database(other, store.path)
        assert targets(store) == targets(other) == {}, "the clear came after the set"
        assert progress(store).cell("tijuana", "cso") is None

        set_target(store, "tijuana", "cso", 12, author="sup")  # after seeing the clear
        merge_database(other, store.path)
        merge_database(store, other.path)
        assert targets(store) == targets(other) == {("tijuana", "cso"): 12}

        # Both decide without seeing the other's decision: the set that follows more of its
        # writer's work is the later one on both laptops, though the clear's clock is ahead.
        clear_target(other, "tijuana", "cso", author="coordinator")
        for number in (13, 14, 15):
            set_target(store, "tijuana", "cso", number, author="sup")
        merge_database(store, other.path)
        merge_database(other, store.path)
        assert targets(store) == targets(other) == {("tijuana", "cso"): 15}
        merge_database(store, other.path)  # again: nothing new, nothing changes
        assert targets(store) == {("tijuana", "cso"): 15}


def test_a_target_event_without_its_number_is_refused_but_a_clear_is_not(store: Store) -> None:
    def forged(uuid: str, payload: dict[str, object]) -> None:
        store.conn.execute(
            "INSERT INTO events VALUES (?, '', NULL, 'target', 'mallory', 'd', "
            "'2026-06-01T09:00:00+00:00', ?)",
            [uuid, json.dumps(payload)],
        )

    forged("e0000000-0000-4000-8000-000000000001", {"city": "tijuana", "actor_type": "cso"})
    forged(
        "e0000000-0000-4000-8000-000000000002",
        {"city": "tijuana", "actor_type": "gov", "target": None},
    )
    bad = {(row.key, row.rule) for row in check_store(store).bad}
    assert bad == {("e0000000-0000-4000-8000-000000000001", "rows.bad_payload")}


def test_status_clears_a_target_and_says_so_in_the_windows_words(
    store: Store, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    interview(store, clock)
    path = str(store.path)
    assert (
        main(["status", "--db", path, "--target", "tijuana", "cso", "8", "--author", "Rosa"]) == 0
    )
    capsys.readouterr()
    clear = ["--clear-target", "tijuana", "cso", "--author", "Rosa"]
    assert main(["status", "--db", path, *clear]) == 0
    out = capsys.readouterr().out
    assert "Target for Tijuana / Civil society cleared" in out
    cso_line = next(line for line in out.splitlines() if line.startswith("  Civil society"))
    assert cso_line.split()[-2:] == ["-", "-"], "no target and no share"
    header = next(line for line in out.splitlines() if line.startswith("City"))
    assert header.split()[-2:] == ["Target", "%"] and "Drafts" in header
    assert "draft " not in header
    assert targets(store) == {}

    assert main(["status", "--db", path, *clear]) == 1, "nothing left to clear"
    err = capsys.readouterr().err
    assert "no target to clear" in err and len(err.strip().splitlines()) == 1
    assert main(["status", "--db", path, "--json"]) == 0
    (cell,) = json.loads(capsys.readouterr().out)["cells"]
    assert (cell["target"], cell["share_of_target"]) == (None, None)


def test_a_previous_version_refuses_a_clear_at_merge_and_keeps_its_target(
    tmp_path: Path, form_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_target(store, "tijuana", "cso", 10, author="sup")
    with Store.open(tmp_path / "older.db") as older:
        older.forms.add(form_path)
        merge_database(older, store.path)
        clear_target(store, "tijuana", "cso", author="sup")
        # The older laptop's row rules know a target as a number only.
        numbers_only = (True, {"city": "text", "actor_type": "text", "target": "integer"})
        monkeypatch.setattr(
            validate, "EVENT_KINDS", {**validate.EVENT_KINDS, "target": numbers_only}
        )
        monkeypatch.setattr(
            validate, "RULES", {**validate.RULES, "events": validate._event_rules()}
        )
        with pytest.raises(FieldappError) as refused:
            merge_database(older, store.path)
        assert refused.value.code == "merge.bad_row"
        assert "Traceback" not in refused.value.text("en")
        assert targets(older) == {("tijuana", "cso"): 10}, "the older laptop keeps what it had"


def test_status_says_how_many_interviews_are_in_conflict_and_how_they_count(
    store: Store, clock: Clock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After a stick with an interview corrected on two laptops, `fieldapp status` counted
    it by its newest version and said nothing of the conflict: an approval the other
    laptop's edit had overtaken just vanished from *Approved*."""
    sid = interview(store, clock)
    interview(store, clock)
    with Store.open(tmp_path / "laptop.db", clock=clock) as laptop:
        merge_database(laptop, store.path)
        store.review.approve(sid, author="sup")  # approved here while the laptop corrects it
        laptop.interviews.reopen(sid)
        laptop.interviews.autosave(sid, {**laptop.interviews.working_answers(sid), "org": "x"})
        clock.advance(5)
        laptop.interviews.finalize(sid)
    merge_database(store, tmp_path / "laptop.db")

    assert progress(store).conflicts == 1
    assert main(["status", "--db", str(store.path)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # wrapped to 80 columns
    assert (
        "1 interview is in conflict (edited on two laptops): it counts as its newest version "
        "until the conflict is resolved under View › Conflicts…"
    ) in out
    assert main(["status", "--db", str(store.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == 1
