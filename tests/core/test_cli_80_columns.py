"""`fieldapp status`, `fieldapp review list` and `fieldapp devices list` fit an 80-column
terminal, in English and in Spanish, on the study demo (a Windows console and most
terminals a supervisor opens are 80 wide: the status table ran to 106 and 119 columns, the
review list to 110 and 119, the devices list to 106 and 113, a revocation's reason beyond),
and still say every figure, every name and the codes ``--target`` takes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from study_keys import DRAFTS_PASSPHRASE, KEY_PASSPHRASE

from fieldapp.cli import main
from fieldapp.cli_review import _listing
from fieldapp.core import crypto
from fieldapp.core.demo import run_demo
from fieldapp.core.devices import certify_supervisor, revoke_device
from fieldapp.core.form_add import _with_settings
from fieldapp.core.interview_name import SEPARATOR, short_time
from fieldapp.core.messages import text
from fieldapp.core.progress import (
    RESEARCHER_COLUMNS,
    actor_name,
    heading,
    progress,
    researcher_figure,
)
from fieldapp.core.store import InterviewRow, RevisionId, Store, SubmissionId
from fieldapp.core.study import ACTOR_TYPES, study_forms

WIDTH = 80
"""A Windows console's width, and most terminals' when opened."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`fieldapp demo --interviews 120`: the study's four forms, conflicts included."""
    path = tmp_path_factory.mktemp("demo") / "d.db"
    run_demo(path, 120)
    return path


def run(
    demo: Path, language: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., str]:
    """Run a command in ``language`` on the demo (named as typed beside it, ``d.db``)."""
    monkeypatch.setenv("FIELDAPP_LANG", language)
    monkeypatch.chdir(demo.parent)

    def command(*argv: str) -> str:
        capsys.readouterr()
        assert main([*argv, "--db", demo.name]) == 0
        return capsys.readouterr().out

    return command


def too_wide(out: str) -> list[str]:
    return [f"{len(line)}: {line}" for line in out.splitlines() if len(line) > WIDTH]


def edges(bottom: str, headings: list[str]) -> list[int]:
    """Where each heading ends on the heading line nearest the figures (the last word of a
    heading on two lines): a right-aligned figure ends there."""
    found, end = [], 0
    for said in headings:
        last = said.split()[-1]
        end = bottom.index(last, end) + len(last)
        found.append(end)
    return found


def figure_at(line: str, edge: int) -> str:
    """The figure that ends at ``edge`` of ``line``, checked to end exactly there."""
    assert len(line) == edge or line[edge] == " ", f"not aligned at {edge}: {line!r}"
    return line[:edge].split()[-1]


