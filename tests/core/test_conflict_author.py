"""A conflict's resolution names who chose: never an empty author, never a fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_devices import Device, file_checksum

from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store import Store


def _conflict(tmp_path: Path) -> tuple[Path, str]:
    ana = Device(tmp_path / "ana.db", "ana")
    beto = Device(tmp_path / "beto.db", "beto")
    sid = ana.create(ana.add_form(), "Tijuana", {"name": "Mesa", "years": 2})
    merge_database(beto.store, ana.path)
    ana.edit(sid, {"years": 3})
    beto.edit(sid, {"name": "Mesa de Seguridad"})
    merge_database(ana.store, beto.path)
    ana.close()
    beto.close()
    return tmp_path / "ana.db", sid


@pytest.mark.parametrize("author", ["", "   \t"])
def test_a_resolution_without_an_author_is_refused_and_writes_nothing(
    tmp_path: Path, author: str
) -> None:
    path, sid = _conflict(tmp_path)
    before = file_checksum(path)
    with Store.open(path) as store:
        with pytest.raises(FieldappError) as refused:
            store.interviews.resolve_conflict(sid, {"name": "Mesa"}, author=author)
        assert store.interviews.conflicts() == [sid], "still two versions to choose from"
    assert refused.value.code == "conflicts.author_needed"
    assert sid in refused.value.text("en") and "Reviewer" in refused.value.text("en")
    assert "Revisor" in refused.value.text("es")
    assert file_checksum(path) == before, "not a row written"


def test_the_resolution_and_its_event_keep_the_name_given_not_the_interviewers(
    tmp_path: Path,
) -> None:
    path, sid = _conflict(tmp_path)
    with Store.open(path) as store:
        resolved = store.interviews.resolve_conflict(sid, {"name": "Mesa"}, author=" Rosa Díaz ")
        (head,) = store.interviews.heads(sid)
        (event,) = [e for e in store.events.of(sid) if e.kind == "conflict_resolved"]
    assert head.revision_id == resolved
    assert head.author == event.author == "Rosa Díaz"


def test_the_message_names_the_interview_in_both_languages() -> None:
    for language in ("en", "es"):
        assert "abc123" in text("conflicts.author_needed", language, submission="abc123")
