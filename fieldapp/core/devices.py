"""Who may do what: the supervisor's certified devices, and devices revoked when lost.

Every device signs its own rows (``store.signing``) and is enrolled the first time a
database sees it. Two signed, insert-only events travel with the rows and give the study
its authority, both checked by merge on every device they reach:

- ``supervisor_certified``: the study's private key (the one that opens sealed
  interviews, which only the supervisor holds) signs a device's id and signing key. Merge
  accepts one only if it verifies against the ``public_key`` of a sealed form the database
  holds. Once a database holds a certified supervisor, targets, reviews, question comments
  and revocations are accepted only from a certified supervisor's device and key. A
  certificate set aside (``quarantine``) certifies nothing, and setting it aside sets aside
  with it every supervisor-only event its device signed with that key: what a certificate
  the study never meant to give did counts nowhere, and travels set aside.
- ``device_revoked``: a certified supervisor declares a device lost, naming the newest
  links of that device it holds. Wherever the revocation reaches, rows of that device
  merge only if those links vouch for them (what the supervisor had, relayed as before);
  anything else it signs, however dated, is refused. A thief holding the laptop's key
  can still sign rows, but no database that knows the revocation takes them.
- ``device_reinstated``: the certified supervisor undoes a revocation (a misclick, two
  laptops named alike, a laptop found again), naming the revocation events it lifts. A
  revocation it names no longer counts anywhere the reinstatement reaches; one written
  after it is in force again. Like a revocation, only the supervisor's merges.
- ``form_published``: the certified supervisor's word that a form version is the study's
  (written for every form it holds when certified, and for each it adds later). Once a
  database holds a certified supervisor, a new form version merges only with it; a laptop
  relays published forms but cannot originate one, and only a published version may seal
  a form or change its key.

A re-installed laptop is a new device (a new id and key, enrolled at its first merge); its
old id can be revoked so a copy of the old database cannot speak for it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from fieldapp.core import crypto
from fieldapp.core.messages import FieldappError
from fieldapp.core.quarantine import QUARANTINE, quarantined, quarantined_sql
from fieldapp.core.review import DECISIONS, QUESTION_COMMENT
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.records import STUDY_WIDE

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store

CERTIFIED = "supervisor_certified"
REVOKED = "device_revoked"
REINSTATED = "device_reinstated"
PUBLISHED = "form_published"
_DECIDED = ", ".join(f"'{state}'" for state in DECISIONS)
"""The states of an interview only a review gives it (``review.DECISIONS``), as SQL."""

SUPERVISOR_KINDS = (
    "target",
    "approved",
    "returned",
    "question_comment",
    REVOKED,
    REINSTATED,
    PUBLISHED,
    QUARANTINE,
)
"""Event kinds only a certified supervisor may write, once the study has one."""

_CONTEXT = b"fieldapp-supervisor-certificate:"
_PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)


def _certified_bytes(device_id: str, public_key: str) -> bytes:
    return _CONTEXT + canonical_json({"device_id": device_id, "public_key": public_key}).encode()


def certificate_valid(study_public_key: str, device_id: str, public_key: str, cert: str) -> bool:
    """Return whether ``cert`` is the study key's signature of this device and key."""
    try:
        crypto.load_public_key(study_public_key).verify(
            bytes.fromhex(cert), _certified_bytes(device_id, public_key), _PSS, hashes.SHA256()
        )
    except (InvalidSignature, ValueError, TypeError, FieldappError):
        return False
    return True


def own_public_key(store: Store) -> str:
    row = store.conn.execute(
        "SELECT public_key FROM signing_key WHERE device_id = ?", [store.device_id]
    ).fetchone()
    if row is None:
        raise FieldappError("devices.no_signing_key", path=str(store.path))
    return str(row[0])


