"""sqlite-utils without pandas and numpy: import it from here, never directly.

The store itself runs on plain ``sqlite3`` (its migrations too: ``schema``); this loads
for ``OpenedDatabase.db`` / ``Store.db``, sqlite-utils' view for the tools that want it.

sqlite-utils imports pandas and numpy when they are installed, only to map their types
to column types, which the store never inserts. fieldapp installs pandas for the
Stata/SPSS export, so the plain import cost every start about a second (pandas alone).
Here both are hidden while sqlite-utils loads; the export still imports them as usual.
"""

from __future__ import annotations

import sys


def _import_without(hidden: tuple[str, ...]) -> None:
    blocked = [name for name in hidden if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


_import_without(("pandas", "numpy"))

import sqlite_utils  # noqa: E402  (loaded above without pandas; this binds the name)
from sqlite_utils.migrations import Migrations  # noqa: E402  (a submodule: after the above)

__all__ = ["Migrations", "sqlite_utils"]
