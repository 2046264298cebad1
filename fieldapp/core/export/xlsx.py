"""The one module that writes xlsx: openpyxl's write-only mode, rows streamed in batches.

Every text cell passes the guards of ``cells``: formula-like text is stored as an inline
string marked quotePrefix (so Excel shows it and never evaluates it, even after an edit),
illegal control characters are replaced and over-long text is cut with a mark. A sheet
that reaches ``max_rows`` continues on a new sheet placed right after it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from fieldapp.core.export.book import SheetSpec, Warnings, column_name
from fieldapp.core.export.cells import (
    EXCEL_MAX_ROWS,
    FORMULA_STARTS,
    MAX_CELL_CHARS,
    fit_text,
    is_formula_like,
    sheet_title,
)
from fieldapp.core.export.columns import CellValue
from fieldapp.core.export.spool import EncryptedSpool

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_LOOK_CLOSER = frozenset(start[:1] for start in FORMULA_STARTS) | {" "}
"""First characters of text the guard looks at again (the rest is checked on the way)."""
TWO_DIGIT_HOURS = {"yyyy-mm-dd h:mm:ss": "yyyy-mm-dd hh:mm:ss"}
"""openpyxl's number format of moments, and what the workbook says instead: ``h:mm:ss``
shows 9:16:02 for 09:16:02, where the CSV and the ISO texts beside it have two digits.
Renamed once, where the workbook's styles are written: every cell keeps its style's number
and costs nothing more (a styled cell per moment cost a tenth of the export's time)."""
TIME_FORMAT = "hh:mm:ss"
"""A time of day's format. openpyxl gives times Excel's built-in ``h:mm:ss``, which has no
name to rename, so each time cell (time questions only, few) is styled."""
LINE_HEIGHT = 15.0
"""Points a line of text takes in a row (the default font's row height)."""
MAX_ROW_HEIGHT = 409.0
"""Excel's tallest row, in points."""
BATCH_ROWS = 500
BATCH_CHARS = 1 << 22
"""A sheet hands openpyxl its rows in batches of this many rows, or of rows holding this
many characters of text: writing a few hundred rows of one sheet in a row, not one row
between each interview's reading and rendering, openpyxl spends a tenth less CPU time."""


class XlsxBook:
    def __init__(self, path: Path, *, max_rows: int = EXCEL_MAX_ROWS) -> None:
        if max_rows < 2:
            raise ValueError("a sheet needs room for its header and one row")
        self.path = path
        self.max_rows = max_rows
        self.warnings = Warnings()
        self._workbook: Any = Workbook(write_only=True)
        self._taken: set[str] = set()
        self._sheets: list[XlsxSheet] = []

    def add_sheet(self, spec: SheetSpec) -> XlsxSheet:
        return XlsxSheet(self, spec)

    def _new_worksheet(self, spec: SheetSpec, after: Any = None) -> Any:
        title = sheet_title(spec.title, self._taken, reserved=not spec.own)
        index = None
        if after is not None:
            index = self._workbook._sheets.index(after) + 1
        worksheet = self._workbook.create_sheet(title, index)
        worksheet.freeze_panes = "A2"
        for number, width in enumerate(spec.widths):
            worksheet.column_dimensions[column_name(number)].width = width
        # The sheet's rows wait in an encrypted spool, not openpyxl's clear temp file
        # (made once the panes and widths it writes first are set).
        worksheet._writer = WorksheetWriter(worksheet, out=EncryptedSpool())
        worksheet._writer.write_top()
        header = []
        for text in spec.headers:
            fitted, _, replaced = fit_text(text)
            self.warnings.replaced_characters += replaced
            cell = WriteOnlyCell(worksheet, fitted)
            cell.data_type = "s"
            cell.font = _BOLD
            header.append(cell)
        worksheet.append(header)
        return worksheet

    def save(self) -> None:
        for sheet in self._sheets:
            sheet.finish()
        workbook = self._workbook  # same order, so each style keeps its format's number
        workbook._number_formats = IndexedList(
            TWO_DIGIT_HOURS.get(code, code) for code in workbook._number_formats
        )
        with ZipFile(self.path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            _SpooledExcelWriter(self._workbook, archive).save()

    def discard(self) -> None:
        for worksheet in self._workbook._sheets:
            writer = getattr(worksheet, "_writer", None)
            if writer is None or not isinstance(writer.out, EncryptedSpool):
                continue
            try:  # end the sheet's row stream first, so nothing writes to a closed spool
                if not worksheet.closed:
                    worksheet.close()
            except (OSError, ValueError):
                pass
            writer.out.close()
        self.path.unlink(missing_ok=True)


class _SpooledExcelWriter(ExcelWriter):  # type: ignore[misc]
    """openpyxl's writer, reading each worksheet from its encrypted spool."""

    def write_worksheet(self, ws: Any) -> None:
        spool = ws._writer.out if ws._writer is not None else None
        if not isinstance(spool, EncryptedSpool):
            super().write_worksheet(ws)
            return
        if not ws.closed:
            ws.close()
        ws._drawing = SpreadsheetDrawing()
        ws._rels = ws._writer._rels
        with self._archive.open(ws.path[1:], "w", force_zip64=True) as member:
            spool.copy_to(member)
        self.manifest.append(ws)


class XlsxSheet:
    def __init__(self, book: XlsxBook, spec: SheetSpec) -> None:
        self._book = book
        self._spec = spec
        self._worksheet = book._new_worksheet(spec)
        self.titles: list[str] = [self._worksheet.title]
        self.rows = 0
        self._rows_here = 0
        # The lowered limit tests use applies to data sheets; codebook and about stay whole.
        self._max_rows = EXCEL_MAX_ROWS if spec.own else book.max_rows
        self._last_column = column_name(max(len(spec.headers), 1) - 1)
        self._pending: list[list[Any]] = []
        self._pending_chars = 0
        book._sheets.append(self)

    def append(self, row: list[CellValue]) -> None:
        if self._rows_here + 1 >= self._max_rows:
            self._continue()
        chars = self._pending_chars
        for index, value in enumerate(row):
            if type(value) is not str:
                if type(value) is dt.time:
                    row[index] = self._time(value)
                continue
            chars += len(value)
            # Text that starts as no formula and not with " ", is printable (every whitespace
            # but " " is not) and fits a cell, the common text, needs nothing more.
            if value[:1] in _LOOK_CLOSER or not value.isprintable() or len(value) > MAX_CELL_CHARS:
                self._guard(row, index, value)
        if self._spec.wrap:
            self._fit_height(row)
            row = [self._wrapped(value) for value in row]
        self._pending.append(row)
        self._pending_chars = chars
        if len(self._pending) >= BATCH_ROWS or chars >= BATCH_CHARS:
            self._flush()
        self.rows += 1
        self._rows_here += 1

    def _guard(self, row: list[CellValue], index: int, value: str) -> None:
        """Make ``row[index]`` (the text ``value``) a cell that shows as typed, never runs."""
        formula_like = is_formula_like(value)
        if len(value) > MAX_CELL_CHARS or not value.isprintable() or value[:1] == " ":
            if not value.strip():
                # Spreadsheets read whitespace-only text back as empty (openpyxl does not
                # mark it to be preserved): write the empty cell they will show.
                row[index] = None
                return
            value, cut, replaced = fit_text(value)
            self._book.warnings.replaced_characters += replaced
            # The guard looks again once cleaned: "\x00=1+1" must not become "=1+1".
            formula_like = formula_like or is_formula_like(value)
            row[index] = value
            if cut:
                self._book.warnings.add(
                    "export.warning.truncated",
                    sheet=self.titles[-1],
                    row=self._rows_here + 2,
                    column=self._spec.headers[index],
                    limit=MAX_CELL_CHARS,
                )
        if formula_like:
            row[index] = self._as_text(value)

    def _flush(self) -> None:
        append = self._worksheet.append
        for row in self._pending:
            append(row)
        self._pending.clear()
        self._pending_chars = 0

    def _fit_height(self, row: list[Any]) -> None:
        """Give a row of wrapped text the height of its tallest cell.

        Neither openpyxl nor LibreOffice's import sizes rows to wrapped text: without a
        height the lines of a label or a choice list overlap the next row's. The count is
        generous (a column ``width`` wide holds about ``width`` characters): a row a line
        too tall reads well, one a line too short hides text.
        """
        lines = 1
        for value, width in zip(row, self._spec.widths, strict=False):
            text = value.value if isinstance(value, Cell) else value
            if isinstance(text, str):
                room = max(int(width), 1)
                lines = max(lines, sum(-(-len(part) // room) or 1 for part in text.split("\n")))
        if lines > 1:
            height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)
            self._worksheet.row_dimensions[self._rows_here + 2].height = height

    def _wrapped(self, value: Any) -> Any:
        if value is None:
            return None
        cell = value if isinstance(value, Cell) else WriteOnlyCell(self._worksheet, value)
        cell.alignment = _WRAP
        return cell

    def _time(self, value: dt.time) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._worksheet, value)
        cell.number_format = TIME_FORMAT
        return cell

    def _as_text(self, value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self._worksheet, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    def finish(self) -> None:
        self._flush()
        self._set_filter()

    def _set_filter(self) -> None:
        self._worksheet.auto_filter.ref = f"A1:{self._last_column}{self._rows_here + 1}"

    def _continue(self) -> None:
        previous = self._worksheet
        self._flush()
        self._set_filter()
        self._worksheet = self._book._new_worksheet(self._spec, after=previous)
        self.titles.append(self._worksheet.title)
        self._rows_here = 0
        self._book.warnings.add(
            "export.warning.continued",
            sheet=self.titles[0],
            next=self._worksheet.title,
            limit=self._max_rows,
        )
