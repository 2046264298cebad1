"""The devices a database knows, as the Devices desk lists them: who signed what, and when.

Every laptop that wrote rows this database holds is a *device*: its id, the fingerprint
of the key its rows are signed with (``store.signing``), whether it is this laptop, the
study's certified supervisor, revoked or reinstated (``devices``), and what it wrote:
interviews it started, revisions it saved, the last moment it saved one and the
interviewer names its rows carry. A handful of grouped queries, whatever the number of rows.

Rows set aside (``quarantine``) count nowhere here, as every reader leaves them out:
an interview counts while it is listed (``listing``: not quarantined, nor of a
quarantined form, and with a revision not quarantined), a revision while it is not
quarantined and its interview is listed; ``DeviceList.quarantined`` says how many rows
are set aside (``quarantine.skipped``).

Before the drafts passphrase or the study key (``hide_sealed``), sealed forms' interviews
are left out of the counts, the moments and the names, as the interview list leaves them
out (``sealing.SEALED_SUBMISSIONS``); ``DeviceList.sealed_hidden`` says how many.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.core.devices import own_public_key, reinstatements, revocations, supervisors
from fieldapp.core.quarantine import (
    quarantined,
    quarantined_sql,
    skipped,
    started_by_sql,
    unsigned_left_out,
    unsigned_of_signer_sql,
)
from fieldapp.core.store.sealing import SEALED_SUBMISSIONS, count_sealed_listed
from fieldapp.core.store.signing import fingerprint

if TYPE_CHECKING:
    from fieldapp.core.store.interviews import Store


@dataclass(frozen=True)
class Decision:
    """A supervisor's word about a device (it is lost; it is not lost after all): why,
    who said it, when."""

    reason: str
    author: str
    at: str


@dataclass(frozen=True)
class KnownDevice:
    """One device whose rows the database holds (or this laptop itself)."""

    device_id: str
    fingerprint: str
    """Of the key its rows are signed with; "" when none of its rows is signed."""
    this_laptop: bool
    supervisor: bool
    revocation: Decision | None
    """The newest revocation in force; None when it is not revoked (or was reinstated)."""
    reinstatement: Decision | None
    """The newest reinstatement, while no revocation written after it is in force."""
    interviews: int
    """Interviews it started (the ``submissions`` rows naming it)."""
    revisions: int
    last_saved: str
    """The newest ``saved_at`` of its revisions; "" when it saved none (that are shown)."""
    interviewers: tuple[str, ...]
    """The interviewer names its interviews and revisions carry, sorted."""

    @property
    def unverified(self) -> bool:
        """Whether nothing here says these rows are a laptop's: another device than this
        one, none of whose rows is signed (``fingerprint`` ""). Its id is only what its
        unsigned rows name: an older fieldapp's laptop or a made-up id, nothing tells which
        (a device that signs has every unsigned row naming it left out, ``quarantine``).
        The devices desk and ``devices list`` mark it so, and the export's ``_device``
        note says so (``export``)."""
        return not self.fingerprint and not self.this_laptop


@dataclass(frozen=True)
class DeviceList:
    devices: tuple[KnownDevice, ...]
    """This laptop first, then by the last moment each saved a revision, newest first."""
    sealed_hidden: int
    """Sealed interviews left out before a key (0 when nothing is hidden)."""
    quarantined: int
    """Rows set aside (``quarantine.skipped``), which no count here includes."""
    has_supervisor: bool
    """Whether the study has a certified supervisor (this laptop or another)."""

    def this_laptop(self) -> ThisLaptop:
        """Return this laptop as ``this_laptop`` reads it: the list's first device."""
        own = self.devices[0]
        return ThisLaptop(own.device_id, own.fingerprint, own.supervisor, self.has_supervisor)


@dataclass(frozen=True)
class ThisLaptop:
    """What a researcher reads to the supervisor: this laptop's id and key fingerprint."""

    device_id: str
    fingerprint: str
    supervisor: bool
    has_supervisor: bool


def this_laptop(store: Store) -> ThisLaptop:
    """Return this database's device id and signing-key fingerprint, as ``devices show``."""
    certified = supervisors(store.conn)
    return ThisLaptop(
        device_id=store.device_id,
        fingerprint=fingerprint(own_public_key(store)),
        supervisor=store.device_id in certified,
        has_supervisor=bool(certified),
    )


