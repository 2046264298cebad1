"""The review rules: every transition the store allows, every refusal, comments that travel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsform import write_xlsform

from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.review import (
    TRANSITIONS,
    allowed,
    check_transition,
    comments_for_researcher,
    diff_history,
)
from fieldapp.core.store import Store, SubmissionId

SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "integer", "name": "members", "label": "Miembros"},
    {"type": "begin repeat", "name": "meetings", "label": "Reuniones"},
    {"type": "text", "name": "with_whom", "label": "Con quién"},
    {"type": "end repeat"},
]
SETTINGS = {"form_id": "cso", "form_title": "OSC", "version": "1", "instance_name": "${org}"}


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=SETTINGS)


@pytest.fixture
def store(store: Store, form_path: Path) -> Store:
    """The supervisor's store (tests/core/conftest.py), holding the form."""
    store.forms.add(form_path)
    return store


def finalized(store: Store, org: str = "Consejo Cívico") -> SubmissionId:
    sha = store.forms.records()[0].sha256
    sid, _ = store.interviews.submit(
        sha, {"org": org, "members": 12}, finalize=True, interviewer="TJ01", city="tijuana"
    )
    return sid


def state(store: Store, sid: SubmissionId) -> str:
    (head,) = store.interviews.heads(sid)
    return head.state


# --- every allowed transition, through the store ----------------------------------------------


def test_a_whole_review_cycle_follows_the_arrows_and_history_keeps_every_step(
    store: Store,
) -> None:
    sid = finalized(store)
    store.review.return_interview(sid, comment="Falta el número de miembros", author="sup")
    assert state(store, sid) == "returned"
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "members": 15})
    store.interviews.save(sid)  # returned -> draft: the researcher's fix
    assert state(store, sid) == "draft"
    store.interviews.finalize(sid)  # draft -> finalized
    store.review.return_interview(sid, questions={"members": "¿15 o 16?"}, author="sup")
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "members": 16})
    store.interviews.finalize(sid)  # returned -> finalized directly, once fixed
    store.review.approve(sid, comment="Bien", author="sup")  # finalized -> approved
    assert state(store, sid) == "approved"
    store.interviews.reopen(sid)  # approved -> draft: the supervisor takes it back
    assert [r.state for r in store.interviews.history(sid)] == [
        "draft",
        "finalized",
        "returned",
        "draft",
        "finalized",
        "returned",
        "finalized",
        "approved",
        "draft",
    ]
    assert [e.kind for e in store.events.of(sid)] == [
        "returned",
        "returned",
        "question_comment",
        "approved",
    ]


def test_a_finalized_interview_can_be_reopened_by_its_researcher(store: Store) -> None:
    sid = finalized(store)
    store.interviews.reopen(sid)
    assert state(store, sid) == "draft"


# --- refusals --------------------------------------------------------------------------------


def decide(store: Store, sid: SubmissionId, decision: str, *, comment: str) -> None:
    """Approve or return through the one way in for each, as a reviewer would."""
    if decision == "approved":
        store.review.approve(sid, comment=comment, author="sup")
    else:
        store.review.return_interview(sid, comment=comment, author="sup")


@pytest.mark.parametrize(
    ("decision", "code", "said"),
    [
        ("approved", "review.not_finalized", "only a finalized interview"),
        ("returned", "review.not_returnable", "only a finalized or approved interview"),
    ],
)
def test_a_draft_cannot_be_reviewed(store: Store, decision: str, code: str, said: str) -> None:
    sha = store.forms.records()[0].sha256
    sid, _ = store.interviews.submit(sha, {"org": "A"}, interviewer="TJ01")
    with pytest.raises(FieldappError) as refused:
        decide(store, sid, decision, comment="x")
    assert refused.value.code == code
    assert said in str(refused.value)
    assert [r.state for r in store.interviews.history(sid)] == ["draft"], "nothing written"
    assert store.events.of(sid) == []


@pytest.mark.parametrize(
    ("first", "then", "code"),
    [
        ("approved", "approved", "review.not_finalized"),
        ("returned", "approved", "review.not_finalized"),
        ("returned", "returned", "review.not_returnable"),
    ],
)
def test_a_reviewed_interview_cannot_be_reviewed_again_before_it_is_finalized(
    store: Store, first: str, then: str, code: str
) -> None:
    sid = finalized(store)
    decide(store, sid, first, comment="primera")
    with pytest.raises(FieldappError) as refused:
        decide(store, sid, then, comment="segunda")
    assert refused.value.code == code
    assert len(store.events.of(sid)) == 1


