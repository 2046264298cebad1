"""`fieldapp export --form` takes a study form by its actor type, as its help says.

The help reads "only this form id, e.g. cso, gov, security, informant", the words
`fieldapp submit --form` and `review list --actor` take; the study's forms are
mx_border_cso and so on, and `--form informant` was refused ("The database has no form
'informant'"). The export now names such a form by its id, in the file and in about.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.core.study import study_forms


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "supervisor.db"
    with Store.open(path) as store:
        for form in study_forms():
            record = store.forms.add(form.path)
            store.interviews.start(
                record.sha256, interviewer="TJ01", city="tijuana", actor_type=form.actor_type
            )
    return path


def _members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return sorted(name for name in archive.namelist() if name.endswith(".csv"))


def test_a_study_form_is_exported_by_its_actor_type(tmp_path: Path, database: Path) -> None:
    out = tmp_path / "informant.zip"
    options = ExportOptions(form_ids=("informant",), drafts=True)
    result = export_workbook(database, out, options)
    assert result.interviews == 1
    members = _members(out)
    assert "mx_border_informant.csv" in members
    assert not [m for m in members if m.startswith(("mx_border_cso", "mx_border_gov"))]
    with zipfile.ZipFile(out) as archive:
        about = list(csv.reader(archive.read("about.csv").decode("utf-8-sig").splitlines()))
    forms = next(cells for cells in about if cells[:1] == ["Forms"])
    assert forms[:2] == ["Forms", "mx_border_informant"], "about names the form by its id"


def test_the_form_id_still_works_and_an_unknown_name_is_refused(
    tmp_path: Path, database: Path
) -> None:
    result = export_workbook(
        database, tmp_path / "gov.zip", ExportOptions(form_ids=("mx_border_gov",), drafts=True)
    )
    assert result.interviews == 1
    with pytest.raises(FieldappError) as refused:
        export_workbook(database, tmp_path / "x.zip", ExportOptions(form_ids=("police",)))
    assert refused.value.code == "export.unknown_form"
    assert not (tmp_path / "x.zip").exists()
