"""`fieldapp package` and `fieldapp merge`: what a supervisor types at the end of a field day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from merge_devices import Device, file_checksum
from xlsform import write_xlsform

from fieldapp.cli import main


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """Two laptops' packages on a USB stick, made with `fieldapp package`."""
    stick = tmp_path / "usb"
    for name, city in (("ana", "Tijuana"), ("beto", "Monterrey")):
        laptop = Device(tmp_path / f"{name}.db", name)
        form = laptop.add_form()
        sid = laptop.create(form, city, {"name": f"entrevista de {name}"})
        laptop.finalize(sid)
        laptop.close()
        assert (
            main(["package", "--db", str(laptop.path), "-o", str(stick / f"{name}.fieldapp")]) == 0
        )
    return stick


def test_package_then_merge_a_folder_prints_what_came_in_per_source(usb, tmp_path, capsys):
    capsys.readouterr()
    into = tmp_path / "supervisor.db"

    assert main(["merge", "--into", str(into), str(usb)]) == 0

    out = capsys.readouterr().out
    assert f"{usb / 'ana.fieldapp'}: 1 new interview, 2 new versions" in out
    assert "  civil society:\n    Monterrey: 1 new interview" in out  # the form's title
    assert main(["merge", "--into", str(into), str(usb / "beto.fieldapp"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["merged"][0]["new_revisions"] == 0
    assert report["merged"][0]["conflicts"] == []


def test_a_bad_file_in_a_folder_is_named_and_the_good_ones_are_merged(usb, tmp_path, capsys):
    """As in the app: one junk file on the stick must not keep the laptops' work out."""
    into = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(into), str(usb / "ana.fieldapp")]) == 0
    photo = usb / "IMG_0042.db"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not a database at all" * 100)
    capsys.readouterr()

    assert main(["merge", "--into", str(into), str(usb)]) == 1  # says: something was refused

    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"{photo} is not a fieldapp database" in captured.err
    assert "1 of 3 files was refused" in captured.err
    assert "beto.fieldapp: 1 new interview," in captured.out
    assert main(["merge", "--into", str(into), str(usb), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in report["refused"]] == [str(photo)]
    assert report["refused"][0]["code"] == "merge.not_sqlite"
    assert len(report["merged"]) == 2


def test_a_refused_file_leaves_the_database_as_it_was(usb, tmp_path, capsys):
    into = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(into), str(usb / "ana.fieldapp")]) == 0
    before = file_checksum(into)
    photo = tmp_path / "IMG_0042.db"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not a database at all" * 100)

    assert main(["merge", "--into", str(into), str(photo)]) == 1

    assert file_checksum(into) == before


