"""Any text an interviewer can type comes back from the workbook as typed, never as code."""

from __future__ import annotations

import tempfile
import unicodedata
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from fieldapp.core.export.book import SheetSpec
from fieldapp.core.export.cells import MAX_SHEET_TITLE, fit_text, sheet_title
from fieldapp.core.export.columns import Kind
from fieldapp.core.export.xlsx import XlsxBook

typed_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40
) | st.sampled_from(["=1+1", "+5", "-x", "@A1", "\t=cmd", "\r\n=2", "ñ¿¡🙂", " x ", "\n", " "])


@settings(max_examples=25, deadline=None)
@given(st.lists(typed_text, min_size=1, max_size=15))
def test_any_text_round_trips_and_never_becomes_a_formula(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        book = XlsxBook(path)
        spec = SheetSpec("t", ("text", "n"), (Kind.TEXT, Kind.INTEGER), (20.0, 5.0))
        sheet = book.add_sheet(spec)
        for number, value in enumerate(texts):
            sheet.append([value, number])
        book.save()
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml")
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("t").to_python()
    assert b"<f>" not in xml and b"<f " not in xml
    # Whitespace alone is what every spreadsheet shows as an empty cell.
    expected = [fit_text(value)[0] if value.strip() else "" for value in texts]
    assert [row[0] for row in rows[1:]] == expected


@given(
    st.lists(
        st.text(min_size=0, max_size=60)
        | st.sampled_from(["x" * 30 + "'y", "'", "\x08'0", " \x01'"]),
        min_size=1,
        max_size=30,
    )
)
def test_sheet_titles_are_legal_and_unique(wanted: list[str]) -> None:
    taken: set[str] = set()
    titles = [sheet_title(name, taken) for name in wanted]
    assert len({title.casefold() for title in titles}) == len(titles)
    for title in titles:
        assert 0 < len(title) <= MAX_SHEET_TITLE
        assert not set(title) & set("[]:*?/\\")
        assert not title.startswith("'") and not title.endswith("'")
        assert title.casefold() not in ("codebook", "about", "history")
        assert all(
            unicodedata.category(c) not in ("Cc", "Cf") or c in "\u200c\u200d" for c in title
        )


def test_a_sheet_title_shows_what_its_name_holds_and_keeps_joined_words() -> None:
    """Excel showed ``informe<U+202E>exe``'s tab reversed and hid a zero-width space;
    a title cleaned into another's gets a number, and Persian keeps its non-joiner."""
    taken: set[str] = set()
    wanted = ["informe\u202eexe", "informe_exe", "a\u200bb", "l\ninea", "m\u06cc\u200c\u062e"]
    titles = [sheet_title(name, taken) for name in wanted]
    assert titles == ["informe_exe", "informe_exe (2)", "a_b", "l_inea", "m\u06cc\u200c\u062e"]
