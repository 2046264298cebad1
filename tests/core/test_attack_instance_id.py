"""A laptop cannot take an ODK Collect submission's instanceID (design-notes, *An
instanceID belongs to the interview that minted it*).

ODK Collect sends Rosa's interview to Central under an instanceID it drew. A stolen
laptop's key reads that id (the supervisor's package holds the pulled copy in clear) and
finalizes an interview of its own, Mallory's, carrying it: in ``meta/instanceID``, or as
the id of one of its revisions (``uuid:<revision id>``, the name fieldapp gave an edit
before it minted them). Merged after the pull, that set the Collect copy aside and listed
Mallory in its place; merged before the pull, Rosa's submission was never copied. The
server is ``central_ledger.CentralProject`` (Central's rule for what it takes and its
REST answers over what it took).
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import central_scenarios
import pytest
from central_ledger import SERVER, CentralProject, deprecated_of, instance_of
from central_scenarios import FORM_ID, PHOTO, edit_after_return, finalized_interview, write_form

from fieldapp.core import crypto
from fieldapp.core.central.copies import Claim, copy_id, settle_claims, standing_claims
from fieldapp.core.central.envelope import envelope_ids
from fieldapp.core.central.pull import pull, pulled_revision_id, pulled_revisions
from fieldapp.core.central.push import note_pulled, push
from fieldapp.core.central.queue_rows import send_states
from fieldapp.core.merge import merge_database, summary_lines
from fieldapp.core.messages import FieldappError, text
from fieldapp.core.quarantine import quarantined
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import edit_instance_id, minted_instance_id
from fieldapp.core.store.records import SubmissionId

NAME = "central.test#1"
COLLECT_ID = f"uuid:{uuid.uuid4()}"
"""The instanceID ODK Collect drew for Rosa's interview."""


@pytest.fixture
def form(tmp_path: Path) -> Path:
    return write_form(tmp_path / "form")


def _database(path: Path, form: Path) -> Path:
    with Store.open(path) as store:
        store.forms.add(form)
    return path


def _sha(store: Store) -> str:
    (record,) = store.forms.records()
    return record.sha256


@pytest.fixture
def central(tmp_path: Path, form: Path) -> CentralProject:
    """Central holding Rosa's interview as ODK Collect sent it, under Collect's own id."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    with Store.open(_database(tmp_path / "phone.db", form)) as phone:
        answers = {"name": "Rosa", "age": 41, "town": "tijuana", "meta/instanceID": COLLECT_ID}
        rosa, _ = phone.interviews.submit(
            _sha(phone), answers, finalize=True, interviewer="col", city="tijuana"
        )
        assert push(phone, central, SERVER).sent == [rosa]
    assert list(central.versions()) == [COLLECT_ID]
    return central


@contextmanager
def _revision_named(instance_id: str) -> Iterator[None]:
    """Let the next revision written take the id ``instance_id`` names, as a hostile
    program holding a laptop's key can (it writes and signs any row it likes)."""
    real = uuid.uuid4
    chosen = [uuid.UUID(instance_id.removeprefix("uuid:"))]

    def uuid4() -> uuid.UUID:
        caller = sys._getframe(1).f_code
        if chosen and caller.co_name == "write" and caller.co_filename.endswith("revisions.py"):
            return chosen.pop()
        return real()

    uuid.uuid4 = uuid4  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = real  # type: ignore[assignment]
    assert not chosen, "the forged revision was written"


def _thief(path: Path, form: Path, how: str) -> tuple[Path, SubmissionId]:
    """The stolen laptop: Mallory's interview, carrying Collect's instanceID."""
    with Store.open(_database(path, form)) as thief:
        answers: dict[str, Any] = {"name": "Mallory", "age": 99, "town": "juarez"}
        if how == "answers":
            answers["meta/instanceID"] = COLLECT_ID
        mallory = thief.interviews.start(
            _sha(thief), interviewer="ana", city="tijuana", actor_type="cso", answers=answers
        )
        if how == "revision":
            with _revision_named(COLLECT_ID):
                thief.interviews.finalize(mallory)
        else:
            thief.interviews.finalize(mallory)
    return path, mallory


