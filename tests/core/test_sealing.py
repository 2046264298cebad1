"""Sealed forms in the store: finals unreadable without the study key, drafts locked."""

from __future__ import annotations

from pathlib import Path

import pytest
from study_keys import KEY_PASSPHRASE, decided_twice, sealed_form
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store, SubmissionId

DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
PHRASE = "El comandante Ramírez cobra cuota en la colonia Anapra"
SURVEY = [
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "text", "name": "story", "label": "Relato"},
    {"type": "image", "name": "photo", "label": "Foto"},
]


@pytest.fixture
def form_path(tmp_path: Path, pair: crypto.KeyPair) -> Path:
    return sealed_form(tmp_path, pair, SURVEY, form_id="cso_sealed", instance_name="${org}")


def _finalized(store: Store, form_path: Path) -> SubmissionId:
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    form = store.forms.add(form_path)
    submission, _ = store.interviews.submit(
        form.sha256,
        {"org": "Colectivo Anapra", "story": PHRASE},
        finalize=True,
        interviewer="ana",
        city="juarez",
        actor_type="cso",
    )
    return submission


def test_a_finalized_interview_is_sealed_and_unreadable_on_the_laptop(
    store: Store, form_path: Path
) -> None:
    submission = _finalized(store, form_path)
    head = store.interviews.heads(submission)[0]
    assert head.state == "finalized"
    assert head.answers is None and head.sealed is not None
    assert PHRASE.encode() not in head.sealed
    with pytest.raises(FieldappError) as caught:
        store.interviews.working_answers(submission)
    assert caught.value.code == "store.sealed"
    # The listing shows what is not sensitive, and no instance name built from answers.
    (row,) = store.interviews.page()
    assert (row.form_id, row.city, row.state) == ("cso_sealed", "juarez", "finalized")
    assert row.instance_name is None
    (current,) = store.interviews.iter_current()
    assert current.answers == {}
    # Even the researcher's passphrase no longer opens the earlier draft.
    assert all(revision.answers is None for revision in store.interviews.history(submission))


def test_the_study_key_opens_it_for_review_and_the_review_stays_sealed(
    store: Store, form_path: Path, study_key: crypto.StudyKey
) -> None:
    submission = _finalized(store, form_path)
    store.keys.unlock(study_key)
    assert store.interviews.working_answers(submission)["story"] == PHRASE
    (current,) = store.interviews.iter_current()
    assert current.answers["story"] == PHRASE
    assert current.revision.instance_name == "Colectivo Anapra"
    approved = store.review.approve(submission, comment="ok", author="sup")
    head = store.interviews.heads(submission)[0]
    assert head.revision_id == approved and head.state == "approved"
    assert head.answers is not None and head.answers["story"] == PHRASE
    raw = store.db.conn.execute(
        "SELECT answers, sealed FROM revisions WHERE uuid = ?", [approved]
    ).fetchone()
    assert raw[0] is None and PHRASE.encode() not in raw[1]


def test_a_wrong_key_is_refused_with_one_clear_message(
    store: Store, form_path: Path, study_key: crypto.StudyKey
) -> None:
    submission = _finalized(store, form_path)
    other = crypto.load_private_key(
        crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048).private_pem, KEY_PASSPHRASE
    )
    with pytest.raises(FieldappError) as caught:
        store.keys.unlock(other)
    assert caught.value.code == "crypto.wrong_key"
    assert not store.keys.unlocked
    with pytest.raises(FieldappError):
        store.interviews.working_answers(submission)


def test_a_tampered_sealed_revision_is_detected_not_decrypted(
    store: Store, form_path: Path, study_key: crypto.StudyKey
) -> None:
    submission = _finalized(store, form_path)
    head = store.interviews.heads(submission)[0]
    assert head.sealed is not None
    damaged = bytearray(head.sealed)
    damaged[-5] ^= 0x01
    store.db.conn.execute("DROP TRIGGER revisions_no_update")
    store.db.conn.execute(
        "UPDATE revisions SET sealed = ? WHERE uuid = ?", [bytes(damaged), head.revision_id]
    )
    store.db.conn.commit()
    store.keys.unlock(study_key)
    with pytest.raises(FieldappError) as caught:
        store.interviews.working_answers(submission)
    assert caught.value.code == "crypto.tampered"


