"""pyxform's stages, run on the bytes of a workbook, with its errors turned into ours.

1. read the workbook (.xlsx/.xlsm by their zip signature, .xls by its OLE signature);
2. pyxform's workbook-to-dict stage, so every alias, header spelling and rule of pyxform
   applies;
3. pyxform's element tree, which resolves ``${name}`` exactly as ``xls2xform`` writes it;
4. (after ``loader`` built our tree) pyxform's XForm output, so a form that loads here also
   converts with ``xls2xform``.

pyxform says where a problem is in its text ("[row : 3] ..."); these functions parse that
into the file, sheet and row of a ``FieldappError``.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from fieldapp.core.forms.model import Form
from fieldapp.core.forms.workbook_text import cell_text_size, xls_cell_text_size
from fieldapp.core.messages import FieldappError, past_limit

SURVEY = "survey"
SETTINGS = "settings"

MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
"""The most a form's workbook may unpack to (the largest of the XLSForm corpus: 2.2 MB).

Reading costs about 1.5 s a megabyte unpacked, and a package can carry a form whose few
compressed kilobytes unpack to gigabytes: merge loads every new form, and neither its
Cancel nor its time bound reach into the reader."""
_ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ROW = re.compile(r"^\s*\[row\s*:\s*(\d+)\]\s*")
_SHEET = re.compile(r"On the '(\w+)' sheet")
_NAMED = re.compile(r"(?:element|survey element) named '([^']+)'")
_UNKNOWN_TYPE = re.compile(r"Unknown question type '([^']*)'")
_END_ROW = re.compile(r"\s*end[\s_]*(group|repeat|loop)\b", re.IGNORECASE)


class FormError(FieldappError):
    """A form that cannot be used: the first problem is the message; ``problems`` has all."""

    def __init__(self, problems: list[FieldappError]) -> None:
        first = problems[0]
        super().__init__(first.code, **first.message.params)
        self.problems: tuple[FieldappError, ...] = tuple(problems)


def read_workbook(content: bytes, shown: str) -> Any:
    """Return pyxform's ``DefinitionData`` of a workbook's bytes (stage 1)."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import DefinitionData, xls_to_dict, xlsx_to_dict

    if not content:
        raise FormError([FieldappError("forms.empty_file", file=shown)])
    _refuse_too_large(content, shown)
    # The signature, not the name, says what a file is: users rename files.
    if content.startswith(_ZIP_MAGIC):
        _refuse_other_zip_documents(content, shown)
        reader = xlsx_to_dict
    elif content.startswith(OLE_MAGIC):
        reader = xls_to_dict
    else:
        raise FormError([FieldappError("forms.not_a_workbook", file=shown)])
    try:
        # openpyxl warns about oddities of damaged files; the refusal below says enough.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if reader is xls_to_dict:
                _open_xls_quietly(content)
            return DefinitionData(**reader(content))
    except PyXFormError as error:
        cause = error.__cause__
        if cause is None and not str(error).startswith("Duplicate column header"):
            raise FormError([pyxform_problem(str(error), shown)]) from None
        if cause is not None:
            raise FormError(
                [FieldappError("forms.damaged_workbook", file=shown, reason=reason_of(cause))]
            ) from None
        raise FormError([_header_problem(str(error), content, shown)]) from None
    except Exception as error:  # a damaged file makes the readers fail in many ways
        raise FormError(
            [FieldappError("forms.damaged_workbook", file=shown, reason=reason_of(error))]
        ) from None


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def _refuse_too_large(content: bytes, shown: str) -> None:
    """Refuse a workbook that is, or unpacks to, more than ``MAX_WORKBOOK_BYTES``.

    The sizes a zip declares bound what ``zipfile`` unpacks (it stops at each member's
    declared size), so their sum bounds what the readers will parse; the text its cells
    name from the shared-strings table is bounded the same (``workbook_text``).
    """
    size = len(content)
    if content.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                size = max(size, sum(member.file_size for member in archive.infolist()))
        except Exception:  # a damaged archive: the workbook reader says so
            return
    if size > MAX_WORKBOOK_BYTES:
        said, most = past_limit(size, MAX_WORKBOOK_BYTES)  # "40.0 MB", "32 MB"
        raise FormError([FieldappError("forms.too_large", file=shown, size=said, most=most)])
    text = 0
    if content.startswith(_ZIP_MAGIC):
        text = cell_text_size(content, MAX_WORKBOOK_BYTES)
    elif content.startswith(OLE_MAGIC):
        text = xls_cell_text_size(content)
    if text > MAX_WORKBOOK_BYTES:
        said, most = past_limit(text, MAX_WORKBOOK_BYTES)
        raise FormError([FieldappError("forms.too_much_text", file=shown, size=said, most=most)])


