"""Answer values: parse them from JSON or typed text, and write them as ODK strings.

An answer is stored typed (see ``model.py``); expressions see it as the string an ODK
instance would hold: select_multiple space-separated, numbers without a trailing ``.0``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time

from fieldapp.core.forms.model import Question, QuestionType, Value
from fieldapp.core.messages import FieldappError

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$")


def coerce_answer(question: Question, raw: object, *, as_stored: bool = False) -> Value:
    """Return ``raw`` (from JSON or typed text) as the typed answer ``question`` stores.

    ``as_stored``: ``raw`` is an answer already kept, whose choices keep their order.

    Raises ``FieldappError`` (``engine.*``) naming the question when ``raw`` does not fit:
    not a number, not a date, a choice the list does not have...
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    kind = question.type
    if kind is QuestionType.INTEGER:
        return _integer(question, raw)
    if kind is QuestionType.DECIMAL:
        return _decimal(question, raw)
    if kind is QuestionType.RANGE:
        return _range(question, raw)
    if kind in (QuestionType.SELECT_ONE,):
        return _select_one(question, raw)
    if kind.is_multiple:
        return _select_multiple(question, raw, as_stored)
    if kind is QuestionType.DATE:
        return _date(question, raw)
    if kind is QuestionType.TIME:
        return _time(question, raw)
    if kind in (QuestionType.DATETIME, QuestionType.START, QuestionType.END):
        return _datetime(question, raw)
    if kind is QuestionType.TODAY:
        return _date(question, raw)
    if kind is QuestionType.ACKNOWLEDGE:
        return _acknowledge(question, raw)
    if kind is QuestionType.GEOPOINT or kind is QuestionType.START_GEOPOINT:
        return _geopoint(question, raw)
    if kind is QuestionType.GEOTRACE or kind is QuestionType.GEOSHAPE:
        return _geo_points(question, raw)
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise FieldappError("engine.not_text", question=question.key, value=_show(raw))
    return raw if isinstance(raw, str) else odk_number(raw)


def odk_string(value: Value) -> str:
    """Return ``value`` as the string an ODK instance holds ("" when unanswered)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)  # str() for a stored wrong-typed list
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return odk_number(value)
    return value


def instance_text(value: Value) -> str:
    """Return ``value`` as the text of its node in ODK's instance, which expressions read:
    as ``odk_string``, except that a whole decimal answer is kept as ``3.0``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{int(value)}.0"
    return odk_string(value)


def odk_number(number: float) -> str:
    """Format a number as XPath's string() does: no ``.0`` on whole numbers, no exponent."""
    if isinstance(number, int):
        return str(number)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < 1e18:
        return str(int(number))
    text = repr(number)
    if "e" in text:
        text = format(number, "f").rstrip("0").rstrip(".")
    return text


def is_empty(value: Value) -> bool:
    return value is None or value == "" or value == []


def _show(raw: object) -> str:
    text = raw if isinstance(raw, str) else repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def _number_text(raw: str) -> str:
    text = raw.strip().replace(" ", "")
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")  # a Spanish keyboard's decimal comma
    return text


def _integer(question: Question, raw: object) -> int:
    if isinstance(raw, bool):
        raise FieldappError("engine.not_integer", question=question.key, value=_show(raw))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        text = _number_text(raw)
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d+\.0*", text):
            return int(float(text))
    raise FieldappError("engine.not_integer", question=question.key, value=_show(raw))


def _decimal(question: Question, raw: object) -> float:
    if isinstance(raw, bool):
        raise FieldappError("engine.not_decimal", question=question.key, value=_show(raw))
    number: float | None = None
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str) and re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", _number_text(raw)):
        number = float(_number_text(raw))
    if number is None or not math.isfinite(number):
        raise FieldappError("engine.not_decimal", question=question.key, value=_show(raw))
    return number


def _range(question: Question, raw: object) -> int | float:
    number = _decimal(question, raw)
    params = question.parameters
    try:
        start = float(params.get("start", 0) or 0)
        end = float(params.get("end", 10) or 10)
        step = float(params.get("step", 1) or 1)
    except ValueError:
        start, end, step = -math.inf, math.inf, 0.0
    low, high = min(start, end), max(start, end)
    if not low <= number <= high:
        raise FieldappError(
            "engine.out_of_range",
            question=question.key,
            value=odk_number(number),
            start=odk_number(low),
            end=odk_number(high),
        )
    whole = all(float(x).is_integer() for x in (start, step))
    return int(number) if whole and number.is_integer() else number


def _choice_names(question: Question) -> frozenset[str] | None:
    if question.choices is None or not question.choices.choices:
        return None  # a list read from a file that is not there: nothing to check against
    names = {choice.name for choice in question.choices.choices}
    if question.or_other:
        names.add("other")
    return frozenset(names)


def _check_choice(question: Question, name: str, names: frozenset[str] | None) -> None:
    if names is not None and name not in names:
        raise FieldappError(
            "engine.unknown_choice",
            question=question.key,
            value=_show(name),
            choices=_listed(names),
        )


