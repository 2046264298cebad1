"""(unsigned8) A supervisor's comment on a sealed interview made up in a laptop's name is
sealed for the study key alone.

A review comment on a sealed interview is sealed for the study key and for the laptop
that started it (``sealed_comments``), so that its researcher reads what to fix. "Started
it" was read from the interview's row (``created_on``) alone. A forger with the study's
sealed form (its public key is in it) seals an interview of her own, then drops every
link and renames her rows to Ana's device: a keyless package, merged at the supervisor's
before Ana's. The supervisor approves it; Ana's package then sets its only version aside,
and the supervisor's approval is all it has left (*(unsigned6)*): she reads it and
returns it with what she thinks of it. Her words were sealed for Ana's key too, and Ana's
laptop, merging the supervisor's package, read them: the supervisor's words about an
interview Ana never started.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from study_keys import DRAFTS_PASSPHRASE
from test_attack_retired_version import SEALED, VICTIM, _version
from test_merge_attacks import _forged

from fieldapp.core import crypto
from fieldapp.core.form_add import add_form_file, startable_forms
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.review import comments_for_researcher
from fieldapp.core.store import Store, SubmissionId

SAID = "Esta entrevista de Ana parece inventada: el comandante Ocampo no existe"
ON_QUESTION = "Ocampo otra vez"


def _sealed_laptop(path: Path, folder: Path, pair: crypto.KeyPair) -> tuple[str, SubmissionId]:
    """A laptop with the sealed form and one finalized sealed interview of its own;
    return its device and the interview."""
    with Store.open(path) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        add_form_file(store, _version(folder, SEALED, pair.public_key))
        (form,) = startable_forms(store)
        sid, _ = store.interviews.submit(form.sha256, {"story": "relato"}, finalize=True, **VICTIM)
        return store.device_id, sid


def test_a_comment_on_a_sealed_interview_made_up_in_a_laptops_name_is_not_hers_to_read(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    forms = tmp_path / "forms"
    ana, own = _sealed_laptop(tmp_path / "ana.db", forms, pair)
    _, made_up = _sealed_laptop(tmp_path / "forger.db", forms, pair)
    with Store.open(tmp_path / "ana.db") as store:
        write_package(store, tmp_path / "ana.fieldapp")
    with Store.open(tmp_path / "forger.db") as store:
        write_package(store, tmp_path / "forger.fieldapp")
    keyless = _forged(
        tmp_path / "forger.fieldapp",
        tmp_path,
        "DELETE FROM signatures",
        "DELETE FROM events",
        f"UPDATE meta SET value = '{uuid.uuid4()}' WHERE key = 'database_id'",
        f"UPDATE submissions SET created_on = '{ana}'",
        f"UPDATE revisions SET device_id = '{ana}'",
    )
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        supervisor.keys.unlock(study_key)
        merge_database(supervisor, keyless)  # Ana signs nothing here yet: taken
        supervisor.review.approve(made_up, author="Rosa")
        report = merge_database(supervisor, tmp_path / "ana.fieldapp")
        made_up_versions = {
            r
            for (r,) in supervisor.conn.execute(
                "SELECT uuid FROM revisions WHERE submission_uuid = ? AND device_id = ?",
                [made_up, ana],
            )
        }
        # its versions (saved, finalized) set aside: her approval is all it has left
        assert {row.key for row in report.set_aside} == made_up_versions
        supervisor.review.return_interview(
            made_up, comment=SAID, questions={"story": ON_QUESTION}, author="Rosa"
        )
        # The supervisor reads her own words with the study key, as before.
        said = comments_for_researcher(supervisor, made_up)
        assert said.general == (SAID,) and said.by_question == {"story": (ON_QUESTION,)}
        # Ana's own interview, returned, is still sealed for her laptop too.
        supervisor.review.return_interview(own, comment="Revise la pregunta 3", author="Rosa")
        write_package(supervisor, tmp_path / "supervisor.fieldapp")
    with Store.open(tmp_path / "ana.db") as store:
        merge_database(store, tmp_path / "supervisor.fieldapp")
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        assert comments_for_researcher(store, own).general == ("Revise la pregunta 3",)
        hidden = comments_for_researcher(store, made_up)
        assert not hidden and hidden.sealed == 2  # sealed, and not for her
