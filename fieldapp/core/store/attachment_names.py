"""How an interview's attachment names are kept: as data, and out of sight when sealed.

A revision's ``attachments`` column maps the name an answer holds (``grabación.m4a``) to
the sha256 of the stored bytes. The name is only ever a JSON *value* written by Python,
never spliced into an SQLite JSON path: a path quoted with ``json.dumps`` kept
``grabaci\\u00f3n`` as the key, doubled a backslash and lost the whole map on a ``"``.

For a sealed form the name a researcher gave a file may identify the interviewee, so it
never sits in a row in clear:

- a draft's working copy keys each file by the name encrypted under the interview's
  drafts key (``sealing.encrypt_name``), readable by the researcher with the passphrase;
- a saved revision keys each file by a random name, and its sealed (or draft-encrypted)
  record carries ``names``: random name -> the name the answers use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

_RANDOM = "file-"


def random_name() -> str:
    """Return a stored name that says nothing about the file (a sealed form's row key)."""
    import secrets

    return _RANDOM + secrets.token_hex(12)


def hide(names: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Return the row's map (random name -> sha256) and the sealed ``names`` (random -> name)."""
    stored: dict[str, str] = {}
    originals: dict[str, str] = {}
    for name, sha256 in sorted(names.items()):
        hidden = random_name()
        stored[hidden] = sha256
        originals[hidden] = name
    return stored, originals


def reveal(stored: Mapping[str, str], originals: Mapping[str, str]) -> dict[str, str]:
    """Return name -> sha256 with the names the sealed record gave the row's random keys."""
    return {originals.get(key, key): sha256 for key, sha256 in stored.items()}


def repair_legacy(name: str) -> str:
    """Return the name an old row meant, before names were kept as data.

    The old code wrote ``json.dumps(name)`` into a JSON path, so SQLite kept the escapes
    literally: ``grabaci\\u00f3n.m4a``, ``a\\\\b``. Such a key is pure ASCII and holds a
    backslash; reading it as the body of a JSON string gives back the name. A name the
    new code wrote in clear with a backslash that also reads as an escape is taken for an
    old one: a backslash in a file name is rare and impossible on Windows.
    """
    if "\\" not in name or not name.isascii():
        return name
    try:
        repaired = json.loads('"' + name + '"')
    except ValueError:
        return name
    return repaired if isinstance(repaired, str) else name


def repaired(stored: Mapping[str, str]) -> dict[str, str]:
    """Return a map with every old escaped key read back as its name."""
    return {repair_legacy(key): sha256 for key, sha256 in stored.items()}
