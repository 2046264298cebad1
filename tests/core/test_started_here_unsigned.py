"""(unsigned7) An interview made up in this laptop's name is not one it started.

An interview this laptop started in clear keeps its version after the form is sealed
(*(small)*); any other interview on a version in clear that the sealed one retired takes
no typing here (``store.retired_elsewhere``). "Started here" was read from the row's
``created_on`` alone. A keyless package (a laptop's interviews in clear, links dropped,
rows renamed to the victim's device id) merges into a laptop that has signed nothing yet
(the sealed form added, no interview started): its device is not enrolled there, so the
rows are taken as an older fieldapp's. They named the victim's laptop, which took them as
its own: what she typed into them was kept in clear.

(unsigned8) Such a package is refused now (``merge.unsigned_of_own``): this laptop's own
device is read as one that signs from the start. A laptop that took one before lists the
made-up interviews no more once this fieldapp opens it; the readers here are held on it.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from merge_devices import file_checksum
from study_keys import DRAFTS_PASSPHRASE
from test_attack_retired_version import CANARY, SEALED, VICTIM, _forger, _grep, _version
from test_merge_attacks import _forged

from fieldapp.core import crypto
from fieldapp.core.form_add import startable_forms
from fieldapp.core.known_devices import known_devices
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId


def _keyless_in_own_name(tmp_path: Path, pair: crypto.KeyPair) -> tuple[Path, Path, str, str]:
    """The victim's laptop (the sealed version added, nothing signed yet, closed) and a
    keyless copy of the forger's database whose two interviews in clear name the victim's
    device. Return them, and the draft's and the finalized interview's ids."""
    forger, draft, final = _forger(tmp_path, pair, "2026120601")
    with Store.open(tmp_path / "victim.db") as victim:
        victim.forms.add(_version(tmp_path / "sealed", SEALED, pair.public_key))
        own = victim.device_id
    copy = _forged(
        forger,
        tmp_path,
        "DELETE FROM signatures",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        f"UPDATE submissions SET created_on = '{own}'",
        f"UPDATE revisions SET device_id = '{own}'",
    )
    return tmp_path / "victim.db", copy, draft, final


def taken_as_before(database: Path, package: Path) -> None:
    """Merge ``package`` into ``database`` as a fieldapp before *(unsigned8)* did: its own
    device read as a signer only once it signed a row (its id hidden from the rule for the
    one merge), and the migration that refreshes the list entries not yet applied."""
    with sqlite3.connect(database) as conn:
        (own,) = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
        conn.execute("UPDATE meta SET value = 'hidden' WHERE key = 'device_id'")
    conn.close()
    try:
        with Store.open(database) as store:
            merge_database(store, package)  # the laptop signed nothing yet: taken, unsigned
    finally:
        with sqlite3.connect(database) as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", [own])
            conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm022_own_unsigned_left_out'")
        conn.close()


def _made_up_here(tmp_path: Path, pair: crypto.KeyPair) -> tuple[Store, str, str]:
    """The victim's laptop after an earlier fieldapp merged the keyless copy
    (``taken_as_before``), opened by this one. Return it open, and the two ids."""
    victim, copy, draft, final = _keyless_in_own_name(tmp_path, pair)
    taken_as_before(victim, copy)
    with Store.open_to_read(victim) as earlier:  # as the earlier fieldapp listed them
        listed = {c.submission.submission_id for c in earlier.interviews.iter_current()}
        assert listed == {draft, final}
    return Store.open(victim), draft, final


def test_a_keyless_package_made_up_in_this_laptops_name_is_refused_before_it_signs_anything(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """(unsigned8) The same keyless copy was taken by the laptop that signed nothing yet,
    and listed there as another laptop's interviews. Its own device signs every row this
    fieldapp writes: the merge is refused in one message naming this laptop, in English
    and Spanish, and the database is unchanged byte for byte."""
    victim, copy, _, _ = _keyless_in_own_name(tmp_path, pair)
    before = file_checksum(victim)
    with Store.open(victim) as store:
        with pytest.raises(FieldappError) as refused:
            merge_database(store, copy)
        own = store.device_id
        assert list(store.interviews.iter_current()) == []
    assert refused.value.code == "merge.unsigned_of_own", refused.value.text("en")
    assert f"names this laptop's own device ({own})" in refused.value.text("en")
    assert f"nombra al dispositivo de esta misma computadora ({own})" in refused.value.text("es")
    assert file_checksum(victim) == before


def test_a_laptop_that_took_them_before_lists_them_no_more(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """(unsigned8) A laptop that took such a package before this fieldapp listed the
    made-up interviews (read as another laptop's). Opened by this one, it lists them no
    more (``m022_own_unsigned_left_out``), and its package leaves them out."""
    victim, _, _ = _made_up_here(tmp_path, pair)
    try:
        assert list(victim.interviews.iter_current()) == []
        write_package(victim, tmp_path / "victim.fieldapp")
        with sqlite3.connect(tmp_path / "victim.fieldapp") as conn:
            assert conn.execute("SELECT count(*) FROM revisions").fetchone() == (0,)
            assert conn.execute("SELECT count(*) FROM submissions").fetchone() == (0,)
        conn.close()
    finally:
        victim.close()


def test_an_interview_made_up_in_this_laptops_name_takes_no_typing_in_clear(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """Enter on the made-up draft and typing, Ctrl+R on the finalized one, a recording
    attached: each was taken as this laptop's own and kept in clear. Each is refused now,
    the database unchanged byte for byte, as for another laptop's interview. (Taken by an
    earlier fieldapp: this one refuses the package, and lists them no more, below.)"""
    victim, draft, final = _made_up_here(tmp_path, pair)
    try:
        assert list(victim.interviews.iter_current()) == []
        before = file_checksum(tmp_path / "victim.db")
        typed = {"story": CANARY}
        for attempt in (
            lambda: victim.interviews.autosave(draft, typed),
            lambda: victim.interviews.reopen(final),
            lambda: victim.attachments.add(
                CANARY.encode(), submission_id=SubmissionId(draft), filename="voz.m4a"
            ),
        ):
            with pytest.raises(FieldappError) as refused:
                attempt()
            # Not listed here since (unsigned8): no interview to attach to, at the last.
            assert refused.value.code in {"store.retired_elsewhere", "store.unknown_submission"}
        victim.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert file_checksum(tmp_path / "victim.db") == before
        assert not _grep(tmp_path / "victim.db", CANARY)
        assert not victim.interviews.started_here(draft)
        # Her own interview, signed as she starts it, is hers as before.
        victim.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        (sealed,) = startable_forms(victim)
        mine = victim.interviews.start(sealed.sha256, answers={"story": "mía"}, **VICTIM)
        assert victim.interviews.started_here(mine)
        assert victim.interviews.retired_elsewhere(mine) is None
    finally:
        victim.close()


def test_the_devices_list_counts_no_interview_made_up_in_this_laptops_name(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """The same laptop's devices list counted the two made-up interviews and their
    versions as this laptop's work (2 interviews, 3 versions), the name the forger gave
    them among its interviewers; it started none, signed none."""
    victim, _, _ = _made_up_here(tmp_path, pair)
    try:
        here = known_devices(victim, hide_sealed=False).devices[0]
        assert here.this_laptop
        assert (here.interviews, here.revisions, here.interviewers) == (0, 0, ())
        victim.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        (sealed,) = startable_forms(victim)
        victim.interviews.start(sealed.sha256, answers={"story": "mía"}, **VICTIM)
        here = known_devices(victim, hide_sealed=False).devices[0]
        assert (here.interviews, here.revisions) == (1, 1)  # her own, once she starts it
    finally:
        victim.close()
