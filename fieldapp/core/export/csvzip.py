"""The CSV form of an export: a zip with one UTF-8 (with BOM) file per sheet, and load.R.

Each sheet is spooled to its own temporary file while rows stream in (a zip can only be
written one member at a time), then copied into the zip at the end. Dates are ISO 8601;
text that a spreadsheet would run as a formula gets a leading apostrophe, the mark
spreadsheet programs read as "this is text".
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from pathlib import Path
from typing import IO

from fieldapp.core.export.book import SheetSpec, Warnings
from fieldapp.core.export.cells import clean_text, is_formula_like, sheet_title
from fieldapp.core.export.columns import CellValue
from fieldapp.core.export.rscript import RSheet, load_r
from fieldapp.core.export.spool import EncryptedSpool


class CsvZipBook:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings = Warnings()
        self._taken: set[str] = set()
        self._sheets: list[CsvSheet] = []
        self._r_sheets: list[RSheet] = []

    def add_sheet(self, spec: SheetSpec) -> CsvSheet:
        title = sheet_title(spec.title, self._taken, reserved=not spec.own, file=True)
        sheet = CsvSheet(title, spec, self.warnings)
        self._sheets.append(sheet)
        if not spec.own:
            self._r_sheets.append(RSheet(sheet.titles[0], spec, spec.labels))
        return sheet

    def save(self) -> None:
        with zipfile.ZipFile(self.path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for sheet in self._sheets:
                with archive.open(f"{sheet.titles[0]}.csv", "w", force_zip64=True) as member:
                    sheet.copy_to(member)
            archive.writestr("load.R", load_r(self._r_sheets))
        self.discard_spools()

    def discard_spools(self) -> None:
        for sheet in self._sheets:
            sheet.close()

    def discard(self) -> None:
        self.discard_spools()
        self.path.unlink(missing_ok=True)


class CsvSheet:
    def __init__(self, title: str, spec: SheetSpec, warnings: Warnings) -> None:
        self.titles = [title]
        self.rows = 0
        self._warnings = warnings
        # The spool lives as long as the sheet; ``close`` (save or discard) ends it. It is
        # encrypted under a key held in memory: a killed export leaves no clear answer.
        self._spool = EncryptedSpool()
        self._spool.write("\ufeff")  # Excel reads the CSV as UTF-8 by this mark
        self._writer = csv.writer(self._spool)
        self._writer.writerow([self._cell(header) for header in spec.headers])

    def append(self, row: list[CellValue]) -> None:
        self._writer.writerow([self._cell(value) for value in row])
        self.rows += 1

    def _cell(self, value: CellValue) -> str:
        if not isinstance(value, str):
            return _text(value)
        # Cleaned first, guarded after: a NUL a reader drops can't uncover a formula.
        text, replaced = clean_text(value)
        self._warnings.replaced_characters += replaced
        # load.R takes one ' off a text that then reads as a formula: a text that starts
        # with ' before such a character gets one too, so '=1 comes back '=1, not =1.
        return "'" + text if is_formula_like(text.lstrip("'")) else text

    def copy_to(self, target: IO[bytes]) -> None:
        self._spool.copy_to(target)

    def close(self) -> None:
        self._spool.close()


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)
