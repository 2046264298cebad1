"""The groups of question types: each named once, beside the types themselves."""

from __future__ import annotations

import pytest

from fieldapp.core.forms.model import IDENTIFYING_METADATA, QuestionType

FLAGS = ("is_select", "is_multiple", "is_attachment", "is_metadata")


@pytest.mark.parametrize("flag", FLAGS)
def test_every_type_a_flag_names_exists(flag: str) -> None:
    # A misspelt type in a group would silently never match (a select shown as text).
    named = vars(QuestionType)[flag].types
    assert named and named <= {kind.value for kind in QuestionType}


def test_the_groups_hold_what_the_app_relies_on() -> None:
    def members(flag: str) -> set[str]:
        return {kind.value for kind in QuestionType if getattr(kind, flag)}

    assert members("is_select") == {
        "select_one",
        "select_multiple",
        "select_one_from_file",
        "select_multiple_from_file",
        "rank",
    }
    assert members("is_multiple") == {"select_multiple", "select_multiple_from_file", "rank"}
    assert members("is_multiple") < members("is_select")
    assert members("is_attachment") == {"image", "audio", "video", "file", "background-audio"}
    # What names a person or a device is metadata, and de-identified exports drop it.
    assert members("is_metadata") > IDENTIFYING_METADATA
    assert {"start", "end", "today", "audit"} <= members("is_metadata")
    assert not members("is_metadata") & (members("is_select") | {"text", "integer", "note"})
    assert len(list(QuestionType)) == 36  # the flags are not types themselves
