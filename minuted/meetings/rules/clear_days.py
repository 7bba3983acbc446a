"""Counting clear days: publication deadlines (domain rules §1).

A meeting date and a counting rule in; the latest day the agenda (or a notice) may be published,
the days that were counted and an explanation in words, out. No Django, no database.

The law
-------
* Local Government Act 1972 s.100A(6)(a) and s.100B(3): agenda and reports must be open to
  inspection at least **5 clear days** before the meeting (3 in Wales).
* The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
  Regulations 2012 (SI 2012/2089) reg 9: notice of a key decision at least **28 clear days**
  before it is made.
* *R v Swansea City Council, ex p Elitestone Ltd* (Court of Appeal, 1993): "clear days" exclude
  both the day of publication and the day of the meeting, and Saturdays, Sundays and bank
  holidays do not count; Christmas Day and Good Friday (common-law holidays in England and
  Wales, rather than bank holidays) do not count either.

Definitions used throughout
---------------------------
* A day is **counted** (:func:`is_counted_day`) when its weekday is one of the rule's
  ``counted_weekdays``, it is not a holiday of the rule's calendar (unless ``count_holidays``)
  and it is not one of the rule's ``extra_closures``.
* A day is a **working day** (:func:`is_working_day`) when it is Monday to Friday, not a holiday
  of the rule's calendar and not one of the rule's ``extra_closures``. This does not depend on
  ``counted_weekdays`` or ``count_holidays``: it is the office calendar on which publication can
  happen. For the default rule the two notions coincide.
* "N clear days before M": at least N counted days lie strictly between the publication day P
  and the meeting day M (neither end counts). The deadline is the latest such P; with "publish
  on working days only" P then moves back to the nearest working day on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

import holidays

ONE_DAY = dt.timedelta(days=1)

MONDAY_TO_FRIDAY: frozenset[int] = frozenset({0, 1, 2, 3, 4})
"""Weekday numbers (``date.weekday()``: Monday=0 … Sunday=6) of an ordinary working week."""

ALL_WEEKDAYS: frozenset[int] = frozenset(range(7))

_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_NAME = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAME = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_LISTED_DAYS_MAX = 10
"""Explanations list every clear day up to this many; longer spans are shown as a range."""


class HolidayCalendar(StrEnum):
    """The UK bank-holiday divisions, named as in GOV.UK's ``bank-holidays.json``."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


_SUBDIVISION = {
    HolidayCalendar.ENGLAND_AND_WALES: "ENG",
    HolidayCalendar.SCOTLAND: "SCT",
    HolidayCalendar.NORTHERN_IRELAND: "NIR",
}


@dataclass(frozen=True)
class ClearDaysRule:
    """How clear days are counted for one kind of deadline (domain-rules.md §1).

    Defaults: **5 clear working days** in England (Local Government Act 1972 s.100A(6)(a),
    s.100B(3); use ``clear_days=3`` in Wales), counting Monday to Friday and not counting bank
    holidays, Christmas Day or Good Friday (*R v Swansea City Council, ex p Elitestone*, CA
    1993), with publication on working days only.

    ``counted_weekdays`` uses ``date.weekday()`` numbers (Monday=0 … Sunday=6).
    ``extra_closures`` are local closure days (e.g. 29–31 December) that neither count nor are
    working days. Sets given as any iterable are stored as frozensets; ``calendar`` may be given
    as its string value. Raises :class:`ValueError` for a negative ``clear_days``, an empty
    ``counted_weekdays``, a weekday number outside 0–6 or an unknown calendar.
    """

    clear_days: int = 5
    counted_weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    calendar: HolidayCalendar = HolidayCalendar.ENGLAND_AND_WALES
    count_holidays: bool = False
    extra_closures: frozenset[dt.date] = field(default_factory=frozenset)
    publish_on_working_days_only: bool = True

    def __post_init__(self) -> None:
        if self.clear_days < 0:
            raise ValueError(f"clear_days must be 0 or more, got {self.clear_days}")
        weekdays = frozenset(self.counted_weekdays)
        if not weekdays:
            raise ValueError(
                "counted_weekdays must name at least one weekday (Monday=0 … Sunday=6)"
            )
        outside = sorted(day for day in weekdays if day not in ALL_WEEKDAYS)
        if outside:
            raise ValueError(
                f"counted_weekdays must be weekday numbers 0 (Monday) to 6 (Sunday), got {outside}"
            )
        try:
            calendar = HolidayCalendar(self.calendar)
        except ValueError:
            known = ", ".join(c.value for c in HolidayCalendar)
            raise ValueError(
                f"unknown holiday calendar {self.calendar!r}; expected one of {known}"
            ) from None
        object.__setattr__(self, "counted_weekdays", weekdays)
        object.__setattr__(self, "calendar", calendar)
        object.__setattr__(self, "extra_closures", frozenset(self.extra_closures))


