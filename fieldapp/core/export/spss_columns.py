"""How SPSS shows each variable: its measurement level and its width in the Data View.

Without them every variable of a ``.sav`` is of unknown measure (SPSS's Chart Builder and
Custom Tables stop to ask for a scan of the data) and 8 characters wide in the Data View,
so a datetime or an interview id does not show whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.core.export.columns import Kind

NOMINAL = "nominal"
SCALE = "scale"
_SCALE_KINDS = frozenset({Kind.INTEGER, Kind.DECIMAL, Kind.DATE, Kind.DATETIME, Kind.TIME})
_DATE_WIDTHS = {Kind.DATE: 11, Kind.DATETIME: 20, Kind.TIME: 8}
"""The characters of SPSS's DATE11, DATETIME20 and TIME8."""
NARROWEST = 8
"""SPSS's own default width."""
WIDEST = 40
"""Free text wider than this is read in the cell's own view, as in the workbook."""
MEASURED_ROWS = 1000
"""Text widths are measured on the first rows only: measuring every cell cost a tenth of a
large export's time, for a width the analyst can drag (ids and keys are all one length)."""


def measure(kind: Kind, labelled: bool) -> str:
    """Return the measurement level of a variable: codes and text are categories."""
    return SCALE if kind in _SCALE_KINDS and not labelled else NOMINAL


def display_width(kind: Kind, series: Any, value_labels: Mapping[Any, str], number: str) -> int:
    """Return the Data View width that shows the column's values (or their value labels).

    ``number`` is the variable's numeric display format, if it has one (``F12.0``).
    """
    if value_labels:
        wanted = max(len(label) for label in value_labels.values())
    elif kind in _DATE_WIDTHS:
        wanted = _DATE_WIDTHS[kind]
    elif kind is Kind.TEXT:  # strings, "" where unanswered (``StatsSheet._series``)
        wanted = max(map(len, series.to_numpy()[:MEASURED_ROWS]), default=0)
    elif number.startswith("F"):
        wanted = int(number[1:].split(".")[0])
    else:
        wanted = NARROWEST
    return min(max(wanted, NARROWEST), WIDEST)
