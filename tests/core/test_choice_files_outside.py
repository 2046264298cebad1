"""A form reads choice files from its own folder only: nothing else reaches the store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.forms.choice_files import is_plain_name
from fieldapp.core.forms.loader import FormError, load_form
from fieldapp.core.store import Store

SECRET = "nombre,label\nsecreto,Testigo protegido Hernández\n"


def _form(folder: Path, choice_file: str) -> Path:
    survey = [{"type": f"select_one_from_file {choice_file}", "name": "town", "label": "T"}]
    return write_xlsform(folder / "f.xlsx", survey, settings={"form_id": "f", "version": "1"})


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "SECRET.csv").write_text(SECRET.replace("nombre", "name"))
    (tmp_path / "study" / "forms").mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize("name", ["../../private/SECRET.csv", "../SECRET.csv", "ABSOLUTE"])
def test_a_path_out_of_the_forms_folder_is_refused_in_one_line(
    layout: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if name == "ABSOLUTE":
        name = str(layout / "private" / "SECRET.csv")
    form = _form(layout / "study" / "forms", name)
    code = main(["forms", "check", str(form)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "out of the form's folder" in err
    with pytest.raises(FormError):
        load_form(form)
    db = layout / "field.db"
    with Store.open(db) as store, pytest.raises(FormError):
        store.forms.add(form)
    assert b"Hern" not in db.read_bytes()


def test_a_symlink_beside_the_form_that_leads_out_is_not_followed(layout: Path) -> None:
    forms = layout / "study" / "forms"
    os.symlink(layout / "private" / "SECRET.csv", forms / "towns.csv")
    form = _form(forms, "towns.csv")
    with pytest.raises(FormError) as caught:
        load_form(form)
    assert "towns.csv" in str(caught.value.problems[0].text())


def test_a_file_beside_the_form_is_read_as_before(layout: Path) -> None:
    forms = layout / "study" / "forms"
    (forms / "towns.csv").write_text("name,label\nnl,Nuevo Laredo\n")
    loaded = load_form(_form(forms, "towns.csv"))
    assert loaded.files == {"towns.csv": b"name,label\nnl,Nuevo Laredo\n"}


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("towns.csv", True),
        ("ciudades ñ.csv", True),
        ("..", False),
        ("a/b.csv", False),
        ("a\\b.csv", False),
        ("C:x.csv", False),
        ("/etc/passwd.csv", False),
        ("\\\\server\\share\\x.csv", False),
        ("", False),
    ],
)
def test_only_a_plain_file_name_is_a_choice_file(name: str, plain: bool) -> None:
    assert is_plain_name(name) is plain
