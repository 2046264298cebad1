"""Starting an interview: the study's assignment (who, where, whom) and its first author."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsform import row, write_xlsform

from fieldapp.core.store import Store


@pytest.fixture
def sha(store: Store, tmp_path: Path) -> str:
    form = write_xlsform(
        tmp_path / "visit.xlsx",
        [row("text", "org", "Organisation", "Organización")],
        settings={"form_id": "visit", "version": "1"},
    )
    return store.forms.add(form).sha256


def test_start_records_the_assignment_and_the_interviewer_as_author(store: Store, sha: str) -> None:
    sid = store.interviews.start(sha, interviewer="ana", city="tijuana", actor_type="cso")
    started = store.interviews.submission(sid)
    assert (started.interviewer, started.city, started.actor_type) == ("ana", "tijuana", "cso")
    assert [revision.author for revision in store.interviews.history(sid)] == ["ana"]


def test_submit_passes_the_assignment_and_its_author_on(store: Store, sha: str) -> None:
    sid, _ = store.interviews.submit(
        sha, {"org": "Colectivo"}, finalize=True, interviewer="ana", city="juarez", author="rosa"
    )
    started = store.interviews.submission(sid)
    assert (started.interviewer, started.city, started.actor_type) == ("ana", "juarez", "")
    history = store.interviews.history(sid)
    assert [revision.state for revision in history] == ["draft", "finalized"]
    assert {revision.author for revision in history} == {"rosa"}


def test_a_misspelt_assignment_field_is_refused_and_starts_nothing(store: Store, sha: str) -> None:
    with pytest.raises(TypeError, match="actor"):
        store.interviews.start(sha, interviewer="ana", city="tijuana", actor="cso")  # type: ignore[call-arg]
    assert store.interviews.count() == 0
