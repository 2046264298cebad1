"""Finalizing forgets an interview's drafts key even while another reader has the file.

Finalizing zeroes the drafts key's row (``secure_delete``) and empties the WAL file with
a TRUNCATE checkpoint, since the WAL still holds the pages written before, the wrapped
key in them. A checkpoint cannot empty the WAL while another connection reads an older
snapshot (a package or a send to Central reading in the background, ``fieldapp status``
in a terminal): the checkpoint waited ten seconds, gave up without a word, and the
wrapped key stayed in the WAL for the rest of the session, whatever was saved after the
reader had gone. With the passphrase (forced out of her, or guessed offline), it opens
every draft of the interview, which the promise says nothing opens any more. Finalizing
now waits a second at most, and the WAL is emptied at the first commit after the reader
has gone, each commit trying once without waiting.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path

from study_keys import DRAFTS_PASSPHRASE, sealed_form

from fieldapp.core import crypto
from fieldapp.core.store import Store, database


def _in_files(db: Path, needle: bytes) -> list[str]:
    files = (db, db.with_name(db.name + "-wal"))
    return [path.name for path in files if path.exists() and needle in path.read_bytes()]


def test_a_reader_at_finalize_keeps_no_drafts_key_once_she_saves_again(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    form = sealed_form(tmp_path, pair)
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        started = {"interviewer": "NL01", "city": "nuevo_laredo", "actor_type": "security"}
        first = store.interviews.start(sha, **started)
        store.interviews.autosave(first, {"story": "what the commander said"})
        (wrapped,) = store.db.conn.execute(
            "SELECT value FROM meta WHERE key = ?", [f"draft_key:{first}"]
        ).fetchone()
        with contextlib.closing(sqlite3.connect(db)) as reader:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM meta").fetchone()  # a snapshot held
            began = time.perf_counter()
            store.interviews.finalize(first)
            assert time.perf_counter() - began < 3  # was the whole busy timeout, 10 s
            assert _in_files(db, wrapped.encode()) == ["field.db-wal"]  # the reader holds it
            reader.rollback()
        # She goes on with the next interview: its first save empties the WAL.
        second = store.interviews.start(sha, **started)
        store.interviews.autosave(second, {"story": "another"})
        assert _in_files(db, wrapped.encode()) == []
        assert not store.opened.shred.pending


def test_the_retry_never_makes_a_save_wait_for_a_reader(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """While the reader stays, each save tries once without waiting, and says nothing."""
    form = sealed_form(tmp_path, pair)
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        started = {"interviewer": "NL01", "city": "nuevo_laredo", "actor_type": "security"}
        first = store.interviews.start(sha, **started)
        store.interviews.autosave(first, {"story": "x"})
        store.opened.shred.pending = True  # as a finalize a reader held back leaves it
        with contextlib.closing(sqlite3.connect(db)) as reader:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM meta").fetchone()
            store.interviews.autosave(first, {"story": "y"})  # a write after the snapshot
            began = time.perf_counter()
            store.interviews.autosave(first, {"story": "z"})
            assert time.perf_counter() - began < 2
            assert store.opened.shred.pending
            reader.rollback()
        store.interviews.autosave(first, {"story": "w"})
        assert not store.opened.shred.pending
    assert database.DEFAULT_TIMEOUT >= 2  # the wait the retry must not take
