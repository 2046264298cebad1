"""Write small XLSForms inline in tests: rows in, an .xlsx file out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Rows = Sequence[Mapping[str, Any]]
EN, ES = "label::English (en)", "label::Español (es)"
"""The label columns of a form in English and Spanish."""


def row(kind: str, name: str, en: str = "", es: str = "", **more: Any) -> dict[str, Any]:
    """A survey row labelled in both languages: the Spanish label defaults to the English
    one, which defaults to the name."""
    return {"type": kind, "name": name, EN: en or name, ES: es or en or name, **more}


def choice(list_name: str, name: str, en: str, es: str) -> dict[str, str]:
    """A choices row labelled in both languages."""
    return {"list_name": list_name, "name": name, EN: en, ES: es}


def write_xlsform(
    path: Path,
    survey: Rows,
    choices: Rows = (),
    settings: Mapping[str, Any] | None = None,
) -> Path:
    """Write an XLSForm whose sheets hold the given rows (dicts of column -> cell)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "survey"
    _fill(sheet, survey)
    if choices:
        _fill(workbook.create_sheet("choices"), choices)
    if settings:
        _fill(workbook.create_sheet("settings"), [settings])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _fill(sheet: Any, rows: Rows) -> None:
    columns: list[str] = []
    for row in rows:
        for column in row:
            if column not in columns:
                columns.append(column)
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column) for column in columns])
