"""Names from a form or a package made into file names any system opens and shows as they are.

A form's id and its repeats' names become file and zip member names in exports
(``<form id>.csv``, ``<repeat>.dta``) and folder names (``fieldapp instances``). Whoever
wrote the form, or signed the package that brought it, chose them: ``CON`` or ``aux``
(devices on Windows, which no file can be named after, even with an extension), a
right-to-left override that shows ``informe\\u202eexe.csv`` as ``informevsc.exe``, a
trailing dot Windows strips, a leading one that hides the file, 300 characters (over the
255 bytes a file name may have), ``Forms`` beside ``forms`` (one file once unzipped on
Windows or macOS). ``safe_stem`` keeps an ordinary name exactly as it is and makes any
other one safe, followed by a digest of the name it came from, so two names cleaned alike
are still told apart; ``name_key`` is what two names collide as.
"""

from __future__ import annotations

import hashlib
import unicodedata

MAX_STEM_BYTES = 120
"""The most UTF-8 bytes of a stem: room under the 255 a file name may have for the
extension and the hidden partial file an export writes first (``.<name>.<run>.partial``)."""
DIGEST_CHARS = 10
"""Hex digits of the SHA-256 of the original name that follow a cleaned one."""
_KEPT = frozenset(" !#$%&()+,-.;=@^_`{}~")
"""Punctuation kept: none is a path separator, a wildcard, a quote, or forbidden by
Windows (``<>:"/\\|?*``) or in a spreadsheet's sheet title (``[]:*?/\\'``)."""
_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "¹", "²", "³")}
)
"""Windows device names: ``nul.csv`` and ``aux.tar.gz`` are the device too."""


def safe_stem(
    wanted: str, *, limit: int = 60, fallback: str = "file", force_digest: bool = False
) -> str:
    """Return ``wanted`` as a file name stem (no extension) safe on every system.

    Unchanged when it already is one (``sociedad_civil``, ``cso (2)``, ``año``): letters,
    digits, marks, spaces and harmless punctuation, not starting or ending with a dot or a
    space, not a Windows device name, at most ``limit`` characters and
    ``MAX_STEM_BYTES`` bytes. Otherwise every other character (controls, bidi overrides,
    separators...) becomes ``_``, dots and spaces at the ends go, a device name gets a
    leading ``_``, the result is cut, and ``-`` and ``DIGEST_CHARS`` hex digits of the
    original's SHA-256 follow. ``force_digest`` adds the digest to an ordinary name too
    (to tell it from another that collides with it).
    """
    name = unicodedata.normalize("NFC", wanted)
    if not force_digest and _plain(name) and _fits(name, limit, MAX_STEM_BYTES):
        return name
    cleaned = "".join(c if _kept(c) else "_" for c in name).strip(" .")
    if _device(cleaned):
        cleaned = "_" + cleaned
    digest = hashlib.sha256(wanted.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]
    room = limit - DIGEST_CHARS - 1
    while not _fits(cleaned, room, MAX_STEM_BYTES - DIGEST_CHARS - 1):
        cleaned = cleaned[:-1]
    cleaned = cleaned.rstrip(" .")
    return f"{cleaned or fallback}-{digest}"


def is_plain(name: str) -> bool:
    """Whether ``name`` (extension included) is a file name every system saves and shows
    as it is: what ``safe_stem`` keeps unchanged, at most 255 bytes. For a name that
    cannot be changed (a choice file the form reads by its name), to refuse it."""
    return name == unicodedata.normalize("NFC", name) and _plain(name) and _fits(name, 255, 255)


def shown(name: str) -> str:
    """Return ``name`` for a message: its control and format characters (a right-to-left
    override...) spelled out as ``\\u202e``, so the message shows what the name is."""
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c)[0] == "C" else c
        for c in name
    )


def name_key(name: str) -> str:
    """Return what ``name`` is the same file as on Windows and macOS (case and accents
    composed or not): two names with one key cannot both be extracted into one folder."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())


def unique_stem(wanted: str, taken: set[str], *, limit: int = 60, fallback: str = "file") -> str:
    """Return ``safe_stem(wanted)``, with the digest when another name has its key; record it.

    ``taken`` holds the ``name_key`` of the names given so far.
    """
    stem = safe_stem(wanted, limit=limit, fallback=fallback)
    if name_key(stem) in taken:
        stem = safe_stem(wanted, limit=limit, fallback=fallback, force_digest=True)
    number = 1
    base = stem
    while name_key(stem) in taken:  # a name crafted to be another's cleaned name
        number += 1
        suffix = f"-{number}"
        stem = base[: limit - len(suffix)] + suffix
    taken.add(name_key(stem))
    return stem


def _kept(character: str) -> bool:
    return unicodedata.category(character)[0] in "LNM" or character in _KEPT


def _plain(name: str) -> bool:
    return (
        bool(name)
        and all(_kept(c) for c in name)
        and name[0] not in " ."
        and name[-1] not in " ."
        and not _device(name)
    )


def _device(name: str) -> bool:
    """True when Windows reads ``name`` as a device (``nul``, ``Aux.csv``, ``COM1 .txt``)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in _DEVICES


def _fits(name: str, characters: int, size: int) -> bool:
    return len(name) <= characters and len(name.encode("utf-8", "surrogatepass")) <= size
