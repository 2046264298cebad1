"""What every part of a store (``store.forms``, ``store.keys``...) shares: the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.core.store.database import OpenedDatabase
    from fieldapp.core.store.interviews import Store
    from fieldapp.core.store.revisions import Revisions


class Part:
    """One concern of a store, reached as an attribute of it (as in Anki's Collection)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def opened(self) -> OpenedDatabase:
        """The database the store opened (for ``reading``'s messages)."""
        return self._store.opened


class RevisionsPart(Part):
    """A part that writes revisions, through the one ``Revisions`` its store shares."""

    def __init__(self, store: Store, revisions: Revisions) -> None:
        super().__init__(store)
        self._revisions = revisions