def test_a_sealed_record_moved_to_another_interview_does_not_open(
    store: Store, form_path: Path, study_key: crypto.StudyKey
) -> None:
    first = _finalized(store, form_path)
    second = _finalized(store, form_path)
    blob = store.interviews.heads(first)[0].sealed
    store.db.conn.execute("DROP TRIGGER revisions_no_update")
    store.db.conn.execute(
        "UPDATE revisions SET sealed = ? WHERE uuid = ?",
        [blob, store.interviews.heads(second)[0].revision_id],
    )
    store.db.conn.commit()
    store.keys.unlock(study_key)
    assert store.interviews.working_answers(first)["story"] == PHRASE
    with pytest.raises(FieldappError) as caught:
        store.interviews.working_answers(second)
    assert caught.value.code == "crypto.tampered"


def test_drafts_of_a_sealed_form_need_the_passphrase_and_are_encrypted_at_rest(
    store: Store, form_path: Path, tmp_path: Path
) -> None:
    form = store.forms.add(form_path)
    with pytest.raises(FieldappError) as caught:
        store.interviews.start(form.sha256, interviewer="ana", city="tijuana", actor_type="cso")
    assert caught.value.code == "store.drafts_locked"
    assert store.interviews.count() == 0  # nothing half-written

    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    submission = store.interviews.start(
        form.sha256, interviewer="ana", city="tijuana", actor_type="cso"
    )
    store.interviews.autosave(submission, {"org": "Colectivo", "story": PHRASE})
    assert store.interviews.working_answers(submission)["story"] == PHRASE
    photo = b"\x89PNG fake photo of " + PHRASE.encode()
    sha = store.attachments.add(photo, submission_id=submission, filename="photo-1.png")
    assert store.attachments.get(sha) == photo
    store.interviews.save(submission)
    store.close()

    with Store.open(tmp_path / "field.db") as reopened:
        assert reopened.keys.drafts_passphrase_set()
        with pytest.raises(FieldappError) as locked:
            reopened.interviews.working_answers(submission)
        assert locked.value.code == "store.drafts_locked"
        with pytest.raises(FieldappError) as wrong:
            reopened.keys.unlock_drafts("not the passphrase")
        assert wrong.value.code == "crypto.wrong_passphrase"
        reopened.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        assert reopened.interviews.working_answers(submission)["story"] == PHRASE
        assert reopened.attachments.get(sha) == photo
    content = (tmp_path / "field.db").read_bytes()
    assert PHRASE.encode() not in content


def test_a_sealed_attachment_opens_only_with_the_study_key(
    store: Store, form_path: Path, study_key: crypto.StudyKey
) -> None:
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    form = store.forms.add(form_path)
    submission = store.interviews.start(
        form.sha256, interviewer="ana", city="tijuana", actor_type="cso"
    )
    photo = b"photo bytes " + PHRASE.encode()
    store.attachments.add(photo, submission_id=submission, filename="photo-1.png")
    store.interviews.autosave(submission, {"org": "Colectivo", "photo": "photo-1.png"})
    store.interviews.finalize(submission)
    (sealed_sha,) = store.interviews.heads(submission)[0].attachments.values()
    assert "photo-1.png" not in store.interviews.heads(submission)[0].attachments  # a random name
    stored = store.db.conn.execute(
        "SELECT content FROM attachments WHERE sha256 = ?", [sealed_sha]
    ).fetchone()[0]
    assert PHRASE.encode() not in stored
    with pytest.raises(FieldappError) as caught:
        store.attachments.get(sealed_sha)
    assert caught.value.code == "store.sealed_attachment"
    store.keys.unlock(study_key)
    assert store.attachments.get(sealed_sha) == photo
    assert store.interviews.heads(submission)[0].attachments == {"photo-1.png": sealed_sha}


def test_merge_copies_sealed_revisions_without_the_key(
    tmp_path: Path, form_path: Path, study_key: crypto.StudyKey
) -> None:
    from fieldapp.core.merge import merge_database

    with Store.open(tmp_path / "laptop.db") as laptop:
        submission = _finalized(laptop, form_path)
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        assert not supervisor.keys.has_sealed_forms()
        report = merge_database(supervisor, tmp_path / "laptop.db")
        assert report.interviews == 1
        assert supervisor.keys.has_sealed_forms()  # a form that came by merge is looked at too
        assert supervisor.interviews.heads(submission)[0].answers is None
        supervisor.keys.unlock(study_key)
        assert supervisor.interviews.working_answers(submission)["story"] == PHRASE


