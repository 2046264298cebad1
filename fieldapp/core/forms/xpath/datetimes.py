"""The date and time functions of ODK's XPath library, as its reference engine computes them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from fieldapp.core.forms.xpath.functions import (
    EvaluationFailure,
    arg_text,
    function,
)
from fieldapp.core.forms.xpath.runtime import Context, Evaluator
from fieldapp.core.forms.xpath.values import (
    DAY_MS,
    XValue,
    datetime_from_days,
    datetime_value,
    days_of,
    in_zone,
    local_midnight,
    parse_datetime,
    to_string,
)

# --- dates and times ----------------------------------------------------------------------


@function("today")
def _today(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return datetime_value(local_midnight(ctx.env.now(), ctx.tz))


@function("now")
def _now(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return datetime_value(in_zone(ctx.env.now(), ctx.tz))


_UNPADDED = re.compile(r"(\d{4})-([1-9]|\d{2})-([1-9]|\d{2})(T.*)?")
_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[-+]\d{2}:\d{2})?)?")


def _moment(ctx: Context, value: XValue) -> datetime | None:
    if isinstance(value, bool):
        raise EvaluationFailure("xpath.boolean_as_date")
    if isinstance(value, float):
        return datetime_from_days(value, ctx.tz)
    return parse_datetime(to_string(value), ctx.tz)


@function("date date-time", 1, 1)
def _date(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    value = args[0](ctx)
    if isinstance(value, bool):
        return ""
    if isinstance(value, str | list):
        text = to_string(value)
        if text == "":
            return ""
        if not _DATE_PREFIX.match(text):
            unpadded = _UNPADDED.fullmatch(text)
            if unpadded is None:
                return datetime_value(None)
            year, month, day, rest = unpadded.groups()
            padded = f"{year}-{month.zfill(2)}-{day.zfill(2)}{rest or ''}"
            return datetime_value(parse_datetime(padded, ctx.tz))
    return datetime_value(_moment(ctx, value))


@function("decimal-date-time", 1, 1)
def _decimal_date_time(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    moment = _moment(ctx, args[0](ctx))
    return math.nan if moment is None else days_of(moment)


_TIME = re.compile(r"\d{2}:\d{2}(:[0-5]\d)?(\.\d+)?(Z|[-+]\d{2}:\d{2})?")


@function("decimal-time", 1, 1)
def _decimal_time(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    text = arg_text(ctx, args[0])
    if not _TIME.fullmatch(text) or int(text[:2]) > 23 or int(text[3:5]) > 59:
        return math.nan
    moment = parse_datetime(f"1970-01-01T{text}", ctx.tz)
    if moment is None:
        return math.nan
    wall = moment.replace(tzinfo=None) - datetime(1970, 1, 1)
    # ODK keeps only the local wall-clock time of day, dated 1970-01-01
    seconds = (wall - timedelta(days=wall.days)) / timedelta(milliseconds=1)
    return seconds / DAY_MS


_SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# ODK's engine indexes Sunday-first names with Monday=1..Sunday=7, so Sunday prints empty
_SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "")

_FORMATTERS: dict[str, Callable[[datetime], str]] = {
    "%Y": lambda m: f"{m.year:04d}",
    "%y": lambda m: f"{m.year:04d}"[2:],
    "%m": lambda m: f"{m.month:02d}",
    "%n": lambda m: str(m.month),
    "%b": lambda m: _SHORT_MONTHS[m.month - 1],
    "%d": lambda m: f"{m.day:02d}",
    "%e": lambda m: str(m.day),
    "%a": lambda m: _SHORT_DAYS[m.weekday()],
    "%H": lambda m: f"{m.hour:02d}",
    "%h": lambda m: str(m.hour),
    "%M": lambda m: f"{m.minute:02d}",
    "%S": lambda m: f"{m.second:02d}",
    "%3": lambda m: f"{m.microsecond // 1000:03d}",
}
_FORMAT_CODE = re.compile("|".join(_FORMATTERS))


@function("format-date format-date-time", 2, 2)
def _format_date(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    fmt = arg_text(ctx, args[1])
    moment = parse_datetime(arg_text(ctx, args[0]), ctx.tz)
    if moment is None:
        return ""
    return _FORMAT_CODE.sub(lambda match: _FORMATTERS[match.group()](moment), fmt)