def test_package_of_a_missing_database_exits_1_with_one_line(tmp_path, capsys):
    assert main(["package", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.db" in err
    assert not (tmp_path / "p").exists()


def test_package_never_overwrites_another_database_or_itself(usb, tmp_path, capsys):
    """A slip of -o (the supervisor's database, the laptop's own) must not wipe it out."""
    supervisor = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(usb)]) == 0
    before = file_checksum(supervisor)
    own = file_checksum(tmp_path / "ana.db")
    capsys.readouterr()

    for target in (supervisor, usb / "beto.fieldapp", tmp_path / "ana.db"):
        assert main(["package", "--db", str(tmp_path / "ana.db"), "-o", str(target)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(target) in err and "Traceback" not in err

    assert file_checksum(supervisor) == before
    assert file_checksum(tmp_path / "ana.db") == own
    assert main(["merge", "--into", str(supervisor), str(usb / "beto.fieldapp")]) == 0
    assert "nothing new" in capsys.readouterr().out  # beto's package is still beto's


def test_package_replaces_an_earlier_package_of_the_same_laptop(usb, tmp_path, capsys):
    laptop = Device(tmp_path / "ana.db", "ana")
    laptop.create(laptop.add_form(), "Tijuana", {"name": "segunda entrevista"})
    laptop.close()
    capsys.readouterr()

    assert main(["package", "--db", str(laptop.path), "-o", str(usb / "ana.fieldapp")]) == 0

    assert "2 interviews" in capsys.readouterr().out


def test_a_folder_holding_the_supervisors_own_package_merges_the_rest(usb, tmp_path, capsys):
    """The stick that carried the supervisor's package to the laptops comes back with it."""
    supervisor = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(usb / "ana.fieldapp")]) == 0
    own = usb / "supervisor.fieldapp"
    assert main(["package", "--db", str(supervisor), "-o", str(own)]) == 0
    capsys.readouterr()

    assert main(["merge", "--into", str(supervisor), str(usb)]) == 0

    captured = capsys.readouterr()
    assert "beto.fieldapp: 1 new interview," in captured.out
    assert f"{own}: skipped" in captured.out
    assert captured.err == ""
    assert main(["merge", "--into", str(supervisor), str(usb), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped"] == [str(own)]


def test_naming_the_database_itself_as_a_source_is_still_refused(usb, tmp_path, capsys):
    supervisor = tmp_path / "supervisor.db"
    assert main(["merge", "--into", str(supervisor), str(usb / "ana.fieldapp")]) == 0
    own = tmp_path / "supervisor.fieldapp"
    assert main(["package", "--db", str(supervisor), "-o", str(own)]) == 0
    capsys.readouterr()

    assert main(["merge", "--into", str(supervisor), str(usb / "beto.fieldapp"), str(own)]) == 1

    assert "is this same database" in capsys.readouterr().err


def test_a_package_named_without_a_merge_suffix_is_still_found_in_the_folder(usb, tmp_path, capsys):
    """Merging the stick's folder takes .fieldapp/.db files only: 'laptop3.pkg' was skipped."""
    laptop = Device(tmp_path / "carla.db", "carla")
    laptop.create(laptop.add_form(), "Nuevo Laredo", {"name": "entrevista de carla"})
    laptop.close()
    capsys.readouterr()

    assert main(["package", "--db", str(laptop.path), "-o", str(usb / "laptop3.pkg")]) == 0

    assert f"{usb / 'laptop3.pkg.fieldapp'}" in capsys.readouterr().out
    assert main(["merge", "--into", str(tmp_path / "supervisor.db"), str(usb)]) == 0
    assert "laptop3.pkg.fieldapp: 1 new interview," in capsys.readouterr().out


def test_merge_lines_name_forms_and_cities_as_people_do_and_json_keeps_codes(tmp_path, capsys):
    workbook = write_xlsform(
        tmp_path / "civil_society.xlsx",
        survey=[
            {"type": "select_one city", "name": "city", "label": "City"},
            {"type": "text", "name": "name", "label": "Name"},
        ],
        choices=[{"list_name": "city", "name": "nuevo_laredo", "label": "Nuevo Laredo"}],
        settings={
            "form_id": "civil_society",
            "version": "2025010101",
            "form_title": "civil society",
        },
    )
    laptop = Device(tmp_path / "ana.db", "ana")
    form = laptop.add_form(workbook.read_bytes())
    laptop.create(form, "nuevo_laredo", {"city": "nuevo_laredo", "name": "Mesa"})
    laptop.close()
    capsys.readouterr()

    assert main(["merge", "--into", str(tmp_path / "supervisor.db"), str(laptop.path)]) == 0
    out = capsys.readouterr().out
    assert "  civil society:\n    Nuevo Laredo: 1 new interview," in out
    assert "civil_society" not in out and "nuevo_laredo" not in out

    assert main(["merge", "--into", str(tmp_path / "other.db"), str(laptop.path), "--json"]) == 0
    group = json.loads(capsys.readouterr().out)["merged"][0]["by_form_and_city"][0]
    assert (group["form_id"], group["city"]) == ("civil_society", "nuevo_laredo")


def test_ctrl_c_on_the_second_file_says_the_first_was_merged_and_the_rest_was_not(
    usb, tmp_path, capsys, monkeypatch
):
    """Ctrl+C on the stick's second package printed nothing and exited 130, though the
    first was merged; inside SQLite it even refused the file in progress as unreadable
    ("check that the device is connected") and went on with the next one."""
    import os
    import signal

    from fieldapp.core import merge_batch

    merge = merge_batch.merge_database

    def pressed_on_beto(into, source, *, progress=None, cancel=None):
        def step(done, total):
            if source.name == "beto.fieldapp" and done == 2:
                os.kill(os.getpid(), signal.SIGINT)  # the supervisor presses Ctrl+C
            if progress is not None:
                progress(done, total)

        return merge(into, source, progress=step, cancel=cancel)

    monkeypatch.setattr(merge_batch, "merge_database", pressed_on_beto)
    (usb / "carla.fieldapp").write_bytes((usb / "ana.fieldapp").read_bytes())  # a third
    capsys.readouterr()
    into = tmp_path / "supervisor.db"
    before = signal.getsignal(signal.SIGINT)

    code = main(["merge", "--into", str(into), str(usb)])

    said = capsys.readouterr()
    assert code == 130
    assert f"{usb / 'ana.fieldapp'}: 1 new interview" in said.out
    assert "beto" not in said.out
    assert f"Merge of {usb / 'beto.fieldapp'} cancelled; nothing from it was merged." in said.err
    assert "could not be read" not in said.err
    assert "Stopped by Ctrl+C: 1 file was merged (said above); 2 files were not merged" in (
        said.err
    )
    assert signal.getsignal(signal.SIGINT) is before, "Ctrl+C is Python's own again"
    # what is in is Ana's only, and the same command merges the rest
    monkeypatch.setattr(merge_batch, "merge_database", merge)
    assert main(["merge", "--into", str(into), str(usb)]) == 0
    out = capsys.readouterr().out
    assert f"{usb / 'ana.fieldapp'}: nothing new" in out
    assert f"{usb / 'beto.fieldapp'}: 1 new interview" in out


def test_a_stick_with_a_folder_per_laptop_is_merged_folder_by_folder(usb, tmp_path, capsys):
    """A supervisor keeps each laptop's package in a folder of its own (TJ01/, TJ02/):
    `merge usb/` said the stick held no fieldapp files, and the dialog's *Add folder…*
    likewise. The folders one level down are looked into; hidden ones (a trash) are not."""
    stick = tmp_path / "stick"
    for laptop, name in (("TJ01", "ana"), ("TJ02", "beto")):
        (stick / laptop).mkdir(parents=True)
        (usb / f"{name}.fieldapp").rename(stick / laptop / f"{name}.fieldapp")
    (stick / ".Trashes").mkdir()
    (stick / ".Trashes" / "old.fieldapp").write_bytes(b"not even a database")
    capsys.readouterr()
    into = tmp_path / "supervisor.db"

    assert main(["merge", "--into", str(into), str(stick)]) == 0

    out = capsys.readouterr().out
    assert f"{stick / 'TJ01' / 'ana.fieldapp'}: 1 new interview" in out
    assert f"{stick / 'TJ02' / 'beto.fieldapp'}: 1 new interview" in out
    assert "old.fieldapp" not in out
