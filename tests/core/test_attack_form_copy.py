"""*Save a copy…* (File › Forms…) of a form a hostile package brought.

The copy writes the form's workbook where the supervisor chose and the form's attached
files (``form_files``: choice lists, media) beside it, under their own names. A package
names those files and gives their bytes: a compromised laptop stores a form with any
files it likes (as a Central download stores every file of a form's manifest), and the
supervisor's merge takes them with the form. Names that are no plain file name (a
separator, U+202E, ``CON``) are refused already (``test_form_add``). Before this:

- a file named as the copy itself (``cso.xlsx``, which *Save a copy…* offers) replaced
  the workbook just written: the supervisor took another form to ODK or Kobo;
- two files one on Windows and macOS (``Logo.png``, ``logo.png``) left one of them;
- ``setup.exe``, ``desktop.ini``, files the form never reads nor shows, were planted
  beside the workbook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_devices import Device
from xlsform import write_xlsform

from fieldapp.core.form_add import copy_name, write_form_copy
from fieldapp.core.forms.loader import load_form_bytes
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError

STREETS = b"name,label\nnorte,Norte\n"
LOGO = b"\x89PNG\r\n\x1a\n logo"


def _merged(tmp_path: Path, images: list[str], files: dict[str, bytes]) -> tuple[Device, str]:
    """The supervisor, after merging a laptop that stored the form ``cso`` (a street list
    read from a file, a note showing each of ``images``) with ``files`` attached."""
    survey = [{"type": "select_one_from_file streets.csv", "name": "street", "label": "Calle"}]
    survey += [
        {"type": "note", "name": f"n{n}", "label": "Logo", "image": image}
        for n, image in enumerate(images)
    ]
    settings = {"form_id": "cso", "version": "1", "form_title": "Sociedad civil"}
    workbook = write_xlsform(tmp_path / "cso.xlsx", survey, settings=settings)
    content = workbook.read_bytes()
    form = load_form_bytes(content, "cso.xlsx", files={"streets.csv": STREETS})
    laptop = Device(tmp_path / "laptop.db", "ana")
    laptop.store.forms.add_loaded(form, content, "cso.xlsx", {"streets.csv": STREETS, **files})
    laptop.close()
    supervisor = Device(tmp_path / "supervisor.db", "sup")
    merge_database(supervisor.store, laptop.path)
    (record,) = supervisor.store.forms.records()
    return supervisor, record.sha256


def test_files_the_form_never_reads_nor_shows_are_not_written(tmp_path: Path) -> None:
    planted = {"setup.exe": b"MZ owned", "desktop.ini": b"[.ShellClassInfo]", "cso.xlsx": b"PK"}
    images = ["logo.png", "mapa de la zona.png"]
    shown = {image: LOGO for image in images}
    supervisor, sha256 = _merged(tmp_path, images, {**shown, **planted})
    out = tmp_path / "out"
    out.mkdir()
    record = supervisor.store.forms.records()[0]
    target = out / copy_name(supervisor.store, record)
    written, files = write_form_copy(supervisor.store, sha256, target)
    assert files == ["logo.png", "mapa de la zona.png", "streets.csv"]
    assert sorted(p.name for p in out.iterdir()) == ["cso.xlsx", *files]
    assert written.read_bytes() == (tmp_path / "cso.xlsx").read_bytes()  # the form's own
    assert (out / "logo.png").read_bytes() == LOGO
    supervisor.close()


@pytest.mark.parametrize(
    ("images", "code", "why"),
    [
        (["cso.xlsx"], "formdesk.file_is_copy", "named as the copy: it replaced the workbook"),
        (["CSO.XLSX"], "formdesk.file_is_copy", "the copy's name on Windows and macOS"),
        (["Logo.png", "logo.png"], "formdesk.file_names_clash", "one file on Windows, macOS"),
    ],
)
def test_files_that_would_be_one_file_with_the_copy_or_each_other_are_refused(
    tmp_path: Path, images: list[str], code: str, why: str
) -> None:
    files = {image: f"{image} {n}".encode() for n, image in enumerate(images)}
    supervisor, sha256 = _merged(tmp_path, images, files)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FieldappError) as error:
        write_form_copy(supervisor.store, sha256, out / "cso.xlsx")
    assert error.value.code == code, why
    for language, words in (("en", "one file"), ("es", "un solo archivo")):
        said = error.value.text(language)
        assert words in said and images[-1] in said, why
    assert list(out.iterdir()) == [], why
    supervisor.close()
