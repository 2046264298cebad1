"""Question types as data: every type name pyxform's dict can carry -> a QuestionType.

pyxform keeps the spelling the form used after its own de-aliasing ("q int", "gps",
"photo", "select all that apply"...); this table is the one place that says which of
them fieldapp serves. A name missing here is a type fieldapp cannot serve.
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldapp.core.forms.model import QuestionType

_T = QuestionType

_SPELLINGS: dict[QuestionType, tuple[str, ...]] = {
    # "select one external" is a searchable text input in the XForm pyxform writes.
    _T.TEXT: (
        "text",
        "string",
        "q string",
        "add text prompt",
        "phone number",
        "select one external",
    ),
    _T.INTEGER: (
        "integer",
        "int",
        "q int",
        "add integer prompt",
        "percentage",
        "number of days in last month",
        "number of days in last six months",
        "number of days in last year",
    ),
    _T.DECIMAL: ("decimal", "q decimal", "add decimal prompt"),
    _T.RANGE: ("range",),
    _T.SELECT_ONE: ("select one", "select one using", "q select1", "add select one prompt using"),
    _T.SELECT_MULTIPLE: (
        "select all that apply",
        "select all that apply from",
        "select multiple from",
        "select multiple using",
        "q select",
        "add select multiple prompt using",
    ),
    _T.RANK: ("rank",),
    _T.DATE: ("date", "q date", "add date prompt"),
    _T.TIME: ("time",),
    _T.DATETIME: (
        "dateTime",
        "datetime",
        "date time",
        "q date time",
        "q dateTime",
        "add date time prompt",
        "add dateTime prompt",
    ),
    _T.NOTE: ("note", "q note", "add note prompt"),
    _T.ACKNOWLEDGE: ("acknowledge", "trigger", "q acknowledge", "add acknowledge prompt"),
    _T.CALCULATE: ("calculate", "q calculate", "add calculate prompt"),
    _T.HIDDEN: ("hidden",),
    _T.GEOPOINT: ("geopoint", "gps", "location", "q geopoint", "q location", "add location prompt"),
    _T.GEOTRACE: ("geotrace", "q geotrace"),
    _T.GEOSHAPE: ("geoshape", "q geoshape"),
    _T.BARCODE: ("barcode", "q barcode", "add barcode prompt"),
    _T.IMAGE: ("image", "photo", "q image", "q picture", "add image prompt", "add photo prompt"),
    _T.AUDIO: ("audio", "q audio", "add audio prompt"),
    _T.VIDEO: ("video", "q video", "add video prompt"),
    _T.FILE: ("file", "add file prompt", "osm"),
    _T.START: ("start", "start time", "get start time"),
    _T.END: ("end", "end time", "get end time"),
    _T.TODAY: ("today", "get today"),
    _T.DEVICEID: ("deviceid", "device id", "get device id", "imei", "uri:deviceid"),
    _T.USERNAME: ("username", "uri:username"),
    _T.PHONENUMBER: ("phonenumber", "get phone number", "uri:phonenumber"),
    _T.SUBSCRIBERID: ("subscriberid", "subscriber id", "get subscriber id", "uri:subscriberid"),
    _T.SIMSERIAL: ("simserial", "sim id", "get sim id", "uri:simserial"),
    _T.EMAIL: ("email", "uri:email"),
    _T.AUDIT: ("audit",),
    _T.START_GEOPOINT: ("start-geopoint",),
    _T.BACKGROUND_AUDIO: ("background-audio",),
}

QUESTION_TYPES: Mapping[str, QuestionType] = {
    spelling: question_type
    for question_type, spellings in _SPELLINGS.items()
    for spelling in spellings
}
"""pyxform type name -> the QuestionType fieldapp serves it as."""

FROM_FILE: Mapping[QuestionType, QuestionType] = {
    _T.SELECT_ONE: _T.SELECT_ONE_FROM_FILE,
    _T.SELECT_MULTIPLE: _T.SELECT_MULTIPLE_FROM_FILE,
}
"""A select whose itemset is a file name becomes its *_from_file type."""

GROUP_TYPES = frozenset({"group"})
REPEAT_TYPES = frozenset({"repeat"})
LOOP_TYPES = frozenset({"loop"})
DECLARATION_TYPES = frozenset({"entity"})
"""Elements pyxform generates to declare things (entities), not questions: skipped."""
