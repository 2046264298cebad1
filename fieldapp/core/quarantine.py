"""Quarantine: a bad row already merged is set aside, never silently dropped.

Rows are insert-only, so a row an older fieldapp let in (answers that are not the form's,
a target of "lots") cannot be deleted. The supervisor quarantines it instead: an
insert-only ``quarantine`` event naming the table and key, signed like every event and
travelling with the packages (once the study has a certified supervisor, only hers are
accepted). Every reader honours it: the heads (and so the list, review, export and
status) leave quarantined revisions and interviews out, event readers leave quarantined
events out, merge does not apply the row rules to them, and ``fieldapp check`` counts
them apart. A quarantine set aside sets nothing aside; a supervisor certificate set aside
certifies nothing and takes with it the supervisor-only events its key signed
(``devices.signed_under``); a merge's set-aside of a record held unsigned is set aside in
turn once the record's own signature comes (``signed_since``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from fieldapp.core.messages import FieldappError, text
from fieldapp.core.store.content import revision_content_sha256
from fieldapp.core.store.records import STUDY_WIDE
from fieldapp.core.store.signing import event_content_sha256

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store
    from fieldapp.core.store.records import FormRecord

QUARANTINE = "quarantine"
UNSIGNED = "rows.unsigned"
"""The ``code`` of a quarantine a merge wrote for a record held without its device's
signature (``merge._set_aside_unsigned``): the one quarantine a signature can undo. No
screen or command writes a code: a supervisor's own quarantine says her words alone."""
SIGNED_SINCE = "rows.signed_since"
"""The ``code`` of the quarantine that sets aside an ``UNSIGNED`` one once the record's
signature came (``merge._take_back_signed``)."""
_KEYS = {"forms": "sha256", "submissions": "uuid", "revisions": "uuid", "events": "uuid"}
TABLES = tuple(_KEYS)
"""What can be quarantined: rows keyed by one id (its column in ``_KEYS``)."""


# A quarantine set aside itself sets nothing aside: the one way a supervisor's quarantine
# stops counting (the quarantines a certificate set aside had signed, ``devices``). One
# level only: a quarantine named by another counts not, whether that one counts or not,
# so a ring of quarantines naming each other sets nothing aside and needs no order.
_STANDING = (
    "q.uuid NOT IN (SELECT json_extract(o.payload, '$.key') FROM {schema}.events AS o "
    f"WHERE o.kind = '{QUARANTINE}' AND json_valid(o.payload) "
    "AND json_extract(o.payload, '$.table') = 'events')"
)


def quarantined_sql(table: str, schema: str = "main") -> str:
    """Return SQL of the keys of ``table`` that are quarantined (for ``key NOT IN (...)``)."""
    return (
        f"(SELECT json_extract(q.payload, '$.key') FROM {schema}.events AS q "
        f"WHERE q.kind = '{QUARANTINE}' AND json_valid(q.payload) "
        f"AND json_extract(q.payload, '$.table') = '{table}' "
        f"AND {_STANDING.format(schema=schema)})"
    )


def unsigned_of_signer_sql(table: str, row: str) -> str:
    """Return SQL true when the ``table`` row aliased ``row`` carries no link and names a
    device that signs its rows here, or this database's own device (``meta``): not its
    device's row, left out by every database.

    A merge takes such a row while its device has signed nothing here (an older
    fieldapp's); the merge that enrols the device sets it aside where the database may
    quarantine for the study (``merge._set_aside_unsigned``). Elsewhere (a researcher's
    laptop once a supervisor is certified) nothing may be set aside, and nothing need
    be: derived from the links held, as the heads are, this leaves it out here and out
    of this database's packages (``package``), where it would be refused
    (``merge.unsigned_of_signer``), and it is back once its link comes. Nothing travels
    or is signed.

    This database's own device counts from the start, before it signed anything: this
    fieldapp signs every row it writes (migrating, it signed those it wrote before), so a
    row naming it with no link was not written here (a keyless package's, made up in this
    laptop's name: merge refuses it, ``merge.unsigned_of_own``, unless a row that travels
    names it, ``carried``). Its packages leave such a row out, and a database that took one
    before this rule has its list entries refreshed once (``m022_own_unsigned_left_out``).
    Two indexed lookups per row read (the own device's id is read once per statement).
    """
    return (
        "(NOT EXISTS (SELECT 1 FROM main.signatures AS ug "
        f"WHERE ug.row_table = '{table}' AND ug.row_uuid = {row}.uuid) "
        f"AND {signer_sql(row)})"
    )


