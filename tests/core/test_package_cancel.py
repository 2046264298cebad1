"""Writing a package to a slow USB stick shows how far it is, and can be cancelled.

Recordings live in the database, so a laptop's package can take minutes to reach a
stick. ``write_package`` tells its ``progress`` the bytes written against the size the
package will have, and stops when ``cancelled()`` turns true: whatever the moment, the
target folder is left exactly as it was (an earlier package there too), nothing stays
beside the laptop's database, and the next package is written whole.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from fieldapp.core import package
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store

RECORDINGS = 12
"""Attachments of 256 KiB each: a package of about 3 MiB, copied in several looks."""


@pytest.fixture
def laptop(store: Store) -> Store:
    for number in range(RECORDINGS):
        store.attachments.add(os.urandom(256 * 1024) + bytes([number]))
    return store


def _folder(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (hidden ones too) and the sha256 of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def _counting(stop_at: int | None = None) -> tuple[list[int], object]:
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return stop_at is not None and len(calls) >= stop_at

    return calls, cancelled


def test_the_progress_grows_to_the_packages_size_and_ends_full(
    laptop: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "_EVERY", 0.0)  # look at every step, not every 0.1 s
    seen: list[tuple[int, int]] = []
    out = tmp_path / "usb" / "TJ01.fieldapp"
    report = write_package(laptop, out, progress=lambda done, total: seen.append((done, total)))
    assert report.attachments == RECORDINGS
    totals = {total for _, total in seen}
    assert len(totals) == 1, "one size announced for the whole copy"
    (total,) = totals
    size = out.stat().st_size
    assert abs(total - size) <= size // 20, "the announced size is the package's, within 5 %"
    written = [done for done, _ in seen]
    assert written == sorted(written), "the bar never goes back"
    assert written[0] == 0 and seen[-1] == (total, total)
    assert any(0 < done < total for done in written), "it moves while the copy runs"
    assert written.count(total) == 1, "full only once the package is in place"


@pytest.mark.parametrize("share", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_cancelling_at_any_moment_leaves_the_stick_as_it_was_and_loses_nothing(
    laptop: Store, tmp_path: Path, share: float
) -> None:
    usb = tmp_path / "usb"
    out = usb / "TJ01.fieldapp"
    write_package(laptop, out)  # yesterday's package, which a cancel must not damage
    laptop.attachments.add(b"today's recording")
    calls, cancelled = _counting()
    write_package(laptop, usb / "count.fieldapp", cancelled=cancelled)  # type: ignore[arg-type]
    (usb / "count.fieldapp").unlink()
    looks = len(calls)
    assert looks > 3, "the copy is watched more than at its start and end"
    before, home = _folder(usb), _folder(tmp_path)

    stop = max(1, round(looks * share))
    asked, cancel = _counting(stop_at=stop)
    with pytest.raises(FieldappError) as raised:
        write_package(laptop, out, cancelled=cancel)  # type: ignore[arg-type]
    assert raised.value.code == "merge.package_cancelled"
    # SQLite may ask once more as it unwinds the interrupted copy
    assert len(asked) <= stop + 1, "the copy stops at once, it does not run to its end first"
    assert "nothing was written" in raised.value.text("en")
    assert "no se escribió nada" in raised.value.text("es")
    assert _folder(usb) == before, "yesterday's package whole, no partial file"
    assert _folder(tmp_path) == home, "nothing left beside the laptop's database"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fieldapp-")]

    # Nothing lost: the next package is written whole and merges with today's recording.
    report = write_package(laptop, out)
    assert report.attachments == RECORDINGS + 1
    with Store.open(tmp_path / "supervisor.db") as supervisor:
        merge_database(supervisor, out)
        assert (
            supervisor.attachments.get(hashlib.sha256(b"today's recording").hexdigest())
            == b"today's recording"
        )


def test_a_copy_that_is_not_cancelled_is_not_slowed_into_failure(
    laptop: Store, tmp_path: Path
) -> None:
    """A cancel flag that stays false changes nothing in what is written."""
    calls, cancelled = _counting()
    plain = write_package(laptop, tmp_path / "a.fieldapp")
    watched = write_package(
        laptop,
        tmp_path / "b.fieldapp",
        progress=lambda *_: None,
        cancelled=cancelled,  # type: ignore[arg-type]
    )
    assert calls
    assert (plain.interviews, plain.revisions, plain.attachments, plain.events) == (
        watched.interviews,
        watched.revisions,
        watched.attachments,
        watched.events,
    )
    assert (tmp_path / "a.fieldapp").stat().st_size == (tmp_path / "b.fieldapp").stat().st_size


def test_ctrl_c_stops_fieldapp_package_and_leaves_the_folder_as_it_was(
    laptop: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ctrl+C in a terminal reached Python only after SQLite's whole copy (and a Python
    callback's KeyboardInterrupt is swallowed by sqlite3): the command now turns it into
    the cancel flag, exits 130, and leaves no package and no partial file."""
    import signal

    from fieldapp.cli import main

    follow = package._Watch.follow

    def interrupted(self: package._Watch, *args: object) -> None:
        follow(self, *args)  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGINT)  # the researcher presses Ctrl+C mid-copy

    monkeypatch.setattr(package._Watch, "follow", interrupted)
    usb = tmp_path / "usb"
    usb.mkdir()
    laptop.close()
    before = signal.getsignal(signal.SIGINT)
    code = main(["package", "--db", str(laptop.path), "-o", str(usb / "TJ01")])
    assert code == 130
    assert "nothing was written" in capsys.readouterr().err
    assert list(usb.iterdir()) == []
    assert signal.getsignal(signal.SIGINT) is before, "Ctrl+C is Python's own again"
    # and without Ctrl+C the same command writes the package
    monkeypatch.setattr(package._Watch, "follow", follow)
    assert main(["package", "--db", str(laptop.path), "-o", str(usb / "TJ01")]) == 0
    assert (usb / "TJ01.fieldapp").is_file()
