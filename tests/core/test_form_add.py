"""Adding a form version by hand (`fieldapp forms add`, File › Forms…) and taking one out.

A form added here must never be one every other database refuses, nor one that switches
sealing off or to another key: the same rules as a merge, tried as a careless or hostile
hand would break them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from merge_devices import file_checksum
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core import crypto
from fieldapp.core.devices import certify_supervisor, published
from fieldapp.core.form_add import add_form_file, held_form_list, write_form_copy
from fieldapp.core.forms.pyxform_stages import FormError
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.package import write_package
from fieldapp.core.store import Store

SURVEY = [
    {"type": "text", "name": "org", "label": "Organización"},
    {"type": "select_one city", "name": "city", "label": "Ciudad"},
]
CHOICES = [
    {"list_name": "city", "name": "tijuana", "label": "Tijuana"},
    {"list_name": "city", "name": "juarez", "label": "Ciudad Juárez"},
]


def version(folder: Path, number: str, key: str = "", label: str = "Organización") -> Path:
    """Write version ``number`` of the form ``cso`` (sealed for ``key`` when given)."""
    settings = {"form_id": "cso", "version": number, "form_title": "Sociedad civil"}
    if key:
        settings["public_key"] = key
    survey = [{**SURVEY[0], "label": label}, SURVEY[1]]
    return write_xlsform(folder / f"cso-{number}.xlsx", survey, CHOICES, settings)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "supervisor.db") as opened:
        opened.forms.add(version(tmp_path, "1"))
        yield opened


def refused(store: Store, path: Path, code: str) -> FieldappError:
    """Add ``path``, expect the refusal ``code``, and check the database did not change."""
    before = file_checksum(store.path)
    with pytest.raises(FieldappError) as error:
        add_form_file(store, path)
    assert error.value.code == code, error.value.text("en")
    assert file_checksum(store.path) == before
    return error.value


def newest(store: Store) -> tuple[str, str | None]:
    found = next(f for f in held_form_list(store) if f.used_for_new)
    return found.record.version, found.sealed_for


def test_a_new_version_is_added_once_and_new_interviews_start_on_it(
    store: Store, tmp_path: Path
) -> None:
    added = add_form_file(store, version(tmp_path, "2", label="Nombre de la organización"))
    assert (added.new, added.used_for_new, added.record.version) == (True, True, "2")
    assert newest(store) == ("2", None)
    assert [f.record.version for f in held_form_list(store)] == ["2", "1"]

    before = file_checksum(store.path)
    again = add_form_file(store, tmp_path / "cso-2.xlsx")
    assert (again.new, again.record.sha256) == (False, added.record.sha256)
    assert file_checksum(store.path) == before, "the same file again changes nothing"

    older = add_form_file(store, version(tmp_path, "0", label="Nombre"))
    assert (older.new, older.used_for_new) == (True, False), "an older version is kept, not used"
    assert newest(store) == ("2", None)


def test_a_form_that_does_not_load_lists_each_problem_and_adds_nothing(
    store: Store, tmp_path: Path
) -> None:
    broken = write_xlsform(
        tmp_path / "broken.xlsx",
        [{"type": "text", "name": "q", "label": "Q", "relevant": "${nowhere} = 1"}],
        settings={"form_id": "cso", "version": "3"},
    )
    before = file_checksum(store.path)
    with pytest.raises(FormError) as error:
        add_form_file(store, broken)
    said = error.value.problems[0].text("en")
    assert said.startswith(f"{broken}: survey row 2") and "nowhere" in said, said
    assert file_checksum(store.path) == before
    refused_path = refused(store, tmp_path / "missing.xlsx", "forms.not_found")
    assert "missing.xlsx" in refused_path.text("en")


def test_the_same_version_with_other_content_is_refused_with_a_version_to_use(
    store: Store, tmp_path: Path
) -> None:
    changed = version(tmp_path / "edited", "1", label="Nombre")
    error = refused(store, changed, "formdesk.same_version")
    assert "version 1 is already here" in error.text("en") and "raise the version" in error.text(
        "en"
    )
    assert newest(store) == ("1", None)


def test_the_version_suggested_is_above_every_one_held() -> None:
    from fieldapp.core.form_add import next_version

    today = int(dt.date.today().strftime("%Y%m%d01"))
    assert next_version(["1", "2"]) == str(today)
    assert next_version([str(today), "v2"]) == str(today + 1), "today's is taken: the next"
    assert next_version([str(today + 5)]) == str(today + 6)


def test_a_version_that_drops_or_swaps_the_study_key_is_refused(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    other = crypto.generate_key_pair("otra frase larga de prueba", bits=2048)
    with Store.open(tmp_path / "laptop.db") as laptop:
        laptop.forms.add(version(tmp_path, "1", pair.public_key))
        error = refused(laptop, version(tmp_path / "a", "2"), "formdesk.key_changed")
        assert "has no study key" in error.text("en"), error.text("en")
        error = refused(
            laptop, version(tmp_path / "b", "2", other.public_key), "formdesk.key_changed"
        )
        assert other.fingerprint in error.text("en")
        assert newest(laptop) == ("1", pair.fingerprint)

        # Certified, the supervisor may change the key, but no one may remove it.
        certify_supervisor(laptop, study_key, author="Rosa")
        refused(laptop, version(tmp_path / "c", "3"), "formdesk.key_changed")
        added = add_form_file(laptop, version(tmp_path / "d", "3", other.public_key))
        assert newest(laptop) == ("3", other.fingerprint)
        assert added.record.sha256 in published(laptop.conn), "hers: published at once"


def test_sealing_the_study_forms_then_certifying_carries_them_to_every_laptop(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    """How a study seals the forms it started in clear: add the sealed version on the
    supervisor's database, certify it, and its packages carry the form to the laptops;
    from then on a laptop cannot add a form version of its own."""
    with Store.open(tmp_path / "laptop.db") as laptop, Store.open(tmp_path / "sup.db") as sup:
        for store in (laptop, sup):
            store.forms.add(version(tmp_path, "1"))
        sealed = add_form_file(sup, version(tmp_path / "sealed", "2", pair.public_key))
        assert (sealed.new, sealed.sealed_for, sealed.certify_next) == (
            True,
            pair.fingerprint,
            True,
        )
        certify_supervisor(sup, study_key, author="Rosa")
        package = write_package(sup, tmp_path / "sup.fieldapp").path
        merge_database(laptop, package)
        assert newest(laptop) == ("2", pair.fingerprint)

        error = refused(
            laptop, version(tmp_path / "own", "3", pair.public_key), "formdesk.not_supervisor"
        )
        assert "certified supervisor" in error.text("en")


def test_a_copy_is_the_stored_form_byte_for_byte_and_never_overwrites(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "form"
    (folder).mkdir()
    (folder / "streets.csv").write_text("name,label\nnorte,Norte\n", encoding="utf-8")
    path = write_xlsform(
        folder / "streets.xlsx",
        [{"type": "select_one_from_file streets.csv", "name": "street", "label": "Calle"}],
        settings={"form_id": "streets", "version": "1"},
    )
    with Store.open(tmp_path / "s.db") as store:
        record = add_form_file(store, path).record
        out = tmp_path / "out"
        out.mkdir()
        copy = write_form_copy(store, record.sha256, out / "streets.xlsx")
        assert copy.path.read_bytes() == path.read_bytes()
        assert copy.files == ["streets.csv"] and copy.left_out == []
        assert (out / "streets.csv").read_bytes() == (folder / "streets.csv").read_bytes()
        with pytest.raises(FieldappError) as error:
            write_form_copy(store, record.sha256, out / "streets.xlsx")
        assert error.value.code == "formdesk.copy_exists"
        assert sorted(p.name for p in out.iterdir()) == ["streets.csv", "streets.xlsx"]


@pytest.mark.parametrize(
    "name",
    [
        "../escaped.txt",
        "..\\escaped.txt",  # a folder elsewhere on Windows
        "leeme\u202efdp.exe",  # shown as leemeexe.pdf: a program dressed as a document
        "CON.csv",  # a Windows device: nothing can be saved under it
        "lista.csv.",  # Windows strips the dot: another file than the form names
        ".oculto.csv",  # hidden on Linux and macOS
        "l" * 252 + ".csv",  # over 255 bytes
    ],
)
def test_a_copy_refuses_a_form_file_name_that_lands_elsewhere_or_shows_as_another(
    tmp_path: Path, name: str
) -> None:
    """A merged package can name a form's file anything, and give it any bytes: the copy
    wrote each beside the workbook. Now it writes nothing, and the refusal shows the name
    with its invisible characters spelled out."""
    with Store.open(tmp_path / "s.db") as store:
        record = add_form_file(store, version(tmp_path, "1")).record
        conn = store.conn
        conn.execute(
            "INSERT INTO form_files (form_sha256, filename, content) VALUES (?, ?, ?)",
            [record.sha256, name, b"MZ owned"],
        )
        conn.commit()
        out = tmp_path / "out"
        out.mkdir()
        with pytest.raises(FieldappError) as error:
            write_form_copy(store, record.sha256, out / "cso.xlsx")
        assert error.value.code == "formdesk.bad_file_name"
        assert not (tmp_path / "escaped.txt").exists() and not list(out.iterdir())
        for language in ("en", "es"):
            assert "\u202e" not in error.value.text(language)


def test_the_cli_adds_each_file_names_each_refusal_and_lists_the_forms(
    tmp_path: Path, capsys: Any
) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.forms.add(version(tmp_path, "1"))
    good = version(tmp_path / "good", "2")
    clash = version(tmp_path / "clash", "1", label="Otra")
    assert main(["forms", "add", "--db", str(db), str(good), str(clash)]) == 1
    out, err = capsys.readouterr()
    assert f'{good}: added the form "cso" version 2' in out
    assert "New interviews of this form now start on this version." in out
    assert f"{clash}: the form" in err and "already here with other content" in err
    assert "Traceback" not in out + err

    assert main(["forms", "add", "--db", str(db), str(good)]) == 0
    assert "already here; nothing changed" in capsys.readouterr().out

    assert main(["forms", "list", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["forms"]
    assert [(f["version"], f["used_for_new"]) for f in listed] == [("2", True), ("1", False)]
    assert main(["forms", "list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cso\tversion 2\tSociedad civil\tnot sealed")
    assert lines[0].endswith("(new interviews start here)") and "start here" not in lines[1]


def test_a_form_sealed_from_its_first_version_travels_without_a_supervisor(
    tmp_path: Path, pair: crypto.KeyPair
) -> None:
    with Store.open(tmp_path / "sup.db") as sup, Store.open(tmp_path / "laptop.db") as laptop:
        added = add_form_file(sup, version(tmp_path, "1", pair.public_key))
        assert added.sealed_for == pair.fingerprint and added.certify_next is False
        merge_database(laptop, write_package(sup, tmp_path / "sup.fieldapp").path)
        assert newest(laptop) == ("1", pair.fingerprint)


def answers_file(folder: Path) -> Path:
    path = folder / "answers.json"
    path.write_text(json.dumps({"org": "Colectivo Canario"}), encoding="utf-8")
    return path


def test_sealing_the_held_forms_keeps_each_form_and_retires_its_versions_in_clear(
    tmp_path: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """`fieldapp forms seal`: a sealed version of every form in clear, the same questions;
    after it no path starts an interview in clear, not even the old file named."""
    from fieldapp.core.form_add import seal_forms, startable_forms

    no_settings = write_xlsform(tmp_path / "bare.xlsx", SURVEY, CHOICES)  # id from its name
    public = tmp_path / "fieldapp-study-public-key.txt"
    public.write_text(pair.public_key + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    old = version(tmp_path, "1")
    with Store.open(db) as store:
        store.forms.add(old)
        store.forms.add(no_settings)
    before = file_checksum(db)
    private = tmp_path / "fieldapp-study-private-key.pem"
    private.write_bytes(pair.private_pem)
    assert main(["forms", "seal", "--db", str(db), "--public-key", str(private)]) == 1
    assert "is the study's private key" in capsys.readouterr().err
    assert file_checksum(db) == before

    assert main(["forms", "seal", "--db", str(db), "--public-key", str(public)]) == 0
    said = capsys.readouterr().out
    assert said.count(f"sealed for the study key {pair.fingerprint}") == 2, said
    assert "Interviews started before keep their version, in clear" in said
    with Store.open(db) as store:
        newest_of = {h.record.form_id: h for h in held_form_list(store) if h.used_for_new}
        assert set(newest_of) == {"cso", "bare"}, "each form keeps its id"
        for held in newest_of.values():
            assert held.sealed_for == pair.fingerprint
            form = store.forms.load(held.record.sha256)
            # The same questions (a sealed form carries ODK's instanceID as well).
            assert [q.name for q in form.questions() if q.name != "instanceID"] == ["org", "city"]
        assert [r.version for r in startable_forms(store) if r.form_id == "cso"] == [
            newest_of["cso"].record.version
        ], "the version in clear is no longer offered"
        again = seal_forms(store, pair.public_key)
        assert [d.added for d in again] == [None, None]

    monkeypatch.setenv("FIELDAPP_DRAFT_PASSPHRASE", "cuaderno de campo 2026")
    # The old file named again: refused, nothing stored.
    before = file_checksum(db)
    code = main(
        ["submit", "--db", str(db), "--form", str(old), "--answers", str(answers_file(tmp_path))]
    )
    assert code == 1 and "keeps interviews in clear" in capsys.readouterr().err
    assert file_checksum(db) == before


def test_a_study_form_named_in_submit_is_the_sealed_version_once_the_study_seals_it(
    tmp_path: Path, pair: crypto.KeyPair, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """`submit --form cso` used the copy of the form fieldapp ships (in clear) even where
    the study had sealed it: the interview was stored in clear."""
    from fieldapp.core.form_add import seal_forms
    from fieldapp.core.study import study_forms

    db = tmp_path / "laptop.db"
    with Store.open(db) as store:
        for study_form in study_forms():
            store.forms.add(study_form.path)
        seal_forms(store, pair.public_key)
    canary = "Colectivo Canario 7731"
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"place_other": canary}), encoding="utf-8")
    monkeypatch.setenv("FIELDAPP_DRAFT_PASSPHRASE", "cuaderno de campo 2026")
    assert (
        main(["submit", "--db", str(db), "--form", "cso", "--answers", str(answers), "--json"]) == 0
    )
    sha = json.loads(capsys.readouterr().out)["form"]
    with Store.open(db) as store:
        assert store.forms.load(sha).public_key == pair.public_key
    assert canary.encode() not in db.read_bytes()


def test_a_laptop_of_a_certified_study_seals_nothing(
    tmp_path: Path, pair: crypto.KeyPair, study_key: crypto.StudyKey
) -> None:
    from fieldapp.core.form_add import seal_forms

    with Store.open(tmp_path / "sup.db") as sup, Store.open(tmp_path / "laptop.db") as laptop:
        sup.forms.add(version(tmp_path, "1", pair.public_key))
        certify_supervisor(sup, study_key, author="Rosa")
        laptop.forms.add(write_xlsform(tmp_path / "bare.xlsx", SURVEY, CHOICES))
        merge_database(laptop, write_package(sup, tmp_path / "sup.fieldapp").path)
        before = file_checksum(laptop.path)
        with pytest.raises(FieldappError) as error:
            seal_forms(laptop, pair.public_key)
        assert error.value.code == "formdesk.not_supervisor"
        assert file_checksum(laptop.path) == before