def test_an_approved_interview_cannot_be_finalized_again(store: Store) -> None:
    sid = finalized(store)
    store.review.approve(sid, author="sup")
    store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "members": 99})
    with pytest.raises(FieldappError) as refused:
        store.interviews.finalize(sid)
    assert refused.value.code == "review.already_approved"
    assert "Reopen it first" in refused.value.text("en")
    assert "Reábrala primero" in refused.value.text("es")
    assert state(store, sid) == "approved"


def test_returning_needs_something_to_fix(store: Store) -> None:
    sid = finalized(store)
    with pytest.raises(FieldappError) as refused:
        store.review.return_interview(sid, comment="   ", questions={"org": ""}, author="sup")
    assert refused.value.code == "review.comment_needed"
    assert state(store, sid) == "finalized"


def test_a_comment_on_a_question_the_form_lacks_is_refused_and_nothing_is_written(
    store: Store,
) -> None:
    sid = finalized(store)
    with pytest.raises(FieldappError) as refused:
        store.review.return_interview(sid, comment="ok", questions={"nombre": "¿Quién?"})
    assert refused.value.code == "review.unknown_question"
    assert "'nombre'" in str(refused.value)
    assert state(store, sid) == "finalized"
    assert store.events.of(sid) == []


def test_a_decision_on_a_version_that_changed_meanwhile_is_refused(store: Store) -> None:
    sid = finalized(store)
    (read,) = store.interviews.heads(sid)
    store.interviews.reopen(sid)
    store.interviews.finalize(sid)  # a merge brought the researcher's newer version
    for decide in (
        lambda: store.review.approve(sid, seen=read.revision_id),
        lambda: store.review.return_interview(sid, comment="x", seen=read.revision_id),
    ):
        with pytest.raises(FieldappError) as refused:
            decide()
        assert refused.value.code == "review.changed_meanwhile"
    assert state(store, sid) == "finalized" and store.events.of(sid) == []
    (current,) = store.interviews.heads(sid)
    store.review.approve(sid, seen=current.revision_id)
    assert state(store, sid) == "approved"


def test_the_rules_table_refuses_exactly_what_it_does_not_list() -> None:
    for current in TRANSITIONS:
        for target in TRANSITIONS:
            if allowed(current, target):
                check_transition(current, target)
            else:
                with pytest.raises(FieldappError) as refused:
                    check_transition(current, target, submission="s1")
                assert "s1" in str(refused.value)
    assert not allowed("approved", "finalized")
    assert not allowed("draft", "approved")
    assert allowed("returned", "draft")
    assert allowed("approved", "returned"), "an approval given by mistake is returned"
    assert not allowed("returned", "returned")


# --- comments travel to the researcher ----------------------------------------------------------


def test_the_researcher_gets_the_comments_after_a_merge_back_and_loses_them_once_approved(
    tmp_path: Path, form_path: Path
) -> None:
    laptop = Store.open(tmp_path / "laptop.db")
    supervisor = Store.open(tmp_path / "supervisor.db")
    try:
        laptop.forms.add(form_path)
        sid = finalized(laptop)
        merge_database(supervisor, laptop.path)
        supervisor.review.return_interview(
            sid,
            comment="Revise la sección de reuniones",
            questions={"members": "¿Son 12 o 21?"},
            author="sup",
        )
        assert not comments_for_researcher(laptop, sid), "not merged back yet"
        merge_database(laptop, supervisor.path)

        comments = comments_for_researcher(laptop, sid)
        assert comments.general == ("Revise la sección de reuniones",)
        assert comments.by_question == {"members": ("¿Son 12 o 21?",)}
        assert comments.author == "sup"
        assert state(laptop, sid) == "returned"

        laptop.interviews.autosave(sid, {**laptop.interviews.working_answers(sid), "members": 21})
        laptop.interviews.finalize(sid)
        merge_database(supervisor, laptop.path)
        supervisor.review.approve(sid, author="sup")
        merge_database(laptop, supervisor.path)
        assert not comments_for_researcher(laptop, sid), "nothing left to fix"
        assert state(laptop, sid) == "approved"
        assert [r.state for r in laptop.interviews.history(sid)] == [
            "draft",
            "finalized",
            "returned",
            "finalized",
            "approved",
        ]
    finally:
        laptop.close()
        supervisor.close()


