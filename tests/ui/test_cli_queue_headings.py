"""`fieldapp review list` heads its columns with the words the review queue's table uses.

The terminal said *Inicio* over the moment an interview started, the desk (and the main
list) *Iniciada*; and *tipo de actor* where every desk says *Actor*. A supervisor
switching between the two read two names for one column.
"""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.core.messages import text
from fieldapp.ui import i18n
from fieldapp.ui.columns import header


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_terminals_queue_heads_its_columns_as_the_desk_does(qtbot: Any, language: str) -> None:
    i18n.apply_language(language)
    try:
        heading = text("review.cli_columns", language).split("|")
        _id, name, actor, city, interviewer, started = heading  # the state: the count's
        assert name == header("instance_name")
        assert started == header("created_at")
        assert (city, interviewer) == (header("city"), header("interviewer"))
        assert actor == header("actor_type")  # the form's id is --json's alone
    finally:
        i18n.apply_language("en")
