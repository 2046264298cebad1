"""The shared corpus of public XLSForms: every valid one loads whole, every invalid one is
refused with the problem and the row pyxform knows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from paths import CORPUS, STUDY_FORMS, corpus, needs_shared

from fieldapp.core.forms.loader import FormError, load_form
from fieldapp.core.forms.model import Form, Group, Question, QuestionType
from fieldapp.core.forms.xpath import Expression

VALID = corpus("valid")
INVALID = corpus("invalid")
_BIND_FIELDS = ("relevant", "required", "constraint", "calculation", "readonly")


@pytest.fixture(scope="module")
def loaded() -> dict[str, Form]:
    return {path.name: load_form(path) for path in VALID}


@needs_shared
def test_the_corpus_is_there() -> None:
    assert len(VALID) >= 15 and len(INVALID) >= 3


@needs_shared
@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_every_valid_form_loads_with_a_type_for_every_question(
    path: Path, loaded: dict[str, Form]
) -> None:
    form = loaded[path.name]
    questions = list(form.questions())
    assert questions, path.name
    for question in questions:
        assert isinstance(question.type, QuestionType)
        if question.type.is_select:
            assert question.choices is not None and question.choices.choices, question.path
    assert form.form_id and form.languages
    assert form.default_language in form.languages


@needs_shared
@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_every_expression_of_pyxform_is_compiled(path: Path, loaded: dict[str, Form]) -> None:
    """Count the expressions pyxform read; the tree holds a compiled one for each."""
    from pyxform.xls2xform import convert

    form = loaded[path.name]
    expected = _pyxform_expressions(convert(str(path))._pyxform or {}, "")
    compiled = {
        (element.path, field)
        for element in form.walk()
        for field in (*_BIND_FIELDS, "choice_filter", "repeat_count")
        if isinstance(getattr(element.bind, field), Expression)
    }
    assert compiled == expected


def _pyxform_expressions(node: dict[str, Any], parent: str) -> set[tuple[str, str]]:
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    found: set[tuple[str, str]] = set()
    if node.get("type") == "entity":  # an entity declaration, not a question
        return found
    path = f"{parent}/{node['name']}"
    names = {"calculate": "calculation"}
    # A type brings its own bind (a note is read-only, "phone number" has a constraint).
    preset = QUESTION_TYPE_DICT.get(str(node.get("type")), {}).get("bind", {})
    for key, value in {**preset, **(node.get("bind") or {})}.items():
        field = names.get(key, key)
        if field in _BIND_FIELDS and str(value).strip():
            found.add((path, field))
    if node.get("choice_filter"):
        found.add((path, "choice_filter"))
    if (node.get("control") or {}).get("jr:count"):
        found.add((path, "repeat_count"))
    if node.get("type") == "loop":
        for column in node.get("columns", ()):
            for child in node.get("children", ()):
                found |= _pyxform_expressions(child, f"{path}/{column['name']}")
        return found
    for child in node.get("children", ()):
        found |= _pyxform_expressions(child, path)
    return found


@needs_shared
@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_rows_point_at_the_element_on_the_survey_sheet(path: Path, loaded: dict[str, Form]) -> None:
    names = _survey_names(path)
    form = loaded[path.name]
    rows = [e for e in form.walk() if e.row]
    assert rows, path.name
    for element in rows:
        assert names.get(element.row) == element.name, (element.path, element.row)


def _survey_names(path: Path) -> dict[int, str]:
    """Row number -> name cell of the survey sheet, read without pyxform."""
    if path.suffix == ".xls":
        import xlrd

        book = xlrd.open_workbook(str(path))
        sheet = next(
            (s for s in book.sheets() if s.name.lower() == "survey"), book.sheet_by_index(0)
        )
        table = [sheet.row_values(i) for i in range(sheet.nrows)]
    else:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = next((s for s in workbook.worksheets if s.title.lower() == "survey"), None)
        sheet = sheet or workbook.worksheets[0]
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    headers = [str(h or "").strip().lower() for h in table[0]]
    column = next(i for i, h in enumerate(headers) if h in ("name", "value"))
    return {
        number: _cell_text(row[column])
        for number, row in enumerate(table[1:], start=2)
        if column < len(row) and row[column] not in (None, "")
    }


def _cell_text(value: object) -> str:
    if isinstance(value, bool):  # Excel's TRUE/FALSE cells, as pyxform reads them
        return str(value).upper()
    return str(value).strip()


@needs_shared
def test_groups_repeats_and_loops_of_the_corpus_nest() -> None:
    form = load_form(CORPUS / "valid" / "loop.xlsx")
    loop = form.element("/data/loop_toilet_types")
    assert isinstance(loop, Group)
    assert [g.name for g in loop.children] == [
        "pit_latrine_with_slab",
        "open_pit_latrine",
        "bucket_system",
        "other",
    ]
    number = form.element("/data/loop_toilet_types/bucket_system/number")
    assert isinstance(number, Question) and number.type is QuestionType.INTEGER
    assert number.label("english") == "How many Bucket system are on the premises?"


# pyxform's verdict on each invalid form: the row it names and words of the problem.
REFUSALS = {
    "duplicate_columns.xlsx": ("survey row 1:", "Duplicate column header: label"),
    "group_name_test.xls": ("survey row 3:", "no name"),
    "kobo_number_decimal_range_question_types.xlsx": ("survey row 9:", "'tart'"),
}


@needs_shared
@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_every_invalid_form_is_refused_naming_the_problem(path: Path) -> None:
    with pytest.raises(FormError) as caught:
        load_form(path)
    text = caught.value.text("en")
    assert text.startswith(f"{path}: ")
    assert "Traceback" not in text and "\n" not in text
    where, what = REFUSALS[path.name]
    assert where in text and what in text


STUDY_FILES = sorted(STUDY_FORMS.glob("*.xlsx"))


@pytest.mark.parametrize("path", VALID + STUDY_FILES, ids=[p.name for p in VALID + STUDY_FILES])
def test_references_resolve_to_the_paths_xls2xform_writes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every bind of pyxform's XForm is one of the expressions we compiled, path for path."""
    import xml.etree.ElementTree as ElementTree

    from pyxform.xls2xform import convert

    from fieldapp.core.forms import loader

    compiled: list[str] = []
    real = loader.compile_expression

    def recording(text: str, resolve: Any) -> Expression:
        expression = real(text, resolve)
        resolved = loader._REF.sub(lambda m: resolve(m.group(1)), text)
        compiled.append("".join(resolved.split()))
        return expression

    monkeypatch.setattr(loader, "compile_expression", recording)
    load_form(path)
    xform = ElementTree.fromstring(convert(str(path)).xform)
    attributes = ("relevant", "required", "constraint", "calculate", "readonly")
    written = [
        "".join(value.split())
        for bind in xform.iter("{http://www.w3.org/2002/xforms}bind")
        if "/meta/entity" not in bind.get("nodeset", "")  # entity declarations: not ours
        for name in attributes
        if (value := bind.get(name)) is not None
    ]
    for itemset in xform.iter("{http://www.w3.org/2002/xforms}itemset"):
        nodeset = itemset.get("nodeset", "")
        if nodeset.endswith("]"):  # a choice filter, evaluated on each choice
            written.append("".join(nodeset[nodeset.index("[") + 1 : -1].split()))
    assert written
    missing = [text for text in written if text not in compiled]
    assert missing == []