DEFAULT_RULE = ClearDaysRule()
"""5 clear working days, England and Wales calendar, publication on working days only."""


def key_decision_rule(
    *, calendar: HolidayCalendar = HolidayCalendar.ENGLAND_AND_WALES
) -> ClearDaysRule:
    """The rule for a key-decision notice: **28 clear days**, counted as calendar days.

    Executive Arrangements Regulations 2012 (SI 2012/2089) reg 9. Every day counts, weekends and
    holidays included (the default setting for this notice; a board may choose working days
    instead). The notice is still published on a working day, so a deadline falling on a
    weekend or holiday moves back to the working day before it.
    """
    return ClearDaysRule(
        clear_days=28,
        counted_weekdays=ALL_WEEKDAYS,
        calendar=calendar,
        count_holidays=True,
    )


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def _holidays_in_year(calendar: HolidayCalendar, year: int) -> frozenset[dt.date]:
    package_days = holidays.country_holidays("GB", subdiv=_SUBDIVISION[calendar], years=year)
    common_law = {dt.date(year, 12, 25), easter_sunday(year) - 2 * ONE_DAY}
    return frozenset(day for day in package_days if day.year == year) | common_law


def holidays_for(calendar: HolidayCalendar, years: Iterable[int]) -> frozenset[dt.date]:
    """The holidays of ``calendar`` in ``years``: days that are not clear days by default.

    The bank holidays come from the ``holidays`` package (``country_holidays("GB",
    subdiv="ENG" / "SCT" / "NIR")``), which computes any year including one-off holidays.
    Christmas Day and Good Friday are always added: in England and Wales they are common-law
    holidays rather than bank holidays under the Banking and Financial Dealings Act 1971, yet
    *ex p Elitestone* treats them as non-working days. (The package already returns both for
    every subdivision, as GOV.UK lists them for every division; they are added here so the rule
    does not depend on that.) Results are cached per calendar and year.

    Checked against GOV.UK's ``bank-holidays.json`` for 2024–2027 (see
    ``minuted/meetings/data``): every GOV.UK date is included. The package also returns:

    * the day itself when a holiday falls on a Saturday or Sunday, as well as the substitute
      weekday GOV.UK lists (e.g. Sat 26 Dec 2026 and Mon 28 Dec 2026). This matters only to a
      rule that counts weekends, and then errs towards an earlier deadline;
    * one-off holidays that GOV.UK's copy does not list — in ``holidays`` 0.109, Scotland's
      Mon 15 June 2026 (FIFA World Cup). Counting it as a holiday also errs towards an earlier
      deadline.
    """
    calendar = HolidayCalendar(calendar)
    days: set[dt.date] = set()
    for year in set(years):
        days |= _holidays_in_year(calendar, year)
    return frozenset(days)


def _is_holiday(day: dt.date, calendar: HolidayCalendar) -> bool:
    return day in _holidays_in_year(calendar, day.year)


def is_counted_day(day: dt.date, rule: ClearDaysRule) -> bool:
    """Whether ``day`` counts as a clear day under ``rule`` (if it lies between the two ends).

    It must fall on one of the rule's counted weekdays, not be a holiday of its calendar (unless
    the rule counts holidays) and not be one of its extra closure days.
    """
    if day.weekday() not in rule.counted_weekdays or day in rule.extra_closures:
        return False
    return rule.count_holidays or not _is_holiday(day, rule.calendar)


