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
or, for a revision of Central's copy pulled elsewhere, by that XML and its files read as
a pull reads them (``shows_as_current``). Ids alone show nothing: a laptop chooses its
interviews' and revisions' ids, so any interview can bear a copy's (central5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import quote

from fieldapp.core.central.client import CentralClient, CentralRefused
from fieldapp.core.messages import FieldappError

if TYPE_CHECKING:
    from fieldapp.core.central.push import QueueRow
    from fieldapp.core.store import Store
    from fieldapp.core.store.records import RevisionId, SubmissionId


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
    reader: Lister, holdings: Holdings, store: Store, form_id: str, row: QueueRow, xml: bytes
) -> bool:
    """Whether the server holds ``row`` as a current version with the same content.

    Compared with Central's XML of the version (``xml`` is what the queue would send),
    or, for a row named as a pull names Central's copy, read as a pull reads it
    (``shows_as_current``). Its ids alone prove nothing: a laptop chooses its
    interviews' and revisions' ids, so any interview can bear a copy's (central5).
    Where Central will not serve it, the row is sent as before.
    """
    return shows_as_current(
        reader, holdings, store, form_id, row.submission_id, row.revision_id, row.instance_id, xml
    )


def shows_as_current(
    reader: Lister,
    holdings: Holdings,
    store: Store,
    form_id: str,
    submission_id: SubmissionId,
    revision_id: RevisionId,
    instance_id: str,
    xml: bytes,
) -> bool:
    """Whether the server holds ``instance_id`` as a current version that is the
    revision's own: its XML is ``xml`` (what the queue sends for the revision under that
    id), or, for a revision of Central's copy (its interview named ``copy_id`` of that
    id), the XML and files read as a pull reads them say what the revision says
    (``reads_as``): a pull wrote the copy from the submitting client's bytes (ODK
    Collect's, say), which the queue does not make again. One GET of the XML; the files
    only where the answers are the same. Where Central will not serve it: no."""
    held = _current_xml(reader, holdings, form_id, instance_id)
    if held is None:
        return False
    if held == xml:
        return True
    from fieldapp.core.central.copies import copy_id

    if copy_id(instance_id) != submission_id:
        return False
    return reads_as(reader, holdings, store, submission_id, revision_id, instance_id, held)


def _current_xml(
    reader: Lister, holdings: Holdings, form_id: str, instance_id: str
) -> bytes | None:
    """Central's XML of the current version ``instance_id`` (one GET); None where it is
    no current version there or Central will not serve it."""
    if not holdings.current(instance_id):
        return None
    first = quote(holdings.first_of[instance_id], safe="")
    try:
        return reader.get_bytes(f"forms/{quote(form_id, safe='')}/submissions/{first}.xml")
    except CentralRefused:
        return None
    except FieldappError as error:
        if error.code in ("central.bad_credentials", "pull.http"):
            return None
        raise


def reads_as(
    reader: Lister,
    holdings: Holdings,
    store: Store,
    submission_id: SubmissionId,
    revision_id: RevisionId,
    instance_id: str,
    xml: bytes,
) -> bool:
    """Whether Central's current version ``instance_id``, whose XML is ``xml``, says what
    the revision says, read as a pull reads it: the XML along the interview's form
    version (``instance_read``), the files by content (``GET .../attachments``).
    A sealed version (whose envelope, kept here, is compared by its bytes), an answer
    that does not read, or a file Central will not serve: no."""
    from fieldapp.core.central import safe_file_name
    from fieldapp.core.central.instance_read import read_instance, root_attributes
    from fieldapp.core.store.content import attachment_sha256, canonical_json
    from fieldapp.core.store.instance_ids import INSTANCE_ID

    revision = store.interviews.revision(revision_id)
    if revision is None or revision.answers is None or revision.submission_id != submission_id:
        return False
    form = store.forms.of(submission_id)
    attributes = root_attributes(xml)
    if attributes.get("id") != form.form_id or attributes.get("version", "") != form.version:
        return False
    try:
        answers = dict(read_instance(form, xml, source=instance_id))
    except FieldappError:
        return False
    except Exception:  # a hostile answer can break a parser anywhere (as ``pull``)
        return False
    answers.setdefault(INSTANCE_ID, instance_id)
    if canonical_json(answers) != canonical_json(dict(revision.answers)):
        return False
    base = (
        f"forms/{quote(form.form_id, safe='')}/submissions/"
        f"{quote(holdings.first_of[instance_id], safe='')}"
    )
    try:
        listed = reader.get_json(f"{base}/attachments")
        if not isinstance(listed, list) or not all(isinstance(i, dict) for i in listed):
            return False
        names = [str(item.get("name") or "") for item in listed if item.get("exists")]
        if sorted(names) != sorted(revision.attachments) or not all(map(safe_file_name, names)):
            return False
        return all(
            attachment_sha256(reader.get_bytes(f"{base}/attachments/{quote(name, safe='')}"))
            == revision.attachments[name]
            for name in names
        )
    except CentralRefused:
        return False
    except FieldappError as error:
        if error.code in ("central.bad_credentials", "pull.http", "pull.bad_answer"):
            return False  # not served, or not a listing: not shown the same
        raise
