"""The export's count of sealed interviews is the ones it left out, never a row set aside."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from merge_devices import SEALED_FORM, Device

from fieldapp.core.export.from_store import export_workbook
from fieldapp.core.messages import text
from fieldapp.core.quarantine import quarantine_rows


def _about(path: Path) -> dict[str, object]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = workbook["about"].iter_rows(values_only=True)
        return {str(row[0]): row[1] for row in rows if len(row) > 1}
    finally:
        workbook.close()


def test_a_sealed_interview_set_aside_is_not_counted_as_left_out(tmp_path):
    laptop = Device(tmp_path / "ana.db", "ana")
    sid = laptop.create(laptop.add_form(), "Tijuana", {"name": "en claro"})
    for blob in (b"uno", b"dos", b"tres"):
        laptop.seal(sid, blob)
    conn = laptop.store.conn
    sealed = [
        uuid
        for (uuid,) in conn.execute(
            "SELECT uuid FROM submissions WHERE form_id = ? ORDER BY uuid", [SEALED_FORM]
        )
    ]
    quarantine_rows(laptop.store, [("submissions", sealed[0])], reason="forged", author="ana")
    laptop.close()
    hidden = export_workbook(laptop.path, tmp_path / "hidden.xlsx", hide_sealed=True)
    # Before a key the sealed forms' interviews are left out whole: two, as the list says.
    assert _about(tmp_path / "hidden.xlsx")["Interviews of sealed forms left out"] == 2
    assert text("export.warning.sealed_hidden", "en", count=2) in hidden.warnings
    # In a terminal they are written without answers: the same two, and the count says 2.
    shown = export_workbook(laptop.path, tmp_path / "shown.xlsx", hide_sealed=False)
    (sheet,) = [s for s in shown.sheets if s.form_id == SEALED_FORM and not s.repeat]
    assert sheet.rows == 2
    assert text("export.warning.sealed", "en", count=2) in shown.warnings