def _check_choices(question: Question, chosen: list[str], names: frozenset[str] | None) -> None:
    """Refuse a multiple answer naming codes the list lacks: name those codes, not all."""
    unknown = [name for name in chosen if names is not None and name not in names]
    if len(unknown) == 1:
        _check_choice(question, unknown[0], names)
    if unknown:
        raise FieldappError(
            "engine.unknown_choices",
            question=question.key,
            values=", ".join(_show(name) for name in unknown[:12]),
            choices=_listed(names or frozenset()),
        )


def _listed(names: frozenset[str]) -> str:
    """Return the codes to pick from, sorted; a long list ends with its count."""
    ordered = sorted(names)
    if len(ordered) <= 12:
        return ", ".join(ordered)
    return f"{', '.join(ordered[:12])}, … ({len(ordered)})"


def _select_one(question: Question, raw: object) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise FieldappError("engine.not_text", question=question.key, value=_show(raw))
    name = raw.strip()
    _check_choice(question, name, _choice_names(question))
    return name


def _select_multiple(question: Question, raw: object, as_stored: bool) -> list[str] | None:
    written = as_stored or isinstance(raw, str)
    if isinstance(raw, str):
        items: list[object] = list(raw.split())
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        raise FieldappError("engine.not_a_list", question=question.key, value=_show(raw))
    names = _choice_names(question)
    chosen: list[str] = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip() or " " in item.strip():
            raise FieldappError("engine.not_a_list", question=question.key, value=_show(raw))
        name = item.strip()
        if name not in chosen:
            chosen.append(name)
    _check_choices(question, chosen, names)
    if question.type is not QuestionType.RANK and question.choices is not None and not written:
        # Picked choices are kept in the list's order, as ODK stores them; written text (a
        # default, a calculation, a submission) keeps its own order as in ODK, and so does a
        # ranking.
        order = {choice.name: index for index, choice in enumerate(question.choices.choices)}
        chosen.sort(key=lambda name: order.get(name, len(order)))
    return chosen or None


def _date(question: Question, raw: object) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, str):
        text = raw.strip()
        # a date, or a date and time without offset whose date ODK keeps (a dateTime
        # default of a date question)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?", text):
            try:
                return date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                pass
    raise FieldappError("engine.not_date", question=question.key, value=_show(raw))


def _time(question: Question, raw: object) -> str:
    if isinstance(raw, time):
        return raw.isoformat()
    if isinstance(raw, str):
        match = _TIME.match(raw.strip())
        if match:
            text = raw.strip()
            return text if match.group(3) else f"{text[:5]}:00{text[5:]}"
    raise FieldappError("engine.not_time", question=question.key, value=_show(raw))


def _datetime(question: Question, raw: object) -> str:
    if isinstance(raw, datetime):
        return raw.isoformat(timespec="milliseconds")
    if isinstance(raw, str):
        text = raw.strip()
        if re.fullmatch(
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?", text
        ):
            try:
                datetime.fromisoformat(text.replace("Z", "+00:00"))
                return text
            except ValueError:
                pass
    raise FieldappError("engine.not_datetime", question=question.key, value=_show(raw))


def _acknowledge(question: Question, raw: object) -> str | None:
    if raw is True or (isinstance(raw, str) and raw.strip().lower() in ("ok", "1", "true", "yes")):
        return "OK"
    if raw is False:
        return None
    raise FieldappError("engine.not_acknowledge", question=question.key, value=_show(raw))


def _geopoint(question: Question, raw: object) -> str:
    parts: list[object]
    if isinstance(raw, str):
        parts = list(raw.split())
    elif isinstance(raw, list | tuple):
        parts = list(raw)
    else:
        parts = []
    try:
        numbers = [float(str(part)) for part in parts]
    except ValueError:
        numbers = []
    if 2 <= len(numbers) <= 4 and abs(numbers[0]) <= 90 and abs(numbers[1]) <= 180:
        # held as ODK holds a point: each number with its decimal part
        return " ".join(_decimal_text(n) for n in numbers)
    raise FieldappError("engine.not_geopoint", question=question.key, value=_show(raw))


def _decimal_text(number: float) -> str:
    """A number as ODK writes a geopoint's numbers: always with a decimal part."""
    text = odk_number(number)
    return text if any(c in text for c in ".eE") else f"{text}.0"


def _geo_points(question: Question, raw: object) -> str:
    """A trace (two points or more, open) or a shape (three or more, closed), ``;``
    between points, read as ODK reads them: anything else holds no value there."""
    if not isinstance(raw, str):
        raise FieldappError("engine.not_geopoint", question=question.key, value=_show(raw))
    segments = raw.split(";")
    if segments and not segments[-1].strip():
        segments.pop()
    points = [_geopoint(question, segment) for segment in segments]
    ends = [point.split()[:2] for point in (points[0], points[-1])] if points else []
    closed = bool(ends) and ends[0] == ends[1]
    if question.type is QuestionType.GEOSHAPE:
        fits = len(points) >= 3 and closed
    else:
        fits = len(points) >= 2 and not closed
    if not fits:
        raise FieldappError("engine.not_geopoint", question=question.key, value=_show(raw))
    return ";".join(points)