# --- differences between revisions ----------------------------------------------------------


def test_the_diff_names_each_changed_field_including_inside_repeats(store: Store) -> None:
    sha = store.forms.records()[0].sha256
    sid, first = store.interviews.submit(
        sha,
        {"org": "Consejo", "members": 12, "meetings": [{"with_whom": "Policía"}]},
        finalize=True,
        interviewer="TJ01",
    )
    store.interviews.reopen(sid)
    answers = store.interviews.working_answers(sid)
    answers.update(members=None, org="Consejo Cívico")
    answers["meetings"] = [{"with_whom": "Policía municipal"}, {"with_whom": "Ejército"}]
    store.interviews.autosave(sid, answers)
    last = store.interviews.finalize(sid)

    changes = {c.field: (c.before, c.after) for c in diff_history(store, sid, first, last)}
    assert changes.pop("end")[0] is not None, "finalizing again stamps a new end"
    assert changes == {
        "org": ("Consejo", "Consejo Cívico"),
        "meta/instanceName": ("Consejo", "Consejo Cívico"),
        "members": (12, None),
        "meetings[1]/with_whom": ("Policía", "Policía municipal"),
        "meetings[2]/with_whom": (None, "Ejército"),
    }
    assert diff_history(store, sid, last, last) == []
    with pytest.raises(FieldappError) as refused:
        diff_history(store, sid, first, "no-such-revision")  # type: ignore[arg-type]
    assert refused.value.code == "review.unknown_revision"


# --- any sequence of actions keeps to the rules ------------------------------------------------

ACTIONS = {
    "edit": "draft",
    "finalize": "finalized",
    "reopen": "draft",
    "approve": "approved",
    "return": "returned",
}


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("rules")
    with Store.open(folder / "rules.db") as opened:
        opened.forms.add(write_xlsform(folder / "cso.xlsx", SURVEY, settings=SETTINGS))
        yield opened


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=st.lists(st.sampled_from(sorted(ACTIONS)), min_size=1, max_size=8))
def test_any_sequence_of_actions_moves_only_along_the_arrows(
    shared_store: Store, actions: list[str]
) -> None:
    store = shared_store
    sha = store.forms.records()[0].sha256
    sid, _ = store.interviews.submit(sha, {"org": "Consejo"}, interviewer="TJ01")
    for number, action in enumerate(actions):
        before = store.interviews.history(sid)
        current = before[-1].state
        target = ACTIONS[action]
        no_op = (action == "finalize" and current == "finalized") or (
            action == "reopen" and current in ("draft", "returned")
        )
        try:
            if action == "edit":
                store.interviews.autosave(
                    sid, {**store.interviews.working_answers(sid), "members": number}
                )
                store.interviews.save(sid)
            elif action == "finalize":
                store.interviews.finalize(sid)
            elif action == "reopen":
                store.interviews.reopen(sid)
            elif action == "approve":
                store.review.approve(sid, author="sup")
            else:
                store.review.return_interview(sid, comment=f"ronda {number}", author="sup")
        except FieldappError:
            assert not no_op and not allowed(current, target), (current, action)
            store.interviews.discard_changes(sid)
            assert store.interviews.history(sid) == before, "a refusal writes nothing"
            continue
        after = store.interviews.history(sid)
        if no_op:
            assert after == before
        else:
            assert allowed(current, target), (current, action)
            assert after[-1].state == target and len(after) == len(before) + 1
    history = store.interviews.history(sid)
    by_id = {r.revision_id: r for r in history}
    for revision in history:
        for parent in revision.parents:
            assert allowed(by_id[parent].state, revision.state)


def test_every_review_message_has_the_same_placeholders_in_english_and_spanish() -> None:
    from fieldapp.core.messages import CATALOG
    from fieldapp.core.messages import placeholders as names

    codes = [code for code in CATALOG if code.startswith("review.")]
    assert len(codes) > 15
    for code in codes:
        assert names(CATALOG[code]["en"]) == names(CATALOG[code]["es"]), code
