"""Before a key, an export leaves out the sealed version of a form sealed by a new version.

`fieldapp forms seal` adds a sealed version of a form already held in clear. Exporting from
the desktop before the drafts passphrase (``hide_sealed``) dropped the sealed version from
the forms but still read its interviews with the clear one's: each was "collected with a
form version this database does not hold … Merge the database that has that form", one
warning per sealed interview, naming it, in the about sheet (found walking the supervisor's
export at 1366×768: 20 such warnings beside the right one).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from study_keys import DRAFTS_PASSPHRASE, STORY
from xlsform import write_xlsform

from fieldapp.core import crypto
from fieldapp.core.export.from_store import export_workbook
from fieldapp.core.messages import text
from fieldapp.core.store import Store


def test_a_forms_sealed_version_is_left_out_whole_beside_its_clear_one(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    clear = write_xlsform(
        tmp_path / "security_1.xlsx", STORY, settings={"form_id": "security", "version": "1"}
    )
    sealed = write_xlsform(
        tmp_path / "security_2.xlsx",
        STORY,
        settings={"form_id": "security", "version": "2", "public_key": pair.public_key},
    )
    db = tmp_path / "supervisor.db"
    with Store.open(db) as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        first = store.forms.add(clear).sha256
        second = store.forms.add(sealed).sha256
        store.interviews.submit(first, {"story": "antes"}, finalize=True, city="tijuana")
        hidden_ids = [
            str(store.interviews.submit(second, {"story": s}, finalize=True, city="tijuana")[0])
            for s in ("uno", "dos")
        ]
    result = export_workbook(db, tmp_path / "out.xlsx", hide_sealed=True)
    assert list(result.warnings) == [text("export.warning.sealed_hidden", "en", count=2)]
    assert not any(sid in warning for warning in result.warnings for sid in hidden_ids)
    (sheet,) = [s for s in result.sheets if s.form_id == "security" and not s.repeat]
    assert sheet.rows == 1
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    try:
        rows = workbook["about"].iter_rows(values_only=True)
        about = {str(row[0]): row[1] for row in rows if len(row) > 1}
    finally:
        workbook.close()
    assert about["Interviews of sealed forms left out"] == 2
    assert about["Interviews exported"] == 1
