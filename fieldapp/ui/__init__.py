"""The PySide6 desktop app. Importing it protects the process from a PySide6 refcount bug.

PySide6 6.12 wheels on CPython 3.11 drop one reference to ``None`` on every call of a
void C++ method (``widget.setVisible(False)`` and the like), and sometimes to ``True`` or
``False``. From CPython 3.12 on those objects are immortal and nothing happens; on 3.11
the count reaches zero after a few thousand calls and the interpreter aborts with
"none_dealloc" / "bool_dealloc" — a crash mid-interview. Giving the three singletons an
enormous reference count makes them as immortal as 3.12 does; they are never freed
anyway, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys


def _pin_singletons() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_pin_singletons()
