"""Why the system refused a file is said in the user's language, not the C library's."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from fieldapp.core.messages import FieldappError
from fieldapp.core.os_reasons import REASONS, os_reason
from fieldapp.core.package import write_package
from fieldapp.core.store import Store


@pytest.mark.parametrize("number", sorted(REASONS))
def test_a_common_reason_reads_in_spanish_inside_a_spanish_message(number: int) -> None:
    english = os.strerror(number)  # what the researcher read: "(Permission denied)"
    error = FieldappError(
        "merge.package_failed", path="E:/TJ01.fieldapp", reason=os_reason(OSError(number, english))
    )
    said = error.text("es")
    assert said.startswith("No se pudo escribir el paquete E:/TJ01.fieldapp (")
    assert english not in said
    assert os_reason(OSError(number, english)).text("en") in error.text("en")


def test_any_other_reason_is_the_systems_own_words() -> None:
    error = OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
    assert os_reason(error) == os.strerror(errno.ENAMETOOLONG)
    assert os_reason(ValueError("not an OS error")) == "not an OS error"


def test_a_package_refused_by_the_usb_stick_says_why_in_spanish(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(FieldappError) as raised:
        write_package(store, tmp_path / "usb" / "TJ01.fieldapp")
    said = raised.value.text("es")
    assert "(permiso denegado)" in said and "Permission denied" not in said
    assert "(permission denied)" in raised.value.text("en")


def test_a_file_where_the_folder_should_be_is_named_as_such(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "usb"
    blocker.write_text("a file, not the stick's folder", encoding="utf-8")
    with pytest.raises(FieldappError) as raised:
        write_package(store, blocker / "TJ01.fieldapp")
    assert "ya existe un archivo con ese nombre" in raised.value.text("es")
