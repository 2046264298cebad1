"""``fieldapp review``: the desktop's review queue from a terminal, through the same core calls.

Each test runs the command as a supervisor would and reads the database afterwards: what
was decided, what reaches the researcher's laptop, and that every refusal is one line on
stderr, exit code 1 and a database left byte for byte as it was.
"""

from __future__ import annotations

import functools
import json
import os
import uuid
from pathlib import Path

import pytest
from study_keys import KEY_PASSPHRASE, sealed_form
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.review import comments_for_researcher
from fieldapp.core.store import Store, SubmissionId

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "begin group", "name": "org", "label": "Organización"},
    {"type": "text", "name": "name", "label": "Nombre"},
    {"type": "integer", "name": "members", "label": "Miembros"},
    {"type": "end group"},
]
SETTINGS = {"form_id": "cso", "form_title": "OSC", "version": "1"}
DRAFTS = "cuaderno de campo 2026"


ANSWERS = {"org/name": "Consejo Cívico", "org/members": 12}


def _laptop_with(
    path: Path, form: Path, *interviews: tuple[str, str, bool], answers: dict | None = None
) -> list[SubmissionId]:
    """Write interviews (city, interviewer, finalized?) on a laptop's database."""
    done = []
    with Store.open(path) as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sha = laptop.forms.add(form).sha256
        for city, interviewer, final in interviews:
            sid, _ = laptop.interviews.submit(
                sha,
                answers or ANSWERS,
                finalize=final,
                interviewer=interviewer,
                city=city,
            )
            done.append(sid)
    return done


@pytest.fixture
def field(tmp_path: Path) -> tuple[Path, Path, list[SubmissionId]]:
    """A laptop with two finalized interviews and a draft, merged into the supervisor's."""
    form = write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=SETTINGS)
    laptop, supervisor = tmp_path / "laptop.db", tmp_path / "supervisor.db"
    ids = _laptop_with(
        laptop,
        form,
        ("tijuana", "TJ01", True),
        ("juarez", "CJ01", True),
        ("tijuana", "TJ02", False),
    )
    with Store.open(supervisor) as store:
        merge_database(store, laptop)
    return laptop, supervisor, ids


def _run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    code = main(list(words))
    said = capsys.readouterr()
    return code, said.out, said.err


def _state(db: Path, sid: str) -> str:
    with Store.open(db, create=False) as store:
        (head,) = store.interviews.heads(SubmissionId(sid))
        return head.state


def _file_bytes(db: Path) -> dict[str, bytes]:
    """The database's files as they are on disk (the WAL and its index too)."""
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))}


def test_the_queue_lists_finalized_interviews_and_approve_takes_a_listed_id(
    field: tuple[Path, Path, list[SubmissionId]], capsys: pytest.CaptureFixture[str]
) -> None:
    _, db, (tijuana, juarez, draft) = field
    code, out, _ = _run(capsys, "review", "list", "--db", str(db))
    assert code == 0
    assert tijuana[:8] in out and juarez[:8] in out and draft[:8] not in out
    assert "TJ01" in out and "CJ01" in out and "Ciudad Juárez" in out  # as the desk names it
    assert "2 interviews wait for review" in out

    code, out, _ = _run(capsys, "review", "list", "--db", str(db), "--interviewer", "CJ01")
    assert juarez[:8] in out and tijuana[:8] not in out

    code, out, err = _run(
        capsys, "review", "approve", tijuana[:8], "--db", str(db), "--author", "Rosa",
        "--comment", "Completa",
    )  # fmt: skip
    assert code == 0, err
    assert f"Approved {tijuana}" in out
    assert _state(db, tijuana) == "approved" and _state(db, juarez) == "finalized"
    with Store.open(db, create=False) as store:
        (event,) = [e for e in store.events.of(tijuana) if e.kind == "approved"]
    assert event.author == "Rosa" and event.payload["comment"] == "Completa"

    code, out, _ = _run(capsys, "review", "list", "--db", str(db), "--json")
    listed = json.loads(out)["interviews"]
    assert [row["submission_id"] for row in listed] == [juarez]
    assert listed[0]["city"] == "juarez" and listed[0]["short_id"] == juarez[:8]