def known_devices(store: Store, *, hide_sealed: bool) -> DeviceList:
    """Return every device this database holds rows of, and this laptop itself."""
    conn = store.conn
    hide_sealed = hide_sealed and store.keys.has_sealed_forms()  # notes each form's answer
    # Only rows the list shows count: its rows are the interviews not set aside. Reading
    # the listing costs twice the counts alone, so only a database with rows set aside does.
    # So do rows left out as not their device's (``unsigned_left_out``): a version forged
    # in an enrolled device's name, an interview made up in it, are not its work.
    held_aside = quarantined(conn)
    left = {table for table, _ in unsigned_left_out(conn)}
    set_aside = bool(held_aside or left)
    filters = ["{column} IN (SELECT submission_uuid FROM listing)"] if set_aside else []
    if hide_sealed:
        filters.append(f"{{column}} NOT IN ({SEALED_SUBMISSIONS})")
    revision_filters = [f"uuid NOT IN {quarantined_sql('revisions')}"] if held_aside else []
    if "revisions" in left:
        revision_filters.append(f"NOT {unsigned_of_signer_sql('revisions', 'revisions')}")
    # An interview counts under the device that started it only where something read
    # says so (``started_by_sql``): one made up in a laptop's name, listed because a signed
    # version was written on it, is not that laptop's, nor are the names its row carries.
    # Only where a version is left out or set aside (a version naming this laptop with no
    # link is left out too, ``unsigned_of_signer_sql``) can a start be unread.
    started_filters = list(filters)
    if "revisions" in left or any(table == "revisions" for table, _ in held_aside):
        started_filters.append(started_by_sql("s", store.device_id))
    started = {
        str(device): (int(count), json.loads(names))
        for device, count, names in conn.execute(
            "SELECT created_on, count(*), json_group_array(DISTINCT interviewer) "
            f"FROM submissions AS s{_where(started_filters, 's.uuid')} GROUP BY created_on"
        )
    }
    where = _where([*filters, *revision_filters], "submission_uuid")
    saved = {
        str(device): (int(count), str(last or ""), json.loads(names))
        for device, count, last, names in conn.execute(
            "SELECT device_id, count(*), max(saved_at), json_group_array(DISTINCT author) "
            f"FROM revisions{where} GROUP BY device_id"
        )
    }
    # One key per device (merge refuses another key for an enrolled device); DISTINCT
    # walks the device index, the key is read from one row each.
    keys = {
        str(device): str(key)
        for device, key in conn.execute(
            "SELECT d.device_id, (SELECT public_key FROM signatures AS g "
            "WHERE g.device_id = d.device_id LIMIT 1) "
            "FROM (SELECT DISTINCT device_id FROM signatures) AS d"
        )
    }
    keys[store.device_id] = own_public_key(store)
    revoked = {device: Decision(*said) for device, said in revocations(conn).items()}
    reinstated = {device: Decision(*said) for device, said in reinstatements(conn, revoked).items()}
    # A device whose left-out event alone names it signs here: it is listed by its key.
    writers = {str(device) for (device,) in conn.execute("SELECT DISTINCT device_id FROM events")}
    certified = supervisors(conn)
    # counted as the list counts them (``progress``, the status bar)
    hidden = count_sealed_listed(conn) if hide_sealed else 0
    found = []
    for device in {store.device_id, *started, *saved, *keys, *writers} - {""}:
        interviews, names = started.get(device, (0, []))
        revisions, last, authors = saved.get(device, (0, "", []))
        key = keys.get(device)
        found.append(
            KnownDevice(
                device_id=device,
                fingerprint=fingerprint(key) if key else "",
                this_laptop=device == store.device_id,
                supervisor=device in certified,
                revocation=revoked.get(device),
                reinstatement=reinstated.get(device),
                interviews=interviews,
                revisions=revisions,
                last_saved=last,
                interviewers=tuple(sorted({str(n) for n in [*names, *authors] if n})),
            )
        )
    found.sort(key=lambda d: d.device_id)
    found.sort(key=lambda d: d.last_saved, reverse=True)
    found.sort(key=lambda d: not d.this_laptop)
    return DeviceList(tuple(found), hidden, skipped(conn) if set_aside else 0, bool(certified))


def _where(filters: list[str], column: str) -> str:
    """Return `` WHERE`` and ``filters`` (about ``column``) joined by AND; "" for none."""
    return f" WHERE {' AND '.join(filters).format(column=column)}" if filters else ""
