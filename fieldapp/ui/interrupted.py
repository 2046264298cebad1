"""At start, after the drafts passphrase: say which interviews fieldapp stopped in, and
that nothing typed in them was lost (``fieldapp.core.interrupted``).

Without it a researcher whose laptop died mid-sentence restarts to the usual list and
cannot tell whether her last answers are there; she is told, in her language, and the
first of those interviews is selected so that Enter reopens it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.core.interrupted import InterruptedDrafts, interrupted_drafts
from fieldapp.core.messages import FieldappError, text
from fieldapp.ui.i18n import current_language
from fieldapp.ui.interviews_model import CITY_NAMES, actor_title, short_time
from fieldapp.ui.named import named


def interrupted_text(found: InterruptedDrafts, language: str) -> str | None:
    """Return what to tell about the drafts the last session left open, or None (none)."""
    lines = [
        text(
            "ui.interrupted_line",
            language,
            actor=actor_title(record.actor_type),
            city=CITY_NAMES.get(record.city, record.city),
            started=short_time(record.created_at),
            interviewer=record.interviewer,
        )
        for record in found.named
    ]
    if found.hidden:
        lines.append("• " + text("ui.interrupted_hidden", language, count=found.hidden))
    if not lines:
        return None
    count = len(found.named) + found.hidden
    return text("ui.interrupted", language, count=count, interviews="\n".join(lines))


def tell_interrupted(window: Any) -> QMessageBox | None:
    """Show the notice over ``window`` (not waiting for it) and select the first such draft."""
    store = window.store
    if store is None:
        return None
    language = current_language()
    found = interrupted_drafts(store)
    said = interrupted_text(found, language)
    if said is None:
        return None
    # Saved as revisions, as closing their windows would have done: the notice is said
    # once, true at this start, not again at every start until each is reopened.
    for record in found.named:
        try:
            store.interviews.save(record.submission_id)
        except FieldappError:
            break  # the working copies stay, and so does what they hold
    window.refresh()
    if found.named:
        window.select(found.named[0].submission_id)
    box = named(
        QMessageBox(
            QMessageBox.Icon.Information,
            text("ui.interrupted_title", language),
            said,
            QMessageBox.StandardButton.Ok,
            window,
        ),
        "interruptedNotice",
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the interviews' names: as written
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
