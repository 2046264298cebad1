"""Attack: pair a de-identified row with a package interview by how long its record is.

Attacker 3 holds a de-identified export and a device package. The export's rows hold at
least k package interviews each by what both show in clear (``test_attack_deid_groups``).
But a package holds every sealed revision's record (``revisions.sealed``) and the ODK
envelope made at finalizing (``submission.xml.enc``, an attachment of the interview's
``odk_envelope`` event): ciphertext whose length follows the answers, repeat entries
and texts included. The export shows the repeat rows and the answers that are safe: in a
group of five interviews with one to five mechanisms, the row with five repeat rows is
the package interview with the longest record, and so on down. The lengths must say
nothing finer than a bucket every interview of the group shares.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from paths import STUDY_FORMS
from study_keys import DRAFTS_PASSPHRASE, sealed_form
from test_attack_deid_groups import (
    MONDAY,
    _candidates,
    _cut_said,
    _interview_rows,
    _package_view,
    english,  # noqa: F401  (autouse: the messages in English)
)

from fieldapp.core import crypto, row_bounds
from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.package import write_package
from fieldapp.core.store import Store, sealing
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.padding import BUCKET, padded_length

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "integer", "name": "age", "label": "Edad"},
    {"type": "text", "name": "summary", "label": "Resumen", "sensitive": "no"},
    {"type": "begin repeat", "name": "mechanisms", "label": "Mecanismo"},
    {"type": "integer", "name": "mech_year", "label": "Año"},
    {"type": "text", "name": "mech_story", "label": "Relato"},
    {"type": "end repeat"},
]
MECHANISMS = (3, 1, 5, 2, 4)
"""Each interview's number of mechanisms, in the order they started: a group of five."""


def _study(root: Path, pair: crypto.KeyPair, counts: tuple[int, ...] = MECHANISMS) -> Path:
    """A laptop's database: one interviewer's sealed interviews of one Monday in Tijuana."""
    form = sealed_form(root, pair, SURVEY, form_id="mecanismos")
    now = [MONDAY]
    db = root / "laptop.db"
    with Store.open(db, clock=lambda: now[0]) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        for n, count in enumerate(counts):
            now[0] = MONDAY + dt.timedelta(minutes=50 * n)
            answers: dict[str, Any] = {
                "start": now[0].isoformat(),
                "age": 30 + n,
                "summary": "Cobro de cuota. " * count,
                "mechanisms": [
                    {"mech_year": 2010 + m, "mech_story": f"El grupo exigía pagos {m}. " * 8}
                    for m in range(count)
                ],
            }
            sid = store.interviews.start(
                sha, answers=answers, complete=True, interviewer="TJ01", city="tijuana"
            )
            now[0] += dt.timedelta(minutes=40)
            store.interviews.autosave(sid, {**answers, "end": now[0].isoformat()})
            store.interviews.finalize(sid)
    return db


def _exported(db: Path, out: Path, study_key: crypto.StudyKey) -> tuple[Any, dict[str, int]]:
    """The de-identified export, and each interview row's answer volume as the analyst
    sees it: its repeat rows, then the length of the texts it shows."""
    result = export_workbook(db, out, ExportOptions(deidentify=True), study_key=study_key)
    book = openpyxl.load_workbook(result.path, read_only=True)
    header, *entries = list(book["mecanismos-mechanisms"].iter_rows(values_only=True))
    parent = header.index("_submission_id")
    entries_of = Counter(entry[parent] for entry in entries)
    book.close()
    volume = {
        row["_submission_id"]: entries_of[row["_submission_id"]] * 10**6 + len(row["summary"])
        for row in _interview_rows(result.path)
    }
    return result, volume


