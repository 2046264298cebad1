"""One interview, whether Central's copy or the laptop's package comes in first.

fieldapp sends an interview to ODK Central under the ``meta/instanceID`` it minted
(``instance_ids.minted_instance_id``, from its own id), and each later revision under
the id minted from the revision's (``edit_instance_id``, ``openrosa.sent_instance_id``).
When the supervisor merges the laptop's package before pulling, ``pull`` finds that
instanceID held here and copies nothing. When she pulls first, the server's copy becomes
an interview of the mirror device (its id derived from the instanceID: a server never
chooses an id here), and the package then brings the laptop's interview, which minted
that instanceID.

The rule: a copy (an interview whose id is ``copy_id`` of its instanceID) and another
interview of the same form carrying that instanceID (in its answers, its ODK envelope,
or as the name of one of its finalized revisions) are one interview when the other
minted the instanceID, or else when one of its finalized revisions says exactly what the
copy says; the copy is then quarantined (``core.quarantine``: a signed event,
insert-only, honoured by every reader), so the laptop's own interview, signed by its own
device, is the one listed, reviewed, exported and counted. An interview returned and
finalized again before its first push is known to Central by its newer revision alone:
the copy of that one is set aside when the package brings the revision. No row is
rewritten or dropped: the copy stays in the file, set aside with its reason, and
``fieldapp check`` counts it.

Why this holds against a hostile server: the server cannot name a local interview's id
(the mirror derives it), so its copy of an interview that minted its instanceID can only
ever be the one set aside (the copy of any other is kept unless it says the same); an
instanceID
minted here is not copied at all (``pull.known_instances``). A laptop cannot aim an id
it mints at one ODK Collect drew; an interview carrying one it did not mint, with other
answers than Central's copy, is a ``Claim``: both stay listed, the merge says so.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.messages import text
from fieldapp.core.quarantine import quarantined_sql
from fieldapp.core.store.instance_ids import (
    INSTANCE_ID,
    edit_instance_id,
    is_minted_by,
    old_edit_instance_id,
)

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store
    from fieldapp.core.store.records import RevisionRecord

_INSTANCE_ID = "json_extract(r.answers, '$.\"meta/instanceID\"')"
_NAMESPACE = uuid.UUID("5a0e6f1c-3d0b-4c1e-8f7a-18b0c0de0018")


def copy_id(instance_id: str) -> str:
    """The id of the server's copy of the instance ``instance_id`` (the same on every pull).

    Derived one way from the instanceID its answers carry, so a copy is recognisable from
    its own rows, and no server can choose it to be an interview's id.
    """
    return str(uuid.uuid5(_NAMESPACE, instance_id))


# Interviews carrying the new copies' instanceIDs: each copy's looked up by key, in the
# indexes of ``m021_instance_id_indexes`` (their WHERE repeated word for word), instead of
# every revision's answers parsed and looked up among the new copies (claims4). The unary
# ``+`` drops the column's TEXT affinity, which would otherwise be applied to the indexed
# expression and keep SQLite from searching the index by it.
_INTERVIEWS_OF_NEW_COPIES = """
SELECT DISTINCT c.uuid, r.submission_uuid FROM temp.copies_new AS c
CROSS JOIN main.revisions AS r ON json_valid(r.answers)
AND json_extract(r.answers, '$."meta/instanceID"') = +c.instance_id
WHERE r.submission_uuid <> c.uuid
UNION SELECT c.uuid, e.submission_uuid FROM temp.copies_new AS c
CROSS JOIN main.events AS e ON e.kind = 'odk_envelope' AND json_valid(e.payload)
AND json_extract(e.payload, '$.instance_id') = +c.instance_id
WHERE e.submission_uuid <> c.uuid
"""
_COPY_INSTANCE_ID = "SELECT instance_id FROM temp.copies_new WHERE uuid = ?"


@dataclass(frozen=True)
class Claim:
    """An interview carrying the instanceID of Central's copy, which it did not mint, with
    other answers than the copy's: both are kept listed (neither can be told the true one
    from the rows), and the merge says so."""

    instance_id: str
    copy: str
    interview: str

    def other_than(self, submission: str) -> str:
        """The claim's other interview: the one beside ``submission``."""
        return self.interview if self.copy == submission else self.copy


