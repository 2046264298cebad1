"""A supervisor's pull as every front end runs it: submissions in, then the reviews.

The steps are ``pull.pull`` (with the study key unlocked first, so that sealed
submissions come down sealed), ``review_map.apply_central_reviews`` on what it saw, and
on request ``review_map.push_reviews``. ``fieldapp central pull`` and the Server dialog
both call ``pull_and_review``; each keeps its own part: printing, or a worker thread
with progress and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldapp.core.central import push
from fieldapp.core.central.pull import PullReport, pull, pulled_revisions, server_name
from fieldapp.core.central.rest import ProjectApi
from fieldapp.core.central.review_map import ReviewSent, apply_central_reviews, push_reviews

if TYPE_CHECKING:
    from fieldapp.core.callbacks import Cancel, Progress
    from fieldapp.core.central.client import CentralClient
    from fieldapp.core.crypto import StudyKey
    from fieldapp.core.store import Store


@dataclass(frozen=True)
class PullOutcome:
    """What a pull brought (``report``, Central's decisions taken counted in its
    ``reviews``) and this database's decisions it sent up."""

    report: PullReport
    reviews_sent: list[ReviewSent] = field(default_factory=list)


def pull_and_review(
    store: Store,
    client: Callable[[], CentralClient],
    *,
    study_key: StudyKey | None = None,
    form_ids: Sequence[str] | None = None,
    send_reviews: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PullOutcome:
    """Pull the project of ``client`` (a web user's, made when the key is unlocked) into
    ``store``, take Central's review decisions and, with ``send_reviews``, send this
    database's.

    A ``study_key`` that opens none of the database's sealed interviews is refused
    (``crypto.wrong_key``) before anything is asked of the server.
    """
    if study_key is not None:
        store.keys.unlock(study_key)
    with client() as link:
        reader = ProjectApi(link)
        server = server_name(link.url, link.project)
        report = pull(
            store, reader, server=server, form_ids=form_ids, progress=progress, cancel=cancel
        )
        # Central's own submissions are not queued to go back to it (``note_pulled``).
        push.note_pulled(
            store, push.server_key(link.url, link.project), pulled_revisions(store, report)
        )
        apply_central_reviews(store, reader, report, server=server)
        sent = push_reviews(store, reader, report) if send_reviews else []
    return PullOutcome(report, sent)
