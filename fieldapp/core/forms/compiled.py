"""Compiled forms on disk: a typed JSON of the ``Form`` model, so a start needs no pyxform.

Reading an XLSForm through pyxform and compiling its expressions takes about half a second
for each study form; reading the same ``Form`` back from JSON takes a few milliseconds.

The format is data only: plain JSON decoded field by field into the model's frozen
dataclasses, every type checked, expressions rebuilt from their syntax trees (through the
same compiler that checks function names and operators). Nothing is ever unpickled, so a
file someone else wrote cannot run code. An entry is found by the SHA-256 of the workbook's
bytes and says what it was compiled from (file name stem, each choice file's SHA-256), by
which fieldapp (version and ``SCHEMA``) and whether pyxform's XForm output was checked; its
body carries its own SHA-256. Any mismatch, damage or surprise makes the entry unused: the
form is compiled again and the entry rewritten, and the user never hears of it.

Two places hold entries, looked at in this order:

- the study forms fieldapp ships, compiled by ``forms/build_forms.py`` into
  ``fieldapp/study_forms/compiled/`` (package data, as trusted as the code beside it),
  with an index of their summaries (``summaries.json``) from which a new database
  records them without decoding their bodies;
- the user's cache folder (platformdirs, or ``FIELDAPP_CACHE_DIR``): a 0700 folder of 0600
  files, used only while the folder and each file belong to this account and no one else
  may write them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from fieldapp import __version__

if TYPE_CHECKING:
    from fieldapp.core.forms.model import Form

SCHEMA = 1
"""Raise it whenever the model or this encoding changes: older entries are then rebuilt."""
FORMAT = "fieldapp-compiled-form"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
CACHE_ENV = "FIELDAPP_CACHE_DIR"

ReadFile = Callable[[str], bytes | None]
_T = TypeVar("_T")


class Rejected(Exception):
    """An entry that must not be used (wrong key, version, checksum, shape or type)."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- loading a form: shipped entry, cache entry, or pyxform -------------------------------------


def load(
    content: bytes,
    filename: str,
    shown: str,
    read_file: ReadFile,
    *,
    check_xform: bool = True,
) -> Form:
    """Return the form of ``content``, from a compiled entry when a valid one exists.

    ``read_file`` gives the form's choice files by name (beside it, or kept in the store);
    ``shown`` is what messages call the form. Otherwise as ``loader`` (which compiles it,
    raising ``FormError``), and the result is written to the user's cache.
    """
    key = sha256_hex(content)
    for folder, trusted in ((shipped_dir(), True), (cache_dir(), False)):
        if folder is None:
            continue
        data = _read_entry(folder / f"{key}.json", trusted)
        if data is None:
            continue
        wanted = Wanted(key, Path(filename).stem, read_file, check_xform, check_version=not trusted)
        try:
            return decode(data, wanted, source=shown)
        except Rejected:
            continue
    from fieldapp.core.forms.loader import load_form_bytes_from

    form = load_form_bytes_from(content, filename, shown, read_file, check_xform=check_xform)
    save(form, content, filename, xform_checked=check_xform)
    return form


def save(form: Form, content: bytes, filename: str, *, xform_checked: bool) -> None:
    """Keep ``form`` in the user's cache folder (silently nothing if it cannot be written)."""
    folder = cache_dir(create=True)
    if folder is None:
        return
    data = encode(form, content, filename, xform_checked=xform_checked)
    final = folder / f"{sha256_hex(content)}.json"
    # each thread its own temporary name: the export's and the merge's threads may meet
    partial = folder / f".{final.name}.{os.getpid()}.{threading.get_ident()}.partial"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(partial, flags, 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(handle, 0o600)
            os.write(handle, data)
        finally:
            os.close(handle)
        os.replace(partial, final)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def shipped_dir() -> Path | None:
    """The compiled study forms shipped as package data (None if absent)."""
    from fieldapp.core.study import packaged_forms_dir

    folder = packaged_forms_dir() / "compiled"
    return folder if folder.is_dir() else None


def cache_dir(*, create: bool = False) -> Path | None:
    """The user's folder of compiled forms, or None when it is missing or not safely ours."""
    override = os.environ.get(CACHE_ENV)
    if override:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("fieldapp", appauthor=False)) / "forms"
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not _owned_and_private(info):
        return None
    return folder