def _refuse_other_zip_documents(content: bytes, shown: str) -> None:
    """Name what a sound zip that is no Excel workbook is: an .ods, a Word file..."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = {name.lower() for name in archive.namelist()}  # OOXML ignores case
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # a cut-short or damaged archive fails in many ways
        return  # and the workbook reader then says it is damaged
    if b"opendocument.spreadsheet" in mimetype:
        raise FormError([FieldappError("forms.ods_workbook", file=shown)])
    if "xl/workbook.xml" not in names:  # also .xlsb, which pyxform cannot read
        raise FormError([FieldappError("forms.not_a_workbook", file=shown)])


def _open_xls_quietly(content: bytes) -> None:
    """Open an .xls once with xlrd's log discarded: a damaged one fails here, not on stdout.

    xlrd logs to the stdout of import time unless told otherwise, and pyxform does not tell
    it, so pyxform's own opening is pointed at the same discarding log.
    """
    import xlrd
    from pyxform import xls2json_backends

    if not isinstance(xls2json_backends.xlrd_open, functools.partial):
        xls2json_backends.xlrd_open = functools.partial(xlrd.open_workbook, logfile=_Discard())
    xlrd.open_workbook(file_contents=content, logfile=_Discard(), on_demand=True)


def _header_problem(text: str, content: bytes, shown: str) -> FieldappError:
    """Name the sheet of a duplicate column header (pyxform's message names only the column)."""
    duplicate = re.match(r"Duplicate column header: (.+)$", text.strip())
    if duplicate:
        try:
            for sheet, headers in _header_rows(content):
                if headers.count(duplicate.group(1)) > 1:
                    return FieldappError(
                        "forms.xlsform_problem", file=shown, sheet=sheet, row=1, problem=text
                    )
        except Exception:  # only a better place for the message; pyxform's text stands
            pass
    return pyxform_problem(text, shown)


def _header_rows(content: bytes) -> Iterator[tuple[str, list[str]]]:
    if content.startswith(OLE_MAGIC):
        import xlrd

        book = xlrd.open_workbook(file_contents=content)
        for xls_sheet in book.sheets():
            if xls_sheet.nrows:
                yield xls_sheet.name, [str(v).strip() for v in xls_sheet.row_values(0) if v]
        return
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for first in sheet.iter_rows(max_row=1, values_only=True):
                yield sheet.title, [str(v).strip() for v in first if v is not None]
    finally:
        workbook.close()


def pyxform_dict(workbook: Any, stem: str, shown: str, warnings_out: list[str]) -> dict[str, Any]:
    """Return pyxform's dict of the form (stage 2); its warnings go to ``warnings_out``."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json

    sheets = [str(name).lower() for name in workbook.sheet_names or ()]
    if not workbook.survey and SURVEY in sheets:  # pyxform would say there is no such sheet
        raise FormError([FieldappError("forms.empty_survey", file=shown)])
    try:
        result: dict[str, Any] = workbook_to_json(
            workbook_dict=workbook, fallback_form_name=stem, warnings=warnings_out
        )
    except PyXFormError as error:
        raise FormError([pyxform_problem(str(error), shown)]) from None
    except Exception as error:  # pyxform trips over some malformed sheets
        raise FormError(
            [FieldappError("forms.pyxform_failed", file=shown, reason=reason_of(error))]
        ) from None
    return result


def pyxform_survey(
    form_dict: dict[str, Any], shown: str, rows: dict[int, tuple[int, str]] | None = None
) -> Any:
    """Return pyxform's element tree of the dict (stage 3), ready to resolve ``${name}``.

    ``rows`` (from ``survey_rows``) lets a misspelt type name its row.
    """
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.errors import PyXFormError

    try:
        survey = create_survey_element_from_dict(copy.deepcopy(form_dict))
        # The name -> element table that ${name} resolution reads; to_xml builds it too.
        survey._setup_xpath_dictionary()
    except PyXFormError as error:
        located = _unknown_type_problem(str(error), form_dict, rows or {}, shown)
        raise FormError([located or pyxform_problem(str(error), shown)]) from None
    except Exception as error:
        raise FormError(
            [FieldappError("forms.pyxform_failed", file=shown, reason=reason_of(error))]
        ) from None
    return survey


def _unknown_type_problem(
    text: str, form_dict: dict[str, Any], rows: dict[int, tuple[int, str]], shown: str
) -> FieldappError | None:
    """Name the row of a type pyxform does not know (it says only which type)."""
    unknown = _UNKNOWN_TYPE.search(text)
    if unknown is None:
        return None
    for element in _walk_dicts(form_dict.get("children", [])):
        if element.get("type") == unknown.group(1) and id(element) in rows:
            row, raw_type = rows[id(element)]
            return FieldappError(
                "forms.unknown_type",
                file=shown,
                sheet=SURVEY,
                row=row,
                name=str(element.get("name", "")),
                type=raw_type or unknown.group(1),
            )
    return None


def convert_to_xform(survey: Any, shown: str, form: Form) -> None:
    """Run pyxform's XForm output: what it refuses, ODK Collect and Kobo would refuse too."""
    from pyxform.errors import PyXFormError

    try:
        survey.to_xml(validate=False, pretty_print=False, warnings=[])
    except PyXFormError as error:
        text = str(error)
        named = _NAMED.search(text)
        row = 0
        if named:
            row = next((e.row for e in form.walk() if e.name == named.group(1)), 0)
        if row:
            problem = FieldappError(
                "forms.xlsform_problem", file=shown, sheet=SURVEY, row=row, problem=one_line(text)
            )
        else:
            problem = pyxform_problem(text, shown)
        raise FormError([problem]) from None
    except Exception as error:
        raise FormError(
            [FieldappError("forms.pyxform_failed", file=shown, reason=reason_of(error))]
        ) from None


def pyxform_problem(text: str, shown: str) -> FieldappError:
    """Turn a pyxform message ("[row : 3] Question or group with no name.") into ours."""
    match = _ROW.match(text)
    if match is None:
        return FieldappError("forms.xlsform_problem_no_row", file=shown, problem=one_line(text))
    sheet = _SHEET.search(text)
    return FieldappError(
        "forms.xlsform_problem",
        file=shown,
        sheet=sheet.group(1) if sheet else SURVEY,
        row=int(match.group(1)),
        problem=one_line(text[match.end() :]),
    )


def pyxform_warnings(warnings: tuple[str, ...], shown: str) -> list[FieldappError]:
    """Turn pyxform's warnings into one message a line, with sheet and row where it says."""
    found: list[FieldappError] = []
    for warning in warnings:
        for line in filter(None, (part.strip() for part in warning.splitlines())):
            match = _ROW.match(line)
            if match is None:
                found.append(FieldappError("forms.pyxform_warning", file=shown, warning=line))
                continue
            sheet = _SHEET.search(line)
            found.append(
                FieldappError(
                    "forms.pyxform_warning_at",
                    file=shown,
                    sheet=sheet.group(1) if sheet else SURVEY,
                    row=int(match.group(1)),
                    warning=line[match.end() :],
                )
            )
    return found


def survey_rows(workbook: Any, form_dict: dict[str, Any]) -> dict[int, tuple[int, str]]:
    """Map each element dict of ``form_dict`` (by id) to its survey row and raw type.

    pyxform's dict carries no row numbers, so the named rows of the survey sheet are
    matched in order with the named elements of the dict; generated elements (meta,
    ``*_other``) find no row and get 0.
    """
    from pyxform import aliases
    from pyxform.parsing.sheet_headers import dealias_and_group_headers
    from pyxform.question import MultipleChoiceQuestion

    sheet = dealias_and_group_headers(
        sheet_name=SURVEY,
        sheet_data=copy.deepcopy(workbook.survey or []),
        sheet_header=workbook.survey_header,
        header_aliases=aliases.survey_header,
        header_columns=set(MultipleChoiceQuestion.get_slot_names()),
        default_language=str(form_dict["default_language"]),
    )
    named = [
        (number, str(row.get("name", "")).strip(), str(row.get("type", "")).strip())
        for number, row in enumerate(sheet.data, start=2)
        if row.get("name") and not _END_ROW.match(str(row.get("type", "")))
    ]
    by_name: dict[str, list[int]] = {}
    for index, (_, name, _) in enumerate(named):
        by_name.setdefault(name, []).append(index)
    result: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    position = 0
    for element in _walk_dicts(form_dict.get("children", [])):
        free = [i for i in by_name.get(str(element.get("name")), ()) if i not in used]
        # In order first; pyxform moves a few rows (audit goes into meta), so then anywhere.
        index = next((i for i in free if i >= position), free[0] if free else -1)
        if index >= 0:
            result[id(element)] = (named[index][0], named[index][2])
            used.add(index)
            position = max(position, index + 1)
    return result


def _walk_dicts(children: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for child in children:
        yield child
        yield from _walk_dicts(child.get("children", []))


def one_line(text: str) -> str:
    return " ".join(text.split())


def reason_of(error: BaseException) -> str:
    detail = one_line(str(error))
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__
