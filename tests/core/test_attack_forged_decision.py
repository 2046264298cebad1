"""A laptop cannot approve or return an interview by writing the version alone (attack4).

A review is two rows: the interview's new version, in the state decided, and the
decision's event with its comment. Merge held the event to the study's certified
supervisor (``merge.not_supervisor``) but not the version: an enrolled laptop (its key in
a thief's hands) wrote versions "approved" of its own interview and of another laptop's,
with answers of its choosing and no event, and the supervisor's database listed both as
approved, her queue no longer offered them and her export wrote ``_state`` and
``_review_state`` "approved". Now such a version is refused like the event; the
supervisor's own decisions still travel through any laptop, and a laptop that resolves a
conflict of decided versions writes it "finalized", for the supervisor to decide again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from merge_devices import Device
from study_team import certified_team, refused

from fieldapp.core.merge import merge_database
from fieldapp.core.store.records import SubmissionId


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Device, Device, Device]]:
    with certified_team(tmp_path) as devices:
        yield devices


def _own(device: Device) -> SubmissionId:
    """The interview in clear ``device`` started."""
    return next(
        sid
        for sid in device.submissions()
        if device.store.interviews.submission(sid).created_on == device.store.device_id
    )


def _decided_by_hand(device: Device, sid: SubmissionId, state: Any, **changes: Any) -> str:
    """A version in ``state`` on the head, signed by ``device``, with no review event."""
    head = device.store.interviews.heads(sid)[0]
    answers = {**(head.answers or {}), **changes}
    return device._revision(sid, (head.revision_id,), state, answers, head.attachments)


@pytest.mark.parametrize("state", ["approved", "returned"])
def test_a_laptops_decided_version_without_a_review_is_refused(team, state) -> None:
    supervisor, ana, _ = team
    ana.finalize(_own(ana))
    forged = _decided_by_hand(ana, _own(ana), state)
    error = refused(supervisor, ana.path, "merge.not_supervisor")
    for language in ("en", "es"):
        said = error.text(language)
        assert forged in said and ana.store.device_id in said and f'"{state}"' in said
    assert supervisor.store.interviews.heads(_own(ana))[0].state == "draft"


def test_a_laptop_cannot_approve_another_laptops_interview_with_its_own_answers(team) -> None:
    supervisor, ana, beto = team
    beto_sid = _own(beto)
    assert beto_sid in ana.submissions()  # the supervisor's package brought it
    _decided_by_hand(ana, beto_sid, "approved", name="written by Ana")
    refused(supervisor, ana.path, "merge.not_supervisor")
    # and not on another laptop either: Beto's database stays as it was
    refused(beto, ana.path, "merge.not_supervisor")
    head = supervisor.store.interviews.heads(beto_sid)[0]
    assert (head.state, head.answers["name"]) == ("draft", "beto")


def test_the_supervisors_decisions_still_travel_through_a_laptop(team) -> None:
    supervisor, ana, beto = team
    sid = _own(ana)
    ana.finalize(sid)
    merge_database(supervisor.store, ana.path)
    supervisor.store.review.approve(sid, comment="Bien", author="sup")
    merge_database(ana.store, supervisor.path)
    merge_database(beto.store, ana.path)  # relayed by Ana's laptop
    assert beto.store.interviews.heads(sid)[0].state == "approved"
    merge_database(supervisor.store, beto.path)  # and back: nothing refused


def test_a_laptop_resolving_a_conflict_of_approved_versions_leaves_it_to_the_supervisor(
    team,
) -> None:
    supervisor, ana, _ = team
    sid = _own(ana)
    ana.finalize(sid)
    merge_database(supervisor.store, ana.path)
    finalized = supervisor.store.interviews.heads(sid)[0]
    for name in ("uno", "dos"):  # two decided versions of one head (two copies decided)
        supervisor._revision(sid, (finalized.revision_id,), "approved", {"name": name})
    merge_database(ana.store, supervisor.path)
    assert [h.state for h in ana.store.interviews.heads(sid)] == ["approved", "approved"]
    ana.store.interviews.resolve_conflict(sid, {"name": "uno"}, author="ana")
    assert ana.store.interviews.heads(sid)[0].state == "finalized"
    merge_database(supervisor.store, ana.path)  # her package is not refused for it
    assert supervisor.store.interviews.heads(sid)[0].state == "finalized"
