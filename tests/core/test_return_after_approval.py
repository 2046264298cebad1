"""An approval given by mistake, returned: on the supervisor's desk and on the laptop.

The supervisor returns an approved interview as a finalized one (a comment, comments on
questions). A merge checks no review arrow, so the laptop (an older fieldapp too) takes
the return like any revision and its researcher reads the return's comments, not the
approval's, and fixes the interview as any returned one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from study_keys import KEY_PASSPHRASE
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.merge import merge_database
from fieldapp.core.package import write_package
from fieldapp.core.progress import progress
from fieldapp.core.review import comments_for_researcher
from fieldapp.core.store import Store, SubmissionId

SURVEY = [
    {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
    {"type": "integer", "name": "members", "label": "Miembros"},
]
SETTINGS = {"form_id": "cso", "form_title": "OSC", "version": "1", "instance_name": "${org}"}
APPROVAL = "Bien documentada."
RETURN = "Aprobada por error: falta el número de miembros."
ON_MEMBERS = "¿Son 12 o 21?"
DRAFTS = "cuaderno de campo 2026"


def _form(tmp_path: Path, public_key: str | None = None) -> Path:
    settings = {**SETTINGS, **({"public_key": public_key} if public_key else {})}
    return write_xlsform(tmp_path / "cso.xlsx", SURVEY, settings=settings)


def _finalized(store: Store, form: Path) -> SubmissionId:
    sha = store.forms.add(form).sha256
    sid, _ = store.interviews.submit(
        sha,
        {"org": "Consejo Cívico", "members": 12},
        finalize=True,
        interviewer="TJ01",
        city="tijuana",
        actor_type="cso",
    )
    return sid


def _states(store: Store, sid: SubmissionId) -> list[str]:
    return [r.state for r in store.interviews.history(sid)]


def _approved(store: Store) -> int:
    cell = progress(store).cell("tijuana", "cso")
    assert cell is not None
    return cell.approved


def test_an_approved_interview_is_returned_with_the_returns_comments(tmp_path: Path) -> None:
    with Store.open(tmp_path / "supervisor.db") as store:
        sid = _finalized(store, _form(tmp_path))
        store.review.approve(sid, comment=APPROVAL, author="Rosa")
        assert _approved(store) == 1
        store.review.return_interview(
            sid, comment=RETURN, questions={"members": ON_MEMBERS}, author="Rosa"
        )
        assert _states(store, sid) == ["draft", "finalized", "approved", "returned"]
        assert _approved(store) == 0, "the approval taken back no longer counts"
        assert progress(store).totals["returned"] == 1
        comments = comments_for_researcher(store, sid)
        assert comments.general == (RETURN,), "the return's words, not the approval's"
        assert comments.by_question == {"members": (ON_MEMBERS,)}
        assert comments.author == "Rosa"

        store.interviews.autosave(sid, {**store.interviews.working_answers(sid), "members": 21})
        store.interviews.finalize(sid)  # fixed, as after any return
        store.review.approve(sid, author="Rosa")
        assert _states(store, sid)[-2:] == ["finalized", "approved"]
        assert not comments_for_researcher(store, sid), "nothing left to fix"


def test_a_laptop_takes_the_return_by_merge_and_its_researcher_fixes_it(tmp_path: Path) -> None:
    laptop = Store.open(tmp_path / "laptop.db")
    supervisor = Store.open(tmp_path / "supervisor.db")
    try:
        sid = _finalized(laptop, _form(tmp_path))
        merge_database(supervisor, laptop.path)
        supervisor.review.approve(sid, comment=APPROVAL, author="Rosa")
        merge_database(laptop, supervisor.path)
        assert _states(laptop, sid)[-1] == "approved" and not comments_for_researcher(laptop, sid)

        supervisor.review.return_interview(
            sid, comment=RETURN, questions={"members": ON_MEMBERS}, author="Rosa"
        )
        merge_database(laptop, supervisor.path)
        assert _states(laptop, sid) == ["draft", "finalized", "approved", "returned"]
        assert laptop.check_integrity() == []
        comments = comments_for_researcher(laptop, sid)
        assert (comments.general, comments.by_question) == ((RETURN,), {"members": (ON_MEMBERS,)})

        laptop.interviews.autosave(sid, {**laptop.interviews.working_answers(sid), "members": 21})
        laptop.interviews.finalize(sid)
        merge_database(supervisor, laptop.path)
        (head,) = supervisor.interviews.heads(sid)
        assert head.state == "finalized" and head.answers is not None
        assert head.answers["members"] == 21
        supervisor.review.approve(sid, author="Rosa")
    finally:
        laptop.close()
        supervisor.close()


def _returned_on_a_laptop_behind(tmp_path: Path) -> SubmissionId:
    """Finalize on ``laptop.db``, approve on ``first.db``, then return on ``second.db``,
    whose clock is an hour behind: the return comes after, its moment before."""
    behind = lambda: dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)  # noqa: E731
    with Store.open(tmp_path / "laptop.db") as laptop:
        sid = _finalized(laptop, _form(tmp_path))
    with Store.open(tmp_path / "first.db") as first:
        merge_database(first, tmp_path / "laptop.db")
        first.review.approve(sid, comment=APPROVAL, author="Rosa")
    with Store.open(tmp_path / "second.db", clock=behind) as second:
        merge_database(second, tmp_path / "first.db")
        second.review.return_interview(sid, comment=RETURN, author="Iván")
    return sid


def test_the_latest_decision_is_the_revisions_not_the_clocks(tmp_path: Path) -> None:
    """Approved on one supervisor laptop, returned on another whose clock is an hour
    behind: the return came after, and its comments are what the researcher reads."""
    sid = _returned_on_a_laptop_behind(tmp_path)
    with Store.open(tmp_path / "laptop.db") as laptop:
        merge_database(laptop, tmp_path / "second.db")
        assert _states(laptop, sid)[-1] == "returned"
        comments = comments_for_researcher(laptop, sid)
        assert (comments.general, comments.author) == ((RETURN,), "Iván")


def test_a_sealed_approved_interview_is_returned_and_its_laptop_reads_the_return(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    """Returned with the study key alone (no reopening, no drafts passphrase of the
    supervisor's), the laptop shows it as any returned sealed interview."""
    study_key = crypto.load_private_key(pair.private_pem, KEY_PASSPHRASE)
    form = _form(tmp_path, pair.public_key)
    laptop_db, supervisor_db = tmp_path / "laptop.db", tmp_path / "supervisor.db"
    with Store.open(laptop_db) as laptop:
        laptop.keys.unlock_drafts(DRAFTS)
        sid = _finalized(laptop, form)
        write_package(laptop, tmp_path / "laptop.fieldapp")
    with Store.open(supervisor_db) as supervisor:
        merge_database(supervisor, tmp_path / "laptop.fieldapp")
        supervisor.keys.unlock(study_key)
        supervisor.review.approve(sid, comment=APPROVAL, author="Rosa")
        supervisor.review.return_interview(
            sid, comment=RETURN, questions={"members": ON_MEMBERS}, author="Rosa"
        )
        (head,) = supervisor.interviews.heads(sid)
        assert head.state == "returned" and head.sealed is not None
        assert head.answers is not None and head.answers["members"] == 12, "opened by the key"
        write_package(supervisor, tmp_path / "supervisor.fieldapp")
    with Store.open(laptop_db) as laptop:
        merge_database(laptop, tmp_path / "supervisor.fieldapp")
        laptop.keys.unlock_drafts(DRAFTS)
        (head,) = laptop.interviews.heads(sid)
        assert head.state == "returned" and head.answers is None, "still sealed here"
        comments = comments_for_researcher(laptop, sid)
        assert comments.general == (RETURN,)
        assert comments.by_question == {"members": (ON_MEMBERS,)}
        assert comments.sealed == 0, "sealed for this laptop too, so read here"
        before = _states(laptop, sid)
        laptop.interviews.reopen(sid)  # a returned interview is open to fixes already
        assert _states(laptop, sid) == before


def test_the_export_says_the_return_that_took_the_approval_back(tmp_path: Path) -> None:
    """The same skewed clocks: the export's review columns name the return, as ``_state``
    does, not the approval the clock put last."""
    from openpyxl import load_workbook

    from fieldapp.core.export import export_workbook

    _returned_on_a_laptop_behind(tmp_path)
    export_workbook(tmp_path / "second.db", tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True)["cso"]
    header, row = list(sheet.iter_rows(values_only=True))[:2]
    got = dict(zip(header, row, strict=True))
    assert (got["_state"], got["_review_state"], got["_review_comment"]) == (
        "returned",
        "returned",
        RETURN,
    )
