"""XPath values as ODK's engine sees them: node-sets, strings, numbers, booleans, dates.

The conversions follow ODK's reference engine (ODK Web Forms), which runs on JavaScript:
numbers print as JavaScript prints them (``1.0`` -> ``"1"``, NaN -> ``""``), strings turn
into numbers as JavaScript's ``Number()`` does, and a string that looks like an ISO date
turns into days since the epoch, so ``${d} < today()`` and ``today() - ${d}`` work.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Protocol, TypeAlias, runtime_checkable

DAY_MS = 86_400_000.0


@runtime_checkable
class XNode(Protocol):
    """An element of an instance tree: the session's answers or a secondary instance."""

    @property
    def name(self) -> str: ...

    @property
    def parent(self) -> XNode | None: ...

    def children(self) -> Sequence[XNode]: ...

    def value(self) -> str: ...


class Env(Protocol):
    """What an evaluation needs from outside the expression: instances, the clock."""

    current: XNode | None

    def instance(self, instance_id: str) -> XNode | None: ...

    def now(self) -> datetime: ...


class DateTimeValue(float):
    """A date or date-time: a number of days since the epoch that prints as ISO 8601."""

    text: str
    truth: bool

    def __new__(cls, days: float, text: str, truth: bool | None = None) -> DateTimeValue:
        value = super().__new__(cls, days)
        value.text = text
        value.truth = (days != 0 and not math.isnan(days)) if truth is None else truth
        return value


XValue: TypeAlias = str | float | bool | list[XNode]
"""A result: a list is a node-set in document order; a float may be a DateTimeValue."""

INVALID_DATE = "Invalid Date"
XML_SPACE = " \t\r\n"
_XML_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def normalize_space(text: str) -> str:
    return _XML_SPACE_RUN.sub(" ", text.strip(XML_SPACE))


def string_value(node: XNode) -> str:
    """Return a node's text: a leaf's value, else its descendants' text joined."""
    children = node.children()
    if not children:
        return node.value()
    return "".join(string_value(child) for child in children)


# --- numbers as JavaScript reads and prints them ------------------------------------------

_JS_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_JS_RADIX = re.compile(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")
_JS_INT_PREFIX = re.compile(r"[+-]?\d+")


def js_number(text: str) -> float:
    """Read a string as JavaScript's Number() does."""
    text = text.strip()
    if not text:
        return 0.0
    if _JS_DECIMAL.fullmatch(text):
        return float(text)
    if text in ("Infinity", "+Infinity"):
        return math.inf
    if text == "-Infinity":
        return -math.inf
    radix = _JS_RADIX.fullmatch(text)
    if radix:
        digits = radix.group(1)
        base = {"x": 16, "o": 8, "b": 2}[digits[0].lower()]
        return float(int(digits[1:], base))
    return math.nan


def js_parse_int(text: str) -> float:
    """Read the leading integer of a string as JavaScript's parseInt(text, 10) does."""
    match = _JS_INT_PREFIX.match(text.lstrip())
    return float(int(match.group())) if match else math.nan


def format_number(number: float) -> str:
    """Print a number as JavaScript's String() does (NaN prints empty, as ODK shows it)."""
    if math.isnan(number):
        return ""
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    mantissa, _, exponent = repr(abs(number)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + (int(exponent) if exponent else 0)
    if whole == "0":
        stripped = fraction.lstrip("0")
        point = -(len(fraction) - len(stripped)) + (int(exponent) if exponent else 0)
        digits = stripped
    digits = digits.rstrip("0") or "0"
    k, n = len(digits), point
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        exp_text = f"e{'+' if e >= 0 else '-'}{abs(e)}"
        text = (digits[0] + ("." + digits[1:] if k > 1 else "")) + exp_text
    return sign + text


# --- dates ----------------------------------------------------------------------------------

_DATE_LIKE = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:T(?:\d{2}:\d{2}:\d{2}\.\d+|\d{2}:\d{2}:\d{2}|\d{2}:\d{2}|\d{2})(?:[-+]\d{2}:\d{2}|Z)?)?"
)
_OFFSET_AT_END = re.compile(r"([-+])(\d{2}):(\d{2})$")
_VALID_OFFSET = re.compile(r"[+-](?:0[0-9]|1[0-4]):[0-5][0-9]")
_PARTS = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?)?(Z|[-+]\d{2}:\d{2})?"
)


def looks_like_date(text: str) -> bool:
    return _DATE_LIKE.fullmatch(text) is not None


