"""Why the system refused a file is said in the user's language, not the C library's."""

from __future__ import annotations

import errno
import os
import sqlite3
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


def full_database_error(tmp_path: Path) -> sqlite3.Error:
    """SQLite's own "database or disk is full", as a full USB stick gives it."""
    conn = sqlite3.connect(tmp_path / "small.db")
    try:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA max_page_count = 2")
        with pytest.raises(sqlite3.Error) as raised:
            conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    finally:
        conn.close()
    return raised.value


def test_a_stick_full_or_pulled_out_is_said_in_spanish_not_in_sqlites_words(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = full_database_error(tmp_path)
    assert str(full) == "database or disk is full"
    pulled = sqlite3.OperationalError("disk I/O error")  # the stick gone mid-write
    pulled.sqlite_errorcode = sqlite3.SQLITE_IOERR_WRITE  # type: ignore[attr-defined]
    for error, spanish in (
        (full, "(el disco está lleno)"),
        (pulled, "(no se pudo leer o escribir el disco o la memoria USB"),
    ):

        def refused(*_args: object, error: sqlite3.Error = error) -> None:
            raise error

        monkeypatch.setattr("fieldapp.core.package.leftovers.publish", refused)
        with pytest.raises(FieldappError) as raised:
            write_package(store, tmp_path / "usb" / "TJ01.fieldapp")
        said = raised.value.text("es")
        assert spanish in said and str(error) not in said
        assert str(error) not in raised.value.text("en")
        assert not list((tmp_path / "usb").iterdir()), "no half-written package is left"


def test_other_sqlite_refusals_of_a_folder_are_worded_and_the_rest_kept(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.Error) as cannot_open:
        sqlite3.connect(tmp_path / "gone" / "TJ01.fieldapp").execute("SELECT 1")
    said = os_reason(cannot_open.value)
    assert not isinstance(said, str)
    assert said.text("es") == "no se pudo abrir ni crear el archivo ahí"
    other = sqlite3.OperationalError("no such table: t")
    other.sqlite_errorcode = sqlite3.SQLITE_ERROR  # type: ignore[attr-defined]
    assert os_reason(other) == "no such table: t"