def test_a_return_with_comments_on_questions_reaches_the_laptop_after_merge(
    field: tuple[Path, Path, list[SubmissionId]], capsys: pytest.CaptureFixture[str]
) -> None:
    laptop, db, (tijuana, _, _) = field
    code, out, err = _run(
        capsys, "review", "return", tijuana, "--db", str(db), "--author", "Rosa",
        "--comment", "Revise la sección de la organización",
        "--question", "org/members=¿Son 12 o 21?",
        "--question", "org/members=Y cuente a los voluntarios",
    )  # fmt: skip
    assert code == 0, err
    assert f"Returned {tijuana}" in out and "3 comments" in out
    with Store.open(laptop) as store:
        merge_database(store, db)
        comments = comments_for_researcher(store, tijuana)
        (head,) = store.interviews.heads(tijuana)
    assert head.state == "returned"
    assert comments.general == ("Revise la sección de la organización",)
    assert comments.by_question == {"org/members": ("¿Son 12 o 21?\nY cuente a los voluntarios",)}
    assert comments.author == "Rosa"


def test_an_approval_given_by_mistake_is_listed_and_returned(
    field: tuple[Path, Path, list[SubmissionId]], capsys: pytest.CaptureFixture[str]
) -> None:
    _, db, (tijuana, juarez, _) = field
    assert (
        _run(capsys, "review", "approve", tijuana, juarez, "--db", str(db), "--author", "Rosa")[0]
        == 0
    )
    code, out, _ = _run(capsys, "review", "list", "--db", str(db), "--state", "approved")
    assert tijuana[:8] in out and juarez[:8] in out and "2 approved interviews" in out
    code, out, err = _run(
        capsys, "review", "return", juarez[:10], "--db", str(db), "--author", "Rosa",
        "--comment", "Aprobada por error: falta el nombre",
    )  # fmt: skip
    assert code == 0, err
    assert _state(db, juarez) == "returned" and _state(db, tijuana) == "approved"
    code, out, _ = _run(capsys, "review", "list", "--db", str(db), "--state", "approved", "--json")
    assert [row["submission_id"] for row in json.loads(out)["interviews"]] == [tijuana]


def _same_start(start: str) -> functools.partial[uuid.UUID]:
    def made(start: str) -> uuid.UUID:
        return uuid.UUID(start + os.urandom(12).hex())

    return functools.partial(made, start)


