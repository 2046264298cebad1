"""How much text a workbook's cells hand to the readers, counted before they read it.

An .xlsx keeps each distinct text once, in its shared-strings table, and a cell names it
by number. openpyxl hands every cell that names it the same Python string, and pyxform
copies it wherever it strips a space or builds the XForm: a workbook of a few hundred
kilobytes, whose 32,767-character text is named by 100,000 cells, hands the pipeline
3 GB of text, far past what its unpacked size says. So each part of the archive is
scanned with expat (a document type stops the scan: no entity is ever expanded), and
every cell that names a shared text is counted at that text's length.

The count errs on the high side: every shared-strings table is read, each text counted at
its longest, and every XML part of the archive is scanned for cells, wherever the
workbook's relations would place its sheets. A part that is not XML is skipped: the
workbook reader says what is wrong with it.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO, Protocol
from xml.parsers import expat

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "
_SHARED_TABLE, _SHARED_TEXT, _TEXT = _MAIN + "sst", _MAIN + "si", _MAIN + "t"
_CELL, _VALUE = _MAIN + "c", _MAIN + "v"
_SMALLEST_CELL = len('<c t="s"><v>0</v></c>')
"""The fewest bytes a cell naming a shared text takes: the most cells a part can hold."""


class _NotCounted(Exception):
    """A part that is no XML, damaged, or declares a document type: not counted."""


def cell_text_size(content: bytes, enough: int) -> int:
    """Return how many characters the cells of the .xlsx ``content`` name from its shared
    texts, once per cell; 0 where no cell could name ``enough`` or for what is no
    readable archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            lengths: list[int] = []
            for member in members:
                _longest(lengths, _shared_lengths(archive, member))
            most_cells = sum(member.file_size for member in members) // _SMALLEST_CELL
            if not lengths or max(lengths) * most_cells <= enough:
                return 0  # no cell could name texts enough to matter: skip the scan
            return sum(_named_text(archive, member, lengths) for member in members)
    except Exception:  # a damaged archive fails zipfile in many ways: the reader says so
        return 0


def xls_cell_text_size(content: bytes) -> int:
    """Return how many characters the text cells of the .xls ``content`` hold (0 for what
    xlrd cannot open: the workbook reader says why).

    An .xls keeps its texts in one table too (the SST), and xlrd hands every cell the same
    string: 20,000 cells naming one 32,000-character text, 1.4 MB on disk, ran pyxform out
    of a gigabyte. Counting costs xlrd's reading of the sheets, a fraction of a second.
    """
    import xlrd

    total = 0
    try:
        book = xlrd.open_workbook(
            file_contents=content, on_demand=True, ragged_rows=True, logfile=io.StringIO()
        )
        try:
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                for row in range(sheet.nrows):
                    total += sum(len(v) for v in sheet.row_values(row) if isinstance(v, str))
                book.unload_sheet(index)
        finally:
            book.release_resources()
    except Exception:  # a damaged file fails xlrd in many ways: the reader says so
        return 0
    return total


def _longest(lengths: list[int], found: list[int]) -> None:
    for index, length in enumerate(found):
        if index < len(lengths):
            lengths[index] = max(lengths[index], length)
        else:
            lengths.append(length)


def _shared_lengths(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> list[int]:
    """Return the length of each text of ``member`` if it is a shared-strings table."""
    table = _SharedTable()
    with archive.open(member) as source:
        _parse(source, table)
    return table.lengths


def _named_text(archive: zipfile.ZipFile, member: zipfile.ZipInfo, lengths: list[int]) -> int:
    """Return the characters the cells of ``member`` take from the shared texts."""
    cells = _CellsNamingShared(lengths)
    with archive.open(member) as source:
        _parse(source, cells)
    return cells.total


class _Handlers(Protocol):
    def start(self, tag: str, attributes: dict[str, str]) -> None: ...

    def end(self, tag: str) -> None: ...

    def text(self, data: str) -> None: ...


class _SharedTable:
    """Each text's length, as openpyxl joins it: the ``t`` runs of an ``si``."""

    def __init__(self) -> None:
        self.lengths: list[int] = []
        self.root = ""
        self.in_text = False
        self.length = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if not self.root:
            self.root = tag
            if tag != _SHARED_TABLE:
                raise _NotCounted
        elif tag == _SHARED_TEXT:
            self.length = 0
        elif tag == _TEXT:
            self.in_text = True

    def end(self, tag: str) -> None:
        if tag == _TEXT:
            self.in_text = False
        elif tag == _SHARED_TEXT:
            self.lengths.append(self.length)

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)


class _CellsNamingShared:
    """The total length of the shared texts the cells of a sheet name."""

    def __init__(self, lengths: list[int]) -> None:
        self.lengths = lengths
        self.total = 0
        self.shared = False
        self.in_value = False
        self.value = ""

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == _CELL:
            self.shared = attributes.get("t") == "s"
            self.value = ""
        elif tag == _VALUE:
            self.in_value = self.shared

    def end(self, tag: str) -> None:
        if tag == _VALUE:
            self.in_value = False
        elif tag == _CELL and self.shared:
            value = self.value.strip()
            index = int(value) if value.isdigit() and len(value) < 12 else -1
            if 0 <= index < len(self.lengths):
                self.total += self.lengths[index]

    def text(self, data: str) -> None:
        if self.in_value and len(self.value) < 24:
            self.value += data


def _parse(source: IO[bytes], handlers: _Handlers) -> None:
    """Run expat over ``source``: a document type is refused before any entity is read."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse(*_args: object) -> None:
        raise _NotCounted

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = handlers.start
    parser.EndElementHandler = handlers.end
    parser.CharacterDataHandler = handlers.text
    try:
        while chunk := source.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except Exception:  # not XML, a document type, damaged bytes (zlib, CRC, expat...)
        return  # counted as far as it read; the workbook reader refuses the rest
