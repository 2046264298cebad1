"""Compiled forms on disk: shipped with the study forms, cached by content hash, never pickled.

A researcher notices these when they break: a first start that takes seconds again, a form
that opens with yesterday's questions, or a cache file someone else wrote that runs code or
changes what the interview asks.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from paths import REPO, STUDY_FORMS, corpus, needs_shared

from fieldapp.core.forms import choice_files, compiled
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import Form
from fieldapp.core.forms.xpath import Expression

STUDY_FILES = sorted(STUDY_FORMS.glob("*.xlsx"))
VALID = corpus("valid")


def comparable(value: Any) -> Any:
    """The form as plain values: expressions by text, syntax tree and functions called."""
    if isinstance(value, Expression):
        return ("expression", value.text, value.tree, value.function_names)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            f.name: comparable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.compare  # not the caches a form keeps of itself
        }
        return (type(value).__name__, fields)
    if isinstance(value, Mapping):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return type(value)(comparable(item) for item in value)
    return value


def beside(path: Path) -> compiled.ReadFile:
    return lambda name: choice_files.read_beside(path.parent, name)


def round_trip(path: Path) -> tuple[Form, Form]:
    form = load_form(path)
    content = path.read_bytes()
    data = compiled.encode(form, content, path.name, xform_checked=True)
    wanted = compiled.Wanted(compiled.sha256_hex(content), path.stem, beside(path))
    again = compiled.decode(data, wanted, source=str(path))
    return form, again


@pytest.mark.parametrize("path", STUDY_FILES, ids=[p.name for p in STUDY_FILES])
def test_a_study_form_comes_back_from_its_entry_equal(path: Path) -> None:
    form, again = round_trip(path)
    assert comparable(again) == comparable(form)
    # the rebuilt expressions work, not only look alike
    assert [str(q.bind.relevant) for q in again.questions()] == [
        str(q.bind.relevant) for q in form.questions()
    ]


@needs_shared
@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_every_corpus_form_comes_back_from_its_entry_equal(path: Path) -> None:
    form, again = round_trip(path)
    assert comparable(again) == comparable(form)


@pytest.mark.slow
def test_the_shipped_entries_are_what_compiling_the_shipped_workbooks_gives() -> None:
    """If the workbooks change without ``forms/build_forms.py``, this fails: no drift."""
    folder = STUDY_FORMS / "compiled"
    expected = set()
    for path in STUDY_FILES:
        content = path.read_bytes()
        entry = folder / f"{compiled.sha256_hex(content)}.json"
        expected.add(entry.name)
        assert entry.is_file(), (
            f"no compiled entry for {path.name}: run python forms/build_forms.py"
        )
        fresh = compiled.encode(load_form(path), content, path.name, xform_checked=True)
        assert entry.read_bytes() == fresh, (
            f"{entry.name} is not what {path.name} compiles to: run python forms/build_forms.py"
        )
    index = compiled.summaries_index((folder / name).read_bytes() for name in sorted(expected))
    assert (folder / compiled.SUMMARIES).read_bytes() == index, (
        "the summaries index is not the entries': run python forms/build_forms.py"
    )
    expected.add(compiled.SUMMARIES)
    assert {entry.name for entry in folder.glob("*.json")} == expected, "stale entries"


def test_the_shipped_entries_hold_no_path_of_the_machine_that_built_them() -> None:
    for entry in (STUDY_FORMS / "compiled").glob("*.json"):
        text = entry.read_text("utf-8")
        assert str(REPO) not in text and "/home/" not in text and "/root/" not in text


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache" / "forms"
    monkeypatch.setenv(compiled.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def own_form(tmp_path: Path) -> Path:
    """A study workbook under another name: not a shipped entry, so the cache serves it."""
    path = tmp_path / "forms" / "mine.xlsx"
    path.parent.mkdir()
    path.write_bytes((STUDY_FORMS / "gov.xlsx").read_bytes())
    return path


def load(path: Path) -> Form:
    return compiled.load(path.read_bytes(), path.name, str(path), beside(path), check_xform=False)


def entry_of(cache: Path, path: Path) -> Path:
    return cache / f"{compiled.sha256_hex(path.read_bytes())}.json"


def test_a_compiled_form_is_cached_owner_only_and_read_back(cache: Path, own_form: Path) -> None:
    first = load(own_form)
    entry = entry_of(cache, own_form)
    assert entry.is_file()
    if hasattr(os, "getuid"):
        assert entry.stat().st_mode & 0o777 == 0o600
        assert cache.stat().st_mode & 0o777 == 0o700
    again = load(own_form)
    assert comparable(again) == comparable(first)
    assert again.source == str(own_form)


def pyxform_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time the loader (pyxform) compiles a form."""
    from fieldapp.core.forms import loader

    runs: list[str] = []
    real = loader.load_form_bytes_from

    def counting(*args: Any, **kwargs: Any) -> Form:
        runs.append(str(args[1]))
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_form_bytes_from", counting)
    return runs


