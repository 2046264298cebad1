"""A file's size as a person reads it, in the messages that name one."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.core.messages import FieldappError, file_sizes


@pytest.mark.parametrize(
    ("sizes", "english", "spanish"),
    [
        ((200_000, 524_288), "(195 KB of 512 KB)", "(195 KB de 512 KB)"),
        ((3_500_000, 7_340_032), "(3.3 MB of 7.0 MB)", "(3.3 MB de 7.0 MB)"),
        ((1, 900), "(1 byte of 900 bytes)", "(1 byte de 900 bytes)"),
        # alike once rounded: said in bytes, grouped, so that they read apart
        (
            (524_287, 524_288),
            "(524,287 bytes of 524,288 bytes)",
            "(524,287 bytes de 524,288 bytes)",
        ),
        ((5 * 1024**3, 6 * 1024**3), "(5.00 GB of 6.00 GB)", "(5.00 GB de 6.00 GB)"),
    ],
)
def test_a_truncated_package_reads_its_sizes_in_units_grouped(
    sizes: tuple[int, int], english: str, spanish: str
) -> None:
    size, expected = file_sizes(*sizes)
    error = FieldappError("merge.truncated", path="TJ01.fieldapp", size=size, expected=expected)
    assert english in error.text("en")
    assert spanish in error.text("es")


def test_a_truncated_database_reads_its_sizes_as_the_package_does() -> None:
    size, expected = file_sizes(200_000, 524_288)
    error = FieldappError("store.truncated", path="TJ01.db", size=size, expected=expected)
    assert "holds 195 KB but says it should hold 512 KB" in error.text("en")
    assert "tiene 195 KB pero indica que debería tener 512 KB" in error.text("es")


def test_a_recording_too_large_says_its_size_in_units_and_the_limit_whole() -> None:
    from fieldapp.core.store.files import check_attachment_size

    with pytest.raises(FieldappError) as refused:
        check_attachment_size("entrevista.wav", 1_400_000_000)  # a two-hour WAV
    assert "entrevista.wav is 1.30 GB; an interview keeps files of up to 256 MB." in (
        refused.value.text("en")
    )
    assert "entrevista.wav ocupa 1.30 GB; una entrevista guarda archivos de hasta 256 MB." in (
        refused.value.text("es")
    )
    # a byte past the limit would read "256.0 MB" past "256 MB": both in bytes
    with pytest.raises(FieldappError) as refused:
        check_attachment_size("larga.m4a", 256 * 1024**2 + 1)
    assert "is 268,435,457 bytes; an interview keeps files of up to 268,435,456 bytes" in (
        refused.value.text("en")
    )


def test_a_workbook_too_large_says_its_size_in_units_and_the_limit_whole() -> None:
    from fieldapp.core.forms.pyxform_stages import FormError, _refuse_too_large

    with pytest.raises(FormError) as refused:
        _refuse_too_large(b"\0" * (40 * 1024**2 + 300_000), "enorme.xlsx")
    (error,) = refused.value.problems
    assert "the workbook unpacks to 40.3 MB, more than the 32 MB a form may take" in error.text(
        "en"
    )
    assert "el libro se descomprime en 40.3 MB, más que los 32 MB que admite" in error.text("es")


def test_a_package_too_large_for_the_stick_says_both_sizes_in_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.core import volumes
    from fieldapp.core.package import _check_room

    out = tmp_path / "TJ01.fieldapp"
    monkeypatch.setattr(volumes, "file_system", lambda folder: "vfat")
    with pytest.raises(FieldappError) as refused:
        _check_room(out, 5_000_000_000)
    assert (
        "would be 4.66 GB, and this USB stick is formatted FAT32, which holds files of at "
        "most 4 GB." in refused.value.text("en")
    )
    assert (
        "ocuparía 4.66 GB, y esta memoria USB tiene formato FAT32, que admite archivos de "
        "4 GB como máximo." in refused.value.text("es")
    )
    monkeypatch.setattr(volumes, "file_system", lambda folder: "exfat")
    monkeypatch.setattr(volumes, "free_bytes", lambda folder: 300_000_000)
    with pytest.raises(FieldappError) as refused:
        _check_room(out, 1_000_000_000)
    assert "needs about 953.7 MB and there are 286.1 MB free there." in refused.value.text("en")
    assert "necesita unos 953.7 MB y ahí quedan 286.1 MB libres." in refused.value.text("es")