def test_merge_refuses_a_sealed_revision_altered_in_the_source(
    tmp_path: Path, form_path: Path
) -> None:
    from fieldapp.core.merge import merge_database

    with Store.open(tmp_path / "laptop.db") as laptop:
        submission = _finalized(laptop, form_path)
        head = laptop.interviews.heads(submission)[0]
        assert head.sealed is not None
        laptop.db.conn.execute("DROP TRIGGER revisions_no_update")
        laptop.db.conn.execute(
            "UPDATE revisions SET sealed = ? WHERE uuid = ?",
            [head.sealed[:-1] + bytes([head.sealed[-1] ^ 1]), head.revision_id],
        )
        laptop.db.conn.commit()
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        with pytest.raises(FieldappError) as caught:
            merge_database(supervisor, tmp_path / "laptop.db")
        assert caught.value.code == "merge.bad_checksum"
        assert supervisor.interviews.count() == 0


def test_a_conflict_of_sealed_heads_is_resolved_with_the_key(
    tmp_path: Path, form_path: Path, study_key: crypto.StudyKey
) -> None:
    with Store.open(tmp_path / "laptop.db") as laptop:
        submission = _finalized(laptop, form_path)
    with Store.open(decided_twice(tmp_path, submission, study_key)) as supervisor:
        supervisor.keys.unlock(study_key)
        heads = supervisor.interviews.heads(submission)
        assert len(heads) == 2 and all(h.answers for h in heads)
        resolved = supervisor.interviews.resolve_conflict(
            submission, dict(heads[0].answers or {}), author="sup"
        )
        head = supervisor.interviews.heads(submission)[0]
        assert head.revision_id == resolved and head.answers is not None
        assert head.answers["story"] == PHRASE and head.sealed is not None


def test_finalizing_leaves_no_copy_of_the_interviews_drafts_key(
    store: Store, form_path: Path, tmp_path: Path
) -> None:
    store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
    form = store.forms.add(form_path)
    submission = store.interviews.start(
        form.sha256, interviewer="ana", city="tijuana", actor_type="cso"
    )
    store.interviews.autosave(submission, {"org": "Colectivo", "story": PHRASE})
    (wrapped,) = store.db.conn.execute(
        "SELECT value FROM meta WHERE key = ?", [f"draft_key:{submission}"]
    ).fetchone()
    store.interviews.finalize(submission)
    for path in (tmp_path / "field.db", tmp_path / "field.db-wal"):
        if path.exists():
            assert wrapped.encode() not in path.read_bytes(), path
    with pytest.raises(FieldappError) as caught:
        store.interviews.working_answers(submission)
    assert caught.value.code == "store.sealed"


def test_the_demo_fills_a_sealed_form_with_the_drafts_passphrase(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    from fieldapp.core.demo import run_demo

    form = write_xlsform(
        tmp_path / "sealed_demo.xlsx",
        [{"type": "text", "name": "story", "label": "Relato", "required": "yes"}],
        settings={"form_id": "sealed_demo", "version": "1", "public_key": pair.public_key},
    )
    db = tmp_path / "demo.db"
    with pytest.raises(FieldappError) as caught:
        run_demo(db, 6, forms=[form])
    assert caught.value.code == "store.drafts_locked"
    report = run_demo(tmp_path / "demo2.db", 6, forms=[form], drafts_passphrase=DRAFTS_PASSPHRASE)
    assert report.interviews == 6 and report.finalized >= 1
    with Store.open(tmp_path / "demo2.db") as store:
        finals = [c for c in store.interviews.iter_current() if c.revision.state == "finalized"]
        assert finals and all(c.answers == {} and c.revision.sealed for c in finals)
        store.keys.unlock(study_key)
        opened = [c for c in store.interviews.iter_current() if c.revision.state == "finalized"]
        assert len(opened) == len(finals) and all(c.answers.get("story") for c in opened)
