"""Secondary instances of an XForm as plain data trees: inline XML and attached files.

ODK reads a form's attachments as secondary instances (``instance('sites')/root/item``):
CSV (a ``root`` with one ``item`` per row, one child per column; the delimiter is the one
of ``,`` ``;`` tab ``|`` that fits), GeoJSON (a FeatureCollection: one ``item`` per
feature, a ``geometry`` child in ODK's ``lat lon 0 0; ...`` format, then ``id`` and each
property) and XML (the file's root element as it is). Each comes back as a ``DataNode``
tree; ``SecondaryError`` says why a file cannot be read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

_DELIMITERS = ",;\t|"
_GEOMETRIES = frozenset({"Point", "LineString", "Polygon"})
PREFIXES = {
    "http://www.w3.org/2002/xforms": "",
    "http://openrosa.org/javarosa": "jr",
    "http://www.opendatakit.org/xforms": "odk",
    "http://openrosa.org/xforms": "orx",
    "http://www.opendatakit.org/xforms/entities": "entities",
    "http://www.w3.org/1999/xhtml": "h",
    "http://www.w3.org/2001/xml-events": "ev",
}


class SecondaryError(ValueError):
    """An attached file that cannot be read as data; the text says why, in one line."""


@dataclass(frozen=True)
class DataNode:
    """One element of a data tree: its (prefixed) name, attributes, text and children."""

    name: str
    text: str = ""
    children: tuple[DataNode, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)

    def child(self, name: str) -> DataNode | None:
        for kid in self.children:
            if kid.name == name:
                return kid
        return None

    def walk(self) -> Iterator[DataNode]:
        yield self
        for kid in self.children:
            yield from kid.walk()


def qualified(tag: str) -> str:
    """Return ``{namespace}local`` as the prefixed name XPath in a form writes."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    prefix = PREFIXES.get(namespace, "")
    return f"{prefix}:{local}" if prefix else local


MAX_DATA_DEPTH = 100
"""The most levels a secondary instance may nest: choice lists and places take three or
four; every walk of the tree recurses, and 5,000 levels crashed loading the form."""


def from_xml(element: Element) -> DataNode:
    """Return the data tree of an XML element (inline instance or attached file)."""
    levels = [(element, 1)]
    while levels:  # measured without recursion: the tree may be thousands of levels deep
        node, level = levels.pop()
        if level > MAX_DATA_DEPTH:
            raise SecondaryError(f"nested more than {MAX_DATA_DEPTH} levels deep")
        levels.extend((kid, level + 1) for kid in node if isinstance(kid.tag, str))
    return _data_node(element)


def _data_node(element: Element) -> DataNode:
    return DataNode(
        name=qualified(element.tag),
        text=(element.text or "").strip() if len(element) == 0 else "",
        children=tuple(_data_node(kid) for kid in element if isinstance(kid.tag, str)),
        attributes={qualified(k): v for k, v in element.attrib.items()},
    )


def read_attachment(file_name: str, content: bytes) -> DataNode:
    """Return the ``root`` of the instance an attached file makes (by its extension)."""
    lowered = file_name.lower()
    if lowered.endswith(".csv"):
        return _csv(content)
    if lowered.endswith((".geojson", ".json")):
        return _geojson(content)
    if lowered.endswith(".xml"):
        return _xml(content)
    raise SecondaryError("unsupported")


def _text(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SecondaryError(f"not UTF-8 (byte {error.start + 1})") from None


def _csv(content: bytes) -> DataNode:
    text = _text(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count) if first_line else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise SecondaryError(str(error)) from None
    if not rows:
        return DataNode("root")
    headers = [h.strip() for h in rows[0]]
    items = []
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        cells = tuple(
            DataNode(header, (row[i] if i < len(row) else "").strip())
            for i, header in enumerate(headers)
            if header
        )
        items.append(DataNode("item", children=cells))
    return DataNode("root", children=tuple(items))


def _geojson(content: bytes) -> DataNode:
    try:
        data = json.loads(_text(content))
    except json.JSONDecodeError as error:
        raise SecondaryError(f"not JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise SecondaryError("not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise SecondaryError("its 'features' is not a list")
    return DataNode("root", children=tuple(_feature(f, n) for n, f in enumerate(features, 1)))


def _feature(feature: Any, number: int) -> DataNode:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise SecondaryError(f"feature {number} is not a Feature")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in _GEOMETRIES:
        raise SecondaryError(f"feature {number}: only Point, LineString and Polygon are read")
    kind, coordinates = geometry["type"], geometry.get("coordinates")
    if kind == "Point":
        points = [coordinates]
    elif kind == "LineString":
        points = coordinates if isinstance(coordinates, list) else [None]
    else:
        rings = coordinates if isinstance(coordinates, list) else [None]
        if len(rings) > 1:
            raise SecondaryError(f"feature {number}: a Polygon with holes is not read")
        points = rings[0] if rings and isinstance(rings[0], list) else []
    children = [DataNode("geometry", "; ".join(_point(p, number) for p in points))]
    properties = feature.get("properties")
    if properties is not None and not isinstance(properties, dict):
        raise SecondaryError(f"feature {number}: its properties are not an object")
    properties = dict(properties or {})
    identifier = feature.get("id", properties.pop("id", None))
    if properties or "id" in feature or identifier is not None:
        if identifier is not None:
            children.append(DataNode("id", _json_text(identifier)))
        children.extend(DataNode(str(k), _json_text(v)) for k, v in properties.items())
    return DataNode("item", children=tuple(children))


def _point(point: Any, number: int) -> str:
    if (
        not isinstance(point, list)
        or len(point) != 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in point)
    ):
        raise SecondaryError(f"feature {number}: a point is not [longitude, latitude]")
    longitude, latitude = point
    return f"{_json_text(latitude)} {_json_text(longitude)} 0 0"


def _json_text(value: Any) -> str:
    """Return a JSON value as JavaScript's String() writes it (as ODK's engine does)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, list):
        return ",".join(_json_text(v) for v in value)
    return str(value)


def _xml(content: bytes) -> DataNode:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise SecondaryError(f"not well-formed XML ({error})") from None
    except DefusedXmlException:
        raise SecondaryError("it declares entities, which are refused") from None
    return from_xml(root)
