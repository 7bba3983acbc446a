"""Date ranges with an open end, as memberships have (no Django imports)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

Period = tuple[dt.date, dt.date | None]  # start, inclusive end (None: open-ended)


def overlaps(a: Period, b: Period) -> bool:
    """True when the two inclusive ranges share at least one day."""
    a_start, a_end = a
    b_start, b_end = b
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def active_on(period: Period, day: dt.date) -> bool:
    start, end = period
    return start <= day and (end is None or day <= end)


def peak_alongside(period: Period, others: Iterable[Period]) -> int:
    """The most ranges, ``period`` included, that hold on any one day of ``period``.

    The peak is always reached on the first day of ``period`` or of one of the others, so
    only those days are tried."""
    items = list(others)
    days = [period[0]] + [start for start, _ in items if active_on(period, start)]
    return 1 + max(sum(active_on(p, day) for p in items) for day in days)
