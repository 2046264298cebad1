"""Attachment names are data: any name keeps its link, a sealed form's name stays sealed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from study_keys import KEY_PASSPHRASE
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.store import Store, SubmissionId

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
SURVEY = [
    {"type": "text", "name": "org", "label": "Organización"},
    {"type": "audio", "name": "recording", "label": "Grabación"},
]
AWKWARD_NAMES = [
    "grabación-Ñuñoa.m4a",
    'dijo "no".m4a',
    "back\\slash.m4a",
    'mixed \\u00f3 "q" ñ.m4a',
]
CANARY_NAME = "entrevista-comandante-Zaragoza-QX7.m4a"


def _form(tmp_path: Path, public_key: str | None = None) -> Path:
    settings = {"form_id": "names", "version": "1"}
    if public_key:
        settings["public_key"] = public_key
    return write_xlsform(tmp_path / "names.xlsx", SURVEY, settings=settings)


def _start(store: Store, form: Path) -> SubmissionId:
    sha = store.forms.add(form).sha256
    return store.interviews.start(sha, interviewer="NL01", city="nuevo_laredo", actor_type="cso")


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_a_name_with_accents_quotes_or_backslashes_keeps_its_file(
    store: Store, tmp_path: Path, name: str
) -> None:
    submission = _start(store, _form(tmp_path))
    content = b"audio of " + name.encode()
    sha = store.attachments.add(content, submission_id=submission, filename=name)
    store.interviews.autosave(submission, {"org": "x", "recording": name})
    store.interviews.finalize(submission)
    (head,) = store.interviews.heads(submission)
    assert head.attachments == {name: sha}
    assert store.attachments.get(head.attachments[name]) == content


def test_attaching_two_files_keeps_both_and_a_replaced_name_keeps_the_newest(
    store: Store, tmp_path: Path
) -> None:
    submission = _start(store, _form(tmp_path))
    first = store.attachments.add(b"one", submission_id=submission, filename=AWKWARD_NAMES[0])
    store.attachments.add(b"old", submission_id=submission, filename=AWKWARD_NAMES[1])
    second = store.attachments.add(b"new", submission_id=submission, filename=AWKWARD_NAMES[1])
    store.interviews.save(submission)
    assert store.interviews.heads(submission)[0].attachments == {
        AWKWARD_NAMES[0]: first,
        AWKWARD_NAMES[1]: second,
    }


def test_rows_written_by_the_old_json_path_code_still_find_their_file(
    store: Store, tmp_path: Path
) -> None:
    submission = _start(store, _form(tmp_path))
    name = "grabación\\1.m4a"
    sha = store.attachments.add(b"audio", submission_id=submission)
    store.interviews.autosave(submission, {"org": "x", "recording": name})
    # What the old code did: the name spliced into a JSON path, escapes kept literally.
    store.db.conn.execute(
        "UPDATE working_copies SET attachments = json_set(attachments, ?, ?) "
        "WHERE submission_uuid = ?",
        ["$." + json.dumps(name), sha, submission],
    )
    stored = store.db.conn.execute("SELECT attachments FROM working_copies").fetchone()[0]
    assert name not in json.loads(stored)  # the damage the old code did
    store.interviews.save(submission)
    assert store.interviews.heads(submission)[0].attachments == {name: sha}


def test_a_sealed_forms_file_name_is_nowhere_in_clear_and_comes_back_with_the_keys(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    path = tmp_path / "field.db"
    form = _form(tmp_path, pair.public_key)
    for name in [CANARY_NAME, *AWKWARD_NAMES]:
        with Store.open(path) as store:
            store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
            submission = _start(store, form)
            sha = store.attachments.add(b"voice", submission_id=submission, filename=name)
            store.interviews.autosave(submission, {"org": "x", "recording": name})
            # While a draft: the working copy names it encrypted; its key opens it.
            stored = store.db.conn.execute(
                "SELECT attachments FROM working_copies WHERE submission_uuid = ?", [submission]
            ).fetchone()[0]
            assert name not in stored and "grabaci" not in stored
            store.interviews.save(submission)
            assert store.interviews.heads(submission)[0].attachments == {name: sha}
            store.interviews.finalize(submission)
            (head,) = store.interviews.heads(submission)
            (stored_name,) = head.attachments
            assert stored_name.startswith("file-") and name not in stored_name
            store.keys.unlock(crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE))
            (opened,) = store.interviews.heads(submission)
            assert list(opened.attachments) == [name]
            assert store.attachments.get(opened.attachments[name]) == b"voice"
            # A review copies the sealed record with the row's random names: still opens.
            store.review.approve(submission, comment="ok")
            (approved,) = store.interviews.heads(submission)
            assert list(approved.attachments) == [name]
            assert (
                name
                not in store.db.conn.execute(
                    "SELECT attachments FROM revisions WHERE uuid = ?", [approved.revision_id]
                ).fetchone()[0]
            )
    from fieldapp.core.merge import merge_database
    from fieldapp.core.package import write_package

    with Store.open(path) as store:
        write_package(store, tmp_path / "laptop.fieldapp")
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "laptop.fieldapp")
    for leftover in [*tmp_path.glob("*.db*"), tmp_path / "laptop.fieldapp"]:
        data = leftover.read_bytes()
        # Five bytes or more each: a needle of three (``QX7``) turned up in the ciphertext
        # by chance now and then.
        for needle in ("Zaragoza", "grabaci", "Ñuñoa", "slash"):
            assert needle.encode() not in data, (leftover.name, needle)
            assert needle.encode("utf-16-le") not in data
