"""ODK's own fixture forms in ``../shared/odk-fixtures`` (read in place, never copied) and
the list of those fieldapp refuses, with why (``odk_fixture_refusals.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "odk-fixtures"
REFUSALS: dict[str, dict[str, str]] = {
    k: v
    for k, v in json.loads(
        Path(__file__).with_name("odk_fixture_refusals.json").read_text(encoding="utf-8")
    ).items()
    if not k.startswith("_")
}


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
