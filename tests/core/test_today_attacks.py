"""Today's trust-relevant changes, attacked as ``docs/protecting-interviewees.md`` says.

Files planted in a shared folder where partial files are swept (symlinks, folders, process
ids no system has, a live run of ours, odd unicode), a crafted mount table, a cancel at
every moment of a package's copy, and the search box's LIKE wildcards and quotes. Forged
signed packages (targets of every JSON type, a nameless conflict resolution) are in
``test_merge_attacks.py`` beside the other forged rows.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from fieldapp.core import leftovers

NOT_RUNNING = 2**22 + 4321
"""A process id above Linux's highest: no process here has it."""


def _ours(folder: Path, name: str, pid: int | str = NOT_RUNNING) -> Path:
    """The name a partial file of this computer's run ``pid`` has in ``folder``."""
    return folder / f".{name}.{leftovers.machine_token()}-{pid}-{uuid.uuid4().hex}.partial"


def test_a_planted_symlink_is_unlinked_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    precious = outside / "interviews.db"
    precious.write_bytes(b"the only copy")
    (outside / "recordings").mkdir()
    (outside / "recordings" / "a.ogg").write_bytes(b"audio")
    shared = tmp_path / "shared"
    shared.mkdir()
    to_file = _ours(shared, "TJ01.fieldapp")
    to_file.symlink_to(precious)
    to_folder = _ours(shared, "TJ02.fieldapp")
    to_folder.symlink_to(outside / "recordings", target_is_directory=True)
    staging = tmp_path / f".fieldapp-package-{NOT_RUNNING}-{uuid.uuid4().hex}"
    staging.symlink_to(outside, target_is_directory=True)

    assert sorted(leftovers.sweep(shared)) == sorted([to_file, to_folder])
    assert leftovers.sweep(tmp_path, what="package") == [staging]
    assert precious.read_bytes() == b"the only copy"
    assert (outside / "recordings" / "a.ogg").read_bytes() == b"audio"
    assert not to_file.is_symlink() and not staging.is_symlink()


def test_a_folder_named_as_a_partial_file_is_not_a_run_of_ours(tmp_path: Path) -> None:
    # A partial file is always a file: a folder of that name is somebody's, kept whole.
    folder = _ours(tmp_path, "TJ01.fieldapp")
    folder.mkdir()
    (folder / "notes.txt").write_bytes(b"somebody's notes")
    assert leftovers.sweep(tmp_path) == []
    assert (folder / "notes.txt").read_bytes() == b"somebody's notes"


@pytest.mark.parametrize("pid", [2**31, 2**63, 10**40], ids=["2^31", "2^63", "10^40"])
def test_a_process_id_no_system_has_is_swept_not_a_crash(tmp_path: Path, pid: int) -> None:
    # Before the mend os.kill raised OverflowError: one planted name in a shared folder
    # stopped every package written there, with a traceback.
    planted = _ours(tmp_path, "TJ01.fieldapp", pid)
    planted.write_bytes(b"")
    old_style = tmp_path / f".TJ02.fieldapp.{pid}-{uuid.uuid4().hex}.partial"
    old_style.write_bytes(b"")
    assert sorted(leftovers.sweep(tmp_path)) == sorted([planted, old_style])


def test_a_live_run_with_our_token_is_left_to_finish(tmp_path: Path) -> None:
    live = [
        _ours(tmp_path, "TJ01.fieldapp", os.getpid()),
        _ours(tmp_path, "TJ02.fieldapp", os.getppid()),  # a live process, not this one
        tmp_path / f".fieldapp-export-{os.getppid()}-{uuid.uuid4().hex}",
    ]
    for path in live[:2]:
        path.write_bytes(b"being written")
    live[2].mkdir()
    assert leftovers.sweep(tmp_path, what="export") == []
    assert all(path.exists() for path in live)


@pytest.mark.parametrize(
    "name",
    [
        "Informe ñandú 📦.fieldapp",
        "TJ01\u202efieldapp.exe",  # a right-to-left override
        "TJ01.fieldapp\u200b",
        "a\nb.fieldapp",
    ],
)
def test_odd_unicode_names_are_swept_by_their_pattern_only(tmp_path: Path, name: str) -> None:
    dead = _ours(tmp_path, name)
    dead.write_bytes(b"")
    # digits of another script are no process id: not ours
    arabic = tmp_path / f".{name}.{leftovers.machine_token()}-١٢٣-{uuid.uuid4().hex}.partial"
    arabic.write_bytes(b"")
    kept = tmp_path / name
    kept.write_bytes(b"a finished package")
    assert leftovers.sweep(tmp_path) == [dead]
    assert arabic.exists() and kept.read_bytes() == b"a finished package"