def _package_lengths(package: Path) -> tuple[dict[str, int], dict[str, int]]:
    """What the stolen package tells of each interview's volume: the finalized record's
    length, and the length of its envelope's ``submission.xml.enc``."""
    conn = sqlite3.connect(f"file:{package}?mode=ro", uri=True)
    try:
        records = dict(
            conn.execute(
                "SELECT submission_uuid, length(sealed) FROM revisions WHERE state = 'finalized'"
            ).fetchall()
        )
        sizes = dict(conn.execute("SELECT sha256, size FROM attachments").fetchall())
        envelopes = {}
        for submission, payload in conn.execute(
            "SELECT submission_uuid, payload FROM events WHERE kind = 'odk_envelope'"
        ):
            files = dict(json.loads(payload)["files"])
            envelopes[submission] = sizes[files["submission.xml.enc"]]
    finally:
        conn.close()
    return records, envelopes


def _paired(volume: Mapping[str, int], lengths: Mapping[str, int]) -> dict[str, set[str]]:
    """For each row, the package interviews the attacker keeps: those whose length takes
    the same places, in order, as the row's volume among the group's rows."""

    def places(values: Mapping[str, int]) -> dict[str, set[int]]:
        ordered = sorted(values.values())
        return {
            name: set(range(ordered.index(value), len(ordered) - ordered[::-1].index(value)))
            for name, value in values.items()
        }

    rows, package = places(volume), places(lengths)
    return {row: {p for p, span in package.items() if span & rows[row]} for row in rows}


