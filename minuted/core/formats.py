"""Dates and times as UK public bodies write them: "Tuesday 29 October 2019", "11.00 am"."""

from __future__ import annotations

import datetime as dt


def long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def clock(time: dt.time) -> str:
    """ "11.00 am", "1.30 pm", "12.00 noon"."""
    if time.hour == 12 and time.minute == 0:
        return "12.00 noon"
    hour = time.hour % 12 or 12
    return f"{hour}.{time.minute:02d} {'am' if time.hour < 12 else 'pm'}"


def time_window(start: dt.time, end: dt.time | None) -> str:
    return f"{clock(start)} to {clock(end)}" if end else clock(start)
