"""The study key pair most sealed-form tests share, made once per test session.

A plain module (see ``paths.py`` on why never ``from conftest import``): ``tests/conftest.py``
serves ``pair`` and ``study_key`` from it; a module needing another key defines its own.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Imported when called: ``conftest.py`` imports this module before it sets the
    # environment fieldapp reads.
    from fieldapp.core import crypto
    from fieldapp.core.store import SubmissionId

KEY_PASSPHRASE = "correct horse battery staple"
DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
"""The laptop's drafts passphrase in the tests of sealed forms."""
STORY = [{"type": "text", "name": "story", "label": "Relato"}]
STORY_AND_MECHANISMS = [
    *STORY,
    {"type": "begin group", "name": "org", "label": "Organización"},
    {"type": "begin repeat", "name": "mechanisms", "label": "Mecanismo"},
    {"type": "text", "name": "mech_city", "label": "Ciudad"},
    {"type": "end repeat"},
    {"type": "end group"},
]
"""A story and a repeat inside a group: where a sealed draft's place points."""


def sealed_form(
    folder: Path,
    pair: crypto.KeyPair,
    survey: list[dict[str, str]] | None = None,
    form_id: str = "sealed",
    instance_name: str = "",
) -> Path:
    """Write an XLSForm whose interviews are sealed for ``pair``'s study key: one free
    text (``story``) unless ``survey`` says otherwise."""
    from xlsform import write_xlsform

    settings = {"form_id": form_id, "version": "1", "public_key": pair.public_key}
    if instance_name:
        settings["instance_name"] = instance_name
    return write_xlsform(folder / f"{form_id}.xlsx", survey=survey or STORY, settings=settings)


@functools.cache
def key_pair() -> crypto.KeyPair:
    """The pair, encrypted under ``KEY_PASSPHRASE``. 2048 bits keeps the tests fast; the
    default (3072) is exercised by the CLI test."""
    from fieldapp.core import crypto

    return crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048)


def decided_twice(folder: Path, submission: SubmissionId, study_key: crypto.StudyKey) -> Path:
    """Return a supervisor's database where the sealed interview ``submission`` of
    ``folder/laptop.db`` is in conflict: one supervisor (``other.db``) approved it, this
    one (``supervisor.db``) returned it, then merged the other's decision."""
    from fieldapp.core.merge import merge_database
    from fieldapp.core.store import Store

    for name in ("other.db", "supervisor.db"):  # two decisions on the same revision
        with Store.open(folder / name) as supervisor:
            merge_database(supervisor, folder / "laptop.db")
            supervisor.keys.unlock(study_key)
            if name == "other.db":
                supervisor.review.approve(submission, author=name)
            else:
                supervisor.review.return_interview(submission, comment="revise", author=name)
    with Store.open(folder / "supervisor.db") as supervisor:
        merge_database(supervisor, folder / "other.db")
    return folder / "supervisor.db"


def answer_study_key(monkeypatch: Any, key_file: Path, passphrase: str = KEY_PASSPHRASE) -> None:
    """Make the study key dialog answer itself: ``key_file`` and its passphrase, accepted."""
    from fieldapp.ui import lock

    def type_key(dialog: lock.StudyKeyDialog) -> int:
        dialog.key_file.setText(str(key_file))
        dialog.passphrase.setText(passphrase)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(lock.StudyKeyDialog, "exec", type_key)


def clear_then_sealed(folder: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey) -> Path:
    """Return a stick (a supervisor's database) with a form used in clear, then sealed by a
    new version of the same id: its clear version (1) has an interview in Tijuana and one
    in Monterrey, its sealed version (2) one in Tijuana and one in Nuevo Laredo. The clear
    Tijuana one and the Nuevo Laredo one are in conflict (decided twice)."""
    from xlsform import write_xlsform

    from fieldapp.core.store import Store

    def version(number: str, public_key: str = "") -> Path:
        settings = {"form_id": "security", "version": number}
        if public_key:
            settings["public_key"] = public_key
        return write_xlsform(folder / f"security-{number}.xlsx", survey=STORY, settings=settings)

    started = {"interviewer": "NL01", "actor_type": "security"}
    with Store.open(folder / "laptop.db") as laptop:
        laptop.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        clear = laptop.forms.add(version("1")).sha256
        in_clear, _ = laptop.interviews.submit(
            clear, {"story": "a"}, finalize=True, city="tijuana", **started
        )
        laptop.interviews.submit(clear, {"story": "b"}, finalize=True, city="monterrey", **started)
        sealed = laptop.forms.add(version("2", pair.public_key)).sha256
        in_sealed, _ = laptop.interviews.submit(
            sealed, {"story": "c"}, finalize=True, city="nuevo_laredo", **started
        )
        laptop.interviews.submit(sealed, {"story": "d"}, finalize=True, city="tijuana", **started)
    decided_twice(folder, in_clear, study_key)
    return decided_twice(folder, in_sealed, study_key)
