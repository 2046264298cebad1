"""Guards that keep every exported cell inside what Excel accepts and never runs as code."""

from __future__ import annotations

import re
import unicodedata

from fieldapp.core.file_names import name_key, safe_stem

MAX_CELL_CHARS = 32_767
"""Excel's limit on the characters of one cell."""
MAX_SHEET_TITLE = 31
EXCEL_MAX_ROWS = 1_048_576
"""Rows of one worksheet, the header included."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel or LibreOffice read a typed-in text as a formula."""
TRUNCATION_MARK = " […]"

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Every character XML 1.0 forbids: C0 controls but tab, line feed and carriage return;
lone surrogates (a str holds a pair as one character, so any surrogate is alone), which
no UTF-8 file can hold; and the non-characters U+FFFE and U+FFFF. The xlsx XML cannot
carry them, and a CSV reader drops some of them (a NUL before ``=`` made a formula)."""
REPLACEMENT = "\ufffd"
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Unicode categories of the characters a sheet title keeps as a visible ``_``: controls
(a line feed, a tab), format characters (bidi controls, a zero-width space), separators."""
_JOINERS = "\u200c\u200d"
"""Zero-width non-joiner and joiner: invisible, but they spell words (Persian, Hindi)
and emoji, and reorder nothing."""
_RESERVED_TITLES = frozenset({"history"})
"""Excel keeps "History" for its own use."""


def clean_text(text: str) -> tuple[str, int]:
    """Return ``text`` with every character XML 1.0 forbids replaced, and how many were."""
    if _ILLEGAL.search(text) is None:
        return text, 0
    return _ILLEGAL.subn(REPLACEMENT, text)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula (ask it of cleaned text)."""
    return text.startswith(FORMULA_STARTS)


def fit_text(text: str) -> tuple[str, bool, int]:
    """Return ``text`` cleaned (see ``clean_text``) and within the cell limit.

    The flag is True when the text was cut, so the caller can warn about where; the
    number counts the characters replaced, for the ``about`` sheet.
    """
    if "\r" in text:
        # XML reading turns a carriage return into a line feed: write what will be read.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, replaced = clean_text(text)
    if len(text) <= MAX_CELL_CHARS:
        return text, False, replaced
    return text[: MAX_CELL_CHARS - len(TRUNCATION_MARK)] + TRUNCATION_MARK, True, replaced


RESERVED_TITLES = ("codebook", "about")
"""Titles of the export's own sheets: a form or repeat with such a name gets a suffix."""


_EXPORT_TITLES = frozenset(RESERVED_TITLES)


def sheet_title(wanted: str, taken: set[str], *, reserved: bool = True, file: bool = False) -> str:
    """Return a legal, unused sheet title close to ``wanted``; record it in ``taken``.

    Excel compares titles case-insensitively, so ``taken`` holds them casefolded. With
    ``reserved`` the export's own titles (``codebook``, ``about``) count as taken. With
    ``file`` the title also names a file (``<title>.csv`` in a zip): it is made a name
    every system extracts and shows as it is (``file_names.safe_stem``: ``CON``, a
    right-to-left override, a leading dot are not), and ``taken`` holds ``name_key``s,
    so two titles are never one file on Windows or macOS. Otherwise a control or format
    character (a right-to-left override, a zero-width space) shows as ``_`` (``_visible``).
    """
    unavailable = _RESERVED_TITLES | (_EXPORT_TITLES if reserved else frozenset())
    key = name_key if file else str.casefold
    if file:
        # An ordinary name is cut as it always was, so its files keep their names.
        cut = wanted[:MAX_SHEET_TITLE]
        if safe_stem(cut) != cut:
            cut = safe_stem(wanted, limit=MAX_SHEET_TITLE, fallback="sheet")
        base = title = cut
    else:
        # Control characters go first, so none is left hiding a leading apostrophe.
        shown = _visible(_ILLEGAL.sub("", _TITLE_FORBIDDEN.sub("_", wanted)))
        base = shown.strip().strip("'") or "sheet"
        title = base[:MAX_SHEET_TITLE].rstrip("'") or "sheet"
    number = 1
    while key(title) in taken or title.casefold() in unavailable:
        number += 1
        suffix = f" ({number})"
        title = base[: MAX_SHEET_TITLE - len(suffix)] + suffix
    taken.add(key(title))
    return title


def _visible(title: str) -> str:
    """Return ``title`` with each invisible control or format character a ``_``: Excel
    shows a tab's title as it is, and a right-to-left override (``informe\\u202eexe``)
    reversed it, a zero-width space hid in it, a line feed broke it."""
    return "".join(
        "_" if unicodedata.category(c) in _INVISIBLE and c not in _JOINERS else c for c in title
    )