def signer_sql(row: str) -> str:
    """Return SQL true when the row aliased ``row`` names a device that signs its rows
    here: one with a link held, or this database's own device (``meta``), which signs
    every row it writes from the start. What ``unsigned_of_signer_sql`` leaves out, and
    what a merge refuses unsigned (``merge._ENROLLED``), name such a device."""
    return (
        "(EXISTS (SELECT 1 FROM main.signatures AS ud INDEXED BY signatures_device "
        f"WHERE ud.device_id = {row}.device_id) OR {row}.device_id = "
        "(SELECT um.value FROM main.meta AS um WHERE um.key = 'device_id'))"
    )


def started_by_sql(row: str, own: str) -> str:
    """Return SQL true when what the ``submissions`` row aliased ``row`` says of who
    started the interview (``created_on``) is read, ``own`` being this database's device:

    - the row carries a link of that device (every interview started since is signed);
    - or, for another device, that device wrote a first version of it that no reader
      leaves out (not quarantined, not left out as not its device's,
      ``unsigned_of_signer_sql``): an older fieldapp's interview;
    - or, for this database's own device, it signed a first version of it. This fieldapp
      signs every row it writes (migrating, it signed those it wrote before), so a row
      naming this device with no link of it was not written here, even while the device
      has signed nothing yet (every reader leaves it out since *(unsigned8)*:
      ``unsigned_of_signer_sql``).

    Else only an unsigned row names that device: an interview made up in a laptop's name,
    listed because a signed version was written on it (another laptop's edit, the
    supervisor's review), there or on that laptop itself.
    Nothing that device signed says it started it: the devices list counts it under no
    device (``known_devices``), and this laptop does not take it for its own
    (``started_here``). Two indexed lookups, then one or two per first version.
    """
    own_id = "'" + own.replace("'", "''") + "'"
    first = (
        "EXISTS (SELECT 1 FROM main.revisions AS sf INDEXED BY revisions_submission "
        f"WHERE sf.submission_uuid = {row}.uuid AND sf.parents = '[]' "
        f"AND sf.device_id = {row}.created_on AND {{condition}})"
    )
    read = (
        f"sf.uuid NOT IN {quarantined_sql('revisions')} "
        f"AND NOT {unsigned_of_signer_sql('revisions', 'sf')}"
    )
    signed = (
        "EXISTS (SELECT 1 FROM main.signatures AS sl WHERE sl.row_table = 'revisions' "
        "AND sl.row_uuid = sf.uuid AND sl.device_id = sf.device_id)"
    )
    return (
        "(EXISTS (SELECT 1 FROM main.signatures AS sg "
        f"WHERE sg.row_table = 'submissions' AND sg.row_uuid = {row}.uuid "
        f"AND sg.device_id = {row}.created_on) "
        f"OR ({row}.created_on <> {own_id} AND {first.format(condition=read)}) "
        f"OR ({row}.created_on = {own_id} AND {first.format(condition=signed)}))"
    )


def started_here(conn: sqlite3.Connection, submission: str, own: str) -> bool:
    """Whether this database's device ``own`` started the interview ``submission``: its
    row names that device, which signed the row or a first version of it
    (``started_by_sql``).

    A keyless package's interview made up in this laptop's name, taken while the laptop
    had signed nothing yet (or carried, set aside, under a signed version written on it),
    is not its own: read as such, it kept a version in clear of a form this laptop seals
    since (``Interviews.retired_elsewhere``).
    """
    found = conn.execute(
        "SELECT 1 FROM main.submissions AS s WHERE s.uuid = ? AND s.created_on = ? "
        f"AND {started_by_sql('s', own)}",
        [submission, own],
    ).fetchone()
    return found is not None


_SET_ASIDE_A = (
    f"a.uuid IN {quarantined_sql('revisions')} OR {unsigned_of_signer_sql('revisions', 'a')}"
)
"""SQL true when the revision aliased ``a`` is set aside: quarantined, or left out as not
its device's. What ``on_set_aside_sql`` and ``on_set_aside_parent_sql`` look for."""


