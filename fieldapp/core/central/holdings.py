"""What the server already holds of a form, read once before a push sends any of it.

Central's REST listing of a form's submissions (``GET forms/{form}/submissions``, the
one ``pull`` reads) names each submission by its first version's instanceID and its
current version's. Read once per form a push sends, it lets the queue

- leave alone a revision Central already holds as a submission's current version with
  the same content (another laptop sent it: the supervisor's push of a researcher's
  interview; or it was pulled from Central and came here by merge), and
- send an interview finalized again before its first push straight as the edit of the
  earlier revision Central holds as current, without asking Central about each earlier
  revision in turn (``push._send``'s probes).

Central lists submissions only to a web user with the right to read them (an app user
may only send): for the others, or where the listing is refused or unreadable, the push
asks as it did before (``central.held``). A listing only says which instanceIDs are
there; the same content is shown by Central's own XML of that version (one small GET),
or, for a revision a pull wrote, by its ids (derived from the instanceID Central listed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from fieldapp.core.central.client import CentralClient, CentralRefused
from fieldapp.core.messages import FieldappError

if TYPE_CHECKING:
    from fieldapp.core.central.push import QueueRow


class Lister(Protocol):
    """What reading the server's listing needs (``rest.ProjectApi``, a web user's)."""

    def get_json(self, path: str) -> Any: ...

    def get_bytes(self, path: str) -> bytes: ...


@dataclass(frozen=True)
class Holdings:
    """One form's submissions on the server, by instanceID."""

    first_of: dict[str, str]
    """The current version's instanceID -> the submission's first (its key in Central)."""
    ids: frozenset[str]
    """Every instanceID listed, first or current."""

    def current(self, instance_id: str) -> bool:
        """Whether ``instance_id`` is the current version of a submission there."""
        return instance_id in self.first_of

    def names_any(self, instance_ids: set[str]) -> bool:
        """Whether any of ``instance_ids`` is listed, as a first or a current version."""
        return not self.ids.isdisjoint(instance_ids)


def lister(client: object) -> Lister | None:
    """The listing reader of a push's client: a web user's REST session, else none."""
    if isinstance(client, CentralClient) and client.credentials.kind == "web_user":
        from fieldapp.core.central.rest import ProjectApi

        return ProjectApi(client)
    return None


def read(reader: Lister, form_id: str) -> Holdings | None:
    """Return what the server holds of ``form_id`` (one request), or None where it does
    not say: a user not allowed to list, a form it does not have, an answer that is no
    listing. A broken link is raised, as any request of the push."""
    try:
        items = reader.get_json(f"forms/{quote(form_id, safe='')}/submissions")
    except CentralRefused:
        return None  # a form it does not have (404): the send says so, as before
    except FieldappError as error:
        if error.code in ("central.bad_credentials", "pull.http", "pull.bad_answer"):
            return None  # not allowed to list (403), or not a listing
        raise
    first_of: dict[str, str] = {}
    ids: set[str] = set()
    if not isinstance(items, list):
        return None
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("instanceId"), str):
            return None
        first = item["instanceId"]
        version = item.get("currentVersion")
        current = version.get("instanceId") if isinstance(version, dict) else None
        current = current if isinstance(current, str) and current else first
        first_of[current] = first
        ids |= {first, current}
    return Holdings(first_of, frozenset(ids))


def already_there(
    reader: Lister, holdings: Holdings, form_id: str, row: QueueRow, xml: bytes
) -> bool:
    """Whether the server holds ``row`` as a current version with the same content.

    A revision a pull wrote from that instanceID is Central's content by construction;
    any other is compared with Central's XML of the version (``xml`` is what the queue
    would send). Where Central will not serve it, the row is sent as before.
    """
    if not holdings.current(row.instance_id):
        return False
    from fieldapp.core.central.copies import copy_id
    from fieldapp.core.central.pull import pulled_revision_id

    if row.submission_id == copy_id(row.instance_id) and row.revision_id == pulled_revision_id(
        row.instance_id
    ):
        return True
    return holds_as_current(reader, holdings, form_id, row.instance_id, xml)


def holds_as_current(
    reader: Lister, holdings: Holdings, form_id: str, instance_id: str, xml: bytes
) -> bool:
    """Whether the server holds ``instance_id`` as a current version whose XML is ``xml``
    (Central's XML of that version, one GET). Where Central will not serve it: no."""
    if not holdings.current(instance_id):
        return False
    first = quote(holdings.first_of[instance_id], safe="")
    try:
        held = reader.get_bytes(f"forms/{quote(form_id, safe='')}/submissions/{first}.xml")
    except CentralRefused:
        return False
    except FieldappError as error:
        if error.code in ("central.bad_credentials", "pull.http"):
            return False
        raise
    return held == xml
