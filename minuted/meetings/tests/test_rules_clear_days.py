"""Counting clear days and publication deadlines (domain-rules.md §1). Pure: no database."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minuted.meetings.rules.clear_days import (
    DEFAULT_RULE,
    ClearDaysRule,
    Deadline,
    HolidayCalendar,
    easter_sunday,
    holidays_for,
    is_counted_day,
    is_working_day,
    key_decision_rule,
    publication_deadline,
    working_days_left,
)

D = dt.date
ONE_DAY = dt.timedelta(days=1)
GOVUK_FILE = Path(__file__).resolve().parents[1] / "data" / "bank-holidays.json"


def govuk_events(division: str) -> dict[dt.date, dict[str, str]]:
    data = json.loads(GOVUK_FILE.read_text(encoding="utf-8"))
    return {D.fromisoformat(event["date"]): event for event in data[division]["events"]}


def counted_between(start: dt.date, end: dt.date, rule: ClearDaysRule) -> list[dt.date]:
    """Counted days strictly between ``start`` and ``end``."""
    days = []
    day = start + ONE_DAY
    while day < end:
        if is_counted_day(day, rule):
            days.append(day)
        day += ONE_DAY
    return days


# The worked examples of domain-rules.md §1 (5 clear working days, England) ---------------------


def test_meeting_on_thursday_14_may_2026_publishes_by_wednesday_6_may():
    deadline = publication_deadline(D(2026, 5, 14))

    assert deadline.publish_by == D(2026, 5, 6)
    assert deadline.clear_days == (
        D(2026, 5, 7),
        D(2026, 5, 8),
        D(2026, 5, 11),
        D(2026, 5, 12),
        D(2026, 5, 13),
    )
    assert deadline.moved_back_from is None
    assert deadline.meeting_date == D(2026, 5, 14)
    assert deadline.explanation == (
        "5 clear working days (Thu 7, Fri 8, Mon 11, Tue 12, Wed 13 May) before Thursday"
        " 14 May 2026: publish by Wednesday 6 May 2026."
    )


def test_meeting_after_spring_bank_holiday_moves_back_from_sunday_to_friday_15_may_2026():
    deadline = publication_deadline(D(2026, 5, 26))

    assert deadline.clear_days == tuple(D(2026, 5, day) for day in (18, 19, 20, 21, 22))
    assert deadline.moved_back_from == D(2026, 5, 17)
    assert deadline.publish_by == D(2026, 5, 15)
    assert "not counting holidays (Mon 25 May)" in deadline.explanation
    assert "the count alone allows Sunday 17 May 2026" in deadline.explanation
    assert deadline.explanation.endswith("so publish by Friday 15 May 2026.")


def test_meeting_on_tuesday_5_january_2027_publishes_by_wednesday_23_december_2026():
    deadline = publication_deadline(D(2027, 1, 5))

    assert deadline.publish_by == D(2026, 12, 23)
    assert deadline.clear_days == (
        D(2026, 12, 24),
        D(2026, 12, 29),
        D(2026, 12, 30),
        D(2026, 12, 31),
        D(2027, 1, 4),
    )
    assert deadline.moved_back_from is None
    assert deadline.explanation == (
        "5 clear working days (Thu 24, Tue 29, Wed 30, Thu 31 Dec 2026, Mon 4 Jan 2027) before"
        " Tuesday 5 January 2027, not counting holidays (Fri 25, Mon 28 Dec 2026, Fri 1 Jan"
        " 2027): publish by Wednesday 23 December 2026."
    )


def test_default_rule_is_five_clear_working_days_in_england_and_wales():
    rule = ClearDaysRule()

    assert rule == DEFAULT_RULE
    assert rule.clear_days == 5
    assert rule.counted_weekdays == frozenset({0, 1, 2, 3, 4})
    assert rule.calendar is HolidayCalendar.ENGLAND_AND_WALES
    assert rule.count_holidays is False
    assert rule.extra_closures == frozenset()
    assert rule.publish_on_working_days_only is True
    assert publication_deadline(D(2026, 5, 14)) == publication_deadline(D(2026, 5, 14), rule)


def test_bank_holiday_on_the_count_alone_deadline_moves_it_back_to_the_previous_working_day():
    # Meeting Tue 12 May 2026: the count alone allows Mon 4 May, the Early May bank holiday.
    deadline = publication_deadline(D(2026, 5, 12))

    assert deadline.moved_back_from == D(2026, 5, 4)
    assert deadline.publish_by == D(2026, 5, 1)


# Bank holidays: the `holidays` package against GOV.UK's list --------------------------------

DIVISIONS = [
    HolidayCalendar.ENGLAND_AND_WALES,
    HolidayCalendar.SCOTLAND,
    HolidayCalendar.NORTHERN_IRELAND,
]

# Every holiday holidays_for() gives for 2024–2027 that GOV.UK's list does not (holidays 0.109).
# Apart from Scotland's one-off World Cup day, each is the day itself of a holiday that falls
# on a Saturday or Sunday, for which GOV.UK lists only the substitute weekday.
WEEKEND_NOMINAL_DATES = {
    HolidayCalendar.ENGLAND_AND_WALES: {
        D(2026, 12, 26),  # Boxing Day, Sat (GOV.UK: Mon 28 Dec)
        D(2027, 12, 25),  # Christmas Day, Sat (GOV.UK: Mon 27 Dec)
        D(2027, 12, 26),  # Boxing Day, Sun (GOV.UK: Tue 28 Dec)
    },
    HolidayCalendar.SCOTLAND: {
        D(2024, 11, 30),  # St Andrew's Day, Sat (GOV.UK: Mon 2 Dec)
        D(2025, 11, 30),  # St Andrew's Day, Sun (GOV.UK: Mon 1 Dec)
        D(2026, 12, 26),  # Boxing Day, Sat
        D(2027, 1, 2),  # 2nd January, Sat (GOV.UK: Mon 4 Jan)
        D(2027, 12, 25),  # Christmas Day, Sat
        D(2027, 12, 26),  # Boxing Day, Sun
    },
    HolidayCalendar.NORTHERN_IRELAND: {
        D(2024, 3, 17),  # St Patrick's Day, Sun (GOV.UK: Mon 18 Mar)
        D(2025, 7, 12),  # Battle of the Boyne, Sat (GOV.UK: Mon 14 Jul)
        D(2026, 7, 12),  # Battle of the Boyne, Sun (GOV.UK: Mon 13 Jul)
        D(2026, 12, 26),  # Boxing Day, Sat
        D(2027, 12, 25),  # Christmas Day, Sat
        D(2027, 12, 26),  # Boxing Day, Sun
    },
}
ONE_OFF_HOLIDAYS_NOT_IN_GOVUK = {
    HolidayCalendar.ENGLAND_AND_WALES: set(),
    HolidayCalendar.NORTHERN_IRELAND: set(),
    # "Scotland's participation in the FIFA World Cup final", a weekday.
    HolidayCalendar.SCOTLAND: {D(2026, 6, 15)},
}


def is_christmas_day_or_good_friday(day: dt.date) -> bool:
    return (day.month, day.day) == (12, 25) or day == easter_sunday(day.year) - 2 * ONE_DAY


@pytest.mark.parametrize("calendar", DIVISIONS, ids=str)
def test_every_govuk_bank_holiday_is_a_holiday(calendar):
    events = govuk_events(calendar.value)
    years = sorted({day.year for day in events})
    assert years == [2024, 2025, 2026, 2027]

    for year in years:
        found = holidays_for(calendar, [year])
        missing = sorted(day for day in events if day.year == year and day not in found)
        assert missing == [], f"{calendar} {year}: GOV.UK dates missing {missing}"


@pytest.mark.parametrize("calendar", DIVISIONS, ids=str)
def test_holidays_beyond_govuk_are_only_the_documented_ones(calendar):
    events = govuk_events(calendar.value)
    years = {day.year for day in events}
    extra = {day for day in holidays_for(calendar, years) if day not in events}

    assert extra == WEEKEND_NOMINAL_DATES[calendar] | ONE_OFF_HOLIDAYS_NOT_IN_GOVUK[calendar]

    # Each weekend date is Christmas Day, or a holiday GOV.UK lists as a substitute weekday.
    for day in WEEKEND_NOMINAL_DATES[calendar] - {
        day for day in extra if is_christmas_day_or_good_friday(day)
    }:
        assert day.weekday() >= 5, day
        substitutes = [
            event
            for offset in (1, 2, 3)
            if (event := events.get(day + offset * ONE_DAY)) is not None
            and event["notes"] == "Substitute day"
        ]
        assert substitutes, f"no GOV.UK substitute day after {day}"
    weekday_extras = {day for day in extra if day.weekday() < 5}
    assert weekday_extras == ONE_OFF_HOLIDAYS_NOT_IN_GOVUK[calendar]


@pytest.mark.parametrize("calendar", DIVISIONS, ids=str)
def test_christmas_day_and_good_friday_are_always_holidays(calendar):
    for year in range(1990, 2061):
        found = holidays_for(calendar, [year])
        assert D(year, 12, 25) in found
        assert easter_sunday(year) - 2 * ONE_DAY in found


def test_easter_sunday_agrees_with_the_holidays_package():
    for year in range(1900, 2101):
        package = holidays.country_holidays("GB", subdiv="ENG", years=year)
        good_fridays = [day for day, name in package.items() if name == "Good Friday"]
        assert good_fridays == [easter_sunday(year) - 2 * ONE_DAY], year


def test_holidays_for_several_years_is_the_union_of_each_year():
    calendar = HolidayCalendar.SCOTLAND
    both = holidays_for(calendar, [2025, 2026])

    assert both == holidays_for(calendar, [2025]) | holidays_for(calendar, [2026])
    assert holidays_for(calendar, iter([2026, 2026])) == holidays_for(calendar, [2026])
    assert holidays_for(calendar, []) == frozenset()
    assert {day.year for day in both} == {2025, 2026}


def test_holiday_calendar_values_are_govuk_division_names():
    data = json.loads(GOVUK_FILE.read_text(encoding="utf-8"))
    assert {calendar.value for calendar in HolidayCalendar} == set(data)


# Settings ------------------------------------------------------------------------------------


def test_wales_three_clear_days():
    deadline = publication_deadline(D(2026, 5, 14), ClearDaysRule(clear_days=3))

    assert deadline.clear_days == (D(2026, 5, 11), D(2026, 5, 12), D(2026, 5, 13))
    assert deadline.moved_back_from == D(2026, 5, 10)
    assert deadline.publish_by == D(2026, 5, 8)
    assert deadline.explanation.startswith("3 clear working days (Mon 11, Tue 12, Wed 13 May)")


def test_counting_saturdays_gives_a_later_deadline():
    monday_to_saturday = ClearDaysRule(counted_weekdays=frozenset({0, 1, 2, 3, 4, 5}))
    deadline = publication_deadline(D(2026, 5, 12), monday_to_saturday)

    assert deadline.clear_days == tuple(D(2026, 5, day) for day in (6, 7, 8, 9, 11))
    assert deadline.publish_by == D(2026, 5, 5)
    assert deadline.moved_back_from is None
    assert "counting Mon–Sat but not holidays" in deadline.explanation
    assert publication_deadline(D(2026, 5, 12)).publish_by == D(2026, 5, 1)


def test_counted_saturday_before_a_moved_back_deadline_is_not_listed():
    monday_to_saturday = ClearDaysRule(counted_weekdays=frozenset(range(6)))
    deadline = publication_deadline(D(2026, 5, 16), monday_to_saturday)

    assert deadline.moved_back_from == D(2026, 5, 10)
    assert deadline.publish_by == D(2026, 5, 8)
    # Sat 9 May also lies between, and counts; the N nearest the meeting are listed.
    assert deadline.clear_days == tuple(D(2026, 5, day) for day in (11, 12, 13, 14, 15))
    assert len(counted_between(deadline.publish_by, D(2026, 5, 16), monday_to_saturday)) == 6


def test_a_saturday_is_not_a_working_day_even_when_it_counts():
    monday_to_saturday = ClearDaysRule(counted_weekdays=frozenset(range(6)))

    assert is_counted_day(D(2026, 5, 9), monday_to_saturday)
    assert not is_working_day(D(2026, 5, 9), monday_to_saturday)


def test_christmas_closure_days_push_the_deadline_earlier():
    closures = frozenset({D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)})
    rule = ClearDaysRule(extra_closures=closures)
    deadline = publication_deadline(D(2027, 1, 5), rule)

    assert deadline.clear_days == (
        D(2026, 12, 21),
        D(2026, 12, 22),
        D(2026, 12, 23),
        D(2026, 12, 24),
        D(2027, 1, 4),
    )
    assert deadline.moved_back_from == D(2026, 12, 20)
    assert deadline.publish_by == D(2026, 12, 18)
    assert "not counting local closure days (Tue 29, Wed 30, Thu 31 Dec)" in deadline.explanation
    for day in closures:
        assert not is_counted_day(day, rule)
        assert not is_working_day(day, rule)


def test_closure_days_are_not_publication_days():
    # Meeting Fri 15 May 2026: the count alone allows Thu 7 May, a closure day here.
    rule = ClearDaysRule(extra_closures=frozenset({D(2026, 5, 7)}))
    deadline = publication_deadline(D(2026, 5, 15), rule)

    assert publication_deadline(D(2026, 5, 15)).publish_by == D(2026, 5, 7)
    assert deadline.moved_back_from == D(2026, 5, 7)
    assert deadline.publish_by == D(2026, 5, 6)


def test_counting_holidays_counts_the_spring_bank_holiday():
    rule = ClearDaysRule(count_holidays=True)
    deadline = publication_deadline(D(2026, 5, 26), rule)

    assert deadline.clear_days == tuple(D(2026, 5, day) for day in (19, 20, 21, 22, 25))
    assert deadline.publish_by == D(2026, 5, 18)
    assert deadline.moved_back_from is None
    assert is_counted_day(D(2026, 5, 25), rule)
    # A counted holiday is still not a day to publish on.
    assert not is_working_day(D(2026, 5, 25), rule)


def test_publishing_on_any_day_keeps_the_sunday_deadline():
    rule = ClearDaysRule(publish_on_working_days_only=False)
    deadline = publication_deadline(D(2026, 5, 26), rule)

    assert deadline.publish_by == D(2026, 5, 17)
    assert deadline.moved_back_from is None
    assert deadline.explanation.endswith("publish by Sunday 17 May 2026.")


def test_scottish_calendar_skips_the_scottish_summer_bank_holiday():
    meeting = D(2026, 8, 4)  # Mon 3 Aug is a bank holiday in Scotland only.
    scotland = ClearDaysRule(calendar=HolidayCalendar.SCOTLAND)

    assert publication_deadline(meeting).publish_by == D(2026, 7, 27)
    assert publication_deadline(meeting, scotland).publish_by == D(2026, 7, 24)


def test_northern_irish_calendar_skips_the_battle_of_the_boyne_holiday():
    meeting = D(2026, 7, 15)  # Mon 13 Jul is the Boyne substitute day in Northern Ireland.
    northern_ireland = ClearDaysRule(calendar="northern-ireland")  # type: ignore[arg-type]

    assert northern_ireland.calendar is HolidayCalendar.NORTHERN_IRELAND
    assert publication_deadline(meeting).publish_by == D(2026, 7, 7)
    assert publication_deadline(meeting, northern_ireland).publish_by == D(2026, 7, 6)


def test_key_decision_notice_needs_28_clear_calendar_days():
    rule = key_decision_rule()
    deadline = publication_deadline(D(2026, 5, 14), rule)

    assert rule.clear_days == 28
    assert rule.counted_weekdays == frozenset(range(7))
    assert rule.count_holidays is True
    assert deadline.publish_by == D(2026, 4, 15)
    assert len(deadline.clear_days) == 28
    assert deadline.clear_days[0] == D(2026, 4, 16)
    assert deadline.clear_days[-1] == D(2026, 5, 13)
    assert deadline.explanation == (
        "28 clear calendar days (Thu 16 Apr to Wed 13 May) before Thursday 14 May 2026:"
        " publish by Wednesday 15 April 2026."
    )


def test_key_decision_deadline_on_a_weekend_moves_back_to_friday():
    deadline = publication_deadline(D(2026, 5, 18), key_decision_rule())

    assert deadline.moved_back_from == D(2026, 4, 19)
    assert deadline.publish_by == D(2026, 4, 17)


def test_key_decision_counts_christmas_and_bank_holidays():
    deadline = publication_deadline(D(2027, 1, 20), key_decision_rule())

    assert D(2026, 12, 25) in deadline.clear_days
    assert D(2027, 1, 1) in deadline.clear_days
    assert deadline.publish_by == D(2026, 12, 22)


def test_zero_clear_days_allows_publishing_the_day_before():
    deadline = publication_deadline(D(2026, 5, 14), ClearDaysRule(clear_days=0))

    assert deadline.publish_by == D(2026, 5, 13)
    assert deadline.clear_days == ()
    assert deadline.explanation == (
        "No clear days needed before Thursday 14 May 2026: publish by Wednesday 13 May 2026."
    )


def test_long_spans_are_counted():
    deadline = publication_deadline(D(2026, 5, 14), ClearDaysRule(clear_days=2000))

    assert len(deadline.clear_days) == 2000
    assert deadline.publish_by.year == 2018
    assert is_working_day(deadline.publish_by, DEFAULT_RULE)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"clear_days": -1}, "clear_days must be 0 or more, got -1"),
        ({"counted_weekdays": frozenset()}, "counted_weekdays must name at least one weekday"),
        ({"counted_weekdays": frozenset({0, 7})}, "weekday numbers 0 (Monday) to 6 (Sunday)"),
        ({"calendar": "wales"}, "unknown holiday calendar 'wales'"),
    ],
)
def test_invalid_rules_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        ClearDaysRule(**kwargs)


def test_sets_given_as_other_iterables_are_stored_as_frozensets():
    rule = ClearDaysRule(counted_weekdays={0, 1}, extra_closures=[D(2026, 12, 29)])  # type: ignore[arg-type]

    assert rule.counted_weekdays == frozenset({0, 1})
    assert rule.extra_closures == frozenset({D(2026, 12, 29)})
    hash(rule)


def test_counting_back_before_the_first_date_is_an_error():
    with pytest.raises(ValueError, match="earliest representable date"):
        publication_deadline(D(1, 1, 10), ClearDaysRule(clear_days=20, count_holidays=True))


# working_days_left ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 4, 30), 4),  # Thu 30 Apr: Thu, Fri 1, Tue 5, Wed 6
        (D(2026, 5, 1), 3),  # Fri 1 May: Mon 4 May is a bank holiday
        (D(2026, 5, 2), 2),  # Sat
        (D(2026, 5, 4), 2),  # bank holiday
        (D(2026, 5, 5), 2),
        (D(2026, 5, 6), 1),  # the deadline day
        (D(2026, 5, 7), -1),  # the day after
        (D(2026, 5, 8), -2),
        (D(2026, 5, 9), -2),  # Sat
        (D(2026, 5, 10), -2),  # Sun
        (D(2026, 5, 11), -3),
    ],
)
def test_working_days_left_around_a_wednesday_deadline(today, expected):
    deadline = publication_deadline(D(2026, 5, 14))

    assert working_days_left(today, deadline, DEFAULT_RULE) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 5, 14), 2),
        (D(2026, 5, 15), 1),  # Fri: the deadline day
        (D(2026, 5, 16), -1),  # Sat after it
        (D(2026, 5, 17), -1),  # Sun
        (D(2026, 5, 18), -1),  # Mon: the first working day after it
        (D(2026, 5, 19), -2),
    ],
)
def test_working_days_left_around_a_friday_deadline(today, expected):
    deadline = publication_deadline(D(2026, 5, 26))

    assert working_days_left(today, deadline, DEFAULT_RULE) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 5, 15), 1),  # Fri
        (D(2026, 5, 16), 0),  # Sat: no working day left, deadline not passed
        (D(2026, 5, 17), 0),  # Sun: the deadline day, not a working day
        (D(2026, 5, 18), -1),
    ],
)
def test_working_days_left_for_a_sunday_deadline(today, expected):
    rule = ClearDaysRule(publish_on_working_days_only=False)
    deadline = publication_deadline(D(2026, 5, 26), rule)
    assert deadline.publish_by == D(2026, 5, 17)

    assert working_days_left(today, deadline, rule) == expected


def test_working_days_left_uses_the_rules_closures():
    closures = frozenset({D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)})
    rule = ClearDaysRule(extra_closures=closures)
    deadline = Deadline(
        meeting_date=D(2027, 1, 8),
        publish_by=D(2027, 1, 4),
        clear_days=(),
        moved_back_from=None,
        explanation="",
    )

    # Mon 28 Dec is a bank holiday, 29–31 Dec are closed, Fri 1 Jan is a bank holiday.
    assert working_days_left(D(2026, 12, 24), deadline, rule) == 2
    assert working_days_left(D(2026, 12, 24), deadline, DEFAULT_RULE) == 5


# Properties ----------------------------------------------------------------------------------

MEETING_DATES = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))


@st.composite
def rules(draw: st.DrawFn) -> ClearDaysRule:
    return ClearDaysRule(
        clear_days=draw(st.integers(min_value=0, max_value=30)),
        counted_weekdays=draw(st.frozensets(st.integers(min_value=0, max_value=6), min_size=1)),
        calendar=draw(st.sampled_from(list(HolidayCalendar))),
        count_holidays=draw(st.booleans()),
        extra_closures=draw(
            st.frozensets(st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 12, 31)), max_size=30)
        ),
        publish_on_working_days_only=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(meeting=MEETING_DATES, rule=rules())
def test_property_deadline_leaves_n_clear_days_and_is_the_latest_such_day(meeting, rule):
    deadline = publication_deadline(meeting, rule)
    n = rule.clear_days
    latest = deadline.moved_back_from or deadline.publish_by

    # (a) at least N counted days strictly between publish_by and the meeting …
    between = counted_between(deadline.publish_by, meeting, rule)
    assert len(between) >= n
    # … and the count alone allows no later day.
    assert len(counted_between(latest, meeting, rule)) >= n
    # (With N = 0 the latest day before the meeting qualifies: the day before.)
    assert latest + ONE_DAY == meeting or len(counted_between(latest + ONE_DAY, meeting, rule)) < n
    if not rule.publish_on_working_days_only:
        assert deadline.publish_by == latest
        assert deadline.moved_back_from is None

    # The clear days listed are the N counted days nearest the meeting.
    assert deadline.clear_days == tuple(between[len(between) - n :])
    assert deadline.meeting_date == meeting
    # (d) publication comes before the meeting.
    assert deadline.publish_by < meeting


@settings(max_examples=300, deadline=None)
@given(meeting=MEETING_DATES, rule=rules())
def test_property_working_days_only_gives_the_latest_working_day(meeting, rule):
    rule = replace(rule, publish_on_working_days_only=True)
    deadline = publication_deadline(meeting, rule)
    n = rule.clear_days

    # (b) publish_by is a working day, and no later working day leaves N clear days.
    assert is_working_day(deadline.publish_by, rule)
    assert len(counted_between(deadline.publish_by, meeting, rule)) >= n
    counted_after = 0
    day = meeting - ONE_DAY
    while day > deadline.publish_by:
        if is_working_day(day, rule):
            assert counted_after < n, f"{day} is a later working day with {counted_after} clear"
        counted_after += is_counted_day(day, rule)
        day -= ONE_DAY
    if deadline.moved_back_from is not None:
        assert deadline.publish_by < deadline.moved_back_from
        assert not is_working_day(deadline.moved_back_from, rule)


@settings(max_examples=300, deadline=None)
@given(first=MEETING_DATES, second=MEETING_DATES, rule=rules())
def test_property_a_later_meeting_never_has_an_earlier_deadline(first, second, rule):
    earlier, later = sorted((first, second))

    # (c) monotone
    assert (
        publication_deadline(earlier, rule).publish_by
        <= publication_deadline(later, rule).publish_by
    )


@settings(max_examples=300, deadline=None)
@given(meeting=MEETING_DATES, rule=rules(), offset=st.integers(min_value=-15, max_value=15))
def test_property_working_days_left_falls_day_by_day_and_turns_negative_after(
    meeting, rule, offset
):
    deadline = publication_deadline(meeting, rule)
    today = deadline.publish_by + offset * ONE_DAY
    left = working_days_left(today, deadline, rule)
    tomorrow = working_days_left(today + ONE_DAY, deadline, rule)

    assert tomorrow <= left
    # Down by at most one a day, except from the deadline day (1 or 0) to -1 the day after.
    assert tomorrow >= left - 1 or (today == deadline.publish_by and tomorrow == -1)
    if today > deadline.publish_by:
        assert left < 0
    else:
        assert left >= 0
        assert left == sum(
            is_working_day(today + i * ONE_DAY, rule)
            for i in range((deadline.publish_by - today).days + 1)
        )
    if today == deadline.publish_by + ONE_DAY:
        assert left == -1