def on_set_aside_sql(row: str) -> str:
    """Return SQL true when the revision aliased ``row`` was written on a version set
    aside: one of its ancestors (parents, their parents...) is quarantined or left out as
    not its device's (``unsigned_of_signer_sql``), though ``row`` itself is not.

    It carries that version's answers: a supervisor's review of a version forged in a
    laptop's name, merged before the laptop's own package set it aside. Still a head (it is
    hers, signed), it is never the interview's current state while another head is not so
    written (``store.derived``), and ``fieldapp check`` names it (``written_on_set_aside``).
    One walk up the interview's versions per revision asked about.
    """
    return (
        "EXISTS (WITH RECURSIVE up(u) AS ("
        f"SELECT p.value FROM json_each({row}.parents) AS p "
        "UNION SELECT p.value FROM up JOIN main.revisions AS x ON x.uuid = up.u, "
        "json_each(x.parents) AS p) "
        f"SELECT 1 FROM up JOIN main.revisions AS a ON a.uuid = up.u WHERE {_SET_ASIDE_A})"
    )


def on_set_aside_parent_sql(row: str) -> str:
    """Return SQL true when one of the parents of the revision aliased ``row`` is
    quarantined or left out as not its device's: ``row`` was written right on a version
    set aside (a review of it). No walk: a review written on that review is one the
    supervisor made knowing the version was set aside (``store.derived.LISTED_STATE``)."""
    return (
        f"EXISTS (SELECT 1 FROM json_each({row}.parents) AS p "
        f"JOIN main.revisions AS a ON a.uuid = p.value WHERE {_SET_ASIDE_A})"
    )


def heads_on_set_aside(
    conn: sqlite3.Connection, submission: str | None = None
) -> list[tuple[str, str, str, str]]:
    """Return the heads written on a version set aside (``on_set_aside_sql``) beside
    another head: (interview, revision, author, saved_at) each, by interview; of
    ``submission`` alone when given.

    Each is a conflict the interview's list entry does not take it for (its other head
    is the current state): ``fieldapp check`` names it, and the review desk says it, for
    the supervisor to read both and resolve it: the heads the list orders last
    (``store.derived.written_on_set_aside``), by the same SQL. One indexed lookup per
    head, then a walk up only these interviews.
    """
    from fieldapp.core.store.derived import written_on_set_aside  # what the list orders by

    chosen = "h.submission_uuid = ?" if submission is not None else "1"
    rows = conn.execute(
        "SELECT h.submission_uuid, r.uuid, r.author, r.saved_at FROM main.heads AS h "
        f"JOIN main.revisions AS r ON r.uuid = h.revision_uuid WHERE {chosen} "
        f"AND {written_on_set_aside('r')} ORDER BY h.submission_uuid, r.saved_at, r.uuid",
        [] if submission is None else [submission],
    )
    return [(str(sid), str(uuid), str(author or ""), str(at)) for sid, uuid, author, at in rows]


def reviews_on_set_aside(
    conn: sqlite3.Connection, submission: str | None = None
) -> list[tuple[str, str, str, str]]:
    """Return the reviews that are an interview's current version though written on a
    version set aside (``on_set_aside_sql``): (interview, revision, author, saved_at)
    each, by interview; of ``submission`` alone when given.

    The supervisor's review written right on a version set aside
    (``on_set_aside_parent_sql``) of an interview made up whole (its first version forged,
    set aside once the device's own package came): nothing else is left of it, so no
    other head shows instead (``heads_on_set_aside``). The listing counts it finalized,
    not reviewed (``store.derived.LISTED_STATE``); here it is the listed state differing
    from its version's: one indexed lookup per listed interview, no walk.
    """
    chosen = "l.submission_uuid = ?" if submission is not None else "1"
    rows = conn.execute(
        "SELECT l.submission_uuid, r.uuid, r.author, r.saved_at FROM main.listing AS l "
        f"JOIN main.revisions AS r ON r.uuid = l.head_revision WHERE {chosen} "
        "AND l.head_count = 1 AND l.state <> r.state "
        "ORDER BY l.submission_uuid",
        [] if submission is None else [submission],
    )
    return [(str(sid), str(uuid), str(author or ""), str(at)) for sid, uuid, author, at in rows]