def is_working_day(day: dt.date, rule: ClearDaysRule) -> bool:
    """Whether ``day`` is a working day: Monday to Friday, not a holiday, not a closure day.

    Holidays are those of the rule's calendar (:func:`holidays_for`) whatever ``count_holidays``
    says, and the rule's ``extra_closures`` are not working days. Publication days and
    :func:`working_days_left` use this. For the default rule it is the same as
    :func:`is_counted_day`.
    """
    return (
        day.weekday() in MONDAY_TO_FRIDAY
        and day not in rule.extra_closures
        and not _is_holiday(day, rule.calendar)
    )


@dataclass(frozen=True)
class Deadline:
    """A publication deadline and how it was reached.

    ``clear_days`` are the N counted days nearest to the meeting (oldest first), all strictly
    between ``publish_by`` and ``meeting_date``. When the deadline was moved back to a working
    day, further counted days may lie between the two (e.g. a counted Saturday); they are not
    listed. ``moved_back_from`` is the latest day the count alone allows, set only when "publish
    on working days only" moved the deadline back from it; otherwise ``None``.
    """

    meeting_date: dt.date
    publish_by: dt.date
    clear_days: tuple[dt.date, ...]
    moved_back_from: dt.date | None
    explanation: str


def publication_deadline(meeting_date: dt.date, rule: ClearDaysRule = DEFAULT_RULE) -> Deadline:
    """The latest day to publish for a meeting on ``meeting_date`` (domain-rules.md §1).

    The deadline is the latest day P before the meeting day such that at least
    ``rule.clear_days`` counted days lie strictly between P and the meeting day; neither end
    counts (*R v Swansea City Council, ex p Elitestone*, CA 1993). With 0 clear days P is the
    day before the meeting. With ``publish_on_working_days_only`` (the default), P moves back to
    the nearest working day on or before it. The default rule is 5 clear working days in
    England (Local Government Act 1972 s.100A(6)(a), s.100B(3)).

    Example: a meeting on Thursday 14 May 2026 needs the 5 clear days Thu 7, Fri 8, Mon 11,
    Tue 12 and Wed 13 May, so the agenda must be published by Wednesday 6 May 2026.
    """
    counted: list[dt.date] = []
    day = meeting_date
    try:
        while len(counted) < rule.clear_days:
            day -= ONE_DAY
            if is_counted_day(day, rule):
                counted.append(day)
        latest = day - ONE_DAY
        publish_by = latest
        if rule.publish_on_working_days_only:
            while not is_working_day(publish_by, rule):
                publish_by -= ONE_DAY
    except OverflowError:
        raise ValueError(
            f"{rule.clear_days} clear days before {meeting_date.isoformat()} reach back before"
            " the earliest representable date"
        ) from None
    counted.reverse()
    moved_back_from = latest if publish_by != latest else None
    return Deadline(
        meeting_date=meeting_date,
        publish_by=publish_by,
        clear_days=tuple(counted),
        moved_back_from=moved_back_from,
        explanation=_explain(meeting_date, publish_by, tuple(counted), latest, rule),
    )


def working_days_left(
    today: dt.date, deadline: Deadline, rule: ClearDaysRule = DEFAULT_RULE
) -> int:
    """Working days left to publish, or (negative) how many working days ago the deadline passed.

    Let P be ``deadline.publish_by`` and "working day" be as in :func:`is_working_day`.

    * On or before P: the number of working days from ``today`` to P, both included. So 1 on
      the deadline day when it is a working day, and 0 only when no working day is left before
      the deadline has passed (e.g. P is a Sunday and today is that weekend).
    * After P: minus the number of working days after P up to and including ``today``, but at
      least 1 in size. So -1 the day after the deadline (and through a following weekend or
      holiday), -2 on the second working day after it, and so on.

    Example (default rule, deadline Wed 6 May 2026): Fri 1 May → 3 (Mon 4 May is a bank
    holiday), Wed 6 May → 1, Thu 7 May → -1, Fri 8 May → -2, Sat 9 May → -2.
    """
    publish_by = deadline.publish_by
    if today <= publish_by:
        return _working_days_between(today, publish_by, rule)
    return -max(1, _working_days_between(publish_by + ONE_DAY, today, rule))