def _listed(store: Store) -> dict[str, str]:
    """Each listed interview's name -> its id."""
    names = {}
    for record in store.interviews.page():
        (head,) = store.interviews.heads(record.submission_id)
        assert head.answers is not None
        names[str(head.answers["name"])] = record.submission_id
    return names


@pytest.mark.parametrize("how", ["answers", "revision"])
def test_a_laptop_claiming_a_collect_instance_id_after_the_pull_hides_nothing(
    tmp_path: Path, form: Path, central: CentralProject, how: str
) -> None:
    thief, mallory = _thief(tmp_path / "thief.db", form, how)
    with Store.open(_database(tmp_path / "sup.db", form)) as supervisor:
        pull(supervisor, central, server=NAME)
        assert set(_listed(supervisor)) == {"Rosa"}
        report = merge_database(supervisor, thief)
        # Rosa's submission stays listed beside Mallory's; nothing was set aside.
        assert _listed(supervisor) == {"Rosa": copy_id(COLLECT_ID), "Mallory": mallory}
        assert quarantined(supervisor.db.conn) == set()
        assert report.claims == (Claim(COLLECT_ID, copy_id(COLLECT_ID), mallory),)
        # Found again from the rows, whichever interview it is asked of (claims).
        for asked in (None, mallory, copy_id(COLLECT_ID)):
            assert standing_claims(supervisor, asked) == report.claims
        said = "\n".join(summary_lines(report, "en"))
        assert COLLECT_ID in said and mallory in said and "did not make that id" in said
        # A pull again changes nothing: Central's ids still lead to Rosa's copy.
        again = pull(supervisor, central, server=NAME)
        assert again.new == 0 and again.local == {COLLECT_ID: copy_id(COLLECT_ID)}


@pytest.mark.parametrize("how", ["answers", "revision"])
def test_a_laptop_claiming_a_collect_instance_id_before_the_pull_hides_nothing(
    tmp_path: Path, form: Path, central: CentralProject, how: str
) -> None:
    thief, mallory = _thief(tmp_path / "thief.db", form, how)
    with Store.open(_database(tmp_path / "sup.db", form)) as supervisor:
        merge_database(supervisor, thief)
        report = pull(supervisor, central, server=NAME)
        # Rosa's submission is copied: Mallory's claim on its id made it no "known" one.
        assert report.new == 1 and report.local == {COLLECT_ID: copy_id(COLLECT_ID)}
        assert _listed(supervisor) == {"Rosa": copy_id(COLLECT_ID), "Mallory": mallory}
        assert report.merge is not None
        assert report.merge.claims == (Claim(COLLECT_ID, copy_id(COLLECT_ID), mallory),)
        assert quarantined(supervisor.db.conn) == set()
        for asked in (None, mallory, copy_id(COLLECT_ID)):
            assert standing_claims(supervisor, asked) == report.merge.claims
        # The pull says it, as the Server dialog and `fieldapp central pull` show it.
        (said,) = [claim.text("es") for claim in report.claims()]
        assert COLLECT_ID in said and mallory in said and "no creó ese identificador" in said


def test_the_same_answers_under_an_id_not_minted_here_are_still_one_interview(
    tmp_path: Path, form: Path, central: CentralProject
) -> None:
    """An interview that did not mint its instanceID (one stored before fieldapp minted
    them, or an ODK submission brought in with its own) and says what Central's copy
    says is the interview coming back, in either order."""
    phone = tmp_path / "phone.db"
    with Store.open(phone) as store:  # the interview Central holds, as a package brings it
        (rosa,) = [record.submission_id for record in store.interviews.page()]
    pulled_first = _database(tmp_path / "a.db", form)
    with Store.open(pulled_first) as supervisor:
        pull(supervisor, central, server=NAME)
        report = merge_database(supervisor, phone)
        assert report.claims == ()
        assert _listed(supervisor) == {"Rosa": rosa}
        assert quarantined(supervisor.db.conn) == {("submissions", copy_id(COLLECT_ID))}
    merged_first = _database(tmp_path / "b.db", form)
    with Store.open(merged_first) as supervisor:
        merge_database(supervisor, phone)
        report = pull(supervisor, central, server=NAME)
        assert report.merge is not None and report.merge.claims == ()
        assert report.new == 0  # the copy, set aside at once, is nothing new
        assert _listed(supervisor) == {"Rosa": rosa}
        # Central's id leads to the interview, now and at the next pull.
        assert report.local == {COLLECT_ID: rosa}
        assert pull(supervisor, central, server=NAME).local == {COLLECT_ID: rosa}


