"""Canaries in every place a person could hide, grepped in every byte a de-identified
export writes, in every format.

One interview of a small form carries a marker in each place an identity could reach an
export: a free-text answer, a calculation that copies it, the text typed for "other",
a repeat's text, the instance name built from the answers, a recording's file name, the
interviewer, the author of each version, the reviewer, the review comment, a comment
on a question, a scanned barcode (an id card's number) and the point taken at the door.
The same export without ``--deidentify`` shows them (so the canaries are
really there); with it, no file, zip member name, zip comment or decompressed byte holds
one, in UTF-8 or UTF-16.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from xlsform import write_xlsform

from fieldapp.cli import main
from fieldapp.core.form_add import add_form_file
from fieldapp.core.store import Store

# What a de-identified row holds, whichever rows the group rule writes (conftest).
pytestmark = pytest.mark.usefixtures("every_row_written")

MARK = "Qx7canary"
PLACES = (
    "org",
    "other",
    "person",
    "file",
    "interviewer",
    "author",
    "reviewer",
    "comment",
    "qcomment",
    "card",
    "safefile",
)
HOME = "17.0123456789 -98.9876543219 1200 4"
"""The point taken at the person's door: in no byte unless the form marks it safe."""
FORMATS = ("out.xlsx", "out.zip", "out.dta", "out.sav")


def canary(place: str) -> str:
    return f"{MARK}-{place}"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("canaries")
    form = write_xlsform(
        root / "leaks.xlsx",
        [
            {"type": "text", "name": "org_name", "label": "Organisation"},
            {"type": "calculate", "name": "org_copy", "calculation": "concat('Org ', ${org_name})"},
            {"type": "select_one kind or_other", "name": "kind", "label": "Kind"},
            {"type": "image", "name": "photo", "label": "Photo"},
            # Marked safe, its name still joined the row to the package that holds it.
            {"type": "audio", "name": "recording", "label": "Recording", "sensitive": "no"},
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "barcode", "name": "card", "label": "Id card"},
            {"type": "geopoint", "name": "home", "label": "Where"},
            {"type": "begin_repeat", "name": "people", "label": "People"},
            {"type": "text", "name": "person", "label": "Person"},
            {"type": "end_repeat", "name": "people"},
        ],
        choices=[
            {"list_name": "kind", "name": "ngo", "label": "NGO"},
            {"list_name": "kind", "name": "church", "label": "Church"},
        ],
        settings={
            "form_id": "leaks",
            "version": "1",
            "instance_name": "concat('Interview ', ${org_name})",
        },
    )
    db = root / "supervisor.db"
    with Store.open(db) as store:
        sha256 = add_form_file(store, form).record.sha256
        answers = {
            "org_name": canary("org"),
            "kind": "other",
            "kind_other": canary("other"),
            "age": 40,
            "card": canary("card"),
            "home": HOME,
            "people": [{"person": canary("person")}],
        }
        sid = store.interviews.start(
            sha256,
            answers=answers,
            complete=True,
            interviewer=canary("interviewer"),
            city="tijuana",
            author=canary("author"),
        )
        name = f"{canary('file')} comandante.jpg"
        store.attachments.add(b"\xff\xd8\xff\xe0 a photo", submission_id=sid, filename=name)
        heard = f"{canary('safefile')} entrevista.m4a"
        store.attachments.add(b"ID3 a recording", submission_id=sid, filename=heard)
        answers = {**answers, "photo": name, "recording": heard}
        store.interviews.autosave(sid, answers, author=canary("author"))
        store.interviews.finalize(sid, author=canary("author"))
        store.review.return_interview(
            sid,
            comment=canary("comment"),
            questions={"org_name": canary("qcomment")},
            author=canary("reviewer"),
        )
    return db


def _bytes_written(path: Path) -> Iterator[tuple[str, bytes]]:
    """Each piece an analyst could read of ``path``: raw, and every zip layer opened."""
    raw = path.read_bytes()
    yield path.name, raw
    if zipfile.is_zipfile(path):
        yield from _zip_pieces(path.name, raw)


def _zip_pieces(where: str, raw: bytes) -> Iterator[tuple[str, bytes]]:
    import io

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        yield f"{where}:comment", archive.comment
        for member in archive.infolist():
            inner = archive.read(member)
            yield f"{where}:{member.filename}:name", member.filename.encode()
            yield f"{where}:{member.filename}:comment", member.comment + member.extra
            yield f"{where}:{member.filename}", inner
            if inner[:4] == b"PK\x03\x04":
                yield from _zip_pieces(f"{where}:{member.filename}", inner)