REFUSALS = {
    "not finalized": (["approve", "{draft}"], "only a finalized interview"),
    "already approved": (["approve", "{approved}"], "already approved"),
    "one of two refused": (["approve", "{juarez}", "{approved}"], "already approved"),
    "return a draft": (["return", "{draft}", "--comment", "x"], "finalized or approved"),
    "unknown id": (["approve", "0123456789ab"], "review list"),
    "too short": (["approve", "{juarez4}"], "first 8 characters"),
    "ambiguous": (["approve", "abcdef12"], "starts the ids of 2 interviews"),
    "unknown question": (
        ["return", "{juarez}", "--comment", "x", "--question", "members=¿12?"],
        "org/members",
    ),
    "no comment": (["return", "{juarez}"], "--comment TEXT on the whole of it, or --question"),
    "blank comment": (["return", "{juarez}", "--comment", " "], "--comment TEXT on the whole"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_every_refusal_is_one_line_and_leaves_the_database_as_it_was(
    field: tuple[Path, Path, list[SubmissionId]],
    tmp_path: Path,
    case: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, db, (tijuana, juarez, draft) = field
    form = tmp_path / "cso.xlsx"
    with monkeypatch.context() as patched:  # two interviews whose ids start alike
        patched.setattr(uuid, "uuid4", _same_start("abcdef12"))
        _laptop_with(
            tmp_path / "other.db", form, ("juarez", "CJ02", True), ("juarez", "CJ02", True)
        )
    with Store.open(db) as store:
        merge_database(store, tmp_path / "other.db")
    assert _run(capsys, "review", "approve", tijuana, "--db", str(db), "--author", "Rosa")[0] == 0
    words, said = REFUSALS[case]
    filled = [
        w.format(draft=draft, approved=tijuana, juarez=juarez, juarez4=juarez[:4]) for w in words
    ]
    _run(capsys, "review", "list", "--db", str(db))  # whatever opening writes, written now
    before = _file_bytes(db)
    code, out, err = _run(capsys, "review", *filled, "--db", str(db), "--author", "Rosa")
    assert code == 1
    assert err.startswith("fieldapp: ") and err.count("\n") == 1, err
    assert said in err and "Traceback" not in err
    assert out == ""
    assert _file_bytes(db) == before
    assert _state(db, juarez) == "finalized" and _state(db, tijuana) == "approved"


def test_a_database_the_desktop_is_writing_is_said_busy_and_left_as_it_was(
    field: tuple[Path, Path, list[SubmissionId]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from fieldapp.core.store import database, interviews

    _, db, (tijuana, _, _) = field
    monkeypatch.setattr(
        interviews, "open_database", functools.partial(database.open_database, timeout=0.3)
    )
    _run(capsys, "review", "list", "--db", str(db))
    before = _file_bytes(db)
    desktop = sqlite3.connect(db)
    try:
        desktop.execute("BEGIN IMMEDIATE")  # the desktop in the middle of a merge
        code, _, err = _run(capsys, "review", "approve", tijuana, "--db", str(db), "--author", "R")
    finally:
        desktop.rollback()
        desktop.close()
    assert code == 1 and "is busy" in err and err.count("\n") == 1
    assert _file_bytes(db) == before
    assert _state(db, tijuana) == "finalized"


# --- sealed forms: counted, not listed, before the study key ------------------------------


@pytest.fixture
def sealed_field(tmp_path: Path, pair: crypto.KeyPair) -> tuple[Path, Path, list[SubmissionId]]:
    """A supervisor's database with two sealed security interviews and one in clear."""
    sealed = sealed_form(tmp_path, pair, form_id="security_sealed")
    clear = write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=SETTINGS)
    ids = _laptop_with(
        tmp_path / "nl.db",
        sealed,
        ("nuevo_laredo", "NL01", True),
        ("tijuana", "TJ07", True),
        answers={"story": "relato"},
    )
    ids += _laptop_with(tmp_path / "tj.db", clear, ("tijuana", "TJ01", True))
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        merge_database(store, tmp_path / "nl.db")
        merge_database(store, tmp_path / "tj.db")
    key = tmp_path / "study-private-key.pem"
    key.write_bytes(pair.private_pem)
    return db, key, ids


def test_before_the_key_sealed_interviews_are_counted_and_never_named(
    sealed_field: tuple[Path, Path, list[SubmissionId]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, key, (nuevo_laredo, tijuana_sealed, clear) = sealed_field
    code, out, _ = _run(capsys, "review", "list", "--db", str(db))
    assert code == 0 and clear[:8] in out
    for told in ("NL01", "TJ07", "Nuevo Laredo", "security_sealed", nuevo_laredo[:8]):
        assert told not in out, told
    assert "2 interviews of sealed forms are in this queue too, not shown nor counted above" in out
    assert "--key" in out
    # Filtering by a suspected city and interviewer tells nothing: the count is the queue's.
    code, out, _ = _run(
        capsys, "review", "list", "--db", str(db), "--city", "nuevo_laredo",
        "--interviewer", "NL01", "--json",
    )  # fmt: skip
    shown = json.loads(out)
    assert shown["interviews"] == [] and shown["sealed_hidden"] == 2 and "NL01" not in out
    code, out, _ = _run(capsys, "review", "list", "--db", str(db), "--city", "Nuevo_Laredo")
    assert "No finalized interview" in out and "2 interviews of sealed forms" in out
    assert "NL01" not in out and nuevo_laredo[:8] not in out

    before = _file_bytes(db)
    code, _, err = _run(capsys, "review", "approve", nuevo_laredo, "--db", str(db), "--author", "R")
    assert code == 1 and "--key FILE" in err and _file_bytes(db) == before

    monkeypatch.setenv("FIELDAPP_PASSPHRASE", KEY_PASSPHRASE)
    code, out, _ = _run(capsys, "review", "list", "--db", str(db), "--key", str(key))
    assert nuevo_laredo[:8] in out and tijuana_sealed[:8] in out and "NL01" in out
    assert "sealed forms" not in out
    code, out, err = _run(
        capsys, "review", "return", nuevo_laredo, "--db", str(db), "--author", "Rosa",
        "--key", str(key), "--question", "story=Quite el apellido",
    )  # fmt: skip
    assert code == 0, err
    with Store.open(db, create=False) as store:
        (head,) = store.interviews.heads(nuevo_laredo)
    assert head.state == "returned" and head.sealed is not None

    # Approving an approved sealed one says how to return it, --key included: the
    # command as printed works.
    approve = ("review", "approve", "--db", str(db), "--author", "Rosa", "--key", str(key))
    assert _run(capsys, *approve, tijuana_sealed)[0] == 0
    code, _, err = _run(capsys, *approve, tijuana_sealed)
    assert code == 1 and f"review return {tijuana_sealed} " in err
    said = err.split("review return ", 1)[1].split(". ", 1)[0]
    assert said.endswith("--comment TEXT --key FILE"), said


def test_the_start_is_said_in_local_time_as_the_desk_and_the_name_say_it(
    field: tuple[Path, Path, list[SubmissionId]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In Tijuana (UTC-7/-8) an interview started at 18:30 was listed at 01:30 of the next
    day, the stored UTC moment, beside a name and a desk that say the local day."""
    import time

    from fieldapp.core.interview_name import short_time

    _, db, (tijuana, _juarez, _draft) = field
    monkeypatch.setenv("TZ", "America/Tijuana")
    time.tzset()
    try:
        with Store.open(db, create=False, readonly=True) as store:
            (stored,) = store.db.conn.execute(  # the UTC moment kept
                "SELECT created_at FROM listing WHERE submission_uuid = ?", [tijuana]
            ).fetchone()
        code, out, _ = _run(capsys, "review", "list", "--db", str(db))
        assert code == 0
        (line,) = [line for line in out.splitlines() if line.startswith(tijuana[:8])]
        local = short_time(stored)
        assert local != str(stored)[:16].replace("T", " ")  # the two differ here
        assert local[11:] in line and str(stored)[11:16] not in line
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_an_interview_in_conflict_is_refused_with_where_to_resolve_it(
    field: tuple[Path, Path, list[SubmissionId]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """`review approve` on an interview edited on two laptops said "Resolve the conflict
    first, choosing the answers to keep", and not where: the terminal has no command for
    it, the app's View › Conflicts… does."""
    laptop, supervisor, ids = field
    partner = tmp_path / "partner.db"
    with Store.open(partner) as store:
        merge_database(store, laptop)
    for path, members in ((laptop, 13), (partner, 14)):
        with Store.open(path) as store:
            store.keys.unlock_drafts(DRAFTS)
            store.interviews.reopen(ids[0], author="TJ01")
            store.interviews.autosave(ids[0], {**ANSWERS, "org/members": members}, author="TJ01")
            store.interviews.finalize(ids[0], author="TJ01")
    with Store.open(supervisor) as store:
        merge_database(store, laptop)
        merge_database(store, partner)
    for language, where in (("en", "View › Conflicts…"), ("es", "Ver › Conflictos…")):
        monkeypatch.setenv("FIELDAPP_LANG", language)
        code, _, err = _run(
            capsys, "review", "approve", ids[0][:8], "--db", str(supervisor), "--author", "Rosa"
        )
        assert code == 1 and where in err, err