def _owned_and_private(info: os.stat_result) -> bool:
    """True when this account owns it and no other account may write it (POSIX)."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's profile folder is the user's alone
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _read_entry(path: Path, trusted: bool) -> bytes | None:
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if not trusted and not _owned_and_private(info):
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


# --- the entry ------------------------------------------------------------------------------------


def encode(form: Form, content: bytes, filename: str, *, xform_checked: bool) -> bytes:
    """Return the entry of ``form`` compiled from ``content`` (its ``filename``)."""
    from fieldapp.core.forms.compiled_codec import write_form

    body = json.dumps(write_form(form), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    summary = _summary_of(form)
    envelope = {
        "format": FORMAT,
        "schema": SCHEMA,
        "fieldapp": __version__,
        "workbook_sha256": sha256_hex(content),
        "stem": Path(filename).stem,
        "files": {name: sha256_hex(data) for name, data in sorted(form.files.items())},
        "xform_checked": xform_checked,
        "summary": summary,
        "checksum": _checksum(summary, body),
        "body": body,
    }
    return (json.dumps(envelope, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode()


def _summary_of(form: Form) -> dict[str, Any]:
    return {
        "form_id": form.form_id,
        "title": form.title,
        "version": form.version,
        "sealed": form.public_key is not None,
    }


def _checksum(summary: Any, body: str) -> str:
    head = json.dumps(summary, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return sha256_hex(len(head).to_bytes(8, "big") + head + body.encode("utf-8"))


@dataclass(frozen=True)
class Summary:
    """What the store records of a form, read from a shipped entry without its body."""

    form_id: str
    title: str
    version: str
    sealed: bool
    files: Mapping[str, bytes]


def shipped_summary(
    content: bytes, filename: str, read_file: ReadFile, *, check_xform: bool = True
) -> Summary | None:
    """Return the summary of the shipped entry for ``content``, or None if there is none.

    Only the entries shipped with fieldapp serve here: a store records these fields for
    good, so they come from package data, never from a folder someone else could write.
    The body is decoded later, when the form is first needed.
    """
    folder = shipped_dir()
    if folder is None:
        return None
    key = sha256_hex(content)
    wanted = Wanted(key, Path(filename).stem, read_file, check_xform, check_version=False)
    # The index of the shipped entries' summaries spares decoding 300 KB of entry for
    # each (about 10 ms of a first start); without a sound record there, the entry.
    record = _indexed(folder, key)
    if record is not None:
        with contextlib.suppress(Rejected, KeyError):
            return _summary(record, _compiled_from(record, wanted))
    data = _read_entry(folder / f"{key}.json", trusted=True)
    if data is None:
        return None
    try:
        envelope, files = _open_envelope(data, wanted)
        return _summary(envelope, files)
    except (Rejected, KeyError):
        return None


def _summary(fields: Mapping[str, Any], files: Mapping[str, bytes]) -> Summary:
    summary = as_dict(fields.get("summary"))
    return Summary(
        form_id=as_str(summary["form_id"]),
        title=as_str(summary["title"]),
        version=as_str(summary["version"]),
        sealed=as_bool(summary["sealed"]),
        files=files,
    )


SUMMARIES = "summaries.json"
"""Beside the shipped entries: each one's summary and what it was compiled from, each
record with a checksum of its own (``summaries_index``, by ``forms/build_forms.py``)."""
SUMMARIES_FORMAT = "fieldapp-compiled-summaries"
_RECORDED = ("stem", "files", "xform_checked", "summary")
"""What a record of the index copies from its entry's envelope."""


