"""A file's size as a person reads it, in the messages that name one."""

from __future__ import annotations

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