def test_a_laptop_interview_pushed_and_edited_is_one_interview_with_its_chain(
    tmp_path: Path, form: Path
) -> None:
    """A laptop's interview goes up under the id it minted, its edit under the id the
    edit minted with ``deprecatedID`` naming the first; pulled before the package or after
    it, it is one interview, and nobody's claim."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    laptop = _database(tmp_path / "laptop.db", form)
    with Store.open(laptop) as store:
        jose = finalized_interview(store, _sha(store), "Jose")
        push(store, central, SERVER)
        edit_after_return(store, jose, "José")
        assert push(store, central, SERVER).sent == [jose]
        finalized = [r for r in store.interviews.history(jose) if r.state == "finalized"]
    first, edit = (instance_of(parts) for parts in central.calls)
    assert first == minted_instance_id(jose)
    assert edit == edit_instance_id(finalized[-1].revision_id)
    # Not named after the revision's own id: a laptop chooses those.
    assert edit != f"uuid:{finalized[-1].revision_id}"
    assert deprecated_of(central.calls[1]) == first
    assert central.versions() == {first: [first, edit]}
    pulled_first = _database(tmp_path / "a.db", form)
    with Store.open(pulled_first) as supervisor:
        pull(supervisor, central, server=NAME)
        report = merge_database(supervisor, laptop)
        assert report.claims == ()
        assert _listed(supervisor) == {"José": jose}
    merged_first = _database(tmp_path / "b.db", form)
    with Store.open(merged_first) as supervisor:
        merge_database(supervisor, laptop)
        report = pull(supervisor, central, server=NAME)
        assert report.new == 0 and report.known == 1 and report.left == []
        assert report.local == {first: jose}
        assert _listed(supervisor) == {"José": jose}


def test_a_sealed_interview_whose_envelope_names_a_collect_submission_hides_nothing(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    """The same with the study's sealed form: the thief's envelope (every form carries
    the key it is sealed for) names Collect's instanceID. Merged after the pull with the
    study key locked or open, or before the pull, Rosa's submission stays listed."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    phone, sha = central_scenarios.sealed_store(tmp_path / "phone", pair.public_key, study_key)
    form = tmp_path / "phone" / "sealed" / "s.xlsx"
    with phone:
        answers = {"name": "Rosa", "age": 41, "town": "tijuana", "meta/instanceID": COLLECT_ID}
        rosa, _ = phone.interviews.submit(sha, answers, finalize=True)
        assert push(phone, central, SERVER).sent == [rosa]
    thief_path = tmp_path / "thief.db"
    with Store.open(thief_path) as thief:
        thief.keys.unlock_drafts("drafts passphrase")
        forged = {"name": "Mallory", "age": 99, "town": "juarez", "meta/instanceID": COLLECT_ID}
        mallory, _ = thief.interviews.submit(thief.forms.add(form).sha256, forged, finalize=True)
        head = thief.interviews.heads(mallory)[0].revision_id
        assert envelope_ids(thief, mallory, head) == (COLLECT_ID, None)
    after = _database(tmp_path / "after.db", form)
    with Store.open(after) as supervisor:
        supervisor.keys.unlock(study_key)
        pull(supervisor, central, server=NAME)
    with Store.open(after) as supervisor:  # the study key locked: nothing to compare
        report = merge_database(supervisor, thief_path)
        assert report.claims == (Claim(COLLECT_ID, copy_id(COLLECT_ID), mallory),)
        assert quarantined(supervisor.db.conn) == set()
        assert standing_claims(supervisor) == report.claims
        # Opened, the key compares them again: they differ, the claim stays said.
        supervisor.keys.unlock(study_key)
        assert settle_claims(supervisor) == []
        assert standing_claims(supervisor, mallory) == report.claims
    opened = _database(tmp_path / "opened.db", form)
    with Store.open(opened) as supervisor:  # the study key open: compared, they differ
        supervisor.keys.unlock(study_key)
        pull(supervisor, central, server=NAME)
        report = merge_database(supervisor, thief_path)
        assert report.claims == (Claim(COLLECT_ID, copy_id(COLLECT_ID), mallory),)
        # The phone's own interview (as a package would bring it) says what Central's
        # copy says: the copy gives way to it, Mallory's claim stays beside.
        assert merge_database(supervisor, tmp_path / "phone" / "s.db").claims == ()
        assert _listed(supervisor) == {"Rosa": rosa, "Mallory": mallory}
    before = _database(tmp_path / "before.db", form)
    with Store.open(before) as supervisor:
        supervisor.keys.unlock(study_key)
        merge_database(supervisor, thief_path)
        pulled = pull(supervisor, central, server=NAME)
        assert pulled.merge is not None
        assert pulled.merge.claims == (Claim(COLLECT_ID, copy_id(COLLECT_ID), mallory),)
    for path in (after, before):
        with Store.open(path) as supervisor:
            supervisor.keys.unlock(study_key)
            assert _listed(supervisor) == {"Rosa": copy_id(COLLECT_ID), "Mallory": mallory}