@pytest.mark.parametrize("language", ["en", "es"])
def test_status_fits_80_columns_and_says_every_figure(
    demo: Path, language: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(demo, language, monkeypatch, capsys)("status")
    assert too_wide(out) == []
    lines = out.splitlines()
    with Store.open(demo, create=False) as store:
        figures = progress(store)

    # the codes --target takes: each city's beside it, each actor type's in a line under
    for city in ("juarez", "monterrey", "nuevo_laredo", "tijuana"):
        assert sum(1 for line in lines if line.endswith(f"({city})")) == 1, city
    said = " ".join(out.split())  # a line under the table may wrap anywhere
    for actor in ACTOR_TYPES:
        assert f"{actor_name(actor, language)} ({actor})" in said, actor

    # every group's figures, each number right-aligned under its heading
    drafts = text("progress.col.draft", language)
    top = next(i for i, line in enumerate(lines) if drafts in line.split())
    # drafts, finalized, returned, approved, target, share: one word each
    ends = [match.end() for match in re.finditer(r"\S+", lines[top])][-6:]
    checked = 0
    city_line = ""
    for line in lines[top + 1 :]:
        if not line.strip():
            break
        if not line.startswith(" "):
            city_line = line
            continue
        city = re.search(r"\((\w+)\)$", city_line)
        assert city is not None, city_line
        actor = next(a for a in ACTOR_TYPES if line.strip().startswith(actor_name(a, language)))
        cell = next(c for c in figures.study_grid() if (c.city, c.actor_type) == (city[1], actor))
        wanted = [
            *(str(cell.counts.get(state, 0)) for state in ("draft", "finalized", "returned")),
            str(cell.counts.get("approved", 0)),
            "-" if cell.target is None else str(cell.target),
            "-" if cell.share_of_target is None else f"{cell.share_of_target:.0%}",
        ]
        assert [figure_at(line, edge) for edge in ends] == wanted, line
        checked += 1
    assert checked == 16, "every study city × actor type"

    # the table per researcher: every figure under its heading (a heading may take 2 lines)
    title = lines.index(text("progress.researchers_title", language))
    rows = lines[title + 1 :]
    first = next(
        i for i, line in enumerate(rows) if line.startswith(figures.researchers[0].interviewer)
    )
    assert 1 <= first <= 2, "a heading of two words may take two lines"
    ends = edges(rows[first - 1], [heading(column, language) for column in RESEARCHER_COLUMNS])[1:]
    for person, line in zip(figures.researchers, rows[first:], strict=False):
        assert line.split()[0] == person.interviewer
        wanted = [researcher_figure(person, column, "-") for column in RESEARCHER_COLUMNS[1:]]
        assert [figure_at(line, edge) for edge in ends] == wanted, line
    shown = [line.split()[0] for line in rows[first : first + len(figures.researchers)]]
    assert shown == [person.interviewer for person in figures.researchers]


@pytest.mark.parametrize("language", ["en", "es"])
def test_review_list_fits_80_columns_and_says_every_interview(
    demo: Path, language: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    command = run(demo, language, monkeypatch, capsys)
    out = command("review", "list")
    assert too_wide(out) == []
    lines = out.splitlines()
    listed = json.loads(command("review", "list", "--json"))["interviews"]
    assert len(listed) > 80 and any(row["conflict"] for row in listed)
    conflicted = text("review.cli_conflicted", language)
    starts: dict[str, set[str]] = {}
    for row in listed:
        (line,) = [line for line in lines if line.startswith(row["short_id"] + " ")]
        assert row["name"] in line and row["interviewer"] in line.split()
        assert short_time(row["started"])[11:] in line.split(), "the time it started"
        below = lines[lines.index(line) + 1]
        assert (conflicted in below) == row["conflict"], (line, below)
        starts.setdefault(row["actor_type"], set()).add(row["name"].split(SEPARATOR)[0])
    # each actor type is said by its interviews' names, one way each, told apart
    assert all(len(said) == 1 for said in starts.values()), starts
    assert len({next(iter(said)) for said in starts.values()}) == len(starts) == 4
    assert text("count.review_waiting", language, count=len(listed)) in lines


def _rows(*named: tuple[str, str]) -> list[InterviewRow]:
    return [
        InterviewRow(
            SubmissionId(f"{index:08x}-0000-4000-8000-000000000000"),
            "mx_border_cso",
            "",
            actor,
            "tijuana",
            "TJ01",
            "finalized",
            name,
            "2026-06-01T18:00:00+00:00",
            "2026-06-01T19:00:00+00:00",
            1,
            RevisionId("r"),
        )
        for index, (actor, name) in enumerate(named)
    ]


def test_the_actor_column_stays_where_the_names_do_not_say_the_actor() -> None:
    """Names that start with an organization say no actor type: the column stays."""
    study = _rows(
        ("cso", "CSO/OSC · Tijuana · 2026-06-01"),
        ("cso", "CSO/OSC · Tijuana · 2026-06-02"),
        ("gov", "Gov/Gob · Tijuana · 2026-06-03"),
    )
    organizations = _rows(
        ("cso", "Red Fronteriza · Tijuana · 2026-06-01"),
        ("cso", "Colectivo Sur · Tijuana · 2026-06-02"),
        ("gov", "Gov/Gob · Tijuana · 2026-06-03"),
    )
    alone = _rows(("cso", "Red Fronteriza · Tijuana · 2026-06-01"))
    for rows, shown in ((study, False), (organizations, True), (alone, True)):
        short = {row.submission_id: row.submission_id[:8] for row in rows}
        header, _lines = _listing(rows, short, str)
        assert ("Actor" in header) == shown, rows


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_line_marking_an_instance_id_claim_fits_80_columns(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`review list` says under an interview of a claim the other's id, and under a copy
    --key shows the same its interview's (claims4): within 80 columns, ids a character
    longer than most (two ids starting alike) included."""
    monkeypatch.setenv("FIELDAPP_LANG", language)
    rows = _rows(
        ("cso", "CSO/OSC · Tijuana · 2026-06-01"), ("cso", "CSO/OSC · Tijuana · 2026-06-02")
    )
    short = {row.submission_id: row.submission_id[:9] for row in rows}
    first, second = (row.submission_id for row in rows)
    notes = {
        first: [text("review.cli_claim_marked", other=short[second])],
        second: [text("review.cli_copy_same", other=short[first])],
    }
    _header, lines = _listing(rows, short, str, notes)
    marks = [line[0] for line in lines if len(line) == 1]
    assert len(marks) == 2 and short[second] in marks[0] and short[first] in marks[1]
    assert [mark for mark in marks if len(mark) > WIDTH] == []


REASON = "robada en Tijuana con su cargador, su funda y la libreta de campo"
"""A revocation's reason as a supervisor types it: longer than a line's room beside an id."""


@pytest.fixture(scope="module")
def study_db(
    tmp_path_factory: pytest.TempPathFactory, pair: crypto.KeyPair
) -> tuple[Path, Path, str]:
    """A supervisor's database: the demo's laptops, the security form sealed, this device
    certified, one laptop revoked; return it, the study key file and the revoked laptop."""
    folder = tmp_path_factory.mktemp("study")
    forms = []
    for form in study_forms():
        if form.actor_type == "security":
            sealed = _with_settings(form.path.read_bytes(), public_key=pair.public_key)
            (folder / "security.xlsx").write_bytes(sealed)
        forms.append(folder / "security.xlsx" if form.actor_type == "security" else form.path)
    path = folder / "d.db"
    with pytest.MonkeyPatch.context() as patch:  # the suite's cheap drafts cost (conftest)
        patch.setattr(crypto, "DRAFTS_SCRYPT_N", 2**12)
        run_demo(path, 40, forms=forms, drafts_passphrase=DRAFTS_PASSPHRASE)
    with Store.open(path, create=False) as store:
        certify_supervisor(store, crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE))
        (laptop,) = store.conn.execute("SELECT min(device_id) FROM revisions").fetchone()
        revoke_device(store, laptop, reason=REASON, author="Rosa")
    key = folder / "study-private-key.pem"
    key.write_bytes(pair.private_pem)
    return path, key, laptop


@pytest.mark.parametrize("keyed", [False, True], ids=["before the key", "with --key"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_devices_list_fits_80_columns_and_says_every_figure(
    study_db: tuple[Path, Path, str],
    language: str,
    keyed: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each device's id (to revoke it), its status with a revocation's who, when and why,
    its key's fingerprint (to compare with the laptop's), its interviews, revisions and
    last save, and the sealed interviews left out before the key."""
    path, key, revoked = study_db
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    command = run(path, language, monkeypatch, capsys)
    with_key = ("--key", str(key)) if keyed else ()
    out = command("devices", "list", *with_key)
    assert too_wide(out) == []
    shown = json.loads(command("devices", "list", *with_key, "--json"))
    listed = shown["devices"]
    assert len(listed) >= 8 and (shown["sealed_hidden"] > 0) != keyed
    lines = out.splitlines()
    device, fingerprint, *counted, status = text("devices.list_columns", language).split("|")
    assert lines[0].split() == [device, status]
    assert lines[1].startswith(f"  {fingerprint} ")
    ends = edges(lines[1], counted)
    said: dict[str, str] = {}
    for row in listed:
        (at,) = [i for i, line in enumerate(lines) if line.startswith(row["device_id"] + " ")]
        # the status goes on under itself; the figures line is indented two
        below = next(i for i in range(at + 1, len(lines)) if re.match(r"  \S", lines[i]))
        assert len(lines[at].split()[0]) == 36, "the whole id, as revoke takes it"
        said[row["device_id"]] = " ".join(" ".join(lines[at:below]).split()[1:])
        figures = lines[below]
        assert figures.startswith(f"  {row['fingerprint']}  "), figures
        interviews, revisions = (figure_at(figures, edge) for edge in ends[:2])
        assert (interviews, revisions) == (f"{row['interviews']:,}", f"{row['revisions']:,}")
        last = row["last_saved"][:16].replace("T", " ") or "-"
        assert figures[: ends[2]].endswith(f"  {last}") and len(figures) == ends[2], figures
    this = text("devices.status_supervisor", language)
    (supervisor,) = [row for row in listed if row["this_laptop"]]
    assert said.pop(supervisor["device_id"]) == text("devices.status_this", language, status=this)
    day = next(row["at"] for row in listed if row["device_id"] == revoked)[:10]
    assert said.pop(revoked) == text(
        "devices.status_revoked", language, by="Rosa", day=day, reason=REASON
    )
    assert set(said.values()) == {text("devices.status_laptop", language)}
    # every interview is in a laptop's count, or in the line that says it is left out
    with Store.open(path, create=False) as store:
        held = store.conn.execute("SELECT count(*) FROM submissions").fetchone()[0]
    assert sum(row["interviews"] for row in listed) + shown["sealed_hidden"] == held
    hidden = text("devices.cli_sealed_hidden", language, count=shown["sealed_hidden"])
    assert (hidden in " ".join(out.split())) != keyed