def _working_days_between(first: dt.date, last: dt.date, rule: ClearDaysRule) -> int:
    """Working days from ``first`` to ``last``, both included."""
    total = 0
    day = first
    while day <= last:
        total += is_working_day(day, rule)
        day += ONE_DAY
    return total


# Explanations ---------------------------------------------------------------------------------


def _long_date(day: dt.date) -> str:
    """E.g. "Thursday 14 May 2026"."""
    return f"{_DAY_NAME[day.weekday()]} {day.day} {_MONTH_NAME[day.month - 1]} {day.year}"


def _short_day(day: dt.date) -> str:
    return f"{_DAY_ABBR[day.weekday()]} {day.day}"


def _day_list(days: Sequence[dt.date]) -> str:
    """E.g. "Thu 24, Tue 29, Wed 30, Thu 31 Dec 2026, Mon 4 Jan 2027" (years only if mixed)."""
    with_year = len({day.year for day in days}) > 1
    parts: list[str] = []
    for index, day in enumerate(days):
        text = _short_day(day)
        following = days[index + 1] if index + 1 < len(days) else None
        if following is None or (following.year, following.month) != (day.year, day.month):
            text += f" {_MONTH_ABBR[day.month - 1]}"
            if with_year:
                text += f" {day.year}"
        parts.append(text)
    return ", ".join(parts)


def _day_span(days: Sequence[dt.date]) -> str:
    if len(days) <= _LISTED_DAYS_MAX:
        return _day_list(days)
    first, last = days[0], days[-1]
    with_year = first.year != last.year
    ends = [
        f"{_short_day(day)} {_MONTH_ABBR[day.month - 1]}" + (f" {day.year}" if with_year else "")
        for day in (first, last)
    ]
    return " to ".join(ends)


def _weekday_range(weekdays: frozenset[int]) -> str:
    """E.g. "Mon–Sat" for a run of weekdays, else "Mon, Wed, Sat"."""
    ordered = sorted(weekdays)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{_DAY_ABBR[ordered[0]]}–{_DAY_ABBR[ordered[-1]]}"
    return ", ".join(_DAY_ABBR[day] for day in ordered)


def _count_words(rule: ClearDaysRule) -> str:
    """E.g. "5 clear working days", "28 clear calendar days", "1 clear day counting Sat"."""
    n = rule.clear_days
    if rule.counted_weekdays == MONDAY_TO_FRIDAY and not rule.count_holidays:
        return f"{n} clear working day" + ("" if n == 1 else "s")
    if rule.counted_weekdays == ALL_WEEKDAYS and rule.count_holidays:
        return f"{n} clear calendar day" + ("" if n == 1 else "s")
    holidays_words = "and holidays" if rule.count_holidays else "but not holidays"
    weekdays = _weekday_range(rule.counted_weekdays)
    return f"{n} clear day" + ("" if n == 1 else "s") + f" counting {weekdays} {holidays_words}"


def _explain(
    meeting_date: dt.date,
    publish_by: dt.date,
    counted: tuple[dt.date, ...],
    latest: dt.date,
    rule: ClearDaysRule,
) -> str:
    if counted:
        text = f"{_count_words(rule)} ({_day_span(counted)}) before {_long_date(meeting_date)}"
    else:
        text = f"No clear days needed before {_long_date(meeting_date)}"
    skipped_holidays: list[dt.date] = []
    skipped_closures: list[dt.date] = []
    day = latest + ONE_DAY
    while day < meeting_date:
        if day.weekday() in rule.counted_weekdays:
            if day in rule.extra_closures:
                skipped_closures.append(day)
            elif not rule.count_holidays and _is_holiday(day, rule.calendar):
                skipped_holidays.append(day)
        day += ONE_DAY
    if skipped_holidays:
        text += f", not counting holidays ({_day_span(skipped_holidays)})"
    if skipped_closures:
        text += f", not counting local closure days ({_day_span(skipped_closures)})"
    if publish_by != latest:
        return (
            f"{text}: the count alone allows {_long_date(latest)}, which is not a working day,"
            f" so publish by {_long_date(publish_by)}."
        )
    return f"{text}: publish by {_long_date(publish_by)}."
