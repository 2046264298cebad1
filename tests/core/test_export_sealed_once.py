"""An export opens each sealed interview's current head once, and its last decision's
comment once, and exports what they hold."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from study_keys import decided_twice
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.export import ExportOptions
from fieldapp.core.export.from_store import export_workbook
from fieldapp.core.review import DECISIONS
from fieldapp.core.store import Store, SubmissionId, queries, sealed_comments, sealing

STORIES = ("Cuota en la colonia Anapra", "Retén en la carretera", "Amenaza al colectivo")


def _laptop(path: Path, form: Path) -> list[SubmissionId]:
    with Store.open(path) as laptop:
        laptop.keys.unlock_drafts("cuaderno de campo 2026")
        sha = laptop.forms.add(form).sha256
        return [
            laptop.interviews.submit(
                sha, {"story": story}, finalize=True, interviewer="ana", city="tijuana"
            )[0]
            for story in STORIES
        ]


def _cells(path: Path) -> dict[str, dict[str, Any]]:
    """Return the form sheet's rows by submission id, each as header -> cell (a row
    ends at its last cell written)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        header, *rows = workbook["cso"].iter_rows(values_only=True)
        found = [dict(zip(header, row, strict=False)) for row in rows]
    finally:
        workbook.close()
    return {str(row["_submission_id"]): row for row in found}


def test_each_sealed_head_and_decision_is_opened_once_and_exported_as_the_store_reads_it(
    tmp_path: Path,
    pair: crypto.KeyPair,
    study_key: crypto.StudyKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = write_xlsform(
        tmp_path / "cso.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "cso", "version": "1", "public_key": pair.public_key},
    )
    submissions = _laptop(tmp_path / "laptop.db", form)
    # Two supervisors decided the first one apart: two sealed heads, one interview.
    supervisor = decided_twice(tmp_path, submissions[0], study_key)
    with Store.open(supervisor) as store:
        store.keys.unlock(study_key)
        assert len(store.interviews.heads(submissions[0])) == 2
        expected = {c.submission.submission_id: c for c in store.interviews.iter_current()}
        stored = queries.events(store.conn, submissions[0])
        last = [e for e in store.events.of(submissions[0]) if e.kind in DECISIONS][-1]
    assert sorted(expected) == sorted(submissions)
    assert [sealed_comments.is_sealed(e.payload) for e in stored if e.kind in DECISIONS] == [
        True,
        True,
    ]
    assert last.payload["comment"] == "revise" and last.kind == "returned"

    opened: Counter[str] = Counter()
    unsealed: list[bytes] = []
    unseal = crypto.unseal

    def counting_unseal(blob: bytes, key: crypto.StudyKey, *, context: bytes) -> bytes:
        unsealed.append(context)
        if context.startswith(sealing.REVISION):
            opened[context.removeprefix(sealing.REVISION).decode()] += 1
        return unseal(blob, key, context=context)

    comments: Counter[str] = Counter()
    open_comment = sealed_comments.open_payload

    def counting_open(payload: dict[str, Any], *, submission: str, **keys: Any) -> Any:
        comments[submission] += 1
        return open_comment(payload, submission=submission, **keys)

    monkeypatch.setattr(crypto, "unseal", counting_unseal)
    monkeypatch.setattr(sealed_comments, "open_payload", counting_open)
    out = tmp_path / "opened.xlsx"
    export_workbook(supervisor, out, ExportOptions(), study_key=study_key)
    assert opened == Counter(submissions), "one opening per sealed interview, conflict or not"
    assert comments == Counter([submissions[0]]), "the last decision's comment, not them all"

    cells = _cells(out)
    for submission, current in expected.items():
        assert cells[submission]["story"] == current.answers["story"]
        assert cells[submission]["_state"] == current.revision.state
    assert cells[submissions[0]]["_review_state"] == "returned"
    assert cells[submissions[0]]["_review_comment"] == "revise"
    assert {cells[s]["story"] for s in submissions} == set(STORIES)
    assert cells[submissions[0]]["_conflict"] == 1

    # Without the study key nothing is decrypted and the answers stay out of the file.
    unsealed.clear()
    plain = tmp_path / "sealed.xlsx"
    export_workbook(supervisor, plain, ExportOptions())
    assert unsealed == []
    assert all(row.get("story") in (None, "") for row in _cells(plain).values())
    assert _cells(plain)[submissions[0]]["_review_state"] == "returned"
