"""Attacks on the way forms come in: a workbook built to stall, exhaust or read the laptop.

A form reaches a laptop from a package (merge loads every new form), by hand (`fieldapp
forms add`, File › Forms…) or from ODK Central. The promise: one clear line, no crash, no
hang, memory bounded, and the database untouched. Each bomb runs in a child process with
its address space capped, so a broken guard fails the test instead of the machine.
"""

from __future__ import annotations

import contextlib
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from shared_text_xlsx import column, shared_xml, sheet_xml, workbook
from xlsform import write_xlsform

from fieldapp.core.form_add import add_form_file
from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.pyxform_stages import MAX_WORKBOOK_BYTES
from fieldapp.core.forms.workbook_text import cell_text_size
from fieldapp.core.merge import merge_database
from fieldapp.core.messages import FieldappError
from fieldapp.core.store import Store
from fieldapp.core.store.content import form_sha256

MEMORY_CAP = 1 << 30
"""What a child process loading a bomb may map: a laptop's spare memory, give or take."""


def _load_capped(path: Path) -> str:
    """Load ``path`` in a child process capped at ``MEMORY_CAP``; return what it printed."""
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from fieldapp.core.forms.loader import load_form\n"
        "from fieldapp.core.messages import FieldappError\n"
        "try:\n"
        "    form = load_form(Path(sys.argv[1]))\n"
        "    print('loaded', len(list(form.questions())))\n"
        "except FieldappError as error:\n"
        "    print(error.code)\n"
        "    print(error.text('en'))\n"
    )

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _count(db: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        found: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return found


def _content(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


def _refused_by_hand_and_by_merge(
    tmp_path: Path, content: bytes, code: str, name: str = "hostile.xlsx"
) -> None:
    """``content`` added by hand, or carried by a package, is refused; nothing changes."""
    path = tmp_path / name
    path.write_bytes(content)
    by_hand = tmp_path / "by-hand.db"
    with Store.open(by_hand) as store:
        forms_before = _count(by_hand, "forms")
        with pytest.raises(FieldappError) as added:
            add_form_file(store, path)
        assert added.value.code == code
    assert _count(by_hand, "forms") == forms_before
    package = tmp_path / "package.db"
    with Store.open(package):
        pass
    with contextlib.closing(sqlite3.connect(package)) as conn:
        conn.execute(
            "INSERT INTO forms VALUES (?, 'hostile', '1', 'hostile', 'hostile.xlsx', ?, "
            "'2026-01-01')",
            [form_sha256(content, {}), content],
        )
        conn.commit()
    supervisor = tmp_path / "supervisor.db"
    with Store.open(supervisor) as store:
        before = _content(supervisor)
        with pytest.raises(FieldappError) as merged:
            merge_database(store, package)
        assert merged.value.code == "merge.bad_row"
        assert _content(supervisor) == before


# --- one long text named by many cells ----------------------------------------------------------


def _shared_text_bomb(cells: int) -> bytes:
    """A valid form whose ``cells`` questions all show one 32,000-character label."""
    rows: list[list[str | int | None]] = [["type", "name", "label"]]
    rows += [["note", f"n{i}", 0] for i in range(cells)]
    return workbook({"survey": sheet_xml(rows)}, shared_xml(["Read this aloud. " * 1882]))


@pytest.mark.slow
def test_a_workbook_naming_one_long_text_from_many_cells_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    """A 300 KB workbook (3 MB unpacked, under the size bound) whose 20,000 notes name one
    32,000-character shared label hands the readers 610 MB of text: before the guard it
    ran out of the child's 1 GB ("could not finish"; 15,000 such notes took 49 s and
    1.4 GB uncapped). Now: refused in one line, by hand and in a package alike."""
    content = _shared_text_bomb(20_000)
    assert len(content) < 400_000
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(content)
    code, line = _load_capped(path).splitlines()
    assert code == "forms.too_much_text"
    assert "610.2 MB" in line and f"{MAX_WORKBOOK_BYTES >> 20} MB" in line and "\n" not in line
    _refused_by_hand_and_by_merge(tmp_path, content, "forms.too_much_text")


def test_the_text_counted_is_the_text_the_reader_hands_out(tmp_path: Path) -> None:
    """The guard counts shared texts as openpyxl reads them (runs of rich text joined),
    so a form just under the bound loads and one just over is refused."""
    from openpyxl import load_workbook

    rich = '<si><r><t>Bold part, </t></r><r><t xml:space="preserve">plain part</t></r></si>'
    shared = shared_xml(["note", "Short label"]).replace("</sst>", rich + "</sst>")
    rows: list[list[str | int | None]] = [["type", "name", "label"]]
    rows += [[0, f"n{i}", 1 + i % 2] for i in range(40)]
    content = workbook({"survey": sheet_xml(rows)}, shared)
    (tmp_path / "rich.xlsx").write_bytes(content)
    book = load_workbook(tmp_path / "rich.xlsx", read_only=True)
    read = sum(  # the type and label columns: the only cells naming shared texts
        len(str(kind)) + len(str(label))
        for kind, _name, label in book["survey"].iter_rows(min_row=2, values_only=True)
    )
    book.close()
    assert cell_text_size(content, 0) == read == 40 * len("note") + 20 * (11 + 21)
    form = load_form(tmp_path / "rich.xlsx")
    labels = {q.name: dict(q.labels).get("default") for q in form.questions()}
    assert labels["n0"] == "Short label" and labels["n1"] == "Bold part, plain part"
    label = "x" * 30_000
    just_under = MAX_WORKBOOK_BYTES // len(label)
    for cells, loads in ((just_under, True), (just_under + 1, False)):
        rows = [["type", "name", "label"]] + [["note", f"n{i}", 0] for i in range(cells)]
        content = workbook({"survey": sheet_xml(rows)}, shared_xml([label]))
        assert (cell_text_size(content, MAX_WORKBOOK_BYTES) > MAX_WORKBOOK_BYTES) is not loads


# --- entities, dimensions -------------------------------------------------------------------


def test_entities_in_a_workbook_are_never_expanded_nor_read(tmp_path: Path) -> None:
    """A billion laughs in the shared strings and an external entity naming a file of this
    laptop in the sheet: refused as damaged, no entity expanded, the file's text in no
    message."""
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-host-secret-7731")
    laughs = '<!DOCTYPE s [<!ENTITY l0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    shared = shared_xml(["note", "L"]).replace("<sst", laughs + "]><sst", 1)
    shared = shared.replace("<t>L</t>", "<t>&l9;</t>")
    external = f'<!DOCTYPE w [<!ENTITY e SYSTEM "file://{secret}">]><worksheet'
    rows: list[list[str | int | None]] = [["type", "name", "label"], [0, "n", 1]]
    for name, sheet, strings in (
        ("laughs.xlsx", sheet_xml(rows), shared),
        (
            "external.xlsx",
            sheet_xml([["type", "name", "label"], ["note", "n", "ENTITY"]])
            .replace("<worksheet", external, 1)
            .replace("<t>ENTITY</t>", "<t>&e;</t>"),
            None,
        ),
    ):
        path = tmp_path / name
        path.write_bytes(workbook({"survey": sheet}, strings))
        code, line = _load_capped(path).splitlines()
        assert code == "forms.damaged_workbook"
        assert "CANARY" not in line and "lollol" not in line


def test_a_sheet_that_claims_every_row_and_column_is_read_in_a_moment(tmp_path: Path) -> None:
    """The sheet's dimension says A1:XFD1048576 and cells sit at the last column of rows
    all the way down to the last row: the reader stops where the form's rows stop."""
    far = "".join(
        f'<row r="{row}"><c r="XFD{row}" t="inlineStr"><is><t>far</t></is></c></row>'
        for row in (*range(100, 1_000_000, 25_000), 1_048_576)
    )
    rows: list[list[str | int | None]] = [
        ["type", "name", "label"],
        ["text", "a", "A"],
        ["integer", "b", "B"],
    ]
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(workbook({"survey": sheet_xml(rows)}))
    questions = len(list(load_form(plain).questions()))
    path = tmp_path / "wide.xlsx"
    sheet = sheet_xml(rows, dimension=f"A1:{column(16383)}1048576", extra_rows=far)
    path.write_bytes(workbook({"survey": sheet}))
    assert _load_capped(path).split() == ["loaded", str(questions)]


# --- expressions ----------------------------------------------------------------------------


def test_an_expression_thousands_of_terms_long_is_refused_in_one_short_line(
    tmp_path: Path,
) -> None:
    """`${a} + ${a} + ...` of 4,000 terms parses in a loop but every walk over its tree
    recursed: `forms check` said "could not finish: RecursionError ... please report this"
    and so did File › Forms…. Now the row and what to do, in a line of a few hundred
    characters, in English and Spanish; by hand and from a package nothing changes."""
    long_sum = " + ".join(["${a}"] * 4000) + " > 1"  # under Excel's 32,767 a cell
    path = write_xlsform(
        tmp_path / "long.xlsx",
        [
            {"type": "integer", "name": "a", "label": "A"},
            {"type": "integer", "name": "b", "label": "B", "relevant": long_sum},
        ],
    )
    with pytest.raises(FieldappError) as caught:
        load_form(path)
    english, spanish = caught.value.text("en"), caught.value.text("es")
    assert caught.value.code == "forms.bad_expression"
    assert "row 3" in english and "nested too deeply" in english and "calculate" in english
    assert "fila 3" in spanish and "anidada demasiado" in spanish
    assert len(english) < 500 and len(spanish) < 500
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "forms", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "nested too deeply" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stdout + done.stderr
    _refused_by_hand_and_by_merge(tmp_path, path.read_bytes(), "forms.bad_expression")


def _mistaken(mistake: str, size: int) -> tuple[str, str, int]:
    """An expression of about ``size`` characters, a long text and one mistake: the
    expression, what is around the mistake, and the character (1-based) a message names."""
    text = "'" + "ab " * (size // 6) + "'"
    if mistake == "character":  # halfway, one no expression has: the tokenizer stops
        return f"{text} # {text}", "ab ab ' # 'ab ab", len(text) + 2
    if mistake == "bracket":  # closed, never opened, at the very end: the parser stops
        return f"{text} = 1)", "ab ab ' = 1)", len(text) + 5
    return f"{text} = nosuch(1)", "ab ab ' = nosuch(1)", len(text) + 4  # the compiler stops


@pytest.mark.parametrize("mistake", ["character", "bracket", "function"])
@pytest.mark.parametrize("kind", ["xlsx", "xml"])
def test_a_long_expression_with_a_mistake_is_quoted_around_it_in_one_short_line(
    tmp_path: Path, mistake: str, kind: str
) -> None:
    """The message quoted the whole expression: 28 KB (a workbook cell holds 32,767
    characters at most) or 100 KB (an XForm's bind) in one line of `forms check`, of File ›
    Forms…, of a package refused. Now some 80 characters around the mistake, cut with an
    ellipsis, and the character it is at, in English and Spanish."""
    expression, around, where = _mistaken(mistake, 30_000 if kind == "xlsx" else 100_000)
    if kind == "xlsx":
        path = write_xlsform(
            tmp_path / "long.xlsx",
            [
                {"type": "integer", "name": "a", "label": "A"},
                {"type": "integer", "name": "b", "label": "B", "relevant": expression},
            ],
        )
    else:
        bind = f'<bind nodeset="/data/name" type="string" relevant="{expression}"/>'
        path = tmp_path / "long.xml"
        path.write_text(
            _XFORM.format(instance="", open="", close="").replace(
                '<bind nodeset="/data/name" type="string"/>', bind
            )
        )
    with pytest.raises(FieldappError) as caught:
        load_form(path)
    for language in ("en", "es"):
        line = caught.value.text(language)
        assert around in line and str(where) in line and "…" in line
        assert len(line) < 500 and "\n" not in line
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp", "forms", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    said = done.stdout + done.stderr
    assert around in said and len(said) < 1_000


def _deep_in_the_stack(frames: int, work: object) -> object:
    if frames:
        return _deep_in_the_stack(frames - 1, work)
    assert callable(work)
    return work()


def test_the_longest_expression_allowed_computes_even_deep_in_the_call_stack(
    tmp_path: Path,
) -> None:
    """A total of 240 answers, the longest sum the bound allows, loads and computes, even
    when the window's slots are 300 frames deep: the bound leaves every walk room."""
    survey = [{"type": "integer", "name": "a", "label": "A"}]
    survey.append({"type": "calculate", "name": "total", "calculation": " + ".join(["${a}"] * 240)})
    survey.append({"type": "integer", "name": "b", "label": "B", "relevant": "${total} > 480"})
    path = write_xlsform(tmp_path / "sum.xlsx", survey)

    def interview() -> object:
        session = Session(load_form(path))
        session.set_answer(("a",), 3)
        return (session.answers(), session.state(("b",)).relevant)

    answers, b_shown = _deep_in_the_stack(300, interview)  # type: ignore[misc]
    assert answers["total"] in (720, "720") and b_shown


# --- XForms (ODK Central's, or a package's) ---------------------------------------------------

_XFORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:jr="http://openrosa.org/javarosa">
  <h:head><h:title>Deep</h:title><model>
    <instance><data id="deep" version="1"><name/><meta><instanceID/></meta></data></instance>
    {instance}
    <bind nodeset="/data/name" type="string"/>
    <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
  </model></h:head>
  <h:body>{open}<input ref="/data/name"><label>Name</label></input>{close}</h:body>
</h:html>"""


def _xform(levels: int, where: str) -> bytes:
    if where == "body":
        return _XFORM.format(
            instance="", open="<group>" * levels, close="</group>" * levels
        ).encode()
    inline = f'<instance id="places"><root>{"<i>" * levels}{"</i>" * levels}</root></instance>'
    return _XFORM.format(instance=inline, open="", close="").encode()


@pytest.mark.parametrize("where", ["body", "instance"])
def test_an_xform_nesting_thousands_of_levels_is_refused_in_one_line(
    tmp_path: Path, where: str
) -> None:
    """The instance was held to 100 levels, not the body's groups nor an inline secondary
    instance: 5,000 of either crashed reading (RecursionError), by hand and from Central
    alike. Now refused by name; 90 levels still load."""
    (tmp_path / "ok.xml").write_bytes(_xform(90, where))
    assert load_form(tmp_path / "ok.xml").form_id == "deep"
    content = _xform(5_000, where)
    (tmp_path / "deep.xml").write_bytes(content)
    with pytest.raises(FieldappError) as caught:
        load_form(tmp_path / "deep.xml")
    assert caught.value.code == "xform.too_deep"
    assert "100" in caught.value.text("en") and "100" in caught.value.text("es")
    _refused_by_hand_and_by_merge(tmp_path, content, "xform.too_deep", "hostile.xml")


@pytest.mark.parametrize(
    "source",
    [
        "jr://file-csv/../outside.csv",
        "jr://file-csv/..\\outside.csv",
        "jr://file/..",
        "jr://file-csv/",
        "/{outside}",
        "jr://file-csv/link.csv",
    ],
)
def test_an_xforms_attached_file_is_read_from_its_folder_only(tmp_path: Path, source: str) -> None:
    """A file attached to an XForm is taken by its plain name from the form's folder: no
    `../`, no backslash, no absolute path, no symlink out brings `outside.csv` in."""
    folder = tmp_path / "form"
    folder.mkdir()
    outside = tmp_path / "outside.csv"
    outside.write_text("name,label\na,CANARY-outside\n")
    (folder / "link.csv").symlink_to(outside)
    src = source.format(outside=str(outside).lstrip("/"))
    path = folder / "form.xml"
    path.write_text(_XFORM.format(instance=f'<instance id="x" src="{src}"/>', open="", close=""))
    with pytest.raises(FieldappError) as caught:
        load_form(path)
    assert caught.value.code == "xform.attachment_missing"
    assert "CANARY" not in caught.value.text("en")


def test_an_xls_naming_one_long_text_from_many_cells_is_refused_too(tmp_path: Path) -> None:
    """An .xls keeps its texts in one table (the SST) as an .xlsx does: 20,000 cells naming
    one 32,000-character text (1.4 MB) ran the reader out of a gigabyte after 24 s. The
    fixture, 1,200 such notes (36.6 MB of text, 120 KB), is ``_shared_text_bomb(1200)``
    saved as Excel 97 by LibreOffice (``soffice --headless --convert-to xls``)."""
    from paths import REPO

    content = (REPO / "tests" / "data" / "shared-text-1200-notes.xls").read_bytes()
    assert content.startswith(b"\xd0\xcf\x11\xe0") and len(content) < 150_000
    path = tmp_path / "bomb.xls"
    path.write_bytes(content)
    code, line = _load_capped(path).splitlines()
    assert code == "forms.too_much_text" and "36.6 MB of text" in line
    _refused_by_hand_and_by_merge(tmp_path, content, "forms.too_much_text", "hostile.xls")
