"""The spool a sheet's rows wait in: every byte comes back once, none is clear on disk."""

from __future__ import annotations

import io
import os

import pytest
from et_xmlfile import xmlfile

from fieldapp.core.export.spool import EncryptedSpool

CANARY = "Testigo-Zacatecas-QK19"


def test_what_openpyxl_writes_through_its_text_wrapper_comes_back_whole() -> None:
    spool = EncryptedSpool()
    stories = [f"{CANARY} {number} ¿quién? ñandú 🙂" for number in range(20_000)]
    # openpyxl streams a sheet through et_xmlfile, which wraps the spool for text.
    with xmlfile(spool) as xf, xf.element("sheetData"):
        for story in stories:
            with xf.element("t"):
                xf.write(story)
    spool.write(memoryview(b"<!--tail-->"))
    on_disk = os.pread(spool._file.fileno(), spool._file.seek(0, io.SEEK_END), 0)
    out = io.BytesIO()
    spool.copy_to(out)

    expected = "<sheetData>" + "".join(f"<t>{s}</t>" for s in stories) + "</sheetData>"
    assert out.getvalue() == expected.encode() + b"<!--tail-->"
    assert len(on_disk) > len(expected) and CANARY.encode() not in on_disk
    assert spool.closed


def test_a_closed_spool_says_so_and_takes_no_more_rows() -> None:
    spool = EncryptedSpool()
    assert not spool.closed
    spool.close()
    spool.close()  # a discard after a save closes again: harmless
    assert spool.closed
    # The text wrapper openpyxl writes through refuses, rather than losing rows.
    wrapper = io.TextIOWrapper(spool, encoding="utf-8")
    with pytest.raises(ValueError):
        wrapper.write("<row/>")
    with pytest.raises(ValueError):
        spool.copy_to(io.BytesIO())
