"""The callbacks a long task (merge, export, push) takes to report and to stop."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all) as the task advances."""
Cancel = Callable[[], bool]
"""Polled as the task advances; returns True once the user asked to stop."""
CancelCheck = Cancel
"""``Cancel`` under the name ``fieldapp.core.export`` offers it."""
