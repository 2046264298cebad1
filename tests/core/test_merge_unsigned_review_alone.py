"""(unsigned6) A supervisor's review that is all an interview made up whole has left.

A keyless copy of Carla's package brings an interview made up in her name; the
supervisor approves it (a signed version of hers on the made-up one). Carla's own
package then sets the made-up version aside. *(unsigned5)* ordered such a review after
another head; here there is none, so it stayed the current state: the made-up answers,
approved, in the list, the progress and the exports, and nothing said it. It stays (hers,
signed, held), but it lists as finalized, waiting for a review, and `fieldapp check` and
the review desk name it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from merge_devices import Device
from python_calamine import CalamineWorkbook
from test_merge_unsigned_before_key import _current, _laptop
from test_merge_unsigned_named import _made_up

from fieldapp.cli import main
from fieldapp.core.merge import merge_database
from fieldapp.core.progress import progress
from fieldapp.core.quarantine import heads_on_set_aside, reviews_on_set_aside
from fieldapp.core.store.content import revision_content_sha256


def _approved_made_up(tmp_path: Path) -> tuple[Device, Device, str, str]:
    """Carla's laptop, and the supervisor who approved an interview made up in Carla's
    name before Carla's package came and set its only version aside. Return them, the
    made-up interview and the id of the supervisor's approval."""
    carla, sid, package = _laptop(tmp_path, "carla")
    copy, made_up, version = _made_up(package, tmp_path, sid, "Inventada")
    with sqlite3.connect(copy) as conn:  # made up finalized, for the supervisor to approve
        conn.execute("UPDATE revisions SET state = 'finalized' WHERE uuid = ?", [version])
        cursor = conn.execute("SELECT * FROM revisions WHERE uuid = ?", [version])
        row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        conn.execute(
            "UPDATE revisions SET content_sha256 = ? WHERE uuid = ?",
            [revision_content_sha256(row), version],
        )
    conn.close()
    supervisor = Device(tmp_path / "supervisor.db", "Rosa")
    merge_database(supervisor.store, copy)
    supervisor.review(made_up, "approved", "bien")
    (approval,) = supervisor.store.interviews.heads(made_up)
    assert approval.state == "approved"
    report = merge_database(supervisor.store, package)
    assert len(report.set_aside) == 1
    return carla, supervisor, made_up, approval.revision_id


def test_a_review_that_is_all_a_made_up_interview_has_left_counts_as_not_reviewed(
    tmp_path: Path,
) -> None:
    carla, supervisor, made_up, approval = _approved_made_up(tmp_path)
    # kept, as it was: her version, the only head, its answers
    (head,) = supervisor.store.interviews.heads(made_up)
    saved_at = head.saved_at
    assert head.revision_id == approval and head.state == "approved"
    assert _current(supervisor)[made_up] == "Inventada"
    # ...but the list and the progress count it finalized, waiting for a review
    listed = {row.submission_id: row.state for row in supervisor.store.interviews.page()}
    assert listed[made_up] == "finalized"
    totals = progress(supervisor.store).totals  # Carla's own interview, and this one
    assert (totals["approved"], totals["finalized"]) == (0, 2)
    assert heads_on_set_aside(supervisor.store.conn) == []  # no other head to show
    assert reviews_on_set_aside(supervisor.store.conn) == [(made_up, approval, "Rosa", saved_at)]
    supervisor.close()
    out = tmp_path / "export.xlsx"
    assert main(["export", "--db", str(supervisor.path), "-o", str(out)]) == 0
    book = CalamineWorkbook.from_path(str(out))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    exported = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
    (row,) = [row for row in exported if row["_submission_id"] == made_up]
    assert row["_state"] == "finalized" and row["name"] == "Inventada"
    carla.close()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "is all the interview has left: it carries that version's answers"),
        ("es", "es todo lo que queda de la entrevista: lleva las respuestas"),
    ],
)
def test_check_names_a_review_that_is_all_an_interview_has_left(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    words: str,
) -> None:
    carla, supervisor, made_up, approval = _approved_made_up(tmp_path)
    supervisor.close()
    monkeypatch.setenv("FIELDAPP_LANG", language)
    capsys.readouterr()
    assert main(["check", "--db", str(supervisor.path)]) == 0  # nothing a merge refuses
    out = capsys.readouterr().out
    (line,) = [said for said in out.splitlines() if words in said]
    assert approval in line and made_up in line and "Rosa" in line
    assert main(["check", "--db", str(supervisor.path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["review_on_set_aside"]
    assert [(f["interview"], f["revision"]) for f in found] == [(made_up, approval)]
    carla.close()


def test_approving_it_again_once_read_counts_and_is_named_no_more(tmp_path: Path) -> None:
    carla, supervisor, made_up, _ = _approved_made_up(tmp_path)
    supervisor.store.review.approve(made_up, comment="leída de nuevo", author="Rosa")
    listed = {row.submission_id: row.state for row in supervisor.store.interviews.page()}
    assert listed[made_up] == "approved"
    assert reviews_on_set_aside(supervisor.store.conn) == []
    for device in (carla, supervisor):
        device.close()
