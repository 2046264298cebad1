"""The number and geography functions of ODK's XPath library."""

from __future__ import annotations

import itertools
import math
import random as _random
import re
from collections.abc import Callable, Sequence

from fieldapp.core.forms.xpath.functions import (
    LIBRARY,
    EvaluationFailure,
    Function,
    Impl,
    arg_items,
    arg_number,
    arg_or_context,
    arg_text,
    function,
    js_round,
)
from fieldapp.core.forms.xpath.runtime import Context, Evaluator
from fieldapp.core.forms.xpath.values import (
    DateTimeValue,
    XValue,
    days_of,
    js_number,
    parse_datetime,
    to_string,
)

# --- numbers ------------------------------------------------------------------------------


@function("number", 0, 1)
def _number(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    value = arg_or_context(ctx, args)
    if isinstance(value, str | list):
        moment = parse_datetime(to_string(value), ctx.tz)
        if moment is not None:
            days = days_of(moment)
            return DateTimeValue(days, str(math.floor(days)), True)
    if isinstance(value, float) and not isinstance(value, bool):
        return value
    return ctx.number(value)


@function("sum", 1, 1)
def _sum(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    items = arg_items(ctx, args)
    total = math.nan
    for item in items:
        number = ctx.number(item)
        if math.isnan(number):
            return math.nan
        total = number if math.isnan(total) else total + number
    return total


def _numbers(ctx: Context, args: Sequence[Evaluator]) -> list[float]:
    numbers: list[float] = []
    for item in arg_items(ctx, args):
        numbers.append(ctx.number(item))
        if math.isnan(numbers[-1]):
            break
    return numbers


@function("max", 0, None)
def _max(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    numbers = _numbers(ctx, args)
    return math.nan if not numbers or math.isnan(numbers[-1]) else max(numbers)


@function("min", 0, None)
def _min(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    numbers = _numbers(ctx, args)
    return math.nan if not numbers or math.isnan(numbers[-1]) else min(numbers)


@function("round", 1, 2)
def _round(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    value = arg_number(ctx, args[0])
    if math.isnan(value):
        return value
    digits = arg_number(ctx, args[1]) if len(args) == 2 else 0.0
    if math.isnan(digits):
        return math.nan
    try:
        multiplier: float = math.pow(10.0, digits)
    except OverflowError:
        return math.nan
    sign = -1.0 if value < 0 else 1.0
    return js_round(abs(value) * multiplier) / multiplier * sign


@function("int", 1, 1)
def _int(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    value = arg_number(ctx, args[0])
    if math.isnan(value) or math.isinf(value):
        return value
    return float(math.floor(value) if value > 0 else math.ceil(value))


def _math(operation: Callable[[float], float]) -> Impl:
    def call(ctx: Context, args: Sequence[Evaluator]) -> XValue:
        value = arg_number(ctx, args[0])
        if math.isnan(value):
            return value
        try:
            return float(operation(value))
        except (ValueError, OverflowError):
            return _math_edge(operation, value)

    return call


def _math_edge(operation: Callable[[float], float], value: float) -> float:
    if operation in (math.floor, math.ceil):
        return value
    if operation is math.exp:
        return math.inf
    if operation in (math.log, math.log10) and value == 0:
        return -math.inf
    return math.nan


_OPERATIONS: dict[str, Callable[[float], float]] = {
    "abs": abs,
    "floor": math.floor,
    "ceiling": math.ceil,
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,
    "log10": math.log10,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
}
for _name_, _operation in _OPERATIONS.items():
    LIBRARY[_name_] = Function(1, 1, _math(_operation))


@function("exp10", 1, 1)
def _exp10(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    try:
        return math.pow(10.0, arg_number(ctx, args[0]))
    except OverflowError:
        return math.inf


@function("pow", 2, 2)
def _pow(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    base = arg_number(ctx, args[0])
    if math.isnan(base):
        return base
    exponent = arg_number(ctx, args[1])
    if math.isnan(exponent):
        return exponent
    if exponent == 0:
        return 1.0
    try:
        result = math.pow(base, exponent)
    except OverflowError:
        return math.inf if base > 0 or exponent % 2 == 0 else -math.inf
    except (ValueError, ZeroDivisionError):
        if base == 0:
            return math.inf
        return math.nan
    return result


@function("atan2", 2, 2)
def _atan2(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return math.atan2(arg_number(ctx, args[0]), arg_number(ctx, args[1]))


@function("pi")
def _pi(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return math.pi


@function("random")
def _random_function(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    return _random.random()


# --- geography ----------------------------------------------------------------------------

EARTH_RADIUS_M = 6378100.0


def _geopoint(text: str) -> tuple[float, float] | None:
    parts = text.split()
    if not 2 <= len(parts) <= 4:
        return None
    latitude, longitude = js_number(parts[0]), js_number(parts[1])
    if not (abs(latitude) <= 90 and abs(longitude) <= 180):
        return None
    return latitude, longitude


def _geotrace(values: list[str]) -> list[tuple[float, float]] | None:
    if not values:
        return None
    if len(values) == 1:
        texts = re.split(r"\s*;\s*", re.sub(r"(\s*;)+$", "", values[0].strip()))
    else:
        texts = values
    points = [_geopoint(text) for text in texts]
    if len(points) < 2 or any(point is None for point in points):
        return None
    return [point for point in points if point is not None]


def _geo_values(ctx: Context, args: Sequence[Evaluator]) -> list[str]:
    return [to_string(item) for item in arg_items(ctx, args)]


def _precise(value: float) -> float:
    return 0.0 if value == 0 else abs(js_round(value * 100) / 100)


@function("area", 1, 1)
def _area(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    points = _geotrace(_geo_values(ctx, args)) or []
    if len(points) < 2:
        return 0.0
    if points[0] != points[-1]:
        points = [*points, points[0]]
    total = 0.0
    for (lat0, lon0), (lat1, lon1) in itertools.pairwise(points):
        total += math.radians(lon1 - lon0) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat0))
        )
    return _precise(total * EARTH_RADIUS_M * EARTH_RADIUS_M / 2)


@function("distance", 1, None)
def _distance(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    points = _geotrace(_geo_values(ctx, args))
    if points is None:
        raise EvaluationFailure("xpath.not_geopoints", "distance")
    total = 0.0
    for (lat0, lon0), (lat1, lon1) in itertools.pairwise(points):
        phi0, phi1 = math.radians(lat0), math.radians(lat1)
        cosine = math.sin(phi0) * math.sin(phi1) + math.cos(phi0) * math.cos(phi1) * math.cos(
            math.radians(lon0 - lon1)
        )
        total += math.acos(max(-1.0, min(1.0, cosine))) * EARTH_RADIUS_M
    return _precise(total)


@function("geofence", 2, 2)
def _geofence(ctx: Context, args: Sequence[Evaluator]) -> XValue:
    point = _geopoint(arg_text(ctx, args[0]))
    shape = _geotrace([arg_text(ctx, args[1])])
    if point is None or shape is None or shape[0] != shape[-1]:
        return False
    lat, lon = point
    inside = False
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(shape):
        if (lat2 > lat) != (lat1 > lat) and lon < (lon1 - lon2) * (lat - lat2) / (
            lat1 - lat2
        ) + lon2:
            inside = not inside
    return inside
