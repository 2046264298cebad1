"""Attacks on *(small)*: a version in clear older than a held sealed one now merges, retired.

The threat: a forged package (a stolen or compromised laptop's) brings a version in clear
of a form the study sealed, numbered older, with interviews on it: a draft and a finalized
one named after the victim's interviewer and city. The merge takes them (it took none
before *(small)* on a database that held only the sealed version). The promise: from the
moment a form is sealed on a laptop, nothing typed there about an interviewee of that
form is kept in clear; only an interview this laptop itself started in clear keeps its
version ("Interviews started before keep their version").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from merge_devices import file_checksum
from study_keys import DRAFTS_PASSPHRASE, STORY
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.form_add import add_form_file, held_form_list, startable_forms
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.core.store.records import VERSION_ORDER, SubmissionId, version_key

CANARY = "Comandante Halcón vive en la calle 7"
"""What the victim would type about an interviewee."""
SEALED = "2026120602"
VICTIM = {"interviewer": "TJ01", "city": "tijuana", "actor_type": "security"}


def _version(folder: Path, number: str, public_key: str = "") -> Path:
    """The study's security form, version ``number``: written once, so that the forger and
    the victim hold the same bytes of the sealed version (a workbook written again in
    another second is another sha256, another version held)."""
    if (made := folder / f"security-{number}.xlsx").exists():
        return made
    settings = {"form_id": "security", "version": number}
    if public_key:
        settings["public_key"] = public_key
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsform(folder / f"security-{number}.xlsx", survey=STORY, settings=settings)


def _forger(folder: Path, pair: crypto.KeyPair, clear_number: str) -> tuple[Path, str, str]:
    """A laptop that holds the sealed version and an older one in clear, with a clear draft
    and a clear finalized interview named after the victim; return its database and the
    two interviews' ids."""
    with Store.open(folder / "forger.db") as forger:
        forger.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        clear = forger.forms.add(_version(folder / "clear", clear_number)).sha256
        draft = forger.interviews.start(clear, answers={"story": "borrador"}, **VICTIM)
        final, _ = forger.interviews.submit(clear, {"story": "final"}, finalize=True, **VICTIM)
        add_form_file(forger, _version(folder / "sealed", SEALED, pair.public_key))
    return folder / "forger.db", draft, final


def _victim(folder: Path, pair: crypto.KeyPair) -> Store:
    """The victim's laptop: the sealed version only (as `demo --form` or a new database)."""
    store = Store.open(folder / "victim.db")
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    store.forms.add(_version(folder / "sealed", SEALED, pair.public_key))
    return store


def _grep(path: Path, text: str) -> bool:
    found = False
    for suffix in ("", "-wal"):
        file = path.with_name(path.name + suffix)
        if file.exists():
            data = file.read_bytes()
            found |= text.encode() in data or text.encode("utf-16-le") in data
    return found


