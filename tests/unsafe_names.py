"""What makes a file name one a person cannot extract, save or trust, on some system.

Written apart from fieldapp's own rule (``fieldapp/core/file_names.py``), so a test that
uses it checks that rule against another reading of the same sources: Microsoft's
"Naming Files, Paths, and Namespaces", the 255 bytes a name may have on ext4 and APFS, and
what Unicode calls control and format characters.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"
}


def why_unsafe(name: str) -> str | None:
    """Why a file named ``name`` cannot be extracted, or is not what it shows, somewhere."""
    if len(name.encode("utf-8", "surrogatepass")) > 255:
        return "over 255 bytes"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for c in name):
        return "a control or bidi character: shown other than it is"
    if set(name) & set('<>:"/\\|?*'):
        return "a character Windows forbids"
    if name.startswith("."):
        return "hidden on Linux and macOS"
    if name.endswith((".", " ")):
        return "Windows strips the end"
    if name.split(".", 1)[0].rstrip(" ").upper() in DEVICES:
        return "a Windows device"
    return None


def collisions(names: Iterable[str]) -> list[list[str]]:
    """Names that are one file on Windows or macOS (case, composed accents)."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[unicodedata.normalize("NFD", name).casefold()].append(name)
    return [group for group in by_key.values() if len(group) > 1]
