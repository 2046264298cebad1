"""The interviews list as a thin table model over the store's listing, fetched by pages.

Only the rows the view scrolls to are read: ``canFetchMore``/``fetchMore`` ask the store for
the next page, so a database of 100,000 interviews opens as fast as one of ten.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from fieldapp.core.interview_name import CITY_NAMES as CITY_NAMES  # every desk reads them here
from fieldapp.core.interview_name import row_name
from fieldapp.core.interview_name import short_time as short_time  # the desks' moments
from fieldapp.core.messages import text
from fieldapp.core.store import InterviewFilter
from fieldapp.core.study import ACTOR_TYPES, actor_name
from fieldapp.ui.columns import Index, header, numbered
from fieldapp.ui.i18n import QT_TRANSLATE_NOOP, current_language, translate
from fieldapp.ui.plain import plain_tip

PAGE = 100


COLUMNS = (
    "instance_name",
    "actor_type",
    "city",
    "interviewer",
    "state",
    "created_at",
    "last_saved",
    "send_state",  # its header is a catalogue text: see headerData
)
COLUMN = numbered(COLUMNS)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The whole InterviewRow of a line, for actions on the selection."""
SERVED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        ROW_ROLE,
    }
)

STATE_TITLES = {
    "draft": QT_TRANSLATE_NOOP("InterviewsModel", "Draft"),
    "finalized": QT_TRANSLATE_NOOP("InterviewsModel", "Finalized"),
    "approved": QT_TRANSLATE_NOOP("InterviewsModel", "Approved"),
    "returned": QT_TRANSLATE_NOOP("InterviewsModel", "Returned"),
}
STATE_COLORS = {
    "draft": "#8a5a00",
    "finalized": "#1f6f43",
    "approved": "#1f4f8f",
    "returned": "#a02c2c",
}


def state_title(state: str) -> str:
    return translate("InterviewsModel", STATE_TITLES[state]) if state in STATE_TITLES else state


def actor_title(actor: str) -> str:
    """Return an actor type in the window's language, in the very words ``fieldapp status``
    and a labels export use (``study.actor_name``), else its code."""
    return actor_name(actor, current_language())


def city_choices() -> list[tuple[str, str]]:
    """Return (name, code) of the study's cities, for a filter's choices."""
    return [(name, code) for code, name in CITY_NAMES.items()]


def actor_choices() -> list[tuple[str, str]]:
    """Return (title, code) of the study's actor types, in the current language."""
    return [(actor_title(code), code) for code in ACTOR_TYPES]


