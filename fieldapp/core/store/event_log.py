"""The store's events (``store.events``): comments, decisions, resolutions, study notes.

Events are insert-only and signed like revisions. An event about a sealed interview that
holds a reviewer's words is sealed like its answers (``sealed_comments``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fieldapp.core import row_bounds
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import queries, sealed_comments, signing
from fieldapp.core.store.content import canonical_json
from fieldapp.core.store.database import reading
from fieldapp.core.store.part import Part
from fieldapp.core.store.records import EventRecord, RevisionId, SubmissionId

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey


class Events(Part):
    """Record and read events."""

    def add(
        self,
        submission_id: SubmissionId,
        kind: str,
        payload: Mapping[str, Any],
        *,
        revision_id: RevisionId | str | None = None,
        author: str | None = None,
    ) -> str:
        """Record a review comment, approval, resolution... ; return the event's id.

        ``STUDY_WIDE`` as the submission: an event about no one interview (a target, a
        device). Inside a transaction the event is part of it.
        """
        store = self._store
        if submission_id:
            queries.submission(store.conn, submission_id)  # says when it is unknown
        import uuid  # loaded by the first write, not at start-up

        event_id = str(uuid.uuid4())
        public_key = store.keys.public_key_of(submission_id) if submission_id else None
        comment = payload.get("comment")  # held to its bound before it may be sealed
        with store.transaction() as db:
            if public_key is not None and kind in sealed_comments.SEALED_KINDS:
                # A reviewer's words about a sealed interview are sealed like its answers,
                # for the study and the laptop that signed its start.
                origin, device_key = sealed_comments.starter_key(
                    db.conn, submission_id, store.device_id
                )
                payload = sealed_comments.seal_payload(
                    dict(payload),
                    submission=submission_id,
                    study_public_key=public_key,
                    device_id=origin,
                    device_key=device_key,
                )
            event = {
                "uuid": event_id,
                "submission_uuid": submission_id,
                "revision_uuid": revision_id,
                "kind": kind,
                "author": author or "",
                "device_id": store.device_id,
                "at": store.now(),
                "payload": canonical_json(dict(payload)),
            }
            row_bounds.check_new_event(event, comment, submission=submission_id)
            db.conn.execute(
                f"INSERT INTO events ({', '.join(event)}) VALUES ({', '.join('?' * len(event))})",
                list(event.values()),
            )
            signing.sign_rows(
                db.conn,
                store.device_id,
                [("events", event_id, signing.event_content_sha256(event))],
            )
        return event_id

    @reading
    def of(self, submission_id: SubmissionId) -> list[EventRecord]:
        """Return an interview's events, oldest first; sealed comments opened if a key can.

        A sealed comment no key at hand opens keeps its sealed payload (no ``comment``).
        """
        found = queries.events(self._store.conn, submission_id)
        if not any(sealed_comments.is_sealed(event.payload) for event in found):
            return found
        device = self._store.keys.device_comment_key()
        return [
            dataclasses.replace(event, payload=self._open(submission_id, event.payload, device))
            for event in found
        ]

    def open_payload(self, submission_id: SubmissionId, payload: dict[str, Any]) -> dict[str, Any]:
        """Return one event's payload as ``of`` gives it: opened if sealed and a key can.

        For a reader that already holds the event (an export's last decisions).
        """
        if not sealed_comments.is_sealed(payload):
            return payload
        return self._open(submission_id, payload, self._store.keys.device_comment_key())

    def _open(
        self,
        submission_id: SubmissionId,
        payload: dict[str, Any],
        device: tuple[str, X25519PrivateKey] | None,
    ) -> dict[str, Any]:
        if not sealed_comments.is_sealed(payload):
            return payload
        try:
            found = sealed_comments.open_payload(
                payload,
                submission=submission_id,
                study_key=self._store.keys.study_key,
                device=device,
            )
        except FieldappError:
            found = None  # a damaged comment stays sealed; the others still read
        return payload if found is None else found
