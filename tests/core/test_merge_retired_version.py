"""A form's older version in clear, merged where only its sealed version is held.

A laptop holds the study's forms in clear from its first start, and the sealed versions
the supervisor published since. A database made without the clear ones (``demo --form``,
``merge --into`` a new file) refused such a laptop's package: "the form … version 1 has no
study key … Only the supervisor may seal a form", though that version, older than the
sealed one, can no longer be started (``startable_forms``). A version in clear numbered
newer than the sealed one is still refused: new interviews would start on it, in clear.
"""

from __future__ import annotations

from pathlib import Path

from study_keys import DRAFTS_PASSPHRASE, STORY
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.form_add import add_form_file, held_form_list, startable_forms
from fieldapp.core.merge import merge_database
from fieldapp.core.store import Store

NEWER = "2026120602"
"""The sealed version's number: the clear one's next."""
STARTED = {"interviewer": "TJ01", "city": "tijuana", "actor_type": "security"}


def version(folder: Path, number: str, public_key: str = "") -> Path:
    """The study's security form, version ``number``, sealed for ``public_key`` if given."""
    settings = {"form_id": "security", "version": number}
    if public_key:
        settings["public_key"] = public_key
    folder.mkdir(exist_ok=True)
    return write_xlsform(folder / f"security-{number}.xlsx", survey=STORY, settings=settings)


def _laptop(folder: Path, pair: crypto.KeyPair) -> Path:
    """A laptop that interviewed on the bundled version in clear, then sealed the form
    (`fieldapp forms seal`, before the study has a supervisor) and interviewed on the
    sealed version; return its database."""
    clear, sealed = (
        version(folder / "v1", "2026120601"),
        version(folder / "v2", NEWER, pair.public_key),
    )
    with Store.open(folder / "laptop.db") as laptop:
        laptop.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        first = laptop.forms.add(clear).sha256  # bundled
        laptop.interviews.submit(first, {"story": "antes"}, finalize=True, **STARTED)
        add_form_file(laptop, sealed)
        newest = startable_forms(laptop)[0]
        assert newest.version == NEWER
        laptop.interviews.submit(newest.sha256, {"story": "después"}, finalize=True, **STARTED)
    return folder / "laptop.db"


def test_a_laptops_older_version_in_clear_merges_where_only_the_sealed_one_is_held(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    laptop = _laptop(tmp_path, pair)
    with Store.open(tmp_path / "desk.db") as desk:
        desk.forms.add(tmp_path / "v2" / f"security-{NEWER}.xlsx")  # as `demo --form` holds it
        merge_database(desk, laptop)
        held = {h.record.version: h for h in held_form_list(desk)}
        assert held["2026120601"].retired and not held["2026120601"].used_for_new
        assert held[NEWER].used_for_new
        assert [r.version for r in startable_forms(desk)] == [NEWER]
        assert desk.conn.execute("SELECT count(*) FROM submissions").fetchone() == (2,)
