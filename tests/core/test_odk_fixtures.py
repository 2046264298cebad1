"""ODK's own fixture forms (what ODK Web Forms and JavaRosa test their engines with) as a
peer suite: every one loads through the XForm path, or is refused with the message and
reason listed in ``odk_fixture_refusals.json``. Read from ``../shared``, never copied."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import SHARED

from fieldapp.core.forms.engine import Session
from fieldapp.core.forms.loader import load_form
from fieldapp.core.forms.pyxform_stages import FormError

FIXTURES = SHARED / "odk-fixtures"
REFUSALS: dict[str, dict[str, str]] = {
    k: v
    for k, v in json.loads(
        Path(__file__).with_name("odk_fixture_refusals.json").read_text(encoding="utf-8")
    ).items()
    if not k.startswith("_")
}
pytestmark = pytest.mark.skipif(
    not FIXTURES.is_dir(), reason=f"no ODK fixture forms at {FIXTURES} (../shared absent)"
)


def fixture_forms() -> list[str]:
    """Every XForm of the fixtures (an XML file whose root is h:html), by relative path."""
    if not FIXTURES.is_dir():
        return []
    found = []
    for path in sorted(FIXTURES.rglob("*.xml")):
        try:
            tag = next(ElementTree.iterparse(path, events=("start",)))[1].tag
        except ElementTree.ParseError:
            continue
        if tag == "{http://www.w3.org/1999/xhtml}html":
            found.append(path.relative_to(FIXTURES).as_posix())
    return found


def test_the_fixtures_are_there() -> None:
    forms = fixture_forms()
    assert len(forms) >= 131
    assert set(REFUSALS) <= set(forms), "a listed refusal names no fixture form"


@pytest.mark.parametrize("name", fixture_forms())
def test_each_fixture_loads_or_is_refused_as_listed(name: str) -> None:
    path = FIXTURES / name
    listed = REFUSALS.get(name)
    if listed is not None:
        with pytest.raises(FormError) as refused:
            load_form(path)
        assert listed["code"] in {p.code for p in refused.value.problems}
        assert "Traceback" not in refused.value.text()
        return
    form = load_form(path)
    assert form.root.path.count("/") == 1
    session = Session(form)  # a new interview opens: every expression evaluates once
    assert session.problems() is not None
