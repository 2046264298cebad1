"""The study key pair most sealed-form tests share, made once per test session.

A plain module (see ``paths.py`` on why never ``from conftest import``): ``tests/conftest.py``
serves ``pair`` and ``study_key`` from it; a module needing another key defines its own.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Imported when called: ``conftest.py`` imports this module before it sets the
    # environment fieldapp reads.
    from fieldapp.core import crypto

KEY_PASSPHRASE = "correct horse battery staple"


@functools.cache
def key_pair() -> crypto.KeyPair:
    """The pair, encrypted under ``KEY_PASSPHRASE``. 2048 bits keeps the tests fast; the
    default (3072) is exercised by the CLI test."""
    from fieldapp.core import crypto

    return crypto.generate_key_pair(KEY_PASSPHRASE, bits=2048)
