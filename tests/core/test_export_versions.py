"""A form changed between rounds: one sheet, a codebook that says which version asked what,
and a de-identified export that withholds in every version what any version marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from xlsform import write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

GROUPS = [
    {"list_name": "groups", "name": name, "label": name.title()}
    for name in ("church", "chamber", "other")
]


def _round(folder: Path, version: str, *, marked: bool) -> Path:
    """The form of one round; the second marks the two identifying questions sensitive."""
    sensitive = {"sensitive": "yes"} if marked else {}
    survey: list[dict[str, Any]] = [
        {"type": "select_one yes_no", "name": "consent", "label": "Consent?"},
        {"type": "select_multiple groups", "name": "groups", "label": "Groups", **sensitive},
        {"type": "text", "name": "groups_other", "label": "Which?", **sensitive},
    ]
    if version == "1":
        survey.append({"type": "integer", "name": "founded", "label": "Founded"})
    else:
        survey.append({"type": "select_one yes_no", "name": "threatened", "label": "Threats?"})
    choices = [*GROUPS, *({"list_name": "yes_no", "name": n, "label": n} for n in ("yes", "no"))]
    if version == "2":
        choices.append({"list_name": "groups", "name": "98", "label": "Don't know"})
    return write_xlsform(
        folder / f"round{version}.xlsx",
        survey,
        choices,
        settings={"form_id": "study", "version": version},
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("versions")
    db = folder / "field.db"
    with Store.open(db) as store:
        first = store.forms.add(_round(folder, "1", marked=False)).sha256
        store.interviews.submit(
            first,
            {
                "consent": "yes",
                "groups": ["church", "other"],
                "groups_other": "Comité X",
                "founded": 1998,
            },
            finalize=True,
        )
        second = store.forms.add(_round(folder, "2", marked=True)).sha256
        store.interviews.submit(
            second,
            {"consent": "yes", "groups": ["98"], "threatened": "no"},
            finalize=True,
        )
    return db


def _sheets(path: Path) -> dict[str, list[dict[str, Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    sheets = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        sheets[name] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return sheets


def test_both_versions_fill_one_sheet_and_the_codebook_says_who_asked_what(
    database: Path, tmp_path: Path
) -> None:
    export_workbook(database, tmp_path / "all.xlsx")
    sheets = _sheets(tmp_path / "all.xlsx")
    rows = {row["_form_version"]: row for row in sheets["study"]}
    assert rows["1"]["founded"] == 1998 and rows["1"]["threatened"] == ""
    assert rows["2"]["threatened"] == "no" and rows["2"]["founded"] == ""
    assert rows["1"]["groups/church"] == 1 and rows["2"]["groups/98"] == 1
    versions = {row["variable"]: row["versions"] for row in sheets["codebook"]}
    assert versions["consent"] == "2 1"  # newest first
    assert versions["founded"] == "1" and versions["threatened"] == "2"
    assert versions["groups/98"] == "2" and versions["groups/church"] == "2 1"


@pytest.mark.usefixtures("every_row_written")
def test_what_a_later_version_marks_sensitive_is_withheld_from_the_earlier_rows(
    database: Path, tmp_path: Path
) -> None:
    export_workbook(database, tmp_path / "deid.xlsx", ExportOptions(deidentify=True))
    sheets = _sheets(tmp_path / "deid.xlsx")
    headers = set(sheets["study"][0])
    # Version 1 left them unmarked; version 2 marks them: no round's rows show them, not
    # even the 0/1 column of a choice only version 1 had.
    assert not {h for h in headers if h.startswith("groups")}
    assert "Comité X" not in {str(v) for row in sheets["study"] for v in row.values()}
    assert {"consent", "founded", "threatened"} <= headers