def test_a_forged_clear_interview_of_a_sealed_form_takes_no_typing_here(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """Enter on the forged draft and typing (the window's autosave), Ctrl+R on the forged
    finalized one: each was taken, and the canary sat in clear in the victim's database.
    Now each is refused with one message and the database is unchanged byte for byte."""
    forged, draft, final = _forger(tmp_path, pair, "2026120601")
    victim = _victim(tmp_path, pair)
    try:
        merge_database(victim, forged)
        assert [r.version for r in startable_forms(victim)] == [SEALED]
        before = file_checksum(tmp_path / "victim.db")
        typed = {"story": CANARY}
        for attempt in (
            lambda: victim.interviews.autosave(draft, typed),  # Enter on the draft, typing
            lambda: victim.interviews.reopen(final),  # Ctrl+R on the finalized one
            lambda: victim.interviews.autosave(final, typed),
            lambda: victim.attachments.add(  # a recording attached to the draft
                CANARY.encode(), submission_id=SubmissionId(draft), filename="voz.m4a"
            ),
        ):
            with pytest.raises(FieldappError) as refused:
                attempt()
            assert refused.value.code == "store.retired_elsewhere"
            for language, words in (("en", "not edited"), ("es", "no editarse")):
                said = refused.value.text(language)
                assert words in said and "2026120601" in said and SEALED in said, said
                assert "\n" not in said
        victim.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert file_checksum(tmp_path / "victim.db") == before
        assert not _grep(tmp_path / "victim.db", CANARY)
        assert victim.interviews.retired_elsewhere(draft) is not None
    finally:
        victim.close()


def test_an_interview_this_laptop_started_in_clear_keeps_its_version(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """Held: the forger's own laptop (any laptop that interviewed in clear before the form
    was sealed) still edits and reopens what it started ("Interviews started before keep
    their version"), and the victim edits its own sealed ones."""
    forged, draft, final = _forger(tmp_path, pair, "2026120601")
    with Store.open(forged) as laptop:
        laptop.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        assert laptop.interviews.retired_elsewhere(draft) is None
        laptop.interviews.autosave(draft, {"story": "sigue"})
        laptop.interviews.reopen(final)
        assert laptop.interviews.working_answers(draft)["story"] == "sigue"
    victim = _victim(tmp_path, pair)
    try:
        merge_database(victim, forged)
        (sealed,) = startable_forms(victim)
        own = victim.interviews.start(sealed.sha256, answers={"story": "mía"}, **VICTIM)
        assert victim.interviews.retired_elsewhere(own) is None
        victim.interviews.autosave(own, {"story": CANARY})
        victim.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert not _grep(tmp_path / "victim.db", CANARY)  # her own is sealed
    finally:
        victim.close()


@pytest.mark.parametrize(
    ("clear", "sealed", "older"),
    [
        ("9", "10", True),  # numerically older, one digit shorter
        ("10", "9", False),  # numerically newer: longer is later
        ("09", "9", False),  # a leading zero makes it longer: newer, refused
        ("2026120601a", "2026120602", False),  # a letter makes it longer
        (" 2026120601", "2026120602", False),  # a space makes it longer
        ("2026120601 ", "2026120602", False),
        ("2026120602", "2026120602", False),  # the same text: a tie, refused
        ("２０２６１２０６０１", "2026120602", False),  # full-width digits sort after ASCII
        ("2026120600", "2026120602", True),
    ],
)
def test_which_version_is_newest_is_the_same_in_python_and_sql(
    clear: str, sealed: str, older: bool
) -> None:
    """``retired_on_arrival`` decides in Python what New interview reads in SQL: a version
    that Python calls older but SQLite sorts newer would make the clear version the one
    new interviews start on."""
    assert (version_key(clear, "") < version_key(sealed, "")) is older
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE forms (version TEXT, sha256 TEXT)")
    conn.executemany("INSERT INTO forms VALUES (?, ?)", [(clear, "f" * 64), (sealed, "0" * 64)])
    (newest,) = conn.execute(f"SELECT version FROM forms ORDER BY {VERSION_ORDER} LIMIT 1")
    assert (newest[0] == sealed) is (older or clear == sealed)


@pytest.mark.parametrize(
    ("clear", "merged"),
    [
        ("9", True),
        ("09", True),  # two characters: older than ten
        (" 2026120601", True),  # the workbook's spaces are dropped: 2026120601, older
        ("2026120601a", False),  # eleven characters: newer, refused
        ("02026120601", False),  # a leading zero: newer, refused
    ],
)
def test_an_oddly_numbered_clear_version_never_becomes_the_newest(
    tmp_path: Path, pair: crypto.KeyPair, clear: str, merged: bool
) -> None:
    """The forged package's clear version, numbered to sort oddly, against the sealed
    ``SEALED``: merged and retired only where it is older, else refused; whatever comes,
    New interview and `submit --form security` start on the sealed version."""
    forged, _, _ = _forger(tmp_path, pair, clear)
    victim = _victim(tmp_path, pair)
    try:
        try:
            merge_database(victim, forged)
            took = True
        except FieldappError as error:
            assert error.code == "merge.form_key_changed", error.text("en")
            took = False
        assert took is merged
        (startable,) = startable_forms(victim)
        assert startable.version == SEALED
        assert victim.forms.load(startable.sha256).public_key == pair.public_key
        used = [h.record.version for h in held_form_list(victim) if h.used_for_new]
        assert used == [SEALED]
    finally:
        victim.close()
