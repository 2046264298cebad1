"""``fieldapp forms check``'s findings: for each XLSForm file, what loads and what is wrong.

One entry per file, plain values (the CLI prints them, or writes them as JSON): a form
that loads gives its id, title, version, question count, languages, warnings and missing
translations; one that does not gives every problem with its sheet and row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fieldapp.core.forms.completeness import (
    missing_filter_columns,
    missing_translations,
    separators_in_labels,
)
from fieldapp.core.forms.loader import FormError, load_form
from fieldapp.core.forms.pyxform_stages import pyxform_warnings


def check_form_files(files: Sequence[str]) -> list[dict[str, Any]]:
    """Return one entry per form file: ``ok`` with what it holds, or its ``problems``."""
    report: list[dict[str, Any]] = []
    for name in files:
        try:
            form = load_form(Path(name))
        except FormError as error:
            problems = [
                {
                    "code": problem.code,
                    "sheet": problem.message.params.get("sheet"),
                    "row": problem.message.params.get("row"),
                    "message": problem.text(),
                }
                for problem in error.problems
            ]
            report.append({"file": name, "ok": False, "problems": problems})
            continue
        meta = f"{form.root.path}/meta/"
        questions = sum(1 for q in form.questions() if not q.path.startswith(meta))
        report.append(
            {
                "file": name,
                "ok": True,
                "form_id": form.form_id,
                "title": form.title,
                "version": form.version,
                "questions": questions,
                "languages": list(form.languages),
                "warnings": [
                    w.text()
                    for w in (
                        *pyxform_warnings(form.warnings, name),
                        *missing_filter_columns(form, name),
                        *separators_in_labels(form, name),
                    )
                ],
                "missing_translations": [m.text() for m in missing_translations(form, name)],
            }
        )
    return report
