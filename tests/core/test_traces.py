"""Issue 8's proof, through the CLI as a researcher and a supervisor run it.

A phrase an interviewee said is finalized on a laptop; afterwards it is found nowhere in
the database, its WAL, the package, the app's log or temp folders. The supervisor's key
and passphrase bring it back in the export; a wrong passphrase or key says so once and
writes nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from xlsform import write_xlsform

KEY_PASSPHRASE = "correct horse battery staple"
DRAFTS_PASSPHRASE = "cuaderno de campo 2026"
PHRASE = "El comandante Ramírez cobra cuota en la colonia Anapra"


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run fieldapp with a private HOME, TMPDIR and XDG folders (logs, data, cache)."""
    private = {
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "FIELDAPP_LANG": "en",
    }
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        env={**environ, **private, **env},
        stdin=subprocess.DEVNULL,
        check=False,
    )


def _found_in(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture(scope="module")
def field(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A key made by ``keys new``, a sealed form, one finalized interview, a package."""
    root = tmp_path_factory.mktemp("traces")
    home = root / "home"
    for folder in ("tmp", "data", "state", "cache", "config"):
        (home / folder).mkdir(parents=True)
    made = _run(
        home, "keys", "new", "--out", str(root / "keys"), "--json",
        FIELDAPP_PASSPHRASE=KEY_PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    public_key = json.loads(made.stdout)["public_key"]
    form = write_xlsform(
        root / "forms" / "cso_sealed.xlsx",
        survey=[
            {"type": "text", "name": "org", "label": "Organización", "required": "yes"},
            {"type": "text", "name": "story", "label": "Relato"},
        ],
        settings={"form_id": "cso_sealed", "version": "1", "public_key": public_key},
    )
    answers = root / "answers.json"
    answers.write_text(json.dumps({"org": "Colectivo", "story": PHRASE}), encoding="utf-8")
    db = root / "laptop" / "field.db"
    submitted = _run(
        home, "submit", "--db", str(db), "--form", str(form), "--answers", str(answers),
        "--finalize", "--city", "juarez", FIELDAPP_DRAFT_PASSPHRASE=DRAFTS_PASSPHRASE,
    )  # fmt: skip
    assert submitted.returncode == 0, submitted.stderr
    answers.unlink()  # the researcher's input file is not the app's doing
    package = root / "out" / "laptop.fieldapp"
    packaged = _run(home, "package", "--db", str(db), "-o", str(package))
    assert packaged.returncode == 0, packaged.stderr
    yield {"root": root, "home": home, "db": db, "package": package, "form": form}


def test_the_phrase_is_nowhere_after_finalizing(field: dict[str, Path]) -> None:
    needles = [PHRASE.encode("utf-8"), "Ramírez".encode(), "Anapra".encode("utf-16-le")]
    db = field["db"]
    files = [db, db.with_name(db.name + "-wal"), field["package"]]
    assert db.exists() and field["package"].exists()
    for needle in needles:
        for path in files:
            if path.exists():
                assert needle not in path.read_bytes(), path
        assert not _found_in(db.parent, needle)
        assert not _found_in(field["home"], needle)  # logs, temp, data, cache
    assert not [p for p in field["package"].parent.iterdir() if p.name.endswith(".partial")]
    # The drafts keys (wrapped under the passphrase) stay on the laptop.
    with contextlib.closing(sqlite3.connect(field["package"])) as package:
        keys = [row[0] for row in package.execute("SELECT key FROM meta")]
    assert "device_id" in keys and not [k for k in keys if k.startswith("draft")]


@pytest.mark.slow
def test_the_export_with_the_key_shows_it_and_without_it_does_not(field: dict[str, Path]) -> None:
    root, home = field["root"], field["home"]
    key = root / "keys" / "fieldapp-study-private-key.pem"
    supervisor = root / "supervisor.db"
    merged = _run(home, "merge", "--into", str(supervisor), str(field["package"]))
    assert merged.returncode == 0, merged.stderr

    plain = root / "out" / "plain.xlsx"
    assert _run(home, "export", "--db", str(supervisor), "-o", str(plain)).returncode == 0
    assert PHRASE not in _cells(plain)

    opened = root / "out" / "opened.xlsx"
    result = _run(
        home, "export", "--db", str(supervisor), "-o", str(opened), "--key", str(key),
        FIELDAPP_PASSPHRASE=KEY_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert PHRASE in _cells(opened)
    assert not _found_in(home, PHRASE.encode())


@pytest.mark.slow
def test_a_wrong_passphrase_or_key_says_so_once_and_writes_nothing(
    field: dict[str, Path],
) -> None:
    root, home = field["root"], field["home"]
    key = root / "keys" / "fieldapp-study-private-key.pem"
    out = root / "refused" / "export.xlsx"
    out.parent.mkdir()
    wrong_passphrase = _run(
        home, "export", "--db", str(field["db"]), "-o", str(out), "--key", str(key),
        FIELDAPP_PASSPHRASE="not the passphrase",
    )  # fmt: skip
    assert wrong_passphrase.returncode == 1
    assert wrong_passphrase.stderr.count("\n") == 1 and "passphrase" in wrong_passphrase.stderr
    assert "Traceback" not in wrong_passphrase.stderr

    other_keys = root / "other-keys"
    made = _run(home, "keys", "new", "--out", str(other_keys), FIELDAPP_PASSPHRASE=KEY_PASSPHRASE)
    assert made.returncode == 0, made.stderr
    wrong_key = _run(
        home, "export", "--db", str(field["db"]), "-o", str(out),
        "--key", str(other_keys / "fieldapp-study-private-key.pem"),
        FIELDAPP_PASSPHRASE=KEY_PASSPHRASE,
    )  # fmt: skip
    assert wrong_key.returncode == 1
    assert "another study key" in wrong_key.stderr and wrong_key.stderr.count("\n") == 1
    assert not list(out.parent.iterdir())

    wrong_drafts = _run(
        home, "package", "--db", str(field["db"]), "-o", str(root / "refused" / "p.fieldapp"),
    )  # fmt: skip
    assert wrong_drafts.returncode == 0  # no open draft: packaging needs no passphrase


def test_a_sealed_form_without_the_drafts_passphrase_stores_nothing(
    field: dict[str, Path],
) -> None:
    root, home = field["root"], field["home"]
    answers = root / "draft.json"
    answers.write_text(json.dumps({"org": "Otro colectivo"}), encoding="utf-8")
    db = root / "other-laptop.db"
    refused = _run(
        home, "submit", "--db", str(db), "--form", str(field["form"]), "--answers", str(answers)
    )
    assert refused.returncode == 1
    assert "FIELDAPP_DRAFT_PASSPHRASE" in refused.stderr and "Traceback" not in refused.stderr


def test_the_key_works_in_the_loader_of_fieldapp(field: dict[str, Path]) -> None:
    from fieldapp.core import crypto
    from fieldapp.core.forms.loader import load_form

    form = load_form(field["form"])
    assert form.public_key is not None
    public = (field["root"] / "keys" / "fieldapp-study-public-key.txt").read_text().strip()
    assert crypto.public_key_fingerprint(form.public_key) == crypto.public_key_fingerprint(public)


def _cells(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    try:
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    finally:
        book.close()


def test_a_wrong_drafts_passphrase_stores_nothing(field: dict[str, Path]) -> None:
    root, home, db = field["root"], field["home"], field["db"]
    answers = root / "second.json"
    answers.write_text(json.dumps({"org": "Otro colectivo"}), encoding="utf-8")
    before = db.read_bytes()
    refused = _run(
        home, "submit", "--db", str(db), "--form", str(field["form"]), "--answers",
        str(answers), FIELDAPP_DRAFT_PASSPHRASE="not the drafts passphrase",
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "passphrase" in refused.stderr and "nothing was changed" in refused.stderr
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1
    assert db.read_bytes() == before
