"""A package the USB stick cannot hold is refused before the copy, with what to do instead.

A laptop's recordings make its package large: past 4 GB it cannot live on a stick
formatted FAT32 (most sticks as sold), and it may need more room than the stick has left.
Both used to fail at the end of a long copy ("disk I/O error", "disk full"); now the
researcher is told at once, in her language, and the stick is left as it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from fieldapp.core import volumes
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store

MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid 0 0
/dev/sdb1 /media/ana/USB\\040STICK vfat rw,nosuid,nodev,uid=1000 0 0
/dev/sdc1 /media/ana/USB\\040STICK2 exfat rw,nosuid,nodev 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/media/ana/USB STICK/TJ01.fieldapp", "vfat"),
        ("/media/ana/USB STICK", "vfat"),
        ("/media/ana/USB STICK2/TJ01.fieldapp", "exfat"),  # not the other stick's prefix
        ("/home/ana/fieldapp", "ext4"),
        ("/run/user/1000", "tmpfs"),
    ],
)
def test_the_file_system_of_a_folder_is_read_from_the_mount_table(path: str, kind: str) -> None:
    assert volumes.mounted_type(MOUNTS, Path(path)) == kind


def test_fat_is_told_apart_from_the_file_systems_that_hold_large_files() -> None:
    assert all(volumes.is_fat(kind) for kind in ("vfat", "FAT32", "msdos"))
    assert not any(volumes.is_fat(kind) for kind in ("exfat", "NTFS", "ext4", None))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's mount table")
def test_this_machines_folders_have_a_file_system_and_free_room(tmp_path: Path) -> None:
    assert volumes.file_system(tmp_path)
    free = volumes.free_bytes(tmp_path)
    assert free is not None and free > 0


@pytest.fixture
def laptop(store: Store) -> Store:
    for number in range(4):
        store.attachments.add(os.urandom(200_000) + bytes([number]))
    return store


def _stick(tmp_path: Path, laptop: Store) -> tuple[Path, Path, bytes]:
    usb = tmp_path / "usb"
    out = usb / "TJ01.fieldapp"
    write_package(laptop, out)  # last week's package, which a refusal must leave whole
    laptop.attachments.add(b"this week's recording")
    return usb, out, out.read_bytes()


def test_a_package_past_what_fat32_holds_is_refused_before_any_byte_is_written(
    laptop: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb, out, before = _stick(tmp_path, laptop)
    monkeypatch.setattr(volumes, "FAT_LARGEST", 100_000)  # a package "past 4 GB"
    monkeypatch.setattr(volumes, "file_system", lambda folder: "vfat")
    with pytest.raises(FieldappError) as raised:
        write_package(laptop, out)
    assert raised.value.code == "merge.package_too_big_for_fat"
    assert "exFAT" in raised.value.text("en") and "Nothing was written" in raised.value.text("en")
    assert "No se escribió nada" in raised.value.text("es")
    assert sorted(p.name for p in usb.iterdir()) == ["TJ01.fieldapp"], "no partial file"
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fieldapp-")]
    # the same package to a stick formatted exFAT is written
    monkeypatch.setattr(volumes, "file_system", lambda folder: "exfat")
    assert write_package(laptop, out).attachments == 5


def test_a_package_larger_than_the_room_left_is_refused_before_the_copy(
    laptop: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb, out, before = _stick(tmp_path, laptop)
    monkeypatch.setattr(volumes, "free_bytes", lambda folder: 300_000)
    with pytest.raises(FieldappError) as raised:
        write_package(laptop, out)
    assert raised.value.code == "merge.package_no_room"
    said = raised.value.text("es")
    assert "KB y ahí quedan 293 KB libres" in said and "No se escribió nada" in said
    assert out.read_bytes() == before and sorted(p.name for p in usb.iterdir()) == [out.name]
    # room enough, or a system that does not say: written as before
    monkeypatch.setattr(volumes, "free_bytes", lambda folder: None)
    assert write_package(laptop, out).attachments == 5


def test_a_folder_that_reports_no_room_at_all_is_not_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network and synced folders report a size and a room of zero: that says nothing."""
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(0, 0, 0))
    assert volumes.free_bytes(tmp_path) is None
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(10**9, 10**9, 0))
    assert volumes.free_bytes(tmp_path) is None
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(10**9, 10**6, 5 * 10**8))
    assert volumes.free_bytes(tmp_path) == 5 * 10**8
