"""(attack6) Links naming this laptop's own device under another key are a forgery.

A device signs with one key, and a database refuses a second key for a device it knows
(``merge.device_key_changed``). A laptop that has signed nothing yet (the sealed form
added, no interview started: the state *(unsigned7)* guards) holds no link of its own, so
a package whose rows name its device id, signed by a forger's own key under that id,
enrolled its device there under the forger's key: ``started_here`` read the forger's
interviews as this laptop's (typing into them in clear, the promise *(unsigned7)*
mended for unsigned rows), and once the laptop signed its own first row its packages
carried two keys for its device, refused by every database (the supervisor's) that
knows either. The database knows its own key (``signing_key``): a link naming its device
under any other is refused at the merge, as a second key is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from merge_devices import file_checksum
from study_keys import DRAFTS_PASSPHRASE
from test_attack_retired_version import CANARY, SEALED, _forger, _grep, _version

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store


def test_a_package_signed_under_this_laptops_id_by_another_key_is_refused(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    victim = Store.open(tmp_path / "victim.db")
    try:
        victim.forms.add(_version(tmp_path / "sealed", SEALED, pair.public_key))
        own = victim.device_id
        # The forger's database, its own key, the victim's device id (read off the laptop,
        # as unsigned7's forger did): every row it writes is signed under that id.
        Store.open(tmp_path / "forger.db").close()
        with sqlite3.connect(tmp_path / "forger.db") as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", [own])
            conn.execute("UPDATE signing_key SET device_id = ?", [own])
        conn.close()
        forged, draft, _final = _forger(tmp_path, pair, "2026120601")
        victim.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = file_checksum(tmp_path / "victim.db")

        with pytest.raises(FieldappError) as refused:
            merge_database(victim, forged)
        assert refused.value.code == "merge.device_key_changed", refused.value.text("en")
        assert own in refused.value.text("en")
        victim.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert file_checksum(tmp_path / "victim.db") == before
        assert not victim.interviews.started_here(draft)

        # Her own interview is signed under her key, and hers, as before.
        victim.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        from fieldapp.core.form_add import startable_forms

        (sealed,) = startable_forms(victim)
        mine = victim.interviews.start(
            sealed.sha256, answers={"story": "mía"}, interviewer="Ana", city="Lima"
        )
        assert victim.interviews.started_here(mine)
        assert not _grep(tmp_path / "victim.db", CANARY)
    finally:
        victim.close()
