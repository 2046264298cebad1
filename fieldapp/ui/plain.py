"""Texts other laptops wrote, shown as written: never read by Qt as markup.

Qt shows a label (``Qt.TextFormat.AutoText``, every QLabel's default) or a tooltip as
rich text when a tag it knows comes before the first line break. A city, an
interviewer, an author or a form title comes from other laptops' packages, and merge
takes any one-line text: ``NL01 · Approved<b></b><!--`` hid, behind an HTML comment,
what fieldapp wrote after the name (the state, "returned 1× before").
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def plain_tip(text: str) -> str:
    """Return a tooltip that shows ``text`` as written (unchanged when Qt would anyway)."""
    if not Qt.mightBeRichText(text):
        return text
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
