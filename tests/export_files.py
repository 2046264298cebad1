"""Reading an export's files back as an analyst's tools would, for the export tests."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path


def unzipped(path: Path, folder: Path) -> Path:
    """Extract the export ``path`` (a zip) into ``folder``; return ``folder``."""
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    return folder


def csv_rows(path: Path) -> list[dict[str, str]]:
    """Return the rows of an exported CSV (UTF-8 with its BOM) by column."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
