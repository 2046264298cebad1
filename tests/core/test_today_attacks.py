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
from collections.abc import Iterator
from pathlib import Path

import pytest
from lock_children import NOT_RUNNING

from fieldapp.core import leftovers
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store


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


def test_a_killed_runs_staging_folder_is_removed_without_following_links_in_it(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.db").write_bytes(b"the only copy")
    home = tmp_path / "home"
    home.mkdir()
    staging = home / f".fieldapp-package-{NOT_RUNNING}-{uuid.uuid4().hex}"
    staging.mkdir()
    (staging / "package.db").write_bytes(b"a killed run's copy")
    (staging / "link-to-file").symlink_to(outside / "keep.db")
    (staging / "link-to-folder").symlink_to(outside, target_is_directory=True)
    assert leftovers.sweep(home, what="package") == [staging]
    assert not staging.exists()
    assert (outside / "keep.db").read_bytes() == b"the only copy"


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


# --- the USB stick: a crafted mount table, a cancel at every look, no drafts key there ---

CRAFTED_MOUNTS = """\
/dev/sda2 / ext4 rw 0 0
broken line
/dev/sdb1 /media/ana/USB vfat rw 0 0
/dev/sdc1 /media/ana/USB\\040STICK exfat rw 0 0
/dev/sdd1 /media/ana/back\\134slash\\011tab vfat rw 0 0
/dev/sde1 /media/ana/literally\\134040 ntfs rw 0 0
/dev/sdf1 /media/ana/stacked vfat rw 0 0
/dev/sdg1 /media/ana/stacked ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/media/ana/USB STICK/TJ01.fieldapp", "exfat"),
        ("/media/ana/USB/TJ01.fieldapp", "vfat"),
        ("/media/ana/USBX/TJ01.fieldapp", "ext4"),  # a prefix of the name is not the mount
        ("/media/ana/back\\slash\ttab/TJ01.fieldapp", "vfat"),
        ("/media/ana/literally\\040/TJ01.fieldapp", "ntfs"),  # a backslash, then 040
        ("/media/ana/literally /TJ01.fieldapp", "ext4"),
        ("/media/ana/stacked/TJ01.fieldapp", "ext4"),  # the mount on top is the one seen
        ("relative/TJ01.fieldapp", None),
    ],
)
def test_a_crafted_mount_table_names_the_right_file_system(path: str, kind: str | None) -> None:
    from fieldapp.core import volumes

    assert volumes.mounted_type(CRAFTED_MOUNTS, Path(path)) == kind


DRAFTS_PASSPHRASE = "cuaderno de campo 2026"


@pytest.fixture
def sealed_laptop(tmp_path: Path) -> Iterator[tuple[Store, list[bytes]]]:
    """A laptop with sealed drafts (so drafts keys) and a few recordings; its key's hex."""
    from study_keys import key_pair
    from xlsform import write_xlsform

    form = write_xlsform(
        tmp_path / "sealed.xlsx",
        [{"type": "text", "name": "story", "label": "Relato"}],
        settings={"form_id": "sealed", "version": "1", "public_key": key_pair().public_key},
    )
    with Store.open(tmp_path / "laptop" / "field.db") as store:
        store.keys.unlock_drafts(DRAFTS_PASSPHRASE)
        sha = store.forms.add(form).sha256
        for number in range(2):
            sid = store.interviews.start(
                sha, interviewer="NL01", city="nuevo_laredo", actor_type="security"
            )
            store.interviews.autosave(sid, {"story": f"draft {number}"})
        for number in range(6):
            store.attachments.add(os.urandom(256 * 1024) + bytes([number]))
        keys = store.db.conn.execute("SELECT value FROM meta WHERE key LIKE 'draft%'")
        needles = [value[-32:].encode() for (value,) in keys if len(value) >= 32]
        assert len(needles) >= 4  # salt, wrapped drafts key, two interviews' keys
        yield store, needles


def test_a_cancel_at_any_look_leaves_no_byte_and_no_drafts_key_on_the_stick(
    sealed_laptop: tuple[Store, list[bytes]], tmp_path: Path
) -> None:
    store, needles = sealed_laptop
    looks: list[int] = []
    usb = tmp_path / "usb"
    write_package(store, usb / "count.fieldapp", cancelled=lambda: bool(looks.append(1)))
    written = (usb / "count.fieldapp").read_bytes()
    assert not [needle for needle in needles if needle in written]
    (usb / "count.fieldapp").unlink()
    assert len(looks) > 3
    for stop in sorted({1, 2, len(looks) // 2, len(looks) - 1, len(looks)}):
        asked: list[int] = []

        def cancelled(asked: list[int] = asked, stop: int = stop) -> bool:
            asked.append(1)
            return len(asked) >= stop

        with pytest.raises(FieldappError) as raised:
            write_package(store, usb / "TJ01.fieldapp", cancelled=cancelled)
        assert raised.value.code == "merge.package_cancelled", stop
        assert list(usb.iterdir()) == [], f"cancelled at look {stop} of {len(looks)}"
        beside = [p.name for p in (tmp_path / "laptop").iterdir()]
        assert not [name for name in beside if name.startswith(".")], beside


# --- the search box: wildcards, quotes, long text, a column outside the three ---


def test_the_search_takes_what_is_typed_literally_and_keeps_sealed_ones_hidden(
    sealed_laptop: tuple[Store, list[bytes]], tmp_path: Path
) -> None:
    from xlsform import write_xlsform

    from fieldapp.core.store.records import InterviewFilter

    store, _ = sealed_laptop
    form = write_xlsform(
        tmp_path / "open.xlsx",
        [{"type": "text", "name": "name", "label": "Nombre"}],
        settings={"form_id": "open", "version": "1", "form_title": "Abierto"},
    )
    sha = store.forms.add(form).sha256
    for interviewer in ("50%_off", 'O\'Brien "x"', "back\\slash", "plain"):
        store.interviews.start(sha, interviewer=interviewer, city="juarez", actor_type="cso")

    def found(text: str, **extra: object) -> list[str]:
        filters = InterviewFilter(text=text, **extra)  # type: ignore[arg-type]
        rows = store.interviews.page(filters)
        assert store.interviews.count(filters) == len(rows)
        return sorted(row.interviewer for row in rows)

    assert found("%") == ["50%_off"]
    assert found("_") == ["50%_off"]
    assert found("%_o") == ["50%_off"]
    assert found("'") == ['O\'Brien "x"']
    assert found('"x"') == ['O\'Brien "x"']
    assert found("\\") == ["back\\slash"]
    assert found("\\%") == []
    assert found("x" * 100_000) == []  # past SQLite's longest LIKE pattern: no error
    long_title = "Relatos " + "\U0001d538" * 13_000  # 52,000 bytes of UTF-8
    titled = write_xlsform(
        tmp_path / "long.xlsx",
        [{"type": "text", "name": "name", "label": "Nombre"}],
        settings={"form_id": "long", "version": "1", "form_title": long_title},
    )
    long_sha = store.forms.add(titled).sha256
    store.interviews.start(long_sha, interviewer="LT01", city="juarez", actor_type="cso")
    assert found(long_title.upper()) == ["LT01"], "a long text is still looked for"
    assert found(long_title + "x") == []
    assert found("\x00") == []  # LIKE ended its pattern at a NUL: it matched every row
    assert found("plain\x00zz") == []
    # a column outside city, actor type and state is never spliced into the SQL
    for column in ("interviewer", "1=1 OR city", "city; DROP TABLE submissions --"):
        assert found("zz", text_codes=((column, "plain"),)) == [], column
    assert found("zz", text_codes=(("city", "juarez"),)) == sorted(
        ["50%_off", "LT01", 'O\'Brien "x"', "back\\slash", "plain"]
    )
    # before the drafts passphrase, a sealed form's interviews stay off the list,
    # even when their city's label is what is typed
    sealed_city = (("city", "nuevo_laredo"),)
    assert found("zz", text_codes=sealed_city) == ["NL01", "NL01"]
    assert found("zz", text_codes=sealed_city, sealed_hidden=True) == []
    assert found("NL01", sealed_hidden=True) == []