@pytest.mark.parametrize("pusher", ["supervisor, web user", "supervisor, app user", "thief"])
def test_a_push_never_makes_a_thiefs_interview_an_edit_of_a_collect_submission(
    tmp_path: Path, form: Path, central: CentralProject, pusher: str
) -> None:
    """Mallory's first finalized revision carries Collect's instanceID, then she is
    returned and finalized again. Pushed by the supervisor after a merge (with the
    listing a web user reads, or as an app user, without it) or by the stolen laptop
    itself, she used to go up as the edit of Rosa's submission: Central's current
    version of it held Mallory's answers (central4). Now refused, naming her, and Central
    keeps Rosa's submission as Collect sent it."""
    thief, mallory = _thief(tmp_path / "thief.db", form, "answers")
    with Store.open(thief) as store:
        edit_after_return(store, mallory, "Mallory")
    held = central.held()
    path = thief if pusher == "thief" else _database(tmp_path / "sup.db", form)
    with Store.open(path) as store:
        if pusher != "thief":
            merge_database(store, thief)
        start = len(central.requests)

        result = push(store, central, SERVER, reader=central if "web" in pusher else None)

        assert result.sent == [] and result.already == []
        [(refused, reason)] = result.refused
        assert refused == mallory and COLLECT_ID in reason and mallory in reason
        assert send_states(store, SERVER)[mallory] == ("refused", reason)
        said = text(
            "central.unminted_held",
            "es",
            submission=mallory,
            instance=COLLECT_ID,
            form=FORM_ID,
            reason="",
        )
        assert said.startswith("No se envió la entrevista")
        if "web" in pusher:  # the listing said it: nothing went at all
            assert central.submits(start) == []
        # Asked again, it is not sent unasked; retried, refused the same way.
        assert push(store, central, SERVER).refused == []
        retried = push(store, central, SERVER, retry_refused=True)
        assert [s for s, _ in retried.refused] == [mallory]
    assert central.held() == held  # Rosa's submission as Collect sent it, nothing new
    assert central.versions() == {COLLECT_ID: [COLLECT_ID]}
    assert b"Mallory" not in central.parts[COLLECT_ID][0][1]


