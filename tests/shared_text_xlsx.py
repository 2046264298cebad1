"""Write an .xlsx by hand, as Excel does: texts in a shared-strings table, cells by number.

openpyxl writes every text inline, so a test that needs what Excel writes (one text named
by many cells), or XML that no spreadsheet program writes (a document type, a dimension
that claims every row), builds the parts here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

Cell = str | int | None
"""A text written inline, the number of a shared text, or an empty cell."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def column(index: int) -> str:
    """Return the letters of the 0-based column ``index`` (0 -> A, 16383 -> XFD)."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_xml(rows: Sequence[Sequence[Cell]], dimension: str = "", extra_rows: str = "") -> str:
    """Return a worksheet part: each row's cells, then ``extra_rows`` as written."""
    body = []
    for number, cells in enumerate(rows, 1):
        written = []
        for index, value in enumerate(cells):
            where = f"{column(index)}{number}"
            if isinstance(value, int):
                written.append(f'<c r="{where}" t="s"><v>{value}</v></c>')
            elif value is not None:
                written.append(f'<c r="{where}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        body.append(f'<row r="{number}">{"".join(written)}</row>')
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}">{size}<sheetData>'
        f"{''.join(body)}{extra_rows}</sheetData></worksheet>"
    )


def shared_xml(texts: Sequence[str]) -> str:
    """Return a shared-strings part holding ``texts``."""
    items = "".join(f"<si><t>{escape(text)}</t></si>" for text in texts)
    return f'<?xml version="1.0"?><sst xmlns="{_MAIN}">{items}</sst>'


def workbook(sheets: Mapping[str, str], shared: str | None = None) -> bytes:
    """Return the bytes of an .xlsx of the given sheet parts (name -> XML) in order."""
    count = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    if shared is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
        )
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="{_DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    if shared is not None:
        relations += (
            f'<Relationship Id="rIdS" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    names = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            f'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{_TYPE}'
            f'.sheet.main+xml"/>{overrides}</Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>{names}'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_RELS}">{relations}</Relationships>'
        ),
    }
    for i, part in enumerate(sheets.values(), 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = part
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()