def summaries_index(entries: Iterable[bytes]) -> bytes:
    """Return the index of the shipped ``entries``' summaries (written beside them)."""
    records: dict[str, Any] = {}
    for data in entries:
        envelope = as_dict(json.loads(data))
        record = {name: envelope[name] for name in _RECORDED}
        record["checksum"] = _record_checksum(record)
        records[as_str(envelope["workbook_sha256"])] = record
    index = {"format": SUMMARIES_FORMAT, "schema": SCHEMA, "entries": records}
    return (json.dumps(index, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode()


def _record_checksum(record: Mapping[str, Any]) -> str:
    fields = {name: record.get(name) for name in _RECORDED}
    return sha256_hex(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _indexed(folder: Path, key: str) -> dict[str, Any] | None:
    """Return the index's sound record of the entry ``key``, or None (no index, no record,
    damage or surprise: the entry itself is read instead)."""
    entries = _index_entries(folder)
    record = entries.get(key) if entries is not None else None
    if not isinstance(record, dict):
        return None
    return record if record.get("checksum") == _record_checksum(record) else None


@functools.cache
def _index_entries(folder: Path) -> Mapping[str, Any] | None:
    """Return the records of ``folder``'s index of summaries by workbook SHA-256 (None: no
    sound index), read once a run: a first start records every study form from it, and
    the shipped entries are package data, which do not change while fieldapp runs."""
    data = _read_entry(folder / SUMMARIES, trusted=True)
    if data is None:
        return None
    try:
        index = as_dict(json.loads(data))
        if index.get("format") != SUMMARIES_FORMAT or index.get("schema") != SCHEMA:
            return None
        return as_dict(index.get("entries"))
    except (ValueError, RecursionError, Rejected):
        return None


@dataclass(frozen=True)
class Wanted:
    """What an entry must have been compiled from, and how strictly it is checked."""

    key: str
    """The SHA-256 of the workbook's bytes."""
    stem: str
    """The workbook's file name without its suffix."""
    read_file: ReadFile
    """Gives the form's choice files by name, to compare with the ones compiled in."""
    need_xform_check: bool = False
    """Only an entry whose XForm output pyxform checked will do."""
    check_version: bool = True
    """Only an entry written by this fieldapp will do (shipped entries are trusted)."""


def decode(data: bytes, wanted: Wanted, *, source: str) -> Form:
    """Return the form an entry holds, or raise ``Rejected`` if it does not fit exactly."""
    envelope, files = _open_envelope(data, wanted)
    from fieldapp.core.forms.compiled_codec import read_form

    try:
        form = read_form(json.loads(envelope["body"]), source, files)
    except Rejected:
        raise
    except Exception as error:  # any surprise in a decoded entry means: compile again
        raise Rejected(f"{type(error).__name__}: {error}") from error
    if _summary_of(form) != envelope.get("summary"):
        raise Rejected("the summary does not match the body")
    return form


def _open_envelope(data: bytes, wanted: Wanted) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Check an entry's envelope and checksum; return it and the choice files it read."""
    try:
        envelope = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise Rejected("not JSON") from error
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise Rejected("not a compiled form")
    if envelope.get("schema") != SCHEMA:
        raise Rejected("another schema")
    if wanted.check_version and envelope.get("fieldapp") != __version__:
        raise Rejected("another fieldapp")
    if envelope.get("workbook_sha256") != wanted.key:
        raise Rejected("another workbook")
    files = _compiled_from(envelope, wanted)
    body = envelope.get("body")
    if not isinstance(body, str) or _checksum(envelope.get("summary"), body) != envelope.get(
        "checksum"
    ):
        raise Rejected("damaged")
    return envelope, files


def _compiled_from(fields: Mapping[str, Any], wanted: Wanted) -> dict[str, bytes]:
    """Check what an entry says it was compiled from (the workbook's name, pyxform's XForm
    check, each choice file's SHA-256); return the choice files read."""
    if fields.get("stem") != wanted.stem:
        raise Rejected("another workbook")
    if wanted.need_xform_check and fields.get("xform_checked") is not True:
        raise Rejected("XForm output not checked")
    digests = fields.get("files")
    if not isinstance(digests, dict):
        raise Rejected("files")
    files: dict[str, bytes] = {}
    for name, digest in digests.items():
        found = wanted.read_file(name) if isinstance(name, str) else None
        if found is None or sha256_hex(found) != digest:
            raise Rejected("a choice file changed")
        files[name] = found
    return files


def _expect(value: Any, kind: type[_T], what: str) -> _T:
    if not isinstance(value, kind):
        raise Rejected(f"expected {what}")
    return value


def as_dict(value: Any) -> dict[str, Any]:
    return _expect(value, dict, "an object")


def as_list(value: Any) -> list[Any]:
    return _expect(value, list, "a list")


def as_str(value: Any) -> str:
    return _expect(value, str, "text")


def as_optional_str(value: Any) -> str | None:
    return None if value is None else as_str(value)


def as_int(value: Any) -> int:
    if isinstance(value, bool):  # a JSON true is no number, though Python's bool is an int
        raise Rejected("expected a whole number")
    return _expect(value, int, "a whole number")


def as_bool(value: Any) -> bool:
    return _expect(value, bool, "true or false")


def as_optional_bool(value: Any) -> bool | None:
    return None if value is None else as_bool(value)


def as_texts(value: Any) -> dict[str, str]:
    return {as_str(k): as_str(v) for k, v in as_dict(value).items()}
