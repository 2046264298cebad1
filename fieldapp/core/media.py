"""What a media or data file's bytes are, and which attachments fieldapp may hand to the
system's default program, under what name.

Where QtMultimedia cannot load, an unsealed interview's recording is written to a private
folder and opened with the desktop's default program. That program is chosen by the file
name and content, both of which come from whoever made the interview (a package from
another laptop included): a ``.desktop``, ``.hta`` or ``.exe`` would run. So only the
media types an XLSForm ``audio`` or ``video`` question asks for go, when the bytes look
like that type too, and the copy is named by fieldapp with the type's usual extension.

*Save a copy…* of a form writes its media and data files beside the workbook under the
names a package gave them; ``bytes_match`` keeps a program named ``logo.png`` from being
one of them (``form_add.write_form_copy``).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import partial
from pathlib import PurePath

_AUDIO = (".mp3", ".m4a", ".wav", ".ogg", ".oga", ".aac", ".amr", ".flac", ".opus", ".3gpp")
_VIDEO = (".mp4", ".mov", ".avi", ".mkv", ".3gp", ".webm", ".ogv", ".m4v")
OPENER_EXTENSIONS = {"audio": _AUDIO, "video": _VIDEO}
"""Extensions, by question type, that a recording handed to the system may carry."""
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")
"""The images an ``image`` question takes (the picker's filter, what *Save a copy* writes)."""
_DATA_STARTS = {".csv": "", ".xml": "<", ".geojson": "{"}
"""The data files ``select_one_from_file``, ``pulldata`` and external instances read, with
the characters their text may start with ("": any)."""
DATA_EXTENSIONS = tuple(_DATA_STARTS)

_PROGRAM_HEADS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"PK\x03\x04")
"""How a Windows, Linux or macOS program, a script or a zip (a ``.jar``) begins."""


def _looks_like_image(content: bytes) -> bool:
    """True when the bytes start as one of the images listed above (any of them: a PNG
    saved as ``.jpg`` is still a picture every viewer shows)."""
    head = content[:16]
    return head.startswith(
        (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
    ) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _looks_like_media(content: bytes) -> bool:
    """True when the bytes start as one of the audio or video containers listed above."""
    head = content[:16]
    return (
        head.startswith((b"ID3", b"OggS", b"fLaC", b"#!AMR", b"\x1a\x45\xdf\xa3"))
        or (head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "))
        or head[4:8] == b"ftyp"  # MP4, M4A, MOV, 3GP
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # MPEG/ADTS frames
    )


def _looks_like_text(content: bytes, first: str = "") -> bool:
    """True for UTF-8 text (what forms read their data files as) with no NUL, not begun
    as a program or script is, whose first character past blanks is in ``first`` ("": any)."""
    body = content.removeprefix(codecs.BOM_UTF8)
    if b"\0" in body or body.startswith(_PROGRAM_HEADS):
        return False
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not first or text.lstrip()[:1] in tuple(first)


_CHECKS: dict[str, Callable[[bytes], bool]] = {
    **dict.fromkeys(IMAGE_EXTENSIONS, _looks_like_image),
    **dict.fromkeys(_AUDIO + _VIDEO, _looks_like_media),
    **{suffix: partial(_looks_like_text, first=first) for suffix, first in _DATA_STARTS.items()},
}


def bytes_match(name: str, content: bytes) -> bool:
    """True when ``content`` is of the kind ``name``'s extension says: an image for
    ``logo.png``, a sound or video for ``grito.mp3``, text for a data file. False for an
    extension of no kind listed here."""
    check = _CHECKS.get(PurePath(name).suffix.lower())
    return check is not None and check(content)


def opener_name(question_type: str, name: str, content: bytes) -> str | None:
    """Return the name to give the copy for the system's player, or None to refuse it."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in OPENER_EXTENSIONS.get(question_type, ()):
        return None
    if not bytes_match(name, content):
        return None
    return "recording" + suffix