def test_no_row_pairs_with_fewer_than_k_package_interviews_by_record_length(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    db = _study(tmp_path, pair)
    with Store.open(db) as store:
        write_package(store, tmp_path / "stick.fieldapp")
    records, envelopes = _package_lengths(tmp_path / "stick.fieldapp")
    assert len(records) == len(envelopes) == 5
    result, volume = _exported(db, tmp_path / "shared.xlsx", study_key)
    # The group holds five by what both show in clear; the rows' volumes all differ.
    rows = _interview_rows(result.path)
    assert min(_candidates(rows, _package_view(db, tmp_path), _cut_said(result, "date"))) >= 5
    assert len(set(volume.values())) == 5
    # Who is who, which the test knows and the attacker does not: the row's age.
    age_of_row = {row["_submission_id"]: row["age"] for row in rows}
    with Store.open(db) as store:
        started = store.db.conn.execute("SELECT uuid FROM submissions ORDER BY created_at")
        age_of = {sid: 30 + n for n, (sid,) in enumerate(started.fetchall())}
    # The attack: rank the rows by volume and the records (or envelopes) by length.
    for lengths in (records, envelopes):
        kept = _paired(volume, lengths)
        # Where it keeps one interview, it is the row's own (it was, for every row).
        assert all(
            age_of[p] == age_of_row[row] for row, ps in kept.items() if len(ps) == 1 for p in ps
        )
        assert min(len(ps) for ps in kept.values()) >= 5, sorted(lengths.values())


@pytest.mark.parametrize("counts", [(0, 1), (0, 30)])
def test_interviews_of_none_to_thirty_mechanisms_read_the_same_length(
    tmp_path: Path, pair: crypto.KeyPair, counts: tuple[int, ...]
) -> None:
    records, envelopes = _package_lengths(_study(tmp_path, pair, counts))
    for lengths in (records, envelopes):
        assert len(lengths) == 2 and len(set(lengths.values())) == 1, lengths


def test_a_longer_record_costs_at_most_an_eighth_more_and_never_passes_the_bound() -> None:
    ceiling = row_bounds.MAX_ANSWERS_CHARS * 4
    assert padded_length(0, ceiling) == padded_length(BUCKET, ceiling) == BUCKET
    before = BUCKET
    for length in [*range(BUCKET + 1, 5 * BUCKET, 7), *range(ceiling - 10**6, ceiling, 997)]:
        padded = padded_length(length, ceiling)
        assert length <= padded < length * 1.125 and padded >= before
        before = padded
    # Eight lengths between 64 KiB and 128 KiB: a record says its size to an eighth.
    assert len({padded_length(n, ceiling) for n in range(2**16 + 1, 2**17 + 1)}) == 8
    assert padded_length(ceiling - 1, ceiling) == ceiling
    assert padded_length(ceiling + 5, ceiling) == ceiling + 5  # refused by the bound anyway


# --- what still opens --------------------------------------------------------------------


def _opened_answers(db: Path, study_key: crypto.StudyKey) -> list[Any]:
    with Store.open(db) as store:
        store.keys.unlock(study_key)
        rows = store.db.conn.execute("SELECT uuid FROM submissions ORDER BY created_at")
        return [store.interviews.working_answers(row[0]) for row in rows.fetchall()]


def _record(db: Path, study_key: crypto.StudyKey) -> bytes:
    """The plaintext of the first interview's finalized record, as the study key reads it."""
    conn = sqlite3.connect(db)
    submission, sealed = conn.execute(
        "SELECT submission_uuid, sealed FROM revisions WHERE state = 'finalized' "
        "ORDER BY saved_at LIMIT 1"
    ).fetchone()
    conn.close()
    return crypto.unseal(sealed, study_key, context=sealing.REVISION + submission.encode())


def test_a_padded_record_opens_to_its_answers_exactly(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    db = _study(tmp_path, pair, counts=(2,))
    (answers,) = _opened_answers(db, study_key)
    assert answers["summary"] == "Cobro de cuota. Cobro de cuota. "  # the spaces are its own
    assert [entry["mech_year"] for entry in answers["mechanisms"]] == [2010, 2011]
    assert answers["mechanisms"][1]["mech_story"] == "El grupo exigía pagos 1. " * 8
    record = json.loads(_record(db, study_key))
    assert len(_record(db, study_key)) == BUCKET
    assert set(record) == {"answers", "attachments", "instance_name", "pad"}
    assert record["pad"].strip(" ") == "" and "pad" not in answers


def test_a_record_an_older_fieldapp_sealed_without_padding_still_opens(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    db = _study(tmp_path, pair, counts=(2,))
    (answers,) = _opened_answers(db, study_key)
    conn = sqlite3.connect(db)
    submission, revision = conn.execute(
        "SELECT submission_uuid, uuid FROM revisions WHERE state = 'finalized'"
    ).fetchone()
    # What record_bytes wrote before: the canonical JSON of the three keys, no more.
    old = canonical_json({"answers": answers, "attachments": {}, "instance_name": None})
    blob = sealing.seal_record(old.encode(), pair.public_key, submission)
    conn.execute("DROP TRIGGER revisions_no_update")
    conn.execute("UPDATE revisions SET sealed = ? WHERE uuid = ?", [blob, revision])
    conn.commit()
    conn.close()
    assert len(blob) < BUCKET
    assert _opened_answers(db, study_key) == [answers]


def test_a_review_copies_the_padded_record_and_a_resolution_pads_its_own(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    from study_keys import decided_twice

    _study(tmp_path, pair, counts=(2,))
    with Store.open(tmp_path / "laptop.db") as laptop:
        (submission,) = [row[0] for row in laptop.db.conn.execute("SELECT uuid FROM submissions")]
    db = decided_twice(tmp_path, submission, study_key)  # approved here, returned there
    with Store.open(db) as supervisor:
        supervisor.keys.unlock(study_key)
        answers = dict(supervisor.interviews.heads(submission)[0].answers or {})
        answers["mechanisms"] = answers["mechanisms"] * 10  # the resolution holds more
        resolved = supervisor.interviews.resolve_conflict(submission, answers, author="sup")
        assert supervisor.interviews.working_answers(submission) == answers
        assert resolved in {h.revision_id for h in supervisor.interviews.heads(submission)}
    conn = sqlite3.connect(db)
    lengths = conn.execute("SELECT state, length(sealed) FROM revisions").fetchall()
    conn.close()
    assert {state for state, _ in lengths} == {"draft", "finalized", "approved", "returned"}
    assert len({length for state, length in lengths if state != "draft"}) == 1, lengths


def test_drafts_and_working_copies_read_the_same_length_whatever_they_hold(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    form = sealed_form(tmp_path, pair, SURVEY, form_id="mecanismos")
    db = tmp_path / "laptop.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        for count in (0, 30):
            answers = {
                "age": 30,
                "summary": "Cobro de cuota. " * count,
                "mechanisms": [{"mech_year": 2010, "mech_story": "Pagos. " * 30}] * count,
            }
            sid = store.interviews.start(sha, answers=answers, complete=True, city="tijuana")
            store.interviews.autosave(sid, {**answers, "age": 31})
            store.interviews.save(sid)  # a draft revision, as a package carries it
            store.interviews.autosave(sid, {**answers, "age": 32})  # the working copy
    conn = sqlite3.connect(db)
    drafts = conn.execute("SELECT length(sealed) FROM revisions WHERE state = 'draft'").fetchall()
    copies = conn.execute("SELECT length(answers) FROM working_copies").fetchall()
    conn.close()
    assert len(drafts) >= 4 and len(set(drafts)) == 1, drafts
    assert len(copies) == 2 and len(set(copies)) == 1, copies


def test_the_padded_envelope_opens_to_the_answers_as_odk_reads_it(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    from defusedxml import ElementTree

    from fieldapp.core.central.envelope import sealed_parts
    from fieldapp.core.central.envelope_open import open_submission, read_manifest
    from fieldapp.core.central.instance_read import read_instance

    db = _study(tmp_path, pair, counts=(2,))
    with Store.open(db) as store:
        (submission,) = [row[0] for row in store.db.conn.execute("SELECT uuid FROM submissions")]
        (manifest_part, *files) = sealed_parts(store, submission)
        form = store.forms.load(store.interviews.submission(submission).form_sha256)
    manifest = read_manifest(manifest_part[1], "test")
    opened = open_submission(manifest, {name: data for name, data, _ in files}, study_key, "t")
    assert len(opened.xml) == BUCKET and opened.xml.endswith(b" -->")
    root = ElementTree.fromstring(opened.xml)  # a comment after the root: legal XML
    assert root.get("id") == "mecanismos"
    answers = read_instance(form, opened.xml, source="test")
    assert answers["summary"] == "Cobro de cuota. Cobro de cuota. "
    assert [entry["mech_year"] for entry in answers["mechanisms"]] == [2010, 2011]
    assert answers["mechanisms"][0]["mech_story"] == "El grupo exigía pagos 0. " * 8


@pytest.mark.slow
def test_the_longest_realistic_interview_sealed_and_padded_merges_and_opens(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    """The study form with most to answer, sealed: every question answered, every text
    5,000 characters, each repeat 40 entries (``test_rogue_rows``'s longest interview)."""
    from test_rogue_rows import _longest_answers

    from fieldapp.core import validate
    from fieldapp.core.form_add import seal_forms
    from fieldapp.core.forms.loader import load_form
    from fieldapp.core.merge import merge_database

    answers_of = {
        workbook: _longest_answers(load_form(workbook), "á" * 5_000, 40)
        for workbook in sorted(STUDY_FORMS.glob("*.xlsx"))
    }
    workbook = max(answers_of, key=lambda w: len(canonical_json(answers_of[w])))
    answers = answers_of[workbook]
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        laptop.forms.add(workbook)
        (sealed,) = [s.added for s in seal_forms(laptop, pair.public_key) if s.added]
        sid = laptop.interviews.start(sealed.record.sha256, city="tijuana")
        head = laptop.interviews.heads(sid)[0].revision_id
        laptop.interviews._revisions.write(
            sid,
            parents=(head,),
            state="finalized",
            answers=answers,
            attachments={},
            author="ana",
            instance_name=None,
        )
        (length,) = laptop.db.conn.execute(
            "SELECT length(sealed) FROM revisions WHERE state = 'finalized'"
        ).fetchone()
    clear = len(canonical_json(answers).encode("utf-8"))
    assert BUCKET < clear < length < clear * 1.125 + 1024  # a bucket an eighth wide at most
    assert length <= row_bounds.MAX_SEALED_BYTES
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, tmp_path / "laptop.db")
        assert validate.check_database(supervisor.conn, supervisor.forms.load) == []
        supervisor.keys.unlock(study_key)
        assert supervisor.interviews.heads(sid)[0].answers == answers