def certify_supervisor(store: Store, study_key: crypto.StudyKey, *, author: str = "") -> str:
    """Certify this database's device as the study's supervisor with the study's key."""
    public_key = own_public_key(store)
    cert = study_key.private_key.sign(
        _certified_bytes(store.device_id, public_key), _PSS, hashes.SHA256()
    ).hex()
    if not study_public_keys(store) & {study_key.fingerprint}:
        raise FieldappError("devices.no_sealed_form", fingerprint=study_key.fingerprint)
    with store.transaction():
        payload = {"device_id": store.device_id, "public_key": public_key, "certificate": cert}
        event = store.events.add(STUDY_WIDE, CERTIFIED, payload, author=author)
        for record in store.forms.records():
            publish(store, record.sha256, author=author)
    return event


def publish(store: Store, sha256: str, *, author: str = "") -> None:
    """Vouch for a form version as the study's, when this device is a certified supervisor."""
    conn = store.conn
    if store.device_id not in supervisors(conn) or sha256 in published(conn):
        return
    store.events.add(STUDY_WIDE, PUBLISHED, {"sha256": sha256}, author=author)


# The readers below run inside a merge before the row rules have seen the new events: they
# read payloads through SQLite's JSON functions, which a malformed payload cannot crash.
_MEMBER = "CASE WHEN json_valid(payload) THEN json_extract(payload, '$.{name}') END"


def _members(conn: sqlite3.Connection, kind: str, *names: str) -> list[tuple[object, ...]]:
    """Return the members ``names`` of the events of ``kind`` not set aside."""
    columns = ", ".join(_MEMBER.format(name=name) for name in names)
    return conn.execute(
        f"SELECT {columns} FROM main.events WHERE kind = ? "
        f"AND uuid NOT IN {quarantined_sql('events')}",
        [kind],
    ).fetchall()


def published(conn: sqlite3.Connection) -> set[str]:
    """Return the form versions a certified supervisor published (merge checks who wrote them)."""
    return {str(sha256) for (sha256,) in _members(conn, PUBLISHED, "sha256")}


def revoke_device(store: Store, device_id: str, *, reason: str, author: str = "") -> str:
    """Declare a device lost: its new rows are refused wherever this event reaches."""
    if store.device_id not in supervisors(store.conn):
        raise FieldappError("devices.not_supervisor", path=str(store.path))
    if device_id == store.device_id:
        raise FieldappError("devices.revoke_self", device=device_id)
    if not reason.strip():
        raise FieldappError("devices.revoke_reason_needed", device=device_id)
    heads = [
        row[0]
        for row in store.conn.execute(
            "SELECT digest FROM signatures AS g WHERE device_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM signatures AS h WHERE h.previous = g.digest) ORDER BY digest",
            [device_id],
        )
    ]
    if not heads:
        raise FieldappError("devices.unknown_device", device=device_id)
    payload = {"device_id": device_id, "reason": reason.strip(), "heads": heads}
    return store.events.add(STUDY_WIDE, REVOKED, payload, author=author)


def study_public_keys(store: Store) -> set[str]:
    """Return the fingerprints of the study keys the database's sealed forms seal for."""
    return {crypto.public_key_fingerprint(key) for key in _study_keys(store) if key is not None}


def _study_keys(store: Store, only: Collection[str] | None = None) -> set[str]:
    """Return the public keys the held form versions seal for (of ``only``, if given).

    A version set aside is none of the study's: its key vouches for no certificate (a
    form of another study's, added by mistake or brought before a merge checked it).
    """
    keys: set[str] = set()
    set_aside = quarantined(store.conn)
    for record in store.forms.records():
        if ("forms", record.sha256) in set_aside:
            continue
        if only is not None and record.sha256 not in only:
            continue
        try:
            key = store.forms.load(record.sha256).public_key
        except Exception:  # a form that does not load seals nothing (check names it)
            continue
        if key:
            keys.add(key)
    return keys


def supervisors(conn: sqlite3.Connection) -> set[str]:
    """Return the device ids certified as supervisors, with the key their links carry."""
    return {device for device, _ in supervisor_keys(conn)}


def may_act_for_study(store: Store) -> bool:
    """Whether the study accepts this database's supervisor-only events (a quarantine, a
    form version): while it has no certified supervisor, anyone's; then only hers."""
    certified = supervisors(store.conn)
    return not certified or store.device_id in certified


