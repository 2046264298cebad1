"""An export of several files (CSV, Stata, SPSS) as a folder instead of a zip (``--folder``).

The export is written as its zip first (atomically, as every export is), then unpacked
into a folder beside it that takes the folder's place in one rename, and the zip is
removed. A folder of that name holding anything but an earlier export's files is never
touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import zipfile
from pathlib import Path

from fieldapp.core import leftovers
from fieldapp.core.export.run import _umask
from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import os_reason

EXPORT_FILES = (".dta", ".sav", ".csv", ".r")
"""What an earlier export folder holds; anything else makes it someone else's folder."""


def folder_for(archive: Path) -> Path:
    """Return the folder a zipped export unpacks to: ``study.dta.zip`` -> ``study``."""
    name = archive.name
    for suffix in (".zip", ".dta", ".sav"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return archive.with_name(name or "export")


def can_unpack(out: Path) -> bool:
    """Tell whether the export ``out`` names is a zip of files (not one workbook)."""
    return out.suffix.lower() in (".zip", ".dta", ".sav")


def unpack(archive: Path) -> Path:
    """Move the files of the export ``archive`` into its folder; return the folder."""
    folder = folder_for(archive)
    if folder.exists() and not _earlier_export(folder):
        raise FieldappError("export.folder_taken", folder=folder, path=archive)
    try:
        # A name the next export sweeps (``leftovers``): a run killed while unpacking left
        # the answers, the sealed ones opened with --key, in a hidden folder for ever.
        # The staging folder holds the lock its run keeps: the answers go in a folder inside
        # it, renamed into place whole, so the lock file never reaches the export.
        temp = leftovers.staging_folder(folder.parent, "export", shared=True)
    except OSError as error:
        raise FieldappError("export.write_failed", path=folder, error=os_reason(error)) from error
    unpacked = temp / "export"
    old: Path | None = None
    try:
        unpacked.mkdir(mode=0o700)
        with zipfile.ZipFile(archive) as opened:
            for member in opened.infolist():
                name = Path(member.filename).name  # the export writes flat names only
                with opened.open(member) as source, (unpacked / name).open("wb") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
        if folder.exists():
            old = temp / "earlier"  # beside the new answers, under the same lock
            folder.rename(old)
        unpacked.rename(folder)
        # Opened to others only under its own name: a kill before leaves a private folder.
        with contextlib.suppress(OSError):  # a file system without Unix modes (a USB stick)
            os.chmod(folder, 0o777 & ~_umask())
    except OSError as error:
        shutil.rmtree(unpacked, ignore_errors=True)
        if old is not None and not folder.exists():
            old.rename(folder)  # put the earlier export back
        leftovers.remove_staging(temp)
        raise FieldappError("export.write_failed", path=folder, error=os_reason(error)) from error
    leftovers.remove_staging(temp)  # its lock file and the earlier export, now
    archive.unlink(missing_ok=True)
    return folder


def _earlier_export(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    return all(
        entry.is_file() and entry.suffix.lower() in EXPORT_FILES for entry in folder.iterdir()
    )