def _home_forms() -> tuple[bytes, ...]:
    """The point's latitude and longitude as a workbook or CSV writes them (text), and as
    Stata and SPSS do (8-byte doubles, either byte order)."""
    import struct

    numbers = [float(part) for part in HOME.split()[:2]]
    texts = tuple(f"{n:.7f}".rstrip("0").encode() for n in numbers)
    doubles = tuple(struct.pack(order, n) for n in numbers for order in ("<d", ">d"))
    return texts + doubles


def _found(folder: Path) -> dict[str, set[str]]:
    """Which canaries each piece of every file in ``folder`` holds."""
    encodings = ("utf-8", "utf-16-le", "utf-16-be")
    found: dict[str, set[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        assert MARK not in path.name
        for where, piece in _bytes_written(path):
            for place in PLACES:
                if any(canary(place).encode(e) in piece for e in encodings):
                    found.setdefault(place, set()).add(where)
            if any(form in piece for form in _home_forms()):
                found.setdefault("home", set()).add(where)
    return found


@pytest.mark.parametrize("name", FORMATS)
def test_no_canary_reaches_any_byte_of_a_deidentified_export(
    database: Path, tmp_path: Path, name: str
) -> None:
    plain, deid = tmp_path / "plain", tmp_path / "deid"
    plain.mkdir()
    deid.mkdir()
    base = ["export", "--db", str(database), "--drafts"]
    assert main([*base, "-o", str(plain / name)]) == 0
    shown = _found(plain)
    assert {"org", "other", "person", "card", "home", "safefile"} <= shown.keys(), shown
    assert main([*base, "-o", str(deid / name), "--deidentify"]) == 0
    assert _found(deid) == {}


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Free text in version 1 under names that version 2 makes a select_one, an integer
    and a select_one with or_other; version 2's labels pipe the free text in (``${org}``)."""
    root = tmp_path_factory.mktemp("canary_versions")
    texts = [{"type": "text", "name": name, "label": name} for name in ("org", "q", "n", "s")]
    v1 = write_xlsform(root / "v1.xlsx", texts, settings={"form_id": "piped", "version": "1"})
    piped = "Did ${org} threaten you?"
    v2 = write_xlsform(
        root / "v2.xlsx",
        [
            {"type": "text", "name": "org", "label": "Organisation"},
            {"type": "select_one yn", "name": "q", "label": piped, "sensitive": "no"},
            {"type": "integer", "name": "n", "label": piped, "hint": "${org}"},
            {"type": "select_one yn or_other", "name": "s", "label": piped, "sensitive": "no"},
        ],
        choices=[
            {"list_name": "yn", "name": "yes", "label": "Yes, ${org}"},
            {"list_name": "yn", "name": "no", "label": "No"},
        ],
        settings={"form_id": "piped", "version": "2", "instance_name": "${org}"},
    )
    db = root / "versions.db"
    with Store.open(db) as store:
        old = add_form_file(store, v1).record.sha256
        store.interviews.submit(
            old,
            {
                "org": canary("org"),
                "q": canary("other"),
                "n": canary("person"),
                "s": canary("file"),
            },
            finalize=True,
            city="tijuana",
        )
        new = add_form_file(store, v2).record.sha256
        store.interviews.submit(
            new,
            {"org": canary("org"), "q": "yes", "n": 3, "s": "other", "s_other": canary("other")},
            finalize=True,
            city="tijuana",
        )
    return db


@pytest.mark.parametrize("name", FORMATS)
def test_free_text_of_an_older_version_or_piped_into_a_label_reaches_no_byte(
    versions: Path, tmp_path: Path, name: str
) -> None:
    """Without de-identifying, version 1's free text is in the file (Stata and SPSS make
    it a value label of version 2's select_one, and the about sheet quotes it as a number
    that is not one); de-identified, no byte holds it, nor a label that pipes it in."""
    plain, deid = tmp_path / "plain", tmp_path / "deid"
    plain.mkdir()
    deid.mkdir()
    base = ["export", "--db", str(versions)]
    assert main([*base, "-o", str(plain / name)]) == 0
    assert {"org", "other", "person", "file"} <= _found(plain).keys()
    assert main([*base, "-o", str(deid / name), "--deidentify"]) == 0
    assert _found(deid) == {}


@pytest.fixture(scope="module")
def clocked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One interview started at 09:12:33 whose calculations copy that moment: the clock
    (``once(now())``), the start as text, its hour and minute, and as a number."""
    root = tmp_path_factory.mktemp("clocked")
    form = write_xlsform(
        root / "clocked.xlsx",
        [
            {"type": "start", "name": "start"},
            {"type": "calculate", "name": "stamp", "calculation": "once(now())"},
            {"type": "calculate", "name": "copy", "calculation": "${start}"},
            {
                "type": "calculate",
                "name": "hm",
                "calculation": "format-date-time(${start}, '%H:%M')",
            },
            {"type": "calculate", "name": "number", "calculation": "decimal-date-time(${start})"},
            {"type": "calculate", "name": "again", "calculation": "concat('at ', ${hm})"},
            {"type": "calculate", "name": "day", "calculation": "today()"},
            {"type": "integer", "name": "age", "label": "Age"},
        ],
        settings={"form_id": "clocked", "version": "1"},
    )
    moment = dt.datetime(2026, 6, 7, 9, 12, 33, tzinfo=dt.UTC)
    db = root / "clocked.db"
    with Store.open(db, clock=lambda: moment) as store:
        sha256 = store.forms.add(form).sha256
        answers = {"start": moment.isoformat(), "age": 40}
        store.interviews.submit(sha256, answers, finalize=True, city="tijuana")
    return db


def _export_stamps(began: dt.datetime, ended: dt.datetime) -> tuple[bytes, ...]:
    """The export's own moment as it writes it, for each second it ran: the about sheet's
    "Exported at" and SPSS's header (to the second; the header runs the day and the time
    together) and Stata's header (to the minute), each with its day.

    They say when the analyst exported, not when anyone was interviewed. An export that
    ran in the twelfth second of any hour's ninth minute (10:09:12), or in the minute
    09:12, held "09:12" there, and the test failed: about one run in a few hundred, more
    often on a loaded machine, where each export spans more seconds.
    """
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun")
    months += ("Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # readstat's, whatever the locale
    stamps: list[bytes] = []
    moment = began.replace(microsecond=0) - dt.timedelta(seconds=1)
    while moment <= ended + dt.timedelta(seconds=1):
        day = f"{moment:%d} {months[moment.month - 1]}"
        for shape in ("%Y-%m-%dT%H:%M:%S", f"{day} %y%H:%M:%S", f"{day} %Y %H:%M"):
            stamps.append(moment.strftime(shape).encode())
        moment += dt.timedelta(seconds=1)
    return tuple(stamps)


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("times", ["date", "hour"])
def test_a_calculation_that_copies_the_clock_is_cut_with_the_moments(
    clocked: Path, tmp_path: Path, name: str, times: str
) -> None:
    """Moments are cut to the day (or the hour), but a calculation reading the clock or
    the start held 09:12:33 as text or as a number: the time of day, and the very
    second a package gives for the interview's start."""
    import struct

    second = ("09:12:33", "09:12", "0912")
    number = 20611.383715277778  # decimal-date-time of that moment, in days
    doubles = tuple(struct.pack(order, number) for order in ("<d", ">d"))

    def held(folder: Path, stamps: tuple[bytes, ...]) -> set[str]:
        found = set()
        for path in (p for p in folder.rglob("*") if p.is_file()):
            for _, piece in _bytes_written(path):
                for stamp in stamps:
                    piece = piece.replace(stamp, b"")
                found |= {t for t in second if t.encode() in piece}
                found |= {"number" for d in doubles if d in piece}
                found |= {"number" for t in ("20611.38", "20611,38") if t.encode() in piece}
        return found

    plain, deid = tmp_path / "plain", tmp_path / "deid"
    plain.mkdir()
    deid.mkdir()
    base = ["export", "--db", str(clocked)]
    assert main([*base, "-o", str(plain / name)]) == 0
    assert {"09:12", "number"} <= held(plain, ())
    began = dt.datetime.now()
    assert main([*base, "-o", str(deid / name), "--deidentify", "--times", times]) == 0
    assert held(deid, _export_stamps(began, dt.datetime.now())) == set()
