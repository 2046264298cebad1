"""Comments on sealed interviews: read by the study key and by the laptop they concern only."""

from __future__ import annotations

from pathlib import Path

from study_keys import KEY_PASSPHRASE
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.review import comments_for_researcher
from fieldapp.core.store import Store, SubmissionId

DRAFTS = "cuaderno de campo 2026"
GENERAL = "Quite el apellido Zubiría del relato"
ON_QUESTION = "El comandante Ocampo no debe aparecer"
CANARIES = ("Zubir", "Ocampo")


def _laptop(path: Path, form: Path) -> SubmissionId:
    with Store.open(path) as store:
        store.keys.unlock_drafts(DRAFTS)
        sha = store.forms.add(form).sha256
        submission, _ = store.interviews.submit(
            sha,
            {"story": "relato"},
            finalize=True,
            interviewer="NL01",
            city="nuevo_laredo",
            actor_type="security",
        )
    return submission


def _grep(folder: Path) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.name}:{c}" for c in CANARIES if c.encode() in data]
    return hits


def test_a_return_on_a_sealed_interview_is_read_by_its_laptop_and_the_study_key_only(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    form = write_xlsform(
        tmp_path / "f.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "f", "version": "1", "public_key": pair.public_key},
    )
    laptop, other, supervisor = (tmp_path / n for n in ("laptop.db", "other.db", "sup.db"))
    submission = _laptop(laptop, form)
    _laptop(other, form)
    study_key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    with Store.open(laptop) as store:
        write_package(store, tmp_path / "laptop.fieldapp")
    with Store.open(supervisor) as store:
        merge_database(store, tmp_path / "laptop.fieldapp")
        store.keys.unlock(study_key)
        store.review.return_interview(
            submission, comment=GENERAL, questions={"story": ON_QUESTION}, author="sup"
        )
        comments = comments_for_researcher(store, submission)
        assert comments.general == (GENERAL,)
        assert comments.by_question == {"story": (ON_QUESTION,)}
        write_package(store, tmp_path / "supervisor.fieldapp")
        opened = tmp_path / "opened.xlsx"
        export_workbook(supervisor, opened, ExportOptions(), study_key=study_key)
    with Store.open(supervisor) as store:  # without the study key: sealed
        hidden = comments_for_researcher(store, submission)
        assert not hidden and hidden.sealed == 2
    for path in (laptop, other):
        with Store.open(path) as store:
            merge_database(store, tmp_path / "supervisor.fieldapp")
            assert not comments_for_researcher(store, submission)  # drafts still locked
            store.keys.unlock_drafts(DRAFTS)
            found = comments_for_researcher(store, submission)
            if path == laptop:
                assert found.general == (GENERAL,)
                assert found.by_question == {"story": (ON_QUESTION,)}
            else:  # another researcher's laptop: not theirs to read
                assert not found
    opened.rename(tmp_path / "opened.keep")
    assert GENERAL.encode() in _unzip(tmp_path / "opened.keep")
    (tmp_path / "opened.keep").unlink()
    plain = tmp_path / "plain.xlsx"
    export_workbook(supervisor, plain, ExportOptions())
    assert GENERAL.encode() not in _unzip(plain)
    plain.unlink()
    # Databases, WALs, packages: the comments are nowhere in clear.
    assert _grep(tmp_path) == []


def test_comments_on_an_unsealed_interview_stay_plain(tmp_path: Path) -> None:
    form = write_xlsform(
        tmp_path / "f.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "f", "version": "1"},
    )
    submission = _laptop(tmp_path / "laptop.db", form)
    with Store.open(tmp_path / "laptop.db") as store:
        store.review.return_interview(submission, comment=GENERAL)
        assert comments_for_researcher(store, submission).general == (GENERAL,)
        (event,) = [e for e in store.events.of(submission) if e.kind == "returned"]
        assert event.payload == {"comment": GENERAL}


def _unzip(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())
