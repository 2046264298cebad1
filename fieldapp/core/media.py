"""Which attachments fieldapp may hand to the system's default program, and under what name.

Where QtMultimedia cannot load, an unsealed interview's recording is written to a private
folder and opened with the desktop's default program. That program is chosen by the file
name and content, both of which come from whoever made the interview (a package from
another laptop included): a ``.desktop``, ``.hta`` or ``.exe`` would run. So only the
media types an XLSForm ``audio`` or ``video`` question asks for go, when the bytes look
like that type too, and the copy is named by fieldapp with the type's usual extension.
"""

from __future__ import annotations

from pathlib import PurePath

_AUDIO = (".mp3", ".m4a", ".wav", ".ogg", ".oga", ".aac", ".amr", ".flac", ".opus", ".3gpp")
_VIDEO = (".mp4", ".mov", ".avi", ".mkv", ".3gp", ".webm", ".ogv", ".m4v")
OPENER_EXTENSIONS = {"audio": _AUDIO, "video": _VIDEO}
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")
"""The images an ``image`` question takes (the picker's filter, what *Save a copy* writes)."""
"""Extensions, by question type, that a recording handed to the system may carry."""


def _looks_like_media(content: bytes) -> bool:
    """True when the bytes start as one of the audio or video containers listed above."""
    head = content[:16]
    return (
        head.startswith((b"ID3", b"OggS", b"fLaC", b"#!AMR", b"\x1a\x45\xdf\xa3"))
        or (head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"AVI "))
        or head[4:8] == b"ftyp"  # MP4, M4A, MOV, 3GP
        or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)  # MPEG/ADTS frames
    )


def opener_name(question_type: str, name: str, content: bytes) -> str | None:
    """Return the name to give the copy for the system's player, or None to refuse it."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in OPENER_EXTENSIONS.get(question_type, ()):
        return None
    if not _looks_like_media(content):
        return None
    return "recording" + suffix