@pytest.mark.parametrize("user", ["web user", "app user"])
def test_a_push_never_makes_a_thiefs_sealed_interview_an_edit_of_a_collect_one(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey, user: str
) -> None:
    """The same on the study's sealed form: the thief's first envelope names Collect's
    instanceID, the envelope of its later revision its own minted id. The supervisor's
    push (the study key locked: nothing here is opened) refuses it (central4)."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    phone, sha = central_scenarios.sealed_store(tmp_path / "phone", pair.public_key, study_key)
    form = tmp_path / "phone" / "sealed" / "s.xlsx"
    with phone:
        answers = {"name": "Rosa", "age": 41, "town": "tijuana", "meta/instanceID": COLLECT_ID}
        phone.interviews.submit(sha, answers, finalize=True)
        push(phone, central, SERVER)
    held = central.held()
    thief_path = tmp_path / "thief.db"
    with Store.open(thief_path) as thief:
        thief.keys.unlock_drafts("drafts passphrase")
        forged = {"name": "Mallory", "age": 99, "town": "juarez", "meta/instanceID": COLLECT_ID}
        mallory, _ = thief.interviews.submit(thief.forms.add(form).sha256, forged, finalize=True)
        # A hostile program writes and signs a later revision without the study key; here
        # the app writes it, the key open (what it writes is the same kind of rows).
        thief.keys.unlock(study_key)
        edit_after_return(thief, mallory, "Mallory")
    with Store.open(_database(tmp_path / "sup.db", form)) as supervisor:
        merge_database(supervisor, thief_path)

        result = push(supervisor, central, SERVER, reader=central if user == "web user" else None)

        assert result.sent == [] and [s for s, _ in result.refused] == [mallory]
    assert central.held() == held
    assert central.versions() == {COLLECT_ID: [COLLECT_ID]}


@contextmanager
def _interview_named(submission_id: str) -> Iterator[None]:
    """Let the next interview started take the id ``submission_id``, as a hostile program
    holding a laptop's key can (a laptop chooses its interviews' ids)."""
    real = uuid.uuid4
    chosen = [uuid.UUID(submission_id)]

    def uuid4() -> uuid.UUID:
        if chosen and sys._getframe(1).f_code.co_filename.endswith("lifecycle.py"):
            return chosen.pop()
        return real()

    uuid.uuid4 = uuid4  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = real  # type: ignore[assignment]
    assert not chosen, "the forged interview was started"


def _thief_named_as_copy(path: Path, form: Path) -> tuple[Path, SubmissionId]:
    """The stolen laptop: Mallory's interview under the id of Central's copy of Rosa's
    submission (``copy_id``), carrying Collect's instanceID, returned and finalized again."""
    with Store.open(_database(path, form)) as thief:
        answers = {"name": "Mallory", "age": 99, "town": "juarez", "meta/instanceID": COLLECT_ID}
        with _interview_named(copy_id(COLLECT_ID)):
            mallory = thief.interviews.start(
                _sha(thief), interviewer="ana", city="tijuana", actor_type="cso", answers=answers
            )
        assert mallory == copy_id(COLLECT_ID)
        thief.interviews.finalize(mallory)
        edit_after_return(thief, mallory, "Mallory")
    return path, mallory


@pytest.mark.parametrize("user", ["web user", "app user"])
def test_a_push_never_takes_an_interview_named_as_centrals_copy_for_its_edit(
    tmp_path: Path, form: Path, central: CentralProject, user: str
) -> None:
    """Mallory's interview takes the id of Central's copy of Rosa's submission, in a
    database that holds no copy of it (the supervisor's, before any pull). Its name
    alone made its first revision's id "its own", and the push sent it as the edit of
    Rosa's submission (central5). Now the name proves nothing: refused, Central
    unchanged."""
    thief, mallory = _thief_named_as_copy(tmp_path / "thief.db", form)
    held = central.held()
    with Store.open(_database(tmp_path / "sup.db", form)) as supervisor:
        merge_database(supervisor, thief)
        start = len(central.requests)

        result = push(supervisor, central, SERVER, reader=central if user == "web user" else None)

        assert result.sent == [] and result.already == []
        [(refused, reason)] = result.refused
        assert refused == mallory and COLLECT_ID in reason
        assert send_states(supervisor, SERVER)[mallory] == ("refused", reason)
        if user == "web user":  # the listing and Central's XML said it: nothing went
            assert central.submits(start) == []
    assert central.held() == held
    assert central.versions() == {COLLECT_ID: [COLLECT_ID]}
    assert b"Mallory" not in central.parts[COLLECT_ID][0][1]


def test_a_database_holding_centrals_copy_refuses_another_row_under_its_id(
    tmp_path: Path, form: Path, central: CentralProject
) -> None:
    """Where the database holds Central's copy (pulled), an interview a thief named after
    it is another row under the copy's id: the merge refuses it, and nothing changes."""
    thief, _ = _thief_named_as_copy(tmp_path / "thief.db", form)
    with Store.open(_database(tmp_path / "sup.db", form)) as supervisor:
        pull(supervisor, central, server=NAME)
        before = supervisor.db.conn.execute(
            "SELECT uuid, content_sha256 FROM revisions ORDER BY uuid"
        ).fetchall()
        with pytest.raises(FieldappError) as refused:
            merge_database(supervisor, thief)
        assert refused.value.code == "merge.tampered"
        assert copy_id(COLLECT_ID) in refused.value.message.text("en")
        after = supervisor.db.conn.execute(
            "SELECT uuid, content_sha256 FROM revisions ORDER BY uuid"
        ).fetchall()
        assert after == before
        assert _listed(supervisor) == {"Rosa": copy_id(COLLECT_ID)}