def clock_zone(now: datetime) -> tzinfo | None:
    """Return the zone dates are local to, from a clock reading; None means this
    machine's rules, summer time included, as ODK's engine follows them. A reading
    carries only a fixed offset, so the machine's own offset at that moment stands for
    its rules."""
    zone = now.tzinfo
    if zone is None:
        return None
    if isinstance(zone, timezone):
        try:
            if now.astimezone().utcoffset() == now.utcoffset():
                return None
        except (OverflowError, OSError):
            return zone
    return zone


def local_zone(tz: tzinfo | None) -> tzinfo | None:
    return tz


def in_zone(moment: datetime, tz: tzinfo | None) -> datetime:
    """Return ``moment`` as the local time of ``tz`` (see ``local_zone``)."""
    zone = local_zone(tz)
    try:
        return moment.astimezone(zone)
    except (OverflowError, OSError):  # Windows knows no local rules before 1970
        return moment.astimezone(datetime.now().astimezone().tzinfo)


def local_midnight(moment: datetime, tz: tzinfo | None) -> datetime:
    """Return the start of ``moment``'s local day."""
    local = in_zone(moment, tz)
    return _localize(datetime(local.year, local.month, local.day), local_zone(tz))


def parse_datetime(text: str, tz: tzinfo | None) -> datetime | None:
    """Read an ISO date or date-time as ODK does; a value without offset is local to ``tz``."""
    if not _DATE_LIKE.fullmatch(text):
        return None
    parts = _PARTS.fullmatch(text)
    if parts is None:
        return None
    year, month, day, hour, minute, second, fraction, offset = parts.groups()
    if offset and offset != "Z" and not _VALID_OFFSET.fullmatch(offset):
        return None
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        naive = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
        )
    except ValueError:
        return None
    zone = local_zone(tz)
    if offset is None:
        return _localize(naive, zone)
    if offset == "Z":
        return in_zone(naive.replace(tzinfo=UTC), zone)
    sign = 1 if offset[0] == "+" else -1
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
    return in_zone((naive - sign * delta).replace(tzinfo=UTC), zone)


def _localize(naive: datetime, zone: tzinfo | None) -> datetime:
    if zone is None:
        try:
            return naive.astimezone()  # a naive time read by this machine's rules
        except (OverflowError, OSError):  # Windows knows no local rules before 1970
            return naive.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return naive.replace(tzinfo=zone)


def days_of(moment: datetime) -> float:
    epoch_ms = (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1) / 1000
    return epoch_ms / DAY_MS


def datetime_from_days(days: float, tz: tzinfo | None) -> datetime | None:
    if math.isnan(days) or math.isinf(days):
        return None
    try:
        moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=round(days * DAY_MS))
    except OverflowError:
        return None
    return in_zone(moment, tz)


def format_datetime(moment: datetime) -> str:
    """Print a moment as ODK does: the date alone at midnight, else with ms and offset."""
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return _date_text(moment.date())
    fraction = f"{moment.microsecond:06d}".rstrip("0")[:3] or "000"
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return (
        f"{_date_text(moment.date())}T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
        f".{fraction}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    )


def _date_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def datetime_value(moment: datetime | None) -> DateTimeValue:
    if moment is None:
        return DateTimeValue(math.nan, INVALID_DATE, False)
    return DateTimeValue(days_of(moment), format_datetime(moment))


# --- conversions ------------------------------------------------------------------------------


def to_string(value: XValue) -> str:
    """Return XPath's string() of a value, printed as ODK prints it."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, DateTimeValue):
        return value.text
    if isinstance(value, float | int):
        return format_number(float(value))
    return string_value(value[0]) if value else ""


def string_to_number(text: str, tz: tzinfo | None = None) -> float:
    """Read a string as a number; an ISO date reads as days since the epoch."""
    moment = parse_datetime(text, tz)
    if moment is not None:
        return days_of(moment)
    return js_number(text)


def to_number(value: XValue, tz: tzinfo | None = None) -> float:
    """Return XPath's number() of a value (NaN for empty or non-numeric text)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    if isinstance(value, str):
        return math.nan if value == "" else string_to_number(value, tz)
    if not value:
        return math.nan
    return node_number(value[0], tz)


def node_number(node: XNode, tz: tzinfo | None) -> float:
    text = string_value(node)
    if not text.strip(XML_SPACE):
        return math.nan
    return string_to_number(text, tz)


def to_boolean(value: XValue) -> bool:
    """Return XPath's boolean() of a value: non-empty, non-zero, a non-empty node-set."""
    if isinstance(value, bool):
        return value
    if isinstance(value, DateTimeValue):
        return value.truth
    if isinstance(value, float | int):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return bool(value)
