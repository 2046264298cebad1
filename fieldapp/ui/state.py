"""What the app's windows share, with a signal for each change (napari's evented models).

The main window owns one ``UiState``; the list, the locks, the export and server dialogs
and the review views read it and subscribe to it instead of setting attributes on each
other:

- ``store``: the open database (None while none could be opened);
- ``study_key``: the supervisor's unlocked study key (None when locked or forgotten);
- ``filters``: what the interview list shows;
- ``selected``: the interview picked in the list.

Setting a value that is already there emits nothing (except forgetting the study key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from fieldapp.core.store.records import InterviewFilter

if TYPE_CHECKING:
    from fieldapp.core.crypto import StudyKey
    from fieldapp.core.store import Store


class UiState(QObject):
    """The open store, the unlocked study key, the list's filters and selection."""

    store_changed = Signal(object)
    """The new store (or None)."""
    study_key_changed = Signal(object)
    """The new study key, or None: forget every reference to the old one."""
    filters_changed = Signal(object)
    """The new ``InterviewFilter`` of the list."""
    selected_changed = Signal(object)
    """The submission id now picked in the list (or None)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._study_key: StudyKey | None = None
        self._filters = InterviewFilter()
        self._selected: str | None = None

    @property
    def store(self) -> Store | None:
        return self._store

    @property
    def study_key(self) -> StudyKey | None:
        return self._study_key

    @property
    def filters(self) -> InterviewFilter:
        return self._filters

    @property
    def selected(self) -> str | None:
        return self._selected

    def set_store(self, store: Store | None) -> None:
        if store is not self._store:
            self._store = store
            self.store_changed.emit(store)

    def set_study_key(self, key: StudyKey | None) -> None:
        """Hold ``key``; None (forget) is announced even when no key was held here, since
        the store may have been unlocked directly: what shows sealed records reads again."""
        if key is not self._study_key or key is None:
            self._study_key = key
            self.study_key_changed.emit(key)

    def set_filters(self, filters: InterviewFilter) -> None:
        if filters != self._filters:
            self._filters = filters
            self.filters_changed.emit(filters)

    def set_selected(self, submission_id: str | None) -> None:
        if submission_id != self._selected:
            self._selected = submission_id
            self.selected_changed.emit(submission_id)