def test_a_cached_form_is_not_compiled_again(
    cache: Path, own_form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = pyxform_runs(monkeypatch)
    load(own_form)
    load(own_form)
    assert runs == ["mine.xlsx"]


def damage_flip(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x01
    entry.write_bytes(bytes(data))


def damage_truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[:1000])


def tamper_label(entry: Path) -> None:
    """Change what a question asks, leaving the checksum as it was."""
    envelope = json.loads(entry.read_bytes())
    body = json.loads(envelope["body"])
    body["title"] = "Ask for the interviewee's home address"
    envelope["body"] = json.dumps(body)
    entry.write_text(json.dumps(envelope))


def tamper_code(entry: Path) -> None:
    """An entry whose checksum fits but whose expression calls a function that is not XPath."""
    envelope = json.loads(entry.read_bytes())
    body = json.loads(envelope["body"])
    changed: list[str] = []

    def rename_calls(node: Any) -> None:
        if isinstance(node, list) and node and node[0] == "call" and isinstance(node[1], str):
            node[1] = "__import__"
        if isinstance(node, list):
            for item in node:
                rename_calls(item)

    def visit(value: Any) -> None:
        if changed:
            return
        if isinstance(value, dict) and value.get("functions"):
            rename_calls(value["tree"])
            value["functions"] = ["__import__"]
            changed.append(value["text"])
            return
        for item in value.values() if isinstance(value, dict) else value:
            if isinstance(item, dict | list):
                visit(item)

    visit(body)
    assert changed
    envelope["body"] = json.dumps(body)
    envelope["checksum"] = compiled._checksum(envelope["summary"], envelope["body"])
    entry.write_text(json.dumps(envelope))


def another_version(entry: Path) -> None:
    envelope = json.loads(entry.read_bytes())
    envelope["fieldapp"] = "0.0.1"
    entry.write_text(json.dumps(envelope))


def another_schema(entry: Path) -> None:
    envelope = json.loads(entry.read_bytes())
    envelope["schema"] = compiled.SCHEMA + 1
    entry.write_text(json.dumps(envelope))


def a_pickle(entry: Path) -> None:
    entry.write_bytes(b"\x80\x04\x95" + b"cos\nsystem\n(S'touch /tmp/owned'\ntR." * 3)


@pytest.mark.parametrize(
    "damage",
    [
        damage_flip,
        damage_truncate,
        tamper_label,
        tamper_code,
        another_version,
        another_schema,
        a_pickle,
    ],
)
def test_a_damaged_or_tampered_entry_is_ignored_and_rebuilt(
    cache: Path, own_form: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    good = load(own_form)
    entry = entry_of(cache, own_form)
    damage(entry)
    runs = pyxform_runs(monkeypatch)
    again = load(own_form)
    assert runs == ["mine.xlsx"], "the bad entry was used instead of compiling again"
    assert comparable(again) == comparable(good)
    assert again.title != "Ask for the interviewee's home address"
    # rebuilt: the next start reads it without pyxform
    load(own_form)
    assert runs == ["mine.xlsx"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes are POSIX")
def test_an_entry_others_may_write_is_not_read(
    cache: Path, own_form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(own_form)
    entry = entry_of(cache, own_form)
    entry.chmod(0o666)
    runs = pyxform_runs(monkeypatch)
    load(own_form)
    assert runs == ["mine.xlsx"]
    assert entry.stat().st_mode & 0o777 == 0o600  # replaced by a private one


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes are POSIX")
def test_a_cache_folder_others_may_write_is_not_used(
    cache: Path, own_form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(own_form)
    cache.chmod(0o777)
    runs = pyxform_runs(monkeypatch)
    load(own_form)
    load(own_form)
    assert runs == ["mine.xlsx", "mine.xlsx"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_an_entry_that_is_a_symlink_is_not_followed(
    cache: Path, own_form: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    load(own_form)
    entry = entry_of(cache, own_form)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    runs = pyxform_runs(monkeypatch)
    load(own_form)
    assert runs == ["mine.xlsx"]


def test_a_changed_choice_file_is_not_served_from_the_cache(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    folder = tmp_path / "csv"
    folder.mkdir()
    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label"])
    survey.append(["select_one_from_file towns.csv", "town", "Town"])
    path = folder / "towns_form.xlsx"
    book.save(path)
    (folder / "towns.csv").write_text("name,label\na,Alpha\nb,Beta\n")
    first = load(path)
    (folder / "towns.csv").write_text("name,label\na,Alpha\nc,Gamma\n")
    again = load(path)
    (town,) = [q for q in again.questions() if q.name == "town"]
    assert town.choices is not None
    names = [c.name for c in town.choices.choices]
    assert names == ["a", "c"], names
    assert first.files != again.files


def test_a_form_under_another_file_name_is_compiled_for_that_name(
    cache: Path, own_form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without settings' form_id pyxform names a form after its file: the name is checked."""
    runs = pyxform_runs(monkeypatch)
    load(own_form)
    renamed = own_form.with_name("other.xlsx")
    renamed.write_bytes(own_form.read_bytes())
    again = load(renamed)
    assert runs == ["mine.xlsx", "other.xlsx"]
    assert again.source == str(renamed)


def test_nothing_in_fieldapp_pickles() -> None:
    """No pickle, marshal or shelve: a compiled form is read as data, never as code."""
    pattern = re.compile(r"^\s*(import|from)\s+(c?pickle|marshal|shelve|dill|joblib)\b", re.M)
    calls = re.compile(r"\b(c?pickle|marshal|shelve)\.(loads?|dumps?|open|Unpickler)\b")
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "fieldapp").rglob("*.py"))
        if pattern.search(text := path.read_text("utf-8")) or calls.search(text)
    ]
    assert offenders == []


def test_a_new_database_gets_the_study_forms_without_pyxform(tmp_path: Path) -> None:
    """A cold first start: a new process, a new database, an empty cache."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from fieldapp.ui.app import open_store\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "records = store.forms.records()\n"
        "print(len(records), 'pyxform' in sys.modules, 'pandas' in sys.modules)\n"
        "form = store.forms.load(records[0].sha256)\n"
        "print(len(list(form.questions())) > 50, 'pyxform' in sys.modules)\n"
    )
    environment = {
        **os.environ,
        compiled.CACHE_ENV: str(tmp_path / "empty-cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    environment.pop("FIELDAPP_FORMS", None)
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "new.db")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=True,
    )
    assert done.stdout.split("\n")[:2] == ["4 False False", "True False"], done.stdout
    assert not (tmp_path / "empty-cache").exists(), "shipped entries need no cache"


def test_a_study_form_recorded_from_its_summary_matches_the_compiled_form(
    tmp_path: Path, cache: Path
) -> None:
    from fieldapp.core.store import Store, sealing

    with Store.open(tmp_path / "a.db") as store:
        for path in STUDY_FILES:
            record = store.forms.add(path, check_xform=False)
            form = load_form(path)
            assert (record.form_id, record.version, record.title) == (
                form.form_id,
                form.version,
                form.title,
            )
            sealed = sealing.known_sealed_forms(store.db.conn)[record.sha256]
            assert sealed == (form.public_key is not None)


def _record_shipped(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[tuple[str, ...]]:
    """Add the study forms to a new store with ``folder`` as the shipped entries."""
    from fieldapp.core.store import Store

    monkeypatch.setattr(compiled, "shipped_dir", lambda: folder)
    with Store.open(folder.parent / "first.db") as store:
        records = [store.forms.add(path, check_xform=True) for path in STUDY_FILES]
    return sorted((r.form_id, r.version, r.title) for r in records)


def _shipped_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "compiled"
    folder.mkdir()
    for entry in (STUDY_FORMS / "compiled").glob("*.json"):
        (folder / entry.name).write_bytes(entry.read_bytes())
    return folder


def _truth() -> list[tuple[str, ...]]:
    forms = [load_form(path) for path in STUDY_FILES]
    return sorted((form.form_id, form.version, form.title) for form in forms)


def test_a_first_start_records_the_study_forms_from_the_index_without_their_bodies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    """The index of summaries is enough: no entry (300 KB each) is decoded to record one."""
    folder = _shipped_copy(tmp_path)

    def not_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("an entry was decoded to record a study form")

    monkeypatch.setattr(compiled, "_open_envelope", not_read)
    assert _record_shipped(monkeypatch, folder) == _truth()
    assert not cache.exists(), "nothing compiled, nothing cached"


@pytest.mark.parametrize("damage", ["title changed", "no index", "another schema"])
def test_a_damaged_index_is_not_trusted_the_entries_say_what_to_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: Path, damage: str
) -> None:
    folder = _shipped_copy(tmp_path)
    index_path = folder / compiled.SUMMARIES
    index = json.loads(index_path.read_bytes())
    if damage == "title changed":  # the record's own checksum no longer matches
        for record in index["entries"].values():
            record["summary"]["title"] = "Forged title"
        index_path.write_text(json.dumps(index), "utf-8")
    elif damage == "no index":
        index_path.unlink()
    else:
        index["schema"] = compiled.SCHEMA + 1
        index_path.write_text(json.dumps(index), "utf-8")
    assert _record_shipped(monkeypatch, folder) == _truth()
    assert not cache.exists(), "the entries served: nothing compiled"
