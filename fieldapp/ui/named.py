"""Give a Qt object its name (and other Qt properties) in one expression, typed.

PySide6 accepts any Qt property as a constructor keyword (``QLabel(objectName="x")``), but
its type stubs do not list them, so mypy cannot check such calls. ``named(QLabel(), "x")``
does the same through the property system and keeps the widget's type; a property the
class does not have raises, as the keyword would have.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

Q = TypeVar("Q", bound=QObject)


def named(obj: Q, name: str, **properties: object) -> Q:
    """Return ``obj`` with its object name (what the style sheet and tests find it by) set."""
    obj.setObjectName(name)
    set_properties(obj, **properties)
    return obj


def set_properties(obj: QObject, **properties: object) -> None:
    """Set Qt properties ``obj``'s class declares (``wordWrap=True``, ``interval=250``...)."""
    meta = obj.metaObject()
    for key, value in properties.items():
        if meta.indexOfProperty(key) < 0:
            raise AttributeError(f"{type(obj).__name__} has no Qt property {key!r}")
        obj.setProperty(key, value)


def restyled(widget: QWidget, name: str, value: object) -> None:
    """Set the dynamic property the style sheet selects on (``role``, ``problem``) and
    apply the rules it now matches: Qt reads such properties only when it polishes."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # read when it is polished, as it shows
    widget.style().unpolish(widget)
    widget.style().polish(widget)
