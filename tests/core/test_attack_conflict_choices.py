"""Attack on a resolved conflict of a sealed interview: what its event says in clear.

The Conflicts desk records, in a ``conflict_resolved`` event, every row that differed
between the heads and the head it was taken from. Events travel in clear in every
package (a copied USB stick): for a sealed interview those rows named the questions and
repeat entries whose answers the two laptops had differently (``security/extortion``,
``mechanisms[4]``), which its sealed records hide.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from study_keys import decided_twice, sealed_form
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.store import Store

DRAFTS = "cuaderno de campo 2026"
ROWS = ("security/extortion", "mechanisms[4]")
"""The rows the desk found differing, as it names them in the event's choices."""


def _resolved_event(supervisor: Store, sid: str) -> str:
    (payload,) = supervisor.conn.execute(
        "SELECT payload FROM events WHERE submission_uuid = ? AND kind = 'conflict_resolved'",
        [sid],
    ).fetchone()
    return str(payload)


def test_a_sealed_interviews_resolution_names_no_question_in_a_package(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    """Resolved with the study key, choices as the desk passes them: the supervisor's
    package named both rows in clear; now the event keeps the heads and no choices."""
    survey = [{"type": "text", "name": "org", "label": "Organización"}]
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sha = laptop.forms.add(sealed_form(tmp_path, pair, survey)).sha256
        sid, _ = laptop.interviews.submit(sha, {"org": "Colectivo"}, finalize=True)
    with Store.open(decided_twice(tmp_path, sid, study_key)) as supervisor:
        supervisor.keys.unlock(study_key)
        heads = supervisor.interviews.heads(sid)
        choices = {row: heads[1].revision_id for row in ROWS}
        answers = dict(heads[0].answers or {})
        supervisor.interviews.resolve_conflict(sid, answers, author="sup", choices=choices)
        payload = _resolved_event(supervisor, sid)
        write_package(supervisor, tmp_path / "out" / "supervisor.fieldapp")
    assert all(h.revision_id in payload for h in heads), "the heads it ended are kept"
    package = (tmp_path / "out" / "supervisor.fieldapp").read_bytes()
    assert [row for row in ROWS if row.encode() in package] == []
    with closing(sqlite3.connect(tmp_path / "supervisor.db")) as conn:
        dumped = "\n".join(conn.iterdump())
    assert [row for row in ROWS if row in dumped] == []


def test_a_clear_interviews_resolution_keeps_its_choices(tmp_path: Path) -> None:
    """A form in clear keeps what was chosen from which head, as before: its answers are
    in clear beside it."""
    form = write_xlsform(
        tmp_path / "clear.xlsx",
        [{"type": "text", "name": "org", "label": "Organización"}],
        settings={"form_id": "clear", "version": "1"},
    )
    with Store.open(tmp_path / "laptop.db") as laptop:
        sha = laptop.forms.add(form).sha256
        sid, _ = laptop.interviews.submit(sha, {"org": "Colectivo"}, finalize=True)
    for name, decide in (("a.db", "approve"), ("b.db", "return")):
        with Store.open(tmp_path / name) as supervisor:
            merge_database(supervisor, tmp_path / "laptop.db")
            if decide == "approve":
                supervisor.review.approve(sid, author=name)
            else:
                supervisor.review.return_interview(sid, comment="revise", author=name)
    with Store.open(tmp_path / "b.db") as supervisor:
        merge_database(supervisor, tmp_path / "a.db")
        heads = supervisor.interviews.heads(sid)
        choices = {"org": heads[1].revision_id}
        answers = dict(heads[0].answers or {})
        supervisor.interviews.resolve_conflict(sid, answers, author="sup", choices=choices)
        assert '"org"' in _resolved_event(supervisor, sid)