@pytest.mark.parametrize("user", ["web user", "app user"])
def test_centrals_copy_pulled_elsewhere_and_edited_on_a_laptop(
    tmp_path: Path, form: Path, user: str
) -> None:
    """The honest side of the rule above: Central holds Rosa's submission as ODK
    Collect wrote it (other bytes than fieldapp would make of it); the supervisor pulls
    it, a laptop merges her database, corrects Rosa's name and pushes. A web user's push
    reads Central's version as a pull reads it, finds it the copy's, and sends the
    correction as its edit (central5; with Central's bytes compared alone it was
    refused). An app user cannot read Central: the copy's name no longer vouches for
    it, and the earlier revision resent is not Central's bytes, so it is refused, saying
    so, and Central is unchanged."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    supervisor_db = _database(tmp_path / "sup.db", form)
    with Store.open(supervisor_db) as supervisor:
        (record,) = supervisor.forms.records()
        collect = (
            f'<data xmlns:jr="http://openrosa.org/javarosa" id="{FORM_ID}" '
            f'version="{record.version}">\n  <name>Rosa</name>\n  <age>41</age>\n'
            f"  <town>tijuana</town>\n  <photo/>\n  <meta>\n"
            f"    <instanceID>{COLLECT_ID}</instanceID>\n  </meta>\n</data>\n"
        ).encode()
        central.plant(COLLECT_ID, collect)
        report = pull(supervisor, central, server=NAME)
        assert report.new == 1  # noted sent to the server, as ``pull_and_review`` notes it
        note_pulled(supervisor, SERVER, pulled_revisions(supervisor, report))
    copy = SubmissionId(copy_id(COLLECT_ID))
    with Store.open(_database(tmp_path / "laptop.db", form)) as laptop:
        merge_database(laptop, supervisor_db)
        edit_after_return(laptop, copy, "Rosa Maria")

        result = push(laptop, central, SERVER, reader=central if user == "web user" else None)

        if user == "web user":
            assert result.sent == [copy] and result.refused == []
            (current,) = [i for i in central.versions()[COLLECT_ID] if i != COLLECT_ID]
            assert central.current(COLLECT_ID) == current
            assert deprecated_of(central.parts[current]) == COLLECT_ID
            assert b"Rosa Maria" in central.parts[current][0][1]
            return
        assert result.sent == []
        [(refused, reason)] = result.refused
        said = {"submission": copy, "instance": COLLECT_ID, "form": FORM_ID}
        assert refused == copy and reason == text("central.copy_unverified", **said)
        assert "web user" in reason and "pulled" in reason
        spanish = text("central.copy_unverified", "es", **said)
        assert COLLECT_ID in spanish and "usuario web" in spanish
    assert central.versions() == {COLLECT_ID: [COLLECT_ID]}
    assert central.parts[COLLECT_ID][0][1] == collect
    # The supervisor, who pulled the copy (noted sent there), sends the correction as
    # its edit once her database has the laptop's package, even as an app user.
    with Store.open(supervisor_db) as supervisor:
        merge_database(supervisor, tmp_path / "laptop.db")
        assert push(supervisor, central, SERVER).sent == [copy]
    (current,) = [i for i in central.versions()[COLLECT_ID] if i != COLLECT_ID]
    assert deprecated_of(central.parts[current]) == COLLECT_ID


def test_a_push_never_notes_an_interview_named_as_centrals_copy_as_already_there(
    tmp_path: Path, form: Path, central: CentralProject
) -> None:
    """The same thief names its first revision as a pull names Central's version
    (``pulled_revision_id``) and sends it alone first: the supervisor's push (a web
    user) noted it sent on its ids alone, and Mallory's next revision, brought by a later
    package, went up as the edit of Rosa's submission (central5). Now the revision is
    compared as any other: refused both times, Central unchanged."""
    thief = _database(tmp_path / "thief.db", form)
    with Store.open(thief) as store:
        answers = {"name": "Mallory", "age": 99, "town": "juarez", "meta/instanceID": COLLECT_ID}
        with _interview_named(copy_id(COLLECT_ID)):
            mallory = store.interviews.start(
                _sha(store), interviewer="ana", city="tijuana", actor_type="cso", answers=answers
            )
        with _revision_named(pulled_revision_id(COLLECT_ID)):
            store.interviews.finalize(mallory)
    held = central.held()
    with Store.open(_database(tmp_path / "sup.db", form)) as supervisor:
        merge_database(supervisor, thief)
        first = push(supervisor, central, SERVER, reader=central)
        assert first.already == [] and first.sent == []
        assert [s for s, _ in first.refused] == [mallory]
        with Store.open(thief) as store:
            edit_after_return(store, mallory, "Mallory")
        merge_database(supervisor, thief)

        second = push(supervisor, central, SERVER, reader=central)

        assert second.sent == [] and [s for s, _ in second.refused] == [mallory]
    assert central.held() == held
    assert central.versions() == {COLLECT_ID: [COLLECT_ID]}


@pytest.mark.parametrize("whose", ["the true copy", "a thief's, another photo"])
def test_a_copys_files_are_compared_too(tmp_path: Path, form: Path, whose: str) -> None:
    """Central holds Rosa's submission with her photo, as ODK Collect wrote it. The
    supervisor pulls it; a laptop merges her database, corrects the name and pushes as a
    web user: its edit goes up. A thief's interview named as that copy, Rosa's answers
    word for word but another photo, merged into a database holding no copy and pushed
    the same way, was sent as the edit on its name (central5); now its file shows it is
    not Central's version: refused, Central unchanged."""
    central = CentralProject(tmp_path / "central.json", FORM_ID)
    supervisor_db = _database(tmp_path / "sup.db", form)
    with Store.open(supervisor_db) as supervisor:
        (record,) = supervisor.forms.records()
        collect = (
            f'<data id="{FORM_ID}" version="{record.version}">\n  <name>Rosa</name>\n'
            "  <age>41</age>\n  <town>tijuana</town>\n  <photo>photo.jpg</photo>\n"
            f"  <meta>\n    <instanceID>{COLLECT_ID}</instanceID>\n  </meta>\n</data>\n"
        ).encode()
        central.plant(COLLECT_ID, collect)
        central.parts[COLLECT_ID].append(("photo.jpg", PHOTO, "image/jpeg"))
        if whose == "the true copy":
            assert pull(supervisor, central, server=NAME).new == 1
    laptop = _database(tmp_path / "laptop.db", form)
    copy = SubmissionId(copy_id(COLLECT_ID))
    with Store.open(laptop) as store:
        if whose == "the true copy":
            merge_database(store, supervisor_db)
        else:
            answers = {"name": "Rosa", "age": 41, "town": "tijuana", "meta/instanceID": COLLECT_ID}
            with _interview_named(copy):
                store.interviews.start(
                    _sha(store),
                    interviewer="ana",
                    city="tijuana",
                    actor_type="cso",
                    answers=answers,
                )
            store.attachments.add(PHOTO[::-1], submission_id=copy, filename="photo.jpg")
            store.interviews.autosave(copy, {**answers, "photo": "photo.jpg"})
            store.interviews.finalize(copy)
        (first,) = store.interviews.heads(copy)
        assert first.answers is not None and first.answers["name"] == "Rosa"
        assert set(first.attachments) == {"photo.jpg"}
        edit_after_return(store, copy, "Rosa Maria" if whose == "the true copy" else "Mallory")
    with Store.open(_database(tmp_path / "pusher.db", form)) as pusher:
        merge_database(pusher, laptop)

        result = push(pusher, central, SERVER, reader=central)

        if whose == "the true copy":
            assert result.sent == [copy] and result.refused == []
            (current,) = [i for i in central.versions()[COLLECT_ID] if i != COLLECT_ID]
            assert deprecated_of(central.parts[current]) == COLLECT_ID
            return
        assert result.sent == [] and [s for s, _ in result.refused] == [copy]
    assert central.versions() == {COLLECT_ID: [COLLECT_ID]}
    assert central.parts[COLLECT_ID][0][1] == collect
