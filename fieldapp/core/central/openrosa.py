"""An interview's revision as the OpenRosa submission ODK Collect sends for it.

The first part is the instance XML (``forms.instance_xml``, the XML ODK's engine writes
for the same answers), then one part per attached file, named as the answers name it.
Each finalized revision has one instanceID, whenever and from whichever laptop it is
sent (``sent_instance_id``): the interview's first finalized revision carries the
interview's own ``meta/instanceID``; a later one (an edit after a return) is a new
instance, named by ``instance_ids.edit_instance_id`` (minted from the revision's id), as
a sealed interview's envelopes are named at finalize. Sent after an earlier one, its
``meta/deprecatedID`` names the instance sent before, as Collect does for an edit, so
Central keeps both as versions of one submission; sent first (returned before any push),
it is a submission of its own. Everything here follows from the stored revision, so
sending it again gives the same bytes: Central takes an identical resubmission as the
same submission.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from xml.sax.saxutils import escape

from fieldapp.core.central import Part
from fieldapp.core.forms.instance_xml import instance_xml
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.core.store.instance_ids import INSTANCE_ID, carried_instance_id, edit_instance_id
from fieldapp.core.store.records import RevisionId, RevisionRecord, SubmissionId

XML_NAME = "submission.xml"
XML_TYPE = "text/xml"


def first_instance_id(revision: RevisionRecord) -> str:
    """The instanceID of an interview's first submission: the one its answers carry."""
    return carried_instance_id(revision.answers, revision.submission_id)


def goes_first(history: Sequence[RevisionRecord], revision: RevisionRecord) -> bool:
    """Whether ``revision`` is its interview's first finalized one: none saved before it.

    Revisions saved at the same moment count alike: only ``store.instance_ids`` makes
    such a pair, with the same answers and so the same instance XML.
    """
    return not any(r.state == "finalized" and r.saved_at < revision.saved_at for r in history)


def sent_instance_id(history: Sequence[RevisionRecord], revision: RevisionRecord) -> str:
    """The instanceID a finalized revision of a plain interview goes up under.

    The interview's own (``first_instance_id``) for its first finalized revision, and
    the id minted from the revision's (``edit_instance_id``) for every later one, also
    when it is the first Central gets.
    It follows from the history alone, so Central's current version names the revision
    it is (``review_map``), on any laptop: had a later revision gone up under the
    interview's own id, nothing here could tell which revision Central holds.
    """
    if goes_first(history, revision):
        return first_instance_id(revision)
    return edit_instance_id(revision.revision_id)


def plain_parts(
    store: Store,
    revision: RevisionRecord,
    *,
    instance_id: str | None = None,
    deprecated_id: str | None = None,
) -> list[Part]:
    """Return the submission parts of a revision (``revision_of`` picks one)."""
    interview_id = revision.submission_id
    if revision.answers is None:
        raise FieldappError("store.sealed", submission=interview_id)
    answers = dict(revision.answers)
    answers[INSTANCE_ID] = instance_id or first_instance_id(revision)
    form = store.forms.of(interview_id)
    xml = instance_xml(form, answers)
    if deprecated_id:
        xml = _with_deprecated_id(xml, deprecated_id)
    parts: list[Part] = [(XML_NAME, xml, XML_TYPE)]
    for name, sha256 in sorted(revision.attachments.items()):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        parts.append(
            (name, store.attachments.get(sha256, submission_id=interview_id), content_type)
        )
    return parts


def revision_of(
    store: Store, interview_id: SubmissionId, revision_id: RevisionId | str | None
) -> RevisionRecord:
    """Return one revision of an interview (default: its current head)."""
    if revision_id is None:
        return store.interviews.heads(interview_id)[0]
    for revision in store.interviews.history(interview_id):
        if revision.revision_id == revision_id:
            return revision
    raise FieldappError("store.unknown_submission", submission=interview_id)


def _with_deprecated_id(xml: bytes, deprecated_id: str) -> bytes:
    """Add ``<deprecatedID>`` after the ``instanceID`` in the meta block, as Collect does."""
    text = xml.decode("utf-8")
    for closing in ("</instanceID>", "</orx:instanceID>"):
        at = text.find(closing)
        if at >= 0:
            prefix = "orx:" if closing.startswith("</orx:") else ""
            end = at + len(closing)
            added = f"<{prefix}deprecatedID>{escape(deprecated_id)}</{prefix}deprecatedID>"
            return (text[:end] + added + text[end:]).encode("utf-8")
    raise FieldappError("central.no_db_form", submission=deprecated_id, reason="meta/instanceID")