@dataclass(frozen=True)
class Found:
    """What the new rows make of the copies held here (see ``copies``)."""

    same: tuple[tuple[str, str], ...] = ()
    """(copy, interview): the copy is the interview coming back, to be set aside."""
    claims: tuple[Claim, ...] = ()


def copies(
    store: Store,
    new_submissions: list[str],
    new_revisions: Sequence[tuple[str, str]] = (),
) -> Found:
    """Return the (copy, interview) pairs the new rows make, not yet set aside, same form.

    A copy and its interview meet when one of them is new: one revision's
    ``instanceID`` per new interview is read (an interview keeps it through its edits).
    They also meet when a new revision (revision, interview) is the one Central's copy
    was made of: a revision sent after the interview's first goes up as
    its own minted id (``openrosa.sent_instance_id``), so Central may hold it alone
    while the supervisor holds the interview's earlier revisions. Only finalized
    revisions go up: merge passes no other.

    A pair is the interview coming back when the interview minted the instanceID
    (``instance_ids.is_minted_by``), or else when one of its finalized revisions sent
    under it says exactly what the copy says; any other pair is a ``Claim``.
    """
    conn = store.db.conn
    # (copy, interview) -> (the instanceID they share, minted by the interview?)
    pairs: dict[tuple[str, str], tuple[str, bool]] = {}
    new_copies: dict[str, str] = {}
    named = [
        (name(revision), submission, name is edit_instance_id)
        for revision, submission in new_revisions
        for name in (edit_instance_id, old_edit_instance_id)
    ]
    for start in range(0, len(named), 500):
        by_copy = {
            copy_id(name): (submission, name, minted)
            for name, submission, minted in named[start : start + 500]
        }
        marks = ", ".join("?" * len(by_copy))
        here = conn.execute(
            f"SELECT uuid FROM main.submissions WHERE uuid IN ({marks})", [*by_copy]
        )
        for (copy,) in here:
            submission, instance_id, minted = by_copy[copy]
            pairs[(str(copy), submission)] = (instance_id, minted)
    for start in range(0, len(new_submissions), 500):
        chunk = new_submissions[start : start + 500]
        rows = conn.execute(
            f"SELECT s.uuid, coalesce((SELECT {_INSTANCE_ID} FROM main.revisions AS r "
            "WHERE r.submission_uuid = s.uuid AND r.answers IS NOT NULL "
            f"AND json_type(r.answers, '$.\"meta/instanceID\"') = 'text' LIMIT 1), "
            # A sealed interview's answers can't be read: its first ODK envelope says it.
            "(SELECT json_extract(e.payload, '$.instance_id') FROM main.events AS e "
            "WHERE e.submission_uuid = s.uuid AND e.kind = 'odk_envelope' "
            "AND json_valid(e.payload) AND json_extract(e.payload, '$.deprecated_id') = '' "
            "LIMIT 1)) "
            f"FROM main.submissions AS s WHERE s.uuid IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        # An interview whose instanceID derives another id: that id's copy, if held here
        # (looked up for the whole chunk at once, not once per new interview).
        wanted: list[tuple[str, str, str]] = []
        for submission, instance_id in rows:
            if instance_id is None:
                continue
            copy = copy_id(str(instance_id))
            if submission == copy:
                new_copies[str(instance_id)] = copy
            else:
                wanted.append((copy, str(submission), str(instance_id)))
        if wanted:
            held = {
                row[0]
                for row in conn.execute(
                    "SELECT uuid FROM main.submissions "
                    f"WHERE uuid IN ({', '.join('?' * len(wanted))})",
                    [copy for copy, _, _ in wanted],
                )
            }
            pairs.update(((c, s), (i, is_minted_by(i, s))) for c, s, i in wanted if c in held)
    if new_copies:
        conn.execute("DROP TABLE IF EXISTS temp.copies_new")
        conn.execute("CREATE TEMP TABLE copies_new (instance_id TEXT PRIMARY KEY, uuid TEXT)")
        try:
            conn.executemany("INSERT INTO temp.copies_new VALUES (?, ?)", new_copies.items())
            for copy, submission in conn.execute(_INTERVIEWS_OF_NEW_COPIES).fetchall():
                (instance_id,) = conn.execute(_COPY_INSTANCE_ID, [copy]).fetchone()
                minted = is_minted_by(str(instance_id), str(submission))
                pairs[(str(copy), str(submission))] = (str(instance_id), minted)
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.copies_new")
        # A copy of a revision sent as an edit (``uuid:`` and its minted id, or its own
        # id before fieldapp minted them): named after the revision, not in its answers.
        by_instance = {instance_id: copy for instance_id, copy in new_copies.items()}
        finalized = conn.execute(
            "SELECT uuid, submission_uuid FROM main.revisions WHERE state = 'finalized'"
        )
        for revision, submission in finalized:
            for name in (edit_instance_id, old_edit_instance_id):
                copy = by_instance.get(name(revision))
                if copy is not None and copy != submission:
                    pairs[(copy, str(submission))] = (name(revision), name is edit_instance_id)
    if not pairs:
        return Found()
    set_aside = {row[0] for row in conn.execute(quarantined_sql("submissions")[1:-1])}
    same: list[tuple[str, str]] = []
    claims: list[Claim] = []
    for (copy, original), (instance_id, minted) in sorted(pairs.items()):
        if copy in set_aside or original in set_aside:
            continue
        forms = conn.execute(
            "SELECT count(DISTINCT form_id) FROM main.submissions WHERE uuid IN (?, ?)",
            [copy, original],
        ).fetchone()[0]
        if forms != 1:
            continue
        if minted or _says_the_same(store, copy, original, instance_id):
            same.append((copy, original))
        else:
            claims.append(Claim(instance_id, copy, original))
    return Found(tuple(same), tuple(claims))


def _says_the_same(store: Store, copy: str, interview: str, instance_id: str) -> bool:
    """Return whether a finalized revision of ``interview`` sent under ``instance_id``
    holds exactly the answers and files of the copy (Central's one revision).

    An interview that did not mint the instanceID (one stored before fieldapp minted
    them, an edit sent as ``uuid:<revision>``, an ODK submission brought in with its
    own) may still be the one Central holds: it is when it says what Central says. An
    interview that carried Collect's answers once and changed them later has changed
    the Collect submission the way any edit of it would, in its history, under its
    device's signature. A sealed revision the keys at hand cannot open says nothing, and
    nor does one set aside (quarantined) or one its device did not sign (attack6): a
    version made up in a laptop's name with a Collect submission's id and answers, taken
    while that laptop signed nothing here and left out once its package came, set the
    copy aside at the merge (the key open) or left it out of a keyed export and the list
    once the key was opened, and nothing of the interview beside it stayed listed. A
    fieldapp that signs signed the rows it wrote before; an older one's unsigned
    interview stays beside its copy as a claim, for the supervisor to compare.
    """
    from fieldapp.core.store import queries

    conn = store.db.conn
    keys = store.keys
    history = queries.history(conn, copy)
    wanted = _content(store, keys.open_revision(history[-1])) if history else None
    if wanted is None:
        return False
    set_aside = {
        str(row[0])
        for row in conn.execute(
            "SELECT r.uuid FROM main.revisions AS r WHERE r.submission_uuid = ? "
            f"AND (r.uuid IN {quarantined_sql('revisions')} OR NOT EXISTS "
            "(SELECT 1 FROM main.signatures AS g WHERE g.row_table = 'revisions' "
            "AND g.row_uuid = r.uuid AND g.device_id = r.device_id))",
            [interview],
        )
    }
    for revision in queries.history(conn, interview):
        if revision.state != "finalized" or revision.revision_id in set_aside:
            continue
        mine = keys.open_revision(revision)
        if mine.answers is None:
            continue
        sent = {mine.answers.get(INSTANCE_ID), old_edit_instance_id(mine.revision_id)}
        if instance_id in sent and _content(store, mine) == wanted:
            return True
    return False


def _content(store: Store, revision: RevisionRecord) -> tuple[object, ...] | None:
    """Return what a revision says, without the ids it was sent under; None if unread."""
    from fieldapp.core.messages import FieldappError

    if revision.answers is None:
        return None
    answers = {
        key: value
        for key, value in revision.answers.items()
        if key not in (INSTANCE_ID, "meta/deprecatedID")
    }
    try:
        files = {
            name: store.attachments.get(sha256, submission_id=revision.submission_id)
            for name, sha256 in revision.attachments.items()
        }
    except FieldappError:
        return None
    return (answers, files)


# Every instanceID an interview carries: in a revision's answers, in an ODK envelope (a
# sealed revision's), or as the name fieldapp gave an edit before it minted them. ``read``
# 0 leaves out the answers in clear, whose parsing is most of the cost.
_HELD = """
SELECT json_extract(answers, '$."meta/instanceID"'), submission_uuid FROM main.revisions
WHERE {read} AND answers IS NOT NULL AND json_type(answers, '$."meta/instanceID"') = 'text'
{mine} UNION SELECT json_extract(payload, '$.instance_id'), submission_uuid FROM main.events
WHERE kind = 'odk_envelope' AND json_valid(payload)
AND json_type(payload, '$.instance_id') = 'text' {mine}
"""
_NAMED = "SELECT 'uuid:' || uuid, submission_uuid FROM main.revisions WHERE state = 'finalized'"
# Two interviews carrying one instanceID, the first Central's copy if its id says so. A
# revision's name counts only where it is an id carried in answers or an envelope (a copy
# carries its own there): looked up by the revision's key, not made for every revision.
_SHARED = (
    "WITH held(instance_id, submission) AS ({held}), "
    "carried(instance_id, submission) AS (SELECT * FROM held UNION "
    "SELECT 'uuid:' || r.uuid, r.submission_uuid FROM main.revisions AS r "
    "WHERE r.state = 'finalized' AND r.uuid IN "
    "(SELECT substr(instance_id, 6) FROM held WHERE instance_id LIKE 'uuid:%')) "
    "SELECT a.instance_id, a.submission, b.submission FROM carried AS a "
    "JOIN carried AS b ON b.instance_id = a.instance_id AND b.submission <> a.submission"
)


# Every instanceID two interviews or more carry, with the interviews (a JSON array): the
# ids read from the indexes of ``m021_instance_id_indexes`` (their WHERE repeated word for
# word), not from the answers, so no revision's answers are parsed (claims4). A revision's
# name counts where some answers or envelope carry it, as in ``_SHARED``.
_CLAIMED_IDS = """
WITH held(instance_id, submission) AS (
SELECT json_extract(answers, '$."meta/instanceID"'), submission_uuid FROM main.revisions
WHERE json_valid(answers)
UNION ALL SELECT json_extract(payload, '$.instance_id'), submission_uuid FROM main.events
WHERE kind = 'odk_envelope' AND json_valid(payload)),
carried(instance_id, submission) AS (SELECT * FROM held UNION ALL
SELECT h.instance_id, r.submission_uuid FROM held AS h
JOIN main.revisions AS r ON r.uuid = substr(h.instance_id, 6)
WHERE h.instance_id LIKE 'uuid:%' AND r.state = 'finalized')
SELECT instance_id, json_group_array(DISTINCT submission) FROM carried
WHERE typeof(instance_id) = 'text' GROUP BY instance_id HAVING count(DISTINCT submission) > 1
"""


def standing_claims(store: Store, submission: str | None = None) -> tuple[Claim, ...]:
    """Return every claim the rows hold now (``submission``: those it is part of).

    Derived, not recorded: a listed copy of Central's (its id is ``copy_id`` of its
    instanceID) and another listed interview of the same form carrying that instanceID,
    which it did not mint and under which none of its finalized revisions says what the
    copy says (``_says_the_same``, with the keys at hand). The merge that brought them
    said it once; ``fieldapp check`` and the review desk ask here whenever they show.
    """
    return _judged(store, submission).claims


def claimed_with(claims: Sequence[Claim]) -> dict[str, list[str]]:
    """Each interview of ``claims`` -> the other interviews of its claims (the review
    queue's marks: the desk's and ``fieldapp review list``'s)."""
    claimed: dict[str, list[str]] = {}
    for claim in claims:
        claimed.setdefault(claim.copy, []).append(claim.interview)
        claimed.setdefault(claim.interview, []).append(claim.copy)
    return claimed


def claim_reason(claim: Claim, submission: str, language: str | None = None) -> str:
    """Return the reason offered for setting ``submission`` aside: the claim, both ids."""
    return text(
        "review.claim_reason",
        language,
        instance_id=claim.instance_id,
        copy=claim.copy,
        interview=claim.interview,
        submission=submission,
    )


def set_aside_claimed(store: Store, submission: str, *, reason: str = "", author: str) -> Claim:
    """Set aside one interview of a standing claim, the one its supervisor chose after
    comparing them: a signed quarantine of its ``submissions`` row that every list, export
    and merge honours. Return the claim it ends.

    The review desk's *Set this interview aside…* and ``fieldapp review set-aside``: only
    where this database may act for the study (``review.claim_not_here``), only an
    interview in a claim now (``review.no_claim``), asked of the rows as it is done.
    ``reason`` empty: ``claim_reason``.
    """
    from fieldapp.core.devices import may_act_for_study
    from fieldapp.core.messages import FieldappError
    from fieldapp.core.quarantine import quarantine_rows

    if not may_act_for_study(store):
        raise FieldappError("review.claim_not_here", path=str(store.path))
    claims = standing_claims(store, submission)
    if not claims:
        raise FieldappError("review.no_claim", submission=submission)
    claim = claims[0]
    said = reason.strip() or claim_reason(claim, submission)
    quarantine_rows(store, [("submissions", submission)], reason=said, author=author)
    return claim


def settle_claims(store: Store, same: tuple[tuple[str, str], ...] | None = None) -> list[str]:
    """Set aside each copy a claim held only because its sealed answers could not be read
    when it was merged, now that the keys at hand open them and they say the same; return
    the copies set aside. ``same``: ``sealed_same(store)`` when the caller has it already
    (the comparison opens every sealed claim with the keys).

    The study key dialog calls it once the key opens: the copy gives way to the interview
    as a merge with the key open would have done (``set_copies_aside``).
    """
    from fieldapp.core.devices import may_act_for_study
    from fieldapp.core.quarantine import quarantine_rows

    if not may_act_for_study(store):
        return []
    # A claim in clear was compared at its merge: only a sealed one can say otherwise now.
    pairs = sealed_same(store) if same is None else same
    for copy, original in pairs:
        reason = text("pull.copy_set_aside", None, copy=copy, interview=original)
        quarantine_rows(store, [("submissions", copy)], reason=reason, author="fieldapp")
    return list(dict.fromkeys(copy for copy, _ in pairs))


def set_aside_for_nothing(store: Store) -> tuple[tuple[str, str], ...]:
    """Return (copy, quarantine) for each copy of Central's that fieldapp set aside as the
    same as an interview beside it, and that no listed interview makes give way today.

    Before *(attack6)* a version set aside, not its device's, or unsigned made a copy give
    way (``_says_the_same`` read them all): an interview made up in a laptop's name with a
    Collect submission's instanceID and answers set Rosa's genuine copy aside, at the
    merge (the key open) or in the key dialog, and the copy stays set aside (its
    quarantine is a row) once the made-up interview is left out. Judged again as a merge
    would now: a copy gives way to a listed interview of its form, not set aside, that
    minted its instanceID (or an edit's) or whose signed version says what the copy says.
    Where the copy or such an interview is sealed and the keys at hand do not open it,
    nothing is said (``fieldapp check --key`` judges it). Only fieldapp's own set-aside
    (author ``fieldapp``, as ``set_copies_aside`` and ``settle_claims`` write it): a
    person's (``review set-aside``, ``check --quarantine``) was her decision.
    """
    conn = store.db.conn
    found: list[tuple[str, str]] = []
    candidates = conn.execute(
        "SELECT json_extract(q.payload, '$.key'), q.uuid FROM main.events AS q "
        "WHERE q.kind = 'quarantine' AND q.author = 'fieldapp' AND json_valid(q.payload) "
        "AND json_extract(q.payload, '$.table') = 'submissions' "
        "AND json_type(q.payload, '$.code') IS NULL "
        f"AND q.uuid NOT IN {quarantined_sql('events')} ORDER BY 1, 2"
    ).fetchall()
    judged: dict[str, bool] = {}
    aside = {row[0] for row in conn.execute(quarantined_sql("submissions")[1:-1])}
    for copy, quarantine in candidates:
        copy = str(copy)
        if copy not in judged:
            judged[copy] = _set_aside_for_nothing(store, copy, aside)
        if judged[copy]:
            found.append((copy, str(quarantine)))
    return tuple(found)


def _set_aside_for_nothing(store: Store, copy: str, aside: set[Any]) -> bool:
    from fieldapp.core.store import queries

    conn = store.db.conn
    own = _HELD.format(mine="AND submission_uuid = ?", read="1")
    ids = {str(row[0]) for row in conn.execute(own, [copy, copy])}
    ids = {i for i in ids if copy_id(i) == copy}
    if not ids:
        return False  # not a copy of Central's by its id: a set-aside this rule never made
    history = queries.history(conn, copy)
    wanted = _content(store, store.keys.open_revision(history[-1])) if history else None
    for instance_id in sorted(ids):
        for _, other in _carriers_of(conn, instance_id, copy):
            if not _may_claim(conn, aside, copy, other):
                continue
            if is_minted_by(instance_id, other):
                return False
            edits = conn.execute(
                "SELECT uuid, answers IS NULL FROM main.revisions WHERE submission_uuid = ?",
                [other],
            ).fetchall()
            if any(instance_id == edit_instance_id(str(row[0])) for row in edits):
                return False
            if wanted is None or (any(row[1] for row in edits) and not store.keys.unlocked):
                return False  # sealed and not opened here: not judged
            if _says_the_same(store, copy, other, instance_id):
                return False
    return True


def take_back_set_aside_for_nothing(
    store: Store, *, author: str, found: tuple[tuple[str, str], ...] | None = None
) -> list[str]:
    """Take back each copy ``set_aside_for_nothing`` finds, where this database may act for
    the study: its quarantine is set aside in turn (a quarantine set aside sets nothing
    aside, ``quarantine._STANDING``), as a merge takes back a set-aside a signature
    answered. Return the copies taken back. ``found``: ``set_aside_for_nothing(store)``
    when the caller has it already."""
    from fieldapp.core.devices import may_act_for_study
    from fieldapp.core.quarantine import quarantine_rows

    if not may_act_for_study(store):
        return []
    if found is None:
        found = set_aside_for_nothing(store)
    for copy, quarantine in found:
        reason = text("check.copy_taken_back_reason", None, copy=copy)
        quarantine_rows(store, [("events", quarantine)], reason=reason, author=author)
    return list(dict.fromkeys(copy for copy, _ in found))


def sealed_same(store: Store) -> tuple[tuple[str, str], ...]:
    """Return the (copy, interview) pairs ``settle_claims`` would set aside now: a claim
    held only because its sealed answers could not be read, which the keys at hand show
    the same. Compared in memory, nothing written: a command opening the key with
    ``--key`` that only reads says them (they are no claim, yet the copy stays listed)."""
    return _judged(store, sealed_only=True).same


def _judged(store: Store, submission: str | None = None, *, sealed_only: bool = False) -> Found:
    """Return the copies listed beside an interview carrying their instanceID unminted:
    the same (to be set aside) or a claim. ``sealed_only``: the pairs an ODK envelope
    or a revision's name makes, without reading the answers in clear. The whole database
    (``submission`` None) reads the instanceIDs from their indexes (``_CLAIMED_IDS``)."""
    conn = store.db.conn
    if submission is None and not sealed_only:
        rows = []
        # Every instanceID two interviews carry, one of them its copy (by its id).
        for instance_id, carriers in conn.execute(_CLAIMED_IDS).fetchall():
            copy, carrying = copy_id(str(instance_id)), set(json.loads(carriers))
            if copy in carrying:
                rows += [(instance_id, copy, other) for other in carrying if other != copy]
    elif submission is None:
        held = _HELD.format(mine="", read="0")
        rows = conn.execute(_SHARED.format(held=held)).fetchall()
    else:
        # The interview's own ids first (by its index), then who else carries them.
        own = _HELD.format(mine="AND submission_uuid = ?", read="1")
        own += f"UNION {_NAMED} AND submission_uuid = ?"
        ids = {str(row[0]) for row in conn.execute(own, [submission] * 3)}
        rows = [(i, s, o) for i in ids for s, o in _carriers_of(conn, i, submission)]
    pairs = {
        (str(instance_id), str(copy), str(other))
        for instance_id, copy, other in rows
        if copy == copy_id(str(instance_id)) and not is_minted_by(str(instance_id), str(other))
    }
    if not pairs:
        return Found()
    set_aside = {row[0] for row in conn.execute(quarantined_sql("submissions")[1:-1])}
    same: list[tuple[str, str]] = []
    claims: list[Claim] = []
    for instance_id, copy, other in sorted(pairs):
        if copy in set_aside or not _may_claim(conn, set_aside, copy, other):
            continue
        edits = conn.execute(
            "SELECT uuid FROM main.revisions WHERE submission_uuid = ?", [other]
        ).fetchall()
        if any(instance_id == edit_instance_id(str(row[0])) for row in edits):
            continue  # an edit the interview minted, which Central holds
        if _says_the_same(store, copy, other, instance_id):
            same.append((copy, other))
        else:
            claims.append(Claim(instance_id, copy, other))
    return Found(tuple(same), tuple(claims))


def _may_claim(conn: Any, set_aside: set[Any], copy: str, other: str) -> bool:
    """Whether ``other`` can hold a claim on ``copy``: not set aside, something of it
    listed (every version set aside: nothing of it is read), and an interview of the
    copy's form."""
    if other in set_aside:
        return False
    if not conn.execute("SELECT 1 FROM main.listing WHERE submission_uuid = ?", [other]).fetchone():
        return False
    forms = conn.execute(
        "SELECT count(DISTINCT form_id), count(*) FROM main.submissions WHERE uuid IN (?, ?)",
        [copy, other],
    ).fetchone()
    return tuple(forms) == (1, 2)


# Who carries an instanceID: in its answers, an ODK envelope, or a finalized revision's
# name. Each looked up by key: the first two by the indexes of ``m021_instance_id_indexes``,
# whose WHERE (valid JSON; an envelope) each repeats word for word, or SQLite reads every
# revision's answers (about 70 ms at 6,662 revisions, seconds at 150,000).
CARRIERS = (
    "SELECT submission_uuid FROM main.revisions WHERE json_valid(answers) "
    "AND json_extract(answers, '$.\"meta/instanceID\"') = ? "
    "UNION SELECT submission_uuid FROM main.events WHERE kind = 'odk_envelope' "
    "AND json_valid(payload) AND json_extract(payload, '$.instance_id') = ? "
    "UNION SELECT submission_uuid FROM main.revisions WHERE uuid = ? AND state = 'finalized'"
)


def _carriers_of(conn: Any, instance_id: str, submission: str) -> list[tuple[str, str]]:
    """Return (copy, other) for the interviews carrying ``instance_id`` with ``submission``."""
    copy = copy_id(instance_id)
    if copy != submission:
        return [(copy, submission)]  # a claimant: the copy is found by its id
    others = conn.execute(CARRIERS, [instance_id, instance_id, instance_id.removeprefix("uuid:")])
    return [(copy, str(row[0])) for row in others if row[0] != submission]


def set_copies_aside(
    store: Store, new_submissions: list[str], new_revisions: Sequence[tuple[str, str]] = ()
) -> tuple[list[str], tuple[Claim, ...]]:
    """Quarantine every copy the new rows reveal (see the module); return the copies and
    the claims left for the supervisor (``Claim``).

    Runs inside the caller's transaction (merge's): the copy is set aside in the same
    commit that brings the laptop's interview, or not at all.
    """
    from fieldapp.core.devices import may_act_for_study
    from fieldapp.core.quarantine import quarantine_rows

    # A laptop that holds both (relayed packages) leaves the copy for the supervisor's
    # quarantine to reach it: the study refuses another device's.
    if not may_act_for_study(store):
        return [], ()
    found = copies(store, new_submissions, new_revisions)
    for copy, original in found.same:
        reason = text("pull.copy_set_aside", None, copy=copy, interview=original)
        quarantine_rows(store, [("submissions", copy)], reason=reason, author="fieldapp")
    return [copy for copy, _ in found.same], found.claims