def _folded(words: str) -> str:
    """``words`` as search compares them: no case, no accents (Juarez finds Ciudad Juárez)."""
    decomposed = unicodedata.normalize("NFKD", words.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def shown_codes(typed: str) -> tuple[tuple[str, str], ...]:
    """Return the (column, code) pairs whose label, as the list shows it, holds ``typed``.

    The list shows a city, an actor type and a state by their labels: searching for
    "Juárez" or "devuelta" finds the rows that show them, though the listing keeps codes.
    Labels in the window's language and in English both count.
    """
    wanted = _folded(typed.strip())
    if not wanted:
        return ()
    labelled: list[tuple[str, str, tuple[str, ...]]] = []
    labelled += [("city", code, (name,)) for code, name in CITY_NAMES.items()]
    labelled += [
        ("actor_type", code, (actor_title(code), actor_name(code, "en"))) for code in ACTOR_TYPES
    ]
    labelled += [("state", code, (state_title(code), t)) for code, t in STATE_TITLES.items()]
    return tuple(
        (column, code)
        for column, code, labels in labelled
        if any(wanted in _folded(label) for label in labels)
    )


def state_choices() -> list[tuple[str, str]]:
    """Return (title, state) of every state, in the current language."""
    return [(state_title(state), state) for state in STATE_TITLES]


class InterviewsModel(QAbstractTableModel):
    """Rows of ``store.interviews.page`` for the current filters and sort order."""

    totalChanged = Signal(int)

    def __init__(self, store: Any, parent: Any = None, page_size: int = PAGE) -> None:
        super().__init__(parent)
        self._store = store
        self.page_size = page_size
        self._filters: Any = InterviewFilter()
        self._sort = "last_saved"
        self._descending = True
        self._rows: list[Any] = []
        self._total = 0
        self._shown: dict[tuple[int, int], str] = {}
        """Display texts already worked out, by (row, column)."""
        self._send: dict[str, tuple[str, str]] | None = None
        """Interview -> (push queue state, server's reason); None: no server set up."""
        self.marks_claims = False
        """Mark each interview of an instanceID claim (the review desk's queue)."""
        self._claimed: dict[str, list[str]] = {}
        """Interview of a claim -> the other interviews of its claims."""
        self._claims_read: tuple[int, int, bool] | None = None
        """What the database and the key were when ``_claimed`` was read."""

    # --- what is listed --------------------------------------------------------------

    def set_store(self, store: Any, filters: Any = None) -> None:
        """List another database (with these filters): one count and one page read."""
        self._store = store
        self._filters = filters or InterviewFilter()
        self.reload()

    def set_filters(self, filters: Any) -> None:
        self._filters = filters or InterviewFilter()
        self.reload()

    def reload(self) -> None:
        """Read the count and the first page again (after a filter, sort or save)."""
        self.beginResetModel()
        self._shown.clear()
        if self.marks_claims and self._store:
            self._read_claims()
        self._total = self._store.interviews.count(self.listed()) if self._store else 0
        self._rows = self._page(0) if self._total else []
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def _read_claims(self) -> None:
        """Read the database's instanceID claims (``copies.standing_claims``, from the
        index: one scan of it, no answers parsed) when anything may have changed them
        since: a write here or by another program, or the key opened or locked. A filter,
        a sort or the search reads none."""
        from fieldapp.core.central.copies import claimed_with, standing_claims

        conn = self._store.conn
        now = (
            int(conn.execute("PRAGMA data_version").fetchone()[0]),
            conn.total_changes,
            bool(self._store.keys.hides_sealed()),
        )
        if now == self._claims_read:
            return
        self._claimed = claimed_with(standing_claims(self._store))
        self._claims_read = now

    def _page(self, offset: int) -> list[Any]:
        return list(
            self._store.interviews.page(
                self.listed(),
                sort=self._sort,
                descending=self._descending,
                limit=self.page_size,
                offset=offset,
            )
        )

    def listed(self) -> Any:
        """The filters as listed: sealed forms' interviews left out while they are locked."""
        if self._store.keys.hides_sealed():
            return replace(self._filters, sealed_hidden=True)
        return self._filters

    def set_send_states(self, states: dict[str, tuple[str, str]] | None) -> None:
        """Show each interview's state on the server (``send_state.send_states``)."""
        self._send = states
        column = COLUMN["send_state"]
        self._shown = {key: shown for key, shown in self._shown.items() if key[1] != column}
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def retranslate(self) -> None:
        """Show states, actors and headers in the new application language."""
        self._shown.clear()
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def find(self, submission_id: str) -> int:
        """Return the row of a loaded interview, or -1."""
        for number, line in enumerate(self._rows):
            if line.submission_id == submission_id:
                return number
        return -1

    # --- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._page(len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if COLUMNS[section] == "send_state":
                return text("server.ui.column", current_language())
            return header(COLUMNS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the view asks a dozen roles per cell while painting: answer the unused ones first
        if role not in SERVED_ROLES or not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            key = (index.row(), index.column())
            shown = self._shown.get(key)
            if shown is None:
                shown = self._shown[key] = self._display(index.row(), index.column())
            return shown
        line = self._rows[index.row()]
        field = COLUMNS[index.column()]
        return self._other_role(line, field, role)

    def _display(self, row: int, column: int) -> str:
        line = self._rows[row]
        field = COLUMNS[column]
        value = getattr(line, field, "")
        if field == "state":
            title = state_title(value)
            return f"⚠ {title}" if getattr(line, "has_conflict", False) else title
        if field in ("created_at", "last_saved"):
            return short_time(value)
        if field == "instance_name":
            # a sealed (or unnamed) one by what its row shows: actor · city · day
            name = row_name(line, current_language()) or line.submission_id[:8]
            if line.submission_id in self._claimed:  # seen before she opens it
                return text("review.ui.queue_claimed", current_language(), name=name)
            return name
        if field == "actor_type":
            return actor_title(value)
        if field == "city":
            return CITY_NAMES.get(value, value)
        if field == "send_state":
            return self._send_text(line)
        return "" if value is None else str(value)

    def _send_text(self, line: Any) -> str:
        if self._send is None:
            return ""
        state, _ = self._send.get(line.submission_id, ("", ""))
        if not state and getattr(line, "state", "draft") != "draft":
            state = "not_sent"
        return text(f"server.ui.{state}", current_language()) if state else ""

    def _other_role(self, line: Any, field: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and field == "state":
            color = STATE_COLORS.get(getattr(line, "state", ""))
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == "state" and getattr(line, "has_conflict", False):
                return translate(
                    "InterviewsModel", "Edited on two laptops: a supervisor must resolve it"
                )
            if field == "instance_name":
                tip = f"{getattr(line, 'form_title', '')} · {line.submission_id}"
                for other in self._claimed.get(line.submission_id, []):
                    tip += "\n" + text(
                        "review.ui.queue_claimed_tip", current_language(), other=other
                    )
                return plain_tip(tip)
            if field == "send_state" and self._send is not None:
                state, reason = self._send.get(line.submission_id, ("", ""))
                if state == "refused":
                    return text("server.ui.refused_tip", current_language(), reason=reason)
            return None
        if role == ROW_ROLE:
            return line
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if COLUMNS[column] == "send_state":
            return  # kept outside the listing: the store cannot sort by it
        self._sort = COLUMNS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