def unverified_devices(conn: sqlite3.Connection, own: str) -> list[str]:
    """Return the devices that listed interviews' current versions name but that sign
    nothing here (and are not ``own``, this database's): ids only unsigned rows name.

    An older fieldapp's laptop, or an id someone made up: nothing in its rows tells which
    (a device that signs has every unsigned row naming it left out). The devices list
    marks it unverified (``KnownDevice.unverified``); the export's ``_device`` note says
    such ids are in the column. One indexed lookup per listed interview.
    """
    rows = conn.execute(
        "SELECT DISTINCT r.device_id FROM main.listing AS l "
        "JOIN main.revisions AS r ON r.uuid = l.head_revision WHERE r.device_id <> ? "
        "AND NOT EXISTS (SELECT 1 FROM main.signatures AS g INDEXED BY signatures_device "
        "WHERE g.device_id = r.device_id) ORDER BY r.device_id",
        [own],
    )
    return [str(device) for (device,) in rows]


def quarantined(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Return every quarantined (table, key)."""
    rows = conn.execute(
        "SELECT json_extract(q.payload, '$.table'), json_extract(q.payload, '$.key') "
        f"FROM main.events AS q WHERE q.kind = ? AND json_valid(q.payload) "
        f"AND {_STANDING.format(schema='main')}",
        [QUARANTINE],
    )
    return {(str(table), str(key)) for table, key in rows}


def skipped(conn: sqlite3.Connection, *, new_rows: bool = False) -> int:
    """Return how many held rows are quarantined: what every reader leaves out and says so.

    Export, status, the progress dashboard, the review queue and merge all report this
    one count, so a set-aside row is never a silent drop. ``new_rows`` counts only the
    rows a merge is bringing (its ``temp.new_<table>``). One pass over the events for the
    (few) quarantined keys, then one key lookup each; a merge bringing nothing reads none.
    """
    tables = {table: f"temp.new_{table}" if new_rows else f"main.{table}" for table in _KEYS}
    if new_rows and not any(
        conn.execute(f"SELECT 1 FROM {rows} LIMIT 1").fetchone() for rows in tables.values()
    ):
        return 0
    count = 0
    for table, key in left_out(conn):
        if table in _KEYS:
            found = conn.execute(
                f"SELECT 1 FROM {tables[table]} WHERE {_KEYS[table]} = ?", [key]
            ).fetchone()
            count += found is not None
    # Merge refuses a new row with no link of a device that signs: none is new. Those held
    # are counted with the quarantined ones.
    return count if new_rows else count + len(unsigned_left_out(conn))


def may_hold_unsigned(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` may hold a row with no link. Every link signs a row held (merge
    refuses any other): no more rows than links, none lacks one, as nearly always, and
    two counts over indexes say so before any row is looked at. The scan that names them
    reads every row (0.2 s at 60,000 revisions): run on each device's enrolment, it cost
    a study whose rows are all signed 8 % of its merges."""
    (rows,) = conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()
    (links,) = conn.execute(
        "SELECT count(*) FROM main.signatures WHERE row_table = ?", [table]
    ).fetchone()
    return bool(rows > links)


def unsigned_left_out_sql(table: str, row: str) -> str:
    """Return SQL true when the ``table`` row aliased ``row`` is left out as not its
    device's (``unsigned_of_signer_sql``) and not quarantined (a quarantined row travels,
    vouched for by its quarantine, and is counted as such)."""
    return f"{unsigned_of_signer_sql(table, row)} AND {row}.uuid NOT IN {quarantined_sql(table)}"


def unsigned_left_out(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Return every held (table, key) left out as not its device's and not quarantined
    (``unsigned_left_out_sql``): none, from two counts, where every row has a link."""
    return {
        (table, str(key))
        for table in ("revisions", "events")
        if may_hold_unsigned(conn, table)
        for (key,) in conn.execute(
            f"SELECT x.uuid FROM main.{table} AS x WHERE {unsigned_left_out_sql(table, 'x')}"
        )
    }


def carried(conn: sqlite3.Connection, left: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return the rows of ``left`` (left out as not their device's) that travel all the
    same, because a row that travels names them: a version's parent, an event's version,
    and an interview's first version where an event names that interview and no other
    first version of it travels (alone its row would be refused,
    ``rows.started_elsewhere``). Followed until nothing more is named: a version carried
    carries its own parent.

    A package carries them (another laptop's version written on top of a forged one, the
    supervisor's review of a made-up interview: signed, they cannot be left out, as their
    link would then name no row and the device's later links follow it), and a merge takes
    them (``merge._verify_signatures``) though it refuses any other row naming a device
    that signs but carrying no signature of it. Carried, they are still left out by every
    reader, there as here. Two indexed lookups per row of ``left`` and round.
    """
    remaining = set(left)
    found: set[tuple[str, str]] = set()
    while True:
        named = {row for row in remaining if _named_by_kept(conn, row, remaining)}
        if not named:
            return found
        found |= named
        remaining -= named


def _named_by_kept(
    conn: sqlite3.Connection, row: tuple[str, str], left: set[tuple[str, str]]
) -> bool:
    """Whether a row not in ``left`` names the version ``row`` (see ``carried``)."""
    table, key = row
    if table != "revisions":
        return False  # no row names an event but a quarantine, which ``left`` never holds
    found = conn.execute(
        "SELECT submission_uuid, parents FROM main.revisions WHERE uuid = ?", [key]
    ).fetchone()
    if found is None:
        return False
    submission, parents = found
    children = conn.execute(
        "SELECT x.uuid FROM main.revisions AS x WHERE x.submission_uuid = ? "
        "AND EXISTS (SELECT 1 FROM json_each(x.parents) AS p WHERE p.value = ?)",
        [submission, key],
    )
    if any(("revisions", str(child)) not in left for (child,) in children):
        return True
    events = conn.execute(
        "SELECT uuid, revision_uuid FROM main.events WHERE submission_uuid = ?", [submission]
    ).fetchall()
    kept = [revision for uuid, revision in events if ("events", str(uuid)) not in left]
    if key in kept:
        return True
    if parents != "[]" or not kept:
        return False
    # An event names the interview: it travels with a first version, this one if no other.
    firsts = conn.execute(
        "SELECT uuid FROM main.revisions WHERE submission_uuid = ? AND parents = '[]'",
        [submission],
    )
    return all(("revisions", str(first)) in left for (first,) in firsts)


def left_out(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """Return every quarantined (table, key) but the set-asides taken back: what the
    readers say they left out. A set-aside taken back (``signed_since``) leaves nothing
    out: the record it named is read again."""
    found = quarantined(conn)
    if not any(table == "events" for table, _ in found):
        return found  # as nearly always: no second pass over the events
    rows = conn.execute(
        "SELECT json_extract(q.payload, '$.key') FROM main.events AS q "
        "WHERE q.kind = ? AND json_valid(q.payload) AND json_extract(q.payload, '$.code') = ? "
        "AND json_extract(q.payload, '$.table') = 'events'",
        [QUARANTINE, SIGNED_SINCE],
    )
    return found - {("events", str(key)) for (key,) in rows}


def held_forms(store: Store) -> list[FormRecord]:
    """Return the form versions a reader may use: every stored one but the quarantined.

    In ``store.forms.records`` order (by form id, newest ``version`` first). A quarantined
    form may be one this fieldapp cannot even load; readers must not try.
    """
    set_aside = quarantined(store.conn)
    return [r for r in store.forms.records() if ("forms", r.sha256) not in set_aside]


def skipped_line(count: int, language: str | None = None) -> str | None:
    """Return the line that says ``count`` quarantined rows were left out (None for 0)."""
    return text("quarantine.skipped", language, count=count) if count else None


def quarantine_rows(
    store: Store,
    rows: Iterable[tuple[str, str]],
    *,
    reason: str,
    author: str = "",
    code: str = "",
) -> int:
    """Set rows aside with a signed event each; return how many were newly quarantined.

    ``code`` (``UNSIGNED``, ``SIGNED_SINCE``) says a merge's own reason, which a later
    merge recognises; ``reason`` is what a person reads.
    """
    done = quarantined(store.conn)
    chosen = sorted({(table, key) for table, key in rows if (table, key) not in done})
    for table, _ in chosen:
        if table not in TABLES:
            raise FieldappError("quarantine.bad_table", table=table, tables=", ".join(TABLES))
    if not chosen:
        return 0
    from fieldapp.core.devices import signed_under  # devices reads quarantines

    # A certificate set aside takes with it what its device signed as the supervisor.
    chosen += sorted(set(signed_under(store.conn, chosen)) - done)
    with store.transaction() as db:
        for table, key in chosen:
            payload = {"table": table, "key": key, "reason": reason}
            if code:
                payload["code"] = code
            store.events.add(STUDY_WIDE, QUARANTINE, payload, author=author)
        store.refresh_derived(affected_submissions(db.conn, chosen))
    return len(chosen)


def signed_since(conn: sqlite3.Connection, links: str) -> list[tuple[str, str, str, str]]:
    """Return the set-asides for being unsigned that ``links`` now answer.

    Each is (quarantine uuid, table, key, device) for a quarantine that still counts,
    coded ``UNSIGNED`` and signed by the device that wrote it, whose record has a link in
    ``links`` (a merge's new links, verified) of the device the record names, over the
    record's content as held here. A forged record has no such link: no link of its
    device signs its content.

    Whoever wrote the quarantine (a merge, as it says, of a database whose quarantines
    this one took): its one claim, that the record carries no signature of its device, is
    what the link refutes. A quarantine with no code (a supervisor's own, in her words)
    is never answered.
    """
    candidates = conn.execute(
        "SELECT q.uuid, n.row_table, n.row_uuid, n.device_id, n.row_hash "
        f"FROM main.events AS q CROSS JOIN {links} AS n "
        "ON n.row_table = json_extract(q.payload, '$.table') "
        "AND n.row_uuid = json_extract(q.payload, '$.key') "
        f"WHERE q.kind = '{QUARANTINE}' AND json_valid(q.payload) "
        "AND json_extract(q.payload, '$.code') = ? "
        "AND n.row_table IN ('revisions', 'events') "
        "AND EXISTS (SELECT 1 FROM main.signatures AS w WHERE w.row_table = 'events' "
        "AND w.row_uuid = q.uuid AND w.device_id = q.device_id) "
        f"AND {_STANDING.format(schema='main')} ORDER BY n.row_table, n.row_uuid, q.uuid",
        [UNSIGNED],
    ).fetchall()
    found = []
    for quarantine, table, key, device, signed_hash in candidates:
        cursor = conn.execute(f"SELECT * FROM main.{table} WHERE uuid = ?", [key])
        names = [column[0] for column in cursor.description]
        held = cursor.fetchone()
        if held is None:
            continue
        row = dict(zip(names, held, strict=True))
        content = revision_content_sha256 if table == "revisions" else event_content_sha256
        if row["device_id"] == device and content(row) == signed_hash:
            found.append((str(quarantine), str(table), str(key), str(device)))
    return found


def affected_submissions(conn: sqlite3.Connection, rows: Iterable[tuple[str, str]]) -> list[str]:
    """Return the interviews whose list entry a quarantine of ``rows`` changes."""
    found: set[str] = set()
    for table, key in rows:
        if table == "submissions":
            found.add(key)
        elif table == "revisions":
            row = conn.execute(
                "SELECT submission_uuid FROM revisions WHERE uuid = ?", [key]
            ).fetchone()
            if row is not None:
                found.add(row[0])
        elif table == "events":
            row = conn.execute(
                "SELECT kind, submission_uuid, json_extract(payload, '$.table'), "
                "json_extract(payload, '$.key') FROM events WHERE uuid = ? AND json_valid(payload)",
                [key],
            ).fetchone()
            if row is None:
                continue
            kind, submission, named_table, named_key = row
            if kind == QUARANTINE and named_table != "events":
                # a quarantine set aside gives back the row it named
                found.update(affected_submissions(conn, [(str(named_table), str(named_key))]))
            elif submission:  # a sealed interview's corrected city (``derived``)
                found.add(submission)
        elif table == "forms":
            found.update(
                uuid
                for (uuid,) in conn.execute(
                    "SELECT uuid FROM submissions WHERE form_sha256 = ?", [key]
                )
            )
    return sorted(found)
