"""A de-identified export of the demo holds no identifying value: the stated policy, tried.

The known identifying values are read from the database itself: interview ids and
instanceIDs, interviewer codes and devices (and the pseudonyms the old, database-id key
made of them), every free-text answer, reviewers' comments, exact moments. Every cell of
every sheet, and every name in the files, is searched for each: zero hits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.export.columns import derived_from_withheld
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.model import QuestionType
from fieldapp.core.store import Store

# What a de-identified row holds, whichever rows the group rule writes (conftest).
pytestmark = pytest.mark.usefixtures("every_row_written")

COMMENT = "Falta confirmar lo que dijo el comandante Zúñiga"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("deid")
    db = root / "supervisor.db"
    assert (
        main(["demo", "--db", str(db), "--interviews", "30", "--seed", "15", "--workers", "1"]) == 0
    )
    needles: set[str] = set()
    moments: set[dt.datetime] = set()
    with Store.open(db) as store:
        finalized = [
            c
            for c in store.interviews.iter_current()
            if c.revision.state == "finalized" and not c.has_conflict  # the demo's: resolved first
        ]
        store.review.return_interview(finalized[0].submission.submission_id, comment=COMMENT)
        store.review.approve(finalized[1].submission.submission_id, comment=COMMENT)
        needles.add(COMMENT)
        old_key = hashlib.sha256(
            f"fieldapp-export-pseudonyms\0{store.database_id}".encode()
        ).digest()
        for current in store.interviews.iter_current():
            submission, head = current.submission, current.revision
            form = store.forms.load(submission.form_sha256)
            needles |= {submission.submission_id, head.device_id, submission.interviewer}
            for kind, value in (
                ("interviewer", submission.interviewer),
                ("device", head.device_id),
            ):
                digest = hmac.new(old_key, f"{kind}\0{value}".encode(), hashlib.sha256)
                needles.add(f"{kind[:3]}-{digest.hexdigest()[:10]}")
            texts = {q.key for q in form.questions() if q.type is QuestionType.TEXT}
            for key, value in _flatten(current.answers):
                named = key == "meta/instanceID" or (key in texts and key != "interviewer")
                if named and isinstance(value, str) and len(value) >= 12:
                    needles.add(value)
                if key in ("start", "end") and isinstance(value, str):
                    moments.add(dt.datetime.fromisoformat(value).replace(tzinfo=None))
    assert len(needles) > 60 and moments
    yield {"root": root, "db": db, "needles": needles, "moments": moments}


def _flatten(answers: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(answers, dict):
        for key, value in answers.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for item in value:
                    yield from _flatten(item, "")
            else:
                yield key, value


def _cells(path: Path) -> Iterator[tuple[str, Any]]:
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                yield sheet.title, value


@pytest.mark.parametrize("name", ["deid.xlsx", "deid.zip"])
def test_a_deidentified_export_of_the_demo_holds_no_identifying_value(
    demo: dict[str, Any], name: str
) -> None:
    out = demo["root"] / name
    assert (
        main(["export", "--db", str(demo["db"]), "-o", str(out), "--deidentify", "--drafts"]) == 0
    )
    with zipfile.ZipFile(out) as archive:
        texts = {member: archive.read(member).decode("utf-8-sig") for member in archive.namelist()}
    everything = "\n".join([*texts, *texts.values()])
    hits = sorted(needle for needle in demo["needles"] if needle in everything)
    assert hits == []
    assert str(demo["root"]) not in everything  # the supervisor's folder names them


@pytest.mark.parametrize("suffix", [".dta", ".sav"])
def test_a_deidentified_stata_or_spss_export_holds_no_identifying_value(
    demo: dict[str, Any], suffix: str, tmp_path: Path
) -> None:
    # The Stata/SPSS writer types columns its own way (each distinct answer once): nothing
    # withheld may reach the files by that road, in a cell, a label or a value label.
    import pyreadstat

    out = tmp_path / f"deid{suffix}"
    command = ["export", "--db", str(demo["db"]), "-o", str(out), "--deidentify", "--drafts"]
    assert main(command) == 0
    (archive_path,) = tmp_path.glob("deid*.zip")
    read = pyreadstat.read_dta if suffix == ".dta" else pyreadstat.read_sav
    seen: list[str] = []
    with zipfile.ZipFile(archive_path) as archive:
        names = archive.namelist()
        assert any(name.endswith(suffix) for name in names)
        for name in names:
            raw = archive.read(name)
            seen += [name, raw.decode("utf-8", "replace")]  # the bytes as written
            if name.endswith(suffix):
                (tmp_path / "read").mkdir(exist_ok=True)
                path = tmp_path / "read" / name
                path.write_bytes(raw)
                frame, meta = read(str(path))  # as the analyst reads them back
                seen += [str(value) for value in frame.to_numpy().ravel()]
                seen += [str(label) for label in meta.column_labels]
                seen += [str(meta.variable_value_labels), str(meta.file_label)]
    everything = "\n".join(seen)
    hits = sorted(needle for needle in demo["needles"] if needle in everything)
    assert hits == []
    assert str(demo["root"]) not in everything


@pytest.mark.slow
def test_moments_are_cut_to_the_day_or_the_hour_and_ids_are_new_each_export(
    demo: dict[str, Any],
) -> None:
    first, second, hourly = (demo["root"] / n for n in ("a.xlsx", "b.xlsx", "h.xlsx"))
    base = ["export", "--db", str(demo["db"]), "--deidentify", "--drafts", "-o"]
    assert main([*base, str(first)]) == 0
    assert main([*base, str(second)]) == 0
    assert main([*base, str(hourly), "--times", "hour"]) == 0
    for path, cut in ((first, "date"), (hourly, "hour")):
        for sheet, value in _cells(path):
            if sheet == "about":
                continue  # when the export was made, not when anyone was interviewed
            if isinstance(value, dt.datetime):
                assert (value.minute, value.second) == (0, 0)
                if cut == "date":
                    assert value.hour == 0
                assert value not in demo["moments"] or value.time() == dt.time(0)
            assert not isinstance(value, dt.time) or cut == "hour"

    def ids(path: Path) -> tuple[set[str], set[str], set[str]]:
        workbook = openpyxl.load_workbook(path)
        main_ids: set[str] = set()
        repeat_ids: set[str] = set()
        parents: set[str] = set()
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            if not rows or rows[0][0] != "_submission_id":
                continue
            column = [row[0] for row in rows[1:]]
            if rows[0][1] == "_key":
                repeat_ids |= set(column)
                parents |= {str(row[2]).split("/")[0] for row in rows[1:]}
            else:
                main_ids |= set(column)
        return main_ids, repeat_ids, parents

    one, one_repeats, one_parents = ids(first)
    two, _, _ = ids(second)
    assert len(one) == 30 and one_repeats and one_repeats <= one and one_parents <= one
    assert one.isdisjoint(two)  # random for each export: no join between two exports


def test_the_pseudonym_secret_stays_in_the_database_and_never_travels(
    demo: dict[str, Any],
) -> None:
    db = demo["db"]
    assert (
        main(
            [
                "export",
                "--db",
                str(db),
                "-o",
                str(demo["root"] / "k.xlsx"),
                "--deidentify",
                "--drafts",
            ]
        )
        == 0
    )
    with sqlite3.connect(db) as conn:
        (secret,) = conn.execute(
            "SELECT value FROM meta WHERE key = 'export_pseudonym_key'"
        ).fetchone()
    assert len(bytes.fromhex(secret)) == 32
    package = demo["root"] / "supervisor.fieldapp"
    assert main(["package", "--db", str(db), "-o", str(package)]) == 0
    with sqlite3.connect(package) as conn:
        keys = [row[0] for row in conn.execute("SELECT key FROM meta")]
    assert "export_pseudonym_key" not in keys
    assert secret.encode() not in package.read_bytes()
    # Same secret, same pseudonyms: a study's exports stay comparable.
    names = [
        sorted(
            {v for s, v in _cells(demo["root"] / n) if isinstance(v, str) and v.startswith("int-")}
        )
        for n in ("k.xlsx", "deid.xlsx")
        if (demo["root"] / n).exists()
    ]
    assert all(found == names[0] for found in names) and names[0]


def test_what_specifies_a_sensitive_question_goes_with_it_and_free_text_needs_a_yes(
    tmp_path: Path,
) -> None:
    survey = [
        {"type": "select_one org", "name": "org", "label": "Org", "sensitive": "yes"},
        {"type": "text", "name": "org_other", "label": "Which", "relevant": "${org} = 'other'",
         "sensitive": "no"},
        {"type": "text", "name": "org_detail", "label": "Detail", "relevant": "${org} != ''",
         "sensitive": "no"},
        {"type": "text", "name": "notes", "label": "Notes"},
        {"type": "text", "name": "role", "label": "Role", "sensitive": "no"},
        {"type": "select_one kind or_other", "name": "kind", "label": "Kind"},
        {"type": "calculate", "name": "shout", "calculation": "concat(${org_other}, '!')"},
    ]  # fmt: skip
    choices = [
        {"list_name": "org", "name": "a", "label": "A"},
        {"list_name": "org", "name": "other", "label": "Other"},
        {"list_name": "kind", "name": "x", "label": "X"},
    ]
    form = load_form(write_xlsform(tmp_path / "f.xlsx", survey, choices, {"form_id": "f"}))
    by_name = {q.name: q for q in form.questions()}
    assert by_name["org"].sensitive is True
    assert by_name["org_other"].sensitive is False and by_name["notes"].sensitive is None
    dropped = derived_from_withheld(form)
    assert {"/data/org_other", "/data/org_detail", "/data/shout"} <= dropped
    db = tmp_path / "t.db"
    answers = tmp_path / "a.json"
    answers.write_text(
        json.dumps({"org": "other", "org_other": "Colectivo Zeta", "org_detail": "Zeta",
                    "notes": "Habló de Zeta", "role": "coordinadora", "kind": "other",
                    "kind_other": "Zeta typed"}),
        encoding="utf-8",
    )  # fmt: skip
    submit = ["submit", "--db", str(db), "--form", str(tmp_path / "f.xlsx")]
    assert main([*submit, "--answers", str(answers), "--city", "c", "--interviewer", "i"]) == 0
    out = tmp_path / "o.xlsx"
    assert main(["export", "--db", str(db), "-o", str(out), "--deidentify", "--drafts"]) == 0
    sheet = openpyxl.load_workbook(out)["f"]
    header, row = list(sheet.iter_rows(values_only=True))[:2]
    exported = dict(zip(header, row, strict=True))
    assert "role" in exported and exported["role"] == "coordinadora"  # marked safe
    assert exported["kind"] == "other"  # an or_other select is a code
    for gone in ("org", "org_other", "org_detail", "notes", "kind_other", "shout"):
        assert gone not in exported
    assert not any("Zeta" in str(value) for value in row)


def test_with_times_to_the_hour_a_time_question_is_kept_to_the_hour(tmp_path: Path) -> None:
    """`--times hour` keeps a time-of-day answer cut to its hour; `date` drops it."""
    survey = [
        {"type": "time", "name": "met_at", "label": "Met at"},
        {"type": "integer", "name": "n", "label": "N"},
    ]
    write_xlsform(tmp_path / "t.xlsx", survey, settings={"form_id": "t"})
    db = tmp_path / "t.db"
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"met_at": "14:37:12.000-06:00", "n": 3}), encoding="utf-8")
    submit = ["submit", "--db", str(db), "--form", str(tmp_path / "t.xlsx")]
    assert main([*submit, "--answers", str(answers), "--city", "c", "--interviewer", "i"]) == 0
    exported: dict[str, dict[str, Any]] = {}
    for times in ("date", "hour"):
        out = tmp_path / f"{times}.xlsx"
        export = ["export", "--db", str(db), "-o", str(out), "--deidentify", "--drafts"]
        assert main([*export, "--times", times]) == 0
        header, row = list(openpyxl.load_workbook(out)["t"].iter_rows(values_only=True))[:2]
        exported[times] = dict(zip(header, row, strict=True))
    assert "met_at" not in exported["date"] and exported["date"]["n"] == 3
    assert "met_at" in exported["hour"] and exported["hour"]["n"] == 3
    assert "37" not in str(exported["hour"]["met_at"])  # the minutes are gone