def supervisor_keys(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Return each certified supervisor's (device id, signing key); a certificate set aside
    certifies nothing."""
    return {
        (str(device), str(key))
        for device, key in _members(conn, CERTIFIED, "device_id", "public_key")
    }


def unverified_certificates(store: Store) -> list[tuple[str, str]]:
    """Return the certificates not set aside that no held sealed form's key verifies:
    (uuid, device id), for ``fieldapp check`` to list and set aside.

    Such a certificate came in while a form it verifies against was held (another
    study's version added by mistake, since set aside) or before the rules that refuse
    it now; a merge into a database of the study refuses it (``merge.bad_certificate``).
    """
    members = ", ".join(
        _MEMBER.format(name=name) for name in ("device_id", "public_key", "certificate")
    )
    rows = store.conn.execute(
        f"SELECT uuid, {members} FROM main.events WHERE kind = ? "
        f"AND uuid NOT IN {quarantined_sql('events')} ORDER BY uuid",
        [CERTIFIED],
    ).fetchall()
    if not rows:
        return []
    keys = _study_keys(store)
    return [
        (str(uuid), str(device))
        for uuid, device, public_key, cert in rows
        if not any(certificate_valid(key, str(device), str(public_key), str(cert)) for key in keys)
    ]


REVIEW_KINDS = (*DECISIONS, QUESTION_COMMENT)
"""The events of a review: its decisions and its comments on a question."""


def decided_not_by_supervisor(store: Store) -> list[tuple[str, str, str]]:
    """Return the decided versions (approved, returned) and the review events not set aside
    that a device other than the certified supervisor wrote or signed: (table, uuid,
    device id), for ``fieldapp check`` to list and set aside.

    Before attack4 a merge took such a version (a laptop "approving" an interview by
    writing the version alone), and before a supervisor was certified it took a laptop's
    review too; a merge into a database of the study that never held them refuses them
    now (``merge.not_supervisor``), and the package with them. Nothing is listed while the
    study has no certified supervisor: nobody's decision can be told from a laptop's.
    """
    allowed = supervisor_keys(store.conn)
    if not allowed:
        return []
    kinds = ", ".join(f"'{kind}'" for kind in REVIEW_KINDS)
    rows = store.conn.execute(
        "SELECT 'revisions', r.uuid, r.device_id, g.public_key FROM main.revisions AS r "
        "LEFT JOIN main.signatures AS g ON g.row_table = 'revisions' AND g.row_uuid = r.uuid "
        f"WHERE r.state IN ({_DECIDED}) AND r.uuid NOT IN {quarantined_sql('revisions')} "
        "UNION ALL "
        "SELECT 'events', e.uuid, e.device_id, g.public_key FROM main.events AS e "
        "LEFT JOIN main.signatures AS g ON g.row_table = 'events' AND g.row_uuid = e.uuid "
        f"WHERE e.kind IN ({kinds}) AND e.uuid NOT IN {quarantined_sql('events')} "
        "ORDER BY 1, 2"
    )
    return [
        (str(table), str(uuid), str(device))
        for table, uuid, device, key in rows
        if (device, key) not in allowed
    ]


def signed_under(
    conn: sqlite3.Connection, rows: Collection[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Return the supervisor-only events, and the decided versions (approved, returned),
    signed under the certificates among ``rows`` (rows about to be set aside): those whose
    device and key no other certificate still certifies, as (table, key).

    Setting such a certificate aside sets these aside with it, so that they count nowhere
    and travel as set aside rows do: merged into a database that never held them they
    would be refused as a laptop's (``merge.not_supervisor``), and the package with them.
    """
    chosen = [key for table, key in rows if table == "events"]
    if not chosen:
        return []
    members = ", ".join(_MEMBER.format(name=name) for name in ("device_id", "public_key"))
    leaving = {
        (str(device), str(key))
        for device, key in conn.execute(
            f"SELECT {members} FROM main.events WHERE kind = ? "
            "AND uuid IN (SELECT value FROM json_each(?))",
            [CERTIFIED, canonical_json(chosen)],
        )
    }
    staying = {
        (str(device), str(key))
        for device, key in conn.execute(
            f"SELECT {members} FROM main.events WHERE kind = ? "
            f"AND uuid NOT IN {quarantined_sql('events')} "
            "AND uuid NOT IN (SELECT value FROM json_each(?))",
            [CERTIFIED, canonical_json(chosen)],
        )
    }
    kinds = ", ".join(f"'{kind}'" for kind in SUPERVISOR_KINDS)
    # A decision is a version too: left standing it kept the interview approved on the
    # word of a certificate that certifies nothing, and every merge checking versions as
    # decisions (``check_new_events``) refused the supervisor's package with it.
    return sorted(
        (str(table), str(uuid))
        for table, uuid, device, key in conn.execute(
            "SELECT 'events', e.uuid, g.device_id, g.public_key FROM main.events AS e "
            "JOIN main.signatures AS g ON g.row_table = 'events' AND g.row_uuid = e.uuid "
            f"WHERE e.kind IN ({kinds}) UNION ALL "
            "SELECT 'revisions', r.uuid, g.device_id, g.public_key FROM main.revisions AS r "
            "JOIN main.signatures AS g ON g.row_table = 'revisions' AND g.row_uuid = r.uuid "
            f"WHERE r.state IN ({_DECIDED})"
        )
        if (str(device), str(key)) in leaving - staying
    )


def revoked(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Return each revoked device and the newest links of it the revocations accept.

    A revocation a reinstatement lifted, or one set aside (``quarantine``), is not counted.
    """
    found: dict[str, list[str]] = {}
    for _, device, _, heads, _, _ in _in_force(conn):
        found.setdefault(device, []).extend(_texts(heads))
    return found


def revocations(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    """Return each revoked device's newest revocation in force: (reason, author, at)."""
    found: dict[str, tuple[str, str, str]] = {}
    for _, device, reason, _, author, at in _in_force(conn):  # oldest first: the newest says why
        found[device] = (str(reason or ""), author, at)
    return found


def reinstatements(
    conn: sqlite3.Connection, revoked: Collection[str] | None = None
) -> dict[str, tuple[str, str, str]]:
    """Return each device reinstated and not revoked since: its newest reinstatement's
    (reason, author, at). ``revoked``: the devices ``revocations`` just gave, when the
    caller has them (the same query is not run twice)."""
    in_force = (
        set(revoked) if revoked is not None else {device for _, device, *_ in _in_force(conn)}
    )
    found: dict[str, tuple[str, str, str]] = {}
    for _, device, reason, author, at in _standing(conn, REINSTATED, "device_id", "reason"):
        if device is not None and str(device) not in in_force:
            found[str(device)] = (str(reason or ""), str(author), str(at))
    return found


def reinstate_device(store: Store, device_id: str, *, reason: str, author: str) -> str:
    """Undo a device's revocation: wherever this event reaches, its rows merge again.

    The event names the revocations it lifts; a revocation written after it is in force.
    """
    if store.device_id not in supervisors(store.conn):
        raise FieldappError("devices.reinstate_not_supervisor", path=str(store.path))
    if not reason.strip():
        raise FieldappError("devices.reason_needed", device=device_id)
    lifted = sorted(uuid for uuid, device, *_ in _in_force(store.conn) if device == device_id)
    if not lifted:
        raise FieldappError("devices.not_revoked", device=device_id)
    payload = {"device_id": device_id, "reason": reason.strip(), "revocations": lifted}
    return store.events.add(STUDY_WIDE, REINSTATED, payload, author=author)


def _standing(conn: sqlite3.Connection, kind: str, *names: str) -> list[tuple[object, ...]]:
    """Return (uuid, *names, author, at) of the events of ``kind`` not set aside, oldest first."""
    columns = ", ".join(_MEMBER.format(name=name) for name in names)
    return conn.execute(
        f"SELECT uuid, {columns}, author, at FROM main.events WHERE kind = ? "
        f"AND uuid NOT IN {quarantined_sql('events')} ORDER BY at, uuid",
        [kind],
    ).fetchall()


def _in_force(conn: sqlite3.Connection) -> list[tuple[str, str, object, object, str, str]]:
    """Return the revocations no reinstatement lifted, oldest first:
    (uuid, device, reason, heads, author, at)."""
    lifted = {
        (str(device), uuid)
        for _, device, named, *_ in _standing(conn, REINSTATED, "device_id", "revocations")
        for uuid in _texts(named)
    }
    return [
        (str(uuid), str(device), reason, heads, str(author), str(at))
        for uuid, device, reason, heads, author, at in _standing(
            conn, REVOKED, "device_id", "reason", "heads"
        )
        if device is not None and (str(device), uuid) not in lifted
    ]


def _texts(member: object) -> list[str]:
    """Return a JSON array member (as ``json_extract`` gives it) as texts; [] if it is none."""
    try:
        listed = json.loads(member) if isinstance(member, str) else []
    except ValueError:  # a JSON string member comes out bare: a malformed payload
        return []
    return [str(item) for item in listed] if isinstance(listed, list) else []


def _forms_vouching_for_certificates(store: Store) -> set[str] | None:
    """Return the form versions whose keys may verify a certificate this merge brings;
    None: any held, when the database held no certified supervisor and no sealed form
    before this merge (the first certificate comes with the forms it is checked against).

    Once it had a supervisor, a key counts only from a form held before this merge or
    published in it by a supervisor certified before: otherwise anyone could make a key
    pair, seal the study's forms for it, certify a laptop with it, and have the one
    package carry the form that vouches for the certificate (another study's laptop, or
    a thief's). Before any supervisor, the sealed forms held before the merge (the
    study's forms as fieldapp ships them, sealed for the study key) name the key alone.
    """
    conn = store.conn
    new = "SELECT uuid FROM temp.new_events"
    earlier = {
        (str(device), str(key))
        for device, key in conn.execute(
            f"SELECT {_MEMBER.format(name='device_id')}, {_MEMBER.format(name='public_key')} "
            f"FROM main.events WHERE kind = ? AND uuid NOT IN ({new}) "
            f"AND uuid NOT IN {quarantined_sql('events')}",
            [CERTIFIED],
        )
    }
    held = {str(sha) for (sha,) in conn.execute("SELECT sha256 FROM main.forms")}
    brought = {str(sha) for (sha,) in conn.execute("SELECT sha256 FROM temp.new_forms")}
    if not earlier:
        return held - brought if _study_keys(store, held - brought) else None
    vouched = {
        str(sha)
        for sha, device, key in conn.execute(
            f"SELECT {_MEMBER.replace('payload', 'e.payload').format(name='sha256')}, "
            "e.device_id, g.public_key FROM temp.new_events AS n "
            "CROSS JOIN main.events AS e ON e.uuid = n.uuid "
            "LEFT JOIN main.signatures AS g ON g.row_table = 'events' AND g.row_uuid = e.uuid "
            "WHERE e.kind = ?",
            [PUBLISHED],
        )
        if (str(device), str(key)) in earlier
    }
    return (held - brought) | (brought & vouched)


def check_new_events(store: Store, source: str) -> list[tuple[str, str]]:
    """Refuse a merge's new rows that break the study's authority (merge calls it).

    Return the certificates taken with nothing held to check them against (no supervisor
    and no sealed form before this merge): (device id, fingerprint of the study key that
    signed it), for the summary to ask that the key be checked.

    Run inside the merge's transaction, after the signatures were verified and before
    the row rules, with the new rows in ``temp.new_events`` / ``temp.new_signatures``.
    An event set aside is carried unchecked, as the signatures carry it: it counts nowhere
    (a certificate set aside certifies nothing; ``signed_under``).
    """
    conn = store.conn
    members = ", ".join(
        _MEMBER.replace("payload", "e.payload").format(name=name)
        for name in ("device_id", "public_key", "certificate")
    )
    standing = f"e.uuid NOT IN {quarantined_sql('events')}"
    certificates = conn.execute(
        f"SELECT e.uuid, {members} FROM temp.new_events AS n "
        f"CROSS JOIN main.events AS e ON e.uuid = n.uuid WHERE e.kind = ? AND {standing}",
        [CERTIFIED],
    ).fetchall()
    unchecked: list[tuple[str, str]] = []
    if certificates:
        vouching = _forms_vouching_for_certificates(store)
        keys = sorted(_study_keys(store, vouching))
        for uuid, device_id, public_key, cert in certificates:
            signer = next(
                (
                    key
                    for key in keys
                    if certificate_valid(key, str(device_id), str(public_key), str(cert))
                ),
                None,
            )
            if signer is None:
                raise FieldappError("merge.bad_certificate", path=source, key=uuid)
            if vouching is None:
                unchecked.append((str(device_id), crypto.public_key_fingerprint(signer)))
    allowed = supervisor_keys(conn)
    kinds = ", ".join(f"'{kind}'" for kind in SUPERVISOR_KINDS)
    # Before a supervisor is certified nobody can revoke, so nobody can reinstate either.
    strict = "" if allowed else f" AND e.kind IN ('{REVOKED}', '{REINSTATED}')"
    for uuid, kind, device_id, public_key in conn.execute(
        "SELECT e.uuid, e.kind, e.device_id, g.public_key FROM temp.new_events AS n "
        "CROSS JOIN main.events AS e ON e.uuid = n.uuid "
        "LEFT JOIN main.signatures AS g ON g.row_table = 'events' AND g.row_uuid = e.uuid "
        f"WHERE e.kind IN ({kinds}){strict} AND {standing}"
    ):
        if (device_id, public_key) not in allowed:
            raise FieldappError(
                "merge.not_supervisor", path=source, key=uuid, kind=kind, device=device_id
            )
    if allowed:
        # A decision is also a version of the interview in that state: a laptop's
        # version "approved", with no event beside it, was taken as the supervisor's
        # approval (its answers too) in the list, the queue and the export (attack4).
        for uuid, state, device_id, public_key in conn.execute(
            "SELECT r.uuid, r.state, r.device_id, g.public_key FROM temp.new_revisions AS n "
            "CROSS JOIN main.revisions AS r ON r.uuid = n.uuid "
            "LEFT JOIN main.signatures AS g "
            "ON g.row_table = 'revisions' AND g.row_uuid = r.uuid "
            f"WHERE r.state IN ({_DECIDED}) "
            f"AND r.uuid NOT IN {quarantined_sql('revisions')}"
        ):
            if (device_id, public_key) not in allowed:
                raise FieldappError(
                    "merge.not_supervisor", path=source, key=uuid, kind=state, device=device_id
                )
        row = conn.execute(
            "SELECT sha256, form_id FROM temp.new_forms AS n CROSS JOIN main.forms USING (sha256) "
            f"WHERE sha256 NOT IN {quarantined_sql('forms')}"
        ).fetchall()
        vouched = published(conn)
        for sha256, form_id in row:
            if sha256 not in vouched:
                raise FieldappError("merge.form_not_published", path=source, form_id=form_id)
    for device_id, heads in sorted(revoked(conn).items()):
        row = conn.execute(
            "WITH RECURSIVE vouched(digest) AS (SELECT value FROM json_each(?) "
            "UNION SELECT p.previous FROM main.signatures AS p JOIN vouched "
            "ON p.digest = vouched.digest WHERE p.previous <> '') "
            "SELECT row_uuid FROM temp.new_signatures WHERE device_id = ? "
            "AND digest NOT IN (SELECT digest FROM vouched) LIMIT 1",
            [canonical_json(heads), device_id],
        ).fetchone()
        if row is not None:
            raise FieldappError("merge.revoked_device", path=source, key=row[0], device=device_id)
    return sorted(set(unchecked))
