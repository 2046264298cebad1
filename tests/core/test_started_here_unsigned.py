"""(unsigned7) An interview made up in this laptop's name is not one it started.

An interview this laptop started in clear keeps its version after the form is sealed
(*(small)*); any other interview on a version in clear that the sealed one retired takes
no typing here (``store.retired_elsewhere``). "Started here" was read from the row's
``created_on`` alone. A keyless package (a laptop's interviews in clear, links dropped,
rows renamed to the victim's device id) merges into a laptop that has signed nothing yet
(the sealed form added, no interview started): its device is not enrolled there, so the
rows are taken as an older fieldapp's. They named the victim's laptop, which took them as
its own: what she typed into them was kept in clear.
"""

from __future__ import annotations

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
from fieldapp.core.store import Store
from fieldapp.core.store.records import SubmissionId


def _made_up_here(tmp_path: Path, pair: crypto.KeyPair) -> tuple[Store, str, str]:
    """The victim's laptop (the sealed version added, nothing signed yet) after merging a
    keyless copy of the forger's database whose two interviews in clear name the victim's
    device. Return it open, and the draft's and the finalized interview's ids."""
    forger, draft, final = _forger(tmp_path, pair, "2026120601")
    victim = Store.open(tmp_path / "victim.db")
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
    merge_database(victim, copy)  # this laptop signed nothing yet: taken, unsigned
    return victim, draft, final


def test_an_interview_made_up_in_this_laptops_name_takes_no_typing_in_clear(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """Enter on the made-up draft and typing, Ctrl+R on the finalized one, a recording
    attached: each was taken as this laptop's own and kept in clear. Each is refused now,
    the database unchanged byte for byte, as for another laptop's interview."""
    victim, draft, final = _made_up_here(tmp_path, pair)
    try:
        listed = {c.submission.submission_id for c in victim.interviews.iter_current()}
        assert listed == {draft, final}
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
            assert refused.value.code == "store.retired_elsewhere", refused.value.text("en")
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
