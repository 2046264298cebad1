"""Attack on *(rlabels)*: an older form version that marks safe what the newer withholds.

Since *(rlabels)* each round's rows are said with that round's form: its choice labels,
their piped ``${name}`` and its calculations. A version the forms desk or a package
brought (older, in clear) could mark the name question ``sensitive = no``, pipe it into a
choice label and copy it into a calculation: a de-identified export must still hold no
interviewee's name, from that version's interviews or the newer one's.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from xlsform import choice, row, write_xlsform

from fieldapp.core.export import ExportOptions, export_workbook
from fieldapp.core.store import Store

NAMES = {"1": "Zorrilla Ébano", "2": "Quetzal Anapra"}
"""A canary name per round's interview."""


def _round(folder: Path, version: str) -> Path:
    older = version == "1"
    survey = [
        row("text", "nombre", "Name", sensitive="no" if older else ""),
        row("calculate", "copia", "", calculation="concat('n: ', ${nombre})", sensitive="no"),
        row("select_one trato", "trato", "How to address ${nombre}"),
    ]
    choices = [
        choice("trato", "1", "As ${nombre}", "Como ${nombre}"),
        choice("trato", "2", "Ud.", "Ud."),
    ]
    return write_xlsform(
        folder / f"round{version}.xlsx",
        survey,
        choices,
        settings={"form_id": "study", "version": version, "default_language": "English (en)"},
    )


@pytest.mark.parametrize("out", ["study.zip", "study.xlsx"])
def test_an_older_version_marking_the_name_safe_brings_no_name_into_a_deidentified_export(
    tmp_path: Path, out: str
) -> None:
    """Every file of a de-identified labels export (CSV, load.R, codebook, about; the
    workbook's sheets), unpacked: neither round's name, in full or in part. Held: a
    question withheld in one version is withheld in every one (``_withheld``), a piped
    reference is said as the question's label, and a calculation that reads a withheld
    answer is left out. Without ``deidentify`` the same export names both."""
    db = tmp_path / "field.db"
    with Store.open(db) as store:
        for version in ("1", "2"):
            sha = store.forms.add(_round(tmp_path, version)).sha256
            store.interviews.submit(sha, {"nombre": NAMES[version], "trato": "1"}, finalize=True)
    options = ExportOptions(language="en", labels=True, deidentify=True, min_group=1)
    result = export_workbook(db, tmp_path / out, options)
    with zipfile.ZipFile(result.path) as files:  # an xlsx is a zip too
        texts = b"".join(files.read(name) for name in files.namelist())
    for name in NAMES.values():
        for needle in (name, name.split()[0]):
            assert needle.encode() not in texts, needle
